"""Issue 13, data files and rubric files: one test per repro, each asserting the located error or the value."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import perfeval as p
from perfeval.limits import MAX_DATA_INDICATORS, MAX_INDICATORS, MAX_NESTING, MAX_SHEET_ROWS, LimitError

from .workbooks import with_cell, with_far_cell, workbook

TOML = '''"评价对象" = "项目"
"名称" = "x"
"年度" = YEAR
"评价体系" = "项目支出绩效自评表"
[["指标"]]
"一级指标" = "产出指标"
"二级指标" = "数量指标"
"三级指标" = "变更图斑"
"年度指标值" = "100%"
"实际完成值" = ACTUAL
"分值" = POINTS
"得分" = SCORE
'''


def toml(year: str = "2022", actual: str = '"95%"', points: str = '"5"', score: str = '"5"') -> str:
    return (TOML.replace("YEAR", year).replace("ACTUAL", actual).replace("POINTS", points)
            .replace("SCORE", score))


def as_json(**changes: object) -> str:
    row = {"一级指标": "产出指标", "二级指标": "数量指标", "三级指标": "a", "年度指标值": "100%",
           "实际完成值": "95%", "分值": "5", "得分": "5"}
    row.update(changes)
    return json.dumps({"评价对象": "项目", "名称": "x", "年度": 2022, "评价体系": "项目支出绩效自评表",
                       "指标": [row]}, ensure_ascii=False)


def test_a_valid_file_still_reads() -> None:
    assert p.loads_evaluation(toml()).indicators[0].points == 5


# --- TOML / JSON --------------------------------------------------------------------------------------------

def test_toml_points_1e400_is_a_located_limit_error() -> None:
    with pytest.raises(LimitError) as info:
        p.loads_evaluation(toml(points="1e400"), path="x.toml")
    assert info.value.limit.name == "number_exponent" and info.value.value == 400
    assert (info.value.location.path, info.value.location.line) == ("x.toml", 11)


@pytest.mark.parametrize(("key", "literal", "line"), [("points", "nan", 11), ("points", "-inf", 11),
                                                      ("score", "inf", 12), ("score", "nan", 12)])
def test_toml_nan_and_inf_in_points_and_score_are_located(key: str, literal: str, line: int) -> None:
    with pytest.raises(p.DataFileError, match="不是有限的数") as info:
        p.loads_evaluation(toml(**{key: literal}), path="x.toml")
    assert info.value.location.line == line


@pytest.mark.parametrize(("key", "literal"), [("分值", "NaN"), ("得分", "Infinity"), ("分值", "-Infinity")])
def test_json_nan_and_infinity_are_located(key: str, literal: str) -> None:
    text = as_json(**{key: "PLACE"}).replace('"PLACE"', literal)
    with pytest.raises(p.DataFileError, match="不是有限的数") as info:
        p.loads_evaluation(text, "json", path="x.json")
    assert info.value.location.line == 1 and info.value.location.column is not None
    assert key in str(info.value)


def test_json_points_1e400_is_a_located_limit_error() -> None:
    text = as_json(分值="PLACE").replace('"PLACE"', "1e400")
    with pytest.raises(LimitError) as info:
        p.loads_evaluation(text, "json", path="x.json")
    assert info.value.location.column is not None


def test_sixty_digit_points_in_a_data_file_is_a_located_limit_error() -> None:
    with pytest.raises(LimitError) as info:
        p.loads_evaluation(as_json(分值="9" * 60), "json", path="x.json")
    assert info.value.limit.name == "points_digits" and info.value.location.column is not None


@pytest.mark.parametrize("fmt", ["toml", "json"])
def test_integers_over_4300_digits_are_located_limit_errors(fmt: str) -> None:
    text = toml(points="1" + "0" * 5000) if fmt == "toml" else as_json(分值="P").replace('"P"', "1" * 5000)
    with pytest.raises(LimitError) as info:
        p.loads_evaluation(text, fmt, path=f"x.{fmt}")
    assert info.value.limit.name == "data_int_digits" and info.value.location.line is not None


def test_a_200_digit_integer_is_a_limit_error_at_its_key() -> None:
    with pytest.raises(LimitError) as info:
        p.loads_evaluation(toml(year="1" * 200), path="x.toml")
    assert info.value.location.line == 3


@pytest.mark.parametrize("fmt", ["toml", "json"])
def test_nesting_5000_deep_is_a_limit_error_not_a_recursion_error(fmt: str) -> None:
    text = ("x = " if fmt == "toml" else "") + "[" * 5000 + "]" * 5000
    with pytest.raises(LimitError) as info:
        p.loads_evaluation(text, fmt, path=f"x.{fmt}")
    assert info.value.limit.name == "nesting" and info.value.value == MAX_NESTING + 1
    assert info.value.location.line == 1


def test_brackets_inside_strings_do_not_count_as_nesting() -> None:
    deep_text = '"' + "[" * 100 + '"'
    evaluation = p.loads_evaluation(toml(actual=deep_text))
    assert evaluation.indicators[0].actual_text == "[" * 100


def test_a_tiny_exponent_in_a_text_field_is_refused_before_it_is_written_out() -> None:
    """实际完成值 = 1e-999999999 (a 330-byte file) used over 4 GB."""
    with pytest.raises(LimitError) as info:
        p.loads_evaluation(toml(actual="1e-999999999"), path="x.toml")
    assert info.value.value == 999999999 and info.value.location.line == 10


def test_a_year_of_1e1000000_is_refused_at_once() -> None:
    with pytest.raises(LimitError) as info:
        p.loads_evaluation(toml(year="1e1000000"), path="x.toml")
    assert info.value.location.line == 3


@pytest.mark.parametrize(("name", "data", "byte"), [
    ("binary", b'"\xca\x87j\xf3' + b"\x00" * 20, "0xF3"),
    ("stray 0xFF", b"\xff" + toml().encode(), "0xFF"),
    ("UTF-16 with BOM", toml().encode("utf-16"), "UTF-16"),
])
def test_data_files_not_in_utf8_are_located_errors(tmp_path: Path, name: str, data: bytes, byte: str) -> None:
    path = tmp_path / "x.toml"
    path.write_bytes(data)
    with pytest.raises(p.DataFileError, match=byte) as info:
        p.load_evaluation(path)
    assert info.value.location.path == str(path) and info.value.location.line == 1


def test_a_utf8_bom_in_a_data_file_is_accepted() -> None:
    assert p.loads_evaluation(b"\xef\xbb\xbf" + toml().encode(), "toml").name == "x"


def test_more_indicators_than_the_limit_is_a_limit_error() -> None:
    rows = "".join('[["指标"]]\n"三级指标" = "a"\n' for _ in range(MAX_DATA_INDICATORS + 1))
    with pytest.raises(LimitError) as info:
        p.loads_evaluation(toml().split("[[")[0] + rows, path="x.toml")
    assert info.value.limit.name == "data_indicators"


# --- .xlsx ---------------------------------------------------------------------------------------------------

def test_an_xlsx_cell_of_1e400_is_located() -> None:
    with pytest.raises(p.DataFileError, match="不是有限的数") as info:
        p.loads_evaluation(with_cell(workbook(), "G17", "<v>1E+400</v>"), "xlsx", path="x.xlsx")
    assert info.value.location.cell == "自评表!G17" and info.value.location.path == "x.xlsx"


def test_an_xlsx_nan_cell_is_located_not_an_unreadable_workbook() -> None:
    with pytest.raises(p.DataFileError, match="不是有限的数") as info:
        p.loads_evaluation(with_cell(workbook(), "G17", "<v>NaN</v>"), "xlsx", path="x.xlsx")
    assert info.value.location.cell == "自评表!G17"


def test_an_xlsx_cell_of_1e300_is_a_limit_error_at_its_cell() -> None:
    with pytest.raises(LimitError) as info:
        p.loads_evaluation(with_cell(workbook(), "G17", "<v>1E+300</v>"), "xlsx", path="x.xlsx")
    assert info.value.location.cell == "自评表!G17"


@pytest.mark.parametrize("dimension", [True, False], ids=["declared", "undeclared"])
def test_an_xlsx_cell_at_xfd1048576_is_refused_before_cells_are_materialised(dimension: bool) -> None:
    data = with_far_cell(workbook(), dimension=dimension)
    assert len(data) < 10_000
    with pytest.raises(LimitError) as info:
        p.loads_evaluation(data, "xlsx", path="x.xlsx")
    assert info.value.limit.name == "sheet_rows" and info.value.value == 1048576
    assert info.value.location.cell is not None and info.value.location.cell.startswith("自评表!")


def test_an_xlsx_sheet_wider_than_the_column_limit_is_refused() -> None:
    with pytest.raises(LimitError) as info:
        p.loads_evaluation(with_far_cell(workbook(), "XFD20"), "xlsx", path="x.xlsx")
    assert info.value.limit.name == "sheet_columns"


def test_an_xlsx_sheet_within_the_row_limit_still_reads() -> None:
    data = with_far_cell(workbook(), f"K{MAX_SHEET_ROWS}")
    assert p.loads_evaluation(data, "xlsx").indicators


# --- .rules ---------------------------------------------------------------------------------------------------

RUBRIC = "评价体系 x\n满分 5\n一级指标 a 5分\n三级指标 b 5分\n  标准：100%计满分，每低于5%扣2分，扣完为止\n"


def test_a_rules_file_starting_with_a_bom_is_accepted(tmp_path: Path) -> None:
    path = tmp_path / "x.rules"
    path.write_bytes(b"\xef\xbb\xbf" + RUBRIC.encode())
    assert p.load(path).name == "x"
    assert p.loads("\ufeff" + RUBRIC).indicators[0].rule is not None


def test_an_example_rate_that_is_not_a_rate_is_located() -> None:
    text = RUBRIC.replace("标准：100%计满分，每低于5%扣2分，扣完为止", "公式：率 = 实际 / 计划 × 100%") + "  例：实际=1, 计划=2 → x%\n"
    with pytest.raises(p.RubricError) as info:
        p.loads(text, "x.rules")
    assert (info.value.location.path, info.value.location.line) == ("x.rules", 6)
    assert info.value.location.column is not None


def test_more_indicators_than_the_limit_in_a_rubric_is_a_limit_error() -> None:
    body = "".join(f"三级指标 b{i} 1分\n" for i in range(MAX_INDICATORS + 1))
    with pytest.raises(LimitError) as info:
        p.loads(f"评价体系 x\n满分 {MAX_INDICATORS + 1}\n一级指标 a {MAX_INDICATORS + 1}分\n" + body, "x.rules")
    assert info.value.limit.name == "indicators" and info.value.location.path == "x.rules"


def test_a_rules_file_not_in_utf8_is_located(tmp_path: Path) -> None:
    path = tmp_path / "x.rules"
    path.write_bytes(RUBRIC.encode("utf-8") + "  说明：".encode() + b"\xff\n")
    with pytest.raises(p.RubricError, match="0xFF") as info:
        p.load(path)
    assert (info.value.location.path, info.value.location.line) == (str(path), 6)


@pytest.mark.parametrize("year", ['"①"', '"²⁰²³"', '"' + "9" * 5000 + '"'], ids=["circled", "superscript", "5000 digits"])
def test_a_year_of_digit_like_characters_is_a_located_error(year: str) -> None:
    """Found by the fuzz suite: "①".isdigit() is true, and int("①") a ValueError."""
    with pytest.raises(p.DataFileError, match="应为年度") as info:
        p.loads_evaluation(toml(year=year), path="x.toml")
    assert info.value.location.line == 3


@pytest.mark.parametrize("data", [b"PK\x03\x04garbage", b"not a zip", b""], ids=["broken zip", "text", "empty"])
def test_a_workbook_that_is_not_one_is_a_located_error(data: bytes) -> None:
    with pytest.raises(p.DataFileError, match="不是可读的 .xlsx 工作簿") as info:
        p.loads_evaluation(data, "xlsx", path="x.xlsx")
    assert info.value.location.path == "x.xlsx"
