"""Reading ``.rules`` rubric files: lines → a tree of levels and indicators, with positions.

The format mirrors the published tables (DESIGN.md, ".rules files"); English aliases are accepted::

    评价体系 部门整体支出绩效评价共性指标          (rubric)
    满分 100                                      (total)
    等级：90分（含）—100分为优，…                  (grades)
    总则：不适用的指标不参与评分，总分按适用指标…换算成百分制   (general)
    一级指标 投入 10分                             (level1)
    二级指标 预算配置 10分                         (level2)
    三级指标 在职人员控制率 5分                     (level3)
      公式：在职人员控制率 = 在职人员数 / 编制数 × 100%   (formula)
      标准：以100%为标准。…                        (standard)
      说明：…                                     (note)
      例：98% → 5分                                (example)

A value continues on the following lines indented deeper than its keyword. ``#`` starts a comment line.

>>> src = parse_rubric("评价体系 示例\\n满分 5\\n一级指标 投入 5分\\n三级指标 完成率 5分\\n  标准：100%计满分\\n")
>>> src.name, src.total, [i.name for i in src.indicators]
('示例', Decimal('5'), ['完成率'])
"""

from __future__ import annotations

import difflib
import re
from decimal import Decimal
from typing import Any

import attrs

from ..errors import Location, PerfevalError
from ..i18n import Message
from ..limits import (
    MAX_POINTS_DIGITS,
    MAX_POINTS_EXPONENT,
    MAX_PRECISION_DIGITS,
    MAX_PRECISION_EXPONENT,
    LimitError,
    check_number,
)
from ..numbers import parse_number

HEADS = {
    "评价体系": "rubric", "rubric": "rubric",
    "满分": "total", "total": "total",
    "出处": "source", "source": "source",
    "精度": "precision", "precision": "precision",
    "等级": "grades", "grades": "grades",
    "总则": "general", "general": "general",
    "一级指标": "level1", "level1": "level1",
    "二级指标": "level2", "level2": "level2",
    "三级指标": "level3", "level3": "level3",
}
FIELDS = {
    "公式": "formula", "formula": "formula",
    "标准": "standard", "standard": "standard",
    "说明": "note", "note": "note",
    "例": "example", "example": "example",
}
def did_you_mean(word: str) -> str:
    """``; did you mean '标准'?`` for a keyword one slip away from a known one (标谁, 三级指票), else ``""``.

    >>> did_you_mean("三级指票"), did_you_mean("备注")
    ("; did you mean '三级指标'?", '')
    """
    keys = [k for k in (*HEADS, *FIELDS) if not k.isascii()] if not word.isascii() else [*HEADS, *FIELDS]
    close = difflib.get_close_matches(word, keys, n=1, cutoff=0.5)
    return f"; did you mean {close[0]!r}?" if close else ""


def _hint(word: str) -> Message | str:
    """:func:`did_you_mean` as a message, in the locale of the error it is part of."""
    keys = [k for k in (*HEADS, *FIELDS) if not k.isascii()] if not word.isascii() else [*HEADS, *FIELDS]
    close = difflib.get_close_matches(word, keys, n=1, cutoff=0.5)
    return Message("data_did_you_mean", name=close[0]) if close else ""


#: The rubric-level keywords a file states once (the 指标 lines repeat).
_ONCE = frozenset({"rubric", "total", "source", "precision", "grades", "general"})
_KEY = re.compile(r"(?P<key>[^\s:：]+)\s*(?:[:：]\s*|\s+)(?P<value>.*)$")
_POINTS = re.compile(r"\s+(?P<points>[\d.]+)\s*分?\s*$")
KEY_LINE = _KEY
"""A keyword line: ``key`` then ``：``/spaces then ``value`` (the formatter lays lines out by it)."""
POINTS_AT_END = _POINTS
"""The 分值 at the end of a 一级/二级/三级指标 line."""


class RubricSyntaxError(PerfevalError):
    """A ``.rules`` file that cannot be read; ``location`` holds the file, line and column."""


@attrs.frozen
class Field:
    """A 公式/标准/说明/例 line (with its continuation lines) and where it starts."""

    kind: str
    text: str
    line: int
    column: int


@attrs.frozen
class IndicatorSource:
    """A 三级指标 as written: its path, 分值 and fields."""

    level1: str
    level2: str | None
    name: str
    points: Decimal
    line: int
    fields: tuple[Field, ...]

    def field(self, kind: str) -> Field | None:
        """The first field of ``kind`` (formula, standard, note), if any."""
        return next((f for f in self.fields if f.kind == kind), None)

    def examples(self) -> tuple[Field, ...]:
        """The 例 lines."""
        return tuple(f for f in self.fields if f.kind == "example")


@attrs.frozen
class GroupSource:
    """A 一级 or 二级 指标 with the 分值 it claims."""

    level: int
    name: str
    points: Decimal
    parent: str | None
    line: int


@attrs.frozen
class RubricSource:
    """A whole ``.rules`` file as read."""

    name: str
    total: Decimal
    groups: tuple[GroupSource, ...]
    indicators: tuple[IndicatorSource, ...]
    grades: Field | None
    source: str | None
    precision: Decimal
    path: str | None
    text: str
    #: The rubric's 总则: rules for the whole table (an indicator that does not apply), verbatim.
    general: Field | None = None


