"""Shared state of stage 3: what the analysis of one standard has found so far, and small helpers.

>>> ctx = Context(ast.Standard((), "计5分"), Decimal(5))
>>> ctx.info("PE101", "whole steps", None); [d.code for d in ctx.diagnostics]
['PE101']
"""

from __future__ import annotations

from decimal import Decimal

from . import ast
from .diagnostics import Diagnostic, RuleError, Severity
from .edges import Side


def _diag(severity: Severity, code: str, message: str, span: ast.Span | None, hint: str | None = None) -> Diagnostic:
    if span is None:
        return Diagnostic(severity, code, message, hint=hint)
    length = max(span.end - span.start, 1) if span.end_line == span.line else 1
    return Diagnostic(severity, code, message, span.line, span.column, length, hint)


class Context:
    """What the analysis of one standard has found so far: its diagnostics and notes."""

    def __init__(self, standard: ast.Standard, max_points: Decimal) -> None:
        self.standard = standard
        self.max_points = max_points
        self.diagnostics: list[Diagnostic] = []
        self.notes: list[str] = []

    def info(self, code: str, message: str, span: ast.Span | None, hint: str | None = None) -> None:
        self.diagnostics.append(_diag(Severity.INFO, code, message, span, hint))

    def warn(self, code: str, message: str, span: ast.Span | None, hint: str | None = None) -> None:
        self.diagnostics.append(_diag(Severity.WARNING, code, message, span, hint))

    def error(self, code: str, message: str, span: ast.Span | None, hint: str | None = None) -> None:
        """A problem the checker reports as an error; the rule still compiles for the values it covers."""
        self.diagnostics.append(_diag(Severity.ERROR, code, message, span, hint))

    def fail(self, message: str, span: ast.Span | None, hint: str | None = None) -> RuleError:
        where = f" (line {span.line}, column {span.column})" if span else ""
        full = message + where + (f"; {hint}" if hint else "")
        return RuleError(full, text=self.standard.text)



def amount_of(amount: ast.Amount, max_points: Decimal) -> Decimal:
    if isinstance(amount, ast.Full):
        return max_points
    if isinstance(amount, ast.Zero):
        return Decimal(0)
    return amount.points


def sides_of(cond: ast.Cond) -> tuple[Side | None, Side | None]:
    lo = Side(cond.lower.value, cond.lower.inclusive, cond.lower.claim) if cond.lower else None
    hi = Side(cond.upper.value, cond.upper.inclusive, cond.upper.claim) if cond.upper else None
    return lo, hi


def is_vague(cond: ast.Cond) -> bool:
    return cond.lower is None and cond.upper is None


def source_of(ctx: Context, span: ast.Span) -> str:
    return ctx.standard.text[span.start : span.end]
