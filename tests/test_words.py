"""English that used to be built in code, now from the catalogs (issue 11, item 7): a Target's warnings,
the quantity and display refusals, a file's internal error in ``batch``. Chinese by default, English when
asked; a warning keeps its message id through copies and pickles."""

from __future__ import annotations

import copy
import pickle
import re
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from perfeval.display import format_money, format_percent
from perfeval.errors import PerfevalError
from perfeval.i18n import Words
from perfeval.quantities import quantity
from perfeval.targets import target
from tests.test_locale import leftover_chinese

LATIN_WORD = re.compile(r"\b[a-z]{3,}\b")
MATH = {"min", "max", "abs"}  # the arithmetic of a trace is written as formulas, the same in every language
CELLS = ["1:05:00", "＞", "2023/13/45", "12月31日前", "1:5", '<input checked="" type="checkbox"/> 促进', "5 个工作",
         "2023年年底之前全面完成", "≥有所提升", "及时"]


@pytest.mark.parametrize("cell", CELLS)
def test_a_targets_warnings_are_chinese_and_english_when_asked(cell: str) -> None:
    t = target(cell)
    assert all(isinstance(w, Words) for w in t.warnings)
    assert t.warnings == t.warnings_in() and len(t.warnings_in("en")) == len(t.warnings)
    for zh, en in zip(t.warnings, t.warnings_in("en"), strict=True):
        # no English word left in the Chinese but the cell's own text, quoted, and the field .text
        assert not LATIN_WORD.search(re.sub(r"'[^']*'", "", zh).replace(".text", "")), zh
        assert leftover_chinese(en, cell) == [], en


def test_the_unit_column_warning_names_the_units_in_the_language_shown() -> None:
    (warning,) = target("100%", unit="万元").warnings
    assert warning == "文字中的单位（%）与计量单位列（万元）不同；采用文字中的单位"
    assert warning.message_in("en") == \
        "the unit in the text (%) differs from the unit column (10⁴ yuan); the text's unit is used"
    with pytest.raises(PerfevalError) as info:
        quantity("100%", unit="万元")  # strict: the same disagreement is an error, in either language
    assert info.value.code == "unit_text_differs_from_column"
    assert str(info.value).startswith("文字中的单位（%）与计量单位列（万元）不同")
    assert info.value.describe("en").startswith("the unit in the text (%) differs from the unit column (10⁴ yuan)")


@given(st.sampled_from(CELLS))
def test_a_warning_keeps_its_id_through_copies_and_pickles(cell: str) -> None:
    for w in target(cell).warnings:
        for again in (copy.copy(w), copy.deepcopy(w), pickle.loads(pickle.dumps(w))):
            assert isinstance(again, Words) and again == w and again.message_in("en") == w.message_in("en")


@pytest.mark.parametrize(("call", "code", "zh", "en"), [
    (lambda: target(""), "target_empty", "指标值为空", "the target is empty"),
    (lambda: target(5), "target_not_text", "指标值必须是文字", "a target must be text"),  # type: ignore[arg-type]
    (lambda: quantity(" "), "quantity_missing", "缺少数量", "a quantity is missing"),
    (lambda: quantity("-"), "quantity_number_expected", "这里应是一个数，而不是 '-'", "a number is expected, not '-'"),
    (lambda: format_percent(Decimal(1), digits=-1), "display_digits", "小数位数必须是 0 或更大",
     "digits must be 0 or more"),
    (lambda: format_money(Decimal(5), unit="公顷"), "display_not_money", "不是金额", "not an amount of money"),
])
def test_refusals_that_were_english_sentences(call: object, code: str, zh: str, en: str) -> None:
    with pytest.raises(PerfevalError) as info:
        call()  # type: ignore[operator]
    assert info.value.code == code and info.value.message_in() == zh and info.value.message_in("en") == en


def _fixture_scores() -> list[tuple[str, object]]:
    from pathlib import Path

    from tests.rules.test_cases import literal, read_fixture

    out = []
    for path in sorted((Path(__file__).parent / "fixtures" / "rules").glob("*.txt")):
        for case in read_fixture(path):
            if case.grades or not case.given or case.want.startswith(("refuse", "error", "reads")):
                continue
            out.append((case.standard, case.points, literal(case.given)))
    return out


def test_every_explanation_of_the_fixtures_is_in_one_language() -> None:
    """Each step of an explanation (value, band, steps, caps, floors, options, tiers, parts …) from the
    catalogs: no English word in the Chinese, no Chinese in the English, beyond the standard's own text."""
    from perfeval.rules import compile_rule

    seen = 0
    for standard, points, value in _fixture_scores():
        try:
            rule = compile_rule(standard, points=points)
            score = rule(**value) if isinstance(value, dict) else rule(value)
        except PerfevalError:
            continue
        # the input names the rule takes are identifiers the caller writes, Chinese in either language
        quoted = f"{standard}\n{value}\n" + "\n".join(rule.inputs)
        zh, en = score.explain(), score.explain("en")
        body = "\n".join(line for line in zh.splitlines() if not line.startswith("评分标准："))
        latin = {w for w in LATIN_WORD.findall(re.sub(r"'[^']*'|\[PE\d+\]", "", body)) if w not in quoted} - MATH
        assert latin == set(), (standard, value, zh)
        assert leftover_chinese(en, quoted) == [], (standard, value, en)
        seen += 1
    assert seen > 200


def test_input_too_large_to_print_is_described_in_the_language_of_the_message() -> None:
    from perfeval.limits import shown, text_of
    from perfeval.rules import compile_rule

    assert (shown(10 ** 5000), shown(10 ** 5000).message_in("en")) == ("一个 5001 位的整数", "an integer of 5001 digits")
    assert text_of([10 ** 5000]).message_in("en") == "a list too large to print"
    rule = compile_rule("100%计满分，每低于5%扣2分，扣完为止", points=5)
    with pytest.raises(PerfevalError) as info:
        rule.points(10 ** 5000)
    assert str(info.value).endswith("：'一个 5001 位的整数'")
    assert info.value.describe("en").endswith(": 'an integer of 5001 digits'")
    checklist = compile_rule("①完成得1分②及时得1分③合规得1分", points=3)
    with pytest.raises(PerfevalError) as info:
        checklist(10 ** 5000)
    assert "不能只给 一个 5001 位的整数" in str(info.value)
    assert "not an integer of 5001 digits" in info.value.describe("en")


def test_the_cards_points_and_explains_last_line_follow_the_language() -> None:
    from pathlib import Path

    from click.testing import CliRunner

    from perfeval.cli import main

    example = str(Path(__file__).parents[1] / "examples" / "luosong-2021-department.toml")
    args = ["explain", example, "产出指标/质量指标/征拆面积完成率"]
    zh = CliRunner().invoke(main, args).output.splitlines()[-1]
    en = CliRunner().invoke(main, [*args, "--lang", "en"]).output.splitlines()[-1]
    assert zh == "征拆面积完成率: 4.00 / 4（重算）完成率 100% / 100% = 100% → 4.00分"
    assert en == "征拆面积完成率: 4.00 / 4 (computed) 完成率 100% / 100% = 100% → 4.00 points"