def parse_rubric(text: str, path: str | None = None) -> RubricSource:
    """Read a ``.rules`` file's text; errors carry the file, line and column."""
    name: str | None = None
    total: Decimal | None = None
    precision = Decimal("0.01")
    source: str | None = None
    grades: Field | None = None
    general: Field | None = None
    groups: list[GroupSource] = []
    indicators: list[IndicatorSource] = []
    level1: str | None = None
    level2: str | None = None
    current: dict[str, object] | None = None
    fields: list[Field] = []
    last: Field | None = None
    last_indent = 0
    seen: dict[str, int] = {}

    def fail(message: str, line: int, column: int = 1, snippet: str | None = None, **params: Any) -> RubricSyntaxError:
        return RubricSyntaxError(message, text=snippet, location=Location(path, line, column), **params)

    def close() -> None:
        nonlocal current, fields
        if current is not None:
            indicators.append(IndicatorSource(fields=tuple(fields), **current))  # type: ignore[arg-type]
        current, fields = None, []

    text = text.removeprefix("\ufeff")  # a BOM, as Windows editors write, is not part of the first keyword
    for number, raw in enumerate(text.split("\n"), 1):
        line = raw.rstrip("\r")
        stripped = line.strip()
        if not stripped or stripped.startswith("#"):
            continue
        indent = len(line) - len(line.lstrip())
        if last is not None and indent > last_indent:
            joined = Field(last.kind, f"{last.text}\n{stripped}", last.line, last.column)
            if last is grades:
                grades = joined
            elif last is general:
                general = joined
            else:
                fields[fields.index(last)] = joined
            last = joined
            continue
        m = _KEY.match(stripped)
        if not m:
            raise fail("rubric_unreadable_line", number, indent + 1, stripped)
        key, value = m.group("key"), m.group("value")
        column = indent + 1 + m.start("value")
        if key in FIELDS and indent > 0:
            if current is None:
                raise fail("rubric_field_first", number, indent + 1, stripped, key=key)
            # Keep the standard verbatim: only the separator after the keyword is dropped.
            after = line[indent + len(key):]
            verbatim = re.sub(r"^\s*[:：]\s?", "", after) if re.match(r"^\s*[:：]", after) else after.lstrip()
            last = Field(FIELDS[key], verbatim, number, column)
            last_indent = indent
            fields.append(last)
            continue
        head = HEADS.get(key)
        if head is None:
            raise fail("rubric_unknown_keyword", number, indent + 1, stripped, key=key, hint=_hint(key))
        last = None
        if head in _ONCE:
            if head in seen:
                # a second 总则 / 满分 / 等级 would silently replace the first (a lost re-normalisation, a total
                # out of another 满分): written once, or the file is refused where the second stands
                raise fail("rubric_keyword_twice", number, indent + 1, stripped, key=key, first=seen[head])
            seen[head] = number
        if head == "rubric":
            name = value.strip()
        elif head == "total":
            total = _number(value, fail, number, column, path)
        elif head == "precision":
            precision = _number(value, fail, number, column, path, kind="precision")
        elif head == "source":
            source = value.strip()
        elif head == "grades":
            grades = Field("grades", value.strip(), number, column)
            last, last_indent = grades, indent
        elif head == "general":
            general = Field("general", value.strip(), number, column)
            last, last_indent = general, indent
        else:
            close()
            pm = _POINTS.search(value)
            if not pm:
                raise fail("rubric_needs_points", number, column, stripped, key=key)
            label = value[: pm.start()].strip()
            points = _number(pm.group("points"), fail, number, column + pm.start("points"), path)
            if head == "level1":
                level1, level2 = label, None
                groups.append(GroupSource(1, label, points, None, number))
            elif head == "level2":
                if level1 is None:
                    raise fail("rubric_level2_first", number, indent + 1, stripped)
                level2 = label
                groups.append(GroupSource(2, label, points, level1, number))
            else:
                if level1 is None:
                    raise fail("rubric_level3_first", number, indent + 1, stripped)
                current = {"level1": level1, "level2": level2, "name": label, "points": points, "line": number}
    close()
    if name is None:
        raise fail("rubric_needs_name", 1)
    if total is None:
        raise fail("rubric_needs_total", 1)
    return RubricSource(name, total, tuple(groups), tuple(indicators), grades, source, precision, path, text,
                        general)


def _number(value: str, fail: object, line: int, column: int, path: str | None = None,
            kind: str = "points") -> Decimal:
    """A 分值, 满分 or 精度: a number within the limits of points (perfeval.limits.MAX_POINTS_DIGITS), or with
    ``kind="precision"`` of a precision (checked here, on its own line, not at every standard it rounds)."""
    digits, exponent = ((MAX_PRECISION_DIGITS, MAX_PRECISION_EXPONENT) if kind == "precision"
                        else (MAX_POINTS_DIGITS, MAX_POINTS_EXPONENT))
    shown = value.strip()
    if len(shown) > 2 * MAX_POINTS_DIGITS + 10:
        raise LimitError(f"{kind}_digits", Message("data_characters", count=len(shown)), text=shown[:40] + "…",
                         location=Location(path, line, column))
    try:
        number = parse_number(shown.rstrip("分").strip())
    except PerfevalError:
        raise fail("rubric_not_a_number", line, column, shown, value=shown) from None  # type: ignore[operator]
    check_number(number, digits, exponent, shown, kind=kind,
                 location=Location(path, line, column))
    return number
