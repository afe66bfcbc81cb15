"""Data-file tests: every case of tests/fixtures/rule_cases.txt, one pytest item per input."""

from __future__ import annotations

import ast
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

import perfeval
from perfeval.rules import errors as diagnostics

CASES = Path(__file__).parent.parent / "fixtures" / "rule_cases.txt"


def _literal(text: str) -> Any:
    """A Python literal, Decimal("…") / Decimal("…") expressions, or the bare text itself ("93%")."""
    if text.startswith("Decimal("):
        env = {"Decimal": Decimal, "__builtins__": {}}
        return eval(compile(ast.parse(text, mode="eval"), "<case>", "eval"), env)  # our own fixture
    try:
        return ast.literal_eval(text)
    except (ValueError, SyntaxError):
        return text


def _cases() -> list[Any]:
    out = []
    standard = points = None
    for number, raw in enumerate(CASES.read_text(encoding="utf-8").splitlines(), 1):
        line = raw.rstrip()
        if not line or line.startswith("#"):
            continue
        if line.startswith("=== "):
            standard, points = line[4:], None
        elif line.startswith("... "):
            standard = f"{standard}\n{line[4:]}"
        elif line.startswith("分值 "):
            points = Decimal(line[3:])
        else:
            given, _, want = line.partition(" → ")
            assert standard is not None and points is not None, f"line {number}: case before its standard"
            out.append(pytest.param(standard, points, given, want, id=f"L{number}:{standard[:12]}@{given}"))
    return out


@pytest.mark.parametrize(("standard", "points", "given", "want"), _cases())
def test_case(standard: str, points: Decimal, given: str, want: str) -> None:
    rule = perfeval.compile_rule(standard, points=points)
    value = _literal(given)
    if want.startswith("error "):
        error = getattr(diagnostics, want[6:], None) or getattr(perfeval, want[6:])
        with pytest.raises(error):
            rule(value)
        return
    score = rule(value)
    if want.startswith("judge "):
        low, high = (Decimal(x) for x in want[6:].split(".."))
        assert score.points is None and score.needs_judgement
        assert score.allowed == (low, high)
        return
    assert score.points == Decimal(want), score.explain()
    # The fast path and the explaining interpreter agree on every case.
    assert rule.points(value) == score.points if not isinstance(value, list | dict) else True
    assert score.trace  # and the trace is there to explain it


def test_the_file_has_cases() -> None:
    assert len(_cases()) >= 100
