"""Every scoring sentence of the seeds, as published, compiles (tests/fixtures/seed_standards.txt).

Each block of the fixture is tagged with what it is: a scoring ``standard`` (compiles with
compile_rule), a derived-rate ``formula`` (compile_formula; compile_rule refuses it and says why),
a ``grades`` table (compile_grades), or ``prose`` that scores nothing (compile_rule refuses it rather
than inventing a rule).
"""

from __future__ import annotations

import re
from decimal import Decimal
from pathlib import Path

import pytest

import perfeval
from perfeval.rules import RuleError, compile_formula, compile_grades

FIXTURE = Path(__file__).parent.parent / "fixtures" / "seed_standards.txt"
SEEDS = Path(__file__).parents[1] / "fixtures" / "seeds"


def _blocks() -> list[tuple[str, str]]:
    text = FIXTURE.read_text(encoding="utf-8")
    out = []
    for block in text.split("\n\n"):
        if block.startswith("## "):
            head, _, body = block.partition("\n")
            out.append((head[3:], body.rstrip("\n")))
    return out


BLOCKS = _blocks()


def _field(head: str, name: str) -> str | None:
    m = re.search(rf"{name}=([^|]+)", head)
    return m.group(1).strip() if m else None


@pytest.mark.parametrize(("head", "body"), BLOCKS, ids=[h.split(" |")[0] for h, _ in BLOCKS])
def test_block_compiles_as_its_kind(head: str, body: str) -> None:
    kind = _field(head, "kind")
    points = _field(head, "分值")
    worth = Decimal(points) if points and points != "?" else Decimal(10)
    if kind == "standard":
        rule = perfeval.compile_rule(body, points=worth)
        assert rule.text == body
    elif kind == "formula":
        with pytest.raises(RuleError) as refused:
            perfeval.compile_rule(body, points=worth)
        assert refused.value.code == "formula_defines"
        assert compile_formula(body).inputs
    elif kind == "grades":
        assert len(compile_grades(body).bands) >= 4
    else:
        assert kind == "prose", head
        with pytest.raises(RuleError) as refused:
            perfeval.compile_rule(body, points=worth)
        assert refused.value.code == "no_points"


def test_count(capsys: pytest.CaptureFixture[str]) -> None:
    kinds = [_field(h, "kind") for h, _ in BLOCKS]
    counts = {k: kinds.count(k) for k in sorted(set(kinds), key=str)}
    with capsys.disabled():
        print(f"\nseed standards: {len(BLOCKS)} blocks {counts}")
    assert len(BLOCKS) == 101
    assert counts["standard"] >= 70


def test_blocks_are_verbatim() -> None:
    """Each block stands in its seed file, at its line, character for character."""
    files = {p.name[:3]: p.read_text(encoding="utf-8").split("\n") for p in SEEDS.glob("*.txt")}
    for head, body in BLOCKS:
        where = head.split(" |")[0]
        prefix, line = where.split(":")
        lines = files[prefix]
        start = int(line) - 1
        window = "\n".join(lines[start : start + body.count("\n") + 1])
        assert body in window, where
