"""One test per problem a review of the issue-11 changes found (rule-engine's tests/issues.py style)."""

from __future__ import annotations

import re
import zipfile
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest
from openpyxl.worksheet.formula import ArrayFormula

import perfeval
from perfeval.datafile import dump_xlsx, load_evaluation
from perfeval.datafile.text import parse_json
from perfeval.errors import DataFileError
from perfeval.model import Department, Funds, Indicator, Project
from perfeval.rubric import shipped
from perfeval.rubric.arithmetic import table_findings
from perfeval.rubric.audit import audit

EXAMPLES = Path(__file__).parents[2] / "examples"
STEPS = "100%计满分，每低于5%扣2分，扣完为止"
RUBRIC = perfeval.loads(f"评价体系 示例\n满分 10\n一级指标 产出 10分\n三级指标 完成率 10分\n  标准：{STEPS}\n")


def _row(actual: str, target: str = "20处") -> perfeval.rubric.IndicatorScore:
    row = Indicator(level1="产出", name="完成率", points=10, reported=10, target_text=target, actual_text=actual)
    return RUBRIC.score(Project(name="x", year=2023, rubric="示例", indicators=[row]))["完成率"]


@pytest.mark.parametrize("actual", ["19/20处", "19-20处", "第19处", "19处,20处", "1e3处"])
def test_review_1_an_actual_that_is_not_one_quantity_gives_no_completion_rate(actual: str) -> None:
    item = _row(actual)
    assert item.points is None and item.status == "error"


@pytest.mark.parametrize("text", ["八十五", "85\u200b", "壹"])
def test_review_2_a_rate_in_other_digits_still_needs_its_mark(text: str) -> None:
    with pytest.raises(perfeval.InputError) as err:
        perfeval.compile_rule(STEPS, points=5).points(text)
    assert err.value.code == "rate_without_mark"


def test_review_2_zero_needs_no_mark() -> None:
    assert perfeval.compile_rule(STEPS, points=5).points("0") == Decimal("0.00")


def _workbook(tmp_path: Path) -> tuple[Path, openpyxl.Workbook, int, int]:
    path = tmp_path / "l.xlsx"
    dump_xlsx(load_evaluation(EXAMPLES / "luosong-2021-department.toml"), path)
    wb = openpyxl.load_workbook(path)
    ws = wb.worksheets[0]
    header = next(r for r in ws.iter_rows() if "三级指标" in [c.value for c in r])
    return path, wb, header[0].row + 1, [c.value for c in header].index("得分") + 1


def test_review_3_an_array_formula_without_a_value_is_refused(tmp_path: Path) -> None:
    path, wb, row, col = _workbook(tmp_path)
    cell = wb.worksheets[0].cell(row, col)
    cell.value = ArrayFormula(cell.coordinate, "=1+1")
    wb.save(path)
    with pytest.raises(DataFileError, match="公式"):
        load_evaluation(path)


def test_review_3_a_namespace_prefixed_formula_is_refused(tmp_path: Path) -> None:
    path, wb, row, col = _workbook(tmp_path)
    wb.worksheets[0].cell(row, col).value = "=1+1"
    wb.save(path)
    prefixed = tmp_path / "p.xlsx"
    with zipfile.ZipFile(path) as zin, zipfile.ZipFile(prefixed, "w", zipfile.ZIP_DEFLATED) as out:
        for item in zin.infolist():
            data = zin.read(item.filename)
            if item.filename.startswith("xl/worksheets/sheet"):
                s = data.decode().replace('xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"',
                                          'xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main"')
                data = re.sub(r"<(/?)(?!\?)([A-Za-z]+)([ >/])", r"<\1x:\2\3", s).encode()
            out.writestr(item, data)
    with pytest.raises(DataFileError, match="公式"):
        load_evaluation(prefixed)


def test_review_4_a_subtotal_row_is_never_read_as_the_total(tmp_path: Path) -> None:
    path, wb, row, col = _workbook(tmp_path)
    ws = wb.worksheets[0]
    ws.insert_rows(row + 1)
    ws.cell(row + 1, 1, "小计")
    wb.save(path)
    with pytest.raises(DataFileError, match="小计"):
        load_evaluation(path)


def test_review_5_a_misspelt_formula_figure_is_a_finding() -> None:
    huarong = perfeval.load(shipped()["项目支出绩效评价评分表（共性）"])
    p = Project(name="p", year=2022, rubric="x", inputs={"实际到位": "30.525", "计划到": "61.8"},
                indicators=[Indicator(level1="项目管理", level2="资金到位", name="到位率", points=3, reported=3)])
    found = [d for d in audit(huarong.score(p)).discrepancies if d.kind == "inputs"]
    assert [d.indicator for d in found] == ["公式数据.计划到"] and "是否指：计划到位" in found[0].reason


def test_review_6_a_table_with_nothing_to_check_is_not_clean() -> None:
    ev = load_evaluation(EXAMPLES / "zhijiang-2024-targets.toml")
    found = audit(perfeval.evaluate(ev), ev)
    assert not found.clean and "empty" in {d.kind for d in found.discrepancies}


