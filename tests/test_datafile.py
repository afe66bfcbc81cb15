"""Data files: TOML, JSON and .xlsx, read exactly, with errors that say where."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path
from typing import Any

import attrs
import openpyxl
import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from perfeval.datafile import (
    DataFileValueError,
    dump_evaluation,
    dump_xlsx,
    dumps_evaluation,
    evaluation_from_dict,
    evaluation_to_dict,
    json_positions,
    load_evaluation,
    loads_evaluation,
    show_path,
    toml_positions,
    write_template_xlsx,
)
from perfeval.errors import DataFileError, InputError, ValidationError
from perfeval.model import (
    BaseData,
    BuildingControl,
    Department,
    ExpenseLine,
    FundLine,
    Funds,
    Indicator,
    IndicatorGroup,
    Project,
)

HEAD = '"评价对象" = "项目"\n"名称" = "变更调查"\n"年度" = 2022\n"评价体系" = "项目支出绩效自评表"\n'


def toml(body: str) -> str:
    return HEAD + body


# --- TOML -----------------------------------------------------------------------------------------


def test_minimal_toml() -> None:
    ev = loads_evaluation(
        toml('[["指标"]]\n"三级指标" = "变更图斑"\n"年度指标值" = "21976个"\n"分值" = 5\n"得分" = 5\n')
    )
    assert isinstance(ev, Project)
    assert ev.name == "变更调查" and ev.year == 2022 and ev.rubric == "项目支出绩效自评表"
    assert ev.indicators[0].points == Decimal(5)
    assert ev.indicators[0].source is not None and ev.indicators[0].source.line == 5


def test_toml_floats_are_read_exactly() -> None:
    ev = loads_evaluation(
        toml('["资金"]\n"全年预算数" = 1839.1\n"全年执行数" = 1439.13\n"得分" = 7.83\n"分值" = 10\n')
    )
    assert ev.funds is not None
    assert ev.funds.budget == Decimal("1839.1") and ev.funds.spent == Decimal("1439.13")
    assert ev.funds.reported == Decimal("7.83")
    assert str(ev.funds.spent) == "1439.13"  # not 1439.1300000000001


def test_json_floats_are_read_exactly() -> None:
    data = {"类型": "部门", "名称": "x", "年度": 2021, "评价体系": "r"}
    text = json.dumps(data, ensure_ascii=False)[:-1] + ', "资金": {"全年预算数": 0.1, "全年执行数": 1439.13}}'
    ev = loads_evaluation(text, format="json")
    assert ev.funds is not None and ev.funds.budget == Decimal("0.1") and ev.funds.spent == Decimal("1439.13")


def test_english_aliases() -> None:
    text = """
