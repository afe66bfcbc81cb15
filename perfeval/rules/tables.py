"""Derived rates (公式) and grade tables (等级): the two kinds of published text that are not standards.

A 公式 such as "预算完成率 = (上年结转 + 年初预算 + 本年追加预算 - 年末结余) / (…) × 100%" defines a rate
from named inputs; :func:`compile_formula` makes it an exact function of those inputs (×100% leaves the
fraction as it is: a rate of 95% is Decimal("0.95")). A grade table such as "90分（含）—100分为优，…" maps a
total to its 等级; :func:`compile_grades` makes it a function that names the grade, with the same
band-edge rules as the standards.

>>> f = compile_formula("执行率 = 全年执行数 / 全年预算数")
>>> f.name, f.inputs, f(全年执行数="1439.13", 全年预算数="1839.1").quantize(Decimal("0.0001"))
('执行率', ('全年执行数', '全年预算数'), Decimal('0.7825'))
>>> compile_grades("90分（含）—100分为优，80分（含）—90分为良，60分（含）—80分为中，60分以下为差")("97.83")
'优'
"""

from __future__ import annotations

import decimal
import re
from decimal import Decimal
from typing import Any

import attrs

from . import arith
from .errors import EvaluationError, JudgementError, MissingInputError, NoBandError, RuleError
from .meaning import ir
from .meaning.families.grades import Extra, grade_bands
from .meaning.families.quota import COUNT_NAMES, Quota, grade_quota
from .meaning.formulas import expression, inputs_of, render, var_name
from .meaning.intervals import outside, render_interval, subtract
from .run.given import read_number_or_measure
from .run.inputs import read, read_number
from .run.interpret import eval_expr
from .syntax import nodes as n
from .syntax.parser import parse
from .vocabulary import INPUT_NAMES

__all__ = ["Formula", "GradeBand", "GradeTable", "compile_formula", "compile_grades"]


_KEPT = decimal.Context(prec=arith.MAX_DIGITS, rounding=decimal.ROUND_HALF_EVEN, Emax=999_999, Emin=-999_999)


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
        """The value of the formula: exact when it terminates, else kept to 100 significant digits.

        A quotient such as 1439.13/1839.1 never terminates; it is kept to the 100 digits a rule accepts as
        input (:data:`~perfeval.rules.arith.MAX_DIGITS`), so the rate can be scored. Its distance from a
        rounding boundary of the final points is far larger than 10⁻¹⁰⁰ for any realistic inputs.
        """
        given = dict(values or {}, **inputs)
        for name in given:
            if name not in self.inputs:
                # An input the formula does not read is a misspelt one (计划投入 for 计划投入资金), never ignored.
                raise EvaluationError("unknown_input", self.text, name=name, expected="、".join(self.inputs))
        named = {k: read_number_or_measure(v) for k, v in given.items()}
        for name in self.inputs:
            if name not in named:
                raise MissingInputError(name, self.text, tuple(named))
        value = eval_expr(self.expr, Decimal(0), Decimal(0), named, self.text, None)
        return _KEPT.plus(value)

    def render(self) -> str:
        """The formula as understood, in plain notation: ``执行率 = (全年执行数 ÷ 全年预算数)``."""
        return f"{self.name or '值'} = {render(self.expr)}"


def compile_formula(text: str) -> Formula:
    """Compile a derived-rate formula (公式)."""
    with decimal.localcontext(arith.CTX):
        return _formula(text)


def _formula(text: str) -> Formula:
    standard = parse(text)
    found: list[tuple[str | None, Any]] = []
    notes: list[str] = []
    for clause in standard.clauses:
        for p in clause.phrases:
            if isinstance(p, n.Definition):
                found.append((var_name(p.name), p.expr))
            elif isinstance(p, n.InlineFormula):
                found.append((None, p.expr))
            elif isinstance(p, n.ScoreFormula):
                found.append(("得分", p.expr))
        if not any(isinstance(p, n.Definition | n.InlineFormula | n.ScoreFormula) for p in clause.phrases):
            notes.append(text[clause.span.start : clause.span.end])
    if len(found) != 1:
        raise RuleError("formula_defines" if found else "formula_unreadable", text=text, name="", clause=text)
    name, node = found[0]
    expr = expression(node)
    return Formula(text, name, inputs_of(expr), expr, tuple(notes))


@attrs.frozen
class GradeBand:
    """One band of a grade table: the totals it covers, its 等级, and any further conditions."""

    interval: ir.Interval
    label: str
    extra: tuple[Extra, ...] = ()


