"""What a self-evaluation table (自评表) says: indicators, funds, base data, projects and departments.

Attribute names are English; the Chinese words of the published tables are in the docstrings and in
every message a person reads. All classes are frozen attrs classes whose numbers are exact
:class:`~decimal.Decimal` values; invalid data (a negative budget, 分值 ≤ 0, a reported 得分 above its
分值, units that cannot be compared) raises :class:`~perfeval.errors.ValidationError` naming the field.

Nothing here scores anything: reported scores (得分) are stored as published so that a later rubric
layer can recompute them and an audit can list where they disagree.

>>> ind = Indicator(level1="产出指标", level2="数量指标", name="国土规划巡察次数",
...                 points=3, target_text="≥100", actual_text="110", reported=3)
>>> ind.path, ind.points, ind.target.comparator
(('产出指标', '数量指标', '国土规划巡察次数'), Decimal('3'), '≥')
>>> Funds(initial="985.93", budget="1839.1", spent="1439.13").execution_rate.quantize(Decimal("0.0001"))
Decimal('0.7825')
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from decimal import Decimal
from typing import Any, ClassVar, TypeAlias

import attrs

from perfeval.errors import InputError, Location, ValidationError
from perfeval.numbers import exact_div, parse_rate, to_decimal
from perfeval.targets import Target, target

__all__ = [
    "BaseData",
    "BuildingControl",
    "Department",
    "Evaluation",
    "ExpenseLine",
    "FundLine",
    "Funds",
    "Indicator",
    "IndicatorGroup",
    "NumberLike",
    "Project",
    "RateUndefinedError",
]

NumberLike: TypeAlias = Decimal | int | float | str
"""What the model accepts for a number: a Decimal, an int, a float (read through ``str``) or published text."""


class RateUndefinedError(ValidationError):
    """A rate whose denominator is zero, such as 执行率 with 全年预算数 = 0.

    >>> try:
    ...     Funds(budget=0, spent=0).execution_rate
    ... except RateUndefinedError as exc:
    ...     exc.field
    'budget'
    """


# --------------------------------------------------------------------------------------------------
# converters and validators
# --------------------------------------------------------------------------------------------------


def _decimal(value: NumberLike) -> Decimal:
    """A Decimal from a number or its published text ("1,439.13", "10"); floats go through ``str``."""
    return to_decimal(value)


def _opt_decimal(value: NumberLike | None) -> Decimal | None:
    return None if value is None else _decimal(value)


def _opt_rate(value: NumberLike | None) -> Decimal | None:
    """A rate as a fraction: "78.25 %" → 0.7825; numbers are taken to be fractions already."""
    if value is None:
        return None
    if isinstance(value, str):
        return parse_rate(value)
    return to_decimal(value)


def _opt_text(value: str | None) -> str | None:
    """Text or None; an empty or blank cell is None (a merged or empty table cell)."""
    if value is None:
        return None
    if not isinstance(value, str):
        raise InputError("expected text", text=repr(value))
    return value if value.strip() else None


def _year(value: int | str) -> int:
    if isinstance(value, bool):
        raise InputError("expected a year, got a boolean", text=repr(value))
    if isinstance(value, int):
        return value
    text = str(value).strip().removesuffix("年度").removesuffix("年").strip()
    if not text.isdigit():
        raise InputError("expected a year such as 2023", text=str(value))
    return int(text)


_LABELS = {
    "name": "名称",
    "points": "分值",
    "reported": "得分",
    "initial": "年初预算数",
    "budget": "全年预算数",
    "spent": "全年执行数",
    "carried_over": "上年结转",
    "added": "本年追加",
    "balance": "年末结余",
    "other": "其他资金",
    "reported_rate": "执行率",
    "previous": "上年决算数",
    "final": "本年决算数",
    "authorized_staff": "编制数",
    "actual_staff": "实际在职人数",
    "staff_control_rate": "在职人员控制率",
    "approved_area": "批复规模",
    "actual_area": "实际规模",
    "area_control_rate": "规模控制率",
    "budget_investment": "预算投资",
    "actual_investment": "实际投资",
    "investment_control_rate": "投资概算控制率",
    "year": "年度",
    "rubric": "评价体系",
    "reported_total": "总分得分",
    "total_points": "总分分值",
    "level1": "一级指标",
    "target_text": "年度指标值",
    "actual_text": "实际完成值",
}


def _label(field: str) -> str:
    """``分值 (points)``: the published word first, then the attribute it is stored in."""
    chinese = _LABELS.get(field)
    return f"{chinese} ({field})" if chinese else field


def _non_negative(instance: object, attribute: attrs.Attribute[Any], value: Decimal | None) -> None:
    # Money, areas, head counts and rates of a table are never negative; a minus sign is a typo.
    if value is not None and value < 0:
        raise ValidationError(
            f"{_label(attribute.name)} must not be negative", field=attribute.name, value=value
        )


def _positive(instance: object, attribute: attrs.Attribute[Any], value: Decimal | None) -> None:
    if value is not None and value <= 0:
        raise ValidationError(
            f"{_label(attribute.name)} must be greater than 0", field=attribute.name, value=value
        )


def _not_blank(instance: object, attribute: attrs.Attribute[Any], value: str | None) -> None:
    if not isinstance(value, str) or not value.strip():
        raise ValidationError(
            f"{_label(attribute.name)} must not be empty", field=attribute.name, value=value
        )


def _within_points(instance: object, attribute: attrs.Attribute[Any], value: Decimal | None) -> None:
    """A reported 得分 lies in [0, 分值]; a score outside is not a score, whatever the table says."""
    if value is None:
        return
    limit: Decimal | None = getattr(instance, "points", None)
    if attribute.name == "reported_total":
        limit = getattr(instance, "total_points", None)
    if value < 0:
        raise ValidationError(
            f"{_label(attribute.name)} must not be negative", field=attribute.name, value=value
        )
    if limit is not None and value > limit:
        raise ValidationError(
            f"{_label(attribute.name)} {value} is above the 分值 {limit}", field=attribute.name, value=value
        )


# --------------------------------------------------------------------------------------------------
# indicators
# --------------------------------------------------------------------------------------------------


def _parse_target(field: str, text: str | None, unit: str | None) -> Target | None:
    if text is None:
        return None
    try:
        return target(text, unit)
    except InputError as exc:
        raise ValidationError(
            f"{_label(field)} cannot be read: {exc.message}", field=field, value=text
        ) from exc


def _is_dimensionless(t: Target) -> bool:
    return t.value is None or bool(t.value.dimensionless)


@attrs.frozen(kw_only=True)
class Indicator:
    """One row of a table: a 三级指标 with its 分值, 年度指标值, 实际完成值 and reported 得分.

    ``target`` and ``actual`` are read from ``target_text``/``actual_text`` with the 计量单位 ``unit``
    (when the text carries no unit of its own); the texts are kept verbatim. ``reported`` is the 得分
    as published and must lie in [0, 分值].

    >>> ind = Indicator(level1="满意度指标", level2="服务对象满意度指标", name="公众满意度",
    ...                 points=5, target_text="≥ 95%", actual_text="100%", reported=5)
    >>> ind.level3, ind.actual_text, ind.reported
    ('公众满意度', '100%', Decimal('5'))
    >>> Indicator(name="公众满意度", points=0)
    Traceback (most recent call last):
    perfeval.errors.ValidationError: 分值 (points) must be greater than 0: "points=Decimal('0')"
    """

    name: str = attrs.field(validator=_not_blank)
    """三级指标: the indicator's name, verbatim."""
    points: Decimal = attrs.field(converter=_decimal, validator=_positive)
    """分值: what the indicator is worth (> 0)."""
    level1: str | None = attrs.field(default=None, converter=_opt_text)
    """一级指标 (产出指标, 效益指标 …)."""
    level2: str | None = attrs.field(default=None, converter=_opt_text)
    """二级指标 (数量指标, 质量指标 …)."""
    unit: str | None = attrs.field(default=None, converter=_opt_text)
    """计量单位 as published (个, 万元, % …), applied to target and actual texts that carry none."""
    target_text: str | None = attrs.field(default=None, converter=_opt_text)
    """年度指标值 / 指标值, verbatim (with the 指标类型 comparator in front when published apart)."""
    actual_text: str | None = attrs.field(default=None, converter=_opt_text)
    """实际完成值, verbatim."""
    reported: Decimal | None = attrs.field(default=None, converter=_opt_decimal, validator=_within_points)
    """得分 as published (None when the table leaves it blank)."""
    standard: str | None = attrs.field(default=None, converter=_opt_text)
    """评分标准 / 评价标准 / 评(扣)分标准, verbatim."""
    description: str | None = attrs.field(default=None, converter=_opt_text)
    """指标说明 / 具体指标 / 指标解释: what the indicator measures and how, verbatim."""
    note: str | None = attrs.field(default=None, converter=_opt_text)
    """偏差原因分析及改进措施."""
    source: Location | None = attrs.field(default=None, eq=False)
    """Where the row was read from (file and line, or sheet and cell); not part of equality."""
    target: Target | None = attrs.field(init=False, eq=False, repr=False)
    """年度指标值 read as a :class:`~perfeval.quantities.Target` (comparator and quantity, or 定性 text)."""
    actual: Target | None = attrs.field(init=False, eq=False, repr=False)
    """实际完成值 read the same way (tables publish "≥98%" as an actual value too)."""

    def __attrs_post_init__(self) -> None:
        # Derived once here, so a bad text fails when the row is built, not when it is scored.
        goal = _parse_target("target_text", self.target_text, self.unit)
        done = _parse_target("actual_text", self.actual_text, self.unit)
        if goal is not None and done is not None and goal.value is not None and done.value is not None:
            # A percent or bare number as 实际完成值 against "519.84万亩" is how tables report a
            # completion rate; only two real units of different kinds (公顷 against 个) are wrong.
            if not (_is_dimensionless(goal) or _is_dimensionless(done)):
                if goal.value.dimensionality != done.value.dimensionality:
                    raise ValidationError(
                        f"实际完成值 (actual_text) {self.actual_text!r} cannot be compared with "
                        f"年度指标值 {self.target_text!r}: units differ",
                        field="actual_text",
                        value=self.actual_text,
                    )
        object.__setattr__(self, "target", goal)
        object.__setattr__(self, "actual", done)

    @property
    def level3(self) -> str:
        """三级指标: the same as :attr:`name`.

        >>> Indicator(name="征拆面积完成率", points=4).level3
        '征拆面积完成率'
        """
        return self.name

    @property
    def path(self) -> tuple[str, ...]:
        """一级/二级/三级指标 names that are present, outermost first.

        >>> Indicator(level1="产出指标", name="征拆面积完成率", points=4).path
        ('产出指标', '征拆面积完成率')
        """
        return tuple(p for p in (self.level1, self.level2, self.name) if p is not None)


