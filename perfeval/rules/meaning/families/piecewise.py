"""Numeric standards: bands, steps, linear, proportional and formula scoring of one value → its streams.

Every statement becomes a draft piece (an interval as written, with the strength of each edge's claim,
and the points on it). Steps count from the reference the bands name (100%计满分 → 100%), from 以100%为标准,
or from the condition before them (低于90%的每降低1个百分点 → 90%); regions the standard only implies (the
values below 100% where the steps apply, a formula with no condition) have the written bands carved out
of them; conditions in words (达到或超过标准值) take what the numbered ones leave; then every shared edge
is given to one piece (:mod:`..intervals`). Bonus steps (每超1%加0.3分) become a bonus stream on the same
value.

>>> from perfeval.rules.syntax.parser import parse
>>> from perfeval.rules.meaning.analyse import analyse
>>> item = analyse(parse("90%（含）以上计6分；低于90%计0分"), Decimal(6)).item
>>> [render_interval(p.interval) for p in item.streams[0].fn.pieces]
['(-∞, 90%)', '[90%, +∞)']
"""

from __future__ import annotations

import re
from decimal import Decimal

import attrs

from ....i18n import Words
from ...messages import pair
from ...syntax import nodes as n
from ...vocabulary import REACHING_WORDS, Claim
from .. import ir
from ..conditions import Cond, conditions
from ..context import Context
from ..intervals import Side, render_interval, resolve, subtract
from ..roles import Amount, Reading
from .bands import Draft, ValueInfo, finish, gaps_of, mirror, value_at
from .common import Mods, amount_expr, show
from .computed import nothing_missing

__all__ = ["piecewise", "veto_of"]


def _sides(c: Cond) -> tuple[Side | None, Side | None]:
    return c.lo, c.hi


