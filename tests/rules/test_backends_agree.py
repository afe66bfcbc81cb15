"""The backends of every compiled rule agree, on every kind of input, whatever the caller's decimal context.

A compiled rule scores in two ways: the generated fast path (``rule.points``, Python source in
``rule.python_source``) and the explaining interpreter (:func:`perfeval.rules.run.interpret.interpret`),
which ``Score.trace`` re-runs. They must give the same points, or fail the same way: the same exception
type and the same ``code`` (an :class:`~perfeval.errors.InputError`, which has no code: the same type and
message). Only a PerfevalError counts as failing the same way: anything else (a TypeError, a
MemoryError, a RecursionError) escapes and fails the test, so that a crash is never taken for a refusal. A
Score's trace and explanation must build for every value it scored. And a hostile caller
context (3 digits, ROUND_FLOOR, Inexact trapped) must change nothing at all.

The rules are every standard of the fixtures (tests/fixtures/rules/*.txt, the ``kind=standard`` blocks of
seed_standards.txt, the corpus), every 标准 of the shipped rubrics, and sentences generated from the grammar.
"""

from __future__ import annotations

import decimal
import json
import re
from collections.abc import Iterator
from contextlib import contextmanager
from decimal import Decimal
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import perfeval
from perfeval.errors import PerfevalError
from perfeval.rules.errors import JudgementError
from perfeval.rules.run.interpret import interpret
from perfeval.testing import edge_points, rule_texts
from tests.rules.test_cases import literal

FIXTURES = Path(__file__).parent.parent / "fixtures"

#: What one backend made of one value: ("points", type, digits), ("judge", allowed), ("error", type, code).
Result = tuple[Any, ...]
#: Each backend's result for one value: "fast" (None for an interpreted rule), "interpret", "score", and
#: "explanation" (the Score's explanation in Chinese and English, or None when there is no Score).
Results = dict[str, Any]


# ── the rules ────────────────────────────────────────────────────────────────────────────────


class Entry:
    """A compiled rule, where it came from, the values at its edges, and the inputs its fixture gives."""

    __slots__ = ("edges", "origin", "own", "rule")

    def __init__(self, origin: str, rule: perfeval.Rule, own: tuple[Any, ...] = ()) -> None:
        self.origin = origin
        self.rule = rule
        self.edges: tuple[Decimal, ...] = tuple(sorted(edge_points(rule)))
        self.own = own

    def __repr__(self) -> str:
        return f"<{self.origin}: {self.rule.text!r} 分值={self.rule.max_points}>"


Source = tuple[str, str, Decimal, list[Any]]  # origin, standard, 分值, the inputs the fixture gives


def _rule_cases() -> Iterator[Source]:
    """The standards of the family fixtures (tests/fixtures/rules/*.txt), with the inputs each gives."""
    from tests.rules.test_cases import read_fixture

    grouped: dict[tuple[str, Decimal], tuple[str, list[Any]]] = {}
    for path in sorted((FIXTURES / "rules").glob("*.txt")):
        for c in read_fixture(path):
            if c.grades or c.want.startswith(("refuse ", "reads ")):
                continue
            origin, inputs = grouped.setdefault((c.standard, c.points), (f"rules/{c.family}:{c.line}", []))
            inputs.append(literal(c.given))
    for (standard, points), (origin, inputs) in grouped.items():
        yield origin, standard, points, inputs


def _seed_standards() -> Iterator[Source]:
    for block in (FIXTURES / "seed_standards.txt").read_text(encoding="utf-8").split("\n\n"):
        if not block.startswith("## "):
            continue
        head, _, body = block.partition("\n")
        if "kind=standard" not in head:
            continue
        m = re.search(r"分值=([^|]+)", head)
        worth = m.group(1).strip() if m else "?"
        yield f"seed {head[3:].split(' |')[0]}", body.rstrip("\n"), Decimal(10 if worth == "?" else worth), []


