"""The limits of a per-case item (counted.py): what may take it below 0, what may take it above its 分值, caps
over several cases, and worked examples of the per-case rule.

Split from :mod:`.counted` to keep each module small; counted calls these after building its streams.

>>> from perfeval.rules.syntax.parser import parse
>>> from perfeval.rules.meaning.analyse import analyse
>>> analyse(parse("①…扣2分；②…扣1分；③…扣1分，最多扣3分"), Decimal(4)).item.deduction_cap
Decimal('3')
"""

from __future__ import annotations

import re
from decimal import Decimal

import attrs

from ...messages import pair
from ...syntax import nodes as n
from ...vocabulary import EXAMPLE_WORDS, alternation
from .. import ir
from ..context import Context
from ..roles import Reading
from .common import show

__all__ = ["bonus_above_the_points", "cap_over_the_list", "checked_examples", "only_reversed_below_zero"]

_ZERO = Decimal(0)


def only_reversed_below_zero(streams: list[ir.Stream], readings: list[Reading], base: Decimal,
                              ctx: Context, below: list[Reading] | None = None) -> list[ir.Stream]:
    """每发生一起一般事故扣1分；发生较大事故的，该项不得分，倒扣10分: only the 倒扣 case (or the rule ``below``
    names, 可倒扣 said of it) takes the item below 0 — the other deductions stop at 0 (three 一般事故 on 2 points
    scored −1). One other stream is capped at the score it starts from; with several, what they may take
    together is not said: refused."""
    chosen = below if below is not None else [r for r in readings if r.deduct is not None and r.deduct.verb == "倒扣"]
    reversed_at = [r.statement.span.start for r in chosen]
    def owner(at: int) -> ir.Stream | None:
        before = [st for st in streams if st.span.start <= at]
        return max(before, key=lambda st: st.span.start) if before else None
    owners = {id(o) for o in map(owner, reversed_at) if o is not None}
    others = [st for st in streams if id(st) not in owners and st.role is ir.Role.DEDUCT]
    if len(others) > 1:
        r = chosen[0]
        raise ctx.fail("mixed_rules", r.statement.span, clause=ctx.source(r.statement.span), hint="hint_which_applies")
    return [attrs.evolve(st, cap=base if st.cap is None else min(st.cap, base)) if st in others else st
            for st in streams]


def _bonus_cap(r: Reading, P: Decimal) -> Decimal | None:
    """最多加5分 · 奖励分不超过本项基本分 (the 分值): the cap on what a bonus clause adds (not 最高得N分, the item's)."""
    for m in r.statement.modifiers:
        if isinstance(m, n.GainCap) and not m.total:
            return P if m.points is None else m.points
    return None


_EXAMPLE = re.compile(rf"^\s*(?:{alternation(EXAMPLE_WORDS)})")


def checked_examples(readings: list[Reading], ctx: Context) -> list[Reading]:
    """每发现一处问题扣0.5分，如发现3处扣1.5分: a worked example of the per-case rule is checked against it and
    set aside — it is not a case of its own (it was a second input, deducting twice)."""
    per_case = [r for r in readings if r.role == "count" and r.deduct is not None and r.deduct.high is not None]
    out: list[Reading] = []
    for r in readings:
        head = "".join(p.text for p in r.statement.head if isinstance(p, n.Words))
        points = [p.value for p in r.statement.head if isinstance(p, n.Point) and p.value.kind == "qty"]
        if not _EXAMPLE.match(head) or r.deduct is None:
            out.append(r)
            continue
        each = per_case[0].deduct.high if len(per_case) == 1 and per_case[0].deduct is not None else None
        if each is None or len(points) != 1 or r.deduct.high is None:
            raise ctx.fail("mixed_rules", r.statement.span, clause=ctx.source(r.statement.span),
                           hint="hint_which_applies")
        if each * points[0].value != r.deduct.high:
            raise ctx.fail("example_disagrees", r.statement.span, clause=ctx.source(r.statement.span),
                           value=points[0].text, want=f"{(ctx.max_points - r.deduct.high).normalize():f}",
                           got=f"{(ctx.max_points - each * points[0].value).normalize():f}")
    return out


def bonus_above_the_points(item: ir.Item, bonuses: list[Reading], ctx: Context) -> ir.Item:
    """每超额完成1个单位加2分，最高加10分 · 被省级推广的加1分，被市级推广的加0.5分，加分不超过1分: a bonus with a
    stated cap takes the item above its 分值 by at most that cap (PE150; DESIGN: only by a stated cap). Every
    clause capped: their caps add up; only the last, after several: the cap is on them together (PE156)."""
    P = ctx.max_points
    caps = [_bonus_cap(r, P) for r in bonuses]
    ceiling = item.ceiling
    if not bonuses or ceiling is None:
        return item
    if all(c is not None for c in caps):
        top = sum((c for c in caps if c is not None), _ZERO)
    elif len(bonuses) > 1 and caps[-1] is not None and all(c is None for c in caps[:-1]):
        top = caps[-1]
        last = bonuses[-1].statement.span
        item = attrs.evolve(item, streams=tuple(attrs.evolve(st, cap=None) if st.span == last else st
                                                for st in item.streams))
        ctx.info("PE156", *pair("reading_pe156", top=top.normalize()), last)
    else:
        return item
    ctx.info("PE150", *pair("reading_pe150", shown=show(top, ir.Kind.NUMBER)), None)
    return attrs.evolve(item, ceiling=ceiling + top, bonus_cap=top)


def cap_over_the_list(item: ir.Item, counts: list[Reading], ctx: Context) -> ir.Item:
    """①…扣2分；②…扣1分；③…扣1分，最多扣3分: a cap after one-off deductions that the last alone can never
    reach is on them all (PE157) — read as that last one's, it capped nothing (all three scored 0 of 4)."""
    last = counts[-1] if len(counts) > 1 else None
    if last is None or last.role != "oneoff" or last.deduct is None or last.deduct.high is None:
        return item
    cap = next((m.points for m in last.statement.modifiers if isinstance(m, n.Cap) and m.points is not None), None)
    if cap is None or last.deduct.high > cap or not all(r.role == "oneoff" and r.deduct is not None for r in counts):
        return item
    streams = tuple(attrs.evolve(st, cap=None) if st.span == last.statement.span else st for st in item.streams)
    joint = cap if item.deduction_cap is None else min(cap, item.deduction_cap)
    ctx.info("PE157", *pair("reading_pe157", cap=cap.normalize()), last.statement.span)
    return attrs.evolve(item, streams=streams, deduction_cap=joint)
