"""Exact numbers as the documents write them: ``95``, ``1,439.13``, ``１，４３９．１３``, ``5万``, ``三千五百``, ``95%``.

Every value perfeval computes with is a :class:`decimal.Decimal`. Floats are accepted only at the edge
and go through ``str()`` first (``0.1`` becomes ``Decimal("0.1")``, not ``0.1000000000000000055…``).
Rates stay exact until the very end: :func:`exact_div` divides with :data:`PRECISION` significant digits
in a private context, and :func:`round_points` rounds half up exactly once.

>>> parse_number("1,439.13"), parse_number("三千五百"), parse_rate("78.25%")
(Decimal('1439.13'), Decimal('3500'), Decimal('0.7825'))
>>> round_points(exact_div(Decimal("1439.13"), Decimal("1839.1")) * 10)
Decimal('7.83')
"""

from __future__ import annotations

import decimal
import functools
import re
from collections.abc import Callable
from decimal import ROUND_HALF_UP, Decimal
from typing import Any, ParamSpec, TypeVar

from perfeval.errors import InputError, Location, NumberFormatError
from perfeval.text import Normalized, normalize

_P = ParamSpec("_P")
_T = TypeVar("_T")

__all__ = [
    "OWN",
    "own_context",
    "PRECISION",
    "CHINESE_NUMERAL_CHARS",
    "ZeroDenominatorError",
    "context",
    "exact_div",
    "number_in",
    "parse_chinese_numeral",
    "parse_number",
    "parse_rate",
    "percent_text",
    "plain",
    "round_points",
    "shifted",
    "strip_zeros",
    "to_decimal",
]

#: Significant digits used for every division. 1439.13/1839.1 needs no more than this for the final
#: rounding to 0.01 to be right; 50 leaves a wide margin for chained ratios and formulas.
PRECISION = 50


class ZeroDenominatorError(InputError, ZeroDivisionError):
    """A ratio whose denominator is zero, such as a completion rate against a target of ``0%``.

    It is also a :class:`ZeroDivisionError`, so arithmetic code that already catches that keeps working.

    >>> try:
    ...     exact_div(1, 0)
    ... except ZeroDenominatorError as exc:
    ...     print(exc)
    除数为零：'1 / 0'
    """


def context() -> decimal.Context:
    """A fresh decimal context for perfeval arithmetic: :data:`PRECISION` digits, traps on.

    Use it as ``with decimal.localcontext(context()):`` — the global context is never touched, so an
    application that sets its own precision is not surprised.

    >>> context().prec
    50
    """
    return decimal.Context(
        prec=PRECISION,
        rounding=decimal.ROUND_HALF_EVEN,
        traps=[decimal.InvalidOperation, decimal.DivisionByZero, decimal.Overflow],
    )


#: The context of perfeval's own bookkeeping outside the rules (sums of 分值, totals, display): wide enough
#: that nothing within the limits (perfeval.limits) is rounded, and never the caller's.
OWN = decimal.Context(prec=400, rounding=decimal.ROUND_HALF_EVEN, Emax=999_999, Emin=-999_999,
                      traps=[decimal.InvalidOperation, decimal.DivisionByZero, decimal.Overflow])


def own_context(fn: Callable[_P, _T]) -> Callable[_P, _T]:
    """Run ``fn`` in :data:`OWN`: a caller's ``prec=3``, ``ROUND_FLOOR`` or trapped ``Inexact`` changes nothing.

    >>> @own_context
    ... def third() -> Decimal:
    ...     return Decimal(1) / 3
    >>> with decimal.localcontext(decimal.Context(prec=3)):
    ...     len(str(third())) > 100
    True
    """
    @functools.wraps(fn)
    def wrapper(*args: _P.args, **kwargs: _P.kwargs) -> _T:
        with decimal.localcontext(OWN):
            return fn(*args, **kwargs)

    return wrapper


# --- conversion at the edge ---------------------------------------------------------------------------


def to_decimal(value: Decimal | int | float | str) -> Decimal:
    """``value`` as an exact, finite Decimal. Floats go through ``str``; strings through :func:`parse_number`.

    ``bool`` is refused (``True`` is not a number a table would hold), and so are NaN and infinities.

    >>> to_decimal(0.1), to_decimal(7), to_decimal("１，４３９．１３")
    (Decimal('0.1'), Decimal('7'), Decimal('1439.13'))
    >>> to_decimal(float("nan"))
    Traceback (most recent call last):
    ...
    perfeval.errors.NumberFormatError: 不是有限的数：'nan'
    """
    if isinstance(value, bool):
        raise NumberFormatError("number_boolean", text=repr(value))
    if isinstance(value, Decimal):
        result = value
    elif isinstance(value, int):
        result = Decimal(value)
    elif isinstance(value, float):
        # str() gives the shortest repr that round-trips, which is what the user typed or saw.
        result = Decimal(str(value))
    elif isinstance(value, str):
        return parse_number(value)
    else:
        raise NumberFormatError("number_cannot_read_type", text=repr(value), kind=type(value).__name__)
    if not result.is_finite():
        raise NumberFormatError("number_not_finite", text=str(value))
    return result


