"""The model: frozen, validated, exact."""

from __future__ import annotations

from decimal import Decimal

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from perfeval.errors import InputError, PerfevalError, ValidationError
from perfeval.model import (
    BaseData,
    BuildingControl,
    Department,
    ExpenseLine,
    FundLine,
    Funds,
    Indicator,
    IndicatorGroup,
    Project,
    RateUndefinedError,
)
from perfeval.numbers import exact_div, round_points
from perfeval.targets import TargetKind

# --- Indicator ------------------------------------------------------------------------------------


def test_indicator_keeps_texts_and_reads_targets() -> None:
    ind = Indicator(
        level1="产出指标",
        level2="数量指标",
        name="灾害防治知识宣传次数(次)",
        points=6,
        unit="次",
        target_text="≥2",
        actual_text="2",
        reported="6",
    )
    assert ind.path == ("产出指标", "数量指标", "灾害防治知识宣传次数(次)")
    assert ind.level3 == ind.name
    assert ind.points == Decimal("6") and ind.reported == Decimal("6")
    assert ind.target is not None and ind.actual is not None
    assert ind.target.comparator == "≥"
    assert ind.target.kind is TargetKind.QUANTITATIVE
    # the 计量单位 applies to texts that carry no unit of their own
    assert ind.target.value is not None and ind.actual.value is not None
    assert ind.target.value.dimensionality == ind.actual.value.dimensionality
    assert not ind.target.value.dimensionless
    assert ind.target_text == "≥2" and ind.actual_text == "2"  # verbatim


def test_indicator_qualitative_and_date_targets() -> None:
    timely = Indicator(name="地质灾害治理及时性", points=5, target_text="及时")
    assert timely.target is not None and timely.target.kind is TargetKind.QUALITATIVE
    ind = Indicator(name="按时完成年度总目标", points=2, target_text="2023/12/31", actual_text="2023/12/31")
    assert ind.target is not None and ind.target.kind is TargetKind.DATE


def test_blank_cells_are_none() -> None:
    ind = Indicator(name="x", points=1, level2="  ", target_text="", note="\u3000".strip())
    assert ind.level2 is None and ind.target_text is None and ind.target is None and ind.note is None


@pytest.mark.parametrize("points", [0, "0", Decimal("-1"), "-0.5"])
def test_points_must_be_positive(points: object) -> None:
    with pytest.raises(ValidationError) as info:
        Indicator(name="公众满意度", points=points)  # type: ignore[arg-type]
    assert info.value.field == "points"
    assert "分值" in str(info.value)


def test_malformed_points_is_an_input_error_quoting_the_text() -> None:
    with pytest.raises(InputError) as info:
        Indicator(name="x", points="12.3.4")
    assert "12.3.4" in str(info.value)


def test_booleans_are_not_numbers() -> None:
    with pytest.raises(InputError):
        Indicator(name="x", points=True)


def test_floats_go_through_str() -> None:
    assert Indicator(name="x", points=0.1).points == Decimal("0.1")


@pytest.mark.parametrize("reported", ["5.01", "-1"])
def test_reported_score_lies_within_points(reported: str) -> None:
    with pytest.raises(ValidationError) as info:
        Indicator(name="公众满意度", points=5, reported=reported)
    assert info.value.field == "reported"
    assert info.value.value == Decimal(reported)


def test_blank_name_is_rejected() -> None:
    with pytest.raises(ValidationError) as info:
        Indicator(name="  ", points=5)
    assert info.value.field == "name"


def test_units_that_cannot_compare_are_rejected() -> None:
    with pytest.raises(ValidationError) as info:
        Indicator(name="x", points=5, target_text="≥2处", actual_text="3公顷")
    assert info.value.field == "actual_text"
    assert "3公顷" in str(info.value)


def test_a_percent_actual_against_an_absolute_target_is_a_completion_rate() -> None:
    # 001 line 294: 耕地目标控制数 519.84万亩 reported as 100% done.
    ind = Indicator(name="耕地目标控制数", points=4, target_text="519.84万亩", actual_text="100%")
    assert ind.actual is not None and ind.actual.value is not None and ind.actual.value.dimensionless


