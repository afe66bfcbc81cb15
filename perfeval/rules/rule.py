"""The compiled :class:`Rule` and the :class:`Score` it returns — the public face of the pipeline.

text → :mod:`.syntax` (tokens, clauses, phrases) → :mod:`.meaning` (what it computes) → :mod:`.run`
(generated code and the interpreter) → :class:`Score`.

>>> r = compile_rule("100%计满分，每低于5%扣2分，扣完为止", points=5)
>>> s = r("93%")
>>> s.points, s.max_points
(Decimal('3.00'), Decimal('5'))
>>> r.points("93%")
Decimal('3.00')
"""

from __future__ import annotations

import decimal
import numbers
from collections.abc import Mapping
from decimal import Decimal
from functools import lru_cache
from types import MappingProxyType
from typing import Any

import attrs

from ..errors import PerfevalError, ValidationError
from ..limits import (
    MAX_POINTS_DIGITS,
    MAX_POINTS_EXPONENT,
    MAX_PRECISION_DIGITS,
    MAX_PRECISION_EXPONENT,
    check_number,
)
from ..numbers import percent_text, plain, shifted, to_decimal
from .arith import CTX, ZERO
from .errors import Diagnostic, EvaluationError, RuleError, Severity
from .explain import explain
from .meaning import ir
from .meaning.analyse import analyse
from .messages import pair
from .run.allowed import allowed_points
from .run.codegen import PointsFunction, Scoring, band_words, build, compilable
from .run.interpret import Outcome, TraceStep, interpret, points_function
from .run.names import accepted_names
from .syntax.parser import clear_shapes, parse
from .vocabulary import StepMode

__all__ = ["Rule", "Score", "clear_caches", "compile_rule"]

_NO_INPUTS: Mapping[str, Any] = MappingProxyType({})


