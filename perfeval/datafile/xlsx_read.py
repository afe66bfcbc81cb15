"""Reading a 自评表 workbook laid out like the published tables (:mod:`~perfeval.datafile.xlsx_layout`).

The reader turns a workbook into the same dictionary a TOML file parses to (published words as keys)
plus a map from key path to cell, so that every check of :func:`perfeval.datafile.evaluation_from_dict`
reports ``自评表!G14`` instead of a line.

>>> import io
>>> from perfeval.datafile.xlsx_write import write_template
>>> buf = io.BytesIO()
>>> write_template(buf, "项目")
>>> raw, locate = read_xlsx(io.BytesIO(buf.getvalue()), "t.xlsx")
>>> raw["评价对象"], str(locate(("评价对象",)))
('项目', 't.xlsx，单元格 自评表!B2')
"""

from __future__ import annotations

import datetime
import io
import math
import re
import zipfile
from collections.abc import Sequence
from decimal import Decimal
from os import PathLike
from typing import IO, Any

import attrs
import openpyxl
from openpyxl.worksheet.worksheet import Worksheet

from perfeval.datafile.schema import TOTAL, KeyPath, Locate, spellings
from perfeval.datafile.schema import word as key_word
from perfeval.datafile.xlsx_layout import (
    ACHIEVED,
    BASE,
    BASE_LINES,
    BASE_SHEETS,
    BUDGET,
    BUILDING_COLUMNS,
    BUILDINGS,
    BY_SOURCE,
    BY_USE,
    DECORATIVE,
    DEFAULT_UNIT,
    EXPENSE_COLUMNS,
    EXPENSE_NAME,
    FRUGALITY,
    FUND_COLUMNS,
    FUND_LINE_COLUMNS,
    FUNDS,
    GOAL,
    GRADE,
    GROUP_POINTS,
    GROUPS,
    INDICATOR_COLUMNS,
    INDICATORS,
    LEVEL1,
    LEVEL2,
    LEVEL3,
    LINE_NAME,
    META,
    NAMED_SHEETS,
    OF_WHICH,
    POINTS,
    REQUIRED,
    STAFF,
    STAFF_COLUMNS,
    TOTAL_COLUMNS,
    UNIT,
    squash,
)
from perfeval.datafile.xlsx_limits import check_sheet_size, check_workbook
from perfeval.errors import DataFileError, Location, PerfevalError
from perfeval.numbers import plain, to_decimal

__all__ = ["read_xlsx"]

Cell = Any  # openpyxl cells are untyped

_GROUP = re.compile(r"^(?P<name>.*?)\s*[（(]\s*(?P<points>[0-9]+(?:\.[0-9]+)?)\s*分\s*[)）]$", re.S)
_LINE_PREFIX = re.compile(rf"^\s*({re.escape(BY_USE)}|{re.escape(BY_SOURCE)}|{re.escape(OF_WHICH)})\s*分?\s*[:：]?\s*")
_GRADE = re.compile(rf"^{re.escape(GRADE)}\s*[:：]\s*(.+)$", re.S)


def _value(cell: Cell) -> str | int | Decimal | None:
    """A cell as the data dictionary wants it: text, int or exact Decimal; None when blank."""
    v = cell.value
    if v is None:
        return None
    if isinstance(v, bool):
        return str(v)
    if isinstance(v, datetime.datetime | datetime.date):
        return f"{v.year}/{v.month:02d}/{v.day:02d}"
    if isinstance(v, float) and not math.isfinite(v):
        raise DataFileError("xlsx_not_finite", text=str(v),
                            location=Location(cell=f"{cell.parent.title}!{cell.coordinate}"))
    if isinstance(v, int | float):
        number = to_decimal(v)
        if "%" in str(cell.number_format):
            # Excel stores "95%" as 0.95 with a percent format; the table meant the text "95%".
            return plain(number * 100) + "%"
        return int(v) if isinstance(v, int) else number
    text = str(v).strip()
    return text or None


def _text(cell: Cell) -> str | None:
    v = _value(cell)
    return (
        None
        if v is None
        else (v if isinstance(v, str) else format(v, "f") if isinstance(v, Decimal) else str(v))
    )


