"""Stage 3, numeric standards: bands, stepwise deductions, proportional and formula scoring →
:class:`~perfeval.rules.ir.Piecewise`.

Every clause becomes a draft piece (an interval as written, with the strength of each edge's claim, and
the points on it); steps count from the reference the bands name; conditions given in words cover what
the written pieces leave; :mod:`perfeval.rules.edges` then gives every shared edge to one piece.

>>> from perfeval.rules.parser import parse
>>> from perfeval.rules.context import Context
>>> std = parse("90%（含）以上计6分；低于90%计0分")
>>> [p.interval.render() for p in piecewise(list(std.clauses), Context(std, Decimal(6))).pieces]
['(-∞, 90%)', '[90%, +∞)']
"""

from __future__ import annotations

from decimal import Decimal

import attrs

from ..errors import PerfevalError
from . import ast, ir
from .context import Context, amount_of, is_vague, sides_of, source_of
from .edges import Side, gaps, resolve
from .evaluate import eval_expr
from .ir import Interval, show


@attrs.frozen
class _Draft:
    """A piece before its edges are resolved."""

    lo: Side | None
    hi: Side | None
    expr: ir.Expr
    span: ast.Span
    label: str
    described: str | None = None  # op of a condition given in words (达到或超过标准值)
    # A region the standard implies rather than states (the values below 100% where steps apply, a
    # formula with no condition): the written bands are carved out of it.
    weak: bool = False


