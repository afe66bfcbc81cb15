"""Band edges: every edge belongs to exactly one band, decided by the strength of each band's claim.

DESIGN.md, "Band edges":

1. explicit claims — （含）, =0, ≥/≤, 大于等于/小于等于 — win; two explicit claims on one edge overlap;
2. the legal convention comes next: 以上/以下/以内 include the number, 超过/不足/低于/高于/大于/小于 exclude it
   (民法典 第1259条), so "60%（含）-70%…，60%以下不得分" gives 60% to the 60–70% band;
3. an edge no band claims belongs to the band where it is the lower limit (统计上 "上限不在内").

:func:`resolve` takes each band's two bounds as written and returns closed/open intervals, plus the
readings it had to choose (reported by the checker and shown in explanations).

>>> from perfeval.rules.ast import Claim
>>> a = Side(Decimal("0.8"), True, Claim.EXPLICIT), Side(Decimal("0.9"), False, Claim.NONE)
>>> b = Side(Decimal("0.9"), True, Claim.EXPLICIT), None
>>> intervals, readings, conflicts = resolve([a, b])
>>> [i.render() for i in intervals]
['[80%, 90%)', '[90%, +∞)']
"""

from __future__ import annotations

from decimal import Decimal

import attrs

from .ast import Claim
from .ir import Interval, show

_STRENGTH = {Claim.EXPLICIT: 2, Claim.CONVENTION: 1, Claim.NONE: 0}


@attrs.frozen
class Side:
    """One bound as written: its value, whether the words put the value inside, and how strongly."""

    value: Decimal
    inclusive: bool
    claim: Claim


Bounds = tuple[Side | None, Side | None]


@attrs.frozen
class EdgeReading:
    """How one shared edge was given to a band, for the explanation and the checker."""

    value: Decimal
    owner: int
    rule: str  # "explicit", "convention", "lower-limit"


@attrs.frozen
class EdgeConflict:
    """Two bands both claim the same edge with the same strength: an overlap."""

    value: Decimal
    bands: tuple[int, ...]


def resolve(
    bands: list[Bounds], percent: bool = True
) -> tuple[list[Interval], list[EdgeReading], list[EdgeConflict]]:
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
            # A written end that no other band touches belongs to its own band ("100%-80%（含）" has 100%).
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

    intervals = [
        Interval(lo.value if lo else None, lo_in[i], hi.value if hi else None, hi_in[i])
        for i, (lo, hi) in enumerate(bands)
    ]
    return intervals, readings, conflicts


def _owner(claims: list[tuple[int, str, Side]]) -> tuple[int | None, str, tuple[int, ...]]:
    """The band that owns an edge shared by several, the rule that decided it, and any conflict."""
    for strength, rule in ((2, "explicit"), (1, "convention")):
        level = [(i, side, s) for i, side, s in claims if _STRENGTH[s.claim] == strength]
        inside = sorted({i for i, _, s in level if s.inclusive})
        if len(inside) > 1:
            return inside[0], rule, tuple(inside)
        if inside:
            return inside[0], rule, ()
        outside = {i for i, _, s in level if not s.inclusive}
        if outside:
            rest = [(i, side, s) for i, side, s in claims if i not in outside]
            if not rest:
                return None, rule, ()
            # The band this claim pushes the edge into is the one whose own claim is weaker.
            owner, _, _ = _owner(rest) if len({i for i, _, _ in rest}) > 1 else (rest[0][0], rule, ())
            return owner, rule, ()
    lower_limit = [i for i, side, _ in claims if side == "lo"]
    return (lower_limit[0] if lower_limit else claims[0][0]), "lower-limit", ()


def gaps(intervals: list[Interval]) -> list[Interval]:
    """The values between the lowest and the highest edge that no interval covers.

    >>> i = [Interval(Decimal("0.8"), True, Decimal("0.9"), False), Interval(Decimal("0.9"), False, None, False)]
    >>> [g.render() for g in gaps(i)]
    ['{90%}']
    """
    points: set[Decimal] = set()
    for iv in intervals:
        points.update(v for v in (iv.lo, iv.hi) if v is not None)
    ordered = sorted(points)
    found: list[Interval] = []
    for a in ordered:
        # An uncovered edge is a gap only between bands, not at the table's own ends.
        below = any(iv.lo is None or iv.lo < a for iv in intervals)
        above = any(iv.hi is None or iv.hi > a for iv in intervals)
        if below and above and not any(iv.contains(a) for iv in intervals):
            found.append(Interval(a, True, a, True))
    for a, b in zip(ordered, ordered[1:], strict=False):
        if not any(iv.contains((a + b) / 2) for iv in intervals):
            found.append(Interval(a, False, b, False))
    found.sort(key=lambda iv: (iv.lo, not iv.lo_in))
    return _merge(found)


def _merge(parts: list[Interval]) -> list[Interval]:
    merged: list[Interval] = []
    for p in parts:
        if merged and merged[-1].hi == p.lo and (merged[-1].hi_in or p.lo_in):
            last = merged[-1]
            merged[-1] = Interval(last.lo, last.lo_in, p.hi, p.hi_in)
        else:
            merged.append(p)
    return merged


def outside(intervals: list[Interval], percent: bool) -> tuple[str, ...]:
    """Every value range not covered by ``intervals``, rendered, including the two infinite ends."""
    inner = [g.render(percent) for g in gaps(intervals)]
    los = [iv for iv in intervals if iv.lo is None]
    his = [iv for iv in intervals if iv.hi is None]
    ends: list[str] = []
    if not los:
        low = min(iv.lo for iv in intervals if iv.lo is not None)
        covered = any(iv.lo == low and iv.lo_in for iv in intervals)
        ends.append(f"(-∞, {show(low, percent)}{')' if covered else ']'}")
    if not his:
        high = max(iv.hi for iv in intervals if iv.hi is not None)
        covered = any(iv.hi == high and iv.hi_in for iv in intervals)
        ends.append(f"{'(' if covered else '['}{show(high, percent)}, +∞)")
    return tuple(ends[:1] + inner + ends[1:])
