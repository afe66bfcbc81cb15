"""Errors and diagnostics of the rules language: located, structured, rendered the way a compiler prints.

Every error about a standard carries a stable ``code`` (its words are in :mod:`.messages`), the values
that fill the message, and where it is: line and column in the text as the author wrote it, the length of
the offending span. :meth:`LocatedError.render` shows the source line with the span underlined by display
width (full-width characters take two columns), what was expected, and a hint. The message is Chinese by
default; ``render(locale="en")`` gives English.

>>> err = RuleSyntaxError("unreadable", text="每低于扣2分", line=1, column=4, length=1, found="扣")
>>> print(err.render(locale="en"))
line 1, column 4: cannot read this: '扣'
  每低于扣2分
        ^^
"""

from __future__ import annotations

from decimal import Decimal
from enum import Enum
from typing import Any

import attrs

from ..errors import Location, PerfevalError, caret_line
from ..i18n import N_
from ..numbers import ZeroDenominatorError as _NumbersZeroDenominator
from ..text import source_line
from .messages import MESSAGES, is_english, render
from .vocabulary import TOKEN_KINDS

__all__ = [
    "CodedError",
    "Diagnostic",
    "EvaluationError",
    "JudgementError",
    "LocatedError",
    "MissingInputError",
    "NoBandError",
    "NoRowError",
    "RuleError",
    "RuleSyntaxError",
    "Severity",
    "SqlError",
    "ZeroDenominatorError",
]


def located_text(head: str, source: str, line: int, column: int, length: int, locale: str | None,
                 hint: str | None = None, expected: list[str] | None = None) -> str:
    """The one way a located finding is shown: its first line, the source line with a caret under the span
    (placed by display width), what could have come there, and the hint."""
    src = source_line(source, line)
    out = [head, f"  {src}", "  " + caret_line(src, column, length)]
    if expected:
        out.append("  " + render("expected", locale, words=(" or " if is_english(locale) else "、").join(expected)))
    if hint:
        out.append("  " + render("hint", locale, text=hint))
    return "\n".join(out)


def hint_text(hint: str | None, locale: str | None) -> str | None:
    """A hint in ``locale``: hints are message codes (``hint_…``); other text is shown as given."""
    if hint is None:
        return None
    return render(hint, locale) if hint in MESSAGES else hint


class LocatedError(PerfevalError):
    """An error about a place in a standard: ``code`` and ``params`` say what, ``line``/``column`` where.

    ``text`` is the whole standard; ``length`` the characters of the offending span; ``expected`` token
    kinds that could have come next (shown in words); ``hint`` a suggestion; ``path`` the file, if any.
    """

    code: str

    def __init__(self, code: str, *, text: str, line: int = 1, column: int = 1, length: int = 1,
                 expected: tuple[str, ...] = (), hint: str | None = None, path: str | None = None,
                 **params: Any) -> None:
        super().__init__(render(code, "zh_CN", **params), text=source_line(text, line),
                         location=Location(path, line, column))
        self.code = code
        self.params = params
        self.source = text
        self.line = line
        self.column = column
        self.length = length
        self.expected = expected
        self.hint = hint

    def located(self, path: str | None = None, line_offset: int = 0, column_offset: int = 0) -> LocatedError:
        """The same error placed inside a file: ``path``, and lines/columns shifted by the offsets."""
        self.location = Location(path, self.line + line_offset,
                                 self.column + (column_offset if self.line == 1 else 0))
        return self

    def message_in(self, locale: str | None = "zh_CN") -> str:
        """The message alone, in ``locale``."""
        return render(self.code, locale, **self.params)

    def hint_in(self, locale: str | None = "zh_CN") -> str | None:
        """The hint in ``locale`` (hints are message codes; a hint given as plain text is shown as it is)."""
        return hint_text(self.hint, locale)

    def render(self, locale: str | None = "zh_CN") -> str:
        """Position, message, the source line with a caret under the span, what was expected, the hint."""
        line = self.location.line or self.line
        column = self.location.column or self.column
        path = f"{self.location.path}, " if self.location.path else ""
        where = path + render("where_line_column", locale, line=line, column=column)
        words = [TOKEN_KINDS[k].en if is_english(locale) else TOKEN_KINDS[k].zh for k in self.expected
                 if k in TOKEN_KINDS]
        return located_text(f"{where}: {self.message_in(locale)}", self.source, self.line, self.column,
                            self.length, locale, self.hint_in(locale), words)

    def describe(self, locale: str | None = "zh_CN") -> str:
        """What a command prints: :meth:`render` (the source line and the caret)."""
        return self.render(locale)

    def __str__(self) -> str:
        return self.render()


class RuleSyntaxError(LocatedError):
    """A standard (or part of one) that the grammar cannot read."""


class RuleError(LocatedError):
    """A standard that reads but cannot be scored as written: no points, two readings, a lost number …"""


