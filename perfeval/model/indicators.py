"""Indicators: the 三级指标 rows of a table, and the published subtotals of their groups.

>>> ind = Indicator(level1="产出指标", level2="数量指标", name="国土规划巡察次数",
...                 points=3, target_text="≥100", actual_text="110", reported=3)
>>> ind.path, ind.points, ind.target.comparator
(('产出指标', '数量指标', '国土规划巡察次数'), Decimal('3'), '≥')
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import attrs

from perfeval.errors import InputError, Location, ValidationError
from perfeval.i18n import Localized
from perfeval.model.fields import (
    label,
    not_blank,
    opt_number,
    opt_text,
    positive,
    to_number,
    within_points,
    word,
)
from perfeval.targets import Target, target

__all__ = ["Indicator", "IndicatorGroup"]


def _is_dimensionless(t: Target) -> bool:
    return t.value is None or bool(t.value.units.dimensionless)  # by the unit, without converting the value


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
    perfeval.errors.ValidationError: 分值 (points) 必须大于 0："points=Decimal('0')"
    """

    name: str = attrs.field(validator=not_blank, metadata={"zh": "三级指标", "also": ("指标名称",)})
    """The indicator's name, verbatim."""
    points: Decimal = attrs.field(converter=to_number, validator=positive, metadata={"zh": "分值"})
    """What the indicator is worth (> 0)."""
    level1: str | None = attrs.field(default=None, converter=opt_text, metadata={"zh": "一级指标"})
    """The 一级指标 (产出指标, 效益指标 …)."""
    level2: str | None = attrs.field(default=None, converter=opt_text, metadata={"zh": "二级指标"})
    """The 二级指标 (数量指标, 质量指标 …)."""
    unit: str | None = attrs.field(default=None, converter=opt_text, metadata={"zh": "计量单位"})
    """The unit as published (个, 万元, % …), applied to target and actual texts that carry none."""
    target_text: str | None = attrs.field(
        default=None, converter=opt_text, metadata={"zh": "年度指标值", "also": ("指标值",)}
    )
    """The target, verbatim (with the 指标类型 comparator in front when published apart)."""
    actual_text: str | None = attrs.field(default=None, converter=opt_text, metadata={"zh": "实际完成值"})
    """The actual value, verbatim."""
    reported: Decimal | None = attrs.field(
        default=None, converter=opt_number, validator=within_points, metadata={"zh": "得分", "also": ("自评得分",)}
    )
    """The score as published (None when the table leaves it blank)."""
    standard: str | None = attrs.field(
        default=None,
        converter=opt_text,
        metadata={"zh": "评分标准", "also": ("评价标准", "评(扣)分标准", "评分(扣分)标准")},
    )
    """The scoring standard, verbatim."""
    description: str | None = attrs.field(
        default=None, converter=opt_text, metadata={"zh": "指标说明", "also": ("具体指标", "指标解释")}
    )
    """What the indicator measures and how, verbatim."""
    note: str | None = attrs.field(
        default=None, converter=opt_text, metadata={"zh": "偏差原因分析及改进措施", "also": ("偏差原因",)}
    )
    """Why the actual value deviates from the target, and what will be done."""
    source: Location | None = attrs.field(default=None, eq=False)
    """Where the row was read from (file and line, or sheet and cell); not part of equality."""
    target: Target | None = attrs.field(init=False, eq=False, repr=False)
    """``target_text`` read as a :class:`~perfeval.targets.Target` (comparator and quantity, or 定性 text)."""
    actual: Target | None = attrs.field(init=False, eq=False, repr=False)
    """``actual_text`` read the same way (tables publish "≥98%" as an actual value too)."""

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
                        "units_differ", actual_word=word(Indicator, 'actual_text'), actual=self.actual_text,
                        actual_unit=_unit_words(done.value.units), target_word=word(Indicator, 'target_text'),
                        target=self.target_text, target_unit=_unit_words(goal.value.units),
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


def _unit_words(u: Any) -> Localized:
    from perfeval.units import label as unit_label

    return Localized(lambda locale: unit_label(u, locale or "zh_CN"))


def _parse_target(field: str, text: str | None, unit: str | None) -> Target | None:
    if text is None:
        return None
    try:
        return target(text, unit)
    except InputError as exc:
        raise ValidationError("model_unreadable", field=field, value=text, name=label(Indicator, field),
                              cause=exc) from exc


@attrs.frozen(kw_only=True)
class IndicatorGroup:
    """A published subtotal: the 分值 of a 一级指标 ("产出指标(50分)") or of a 二级指标.

    >>> IndicatorGroup(level1="产出指标", points=50).points
    Decimal('50')
    """

    level1: str = attrs.field(validator=not_blank, metadata={"zh": "一级指标"})
    """The 一级指标."""
    points: Decimal = attrs.field(converter=to_number, validator=positive, metadata={"zh": "分值"})
    """What the group is worth, as published."""
    level2: str | None = attrs.field(default=None, converter=opt_text, metadata={"zh": "二级指标"})
    """The 二级指标, when the subtotal is that of a 二级指标."""
    source: Location | None = attrs.field(default=None, eq=False)
    """Where the subtotal was read from."""

    @property
    def path(self) -> tuple[str, ...]:
        """(一级指标,) or (一级指标, 二级指标).

        >>> IndicatorGroup(level1="过程", level2="预算执行", points=20).path
        ('过程', '预算执行')
        """
        return (self.level1,) if self.level2 is None else (self.level1, self.level2)