def piecewise(clauses: list[ast.Clause], ctx: Context) -> ir.Piecewise:
    text = ctx.standard.text
    P = ctx.max_points
    drafts: list[_Draft] = []
    steps = [c for c in clauses if isinstance(c, ast.Step)]
    percent = True
    x_from: ir.Expr | None = None
    inputs: tuple[str, ...] = ()
    max_deduction: Decimal | None = None
    otherwise: ast.Otherwise | None = None
    reference: Decimal | None = None
    unit: str | None = None
    when_absent: Decimal | None = None
    counted = any(s.direction is ast.Direction.COUNT for s in steps)
    rate_steps = any(s.direction is not ast.Direction.COUNT for s in steps)
    if rate_steps and any(isinstance(c, ast.Proportional) and (c.cond is None or is_vague(c.cond)) for c in clauses):
        steps = [attrs.evolve(st, mode=st.mode or "proportional") for st in steps]
    has_formula = any(isinstance(c, ast.Formula) for c in clauses)

    for c in clauses:
        label = text[c.span.start : c.span.end] if hasattr(c, "span") else ""
        if isinstance(c, ast.Award):
            points = amount_of(c.amount, P)
            if (c.cond is None or is_vague(c.cond)) and counted:
                # "按时报送报告的得10分；每推迟一个工作日…扣1分": the award is the count of zero.
                ctx.info("PE132", f"{label!r} read as the score when nothing is counted", c.span)
                continue
            if c.cond is None or is_vague(c.cond):
                op = c.cond.op if c.cond is not None else "达到"
                drafts.append(_Draft(None, None, ir.Const(points), c.span, label, described=op or "达到"))
            else:
                lo, hi = sides_of(c.cond)
                percent = _is_percent(c.cond, percent)
                drafts.append(_Draft(lo, hi, ir.Const(points), c.span, label))
        elif isinstance(c, ast.Reference):
            reference = c.value.value
        elif isinstance(c, ast.Absent):
            when_absent = amount_of(c.amount, P)
            ctx.info("PE134", f"without a value: {label!r}", c.span)
        elif isinstance(c, ast.Cap):
            max_deduction = c.points
        elif isinstance(c, ast.Otherwise):
            otherwise = c
        elif isinstance(c, ast.Proportional):
            if rate_steps and (c.cond is None or is_vague(c.cond)):
                # "100%计满分，每低于5%扣2分，按比例扣分": how the steps count, not a second rule.
                continue
            if has_formula and (c.cond is None or is_vague(c.cond)):
                ctx.info("PE142", f"{label!r} is spelled out by the formula", c.span)
                continue
            if (c.cond is None or is_vague(c.cond)) and len(clauses) == 1:
                lo, hi = None, None  # 按实际到位率计算得分: the rate, whatever it is, capped at 分值
            elif c.cond is None or is_vague(c.cond):
                lo, hi = None, Side(Decimal(1), False, ast.Claim.CONVENTION)
            else:
                lo, hi = sides_of(c.cond)
            share: ir.Expr = ir.Op("*", ir.MaxPoints(), ir.X())
            drafts.append(_Draft(lo, hi, share, c.span, label, weak=c.cond is None or is_vague(c.cond)))
            ctx.info("PE140", "proportional: points = 分值 × rate (the value is the rate of completion)", c.span)
            if hi is not None and hi.value != 1 and lo is None:
                ctx.warn("PE143", f"{label!r}: 分值 × rate below {show(hi.value, True)} jumps at "
                         f"{show(hi.value, True)}", c.span,
                         f"if the share is rate/{show(hi.value, True)}, write 按实际完成率/{show(hi.value, True)}计算")
        elif isinstance(c, ast.Overspend):
            # 按超支比例扣减: 分值 × (1 − (actual/target − 1)); the value scored is actual/target.
            spend: ir.Expr = ir.Op("*", ir.MaxPoints(), ir.Op("-", ir.Const(Decimal(2)), ir.X()))
            drafts.append(_Draft(Side(Decimal(1), False, ast.Claim.CONVENTION), None, spend, c.span, label, weak=True))
            x_from = ir.Op("/", ir.Input("实际成本"), ir.Input("目标成本"))
            inputs = ("实际成本", "目标成本")
            ctx.info("PE141", "overspend: the value is actual cost / target cost; each 1% over costs 1% of 分值",
                     c.span, "give the ratio, or 实际成本= and 目标成本=")
        elif isinstance(c, ast.Formula):
            if c.kind is ast.FormulaKind.DERIVED:
                if len([x for x in clauses if not isinstance(x, ast.Formula | ast.UntilZero)]) > 0:
                    # "实际完成率=…×100%，完成率100%及以上得满分…": the definition of the value scored.
                    ctx.info("PE137", f"{label!r} defines the value the standard scores", c.span)
                    continue
                raise ctx.fail(f"this defines {c.target!r}; it is a formula, not a scoring standard", c.span,
                               "compile it with perfeval.compile_formula")
            expr, names = formula_expr(c.expr)
            if len(names) == 1:
                x_from = ir.Input(names[0])
                inputs = names
                expr = _substitute(expr, names[0])
            elif names:
                inputs = names
            lo, hi = sides_of(c.cond) if c.cond is not None else (None, None)
            drafts.append(_Draft(lo, hi, expr, c.span, label,
                                 described=c.cond.op if c.cond is not None and is_vague(c.cond) else None,
                                 weak=c.cond is None))

    percent = _percent_of(clauses, percent)
    unit = unit or _unit_of(clauses)
    rules = [c for c in clauses if isinstance(c, ast.StepRule)]
    if rules:  # 不足5%按5%计 / 不足一步的按比例扣分 govern every step of the standard
        steps = [attrs.evolve(st, mode=st.mode or rules[-1].mode) for st in steps]
    for step in steps:
        if step.direction is ast.Direction.COUNT:
            drafts.append(_count_step(step, ctx))
            percent = False
            unit = step.size.unit if step.size else None
            continue
        ref = reference if reference is not None else _reference(drafts, step, ctx)
        if reference is not None and not any(
                isinstance(d.expr, ir.Const) and ref in (s.value for s in (d.lo, d.hi) if s) for d in drafts):
            # "以90%为基准，每降低1个百分点扣0.2分": the reference itself, and beyond it, earn 分值.
            full = Side(ref, True, ast.Claim.EXPLICIT)
            lo, hi = {ast.Direction.BELOW: (full, None), ast.Direction.ABOVE: (None, full)}.get(
                step.direction, (full, full))
            drafts.append(_Draft(lo, hi, ir.Const(P), step.span,
                                 ctx.standard.text[step.span.start : step.span.end]))
            ctx.info("PE136", f"{show(ref, True)} is the reference: it earns the whole 分值, deductions count from it",
                     step.span)
        drafts.extend(_rate_step(step, ref, drafts, ctx))
    drafts = _extend_points(drafts, steps, clauses, ctx)
    drafts = _carve(drafts, ctx)
    drafts = _resolve_described(drafts, ctx)
    if otherwise is not None:
        drafts.extend(_complement(drafts, otherwise, ctx))
    pw = _finish(drafts, ctx, percent, x_from, inputs, max_deduction, unit)
    return attrs.evolve(pw, when_absent=when_absent) if when_absent is not None else pw


