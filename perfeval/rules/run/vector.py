"""Stage 5 (columns): a compiled standard's meaning evaluated on a whole column of scaled integers at once.

The value column arrives as NumPy ``int64`` whole numbers ``x·10^scale`` (the unscaled digits of an Arrow
decimal, or integers with scale 0). Every quantity is kept, as in :mod:`.sql`, as a whole-number array
over a positive constant denominator; constants are exact fractions; steps are floor divisions of
non-negative numbers; the points are rounded half up once, to whole quanta of the rule's precision. Before
each multiplication or addition the largest magnitude is checked against 2^62, so NumPy never wraps: a
column that could overflow raises :class:`TooWide` and the caller scores it value by value instead.

Rows no band covers, and counts or ranks that are not whole (or too small), are returned as *unscored*:
the caller asks the per-value path for their reason, so a refusal always carries the words ``rule.points``
would raise.

>>> import numpy as np
>>> from perfeval.rules.syntax.parser import parse
>>> from perfeval.rules.meaning.analyse import analyse
>>> item = analyse(parse("100%计满分，每低于5%扣2分，扣完为止"), Decimal(10)).item
>>> quanta, scored = column_points(item, np.array([90, 85, 100, 120]), 2)
>>> quanta.tolist(), scored.tolist()
([600, 400, 1000, 1000], [True, True, True, True])
"""

from __future__ import annotations

import functools
import math
from collections.abc import Sequence
from decimal import Decimal
from fractions import Fraction
from typing import Any

from ..meaning import ir
from ..vocabulary import StepMode
from . import exact
from .codegen import bands, compilable

__all__ = ["TooWide", "column_bands", "column_points", "vectorisable"]

_LIMIT = 2 ** 62


class TooWide(Exception):
    """The column's numbers could pass 64 bits in this rule's arithmetic: score it value by value."""


def vectorisable(item: ir.Item) -> bool:
    """Whether :func:`column_points` evaluates ``item``: a compiled (one-value) standard without a division
    by the value itself."""
    if not compilable(item):
        return False
    for p in item.streams[0].fn.pieces:
        for e in ir.walk(p.expr):
            if isinstance(e, ir.Op) and e.op == "/" and _reads_x(e.right):
                return False
            if isinstance(e, ir.Steps) and e.size <= 0:
                return False
    return True


def _reads_x(e: ir.Expr) -> bool:
    return any(isinstance(s, ir.X) for s in ir.walk(e))


def _big(a: Any) -> int:
    """The largest magnitude in ``a`` (two reductions, no temporary array)."""
    return max(int(a.max()), -int(a.min())) if a.size else 0


def _times(a: Any, k: int) -> Any:
    if k == 1:
        return a
    if _big(a) * abs(k) >= _LIMIT:
        raise TooWide
    return a * k


def _sum(a: Any, b: Any, sign: int) -> Any:
    big_b = _big(b) if not isinstance(b, int) else abs(b)
    if _big(a) + big_b >= _LIMIT:
        raise TooWide
    return a + b if sign > 0 else a - b


