"""Standards the assessor applies: one option of several, the items of a checklist, a judgement, tiers.

* **Options.** 效果较好的计6分；一般3分；无效果0分 · 完成目标得满分，否则不得分 · the rows of a table: the input
  names the option (①, 2, its words; True is the first, False the 否则).
* **Checklist.** ①设有目标（1分）②目标明确（1分）… · 公开补贴标准0.5分，公开补贴对象0.5分…: the points of the
  items met (the input lists them), at most the 分值 or a stated cap.
* **Judgement.** 酌情评分 · 得16—18分 · 在3分内酌情给分: the assessor's points, checked against the range.
* **Tiers.** 好(8-10分)、一般(4-7分)、差(0-3分) · 100%-80%（含）、80%-60%（含）: the tier chosen (等次) and the
  points within it.

>>> from perfeval.rules.syntax.parser import parse
>>> from perfeval.rules.meaning.analyse import analyse
>>> [o.low for o in analyse(parse("效果较好的计6分；一般3分；无效果0分"), Decimal(6)).item.options]
[Decimal('6'), Decimal('3'), Decimal('0')]
"""

from __future__ import annotations

import re
from decimal import Decimal

from ...messages import pair
from ...syntax import nodes as n
from ...vocabulary import alternation
from .. import ir
from ..conditions import Cond, condition
from ..context import Context
from ..intervals import Side, resolve
from ..roles import Reading
from ..statements import Statement
from .common import Mods

__all__ = ["TIER_WORDS", "checklist", "is_checklist", "judged", "judges_each_unmet", "options", "share_tiers",
           "tiers_by_share", "tiers_of"]

_ZERO = Decimal(0)
_CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"
#: The words of qualitative tiers, longest first when matched at the end of a label.
TIER_WORDS = ("优秀", "良好", "较好", "一般", "中等", "较差", "合格", "不合格", "基本达标", "达标", "不达标", "优", "良", "中",
              "差", "好", "A档", "B档", "C档", "D档")
_TIER_END = re.compile(f"(?:{alternation(TIER_WORDS)})$")


def _label(r: Reading, ctx: Context) -> str:
    """The option's words as written (只提出资金不足问题 keeps its 不足, which the lexer reads as a comparator)."""
    head = r.statement.head
    if not head or not any(isinstance(p, n.Words) for p in head):
        return ctx.source(r.statement.span)
    words = ctx.source(head[0].span.to(head[-1].span))
    return words.strip("，,。;；:：、 的") or ctx.source(r.statement.span)


def _points(r: Reading, P: Decimal) -> tuple[Decimal, Decimal]:
    a = r.amount
    if r.deduct is not None and r.deduct.verb == "倒扣" and r.deduct.high is not None and r.deduct.low is not None:
        return -r.deduct.high, -r.deduct.low  # 未按时报送的倒扣1分: the option scores −1, below zero
    if r.deduct is not None and r.deduct.high is not None and r.deduct.low is not None:
        return max(_ZERO, P - r.deduct.high), max(_ZERO, P - r.deduct.low)
    if a is None or a.full:
        return P, P
    if a.low is not None and a.high is not None:
        return a.low, a.high
    if a.share is not None:
        return P * a.share, P * (a.share_high if a.share_high is not None else a.share)
    if a.points is not None:
        return a.points, a.points
    return P, P


_STEPPED = frozenset({"step", "count", "rank_step", "rank"})


def _no_steps(readings: list[Reading], ctx: Context) -> None:
    """Options and checklists are chosen, not measured: a step among them (每超过1%加0.5分) is refused."""
    for r in readings:
        if r.role in _STEPPED:
            raise ctx.fail("mixed_rules", r.statement.span, clause=ctx.source(r.statement.span),
                           hint="hint_which_applies")


