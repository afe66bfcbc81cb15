"""Values at the edge of a compiled rule: whatever the caller holds, made an exact Decimal.

A rule scoring a rate accepts ``"93%"``, ``Decimal("0.93")``, ``0.93`` (through ``str``), or a pint
Quantity in percent; a rule scoring a count accepts ``3``, ``"3"`` or ``3 个工作日``. Anything else is an
:class:`~perfeval.errors.InputError` quoting the value.

>>> coerce("93%", percent=True), coerce(Decimal("0.93"), percent=True), coerce(3, percent=False)
(Decimal('0.93'), Decimal('0.93'), Decimal('3'))
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from ..errors import InputError
from ..numbers import parse_rate, to_decimal


def coerce(value: Any, *, percent: bool, unit: str | None = None) -> Decimal:
    """``value`` as the Decimal a rule computes with (a fraction when ``percent``)."""
    if value.__class__ is Decimal:
        if not value.is_finite():
            raise InputError("not a finite number", text=str(value))
        return value
    if value is None:
        from .diagnostics import MissingInputError

        raise MissingInputError("value", "")
    if isinstance(value, bool):
        raise InputError("a rule that scores a number needs a number", text=repr(value))
    if isinstance(value, str):
        if percent:
            return parse_rate(value)
        try:
            return to_decimal(value)
        except InputError:
            if unit is None:
                raise
        # "40万元" against a standard in 万元, "400000元" too: read it as a quantity and convert exactly.
        from ..quantities import quantity

        return _quantity(quantity(value), percent, unit)
    if isinstance(value, Decimal | int | float):
        return to_decimal(value)
    magnitude = getattr(value, "magnitude", None)
    if magnitude is not None and hasattr(value, "to"):
        return _quantity(value, percent, unit)
    raise InputError(f"cannot score a {type(value).__name__}", text=repr(value))


def _quantity(q: Any, percent: bool, unit: str | None) -> Decimal:
    try:
        if percent:
            from ..units import ureg

            converted = q.to(ureg.dimensionless)
        elif unit:
            from ..units import convert

            converted = convert(q, unit)
        else:
            converted = q
    except Exception as exc:  # pint's errors are not ours: say what was given and what was expected
        raise InputError(f"cannot use this quantity here ({exc})", text=str(q)) from None
    return to_decimal(converted.magnitude)
