"""A rubric's 总则: indicators that do not apply, and the total re-normalised to the full marks (DESIGN.md,
"Not applicable": Σ scored ÷ Σ applicable 分值 × 满分)."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

import perfeval
from perfeval.rubric.general import GeneralError, read_general
from perfeval.rubric.rubric import loads

RENORMALISE = "个别指标对本单位不适用的,该指标不参与评分,总分按适用指标的得分之和与分值之和换算成百分制。"

SOURCE = f"""评价体系 示例
满分 100
总则：{RENORMALISE}
等级：90分（含）以上为优，80分（含）-90分为良，80分以下为差。
一级指标 产出 100分
三级指标 完成率 80分
  标准：100%计满分，每低于5%扣8分，扣完为止
三级指标 采购合规 20分
  标准：每发现一处问题扣2分，扣完为止
"""


def test_an_indicator_that_does_not_apply_leaves_the_total_which_is_re_normalised() -> None:
    card = loads(SOURCE).score({"完成率": "90%", "采购合规": "不适用"})
    assert card.excluded == ("采购合规",)
    assert card.raw_total == Decimal("64.00") and card.applicable_max == Decimal(80)
    assert card.total == Decimal("80.00") and card.grade == "良"  # 64 of the 80 that apply is 80 of 100
    assert card["采购合规"].status == "not_applicable" and card["采购合规"].points is None
    assert card.complete and card.counts == {"read": 2, "scored": 2, "unchecked": 0, "unmatched": 0}


def test_a_rounding_edge_of_the_re_normalised_total_rounds_half_up_once() -> None:
    src = SOURCE.replace("80分\n  标准：100%计满分，每低于5%扣8分", "90分\n  标准：100%计满分，每低于5%扣8分") \
        .replace("采购合规 20分", "采购合规 10分")
    card = loads(src).score({"完成率": "85%", "采购合规": "不适用"})
    assert card.raw_total == Decimal("66.00")
    assert card.total == Decimal("73.33")  # 66 / 90 × 100 = 73.333…


def test_nothing_excluded_leaves_the_total_as_it_is() -> None:
    card = loads(SOURCE).score({"完成率": "90%", "采购合规": 1})
    assert card.total == Decimal("82.00") and card.raw_total is None and card.excluded == ()


def test_without_a_general_rule_an_excluded_indicator_costs_the_grade_not_a_wrong_one() -> None:
    card = loads(SOURCE.replace(f"总则：{RENORMALISE}\n", "")).score({"完成率": "100%", "采购合规": "不适用"})
    assert card.grade is None and card.grade_error is not None
    assert card.total == Decimal("80.00")  # the sum, not scaled: nothing says how


def test_every_indicator_excluded_has_no_total_to_grade() -> None:
    card = loads(SOURCE).score({"完成率": "不适用", "采购合规": "不适用"})
    assert card.grade is None and card.grade_error is not None


def test_a_general_sentence_with_scoring_words_perfeval_does_not_read_is_a_located_error() -> None:
    src = SOURCE.replace("换算成百分制。", "换算成百分制。加分事项超过5分的部分计入下年。")
    with pytest.raises(perfeval.PerfevalError) as e:
        loads(src)
    assert e.value.location is not None and e.value.location.line == 3
    assert e.value.text == "加分事项超过5分的部分计入下年。"


def test_a_general_sentence_without_scoring_words_is_a_note() -> None:
    g = read_general("不适用的指标不参与评分，总分按适用指标分值折算为百分制。本办法由财政局负责解释。")
    assert g.renormalise and g.notes == ("本办法由财政局负责解释。",)


@pytest.mark.parametrize("sentence", ["不适用的指标不参与评分。", "总分换算成百分制。", "该项不参与考核。"])
def test_half_a_re_normalisation_is_refused(sentence: str) -> None:
    """Leaving indicators out without saying how the total is scaled (or scaling without leaving any out)
    is not the rule perfeval reads: refused, never half applied."""
    with pytest.raises(GeneralError):
        read_general(sentence)


@given(st.decimals(Decimal(0), Decimal("1.2"), places=4))
def test_re_normalised_totals_stay_within_the_full_marks(rate: Decimal) -> None:
    card = loads(SOURCE).score({"完成率": rate, "采购合规": "不适用"})
    points = card["完成率"].points
    assert points is not None and Decimal(0) <= card.total <= Decimal(100)
    assert card.total == (points * 100 / 80).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def test_a_standard_that_says_when_it_does_not_apply_is_left_out_by_its_case() -> None:
    """未开展出租出借业务的，该项不参与考核 (PE159): the rule scores the case where it applies; the data marks the
    other 不适用 and the total is re-normalised."""
    src = SOURCE.replace("标准：每发现一处问题扣2分，扣完为止",
                         "标准：未开展出租出借业务的，该项不参与考核。每发现一处违规出租扣2分，扣完为止。")
    rubric = loads(src)
    assert rubric.indicator("采购合规").rule.excluded_when == "未开展出租出借业务的，该项不参与考核"  # type: ignore[union-attr]
    card = rubric.score({"完成率": "100%", "采购合规": "不适用"})
    assert card.total == Decimal("100.00") and "不参与考核" in str(card["采购合规"].reason)
    assert rubric.score({"完成率": "100%", "采购合规": 3}).total == Decimal("94.00")


@pytest.mark.parametrize("sentence", ["不适用的指标不参与评分，视同满分，不折算为百分制。",
                                      "不适用的指标不参与评分，总分不再换算成百分制。",
                                      "不适用的指标不参与评分，总分按适用指标分值折算为百分制，折算后总分保留一位小数。",
                                      "不适用的指标不参与评分，总分按适用指标分值折算为满分120分。"])
def test_a_general_rule_with_more_or_less_than_re_normalisation_is_refused(sentence: str) -> None:
    """Hunt 13, NA3: the 总则 was read by its words anywhere in the sentence — 不折算 and 视同满分 re-normalised,
    保留一位小数 and 满分120分 were dropped."""
    with pytest.raises(GeneralError):
        read_general(sentence)


def test_a_carried_deduction_comes_off_the_re_normalised_total_unscaled() -> None:
    """Hunt 13, NA1: the carried deduction was scaled with the points (−14 became −140)."""
    src = SOURCE.replace("每发现一处问题扣2分，扣完为止", "每发现一处问题扣2分，扣满20分后从考核总分中继续扣减") \
        .replace("标准：100%计满分，每低于5%扣8分，扣完为止", "标准：未开展该项业务的，该项不参与考核。100%计满分，每低于5%扣8分，扣完为止")
    card = loads(src).score({"完成率": "不适用", "采购合规": 12})
    assert card.carried == Decimal(-4) and card.total == Decimal("-4.00")  # 0 of 20 → 0 of 100, then −4


def test_every_indicator_excluded_is_not_complete() -> None:
    """Hunt 13, NA7: with every indicator 不适用 the card said complete, total 0."""
    card = loads(SOURCE).score({"完成率": "不适用", "采购合规": "不适用"})
    assert not card.complete and card.grade is None


def test_an_indicators_own_rule_for_nothing_to_score_decides() -> None:
    """Hunt 13, NA8: 没有…按满分计算 (PE134) and the data's 不适用 gave two totals for one fact; the standard decides."""
    src = SOURCE.replace("每发现一处问题扣2分，扣完为止", "每发现一处问题扣2分，扣完为止。没有该类项目的部门按满分计算。")
    card = loads(src).score({"完成率": "90%", "采购合规": "不适用"})
    assert card["采购合规"].points == Decimal("20.00") and card.total == Decimal("84.00")


