"""Phrases that say what a clause earns, deducts or how it counts: 计4分, 扣2分, 每低于5%, 扣完为止, 一票否决 …"""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Any

import attrs
from lark import Token

from ...vocabulary import SUFFIXES
from .base import (
    Node,
    Num,
    Span,
    number,
    scores,
    span_of,
    tokens_of,
    values_of,
    words_of,
)

# ── what a clause earns ─────────────────────────────────────────────────────────────────────


@attrs.frozen
class Points(Node):
    """计4分 · 4分."""

    points: Decimal
    awarded: bool
    span: Span

    @classmethod
    def build(cls, children: list[Any]) -> Node:
        return cls(Num.read(tokens_of(children, "SCORE")[0]).value, bool(tokens_of(children, "AWARD")), span_of(children))


@attrs.frozen
class Full(Node):
    """计满分 · 得分 (after 达到…): the indicator's whole 分值."""

    span: Span

    @classmethod
    def build(cls, children: list[Any]) -> Node:
        return cls(span_of(children))


@attrs.frozen
class Zero(Node):
    """不得分 · 计0分 · 扣除本项全部分值."""

    text: str
    span: Span

    @classmethod
    def build(cls, children: list[Any]) -> Node:
        return cls(str(children[0]), span_of(children))


@attrs.frozen
class PointsRange(Node):
    """得16—18分 · 0.2-0.6分: the assessor chooses within the range."""

    low: Decimal
    high: Decimal
    span: Span

    @classmethod
    def build(cls, children: list[Any]) -> Node:
        ranged = tokens_of(children, "SCORE_RANGE")[0]
        low, high = scores(str(ranged), ranged)
        return cls(min(low, high), max(low, high), span_of(children))


@attrs.frozen
class Share(Node):
    """得该项分值的80%: a share of the 分值 · 按照满分的90%~100%之间评分: the assessor's range of shares
    (``high``)."""

    share: Decimal
    span: Span
    high: Decimal | None = None

    @classmethod
    def build(cls, children: list[Any]) -> Node:
        written = tokens_of(children, "SHARE_PCT")
        if written:  # 得80%分值
            return cls(number(re.match(r"\s*([^%\s]+)", str(written[0])).group(1), written[0]) / 100, span_of(children))  # type: ignore[union-attr]
        shares = sorted(Num.read(t).value for t in tokens_of(children, "PCT"))
        suffix = tokens_of(children, "SUFFIX")
        if len(shares) == 1 and suffix:
            side = SUFFIXES[str(suffix[0])].side
            if side == "upper":  # 满分的60%以下: anything up to 60% of it
                return cls(Decimal(0), span_of(children), shares[0])
            if side == "lower":  # 满分的90%以上: from 90% of it to all of it
                return cls(shares[0], span_of(children), Decimal(1))
        return cls(shares[0], span_of(children), shares[-1] if len(shares) > 1 else None)


@attrs.frozen
class PointsList(Node):
    """分别得6、4、2分 · 分别计5分、3.5分、2分: points paired in order with thresholds."""

    values: tuple[Decimal, ...]
    span: Span

    @classmethod
    def build(cls, children: list[Any]) -> Node:
        listed = tokens_of(children, "SCORE_LIST")[0]
        return cls(scores(str(listed), listed), span_of(children))


@attrs.frozen
class Cell(Node):
    """| 5: the points column of a table flattened into text."""

    points: Decimal
    span: Span

    @classmethod
    def build(cls, children: list[Any]) -> Node:
        return cls(number(str(children[0]).lstrip("|").strip().rstrip("分").strip(), children[0]), span_of(children))


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
        verb = str(tokens_of(children, "DEDUCT")[0])
        span = span_of(children)
        if tokens_of(children, "LOST"):
            return cls(None, None, verb, None, (), None, True, span)
        per = tokens_of(children, "PER_UNIT")
        per_unit = str(per[0]).lstrip("/") if per else None
        listed = tokens_of(children, "SCORE_LIST")
        if listed:
            values = scores(str(listed[0]), listed[0])
            return cls(None, None, verb, None, values, None, False, span)
        ranged = tokens_of(children, "SCORE_RANGE")
        if ranged:
            low, high = scores(str(ranged[0]), ranged[0])
            return cls(min(low, high), max(low, high), verb, None, (), None, False, span)
        amount = Num.read(tokens_of(children, "SCORE")[0]).value
        return cls(amount, amount, verb, per_unit, (), words_of(children), False, span)


