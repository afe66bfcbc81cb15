"""Stage 3: the syntax tree of a standard — one frozen node per phrase, each built from its grammar rule.

Every non-inlined rule of ``grammar/standard.lark`` has a class here whose name is the rule's in CamelCase
(``compare_ref`` → :class:`CompareRef`), in the manner of lark's ``ast_utils.create_transformer``: the
class's :meth:`~Node.build` reads the rule's children, so the node and its builder live side by side and
adding a phrase means adding one rule and one class. Nothing here decides what a standard computes — that
is :mod:`perfeval.rules.meaning`.

>>> from perfeval.rules.syntax.parser import parse
>>> [type(p).__name__ for p in parse("90%（含）以上计6分").clauses[0].phrases]
['Bound', 'Points']
"""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Any, ClassVar

import attrs
from lark import Token

from ...errors import InputError
from ...numbers import parse_number
from ..vocabulary import COMPARATORS, SUFFIXES, Comparator, Suffix

__all__ = ["NODE_CLASSES", "Node", "Num", "Span"]


@attrs.frozen
class Span:
    """Where a node is in the original text: 1-based lines and columns, 0-based offsets ``[start, end)``."""

    line: int
    column: int
    end_line: int
    end_column: int
    start: int
    end: int

    @staticmethod
    def of(tokens: list[Token]) -> Span:
        """The span from the first token's start to the last token's end."""
        a, b = tokens[0], tokens[-1]
        return Span(a.line or 1, a.column or 1, b.end_line or 1, b.end_column or 1, a.start_pos or 0,
                    b.end_pos or 0)

    def to(self, other: Span) -> Span:
        """The span from this one's start to ``other``'s end."""
        return Span(self.line, self.column, other.end_line, other.end_column, self.start, other.end)


# ── reading numbers ─────────────────────────────────────────────────────────────────────────

_PERCENT = re.compile(r"\s*(%|‰|个百分点|百分点|个千分点|千分点)$")
_CHINESE_PERCENT = re.compile(r"百分之(.+)")


def number(text: str) -> Decimal:
    """A number as a standard writes it: ``95``, ``1,000``, ``一``, ``两``, ``半`` (0.5), ``十二``."""
    t = text.strip()
    if t == "半":
        return Decimal("0.5")
    if t.startswith("半"):
        return Decimal("0.5")
    return parse_number(t)


@attrs.frozen
class Num:
    """A number of the standard with what follows it: a rate (as a fraction: 95% → 0.95), points, a count.

    ``kind`` is ``"pct"`` (%, ‰, 个百分点), ``"score"`` (N分), ``"qty"`` (a count or measure with ``unit``)
    or ``"num"`` (a bare number). ``mille`` is True for ‰ and 千分点 (kept for display).
    """

    value: Decimal
    kind: str
    text: str
    span: Span
    unit: str | None = None
    mille: bool = False

    @property
    def percent(self) -> bool:
        """Whether the number is a rate."""
        return self.kind == "pct"

    @staticmethod
    def read(tok: Token) -> Num:
        """Read a PCT, NUM, SCORE or QTY token."""
        text = str(tok)
        span = Span.of([tok])
        if tok.type == "PCT":
            m = _CHINESE_PERCENT.match(text)
            if m:
                return Num(number(m.group(1)) / 100, "pct", text, span)
            suffix = _PERCENT.search(text)
            assert suffix is not None
            digits = text[: suffix.start()]
            mille = suffix.group(1) in ("‰", "个千分点", "千分点")
            return Num(number(digits) / (1000 if mille else 100), "pct", text, span, mille=mille)
        if tok.type == "SCORE":
            return Num(number(text.rstrip("分").strip()), "score", text, span)
        if tok.type == "QTY":
            m = re.match(r"\s*((?:\d+(?:,\d{3})*(?:\.\d+)?|\.\d+)|[零〇一二两三四五六七八九十百千点]+|半)\s*(.*)$", text)
            if m is None:
                raise InputError("unreadable quantity", text=text)
            unit = m.group(2).strip()
            value = number(m.group(1))
            if unit.startswith("个") and unit not in ("个",) and text.startswith("半"):
                pass
            if text.startswith("半") and unit == "个月":
                value = Decimal("0.5")
            return Num(value, "qty", text, span, unit=unit or None)
        return Num(number(text), "num", text, span)