def options(readings: list[Reading], ctx: Context, mods: Mods) -> ir.Item:
    """One of several options applies."""
    _no_steps(readings, ctx)
    P = ctx.max_points
    out: list[ir.Option] = []
    for r in readings:
        if r.role == "absent":
            continue
        s = r.statement
        label = _label(r, ctx)
        veto = next((ctx.source(m.span) for m in s.modifiers if isinstance(m, n.Veto)), None)
        if r.role == "judged" and isinstance(s.outcome, n.Discretion):
            lo, hi = _discretion(r, P)
            out.append(ir.Option(_mark(len(out)), label, lo, hi, s.span, veto))
            ctx.info("PE180", *pair("reading_pe180"), s.span)
            continue
        if r.role == "computed" and isinstance(s.outcome, n.Proportional):
            # 否则按比例扣除相应的分数, with no rate written anywhere: the share is the assessor's to judge
            out.append(ir.Option(_mark(len(out)), label, _ZERO, P, s.span, veto))
            ctx.info("PE184", *pair("reading_pe184"), s.span)
            continue
        lo, hi = _points(r, P)
        for part in _alternatives(r, label):
            out.append(ir.Option(_mark(len(out)), part, lo, hi, s.span, veto))
    if len(out) == 1 and out[0].low == out[0].high and out[0].low > 0:
        # 具备人员、场地、设备条件（1分）: what is not met earns nothing.
        only = out[0]
        out.append(ir.Option(_mark(1), "否则", _ZERO, _ZERO, only.span))
        ctx.info("PE133", *pair("reading_pe133"), only.span)
    if len(out) == 1 and out[0].low == out[0].high == 0:
        # 未建立台账的得0分 alone: a way to fail — the unit without it keeps its 分值 (as under 不得分, 扣5分),
        # never a choice of one option that nothing-said-yet would score 0
        only = out[0]
        out.append(ir.Option(_mark(1), "否则", P, P, only.span))
        ctx.info("PE158", *pair("reading_pe158"), only.span)
    if len(out) == 1:
        # one option and nothing else: no choice to make, and what the rest earns is not said
        raise ctx.fail("cond_without_points", out[0].span, clause=out[0].label)
    _check_awards(out, ctx)
    lowest = min((o.low for o in out), default=_ZERO)
    return ir.Item(P, options=tuple(out), ceiling=P, precision=mods.precision or Decimal("0.01"),
                   floor=min(lowest, _ZERO))


def _alternatives(r: Reading, label: str) -> list[str]:
    """未实行动态核定的，或“反向”压减床位编制的，扣1.5分: two situations, one outcome — two options."""
    words = [p.text for p in r.statement.head if isinstance(p, n.Words)]
    if len(words) >= 2 and words[1].startswith(("或", "或者")):
        return [words[0].strip("，,的 "), words[1].lstrip("或者").strip("，,的 ")] + \
            [w.strip("，,的 ") for w in words[2:]]
    return [label]


def _mark(i: int) -> str:
    return _CIRCLED[i] if i < len(_CIRCLED) else str(i + 1)


def _discretion(r: Reading, P: Decimal) -> tuple[Decimal, Decimal]:
    d = r.statement.outcome
    assert isinstance(d, n.Discretion)
    bound = next((p for p in r.statement.head if isinstance(p, n.Bound) and p.value.kind == "score"), None)
    if bound is not None:  # 在1.5分内酌情给分
        return _ZERO, min(P, bound.value.value)
    if d.low is not None and d.high is not None:
        if "扣" in d.text:
            return max(_ZERO, P - d.high), max(_ZERO, P - d.low)
        return d.low, d.high
    cap = next((m.points for m in r.statement.modifiers if isinstance(m, n.Cap) and m.points is not None), None)
    if cap is not None and "扣" in d.text:
        # 存在问题的酌情扣分，最多扣3分: the assessor deducts, but never more than the cap
        return max(_ZERO, P - cap), P
    return _ZERO, P


def _check_awards(out: list[ir.Option], ctx: Context) -> None:
    for o in out:
        if o.high > ctx.max_points:
            raise ctx.fail("award_above_points", o.span, clause=o.label, award=f"{o.high.normalize():f}",
                           points=f"{ctx.max_points.normalize():f}")


def is_checklist(readings: list[Reading], P: Decimal) -> bool:
    """Items with points that add up (to at most the 分值): a checklist, not alternatives."""
    pts = [r.amount.points for r in readings if r.amount is not None and r.amount.points is not None]
    if len(pts) < 2 or len(pts) != len(readings):
        return False
    total = sum(pts, _ZERO)
    marked = all(r.statement.mark is not None for r in readings)
    if total <= P and (marked or total == P):
        return max(pts) < P or total == P and len(pts) > 1 and max(pts) < P
    return False


def is_ranged_checklist(readings: list[Reading], P: Decimal) -> bool:
    """处罚依据0.2-0.6分,处罚机关0.1-0.4分,…: items each with the assessor's range, whose tops add up to the
    分值 — a checklist judged per item, not tiers (tiers' tops do not add up: 好8-10分、一般4-7分)."""
    ranges = [r.amount for r in readings if r.role == "judged" and r.amount is not None
              and r.amount.low is not None and r.amount.high is not None and r.cond is None]
    if len(ranges) < 2 or len(ranges) != len(readings):
        return False
    tops = [a.high for a in ranges if a.high is not None]
    return sum(tops, _ZERO) == P and max(tops) < P


