"""Every error perfeval raises on bad input, and where that input was.

All of them derive from :class:`PerfevalError`, so a tool embedding perfeval can catch one class.
Each carries the offending text and a :class:`Location` (file, line, column, table cell) so that the
message points at the thing a person must fix, the way a compiler does.

>>> try:
...     raise NumberFormatError("malformed number", text="12.3.4万元", location=Location(line=3, column=5))
... except PerfevalError as exc:
...     print(exc)
malformed number: '12.3.4万元' (line 3, column 5)
"""

from __future__ import annotations

import unicodedata

import attrs


@attrs.frozen
class Location:
    """Where a piece of input came from. Every field is optional; lines and columns count from 1.

    >>> str(Location(path="x.rules", line=2, column=7))
    'x.rules, line 2, column 7'
    >>> str(Location(path="t.xlsx", cell="Sheet1!C4"))
    't.xlsx, cell Sheet1!C4'
    """

    path: str | None = None
    line: int | None = None
    column: int | None = None
    cell: str | None = None

    def __str__(self) -> str:
        parts = []
        if self.path:
            parts.append(self.path)
        if self.cell:
            parts.append(f"cell {self.cell}")
        if self.line is not None:
            parts.append(f"line {self.line}")
        if self.column is not None:
            parts.append(f"column {self.column}")
        return ", ".join(parts)


class PerfevalError(Exception):
    """Base of every error perfeval raises because of its input.

    ``text`` is the offending input as the user wrote it; ``location`` says where it was; ``code`` names
    the kind of problem (``"not_a_count"``, ``"no_band"`` …) where perfeval has one, for tools to match on
    instead of the message.
    """

    code: str | None

    def __init__(self, message: str, *, text: str | None = None, location: Location | None = None,
                 code: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.text = text
        self.location = location or Location()
        self.code = code

    def message_in(self, locale: str | None = "zh_CN") -> str:
        """The message in ``locale``; errors without an English catalogue entry give their one message."""
        return self.message

    def __str__(self) -> str:
        out = self.message
        if self.text is not None:
            out += f": {self.text!r}"
        where = str(self.location)
        if where:
            out += f" ({where})"
        return out


class InputError(PerfevalError, ValueError):
    """A value the library cannot read: a malformed number, an unknown unit, an unreadable cell."""


class NumberFormatError(InputError):
    """A number that is not well formed, such as ``12.3.4万元``."""


class UnitError(InputError):
    """An unknown unit, or two quantities whose units cannot be compared (公顷 and 个)."""


class ValidationError(PerfevalError, ValueError):
    """A field of a model object holds an invalid value (a negative budget, 分值 ≤ 0 …).

    ``field`` names the field and ``value`` holds the rejected value.
    """

    def __init__(self, message: str, *, field: str, value: object, location: Location | None = None) -> None:
        super().__init__(message, text=f"{field}={value!r}", location=location)
        self.field = field
        self.value = value


class DataFileError(PerfevalError):
    """A self-evaluation file (TOML, JSON, .xlsx) that cannot be read as documented."""


def display_width(text: str) -> int:
    """Columns ``text`` takes in a terminal: wide (CJK, full-width) characters take two.

    >>> display_width("ab"), display_width("得分"), display_width("（含）")
    (2, 4, 6)
    """
    width = 0
    for ch in text:
        if unicodedata.combining(ch):
            continue
        width += 2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1
    return width


def caret_line(source_line: str, column: int, length: int = 1) -> str:
    """The ``^^^`` line that underlines ``length`` characters from 1-based ``column`` of ``source_line``.

    The caret is placed by display width, so it lines up under full-width text in a terminal.

    >>> caret_line("每低于5%扣2分", 4, 2)
    '      ^^'
    """
    start = max(column - 1, 0)
    prefix = display_width(source_line[:start].replace("\t", " "))
    span = source_line[start : start + max(length, 1)]
    return " " * prefix + "^" * max(display_width(span), 1)
