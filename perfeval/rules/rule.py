"""Stage 5: the compiled :class:`Rule` and the :class:`Score` it returns — the public face of the pipeline.

>>> r = compile_rule("100%计满分，每低于5%扣2分，扣完为止", points=5)
>>> s = r("93%")
>>> s.points, s.max_points
(Decimal('3.00'), Decimal('5'))
>>> r.points("93%")
Decimal('3.00')
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from types import MappingProxyType
from typing import Any

import attrs

from ..numbers import to_decimal
from . import ir
from .analysis import analyse
from .compiler import PointsFunction, build
from .diagnostics import Diagnostic, JudgementError, Severity
from .evaluate import Outcome, TraceStep, evaluate
from .parser import parse

_NO_INPUTS: Mapping[str, Any] = MappingProxyType({})


class Score:
    """The result of scoring one value: points, 分值, the readings taken, and a trace built on demand.

    ``points`` is ``None`` only when the standard needs the assessor's judgement that was not given;
    ``allowed`` then holds the range the standard permits. Scores are immutable.

    >>> s = compile_rule("得16—18分", points=20)(None)
    >>> s.points, s.needs_judgement, s.allowed
    (None, True, (Decimal('16'), Decimal('18')))
    """

    # A plain slotted class rather than attrs: `rule(value)` builds one per call on the bulk path, so the
    # constructor sets only what every Score has; inputs and the evaluation are filled in when present.
    __slots__ = ("_rule", "_value", "_points", "_inputs", "_outcome")
    _inputs: Mapping[str, Any]
    _outcome: Outcome

    def __init__(self, rule: Rule, value: Any, points: Decimal | None) -> None:
        self._rule = rule
        self._value = value
        self._points = points

    @classmethod
    def _full(cls, rule: Rule, value: Any, inputs: Mapping[str, Any], outcome: Outcome | None) -> Score:
        score = cls(rule, value, outcome.points if outcome is not None else rule.points(value, **inputs))
        score._inputs = inputs
        if outcome is not None:
            score._outcome = outcome
        return score

    @property
    def points(self) -> Decimal | None:
        """The points, rounded half up to 0.01 (None while a judgement is missing)."""
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
        try:
            return self._outcome
        except AttributeError:
            self._outcome = evaluate(self._rule.meaning, self._value, self.inputs, self._rule.text,
                                     self._rule.precision)
            return self._outcome

    @property
    def trace(self) -> tuple[TraceStep, ...]:
        """Each step of the evaluation, computed when first asked for."""
        return self._result().trace

    @property
    def allowed(self) -> tuple[Decimal, Decimal] | None:
        """The range of points the standard allows while the assessor's judgement is missing."""
        return self._result().allowed if self._points is None else None

    @property
    def needs_judgement(self) -> bool:
        """True when the standard needs an assessor's input that was not given."""
        return self._points is None

    @property
    def readings(self) -> tuple[str, ...]:
        """The readings the compiler chose for this standard (whole steps, band edges …)."""
        return self._rule.readings

    def explain(self, locale: str = "zh_CN") -> str:
        """The evaluation step by step, in Chinese (default) or English (``locale="en"``)."""
        from .explain import explain

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


@attrs.frozen(eq=False)
class Rule:
    """A compiled scoring standard. Call it to score; ``rule.points`` is the fast path.

    ``text`` is the standard as given; ``meaning`` what it was understood to compute;
    ``diagnostics`` the readings chosen and problems found; ``notes`` clauses that carry no scoring;
    ``python_source`` the generated code (None for standards scored by an assessor's input).
    """

    text: str
    max_points: Decimal
    meaning: ir.Meaning
    notes: tuple[str, ...]
    diagnostics: tuple[Diagnostic, ...]
    points: PointsFunction
    python_source: str | None
    precision: Decimal = Decimal("0.01")

    def __call__(self, value: Any = None, /, **inputs: Any) -> Score:
        """Score ``value`` (a rate, count, option, items …) or keyword ``inputs``.

        >>> compile_rule("完成目标得满分，否则不得分", points=2)(False).points
        Decimal('0.00')
        """
        if not inputs and self.python_source is not None:
            return Score(self, value, self.points(value))  # the bulk path: nothing else to do
        if self.python_source is not None:
            if not getattr(self.meaning, "inputs", ()):
                from ..errors import InputError

                raise InputError(f"this standard scores one value and takes no named inputs; given {', '.join(inputs)}",
                                 text=self.text)
            return Score._full(self, value, inputs, None)
        return Score._full(self, value, inputs, evaluate(self.meaning, value, inputs, self.text, self.precision))

    @property
    def readings(self) -> tuple[str, ...]:
        """The readings chosen where the standard left a choice (INFO diagnostics), in words."""
        return tuple(d.message for d in self.diagnostics if d.severity is Severity.INFO)

    @property
    def needs_judgement(self) -> bool:
        """True when scoring needs an assessor's input (a tier, an option, a point within a range)."""
        if isinstance(self.meaning, ir.Choice):
            return any(o.low != o.high for o in self.meaning.options) or len(self.meaning.options) > 1
        return not isinstance(self.meaning, ir.Piecewise)

    def check(self) -> tuple[Diagnostic, ...]:
        """Every diagnostic about this rule: readings taken (info), warnings and errors."""
        return self.diagnostics

    def __repr__(self) -> str:
        return f"<Rule {self.text!r} 分值={self.max_points}>"


def _judged(meaning: ir.Meaning, text: str, quantum: Decimal) -> PointsFunction:
    def points(value: Any = None, /, **inputs: Any) -> Decimal:
        outcome = evaluate(meaning, value, inputs, text, quantum)
        if outcome.points is None:
            low, high = outcome.allowed or (Decimal(0), Decimal(0))
            raise JudgementError(f"needs the assessor's judgement: {low.normalize():f}–{high.normalize():f}分",
                                 text=text)
        return outcome.points

    return points


def compile_rule(text: str, points: Decimal | int | float | str,
                 precision: Decimal | int | float | str = "0.01") -> Rule:
    """Compile a published scoring standard for an indicator worth ``points`` (分值).

    Points are rounded half up once, to ``precision`` (0.01 unless the rubric says otherwise).

    Raises :class:`~perfeval.rules.diagnostics.RuleSyntaxError` for text the grammar cannot read and
    :class:`~perfeval.rules.diagnostics.RuleError` for a standard that reads but makes no sense.

    >>> compile_rule("90%（含）以上计6分；80%（含）-90%，计4分；低于80%计0分", points=6).points("85%")
    Decimal('4.00')
    """
    max_points = to_decimal(points)
    if max_points <= 0:
        from ..errors import ValidationError

        raise ValidationError("分值 must be positive", field="points", value=points)
    quantum = to_decimal(precision)
    if quantum <= 0 or quantum.normalize().as_tuple().digits != (1,):
        from ..errors import ValidationError

        raise ValidationError("precision must be a power of ten such as 0.01 or 0.1", field="precision",
                              value=precision)
    analysis = analyse(parse(text), max_points)
    meaning = analysis.meaning
    if isinstance(meaning, ir.Piecewise):
        fn, source = build(meaning, text, quantum)
        return Rule(text, max_points, meaning, analysis.notes, analysis.diagnostics, fn, source, quantum)
    return Rule(text, max_points, meaning, analysis.notes, analysis.diagnostics, _judged(meaning, text, quantum),
                None, quantum)
