"""Exact rational arithmetic on the parts of a rule's IR that do not read the value: shared by the backends
that compile a rule to whole-number arithmetic (SQL in :mod:`.sql`, NumPy columns in :mod:`.vector`).

>>> from decimal import Decimal
>>> constant(ir.Op("/", ir.Const(Decimal(1)), ir.Const(Decimal(3))), Decimal(10), lambda e: ZeroDivisionError())
Fraction(1, 3)
>>> fraction_steps(Fraction(7), Fraction(5), StepMode.STARTED)
Fraction(2, 1)
"""

from __future__ import annotations

import math
from collections.abc import Callable
from decimal import Decimal
from fractions import Fraction

from ..meaning import ir
from ..vocabulary import StepMode

__all__ = ["clamp", "constant", "fraction_steps", "round_half_up"]


def fraction_steps(distance: Fraction, size: Fraction, mode: StepMode) -> Fraction:
    """How many steps of ``size`` fit in ``distance`` (none at or below 0), counted by ``mode``."""
    if distance <= 0:
        return Fraction(0)
    q = distance / size
    if mode is StepMode.PROPORTIONAL:
        return q
    return Fraction(math.floor(q) if mode is StepMode.WHOLE else math.ceil(q))


def constant(e: ir.Expr, max_points: Decimal, zero: Callable[[ir.Expr], Exception]) -> Fraction:
    """``e`` (an expression that does not read the value) exactly, as a fraction: 1 ÷ 3 is one third.

    A division by zero raises what ``zero`` makes of the denominator's expression.
    """
    def value(x: ir.Expr) -> Fraction:
        if isinstance(x, ir.Const):
            return Fraction(x.value)
        if isinstance(x, ir.MaxPoints):
            return Fraction(max_points)
        if isinstance(x, ir.Steps):
            return fraction_steps(value(x.distance), Fraction(x.size), x.mode)
        if isinstance(x, ir.Min):
            return min(value(x.left), value(x.right))
        if isinstance(x, ir.Abs):
            return abs(value(x.arg))
        assert isinstance(x, ir.Op), x
        a, b = value(x.left), value(x.right)
        if x.op == "/":
            if b == 0:
                raise zero(x.right)
            return a / b
        return a + b if x.op == "+" else a - b if x.op == "-" else a * b

    return value(e)


def clamp(v: Fraction, floor: Decimal | None, top: Decimal) -> Fraction:
    """``v`` held between the item's floor (None: no floor) and its top.

    >>> clamp(Fraction(7), Decimal(0), Decimal(5)), clamp(Fraction(-1), None, Decimal(5))
    (Fraction(5, 1), Fraction(-1, 1))
    """
    if floor is not None and v < floor:
        return Fraction(floor)
    return Fraction(top) if v > top else v


def round_half_up(v: Fraction) -> int:
    """The nearest whole number, halves away from zero, as ROUND_HALF_UP does.

    >>> round_half_up(Fraction(5, 2)), round_half_up(Fraction(-5, 2))
    (3, -3)
    """
    n = math.floor(abs(v) + Fraction(1, 2))
    return n if v >= 0 else -n
