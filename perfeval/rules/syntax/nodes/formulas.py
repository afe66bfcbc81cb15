"""Formula phrases: 得分=（实际完成率-60%）/（1-60%）×指标分值, 完成率=实际/计划, 按实际满意率/90%指标分值."""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Any

import attrs
from lark import Token

from .base import (
    Node,
    Num,
    Span,
    Words,
    span_of,
)

# ── formulas ────────────────────────────────────────────────────────────────────────────────


@attrs.frozen
class Number(Node):
    """A constant in a formula (a percentage is its fraction; N分 is N)."""

    value: Decimal
    span: Span

    @classmethod
    def build(cls, children: list[Any]) -> Node:
        return cls(Num.read(children[0]).value, span_of(children))


@attrs.frozen
class PointsVar(Node):
    """指标分值 · 分值 · 权重分 inside a formula: the indicator's 分值."""

    span: Span

    @classmethod
    def build(cls, children: list[Any]) -> Node:
        return cls(span_of(children))


@attrs.frozen
class Var(Node):
    """A named input of a formula (实际完成率, 台账建设得分)."""

    name: str
    span: Span

    @classmethod
    def build(cls, children: list[Any]) -> Node:
        return cls("".join(str(c) for c in children), span_of(children))


@attrs.frozen
class CappedVar(Node):
    """完成率(超过100%的按100%计): an input never taken above 100%."""

    name: str
    span: Span

    @classmethod
    def build(cls, children: list[Any]) -> Node:
        return cls(children[0].name, span_of(children))


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
        return BinOp(op, operands[0], operands[-1], span_of(children))

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
        return cls(_expr(children), span_of(children))


@attrs.frozen
class Definition(Node):
    """完成率=实际完成值/年度目标值: a named value defined by a formula."""

    name: str
    expr: Any
    span: Span

    @classmethod
    def build(cls, children: list[Any]) -> Node:
        name = children[0].text
        return cls(name, children[-1], span_of(children))


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
        return cls(_precedence(operands, ops), span_of(children))


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


#: The operators of a formula, by their grammar rule (×分值 written without its ×: ``mul_points``).
OPERATORS: dict[str, type[Node]] = {"add": _binop("+"), "sub": _binop("-"), "mul": _binop("*"),
                                    "div": _binop("/"), "mul_points": _binop("*")}


#: The input a deduction sheet (扣分制) takes: the deductions the assessor recorded, in points.
DEDUCTIONS = "扣分"


@attrs.frozen
class DeductionSheet(ScoreFormula):
    """实行扣分制 · 采用扣分制: the item is its 分值 less the deductions an assessor records, the formula
    分值 − 扣分 (the input 扣分); caps written beside it (扣分总额以本指标权重为限, 最多扣5分) apply as usual."""

    @classmethod
    def build(cls, children: list[Any]) -> Node:
        span = span_of(children)
        return cls(BinOp("-", PointsVar(span), Var(DEDUCTIONS, span), span), span)


@attrs.frozen
class HundredScale(ScoreFormula):
    """总分按适用指标的得分之和与分值之和换算成百分制: the first total ÷ the second × 100. The two names share what
    is written before 的 (适用指标的得分之和与分值之和 → 适用指标得分之和, 适用指标分值之和); ``names`` is empty
    when the words are not two totals joined by 与/和 (the meaning stage refuses it then)."""

    names: tuple[str, ...] = ()

    @classmethod
    def build(cls, children: list[Any]) -> Node:
        span = span_of(children)
        words = "".join(c.text for c in children if isinstance(c, Words))
        names = _two_totals(words)
        if not names:
            return cls(Var(words, span), span)
        ratio = BinOp("/", Var(names[0], span), Var(names[1], span), span)
        return cls(BinOp("*", ratio, Number(Decimal(100), span), span), span, names)


def _two_totals(words: str) -> tuple[str, ...]:
    m = re.fullmatch(r"\s*(?:总分|得分|总得分|综合得分)?\s*(?:按照|按|以|将)\s*(.+?)\s*(?:与|(?<![之总])和|除以|(?<!之)比(?!例|值|率))\s*(.+?)\s*", words)
    if m is None:
        return ()
    first, second = m.group(1), m.group(2)
    if "的" in first and "的" not in second:
        second = first[: first.index("的")] + second  # 适用指标的得分之和与分值之和: the head is shared
    second = re.sub(r"的?比例$|的?比值$|之比$", "", second)
    names = tuple(x.replace("的", "") for x in (first, second))
    if not all(names) or names[0] == names[1]:
        return ()
    # 得分 over 分值, whichever is written first (按分值之和与得分之和 is still 得分 ÷ 分值); neither said: unread
    whole = [("分值" in x or "满分" in x or "应得" in x) for x in names]
    if whole == [True, False]:
        return names[1], names[0]
    return names if whole == [False, True] else ()
