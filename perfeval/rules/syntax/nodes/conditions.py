"""Phrases that state a condition on the value scored: 大于30%, 90%（含）以上, 80%（含）-90%, ±8%以内, =0 …"""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Any

import attrs
from lark import Token

from ...vocabulary import Comparator, Suffix
from .base import (
    Node,
    Num,
    Span,
    cmp_of,
    incl_of,
    incls_of,
    number,
    span_of,
    suffix_of,
    tokens_of,
    values_of,
)

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
        incls = incls_of(children)
        return cls(cmp_of(tokens_of(children, "CMP")[0]), values_of(children)[0], incls[0] if incls else None,
                   span_of(children))


@attrs.frozen
class CompareList(Node):
    """超过20万元、10万元和5万元 · 达到95%、90%、85%: thresholds paired with points by 分别."""

    cmp: Comparator | None
    values: tuple[Num, ...]
    span: Span

    @classmethod
    def build(cls, children: list[Any]) -> Node:
        cmps = tokens_of(children, "CMP")
        tok = tokens_of(children, "VALUE_LIST")[0]
        parts = re.split(r"\s*[、和及]\s*", str(tok))
        unit = re.sub(r"^[\d.,]+", "", parts[-1]).strip()
        span = Span.of([tok])
        values = []
        for p in parts:
            p = p.strip()
            if p.endswith("%"):
                values.append(Num(number(p[:-1], tok) / 100, "pct", p, span))
            else:
                digits = re.match(r"[\d.,]+|[零〇一二两三四五六七八九十百千半]+", p)
                assert digits is not None  # the VALUE_LIST token is made of these numbers
                own = p[digits.end():].strip() or unit
                values.append(Num(number(digits.group(), tok), "qty" if own else "num", p, span, unit=own or None))
        return cls(cmp_of(cmps[0]) if cmps else None, tuple(values), span_of(children))


@attrs.frozen
class Bound(Node):
    """90%(含)以上 · 60%以下 · 100%以下(含) · 达95%以上: one side bounded by a suffix.

    ``negated``: a comparator of not reaching before it (未达90%以上: below 90%); a comparator on the same
    side only repeats the suffix (达95%以上).
    """

    value: Num
    suffix: Suffix
    incl: tuple[bool, Decimal | None] | None
    span: Span
    negated: bool = False

    @classmethod
    def build(cls, children: list[Any]) -> Node:
        incls = incls_of(children)
        suffix = suffix_of(children)
        assert suffix is not None
        cmps = tokens_of(children, "CMP")
        cmp = cmp_of(cmps[0]) if cmps else None
        negated = cmp is not None and cmp.word.startswith(("未", "不", "没")) and cmp.side != suffix.side \
            and suffix.side in ("lower", "upper")
        return cls(values_of(children)[0], suffix, incls[0] if incls else None, span_of(children), negated)


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
        nums = values_of(children)
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
        return cls(a, b, lo_incl, hi_incl, suffix_of(children), span_of(children))


@attrs.frozen
class GluedRange(Node):
    """80%100%: two percentages with the dash between them lost in extraction."""

    lo: Num
    hi: Num
    span: Span

    @classmethod
    def build(cls, children: list[Any]) -> Node:
        a, b = (Num.read(t) for t in tokens_of(children, "PCT"))
        return cls(a, b, span_of(children))


@attrs.frozen
class Equal(Node):
    """= 0."""

    value: Num
    span: Span

    @classmethod
    def build(cls, children: list[Any]) -> Node:
        return cls(values_of(children)[0], span_of(children))


@attrs.frozen
class Deviation(Node):
    """±8%以内 · ±8-12%以内 · ±16%以外: a band on the distance either way."""

    lo: Num | None
    hi: Num
    suffix: Suffix | None
    span: Span
    incl: tuple[bool, Decimal | None] | None = None  # ±5%（含）以内: the edge claimed outright

    @classmethod
    def build(cls, children: list[Any]) -> Node:
        nums = values_of(children)
        incls = incls_of(children)
        incl = incls[0] if incls else None
        if len(nums) == 2:
            a, b = nums
            if not a.percent and b.percent:
                a = attrs.evolve(a, value=a.value / 100, kind="pct")
            return cls(a, b, suffix_of(children), span_of(children), incl)
        return cls(None, nums[0], suffix_of(children), span_of(children), incl)


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
        incls = incls_of(children)
        cmps = tokens_of(children, "CMP")
        return cls(values_of(children)[0], incls[0] if incls else None, span_of(children),
                   cmp_of(cmps[0]) if cmps else None)


@attrs.frozen
class Described(Node):
    """达到或超过(标准值) · 未完成(的) · ≤(x): a comparator whose value is named in the words after it."""

    cmp: Comparator
    span: Span

    @classmethod
    def build(cls, children: list[Any]) -> Node:
        return cls(cmp_of(tokens_of(children, "CMP")[0]), span_of(children))


@attrs.frozen
class Claim(Node):
    """(含72分) standing after the words of its number: a claim on that number's edge."""

    inclusive: bool
    number: Decimal | None
    span: Span

    @classmethod
    def build(cls, children: list[Any]) -> Node:
        inclusive, value = incl_of(children[0])
        return cls(inclusive, value, span_of(children))