class _Book:
    """Collects the data dictionary and the cell of every key path while reading."""

    def __init__(self, path: str | None) -> None:
        self.path = path
        self.data: dict[str, Any] = {}
        self.cells: dict[KeyPath, str] = {}

    def where(self, sheet: Worksheet, coordinate: str) -> Location:
        return Location(path=self.path, cell=f"{sheet.title}!{coordinate}")

    def put(self, key_path: KeyPath, value: object, sheet: Worksheet, cell: Cell) -> None:
        """Store ``value`` at ``key_path`` (creating tables and array slots on the way)."""
        node: Any = self.data
        for part, nxt in zip(key_path, key_path[1:], strict=False):
            if isinstance(node, list):
                while len(node) <= int(part):
                    node.append({})
                node = node[int(part)]
            else:
                node = node.setdefault(part, [] if isinstance(nxt, int) else {})
        last = key_path[-1]
        if isinstance(node, list):
            while len(node) <= int(last):
                node.append({})
            node[int(last)] = value
        else:
            if last in node and value != node[last]:
                raise DataFileError(
                    "xlsx_given_twice", key=last,
                    text=str(value),
                    location=self.where(sheet, cell.coordinate),
                )
            node[last] = value
        self.cells[key_path] = f"{sheet.title}!{cell.coordinate}"

    def locate(self, key_path: KeyPath) -> Location:
        for n in range(len(key_path), -1, -1):
            if key_path[:n] in self.cells:
                return Location(path=self.path, cell=self.cells[key_path[:n]])
        return Location(path=self.path)


def read_xlsx(file: IO[bytes] | str | PathLike[str], path: str | None = None) -> tuple[dict[str, Any], Locate]:
    """The data dictionary of a 自评表 workbook, and a function from key path to its cell's Location."""
    if not hasattr(file, "read"):
        with open(file, "rb") as f:
            return read_xlsx(io.BytesIO(f.read()), path)
    check_workbook(file, path)  # type: ignore[arg-type]
    try:
        workbook = openpyxl.load_workbook(file, data_only=True)
    except Exception as exc:  # openpyxl raises zipfile, KeyError and its own errors alike
        raise DataFileError("xlsx_unreadable", location=Location(path=path), kind=type(exc).__name__) from exc
    for ws in workbook.worksheets:
        # Its cells as loaded, whatever the dimension said: iterating materialises the whole range.
        check_sheet_size(ws.max_row, ws.max_column, Location(path=path, cell=f"{ws.title}!{ws.dimensions}"))
    _no_uncached_formulas(file, workbook, path)
    try:
        return _read_book(workbook, path)
    except PerfevalError as exc:
        if exc.location.path is None and path is not None:
            exc.location = attrs.evolve(exc.location, path=path)
        raise


def _read_book(workbook: Any, path: str | None) -> tuple[dict[str, Any], Locate]:
    book = _Book(path)
    named = {sp: attr for attr in NAMED_SHEETS for sp in spellings("evaluation", attr)}
    sheets = [ws for ws in workbook.worksheets if ws.title not in BASE_SHEETS and ws.title not in named]
    main = next((ws for ws in sheets if _find_row(ws, LEVEL3) is not None), None)
    if main is None:
        names = ", ".join(ws.title for ws in sheets)
        raise DataFileError(
            "xlsx_no_header", columns=" ".join(REQUIRED),
            text=names,
            location=Location(path=path),
        )
    _read_main(book, main)
    for ws in workbook.worksheets:
        if ws.title in BASE_SHEETS:
            _read_base(book, ws)
        elif ws.title in named:
            _read_named(book, ws, key_word("evaluation", named[ws.title]))
    return book.data, book.locate


def _read_named(book: _Book, ws: Worksheet, key: str) -> None:
    """A 名称 | 数值 sheet (公式数据, 报告数字): one figure per row under the header row."""
    for row in ws.iter_rows():
        if len(row) < 2 or _text(row[0]) is None:
            continue
        if row[0].row == 1 and squash(row[0].value) in spellings("evaluation", "name"):
            continue  # the 名称 | 数值 header (a sheet may start with its first figure instead)
        book.put((key, _text(row[0]) or ""), _value(row[1]), ws, row[1])


# <f>, <f t="array" …/>, and with a namespace prefix (<x:f>) as the .NET OpenXML SDK writes it
_FORMULA = re.compile(rb"<(?:\w+:)?f[\s>/]")


