"""The filled-in 自评表: the table in its published layout, the computed 得分 beside the reported one, and the
audit's findings marked in it — the workbook a reviewer hands in.

``perfeval score DATA --format xlsx`` writes :func:`write_scored`; ``perfeval audit DATA --format xlsx`` adds
the findings (each disagreeing cell highlighted, with a comment that gives the reason) and a 复核 summary
sheet; ``perfeval template OUT --rubric R`` writes :func:`write_rubric_template`. Numbers are number cells
with the number format of their own digits (23.00 shows as 23.00); a number a float cannot hold exactly
stays text, so no digit is lost. Text is never a formula (``=``, ``+``, ``-``, ``@`` are written as text).
The workbook reads back with :func:`perfeval.datafile.load_evaluation` to the same data: the computed
columns are output the reader skips.

>>> import io, openpyxl
>>> from perfeval.datafile import load_evaluation
>>> from perfeval.rubric.audit import audit, evaluate
>>> ev = load_evaluation("examples/zhijiang-2023-department.toml")
>>> buf = io.BytesIO()
>>> write_scored(ev, evaluate(ev), buf, audit(evaluate(ev)))
>>> openpyxl.load_workbook(buf).sheetnames
['自评表', '复核', '基础数据']
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from decimal import Decimal
from os import PathLike
from typing import IO, Any

import openpyxl
from openpyxl.comments import Comment
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from .causes import os_reason
from .datafile.schema import TOTAL
from .datafile.schema import word as key_word
from .datafile.xlsx_layout import (
    BASE_SHEET,
    COMPUTED,
    COMPUTED_BASIS,
    FUND_COLUMNS,
    FUNDS,
    GRADE,
    GROUP_POINTS,
    LEVEL1,
    LEVEL2,
    LEVEL3,
    NAMED_SHEETS,
    POINTS,
    REPORTED,
    REQUIRED,
    SHEET,
    TEMPLATE_COLUMNS,
)
from .datafile.xlsx_write import Percent, base_rows, named_rows, sheet_rows
from .errors import DataFileError, Location, display_width
from .figure_cells import Place, figure_places
from .i18n import N_, by_locale
from .model import Department, Evaluation, Project
from .rubric.audit import Audit
from .rubric.reason import say
from .rubric.rubric import Rubric
from .rubric.scoring import STATUS_WORDS, IndicatorScore, ScoreCard

__all__ = ["FINDING_FILL", "KIND_WORDS", "SUMMARY_SHEET", "finding_kind", "put", "write_rubric_template",
           "write_scored"]

SUMMARY_SHEET = "复核"
"""The sheet of the audit's summary: totals, grades, findings by kind, every finding, unchecked indicators."""

FINDING_FILL = PatternFill("solid", start_color="FFF4B6B6", end_color="FFF4B6B6")
"""The fill of a cell the audit disagrees with."""
_HEAD_FILL = PatternFill("solid", start_color="FFE7ECF3", end_color="FFE7ECF3")
_COMPUTED_FILL = PatternFill("solid", start_color="FFF3F7EC", end_color="FFF3F7EC")
_THIN = Side(style="thin", color="FF808080")
_BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_FORMULA_START = ("=", "+", "-", "@")
_MAX_WIDTH = 40
_AUTHOR = "perfeval"

#: The kinds of finding, in words (a kind from a newer audit is shown as it is named).
KIND_WORDS = by_locale({
    "score": N_("kind_score"), "cannot_score": N_("kind_cannot_score"), "total": N_("kind_total"),
    "total_points": N_("kind_total_points"), "grade": N_("kind_grade"), "row": N_("kind_row"),
    "empty": N_("kind_empty"), "table": N_("kind_table"), "inputs": N_("kind_inputs")
})
_STATUS = by_locale(STATUS_WORDS)
_WORDS = by_locale({
    "computed_grade": N_("book_computed_grade"), "rubric": N_("book_rubric"),
    "name": N_("book_name"), "reported": N_("book_reported"), "computed": N_("book_computed"),
    "total": N_("book_total"), "grade": N_("book_grade"), "kind": N_("book_kind"),
    "count": N_("book_count"), "indicator": N_("book_indicator"), "reason": N_("book_reason"),
    "cell": N_("book_cell"), "findings": N_("book_findings"), "none": N_("book_none"),
    "unchecked": N_("book_unchecked"), "unchecked_count": N_("book_unchecked_count"),
    "complete": N_("book_complete"), "yes": N_("book_yes"), "no": N_("book_no"),
    "no_cell": N_("book_no_cell"), "by_kind": N_("book_by_kind"), "n": N_("book_n"),
    "title": N_("book_title")
})
#: A table finding names a group's 分值 ``指标分组.产出指标/数量指标.分值``.
_GROUPS = key_word("evaluation", "groups")
#: Findings about the table as a whole, by the name the audit gives them.
_TABLE_FINDINGS = {"总分值": "total_points", "总分": "total", "等级": "grade"}


