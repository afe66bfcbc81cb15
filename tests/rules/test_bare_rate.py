"""A number without % for a rate through the API (issue 11, item 2): ``rule(85)`` is the fraction 85 —
8500% — as DESIGN says of API numbers, and the Score says so (PE116) instead of scoring full marks without
a word. No score changes; ``rule.points(85)`` (the bare fast path, a Decimal only) stays silent."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

import perfeval
from perfeval.rules import compile_rule

ROOT = Path(__file__).parents[2]
RATE = compile_rule("100%计满分，每低于5%扣2分，扣完为止", points=5)
BANDS = compile_rule("90%（含）以上计6分；80%（含）-90%，计4分；低于80%计0分", points=6)
COUNT = compile_rule("每发现一次扣1分，扣完为止", points=5)

above_one = st.one_of(st.integers(2, 10**9), st.decimals(min_value=Decimal("1.0001"), max_value=10**9, places=4),
                      st.floats(min_value=1, max_value=1e9, exclude_min=True, allow_nan=False))
up_to_one = st.one_of(st.integers(0, 1), st.decimals(min_value=0, max_value=1, places=6),
                      st.floats(min_value=0, max_value=1).map(lambda f: round(f, 6)))


@given(above_one, st.sampled_from([RATE, BANDS]))
def test_a_bare_number_above_one_for_a_rate_is_read_as_the_fraction_and_said(value: object, rule: object) -> None:
    score = rule(value)  # type: ignore[operator]
    assert score.points == rule.points(value)  # type: ignore[attr-defined]  # the score is the fraction's
    (reading,) = score.value_readings
    assert reading.code == "PE116" and reading.severity.value == "info"
    assert reading.message in score.readings and "作比值读" in reading.message
    assert "is read as a fraction" in reading.message_in("en")


@given(up_to_one, st.sampled_from([RATE, BANDS]))
def test_a_fraction_up_to_one_needs_no_word(value: object, rule: object) -> None:
    assert rule(value).value_readings == ()  # type: ignore[operator]


def test_the_reading_names_both_meanings_in_either_language() -> None:
    for value in (85, Decimal(85), 85.0, Decimal("85.00")):
        assert [d.message for d in RATE(value).value_readings] == ["85 作比值读，即 8500%；若指 85%，请写作“85%”或 0.85"]
    assert RATE(Decimal("85.5")).value_readings[0].message == "85.5 作比值读，即 8550%；若指 85.5%，请写作“85.5%”或 0.855"
    assert RATE(85).value_readings[0].message_in("en") == \
        "85 is read as a fraction, that is 8500%; if 85% is meant, write “85%” or 0.85"
    assert RATE(85).points == Decimal("5.00") == RATE.points(85)  # unchanged: 8500% is above 100%


def test_text_numbers_rates_with_percent_and_other_standards_get_no_such_reading() -> None:
    assert RATE("85%").value_readings == () and RATE("8500%").value_readings == ()
    with pytest.raises(perfeval.PerfevalError) as info:
        RATE("85")  # text without % stays refused
    assert info.value.code == "rate_without_mark"
    assert COUNT(3).value_readings == ()  # a count is no rate
    with pytest.raises(perfeval.PerfevalError):
        RATE(True)  # not a number
    assert isinstance(RATE.points(85), Decimal)  # the bare fast path: a Decimal, no readings


def test_explain_and_the_card_show_the_reading() -> None:
    assert "[PE116] 85 作比值读，即 8500%" in RATE(85).explain()
    assert "[PE116] 85 is read as a fraction, that is 8500%" in RATE(85).explain("en")
    rubric = perfeval.load(ROOT / "perfeval" / "data" / "rubrics" / "department-common.rules")
    card = rubric.score({"预算完成率": 85, "预算控制率": "5%"})
    (item,) = [i for i in card if i.name == "预算完成率"]
    assert item.score is not None and [d.code for d in item.score.value_readings] == ["PE116"]
    assert "[PE116] 85 作比值读" in str(item.reason) and "[PE116] 85 is read as a fraction" in item.reason.render("en")
    (other,) = [i for i in card if i.name == "预算控制率"]
    assert other.score is not None and other.score.value_readings == () and "PE116" not in str(other.reason)


def test_the_reading_is_worked_out_in_perfevals_own_context() -> None:
    import decimal

    with decimal.localcontext(decimal.Context(prec=3, rounding=decimal.ROUND_DOWN)):
        (reading,) = RATE(Decimal("123456.789")).value_readings
    assert reading.message == ("123456.789 作比值读，即 12345678.9%；若指 123456.789%，请写作“123456.789%”或 1234.56789")
