"""The audit checks the whole table's arithmetic, not only the scores (issue 11, item 3)."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from click.testing import CliRunner
from hypothesis import given
from hypothesis import strategies as st

import perfeval
from perfeval.cli import main
from perfeval.model import Department, FundLine, Funds
from perfeval.rubric.arithmetic import table_findings
from perfeval.rubric.audit import audit

EXAMPLES = Path(__file__).parents[2] / "examples"


def _found(name: str) -> list[tuple[tuple[str, ...], Decimal | None, Decimal | None]]:
    ev = perfeval.load_evaluation(EXAMPLES / name)
    return [(f.cells, f.printed, f.computed) for f in table_findings(ev)]


def test_000_funds_lines_do_not_add_up_to_the_full_year_budget() -> None:
    found = _found("zhijiang-2023-department.toml")
    assert (("资金.按收入性质.全年预算数",), Decimal("4746.21"), Decimal("4746.2")) in found
    assert (("资金.按支出性质.全年预算数",), Decimal("4746.21"), Decimal("4746.20")) in found


def test_000_project_items_add_up_to_more_than_the_project_spending() -> None:
    found = _found("zhijiang-2023-department.toml")
    assert (("基础数据.项目支出.其中.本年决算数",), Decimal("1420.73"), Decimal("1420.74")) in found


def test_000_three_public_parts_and_group_points() -> None:
    found = _found("zhijiang-2023-department.toml")
    assert (("基础数据.三公经费.其中.上年决算数",), Decimal("20.93"), Decimal("0.74")) in found
    assert (("指标分组.产出及效率/职责履行.分值",), Decimal("8"), Decimal("18")) in found


def test_003_full_year_budget_below_the_initial_budget_is_shown() -> None:
    found = _found("huarong-2022-project.toml")
    assert found == [(("资金.全年预算数", "资金.年初预算数"), Decimal("30.525"), Decimal("61.8"))]


def test_000_self_evaluation_total_leaves_out_the_funds_points() -> None:
    ev = perfeval.load_evaluation(EXAMPLES / "zhijiang-2023-department-selfeval.toml")
    totals = [(d.reported, d.computed) for d in audit(perfeval.evaluate(ev), ev).discrepancies if d.kind == "total"]
    assert (Decimal("98"), Decimal("108")) in totals


def test_table_findings_are_audit_findings_with_their_cells_on_the_cli() -> None:
    result = CliRunner().invoke(main, ["audit", str(EXAMPLES / "zhijiang-2023-department.toml"), "--format", "json"])
    assert result.exit_code == 1
    assert '"kind": "table"' in result.output and "1420.74" in result.output and '"cells"' in result.output


def test_a_printed_rate_is_checked_at_its_own_precision() -> None:
    def dept(rate: str) -> Department:
        return Department(name="d", year=2023, rubric="x", funds=Funds(budget="1839.1", spent="1439.13",
                                                                      points="10", reported_rate=rate))
    assert table_findings(dept("78.25%")) == []  # 78.2524…% printed to 0.01%
    assert table_findings(dept("78%")) == []      # … and to a whole percent
    [f] = table_findings(dept("78.26%"))
    assert f.cells == ("资金.执行率",) and "78.25" in f.reason


def test_spending_above_the_budget_and_an_adjustment_that_does_not_add_up() -> None:
    ev = Department(name="d", year=2023, rubric="x", funds=Funds(initial="100", added="20", budget="110", spent="115"))
    cells = [f.cells for f in table_findings(ev)]
    assert ("资金.年初预算数", "资金.本年追加预算", "资金.全年预算数") in cells
    assert ("资金.全年执行数", "资金.全年预算数") in cells


AMOUNTS = st.decimals(min_value=0, max_value=10**6, places=2)


@given(st.lists(AMOUNTS, min_size=1, max_size=6), st.decimals(min_value=-100, max_value=100, places=2))
def test_a_breakdown_that_adds_up_is_clean_and_one_that_does_not_is_found(parts: list[Decimal],
                                                                        delta: Decimal) -> None:
    lines = [FundLine(name=f"第{i}项", budget=p) for i, p in enumerate(parts)]
    total = sum(parts, Decimal(0))
    ok = Department(name="d", year=2023, rubric="x", funds=Funds(budget=total, by_source=lines))
    assert table_findings(ok) == []
    if total + delta >= 0 and delta != 0:
        off = Department(name="d", year=2023, rubric="x", funds=Funds(budget=total + delta, by_source=lines))
        [f] = table_findings(off)
        assert f.printed - f.computed == delta  # type: ignore[operator]


def test_001_figures_the_report_prints_again_are_compared_with_the_table() -> None:
    found = _found("yueyang-2023-department.toml")
    assert (("基础数据.编制数", "报告数字.基础数据.编制数"), Decimal("61"), Decimal("65")) in found
    assert (("基础数据.公用经费.本年决算数", "报告数字.基础数据.公用经费.本年决算数"), Decimal("999.14"),
            Decimal("1155.51")) in found


def test_a_report_figure_naming_no_table_figure_is_a_finding() -> None:
    ev = Department(name="d", year=2023, rubric="x", report_figures={"基础数据.编制": "65"})
    [f] = table_findings(ev)
    assert f.computed is None and "没有对应的数" in f.reason