def exact_div(a: Decimal | int | float | str, b: Decimal | int | float | str) -> Decimal:
    """``a / b`` with :data:`PRECISION` significant digits (exact whenever the quotient terminates).

    >>> exact_div(1439.13, "1839.1")
    Decimal('0.78251862323962807895166113860040237072481104888261')
    >>> exact_div(Decimal("91.22"), Decimal("0.0666")), exact_div(3, 4)
    (Decimal('1369.6696696696696696696696696696696696696696696697'), Decimal('0.75'))
    """
    x, y = to_decimal(a), to_decimal(b)
    if y == 0:
        raise ZeroDenominatorError("number_division_by_zero", text=f"{x} / {y}")
    with decimal.localcontext(context()):
        return x / y


def round_points(value: Decimal, places: int = 2) -> Decimal:
    """Round ``value`` half up to ``places`` decimals — once, at the end (``7.825`` → ``7.83``).

    Python's ``round`` on the float 7.825 gives 7.82, which is why points never pass through floats.

    >>> round_points(Decimal("7.825")), round_points(Decimal("4.65")), round_points(Decimal("5"), 0)
    (Decimal('7.83'), Decimal('4.65'), Decimal('5'))
    """
    d = to_decimal(value)
    # OWN, not context(): 50 digits would make a 49-digit value's quantize fail (InvalidOperation)
    with decimal.localcontext(OWN):
        return d.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)


# Showing a number never rounds it: wide enough for every number the limits allow (perfeval.limits), and
# for the 400-digit quotients of rule arithmetic.
_DISPLAY = decimal.Context(prec=1000, rounding=decimal.ROUND_HALF_EVEN, Emax=999_999, Emin=-999_999,
                           traps=[decimal.InvalidOperation])


#: Beyond this exponent (±, adjusted), or with more digits than :data:`_DISPLAY` holds, a number is written as
#: Decimal writes it (exponent form where it has one), exactly: only a value that a standard compares and never
#: computes with can be that large, small or long (docs/limits.md); 1E+999999999 written out would be a billion
#: characters, and 0.7999… with 5,000 digits shown in _DISPLAY would be rounded to 80%. Every number within the
#: limits (±100, 100 digits) is written out as before.
_WRITTEN_OUT = 1000


def _far(value: Decimal) -> bool:
    if value.is_zero():
        return False
    return abs(value.adjusted()) > _WRITTEN_OUT or len(value.as_tuple().digits) > _WRITTEN_OUT - 100


def shifted(value: Decimal, places: int) -> Decimal:
    """``value × 10**places``, exactly and in no context (the digits kept, the exponent moved) — for showing a
    number of any size; a NaN or an infinity is returned as it is.

    >>> shifted(Decimal("0.95"), 2), shifted(Decimal("1E+999999999"), -2)
    (Decimal('95'), Decimal('1E+999999997'))
    """
    sign, digits, exp = value.as_tuple()
    if not isinstance(exp, int):
        return value
    return Decimal((sign, digits, exp + places))


def percent_text(rate: Decimal, places: int | None = 2) -> str:
    """A rate as the percentage a table prints, whatever the caller's decimal context.

    ``places=None`` keeps every digit; otherwise rounds half up to ``places`` decimals, prefixed with ≈ when
    that loses digits. A rate beyond ±1E+1000 or of more than 900 digits (only a compared value can be) is
    written exactly as Decimal writes it, never rounded.

    >>> percent_text(Decimal("0.78251862")), percent_text(Decimal("0.95")), percent_text(Decimal("0.95"), None)
    ('≈78.25%', '95%', '95%')
    >>> percent_text(Decimal("1E-999999999")), percent_text(Decimal("0.7" + "9" * 5000), None)[:7]
    ('1E-999999997%', '79.9999')
    """
    if _far(rate):
        return f"{shifted(rate, 2)}%"
    ctx = _DISPLAY
    value = rate.scaleb(2, ctx)
    if places is not None:
        rounded = value.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP, context=ctx)
        if rounded != value:
            return f"≈{format(strip_zeros(rounded), 'f')}%"
    return f"{format(strip_zeros(value), 'f')}%"


