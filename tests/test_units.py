"""perfeval.units: the registry, exact conversions, dimensions that never mix, labels."""

from __future__ import annotations

import doctest
import itertools
from decimal import Decimal

import pint
import pytest
from hypothesis import given
from hypothesis import strategies as st

import perfeval.units
from perfeval.errors import UnitError
from perfeval.units import (
    convert,
    is_percent,
    is_plain_number,
    label,
    make_quantity,
    match_unit,
    multiplied,
    reference_unit,
    specs,
    strip_multipliers,
    to_reference,
    unit,
    ureg,
)

D = Decimal


def test_doctests() -> None:
    assert doctest.testmod(perfeval.units).failed == 0


@pytest.mark.parametrize(
    ("spelling", "name"),
    [
        ("亩", "mu"),
        ("公顷", "hectare"),
        ("平方米", "square_meter"),
        ("㎡", "square_meter"),
        ("m²", "square_meter"),
        ("m <sup>2</sup>", "square_meter"),
        ("平方公里", "square_kilometer"),
        ("元", "yuan"),
        ("万元", "wanyuan"),
        ("亿元", "yiyuan"),
        ("千元", "qian_yuan"),
        ("万亩", "wanmu"),
        ("万人次", "wanrenci"),
        ("公里", "kilometer"),
        ("千米", "kilometer"),
        ("米", "meter"),
        ("立方米", "cubic_meter"),
        ("立方 米", "cubic_meter"),
        ("公斤", "kilogram"),
        ("千克", "kilogram"),
        ("吨", "ton"),
        ("天", "day"),
        ("日", "day"),
        ("工作日", "workday"),
        ("个工作日", "workday"),
        ("月", "month"),
        ("个月", "month"),
        ("年", "year"),
        ("小时", "hour"),
        ("%", "percent"),
        ("％", "percent"),
        ("‰", "permille"),
        ("个百分点", "percentage_point"),
        ("万", "ten_thousand"),
        ("个", "ge"),
        ("处", "chu"),
        ("人次", "renci"),
        ("场次", "changci"),
        ("名", "ren"),
    ],
)
def test_unit_spellings(spelling: str, name: str) -> None:
    assert unit(spelling) == ureg.Unit(name)


def test_compound_units() -> None:
    assert unit("元/宗") == ureg.Unit("yuan") / ureg.Unit("zong")
    assert unit("万元 / 亩") == ureg.Unit("wanyuan") / ureg.Unit("mu")


@pytest.mark.parametrize(
    ("text", "column", "fragment"),
    [
        ("斤斤", 1, "unknown unit '斤斤'"),
        ("元/斤斤", 3, "unknown unit '斤斤'"),
        ("万%", 1, "unknown unit"),  # a rate takes no 万
        ("元/", 2, "missing"),
        ("", 1, "missing"),
        ("foo", 1, "unknown unit 'foo'"),
    ],
)
def test_unknown_units_are_unit_errors_with_a_column(text: str, column: int, fragment: str) -> None:
    with pytest.raises(UnitError) as info:
        unit(text)
    assert info.value.text == text
    assert info.value.location.column == column
    assert fragment in info.value.message_in("en")


@pytest.mark.parametrize(
    ("value", "src", "dst", "expected"),
    [
        ("91.22", "公顷", "亩", "1368.3"),
        ("29.9", "万元", "元", "299000"),
        ("299000", "元", "万元", "29.9"),
        ("4746.21", "万元", "亿元", "0.474621"),
        ("519.84", "万亩", "亩", "5198400"),
        ("519.84", "万亩", "公顷", "346560"),
        ("4200", "平方米", "亩", "6.3"),
        ("1", "平方公里", "公顷", "100"),
        ("1", "公顷", "平方米", "10000"),
        ("1.2", "万人次", "人次", "12000"),
        ("1.5", "吨", "公斤", "1500"),
        ("3", "斤", "公斤", "1.5"),
        ("11.5", "公里", "米", "11500"),
        ("36", "小时", "天", "1.5"),
        ("2", "周", "天", "14"),
        ("2", "年", "个月", "24"),
        ("95", "%", "", "0.95"),
        ("5", "%", "‰", "50"),
        ("1", "个百分点", "%", "1"),
        ("190", "元/宗", "万元/宗", "0.019"),
        ("97", "万", "", "970000"),
    ],
)
def test_exact_conversions(value: str, src: str, dst: str, expected: str) -> None:
    q = make_quantity(value, src)
    target = unit(dst) if dst else ureg.Unit("")
    converted = convert(q, target)
    assert isinstance(converted.magnitude, Decimal)
    assert converted.magnitude == D(expected)
    assert str(converted.magnitude) == expected  # tidy: no trailing zeros, no exponent


