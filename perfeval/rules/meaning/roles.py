"""What each statement does: a band, a step, a count of cases, a one-off deduction, a formula, an option …

:func:`classify` reads one :class:`~perfeval.rules.meaning.statements.Statement` and says which role it
plays, with the pieces the family drafters need: its condition, its step (direction, size, reference),
its amount. The roles are the vocabulary of the families in :mod:`perfeval.rules.meaning.families`.

>>> from perfeval.rules.syntax.parser import parse
>>> from perfeval.rules.meaning.statements import statements
>>> [classify(s).role for s in statements(parse("100%计满分，每低于5%扣2分"))]
['band', 'step']
"""

from __future__ import annotations

import re
from decimal import Decimal
from functools import lru_cache

import attrs
from lark import Token

from ..syntax import nodes as n
from ..syntax.nodes import Node, Num
from ..vocabulary import COUNT_NOUNS, LATE_WORDS, NOT_APPLICABLE_PATTERN, STEP_WORDS, alternation
from .conditions import Cond, condition, reference_in
from .statements import Statement

__all__ = ["Amount", "Reading", "StepInfo", "classify", "amount_of"]

_STEP_WORD = alternation(STEP_WORDS)
_COUNT_UNITS = frozenset(COUNT_NOUNS)
_RANK_UNITS = frozenset({"名", "位"})


@attrs.frozen
class StepInfo:
    """What follows 每: which way the steps count, their size (a rate, a quantity or one case), the
    reference named in words (每低于目标值2天 → 目标值), and whether it counts cases or ranks."""

    direction: str | None
    size: Num | None
    unit: str | None
    ref: str | None
    counts: bool
    rank: bool
    words: str
    late: bool = False
    at: Num | None = None  # 每低于95%一个百分点: the number the steps count from, written inside the step


@attrs.frozen
class Amount:
    """An absolute outcome: ``points`` (None: the 分值), a ``share`` of 分值, a range, a list, or zero."""

    points: Decimal | None = None
    share: Decimal | None = None
    low: Decimal | None = None
    high: Decimal | None = None
    values: tuple[Decimal, ...] = ()
    zero: bool = False
    full: bool = False
    share_high: Decimal | None = None  # 满分的90%~100%: the assessor chooses a share up to this


@attrs.frozen
class Reading:
    """A statement and its role (see the module docstring)."""

    role: str
    statement: Statement
    cond: Cond | None = None
    step: StepInfo | None = None
    amount: Amount | None = None
    deduct: n.Deduct | None = None
    bonus: n.Bonus | None = None

    @property
    def label(self) -> str:
        """The span of the statement (for messages)."""
        return ""


def amount_of(p: Node) -> Amount | None:
    """The absolute amount an outcome phrase names, or None when it is not one."""
    if isinstance(p, n.Points):
        return Amount(points=p.points, zero=p.points == 0)
    if isinstance(p, n.ParenPoints):
        return Amount(points=p.points, zero=p.points == 0)
    if isinstance(p, n.Cell):
        return Amount(points=p.points, zero=p.points == 0)
    if isinstance(p, n.Full | n.AsFull):
        return Amount(full=True)
    if isinstance(p, n.NotApplicable) and "参与" not in p.text:
        return Amount(full=True)
    if isinstance(p, n.Zero):
        return Amount(points=Decimal(0), zero=True)
    if isinstance(p, n.Share):
        return Amount(share=p.share, share_high=p.high)
    if isinstance(p, n.PointsRange | n.ParenRange):
        return Amount(low=p.low, high=p.high)
    if isinstance(p, n.PointsList):
        return Amount(values=p.values)
    return None


