"""Hypothesis strategies and ready property checks for testing rubrics (install ``perfeval[testing]``).

>>> from hypothesis import given
>>> import perfeval
>>> from perfeval.testing import edge_values
>>> rule = perfeval.compile_rule("90%（含）以上计6分；低于90%计0分", points=6)
>>> sorted(edge_points(rule))[:3]
[Decimal('0.8999'), Decimal('0.9'), Decimal('0.9001')]

A user's own test file using these is in docs/testing.md (and runs in CI).
"""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal
from typing import TYPE_CHECKING, Any

try:
    from hypothesis import HealthCheck, given, settings
    from hypothesis import strategies as st
except ModuleNotFoundError as exc:  # the extra is optional: say how to get it, not a bare "No module named"
    if not (exc.name or "").startswith("hypothesis"):
        raise
    raise ModuleNotFoundError(
        "perfeval.testing 需要 Hypothesis，请安装 perfeval[testing]：pip install 'perfeval[testing]'"
        " (perfeval.testing needs Hypothesis: pip install 'perfeval[testing]')",
        name=exc.name,
    ) from exc

from .errors import PerfevalError
from .model import Department, Funds, Indicator, Project
from .quantities import quantity
from .rules import Rule
from .rules.meaning import ir
from .rules.syntax.parser import grammar, parse
from .rules.vocabulary import TOKEN_KINDS
from .targets import Target, target

if TYPE_CHECKING:
    from .units import Quantity

__all__ = [
    "amounts", "check_bounded", "check_covers", "check_monotone", "departments", "edge_points", "edge_values",
    "indicators", "projects", "quantities", "rates", "rubric_texts", "rule_texts", "targets", "token_strategies",
]

#: A hair, at the resolution tables publish (0.01%).
HAIR = Decimal("0.0001")

_UNITS = ("个", "处", "份", "万元", "元", "亩", "公顷", "人", "次", "%")


def rates(low: str = "-0.5", high: str = "2", places: int = 4) -> st.SearchStrategy[Decimal]:
    """Rates as exact Decimals (0.95 is 95%)."""
    return st.decimals(min_value=Decimal(low), max_value=Decimal(high), places=places)


def amounts(places: int = 2, high: str = "100000") -> st.SearchStrategy[Decimal]:
    """Non-negative amounts (万元, counts …) as exact Decimals."""
    return st.decimals(min_value=Decimal(0), max_value=Decimal(high), places=places)


def quantities(units: Iterable[str] = _UNITS) -> st.SearchStrategy[Quantity]:
    """pint Quantities with Decimal magnitudes, as perfeval reads them from text ("519.84万亩")."""
    return st.builds(lambda v, u: quantity(f"{v}{u}"), amounts(), st.sampled_from(tuple(units)))


def targets() -> st.SearchStrategy[Target]:
    """年度指标值 cells: a comparator and a quantity, or 定性 text."""
    numeric = st.builds(lambda c, v, u: target(f"{c}{v}{u}"), st.sampled_from(["≥", "≤", ">", "<", "=", ""]),
                        amounts(), st.sampled_from(_UNITS))
    words = st.sampled_from(["及时", "有效", "符合国家相关规范和技术标准", "明显提升"]).map(target)
    return st.one_of(numeric, words)


def indicators(points: st.SearchStrategy[Decimal] | None = None) -> st.SearchStrategy[Indicator]:
    """Indicators with a quantitative target, an actual value, and a reported 得分 within 分值."""
    pts = points or st.integers(min_value=1, max_value=20).map(Decimal)

    @st.composite
    def build(draw: Any) -> Indicator:
        p = draw(pts)
        unit = draw(st.sampled_from(("个", "处", "%", "万元")))
        t = draw(amounts(high="1000").filter(lambda v: v > 0))
        a = draw(amounts(high="2000"))
        reported = draw(st.decimals(min_value=Decimal(0), max_value=p, places=2))
        return Indicator(name=draw(st.sampled_from(("完成率", "数量", "满意度", "及时率"))), points=p,
                         level1="产出指标", level2="数量指标", target_text=f"≥{t}", actual_text=str(a),
                         unit=unit, reported=reported)

    return build()


