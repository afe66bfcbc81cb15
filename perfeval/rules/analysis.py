"""Stage 3: clauses → meaning (:mod:`perfeval.rules.ir`), with every reading that had to be chosen.

A published standard is a run of clauses that only make sense together: "80%（含）-90%" means nothing
until "计4分" follows; "每低于5%扣2分" counts from the 100% of "100%计满分". This module joins them,
decides what the whole standard computes, and records each reading it took (whole steps, which band an
edge belongs to, 100%计满分 read as "100% and above") as an INFO diagnostic, so nothing is guessed
silently. What cannot be made sense of is a :class:`~perfeval.rules.diagnostics.RuleError`.

>>> from perfeval.rules.parser import parse
>>> a = analyse(parse("100%计满分，每低于5%扣2分，扣完为止。"), Decimal(5))
>>> [p.interval.render() for p in a.meaning.pieces]
['[100%, +∞)', '(-∞, 100%)']
>>> [d.code for d in a.diagnostics]
['PE120', 'PE101']
"""

from __future__ import annotations

from decimal import Decimal

import re

import attrs

from . import ast, ir
from .diagnostics import Diagnostic, RuleError, RuleSyntaxError, Severity
from .edges import Side, resolve
from .ir import EVERYTHING, Interval, show


@attrs.frozen
class Analysis:
    """The meaning of a standard, the notes it carries, and the readings and problems found."""

    meaning: ir.Meaning
    notes: tuple[str, ...]
    diagnostics: tuple[Diagnostic, ...]


def _diag(severity: Severity, code: str, message: str, span: ast.Span | None, hint: str | None = None) -> Diagnostic:
    if span is None:
        return Diagnostic(severity, code, message, hint=hint)
    length = max(span.end - span.start, 1) if span.end_line == span.line else 1
    return Diagnostic(severity, code, message, span.line, span.column, length, hint)


# Words that only appear where points are scored: a clause that carries them but reads as description
# is a clause the grammar could not read, not a note ("…；扣" or "计4" without 分).
_SCORING_WORDS = re.compile(r"扣\s*[\d一二两三四五六七八九十半]|扣分|扣\s*$|^\s*扣|\d\s*分(?![值数为别析配])"
                            r"|满分|不得分|(?:计|得)\s*\d")


class _Context:
    """What the analysis of one standard has found so far."""

    def __init__(self, standard: ast.Standard, max_points: Decimal) -> None:
        self.standard = standard
        self.max_points = max_points
        self.diagnostics: list[Diagnostic] = []
        self.notes: list[str] = []

    def info(self, code: str, message: str, span: ast.Span | None, hint: str | None = None) -> None:
        self.diagnostics.append(_diag(Severity.INFO, code, message, span, hint))

    def warn(self, code: str, message: str, span: ast.Span | None, hint: str | None = None) -> None:
        self.diagnostics.append(_diag(Severity.WARNING, code, message, span, hint))

    def fail(self, message: str, span: ast.Span | None, hint: str | None = None) -> RuleError:
        where = f" (line {span.line}, column {span.column})" if span else ""
        full = message + where + (f"; {hint}" if hint else "")
        return RuleError(full, text=self.standard.text)


def analyse(standard: ast.Standard, max_points: Decimal) -> Analysis:
    """Work out what ``standard`` computes for an indicator worth ``max_points`` (分值)."""
    ctx = _Context(standard, max_points)
    sections = _sections(standard.clauses)
    if len(sections) == 1 and sections[0][0] is None:
        meaning: ir.Meaning = _meaning(_join(sections[0][1], ctx), ctx)
    else:
        meaning = _composite(sections, ctx)
    return Analysis(meaning, tuple(ctx.notes), tuple(ctx.diagnostics))


