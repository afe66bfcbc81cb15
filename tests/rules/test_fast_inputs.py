"""The fast path's own readers agree with the general ones to the last digit and refuse what they refuse
(issue #10: a rate's text such as "93.21%" is read by one match, not by the general reader)."""

from __future__ import annotations

import decimal
from decimal import Decimal
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import perfeval
from perfeval.rules.meaning.ir import Kind
from perfeval.rules.run.inputs import read, read_rate_text
from tests.rules.test_backends_agree import SPECIAL, decimals
from tests.rules.test_sql import ACCEPTED, values_for

_DIGITS = st.text(st.sampled_from("0123456789"), min_size=0, max_size=24)
# Rate texts near the common shape and just off it: signs, spaces, full-width and other digits, ‰, 个百分点,
# a bare point, more digits than the fast match takes, exponents, NaN.
_RATE_TEXTS = st.one_of(
    st.builds(lambda sign, a, b, mark: f"{sign}{a}{'.' + b if b is not None else ''}{mark}",
              st.sampled_from(["", "", "-", "+", " ", "−"]), _DIGITS, st.none() | _DIGITS,
              st.sampled_from(["%", "%", "% ", "‰", "个百分点", "", "％", "%\n"])),
    st.sampled_from(["93.21%", "0%", "-0.00%", "100%", "９３％", "٩٣%", "93.%", ".5%", "1e2%", "NaN%", "Infinity%",
                     "百分之九十", "9" * 60 + "%", "0." + "9" * 60 + "%", "%", ""]),
)
_RULES = [perfeval.compile_rule("100%计满分，每低于5%扣2分，扣完为止。", points=5),
          perfeval.compile_rule("满意率达90%（含）以上的得8分，80%（含）-90%得6分，70%（含）-80%得4分，"
                                "60%（含）-70%得2分，60%以下不得分。", points=8)]


def _outcome(fn: Any, value: str) -> tuple[str, str]:
    try:
        return "value", repr(fn(value))
    except perfeval.PerfevalError as exc:
        return type(exc).__name__, str(exc)


@settings(max_examples=400, deadline=None)
@given(_RATE_TEXTS)
def test_a_rate_text_is_read_as_the_general_reader_reads_it(text: str) -> None:
    assert _outcome(read_rate_text, text) == _outcome(lambda v: read(v, Kind.RATE), text)


@settings(max_examples=200, deadline=None)
@given(_RATE_TEXTS)
def test_compiled_rules_score_a_rate_text_as_the_interpreter_does(text: str) -> None:
    for rule in _RULES:
        assert rule.python_source is not None and "_text(x)" in rule.python_source
        assert _outcome(rule.points, text) == _outcome(lambda v, r=rule: r(v).points, text)


def test_the_fast_read_is_exact() -> None:
    assert read_rate_text("93.21%") == Decimal("0.9321")
    assert str(read_rate_text("12345678901234567890.12345678901234567890%")) == \
        "123456789012345678.9012345678901234567890"
    assert _RULES[0].points("90%") == _RULES[0].points(Decimal("0.9")) == Decimal("1.00")


# Step standards as tables write them: the fast path tests the value against the edges their steps amount
# to (perfeval.rules.run.unroll); the interpreter counts the steps. Values on, just off and between edges.
_STEP_TEXTS = st.builds(
    lambda base, size, pts, started, above: (
        f"{base}%计满分，每{'高于' if above else '低于'}{size}{'%' if above else '个百分点'}扣{pts}分"
        + (f"，不足{size}个百分点按{size}个百分点计" if started else "") + "，扣完为止"),
    st.sampled_from(["100", "95", "90"]), st.sampled_from(["1", "2", "5", "0.5", "3"]),
    st.sampled_from(["0.5", "1", "2", "0.25", "3"]), st.booleans(), st.booleans())


@settings(max_examples=60, deadline=None)
@given(_STEP_TEXTS, st.sampled_from(["5", "10", "4"]),
       st.lists(st.integers(0, 12000), min_size=1, max_size=12), st.sampled_from([-1, 0, 1]))
def test_steps_tested_against_their_edges_score_as_counted(text: str, points: str, tenths: list[int],
                                                           nudge: int) -> None:
    try:
        rule = perfeval.compile_rule(text, points=Decimal(points))
    except perfeval.PerfevalError:
        return  # a standard this family does not read; nothing to compare
    if rule.python_source is None:
        return
    for t in tenths:
        value = Decimal(t) / 10000 + Decimal(nudge).scaleb(-12)
        assert _outcome(rule.points, value) == _outcome(lambda v: rule(v).points, value), (text, value)


