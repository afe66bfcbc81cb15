"""The table's own arithmetic (复核 beyond the scores): sums, identities and printed rates, checked exactly.

Published tables carry figures nobody re-adds. Every identity the table itself states is checked where the
table gives every term — never with a term guessed:

* 资金: 年初预算数 + 本年追加（调整）= 全年预算数; the lines 按收入性质 and 按支出性质 add up to the total, column
  by column; 全年执行数 ≤ 全年预算数; the 执行率 as printed against 全年执行数 / 全年预算数 at the printed precision;
  a 全年预算数 below the 年初预算数 (a budget cut during the year) is shown, for the reviewer to weigh against
  the scores that depend on it (到位率);
* 基础数据: each expense line against its 其中 lines, column by column — equal for the 三公经费, whose three
  parts are the whole by definition; elsewhere 其中 lists only some parts (其中：会议费、培训费), so only parts
  that add up to more than the whole are a finding; control rates as printed (在职人员控制率, 面积/投资控制率)
  against their quotients;
* 指标分组: each 一级/二级 分值 against the 分值 of the indicators under it;
* 报告数字: a figure the report's text prints again (编制数 65 in the text, 61 in the table) against the table's.

>>> from perfeval.datafile import load_evaluation
>>> found = table_findings(load_evaluation("examples/zhijiang-2023-department.toml"))
>>> [f.cells[0] for f in found][:2]
['资金.按收入性质.全年预算数', '资金.按支出性质.全年预算数']
"""

from __future__ import annotations

import decimal
from collections.abc import Iterator, Sequence
from decimal import ROUND_HALF_UP, Decimal

import attrs

from ..errors import PerfevalError
from ..i18n import N_
from ..model import Department, ExpenseLine, FundLine, Project
from ..numbers import OWN, parse_rate, percent_text, to_decimal
from .reason import Reason, said

__all__ = ["TableFinding", "table_findings"]


@attrs.frozen
class TableFinding:
    """One identity of the table that does not hold: which cells, the two numbers, and why."""

    cells: tuple[str, ...]
    printed: Decimal | None
    computed: Decimal | None
    reason: Reason
    #: A figure for the reviewer to weigh rather than a contradiction (a budget cut during the year).
    soft: bool = False


def _n(d: Decimal) -> str:
    return f"{d.normalize(OWN):f}" if d == d.to_integral_value() else f"{d:f}"


def _diff(a: Decimal, b: Decimal) -> str:
    with decimal.localcontext(OWN):
        return _n(abs(a - b))


def table_findings(ev: Project | Department) -> list[TableFinding]:
    """Every identity of ``ev``'s tables that its own figures contradict (see the module's docstring)."""
    out: list[TableFinding] = []
    # OWN, not the 50 digits of context(): a 70-digit figure (within the limits) summed or shown there was
    # rounded, and a finding printed 1000…0 for 9999…9
    with decimal.localcontext(OWN):
        out.extend(_funds(ev))
        if isinstance(ev, Department) and ev.base is not None:
            out.extend(_base(ev))
        out.extend(_groups(ev))
        out.extend(_report(ev))
    return out


def _report(ev: Project | Department) -> Iterator[TableFinding]:
    """Each 报告数字 against the table figure at its key path (the data file's published words)."""
    if not ev.report_figures:
        return
    from ..datafile import evaluation_to_dict

    data = evaluation_to_dict(ev)
    for key, printed in ev.report_figures:
        node: object = data
        for part in key.split("."):
            node = node.get(part.strip()) if isinstance(node, dict) else None
        cells = (key, f"报告数字.{key}")
        if not isinstance(node, str):
            yield TableFinding(cells, printed, None, said("why_the_report_figure_names_no", key=key))
            continue
        try:
            table = parse_rate(node) if node.rstrip().endswith(("%", "‰")) else to_decimal(node)
        except PerfevalError:
            yield TableFinding(cells, printed, None, said("why_the_table_s_is_not", key=key, node_30=node[:30]))
            continue
        if table != printed:
            yield TableFinding(cells, table, printed, said("why_report_differs", key=key, table=_n(table),
                                                           printed=_n(printed), diff=_diff(table, printed)))


