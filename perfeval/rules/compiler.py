"""Stage 4 (fast path): a :class:`~perfeval.rules.ir.Piecewise` meaning → a generated Python function.

The function is built from :mod:`ast` nodes — rule text only ever appears inside string constants — with
every constant hoisted into the function's own namespace (no globals, no I/O, deterministic, thread-safe:
all arithmetic goes through one private decimal context). Each branch is preceded by the clause it comes
from, so ``rule.python_source`` reads side by side with the standard, and a traceback through the
generated code shows those lines (they are registered with :mod:`linecache`, as Jinja2 does for
templates).

>>> from perfeval.rules.parser import parse
>>> from perfeval.rules.analysis import analyse
>>> fn, source = build(analyse(parse("90%（含）以上计6分；低于90%计0分"), Decimal(6)).meaning, "…")
>>> fn(Decimal("0.9")), fn("89%")
(Decimal('6.00'), Decimal('0.00'))
>>> print(source)  # doctest: +NORMALIZE_WHITESPACE
def points(x, /):
    if x.__class__ is not _D:
        x = _coerce(x)
    '低于90%计0分'
    if x < _c0:
        return _r0
    '90%（含）以上计6分'
    if _c0 <= x:
        return _r1
    raise _no_band(x)
"""

from __future__ import annotations

import ast as py
import hashlib
import linecache
from collections.abc import Callable
from decimal import ROUND_CEILING, ROUND_FLOOR, ROUND_HALF_UP, Decimal
from functools import partial
from typing import Any

from . import ir
from .diagnostics import MissingInputError, NoBandError, ZeroDenominatorError
from .edges import outside
from .evaluate import CENT, CTX, ZERO, finish
from .inputs import coerce

PointsFunction = Callable[..., Decimal]


class _Builder:
    """Collects hoisted constants while it turns expressions into Python AST."""

    def __init__(self) -> None:
        self.namespace: dict[str, Any] = {
            "_D": Decimal, "_CTX": CTX, "_Q": CENT, "_HALF_UP": ROUND_HALF_UP,
            "_FLOOR": ROUND_FLOOR, "_CEILING": ROUND_CEILING,
        }
        self._names: dict[tuple[str, Decimal], str] = {}

    def const(self, value: Decimal, prefix: str = "_c") -> py.expr:
        key = (prefix, value)
        if key not in self._names:
            name = f"{prefix}{sum(1 for p, _ in self._names if p == prefix)}"
            self._names[key] = name
            self.namespace[name] = value
        return py.Name(self._names[key], py.Load())

    def integer(self, value: int) -> py.expr:
        name = f"_i{value}" if value >= 0 else f"_m{-value}"
        self.namespace[name] = value
        return py.Name(name, py.Load())

    def expr(self, e: ir.Expr) -> py.expr:
        if isinstance(e, ir.Const):
            return self.const(e.value)
        if isinstance(e, ir.X):
            return py.Name("x", py.Load())
        if isinstance(e, ir.MaxPoints):
            return py.Name("_P", py.Load())
        if isinstance(e, ir.Input):
            return py.Call(py.Name("_get", py.Load()), [py.Name("named", py.Load()), py.Constant(e.name)], [])
        if isinstance(e, ir.Steps):
            return self._steps(e)
        if _short(e):
            # Short constants and whole step counts: the operators are exact at any precision in use.
            op = {"+": py.Add(), "-": py.Sub(), "*": py.Mult()}[e.op]
            return py.BinOp(self.expr(e.left), op, self.expr(e.right))
        method = {"+": "add", "-": "subtract", "*": "multiply", "/": "divide"}[e.op]
        return _ctx_call(method, self.expr(e.left), self.expr(e.right))

    def _steps(self, e: ir.Steps) -> py.expr:
        """Whole (or started) steps by exact integer arithmetic on x's ratio: no rounding anywhere."""
        if e.mode is ir.StepMode.PROPORTIONAL:
            x = py.Name("x", py.Load())
            ref = self.const(e.ref)
            distance: py.expr = _ctx_call("subtract", ref, x) if e.direction == "below" else \
                _ctx_call("subtract", x, ref)
            if e.direction == "both":
                distance = py.Call(py.Attribute(distance, "copy_abs", py.Load()), [], [])
            return _ctx_call("divide", distance, self.const(e.size))
        rn, rd = e.ref.as_integer_ratio()
        sn, sd = e.size.as_integer_ratio()
        # (ref − x) / size = (rn·q − p·rd)·sd / (sn·rd·q) with x = p/q; // floors exactly.
        names = {"RN": self.integer(rn), "RD": self.integer(rd), "SN": self.integer(sn), "SD": self.integer(sd)}
        numerator = {
            "below": "(RN * _q - _p * RD) * SD",
            "above": "(_p * RD - RN * _q) * SD",
            "both": "abs(_p * RD - RN * _q) * SD",
        }[e.direction]
        denominator = "(SN * RD * _q)"
        # A started step counts as whole: ceil(a / b) = -(-a // b).
        template = (f"{numerator} // {denominator}" if e.mode is ir.StepMode.WHOLE
                    else f"-(-({numerator}) // {denominator})")
        tree = py.parse(template, mode="eval").body
        return _rename(tree, {k: v.id for k, v in names.items() if isinstance(v, py.Name)})


