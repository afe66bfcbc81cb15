"""perfeval.numbers: exact Decimal parsing of numerals and rates, rounding once, dividing exactly."""

from __future__ import annotations

import decimal
import doctest
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

import perfeval.numbers
from perfeval.errors import InputError, NumberFormatError, PerfevalError
from perfeval.numbers import (
    PRECISION,
    ZeroDenominatorError,
    exact_div,
    parse_chinese_numeral,
    parse_number,
    parse_rate,
    plain,
    round_points,
    strip_zeros,
    to_decimal,
)

D = Decimal


def test_doctests() -> None:
    assert doctest.testmod(perfeval.numbers).failed == 0


# --- parse_number --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("95", "95"),
        ("0.5", "0.5"),
        ("-3", "-3"),
        ("+3", "3"),
        ("1,439.13", "1439.13"),
        ("１，４３９．１３", "1439.13"),  # full width
        ("－5", "-5"),  # full-width minus
        ("−5", "-5"),  # U+2212
        ("．5", "0.5"),  # decided: a leading point is a spreadsheet habit, read as 0.5
        (".5", "0.5"),
        ("  2602.21 ", "2602.21"),
        ("1,000,000", "1000000"),
        ("0", "0"),
        ("5万", "50000"),
        ("1.2万", "12000"),
        ("1.2亿", "120000000"),
        ("3万亿", "3000000000000"),
        ("一", "1"),
        ("两", "2"),
        ("十二", "12"),
        ("一百二十", "120"),
        ("零点五", "0.5"),
        ("三千五百", "3500"),
        ("二〇二三", "2023"),  # decided: digit by digit when there is no unit character
        ("负三点一四", "-3.14"),
    ],
)
def test_parse_number_examples(text: str, value: str) -> None:
    result = parse_number(text)
    assert result == D(value)
    assert isinstance(result, Decimal)


@pytest.mark.parametrize(
    ("text", "column", "fragment"),
    [
        ("12.3.4", 5, "second decimal point"),
        ("12.3.4万元", 5, "second decimal point"),
        ("1,43", 2, "three digits"),
        ("1,4390", 2, "three digits"),
        ("1234,567", 5, "misplaced"),
        ("1,439.1,3", 8, "after the decimal point"),
        ("5.", 2, "after the decimal point"),
        ("-", 1, "digits expected"),
        ("12a", 3, "unexpected character 'a'"),
        ("abc", 1, "unexpected character 'a'"),
        ("1 439", 2, "unexpected character ' '"),
        ("1e5", 2, "unexpected character 'e'"),
        ("", 1, "missing"),
        ("一十百", 3, "cannot follow"),
        ("百", 1, "digit is missing"),
        ("万", 1, "not preceded by a number"),
        ("三点", 2, "after '点'"),
        ("三点五万", 4, "only digits may follow"),
        ("五五百", 2, "two digits in a row"),
    ],
)
def test_parse_number_errors_name_the_column(text: str, column: int, fragment: str) -> None:
    with pytest.raises(NumberFormatError) as info:
        parse_number(text)
    assert info.value.text == text
    assert info.value.location.column == column
    assert fragment in info.value.message_in("en") and info.value.message != info.value.message_in("en")
    assert repr(text) in str(info.value)


def test_error_on_a_second_line_reports_line_and_column() -> None:
    with pytest.raises(NumberFormatError) as info:
        parse_number("\n12.3.4")  # a table cell whose number went to its second line
    assert (info.value.location.line, info.value.location.column) == (2, 5)


def test_errors_are_perfeval_errors_and_value_errors() -> None:
    with pytest.raises(PerfevalError):
        parse_number("x")
    with pytest.raises(ValueError):
        parse_number("x")


# --- Chinese numerals ----------------------------------------------------------------------------------

_DIGITS = "零一二三四五六七八九"


