"""One vocabulary: the token table, the comparator words and the messages are stated once, and everything
that needs them reads them — the lexer, the grammar's declarations, error messages, the target reader,
``perfeval fmt`` and ``perfeval.testing``. These tests fail when a copy drifts.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from perfeval import targets
from perfeval.rules.messages import MESSAGES, render
from perfeval.rules.syntax.lexer import tokenize
from perfeval.rules.vocabulary import COMPARATORS, NEEDS_NUMBER, TOKEN_KINDS, TOKENS
from perfeval.testing import token_strategies

ROOT = Path(__file__).resolve().parents[2]
GRAMMAR = ROOT / "grammar" / "standard.lark"
RULES = ROOT / "perfeval" / "rules"


def _declared() -> list[str]:
    names: list[str] = []
    for line in GRAMMAR.read_text(encoding="utf-8").splitlines():
        if line.startswith("%declare"):
            names += line.split()[1:]
    return names


def test_the_grammar_declares_exactly_the_vocabulary_tokens() -> None:
    declared = _declared()
    assert len(declared) == len(set(declared)), "a token declared twice"
    assert sorted(set(declared) ^ set(TOKEN_KINDS)) == []


def test_every_token_has_words_for_messages_and_a_sample() -> None:
    for t in TOKENS:
        assert t.zh and t.en and t.sample, t.name
    assert len({t.name for t in TOKENS}) == len(TOKENS)


def test_the_sentence_generator_reads_the_table() -> None:
    assert set(token_strategies()) == set(TOKEN_KINDS)


@pytest.mark.parametrize("word", sorted(w for w in COMPARATORS if w not in NEEDS_NUMBER and w != "="))
def test_every_comparator_word_lexes_as_a_comparison(word: str) -> None:
    kinds = [t.type for t in tokenize(f"{word}90%计5分")]
    assert kinds[0] in ("CMP", "STEP_DIR", "EQ"), (word, kinds)


@pytest.mark.parametrize(("word", "symbol"), [("不低于", "≥"), ("不少于", "≥"), ("不小于", "≥"), ("大于或等于", "≥"),
                                              ("多于", ">"), ("不超过", "≤"), ("低于", "<"), ("至少", "≥")])
def test_targets_read_comparators_from_the_same_table(word: str, symbol: str) -> None:
    assert COMPARATORS[word].side == ("lower" if symbol in "≥>" else "upper")
    assert targets.target(f"{word}95%").comparator == symbol


def _codes_used() -> set[str]:
    pattern = re.compile(r'(?:fail|Error|render|_error)\(\s*"([a-z_]+)"|hint="(hint_[a-z_]+)"|"(hint_[a-z_]+)"')
    found: set[str] = set()
    for path in RULES.rglob("*.py"):
        for m in pattern.finditer(path.read_text(encoding="utf-8")):
            found.update(g for g in m.groups() if g)
    return found


def test_every_message_code_used_has_words_in_both_languages() -> None:
    used = _codes_used()
    assert sorted(used - set(MESSAGES)) == []
    for code, (zh, en) in MESSAGES.items():
        assert zh and en, code
        assert set(re.findall(r"\{(\w+)", zh)) == set(re.findall(r"\{(\w+)", en)), code


def test_messages_render_in_chinese_by_default_and_english_on_request() -> None:
    assert render("no_points") == "评分标准没有说明如何得分"
    assert render("no_points", "en") == "the standard says nothing about points"


def test_the_message_table_is_the_catalogs() -> None:
    # MESSAGES is a view of perfeval/locale/*/LC_MESSAGES/perfeval.po, not a table kept in the code
    from perfeval import i18n

    assert MESSAGES["no_points"] == (i18n.catalog("zh_CN")["no_points"], i18n.catalog("en")["no_points"])
    assert set(MESSAGES) == set(i18n.catalog("zh_CN")) == set(i18n.catalog("en"))
    # every code the rules package uses is one the catalog extractor finds (so `update` adds it)
    assert sorted(_codes_used() - set(i18n.extract())) == []
    assert "MESSAGES: dict" not in (RULES / "messages.py").read_text(encoding="utf-8")