@attrs.frozen(kw_only=True)
class IndicatorGroup:
    """A published subtotal: the 分值 of a 一级指标 ("产出指标(50分)") or of a 二级指标.

    >>> IndicatorGroup(level1="产出指标", points=50).points
    Decimal('50')
    """

    level1: str = attrs.field(validator=_not_blank)
    """一级指标."""
    points: Decimal = attrs.field(converter=_decimal, validator=_positive)
    """分值 of the group, as published."""
    level2: str | None = attrs.field(default=None, converter=_opt_text)
    """二级指标, when the subtotal is that of a 二级指标."""
    source: Location | None = attrs.field(default=None, eq=False)
    """Where the subtotal was read from."""

    @property
    def path(self) -> tuple[str, ...]:
        """(一级指标,) or (一级指标, 二级指标).

        >>> IndicatorGroup(level1="过程", level2="预算执行", points=20).path
        ('过程', '预算执行')
        """
        return (self.level1,) if self.level2 is None else (self.level1, self.level2)


# --------------------------------------------------------------------------------------------------
# funds
# --------------------------------------------------------------------------------------------------


@attrs.frozen(kw_only=True)
class FundLine:
    """One 其中 row of the 资金情况 block: a source (当年财政拨款, 上年结转资金 …) or a use (基本支出 …).

    >>> FundLine(name="当年财政拨款", initial="985.93", budget="1497.06").budget
    Decimal('1497.06')
    """

    name: str = attrs.field(validator=_not_blank)
    """The row's label without "其中：" (当年财政拨款, 一般公共预算, 基本支出 …)."""
    initial: Decimal | None = attrs.field(default=None, converter=_opt_decimal, validator=_non_negative)
    """年初预算数."""
    budget: Decimal | None = attrs.field(default=None, converter=_opt_decimal, validator=_non_negative)
    """全年预算数 (or the single amount a 按收入性质/按支出性质 line gives)."""
    spent: Decimal | None = attrs.field(default=None, converter=_opt_decimal, validator=_non_negative)
    """全年执行数."""


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
    perfeval.errors.ValidationError: 全年预算数 (budget) must not be negative: "budget=Decimal('-1')"
    """

    initial: Decimal | None = attrs.field(default=None, converter=_opt_decimal, validator=_non_negative)
    """年初预算数."""
    budget: Decimal | None = attrs.field(default=None, converter=_opt_decimal, validator=_non_negative)
    """全年预算数."""
    spent: Decimal | None = attrs.field(default=None, converter=_opt_decimal, validator=_non_negative)
    """全年执行数."""
    carried_over: Decimal | None = attrs.field(default=None, converter=_opt_decimal, validator=_non_negative)
    """上年结转 (资金)."""
    added: Decimal | None = attrs.field(default=None, converter=_opt_decimal, validator=_non_negative)
    """本年追加 (预算)."""
    balance: Decimal | None = attrs.field(default=None, converter=_opt_decimal, validator=_non_negative)
    """年末结余 (结余结转)."""
    other: Decimal | None = attrs.field(default=None, converter=_opt_decimal, validator=_non_negative)
    """其他资金."""
    points: Decimal | None = attrs.field(default=None, converter=_opt_decimal, validator=_positive)
    """分值 of the 预算执行率 row, when the table scores it."""
    reported_rate: Decimal | None = attrs.field(default=None, converter=_opt_rate, validator=_non_negative)
    """执行率 as published, as a fraction ("78.25 %" → 0.7825)."""
    reported: Decimal | None = attrs.field(default=None, converter=_opt_decimal, validator=_within_points)
    """得分 as published (分值 × 执行率 in most tables)."""
    by_source: tuple[FundLine, ...] = attrs.field(default=(), converter=_fund_lines)
    """其中 rows by source (按收入性质分: 当年财政拨款, 一般公共预算, 上年结转资金, 其他资金 …)."""
    by_use: tuple[FundLine, ...] = attrs.field(default=(), converter=_fund_lines)
    """其中 rows by use (按支出性质分: 基本支出, 项目支出)."""
    unit: str = attrs.field(default="万元", validator=_not_blank)
    """Unit of every amount (万元 in every published table)."""
    source: Location | None = attrs.field(default=None, eq=False)
    """Where the block was read from."""

    @property
    def execution_rate(self) -> Decimal:
        """执行率 = 全年执行数 / 全年预算数, exact (the full Decimal quotient, not a rounded percent).

        >>> Funds(budget="6790.53", spent="6790.53").execution_rate
        Decimal('1')
        """
        if self.spent is None:
            raise ValidationError("执行率 needs 全年执行数 (spent)", field="spent", value=None)
        if self.budget is None:
            raise ValidationError("执行率 needs 全年预算数 (budget)", field="budget", value=None)
        if self.budget == 0:
            raise RateUndefinedError(
                "执行率 is undefined: 全年预算数 (budget) is 0", field="budget", value=self.budget
            )
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


# --------------------------------------------------------------------------------------------------
# base data (基础数据表)
# --------------------------------------------------------------------------------------------------


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

    name: str = attrs.field(validator=_not_blank)
    """The row's label as published, without numbering ("公务接待", "公车运行维护" …)."""
    previous: Decimal | None = attrs.field(default=None, converter=_opt_decimal, validator=_non_negative)
    """上年决算数 (e.g. 2022年决算数 in a 2023 table)."""
    budget: Decimal | None = attrs.field(default=None, converter=_opt_decimal, validator=_non_negative)
    """本年预算数 (计划, 控制数)."""
    final: Decimal | None = attrs.field(default=None, converter=_opt_decimal, validator=_non_negative)
    """本年决算数 (实际)."""
    items: tuple[ExpenseLine, ...] = attrs.field(default=(), converter=_expense_lines)
    """其中 rows, in published order."""

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

    approved_area: Decimal | None = attrs.field(default=None, converter=_opt_decimal, validator=_non_negative)
    """批复规模 (㎡)."""
    actual_area: Decimal | None = attrs.field(default=None, converter=_opt_decimal, validator=_non_negative)
    """实际规模 (㎡)."""
    area_control_rate: Decimal | None = attrs.field(
        default=None, converter=_opt_rate, validator=_non_negative
    )
    """规模控制率 as published (a fraction)."""
    budget_investment: Decimal | None = attrs.field(
        default=None, converter=_opt_decimal, validator=_non_negative
    )
    """预算投资 (万元): the approved investment (控制额)."""
    actual_investment: Decimal | None = attrs.field(
        default=None, converter=_opt_decimal, validator=_non_negative
    )
    """实际投资 (万元)."""
    investment_control_rate: Decimal | None = attrs.field(
        default=None, converter=_opt_rate, validator=_non_negative
    )
    """投资概算控制率 as published (a fraction)."""


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
        default=None, converter=_opt_decimal, validator=_non_negative
    )
    """财政供养人员情况: 编制数 (人)."""
    actual_staff: Decimal | None = attrs.field(default=None, converter=_opt_decimal, validator=_non_negative)
    """实际在职人数 (人)."""
    staff_control_rate: Decimal | None = attrs.field(
        default=None, converter=_opt_rate, validator=_non_negative
    )
    """控制率 as published (a fraction)."""
    three_public: ExpenseLine | None = None
    """三公经费, with 其中 公务用车购置和维护经费 (公车购置, 公车运行维护), 出国经费, 公务接待."""
    project_spending: ExpenseLine | None = None
    """项目支出, with one 其中 row per project."""
    common_expenses: ExpenseLine | None = None
    """公用经费 (基本支出中的一般商品和服务支出), with 其中 办公经费, 水费、电费、差旅费, 会议费、培训费."""
    procurement: ExpenseLine | None = None
    """政府采购金额: budget is the plan (计划), final the actual (实际)."""
    budget_adjustment: ExpenseLine | None = None
    """部门基本支出预算调整."""
    buildings: BuildingControl | None = None
    """楼堂馆所控制情况; None when the table leaves it blank."""
    frugality: str | None = attrs.field(default=None, converter=_opt_text)
    """厉行节约保障措施, verbatim."""
    source: Location | None = attrs.field(default=None, eq=False)
    """Where the table was read from."""


