"""A score adjusted by bonus and deduction items: "考核计分采用百分制,另设加分事项和减分事项。其中,加分事项累计不超过
5分,减分事项不设上限。" (a county 考核办法's 总则, written as the standard of one total).

The item is three named inputs: the score the detailed rules give (``基础得分``), the bonus items' points (``加分``),
added up to the cap written (加分事项累计不超过5分; without a cap the score stays within its 分值), and the
deduction items' points (``减分``), taken off without a cap when 减分事项不设上限 says so — never below 0 unless 可负分
is written (reading PE264). Any other clause beside them is refused (``adjustments_unread``); 减分事项不设上限 without
the items declared is refused too (``unread_scoring``).

>>> from perfeval.rules.syntax.parser import parse
>>> from perfeval.rules.meaning.analyse import analyse
>>> item = analyse(parse("另设加分事项和减分事项。其中,加分事项累计不超过5分"), Decimal(100)).item
>>> [s.key for s in item.streams], item.ceiling
(['基础得分', '加分', '减分'], Decimal('105'))
"""

from __future__ import annotations

from decimal import Decimal

from ...messages import pair
from ...syntax import nodes as n
from ...vocabulary import INPUT_NAMES
from .. import ir
from ..context import Context
from ..roles import classify
from ..statements import Statement
from .common import Mods, floor_of
from .notes import check_note

__all__ = ["adjusted", "claims"]

_ZERO = Decimal(0)
#: Words that only join the clauses of the rule (其中, 同时)
_JOINING = frozenset(("其中", "同时", "另", "并且", "并"))


def claims(stmts: list[Statement], ctx: Context) -> bool:
    """Whether the standard declares bonus and deduction items (另设加分事项和减分事项); 减分事项不设上限 without them
    is refused (uncapped deductions of what?)."""
    if any(isinstance(s.outcome, n.Adjustments) for s in stmts):
        return True
    stray = next((m for s in stmts for m in s.modifiers if isinstance(m, n.NoCap)), None)
    if stray is not None:
        raise ctx.fail("unread_scoring", stray.span, clause=ctx.source(stray.span), hint="hint_write_outcome")
    return False


def adjusted(stmts: list[Statement], ctx: Context, mods: Mods, notes: list[str]) -> ir.Item:
    """The item of a score adjusted by bonus and deduction items (see the module docstring)."""
    sheets = [s for s in stmts if isinstance(s.outcome, n.Adjustments)]
    if len(sheets) > 1:
        raise ctx.fail("adjustments_unread", sheets[1].span, clause=ctx.source(sheets[1].span))
    sheet = sheets[0]
    cap = mods.gain_cap
    for s in stmts:
        caps = [m for m in s.modifiers if isinstance(m, n.GainCap)]
        rest = [m for m in s.modifiers if not isinstance(m, n.GainCap | n.NoCap)]
        joining = all(isinstance(p, n.Punct) or isinstance(p, n.Words) and p.text.strip("，, ") in _JOINING
                      for p in s.head)
        if s is sheet and not s.modifiers:
            if any(not isinstance(p, n.Words | n.Punct) for p in s.head):
                raise ctx.fail("adjustments_unread", s.span, clause=ctx.source(s.span))
            continue
        if s.outcome is None and joining and not rest and s.modifiers:
            for c in caps:
                if c.points is None or (cap is not None and cap != c.points):
                    raise ctx.fail("adjustments_unread", s.span, clause=ctx.source(s.span))
                cap = c.points
            continue
        if s.outcome is None and not s.modifiers and classify(s).role == "note":
            check_note(s, ctx, notes)  # 各项计分细则另行印发: where the detailed rules are
            continue
        raise ctx.fail("adjustments_unread", s.span, clause=ctx.source(s.span))
    P = ctx.max_points
    label = ctx.source(sheet.span)
    given = ir.Interval(_ZERO, True, None, False)  # points given, never below zero

    def stream(group: str, role: ir.Role, stream_cap: Decimal | None = None) -> ir.Stream:
        names = INPUT_NAMES[group]
        # the score before the items is within the 分值 (a 基础得分 of 120 of 100 is no score); points never negative
        within = ir.Interval(_ZERO, True, P, True) if role is ir.Role.BASE else given
        piece = ir.Piece(within, ir.X(), sheet.span, label)
        return ir.Stream(names[0], label, sheet.span, ir.Value(ir.Kind.NUMBER, names=names),
                         ir.Piecewise((piece,)), role, cap=stream_cap)

    ctx.info("PE264", *pair("reading_pe264", cap=f"{cap.normalize():f}" if cap is not None else "—"), sheet.span)
    streams = (stream("基础得分", ir.Role.BASE), stream("加分", ir.Role.BONUS, cap), stream("减分", ir.Role.DEDUCT))
    return ir.Item(P, streams, base=_ZERO, floor=floor_of(mods), ceiling=P + cap if cap is not None else P,
                   precision=mods.precision or Decimal("0.01"), bonus_cap=cap)
