"""Stage 1: a standard as published → one uniform text, every character still pointing at its source.

Real standards arrive with full-width and ASCII punctuation mixed, traditional characters, inline pinyin
from sites that annotate characters (執(zhí)行), letter-spaced cells (扣 完 为 止), ``$\\leq$`` from
converted PDFs, OCR digits (xl00%), and table cells interleaved into sentences by PDF extraction. This
module folds all of that away and keeps, for each character of the result, its offset in the original
text, so every later error points at what the author wrote.

What it removes is reported as :class:`Dropped` (the checker and explanations show it): nothing the
standard says is thrown away silently.

>>> n = clean("每發現一處問題扣 0.5 分,扣完為止。")
>>> n.text
'每发现一处问题扣0.5分,扣完为止。'
>>> n.original[n.origin_of(n.text.index("扣完"))]
'扣'
>>> clean("執(zhí)行率").text
'执行率'
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import cache
from typing import Any

import attrs

from ...text import normalize

__all__ = ["LOST_MARK", "Clean", "Dropped", "clean"]


@attrs.frozen
class Dropped:
    """Something normalisation removed: what it was, where (offset in the original), and why."""

    text: str
    start: int
    end: int
    why: str


@attrs.frozen
class Clean:
    """Normalised text, the original offset of each of its characters, and what was dropped.

    ``origin`` has one more entry than ``text`` (the original's length), so an end offset maps too.
    """

    text: str
    origin: tuple[int, ...]
    original: str
    dropped: tuple[Dropped, ...] = ()

    def origin_of(self, index: int) -> int:
        """Offset in the original text of the character at ``index`` of the normalised text."""
        if index <= 0:
            return self.origin[0] if self.origin else 0
        return self.origin[min(index, len(self.origin) - 1)]

    def end_of(self, index: int) -> int:
        """Offset in the original just after the character at ``index - 1`` (for the end of a span)."""
        if index <= 0:
            return self.origin_of(0)
        return self.origin_of(index - 1) + 1 if index <= len(self.text) else len(self.original)


# ── the passes ───────────────────────────────────────────────────────────────────────────────

_CJK = "\u3400-\u9fff"
# Inline pinyin after a character: (zhí) (guǎn). A tone mark is required, so (A) and (B/A) stay.
_PINYIN = re.compile(rf"(?<=[{_CJK}])\((?=[a-zü]*[āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ])[a-zāáǎàēéěèīíǐìōóǒòūúǔùüǖǘǚǜ]{{1,7}}\)")
# A number that was lost or redacted where points or a threshold belong: "扣 分", "扣(略)分", "超过*的",
# "此项 * 分扣完为止" (a * where the points were, not the × of 完成率*分值), and "此项分扣完为止" with no number at all.
# It becomes □ (U+25A1), which the lexer reads as a LOST token, so compiling stops right there.
LOST_MARK = "\u25a1"
# "扣0 5分": a number never starts 0 then a digit, so the space is where a decimal point was lost (a
# letter-spaced "1 0 0" keeps its digits: its 0 follows a digit).
_LOST = re.compile(r"(?<=[扣得计加记])[ \t]+(?=分|[,;。])|\(略\)|(?<=超过|低于|高于|不足|达到|大于|小于)\*"
                   r"|(?<=[\u4e00-\u9fff])[ \t]*\*[ \t]*(?=分(?![值数析]))|(?<=[此本该]项)(?=[ \t]*分[ \t]*扣完为止)"
                   r"|(?:(?<=[^\d.\s]0)|(?<=^0)|(?<=[^\d.\s][ \t]0))[ \t]+(?=\d)")
# OCR of ×100%: "l00%" with a letter l for the digit 1.
_OCR_ONE = re.compile(r"[lI](?=0+\s*%)")
# 评分标准：100%以下(含)计满分…: the column's label before the standard names it, it scores nothing (and 标准
# in it would be read as a reference)
_LABEL = re.compile(r"^\s*(?:评分标准|计分标准|评分办法|计分办法|评分方法|计分方法|考核标准|评分细则|评价标准|评分依据)\s*:")
# 配备远程会商系统(2'): a prime after the points in brackets is 分 (浙江 tables write 分 so)
_PRIME_POINTS = re.compile(r"(\(\s*\d+(?:\.\d+)?)\s*['’′](?=\s*[),;])")
# 得分：分值×执行率: a colon after 得分 that opens a formula is its =
_FORMULA_COLON = re.compile(r"(?<=得分)\s*:(?=[^,;。\n]*[×*/÷])")
# 按（实际满意率/90%）×指标分值: brackets around a ratio alone before × change nothing (× and ÷ bind alike,
# left to right) — dropped so that the ratio reads as an inline formula; brackets around + or − are kept
_RATIO_BRACKETS = re.compile(r"\(([^()+\-=,;。\n]*[/÷][^()+\-=,;。\n]*)\)(?=\s*[×*])")
# Spaces inside words and numbers (得 1 分, 扣 完 为 止): dropped, except between two Latin letters.
_SPACE = re.compile(r"[ \t]+")
# A line that holds only a table cell (8 · 92% · 4分 · 分): interleaved by PDF extraction.
_CELL_LINE = re.compile(r"[ \t]*(?:\d+(?:\.\d+)?\s*(?:%|分)?|分)[ \t]*")
# A preview chunk marker at the start of a line inside a phrase: "每件扣⏎4、0.1分".
_CHUNK = re.compile(r"\d{1,2}、")
_NEEDS_MORE = tuple("扣得计加记为每给赋")
_SEPARATORS = frozenset(",;。:!?、|()")


@cache
def _opencc() -> Any:
    import opencc

    return opencc.OpenCC("t2s")


def _to_simplified(text: str) -> str:
    """Traditional → simplified with OpenCC, character for character (so positions stay put)."""
    if not any(ord(ch) > 0x2E80 for ch in text):
        return text
    converter = _opencc()
    out = converter.convert(text)
    if len(out) == len(text):
        return str(out)
    # A phrase conversion changed the length: convert one character at a time instead.
    return "".join(str(converter.convert(ch)) if len(converter.convert(ch)) == 1 else ch for ch in text)


class _Text:
    """A text being rewritten, with each character's origin in the original."""

    def __init__(self, text: str, origin: list[int]) -> None:
        self.text = text
        self.origin = origin
        self.dropped: list[Dropped] = []

    def sub(self, pattern: re.Pattern[str], repl: Callable[[re.Match[str]], str], why: str | None = None) -> None:
        if pattern.search(self.text) is None:
            return  # most passes find nothing in most standards: no copy of the text and its origins
        out: list[str] = []
        origin: list[int] = []
        last = 0
        for m in pattern.finditer(self.text):
            out.append(self.text[last : m.start()])
            origin.extend(self.origin[last : m.start()])
            new = repl(m)
            if why is not None and new != m.group():
                start = self.origin[m.start()]
                self.dropped.append(Dropped(m.group(), start, self.origin[m.end() - 1] + 1, why))
            # A replacement of the same length keeps each character's origin, as does one that keeps a group of
            # the match (the ratio inside dropped brackets); otherwise all point at the start.
            if len(new) == m.end() - m.start():
                origin.extend(self.origin[m.start() : m.end()])
            elif m.re.groups and new == m.group(1):
                origin.extend(self.origin[m.start(1) : m.end(1)])
            else:
                origin.extend([self.origin[m.start()]] * len(new))
            out.append(new)
            last = m.end()
        out.append(self.text[last:])
        origin.extend(self.origin[last:])
        self.text = "".join(out)
        self.origin = origin


def _squeeze(m: re.Match[str]) -> str:
    s, a, b = m.string, m.start(), m.end()
    before = s[a - 1] if a > 0 else ""
    after = s[b] if b < len(s) else ""
    if before.isascii() and before.isalpha() and after.isascii() and after.isalpha():
        return " "
    return ""


_AWARD_END = re.compile(r"(?:得|计|记|扣|加|给)\s*$")
_NUMBER_END = re.compile(r"\d\s*$")
_SCORE_START = re.compile(r"\s*\d+(?:\.\d+)?\s*分")
_BARE_CELL = re.compile(r"[ \t]*\d+(?:\.\d+)?\s*%?[ \t]*")
_SCORE_CELL = re.compile(r"[ \t]*\d+(?:\.\d+)?\s*分[ \t]*")


def _interleaved(prev: str, cell: str, nxt: str) -> bool:
    """Whether ``cell`` (a line holding one table cell) interrupts a phrase that ``prev`` and ``nxt`` complete.

    Only two shapes qualify, both certain: a verb left open (…得) whose points come on a later line
    (…得⏎8⏎92%⏎8分: the bare 8 and 92% are other columns), and a number left open (…得1) whose 分
    comes on a later line (…得1⏎4分⏎分: the 4分 is another column). A lone 分 that completes nothing
    (…扣1分,⏎分⏎直至扣完) is noise too. Anything else stays, and the grammar reads it or refuses it.
    """
    if cell.strip() == "分":
        return not _NUMBER_END.search(prev)
    if _AWARD_END.search(prev) and _BARE_CELL.fullmatch(cell) and _SCORE_START.match(nxt):
        return True
    return bool(_NUMBER_END.search(prev) and _SCORE_CELL.fullmatch(cell) and nxt.lstrip().startswith("分"))


def _drop_cells(t: _Text) -> None:
    """Drop the lines that :func:`_interleaved` shows to be table cells inside a sentence."""
    lines = t.text.split("\n")
    if len(lines) < 3:
        return
    keep = [True] * len(lines)
    last_kept = 0
    for i in range(1, len(lines) - 1):
        line = lines[i]
        if line.lstrip().startswith("|") or not (_CELL_LINE.fullmatch(line) or line.strip() == "分"):
            last_kept = i
            continue
        # The next line that is not itself a lone cell is what the phrase continues with.
        j = i + 1
        while j < len(lines) - 1 and _BARE_CELL.fullmatch(lines[j]):
            j += 1
        if _interleaved(lines[last_kept].rstrip(), line, lines[j]):
            keep[i] = False
        else:
            last_kept = i
    if all(keep):
        return
    out: list[str] = []
    origin: list[int] = []
    pos = 0
    for i, line in enumerate(lines):
        span = len(line) + (1 if i < len(lines) - 1 else 0)
        if keep[i]:
            out.append(t.text[pos : pos + span])
            origin.extend(t.origin[pos : pos + span])
        elif line.strip():
            t.dropped.append(Dropped(line.strip(), t.origin[pos], t.origin[pos + len(line) - 1] + 1,
                                     "a table cell interleaved into the sentence"))
        pos += span
    t.text, t.origin = "".join(out), origin


_FRACTION_BAR = re.compile(r"^(?P<name>[^=\n]*?)=\s*(?P<bar>-{4,}|—{3,}|_{4,})\s*(?P<tail>[^\n]*)$")


def _fractions(t: _Text) -> None:
    """A fraction drawn over three lines (numerator, ``name =------×100%``, denominator) → one line.

    ``name=(numerator)/(denominator)×100%``: each character keeps its origin; the parentheses and the
    ``/`` point at the bar they replace.
    """
    lines = t.text.split("\n")
    if len(lines) < 3:
        return
    starts = [0]
    for line in lines[:-1]:
        starts.append(starts[-1] + len(line) + 1)
    for i in range(1, len(lines) - 1):
        m = _FRACTION_BAR.match(lines[i])
        if m is None or not lines[i - 1].strip() or not lines[i + 1].strip():
            continue
        a, b, c = starts[i - 1], starts[i], starts[i + 1]
        num, den = lines[i - 1], lines[i + 1]
        bar = b + m.start("bar")
        def term(text: str, start: int, bar: int = bar) -> list[tuple[str, list[int]]]:
            own = [(text, t.origin[start : start + len(text)])]
            if not re.search(r"[-+×*/÷]", text):
                return own
            return [("(", [t.origin[start]]), *own, (")", [t.origin[bar]])]

        pieces: list[tuple[str, list[int]]] = [
            (m.group("name") + "=", t.origin[b : b + m.end("name") + 1]),
            *term(num, a), ("/", [t.origin[bar]]), *term(den, c),
            (m.group("tail"), t.origin[b + m.start("tail") : b + m.end("tail")]),
        ]
        new = "".join(p for p, _ in pieces)
        origin = [o for _, os in pieces for o in os]
        end = c + len(den)
        t.dropped.append(Dropped(lines[i].strip(), t.origin[b], t.origin[b + len(lines[i]) - 1] + 1,
                                 "a fraction drawn over three lines, read as (numerator)/(denominator)"))
        t.text = t.text[:a] + new + t.text[end:]
        t.origin = t.origin[:a] + origin + t.origin[end:]
        return _fractions(t)


def _drop_chunk_markers(t: _Text) -> None:
    lines = t.text.split("\n")
    pos = 0
    cuts: list[tuple[int, int]] = []
    for i, line in enumerate(lines):
        if i and lines[i - 1].rstrip().endswith(_NEEDS_MORE):
            m = _CHUNK.match(line)
            if m:
                cuts.append((pos + m.start(), pos + m.end()))
        pos += len(line) + 1
    for a, b in reversed(cuts):
        t.dropped.append(Dropped(t.text[a:b], t.origin[a], t.origin[b - 1] + 1, "a page-chunk marker"))
        t.text = t.text[:a] + t.text[b:]
        t.origin = t.origin[:a] + t.origin[b:]


def clean(text: str) -> Clean:
    """Normalise a standard for lexing; see the module docstring for what is folded and why.

    Line breaks are kept (they start items and table rows); spaces are dropped.

    >>> clean("满意度 90%（含）以上得 8 分").text
    '满意度90%(含)以上得8分'
    """
    base = normalize(text, keep_newlines=True)
    t = _Text(_to_simplified(base.text), list(base.origin[: len(base.text)]))
    t.sub(_PINYIN, lambda m: "", "inline pinyin")
    t.sub(_LOST, lambda m: LOST_MARK)
    t.sub(_OCR_ONE, lambda m: "1")
    t.sub(_LABEL, lambda m: "", "a label before the standard")
    t.sub(_FORMULA_COLON, lambda m: "=")
    t.sub(_PRIME_POINTS, lambda m: m.group(1) + "分")
    t.sub(_RATIO_BRACKETS, lambda m: m.group(1))
    _fractions(t)
    _drop_cells(t)
    _drop_chunk_markers(t)
    t.sub(_SPACE, _squeeze)
    # Blank lines and spaces around line breaks carry nothing.
    t.sub(re.compile(r"\n{2,}"), lambda m: "\n")
    origin = tuple(t.origin) + (len(text),)
    return Clean(t.text, origin, text, tuple(t.dropped))
