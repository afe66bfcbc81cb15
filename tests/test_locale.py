"""Chinese by default whatever the machine's locale; English only when asked (issue 11, item 7).

With ``LANG=en_US.UTF-8`` and no flag every command speaks Chinese; with ``--lang en`` no Chinese remains in
its output but quoted source text: the data file's and the rubric's own words (standards, indicator names,
cells), and the table's terms the English catalog keeps on purpose (分值, 三级指标 …). Each command and a
broad set of error paths are checked (bad standards, bad TOML/JSON/.xlsx, limits, unmatched rows, findings).
"""

from __future__ import annotations

import re
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner

import perfeval
from perfeval import i18n
from perfeval.cli import main
from perfeval.datafile import dump_xlsx, load_evaluation
from perfeval.errors import PerfevalError
from perfeval.rules.vocabulary import TOKEN_KINDS

ROOT = Path(__file__).parents[1]
EXAMPLES = ROOT / "examples"
EXAMPLE = str(EXAMPLES / "zhijiang-2023-department.toml")
ENGLISH = {"LANG": "en_US.UTF-8", "LC_ALL": "en_US.UTF-8", "LANGUAGE": "en"}
CJK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+")

#: Text a message may quote: every example, every shipped rubric, the built-in rubrics' standards
#: (perfeval/rubric/selfeval.py), the table's words (the data-file schema and the 自评表 layout a scored
#: workbook keeps), the examples of the source
#: language that English words for its tokens quote (a quantity such as 一处) and the terms the English catalog
#: keeps (the 三级指标 under it …).
QUOTABLE = "\n".join(
    [p.read_text(encoding="utf-8") for p in sorted(EXAMPLES.iterdir()) if p.suffix in (".toml", ".rules")]
    + [p.read_text(encoding="utf-8") for p in sorted((ROOT / "perfeval" / "data" / "rubrics").glob("*.rules"))]
    + [(ROOT / "perfeval" / "rubric" / "selfeval.py").read_text(encoding="utf-8"),
       (ROOT / "perfeval" / "datafile" / "schema.py").read_text(encoding="utf-8"),
       (ROOT / "perfeval" / "datafile" / "xlsx_layout.py").read_text(encoding="utf-8"),
       (ROOT / "perfeval" / "datafile" / "xlsx_write.py").read_text(encoding="utf-8")]
    + [f"{kind.en}" for kind in TOKEN_KINDS.values()]
    + list(i18n.catalog("en").values()))


def leftover_chinese(output: str, *quoted: str) -> list[str]:
    """The runs of Chinese in ``output`` that are not quoted text (a run of a quoted text counts as quoted)."""
    allowed = QUOTABLE + "\n".join(quoted)
    return sorted({run for run in CJK.findall(output) if run not in allowed})


def english(args: list[str], **kw: object) -> tuple[int, str]:
    result = CliRunner().invoke(main, [*args, "--lang", "en"], **kw)  # type: ignore[arg-type]
    assert "Traceback" not in result.output, result.output
    return result.exit_code, result.output


def machine_english(args: list[str], **kw: object) -> tuple[int, str]:
    result = CliRunner(env=ENGLISH).invoke(main, args, **kw)  # type: ignore[arg-type]
    return result.exit_code, result.output


def test_an_english_machine_locale_does_not_change_the_language() -> None:
    out = CliRunner(env=ENGLISH).invoke(main, ["audit", EXAMPLE]).output
    assert "读入 16 行" in out and "rows read" not in out
    assert "复核：自报得分与标准不符" in out


def test_lang_en_gives_english_findings_and_counts() -> None:
    out = CliRunner().invoke(main, ["audit", EXAMPLE, "--lang", "en"]).output
    assert "16 rows read: 6 scored" in out and "读入" not in out
    data = CliRunner().invoke(main, ["audit", EXAMPLE, "--lang", "en", "--format", "json"]).output
    assert "the 三级指标 under it add up to 18" in data and "其下各三级指标分值之和" not in data


