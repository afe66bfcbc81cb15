"""The audit names the habit that reproduces a reported score (issue 11, item 4)."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

import attrs
from hypothesis import given
from hypothesis import strategies as st

import perfeval
from perfeval.model import Department, Funds
from perfeval.rubric.audit import audit
from perfeval.rubric.practice import practice

EXECUTION = perfeval.compile_rule("得分(分值×执行率)", points=10)


def _funds_finding(spent: str, reported: str) -> perfeval.rubric.audit.Discrepancy:
    d = Department(name="d", year=2023, rubric="部门整体支出绩效自评表",
                   funds=Funds(budget="100", spent=spent, points="10", reported=reported))
    [finding] = [f for f in audit(perfeval.evaluate(d), d).discrepancies if f.kind == "score"]
    return finding


def test_a_rate_rounded_to_a_whole_percent_reproduces_the_reported_score() -> None:
    # A real table prints 49.88% as 50% and scores 5 of 10.
    f = _funds_finding("49.88", "5")
    assert f.computed == Decimal("4.99") and f.practice is not None
    assert "49.88%" in f.practice and "整数百分比（50%）" in f.practice
    assert "整数百分比" in f.reason  # shown with the finding


def test_points_rounded_to_a_whole_point_are_named() -> None:
    f = _funds_finding("49.49", "5")
    assert f.computed == Decimal("4.95") and f.practice is not None and "四舍五入到整数" in f.practice


def test_steps_counted_pro_rata_are_named() -> None:
    rubric = perfeval.loads("评价体系 示例\n满分 10\n一级指标 产出 10分\n三级指标 完成率 10分\n"
                            "  标准：100%计满分，每低于5%扣2分，扣完为止\n")
    card = rubric.score({"完成率": Decimal("0.97")})
    item = attrs.evolve(card["完成率"], reported=Decimal("8.80"))
    [f] = audit(attrs.evolve(card, items=(item,))).discrepancies
    assert f.computed == Decimal("10.00") and f.practice is not None and "按比例" in f.practice


def test_no_habit_is_named_when_none_gives_the_reported_score() -> None:
    f = _funds_finding("40", "5")
    assert f.practice is None and "；" not in f.reason


@given(st.decimals(min_value=0, max_value=1, places=4), st.integers(min_value=0, max_value=10))
def test_a_named_habit_always_reproduces_the_reported_score_exactly(rate: Decimal, reported: int) -> None:
    habit = practice(EXECUTION, rate, Decimal(reported))
    if habit is not None:
        up = ROUND_HALF_UP
        whole = EXECUTION.points(rate.quantize(Decimal("0.01"), rounding=up)) == reported
        tenth = EXECUTION.points(rate.quantize(Decimal("0.001"), rounding=up)) == reported
        point = EXECUTION.points(rate).quantize(Decimal(1), rounding=up) == reported
        assert (whole or tenth or point) and EXECUTION.points(rate) != reported
    assert practice(EXECUTION, rate, EXECUTION.points(rate)) is None  # a score that agrees needs no habit
