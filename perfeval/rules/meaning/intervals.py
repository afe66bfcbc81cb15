"""Band edges: every edge belongs to exactly one band, decided by the strength of each band's claim.

DESIGN.md, "Band edges":

1. explicit claims — （含）, =0, ≥/≤, 大于等于/小于等于, 不低于 — win; two explicit claims on one edge overlap;
2. the legal convention comes next: 以上/以下/以内 include the number, 超过/不足/低于/高于/大于/小于 exclude it
   (民法典 第1259条), so "60%（含）-70%…，60%以下不得分" gives 60% to the 60–70% band;
3. an edge no band claims belongs to the band where it is the lower limit (统计上 "上限不在内").

:func:`resolve` takes each band's two sides as written and returns the intervals, the readings it chose
(shown in explanations and by ``perfeval check --readings``) and the conflicts (overlaps).

>>> a = Side(Decimal("0.8"), True, Claim.EXPLICIT), Side(Decimal("0.9"), False, Claim.NONE)
>>> b = Side(Decimal("0.9"), True, Claim.EXPLICIT), None
>>> intervals, readings, conflicts = resolve([a, b])
>>> [render_interval(i) for i in intervals]
['[80%, 90%)', '[90%, +∞)']
"""

from __future__ import annotations

from decimal import Decimal

import attrs

from ..arith import CTX
from ..vocabulary import Claim
from .ir import Interval

__all__ = ["EdgeConflict", "EdgeReading", "Side", "gaps", "outside", "render_interval", "resolve", "subtract"]


def _show(value: Decimal, percent: bool) -> str:
    from ...numbers import percent_text, plain

    return percent_text(value, None) if percent else plain(value)


def render_interval(iv: Interval, percent: bool = True) -> str:
    """Mathematical notation: ``[80%, 90%)``, ``(-∞, 60%)``, ``{0}``."""
    if iv.lo is not None and iv.lo == iv.hi:
        return "{" + _show(iv.lo, percent) + "}"
    left = "(-∞" if iv.lo is None else ("[" if iv.lo_in else "(") + _show(iv.lo, percent)
    right = "+∞)" if iv.hi is None else _show(iv.hi, percent) + ("]" if iv.hi_in else ")")
    return f"{left}, {right}"


@attrs.frozen
class Side:
    """One bound as written: its value, whether the words put the value inside, and how strongly."""

    value: Decimal
    inclusive: bool
    claim: Claim


Bounds = tuple[Side | None, Side | None]


@attrs.frozen
class EdgeReading:
    """How one shared edge was given to a band (``rule``: explicit, convention or lower-limit)."""

    value: Decimal
    owner: int
    rule: str


@attrs.frozen
class EdgeConflict:
    """Two bands claim the same edge with the same strength: an overlap."""

    value: Decimal
    bands: tuple[int, ...]


def resolve(bands: list[Bounds]) -> tuple[list[Interval], list[EdgeReading], list[EdgeConflict]]:
    """Decide, for every value that is an edge of two or more bands, which band owns it."""
    lo_in = [b[0].inclusive if b[0] else False for b in bands]
    hi_in = [b[1].inclusive if b[1] else False for b in bands]
    readings: list[EdgeReading] = []
    conflicts: list[EdgeConflict] = []
    edges: dict[Decimal, list[tuple[int, str, Side]]] = {}
    for i, (lo, hi) in enumerate(bands):
        if lo is not None:
            edges.setdefault(lo.value, []).append((i, "lo", lo))
        if hi is not None and not (lo is not None and hi.value == lo.value):
            edges.setdefault(hi.value, []).append((i, "hi", hi))
    for value, claims in edges.items():
        if len({i for i, _, _ in claims}) < 2:
            # A written end no other band touches belongs to its own band ("100%-80%（含）" has 100%).
            for i, side, s in claims:
                if s.claim is Claim.NONE:
                    if side == "lo":
                        lo_in[i] = True
                    else:
                        hi_in[i] = True
            continue
        owner, rule, conflict = _owner(claims)
        if conflict:
            conflicts.append(EdgeConflict(value, conflict))
        for i, side, _ in claims:
            inside = i == owner
            if side == "lo":
                lo_in[i] = inside
            else:
                hi_in[i] = inside
            if bands[i][0] is not None and bands[i][1] is not None and bands[i][0] == bands[i][1]:
                lo_in[i] = hi_in[i] = inside
        if owner is not None:
            readings.append(EdgeReading(value, owner, rule))
    intervals = [Interval(lo.value if lo else None, lo_in[i], hi.value if hi else None, hi_in[i])
                 for i, (lo, hi) in enumerate(bands)]
    return intervals, readings, conflicts