class Score:
    """The result of scoring: points, 分值, and — built on demand — the trace, the allowed range, bonus,
    veto and the deduction carried to the total.

    ``points`` is ``None`` only when the standard needs the assessor's judgement that was not given;
    ``allowed`` then holds the range the standard permits. Scores are immutable.

    >>> s = compile_rule("得16—18分", points=20)(None)
    >>> s.points, s.needs_judgement, s.allowed
    (None, True, (Decimal('16.00'), Decimal('18.00')))
    """

    # A plain slotted class rather than attrs, and no __init__: ``rule(value)`` builds one per call on the
    # bulk path — the generated ``score`` makes it with Score() (no Python frame) and sets _rule, _value
    # and _points, nothing else; the rest is computed when first asked for, _inputs only set when given.
    __slots__ = ("_inputs", "_outcome", "_points", "_rule", "_value")
    _rule: Rule
    _value: Any
    _points: Decimal | None
    _outcome: Outcome
    _inputs: Mapping[str, Any]

    @property
    def points(self) -> Decimal | None:
        """The points, rounded half up once (None while a judgement is missing)."""
        return self._points

    @property
    def max_points(self) -> Decimal:
        """The indicator's 分值."""
        return self._rule.max_points

    @property
    def rule(self) -> Rule:
        """The rule that scored."""
        return self._rule

    @property
    def value(self) -> Any:
        """The value scored, as given."""
        return self._value

    @property
    def inputs(self) -> Mapping[str, Any]:
        """The keyword inputs given."""
        return getattr(self, "_inputs", _NO_INPUTS)

    def _result(self) -> Outcome:
        known: Outcome | None = getattr(self, "_outcome", None)
        if known is not None:
            return known
        trace: list[TraceStep] = []
        out = interpret(self._rule.item, self._value, self.inputs, self._rule.text, trace)
        if out.points != self._points:
            # One semantics: the explanation and the fast path must agree, or nothing is reported.
            raise EvaluationError("internal_disagree", self._rule.text, trace=out.points, fast=self._points)
        self._outcome = out
        return out

    @property
    def trace(self) -> tuple[TraceStep, ...]:
        """Each step of the evaluation, computed when first asked for."""
        return self._result().trace

    @property
    def allowed(self) -> tuple[Decimal, Decimal] | None:
        """The range of points the standard allows while the assessor's judgement is missing."""
        return self._result().allowed if self._points is None else None

    @property
    def bonus(self) -> Decimal:
        """The part of the points that is bonus (加分) above the base."""
        return self._result().bonus

    @property
    def veto(self) -> str | None:
        """The words of a veto that applies (一票否决, 取消…资格), or None."""
        if self._generated():
            return None  # a compiled standard has no veto (compilable: no piece vetoes, no options)
        return self._result().veto

    @property
    def carried(self) -> Decimal:
        """The deduction beyond the item's floor carried to the rubric's total (0 or negative)."""
        if self._generated():
            return ZERO  # nor carries a deduction to the total (compilable: not item.carry)
        return self._result().carried

    @property
    def clause(self) -> str | None:
        """The words of the standard's band that gave the points (the first the trace names with words), or
        None: what a reviewer checks by hand. Known without the trace for a Score of the generated code.

        >>> compile_rule("90%（含）以上计6分；80%（含）-90%计4分；低于80%计0分", points=6)("85%").clause
        '80%（含）-90%计4分'
        """
        if self._generated():
            return band_words(self._rule.item, self._value)
        return next((s.args[1] for s in self.trace if s.kind == "piece" and s.args[1]), None)

    def _generated(self) -> bool:
        """Whether the generated code made this Score and its outcome is not computed yet: a rubric's total
        asks every Score for its veto and carried deduction, the audit for its clause, and for a compiled
        standard these are known without running the interpreter (tests/rules/test_fast_inputs.py checks
        them against it)."""
        return self._rule.fast and getattr(self, "_outcome", None) is None

    @property
    def needs_judgement(self) -> bool:
        """True when the standard needs an assessor's input that was not given."""
        return self._points is None

    @property
    def readings(self) -> tuple[str, ...]:
        """The readings chosen for this standard (whole steps, band edges …) and for the value given
        (:attr:`value_readings`), in Chinese."""
        return self._rule.readings + tuple(d.message for d in self.value_readings)

    @property
    def value_readings(self) -> tuple[Diagnostic, ...]:
        """The readings chosen for the value given: a number above 1 without % for a rate is the fraction it
        is (``rule(85)`` is 8500%, PE116), said so here — the score is that reading's. Worked out when asked
        for (the bulk path builds a Score per value and never pays for it).

        >>> s = compile_rule("100%计满分，每低于5%扣2分，扣完为止", points=5)(85)
        >>> s.points, [d.code for d in s.value_readings]
        (Decimal('5.00'), ['PE116'])
        >>> s.value_readings[0].message
        '85 作比值读，即 8500%；若指 85%，请写作“85%”或 0.85'
        """
        value = self._value
        if value.__class__ is str or not self._rule.scores_rate:
            return ()
        said = _bare_rate(value)
        return () if said is None else (said,)

    def explain(self, locale: str = "zh_CN") -> str:
        """The evaluation step by step, in Chinese (default) or English (``locale="en"``)."""
        return explain(self, locale)

    def __repr__(self) -> str:
        shown = "needs judgement" if self._points is None else f"{self._points}"
        return f"<Score {shown} / {self._rule.max_points}>"

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Score):
            return NotImplemented
        return (self._rule, self._points, self._value) == (other._rule, other._points, other._value)

    def __hash__(self) -> int:
        return hash((self._points, self.max_points))


