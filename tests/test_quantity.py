"""perfeval.quantities and perfeval.targets: strict quantities, and every target / actual cell of the seeds."""

from __future__ import annotations

import datetime
import doctest
from decimal import Decimal
from pathlib import Path
from typing import NamedTuple

import pytest
from hypothesis import given
from hypothesis import strategies as st

import perfeval.quantities
import perfeval.targets
from perfeval.errors import InputError, NumberFormatError, PerfevalError, UnitError
from perfeval.numbers import ZeroDenominatorError, plain
from perfeval.quantities import quantity
from perfeval.targets import JudgementRequired, Target, TargetKind, target
from perfeval.units import convert, make_quantity, unit, ureg

D = Decimal
FIXTURE = Path(__file__).parent / "fixtures" / "seed_cells.tsv"
SEEDS = Path(__file__).resolve().parent / "fixtures" / "seeds"


def test_doctests() -> None:
    assert doctest.testmod(perfeval.quantities).failed == 0
    assert doctest.testmod(perfeval.targets).failed == 0


# --- acceptance ------------------------------------------------------------------------------------------


def test_target_money_converts_exactly_to_yuan() -> None:
    value = target("≤29.9万元").value
    assert value is not None
    yuan = value.to("元").magnitude
    assert yuan == D("299000")
    assert isinstance(yuan, Decimal)


def test_hectares_to_mu_exactly() -> None:
    q = quantity("91.22公顷")
    assert q.to("亩").magnitude == D("1368.3")
    assert convert(q, "亩").magnitude == D("1368.3")
    assert isinstance(q.to("亩").magnitude, Decimal)


def test_malformed_number_quotes_the_text_and_column() -> None:
    with pytest.raises(NumberFormatError) as info:
        quantity("12.3.4万元")
    assert info.value.text == "12.3.4万元"
    assert info.value.location.column == 5
    assert "'12.3.4万元'" in str(info.value) and "第 5 列" in str(info.value)
    assert "column 5" in info.value.describe("en")


def test_unknown_unit_quotes_the_text_and_column() -> None:
    with pytest.raises(UnitError) as info:
        quantity("12斤斤")
    assert info.value.text == "12斤斤"
    assert info.value.location.column == 3
    assert "'12斤斤'" in str(info.value)


def test_different_count_nouns_do_not_compare() -> None:
    with pytest.raises(UnitError) as info:
        target("≥10个").is_met(quantity("12处"))
    assert "处" in info.value.message and "个" in info.value.message
    with pytest.raises(UnitError):
        target("10个").completion(quantity("12处"))
    with pytest.raises(UnitError):
        target("1 个总体规划, 22 个村庄规划").is_met(target("1 处, 22 个"))


# --- quantity() ------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "column", "magnitude", "unit_text"),
    [
        ("519.84万亩", None, "519.84", "万亩"),
        ("21976个", None, "21976", "个"),
        ("91.22公顷", None, "91.22", "公顷"),
        ("100%", None, "100", "%"),
        ("4,746.21万元", None, "4746.21", "万元"),
        ("2602.21", "万元", "2602.21", "万元"),
        ("１，４３９．１３万元", None, "1439.13", "万元"),
        ("12600 立方 米", None, "12600", "立方米"),
        ("4200 m <sup>2</sup>", None, "4200", "平方米"),
        ("190 元/宗", None, "190", "元/宗"),
        ("71.63万", "元", "71.63", "万元"),  # the 万 multiplies the unit column
        ("71.63万", None, "71.63", "万"),
        ("29.9万元", "元", "29.9", "万元"),  # the text says more than the column
        ("三处", None, "3", "处"),
        ("一个百分点", None, "1", "个百分点"),
        ("百分之九十五", None, "95", "%"),
        ("  30 天 ", None, "30", "天"),
        ("1.2万人次", None, "1.2", "万人次"),
        ("5万元", None, "5", "万元"),
        ("-5%", None, "-5", "%"),
        ("365", "天", "365", "天"),
        ("100%", "%", "100", "%"),
    ],
)
def test_quantity_examples(text: str, column: str | None, magnitude: str, unit_text: str) -> None:
    q = quantity(text, unit=column)
    assert q.magnitude == D(magnitude)
    assert isinstance(q.magnitude, Decimal)
    assert q.units == unit(unit_text)


