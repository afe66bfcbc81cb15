"""Chinese by default whatever the machine's locale; English only when asked (issue 11, item 7)."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from perfeval.cli import main

EXAMPLE = str(Path(__file__).parents[1] / "examples" / "zhijiang-2023-department.toml")
ENGLISH = {"LANG": "en_US.UTF-8", "LC_ALL": "en_US.UTF-8", "LANGUAGE": "en"}


def test_an_english_machine_locale_does_not_change_the_language() -> None:
    out = CliRunner(env=ENGLISH).invoke(main, ["audit", EXAMPLE]).output
    assert "读入 16 行" in out and "rows read" not in out
    assert "其下各项分值之和为 18" in out


def test_lang_en_gives_english_findings_and_counts() -> None:
    out = CliRunner().invoke(main, ["audit", EXAMPLE, "--lang", "en"]).output
    assert "16 rows read: 6 scored" in out and "读入" not in out
    data = CliRunner().invoke(main, ["audit", EXAMPLE, "--lang", "en", "--format", "json"]).output
    assert "the 分值 under it add up to 18" in data and "其下各项分值之和" not in data