def _bare_rate(value: Any) -> Diagnostic | None:
    """The reading of a number (not text) above 1 given where a rate is scored: the fraction it is, as
    DESIGN says of numbers in the API (85 is 8500%) — stated, since 85% may have been meant. Text without
    its % is refused instead (``rule("85")``), and a data file refuses such a number (RateNumberError)."""
    if value.__class__ is bool or not isinstance(value, numbers.Real | Decimal):
        return None
    try:
        number = to_decimal(value)  # type: ignore[arg-type]  # a Real that is not one of these is refused
    except (PerfevalError, TypeError, ValueError):
        return None  # NaN, infinities, exotic numbers: scoring refuses them itself
    if number <= 1:
        return None
    # the digits kept and the exponent moved (numbers.shifted): exact in no context, for a number of any size
    shown = plain(number), percent_text(number, None), plain(shifted(number, -2))
    return Diagnostic(Severity.INFO, "PE116", *pair("reading_pe116", value=shown[0], percent=shown[1],
                                                     fraction=shown[2]))


@attrs.frozen(eq=False)
class Rule:
    """A compiled scoring standard. Call it to score; ``rule.points`` is the fast path.

    ``text`` is the standard as given; ``item`` what it was understood to compute; ``diagnostics`` the
    readings chosen and problems found; ``notes`` the descriptions it carries; ``fast`` whether a fast
    path is generated (:attr:`python_source` is its code, built the first time it is needed: a rubric of a
    thousand standards loads without generating code for rules it never scores).
    """

    text: str
    max_points: Decimal
    item: ir.Item
    notes: tuple[str, ...]
    diagnostics: tuple[Diagnostic, ...]
    points: PointsFunction
    fast: bool
    precision: Decimal = Decimal("0.01")
    _source: str | None = None
    # recounted(mode), once per rule: the audit asks it of every scored row, and each is a compiled rule
    _recounts: dict[StepMode, Rule | None] = attrs.field(factory=dict, init=False, repr=False)
    # score(rule, value), what rule(value) calls: generated beside the fast path (first use generates
    # both), the interpreter's Score for other rules
    _score: Any = attrs.field(init=False, repr=False, default=None)

    def __attrs_post_init__(self) -> None:
        object.__setattr__(self, "_score", _first_score if self.fast else _interpreted)

    @property
    def python_source(self) -> str | None:
        """The generated fast path's source (None for standards the interpreter scores)."""
        if self.fast and self._source is None:
            self._generate()
        return self._source

    def _generate(self) -> PointsFunction:
        def done(score: Any) -> None:
            object.__setattr__(self, "_score", score)

        with decimal.localcontext(CTX):  # the first call may come from a caller in any context
            fn, source = build(self.item, self.text, Scoring(Score, _interpreted, done))
        # The fast path replaces the stub that built it; a frozen class, so set it the way attrs does.
        object.__setattr__(self, "points", fn)
        object.__setattr__(self, "_source", source)
        return fn

    def recounted(self, mode: StepMode) -> Rule | None:
        """The same standard with its steps counted by ``mode`` instead — None when that changes nothing.

        Not a reading of the text (the text's own reading is this rule's): a way to name what another
        count gives, as the audit does when a table's score follows another practice.

        >>> r = compile_rule("100%计满分，每低于5%扣2分，扣完为止", points=10)
        >>> r.points("97%"), r.recounted(StepMode.PROPORTIONAL).points("97%")
        (Decimal('10.00'), Decimal('8.80'))
        """
        if mode in self._recounts:
            return self._recounts[mode]
        item = ir.recount_steps(self.item, mode)
        other = None if item is self.item else attrs.evolve(
            self, item=item, points=points_function(item, self.text), fast=False, diagnostics=(), source=None)
        self._recounts[mode] = other
        return other

    def __call__(self, value: Any = None, /, **inputs: Any) -> Score:
        """Score ``value`` (a rate, count, option, items …) or keyword ``inputs``.

        >>> compile_rule("完成目标得满分，否则不得分", points=2)(False).points
        Decimal('0.00')
        """
        if not inputs:
            # the bulk path: the generated score (a number's Score of the fast path's points, its trace
            # built only if asked for), or the interpreter's. Read into a local first: a method call on a
            # slot that holds a function is an unspecialised lookup (3.11), about 40 ns more per call.
            score = self._score
            made: Score = score(self, value)
            return made
        outcome = interpret(self.item, value, inputs, self.text, [])
        return _made(self, value, outcome, MappingProxyType(dict(inputs)))

    @property
    def meaning(self) -> ir.Item:
        """What the standard computes (the same as :attr:`item`)."""
        return self.item

    @property
    def readings(self) -> tuple[str, ...]:
        """The readings chosen where the standard left a choice (INFO diagnostics), in words."""
        return tuple(d.message for d in self.diagnostics if d.severity is Severity.INFO)

    @property
    def inputs(self) -> tuple[str, ...]:
        """The named inputs the standard reads (实际值, 目标值, a formula's variables, the streams' keys)."""
        names = sorted(accepted_names(self.item.streams))
        keys = [p.key for p in self.item.parts] + [s.key for s in self.item.streams if s.key]
        if self.item.options and self.item.options[0].facts:
            keys += [name for name, _ in self.item.options[0].facts]  # 年度目标完成=True
        if self.item.options and self.item.options[0].where:
            keys += [w.name for w in self.item.options[0].where]  # 服务率="90%", 年均进村=18
        # beside named inputs the value scored is named too (名次=2, 本单位值=…, 第1名值=…)
        main = [s.value.names[0] for s in self.item.streams if not s.key and s.value.names and names
                and s.value.names[0] not in names and s.value.derive is None]
        if self.item.borrowed is not None:  # 非执法单位=True, 平均分=… (the case scored by others' average)
            keys += [self.item.borrowed.case[0], self.item.borrowed.name]
        return tuple(keys + main + names)

    @property
    def scores_rate(self) -> bool:
        """Whether the value scored is a rate (95% is Decimal("0.95"))."""
        return any(s.value.kind is ir.Kind.RATE for s in self.item.streams if not s.key)

    @property
    def scores_value(self) -> bool:
        """Whether the standard scores one measured value (a rate, count, amount): no options or tiers.

        >>> compile_rule("100%计满分，每低于5%扣2分", points=4).scores_value
        True
        """
        it = self.item
        if it.options or it.tiers or it.parts or it.judged is not None:
            return False
        main = [s for s in it.streams if not s.key]
        return len(main) == 1 and len(it.streams) == 1 and main[0].value.kind is not ir.Kind.FLAG

    @property
    def answers_yes_no(self) -> bool:
        """Whether a yes/no settles the standard: two fixed options, the first for yes (完成目标得满分，否则不得分).

        >>> compile_rule("完成目标得满分，否则不得分", points=2).answers_yes_no
        True
        """
        opts = self.item.options
        return len(opts) == 2 and all(o.low == o.high for o in opts)

    @property
    def when_absent(self) -> Decimal | None:
        """What the standard gives when there is nothing to score (没有…按满分计算), or None."""
        return self.item.absent

    @property
    def excluded_when(self) -> str | None:
        """The clause that says when the item does not apply at all (未开展出租出借业务的，该项不参与考核), or None:
        a rubric then takes the value ``"不适用"`` for it and leaves it out of the total (see its 总则).

        >>> compile_rule("未开展出租出借业务的，该项不参与考核。每发现一处违规出租扣2分，扣完为止。", points=6).excluded_when
        '未开展出租出借业务的，该项不参与考核'
        """
        return self.item.excluded

    @property
    def needs_judgement(self) -> bool:
        """True when scoring may need an assessor's input (a tier, an option, a point within a range)."""
        it = self.item
        if it.options:
            return any(o.low != o.high for o in it.options) or len(it.options) > 1
        if it.tiers or it.judged is not None:
            return True
        if it.parts:
            return True
        return any(p.judged is not None for s in it.streams for p in s.fn.pieces) or \
            any(s.value.kind is ir.Kind.FLAG for s in it.streams)

    def allowed_points(self) -> list[tuple[Decimal, Decimal]]:
        """The points the standard can give at all, as closed intervals (to check a reported 得分)."""
        return allowed_points(self.item)

    def allows(self, points: Decimal) -> bool:
        """Whether ``points`` is a score the standard can give."""
        return any(lo <= points <= hi for lo, hi in self.allowed_points())

    def check(self) -> tuple[Diagnostic, ...]:
        """Every diagnostic about this rule: readings taken (info), warnings and errors."""
        return self.diagnostics

    def points_many(self, values: Any) -> Any:
        """The points of every value: a :class:`~perfeval.rules.batch.Batch` of ``points`` (a list of
        Decimal; an Arrow decimal128 array or a Polars Decimal series for those inputs) and ``errors``, one
        :class:`~perfeval.rules.batch.RowError` (row, value, reason) per refused value, whose points are None.

        Any iterable is accepted; a NumPy, Arrow or Polars column of numbers is scored on exact scaled
        integers (see docs/batch.md). The result always equals ``[rule.points(v) for v in values]``.

        >>> compile_rule("100%计满分，每低于5%扣2分，扣完为止", points=10).points_many([0.9, "85%", "x"]).points
        [Decimal('6.00'), Decimal('4.00'), None]
        """
        from .batch import points_many

        return points_many(self, values)

    def to_sql(self, column: Any, dialect: str = "duckdb", *, scale: int = 10, errors: str = "raise",
               locale: str | None = "zh_CN") -> str:
        """The points as one SQL expression of ``column``, exact (DECIMAL), for ``dialect`` (duckdb, spark,
        postgres); needs sqlglot (``pip install 'perfeval[sql]'``).

        ``scale`` is how many decimals the column's values may have: a value with more is refused, not
        rounded. A value the rule refuses (no band covers it, 3.5 as a count) fails the query with
        ``errors="raise"``, is NULL with ``errors="null"``; ``errors="reason"`` gives the expression of
        the refusal's message (NULL where the points are a number), a companion column to the NULLs.
        A standard that is not a function of one number (a judgement, options, several inputs) raises
        :class:`~perfeval.rules.errors.SqlError` saying why. See docs/sql.md.

        >>> import duckdb
        >>> rule = compile_rule("100%计满分，每低于5%扣2分，扣完为止", points=10)
        >>> duckdb.sql(f"SELECT {rule.to_sql('x')} FROM (VALUES (0.9), (0.85)) t(x)").fetchall()
        [(Decimal('6.00'),), (Decimal('4.00'),)]
        """
        from .run.sql import to_sql

        return to_sql(self.item, self.text, column, dialect, scale=scale, errors=errors,  # type: ignore[arg-type]
                      locale=locale)

    def __repr__(self) -> str:
        return f"<Rule {self.text!r} 分值={self.max_points}>"