def _sections(clauses: tuple[ast.Clause, ...]) -> list[tuple[ast.SubRule | None, tuple[ast.Clause, ...]]]:
    """Split at numbered parts (1. 2. …); clauses before the first mark form a part without a mark."""
    out: list[tuple[ast.SubRule | None, list[ast.Clause]]] = [(None, [])]
    for c in clauses:
        if isinstance(c, ast.SubRule):
            out.append((c, []))
        else:
            out[-1][1].append(c)
    if len(out) > 1 and not any(not isinstance(c, ast.Note) for c in out[0][1]):
        lead = out.pop(0)[1]
        out[0][1][:0] = lead
    return [(mark, tuple(cs)) for mark, cs in out]


def _composite(sections: list[tuple[ast.SubRule | None, tuple[ast.Clause, ...]]], ctx: _Context) -> ir.Composite:
    """Numbered parts, each worth the most it awards, scored on their own and summed."""
    parts = []
    for mark, clauses in sections:
        joined = _join(clauses, ctx)
        if not joined:
            continue
        worth = _declared_max(joined)
        span = mark.span if mark is not None else None
        if worth is None:
            raise ctx.fail(f"cannot tell what part {mark.mark if mark else ''} is worth", span,
                           "say what it earns in full, e.g. 得2分")
        sub = _Context(ctx.standard, worth)
        sub.diagnostics, sub.notes = ctx.diagnostics, ctx.notes
        label = mark.mark.rstrip(".、 ") if mark is not None else str(len(parts) + 1)
        parts.append(ir.Part(label, _meaning(joined, sub), worth, span or ast.Span(1, 1, 1, 1, 0, 0)))
    total = sum((p.max_points for p in parts), Decimal(0))
    if total != ctx.max_points:
        ctx.warn("PE221", f"the parts are worth {show(total, False)}分 together, not the 分值 {show(ctx.max_points, False)}分",
                 None, "check the 分值 or the parts")
    ctx.info("PE180", "numbered parts are scored separately and added up", None)
    return ir.Composite(tuple(parts), ctx.max_points)


def _declared_max(clauses: list[ast.Clause]) -> Decimal | None:
    """The most a part of a standard says it awards (its 得N分, the top of 得16—18分, its items)."""
    found: list[Decimal] = []
    for c in clauses:
        if isinstance(c, ast.Award) and isinstance(c.amount, ast.Points):
            found.append(c.amount.points)
        elif isinstance(c, ast.Judgement):
            found.append(c.high)
        elif isinstance(c, ast.Items):
            found.append(sum((i.points or Decimal(0) for i in c.items), Decimal(0)))
    return max(found) if found and max(found) > 0 else None


# ── joining clauses ───────────────────────────────────────────────────────────────────────


def _join(clauses: tuple[ast.Clause, ...], ctx: _Context) -> list[ast.Clause]:
    """Attach condition-only clauses to the scoring clause after them; gather notes; merge item runs."""
    out: list[ast.Clause] = []
    pending: ast.Condition | None = None
    otherwise: ast.Otherwise | None = None
    for clause in clauses:
        if isinstance(clause, ast.Note):
            _check_note(clause.text, clause.span, ctx)
            ctx.notes.append(clause.text)
            continue
        if isinstance(clause, ast.Condition):
            if pending is not None and _is_vague(clause.cond):
                # "大于等于60%的，按超过的比重赋分，…": the words after a condition describe it.
                ctx.notes.append(_source(ctx, clause.span))
                continue
            if pending is not None:
                if not _is_descriptive(pending.cond):
                    raise ctx.fail("this condition is followed by another condition, not by points", pending.span,
                                   "say what it earns, e.g. 计4分")
                _as_note(pending, ctx)
            pending = clause
            continue
        if otherwise is not None:
            clause = _after_otherwise(clause, otherwise)
            otherwise = None
        if isinstance(clause, ast.Otherwise) and clause.amount is None:
            _check_note(_source(ctx, clause.span), clause.span, ctx)
            otherwise = clause
            continue
        if pending is not None:
            clause = _attach(clause, pending, ctx)
            pending = None
        if (isinstance(clause, ast.Award) and clause.cond is None and clause.subject is None and out
                and isinstance(out[-1], ast.Items) and out[-1].items[-1].points is None
                and isinstance(clause.amount, ast.Points | ast.Zero)):
            # "①有内部财务管理制度…，2分；②…": the points of an item, after a comma.
            last = out[-1].items[-1]
            points = clause.amount.points if isinstance(clause.amount, ast.Points) else Decimal(0)
            item = attrs.evolve(last, points=points, span=_merge_span(last.span, clause.span))
            out[-1] = attrs.evolve(out[-1], items=out[-1].items[:-1] + (item,))
            continue
        if isinstance(clause, ast.Items) and out and isinstance(out[-1], ast.Items):
            prev = out.pop()
            clause = ast.Items(prev.items + clause.items, prev.span)
        out.append(clause)
    if otherwise is not None:
        out.append(otherwise)
    if pending is not None:
        if not _is_descriptive(pending.cond):
            raise ctx.fail("this condition says nothing about points", pending.span, "add what it earns, e.g. 计4分")
        _as_note(pending, ctx)
    return out


