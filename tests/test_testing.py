"""perfeval.testing, the formatter, and the project's own properties over every shipped rubric."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import perfeval
from perfeval.fmt import format_standard, same_standard
from perfeval.rubric import shipped
from perfeval.rules.meaning import ir
from perfeval.testing import (
    check_bounded,
    check_covers,
    check_monotone,
    departments,
    edge_points,
    edge_values,
    indicators,
    projects,
    quantities,
    rubric_texts,
    rule_texts,
    targets,
)

SLOW = settings(max_examples=80, deadline=None, suppress_health_check=list(HealthCheck))


@SLOW
@given(text=rule_texts())
def test_generated_sentences_format_back_to_the_same_tree(text: str) -> None:
    formatted = format_standard(text)
    assert same_standard(text, formatted)
    assert format_standard(formatted) == formatted  # idempotent


@settings(max_examples=30, deadline=None, suppress_health_check=list(HealthCheck))
@given(text=rubric_texts())
def test_generated_rubrics_check_clean(text: str) -> None:
    rubric = perfeval.loads(text)
    assert not [d for d in rubric.check() if d.severity.value == "error"]


@settings(max_examples=50, deadline=None)
@given(q=quantities(), t=targets(), ind=indicators())
def test_data_strategies_build_valid_objects(q, t, ind) -> None:  # type: ignore[no-untyped-def]
    assert isinstance(q.magnitude, Decimal)
    assert t.text
    assert 0 <= (ind.reported or 0) <= ind.points


@settings(max_examples=20, deadline=None, suppress_health_check=list(HealthCheck))
@given(p=projects(), d=departments())
def test_evaluations_from_strategies_score(p, d) -> None:  # type: ignore[no-untyped-def]
    for ev in (p, d):
        card = perfeval.evaluate(ev)
        assert 0 <= card.total <= card.max_total


def test_edge_points_are_the_edges_and_a_hair_either_side() -> None:
    rule = perfeval.compile_rule("100%计满分，每低于5%扣2分，扣完为止。", points=5)
    points = edge_points(rule)
    assert {Decimal("0.95"), Decimal("0.9499"), Decimal("0.9501"), Decimal("1")} <= points


def test_the_checks_catch_what_they_promise() -> None:
    gap = perfeval.compile_rule("90%（含）以上计6分；80%（含）-85%计4分；低于80%计0分", points=6)
    with pytest.raises(AssertionError, match="没有分档覆盖"):
        check_covers(gap, "0", "1")
    backwards = perfeval.compile_rule("90%（含）以上计0分；低于90%计6分", points=6)
    with pytest.raises(AssertionError):
        check_monotone(backwards, "up")
    check_monotone(backwards, "down")
    check_bounded(backwards)


def _shipped_rules() -> list[perfeval.Rule]:
    rules = []
    for path in shipped().values():
        for ind in perfeval.load(path):
            if ind.rule is not None and ind.rule.scores_value and not ind.rule.inputs:
                rules.append(ind.rule)
    return rules


SHIPPED = _shipped_rules()


@pytest.mark.parametrize("rule", SHIPPED, ids=[r.text[:16] for r in SHIPPED])
def test_every_shipped_numeric_rule_is_bounded_and_deterministic(rule: perfeval.Rule) -> None:
    check_bounded(rule, examples=60)
    x = Decimal("0.9537")
    try:
        assert rule.points(x) == rule.points(x) == rule(x).points
    except perfeval.PerfevalError:
        pass


def _direction(m: ir.Piecewise) -> str | None:
    """The way the text says points move: steps below a reference rise with the value, steps above (and
    counts) fall; a band table rises or falls as its points do from the lowest band up."""
    steps = [e for p in m.pieces for e in _steps_in(p.expr)]
    if steps:
        found = {_way(e.distance) for e in steps}
        return found.pop() if len(found) == 1 else None
    pieces = sorted(m.pieces, key=lambda p: (p.interval.lo is not None, p.interval.lo or 0))
    consts = [p.expr.value for p in pieces if isinstance(p.expr, ir.Const)]
    if len(consts) != len(pieces) or len(consts) < 2:
        return None
    if consts == sorted(consts):
        return "up"
    if consts == sorted(consts, reverse=True):
        return "down"
    return None


def _way(distance: ir.Expr) -> str | None:
    """reference − x (steps below: more is better) or x − reference (steps above: less is better)."""
    if isinstance(distance, ir.Op) and distance.op == "-":
        if isinstance(distance.right, ir.X):
            return "up"
        if isinstance(distance.left, ir.X):
            return "down"
    return None


def _steps_in(e: ir.Expr) -> list[ir.Steps]:
    if isinstance(e, ir.Steps):
        return [e]
    if isinstance(e, ir.Op | ir.Min):
        return _steps_in(e.left) + _steps_in(e.right)
    return []


@pytest.mark.parametrize("rule", SHIPPED, ids=[r.text[:16] for r in SHIPPED])
def test_shipped_rules_are_monotone_the_way_their_text_says(rule: perfeval.Rule) -> None:
    assert rule.scores_value
    direction = _direction(rule.item.streams[0].fn)
    if direction is not None:
        check_monotone(rule, direction, examples=60)


@given(st.data())
def test_edge_values_draws_are_decimals_near_the_edges(data: st.DataObject) -> None:
    rule = perfeval.compile_rule("100%计满分，每低于5%扣2分，扣完为止。", points=5)
    x = data.draw(edge_values(rule, "0", "2"))
    assert isinstance(x, Decimal)