def _lang(locale: str) -> str:
    return "en" if locale.startswith("en") else "zh_CN"


# --- findings, read generically ------------------------------------------------------------------------


def finding_kind(finding: object) -> str:
    """The kind of an audit finding: its own ``kind`` when it has one, else what it is about.

    >>> from perfeval.rubric.audit import Discrepancy
    >>> from perfeval.rubric.reason import Reason
    >>> finding_kind(Discrepancy("总分", Decimal(98), Decimal(97), Reason("", ""), "total"))
    'total'
    """
    kind = getattr(finding, "kind", None)
    if kind:
        return str(getattr(kind, "value", kind))
    name = _finding_name(finding)
    if name in _TABLE_FINDINGS:
        return _TABLE_FINDINGS[name]
    return "cannot_score" if getattr(finding, "computed", None) is None else "score"


def _finding_name(finding: object) -> str:
    return str(getattr(finding, "indicator", None) or getattr(finding, "name", None) or "")


def _finding_message(finding: object, locale: str) -> str:
    for attr in ("reason", "message"):
        value = getattr(finding, attr, None)
        if value is not None:
            return say(value, locale)
    return str(finding)


def _kind_word(kind: str, locale: str) -> str:
    return KIND_WORDS[_lang(locale)].get(kind, kind)


# --- cells ----------------------------------------------------------------------------------------------


def _format_of(value: Decimal, percent: bool = False) -> str:
    """The number format that shows ``value`` with its own digits: 23.00 → ``0.00``, 78.25% → ``0.00%``.

    >>> _format_of(Decimal("23.00")), _format_of(Decimal("10")), _format_of(Decimal("0.7825"), percent=True)
    ('0.00', '0', '0.00%')
    """
    text = str(Percent(value))[:-1] if percent else format(value, "f")
    places = len(text.split(".")[1]) if "." in text else 0
    return ("0." + "0" * places if places else "0") + ("%" if percent else "")


def _shown(value: object, number_format: str) -> str:
    if isinstance(value, Decimal | float | int) and not isinstance(value, bool):
        number = Decimal(str(value))
        return str(Percent(number)) if "%" in number_format else format(number, "f")
    return str(value)


def _exact_in_a_float(value: Decimal) -> bool:
    # 15 significant digits always survive a double and its shortest repr, which is what a reader sees
    return len(value.normalize().as_tuple().digits) <= 15 and Decimal(repr(float(value))) == value


def put(ws: Worksheet, row: int, column: int, value: object) -> None:
    """Write one value: a Decimal or :class:`Percent` as a number cell, text never as a formula."""
    if value is None or value == "":
        return
    cell = ws.cell(row=row, column=column)
    if isinstance(value, Percent):
        if _exact_in_a_float(value.value):
            cell.value = float(value.value)
            cell.number_format = _format_of(value.value, percent=True)
        else:
            cell.value = str(value)
    elif isinstance(value, Decimal):
        if _exact_in_a_float(value):
            cell.value = int(value) if value == value.to_integral_value() else float(value)
            cell.number_format = _format_of(value)
        else:
            cell.value = format(value, "f")  # more digits than a float holds: the exact text
    elif isinstance(value, int):
        cell.value = value
    else:
        text = str(value)
        try:
            cell.value = text
        except Exception as exc:  # openpyxl's IllegalCharacterError: control characters
            raise DataFileError("xlsx_control_character", text=text,
                                location=Location(cell=f"{ws.title}!{cell.coordinate}")) from exc
        cell.data_type = "s"  # "=SUM(…)" in a name or a standard stays text
        if text.startswith(_FORMULA_START):
            cell.quotePrefix = True  # and stays text when someone edits the cell in Excel
    cell.alignment = Alignment(wrap_text=True, vertical="center")


