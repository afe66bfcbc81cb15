"""The named inputs a rubric's 公式 read, taken from the 资金情况, a department's 基础数据表 and 公式数据.

The names are those the published formulas use (部门整体支出绩效评价共性指标, 000 附件1), so a rubric's
``公式：预算控制率 = (本年追加预算 / 年初预算) × 100%`` finds its inputs here. Only numbers the tables
give are supplied: a rate whose inputs are missing is not computed (the scorecard says so) rather than
computed from a guess. One derivation is made, and named in the docstring of :func:`department_inputs`.

>>> from perfeval.model import Department, Funds
>>> d = Department(name="示例", year=2023, rubric="x", funds=Funds(initial="2580.64", budget="4746.21"))
>>> department_inputs(d)["本年追加预算"]
Decimal('2165.57')
"""

from __future__ import annotations

from decimal import Decimal

from ..errors import InputError
from ..model import Department, ExpenseLine, Project


def evaluation_inputs(ev: Project | Department) -> dict[str, Decimal]:
    """Every formula input the tables give: the funds (a project's too), a department's base data, and the
    file's own 公式数据 — where a 公式数据 figure names one the tables also give, the two must agree.

    >>> from perfeval.model import Funds
    >>> p = Project(name="p", year=2022, rubric="r", funds=Funds(initial="61.8", budget="30.525"),
    ...             inputs={"实际到位资金": "30.525"})
    >>> sorted(evaluation_inputs(p))
    ['全年预算数', '实际到位资金', '年初预算', '本年追加预算']
    """
    out = department_inputs(ev)
    for name, value in ev.inputs:
        if name in out and out[name] != value:
            raise InputError("inputs_disagree", text=name, name=name, given=f"{value:f}", table=f"{out[name]:f}")
        out[name] = value
    return out


def department_inputs(dept: Project | Department) -> dict[str, Decimal]:
    """Every formula input the department's tables give, by its published name.

    本年追加预算 is the table's own figure when given; otherwise 全年预算数 − 年初预算数 (the budget added
    during the year), which is how DESIGN.md reads 000: 年初 2580.64 and 全年 4746.21 万元 give 83.9%.
    """
    out: dict[str, Decimal] = {}
    funds = dept.funds
    if funds is not None:
        _put(out, "年初预算", funds.initial)
        _put(out, "上年结转", funds.carried_over)
        _put(out, "年末结余", funds.balance)
        added = funds.added
        if added is None and funds.budget is not None and funds.initial is not None:
            added = funds.budget - funds.initial
        _put(out, "本年追加预算", added)
        _put(out, "全年预算数", funds.budget)
        _put(out, "全年执行数", funds.spent)
    base = dept.base if isinstance(dept, Department) else None
    if base is None:
        return out
    _put(out, "在职人员数", base.actual_staff)
    _put(out, "编制数", base.authorized_staff)
    _line(out, base.three_public, budget="本年度“三公经费”预算数", final=None)
    _line(out, base.three_public, budget="“三公经费”预算安排数", final="“三公经费”实际支出数")
    _line(out, base.common_expenses, budget="预算安排公用经费总额", final="实际支出公用经费总额")
    _line(out, base.procurement, budget="政府采购预算数", final="实际政府采购金额")
    if base.buildings is not None:
        b = base.buildings
        _put(out, "实际建设面积", b.actual_area)
        _put(out, "批准建设面积", b.approved_area)
        _put(out, "实际投资金额", b.actual_investment)
        _put(out, "批准投资金额", b.budget_investment)
    return out


def _put(out: dict[str, Decimal], name: str, value: Decimal | None) -> None:
    if value is not None:
        out[name] = value


def _line(out: dict[str, Decimal], line: ExpenseLine | None, *, budget: str, final: str | None) -> None:
    if line is None:
        return
    _put(out, budget, line.budget)
    if final is not None:
        _put(out, final, line.final)
