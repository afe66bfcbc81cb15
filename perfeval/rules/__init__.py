"""The rules language: published scoring standards → checked, compiled, explainable pure functions.

The pipeline, one folder per stage: :mod:`.syntax` (text → clean text → tokens → clauses of phrases),
:mod:`.meaning` (phrases → statements → the families' meaning, an :class:`~.meaning.ir.Item`),
:mod:`.run` (the exact arithmetic, the interpreter that builds traces, the generated fast path), then
:mod:`.rule` (Rule and Score) and :mod:`.explain` (the trace in words). :mod:`.vocabulary` is the one
table of words every stage reads; :mod:`.errors` and :mod:`.messages` the errors and their words.
"""

from .errors import (
    Diagnostic,
    EvaluationError,
    JudgementError,
    MissingInputError,
    NoBandError,
    RuleError,
    RuleSyntaxError,
    Severity,
    ZeroDenominatorError,
)
from .rule import Rule, Score, compile_rule
from .tables import Formula, GradeTable, compile_formula, compile_grades

__all__ = [
    "Diagnostic",
    "EvaluationError",
    "Formula",
    "GradeTable",
    "JudgementError",
    "MissingInputError",
    "NoBandError",
    "Rule",
    "RuleError",
    "RuleSyntaxError",
    "Score",
    "Severity",
    "ZeroDenominatorError",
    "compile_formula",
    "compile_grades",
    "compile_rule",
]
