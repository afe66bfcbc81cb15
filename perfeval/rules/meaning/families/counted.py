"""Deductions per case and one-off deductions: each a stream with its own input, summed, then clamped.

DESIGN.md, "Per-occurrence": 每发现一例/一处/一次, 1项扣1.2分, 发现1例扣2分, 扣0.3分/台次, 每人次扣0.5分 take a
count (a whole number ≥ 0); "未建立台账的扣3分" is a one-off deduction taking yes/no. A cap (最多扣4分,
扣满6分为止) binds the stream it follows; 扣完为止 floors the item at 0. A condition on the same count that
zeroes the item (逾期五天及以上不得分, 发现两次以上的本项不得分) is part of that count's stream; a fact that
zeroes it (发生重大事故的本项得分为0) is a stream of its own. The award that states what is kept when nothing
is found (按时报送报告的得10分) is the base.

>>> from perfeval.rules.syntax.parser import parse
>>> from perfeval.rules.meaning.analyse import analyse
>>> item = analyse(parse("每发现一处扣0.5分，扣完为止"), Decimal(3)).item
>>> item.streams[0].value.kind.value, item.base
('count', Decimal('3'))
"""

from __future__ import annotations

import re
from decimal import Decimal

import attrs

from ...messages import pair
from ...syntax import nodes as n
from ...vocabulary import COUNT_NOUNS, Claim
from .. import ir
from ..conditions import Cond
from ..context import Context
from ..intervals import Side
from ..roles import Reading
from ..scales import check_one_unit
from ..statements import Statement
from .common import Mods, floor_of, show
from .limits import bonus_above_the_points, cap_over_the_list, checked_examples, only_reversed_below_zero

_COUNT_NOUNS = frozenset(COUNT_NOUNS)

__all__ = ["OCCURS", "UNMET", "counted", "mark_key", "respectively"]

_ZERO = Decimal(0)
_ONE = Decimal(1)
OCCURS = re.compile(r"^(?:年度内|考核期内|当年|本年度?)?(?:发生|出现|存在|有|被)")
_NEGATED = re.compile(r"^(?:未|没有|无|不)")


def mark_key(mark: str | None) -> str | None:
    """The key a part's mark gives its input: ① stays ①, "5." and "(5)" become "5"."""
    if mark is None:
        return None
    m = re.fullmatch(r"\(?\s*(\d{1,2}|[一二三四五六七八九十])\s*[).、]?", mark.strip())
    return m.group(1) if m else mark.strip()


def _amount(r: Reading, ctx: Context) -> tuple[Decimal, Decimal]:
    out = r.statement.outcome
    if isinstance(out, n.Discretion) and out.low is not None and out.high is not None:
        return out.low, out.high  # 酌情扣1-2分: the assessor chooses the deduction within the range
    if isinstance(out, n.Discretion) and not re.search(r"加|奖", out.text):
        # 实施不到位的,酌情扣分或者不得分: the assessor deducts anything from nothing to all — never 0 by default
        cap = _cap(r.statement)
        return _ZERO, cap if cap is not None else ctx.max_points
    if r.deduct is not None:
        if r.deduct.low is None or r.deduct.high is None:
            return _ZERO, _ZERO
        return r.deduct.low, r.deduct.high
    if r.bonus is not None:
        return r.bonus.low, r.bonus.high
    if r.amount is not None and r.amount.points is not None:
        return r.amount.points, r.amount.points
    if r.step is not None and not isinstance(out, n.Zero) and out is not None:
        # 每位次按0.25分 with no verb: a step must say what it deducts or adds, never 0 by default
        raise ctx.fail("step_needs_amount", r.statement.span, clause=ctx.source(r.statement.span))
    a = r.amount
    if a is not None and (a.low is not None or a.share is not None or a.values):
        # 1.得16—18分。2.每发现一例扣0.3分: a range (or share) of points earned is no per-case deduction — it
        # earned 0 here once
        raise ctx.fail("mixed_rules", r.statement.span, clause=ctx.source(r.statement.span), hint="hint_which_applies")
    return _ZERO, _ZERO


