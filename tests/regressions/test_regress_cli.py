"""Issue 13, the command line: never a traceback, exit status 2 with a located message, user text verbatim."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner, Result

from perfeval.cli import main

from .test_regress_files import toml

COMMANDS = [["score"], ["audit"], ["check"], ["score", "--format", "json"], ["audit", "--format", "json"],
            ["explain", "@", "变更图斑"]]


def run(args: list[str], data: Path) -> Result:
    argv = [str(data) if a == "@" else a for a in args]
    if "@" not in args:
        argv.append(str(data))
    return CliRunner().invoke(main, argv)


def refused(result: Result, *where: str) -> None:
    """Exit 2, one message naming ``where``, no traceback."""
    assert result.exit_code == 2, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert "Traceback" not in result.output
    for w in where:
        assert w in result.output


def data_file(tmp_path: Path, text: str | bytes, name: str = "x.toml") -> Path:
    path = tmp_path / name
    path.write_bytes(text if isinstance(text, bytes) else text.encode())
    return path


@pytest.mark.parametrize("args", COMMANDS, ids=" ".join)
@pytest.mark.parametrize("data", [b'"\xf3\x00', b"\xff\xfe\x22\x00", b"\xff" + toml().encode()],
                         ids=["binary", "UTF-16 BOM", "stray 0xFF"])
def test_every_command_refuses_a_file_not_in_utf8_with_exit_2(tmp_path: Path, args: list[str], data: bytes) -> None:
    path = data_file(tmp_path, data)
    refused(run(args, path), str(path), "第 1 行")


@pytest.mark.parametrize("args", COMMANDS, ids=" ".join)
@pytest.mark.parametrize("text", [toml(points="1" + "0" * 5000), "x = " + "[" * 5000 + "]" * 5000,
                                  toml(points="nan"), toml(actual="1e-999999999")],
                         ids=["5001-digit int", "nesting 5000", "nan", "1e-999999999"])
def test_every_command_refuses_hostile_numbers_and_nesting_with_exit_2(tmp_path: Path, args: list[str],
                                                                       text: str) -> None:
    path = data_file(tmp_path, text)
    refused(run(args, path), str(path), "行")


def test_check_of_a_rules_file_with_a_bad_example_exits_2_with_its_line(tmp_path: Path) -> None:
    path = data_file(tmp_path, "评价体系 x\n满分 5\n一级指标 a 5分\n三级指标 b 5分\n  标准：100%计满分\n  例：a=1, b → 5分\n",
                     "x.rules")
    refused(CliRunner().invoke(main, ["check", str(path)]), "第 6 行")


def test_output_into_a_missing_directory_exits_2_naming_the_path(tmp_path: Path) -> None:
    path = data_file(tmp_path, toml())
    target = tmp_path / "missing" / "out.xlsx"
    for command in ("score", "audit"):
        result = CliRunner().invoke(main, [command, str(path), "--format", "xlsx", "-o", str(target)])
        refused(result, str(target))


def test_an_indicator_named_closing_tag_is_printed_verbatim(tmp_path: Path) -> None:
    path = data_file(tmp_path, toml().replace('"变更图斑"', '"[/]"'))
    for command in ("score", "audit"):
        result = CliRunner().invoke(main, [command, str(path)])
        assert result.exit_code in (0, 1), result.output
        assert result.exception is None or isinstance(result.exception, SystemExit)
        assert "[/]" in result.output


def test_an_indicator_named_like_markup_is_not_restyled(tmp_path: Path) -> None:
    path = data_file(tmp_path, toml().replace('"变更图斑"', '"[bold red]x"'))
    result = CliRunner().invoke(main, ["score", str(path)], color=True)
    assert result.exit_code == 0
    assert "[bold" in result.output and "\x1b[1;31m" not in result.output


def test_a_control_character_in_a_name_written_to_xlsx_exits_2_naming_the_cell(tmp_path: Path) -> None:
    path = data_file(tmp_path, toml().replace('"变更图斑"', '"a\\u0001b"'))
    result = CliRunner().invoke(main, ["score", str(path), "--format", "xlsx", "-o", str(tmp_path / "o.xlsx")])
    refused(result, "自评表!")  # the filled-in 自评表 names the cell


@pytest.mark.parametrize("name", ["=1+2", "+1", "-1", "@SUM(A1)", '=HYPERLINK("http://x","y")'])
def test_names_starting_with_formula_characters_are_written_as_text(tmp_path: Path, name: str) -> None:
    path = data_file(tmp_path, toml().replace('"变更图斑"', f'"{name}"'.replace('"http://x","y"', '\\"h\\",\\"y\\"')))
    out = tmp_path / "o.xlsx"
    result = CliRunner().invoke(main, ["score", str(path), "--format", "xlsx", "-o", str(out)])
    assert result.exit_code == 0, result.output
    cells = [c for row in openpyxl.load_workbook(out).active.iter_rows() for c in row
             if isinstance(c.value, str) and c.value.startswith(name[:3])]
    assert cells and all(c.data_type == "s" for c in cells)  # text, never a formula


def test_a_scorecard_written_to_a_file_object_makes_no_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Found by the fuzz suite: report.write_xlsx(card, BytesIO()) saved a file named "<_io.BytesIO object …>"."""
    import io

    from perfeval import report
    from perfeval.rubric.audit import evaluate

    monkeypatch.chdir(tmp_path)
    out = io.BytesIO()
    report.write_xlsx(evaluate(p_load(data_file(tmp_path, toml()))), out)
    assert openpyxl.load_workbook(io.BytesIO(out.getvalue())).active["C2"].value == "变更图斑"
    assert [f.name for f in tmp_path.iterdir()] == ["x.toml"]


