"""The filled-in 自评表 (``score``/``audit --format xlsx``, ``template --rubric``): the published layout, numbers
as numbers, the findings marked, no formulas from data, and a workbook that reads back to the same data."""

from __future__ import annotations

import io
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from perfeval.cli import main
from perfeval.datafile import load_evaluation
from perfeval.datafile.xlsx_write import Percent
from perfeval.errors import display_width
from perfeval.model import Indicator, Project
from perfeval.rubric import load
from perfeval.rubric.audit import audit, evaluate
from perfeval.workbook import FINDING_FILL, SUMMARY_SHEET, put, write_scored

ROOT = Path(__file__).parents[1]
EXAMPLES = sorted((ROOT / "examples").glob("*.toml"))
ZHIJIANG = ROOT / "examples" / "zhijiang-2023-department.toml"  # the 000 example's 共性指标表 and 基础数据表
RUBRIC = ROOT / "perfeval" / "data" / "rubrics" / "department-common.rules"


def cli(*args: object) -> int:
    return CliRunner().invoke(main, [str(a) for a in args]).exit_code


def header_of(ws: openpyxl.worksheet.worksheet.Worksheet) -> tuple[int, dict[str, int]]:
    for row in ws.iter_rows():
        words = {str(c.value): c.column for c in row if c.value is not None}
        if "三级指标" in words:
            return row[0].row, words
    raise AssertionError("no indicator header")


def is_marked(cell: openpyxl.cell.cell.Cell) -> bool:
    return bool(cell.fill.fgColor.rgb == FINDING_FILL.fgColor.rgb)


def test_the_audit_workbook_of_000_marks_every_finding(tmp_path: Path) -> None:
    out = tmp_path / "000.audit.xlsx"
    assert cli("audit", ZHIJIANG, "--format", "xlsx", "-o", out) == 1  # findings: exit 1, as for the table
    found = audit(evaluate(load_evaluation(ZHIJIANG)))
    assert {d.indicator for d in found.discrepancies} == {"预算控制率", "公用经费控制率", "政府采购执行率"}
    wb = openpyxl.load_workbook(out)
    assert wb.sheetnames[:2] == ["自评表", SUMMARY_SHEET]
    ws = wb["自评表"]
    top, col = header_of(ws)
    assert col["得分"] + 1 == col["计算得分"]
    rows = {ws.cell(row=r, column=col["三级指标"]).value: r for r in range(top + 1, ws.max_row + 1)}
    for d in found.discrepancies:
        cell = ws.cell(row=rows[d.indicator], column=col["得分"])
        assert is_marked(cell) and cell.comment is not None
        assert d.reason.render("zh_CN") in cell.comment.text  # the reason, with its numbers, to check by hand
        assert is_marked(ws.cell(row=rows[d.indicator], column=col["计算得分"]))
    clean = [name for name in rows if name and name not in {d.indicator for d in found.discrepancies} and name != "总分"]
    assert clean and not any(is_marked(ws.cell(row=rows[n], column=col["得分"])) for n in clean)
    assert not any(ws.cell(row=rows[n], column=col["得分"]).comment for n in clean)
    # numbers as numbers: 分值, 得分 and the computed 得分 are number cells with a number format
    budget_control = rows["预算控制率"]
    points, reported, computed = (ws.cell(row=budget_control, column=col[k]) for k in ("分值", "得分", "计算得分"))
    assert (points.value, reported.value, computed.value) == (5, 4, 0)
    assert points.data_type == reported.data_type == computed.data_type == "n" and computed.number_format == "0.00"
    # the summary: total, grade, counts by kind, unchecked indicators, every finding with its cell
    summary = {r[0]: r[1:] for r in wb[SUMMARY_SHEET].iter_rows(values_only=True) if r and r[0] is not None}
    assert summary["总分"][:2] == (None, 81) and "等级" in summary
    assert summary["得分与标准不符"][0] == 2 and summary["无法计算"][0] == 1
    assert summary["未能复核（无数据）"][0] == len(found.unchecked) == 9
    assert not any(summary["未能复核（无数据，照报）的指标"])  # a title: the list of them follows
    listed = [r for r in wb[SUMMARY_SHEET].iter_rows(values_only=True) if r[2] in {"预算控制率", "公用经费控制率"}]
    assert {r[6].split(",")[0] for r in listed} == {f"自评表!{ws.cell(row=rows[n], column=col['得分']).coordinate}"
                                                    for n in ("预算控制率", "公用经费控制率")}
    # nothing from the data became a formula, in any sheet
    assert not [c.coordinate for s in wb for row in s.iter_rows() for c in row if c.data_type == "f"]
    # and the 一级/二级 cells are merged down their rows, the title across the table
    merged = {str(r) for r in ws.merged_cells.ranges}
    assert any(m.startswith("A1:") and m.endswith("1") for m in merged)
    assert any(m.startswith(f"A{top + 1}:A") for m in merged)


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.name)
def test_the_filled_in_table_reads_back_to_the_same_data(path: Path) -> None:
    ev = load_evaluation(path)
    card = evaluate(ev)
    buf = io.BytesIO()
    write_scored(ev, card, buf, audit(card))
    buf.seek(0)
    assert load_evaluation_bytes(buf) == ev
    ws = openpyxl.load_workbook(buf)["自评表"]
    top, col = header_of(ws)
    computed = [ws.cell(row=r, column=col["计算得分"]).value for r in range(top + 1, top + 1 + len(ev.indicators))]
    by_path = {i.path: i.points for i in card}
    assert [None if v is None else Decimal(str(v)) for v in computed] == [by_path[i.path] for i in ev.indicators]