def test_every_command_is_chinese_on_an_english_machine_without_the_flag(tmp_path: Path) -> None:
    luosong = str(EXAMPLES / "luosong-2021-department.toml")
    rubric = str(ROOT / "perfeval" / "data" / "rubrics" / "department-common.rules")
    messy = tmp_path / "a.rules"
    messy.write_text("评价体系   x\n满分:5\n\n一级指标 产出 5\n三级指标 完成率 5分\n     标准   100%计满分\n",
                     encoding="utf-8")
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.toml").write_bytes(Path(luosong).read_bytes())
    for args, chinese, english_words in (
            (["score", luosong], "读入 16 行：计分 16", "rows read"),
            (["audit", EXAMPLE], "复核：自报得分与标准不符", "reported scores the standard"),
            (["check", rubric], "0 个错误", "errors"),
            (["check", EXAMPLE], "0 个错误", "warnings"),
            (["report", luosong, "--format", "md"], "绩效评价复核报告", "Performance evaluation review"),
            (["explain", luosong, "产出指标/质量指标/征拆面积完成率"], "评分标准：", "Standard:"),
            (["explain", luosong, "没有"], "没有指标 '没有'", "no indicator"),
            (["fmt", "--check", str(messy)], "将整理", "would reformat"),
            (["fmt", "80%（含）-，计4分"], "无法读懂这里", "cannot read"),
            (["batch", str(folder), "-o", str(tmp_path / "o.xlsx"), "--no-progress"], "已评 1/1 个文件", "files scored"),
            (["template", str(tmp_path / "t.xlsx")], "t.xlsx", "Error")):
        code, out = machine_english(args)
        assert chinese in out and english_words not in out, (args, out)


def test_the_checker_itself_finds_chinese_words() -> None:
    # the check would fail if a Chinese-only message slipped through
    assert leftover_chinese("no band covers 87% 未覆盖") == ["未覆盖"]
    assert leftover_chinese("the 三级指标 under it") == []


EXAMPLE_FILES = sorted(p.name for p in EXAMPLES.glob("*.toml"))


@pytest.mark.parametrize("command", [["score"], ["score", "--format", "json"], ["audit"],
                                     ["audit", "--format", "json"], ["check", "--readings"],
                                     ["report", "--format", "md"]])
@pytest.mark.parametrize("name", EXAMPLE_FILES)
def test_every_command_on_every_example_is_english_with_lang_en(command: list[str], name: str) -> None:
    code, out = english([command[0], str(EXAMPLES / name), *command[1:]])
    assert code in (0, 1), out
    assert leftover_chinese(out) == []


@pytest.mark.parametrize("command", ["score", "audit"])
def test_the_scored_workbook_is_english_with_lang_en(command: str, tmp_path: Path) -> None:
    out = tmp_path / "out.xlsx"
    code, _ = english([command, EXAMPLE, "--format", "xlsx", "-o", str(out)])
    assert code in (0, 1)
    book = openpyxl.load_workbook(out)
    cells = [str(c.value) for ws in book.worksheets for row in ws.iter_rows() for c in row if c.value is not None]
    assert leftover_chinese("\n".join(cells + book.sheetnames)) == []


def test_the_shipped_rubrics_check_in_english() -> None:
    for path in sorted((ROOT / "perfeval" / "data" / "rubrics").glob("*.rules")):
        code, out = english(["check", str(path), "--readings"])
        assert code == 0 and "0 errors" in out and leftover_chinese(out) == [], path


def test_explain_template_fmt_and_batch_speak_english(tmp_path: Path) -> None:
    luosong = str(EXAMPLES / "luosong-2021-department.toml")
    code, out = english(["explain", luosong, "产出指标/质量指标/征拆面积完成率"])
    assert code == 0 and "Standard:" in out and leftover_chinese(out) == []
    code, out = english(["explain", luosong, "没有这个指标"])
    assert code == 2 and "no indicator '没有这个指标'" in out and leftover_chinese(out, "没有这个指标") == []
    code, out = english(["template", str(tmp_path / "t.xlsx")])
    assert code == 0 and leftover_chinese(out) == []
    messy = tmp_path / "a.rules"
    messy.write_text("评价体系   x\n满分:5\n\n\n一级指标 产出 5\n三级指标 完成率 5分\n     标准   100%计满分\n",
                     encoding="utf-8")
    code, out = english(["fmt", "--check", str(messy)])
    assert code == 1 and "would reformat" in out and leftover_chinese(out) == []
    code, out = english(["fmt"], input="90%以上计6分\n80%（含）-，计4分\n")
    assert code == 2 and "<stdin>, line 2" in out and leftover_chinese(out, "80%（含）-，计4分") == []
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.toml").write_bytes((EXAMPLES / "luosong-2021-department.toml").read_bytes())
    (folder / "b.toml").write_text('"评价对象" = "项目"\n', encoding="utf-8")
    code, out = english(["batch", str(folder), "-o", str(tmp_path / "out.xlsx"), "--no-progress"])
    assert code == 2 and "1 of 2 files scored" in out and "missing required key" in out
    assert leftover_chinese(out) == []
    code, out = english(["batch", str(tmp_path / "nothing")])
    assert code == 2 and "no such file or folder" in out


