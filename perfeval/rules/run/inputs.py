"""Values at the edge of a compiled rule: whatever the caller holds, read exactly for the kind it must be.

A rate accepts ``"93%"``, ``"6.3‰"``, ``Decimal("0.93")``, ``0.93`` (through ``str``) or a pint quantity in
percent — text must carry its mark (``"85"`` is refused: 85% or 8500%?); a quantity accepts ``"50万元"`` in any unit of the same kind and converts it exactly; a count
accepts whole numbers ≥ 0 (``3``, ``"3"``, ``"3次"``); a rank whole numbers ≥ 1; a yes/no fact ``True``,
``False``, 0, 1, 是, 否. NaN, infinities and numbers beyond the limits are an
:class:`~perfeval.errors.InputError` that quotes the value — before any comparison is made, so a value can
never land in a band by being rounded. A Decimal that the standard only compares (``limited=False``: a band
table's) is exempt from the digit and exponent limits: comparing it is exact whatever its size.

>>> read("93.21%", Kind.RATE), read(Decimal("0.93"), Kind.RATE), read("3次", Kind.COUNT)
(Decimal('0.9321'), Decimal('0.93'), Decimal('3'))
"""

from __future__ import annotations

import decimal
import functools
import re
from collections.abc import Callable
from decimal import Decimal
from typing import Any, ParamSpec, TypeVar

from ...errors import InputError, PerfevalError
from ...limits import check_number, text_of
from ...numbers import parse_number
from ..arith import CTX, MAX_DIGITS, MAX_EXPONENT
from ..meaning.ir import Kind
from ..messages import safe

__all__ = ["YES_NO", "read", "read_measure", "read_number", "read_rate_text", "zero_or_one"]

_P = ParamSpec("_P")
_T = TypeVar("_T")
_ZERO = Decimal(0)
_SIMPLE = re.compile(r"\s*([+-]?(?:\d+(?:\.\d*)?|\.\d+))\s*(%|‰|个百分点|百分点)?\s*$")
#: 11月 · 2024年12月 · 12月底前: a month of the calendar (a date), not a length of time (11个月) — a table's
#: 实际完成值 "11月" is done in November, never 11 months late
_CALENDAR_MONTH = re.compile(r"^(?:在|于)?(?:\d{4}\s*年\s*)?(?:0?[1-9]|1[0-2])\s*月(?:份|底|末|初|中旬|上旬|下旬)?(?:前|以前|之前)?$")
#: The yes/no words an input may be given in (是/否, 有/无 …).
YES_NO = {"是": True, "否": False, "有": True, "无": False, "yes": True, "no": False, "true": True, "false": False}


def _error(code: str, value: Any, **params: Any) -> InputError:
    return InputError(code, text=text_of(value, as_repr=True), **safe(value=value, **params))


def _own_context(fn: Callable[_P, _T]) -> Callable[_P, _T]:
    """Run a reader in perfeval's own decimal context: a caller's ``prec=3`` or trapped ``Inexact`` must not
    change how ``"89.99%"`` or ``"20.01万元"`` is read (percent scaling and unit conversion are arithmetic)."""
    @functools.wraps(fn)
    def wrapper(*args: _P.args, **kwargs: _P.kwargs) -> _T:
        with decimal.localcontext(CTX):
            return fn(*args, **kwargs)

    return wrapper


def _limited(d: Decimal, raw: Any, limited: bool = True) -> Decimal:
    if not d.is_finite():
        raise _error("not_finite", raw)
    if d.is_zero():
        return _ZERO  # 0E+200 is 0: zeros are exact whatever their exponent (the fast path agrees)
    if limited or raw.__class__ is not Decimal:
        check_number(d, MAX_DIGITS, MAX_EXPONENT, raw)
    return d


@_own_context
def read_number(value: Any, limited: bool = True) -> Decimal:
    """A plain number (an int, a Decimal, a float through ``str``, or a numeric string), exactly.

    With ``limited`` false a Decimal (of that very class, not a subclass) is taken whatever its digits and
    exponent: the value of a standard that only compares it (see :func:`read`). Every other number is held
    to the limits either way."""
    if isinstance(value, bool):
        raise _error("not_a_number", value)
    if isinstance(value, Decimal):
        return _limited(value, value, limited)
    if isinstance(value, int):
        if abs(value) >= 10 ** MAX_DIGITS:
            check_number(Decimal(10) ** MAX_DIGITS, MAX_DIGITS, MAX_EXPONENT, value)
        return Decimal(value)
    if isinstance(value, float):
        return _limited(Decimal(repr(value)), value)
    if isinstance(value, str):
        if len(value) > 2 * MAX_DIGITS + 20:
            check_number(Decimal(10) ** (MAX_DIGITS + 1), MAX_DIGITS, MAX_EXPONENT, value[:40] + "…")
        m = _SIMPLE.match(value)
        if m is not None and m.group(2) is None:
            return _limited(Decimal(m.group(1)), value)
        try:
            return _limited(parse_number(value), value)
        except PerfevalError:
            raise _error("not_a_number", value) from None
    raise _error("not_a_number", value)


