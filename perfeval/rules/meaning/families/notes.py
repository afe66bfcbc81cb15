"""Descriptions and refusals: what a standard says that scores nothing, and what it cannot say safely.

A statement that earns nothing is a note (the evidence to check, a condition's subject) — but never when it
carries a scoring word the meaning does not use (DESIGN.md, "No silent misreading"): then it is a located
error. Lost numbers and rules kept elsewhere are refused with a hint. A list of evaluation points without
points per item (评价要点: ①…②…) is the assessor's judgement of the whole.

>>> from perfeval.rules.syntax.parser import parse
>>> from perfeval.rules.meaning.statements import statements
>>> evaluation_points(statements(parse("评价要点: ①是否按规定申请; ②材料是否齐全。")))
True
"""

from __future__ import annotations

import re

from ...syntax import nodes as n
from ...vocabulary import (
    ASSESSED_LEADS,
    AT_LEAST,
    DESCRIPTIVE,
    DOUBLED_VERB,
    EACH,
    NAMED_SCORE,
    NON_POINT_OUTCOME,
    SCORING_PATTERN,
    SCORING_WORDS,
    SUBJECT_LIST,
    UNREAD_DEDUCTION,
)
from ..context import Context
from ..roles import step_info
from ..statements import MODIFIERS, STREAM_CAPS, Statement

__all__ = ["carries_scoring", "check_note", "evaluation_points", "names_a_value", "refusals"]


def carries_scoring(text: str) -> bool:
    """Whether ``text`` uses a scoring word (:data:`~perfeval.rules.vocabulary.SCORING_PATTERN`) outside the
    names that only contain one (评分标准, 得分率 …).

    >>> carries_scoring("上述得分乘以系数0.8"), carries_scoring("执行率（B/A）")
    (True, False)
    """
    return SCORING_PATTERN.search(DESCRIPTIVE.sub("", text)) is not None


def refusals(stmts: list[Statement], ctx: Context) -> None:
    """A lost number (扣 分), a rule kept elsewhere (由各地自行制定), a step with no size: refused, located."""
    for before, s in zip([None, *stmts], stmts, strict=False):
        if before is not None and before.outcome is not None and not s.head and isinstance(s.outcome, _EARNING) \
                and not ctx.text[before.outcome.span.end:s.outcome.span.start].strip():
            # 每发现一处问题酌情扣1分: points glued to the outcome before them — a second outcome read alone would
            # be an option of its own (a count of 2 chose it)
            raise ctx.fail("unread_scoring", s.span, clause=ctx.text[before.span.start:s.span.end],
                           hint="hint_write_outcome")
        for p in s.phrases:
            if isinstance(p, n.Lost) or (isinstance(p, n.Deduct) and p.lost):
                raise ctx.fail("lost_number", p.span, hint="hint_write_number")
            if isinstance(p, n.Missing):
                raise ctx.fail("missing_rule", p.span, clause=ctx.source(p.span))
        _unread_outcome(s, ctx)
        _each(s, ctx)
        words = "".join(p.text for p in s.head if isinstance(p, n.Words))
        if isinstance(s.outcome, n.Deduct) and words.endswith("追加"):
            # 不得分，并追加扣除10分: deducted beyond the item — from the total, or from what? Not said here;
            # flooring the item at 0 would drop the 10
            raise ctx.fail("unread_scoring", s.span, clause=ctx.source(s.span), hint="hint_which_applies")
        for per in s.find(n.Per):
            info = step_info(per)
            if info.direction in ("above", "below") and info.size is None and info.unit is None and \
                    not info.counts and not info.rank:
                # 每低于扣2分: a step with no size (5%? one point?) — where the size belongs, say so.
                where = s.outcome.span if s.outcome is not None else per.span
                raise ctx.fail("step_needs_size", where, hint="hint_step_size")


#: Outcomes that earn points: read after an unread deduction verb, a deduction would become an award.
_EARNING = (n.Points, n.Full, n.Share, n.PointsRange, n.PointsList)


def _each(s: Statement, ctx: Context) -> None:
    """建立和开发的各得2分 · 未制定方案、未建立台账的各扣2分 · 领导机构不健全,分管领导不明确,各扣2分: points (or a
    requirement) for each of several subjects. Read as one, a unit failing both lost 2 instead of 4 — refused,
    with the way to write it."""
    if any(isinstance(p, n.PartsEach) for p in s.phrases):
        return  # 各占1.5分: parts worth 1.5 each, read by the parts family
    said = ctx.source(s.span)
    m = EACH.search(said)
    if m is None:
        return
    before = said[:m.start()]
    if not before.strip(" ，,的") or SUBJECT_LIST.search(before):
        raise ctx.fail("unread_scoring", s.span, clause=said, hint="hint_each")


