"""Stage 1: a scoring standard's text → tokens.

Published standards mix a few meaningful phrases (计5分, 每低于5%, 扣完为止, 90%（含）以上) with free
description (印发绩效自评通知的…). The lexer recognises the meaningful phrases by pattern, in the order
of :data:`PATTERNS` (longest and most specific first), and gathers every other character into ``TEXT``
runs. Text is normalised first (:func:`perfeval.text.normalize`), but every token carries its line and
column in the *original* text, so errors point at what the author wrote.

>>> [t.type for t in tokenize("90%（含）以上计6分；低于70%计0分")]
['PCT', 'INCL', 'SUFFIX', 'AWARD', 'SCORE', '_SEP', 'CMP', 'PCT', 'AWARD', 'SCORE']
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from lark import Token
from lark.lexer import Lexer

from ..text import Normalized, normalize

_CN_DIGITS = "零〇一二两三四五六七八九十百千万半"
_NUM = rf"(?:\d+(?:,\d{{3}})*(?:\.\d+)?|\.\d+|[{_CN_DIGITS}]+(?:点[零〇一二三四五六七八九]+)?)"
_ARABIC = r"(?:\d+(?:,\d{3})*(?:\.\d+)?|\.\d+)"
# Count units that may follow a number in a standard (每推迟一个工作日, 每发现一处).
_UNITS = "个工作日|工作日|个月|个|天|日|次|项|处|条|份|人次|人|户|家|件|篇|本|宗|起|批次|批|例|年|月|万元|元|亩|公顷"

# (type, pattern). Order matters: the first pattern that matches at a position wins, so longer and more
# specific phrases come before their prefixes (扣完为止 before 扣, 大于等于 before 大于).
PATTERNS: tuple[tuple[str, str], ...] = (
    ("STEPMODE", r"不足(?:一步|[^,;。:]{0,10}?)(?:的部分|的)?(?:按|的按)(?:比例(?:扣分|扣减|扣除|计算|计)?|[^,;。:]{0,10}?计(?:算)?)"),
    ("UNTIL_ZERO", r"(?:分值|分数|本项分值|该项分值)?扣完(?:为止|即止|止|本项分值为止|该项分值为止|本项分为止|该项分为止)"
                   r"|扣至0分(?:为止)?|直至扣完|扣完本项分值|扣完该项分值|扣完"),
    ("CAP", r"(?:累计)?(?:最多|最高|至多)(?:扣|扣除|扣减)|扣分(?:不超过|最多|最高|上限为?)|(?:累计)?扣分不超过"),
    ("OVERSPEND", r"按(?:照)?(?:超支|超出|超过)(?:的)?比例(?:扣减|扣分|扣除)"),
    ("PROP", r"(?:同比例|按(?:照)?(?:完成)?比例|按比例)(?:扣减|扣分|扣除|计分|得分|赋分|给分|计算)|计算得分"),
    ("DISCRETION", r"(?:酌情|视情况?|视情节|根据情况)(?:扣分|扣减|扣除|给分|计分|赋分|得分|扣)"
                   r"|不得分或者?扣(?:除)?相应的?分(?:数|值)?"),
    ("BOTH", r"超过\(降低\)|超过\(低于\)|高于\(低于\)|超过或低于|高于或低于|超过或不足|超出或低于|上下浮动|偏离"),
    ("FORMULA_LEAD", r"(?:计算公式为?:?\s*)?(?:该项|本项|该指标|指标)?得分\s*(?==)|(?:该项|本项)?得分(?=\s*\()"),
    ("POINTS_VAR", r"(?:该|本)?(?:项|指标)?(?:指标)?分值|(?:该|本)项分数"),
    ("INCL", r"\((?:不含|不包含|不包括|含|包含|包括|含本数)(?:\s*" + _NUM + r"\s*%?)?\)"),
    ("ZERO", r"不得分|不计分|不给分|不得分值|得零分|计零分"),
    ("GRADE", r"为(?:优秀|良好|优|良|中等|中|合格|不合格|差|较差|一般)(?=\s*(?:[,;。、]|$))"),
    ("CMP", r"大于或等于|大于等于|小于或等于|小于等于|不低于|不少于|不小于|不高于|不超过|不大于|不多于"
            r"|达到或超过|达到或高于|达到|未达到|未达(?!成)|未完成|不足|不到|低于|少于|小于|高于|超过|超出|多于|大于"
            r"|降低|下降|减少|增加|上升"
            r"|>=|<=|≥|≤|>|<"),
    ("SUFFIX", r"及以上|及以下|以上|以下|以内|之内"),
    ("REF", r"以(?=\s*" + _ARABIC + r"\s*%\s*为(?:标准|基准))"),
    ("REF_END", r"为(?:标准|基准)(?:值)?"),
    ("PCT", _NUM + r"\s*(?:%|‰|个百分点|百分点)|百分之[零〇一二两三四五六七八九十百点]+"),
    ("SCORE", _NUM + r"\s*分(?![值数析别类配摊项钟之])"),
    ("UNIT", r"(?<=[\d零〇一二两三四五六七八九十百千])\s*(?:" + _UNITS + r")"),
    ("NUM", _ARABIC + r"|[" + _CN_DIGITS + r"]+(?:点[零〇一二三四五六七八九]+)?(?=\s*(?:" + _UNITS + r"))"),
    ("AWARD", r"(?:计|得|给|赋|获得|记|加|可得)(?=\s*(?:" + _NUM + r"\s*(?:[-—~]+\s*" + _NUM + r"\s*)?分|满分|全分))"),
    ("CALC", r"(?:计算|计分|确定)(?=\s*(?:[,;。]|$))"),
    ("ABSENT", r"(?:没有|无)[^,;。]{1,30}?按(?=\s*(?:满分|全分|0分|零分))"),
    ("FULL", r"满分|全分|得分(?![率=\d/×*÷+\-)\]])"),
    ("DEDUCT", r"(?:扣除|扣减|扣|减)(?=\s*" + _NUM + ")"),
    ("EACH", r"每"),
    ("OTHERWISE", r"否则|反之|其余|其他情况"),
    ("ITEM", r"[①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳]"),
    ("EQ", r"="),
    ("TIMES", r"[×*xX](?=\s*[\d(\u4e00-\u9fff])"),
    ("DIVIDE", r"[/÷]"),
    ("PLUS", r"\+"),
    ("DASH", r"—+|-+|~|至(?=\s*" + _ARABIC + r")|到(?=\s*" + _ARABIC + r")"),
    ("LPAR", r"[(\[]"),
    ("RPAR", r"[)\]]"),
    ("AND", r"且(?=\s*(?:大于|小于|高于|低于|不低于|不高于|不超过|不足|达到|超过|≥|≤|>|<))"),
    ("LISTSEP", r"、"),
    ("_SEP", r"[,;。:!?]|\.(?!\d)"),
)

_COMPILED = tuple((name, re.compile(pattern)) for name, pattern in PATTERNS)

# Phrases that look like structure but are description: years and dates (以2022年完工的…为评价内容).
_TEXT_LIKE = re.compile(r"(?:19|20)\d{2}\s*年(?:度)?(?:\d{1,2}\s*月(?:\d{1,2}\s*日)?)?"
                        r"|(?:19|20)\d{2}[./-]\d{1,2}[./-]\d{1,2}(?![\d.%])")
# Numbered sub-rules at the start of a line: "1.印发绩效自评通知的得2分…⏎2.…".
_SUBRULE = re.compile(r"\d{1,2}\s*[.、](?!\d)")
# Tokens after which 以上/以下 bound a number; elsewhere (以上情况每出现一例…) they are words.
_NUMERIC = frozenset({"PCT", "NUM", "SCORE", "INCL", "UNIT"})
# Tokens after which a line break ends a clause (an item's "（1分）", a standard's last words).
# A break after a number or a comparison is a cell wrapping mid-phrase ("90%⏎（含）以上"), not an end.
_CLOSING = frozenset({"RPAR", "SCORE", "FULL", "ZERO", "UNTIL_ZERO", "DISCRETION", "PROP", "OVERSPEND"})
_SPACE = re.compile(r"\s+")
# A parenthesised aside with no number in it ("部门（单位）", "（降低）" is a BOTH phrase, matched first)
# is description, not structure: it stays inside the TEXT run around it.
_ASIDE = re.compile(r"\([^()\d%/×*+=÷<>≥≤\-]*\)")
_ITEM_MARKS = frozenset("①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳")


def _emit(norm: Normalized, type_: str, start: int, end: int) -> Token:
    line, column = norm.line_col(start)
    end_line, end_column = norm.line_col(end)
    return Token(
        type_,
        norm.text[start:end].strip(),
        start_pos=norm.origin_of(start),
        line=line,
        column=column,
        end_line=end_line,
        end_column=end_column,
        end_pos=norm.origin_of(end),
    )


def tokenize(text: str) -> Iterator[Token]:
    """Split a standard into tokens; positions refer to ``text`` as given.

    >>> [(t.type, t.value) for t in tokenize("完成目标得满分，否则不得分")]
    [('TEXT', '完成目标'), ('AWARD', '得'), ('FULL', '满分'), ('_SEP', ','), ('OTHERWISE', '否则'), ('ZERO', '不得分')]
    """
    norm = normalize(text)
    s = norm.text
    i = 0
    text_start: int | None = None
    n = len(s)

    def flush(end: int) -> Iterator[Token]:
        nonlocal text_start
        if text_start is not None:
            run = s[text_start:end]
            stripped = run.strip()
            if stripped:
                lead = len(run) - len(run.lstrip())
                yield _emit(norm, "TEXT", text_start + lead, text_start + lead + len(stripped))
            text_start = None

    previous = ""
    at_line_start = True
    while i < n:
        space = _SPACE.match(s, i)
        if space:
            end = space.end()
            if "\n" in norm.original[norm.origin_of(i) : norm.origin_of(end)]:
                starts_item = end < n and (s[end] in _ITEM_MARKS or _SUBRULE.match(s, end) is not None)
                if starts_item or (text_start is None and previous in _CLOSING):
                    yield from flush(i)
                    if previous not in ("_SEP", ""):
                        yield _emit(norm, "_SEP", i, i)
                        previous = "_SEP"
                    i, at_line_start = end, True
                    continue
            if text_start is None:
                i = end
                continue
        if at_line_start and (sub := _SUBRULE.match(s, i)):
            yield from flush(i)
            yield _emit(norm, "SUBRULE", i, sub.end())
            previous, i, at_line_start = "SUBRULE", sub.end(), False
            continue
        at_line_start = False
        like = _TEXT_LIKE.match(s, i)
        aside = _ASIDE.match(s, i)
        if like or (aside and not _is_structural_paren(s, i)):
            if text_start is None:
                text_start = i
            i = (like or aside).end()  # type: ignore[union-attr]
            continue
        for name, pattern in _COMPILED:
            m = pattern.match(s, i)
            if not m or m.end() == i:
                continue
            if name == "SUFFIX" and (text_start is not None or previous not in _NUMERIC):
                continue  # 以上情况…: a word here, not a bound
            if name == "ITEM" and text_start is not None:
                continue  # 以上③需提供佐证资料: a reference to an item, not a new one
            yield from flush(i)
            yield _emit(norm, name, i, m.end())
            previous = name
            i = m.end()
            break
        else:
            if text_start is None:
                text_start = i
                previous = "TEXT"
            i += 1
    yield from flush(n)


_STRUCTURAL = tuple(pattern for name, pattern in _COMPILED if name == "INCL")


def _is_structural_paren(s: str, i: int) -> bool:
    """An aside that is itself a phrase: (含), (不含), (含80%)."""
    return any(pattern.match(s, i) for pattern in _STRUCTURAL)


class StandardLexer(Lexer):
    """The lexer lark calls: it ignores lark's own terminal definitions and uses :func:`tokenize`."""

    def __init__(self, lexer_conf: object) -> None:
        pass

    def lex(self, data: str | list[Token]) -> Iterator[Token]:  # type: ignore[override]
        # The parser is handed either a whole text or the tokens of one clause, already read.
        yield from (data if isinstance(data, list) else tokenize(data))