def test_pint_native_to_keeps_decimal() -> None:
    # The acceptance paths through pint's own .to(), with the Chinese spellings as pint aliases.
    q = make_quantity("29.9", "万元").to("元")
    assert isinstance(q.magnitude, Decimal) and q.magnitude == D("299000")
    q = make_quantity("91.22", "公顷").to("亩")
    assert isinstance(q.magnitude, Decimal) and q.magnitude == D("1368.3")


def test_inexact_conversion_is_only_where_it_must_be() -> None:
    # 1 亩 is 2000/3 m²: no finite decimal; it comes out at 50 significant digits, still a Decimal.
    m2 = convert(make_quantity(1, "亩"), "平方米").magnitude
    assert isinstance(m2, Decimal)
    assert m2 == D("666.66666666666666666666666666666666666666666666667")


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("个", "处"),
        ("人", "人次"),
        ("次", "场次"),
        ("天", "工作日"),
        ("天", "月"),
        ("亩", "元"),
        ("%", "个"),
        ("米", "平方米"),
    ],
)
def test_different_kinds_never_mix(a: str, b: str) -> None:
    with pytest.raises(UnitError) as info:
        convert(make_quantity(3, a), b)
    assert label(unit(a)) in info.value.message and label(unit(b)) in info.value.message


def test_every_pair_of_count_nouns_is_incompatible() -> None:
    counts = [s for s in specs() if s.definition.startswith("[count_")]
    assert len(counts) >= 30
    for x, y in itertools.combinations(counts, 2):
        assert ureg.Unit(x.name).dimensionality != ureg.Unit(y.name).dimensionality, (x.zh, y.zh)


def test_names_and_persons_are_the_same_count() -> None:
    assert convert(make_quantity(10, "名"), "人").magnitude == 10


# --- no float anywhere -----------------------------------------------------------------------------------

# Every unit by its Chinese name (those registered by other tests included), plus prefixed forms.
_SPELLINGS = sorted({s.zh for s in specs()} | {"万元", "亿元", "万亩", "万人次", "万亿元"})
_magnitudes = st.decimals(
    allow_nan=False, allow_infinity=False, min_value=-(10**15), max_value=10**15, places=6
)


def _compatible(spelling: str) -> list[str]:
    u = unit(spelling)
    return [s for s in _SPELLINGS if unit(s).dimensionality == u.dimensionality]


@given(_magnitudes, st.sampled_from(_SPELLINGS), st.data())
def test_every_magnitude_stays_decimal(value: Decimal, spelling: str, data: st.DataObject) -> None:
    q = make_quantity(value, spelling)
    other = data.draw(st.sampled_from(_compatible(spelling)))
    for result in (
        convert(q, other),
        q.to(unit(other)),
        to_reference(q),
        q + make_quantity(value, other),
        q - q,
        q * D("1.5"),
        q / D("3"),
        q * 2,
    ):
        assert isinstance(result.magnitude, Decimal), (spelling, other, result)
    ratio = (q / make_quantity(D(7), other)).to("")  # a dimensionless ratio of compatible units
    assert isinstance(ratio.magnitude, Decimal)


@given(st.decimals(allow_nan=False, allow_infinity=False, min_value=-(10**12), max_value=10**12, places=4),
       st.sampled_from(_SPELLINGS), st.data())  # fmt: skip
