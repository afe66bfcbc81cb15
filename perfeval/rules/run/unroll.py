"""Stage 5 (fast path): a piece that counts whole or started steps is the band table it amounts to.

每低于5%扣2分 from 100% of 5分, 扣完为止, scores 5, 3, 1, 0 — four bands with exact edges (95%, 90%, 85%).
The generated code can then test the value against those edges, as a hand-written if-chain does, instead of
computing the steps for every value. Each band's points are what the piece's own formula gives at a value
of that band (computed once, by the very code the formula would run), so the bands score exactly what the
formula scores; a piece is unrolled only when that holds by construction:

- it reads the value only through one step count (整步 or 不足一步按一步; 按比例 is continuous), of a distance
  that is affine in the value, and its points are affine in that count;
- every edge is an exact decimal (a step of 1/3 is not), and the count's points reach the floor (or the
  top) within :data:`MAX_BANDS` steps, after which every larger count is clamped alike.

>>> from perfeval.rules.syntax.parser import parse
>>> from perfeval.rules.meaning.analyse import analyse
>>> item = analyse(parse("100%计满分，每低于5%扣2分，扣完为止"), Decimal(5)).item
>>> piece = next(p for p in item.streams[0].fn.pieces if not isinstance(p.expr, ir.Const | ir.MaxPoints))
>>> bands = unroll(piece, item, lambda x: max(Decimal(0), 5 - 2 * ((1 - x) // Decimal("0.05"))))
>>> [(str(b.interval.lo), b.interval.hi_in, str(b.interval.hi), str(b.expr.value)) for b in bands]
[('0.95', False, '1', '5'), ('0.9', True, '0.95', '3'), ('0.85', True, '0.9', '1'), ('None', True, '0.85', '0')]
"""

from __future__ import annotations

import decimal
from collections.abc import Callable
from decimal import Decimal
from fractions import Fraction

import attrs

from ..arith import EXACT
from ..meaning import ir
from ..vocabulary import StepMode

__all__ = ["MAX_BANDS", "unroll"]

#: The most bands a step piece becomes (beyond, it keeps its formula: a long table is no faster).
MAX_BANDS = 32

_Affine = tuple[Fraction, Fraction]


def _affine(e: ir.Expr, var: Callable[[ir.Expr], bool], max_points: Decimal) -> _Affine | None:
    """``e`` as ``a·v + b`` in the variable ``var`` picks out, exactly; None when it is not affine in it."""
    if var(e):
        return Fraction(1), Fraction(0)
    if isinstance(e, ir.Const):
        return Fraction(0), Fraction(e.value)
    if isinstance(e, ir.MaxPoints):
        return Fraction(0), Fraction(max_points)
    if not isinstance(e, ir.Op):
        return None  # the value read another way (Min, Abs, a second count, an input)
    left, right = _affine(e.left, var, max_points), _affine(e.right, var, max_points)
    if left is None or right is None:
        return None
    if e.op in ("+", "-"):
        sign = 1 if e.op == "+" else -1
        return left[0] + sign * right[0], left[1] + sign * right[1]
    if e.op == "*":
        if left[0] == 0:
            return left[1] * right[0], left[1] * right[1]
        return (right[1] * left[0], right[1] * left[1]) if right[0] == 0 else None
    if e.op == "/" and right[0] == 0 and right[1] != 0:
        return left[0] / right[1], left[1] / right[1]
    return None


def _exact(f: Fraction) -> Decimal | None:
    try:
        return EXACT.divide(Decimal(f.numerator), Decimal(f.denominator))
    except decimal.DecimalException:
        return None  # not a terminating decimal: no exact edge to compare with


def unroll(piece: ir.Piece, item: ir.Item, value_at: Callable[[Decimal], Decimal]) -> tuple[ir.Piece, ...] | None:
    """``piece`` as constant bands within its interval, or None when it cannot be (see the module).

    ``value_at(x)`` is the piece's final points (clamped and rounded) at the value ``x``, as the formula's
    generated code computes them; each band's points are ``value_at`` of one value of the band.
    """
    counts = [s for s in ir.walk(piece.expr) if isinstance(s, ir.Steps)]
    if len(counts) != 1 or counts[0].mode is StepMode.PROPORTIONAL or counts[0].size <= 0:
        return None
    count = counts[0]
    distance = _affine(count.distance, lambda e: isinstance(e, ir.X), item.max_points)
    points = _affine(piece.expr, lambda e: e is count, item.max_points)
    if distance is None or points is None or distance[0] == 0 or points[0] == 0:
        return None
    (a, b), (c1, c0), size = distance, points, Fraction(count.size)  # d = a·x + b; points = c0 + c1·steps
    bound = item.floor if c1 < 0 else item.top
    if bound is None:
        return None
    # the first count whose points are past the bound: it and every larger count are clamped to it
    last = next((j for j in range(MAX_BANDS) if (c0 + c1 * j <= bound if c1 < 0 else c0 + c1 * j >= bound)), None)
    if last is None:
        return None
    # x_j: the value whose distance is exactly j steps — it counts j steps in either mode
    at = [_exact((j * size - b) / a) for j in range(last + 2)]
    if any(x is None for x in at):
        return None
    xs: list[Decimal] = [x for x in at if x is not None]
    try:
        values = [value_at(x) for x in xs]
    except (ArithmeticError, ValueError):
        return None
    if values[last] != values[last + 1]:
        return None  # not clamped as the affine reading says: keep the formula
    whole = count.mode is StepMode.WHOLE
    bands = []
    for j in range(last + 1):
        # count ≥ j from edge j on: whole steps at x_j (inclusive), started steps past x_{j-1}
        lower = (xs[j], whole) if j >= 1 and whole else (xs[j - 1], False) if j >= 1 else None
        upper = (xs[j + 1], False) if j < last and whole else (xs[j], True) if j < last else None
        if a > 0:
            band = ir.Interval(lower[0] if lower else None, lower[1] if lower else False,
                               upper[0] if upper else None, upper[1] if upper else False)
        else:  # the distance grows as the value falls: the same edges, mirrored
            band = ir.Interval(upper[0] if upper else None, upper[1] if upper else False,
                               lower[0] if lower else None, lower[1] if lower else False)
        inside = band.meet(piece.interval)
        if not inside.empty:
            bands.append(attrs.evolve(piece, interval=inside, expr=ir.Const(values[j])))
    return tuple(bands)
