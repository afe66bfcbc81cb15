"""A standard's own points and its numbered parts: 本项满分6分, 1.…得2分 2.…得6分, ①…计1分 ②…计1.5分, 各占1.5分.

:func:`preamble` takes the points a standard states for itself (checked against the 分值 by the caller);
:func:`parts` finds parts that are each a rule with their own points — by their marks, by sentences that each
end in their own cap, or by 各占 — so that each is scored on its own and the points added up.

>>> from perfeval.rules.syntax.parser import parse
>>> from perfeval.rules.meaning.statements import statements
>>> preamble(statements(parse("本项满分6分。每发现一起扣1.5分")), Context("", Decimal(6)))[1]
Decimal('6')
"""

from __future__ import annotations

import re
from decimal import Decimal

import attrs

from ....errors import Location
from ....limits import check_count
from ...messages import listed, pair
from ...syntax import nodes as n
from ..context import Context
from ..roles import classify
from ..statements import Statement
from .counted import mark_key

__all__ = ["PartSpec", "parts", "parts_each", "preamble"]

_ZERO = Decimal(0)
#: A part: its key (①), its worth, its statements, and the words an input may name it by.
PartSpec = tuple[str, Decimal, list[Statement], tuple[str, ...]]


def preamble(stmts: list[Statement], ctx: Context) -> tuple[list[Statement], Decimal | None]:
    """本项满分6分 · 满分5分 · 整改落实(6分): the points the standard (or a part) states for itself.

    A name with its points in parentheses is what the standard or the part is worth when rules follow
    it in the same part (严格落实政府采购内控制度（2分）。是否存在…); alone (具备人员、场地、设备条件（1分）) it is
    what meeting it earns. A part's own worth stays in its statements for :func:`_worth`.
    """
    stated: Decimal | None = None
    out: list[Statement] = []
    for i, s in enumerate(stmts):
        pre = [p for p in s.head if isinstance(p, n.Preamble)]
        if pre:
            stated = pre[0].points
            s = attrs.evolve(s, head=tuple(p for p in s.head if not isinstance(p, n.Preamble)))
            if not s.head and s.outcome is None and not s.modifiers:
                continue
        if isinstance(s.outcome, n.ParenPoints) and not s.head and not s.modifiers and i > 0 and \
                stmts[i - 1].sentence == s.sentence and stmts[i - 1].outcome is not None and s.mark is None:
            # 根据…计算得分（3分）: the points after a rule are what the rule is worth
            stated = stated if stated is not None else s.outcome.points
            continue
        if _is_worth(stmts, i):
            if s.mark is None or i == 0:
                stated = stated if stated is not None else s.outcome.points  # type: ignore[union-attr]
                continue
        out.append(s)
    return out, stated


def _is_worth(stmts: list[Statement], i: int) -> bool:
    s = stmts[i]
    if not isinstance(s.outcome, n.ParenPoints) or not all(isinstance(p, n.Words) for p in s.head):
        return False
    if not (i == 0 or s.first_of_mark or stmts[i - 1].mark != s.mark):
        return False
    rest = [t for t in stmts[i + 1 :] if t.mark == s.mark and t.outcome is not None]
    if rest and rest[0].sentence == s.sentence and isinstance(rest[0].outcome, n.ParenRange | n.ParenPoints):
        # 资金全部到位(14分)到位率在75%以上(10分到13分)…: the first of parallel tiers, not the item's name
        return False
    if rest and all(isinstance(t.outcome, n.ParenPoints | n.ParenRange) and t.head for t in rest):
        # 好(3分)；一般(1分)；差(0分) · 全部完成(10分)；完成80%以上(8-9分)…: tiers in sentences of their own — the
        # first is the best tier, not a heading, unless the rest add up to it (整改落实(6分)；按时报送方案(1分)；
        # 台账完整(2分)；按期销号(3分))
        own = s.outcome.points
        others = [t.outcome.points if isinstance(t.outcome, n.ParenPoints) else t.outcome.high
                  for t in rest if isinstance(t.outcome, n.ParenPoints | n.ParenRange)]
        if sum(others) != own and all(o <= own for o in others):
            return False
    return bool(rest)


# ── numbered parts ──────────────────────────────────────────────────────────────────────────