def _interpreted(rule: Rule, value: Any) -> Score:
    """The Score of ``value`` by the interpreter (a value the generated code does not read, another rule)."""
    outcome = interpret(rule.item, value, _NO_INPUTS, rule.text, [])
    return _made(rule, value, outcome)


def _made(rule: Rule, value: Any, outcome: Outcome, inputs: Mapping[str, Any] | None = None) -> Score:
    """The Score of an interpreted ``outcome``."""
    score = Score()
    score._rule, score._value, score._points, score._outcome = rule, value, outcome.points, outcome
    if inputs:
        score._inputs = inputs
    return score


def _first_score(rule: Rule, value: Any) -> Score:
    """A fast rule's first Score: generate its code, then score with it."""
    rule._generate()
    score: Score = rule._score(rule, value)
    return score


def _points(points: Decimal | int | float | str) -> Decimal:
    value = to_decimal(points)
    check_number(value, MAX_POINTS_DIGITS, MAX_POINTS_EXPONENT, points, kind="points")
    if value < 0:
        raise ValidationError("points_negative", field="points", value=points)
    return value


def _quantum(precision: Decimal | int | float | str) -> Decimal:
    quantum = to_decimal(precision)
    check_number(quantum, MAX_PRECISION_DIGITS, MAX_PRECISION_EXPONENT, precision, kind="precision")
    if quantum <= 0 or quantum.normalize(CTX).as_tuple().digits != (1,):  # in our context, never the caller's
        raise ValidationError("precision_power", field="precision",
                              value=precision)
    return quantum


