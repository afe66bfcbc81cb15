"""Condition phrases → the set of values a statement covers, with the strength of each edge's claim.

The grammar chunks a condition into its smallest phrases; this module puts them back together. A
statement's head "农村改厕验收合格率(words) 76%以下(bound) 的(words)" is the values ≤ 76% claimed by
convention; "80%(point) ≤(described) x(words) <88%(compare)" is [80%, 88%); "低于(described) 下达额度(words)
80%(不含80%)(point)" is a share of the reference 目标值 below 80%, claimed explicitly; "未完成(described)
的(words)" names no number: it is a *fact*, true or false, or the complement of the numbered conditions
around it.

>>> from perfeval.rules.syntax.parser import parse
>>> from perfeval.rules.meaning.statements import statements
>>> s = statements(parse("90%（含）以上计6分"))[0]
>>> c = condition(s.head)
>>> c.lo.value, c.lo.claim.name, c.hi
(Decimal('0.9'), 'EXPLICIT', None)
"""

from __future__ import annotations

import re
from decimal import Decimal

import attrs

from ..syntax import nodes as n
from ..syntax.nodes import Node, Num, Span
from ..vocabulary import COMPARATORS, RATIO_REFERENCE, REFERENCE_WORDS, Claim, Comparator, alternation
from .intervals import Side

__all__ = ["Cond", "condition", "conditions", "numbers_of", "qualifiers", "ratio_in", "reference_in"]

_REFERENCE = re.compile(alternation(REFERENCE_WORDS))


@attrs.frozen
class Cond:
    """A condition on a value: ``lo``/``hi`` sides (None: open), or a fact when it names no number.

    ``ref`` names the input the numbers are relative to (目标值, 上年值, 平均值), ``share`` whether they are
    shares of it (低于下达额度80% → the ratio) rather than differences (低于标准3个百分点), ``either_way``
    that they bound the distance on both sides (±8%以内), ``outside`` that the values beyond ``hi`` on both
    sides are meant (±16%以外). ``cmp`` is the comparator of a condition named in words (未完成的 → 未完成),
    ``subject`` the words naming the value, ``fact`` the words of a condition that names no number.
    """

    lo: Side | None
    hi: Side | None
    span: Span
    numbers: tuple[Num, ...] = ()
    ref: str | None = None
    share: bool = False
    either_way: bool = False
    outside: bool = False
    cmp: Comparator | None = None
    subject: str | None = None
    fact: str | None = None
    point: bool = False
    at_reference: bool = False
    unread: tuple[Node, ...] = ()
    within: bool = False  # 10%以内: a tolerance from nothing up to the number
    ratio: tuple[str, str] | None = None  # 不低于A占B的比例: the reference is the ratio of the inputs A and B

    @property
    def numeric(self) -> bool:
        """Whether the condition bounds a value with numbers (not a fact)."""
        return self.lo is not None or self.hi is not None


def reference_in(words: str) -> str | None:
    """The input a reference word names (年度控制值 → 目标值, 上年 → 上年值), or None."""
    m = _REFERENCE.search(words)
    return REFERENCE_WORDS[m.group()] if m else None


def ratio_in(words: str) -> tuple[str, str] | None:
    """The numerator and denominator of a reference written as a ratio of two named counts
    (业务科室数占全部内设科室数的比例 → 业务科室数, 全部内设科室数), or None."""
    for pattern in RATIO_REFERENCE:
        m = re.match(pattern, words.strip())
        if m is not None:
            return m.group("a").strip(), m.group("b").strip()
    return None


def _two_names(e: object) -> bool:
    """``A/B`` of two named inputs (业务科室数/内设科室数), nothing else."""
    return isinstance(e, n.BinOp) and e.op == "/" and isinstance(e.left, n.Var) and isinstance(e.right, n.Var)


