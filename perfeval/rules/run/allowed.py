"""Which points a standard allows at all — to check an assessor's (or a table's) reported 得分.

In a self-evaluation table the reported 得分 of a judgement indicator *is* the assessor's input
(DESIGN.md, "Judgement"): perfeval accepts it when the standard allows it and flags it otherwise.
:func:`allowed_points` lists the sets of points an item can give, as closed intervals (a fixed option is
a one-point interval).
"""

from __future__ import annotations

import decimal
from decimal import Decimal
from itertools import combinations

from ..arith import CTX
from ..meaning import ir

__all__ = ["allowed_points", "allows"]

Span = tuple[Decimal, Decimal]
_ZERO = Decimal(0)
# Beyond this many items the subset sums of a checklist are summarised as one interval.
_MAX_ITEMS = 12


def allowed_points(item: ir.Item) -> list[Span]:
    """The points ``item`` can give, as sorted, merged closed intervals — with what it gives when there is
    nothing to score (没有该项任务的按满分计), which it can give too."""
    with decimal.localcontext(CTX):  # sums of points: exact, whatever the caller's context
        spans = [] if item.borrowed is not None and item.borrowed.only else _spans(item)
        if item.borrowed is not None:
            spans.append((_ZERO, item.max_points))  # others' average: any score under this indicator
        if item.absent is not None:
            spans.append((item.absent, item.absent))
        return _merge(spans)


def allows(item: ir.Item, points: Decimal) -> bool:
    """Whether ``points`` is a score the standard can give."""
    return any(lo <= points <= hi for lo, hi in allowed_points(item))


def _clip(item: ir.Item, lo: Decimal, hi: Decimal) -> Span:
    floor = item.floor
    top = item.top
    if floor is not None:
        lo, hi = max(lo, floor), max(hi, floor)
    return min(lo, top), min(hi, top)


def _spans(item: ir.Item) -> list[Span]:
    if item.options:
        return [_clip(item, o.low, o.high) for o in item.options]
    if item.tiers:
        return [_clip(item, t.low, t.high) for t in item.tiers]
    if item.judged is not None and not item.streams:
        return [_clip(item, *item.judged)]
    if item.parts:
        total: list[Span] = [(_ZERO, _ZERO)]
        for part in item.parts:
            total = _merge([(a + c, b + d) for a, b in total for c, d in allowed_points(part.item)])
        return [_clip(item, lo, hi) for lo, hi in total]
    flags = [s for s in item.streams if s.value.kind is ir.Kind.FLAG]
    if flags and len(flags) == len(item.streams) and len(flags) <= _MAX_ITEMS:
        spans: list[Span] = []
        for k in range(len(flags) + 1):
            for chosen in combinations(flags, k):
                lo = hi = item.base
                zero: Span | None = None
                for s in chosen:
                    piece = s.fn.pieces[-1]
                    low, high = _piece_range(piece)
                    if piece.zero:
                        # As the interpreter scores it: a clause that zeroes the item replaces every other
                        # stream's sum with its own points (本项不得分 → 0; 并倒扣10分 → −10), the zeroes added.
                        zero = (low, high) if zero is None else (zero[0] + low, zero[1] + high)
                    elif s.role is ir.Role.DEDUCT:
                        lo, hi = lo - high, hi - low
                    else:
                        lo, hi = lo + low, hi + high
                if zero is not None:
                    lo, hi = zero
                spans.append(_clip(item, lo, hi))
        return spans
    # No floor (可倒扣分 without a limit): any score below the top can be given — never a made-up −分值.
    floor = item.floor if item.floor is not None else Decimal("-Infinity")
    return [(floor, item.top)]


def _piece_range(p: ir.Piece) -> Span:
    value = p.expr.value if isinstance(p.expr, ir.Const) else _ZERO
    if p.judged is not None and all(isinstance(e, ir.Const) for e in p.judged):
        a, b = p.judged
        assert isinstance(a, ir.Const) and isinstance(b, ir.Const)
        return a.value, b.value
    return value, value


def _merge(spans: list[Span]) -> list[Span]:
    out: list[Span] = []
    for lo, hi in sorted(set(spans)):
        if out and lo <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], hi))
        else:
            out.append((lo, hi))
    return out