def _fill_rows(ws: Worksheet, rows: Sequence[Sequence[object]], first: int = 1) -> None:
    for r, values in enumerate(rows, first):
        for c, value in enumerate(values, 1):
            put(ws, r, c, value)


def _fit_widths(ws: Worksheet) -> None:
    """Column widths from the widest line of each column, CJK characters counting two (Excel's unit)."""
    widths: dict[int, int] = {}
    merged = {c for rng in ws.merged_cells.ranges if rng.max_col > rng.min_col for c in _cells_of(rng)}
    for row in ws.iter_rows():
        for cell in row:
            if cell.value is None or cell.coordinate in merged:
                continue
            text = _shown(cell.value, str(cell.number_format))
            longest = max((display_width(line) for line in text.split("\n")), default=0)
            widths[cell.column] = max(widths.get(cell.column, 0), longest)
    for column, width in widths.items():
        ws.column_dimensions[get_column_letter(column)].width = min(max(width + 2, 6), _MAX_WIDTH)


def _cells_of(rng: Any) -> Iterable[str]:
    for r in range(rng.min_row, rng.max_row + 1):
        for c in range(rng.min_col, rng.max_col + 1):
            yield f"{get_column_letter(c)}{r}"


def _merge_down(ws: Worksheet, column: int, first: int, last: int) -> None:
    if last > first:
        ws.merge_cells(start_row=first, start_column=column, end_row=last, end_column=column)


# --- the 自评表 sheet -------------------------------------------------------------------------------------


class _Sheet:
    """Where things went on the 自评表 sheet: the cells a finding can point at."""

    def __init__(self) -> None:
        self.targets: dict[str, list[tuple[int, int]]] = {}
        self.items: dict[int, IndicatorScore] = {}  # the row of each indicator, for a name two rows share
        self.head: list[list[object]] = []  # the rows above the indicator block, as written from row 1

    def at(self, name: str, row: int, *columns: int) -> None:
        self.targets.setdefault(name, []).extend((row, c) for c in columns)


#: The column orders of the published tables. A 自评表 prints each group's 分值 in its label ("产出指标(50分)");
#: a 共性指标表 (评分表) prints a 分值 column after 一级指标 and after 二级指标 (000, 003).
_G1, _G2 = GROUP_POINTS[LEVEL1], GROUP_POINTS[LEVEL2]
_T = dict(zip(("level1", "level2", "name", "target", "unit", "actual", "points", "reported", "standard",
               "description", "note"), TEMPLATE_COLUMNS, strict=True))
_SELF_ORDER = TEMPLATE_COLUMNS
_COMMON_ORDER = (LEVEL1, _G1, LEVEL2, _G2, LEVEL3, POINTS, _T["standard"], _T["description"], REPORTED,
                 _T["target"], _T["unit"], _T["actual"], _T["note"])


def _is_common(ev: Evaluation | None) -> bool:
    """A 共性指标表 / 评分表 (its groups carry their 分值 in columns of their own), not a 自评表."""
    return ev is not None and bool(ev.groups) and any(w in ev.rubric for w in ("共性指标", "评分表"))


def _layout(values: list[dict[str, object]], common: bool, computed: bool, blank: bool) -> list[str]:
    """The indicator columns to write, in the published order: the required ones, 得分, the group 分值 of a
    共性指标表, and every optional one that holds a value; the computed columns right after 得分."""
    keep = [k for k in (_COMMON_ORDER if common else _SELF_ORDER)
            if blank or k in (*REQUIRED, REPORTED, _G1, _G2) or any(v.get(k) not in (None, "") for v in values)]
    if computed:
        at = keep.index(REPORTED) + 1
        keep[at:at] = [COMPUTED, COMPUTED_BASIS]
    return keep


