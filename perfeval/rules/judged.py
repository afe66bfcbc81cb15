"""Stage 3, standards scored by an assessor's input: options, checklists, deduction lists, tiers.

>>> from perfeval.rules.parser import parse
>>> from perfeval.rules.context import Context
>>> std = parse("完成目标得满分，否则不得分")
>>> [(o.label, o.low) for o in choice(list(std.clauses), Context(std, Decimal(2))).options]
[('完成目标', Decimal('2')), ('否则不得分', Decimal('0'))]
"""

from __future__ import annotations

from decimal import Decimal

from . import ast, ir
from .context import Context, amount_of
from .edges import Side, resolve
from .ir import show


def is_additive(clauses: list[ast.Clause]) -> bool:
    """"…的得5分；…的得3分；…的得2分；否则，每项酌情扣分，最多扣10分": criteria that add up, not options.

    The cap names the sum of the awards, and what is not met is judged item by item (每项).
    """
    caps = [c.points for c in clauses if isinstance(c, ast.Cap)]
    awards = [c.amount.points for c in clauses if isinstance(c, ast.Award) and isinstance(c.amount, ast.Points)]
    judged = any(isinstance(c, ast.Discretion) and c.otherwise for c in clauses)
    return bool(caps) and judged and len(awards) > 1 and sum(awards) == caps[0]


def criteria(clauses: list[ast.Clause], ctx: Context) -> ir.Composite:
    """Each award is a criterion worth its points; one not met is judged within 0 and its points."""
    text = ctx.standard.text
    parts: list[ir.Part] = []
    for c in clauses:
        if isinstance(c, ast.Award) and isinstance(c.amount, ast.Points):
            words = text[c.span.start : c.amount.span.start].strip(" ，,。的") or c.subject or ""
            p = c.amount.points
            met = ir.Option("1", words, p, p, c.span)
            judged = ir.Option("2", "否则酌情扣分", Decimal(0), p, c.span, otherwise=True)
            parts.append(ir.Part(str(len(parts) + 1), ir.Choice((met, judged), p), p, c.span))
    ctx.info("PE163", "criteria that add up: each one not met is judged within 0 and its points", None)
    return ir.Composite(tuple(parts), sum((p.max_points for p in parts), Decimal(0)))


def choice(clauses: list[ast.Clause], ctx: Context) -> ir.Choice:
    text = ctx.standard.text
    P = ctx.max_points
    options: list[ir.Option] = []
    for c in clauses:
        label = text[c.span.start : c.span.end] if hasattr(c, "span") else ""
        mark = str(len(options) + 1)
        if isinstance(c, ast.Award):
            v = amount_of(c.amount, P)
            words = text[c.span.start : c.amount.span.start].strip(" ，,。的") or c.subject or label
            options.append(ir.Option(mark, words, v, v, c.span))
        elif isinstance(c, ast.Otherwise):
            v = amount_of(c.amount, P) if c.amount else Decimal(0)
            options.append(ir.Option(mark, label, v, v, c.span, otherwise=True))
        elif isinstance(c, ast.Judgement):
            options.append(ir.Option(mark, c.subject or label, c.low, c.high, c.span))
            # (the subject of 得16—18分 is the description before it, joined by analysis)
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


def checklist(clauses: list[ast.Clause], ctx: Context) -> ir.Meaning:
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


def tiers(clauses: list[ast.Clause], ctx: Context) -> ir.Tiers:
    tiers_clause = next(c for c in clauses if isinstance(c, ast.Tiers))
    bands: list[tuple[Side | None, Side | None]] = [(Side(t.low.value, t.low.inclusive, t.low.claim), Side(t.high.value, t.high.inclusive, t.high.claim))
             for t in tiers_clause.tiers]
    intervals, _, conflicts = resolve(bands)
    if conflicts:
        raise ctx.fail("two tiers claim the same edge", tiers_clause.span)
    text = ctx.standard.text
    tiers = tuple(ir.TierRange(text[t.span.start : t.span.end], iv, t.span)
                  for t, iv in zip(tiers_clause.tiers, intervals, strict=True))
    ctx.info("PE170", "qualitative tiers: the assessor picks a tier and a share of 分值 within it", tiers_clause.span)
    return ir.Tiers(tiers, ctx.max_points)

