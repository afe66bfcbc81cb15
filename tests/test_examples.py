"""The transcribed seed tables in examples/: they load, and their published numbers are what the seeds say.

The seeds' own arithmetic is kept, errors included; the tests below pin both the totals that add up
and the places where they do not, so that the audit feature has known cases to find.
"""

from __future__ import annotations

import re
import tomllib
from decimal import Decimal
from pathlib import Path

import pytest

from perfeval.datafile import dump_xlsx, dumps_evaluation, load_evaluation, loads_evaluation
from perfeval.model import Department, Evaluation, Project
from perfeval.numbers import exact_div, round_points

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
SEEDS = Path(__file__).resolve().parent / "fixtures" / "seeds"
FILES = sorted(EXAMPLES.glob("*.toml"))

# file → (kind, 评价体系, published 总分 得分 or None, seed prefix)
EXPECTED = {
    "luosong-2021-department.toml": ("部门", "部门整体支出绩效自评表", "97.83", "004"),
    "huarong-2022-project.toml": ("项目", "项目支出绩效评价评分表（共性）", "98", "003"),
    "huarong-2022-project-selfeval.toml": ("项目", "项目支出绩效自评表", "98", "003"),
    "yueyang-2023-department.toml": ("部门", "部门整体支出绩效自评表", "100", "001"),
    "yueyang-2023-project-shanshui.toml": ("项目", "项目支出绩效自评表", "100", "001"),
    "yueyang-2023-project-sanqusanxian.toml": ("项目", "项目支出绩效自评表", "100", "001"),
    "zhijiang-2023-department.toml": ("部门", "部门整体支出绩效评价共性指标", None, "000"),
    "zhijiang-2023-department-selfeval.toml": ("部门", "部门整体支出绩效自评表", "98", "000"),
    "zhijiang-2024-targets.toml": ("部门", "部门整体支出绩效自评表", None, "002"),
}


def load(name: str) -> Evaluation:
    return load_evaluation(EXAMPLES / name)


def test_every_example_is_listed() -> None:
    assert sorted(p.name for p in FILES) == sorted(EXPECTED)


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_example_loads_and_cites_its_seed(path: Path) -> None:
    kind, rubric, total, seed = EXPECTED[path.name]
    ev = load_evaluation(path)
    assert ev.kind == kind and ev.rubric == rubric
    assert ev.indicators and all(ind.source is not None and ind.source.line for ind in ev.indicators)
    header = path.read_text(encoding="utf-8").split("\n\n")[0]
    assert f"seeds/{seed}_" in header and "行" in header  # the comment header names seed and lines
    if total is None:
        assert ev.reported_total is None
    else:
        assert ev.reported_total == Decimal(total) and ev.total_points == Decimal(100)


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_example_round_trips(path: Path, tmp_path: Path) -> None:
    ev = load_evaluation(path)
    for fmt in ("toml", "json"):
        assert loads_evaluation(dumps_evaluation(ev, fmt), fmt) == ev
    dump_xlsx(ev, tmp_path / "x.xlsx")
    assert load_evaluation(tmp_path / "x.xlsx") == ev


# --- 004 芦淞 -------------------------------------------------------------------------------------


def test_luosong_execution_rate_and_points() -> None:
    ev = load("luosong-2021-department.toml")
    funds = ev.funds
    assert funds is not None
    assert (funds.initial, funds.budget, funds.spent) == (
        Decimal("985.93"),
        Decimal("1839.1"),
        Decimal("1439.13"),
    )
    rate = funds.execution_rate
    assert rate == exact_div(Decimal("1439.13"), Decimal("1839.1"))
    assert +rate == Decimal("1439.13") / Decimal("1839.1")  # the same quotient at 28 digits
    assert rate.quantize(Decimal("0.0001")) == Decimal("0.7825") == funds.reported_rate
    assert round_points(Decimal(10) * rate) == Decimal("7.83") == funds.reported
    assert round(10 * 0.7825, 2) == 7.82  # what a float round of the published rate gives