def _no_uncached_formulas(file: IO[bytes] | str | PathLike[str], values: Any, path: str | None) -> None:
    """A formula cell whose result was never computed (a workbook written by a program, not saved by Excel)
    reads as blank: "not reported". Refuse it, at its cell, instead. The formulas are looked for in the
    sheets' XML first, so a workbook without any is read once."""
    if hasattr(file, "seek"):
        file.seek(0)
    try:
        with zipfile.ZipFile(file) as archive:
            has = any(_FORMULA.search(archive.read(n)) for n in archive.namelist() if n.startswith("xl/worksheets/"))
    except (zipfile.BadZipFile, OSError, KeyError):
        return
    if not has:
        return
    if hasattr(file, "seek"):
        file.seek(0)
    formulas = openpyxl.load_workbook(file, data_only=False)
    for ws in formulas.worksheets:
        shown = values[ws.title]
        for row in ws.iter_rows():
            for cell in row:
                formula = isinstance(cell.value, str) and cell.value.startswith("=") or \
                    type(cell.value).__name__ in ("ArrayFormula", "DataTableFormula")
                if formula and shown[cell.coordinate].value is None:
                    raise DataFileError("uncached_formula",
                                        text=str(getattr(cell.value, "text", cell.value)),
                                        location=Location(path=path, cell=f"{ws.title}!{cell.coordinate}"))


def _find_row(ws: Worksheet, word: str) -> int | None:
    for row in ws.iter_rows():
        if any(squash(c.value) == word for c in row):
            return int(row[0].row)
    return None


def _pairs(book: _Book, ws: Worksheet, row: Sequence[Cell]) -> None:
    """Label/value pairs of a row outside the blocks; other cells (titles, 填表人 …) carry no data."""
    cells = [c for c in row if c.value is not None and str(c.value).strip()]
    i = 0
    while i < len(cells):
        label = squash(cells[i].value)
        if label in META and i + 1 < len(cells) and squash(cells[i + 1].value) not in META:
            book.put(META[label], _value(cells[i + 1]), ws, cells[i + 1])
            i += 2
        else:
            i += 1


def _read_main(book: _Book, ws: Worksheet) -> None:
    state = "meta"
    columns: dict[str, int] = {}
    fund_row = 0
    level1: str | None = None
    level2: str | None = None
    n = 0
    groups: _Groups = {}
    total_at: Cell | None = None
    for row in ws.iter_rows():
        words = [squash(c.value) for c in row]
        blank = not any(words)
        if LEVEL3 in words:
            columns = _indicator_header(book, ws, row, words)
            state = "indicators"
        elif BUDGET in words and state != "indicators":
            # "得分(分值×执行率)" is the 得分 column.
            columns = {k: i for i, w in enumerate(words) for k in FUND_COLUMNS if w.startswith(k)}
            unit = re.search(r"[（(](.+?)[)）]", words[0]) if words[0].startswith(FUNDS) else None
            if unit and unit[1] != DEFAULT_UNIT:
                book.put((FUNDS, UNIT), unit[1], ws, row[0])
            state, fund_row = "funds", 0
        elif GOAL in words and ACHIEVED in words:
            columns = {w: i for i, w in enumerate(words)}
            state = "goal"
        elif state == "funds":
            if blank:
                state = "meta"
            else:
                _fund_row(book, ws, row, columns, fund_row)
                fund_row += 1
        elif state == "goal":
            for key in (GOAL, ACHIEVED):
                cell = row[columns[key]]
                if _text(cell) is not None:
                    book.put((key,), _text(cell), ws, cell)
            state = "meta"
        elif state == "indicators" and not blank:
            at = next(i for i, w in enumerate(words) if w)
            if at < columns[LEVEL3] and words[at].startswith("小计"):
                # A subtotal is neither an indicator nor the total: reading it as the total would drop the
                # real one (and every row after it). 一级/二级 分值 belong in 指标分组.
                raise DataFileError("subtotal_row", cell=row[at].coordinate,
                                    text=str(row[at].value), location=book.where(ws, row[at].coordinate))
            if at < columns[LEVEL3] and words[at].startswith((TOTAL, "合计")):
                _total_row(book, ws, row, columns)
                state, total_at = "after", row[at]
                continue
            title = _text(row[columns[LEVEL3]])
            points = _value(row[columns[POINTS]])
            if points is None and title in (None, "无"):
                continue  # a continuation line of a merged cell, or a "无" row with no 分值
            # A blank 一级/二级指标 cell continues the row above, as a merged cell does.
            if _text(row[columns[LEVEL1]]) is not None:
                level1, level2 = _level(row[columns[LEVEL1]], groups, None), None
            if _text(row[columns[LEVEL2]]) is not None:
                level2 = _level(row[columns[LEVEL2]], groups, level1)
            # The 共性指标表 prints 分值 columns after 一级指标 and 二级指标 (merged over their rows).
            if GROUP_POINTS[LEVEL1] in columns and level1 is not None:
                _group(groups, (level1, None), row[columns[GROUP_POINTS[LEVEL1]]])
            if GROUP_POINTS[LEVEL2] in columns and level1 is not None and level2 is not None:
                _group(groups, (level1, level2), row[columns[GROUP_POINTS[LEVEL2]]])
            base = (INDICATORS, n)
            book.cells[base] = f"{ws.title}!{row[0].coordinate}"
            if level1 is not None:
                book.put((*base, LEVEL1), level1, ws, row[columns[LEVEL1]])
            if level2 is not None:
                book.put((*base, LEVEL2), level2, ws, row[columns[LEVEL2]])
            for key, i in columns.items():
                if key in (LEVEL1, LEVEL2, *GROUP_POINTS.values()):
                    continue
                value = _value(row[i])
                if value is not None:
                    book.put((*base, key), value, ws, row[i])
            n += 1
        elif state == "after" and total_at is not None and not blank and _text(row[columns[LEVEL3]]) is not None \
                and any(_value(row[i]) is not None for k, i in columns.items() if k not in (LEVEL1, LEVEL2, LEVEL3)):
            # An indicator row after a 合计/小计 row: the block did not end there. Reading on would take the
            # subtotal for the total; stopping would drop this row. Neither is safe: say where.
            raise DataFileError("row_after_total", cell=total_at.coordinate, row=squash(total_at.value),
                                at=row[columns[LEVEL3]].coordinate,
                                text=str(row[columns[LEVEL3]].value),
                                location=book.where(ws, row[columns[LEVEL3]].coordinate))
        elif not blank:
            _pairs(book, ws, row)
    for i, ((l1, l2), (points, cell)) in enumerate(groups.items()):
        book.put((GROUPS, i, LEVEL1), l1, ws, cell)
        if l2 is not None:
            book.put((GROUPS, i, LEVEL2), l2, ws, cell)
        book.put((GROUPS, i, POINTS), points, ws, cell)