def _main_sheet(ws: Worksheet, ev: Evaluation | None, kind: str, card: ScoreCard | None,
                extra: Sequence[Sequence[object]] = (), locale: str = "zh_CN") -> _Sheet:
    """Write the 自评表 of ``ev`` (or a blank one, with ``extra`` indicator rows) and return its cells."""
    lang = _lang(locale)
    rows = sheet_rows(ev, kind)
    header = rows.index(list(TEMPLATE_COLUMNS))
    inds = list(ev.indicators) if ev is not None else []
    body = [list(r) for r in extra] if ev is None else rows[header + 1 : header + 1 + len(inds)]
    tail = rows[header + 2 + len(inds) :]
    common = _is_common(ev)
    values = [dict(zip(TEMPLATE_COLUMNS, r, strict=False)) for r in body]
    if common and ev is not None:
        points = {g.path: g.points for g in ev.groups}
        for v, row in zip(values, inds, strict=True):
            v[LEVEL1], v[LEVEL2] = row.level1, row.level2
            v[_G1] = points.get((row.level1,)) if row.level1 else None
            v[_G2] = points.get((row.level1, row.level2)) if row.level1 and row.level2 else None
    with_computed = card is not None
    keys = _layout(values, common, with_computed, blank=ev is None)
    at = {k: n for n, k in enumerate(keys)}
    names = [POINTS if k in (_G1, _G2) else k for k in keys]
    items = {i.path: i for i in card} if card is not None else {}
    width = len(names)
    sheet = _Sheet()
    # The head (title, label/value pairs, 资金情况, 年度总体目标) as sheet_rows lays it out.
    head = rows[:header]
    fund_header = next((n for n, r in enumerate(head) if len(r) > 2 and tuple(r[2:8]) == FUND_COLUMNS), None)
    funds_item = next((i for i in card if i.path and i.path[0].startswith(FUNDS) and i.path not in
                       {x.path for x in inds}), None) if card is not None else None
    if funds_item is not None and fund_header is not None:
        head[fund_header] = [*head[fund_header], COMPUTED]
    _fill_rows(ws, head)
    sheet.head = head
    ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=max(width, 2))
    ws.cell(row=1, column=1).font = Font(bold=True, size=14)
    ws.cell(row=1, column=1).alignment = Alignment(horizontal="center", vertical="center")
    if fund_header is not None:
        r0 = fund_header + 1
        last = fund_header
        while last + 1 < len(head) and any(v not in (None, "") for v in head[last + 1]):
            last += 1
        _merge_down(ws, 1, r0, last + 1)
        _style_block(ws, r0, last + 1, 1, len(head[fund_header]), header_rows=1)
        if funds_item is not None:
            reported = head[fund_header].index(FUND_COLUMNS[-1]) + 1  # the block's 得分, then 计算得分
            computed = head[fund_header].index(COMPUTED) + 1
            put(ws, r0 + 1, computed, funds_item.points)
            ws.cell(row=r0 + 1, column=computed).fill = _COMPUTED_FILL
            sheet.at(funds_item.name, r0 + 1, reported, computed)
    goal = next((n for n, r in enumerate(head) if r and r[0] == "年度总体目标"), None)
    if goal is not None:
        _merge_down(ws, 1, goal + 1, goal + 2)
        _style_block(ws, goal + 1, goal + 2, 1, 3, header_rows=1)
    # The indicator block.
    top = header + 1
    for c, name in enumerate(names, 1):
        put(ws, top, c, name)
    for n, row_values in enumerate(values):
        r = top + 1 + n
        ind = inds[n] if ev is not None else None
        item = items.get(ind.path) if ind is not None else None
        if item is not None:
            row_values[COMPUTED] = item.points
            row_values[COMPUTED_BASIS] = _STATUS[lang][item.status]
            sheet.at(item.name, r, at[REPORTED] + 1, at[COMPUTED] + 1)
            sheet.items[r] = item
        if ind is not None and ind.level1:
            # a group's 分值 is in its label (产出指标(50分)) or its own column: the group's first row
            groups = [(ind.level1, LEVEL1, _G1)] + ([(f"{ind.level1}/{ind.level2}", LEVEL2, _G2)] if ind.level2 else [])
            for name, label, own in groups:
                if f"{_GROUPS}.{name}.{POINTS}" not in sheet.targets:
                    sheet.at(f"{_GROUPS}.{name}.{POINTS}", r, at.get(own, at[label]) + 1)
        for c, key in enumerate(keys, 1):
            put(ws, r, c, row_values.get(key))
    last = top + len(values)
    t = last + 1
    put(ws, t, 1, TOTAL)
    if ev is not None:
        put(ws, t, at[POINTS] + 1, ev.total_points)
        put(ws, t, at[REPORTED] + 1, ev.reported_total)
    grade_column = width + 1
    if ev is not None and ev.reported_grade:
        put(ws, t, grade_column, f"{GRADE}：{ev.reported_grade}")
    sheet.at("总分值", t, at[POINTS] + 1)
    sheet.at("总分", t, at[REPORTED] + 1)
    if card is not None:
        put(ws, t, at[COMPUTED] + 1, card.total)
        word = _WORDS[lang]["computed_grade"]
        put(ws, t, at[COMPUTED_BASIS] + 1, f"{word}：{card.grade}" if card.grade else None)
        sheet.at("总分", t, at[COMPUTED] + 1)
        sheet.at("等级", t, grade_column if ev is not None and ev.reported_grade else at[COMPUTED_BASIS] + 1)
    if at[LEVEL3] > 0:
        ws.merge_cells(start_row=t, start_column=1, end_row=t, end_column=at[LEVEL3] + 1)
    _merge_levels(ws, top + 1, last, at)
    _style_block(ws, top, t, 1, width, header_rows=1)
    if with_computed:
        for r in range(top + 1, t + 1):
            for c in (at[COMPUTED] + 1, at[COMPUTED_BASIS] + 1):
                ws.cell(row=r, column=c).fill = _COMPUTED_FILL
    _fill_rows(ws, tail, first=t + 1)
    _fit_widths(ws)
    return sheet


