"""Fuzz: mutated real standards and rubrics, scored with values of every kind under hostile decimal contexts.

The standards are those of the fixtures, the seeds, the corpus and the shipped rubrics
(``tests.rules.test_backends_agree.ENTRIES``), mutated: spans deleted, duplicated, swapped or cut, words of
the rule language and hostile numbers inserted, numbers replaced. Properties, for every input:

- only a PerfevalError escapes (compiling, scoring, explaining);
- points lie within the rule's own allowed range (``rule.allowed_points()``: its floor up to 分值 + bonus cap);
- the fast path, the interpreter and the explanation agree (``tests.rules.test_backends_agree.check``);
- the caller's decimal context — any precision, rounding, traps, exponent range — changes nothing.

The duration is set by ``PERFEVAL_FUZZ_SECONDS`` (tests/fuzz/budget.py).
"""

from __future__ import annotations

import decimal
import re
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from decimal import Decimal
from pathlib import Path
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

import perfeval
from perfeval.errors import PerfevalError
from tests.rules.test_backends_agree import ENTRIES, check, generic, values_for

from .budget import fuzz_settings

ROOT = Path(__file__).resolve().parents[2]

#: Words of the rule language and numbers no table should hold: what a mutation inserts.
WORDS = ["扣完为止", "不足5%按5%计", "每低于", "每超过", "计满分", "得满分", "得", "扣", "加", "分", "以上", "以下",
         "（含）", "，", "；", "。", "\n", "、", "①", "②", "③", "最多扣", "最多加", "倒扣", "不得分", "否则", "得分=",
         "×", "/", "+", "-", "—", "(", ")", "%", "‰", "个百分点", "万元", "\ufeff", "\u200b", "\x00", "\u202e",
         "$\\leq$", "的", "酌情", "1.", "2、", "一票否决", "按满分计算", "不超过", "至", "~"]
NUMBERS = ["9" * 60, "0." + "0" * 60 + "1", "1E+400", "1e-400", "NaN", "Infinity", "-0", "１００", "九十九",
           "1" * 101, "0.5E+1", "∞", "10**48", "1" * 30, "4.99999999999999999999", "00000.0", "１．５", "."]
_NUMBER = re.compile(r"\d+(?:\.\d+)?")
OPERATIONS = ("delete", "duplicate", "insert", "number", "swap", "truncate")


@st.composite
def mutated_standards(draw: st.DrawFn) -> tuple[str, Any, Any]:
    """(standard, 分值, a value for it): a real standard after one to four mutations."""
    entry = draw(st.sampled_from(ENTRIES))
    text = entry.rule.text
    for _ in range(draw(st.integers(min_value=1, max_value=4))):
        op = draw(st.sampled_from(OPERATIONS))
        i = draw(st.integers(min_value=0, max_value=len(text)))
        j = draw(st.integers(min_value=i, max_value=min(len(text), i + 40)))
        if op == "delete":
            text = text[:i] + text[j:]
        elif op == "duplicate":
            text = text[:j] + text[i:j] * draw(st.integers(min_value=1, max_value=40)) + text[j:]
        elif op == "insert":
            text = text[:i] + draw(st.sampled_from(WORDS + NUMBERS)) + text[i:]
        elif op == "number":
            found = list(_NUMBER.finditer(text))
            if found:
                m = draw(st.sampled_from(found))
                text = text[: m.start()] + draw(st.sampled_from(NUMBERS)) + text[m.end():]
        elif op == "swap":
            text = text[i:j] + text[:i] + text[j:]
        else:
            text = text[:i]
    points = draw(st.sampled_from([entry.rule.max_points, 0, 1, 5, Decimal("0.5"), 100, 10**29, "6", 2.5]))
    return text, points, draw(values_for(entry))


_ROUNDINGS = [decimal.ROUND_UP, decimal.ROUND_DOWN, decimal.ROUND_CEILING, decimal.ROUND_FLOOR,
              decimal.ROUND_HALF_UP, decimal.ROUND_HALF_DOWN, decimal.ROUND_HALF_EVEN, decimal.ROUND_05UP]
_SIGNALS = [decimal.Inexact, decimal.Rounded, decimal.Underflow, decimal.Subnormal, decimal.Clamped,
            decimal.FloatOperation, decimal.Overflow, decimal.DivisionByZero, decimal.InvalidOperation]


def _context(prec: int, rounding: str, traps: list[type[decimal.DecimalException]], emax: int, clamp: int) -> decimal.Context:
    return decimal.Context(prec=prec, rounding=rounding, traps=traps, Emax=emax, Emin=-emax, clamp=clamp,
                           capitals=clamp)


#: A caller's decimal context that would change any arithmetic done in it.
contexts = st.builds(_context, st.sampled_from([1, 2, 3, 6, 28, 400]), st.sampled_from(_ROUNDINGS),
                     st.lists(st.sampled_from(_SIGNALS), unique=True), st.sampled_from([5, 20, 999_999]),
                     st.sampled_from([0, 1]))


@contextmanager
def caller(ctx: decimal.Context) -> Iterator[None]:
    with decimal.localcontext(ctx):
        yield


