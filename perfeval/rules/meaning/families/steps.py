"""Stepwise deductions and bonuses: 每低于5%扣2分, 每超过一个百分点扣0.5分, 每相差3%扣1分, 每超1%加0.3分.

A step counts whole steps of its size (DESIGN.md: 每低于5% counts percentage points, and whole steps by
default; 不足…按…计 rounds a started step up; 按比例 makes it continuous) from a reference: the condition
written before it (低于90%的每降低1个百分点 → 90%), 以100%为标准, a value named in words (每低于目标值2天 →
the input 目标值), or the edge of the band that earns the most (100%计满分 → 100%). Either-way steps
(每相差, 每偏离, 超过（降低）) count the distance from the reference, or from the nearer edge of a tolerance
band (95%-105%之间得满分，超出该区间的每超出1个百分点扣1分).

>>> from perfeval.rules.syntax.parser import parse
>>> from perfeval.rules.meaning.analyse import analyse
>>> item = analyse(parse("100%计满分，每低于5%扣2分，扣完为止"), Decimal(5)).item
>>> [p.label for p in item.streams[0].fn.pieces]
['每低于5%扣2分', '100%计满分']
"""

from __future__ import annotations

from decimal import Decimal

from ...messages import pair
from ...syntax import nodes as n
from ...vocabulary import REACHING_WORDS, Claim
from .. import ir
from ..context import Context
from ..intervals import Side
from ..roles import Reading
from .bands import Draft, ValueInfo
from .common import Mods, show, step_mode

__all__ = ["step_drafts"]


def _best(drafts: list[Draft]) -> Draft | None:
    """The written band that earns the most (the one steps count from)."""
    bands = [d for d in drafts if isinstance(d.expr, ir.Const | ir.MaxPoints) and (d.lo or d.hi or d.either_way)]
    if not bands:
        return None

    def worth(d: Draft) -> Decimal:
        return d.expr.value if isinstance(d.expr, ir.Const) else Decimal("1e9")

    return max(bands, key=worth)


def _amount(r: Reading, ctx: Context) -> Decimal:
    if r.deduct is not None and r.deduct.high is not None:
        return r.deduct.high
    if r.bonus is not None:
        return r.bonus.high
    if r.amount is not None and r.amount.points is not None:
        return r.amount.points
    # a step that does not say what it deducts or adds never deducts 0 by default
    raise ctx.fail("step_needs_amount", r.statement.span, clause=ctx.source(r.statement.span))


#: Comparators that name a region of values (its steps count within it), not a requirement to meet
_REGION_COMPARATORS = frozenset("低于 高于 超过 超出 不足 未达到 少于 多于 小于 大于 < > 以下 以上".split())


def _cap(r: Reading) -> Decimal | None:
    for m in r.statement.modifiers:
        if isinstance(m, n.Cap | n.CapUntil | n.GainCap) and m.points is not None:
            return m.points
    return None


