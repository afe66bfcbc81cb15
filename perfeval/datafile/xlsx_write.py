"""Writing a 自评表 workbook laid out like the published tables (:mod:`~perfeval.datafile.xlsx_layout`).

The rows are built with typed values (:class:`~decimal.Decimal` for numbers, :class:`Percent` for rates) so
that each writer decides how a number is stored: :func:`write_xlsx` writes them as text, exactly as published
(a float cell could not hold 23.00 or 1839.10); the filled-in 自评表 of ``perfeval score --format xlsx``
(:mod:`perfeval.workbook`) writes number cells with a number format.

>>> import io, openpyxl
>>> buf = io.BytesIO()
>>> write_template(buf, "部门")
>>> [c.value for c in openpyxl.load_workbook(buf).active[2]][:3]
['评价对象', '部门', '年度']
"""

from __future__ import annotations

from decimal import Decimal
from os import PathLike
from typing import IO, Any

import attrs
import openpyxl
from openpyxl.styles import Alignment, Font
from openpyxl.utils.exceptions import IllegalCharacterError
from openpyxl.worksheet.worksheet import Worksheet

from perfeval.causes import os_reason
from perfeval.datafile.schema import KIND, TOTAL, word
from perfeval.datafile.xlsx_layout import (
    ACHIEVED,
    BASE_LINES,
    BASE_SHEET,
    BUILDING_COLUMNS,
    BY_USE,
    DEFAULT_UNIT,
    EXPENSE_COLUMNS,
    FRUGALITY,
    FUND_COLUMNS,
    GOAL,
    GRADE,
    GRADING,
    NAME,
    NAMED_SHEETS,
    NUMBER_HEADER,
    OF_WHICH,
    SHEET,
    STAFF_HEADERS,
    TEMPLATE_COLUMNS,
    squash,
)
from perfeval.errors import DataFileError
from perfeval.model import Department, Evaluation, ExpenseLine, Project
from perfeval.numbers import plain

__all__ = ["Percent", "base_rows", "cell_text", "fill", "sheet_rows", "write_template", "write_xlsx"]

_TITLES = {Project.kind: "项目支出绩效自评表", Department.kind: "部门整体支出绩效自评表"}
_BOLD = frozenset({*TEMPLATE_COLUMNS, *FUND_COLUMNS, GOAL, ACHIEVED, *EXPENSE_COLUMNS})


@attrs.frozen
class Percent:
    """A rate (0.7825) that a table prints as a percent (78.25%)."""

    value: Decimal

    def __str__(self) -> str:
        return plain(self.value * 100) + "%"


def cell_text(value: object) -> object:
    """A row's value as published text: ``Decimal("23.00")`` → ``"23.00"``, a :class:`Percent` → ``"78.25%"``.

    >>> cell_text(Decimal("23.00")), cell_text(Percent(Decimal("0.7825"))), cell_text(2023)
    ('23.00', '78.25%', 2023)
    """
    if isinstance(value, Decimal):
        return format(value, "f")
    if isinstance(value, Percent):
        return str(value)
    return value


def _n(value: Decimal | None) -> Decimal | None:
    return value


def _t(value: Decimal | None) -> str | None:
    return None if value is None else format(value, "f")


def _r(value: Decimal | None) -> Percent | None:
    return None if value is None else Percent(value)


def _w(attr: str) -> str:
    return word("evaluation", attr)


def sheet_rows(evaluation: Evaluation | None, kind: str) -> list[list[object]]:
    """The 自评表 sheet of ``evaluation`` (None: a blank one of ``kind``) as rows of typed values.

    The indicator block is the row equal to :data:`~perfeval.datafile.xlsx_layout.TEMPLATE_COLUMNS`, one row
    per indicator in order, then the 总分 row.
    """
    ev = evaluation
    title = _TITLES[kind]
    rows: list[list[object]] = [[f"{ev.year}年度{title}" if ev else title]]
    rows.append([KIND, kind, _w("year"), ev.year if ev else None])
    rows.append([NAME, ev.name if ev else None])
    rows.append([_w("rubric"), ev.rubric if ev else title])
    if kind == Project.kind:
        project = ev if isinstance(ev, Project) else None
        rows.append([_w("department"), project and project.department,
                     _w("implementer"), project and project.implementer])  # fmt: skip
    f = ev.funds if ev else None
    extra: list[tuple[str, Decimal | None]] = [
        (word("funds", attr), getattr(f, attr) if f else None)
        for attr in ("carried_over", "added", "balance", "other")
    ]
    if ev is None or any(v is not None for _, v in extra):
        rows.append([x for label, v in extra for x in (label, _n(v))])
    rows.append([])
    unit = f.unit if f else DEFAULT_UNIT
    rows.append([f"资金情况（{unit}）", None, *FUND_COLUMNS])
    rows.append(
        [
            None,
            "年度资金总额",
            *(_n(f.initial), _n(f.budget), _n(f.spent), _n(f.points), _r(f.reported_rate), _n(f.reported)),
        ]
        if f
        else [None, "年度资金总额"]
    )
    lines = (
        [(f"{OF_WHICH}：", line) for line in f.by_source] + [(f"{BY_USE}：", line) for line in f.by_use]
        if f
        else []
    )
    for prefix, line in lines:
        rows.append([None, prefix + line.name, _n(line.initial), _n(line.budget), _n(line.spent)])
    if ev is None:
        # The sources the published tables list; the last is the money of the 其他资金 field.
        rows += [[None, f"{OF_WHICH}：当年财政拨款"], [None, "上年结转资金"], [None, word("funds", "other")]]
    rows += [[], ["年度总体目标", GOAL, ACHIEVED], [None, ev and ev.goal, ev and ev.achieved], []]
    rows.append(list(TEMPLATE_COLUMNS))
    groups = {g.path: g.points for g in ev.groups} if ev else {}
    for ind in ev.indicators if ev else ():
        l1 = ind.level1 and (
            f"{ind.level1}({_t(groups[(ind.level1,)])}分)" if (ind.level1,) in groups else ind.level1
        )
        key2 = (ind.level1, ind.level2) if ind.level1 and ind.level2 else None
        l2 = ind.level2 and (f"{ind.level2}({_t(groups[key2])}分)" if key2 in groups else ind.level2)
        rows.append([l1, l2, ind.name, ind.target_text, ind.unit, ind.actual_text, _n(ind.points), _n(ind.reported),
                     ind.standard, ind.description, ind.note])  # fmt: skip
    grade = ev and ev.reported_grade and f"{GRADE}：{ev.reported_grade}"
    total = [_n(ev.total_points), _n(ev.reported_total)] if ev else [None, None]
    rows.append([TOTAL, None, None, None, None, None, *total, grade])
    if ev and ev.grading:
        rows.append([GRADING, ev.grading])
    return rows


