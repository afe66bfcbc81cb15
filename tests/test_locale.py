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
    assert "复核：自报得分与标准不符" in out


def test_lang_en_gives_english_findings_and_counts() -> None:
    out = CliRunner().invoke(main, ["audit", EXAMPLE, "--lang", "en"]).output
    assert "16 rows read: 6 scored" in out and "读入" not in out
    data = CliRunner().invoke(main, ["audit", EXAMPLE, "--lang", "en", "--format", "json"]).output
    assert "the 三级指标 under it add up to 18" in data and "其下各三级指标分值之和" not in data
