"""Stage 3: tokens → clauses → phrase nodes, with errors a rule author can act on.

A standard is split at its separators (，；。：and the line breaks the lexer keeps) into clauses, and each
clause is parsed on its own by the LALR(1) parser of ``grammar/standard.lark``: linear in the number of
tokens, one reading per clause. Parses are memoised by the clause's sequence of token kinds (the tree's
shape depends on nothing else), so the thousands of clauses of a province's rubrics cost a parse each only
for each new shape.

>>> [type(p).__name__ for c in parse("100%计满分，每低于5%扣2分，扣完为止。").clauses for p in c.phrases]
['Point', 'Full', 'Per', 'Deduct', 'UntilZero']
"""

from __future__ import annotations

import re
from collections import OrderedDict
from collections.abc import Iterator
from functools import cache
from typing import Any

import attrs
from lark import Lark, Token, Tree
from lark.exceptions import UnexpectedInput, UnexpectedToken
from lark.lexer import Lexer

from ...errors import Location
from ...i18n import N_
from ...limits import (
    MAX_CLAUSE_TOKENS,
    MAX_CLAUSES,
    MAX_STANDARD_CHARS,
    LimitError,
    check_count,
    check_length,
)
from ...resources import grammar_text
from ..errors import RuleSyntaxError
from ..vocabulary import TOKEN_KINDS
from .lexer import LexedText, lex
from .nodes import NODE_CLASSES, Node, Span
from .nodes.base import span_of, where
from .normalize import Dropped

__all__ = ["Clause", "Standard", "clear_shapes", "grammar", "parse", "parse_tokens"]



@attrs.frozen
class Clause:
    """The phrases between two separators, the separator that ended them (``""`` at the end), the span."""

    phrases: tuple[Node, ...]
    sep: str
    span: Span


@attrs.frozen
class Standard:
    """A parsed standard: its clauses in order, the text as given, and what normalisation dropped."""

    clauses: tuple[Clause, ...]
    text: str
    dropped: tuple[Dropped, ...] = ()


class _PassThrough(Lexer):
    """The lexer lark calls: the tokens of a clause, already read by :mod:`.lexer`."""

    def __init__(self, conf: object) -> None:
        pass

    def lex(self, data: Any) -> Any:  # type: ignore[override]
        yield from data


@cache
def _lark() -> Lark:
    return Lark(grammar_text("standard.lark"), parser="lalr", lexer=_PassThrough, maybe_placeholders=False)


def grammar() -> Lark:
    """The phrase grammar as a lark parser (its terminals are the token kinds of the vocabulary).

    For tools that generate or inspect sentences, such as :func:`perfeval.testing.rule_texts`.

    >>> "deduct" in {r.origin.name for r in grammar().rules}
    True
    """
    return _lark()


# Parse trees by the token kinds of their clause; the leaves are swapped for the clause's own tokens.
_SHAPES: OrderedDict[tuple[str, ...], Tree[Token]] = OrderedDict()
_MAX_SHAPES = 4096


def clear_shapes() -> None:
    """Forget the memoised clause shapes (for benchmarks that time a cold parse)."""
    _SHAPES.clear()


def _shape(tokens: list[Token]) -> Tree[Token]:
    """The parse tree of a clause's token kinds: parsed once, then reused for every clause of that shape."""
    key = tuple(t.type for t in tokens)
    shape = _SHAPES.get(key)
    if shape is None:
        shape = _lark().parse(tokens)  # type: ignore[arg-type,unused-ignore]  # lark types text only
        _SHAPES[key] = shape
        if len(_SHAPES) > _MAX_SHAPES:
            _SHAPES.popitem(last=False)
        return shape
    _SHAPES.move_to_end(key)
    return shape


def _build(shape: Tree[Token], leaves: Iterator[Token]) -> Any:
    """Tree → phrase nodes, each built by the class of its rule (as lark's ``create_transformer``), with the
    clause's own tokens as the leaves (a shared shape's leaves are another clause's)."""
    children = [_build(c, leaves) if isinstance(c, Tree) else next(leaves) for c in shape.children]
    data = str(shape.data)
    if data == "start":
        return children
    if data == "factor":  # ( expr ): the parentheses only group
        return next(c for c in children if not isinstance(c, Token))
    cls = NODE_CLASSES.get(data)
    if cls is None:
        return children
    try:
        return cls.build(children)
    except LimitError as exc:
        if exc.location.line is None:  # a number read without its token: at least the phrase it is in
            span = span_of(children)
            exc.location = Location(line=span.line, column=span.column)
        raise


