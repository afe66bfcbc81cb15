"""Stage 3: clauses → meaning (:mod:`perfeval.rules.ir`), with every reading that had to be chosen.

A published standard is a run of clauses that only make sense together: "80%（含）-90%" means nothing
until "计4分" follows; "每低于5%扣2分" counts from the 100% of "100%计满分". This module joins them,
decides what the whole standard computes, and records each reading it took (whole steps, which band an
edge belongs to, 100%计满分 read as "100% and above") as an INFO diagnostic, so nothing is guessed
silently. What cannot be made sense of is a :class:`~perfeval.rules.diagnostics.RuleError`.

>>> from perfeval.rules.parser import parse
>>> a = analyse(parse("100%计满分，每低于5%扣2分，扣完为止。"), Decimal(5))
>>> [p.interval.render() for p in a.meaning.pieces]
['(-∞, 100%)', '[100%, +∞)']
>>> [d.code for d in a.diagnostics]
['PE101', 'PE120', 'PE110']
"""

from __future__ import annotations

import re
from decimal import Decimal

import attrs

from . import ast, ir
from .context import Context, is_vague, source_of
from .diagnostics import Diagnostic, RuleSyntaxError
from .ir import show
from .judged import checklist, choice, criteria, is_additive, tiers
from .piecewise import piecewise


@attrs.frozen
class Analysis:
    """The meaning of a standard, the notes it carries, and the readings and problems found."""

    meaning: ir.Meaning
    notes: tuple[str, ...]
    diagnostics: tuple[Diagnostic, ...]


# Words that only appear where points are scored: a clause that carries them but reads as description
# is a clause the grammar could not read, not a note ("…；扣" or "计4" without 分).
_SCORING_WORDS = re.compile(r"扣\s*[\d一二两三四五六七八九十半]|扣分|扣\s*$|^\s*扣|\d\s*分(?![值数为别析配])"
                            r"|满分|不得分|(?:计|得)\s*\d")


def analyse(standard: ast.Standard, max_points: Decimal) -> Analysis:
    """Work out what ``standard`` computes for an indicator worth ``max_points`` (分值)."""
    ctx = Context(standard, max_points)
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


def _composite(sections: list[tuple[ast.SubRule | None, tuple[ast.Clause, ...]]], ctx: Context) -> ir.Composite:
    """Numbered parts, each worth the most it awards, scored on their own and summed."""
    parts: list[ir.Part] = []
    for mark, clauses in sections:
        joined = _join(clauses, ctx)
        if not joined:
            continue
        worth = _declared_max(joined)
        span = mark.span if mark is not None else None
        if worth is None:
            raise ctx.fail(f"cannot tell what part {mark.mark if mark else ''} is worth", span,
                           "say what it earns in full, e.g. 得2分")
        sub = Context(ctx.standard, worth)
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
    if is_additive(clauses):
        return sum((c.amount.points for c in clauses if isinstance(c, ast.Award) and isinstance(c.amount, ast.Points)),
                   Decimal(0))
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


def _join(clauses: tuple[ast.Clause, ...], ctx: Context) -> list[ast.Clause]:
    """Attach condition-only clauses to the scoring clause after them; gather notes; merge item runs."""
    out: list[ast.Clause] = []
    pending: ast.Condition | None = None
    otherwise: ast.Otherwise | None = None
    described: ast.Note | None = None
    for clause in clauses:
        if isinstance(clause, ast.Note):
            _check_note(clause.text, clause.span, ctx)
            if described is not None:
                ctx.notes.append(described.text)
            described = clause
            continue
        if described is not None:
            if isinstance(clause, ast.Award | ast.Judgement) and clause.subject is None and (
                    not isinstance(clause, ast.Award) or clause.cond is None) and pending is None:
                # "…分析原因全面的，得20分": the words before the comma say what earns the points.
                clause = attrs.evolve(clause, subject=described.text.strip(" 　"))
            else:
                ctx.notes.append(described.text)
            described = None
        if isinstance(clause, ast.Condition):
            if pending is not None and is_vague(clause.cond):
                # "大于等于60%的，按超过的比重赋分，…": the words after a condition describe it.
                ctx.notes.append(source_of(ctx, clause.span))
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
            _check_note(source_of(ctx, clause.span), clause.span, ctx)
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
            items_clause = out[-1]
            assert isinstance(items_clause, ast.Items)
            out[-1] = attrs.evolve(items_clause, items=items_clause.items[:-1] + (item,))
            continue
        if isinstance(clause, ast.Items) and out and isinstance(out[-1], ast.Items):
            prev = out.pop()
            assert isinstance(prev, ast.Items)
            clause = ast.Items(prev.items + clause.items, prev.span)
        out.append(clause)
    if otherwise is not None:
        out.append(otherwise)
    if described is not None:
        ctx.notes.append(described.text)
    if pending is not None:
        if not _is_descriptive(pending.cond):
            raise ctx.fail("this condition says nothing about points", pending.span, "add what it earns, e.g. 计4分")
        _as_note(pending, ctx)
    return out