def _merge_span(a: ast.Span, b: ast.Span) -> ast.Span:
    return ast.Span(a.line, a.column, b.end_line, b.end_column, a.start, b.end)


def _is_descriptive(cond: ast.Cond) -> bool:
    """A bare number (此两项指标) or a comparison in words (达到既定质量标准) inside running text."""
    return cond.op == "point" or _is_vague(cond)


def _source(ctx: _Context, span: ast.Span) -> str:
    return ctx.standard.text[span.start : span.end]


def _check_note(text: str, span: ast.Span, ctx: _Context) -> None:
    """A note must not hide scoring words the grammar could not read."""
    if _SCORING_WORDS.search(text):
        raise RuleSyntaxError(f"cannot read the clause {text!r}", text=ctx.standard.text, line=span.line,
                              column=span.column, length=max(span.end - span.start, 1),
                              expected=("a scoring clause such as 计4分, 扣2分 or 每低于5%扣2分",),
                              hint="points are written with 分 and a verb: 计4分 / 得4分 / 扣1分")


def _as_note(cond: ast.Condition, ctx: _Context) -> None:
    """A number in running text that earns nothing ("此两项指标…") is description, kept as a note."""
    _check_note(_source(ctx, cond.span), cond.span, ctx)
    ctx.notes.append(_source(ctx, cond.span))
    ctx.info("PE200", "a number in a description that earns no points: kept as a note", cond.span)


def _after_otherwise(clause: ast.Clause, otherwise: ast.Otherwise) -> ast.Clause:
    """"否则，不得分" / "否则，每项酌情扣分": the clause after a bare 否则 is the otherwise case."""
    if isinstance(clause, ast.Award) and clause.cond is None:
        return ast.Otherwise(clause.amount, clause.subject, otherwise.span)
    if isinstance(clause, ast.Discretion):
        return attrs.evolve(clause, otherwise=True)
    return clause


def _is_vague(cond: ast.Cond) -> bool:
    return cond.lower is None and cond.upper is None


def _attach(clause: ast.Clause, cond: ast.Condition, ctx: _Context) -> ast.Clause:
    if isinstance(clause, ast.Award) and clause.cond is None:
        return attrs.evolve(clause, cond=cond.cond, subject=clause.subject or cond.subject)
    if isinstance(clause, ast.Proportional | ast.Overspend | ast.Formula) and clause.cond is None:
        return attrs.evolve(clause, cond=cond.cond)
    if isinstance(clause, ast.Discretion | ast.Penalty):
        # "未完成的，按完成情况酌情扣分": the condition names the case the assessor judges.
        return attrs.evolve(clause, subject=cond.subject or clause.subject) if isinstance(clause, ast.Penalty) \
            else attrs.evolve(clause, subject=cond.subject or clause.subject, otherwise=True)
    if isinstance(clause, ast.Otherwise | ast.Step | ast.UntilZero | ast.Cap):
        # "“三公经费” > 0，每超过一个百分点扣0.5分": the condition only restates where the steps apply.
        ctx.info("PE131", "condition read as the region of the deduction after it", cond.span)
        return clause
    if _is_descriptive(cond.cond):
        _as_note(cond, ctx)
        return clause
    raise ctx.fail("cannot tell what this condition earns", cond.span, "put the points right after it: 计4分")