def _merge_levels(ws: Worksheet, first: int, last: int, at: dict[str, int]) -> None:
    """一级 cells (and a 共性指标表's 一级 分值) merged down their rows, 二级 cells down theirs within the 一级 (a
    merged cell's lower cells are blank, which the reader takes as "the row above's", as in the published tables)."""
    c1, c2 = at[LEVEL1] + 1, at[LEVEL2] + 1

    def key(r: int, upto: int) -> tuple[object, ...]:
        return tuple(ws.cell(row=r, column=c).value for c in (c1, c2)[:upto])

    merges: list[tuple[int, int, int]] = []
    for column, upto, points in ((c2, 2, at.get(_G2)), (c1, 1, at.get(_G1))):
        start = first
        for r in range(first + 1, last + 2):
            if r > last or key(r, upto) != key(start, upto) or ws.cell(row=r, column=column).value is None:
                if ws.cell(row=start, column=column).value is not None and r - 1 > start:
                    merges += [(column, start, r - 1)] + ([(points + 1, start, r - 1)] if points is not None else [])
                start = r
    for column, a, b in merges:  # after every run is known: merging blanks the cells below
        _merge_down(ws, column, a, b)


def _style_block(ws: Worksheet, first: int, last: int, col_first: int, col_last: int, header_rows: int) -> None:
    for r in range(first, last + 1):
        for c in range(col_first, col_last + 1):
            cell = ws.cell(row=r, column=c)
            cell.border = _BORDER
            if r < first + header_rows:
                cell.font = Font(bold=True)
                cell.fill = _HEAD_FILL
                cell.alignment = Alignment(wrap_text=True, horizontal="center", vertical="center")
            elif cell.alignment is None or not cell.alignment.wrap_text:
                cell.alignment = Alignment(wrap_text=True, vertical="center")


# --- findings -------------------------------------------------------------------------------------------


def _places(sheet: _Sheet, finding: object, sheets: dict[str, list[list[object]]]) -> list[Place]:
    """The cells of one finding: an indicator's 得分 (and computed 得分), a total, or a table figure's cells."""
    if finding_kind(finding) == "table":
        own = [(SHEET, r, c) for key in getattr(finding, "cells", ()) for r, c in sheet.targets.get(key, [])]
        return list(dict.fromkeys(own + [p for key in getattr(finding, "cells", ()) for p in figure_places(key, sheets)]))
    cells = sheet.targets.get(_finding_name(finding), [])
    rows = {r for r, _ in cells if r in sheet.items}
    if len(rows) > 1:  # several indicators of that name: the one the finding is about, never a guess
        path = getattr(finding, "path", None)
        keep = {r for r in rows if (sheet.items[r].path == tuple(path) if path else
                                    sheet.items[r].points != sheet.items[r].reported)}
        cells = [(r, c) for r, c in cells if r in keep] if len(keep) == 1 else []
    return [(SHEET, r, c) for r, c in cells]