@pytest.mark.parametrize(
    ("text", "column", "error", "at"),
    [
        ("12.3.4万元", None, NumberFormatError, 5),
        ("12斤斤", None, UnitError, 3),
        ("≥95%", None, NumberFormatError, 1),  # quantity() is strict: no comparators
        ("1,43个", None, NumberFormatError, 2),
        ("个", None, NumberFormatError, 1),
        ("", None, NumberFormatError, 1),
        ("5个", "处", UnitError, 2),
        ("100%", "万元", UnitError, 4),
        ("5 个总体规划", None, UnitError, 3),
    ],
)
def test_quantity_errors(text: str, column: str | None, error: type[PerfevalError], at: int) -> None:
    with pytest.raises(error) as info:
        quantity(text, unit=column)
    assert info.value.text == text
    assert info.value.location.column == at


def test_unknown_unit_column_is_a_unit_error() -> None:
    with pytest.raises(UnitError) as info:
        quantity("5", unit="斤斤")
    assert info.value.text == "斤斤"
    with pytest.raises(UnitError):
        target("5", unit="斤斤")


_units = st.sampled_from(
    ["亩", "万亩", "公顷", "元", "万元", "亿元", "个", "处", "人次", "%", "‰", "天", "公斤", "元/宗"]
)
_decimals = st.decimals(
    allow_nan=False, allow_infinity=False, min_value=-(10**12), max_value=10**12, places=5
)


@given(_decimals, _units)
def test_quantity_round_trip(d: Decimal, spelling: str) -> None:
    q = quantity(plain(d) + spelling)
    assert q.magnitude == d and isinstance(q.magnitude, Decimal)
    assert q.units == unit(spelling)
    assert quantity(f"{d:,f} {spelling}").magnitude == d
    assert quantity(plain(d), unit=spelling) == q


_comparators = st.sampled_from(["≥", ">", "=", "≤", "<", ">=", "<=", "$\\leq$", "$\\geq$", "≧", "≦"])
_canonical = {">=": "≥", "<=": "≤", "$\\leq$": "≤", "$\\geq$": "≥", "≧": "≥", "≦": "≤"}


@given(_comparators, _decimals.filter(lambda d: d >= 0), _units, st.sampled_from(["", " "]))
def test_target_round_trip(cmp: str, d: Decimal, spelling: str, space: str) -> None:
    t = target(cmp + space + plain(d) + spelling)
    assert t.kind is TargetKind.QUANTITATIVE
    assert t.comparator == _canonical.get(cmp, cmp)
    assert t.value is not None and t.value.magnitude == d and t.value.units == unit(spelling)
    assert all(isinstance(v.magnitude, Decimal) for v in t.values)


