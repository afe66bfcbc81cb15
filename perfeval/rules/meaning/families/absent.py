"""Not applicable: what a standard gives when there is nothing to score (没有楼堂馆所项目的部门按满分计算).

A call with no value at all (``rule(None)``) then scores these points, stated as reading PE134; without such
a clause, a missing value is an error naming the input. A case scored by others' points
(未发生采购业务的，按全市同类单位平均分得分 · 非执法单位得分为执法单位得分的平均分) is :func:`borrowed`: the
caller gives that average (input 平均分), reading PE149.

>>> from perfeval.rules.syntax.parser import parse
>>> from perfeval.rules.meaning.analyse import analyse
>>> analyse(parse("100%以下(含)计满分，每超出5%扣2分。没有该类项目的部门按满分计算。"), Decimal(5)).item.absent
Decimal('5')
"""

from __future__ import annotations

import re
from decimal import Decimal

from ...messages import pair
from ...syntax import nodes as n
from ...vocabulary import INPUT_NAMES
from .. import ir
from ..context import Context
from ..roles import Reading

__all__ = ["absent_points", "borrowed", "excluded_case", "leaves_out"]

#: The input that carries another's points: 平均分 (any name with 平均分 or 平均得分 in it).
AVERAGE = INPUT_NAMES["平均分"][0]
#: 未发生 · 没有 · 无 · 非 · 不: a case written negatively, given by its positive name (发生采购业务=False)
_NEGATION = re.compile(r"^(?:未|没有|无|非|不)")
#: 不参与考核 · 不参与评分: the item is left out of the total, not scored in full.
_EXCLUDED = re.compile(r"不参与(?:评分|考核|评价|计分)")
#: 最低平均分 · 平均分的一半 · 平均分的80% · 0.8倍: not the average itself.
_CHANGED_AVERAGE = re.compile(r"最低|最高|最少|最多|倍|折|一半|下浮|上浮|%|％|分之|系数")


def absent_points(readings: list[Reading], ctx: Context) -> Decimal | None:
    """没有楼堂馆所项目的部门按满分计算 · 无新建项目的不扣分: what no value at all scores (not applicable)."""
    for r in readings:
        if r.role == "absent" and _EXCLUDED.search(ctx.source(r.statement.span)):
            continue  # not full marks, which would inflate the total: :func:`excluded_case`
        if r.role == "absent":
            ctx.info("PE134", *pair("reading_pe134", quoted=ctx.source(r.statement.span)),
                     r.statement.span)
            return ctx.max_points
    return None


def leaves_out(r: Reading, ctx: Context) -> bool:
    """Whether ``r`` says when the item is left out (该项不参与考核), see :func:`excluded_case`."""
    return r.role == "absent" and bool(_EXCLUDED.search(ctx.source(r.statement.span)))


def excluded_case(readings: list[Reading], ctx: Context) -> str | None:
    """未开展出租出借业务的，该项不参与考核: the case in which the item does not apply (reading PE159), or None.

    The item is then left out of the total, which the rubric's 总则 re-normalises over the indicators that
    apply (DESIGN.md, "Not applicable"): the data marks it ``"不适用"``; the rule itself scores only the case
    where it applies.
    """
    said = [r for r in readings if r.role == "absent" and _EXCLUDED.search(ctx.source(r.statement.span))]
    for r in said:
        ctx.info("PE159", *pair("reading_pe159", quoted=ctx.source(r.statement.span)), r.statement.span)
    return "；".join(ctx.source(r.statement.span) for r in said) or None


def borrowed(readings: list[Reading], ctx: Context) -> ir.Borrowed:
    """未发生采购业务的，…按全市同类单位平均分得分: the case, and that its points are an average given as input."""
    if len(readings) > 1:
        # two cases scored by others' points: which average goes with which is not said
        second = readings[1].statement
        raise ctx.fail("unread_scoring", second.span, clause=ctx.source(second.span), hint="hint_which_applies")
    s = readings[0].statement
    label = ctx.source(s.span)
    out = s.outcome
    assert out is not None
    after = re.match(r"[^,，;；。\n]*", ctx.text[out.span.end:])
    said = ctx.source(out.span)
    if (after is not None and after.group().strip()) or s.modifiers or _CHANGED_AVERAGE.search(said):
        # 按执法单位平均分的80%得分 · 平均分下浮10% · 最低平均分 · 平均分得分，最多得1分: something done to the average
        # that this reading would drop — refused, never the plain average
        raise ctx.fail("unread_scoring", s.span, clause=ctx.text[s.span.start:out.span.end + len(after.group()
                                                                                                if after else "")],
                       hint="hint_which_applies")
    words: list[str] = []
    for p in s.head:
        if not isinstance(p, n.Words | n.Punct):
            # 完成率低于60%的按平均分得分: a case placed by a value, not named — not a case perfeval reads
            raise ctx.fail("unread_scoring", s.span, clause=label, hint="hint_which_applies")
        if isinstance(p, n.Words):
            words.append(p.text)
            if p.text.rstrip().endswith("的"):
                break  # 未发生采购业务的，涉及采购业务指标…: the case ends at 的; the rest says which indicators
    case = "".join(words).strip("，,的 ")
    if not case:
        # 按平均分得分 with no case: for whom is not said
        raise ctx.fail("unread_scoring", s.span, clause=label, hint="hint_which_applies")
    positive = _NEGATION.sub("", case, count=1)
    ctx.info("PE149", *pair("reading_pe149", case=case, name=AVERAGE), s.span)
    names = tuple(dict.fromkeys(w for w in (case, positive) if w))
    return ir.Borrowed(AVERAGE, names, positive != case, label, s.span)