# ── choosing the shape ────────────────────────────────────────────────────────────────────


def _meaning(clauses: list[ast.Clause], ctx: _Context) -> ir.Meaning:
    kinds = {type(c) for c in clauses}
    if not clauses:
        raise ctx.fail("the standard says nothing about points", None,
                       "a standard needs at least one clause that scores, e.g. 完成目标得满分，否则不得分")
    if ast.Items in kinds:
        return _checklist(clauses, ctx)
    if ast.Tiers in kinds:
        return _tiers(clauses, ctx)
    numeric = any(
        (isinstance(c, ast.Award) and c.cond is not None and not _is_vague(c.cond))
        or isinstance(c, ast.Step | ast.Proportional | ast.Overspend | ast.Formula | ast.Reference)
        for c in clauses
    )
    if numeric:
        return _piecewise(clauses, ctx)
    return _choice(clauses, ctx)


# ── piecewise: bands, steps, proportional, formulas ───────────────────────────────────────


@attrs.frozen
class _Draft:
    """A piece before its edges are resolved."""

    lo: Side | None
    hi: Side | None
    expr: ir.Expr
    span: ast.Span
    label: str
    described: str | None = None  # op of a condition given in words (达到或超过标准值)


def _sides(cond: ast.Cond) -> tuple[Side | None, Side | None]:
    lo = Side(cond.lower.value, cond.lower.inclusive, cond.lower.claim) if cond.lower else None
    hi = Side(cond.upper.value, cond.upper.inclusive, cond.upper.claim) if cond.upper else None
    return lo, hi


def _amount(amount: ast.Amount, max_points: Decimal) -> Decimal:
    if isinstance(amount, ast.Full):
        return max_points
    if isinstance(amount, ast.Zero):
        return Decimal(0)
    return amount.points


def _piecewise(clauses: list[ast.Clause], ctx: _Context) -> ir.Piecewise:
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
    has_formula = any(isinstance(c, ast.Formula) for c in clauses)

    for c in clauses:
        label = text[c.span.start : c.span.end] if hasattr(c, "span") else ""
        if isinstance(c, ast.Award):
            points = _amount(c.amount, P)
            if (c.cond is None or _is_vague(c.cond)) and counted:
                # "按时报送报告的得10分；每推迟一个工作日…扣1分": the award is the count of zero.
                ctx.info("PE132", f"{label!r} read as the score when nothing is counted", c.span)
                continue
            if c.cond is None or _is_vague(c.cond):
                op = c.cond.op if c.cond is not None else "达到"
                drafts.append(_Draft(None, None, ir.Const(points), c.span, label, described=op or "达到"))
            else:
                lo, hi = _sides(c.cond)
                percent = _is_percent(c.cond, percent)
                drafts.append(_Draft(lo, hi, ir.Const(points), c.span, label))
        elif isinstance(c, ast.Reference):
            reference = c.value.value
        elif isinstance(c, ast.Absent):
            when_absent = _amount(c.amount, P)
            ctx.info("PE134", f"without a value: {label!r}", c.span)
        elif isinstance(c, ast.Cap):
            max_deduction = c.points
        elif isinstance(c, ast.Otherwise):
            otherwise = c
        elif isinstance(c, ast.Proportional):
            if has_formula and (c.cond is None or _is_vague(c.cond)):
                ctx.info("PE142", f"{label!r} is spelled out by the formula", c.span)
                continue
            if (c.cond is None or _is_vague(c.cond)) and len(clauses) == 1:
                lo, hi = None, None  # 按实际到位率计算得分: the rate, whatever it is, capped at 分值
            elif c.cond is None or _is_vague(c.cond):
                lo, hi = None, Side(Decimal(1), False, ast.Claim.CONVENTION)
            else:
                lo, hi = _sides(c.cond)
            expr = ir.Op("*", ir.MaxPoints(), ir.X())
            drafts.append(_Draft(lo, hi, expr, c.span, label))
            ctx.info("PE140", "proportional: points = 分值 × rate (the value is the rate of completion)", c.span)
        elif isinstance(c, ast.Overspend):
            # 按超支比例扣减: 分值 × (1 − (actual/target − 1)); the value scored is actual/target.
            expr = ir.Op("*", ir.MaxPoints(), ir.Op("-", ir.Const(Decimal(2)), ir.X()))
            drafts.append(_Draft(Side(Decimal(1), False, ast.Claim.CONVENTION), None, expr, c.span, label))
            x_from = ir.Op("/", ir.Input("实际成本"), ir.Input("目标成本"))
            inputs = ("实际成本", "目标成本")
            ctx.info("PE141", "overspend: the value is actual cost / target cost; each 1% over costs 1% of 分值",
                     c.span, "give the ratio, or 实际成本= and 目标成本=")
        elif isinstance(c, ast.Formula):
            if c.kind is ast.FormulaKind.DERIVED:
                raise ctx.fail(f"this defines {c.target!r}; it is a formula, not a scoring standard", c.span,
                               "compile it with perfeval.compile_formula")
            expr, names = formula_expr(c.expr)
            if len(names) == 1:
                x_from = ir.Input(names[0])
                inputs = names
                expr = _substitute(expr, names[0])
            elif names:
                inputs = names
            lo, hi = _sides(c.cond) if c.cond is not None else (None, None)
            drafts.append(_Draft(lo, hi, expr, c.span, label,
                                 described=c.cond.op if c.cond is not None and _is_vague(c.cond) else None))

    percent = _percent_of(clauses, percent)
    for step in steps:
        if step.direction is ast.Direction.COUNT:
            drafts.append(_count_step(step, ctx))
            percent = False
            unit = step.size.unit if step.size else None
            continue
        ref = reference if reference is not None else _reference(drafts, step, ctx)
        drafts.extend(_rate_step(step, ref, drafts, ctx))
    drafts = _extend_points(drafts, steps, clauses, ctx)
    drafts = _resolve_described(drafts, ctx)
    if otherwise is not None:
        drafts.extend(_complement(drafts, otherwise, ctx))
    pw = _finish(drafts, ctx, percent, x_from, inputs, max_deduction, unit)
    return attrs.evolve(pw, when_absent=when_absent) if when_absent is not None else pw


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