# --- target() --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "column", "kind", "comparator", "reading"),
    [
        ("≥95%", None, "定量", "≥", "≥ 0.95"),
        ("≤29.9万元", None, "定量", "≤", "≤ 299000 元"),
        ("21976个", None, "定量", None, "21976 个"),
        ("519.84万亩", None, "定量", None, "5198400 亩"),
        ("≥ 50", None, "定量", "≥", "≥ 50"),
        ("$\\leq$ 2602.21", "万元", "定量", "≤", "≤ 26022100 元"),
        ("100%", None, "定量", None, "1"),
        ("=100%", None, "定量", "=", "= 1"),
        ("＞", None, "定量", ">", ">"),
        ("2023/12/31", None, "日期", None, "2023-12-31"),
        ("2023年底", None, "日期", None, "2023-12-31"),
        ("2023年12月底前", None, "日期", "≤", "≤ 2023-12-31"),
        ("2024年2月", None, "日期", None, "2024-02-29"),
        ("2023年12月31日", None, "日期", None, "2023-12-31"),
        ("2023年年底之前全面完成", None, "日期", "≤", "≤ 2023-12-31"),
        ("及时", None, "定性", None, "及时"),
        ("符合国家相关规范和技术标准", None, "定性", None, "符合国家相关规范和技术标准"),
        ("1 个总体规划, 22 个村庄规划", None, "定量", None, "1 个; 22 个"),
        ("1:05:00", None, "定性", None, "1:05:00"),
        ("95%以上", None, "定量", "≥", "≥ 0.95"),
        ("10个以内", None, "定量", "≤", "≤ 10 个"),
        ("不低于90%", None, "定量", "≥", "≥ 0.9"),
        ("大于等于90%", None, "定量", "≥", "≥ 0.9"),
        ("超过5处", None, "定量", ">", "> 5 处"),
        ("2023/13/45", None, "定性", None, "2023/13/45"),
        ("12月底", None, "定性", None, "12月底"),
        ("1:5", None, "定性", None, "1:5"),
        ("12个月", None, "定量", None, "12 月"),
        ("≥有所提升", None, "定性", None, "≥有所提升"),
        (
            "为2023年历史遗留矿山生态修复项目顺利实施提供依据",
            None,
            "定性",
            None,
            "为2023年历史遗留矿山生态修复项目顺利实施提供依据",
        ),
        ("两个统一", None, "定性", None, "两个统一"),
    ],
)
def test_target_examples(
    text: str, column: str | None, kind: str, comparator: str | None, reading: str
) -> None:
    t = target(text, unit=column)
    assert t.text == text
    assert t.kind is TargetKind(kind)
    assert t.comparator == comparator
    assert t.reading() == reading == str(t)


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        ("1:05:00", "spreadsheet"),
        ("＞", "comparator without a value"),
        ("2023/13/45", "not a valid one"),
        ("12月31日前", "without a year"),
        ("1:5", "ratio"),
        ('<input checked="" type="checkbox"/> 促进', "markup removed"),
        ("5 个工作", "工作"),
        ("2023年年底之前全面完成", "全面完成"),
        ("≥有所提升", "comparator ≥ ignored"),
    ],
)
def test_target_warnings(text: str, fragment: str) -> None:
    assert any(fragment in w for w in target(text).warnings_in("en")), target(text).warnings_in("en")


def test_target_keeps_the_unit_of_its_own_text_when_the_column_disagrees() -> None:
    # model.py passes one 计量单位 to both cells; the 实际完成值 "100%" must still read as a percent.
    t = target("100%", unit="万元")
    assert t.value is not None and t.value.units == unit("%")
    assert any("unit column" in w for w in t.warnings_in("en"))


def test_target_errors() -> None:
    with pytest.raises(NumberFormatError) as info:
        target("12.3.4万元")
    assert info.value.location.column == 5
    with pytest.raises(NumberFormatError) as info:
        target("≥ 12.3.4")
    assert info.value.location.column == 7
    with pytest.raises(InputError):
        target("   ")
    with pytest.raises(InputError):
        target(95)  # type: ignore[arg-type]


def test_targets_are_frozen_hashable_values() -> None:
    t = target("≥95%")
    assert t == target("≥95%") and hash(t) == hash(target("≥95%"))
    with pytest.raises(AttributeError):
        t.comparator = "≤"  # type: ignore[misc]