def numbers_of(phrases: tuple[Node, ...] | list[Node]) -> list[Num]:
    """Every number written in conditions among ``phrases``."""
    out: list[Num] = []
    for p in phrases:
        if isinstance(p, n.Compare | n.Bound | n.Point | n.Equal):
            out.append(p.value)
        elif isinstance(p, n.Range | n.GluedRange):
            out += [p.lo, p.hi]
        elif isinstance(p, n.Deviation):
            out += [x for x in (p.lo, p.hi) if x is not None]
        elif isinstance(p, n.CompareList):
            out += list(p.values)
    return out


def _side(value: Decimal, inclusive: bool, claim: Claim) -> Side:
    return Side(value, inclusive, claim)


def _claimed(num: Num, incl: tuple[bool, Decimal | None] | None, default: Side | None) -> Side:
    if incl is not None:
        return Side(num.value, incl[0], Claim.EXPLICIT)
    if default is not None:
        return default
    return Side(num.value, False, Claim.NONE)


def _from_compare(cmp: Comparator, num: Num, incl: tuple[bool, Decimal | None] | None) -> tuple[Side | None, Side | None]:
    claim = Claim.EXPLICIT if incl is not None else cmp.claim
    inclusive = incl[0] if incl is not None else cmp.inclusive
    side = Side(num.value, inclusive, claim)
    if cmp.side == "equal":
        eq = Side(num.value, True, Claim.EXPLICIT)
        return eq, eq
    return (side, None) if cmp.side == "lower" else (None, side)


def _from_suffix(p: n.Bound) -> tuple[Side | None, Side | None]:
    suf = p.suffix
    claim = Claim.EXPLICIT if p.incl is not None else suf.claim
    inclusive = p.incl[0] if p.incl is not None else suf.inclusive
    side = Side(p.value.value, inclusive, claim)
    if p.negated:
        # 未达90%以上(含): the values that do not reach the bound
        other = Side(p.value.value, not inclusive, claim)
        return (None, other) if suf.side == "lower" else (other, None)
    if suf.side == "lower":
        return side, None
    if suf.side == "outside":
        return side, None
    return None, side


def _from_range(p: n.Range | n.GluedRange) -> tuple[Side, Side]:
    a, b = p.lo, p.hi
    a_incl = getattr(p, "lo_incl", None)
    b_incl = getattr(p, "hi_incl", None)
    suffix = getattr(p, "suffix", None)
    # (含80%) names its number: it claims that edge, wherever it was written.
    for inc in (a_incl, b_incl):
        if inc is not None and inc[1] is not None:
            if inc[1] == a.value:
                a_incl = (inc[0], None)
                b_incl = None if b_incl is inc else b_incl
            elif inc[1] == b.value:
                b_incl = (inc[0], None)
                a_incl = None if a_incl is inc else a_incl
    lo = _claimed(a, a_incl, None)
    hi = _claimed(b, b_incl, None)
    if suffix is not None and suffix.side == "between" and b_incl is not None and a_incl is None:
        lo = Side(a.value, b_incl[0], Claim.EXPLICIT)  # 95%-105%之间(含): both ends
    elif suffix is not None and suffix.side == "upper" and b_incl is None:
        hi = Side(b.value, suffix.inclusive, suffix.claim)  # 20%-50%以内: the upper end by convention
    if lo.value > hi.value:  # 100%-80%（含） is written high to low
        lo, hi = hi, lo
    if b.unit in ("名", "位") and a_incl is None and b_incl is None:
        # 4-10名: places, whole numbers — both ends are in the range (4 to 10 inclusive), outright
        lo, hi = Side(lo.value, True, Claim.EXPLICIT), Side(hi.value, True, Claim.EXPLICIT)
    return lo, hi


def conditions(head: tuple[Node, ...] | list[Node]) -> list[Cond]:
    """Every condition of a head: 超出下达额度，或低于下达额度80%的 states two (either earns the outcome)."""
    groups: list[list[Node]] = [[]]
    for p in head:
        if isinstance(p, n.Words) and p.text.startswith(("或", "或者")) and groups[-1]:
            groups.append([attrs.evolve(p, text=p.text.lstrip("或者"))])
        else:
            groups[-1].append(p)
    out = [condition(g) for g in groups]
    return [c for c in out if c is not None]


