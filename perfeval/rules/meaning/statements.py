"""Clauses → statements: the phrases that make one "condition → outcome" together, with what binds to it.

A published standard splits one rule over several clauses ("80%（含）-90%，计4分"; "每低1%，扣0.15分"),
and puts the caps and modes of a rule after it ("…扣0.4分，最多扣3分"). A :class:`Statement` gathers the
*head* phrases (conditions, 每…, descriptions) up to the *outcome* that ends it (points, a deduction, a
formula, 酌情扣分 …) and the *modifiers* that follow it (最多扣3分, 扣完为止, 不足…按…计 …). Numbered marks
(①, 1.) and a standard's own points (本项满分6分, (2分) after a name) are kept on the statements they
govern.

>>> from perfeval.rules.syntax.parser import parse
>>> [type(s.outcome).__name__ for s in statements(parse("90%（含）以上计6分；80%（含）-90%，计4分"))]
['Points', 'Points']
"""

from __future__ import annotations

import re
from types import UnionType
from typing import Any, TypeVar, overload

import attrs

from ..syntax import nodes as n
from ..syntax.nodes import Node, Span
from ..syntax.parser import Standard
from ..vocabulary import DESCRIPTIVE, SCORING_PATTERN, Claim

__all__ = ["CONDITIONS", "MODIFIERS", "OUTCOMES", "VETO_DECLARED", "Statement", "edge_declarations", "statements"]

_N = TypeVar("_N", bound=Node)

#: Phrases that end a statement: what the head earns, deducts or how it is computed.
OUTCOMES: tuple[type[Node], ...] = (
    n.Points, n.Full, n.Zero, n.PointsRange, n.Share, n.PointsList, n.Cell, n.Deduct, n.Bonus, n.Proportional,
    n.Overspend, n.Linear, n.RankProp, n.Discretion, n.ScoreFormula, n.NotApplicable, n.AsFull, n.AvgScore,
    n.Grade, n.Missing, n.Lost, n.Double, n.ParenRange, n.ParenPoints, n.Adjustments,
)
#: Phrases that qualify the statement before them (or the whole standard, when nothing precedes them).
MODIFIERS: tuple[type[Node], ...] = (
    n.Cap, n.CapUntil, n.UntilZero, n.GainCap, n.FullCap, n.Floor, n.NegCap, n.CapAtPoints, n.Negative, n.NoCap,
    n.NoNegative, n.Carry, n.Veto, n.Precision, n.Schedule, n.RoundUp, n.ProRataStep,
)
#: Modifiers that cap the stream before them, not the whole standard (:class:`Mods` does not read them).
STREAM_CAPS: tuple[type[Node], ...] = (n.Cap, n.CapUntil, n.GainCap)
#: Phrases that state a condition on a value.
CONDITIONS: tuple[type[Node], ...] = (
    n.Compare, n.CompareList, n.Bound, n.Range, n.GluedRange, n.Equal, n.Deviation, n.Point, n.Described,
)


#: 本项为否决性指标 · 该项属否决项: the item declared a veto indicator (what vetoes is said by another clause)
VETO_DECLARED = re.compile(r"^(?:本项|该项|此项)?(?:为|属于?|是)?否决(?:性指标|项|指标)$")

@attrs.frozen
class Statement:
    """One unit of meaning: ``head`` phrases, the ``outcome`` that ends them, the ``modifiers`` after.

    ``outcome`` is None for a statement that earns nothing itself (a description, a definition, 以100%为标准,
    a trailing modifier). ``sentence`` counts the sentences (ended by 。；) before it; ``mark`` is the
    numbered part or item it belongs to (①, 1.), ``worth`` what that part says it is worth ((2分), 各占1.5分).
    """

    head: tuple[Node, ...]
    outcome: Node | None
    modifiers: tuple[Node, ...]
    sentence: int
    mark: str | None
    span: Span
    first_of_mark: bool = False

    @property
    def phrases(self) -> tuple[Node, ...]:
        """Every phrase of the statement in order."""
        return (*self.head, *((self.outcome,) if self.outcome is not None else ()), *self.modifiers)

    def has(self, *kinds: type[Node]) -> bool:
        """Whether any head phrase is one of ``kinds``."""
        return any(isinstance(p, kinds) for p in self.head)

    @overload
    def find(self, kind: type[_N]) -> list[_N]: ...

    @overload
    def find(self, kind: UnionType) -> list[Node]: ...

    def find(self, kind: Any) -> list[Any]:
        """The head phrases of ``kind`` (a node class, or a union of them: ``n.Compare | n.Bound``)."""
        return [p for p in self.head if isinstance(p, kind)]


