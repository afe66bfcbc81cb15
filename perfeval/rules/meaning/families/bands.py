"""A table of draft pieces → the pieces of a stream: every shared edge given to one band, nothing shared.

The families draft their pieces as written (:class:`Draft`: each side with the strength of its claim);
:func:`finish` decides each shared edge (:func:`..intervals.resolve`, DESIGN.md "Band edges"), widens a
single value that names the reference (100%计满分 → 100% and above), runs whole-number ranges on to the
next band (85-99%, then 100%), mirrors either-way bands, and refuses two pieces that score the same values.
:func:`value_at` evaluates a piece's expression with the run stage's arithmetic, for the checks.

>>> from perfeval.rules.syntax.nodes import Span
>>> from perfeval.rules.meaning.context import Context
>>> lo = Side(Decimal("0.9"), True, Claim.EXPLICIT)
>>> d = Draft(lo, None, ir.MaxPoints(), Span(1, 1, 1, 2, 0, 1), "90%（含）以上计满分")
>>> [render_interval(p.interval) for p in finish([d], Context("90%（含）以上计满分", Decimal(6)), ValueInfo(ir.Kind.RATE))]
['[90%, +∞)']
"""

from __future__ import annotations

from decimal import Decimal

import attrs

from ....i18n import N_
from ...messages import pair
from ...syntax.nodes import Span
from ...vocabulary import Claim
from .. import ir
from ..context import Context
from ..formulas import evaluate
from ..intervals import Side, render_interval, resolve
from .common import show

__all__ = ["Draft", "ValueInfo", "finish", "gaps_of", "mirror", "value_at"]


@attrs.frozen
class ValueInfo:
    """The value a numeric standard scores: its kind and unit, and the input it is relative to."""

    kind: ir.Kind
    unit: str | None = None
    ref: str | None = None      # 目标值 / 上年值 / 平均值 when the conditions compare with it
    share: bool = False         # the numbers are shares of the reference (ratio), else differences
    formula: ir.Expr | None = None   # a formula of one input: x is that input
    formula_input: str | None = None
    lower_better: bool = False  # “≤”型指标: meeting the target is being at or below it


@attrs.frozen
class Draft:
    """A piece before its edges are resolved (see the module docstring)."""

    lo: Side | None
    hi: Side | None
    expr: ir.Expr
    span: Span
    label: str
    weak: bool = False
    described: str | None = None   # "lower"/"upper": a condition in words, the side of the others it takes
    veto: str | None = None
    judged: tuple[ir.Expr, ir.Expr] | None = None
    either_way: bool = False
    implied: bool = False          # the reference's own points, stated by no clause: every other piece wins
    filled: bool = False           # a condition in words (否则, 未达到的) placed where the others leave room


def value_at(e: ir.Expr, x: Decimal, P: Decimal) -> Decimal:
    """The value of ``e`` at ``x`` (no named inputs), by the one evaluator, for the checks."""
    return evaluate(e, x, P)


def gaps_of(drafts: list[Draft]) -> list[tuple[Side | None, Side | None]]:
    """The regions no draft covers, from -∞ to +∞, as sides."""
    intervals, _, _ = resolve([(d.lo, d.hi) for d in drafts])
    regions: list[tuple[Side | None, Side | None]] = []
    cursor: Side | None = None
    for iv in sorted(intervals, key=lambda i: (i.lo is not None, i.lo if i.lo is not None else 0, not i.lo_in)):
        if iv.lo is not None and (cursor is None or cursor.value < iv.lo
                                  or (cursor.value == iv.lo and cursor.inclusive and not iv.lo_in)):
            regions.append((cursor, Side(iv.lo, not iv.lo_in, Claim.EXPLICIT)))
        if iv.hi is None:
            return regions
        if cursor is None or iv.hi > cursor.value or (iv.hi == cursor.value and iv.hi_in):
            cursor = Side(iv.hi, not iv.hi_in, Claim.EXPLICIT)
    regions.append((cursor, None))
    return regions


