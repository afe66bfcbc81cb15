"""Issue 13, the limits: each limit, when hit, names the limit, the value found and where — one test per
place that did not say where (or not the value, or not as a LimitError)."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import perfeval as p
from perfeval.batch import Source, score_file
from perfeval.limits import (
    MAX_CLAUSES,
    MAX_DATA_BYTES,
    MAX_DATA_INDICATORS,
    MAX_INDICATORS,
    MAX_RUBRIC_BYTES,
    MAX_STANDARD_CHARS,
    LimitError,
)

RUBRIC_HEAD = "评价体系 x\n满分 5\n一级指标 a 5分\n三级指标 b 5分\n"
LONG = "9" * 120
DATA = ('"评价对象" = "项目"\n"名称" = "x"\n"年度" = 2022\n"评价体系" = "项目支出绩效自评表"\n'
        '[["指标"]]\n"一级指标" = "产出指标"\n"二级指标" = "数量指标"\n"三级指标" = "指标{i}"\n'
        '"年度指标值" = "100%"\n"实际完成值" = "95%"\n"分值" = "5"\n"得分" = "5"\n')


def limit_error(fn: object, *args: object, **kwargs: object) -> LimitError:
    with pytest.raises(LimitError) as info:
        fn(*args, **kwargs)  # type: ignore[operator]
    return info.value


# Where the over-long number starts in each standard (columns from 1).
NUMBERS = [
    ("低于" + LONG + "%计0分，其余计满分", 3),                   # a rate
    ("低于5%计" + LONG + "分", 6),                               # points
    ("违规一例倒扣 " + " ".join(["11111111"] * 50) + " 分", 8),  # digits with spaces
    ("该项得分=实际/" + LONG, 9),                                 # a formula's constant
    ("低于0." + "0" * 120 + "1%计0分", 3),                        # an exponent, not digits
    ("90%以上计5分；" + LONG + "%-95%计2分", 10),                 # a range in a later clause
    ("得5-" + LONG + "分", 2),                                    # a points range
    ("排名第1-" + LONG + "名计满分", 6),                          # a rank
]


@pytest.mark.parametrize(("text", "column"), NUMBERS)
def test_an_over_long_number_in_a_standard_is_placed_at_the_number(text: str, column: int) -> None:
    """compile_rule("低于"+"9"*120+"%计0分，其余计满分") was a LimitError with no line or column."""
    err = limit_error(p.compile_rule, text, points=5)
    assert err.limit.name in ("number_digits", "number_exponent")
    assert (err.location.line, err.location.column) == (1, column)
    assert f"第 1 行第 {column} 列" in str(err) and f"line 1, column {column}" in err.describe("en")


def test_an_over_long_number_in_a_formula_or_a_grade_table_is_placed_at_the_number() -> None:
    err = limit_error(p.compile_formula, "实际/" + LONG)
    assert (err.limit.name, err.location.line, err.location.column) == ("number_digits", 1, 4)
    err = limit_error(p.compile_grades, "90分（含）以上为优；" + LONG + "分以下为差", top=100)
    assert (err.limit.name, err.location.line, err.location.column) == ("number_digits", 1, 12)


def test_a_number_read_without_its_token_is_placed_at_its_phrase(monkeypatch: pytest.MonkeyPatch) -> None:
    """The parser's guard for a reader that does not pass its token: the phrase's place, never none."""
    from perfeval.rules import rule as rule_module
    from perfeval.rules.syntax.nodes import base, outcomes

    monkeypatch.setattr(outcomes, "scores", lambda text, at=None: base.scores(text))
    rule_module.clear_caches()
    err = limit_error(p.compile_rule, "完成的，得5-" + LONG + "分", points=5)
    rule_module.clear_caches()
    assert (err.location.line, err.location.column) == (1, 5)  # 得…分, the phrase the range is in


@settings(max_examples=40, deadline=None)
@given(st.lists(st.sampled_from(["90%以上计5分", "完成得满分", "每低于1%扣1分"]), max_size=4),
       st.sampled_from(["；", "\n"]), st.sampled_from(["满意度", "", "完成率"]))
def test_the_place_of_an_over_long_number_follows_the_text_before_it(before: list[str], sep: str, words: str) -> None:
    head = "".join(clause + sep for clause in before)
    err = limit_error(p.compile_rule, head + words + "低于" + LONG + "%计0分", points=5)
    line = head.count("\n") + 1
    column = len(head) - (head.rfind("\n") + 1) + len(words) + 3
    assert (err.location.line, err.location.column) == (line, column)


def test_an_over_long_number_in_a_rules_standard_is_placed_at_the_number_in_the_file() -> None:
    """In a .rules file the same error was placed at the start of the 标准, not at the number."""
    with pytest.raises(p.PerfevalError) as info:
        p.loads(RUBRIC_HEAD + "  标准：低于" + LONG + "%计0分，其余计满分\n", "x.rules")
    where = info.value.location
    assert (where.path, where.line, where.column) == ("x.rules", 5, 8)
    assert info.value.errors[0].cause.limit.name == "number_digits"  # type: ignore[attr-defined]


def test_a_standard_over_the_character_limit_is_placed_at_the_first_character_over() -> None:
    err = limit_error(p.compile_rule, "计1分\n" + "。" * MAX_STANDARD_CHARS, points=5)
    assert (err.limit.name, err.value) == ("standard_chars", MAX_STANDARD_CHARS + 4)
    assert (err.location.line, err.location.column) == (2, MAX_STANDARD_CHARS - 4 + 1)


def test_a_standard_over_the_clause_limit_is_placed_at_the_first_clause_over() -> None:
    err = limit_error(p.compile_rule, "计1分；" * (MAX_CLAUSES + 20), points=5)
    assert (err.limit.name, err.value) == ("clauses", MAX_CLAUSES + 20)
    assert (err.location.line, err.location.column) == (1, 4 * MAX_CLAUSES + 1)


def test_a_precision_in_a_rules_file_is_checked_by_the_precision_limits_on_its_own_line() -> None:
    """精度 1E-27 passed as points, then failed at every standard, placed at the 标准 with its text."""
    err = limit_error(p.loads, RUBRIC_HEAD.replace("满分 5\n", "满分 5\n精度 0.000000000000000000000000001\n")
                      + "  标准：计满分\n", "x.rules")
    assert (err.limit.name, err.value) == ("precision_exponent", 27)
    assert (err.location.path, err.location.line, err.location.column) == ("x.rules", 3, 4)


def test_a_rubric_over_the_indicator_limit_is_placed_at_the_first_indicator_over() -> None:
    body = "".join(f"三级指标 b{i} 1分\n  标准：计满分\n" for i in range(MAX_INDICATORS + 1))
    err = limit_error(p.loads, f"评价体系 x\n满分 {MAX_INDICATORS + 1}\n一级指标 a {MAX_INDICATORS + 1}分\n" + body)
    assert (err.limit.name, err.value) == ("indicators", MAX_INDICATORS + 1)
    assert err.location.line == 4 + 2 * MAX_INDICATORS


def test_loads_counts_the_rubric_limit_in_bytes_and_says_where_it_is_crossed() -> None:
    """loads counted characters: 400,000 Chinese characters (1.2 MB) passed a limit of 1,000,000 bytes."""
    text = RUBRIC_HEAD + "  标准：计满分\n# " + "注" * 400_000
    err = limit_error(p.loads, text, "x.rules")
    assert (err.limit.name, err.value) == ("rubric_bytes", len(text.encode()))
    head = len(RUBRIC_HEAD.encode()) + len("  标准：计满分\n".encode()) + 2  # bytes before the comment's 注
    assert (err.location.path, err.location.line) == ("x.rules", 6)
    assert err.location.column == 3 + (MAX_RUBRIC_BYTES - head) // 3


def test_load_of_an_over_large_rubric_file_is_a_limit_error_naming_its_size(tmp_path: Path) -> None:
    """load refused it as a RubricError that named the limit but not the size."""
    path = tmp_path / "big.rules"
    path.write_bytes((RUBRIC_HEAD + "  标准：计满分\n# ").encode() + b"x" * MAX_RUBRIC_BYTES)
    err = limit_error(p.load, path)
    assert (err.limit.name, err.value, err.location.path) == ("rubric_bytes", path.stat().st_size, str(path))


def test_an_over_large_data_file_is_a_limit_error_naming_its_size(tmp_path: Path) -> None:
    """load_evaluation and batch refused it with a message that named the limit but not the size, and
    loads_evaluation did not check the size at all."""
    data = DATA.replace("{i}", "0").encode() + b"#" * MAX_DATA_BYTES
    path = tmp_path / "big.toml"
    path.write_bytes(data)
    err = limit_error(p.load_evaluation, path)
    assert (err.limit.name, err.value, err.location.path) == ("data_bytes", len(data), str(path))
    err = limit_error(p.loads_evaluation, data, "toml", path="x.toml")
    assert (err.limit.name, err.value, err.location.path) == ("data_bytes", len(data), "x.toml")
    err = limit_error(p.loads_evaluation, data.decode(), "toml", path="x.toml")
    assert (err.limit.name, err.value, err.location.line) == ("data_bytes", len(data), 13)
    archive = tmp_path / "in.zip"
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("big.toml", data)
    result = score_file(Source(str(archive), "big.toml"))
    assert result.error is not None and f"{len(data)}" in result.error and "in.zip!big.toml" in result.error


def test_a_data_file_over_the_indicator_limit_is_placed_at_the_first_indicator_over() -> None:
    text = "".join(DATA.replace("{i}", str(i)) if i == 0 else DATA[DATA.index("[["):].replace("{i}", str(i))
                   for i in range(MAX_DATA_INDICATORS + 1))
    err = limit_error(p.loads_evaluation, text, "toml", path="x.toml")
    assert (err.limit.name, err.value) == ("data_indicators", MAX_DATA_INDICATORS + 1)
    assert (err.location.path, err.location.line) == ("x.toml", 5 + 8 * MAX_DATA_INDICATORS)


def test_a_clause_of_too_many_tokens_is_a_limit_error_at_the_first_token_over() -> None:
    """docs/limits.md lists clause_tokens (200) as a LimitError; it was a RuleSyntaxError (clause_too_long)
    at the clause's first token — named, but not the class the limits table promises, nor the first over."""
    from perfeval.limits import MAX_CLAUSE_TOKENS

    text = "得分=" + "+".join(f"A{i}" for i in range(MAX_CLAUSE_TOKENS))
    err = limit_error(p.compile_rule, text, points=5)
    assert err.limit.name == "clause_tokens" and err.value > MAX_CLAUSE_TOKENS
    # tokens: 得分 = A0 + A1 + …: the 201st token (index 200) is the first over
    assert err.location is not None and err.location.line == 1
    assert err.location.column == text.index(f"+A{(MAX_CLAUSE_TOKENS - 2) // 2}+") + 2