def _ends_sentence(sep: str) -> bool:
    return sep in ("。", ";", "\n", "|", "!", "?", ".")


_CALC = ("计分", "计算", "得分", "计算得分", "进行计算", "记分")
_CONNECTIVES = frozenset({"同时", "并", "且", "并且", "但", "而", "另", "此外", "同时还", "并且还", "本项", "该项", "此项"})


def _scores(formula: n.InlineFormula, after: list[Node]) -> bool:
    """Whether an inline formula computes the points (…×本项分值, …×6计分) rather than describing a value
    (1/3 of the average, 资金/常住人口 for a ranking)."""
    def has_points(e: object) -> bool:
        if isinstance(e, n.PointsVar):
            return True
        if isinstance(e, n.BinOp):
            return has_points(e.left) or has_points(e.right)
        return False

    if has_points(formula.expr):
        return True
    nxt = after[0] if after else None
    if isinstance(nxt, n.Words) and nxt.text.startswith(_CALC):
        return True
    return isinstance(nxt, n.Proportional) and nxt.text == "计算得分"


def statements(standard: Standard) -> list[Statement]:
    """Group the phrases of ``standard`` into statements (see the module docstring)."""
    out: list[Statement] = []
    head: list[Node] = []
    head_sentence = 0
    sentence = 0
    mark: str | None = None
    mark_fresh = False
    # 最多扣3分；100%计满分，每低于5%扣2分 · 100%计满分，最多扣3分，每低于5%扣2分: a cap written before the rule it
    # caps waits for it (the next statement that deducts or adds)
    pending: list[Node] = []

    def close(outcome: Node | None, at: int) -> None:
        nonlocal head, mark_fresh
        phrases = [*head, *([outcome] if outcome is not None else [])]
        if not phrases:
            return
        span = phrases[0].span.to(phrases[-1].span)
        waiting: tuple[Node, ...] = ()
        if pending and _rule_like(head, outcome):
            waiting = tuple(pending)
            pending.clear()
        out.append(Statement(tuple(head), outcome, waiting, at, mark, span, mark_fresh))
        head = []
        mark_fresh = False

    for ci, clause in enumerate(standard.clauses):
        phrases = list(clause.phrases)
        for pi, p in enumerate(phrases):
            if isinstance(p, n.Proportional) and _pro_rata_of_step(p, head, phrases[pi + 1 :], out, sentence):
                # 每低于5%按比例扣2分 · 每低于5%扣2分，按比例扣分: 按比例 counts the step pro rata
                p = n.ProRataStep(p.text, p.span)
            if isinstance(p, n.Item | n.Subrule):
                if head:
                    close(None, head_sentence)
                mark = p.text.strip()
                mark_fresh = True
                continue
            if isinstance(p, n.Punct) and p.kind in ("LPAR", "RPAR", "SEP"):
                continue
            if isinstance(p, MODIFIERS):
                if isinstance(p, n.Cap) and head and _said_together(head):
                    # 以上两项最多扣3分 · 上述3项合计最多扣2分: one cap on every deduction before it
                    out.append(Statement((), None, (attrs.evolve(p, joint=True),), sentence, mark, p.span, False))
                    head = []
                    continue
                if isinstance(p, n.UntilZero) and head and not connective_head(head) and \
                        not any(isinstance(h, n.Per) for h in head) and (not out or out[-1].sentence != sentence
                                                                        or out[-1].outcome is not None) and \
                        not _scores_itself(head):
                    # 发生安全责任事故的，扣完本项分值: an event that takes all the points — its outcome, not a floor
                    # (同类问题不重复扣分，扣完为止: words that score themselves are no event; read or refused later)
                    close(n.Zero(p.text, p.span), sentence)
                    continue
                if head and any(isinstance(h, CONDITIONS + (n.Per,)) for h in head):
                    # 超出该区间的，每超出1个百分点扣1分 … a modifier inside an unfinished rule binds there
                    head.append(p)
                    continue
                # Connecting words before it (同时, 并) carry nothing: the modifier binds to the statement
                # before it in the same sentence, or stands for the whole standard.
                joined = head and all(isinstance(h, n.Words | n.Punct) for h in head)
                connective = joined and all(isinstance(h, n.Punct) or isinstance(h, n.Words) and
                                            h.text in _CONNECTIVES for h in head)
                if isinstance(p, n.Veto) and not head and VETO_DECLARED.search(p.text):
                    # 完成年度目标得20分，本项为否决性指标: about the whole item, never a veto of the clause before it
                    out.append(Statement((), None, (p,), sentence, mark, p.span, mark_fresh))
                    continue
                if isinstance(p, n.Cap) and p.joint and not head:
                    out.append(Statement((), None, (p,), sentence, mark, p.span, False))
                    continue
                if isinstance(p, STREAM_CAPS) and not head and (not out or not _rule_like(out[-1].head, out[-1].outcome)
                                                                or out[-1].mark != mark):
                    pending.append(p)
                    continue
                if isinstance(p, n.Cap | n.CapUntil) and p.points is not None and not head and out and \
                        out[-1].sentence != sentence and \
                        sum(isinstance(st.outcome, n.Deduct) and _rule_like(st.head, st.outcome) for st in out) >= 2:
                    # 每发现一处问题扣0.5分；…每处再扣0.5分；最多扣3分: a cap in a clause of its own after several
                    # deductions is on them together (after "，" it binds the one it follows)
                    joint = n.Cap(p.points, p.span, joint=True)
                    out.append(Statement((), None, (joint,), sentence, mark, p.span, False))
                    continue
                bound = isinstance(p, STREAM_CAPS) and bool(out) and out[-1].outcome is not None and \
                    out[-1].mark == mark
                if out and (out[-1].sentence == sentence or bound) and (not head or connective):
                    # 最多扣3分 binds the stream it follows (DESIGN), after ，as after ；or 。
                    last = out[-1]
                    out[-1] = attrs.evolve(last, modifiers=(*last.modifiers, p))
                    head = []
                    continue
                if joined:
                    # 按上述各条扣除相应分值时，均不实行倒扣: the words say what the modifier governs
                    span = head[0].span.to(p.span)
                    out.append(Statement(tuple(head), None, (p,), sentence, mark, span, mark_fresh))
                    head = []
                    continue
                if head:
                    close(None, head_sentence)
                out.append(Statement((), None, (p,), sentence, mark, p.span, mark_fresh))
                continue
            if isinstance(p, n.Definition) and not head and _defines(p):
                # 实际完成率=(…)×100%，完成率100%及以上得满分: the definition is a statement of its own
                out.append(Statement((p,), None, (), sentence, mark, p.span, mark_fresh))
                mark_fresh = False
                continue
            if not head:
                head_sentence = sentence
            if isinstance(p, OUTCOMES) or (isinstance(p, n.InlineFormula) and _scores(p, phrases[pi + 1 :])):
                close(p, sentence)
                continue
            if isinstance(p, n.Words) and p.text in _CALC and out and out[-1].sentence == sentence and \
                    isinstance(out[-1].outcome, n.InlineFormula | n.ScoreFormula | n.Proportional) and not head:
                continue  # …×本项分值 计分: the verb of the formula before it
            head.append(p)
        if _ends_sentence(clause.sep) or ci == len(standard.clauses) - 1:
            nxt = standard.clauses[ci + 1].phrases[0] if ci + 1 < len(standard.clauses) else None
            # A table's points cell after the row's text ("…主体。⏎| 5") still belongs to the row.
            if head and not isinstance(nxt, n.Cell | n.ParenPoints):
                close(None, head_sentence)
            sentence += 1
    if head:
        close(None, head_sentence)
    scored = [i for i, st in enumerate(out) if st.outcome is not None and st.mark == mark]
    if pending and scored:
        # ①…得1分；②…得1分，最高得2分: no rule after it — the cap binds the last that scores, as before
        i = scored[-1]
        out[i] = attrs.evolve(out[i], modifiers=(*out[i].modifiers, *pending))
    elif pending:
        # a cap that no rule takes: a statement of its own (refused unless it is the 分值 itself)
        out.append(Statement((), None, tuple(pending), sentence, mark, pending[0].span.to(pending[-1].span), False))
    return _unmark_tail(out)