#: attribute, the column's key in a data file, and the message that names it
_COLUMNS = (("initial", "年初预算数", N_("column_initial")), ("budget", "全年预算数", N_("column_budget")),
            ("spent", "全年执行数", N_("column_spent")))


def _funds(ev: Project | Department) -> Iterator[TableFinding]:
    f = ev.funds
    if f is None:
        return
    if f.initial is not None and f.added is not None and f.budget is not None and f.initial + f.added != f.budget:
        s = f.initial + f.added
        yield TableFinding(("资金.年初预算数", "资金.本年追加预算", "资金.全年预算数"), f.budget, s, said(
            "why_budget_sum", initial=_n(f.initial), added=_n(f.added), sum=_n(s), budget=_n(f.budget),
            diff=_diff(s, f.budget)))
    for key, lines in (("按收入性质", f.by_source), ("按支出性质", f.by_use)):
        for attr, column, words in _COLUMNS:
            yield from _lines_sum(f"资金.{key}", lines, attr, column, words, getattr(f, attr))
    if f.spent is not None and f.budget is not None and f.spent > f.budget:
        yield TableFinding(("资金.全年执行数", "资金.全年预算数"), f.spent, f.budget, said(
            "why_spending_exceeds", spent=_n(f.spent), budget=_n(f.budget), diff=_diff(f.spent, f.budget)))
    if f.initial is not None and f.budget is not None and f.budget < f.initial:
        yield TableFinding(("资金.全年预算数", "资金.年初预算数"), f.budget, f.initial, said(
            "why_budget_below_initial", budget=_n(f.budget), initial=_n(f.initial),
            diff=_diff(f.initial, f.budget)), soft=True)
    if f.reported_rate is not None and f.spent is not None and f.budget:
        yield from _printed_rate("资金.执行率", "执行率", f.reported_rate, f.spent, f.budget, "全年执行数", "全年预算数")


def _lines_sum(where: str, lines: Sequence[FundLine | ExpenseLine], attr: str, column: str, words: str,
               total: Decimal | None, whole: bool = True) -> Iterator[TableFinding]:
    """The lines' figures in one column against the total they are part of (lines without a figure add 0,
    so long as at least one gives one: a blank cell in a published breakdown is an empty line).

    ``whole``: the lines are the whole (their sum must equal the total); otherwise they are some of its
    parts, and only a sum above the total contradicts the table.
    """
    given = [getattr(line, attr) for line in lines if getattr(line, attr) is not None]
    if total is None or not given:
        return
    s = sum(given, Decimal(0))
    parts = " + ".join(_n(g) for g in given)
    if whole and s != total:
        yield TableFinding((f"{where}.{column}",), total, s, said(
            "why_lines_sum", where=where, column=said(words), parts=parts, sum=_n(s), total=_n(total),
            diff=_diff(s, total)))
    elif not whole and s > total:
        yield TableFinding((f"{where}.{column}",), total, s, said(
            "why_parts_exceed", where=where, column=said(words), parts=parts, sum=_n(s), total=_n(total),
            diff=_diff(s, total)))


def _printed_rate(cell: str, name: str, printed: Decimal, num: Decimal, den: Decimal, num_name: str,
                  den_name: str) -> Iterator[TableFinding]:
    """A rate as printed against its quotient, at the precision it is printed to (78.25% → 0.01%)."""
    exact = num / den
    exponent = printed.as_tuple().exponent
    places = min(exponent, -2) if isinstance(exponent, int) else -2  # a printed rate is finite: int exponent
    # A rate printed with more than 12 decimals came from a binary float (Excel's cached =E8/D8): compare at
    # 12 decimals, far finer than any printed rate and far coarser than a float's error.
    places = max(places, -12)
    try:
        step = Decimal(1).scaleb(places)
        shown = exact.quantize(step, rounding=ROUND_HALF_UP)
        as_printed = printed.quantize(step, rounding=ROUND_HALF_UP)
    except decimal.InvalidOperation:
        return  # a quotient too large to show at that precision is no printed rate to check
    if shown != as_printed:
        yield TableFinding((cell,), printed, shown, said(
            "why_is_printed", name=name, pct_printed=percent_text(printed), num_name=num_name, den_name=den_name,
            num=_n(num), den=_n(den), pct_exact=percent_text(exact)))


