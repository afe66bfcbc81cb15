"""Editor support: the Pygments lexers for .rules files and standards, registered as entry points, and the
coloured source excerpts of ``perfeval check`` and ``perfeval explain``."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st
from pygments import highlight
from pygments.formatters import HtmlFormatter
from pygments.lexers import find_lexer_class_for_filename, get_lexer_by_name
from pygments.token import Comment, Error, Keyword, Name, Number, Operator

from perfeval.cli import main
from perfeval.lexer import Percent, Points, RulesLexer, StandardLexer

ROOT = Path(__file__).parents[1]
SHIPPED = sorted((ROOT / "perfeval" / "data" / "rubrics").glob("*.rules"))
PYGMENTIZE = Path(sys.executable).with_name("pygmentize")


def tokens(lexer: object, text: str) -> list[tuple[int, object, str]]:
    return list(lexer.get_tokens_unprocessed(text))  # type: ignore[attr-defined]


def test_pygmentize_highlights_a_shipped_rubric() -> None:
    rubric = ROOT / "perfeval" / "data" / "rubrics" / "department-common.rules"
    raw = subprocess.run([str(PYGMENTIZE), "-l", "perfeval-rules", "-f", "raw", str(rubric)],
                         capture_output=True, text=True, check=True).stdout
    seen = {line.split("\t")[0] for line in raw.splitlines()}
    for kind in ("Token.Comment.Single", "Token.Keyword.Declaration", "Token.Keyword.Namespace", "Token.Keyword",
                 "Token.Literal.Number.Percent", "Token.Literal.Number.Points", "Token.Operator", "Token.Name.Class",
                 "Token.Punctuation"):
        assert kind in seen, kind
    assert "Token.Error" not in seen
    html = highlight(rubric.read_text(encoding="utf-8"), get_lexer_by_name("perfeval-rules"), HtmlFormatter())
    assert '<span class="kd">评价体系</span>' in html


def test_pygmentize_highlights_a_standard() -> None:
    raw = subprocess.run([str(PYGMENTIZE), "-l", "perfeval-standard", "-f", "raw"], input="90%（含）以上计6分；①有制度，2分",
                         capture_output=True, text=True, check=True).stdout
    assert raw.splitlines()[:2] == ["Token.Literal.Number.Percent\t'90%'", "Token.Operator\t'\\uff08\\u542b\\uff09'"]


def test_the_lexers_are_registered_by_name() -> None:
    assert isinstance(get_lexer_by_name("perfeval-rules"), RulesLexer)
    assert isinstance(get_lexer_by_name("perfeval-standard"), StandardLexer)


def test_the_rules_lexer_claims_no_file_name_but_knows_a_rubric() -> None:
    # *.rules is also udev's: a rubric is recognised by its first line of content, never by the name
    assert find_lexer_class_for_filename("99-usb.rules", 'ACTION=="add", MODE="0666"\n') is not RulesLexer
    assert RulesLexer.analyse_text("# 注释\n评价体系 部门\n满分 100\n") == 1.0
    assert RulesLexer.analyse_text('ACTION=="add", MODE="0666"\n') == 0.0


def test_a_standard_is_coloured_by_what_perfeval_reads() -> None:
    got = [(t, v) for _, t, v in tokens(StandardLexer(), "100%计满分，每低于5%扣2分，扣完为止；① $\\leq$ 3个")]
    assert (Percent, "100%") in got and (Percent, "5%") in got and (Points, "2分") in got
    assert (Operator, "低于") in got and (Keyword, "扣") in got and (Keyword, "扣完为止") in got
    assert (Name.Label, "①") in got and (Operator, "$\\leq$") in got
    assert Percent in Number and Points in Number  # every style colours them as numbers


@pytest.mark.parametrize("path", SHIPPED, ids=lambda p: p.name)
def test_every_part_of_a_shipped_rubric_has_its_colour(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    got = tokens(RulesLexer(), text)
    assert "".join(v for _, _, v in got) == text
    assert not [v for _, t, v in got if t is Error]
    lines = text.count("\n三级指标")
    assert sum(1 for _, t, _ in got if t is Name.Class) == lines  # every 三级指标's name
    assert sum(1 for _, t, v in got if t is Comment.Single) == sum(1 for x in text.splitlines() if x.startswith("#"))


WORDS = ["评价体系 x\n", "满分 10\n", "一级指标 投入 10分\n", "三级指标 a 5分\n", "  标准：", "  例：95% → 3分\n",
         "    续行\n", "# 注释\n", "等级：90分以上为优\n", "100%", "计满分", "每低于", "扣2分", "①", "$\\leq$", "，", "\r\n",
         "\n", "  ", "(含)", "扣完为止"]


@settings(max_examples=60, deadline=None)
@given(st.lists(st.sampled_from(WORDS) | st.text(max_size=6), max_size=25).map("".join))
def test_the_tokens_are_the_text_whatever_it_holds(text: str) -> None:
    for lexer in (RulesLexer(), StandardLexer()):
        got = tokens(lexer, text)
        assert "".join(v for _, _, v in got) == text
        assert all(text[i : i + len(v)] == v and v for i, _, v in got)


def test_check_and_explain_colour_their_source_excerpts() -> None:
    rubric = ROOT / "perfeval" / "data" / "rubrics" / "department-common.rules"
    plain = CliRunner().invoke(main, ["check", str(rubric), "--readings"]).output
    coloured = CliRunner(env={"FORCE_COLOR": "1", "TERM": "xterm-256color"}).invoke(
        main, ["check", str(rubric), "--readings"]).output
    assert "\x1b[" not in plain  # not a terminal: the text as it was
    quoted = [line for line in coloured.splitlines() if "标准" in line and "\x1b[" in line]
    assert quoted and all("100%" in line or "%" in line for line in quoted[:1])
    first = plain.splitlines()[0]
    assert first in coloured  # the finding's own line is not coloured
    data = ROOT / "examples" / "zhijiang-2023-department.toml"
    explained = CliRunner(env={"FORCE_COLOR": "1", "TERM": "xterm-256color"}).invoke(
        main, ["explain", str(data), "预算控制率"]).output
    standard = next(line for line in explained.splitlines() if line.startswith("评分标准："))
    assert "\x1b[" in standard
    plain_explained = CliRunner().invoke(main, ["explain", str(data), "预算控制率"]).output
    assert "评分标准：预算控制率 = 0，计 5 分" in plain_explained and "\x1b[" not in plain_explained