# --- is_met and completion -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("goal", "actual", "met"),
    [
        ("≥95%", "96%", True),
        ("≥95%", "95%", True),
        ("≥95%", "94.99%", False),
        (">95%", "95%", False),
        ("=100%", "100%", True),
        ("=100%", "1", None),  # a rate against a bare number is ambiguous → UnitError
        ("≤29.9万元", "299000元", True),
        ("≤29.9万元", "29.91万元", False),
        ("<30天", "30天", False),
        ("100%", "110%", True),  # no comparator: ≥
        ("10宗", "28宗", True),
        ("≥10个", "12处", None),
        ("91.22公顷", "1368.3亩", True),
        ("2023年底", "2023/12/31", True),
        ("2023年12月底前", "2024/1/1", False),
        ("2023年底", "完成", "judge"),
        ("及时", "及时", True),
        ("及时", "基本及时", "judge"),
        ("≤30 天", "规定时间内", "judge"),
        ("1 个总体规划, 22 个村庄规划", "1 个总体规划, 22 个村庄规划", True),
        (
            "宣传培训 3 次、3000 人, 排查险情 146 次、应急处危 3 处",
            "宣传培训 3 次、3000 人, 排查险情 146 次、应急处危 4 处",
            True,
        ),
        (
            "宣传培训 3 次、3000 人, 排查险情 146 次、应急处危 3 处",
            "宣传培训 3 次、2999 人, 排查险情 146 次、应急处危 4 处",
            False,
        ),
    ],
)
def test_is_met(goal: str, actual: str, met: bool | str | None) -> None:
    t, a = target(goal), target(actual)
    if met is None:
        with pytest.raises(UnitError):
            t.is_met(a)
    elif met == "judge":
        with pytest.raises(JudgementRequired):
            t.is_met(a)
    else:
        assert t.is_met(a) is met
        if len(a.values) == 1:
            assert t.is_met(a.values[0]) is met


def test_is_met_needs_as_many_values() -> None:
    with pytest.raises(InputError):
        target("1 个, 22 个").is_met(quantity("1个"))
    with pytest.raises(InputError):
        target("＞").is_met(quantity("1"))


@pytest.mark.parametrize(
    ("goal", "actual", "ratio"),
    [
        ("≥95%", "76%", "0.8"),
        ("100%", "78.25%", "0.7825"),
        ("≥ 50", "80", "1.6"),  # not capped: capping is the rule's job
        ("≤29.9万元", "26万元", "1.15"),  # a cost under target: target / actual
        ("≤100万元", "110万元", "0.90909090909090909090909090909090909090909090909091"),
        ("1839.1", "1439.13", "0.78251862323962807895166113860040237072481104888261"),
        ("≤30天", "60天", "0.5"),
        ("10宗", "28宗", "2.8"),
        ("91.22公顷", "1368.3亩", "1"),
    ],
)
def test_completion(goal: str, actual: str, ratio: str) -> None:
    result = target(goal).completion(quantity(actual))
    assert result == D(ratio)
    assert isinstance(result, Decimal)


def test_completion_zero_denominators_name_the_value() -> None:
    with pytest.raises(ZeroDenominatorError) as info:
        target("≤ 0%").completion(quantity("0%"))
    assert "实际完成值为 0" in info.value.message and "≤ 0%" in str(info.value)
    assert "actual value is 0" in info.value.message_in("en")
    with pytest.raises(ZeroDenominatorError) as info:
        target("0个").completion(quantity("3个"))
    assert "目标值为 0" in info.value.message and "target is 0" in info.value.message_in("en")
    assert isinstance(info.value, PerfevalError)


def test_completion_refuses_what_it_cannot_compute() -> None:
    with pytest.raises(JudgementRequired):
        target("及时").completion(quantity("1"))
    with pytest.raises(JudgementRequired):
        target("2023年底").completion(quantity("1"))
    with pytest.raises(InputError):
        target("1 个, 22 个").completion(target("1 个, 22 个"))
    with pytest.raises(UnitError):
        target("519.84万亩").completion(quantity("100%"))  # a completion rate is not an area


def test_effective_comparator() -> None:
    assert target("100%").effective_comparator == "≥"
    assert target("≤ 5").effective_comparator == "≤"
    assert target("2023年底").effective_comparator == "≤"
    assert target("2023年底").date == datetime.date(2023, 12, 31)


# --- every cell of the seeds -----------------------------------------------------------------------------


class Cell(NamedTuple):
    source: str
    text: str
    unit: str
    kind: str
    expected: str