def piecewise(readings: list[Reading], ctx: Context, value: ValueInfo, mods: Mods,
              reference: Decimal | None) -> tuple[list[ir.Piece], list[ir.Piece]]:
    """The pieces of the base stream and of the bonus stream (empty when there is no bonus)."""
    from .schedules import continue_schedule, examples_of
    from .shortfall import from_reference, shortfalls

    P = ctx.max_points
    readings, examples = examples_of(readings, ctx.max_points)
    # 降低20%以上不得分 beside 每降低1%扣0.2分: placed once the steps say where they count from
    falls = shortfalls(readings, P)
    readings = [r for r in readings if not any(r is f for f in falls)]
    drafts: list[Draft] = []
    bonus: list[Draft] = []
    steps: list[Reading] = []
    otherwise: list[Reading] = []
    for r in readings:
        s = r.statement
        label = ctx.source(s.span)
        veto = veto_of(r, ctx)
        if r.role == "band":
            if s.find(n.CompareList):
                from .respectively import respectively

                drafts += respectively(r, ctx, value)
                continue
            assert r.cond is not None
            if s.has(n.Otherwise):
                otherwise.append(r)
                continue
            _one_amount(r, ctx)
            expr = _band_expr(r, P)
            target = bonus if r.bonus is not None else drafts
            # One condition: the reading's own (it may have been placed, as the 标准值 of values.value_of);
            # 低于60%或高于140%: each alternative on its own.
            alternatives = conditions([p for p in s.head if not isinstance(p, n.Per)])
            for cond in alternatives if len(alternatives) > 1 else [r.cond]:
                cond = _at_reference(cond, value)
                literal = any(isinstance(q, n.Bound) and q.suffix.side == "upper" for q in s.head)
                if r.deduct is not None and cond.lo is None and cond.hi is not None and cond.hi.value > 0 \
                        and value.ref is None and not cond.either_way and literal:
                    # 4%以内扣0.5分: a share of failures; none at all (0%) has nothing to deduct.
                    cond = attrs.evolve(cond, lo=Side(Decimal(0), False, Claim.EXPLICIT))
                    if not any(d.hi is not None and d.hi.value == 0 for d in drafts):
                        zero = Side(Decimal(0), True, Claim.EXPLICIT)
                        drafts.append(Draft(zero, zero, ir.MaxPoints(), s.span, ""))
                        ctx.info("PE114", *pair("reading_pe114", label=label, shown=show(Decimal(0), value.kind)),
                                 s.span)
                if cond.numeric:
                    target.append(Draft(cond.lo, cond.hi, expr, s.span, label, veto=veto,
                                        either_way=cond.either_way or _fluctuates(s), judged=_judged(r)))
                else:
                    target.append(Draft(None, None, expr, s.span, label, described=_described_side(cond, value.lower_better),
                                        veto=veto))
        elif r.role == "step":
            steps.append(r)
        elif r.role == "rank":
            from .rank import rank_drafts

            drafts += rank_drafts(r, ctx)
        elif r.role == "award":
            if s.has(n.Otherwise):
                otherwise.append(r)
                continue
            _one_amount(r, ctx)
            amount = amount_expr(r.amount, P)
            full = _full_words(r, value, readings)
            if full is not None:
                drafts.append(Draft(full, None, amount, s.span, label, veto=veto))
                ctx.info("PE105", *pair("reading_pe105", label=label, shown=show(full.value, value.kind)), s.span)
                continue
            # 达到或超过标准值得分 · 完成目标得满分: a condition in words; it takes what the numbers leave
            # (for a “≤” indicator, meeting the target is being at or below it).
            side = _described_side(r.cond, value.lower_better) if r.cond is not None else "upper" if value.lower_better else "lower"
            drafts.append(Draft(None, None, amount, s.span, label, described=side, veto=veto))
        elif r.role == "computed":
            drafts.append(_computed(r, ctx, value, drafts))
        elif r.role == "zero":
            if s.has(n.Otherwise):
                otherwise.append(r)  # 否则不得分: every value the others leave
                continue
            drafts.append(Draft(None, None, ir.Const(Decimal(0)), s.span, label,
                                described=_described_side(r.cond, value.lower_better) if r.cond else "upper", veto=veto))
    stepped: list[Draft] = []
    for r in steps:
        made = _steps(r, ctx, value, drafts, mods, reference, examples)
        earns = r.bonus is not None or r.deduct is None and r.amount is not None  # 每提高1个百分点得0.25分
        (bonus if earns else drafts).extend(made)
        stepped += [] if earns else made
    for r in falls:
        cond = from_reference(r, stepped, ctx, value)
        _one_amount(r, ctx)
        drafts.append(Draft(cond.lo, cond.hi, _band_expr(r, P), r.statement.span, ctx.source(r.statement.span),
                            veto=veto_of(r, ctx), judged=_judged(r)))
    for r in readings:
        if r.role == "rank_step":
            from .rank import rank_step_drafts

            drafts += rank_step_drafts(r, ctx, drafts)
    ladders = [r for r in readings if any(isinstance(m, n.Schedule) for m in r.statement.modifiers)]
    if ladders or mods.schedule:
        span = (ladders[0] if ladders else readings[0]).statement.span
        bonus_ladder = any(r.bonus is not None for r in ladders)
        cap = next((m.points for r in ladders for m in r.statement.modifiers if isinstance(m, n.GainCap)), None)
        if bonus_ladder:
            bonus = continue_schedule(bonus, ctx, value, span, cap, P)
        else:
            taken = next((m.points for r in ladders for m in r.statement.modifiers
                          if isinstance(m, n.Cap | n.CapUntil) and m.points is not None), None)
            drafts = continue_schedule(drafts, ctx, value, span, None, P, taken)
    if any(isinstance(m, n.Linear) for r in readings for m in (r.statement.outcome,)):
        drafts = _linear(drafts, ctx, value)
    drafts = _carve(drafts, ctx)
    drafts = _fill_described(drafts, ctx, value)
    drafts = _share_of_requirement(drafts, ctx, value)
    if otherwise:
        drafts = _point_as_bound(drafts, ctx, value)
    for r in otherwise:
        drafts += _complement(drafts, r, ctx)
    if bonus and drafts and all(isinstance(d.expr, ir.Const) and d.expr.value == 0 for d in drafts):
        # 80%以上的，每增加1个百分点加0.5分，最高得10分；80%以下不得分: the values that fail score 0 and the steps
        # are what the others earn — the item's own points, within its 分值 (not a bonus on top of full marks)
        drafts = drafts + [attrs.evolve(b, weak=False) for b in bonus]
        bonus = []
        ctx.info("PE155", *pair("reading_pe155"),
                 drafts[0].span)
    elif _only_losses(readings):
        drafts = _failing_only(drafts, ctx, value)
    bonus = _carve(bonus, ctx)
    drafts = _under_bonus(drafts, bonus, ctx, value)
    if bonus:
        # 按完成比例计分，超过100%的部分每超过5%加0.5分: beside a bonus the computed points stay within the 分值
        # (满分为止) — 104% is 10 and no bonus, not 10.4 of the bonus's room above 分值
        drafts = [attrs.evolve(d, expr=ir.Min(d.expr, ir.MaxPoints())) if not isinstance(d.expr, ir.Const | ir.MaxPoints)
                  else d for d in drafts]
    pieces = finish(drafts, ctx, value)
    _check_examples(pieces, examples, ctx, value)
    return pieces, (finish(bonus, ctx, value, complete=True) if bonus else [])