def _rate_text(value: str) -> Decimal:
    m = _SIMPLE.match(value)
    if m is not None:
        d = _limited(Decimal(m.group(1)), value)
        mark = m.group(2)
        if mark in ("%", "个百分点", "百分点"):
            return d.scaleb(-2)
        if mark == "‰":
            return d.scaleb(-3)
        # Text without its mark is the one place "85" could mean 85% or 8500%: neither is chosen for the
        # caller (a number — Decimal("0.85") — is the fraction it is, as documented).
        if d.is_zero():
            return _ZERO  # 0 is 0 in every unit (as a data file's rate cell reads it)
        raise InputError("rate_without_mark", text=repr(value), value=m.group(1))
    from ...quantities import quantity  # a full-width or spelled-out rate: the quantity reader knows them
    from ...units import is_percent

    try:
        q = quantity(value)
    except PerfevalError:
        raise _error("not_a_number", value) from None
    if q.dimensionless and not is_percent(q.units) and q.magnitude != 0:
        # "八十五", "85\u200b", "壹": a plain number written another way needs its mark as much as "85" does
        raise InputError("rate_without_mark", text=repr(value), value=str(q.magnitude))
    return _quantity_rate(q, value)


#: "93.21%", "-5%", "100%": the shape nearly every rate text has — ASCII digits, at most 40 of them.
_PLAIN_PERCENT = re.compile(r"([+-]?[0-9]{1,20}(?:\.[0-9]{1,20})?)%")


def read_rate_text(value: str) -> Decimal:
    """A rate's text exactly as :func:`read` reads it, the commonest shape with one match (the fast path's).

    >>> read_rate_text("93.21%"), read_rate_text("0%"), read_rate_text("６.3‰")
    (Decimal('0.9321'), Decimal('0.00'), Decimal('0.0063'))
    """
    m = _PLAIN_PERCENT.fullmatch(value)
    if m is None:
        read_in_full: Decimal = read(value, Kind.RATE)  # any other shape, and every refusal, as the interpreter has it
        return read_in_full
    # At most 40 digits and an exponent of -22 at the least: within every limit (nothing to check), and
    # exact in CTX; zero is 0 whatever its digits, as _limited has it.
    d = Decimal(m[1])
    return CTX.scaleb(_ZERO if d.is_zero() else d, -2)


def _shown(raw: Any) -> Any:
    """A quantity as a person wrote it (19处), never pint's internal name for its unit (19 chu)."""
    if hasattr(raw, "magnitude") and hasattr(raw, "units"):
        from ...units import label

        return f"{raw.magnitude}{label(raw.units)}"
    return raw


def _quantity_rate(q: Any, raw: Any) -> Decimal:
    from ...units import ureg

    try:
        return _limited(Decimal(q.to(ureg.dimensionless).magnitude), raw)
    except PerfevalError:
        raise
    except Exception:
        raise _error("unit_mismatch", _shown(raw), unit="%") from None


@_own_context
def read_measure(value: Any, unit: str | None, limited: bool = True) -> Decimal:
    """A number in ``unit`` (the standard's: 天, 万元, %): converted exactly from the unit given.

    Without ``unit`` a quantity is taken in its reference unit (元, 亩, 天 …); a rate is a fraction.
    """
    if isinstance(value, str):
        text = value.strip()
        if text.endswith(("%", "‰", "百分点")):
            if unit is not None and unit not in ("%", "‰", "百分点", "个百分点"):
                # 55% given to 超过20万元的扣3分 was read as 0.55万元: a rate is no amount of 万元 (or of 天)
                raise InputError("unit_mismatch", text=str(_shown(value)), value=str(_shown(value)), unit=unit)
            return _rate_text(text)
        m = _SIMPLE.match(text)
        if m is not None:
            return _limited(Decimal(m.group(1)), value)
        if _CALENDAR_MONTH.match(text):
            raise _error("calendar_month", value)
        from ...quantities import quantity

        try:
            q = quantity(text)
        except PerfevalError as exc:
            raise _error("not_a_number", value) from exc
        return _convert(q, unit, value)
    if hasattr(value, "magnitude") and hasattr(value, "to"):
        return _convert(value, unit, value)
    from ...targets import Target

    if isinstance(value, Target):
        if value.value is None:
            raise _error("not_a_number", value.text)
        return _convert(value.value, unit, value.text)
    return read_number(value, limited)