def step_drafts(r: Reading, ctx: Context, value: ValueInfo, drafts: list[Draft], mods: Mods,
                reference: Decimal | None, examples: list[tuple[Decimal, Decimal, Reading]] = ()) -> list[Draft]:  # type: ignore[assignment]
    """The drafts a step statement adds: the steps on their side of the reference (and the reference's
    own points where no band states them)."""
    info = r.step
    assert info is not None
    s = r.statement
    label = ctx.source(s.span)
    if info.size is None:
        raise ctx.fail("step_needs_size", s.span)
    size = info.size.value
    if size <= 0:
        raise ctx.fail("step_needs_size", s.span)
    mode = step_mode(s, mods)
    _say_mode(ctx, mode, info.size.text, s)
    amount = _amount(r, ctx)
    # 按次扣1-3分: a range per step — the assessor's, never its top taken silently
    least = r.deduct.low if r.deduct is not None and r.deduct.low is not None and r.deduct.low != amount else None
    # 每提高1个百分点得0.25分: a step that earns (得/计) adds, as 加 does
    bonus = r.bonus is not None or r.deduct is None and r.amount is not None and r.amount.points is not None
    direction = info.direction
    region = r.cond if r.cond is not None and r.cond.numeric else None
    best = _best(drafts)
    ref: Decimal | None = None
    base: ir.Expr = ir.MaxPoints()
    if value.ref is not None and (info.ref is not None or region is None and reference is None):
        # the value is already the difference from the named reference — or its ratio, where the target is 100%
        # (超额完成的每超过10%加0.5分 beside 按完成比例: 150 of 200 is 25 points short, not 7 steps above nothing)
        ref = Decimal(1) if value.share else Decimal(0)
    # A requirement (不少于24条 / 不超过3次) steps outward; a region (60%以下 / 不足10%) steps within itself.
    region_word = region is not None and not region.within and (
        region.cmp is None or region.cmp.word in _REGION_COMPARATORS)
    if region is not None and region_word and not region.either_way and (
            direction == "above" and region.lo is None and region.hi is not None
            or direction == "below" and region.hi is None and region.lo is not None):
        # 完成率60%以下的，每提高1个百分点得0.25分: steps away from the only edge of their own condition — from
        # where they count is not said (read from the far side, 70% scored as if above 60%)
        raise ctx.fail("step_reference", s.span)
    tolerance = region is not None and region.lo is None and region.hi is not None and (
        region.within and direction in (None, "above", "diff") or direction is None)
    if region is not None and tolerance and not bonus and info.at is None:
        # 调整率10%以内的 / 不超过10%的，每调整1个百分点扣0.5分: within the tolerance each step of the value itself
        # deducts, counted up from nothing (0% keeps the 分值), not down from the tolerance's edge
        ctx.info("PE108", *pair("reading_pe108", quoted=ctx.source(region.span)), s.span)
        counted = ir.Steps(ir.X(), size, mode)
        return [_draft(Side(Decimal(0), True, Claim.NONE), region.hi, counted, amount, base, _cap(r), bonus, s, label,
                       least)]
    if region is not None and direction in (None, "diff"):
        # 高于年度目标值的，…每差2微克/立方米扣0.4分: the condition says which side the steps count on.
        direction = "above" if region.lo is not None and region.hi is None else "below"
    reaching = r.cond is not None and r.cond.cmp is not None and r.cond.cmp.word in REACHING_WORDS
    if value.lower_better and (reaching or direction == "diff"):
        # “≤”型指标 未达到年度目标值的，每差1微克…: missing a lower-is-better target is being above it
        direction = "above"
        ctx.info("PE139", *pair("reading_pe139"), s.span)
    if direction == "diff":
        direction = "below"
    if region is not None and not (value.ref is not None and region.ref is None and ref is not None):
        # 低于90%的，每降低1个百分点扣0.2分: the condition's edge is the reference.
        edge = region.hi if direction == "below" or (direction is None and region.hi is not None) else region.lo
        if edge is None:
            edge = region.lo or region.hi
        assert edge is not None
        ref = edge.value
        if direction is None:
            direction = "below" if region.hi is not None and region.lo is None else "above"
    own = next((p.value.value for p in s.head if isinstance(p, n.Reference)), None)
    if info.at is not None:
        ref = info.at.value  # 每低于95%一个百分点: the step says where it counts from
    if ref is None and own is not None:
        ref = own  # 计划完成率以100%为标准，每偏离1个百分点…
    if ref is None and reference is not None:
        ref = reference
    if ref is None and best is None and examples:
        from .schedules import reference_from_examples

        ref = reference_from_examples(r, list(examples), ctx.max_points, amount, size)
        if ref is not None:
            ctx.info("PE153", *pair("reading_pe153", shown=show(ref, value.kind, value.unit)), s.span)
    if ref is None and best is None and bonus and direction == "above" and info.words.startswith("完成"):
        # 每完成任务一个百分点得0.4分: each point completed earns — counted from nothing (PE109)
        ref = Decimal(0)
        ctx.info("PE109", *pair("reading_pe109"), s.span)
    lo_ref = hi_ref = ref
    if ref is None and best is not None:
        lo_ref, hi_ref = _band_edges(best, direction)
        ref = lo_ref if direction == "below" else hi_ref
    if ref is None or direction is None:
        raise ctx.fail("step_reference", s.span)
    if best is not None and isinstance(best.expr, ir.Const) and _covers(best, ref):
        base = best.expr
    if direction in ("both", "above") and best is not None and _tolerance(best, ref):
        lo_ref, hi_ref = _band_edges(best, "both")
        if direction == "above" and best.either_way and not _leaves_band(s):
            # ±5%以内得满分，每超出1个百分点扣1分: beyond a band either way is beyond it on either side
            ctx.info("PE138", *pair("reading_pe138", label=best.label), s.span)
            direction = "both"
        direction = "both" if direction == "both" or _leaves_band(s) else direction
    elif lo_ref is None or hi_ref is None or region is not None or reference is not None:
        lo_ref = hi_ref = ref
    cap = _cap(r)
    out: list[Draft] = []
    if direction in ("below", "both"):
        assert lo_ref is not None
        counted = ir.Steps(ir.Op("-", ir.Const(lo_ref), ir.X()), size, mode)
        out.append(_draft(None, Side(lo_ref, False, Claim.NONE), counted, amount, base, cap, bonus, s, label, least))
    if direction in ("above", "both"):
        assert hi_ref is not None
        counted = ir.Steps(ir.Op("-", ir.X(), ir.Const(hi_ref)), size, mode)
        out.append(_draft(Side(hi_ref, False, Claim.NONE), None, counted, amount, base, cap, bonus, s, label, least))
    if not bonus and not any(_covers(d, ref) for d in drafts if d.described is None and (d.lo or d.hi)):
        # 以90%为基准，每降低1个百分点扣0.2分 · 低于100%的每差一个百分点扣0.4分: the reference itself, and
        # the values on the other side of it, earn the 分值 (the steps only deduct on their side).
        full_lo = Side(ref, True, Claim.NONE) if direction == "below" else None
        full_hi = Side(ref, True, Claim.NONE) if direction == "above" else None
        if direction == "both":
            full_lo = full_hi = Side(ref, True, Claim.NONE)
        if not any(d.described is not None for d in drafts):
            out.append(Draft(full_lo, full_hi, base, s.span, label, weak=True, implied=True))
            ctx.info("PE137", *pair("reading_pe137", shown=show(ref, value.kind, value.unit)), s.span)
    return out