def _under_bonus(drafts: list[Draft], bonus: list[Draft], ctx: Context, value: ValueInfo) -> list[Draft]:
    """完成率100%得5分，每超1%加0.3分: the value the bonus steps start from keeps its points above it too —
    the bonus is added on top of them (PE102)."""
    if not bonus or len(drafts) != 1:
        return drafts
    d = drafts[0]
    if d.lo is None or d.hi is None or d.lo.value != d.hi.value:
        return drafts
    v = d.lo.value
    if all(b.lo is not None and b.lo.value >= v for b in bonus):
        shown = show(v, value.kind, value.unit)
        ctx.info("PE102", *pair("reading_pe102_2", label=d.label, shown=shown), d.span)
        return [attrs.evolve(d, hi=None)]
    return drafts


def _check_examples(pieces: list[ir.Piece], examples: list[tuple[Decimal, Decimal, Reading]], ctx: Context,
                    value: ValueInfo) -> None:
    """即完成90%计7.5分: a worked example the rule does not reproduce is an error, never ignored."""
    P = ctx.max_points
    for x, want, r in examples:
        piece = next((p for p in pieces if p.interval.contains(x)), None)
        got = value_at(piece.expr, x, P) if piece is not None else None
        if got is None or got != want:
            shown = "—" if got is None else f"{got.normalize():f}"
            raise ctx.fail("example_disagrees", r.statement.span, clause=ctx.source(r.statement.span),
                           value=show(x, value.kind, value.unit), want=f"{want.normalize():f}", got=shown)


def _failing_only(drafts: list[Draft], ctx: Context, value: ValueInfo) -> list[Draft]:
    """农村改厕验收合格率76%以下的计0分 · 逾期2个工作日扣0.3分…: a standard that only says what fails keeps
    the 分值 for the values it does not name (on the side away from its failing values)."""
    P = ctx.max_points
    if not drafts or any(_earns_full(d, P) for d in drafts):
        return drafts

    if any(d.described is not None and d.lo is None and d.hi is None for d in drafts):
        return drafts
    out = list(drafts)
    open_ends = [(lo, hi) for lo, hi in gaps_of(drafts) if lo is None or hi is None]
    if value.kind is ir.Kind.RANK:
        # places start at 1: nothing lies below the first (倒数第1名扣2分，倒数第2名扣1分 leaves 3 and after)
        open_ends = [(lo, hi) for lo, hi in open_ends if not (lo is None and hi is not None and hi.value <= 1)]
    if len(open_ends) != 1:
        return drafts  # failing values on a bounded stretch: what lies on either side is not said
    for lo, hi in open_ends:
        if lo is None or hi is None:
            # no clause of the text: a label in words, shown in the explanation's language
            out.append(Draft(lo, hi, ir.MaxPoints(), drafts[0].span, Words("piece_the_rest"), weak=False))
            region = render_interval(ir.Interval(lo.value if lo else None, lo.inclusive if lo else False,
                                                 hi.value if hi else None, hi.inclusive if hi else False),
                                     value.kind is ir.Kind.RATE)
            ctx.info("PE131", *pair("reading_pe131", region=region), drafts[0].span)
    return out