def finish(drafts: list[Draft], ctx: Context, value: ValueInfo, complete: bool = False,
           contiguous: bool = False) -> list[ir.Piece]:
    """Resolve every shared edge and build the pieces; overlaps and gaps become diagnostics.

    A value on an edge that two bands claim with equal strength is an overlap: the rule still compiles,
    scoring that value is an error (and the checker reports it). With ``complete`` the values no draft
    covers contribute 0 (a bonus where no bonus applies).
    """
    percent = value.kind is ir.Kind.RATE
    drafts = _rising(drafts, ctx)
    drafts = _successive(drafts, ctx, percent)
    drafts = _widen_points(drafts, ctx, value)
    drafts = _contiguous(drafts, ctx, value, contiguous)
    _no_twins(drafts, ctx, value)
    intervals, readings, conflicts = resolve([(d.lo, d.hi) for d in drafts])
    for rd in readings:
        d = drafts[rd.owner]
        code = {"explicit": "PE110", "convention": "PE111", "lower-limit": "PE112"}[rd.rule]
        msgid = {"explicit": N_("reading_pe110"), "convention": N_("reading_pe111"),
                 "lower-limit": N_("reading_pe112")}[rd.rule]
        ctx.info(code, *pair(msgid, shown=show(rd.value, value.kind), label=d.label), d.span)
    pieces: list[ir.Piece] = []
    for conflict in conflicts:
        names = [drafts[i].label for i in conflict.bands]
        shown = show(conflict.value, value.kind)
        ctx.error("PE320", *pair("reading_pe320", shown=shown, names=names[0], names_=names[1]),
                  drafts[conflict.bands[-1]].span,
                  "hint_one_claim")
        point = ir.Interval(conflict.value, True, conflict.value, True)
        pieces.append(ir.Piece(point, ir.Const(Decimal(0)), drafts[conflict.bands[-1]].span,
                               " / ".join(names), overlap=True))
        intervals = [_without(iv, conflict.value) for iv in intervals]
    for d, iv in zip(drafts, intervals, strict=True):
        if iv.empty:
            continue
        if d.either_way:
            pieces += [ir.Piece(part, d.expr, d.span, d.label, d.veto, judged=d.judged) for part in mirror(iv)]
            continue
        pieces.append(ir.Piece(iv, d.expr, d.span, d.label, d.veto, judged=d.judged))
    pieces.sort(key=lambda p: (p.interval.lo is not None, p.interval.lo if p.interval.lo is not None else 0,
                               not p.interval.lo_in))
    _no_shared_values(pieces, ctx, value)
    if complete:
        return _completed(pieces)
    return pieces


def _no_twins(drafts: list[Draft], ctx: Context, value: ValueInfo) -> None:
    """完成率100%得8分；完成率100%得5分: two rules for the very same values — the edge rules would give the value
    to the first and leave the second with none; refused as two meanings instead."""
    def key(d: Draft) -> tuple[Decimal | None, Decimal | None]:
        return (d.lo.value if d.lo else None, d.hi.value if d.hi else None)
    for i, a in enumerate(drafts):
        if a.lo is None and a.hi is None:
            continue
        for b in drafts[i + 1 :]:
            if key(a) == key(b) and not (a.weak or b.weak or a.implied or b.implied) and a.expr != b.expr:
                region = ir.Interval(a.lo.value if a.lo else None, True, a.hi.value if a.hi else None, True)
                raise ctx.fail("rules_overlap", b.span, a=a.label or ctx.source(a.span), b=b.label or ctx.source(b.span),
                               region=render_interval(region, value.kind is ir.Kind.RATE))


def _no_shared_values(pieces: list[ir.Piece], ctx: Context, value: ValueInfo) -> None:
    """Two rules that score the same values are two meanings: refused, never "the first one wins"."""
    for i, a in enumerate(pieces):
        for b in pieces[i + 1 :]:
            if a.overlap or b.overlap:
                continue
            both = a.interval.meet(b.interval)
            if not both.empty:
                raise ctx.fail("rules_overlap", b.span, a=a.label or ctx.source(a.span), b=b.label or ctx.source(b.span),
                               region=render_interval(both, value.kind is ir.Kind.RATE),
                               hint="hint_which_applies")


def _unit_step(value: ValueInfo) -> Decimal:
    return Decimal("0.01") if value.kind is ir.Kind.RATE else Decimal(1)


def _whole(x: Decimal, step: Decimal) -> bool:
    return (x / step) == (x / step).to_integral_value()


