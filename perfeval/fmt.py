"""``perfeval fmt``: a standard in one canonical spelling, which reads back to the same syntax tree.

Full-width punctuation (，；（）), no stray spaces, ``≤`` for ``$\\leq$`` — the published words are kept, only
their spelling is made uniform. Useful for diffs between rubric versions and for comparing standards.

>>> format_standard("90% (含)以上 计 6 分; 80%(含)-90%,计4分")
'90%（含）以上计6分；80%（含）-90%，计4分'
"""

from __future__ import annotations

from typing import Any

import attrs

from .rules_v1 import ast
from .rules_v1.lexer import tokenize
from .rules_v1.parser import parse

_SEPARATORS = {",": "，", ";": "；", ":": "：", ".": "。", "!": "！", "?": "？"}
_NUMERIC = {"NUM", "PCT", "SCORE"}


def format_standard(text: str) -> str:
    """The canonical spelling of ``text`` (raises RuleSyntaxError for text that does not read)."""
    parse(text)  # only what reads is formatted
    out: list[str] = []
    previous = ""
    for tok in tokenize(text):
        value = str(tok)
        if tok.type == "_SEP":
            value = _SEPARATORS.get(value, value)
        elif tok.type in ("LPAR", "RPAR", "INCL", "BOTH", "TEXT"):
            value = value.replace("(", "（").replace(")", "）")
        elif tok.type in _NUMERIC:
            value = value.replace(" ", "")
        if tok.type == "SUBRULE" and out:
            value = "\n" + value
        if previous in _NUMERIC | {"UNIT"} and tok.type in _NUMERIC:
            value = " " + value  # two numbers side by side stay two numbers
        out.append(value)
        previous = tok.type
    return "".join(out)


def shape(node: Any) -> Any:
    """A syntax tree without positions or source text: what two spellings of one standard share."""
    if attrs.has(type(node)):
        return (type(node).__name__, *(shape(getattr(node, f.name)) for f in attrs.fields(type(node))
                                       if f.name not in ("span", "text", "label")))
    if isinstance(node, tuple | list):
        return tuple(shape(n) for n in node)
    return node


def same_standard(a: str, b: str) -> bool:
    """Whether two texts read as the same standard (same tree, positions aside)."""
    return bool(shape(parse(a).clauses) == shape(parse(b).clauses))


__all__ = ["format_standard", "same_standard", "shape", "ast"]