def condition(phrases: tuple[Node, ...] | list[Node], reached: bool = False) -> Cond | None:
    """The condition the phrases of a statement's head state, or None when they state none.

    With ``reached``, a head that only says a reference is reached (完成年度目标的, 达标) compares the value with
    that reference; without, it is a fact an assessor answers yes or no (see :data:`_REACHED`).

    A second condition on another measure (3处以上且整改率低于80%) is kept in ``unread``: the meaning
    stage refuses it rather than score by the first alone.
    """
    found = _condition(phrases, reached)
    if found is None or not found.numeric:
        return found
    used = {id(x) for x in found.numbers}
    qualifying = qualifiers(list(phrases))
    rest = [p for p in phrases if isinstance(p, _CONDITIONS) and not any(p is q for q in qualifying)
            and not _descriptive_number(p, list(phrases))
            and numbers_of([p]) and not any(id(x) in used or _same(x, found.numbers) for x in numbers_of([p]))]
    return attrs.evolve(found, unread=found.unread + tuple(rest)) if rest else found


_CONDITIONS = n.Compare | n.Bound | n.Range | n.GluedRange | n.Equal | n.Deviation | n.Point | n.CompareList


def _same(x: Num, numbers: tuple[Num, ...]) -> bool:
    return any(x.span == y.span for y in numbers)


