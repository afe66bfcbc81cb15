"""``perfeval fmt``: a standard in one canonical spelling, which reads back to the same phrases.

Full-width punctuation (，；（）), no stray spaces, ``≤`` for ``$\\leq$``, simplified characters — the
published words are kept, only their spelling is made uniform. Useful for diffs between rubric versions
and for comparing standards. Noise the reader ignores (pinyin glosses, OCR page marks) is not written back.

>>> format_standard("90% (含)以上 计 6 分; 80%(含)-90%,计4分")
'90%（含）以上计6分；80%（含）-90%，计4分'
>>> same_standard("90%(含)以上计6分", "90%（含）以上 计 6 分")
True
"""

from __future__ import annotations

from typing import Any

import attrs

from .rules.syntax.lexer import tokenize
from .rules.syntax.parser import parse

__all__ = ["format_standard", "same_standard", "shape"]

# The lexer reads normalised (half-width) text; published Chinese rubrics write these full-width.
_FULL_WIDTH = str.maketrans({",": "，", ";": "；", ":": "：", "!": "！", "?": "？", "(": "（", ")": "）"})
# Kinds that are a number with its unit: two side by side must stay apart ("5 10分" is not "510分").
_NUMERIC = frozenset({"NUM", "PCT", "SCORE", "QTY", "SCORE_RANGE"})


def format_standard(text: str) -> str:
    """The canonical spelling of ``text`` (raises RuleSyntaxError for text that does not read).

    >>> format_standard("每低于 5% 扣 2 分")
    '每低于5%扣2分'
    """
    parse(text)  # only what reads is formatted
    out: list[str] = []
    previous = ""
    for tok in tokenize(text):
        value = str(tok)
        if tok.type == "SEP" and value == "\n":
            out.append("\n")
            previous = "SEP"
            continue
        value = value.translate(_FULL_WIDTH)
        if tok.type in _NUMERIC:
            value = value.replace(" ", "")
        if tok.type == "SUBRULE" and out and out[-1] != "\n":
            value = "\n" + value
        if previous in _NUMERIC and tok.type in _NUMERIC:
            value = " " + value
        out.append(value)
        previous = tok.type
    return "".join(out)


def shape(node: Any) -> Any:
    """A phrase without positions or source text: what two spellings of one standard share."""
    if attrs.has(type(node)):
        return (type(node).__name__, *(shape(getattr(node, f.name)) for f in attrs.fields(type(node))
                                       if f.name not in ("span", "text", "label", "source")))
    if isinstance(node, tuple | list):
        return tuple(shape(n) for n in node)
    return node


def same_standard(a: str, b: str) -> bool:
    """Whether two texts read as the same standard (the same phrases, positions aside).

    >>> same_standard("100%计满分", "100％ 计满分")
    True
    """
    return bool(shape([c.phrases for c in parse(a).clauses]) == shape([c.phrases for c in parse(b).clauses]))