def scores(text: str) -> tuple[Decimal, ...]:
    """The numbers of a points list or range: "5、3、1分", "5分、3.5分、2分", "4-7分" → (5, 3, 1) …"""
    parts = re.split(r"\s*(?:、|-|—+|~|至|到)\s*", text.strip().rstrip("分").strip())
    return tuple(number(p.rstrip("分").strip()) for p in parts if p.strip())


def incl_of(tok: Token) -> tuple[bool, Decimal | None]:
    """（含）→ (True, None); （不含）→ (False, None); （含80%）→ (True, 0.8)."""
    text = str(tok)
    inclusive = "不" not in text
    m = re.search(r"(\d+(?:\.\d+)?|[零〇一二两三四五六七八九十百]+)\s*(%|个百分点|分)?", text)
    if m is None:
        return inclusive, None
    value = number(m.group(1))
    return inclusive, value / 100 if m.group(2) in ("%", "个百分点") else value


# ── the node base and the builder registry ──────────────────────────────────────────────────


def _tokens(children: list[Any], *types: str) -> list[Token]:
    return [c for c in children if isinstance(c, Token) and (not types or c.type in types)]


def _nodes(children: list[Any], cls: type) -> list[Any]:
    return [c for c in children if isinstance(c, cls)]


def _first(children: list[Any], cls: type) -> Any:
    return next((c for c in children if isinstance(c, cls)), None)


def _span(children: list[Any]) -> Span:
    spans = [c.span if not isinstance(c, Token) else Span.of([c]) for c in children]
    return spans[0].to(spans[-1])


def _incls(children: list[Any]) -> list[tuple[bool, Decimal | None]]:
    return [incl_of(t) for t in _tokens(children, "INCL")]


class Node:
    """Base of every phrase node: each subclass is built from the children of its grammar rule."""

    rule: ClassVar[str] = ""
    span: Span

    @classmethod
    def build(cls, children: list[Any]) -> Node:  # pragma: no cover - every subclass overrides it
        raise NotImplementedError


def _value(children: list[Any]) -> list[Num]:
    """The numbers of a phrase in order (value nodes and bare SCORE tokens)."""
    out: list[Num] = []
    for c in children:
        if isinstance(c, Num):
            out.append(c)
        elif isinstance(c, Token) and c.type in ("SCORE", "PCT", "NUM", "QTY"):
            out.append(Num.read(c))
    return out


def _words(children: list[Any]) -> str | None:
    w = [c.text for c in children if isinstance(c, Words)]
    return "".join(w) or None


def _cmp(tok: Token) -> Comparator:
    return COMPARATORS[str(tok)]


def _suffix(children: list[Any]) -> Suffix | None:
    toks = _tokens(children, "SUFFIX")
    return SUFFIXES[str(toks[-1])] if toks else None


# ── conditions ──────────────────────────────────────────────────────────────────────────────


@attrs.frozen
class Value(Node):
    """``value``: the number node itself (a :class:`Num`); kept as a class so the rule has its node."""

    num: Num
    span: Span

    @classmethod
    def build(cls, children: list[Any]) -> Node:
        return Num.read(children[0])  # type: ignore[return-value]


@attrs.frozen
class Compare(Node):
    """大于30% · ≤100% · 低于80%(不含): the value against a number."""

    cmp: Comparator
    value: Num
    incl: tuple[bool, Decimal | None] | None
    span: Span

    @classmethod
    def build(cls, children: list[Any]) -> Node:
        incls = _incls(children)
        return cls(_cmp(_tokens(children, "CMP")[0]), _value(children)[0], incls[0] if incls else None,
                   _span(children))


