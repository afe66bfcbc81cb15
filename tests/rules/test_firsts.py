"""The lexer's dispatching search (perfeval/rules/syntax/firsts.py) finds exactly what the one combined
regular expression finds — same span, same kind — on the seed standards, on their mutations and on text
made of the characters that matter, and it does dispatch for the vocabulary (issue 13: the 1 MB rubric)."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from perfeval.rules.syntax import lexer
from perfeval.rules.syntax.firsts import Alternation

SEEDS = (Path(__file__).parents[1] / "fixtures" / "seed_standards.txt").read_text(encoding="utf-8")


def scanner() -> Alternation:
    return lexer._scanner()


def every_match(search: Callable[[str, int], re.Match[str] | None], text: str) -> list[tuple[int, int, str | None]]:
    """(start, end, kind) of the search from every position: the search is checked everywhere."""
    out = []
    for pos in range(len(text) + 1):
        m = search(text, pos)
        out.append((-1, -1, None) if m is None else (m.start(), m.end(), m.lastgroup))
    return out


def same(alt: Alternation, text: str) -> None:
    assert every_match(alt.search, text) == every_match(alt.combined.search, text)


ALPHABET = sorted(set(SEEDS) - {"#"}) + list("①②③（）()[]【】%‰≤≥<>=+-—~×÷/\n |")


def test_the_vocabulary_is_dispatched_not_searched_as_one() -> None:
    # every token kind's first characters are understood: the fast path is the one that runs
    assert scanner().dispatching


def test_the_seed_standards_match_alike() -> None:
    alt = scanner()
    for block in SEEDS.split("\n\n")[:400]:
        same(alt, lexer.clean(block).text)


@settings(max_examples=150, deadline=None)
@given(st.text(alphabet=st.sampled_from(ALPHABET), max_size=40))
def test_any_text_of_the_characters_that_matter_matches_alike(text: str) -> None:
    same(scanner(), text)


@settings(max_examples=100, deadline=None)
@given(st.integers(0, 10_000), st.integers(0, 30), st.text(alphabet=st.sampled_from(ALPHABET), max_size=6))
def test_mutated_seeds_match_alike(at: int, cut: int, insert: str) -> None:
    at %= len(SEEDS)
    same(scanner(), lexer.clean(SEEDS[at : at + 60] + insert + SEEDS[at + 60 + cut : at + 120]).text)


@pytest.mark.parametrize(("parts", "dispatching"), [
    (["(?P<A>(?<=x)b)", "(?P<B>[^a]c)", "(?P<C>(?i:k)z)", "(?P<D>.y)"], True),  # lookbehind, [^…], (?i), .
    (["(?P<A>\\d+分)", "(?P<B>\\s*计)", "(?P<C>(?:以|)上)", "(?P<D>a{0,2}b)"], True),
    (["(?P<A>x)", "(?P<B>(?(A)y|z))"], False),  # a conditional: not understood, maybe empty
    (["(?P<A>(x))", "(?P<B>y\\2)"], False),  # a back-reference: other numbers in a smaller alternation
    (["(?P<A>x?)", "(?P<B>y)"], False),
    (["(?i)(?P<A>a)", "(?P<B>b)"], False),  # a global flag: every part is case-insensitive in the combined one  # may match the empty string: searched as one
])
def test_tricky_patterns_match_alike(parts: list[str], dispatching: bool) -> None:
    alt = Alternation(parts)
    assert alt.dispatching is dispatching
    for text in ("xbacKz Kzay 9分  计 上以上 aab b", "ab\nxb\n\nAy", "", "KZ kz kZ", "AB Ab aB"):
        same(alt, text)

