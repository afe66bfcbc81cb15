"""Errors and diagnostics of the rules language, printed the way a compiler prints them.

A :class:`RuleSyntaxError` names the line and column, shows the source line with the offending span
underlined (by display width: full-width characters take two columns), says what was expected in words,
and suggests a fix where one is known. Evaluation errors (:class:`NoBandError`, :class:`MissingInputError`,
:class:`ZeroDenominatorError`, :class:`JudgementError`) name the value or the input at fault.

>>> err = RuleSyntaxError("cannot read this clause", text="每低于扣2分", line=1, column=4, length=2,
...                       expected=("a number",), hint="write the step size, e.g. 每低于5%扣2分")
>>> print(err.render())
line 1, column 4: cannot read this clause
  每低于扣2分
        ^^^
  expected a number
  hint: write the step size, e.g. 每低于5%扣2分
"""

from __future__ import annotations

from decimal import Decimal
from enum import Enum

import attrs

from ..errors import Location, PerfevalError, caret_line
from ..numbers import ZeroDenominatorError as _NumbersZeroDenominator
from ..numbers import percent_text, plain
from ..text import source_line


class RuleSyntaxError(PerfevalError):
    """A standard (or part of one) that the grammar cannot read.

    ``line``/``column`` are 1-based positions in the text as the author wrote it; ``length`` is the
    number of characters of the offending span; ``expected`` lists, in words, what could have come next.
    """

    def __init__(
        self,
        message: str,
        *,
        text: str,
        line: int,
        column: int,
        length: int = 1,
        expected: tuple[str, ...] = (),
        hint: str | None = None,
        path: str | None = None,
    ) -> None:
        super().__init__(message, text=source_line(text, line), location=Location(path, line, column))
        self.source = text
        self.line = line
        self.column = column
        self.length = length
        self.expected = expected
        self.hint = hint

    def render(self) -> str:
        """The error as a compiler prints it: position, message, source line, caret, expectation, hint."""
        src = source_line(self.source, self.line)
        where = f"{self.location.path}, " if self.location.path else ""
        out = [f"{where}line {self.line}, column {self.column}: {self.message}", f"  {src}"]
        out.append("  " + caret_line(src, self.column, self.length))
        if self.expected:
            out.append("  expected " + " or ".join(self.expected))
        if self.hint:
            out.append(f"  hint: {self.hint}")
        return "\n".join(out)

    def __str__(self) -> str:
        return self.render()


class RuleError(PerfevalError):
    """A standard that reads but does not make sense as a rule (two readings, no scoring at all …)."""


class EvaluationError(PerfevalError):
    """A compiled rule could not score the value or inputs it was given."""


class NoBandError(EvaluationError):
    """No band of the table covers the value. ``value`` is the value; ``gaps`` the uncovered intervals."""

    def __init__(self, value: Decimal, gaps: tuple[str, ...], rule_text: str, percent: bool = False) -> None:
        where = "、".join(gaps) if gaps else "none"
        shown = percent_text(value, None) if percent else plain(value)
        super().__init__(f"no band covers {shown} (values outside every band: {where})", text=rule_text)
        self.value = value
        self.gaps = gaps


class MissingInputError(EvaluationError):
    """A formula or rule needs an input that was not given. ``name`` names it."""

    def __init__(self, name: str, rule_text: str, given: tuple[str, ...] = ()) -> None:
        extra = f"; given: {', '.join(given)}" if given else ""
        super().__init__(f"missing input {name!r}{extra}", text=rule_text)
        self.name = name


class ZeroDenominatorError(EvaluationError, _NumbersZeroDenominator):
    """A division by zero inside a formula. ``name`` is the denominator as written.

    It is also :class:`perfeval.numbers.ZeroDenominatorError` (and so a ZeroDivisionError)."""

    def __init__(self, name: str, rule_text: str) -> None:
        super().__init__(f"the denominator {name!r} is zero", text=rule_text)
        self.name = name


class JudgementError(EvaluationError):
    """The assessor's input is outside what the standard allows (a tier that does not exist, 19 of 16—18分)."""


class Severity(Enum):
    """How much a diagnostic matters."""

    ERROR = "error"
    WARNING = "warning"
    INFO = "info"


@attrs.frozen
class Diagnostic:
    """One finding about a rule: severity, a stable code, message, where, and a hint.

    >>> d = Diagnostic(Severity.INFO, "PE101", "whole steps", 1, 5, hint="按比例 makes it continuous")
    >>> d.code, d.severity.value
    ('PE101', 'info')
    """

    severity: Severity
    code: str
    message: str
    line: int = 1
    column: int = 1
    length: int = 1
    hint: str | None = None

    def render(self, text: str, path: str | None = None) -> str:
        """Print like a compiler: ``path:line:col: severity[code]: message``, source, caret, hint."""
        src = source_line(text, self.line)
        head = f"{path + ':' if path else ''}{self.line}:{self.column}: {self.severity.value}[{self.code}]: "
        out = [head + self.message, f"  {src}", "  " + caret_line(src, self.column, self.length)]
        if self.hint:
            out.append(f"  hint: {self.hint}")
        return "\n".join(out)
