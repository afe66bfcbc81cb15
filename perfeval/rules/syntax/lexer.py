"""Stage 2: normalised text → tokens, by the patterns of :mod:`perfeval.rules.vocabulary`.

The token kinds of :data:`~perfeval.rules.vocabulary.TOKENS` are tried in order at each position (the first
that matches wins, so longer phrases come before their prefixes; :class:`~.firsts.Alternation` skips the
kinds that cannot start with the character there);
characters no pattern claims gather into ``TEXT`` runs. A token whose kind may only follow certain kinds
(以上 after a number, 为止 after points) becomes description elsewhere. Every token carries its line,
column and offsets in the *original* text.

>>> [t.type for t in tokenize("90%（含）以上计6分；低于70%计0分")]
['PCT', 'INCL', 'SUFFIX', 'AWARD', 'SCORE', 'SEP', 'CMP', 'PCT', 'AWARD', 'SCORE']
"""

from __future__ import annotations

import bisect
import re
from functools import cache

from lark import Token

from ..vocabulary import HALF_SUBRULE, NUMBERED_NAMES, TOKEN_KINDS, TOKENS, alternation
from .firsts import Alternation
from .normalize import Clean, clean

__all__ = ["LexedText", "lex", "tokenize"]

# Phrases that look like structure but are description: years and dates (以2022年完工的…, 自2019年起),
# fractions and articles (五分之一, 第九条), quoted names (“五个一”, but not “≤5%” or “一票否决”), 上一年,
# and the marks of a lower-is-better indicator (“≤”型, (≤)).
_TEXT_LIKE = (alternation(NUMBERED_NAMES) + "|"  # 中央八项规定: a name, not eight items
              r"(?:19|20)\d{2}\s*年(?:度)?(?:\d{1,2}\s*月(?:\d{1,2}\s*日)?)?(?!\d)"
              r"|(?:19|20)\d{2}[./-]\d{1,2}[./-]\d{1,2}(?![\d.%])"
              r"|(?!百分之)[一二三四五六七八九十百\d]+分之[一二三四五六七八九十百\d]+"  # 三分之一 (but 百分之九十 is a rate)
              r"|第[一二三四五六七八九十百\d]+(?:条|章|款|节|项(?=[^扣得计]))"
              r"|“(?![≤≥<>]|一票否决)[^”\n]{1,24}”|上一年度?|近[一二两三四五\d]年"
              r"|[“(][≤≥][”)](?:型)?|[≤≥]型"  # “≤”型指标 · 成本类指标(≤): a kind of indicator, no comparison
              r"|[A-Z][A-Za-z]{0,5}\d+(?:\.\d+)?(?![\d%])")  # NO2, PM2.5, SO2: names, not numbers
# A parenthesised aside with no number or operator in it (部门(单位), (无论超过或不足)) is description,
# unless it is itself a phrase such as (含) or (不含).
# Nor is an aside that holds a word which changes every score: （保留整数）, （依次类推）, （一票否决）.
_NEVER_ASIDE = ("PRECISION", "SCHEDULE", "VETO", "NEGATIVE", "NO_NEGATIVE", "NA")
_ASIDE = (r"\((?!(?:不含|不包含|不包括|含|包含|包括)[\d)])"
          r"(?![^()\n]*?(?:" + "|".join(TOKEN_KINDS[k].pattern for k in _NEVER_ASIDE) + r"))"
          r"[^()\d%/×*+=÷<>≥≤\-\n\u25a1分扣]*\)")
