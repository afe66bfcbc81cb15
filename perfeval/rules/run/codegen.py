"""Stage 5 (fast path): a numeric standard's meaning → a generated Python function of the value.

A standard that scores one value (a band table, steps, a formula of one input) becomes a plain if-chain
over the value, built from :mod:`ast` nodes — the standard's text appears only in string constants — with
every constant hoisted into the function's own namespace: no globals, no I/O, deterministic and
thread-safe. The arithmetic is :mod:`.arith`'s, the same functions the interpreter calls; a band's own
points are clamped and rounded once when the rule is compiled. Each branch is preceded by the clause it
comes from, so ``rule.python_source`` reads side by side with the standard, and a traceback through the
generated code shows those lines (registered with :mod:`linecache`, as Jinja2 does for templates).

Everything else (several inputs, judgements, options) is scored by :func:`.interpret.interpret`.

>>> from perfeval.rules.syntax.parser import parse
>>> from perfeval.rules.meaning.analyse import analyse
>>> item = analyse(parse("90%（含）以上计6分；低于90%计0分"), Decimal(6)).item
>>> fn, source = build(item, "…")
>>> fn(Decimal("0.9")), fn("89%")
(Decimal('6.00'), Decimal('0.00'))
"""

from __future__ import annotations

import ast as py
import copy
import decimal
import functools
import hashlib
import linecache
from collections.abc import Callable
from decimal import Decimal
from functools import partial
from typing import Any

import attrs

from .. import arith
from ..errors import NoBandError, ZeroDenominatorError
from ..meaning import ir
from ..meaning.formulas import render
from ..meaning.intervals import outside
from ..vocabulary import POINT_INPUTS
from .inputs import read, read_rate_text
from .interpret import points_function, show
from .unroll import unroll

__all__ = ["PointsFunction", "Scoring", "band_words", "bands", "build", "compilable"]

PointsFunction = Callable[..., Decimal]


def compilable(item: ir.Item) -> bool:
    """Whether the fast path can be generated: one value, one base stream, fixed points."""
    s = ir.lone_value(item)
    if s is None or item.carry:
        return False
    if s.value.kind in (ir.Kind.FLAG, ir.Kind.OPTION, ir.Kind.TIER):
        return False
    if POINT_INPUTS.intersection(s.value.names):
        return False  # 扣分 given by an assessor: its sign is checked by the interpreter (one semantics)
    return not any(p.judged or p.veto or p.zero or p.overlap or p.bonus is not None or _inputs(p.expr)
                   for p in s.fn.pieces)


def _inputs(e: ir.Expr) -> bool:
    return any(isinstance(s, ir.Input) for s in ir.walk(e))


class _Builder:
    """Collects hoisted constants while it turns expressions into Python AST."""

    def __init__(self, item: ir.Item) -> None:
        self.namespace: dict[str, Any] = {
            "_D": Decimal, "_add": arith.add, "_sub": arith.subtract, "_mul": arith.multiply,
            "_steps": arith.count_steps, "_finish": arith.finish, "_clamp": arith.clamp,
            "_P": item.max_points, "_FLOOR": item.floor, "_TOP": item.top, "_Q": item.precision,
        }
        self._names: dict[tuple[str, object], str] = {}

    def const(self, value: object, prefix: str = "_c") -> py.expr:
        key = (prefix, value)
        if key not in self._names:
            name = f"{prefix}{sum(1 for p, _ in self._names if p == prefix)}"
            self._names[key] = name
            self.namespace[name] = value
        return py.Name(self._names[key], py.Load())

    def call(self, fn: str, *args: py.expr) -> py.expr:
        return py.Call(py.Name(fn, py.Load()), list(args), [])

    def expr(self, e: ir.Expr, label: str) -> py.expr:
        if isinstance(e, ir.Const):
            return self.const(e.value)
        if isinstance(e, ir.X):
            return py.Name("x", py.Load())
        if isinstance(e, ir.MaxPoints):
            return py.Name("_P", py.Load())
        if isinstance(e, ir.Steps):
            counter = f"_steps_{e.mode.value}"
            self.namespace[counter] = arith.STEP_COUNTERS[e.mode]
            return self.call(counter, self.expr(e.distance, label), self.const(e.size))
        if isinstance(e, ir.Min):
            a, b = self.expr(e.left, label), self.expr(e.right, label)
            return self.call("min", a, b)
        if isinstance(e, ir.Abs):
            return py.Call(py.Attribute(self.expr(e.arg, label), "copy_abs", py.Load()), [], [])
        assert isinstance(e, ir.Op)
        left, right = self.expr(e.left, label), self.expr(e.right, label)
        if e.op == "/":
            self.namespace["_div"] = _divide
            return self.call("_div", left, right, py.Constant(render(e.right)))
        fn = {"+": "_add", "-": "_sub", "*": "_mul"}[e.op]
        return self.call(fn, left, right)