def _owner(claims: list[tuple[int, str, Side]]) -> tuple[int | None, str, tuple[int, ...]]:
    for strength, rule in ((Claim.EXPLICIT, "explicit"), (Claim.CONVENTION, "convention")):
        level = [(i, side, s) for i, side, s in claims if s.claim is strength]
        inside = sorted({i for i, _, s in level if s.inclusive})
        if len(inside) > 1:
            return inside[0], rule, tuple(inside)
        if inside:
            return inside[0], rule, ()
        out = {i for i, _, s in level if not s.inclusive}
        if out:
            rest = [(i, side, s) for i, side, s in claims if i not in out]
            if not rest:
                return None, rule, ()
            owner, _, _ = _owner(rest) if len({i for i, _, _ in rest}) > 1 else (rest[0][0], rule, ())
            return owner, rule, ()
    lower_limit = [i for i, side, _ in claims if side == "lo"]
    return (lower_limit[0] if lower_limit else claims[0][0]), "lower-limit", ()


def gaps(intervals: list[Interval]) -> list[Interval]:
    """The values between the lowest and the highest edge that no interval covers."""
    points: set[Decimal] = set()
    for iv in intervals:
        points.update(v for v in (iv.lo, iv.hi) if v is not None)
    ordered = sorted(points)
    found: list[Interval] = []
    for a in ordered:
        below = any(iv.lo is None or iv.lo < a for iv in intervals)
        above = any(iv.hi is None or iv.hi > a for iv in intervals)
        if below and above and not any(iv.contains(a) for iv in intervals):
            found.append(Interval(a, True, a, True))
    for a, b in zip(ordered, ordered[1:], strict=False):
        if not any(iv.contains(CTX.divide(CTX.add(a, b), 2)) for iv in intervals):
            found.append(Interval(a, False, b, False))
    found.sort(key=lambda iv: (iv.lo, not iv.lo_in))
    merged: list[Interval] = []
    for p in found:
        if merged and merged[-1].hi == p.lo and (merged[-1].hi_in or p.lo_in):
            last = merged[-1]
            merged[-1] = Interval(last.lo, last.lo_in, p.hi, p.hi_in)
        else:
            merged.append(p)
    return merged


def outside(intervals: list[Interval], percent: bool) -> tuple[str, ...]:
    """Every value range not covered by ``intervals``, rendered, including the two infinite ends."""
    if not intervals:
        return ("(-∞, +∞)",)
    inner = [render_interval(g, percent) for g in gaps(intervals)]
    ends: list[str] = []
    if not any(iv.lo is None for iv in intervals):
        low = min(iv.lo for iv in intervals if iv.lo is not None)
        covered = any(iv.lo == low and iv.lo_in for iv in intervals)
        ends.append(f"(-∞, {_show(low, percent)}{')' if covered else ']'}")
    if not any(iv.hi is None for iv in intervals):
        high = max(iv.hi for iv in intervals if iv.hi is not None)
        covered = any(iv.hi == high and iv.hi_in for iv in intervals)
        ends.append(f"{'(' if covered else '['}{_show(high, percent)}, +∞)")
    return tuple(ends[:1] + inner + ends[1:])


def subtract(a: Interval, b: Interval) -> list[Interval]:
    """The parts of ``a`` outside ``b``."""
    out = []
    if b.lo is not None and (a.lo is None or a.lo < b.lo or (a.lo == b.lo and a.lo_in and not b.lo_in)):
        hi, hi_in = b.lo, not b.lo_in
        if a.hi is not None and (a.hi < hi or (a.hi == hi and not a.hi_in)):
            hi, hi_in = a.hi, a.hi_in
        piece = Interval(a.lo, a.lo_in, hi, hi_in)
        if not piece.empty:
            out.append(piece)
    if b.hi is not None and (a.hi is None or a.hi > b.hi or (a.hi == b.hi and a.hi_in and not b.hi_in)):
        lo, lo_in = b.hi, not b.hi_in
        if a.lo is not None and (a.lo > lo or (a.lo == lo and not a.lo_in)):
            lo, lo_in = a.lo, a.lo_in
        piece = Interval(lo, lo_in, a.hi, a.hi_in)
        if not piece.empty:
            out.append(piece)
    return out