def _reference(drafts: list[_Draft], step: ast.Step, ctx: _Context) -> Decimal:
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


def _rate_step(step: ast.Step, ref: Decimal, drafts: list[_Draft], ctx: _Context) -> list[_Draft]:
    assert step.size is not None
    base = _base_points(drafts, ref, ctx)
    mode = ir.StepMode.WHOLE
    ctx.info("PE101", f"whole steps: only each full {step.size.text} counts (a part of a step deducts nothing)",
             step.span, "write 不足…按…计 to count a started step, or 按比例 for a continuous deduction")
    counted = ir.Steps(ref, step.size.value, step.direction.value, mode)
    expr = ir.Op("-", base, ir.Op("*", ir.Const(step.deduct), counted))
    label = ctx.standard.text[step.span.start : step.span.end]
    out = []
    if step.direction in (ast.Direction.BELOW, ast.Direction.BOTH):
        out.append(_Draft(None, Side(ref, False, ast.Claim.CONVENTION), expr, step.span, label))
    if step.direction in (ast.Direction.ABOVE, ast.Direction.BOTH):
        out.append(_Draft(Side(ref, False, ast.Claim.CONVENTION), None, expr, step.span, label))
    return out


def _base_points(drafts: list[_Draft], ref: Decimal, ctx: _Context) -> ir.Expr:
    """Steps deduct from the points earned at the reference (its band), or from 分值."""
    for d in drafts:
        if isinstance(d.expr, ir.Const) and any(s is not None and s.value == ref for s in (d.lo, d.hi)):
            return d.expr if d.expr.value != ctx.max_points else ir.MaxPoints()
    return ir.MaxPoints()