def _contiguous(drafts: list[Draft], ctx: Context, value: ValueInfo, always: bool = False) -> list[Draft]:
    """85-99% · 70-84% · 0%-20% 与 21%-50%: whole-number ranges that leave one unit between them run up to the
    next one (DESIGN.md: the published intent is contiguous; a rate carries decimals), so 99.5% is in 85-99%."""
    step = _unit_step(value)
    los = {d.lo.value: d for d in drafts if d.lo is not None}
    out = []
    for d in drafts:
        ranged = d.lo is not None and d.lo.value < (d.hi.value if d.hi else d.lo.value)
        if d.hi is not None and (ranged or (always and d.lo is None)) and \
                (always or d.hi.claim is not Claim.EXPLICIT) and _whole(d.hi.value, step) and \
                (d.lo is None or _whole(d.lo.value, step)):
            nxt = los.get(d.hi.value + step)
            if nxt is not None and nxt is not d:
                shown = show(d.hi.value + step, value.kind, value.unit)
                ctx.info("PE113", *pair("reading_pe113", label=d.label, shown=shown), d.span)
                d = attrs.evolve(d, hi=Side(d.hi.value + step, False, Claim.EXPLICIT))
        out.append(d)
    return out


def _widen_points(drafts: list[Draft], ctx: Context, value: ValueInfo) -> list[Draft]:
    """100%计满分，每低于5%扣2分: a single value that earns the most, with every other piece below it, covers
    the values above it too (and the other way round) — the text names the reference, not a point. A place
    (倒数第2名扣1分) is a place: the ones after it are not in it."""
    out = list(drafts)
    if value.kind is ir.Kind.RANK:
        return out
    for i, d in enumerate(out):
        if d.lo is None or d.hi is None or d.lo.value != d.hi.value or d.either_way:
            continue
        v = d.lo.value
        others = [e for j, e in enumerate(out) if j != i]
        fixed = all(isinstance(e.expr, ir.Const | ir.MaxPoints) for e in others)
        if not others or fixed and not (isinstance(d.expr, ir.MaxPoints) and all(e.filled for e in others)):
            continue  # a table of fixed points: =0 is the value 0 alone (but 满意度90%得满分，否则不得分 is a floor)
        below = all(e.hi is not None and e.hi.value <= v for e in others)
        above = all(e.lo is not None and e.lo.value >= v for e in others)
        if below == above:
            continue
        shown = show(v, value.kind, value.unit)
        if below:
            out[i] = attrs.evolve(d, hi=None)
            ctx.info("PE102", *pair("reading_pe102", label=d.label, shown=shown), d.span)
        else:
            out[i] = attrs.evolve(d, lo=None)
            ctx.info("PE102", *pair("reading_pe102_3", label=d.label, shown=shown), d.span)
    return out


def _rising(drafts: list[Draft], ctx: Context) -> list[Draft]:
    """80%以上计4分；90%以上计6分 (分值6) · 10%以下计4分；5%以下计6分: open bands written towards the best,
    each worth more. Together they add to more than the 分值, so they cannot all be earned: the best one
    reached counts (PE142), and each band ends where the next begins. Adding up to no more than the 分值, they
    could be meant to add: left to overlap, and refused."""
    for upwards in (True, False):
        open_ = [d for d in drafts if (d.hi is None) == upwards and (d.lo is None) != upwards
                 and not (d.weak or d.either_way or d.judged or d.veto or d.described)]
        if len(open_) < 2 or not all(isinstance(d.expr, ir.Const | ir.MaxPoints) for d in open_):
            continue
        P = ctx.max_points
        points = [value_at(d.expr, Decimal(0), P) for d in open_]
        edges = [side.value for d in open_ if (side := d.lo if upwards else d.hi) is not None]
        if not upwards:
            edges = [-e for e in edges]
        if any(b <= a for a, b in zip(edges, edges[1:], strict=False)) or \
                any(b <= a for a, b in zip(points, points[1:], strict=False)) or sum(points) <= P:
            continue
        out = list(drafts)
        for d, nxt in zip(open_, open_[1:], strict=False):
            edge = nxt.lo if upwards else nxt.hi
            assert edge is not None
            end = Side(edge.value, not edge.inclusive, edge.claim)
            out[out.index(d)] = attrs.evolve(d, hi=end) if upwards else attrs.evolve(d, lo=end)
            ctx.info("PE142", *pair("reading_pe142", label=d.label, label_=nxt.label), d.span)
        drafts = out
    return drafts


