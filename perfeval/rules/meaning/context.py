"""What the meaning stage of one standard has found so far: its diagnostics, and the text it quotes.

Every reading chosen is an INFO diagnostic with a PE code (shown in explanations and by
``perfeval check --readings``); a problem the checker reports is a WARNING or an ERROR; a standard that
cannot be scored as written is a :class:`~perfeval.rules.errors.RuleError` raised by :meth:`Context.fail`.

>>> ctx = Context("计5分", Decimal(5))
>>> ctx.info("PE101", "整步计算", "whole steps", None)
>>> [d.code for d in ctx.diagnostics]
['PE101']
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from ..errors import Diagnostic, RuleError, Severity
from ..syntax.nodes import Span

__all__ = ["Context"]


class Context:
    """The standard being read, the 分值 it scores against, and the diagnostics found so far."""

    def __init__(self, text: str, max_points: Decimal) -> None:
        self.text = text
        self.max_points = max_points
        self.diagnostics: list[Diagnostic] = []

    def source(self, span: Span | None) -> str:
        """The original text of ``span``."""
        if span is None:
            return ""
        return self.text[span.start : span.end]

    def _add(self, severity: Severity, code: str, zh: str, en: str, span: Span | None, hint: str | None,
             hint_en: str | None) -> None:
        if span is None:
            d = Diagnostic(severity, code, zh, en, hint=hint, hint_en=hint_en)
        else:
            length = max(span.end - span.start, 1) if span.end_line == span.line else 1
            d = Diagnostic(severity, code, zh, en, span.line, span.column, length, hint, hint_en)
        if d not in self.diagnostics:
            self.diagnostics.append(d)

    def info(self, code: str, zh: str, en: str, span: Span | None, hint: str | None = None,
             hint_en: str | None = None) -> None:
        """A reading chosen where the text left a choice."""
        self._add(Severity.INFO, code, zh, en, span, hint, hint_en)

    def retract(self, code: str, span: Span) -> None:
        """Take back a reading stated at ``span`` that a later one replaces (分值 × 比率 → 分值 × 实际 ÷ 要求)."""
        self.diagnostics[:] = [d for d in self.diagnostics if not (d.code == code and d.line == span.line
                                                               and d.column == span.column)]

    def warn(self, code: str, zh: str, en: str, span: Span | None, hint: str | None = None,
             hint_en: str | None = None) -> None:
        """Something the checker reports; the rule still compiles."""
        self._add(Severity.WARNING, code, zh, en, span, hint, hint_en)

    def error(self, code: str, zh: str, en: str, span: Span | None, hint: str | None = None,
              hint_en: str | None = None) -> None:
        """A problem the checker reports as an error; the rule still compiles for the values it covers.

        A hint is a message code (``hint_…``) or Chinese text with its English in ``hint_en``."""
        self._add(Severity.ERROR, code, zh, en, span, hint, hint_en)

    def fail(self, code: str, span: Span | None, hint: str | None = None, **params: Any) -> RuleError:
        """The error to raise for a standard that cannot be scored as written, located at ``span``."""
        if span is None:
            return RuleError(code, text=self.text, hint=hint, **params)
        length = max(span.end - span.start, 1) if span.end_line == span.line else 1
        return RuleError(code, text=self.text, line=span.line, column=span.column, length=length, hint=hint,
                         **params)