def outcome(fn: Callable[[], Any]) -> tuple[Any, ...]:
    """What ``fn()`` gave: ("ok", its text) or ("error", type, code) — for a PerfevalError only; anything
    else escapes (and fails the test)."""
    try:
        return ("ok", repr(fn()))
    except PerfevalError as exc:
        return ("error", type(exc).__name__, exc.code or exc.message)


def score_all(rule: perfeval.Rule, value: Any) -> tuple[Any, ...]:
    """The fast path's points, the Score's points and both explanations (only PerfevalError may escape)."""
    def scored() -> tuple[Any, ...]:
        score = rule(value)
        return score.points, score.allowed, score.explain(), score.explain("en")

    return outcome(lambda: rule.points(value)), outcome(scored)


def within_bounds(rule: perfeval.Rule, value: Any) -> None:
    try:
        points = rule(value).points
    except PerfevalError:
        return
    if points is None:
        return
    allowed = rule.allowed_points()
    wide = decimal.Context(prec=200)  # 分值 of 30 digits ± 0.01 is exact only beyond the default 28 digits
    low = wide.subtract(min(lo for lo, _ in allowed), rule.precision)
    high = wide.add(max(hi for _, hi in allowed), rule.precision)
    assert low <= points <= high, f"{rule.text!r} 分值={rule.max_points} at {value!r}: {points} outside {allowed}"


def compiled(text: str, points: Any) -> tuple[perfeval.Rule | None, tuple[Any, ...]]:
    try:
        return perfeval.compile_rule(text, points=points), ("ok",)
    except PerfevalError as exc:
        return None, ("error", type(exc).__name__, exc.code)


@fuzz_settings(per_second=72, share=0.35)
@given(case=mutated_standards(), more=st.lists(generic, max_size=3), ctx=contexts)
def test_mutated_standards_only_raise_perfeval_errors_and_agree(case: tuple[str, Any, Any], more: list[Any],
                                                                ctx: decimal.Context) -> None:
    text, points, value = case
    rule, how = compiled(text, points)
    with caller(ctx):
        perfeval.rules.rule.clear_caches(shapes=False)
        again, how_there = compiled(text, points)
    assert how == how_there, f"{text!r}: compiled {how} here, {how_there} in the caller's context"
    if rule is None or again is None:
        return
    for v in [value, *more]:
        here = score_all(rule, v)
        with caller(ctx):
            there, baked = score_all(rule, v), score_all(again, v)
        assert here == there == baked, f"{text!r} at {v!r}: {here} ≠ {there} (context) or {baked} (compiled there)"
        within_bounds(rule, v)
        check(rule, v)


RUBRICS = [*sorted((ROOT / "perfeval" / "data" / "rubrics").glob("*.rules")), ROOT / "examples" / "field-families.rules"]
RUBRIC_TEXTS = [p.read_text(encoding="utf-8") for p in RUBRICS]
RUBRIC_LINES = ["  例：93% → 3分", "  例：a=1, b → 5分", "  例：空 → 待评 1.2.3–4分", "  例：93% → sNaN分", "  例：x% → 5分",
                "  例：" + "9" * 70 + "% → 1分", "三级指标 x " + "9" * 40 + "分", "满分 1E+400", "精度 1E-60",
                "\ufeff评价体系 y", "  标准：扣完为止", "  标准：" + "甲、" * 480, "等级 " + "9" * 61 + "分（含）以上为优",
                "  公式：率 = 实际 / 计划 × 100%", "\t标准：100%计满分", "一级指标 z 0分", "三级指标 w -5分", "\r"]


@st.composite
def mutated_rubrics(draw: st.DrawFn) -> str:
    lines = draw(st.sampled_from(RUBRIC_TEXTS)).split("\n")
    for _ in range(draw(st.integers(min_value=1, max_value=5))):
        i = draw(st.integers(min_value=0, max_value=len(lines)))
        op = draw(st.sampled_from(["delete", "duplicate", "insert", "number"]))
        if op == "delete" and i < len(lines):
            del lines[i]
        elif op == "duplicate" and i < len(lines):
            lines[i:i] = [lines[i]] * draw(st.integers(min_value=1, max_value=20))
        elif op == "insert":
            lines.insert(i, draw(st.sampled_from(RUBRIC_LINES)))
        elif i < len(lines):
            lines[i] = _NUMBER.sub(lambda _: draw(st.sampled_from(NUMBERS)), lines[i], count=1)
    return "\n".join(lines)


@fuzz_settings(per_second=100, share=0.15)
@given(text=mutated_rubrics(), ctx=contexts)
def test_mutated_rubrics_load_and_check_or_raise_perfeval_errors(text: str, ctx: decimal.Context) -> None:
    def loaded() -> tuple[Any, ...]:
        rubric = perfeval.loads(text, "fuzz.rules")
        return tuple(d.code for d in rubric.check()), rubric.total, len(rubric.indicators)

    here = outcome(loaded)
    with caller(ctx):
        there = outcome(loaded)
    assert here == there