def test_conversion_round_trips_exactly(value: Decimal, spelling: str, data: st.DataObject) -> None:
    other = data.draw(st.sampled_from(_compatible(spelling)))
    there = convert(make_quantity(value, spelling), other)
    back = convert(there, spelling)
    assert back.magnitude == value


@given(st.sampled_from(_SPELLINGS))
def test_every_root_factor_is_decimal_or_int(spelling: str) -> None:
    factor, _ = ureg.get_root_units(unit(spelling))
    assert isinstance(factor, Decimal | int) and not isinstance(factor, bool)


# --- labels and helpers --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("spelling", "zh", "en"),
    [
        ("万亩", "万亩", "10⁴ mu"),
        ("元/宗", "元/宗", "yuan/lot"),
        ("元/批次", "元/批次", "yuan/batch"),
        ("%", "%", "%"),
        ("㎡", "平方米", "m²"),
        ("人次", "人次", "person-times"),
        ("工作日", "工作日", "working days"),
    ],
)
def test_labels(spelling: str, zh: str, en: str) -> None:
    assert label(unit(spelling)) == zh
    assert label(unit(spelling), "en") == en


def test_reference_units_and_multipliers() -> None:
    assert reference_unit(unit("公顷")) == unit("亩")
    assert reference_unit(unit("万元")) == unit("元")
    assert reference_unit(unit("小时")) == unit("天")
    assert reference_unit(unit("‰")) == ureg.Unit("")
    assert reference_unit(unit("处")) == unit("处")
    assert strip_multipliers(unit("万元")) == unit("元")
    assert strip_multipliers(unit("亿元/万亩")) == unit("元/亩")
    assert multiplied(unit("亩"), "万") == unit("万亩")
    assert multiplied(unit("元"), "亿") == unit("亿元")
    with pytest.raises(UnitError):
        multiplied(unit("元"), "千")


def test_percent_and_plain_numbers() -> None:
    assert is_percent(unit("%")) and is_percent(unit("‰")) and is_percent(unit("个百分点"))
    assert not is_percent(unit("个")) and not is_percent(ureg.Unit(""))
    assert is_plain_number(ureg.Unit("")) and is_plain_number(unit("万"))
    assert not is_plain_number(unit("%")) and not is_plain_number(unit("元"))


@pytest.mark.parametrize(
    ("text", "pos", "name", "end"),
    [
        ("3000人次,", 4, "renci", 6),
        ("30个工作日", 2, "workday", 6),
        ("5个工作", 1, "ge", 2),  # longest match that exists: 个, not 个工作
        ("150万元的", 3, "wanyuan", 5),
        ("1个百分点", 1, "percentage_point", 5),
        ("86.7立方米、", 4, "cubic_meter", 7),
        ("4200 m2", 5, "square_meter", 7),
    ],
)
def test_match_unit(text: str, pos: int, name: str, end: int) -> None:
    assert match_unit(text, pos) == (ureg.Unit(name), end)


def test_match_unit_misses() -> None:
    assert match_unit("施工图设计", 0) is None
    assert match_unit("", 0) is None


def test_make_quantity() -> None:
    q = make_quantity(0.1, "元")
    assert q.magnitude == D("0.1") and isinstance(q.magnitude, Decimal)
    assert isinstance(q, pint.Quantity)
    assert make_quantity("3").dimensionless


def test_register_count_noun() -> None:
    from perfeval.units import register_count_noun

    u = register_count_noun("樘", "tang_window", "window frames")
    assert register_count_noun("樘", "tang_window", "window frames") == u  # idempotent
    assert unit("万樘") == ureg.Unit("wantang_window")
    assert unit("樘").dimensionality != unit("个").dimensionality
    with pytest.raises(UnitError):
        register_count_noun("个", "ge2", "items")  # 个 is taken
    with pytest.raises(UnitError):
        register_count_noun("扇", "wanshan", "doors")  # would read as 万 + shan
