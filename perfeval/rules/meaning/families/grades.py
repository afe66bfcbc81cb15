"""Grade tables (等级): the total → its 等级, with the same edge rules as bands.

Written every way the field writes them: "90分（含）—100分为优，…，60分以下为差" (a condition, then 为优);
"优(85-100分)、良(75-84分)、差(59分及以下)" (the grade, then its range); "优秀(S≥90)；良好(80≤S<90)" and
"良(85>总分≥75)" (interval notation around the total's name). Whole-number ranges run up to the next
grade's lower limit (DESIGN.md: totals carry decimals, the intent is contiguous), so 良(75-84分) holds
84.5. A condition on something besides the total (各一级指标得分率均不低于80%) is a named input.
A range whose dash was lost in extraction (二等(7891分)) is refused with the range it probably was.

>>> from perfeval.rules.syntax.parser import parse
>>> [b[1] for b in grade_bands(parse("90分（含）—100分为优，80分（含）—90分为良，60分以下为差"), Decimal(100))[0]]
['差', '良', '优']
"""

from __future__ import annotations

import re
from decimal import Decimal

import attrs

from ...messages import pair
from ...syntax import nodes as n
from ...syntax.parser import Standard
from ...vocabulary import Claim
from .. import ir
from ..conditions import Cond, condition
from ..context import Context
from ..intervals import Side
from ..statements import Statement, statements
from .bands import Draft, ValueInfo, finish
from .quota import Quota, declares_grades, quota_of

__all__ = ["Extra", "grade_bands"]


@attrs.frozen
class Extra:
    """A further condition of a grade on a named input: 各一级指标得分率均不低于80% (``name``: the words)."""

    name: str
    lo: Side | None
    hi: Side | None


def _label(words: str) -> str:
    label = words.strip("，,。;；:：、 的")
    for lead in ("评价结果", "评价等级", "绩效等级", "评定等次", "评定结果分为", "等次划分", "分为", "划分为", "为"):
        if lead in label:
            label = label.rsplit(lead, 1)[1]
    return label.strip("，,。;；:：、 ").rstrip("SsＳ").strip()


def _lost_dash(s: Statement, ctx: Context) -> None:
    """一等(92100分): one number where a range belongs — refuse, with the range it probably was."""
    for p in s.phrases:
        if isinstance(p, n.ParenPoints) and p.points > ctx.max_points:
            digits = f"{p.points.normalize():f}"
            guesses = [f"{digits[:i]}-{digits[i:]}分" for i in range(1, len(digits))
                       if int(digits[:i]) < int(digits[i:]) <= ctx.max_points and not digits[i:].startswith("0")]
            raise ctx.fail("lost_dash", p.span, clause=ctx.source(p.span), guess=" 或 ".join(guesses) or "?",
                           hint="hint_dash")


def grade_bands(standard: Standard, top: Decimal) -> tuple[list[tuple[ir.Interval, str, tuple[Extra, ...]]], Context]:
    """The grades of ``standard``: (interval of totals, label, further conditions), best last."""
    ctx = Context(standard.text, top)
    drafts: list[Draft] = []
    labels: list[str] = []
    extras: list[tuple[Extra, ...]] = []
    from ..analyse import declared_edges

    declared: tuple[str, ...] | None = None
    declared_at: n.Span | None = None
    quota: Quota | None = None
    for whole in _joined(declared_edges(statements(standard), ctx)):
        _lost_dash(whole, ctx)
        named = declares_grades(whole, ctx.text)
        if named is not None:
            declared, declared_at = named, whole.span  # 分为优秀、合格和不合格三个等次: the names, checked below
            continue
        if quota_of(whole, ctx.text) is not None:
            quota = quota_of(whole, ctx.text)  # 优秀单位原则上按参评单位数的五分之一确定: by rank (GradeTable)
            continue
        for s in _split_list(whole):
            found = _grade(s, ctx)
            if found is None:
                if any(isinstance(p, _NUMERIC) for p in s.phrases):
                    # a grade's name with numbers that do not read as its range: never dropped
                    raise ctx.fail("grade_needs_range", s.span, label=ctx.source(s.span))
                continue
            cond, label, extra = found
            drafts.append(Draft(cond.lo, cond.hi, ir.Const(Decimal(len(drafts))), s.span, ctx.source(s.span)))
            labels.append(label)
            extras.append(extra)
    if not drafts:
        raise ctx.fail("no_grade", None)
    if quota is not None:
        ctx.info("PE258", *pair("reading_pe258", label=quota.label, share=f"{quota.share.normalize():f}"), None)
    if declared is not None:
        given = {*labels, *((quota.label,) if quota is not None else ())}
        missing = [x for x in declared if x not in given]
        if missing or not given <= set(declared):
            # 分为优秀、合格和不合格三个等次 with no rule for 优秀: a grade never given, or one never named
            raise ctx.fail("grade_unplaced", declared_at, grades="、".join(missing or sorted(given - set(declared))))
    # A grade with further conditions (总分≥90分且各一级指标得分率均不低于80%) may share its totals with another
    # grade (总分≥90分但有一级指标得分率低于80%的，降为良): the further conditions tell them apart.
    bands: list[tuple[ir.Interval, str, tuple[Extra, ...]]] = []
    plain = [i for i, e in enumerate(extras) if not e]
    for i, e in enumerate(extras):
        if e:
            d = drafts[i]
            iv = ir.Interval(d.lo.value if d.lo else None, d.lo.inclusive if d.lo else False,
                             d.hi.value if d.hi else None, d.hi.inclusive if d.hi else False)
            bands.append((iv, labels[i], e))
    drafts = [attrs.evolve(drafts[i], expr=ir.Const(Decimal(i))) for i in plain]
    pieces = finish(drafts, ctx, ValueInfo(ir.Kind.NUMBER), contiguous=True) if drafts else []
    for p in pieces:
        if p.overlap:
            raise ctx.fail("grades_overlap", p.span, a=p.label.split(" / ")[0], b=p.label.split(" / ")[-1],
                           value=f"{p.interval.lo.normalize():f}" if p.interval.lo is not None else "")
        assert isinstance(p.expr, ir.Const)
        i = int(p.expr.value)
        bands.append((p.interval, labels[i], extras[i]))
    return bands, ctx


