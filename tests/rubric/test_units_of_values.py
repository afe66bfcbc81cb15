"""The unit of every value: no rate read without its mark, counts give completion rates (issue 11, item 2)."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

import perfeval
from perfeval.model import Indicator, Project
from perfeval.rubric import IndicatorScore
from perfeval.rubric.audit import audit

STEPS = "100%计满分，每低于5%扣2分，扣完为止"
RUBRIC = perfeval.loads(f"评价体系 示例\n满分 10\n一级指标 产出 10分\n三级指标 完成率 10分\n  标准：{STEPS}\n")


def _scored(target: str | None, actual: str, unit: str | None = None) -> IndicatorScore:
    row = Indicator(level1="产出", name="完成率", points=10, reported=10, target_text=target, actual_text=actual,
                    unit=unit)
    return RUBRIC.score(Project(name="示例", year=2023, rubric="示例", indicators=[row]))["完成率"]


def test_a_rate_given_as_text_without_its_mark_is_refused() -> None:
    # The repro: rule("85") was 8500% — full marks, without a word.
    rule = perfeval.compile_rule(STEPS, points=10)
    for call in (rule, rule.points):
        with pytest.raises(perfeval.InputError) as err:
            call("85")
        assert err.value.code == "rate_without_mark" and "85%" in err.value.message
    assert rule.points("85%") == rule.points(Decimal("0.85")) == Decimal("4.00")


@given(st.decimals(min_value=0, max_value=200, places=2))
def test_text_with_its_mark_and_the_fraction_agree(d: Decimal) -> None:
    rule = perfeval.compile_rule(STEPS, points=10)
    assert rule.points(f"{d}%") == rule.points(d / 100) == rule.points(f"{d * 10}‰")


def test_a_bare_number_beside_a_percent_target_is_not_scored() -> None:
    item = _scored("≥95%", "95")
    assert item.status == "error" and item.points is None
    assert "没有写 %" in item.reason
    found = audit(RUBRIC.score(Project(name="示例", year=2023, rubric="示例", indicators=[
        Indicator(level1="产出", name="完成率", points=10, reported=10, target_text="≥95%", actual_text="95")])))
    assert [d.indicator for d in found.discrepancies] == ["完成率"]


def test_a_percent_unit_column_makes_a_bare_number_a_percent() -> None:
    assert _scored("100", "95", unit="%").points == Decimal("8.00")


def test_a_count_target_gives_a_completion_rate_and_says_so() -> None:
    # The repro: 19处 of 20处 failed with pint's name for 处 ('chu') instead of scoring 95%.
    item = _scored("20处", "19处")
    assert item.points == Decimal("8.00") and item.status == "computed"
    assert "完成率 19处 / 20处 = 95%" in item.reason
    lower = _scored("≤20万元", "25万元")  # lower is better: target / actual
    assert lower.points == Decimal("2.00") and "≤20万元 / 25万元 = 80%" in lower.reason


def test_a_count_without_a_target_is_not_a_rate() -> None:
    item = _scored(None, "19处")
    assert item.status == "error" and "不是比率" in item.reason


def test_unit_errors_name_units_in_chinese() -> None:
    rule = perfeval.compile_rule(STEPS, points=10)
    with pytest.raises(perfeval.InputError) as err:
        rule(perfeval.quantity("19处"))
    assert "19处" in err.value.message and "chu" not in err.value.message


def test_a_rate_cell_without_its_mark_in_a_data_file_is_a_located_error(tmp_path: Path) -> None:
    text = Path(__file__).parents[2].joinpath("examples", "huarong-2022-project-selfeval.toml").read_text("utf-8")
    assert '"执行率" = "100%"' in text
    bad = tmp_path / "bad.toml"
    bad.write_text(text.replace('"执行率" = "100%"', '"执行率" = "95"'), encoding="utf-8")
    with pytest.raises(perfeval.PerfevalError) as err:
        perfeval.load_evaluation(bad)
    assert "95%" in str(err.value) and "执行率" in str(err.value)
    zero = tmp_path / "zero.toml"
    zero.write_text(text.replace('"执行率" = "100%"', '"执行率" = "0"'), encoding="utf-8")
    assert perfeval.load_evaluation(zero).funds.reported_rate == 0  # type: ignore[union-attr]


def test_units_of_different_kinds_are_an_error_naming_both_in_chinese() -> None:
    with pytest.raises(perfeval.PerfevalError) as err:
        Indicator(name="x", points=5, target_text="20个", actual_text="19公顷")
    assert "（公顷）" in err.value.message and "（个）" in err.value.message and "units differ" not in err.value.message
