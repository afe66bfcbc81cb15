"""资金情况: the money of a project or department, and its 其中 rows by source and by use.

>>> Funds(initial="985.93", budget="1839.1", spent="1439.13").execution_rate.quantize(Decimal("0.0001"))
Decimal('0.7825')
"""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal

import attrs

from perfeval.errors import Location, ValidationError
from perfeval.model.fields import (
    label,
    non_negative,
    not_blank,
    opt_number,
    opt_rate,
    positive,
    within_points,
    word,
)
from perfeval.numbers import exact_div

__all__ = ["FundLine", "Funds", "RateUndefinedError"]


class RateUndefinedError(ValidationError):
    """A rate whose denominator is zero, such as 执行率 with 全年预算数 = 0.

    >>> try:
    ...     Funds(budget=0, spent=0).execution_rate
    ... except RateUndefinedError as exc:
    ...     exc.field
    'budget'
    """


@attrs.frozen(kw_only=True)
class FundLine:
    """One 其中 row of the 资金情况 block: a source (当年财政拨款, 上年结转资金 …) or a use (基本支出 …).

    >>> FundLine(name="当年财政拨款", initial="985.93", budget="1497.06").budget
    Decimal('1497.06')
    """

    name: str = attrs.field(validator=not_blank, metadata={"zh": "名称"})
    """The row's label without "其中：" (当年财政拨款, 一般公共预算, 基本支出 …)."""
    initial: Decimal | None = attrs.field(
        default=None, converter=opt_number, validator=non_negative, metadata={"zh": "年初预算数"}
    )
    """The budget at the start of the year."""
    budget: Decimal | None = attrs.field(
        default=None, converter=opt_number, validator=non_negative, metadata={"zh": "全年预算数", "also": ("金额",)}
    )
    """The budget for the whole year (or the single amount a 按收入性质/按支出性质 line gives)."""
    spent: Decimal | None = attrs.field(
        default=None, converter=opt_number, validator=non_negative, metadata={"zh": "全年执行数", "also": ("执行数",)}
    )
    """What was spent in the year."""


def _fund_lines(value: Iterable[FundLine]) -> tuple[FundLine, ...]:
    return tuple(value)


@attrs.frozen(kw_only=True)
class Funds:
    """资金情况: the money of a project or department, in ``unit`` (万元 unless the table says otherwise).

    ``execution_rate`` (执行率 = 全年执行数 / 全年预算数) is exact: it is not cut to 78.25% before use.
    ``points``, ``reported_rate`` and ``reported`` are the 分值, 执行率 and 得分 the table prints.

    >>> f = Funds(initial="985.93", budget="1839.1", spent="1439.13", points=10, reported_rate="78.25 %", reported="7.83")
    >>> f.execution_rate.quantize(Decimal("0.0001")), f.reported_rate
    (Decimal('0.7825'), Decimal('0.7825'))
    >>> Funds(budget="-1")
    Traceback (most recent call last):
    perfeval.errors.ValidationError: 全年预算数 (budget) 不能为负数："budget=Decimal('-1')"
    """

    initial: Decimal | None = attrs.field(
        default=None, converter=opt_number, validator=non_negative, metadata={"zh": "年初预算数"}
    )
    """The budget at the start of the year."""
    budget: Decimal | None = attrs.field(
        default=None, converter=opt_number, validator=non_negative, metadata={"zh": "全年预算数"}
    )
    """The budget for the whole year, after adjustments."""
    spent: Decimal | None = attrs.field(
        default=None, converter=opt_number, validator=non_negative, metadata={"zh": "全年执行数", "also": ("执行数",)}
    )
    """What was spent in the year."""
    carried_over: Decimal | None = attrs.field(
        default=None,
        converter=opt_number,
        validator=non_negative,
        metadata={"zh": "上年结转", "also": ("上年结转资金",)},
    )
    """Money carried over from the year before."""
    added: Decimal | None = attrs.field(
        default=None, converter=opt_number, validator=non_negative, metadata={"zh": "本年追加", "also": ("本年追加预算",)}
    )
    """Budget added during the year."""
    balance: Decimal | None = attrs.field(
        default=None, converter=opt_number, validator=non_negative, metadata={"zh": "年末结余", "also": ("结余结转",)}
    )
    """What is left at the end of the year."""
    other: Decimal | None = attrs.field(
        default=None, converter=opt_number, validator=non_negative, metadata={"zh": "其他资金"}
    )
    """Money from other sources."""
    points: Decimal | None = attrs.field(
        default=None, converter=opt_number, validator=positive, metadata={"zh": "分值"}
    )
    """What the 预算执行率 row is worth, when the table scores it."""
    reported_rate: Decimal | None = attrs.field(
        default=None, converter=opt_rate, validator=non_negative, metadata={"zh": "执行率"}
    )
    """The execution rate as published, as a fraction ("78.25 %" → 0.7825)."""
    reported: Decimal | None = attrs.field(
        default=None, converter=opt_number, validator=within_points, metadata={"zh": "得分"}
    )
    """The score as published (分值 × 执行率 in most tables)."""
    by_source: tuple[FundLine, ...] = attrs.field(
        default=(), converter=_fund_lines, metadata={"zh": "按收入性质", "also": ("资金来源",)}
    )
    """其中 rows by source (当年财政拨款, 一般公共预算, 上年结转资金, 其他资金 …)."""
    by_use: tuple[FundLine, ...] = attrs.field(default=(), converter=_fund_lines, metadata={"zh": "按支出性质"})
    """其中 rows by use (基本支出, 项目支出)."""
    unit: str = attrs.field(default="万元", validator=not_blank, metadata={"zh": "单位"})
    """Unit of every amount (万元 in every published table)."""
    source: Location | None = attrs.field(default=None, eq=False)
    """Where the block was read from."""

    @property
    def execution_rate(self) -> Decimal:
        """执行率 = 全年执行数 / 全年预算数, exact (the full Decimal quotient, not a rounded percent).

        >>> Funds(budget="6790.53", spent="6790.53").execution_rate
        Decimal('1')
        """
        rate = word(Funds, "reported_rate")
        if self.spent is None:
            raise ValidationError("model_rate_needs", field="spent", value=None, rate=rate, name=label(Funds, 'spent'))
        if self.budget is None:
            raise ValidationError("model_rate_needs", field="budget", value=None, rate=rate, name=label(Funds, 'budget'))
        if self.budget == 0:
            raise RateUndefinedError("model_rate_undefined", field="budget", value=self.budget, rate=rate,
                                     name=label(Funds, 'budget'))
        # exact_div keeps 50 significant digits, like every other rate in perfeval: the rate is used
        # as is and only the final points are rounded, so 1439.13/1839.1 × 10 = 7.825… → 7.83.
        return exact_div(self.spent, self.budget)

    def line(self, name: str) -> FundLine:
        """The 其中 row called ``name`` (by source first, then by use).

        >>> Funds(by_source=[FundLine(name="上年结转资金", budget="330.8")]).line("上年结转资金").budget
        Decimal('330.8')
        """
        for row in (*self.by_source, *self.by_use):
            if row.name == name:
                return row
        raise KeyError(name)