def _corpus() -> Iterator[Source]:
    lines = (FIXTURES / "corpus" / "standards.jsonl").read_text(encoding="utf-8").splitlines()
    for number, line in enumerate(lines, 1):
        if line.strip():
            record = json.loads(line)
            own = [case["input"] for case in record.get("cases", ()) if "input" in case]
            yield (f"corpus {record.get('id', number)}", record["standard"], Decimal(str(record["points"])),
                   own)


def _rubrics() -> Iterator[perfeval.Rule]:
    for path in perfeval.rubric.shipped().values():
        for indicator in perfeval.load(path):
            if indicator.rule is not None:
                yield indicator.rule


def _entries() -> list[Entry]:
    out: dict[tuple[str, Decimal, Decimal], Entry] = {}
    for origin, text, points, own in [*_rule_cases(), *_seed_standards(), *_corpus()]:
        try:
            rule = perfeval.compile_rule(text, points=points)
        except PerfevalError:
            continue
        key = (rule.text, rule.max_points, rule.precision)
        known = out.get(key)
        out[key] = Entry(known.origin if known else origin, rule, tuple(own) + (known.own if known else ()))
    for rule in _rubrics():
        out.setdefault((rule.text, rule.max_points, rule.precision), Entry("rubric", rule))
    return list(out.values())


ENTRIES = _entries()
COMPILED = [e for e in ENTRIES if e.rule.python_source is not None]


# ── the inputs ───────────────────────────────────────────────────────────────────────────────

_Q = perfeval.quantity

#: Values of every kind a caller may hold, the awkward ones above all.
SPECIAL: tuple[Any, ...] = (
    None, True, False, 0, 1, -1, 3, 100, 10**40, -(10**40), 10**99, 10**100, 10**200,
    0.93, 0.1 + 0.2, -0.0, 1e300, -1e300, 5e-324, float("nan"), float("inf"), float("-inf"),
    Decimal("0.93"), Decimal("1"), Decimal("0"), Decimal("-0"), Decimal("-0.00"), Decimal("1.0000"),
    Decimal("0.85" + "0" * 57 + "1"), Decimal("0.9" + "9" * 40), Decimal("1." + "0" * 40 + "1"),
    Decimal("1E+200"), Decimal("1E-150"), Decimal("-1E+200"), Decimal("1E+100"), Decimal("1E-100"),
    Decimal("1E+101"), Decimal("1E-101"), Decimal("9" * 100), Decimal("9" * 101), Decimal("1." + "0" * 100),
    Decimal("0E+200"), Decimal("-0E-300"), Decimal("0E-150"), Decimal("3E+2"), Decimal("0.5E+1"),
    # beyond the limits: scored where the standard only compares the value, refused where it computes with it
    Decimal("0." + "9" * 150), Decimal("1" * 150), Decimal("1E-200"), Decimal("-1E-200"), Decimal("1E+999999999"),
    Decimal("-7E-999999999"), Decimal("3." + "0" * 150), Decimal("0E+999999999"),
    Decimal("NaN"), Decimal("-NaN"), Decimal("sNaN"), Decimal("NaN123"), Decimal("Infinity"), Decimal("-Infinity"),
    "93%", "93", " 93 % ", "九十%", "abc", "", "  ", "100%", "0%", "-5%", "120%", "93.21%", "89.99%", "6.3‰",
    "5个百分点", "１００％", "九十", "1e5", "nan", "inf", "是", "否", "3次", "3.5", "①", "96万元", "20.01万元",
    "60公顷", _Q("96万元"), _Q("93%"), _Q("3个"), _Q("5天"), _Q("60公顷"), _Q("200100元"),
    ["①", "③"], ["①"], ["②"], [], ("①",), [True, False], [True, True, True], [1, 2], [None], ["abc"],
    frozenset({"①"}), {"①": True}, {}, object(),
)

_DIGITS = st.lists(st.integers(min_value=0, max_value=9), min_size=1, max_size=120)