#: Words before a cap that make it one on all the deductions before it
_TOGETHER = ("以上", "上述", "两项", "各项", "合计", "累计", "共计", "总计")


def _said_together(head: list[Node]) -> bool:
    """以上两项 · 上述3项 · 合计: words (and a count of items) before a cap that make it one on every deduction."""
    said = "".join(h.text if isinstance(h, n.Words) else h.value.text if isinstance(h, n.Point) else "?"
                   for h in head).strip("，,。；; ")
    return said.startswith(_TOGETHER) and "?" not in said


#: How the words naming an event end (发生安全责任事故的 · 出现重大失误者 · 被通报批评时 · 整改后).
_EVENT_ENDS = ("的", "者", "时", "后", "事故", "问题", "情况", "行为")


def _scores_itself(head: list[Node]) -> bool:
    """Whether ``head`` says something of its own rather than name an event: a scoring word (不重复扣分, 减半扣分,
    恢复一半分值), or words that do not end as a condition (首次发现的给予提醒 — an outcome, not 发生…的)."""
    words = "".join(str(getattr(h, "text", "")) for h in head if not isinstance(h, n.Punct) or h.kind == "POINTS_VAR")
    if SCORING_PATTERN.search(DESCRIPTIVE.sub("", words)) is not None:
        return True
    last = next((h for h in reversed(head) if not isinstance(h, n.Punct)), None)
    return isinstance(last, n.Words) and not last.text.rstrip(" ,，").endswith(_EVENT_ENDS)


