"""Which value a 自评表 row's own rate standard scores: the actual rate, or its completion ratio.

A row's 评分标准 that names rates ("90%（含）以上计10分", "完成率达到100%得满分，每低1个百分点扣1分") scores one
rate, but the row has two: the 实际完成值 and the completion ratio against the 年度指标值. They are the same
scale only when the target is 100% or is itself an edge of the standard (≥90% beside 90%（含）以上计6分).
Otherwise (hunt 14, C1–C3):

* a standard that names the 完成率 (the row's indicator is not itself a 完成率, and the target is not one of the
  standard's thresholds) scores the completion ratio actual ÷ target (验收合格率 ≥90%, actual 92%: 完成率 102%);
* a ceiling target (≤2%) under a standard that rewards higher values scores the completion ratio
  target ÷ actual — the raw value of a lower-is-better indicator cannot be what a higher-is-better scale means
  (事故率 ≤2%, actual 1.5%: 133%, not "低于80%计0分");
* anything else leaves open which rate the standard's numbers are of (≥90% beside 达到100%得满分): it is
  ``None`` here, and the row is reported unchecked — never the raw value guessed.

>>> from perfeval.rules import compile_rule
>>> from perfeval.targets import target
>>> rule = compile_rule("90%（含）以上计10分；80%（含）-90%，计8分；低于80%计0分", points=10)
>>> which_rate(rule, "事故率", "", target("≤2%"))
'completion'
>>> which_rate(rule, "验收合格率", "", target("≥90%"))
'actual'
>>> which_rate(compile_rule("达到100%得满分，每低于5%扣2分", points=10), "到位率", "达到100%得满分", target("≥90%"))
"""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Literal

from ..errors import PerfevalError
from ..rules import Rule
from ..targets import Target

__all__ = ["which_rate"]

#: the standard scores the completion of the target (完成率达到100%得满分 · 按完成比例)
_COMPLETION = re.compile(r"完成率|完成比例|完成程度|完成值与目标值")


def which_rate(rule: Rule, name: str, standard: str, goal: Target) -> Literal["actual", "completion"] | None:
    """``"actual"`` when the standard's rates are the row's own value, ``"completion"`` when they are its
    completion ratio, ``None`` when the words leave it open (see the module docstring)."""
    value = goal.value
    if value is None or len(goal.values) != 1:
        return "actual"
    try:
        target_rate = Decimal(str(value.to("dimensionless").magnitude))
    except Exception:  # a target that is not a rate: the table gives the completion rate itself
        return "actual"
    edges = _edges(rule)
    direction = _direction(rule, edges)
    if goal.effective_comparator in ("≤", "<"):
        if direction == "higher":
            return "completion"
        return "actual" if direction == "lower" and target_rate in edges else None
    if target_rate == 1:
        return "actual"  # actual ÷ 100% is the actual rate: both readings agree
    if _COMPLETION.search(standard) and not _COMPLETION.search(name):
        # 完成率达到95%以上 beside a target of ≥95%: the 完成率 may be the rate itself, restating the target
        return "completion" if direction == "higher" and target_rate not in edges else None
    return "actual" if target_rate in edges else None


def _edges(rule: Rule) -> set[Decimal]:
    """The rates the standard's bands start and end at (none for a formula: its 100% is implicit)."""
    out: set[Decimal] = set()
    for stream in rule.meaning.streams:
        for piece in stream.fn.pieces:
            out.update(v for v in (piece.interval.lo, piece.interval.hi) if v is not None)
    return out


def _direction(rule: Rule, edges: set[Decimal]) -> str | None:
    """Whether the standard gives more points far above its edges than far below them."""
    top, bottom = max(edges | {Decimal(1)}), min(edges | {Decimal(1)})
    try:
        high = rule(top + Decimal("0.5")).points
        low = rule(bottom / 2 if bottom > 0 else bottom - Decimal("0.5")).points
    except PerfevalError:
        return None
    if high is None or low is None or high == low:
        return None
    return "higher" if high > low else "lower"