_NUMERIC = (n.Compare, n.Bound, n.Range, n.GluedRange, n.Point, n.PointsRange, n.Points, n.ParenPoints)


def _joined(stmts: list[Statement]) -> list[Statement]:
    """80-90分为良: the range reads as points (80-90分) before its 为良; in a grade table it is the grade's
    range of totals."""
    out: list[Statement] = []
    for s in stmts:
        prev = out[-1] if out else None
        if prev is not None and isinstance(prev.outcome, n.PointsRange) and isinstance(s.outcome, n.Grade) and \
                not s.head and prev.sentence == s.sentence:
            out[-1] = attrs.evolve(s, head=(*prev.head, prev.outcome), span=prev.span.to(s.span))
            continue
        out.append(s)
    return out


def _split_list(s: Statement) -> list[Statement]:
    """优（总分≧85）、良（85＞总分≧75）、…: grades listed with 、 inside one sentence, one statement each."""
    if s.outcome is not None:
        return [s]
    parts: list[list[n.Node]] = [[]]
    for p in s.head:
        if isinstance(p, n.Words) and p.text.startswith("、") and parts[-1]:
            parts.append([attrs.evolve(p, text=p.text.lstrip("、"))])
        elif isinstance(p, n.Words) and not _SUBJECT.match(_label(p.text)) and _has_condition(parts[-1]):
            # 合格（80>S≧70）不合格S<70）: the next grade's name after a condition, its 、 lost
            parts.append([p])
        else:
            parts[-1].append(p)
    if len(parts) == 1:
        return [s]
    return [attrs.evolve(s, head=tuple(part), span=part[0].span.to(part[-1].span)) for part in parts if part]


def _has_condition(part: list[n.Node]) -> bool:
    return any(isinstance(p, n.Compare | n.Bound | n.Range | n.GluedRange) for p in part)


_SUBJECT = re.compile(r"^(?:S|s|Ｓ|x|总分|得分|综合得分|考核得分|评价得分|分数)$")


def _grade(s: Statement, ctx: Context) -> tuple[Cond, str, tuple[Extra, ...]] | None:
    head = list(s.head)
    out = s.outcome
    if isinstance(out, n.Grade):
        label = out.label
        ranged = [p for p in head if isinstance(p, n.PointsRange)]
        if len(ranged) == 1 and len(head) == 1:
            # 80-90分为良: both ends written, neither claimed (the edge rules decide them)
            r = ranged[0]
            return Cond(Side(r.low, True, Claim.NONE), Side(r.high, True, Claim.NONE), s.span), label, ()
        conds = _conds(head)
        if not conds:
            return None
        return conds[0], label, tuple(_extra(c) for c in conds[1:])
    words = [p for p in head if isinstance(p, n.Words) and not _SUBJECT.match(p.text.strip())]
    if isinstance(out, n.ParenRange):
        if not words:
            return None
        lo, hi = out.low, out.high
        cond = Cond(Side(lo, True, Claim.NONE), Side(hi, True, Claim.NONE), s.span)
        return cond, _label(words[-1].text), ()
    if out is None and words:
        # 优秀(S≥90): the grade is the last words before its condition
        first = next((i for i, p in enumerate(head) if not isinstance(p, n.Words)), len(head))
        before = [p for p in head[:first] if isinstance(p, n.Words) and not _SUBJECT.match(p.text.strip())]
        if not before:
            return None
        rest = head[head.index(before[-1]) + 1 :]
        found = condition([p for p in rest if not (isinstance(p, n.Words) and _SUBJECT.match(p.text.strip()))])
        if found is None or not found.numeric:
            return None
        return found, _label(before[-1].text), ()
    return None


def _conds(head: list[n.Node]) -> list[Cond]:
    """总分≥90分且各一级指标得分率均不低于80%的: the total's condition, then any others (on named inputs)."""
    groups: list[list[n.Node]] = [[]]
    for p in head:
        if isinstance(p, n.Words) and p.text.startswith(("且", "但", "并且")) and groups[-1]:
            groups.append([attrs.evolve(p, text=p.text.lstrip("且但并"))])
        else:
            groups[-1].append(p)
    out = [condition(g) for g in groups]
    return [c for c in out if c is not None and c.numeric]


def _extra(c: Cond) -> Extra:
    return Extra(c.subject or "", c.lo, c.hi)