type = "department"
name = "株洲市芦淞区自然资源局"
year = "2021"
rubric = "部门整体支出绩效自评表"
[funds]
initial = "985.93"
budget = "1839.1"
spent = "1439.13"
rate = "78.25%"
[[indicators]]
level1 = "产出指标"
level3 = "国土规划巡察次数"
target = "≥100"
actual = 110
points = 3
score = 3
"""
    ev = loads_evaluation(text)
    assert isinstance(ev, Department)
    assert ev.funds is not None and ev.funds.reported_rate == Decimal("0.7825")
    assert ev.indicators[0].actual_text == "110"


def test_comparator_column_is_joined_to_the_value() -> None:
    # 002's target tables: 指标类型 ≥ | 指标值 2 | 计量单位 处
    ev = loads_evaluation(
        toml(
            '[["指标"]]\n"三级指标" = "x"\n"指标类型" = "≥"\n"指标值" = "2"\n"计量单位" = "处"\n"分值" = 5\n'
        )
    )
    ind = ev.indicators[0]
    assert ind.target_text == "≥2" and ind.unit == "处"
    assert ind.target is not None and ind.target.comparator == "≥"


def test_dashes_mean_no_number() -> None:
    ev = loads_evaluation(
        HEAD.replace("项目", "部门", 1)
        + '["基础数据"."部门基本支出预算调整"]\n"上年决算数" = "——"\n"本年预算数" = "1359.35"\n'
    )
    assert isinstance(ev, Department) and ev.base is not None and ev.base.budget_adjustment is not None
    assert ev.base.budget_adjustment.previous is None
    assert ev.base.budget_adjustment.name == "部门基本支出预算调整"


def test_unknown_key_is_quoted_with_its_line() -> None:
    with pytest.raises(DataFileError) as info:
        loads_evaluation(toml('[["指标"]]\n"三级指标" = "x"\n"分值数" = 5\n'), path="t.toml")
    err = info.value
    assert err.text == "分值数"
    assert err.location.line == 7 and err.location.path == "t.toml"
    assert "指标[1]" in str(err) and "是否为 '分值'" in str(err)
    assert "did you mean '分值'" in err.describe("en")


def test_missing_required_key() -> None:
    with pytest.raises(DataFileError) as info:
        loads_evaluation('"评价对象" = "项目"\n"年度" = 2022\n"评价体系" = "r"\n')
    assert info.value.text == "名称"
    with pytest.raises(DataFileError) as info:
        loads_evaluation(toml('[["指标"]]\n"三级指标" = "x"\n'))
    assert info.value.text == "分值" and info.value.location.line == 5


def test_malformed_number_is_quoted_with_its_location() -> None:
    with pytest.raises(DataFileValueError) as info:
        loads_evaluation(toml('[["指标"]]\n"三级指标" = "a"\n"分值" = "12.3.4"\n'), path="x.toml")
    err = info.value
    assert isinstance(err, DataFileError) and isinstance(err, InputError)
    assert err.text == "12.3.4"
    assert (err.location.path, err.location.line, err.location.column) == ("x.toml", 7, 8)
    assert "指标[1].分值" in str(err) and "'12.3.4'" in str(err)


def test_malformed_number_in_json_has_a_line() -> None:
    text = '{\n  "类型": "项目",\n  "名称": "x",\n  "年度": 2022,\n  "评价体系": "r",\n  "资金": {\n    "全年预算数": "12.3.4"\n  }\n}'
    with pytest.raises(DataFileValueError) as info:
        loads_evaluation(text, format="json")
    assert info.value.text == "12.3.4" and info.value.location.line == 7
    assert "资金.全年预算数" in str(info.value)


def test_negative_budget_names_the_field_and_line() -> None:
    with pytest.raises(ValidationError) as info:
        loads_evaluation(toml('["资金"]\n"全年预算数" = "-5"\n'))
    assert info.value.field == "budget" and info.value.location.line == 6
    assert "资金.全年预算数" in str(info.value)


def test_zero_points_names_the_field() -> None:
    with pytest.raises(ValidationError) as info:
        loads_evaluation(toml('[["指标"]]\n"三级指标" = "x"\n"分值" = 0\n'))
    assert info.value.field == "points" and info.value.location.line == 7


def test_score_above_points_names_the_field() -> None:
    with pytest.raises(ValidationError) as info:
        loads_evaluation(toml('[["指标"]]\n"三级指标" = "x"\n"分值" = 5\n"得分" = "6"\n'))
    assert info.value.field == "reported" and info.value.location.line == 8


def test_incomparable_units_name_the_field() -> None:
    with pytest.raises(ValidationError) as info:
        loads_evaluation(
            toml('[["指标"]]\n"三级指标" = "x"\n"分值" = 5\n"年度指标值" = "≥2处"\n"实际完成值" = "3公顷"\n')
        )
    assert info.value.field == "actual_text" and info.value.location.line == 9


@pytest.mark.parametrize(
    ("text", "needle"),
    [
        (HEAD.replace('"项目"', '"单位"', 1), "单位"),
        (toml('"年度" = 1'), ""),  # TOML itself: a key given twice
        (toml('["基础数据"]\n"编制数" = 1\n'), "基础数据"),
        (toml('"名称" = 5'), ""),
        (toml('[["指标"]]\n"三级指标" = "x"\n"分值" = true\n'), "true"),
        (toml('"资金" = "多"\n'), "多"),
        (toml('"指标" = "x"\n'), "x"),
        (toml('[["指标"]]\n"三级指标" = "x"\n"分值" = 1\n"指标类型" = "约"\n'), "约"),
    ],
)
def test_other_bad_input(text: str, needle: str) -> None:
    with pytest.raises(DataFileError) as info:
        loads_evaluation(text)
    assert needle in str(info.value)


def test_toml_syntax_error_has_a_line() -> None:
    with pytest.raises(DataFileError) as info:
        loads_evaluation(HEAD + '"分值" = = 5\n')
    assert info.value.location.line == 5


def test_json_syntax_error_has_a_line() -> None:
    with pytest.raises(DataFileError) as info:
        loads_evaluation('{\n"类型": "项目",\n}', format="json")
    assert info.value.location.line == 3


def test_file_errors(tmp_path: Path) -> None:
    with pytest.raises(DataFileError):
        load_evaluation(tmp_path / "x.csv")
    with pytest.raises(DataFileError):
        load_evaluation(tmp_path / "missing.toml")
    with pytest.raises(DataFileError):
        loads_evaluation("x", format="yaml")
    bad = tmp_path / "bad.xlsx"
    bad.write_bytes(b"not a zip")
    with pytest.raises(DataFileError):
        load_evaluation(bad)


def test_positions() -> None:
    text = '"a" = 1\n[["指标"]]\n"分值" = 5\n[["指标"]]\n"分值" = """\nx = 1\n"""\n"得分" = 2\n["基础数据"."三公经费"]\n[["基础数据"."三公经费"."其中"]]\n"名称" = "公务接待"\n'
    pos = toml_positions(text)
    assert pos[("a",)] == (1, 7)
    assert pos[("指标", 0, "分值")] == (3, 8)
    assert pos[("指标", 1, "得分")] == (8, 8)
    assert ("x",) not in pos and ("指标", 1, "x") not in pos  # inside a multi-line string
    assert pos[("基础数据", "三公经费", "其中", 0, "名称")] == (11, 8)
    jpos = json_positions('{"a": [1, {"b": "x"}],\n "c": {"d": null}}')
    assert jpos[("a", 1, "b")] == (1, 17) and jpos[("c", "d")] == (2, 13)
    assert show_path(("基础数据", "三公经费", "其中", 0, "名称")) == "基础数据.三公经费.其中[1].名称"


# --- round trips ----------------------------------------------------------------------------------

FULL = Department(
    name="某县自然资源局",
    year=2023,
    rubric="部门整体支出绩效自评表",
    goal='目标 1: 抓好收入征收工作。\n目标 2: "引号" 与 \\ 反斜杠',
    achieved="完成",
    funds=Funds(
        initial="2580.64",
        budget="4746.21",
        spent="4746.21",
        carried_over="0.00",
        points=10,
        reported_rate="100%",
        reported=10,
        by_source=[FundLine(name="一般公共预算", budget="4320"), FundLine(name="政府性基金拨款")],
        by_use=[FundLine(name="基本支出", budget="3325.47")],
    ),
    groups=[
        IndicatorGroup(level1="产出指标", points=50),
        IndicatorGroup(level1="产出指标", level2="数量指标", points=12),
    ],
    indicators=[
        Indicator(
            level1="产出指标",
            level2="数量指标",
            name="整治问题图斑",
            target_text="≥10 起",
            actual_text="70 起",
            points=3,
            reported=3,
        ),
        Indicator(
            level1="产出指标",
            level2="数量指标",
            name="x",
            points="9.50",
            reported="8.25",
            unit="处",
            target_text="≥2",
            actual_text="2",
            standard="完成目标得满分，否则不得分",
            description="说明",
            note="无",
        ),  # fmt: skip
        Indicator(
            level1="满意度指标", name="服务对象满意度", target_text="≥95%", actual_text="0.97", points=10
        ),
    ],
    total_points=100,
    reported_total="98.00",
    reported_grade="优",
    grading="90分（含）—100分为优",
    base=BaseData(
        authorized_staff=61,
        actual_staff=61,
        staff_control_rate="100%",
        three_public=ExpenseLine(
            name="三公经费",
            previous="20.93",
            budget="39",
            final="32.19",
            items=[
                ExpenseLine(
                    name="公务用车购置和维护经费",
                    previous=0,
                    items=[ExpenseLine(name="公车购置", previous="20.19")],
                )
            ],
        ),
        common_expenses=ExpenseLine(name="公用经费", previous="826.19", budget="211.2", final="608.4"),
        procurement=ExpenseLine(name="政府采购金额", previous="4.82", budget="0", final="10.78"),
        buildings=BuildingControl(
            approved_area=0, actual_area=0, area_control_rate="0%", investment_control_rate="0"
        ),
        frugality="严格按照各项规章制度执行",
    ),
)


@pytest.mark.parametrize("fmt", ["toml", "json"])
def test_text_round_trip(fmt: str) -> None:
    text = dumps_evaluation(FULL, fmt)
    assert loads_evaluation(text, fmt) == FULL
    assert "2580.64" in text and "98.00" in text  # numbers as published, zeros kept


def test_xlsx_round_trip(tmp_path: Path) -> None:
    path = tmp_path / "full.xlsx"
    dump_xlsx(FULL, path)
    back = load_evaluation(path)
    assert back == FULL
    assert back.indicators[1].source is not None and back.indicators[1].source.cell is not None
    project = Project(
        name="p",
        year=2023,
        rubric="r",
        department="主管",
        implementer="实施",
        funds=Funds(unit="元", budget=5),
    )
    dump_evaluation(project, tmp_path / "p.xlsx")
    assert load_evaluation(tmp_path / "p.xlsx") == project


def test_dump_by_suffix(tmp_path: Path) -> None:
    for name in ("a.toml", "a.json"):
        dump_evaluation(FULL, tmp_path / name)
        assert load_evaluation(tmp_path / name) == FULL
    assert evaluation_from_dict(evaluation_to_dict(FULL)) == FULL


_texts = st.text(st.characters(exclude_categories=["Cs"]), max_size=30)
_targets = st.sampled_from(
    [(None, None), ("≥2", "次"), ("≥ 95%", None), ("519.84万亩", None), ("及时", None), ("2023/12/31", None),
     ("1 个总体规划, 22 个村庄规划", None), ("≤29.9万元", None), ("100%", None)]
)  # fmt: skip


@st.composite
def indicators(draw: st.DrawFn) -> Indicator:
    points = draw(st.decimals(min_value=Decimal("0.01"), max_value=Decimal("1000"), places=2))
    target_text, unit = draw(_targets)
    return Indicator(
        name=draw(_texts.filter(str.strip)),
        points=points,
        level1=draw(st.none() | _texts),
        level2=draw(st.none() | _texts),
        unit=unit,
        target_text=target_text,
        actual_text=target_text,
        reported=draw(st.none() | st.decimals(min_value=Decimal(0), max_value=points, places=3)),
        standard=draw(st.none() | _texts),
        description=draw(st.none() | _texts),
        note=draw(st.none() | _texts),
    )


@settings(max_examples=60, deadline=None)
@given(st.lists(indicators(), max_size=4))
def test_any_indicator_round_trips_through_toml_and_json(inds: list[Indicator]) -> None:
    ev = Project(name="p", year=2023, rubric="r", indicators=inds)
    for fmt in ("toml", "json"):
        assert loads_evaluation(dumps_evaluation(ev, fmt), fmt) == ev


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(indicators(), min_size=1, max_size=3))
def test_any_indicator_round_trips_through_xlsx(tmp_path: Path, inds: list[Indicator]) -> None:
    # Cells are read stripped and cannot hold control characters, and a level name ending in
    # "(5分)" is read as the group's 分值: the xlsx property keeps to texts a table can hold.
    clean = [ind for ind in inds if all(_xlsx_safe(t) for t in _texts_of(ind))]
    ev = Project(name="p", year=2023, rubric="r", indicators=clean)
    path = tmp_path / "p.xlsx"
    dump_xlsx(ev, path)
    assert load_evaluation(path) == attrs.evolve(ev, indicators=_filled_down(clean))


def _filled_down(inds: list[Indicator]) -> tuple[Indicator, ...]:
    """What a table means by a blank 一级/二级 cell: the group of the row above (a merged cell), as the
    .xlsx reader reads it (docs/data-format.md); a new 一级指标 starts without a 二级指标."""
    out: list[Indicator] = []
    level1: str | None = None
    level2: str | None = None
    for ind in inds:
        if ind.level1 is not None:
            level1, level2 = ind.level1, None
        if ind.level2 is not None:
            level2 = ind.level2
        out.append(attrs.evolve(ind, level1=level1, level2=level2))
    return tuple(out)


def _texts_of(ind: Indicator) -> list[str]:
    return [
        t
        for t in (ind.name, ind.level1, ind.level2, ind.standard, ind.description, ind.note)
        if t is not None
    ]


def _xlsx_safe(text: str) -> bool:
    import re

    return (
        text == text.strip() and text.isprintable() and not re.search(r"[（(]\s*[0-9.]+\s*分\s*[)）]$", text)
    )


# --- xlsx laid out like the published tables ------------------------------------------------------


def _published_workbook(path: Path, *, drop: str | None = None, points: object = 6) -> None:
    """A 自评表 as a person would type it in Excel, with merged 一级/二级指标 cells."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Sheet1"
    ws.append(["2021 年度部门整体支出绩效自评表"])
    ws.append(["部门名称", "株洲市芦淞区自然资源局", None, "评价对象", "部门", "年度", 2021])
    ws.append(["评价体系", "部门整体支出绩效自评表"])
    ws.append(
        [
            "资金情况 (万元)",
            "年度资金总额",
            "年初预算数",
            "全年预算数",
            "全年执行数",
            "分值",
            "执行率",
            "得分(分值×执行率)",
        ]
    )
    ws.append([None, "合计", 985.93, 1839.1, 1439.13, 10, 0.7825, 7.83])
    ws["G5"].number_format = "0.00%"
    ws.append([None, "其中：当年财政拨款", 985.93, 1497.06])
    ws.append([None, "上年结转资金", None, 330.8])
    ws.append([])
    header = [
        "绩效指标",
        "一级指标",
        "二级指标",
        "三级指标",
        "年度\n指标值",
        "实际完成值",
        "分值",
        "得分",
        "偏差原因分析及改进措施",
    ]
    if drop:
        header = [h for h in header if h != drop]
    ws.append(header)
    ws.append([None, "产出指标(50分)", "数量指标", "灾害防治知识宣传次数(次)", "≥2", 2, points, 6])
    ws.append([None, None, None, "地质灾害防治知识宣传受众人数(人)", "≥1000", 1500, 3, 3])
    ws.append([None, None, "质量指标", "森林防火巡察覆盖率", "100%", 1, 5, 5])
    ws["F12"].number_format = "0%"
    ws.append([None, "满意度指标 (10分)", "服务对象满意度指标", "公众满意度", "≥ 95%", "100%", 5, 5, "无"])
    ws.append([None, "总分", None, None, None, None, 100, 97.83, "等级：优"])
    ws.merge_cells("B10:B12")
    ws.merge_cells("C10:C11")
    wb.save(path)