def _unit_of(clauses: list[ast.Clause]) -> str | None:
    """The unit the standard's numbers are written in (50万元, 1000亩), so quantities convert to it."""
    for c in clauses:
        cond = getattr(c, "cond", None)
        if isinstance(cond, ast.Cond):
            for b in (cond.lower, cond.upper):
                if b is not None and b.number.unit:
                    return b.number.unit
    return None


def _percent_of(clauses: list[ast.Clause], default: bool) -> bool:
    """Whether the value scored is a rate: any percentage in its conditions or step sizes says so."""
    numbers: list[ast.Number] = []
    for c in clauses:
        cond = getattr(c, "cond", None)
        if isinstance(cond, ast.Cond):
            numbers += [b.number for b in (cond.lower, cond.upper) if b is not None]
        if isinstance(c, ast.Step) and c.size is not None and c.direction is not ast.Direction.COUNT:
            numbers.append(c.size)
        if isinstance(c, ast.Reference):
            numbers.append(c.value)
    if any(n.percent for n in numbers):
        return True
    return default if not numbers else False


def _is_percent(cond: ast.Cond, current: bool) -> bool:
    numbers = [b.number for b in (cond.lower, cond.upper) if b is not None]
    if any(n.percent for n in numbers):
        return True
    return current and not numbers


def _reference(drafts: list[_Draft], step: ast.Step, ctx: Context) -> Decimal:
    """Where steps count from: the edge of the band that earns the most (100%计满分 → 100%)."""
    best = [d for d in drafts if isinstance(d.expr, ir.Const) and (d.lo is not None or d.hi is not None)]
    if not best:
        raise ctx.fail("cannot tell where the steps count from", step.span, "start with e.g. 100%计满分")
    top = max(best, key=lambda d: d.expr.value if isinstance(d.expr, ir.Const) else Decimal(0))
    if step.direction is ast.Direction.BELOW and top.lo is not None:
        return top.lo.value
    if step.direction is ast.Direction.ABOVE and top.hi is not None:
        return top.hi.value
    edge = top.lo or top.hi
    assert edge is not None
    return edge.value


def _rate_step(step: ast.Step, ref: Decimal, drafts: list[_Draft], ctx: Context) -> list[_Draft]:
    assert step.size is not None
    mode = ir.StepMode(step.mode) if getattr(step, "mode", None) else ir.StepMode.WHOLE
    if mode is ir.StepMode.WHOLE:
        ctx.info("PE101", f"whole steps: only each full {step.size.text} counts (a part of a step deducts nothing)",
                 step.span, "write 不足…按…计 to count a started step, or 按比例 for a continuous deduction")
    elif mode is ir.StepMode.STARTED:
        ctx.info("PE103", f"a started {step.size.text} counts as a whole step (不足…按…计)", step.span)
    else:
        ctx.info("PE104", f"pro rata: every part of {step.size.text} deducts its share (按比例)", step.span)
    label = ctx.standard.text[step.span.start : step.span.end]
    # "95%（含）-105%（含）计满分，每超过（降低）5%扣2分": a tolerance band steps out from each of its ends.
    low_ref = high_ref = ref
    band = _full_band(drafts)
    if step.direction is ast.Direction.BOTH and band is not None and band.lo and band.hi and band.lo != band.hi:
        low_ref, high_ref = band.lo.value, band.hi.value
    out = []
    if step.direction in (ast.Direction.BELOW, ast.Direction.BOTH):
        counted = ir.Steps(low_ref, step.size.value, "below", mode)
        expr = ir.Op("-", _base_points(drafts, low_ref, ctx), ir.Op("*", ir.Const(step.deduct), counted))
        out.append(_Draft(None, Side(low_ref, False, ast.Claim.CONVENTION), expr, step.span, label, weak=True))
    if step.direction in (ast.Direction.ABOVE, ast.Direction.BOTH):
        counted = ir.Steps(high_ref, step.size.value, "above", mode)
        expr = ir.Op("-", _base_points(drafts, high_ref, ctx), ir.Op("*", ir.Const(step.deduct), counted))
        out.append(_Draft(Side(high_ref, False, ast.Claim.CONVENTION), None, expr, step.span, label, weak=True))
    return out