def _count_step(step: ast.Step, ctx: _Context) -> _Draft:
    size = step.size.value if step.size is not None else Decimal(1)
    counted = ir.Steps(Decimal(0), size, "above", ir.StepMode.WHOLE)
    expr = ir.Op("-", ir.MaxPoints(), ir.Op("*", ir.Const(step.deduct), counted))
    what = step.subject or "occurrence"
    ctx.info("PE102", f"counted deduction: the value is the number of {what}", step.span)
    label = ctx.standard.text[step.span.start : step.span.end]
    return _Draft(Side(Decimal(0), True, ast.Claim.EXPLICIT), None, expr, step.span, label)


def _extend_points(drafts: list[_Draft], steps: list[ast.Step], clauses: list[ast.Clause], ctx: _Context) -> list[_Draft]:
    """"100%计满分" beside deductions only below 100% means 100% *and above* earn full marks."""
    below = any(s.direction is ast.Direction.BELOW for s in steps) or any(
        isinstance(c, ast.Proportional | ast.Formula) and c.cond is not None and c.cond.upper is not None
        and c.cond.lower is None for c in clauses
    )
    above = any(s.direction is ast.Direction.ABOVE for s in steps)
    out = []
    for d in drafts:
        if d.lo is not None and d.lo == d.hi and isinstance(d.expr, ir.Const) and below != above:
            edge = Side(d.lo.value, True, ast.Claim.EXPLICIT)
            if below:
                d = attrs.evolve(d, lo=edge, hi=None)
                ctx.info("PE120", f"{d.label} read as {show(edge.value, True)} and above: deductions apply only below it",
                         d.span)
            else:
                d = attrs.evolve(d, lo=None, hi=edge)
                ctx.info("PE120", f"{d.label} read as {show(edge.value, True)} and below: deductions apply only above it",
                         d.span)
        out.append(d)
    return out


def _resolve_described(drafts: list[_Draft], ctx: _Context) -> list[_Draft]:
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
        regions = _gaps_of(written)
        if len(regions) > 1:
            want_upper = _side_of(d.described) == "lower"
            regions = [r for r in regions if (r[1] is None) == want_upper] or regions[:1]
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


def _complement(drafts: list[_Draft], otherwise: ast.Otherwise, ctx: _Context) -> list[_Draft]:
    """否则不得分: every value the other pieces leave earns the 否则 amount."""
    points = _amount(otherwise.amount, ctx.max_points) if otherwise.amount else Decimal(0)
    label = _source(ctx, otherwise.span)
    return [_Draft(lo, hi, ir.Const(points), otherwise.span, label) for lo, hi in _gaps_of(drafts)]


