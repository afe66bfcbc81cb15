"""A parser's or the OS's complaint inside perfeval's messages (issue 11, item 7): rendered from its parts —
the kind of problem, line and column, the errno — in the language asked for, never tomli's, json's or the
OS's English (which is kept, quoted, only where it says more than the kind)."""

from __future__ import annotations

import errno
import re
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import given
from hypothesis import strategies as st

import perfeval
from perfeval.causes import json_reason, os_reason, toml_position, toml_reason
from perfeval.cli import main
from perfeval.datafile import load_evaluation
from perfeval.errors import PerfevalError
from tests.test_locale import leftover_chinese

ROOT = Path(__file__).parents[1]
LATIN = re.compile(r"[A-Za-z]{2,}")

TOML = [('"分值" = = 5\n', 1, 8, "值的写法无效", "invalid value"),
        ('"a" = 1\n"a" = 2\n', 2, 8, "同一个键写了两次", "the same key is given twice"),
        ('分值 = 5\n', 1, 1, "无法识别的语句（含中文的键要加引号）", "quote a key with Chinese in it"),
        ('"a" 5\n', 1, 5, "键之后缺少 '='", "'=' missing after a key"),
        ('"a" = [1, 2\n', 2, 1, "数组缺少结尾的 ']'", "an array without its closing ']'"),
        ('"a" = """x\n', 2, 1, "字符串缺少结尾的引号", "a string without its closing quote"),
        ('["a"\n', 1, 5, "表头缺少结尾的 ']' 或 ']]'", "a table header without its closing ']' or ']]'")]
JSON = [('{"a": }', 1, 7, "这里应有一个值", "a value is wanted here"),
        ('{"a": 1 "b": 2}', 1, 9, "缺少 ','", "',' missing"),
        ('{"a" 1}', 1, 6, "缺少 ':'", "':' missing"),
        ("{'a': 1}", 1, 2, "这里应有一个写在双引号中的键", "a key in double quotes is wanted here"),
        ('{"a": 1} x', 1, 10, "对象结束后还有内容", "more text after the end of the object"),
        ('{"a": "x', 1, 7, "字符串缺少结尾的引号", "a string without its closing quote")]


@pytest.mark.parametrize(("suffix", "text", "line", "column", "zh", "en"),
                         [(".toml", *case) for case in TOML] + [(".json", *case) for case in JSON])
def test_a_file_that_does_not_parse_says_why_in_either_language(tmp_path: Path, suffix: str, text: str, line: int,
                                                                column: int, zh: str, en: str) -> None:
    path = tmp_path / f"bad{suffix}"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(PerfevalError) as info:
        load_evaluation(path)
    exc = info.value
    assert exc.code in ("data_not_toml", "data_not_json") and (exc.location.line, exc.location.column) == (line, column)
    assert zh in str(exc) and f"第 {line} 行第 {column} 列" in str(exc)
    assert LATIN.findall(exc.message_in()) == [s for s in LATIN.findall(zh)] + (["TOML"] if suffix == ".toml" else
                                                                               ["JSON"])
    assert en in exc.describe("en") and f"line {line}, column {column}" in exc.describe("en")
    assert leftover_chinese(exc.describe("en"), str(path)) == []


def test_what_the_kind_does_not_say_is_kept_quoted_and_unknown_kinds_are_quoted_whole() -> None:
    assert toml_reason("Cannot declare ('分值',) twice").message_in("en") == \
        "the same key is given twice (\"Cannot declare ('分值',) twice\")"
    assert toml_reason("Something new (at line 3, column 4)").message_in() == "语法错误（'Something new'）"
    assert json_reason("Something new").message_in("en") == "syntax error ('Something new')"
    assert toml_reason("Invalid value").message_in() == "值的写法无效（文字要加引号，数不能有多余的字符）"


def test_a_toml_position_from_the_fields_or_from_the_text() -> None:
    assert toml_position(ValueError("Invalid value (at line 3, column 4)")) == (3, 4)
    assert toml_position(ValueError("Unclosed array (at end of document)")) is None
    assert toml_position(ValueError("no position")) is None


KNOWN = {errno.ENOENT: ("文件或文件夹不存在", "no such file or folder"), errno.EACCES: ("没有权限", "permission denied"),
         errno.EPERM: ("没有权限", "permission denied"), errno.EISDIR: ("这是文件夹，不是文件", "it is a folder, not a file"),
         errno.ENOTDIR: ("路径中有一段不是文件夹", "a part of the path is not a folder"),
         errno.ENOSPC: ("磁盘空间已满", "no space left on the disk")}


@pytest.mark.parametrize("number", sorted(KNOWN))
def test_each_common_errno_in_either_language(number: int) -> None:
    exc = OSError(number, "some English from the OS", "x.toml")
    assert (os_reason(exc).message_in(), os_reason(exc).message_in("en")) == KNOWN[number]


@given(st.sampled_from(sorted(set(errno.errorcode) - set(KNOWN) - {errno.EROFS, errno.ENAMETOOLONG})))
def test_any_other_errno_is_named_with_the_os_words_quoted(number: int) -> None:
    reason = os_reason(OSError(number, "Words"))
    assert reason.message_in() == f"系统错误 {errno.errorcode[number]}（'Words'）"
    assert reason.message_in("en") == f"system error {errno.errorcode[number]} ('Words')"


def test_a_folder_given_as_a_file_is_said_so_through_the_api(tmp_path: Path) -> None:
    folder = tmp_path / "a.rules"
    folder.mkdir()
    with pytest.raises(PerfevalError) as info:
        perfeval.load(folder)
    assert "这是文件夹，不是文件" in str(info.value) and "Is a directory" not in str(info.value)
    assert "it is a folder, not a file" in info.value.describe("en")
    data = tmp_path / "a.toml"
    data.mkdir()
    with pytest.raises(PerfevalError) as info:
        load_evaluation(data)
    assert info.value.code == "data_cannot_read" and "这是文件夹，不是文件" in str(info.value)


def test_the_commands_say_why_a_file_could_not_be_written_or_a_zip_read(tmp_path: Path) -> None:
    example = str(ROOT / "examples" / "luosong-2021-department.toml")
    target = str(tmp_path / "missing" / "r.html")
    for lang, words in (("zh", "无法写入文件：文件或文件夹不存在"), ("en", "cannot write the file: no such file or folder")):
        result = CliRunner().invoke(main, ["report", example, "-o", target, "--lang", lang])
        assert result.exit_code == 2 and words in result.output and "No such file" not in result.output
    bad = tmp_path / "bad.zip"
    bad.write_bytes(b"not a zip")
    for lang, words in (("zh", "无法读取 zip 文件：不是 zip 文件，或已损坏"),
                        ("en", "cannot read the zip file: not a zip file, or a damaged one")):
        result = CliRunner().invoke(main, ["batch", str(bad), "--lang", lang])
        assert result.exit_code == 2 and words in result.output and "File is not" not in result.output
