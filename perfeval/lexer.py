"""Pygments lexers for ``.rules`` rubric files and for standards, and their use through rich.

A standard is highlighted by the tokens perfeval itself reads it into (:func:`perfeval.rules.syntax.lexer.
tokenize`), so the colours show what the reader saw: numbers, percents, points (``5分``), comparators
(``≥``, ``以上``, ``（含）``), scoring words (``计``, ``扣``, ``每``, ``扣完为止``), item marks (``①``) and
separators. A ``.rules`` file adds its keywords (评价体系, 一级指标, 标准 …), names, 分值 and comments.

Both are registered under the entry point ``pygments.lexers``, so ``pygmentize -l perfeval-rules FILE`` and
``pygmentize -l perfeval-standard`` work once perfeval is installed. The rules lexer claims no file name:
``*.rules`` is also udev's and Snort's; it recognises a rubric by its first line (``评价体系 …``).

>>> [(str(t), v) for _, t, v in StandardLexer().get_tokens_unprocessed("90%以上计6分")]
[('Token.Literal.Number.Percent', '90%'), ('Token.Operator', '以上'), ('Token.Keyword', '计'), ('Token.Literal.Number.Points', '6分')]
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import ClassVar

from pygments.lexer import Lexer
from pygments.lexers import get_lexer_for_filename
from pygments.token import (
    Comment,
    Error,
    Keyword,
    Name,
    Number,
    Operator,
    Punctuation,
    String,
    Text,
    Whitespace,
    _TokenType,
)
from pygments.util import ClassNotFound
from rich.console import Console
from rich.syntax import Syntax
from rich.text import Text as RichText

from .errors import PerfevalError
from .rubric.syntax import FIELDS, HEADS, KEY_LINE, POINTS_AT_END
from .rules.syntax.lexer import tokenize

__all__ = ["Percent", "Points", "RulesLexer", "StandardLexer", "highlight", "print_excerpt", "source_lexer"]

Percent = Number.Percent
"""The token type of a percent (``95%``, ``一个百分点``): a kind of Number, so every style colours it."""
Points = Number.Points
"""The token type of points (``5分``, ``2-5分``)."""

_BY_KIND: dict[str, _TokenType] = {
    **dict.fromkeys(("PCT", "SHARE_PCT"), Percent),
    **dict.fromkeys(("NUM", "QTY", "RANK", "RANK_LIST", "VALUE_LIST", "PRECISION"), Number),
    **dict.fromkeys(("SCORE", "SCORE_RANGE", "SCORE_LIST", "PAREN_SCORE", "AVG_SCORE", "PAREN_RANGE"), Points),
    **dict.fromkeys(("CMP", "SUFFIX", "EQ", "INCL", "DASH", "PM", "PLUS", "TIMES", "DIVIDE", "STEP_DIR", "AND", "OR"),
                    Operator),
    "ITEM": Name.Label,
    **dict.fromkeys(("SEP", "LPAR", "RPAR", "LISTSEP"), Punctuation),
    "TEXT": Text,
    **dict.fromkeys(("LOST", "MISSING"), Error),
    "GRADE": Name.Constant,
    "UNIT": Name.Builtin,
}


def _standard(text: str, offset: int = 0) -> Iterator[tuple[int, _TokenType, str]]:
    """``text`` as perfeval's tokens; the characters no token claims are Text. Never raises."""
    try:
        tokens = list(tokenize(text))
    except (PerfevalError, RecursionError):
        tokens = []
    at = 0
    for tok in tokens:
        start = max(at, int(tok.start_pos or 0))
        end = min(len(text), max(start, int(tok.end_pos or start)))
        if text[start:end] == "$" and "$" in text[start + 1 :]:
            end = text.index("$", start + 1) + 1  # "$\leq$" read as one ≤: colour the whole spelling
        if start >= end:
            continue
        if start > at:
            yield offset + at, Text, text[at:start]
        yield offset + start, _BY_KIND.get(str(tok.type), Keyword), text[start:end]
        at = end
    if at < len(text):
        yield offset + at, Text, text[at:]


class StandardLexer(Lexer):
    """A scoring standard (评分标准), as perfeval reads it."""

    name = "perfeval standard"
    aliases = ["perfeval-standard"]
    filenames: ClassVar[list[str]] = []
    mimetypes = ["text/x-perfeval-standard"]
    url = "https://github.com/perfeval/perfeval"

    def get_tokens_unprocessed(self, text: str) -> Iterator[tuple[int, _TokenType, str]]:
        """The tokens of ``text``, line by line (a line break is Whitespace)."""
        at = 0
        for line in text.splitlines(keepends=True):
            body = line.rstrip("\r\n")
            yield from _standard(body, at)
            if len(line) > len(body):
                yield at + len(body), Whitespace, line[len(body):]
            at += len(line)