@attrs.frozen
class CompareList(Node):
    """超过20万元、10万元和5万元 · 达到95%、90%、85%: thresholds paired with points by 分别."""

    cmp: Comparator | None
    values: tuple[Num, ...]
    span: Span

    @classmethod
    def build(cls, children: list[Any]) -> Node:
        cmps = _tokens(children, "CMP")
        tok = _tokens(children, "VALUE_LIST")[0]
        parts = re.split(r"\s*[、和及]\s*", str(tok))
        unit = re.sub(r"^[\d.,]+", "", parts[-1]).strip()
        span = Span.of([tok])
        values = []
        for p in parts:
            p = p.strip()
            if p.endswith("%"):
                values.append(Num(number(p[:-1]) / 100, "pct", p, span))
            else:
                digits = re.match(r"[\d.,]+|[零〇一二两三四五六七八九十百千]+", p)
                assert digits is not None
                own = p[digits.end():].strip() or unit
                values.append(Num(number(digits.group()), "qty" if own else "num", p, span, unit=own or None))
        return cls(_cmp(cmps[0]) if cmps else None, tuple(values), _span(children))


@attrs.frozen
class Bound(Node):
    """90%(含)以上 · 60%以下 · 100%以下(含) · 达95%以上: one side bounded by a suffix."""

    value: Num
    suffix: Suffix
    incl: tuple[bool, Decimal | None] | None
    span: Span

    @classmethod
    def build(cls, children: list[Any]) -> Node:
        incls = _incls(children)
        suffix = _suffix(children)
        assert suffix is not None
        return cls(_value(children)[0], suffix, incls[0] if incls else None, _span(children))


@attrs.frozen
class Range(Node):
    """80%(含)-90% · 0-10%(含) · 60%-85%之间 · 85%(含)至95%: both ends written."""

    lo: Num
    hi: Num
    lo_incl: tuple[bool, Decimal | None] | None
    hi_incl: tuple[bool, Decimal | None] | None
    suffix: Suffix | None
    span: Span

    @classmethod
    def build(cls, children: list[Any]) -> Node:
        nums = _value(children)
        lo_incl: tuple[bool, Decimal | None] | None = None
        hi_incl: tuple[bool, Decimal | None] | None = None
        seen = 0
        for c in children:
            if isinstance(c, Num) or (isinstance(c, Token) and c.type in ("SCORE", "PCT", "NUM", "QTY")):
                seen += 1
            elif isinstance(c, Token) and c.type == "INCL":
                inc = incl_of(c)
                if seen == 1 and lo_incl is None:
                    lo_incl = inc
                else:
                    hi_incl = inc
        a, b = nums[0], nums[1]
        if a.percent != b.percent:  # 0-10%: the bare end takes the other's percent
            if not a.percent and b.percent:
                a = attrs.evolve(a, value=a.value / 100, kind="pct")
            elif a.percent and not b.percent:
                b = attrs.evolve(b, value=b.value / 100, kind="pct")
        if a.kind == "num" and b.kind in ("score", "qty"):
            a = attrs.evolve(a, kind=b.kind, unit=b.unit)
        return cls(a, b, lo_incl, hi_incl, _suffix(children), _span(children))


@attrs.frozen
class GluedRange(Node):
    """80%100%: two percentages with the dash between them lost in extraction."""

    lo: Num
    hi: Num
    span: Span

    @classmethod
    def build(cls, children: list[Any]) -> Node:
        a, b = (Num.read(t) for t in _tokens(children, "PCT"))
        return cls(a, b, _span(children))


@attrs.frozen
class Equal(Node):
    """= 0."""

    value: Num
    span: Span

    @classmethod
    def build(cls, children: list[Any]) -> Node:
        return cls(_value(children)[0], _span(children))


@attrs.frozen
class Deviation(Node):
    """±8%以内 · ±8-12%以内 · ±16%以外: a band on the distance either way."""

    lo: Num | None
    hi: Num
    suffix: Suffix | None
    span: Span

    @classmethod
    def build(cls, children: list[Any]) -> Node:
        nums = _value(children)
        if len(nums) == 2:
            a, b = nums
            if not a.percent and b.percent:
                a = attrs.evolve(a, value=a.value / 100, kind="pct")
            return cls(a, b, _suffix(children), _span(children))
        return cls(None, nums[0], _suffix(children), _span(children))


