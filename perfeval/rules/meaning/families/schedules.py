"""Schedules and worked examples: 依次类推 continues a ladder; 即完成90%计7.5分 illustrates a rule.

* **依次类推.** "逾期2个工作日扣0.3分，逾期4个工作日扣0.6分，依次类推" writes two rungs of a ladder and says it
  goes on: the rungs fix the step (2 days, 0.3分) and the ladder continues the same way until the points run
  out or a cap stops it. "完成年度计划任务得8分，完成任务的75%得6分，完成50%得4分，依次类推" is a ladder
  downwards: each rung holds from its threshold up to the next one (75%–100% → 6).
* **Examples.** "即完成90%计7.5分、80%计6分" after a step rule restates it for two values: the examples are
  not rules of their own, they fix where the steps count from, and they are checked against the rule.

>>> from perfeval.rules.syntax.parser import parse
>>> from perfeval.rules.meaning.analyse import analyse
>>> item = analyse(parse("资料报送逾期2个工作日扣0.3分,逾期4个工作日扣0.6分,依次类推,扣完为止。"), Decimal(3)).item
>>> len(item.streams[0].fn.pieces)
3
"""

from __future__ import annotations

from decimal import Decimal

import attrs

from ...messages import pair
from ...syntax import nodes as n
from ...vocabulary import EXAMPLE_WORDS, Claim
from .. import ir
from ..context import Context
from ..intervals import Side
from ..roles import Reading
from .bands import Draft, ValueInfo
from .common import show

__all__ = ["continue_schedule", "examples_of", "is_example"]



def is_example(r: Reading) -> bool:
    """A statement that only illustrates (即完成90%计7.5分)."""
    words = next((p.text for p in r.statement.head if isinstance(p, n.Words)), "")
    return r.role == "band" and words.startswith(EXAMPLE_WORDS) and not r.statement.modifiers


def examples_of(readings: list[Reading], P: Decimal) -> tuple[list[Reading], list[tuple[Decimal, Decimal, Reading]]]:
    """The readings that are rules, and the examples (value, points) the others give — 即完成90%计7.5分, or
    例如93.5%扣2分 (the 分值 less 2). An example whose points cannot be read stays a rule (and is read, or
    refused, as one — never dropped).

    Only a step rule has examples: without one, "如：满意度大于等于90%的得10分，…" is the band table itself.
    """
    if not any(r.role in ("step", "count") for r in readings):
        return list(readings), []
    rules: list[Reading] = []
    found: list[tuple[Decimal, Decimal, Reading]] = []
    in_example = False
    for r in readings:
        if is_example(r) or (in_example and r.role == "band" and r.cond is not None and r.cond.point):
            points = r.amount.points if r.amount is not None and r.amount.points is not None else \
                P - r.deduct.high if r.deduct is not None and r.deduct.high is not None and r.deduct.low == r.deduct.high \
                else None
            if r.cond is None or r.cond.lo is None or points is None:
                rules.append(r)
                continue
            in_example = True
            found.append((r.cond.lo.value, points, r))
            continue
        in_example = False
        rules.append(r)
    return rules, found


def reference_from_examples(step: Reading, examples: list[tuple[Decimal, Decimal, Reading]], P: Decimal,
                            amount: Decimal, size: Decimal) -> Decimal | None:
    """Where the steps count from, by the examples: 90% scores 7.5 of 9 at 1.5 per 10 points → 100%."""
    if not examples or amount == 0:
        return None
    refs = set()
    for x, points, _ in examples:
        steps = (P - points) / amount
        if steps != steps.to_integral_value():
            return None
        refs.add(x + steps * size if step.step and step.step.direction == "below" else x - steps * size)
    return refs.pop() if len(refs) == 1 else None