def _divide(a: Decimal, b: Decimal, name: str) -> Decimal:
    if b == 0:
        raise ZeroDenominatorError(name)
    return arith.divide(a, b)




def _order(p: ir.Piece) -> tuple[bool, Decimal, bool]:
    iv = p.interval
    return (iv.lo is not None, iv.lo if iv.lo is not None else Decimal(0), not iv.lo_in)


def _test(iv: ir.Interval, b: _Builder) -> py.expr | None:
    x = py.Name("x", py.Load())
    if iv.lo is not None and iv.lo == iv.hi:
        return py.Compare(x, [py.Eq()], [b.const(iv.lo)])
    if iv.lo is not None and iv.hi is not None:
        return py.Compare(b.const(iv.lo), [py.LtE() if iv.lo_in else py.Lt(), py.LtE() if iv.hi_in else py.Lt()],
                          [x, b.const(iv.hi)])
    if iv.lo is not None:
        return py.Compare(b.const(iv.lo), [py.LtE() if iv.lo_in else py.Lt()], [x])
    if iv.hi is not None:
        return py.Compare(x, [py.LtE() if iv.hi_in else py.Lt()], [b.const(iv.hi)])
    return None


def build(item: ir.Item, text: str, scoring: Scoring | None = None) -> tuple[PointsFunction, str]:
    """Generate the fast ``points`` function of ``item`` (see :func:`compilable`) and its Python source.

    With ``scoring`` the same tree is also compiled as ``scoring.done``'s function ``score(rule, value)``,
    which builds the Score itself at each branch: ``rule(value)`` then costs one generated call, not a call
    that calls ``points``.
    """
    b = _Builder(item)
    stream = item.streams[0]
    kind, unit = stream.value.kind, stream.value.unit
    # A value the standard only compares (a band table) is held to no digit or exponent limit: comparing
    # Decimals is exact whatever their size (ir.compares_only; the interpreter reads it the same way).
    compared = ir.compares_only(stream)
    b.namespace["_read"] = partial(read, kind=kind, unit=unit, limited=not compared)
    # Anything but a plain number or its text (None, a quantity, a list, a mapping, a bool) is the
    # interpreter's to read: one semantics for every input, the generated code only makes numbers fast.
    b.namespace["_slow"] = points_function(item, text)
    b.namespace["_PLAIN"] = frozenset({Decimal, str, int, float})
    gaps = outside([p.interval for p in stream.fn.pieces], kind is ir.Kind.RATE)
    b.namespace["_no_band"] = partial(_no_band, gaps=gaps, text=text, kind=kind, unit=unit)
    # ``type(x)``, not ``x.__class__``: a call the interpreter specialises, where the attribute is a generic
    # lookup (and an object cannot lie about its type). NaN and infinities are tested before any comparison
    # (comparing a NaN would set a flag in the caller's context, or raise in it).
    if kind is ir.Kind.RATE:
        # "93.21%": a rate's text read by one match (inputs.read_rate_text), not by the general reader
        b.namespace["_S"] = str
        b.namespace["_text"] = read_rate_text
        head = ("if type(x) is not _D or not x.is_finite():\n"
                "    if type(x) is _S:\n"
                "        x = _text(x)\n"
                "    elif type(x) not in _PLAIN:\n"
                "        return _slow(x)\n"
                "    else:\n"
                "        x = _read(x)\n")
    else:
        head = ("if type(x) is not _D or not x.is_finite():\n"
                "    if type(x) not in _PLAIN:\n"
                "        return _slow(x)\n"
                "    x = _read(x)\n")
    if kind in (ir.Kind.COUNT, ir.Kind.RANK):
        # A count or a rank is a whole number: 3.5 is an input error, not a gap between bands.
        b.namespace["_MIN"] = Decimal(0 if kind is ir.Kind.COUNT else 1)
        whole = "x != x.to_integral_value() or x < _MIN"
    if not compared:
        # A Decimal within the limits passes with one call; a Decimal beyond them goes through the same
        # reader the interpreter uses (which names the limit).
        b.namespace["_fit"] = arith.LIMITS.plus
        b.namespace["_Signal"] = decimal.DecimalException
        head += ("else:\n"
                 "    try:\n"
                 "        _fit(x)\n"
                 "    except _Signal:\n"
                 "        x = _read(x)\n")
        if kind in (ir.Kind.COUNT, ir.Kind.RANK):
            head += f"    if {whole}:\n        x = _read(x)\n"
    elif kind in (ir.Kind.COUNT, ir.Kind.RANK):
        head += f"elif {whole}:\n    x = _read(x)\n"
    body: list[py.stmt] = list(py.parse(head).body)
    # Where the pieces follow one another from -∞, every value below the one before has returned already:
    # the next test needs only its upper bound (as a hand-written if-chain does). ``known`` is (v, strict):
    # a value reaching here is > v (strict) or ≥ v.
    known: tuple[Decimal, bool] | None = None
    chain: list[tuple[ir.Piece, list[py.stmt], py.expr | None]] = []  # each piece, its branch, its test
    covered = True  # every piece follows the one before from -∞ to +∞: a table without gaps
    for piece in sorted(bands(item), key=_order):
        if isinstance(piece.expr, ir.Const | ir.MaxPoints):
            value = piece.expr.value if isinstance(piece.expr, ir.Const) else item.max_points
            branch: list[py.stmt] = [py.Return(b.const(arith.finish(arith.clamp(value, item.floor, item.top),
                                                                      item.precision), "_r"))]
        else:
            computed = b.expr(piece.expr, piece.label)
            branch = [py.Return(b.call("_finish", b.call("_clamp", computed, py.Name("_FLOOR", py.Load()),
                                                         py.Name("_TOP", py.Load())), py.Name("_Q", py.Load())))]
        iv = piece.interval
        implied = known is not None and iv.lo is not None and iv.lo == known[0] and iv.lo_in == (not known[1])
        covered = covered and (implied or (not chain and iv.lo is None))
        chain.append((piece, branch, _test(ir.Interval(None, False, iv.hi, iv.hi_in) if implied else iv, b)))
        known = (iv.hi, iv.hi_in) if (iv.lo is None or implied) and iv.hi is not None else None
    if covered and len(chain) >= 3 and chain[-1][0].interval.hi is None:
        body.extend(_halves(chain))
    else:
        for piece, branch, test in chain:
            body.append(py.Expr(py.Constant(piece.label)))
            body.extend(branch if test is None else [py.If(test, branch, [])])
    body.append(py.parse("raise _no_band(x)").body[0])
    source = py.unparse(_function("points", ["x"], body))
    fn = _load(source, b.namespace)
    if scoring is not None:
        b.namespace.update(_Score=scoring.cls, _slow_score=scoring.slow)
        # the same head and tree: a value the generated points reads is scored by the same code
        tree = _Scored().visit(py.Module(copy.deepcopy(body[len(py.parse(head).body):]), [])).body
        made = py.parse(head.replace("return _slow(x)", "return _slow_score(rule, s._value)")).body
        scorer = _load(py.unparse(_function("score", ["rule", "x"], [*py.parse(_NEW_SCORE).body, *made, *tree])),
                       b.namespace, "score")
        scoring.done(scorer)
    return fn, source