def _cap(s: Statement) -> Decimal | None:
    for m in s.modifiers:
        if isinstance(m, n.Cap | n.CapUntil | n.GainCap) and m.points is not None:
            return m.points
    return None


def _words(s: Statement) -> str:
    return "".join(p.text for p in s.head if isinstance(p, n.Words)).strip("，,的 ")


def _until_zero_sentence(s: Statement, stmts: list[Statement]) -> bool:
    """扣完为止 in the same sentence: a fixed deduction before it repeats per finding (it only makes sense so)."""
    return any(isinstance(m, n.UntilZero | n.CapUntil) for t in stmts if t.sentence == s.sentence
               for m in t.modifiers) or any(isinstance(m, n.UntilZero) for m in s.modifiers)


def _count_pieces(r: Reading, per_case: tuple[Decimal, Decimal], label: str, span: n.Span,
                  gates: list[Reading], ctx: Context, mode: ir.StepMode, whole: bool = True) -> tuple[ir.Piece, ...]:
    """``whole``: the input is a count (a whole number, checked when read); otherwise a measure such as days
    late, counted in whole steps of its unit unless the text says otherwise (每推迟一天扣1分: 1.5天 is 1 step)."""
    low, high = per_case
    size = r.step.size.value if r.step is not None and r.step.size is not None else _ONE
    x: ir.Expr = ir.X() if whole and size == _ONE and mode is ir.StepMode.WHOLE else ir.Steps(ir.X(), size, mode)
    expr: ir.Expr = ir.Op("*", ir.Const(high), x)
    judged = (ir.Op("*", ir.Const(low), x), ir.Op("*", ir.Const(high), x)) if low != high else None
    everything = ir.Interval(_ZERO, True, None, False)
    if not gates:
        return (ir.Piece(everything, expr, span, label, judged=judged),)
    if r.step is not None and r.step.size is not None:
        # 每推迟1天扣0.1分，推迟超过1个月的不得分: a gate in another unit than the count's (a month is 28–31 days)
        check_one_unit([r.step.size, *(x for g in gates if g.cond is not None for x in g.cond.numbers)], ctx)
    pieces: list[ir.Piece] = []
    edges: list[tuple[Decimal, bool]] = []
    for g in gates:
        assert g.cond is not None and g.cond.lo is not None
        edges.append((g.cond.lo.value, g.cond.lo.inclusive))
    start, inclusive = min(edges)
    pieces.append(ir.Piece(ir.Interval(_ZERO, True, start, not inclusive), expr, span, label, judged=judged))
    g = gates[0]
    veto = next((ctx.source(m.span) for m in g.statement.modifiers if isinstance(m, n.Veto)), None)
    pieces.append(ir.Piece(ir.Interval(start, inclusive, None, False), ir.Const(_ZERO), g.statement.span,
                           ctx.source(g.statement.span), veto=veto, zero=True))
    ctx.info("PE160", *pair("reading_pe160", quoted=ctx.source(g.statement.span), start=start),
             g.statement.span)
    return tuple(pieces)


def _fact_kind(words: str) -> ir.Kind:
    """发生/出现/存在…的 is an occurrence (a count, or yes/no); anything else a yes/no fact."""
    return ir.Kind.COUNT if OCCURS.search(words) else ir.Kind.FLAG


def _names(words: str) -> tuple[str, ...]:
    """The names a fact can be given by: its words, and their positive form (未发生采购业务 → 发生采购业务)."""
    w = words.strip("，,的 ")
    out = [w] if w else []
    m = _NEGATED.match(w)
    if m:
        out.append(w[m.end():])
    return tuple(out)


#: The roles :func:`counted` scores; any other statement in a standard of counts is refused, never dropped.
_COUNTED_ROLES = frozenset({"count", "oneoff", "zero", "double", "judged", "veto", "band", "award", "absent", "note"})