_EXPENSE_COLUMNS = (("previous", "上年决算数", N_("column_previous")), ("budget", "本年预算数", N_("column_year_budget")),
                    ("final", "本年决算数", N_("column_final")))


def _base(dept: Department) -> Iterator[TableFinding]:
    base = dept.base
    assert base is not None
    for key, line in (("三公经费", base.three_public), ("项目支出", base.project_spending),
                      ("公用经费", base.common_expenses), ("政府采购", base.procurement),
                      ("部门基本支出预算调整", base.budget_adjustment)):
        if line is not None:
            yield from _expense(f"基础数据.{key}", line, whole=key == "三公经费")
    if base.staff_control_rate is not None and base.actual_staff is not None and base.authorized_staff:
        yield from _printed_rate("基础数据.在职人员控制率", "在职人员控制率", base.staff_control_rate, base.actual_staff,
                                 base.authorized_staff, "在职人员数", "编制数")
    b = base.buildings
    if b is not None:
        if b.area_control_rate is not None and b.actual_area is not None and b.approved_area:
            yield from _printed_rate("基础数据.楼堂馆所.面积控制率", "面积控制率", b.area_control_rate, b.actual_area,
                                     b.approved_area, "实际建设面积", "批准建设面积")
        if b.investment_control_rate is not None and b.actual_investment is not None and b.budget_investment:
            yield from _printed_rate("基础数据.楼堂馆所.投资控制率", "投资控制率", b.investment_control_rate,
                                     b.actual_investment, b.budget_investment, "实际投资金额", "批准投资金额")


def _expense(where: str, line: ExpenseLine, whole: bool) -> Iterator[TableFinding]:
    if line.items:
        for attr, column, words in _EXPENSE_COLUMNS:
            yield from _lines_sum(f"{where}.其中", line.items, attr, column, words, getattr(line, attr), whole)
        for item in line.items:
            yield from _expense(f"{where}.{item.name}", item, False)


def _groups(ev: Project | Department) -> Iterator[TableFinding]:
    """Each 指标分组 分值 against the indicators under it; a 一级 also against its 二级 groups, when a group
    is printed for every 二级 its indicators name (a partial set of subtotals adds up to nothing)."""
    for g in ev.groups:
        name = "/".join(p for p in (g.level1, g.level2) if p)
        if g.level2 is not None:
            under = [i.points for i in ev.indicators if i.level1 == g.level1 and i.level2 == g.level2]
        else:
            under = [i.points for i in ev.indicators if i.level1 == g.level1]
        if under and sum(under, Decimal(0)) != g.points:
            s = sum(under, Decimal(0))
            yield TableFinding((f"指标分组.{name}.分值",), g.points, s, said("why_level2_sum", name=name, g_points=_n(g.points), s=_n(s)))
        if g.level2 is None:
            seconds = {s.level2: s.points for s in ev.groups if s.level1 == g.level1 and s.level2 is not None}
            named = {i.level2 for i in ev.indicators if i.level1 == g.level1 and i.level2 is not None}
            if seconds and named <= set(seconds) and sum(seconds.values(), Decimal(0)) != g.points:
                s = sum(seconds.values(), Decimal(0))
                yield TableFinding((f"指标分组.{name}.分值",), g.points, s, said("why_level1_sum", name=name, g_points=_n(g.points), s=_n(s)))
