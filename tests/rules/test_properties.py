"""Properties of compiled rules: bounded, deterministic, monotone where the text says so, and the
generated fast path always agrees with the explaining interpreter."""

from __future__ import annotations

import re
from decimal import Decimal
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

import perfeval
from perfeval.rules.run.interpret import interpret

FIXTURE = Path(__file__).parent.parent / "fixtures" / "seed_standards.txt"


def _piecewise_seed_rules() -> list[perfeval.Rule]:
    rules = []
    for block in FIXTURE.read_text(encoding="utf-8").split("\n\n"):
        if not block.startswith("## ") or "kind=standard" not in block:
            continue
        head, _, body = block.partition("\n")
        m = re.search(r"分值=([\d.]+)", head)
        rule = perfeval.compile_rule(body.rstrip("\n"), points=Decimal(m.group(1)) if m else Decimal(10))
        if rule.scores_value and not rule.inputs:
            rules.append(rule)
    return rules


SEED_RULES = _piecewise_seed_rules()
rates = st.decimals(min_value=Decimal("-0.5"), max_value=Decimal("3"), places=4)


def _outcome(fn, *args):  # type: ignore[no-untyped-def]
    try:
        return fn(*args)
    except perfeval.PerfevalError as exc:
        return type(exc)


def test_there_are_numeric_seed_rules() -> None:
    assert len(SEED_RULES) >= 15


@settings(max_examples=300, deadline=None)
@given(index=st.integers(min_value=0, max_value=len(SEED_RULES) - 1), x=rates)
def test_fast_path_agrees_with_the_interpreter(index: int, x: Decimal) -> None:
    rule = SEED_RULES[index]
    fast = _outcome(rule.points, x)
    slow = _outcome(lambda v: interpret(rule.item, v, {}, rule.text, None).points, x)
    assert fast == slow


@settings(max_examples=300, deadline=None)
@given(index=st.integers(min_value=0, max_value=len(SEED_RULES) - 1), x=rates)
def test_points_are_bounded_and_rounded_once(index: int, x: Decimal) -> None:
    rule = SEED_RULES[index]
    points = _outcome(rule.points, x)
    if isinstance(points, Decimal):
        assert 0 <= points <= rule.max_points
        assert points == points.quantize(Decimal("0.01"))
        assert rule.points(x) == points  # deterministic


MONOTONE_UP = [
    ("100%计满分，每低于5%扣2分，扣完为止。", 5),
    ("满意率达90%（含）以上的得8分，80%（含）-90%得6分，70%（含）-80%得4分，60%（含）-70%得2分，60%以下不得分。", 8),
    ("完成率小于60%为不及格，不得分；大于等于60%的，按超过的比重赋分，计算公式为：得分=（实际完成率-60%）/（1-60%）×指标分值。", 10),
    ("达到或超过标准值得分，未达到90%按实际满意率/90%指标分值计算", 10),
    ("完成绩效目标100%得5分，未完成100%的同比例扣减。", 5),
]
MONOTONE_DOWN = [
    ("以100%为标准。在职人员控制率≤100%，计5分；每超过一个百分点扣0.5分，扣完为止。", 5),
    ("预算控制率 = 0，计 5 分；0-10% (含)，计 4 分；10-20% (含)，计 3 分；20-30% (含)，计 2 分；大于 30% 不得分。", 5),
    ("100% 以下 (含) 计满分，每超出 1% 扣 1 分，扣完为止。", 8),
]
positive = st.decimals(min_value=Decimal("0"), max_value=Decimal("2"), places=4)


@settings(max_examples=200, deadline=None)
@given(case=st.sampled_from(MONOTONE_UP), a=positive, b=positive)
def test_more_completion_never_scores_less(case: tuple[str, int], a: Decimal, b: Decimal) -> None:
    rule = perfeval.compile_rule(case[0], points=case[1])
    lo, hi = sorted((a, b))
    assert rule.points(lo) <= rule.points(hi)


