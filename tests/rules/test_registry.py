"""The family registry (perfeval/rules/families.py) against everything it names: every grammar rule has a
node and a family, every family a drafter that exists, its tokens in the vocabulary, its fixture file with
at least five cases, its readings stated somewhere in the code and nowhere else, and its section in the docs.
"""

from __future__ import annotations

import importlib
import re
from pathlib import Path

import pytest

from perfeval.rules.families import FAMILIES, family_of_reading, family_of_rule
from perfeval.rules.syntax.nodes import NODE_CLASSES
from perfeval.rules.syntax.parser import grammar
from perfeval.rules.vocabulary import TOKENS

ROOT = Path(__file__).resolve().parents[2]
RULES = ROOT / "perfeval" / "rules"
#: Grammar rules that only give structure (inlined ``_x`` rules are left out by lark's own naming).
STRUCTURAL = {"start", "expr", "term", "factor"}


def _grammar_rules() -> set[str]:
    names = set()
    for r in grammar().rules:
        name = str(r.alias or r.origin.name)
        if not name.startswith("_") and name not in STRUCTURAL:
            names.add(name)
    return names


def test_every_grammar_rule_has_a_node_and_every_node_a_rule() -> None:
    rules = _grammar_rules()
    assert sorted(rules - set(NODE_CLASSES)) == [], "grammar rules without a node class"
    assert sorted(set(NODE_CLASSES) - rules) == [], "node classes without a grammar rule"


def test_every_grammar_rule_belongs_to_exactly_one_family() -> None:
    claimed: dict[str, list[str]] = {}
    for f in FAMILIES.values():
        for rule in f.rules:
            claimed.setdefault(rule, []).append(f.name)
    assert {r: fs for r, fs in claimed.items() if len(fs) > 1} == {}
    assert sorted(_grammar_rules() - set(claimed)) == []
    assert sorted(set(claimed) - _grammar_rules()) == [], "families naming rules the grammar does not have"
    assert family_of_rule("rank").name == "rank"


@pytest.mark.parametrize("name", sorted(FAMILIES))
def test_the_drafter_exists(name: str) -> None:
    module, _, function = FAMILIES[name].drafter.partition(":")
    assert callable(getattr(importlib.import_module(module), function))
    assert not function.startswith("_"), "a family's drafter is public"


def test_every_token_belongs_to_a_family() -> None:
    assert sorted({t.family for t in TOKENS} - set(FAMILIES)) == []


@pytest.mark.parametrize("name", sorted(FAMILIES))
def test_the_fixture_file_has_five_cases(name: str) -> None:
    from tests.rules.test_cases import read_fixture

    path = ROOT / FAMILIES[name].fixture
    assert path.is_file(), f"{name}: add {FAMILIES[name].fixture}"
    assert len(read_fixture(path)) >= 5


def test_every_fixture_file_is_a_family() -> None:
    files = {p.stem for p in (ROOT / "tests" / "fixtures" / "rules").glob("*.txt")}
    assert files == set(FAMILIES)


def _codes_in_source() -> dict[str, set[str]]:
    out: dict[str, set[str]] = {}
    for path in RULES.rglob("*.py"):
        if path.name in ("families.py", "errors.py"):  # the catalogue itself, and a docstring example
            continue
        for code in re.findall(r'"(PE\d{3})"', path.read_text(encoding="utf-8")):
            out.setdefault(code, set()).add(path.name)
    return out


def test_every_reading_stated_in_the_code_is_catalogued_once() -> None:
    used = _codes_in_source()
    catalogued: dict[str, list[str]] = {}
    for f in FAMILIES.values():
        for code in f.readings:
            catalogued.setdefault(code, []).append(f.name)
    assert {c: fs for c, fs in catalogued.items() if len(fs) > 1} == {}
    assert sorted(set(used) - set(catalogued)) == [], "PE codes stated but not in the registry"
    assert sorted(set(catalogued) - set(used)) == [], "PE codes in the registry that nothing states"
    assert family_of_reading("PE145").name == "linear"


def test_every_family_has_a_section_in_the_rules_language_docs() -> None:
    doc = (ROOT / "docs" / "rules-language.md").read_text(encoding="utf-8")
    headings = [line for line in doc.splitlines() if line.startswith("#")]
    missing = [f.name for f in FAMILIES.values() if not any(f.zh in h for h in headings)]
    assert missing == [], "docs/rules-language.md needs a section for each family (its Chinese name)"


def test_every_reading_has_a_row_in_the_docs() -> None:
    """docs/rules-language.md has a table row for every catalogued PE code (the docs drifted once)."""
    doc = (ROOT / "docs" / "rules-language.md").read_text(encoding="utf-8")
    missing = [code for f in FAMILIES.values() for code in f.readings if f"| {code} |" not in doc]
    assert missing == []