def test_published_layout_xlsx(tmp_path: Path) -> None:
    path = tmp_path / "luosong.xlsx"
    _published_workbook(path)
    ev = load_evaluation(path)
    assert isinstance(ev, Department)
    assert ev.name == "株洲市芦淞区自然资源局" and ev.year == 2021
    assert ev.funds is not None
    assert (ev.funds.initial, ev.funds.budget, ev.funds.spent) == (
        Decimal("985.93"),
        Decimal("1839.1"),
        Decimal("1439.13"),
    )
    assert ev.funds.reported_rate == Decimal("0.7825") and ev.funds.reported == Decimal("7.83")
    assert [line.name for line in ev.funds.by_source] == ["当年财政拨款", "上年结转资金"]
    assert [i.path for i in ev.indicators] == [
        ("产出指标", "数量指标", "灾害防治知识宣传次数(次)"),
        ("产出指标", "数量指标", "地质灾害防治知识宣传受众人数(人)"),
        ("产出指标", "质量指标", "森林防火巡察覆盖率"),
        ("满意度指标", "服务对象满意度指标", "公众满意度"),
    ]
    assert ev.indicators[2].actual_text == "100%"  # a percent-formatted cell
    assert ev.indicators[3].note == "无"
    assert [(g.level1, g.points) for g in ev.groups] == [
        ("产出指标", Decimal(50)),
        ("满意度指标", Decimal(10)),
    ]
    assert (ev.total_points, ev.reported_total, ev.reported_grade) == (Decimal(100), Decimal("97.83"), "优")
    source = ev.indicators[1].source
    assert source is not None and source.cell == "Sheet1!A11"