def _only_handled(readings: list[Reading], ctx: Context, roles: frozenset[str]) -> None:
    """A statement this family cannot score (每超过1%加0.5分 among counted deductions) is a located error."""
    for r in readings:
        if r.role not in roles or (r.role == "band" and r.cond is None):
            raise ctx.fail("mixed_rules", r.statement.span, clause=ctx.source(r.statement.span),
                           hint="hint_which_applies")


#: a score after the deductions that speaks of deducting (扣至2分为止, 减到1分): not an award for a fact
_DEDUCTION_WORDS = re.compile(r"\s*(?:扣|减|直至|最)")
UNMET = re.compile(r"(?:达不到|未达到|未达|不符合|不满足|未满足|不达)[^,;。]{0,12}?(?:要求|标准)")


def _requirement_awards(readings: list[Reading], ctx: Context) -> list[Reading]:
    """单个内设机构…不低于平均数的1/2，得1.5分；每有1个…达不到要求的，扣0.5分: the first states the requirement
    and what meeting it earns; the count says how many miss it. The requirement is the score when none do
    (an award, reading PE132), not a second value to give."""
    counts = [r for r in readings if r.role == "count"
              and UNMET.search(ctx.source(r.statement.span))]
    if not counts:
        return readings
    return [attrs.evolve(r, role="award") if r.role == "band" and r.deduct is None and r.bonus is None
            and r.amount is not None and r.amount.points is not None and readings.index(r) < readings.index(counts[0])
            else r for r in readings]