def _full_band(drafts: list[_Draft]) -> _Draft | None:
    """The band that earns the most (the one steps count from)."""
    bands = [d for d in drafts if isinstance(d.expr, ir.Const) and (d.lo is not None or d.hi is not None)]
    return max(bands, key=lambda d: d.expr.value if isinstance(d.expr, ir.Const) else Decimal(0), default=None)


def _carve(drafts: list[_Draft], ctx: Context) -> list[_Draft]:
    """Take the written bands out of the regions the standard only implies.

    "100%（含）以上计满分；每低于1%扣1分…；低于80%计0分": the steps apply below 100% *except* where
    "低于80%" already says what happens.
    """
    strong = [d for d in drafts if not d.weak and d.described is None]
    if not strong:
        return drafts
    intervals, _, _ = resolve([(d.lo, d.hi) for d in strong])
    out = list(strong)
    for d in drafts:
        if not d.weak:
            if d.described is not None:
                out.append(d)
            continue
        region = Interval(d.lo.value if d.lo else None, d.lo.inclusive if d.lo else False,
                          d.hi.value if d.hi else None, d.hi.inclusive if d.hi else False)
        parts = [region]
        for iv in intervals:
            parts = [rest for part in parts for rest in _subtract(part, iv)]
        if not parts:
            ctx.warn("PE210", f"{d.label!r} can never apply: the bands cover all its values", d.span)
            continue
        if parts != [region]:
            ctx.info("PE135", f"{d.label!r} applies on " + "、".join(p.render() for p in parts)
                     + ": the written bands take the rest", d.span)
        for part in parts:
            lo = None if part.lo is None else Side(part.lo, part.lo_in, ast.Claim.CONVENTION)
            hi = None if part.hi is None else Side(part.hi, part.hi_in, ast.Claim.CONVENTION)
            out.append(attrs.evolve(d, lo=lo, hi=hi))
    return out


def _subtract(a: Interval, b: Interval) -> list[Interval]:
    """The parts of ``a`` outside ``b``."""
    out = []
    # the part of a below b
    if b.lo is not None and (a.lo is None or a.lo < b.lo or (a.lo == b.lo and a.lo_in and not b.lo_in)):
        hi, hi_in = (b.lo, not b.lo_in)
        if a.hi is not None and (a.hi < hi or (a.hi == hi and not a.hi_in)):
            hi, hi_in = a.hi, a.hi_in
        piece = Interval(a.lo, a.lo_in, hi, hi_in)
        if not piece.empty:
            out.append(piece)
    # the part of a above b
    if b.hi is not None and (a.hi is None or a.hi > b.hi or (a.hi == b.hi and a.hi_in and not b.hi_in)):
        lo, lo_in = (b.hi, not b.hi_in)
        if a.lo is not None and (a.lo > lo or (a.lo == lo and not a.lo_in)):
            lo, lo_in = a.lo, a.lo_in
        piece = Interval(lo, lo_in, a.hi, a.hi_in)
        if not piece.empty:
            out.append(piece)
    return out


def _base_points(drafts: list[_Draft], ref: Decimal, ctx: Context) -> ir.Expr:
    """Steps deduct from the points earned at the reference (its band), or from 分值."""
    for d in drafts:
        if isinstance(d.expr, ir.Const) and any(s is not None and s.value == ref for s in (d.lo, d.hi)):
            return d.expr if d.expr.value != ctx.max_points else ir.MaxPoints()
    return ir.MaxPoints()


