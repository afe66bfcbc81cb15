"""The rules language: published scoring standards → checked, compiled, explainable pure functions.

The pipeline, one module per stage: :mod:`.lexer` (text → tokens), :mod:`.parser` (tokens → :mod:`.ast`),
:mod:`.analysis` (AST → meaning, :mod:`.ir`, with :mod:`.edges` for band edges), :mod:`.compiler`
(meaning → generated Python) beside :mod:`.evaluate` (the reference interpreter that records a trace),
:mod:`.rule` (Rule and Score) and :mod:`.explain` (the trace in words).
"""

from .diagnostics import (
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
from .formula import Formula, GradeTable, compile_formula, compile_grades
from .rule import Rule, Score, compile_rule

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
