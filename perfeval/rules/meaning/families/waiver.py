"""A waiver of the deductions: "但本地区…的比重高于各地区平均比重加3%的，可不扣分".

A sentence that opens with 但 and ends in 可不扣分 / 不扣分 / 不予扣分 / 免予扣分 and whose condition compares a
value named in words (本地区卫生院专技人员总量占地区卫生人员总量的比重) with another named value (各地区平均比重 →
平均值), with an offset (加3% · 3个百分点), is a second named condition, not a band of the value scored: when it
holds, nothing is deducted and the item scores its 分值 (PE241: 可不扣分 read as 不扣分). The offset is in
percentage points (PE242: 平均比重加3% is 30% + 3 points, not 30% × 1.03). The rest of the standard is read
as it would be alone; a waiver beside anything but deductions from the 分值 (bands below the 分值, options,
several streams) is refused, since what "not deducting" leaves there is not said.

>>> from perfeval.rules.syntax.parser import parse
>>> from perfeval.rules.meaning.analyse import analyse
>>> text = "100%得2分，每少1%扣0.2分；但本地占比高于平均值加3%的，可不扣分"
>>> analyse(parse(text), Decimal(2)).item.waiver.right
'平均值'
"""

from __future__ import annotations

import re
from decimal import Decimal

import attrs

from ...messages import pair
from ...syntax import nodes as n
from ...vocabulary import Comparator
from .. import ir
from ..conditions import reference_in
from ..context import Context
from ..statements import Statement

__all__ = ["is_waiver", "subjects", "waived"]

#: 但…的，可不扣分: the words of a waiver's outcome and of its opening
_WAIVE = re.compile(r"^(?:可不扣分|不扣分|不予扣分|免予扣分|免于扣分)$")
_OPENING = re.compile(r"^(?:但是|但)")
_OFFSET = re.compile(r"(?:加上|加)$")


def is_waiver(s: Statement) -> bool:
    """Whether ``s`` is a waiver: opens with 但, compares two named values, and says nothing is deducted."""
    out = s.outcome
    if not isinstance(out, n.NotApplicable) or not _WAIVE.match(out.text.strip()):
        return False
    head = list(s.head)
    first = head[0] if head else None
    return isinstance(first, n.Words) and bool(_OPENING.match(first.text)) and any(
        isinstance(p, n.Described) for p in head)


_LEAD = re.compile(r"^(?:如果|若|如|对|凡|其)")


def subjects(stmts: list[Statement]) -> tuple[str, ...]:
    """The words naming the value scored, where its conditions name it (若配备不足的 → 配备): the names a caller
    may give it by beside the waiver's named values."""
    out: list[str] = []
    for s in stmts:
        head = list(s.head)
        at = next((i for i, p in enumerate(head) if not isinstance(p, n.Words)), None)
        if not at:
            continue
        words = _LEAD.sub("", "".join(p.text for p in head[:at] if isinstance(p, n.Words))).strip("的在 ")
        words = re.sub(r"(?:达到|达|为|在)$", "", words)
        if len(words) >= 2 and words not in out:
            out.append(words)
    return tuple(out)


def _parts(s: Statement, ctx: Context) -> tuple[str, Comparator, str, Decimal]:
    """The subject, the comparator, the named value compared with and the offset, or a located refusal."""
    head = list(s.head)
    at = next(i for i, p in enumerate(head) if isinstance(p, n.Described))
    before, cmp, after = head[:at], head[at], head[at + 1:]
    assert isinstance(cmp, n.Described)
    subject = "".join(p.text for p in before if isinstance(p, n.Words))
    subject = _OPENING.sub("", subject).strip("的在 ，,")
    words = ""
    offset: n.Num | None = None
    rest_ok = all(isinstance(p, n.Words) for p in before)
    for p in after:
        if isinstance(p, n.Words) and offset is None:
            words += p.text
        elif isinstance(p, n.Point) and offset is None:
            offset = p.value
        elif not (isinstance(p, n.Words) and p.text.strip() in ("的", "")):
            rest_ok = False
    words = words.strip("的 ")
    added = bool(_OFFSET.search(words))
    words = _OFFSET.sub("", words).strip("的 ")
    if offset is not None and (not offset.percent or not added and not offset.text.endswith("百分点")):
        # 高于平均值3%: 3 points above it, or 3% more than it? Not said — only 加3% and 3个百分点 are read
        rest_ok = False
    if offset is None and added:
        rest_ok = False
    right = reference_in(words) or words
    if not rest_ok or not subject or not words or subject == words or reference_in(subject) == right:
        raise ctx.fail("waiver_unread", s.span, clause=ctx.source(s.span))
    return subject, cmp.cmp, right, offset.value if offset is not None else Decimal(0)


def _deductions_only(item: ir.Item) -> bool:
    """Whether every piece of the item's one stream is its 分值 or the 分值 less something."""
    s = ir.lone_value(item)
    if s is None or item.borrowed is not None:
        return False
    P = item.max_points

    def full(e: ir.Expr) -> bool:
        return isinstance(e, ir.MaxPoints) or isinstance(e, ir.Const) and e.value == P

    return all(not p.judged and not p.veto and not p.zero and p.bonus is None and (
        full(p.expr) or isinstance(p.expr, ir.Op) and p.expr.op == "-" and full(p.expr.left))
        for p in s.fn.pieces)


def waived(item: ir.Item, waivers: list[Statement], main_words: tuple[str, ...], ctx: Context) -> ir.Item:
    """``item`` with the waiver of ``waivers`` (one) attached, the named values it reads added to the inputs."""
    if len(waivers) > 1:
        raise ctx.fail("waiver_unread", waivers[1].span, clause=ctx.source(waivers[1].span))
    s = waivers[0]
    if not _deductions_only(item):
        raise ctx.fail("waiver_unread", s.span, clause=ctx.source(s.span))
    left, cmp, right, offset = _parts(s, ctx)
    if cmp.side == "lower":
        interval = ir.Interval(offset, cmp.inclusive, None, False)
    else:
        interval = ir.Interval(None, False, offset, cmp.inclusive)
    label = ctx.source(s.span)
    waiver = ir.Waiver(left, right, interval, label, s.span)
    ctx.info("PE241", *pair("reading_pe241", label=label, left=left, right=right), s.span)
    if offset:
        ctx.info("PE242", *pair("reading_pe242", points=f"{(offset * 100).normalize():f}"), s.span)
    stream = item.streams[0]
    names = stream.value.names or tuple(w for w in main_words if w and w not in (left, right))
    value = attrs.evolve(stream.value, names=names, needs=(left, right))
    return attrs.evolve(item, streams=(attrs.evolve(stream, value=value),), waiver=waiver)