def _draft(lo: Side | None, hi: Side | None, counted: ir.Steps, amount: Decimal, base: ir.Expr,
           cap: Decimal | None, bonus: bool, s: object, label: str, least: Decimal | None = None) -> Draft:
    """The piece of a step rule; with ``least`` (按次扣1-3分) each step costs what the assessor decides
    between ``least`` and ``amount``, so the piece carries that range."""

    def scored(per_step: Decimal) -> ir.Expr:
        taken: ir.Expr = ir.Op("*", ir.Const(per_step), counted)
        if cap is not None:
            taken = ir.Min(taken, ir.Const(cap))
        return taken if bonus else ir.Op("-", base, taken)

    expr = scored(amount)
    judged = None
    if least is not None and least != amount:
        judged = (scored(least), expr) if bonus else (expr, scored(least))
    return Draft(lo, hi, expr, s.span, label, weak=True, judged=judged)  # type: ignore[attr-defined]


def _say_mode(ctx: Context, mode: ir.StepMode, size: str, s: object) -> None:
    span = s.span  # type: ignore[attr-defined]
    if mode is ir.StepMode.WHOLE:
        ctx.info("PE101", *pair("reading_pe101", size=size), span, hint="hint_started_step")
    elif mode is ir.StepMode.STARTED:
        ctx.info("PE103", *pair("reading_pe103", size=size), span)
    else:
        ctx.info("PE104", *pair("reading_pe104", size=size), span)


def _band_edges(d: Draft, direction: str | None) -> tuple[Decimal | None, Decimal | None]:
    if d.either_way:
        hi = d.hi.value if d.hi else None
        return (None if hi is None else -hi), hi
    lo = d.lo.value if d.lo else None
    hi = d.hi.value if d.hi else None
    if lo is None:
        lo = hi
    if hi is None:
        hi = lo
    return lo, hi


def _covers(d: Draft, ref: Decimal) -> bool:
    lo = d.lo.value if d.lo else None
    hi = d.hi.value if d.hi else None
    if d.either_way and hi is not None:
        return -hi <= ref <= hi
    return (lo is None or lo <= ref) and (hi is None or ref <= hi)


def _tolerance(d: Draft, ref: Decimal) -> bool:
    """A band with room on both sides of the reference: a tolerance (95%-105%, ±3%以内)."""
    if d.either_way:
        return d.hi is not None and d.hi.value > 0
    return d.lo is not None and d.hi is not None and d.lo.value < d.hi.value


def _leaves_band(s: object) -> bool:
    """超出该区间的 · 超出后 · 浮动…以外: the steps start where the band ends, on either side."""
    head = getattr(s, "head", ())
    return any(isinstance(p, n.Described) and p.cmp.word in ("超出", "超过") for p in head) or \
        any(isinstance(p, n.Words) and ("区间" in p.text or "浮动" in p.text or "偏差" in p.text) for p in head)