def test_review_7_a_report_figure_on_text_is_a_finding_not_a_crash() -> None:
    ev = Department(name="d", year=2023, rubric="x", funds=Funds(budget="100", spent="100", reported_rate="100%"),
                    report_figures={"名称": "1", "资金.执行率": "100%"})
    found = {f.cells[0]: f for f in table_findings(ev)}
    assert "不是数字" in found["名称"].reason
    assert "资金.执行率" not in found  # 100% in the report and in the table


def test_review_8_keys_that_are_not_text_are_errors() -> None:
    for key in (5, (1, 2), (), None):
        with pytest.raises(perfeval.PerfevalError):
            RUBRIC.score({key: "1%"})
        with pytest.raises(KeyError):
            RUBRIC.score({"完成率": "90%"})[key]  # type: ignore[index]


def test_review_8_a_name_with_a_slash_is_a_name() -> None:
    rubric = perfeval.loads("评价体系 示例\n满分 5\n一级指标 产出 5分\n三级指标 人均/户均完成率 5分\n  标准：100%计满分\n")
    assert rubric.score({"人均/户均完成率": "100%"}).total == Decimal("5.00")


def test_review_9_a_long_printed_rate_does_not_crash() -> None:
    ev = Department(name="d", year=2023, rubric="x",
                    funds=Funds(budget="0.01", spent="1000", reported_rate=Decimal("0." + "1" * 48)))
    table_findings(ev)


def test_review_10_a_float_cached_rate_is_not_flagged_against_itself() -> None:
    rate = Decimal(repr(1439.13 / 1839.1))  # what Excel caches for =E8/D8
    ev = Department(name="d", year=2023, rubric="x", funds=Funds(budget="1839.1", spent="1439.13", reported_rate=rate))
    assert table_findings(ev) == []


def test_review_11_partial_subtotals_are_not_summed() -> None:
    ev = load_evaluation(EXAMPLES / "zhijiang-2023-department.toml")
    groups = [g for g in ev.groups if g.level2 != "职责履行"]  # 产出及效率 30 and 履职效益 12 only
    import attrs

    found = [f for f in table_findings(attrs.evolve(ev, groups=groups)) if f.cells == ("指标分组.产出及效率.分值",)]
    assert found == []  # its 三级指标 add up to 30


def test_review_12_a_budget_cut_is_shown_but_soft() -> None:
    ev = load_evaluation(EXAMPLES / "yueyang-2023-project-shanshui.toml")
    found = audit(perfeval.evaluate(ev), ev)
    cut = [d for d in found.discrepancies if d.cells[:1] == ("资金.全年预算数",)]
    assert cut and cut[0].soft and found.clean


def test_review_13_the_practice_names_the_indicator() -> None:
    d = Department(name="d", year=2023, rubric="部门整体支出绩效自评表",
                   funds=Funds(budget="100", spent="49.88", points="10", reported="5"))
    [f] = [f for f in audit(perfeval.evaluate(d), d).discrepancies if f.kind == "score"]
    assert f.practice is not None and f.practice.startswith("资金执行率 49.88%")


def test_review_13_a_duplicate_key_written_three_times_has_no_wrong_line() -> None:
    text = '{"得分": 1,\n "a": {"得分": 2},\n "得分": 3}'
    with pytest.raises(DataFileError) as err:
        parse_json(text)
    assert err.value.location.line is None


def test_review_13_a_named_sheet_without_its_header_keeps_its_first_figure(tmp_path: Path) -> None:
    p = Project(name="p", year=2022, rubric="r", inputs={"实际到位": "30.525", "计划到位": "61.8"})
    path = tmp_path / "n.xlsx"
    dump_xlsx(p, path)
    wb = openpyxl.load_workbook(path)
    wb["公式数据"].delete_rows(1)
    wb.save(path)
    assert load_evaluation(path).inputs == p.inputs


_CARRY_AND_VETO = """评价体系 测试
满分 100

一级指标 产出 100分
二级指标 质量 100分
三级指标 问题 10分
  标准：每发现一处问题扣1分，扣满10分后从考核总分中继续扣减。
三级指标 安全 10分
  标准：每发现一起违规扣1分；发生重大安全事故的，实行一票否决。
三级指标 其他 80分
  标准：每发现一处问题扣1分，扣完为止。

等级：90分（含）以上为优，80分（含）至90分为良，60分（含）至80分为中，60分以下为差。
"""


def test_a_carried_deduction_comes_off_the_total() -> None:
    """Hunt 11, X8: "扣满10分后从考核总分中继续扣减" carried −1 on the indicator, but the card's total stayed 90 (优)."""
    card = perfeval.loads(_CARRY_AND_VETO).score({"问题": 11, "安全": {"①": 0, "②": 0}, "其他": 0})
    assert (card.carried, card.total, card.grade) == (Decimal(-1), Decimal(89), "良")


def test_a_veto_is_the_grade() -> None:
    """Hunt 11, X9: an indicator's 一票否决 left the card graded 优 on its total of 100."""
    card = perfeval.loads(_CARRY_AND_VETO).score({"问题": 0, "安全": {"①": 0, "②": 1}, "其他": 0})
    assert card.grade == "实行一票否决" and card.vetoes == (("安全", "实行一票否决"),)
    assert card.grade_reason is not None and card.grade_error is None