def _point_as_bound(drafts: list[Draft], ctx: Context, value: ValueInfo) -> list[Draft]:
    """满意度90%得满分，否则不得分: one value that earns full marks, with 否则 for the rest, is reached at that value
    (and above; at or below it for a “≤” indicator) — exactly 90% alone is not what such a table means (PE102)."""
    points = [d for d in drafts if d.lo is not None and d.hi is not None and d.lo.value == d.hi.value]
    if value.kind is ir.Kind.RANK:
        return drafts  # 排名第1名的得满分，其余得3分: a place named is that place (not 1 and every place after it)
    if len(drafts) != 1 or len(points) != 1 or not isinstance(drafts[0].expr, ir.MaxPoints):
        return drafts
    d = drafts[0]
    shown = show(d.lo.value if d.lo else Decimal(0), value.kind, value.unit)
    if value.lower_better:
        ctx.info("PE102", *pair("reading_pe102_3", label=d.label, shown=shown), d.span)
        return [attrs.evolve(d, lo=None)]
    ctx.info("PE102", *pair("reading_pe102", label=d.label, shown=shown), d.span)
    return [attrs.evolve(d, hi=None)]


def _only_losses(readings: list[Reading]) -> bool:
    """不得分, 扣2分, 每…扣: every statement takes points away (none awards fewer points, as 90%以上计5分 of 6)."""
    return all(r.role in ("zero", "step", "count") or r.deduct is not None or
               (r.amount is not None and r.amount.zero) for r in readings if r.role != "note")


def _earns_full(d: Draft, P: Decimal) -> bool:
    """Whether a draft can earn the whole 分值 (at the edge of its region, where steps have not begun)."""
    edge = d.lo.value if d.lo is not None else d.hi.value if d.hi is not None else Decimal(0)
    try:
        return value_at(d.expr, edge, P) >= P
    except (ArithmeticError, TypeError):
        return True


_FULL_WORDS = re.compile(r"全额|足额|全部完成|全面完成|按期完成|完成[^,;。的]{0,12}?(?:目标|任务|计划)|达到[^,;。的]{0,8}?(?:目标|标准)")


def _full_words(r: Reading, value: ValueInfo, readings: list[Reading]) -> Side | None:
    """资金按期全额到位的计满分 · 完成年度目标的得8分: for a rate with no number written, the whole (100%)."""
    if value.kind is not ir.Kind.RATE or value.ref is not None:
        return None
    described = any(isinstance(p, n.Described) for p in r.statement.head)
    if described and any(o.cond is not None and o.cond.numeric and o.role in ("band", "computed") for o in readings):
        return None  # 达到或超过标准值得分，未达到90%…: the standard value is the 90%, not 100%
    words = "".join(p.text for p in r.statement.head if isinstance(p, n.Words))
    if _FULL_WORDS.search(words) and not words.startswith(("未", "超额")):
        return Side(Decimal(1), True, Claim.CONVENTION)
    return None


def veto_of(r: Reading, ctx: Context) -> str | None:
    """一票否决 · 取消…资格: the words of a veto the statement carries (an outcome beside the points), or None."""
    for m in (*r.statement.modifiers, *r.statement.head):
        if isinstance(m, n.Veto):
            return ctx.source(m.span)
    return None


def _at_reference(c: Cond, value: ValueInfo) -> Cond:
    """不超过年度用水计划 against shares of it: the reference itself is the share 100%, not 0. For a
    lower-is-better indicator, reaching its target (达到目标值的 · 未达到的) is being at or below it."""
    if c.at_reference and value.lower_better and _only_reaching(c):
        c = attrs.evolve(c, lo=None if c.hi is None else Side(c.hi.value, c.hi.inclusive, c.hi.claim),
                         hi=None if c.lo is None else Side(c.lo.value, c.lo.inclusive, c.lo.claim))
    if not (c.at_reference and value.share):
        return c
    one = Decimal(1)
    lo = None if c.lo is None else Side(c.lo.value + one, c.lo.inclusive, c.lo.claim)
    hi = None if c.hi is None else Side(c.hi.value + one, c.hi.inclusive, c.hi.claim)
    return attrs.evolve(c, lo=lo, hi=hi, at_reference=False)