def _data(tmp_path: Path, name: str, text: str) -> str:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return str(path)


HEAD = '"评价对象" = "项目"\n"名称" = "变更调查"\n"年度" = 2022\n"评价体系" = "项目支出绩效自评表"\n'


def _bad_files(tmp_path: Path) -> list[tuple[str, str, str]]:
    """(file, the English words expected, the Chinese words expected) for data files that do not read."""
    files = [
        (_data(tmp_path, "syntax.toml", HEAD + '"分值" = = 5\n'), "not valid TOML", "不是有效的 TOML"),
        (_data(tmp_path, "key.toml", HEAD + '[["指标"]]\n"三级指标" = "x"\n"分值数" = 5\n'),
         "unknown key; did you mean '分值'?", "未知的键；是否为 '分值'？"),
        (_data(tmp_path, "number.toml", HEAD + '[["指标"]]\n"三级指标" = "x"\n"分值" = "12.3.4"\n'),
         "malformed number (a second decimal point)", "数的写法有误（多了一个小数点）"),
        (_data(tmp_path, "negative.toml", HEAD + '[["指标"]]\n"三级指标" = "x"\n"分值" = -5\n'),
         "must be greater than 0", "必须大于 0"),
        (_data(tmp_path, "rate.toml", HEAD + '["资金"]\n"执行率" = "95"\n'), "has no % or ‰", "没有写 % 或 ‰"),
        (_data(tmp_path, "units.toml", HEAD + '[["指标"]]\n"三级指标" = "x"\n"分值" = 5\n"指标值" = "≥10公顷"\n'
               '"实际完成值" = "12个"\n'), "differ: they cannot be compared", "单位不同，无法比较"),
        (_data(tmp_path, "dup.json", '{"评价对象": "项目", "名称": "x", "年度": 2022, "评价体系": "r",'
               ' "指标": [], "指标": []}'), "is given twice in one object", "在同一对象中出现两次"),
        (_data(tmp_path, "one.json", "[1, 2]"), "a JSON data file holds one object", "JSON 数据文件应为一个对象"),
        (_data(tmp_path, "deep.toml", HEAD + '"x" = ' + "[" * 40 + "]" * 40 + "\n"), "over a limit", "超过上限"),
        (_data(tmp_path, "rubric.toml", HEAD.replace("项目支出绩效自评表", "没有的体系")), "give one with --rubric",
         "请用 --rubric 指定"),
    ]
    (tmp_path / "utf16.toml").write_bytes("\ufeffa = 1".encode("utf-16"))
    files.append((str(tmp_path / "utf16.toml"), "save it as UTF-8", "请另存为 UTF-8"))
    (tmp_path / "not.xlsx").write_bytes(b"not a zip")
    files.append((str(tmp_path / "not.xlsx"), "not a readable .xlsx workbook", "不是可读的 .xlsx 工作簿"))
    for change, en, zh in ((_subtotal_row, "is a subtotal row", "是小计行"),
                           (_uncached_formula, "the formula has no computed value", "公式没有已计算的结果")):
        path = tmp_path / f"{change.__name__}.xlsx"
        change(path)
        files.append((str(path), en, zh))
    return files


def _workbook(path: Path) -> tuple[openpyxl.Workbook, int, int]:
    dump_xlsx(load_evaluation(EXAMPLES / "luosong-2021-department.toml"), path)
    wb = openpyxl.load_workbook(path)
    header = next(r for r in wb.worksheets[0].iter_rows() if "三级指标" in [c.value for c in r])
    return wb, header[0].row + 1, [c.value for c in header].index("得分") + 1