def strip_zeros(value: Decimal) -> Decimal:
    """``value`` without trailing fractional zeros and never in exponent form (``299000.0`` → ``299000``).

    >>> strip_zeros(Decimal("1368.30")), strip_zeros(Decimal("2.99E+5")), strip_zeros(Decimal("0.50"))
    (Decimal('1368.3'), Decimal('299000'), Decimal('0.5'))
    """
    with decimal.localcontext(_DISPLAY):
        if value == value.to_integral_value():
            return value.quantize(Decimal(1))
        return value.normalize()


def plain(value: Decimal) -> str:
    """``value`` as plain digits: no grouping, no exponent, no trailing zeros (a canonical rendering).

    >>> plain(Decimal("299000.0")), plain(Decimal("0.950")), plain(Decimal("-3"))
    ('299000', '0.95', '-3')

    A number beyond ±1E+1000 or of more than 900 digits (only a value a standard compares can be) is written
    as Decimal writes it, exactly:

    >>> plain(Decimal("-1E+999999999")), plain(Decimal("0." + "9" * 5000))[:6]
    ('-1E+999999999', '0.9999')
    """
    if _far(value):
        return str(value)
    return format(strip_zeros(value), "f")


# --- parsing -----------------------------------------------------------------------------------------

_CN_DIGITS = {
    "零": 0, "〇": 0, "○": 0,
    "一": 1, "壹": 1, "幺": 1,
    "二": 2, "贰": 2, "两": 2,
    "三": 3, "叁": 3,
    "四": 4, "肆": 4,
    "五": 5, "伍": 5,
    "六": 6, "陆": 6,
    "七": 7, "柒": 7,
    "八": 8, "捌": 8,
    "九": 9, "玖": 9,
}  # fmt: skip
_CN_SMALL = {"十": 10, "拾": 10, "百": 100, "佰": 100, "千": 1000, "仟": 1000}
_CN_BIG = {"万": 10**4, "萬": 10**4, "亿": 10**8, "億": 10**8}
_CN_NUMERAL_CHARS = frozenset(_CN_DIGITS) | frozenset(_CN_SMALL) | frozenset(_CN_BIG) | {"点", "負", "负"}
#: Characters that start a Chinese numeral (for lexers that must tell 三处 from 处理).
CHINESE_NUMERAL_CHARS = _CN_NUMERAL_CHARS

# Multipliers that may follow Arabic digits: "5万" is 50000, "1.2亿" is 120000000.
_ARABIC_MULTIPLIERS = (("万亿", 12), ("万", 4), ("亿", 8))


def _location(norm: Normalized, index: int) -> Location:
    line, column = norm.line_col(index)
    return Location(column=column) if line == 1 else Location(line=line, column=column)


def _fail(norm: Normalized, index: int, message: str, **params: Any) -> NumberFormatError:
    return NumberFormatError(message, text=norm.original, location=_location(norm, index), **params)


def _strip(norm: Normalized, start: int, end: int) -> tuple[int, int]:
    while start < end and norm.text[start].isspace():
        start += 1
    while end > start and norm.text[end - 1].isspace():
        end -= 1
    return start, end


def parse_number(text: str) -> Decimal:
    """The number written in ``text``, exactly: Arabic (with ``,`` grouping, full width, a sign, a trailing
    万/亿) or Chinese (:func:`parse_chinese_numeral`). Surrounding spaces are ignored; anything else is an
    error that names the offending character's column.

    ``.5`` is read as 0.5 (spreadsheets write it); ``5.`` is refused (a full stop, or a lost digit?).

    >>> parse_number("－5"), parse_number("．5"), parse_number("5万"), parse_number("二〇二三")
    (Decimal('-5'), Decimal('0.5'), Decimal('50000'), Decimal('2023'))
    >>> parse_number("12.3.4")
    Traceback (most recent call last):
    ...
    perfeval.errors.NumberFormatError: 多了一个小数点：'12.3.4'（第 5 列）
    """
    if _PLAIN_DECIMAL.fullmatch(text):
        return Decimal(text)  # "30.525", "5": most cells of a table, which the general reader reads the same
    norm = normalize(text)
    return number_in(norm, 0, len(norm.text))


_PLAIN_DECIMAL = re.compile(r"[0-9]{1,40}(?:\.[0-9]{1,40})?")


