"""One test per bug found, named after what went wrong (in the manner of rule-engine's tests/issues.py)."""

from __future__ import annotations

from decimal import Decimal

import perfeval


def test_quotes_inside_a_formula_name_are_kept() -> None:
    """“三公经费”控制率 lost its opening quote (the name had an unmatched ”)."""
    f = perfeval.compile_formula("“三公经费”控制率 = (“三公经费”实际支出数 / “三公经费”预算安排数) $\\times$ 100%。")
    assert f.name == "“三公经费”控制率"
    assert f.inputs == ("“三公经费”实际支出数", "“三公经费”预算安排数")
    assert f(**{"“三公经费”实际支出数": 9, "“三公经费”预算安排数": 10}) == Decimal("0.9")


def test_a_judgement_left_with_one_possible_value_is_settled() -> None:
    """①③ of a 7-point deduction list ends at 0 whatever the assessor decides: 0, not 'needs judgement'."""
    rule = perfeval.compile_rule("①虚列套取扣4-7分 ②依据不合规扣2分 ③截留、挤占、挪用扣3-6分 ", points=7)
    score = rule(["①", "③"])
    assert score.points == 0 and not score.needs_judgement


def test_criteria_with_a_cap_add_up() -> None:
    """"…得5分；…得3分；…得2分；否则，每项酌情扣分，最多扣10分" is three criteria worth 10, not one of three."""
    text = ("内涵明确、具体、可衡量的得5分；突出核心指标，精简实用的得3分；指标与部门整体支出和项目支出密切相关，"
            "全面反映产出和效益的得2分；否则，每项酌情扣分，最多扣10分。")
    rule = perfeval.compile_rule(text, points=10)
    assert rule([True, True, True]).points == 10
    assert rule([True, False, True]).allowed == (Decimal(7), Decimal(10))  # the unmet one is judged, 0–3
    assert rule([1, 1, None]).allowed == (Decimal(8), Decimal(10))


def test_option_words_come_from_the_description_before_the_comma() -> None:
    """"…分析原因全面的，得20分" was labelled '得20分'."""
    rule = perfeval.compile_rule("反映问题、分析原因全面的，得20分；只提出资金不足问题的不得分；其他情况酌情扣分。", points=20)
    labels = [o.label for o in rule.meaning.options]
    assert labels[0] == "反映问题、分析原因全面的"
    assert labels[1] == "只提出资金不足问题"


def test_a_line_break_inside_a_cell_is_not_a_clause_break() -> None:
    """"满意率达90%⏎（含）以上" split the clause at the table cell's line break."""
    rule = perfeval.compile_rule("满意率达90%\n（含）以上的得8分，80%（含）-90%得6分，低于80%不得分", points=8)
    assert rule("90%").points == 8


def test_a_year_in_a_description_is_not_a_condition() -> None:
    """"该指标以 2022 年完工的…" read 2022 as a value with the unit 年."""
    f = perfeval.compile_formula("楼堂馆所面积控制率 = 实际建设面积 / 批准建设面积 $\\times$ 100%。 该指标以 2022 年完工的新建楼堂馆所为评价内容。")
    assert f.inputs == ("实际建设面积", "批准建设面积")