decimals: st.SearchStrategy[Decimal] = st.one_of(
    st.decimals(allow_nan=True, allow_infinity=True),
    st.decimals(min_value=Decimal("-0.5"), max_value=Decimal("3"), places=36),
    st.builds(lambda sign, digits, exp: Decimal((sign, tuple(digits), exp)),
              st.integers(min_value=0, max_value=1), _DIGITS, st.integers(min_value=-320, max_value=320)),
)
numbers: st.SearchStrategy[Any] = st.one_of(
    st.integers(min_value=-5, max_value=200),
    st.integers(min_value=-(10**250), max_value=10**250),
    st.floats(),
    st.floats(min_value=-0.5, max_value=3),
)
_SUFFIXES = st.sampled_from(["", "%", " %", "‰", "个百分点", "万元", "元", "个", "次", "天", "分", "亩"])
texts: st.SearchStrategy[str] = st.one_of(
    st.builds(lambda d, s: f"{d}{s}", st.decimals(min_value=Decimal(-10), max_value=Decimal(300), places=4),
              _SUFFIXES),
    st.text(alphabet="0123456789.%‰-+ eE九十百万元个次①②③是否％０１２", max_size=8),
)
lists: st.SearchStrategy[list[Any]] = st.lists(
    st.sampled_from(["①", "②", "③", "④", "⑤", "1", 1, 2, 3, 0, True, False, None, "abc"]), max_size=5)

generic: st.SearchStrategy[Any] = st.one_of(st.sampled_from(SPECIAL), decimals, numbers, texts, lists)

_WIDE = decimal.Context(prec=200)


def forms(edge: Decimal, rate: bool) -> list[Any]:
    """An edge value as a caller may hold it: the Decimal, its text (a percentage for a rate), a float."""
    out: list[Any] = [edge, str(edge), float(edge)]
    if rate:
        out.append(f"{edge.scaleb(2, _WIDE).normalize(_WIDE):f}%")
    return out


def values_for(entry: Entry) -> st.SearchStrategy[Any]:
    """Any value, values at the rule's edges (in every form), and the inputs its fixture gives."""
    edges = [f for e in entry.edges for f in forms(e, entry.rule.scores_rate)]
    choices: list[st.SearchStrategy[Any]] = [generic, generic]
    if edges:
        choices.append(st.sampled_from(edges))
    if entry.own:
        choices.append(st.sampled_from(entry.own))
    return st.one_of(*choices)


@st.composite
def rule_and_value(draw: st.DrawFn, entries: list[Entry]) -> tuple[Entry, Any]:
    entry = draw(st.sampled_from(entries))
    return entry, draw(values_for(entry))


# ── running the backends ─────────────────────────────────────────────────────────────────────


def _failed(exc: PerfevalError) -> Result:
    code = getattr(exc, "code", None)
    if code is not None:
        return ("error", type(exc).__name__, code)
    # An InputError (or anything else without a code) is known by its type and its message.
    return ("error", type(exc).__name__, str(exc))


def _points(p: Any) -> Result:
    return ("points", type(p).__name__, str(p))


def fast(rule: perfeval.Rule, value: Any) -> Result:
    """(a) the generated fast path: ``rule.points(value)``."""
    try:
        p = rule.points(value)
    except JudgementError as exc:
        return ("judge",) if exc.code == "needs_judgement" else _failed(exc)
    except PerfevalError as exc:
        return _failed(exc)
    return _points(p)


def explained(rule: perfeval.Rule, value: Any) -> Result:
    """(b) the interpreter, without a trace."""
    try:
        out = interpret(rule.item, value, {}, rule.text, None)
    except PerfevalError as exc:
        return _failed(exc)
    if out.points is None:
        return ("judge", None if out.allowed is None else tuple(str(a) for a in out.allowed))
    return _points(out.points)


def scored(rule: perfeval.Rule, value: Any) -> tuple[Result, tuple[str, str] | None]:
    """(c) the Score of ``rule(value)`` with its trace built (which re-runs the interpreter), and its
    explanation."""
    try:
        score = rule(value)
    except PerfevalError as exc:
        return _failed(exc), None
    try:
        trace = score.trace
        allowed = score.allowed
        explanation = (score.explain(), score.explain("en"))
    except PerfevalError as exc:
        # internal_disagree, or any error the trace or the explanation meets where the Score has points
        return ("trace failed", *_failed(exc), getattr(exc, "params", None), _points(score.points)), None
    assert isinstance(trace, tuple)
    if score.points is None:
        return ("judge", None if allowed is None else tuple(str(a) for a in allowed)), explanation
    return _points(score.points), explanation