def test_xlsx_missing_column_names_sheet_and_cell(tmp_path: Path) -> None:
    path = tmp_path / "t.xlsx"
    _published_workbook(path, drop="分值")
    with pytest.raises(DataFileError) as info:
        load_evaluation(path)
    assert info.value.text == "分值"
    assert info.value.location.cell is not None and info.value.location.cell.startswith("Sheet1!A9")
    assert "Sheet1!A9" in str(info.value)


def test_xlsx_malformed_number_names_the_cell(tmp_path: Path) -> None:
    path = tmp_path / "t.xlsx"
    _published_workbook(path, points="12.3.4")
    with pytest.raises(DataFileValueError) as info:
        load_evaluation(path)
    assert info.value.text == "12.3.4" and info.value.location.cell == "Sheet1!G10"


def test_xlsx_zero_points_is_a_validation_error_at_its_cell(tmp_path: Path) -> None:
    path = tmp_path / "t.xlsx"
    _published_workbook(path, points=0)
    with pytest.raises(ValidationError) as info:
        load_evaluation(path)
    assert info.value.field == "points" and info.value.location.cell == "Sheet1!G10"


def test_xlsx_unknown_column(tmp_path: Path) -> None:
    wb = openpyxl.Workbook()
    wb.active.append(["一级指标", "二级指标", "三级指标", "分值", "权重"])
    wb.save(tmp_path / "t.xlsx")
    with pytest.raises(DataFileError) as info:
        load_evaluation(tmp_path / "t.xlsx")
    assert info.value.text == "权重" and info.value.location.cell == "Sheet!E1"