def counted(readings: list[Reading], ctx: Context, mods: Mods, stmts: list[Statement]) -> ir.Item:
    """The item of a standard made of per-case and one-off deductions (see the module docstring)."""
    P = ctx.max_points
    readings = checked_examples(readings, ctx)
    _only_handled(readings, ctx, _COUNTED_ROLES)
    ladder = next((r for r in readings if any(isinstance(m, n.Schedule) for m in r.statement.modifiers)), None)
    if ladder is not None or mods.schedule:
        # 逾期2个工作日扣0.3分,逾期4个工作日扣0.6分,依次类推 beside per-case deductions: this family has no ladder
        # (the rungs became two one-off cases and 依次类推 was lost)
        where = (ladder or readings[0]).statement
        raise ctx.fail("mixed_rules", where.span, clause=ctx.source(where.span), hint="hint_which_applies")
    readings = _requirement_awards(readings, ctx)
    base = P
    streams: list[ir.Stream] = []
    gates = [r for r in readings if r.role == "band" and r.cond is not None and _is_count_cond(r.cond)
             and r.amount is not None and r.amount.zero]
    counts = _merged([r for r in readings if r.role in ("count", "oneoff", "zero", "double", "judged", "veto")
                      or (r.role == "band" and r not in gates)])
    awards = [r for r in readings if r.role == "award"]
    per_case = [r for r in counts if r.role == "count"]
    # 每完成一项得2分，反之不得分 · 每完成一项得1分，每发现一处问题扣0.5分: what is earned per case starts from 0,
    # whatever else deducts, zeroes or adds beside it (a base of 分值 would give full marks for nothing done)
    additive = any(r.deduct is None and r.bonus is None and r.amount is not None for r in per_case) or (
        bool(per_case) and all(r in per_case or r.role in ("zero", "veto") for r in counts) and all(
            r.bonus is not None or (r.deduct is None and r.amount is not None) for r in per_case))
    awards = [a for a in awards if not _paired(a, readings)]
    if len(awards) > 1:
        # 相符的得10分,基本相符的得6分,…；…酌情扣分: tiers beside the deductions — which one the deductions
        # start from is not said, and no award may be dropped
        second = awards[1].statement
        raise ctx.fail("mixed_rules", second.span, clause=ctx.source(second.span), hint="hint_which_applies")
    # by position in the text: a merged count reading is a new object, not one of ``readings``
    if awards and counts and awards[0].statement.span.start > counts[0].statement.span.start and (
            not awards[0].statement.head or _DEDUCTION_WORDS.match(ctx.source(awards[0].statement.span))):
        # 每发现一例扣0.3分，扣至2分为止 / …，得3分: a score written after the deductions is not the score they
        # start from, and whether it is a floor, a cap or a second rule is not said
        late = awards[0].statement
        raise ctx.fail("mixed_rules", late.span, clause=ctx.source(late.span), hint="hint_which_applies")
    if awards:
        first = awards[0]
        pts = first.amount.points if first.amount and first.amount.points is not None else P
        if pts > P:
            raise ctx.fail("award_above_points", first.statement.span, clause=ctx.source(first.statement.span),
                           award=f"{pts.normalize():f}", points=f"{P.normalize():f}")
        if pts < P and not any(r.bonus is not None for r in counts):
            # 扣0.3分/台次；具备人员、场地、设备条件（1分）: a score below the 分值 as the start of the deductions
            # would cap the item at it — more likely a part of its own beside them: not said
            raise ctx.fail("mixed_rules", first.statement.span, clause=ctx.source(first.statement.span),
                           hint="hint_which_applies")
        base = pts
        ctx.info("PE132", *pair("reading_pe132", quoted=ctx.source(first.statement.span)),
                 first.statement.span)
    elif additive and counts:
        base = _ZERO
    earn_only = not awards and bool(counts) and all(r.bonus is not None for r in counts)
    if earn_only:
        # 被省级推广的加2分,被市级推广的加1分: nothing but what is added — the item's points, within its 分值
        # (from 0), as for bonus steps alone (PE155); a base of the full 分值 would hide every bonus
        base = _ZERO
        ctx.info("PE155", *pair("reading_pe155"),
                 counts[0].statement.span)
    cases = respectively(counts, ctx)
    keyed = _keys([c[0] for c in cases])
    previous: tuple[Decimal, Decimal] | None = None
    for (r, listed, case_words), key in zip(cases, keyed, strict=True):
        s = r.statement
        label = ctx.source(s.span) if not case_words else case_words
        cap = _cap(s)
        if cap is not None and mods.carry and cap >= P:
            cap = None  # 扣完10分后在总分中继续扣减: past the 10 points the rest is carried
        words = _words(s)
        if r.role == "double":
            if previous is None:
                raise ctx.fail("cond_without_points", s.span, clause=label)
            amount = (previous[0] * 2, previous[1] * 2)
            ctx.info("PE165", *pair("reading_pe165", label=label, amount=amount[1].normalize()), s.span)
            streams.append(_count_stream(key, r, amount, label, s, [], ctx, words, cap, ir.Role.DEDUCT))
            continue
        if r.role == "veto":
            # 发生重大安全事故的，实行一票否决: the fact vetoes (Score.veto); the points are the other clauses'
            kind = _fact_kind(words)
            vetoed = next(ctx.source(m.span) for m in s.modifiers if isinstance(m, n.Veto))
            fires = ir.Interval(_ONE, True, None, False) if kind is ir.Kind.COUNT else ir.Interval(_ONE, True, _ONE, True)
            # 未发生安全事故的得3分；发生安全事故的，一票否决: the award is for the opposite fact, so it is lost too
            fact = words.strip("，,的 ")
            lost = any(any(f"{no}{fact}" in _words(a.statement) for no in ("未", "没有", "无", "不")) for a in awards)
            pieces = (ir.Piece(ir.Interval(_ZERO, True, _ZERO, True), ir.Const(_ZERO), s.span, ""),
                      ir.Piece(fires, ir.Const(_ZERO), s.span, label, veto=vetoed, zero=lost))
            streams.append(ir.Stream(key, label, s.span, ir.Value(kind, names=_names(words)), ir.Piecewise(pieces),
                                     ir.Role.DEDUCT))
            continue
        if r.role == "zero":
            kind = _fact_kind(words)
            veto = next((ctx.source(m.span) for m in s.modifiers if isinstance(m, n.Veto)), None)
            fires = ir.Interval(_ONE, True, None, False) if kind is ir.Kind.COUNT else ir.Interval(_ONE, True, _ONE, True)
            # 除本项不得分外，另倒扣10分: zero, and ten more below it
            extra = -(r.deduct.high or _ZERO) if r.deduct is not None else _ZERO
            pieces = (ir.Piece(ir.Interval(_ZERO, True, _ZERO, True), ir.Const(_ZERO), s.span, ""),
                      ir.Piece(fires, ir.Const(extra), s.span, label, veto=veto, zero=True))
            streams.append(ir.Stream(key, label, s.span, ir.Value(kind, names=_names(words)), ir.Piecewise(pieces),
                                     ir.Role.DEDUCT))
            continue
        # 加 is a bonus (reported apart); an amount earned per case or per item is part of the points
        role = ir.Role.BONUS if r.bonus is not None and not earn_only else \
            ir.Role.EARN if r.deduct is None and (r.amount is not None or earn_only) else ir.Role.DEDUCT
        amount = listed
        if case_words:
            words = case_words
        if r.role == "count" or (r.role == "oneoff" and _until_zero_sentence(s, stmts)):
            if r.role == "count" and r.cond is not None and r.cond.numeric and r.step is not None and \
                    r.step.unit and any(x.unit == r.step.unit for x in r.cond.numbers) and any(
                    isinstance(p, n.Bound | n.Compare | n.Range) for p in s.head):
                # 迟报超过10天的，每天扣0.2分: a count stream counts from 0 — its threshold on the same count would
                # be dropped (出现两次以上复核未通过的工单，每件扣0.3分 only says which 工单 count; 所列7项职责的，每缺1项
                # says how many there are)
                raise ctx.fail("unread_scoring", s.span, clause=label, hint="hint_which_applies")
            if r.role == "oneoff":
                ctx.info("PE161", *pair("reading_pe161", label=label, amount=amount[1].normalize()), s.span)
            mine = [g for g in gates if _same_count(g, r, len([c for c in counts if c.role == "count"]))]
            streams.append(_count_stream(key, r, amount, label, s, mine, ctx, words, cap, role, mods,
                                         _enumerated(stmts, s)))
            previous = amount
            continue
        if r.role == "band":
            streams.append(_band_stream(key, r, ctx, label, s, cap))
            continue
        if r.role == "judged" and isinstance(s.outcome, n.Discretion) and _bounded(s) is not None:
            # 未按规程办理的在1.5分内酌情给分: when it applies, the item is scored by the assessor within 0–1.5.
            bound = _bounded(s)
            assert bound is not None
            pieces = (ir.Piece(ir.Interval(_ZERO, True, _ZERO, True), ir.Const(_ZERO), s.span, ""),
                      ir.Piece(ir.Interval(_ONE, True, _ONE, True), ir.Const(_ZERO), s.span, label, zero=True,
                               judged=(ir.Const(_ZERO), ir.Const(bound))))
            streams.append(ir.Stream(key, label, s.span, ir.Value(ir.Kind.FLAG, names=_names(words)),
                                     ir.Piecewise(pieces), ir.Role.DEDUCT))
            continue
        # a one-off deduction: yes/no
        low, high = amount
        judged = (ir.Const(low), ir.Const(high)) if low != high else None
        zero = r.amount is not None and r.amount.zero
        pieces = (ir.Piece(ir.Interval(_ZERO, True, _ZERO, True), ir.Const(_ZERO), s.span, ""),
                  ir.Piece(ir.Interval(_ONE, True, _ONE, True), ir.Const(high), s.span, label, judged=judged,
                           zero=zero))
        kind = ir.Kind.FLAG
        streams.append(ir.Stream(key, label, s.span, ir.Value(kind, names=_names(words)), ir.Piecewise(pieces),
                                 role, cap))
        previous = amount
    for g in gates:
        if not any(g.statement.span == p.span for st in streams for p in st.fn.pieces):
            streams.append(_band_stream(f"{len(streams) + 1}", g, ctx, ctx.source(g.statement.span), g.statement, None))
    if len(streams) == 1 and streams[0].value.kind is not ir.Kind.FLAG:
        only = streams[0]
        streams = [ir.Stream("", only.label, only.span, only.value, only.fn, only.role, only.cap)]
    streams = _named_opposites(streams, awards, counts)
    item = _item(streams, base, ctx, mods, readings)
    if not earn_only:
        item = bonus_above_the_points(item, [r for r in counts if r.bonus is not None], ctx)
    last = counts[-1].statement if counts else None
    total = next((m.points for m in last.modifiers if isinstance(m, n.GainCap) and m.points is not None), None) \
        if earn_only and last is not None and len(counts) > 1 else None
    if total is not None and last is not None:
        # …加1分,加分最高不超过2分 after several clauses: the cap is on what they add together
        streams = [attrs.evolve(st, cap=None) if st.span == last.span else st for st in item.streams]
        ceiling = total if item.ceiling is None else min(item.ceiling, total)
        item = attrs.evolve(item, streams=tuple(streams), ceiling=ceiling)
        ctx.info("PE156", *pair("reading_pe156_2", total=total.normalize()), last.span)
    return cap_over_the_list(item, counts, ctx)