def _indicator_header(book: _Book, ws: Worksheet, row: Sequence[Cell], words: list[str]) -> dict[str, int]:
    columns: dict[str, int] = {}
    previous = ""
    for i, word in enumerate(words):
        if not word or word in DECORATIVE:
            continue
        if word == POINTS and previous in GROUP_POINTS:
            key = GROUP_POINTS[previous]  # the 共性指标表 prints a 分值 column after each level
        elif word in INDICATOR_COLUMNS:
            key = INDICATOR_COLUMNS[word]
        else:
            raise DataFileError(
                "xlsx_unknown_column",
                text=str(row[i].value),
                location=book.where(ws, row[i].coordinate),
            )
        if key in columns:
            raise DataFileError("xlsx_column_twice", text=word, location=book.where(ws, row[i].coordinate))
        columns[key] = i
        previous = word
    for word in REQUIRED:
        if word not in columns:
            span = f"{row[0].coordinate}:{row[-1].coordinate}"
            raise DataFileError(
                "xlsx_lacks_column", text=word, location=book.where(ws, span), column=word
            )
    return columns


_Groups = dict[tuple[str, str | None], tuple[str | int | Decimal, Cell]]


def _level(cell: Cell, groups: _Groups, parent: str | None) -> str | None:
    """A 一级/二级指标 name; "产出指标(50分)" also records the group's 分值."""
    text = _text(cell)
    if text is None:
        return None
    match = _GROUP.match(text)
    if match is None:
        return text
    name = str(match["name"]).strip()
    _group(groups, (parent, name) if parent is not None else (name, None), cell, match["points"])
    return name


def _group(groups: _Groups, key: tuple[str, str | None], cell: Cell, points: str | None = None) -> None:
    value = points if points is not None else _value(cell)
    if value is None:
        return  # the lower rows of a merged 分值 cell
    if key in groups and to_decimal(groups[key][0]) != to_decimal(value):
        where = Location(cell=f"{cell.parent.title}!{cell.coordinate}")
        raise DataFileError("xlsx_two_points", text=str(value), location=where, name=key[-1] or key[0], points=POINTS)
    groups.setdefault(key, (value, cell))