def test_xlsx_without_indicator_header(tmp_path: Path) -> None:
    wb = openpyxl.Workbook()
    wb.active.append(["名称", "x"])
    wb.save(tmp_path / "t.xlsx")
    with pytest.raises(DataFileError, match="三级指标"):
        load_evaluation(tmp_path / "t.xlsx")


def test_common_indicator_layout_with_level_points(tmp_path: Path) -> None:
    # 000's 共性指标表: 一级指标 | 分值 | 二级指标 | 分值 | 三级指标 | 分值 | 评价标准 | 指标说明 | 得分
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(
        [
            "评价对象",
            "部门",
            "名称",
            "芷江侗族自治县自然资源局",
            "年度",
            2023,
            "评价体系",
            "部门整体支出绩效评价共性指标",
        ]
    )
    ws.append(["一级指标", "分值", "二级指标", "分值", "三级指标", "分值", "评价标准", "指标说明", "得分"])
    ws.append(["投入", 10, "预算配置", 10, "在职人员控制率", 5, "以 100% 为标准。", "在职人员控制率 = …", 5])
    ws.append([None, None, None, None, "“三公经费”变动率", 5, "“三公经费”变动率 $\\leq$ 0，计 5 分", None, 5])
    ws.merge_cells("A3:A4")
    wb.save(tmp_path / "c.xlsx")
    ev = load_evaluation(tmp_path / "c.xlsx")
    assert [(g.path, g.points) for g in ev.groups] == [
        (("投入",), Decimal(10)),
        (("投入", "预算配置"), Decimal(10)),
    ]
    assert ev.indicators[1].standard == "“三公经费”变动率 $\\leq$ 0，计 5 分"
    assert ev.indicators[1].path == ("投入", "预算配置", "“三公经费”变动率")


