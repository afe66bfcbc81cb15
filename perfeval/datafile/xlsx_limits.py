"""A workbook measured before it is opened: each worksheet's size and dimension, and its numeric cells.

openpyxl materialises every cell of a sheet's range when it is iterated, so a 5 KB file with one cell at
XFD1048576 asks for seventeen billion of them. :func:`check_workbook` reads the zip directory and each
worksheet's XML, refuses a sheet whose uncompressed size, declared dimension or farthest cell is beyond
the limits of :mod:`perfeval.limits`, and names a numeric cell that is not a finite number (``NaN``,
``1E+400``) by its sheet and cell — all before openpyxl reads anything.

>>> import io
>>> from perfeval.datafile.xlsx_write import write_template
>>> buf = io.BytesIO()
>>> write_template(buf, "项目")
>>> check_workbook(io.BytesIO(buf.getvalue()), "t.xlsx")
"""

from __future__ import annotations

import math
import posixpath
import re
import zipfile
from typing import IO

from perfeval.errors import DataFileError, Location
from perfeval.limits import MAX_SHEET_BYTES, MAX_SHEET_CELLS, MAX_SHEET_COLUMNS, MAX_SHEET_ROWS, LimitError

__all__ = ["check_sheet_size", "check_workbook", "column_number"]

_SHEET = re.compile(r'<(?:\w+:)?sheet\b[^>]*?\bname="([^"]*)"[^>]*?\b(?:\w+:)?id="([^"]*)"')
_REL = re.compile(r'<Relationship\b[^>]*?\bId="([^"]*)"[^>]*?\bTarget="([^"]*)"|'
                  r'<Relationship\b[^>]*?\bTarget="([^"]*)"[^>]*?\bId="([^"]*)"')
_DIMENSION = re.compile(r'<(?:\w+:)?dimension\b[^>]*?\bref="([^"]*)"')
_REF = re.compile(r"\$?([A-Za-z]{1,3})\$?(\d{1,7})")
# A cell and its value: <c r="G17" s="1" t="n"><v>…</v></c> (a numeric cell has no t, or t="n").
_CELL = re.compile(r'<(?:\w+:)?c\b([^>]*?)(?:/>|>(.*?)</(?:\w+:)?c>)', re.S)
_VALUE = re.compile(r"<(?:\w+:)?v>([^<]*)</(?:\w+:)?v>")
_ATTR_R = re.compile(r'\br="([^"]*)"')
_ATTR_T = re.compile(r'\bt="([^"]*)"')
_FINITE = re.compile(r"\s*[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?\s*")


def column_number(letters: str) -> int:
    """``"A"`` → 1, ``"XFD"`` → 16384.

    >>> column_number("A"), column_number("AA"), column_number("XFD")
    (1, 27, 16384)
    """
    n = 0
    for ch in letters.upper():
        n = n * 26 + ord(ch) - 64
    return n


def check_sheet_size(rows: int, columns: int, where: Location) -> None:
    """Refuse a sheet of ``rows`` × ``columns`` beyond MAX_SHEET_ROWS, MAX_SHEET_COLUMNS or MAX_SHEET_CELLS."""
    if rows > MAX_SHEET_ROWS:
        raise LimitError("sheet_rows", rows, location=where)
    if columns > MAX_SHEET_COLUMNS:
        raise LimitError("sheet_columns", columns, location=where)
    if rows * columns > MAX_SHEET_CELLS:
        raise LimitError("sheet_cells", rows * columns, location=where)


def _sheet_names(z: zipfile.ZipFile) -> dict[str, str]:
    """Worksheet part (``xl/worksheets/sheet1.xml``) → its title, from workbook.xml and its relationships."""
    try:
        workbook = z.read("xl/workbook.xml").decode("utf-8", errors="replace")
        rels = z.read("xl/_rels/workbook.xml.rels").decode("utf-8", errors="replace")
    except KeyError:
        return {}
    targets: dict[str, str] = {}
    for m in _REL.finditer(rels):
        rid, target = (m[1], m[2]) if m[1] is not None else (m[4], m[3])
        part = target.lstrip("/") if target.startswith("/") else posixpath.normpath(posixpath.join("xl", target))
        targets[rid] = part
    return {targets[rid]: name for name, rid in _SHEET.findall(workbook) if rid in targets}


def check_workbook(file: IO[bytes], path: str | None) -> None:
    """Refuse, before openpyxl opens it, a workbook with a sheet beyond the limits or a numeric cell that is
    not a finite number. A file that is not a zip is left to openpyxl (which says it cannot read it)."""
    try:
        z = zipfile.ZipFile(file)
    except (zipfile.BadZipFile, OSError, ValueError):
        file.seek(0)
        return  # not a zip: openpyxl says it cannot read it
    try:
        names = _sheet_names(z)
        for info in z.infolist():
            if not (info.filename.startswith("xl/worksheets/") and info.filename.endswith(".xml")):
                continue
            title = names.get(info.filename, info.filename)
            if info.file_size > MAX_SHEET_BYTES:
                raise LimitError("sheet_bytes", info.file_size, text=title, location=Location(path=path))
            try:
                xml = z.read(info.filename).decode("utf-8", errors="replace")
            except (zipfile.BadZipFile, OSError, ValueError, EOFError, NotImplementedError):
                return  # openpyxl will say the file is unreadable
            _check_sheet(xml, title, path)
    finally:
        z.close()
        file.seek(0)  # openpyxl reads the file from its start


def _check_sheet(xml: str, title: str, path: str | None) -> None:
    declared = _DIMENSION.search(xml, 0, 4096)
    if declared is not None:
        ends = _REF.findall(declared[1])
        if ends:
            rows = max(int(r) for _, r in ends)
            columns = max(column_number(c) for c, _ in ends)
            check_sheet_size(rows, columns, Location(path=path, cell=f"{title}!{declared[1]}"))
    rows = columns = 0
    for m in _CELL.finditer(xml):
        attrs, body = m[1], m[2]
        ref = _ATTR_R.search(attrs)
        coordinate = ref[1] if ref else "?"
        found = _REF.fullmatch(coordinate)
        if found:
            rows, columns = max(rows, int(found[2])), max(columns, column_number(found[1]))
            check_sheet_size(rows, columns, Location(path=path, cell=f"{title}!{coordinate}"))
        kind = _ATTR_T.search(attrs)
        if body and (kind is None or kind[1] == "n"):
            value = _VALUE.search(body)
            if value is not None and value[1].strip() and not _finite(value[1]):
                raise DataFileError("xlsx_cell_not_finite", text=value[1][:40],
                                    location=Location(path=path, cell=f"{title}!{coordinate}"))


def _finite(text: str) -> bool:
    return _FINITE.fullmatch(text) is not None and math.isfinite(float(text))
