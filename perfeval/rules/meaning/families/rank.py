"""Rank scoring: 排名前3名的得满分，4-8名扣0.5分，9名以后扣1.5分 · 第1名得4分，之后每位次递减0.25分.

DESIGN.md, "Rank": the input is a whole number ≥ 1 (3.5 is an input error, not a gap between bands).
前3名 is 1..3, 4-8名 is exactly 4..8 (integer ranks leave no gap), 9名以后 is 9 and after; 倒数第1、第2、第3名
的分别计3分、2.8分、2.6分 counts places from the bottom (the input is that place); 每后移一位扣0.2分 and
之后每位次递减0.25分 deduct per place after the first (分值 − 0.2 × (rank − 1)); 第2-8名按与第1名的比例得分
scores 分值 × own value ÷ the first place's value (inputs 本单位值 and 第1名值).

>>> from perfeval.rules.syntax.parser import parse
>>> from perfeval.rules.meaning.analyse import analyse
>>> item = analyse(parse("在全市考核中排名前3名的得满分,4-8名扣0.5分,9名以后扣1.5分"), Decimal(3)).item
>>> item.streams[0].value.kind.value
'rank'
"""

from __future__ import annotations

from decimal import Decimal

from ...messages import pair
from ...syntax import nodes as n
from ...vocabulary import Claim
from .. import ir
from ..context import Context
from ..intervals import Side
from ..roles import Reading
from .bands import Draft
from .common import fixed_amount

__all__ = ["OWN", "FIRST", "rank_drafts", "rank_step_drafts"]

#: The inputs of 按与第1名的比例得分: the unit's own value and the first place's.
OWN, FIRST = "本单位值", "第1名值"
_ONE = Decimal(1)


def _sides(rank: n.Rank, after: list[n.Node]) -> tuple[Side | None, Side | None] | None:
    vals = rank.values
    if not vals:
        return None
    explicit = Claim.EXPLICIT
    if rank.word == "前" or (rank.word in ("倒数前", "倒数后", "倒数") and not rank.dash
                             and rank.suffix in (None, "以内", "之内", "内")):
        # 前3名 · 倒数三名 · 倒数前三名 · 倒数后三名: the first (or, from the bottom, the last) N places, 1..N
        return Side(_ONE, True, explicit), Side(vals[0], True, explicit)
    if rank.dash and len(vals) == 2:
        return Side(vals[0], True, explicit), Side(vals[1], True, explicit)
    suffix = rank.suffix or next((p.text for p in after if isinstance(p, n.Words)
                                  and p.text.startswith(("以后", "之后"))), None)
    if len(vals) == 1:
        v = vals[0]
        if suffix is not None and suffix.endswith(("以上", "以后", "之后")):
            # 9名以后 takes 9 by convention only: 4-10名 written beside it claims 10 outright
            return Side(v, True, Claim.CONVENTION), None
        return Side(v, True, explicit), Side(v, True, explicit)
    return None


def _amount(r: Reading, ctx: Context) -> ir.Expr:
    if r.deduct is not None and r.deduct.high is not None:
        return ir.Op("-", ir.MaxPoints(), ir.Const(r.deduct.high))
    return fixed_amount(r, ctx)  # a place earns a number, never a range the assessor picks from


def rank_drafts(r: Reading, ctx: Context) -> list[Draft]:
    """The places a rank statement names, and what they earn."""
    s = r.statement
    label = ctx.source(s.span)
    ranks = [p for p in s.head if isinstance(p, n.Rank) and p.values]
    if not ranks:
        if r.cond is not None and r.cond.numeric:
            return [Draft(r.cond.lo, r.cond.hi, _amount(r, ctx), s.span, label)]
        return []
    rank = ranks[-1]
    if rank.word == "后":
        # 排名后三名: the last three places of how many? The number ranked is not an input, and reading it as
        # 倒数 would turn the rank of every other clause upside down — refused (write 倒数前三名, PE191)
        raise ctx.fail("rank_from_bottom", rank.span, clause=label)
    if rank.word.startswith("倒数"):
        ctx.info("PE191", *pair("reading_pe191"), s.span)
    deducts = r.deduct.values if r.deduct is not None else ()
    if isinstance(s.outcome, n.PointsList) or (r.amount is not None and r.amount.values) or deducts:
        # 分别计3分、2.8分、2.6分 · 分别扣3分、2分、1分 (分值 less each)
        values = deducts or (r.amount.values if r.amount is not None else ())
        places = list(rank.values)
        if rank.dash and len(places) == 2:
            # counted before the list is made: 第1-99999999名 would be a hundred million places
            count = int(places[1] - places[0]) + 1
            places = [places[0] + i for i in range(count)] if count == len(values) else []
        if len(places) != len(values):
            raise ctx.fail("cond_without_points", s.span, clause=label)
        return [Draft(Side(k, True, Claim.EXPLICIT), Side(k, True, Claim.EXPLICIT),
                      ir.Op("-", ir.MaxPoints(), ir.Const(v)) if deducts else ir.Const(v), s.span, label)
                for k, v in zip(places, values, strict=True)]
    after = s.head[s.head.index(rank) + 1 :]
    sides = _sides(rank, list(after))
    if sides is None:
        return []
    lo, hi = sides
    if isinstance(s.outcome, n.RankProp):
        expr: ir.Expr = ir.Op("*", ir.MaxPoints(), ir.Op("/", ir.Input(OWN), ir.Input(FIRST)))
        ctx.info("PE192", *pair("reading_pe192"),
                 s.span)
        return [Draft(lo, hi, expr, s.span, label)]
    return [Draft(lo, hi, _amount(r, ctx), s.span, label)]


def rank_step_drafts(r: Reading, ctx: Context, drafts: list[Draft]) -> list[Draft]:
    """每后移一位扣0.2分 · 之后每位次递减0.25分 · 倒数第4名及以上的，每前进1名扣0.2分: 分值 less per place."""
    s = r.statement
    label = ctx.source(s.span)
    P = ctx.max_points
    if r.deduct is None or r.deduct.high is None:
        # 每位次按0.25分 with no verb (递减, 扣): a place never costs 0 by default
        raise ctx.fail("step_needs_amount", s.span, clause=label)
    amount = r.deduct.high
    fixed = [d for d in drafts if d.lo is not None and isinstance(d.expr, ir.Const | ir.MaxPoints)]
    first = min(fixed, key=lambda d: d.lo.value if d.lo else _ONE, default=None)
    start = first.lo.value if first is not None and first.lo is not None else _ONE
    top: ir.Expr = first.expr if first is not None else ir.MaxPoints()
    # The places the steps apply to: the condition of the statement (倒数第4名及以上), or after the written ones.
    own = [p for p in s.head if isinstance(p, n.Rank) and p.values]
    if own:
        lo = Side(own[-1].values[0], True, Claim.EXPLICIT)
    else:
        last = max((d.hi.value for d in fixed if d.hi is not None), default=start)
        lo = Side(last, False, Claim.EXPLICIT) if fixed else Side(start, True, Claim.EXPLICIT)
    places = ir.Op("-", ir.X(), ir.Const(start))
    expr = ir.Op("-", top, ir.Op("*", ir.Const(amount), places))
    ctx.info("PE193", *pair("reading_pe193", amount=amount.normalize(), start=start.normalize()), s.span)
    _ = P
    return [Draft(lo, None, expr, s.span, label)]