def test_a_rubric_keyword_given_twice_is_refused() -> None:
    """Hunt 13, NA9: a second 总则 (or 满分, 等级) silently replaced the first."""
    with pytest.raises(perfeval.PerfevalError) as e:
        loads(SOURCE.replace("等级：", "总则：本办法由财政局负责解释。\n等级："))
    assert e.value.location is not None and e.value.location.line == 4


def test_a_standard_that_only_says_when_it_is_left_out_is_refused() -> None:
    """Hunt 13, NA4: "未开展出租出借业务的，该项不参与考核。" alone scored 0 for every value."""
    with pytest.raises(perfeval.PerfevalError) as e:
        perfeval.compile_rule("未开展出租出借业务的，该项不参与考核。", points=10)
    assert e.value.code == "no_points"


def test_outputs_name_the_not_applicable_status() -> None:
    """Hunt 13, C1: the page and the workbook had their own status tables without 不适用 (KeyError)."""
    from perfeval.rubric.scoring import STATUS_WORDS

    assert "not_applicable" in STATUS_WORDS
    from perfeval import page, workbook

    assert "not_applicable" in page._STATUS["zh_CN"] and "not_applicable" in workbook._STATUS["en"]


BONUS_GENERAL = "考核计分采用百分制,另设加分事项和减分事项。其中,加分事项累计不超过5分,减分事项不设上限。各项计分细则另行印发。"
BONUS_SOURCE = f"""评价体系 加分示例
满分 100
总则：{BONUS_GENERAL}
一级指标 产出 100分
三级指标 甲 50分
  标准：完成率100%得满分，每超1%加1分，最多加4分
三级指标 乙 50分
  标准：完成率100%得满分，每超1%加1分，最多加4分
"""