def continue_schedule(drafts: list[Draft], ctx: Context, value: ValueInfo, span: n.Span,
                      cap: Decimal | None, P: Decimal, deduction_cap: Decimal | None = None) -> list[Draft]:
    """Continue the ladder the written rungs begin (see the module docstring); ``deduction_cap`` is the most a
    falling ladder may take (逾期1天扣0.5分，逾期2天扣1分，依次类推，最多扣3分)."""
    rungs = sorted((d for d in drafts if d.lo is not None and isinstance(d.expr, ir.Const | ir.MaxPoints | ir.Op)
                    and _const(d.expr, P) is not None), key=lambda d: d.lo.value if d.lo else Decimal(0))
    if len(rungs) < 2:
        return drafts
    xs = [d.lo.value for d in rungs if d.lo is not None]
    vs = [_const(d.expr, P) for d in rungs]
    steps = {xs[i + 1] - xs[i] for i in range(len(xs) - 1)}
    diffs = {v2 - v1 for v1, v2 in zip(vs, vs[1:], strict=False) if v1 is not None and v2 is not None}
    if len(steps) != 1 or len(diffs) != 1:
        return drafts
    size, delta = steps.pop(), diffs.pop()
    if size <= 0 or delta == 0:
        return drafts
    others = [d for d in drafts if d not in rungs]
    # Each rung holds from its threshold to the next one's: [x_i, x_{i+1}).
    out = list(others)
    for d, nxt in zip(rungs, rungs[1:], strict=False):
        assert d.lo is not None and nxt.lo is not None
        out.append(attrs.evolve(d, hi=Side(nxt.lo.value, False, Claim.EXPLICIT)))
    top = rungs[-1]
    assert top.lo is not None
    label = ctx.source(span)
    last = vs[-1]
    assert last is not None
    one_wide = top.hi is None or top.hi.value in (top.lo.value, top.lo.value + size)
    if delta > 0 and cap is None:
        cap = P  # 1亿元得0.6分，2亿得1.2分，以此类推: rising until the 分值 is reached
    if one_wide and not _bounded_above(others, top.lo.value):
        # The ladder goes on upwards: one more rung every ``size``.
        counted = ir.Steps(ir.Op("-", ir.X(), ir.Const(top.lo.value)), size, ir.StepMode.WHOLE)
        expr: ir.Expr = ir.Op("+", ir.Const(last), ir.Op("*", ir.Const(delta), counted))
        if cap is not None:
            expr = ir.Min(expr, ir.Const(cap))
        if deduction_cap is not None and delta < 0:
            # 分值 − min(what the ladder takes, the cap)
            expr = ir.Op("-", ir.MaxPoints(), ir.Min(ir.Op("-", ir.MaxPoints(), expr), ir.Const(deduction_cap)))
        out.append(Draft(Side(top.lo.value, True, Claim.EXPLICIT), None, expr, span, label))
    else:
        out.append(top)
    bottom = rungs[0]
    assert bottom.lo is not None
    if not _bounded_below(others, bottom.lo.value) and delta > 0 and vs[0] is not None and vs[0] > 0:
        # …and downwards, one rung less every ``size``, until nothing is left.
        counted = ir.Steps(ir.Op("-", ir.Const(bottom.lo.value), ir.X()), size, ir.StepMode.STARTED)
        expr = ir.Op("-", ir.Const(vs[0]), ir.Op("*", ir.Const(delta), counted))
        # …"until nothing is left": never below 0 (max(e, 0) = e − min(e, 0)) — a bonus ladder below its first
        # rung adds nothing, it takes nothing away
        expr = ir.Op("-", expr, ir.Min(expr, ir.Const(Decimal(0))))
        out.append(Draft(None, Side(bottom.lo.value, False, Claim.EXPLICIT), expr, span, label))
    ctx.info("PE151", *pair("reading_pe151", shown=show(size, value.kind, value.unit), delta=delta.normalize()),
             span)
    return out


def _const(e: ir.Expr, P: Decimal) -> Decimal | None:
    if isinstance(e, ir.Const):
        return e.value
    if isinstance(e, ir.MaxPoints):
        return P
    if isinstance(e, ir.Op) and isinstance(e.left, ir.MaxPoints) and isinstance(e.right, ir.Const):
        return P - e.right.value if e.op == "-" else None
    return None


def _bounded_above(drafts: list[Draft], x: Decimal) -> bool:
    return any(d.lo is not None and d.lo.value > x for d in drafts)


def _bounded_below(drafts: list[Draft], x: Decimal) -> bool:
    return any(d.hi is not None and d.hi.value <= x or d.lo is None and d.hi is not None for d in drafts)
