"""Hostile .xlsx files made from a real one: a cell's XML replaced, a far cell added (no file outside the
repository is needed)."""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Callable
from pathlib import Path

from perfeval.datafile import dump_xlsx, load_evaluation

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "huarong-2022-project-selfeval.toml"
SHEET = "xl/worksheets/sheet1.xml"


def workbook() -> bytes:
    """A real 自评表 workbook: the Huarong example written by perfeval."""
    buf = io.BytesIO()
    dump_xlsx(load_evaluation(EXAMPLE), buf)
    return buf.getvalue()


def patched(data: bytes, change: Callable[[str], str]) -> bytes:
    """``data`` with the XML of its first worksheet passed through ``change``."""
    zin = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for info in zin.infolist():
            body = zin.read(info.filename)
            z.writestr(info, change(body.decode()).encode() if info.filename == SHEET else body)
    return out.getvalue()





def with_cell(data: bytes, coordinate: str, value_xml: str) -> bytes:
    """The workbook with the cell at ``coordinate`` (which must exist) holding ``value_xml`` (``<v>NaN</v>``)."""
    def change(xml: str) -> str:
        new, n = re.subn(rf'<c r="{coordinate}"[^>]*?(?:/>|>.*?</c>)', f'<c r="{coordinate}">{value_xml}</c>', xml, count=1)
        assert n == 1, coordinate
        return new
    return patched(data, change)


def with_far_cell(data: bytes, coordinate: str = "XFD1048576", dimension: bool = True) -> bytes:
    """The workbook with one more cell at ``coordinate``, its dimension declared to reach it (or not)."""
    row = int(re.sub(r"[A-Z]", "", coordinate))

    def change(xml: str) -> str:
        xml = xml.replace("</sheetData>",
                          f'<row r="{row}"><c r="{coordinate}" t="inlineStr"><is><t>x</t></is></c></row></sheetData>')
        if dimension:
            xml = re.sub(r'<dimension ref="[^"]*"', f'<dimension ref="A1:{coordinate}"', xml)
        else:
            xml = re.sub(r'<dimension ref="[^"]*" */>', "", xml)
        return xml
    return patched(data, change)