def _expense_rows(line: ExpenseLine, prefix: str) -> list[list[object]]:
    name = f"{prefix}/{line.name}" if prefix else line.name
    rows: list[list[object]] = [[name, _n(line.previous), _n(line.budget), _n(line.final)]]
    for item in line.items:
        rows += _expense_rows(item, name)
    return rows


def named_rows(ev: Evaluation, attr: str) -> list[list[object]]:
    """The rows of a 名称 | 数值 sheet (公式数据, 报告数字): a header, then one figure per row."""
    return [[_w("name"), NUMBER_HEADER], *([name, _n(value)] for name, value in getattr(ev, attr))]


def base_rows(ev: Department) -> list[list[object]]:
    """The 基础数据 sheet of a department with base data, as rows of typed values."""
    b = ev.base
    assert b is not None
    rows: list[list[object]] = [["部门整体支出绩效评价基础数据表"], []]
    rows += [["财政供养人员情况（人）", *STAFF_HEADERS],
             [None, _n(b.authorized_staff), _n(b.actual_staff), _r(b.staff_control_rate)], []]  # fmt: skip
    rows.append(["经费控制情况（万元）", *EXPENSE_COLUMNS])
    lines = (b.three_public, b.project_spending, b.common_expenses, b.procurement, b.budget_adjustment)
    for name, line in zip(BASE_LINES, lines, strict=True):
        if line is not None:
            rows += _expense_rows(ExpenseLine(name=name, previous=line.previous, budget=line.budget,
                                              final=line.final, items=line.items), "")  # fmt: skip
    rows.append([])
    if b.buildings is not None:
        x = b.buildings
        rows += [["楼堂馆所控制情况", *BUILDING_COLUMNS],
                 [None, _n(x.approved_area), _n(x.actual_area), _r(x.area_control_rate), _n(x.budget_investment),
                  _n(x.actual_investment), _r(x.investment_control_rate)], []]  # fmt: skip
    if b.frugality is not None:
        rows.append([FRUGALITY, b.frugality])
    return rows


def fill(ws: Worksheet, rows: list[list[object]]) -> None:
    """Write ``rows`` into ``ws`` as text (numbers as published), wrapped, headers bold, columns 18 wide."""
    for r, values in enumerate(rows, 1):
        for c, value in enumerate(values, 1):
            if value is None or value == "":
                continue
            value = cell_text(value)
            try:
                cell = ws.cell(row=r, column=c, value=value)
            except IllegalCharacterError as exc:
                raise DataFileError("xlsx_cell_text", text=str(value)) from exc
            if isinstance(value, str) and value.startswith("="):
                cell.data_type = "s"  # text, not a formula: a standard may start with "="
    for row in ws.iter_rows():
        for cell in row:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
            if squash(cell.value) in _BOLD:
                cell.font = Font(bold=True)
    for letter in "ABCDEFGHIJK":
        ws.column_dimensions[letter].width = 18


def _save(workbook: Any, path: str | PathLike[str] | IO[bytes]) -> None:
    try:
        workbook.save(path)
    except OSError as exc:
        raise DataFileError("xlsx_cannot_write", text=str(path), why=os_reason(exc)) from exc


def write_xlsx(evaluation: Evaluation, path: str | PathLike[str] | IO[bytes]) -> None:
    """Write ``evaluation`` as a 自评表 workbook (and a 基础数据 sheet for a department with base data)."""
    workbook = openpyxl.Workbook()
    ws = workbook.active
    ws.title = SHEET
    fill(ws, sheet_rows(evaluation, evaluation.kind))
    if isinstance(evaluation, Department) and evaluation.base is not None:
        fill(workbook.create_sheet(BASE_SHEET), base_rows(evaluation))
    for attr in NAMED_SHEETS:
        if getattr(evaluation, attr):
            fill(workbook.create_sheet(word("evaluation", attr)), named_rows(evaluation, attr))
    _save(workbook, path)


def write_template(path: str | PathLike[str] | IO[bytes], kind: str) -> None:
    """Write a blank 自评表 workbook for a 项目 or a 部门."""
    workbook = openpyxl.Workbook()
    ws = workbook.active
    ws.title = SHEET
    fill(ws, sheet_rows(None, kind))
    _save(workbook, path)
