"""A value that a standard only compares (a band table, a table of ranks) is held to no digit or exponent limit.

Comparing Decimals is exact whatever their size, and the caller already holds the number, so both backends —
the generated fast path and the interpreter — take every finite Decimal there (docs/limits.md). A standard
that computes with the value (steps, a formula) still refuses one beyond the limits, naming the limit. Text,
ints, floats, Decimal subclasses, NaN and the infinities go where they went before.
"""

from __future__ import annotations

import decimal
from decimal import Decimal as D
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import perfeval
from perfeval.errors import PerfevalError
from perfeval.limits import LimitError
from perfeval.rules.meaning.ir import compares_only
from perfeval.rules.run.interpret import interpret

BAND = "满意率达90%（含）以上的得8分，80%（含）-90%得6分，70%（含）-80%得4分，60%（含）-70%得2分，60%以下不得分。"
GAPPED = "90%（含）以上计6分；60%（含）-80%计3分"
STEP = "100%计满分，每低于5%扣2分，扣完为止。"
RANK = "综合排名前3名的得满分，4-8名的扣0.5分，9名以后扣1分"

#: A band table's points by hand: the reference's if-chain (../shared/bench/reference.py).
_EDGES = ((D("0.9"), D("8.00")), (D("0.8"), D("6.00")), (D("0.7"), D("4.00")), (D("0.6"), D("2.00")))

HUGE = (D("0." + "9" * 150), D("0.8" + "0" * 148 + "1"), D("0.7" + "9" * 149), D("1E+200"), D("1E-200"),
        D("-1E+200"), D("-1E-200"), D("1" * 150), D("1E+999999999"), D("-7.5E-999999999"))


def _by_hand(x: D) -> D:
    return next((p for edge, p in _EDGES if x >= edge), D("0.00"))


def _outcome(rule: perfeval.Rule, value: Any) -> tuple[Any, ...]:
    """What each backend makes of ``value``: the points, or the error's type and code."""
    def one(call: Any) -> tuple[Any, ...]:
        try:
            return ("points", call())
        except PerfevalError as exc:
            return ("error", type(exc).__name__, getattr(exc, "code", None), str(exc))

    results = {one(lambda: rule.points(value)), one(lambda: rule(value).points),
               one(lambda: interpret(rule.item, value, {}, rule.text, []).points)}
    assert len(results) == 1, results
    return results.pop()


def test_only_a_table_of_fixed_points_compares_only() -> None:
    for text, points, compared in ((BAND, 8, True), (GAPPED, 6, True), (RANK, 5, True), (STEP, 5, False),
                                   ("完成率×分值", 10, False)):
        assert compares_only(perfeval.compile_rule(text, points=points).item.streams[0]) is compared, text


@pytest.mark.parametrize("value", HUGE, ids=lambda v: f"{v:.12}"[:30])
def test_a_band_table_scores_a_value_beyond_the_limits(value: D) -> None:
    rule = perfeval.compile_rule(BAND, points=8)
    assert _outcome(rule, value) == ("points", _by_hand(value))
    score = rule(value)
    assert score.trace and score.clause
    for locale in ("zh_CN", "en"):
        text = score.explain(locale)
        assert len(text) < 2_000, text[:300]  # 1E+999999999 in exponent form, never written out
    assert score.readings is not None


@pytest.mark.parametrize("value", HUGE, ids=lambda v: f"{v:.12}"[:30])
def test_steps_refuse_a_value_beyond_the_limits_naming_the_limit(value: D) -> None:
    rule = perfeval.compile_rule(STEP, points=5)
    name = "number_digits" if len(value.as_tuple().digits) > 100 else "number_exponent"
    for call in (rule.points, rule, lambda v: interpret(rule.item, v, {}, rule.text, [])):
        with pytest.raises(LimitError) as info:
            call(value)
        assert info.value.limit.name == name