def number_in(norm: Normalized, start: int, end: int) -> Decimal:
    """The number in ``norm.text[start:end]`` — the core of :func:`parse_number` for lexers that hold a
    :class:`~perfeval.text.Normalized` text; errors point into its original.

    >>> n = normalize("预算 １，４３９．１３ 万元")
    >>> number_in(n, 2, 12)
    Decimal('1439.13')
    """
    start, end = _strip(norm, start, end)
    if start == end:
        raise _fail(norm, start, "number_missing")
    s = norm.text
    first = start + 1 if s[start] in "+-" else start
    if first < end and s[first] in _CN_NUMERAL_CHARS and s[start] not in "+-":
        return _chinese_in(norm, start, end)
    return _arabic_in(norm, start, end)


def _is_digit(ch: str) -> bool:
    # ASCII only: str.isdigit() is also true for "①" and "²", which are item marks and exponents here.
    return "0" <= ch <= "9"


def _arabic_in(norm: Normalized, start: int, end: int) -> Decimal:
    s = norm.text
    i = start
    sign = ""
    if s[i] in "+-":
        sign = "-" if s[i] == "-" else ""
        i += 1
    digits: list[str] = []
    group_len = 0  # digits since the last thousands separator (or since the start)
    grouped = False
    while i < end and (_is_digit(s[i]) or s[i] == ","):
        if s[i] == ",":
            run = 0
            while i + 1 + run < end and _is_digit(s[i + 1 + run]):
                run += 1
            if not digits or group_len > 3 or (grouped and group_len != 3):
                raise _fail(norm, i, "number_misplaced_separator")
            if run != 3:
                raise _fail(norm, i, "number_separator_three")
            grouped, group_len = True, 0
        else:
            digits.append(s[i])
            group_len += 1
        i += 1
    fraction: list[str] = []
    if i < end and s[i] == ".":
        dot = i
        i += 1
        while i < end and _is_digit(s[i]):
            fraction.append(s[i])
            i += 1
        if not fraction:
            raise _fail(norm, dot, "number_digits_after_point")
        if i < end and s[i] == ".":
            raise _fail(norm, i, "number_second_point")
        if i < end and s[i] == ",":
            raise _fail(norm, i, "number_separator_after_point")
    if not digits and not fraction:
        if i < end:
            raise _fail(norm, i, "number_unexpected_start", char=s[i])
        raise _fail(norm, end - 1, "number_digits_expected")
    exponent = 0
    for word, power in _ARABIC_MULTIPLIERS:
        if s.startswith(word, i, end):
            exponent, i = power, i + len(word)
            break
    if i < end:
        raise _fail(norm, i, "number_unexpected_char", char=s[i])
    literal = sign + ("".join(digits) or "0") + ("." + "".join(fraction) if fraction else "")
    with decimal.localcontext(context()):
        # Multiply rather than scaleb: 5万 should read Decimal('50000'), not Decimal('5E+4').
        return Decimal(literal) * 10**exponent if exponent else Decimal(literal)


def parse_chinese_numeral(text: str) -> Decimal:
    """A number written in Chinese numerals, exactly.

    Accepted: positional numerals (``十二`` 12, ``一百二十`` 120, ``三千五百`` 3500, ``一千零一`` 1001,
    ``两万``), the financial forms (``壹贰叁…拾佰仟``), ``点`` decimals (``零点五`` 0.5), a leading ``负``,
    the spoken ellipsis where a final digit counts one place below the last unit (``一百五`` 150,
    ``三千五`` 3500, ``一万二`` 12000), and digit-by-digit strings without units (``二〇二三`` 2023, as
    years are written).

    >>> parse_chinese_numeral("一百二十"), parse_chinese_numeral("零点五"), parse_chinese_numeral("两")
    (Decimal('120'), Decimal('0.5'), Decimal('2'))
    >>> parse_chinese_numeral("一十百")
    Traceback (most recent call last):
    ...
    perfeval.errors.NumberFormatError: '百' 不能跟在 '十' 之后：'一十百'（第 3 列）
    """
    norm = normalize(text)
    start, end = _strip(norm, 0, len(norm.text))
    if start == end:
        raise _fail(norm, start, "number_missing")
    return _chinese_in(norm, start, end)


def _chinese_in(norm: Normalized, start: int, end: int) -> Decimal:
    s = norm.text
    negative = False
    i = start
    if s[i] in "负負-":
        negative = True
        i += 1
    point = s.find("点", i, end)
    int_end = point if point >= 0 else end
    if i == int_end:
        raise _fail(norm, i, "number_digits_before_dian" if point >= 0 else "number_digits_expected")
    integer = _chinese_integer(norm, i, int_end)
    fraction = ""
    if point >= 0:
        for j in range(point + 1, end):
            if s[j] not in _CN_DIGITS:
                raise _fail(norm, j, "number_after_dian", char=s[j])
            fraction += str(_CN_DIGITS[s[j]])
        if not fraction:
            raise _fail(norm, point, "number_digits_after_dian")
    value = Decimal(f"{integer}.{fraction}") if fraction else Decimal(integer)
    return -value if negative else value