def _unread_outcome(s: Statement, ctx: Context) -> None:
    """每发现一处问题扣掉1分 · 未建立台账的扣项4分 · 的得得分: a verb the grammar did not read right before the
    points. Read as written, the points would be earned — the score would rise with every problem found. Also a
    deduction whose words change it (至少扣1分) or contradict its floor (每处倒扣1分，扣完为止)."""
    before = ctx.text[s.span.start:s.outcome.span.start].rstrip() if s.outcome is not None else ""
    if isinstance(s.outcome, n.Deduct):
        if AT_LEAST.search(before):
            # 每发现一处问题至少扣1分: read as exactly 1, the "at least" would be dropped
            raise ctx.fail("unread_scoring", s.span, clause=ctx.source(s.span), hint="hint_which_applies")
        if s.outcome.verb == "倒扣" and s.find(n.Per) and any(isinstance(m, n.UntilZero) for m in s.modifiers):
            # 每发现一处问题倒扣1分，扣完为止: below zero (倒扣) or down to zero (扣完为止)? Both said, per case
            raise ctx.fail("unread_scoring", s.span, clause=ctx.source(s.span), hint="hint_which_applies")
    if not isinstance(s.outcome, _EARNING):
        return
    own = ctx.source(s.outcome.span)
    if UNREAD_DEDUCTION.search(before) or (DOUBLED_VERB.search(before) and own[:1] in "得计记") or (
            isinstance(s.outcome, n.Full) and NAMED_SCORE.search(before)):
        raise ctx.fail("unread_scoring", s.span, clause=ctx.source(s.span), hint="hint_write_outcome")


def names_a_value(f: n.Node) -> bool:
    """执行率（B/A） · 实际到位/计划到位*100%: a formula that only relates names describes a value; one with
    other numbers in it (…*8) computes something, and is never a note."""
    def plain(e: object) -> bool:
        if isinstance(e, n.BinOp):
            return plain(e.left) and plain(e.right)
        if isinstance(e, n.Num):
            return e.value == 1 and e.kind == "pct"  # ×100%
        return True

    return plain(getattr(f, "expr", None))


def evaluation_points(stmts: list[Statement]) -> bool:
    """评价要点: ①…; ②…: two or more marked items, none with points, led by a word of
    :data:`~perfeval.rules.vocabulary.ASSESSED_LEADS` or each asked as a question (是否…)."""
    items = [s for s in stmts if s.mark is not None]
    if len(items) < 2 or any(s.outcome is not None or s.modifiers for s in stmts):
        return False
    if not all(isinstance(p, n.Words | n.Punct) for s in stmts for p in s.head):
        return False
    lead = "".join(p.text for s in stmts if s.mark is None for p in s.head if isinstance(p, n.Words))
    return any(w in lead for w in ASSESSED_LEADS) or all(
        "是否" in "".join(p.text for p in s.head if isinstance(p, n.Words)) for s in items)


#: 按上述各条扣除相应分值时 · 以上各项扣分: words that point back at the rules before them (a modifier of those)
_BACK_REFERENCE = re.compile(r"上述|前述|前款|以上各|以上(?:几|两|三|四|五|\d)")


def check_note(s: Statement, ctx: Context, notes: list[str]) -> None:
    """A statement that earns nothing is kept as a note — unless it hides scoring words (the first rule)."""
    capped = next((m for m in (*s.modifiers, *s.head) if isinstance(m, STREAM_CAPS) and not getattr(m, "joint", False)),
                  None)
    if capped is not None and getattr(capped, "points", None) != ctx.max_points:
        # 最多扣3分 with no stream before it to cap: dropping it would score above what the text allows (a
        # cap of the 分值 itself, 最高分为4分 on a 4-point item, says nothing the item does not)
        raise ctx.fail("unread_scoring", capped.span, clause=ctx.source(s.span), hint="hint_write_outcome")
    head = "".join(ctx.source(p.span) for p in s.head)
    if any(isinstance(p, n.Veto) for p in s.head):
        # 未完成整改的一票否决 kept as a note: the veto was dropped (a veto is never a description)
        raise ctx.fail("unread_scoring", s.span, clause=ctx.source(s.span), hint="hint_write_outcome")
    if NON_POINT_OUTCOME.search(head):
        # 首次发现的给予提醒，扣完为止: does the first case deduct nothing, or a reminder as well as the points?
        raise ctx.fail("outcome_not_points", s.span, clause=ctx.source(s.span), hint="hint_write_outcome")
    if s.modifiers and all(isinstance(p, n.Words | n.Punct) for p in s.head) and \
            (not carries_scoring(head) or _BACK_REFERENCE.search(head)):
        # 按上述各条扣除相应分值时，均不实行倒扣: the words of the modifier (but 已整改的问题减半扣分，最多扣3分 is a
        # rule of its own before the cap, never a note)
        notes.append(ctx.source(s.span))
        return
    if all(isinstance(p, n.PartsEach | n.Punct) for p in s.head):
        notes.append(ctx.source(s.span))  # 共1.2分: a part's worth, read by the parts
        return
    # the head as written — a formula's words (上述得分乘以系数0.8) count as much as description; the
    # modifiers after it are understood already
    scoring = carries_scoring("".join(ctx.source(p.span) for p in s.head if not isinstance(p, MODIFIERS)))
    # 否则扣 · 计4 · 90%以上计5分；扣: a scoring word standing alone, its amount missing
    bare = any(p.text.strip("的,，。;；:： ") in SCORING_WORDS for p in s.head if isinstance(p, n.Words))
    if scoring or bare or any(isinstance(p, n.Per) for p in s.head):
        raise ctx.fail("unread_scoring", s.span, clause=ctx.source(s.span),
                       hint="hint_write_outcome")
    if any(isinstance(p, n.Compare | n.Bound | n.Range | n.GluedRange | n.Deviation) for p in s.head):
        raise ctx.fail("cond_without_points", s.span, clause=ctx.source(s.span), hint="hint_points_after")
    if any(isinstance(p, n.Point) and p.value.percent for p in s.head):
        # 执行较差 40%: a share (of the points?) or a rate — either way it is part of the rule, never a note
        raise ctx.fail("cond_without_points", s.span, clause=ctx.source(s.span), hint="hint_points_after")
    notes.append(ctx.source(s.span))