def _condition(phrases: tuple[Node, ...] | list[Node], reached: bool = False) -> Cond | None:
    given = list(phrases)
    qualifying = qualifiers(given)
    head = [p for p in given if not _descriptive_number(p, given) and not any(p is q for q in qualifying)]
    head = _without_situation(head)
    missed = _missed_requirement(head)
    if missed is not None:
        return missed
    conds = [i for i, p in enumerate(head) if isinstance(p, n.Compare | n.Bound | n.Range | n.GluedRange | n.Equal
                                                         | n.Deviation | n.Point | n.Described | n.Definition)]
    if not conds:
        return _reached(head) if reached else None
    first = conds[0]
    span = head[first].span.to(head[conds[-1]].span)
    subject = "".join(p.text for p in head[:first] if isinstance(p, n.Words)) or None
    p = head[first]
    rest = head[first + 1 :]
    claims = [c for c in rest if isinstance(c, n.Claim)]
    if isinstance(p, n.Definition) and _constant(p.expr) is not None:
        # 预算控制率 = 0 · x=100%: a name set equal to a number.
        value = _constant(p.expr)
        assert value is not None
        eq = Side(value, True, Claim.EXPLICIT)
        return Cond(eq, eq, span, subject=p.name, point=True)
    if isinstance(p, n.Definition):
        return None
    if isinstance(p, n.Described):
        return _described(p, rest, span, subject)
    if isinstance(p, n.Point) and (p.chain is not None or rest and isinstance(rest[0], n.Described)):
        # 80% ≤ x < 88% · 85 > 总分 ≥ 75: the first comparator reads right to left.
        described = rest[0] if rest and isinstance(rest[0], n.Described) else None
        chain = p.chain if p.chain is not None else described.cmp if described is not None else None
        assert chain is not None
        near = _flipped(chain, p.value)
        other = next((c for c in rest if isinstance(c, n.Compare)), None)
        lo2, hi2 = _from_compare(other.cmp, other.value, other.incl) if other is not None else (None, None)
        if chain.side == "upper":  # 80 ≤ x: the number bounds x from below
            return Cond(near, hi2, span, (p.value,) + ((other.value,) if other else ()), subject=subject)
        return Cond(lo2, near, span, (p.value,) + ((other.value,) if other else ()), subject=subject)
    if isinstance(p, n.Compare):
        lo, hi = _from_compare(p.cmp, p.value, p.incl)
        more = next((c for c in rest if isinstance(c, n.Compare)), None)
        if more is not None:  # 小于90%且大于等于80%: the other end of the band
            lo2, hi2 = _from_compare(more.cmp, more.value, more.incl)
            if (lo is None) == (lo2 is None):
                # 全年低于90%、上半年低于30%: a second bound on the same side is another value's — left unread
                more = None
            else:
                lo, hi = lo or lo2, hi or hi2
        return Cond(lo, hi, span, (p.value,) + ((more.value,) if more is not None else ()), subject=subject,
                    cmp=p.cmp)
    ref, share = _subject_reference(subject, [p])
    if isinstance(p, n.Bound):
        lo, hi = _from_suffix(p)
        bound = _closing_bound(p, rest)
        compare = _closing_compare(p, rest) if bound is None else None
        closing: n.Bound | n.Compare | None = bound or compare
        if bound is not None:  # 80分以上90分以下 · 60%以上、90%以下: the two ends of one band
            lo2, hi2 = _from_suffix(bound)
            lo, hi = lo or lo2, hi or hi2
        elif compare is not None:  # 60%以上不足90%: the other end by a comparator
            lo2, hi2 = _from_compare(compare.cmp, compare.value, compare.incl)
            lo, hi = lo or lo2, hi or hi2
        lo, hi = _named_claims(lo, hi, claims)
        return Cond(lo, hi, span, (p.value,) + ((closing.value,) if closing is not None else ()), subject=subject,
                    outside=p.suffix.side == "outside", ref=ref, share=share,
                    within=p.suffix.word in ("以内", "之内", "内") and closing is None)
    if isinstance(p, n.Range | n.GluedRange):
        lo2, hi2 = _from_range(p)
        return Cond(lo2, hi2, span, (p.lo, p.hi), subject=subject, ref=ref, share=share)
    if isinstance(p, n.Equal):
        eq = Side(p.value.value, True, Claim.EXPLICIT)
        return Cond(eq, eq, span, (p.value,), subject=subject, point=True)
    if isinstance(p, n.Deviation):
        suf = p.suffix
        # ±5%（含）以内: an explicit claim on the edge wins over the suffix's convention
        edge = Side(p.hi.value, p.incl[0], Claim.EXPLICIT) if p.incl is not None else None
        if p.lo is not None:
            lo3 = Side(p.lo.value, False, Claim.NONE)
            hi3 = edge or Side(p.hi.value, suf.inclusive if suf else False, suf.claim if suf else Claim.NONE)
            return Cond(lo3, hi3, span, (p.lo, p.hi), subject=subject, either_way=True)
        if suf is not None and suf.side == "outside":
            return Cond(edge or Side(p.hi.value, suf.inclusive, suf.claim), None, span, (p.hi,), subject=subject,
                        either_way=True)
        hi4 = edge or Side(p.hi.value, suf.inclusive if suf else True, suf.claim if suf else Claim.NONE)
        return Cond(None, hi4, span, (p.hi,), subject=subject, either_way=True)
    assert isinstance(p, n.Point)
    side = _claimed(p.value, p.incl, Side(p.value.value, True, Claim.NONE))
    lo5, hi5 = _named_claims(side, side, claims)
    return Cond(lo5, hi5, span, (p.value,), subject=subject, point=True)


_SUBJECT_REF = re.compile(f"(?:{alternation(REFERENCE_WORDS)})(?:的)?$")


def _closing_bound(p: n.Bound, rest: list[Node]) -> n.Bound | None:
    """The bound that closes ``p`` on its other side (80分以上 → 90分以下), written next with only words
    between that do not make it an alternative (60%以下或90%以上 is two bands)."""
    for q in rest:
        if isinstance(q, n.Words):
            if re.search(r"或|以及|和", q.text):
                return None
            continue
        if not isinstance(q, n.Bound) or q.negated or p.negated or "outside" in (p.suffix.side, q.suffix.side):
            return None
        if q.suffix.side == p.suffix.side or q.value.kind != p.value.kind or q.value.unit != p.value.unit:
            return None
        return q
    return None