def parse_tokens(text: str, tokens: list[Token]) -> list[Node]:
    """The phrases of one clause's tokens (no separators among them)."""
    if len(tokens) > MAX_CLAUSE_TOKENS:
        first = tokens[MAX_CLAUSE_TOKENS]  # the first token over the limit, as every limit is located
        check_count(len(tokens), "clause_tokens", Location(line=first.line or 1, column=first.column or 1))
    try:
        shape = _shape(tokens)
    except UnexpectedInput as exc:
        raise _syntax_error(text, exc, tokens) from None
    phrases: list[Node] = _build(shape, iter(tokens))
    return phrases


#: ½ ¼ ¾ ⅓ … and the fraction slash: a number the text folding cannot keep whole (see :func:`parse`).
_VULGAR = re.compile(r"[\u00bc-\u00be\u2150-\u215e\u2189\u2044]")


def parse(text: str) -> Standard:
    """Parse a scoring standard into clauses of phrase nodes.

    Raises :class:`~perfeval.rules.syntax.errors.RuleSyntaxError` (with line and column) for text that no
    phrase of the grammar reads.
    """
    check_length(text, MAX_STANDARD_CHARS, "standard_chars")
    vulgar = _VULGAR.search(text)
    if vulgar is not None:
        # 扣½分: folded to 1⁄2 (and 2½ to 21⁄2), the number would be misread — written as a decimal it is exact
        before = text[:vulgar.start()]
        raise RuleSyntaxError("unreadable", text=text, line=before.count("\n") + 1,
                              column=vulgar.start() - (before.rfind("\n") + 1) + 1, found=vulgar.group(),
                              hint="hint_write_number")
    lexed = lex(text)
    if not lexed.tokens:
        raise RuleSyntaxError("empty", text=text, line=1, column=1)
    parts = _split(lexed)
    if len(parts) > MAX_CLAUSES:  # placed at the first clause over the limit
        check_count(len(parts), "clauses", where(parts[MAX_CLAUSES][0][0]))
    clauses = [_clause(text, part, sep) for part, sep in parts]
    return Standard(tuple(c for c in clauses if c.phrases), text, lexed.clean.dropped)


def _split(lexed: LexedText) -> list[tuple[list[Token], str]]:
    out: list[tuple[list[Token], str]] = []
    current: list[Token] = []
    for tok in lexed.tokens:
        if tok.type == "SEP":
            if current:
                out.append((current, str(tok)))
            current = []
        else:
            current.append(tok)
    if current:
        out.append((current, ""))
    return out


def _clause(text: str, tokens: list[Token], sep: str) -> Clause:
    return Clause(tuple(parse_tokens(text, tokens)), sep, Span.of(tokens))


# A clause that stops where a number was due: what to write there (message codes, see messages.py).
_HINTS = {"DASH": N_("hint_range_ends"), "EACH": N_("hint_step_size"), "DEDUCT": N_("hint_write_number"),
          "AWARD": N_("hint_write_number"), "BONUS": N_("hint_write_number")}


def _syntax_error(text: str, exc: UnexpectedInput, tokens: list[Token]) -> RuleSyntaxError:
    tok = getattr(exc, "token", None)
    if not isinstance(tok, Token) or tok.type == "$END":
        tok = tokens[-1]
    expected: tuple[str, ...] = ()
    if isinstance(exc, UnexpectedToken):
        names = sorted(n for n in exc.expected if n in TOKEN_KINDS and n != "SEP")
        expected = tuple(names[:6])
    length = max(1, (tok.end_pos or 0) - (tok.start_pos or 0))
    return RuleSyntaxError("unreadable", text=text, line=tok.line or 1, column=tok.column or 1, length=length,
                           token=tok.type, expected=expected, found=str(tok), hint=_HINTS.get(tok.type))
