"""Whole self-evaluations scored and audited (issue acceptance on the bundled examples)."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

import perfeval

EXAMPLES = Path(__file__).parents[2] / "examples"


def _card(name: str) -> perfeval.ScoreCard:
    return perfeval.evaluate(perfeval.load_evaluation(EXAMPLES / name))


def test_luosong_scores_97_83_and_grades_you() -> None:
    card = _card("luosong-2021-department.toml")
    assert card.total == Decimal("97.83") and card.grade == "优"
    funds = card["资金执行率"]
    assert funds.points == Decimal("7.83") and funds.status == "computed"


@pytest.mark.parametrize(("name", "total"), [
    ("huarong-2022-project.toml", "98"),
    ("huarong-2022-project-selfeval.toml", "98"),
    ("yueyang-2023-department.toml", "100"),
    ("yueyang-2023-project-shanshui.toml", "100"),
    ("yueyang-2023-project-sanqusanxian.toml", "100"),
])
def test_published_totals_are_reproduced(name: str, total: str) -> None:
    card = _card(name)
    assert card.total == Decimal(total)
    assert perfeval.audit(card).clean


def test_zhijiang_audit_finds_the_tables_own_errors() -> None:
    found = perfeval.audit(_card("zhijiang-2023-department.toml"))
    by_name = {d.indicator: d for d in found.discrepancies}
    control = by_name["预算控制率"]
    assert (control.reported, control.computed) == (Decimal("4"), Decimal("0"))
    assert "83.92%" in control.reason and "2580.64" in control.reason and "大于 30% 不得分" in control.reason
    common = by_name["公用经费控制率"]
    assert (common.reported, common.computed) == (Decimal("7"), Decimal("0"))
    assert "288.07%" in common.reason and "211.2" in common.reason
    assert "政府采购执行率" in by_name  # a budget of 0: the rate is undefined, yet 6 is reported
    assert {i.name for i in found.unchecked} >= {"在职人员控制率"}


def test_a_judgement_outside_the_standard_is_flagged() -> None:
    rubric = perfeval.loads("评价体系 t\n满分 6\n一级指标 a 6分\n三级指标 行政效能 6分\n"
                            "  标准：效果较好的计6分；一般3分；无效果或者效果不明显0分。\n")
    ev = perfeval.Department(name="d", year=2023, rubric="t",
                             indicators=[perfeval.Indicator(name="行政效能", points=6, level1="a", reported=4)])
    found = perfeval.audit(rubric.score(ev))
    assert [d.indicator for d in found.discrepancies] == ["行政效能"]
    assert "0、3、6" in found.discrepancies[0].reason


def test_unknown_rubric_names_the_known_ones() -> None:
    ev = perfeval.Project(name="p", year=2023, rubric="某某体系")
    with pytest.raises(perfeval.PerfevalError, match="部门整体支出绩效评价共性指标"):
        perfeval.evaluate(ev)