def _named_opposites(streams: list[ir.Stream], awards: list[Reading], counts: list[Reading]) -> list[ir.Stream]:
    """1.完成年度任务得5分，未完成不得分；2.…: the opposite of an award, keyed by the award's mark, read True as
    "未完成" (met scored 0) — it is keyed by its own words instead, so that a yes/no for the mark is refused."""
    marks = {a.statement.mark for a in awards if a.statement.mark}
    out = []
    for st in streams:
        r = next((c for c in counts if c.statement.span == st.span), None)
        if r is not None and r.role == "zero" and r.statement.mark in marks and st.label:
            st = attrs.evolve(st, key=st.label)
        out.append(st)
    return out


def _paired(award: Reading, readings: list[Reading]) -> bool:
    """落实…的记1.5分，未落实的扣除该1.5分: an award whose opposite deducts the same — one yes/no stream."""
    i = readings.index(award)
    nxt = readings[i + 1] if i + 1 < len(readings) else None
    pts = award.amount.points if award.amount is not None else None
    return nxt is not None and nxt.role == "oneoff" and nxt.deduct is not None and pts is not None \
        and nxt.deduct.high == pts


def respectively(readings: list[Reading], ctx: Context) -> list[tuple[Reading, tuple[Decimal, Decimal], str]]:
    """漏报一户或已报，但材料不实的分别扣0.5分、2分: one case per amount, the cases split at 或."""
    out: list[tuple[Reading, tuple[Decimal, Decimal], str]] = []
    for r in readings:
        values = r.deduct.values if r.deduct is not None else ()
        if not values:
            out.append((r, _amount(r, ctx), ""))
            continue
        words: list[str] = []
        for p in r.statement.head:
            if isinstance(p, n.Words) and p.text.startswith(("或", "或者")) and words:
                words.append(p.text.lstrip("或者"))
            elif isinstance(p, n.Words):
                words[-1:] = [(words[-1] if words else "") + p.text]
            elif isinstance(p, n.Point) and words:
                words[-1] += p.value.text
        if len(words) != len(values):
            words = [f"{i + 1}" for i in range(len(values))]
        out += [(r, (v, v), w.strip("，,的 ")) for v, w in zip(values, words, strict=True)]
    return out


