"""click's own words from the catalogs (issue 11, item 7): every command's help and every kind of usage error
is Chinese by default — on an English machine too — and English with ``--lang en``, wherever ``--lang`` is
in the arguments; a usage error exits with status 2."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import given
from hypothesis import strategies as st

from perfeval.cli import main
from perfeval.cli_words import language_of
from perfeval.errors import display_width
from tests.test_locale import ENGLISH, leftover_chinese

ROOT = Path(__file__).parents[1]
EXAMPLE = str(ROOT / "examples" / "luosong-2021-department.toml")
COMMANDS = sorted(main.commands)
#: What a Chinese help page may still spell in Latin letters: the program, its commands, metavars, the
#: values of choices and the names of file formats.
LATIN = {"perfeval", *COMMANDS, "DATA", "FILE", "PATH", "INDICATOR", "ARGS", "INPUTS", "TEXT", "N", "x",
         "table", "json", "xlsx", "html", "md", "zh", "en", "TOML", "JSON", "HTML", "Markdown", "rules", "zip",
         "csv", "parquet", "diff", "scored", "batch"}
CLICK_ENGLISH = ("Usage", "Options", "Commands", "Show this message", "Error", "Try ", "default:", "Missing",
                 "Invalid value", "No such", ", version")


def _run(args: list[str], env: dict[str, str] | None = None) -> tuple[int, str]:
    result = CliRunner(env=env).invoke(main, args, prog_name="perfeval")
    assert "Traceback" not in result.output, result.output
    return result.exit_code, result.output


def _latin_words(text: str) -> set[str]:
    """The Latin words of ``text`` that are not option names (``--rubric``, ``-o``)."""
    text = re.sub(r"(?<![\w-])--?[a-z][\w-]*", " ", text)
    return set(re.findall(r"[A-Za-z]+", text))


@pytest.mark.parametrize("command", [[], *[[c] for c in COMMANDS]])
def test_every_help_page_is_chinese_by_default_even_on_an_english_machine(command: list[str]) -> None:
    code, out = _run([*command, "--help"], ENGLISH)
    assert code == 0
    assert out.startswith("用法：perfeval") and "选项：" in out and "显示本帮助并退出。" in out
    assert _latin_words(out) <= LATIN, _latin_words(out) - LATIN
    assert not any(words in out for words in CLICK_ENGLISH), out
    # wrapped by the columns Chinese takes (two a character), not by characters
    assert max(display_width(line) for line in out.splitlines()) <= 80, out


@pytest.mark.parametrize("command", [[], *[[c] for c in COMMANDS]])
def test_every_help_page_is_english_with_lang_en(command: list[str]) -> None:
    # --lang before --help: the help option is eager and would otherwise win; the language is read first
    code, out = _run([*command, "--help", "--lang", "en"])
    assert code == 0
    assert out.startswith("Usage: perfeval") and "Options:" in out and "Show this message and exit." in out
    assert leftover_chinese(out) == []


def test_the_group_lists_its_commands_in_either_language() -> None:
    _, zh = _run(["--help"])
    _, en = _run(["--help", "--lang", "en"])
    assert "命令：" in zh and "逐步说明一个指标如何得分。" in zh
    assert "Commands:" in en and "Explain, step by step, how one indicator scored." in en
    assert all(re.search(rf"^  {c}\s", zh, re.M) and re.search(rf"^  {c}\s", en, re.M) for c in COMMANDS)


def test_option_defaults_and_ranges_are_shown_in_either_language() -> None:
    _, zh = _run(["batch", "--help"])
    _, en = _run(["batch", "--help", "--lang", "en"])
    assert "[默认：zh]" in zh and "[1<=x<=256]" in zh and "工作进程数" in zh
    assert "[default: zh]" in en and "[1<=x<=256]" in en and "Worker processes" in en


TMP_FOLDER = str(ROOT / "perfeval")
#: (arguments, the Chinese error, the English error), one per kind of usage error.
USAGE_ERRORS = [
    (["score", "--foo", EXAMPLE], "没有选项 '--foo'。是否为 '--format'？", "No such option: --foo. Did you mean '--format'?"),
    (["score", "--zzz", EXAMPLE], "没有选项 '--zzz'。", "No such option: --zzz."),
    (["scor", EXAMPLE], "没有命令 'scor'。是否为 'score'？", "No such command 'scor'. Did you mean 'score'?"),
    (["score"], "缺少参数 'DATA'。", "Missing argument 'DATA'."),
    (["batch"], "缺少参数 'INPUTS...'。", "Missing argument 'INPUTS...'."),
    (["score", "no-such.toml"], "'DATA' 的值无效：路径 'no-such.toml' 不存在。",
     "Invalid value for 'DATA': Path 'no-such.toml' does not exist."),
    (["score", TMP_FOLDER], f"'DATA' 的值无效：'{TMP_FOLDER}' 是文件夹，这里要的是文件。",
     f"Invalid value for 'DATA': '{TMP_FOLDER}' is a folder; a file is wanted here."),
    (["score", EXAMPLE, "--format", "pdf"], "'--format' 的值无效：'pdf' 不是可选的值（'table', 'json', 'xlsx'）。",
     "Invalid value for '--format': 'pdf' is not one of 'table', 'json', 'xlsx'."),
    (["batch", EXAMPLE, "-j", "two"], "'--jobs' / '-j' 的值无效：'two' 不是整数。",
     "Invalid value for '--jobs' / '-j': 'two' is not a whole number."),
    (["batch", EXAMPLE, "-j", "0"], "'--jobs' / '-j' 的值无效：0 不在 1 到 256 之间。",
     "Invalid value for '--jobs' / '-j': 0 is not in the range 1<=x<=256."),
    (["score", EXAMPLE, "--format"], "选项 '--format' 需要一个值。", "Option '--format' requires an argument."),
    (["check", "--strict=yes", EXAMPLE], "选项 '--strict' 不接受值。", "Option '--strict' does not take a value."),
    (["explain", EXAMPLE, "a", "b"], "多余的参数：b", "Got unexpected extra arguments: b"),
    (["fmt", "100%计满分", "90%计4分"], "一次一条标准（加引号），或在标准输入中每行一条",
     "one standard at a time (quote it), or one per line on standard input"),
]


@pytest.mark.parametrize(("args", "zh", "en"), USAGE_ERRORS, ids=[" ".join(a[:3]) for a, _, _ in USAGE_ERRORS])
def test_each_usage_error_in_both_languages_with_exit_status_2(args: list[str], zh: str, en: str) -> None:
    code, out = _run(args, ENGLISH)
    assert code == 2 and f"错误：{zh}" in out, out
    assert not any(words in out for words in CLICK_ENGLISH), out
    assert "用法：perfeval" in out and "查看帮助。" in out  # the usage line of the command, where its help is
    code, out = _run([args[0], "--lang", "en", *args[1:]])
    assert code == 2 and f"Error: {en}" in out, out
    assert leftover_chinese(out, *args) == [], out


def test_lang_en_anywhere_in_the_arguments_is_honoured() -> None:
    for args in (["--lang", "en", "score", "--foo", EXAMPLE], ["score", "--lang", "en", "--foo", EXAMPLE],
                 ["score", "--foo", EXAMPLE, "--lang=en"]):
        code, out = _run(args)
        assert code == 2 and "Error: No such option: --foo." in out and leftover_chinese(out) == [], (args, out)


def test_the_group_alone_prints_its_help_and_exits_2() -> None:
    result = CliRunner().invoke(main, [], prog_name="perfeval")
    assert result.exit_code == 2 and result.output.startswith("用法：perfeval [选项] 命令 [参数]...")
    code, out = _run(["--lang", "en"])  # options, but no command named
    assert code == 2 and "Error: Missing command." in out and leftover_chinese(out) == []
    code, out = _run(["--"], ENGLISH)
    assert code == 2 and "错误：缺少命令。" in out


def test_the_groups_lang_is_the_commands_unless_the_command_says_otherwise() -> None:
    code, out = _run(["--lang", "en", "explain", EXAMPLE, "没有"])
    assert code == 2 and "no indicator '没有'" in out
    code, out = _run(["--lang", "en", "explain", EXAMPLE, "没有", "--lang", "zh"])
    assert code == 2 and "没有指标 '没有'" in out


def test_the_version_in_either_language() -> None:
    code, out = _run(["--version"], ENGLISH)
    assert code == 0 and out.startswith("perfeval，版本 ")
    code, out = _run(["--version", "--lang=en"])
    assert code == 0 and out.startswith("perfeval, version ")


@given(st.lists(st.text("abz-", max_size=6).filter(lambda a: not a.startswith("--lang")), max_size=6),
       st.integers(0, 6), st.sampled_from(["zh", "en"]), st.booleans())
def test_the_language_is_the_last_lang_given_before_a_double_dash(tokens: list[str], at: int, lang: str,
                                                                   joined: bool) -> None:
    at = min(at, len(tokens))
    if "--" in tokens[:at]:
        at = tokens.index("--")
    assert language_of(tokens) == "zh"
    flag = [f"--lang={lang}"] if joined else ["--lang", lang]
    assert language_of([*tokens[:at], *flag, *tokens[at:]]) == lang
    assert language_of(["--", *flag]) == "zh"  # after "--" it is an argument, not the option