def p_load(path: Path) -> object:
    import perfeval

    return perfeval.load_evaluation(path)


def test_template_into_a_missing_directory_and_fmt_of_a_hostile_standard_exit_2(tmp_path: Path) -> None:
    refused(CliRunner().invoke(main, ["template", str(tmp_path / "missing" / "t.xlsx")]), "missing")
    refused(CliRunner().invoke(main, ["fmt", "甲、" * 480]), "200")
    refused(CliRunner().invoke(main, ["fmt"], input="100%计满分\n" + "、" * 500 + "\n"), "<stdin>，第 2 行")


def test_a_bug_is_one_line_and_exit_2_not_a_traceback(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import perfeval.cli

    def broken(path: str) -> None:
        raise KeyError("a bug")

    monkeypatch.setattr(perfeval.cli, "load_evaluation", broken)
    result = CliRunner().invoke(main, ["score", str(data_file(tmp_path, toml()))])
    refused(result, "内部错误（KeyError")


def test_a_reported_grade_like_markup_is_printed_verbatim_by_the_audit(tmp_path: Path) -> None:
    """Found by the fuzz suite: a reported 等级 of "[/]" reached rich as markup in the discrepancy table."""
    text = toml() + '\n["总分"]\n"分值" = "5"\n"得分" = "5"\n"等级" = "[/]"\n"等级划分" = "4分（含）以上为优，4分以下为差"\n'
    result = CliRunner().invoke(main, ["audit", str(data_file(tmp_path, text)), "--lang", "en"])
    assert result.exit_code == 1, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert "[/]" in result.output


def test_a_figure_of_seventy_digits_in_a_table_finding_is_printed_not_an_internal_error(tmp_path: Path) -> None:
    """Found by the fuzz suite (issue 13, long run): a 70-digit 上年决算数 (within the 100-digit limit) made the
    table finding's figure unprintable — babel quantized it in a 50-digit context: `audit` said "internal error
    (InvalidOperation)" and exit 2."""
    example = Path(__file__).resolve().parents[2] / "examples" / "zhijiang-2023-department.toml"
    text = example.read_text(encoding="utf-8")
    assert '"上年决算数" = "20.93"' in text
    path = data_file(tmp_path, text.replace('"上年决算数" = "20.93"', '"上年决算数" = "' + "9" * 70 + '"'))
    for command in (["audit"], ["audit", "--format", "json"], ["score"]):
        result = run(command, path)
        assert result.exit_code in (0, 1), (command, result.output)
        assert "internal error" not in result.output and "Traceback" not in result.output
    assert "9" * 70 in run(["audit", "--format", "json"], path).output


@pytest.mark.parametrize("digits", [49, 60, 100])
def test_a_number_within_the_limits_is_shown_with_every_digit(digits: int) -> None:
    """The same bug's other face: 0.999…9 (60 nines) was shown as "1" — a figure silently changed on screen."""
    from decimal import Decimal

    from perfeval.display import format_number, format_points, number_text

    whole, fraction = Decimal("9" * digits), Decimal("0." + "9" * digits)
    assert number_text(whole).replace(",", "") == "9" * digits
    assert format_number(fraction) == "0." + "9" * digits
    assert format_points(Decimal("9" * digits + ".005")).replace(",", "") == "9" * digits + ".01"


def test_a_seventy_digit_figure_is_summed_and_shown_exactly_in_its_table_finding() -> None:
    """The same run: the table's arithmetic ran in 50 digits, so the finding said 1000…0 (70 digits) for the
    table's 9999…9 and a difference rounded the same way — a wrong number in a finding."""
    from decimal import Decimal

    from perfeval.datafile import loads_evaluation
    from perfeval.rubric.arithmetic import table_findings

    example = Path(__file__).resolve().parents[2] / "examples" / "zhijiang-2023-department.toml"
    text = example.read_text(encoding="utf-8").replace('"上年决算数" = "20.93"', '"上年决算数" = "' + "9" * 70 + '"')
    [found] = [f for f in table_findings(loads_evaluation(text)) if f.cells == ("基础数据.三公经费.其中.上年决算数",)]
    assert found.printed == Decimal("9" * 70) and found.computed == Decimal("0.74")
    said = found.reason.render("zh_CN")
    assert f"与合计 {'9' * 70} 不符" in said and f"相差 {'9' * 69}8.26" in said