def _count_step(step: ast.Step, ctx: Context) -> _Draft:
    size = step.size.value if step.size is not None else Decimal(1)
    counted = ir.Steps(Decimal(0), size, "above", ir.StepMode.WHOLE)
    expr = ir.Op("-", ir.MaxPoints(), ir.Op("*", ir.Const(step.deduct), counted))
    what = step.subject or "occurrence"
    ctx.info("PE102", f"counted deduction: the value is the number of {what}", step.span)
    label = ctx.standard.text[step.span.start : step.span.end]
    return _Draft(Side(Decimal(0), True, ast.Claim.EXPLICIT), None, expr, step.span, label)


def _extend_points(drafts: list[_Draft], steps: list[ast.Step], clauses: list[ast.Clause], ctx: Context) -> list[_Draft]:
    """"100%计满分" beside deductions only below 100% means 100% *and above* earn full marks."""
    below = any(s.direction is ast.Direction.BELOW for s in steps) or any(
        isinstance(c, ast.Proportional | ast.Formula) and c.cond is not None and c.cond.upper is not None
        and c.cond.lower is None for c in clauses
    )
    above = any(s.direction is ast.Direction.ABOVE for s in steps)
    otherwise = next((c for c in clauses if isinstance(c, ast.Otherwise)), None)
    top = max((d.expr.value for d in drafts if isinstance(d.expr, ir.Const)), default=None)
    if not steps and otherwise is not None and top is not None and not below:
        # "满意度90%得满分，否则不得分": reaching 90% earns full marks, and so does 100%.
        below = amount_of(otherwise.amount, ctx.max_points) < top if otherwise.amount else True
    out = []
    for d in drafts:
        single = not steps and isinstance(d.expr, ir.Const) and d.expr.value != top
        if d.lo is not None and d.lo == d.hi and isinstance(d.expr, ir.Const) and below != above and not single:
            edge = Side(d.lo.value, True, ast.Claim.EXPLICIT)
            if below:
                d = attrs.evolve(d, lo=edge, hi=None)
                why = "deductions apply only below it" if steps else "否则 names what falls short of it"
                ctx.info("PE120", f"{d.label} read as {show(edge.value, True)} and above: {why}", d.span)
            else:
                d = attrs.evolve(d, lo=None, hi=edge)
                ctx.info("PE120", f"{d.label} read as {show(edge.value, True)} and below: deductions apply only above it",
                         d.span)
        out.append(d)
    return out


def _resolve_described(drafts: list[_Draft], ctx: Context) -> list[_Draft]:
    """A condition given in words (达到或超过标准值, 按绩效目标控制) covers what the written pieces leave."""
    written = [d for d in drafts if d.described is None]
    out = list(written)
    for d in drafts:
        if d.described is None:
            continue
        if not written:
            if len(drafts) == 1:
                out.append(attrs.evolve(d, described=None))
                continue
            raise ctx.fail(f"cannot tell which values {d.label!r} covers", d.span,
                           "write the value, e.g. 达到90%（含）以上得满分")
        # Words such as 完成目标 can only mean the values beyond the written bands (a ray), never a gap
        # between two of them: "完成目标得5分；80%以上得3分；60%以下不得分" does not say what 70% earns.
        regions = [r for r in _gaps_of(written) if r[0] is None or r[1] is None]
        if len(regions) > 1:
            want_upper = _side_of(d.described) == "lower"
            regions = [r for r in regions if (r[1] is None) == want_upper]
        if len(regions) != 1:
            raise ctx.fail(f"cannot tell which values {d.label!r} covers", d.span,
                           "write the value, e.g. 完成率100%（含）以上得5分")
        lo, hi = regions[0]
        d = attrs.evolve(d, lo=lo, hi=hi, described=None)
        region = Interval(lo.value if lo else None, lo.inclusive if lo else False,
                          hi.value if hi else None, hi.inclusive if hi else False)
        ctx.info("PE130", f"{d.label!r} read as {region.render()}: the values the other clauses leave", d.span)
        out.append(d)
    return out


