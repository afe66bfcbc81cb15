"""Derived rates (公式) and grade tables (等级): the two kinds of published text that are not standards.

A 公式 such as "预算完成率 = (上年结转 + 年初预算 + 本年追加预算 - 年末结余) / (…) × 100%" defines a rate
from named inputs; :func:`compile_formula` makes it an exact function of those inputs (×100% leaves the
fraction as it is: a rate of 95% is Decimal("0.95")). A grade table such as "90分（含）—100分为优，…" maps a
total to its 等级; :func:`compile_grades` makes it a function that names the grade, with the same
band-edge rules as the standards (:mod:`perfeval.rules.edges`).

>>> f = compile_formula("执行率 = 全年执行数 / 全年预算数")
>>> f.name, f.inputs, f(全年执行数="1439.13", 全年预算数="1839.1").quantize(Decimal("0.0001"))
('执行率', ('全年执行数', '全年预算数'), Decimal('0.7825'))
>>> compile_grades("90分（含）—100分为优，80分（含）—90分为良，60分（含）—80分为中，60分以下为差")("97.83")
'优'
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import attrs

from ..numbers import to_decimal
from . import ast, ir
from .diagnostics import MissingInputError, NoBandError, RuleError
from .edges import Side, outside, resolve
from .evaluate import eval_expr, render_expr
from .inputs import coerce
from .parser import parse, parse_grades
from .piecewise import formula_expr


@attrs.frozen
class Formula:
    """A compiled 公式: call it with its inputs as keywords (or one mapping) to get the exact value.

    ``name`` is what it defines (None when the text names nothing: "实际到位/计划到位*100%"), ``inputs``
    the names it reads, in order of first use, and ``notes`` the definitions published beside it.
    """

    text: str
    name: str | None
    inputs: tuple[str, ...]
    expr: ir.Expr
    notes: tuple[str, ...]

    def __call__(self, values: Any = None, /, **inputs: Any) -> Decimal:
        """The value of the formula, exact (never rounded)."""
        given = dict(values or {}, **inputs)
        named = {k: coerce(v, percent=k.endswith("率")) for k, v in given.items()}
        for name in self.inputs:
            if name not in named:
                raise MissingInputError(name, self.text, tuple(named))
        return eval_expr(self.expr, Decimal(0), Decimal(0), named, self.text, [])

    def render(self) -> str:
        """The formula as understood, in plain notation: ``执行率 = (全年执行数 ÷ 全年预算数)``."""
        return f"{self.name or '值'} = {render_expr(self.expr)}"


def compile_formula(text: str) -> Formula:
    """Compile a derived-rate formula (公式)."""
    standard = parse(text)
    formulas = [c for c in standard.clauses if isinstance(c, ast.Formula)]
    others = [c for c in standard.clauses if not isinstance(c, ast.Formula | ast.Note | ast.Condition)]
    if len(formulas) != 1 or others:
        raise RuleError("a formula must be one definition such as 执行率 = 全年执行数 / 全年预算数", text=text)
    expr, names = formula_expr(formulas[0].expr)
    notes = tuple(text[c.span.start : c.span.end] for c in standard.clauses if c is not formulas[0])
    return Formula(text, formulas[0].target, names, expr, notes)


@attrs.frozen
class GradeBand:
    """One band of a grade table: the totals it covers and its 等级."""

    interval: ir.Interval
    label: str


@attrs.frozen
class GradeTable:
    """A compiled 等级 table: call it with a total to get its grade."""

    text: str
    bands: tuple[GradeBand, ...]

    def __call__(self, total: Decimal | int | float | str) -> str:
        """The grade of ``total``; a total no band covers is a :class:`NoBandError`."""
        value = to_decimal(total)
        for band in self.bands:
            if band.interval.contains(value):
                return band.label
        raise NoBandError(value, outside([b.interval for b in self.bands], False), self.text)

    @property
    def labels(self) -> tuple[str, ...]:
        """The grades, best first."""
        return tuple(b.label for b in self.bands)


def compile_grades(text: str) -> GradeTable:
    """Compile a grade table (等级): "90分（含）—100分为优…" or "优秀（S≧90）、良好（90>S≧80）…"."""
    table = parse_grades(text)
    if not table.bands:
        raise RuleError("no grade found: write e.g. 90分（含）—100分为优", text=text)
    sides = [(_side(b.cond.lower), _side(b.cond.upper)) for b in table.bands]
    intervals, _, conflicts = resolve(sides, percent=False)
    if conflicts:
        value = conflicts[0].value
        raise RuleError(f"{value} belongs to two grades", text=text)
    for i, a in enumerate(intervals):
        for j in range(i + 1, len(intervals)):
            both = _shared(a, intervals[j])
            if both is not None:
                raise RuleError(f"{table.bands[i].label} and {table.bands[j].label} both cover {both}", text=text)
    bands = sorted((GradeBand(iv, b.label) for iv, b in zip(intervals, table.bands, strict=True)),
                   key=lambda g: -(g.interval.lo if g.interval.lo is not None else Decimal("-Infinity")))
    return GradeTable(text, tuple(bands))


def _shared(a: ir.Interval, b: ir.Interval) -> str | None:
    """A value two grade bands both cover, if any (shown), else None."""
    lo = max((v for v in (a.lo, b.lo) if v is not None), default=None)
    hi = min((v for v in (a.hi, b.hi) if v is not None), default=None)
    probes = [v for v in (lo, hi) if v is not None]
    if lo is not None and hi is not None and lo < hi:
        probes.append((lo + hi) / 2)
    if lo is None and hi is None:
        probes.append(Decimal(0))
    for v in probes:
        if a.contains(v) and b.contains(v):
            return f"{v.normalize():f}"
    return None


def _side(bound: ast.Bound | None) -> Side | None:
    return None if bound is None else Side(bound.value, bound.inclusive, bound.claim)
