"""Every error perfeval raises on bad input, and where that input was.

All of them derive from :class:`PerfevalError`, so a tool embedding perfeval can catch one class.
Each carries the offending text and a :class:`Location` (file, line, column, table cell) so that the
message points at the thing a person must fix, the way a compiler does.

The words of a message come from the message catalogs (:mod:`perfeval.i18n`): an error is made with a
message id and the values to fill in, and shows in Chinese unless asked for English.

>>> try:
...     raise NumberFormatError("number_missing", text="万元", location=Location(line=3, column=5))
... except PerfevalError as exc:
...     print(exc)
...     print(exc.describe("en"))
缺少数字：'万元'（第 3 行第 5 列）
a number is missing: '万元' (line 3, column 5)
"""

from __future__ import annotations

import re
import unicodedata
from typing import Any

import attrs

from .i18n import Words, is_english, render

_ID = re.compile(r"[a-z][a-z0-9_]*")


@attrs.frozen
class Location:
    """Where a piece of input came from. Every field is optional; lines and columns count from 1.

    >>> str(Location(path="x.rules", line=2, column=7))
    'x.rules，第 2 行第 7 列'
    >>> Location(path="x.rules", line=2, column=7).text("en")
    'x.rules, line 2, column 7'
    >>> str(Location(path="t.xlsx", cell="Sheet1!C4"))
    't.xlsx，单元格 Sheet1!C4'
    """

    path: str | None = None
    line: int | None = None
    column: int | None = None
    cell: str | None = None

    def text(self, locale: str | None = "zh_CN") -> str:
        """Where, in ``locale``: the path, the cell, the line and column."""
        parts = []
        if self.path:
            parts.append(self.path)
        if self.cell:
            parts.append(render("where_cell", locale, cell=self.cell))
        if self.line is not None and self.column is not None:
            parts.append(render("where_line_column", locale, line=self.line, column=self.column))
        elif self.line is not None:
            parts.append(render("where_line", locale, line=self.line))
        elif self.column is not None:
            parts.append(render("where_column", locale, column=self.column))
        return (", " if is_english(locale) else "，").join(parts)

    def __str__(self) -> str:
        return self.text()


class PerfevalError(Exception):
    """Base of every error perfeval raises because of its input.

    ``message`` is a message id of the catalogs (``"data_not_toml"``) and ``params`` the values its words
    name; the words are looked up in the locale asked for (:meth:`message_in`, :meth:`describe`). A message
    that is not an id (a sentence, from code outside perfeval) is shown as it is in every locale.
    ``text`` is the offending input as the user wrote it; ``location`` says where it was; ``code`` names
    the kind of problem (``"not_a_count"``, ``"no_band"`` …) for tools to match on instead of the
    message: the message id unless given.

    >>> PerfevalError("data_no_files", text="in/").message_in("en")
    'no .toml, .json or .xlsx files found'
    """

    code: str | None

    def __init__(self, message: str, *, text: str | None = None, location: Location | None = None,
                 code: str | None = None, **params: Any) -> None:
        self.msgid = message if _ID.fullmatch(message) else None
        self.params = params
        if self.msgid is not None:
            message = render(self.msgid, "zh_CN", **params)
        super().__init__(message)
        self.message = message
        self.text = text
        self.location = location or Location()
        self.code = code or self.msgid

    def message_in(self, locale: str | None = "zh_CN") -> str:
        """The message alone, in ``locale``."""
        if self.msgid is None:
            return self.message
        return render(self.msgid, locale, **self.params)

    def describe(self, locale: str | None = "zh_CN") -> str:
        """The message, the offending text and where it was, in ``locale``: the line a command prints."""
        english = is_english(locale)
        out = self.message_in(locale)
        if self.text is not None:
            # perfeval's words for input it will not print (一个 5001 位的整数) are in the message's language
            text = self.text.message_in(locale) if isinstance(self.text, Words) else self.text
            out += f": {text!r}" if english else f"：{text!r}"
        where = self.location.text(locale)
        if where:
            out += f" ({where})" if english else f"（{where}）"
        return out

    def __str__(self) -> str:
        return self.describe()


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

    def __init__(self, message: str, *, field: str, value: object, location: Location | None = None,
                 **params: Any) -> None:
        super().__init__(message, text=f"{field}={value!r}", location=location, **params)
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