def load_evaluation_bytes(buf: io.BytesIO) -> object:
    import tempfile

    with tempfile.NamedTemporaryFile(suffix=".xlsx") as f:
        f.write(buf.getvalue())
        f.flush()
        return load_evaluation(f.name)


def test_text_that_looks_like_a_formula_is_text(tmp_path: Path) -> None:
    names = ["=HYPERLINK(\"http://x\",\"y\")", "+86 热线", "-5分以内", "@提及"]
    ev = Project(name="=1+1", year=2023, rubric="项目支出绩效自评表", indicators=tuple(
        Indicator(name=n, points=Decimal(5), reported=Decimal(5), level1="产出指标", level2="数量指标",
                  note="=A1") for n in names))
    out = tmp_path / "x.xlsx"
    write_scored(ev, evaluate(ev), out)
    ws = openpyxl.load_workbook(out)["自评表"]
    cells = [c for row in ws.iter_rows() for c in row if isinstance(c.value, str) and c.value[:1] in "=+-@"]
    assert {c.value for c in cells} >= {*names, "=1+1", "=A1"}
    assert all(c.data_type == "s" and c.quotePrefix for c in cells)
    assert load_evaluation(out) == ev


def test_widths_fit_chinese_text() -> None:
    ev = load_evaluation(ZHIJIANG)
    buf = io.BytesIO()
    write_scored(ev, evaluate(ev), buf)
    ws = openpyxl.load_workbook(buf)["自评表"]
    _, col = header_of(ws)
    letter = openpyxl.utils.get_column_letter(col["三级指标"])
    widest = max(display_width(i.name) for i in ev.indicators)  # 新建楼堂馆所投资概算控制率: 26 columns
    assert ws.column_dimensions[letter].width >= min(widest + 2, 40) > len(max((i.name for i in ev.indicators), key=len))


@settings(max_examples=40, deadline=None)
@given(st.decimals(allow_nan=False, allow_infinity=False, min_value=-10**9, max_value=10**9, places=6)
       | st.decimals(allow_nan=False, allow_infinity=False, min_value=0, max_value=1, places=20),
       st.booleans())
def test_a_number_is_written_exactly(value: Decimal, percent: bool) -> None:
    wb = openpyxl.Workbook()
    put(wb.active, 1, 1, Percent(value) if percent else value)
    buf = io.BytesIO()
    wb.save(buf)
    cell = openpyxl.load_workbook(buf).active["A1"]
    if isinstance(cell.value, str):  # more digits than a float holds: the exact text
        back = Decimal(cell.value.rstrip("%")) / (100 if percent else 1)
    else:
        back = Decimal(str(cell.value))
        assert ("%" in cell.number_format) == percent
    assert back == value