def _merged(readings: list[Reading]) -> list[Reading]:
    """Statements that only finish the one before them: 由考核组视情节确定 after 每处扣0.1-0.3分 (it describes
    the range), 另倒扣10分 after 除本项不得分外 (the same case costs more)."""
    out: list[Reading] = []
    for r in readings:
        prev = out[-1] if out else None
        same = prev is not None and prev.statement.sentence == r.statement.sentence
        if same and r.role == "judged" and isinstance(r.statement.outcome, n.Discretion) and \
                r.statement.outcome.low is None and prev is not None and prev.deduct is not None and \
                prev.deduct.low != prev.deduct.high and not _words(r.statement).replace("由", "").strip("考核组"):
            continue
        words = "".join(p.text for p in r.statement.head if isinstance(p, n.Words))
        if same and prev is not None and prev.role == "zero" and (words.startswith(("外", "另", "并")) or
                                                                 not r.statement.head) and r.deduct is not None:
            # …的,该项不得分,倒扣10分: nothing new is named before 倒扣 — the same case costs more
            out[-1] = attrs.evolve(prev, deduct=r.deduct)
            continue
        out.append(r)
    return out


def _enumerated(stmts: list[Statement], s: Statement) -> tuple[str, ...]:
    """①…②…⑤…。以上情况每出现一例…扣1分: the marks of the items before a count of failures among them."""
    marks = [t.mark for t in stmts if t.mark is not None and t.outcome is None and t is not s]
    if s.mark is None and marks and any("以上" in p.text for p in s.head if isinstance(p, n.Words)):
        return tuple(dict.fromkeys(m for m in marks if m))
    return ()