def _section(n: int) -> str:
    """A reference rendering of 0 < n < 10000 in Chinese positional numerals."""
    out, zero = "", False
    for char, place in (("千", 1000), ("百", 100), ("十", 10), ("", 1)):
        d = n // place % 10
        if d == 0:
            zero = bool(out)
        else:
            out += ("零" if zero else "") + _DIGITS[d] + char
            zero = False
    return out


def _chinese(n: int) -> str:
    if n == 0:
        return "零"
    yi, rest = divmod(n, 10**8)
    wan, low = divmod(rest, 10**4)
    out = ""
    for value, char, below in ((yi, "亿", rest), (wan, "万", low)):
        if value:
            out += _section(value) + char
        elif out and below:
            out += "零"
    if low:
        out += ("零" if out and low < 1000 and not out.endswith("零") else "") + _section(low)
    return out


@given(st.integers(min_value=0, max_value=10**12 - 1))
def test_chinese_numerals_round_trip(n: int) -> None:
    assert parse_chinese_numeral(_chinese(n)) == n


@given(st.integers(min_value=0, max_value=9999), st.integers(min_value=0, max_value=10**6))
def test_chinese_decimals(whole: int, fraction: int) -> None:
    digits = str(fraction)
    text = _chinese(whole) + "点" + "".join(_DIGITS[int(c)] for c in digits)
    assert parse_chinese_numeral(text) == D(f"{whole}.{digits}")


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("十", 10),
        ("十五", 15),
        ("二十", 20),
        ("一百零五", 105),
        ("一千零一", 1001),
        ("一万零五百", 10500),
        ("两万五千", 25000),
        ("壹佰贰拾", 120),
        ("叁仟伍佰", 3500),
        # the spoken ellipsis: a final digit counts one place below the last unit
        ("一百五", 150),
        ("三千五", 3500),
        ("一万二", 12000),
        ("一亿五", 150000000),
        ("三万亿", 3 * 10**12),
        ("〇", 0),
    ],
)
def test_chinese_numeral_examples(text: str, value: int) -> None:
    assert parse_chinese_numeral(text) == value
    assert parse_number(text) == value


# --- parse_rate ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("95%", "0.95"),
        ("５％", "0.05"),
        ("９５％", "0.95"),
        ("78.25 %", "0.7825"),
        ("100%", "1"),
        ("5‰", "0.005"),
        ("一个百分点", "0.01"),
        ("1个百分点", "0.01"),
        ("0.5个百分点", "0.005"),
        ("百分之九十五", "0.95"),
        ("千分之五", "0.005"),
        ("0.95", "0.95"),  # a plain number is the fraction it says
        ("-5%", "-0.05"),
        (r"95\%", "0.95"),
    ],
)
def test_parse_rate_examples(text: str, value: str) -> None:
    assert parse_rate(text) == D(value)


def test_parse_rate_errors_point_into_the_original() -> None:
    with pytest.raises(NumberFormatError) as info:
        parse_rate("9.5.1%")
    assert info.value.location.column == 4
    assert info.value.text == "9.5.1%"


_decimals = st.decimals(
    allow_nan=False, allow_infinity=False, min_value=-(10**12), max_value=10**12, places=6
)


@given(_decimals)
def test_percent_round_trip(d: Decimal) -> None:
    assert parse_rate(f"{d:f}%") == d / 100
    assert parse_rate(f"{d:f}‰") == d / 1000


@given(_decimals)
def test_plain_round_trip(d: Decimal) -> None:
    assert parse_number(plain(d)) == d
    assert parse_number(f"{d:,f}") == d  # with thousands separators
    full_width = f"{d:,f}".translate(str.maketrans("0123456789,.-", "０１２３４５６７８９，．－"))
    assert parse_number(full_width) == d


# --- to_decimal, exact_div, round_points ---------------------------------------------------------------


def test_to_decimal() -> None:
    assert to_decimal(0.1) == D("0.1")  # through str, not the binary expansion
    assert to_decimal(7.825) == D("7.825")
    assert to_decimal(3) == D(3)
    assert to_decimal("1,439.13") == D("1439.13")
    assert to_decimal(D("2.50")) == D("2.50")
    for bad in (True, False, float("nan"), float("inf"), D("NaN"), D("-Infinity")):
        with pytest.raises(NumberFormatError):
            to_decimal(bad)
    with pytest.raises(NumberFormatError):
        to_decimal([1])  # type: ignore[arg-type]