def test_the_rubric_template_prefills_rows_and_validates_scores(tmp_path: Path) -> None:
    out = tmp_path / "t.xlsx"
    assert cli("template", out, "--rubric", RUBRIC) == 0
    rubric = load(RUBRIC)
    wb = openpyxl.load_workbook(out)
    ws = wb["自评表"]
    top, col = header_of(ws)
    names = [ws.cell(row=top + 1 + n, column=col["三级指标"]).value for n in range(len(rubric.indicators))]
    assert names == [i.name for i in rubric.indicators]
    assert ws.cell(row=top + 1, column=col["评分标准"]).value == rubric.indicators[0].rule.text
    rules = {str(cell): (v.formula1, v.formula2) for v in ws.data_validations.dataValidation for cell in v.sqref.ranges}
    for n, ind in enumerate(rubric.indicators):
        coordinate = ws.cell(row=top + 1 + n, column=col["得分"]).coordinate
        assert rules[coordinate] == ("0", format(ind.points, "f")), ind.name  # 0..分值: no bonus in this rubric
    # filled in by hand, it reads as a table of that rubric
    for n in range(len(rubric.indicators)):
        ws.cell(row=top + 1 + n, column=col["得分"]).value = 1
    ws["B3"], ws["D2"] = "某局", 2024
    wb.save(out)
    ev = load_evaluation(out)
    assert ev.rubric == rubric.name and [i.path for i in ev.indicators] == [i.path for i in rubric.indicators]
    assert [i.points for i in ev.indicators] == [i.points for i in rubric.indicators]
    assert evaluate(ev).max_total == rubric.total


def test_a_common_indicator_table_keeps_its_published_column_order() -> None:
    # 000 line 300: 一级指标 | 分值 | 二级指标 | 分值 | 三级指标 | 分值 | 评价标准 | 指标说明 | 得分
    ev = load_evaluation(ZHIJIANG)
    buf = io.BytesIO()
    write_scored(ev, evaluate(ev), buf)
    ws = openpyxl.load_workbook(buf)["自评表"]
    top, _ = header_of(ws)
    header = [c.value for c in ws[top] if c.value is not None]
    assert header == ["一级指标", "分值", "二级指标", "分值", "三级指标", "分值", "评分标准", "指标说明", "得分", "计算得分",
                      "计算依据"]
    first = [c.value for c in ws[top + 1]][:6]
    assert first == ["投入", 10, "预算配置", 10, "在职人员控制率", 5]
    merged = {str(r) for r in ws.merged_cells.ranges}
    assert {f"A{top + 1}:A{top + 2}", f"B{top + 1}:B{top + 2}", f"D{top + 3}:D{top + 6}"} <= merged
    # a 自评表 keeps the group's 分值 in its label
    selfeval = load_evaluation(ROOT / "examples" / "huarong-2022-project-selfeval.toml")
    buf = io.BytesIO()
    write_scored(selfeval, evaluate(selfeval), buf)
    ws = openpyxl.load_workbook(buf)["自评表"]
    top, col = header_of(ws)
    assert [c.value for c in ws[top]][:3] == ["一级指标", "二级指标", "三级指标"]
    assert ws.cell(row=top + 1, column=col["一级指标"]).value == "产出指标(50分)"


def test_a_finding_marks_its_own_row_when_two_indicators_share_a_name() -> None:
    standard = "100%计满分，每低于5%扣2分，扣完为止"
    ev = Project(name="p", year=2024, rubric="项目支出绩效自评表", indicators=(
        Indicator(name="完成率", points=Decimal(5), reported=Decimal(5), level1="产出指标", level2="数量指标",
                  target_text="100%", actual_text="100%", standard=standard),
        Indicator(name="完成率", points=Decimal(5), reported=Decimal(5), level1="效益指标", level2="社会效益指标",
                  target_text="100%", actual_text="93%", standard=standard)))
    card = evaluate(ev)
    found = audit(card)
    assert [(d.indicator, d.computed) for d in found.discrepancies][:1] == [("完成率", Decimal("3.00"))]
    buf = io.BytesIO()
    write_scored(ev, card, buf, found)
    ws = openpyxl.load_workbook(buf)["自评表"]
    top, col = header_of(ws)
    first, second = (ws.cell(row=top + n, column=col["得分"]) for n in (1, 2))
    assert not is_marked(first) and first.comment is None
    assert is_marked(second) and "93%" in second.comment.text


def test_the_funds_block_has_its_computed_score_beside_the_reported_one() -> None:
    ev = load_evaluation(ROOT / "examples" / "luosong-2021-department.toml")  # 004: 执行率 78.25% → 7.83 of 10
    buf = io.BytesIO()
    write_scored(ev, evaluate(ev), buf)
    ws = openpyxl.load_workbook(buf)["自评表"]
    head = next(row for row in ws.iter_rows() if any(c.value == "全年预算数" for c in row))
    words = [c.value for c in head]
    at = words.index("得分")
    assert words[at + 1] == "计算得分"
    values = [c.value for c in ws[head[0].row + 1]]
    assert values[at : at + 2] == [7.83, 7.83] and values[words.index("执行率")] == 0.7825
    assert ws.cell(row=head[0].row + 1, column=words.index("执行率") + 1).number_format == "0.00%"