def _fund_row(book: _Book, ws: Worksheet, row: Sequence[Cell], columns: dict[str, int], index: int) -> None:
    first = min(columns.values()) if columns else len(row)
    labels = [_text(c) for c in row[:first] if _text(c) is not None]
    if index == 0:
        for key, i in columns.items():
            if _value(row[i]) is not None:
                book.put((FUNDS, key), _value(row[i]), ws, row[i])
        return
    label: str = labels[-1] if labels and labels[-1] is not None else ""
    kind = BY_SOURCE
    prefix = _LINE_PREFIX.match(label)
    if prefix:
        kind = prefix[1] if prefix[1] != OF_WHICH else kind
        label = label[prefix.end() :]
    lines = book.data.setdefault(FUNDS, {}).setdefault(kind, [])
    k = len(lines)
    book.put((FUNDS, kind, k, LINE_NAME), label, ws, row[0])
    for key in FUND_LINE_COLUMNS:
        if key in columns and _value(row[columns[key]]) is not None:
            book.put((FUNDS, kind, k, key), _value(row[columns[key]]), ws, row[columns[key]])


def _total_row(book: _Book, ws: Worksheet, row: Sequence[Cell], columns: dict[str, int]) -> None:
    for column, key in TOTAL_COLUMNS.items():
        if column in columns and _value(row[columns[column]]) is not None:
            book.put((TOTAL, key), _value(row[columns[column]]), ws, row[columns[column]])
    for cell in row:
        match = _GRADE.match(_text(cell) or "")
        if match:
            book.put((TOTAL, GRADE), match[1].strip(), ws, cell)


def _read_base(book: _Book, ws: Worksheet) -> None:
    state = ""
    columns: dict[str, int] = {}
    for row in ws.iter_rows():
        words = [squash(c.value) for c in row]
        if not any(words) or (row[0].row == 1 and sum(1 for w in words if w) == 1):
            state = ""  # a blank row ends a block; row 1 holds the sheet's title
            continue
        if STAFF in words or EXPENSE_COLUMNS[0] in words or BUILDING_COLUMNS[0] in words:
            columns = {w: i for i, w in enumerate(words) if w}
            state = (
                "staff" if STAFF in words else "expense" if EXPENSE_COLUMNS[0] in words else "buildings"
            )
            continue
        if words[0] == FRUGALITY:
            cell = next((c for c in row[1:] if _text(c) is not None), None)
            if cell is not None:
                book.put((BASE, FRUGALITY), _text(cell), ws, cell)
            continue
        if state == "staff":
            for key, headers in STAFF_COLUMNS.items():
                header = next((h for h in headers if h in columns), None)
                if header is not None and _value(row[columns[header]]) is not None:
                    book.put((BASE, key), _value(row[columns[header]]), ws, row[columns[header]])
        elif state == "buildings":
            for key in BUILDING_COLUMNS:
                if key in columns and _value(row[columns[key]]) is not None:
                    book.put((BASE, BUILDINGS, key), _value(row[columns[key]]), ws, row[columns[key]])
        elif state == "expense":
            _expense_row(book, ws, row, columns)
        else:
            raise DataFileError("xlsx_row_outside", text=_text(row[0]) or "", sheet=ws.title,
                                location=book.where(ws, row[0].coordinate))  # fmt: skip


def _expense_row(book: _Book, ws: Worksheet, row: Sequence[Cell], columns: dict[str, int]) -> None:
    names = [part.strip() for part in (_text(row[0]) or "").split("/")]
    if names[0] not in BASE_LINES:
        raise DataFileError(
            "xlsx_base_row", names=", ".join(sorted(BASE_LINES)),
            text=_text(row[0]) or "",
            location=book.where(ws, row[0].coordinate),
        )
    path: KeyPath = (BASE, names[0])
    node: dict[str, Any] = book.data.setdefault(BASE, {}).setdefault(names[0], {})
    book.cells.setdefault(path, f"{ws.title}!{row[0].coordinate}")
    for name in names[1:]:
        items: list[dict[str, Any]] = node.setdefault(OF_WHICH, [])
        index = next((i for i, item in enumerate(items) if item.get(EXPENSE_NAME) == name), None)
        if index is None:
            index = len(items)
            book.put((*path, OF_WHICH, index, EXPENSE_NAME), name, ws, row[0])
        path, node = (*path, OF_WHICH, index), items[index]
    for key in EXPENSE_COLUMNS:
        if key in columns and _value(row[columns[key]]) is not None:
            book.put((*path, key), _value(row[columns[key]]), ws, row[columns[key]])