@attrs.frozen
class Point(Node):
    """100%计满分 · 98%(含98%)不扣分: a single number (and any claim written right after it).

    ``chain`` is the comparator when points open a chained comparison (80分≤总分<90分).
    """

    value: Num
    incl: tuple[bool, Decimal | None] | None
    span: Span
    chain: Comparator | None = None

    @classmethod
    def build(cls, children: list[Any]) -> Node:
        incls = _incls(children)
        cmps = _tokens(children, "CMP")
        return cls(_value(children)[0], incls[0] if incls else None, _span(children),
                   _cmp(cmps[0]) if cmps else None)


@attrs.frozen
class Described(Node):
    """达到或超过(标准值) · 未完成(的) · ≤(x): a comparator whose value is named in the words after it."""

    cmp: Comparator
    span: Span

    @classmethod
    def build(cls, children: list[Any]) -> Node:
        return cls(_cmp(_tokens(children, "CMP")[0]), _span(children))


@attrs.frozen
class Claim(Node):
    """(含72分) standing after the words of its number: a claim on that number's edge."""

    inclusive: bool
    number: Decimal | None
    span: Span

    @classmethod
    def build(cls, children: list[Any]) -> Node:
        inclusive, value = incl_of(children[0])
        return cls(inclusive, value, _span(children))


# ── what a clause earns ─────────────────────────────────────────────────────────────────────


@attrs.frozen
class Points(Node):
    """计4分 · 4分."""

    points: Decimal
    awarded: bool
    span: Span

    @classmethod
    def build(cls, children: list[Any]) -> Node:
        return cls(Num.read(_tokens(children, "SCORE")[0]).value, bool(_tokens(children, "AWARD")), _span(children))


@attrs.frozen
class Full(Node):
    """计满分 · 得分 (after 达到…): the indicator's whole 分值."""

    span: Span

    @classmethod
    def build(cls, children: list[Any]) -> Node:
        return cls(_span(children))


@attrs.frozen
class Zero(Node):
    """不得分 · 计0分 · 扣除本项全部分值."""

    text: str
    span: Span

    @classmethod
    def build(cls, children: list[Any]) -> Node:
        return cls(str(children[0]), _span(children))


@attrs.frozen
class PointsRange(Node):
    """得16—18分 · 0.2-0.6分: the assessor chooses within the range."""

    low: Decimal
    high: Decimal
    span: Span

    @classmethod
    def build(cls, children: list[Any]) -> Node:
        low, high = scores(str(_tokens(children, "SCORE_RANGE")[0]))
        return cls(min(low, high), max(low, high), _span(children))


@attrs.frozen
class Share(Node):
    """得该项分值的80%: a share of the 分值."""

    share: Decimal
    span: Span

    @classmethod
    def build(cls, children: list[Any]) -> Node:
        return cls(Num.read(_tokens(children, "PCT")[0]).value, _span(children))


@attrs.frozen
class PointsList(Node):
    """分别得6、4、2分 · 分别计5分、3.5分、2分: points paired in order with thresholds."""

    values: tuple[Decimal, ...]
    span: Span

    @classmethod
    def build(cls, children: list[Any]) -> Node:
        return cls(scores(str(_tokens(children, "SCORE_LIST")[0])), _span(children))


@attrs.frozen
class Cell(Node):
    """| 5: the points column of a table flattened into text."""

    points: Decimal
    span: Span

    @classmethod
    def build(cls, children: list[Any]) -> Node:
        return cls(number(str(children[0]).lstrip("|").strip().rstrip("分").strip()), _span(children))


@attrs.frozen
class Deduct(Node):
    """扣2分 · 扣4-7分 · 扣0.4分/台次 · 倒扣6分 · 加扣0.2分 · 扣除年报“申报质量”分值4分 · 扣 分 (lost)."""

    low: Decimal | None
    high: Decimal | None
    verb: str
    per_unit: str | None
    values: tuple[Decimal, ...]
    words: str | None
    lost: bool
    span: Span

    @classmethod
    def build(cls, children: list[Any]) -> Node:
        verb = str(_tokens(children, "DEDUCT")[0])
        span = _span(children)
        if _tokens(children, "LOST"):
            return cls(None, None, verb, None, (), None, True, span)
        per = _tokens(children, "PER_UNIT")
        per_unit = str(per[0]).lstrip("/") if per else None
        listed = _tokens(children, "SCORE_LIST")
        if listed:
            values = scores(str(listed[0]))
            return cls(None, None, verb, None, values, None, False, span)
        ranged = _tokens(children, "SCORE_RANGE")
        if ranged:
            low, high = scores(str(ranged[0]))
            return cls(min(low, high), max(low, high), verb, None, (), None, False, span)
        amount = Num.read(_tokens(children, "SCORE")[0]).value
        return cls(amount, amount, verb, per_unit, (), _words(children), False, span)


