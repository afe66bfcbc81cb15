"""A rubric's 公式 applies to a project's data too; named inputs are checked (issue 11, item 5)."""

from __future__ import annotations

from decimal import Decimal

import pytest

import perfeval
from perfeval.datafile import dumps_evaluation, loads_evaluation
from perfeval.model import Funds, Indicator, Project
from perfeval.rubric import shipped
from perfeval.rubric.audit import audit

HUARONG = perfeval.load(shipped()["项目支出绩效评价评分表（共性）"])  # 003 附件4: 到位率 = 实际到位/计划到位


def _project(**inputs: str) -> Project:
    return Project(name="2021年国土变更调查工作", year=2022, rubric="项目支出绩效评价评分表（共性）", inputs=inputs,
                   indicators=[Indicator(level1="项目管理", level2="资金到位", name="到位率", points=3, reported=3)])


def test_a_project_formula_is_fed_by_the_projects_own_figures() -> None:
    # The repro: a project rubric's 公式 was never applied to a project's data (only to a department's).
    item = HUARONG.score(_project(实际到位="30.525", 计划到位="61.8"))["到位率"]
    assert item.status == "computed" and item.points == Decimal("1.48")  # 3 × 30.525/61.8 = 1.4818…
    assert "实际到位=30.525" in item.reason
    assert [(d.reported, d.computed) for d in audit(HUARONG.score(_project(实际到位="30.525", 计划到位="61.8")))
            .discrepancies] == [(Decimal(3), Decimal("1.48"))]


def test_without_its_figures_the_row_is_carried_and_marked() -> None:
    assert HUARONG.score(_project())["到位率"].status == "reported"


def test_figures_round_trip_through_a_data_file() -> None:
    p = _project(实际到位="30.525", 计划到位="61.8")
    text = dumps_evaluation(p)
    assert '["公式数据"]' in text and loads_evaluation(text) == p


def test_a_figure_that_contradicts_the_funds_table_is_an_error() -> None:
    p = Project(name="p", year=2022, rubric="r", funds=Funds(initial="61.8", budget="30.525"),
                inputs={"年初预算": "60"})
    rubric = perfeval.loads("评价体系 r\n满分 3\n一级指标 投入 3分\n三级指标 比率 3分\n  公式：比率=全年预算数/年初预算*100%\n"
                            "  标准：根据比率计算得分（3分）\n")
    with pytest.raises(perfeval.PerfevalError, match="年初预算"):
        rubric.score(p)


def test_a_mapping_takes_named_inputs_and_refuses_an_unknown_one() -> None:
    assert HUARONG.score({"到位率": {"实际到位": "30.525", "计划到位": "61.8"}})["到位率"].points == Decimal("1.48")
    item = HUARONG.score({"到位率": {"实际到位": 30, "计划到位": 60, "计划到": 1}})["到位率"]
    assert item.points is None and "计划到" in item.reason  # a misspelt input is never ignored


def test_an_example_line_with_named_inputs_applies_the_formula() -> None:
    text = ("评价体系 r\n满分 3\n一级指标 项目管理 3分\n三级指标 到位率 3分\n  公式：实际到位/计划到位*100%\n"
            "  标准：根据项目资金的实际到位率计算得分（3分）\n  例：实际到位=90, 计划到位=100 → 2.7分\n"
            "  例：实际到位=90, 计划=100 → 错误\n")
    assert [d.code for d in perfeval.loads(text).check() if d.code.startswith("PE40")] == []
