"""Hostile input: whatever arrives, perfeval answers with a PerfevalError or a result — never another
exception, never a hang — and refuses what is past its documented limits (perfeval.limits)."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import perfeval
from perfeval.limits import MAX_DATA_BYTES, MAX_RUBRIC_BYTES, MAX_STANDARD_CHARS
from perfeval.rules.syntax.lexer import tokenize

# Characters that matter to the lexer, mixed with anything at all.
_VOCAB = list("0123456789.%（）()、，；。:：-—~≥≤<>=×*/+①②③每低于超过扣计得分满含以上下完为止否则不酌情元万亩个的S ") + [
    "$\\leq$", "个百分点", "扣完为止", "不得分", "\n", "\x00", "\u202e", "\u200b", "\ufeff", "\t"]
texts = st.one_of(
    st.text(max_size=200),
    st.lists(st.sampled_from(_VOCAB), max_size=120).map("".join),
)


def _only_perfeval_errors(fn, *args, **kwargs):  # type: ignore[no-untyped-def]
    try:
        return fn(*args, **kwargs)
    except perfeval.PerfevalError:
        return None


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=texts)
def test_any_text_compiles_or_raises_a_perfeval_error(text: str) -> None:
    rule = _only_perfeval_errors(perfeval.compile_rule, text, points=5)
    if rule is not None and rule.python_source is not None:
        _only_perfeval_errors(rule, "50%")
        _only_perfeval_errors(rule.points, "50%")


@settings(max_examples=200, deadline=None)
@given(text=texts)
def test_the_lexer_reads_anything(text: str) -> None:
    tokens = list(tokenize(text))
    for tok in tokens:
        assert 0 <= tok.start_pos <= tok.end_pos <= len(text)


@settings(max_examples=200, deadline=None)
@given(text=texts)
def test_cells_and_grades_and_formulas_never_crash(text: str) -> None:
    _only_perfeval_errors(perfeval.target, text)
    _only_perfeval_errors(perfeval.quantity, text)
    _only_perfeval_errors(perfeval.compile_grades, text)
    _only_perfeval_errors(perfeval.compile_formula, text)


@settings(max_examples=100, deadline=None)
@given(text=texts)
def test_rubric_and_data_text_never_crash(text: str) -> None:
    _only_perfeval_errors(perfeval.loads, text)
    _only_perfeval_errors(perfeval.loads, "评价体系 x\n满分 5\n一级指标 a 5分\n三级指标 b 5分\n  标准：" + text)
    _only_perfeval_errors(perfeval.loads_evaluation, text, "toml")
    _only_perfeval_errors(perfeval.loads_evaluation, text, "json")


@pytest.mark.parametrize("text", [
    "\x00" * 50,
    "\u202e90%以上计6分\u202c",
    "(" * 10_000 + ")" * 10_000,
    "（" * 400 + "含" + "）" * 400,
    "90%（含）以上计6分；" * 500,
    "a" * 10_000_000,
    "每" * 999,
])
def test_extreme_standards(text: str) -> None:
    with pytest.raises(perfeval.PerfevalError):
        perfeval.compile_rule(text, points=5)


def test_the_standard_length_limit_is_documented_and_enforced() -> None:
    ok = "90%（含）以上计6分；低于90%计0分" + " " * (MAX_STANDARD_CHARS - 20)
    assert perfeval.compile_rule(ok[:MAX_STANDARD_CHARS], points=6)("95%").points == 6
    with pytest.raises(perfeval.InputError, match="上限 1000"):
        perfeval.compile_rule("计" * (MAX_STANDARD_CHARS + 1), points=6)


def test_huge_files_are_refused_before_they_are_read(tmp_path: Path) -> None:
    rubric = tmp_path / "big.rules"
    rubric.write_bytes(b"#" * (MAX_RUBRIC_BYTES + 1))
    with pytest.raises(perfeval.PerfevalError, match="字节数为 1000001，上限 1000000"):
        perfeval.load(rubric)
    data = tmp_path / "big.toml"
    with data.open("wb") as f:
        f.truncate(MAX_DATA_BYTES + 1)
    with pytest.raises(perfeval.PerfevalError, match="字节数为 20000001，上限 20000000"):
        perfeval.load_evaluation(data)


def test_names_that_look_like_code_are_plain_text(monkeypatch: pytest.MonkeyPatch) -> None:
    """Rule text never reaches eval/exec: __import__ and os.system are only words here."""
    import ast
    import os

    def forbidden(*args: object) -> int:
        raise AssertionError("rule text was executed")

    monkeypatch.setattr(os, "system", forbidden)
    rule = perfeval.compile_rule("得分=(__import__/os_system)*8", points=8)
    assert rule.inputs == ("__import__", "os_system")
    assert rule(__import__=4, os_system=8).points == 4
    tree = ast.parse(rule.python_source or "")
    names = {n.id for n in ast.walk(tree) if isinstance(n, ast.Name)}
    assert "__import__" not in names and "os_system" not in names  # only inside string constants
    called = perfeval.compile_rule("得分=os.system('echo hi')*8", points=8)
    assert called.item.streams[0].value.names == ("os.system('echo hi')",)  # a name, never a call
    assert called(Decimal("0.5")).points == 4
    formula = perfeval.compile_formula("值 = __import__('os').system('echo hi')")
    assert formula.inputs == ("__import__('os')",)  # a name like any other; the rest is kept as a note
    assert formula.notes
    with pytest.raises(perfeval.MissingInputError):
        formula()


def test_a_long_line_in_a_rubric_is_an_error_not_a_hang() -> None:
    with pytest.raises(perfeval.PerfevalError):
        perfeval.loads("评价体系 x\n满分 5\n一级指标 a 5分\n三级指标 b 5分\n  标准：" + "的" * 100_000)


def test_every_limit_is_documented_with_its_value() -> None:
    """docs/limits.md lists exactly the limits of perfeval.limits.LIMITS, each with its maximum."""
    import re

    from perfeval.limits import LIMITS

    page = (Path(__file__).resolve().parents[1] / "docs" / "limits.md").read_text(encoding="utf-8")
    documented = {m[1]: int(m[2]) for m in re.finditer(r"^\| `(\w+)` \| (\d+) \|", page, re.M)}
    assert documented == {name: lim.maximum for name, lim in LIMITS.items()}