def _funds() -> st.SearchStrategy[Funds]:
    return st.builds(lambda b, s: Funds(initial=b, budget=b, spent=min(s, b), points=Decimal(10)),
                     amounts().filter(lambda v: v > 0), amounts())


def projects() -> st.SearchStrategy[Project]:
    """Project self-evaluations with funds and a few indicators."""
    return st.builds(lambda f, inds: Project(name="项目", year=2023, rubric="项目支出绩效自评表", funds=f,
                                             indicators=inds),
                     _funds(), st.lists(indicators(), max_size=5))


def departments() -> st.SearchStrategy[Department]:
    """Department self-evaluations with funds and a few indicators."""
    return st.builds(lambda f, inds: Department(name="部门", year=2023, rubric="部门整体支出绩效自评表", funds=f,
                                                indicators=inds),
                     _funds(), st.lists(indicators(), max_size=5))


def edge_points(rule: Rule) -> set[Decimal]:
    """Every band edge and step edge of ``rule``, and a hair either side of each.

    Read from what the rule computes (:attr:`Rule.item`): the ends of every band of every stream, and
    the first five steps from each reference a step counts from.
    """
    edges: set[Decimal] = set()
    for stream in rule.item.streams:
        for p in stream.fn.pieces:
            edges.update(v for v in (p.interval.lo, p.interval.hi) if v is not None)
            edges.update(_step_edges(p.expr))
    return {e + d for e in edges for d in (-HAIR, Decimal(0), HAIR)}


def _step_edges(e: ir.Expr) -> set[Decimal]:
    if isinstance(e, ir.Steps):
        # The distance is measured from constants of the standard (1 − x: from 100%); steps of ``size``
        # either side of each are where the points change.
        refs = _constants(e.distance) or {Decimal(0)}
        return {r + sign * e.size * k for r in refs for k in range(1, 6) for sign in (-1, 1)}
    if isinstance(e, ir.Op | ir.Min):
        return _step_edges(e.left) | _step_edges(e.right)
    if isinstance(e, ir.Abs):
        return _step_edges(e.arg)
    return set()


def _constants(e: ir.Expr) -> set[Decimal]:
    if isinstance(e, ir.Const):
        return {e.value}
    if isinstance(e, ir.Op | ir.Min):
        return _constants(e.left) | _constants(e.right)
    if isinstance(e, ir.Abs):
        return _constants(e.arg)
    return set()


def edge_values(rule: Rule, low: str = "-0.5", high: str = "2") -> st.SearchStrategy[Decimal]:
    """Values concentrated on ``rule``'s band and step edges, mixed with values anywhere in [low, high]."""
    edges = sorted(edge_points(rule))
    if not edges:
        return rates(low, high)
    return st.one_of(st.sampled_from(edges), rates(low, high))


# ── generated standards ──────────────────────────────────────────────────────────────────

# More than the one sample the vocabulary gives, where variety finds more: numbers, rates, points, words.
_VARIETY: dict[str, tuple[str, ...]] = {
    "TEXT": ("完成目标", "满意率", "项目资金", "管理制度健全", "按时报送"),
    "NUM": ("1", "2", "10", "60"),
    "PCT": ("5%", "60%", "80%", "90%", "100%", "一个百分点"),
    "SCORE": ("2分", "4分", "0.5分", "6分"),
    "CMP": ("低于", "超过", "≥", "≤", "大于等于", "小于"),
    "SEP": ("；", "，", "。"),
}


def token_strategies() -> dict[str, st.SearchStrategy[str]]:
    """A strategy for every token kind of the grammar, from the vocabulary table's samples.

    >>> sorted(token_strategies())[:2]
    ['ADJUSTMENTS', 'AND']
    """
    return {name: st.sampled_from(_VARIETY.get(name, (kind.sample,))) for name, kind in TOKEN_KINDS.items()}