def test_luosong_total() -> None:
    ev = load("luosong-2021-department.toml")
    assert ev.reported_sum() == Decimal("97.83") == ev.reported_total
    assert ev.points_sum() == Decimal(100)
    assert ev.reported_grade == "优"
    assert ev.grading is not None and ev.grading.startswith("90 分（含）—100 分为优")
    assert len(ev.indicators) == 16
    sources = ev.funds.by_source if ev.funds else ()
    assert sum((line.budget or Decimal(0) for line in sources), Decimal(0)) == Decimal("1839.10")


# --- 003 华容 -------------------------------------------------------------------------------------


def test_huarong_common_rubric() -> None:
    ev = load("huarong-2022-project.toml")
    assert isinstance(ev, Project)
    assert ev.reported_sum() == Decimal(98) == ev.reported_total
    assert ev.points_sum() == Decimal(100)
    economic = ev.indicator("经济效益")
    assert (economic.points, economic.reported) == (Decimal(8), Decimal(6))
    assert (
        ev.indicator("资金使用").standard
        == "①虚列套取扣4-7分\n②依据不合规扣2分\n③截留、挤占、挪用扣3-6分\n④超标准开支扣2-5分\n⑤超预算扣2-5分"
    )


def test_huarong_self_evaluation() -> None:
    ev = load("huarong-2022-project-selfeval.toml")
    assert ev.reported_sum() == Decimal(98) == ev.reported_total
    shared = ev.indicator("资源共享")
    assert (shared.points, shared.reported, shared.note) == (Decimal(4), Decimal(2), "资源共享程度有待加强")
    assert ev.funds is not None and ev.funds.execution_rate == 1


# --- 001 岳阳 -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "name",
    [
        "yueyang-2023-department.toml",
        "yueyang-2023-project-shanshui.toml",
        "yueyang-2023-project-sanqusanxian.toml",
    ],
)
def test_yueyang_totals(name: str) -> None:
    ev = load(name)
    assert ev.reported_sum() == Decimal(100) == ev.reported_total == ev.points_sum()


def test_yueyang_base_data() -> None:
    ev = load("yueyang-2023-department.toml")
    assert isinstance(ev, Department) and ev.base is not None
    base = ev.base
    assert (base.authorized_staff, base.actual_staff, base.staff_control_rate) == (
        Decimal(61),
        Decimal(61),
        Decimal(1),
    )
    assert base.three_public is not None
    assert (base.three_public.previous, base.three_public.budget, base.three_public.final) == (
        Decimal("60.02"),
        Decimal("23.00"),
        Decimal("7.56"),
    )
    assert base.three_public["公务接待"].final == Decimal("2.71")
    assert base.procurement is not None and base.procurement.budget == Decimal("9866.92")
    assert base.budget_adjustment is not None and base.budget_adjustment.previous is None
    assert base.buildings is not None and base.buildings.actual_area == 0
    assert base.project_spending is not None
    finals = [item.final for item in base.project_spending.items if item.final is not None]
    assert sum(finals, Decimal(0)) == base.project_spending.final == Decimal("4063.14")


def test_yueyang_published_arithmetic_errors() -> None:
    ev = load("yueyang-2023-department.toml")
    assert ev.funds is not None
    uses = sum((line.budget or Decimal(0) for line in ev.funds.by_use), Decimal(0))
    assert uses == Decimal("6790.52") != ev.funds.budget  # 基本支出 + 项目支出 is 0.01 short
    sources = sum((line.budget or Decimal(0) for line in ev.funds.by_source), Decimal(0))
    assert sources == ev.funds.budget
    sanqu = load("yueyang-2023-project-sanqusanxian.toml")
    ind = sanqu.indicator("耕地和永久基本农田保护目标实现度")
    assert ind.actual is not None and ind.actual.comparator == "≥"  # an actual value with a comparator


# --- 000 芷江 -------------------------------------------------------------------------------------


