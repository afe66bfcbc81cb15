"""The one exact arithmetic of compiled rules: every number a score is made of goes through here.

Both the generated fast path (:mod:`.codegen`) and the interpreter that builds explanations
(:mod:`.interpret`) call these functions, so the two cannot compute differently. All of it runs in
perfeval's own decimal context, :data:`CTX`, never the caller's: a caller who sets ``prec=3`` or
``ROUND_FLOOR`` or traps ``Inexact`` changes nothing here.

Why the results are exact. Inputs are limited (:mod:`perfeval.limits`) to :data:`MAX_DIGITS` significant
digits and exponents within ±:data:`MAX_EXPONENT`, so any sum or difference of them, and any product of
up to three, fits in :data:`CTX`'s 400 digits without rounding; step counts are integer quotients
(``divide_int``, which traps rather than round). A quotient that does not terminate (1/3) is correctly rounded to 400 digits; it can
never sit exactly on a rounding boundary of the final 0.01, so rounding it once at the end gives the
exact answer. Points are rounded once, half up, to the precision asked for.

>>> count_steps(Decimal("0.15"), Decimal("0.05"), StepMode.WHOLE)
Decimal('3')
>>> finish(Decimal("7.825"), Decimal("0.01"))
Decimal('7.83')
"""

from __future__ import annotations

import decimal
from decimal import ROUND_HALF_UP, Decimal

from ..limits import MAX_DIGITS, MAX_EXPONENT
from .vocabulary import StepMode

__all__ = ["CTX", "EXACT", "LIMITS", "MAX_DIGITS", "STEP_COUNTERS", "pro_rata_steps", "started_steps", "whole_steps", "MAX_EXPONENT", "ZERO", "add", "clamp", "count_steps", "divide", "finish",
           "multiply", "subtract"]


#: The context of all rule arithmetic: wide enough that nothing the limits allow is ever rounded
#: before the end, every error trapped.
CTX = decimal.Context(prec=400, rounding=decimal.ROUND_HALF_EVEN, Emax=999_999, Emin=-999_999,
                      traps=[decimal.InvalidOperation, decimal.DivisionByZero, decimal.Overflow])
#: The same, trapping any rounding: sums, differences and products must be exact, and are for every
#: input within the limits; an input beyond them (hundreds of digits) stops with an error instead.
EXACT = decimal.Context(prec=400, rounding=decimal.ROUND_HALF_EVEN, Emax=999_999, Emin=-999_999,
                        traps=[decimal.InvalidOperation, decimal.DivisionByZero, decimal.Overflow,
                               decimal.Inexact, decimal.Underflow])
#: The limits as a context: ``LIMITS.plus(x)`` signals for exactly the numbers :func:`perfeval.limits.check_number`
#: refuses (more than MAX_DIGITS digits: Rounded; |adjusted exponent| > MAX_EXPONENT: Overflow or Subnormal).
#: The fast path checks every Decimal it computes with by it, at the cost of one call, so it refuses what the
#: interpreter does (a value that is only compared, a band table's, is not checked: ir.compares_only).
LIMITS = decimal.Context(prec=MAX_DIGITS, rounding=decimal.ROUND_HALF_EVEN, Emax=MAX_EXPONENT, Emin=-MAX_EXPONENT,
                         traps=[decimal.Rounded, decimal.Overflow, decimal.Subnormal, decimal.InvalidOperation])
ZERO = Decimal(0)
_ONE = Decimal(1)


#: ``a + b``, ``a − b`` and ``a × b`` in :data:`CTX` — exact for every input the limits allow. They are the
#: context's own methods, so the generated code and the interpreter call the very same C functions (and no
#: Python frame is added on the fast path).
add = CTX.add
subtract = CTX.subtract
multiply = CTX.multiply


def _beyond(a: Decimal, b: Decimal) -> Exception:
    from ..errors import InputError

    return InputError("number_beyond_limits", text=f"{a:.40} / {b:.40}", code="limit_digits", digits=MAX_DIGITS,
                      exponent=MAX_EXPONENT)


def divide(a: Decimal, b: Decimal) -> Decimal:
    """``a ÷ b`` (``b`` is never 0 here: callers check and name the denominator)."""
    return CTX.divide(a, b)


def whole_steps(distance: Decimal, size: Decimal) -> Decimal:
    """How many whole steps of ``size`` fit in ``distance`` (0 when it is not positive): 每低于5%扣2分."""
    if distance <= 0:
        return ZERO
    try:
        return EXACT.divide_int(distance, size)
    except decimal.DecimalException:
        raise _beyond(distance, size) from None


def started_steps(distance: Decimal, size: Decimal) -> Decimal:
    """How many steps of ``size`` are started in ``distance``: 不足一个百分点的按一个百分点计算."""
    whole = whole_steps(distance, size)
    try:
        return EXACT.add(whole, _ONE) if distance > 0 and EXACT.remainder(distance, size) != 0 else whole
    except decimal.DecimalException:
        raise _beyond(distance, size) from None


def pro_rata_steps(distance: Decimal, size: Decimal) -> Decimal:
    """``distance`` in steps of ``size``, continuous: 按比例."""
    return CTX.divide(distance, size) if distance > 0 else ZERO


#: The step counter of each :class:`StepMode` (the generated code calls the one its mode names).
STEP_COUNTERS = {StepMode.WHOLE: whole_steps, StepMode.STARTED: started_steps,
                 StepMode.PROPORTIONAL: pro_rata_steps}


def count_steps(distance: Decimal, size: Decimal, mode: StepMode) -> Decimal:
    """How many steps of ``size`` fit in ``distance`` ≥ 0: whole steps, started steps, or pro rata.

    >>> count_steps(Decimal("0.0999"), Decimal("0.05"), StepMode.STARTED)
    Decimal('2')
    """
    return STEP_COUNTERS[mode](distance, size)


def clamp(raw: Decimal, floor: Decimal | None, ceiling: Decimal | None) -> Decimal:
    """``raw`` kept within ``[floor, ceiling]`` (a None side is open)."""
    if floor is not None and raw < floor:
        return floor
    if ceiling is not None and raw > ceiling:
        return ceiling
    return raw


def finish(raw: Decimal, quantum: Decimal) -> Decimal:
    """Round half up to ``quantum`` — once, at the end. ``-0`` becomes ``0``.

    >>> finish(Decimal("-0.001"), Decimal("0.01"))
    Decimal('0.00')
    """
    out = raw.quantize(quantum, ROUND_HALF_UP, CTX)
    return out.copy_abs() if out.is_zero() else out
