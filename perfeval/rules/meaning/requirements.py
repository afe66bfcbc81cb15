"""Steps counted from a requirement: 信息报送全年不少于24条，每少1条扣0.2分 counts each one short of the 24, not
each report sent (reading PE107) — and what is *not* a requirement: 少3项及以上的不得分 counts the shortfall.

>>> from perfeval import compile_rule
>>> compile_rule("信息报送全年不少于24条，每少1条扣0.2分", points=2)(22).points
Decimal('1.60')
"""

from __future__ import annotations

import re
from decimal import Decimal

import attrs

from ..messages import pair
from ..syntax import nodes as n
from ..syntax.nodes import Num
from ..vocabulary import STEP_WORDS
from .context import Context
from .roles import Reading

__all__ = ["steps_from_a_requirement"]

# 所列7项职责的，每缺1项扣0.4分: 缺/漏 count the items missing from a list — cases, not steps
_MISSING_WORDS = ("缺", "漏")


def _fewer(r: Reading) -> bool:
    """少开的 · 少报的 · 不足的: words after a requirement that name the values short of it."""
    words = "".join(p.text for p in r.statement.head if isinstance(p, n.Words))
    return bool(re.search(r"(?:少[开报做办建召]?|不足)[^,;。]{0,4}的", words))


def _counts_shortfall(r: Reading) -> bool:
    """少3项及以上的不得分 · 缺2项以上的: the number counts what is missing, so it is no requirement to step from."""
    words = ""
    for p in r.statement.head:
        if isinstance(p, n.Words):
            words += p.text
        elif isinstance(p, n.Bound | n.Compare | n.Range):
            break
    return bool(re.search(r"(?:少[开报做办建召交]?|缺少?|漏报?)\s*$", words))


def steps_from_a_requirement(readings: list[Reading], ctx: Context) -> list[Reading]:
    """信息报送全年不少于24条，每少1条扣0.2分 · 培训人次≥500人次得满分；每少50人次扣0.5分: 每少/每多 a count
    noun beside a requirement in the same unit counts steps from the requirement, not cases (24 sent is
    the requirement met, not 24 shortfalls) — reading PE107."""
    # …，超过3项的不得分 · 少于2次不得分: a threshold that zeroes the item is never the requirement steps count from
    units = {x.unit for r in readings if r.cond is not None and r.cond.numeric and not _counts_shortfall(r)
             and r.role != "zero" and not (r.amount is not None and r.amount.zero)
             for x in r.cond.numbers if x.kind == "qty" and x.unit}
    # 培训人数达到计划的得满分，每少10人扣0.5分: the requirement is a target named in words (实际值 against 目标值)
    targeted = not units and any(r.cond is not None and r.cond.ref for r in readings)
    out: list[Reading] = []
    for r in readings:
        info = r.step
        if r.role == "count" and info is not None and info.direction is None and info.size is None \
                and info.unit in units and r.cond is not None and r.cond.numeric and _fewer(r):
            # 党组会议全年至少4次,少开的,按次扣1分: each one fewer than the requirement, a step of one
            one = Num(Decimal(1), "qty", f"1{info.unit}", r.statement.span, unit=info.unit)
            info = attrs.evolve(info, direction="below", size=one, words="少")
        if r.role == "count" and info is not None and info.counts and not info.late and \
                (info.unit in units or targeted and info.size is not None and info.words in STEP_WORDS) \
                and info.direction in ("below", "above") and not info.words.startswith(_MISSING_WORDS):
            r = attrs.evolve(r, role="step", step=attrs.evolve(info, counts=False))
            step = f"每{info.words or ''}{info.size.text if info.size else ''}"
            ctx.info("PE107", *pair("reading_pe107", step=step), r.statement.span)
        out.append(r)
    return out
