"""Common practice: which known habit of published tables reproduces a reported score the rule does not give.

Tables are filled in by hand, and some habits recur: the rate rounded to a whole (or one-decimal) percent
before it is scored — a real table prints 49.88% as 50% and scores 5 of 10 under 分值 × 执行率 —, steps counted
pro rata where the standard counts whole steps (or whole where it says 按比例; 不足一步按一步 too), or the points
rounded to a whole point. When the strict reading disagrees with the reported 得分 but one of these habits
reproduces it exactly, the audit says so beside the finding: a softer finding, for the reviewer to weigh. The
strict score is never replaced: the habit is named, not adopted.

>>> from perfeval.rules import compile_rule
>>> rule = compile_rule("得分(分值×执行率)", points=10)
>>> print(practice(rule, Decimal("0.4988"), Decimal(5), "执行率"))
执行率 49.88% 先四舍五入到整数百分比（50%）再计分，得自报的 5 分
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from ..errors import PerfevalError
from ..i18n import N_
from ..numbers import percent_text
from ..rules import Rule
from ..rules.vocabulary import StepMode
from .reason import Reason, said

__all__ = ["practice"]

_COUNTS = ((StepMode.PROPORTIONAL, N_("practice_pro_rata")), (StepMode.WHOLE, N_("practice_whole_steps")),
           (StepMode.STARTED, N_("practice_started_steps")))
_ROUNDED_RATES = ((0, N_("practice_whole_percent")), (1, N_("practice_one_decimal_percent")))


def _shown(d: Decimal) -> str:
    return f"{d.normalize():f}"


def practice(rule: Rule, value: Any, reported: Decimal, name: str = "比率") -> Reason | None:
    """The habit that turns ``value`` into the ``reported`` points under ``rule``, or None when none does.

    Only a rate given as a Decimal is re-rounded (a count or a judgement has no such habit); the checks are
    exact, with the same rule, so a habit is named only when it gives the reported score to the last digit.
    """
    if isinstance(value, Decimal) and value.is_finite():
        try:
            strict = rule.points(value)
        except PerfevalError:
            return None
        if strict == reported:
            return None  # nothing to explain
        for places, words in _ROUNDED_RATES:
            rounded = value.quantize(Decimal(1).scaleb(-(2 + places)), rounding=ROUND_HALF_UP)
            if rounded == value:
                continue
            try:
                points = rule.points(rounded)
            except PerfevalError:
                continue
            if points == reported:
                return said("why_rounded_rate", name=name, value=percent_text(value), to=said(words),
                            rounded=percent_text(rounded), reported=_shown(reported))
        for mode, words in _COUNTS:
            other = rule.recounted(mode)
            if other is None:
                continue
            try:
                points = other.points(value)
            except PerfevalError:
                continue
            if points == reported:
                return said("why_other_count", how=said(words), reported=_shown(reported), strict=_shown(strict))
        if strict.quantize(Decimal(1), rounding=ROUND_HALF_UP) == reported:
            return said("why_the_points_rounded_to_a", strict=_shown(strict), reported=_shown(reported))
    return None