@attrs.frozen
class Bonus(Node):
    """加0.5分 · 加1-2分 · 不加分 (nothing added: 0)."""

    low: Decimal
    high: Decimal
    values: tuple[Decimal, ...]
    span: Span

    @classmethod
    def build(cls, children: list[Any]) -> Node:
        if tokens_of(children, "NO_BONUS"):
            return cls(Decimal(0), Decimal(0), (), span_of(children))
        tok = [t for t in tokens_of(children) if t.type != "BONUS"][0]
        if tok.type == "SCORE_LIST":
            return cls(Decimal(0), Decimal(0), scores(str(tok), tok), span_of(children))
        values = scores(str(tok), tok)
        return cls(min(values), max(values), (), span_of(children))


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
        return cls(tuple(parts), span_of(children))


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
        listed = tokens_of(children, "RANK_LIST")
        if listed:
            text = str(listed[0])
            values = tuple(number(v, listed[0]) for v in re.findall(r"\d+|[零〇一二两三四五六七八九十]+", text.replace("倒数", "")))
            return cls("倒数第" if text.startswith("倒数") else "第", values, False, span_of(children))
        word = str(tokens_of(children, "RANK")[0])
        nums = values_of(children)
        suffix = tokens_of(children, "SUFFIX")
        return cls(word, tuple(n.value for n in nums), bool(tokens_of(children, "DASH")), span_of(children),
                   str(suffix[0]) if suffix else None)


# ── caps, floors and signs ──────────────────────────────────────────────────────────────────


def _score(children: list[Any]) -> Decimal:
    return Num.read(tokens_of(children, "SCORE")[0]).value


@attrs.frozen
class Cap(Node):
    """最多扣10分 · 合计最多扣3分 (``joint``: on every deduction together, 累计/合计/总 said)."""

    points: Decimal
    span: Span
    joint: bool = False

    @classmethod
    def build(cls, children: list[Any]) -> Node:
        word = str(tokens_of(children, "CAP")[0])
        # 此项最多扣3分 binds the stream it follows (DESIGN, corpus c-157); 累计/合计 says "together"
        return cls(_score(children), span_of(children), any(w in word for w in ("累计", "合计", "总")))


@attrs.frozen
class CapUntil(Node):
    """扣满6分为止 · 扣完2分为止 · 直至扣除年报“数据准确”中的分值6分 · 扣完10分后."""

    points: Decimal
    words: str | None
    span: Span

    @classmethod
    def build(cls, children: list[Any]) -> Node:
        return cls(_score(children), words_of(children), span_of(children))


@attrs.frozen
class Word(Node):
    """A phrase that is one fixed word (扣完为止, 可负分 …): only its text and span matter."""

    text: str
    span: Span

    @classmethod
    def build(cls, children: list[Any]) -> Node:
        return cls(" ".join(str(c) for c in children if isinstance(c, Token)), span_of(children))


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
Adjustments = _plain("Adjustments", "另设加分事项和减分事项: the score adjusted by bonus and deduction items.")
NoCap = _plain("NoCap", "减分事项不设上限: deductions without a cap.")
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
    """最多加2分 · 加分不超过0.6分 · 最高不超过4.5分 · 最高不超过权重分 (points None: the 分值).

    ``total``: the cap is on the item's points (最高得6分, 最高不超过4.5分), not on what is added (最多加2分,
    加分最高不超过2分) — the same where a rule earns from 0, apart where a bonus sits on the 分值."""

    points: Decimal | None
    span: Span
    total: bool = False

    @classmethod
    def build(cls, children: list[Any]) -> Node:
        word = str(tokens_of(children, "GAIN_CAP")[0])
        # 加至10分为止 · 加满6分为止: up to a total; 最多加2分 · 以2分为限: what is added
        total = word.startswith(("加至", "加满")) or not (any(w in word for w in ("加", "奖")) or word.startswith("以"))
        return cls(_score(children) if tokens_of(children, "SCORE") else None, span_of(children), total)


