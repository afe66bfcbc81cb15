"""Compiled rules against hand-written Decimal Python doing the same arithmetic, side by side.

Run: ``python benchmarks/bench_rules.py`` (or ``--quick``). Prints ns per evaluation for
``rule.points(x)`` (the fast path), ``rule(x)`` (a Score, trace built lazily) and the hand-written
function, the ratios against the targets (points ≤ 1.5×, Score ≤ 4×), and parse + compile time per rule.
The hand-written versions are what a careful engineer writes: constants hoisted, no conversions.
"""

from __future__ import annotations

import statistics
import sys
import timeit
from collections.abc import Callable
from decimal import ROUND_FLOOR, ROUND_HALF_UP, Decimal

import perfeval

BANDS = "预算控制率 = 0，计 5 分；0-10% (含)，计 4 分；10-20% (含)，计 3 分；20-30% (含)，计 2 分；大于 30% 不得分。"
STEPS = "100%计满分，每低于5%扣2分，扣完为止。"

_0, _01, _02, _03 = Decimal(0), Decimal("0.1"), Decimal("0.2"), Decimal("0.3")
_P5, _P4, _P3, _P2, _P0 = (Decimal(n).quantize(Decimal("0.01")) for n in (5, 4, 3, 2, 0))


def hand_bands(x: Decimal) -> Decimal:
    """The 5-band 预算控制率 table, by hand."""
    if x == _0:
        return _P5
    if _0 < x <= _01:
        return _P4
    if _01 < x <= _02:
        return _P3
    if _02 < x <= _03:
        return _P2
    if x > _03:
        return _P0
    raise ValueError(x)


_ONE, _STEP, _DEDUCT, _FULL, _CENT = Decimal(1), Decimal("0.05"), Decimal(2), Decimal(5), Decimal("0.01")


def hand_steps(x: Decimal) -> Decimal:
    """100%计满分，每低于5%扣2分，扣完为止, by hand."""
    if x >= _ONE:
        return _P5
    v = _FULL - _DEDUCT * ((_ONE - x) / _STEP).to_integral_value(ROUND_FLOOR)
    if v < _0:
        v = _0
    return v.quantize(_CENT, ROUND_HALF_UP)


def _ns(fn: Callable[[Decimal], object], values: list[Decimal], repeat: int, number: int) -> float:
    """Best-of-``repeat`` ns per call over ``values``."""

    def run() -> None:
        for v in values:
            fn(v)

    times = timeit.repeat(run, repeat=repeat, number=number)
    return min(times) / (number * len(values)) * 1e9


def main() -> int:
    quick = "--quick" in sys.argv
    repeat, number = (3, 200) if quick else (7, 2000)
    cases = [
        ("5-band table", BANDS, hand_bands, ["0", "0.05", "0.1", "0.15", "0.25", "0.3", "0.5", "0.839"]),
        ("每低于5%扣2分", STEPS, hand_steps, ["1", "0.96", "0.95", "0.93", "0.89", "0.85", "1.2", "0.5"]),
    ]
    failed = False
    print(f"{'rule':<14}{'hand ns':>10}{'points ns':>11}{'ratio':>8}{'Score ns':>11}{'ratio':>8}{'compile µs':>12}")
    for name, text, hand, raw in cases:
        values = [Decimal(v) for v in raw]
        compile_us = statistics.median(
            timeit.repeat(lambda t=text: perfeval.compile_rule(t, points=5), repeat=5, number=5)) / 5 * 1e6
        rule = perfeval.compile_rule(text, points=5)
        assert [rule.points(v) for v in values] == [hand(v) for v in values], name
        t_hand = _ns(hand, values, repeat, number)
        t_points = _ns(rule.points, values, repeat, number)
        t_score = _ns(rule, values, repeat, number)
        r_points, r_score = t_points / t_hand, t_score / t_hand
        failed |= r_points > 1.5 or r_score > 4
        print(f"{name:<14}{t_hand:>10.0f}{t_points:>11.0f}{r_points:>7.2f}×{t_score:>11.0f}{r_score:>7.2f}×"
              f"{compile_us:>12.0f}")
    print("targets: points ≤ 1.5×, Score ≤ 4×:", "missed" if failed else "met")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