def _worth(group: list[Statement]) -> Decimal | None:
    """What a part says it is worth: (0.8分) after its name, 共1.2分, or the most it awards."""
    for s in group:
        for p in s.phrases:
            if isinstance(p, n.PartsEach) and not p.each:
                return p.points
    first = group[0]
    if isinstance(first.outcome, n.ParenPoints) and all(isinstance(p, n.Words) for p in first.head) and len(group) > 1:
        return first.outcome.points
    found = [r.amount.points for r in map(classify, group) if r.role in ("band", "award") and r.amount is not None
             and r.amount.points is not None and r.amount.points > 0]
    found += [s.outcome.high for s in group if isinstance(s.outcome, n.PointsRange)]
    if any(isinstance(s.outcome, n.Full) for s in group):
        return None
    return max(found) if found else None


def _has_rule(group: list[Statement]) -> bool:
    roles = {classify(s).role for s in group}
    return bool(roles & {"step", "count", "oneoff", "computed", "judged"}) or \
        any(s.has(n.Otherwise) for s in group)


def _yes_no(group: list[Statement]) -> bool:
    """1.制度健全的得1分 · 1.印发通知的得2分，未印发的不得分: a part that is met or not, its points written (and
    perhaps its opposite's 0)."""
    readings = [classify(s) for s in group]
    awards = [r for r in readings if r.role == "award"]
    return len(awards) == 1 and len(readings) <= 2 and all(r.role in ("award", "zero") for r in readings) and \
        awards[0].amount is not None and awards[0].amount.points is not None and awards[0].amount.points > 0


def _all_rules(groups: list[list[Statement]]) -> bool:
    """Every part is a rule of its own — or is met or not (1.制度健全的得1分；2.…得1分，每发现一处扣0.5分), as long
    as one part has a rule (a list of yes/no items alone is a checklist)."""
    return any(_has_rule(g) for g in groups) and all(_has_rule(g) or _yes_no(g) for g in groups)


def _deducts_only(group: list[Statement]) -> bool:
    """每发现一例扣0.3分，扣至0分为止 · 每年至少开展2次督查，少一次扣1分: a part that only deducts (from a worth it does
    not state)."""
    return all(r.role in ("count", "oneoff", "step") and r.deduct is not None for r in map(classify, group))


def _tiered(group: list[Statement]) -> bool:
    """2.绩效指标细化量化得2分，部分细化量化得1分: a part of options, each with its points."""
    readings = [classify(s) for s in group]
    return len(readings) >= 2 and all(r.role in ("award", "zero") for r in readings) and \
        sum(1 for r in readings if r.role == "award") >= 2


def _distinct_measures(groups: list[list[Statement]]) -> bool:
    """1.预算执行率达到90%以上的得3分…2.满意度达到85%以上的得2分…: each numbered part bands a measure of its own
    (numbered tiers of one measure — 1.完成率90%以上…2.完成率80%-90%… — are one table)."""
    subjects: list[str] = []
    for g in groups:
        found = {r.cond.subject.strip("的在 ") for r in map(classify, g)
                 if r.role == "band" and r.cond is not None and r.cond.subject}
        if len(found) != 1:
            return False
        subjects.append(found.pop())
    return all(not (a.endswith(b) or b.endswith(a)) for i, a in enumerate(subjects) for b in subjects[i + 1 :])


def parts(stmts: list[Statement], ctx: Context) -> list[PartSpec] | None:
    """The numbered parts of a standard, each with its worth and statements (None: it is one rule)."""
    scoring = [s for s in stmts if s.outcome is not None or s.head]
    each = [p for s in scoring for p in s.phrases if isinstance(p, n.PartsEach) and p.each]
    if each:
        return parts_each(stmts, each[0], ctx)
    groups: dict[str, list[Statement]] = {}
    for s in scoring:
        if s.mark is None:
            if groups:
                groups[list(groups)[-1]].append(s)
            continue
        groups.setdefault(s.mark, []).append(s)
    if len(groups) < 2:
        return _parts_by_sentence(stmts, ctx)
    tiered = any(_tiered(g) for g in groups.values()) and all(_tiered(g) or _yes_no(g) for g in groups.values())
    if not _all_rules(list(groups.values())) and not _distinct_measures(list(groups.values())) and not tiered and not any(
            p for g in groups.values() for s in g for p in s.phrases if isinstance(p, n.PartsEach)):
        return None
    worths = {m: _worth(g) for m, g in groups.items()}
    unknown = [m for m, w in worths.items() if w is None]
    known = sum((w for w in worths.values() if w is not None), _ZERO)
    if len(unknown) == 1 and len(groups) > 1 and known < ctx.max_points and _deducts_only(groups[unknown[0]]):
        # 1.得16—18分。2.每发现一例扣0.3分: the one part that states no points of its own — only deductions — is
        # worth what the others leave of the 分值 (PE206)
        worths[unknown[0]] = ctx.max_points - known
        rest, key = f"{(ctx.max_points - known).normalize():f}", mark_key(unknown[0]) or unknown[0]
        ctx.info("PE206", *pair("reading_pe206", key=key, rest=rest), groups[unknown[0]][0].span)
    if any(w is None for w in worths.values()):
        return None
    total = sum((w for w in worths.values() if w is not None), _ZERO)
    if total != ctx.max_points:
        ctx.warn("PE221", *pair("reading_pe221", total=total.normalize(), max_points=ctx.max_points.normalize()),
                 None, *pair("hint_pe221"))
    ctx.info("PE200", *pair("reading_pe200"), None)
    return [(mark_key(m) or m, w, g, _words_of(g)) for (m, g), w in zip(groups.items(), worths.values(), strict=True)
            if w is not None]