def _short(e: ir.Expr) -> bool:
    """Whether ``e`` involves only 分值, constants and step counts (no x, no input, no division)."""
    if isinstance(e, ir.Op):
        return e.op != "/" and _short(e.left) and _short(e.right)
    return isinstance(e, ir.Const | ir.MaxPoints | ir.Steps) and not (
        isinstance(e, ir.Steps) and e.mode is ir.StepMode.PROPORTIONAL)


def _rename(tree: py.expr, names: dict[str, str]) -> py.expr:
    for node in py.walk(tree):
        if isinstance(node, py.Name) and node.id in names:
            node.id = names[node.id]
    return tree


def _uses_steps(e: ir.Expr) -> bool:
    if isinstance(e, ir.Op):
        return _uses_steps(e.left) or _uses_steps(e.right)
    return isinstance(e, ir.Steps) and e.mode is not ir.StepMode.PROPORTIONAL


def _ctx_call(method: str, *args: py.expr) -> py.expr:
    return py.Call(py.Attribute(py.Name("_CTX", py.Load()), method, py.Load()), list(args), [])


def _test(iv: ir.Interval, b: _Builder) -> py.expr | None:
    x = py.Name("x", py.Load())
    if iv.lo is not None and iv.lo == iv.hi:
        return py.Compare(x, [py.Eq()], [b.const(iv.lo)])
    left: list[tuple[py.cmpop, py.expr]] = []
    if iv.lo is not None:
        left.append((py.LtE() if iv.lo_in else py.Lt(), b.const(iv.lo)))
    if iv.hi is not None:
        left.append((py.LtE() if iv.hi_in else py.Lt(), b.const(iv.hi)))
    if not left:
        return None
    if iv.lo is not None:
        # lo <= x [<= hi]
        ops = [left[0][0]] + ([left[1][0]] if len(left) > 1 else [])
        comparators: list[py.expr] = [x] + ([left[1][1]] if len(left) > 1 else [])
        return py.Compare(left[0][1], ops, comparators)
    return py.Compare(x, [left[0][0]], [left[0][1]])


def _has_division(e: ir.Expr) -> bool:
    if isinstance(e, ir.Op):
        return e.op == "/" or _has_division(e.left) or _has_division(e.right)
    return isinstance(e, ir.Steps) and e.mode is ir.StepMode.PROPORTIONAL