def _reads(text: str) -> bool:
    try:
        parse(text)
    except PerfevalError:
        return False
    return True


def rule_texts() -> st.SearchStrategy[str]:
    """Sentences generated from perfeval's grammar (hypothesis.extra.lark) that read back.

    They are grammatical, not necessarily sensible: compiling one may still raise a RuleError.
    """
    from hypothesis.extra.lark import from_lark

    return from_lark(grammar(), start="start", explicit=token_strategies()).filter(_reads)


_STANDARDS = (
    ("100%计满分，每低于5%扣2分，扣完为止。", "例：95% → {p_minus_2}分"),
    ("90%（含）以上计满分；80%（含）-90%，计{half}分；低于80%不得分。", "例：85% → {half}分"),
    ("完成目标得满分，否则不得分", "例：否 → 0分"),
    ("完成绩效目标100%得{p}分，未完成100%的同比例扣减。", "例：100% → {p}分"),
)


@st.composite
def rubric_texts(draw: Any, max_indicators: int = 4) -> str:
    """Whole ``.rules`` files whose 分值 add up and whose worked examples hold."""
    n = draw(st.integers(min_value=1, max_value=max_indicators))
    points = [draw(st.integers(min_value=2, max_value=10)) for _ in range(n)]
    lines = ["评价体系 生成的评价体系", f"满分 {sum(points)}", f"一级指标 产出 {sum(points)}分"]
    for i, p in enumerate(points):
        standard, example = draw(st.sampled_from(_STANDARDS))
        fill = {"p": p, "half": Decimal(p) / 2, "p_minus_2": max(p - 2, 0)}
        lines += [f"三级指标 指标{i + 1} {p}分", "  标准：" + standard.format(**fill), "  " + example.format(**fill)]
    return "\n".join(lines) + "\n"


# ── ready property checks ────────────────────────────────────────────────────────────────

def _settings(examples: int) -> settings:
    return settings(max_examples=examples, deadline=None, suppress_health_check=[HealthCheck.too_slow],
                    database=None)


def check_bounded(rule: Rule, values: st.SearchStrategy[Any] | None = None, examples: int = 200) -> None:
    """0 ≤ points ≤ 分值 for every value (values no band covers may raise NoBandError)."""

    @_settings(examples)
    @given(values or edge_values(rule))
    def bounded(x: Any) -> None:
        try:
            points = rule.points(x)
        except PerfevalError:
            return
        assert 0 <= points <= rule.max_points, f"{rule.text} at {x}: {points} outside 0..{rule.max_points}"

    bounded()


def check_monotone(rule: Rule, direction: str = "up", values: st.SearchStrategy[Decimal] | None = None,
                   examples: int = 200) -> None:
    """More of the value never scores less (``"up"``) or never scores more (``"down"``)."""
    vals = values or edge_values(rule, "0", "2")

    @_settings(examples)
    @given(vals, vals)
    def monotone(a: Decimal, b: Decimal) -> None:
        lo, hi = sorted((a, b))
        try:
            p_lo, p_hi = rule.points(lo), rule.points(hi)
        except PerfevalError:
            return
        if direction == "up":
            assert p_lo <= p_hi, f"{rule.text}: {lo} → {p_lo} but {hi} → {p_hi}"
        else:
            assert p_lo >= p_hi, f"{rule.text}: {lo} → {p_lo} but {hi} → {p_hi}"

    monotone()


def check_covers(rule: Rule, low: str, high: str, examples: int = 200) -> None:
    """Every value in [low, high] gets points: no gap, no NoBandError."""

    @_settings(examples)
    @given(st.one_of(st.sampled_from(sorted(edge_points(rule)) or [Decimal(low)]), rates(low, high)))
    def covers(x: Decimal) -> None:
        if Decimal(low) <= x <= Decimal(high):
            try:
                rule.points(x)
            except PerfevalError as exc:
                raise AssertionError(f"{rule.text} at {x}: {exc}") from None

    covers()