# --------------------------------------------------------------------------------------------------
# projects and departments
# --------------------------------------------------------------------------------------------------


def _indicators(value: Iterable[Indicator]) -> tuple[Indicator, ...]:
    return tuple(value)


def _groups(value: Iterable[IndicatorGroup]) -> tuple[IndicatorGroup, ...]:
    return tuple(value)


def _positive_year(instance: object, attribute: attrs.Attribute[Any], value: int) -> None:
    if not 1900 <= value <= 2200:
        raise ValidationError(f"年度 (year) {value} is not a plausible year", field="year", value=value)


@attrs.frozen(kw_only=True)
class _Evaluation:
    """Fields shared by a project's and a department's self-evaluation table."""

    kind: ClassVar[str] = ""

    name: str = attrs.field(validator=_not_blank)
    """名称: 项目名称 or 部门（单位）名称."""
    year: int = attrs.field(converter=_year, validator=_positive_year)
    """年度."""
    rubric: str = attrs.field(validator=_not_blank)
    """评价体系: the rubric the table is scored by (a data file always names it)."""
    funds: Funds | None = None
    """资金情况."""
    indicators: tuple[Indicator, ...] = attrs.field(default=(), converter=_indicators)
    """The 三级指标 rows, in published order."""
    groups: tuple[IndicatorGroup, ...] = attrs.field(default=(), converter=_groups)
    """Published subtotals of 一级/二级指标 ("产出指标(50分)")."""
    goal: str | None = attrs.field(default=None, converter=_opt_text)
    """年度总体目标 — 预期目标, verbatim."""
    achieved: str | None = attrs.field(default=None, converter=_opt_text)
    """年度总体目标 — 实际完成情况, verbatim."""
    total_points: Decimal | None = attrs.field(default=None, converter=_opt_decimal, validator=_positive)
    """总分 row, 分值 column (100 in every published table)."""
    reported_total: Decimal | None = attrs.field(
        default=None, converter=_opt_decimal, validator=_within_points
    )
    """总分 row, 得分 column, as published."""
    reported_grade: str | None = attrs.field(default=None, converter=_opt_text)
    """等级 as published (优, 良, 优秀 …)."""
    grading: str | None = attrs.field(default=None, converter=_opt_text)
    """The grade table as published ("90 分（含）—100 分为优 …")."""
    source: Location | None = attrs.field(default=None, eq=False)
    """The file the evaluation was read from."""

    def indicator(self, name: str) -> Indicator:
        """The indicator whose 三级指标 is ``name`` (the first, if the table repeats a name).

        >>> p = Project(name="p", year=2023, rubric="项目支出绩效自评表",
        ...             indicators=[Indicator(name="群众满意度", points=10, reported=10)])
        >>> p.indicator("群众满意度").reported
        Decimal('10')
        """
        for ind in self.indicators:
            if ind.name == name:
                return ind
        raise KeyError(name)

    def reported_sum(self, *, include_funds: bool = True) -> Decimal | None:
        """Sum of the reported 得分 (with the funds row's 得分 unless ``include_funds`` is false).

        None when any of them is blank: a partial sum would look like a real total.

        >>> p = Project(name="p", year=2023, rubric="r", funds=Funds(budget=1, spent=1, points=10, reported=10),
        ...             indicators=[Indicator(name="a", points=90, reported="87.83")])
        >>> p.reported_sum(), p.reported_sum(include_funds=False)
        (Decimal('97.83'), Decimal('87.83'))
        """
        values: list[Decimal | None] = [ind.reported for ind in self.indicators]
        if include_funds and self.funds is not None and self.funds.points is not None:
            values.append(self.funds.reported)
        if any(v is None for v in values):
            return None
        return sum((v for v in values if v is not None), Decimal(0))

    def points_sum(self, *, include_funds: bool = True) -> Decimal:
        """Sum of the 分值 of every indicator (and of the funds row unless ``include_funds`` is false).

        >>> Project(name="p", year=2023, rubric="r", indicators=[Indicator(name="a", points=6)]).points_sum()
        Decimal('6')
        """
        total = sum((ind.points for ind in self.indicators), Decimal(0))
        if include_funds and self.funds is not None and self.funds.points is not None:
            total += self.funds.points
        return total


@attrs.frozen(kw_only=True)
class Project(_Evaluation):
    """A 项目支出绩效自评表: one project's funds, indicators and reported scores.

    >>> p = Project(name="2021年国土变更调查工作", year=2022, rubric="项目支出绩效自评表",
    ...             department="湖南省自然资源厅", implementer="华容县自然资源局")
    >>> p.kind, p.implementer
    ('项目', '华容县自然资源局')
    """

    kind: ClassVar[str] = "项目"

    department: str | None = attrs.field(default=None, converter=_opt_text)
    """主管部门."""
    implementer: str | None = attrs.field(default=None, converter=_opt_text)
    """实施单位."""


@attrs.frozen(kw_only=True)
class Department(_Evaluation):
    """A 部门整体支出绩效自评表 (or 共性指标表) with the department's 基础数据表.

    >>> d = Department(name="株洲市芦淞区自然资源局", year=2021, rubric="部门整体支出绩效自评表")
    >>> d.kind, d.base is None
    ('部门', True)
    """

    kind: ClassVar[str] = "部门"

    base: BaseData | None = None
    """基础数据表."""


Evaluation: TypeAlias = Project | Department
"""What a data file holds: a :class:`Project` or a :class:`Department`."""
