"""The audit workbook marks the cells of the table's own arithmetic (Discrepancy kind ``table``) as it marks an
indicator's 得分: highlighted, with the reason as a comment, listed with their cells on the summary sheet."""

from __future__ import annotations

import io
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest

from perfeval.datafile import load_evaluation
from perfeval.datafile.xlsx_write import base_rows, named_rows, sheet_rows
from perfeval.figure_cells import figure_places
from perfeval.model import Department
from perfeval.rubric.audit import Audit, audit, evaluate
from perfeval.workbook import FINDING_FILL, SUMMARY_SHEET, write_scored

EXAMPLES = Path(__file__).parents[1] / "examples"


def audited(name: str) -> tuple[Audit, openpyxl.Workbook]:
    ev = load_evaluation(EXAMPLES / name)
    card = evaluate(ev)
    found = audit(card, ev)
    buf = io.BytesIO()
    write_scored(ev, card, buf, found)
    return found, openpyxl.load_workbook(buf)


def listed(wb: openpyxl.Workbook) -> dict[str, str]:
    """Each table finding's name → the cells the summary sheet lists for it."""
    return {str(r[2]): str(r[6]) for r in wb[SUMMARY_SHEET].iter_rows(values_only=True) if r and r[1] == "表内算术"}


def cells(wb: openpyxl.Workbook, places: str) -> list[openpyxl.cell.cell.Cell]:
    out = []
    for place in places.split(", "):
        title, _, coordinate = place.partition("!")
        out.append(wb[title][coordinate])
    return out


def marked(cell: openpyxl.cell.cell.Cell) -> bool:
    return bool(cell.fill.fgColor.rgb == FINDING_FILL.fgColor.rgb)


@pytest.mark.parametrize("name", ["zhijiang-2023-department.toml", "yueyang-2023-department.toml",
                                  "huarong-2022-project.toml"])
def test_every_table_finding_is_marked_on_its_sheet_with_its_reason(name: str) -> None:
    found, wb = audited(name)
    table = [d for d in found.discrepancies if d.kind == "table"]
    assert table, name
    places = listed(wb)
    for d in table:
        assert places[d.indicator] != "（表中无对应单元格）", d
        for cell in cells(wb, places[d.indicator]):
            assert marked(cell) and cell.comment is not None, (d.indicator, cell.coordinate)
            assert d.reason.render("zh_CN") in cell.comment.text


def test_the_marked_cells_hold_the_figures_the_finding_compares() -> None:
    found, wb = audited("yueyang-2023-department.toml")
    places = listed(wb)
    staff, report = cells(wb, places["基础数据.编制数"])  # 61 in the table, 65 in the report's text
    assert (staff.parent.title, staff.value, report.parent.title, report.value) == ("基础数据", 61, "报告数字", 65)
    by_use = next(d for d in found.discrepancies if d.indicator == "资金.按支出性质.全年预算数")
    lines = cells(wb, places[by_use.indicator])
    assert sum(Decimal(str(c.value)) for c in lines) == by_use.computed and len(lines) == 2
    found, wb = audited("zhijiang-2023-department.toml")
    places = listed(wb)
    (first,) = cells(wb, places["指标分组.产出及效率.分值"])
    (second,) = cells(wb, places["指标分组.产出及效率/职责履行.分值"])
    assert (first.value, second.value) == (30, 8)


def test_a_figure_without_a_finding_stays_unmarked_and_the_link_opens_its_sheet() -> None:
    found, wb = audited("yueyang-2023-department.toml")
    base = wb["基础数据"]
    hit = {c.coordinate for p in listed(wb).values() for c in cells(wb, p) if c.parent.title == "基础数据"}
    clean = [c for row in base.iter_rows() for c in row if c.value is not None and c.coordinate not in hit]
    assert clean and not any(marked(c) or c.comment for c in clean)
    links = [r[6].hyperlink.location or r[6].hyperlink.target for r in wb[SUMMARY_SHEET].iter_rows()
             if r[1].value == "表内算术" and r[6].hyperlink is not None]
    assert "'基础数据'!B4" in {link.lstrip("#") for link in links}


def test_a_figure_no_sheet_prints_has_no_place() -> None:
    ev = load_evaluation(EXAMPLES / "yueyang-2023-department.toml")
    assert isinstance(ev, Department)
    sheets = {"自评表": sheet_rows(ev, ev.kind), "基础数据": base_rows(ev), "报告数字": named_rows(ev, "report_figures")}
    assert figure_places("资金.全年预算数", sheets) != []
    for figure in ("资金.不存在", "基础数据.无此项.其中.本年预算数", "报告数字.没有", "其他.全年预算数",
                   "资金.按收入性质.分值", "基础数据.编制数.多余"):
        assert figure_places(figure, sheets) == [], figure
    assert figure_places("基础数据.编制数", {}) == []