def test_malformed_target_names_the_field() -> None:
    with pytest.raises(ValidationError) as info:
        Indicator(name="x", points=5, target_text="12.3.4万元")
    assert info.value.field == "target_text"


def test_unknown_unit_column_names_the_field() -> None:
    with pytest.raises(ValidationError) as info:
        Indicator(name="x", points=5, unit="斤斤", target_text="2")
    assert info.value.field == "target_text"


def test_model_objects_are_frozen() -> None:
    ind = Indicator(name="x", points=5)
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        ind.points = Decimal(1)  # type: ignore[misc]


def test_source_is_not_part_of_equality() -> None:
    from perfeval.errors import Location

    assert Indicator(name="x", points=5, source=Location(line=3)) == Indicator(name="x", points=5)


def test_groups() -> None:
    assert IndicatorGroup(level1="过程", level2="预算执行", points=20).path == ("过程", "预算执行")
    with pytest.raises(ValidationError) as info:
        IndicatorGroup(level1="投入", points=0)
    assert info.value.field == "points"


# --- Funds ----------------------------------------------------------------------------------------

LUOSONG = Funds(
    initial="985.93",
    budget="1839.1",
    spent="1439.13",
    points=10,
    reported_rate="78.25 %",
    reported="7.83",
)


def test_execution_rate_is_exact() -> None:
    rate = LUOSONG.execution_rate
    assert rate == exact_div(Decimal("1439.13"), Decimal("1839.1"))
    # the same quotient as plain Decimal division, only with more digits (50, not 28)
    assert +rate == Decimal("1439.13") / Decimal("1839.1")
    assert rate.quantize(Decimal("0.0001")) == Decimal("0.7825") == LUOSONG.reported_rate


def test_points_from_the_rate_round_half_up_once() -> None:
    rate = LUOSONG.execution_rate
    assert round_points(Decimal(10) * rate) == Decimal("7.83") == LUOSONG.reported
    # the published rate 78.25% gives 7.825: half up is 7.83, a float round gives 7.82
    assert round_points(Decimal(10) * LUOSONG.reported_rate) == Decimal("7.83")  # type: ignore[operator]
    assert round(10 * 0.7825, 2) == 7.82


def test_zero_budget_rate_is_an_error_naming_the_field() -> None:
    with pytest.raises(RateUndefinedError) as info:
        _ = Funds(budget=0, spent=0).execution_rate
    assert isinstance(info.value, PerfevalError)
    assert info.value.field == "budget"
    assert "全年预算数" in str(info.value)


def test_rate_needs_both_amounts() -> None:
    with pytest.raises(ValidationError) as info:
        _ = Funds(budget=1).execution_rate
    assert info.value.field == "spent"


@pytest.mark.parametrize("field", ["initial", "budget", "spent", "carried_over", "added", "balance", "other"])
def test_negative_amounts_are_rejected(field: str) -> None:
    with pytest.raises(ValidationError) as info:
        Funds(**{field: "-0.01"})  # type: ignore[arg-type]
    assert info.value.field == field
    assert info.value.value == Decimal("-0.01")


def test_funds_score_within_its_points() -> None:
    with pytest.raises(ValidationError) as info:
        Funds(points=10, reported="10.5")
    assert info.value.field == "reported"


def test_fund_lines() -> None:
    funds = Funds(
        by_source=[FundLine(name="当年财政拨款", initial="985.93", budget="1497.06")],
        by_use=[FundLine(name="基本支出", spent="991.56")],
    )
    assert funds.line("基本支出").spent == Decimal("991.56")
    assert funds.unit == "万元"
    with pytest.raises(KeyError):
        funds.line("其他资金")
    with pytest.raises(ValidationError):
        FundLine(name="x", budget=-1)


# --- base data ------------------------------------------------------------------------------------