#: What the generated ``score`` starts from: the Score of the value as given, its points still to set (made
#: before the head reads the value, so the head's ``x = …`` leaves the value scored as it was given).
_NEW_SCORE = "s = _Score()\ns._rule = rule\ns._value = x\n"


@attrs.frozen
class Scoring:
    """What :func:`build` needs to compile ``score(rule, value)`` beside ``points``: ``cls``, the Score
    class (called with no arguments; the generated code sets ``_rule``, ``_value`` and ``_points``),
    ``slow(rule, value)``, which scores a value the generated code does not read (the
    interpreter's Score), and ``done``, which receives the function."""

    cls: type
    slow: Callable[[Any, Any], Any]
    done: Callable[[Callable[[Any, Any], Any]], None]


class _Scored(py.NodeTransformer):
    """``return points`` → ``s._points = points; return s``: a branch of ``points`` as one of ``score``."""

    def visit_Return(self, node: py.Return) -> list[py.stmt]:
        assert node.value is not None
        target = py.Attribute(py.Name("s", py.Load()), "_points", py.Store())
        return [py.Assign([target], node.value), py.Return(py.Name("s", py.Load()))]


def _function(name: str, params: list[str], body: list[py.stmt]) -> py.Module:
    """``def name(p0, p1=None, /): body`` as a module (the last parameter defaults to None, all positional)."""
    args = py.arguments(posonlyargs=[py.arg(p) for p in params], args=[], vararg=None, kwonlyargs=[],
                        kw_defaults=[], kwarg=None, defaults=[py.Constant(None)])
    fn = py.FunctionDef(name=name, args=args, body=body, decorator_list=[], returns=None, type_comment=None)
    module = py.Module([fn], [])
    py.fix_missing_locations(module)
    return module