def _fluctuates(s: object) -> bool:
    """偏差3%以内 · 浮动3%以内 · 相差在20%以内: a band on a deviation counts either way."""
    head = getattr(s, "head", ())
    words = "".join(p.text for p in head if isinstance(p, n.Words))
    bound = any(isinstance(p, n.Bound) and p.suffix.word in ("以内", "之内") for p in head)
    return bound and any(w in words for w in ("浮动", "偏差", "偏离"))


def _judged(r: Reading) -> tuple[ir.Expr, ir.Expr] | None:
    if r.amount is not None and r.amount.low is not None and r.amount.high is not None:
        return ir.Const(r.amount.low), ir.Const(r.amount.high)
    if r.amount is not None and r.amount.share is not None and r.amount.share_high is not None:
        # 满分的90%~100%: the assessor's range, as shares of the 分值
        return (ir.Op("*", ir.MaxPoints(), ir.Const(r.amount.share)),
                ir.Op("*", ir.MaxPoints(), ir.Const(r.amount.share_high)))
    return None


def _one_amount(r: Reading, ctx: Context) -> None:
    """低于85%的…分别得8、6、4、2分: several points for one condition (no thresholds to pair them with) — which
    one applies is not said."""
    many = (r.amount is not None and len(r.amount.values) > 1) or (r.deduct is not None and len(r.deduct.values) > 1)
    if many:
        raise ctx.fail("cond_without_points", r.statement.span, clause=ctx.source(r.statement.span))


def _band_expr(r: Reading, P: Decimal) -> ir.Expr:
    if r.deduct is not None:
        # 4%以内扣0.5分: a deduction band earns the 分值 less the deduction.
        amount = r.deduct.high if r.deduct.high is not None else Decimal(0)
        return ir.Op("-", ir.MaxPoints(), ir.Const(amount))
    if r.bonus is not None:
        return ir.Const(r.bonus.high)
    if r.amount is not None and r.amount.low is not None:
        return ir.Const(r.amount.low)
    if r.amount is not None and r.amount.share is not None and r.amount.share_high is not None:
        return ir.Op("*", ir.MaxPoints(), ir.Const(r.amount.share))  # the low end; _judged gives the range
    return amount_expr(r.amount, P)


def _described_side(c: Cond | None, lower_better: bool = False) -> str:
    """Which values a condition in words covers: 达到/超过 the rest above, 未达到/低于 the rest below — and for a
    lower-is-better indicator, 达到/未达到 (reaching its target or not) the other way round."""
    if c is None or c.cmp is None:
        return "lower" if c is None or not (c.fact or "").startswith(("未", "没有", "不", "无")) else "upper"
    above = c.cmp.side == "lower"
    if lower_better and _only_reaching(c):
        above = not above
    return "lower" if above else "upper"


def _only_reaching(c: Cond) -> bool:
    """达到目标值的 · 未达到的: a condition that only says the target is (not) reached, with no number — which
    side that is, a lower-is-better indicator turns round."""
    return c.cmp is not None and c.cmp.word in REACHING_WORDS and not c.numbers


_PROPORTIONAL = ir.Op("*", ir.MaxPoints(), ir.X())


def _share_of_requirement(drafts: list[Draft], ctx: Context, value: ValueInfo) -> list[Draft]:
    """完成率达到90%以上得5分,低于90%的按比例得分: below the requirement the share is of the requirement —
    分值 × x / 90% (89% → 4.94; continuous at 90%), not 分值 × x (4.45), reading PE147."""
    P = ctx.max_points
    out: list[Draft] = []
    for d in drafts:
        top = d.hi.value if d.hi is not None else None
        full = top is not None and top not in (0, 1) and d.lo is None and any(
            o.lo is not None and o.lo.value == top and isinstance(o.expr, ir.MaxPoints | ir.Const)
            and (isinstance(o.expr, ir.MaxPoints) or o.expr.value == P) for o in drafts if o is not d)
        if d.expr == _PROPORTIONAL and full and value.ref is None:
            assert top is not None
            shown = show(top, value.kind, value.unit)
            ctx.info("PE147", *pair("reading_pe147", label=d.label, shown=shown), d.span)
            d = attrs.evolve(d, expr=ir.Op("/", _PROPORTIONAL, ir.Const(top)))
            ctx.retract("PE140", d.span)  # 分值 × 比率 was the reading before the requirement was known
        out.append(d)
    return out


