"""A rate given to a data file as a bare number (issue 11, item 2): a fraction is what it says; above 1 it is
a located error naming the field and the reading that would apply, never silently 9500%."""

from __future__ import annotations

import io
import json
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

import perfeval
from perfeval.cli import main
from perfeval.datafile import RateNumberError, dump_xlsx

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"
HEAD = '"评价对象" = "部门"\n"名称" = "x"\n"年度" = 2022\n"评价体系" = "r"\n'


def funds(rate: str) -> str:
    return HEAD + f'["资金"]\n"全年预算数" = 10\n"执行率" = {rate}\n'


def test_a_toml_rate_of_95_is_refused_at_its_line_with_both_readings() -> None:
    with pytest.raises(RateNumberError) as info:
        perfeval.loads_evaluation(funds("95"), path="x.toml")
    err = info.value
    assert (err.location.path, err.location.line) == ("x.toml", 7)
    assert err.code == "rate_number_without_mark" and err.field == "资金.执行率"
    assert "9500%" in err.message and '"95%"' in err.message and "0.95" in err.message
    assert "9500%" in err.message_in("en") and "fraction" in err.message_in("en")
    assert isinstance(err, perfeval.DataFileError) and isinstance(err, perfeval.InputError)


@given(st.decimals(min_value=0, max_value=1, places=6))
@settings(max_examples=60, deadline=None)
def test_a_fraction_up_to_1_is_the_rate_it_says(fraction: Decimal) -> None:
    assert perfeval.loads_evaluation(funds(f"{fraction}")).funds.reported_rate == fraction  # type: ignore[union-attr]


@given(st.decimals(min_value=Decimal("1.000001"), max_value=Decimal(10) ** 6, places=6))
@settings(max_examples=60, deadline=None)
def test_a_bare_number_above_1_is_refused_and_says_what_it_would_be(number: Decimal) -> None:
    for shown in (f"{number}", f"-{number}"):
        with pytest.raises(RateNumberError) as info:
            perfeval.loads_evaluation(funds(shown), path="x.toml")
        assert info.value.value == Decimal(shown)
        assert f"{Decimal(shown).scaleb(2):f}%" in info.value.message


def test_a_rate_as_text_still_needs_its_mark_and_with_it_reads_as_before() -> None:
    assert perfeval.loads_evaluation(funds('"95%"')).funds.reported_rate == Decimal("0.95")  # type: ignore[union-attr]
    with pytest.raises(perfeval.DataFileError, match="95%"):
        perfeval.loads_evaluation(funds('"95"'))


def test_a_json_rate_and_a_formula_figure_named_as_a_rate_are_refused_at_their_lines() -> None:
    data = {"评价对象": "部门", "名称": "x", "年度": 2022, "评价体系": "r", "资金": {"执行率": 95}}
    text = json.dumps(data, ensure_ascii=False, indent=1)
    with pytest.raises(RateNumberError) as info:
        perfeval.loads_evaluation(text, "json", path="x.json")
    assert info.value.location.line == text.split("\n").index(' "资金": {') + 2
    data = {**data, "资金": {"执行率": 0.95}, "公式数据": {"实际到位资金": 95, "完成率": 95}}
    text = json.dumps(data, ensure_ascii=False, indent=1)
    with pytest.raises(RateNumberError) as info:
        perfeval.loads_evaluation(text, "json", path="x.json")
    assert info.value.field == "公式数据.完成率" and info.value.location.line == text.split("\n").index('  "完成率": 95') + 1
    data["公式数据"] = {"实际到位资金": 95, "完成率": "95%", "到位率": 0.5}
    ev = perfeval.loads_evaluation(json.dumps(data, ensure_ascii=False), "json")
    assert dict(ev.inputs) == {"实际到位资金": 95, "完成率": Decimal("0.95"), "到位率": Decimal("0.5")}


def _workbook(value: object, number_format: str | None = None) -> bytes:
    buf = io.BytesIO()
    dump_xlsx(perfeval.load_evaluation(EXAMPLES / "huarong-2022-project-selfeval.toml"), buf)
    wb = openpyxl.load_workbook(io.BytesIO(buf.getvalue()))
    ws = wb.active
    assert ws["G7"].value == "执行率"
    ws["G8"] = value
    if number_format is not None:
        ws["G8"].number_format = number_format
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def test_an_xlsx_rate_cell_of_78_25_without_a_percent_format_is_refused_at_its_cell() -> None:
    with pytest.raises(RateNumberError) as info:
        perfeval.loads_evaluation(_workbook(78.25), "xlsx", path="t.xlsx")
    assert info.value.location.cell == "自评表!G8" and info.value.location.path == "t.xlsx"
    assert "7825%" in info.value.message and "百分比格式" in info.value.message
    assert "percent format" in info.value.message_in("en")


@pytest.mark.parametrize(("value", "number_format"), [(0.7825, "0.00%"), (0.7825, None), (1, None)])
def test_an_xlsx_rate_cell_holding_a_fraction_is_that_rate(value: float, number_format: str | None) -> None:
    ev = perfeval.loads_evaluation(_workbook(value, number_format), "xlsx")
    assert ev.funds.reported_rate == Decimal(str(value))  # type: ignore[union-attr]


def test_the_cli_refuses_a_bare_rate_with_exit_status_2_and_the_line(tmp_path: Path) -> None:
    text = (EXAMPLES / "huarong-2022-project-selfeval.toml").read_text(encoding="utf-8")
    assert '"执行率" = "100%"' in text
    bad = tmp_path / "bad.toml"
    bad.write_text(text.replace('"执行率" = "100%"', '"执行率" = 100'), encoding="utf-8")
    line = text.split("\n").index('"执行率" = "100%"') + 1
    result = CliRunner().invoke(main, ["score", str(bad)])
    assert result.exit_code == 2
    assert "10000%" in result.output and f"第 {line} 行" in result.output and "执行率" in result.output