@attrs.frozen
class Bonus(Node):
    """加0.5分 · 加1-2分."""

    low: Decimal
    high: Decimal
    values: tuple[Decimal, ...]
    span: Span

    @classmethod
    def build(cls, children: list[Any]) -> Node:
        tok = [t for t in _tokens(children) if t.type != "BONUS"][0]
        if tok.type == "SCORE_LIST":
            return cls(Decimal(0), Decimal(0), scores(str(tok)), _span(children))
        values = scores(str(tok))
        return cls(min(values), max(values), (), _span(children))


# ── steps, counts and ranks ─────────────────────────────────────────────────────────────────


@attrs.frozen
class Per(Node):
    """每低于5% · 每超过一个百分点 · 每发现一处 · 每件 · 每低于目标值2天: the start of a step or a count.

    ``parts`` keeps what follows 每 in order (words, numbers, comparators, units) for the meaning stage,
    which decides whether it is a step on a rate, a count of cases or a rank step.
    """

    parts: tuple[Any, ...]
    span: Span

    @classmethod
    def build(cls, children: list[Any]) -> Node:
        parts: list[Any] = []
        for c in children[1:]:
            if isinstance(c, Token) and c.type in ("PCT", "NUM", "QTY"):
                parts.append(Num.read(c))
            else:
                parts.append(c)
        return cls(tuple(parts), _span(children))


@attrs.frozen
class Rank(Node):
    """排名 · 前3名 · 第2-8名 · 倒数第1、第2、第3名: places in a ranking."""

    word: str
    values: tuple[Decimal, ...]
    dash: bool
    span: Span
    suffix: str | None = None

    @classmethod
    def build(cls, children: list[Any]) -> Node:
        listed = _tokens(children, "RANK_LIST")
        if listed:
            text = str(listed[0])
            values = tuple(number(v) for v in re.findall(r"\d+|[零〇一二两三四五六七八九十]+", text.replace("倒数", "")))
            return cls("倒数第" if text.startswith("倒数") else "第", values, False, _span(children))
        word = str(_tokens(children, "RANK")[0])
        nums = _value(children)
        suffix = _tokens(children, "SUFFIX")
        return cls(word, tuple(n.value for n in nums), bool(_tokens(children, "DASH")), _span(children),
                   str(suffix[0]) if suffix else None)


# ── caps, floors and signs ──────────────────────────────────────────────────────────────────


def _score(children: list[Any]) -> Decimal:
    return Num.read(_tokens(children, "SCORE")[0]).value


@attrs.frozen
class Cap(Node):
    """最多扣10分."""

    points: Decimal
    span: Span

    @classmethod
    def build(cls, children: list[Any]) -> Node:
        return cls(_score(children), _span(children))


@attrs.frozen
class CapUntil(Node):
    """扣满6分为止 · 扣完2分为止 · 直至扣除年报“数据准确”中的分值6分 · 扣完10分后."""

    points: Decimal
    words: str | None
    span: Span

    @classmethod
    def build(cls, children: list[Any]) -> Node:
        return cls(_score(children), _words(children), _span(children))


@attrs.frozen
class Word(Node):
    """A phrase that is one fixed word (扣完为止, 可负分 …): only its text and span matter."""

    text: str
    span: Span

    @classmethod
    def build(cls, children: list[Any]) -> Node:
        return cls(" ".join(str(c) for c in children if isinstance(c, Token)), _span(children))


def _plain(name: str, doc: str) -> type[Word]:
    """A :class:`Word` node class of its own name (the registry and the isinstance checks tell them apart)."""
    made: type[Word] = attrs.frozen(type(name, (Word,), {"__doc__": doc, "__module__": __name__}))
    return made