def test_round_points_half_up_once() -> None:
    assert round_points(D("7.825")) == D("7.83")
    assert round(2.675, 2) == 2.67  # why points never pass through floats: 2.675 is 2.67499… in binary
    assert round_points(D("2.675")) == D("2.68")
    assert round_points(D("7.8249999")) == D("7.82")
    assert round_points(D("-7.825")) == D("-7.83")
    assert round_points(D("4.65")) == D("4.65")
    assert round_points(D("97.834"), 1) == D("97.8")
    # the worked example: 1439.13万元 of 1839.1万元 × 10 points
    assert round_points(exact_div(D("1439.13"), D("1839.1")) * 10) == D("7.83")
    # cutting the rate to 78.25% first would give the same here, but only by luck; keep it exact
    assert exact_div(D("1439.13"), D("1839.1")) != D("0.7825")


@given(st.decimals(allow_nan=False, allow_infinity=False, min_value=-1000, max_value=1000, places=8))
def test_round_points_bounds(d: Decimal) -> None:
    r = round_points(d)
    assert r.as_tuple().exponent == -2
    assert abs(r - d) <= D("0.005")
    if abs(r - d) == D("0.005"):
        assert abs(r) > abs(d)  # half away from zero: ROUND_HALF_UP


def test_exact_div() -> None:
    assert exact_div(3, 4) == D("0.75")
    assert exact_div("29.9", "29.9") == 1
    q = exact_div(1, 3)
    assert len(q.as_tuple().digits) == PRECISION
    with pytest.raises(ZeroDenominatorError) as info:
        exact_div(D("5"), D("0.00"))
    assert isinstance(info.value, ZeroDivisionError)
    assert isinstance(info.value, InputError)
    assert "5 / 0.00" in str(info.value)


@given(
    st.decimals(allow_nan=False, allow_infinity=False, min_value=-(10**9), max_value=10**9, places=4),
    st.decimals(allow_nan=False, allow_infinity=False, min_value=D("0.0001"), max_value=10**9, places=4),
)
def test_exact_div_inverts_multiplication(a: Decimal, b: Decimal) -> None:
    assert exact_div(a * b, b) == a


def test_global_context_is_neither_used_nor_changed() -> None:
    before = decimal.getcontext().copy()
    with decimal.localcontext() as ctx:
        ctx.prec = 3
        ctx.rounding = decimal.ROUND_DOWN
        assert exact_div(D("1439.13"), D("1839.1")) == D(
            "0.78251862323962807895166113860040237072481104888261"
        )
        assert round_points(D("7.825")) == D("7.83")
        assert parse_number("1,439.13万") == D("14391300")
        assert strip_zeros(D("123456.0")) == D("123456")
    after = decimal.getcontext()
    assert (after.prec, after.rounding, after.traps) == (before.prec, before.rounding, before.traps)


def test_strip_zeros_and_plain() -> None:
    assert strip_zeros(D("299000.0")) == D("299000")
    assert str(strip_zeros(D("299000.0"))) == "299000"
    assert str(strip_zeros(D("1368.30"))) == "1368.3"
    assert plain(D("1E+5")) == "100000"
    assert plain(D("0.000001")) == "0.000001"
    assert plain(D("-0.50")) == "-0.5"


@given(st.from_regex(r"[0-9]{1,40}(\.[0-9]{1,40})?", fullmatch=True))
def test_a_plain_decimal_is_read_as_the_general_reader_reads_it(text: str) -> None:
    """parse_number reads "30.525" directly; the general reader (number_in) gives the very same Decimal."""
    from perfeval.numbers import number_in
    from perfeval.text import normalize

    fast, general = parse_number(text), number_in(normalize(text), 0, len(text))
    assert fast == general and str(fast) == str(general)
