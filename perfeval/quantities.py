"""Quantities in the cells of the tables: one number and one unit, read exactly.

:func:`quantity` is strict: one number and one unit (``519.84万亩``, ``4,746.21万元``, ``100%``, or a bare
number with the table's 计量单位 column). The 年度指标值 / 实际完成值 cells, which may hold a comparator,
several quantities, a date or text, are read by :func:`perfeval.targets.target`, which builds on this
module (``Target``, ``TargetKind``, ``JudgementRequired`` and ``Comparator`` live there too).

>>> quantity("519.84万亩"), quantity("29.9万元")
(<Quantity(519.84, 'wanmu')>, <Quantity(29.9, 'wanyuan')>)
>>> quantity("2602.21", unit="万元").to("元").magnitude
Decimal('26022100.00')
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from perfeval.errors import Location, NumberFormatError, PerfevalError, UnitError
from perfeval.i18n import Localized, Words
from perfeval.numbers import CHINESE_NUMERAL_CHARS, number_in
from perfeval.text import Normalized, normalize
from perfeval.units import is_percent, label, multiplied, registry, unit, unit_in

if TYPE_CHECKING:
    from perfeval.units import Quantity, Unit

__all__ = [
    "clean_cell",
    "quantity",
    "quantity_in",
    "unit_column",
]



# --- cleaning ----------------------------------------------------------------------------------------

_TAG = re.compile(r"\s*<\s*/?\s*sup\s*>|<[^<>]*>")


def _is_cjk(ch: str) -> bool:
    return "\u3400" <= ch <= "\u9fff" or "\uf900" <= ch <= "\ufaff" or "\u3000" <= ch <= "\u303f"


_PUNCTUATION = frozenset(",.;:!?()、。")


def _joined(prev: str, nxt: str) -> bool:
    # A space between CJK characters, or between CJK and punctuation folded from full width
    # ("发展， 提高"), is a table cell's line break, not a word boundary.
    return (
        (_is_cjk(prev) or prev in _PUNCTUATION)
        and (_is_cjk(nxt) or nxt in _PUNCTUATION)
        and not (prev in _PUNCTUATION and nxt in _PUNCTUATION)
    )


def clean_cell(text: str, warnings: list[str]) -> Normalized:
    """Normalise ``text`` and tidy what table conversion left in it, keeping each character's origin.

    HTML tags go (``m <sup>2</sup>`` becomes ``m2``, ``<input … type="checkbox"/>`` disappears), runs of
    spaces become one, and a space between two CJK characters goes: it is a wrapped table cell
    (``社会稳定和 谐``, ``12600 立方 米``).
    """
    norm = normalize(text)
    s, origin = norm.text, norm.origin
    chars: list[tuple[str, int]] = []
    i = 0
    for m in _TAG.finditer(s):
        chars.extend((s[j], origin[j]) for j in range(i, m.start()))
        if "sup" not in m.group().lower():
            warnings.append(Words("target_markup_removed", markup=m.group().strip()))
        i = m.end()
    chars.extend((s[j], origin[j]) for j in range(i, len(s)))
    out: list[tuple[str, int]] = []
    for k, (ch, at) in enumerate(chars):
        if ch.isspace():
            prev = out[-1][0] if out else ""
            nxt = next((c for c, _ in chars[k + 1 :] if not c.isspace()), "")
            if not prev or not nxt or prev == " " or _joined(prev, nxt):
                continue
            ch = " "
        out.append((ch, at))
    cleaned = "".join(ch for ch, _ in out)
    return Normalized(text=cleaned, origin=(*(at for _, at in out), len(text)), original=text)


# --- quantities --------------------------------------------------------------------------------------

_NUMBER_CHARS = frozenset("0123456789.,")


def _number_end(s: str, start: int, end: int) -> int:
    """Where the number that starts at ``start`` ends (its characters only; validity is checked later)."""
    i = start + 1 if s[start] in "+-" else start
    if i < end and s[i] in CHINESE_NUMERAL_CHARS:
        while i < end and s[i] in CHINESE_NUMERAL_CHARS:
            i += 1
        return i
    while i < end and s[i] in _NUMBER_CHARS:
        i += 1
    return i


def _error_at(cls: type[PerfevalError], message: str, norm: Normalized, index: int,
              **params: Any) -> PerfevalError:
    line, column = norm.line_col(index)
    where = Location(column=column) if line == 1 else Location(line=line, column=column)
    return cls(message, text=norm.original, location=where, **params)


def _with_column(
    text_unit: Unit, column: Unit | None, strict: bool, warnings: list[str], norm: Normalized, at: int
) -> Unit:
    """Combine the unit written after the number with the 计量单位 column."""
    if column is None or text_unit == column:
        return text_unit
    if text_unit in (registry().Unit("ten_thousand"), registry().Unit("hundred_million")):
        # "71.63万" with the column "元": the 万 multiplies the column's unit, giving 万元.
        return multiplied(column, "万" if text_unit == registry().Unit("ten_thousand") else "亿")
    if text_unit.dimensionality == column.dimensionality and not (is_percent(text_unit) ^ is_percent(column)):
        return text_unit  # "29.9万元" in a 元 column: the cell says more than the column does
    units = {"text_unit": Localized(lambda locale: label(text_unit, locale or "zh_CN")),
             "column": Localized(lambda locale: label(column, locale or "zh_CN"))}
    if strict:
        raise _error_at(UnitError, "unit_text_differs_from_column", norm, at, **units)
    warnings.append(Words("unit_text_differs_used", **units))
    return text_unit


def quantity_in(
    norm: Normalized, start: int, end: int, column: Unit | None, strict: bool, warnings: list[str]
) -> Quantity:
    """The single quantity in ``norm.text[start:end]``; errors point into the original text."""
    s = norm.text
    while start < end and s[start].isspace():
        start += 1
    while end > start and s[end - 1].isspace():
        end -= 1
    if start == end:
        raise _error_at(NumberFormatError, "quantity_missing", norm, start)
    for spelled, rate_unit in (("百分之", "%"), ("千分之", "‰")):
        if s.startswith(spelled, start):  # 百分之九十五 is 95%
            magnitude = number_in(norm, start + len(spelled), end)
            return registry().Quantity(
                magnitude, _with_column(unit(rate_unit), column, strict, warnings, norm, start)
            )
    stop = _number_end(s, start, end)
    if stop == start or (stop == start + 1 and s[start] in "+-"):
        raise _error_at(NumberFormatError, "quantity_number_expected", norm, start, char=s[start])
    magnitude = number_in(norm, start, stop)
    rest = stop
    while rest < end and s[rest].isspace():
        rest += 1
    if rest == end:
        return registry().Quantity(magnitude, column if column is not None else registry().Unit(""))
    written = unit_in(norm, rest, end)
    return registry().Quantity(magnitude, _with_column(written, column, strict, warnings, norm, rest))


def quantity(text: str, unit: str | None = None) -> Quantity:
    """The quantity written in ``text``: one number and its unit, nothing else.

    ``unit`` is the table's 计量单位 column: it applies when the text has no unit (``"2602.21"`` with
    ``"万元"``), a bare 万/亿 multiplies it (``"71.63万"`` with ``"元"`` is 71.63万元), and a unit in
    the text of the same kind wins over it; one of another kind is an error.

    >>> quantity("519.84万亩"), quantity("4,746.21万元"), quantity("2602.21", unit="万元")
    (<Quantity(519.84, 'wanmu')>, <Quantity(4746.21, 'wanyuan')>, <Quantity(2602.21, 'wanyuan')>)
    >>> quantity("12.3.4万元")
    Traceback (most recent call last):
    ...
    perfeval.errors.NumberFormatError: 多了一个小数点：'12.3.4万元'（第 5 列）
    >>> quantity("12斤斤")
    Traceback (most recent call last):
    ...
    perfeval.errors.UnitError: 未知的单位 '斤斤'：'12斤斤'（第 3 列）
    """
    warnings: list[str] = []
    norm = clean_cell(text, warnings)
    return quantity_in(norm, 0, len(norm.text), unit_column(unit), True, warnings)


def unit_column(text: str | None) -> Unit | None:
    """The unit of a 计量单位 column, or None for a blank one.

    >>> unit_column("万元"), unit_column(" ")
    (<Unit('wanyuan')>, None)
    """
    if text is None or not text.strip():
        return None
    return unit(text)
