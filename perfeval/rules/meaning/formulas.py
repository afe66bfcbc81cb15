"""Formula phrases → expressions: 得分=（实际完成率-60%）/（1-60%）×指标分值, 完成率=实际完成值/年度目标值.

A formula's words are its inputs' names (按实际满意率 → 实际满意率, “执行率” → 执行率); 分值/指标分值 is the
indicator's 分值; N% is the fraction; ×100% turns a ratio into the rate it already is (a rate of 95% is
0.95), so it is dropped rather than multiplied.

>>> from perfeval.rules.syntax.parser import parse
>>> f = parse("得分=实际完成数/计划数x100%x40").clauses[0].phrases[0]
>>> render(expression(f.expr))
'((实际完成数 ÷ 计划数) × 40)'
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from decimal import Decimal
from typing import Any

from .. import arith
from ..errors import MissingInputError, ZeroDenominatorError
from ..syntax import nodes as n
from ..vocabulary import StepMode
from . import ir

__all__ = ["expression", "inputs_of", "render", "var_name"]

_PREFIX = re.compile(r"^(?:的按|的以|按照|按|以|依|即|为)")
_SUFFIX = re.compile(r"(?:计算得分|计算|计分|得分值|进行计算)$")
_PARENS = re.compile(r"^\((.*)\)$")


def var_name(text: str) -> str:
    """The name of a formula input as written: 按实际满意率 → 实际满意率, “执行率” → 执行率, (A) stays A."""
    name = text.strip().strip("[]").strip()
    m = _PARENS.match(name)
    if m and "(" not in m.group(1):
        name = m.group(1)
    for left, right in (("“", "”"), ('"', '"'), ("'", "'")):
        if name.startswith(left) and name.endswith(right) and name[1:-1].count(left) == 0:
            name = name[1:-1]
    # 低于目标值的按实际值/目标值×分值: the condition's words before 的按 are not the operand's name
    name = re.split(r"的按照|的按|的以", name)[-1]
    name = _PREFIX.sub("", name)
    return name.strip()


def expression(node: Any) -> ir.Expr:
    """The expression a formula node computes."""
    if isinstance(node, n.Number):
        return ir.Const(node.value)
    if isinstance(node, n.PointsVar):
        return ir.MaxPoints()
    if isinstance(node, n.Var):
        return ir.Input(var_name(node.name))
    if isinstance(node, n.CappedVar):
        return ir.Min(ir.Input(var_name(node.name)), ir.Const(Decimal(1)))
    if isinstance(node, n.BinOp):
        left, right = expression(node.left), expression(node.right)
        if node.op == "*" and isinstance(right, ir.Const) and right.value == 1 and _is_hundred_percent(node.right):
            return left  # …×100%: the ratio is the rate
        return ir.Op(node.op, left, right)
    raise TypeError(f"not a formula node: {node!r}")


def _is_hundred_percent(node: Any) -> bool:
    return isinstance(node, n.Number) and node.value == 1


def inputs_of(e: ir.Expr) -> tuple[str, ...]:
    """The names of the inputs ``e`` reads, in order of first use."""
    out: list[str] = []

    def walk(x: ir.Expr) -> None:
        if isinstance(x, ir.Input):
            if x.name not in out:
                out.append(x.name)
        elif isinstance(x, ir.Op | ir.Min):
            walk(x.left)
            walk(x.right)
        elif isinstance(x, ir.Abs):
            walk(x.arg)
        elif isinstance(x, ir.Steps):
            walk(x.distance)

    walk(e)
    return tuple(out)


def substitute(e: ir.Expr, name: str, by: ir.Expr) -> ir.Expr:
    """``e`` with the input ``name`` replaced by ``by``."""
    if isinstance(e, ir.Input) and e.name == name:
        return by
    if isinstance(e, ir.Op):
        return ir.Op(e.op, substitute(e.left, name, by), substitute(e.right, name, by))
    if isinstance(e, ir.Min):
        return ir.Min(substitute(e.left, name, by), substitute(e.right, name, by))
    if isinstance(e, ir.Abs):
        return ir.Abs(substitute(e.arg, name, by))
    return e


def render(e: ir.Expr) -> str:
    """An expression in plain notation: ``(分值 × x)``, ``⌊(100% − x) ÷ 5%⌋``.

    >>> render(ir.Op("*", ir.MaxPoints(), ir.X()))
    '(分值 × x)'
    """
    from ...numbers import plain

    if isinstance(e, ir.Const):
        return plain(e.value)
    if isinstance(e, ir.X):
        return "x"
    if isinstance(e, ir.MaxPoints):
        return "分值"
    if isinstance(e, ir.Input):
        return e.name
    if isinstance(e, ir.Steps):
        inner = f"{render(e.distance)} ÷ {plain(e.size)}"
        return {StepMode.WHOLE: f"⌊{inner}⌋", StepMode.STARTED: f"⌈{inner}⌉"}.get(e.mode, f"({inner})")
    if isinstance(e, ir.Min):
        return f"min({render(e.left)}, {render(e.right)})"
    if isinstance(e, ir.Abs):
        return f"|{render(e.arg)}|"
    op = {"+": "+", "-": "−", "*": "×", "/": "÷"}[e.op]
    return f"({render(e.left)} {op} {render(e.right)})"


#: Called with (distance, size, mode, steps) each time steps are counted (the interpreter's trace).
StepsSeen = Callable[[Decimal, Decimal, StepMode, Decimal], None]


def evaluate(e: ir.Expr, x: Decimal, P: Decimal, named: Mapping[str, Decimal] | None = None, text: str = "",
             on_steps: StepsSeen | None = None) -> Decimal:
    """The value of ``e`` with ``x`` the value scored and ``P`` the 分值 — the one evaluator: the
    interpreter scores with it, the meaning stage checks examples and bounds with it, and the generated code
    calls the same :mod:`perfeval.rules.arith` functions.

    >>> evaluate(ir.Op("*", ir.MaxPoints(), ir.X()), Decimal("0.93"), Decimal(5))
    Decimal('4.65')
    """
    if isinstance(e, ir.Const):
        return e.value
    if isinstance(e, ir.X):
        return x
    if isinstance(e, ir.MaxPoints):
        return P
    if isinstance(e, ir.Input):
        try:
            return (named or {})[e.name]
        except KeyError:
            raise MissingInputError(e.name, text, tuple(named or ())) from None
    if isinstance(e, ir.Steps):
        distance = evaluate(e.distance, x, P, named, text, None)
        n = arith.count_steps(distance, e.size, e.mode)
        if on_steps is not None:
            on_steps(distance, e.size, e.mode, n)
        return n
    if isinstance(e, ir.Min):
        a, b = evaluate(e.left, x, P, named, text, on_steps), evaluate(e.right, x, P, named, text, on_steps)
        return a if a <= b else b
    if isinstance(e, ir.Abs):
        return evaluate(e.arg, x, P, named, text, on_steps).copy_abs()
    a = evaluate(e.left, x, P, named, text, on_steps)
    b = evaluate(e.right, x, P, named, text, on_steps)
    if e.op == "+":
        return arith.add(a, b)
    if e.op == "-":
        return arith.subtract(a, b)
    if e.op == "*":
        return arith.multiply(a, b)
    if b == 0:
        raise ZeroDenominatorError(render(e.right), text)
    return arith.divide(a, b)
