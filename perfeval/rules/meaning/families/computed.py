"""Points computed from the value: proportional by direction, overspend, linear between two edges, formulas.

DESIGN.md, "The field beyond the seeds":

* **Proportional.** 按完成比例 / 同比例扣减 / 计算得分 give 分值 × the rate; against a target, 分值 × actual/target
  for a higher-is-better indicator and 分值 × target/actual for a lower-is-better one (“≤”型, 成本类).
* **Overspend.** 按超支比例扣减 takes the overshoot share: 分值 × (2 − actual/target).
* **Linear.** 60%-85%之间线性计分 runs straight from the points of the band below to those of the band above.
* **Formula.** 得分=（实际完成率-60%）/（1-60%）×指标分值: its one input is the value scored; with several,
  each is a named input.

>>> from perfeval.rules.syntax.parser import parse
>>> from perfeval.rules.meaning.analyse import analyse
>>> item = analyse(parse("低于60%不得分,60%-85%之间按线性插值计分,85%(含)以上得满分"), Decimal(10)).item
>>> [p.label for p in item.streams[0].fn.pieces][1]
'60%-85%之间按线性插值计分'
"""

from __future__ import annotations

import re
from decimal import Decimal

import attrs

from ...messages import pair
from ...syntax import nodes as n
from ...vocabulary import (
    COMPLETE_WORDS,
    HIGHER_BETTER_MARKS,
    LOWER_BETTER_MARKS,
    REACHING_WORDS,
    REFERENCE_WORDS,
    TOKEN_KINDS,
    Claim,
)
from .. import ir
from ..context import Context
from ..formulas import expression, inputs_of, substitute
from ..intervals import Side
from ..roles import Reading
from .bands import Draft, ValueInfo, value_at
from .common import show

__all__ = ["LINEAR_MARK", "both_directions", "computed_expr", "linear", "lower_is_better", "nothing_missing"]

#: A placeholder expression for a linear piece, replaced once the bands around it are known.
LINEAR_MARK = ir.Input("\x00linear")
#: A cap on deductions written beside 扣分制 (扣分总额以5分为限, 最多扣5分, 扣满5分为止): the vocabulary's own cap
#: tokens; 以本指标分值为限 (CAP_AT_POINTS) is the floor itself.
_SHEET_CAP = re.compile("|".join(f"(?:{TOKEN_KINDS[k].pattern})" for k in ("CAP", "CAP_UNTIL")))
#: 按缺失比例扣分: 分值 × (1 − the share missing) (PE144).
_MISSING_SHARE = ir.Op("*", ir.MaxPoints(), ir.Op("-", ir.Const(Decimal(1)), ir.X()))


def lower_is_better(text: str) -> bool:
    """Whether the standard says its indicator is lower-is-better (“≤”型指标, 成本类指标(≤), 越小越好) — and not
    also higher-is-better: "正向指标按B/A，反向指标按A/B" names both kinds, and the target decides."""
    return any(w in text for w in LOWER_BETTER_MARKS) and not both_directions(text)


def both_directions(text: str) -> bool:
    """Whether the standard names both a lower- and a higher-is-better kind of indicator (正向指标…反向指标…)."""
    return any(w in text for w in LOWER_BETTER_MARKS) and any(w in text for w in HIGHER_BETTER_MARKS)