@attrs.frozen
class GradeTable:
    """A compiled 等级 table: call it with a total (or the total and further inputs) to get its grade."""

    text: str
    bands: tuple[GradeBand, ...]
    quota: Quota | None = None  # 优秀单位按参评单位数的五分之一确定: a grade by rank (inputs 名次, 参评单位数)

    def __call__(self, total: Any = None, /, **inputs: Any) -> str:
        """The grade of ``total``; a total no band covers is a :class:`NoBandError`."""
        if total is None:
            total = next((inputs.pop(k) for k in ("总分", "得分", "total", "S") if k in inputs), None)
        if total is None:
            raise MissingInputError("总分", self.text, tuple(inputs))
        value = read_number(total, limited=False)  # only compared: a Decimal of any size (docs/limits.md)
        for band in self.bands:
            if band.interval.contains(value) and all(_holds(e, inputs, self.text) for e in band.extra):
                if self.quota is not None:
                    lowest = min(self.bands, key=lambda b: b.interval.lo if b.interval.lo is not None else
                                 Decimal("-Infinity")).label
                    return _by_rank(self.quota, band.label, lowest, inputs, self.text)
                return band.label
        intervals = [b.interval for b in self.bands]
        from ..numbers import plain

        raise NoBandError(value, outside(intervals, False), self.text, plain(value))

    def uncovered(self, top: Decimal | int) -> tuple[str, ...]:
        """The totals from 0 to ``top`` that no band covers, rendered; empty when every total has a grade.

        >>> compile_grades("90分（含）以上为优，60分以下为差").uncovered(100)
        ('(60, 90)',)
        """
        left = [ir.Interval(Decimal(0), True, Decimal(top), True)]
        for band in self.bands:
            left = [part for piece in left for part in subtract(piece, band.interval)]
        return tuple(render_interval(iv, False) for iv in left)

    @property
    def labels(self) -> tuple[str, ...]:
        """The grades, best first."""
        out: list[str] = []
        for b in self.bands:
            if b.label not in out:
                out.append(b.label)
        return tuple(out)


def _by_rank(quota: Quota, grade: str, lowest: str, inputs: dict[str, Any], text: str) -> str:
    """The grade of a unit whose total grades ``grade``: the quota's when it ranks within it (reading PE258)."""
    rank_name = next((k for k in INPUT_NAMES["rank"] if k in inputs), None)
    count_name = next((k for k in COUNT_NAMES if k in inputs), None)
    if rank_name is None:
        raise MissingInputError("名次", text, tuple(inputs))
    if count_name is None:
        raise MissingInputError("参评单位数", text, tuple(inputs))
    rank = read(inputs.pop(rank_name), ir.Kind.RANK)
    count = read(inputs.pop(count_name), ir.Kind.COUNT)
    if rank > count:
        raise JudgementError("rank_beyond_count", text, rank=rank, count=count)
    places = count * quota.share
    if places != places.to_integral_value():
        raise JudgementError("quota_not_whole", text, quota=quota.text, count=count, places=f"{places.normalize():f}")
    if rank > places:
        return grade
    if grade == lowest:
        # 原则上: a unit within the quota whose total fails the table — the reviewers' decision, never a guess
        raise JudgementError("quota_below_pass", text, quota=quota.text, grade=grade)
    return quota.label


def _holds(extra: Extra, inputs: dict[str, Any], text: str) -> bool:
    from .run.names import common

    name = next((k for k in inputs if k == extra.name or common(k, extra.name) >= 3), None)
    if name is None:
        raise MissingInputError(extra.name, text, tuple(inputs))
    v = read_number_or_measure(inputs[name])
    iv = ir.Interval(extra.lo.value if extra.lo else None, extra.lo.inclusive if extra.lo else False,
                     extra.hi.value if extra.hi else None, extra.hi.inclusive if extra.hi else False)
    return iv.contains(v)


def compile_grades(text: str, top: Decimal | int = 100) -> GradeTable:
    """Compile a grade table (等级): "90分（含）—100分为优…" or "优秀（S≧90）、良好（90>S≧80）…"."""
    with decimal.localcontext(arith.CTX):
        standard = parse(text)
        bands, _ = grade_bands(standard, Decimal(top))
        quota = grade_quota(standard)
    if quota is None and re.search(r"(?:参评|参加考评|参与考核|考核)单位(?:总)?数", text):
        # 优秀单位原则上不超过参评单位数的五分之一: a ceiling on the number graded, not a rule that grades
        raise RuleError("quota_unread", text=text, clause=text)
    if quota is not None and any(label == quota.label for _, label, _ in bands):
        # 优秀单位按参评单位数的五分之一确定 beside 90分以上为优秀: by rank, or by the total? Both are written
        raise RuleError("quota_and_band", text=text, grade=quota.label, quota=quota.text)
    ordered = sorted((GradeBand(iv, label, extra) for iv, label, extra in bands),
                     key=lambda g: (-(g.interval.lo if g.interval.lo is not None else Decimal("-1e9")),
                                    -len(g.extra)))
    return GradeTable(text, tuple(ordered), quota)