def connective_head(head: list[Node]) -> bool:
    """同时 · 并 · punctuation: words that carry nothing before a modifier."""
    return all(isinstance(h, n.Punct) or isinstance(h, n.Words) and h.text.strip("，,。；; ") in _CONNECTIVES
               for h in head)


def _rule_like(head: list[Node] | tuple[Node, ...], outcome: Node | None) -> bool:
    """每低于5%扣2分 · 每超1%加0.3分 · 扣2分: a statement a cap can bind (it deducts, adds or steps)."""
    return isinstance(outcome, n.Deduct | n.Bonus) or any(isinstance(h, n.Per) for h in head)


def _defines(p: n.Definition) -> bool:
    """完成率=实际/计划 defines a value; 预算控制率 = 0 is a condition (the value equals 0)."""
    def variable(e: object) -> bool:
        if isinstance(e, n.BinOp):
            return variable(e.left) or variable(e.right)
        return isinstance(e, n.Var | n.PointsVar)

    return variable(p.expr)


_PRO_RATA_WORDS = frozenset({"按比例", "按比例扣分", "按比例扣减", "按比例扣除", "按比例计算"})


def _pro_rata_of_step(p: n.Proportional, head: list[Node], after: list[Node], out: list[Statement],
                      sentence: int) -> bool:
    """Whether a bare 按比例 says how a step counts: inside a step before its 扣 (每低于5%按比例扣2分), or right
    after a step in the same sentence (每低于5%扣2分，按比例扣分)."""
    if p.text not in _PRO_RATA_WORDS:
        return False
    if any(isinstance(h, n.Per) for h in head):
        return bool(after) and isinstance(after[0], n.Deduct)
    if head or not out or out[-1].sentence != sentence:
        return False
    last = out[-1]
    return isinstance(last.outcome, n.Deduct) and any(isinstance(h, n.Per) for h in last.head)