class _Eval:
    """The IR over one array of rows (``xi``, all of one piece), as (numerators, denominator) pairs."""

    def __init__(self, item: ir.Item, xi: Any, scale: int, np: Any) -> None:
        self.item, self.xi, self.unit, self.np = item, xi, 10 ** scale, np

    def value(self, e: ir.Expr) -> Fraction | tuple[Any, int]:
        if not _reads_x(e):
            return self.constant(e)
        if isinstance(e, ir.X):
            return self.xi, self.unit
        if isinstance(e, ir.Steps):
            return self.steps(self.value(e.distance), Fraction(e.size), e.mode)
        if isinstance(e, ir.Min):
            a, b = self.common(self.value(e.left), self.value(e.right))
            return self.np.minimum(a[0], b[0]), a[1]
        if isinstance(e, ir.Abs):
            v = self.value(e.arg)
            assert not isinstance(v, Fraction)
            return abs(v[0]), v[1]
        assert isinstance(e, ir.Op)
        left = self.value(e.left)
        if e.op == "/":
            divisor = self.constant(e.right)
            if divisor == 0:
                raise ZeroDivisionError
            return self.mul(left, 1 / divisor)
        right = self.value(e.right)
        if e.op == "*":
            return self.mul(left, right)
        sign = 1 if e.op == "+" else -1
        if isinstance(right, Fraction) or isinstance(left, Fraction):
            return self.plus_constant(left, right, sign)
        a, b = self.common(left, right)
        return _sum(a[0], b[0], sign), a[1]

    def plus_constant(self, left: Fraction | tuple[Any, int], right: Fraction | tuple[Any, int],
                      sign: int) -> tuple[Any, int]:
        """``left ± right`` where one side is a constant: a scalar added to the array, not an array of it."""
        c, v, flip = (right, left, False) if isinstance(right, Fraction) else (left, right, True)
        assert isinstance(c, Fraction) and not isinstance(v, Fraction)
        den = math.lcm(v[1], c.denominator)
        num = _times(v[0], den // v[1])
        k = c.numerator * (den // c.denominator)
        if _big(num) + abs(k) >= _LIMIT:
            raise TooWide
        if flip:  # c ± v
            return (k + num if sign > 0 else k - num), den
        return (num + k if sign > 0 else num - k), den

    def constant(self, e: ir.Expr) -> Fraction:
        """An expression that does not read the value, exactly (a fraction: 1 ÷ 3 is one third)."""
        return exact.constant(e, self.item.max_points, lambda d: ZeroDivisionError())

    def common(self, a: Fraction | tuple[Any, int], b: Fraction | tuple[Any, int]) -> tuple[tuple[Any, int], ...]:
        """Both on one denominator, as arrays."""
        den = math.lcm(*(v.denominator if isinstance(v, Fraction) else v[1] for v in (a, b)))
        out = []
        for v in (a, b):
            if isinstance(v, Fraction):
                n = v.numerator * (den // v.denominator)
                if abs(n) >= _LIMIT:
                    raise TooWide
                out.append((self.np.full(self.xi.shape, n, dtype=self.np.int64), den))
            else:
                out.append((_times(v[0], den // v[1]), den))
        return tuple(out)

    def mul(self, a: Fraction | tuple[Any, int], b: Fraction | tuple[Any, int]) -> Fraction | tuple[Any, int]:
        if isinstance(a, Fraction) and isinstance(b, Fraction):
            return a * b
        if isinstance(a, Fraction):
            a, b = b, a
        assert not isinstance(a, Fraction)
        if isinstance(b, Fraction):
            if b == 0:
                return Fraction(0)
            g = math.gcd(b.numerator, a[1])
            return _times(a[0], b.numerator // g), (a[1] // g) * b.denominator
        if _big(a[0]) * _big(b[0]) >= _LIMIT:
            raise TooWide
        return a[0] * b[0], a[1] * b[1]

    def steps(self, distance: Fraction | tuple[Any, int], size: Fraction, mode: StepMode) -> Fraction | tuple[Any, int]:
        np = self.np
        if isinstance(distance, Fraction):
            return exact.fraction_steps(distance, size, mode)
        num, den = distance
        positive = np.maximum(num, 0)
        scaled = _times(positive, size.denominator)
        divisor = den * size.numerator
        if mode is StepMode.PROPORTIONAL:
            return scaled, divisor
        if mode is StepMode.STARTED:
            scaled = _sum(scaled, divisor - 1, 1)
        return scaled // divisor, 1

    def quanta(self, v: Fraction | tuple[Any, int], cap: Decimal | None) -> Any:
        """Capped, clamped to [floor, 分值], rounded half up to whole quanta of the precision."""
        np, item = self.np, self.item
        q = Fraction(item.precision)
        if cap is not None:
            if isinstance(v, Fraction):
                v = min(v, Fraction(cap))
            else:
                c, w = self.common(v, Fraction(cap))
                v = np.minimum(c[0], w[0]), c[1]
        if isinstance(v, Fraction):
            return np.full(self.xi.shape, exact.round_half_up(exact.clamp(v, item.floor, item.top) / q), dtype=np.int64)
        num, den = v
        g = math.gcd(q.denominator, den)
        a = _times(num, q.denominator // g)
        m = (den // g) * q.numerator
        if m == 1:
            out = a
        else:
            twice = _times(a, 2)
            if _big(twice) + m >= _LIMIT:
                raise TooWide
            # half away from zero: sign · ⌊(2|A| + M) ÷ 2M⌋ (below a floor ≥ 0 the clamp below decides)
            up = (twice + m) // (2 * m)
            out = up if item.floor is not None and item.floor >= 0 else \
                np.where(a >= 0, up, -((m - twice) // (2 * m)))
        if item.floor is not None:
            low = Fraction(item.floor)
            below = _times(num, low.denominator) < low.numerator * den
            out = np.where(below, exact.round_half_up(low / q), out)
        top = Fraction(item.top)
        above = _times(num, top.denominator) > top.numerator * den
        if item.floor is not None:
            above &= ~below
        return np.where(above, exact.round_half_up(top / q), out)


def _inside(np: Any, iv: ir.Interval, xi: Any, unit: int) -> Any:
    if iv.lo is not None and iv.lo == iv.hi:
        edge = Fraction(iv.lo) * unit
        return xi == edge.numerator if edge.denominator == 1 else np.zeros(xi.shape, dtype=bool)
    mask = np.ones(xi.shape, dtype=bool)
    if iv.lo is not None:
        edge = Fraction(iv.lo) * unit
        mask &= xi >= _bound(math.ceil(edge)) if iv.lo_in else xi > _bound(math.floor(edge))
    if iv.hi is not None:
        edge = Fraction(iv.hi) * unit
        mask &= xi <= _bound(math.floor(edge)) if iv.hi_in else xi < _bound(math.ceil(edge))
    return mask


def _bound(n: int) -> int:
    """An edge beyond int64 compares like the largest one (every value of the column is within ±2^62)."""
    return max(-_LIMIT, min(_LIMIT, n))


def _piece_quanta(item: ir.Item, piece: ir.Piece, cap: Decimal | None, xi: Any, rows: Any, scale: int,
                  np: Any) -> Any:
    """One piece's quanta: a constant, or computed on the whole column (no gather and scatter) unless the
    rows outside the piece could overflow, then on the piece's rows alone."""
    if not _reads_x(piece.expr):
        return _Eval(item, xi[:1], scale, np).quanta(_Eval(item, xi[:1], scale, np).constant(piece.expr), cap)[0]
    try:
        whole = _Eval(item, xi, scale, np)
        return whole.quanta(whole.value(piece.expr), cap)
    except TooWide:
        part = _Eval(item, xi[rows], scale, np)
        out = np.zeros(xi.shape, dtype=np.int64)
        out[rows] = part.quanta(part.value(piece.expr), cap)
        return out


def _edges(item: ir.Item, pieces: tuple[ir.Piece, ...], cap: Decimal | None, scale: int,
           np: Any) -> tuple[tuple[int, ...], Any] | None:
    """A table of constant bands from -∞ to +∞ without gaps (a band table, or steps unrolled) as the least
    scaled value of each band after the first and the quanta of every band; None for any other table."""
    if any(not isinstance(p.expr, ir.Const | ir.MaxPoints) for p in pieces):
        return None
    ordered = sorted(pieces, key=lambda p: (p.interval.lo is not None, p.interval.lo or 0, not p.interval.lo_in))
    if ordered[0].interval.lo is not None or ordered[-1].interval.hi is not None:
        return None
    unit = 10 ** scale
    edges = []
    for below, above in zip(ordered, ordered[1:], strict=False):
        b, a = below.interval, above.interval
        if b.hi is None or a.lo is None or b.hi != a.lo or b.hi_in == a.lo_in:
            return None  # a gap or two bands claiming the edge: the general path says which rows are unscored
        edge = Fraction(a.lo) * unit
        edges.append(_bound(math.ceil(edge) if a.lo_in else math.floor(edge) + 1))
    one = _Eval(item, np.zeros(1, dtype=np.int64), scale, np)  # constants: one row is enough
    return tuple(edges), np.array([one.quanta(one.constant(p.expr), cap)[0] for p in ordered], dtype=np.int64)


@functools.lru_cache(maxsize=512)
def _cached_edges(item: ir.Item, scale: int) -> tuple[tuple[int, ...], Any] | None:
    """:func:`_edges` of a rule's bands, once per rule and scale: a column of a million rows should not
    spend its first millisecond on fractions (the quanta are read-only, shared by every call)."""
    import numpy as np

    found = _edges(item, bands(item), item.streams[0].cap, scale, np)
    if found is None:
        return None
    found[1].setflags(write=False)
    return found


def _band_of(np: Any, edges: Sequence[int], xi: Any) -> Any:
    """Each row's band: the number of edges at or below it."""
    if len(edges) > 64:
        return np.searchsorted(np.array(edges, dtype=np.int64), xi, side="right")
    # a few comparisons of the column beat a search per row, each into one reused mask
    band = np.zeros(xi.shape, dtype=np.int8)
    above = np.empty(xi.shape, dtype=bool)
    for edge in edges:
        np.greater_equal(xi, edge, out=above)
        band += above.view(np.int8)
    return band


def column_bands(item: ir.Item, xi: Any, scale: int) -> tuple[Any, Any] | None:
    """For a table of constant bands without gaps (a band table, steps unrolled): each row's band and the
    quanta of each band, so that ``quanta[band]`` are the rows' points (see :func:`column_points`; the
    caller may look up something else by band, such as the 128-bit words of an Arrow column). None for
    any other standard, and for a count or a rank (whose rows are checked one by one).

    >>> import numpy as np
    >>> from perfeval.rules.syntax.parser import parse
    >>> from perfeval.rules.meaning.analyse import analyse
    >>> item = analyse(parse("90%（含）以上计6分；低于90%计0分"), Decimal(6)).item
    >>> band, quanta = column_bands(item, np.array([95, 89, 90]), 2)
    >>> band.tolist(), quanta.tolist()
    ([1, 0, 1], [0, 600])
    """
    import numpy as np

    stream = item.streams[0]
    if stream.value.kind in (ir.Kind.COUNT, ir.Kind.RANK):
        return None
    try:
        found = _cached_edges(item, scale)
    except TypeError:  # an item that cannot be hashed is measured afresh (the cache is only a cache)
        found = _edges(item, bands(item), stream.cap, scale, np)
    if found is None:
        return None
    edges, quanta = found
    return _band_of(np, edges, np.asarray(xi, dtype=np.int64)), quanta


def column_points(item: ir.Item, xi: Any, scale: int, big: int | None = None) -> tuple[Any, Any]:
    """The points of every row as whole quanta of ``item.precision`` (int64), and which rows were scored.

    ``xi`` holds each value times 10^scale (|xi| < 2^62; ``big``, when the caller knows it, is a bound of
    the magnitudes in ``xi``, which then need not be measured again). An unscored row (no band, not a whole count …) has quanta 0: the caller
    must ask the per-value path why. Raises :class:`TooWide` when the arithmetic could pass 64 bits,
    ZeroDivisionError never (a piece that divides by zero leaves its rows unscored).
    """
    import numpy as np

    xi = np.asarray(xi, dtype=np.int64)
    if (_big(xi) if big is None else big) >= _LIMIT:
        raise TooWide
    unit = 10 ** scale
    stream = item.streams[0]
    counted = stream.value.kind in (ir.Kind.COUNT, ir.Kind.RANK)
    table = None if counted else column_bands(item, xi, scale)
    if table is not None:
        # each row's band is the number of band edges at or below it: one pass per edge, no mask per band
        return np.take(table[1], table[0]), np.ones(xi.shape, dtype=bool)
    quanta = np.zeros(xi.shape, dtype=np.int64)
    scored = np.zeros(xi.shape, dtype=bool)
    pending = np.ones(xi.shape, dtype=bool)
    if counted:
        least = 0 if stream.value.kind is ir.Kind.COUNT else 1
        pending &= (xi % unit == 0) & (xi >= least * unit)
    for piece in bands(item):  # a step piece as its bands: a comparison per edge, no arithmetic per row
        rows = pending & _inside(np, piece.interval, xi, unit)
        if not rows.any():
            continue
        pending &= ~rows
        try:
            points = _piece_quanta(item, piece, stream.cap, xi, rows, scale, np)
        except ZeroDivisionError:
            continue  # unscored: the per-value path raises zero_denominator for them
        np.copyto(quanta, points, where=rows)
        scored |= rows
    return quanta, scored
