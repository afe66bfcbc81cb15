"""Which points a standard allows at all — to check an assessor's (or a table's) reported 得分.

In a self-evaluation table the reported 得分 of a judgement indicator *is* the assessor's input
(DESIGN.md, "Judgement"): perfeval accepts it when the standard allows it and flags it otherwise.
:func:`allowed_points` lists the sets of points a meaning can give, as closed intervals (a fixed option
is a one-point interval).

>>> from perfeval.rules.rule import compile_rule
>>> r = compile_rule("效果较好的计6分；一般3分；无效果或者效果不明显0分。", points=6)
>>> [(str(lo), str(hi)) for lo, hi in allowed_points(r.meaning)]
[('0', '0'), ('3', '3'), ('6', '6')]
>>> allows(r.meaning, Decimal(4))
False
"""

from __future__ import annotations

from decimal import Decimal
from itertools import combinations

from . import ir

Span = tuple[Decimal, Decimal]
_ZERO = Decimal(0)
# Beyond this many items the subset sums of a checklist are summarised as one interval.
_MAX_ITEMS = 12


def allowed_points(m: ir.Meaning) -> list[Span]:
    """The points ``m`` can give, as sorted, merged closed intervals."""
    return _merge(_spans(m))


def allows(m: ir.Meaning, points: Decimal) -> bool:
    """Whether ``points`` is a score the standard can give."""
    return any(lo <= points <= hi for lo, hi in allowed_points(m))


def _spans(m: ir.Meaning) -> list[Span]:
    if isinstance(m, ir.Choice):
        return [(min(o.low, m.max_points), min(o.high, m.max_points)) for o in m.options]
    if isinstance(m, ir.Tiers):
        return [(_ZERO, m.max_points)]
    if isinstance(m, ir.Composite):
        total: list[Span] = [(_ZERO, _ZERO)]
        for part in m.parts:
            total = [(a + c, b + d) for a, b in total for c, d in allowed_points(part.meaning)]
            total = _merge(total)
        return [(lo, min(hi, m.max_points)) for lo, hi in total]
    if isinstance(m, ir.Checklist):
        return _checklist(m)
    return [(_ZERO, m.max_points)]  # a numeric standard: anything its pieces reach, within 0..分值


def _checklist(m: ir.Checklist) -> list[Span]:
    P = m.max_points
    floor = _ZERO if m.max_deduction is None else max(_ZERO, P - m.max_deduction)
    if m.mode is ir.ChecklistMode.PER_FAILURE:
        assert m.per_failure is not None
        # 每出现一例…扣1分，扣完为止: counts cases, not items, so any number of failures down to the floor.
        steps = int((P - floor) / m.per_failure) + 1 if m.per_failure > 0 else 1
        values = {max(floor, P - m.per_failure * k) for k in range(steps + 1)}
        return [(v, v) for v in values]
    if len(m.items) > _MAX_ITEMS:
        return [(floor, P)]
    spans: list[Span] = []
    for k in range(len(m.items) + 1):
        for chosen in combinations(m.items, k):
            if m.mode is ir.ChecklistMode.SUM:
                v = min(P, sum((i.points or _ZERO for i in chosen), _ZERO))
                spans.append((v, v))
            else:
                lo = P - sum((i.deduct_high or _ZERO for i in chosen), _ZERO)
                hi = P - sum((i.deduct_low or _ZERO for i in chosen), _ZERO)
                spans.append((max(floor, lo), max(floor, hi)))
    return spans


def _merge(spans: list[Span]) -> list[Span]:
    out: list[Span] = []
    for lo, hi in sorted(set(spans)):
        if out and lo <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], hi))
        else:
            out.append((lo, hi))
    return out