def _computed(r: Reading, ctx: Context, value: ValueInfo, drafts: list[Draft]) -> Draft:
    """按比例, 按超支比例扣减, 线性, a formula: the points computed from the value on a region."""
    from .computed import computed_expr

    s = r.statement
    label = ctx.source(s.span)
    expr = computed_expr(r, ctx, value)
    if isinstance(s.outcome, n.Overspend):
        # 按超支比例扣减 only applies where the cost is over the target: actual/target above 100%.
        return Draft(Side(Decimal(1), False, Claim.CONVENTION), None, expr, s.span, label)
    if r.cond is not None and r.cond.numeric:
        c = _at_reference(r.cond, value)  # 未完成任务的按完成比例得分: short of the target is below 100%, not 0
        return Draft(c.lo, c.hi, expr, s.span, label, weak=False)
    if r.cond is not None and r.cond.cmp is not None:
        # 未完成的，按超支比例扣减 · 未达到的，同比例扣减: the rest of the values on that side.
        return Draft(None, None, expr, s.span, label, weak=True,
                     described=_described_side(r.cond, value.lower_better))
    return Draft(None, None, expr, s.span, label, weak=True)


def _steps(r: Reading, ctx: Context, value: ValueInfo, drafts: list[Draft], mods: Mods,
           reference: Decimal | None, examples: list[tuple[Decimal, Decimal, Reading]]) -> list[Draft]:
    from .steps import step_drafts

    if r.cond is not None:
        r = attrs.evolve(r, cond=_at_reference(r.cond, value))  # 超过目标值的每超过5%: from the target, 100% of it

    return step_drafts(r, ctx, value, drafts, mods, reference, examples)


def _linear(drafts: list[Draft], ctx: Context, value: ValueInfo) -> list[Draft]:
    from .computed import linear

    return linear(drafts, ctx, value.kind, value.unit)


def _carve(drafts: list[Draft], ctx: Context) -> list[Draft]:
    """Take the written bands out of the regions the standard only implies (steps, formulas)."""
    strong = [d for d in drafts if not d.weak and d.described is None]
    implied = [d for d in drafts if d.implied]
    if implied:
        others = [d for d in drafts if not d.implied and (d.lo is not None or d.hi is not None)]
        drafts = [d for d in drafts if not d.implied] + [
            piece for d in implied for piece in _carve_by(d, others)]
    if not strong:
        return drafts
    written, _, _ = resolve([(d.lo, d.hi) for d in strong])
    # a band either way (±5%以内, 偏差3%以内) covers both sides of the reference
    intervals = [m for d, iv in zip(strong, written, strict=True) for m in (mirror(iv) if d.either_way else [iv])]
    out: list[Draft] = list(strong)
    for d in drafts:
        if not d.weak:
            if d.described is not None:
                out.append(d)
            continue
        if d.described is not None and d.lo is None and d.hi is None:
            out.append(d)
            continue
        region = ir.Interval(d.lo.value if d.lo else None, d.lo.inclusive if d.lo else False,
                             d.hi.value if d.hi else None, d.hi.inclusive if d.hi else False)
        parts = [region]
        for iv in intervals:
            parts = [rest for part in parts for rest in subtract(part, iv)]
        if not parts:
            # 超过10%的加1分,超过30%以上,每超过20%加1分: the written band covers every value the steps would
            # score — dropping the steps would drop a clause, and adding them up is not said
            cover = next((o for o in strong if _meets(o, region)), strong[0])
            raise ctx.fail("rules_overlap", d.span, a=cover.label, b=d.label, region=render_interval(region))
        if parts != [region]:
            shown = "、".join(render_interval(p) for p in parts)
            ctx.info("PE135", *pair("reading_pe135", label=d.label, shown=shown), d.span)
        for part in parts:
            lo = None if part.lo is None else Side(part.lo, part.lo_in, Claim.EXPLICIT)
            hi = None if part.hi is None else Side(part.hi, part.hi_in, Claim.EXPLICIT)
            out.append(attrs.evolve(d, lo=lo, hi=hi, weak=False))
    return out


