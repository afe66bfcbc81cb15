"""部门整体支出绩效评价基础数据表: the numbers a department rubric is computed from.

>>> b = BaseData(authorized_staff=61, actual_staff=61, staff_control_rate="100%")
>>> b.staff_control_rate
Decimal('1.00')
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from decimal import Decimal

import attrs

from perfeval.errors import Location
from perfeval.model.fields import non_negative, not_blank, opt_number, opt_rate, opt_text

__all__ = ["BaseData", "BuildingControl", "ExpenseLine"]


def _expense_lines(value: Iterable[ExpenseLine]) -> tuple[ExpenseLine, ...]:
    return tuple(value)


@attrs.frozen(kw_only=True)
class ExpenseLine:
    """A row of 经费控制情况 (万元): 上年决算数, 本年预算数, 本年决算数 and its 其中 rows.

    The 基础数据表 prints "2022年决算数 | 2023年预算数 | 2023年决算数" for a 2023 evaluation; the years
    are the evaluation's year and the one before.

    >>> car = ExpenseLine(name="公务接待", previous="14.49", budget="17.00", final="2.71")
    >>> ExpenseLine(name="三公经费", previous="60.02", budget="23.00", final="7.56", items=[car])["公务接待"].final
    Decimal('2.71')
    """

    name: str = attrs.field(validator=not_blank, metadata={"zh": "名称"})
    """The row's label as published, without numbering ("公务接待", "公车运行维护" …)."""
    previous: Decimal | None = attrs.field(
        default=None, converter=opt_number, validator=non_negative, metadata={"zh": "上年决算数"}
    )
    """The final accounts of the year before (e.g. 2022年决算数 in a 2023 table)."""
    budget: Decimal | None = attrs.field(
        default=None, converter=opt_number, validator=non_negative, metadata={"zh": "本年预算数", "also": ("预算数",)}
    )
    """This year's budget (计划, 控制数)."""
    final: Decimal | None = attrs.field(
        default=None, converter=opt_number, validator=non_negative, metadata={"zh": "本年决算数", "also": ("决算数",)}
    )
    """This year's final accounts (实际)."""
    items: tuple[ExpenseLine, ...] = attrs.field(default=(), converter=_expense_lines, metadata={"zh": "其中"})
    """The rows below this one, in published order."""

    def __getitem__(self, name: str) -> ExpenseLine:
        """The 其中 row called ``name``, searched depth first."""
        for item in self.walk():
            if item is not self and item.name == name:
                return item
        raise KeyError(name)

    def walk(self) -> Iterator[ExpenseLine]:
        """This row and every 其中 row below it, depth first.

        >>> [x.name for x in ExpenseLine(name="a", items=[ExpenseLine(name="b")]).walk()]
        ['a', 'b']
        """
        yield self
        for item in self.items:
            yield from item.walk()


@attrs.frozen(kw_only=True)
class BuildingControl:
    """楼堂馆所控制情况 (本年完工项目): approved and actual size and investment.

    >>> BuildingControl(approved_area=0, actual_area=0, budget_investment=0, actual_investment=0).actual_area
    Decimal('0')
    """

    approved_area: Decimal | None = attrs.field(
        default=None, converter=opt_number, validator=non_negative, metadata={"zh": "批复规模"}
    )
    """The approved floor area (㎡)."""
    actual_area: Decimal | None = attrs.field(
        default=None, converter=opt_number, validator=non_negative, metadata={"zh": "实际规模"}
    )
    """The floor area built (㎡)."""
    area_control_rate: Decimal | None = attrs.field(
        default=None, converter=opt_rate, validator=non_negative, metadata={"zh": "规模控制率"}
    )
    """The area control rate as published (a fraction)."""
    budget_investment: Decimal | None = attrs.field(
        default=None, converter=opt_number, validator=non_negative, metadata={"zh": "预算投资"}
    )
    """The approved investment (控制额, 万元)."""
    actual_investment: Decimal | None = attrs.field(
        default=None, converter=opt_number, validator=non_negative, metadata={"zh": "实际投资"}
    )
    """The investment made (万元)."""
    investment_control_rate: Decimal | None = attrs.field(
        default=None, converter=opt_rate, validator=non_negative, metadata={"zh": "投资概算控制率"}
    )
    """The investment control rate as published (a fraction)."""


@attrs.frozen(kw_only=True)
class BaseData:
    """部门整体支出绩效评价基础数据表: the numbers a department rubric is computed from.

    Every number is stored as published, including the rates the table prints (控制率); the rubric
    layer recomputes rates, it does not trust these.

    >>> b = BaseData(authorized_staff=61, actual_staff=61, staff_control_rate="100%",
    ...              procurement=ExpenseLine(name="政府采购金额", previous="1375.06", budget="9866.92", final="7831.96"))
    >>> b.actual_staff, b.procurement.final
    (Decimal('61'), Decimal('7831.96'))
    """

    authorized_staff: Decimal | None = attrs.field(
        default=None, converter=opt_number, validator=non_negative, metadata={"zh": "编制数"}
    )
    """财政供养人员情况: the authorized head count (人)."""
    actual_staff: Decimal | None = attrs.field(
        default=None, converter=opt_number, validator=non_negative, metadata={"zh": "实际在职人数", "also": ("在职人数",)}
    )
    """The staff actually employed (人)."""
    staff_control_rate: Decimal | None = attrs.field(
        default=None,
        converter=opt_rate,
        validator=non_negative,
        # The table's column header says only 控制率.
        metadata={"zh": "在职人员控制率", "also": ("控制率",)},
    )
    """The staff control rate as published (a fraction)."""
    three_public: ExpenseLine | None = attrs.field(default=None, metadata={"zh": "三公经费"})
    """With 其中 公务用车购置和维护经费 (公车购置, 公车运行维护), 出国经费, 公务接待."""
    project_spending: ExpenseLine | None = attrs.field(default=None, metadata={"zh": "项目支出"})
    """Project spending, with one 其中 row per project."""
    common_expenses: ExpenseLine | None = attrs.field(default=None, metadata={"zh": "公用经费"})
    """基本支出中的一般商品和服务支出, with 其中 办公经费, 水费、电费、差旅费, 会议费、培训费."""
    procurement: ExpenseLine | None = attrs.field(
        default=None, metadata={"zh": "政府采购金额", "also": ("政府采购",)}
    )
    """Government procurement: budget is the plan (计划), final the actual (实际)."""
    budget_adjustment: ExpenseLine | None = attrs.field(default=None, metadata={"zh": "部门基本支出预算调整"})
    """Adjustments of the department's basic-expenditure budget."""
    buildings: BuildingControl | None = attrs.field(
        default=None, metadata={"zh": "楼堂馆所", "also": ("楼堂馆所控制情况",)}
    )
    """The control of office buildings; None when the table leaves it blank."""
    frugality: str | None = attrs.field(default=None, converter=opt_text, metadata={"zh": "厉行节约保障措施"})
    """The measures for frugality, verbatim."""
    source: Location | None = attrs.field(default=None, eq=False)
    """Where the table was read from."""