def test_a_step_rule_is_tested_against_its_edges() -> None:
    rule = _RULES[0]
    source = rule.python_source or ""
    assert "_steps_" not in source and source.count("return _r") == 5  # 5, 3, 1, 0 and 100%计满分
    assert [rule.points(f"{v}%") for v in ("100", "95", "94.99", "90", "85.01", "85", "0")] == \
        [Decimal(v) for v in ("5.00", "3.00", "3.00", "1.00", "1.00", "0.00", "0.00")]


@pytest.fixture
def made(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The standards whose fast path is generated from now on, each time it is (the compile cache emptied:
    a rule compiled, and generated, by another test is not a fresh one)."""
    from perfeval.rules import rule as rule_module

    built: list[str] = []
    real = rule_module.build

    def counting(item: Any, text: str, *scoring: Any) -> Any:
        built.append(text)
        return real(item, text, *scoring)

    monkeypatch.setattr(rule_module, "build", counting)
    rule_module.clear_caches()
    return built


def test_the_fast_path_is_generated_once_even_through_a_kept_reference(made: list[str]) -> None:
    rule = perfeval.compile_rule("90%（含）以上计4分，低于90%计1分", points=4)
    kept = rule.points  # before the code exists, as map(rule.points, values) keeps it
    assert [kept(Decimal("0.95")), kept("80%"), kept(Decimal("0.9"))] == [Decimal("4.00"), Decimal("1.00"),
                                                                         Decimal("4.00")]
    assert len(made) == 1 and rule.points is not kept
    assert rule(Decimal("0.95")).points == Decimal("4.00") and len(made) == 1  # the Score's code came with it


def test_a_score_made_first_generates_the_fast_path_once(made: list[str]) -> None:
    rule = perfeval.compile_rule("90%（含）以上计4分，低于90%计1分", points=4)
    scores = [rule(v) for v in (Decimal("0.95"), "80%", 0.9)]
    assert [s.points for s in scores] == [Decimal("4.00"), Decimal("1.00"), Decimal("4.00")]
    assert [s.value for s in scores] == [Decimal("0.95"), "80%", 0.9] and scores[1].inputs == {}
    assert rule.points(Decimal("0.95")) == Decimal("4.00") and len(made) == 1


def test_a_generated_score_knows_its_veto_carried_deduction_and_clause_as_the_interpreter_does() -> None:
    """A rubric's total asks every Score for its veto and its deduction carried to the total, the audit for
    the clause that applied; a Score the generated code made answers without the interpreter, and must
    answer what the interpreter's trace says — at every edge of every compiled rule, as a Decimal and as text."""
    from perfeval.rules.run.interpret import interpret

    checked = 0
    for rule in ACCEPTED:
        texts = [f"{v * 100:f}%" for v in values_for(rule, 10)] if rule.scores_rate else []
        for value in [*values_for(rule, 40), *texts]:
            try:
                score = rule(value)
            except perfeval.PerfevalError:
                continue
            assert not hasattr(score, "_outcome")  # made by the generated code: nothing interpreted yet
            outcome = interpret(rule.item, value, {}, rule.text, [])
            said = next((s.args[1] for s in outcome.trace if s.kind == "piece" and s.args[1]), None)
            assert (score.veto, score.carried, score.clause) == (outcome.veto, outcome.carried, said)
            assert repr(score.carried) == repr(outcome.carried) and not hasattr(score, "_outcome")
            checked += 1
    assert checked > 1000


@settings(max_examples=300, deadline=None)
@given(st.data())
def test_scoring_a_hostile_decimal_sets_no_flag_of_the_callers_context(data: st.DataObject) -> None:
    """NaN, infinities, hundreds of digits, exponents beyond the limits: the generated points and Score
    refuse or score them in perfeval's own contexts, and a caller's context that traps nothing (so that a
    comparison of a NaN in it would only set a flag) is left without a flag set."""
    rule = data.draw(st.sampled_from(ACCEPTED))
    value = data.draw(st.one_of(decimals, st.sampled_from([v for v in SPECIAL if isinstance(v, Decimal)])))
    seen = []
    with decimal.localcontext(decimal.Context(prec=3, traps=[])) as ctx:
        for score in (rule.points, rule):
            try:
                seen.append(score(value))
            except perfeval.PerfevalError as exc:
                seen.append(exc.code)
        raised = [s for s, on in ctx.flags.items() if on]
    assert raised == [], f"{rule.text!r} at {value!r} set {raised} in the caller's context"
    assert seen[0] == (seen[1] if isinstance(seen[1], str) else seen[1].points)  # the same points, or refusal