def test_zhijiang_common_indicators() -> None:
    ev = load("zhijiang-2023-department.toml")
    assert isinstance(ev, Department)
    assert ev.reported_sum() == Decimal(98) and ev.points_sum() == Decimal(100)
    control = ev.indicator("预算控制率")
    assert (control.points, control.reported) == (Decimal(5), Decimal(4))
    assert (
        control.standard
        == "预算控制率 = 0，计 5 分；0-10% (含)，计 4 分；10-20% (含)，计 3 分；20-30% (含)，计 2 分；大于 30% 不得分。"
    )
    common = ev.indicator("公用经费控制率")
    assert (common.points, common.reported) == (Decimal(8), Decimal(7))
    assert ev.indicator("在职人员控制率").standard == (
        "以 100% 为标准。在职人员控制率 $\\leq$ 100%，计 5 分；每超过一个百分点扣 0.5 分，扣完为止。"
    )
    # the numbers the audit needs: 预算控制率 ≈ 83.9%, 公用经费控制率 ≈ 288%
    funds, base = ev.funds, ev.base
    assert funds is not None and funds.initial is not None and funds.budget is not None
    added = funds.budget - funds.initial
    assert exact_div(added, funds.initial).quantize(Decimal("0.001")) == Decimal("0.839")
    assert base is not None and base.common_expenses is not None
    assert base.common_expenses.final is not None and base.common_expenses.budget is not None
    assert exact_div(base.common_expenses.final, base.common_expenses.budget).quantize(
        Decimal("0.01")
    ) == Decimal("2.88")


def test_zhijiang_base_data_arithmetic_as_published() -> None:
    ev = load("zhijiang-2023-department.toml")
    assert isinstance(ev, Department) and ev.base is not None
    base = ev.base
    assert base.authorized_staff is None and base.buildings is None  # blank in the table
    assert base.project_spending is not None and len(base.project_spending.items) == 26
    finals = sum((i.final for i in base.project_spending.items if i.final is not None), Decimal(0))
    assert finals == Decimal("1420.74")  # the report says 1420.73
    assert base.three_public is not None
    car = base.three_public["公务用车购置和维护经费"]
    assert car.previous == 0 and car["公车购置"].previous == Decimal("20.19")
    assert base.procurement is not None and base.procurement.budget == 0  # 政府采购执行率 has no denominator
    assert ev.funds is not None
    assert sum((x.budget or Decimal(0) for x in ev.funds.by_source), Decimal(0)) == Decimal("4746.2")
    assert sum((x.budget or Decimal(0) for x in ev.funds.by_use), Decimal(0)) == Decimal("4746.20")


def test_zhijiang_self_evaluation_total_excludes_funds() -> None:
    ev = load("zhijiang-2023-department-selfeval.toml")
    assert ev.reported_total == Decimal(98) == ev.reported_sum(include_funds=False)
    assert ev.points_sum(include_funds=False) == Decimal(100) == ev.total_points
    assert ev.points_sum() == Decimal(110) and ev.reported_sum() == Decimal(108)
    budget = ev.indicator("预算管控")
    assert (budget.points, budget.reported) == (Decimal(10), Decimal(8))


def test_group_subtotals_match_except_where_the_seed_does_not() -> None:
    mismatches = []
    for path in FILES:
        ev = load_evaluation(path)
        for group in ev.groups:
            total = sum(
                (i.points for i in ev.indicators if i.path[: len(group.path)] == group.path), Decimal(0)
            )
            if total != group.points:
                mismatches.append((path.name, group.path, group.points, total))
    # 000 line 317–318: 职责履行 is printed as 8 分 but holds 重点工作实际完成率 8 + 经济效益 社会效益 10.
    assert mismatches == [
        ("zhijiang-2023-department.toml", ("产出及效率", "职责履行"), Decimal(8), Decimal(18))
    ]


# --- against the seeds themselves -----------------------------------------------------------------


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_every_number_is_in_its_seed(path: Path) -> None:
    """Every number written in an example occurs in its seed document, as written."""
    seed = next(SEEDS.glob(EXPECTED[path.name][3] + "_*.txt")).read_text(encoding="utf-8")
    flat = re.sub(r"\s+", "", seed)
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    numbers: list[str] = []

    def walk(node: object) -> None:
        if isinstance(node, dict):
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)
        elif isinstance(node, str) and re.fullmatch(r"[≥≤ ]*[0-9.]+ ?%?", node):
            numbers.append(node)

    walk(data)
    missing = [n for n in numbers if re.sub(r"\s+", "", n) not in flat]
    assert not missing