def compile_rule(text: str, points: Decimal | int | float | str,
                 precision: Decimal | int | float | str = "0.01") -> Rule:
    """Compile a published scoring standard for an indicator worth ``points`` (分值).

    Points are rounded half up once, to ``precision`` (0.01 unless the rubric or the standard says
    otherwise: 保留整数). Compiled rules are cached by (text, 分值, precision).

    Raises :class:`~perfeval.rules.errors.RuleSyntaxError` for text the grammar cannot read and
    :class:`~perfeval.rules.errors.RuleError` for a standard that reads but cannot be scored as written.

    >>> compile_rule("90%（含）以上计6分；80%（含）-90%，计4分；低于80%计0分", points=6).points("85%")
    Decimal('4.00')
    """
    return _compile(text, _points(points), _quantum(precision))


def clear_caches(shapes: bool = True) -> None:
    """Forget every compiled rule, and with ``shapes`` the memoised clause parses too (compiled rules are
    cached by text, 分值 and precision; benchmarks clear them to time a cold compile)."""
    _compile.cache_clear()
    if shapes:
        clear_shapes()


@lru_cache(maxsize=8192)  # above MAX_INDICATORS (5,000): one rubric's standards stay compiled
def _compile(text: str, max_points: Decimal, quantum: Decimal) -> Rule:
    with decimal.localcontext(CTX):  # what a standard means never depends on the caller's context
        standard = parse(text)
        try:
            analysis = analyse(standard, max_points, quantum)
        except PerfevalError:
            raise
        except (ArithmeticError, AttributeError, IndexError, KeyError, TypeError, ValueError) as exc:
            # A bug in the analysis, met by a standard no test has: refused where it starts, never a crash
            # (the standard is not read at all, so no number can come of it).
            raise RuleError("internal_error", text=text, kind=type(exc).__name__) from exc
    item = analysis.item
    if item.floor is not None and item.floor > item.top:
        # 最低6分 of an item worth 5: every value would score above its 分值 — a number no reading can give
        raise RuleError("floor_above_points", text=text, floor=f"{item.floor:f}", points=f"{item.top:f}")
    if max_points == 0 and _awards(item):
        raise ValidationError("points_positive", field="points", value=max_points)
    if compilable(item):
        holder: list[Rule] = []

        def first(value: Any = None, /, **inputs: Any) -> Decimal:
            # generate on first use, then it is the code — also for a caller who kept this function
            # (map(rule.points, values) on a fresh rule): it must not generate the code again for each value
            made = holder[0].points
            return (made if made is not first else holder[0]._generate())(value, **inputs)

        rule = Rule(text, max_points, item, analysis.notes, analysis.diagnostics, first, True, item.precision)
        holder.append(rule)
        return rule
    return Rule(text, max_points, item, analysis.notes, analysis.diagnostics, points_function(item, text), False,
                item.precision)


def _awards(item: ir.Item) -> bool:
    """Whether the item can award anything (a 分值 of 0 only fits a deduction-only item, whose deductions
    are carried to the rubric's total: 以上在考核总分基础上扣除)."""
    if item.options or item.tiers or item.judged or item.parts:
        return True
    pieces = [p for s in item.streams if s.role in (ir.Role.BASE, ir.Role.EARN, ir.Role.BONUS) for p in s.fn.pieces]
    deducts = any(_deduction(p.expr) for p in pieces)
    for p in pieces:
        e = p.expr
        if isinstance(e, ir.Const):
            if e.value > 0:
                return True
        elif isinstance(e, ir.MaxPoints):
            if not deducts:
                return True  # 100%计满分 and nothing taken away: full marks of nothing
        elif not _deduction(e):
            return True      # 分值 × 率, a formula: it computes points
    return False


def _deduction(e: ir.Expr) -> bool:
    return isinstance(e, ir.Op) and e.op == "-" and isinstance(e.left, ir.MaxPoints)