def _finish(drafts: list[_Draft], ctx: _Context, percent: bool, x_from: ir.Expr | None,
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
    return ir.Piecewise(tuple(pieces), ctx.max_points, percent, x_from=x_from, inputs=inputs,
                        max_deduction=max_deduction, unit=unit)


def _check_overlaps(pieces: list[ir.Piece], ctx: _Context, percent: bool) -> None:
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


def _choice(clauses: list[ast.Clause], ctx: _Context) -> ir.Choice:
    text = ctx.standard.text
    P = ctx.max_points
    options: list[ir.Option] = []
    for c in clauses:
        label = text[c.span.start : c.span.end] if hasattr(c, "span") else ""
        mark = str(len(options) + 1)
        if isinstance(c, ast.Award):
            v = _amount(c.amount, P)
            options.append(ir.Option(mark, c.subject or label, v, v, c.span))
        elif isinstance(c, ast.Otherwise):
            v = _amount(c.amount, P) if c.amount else Decimal(0)
            options.append(ir.Option(mark, label, v, v, c.span, otherwise=True))
        elif isinstance(c, ast.Judgement):
            options.append(ir.Option(mark, c.subject or label, c.low, c.high, c.span))
        elif isinstance(c, ast.Discretion):
            options.append(ir.Option(mark, c.subject or label, Decimal(0), P, c.span, otherwise=c.otherwise))
            ctx.info("PE150", "酌情: the assessor decides the points, between 0 and 分值", c.span)
        elif isinstance(c, ast.Penalty):
            low, high = max(Decimal(0), P - c.high), max(Decimal(0), P - c.low)
            options.append(ir.Option(mark, c.subject or label, low, high, c.span, otherwise=True))
        elif isinstance(c, ast.UntilZero | ast.Cap):
            continue
        else:
            raise ctx.fail(f"{label!r} cannot be combined with the options around it", c.span)
    if options and all(o.low == o.high for o in options) and not any(o.otherwise or o.low == 0 for o in options):
        # "具备人员、场地、设备条件（1分）": what is not met earns nothing.
        options.append(ir.Option(str(len(options) + 1), "否则", Decimal(0), Decimal(0), options[-1].span, otherwise=True))
        ctx.info("PE133", "not met earns 0 (implied: the standard names only what earns points)", None)
    if any(o.low != o.high for o in options):
        ctx.info("PE151", "needs the assessor's judgement: points are chosen within the range the standard allows",
                 None)
    return ir.Choice(tuple(options), P)


def _checklist(clauses: list[ast.Clause], ctx: _Context) -> ir.Meaning:
    P = ctx.max_points
    items_clause = next(c for c in clauses if isinstance(c, ast.Items))
    items = tuple(ir.CheckItem(i.mark, i.label, i.points if i.points is not None else None,
                               i.deduct_low, i.deduct_high, i.span) for i in items_clause.items)
    step = next((c for c in clauses if isinstance(c, ast.Step)), None)
    cap = next((c.points for c in clauses if isinstance(c, ast.Cap)), None)
    if step is not None:
        ctx.info("PE160", f"each failing item deducts {show(step.deduct, False)}分", step.span)
        return ir.Checklist(items, ir.ChecklistMode.PER_FAILURE, P, per_failure=step.deduct, max_deduction=cap)
    if all(i.deduct_high is not None for i in items):
        return ir.Checklist(items, ir.ChecklistMode.DEDUCT, P, max_deduction=cap)
    if all(i.points is not None for i in items):
        total = sum((i.points for i in items if i.points is not None), Decimal(0))
        top = max(i.points for i in items if i.points is not None)
        if total == P or total < P:
            if total != P:
                ctx.warn("PE220", f"the items add up to {show(total, False)}分, not the 分值 {show(P, False)}分",
                         items_clause.span)
            return ir.Checklist(items, ir.ChecklistMode.SUM, P)
        if top == P:
            ctx.info("PE161", "items are alternatives (the best is worth 分值): the assessor picks one",
                     items_clause.span)
            return ir.Choice(tuple(ir.Option(i.mark, i.label, i.points or Decimal(0), i.points or Decimal(0), i.span)
                                   for i in items), P)
        ctx.warn("PE220", f"the items add up to {show(total, False)}分, more than the 分值 {show(P, False)}分",
                 items_clause.span)
        return ir.Checklist(items, ir.ChecklistMode.SUM, P)
    # Points not stated per item (评价要点 ①…②…): the assessor scores the whole within 0..分值.
    ctx.info("PE162", "the items carry no points: the assessor scores the indicator within 0 and 分值",
             items_clause.span)
    label = ctx.standard.text[items_clause.span.start : items_clause.span.end]
    return ir.Choice((ir.Option("1", label, Decimal(0), P, items_clause.span),), P)


def _tiers(clauses: list[ast.Clause], ctx: _Context) -> ir.Tiers:
    tiers_clause = next(c for c in clauses if isinstance(c, ast.Tiers))
    bands = [(Side(t.low.value, t.low.inclusive, t.low.claim), Side(t.high.value, t.high.inclusive, t.high.claim))
             for t in tiers_clause.tiers]
    intervals, _, conflicts = resolve(bands)
    if conflicts:
        raise ctx.fail("two tiers claim the same edge", tiers_clause.span)
    text = ctx.standard.text
    tiers = tuple(ir.TierRange(text[t.span.start : t.span.end], iv, t.span)
                  for t, iv in zip(tiers_clause.tiers, intervals, strict=True))
    ctx.info("PE170", "qualitative tiers: the assessor picks a tier and a share of 分值 within it", tiers_clause.span)
    return ir.Tiers(tiers, ctx.max_points)


__all__ = ["Analysis", "analyse", "EVERYTHING"]