def _bounded(s: Statement) -> Decimal | None:
    bound = next((p for p in s.head if isinstance(p, n.Bound) and p.value.kind == "score"), None)
    return bound.value.value if bound is not None else None


def _is_count_cond(c: Cond) -> bool:
    return bool(c.numbers) and all(x.kind == "qty" for x in c.numbers) and c.lo is not None and c.hi is None


def _same_count(g: Reading, r: Reading, n_counts: int) -> bool:
    if n_counts <= 1:
        return True
    if g.cond is None or r.step is None:
        return False  # 情节严重的扣2.5分 counts nothing: a gate on days late is not its count
    unit = g.cond.numbers[0].unit if g.cond.numbers else None
    return unit is not None and unit == r.step.unit


def _count_stream(key: str, r: Reading, amount: tuple[Decimal, Decimal], label: str, s: Statement,
                  gates: list[Reading], ctx: Context, words: str, cap: Decimal | None, role: ir.Role,
                  mods: Mods | None = None, items: tuple[str, ...] = ()) -> ir.Stream:
    from .common import step_mode

    unit = r.step.unit if r.step is not None else None
    names = _names(words) + ((f"{unit}数",) if unit else ())
    mode = step_mode(s, mods or Mods())
    kind = ir.Kind.COUNT if unit is None or unit in _COUNT_NOUNS else ir.Kind.QUANTITY
    if kind is ir.Kind.QUANTITY and mode is ir.StepMode.WHOLE:
        ctx.info("PE101", *pair("reading_pe101_2", unit=unit), s.span)
    pieces = _count_pieces(r, amount, label, s.span, gates, ctx, mode, whole=kind is ir.Kind.COUNT)
    return ir.Stream(key, label, s.span, ir.Value(kind, unit=None if kind is ir.Kind.COUNT else unit, names=names,
                                                  options=items), ir.Piecewise(pieces), role, cap)