def _parts_by_sentence(stmts: list[Statement], ctx: Context) -> list[PartSpec] | None:
    """市、县两级…的得2.5分，…扣完2.5分为止；项目竣工决算…的得2.5分，…扣完2.5分为止: sentences that are each a
    rule with its own points, together worth the 分值."""
    sentences: dict[int, list[Statement]] = {}
    for s in stmts:
        sentences.setdefault(s.sentence, []).append(s)
    groups = [g for g in sentences.values() if any(t.outcome is not None for t in g)]
    if len(groups) < 2 or not all(_has_rule(g) for g in groups):
        return None
    worths = [_worth(g) for g in groups]
    if any(w is None for w in worths):
        return None
    if sum((w for w in worths if w is not None), _ZERO) != ctx.max_points:
        return None
    caps = [any(isinstance(m, n.CapUntil) for s in g for m in s.modifiers) for g in groups]
    if not all(caps):
        return None
    ctx.info("PE201", *pair("reading_pe201"), None)
    return [(_label(i), w, g, _words_of(g)) for i, (g, w) in enumerate(zip(groups, worths, strict=True))
            if w is not None]


def _words_of(group: list[Statement]) -> tuple[str, ...]:
    """The words of a part, by which an input may name it."""
    return tuple(p.text for s in group for p in s.phrases if isinstance(p, n.Words) and len(p.text) >= 2)


def parts_each(stmts: list[Statement], each: n.PartsEach, ctx: Context) -> list[PartSpec]:
    """高标准农田项目和农机购置项目的…各占1.5分: the same rule for each thing named, each worth its points."""
    owner = next(s for s in stmts if each in s.phrases)
    words = "".join(p.text for p in owner.head if isinstance(p, n.Words))
    names = [w.strip() for w in re.split(r"和|与|及|、", re.split(r"的", words)[0]) if w.strip()]
    if len(names) < 2:
        count = ctx.max_points / each.points if each.points else _ZERO
        if not (any(w in ctx.source(owner.span) for w in ("每项", "每个", "每类", "每条"))
                and count == count.to_integral_value()
                and count >= 2):
            # 各占2分 with nothing named: which things, and how many, is not said
            raise ctx.fail("parts_unnamed", each.span, clause=ctx.source(owner.span))
        # 每项任务各2分 of a 6分 indicator: three tasks, numbered ①②③ (the table's 分值 says how many)
        check_count(int(count), "parts", Location(line=owner.span.line, column=owner.span.column))
        names = [f"{i + 1}" for i in range(int(count))]
        ctx.info("PE203", *pair("reading_pe203", points=each.points.normalize(), max_points=ctx.max_points.normalize(),
                                count=len(names)), owner.span)
    i = owner.head.index(each) if each in owner.head else -1
    tail = owner.head[i + 1 :] if i >= 0 else ()
    rest = [attrs.evolve(owner, head=tail) if s is owner else s for s in stmts
            if s is not owner or (owner.outcome is not None and owner.outcome is not each)]
    if not any(s.outcome is not None for s in rest):
        raise ctx.fail("no_points", owner.span, hint="hint_needs_scoring")
    total = each.points * len(names)
    if total != ctx.max_points:
        ctx.warn("PE221", *pair("reading_pe221", total=total.normalize(), max_points=ctx.max_points.normalize()),
                 owner.span)
    ctx.info("PE202", *pair("reading_pe202", names=listed(names), points=each.points.normalize()), owner.span)
    return [(_label(i), each.points, rest, (name,)) for i, name in enumerate(names)]


def _label(i: int) -> str:
    """①…⑳ for the first twenty parts, then (21), (22)… — a 100分 indicator of 2分 tasks has fifty."""
    return chr(0x2460 + i) if i < 20 else f"({i + 1})"