def _closing_compare(p: n.Bound, rest: list[Node]) -> n.Compare | None:
    """60%以上不足90%的 · 80分以上低于90分: a comparator right after the bound closes it on the other side."""
    q = rest[0] if rest else None
    if not isinstance(q, n.Compare) or p.negated or p.suffix.side not in ("lower", "upper"):
        return None
    if q.cmp.side == p.suffix.side or q.cmp.side not in ("lower", "upper") or q.value.kind != p.value.kind \
            or q.value.unit != p.value.unit:
        return None
    return q


def _subject_reference(subject: str | None, numbers: list[Node]) -> tuple[str | None, bool]:
    """实际发放额在下达额度80%-100%: numbers written right after a reference word are shares of it."""
    if not subject:
        return None, False
    m = _SUBJECT_REF.search(subject)
    if m is None:
        return None, False
    word = m.group().rstrip("的")
    nums = numbers_of(numbers)
    share = any(x.percent and not x.text.endswith("百分点") for x in nums)
    return REFERENCE_WORDS[word], share


def _without_situation(head: list[Node]) -> list[Node]:
    """当实际入库户数小于登记户数时，…: a situation the rule is for, not a condition on the value scored."""
    for i, p in enumerate(head):
        if isinstance(p, n.Words) and p.text.endswith("时") and i + 1 < len(head) and \
                any(isinstance(q, n.Described | n.Compare) for q in head[:i]):
            return [q for q in head[i + 1 :]]
    return head


# 至少4次,少开的 · 不少于24条，少报的: the words name the values short of the requirement before them
_FEWER = re.compile(r"^[,，]?(?:少[开报做办建召交发]?|缺[报交]?|不够)[^,;。，；]{0,3}的")


def _missed_requirement(head: list[Node]) -> Cond | None:
    """年内至少2次…，未完成的扣1.5分: a requirement, then 未完成的 — the values that miss the requirement."""
    negations = [i for i, p in enumerate(head) if isinstance(p, n.Described) and p.cmp.side == "upper"
                 and p.cmp.word in ("未完成", "未达到", "未达", "不足", "不到")
                 or isinstance(p, n.Words) and _FEWER.match(p.text)]
    if not negations:
        return None
    i = negations[-1]
    after = head[i + 1 :]
    if any(isinstance(p, n.Point | n.Bound | n.Compare | n.Range) for p in after) or i == 0:
        return None
    before = condition(head[:i])
    if before is None or not before.numeric or before.ref is not None:
        return None
    lo = None if before.hi is None else Side(before.hi.value, not before.hi.inclusive, before.hi.claim)
    hi = None if before.lo is None else Side(before.lo.value, not before.lo.inclusive, before.lo.claim)
    if lo is not None and hi is not None:
        return None
    return attrs.evolve(before, lo=lo, hi=hi, span=before.span.to(head[i].span))


_MEASURED = n.Point | n.Bound | n.Compare
#: Words that join two requirements (人数3人以上且达标率…): the measure before them is a condition too.
_JOINED = re.compile(r"且|并|同时|和|或|以及|(?<![以涉普])及(?!时)|、")


