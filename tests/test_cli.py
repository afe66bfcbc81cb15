"""The perfeval command: output formats, exit statuses, and errors without tracebacks."""

from __future__ import annotations

import json
from pathlib import Path

import openpyxl
from click.testing import CliRunner

from perfeval.cli import main

ROOT = Path(__file__).parents[1]
EXAMPLES = ROOT / "examples"


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, [str(a) for a in args])
    return result.exit_code, result.output


def test_score_json_gives_the_published_total() -> None:
    code, out = run("score", EXAMPLES / "luosong-2021-department.toml", "--format", "json")
    data = json.loads(out)
    assert code == 0
    assert data["total"] == 97.83 and data["grade"] == "优"
    first = data["indicators"][0]
    assert set(first) >= {"name", "points", "max_points", "reported"}


def test_score_table_prints_the_scorecard() -> None:
    code, out = run("score", EXAMPLES / "luosong-2021-department.toml", "--lang", "en")
    assert code == 0 and "97.83" in out and "grade" in out


def test_audit_exits_1_with_discrepancies() -> None:
    code, out = run("audit", EXAMPLES / "zhijiang-2023-department.toml", "--format", "json")
    assert code == 1
    names = [d["indicator"] for d in json.loads(out)["discrepancies"]]
    assert "预算控制率" in names and "公用经费控制率" in names


def test_audit_of_a_clean_table_exits_0() -> None:
    code, _ = run("audit", EXAMPLES / "luosong-2021-department.toml")
    assert code == 0


def test_score_xlsx_puts_computed_beside_reported(tmp_path: Path) -> None:
    out = tmp_path / "card.xlsx"
    code, _ = run("score", EXAMPLES / "luosong-2021-department.toml", "--format", "xlsx", "-o", out)
    assert code == 0
    rows = list(openpyxl.load_workbook(out).active.iter_rows(values_only=True))
    header = next(r for r in rows if "三级指标" in r)
    at = header.index("得分")
    assert header[at + 1] == "计算得分"
    total = next(r for r in rows if r[0] == "总分")
    assert total[at : at + 2] == (97.83, 97.83)


def test_check_passes_a_shipped_rubric_and_fails_a_broken_one(tmp_path: Path) -> None:
    code, out = run("check", ROOT / "perfeval" / "data" / "rubrics" / "department-common.rules")
    assert code == 0, out
    broken = tmp_path / "broken.rules"
    broken.write_text("评价体系 b\n满分 5\n一级指标 a 4分\n三级指标 x 5分\n  标准：100%计满分\n  例：100% → 4分\n",
                      encoding="utf-8")
    code, out = run("check", broken)
    assert code == 1
    assert "PE301" in out and "PE302" in out and "PE401" in out


def test_bad_input_exits_2_with_a_message_not_a_traceback(tmp_path: Path) -> None:
    bad = tmp_path / "bad.toml"
    bad.write_text('"评价对象" = "项目"\n"名称" = "x"\n"年度" = 2023\n"评价体系" = "r"\n["资金"]\n"全年预算数" = "12.3.4"\n',
                   encoding="utf-8")
    code, out = run("score", bad)
    assert code == 2
    assert "12.3.4" in out and "Traceback" not in out


def test_explain_one_indicator() -> None:
    code, out = run("explain", EXAMPLES / "zhijiang-2023-department.toml", "预算控制率")
    assert code == 0 and "大于 30% 不得分" in out and "0.00" in out


def test_explain_takes_the_last_part_of_a_path_as_the_card_shows_it() -> None:
    """The card lists 资金情况/执行率, but `explain … 执行率` said there was no such indicator (its name is 资金执行率)."""
    code, out = run("explain", EXAMPLES / "luosong-2021-department.toml", "执行率")
    assert code == 0 and "7.83" in out


def test_template_writes_a_blank_table(tmp_path: Path) -> None:
    path = tmp_path / "t.xlsx"
    code, _ = run("template", path, "--kind", "部门")
    assert code == 0 and path.exists()


def test_check_names_a_gap_between_bands_and_fails(tmp_path: Path) -> None:
    gap = tmp_path / "gap.rules"
    gap.write_text("评价体系 g\n满分 6\n一级指标 a 6分\n三级指标 满意度 6分\n"
                   "  标准：90%（含）以上计6分；80%（含）-85%计4分；低于80%计0分\n", encoding="utf-8")
    code, out = run("check", gap)
    assert code == 1
    assert "没有分档覆盖 (85%, 90%)" in out and "5:18:" in out  # at the band the gap opens after
    code, out = run("check", gap, "--lang", "en")
    assert "no band covers (85%, 90%)" in out and "extend '80%（含）-85%计4分' up to 90%" in out


def test_check_warns_on_a_satisfaction_target_capped_from_above() -> None:
    code, out = run("check", EXAMPLES / "zhijiang-2024-targets.toml")
    assert code == 0  # a warning, not an error
    assert "PE501" in out and "人民群众和服务对象满意度" in out and "几乎可以肯定应为 ≥" in out
    code, out = run("check", EXAMPLES / "zhijiang-2024-targets.toml", "--lang", "en")
    assert "almost surely meant ≥" in out
    code, _ = run("check", EXAMPLES / "zhijiang-2024-targets.toml", "--strict")
    assert code == 1


def test_check_lists_readings_on_request() -> None:
    rubric = ROOT / "perfeval" / "data" / "rubrics" / "department-common.rules"
    code, out = run("check", rubric, "--readings")
    assert code == 0 and "PE101" in out and "整步计算" in out
    code, out = run("check", rubric, "--readings", "--lang", "en")
    assert code == 0 and "PE101" in out and "whole steps" in out


def test_fmt_prints_the_canonical_spelling() -> None:
    code, out = run("fmt", "90% (含)以上 计 6 分; 80%(含)-90%,计4分")
    assert code == 0 and out.strip() == "90%（含）以上计6分；80%（含）-90%，计4分"
    code, out = run("fmt", "80%（含）-，计4分")
    assert code == 2 and "无法读懂" in out


def test_check_speaks_the_chosen_language() -> None:
    rubric = ROOT / "perfeval" / "data" / "rubrics" / "department-common.rules"
    code, out = run("check", rubric)
    assert code == 0 and "0 个错误" in out
    code, out = run("check", rubric, "--lang", "en")
    assert code == 0 and "0 errors" in out


def test_fmt_on_standard_input_names_the_failing_line() -> None:
    result = CliRunner().invoke(main, ["fmt"], input="90%以上计6分\n\n80%（含）-，计4分\n")
    assert result.exit_code == 2
    assert "90%以上计6分" in result.output and "<stdin>，第 3 行" in result.output


def test_check_readings_on_a_rubric_of_the_field_families() -> None:
    """Issue 9: `perfeval check --readings` on a rubric using the new families shows each reading and its code."""
    code, out = run("check", EXAMPLES / "field-families.rules", "--readings")
    assert code == 0 and "0 个错误" in out
    # (the rank indicator states no reading: 4-8名 claims both its ends outright)
    for reading in ("PE145", "PE138", "PE150", "PE151", "PE194", "PE143", "PE101"):
        assert f"说明[{reading}]" in out, reading
    code, out = run("check", EXAMPLES / "field-families.rules", "--readings", "--lang", "en")
    assert "linear between" in out and "0 errors" in out and "info[PE145]" in out