def computed_expr(r: Reading, ctx: Context, value: ValueInfo) -> ir.Expr:
    """The expression of a computed statement (see the module docstring)."""
    out = r.statement.outcome
    P = ir.MaxPoints()
    x = ir.X()
    if isinstance(out, n.Linear):
        return LINEAR_MARK
    if isinstance(out, n.Overspend):
        ctx.info("PE141", *pair("reading_pe141"), r.statement.span)
        return ir.Op("*", P, ir.Op("-", ir.Const(Decimal(2)), x))
    if isinstance(out, n.Proportional):
        c = r.cond
        if value.ref is not None and "扣" in out.text and not out.deducts and c is not None and c.cmp is not None \
                and c.cmp.side == "lower" and c.cmp.word not in REACHING_WORDS:
            # 超过目标值的按比例扣分: deducted by the share of the excess (分值 × (2 − 实际/目标)) or scored by
            # target/actual? Both are in use; the words do not say which (按超支比例扣减 does)
            raise ctx.fail("proportion_of_excess", r.statement.span, clause=ctx.source(r.statement.span))
        if value.ref is not None and value.lower_better:
            ctx.info("PE143", *pair("reading_pe143"),
                     r.statement.span)
            return ir.Op("/", P, x)
        if out.deducts:
            ctx.info("PE144", *pair("reading_pe144"),
                     r.statement.span)
            return ir.Op("*", P, ir.Op("-", ir.Const(Decimal(1)), x))
        ctx.info("PE140", *pair("reading_pe140_target" if value.ref else "reading_pe140"), r.statement.span)
        return ir.Op("*", P, x)
    if isinstance(out, n.DeductionSheet):
        if _SHEET_CAP.search(ctx.text):
            # 实行扣分制。扣分总额以5分为限: the cap on what the sheet deducts is not applied to 分值 − 扣分 — refused
            raise ctx.fail("sheet_cap", r.statement.span, clause=ctx.source(r.statement.span))
        ctx.info("PE260", *pair("reading_pe260"), r.statement.span)
    if isinstance(out, n.HundredScale):
        if not out.names:
            raise ctx.fail("formula_unreadable", r.statement.span, clause=ctx.source(r.statement.span))
        if ctx.max_points != 100:
            # out of 100 on an indicator of another 分值: scaled to which, 100 or the 分值?
            raise ctx.fail("hundred_scale_points", r.statement.span, clause=ctx.source(r.statement.span),
                           points=f"{ctx.max_points.normalize():f}")
        ctx.info("PE263", *pair("reading_pe263", a=out.names[0], b=out.names[1]), r.statement.span)
    if isinstance(out, n.ScoreFormula | n.InlineFormula):
        expr = expression(out.expr)
        if value.ref is not None:
            # 超过的按 标准值/实际值×本项分值 beside a target: the 标准值 is that target (the vocabulary's
            # reference words), one input, not a second one
            for name in inputs_of(expr):
                if name != value.ref and REFERENCE_WORDS.get(name) == value.ref:
                    expr = substitute(expr, name, ir.Input(value.ref))
        names = inputs_of(expr)
        if value.formula_input is not None and value.formula_input in names:
            expr = substitute(expr, value.formula_input, x)
        return expr
    raise ctx.fail("formula_unreadable", r.statement.span, clause=ctx.source(r.statement.span))


def linear(drafts: list[Draft], ctx: Context, kind: ir.Kind = ir.Kind.RATE, unit: str | None = None) -> list[Draft]:
    """Replace each linear placeholder by the line from the band below its range to the band above (``kind``
    and ``unit``: the value's, how its thresholds are shown — 1万亩 to 1.5万亩, not 100% to 150%)."""
    out: list[Draft] = []
    for d in drafts:
        if d.expr != LINEAR_MARK:
            out.append(d)
            continue
        if d.lo is None or d.hi is None:
            raise ctx.fail("cond_without_points", d.span, clause=d.label)
        a, b = d.lo.value, d.hi.value
        low = _points_at(drafts, a, below=True)
        high = _points_at(drafts, b, below=False)
        if low is None or high is None:
            raise ctx.fail("cond_without_points", d.span, clause=d.label)
        # points = low + (high − low) × (x − a) / (b − a)
        slope = ir.Op("/", ir.Op("-", high, low), ir.Const(b - a))
        expr = ir.Op("+", low, ir.Op("*", slope, ir.Op("-", ir.X(), ir.Const(a))))
        ctx.info("PE145", *pair("reading_pe145", shown=show(a, kind, unit), shown_=show(b, kind, unit)),
                 d.span)
        out.append(attrs.evolve(d, expr=expr, weak=False))
    return out


def _points_at(drafts: list[Draft], edge: Decimal, below: bool) -> ir.Expr | None:
    """The constant points of the band that meets ``edge`` from below (or above)."""
    for d in drafts:
        if d.expr == LINEAR_MARK or not isinstance(d.expr, ir.Const | ir.MaxPoints):
            continue
        if below and d.hi is not None and d.hi.value == edge:
            return d.expr
        if not below and d.lo is not None and d.lo.value == edge:
            return d.expr
    return None


def nothing_missing(written: list[Draft], words: list[Draft], ctx: Context) -> list[Draft] | None:
    """档案资料齐全的得4分，资料缺失的按缺失比例扣分: beside a deduction by the share missing, the one condition in
    words that says nothing is missing (齐全, 完整) is the share 0, where it earns the 分值 the proportion gives
    there too; the proportion takes the shares above 0 (a negative share is no value). None when the standard
    is not of that shape (then the words are placed as any others, or refused)."""
    if len(written) != 1 or len(words) != 1 or written[0].expr != _MISSING_SHARE or \
            written[0].lo is not None or written[0].hi is not None:
        return None
    d = words[0]
    if not any(w in d.label for w in COMPLETE_WORDS):
        return None
    P = ctx.max_points
    if value_at(d.expr, Decimal(0), P) != P:
        return None  # 齐全的得3分 of 4: more for missing a little — not read
    zero, above = Side(Decimal(0), True, Claim.EXPLICIT), Side(Decimal(0), False, Claim.EXPLICIT)
    ctx.info("PE262", *pair("reading_pe262", label=d.label), d.span)
    return [attrs.evolve(d, lo=zero, hi=zero, described=None), attrs.evolve(written[0], lo=above)]