def qualifiers(head: tuple[Node, ...] | list[Node]) -> list[Node]:
    """科级领导干部中35岁及以下的不低于总数的20% · 签约项目半年后开工率要达到40%: a measure in a unit
    (岁, 年, 人) written before a rate condition says who or when is counted; the rate is what is scored.
    So does a bare number there (the ``1 0 0`` of a formula's ×100% flattened onto the line).

    Only words may stand between them: a joining word (且, 并, 和…) makes both requirements.

    >>> from perfeval.rules.syntax.parser import parse
    >>> from perfeval.rules.meaning.statements import statements
    >>> [q.value.text for q in qualifiers(statements(parse("新进人员中35岁及以下的不低于80%的，得1分"))[0].head)]
    ['35岁']
    """
    items = list(head)
    out: list[Node] = []
    for i, p in enumerate(items):
        bare = isinstance(p, n.Point) and p.value.kind == "num" and p.incl is None and p.chain is None
        if not isinstance(p, _MEASURED) or not (bare or p.value.kind == "qty" and p.value.unit):
            continue
        for q in items[i + 1 :]:
            if isinstance(q, n.Words):
                if _JOINED.search(q.text):
                    break
                continue
            if isinstance(q, _MEASURED | n.Described) and (isinstance(q, n.Described) or q.value.percent):
                if isinstance(q, n.Described) and not any(isinstance(x, _MEASURED) and x.value.percent
                                                         for x in items[items.index(q) + 1 :]):
                    break
                out.append(p)
            break
    return out


def _descriptive_number(p: Node, head: list[Node]) -> bool:
    """表3的本年登记户数 · 119消防日 · 表4-1: a bare number inside words, or after 表/附件, is part of a
    name, not a condition."""
    i = next((j for j, q in enumerate(head) if q is p), -1)
    before = head[i - 1] if i > 0 else None
    if isinstance(p, n.Point | n.GluedRange | n.Range) and isinstance(before, n.Words) and \
            before.text.endswith(("表", "附件", "图")) and all(x.kind == "num" for x in numbers_of([p])):
        return True
    if not isinstance(p, n.Point) or p.value.kind != "num" or p.incl is not None:
        return False
    after = head[i + 1] if i + 1 < len(head) else None
    return isinstance(before, n.Words) and isinstance(after, n.Words) and not after.text.startswith("以")


def _constant(expr: object) -> Decimal | None:
    return expr.value if isinstance(expr, n.Number) else None


def _flipped(cmp: Comparator, num: Num) -> Side:
    """``80% ≤ x``: the number bounds x from below (and ``90 > S``: from above) — the comparator reversed."""
    if cmp.side == "upper":  # ≤ / <: the number is below x
        return Side(num.value, cmp.inclusive, cmp.claim)
    return Side(num.value, cmp.inclusive, cmp.claim)


def _named_claims(lo: Side | None, hi: Side | None, claims: list[n.Claim]) -> tuple[Side | None, Side | None]:
    """(含72分) written after the words that follow its number still claims that number's edge."""
    for c in claims:
        for which in ("lo", "hi"):
            side = lo if which == "lo" else hi
            if side is not None and (c.number is None or c.number == side.value):
                new = Side(side.value, c.inclusive, Claim.EXPLICIT)
                lo, hi = (new, hi) if which == "lo" else (lo, new)
    return lo, hi


# 完成年度目标的 · 全面完成目标任务的 · 完成指标值的 · 达标的: reaching the reference the words name, as 达到目标值的
# says it — where the standard scores the rest by the value (未完成的按完成比例计分); beside full marks or nothing
# alone it stays a fact, answered yes or no. Only the whole head: 完成率 or 按时完成 beside a number are other things.
_REACHED = re.compile(r"^(?:已|能|均|全面|全部|如期|按时|足额)?(?:完成|实现)了?(?P<ref>[^,;。，；]{0,10}?)的?$"
                      r"|^[^,;。，；]{0,10}?(?:全部|均)?(?P<standard>达标)的?$")


def _reached(head: list[Node]) -> Cond | None:
    """The condition of a head that only says the reference is reached (see :data:`_REACHED`), or None."""
    if not head or not all(isinstance(p, n.Words) for p in head):
        return None
    # 完成指标值的，记该指标所赋全部分值: the verb before the points is not part of the condition
    words = "".join(p.text for p in head).strip().rstrip("记计得给 ，,").strip()  # type: ignore[attr-defined]
    m = _REACHED.match(words)
    if m is None:
        return None
    ref = "目标值" if m.group("standard") else reference_in(m.group("ref") or "")
    if ref is None or m.group("ref") and not _SUBJECT_REF.search(m.group("ref")):
        return None  # 完成整改的: a fact, not a reference reached
    cmp = COMPARATORS["达到"]
    span = head[0].span.to(head[-1].span)
    lo, hi = _from_compare(cmp, Num(Decimal(0), "num", "0", span), None)
    return Cond(lo, hi, span, (), ref=ref, cmp=cmp, fact=words, at_reference=True)