def _chinese_integer(norm: Normalized, start: int, end: int) -> int:
    s = norm.text
    for j in range(start, end):
        if s[j] not in _CN_DIGITS and s[j] not in _CN_SMALL and s[j] not in _CN_BIG:
            raise _fail(norm, j, "number_not_numeral", char=s[j])
    if not any(s[j] in _CN_SMALL or s[j] in _CN_BIG for j in range(start, end)):
        # Digit by digit, as years are written: 二〇二三.
        return int("".join(str(_CN_DIGITS[s[j]]) for j in range(start, end)))

    total = 0  # the part already multiplied by 亿
    section = 0  # the part below 亿, already multiplied by 万
    group = 0  # the part below 万
    digit: int | None = None
    zero_seen = False  # a 零 placeholder since the last unit: 一百零五 is 105, not 150
    small_limit, small_char = 10**4, ""  # small units must decrease within a group: 千 > 百 > 十
    last_unit = 0
    wan_used = yi_used = False
    for j in range(start, end):
        ch = s[j]
        if ch in _CN_DIGITS:
            value = _CN_DIGITS[ch]
            if digit is not None:
                raise _fail(norm, j, "number_two_digits", pair=s[j - 1] + ch)
            if value == 0:
                zero_seen = True
            else:
                digit = value
        elif ch in _CN_SMALL:
            unit = _CN_SMALL[ch]
            if unit >= small_limit:
                raise _fail(norm, j, "number_cannot_follow", char=ch, before=small_char)
            if digit is None and unit != 10:
                # Only 十 may stand without its digit (十二 = 12); a bare 百 is a lost digit.
                raise _fail(norm, j, "number_digit_missing", char=ch)
            group += (1 if digit is None else digit) * unit
            digit, zero_seen = None, False
            small_limit, small_char, last_unit = unit, ch, unit
        else:
            unit = _CN_BIG[ch]
            amount = group + (digit or 0)
            if unit == 10**4:
                if wan_used or amount == 0:
                    raise _fail(norm, j, "number_no_own_number", char=ch)
                section, wan_used = section + amount * unit, True
            else:
                if yi_used or section + amount == 0:
                    raise _fail(norm, j, "number_no_own_number", char=ch)
                total, section, yi_used, wan_used = (section + amount) * unit, 0, True, False
            group, digit, zero_seen = 0, None, False
            small_limit, small_char, last_unit = 10**4, ch, unit
    if digit is not None:
        # The spoken ellipsis: a final digit right after 百/千/万/亿 counts one place lower (一百五 = 150).
        group += digit * (last_unit // 10) if last_unit >= 100 and not zero_seen else digit
    return total + section + group


def parse_rate(text: str, *, require_mark: bool = False) -> Decimal:
    """A rate as a fraction: ``95%`` → 0.95, ``5‰`` → 0.005, ``一个百分点`` → 0.01, ``百分之九十五`` → 0.95.

    A plain number is taken as the fraction it is (``0.95`` → 0.95), never guessed to be a percent; with
    ``require_mark`` (a table's 执行率 cell, where "95" may mean 95% or 9500%) it is an :class:`InputError`.

    >>> parse_rate("９５％"), parse_rate("78.25 %"), parse_rate("1个百分点"), parse_rate("0.95")
    (Decimal('0.95'), Decimal('0.7825'), Decimal('0.01'), Decimal('0.95'))
    """
    norm = normalize(text)
    s = norm.text
    start, end = _strip(norm, 0, len(s))
    scale = 0
    for prefix, power in (("百分之", -2), ("千分之", -3)):
        if s.startswith(prefix, start):
            start, scale = start + len(prefix), power
            break
    else:
        for suffix, power in (("个百分点", -2), ("百分点", -2), ("%", -2), ("‰", -3)):
            if s.endswith(suffix, start, end):
                end, scale = end - len(suffix), power
                break
        else:
            # 0 is 0 in every unit: only a non-zero number needs its mark
            if require_mark and number_in(norm, start, end) != 0:
                shown = s[start:end]
                raise InputError("rate_without_mark_text", text=text, code="rate_without_mark", value=shown)
    value = number_in(norm, start, end)
    with decimal.localcontext(context()):
        return value.scaleb(scale) if scale else value