def _gaps_of(drafts: list[_Draft]) -> list[tuple[Side | None, Side | None]]:
    """The regions (as sides) that no draft covers, from -∞ to +∞."""
    intervals, _, _ = resolve([(d.lo, d.hi) for d in drafts])
    regions: list[tuple[Side | None, Side | None]] = []
    cursor: Side | None = None
    for iv in sorted(intervals, key=lambda i: (i.lo is not None, i.lo or 0)):
        if iv.lo is not None and (cursor is None or cursor.value < iv.lo
                                  or (cursor.value == iv.lo and cursor.inclusive and not iv.lo_in)):
            regions.append((cursor, Side(iv.lo, not iv.lo_in, ast.Claim.CONVENTION)))
        if iv.hi is None:
            return regions
        cursor = Side(iv.hi, not iv.hi_in, ast.Claim.CONVENTION)
    regions.append((cursor, None))
    return regions


def _side_of(op: str) -> str:
    lower_words = ("达到", "达到或超过", "达到或高于", "≥", ">", "大于", "超过", "高于", "不低于", "大于等于")
    return "lower" if op in lower_words else "upper"


def _complement(drafts: list[_Draft], otherwise: ast.Otherwise, ctx: Context) -> list[_Draft]:
    """否则不得分: every value the other pieces leave earns the 否则 amount."""
    points = amount_of(otherwise.amount, ctx.max_points) if otherwise.amount else Decimal(0)
    label = source_of(ctx, otherwise.span)
    return [_Draft(lo, hi, ir.Const(points), otherwise.span, label) for lo, hi in _gaps_of(drafts)]


def _finish(drafts: list[_Draft], ctx: Context, percent: bool, x_from: ir.Expr | None,
            inputs: tuple[str, ...], max_deduction: Decimal | None, unit: str | None) -> ir.Piecewise:
    intervals, readings, conflicts = resolve([(d.lo, d.hi) for d in drafts], percent)
    for conflict in conflicts:
        spans = [drafts[i].span for i in conflict.bands]
        raise ctx.fail(
            f"{show(conflict.value, percent)} is claimed by two bands: "
            + " and ".join(repr(drafts[i].label) for i in conflict.bands), spans[-1],
            "keep （含） on one of them only")
    for r in readings:
        d = drafts[r.owner]
        why = {"explicit": "it says so explicitly", "convention": "以上/以下 include the number, 超过/低于 exclude it",
               "lower-limit": "no band claims it, so it goes where it is the lower limit (上限不在内)"}[r.rule]
        code = {"explicit": "PE110", "convention": "PE111", "lower-limit": "PE112"}[r.rule]
        ctx.info(code, f"{show(r.value, percent)} belongs to {d.label!r}: {why}", d.span)
    pieces = []
    for d, iv in zip(drafts, intervals, strict=True):
        if iv.empty:
            ctx.warn("PE210", f"{d.label!r} can never apply", d.span)
            continue
        pieces.append(ir.Piece(iv, d.expr, d.span, d.label))
    _check_overlaps(pieces, ctx, percent)
    pieces.sort(key=lambda p: (p.interval.lo is not None, p.interval.lo or 0))
    _check_gaps(pieces, ctx, percent)
    _check_reach(pieces, ctx, percent)
    return ir.Piecewise(tuple(pieces), ctx.max_points, percent, x_from=x_from, inputs=inputs,
                        max_deduction=max_deduction, unit=unit)


def _check_gaps(pieces: list[ir.Piece], ctx: Context, percent: bool) -> None:
    """Values between the bands that no band covers: an error for the checker, named exactly."""
    for gap in gaps([p.interval for p in pieces]):
        below = next((p for p in pieces if p.interval.hi == gap.lo), None)
        above = next((p for p in pieces if p.interval.lo == gap.hi), None)
        fixes = []
        if below is not None and gap.hi is not None:
            fixes.append(f"extend {below.label!r} up to {show(gap.hi, percent)}")
        if above is not None and gap.lo is not None:
            fixes.append(f"extend {above.label!r} down to {show(gap.lo, percent)}")
        span = (above or below or pieces[0]).span
        ctx.error("PE310", f"no band covers {gap.render(percent)}", span, " or ".join(fixes) or None)


