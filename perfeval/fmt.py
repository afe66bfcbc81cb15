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

from .errors import Location
from .rubric.syntax import (
    FIELDS,
    HEADS,
    KEY_LINE,
    POINTS_AT_END,
    Field,
    RubricSource,
    RubricSyntaxError,
    parse_rubric,
)
from .rules.syntax.lexer import tokenize
from .rules.syntax.parser import parse

__all__ = ["format_rubric", "format_standard", "same_standard", "shape"]

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


# --- .rules files ------------------------------------------------------------------------------------

#: Where the parts of a ``.rules`` file go: heads at the margin, fields under their 三级指标, and the lines
#: that continue a value deeper still (the parser reads "deeper than the keyword" as a continuation).
FIELD_INDENT = "  "
CONTINUATION_INDENT = {"field": "    ", "grades": "  "}


def format_rubric(text: str, path: str | None = None) -> str:
    """The canonical layout of a ``.rules`` file, which reads back to the same rubric.

    Heads (评价体系, 满分, 一级指标 …) start at the margin as ``关键词 值``, ``等级：…`` with a colon; 公式/标准/
    说明/例 are indented two spaces as ``关键词：值``, their continuation lines four; runs of blank lines become
    one; trailing spaces go; the file ends with one line break. Comments, keywords (Chinese or English) and
    every value are kept as written: the 标准 is the published sentence, verbatim (DESIGN.md). A file that
    does not read raises RubricSyntaxError, with its line.

    >>> print(format_rubric("评价体系  示例\\n满分:5\\n\\n\\n一级指标 投入 5\\n三级指标 完成率 5分\\n   标准 100%计满分\\n"), end="")
    评价体系 示例
    满分 5
    <BLANKLINE>
    一级指标 投入 5分
    三级指标 完成率 5分
      标准：100%计满分
    """
    before = parse_rubric(text, path)
    out: list[str] = []
    last: str | None = None  # "field" or "grades" while a value may continue
    last_indent = 0
    for raw in text.split("\n"):
        line = raw.rstrip("\r").rstrip()
        stripped = line.strip()
        if not stripped:
            if out and out[-1] != "":
                out.append("")
            continue
        if stripped.startswith("#"):
            out.append(line)
            continue
        indent = len(line) - len(line.lstrip())
        if last is not None and indent > last_indent:
            out.append(CONTINUATION_INDENT[last] + stripped)
            continue
        m = KEY_LINE.match(stripped)
        assert m is not None  # parse_rubric read every line
        key, value = m.group("key"), m.group("value").strip()
        if key in FIELDS:
            out.append(f"{FIELD_INDENT}{key}：{value}")
            last, last_indent = "field", indent
            continue
        head = HEADS[key]
        last = None
        if head == "grades":
            out.append(f"{key}：{value}")
            last, last_indent = "grades", indent
        elif head in ("level1", "level2", "level3"):
            pm = POINTS_AT_END.search(value)
            assert pm is not None
            out.append(f"{key} {value[: pm.start()].strip()} {pm.group('points')}分")
        else:
            out.append(f"{key} {value}")
    while out and out[-1] == "":
        out.pop()
    formatted = "\n".join(out) + "\n"
    if _content(parse_rubric(formatted, path)) != _content(before):  # a layout change only, never a meaning
        raise RubricSyntaxError("fmt_would_change",
                                location=Location(path, 1, 1))
    return formatted


def _content(src: RubricSource) -> Any:
    """A rubric as read, without line numbers, columns or the text's own layout."""

    def field(f: Field | None) -> Any:
        # spaces at the ends of a line carry nothing; the formatter drops them
        return None if f is None else (f.kind, tuple(part.strip() for part in f.text.strip().split("\n")))

    return (src.name, src.total, src.precision, src.source, field(src.grades),
            tuple((g.level, g.name, g.points, g.parent) for g in src.groups),
            tuple((i.level1, i.level2, i.name, i.points, tuple(field(f) for f in i.fields)) for i in src.indicators))