def test_the_bonus_cap_of_the_general_rules_is_read() -> None:
    """Corpus c-016 (a county 考核办法's 总则): 加分事项累计不超过5分 caps the bonus together; 减分事项不设上限 and
    采用百分制 are read; 各项计分细则另行印发 is a note."""
    g = read_general(BONUS_GENERAL)
    assert g.bonus_cap == Decimal(5) and g.scale == Decimal(100) and g.notes == ("各项计分细则另行印发。",)
    assert not g.renormalise


@pytest.mark.parametrize(("values", "total", "bonus", "uncapped"), [
    ({"甲": "104%", "乙": "103%"}, "105.00", "5", "7"),       # 4 + 3 bonus, 5 of it counts
    ({"甲": "102%", "乙": "103%"}, "105.00", "5", None),      # exactly the cap
    ({"甲": "102%", "乙": "101%"}, "103.00", "3", None),      # under the cap
    ({"甲": "100%", "乙": "104%"}, "104.00", "4", None),      # one indicator's bonus alone
])
def test_the_indicators_bonus_counts_up_to_the_cap_together(values: dict[str, str], total: str, bonus: str,
                                                            uncapped: str | None) -> None:
    card = loads(BONUS_SOURCE).score(values)
    assert card.total == Decimal(total) and card.bonus == Decimal(bonus)
    assert card.bonus_uncapped == (Decimal(uncapped) if uncapped else None)


@given(st.integers(100, 110), st.integers(100, 110))
def test_a_capped_bonus_never_takes_the_total_past_the_full_marks_and_the_cap(a: int, b: int) -> None:
    card = loads(BONUS_SOURCE).score({"甲": f"{a}%", "乙": f"{b}%"})
    assert Decimal(100) <= card.total <= Decimal(105)
    assert card.total == Decimal(100) + min(Decimal(min(a - 100, 4) + min(b - 100, 4)), Decimal(5))


def test_the_audit_caps_the_reported_bonus_as_the_total_does() -> None:
    """A table reporting 54 and 53 (7 above the 分值) and a total of 105 adds up under the 总则's cap."""
    from perfeval.rubric.audit import audit

    card = loads(BONUS_SOURCE).score({"甲": "104%", "乙": "103%"})
    card = attrs.evolve(card, reported_total=Decimal("105"),
                        items=tuple(attrs.evolve(i, reported=i.points) for i in card))
    assert not [d for d in audit(card).discrepancies if d.kind == "total"]


@pytest.mark.parametrize("sentence", ["加分事项累计不超过5分，扣分事项最多10分。", "考核计分采用千分制。",
                                      "加分事项累计不超过5分，超过部分计入下年。"])
def test_a_bonus_sentence_with_a_clause_perfeval_does_not_read_is_refused(sentence: str) -> None:
    with pytest.raises(GeneralError):
        read_general(sentence)


def test_a_hundred_point_scale_beside_another_full_marks_is_refused() -> None:
    src = BONUS_SOURCE.replace("满分 100", "满分 90").replace("产出 100分", "产出 90分").replace("乙 50分", "乙 40分")
    with pytest.raises(perfeval.PerfevalError) as e:
        loads(src)
    assert "百分制" in str(e.value) and "90" in str(e.value)


def test_the_bonus_cap_counts_only_what_is_above_each_indicators_points() -> None:
    """Hunt 15, F1: the 总则's cap took Σ Score.bonus, bonus inside an indicator's own 分值 included (7 of 10 by
    基础分5分 + 2 bonus): 7 + 54 + 40 came to 100 instead of 101. Only the 4 above 乙's 分值 is bonus."""
    src = f"""评价体系 加分示例
满分 100
总则：{BONUS_GENERAL}
一级指标 产出 100分
三级指标 甲 10分
  标准：基础分5分。完成率达到120%加1分，达到140%加2分，依次类推
三级指标 乙 50分
  标准：完成率100%得满分，每超1%加1分，最多加4分
三级指标 丙 40分
  标准：完成率100%得满分，每低1%扣1分
"""
    card = loads(src).score({"甲": "140%", "乙": "104%", "丙": "100%"})
    assert card.total == Decimal("101.00") and card.bonus == Decimal(4) and card.bonus_uncapped is None
