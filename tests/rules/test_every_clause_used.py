"""No clause that scores is left out of the meaning (issue #9, "no silent misreading").

Every statement of a compiled standard that the role stage reads as scoring (a band, a step, a per-case
deduction, a veto, an average …) must leave its place in the compiled item: some piece, stream, option or
case of the IR carries a span inside it. A role the meaning stage forgot to handle would compile with the
clause silently gone — as "非执法单位得分为执法单位得分的平均分" did beside a rate rule. Checked over every
fixture and corpus standard that compiles.

Not checked, because the IR keeps their effect without a place: awards (the base 分值 "…的得10分" that steps
deduct from, or a part's worth "(2分)"), the assessor's range of a judgement, what nothing-to-score gives, and
notes. Two kinds are used without their own span and listed here: a worked example (如86%扣5分, 即完成90%计7.5分),
which is checked against the rule, and "另倒扣10分" merged into the zeroing clause before it.
"""

from __future__ import annotations

import json
import re
from decimal import Decimal
from pathlib import Path
from typing import Any

import attrs
import pytest

import perfeval
from perfeval.rules.meaning.roles import classify
from perfeval.rules.meaning.statements import statements
from perfeval.rules.syntax.nodes import Span
from perfeval.rules.syntax.parser import parse

from .test_cases import FIXTURES, read_fixture

_CORPUS = Path(__file__).parent.parent / "fixtures" / "corpus" / "standards.jsonl"
_PLACELESS = {"note", "award", "judged", "absent"}
_EXAMPLE = re.compile(r"^[，,]?\s*(?:如|例如|即|比如)")
_MERGED_BELOW_ZERO = re.compile(r"^(?:外[,，]?)?(?:另|并)?倒扣")


def _standards() -> list[tuple[str, Decimal]]:
    out = {(r["standard"], Decimal(str(r["points"]))) for r in map(json.loads, _CORPUS.read_text("utf-8").splitlines())
           if r["family"] != "grade"}
    for path in sorted(FIXTURES.glob("*.txt")):
        out.update((c.standard, c.points) for c in read_fixture(path) if not c.grades)
    return sorted(out)


def _spans(node: Any, out: list[Span]) -> None:
    if isinstance(node, Span):
        out.append(node)
    elif isinstance(node, tuple | list):
        for x in node:
            _spans(x, out)
    elif attrs.has(type(node)):
        for f in attrs.fields(type(node)):
            _spans(getattr(node, f.name), out)


def unused(text: str, points: Decimal) -> list[str] | None:
    """The scoring statements of ``text`` without a place in its compiled item (None: it does not compile)."""
    try:
        rule = perfeval.compile_rule(text, points=points)
    except perfeval.PerfevalError:
        return None
    used: list[Span] = []
    _spans(rule.item, used)
    out = []
    example = False
    for s in statements(parse(text)):
        said = text[s.span.start:s.span.end]
        # 即完成90%计7.5分、80%计6分: a list of examples goes on after "、"
        example = bool(_EXAMPLE.match(said)) or (example and said.startswith("、"))
        if classify(s).role in _PLACELESS or example or _MERGED_BELOW_ZERO.match(said):
            continue
        if not any(u.start < s.span.end and s.span.start < u.end for u in used):
            out.append(f"{classify(s).role}: {said!r}")
    return out


STANDARDS = _standards()


def test_the_check_sees_many_standards() -> None:
    assert sum(unused(t, p) is not None for t, p in STANDARDS) >= 250


@pytest.mark.parametrize(("text", "points"), STANDARDS, ids=lambda x: str(x)[:24])
def test_every_scoring_clause_has_its_place(text: str, points: Decimal) -> None:
    assert not unused(text, points)


def test_the_check_finds_a_dropped_clause() -> None:
    """The check itself: a compiled item with one stream taken away leaves that clause without a place."""
    text = "每发现一处问题扣1分；每发现一起违规扣2分；扣完为止"
    rule = perfeval.compile_rule(text, points=5)
    assert len(rule.item.streams) == 2
    used: list[Span] = []
    _spans(rule.item.streams[0], used)
    s = statements(parse(text))[1]
    assert not any(u.start < s.span.end and s.span.start < u.end for u in used)