UntilZero = _plain("UntilZero", "扣完为止: deductions stop at zero.")
FullCap = _plain("FullCap", "满分为止 · 超过100%的按100%计: never above 分值.")
CapAtPoints = _plain("CapAtPoints", "扣分总额以本指标权重为限: deductions at most the 分值.")
Negative = _plain("Negative", "可负分 · 此项可倒扣分: the score may fall below zero.")
NoNegative = _plain("NoNegative", "不实行倒扣: never below zero.")
Carry = _plain("Carry", "在考核总分中继续扣减: what the item cannot take is taken from the total.")
Overspend = _plain("Overspend", "按超支比例扣减.")
Linear = _plain("Linear", "线性插值计分.")
RankProp = _plain("RankProp", "按与第1名的比例得分.")
Missing = _plain("Missing", "由各县自行制定 · 分段 · 同前项: the rule is not in the text.")
Lost = _plain("Lost", "a number lost or redacted (扣 分, (略), *).")
Veto = _plain("Veto", "一票否决 · 取消…资格 · 直接定为未完成等级.")
Double = _plain("Double", "加倍扣分.")
Schedule = _plain("Schedule", "依次类推: the schedule goes on in the same steps.")
RoundUp = _plain("RoundUp", "不足一个百分点的按一个百分点计算: a started step counts whole.")
ProRataStep = _plain("ProRataStep", "不足一步的按比例扣分: a part of a step deducts its share.")
Respectively = _plain("Respectively", "分别 · 依次: values paired in order.")
Otherwise = _plain("Otherwise", "否则 · 其余.")
NotApplicable = _plain("NotApplicable", "不扣分 · 不参与评分.")
AsFull = _plain("AsFull", "按满分计算.")
AvgScore = _plain("AvgScore", "按全市同类单位平均分得分: the average score of others.")
Item = _plain("Item", "①: an item mark.")
Subrule = _plain("Subrule", "1. · (1): a numbered part.")


@attrs.frozen
class GainCap(Node):
    """最多加2分 · 加分不超过0.6分 · 最高不超过4.5分 · 最高不超过权重分 (points None: the 分值)."""

    points: Decimal | None
    span: Span

    @classmethod
    def build(cls, children: list[Any]) -> Node:
        return cls(_score(children) if _tokens(children, "SCORE") else None, _span(children))


@attrs.frozen
class Floor(Node):
    """最低得1分."""

    points: Decimal
    span: Span

    @classmethod
    def build(cls, children: list[Any]) -> Node:
        return cls(_score(children), _span(children))


@attrs.frozen
class NegCap(Node):
    """总倒扣分值不超过6分: the score goes no further below zero than this."""

    points: Decimal
    span: Span

    @classmethod
    def build(cls, children: list[Any]) -> Node:
        return cls(_score(children), _span(children))


@attrs.frozen
class Proportional(Node):
    """同比例扣减 · 按完成比例计分 · 按缺失比例扣分 · 计算得分."""

    text: str
    span: Span

    @property
    def deducts(self) -> bool:
        """Whether the words deduct by the share (按缺失比例扣分) rather than award it (按完成比例计分)."""
        return "缺失" in self.text

    @classmethod
    def build(cls, children: list[Any]) -> Node:
        return cls(str(children[0]), _span(children))


@attrs.frozen
class Discretion(Node):
    """酌情扣分 · 视情况扣0.5~1.5分 · 在1.5分内酌情给分 (the bound comes from the phrase before)."""

    text: str
    low: Decimal | None
    high: Decimal | None
    span: Span

    @classmethod
    def build(cls, children: list[Any]) -> Node:
        ranged = _tokens(children, "SCORE_RANGE")
        if ranged:
            low, high = scores(str(ranged[0]))
            return cls(str(children[0]), min(low, high), max(low, high), _span(children))
        return cls(str(children[0]), None, None, _span(children))


@attrs.frozen
class Precision(Node):
    """保留整数 · 保留一位小数: the quantum points are rounded to."""

    quantum: Decimal
    span: Span

    @classmethod
    def build(cls, children: list[Any]) -> Node:
        text = str(children[0])
        if "整" in text:
            return cls(Decimal(1), _span(children))
        m = re.search(r"([一二两三0-9])位小数", text)
        places = {"一": 1, "二": 2, "两": 2, "三": 3}.get(m.group(1), None) if m else None
        if places is None and m:
            places = int(m.group(1))
        return cls(Decimal(1).scaleb(-(places or 2)), _span(children))