def _halves(chain: list[tuple[ir.Piece, list[py.stmt], py.expr | None]]) -> list[py.stmt]:
    """A table without gaps searched by halves: each value meets about log₂(bands) tests, not up to all.

    ``chain`` is in order from -∞; each test (all but the last piece's) is the piece's upper bound alone.
    """
    if len(chain) == 1:
        piece, branch, _ = chain[0]
        return [py.Expr(py.Constant(piece.label)), *branch]
    mid = (len(chain) - 1) // 2
    test = chain[mid][2]
    assert test is not None
    return [py.If(test, _halves(chain[: mid + 1]), _halves(chain[mid + 1 :]))]


def band_words(item: ir.Item, value: Any) -> str | None:
    """The words of the piece of a compilable item that ``value`` (a number or its text) falls in, read as
    the generated code reads it; None when the piece has none (or none covers the value).

    >>> from perfeval.rules.syntax.parser import parse
    >>> from perfeval.rules.meaning.analyse import analyse
    >>> band_words(analyse(parse("90%（含）以上计6分；低于90%计0分"), Decimal(6)).item, "95%")
    '90%（含）以上计6分'
    """
    stream = item.streams[0]
    kind, unit = stream.value.kind, stream.value.unit
    limited = not ir.compares_only(stream)
    x = read_rate_text(value) if kind is ir.Kind.RATE and value.__class__ is str else \
        read(value, kind, unit, limited=limited)
    for piece in stream.fn.pieces:  # the first that holds the value, as the interpreter chooses it
        if piece.interval.contains(x):
            return piece.label or None
    return None


def bands(item: ir.Item) -> tuple[ir.Piece, ...]:
    """The pieces of a compilable item's stream, each that counts steps as the bands it amounts to where it
    can be (see :mod:`.unroll`): what the fast path and the column backend test values against.

    >>> from perfeval.rules.syntax.parser import parse
    >>> from perfeval.rules.meaning.analyse import analyse
    >>> [getattr(p.expr, "value", "分值") for p in bands(analyse(parse("100%计满分，每低于5%扣2分，扣完为止"), Decimal(5)).item)]
    [Decimal('5.00'), Decimal('3.00'), Decimal('1.00'), Decimal('0.00'), '分值']
    """
    try:
        return _cached_bands(item)
    except TypeError:  # an item that cannot be hashed is unrolled afresh (the cache is only a cache)
        return _unrolled(item)


def _unrolled(item: ir.Item) -> tuple[ir.Piece, ...]:
    out: list[ir.Piece] = []
    for piece in item.streams[0].fn.pieces:
        unrolled = None if isinstance(piece.expr, ir.Const | ir.MaxPoints) else unroll(piece, item, _formula(item, piece))
        out.extend(unrolled if unrolled is not None else (piece,))
    return tuple(out)


_cached_bands = functools.lru_cache(maxsize=512)(_unrolled)


def _formula(item: ir.Item, piece: ir.Piece) -> PointsFunction:
    """The piece's formula alone, clamped and rounded as its branch returns it: what each of its bands scores."""
    b = _Builder(item)
    value = b.call("_finish", b.call("_clamp", b.expr(piece.expr, piece.label), py.Name("_FLOOR", py.Load()),
                                     py.Name("_TOP", py.Load())), py.Name("_Q", py.Load()))
    return _load(py.unparse(_function("points", ["x"], [py.Return(value)])), b.namespace)


def _load(source: str, namespace: dict[str, Any], name: str = "points") -> PointsFunction:
    """Compile the generated source (re-parsed, so line numbers match ``python_source``)."""
    digest = hashlib.sha1(source.encode("utf-8")).hexdigest()[:12]
    filename = f"<perfeval rule {digest}>"
    code = compile(py.parse(source, filename), filename, "exec")
    linecache.cache[filename] = (len(source), None, source.splitlines(keepends=True), filename)
    exec(code, namespace)  # the code is ours, built from AST nodes; rule text is only in string constants
    fn: PointsFunction = namespace[name]
    return fn



def _no_band(x: Decimal, *, gaps: tuple[str, ...], text: str, kind: ir.Kind, unit: str | None) -> NoBandError:
    return NoBandError(x, gaps, text, show(x, kind, unit))
