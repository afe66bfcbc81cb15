"""Errors a rule author can act on: where, what was expected, and a hint."""

from __future__ import annotations

from decimal import Decimal

import pytest

import perfeval
from perfeval.errors import display_width
from perfeval.rules import MissingInputError, NoBandError, RuleError, RuleSyntaxError, ZeroDenominatorError


def _syntax_error(text: str) -> RuleSyntaxError:
    with pytest.raises(RuleSyntaxError) as info:
        perfeval.compile_rule(text, points=5)
    return info.value


def test_unknown_clause_points_at_that_clause() -> None:
    err = _syntax_error("100%计满分，每低于扣2分，扣完为止")
    assert (err.line, err.column) == (1, 12)
    assert "每低于扣2分" in err.message
    assert err.hint == "a step needs its size: 每低于5%扣2分"
    assert "a number" in " ".join(err.expected)


def test_unfinished_range_is_the_clause_named() -> None:
    err = _syntax_error("90%（含）以上计6分；80%（含）-，计4分")
    assert "80%（含）-" in err.message
    assert err.column == 19
    assert err.hint == "a range needs both ends: 80%（含）-90%"


def test_scoring_words_are_never_a_silent_note() -> None:
    err = _syntax_error("90%以上计5分；扣")
    assert (err.line, err.column) == (1, 10)
    assert "扣" in err.message
    with pytest.raises(RuleSyntaxError, match="计4"):
        perfeval.compile_rule("计4", points=5)


def test_caret_is_placed_by_display_width() -> None:
    err = _syntax_error("100%计满分，每低于扣2分，扣完为止")
    source, caret = err.render().split("\n")[1:3]
    # 11 characters precede the clause; full-width ones take two columns in a terminal.
    assert caret.index("^") == display_width(source[: 2 + 11])


def test_positions_are_in_the_original_text_across_lines() -> None:
    err = _syntax_error("完成目标得满分，\n否则扣")
    assert (err.line, err.column) == (2, 1) and "否则扣" in err.message


def test_expected_is_in_words_not_token_names() -> None:
    err = _syntax_error("100%计满分，每低于扣2分")
    for word in err.expected:
        assert not word.isupper(), word


def test_empty_standard() -> None:
    with pytest.raises(RuleSyntaxError, match="empty"):
        perfeval.compile_rule("   ", points=5)


def test_two_explicit_claims_on_one_edge_overlap() -> None:
    with pytest.raises(RuleError, match="claimed by two bands"):
        perfeval.compile_rule("90%（含）以上计6分；90%（含）-80%计4分", points=6)


def test_prose_is_not_a_rule() -> None:
    with pytest.raises(RuleError, match="nothing about points"):
        perfeval.compile_rule("按月亮的圆缺打分", points=6)


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