def _unmark_tail(out: list[Statement]) -> list[Statement]:
    """①…②…③…。以上情况每出现一例…扣1分 · …③…销号得3分。整改任务未全部完成的，扣除本项全部分值: a sentence
    after the last item that speaks of the items together (以上, 上述) or of the whole item (本项全部分值)
    belongs to no item."""
    marks = [i for i, s in enumerate(out) if s.mark is not None]
    if not marks:
        return out
    last = out[marks[-1]].mark
    first_sentence = next(s.sentence for s in out if s.mark == last)
    result = list(out)
    for i, s in enumerate(out):
        if s.mark != last or s.sentence == first_sentence:
            continue
        words = "".join(p.text for p in s.head if isinstance(p, n.Words))
        whole = isinstance(s.outcome, n.Zero) and ("本项" in s.outcome.text or "全部" in s.outcome.text)
        if words.startswith(("以上", "上述", "凡", "所有", "各项")) or whole:
            result[i] = attrs.evolve(s, mark=None)
    return result


# 以上包括本数，以下不包括本数: a standard's own rule for its 以上/以下 edges, written once for all of them.
_DECLARED = re.compile(r"[“\"']?(以上|以下|以内)[”\"']?(?:的)?(?:均|都|各)?(不)?(?:包括|包含|含)(?:本数|该数|本级|在内)")


def edge_declarations(stmts: list[Statement]) -> tuple[list[Statement], dict[str, bool], list[Statement]]:
    """Apply a declaration of how 以上/以下 treat their number (以上包括本数。以下不包括本数) to every bound
    that claims its edge only by convention; returns the statements without the declaration's own, what
    was declared (word → includes its number), and the declaring statements.

    >>> from perfeval.rules.syntax.parser import parse
    >>> kept, declared, said = edge_declarations(statements(parse("80分以上为良好，以上包括本数，以下不包括本数")))
    >>> declared, len(kept), len(said)
    ({'以上': True, '以下': False}, 1, 1)
    """
    declared: dict[str, bool] = {}
    said: list[Statement] = []
    kept: list[Statement] = []
    for s in stmts:
        words = "".join(p.text for p in s.phrases if isinstance(p, n.Words | n.Punct))
        found = {m.group(1): m.group(2) is None for m in _DECLARED.finditer(words)}
        rest = _DECLARED.sub("", words).strip("，,;；。、 ")
        if found and s.outcome is None and all(isinstance(p, n.Words | n.Punct) for p in s.phrases):
            declared.update(found)
            said.append(s)
            if not SCORING_PATTERN.search(rest):
                continue  # …以下不包括本数（数据来源：决算报表）: the declaration and a description
        inline = [p for p in s.head if isinstance(p, n.Words) and _DECLARED.search(p.text)
                  and not _DECLARED.sub("", p.text).strip("()（），,;；。、 ")]
        if inline and s.outcome is not None:
            # （以上含本数，以下不含本数）90%以上得5分: the declaration in brackets before the first band
            for p in inline:
                declared.update({m.group(1): m.group(2) is None for m in _DECLARED.finditer(p.text)})
            said.append(s)
            s = attrs.evolve(s, head=tuple(p for p in s.head if not any(p is q for q in inline)))
        kept.append(s)  # anything that scores stays, to be read (or refused) with the rest
    if not declared:
        return stmts, declared, said
    return [attrs.evolve(s, head=tuple(_declared_bound(p, declared) for p in s.head)) for s in kept], declared, said


def _declared_bound(p: Node, declared: dict[str, bool]) -> Node:
    if not isinstance(p, n.Bound) or p.incl is not None or p.suffix.word not in declared \
            or p.suffix.claim is not Claim.CONVENTION:
        return p
    suffix = attrs.evolve(p.suffix, inclusive=declared[p.suffix.word], claim=Claim.EXPLICIT)
    return attrs.evolve(p, suffix=suffix)
