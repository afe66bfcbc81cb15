"""Not applicable: what a standard gives when there is nothing to score (没有楼堂馆所项目的部门按满分计算).

A call with no value at all (``rule(None)``) then scores these points, stated as reading PE134; without such
a clause, a missing value is an error naming the input.

>>> from perfeval.rules.syntax.parser import parse
>>> from perfeval.rules.meaning.analyse import analyse
>>> analyse(parse("100%以下(含)计满分，每超出5%扣2分。没有该类项目的部门按满分计算。"), Decimal(5)).item.absent
Decimal('5')
"""

from __future__ import annotations

from decimal import Decimal

from ...messages import pair
from ..context import Context
from ..roles import Reading

__all__ = ["absent_points"]


def absent_points(readings: list[Reading], ctx: Context) -> Decimal | None:
    """没有楼堂馆所项目的部门按满分计算 · 无新建项目的不扣分: what no value at all scores (not applicable)."""
    for r in readings:
        if r.role == "absent":
            ctx.info("PE134", *pair("reading_pe134", quoted=ctx.source(r.statement.span)),
                     r.statement.span)
            return ctx.max_points
    return None