def _judgement(result: Result) -> Result:
    """The interpreter's 'needs judgement' is what the fast path's JudgementError says."""
    return ("judge",) if result[0] == "judge" else result


def run_all(rule: perfeval.Rule, value: Any) -> Results:
    score, explanation = scored(rule, value)
    return {"fast": fast(rule, value) if rule.python_source is not None else None,
            "interpret": explained(rule, value), "score": score, "explanation": explanation}


@contextmanager
def hostile() -> Iterator[None]:
    """A caller's decimal context that would change any arithmetic done in it."""
    with decimal.localcontext() as ctx:
        ctx.prec = 3
        ctx.rounding = decimal.ROUND_FLOOR
        ctx.traps[decimal.Inexact] = True
        yield


def _kind(result: Any) -> Any:
    """What a result is, without its digits or messages: points, judge, or the error's type (and code)."""
    if not isinstance(result, tuple):
        return result is not None
    return result[:1] if result[0] in ("points", "judge") else result[:3] if result[0] == "trace failed" else \
        result[:2]


class Disagreement(AssertionError):
    """Two backends (or two decimal contexts) gave different results for one value."""

    def __init__(self, what: str, rule: perfeval.Rule, value: Any, results: Results, changed: Results | None = None):
        shown = {k: v for k, v in results.items() if k != "explanation"}
        extra = f"; under it: {changed}" if changed is not None else ""
        super().__init__(f"{what}: {rule.text!r} 分值={rule.max_points} at {value!r}: {shown}{extra}")
        self.what = what
        self.signature = (what, type(value).__name__, tuple((k, _kind(v)) for k, v in sorted(shown.items())),
                          None if changed is None else tuple((k, _kind(v)) for k, v in sorted(changed.items())))


def check(rule: perfeval.Rule, value: Any) -> None:
    """The backends agree on ``value``, and a hostile caller context changes none of their results."""
    results = run_all(rule, value)
    if results["score"][0] == "trace failed":
        raise Disagreement("the Score's trace or explanation fails", rule, value, results)
    if results["score"] != results["interpret"]:
        raise Disagreement("Score and interpreter disagree", rule, value, results)
    if results["fast"] is not None and results["fast"] != _judgement(results["interpret"]):
        raise Disagreement("fast path and interpreter disagree", rule, value, results)
    with hostile():
        under = run_all(rule, value)
    changed = {k: v for k, v in under.items() if v != results[k]}
    if changed:
        raise Disagreement("a caller context of prec=3, ROUND_FLOOR, Inexact trapped changes the result", rule,
                           value, results, changed)


# ── the properties ───────────────────────────────────────────────────────────────────────────

_FEW = settings(deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow])


def test_there_are_rules_of_every_origin() -> None:
    origins = {e.origin.split(" ")[0].split(":")[0].split("/")[0] for e in ENTRIES}
    assert {"rules", "seed", "corpus", "rubric"} <= origins
    assert len(COMPILED) >= 30 and len(ENTRIES) - len(COMPILED) >= 30


@settings(_FEW, max_examples=800)
@given(rule_and_value(COMPILED))
def test_fast_path_interpreter_and_score_agree(case: tuple[Entry, Any]) -> None:
    check(case[0].rule, case[1])


@settings(_FEW, max_examples=600)
@given(rule_and_value(ENTRIES))
def test_every_rule_scores_what_it_explains(case: tuple[Entry, Any]) -> None:
    check(case[0].rule, case[1])


@settings(_FEW, max_examples=150, suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])
@given(text=rule_texts(), data=st.data())
def test_generated_standards_agree(text: str, data: st.DataObject) -> None:
    try:
        rule = perfeval.compile_rule(text, points=10)
    except PerfevalError:
        return
    check(rule, data.draw(values_for(Entry("generated", rule)), label="value"))


