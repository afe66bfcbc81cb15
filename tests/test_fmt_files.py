"""``perfeval fmt FILE…``: .rules files laid out in place, ``--check`` and ``--diff``; meaning never changes."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from perfeval.cli import main
from perfeval.fmt import format_rubric
from perfeval.rubric import Rubric, loads
from perfeval.rubric.syntax import RubricSyntaxError

ROOT = Path(__file__).parents[1]
SHIPPED = sorted((ROOT / "perfeval" / "data" / "rubrics").glob("*.rules")) + sorted(ROOT.glob("examples/*.rules"))

MESSY = """# 示例
评价体系   示例体系
满分:10


一级指标 投入 10
二级指标  预算 10 分
三级指标 完成率 10分
     标准   100%计满分，每低于5%扣2分，   扣完为止。
        没有任务的按满分计。
   例：95% → 8分
"""
CANONICAL = """# 示例
评价体系 示例体系
满分 10

一级指标 投入 10分
二级指标 预算 10分
三级指标 完成率 10分
  标准：100%计满分，每低于5%扣2分，   扣完为止。
    没有任务的按满分计。
  例：95% → 8分
"""


def run(*args: str, input: str | None = None) -> tuple[int, str]:
    result = CliRunner().invoke(main, ["fmt", *map(str, args)], input=input)
    return result.exit_code, result.output


def test_shipped_rubrics_are_formatted() -> None:
    code, out = run("--check", *SHIPPED)
    assert code == 0, out


def test_format_lays_out_and_keeps_the_standard_verbatim() -> None:
    assert format_rubric(MESSY) == CANONICAL
    assert format_rubric(CANONICAL) == CANONICAL
    a, b = loads(MESSY), loads(CANONICAL)
    def seen(r: Rubric) -> list[object]:
        return [(i.path, i.points, i.rule and i.rule.text, i.rule and i.rule("95%").points) for i in r.indicators]

    assert seen(a) == seen(b) and seen(a)[0][3] == 8


def test_fmt_formats_files_in_place(tmp_path: Path) -> None:
    messy, clean = tmp_path / "a.rules", tmp_path / "b.rules"
    messy.write_text(MESSY, encoding="utf-8")
    clean.write_text(CANONICAL, encoding="utf-8")
    code, out = run(messy, clean)
    assert code == 0 and f"已整理 {messy}" in out and str(clean) not in out
    assert messy.read_text(encoding="utf-8") == CANONICAL


def test_check_exits_1_and_diff_shows_the_change_without_writing(tmp_path: Path) -> None:
    messy = tmp_path / "a.rules"
    messy.write_text(MESSY, encoding="utf-8")
    code, out = run("--check", messy)
    assert code == 1 and f"将整理 {messy}" in out
    code, out = run("--diff", messy)
    assert code == 0 and "-满分:10" in out and "+满分 10" in out and "+  标准：100%" in out
    code, out = run("--check", "--diff", messy)
    assert code == 1 and "+满分 10" in out
    assert messy.read_text(encoding="utf-8") == MESSY


def test_crlf_is_a_change(tmp_path: Path) -> None:
    path = tmp_path / "a.rules"
    path.write_bytes(CANONICAL.replace("\n", "\r\n").encode("utf-8"))
    assert run("--check", path)[0] == 1
    assert run(path)[0] == 0 and path.read_bytes() == CANONICAL.encode("utf-8")


def test_a_file_that_does_not_read_is_left_alone_and_exits_2(tmp_path: Path) -> None:
    broken, good = tmp_path / "broken.rules", tmp_path / "good.rules"
    broken.write_text("评价体系 x\n满分 5\n三级指标 完成率 5分\n", encoding="utf-8")
    good.write_text(MESSY, encoding="utf-8")
    code, out = run(broken, good, tmp_path / "missing.rules")
    assert code == 2 and "第 3 行" in out and "missing.rules" in out and "Traceback" not in out
    assert broken.read_text(encoding="utf-8").startswith("评价体系 x\n满分 5\n")
    assert good.read_text(encoding="utf-8") == CANONICAL  # the others are still formatted


def test_a_file_name_is_never_read_as_a_standard(tmp_path: Path) -> None:
    code, out = run(tmp_path / "my.rules")
    assert code == 2 and "my.rules" in out and "无法读懂" not in out


def test_standards_on_the_command_line_and_standard_input_still_work() -> None:
    assert run("90% (含)以上 计 6 分") == (0, "90%（含）以上计6分\n")
    assert run(input="每低于 5% 扣 2 分\n") == (0, "每低于5%扣2分\n")
    assert run("--check", "90%以上计6分")[0] == 2  # options are for files


def test_format_refuses_what_does_not_read() -> None:
    with pytest.raises(RubricSyntaxError, match="第 2 行"):
        format_rubric("评价体系 x\n一级指标 投入\n")


def _spoil(text: str, data: st.DataObject) -> str:
    """The same rubric laid out carelessly: other indents, separators, runs of blank lines, trailing spaces."""
    out = []
    indent = data.draw(st.integers(1, 3))  # one indent for every field: a deeper one would continue the last
    for line in text.split("\n"):
        if not line.strip():
            out += [" " * data.draw(st.integers(0, 2))] * data.draw(st.integers(1, 3))  # one blank line or a run
            continue
        if line.startswith("#"):
            out.append(line)
            continue
        head = re.match(r"^(评价体系|满分|出处|精度|一级指标|二级指标|三级指标) (.*)$", line)
        field = re.match(r"^  (公式|标准|说明|例)：(.*)$", line)
        if head:
            sep = data.draw(st.sampled_from([" ", "  ", "\u3000"]))
            line = head.group(1) + sep + head.group(2)
        elif field:
            line = " " * indent + field.group(1) + data.draw(st.sampled_from(["：", ":", " ： "])) \
                + field.group(2)
            out.append(line + data.draw(st.sampled_from(["", " ", "\t"])))
            continue
        elif line.startswith("    "):
            line = " " * data.draw(st.integers(indent + 1, indent + 3)) + line.strip()
        out.append(line + data.draw(st.sampled_from(["", " "])))
    return "\n".join(out)


@settings(max_examples=15, deadline=None)
@given(st.sampled_from(SHIPPED), st.data())
def test_any_careless_layout_formats_back_to_the_shipped_file(path: Path, data: st.DataObject) -> None:
    text = path.read_text(encoding="utf-8")
    assert format_rubric(_spoil(text, data)) == text
