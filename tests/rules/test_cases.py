"""Data-file tests (in the manner of sqlglot's tests/fixtures): every case of every family's fixture file
``tests/fixtures/rules/<family>.txt``, one pytest item per input. The format is described at the top of each
file; :func:`read_fixture` reads it.
"""

from __future__ import annotations

import ast
from decimal import Decimal
from pathlib import Path
from typing import Any

import attrs
import pytest

import perfeval
from perfeval.rules import errors

FIXTURES = Path(__file__).parent.parent / "fixtures" / "rules"


@attrs.frozen
class Case:
    """One expectation: a standard, its 分值 (or grade table top), an input and what it must give."""

    family: str
    line: int
    standard: str
    points: Decimal
    grades: bool
    given: str
    want: str


def literal(text: str) -> Any:
    """A Python literal, Decimal("…") expressions, or the bare text itself ("93%")."""
    if text.startswith("Decimal("):
        env = {"Decimal": Decimal, "__builtins__": {}}
        return eval(compile(ast.parse(text, mode="eval"), "<case>", "eval"), env)  # our own fixture
    try:
        return ast.literal_eval(text)
    except (ValueError, SyntaxError):
        return text


def read_fixture(path: Path) -> list[Case]:
    """The cases of one fixture file, each with the line it is on."""
    out: list[Case] = []
    standard: str | None = None
    points: Decimal | None = None
    grades = False
    for number, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        line = raw.rstrip()
        if not line or line.startswith("#"):
            continue
        if line.startswith("=== "):
            standard, points, grades = line[4:], None, False
        elif line.startswith("... "):
            assert standard is not None
            standard = f"{standard}\n{line[4:]}"
        elif line.startswith(("分值 ", "等级 ")):
            points, grades = Decimal(line[3:]), line.startswith("等级")
        else:
            assert standard is not None and points is not None, f"{path.name}:{number}: a case before its standard"
            if line.startswith(("refuse ", "reads ")):
                given, want = "", line
            else:
                given, sep, want = line.partition(" → ")
                assert sep, f"{path.name}:{number}: expected '<input> → <expected>'"
            out.append(Case(path.stem, number, standard, points, grades, given, want))
    return out


ALL = [case for path in sorted(FIXTURES.glob("*.txt")) for case in read_fixture(path)]


def _extras(want: str) -> tuple[str, dict[str, str]]:
    """"3 carried=-2" → ("3", {"carried": "-2"}); "5 veto" → ("5", {"veto": ""})."""
    head, *rest = want.split()
    return head, {k: v for k, _, v in (part.partition("=") for part in rest)}


@pytest.mark.parametrize("case", ALL, ids=[f"{c.family}:{c.line}" for c in ALL])
def test_case(case: Case) -> None:
    if case.want.startswith("refuse "):
        with pytest.raises(errors.LocatedError) as refused:
            perfeval.compile_rule(case.standard, points=case.points)
        assert refused.value.code == case.want[7:], refused.value.render()
        assert refused.value.line >= 1 and refused.value.column >= 1
        return
    if case.grades:
        table = perfeval.compile_grades(case.standard)
        given = literal(case.given)

        def grade(v: Any) -> str:
            return table(**v) if isinstance(v, dict) else table(v)  # 得分, 名次 … for a grade by rank

        if case.want.startswith("error "):
            with pytest.raises(getattr(errors, case.want[6:])):
                grade(given)
            return
        assert grade(given) == case.want
        return
    rule = perfeval.compile_rule(case.standard, points=case.points)
    if case.want.startswith("reads "):
        assert case.want[6:] in {d.code for d in rule.check()}, [d.render(rule.text) for d in rule.check()]
        return
    value = literal(case.given)

    def score(v: Any) -> perfeval.Score:
        return rule(**v) if isinstance(v, dict) else rule(v)

    if case.want.startswith("error "):
        with pytest.raises(getattr(errors, case.want[6:], None) or getattr(perfeval, case.want[6:])):
            score(value)
        return
    s = score(value)
    if case.want.startswith("judge "):
        low, high = (Decimal(x) for x in case.want[6:].split(".."))
        assert s.points is None and s.needs_judgement
        assert s.allowed == (low, high)
        return
    points, extras = _extras(case.want)
    assert s.points == Decimal(points), s.explain()
    assert s.bonus == Decimal(extras.get("bonus", "0"))
    assert s.carried == Decimal(extras.get("carried", "0"))
    assert (s.veto is not None) == ("veto" in extras)
    assert s.trace  # and the trace is there to explain it (built by the interpreter: the two must agree)


@pytest.mark.parametrize("path", sorted(FIXTURES.glob("*.txt")), ids=lambda p: p.stem)
def test_every_fixture_has_five_cases(path: Path) -> None:
    assert len(read_fixture(path)) >= 5, path.name