def test_every_rule_agrees_on_every_awkward_value() -> None:
    """Not a sample: every rule, every value of SPECIAL, every input its fixture gives, every edge."""
    failures: dict[tuple[Any, ...], list[str]] = {}
    for entry in ENTRIES:
        values = [*SPECIAL, *entry.own, *(f for e in entry.edges for f in forms(e, entry.rule.scores_rate))]
        for value in values:
            try:
                check(entry.rule, value)
            except Disagreement as exc:
                failures.setdefault(exc.signature, []).append(f"{entry.origin}: {exc}")
    shown = "\n".join(f"- {len(found)}× {found[0][:600]}" for found in failures.values())
    assert not failures, f"{sum(map(len, failures.values()))} disagreements, {len(failures)} kinds:\n{shown}"


# ── regressions the issue asks for ───────────────────────────────────────────────────────────


def test_at_least_the_standard_value_is_not_full_marks_below_the_bands() -> None:
    """"不少于标准值得满分；60%（含）-80%得3分" must not give 50% full marks: nothing covers (−∞, 60%).

    标准值 is the target, a value the rule needs beside the rate; the 60%–80% band is a band of the rate
    itself. Refusing the standard (both clauses claim [60%, 80%]) is right; so is answering 50% with no
    band or a missing input. Full marks at 50% is not.
    """
    text = "不少于标准值得满分；60%（含）-80%得3分"
    try:
        rule = perfeval.compile_rule(text, points=5)
    except perfeval.RuleError as refused:
        assert refused.code == "rules_overlap", refused.code
        return
    for value in ("50%", Decimal("0.5"), 0.5):
        check(rule, value)
        try:
            points = rule(value).points
        except PerfevalError:
            continue
        assert points != 5, f"{text} gives full marks at {value!r}"
    inputs: dict[str, Any]
    for inputs in ({"实际值": "50%", "目标值": "100%"}, {"实际值": "50%"}):
        try:
            points = rule(**inputs).points
        except PerfevalError:
            continue
        assert points != 5, f"{text} gives full marks for {inputs}"


_STEPS = "100%计满分，每低于5%扣2分，扣完为止"
_JUST_ABOVE_85 = Decimal("0.85" + "0" * 57 + "1")


def _explanation_agrees(text: str, value: Decimal) -> None:
    """What the explanation shows is what was computed: the value read, and the steps counted from it."""
    for approx, digits in re.findall(r"(?:取值|value) (≈?)(-?[\d.]+)%", text):
        if not approx:
            assert Decimal(digits).scaleb(-2, _WIDE) == value, f"it shows {digits}% for {value}:\n{text}"
    for approx, distance, size, n in re.findall(r"(≈?)(-?[\d.]+) ÷ (-?[\d.]+) → (\d+)", text):
        if not approx:
            whole = _WIDE.divide_int(Decimal(distance), Decimal(size))
            assert whole == Decimal(n), f"it says {distance} ÷ {size} → {n} (whole steps):\n{text}"


def test_a_hair_above_85_percent_is_two_steps_below_100() -> None:
    """1 − 0.85000…01 (60 digits) is a hair under 0.15: two whole steps of 5%, so 10 − 2 × 2 = 6.00."""
    rule = perfeval.compile_rule(_STEPS, points=10)

    def observed() -> tuple[Any, ...]:
        score = rule(_JUST_ABOVE_85)
        outcome = interpret(rule.item, _JUST_ABOVE_85, {}, rule.text, [])
        steps = [s.args for s in score.trace if s.kind == "steps"]
        return (str(rule.points(_JUST_ABOVE_85)), str(score.points), str(outcome.points), steps,
                score.explain(), score.explain("en"))

    fast_points, score_points, interpreted, steps, zh, en = seen = observed()
    assert fast_points == score_points == interpreted == "6.00"
    deficit = _WIDE.subtract(Decimal(1), _JUST_ABOVE_85)  # exactly 0.1499…9, 60 digits
    assert steps == [(deficit, Decimal("0.05"), "whole", Decimal(2))]
    for text in (zh, en):
        assert "6.00" in text
        _explanation_agrees(text, _JUST_ABOVE_85)
    with decimal.localcontext() as ctx:
        ctx.prec = 3
        assert observed() == seen
    with hostile():
        assert observed() == seen

