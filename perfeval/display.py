"""Numbers, rates, money, quantities and points as people read them, in Chinese (default) or English.

Rendering goes through babel with Decimal values — never through float — and never rounds unless asked
to: :func:`format_number` prints every digit it is given, :func:`format_percent` and
:func:`format_points` round half up, once.

Chinese puts the unit right after the number, as the tables do (``519.84万亩``, ``4,746.21万元``,
``78.25%``). English has no 万, so the multiplier is worked out into the number and the unit is named
(``5,198,400 mu``, ``CN¥47,462,100.00``).

>>> from perfeval.quantities import quantity
>>> format_quantity(quantity("519.84万亩")), format_quantity(quantity("519.84万亩"), locale="en")
('519.84万亩', '5,198,400 mu')
>>> format_percent(Decimal("0.7825")), format_points(Decimal("7.825")), format_money(Decimal("4746.21"))
('78.25%', '7.83', '4,746.21万元')
"""

from __future__ import annotations

import decimal
from decimal import ROUND_HALF_UP, Decimal
from typing import TYPE_CHECKING

from babel.numbers import format_currency, format_decimal
from babel.numbers import format_percent as _babel_percent

from perfeval.errors import InputError, UnitError
from perfeval.numbers import OWN, round_points, strip_zeros, to_decimal
from perfeval.units import convert, label, make_quantity, strip_multipliers
from perfeval.units import unit as _unit

if TYPE_CHECKING:
    from perfeval.units import Quantity

__all__ = ["format_money", "format_number", "format_percent", "format_points", "format_quantity"]

Number = Decimal | int | float | str


def _is_chinese(locale: str) -> bool:
    return locale.replace("-", "_").lower().split("_")[0] == "zh"


def number_text(value: Decimal | str | None, locale: str = "zh_CN") -> str:
    """A figure of a scorecard or finding as shown: "—" for none, text as it is, a number by :func:`format_number`.

    >>> number_text(None), number_text("优"), number_text(Decimal("7.830"))
    ('—', '优', '7.83')
    """
    if value is None:
        return "—"
    if isinstance(value, str):
        return value
    return format_number(value.normalize(OWN), locale=locale)  # never the caller's precision


def format_number(value: Number, locale: str = "zh_CN") -> str:
    """``value`` with the locale's grouping and decimal signs, every digit kept (trailing zeros dropped).

    >>> format_number(Decimal("1439.13")), format_number(Decimal("7.83")), format_number(1839.1, "en")
    ('1,439.13', '7.83', '1,839.1')
    """
    d = strip_zeros(to_decimal(value))
    # babel computes in the current decimal context: a narrow one cuts digits (a 28-digit global context a
    # 50-digit rate) or fails (50 digits: InvalidOperation at 49); perfeval's own keeps every digit the limits allow.
    with decimal.localcontext(OWN):
        return str(format_decimal(d, locale=locale, decimal_quantization=False))


def format_percent(rate: Number, locale: str = "zh_CN", digits: int = 2) -> str:
    """``rate`` (a fraction: 0.7825) as a percentage with at most ``digits`` decimals, rounded half up.

    Trailing zeros are dropped, as the tables print them (``100%``, ``78.25%``, ``83.9%``).

    >>> format_percent(Decimal("0.7825")), format_percent(Decimal("1")), format_percent(Decimal("0.782518"))
    ('78.25%', '100%', '78.25%')
    >>> format_percent(Decimal("0.78255"), digits=2), format_percent(Decimal("2.88"), "en", 0)
    ('78.26%', '288%')
    """
    if digits < 0:
        raise InputError("display_digits", text=str(digits))
    with decimal.localcontext(OWN):
        percent = (to_decimal(rate) * 100).quantize(Decimal(1).scaleb(-digits), rounding=ROUND_HALF_UP)
    pattern = "#,##0" + ("." + "#" * digits if digits else "") + "%"
    # Hand babel the already-rounded fraction: its own rounding (half even) then has nothing to do.
    with decimal.localcontext(OWN):
        return str(_babel_percent(percent.scaleb(-2), format=pattern, locale=locale))


def format_points(points: Number, locale: str = "zh_CN") -> str:
    """Points (得分) rounded half up to 0.01 and printed without trailing zeros (``5``, ``4.5``, ``7.83``).

    >>> format_points(Decimal("7.825")), format_points(Decimal("5.00")), format_points(Decimal("97.83"), "en")
    ('7.83', '5', '97.83')
    """
    return format_number(round_points(to_decimal(points)), locale)


def format_money(amount: Quantity | Number, locale: str = "zh_CN", unit: str = "万元") -> str:
    """An amount of money: Chinese in ``unit`` (``4,746.21万元``); other locales in yuan, as currency.

    A number is taken to be in ``unit`` already; a quantity is converted to it exactly.

    >>> from perfeval.quantities import quantity
    >>> format_money(quantity("29.9万元"), unit="元"), format_money(Decimal("4746.21"), "en")
    ('299,000元', 'CN¥47,462,100.00')
    """
    import pint

    money_unit = _unit(unit)
    value = (
        convert(amount, money_unit)
        if isinstance(amount, pint.Quantity)
        else make_quantity(amount, money_unit)
    )
    if value.dimensionality != _unit("元").dimensionality:
        raise UnitError("display_not_money", text=format_quantity(value))
    if _is_chinese(locale):
        return format_number(value.magnitude, locale) + label(value.units, locale)
    yuan = convert(value, "元").magnitude
    # currency_digits=False keeps fen and below exactly: 0.123456万元 is 1,234.56 yuan, not rounded.
    with decimal.localcontext(OWN):
        return str(
            format_currency(yuan, "CNY", locale=locale, currency_digits=False, decimal_quantization=False)
        )


def format_quantity(q: Quantity, locale: str = "zh_CN") -> str:
    """``q`` with its unit: Chinese as the tables write it (``519.84万亩``, ``21,976个``, ``100%``,
    ``190元/宗``); English with the 万/亿 multiplier worked into the number (``5,198,400 mu``).

    >>> from perfeval.quantities import quantity
    >>> format_quantity(quantity("21976个")), format_quantity(quantity("100%"), "en")
    ('21,976个', '100%')
    >>> format_quantity(quantity("1.2万人次"), "en"), format_quantity(quantity("190元/宗"), "en")
    ('12,000 person-times', '190 yuan/lot')
    """
    if _is_chinese(locale):
        return format_number(q.magnitude, locale) + label(q.units, locale)
    plain_q = convert(q, strip_multipliers(q.units))
    name = label(plain_q.units, locale)
    number = format_number(plain_q.magnitude, locale)
    if name in ("", "%", "‰"):
        return number + name
    return f"{number} {name}"