def step_info(per: n.Per) -> StepInfo:
    """Read what follows 每."""
    direction: str | None = None
    size: Num | None = None
    unit: str | None = None
    words: list[str] = []
    ref_words = ""
    rank = False
    counts = False
    late = False
    at: Num | None = None
    for part in per.parts:
        if isinstance(part, Token):
            if part.type == "CMP" and direction is None:
                direction = STEP_WORDS.get(str(part)) or ("above" if _lower(str(part)) else "below")
            elif part.type == "UNIT" and size is None:
                unit, counts = str(part), True
                rank = rank or str(part) in _RANK_UNITS
            elif part.type == "RANK":
                rank = True
            elif part.type in ("PM", "STEP_DIR"):
                direction = "both"
            continue
        if isinstance(part, n.Words):
            text = part.text
            if direction is None and size is None:
                import re

                m = re.match(_STEP_WORD, text)
                if m is not None:
                    direction = STEP_WORDS[m.group()]
                    late = m.group() in LATE_WORDS
                    rest = text[m.end():]
                    if rest:
                        ref_words += rest
                    words.append(text)
                    continue
            if size is None:
                ref_words += text
            words.append(text)
            continue
        if isinstance(part, Num) and size is not None and at is None and part.kind == size.kind == "pct":
            at, size = size, part  # 每低于95%一个百分点: 95% is where the steps start, 一个百分点 their size
            continue
        if isinstance(part, Num) and size is None:
            size = part
            if part.kind == "qty":
                unit = part.unit
                counts = (part.unit or "") in _COUNT_UNITS or (part.unit or "").startswith("个") and \
                    part.unit not in ("个月", "个工作日", "个百分点", "个千分点")
                rank = (part.unit or "") in _RANK_UNITS
    ref = reference_in(ref_words) if ref_words else None
    if rank:
        counts = False
    if size is not None and size.kind == "pct":
        counts = False
    if late and size is not None and size.kind == "qty":
        counts = True  # 每推迟一个工作日: the days late are counted from zero, in steps of the size
    return StepInfo(direction, size, unit, ref, counts, rank, "".join(words), late, at)


def _lower(word: str) -> bool:
    from ..vocabulary import COMPARATORS

    c = COMPARATORS.get(word)
    return c is not None and c.side == "lower"


def _count_point(head: tuple[Node, ...]) -> Num | None:
    """1项扣1.2分 · 发现1例…扣3分 · 缺一项扣0.25分 · 数量低于规定标准,出现一个月扣5分: one case of a count
    noun — or of any unit right after 出现/发生 (each month it happens) — written before a deduction."""
    for i, p in enumerate(head):
        if isinstance(p, n.Point) and p.value.kind == "qty" and p.value.value == 1:
            before = head[i - 1] if i else None
            occurs = isinstance(before, n.Words) and before.text.endswith(("出现", "发生", "发现", "每有"))
            if (p.value.unit or "") in _COUNT_UNITS or occurs and p.value.unit:
                return p.value
    return None


_SHORT = ("少", "少开", "少报", "少做", "少办", "少召开", "少一", "缺", "缺少", "差")


_OVER = ("多", "多开", "多报", "超", "超过", "超出")


def _short_of_requirement(head: tuple[Node, ...], one: Num | None,
                          cond: Cond | None) -> tuple[str, str] | None:
    """Which way a "少1次" / "多1次" right after a requirement counts from it (不少于2次,少一次扣3分 → below;
    不多于2次,多一次扣3分 → above), or None."""
    if one is None or cond is None or (cond.lo is None) == (cond.hi is None) or len(cond.numbers) != 1:
        return None
    if cond.numbers[0].unit != one.unit:
        return None
    at = next(i for i, p in enumerate(head) if isinstance(p, n.Point) and p.value is one)
    before = head[at - 1] if at else None
    words = before.text.strip("，,的 ") if isinstance(before, n.Words) else ""
    if cond.lo is not None and words.endswith(_SHORT):
        return "below", "少"
    if cond.hi is not None and words.endswith(_OVER):
        return "above", "多"
    return None



#: Words that, right before "1个百分点扣1分" with no 每, make it a step (少1个百分点扣1分 is 每少1个百分点)
_IMPLIED_STEP = ("少", "低", "降低", "减少", "下降", "多", "高", "超", "超过", "超出", "提高", "增加")