class CodedError(PerfevalError):
    """An error whose message is the catalogued message ``code`` (rules/messages.py) with ``params``."""

    code: str

    def __init__(self, code: str, rule_text: str = "", **params: Any) -> None:
        super().__init__(render(code, "zh_CN", **params), text=rule_text or None)
        self.code = code
        self.params = params

    def message_in(self, locale: str | None = "zh_CN") -> str:
        """The message in ``locale``."""
        return render(self.code, locale, **self.params)


class EvaluationError(CodedError):
    """A compiled rule could not score the value or inputs it was given."""


class NoBandError(EvaluationError):
    """No band of the table covers the value. ``value`` is the value; ``gaps`` the uncovered intervals."""

    def __init__(self, value: Decimal, gaps: tuple[str, ...], rule_text: str, shown: str) -> None:
        super().__init__("no_band", rule_text, value=shown, gaps="、".join(gaps) if gaps else "—")
        self.value = value
        self.gaps = gaps


class NoRowError(NoBandError):
    """No row of a table over several values holds all of them (服务率 100% but 20 visits: the values fall in
    different rows). ``values`` are the values given, by name, as shown in the message; ``value`` the first."""

    def __init__(self, values: tuple[tuple[str, str], ...], first: Decimal, rule_text: str) -> None:
        EvaluationError.__init__(self, "no_row", rule_text, values="、".join(f"{k}={v}" for k, v in values))
        self.values = values
        self.value = first
        self.gaps = ()


class MissingInputError(EvaluationError):
    """A rule needs an input that was not given. ``name`` names it."""

    def __init__(self, name: str, rule_text: str = "", given: tuple[str, ...] = ()) -> None:
        extra = f"（已给：{'、'.join(given)}）" if given else ""
        super().__init__("missing_input", rule_text, name=name, given=extra)
        self.name = name


class ZeroDenominatorError(EvaluationError, _NumbersZeroDenominator):
    """A division by zero inside a formula; ``name`` is the denominator as written.

    It is also :class:`perfeval.numbers.ZeroDenominatorError` (and so a ZeroDivisionError)."""

    def __init__(self, name: str, rule_text: str = "") -> None:
        EvaluationError.__init__(self, "zero_denominator", rule_text, name=name)
        self.name = name


class JudgementError(EvaluationError):
    """The assessor's input is not what the standard allows (a tier that does not exist, 19 of 16—18分)."""


class SqlError(CodedError):
    """A rule that cannot be written as one SQL expression (a judgement, several inputs …), or a request
    for a dialect that is not supported; ``code`` says which (``sql_judgement``, ``sql_dialect`` …)."""


class Severity(Enum):
    """How much a diagnostic matters."""

    ERROR = "error"
    WARNING = "warning"
    INFO = "info"


_SEVERITY_WORDS = {Severity.ERROR: N_("severity_error"), Severity.WARNING: N_("severity_warning"),
                   Severity.INFO: N_("severity_info")}


@attrs.frozen
class Diagnostic:
    """One finding about a rule: severity, a stable code (PE…), the message in Chinese and English, where.

    INFO diagnostics are the readings chosen where the text left a choice; the checker and explanations
    show them.

    >>> d = Diagnostic(Severity.INFO, "PE101", "整步计算", "whole steps", 1, 5)
    >>> d.message_in("en"), d.severity.value
    ('whole steps', 'info')
    """

    severity: Severity
    code: str
    zh: str
    en: str
    line: int = 1
    column: int = 1
    length: int = 1
    hint: str | None = None
    hint_en: str | None = None

    @property
    def message(self) -> str:
        """The message in Chinese."""
        return self.zh

    def message_in(self, locale: str | None = "zh_CN") -> str:
        """The message in ``locale``."""
        return self.en if is_english(locale) else self.zh

    def render(self, text: str, path: str | None = None, locale: str | None = "zh_CN") -> str:
        """Print like a compiler: ``path:line:col: severity[code]: message``, source, caret, hint."""
        head = f"{path + ':' if path else ''}{self.line}:{self.column}: {self.severity_in(locale)}[{self.code}]: "
        return located_text(head + self.message_in(locale), text, self.line, self.column, self.length, locale,
                            self.hint_in(locale))

    def severity_in(self, locale: str | None = "zh_CN") -> str:
        """错误 / 警告 / 说明 (error / warning / info), as the finding's tag is printed.

        >>> Diagnostic(Severity.INFO, "PE101", "整步计算", "whole steps", 1, 5).severity_in("en")
        'info'
        """
        return render(_SEVERITY_WORDS[self.severity], locale)

    def hint_in(self, locale: str | None = "zh_CN") -> str | None:
        """The hint in ``locale``."""
        if self.hint_en is not None and is_english(locale):
            return self.hint_en
        return hint_text(self.hint, locale)
