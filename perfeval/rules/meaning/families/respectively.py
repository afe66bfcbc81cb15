"""分别: thresholds on one value paired in order with points (分别得) or deductions (分别扣).

占比高于85%、75%和65%的，分别得5、3、1分 (PE152) · 执行率低于90%、80%、70%的，分别扣1分、2分、3分 (PE280): the
bands nest, each value in the band between consecutive thresholds; DESIGN.md, "Respectively, schedules".

>>> from perfeval.rules import compile_rule
>>> rule = compile_rule("执行率低于90%、80%、70%的，分别扣1分、2分、3分", points=3)
>>> [str(rule(v).points) for v in ("95%", "85%", "75%", "65%")]
['3.00', '2.00', '1.00', '0.00']
"""

from __future__ import annotations

from ...messages import pair
from ...syntax import nodes as n
from ...vocabulary import Claim
from .. import ir
from ..context import Context
from ..intervals import Side
from ..roles import Reading
from ..statements import Statement
from .bands import Draft, ValueInfo
from .common import show

__all__ = ["respectively"]


def respectively(r: Reading, ctx: Context, value: ValueInfo) -> list[Draft]:
    """占比高于85%、75%和65%的，分别得5、3、1分: thresholds and points paired in order.

    执行率低于90%、80%、70%的，分别扣1分、2分、3分 is the same with deductions (PE280): the thresholds are on one
    value, so the bands nest — a value lies in the band between consecutive thresholds (75% is below 80% and not
    below 70%: 扣2分), the deepest threshold it reaches, and never loses the sum of the bands it passed. A side
    written after the list (逾期1天、3天、5天以上的 · 5%、10%、15%以内的) is the comparator of every threshold."""
    s = r.statement
    listed = s.find(n.CompareList)[0]
    assert isinstance(listed, n.CompareList)
    deducts = r.deduct.values if r.deduct is not None else ()
    points = deducts or (r.amount.values if r.amount is not None else ())
    if len(points) != len(listed.values):
        raise ctx.fail("cond_without_points", s.span, clause=ctx.source(s.span))
    side = _list_side(s, listed, ctx)
    if side is None and deducts:
        # 逾期1天、3天、5天的，分别扣…: which side of each threshold deducts is not written
        raise ctx.fail("respectively_side", s.span, clause=ctx.source(s.span))
    lower, inclusive, claim = side if side is not None else (True, True, Claim.CONVENTION)
    pairs = sorted(zip(listed.values, points, strict=True), key=lambda t: t[0].value, reverse=lower)
    if deducts and any(b[1] > a[1] for a, b in zip(pairs, pairs[1:], strict=False)):  # the deepest first
        # 低于90%、80%、70%的，分别扣3分、2分、1分: the deeper the band, the less it deducts — nested bands would
        # score 65% above 85%; whether the deductions add up instead is not said
        raise ctx.fail("respectively_order", s.span, clause=ctx.source(s.span))
    out: list[Draft] = []
    label = ctx.source(s.span)
    for i, (num, pts) in enumerate(pairs):
        edge = Side(num.value, inclusive, claim)
        prev = pairs[i - 1][0].value if i else None
        expr: ir.Expr = ir.Op("-", ir.MaxPoints(), ir.Const(pts)) if deducts else ir.Const(pts)
        if lower:
            hi = None if prev is None else Side(prev, not inclusive, claim)
            out.append(Draft(edge, hi, expr, s.span, label))
        else:
            lo = None if prev is None else Side(prev, not inclusive, claim)
            out.append(Draft(lo, edge, expr, s.span, label))
    values = "、".join(show(v.value, value.kind, value.unit) for v, _ in pairs)
    shown = "、".join(f"{p.normalize():f}" for _, p in pairs)
    if deducts:
        ctx.info("PE280", *pair("reading_pe280", values=values, points=shown), s.span)
    else:
        ctx.info("PE152", *pair("reading_pe152", values="、".join(show(v.value, value.kind) for v, _ in pairs),
                                points="、".join(str(p) for _, p in pairs)), s.span)
    return out


def _list_side(s: Statement, listed: n.CompareList, ctx: Context) -> tuple[bool, bool, Claim] | None:
    """Which side of each listed threshold its band lies on (True: at or above it), whether the threshold is in
    the band, and how strongly that is claimed: the comparator before the list, or 以上/以下/以内 right after it."""
    i = next(k for k, p in enumerate(s.head) if p is listed)
    after = s.head[i + 1] if i + 1 < len(s.head) else None
    text = after.text if isinstance(after, n.Words) else ""
    suffix = next((w for w in ("及以上", "以上", "及以下", "以下", "以内", "之内") if text.startswith(w)), None)
    cmp = listed.cmp
    if cmp is not None:
        if suffix is not None and (cmp.side == "lower") != suffix.endswith("以上"):
            raise ctx.fail("respectively_side", s.span, clause=ctx.source(s.span))  # 低于90%、80%以上: both sides
        return cmp.side == "lower", cmp.inclusive, cmp.claim
    if suffix is None:
        return None
    return suffix.endswith("以上"), True, Claim.CONVENTION
