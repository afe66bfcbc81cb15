"""Packaging: a license file and SPDX metadata, project links and classifiers, the tools in a ``dev`` extra,
and ``perfeval.testing`` saying how to get Hypothesis when it is missing."""

from __future__ import annotations

import subprocess
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]


def test_license_is_an_spdx_expression_with_its_file() -> None:
    # PEP 639: a string, not the deprecated table { text = … } that hatchling and setuptools warn about
    assert PROJECT["license"] == "MIT" and PROJECT["license-files"] == ["LICENSE"]
    text = (ROOT / "LICENSE").read_text(encoding="utf-8")
    assert text.startswith("MIT License") and "WITHOUT WARRANTY OF ANY KIND" in text
    assert not any(c.startswith("License ::") for c in PROJECT["classifiers"])  # PEP 639 forbids both


def test_links_and_classifiers() -> None:
    assert {"Homepage", "Documentation", "Changelog", "Issues"} <= set(PROJECT["urls"])
    assert all(url.startswith("https://") for url in PROJECT["urls"].values())
    classifiers = PROJECT["classifiers"]
    assert "Typing :: Typed" in classifiers and "Framework :: Pytest" in classifiers
    assert "Programming Language :: Python :: 3.11" in classifiers


def test_lint_and_type_tools_are_in_dev_not_test() -> None:
    extras = PROJECT["optional-dependencies"]
    names = {extra: {req.split(">")[0].split("[")[0] for req in reqs} for extra, reqs in extras.items()}
    assert {"mypy", "ruff"} <= names["dev"] and not {"mypy", "ruff"} & names["test"]
    assert "perfeval[test]" in extras["dev"]  # dev is the test set plus the tools
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert ".venv/bin/pip install -q '.[dev]'" in ci
    assert ci.index("'.[dev]'") < ci.index(".venv/bin/ruff") < ci.index(".venv/bin/mypy")


def test_perfeval_testing_without_hypothesis_says_what_to_install() -> None:
    code = "import sys; sys.modules['hypothesis'] = None\nimport perfeval.testing"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT)
    assert result.returncode == 1
    last = result.stderr.strip().splitlines()[-1]
    assert last.startswith("ModuleNotFoundError: perfeval.testing 需要 Hypothesis") and "perfeval[testing]" in last


def test_ci_installs_the_browser_and_requires_it() -> None:
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    test_command = "python3 -m venv .venv && .venv/bin/pip install -q '.[test]' && .venv/bin/python -m pytest"
    assert test_command in readme and test_command in ci  # the README's command, verbatim
    assert "apt-get install" in ci and "chromium" in ci
    assert ci.index("export PERFEVAL_REQUIRE_BROWSER=1") < ci.index(test_command)