def is_threshold_checklist(readings: list[Reading], P: Decimal) -> bool:
    """防洪排涝设施建设完善得0.3分;应急避难场所人均面积达1.5平方米得0.5分;建立消防机制…得0.2分: items whose
    points add up to the 分值, some met by reaching a number — each such item is one item, met or not
    (reading PE196), not a band table: no two of them speak of the same value, and words items are among them."""
    if len(readings) < 2 or not all(r.role in ("award", "band") and r.amount is not None
                                    and r.amount.points is not None and r.amount.points > 0 for r in readings):
        return False
    bands = [r for r in readings if r.role == "band"]
    if not bands or len(bands) == len(readings):
        return False
    subjects = [(r.cond.subject or "").strip("，,、的在 ") if r.cond is not None else "" for r in bands]
    if any(len(x) < 2 for x in subjects) or len(set(subjects)) != len(subjects):
        return False
    if any(r.cond is None or r.cond.ref is not None or r.cond.lo is None or r.cond.hi is not None for r in bands):
        return False  # one threshold each, reached or not (达1.5平方米 · 95%以上)
    total = sum((r.amount.points for r in readings if r.amount is not None and r.amount.points is not None), _ZERO)
    return total == P


def judges_each_unmet(r: Reading) -> bool:
    """否则，每项酌情扣分: each item not met loses what the assessor decides (up to its points)."""
    s = r.statement
    if r.role != "judged" or not isinstance(s.outcome, n.Discretion) or s.outcome.low is not None:
        return False
    words = "".join(p.text for p in s.head if isinstance(p, n.Words | n.Per) and hasattr(p, "text"))
    each = any(w in words for w in ("每项", "逐项", "各项")) or bool(s.find(n.Per))
    return each and (s.has(n.Otherwise) or any(w in words for w in ("未达到", "不符合", "未满足")))


def checklist(readings: list[Reading], ctx: Context, mods: Mods, cap: Decimal | None,
              zeros: list[Reading] | None = None, judged_unmet: list[Reading] | None = None) -> ir.Item:
    """The points of the items met (and a fact that zeroes them all: 整改任务未全部完成的，扣除本项全部分值).

    With ``judged_unmet`` (否则，每项酌情扣分) an item not met earns what the assessor decides, from 0 to its
    points, rather than 0."""
    _no_steps(readings, ctx)
    P = ctx.max_points
    streams: list[ir.Stream] = []
    if judged_unmet:
        ctx.info("PE194", *pair("reading_pe194"), judged_unmet[0].statement.span)
    ranged = is_ranged_checklist(readings, P)
    if ranged:
        ctx.info("PE195", *pair("reading_pe195"),
                 readings[0].statement.span)
    for i, r in enumerate(readings):
        s = r.statement
        pts = r.amount.points if r.amount is not None and r.amount.points is not None else _ZERO
        met: tuple[ir.Expr, ir.Expr] | None = None
        if ranged and r.amount is not None and r.amount.low is not None and r.amount.high is not None:
            pts = r.amount.high
            met = (ir.Const(r.amount.low), ir.Const(r.amount.high))
        key = s.mark if s.mark is not None else _mark(i)
        unmet = (ir.Const(_ZERO), ir.Const(pts)) if judged_unmet else None
        pieces = (ir.Piece(ir.Interval(_ZERO, True, _ZERO, True), ir.Const(_ZERO), s.span, "", judged=unmet),
                  ir.Piece(ir.Interval(Decimal(1), True, Decimal(1), True),
                           met[0] if met is not None else ir.Const(pts), s.span, ctx.source(s.span), judged=met))
        streams.append(ir.Stream(key, ctx.source(s.span), s.span, ir.Value(ir.Kind.FLAG, names=(_label(r, ctx),)),
                                 ir.Piecewise(pieces), ir.Role.EARN))
    for r in zeros or []:
        s = r.statement
        words = "".join(p.text for p in s.head if isinstance(p, n.Words)).strip("，,的 ")
        positive = re.sub(r"未|没有", "", words, count=1)
        names = (words, positive)
        pieces = (ir.Piece(ir.Interval(_ZERO, True, _ZERO, True), ir.Const(_ZERO), s.span, ""),
                  ir.Piece(ir.Interval(Decimal(1), True, Decimal(1), True), ir.Const(_ZERO), s.span,
                           ctx.source(s.span), zero=True))
        streams.append(ir.Stream(_mark(len(streams)), ctx.source(s.span), s.span,
                                 ir.Value(ir.Kind.FLAG, names=tuple(dict.fromkeys(n_ for n_ in names if n_)),
                                          negated=positive != words),
                                 ir.Piecewise(pieces), ir.Role.DEDUCT))
    total = sum(((r.amount.high if ranged else r.amount.points) or _ZERO for r in readings if r.amount is not None),
                _ZERO)
    if total != P:
        ctx.warn("PE220", *pair("reading_pe220", total=total.normalize(), P=P.normalize()), None)
    ctx.info("PE190", *pair("reading_pe190"), None)
    return ir.Item(P, tuple(streams), base=_ZERO, ceiling=min(P, cap) if cap is not None else P,
                   precision=mods.precision or Decimal("0.01"))