class RulesLexer(Lexer):
    """A ``.rules`` rubric file: heads, fields, comments, and each 标准 as a standard."""

    name = "perfeval rules"
    aliases = ["perfeval-rules", "perfeval"]
    filenames: ClassVar[list[str]] = []  # *.rules is not only ours (udev, Snort): recognised by analyse_text
    mimetypes = ["text/x-perfeval-rules"]
    url = "https://github.com/perfeval/perfeval"

    @staticmethod
    def analyse_text(text: str) -> float:
        """1.0 for a text whose first line of content is ``评价体系 …`` (or ``rubric …``)."""
        for line in text.splitlines():
            stripped = line.strip()
            if stripped and not stripped.startswith("#"):
                m = KEY_LINE.match(stripped)
                return 1.0 if m is not None and HEADS.get(m["key"]) == "rubric" else 0.0
        return 0.0

    def get_tokens_unprocessed(self, text: str) -> Iterator[tuple[int, _TokenType, str]]:
        """The tokens of a rubric file, line by line; a line it cannot place is Text, never an error."""
        at = 0
        value_kind: str | None = None  # what a deeper-indented line continues
        value_indent = 0
        for line in text.splitlines(keepends=True):
            body = line.rstrip("\r\n")
            yield from self._line(body, at, value_kind, value_indent)
            value_kind, value_indent = self._continues(body, value_kind, value_indent)
            if len(line) > len(body):
                yield at + len(body), Whitespace, line[len(body):]
            at += len(line)

    @staticmethod
    def _continues(body: str, kind: str | None, indent: int) -> tuple[str | None, int]:
        stripped = body.strip()
        if not stripped or stripped.startswith("#"):
            return kind, indent
        here = len(body) - len(body.lstrip())
        if kind is not None and here > indent:
            return kind, indent
        m = KEY_LINE.match(stripped)
        key = m["key"] if m else ""
        if key in FIELDS and here > 0:
            return FIELDS[key], here
        return ("grades", here) if HEADS.get(key) == "grades" else (None, 0)

    def _line(self, body: str, at: int, kind: str | None, indent: int) -> Iterator[tuple[int, _TokenType, str]]:
        stripped = body.lstrip()
        lead = len(body) - len(stripped)
        if lead:
            yield at, Whitespace, body[:lead]
        if not stripped:
            return
        start = at + lead
        if stripped.startswith("#"):
            yield start, Comment.Single, stripped
            return
        if kind is not None and lead > indent:  # a continuation line
            yield from self._value(kind, stripped, start)
            return
        m = KEY_LINE.match(stripped)
        if m is None or (m["key"] not in FIELDS and m["key"] not in HEADS):
            yield start, Text, stripped
            return
        key = m["key"]
        yield start, Keyword.Declaration if key in HEADS else Keyword.Namespace, key
        sep = stripped[len(key) : m.start("value")]
        if sep:
            yield start + len(key), Punctuation if sep.strip() else Whitespace, sep
        value = stripped[m.start("value") :]
        kind_here = FIELDS.get(key) or HEADS[key]
        yield from self._value(kind_here, value, start + m.start("value"))

    @staticmethod
    def _value(kind: str, value: str, at: int) -> Iterator[tuple[int, _TokenType, str]]:
        if not value:
            return
        if kind in ("standard", "formula", "grades"):
            yield from _standard(value, at)
        elif kind == "example":
            arrow = value.find("→")
            if arrow < 0:
                yield from _standard(value, at)
                return
            yield from _standard(value[:arrow], at)
            yield at + arrow, Operator, "→"
            yield from _standard(value[arrow + 1 :], at + arrow + 1)
        elif kind in ("level1", "level2", "level3"):
            pm = POINTS_AT_END.search(value)
            name, points = (value[: pm.start()], value[pm.start() :]) if pm else (value, "")
            yield at, Name.Class if kind == "level3" else Name.Namespace, name
            if points:
                yield at + len(name), Points, points
        elif kind in ("total", "precision"):
            yield at, Number, value
        elif kind == "note":
            yield at, String.Doc, value
        else:  # 评价体系, 出处
            yield at, Name.Entity, value


def highlight(text: str, lexer: Lexer | None = None) -> RichText:
    """``text`` as a rich Text coloured by ``lexer`` (a standard by default), for a terminal.

    >>> highlight("每低于5%扣2分").plain
    '每低于5%扣2分'
    """
    syntax = Syntax("", lexer or StandardLexer(), theme="ansi_dark", background_color="default")
    out = syntax.highlight(text)
    out.rstrip()
    return out


def source_lexer(path: str) -> Lexer:
    """The lexer for a file perfeval reports on: ``.rules`` → :class:`RulesLexer`, TOML/JSON by Pygments."""
    if path.endswith(".rules"):
        return RulesLexer()
    try:
        return get_lexer_for_filename(path)
    except ClassNotFound:
        return StandardLexer()


def print_excerpt(console: Console, block: str, source_line: str | None, lexer: Lexer | None = None,
                  prefix: str = "") -> None:
    """Print ``block`` (a rendered finding, or an explanation) with the line that quotes ``source_line`` —
    or, without one, the text after ``prefix`` of every line that starts with it — coloured by ``lexer``.

    Nothing but colour is added: where the console is not a terminal the output is ``block`` as it is.
    """
    if console.color_system is None:  # not a terminal: the text exactly as it is (no tab expansion, no wrapping)
        console.file.write(block + "\n")
        return
    for line in block.split("\n"):
        quoted = source_line is not None and source_line.strip() and line.strip() == source_line.strip()
        if quoted or (prefix and line.startswith(prefix)):
            lead = line[: len(line) - len(line.lstrip())] if quoted else prefix
            console.print(RichText(lead) + highlight(line[len(lead):], lexer), soft_wrap=True)
        else:
            console.print(line, markup=False, highlight=False, soft_wrap=True, emoji=False)