@attrs.frozen
class Floor(Node):
    """最低得1分."""

    points: Decimal
    span: Span

    @classmethod
    def build(cls, children: list[Any]) -> Node:
        return cls(_score(children), span_of(children))


@attrs.frozen
class NegCap(Node):
    """总倒扣分值不超过6分: the score goes no further below zero than this."""

    points: Decimal
    span: Span

    @classmethod
    def build(cls, children: list[Any]) -> Node:
        return cls(_score(children), span_of(children))


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
        return cls(str(children[0]), span_of(children))


@attrs.frozen
class Discretion(Node):
    """酌情扣分 · 视情况扣0.5~1.5分 · 在1.5分内酌情给分 (the bound comes from the phrase before) · 不得分或酌情扣分."""

    text: str
    low: Decimal | None
    high: Decimal | None
    span: Span

    @classmethod
    def build(cls, children: list[Any]) -> Node:
        ranged = tokens_of(children, "SCORE_RANGE")
        if ranged:
            low, high = scores(str(ranged[0]), ranged[0])
            return cls(str(children[0]), min(low, high), max(low, high), span_of(children))
        # 酌情扣分或者不得分: the assessor's range reaches 0 either way — the text says both words
        return cls("".join(str(c) for c in children), None, None, span_of(children))


@attrs.frozen
class Precision(Node):
    """保留整数 · 保留一位小数: the quantum points are rounded to."""

    quantum: Decimal
    span: Span

    @classmethod
    def build(cls, children: list[Any]) -> Node:
        text = str(children[0])
        if "整" in text:
            return cls(Decimal(1), span_of(children))
        m = re.search(r"([一二两三0-9])位小数", text)
        places = {"一": 1, "二": 2, "两": 2, "三": 3}.get(m.group(1), None) if m else None
        if places is None and m:
            places = int(m.group(1))
        return cls(Decimal(1).scaleb(-(places or 2)), span_of(children))


@attrs.frozen
class Reference(Node):
    """以100%为标准: where steps count from."""

    value: Num
    span: Span

    @classmethod
    def build(cls, children: list[Any]) -> Node:
        return cls(values_of(children)[0], span_of(children))


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
        return cls(label, span_of(children))


@attrs.frozen
class Preamble(Node):
    """本项满分6分 · 满分5分 · 实行百分制 (100): the points the standard states for itself."""

    points: Decimal
    span: Span

    @classmethod
    def build(cls, children: list[Any]) -> Node:
        if not tokens_of(children, "SCORE"):
            return cls(Decimal(100), span_of(children))  # 百分制
        return cls(_score(children), span_of(children))


@attrs.frozen
class PartsEach(Node):
    """各占1.5分 · 共1.2分: what each part (or this part) is worth."""

    points: Decimal
    each: bool
    span: Span

    @classmethod
    def build(cls, children: list[Any]) -> Node:
        return cls(_score(children), str(children[0]) != "共", span_of(children))


@attrs.frozen
class ParenPoints(Node):
    """(2分) after a name: what the item before it is worth."""

    points: Decimal
    span: Span

    @classmethod
    def build(cls, children: list[Any]) -> Node:
        return cls(number(str(children[0]).strip("() ").rstrip("分").strip(), children[0]), span_of(children))


@attrs.frozen
class ParenRange(Node):
    """好(8-10分): the points range of a tier or a grade."""

    low: Decimal
    high: Decimal
    span: Span

    @classmethod
    def build(cls, children: list[Any]) -> Node:
        low, high = scores(str(children[0]).strip("() "), children[0])
        return cls(min(low, high), max(low, high), span_of(children))