def _check_reach(pieces: list[ir.Piece], ctx: Context, percent: bool) -> None:
    """The best a value can earn should be the whole 分值; more is capped, less is suspicious."""
    best = Decimal(0)
    for p in pieces:
        for edge in (p.interval.lo, p.interval.hi, Decimal(1)):
            if edge is None or not p.interval.contains(edge):
                continue
            try:
                value = eval_expr(p.expr, edge, ctx.max_points, {}, ctx.standard.text, [])
            except PerfevalError:
                continue
            best = max(best, value)
        if isinstance(p.expr, ir.Const) and p.expr.value > ctx.max_points:
            ctx.warn("PE231", f"{p.label!r} awards {show(p.expr.value, False)}分, more than the 分值 "
                     f"{show(ctx.max_points, False)}分 (capped)", p.span)
    if not any(isinstance(p.expr, ir.Input) or _has_input(p.expr) for p in pieces) and best < ctx.max_points:
        ctx.warn("PE230", f"the highest points any value can earn are {show(best, False)}分, "
                 f"not the 分值 {show(ctx.max_points, False)}分", pieces[0].span if pieces else None,
                 "check the 分值 or the points of the top band")


def _has_input(e: ir.Expr) -> bool:
    if isinstance(e, ir.Op):
        return _has_input(e.left) or _has_input(e.right)
    return isinstance(e, ir.Input)


def _check_overlaps(pieces: list[ir.Piece], ctx: Context, percent: bool) -> None:
    for i, a in enumerate(pieces):
        for b in pieces[i + 1 :]:
            probe = _overlap(a.interval, b.interval)
            if probe is not None:
                raise ctx.fail(f"{a.label!r} and {b.label!r} both cover {show(probe, percent)}", b.span,
                               "make the bands meet without overlapping")


def _overlap(a: Interval, b: Interval) -> Decimal | None:
    lo_candidates = [(iv.lo, iv.lo_in) for iv in (a, b) if iv.lo is not None]
    hi_candidates = [(iv.hi, iv.hi_in) for iv in (a, b) if iv.hi is not None]
    lo = max(lo_candidates, default=None, key=lambda t: (t[0], not t[1]))
    hi = min(hi_candidates, default=None, key=lambda t: (t[0], t[1]))
    if lo is None and hi is None:
        return Decimal(0)
    if lo is None:
        assert hi is not None
        return hi[0] - 1 if not (a.contains(hi[0]) and b.contains(hi[0])) else hi[0]
    if hi is None:
        return lo[0] + 1 if not (a.contains(lo[0]) and b.contains(lo[0])) else lo[0]
    if lo[0] < hi[0]:
        return (lo[0] + hi[0]) / 2
    if lo[0] == hi[0] and a.contains(lo[0]) and b.contains(lo[0]):
        return lo[0]
    return None


# ── formulas ──────────────────────────────────────────────────────────────────────────────


def formula_expr(node: ast.Expr) -> tuple[ir.Expr, tuple[str, ...]]:
    names: list[str] = []

    def walk(n: ast.Expr) -> ir.Expr:
        if isinstance(n, ast.Num):
            return ir.Const(n.value)
        if isinstance(n, ast.PointsVar):
            return ir.MaxPoints()
        if isinstance(n, ast.Var):
            if n.name not in names:
                names.append(n.name)
            return ir.Input(n.name)
        return ir.Op(n.op, walk(n.left), walk(n.right))

    return walk(node), tuple(names)


def _substitute(expr: ir.Expr, name: str) -> ir.Expr:
    """The single input of a formula is the value scored: 实际完成率 → x."""
    if isinstance(expr, ir.Input) and expr.name == name:
        return ir.X()
    if isinstance(expr, ir.Op):
        return ir.Op(expr.op, _substitute(expr.left, name), _substitute(expr.right, name))
    return expr


# ── choice, checklist, tiers ──────────────────────────────────────────────────────────────