@attrs.frozen
class Reference(Node):
    """以100%为标准: where steps count from."""

    value: Num
    span: Span

    @classmethod
    def build(cls, children: list[Any]) -> Node:
        return cls(_value(children)[0], _span(children))


@attrs.frozen
class Grade(Node):
    """为优 · 为合格单位: the grade a condition earns."""

    label: str
    span: Span

    @classmethod
    def build(cls, children: list[Any]) -> Node:
        text = str(children[0])
        label = re.sub(r"^(?:评定?|降|定)?为", "", text)
        label = re.sub(r"(?:单位|等次|等级)$", "", label) or label
        return cls(label, _span(children))


@attrs.frozen
class Preamble(Node):
    """本项满分6分 · 满分5分: the points the standard states for itself."""

    points: Decimal
    span: Span

    @classmethod
    def build(cls, children: list[Any]) -> Node:
        return cls(_score(children), _span(children))


@attrs.frozen
class PartsEach(Node):
    """各占1.5分 · 共1.2分: what each part (or this part) is worth."""

    points: Decimal
    each: bool
    span: Span

    @classmethod
    def build(cls, children: list[Any]) -> Node:
        return cls(_score(children), str(children[0]) != "共", _span(children))


@attrs.frozen
class ParenPoints(Node):
    """(2分) after a name: what the item before it is worth."""

    points: Decimal
    span: Span

    @classmethod
    def build(cls, children: list[Any]) -> Node:
        return cls(number(str(children[0]).strip("() ").rstrip("分").strip()), _span(children))


@attrs.frozen
class ParenRange(Node):
    """好(8-10分): the points range of a tier or a grade."""

    low: Decimal
    high: Decimal
    span: Span

    @classmethod
    def build(cls, children: list[Any]) -> Node:
        low, high = scores(str(children[0]).strip("() "))
        return cls(min(low, high), max(low, high), _span(children))


# ── formulas ────────────────────────────────────────────────────────────────────────────────


@attrs.frozen
class Number(Node):
    """A constant in a formula (a percentage is its fraction; N分 is N)."""

    value: Decimal
    span: Span

    @classmethod
    def build(cls, children: list[Any]) -> Node:
        return cls(Num.read(children[0]).value, _span(children))


@attrs.frozen
class PointsVar(Node):
    """指标分值 · 分值 · 权重分 inside a formula: the indicator's 分值."""

    span: Span

    @classmethod
    def build(cls, children: list[Any]) -> Node:
        return cls(_span(children))


@attrs.frozen
class Var(Node):
    """A named input of a formula (实际完成率, 台账建设得分)."""

    name: str
    span: Span

    @classmethod
    def build(cls, children: list[Any]) -> Node:
        return cls("".join(str(c) for c in children), _span(children))


@attrs.frozen
class CappedVar(Node):
    """完成率(超过100%的按100%计): an input never taken above 100%."""

    name: str
    span: Span

    @classmethod
    def build(cls, children: list[Any]) -> Node:
        return cls(children[0].name, _span(children))


@attrs.frozen
class BinOp(Node):
    """``left op right`` with op one of + - * /."""

    op: str
    left: Any
    right: Any
    span: Span


def _binop(op: str) -> type[Node]:
    @classmethod  # type: ignore[misc]
    def build(cls: type, children: list[Any]) -> Node:
        operands = [c for c in children if not isinstance(c, Token)]
        if op == "*" and isinstance(children[-1], Token) and children[-1].type == "POINTS_VAR":
            operands.append(PointsVar(Span.of([children[-1]])))
        return BinOp(op, operands[0], operands[-1], _span(children))

    return type(f"_{op}", (Node,), {"build": build, "__module__": __name__})


def _expr(children: list[Any]) -> Any:
    """The expression of a formula's children (the one child that is not a token)."""
    return next(c for c in children if not isinstance(c, Token) and not isinstance(c, Words))


