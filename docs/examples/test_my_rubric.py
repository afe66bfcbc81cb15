"""A rubric author's own tests, written with perfeval.testing (see docs/testing.md; this file runs in CI)."""

from hypothesis import given, settings

import perfeval
from perfeval.testing import check_bounded, check_covers, check_monotone, edge_values

预算完成率 = perfeval.compile_rule("100%计满分，每低于5%扣2分，扣完为止。", points=5)
满意度 = perfeval.compile_rule(
    "90%（含）以上计6分； 80%（含）-90%，计4分； 70%（含）-80%，计2分； 低于70%计0分。", points=6)


def test_points_stay_within_the_indicator() -> None:
    check_bounded(预算完成率)
    check_bounded(满意度)


def test_more_completion_never_scores_less() -> None:
    check_monotone(预算完成率, "up")
    check_monotone(满意度, "up")


def test_every_rate_from_zero_up_is_scored() -> None:
    check_covers(满意度, "0", "1.5")


@settings(deadline=None)  # no time limit per example: a loaded CI machine may be slow
@given(edge_values(满意度))
def test_the_edges_belong_to_the_higher_band(x):  # type: ignore[no-untyped-def]
    # 90% itself earns 6: "90%（含）以上" claims the edge explicitly.
    if x == perfeval.quantity("90%").to("").magnitude:
        assert 满意度.points(x) == 6