def build(m: ir.Piecewise, text: str, quantum: Decimal = CENT) -> tuple[PointsFunction, str]:
    """Generate the fast ``points`` function of ``m`` and its Python source (points rounded to ``quantum``)."""
    b = _Builder()
    b.namespace["_Q"] = quantum
    b.namespace["_P"] = m.max_points
    floor = ZERO if m.max_deduction is None else max(ZERO, m.max_points - m.max_deduction)
    b.namespace["_FLOOR_PTS"] = floor
    b.namespace["_coerce"] = partial(_coerce_or_missing, percent=m.percent, unit=m.unit, text=text)
    gaps = outside([p.interval for p in m.pieces], m.percent)
    b.namespace["_no_band"] = lambda x: NoBandError(x, gaps, text, m.percent)
    body: list[py.stmt] = []
    keywords = bool(m.inputs)
    if keywords:
        # x comes from the keywords when it is not given: x = actual/target, or the formula's one input.
        b.namespace["_named"] = partial(_named_inputs, m=m, text=text)
        b.namespace["_get"] = partial(_get, text=text)
        body.append(py.parse("named, x = _named(x, kw)").body[0])
    else:
        if m.when_absent is not None:
            b.namespace["_absent"] = finish(m.when_absent, m.max_points, ZERO, [], quantum)
            body.append(py.parse("if x is None:\n    return _absent").body[0])
        body.append(py.parse("if x.__class__ is not _D:\n    x = _coerce(x)").body[0])
    rounded = 0
    for piece in m.pieces:
        body.append(py.Expr(py.Constant(piece.label)))
        if isinstance(piece.expr, ir.Const):
            result = finish(piece.expr.value, m.max_points, ZERO, [], quantum)  # a band's own points: no cap
            name = f"_r{rounded}"
            rounded += 1
            b.namespace[name] = result
            branch: list[py.stmt] = [py.Return(py.Name(name, py.Load()))]
        else:
            branch = _computed(piece.expr, b)
            if _has_division(piece.expr):
                b.namespace["_zero"] = partial(ZeroDenominatorError, rule_text=text)
                handler = py.parse("try:\n    pass\nexcept ZeroDivisionError:\n"
                                   f"    raise _zero({piece.label!r}) from None").body[0]
                assert isinstance(handler, py.Try)
                handler.body = branch
                branch = [handler]
        test = _test(piece.interval, b)
        body.extend(branch if test is None else [py.If(test, branch, [])])
    body.append(py.parse("raise _no_band(x)").body[0])
    args = py.arguments(
        posonlyargs=[py.arg("x")], args=[], vararg=None, kwonlyargs=[], kw_defaults=[],
        kwarg=py.arg("kw") if keywords else None, defaults=[py.Constant(None)] if keywords else [],
    )
    fn = py.FunctionDef(name="points", args=args, body=body, decorator_list=[], returns=None, type_comment=None)
    module = py.Module([fn], [])
    py.fix_missing_locations(module)
    source = py.unparse(module)
    return _load(source, b.namespace), source


def _computed(e: ir.Expr, b: _Builder) -> list[py.stmt]:
    """v = <expr>; keep it within [floor, 分值]; round half up once."""
    head = py.parse("_p, _q = x.as_integer_ratio()").body if _uses_steps(e) else []
    return [*head, *_with_expr(b.expr(e))]


def _with_expr(expr: py.expr) -> list[py.stmt]:
    tail = py.parse("if v < _FLOOR_PTS:\n    v = _FLOOR_PTS\nelif v > _P:\n    v = _P\n"
                    "return v.quantize(_Q, _HALF_UP, _CTX)").body
    return [py.Assign([py.Name("v", py.Store())], expr), *tail]


def _load(source: str, namespace: dict[str, Any]) -> PointsFunction:
    """Compile the generated source (re-parsed, so line numbers match ``python_source``)."""
    digest = hashlib.sha1(source.encode("utf-8")).hexdigest()[:12]
    filename = f"<perfeval rule {digest}>"
    code = compile(py.parse(source, filename), filename, "exec")
    linecache.cache[filename] = (len(source), None, source.splitlines(keepends=True), filename)
    exec(code, namespace)  # the code is ours, built from AST nodes; rule text is only in string constants
    fn: PointsFunction = namespace["points"]
    return fn


def _named_inputs(x: Any, kw: dict[str, Any], *, m: ir.Piecewise, text: str) -> tuple[dict[str, Decimal], Decimal]:
    """Coerce keyword inputs and derive the scored value from them when it was not given."""
    from .evaluate import _is_rate_name, eval_expr

    named = {k: coerce(v, percent=m.percent and _is_rate_name(k, m)) for k, v in kw.items()}
    if x is not None:
        return named, coerce(x, percent=m.percent, unit=m.unit)
    if m.x_from is not None:
        return named, eval_expr(m.x_from, ZERO, m.max_points, named, text, [])
    if m.conditions_on_value:
        raise MissingInputError("value", text, tuple(named))
    return named, ZERO


def _get(named: dict[str, Decimal], name: str, *, text: str) -> Decimal:
    try:
        return named[name]
    except KeyError:
        raise MissingInputError(name, text, tuple(named)) from None


def _coerce_or_missing(x: Any, *, percent: bool, unit: str | None, text: str) -> Decimal:
    if x is None:
        raise MissingInputError("value", text)
    return coerce(x, percent=percent, unit=unit)