@attrs.frozen
class ScoreFormula(Node):
    """得分=（实际完成率-60%）/（1-60%）×指标分值 · 得分(15分*拨付率)."""

    expr: Any
    span: Span

    @classmethod
    def build(cls, children: list[Any]) -> Node:
        return cls(_expr(children), _span(children))


@attrs.frozen
class Definition(Node):
    """完成率=实际完成值/年度目标值: a named value defined by a formula."""

    name: str
    expr: Any
    span: Span

    @classmethod
    def build(cls, children: list[Any]) -> Node:
        name = children[0].text
        return cls(name, children[-1], _span(children))


@attrs.frozen
class InlineFormula(Node):
    """按实际满意率/90%指标分值 · 到位率*本指标权重分: a formula written without 得分=."""

    expr: Any
    span: Span

    @classmethod
    def build(cls, children: list[Any]) -> Node:
        operands: list[Any] = []
        ops: list[str] = []
        for c in children:
            if isinstance(c, Token) and c.type == "POINTS_VAR" and operands and len(ops) < len(operands):
                ops.append("*")  # 实际满意率/90%指标分值: the × before 分值 is left out
                operands.append(PointsVar(Span.of([c])))
            elif isinstance(c, Token) and c.type in ("TIMES", "DIVIDE", "PLUS", "DASH"):
                ops.append({"TIMES": "*", "DIVIDE": "/", "PLUS": "+", "DASH": "-"}[c.type])
            elif isinstance(c, Words):
                operands.append(Var(c.text, c.span))
            elif isinstance(c, Token):
                operands.append(Number(Num.read(c).value, Span.of([c])) if c.type in ("NUM", "PCT", "SCORE")
                                else PointsVar(Span.of([c])))
            else:
                operands.append(c)
        return cls(_precedence(operands, ops), _span(children))


def _precedence(operands: list[Any], ops: list[str]) -> Any:
    """Build the tree of ``a op b op c …`` with × and ÷ binding tighter than + and −."""
    terms: list[Any] = [operands[0]]
    adds: list[str] = []
    for op, right in zip(ops, operands[1:], strict=True):
        if op in "*/":
            left = terms.pop()
            terms.append(BinOp(op, left, right, left.span.to(right.span)))
        else:
            adds.append(op)
            terms.append(right)
    out = terms[0]
    for op, right in zip(adds, terms[1:], strict=True):
        out = BinOp(op, out, right, out.span.to(right.span))
    return out


@attrs.frozen
class Words(Node):
    """A run of description (and 且 / 或 / 、 between its words)."""

    text: str
    span: Span

    @classmethod
    def build(cls, children: list[Any]) -> Node:
        return cls("".join(str(c) for c in children), _span(children))


@attrs.frozen
class Punct(Node):
    """A token that carries no phrase of its own where it stands: ( ) - = + and the like."""

    text: str
    kind: str
    span: Span

    @classmethod
    def build(cls, children: list[Any]) -> Node:
        return cls(str(children[0]), children[0].type, _span(children))


#: Every phrase node by its grammar rule; the transformer and the registry test read this.
NODE_CLASSES: dict[str, type[Node]] = {
    re.sub(r"(?<!^)(?=[A-Z])", "_", cls.__name__).lower(): cls
    for cls in (Value, Compare, CompareList, Bound, Range, GluedRange, Equal, Deviation,
                Point, Described, Claim, Points, Full, Zero, PointsRange, Share, PointsList, Cell, Deduct, Bonus, Per,
                Rank, Cap, CapUntil, UntilZero, GainCap, FullCap, Floor, NegCap, CapAtPoints, Negative,
                NoNegative, Carry, Proportional, Overspend, Linear, RankProp, Discretion, Missing, Lost, Veto,
                Precision, Double, Schedule, RoundUp, ProRataStep, Respectively, Otherwise, Reference,
                NotApplicable, AsFull, AvgScore, Grade, Preamble, PartsEach, Item, Subrule, ParenPoints,
                ParenRange, ScoreFormula, Definition, InlineFormula, Number, PointsVar, Var, CappedVar, Words,
                Punct)
}
NODE_CLASSES.update({"add": _binop("+"), "sub": _binop("-"), "mul": _binop("*"), "div": _binop("/"),
                     "mul_points": _binop("*")})