_SUBRULE = re.compile(TOKEN_KINDS["SUBRULE"].pattern)
_HALF_SUBRULE = re.compile(HALF_SUBRULE)
_ITEM_MARKS = frozenset("①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳⑴⑵⑶⑷⑸⑹⑺⑻⑼⑽㈠㈡㈢㈣㈤㈥㈦㈧㈨㈩")
# After these a line break ends the clause (an item's "(1分)", a standard's last words); elsewhere a break
# is a table cell wrapping mid-phrase ("90%⏎(含)以上") and joins the two lines.
_CLOSING = frozenset({"RPAR", "SCORE", "SCORE_RANGE", "FULL", "ZERO", "UNTIL_ZERO", "DISCRETION", "PROP",
                      "OVERSPEND", "CELL", "LINEAR", "VETO", "NA", "CAP_UNTIL", "UNTIL_END", "QTY", "PCT", "NUM",
                      "SCHEDULE", "PRECISION", "NEGATIVE", "NO_NEGATIVE", "CARRY", "AS_FULL", "AVG_SCORE"})
# …unless what follows continues the phrase the number began (90%⏎(含)以上, 80%⏎-90%).
_CONTINUES = frozenset({"SEP", "INCL", "SUFFIX", "RPAR", "DASH", "LISTSEP", ""})


@cache
def _scanner() -> Alternation:
    parts = [f"(?P<TEXTLIKE>{_TEXT_LIKE})", f"(?P<ASIDE>{_ASIDE})"]
    parts += [f"(?P<{t.name}>{t.pattern})" for t in TOKENS]
    return Alternation(parts)


class LexedText:
    """The tokens of a standard and the cleaned text they were read from."""

    __slots__ = ("clean", "tokens")

    def __init__(self, cleaned: Clean, tokens: list[Token]) -> None:
        self.clean = cleaned
        self.tokens = tokens


class _Lines:
    """Line and column of an offset of the original text, by bisecting the line starts (once per text)."""

    __slots__ = ("starts",)

    def __init__(self, text: str) -> None:
        self.starts = [0] + [i + 1 for i, ch in enumerate(text) if ch == "\n"]

    def at(self, offset: int) -> tuple[int, int]:
        if len(self.starts) == 1:
            return 1, offset + 1  # one line, as most standards are
        line = bisect.bisect_right(self.starts, offset)
        return line, offset - self.starts[line - 1] + 1


def _token(c: Clean, kind: str, start: int, end: int, lines: _Lines) -> Token:
    """A token over normalised ``[start, end)``, positioned in the original text."""
    o_start = c.origin_of(start)
    o_end = max(c.end_of(end), o_start)  # a break made of dropped spaces is empty, never reversed
    line, column = lines.at(o_start)
    end_line, end_column = lines.at(max(o_end - 1, o_start))
    return Token(kind, c.text[start:end].strip(), start_pos=o_start, line=line, column=column,
                 end_line=end_line, end_column=end_column + 1, end_pos=o_end)


def lex(text: str) -> LexedText:
    """Clean ``text`` and split it into tokens (see :func:`tokenize`)."""
    c = clean(text)
    s = c.text
    scanner = _scanner()
    raw: list[tuple[str, int, int]] = []   # (kind, start, end) in normalised offsets
    pos = 0
    n = len(s)
    line_start = True
    while pos < n:
        ch = s[pos]
        if ch == "\n":
            raw.append(("NEWLINE", pos, pos + 1))
            pos += 1
            line_start = True
            continue
        if line_start or (raw and raw[-1][0] == "SEP" and s[raw[-1][1]] in "。;"):
            sub = _SUBRULE.match(s, pos)
            if sub is not None:  # the pattern itself keeps (3分) and (3)% out, and lets (3)分析 in
                raw.append(("SUBRULE", pos, sub.end()))
                pos, line_start = sub.end(), False
                continue
        half = _half_subrule(c, raw, pos) if ch.isdigit() else None
        if half is not None:
            raw.append(("SUBRULE", pos, half))
            pos, line_start = half, False
            continue
        line_start = False
        # The next token wherever it starts (a search instead of a match at every position, trying only the
        # kinds that can start with each character): what lies before it is description. A line break stops
        # the search, for the line-start rules above.
        m = scanner.search(s, pos)
        start = m.start() if m is not None else n
        stop = s.find("\n", pos, start)
        if stop != -1:
            if stop > pos:
                raw.append(("TEXT", pos, stop))
            pos = stop
            continue
        if start > pos:
            raw.append(("TEXT", pos, start))
            pos = start
            continue
        assert m is not None
        if m.end() == pos:  # an empty match: the character is description
            raw.append(("TEXT", pos, pos + 1))
            pos += 1
            continue
        kind = m.lastgroup or "TEXT"
        raw.append(("TEXT" if kind in ("TEXTLIKE", "ASIDE") else kind, pos, m.end()))
        pos = m.end()
    tokens = _finish(c, raw)
    return LexedText(c, tokens)


