"""Shipped files: the grammar (top-level grammar/, perfeval/grammar/ in a wheel) and the rubrics."""

from __future__ import annotations

import shutil
import subprocess
import tomllib
from pathlib import Path

import pytest

import perfeval
from perfeval.resources import grammar_text, rubric_files

ROOT = Path(__file__).resolve().parents[1]


def test_grammar_text_reads_the_grammar() -> None:
    text = grammar_text()
    assert text == grammar_text("standard.lark")
    installed = Path(perfeval.__file__).parent / "grammar" / "standard.lark"
    source = installed if installed.is_file() else ROOT / "grammar" / "standard.lark"
    assert text == source.read_text(encoding="utf-8")


def test_unknown_grammar_file() -> None:
    with pytest.raises(FileNotFoundError, match="no-such.lark"):
        grammar_text("no-such.lark")


def test_rubric_files_are_the_shipped_rules() -> None:
    names = [entry.name for entry in rubric_files()]
    assert names == sorted(names) and len(names) == 4
    assert all(name.endswith(".rules") for name in names)
    assert "department-common.rules" in names


def test_the_wheel_maps_the_top_level_grammar() -> None:
    pyproject = ROOT / "pyproject.toml"
    if not pyproject.is_file():
        pytest.skip("not a source tree")
    config = tomllib.loads(pyproject.read_text(encoding="utf-8"))
    assert config["build-system"]["build-backend"] == "hatchling.build"
    wheel = config["tool"]["hatch"]["build"]["targets"]["wheel"]
    assert wheel["packages"] == ["perfeval"]  # every subpackage, without a list to keep up to date
    assert wheel["force-include"] == {"grammar": "perfeval/grammar"}
    assert (ROOT / "grammar" / "standard.lark").is_file()


def test_no_symlinks_are_tracked() -> None:
    # A clone made with core.symlinks=false turns a link into a text file; nothing may depend on one.
    git = shutil.which("git")
    if git is None or not (ROOT / ".git").exists():
        pytest.skip("not a git checkout")
    listing = subprocess.run([git, "ls-files", "-s"], cwd=ROOT, capture_output=True, text=True, check=True)
    links = [line.split("\t")[1] for line in listing.stdout.splitlines() if line.startswith("120000")]
    assert links == []