def _meets(d: Draft, region: ir.Interval) -> bool:
    iv = ir.Interval(d.lo.value if d.lo else None, d.lo.inclusive if d.lo else False,
                     d.hi.value if d.hi else None, d.hi.inclusive if d.hi else False)
    return subtract(region, iv) != [region]


def _carve_by(d: Draft, others: list[Draft]) -> list[Draft]:
    region = ir.Interval(d.lo.value if d.lo else None, d.lo.inclusive if d.lo else False,
                         d.hi.value if d.hi else None, d.hi.inclusive if d.hi else False)
    parts = [region]
    for o in others:
        iv = ir.Interval(o.lo.value if o.lo else None, o.lo.inclusive if o.lo else False,
                         o.hi.value if o.hi else None, o.hi.inclusive if o.hi else True)
        parts = [rest for part in parts for rest in subtract(part, iv)]
    return [attrs.evolve(d, lo=None if p.lo is None else Side(p.lo, p.lo_in, Claim.EXPLICIT),
                         hi=None if p.hi is None else Side(p.hi, p.hi_in, Claim.EXPLICIT), implied=False)
            for p in parts]


def _fill_described(drafts: list[Draft], ctx: Context, value: ValueInfo) -> list[Draft]:
    """A condition in words covers what the numbered conditions leave on its side."""
    written = [d for d in drafts if d.described is None or d.lo is not None or d.hi is not None]
    words = [d for d in drafts if d.described is not None and d.lo is None and d.hi is None]
    if not words:
        return drafts
    whole = nothing_missing(written, words, ctx)
    if whole is not None:
        return whole
    if not written:
        if value.ref is None:
            return drafts
        # 完成年度减排进度目标的得30分，未完成的不得分: meeting the reference or not.
        at = Decimal(1) if value.share else Decimal(0)
        out2: list[Draft] = []
        for d in words:
            # the reference itself meets it: from below for a “≤” indicator, else from above
            if d.described == "lower":
                lo, hi = Side(at, not value.lower_better, Claim.CONVENTION), None
            else:
                lo, hi = None, Side(at, value.lower_better, Claim.CONVENTION)
            same = next((i for i, e in enumerate(out2) if (e.lo, e.hi) == (lo, hi) and e.expr == d.expr), None)
            if same is not None:
                out2[same] = attrs.evolve(out2[same], veto=out2[same].veto or d.veto)
                continue
            out2.append(attrs.evolve(d, lo=lo, hi=hi, described=None))
        return out2
    gaps = gaps_of(written)
    out = list(written)
    for d in words:
        mine = [g for g in gaps if (d.described == "lower" and g[1] is None) or (d.described == "upper" and g[0] is None)]
        if not mine:
            # 达到…得分 with no values left above the numbered bands (or a gap only between them): the words
            # cannot be placed, and a gap between bands is never filled by a guess
            raise ctx.fail("words_without_values", d.span, clause=d.label,
                           hint="hint_which_applies")
        for lo, hi in mine:
            region = ir.Interval(lo.value if lo else None, lo.inclusive if lo else False,
                                 hi.value if hi else None, hi.inclusive if hi else False)
            ctx.info("PE130", *pair("reading_pe130", label=d.label,
                                    interval=render_interval(region, value.kind is ir.Kind.RATE)), d.span)
            out.append(attrs.evolve(d, lo=lo, hi=hi, described=None, filled=True))
            gaps = [g for g in gaps if g != (lo, hi)]
    return out



def _complement(drafts: list[Draft], r: Reading, ctx: Context) -> list[Draft]:
    """否则不得分: every value the other pieces leave earns the 否则 amount."""
    expr = _band_expr(r, ctx.max_points) if r.amount is not None or r.deduct is not None else ir.Const(Decimal(0))
    label = ctx.source(r.statement.span)
    return [Draft(lo, hi, expr, r.statement.span, label) for lo, hi in gaps_of(drafts)]


_ = (Amount,)