def _half_subrule(c: Clean, raw: list[tuple[str, int, int]], pos: int) -> int | None:
    """The end of a half-bracket part mark (1) · 2）) at ``pos``, or None where it is not one.

    It must open a clause — at a line start, after a separator, or after a space the author typed
    ("得0分 2)<目标值") — and close no bracket: in "(含95)" the ")" is the aside's.
    """
    m = _HALF_SUBRULE.match(c.text, pos)
    if m is None:
        return None
    line = c.text.rfind("\n", 0, pos) + 1
    typed = c.original[c.origin_of(pos) - 1 : c.origin_of(pos)]
    if not (pos == line or (raw and raw[-1][0] == "SEP") or (typed.isspace() and pos > 0)):
        return None
    before = c.text[line:pos]
    return m.end() if before.count("(") <= before.count(")") else None


def _finish(c: Clean, raw: list[tuple[str, int, int]]) -> list[Token]:
    """Apply the ``after`` restrictions, decide the line breaks, merge description runs."""
    kinds: list[tuple[str, int, int]] = []
    previous = ""
    for i, (kind, a, b) in enumerate(raw):
        if kind == "NEWLINE":
            j = i + 1  # the next token that is not a line break (no copy of the rest: breaks can be many)
            while j < len(raw) and raw[j][0] == "NEWLINE":
                j += 1
            nxt, nxt_char = (raw[j][0], c.text[raw[j][1]]) if j < len(raw) else ("", "")
            starts_part = nxt in ("SUBRULE", "ITEM", "CELL") or nxt_char in _ITEM_MARKS or nxt_char == "|"
            if starts_part or (previous in _CLOSING and nxt not in _CONTINUES):
                if previous not in ("SEP", ""):
                    kinds.append(("SEP", a, a))
                    previous = "SEP"
            continue
        allowed = TOKEN_KINDS[kind].after if kind in TOKEN_KINDS else None
        if allowed is not None and previous not in allowed:
            kind = "TEXT"
        if kind == "ITEM" and previous == "TEXT" and kinds and c.text[kinds[-1][2] - 1 : kinds[-1][2]] == "以":
            kind = "TEXT"   # 以上③需提供佐证资料: a reference to an item, not a new one
        if kind == "TEXT" and kinds and kinds[-1][0] == "TEXT" and kinds[-1][2] == a:
            kinds[-1] = ("TEXT", kinds[-1][1], b)
        else:
            kinds.append((kind, a, b))
        previous = kind
    out: list[Token] = []
    lines = _Lines(c.original)
    for kind, a, b in kinds:
        if kind == "TEXT" and not c.text[a:b].strip():
            continue
        if kind == "SEP" and a == b:
            tok = _token(c, "SEP", a, a, lines)
            tok.value = "\n"
            out.append(tok)
            continue
        out.append(_token(c, kind, a, b, lines))
    return out


def tokenize(text: str) -> list[Token]:
    """Split a standard into tokens; positions refer to ``text`` as given.

    >>> [(t.type, str(t)) for t in tokenize("完成目标得满分，否则不得分")]
    [('TEXT', '完成目标'), ('AWARD', '得'), ('FULL', '满分'), ('SEP', ','), ('OTHERWISE', '否则'), ('ZERO', '不得分')]
    """
    return lex(text).tokens