def _successive(drafts: list[Draft], ctx: Context, percent: bool) -> list[Draft]:
    """Nested bands read one after another: 超过5%以下→8分；超过15%以下→4分 is (5%, 15%] for the second."""
    out = list(drafts)
    written = list(drafts)  # each band as written: 95%以上…；85%以上…；60%以上… — each below the one before it
    for i, d in enumerate(out):
        for j in reversed(range(i)):  # the nearest band before first
            e = written[j]
            if d.weak or e.weak:
                continue
            if d.lo is not None and e.lo is not None and d.lo.value == e.lo.value and d.hi is not None and \
                    e.hi is not None and e.hi.value < d.hi.value:
                out[i] = attrs.evolve(d, lo=Side(e.hi.value, not e.hi.inclusive, e.hi.claim))
            elif d.hi is None and e.hi is None and d.lo is not None and e.lo is not None and d.lo.value < e.lo.value:
                # 90%以上计6分；80%以上计4分: a cascade downwards, each band below the one before it
                out[i] = attrs.evolve(d, hi=Side(e.lo.value, not e.lo.inclusive, e.lo.claim))
            elif d.lo is None and e.lo is None and d.hi is not None and e.hi is not None and d.hi.value > e.hi.value:
                # 60%以下不得分；70%以下计2分: a cascade upwards
                out[i] = attrs.evolve(d, lo=Side(e.hi.value, not e.hi.inclusive, e.hi.claim))
            else:
                continue
            ctx.info("PE136", *pair("reading_pe136", label=d.label), d.span)
            d = out[i]
    return out


def _without(iv: ir.Interval, value: Decimal) -> ir.Interval:
    if iv.lo == value:
        iv = attrs.evolve(iv, lo_in=False)
    if iv.hi == value:
        iv = attrs.evolve(iv, hi_in=False)
    return iv


def mirror(iv: ir.Interval) -> list[ir.Interval]:
    """A band on the distance either way (±8%以内) on the signed value: [-8%, 8%]; (8%, 12%] → both sides."""
    if iv.lo is None:
        hi = iv.hi
        return [ir.Interval(None if hi is None else -hi, iv.hi_in, hi, iv.hi_in)]
    if iv.hi is None:
        return [ir.Interval(None, False, -iv.lo, iv.lo_in), ir.Interval(iv.lo, iv.lo_in, None, False)]
    if iv.lo <= 0:
        return [ir.Interval(-iv.hi, iv.hi_in, iv.hi, iv.hi_in)]
    return [ir.Interval(-iv.hi, iv.hi_in, -iv.lo, iv.lo_in), iv]


def _completed(pieces: list[ir.Piece]) -> list[ir.Piece]:
    """Pieces plus zero contributions on every value they leave (a bonus that does not apply adds 0)."""
    from ..intervals import gaps

    out = list(pieces)
    intervals = [p.interval for p in pieces]
    span = pieces[0].span if pieces else Span(1, 1, 1, 1, 0, 0)
    zero = ir.Const(Decimal(0))
    for g in gaps(intervals):
        out.append(ir.Piece(g, zero, span, ""))
    if not any(iv.lo is None for iv in intervals):
        low = min((iv.lo for iv in intervals if iv.lo is not None), default=None)
        if low is not None:
            covered = any(iv.lo == low and iv.lo_in for iv in intervals)
            out.append(ir.Piece(ir.Interval(None, False, low, not covered), zero, span, ""))
    if not any(iv.hi is None for iv in intervals):
        high = max((iv.hi for iv in intervals if iv.hi is not None), default=None)
        if high is not None:
            covered = any(iv.hi == high and iv.hi_in for iv in intervals)
            out.append(ir.Piece(ir.Interval(high, not covered, None, False), zero, span, ""))
    out.sort(key=lambda p: (p.interval.lo is not None, p.interval.lo if p.interval.lo is not None else 0))
    return out
