"""What `perfeval check` finds in a rubric before anyone is scored (issue 11, item 6)."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from click.testing import CliRunner

import perfeval
from perfeval.cli import main
from perfeval.rubric.audit import audit

GAP = ("评价体系 示例\n满分 100\n等级：90分（含）以上为优，60分以下为差\n一级指标 产出 100分\n"
       "三级指标 完成率 100分\n  标准：100%计满分，每低于5%扣2分，扣完为止\n")


def test_a_gap_in_the_grade_table_is_a_check_error_at_its_line() -> None:
    found = [(d.code, d.line, d.en) for d in perfeval.loads(GAP).check() if d.code == "PE304"]
    assert found == [("PE304", 3, "the grade table gives no grade to totals in (60, 90)")]


def test_a_total_in_the_gap_costs_the_grade_not_the_scorecard() -> None:
    # The repro: `score` printed nothing but an error.
    card = perfeval.loads(GAP).score({"完成率": "25%"})
    assert card.total == Decimal("70.00") and card.grade is None
    assert card.grade_error is not None and "(60, 90)" in card.grade_error
    assert [d.kind for d in audit(card).discrepancies] == ["grade"]


def test_check_on_the_cli_reports_the_gap(tmp_path: Path) -> None:
    path = tmp_path / "gap.rules"
    path.write_text(GAP, encoding="utf-8")
    result = CliRunner().invoke(main, ["check", str(path)])
    assert result.exit_code == 1 and "PE304" in result.output


def test_a_covering_grade_table_has_no_gap() -> None:
    assert perfeval.compile_grades("90分（含）以上为优，80分（含）-90分为良，80分以下为差").uncovered(100) == ()


def test_a_preamble_that_differs_from_the_points_is_a_check_error() -> None:
    text = "评价体系 示例\n满分 10\n一级指标 产出 10分\n三级指标 完成率 10分\n  标准：本项满分6分。100%计满分，每低于5%扣2分，扣完为止\n"
    assert "PE230" in {d.code for d in perfeval.loads(text).check() if d.severity.value == "error"}