def test_a_gap_names_a_huge_value_in_exponent_form() -> None:
    rule = perfeval.compile_rule(GAPPED, points=6)
    kind, name, code, message = _outcome(rule, D("0.85" + "0" * 150))
    assert (kind, name, code) == ("error", "NoBandError", "no_band")
    small = _outcome(rule, D("-1E-999999999"))
    assert small[:3] == ("error", "NoBandError", "no_band") and "E-999999997%" in small[3] and len(small[3]) < 500


def test_a_table_of_ranks_takes_any_whole_decimal_and_refuses_a_fraction_as_a_rank() -> None:
    rule = perfeval.compile_rule(RANK, points=5)
    assert _outcome(rule, D("1E+200")) == ("points", D("4.00"))
    assert _outcome(rule, D("3." + "0" * 150)) == ("points", D("5.00"))
    for value in (D("3." + "0" * 150 + "1"), D("1E-200"), D("0E+200")):
        kind, name, _, _ = _outcome(rule, value)
        assert (kind, name) == ("error", "InputError")  # not a rank, as 3.5 is — no limit named


class _Sub(D):
    pass


@pytest.mark.parametrize(("value", "refused"), [
    (1e200, "LimitError"), (_Sub("1E+200"), "LimitError"), (10 ** 150, "LimitError"),
    ("1" * 150 + "%", "LimitError"), ("1E+200", "InputError"), ("1E-200%", "InputError")],
    ids=["float", "subclass", "int", "digits%", "text", "tiny%"])
def test_other_kinds_of_value_are_held_to_the_limits_as_before(value: Any, refused: str) -> None:
    rule = perfeval.compile_rule(BAND, points=8)
    kind, name, _, message = _outcome(rule, value)
    assert (kind, name) == ("error", refused), message


@pytest.mark.parametrize("value", ["NaN", "-NaN", "sNaN", "Infinity", "-Infinity"])
def test_nan_and_infinities_are_refused_as_before(value: str) -> None:
    rule = perfeval.compile_rule(BAND, points=8)
    kind, name, _, _ = _outcome(rule, D(value))
    assert (kind, name) == ("error", "InputError")


_FAR = st.builds(lambda sign, digits, exp: D((sign, tuple(digits), exp)), st.integers(0, 1),
                 st.lists(st.integers(0, 9), min_size=1, max_size=300),
                 st.integers(min_value=-10 ** 12, max_value=10 ** 12) | st.integers(min_value=-400, max_value=400))


@settings(max_examples=300, deadline=None, database=None)
@given(value=_FAR, traps=st.booleans())
def test_every_finite_decimal_scores_as_the_if_chain_whatever_the_callers_context(value: D, traps: bool) -> None:
    rule = perfeval.compile_rule(BAND, points=8)
    expected = ("points", _by_hand(value))
    with decimal.localcontext() as ctx:
        ctx.prec, ctx.Emax, ctx.Emin, ctx.rounding = 3, 10, -10, decimal.ROUND_FLOOR
        for signal in (decimal.Inexact, decimal.Rounded, decimal.Overflow, decimal.Underflow, decimal.Subnormal):
            ctx.traps[signal] = traps
        ctx.clear_flags()  # a local context starts with the flags of the one it copies
        assert _outcome(rule, value) == expected
        assert not any(ctx.flags.values())


def test_a_grade_table_grades_a_total_of_any_size() -> None:
    grades = perfeval.compile_grades("90分（含）—100分为优，80分（含）—90分为良，60分（含）—80分为中，60分以下为差")
    assert grades(D("89." + "9" * 150)) == "良" and grades(D("1E-200")) == "差"
    with pytest.raises(perfeval.NoBandError) as info:
        grades(D("1E+999999999"))
    assert len(str(info.value)) < 500
    with pytest.raises(LimitError):
        grades(1e200)  # a float is held to the limits, as everywhere


def test_a_value_of_thousands_of_digits_is_shown_exactly_not_rounded_to_the_edge() -> None:
    rule = perfeval.compile_rule(BAND, points=8)
    value = D("0.7" + "9" * 5000)  # below 80%: shown in a 1,000-digit context it would read as 80%
    assert _outcome(rule, value) == ("points", D("4.00"))
    text = rule(value).explain()
    assert "79.9999" in text and "取值 80%" not in text