@settings(max_examples=200, deadline=None)
@given(case=st.sampled_from(MONOTONE_DOWN), a=positive, b=positive)
def test_more_overrun_never_scores_more(case: tuple[str, int], a: Decimal, b: Decimal) -> None:
    rule = perfeval.compile_rule(case[0], points=case[1])
    lo, hi = sorted((a, b))
    assert rule.points(lo) >= rule.points(hi)


@given(steps=st.integers(min_value=0, max_value=3))
def test_step_edges_are_exact(steps: int) -> None:
    """Exactly at 100% − k×5% a whole step has just been taken; a hair above, not yet."""
    rule = perfeval.compile_rule("100%计满分，每低于5%扣2分，扣完为止。", points=10)
    edge = Decimal(1) - Decimal("0.05") * steps
    assert rule.points(edge) == 10 - 2 * steps
    assert rule.points(edge + Decimal("0.0001")) == 10 - 2 * max(steps - 1, 0)


@given(x=rates)
def test_inputs_in_every_form_agree(x: Decimal) -> None:
    rule = perfeval.compile_rule("100%计满分，每低于5%扣2分，扣完为止。", points=5)
    as_percent = f"{(x * 100).normalize():f}%"
    assert rule.points(as_percent) == rule.points(x) == rule(x).points
    assert rule.points(float(x)) == rule.points(x)


def test_no_float_enters_the_scoring_path() -> None:
    rule = perfeval.compile_rule("得分(分值×执行率)", points=10)
    score = rule(Decimal("1439.13") / Decimal("1839.1"))
    assert score.points == Decimal("7.83")  # float round(7.825, 2) would give 7.82
    for step in score.trace:
        assert not any(isinstance(a, float) for a in step.args)
    assert "float" not in (rule.python_source or "")


def _written(amount: int, in_wan: bool, unit: str) -> str:
    """``amount`` of ``unit`` as a standard writes it: in ``unit`` or in 万``unit``."""
    if not in_wan:
        return f"{amount}{unit}"
    return f"{(Decimal(amount) / 10000).normalize():f}万{unit}"


#: The shapes a scale can enter: a step from a target, band edges, linear thresholds, a bonus step.
SCALED_SHAPES = (
    "造林面积达到{a}得满分，每少{s}扣0.5分",
    "{b}以上得5分，{a}-{b}得3分，{a}以下不得分",
    "低于{a}不得分，{a}-{b}之间线性计分，{b}以上满分",
    "完成{a}得5分，每超{s}加0.5分，最多加1分",
)


@settings(max_examples=60, deadline=None)
@given(shape=st.sampled_from(SCALED_SHAPES), a=st.integers(min_value=1, max_value=300).map(lambda k: k * 100),
       gap=st.integers(min_value=1, max_value=300).map(lambda k: k * 100),
       s=st.integers(min_value=1, max_value=50).map(lambda k: k * 10),
       wan=st.tuples(st.booleans(), st.booleans(), st.booleans()),
       x=st.integers(min_value=0, max_value=70000))
def test_a_standard_in_wan_mu_or_mu_scores_the_same(shape: str, a: int, gap: int, s: int,
                                                     wan: tuple[bool, bool, bool], x: int) -> None:
    """Writing the same standard's numbers in 万亩 or in 亩 (each number either way) gives the same scores: every
    number is taken in the standard's first unit, exactly (PE270), and the value is converted to it."""
    b = a + gap
    plain = shape.format(a=f"{a}亩", b=f"{b}亩", s=f"{s}亩")
    mixed = shape.format(a=_written(a, wan[0], "亩"), b=_written(b, wan[1], "亩"), s=_written(s, wan[2], "亩"))
    one, other = perfeval.compile_rule(plain, points=5), perfeval.compile_rule(mixed, points=5)
    value = f"{x}亩"
    assert _outcome(lambda v: one(v).points, value) == _outcome(lambda v: other(v).points, value), mixed
    assert _outcome(one.points, value) == _outcome(other.points, value), mixed