def _mark(workbook: Any, sheet: _Sheet, found: Audit, locale: str, sheets: dict[str, list[list[object]]]) -> list[str]:
    """Highlight and comment the cells of every finding (``sheets``: the rows written on each sheet, where a
    table finding's figures are found); the cell references, one per finding."""
    places: list[str] = []
    reasons: dict[Place, list[str]] = {}
    for finding in found.discrepancies:
        cells = _places(sheet, finding, sheets)
        message = f"{_kind_word(finding_kind(finding), locale)}：{_finding_message(finding, locale)}"
        for title, r, c in cells:
            workbook[title].cell(row=r, column=c).fill = FINDING_FILL
            reasons.setdefault((title, r, c), []).append(message)
        places.append(", ".join(f"{title}!{get_column_letter(c)}{r}" for title, r, c in cells))
    for (title, r, c), said in reasons.items():
        comment = Comment("\n".join(said), _AUTHOR)
        comment.width, comment.height = 360, 40 + 18 * sum(1 + len(m) // 24 for m in said)
        workbook[title].cell(row=r, column=c).comment = comment
    return places


def _summary(ws: Worksheet, ev: Evaluation, found: Audit, places: list[str], locale: str) -> None:
    lang = _lang(locale)
    w = _WORDS[lang]
    card = found.card
    rows: list[list[object]] = [
        [w["title"]],
        [w["rubric"], card.rubric],
        [w["name"], ev.name],
        [None, w["reported"], w["computed"]],
        [w["total"], card.reported_total, card.total],
        [w["grade"], card.reported_grade, card.grade],
        [w["complete"], None, w["yes"] if card.complete else w["no"]],
        [],
        [w["by_kind"], w["count"]],
    ]
    kinds: dict[str, int] = {}
    for finding in found.discrepancies:
        kinds[finding_kind(finding)] = kinds.get(finding_kind(finding), 0) + 1
    rows += [[_kind_word(k, locale), n] for k, n in kinds.items()] or [[w["none"], 0]]
    rows += [[w["unchecked_count"], len(found.unchecked)], [], [w["findings"]],
             [w["n"], w["kind"], w["indicator"], w["reported"], w["computed"], w["reason"], w["cell"]]]
    first_finding = len(rows) + 1
    for n, (finding, place) in enumerate(zip(found.discrepancies, places, strict=True), 1):
        rows.append([n, _kind_word(finding_kind(finding), locale), _finding_name(finding),
                     getattr(finding, "reported", None), getattr(finding, "computed", None),
                     _finding_message(finding, locale), place or w["no_cell"]])
    rows += [[], [w["unchecked"]], [w["n"], w["indicator"], w["reported"], w["reason"]]]
    rows += [[n, item.name, item.reported, say(item.reason, locale)] for n, item in enumerate(found.unchecked, 1)]
    _fill_rows(ws, rows)
    for r in (1, 4, 9, first_finding - 2, first_finding - 1, len(rows) - len(found.unchecked) - 1,
              len(rows) - len(found.unchecked)):
        for cell in ws[r]:
            cell.font = Font(bold=True)
    for n, place in enumerate(places):
        if place:
            cell = ws.cell(row=first_finding + n, column=7)
            title, _, coordinate = place.split(",")[0].partition("!")
            cell.hyperlink = f"#'{title}'!{coordinate}"
    _fit_widths(ws)


# --- the writers ----------------------------------------------------------------------------------------


def _save(workbook: Any, path: str | PathLike[str] | IO[bytes]) -> None:
    try:
        workbook.save(path)
    except OSError as exc:
        raise DataFileError("xlsx_cannot_write", text=str(path), why=os_reason(exc)) from exc


def write_scored(ev: Evaluation, card: ScoreCard, path: str | PathLike[str] | IO[bytes],
                 found: Audit | None = None, locale: str = "zh_CN") -> None:
    """Write ``ev`` as its 自评表 with ``card``'s computed 得分 beside the reported ones; with ``found`` (the
    audit of ``card``) mark every finding's cells and add the 复核 summary sheet."""
    workbook = openpyxl.Workbook()
    ws = workbook.active
    ws.title = SHEET
    sheet = _main_sheet(ws, ev, ev.kind, card, locale=locale)
    summary = workbook.create_sheet(SUMMARY_SHEET) if found is not None else None
    sheets: dict[str, list[list[object]]] = {SHEET: sheet.head}
    if isinstance(ev, Department) and ev.base is not None:
        base = workbook.create_sheet(BASE_SHEET)
        sheets[BASE_SHEET] = base_rows(ev)
        _fill_rows(base, sheets[BASE_SHEET])
        for row in base.iter_rows():
            values = [c.value for c in row if c.value is not None]
            if len(values) > 1 and all(isinstance(v, str) for v in values):  # a block's header row
                for cell in row:
                    cell.font = Font(bold=True)
        _fit_widths(base)
    for attr in NAMED_SHEETS:
        if getattr(ev, attr):
            sheets[key_word("evaluation", attr)] = named_rows(ev, attr)
            _fill_rows(workbook.create_sheet(key_word("evaluation", attr)), sheets[key_word("evaluation", attr)])
    if found is not None and summary is not None:
        places = _mark(workbook, sheet, found, locale, sheets)
        _summary(summary, ev, found, places, locale)
    _save(workbook, path)


def write_rubric_template(rubric: Rubric, path: str | PathLike[str] | IO[bytes], kind: str | None = None) -> None:
    """A blank 自评表 with the rows of ``rubric`` filled in (levels, 分值, 评分标准, 说明) and its 得分 cells
    validated: a number between the lowest and the highest points the standard can give (0..分值 without
    a standard)."""
    chosen = kind or (Department.kind if Department.kind in rubric.name else Project.kind)
    groups = {(g.level, g.name): g.points for g in rubric.source.groups}
    rows: list[list[object]] = []
    for ind in rubric.indicators:
        l1 = f"{ind.level1}({format(groups[(1, ind.level1)], 'f')}分)" if (1, ind.level1) in groups else ind.level1
        l2 = ind.level2 and (f"{ind.level2}({format(groups[(2, ind.level2)], 'f')}分)"
                             if (2, ind.level2) in groups else ind.level2)
        standard = ind.rule.text if ind.rule is not None else None
        rows.append([l1, l2, ind.name, None, None, None, ind.points, None, standard, ind.note, None])
    workbook = openpyxl.Workbook()
    ws = workbook.active
    ws.title = SHEET
    _main_sheet(ws, None, chosen, None, extra=rows)
    put(ws, 4, 2, rubric.name)  # 评价体系 (row 4 of sheet_rows' head), the rubric's own name
    top = next(r for r in range(1, ws.max_row + 1) if ws.cell(row=r, column=3).value == LEVEL3)
    column = get_column_letter(TEMPLATE_COLUMNS.index(REPORTED) + 1)
    by_range: dict[tuple[Decimal, Decimal], list[str]] = {}
    for n, ind in enumerate(rubric.indicators):
        allowed = ind.rule.allowed_points() if ind.rule is not None else [(Decimal(0), ind.points)]
        span = (min(lo for lo, _ in allowed), max(hi for _, hi in allowed)) if allowed else (Decimal(0), ind.points)
        by_range.setdefault(span, []).append(f"{column}{top + 1 + n}")
    for (low, high), cells in by_range.items():
        if low.is_infinite():  # 可倒扣分 without a limit: only the top bounds the score
            check = DataValidation(type="decimal", operator="lessThanOrEqual", formula1=format(high, "f"),
                                   allow_blank=True, showErrorMessage=True, errorTitle="得分",
                                   error=f"得分不应高于 {high:f} 分 (at most {high:f})")
        else:
            check = DataValidation(type="decimal", operator="between", formula1=format(low, "f"),
                                   formula2=format(high, "f"), allow_blank=True, showErrorMessage=True,
                                   errorTitle="得分", error=f"得分应在 {low:f} 到 {high:f} 分之间 (between {low:f} and {high:f})")
        for cell in cells:
            check.add(cell)
        ws.add_data_validation(check)
    _save(workbook, path)