def test_expense_lines_nest() -> None:
    three = ExpenseLine(
        name="三公经费",
        previous="60.02",
        budget="23.00",
        final="7.56",
        items=[
            ExpenseLine(
                name="公务用车购置和维护经费",
                previous="45.53",
                items=[ExpenseLine(name="公车运行维护", previous="45.53", budget="6.00", final="4.85")],
            ),
            ExpenseLine(name="公务接待", previous="14.49", budget="17.00", final="2.71"),
        ],
    )
    assert three["公车运行维护"].final == Decimal("4.85")
    assert three.budget == Decimal("23.00") and str(three.budget) == "23.00"  # as published
    assert [x.name for x in three.walk()] == [
        "三公经费",
        "公务用车购置和维护经费",
        "公车运行维护",
        "公务接待",
    ]
    with pytest.raises(KeyError):
        three["出国经费"]
    with pytest.raises(ValidationError) as info:
        ExpenseLine(name="x", previous="-1")
    assert info.value.field == "previous"


def test_base_data_stores_every_number() -> None:
    base = BaseData(
        authorized_staff=61,
        actual_staff=61,
        staff_control_rate="100%",
        procurement=ExpenseLine(name="政府采购金额", previous="1375.06", budget="9866.92", final="7831.96"),
        buildings=BuildingControl(approved_area=0, actual_area=0, area_control_rate="0", budget_investment=0),
        frugality="无",
    )
    assert base.staff_control_rate == Decimal("1")
    assert base.buildings is not None and base.buildings.area_control_rate == 0
    with pytest.raises(ValidationError) as info:
        BaseData(authorized_staff=-1)
    assert info.value.field == "authorized_staff"


# --- projects and departments ---------------------------------------------------------------------


def test_project_and_department() -> None:
    p = Project(
        name="2022至2024年山水项目",
        year="2023",
        rubric="项目支出绩效自评表",
        department="岳阳市自然资源和规划局",
        funds=Funds(budget="108.18", spent="108.18", points=10, reported=10),
        indicators=[Indicator(name="群众满意度", points=90, reported=90)],
        total_points=100,
        reported_total=100,
    )
    assert p.kind == "项目" and p.year == 2023
    assert p.reported_sum() == Decimal(100) and p.points_sum() == Decimal(100)
    assert p.reported_sum(include_funds=False) == Decimal(90)
    assert p.indicator("群众满意度").points == Decimal(90)
    with pytest.raises(KeyError):
        p.indicator("不存在")
    d = Department(name="x", year=2021, rubric="r", base=BaseData())
    assert d.kind == "部门"


def test_reported_sum_is_none_when_a_score_is_blank() -> None:
    p = Project(name="p", year=2023, rubric="r", indicators=[Indicator(name="a", points=5)])
    assert p.reported_sum() is None


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"year": 1800}, "year"),
        ({"name": ""}, "name"),
        ({"rubric": " "}, "rubric"),
        ({"total_points": 100, "reported_total": "100.5"}, "reported_total"),
        ({"total_points": 0}, "total_points"),
    ],
)
def test_evaluation_validation(changes: dict[str, object], field: str) -> None:
    kwargs: dict[str, object] = {"name": "p", "year": 2023, "rubric": "r", **changes}
    with pytest.raises(ValidationError) as info:
        Project(**kwargs)  # type: ignore[arg-type]
    assert info.value.field == field


def test_bad_year_text() -> None:
    with pytest.raises(InputError):
        Project(name="p", year="二〇二三年x", rubric="r")
    assert Project(name="p", year="2023年", rubric="r").year == 2023


# --- properties -----------------------------------------------------------------------------------

points_st = st.decimals(min_value=Decimal("0.01"), max_value=Decimal("1000"), places=2)


@st.composite
def indicators(draw: st.DrawFn) -> Indicator:
    points = draw(points_st)
    reported = draw(st.none() | st.decimals(min_value=Decimal(0), max_value=points, places=2))
    return Indicator(name=draw(st.text(min_size=1).filter(str.strip)), points=points, reported=reported)


@given(indicators())
def test_valid_indicators_keep_their_numbers(ind: Indicator) -> None:
    assert ind.points > 0
    assert ind.reported is None or 0 <= ind.reported <= ind.points


@given(points_st, st.decimals(min_value=Decimal("0.01"), max_value=Decimal("100"), places=2))
def test_any_score_above_points_is_rejected(points: Decimal, excess: Decimal) -> None:
    with pytest.raises(ValidationError):
        Indicator(name="x", points=points, reported=points + excess)
