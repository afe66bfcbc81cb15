"""perfeval.display: babel rendering from Decimal, zh_CN by default, English on request."""

from __future__ import annotations

import doctest
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

import perfeval.display
from perfeval.display import format_money, format_number, format_percent, format_points, format_quantity
from perfeval.errors import InputError, UnitError
from perfeval.numbers import parse_number, parse_rate, round_points
from perfeval.quantities import quantity

D = Decimal


def test_doctests() -> None:
    assert doctest.testmod(perfeval.display).failed == 0


@pytest.mark.parametrize(
    ("value", "locale", "text"),
    [
        (D("7.83"), "zh_CN", "7.83"),
        (D("1439.13"), "zh_CN", "1,439.13"),
        (D("1439.13"), "en", "1,439.13"),
        (D("1439.13"), "de", "1.439,13"),  # the locale decides the signs
        (D("36.0542"), "zh_CN", "36.0542"),  # every digit kept, not babel's default 3
        (D("130.00"), "zh_CN", "130"),
        (D("1E+5"), "zh_CN", "100,000"),
        (D("-5"), "zh_CN", "-5"),
        (7, "zh_CN", "7"),
        (0.1, "zh_CN", "0.1"),
        ("1,439.13", "zh_CN", "1,439.13"),
    ],
)
def test_format_number(value: Decimal | int | float | str, locale: str, text: str) -> None:
    assert format_number(value, locale) == text


def test_format_number_keeps_digits_a_float_would_lose() -> None:
    d = D("0.78251862323962807895166113860040237072481104888261")
    assert format_number(d) == "0.78251862323962807895166113860040237072481104888261"


@pytest.mark.parametrize(
    ("rate", "digits", "locale", "text"),
    [
        (D("0.7825"), 2, "zh_CN", "78.25%"),
        (D("0.78251862323962807895166113860040237072481104888261"), 2, "zh_CN", "78.25%"),
        (D("0.78255"), 2, "zh_CN", "78.26%"),  # half up, not babel's half even
        (D("0.78245"), 2, "zh_CN", "78.25%"),
        (D("1"), 2, "zh_CN", "100%"),
        (D("0.839"), 2, "zh_CN", "83.9%"),
        (D("2.88"), 0, "en", "288%"),
        (D("0.005"), 0, "zh_CN", "1%"),
        (D("12.345"), 1, "en", "1,234.5%"),
    ],
)
def test_format_percent(rate: Decimal, digits: int, locale: str, text: str) -> None:
    assert format_percent(rate, locale, digits) == text


def test_format_percent_refuses_negative_digits() -> None:
    with pytest.raises(InputError):
        format_percent(D("0.5"), digits=-1)


@pytest.mark.parametrize(
    ("points", "text"),
    [
        (D("7.825"), "7.83"),
        (D("5"), "5"),
        (D("5.00"), "5"),
        (D("4.5"), "4.5"),
        (D("97.83"), "97.83"),
        (D("0"), "0"),
    ],
)
def test_format_points(points: Decimal, text: str) -> None:
    assert format_points(points) == text
    assert format_points(points, "en") == text


@pytest.mark.parametrize(
    ("amount", "locale", "unit", "text"),
    [
        (D("4746.21"), "zh_CN", "万元", "4,746.21万元"),
        (quantity("4,746.21万元"), "zh_CN", "万元", "4,746.21万元"),
        (quantity("29.9万元"), "zh_CN", "元", "299,000元"),
        (quantity("299000元"), "zh_CN", "万元", "29.9万元"),
        (D("4746.21"), "en", "万元", "CN¥47,462,100.00"),
        (quantity("190元"), "en", "万元", "CN¥190.00"),
        (D("0.123456"), "en", "万元", "CN¥1,234.56"),
        (D("0.0000001"), "en", "万元", "CN¥0.001"),  # below a fen: kept, never rounded away
    ],
)
def test_format_money(amount: object, locale: str, unit: str, text: str) -> None:
    assert format_money(amount, locale, unit) == text  # type: ignore[arg-type]


def test_format_money_refuses_other_quantities() -> None:
    with pytest.raises(UnitError):
        format_money(quantity("5个"))
    with pytest.raises(UnitError):
        format_money(D("5"), unit="亩")


@pytest.mark.parametrize(
    ("text", "zh", "en"),
    [
        ("519.84万亩", "519.84万亩", "5,198,400 mu"),
        ("21976个", "21,976个", "21,976 items"),
        ("91.22公顷", "91.22公顷", "91.22 ha"),
        ("100%", "100%", "100%"),
        ("5‰", "5‰", "5‰"),
        ("1.2万人次", "1.2万人次", "12,000 person-times"),
        ("190元/宗", "190元/宗", "190 yuan/lot"),
        ("4200 m²", "4,200平方米", "4,200 m²"),
        ("97万", "97万", "970,000"),
        ("1个百分点", "1个百分点", "1 percentage points"),
        ("30个工作日", "30工作日", "30 working days"),
    ],
)
def test_format_quantity(text: str, zh: str, en: str) -> None:
    q = quantity(text)
    assert format_quantity(q) == zh
    assert format_quantity(q, "zh_CN") == zh
    assert format_quantity(q, "en") == en


# --- round trips: what is printed reads back to the same value ------------------------------------------

_decimals = st.decimals(
    allow_nan=False, allow_infinity=False, min_value=-(10**12), max_value=10**12, places=6
)


@given(_decimals, st.sampled_from(["zh_CN", "en"]))
def test_number_round_trip(d: Decimal, locale: str) -> None:
    assert parse_number(format_number(d, locale)) == d


@given(_decimals, st.sampled_from(["万元", "万亩", "个", "%", "元/宗", "公顷"]))
def test_quantity_round_trip_in_chinese(d: Decimal, unit_text: str) -> None:
    q = quantity(f"{d:f}{unit_text}")
    assert quantity(format_quantity(q)) == q


@given(_decimals, st.sampled_from(["万元", "万亩", "万人次"]))
def test_english_quantities_work_the_multiplier_out_exactly(d: Decimal, unit_text: str) -> None:
    number = format_quantity(quantity(f"{d:f}{unit_text}"), "en").split(" ")[0]
    assert parse_number(number) == d * 10000


@given(
    st.decimals(allow_nan=False, allow_infinity=False, min_value=-100, max_value=100, places=8),
    st.integers(0, 4),
)
def test_percent_round_trip(rate: Decimal, digits: int) -> None:
    printed = format_percent(rate, digits=digits)
    assert parse_rate(printed) == round_points(rate * 100, digits) / 100


@given(st.decimals(allow_nan=False, allow_infinity=False, min_value=0, max_value=1000, places=6))
def test_points_round_trip(points: Decimal) -> None:
    assert parse_number(format_points(points)) == round_points(points)
