"""A completion rate against its target: 超额完成 bands above it, and a veto below it.

"完成年度计划目标得20分,超额完成15%(含)至30%加1分,超额完成30%(含)至45%加2分": the value is the completion rate
(actual ÷ target, 100% when the target is met — defined by a formula or read from 完成目标, PE105), and
"超额完成15%" is 15% *over* the target: the rate 115%, not 15% (reading PE256). Read on the rate itself, 100%
would already be far above 15% and earn every bonus.

"本项为否决性指标,凡未达到年度目标值的直接评为未完成等级": the values below the target veto the unit
(Score.veto). When the only clause that gives points is the one for meeting the target, below it the item
scores 0 — the text gives points only for meeting it (reading PE257, as PE133 for a fact not met).

>>> from perfeval.rules.syntax.parser import parse
>>> from perfeval.rules.meaning.analyse import analyse
>>> item = analyse(parse("完成年度目标得10分,超额完成10%(含)以上加1分,最多加1分"), Decimal(10)).item
>>> [str(p.interval.lo) for p in item.streams[-1].fn.pieces if p.interval.lo is not None]
['1.1']
"""

from __future__ import annotations

import re
from decimal import Decimal

import attrs

from ...messages import pair
from ...syntax import nodes as n
from ...vocabulary import Claim
from .. import ir
from ..conditions import Cond
from ..context import Context
from ..intervals import Side
from ..roles import Amount, Reading
from ..statements import VETO_DECLARED, Statement

__all__ = ["against_target", "declared_veto"]

#: 超额完成15%(含)至30% · 超额完成目标10%以上: how far above the target (the words before the numbers)
_EXCESS = re.compile(r"^[，,、；;]?(?:凡|对)?超额(?:完成)?(?:年度|计划|目标|任务|的)*$")
#: 完成年度计划目标 · 完成目标任务 · 全面完成年度任务: meeting the target, the clause that gives the points
_MEETS = re.compile(r"^(?:全面|全部)?完成(?:了)?(?:年度|全年|本年)?(?:计划|工作)?(?:目标|任务)(?:任务|值)?的?$")
#: 未达到年度目标值 · 未完成年度目标: below the target (the words after the comparator)
_BELOW_WORDS = re.compile(r"^(?:年度|全年|计划|下达)*(?:目标|任务)(?:值|任务)?的?$")
_HUNDRED = Decimal(1)


def _words(r: Reading) -> str:
    return "".join(p.text for p in r.statement.head if isinstance(p, n.Words))


def _shifted(side: Side | None) -> Side | None:
    return None if side is None else Side(side.value + _HUNDRED, side.inclusive, side.claim)


def against_target(readings: list[Reading], ctx: Context) -> list[Reading]:
    """The readings with 超额完成 bands placed above the target and a veto below it (see the module
    docstring); unchanged when no clause meets a target."""
    meets = [r for r in readings if r.bonus is None and (
        r.role == "award" and r.cond is None and _MEETS.match(_words(r).strip("，,。 ")) or _at_hundred(r))]
    excess = [r for r in readings if _excess(r)]
    if len(meets) != 1:
        if excess:
            # 超额完成15%加1分 with no target met written beside it: over what is not said — never the rate 15%
            s = excess[0].statement
            raise ctx.fail("excess_unplaced", s.span, clause=ctx.source(s.span))
        return readings
    out: list[Reading] = []
    for r in readings:
        c = r.cond
        if _excess(r):
            assert c is not None
            ctx.info("PE256", *pair("reading_pe256", label=ctx.source(r.statement.span)), r.statement.span)
            r = attrs.evolve(r, cond=attrs.evolve(c, lo=_shifted(c.lo), hi=_shifted(c.hi), subject=None))
        elif r.role == "note" and _vetoes_below(r):
            assert c is not None
            below = Cond(None, Side(_HUNDRED, False, Claim.EXPLICIT), c.span, cmp=c.cmp)
            ctx.info("PE257", *pair("reading_pe257", label=ctx.source(r.statement.span)), r.statement.span)
            r = Reading("band", r.statement, below, amount=Amount(points=Decimal(0), zero=True))
        out.append(r)
    return out


def _excess(r: Reading) -> bool:
    """超额完成15%(含)至30%加1分: a bonus band on how far above the target (rates only)."""
    c = r.cond
    return r.role == "band" and r.bonus is not None and c is not None and c.numeric and c.ref is None and \
        c.subject is not None and bool(_EXCESS.match(c.subject.strip())) and bool(c.numbers) and \
        all(x.kind == "pct" for x in c.numbers)


def _at_hundred(r: Reading) -> bool:
    """完成率达到100%得20分 · 完成率100%得满分: the points for meeting the target, written as the rate 100%."""
    c = r.cond
    return r.role == "band" and c is not None and c.ref is None and c.lo is not None and c.lo.value == _HUNDRED \
        and (c.hi is None or c.hi.value == _HUNDRED) and all(x.kind == "pct" for x in c.numbers)


def _vetoes_below(r: Reading) -> bool:
    """凡未达到年度目标值的直接评为未完成等级: a veto of the values below the target, with no points of its own."""
    s = r.statement
    c = r.cond
    if s.outcome is not None or c is None or c.cmp is None or c.numbers or c.cmp.side != "upper" or \
            not any(isinstance(p, n.Veto) for p in s.head):
        return False
    described = [i for i, p in enumerate(s.head) if isinstance(p, n.Described)]
    if len(described) != 1:
        return False
    after = "".join(p.text for p in s.head[described[0] + 1 :] if isinstance(p, n.Words))
    before = "".join(p.text for p in s.head[: described[0]] if isinstance(p, n.Words))
    return before.strip("，, ") in ("", "凡", "对") and bool(_BELOW_WORDS.match(after.strip("，, ")))


def declared_veto(stmts: list[Statement], item: ir.Item, ctx: Context) -> None:
    """本项为否决性指标 on its own: the item is declared a veto indicator, and another clause must say what
    vetoes (凡未达到年度目标值的…). When none does, the declaration would be dropped: refused instead — as is any
    veto written where nothing in the meaning vetoes (每发现一处问题扣1分，一票否决)."""
    for s in stmts:
        if s.outcome is None and all(isinstance(p, n.Words | n.Punct) for p in s.head) and any(
                isinstance(m, n.Veto) and VETO_DECLARED.search(m.text) for m in s.modifiers) and not _vetoes(item):
            raise ctx.fail("veto_unsaid", s.span, clause=ctx.source(s.span))
    if not _vetoes(item):
        # 每发现一处问题扣1分，一票否决: a veto written and nowhere in the meaning — it was dropped (no unit vetoed)
        dropped = next((m for s in stmts for m in (*s.modifiers, *s.head) if isinstance(m, n.Veto)), None)
        if dropped is not None:
            raise ctx.fail("unread_scoring", dropped.span, clause=ctx.source(dropped.span), hint="hint_write_outcome")


def _vetoes(item: ir.Item) -> bool:
    return any(p.veto for st in item.streams for p in st.fn.pieces) or any(o.veto for o in item.options) or \
        any(_vetoes(part.item) for part in item.parts)
