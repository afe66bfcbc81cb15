"""Errors a rule author can act on: a stable code, where (line and column in the text as written), what
was expected, a hint — in Chinese by default and in English on request."""

from __future__ import annotations

from decimal import Decimal

import pytest

import perfeval
from perfeval.errors import display_width
from perfeval.rules import MissingInputError, NoBandError, RuleError, RuleSyntaxError, ZeroDenominatorError
from perfeval.rules.errors import LocatedError, Severity


def _refused(text: str, points: int = 5) -> LocatedError:
    with pytest.raises(LocatedError) as info:
        perfeval.compile_rule(text, points=points)
    return info.value


def test_a_step_without_its_size_points_at_where_the_size_belongs() -> None:
    err = _refused("100%计满分，每低于扣2分，扣完为止")
    assert isinstance(err, RuleError) and err.code == "step_needs_size"
    assert (err.line, err.column) == (1, 12)  # the 扣 right after 每低于
    assert err.hint_in("en") == "write the size of each step, e.g. 每低于5%扣2分"
    assert "步长" in err.message  # Chinese by default


def test_an_unfinished_range_names_the_dash_and_what_could_follow() -> None:
    err = _refused("90%（含）以上计6分；80%（含）-，计4分")
    assert isinstance(err, RuleSyntaxError) and err.code == "unreadable"
    assert err.column == 19 and err.params["found"] == "-"
    assert "PCT" in err.expected
    assert err.hint_in("en") == "a range needs both ends: 80%（含）-90%"


@pytest.mark.parametrize(("text", "column"), [("90%以上计5分；扣", 10), ("完成目标得满分，否则扣", 9), ("计4", 1)])
def test_a_scoring_word_is_never_a_silent_note(text: str, column: int) -> None:
    err = _refused(text)
    assert err.code == "unread_scoring" and err.column == column


def test_caret_is_placed_by_display_width() -> None:
    err = _refused("100%计满分，每低于扣2分，扣完为止")
    source, caret = err.render().split("\n")[1:3]
    # 11 characters precede the 扣; full-width ones take two columns in a terminal.
    assert caret.index("^") == display_width(source[: 2 + 11])


def test_positions_are_in_the_original_text_across_lines() -> None:
    err = _refused("完成目标得满分，\n否则扣")
    assert (err.line, err.column) == (2, 1) and "否则扣" in err.message


def test_expected_is_shown_in_words_not_token_names() -> None:
    err = _refused("90%（含）以上计6分；80%（含）-，计4分")
    shown = err.render("en").splitlines()[3]
    assert shown.startswith("  expected ") and "PCT" not in shown and "percentage" in shown
    assert "应为" in err.render()


def test_empty_standard() -> None:
    assert _refused("   ").code == "empty"


def test_two_explicit_claims_on_one_edge_are_a_checker_error_and_an_evaluation_error() -> None:
    rule = perfeval.compile_rule("90%（含）以上计6分；90%（含）-80%计4分", points=6)
    errors = [d for d in rule.check() if d.severity is Severity.ERROR]
    assert [d.code for d in errors] == ["PE320"]
    with pytest.raises(perfeval.PerfevalError):
        rule("90%")
    assert rule("95%").points == 6 and rule("85%").points == 4


def test_two_rules_for_the_same_values_are_refused() -> None:
    err = _refused("80%-100%得5分；90%以上得3分；低于80%不得分")
    assert err.code == "rules_overlap" and "[90%, 100%]" in err.message


def test_prose_is_not_a_rule() -> None:
    assert _refused("按月亮的圆缺打分").code == "no_points"


def test_english_on_request() -> None:
    err = _refused("按月亮的圆缺打分")
    assert err.message_in("en") == "the standard says nothing about points"
    assert "line 1, column 1" in err.render("en")


def test_no_band_names_the_value_and_the_gaps() -> None:
    rule = perfeval.compile_rule("90%（含）以上计6分；80%（含）-85%计4分；低于80%计0分", points=6)
    with pytest.raises(NoBandError) as info:
        rule("87%")
    assert info.value.value == Decimal("0.87")
    assert "(85%, 90%)" in info.value.gaps
    assert "87%" in str(info.value)  # shown as the rate it is


def test_missing_input_is_named() -> None:
    rule = perfeval.compile_rule("该项得分=(绩效办对应部分考核得分/该部分总分)*8", points=8)
    with pytest.raises(MissingInputError, match="该部分总分"):
        rule(绩效办对应部分考核得分=40)
    assert rule(绩效办对应部分考核得分=45, 该部分总分=50).points == Decimal("7.2")


def test_zero_denominator_is_named() -> None:
    rule = perfeval.compile_rule("该项得分=(绩效办对应部分考核得分/该部分总分)*8", points=8)
    with pytest.raises(ZeroDenominatorError, match="该部分总分"):
        rule(绩效办对应部分考核得分=45, 该部分总分=0)


def test_every_error_is_a_perfeval_error() -> None:
    for bad in ("每低于扣2分", "", "按月亮的圆缺打分"):
        with pytest.raises(perfeval.PerfevalError):
            perfeval.compile_rule(bad, points=5)
    with pytest.raises(perfeval.PerfevalError):
        perfeval.compile_rule("100%计满分", points=0)
