"""Thresholds on a shortfall: 降低20%以上不得分 beside 每降低1%扣0.2分 bounds how far the value fell, not the value.

"完成率达到100%得满分，每降低1%扣0.2分，降低20%以上不得分": the 20% is a fall from where the steps count
(100%), so the item scores 0 from 80% down (以上 includes its number) — read on the rate itself, every rate
of 20% or more scored 0. The word before the number must be a word the steps fall by (降低, 下降, 减少, 少…), with
nothing else named (比上年降低20% is another measure). The same holds for counts stepped from a requirement
(不少于24条，每少1条扣0.2分，少5条以上不得分: 19 sent or fewer). What the region scores must be a stated
amount: "降低20%以上按比例计分" does not say a share of what, and is refused (reading PE118).

>>> from perfeval import compile_rule
>>> rule = compile_rule("完成率达到100%得满分，每降低1%扣0.2分，降低20%以上不得分", points=10)
>>> rule("90%").points, rule("81%").points, rule("80%").points
(Decimal('8.00'), Decimal('6.20'), Decimal('0.00'))
"""

from __future__ import annotations

from decimal import Decimal

import attrs

from ...messages import pair
from ...syntax import nodes as n
from ...vocabulary import FALL_NOUNS, STEP_WORDS
from ..conditions import Cond, reference_in
from ..context import Context
from ..intervals import Side
from ..roles import Reading
from .bands import Draft, ValueInfo
from .common import show

__all__ = ["from_reference", "shortfalls"]

# The words a step falls by (降低, 下降, 减少, 少…) that are description, not comparators (低于 is one: 低于80% is
# the value itself below 80%), and the nouns of a fall (降幅).
_FALLS = tuple(sorted({*(w for w, d in STEP_WORDS.items() if d == "below"), *FALL_NOUNS}, key=len, reverse=True))


def _falling_steps(readings: list[Reading]) -> list[Reading]:
    """The steps that count down from a reference, by a rate or a measure (not cases)."""
    return [r for r in readings if r.role == "step" and r.step is not None and not r.step.counts
            and r.step.direction in ("below", "both") and r.step.size is not None and r.bonus is None]


def _step_subject(r: Reading) -> str:
    """The words before 每 (完成率 in 完成率每降低1%扣0.2分)."""
    words = ""
    for p in r.statement.head:
        if isinstance(p, n.Per):
            break
        if isinstance(p, n.Words):
            words += p.text
    return words.strip()


def _falls_by(c: Cond, steps: list[Reading]) -> bool:
    """Whether ``c`` bounds a fall the steps beside it count: its words are a falling word, alone or after
    the steps' own subject, and its numbers are of the steps' kind."""
    if c.ref is not None or c.either_way or c.outside or not c.numeric or not c.subject:
        return False
    subject = c.subject.strip().rstrip("的")
    word = next((w for w in _FALLS if subject.endswith(w)), None)
    if word is None or reference_in(subject) is not None:
        return False
    named = subject[: -len(word)]
    for r in steps:
        assert r.step is not None and r.step.size is not None
        size = r.step.size
        same = all(x.kind == size.kind and x.unit == size.unit for x in c.numbers)
        if same and named in ("", _step_subject(r)):
            return True
    return False


def shortfalls(readings: list[Reading], P: Decimal) -> list[Reading]:
    """The readings whose condition bounds the fall the steps count (see the module docstring).

    Where a fall earns the 分值 (降低10%以上得满分，每少1个百分点扣1分), the value scored is the fall itself and its
    steps count down from that band: none is read as a fall from a reference.
    """
    steps = _falling_steps(readings)
    if not steps:
        return []
    falls = [r for r in readings if r.role != "step" and r.cond is not None and _falls_by(r.cond, steps)]
    if any(r.amount is not None and (r.amount.full or r.amount.points is not None and r.amount.points >= P)
           for r in falls):
        return []
    return falls


def from_reference(r: Reading, steps: list[Draft], ctx: Context, value: ValueInfo) -> Cond:
    """The condition of ``r`` on the value: a fall of at least N from the reference the steps count from
    (their drafts ``steps``) is the value at most that reference − N."""
    s = r.statement
    clause = ctx.source(s.span)
    if r.role != "band" or r.bonus is not None or s.has(n.Otherwise) or s.find(n.CompareList):
        # 降低20%以上按比例计分: a share of what, from where — not said
        raise ctx.fail("shortfall_outcome", s.span, clause=clause)
    # the side the steps count down on: below their reference (not the implied full marks above it)
    refs = {d.hi.value for d in steps if d.lo is None and d.hi is not None and not d.implied}
    if len(refs) != 1:
        raise ctx.fail("shortfall_reference", s.span, clause=clause)
    ref = refs.pop()
    assert r.cond is not None
    c = r.cond
    lo = None if c.hi is None else Side(ref - c.hi.value, c.hi.inclusive, c.hi.claim)
    hi = None if c.lo is None else Side(ref - c.lo.value, c.lo.inclusive, c.lo.claim)
    ctx.info("PE118", *pair("reading_pe118", clause=clause, reference=show(ref, value.kind, value.unit)), s.span)
    return attrs.evolve(c, lo=lo, hi=hi)