def _implied_step(s: Statement) -> Statement:
    """全面完成…得总分值,少一个百分点扣1分: one point short, with no 每, is still each point short — read as a
    step (as a condition it was "the value 1%")."""
    if not isinstance(s.outcome, n.Deduct | n.Bonus) or s.find(n.Per) or len(s.head) < 2:
        return s
    word, point = s.head[-2], s.head[-1]
    if not (isinstance(word, n.Words) and isinstance(point, n.Point) and point.incl is None
            and point.value.kind == "pct" and point.value.text.endswith("百分点") and point.value.value == Decimal("0.01")):
        return s
    said = next((w for w in sorted(_IMPLIED_STEP, key=len, reverse=True) if word.text.endswith(w)), None)
    if said is None:
        return s
    before = word.text[: -len(said)]
    step = n.Words(said, word.span)
    per = n.Per((step, point.value), word.span.to(point.span))
    head = (*s.head[:-2], *((n.Words(before, word.span),) if before else ()), per)
    return attrs.evolve(s, head=head)


def _compared_with(head: tuple[Node, ...], per: n.Per) -> str | None:
    """与计划每相差3% · 比上年每增加1个: the reference named right before 每 (与/比/较 and a reference word)."""
    i = next((i for i, p in enumerate(head) if p is per), 0)
    before = head[i - 1] if i else None
    if not isinstance(before, n.Words):
        return None
    m = re.search(r"(?:与|比|较)([^,;。与比较]{1,8})(?:相比|比较)?$", before.text)
    return reference_in(m.group(1)) if m else None