def test_template(tmp_path: Path) -> None:
    path = tmp_path / "t.xlsx"
    write_template_xlsx(path)
    ws = openpyxl.load_workbook(path).active
    values = [c.value for row in ws.iter_rows() for c in row if c.value is not None]
    for word in (
        "一级指标",
        "二级指标",
        "三级指标",
        "年度指标值",
        "实际完成值",
        "分值",
        "得分",
        "偏差原因分析及改进措施",
        "全年预算数",
    ):
        assert word in values
    with pytest.raises(DataFileError) as info:  # a blank template has no 名称 yet
        load_evaluation(path)
    assert info.value.text == "名称"
    write_template_xlsx(tmp_path / "d.xlsx", kind="部门")
    ws = openpyxl.load_workbook(tmp_path / "d.xlsx").active
    ws["B3"] = "某局"
    ws["D2"] = 2023
    ws.parent.save(tmp_path / "d.xlsx")
    ev = load_evaluation(tmp_path / "d.xlsx")
    assert isinstance(ev, Department) and ev.name == "某局" and ev.indicators == ()
    with pytest.raises(DataFileError):
        write_template_xlsx(tmp_path / "e.xlsx", kind="单位")


# Keys as a data file may spell them: (the TOML text, the key it means). The quoted and bare ones without
# escapes take toml_positions' one-match path; the others its general scanner — both must place every key.
_KEY_SPELLINGS = st.sampled_from([
    ('"分值"', "分值"), ('"三级指标"', "三级指标"), ("score", "score"), ("a-b_1", "a-b_1"),
    ('"a\\"b"', 'a"b'), ("'年 度'", "年 度"), ('"x.y"', "x.y"), ('"\\u5206"', "分"),
])
_BLANK = st.sampled_from(["", " ", "  ", "\t", " \t "])


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.tuples(st.sampled_from(["kv", "kv", "kv", "table", "array", "dotted", "comment"]),
                          st.lists(st.tuples(_KEY_SPELLINGS, _BLANK, _BLANK, _BLANK), min_size=1, max_size=4)),
                min_size=1, max_size=8))