def _subtotal_row(path: Path) -> None:
    wb, row, _ = _workbook(path)
    wb.worksheets[0].insert_rows(row + 1)
    wb.worksheets[0].cell(row + 1, 1, "小计")
    wb.save(path)


def _uncached_formula(path: Path) -> None:
    wb, row, col = _workbook(path)
    wb.worksheets[0].cell(row, col).value = "=1+1"
    wb.save(path)


def test_bad_data_files_are_refused_in_the_language_asked_for(tmp_path: Path) -> None:
    for path, en, zh in _bad_files(tmp_path):
        quoted = Path(path).read_text(encoding="utf-8", errors="replace") if not path.endswith(".xlsx") else "小计"
        # a rubric perfeval does not ship only matters when scoring: `check` reads the file alone
        for command in (["score"], ["audit"]) if path.endswith("rubric.toml") else (["score"], ["audit"], ["check"]):
            code, out = english([command[0], path])
            assert code == 2 and en in out and leftover_chinese(out, quoted, path) == [], (path, out)
            code, out = machine_english([command[0], path])
            assert code == 2 and zh in out and en not in out, (path, out)


def test_bad_standards_are_refused_in_the_language_asked_for(tmp_path: Path) -> None:
    text = "评价体系 x\n满分 10\n一级指标 产出 10分\n三级指标 完成率 5分\n  标准：每低于扣2分\n"
    for name, source, line in (("standard.rules", text + "三级指标 时效 5分\n  标准：及时完成得满分\n", 5),
                               ("example.rules", text + "三级指标 时效 5分\n  标准：及时完成得满分\n  例：a=1, b → 3分\n", 8),
                               ("sums.rules", text.replace("满分 10", "满分 20").replace("每低于扣2分", "100%计满分")
                                + "三级指标 b 5分\n  标准：完成得满分\n", 1)):
        rubric = _data(tmp_path, name, source)
        code, out = english(["check", rubric])
        assert code in (1, 2) and f"line {line}" in out or f":{line}:" in out, out
        assert leftover_chinese(out, source) == [], out
        code, out = machine_english(["check", rubric])
        assert code in (1, 2) and (f"第 {line} 行" in out or f":{line}:" in out) and f"line {line}" not in out, out
    unknown = _data(tmp_path, "kw.rules", "评价体系 x\n满分 5\n四级指标 x 1分\n")
    code, out = english(["check", unknown])
    assert code == 2 and "unknown keyword '四级指标'" in out and leftover_chinese(out, "四级指标") == []
    code, out = machine_english(["check", unknown])
    assert code == 2 and "未知的关键字 '四级指标'" in out


def test_rows_not_in_the_rubric_and_findings_are_english(tmp_path: Path) -> None:
    text = (EXAMPLES / "zhijiang-2023-department.toml").read_text(encoding="utf-8")
    text += '\n[["指标"]]\n"一级指标" = "产出指标"\n"三级指标" = "没有的指标"\n"分值" = 5\n"得分" = 5\n'
    path = _data(tmp_path, "extra.toml", text)
    for command in (["score"], ["audit"], ["audit", "--format", "json"], ["report", "--format", "md"]):
        code, out = english([command[0], path, *command[1:]])
        assert code in (0, 1) and "没有的指标" in out and leftover_chinese(out, text) == [], (command, out)


def test_the_api_speaks_english_when_asked() -> None:
    rubric = perfeval.load(ROOT / "perfeval" / "data" / "rubrics" / "department-common.rules")
    with pytest.raises(PerfevalError) as info:
        rubric.score({"没有这个指标": "90%"})
    assert info.value.code == "unknown_indicator"
    assert "评价体系中没有指标“没有这个指标”" in str(info.value)
    assert leftover_chinese(info.value.describe("en"), "没有这个指标") == []
    with pytest.raises(PerfevalError) as info:
        perfeval.compile_rule("100%计满分，每低于5%扣2分", points=5)("85")
    assert info.value.code == "rate_without_mark" and leftover_chinese(info.value.message_in("en")) == []
    with pytest.raises(PerfevalError) as info:
        perfeval.compile_rule("x" * 1001, points=5)
    assert "超过上限" in str(info.value) and info.value.message_in("en").startswith("over a limit")
    assert leftover_chinese(info.value.message_in("en")) == []