def _convert(q: Any, unit: str | None, raw: Any) -> Decimal:
    from ...units import convert, is_percent, label, to_reference

    try:
        if is_percent(q.units):
            return _quantity_rate(q, raw)
        converted = convert(q, unit) if unit else to_reference(q)
    except PerfevalError as exc:
        raise InputError("unit_mismatch", text=str(_shown(raw)), value=str(_shown(raw)),
                         unit=unit or label(q.units)) from exc
    except Exception:
        raise InputError("unit_mismatch", text=str(_shown(raw)), value=str(_shown(raw)), unit=unit or "?") from None
    return _limited(Decimal(converted.magnitude), raw)


def _whole(value: Any, minimum: int, code: str, limited: bool = True) -> Decimal:
    if isinstance(value, bool):
        raise _error(code, value)
    if isinstance(value, str):
        if re.search(r"(?:[%％‰]|百分点)\s*$", value):
            raise _error(code, value)  # "93%" is a rate, not 93 of anything
        text = re.sub(r"[^\d.+-]+$", "", value.strip())  # "3次", "2个工作日": the unit is the count's own
        d = read_number(text) if text else None
    elif isinstance(value, int | Decimal | float):
        d = read_number(value, limited)
    else:
        d = None
    if d is None or d != d.to_integral_value() or d < minimum:
        raise _error(code, value)
    return d.to_integral_value()


@_own_context
def read(value: Any, kind: Kind, unit: str | None = None, options: tuple[str, ...] = (), *,
         limited: bool = True) -> Any:
    """``value`` read as ``kind``: a Decimal for numbers, a bool for flags, the mark for an option.

    ``limited=False`` is for a value the standard only compares (a band table's: no arithmetic is done on
    it, and comparing Decimals is exact whatever their size): a finite :class:`~decimal.Decimal` is then
    taken whatever its digits and exponent. Text, ints, floats and Decimal subclasses are held to the
    limits either way (docs/limits.md)."""
    if kind is Kind.RATE:
        if value.__class__ is Decimal:
            return _limited(value, value, limited)
        if isinstance(value, str):
            return _rate_text(value)
        if hasattr(value, "magnitude") and hasattr(value, "to"):
            return _quantity_rate(value, value)
        return read_number(value)
    if kind is Kind.NUMBER:
        if isinstance(value, str) and value.strip().endswith("%"):
            return _rate_text(value)
        if isinstance(value, str):
            try:
                return read_number(value)
            except InputError:
                return _rate_text(value)  # "90％" · "百分之九十": a rate written another way, as every family reads it
        return read_number(value, limited)
    if kind is Kind.QUANTITY:
        return read_measure(value, unit, limited)
    if kind is Kind.COUNT:
        return _whole(value, 0, "not_a_count", limited)
    if kind is Kind.RANK:
        return _whole(value, 1, "not_a_rank", limited)
    if kind is Kind.FLAG:
        if isinstance(value, bool):
            return value
        if isinstance(value, int) and value in (0, 1):
            return bool(value)
        if isinstance(value, str) and value.strip().lower() in YES_NO:
            return YES_NO[value.strip().lower()]
        raise _error("not_a_flag", value)
    # an option or a tier: its mark, number or words
    text = text_of(value).strip()
    if text in options:
        return text
    raise InputError("unknown_option", text=text_of(value, as_repr=True), **safe(value=value, options="、".join(options)))


def zero_or_one(raw: Any) -> bool:
    """``raw in (0, 1)`` — without comparing a signalling NaN, which raises, and in perfeval's context: a
    quantity (96万元) converts its magnitude to compare, which the caller's context could trap or round.

    >>> zero_or_one(1), zero_or_one(Decimal("0.0")), zero_or_one(Decimal("sNaN")), zero_or_one("1")
    (True, True, False, False)
    """
    if isinstance(raw, Decimal) and raw.is_snan():
        return False
    with decimal.localcontext(CTX):
        return raw in (0, 1)