@lru_cache(maxsize=2048)
def classify(s: Statement, reached: bool = False) -> Reading:
    """The role of ``s``: band, award, step, count, oneoff, computed, judged, zero, absent, grade, rank, veto,
    note. ``reached``: read 完成年度目标的 as the value reaching its target (see :func:`conditions.condition`)."""
    s = _implied_step(s)
    out = s.outcome
    pers = s.find(n.Per)
    cond = condition([p for p in s.head if not isinstance(p, n.Per)], reached)
    if out is None:
        if any(isinstance(m, n.Veto) for m in s.modifiers) and any(isinstance(p, n.Words) for p in s.head):
            # 发生重大安全事故的，实行一票否决: an outcome without points — never a note
            return Reading("veto", s, cond)
        return Reading("note", s, cond)
    if isinstance(out, n.Grade):
        return Reading("grade", s, cond)
    if isinstance(out, n.Missing | n.Lost):
        return Reading("refuse", s, cond)
    if isinstance(out, n.AvgScore):
        return Reading("average", s, cond)
    conditional = bool(s.head) and isinstance(s.head[-1], n.Words) and s.head[-1].text.rstrip("，, ").endswith("的")
    if isinstance(out, n.Discretion) and (pers or conditional) and out.low is not None and out.high is not None \
            and "扣" in out.text:
        # 每处酌情扣0.1-0.3分: a range per case (the assessor's within it) — still counted per case; 发现问题的，
        # 酌情扣1-3分: only when the problem is found (a unit without it keeps its points, as under 扣1-3分)
        out = n.Deduct(out.low, out.high, "扣", None, (), None, False, out.span)
    if isinstance(out, n.Discretion):
        if s.head and all(isinstance(p, n.Words | n.Punct) for p in s.head) and \
                any("适用于" in p.text for p in s.head if isinstance(p, n.Words)):
            # 适用于对服务对象…的满意度询问调查，一般按照区间进行赋分: what a method is for, not a judgement
            return Reading("note", s, cond)
        return Reading("judged", s, cond)
    if isinstance(out, n.RankProp):
        return Reading("rank", s, cond)
    if isinstance(out, n.Proportional | n.Overspend | n.Linear | n.ScoreFormula | n.InlineFormula):
        return Reading("computed", s, cond)
    if isinstance(out, n.Double):
        return Reading("double", s, cond)
    if isinstance(out, n.Deduct | n.Bonus):
        deduct = out if isinstance(out, n.Deduct) else None
        bonus = out if isinstance(out, n.Bonus) else None
        if pers:
            info = step_info(pers[-1])
            words = "".join(p.text for p in s.head if isinstance(p, n.Words))
            compared = _compared_with(s.head, pers[-1])
            if info.ref is None and compared is not None and info.direction in ("below", "above", "both", "diff"):
                info = attrs.evolve(info, ref=compared)  # 实际完成情况与计划每相差3%: the difference from 计划
            if info.counts and info.direction in ("above", "below") and not info.late and \
                    any(w in words for w in ("相比", "对比", "比上年", "较上年", "同比")):
                # 与上年度相比，每增加1个公益岗位的，加0.1分: a step on the change against last year.
                info = attrs.evolve(info, counts=False, ref=info.ref or "上年值")
                return Reading("step", s, cond, info, deduct=deduct, bonus=bonus)
            if info.counts or (info.size is None and info.unit is None and not info.rank):
                return Reading("count", s, cond, info, deduct=deduct, bonus=bonus)
            return Reading("rank_step" if info.rank else "step", s, cond, info, deduct=deduct, bonus=bonus)
        if deduct is not None and len(deduct.values) > 1 and s.find(n.CompareList):
            # 执行率低于90%、80%、70%的，分别扣1分、2分、3分: thresholds on one value, each paired with its deduction —
            # bands like 分别得 (PE280), not a checklist of independent items whose deductions add up
            return Reading("band", s, cond, deduct=deduct)
        one = _count_point(s.head)
        short = _short_of_requirement(s.head, one, cond)
        if short is not None and deduct is not None:
            # 检查不少于2次,少一次扣3分 · 至少4次，少开1次扣1分 · 不多于2次,多一次扣3分: each one past the
            # requirement, counted from it
            side, word = short
            return Reading("step", s, None, StepInfo(side, one, one.unit if one else None, None, False, False,
                                                     word, at=cond.numbers[0] if cond else None), deduct=deduct)
        if one is not None or (deduct is not None and deduct.per_unit):
            unit = one.unit if one is not None else (deduct.per_unit if deduct else None)
            info = StepInfo(None, one, unit, None, True, False, "")
            return Reading("count", s, None if one is not None else cond, info, deduct=deduct, bonus=bonus)
        if cond is not None and cond.numeric:
            return Reading("band", s, cond, deduct=deduct, bonus=bonus)
        if s.find(n.Rank):
            return Reading("rank", s, cond, deduct=deduct, bonus=bonus)
        return Reading("oneoff", s, cond, deduct=deduct, bonus=bonus)
    amount = amount_of(out)
    if pers and amount is not None and amount.points is not None:
        info = step_info(pers[-1])
        if info.counts:
            return Reading("count", s, cond, info, amount=amount)
        if info.rank:
            return Reading("rank_step", s, cond, info, amount=amount)
        if info.direction in ("above", "below") and info.size is not None and amount.points > 0 \
                and re.match(_STEP_WORD, info.words):
            # 完成率60%以上的，每提高1个百分点得0.25分: each step earns the points
            return Reading("step", s, cond, info, amount=amount)
    if s.has(n.Rank, n.RankProp):
        return Reading("rank", s, cond, amount=amount)
    if amount is not None and (amount.low is not None or amount.share_high is not None):
        return Reading("judged", s, cond, amount=amount)
    if cond is not None and (cond.numeric or cond.ref is not None):
        return Reading("band", s, cond, amount=amount)
    if s.find(n.CompareList) and amount is not None and amount.values:
        return Reading("band", s, cond, amount=amount)
    if isinstance(out, n.Zero) and (cond is None or cond.fact is not None):
        return Reading("zero", s, cond, amount=amount)
    if isinstance(out, n.Full) and not s.has(n.Otherwise) and (cond is None or not cond.numeric) and \
            NOT_APPLICABLE_PATTERN.search(re.sub(r"(?:本项|该项)$", "", "".join(
                p.text for p in s.head if isinstance(p, n.Words)))):
        # 没有该项任务的，本项得满分: nothing to score — what no value scores, not an award beside the rules
        return Reading("absent", s, cond, amount=amount)
    if isinstance(out, n.NotApplicable | n.AsFull) and (cond is None or not cond.numeric):
        if s.has(n.Otherwise) and amount is not None and amount.full:
            # …的，扣2分；否则不扣分: the values the others leave keep the 分值 (not "no value given")
            return Reading("award", s, cond, amount=amount)
        return Reading("absent", s, cond, amount=amount)
    return Reading("award", s, cond, amount=amount)