def _load_cells() -> list[Cell]:
    cells = []
    lines = [
        line for line in FIXTURE.read_text(encoding="utf-8").split("\n") if line and not line.startswith("#")
    ]
    header = lines[0].split("\t")
    assert header == list(Cell._fields), header
    for line in lines[1:]:
        fields = line.split("\t")
        assert len(fields) == len(Cell._fields), line
        cells.append(Cell(*fields))
    return cells


CELLS = _load_cells()


def test_fixture_covers_the_seeds() -> None:
    assert len(CELLS) >= 600
    assert {c.source.split(":")[0] for c in CELLS} == {"000", "001", "002", "003", "004"}
    assert {c.kind for c in CELLS} == {"定量", "定性", "日期"}


@pytest.mark.parametrize("cell", CELLS, ids=[f"{c.source}#{i}" for i, c in enumerate(CELLS)])
def test_seed_cell(cell: Cell) -> None:
    t = target(cell.text, unit=cell.unit or None)
    assert isinstance(t, Target)
    assert (t.kind.value, t.reading()) == (cell.kind, cell.expected)
    assert t.text == cell.text
    for q in t.values:
        assert isinstance(q.magnitude, Decimal)
        assert isinstance(convert(q, q.units).magnitude, Decimal)
    if t.kind is TargetKind.QUANTITATIVE:
        assert t.values, cell  # every 定量 cell of the seeds has at least one quantity
    if t.kind is TargetKind.DATE:
        assert t.date is not None


def test_fixture_texts_are_verbatim_from_the_seeds() -> None:
    files = {p.name[:3]: p.read_text(encoding="utf-8").split("\n") for p in SEEDS.glob("*.txt")}
    for cell in CELLS:
        seed, line = cell.source.split(":")
        source_line = files[seed][int(line) - 1]
        # 002 prints the comparator in its own column: the fixture joins 指标类型 and 指标值 with a space.
        parts = cell.text.rsplit(" ", 1) if seed == "002" and cell.text not in source_line else [cell.text]
        for part in parts:
            assert part in source_line, (cell.source, part)
        if cell.unit and seed == "002":
            assert "\t" + cell.unit + "\t" in source_line, cell


def test_unit_registry_is_shared() -> None:
    assert target("1亩").value is not None
    assert target("1亩").values[0]._REGISTRY is ureg
    assert make_quantity(1, "亩")._REGISTRY is ureg


# Cells as tables write them; a reading is cached per text (perfeval.targets), and the cached reading must be
# the one a fresh reading gives — whatever decimal context the first caller had.
_CELLS = st.sampled_from(["≥95%", "100%", "≤29.9万元", "21976个", "及时", "2023年底前", "不低于90%", "95%以上",
                          "1:05:00", "1 个总体规划, 22 个村庄规划", "≥ 50", "=100%", "12.3.4万元", "全县", "≥"])


@given(_CELLS, st.sampled_from([None, "万元", "个", "%"]), st.integers(1, 6))
def test_a_cached_target_reading_is_a_fresh_reading(cell: str, unit: str | None, prec: int) -> None:
    import decimal

    def reading(text: str) -> object:
        try:
            t = target(text, unit)
        except PerfevalError as exc:
            return type(exc), exc.message
        return t.kind, t.comparator, t.clean, t.warnings, t.date, [(q.magnitude, str(q.units)) for q in t.values]

    with decimal.localcontext(decimal.Context(prec=prec, rounding=decimal.ROUND_FLOOR)):
        first = reading(cell)  # cached here, in a hostile context
    again = reading(cell)
    # Past 200 characters a cell is read afresh each time; trailing spaces change nothing in the reading.
    fresh = reading(cell + " " * 250)
    assert first == again == fresh


@given(st.text(st.sampled_from("ａ１％（）—－ 甲\t\n$\\leq≥①é\u0301"), max_size=30))
def test_a_cached_normalisation_is_a_fresh_one(text: str) -> None:
    from perfeval.text import normalize

    short, long = normalize(text), normalize(text + "x" * 250)  # the second is past the cache's length
    assert long.text == short.text + "x" * 250
    assert long.origin[: len(short.text)] == short.origin[:-1]