def _band_stream(key: str, r: Reading, ctx: Context, label: str, s: Statement, cap: Decimal | None) -> ir.Stream:
    """A deduction on a condition of its own value (表3的本年登记户数小于上一年的85%的,扣除1.5分)."""
    assert r.cond is not None
    c = r.cond
    if r.deduct is None and r.bonus is None and not (r.amount is not None and r.amount.zero):
        # 达到年度任务书要求的,得40分 beside per-case deductions: what it earns is not a deduction, and how it
        # joins the deductions is not said
        raise ctx.fail("mixed_rules", s.span, clause=label, hint="hint_which_applies")
    low, high = _amount(r, ctx)
    lo = c.lo
    hi = c.hi
    iv = ir.Interval(lo.value if lo else None, lo.inclusive if lo else False, hi.value if hi else None,
                     hi.inclusive if hi else False)
    zero = r.amount is not None and r.amount.zero
    pieces = [ir.Piece(iv, ir.Const(high), s.span, label, zero=zero)]
    from ..intervals import subtract

    for rest in subtract(ir.EVERYTHING, iv):
        pieces.append(ir.Piece(rest, ir.Const(_ZERO), s.span, ""))
    kind = ir.Kind.RATE if any(x.percent for x in c.numbers) else ir.Kind.COUNT
    value = ir.Value(kind, names=_names(_words(s)))
    if c.ref is not None:
        derive = ir.Op("/", ir.Input("实际值"), ir.Input(c.ref)) if c.share else ir.Op("-", ir.Input("实际值"), ir.Input(c.ref))
        aliases = ((c.subject.strip("的在 "), "实际值"),) if c.subject else ()
        value = ir.Value(kind, derive=derive, needs=("实际值", c.ref), aliases=aliases)
    return ir.Stream(key, label, s.span, value, ir.Piecewise(tuple(sorted(pieces, key=_order))), ir.Role.DEDUCT, cap)


def _order(p: ir.Piece) -> tuple[bool, Decimal]:
    return (p.interval.lo is not None, p.interval.lo if p.interval.lo is not None else _ZERO)


def _keys(readings: list[Reading]) -> list[str]:
    """①②③ in order of appearance, or the printed marks (5, 6 …); two clauses inside one mark: ③-1, ③-2."""
    marks = [mark_key(r.statement.mark) for r in readings]
    if len(set(id(r) for r in readings)) != len(readings):
        marks = [None] * len(readings)  # 分别: the cases of one clause are numbered in order
    if all(m is not None for m in marks) and len(set(marks)) > 1:
        out: list[str] = []
        for i, m in enumerate(marks):
            assert m is not None
            same = [j for j, other in enumerate(marks) if other == m]
            out.append(m if len(same) == 1 else f"{m}-{same.index(i) + 1}")
        return out
    circled = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"
    return [circled[i] if i < len(circled) else str(i + 1) for i in range(len(readings))]


def _item(streams: list[ir.Stream], base: Decimal, ctx: Context, mods: Mods, readings: list[Reading]) -> ir.Item:
    P = ctx.max_points
    floor: Decimal | None = _ZERO
    if mods.negative or mods.neg_cap is not None:
        floor = floor_of(mods)
        if floor is None:
            ctx.info("PE170", *pair("reading_pe170"), None)
        # 每发生一起投诉扣0.5分，扣完为止；被通报批评的，每次扣2分，可倒扣: a rule with its own 扣完为止 stops at 0
        # — only the others take the item below it
        kept = [r for r in readings if r.deduct is not None
                and any(isinstance(m, n.UntilZero) for m in r.statement.modifiers)]
        if kept:
            below = [r for r in readings if r.deduct is not None and r not in kept]
            streams = only_reversed_below_zero(streams, readings, base, ctx, below) if below else streams
    else:
        reverse = [r.deduct.high for r in readings if r.deduct is not None and r.deduct.verb == "倒扣"
                   and r.deduct.high is not None]
        if reverse:
            floor = -max(reverse)
            streams = only_reversed_below_zero(streams, readings, base, ctx)
            ctx.info("PE171", *pair("reading_pe171", shown=show(floor, ir.Kind.NUMBER)), None)
    if mods.carry:
        ctx.info("PE172", *pair("reading_pe172"), None)
    ceiling = P
    if mods.floor is not None and floor is not None:
        floor = max(floor, mods.floor)
    caps = [c for c in (P if mods.cap_at_points else None, mods.deduction_cap) if c is not None]
    if mods.deduction_cap is not None:
        ctx.info("PE157", *pair("reading_pe157_2", deduction_cap=mods.deduction_cap.normalize()), None)
    return ir.Item(P, tuple(streams), base=base, floor=floor, ceiling=ceiling, carry=mods.carry,
                   precision=mods.precision or Decimal("0.01"), deduction_cap=min(caps) if caps else None)


_ = (Claim, Side)
