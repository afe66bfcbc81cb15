r"""Text as it arrives from tables and PDFs, made uniform without losing where each character came from.

The same standard is published with full-width ``，；（）％０-９`` in one place and ASCII in another, with
stray spaces, line breaks from table cells and ``$\\leq$`` from converted PDFs. :func:`normalize` folds
all of these to one form (NFKC, character by character) and keeps, for every character of the result, its
offset in the original, so that errors point at the text the user actually wrote.

>>> n = normalize("９５％（含）$\\geq$")
>>> n.text
'95%(含)≥'
>>> n.text.index("≥"), n.origin_of(6), n.origin_of(7)   # '≥' came from '$\\geq$' at offset 6
(6, 6, 12)
"""

from __future__ import annotations

import functools
import unicodedata

import attrs

# Characters NFKC would destroy: circled item marks carry meaning of their own (①→"1" would turn a
# checklist into numbers), and the ideographic stops/commas are kept as the clause separators they are.
_KEEP = frozenset("①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳㈠㈡㈢㈣㈤㈥㈦㈧㈨㈩⑴⑵⑶⑷⑸⑹⑺⑻⑼⑽")

# LaTeX comparators left in tables converted from PDF.
_LATEX = {
    "$\\leq$": "≤",
    "$\\geq$": "≥",
    "$\\le$": "≤",
    "$\\ge$": "≥",
    "$<$": "<",
    "$>$": ">",
    "$=$": "=",
    "$\\neq$": "≠",
    "$\\times$": "×",
    "$\\%$": "%",
    "\\%": "%",
}

# Spellings that NFKC leaves alone but that mean the same thing here.
_FOLD = {
    "≦": "≤",
    "≧": "≥",
    "⩽": "≤",
    "⩾": "≥",
    "－": "-",
    "−": "-",
    "–": "-",
    "﹣": "-",
    "〜": "~",
    "～": "~",
    "＊": "*",
    "‹": "<",
    "›": ">",
    "―": "-",
    "‐": "-",
    "‑": "-",
    "﹪": "%",
    "‰": "‰",
    "\u3000": " ",
    "\xa0": " ",
    "\r": "",
    "\u200b": "",
    "\ufeff": "",
}


@attrs.frozen
class Normalized:
    """Normalised text plus, for each of its characters, the offset of its source in the original.

    ``origin`` has one more entry than ``text``: the original's length, so an end offset maps too.
    """

    text: str
    origin: tuple[int, ...]
    original: str

    def origin_of(self, index: int) -> int:
        """Offset in the original text of the character at ``index`` of the normalised text."""
        if index < 0:
            return 0
        return self.origin[min(index, len(self.origin) - 1)]

    def line_col(self, index: int) -> tuple[int, int]:
        """1-based (line, column) in the original text of normalised offset ``index``.

        >>> normalize("甲\\n（乙").line_col(2)
        (2, 1)
        """
        return line_col(self.original, self.origin_of(index))


def line_col(text: str, offset: int) -> tuple[int, int]:
    """1-based (line, column) of character ``offset`` in ``text``.

    >>> line_col("ab\\ncd", 3)
    (2, 1)
    """
    offset = max(0, min(offset, len(text)))
    line = text.count("\n", 0, offset) + 1
    start = text.rfind("\n", 0, offset) + 1
    return line, offset - start + 1


def source_line(text: str, line: int) -> str:
    """The 1-based ``line`` of ``text`` (empty if out of range)."""
    lines = text.split("\n")
    return lines[line - 1] if 0 < line <= len(lines) else ""


def normalize(text: str, *, keep_newlines: bool = False) -> Normalized:
    """Fold widths and spellings (NFKC per character, LaTeX comparators, dashes) keeping origins.

    Spaces and line breaks are kept (as single spaces for line breaks, unless ``keep_newlines``):
    whether they matter is for the reader of the text to decide, and dropping them here would join
    words that table cells split.

    >>> normalize("80%（含）-90%，计4分").text
    '80%(含)-90%,计4分'
    >>> normalize("①目标明确（1分）").text
    '①目标明确(1分)'
    """
    # Table cells and standards repeat (100%, 及时, 计满分 …): a short text is folded once per process;
    # the result is frozen, so sharing it changes nothing.
    if len(text) <= _CACHED_CHARS:
        return _cached_normalize(text, keep_newlines)
    return _normalize(text, keep_newlines)


_CACHED_CHARS = 200


def _normalize(text: str, keep_newlines: bool) -> Normalized:
    out: list[str] = []
    origin: list[int] = []
    i = 0
    n = len(text)
    while i < n:
        if text[i] in "$\\":
            for latex, repl in _LATEX.items():
                if text.startswith(latex, i):
                    out.append(repl)
                    origin.append(i)
                    i += len(latex)
                    break
            else:
                out.append(text[i])
                origin.append(i)
                i += 1
            continue
        ch = text[i]
        if ch in _KEEP:
            folded = ch
        elif ch in _FOLD:
            folded = _FOLD[ch]
        elif ch == "\n" and keep_newlines:
            folded = "\n"
        elif ch in "\n\t":
            folded = " "
        else:
            folded = unicodedata.normalize("NFKC", ch)
        for c in folded:
            out.append(c)
            origin.append(i)
        i += 1
    origin.append(n)
    return Normalized(text="".join(out), origin=tuple(origin), original=text)


_cached_normalize = functools.lru_cache(maxsize=4096)(_normalize)  # at most a few MB