def judged(readings: list[Reading], ctx: Context, mods: Mods) -> ir.Item:
    """The assessor's points within the range the standard allows."""
    P = ctx.max_points
    r = readings[0]
    if isinstance(r.statement.outcome, n.Discretion):
        lo, hi = _discretion(r, P)
    else:
        lo, hi = _points(r, P)
    if hi > P:
        raise ctx.fail("award_above_points", r.statement.span, clause=ctx.source(r.statement.span),
                       award=f"{hi.normalize():f}", points=f"{P.normalize():f}")
    ctx.info("PE181", *pair("reading_pe181", lo=lo.normalize(), hi=hi.normalize()), r.statement.span)
    s = r.statement
    words = [p for p in s.head if isinstance(p, n.Words)]
    if isinstance(s.outcome, n.Discretion) and "扣" in s.outcome.text and hi == P and words and \
            words[-1].text.rstrip("，, ").endswith("的"):
        # 资料不齐全的，酌情扣分: judged only when the problem is found — a unit without it keeps its 分值 (as under
        # 发现问题的，酌情扣1-3分); a yes/no, the deduction the assessor's within 0 and 分值 − the lowest allowed
        most = P - lo
        pieces = (ir.Piece(ir.Interval(_ZERO, True, _ZERO, True), ir.Const(_ZERO), s.span, ""),
                  ir.Piece(ir.Interval(Decimal(1), True, Decimal(1), True), ir.Const(most), s.span, ctx.source(s.span),
                           judged=(ir.Const(_ZERO), ir.Const(most))))
        names = ("".join(w.text for w in words).strip("，,的 "),)
        stream = ir.Stream("①", ctx.source(s.span), s.span, ir.Value(ir.Kind.FLAG, names=names), ir.Piecewise(pieces),
                           ir.Role.DEDUCT)
        return ir.Item(P, (stream,), base=P, ceiling=P, precision=mods.precision or Decimal("0.01"))
    return ir.Item(P, judged=(lo, hi), ceiling=P, precision=mods.precision or Decimal("0.01"))


def tiers_of(readings: list[Reading], ctx: Context, mods: Mods) -> ir.Item | None:
    """好(8-10分)、一般(4-7分) · 宣传效果好的给4-5分，较好的给2-3分: tiers named by a quality word."""
    P = ctx.max_points
    tiers: list[ir.Option] = []
    for r in readings:
        label = _label(r, ctx)
        m = _TIER_END.search(label)
        if m is None:
            return None
        lo, hi = _points(r, P)
        tiers.append(ir.Option(m.group(), label, lo, hi, r.statement.span))
    if len(tiers) < 2 or not any(t.low != t.high for t in tiers):
        return None
    ctx.info("PE182", *pair("reading_pe182"), None)
    return ir.Item(P, tiers=tuple(tiers), ceiling=P, precision=mods.precision or Decimal("0.01"))


def share_tiers(s: Statement) -> bool:
    """分值区间100%-80%（含）、80%-60%（含）、60%-0%: tiers given as shares of the 分值."""
    ranges = [p for p in s.head if isinstance(p, n.Range) and p.lo.percent and p.hi.percent]
    return len(ranges) >= 2


def tiers_by_share(s: Statement, ctx: Context, mods: Mods) -> ir.Item:
    """The tier the assessor picks and the share of 分值 within it (得分 = 分值 × 比例, PE183)."""

    ranges = [p for p in s.head if isinstance(p, n.Range)]
    sides: list[tuple[Side | None, Side | None]] = []
    for p in ranges:
        cond = _range_cond(p)
        sides.append((cond.lo, cond.hi))
    intervals, _, _ = resolve(sides)
    pieces = tuple(ir.Piece(iv, ir.Op("*", ir.MaxPoints(), ir.X()), p.span, ctx.source(p.span))
                   for iv, p in zip(intervals, ranges, strict=True))
    ctx.info("PE183", *pair("reading_pe183"), s.span)
    stream = ir.Stream("", ctx.source(s.span), s.span, ir.Value(ir.Kind.RATE), ir.Piecewise(pieces), ir.Role.BASE)
    return ir.Item(ctx.max_points, (stream,), ceiling=ctx.max_points, judged=(_ZERO, ctx.max_points),
                   precision=mods.precision or Decimal("0.01"))


def _range_cond(p: n.Range) -> Cond:
    c = condition([p])
    assert c is not None
    return c