def _described(p: n.Described, rest: list[Node], span: Span, subject: str | None) -> Cond:
    """未完成(的) · 低于(下达额度)80%(不含80%) · 超过(计划)5%以下 · 不高于(目标值)."""
    words = ""
    number: Node | None = None
    for q in rest:
        if isinstance(q, n.Words) and number is None:
            words += q.text
        elif isinstance(q, n.InlineFormula) and number is None and not words and _two_names(q.expr):
            words += f"{q.expr.left.name}/{q.expr.right.name}"  # 不低于业务科室数/内设科室数的: a ratio (PE240)
        elif isinstance(q, n.Point | n.Bound | n.Compare) and number is None:
            number = q
    cmp = p.cmp
    ref = reference_in(words) if words else None
    if number is None:
        # No number: compared with a named value (目标值), the ratio of two named counts, or a fact (未完成的).
        ratio = ratio_in(words)
        if ratio is not None:
            # 不低于业务科室数占全部内设科室数的比例 · 不低于计划数与目标数之比: the ratio, whatever words name its
            # counts (PE240; not the 目标值 that 目标数 alone would name)
            lo, hi = _from_compare(cmp, Num(Decimal(0), "num", "0", p.span), None)
            return Cond(lo, hi, span, (), ref="/".join(ratio), cmp=cmp, subject=subject, fact=words,
                        at_reference=True, ratio=ratio)
        if ref is not None:
            zero = Decimal(0)
            lo, hi = _from_compare(cmp, Num(zero, "num", "0", p.span), None)
            # 未完成年度目标的,完成率比上年下降扣0.2分: words of the next clause that name another reference are a
            # second comparison, not more words of this one (they were dropped) — kept unread, so refused
            other = tuple(q for q in rest[1:] if isinstance(q, n.Words) and reference_in(q.text) not in (None, ref))
            return Cond(lo, hi, span, (), ref=ref, cmp=cmp, subject=subject, fact=words or None, at_reference=True,
                        unread=other[:1])
        return Cond(None, None, span, (), cmp=cmp, subject=subject, fact=(words or p.cmp.word))
    num = number.value  # type: ignore[attr-defined]
    share = num.percent and not num.text.endswith("百分点")
    if isinstance(number, n.Bound):
        # 超过计划5%以下: the excess over the reference is at most 5% — the share lies in (100%, 105%].
        lo_s, hi_s = _from_suffix(number)
        base = Decimal(1) if share else Decimal(0)
        sign = 1 if cmp.side == "lower" else -1
        if lo_s is not None:
            lo_s = Side(base + sign * lo_s.value, lo_s.inclusive, lo_s.claim)
        if hi_s is not None:
            hi_s = Side(base + sign * hi_s.value, hi_s.inclusive, hi_s.claim)
        if sign < 0:
            lo_s, hi_s = hi_s, lo_s
        outer = _from_compare(cmp, Num(base, "num", "", p.span), None)
        lo_s = lo_s or outer[0]
        hi_s = hi_s or outer[1]
        return Cond(lo_s, hi_s, span, (num,), ref=ref, share=share, cmp=cmp, subject=subject)
    incl = getattr(number, "incl", None)
    if ref is not None and not share and cmp.side == "upper":
        # 低于目标值40天: forty days below the target — the difference is at most −40.
        num = attrs.evolve(num, value=-num.value)
    lo, hi = _from_compare(cmp, num, incl)
    return Cond(lo, hi, span, (num,), ref=ref, share=share, cmp=cmp, subject=subject)
