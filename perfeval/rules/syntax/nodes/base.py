"""The ground every phrase node stands on: :class:`Span`, :class:`Num` (a number as written), :class:`Node`,
the description nodes :class:`Words` and :class:`Punct`, and the helpers each node's ``build`` uses to read
the children of its grammar rule.

>>> from perfeval.rules.syntax.lexer import tokenize
>>> Num.read(tokenize("95%")[0]).value
Decimal('0.95')
"""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Any, ClassVar

import attrs
from lark import Token

from ....errors import InputError, Location
from ....limits import MAX_DIGITS, MAX_EXPONENT, check_number
from ....numbers import parse_number
from ...vocabulary import COMPARATORS, SUFFIXES, Comparator, Suffix


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
_PLAIN_NUMBER = re.compile(r"\d{1,30}(?:\.\d{1,30})?")


def where(tok: Token | None) -> Location | None:
    """The line and column of ``tok`` in the standard, for an error about it (None without a token)."""
    return None if tok is None else Location(line=tok.line or 1, column=tok.column or 1)


def number(text: str, at: Token | None = None) -> Decimal:
    """A number as a standard writes it: ``95``, ``1,000``, ``一``, ``两``, ``半`` (0.5), ``十二``.

    One beyond the limits of a number (:data:`~perfeval.limits.MAX_DIGITS` digits — spaces inside a number
    are tolerated, so "1111 1111 …" can be hundreds) is a :class:`~perfeval.limits.LimitError`: arithmetic
    on it would no longer be exact. ``at`` is the token the number was read from: the error says where.
    """
    t = text.strip()
    if _PLAIN_NUMBER.fullmatch(t):
        return Decimal(t)  # 95, 0.5: the common case, read directly
    if t == "半":
        return Decimal("0.5")
    if t == "百":
        return Decimal(100)  # 百分之百
    if t.startswith("半"):
        return Decimal("0.5")
    value = parse_number(t)
    check_number(value, MAX_DIGITS, MAX_EXPONENT, t, location=where(at))
    return value


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
                return Num(number(m.group(1), tok) / 100, "pct", text, span)
            suffix = _PERCENT.search(text)
            assert suffix is not None
            digits = text[: suffix.start()]
            sign = -1 if digits[:1] in ("-", "−", "负") else 1
            mille = suffix.group(1) in ("‰", "个千分点", "千分点")
            value = number(digits.lstrip("-−负"), tok) / (1000 if mille else 100)
            return Num(value if sign > 0 else -value, "pct", text, span, mille=mille)
        if tok.type == "SCORE":
            if text.endswith("分半"):  # 一分半 · 两分半: a point and a half
                return Num(number(text[:-2].strip(), tok) + Decimal("0.5"), "score", text, span)
            return Num(number(text.rstrip("分").strip(), tok), "score", text, span)
        if tok.type == "QTY":
            m = re.match(r"\s*((?:\d+(?:,\d{3})*(?:\.\d+)?|\.\d+)|[零〇一二两三四五六七八九十百千点]+|半)\s*(.*)$", text)
            if m is None:
                raise InputError("quantity_unreadable", text=text)
            unit = m.group(2).strip()
            value = number(m.group(1), tok)
            if unit.startswith("个") and unit not in ("个",) and text.startswith("半"):
                pass
            if text.startswith("半") and unit == "个月":
                value = Decimal("0.5")
            return Num(value, "qty", text, span, unit=unit or None)
        return Num(number(text, tok), "num", text, span)


def scores(text: str, at: Token | None = None) -> tuple[Decimal, ...]:
    """The numbers of a points list or range: "5、3、1分", "5分、3.5分、2分", "4-7分" → (5, 3, 1) …
    (``at``: the token they were read from)."""
    parts = re.split(r"\s*(?:、|-|—+|~|至|到|和|及)\s*", text.strip().rstrip("分").strip())
    return tuple(number(p.rstrip("分").strip(), at) for p in parts if p.strip())


def incl_of(tok: Token) -> tuple[bool, Decimal | None]:
    """（含）→ (True, None); （不含）→ (False, None); （含80%）→ (True, 0.8)."""
    text = str(tok)
    inclusive = "不" not in text
    m = re.search(r"(\d+(?:\.\d+)?|[零〇一二两三四五六七八九十百]+)\s*(%|个百分点|分)?", text)
    if m is None:
        return inclusive, None
    value = number(m.group(1), tok)
    return inclusive, value / 100 if m.group(2) in ("%", "个百分点") else value


# ── the node base and the builder registry ──────────────────────────────────────────────────


def tokens_of(children: list[Any], *types: str) -> list[Token]:
    return [c for c in children if isinstance(c, Token) and (not types or c.type in types)]


def _nodes(children: list[Any], cls: type) -> list[Any]:
    return [c for c in children if isinstance(c, cls)]


def _first(children: list[Any], cls: type) -> Any:
    return next((c for c in children if isinstance(c, cls)), None)


def span_of(children: list[Any]) -> Span:
    spans = [c.span if not isinstance(c, Token) else Span.of([c]) for c in children]
    return spans[0].to(spans[-1])


def incls_of(children: list[Any]) -> list[tuple[bool, Decimal | None]]:
    return [incl_of(t) for t in tokens_of(children, "INCL")]


class Node:
    """Base of every phrase node: each subclass is built from the children of its grammar rule."""

    rule: ClassVar[str] = ""
    span: Span

    @classmethod
    def build(cls, children: list[Any]) -> Node:  # pragma: no cover - every subclass overrides it
        raise NotImplementedError


def values_of(children: list[Any]) -> list[Num]:
    """The numbers of a phrase in order (value nodes and bare SCORE tokens)."""
    out: list[Num] = []
    for c in children:
        if isinstance(c, Num):
            out.append(c)
        elif isinstance(c, Token) and c.type in ("SCORE", "PCT", "NUM", "QTY"):
            out.append(Num.read(c))
    return out


def words_of(children: list[Any]) -> str | None:
    w = [c.text for c in children if isinstance(c, Words)]
    return "".join(w) or None


def cmp_of(tok: Token) -> Comparator:
    return COMPARATORS[str(tok)]


def suffix_of(children: list[Any]) -> Suffix | None:
    toks = tokens_of(children, "SUFFIX")
    return SUFFIXES[str(toks[-1])] if toks else None


@attrs.frozen
class Words(Node):
    """A run of description (and 且 / 或 / 、 between its words)."""

    text: str
    span: Span

    @classmethod
    def build(cls, children: list[Any]) -> Node:
        return cls("".join(str(c) for c in children), span_of(children))


@attrs.frozen
class Punct(Node):
    """A token that carries no phrase of its own where it stands: ( ) - = + and the like."""

    text: str
    kind: str
    span: Span

    @classmethod
    def build(cls, children: list[Any]) -> Node:
        return cls(str(children[0]), children[0].type, span_of(children))
