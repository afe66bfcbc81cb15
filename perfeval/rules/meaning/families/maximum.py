"""Maxima below the 分值 on a standard scored by its value, which no piece would honour: refused, not dropped.

"按完成比例计分，最高得8分" on a 10-point item may be 分值 × the rate, up to 8, or 8 × the rate; "90%以上得满分，
80%-90%得6分，最高得8分" contradicts itself. Either way the maximum was dropped (100% scored 10). And
"完成率达到100%的得8分，未完成的按完成比例计分" (10) scored 9 at 90% but 8 at 100%: a proportion of the 分值 beside
an award below it gives more for doing less — which share of what is meant is not said. (Per-case awards,
每开展一次得1分，最高得8分, and bonuses, 最高得12分 after 加分, read their maxima elsewhere.)

>>> from perfeval import compile_rule
>>> compile_rule("按完成比例计分，最高得8分", points=10)
Traceback (most recent call last):
...
perfeval.rules.errors.RuleError: ...
"""

from __future__ import annotations

from ...syntax import nodes as n
from ..context import Context
from ..roles import Reading

__all__ = ["unread_maximum"]

# the roles that read a maximum of their own: steps cap what they take or add
_CAPPING = frozenset({"step", "rank_step"})


def unread_maximum(readings: list[Reading], ctx: Context) -> None:
    """Refuse a maximum below the 分值 that the pieces of a value's standard would drop, and a proportion of
    the 分值 beside an award below it with nothing earning the 分值 (see the module docstring)."""
    P = ctx.max_points
    for r in readings:
        if r.role in _CAPPING or r.bonus is not None:
            continue
        for m in r.statement.modifiers:
            if isinstance(m, n.GainCap) and m.total and m.points is not None and m.points < P:
                raise ctx.fail("maximum_unread", m.span, clause=ctx.source(r.statement.span),
                               cap=f"{m.points.normalize():f}", points=f"{P.normalize():f}")
    proportional = [r for r in readings if r.role == "computed" and isinstance(r.statement.outcome, n.Proportional)]
    amounts = [r.amount for r in readings if r.role in ("band", "award") and r.amount is not None]
    if not proportional or any(a.full or a.points == P for a in amounts):
        return
    below = next((r for r in readings if r.role in ("band", "award") and r.amount is not None
                  and r.amount.points is not None and 0 < r.amount.points < P), None)
    if below is not None and below.amount is not None and below.amount.points is not None:
        r = proportional[0]
        raise ctx.fail("proportion_beside_award", r.statement.span, clause=ctx.source(r.statement.span),
                       award=ctx.source(below.statement.span), points=f"{P.normalize():f}")