def test_toml_positions_place_every_key_at_its_value(blocks: list[tuple[str, list[Any]]]) -> None:
    import tomllib

    lines: list[str] = []
    expected: dict[tuple[Any, ...], tuple[int, int]] = {}
    arrays: dict[str, int] = {}
    current: tuple[Any, ...] = ()
    for n, (kind, keys) in enumerate(blocks):
        (spelling, key), indent, _, _ = keys[0]
        if kind == "table":
            current = (f"t{n}",)
            lines.append(f'{indent}["t{n}"]')
            expected[current] = (len(lines), len(indent) + 1)
        elif kind in ("array", "dotted"):
            name = "指标" if kind == "array" else "资金"
            arrays[name] = arrays.get(name, 0) + 1
            current = (name, arrays[name] - 1) if kind == "array" else ("资金", "按收入性质", arrays[name] - 1)
            lines.append(f'{indent}[["{name}"]]  # 注' if kind == "array" else f'{indent}[["资金"."按收入性质"]]')
            expected[current] = (len(lines), len(indent) + 1)
        elif kind == "comment":
            lines.append(f"{indent}# {spelling} = 1")
        seen = set()
        for (spelling, key), indent, before, after in keys:
            if key in seen:
                continue
            seen.add(key)
            head = f"{indent}{spelling}{before}={after}"
            lines.append(f'{head}"v" # c' if len(seen) % 2 else f"{head}5")
            expected[(*current, key)] = (len(lines), len(head) + 1)
    text = "\n".join(lines)
    try:
        tomllib.loads(text)
    except tomllib.TOMLDecodeError:
        assume(False)  # a key repeated across blocks under one table: not a document
    positions = toml_positions(text)
    for path, where in expected.items():
        assert positions[path] == where, (path, text)
