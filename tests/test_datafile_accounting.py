"""Nothing in a data file is dropped silently: duplicate keys, subtotal rows, uncached formulas (issue 11)."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest

from perfeval import load_evaluation
from perfeval.datafile import dump_evaluation
from perfeval.errors import DataFileError
from perfeval.model import Indicator, Project

PROJECT = Project(name="p", year=2023, rubric="项目支出绩效自评表", indicators=[
    Indicator(level1="产出指标", level2="数量指标", name=f"指标{i}", points=5, reported=5) for i in range(3)])


def _row_of(ws: object, text: str) -> int:
    for row in ws.iter_rows():  # type: ignore[attr-defined]
        if any(c.value == text for c in row):
            return int(row[0].row)
    raise AssertionError(text)


def test_a_json_key_given_twice_is_an_error_at_its_line(tmp_path: Path) -> None:
    path = tmp_path / "dup.json"
    path.write_text('{"评价对象": "项目", "名称": "p", "年度": 2023, "评价体系": "x",\n'
                    ' "指标": [{"三级指标": "a", "分值": 5}],\n "指标": [{"三级指标": "b", "分值": 5}]}', encoding="utf-8")
    with pytest.raises(DataFileError) as err:
        load_evaluation(path)
    assert "“指标”" in err.value.message and err.value.location.line == 3


def test_a_total_row_between_indicator_rows_is_an_error_not_a_short_table(tmp_path: Path) -> None:
    # The repro: 3 rows with a 合计 row after the first → 1 scored, exit 0.
    path = tmp_path / "t.xlsx"
    dump_evaluation(PROJECT, path)
    wb = openpyxl.load_workbook(path)
    ws = wb.active
    at = _row_of(ws, "指标1")
    ws.insert_rows(at)
    ws.cell(at, 1, "合计")
    wb.save(path)
    with pytest.raises(DataFileError) as err:
        load_evaluation(path)
    assert "之后还有指标行" in err.value.message and err.value.location.cell is not None


def test_a_formula_without_a_computed_value_is_an_error_at_its_cell(tmp_path: Path) -> None:
    path = tmp_path / "f.xlsx"
    dump_evaluation(PROJECT, path)
    wb = openpyxl.load_workbook(path)
    ws = wb.active
    at = _row_of(ws, "指标2")
    score_col = next(c.column for c in ws[_row_of(ws, "三级指标")] if c.value == "得分")
    ws.cell(at, score_col, "=2+3")  # openpyxl stores no cached result, as programs that write xlsx often do
    wb.save(path)
    with pytest.raises(DataFileError) as err:
        load_evaluation(path)
    assert "公式" in err.value.message and err.value.location.cell is not None
    assert err.value.location.cell.endswith(f"{openpyxl.utils.get_column_letter(score_col)}{at}")


def test_a_workbook_without_formulas_reads_all_its_rows(tmp_path: Path) -> None:
    path = tmp_path / "ok.xlsx"
    dump_evaluation(PROJECT, path)
    assert [i.name for i in load_evaluation(path).indicators] == ["指标0", "指标1", "指标2"]