def _merge_span(a: ast.Span, b: ast.Span) -> ast.Span:
    return ast.Span(a.line, a.column, b.end_line, b.end_column, a.start, b.end)


def _is_descriptive(cond: ast.Cond) -> bool:
    """A bare number (此两项指标) or a comparison in words (达到既定质量标准) inside running text."""
    return cond.op == "point" or is_vague(cond)


def _check_note(text: str, span: ast.Span, ctx: Context) -> None:
    """A note must not hide scoring words the grammar could not read."""
    if _SCORING_WORDS.search(text):
        raise RuleSyntaxError(f"cannot read the clause {text!r}", text=ctx.standard.text, line=span.line,
                              column=span.column, length=max(span.end - span.start, 1),
                              expected=("a scoring clause such as 计4分, 扣2分 or 每低于5%扣2分",),
                              hint="points are written with 分 and a verb: 计4分 / 得4分 / 扣1分")


def _as_note(cond: ast.Condition, ctx: Context) -> None:
    """A number in running text that earns nothing ("此两项指标…") is description, kept as a note."""
    _check_note(source_of(ctx, cond.span), cond.span, ctx)
    ctx.notes.append(source_of(ctx, cond.span))
    ctx.info("PE200", "a number in a description that earns no points: kept as a note", cond.span)


def _after_otherwise(clause: ast.Clause, otherwise: ast.Otherwise) -> ast.Clause:
    """"否则，不得分" / "否则，每项酌情扣分": the clause after a bare 否则 is the otherwise case."""
    if isinstance(clause, ast.Award) and clause.cond is None:
        return ast.Otherwise(clause.amount, clause.subject, otherwise.span)
    if isinstance(clause, ast.Discretion):
        return attrs.evolve(clause, otherwise=True)
    return clause


def _attach(clause: ast.Clause, cond: ast.Condition, ctx: Context) -> ast.Clause:
    if isinstance(clause, ast.Award) and clause.cond is None:
        # The band is the condition and its points together: "80%（含）-90%，计4分".
        return attrs.evolve(clause, cond=cond.cond, subject=clause.subject or cond.subject,
                            span=_merge_span(cond.span, clause.span))
    if isinstance(clause, ast.Proportional | ast.Overspend | ast.Formula) and clause.cond is None:
        return attrs.evolve(clause, cond=cond.cond)
    if isinstance(clause, ast.Discretion | ast.Penalty):
        # "未完成的，按完成情况酌情扣分": the condition names the case the assessor judges.
        words = source_of(ctx, cond.span).strip(" ，,")
        return attrs.evolve(clause, subject=words) if isinstance(clause, ast.Penalty) \
            else attrs.evolve(clause, subject=words, otherwise=True)
    if isinstance(clause, ast.Otherwise | ast.Step | ast.UntilZero | ast.Cap):
        # "“三公经费” > 0，每超过一个百分点扣0.5分": the condition only restates where the steps apply.
        ctx.info("PE131", "condition read as the region of the deduction after it", cond.span)
        return clause
    if _is_descriptive(cond.cond):
        _as_note(cond, ctx)
        return clause
    raise ctx.fail("cannot tell what this condition earns", cond.span, "put the points right after it: 计4分")


# ── choosing the shape ────────────────────────────────────────────────────────────────────


def _meaning(clauses: list[ast.Clause], ctx: Context) -> ir.Meaning:
    kinds = {type(c) for c in clauses}
    if not clauses:
        raise ctx.fail("the standard says nothing about points", None,
                       "a standard needs at least one clause that scores, e.g. 完成目标得满分，否则不得分")
    if ast.Items in kinds:
        return checklist(clauses, ctx)
    if ast.Tiers in kinds:
        return tiers(clauses, ctx)
    if is_additive(clauses):
        return criteria(clauses, ctx)
    numeric = any(
        (isinstance(c, ast.Award) and c.cond is not None and not is_vague(c.cond))
        or isinstance(c, ast.Step | ast.Proportional | ast.Overspend | ast.Formula | ast.Reference | ast.StepRule)
        for c in clauses
    )
    if numeric:
        return piecewise(clauses, ctx)
    return choice(clauses, ctx)


# ── piecewise: bands, steps, proportional, formulas ───────────────────────────────────────
