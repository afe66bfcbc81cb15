"""One test per bug found, named after what went wrong (in the manner of rule-engine's tests/issues.py)."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

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
    labels = [o.label for o in rule.item.options]
    assert labels[0] == "反映问题、分析原因全面"
    assert labels[1] == "只提出资金不足问题"


def test_a_line_break_inside_a_cell_is_not_a_clause_break() -> None:
    """"满意率达90%⏎（含）以上" split the clause at the table cell's line break."""
    rule = perfeval.compile_rule("满意率达90%\n（含）以上的得8分，80%（含）-90%得6分，低于80%不得分", points=8)
    assert rule("90%").points == 8


def test_a_year_in_a_description_is_not_a_condition() -> None:
    """"该指标以 2022 年完工的…" read 2022 as a value with the unit 年."""
    f = perfeval.compile_formula("楼堂馆所面积控制率 = 实际建设面积 / 批准建设面积 $\\times$ 100%。 该指标以 2022 年完工的新建楼堂馆所为评价内容。")
    assert f.inputs == ("实际建设面积", "批准建设面积")


# ── found in review (one test each) ──────────────────────────────────────────────────────


def test_pro_rata_and_started_steps_are_read() -> None:
    """按比例 inside a step was ignored; 不足…按…计 did not compile."""
    prop = perfeval.compile_rule("100%计满分，每低于5%按比例扣2分，扣完为止", points=5)
    assert prop("97.5%").points == 4 and prop.points("97.5%") == 4
    started = perfeval.compile_rule("100%计满分，每低于5%扣2分，不足5%按5%计，扣完为止", points=5)
    assert started("99%").points == 3 and started.points("89%") == 0


def test_a_value_the_conditions_name_is_never_taken_as_zero() -> None:
    """With several formula inputs and a condition on the rate, a missing rate scored 0."""
    rule = perfeval.compile_rule(
        "完成率小于60%不得分；大于等于60%的，得分=（实际完成数/计划完成数-60%）/（1-60%）×指标分值", points=10)
    with pytest.raises(perfeval.MissingInputError):
        rule(实际完成数=90, 计划完成数=100)
    assert rule("90%", 实际完成数=90, 计划完成数=100).points == Decimal("7.5")


def test_not_included_and_named_inclusions() -> None:
    """（不含） was dropped; the number in （含80%） was ignored."""
    excl = perfeval.compile_rule("60%以下（不含）不得分；60%-80%计2分；80%以上计5分", points=5)
    assert excl("60%").points == 2
    named = perfeval.compile_rule("80%-90%（含80%）计4分；90%以上计6分；低于80%计0分", points=6)
    assert (named("80%").points, named("90%").points) == (4, 6)


def test_written_bands_are_carved_out_of_implied_regions() -> None:
    """Steps plus a cutoff, a formula with a threshold, and a tolerance band failed with an overlap."""
    cutoff = perfeval.compile_rule("100%（含）以上计满分；每低于1%扣1分，最多扣3分；低于80%计0分", points=10)
    assert [cutoff(v).points for v in ("99%", "95%", "79%")] == [9, 7, 0]
    threshold = perfeval.compile_rule("完成率小于60%不得分；得分=（实际完成率-60%）/（1-60%）×指标分值", points=10)
    assert threshold("80%").points == 5 and threshold("59%").points == 0
    tolerance = perfeval.compile_rule("95%（含）-105%（含）计满分，每超过（降低）5%扣2分", points=10)
    assert [tolerance(v).points for v in ("95%", "105%", "110.5%", "89%")] == [10, 10, 8, 8]


def test_grades_written_low_to_high_and_overlaps() -> None:
    """80≤S<90 made a band that covered everything; overlapping grades resolved silently."""
    grades = perfeval.compile_grades("优秀（S≥90）、良好（80≤S‹90）、合格（70≤S‹80）、不合格（S‹70）")
    assert [grades(v) for v in (95, 85, 75, 65)] == ["优秀", "良好", "合格", "不合格"]
    with pytest.raises(perfeval.RuleError) as refused:
        perfeval.compile_grades("80-90分为良，85分以上为优，60分以下为差")
    assert refused.value.code == "rules_overlap" and "[85, 90]" in refused.value.message


def test_a_number_for_a_judged_indicator_is_its_points() -> None:
    """score({'行政效能': 3}) picked option 3 (0分) instead of 一般 (3分)."""
    rubric = perfeval.load(Path(perfeval.__file__).parent / "data" / "rubrics" / "department-common.rules")
    card = rubric.score({"行政效能": 3})
    assert card["行政效能"].points == 3 and not card.complete and card.grade is None


def test_a_single_value_with_otherwise_reads_as_a_floor() -> None:
    """"满意度90%得满分，否则不得分" gave 0 at 100%."""
    rule = perfeval.compile_rule("满意度90%得满分，否则不得分", points=6)
    assert (rule("100%").points, rule("90%").points, rule("89%").points) == (6, 6, 0)


def test_lexer_gaps() -> None:
    """1950.5 read as a date; 百分之九十 and 每降低 unread; 万元 after a number lexed as a numeral."""
    assert perfeval.compile_rule("成本控制在1950.5万元以内得满分，否则不得分", points=6)("1950.5").points == 6
    assert perfeval.compile_rule("培训人数2000-3000人计5分，低于2000人不得分", points=5)("2500").points == 5
    assert perfeval.compile_rule("百分之九十以上计6分；低于百分之九十计0分", points=6)("90%").points == 6
    assert perfeval.compile_rule("100%计满分，每降低5%扣2分", points=5)("95%").points == 3


def test_checklist_inputs_are_checked() -> None:
    """A bare number crashed a checklist; points= was ignored; -1 failures gave full marks."""
    items = perfeval.compile_rule("①设有目标（1分）②目标明确（1分）③目标细化（1分）④目标量化（1分）", points=4)
    with pytest.raises(perfeval.JudgementError):
        items(3)
    assert items(points=3).points == 3
    with pytest.raises(perfeval.JudgementError):
        items(points="2.5")
    per_case = perfeval.compile_rule("①a；②b；③c。以上情况每出现一例不符合要求的扣1分，扣完为止。", points=6)
    with pytest.raises(perfeval.InputError):
        per_case(-1)


def test_no_band_shows_a_rate_as_a_rate_and_each_gap_once() -> None:
    rule = perfeval.compile_rule("90%（含）以上计6分；低于80%计0分", points=6)
    with pytest.raises(perfeval.NoBandError) as info:
        rule("85%")
    assert "85%" in str(info.value) and info.value.gaps.count("[80%, 90%)") == 1


def test_the_callers_decimal_context_changes_nothing() -> None:
    """A caller's getcontext().prec = 4 broke a scorecard and cut rates in explanations."""
    import decimal

    examples = Path(__file__).parents[2] / "examples"
    with decimal.localcontext() as ctx:
        ctx.prec = 4
        card = perfeval.evaluate(perfeval.load_evaluation(examples / "luosong-2021-department.toml"))
        assert card.total == Decimal("97.83")
        text = card["资金执行率"].score.explain()
        # the rate in full (not cut to 4 digits by the caller's context), shown as the percentage it is
        assert "78.251862323962807895166113860040237072481104888261" in text


def test_units_written_in_the_standard_convert() -> None:
    """"50万元以内" compared 400000元 by its raw number."""
    rule = perfeval.compile_rule("成本控制在50万元以内得5分，超过50万元不得分。", points=5)
    assert rule(perfeval.quantity("400000元")).points == 5 and rule("60万元").points == 0
    area = perfeval.compile_rule("完成造林面积1000亩以上得5分，800亩（含）-1000亩得3分，800亩以下不得分。", points=5)
    assert area(perfeval.quantity("60公顷")).points == 3  # 900亩


def test_words_never_fill_a_gap_between_bands() -> None:
    """"完成目标得5分；80%以上得3分；60%以下不得分" gave 70% five points."""
    rule = perfeval.compile_rule("完成目标得5分；80%以上得3分；60%以下不得分。", points=5)
    with pytest.raises(perfeval.NoBandError):
        rule("70%")  # between 60% and 80% no band applies: an error naming the gap, never 5 (or 0)
    assert "PE310" in {d.code for d in rule.check()}
    assert (rule("100%").points, rule("85%").points, rule("60%").points) == (5, 3, 0)


def test_common_published_wordings_from_the_second_review() -> None:
    """Double comparisons, a condition before a step, a bare reference, 按比例扣分 after steps, a definition first."""
    around = perfeval.compile_rule("90%≤满意度<95%得4分；满意度≥95%得6分；满意度<90%不得分", points=6)
    assert [around(v).points for v in ("90%", "94%", "95%", "89%")] == [4, 4, 6, 0]
    between = perfeval.compile_rule("大于100%小于等于110%得3分；小于等于100%得5分；大于110%不得分", points=5)
    assert [between(v).points for v in ("100%", "105%", "111%")] == [5, 3, 0]
    lead = perfeval.compile_rule("以90%为标准，低于90%的每降低1个百分点扣0.2分", points=6)
    assert [lead(v).points for v in ("95%", "89%", "85%")] == [6, Decimal("5.8"), 5]
    bare = perfeval.compile_rule("以90%为基准，每降低1个百分点扣0.2分", points=6)
    assert bare("95%").points == 6
    pro_rata = perfeval.compile_rule("100%计满分，每低于5%扣2分，按比例扣分", points=6)
    assert pro_rata("97.5%").points == 5
    defined = perfeval.compile_rule("实际完成率=（实际产出数/计划产出数）×100%，完成率100%及以上得满分，每低于5%扣2分", points=6)
    assert defined("95%").points == 4


def test_a_line_break_after_dropped_spaces_is_an_empty_token_not_a_reversed_one() -> None:
    """'0 \\n0': the separator made at the break started after it ended (found by test_hostile)."""
    from perfeval.rules.syntax.lexer import tokenize

    for tok in tokenize("0 \n0"):
        assert 0 <= tok.start_pos <= tok.end_pos <= 4


def test_chinese_numeral_runs_lex_in_linear_time() -> None:
    """"一"*1000 took minutes: the numeral pattern tried every split of the run (catastrophic backtracking).
    Nothing is timed: with the old pattern this test alone ran for minutes (benchmarks/bench_compile.py
    measures it)."""
    with pytest.raises(perfeval.PerfevalError):
        perfeval.compile_rule("一" * 1000, points=10)


def test_a_bonus_the_ceiling_cuts_is_not_reported_as_bonus() -> None:
    """管网漏损率…每低于标准1个百分点加0.5分: the bonus was reported while the 分值 cut it from the total."""
    rule = perfeval.compile_rule("管网漏损率不高于控制标准的得5分;在此基础上每低于标准1个百分点加0.5分,"
                                 "低于标准3个百分点(含)以上的加1.5分。", points=5)
    s = rule(实际值="9%", 目标值="10%")
    assert (s.points, s.bonus) == (Decimal("5.5"), Decimal("0.5"))
    assert rule(实际值="5%", 目标值="10%").points == Decimal("6.5")


# ── issue 9: three wrong readings of the field, with the right values ──────────────────────────


def test_linear_between_thresholds_is_linear() -> None:
    """"60%-85%线性得分" was read as full marks: 10 at 60%, 72.5% and 85%."""
    rule = perfeval.compile_rule("低于60%得0分，60%-85%线性得分，85%以上得满分", points=10)
    assert [rule(v).points for v in ("60%", "72.5%", "85%")] == [0, 5, 10]


def test_a_lower_is_better_indicator_is_not_scored_backwards() -> None:
    """"“≤”型指标：达标得满分，超出部分按比例计分" gave 8 at 80% and full marks at 125%: backwards."""
    rule = perfeval.compile_rule("“≤”型指标：达标得满分，超出部分按比例计分", points=8)
    assert rule(实际值="80", 目标值="100").points == 8
    assert rule(实际值="125", 目标值="100").points == Decimal("6.4")


def test_a_zero_and_a_negative_after_a_per_case_deduction_are_scored() -> None:
    """"…;发生重大事故的,本项不得分,并倒扣5分": the second clause was kept as a note and never scored."""
    rule = perfeval.compile_rule("每发生一起轻微事故扣0.5分;发生重大事故的,本项不得分,并倒扣5分", points=5)
    assert rule({"①": 2, "②": 0}).points == 4
    assert rule({"①": 0, "②": 1}).points == -5
    assert rule({"①": 3, "②": 1}).points == -5


def test_not_reaching_a_bound_is_below_it() -> None:
    """"限期整改率未达90%以上(含)的,每差一个百分点扣0.3分" deducted above 90%: 未达 was dropped before 90%以上."""
    rule = perfeval.compile_rule("限期整改率未达 90%以上(含)的,每差一个百分点扣 0.3分。", points=8)
    assert [rule(v).points for v in ("95%", "90%", "89%", "85%")] == [8, 8, Decimal("7.7"), Decimal("6.5")]


# ── real published standards (a hunt over stored pages): wrong numbers before ──────────────────


def test_a_time_in_the_subject_is_not_the_reference() -> None:
    """"签约项目半年后开工率要达到40%…每低一个百分点扣0.1分": 半年 was read as a 50% reference."""
    rule = perfeval.compile_rule("签约项目半年后开工率要达到40%，为达到目标每低一个百分点扣0.1分", points=10)
    assert [rule(v).points for v in ("40%", "39%", "45%")] == [10, Decimal("9.9"), 10]
    assert "PE106" in {d.code for d in rule.diagnostics}


def test_an_age_in_the_subject_is_not_the_band() -> None:
    """"…中35岁及以下的不低于总数的20%，得1分;每低1%，扣0.05分": 35岁及以下 became the band (≤3500%)."""
    rule = perfeval.compile_rule("科级领导干部中35岁及以下的不低于总数的20%，得1分;每低1%，扣0.05分", points=1)
    assert [rule(v).points for v in ("20%", "19%", "10%", "0%")] == [1, Decimal("0.95"), Decimal("0.5"), 0]
    rule = perfeval.compile_rule("新进人员中35岁及以下的不低于80%的，得1分；每低1%，扣0.1分", points=1)
    assert [rule(v).points for v in ("79%", "75.53%", "70%")] == [Decimal("0.9"), Decimal("0.6"), 0]


def test_two_requirements_on_two_values_are_refused() -> None:
    """"发现问题3处以上且整改率低于80%的，扣2分" scored by the count alone: the rate was dropped."""
    with pytest.raises(perfeval.RuleError) as e:
        perfeval.compile_rule("发现问题3处以上且整改率低于80%的，扣2分", points=2)
    assert e.value.code == "compound_condition"


def test_points_then_the_verb_deduct() -> None:
    """"每位次按0.25分递减" deducted 0 per place; a step without a verb is refused, never 0."""
    rule = perfeval.compile_rule("按排位打分,每位次按0.25分递减", points=20)
    assert [rule(v).points for v in (1, 3, 5, 80)] == [20, Decimal("19.5"), 19, Decimal("0.25")]
    assert perfeval.compile_rule("每发现一处按0.5分扣除，扣完为止", points=2)(1).points == Decimal("1.5")
    for text in ("按排位打分,每位次按0.25分", "第1名得20分，每后移一位0.2分"):
        with pytest.raises(perfeval.RuleError) as e:
            perfeval.compile_rule(text, points=20)
        assert e.value.code == "step_needs_amount"


def test_a_rising_ladder_goes_on_to_the_points() -> None:
    """"1亿元…得0.6分，2亿得1.2分，以此类推" stopped at 1.2 (the reading said it went on)."""
    rule = perfeval.compile_rule("凡签约1亿元非工业项目得0.6分，2亿得1.2分，以此类推", points=10)
    assert [rule(v).points for v in ("1亿元", "1.5亿元", "3亿元", "20亿元")] == [Decimal("0.6"), Decimal("0.6"),
                                                                             Decimal("1.8"), 10]


def test_a_space_where_a_decimal_point_was_lost_is_refused() -> None:
    """"扣0 5分" was read as 5 (a PDF lost the point); a letter-spaced "1 0 0%" is still 100%."""
    with pytest.raises(perfeval.RuleError) as e:
        perfeval.compile_rule("每发现一处问题扣0 5分，扣完为止", points=3)
    assert e.value.code == "lost_number"
    assert perfeval.compile_rule("完成率达到1 0 0%得5分", points=5)("100%").points == 5


def test_compiling_and_the_first_call_ignore_the_callers_context() -> None:
    """The fast path was generated on first use under the caller's context: Inexact trapped there raised."""
    import decimal

    from perfeval.rules.rule import clear_caches

    clear_caches()
    hostile = decimal.Context(prec=3, rounding=decimal.ROUND_FLOOR, traps=[decimal.Inexact])
    with decimal.localcontext(hostile):
        rule = perfeval.compile_rule("0.5分-60%满分", points=10)
        with pytest.raises(perfeval.NoBandError):
            rule(0)
        assert perfeval.compile_rule("每低于5%扣2分，扣完为止，100%计满分", points=5)("93%").points == 3


def test_many_equal_parts_are_labelled() -> None:
    """"每项任务各2分" of a 100分 indicator is fifty parts: the labels ran out at ⑩ (IndexError)."""
    rule = perfeval.compile_rule("每项任务各2分,按期完成的计满分,未完成的计0分", points=100)
    assert len(rule.item.parts) == 50


def test_reaching_a_target_of_a_concentration_is_refused() -> None:
    """"PM10年均值…未达到年度目标值的…每差1微克/立方米扣0.5分" was scored higher-is-better (65 of target 60 got
    full marks). 未达到 does not say which side is good for a measure that is usually lower-is-better."""
    text = ("①可吸入颗粒物(PM10)年均值(3分):未达到年度目标值的,按实际完成值与年度目标值的差距绝对值进行扣分,"
            "每差1微克/立方米扣0.5分,扣完为止。")
    with pytest.raises(perfeval.RuleError) as e:
        perfeval.compile_rule(text, points=3)
    assert e.value.code == "direction_unclear"
    said = perfeval.compile_rule("PM2.5年均浓度高于年度目标值的，每高1微克/立方米扣0.5分，扣完为止", points=3)
    assert said(实际值=65, 目标值=60).points == Decimal("0.5") and said(实际值=55, 目标值=60).points == 3


def test_a_lower_is_better_mark_turns_missing_the_target_upwards() -> None:
    """"成本类指标(≤)：未达到目标值的，每差1个百分点扣0.5分": (≤) was read as the comparator, backwards."""
    rule = perfeval.compile_rule("成本类指标(≤)：未达到目标值的，每差1个百分点扣0.5分", points=3)
    assert rule(实际值="101%", 目标值="100%").points == Decimal("2.5")
    assert rule(实际值="95%", 目标值="100%").points == 3
    marked = perfeval.compile_rule("“≤”型指标 PM2.5年均浓度未达到年度目标值的，每差1微克/立方米扣0.5分，扣完为止", points=3)
    assert [marked(实际值=v, 目标值=60).points for v in (55, 65, 70)] == [3, Decimal("0.5"), 0]
    assert "PE139" in {d.code for d in marked.diagnostics}


def test_a_cap_on_a_bonus_is_not_the_score_when_nothing_is_found() -> None:
    """"…奖1分(封顶1分)": 封顶1分 was a clause of its own, read as the score with nothing found (PE132)."""
    text = ("党员活动场所未悬挂党旗、入党誓词等的扣1分;全年…宣传报道5篇以上的在基本得分的基础上奖1分(封顶1分);"
            "建立党建网站…的任何一项在基本得分的基础上奖1分(不累计奖分)。")
    rule = perfeval.compile_rule(text, points=3)
    assert rule([]).points == 3 and rule(["①"]).points == 2
    assert perfeval.compile_rule("每发现一处问题扣0.5分，扣分封顶2分", points=3)(5).points == 1


def test_naming_the_score_to_compute_is_not_full_marks() -> None:
    """"计算编制总量项得分，在全市排名1-5名的依次赋予20分…16分": 6th place got 20 (项得分 read as 满分)."""
    rule = perfeval.compile_rule("计算编制总量项得分，在全市排名1-5名的依次赋予20分、19分、18分、17分、16分", points=20)
    assert [rule(v).points for v in (1, 5)] == [20, 16]
    with pytest.raises(perfeval.NoBandError):
        rule(6)


def test_the_requirement_before_a_count_of_misses_is_the_base() -> None:
    """"…不低于…平均数的1/2，得1.5分；每有1个…达不到要求的，扣0.5分": every input scored 0."""
    text = "单个内设机构实际人员配置数不低于内设机构人员平均数的1/2，得1.5分；每有1个内设机构实际人员配置数达不到要求的，扣0.5分"
    rule = perfeval.compile_rule(text, points=Decimal("1.5"))
    assert [rule(v).points for v in (0, 1, 3)] == [Decimal("1.5"), 1, 0]


def test_a_list_cannot_give_a_headcount() -> None:
    """"未设立…的扣0.5分;人员不足2人的扣0.5分": r([]) read the unlisted headcount as 0 people and deducted."""
    rule = perfeval.compile_rule("考核:未设立或指定法制机构的扣0.5分;人员不足2人的扣0.5分。", points=1)
    with pytest.raises(perfeval.JudgementError) as e:
        rule([])
    assert e.value.code == "list_needs_value"
    assert rule(**{"①": False, "②": 2}).points == 1 and rule(**{"①": True, "②": 1}).points == 0


def test_a_range_written_with_both_words_is_one_band() -> None:
    """"80分以上90分以下为良好" kept only 80分以上; the standard's own 以上包括本数，以下不包括本数 was ignored, and
    a space for the comma before the next grade lost it."""
    g = perfeval.compile_grades("考核得分90分以上为优秀,80分以上90分以下为良好 60分以上80分以下为合格、60分以下为不合格,"
                                "以上包括本数。以下不包括本数")
    assert [g(v) for v in ("90", "89.9", "80", "79.99", "60", "59.9")] == ["优秀", "良好", "良好", "合格", "合格", "不合格"]
    rule = perfeval.compile_rule("90%以上得5分，60%以上90%以下得3分，60%以下得0分。以上含本数，以下不含本数", points=5)
    assert [rule(v).points for v in ("90%", "89%", "60%", "59%")] == [5, 3, 3, 0]
    assert "PE115" in {d.code for d in rule.diagnostics}
    with pytest.raises(perfeval.EvaluationError):  # by law both 以上 and 以下 include 90%: two bands claim it
        perfeval.compile_rule("90%以上得5分，60%以上90%以下得3分，60%以下得0分", points=5)("90%")


def test_every_input_error_has_a_code() -> None:
    """InputError had no ``.code`` (RuleError, JudgementError and MissingInputError did)."""
    rule = perfeval.compile_rule("每发现一处扣1分", points=5)
    for bad, code in ((-1, "not_a_count"), ("1e999999", "not_a_number")):
        with pytest.raises(perfeval.InputError) as e:
            rule(bad)
        assert e.value.code == code


def test_a_gate_on_days_late_beside_a_one_off_compiles() -> None:
    """"…情节严重的扣2.5分，扣完为止；每逾期一天扣0.5分，逾期五天及以上不得分" crashed (AssertionError)."""
    rule = perfeval.compile_rule("每发现一处扣1分，情节严重的扣2.5分，扣完为止；每逾期一天扣0.5分，逾期五天及以上不得分", points=5)
    assert rule(**{"①": 1, "②": 0, "③": 2}).points == 3
    assert rule(**{"①": 0, "②": 0, "③": 5}).points == 0


def test_half_in_a_list_of_values_does_not_crash() -> None:
    """"超过20万元、10万元和半万元的" crashed: 半 was not a numeral of a value list."""
    with pytest.raises(perfeval.RuleError):
        perfeval.compile_rule("村级集体经济收入超过20万元、10万元和半万元的", points=5)


def test_word_tiers_with_a_full_deduction_are_options() -> None:
    """"健全的得10分,基本健全的得6分,不健全的扣10分": the 6 tier was dropped (only 10 or 0 allowed)."""
    rule = perfeval.compile_rule("财务会计制度健全的得10分,基本健全的得6分,不健全的扣10分。", points=10)
    assert [rule(v).points for v in ("基本健全", "不健全", "①")] == [6, 0, 10]
    assert rule(points=6).points == 6


def test_tiers_beside_a_judged_deduction_are_refused_not_dropped() -> None:
    """"相符的得10分,基本相符的得6分,调整较大的扣10分。…酌情扣分": the 6 tier was dropped silently."""
    with pytest.raises(perfeval.RuleError) as e:
        perfeval.compile_rule("项目的实际支出与批复计划相符的得10分,基本相符的得6分,调整较大的扣10分。"
                              "存在支出不符合专项资金管理办法的,酌情扣分。", points=10)
    assert e.value.code == "mixed_rules"


def test_depending_on_the_case_is_the_assessors_judgement() -> None:
    """"不符合要求的视具体情况扣分,扣完7分为止" gave a definite 0."""
    rule = perfeval.compile_rule("可行性研究报告(项目申报书)编制符合要求的得7分,不符合要求的视具体情况扣分,扣完7分为止。", points=7)
    assert rule(False).allowed == (0, 7) and rule(points=3).points == 3 and rule(True).points == 7


def test_a_judged_deduction_in_a_list_deducts_what_the_assessor_decides() -> None:
    """"…实施不到位的,酌情扣分或者不得分" deducted nothing when it applied (and 或者不得分 was a case of its own)."""
    rule = perfeval.compile_rule("未建立制度的扣2分;制度不健全的扣1分;建立了相应制度但实施不到位的,酌情扣分或者不得分。", points=6)
    assert len(rule.item.streams) == 3
    assert rule(["③"]).allowed == (0, 6) and rule([]).points == 6
    other = perfeval.compile_rule("未按规定开展合法性审查的扣2分;发生违法、不当行为的,不得分或酌情扣分;"
                                  "规范性文件未按要求报送备案的,每件扣1分。", points=6)
    assert other(**{"①": False, "②": True, "③": 0, "points": 3}).points == 3


def test_the_place_is_named_beside_the_other_inputs() -> None:
    """"第1名得6分，第2-5名按第1名的比例得分": asked for 指标值, then refused 指标值 as unknown."""
    rule = perfeval.compile_rule("按各地区编制资源总量/所辖村（社区）总数进行排名，第1名得6分，第2-5名按第1名的比例得分", points=6)
    assert rule.inputs == ("名次", "本单位值", "第1名值")
    with pytest.raises(perfeval.MissingInputError, match="名次"):
        rule(本单位值=50, 第1名值=100)
    assert rule(名次=3, 本单位值=50, 第1名值=100).points == 3


def test_computing_by_the_completion_ratio_compiles() -> None:
    """"按完成比例计算得分,满分为止" was refused with a message about other bands (there were none)."""
    rule = perfeval.compile_rule("按完成比例计算得分,满分为止.", points=20)
    assert [rule(v).points for v in ("93%", "100%", "120%")] == [Decimal("18.6"), 20, 20]


def test_the_first_of_parallel_tiers_is_a_tier_not_the_name() -> None:
    """"资金全部到位(14分)到位率在75%以上(10分到13分)…": the 14 tier was taken for the item's own worth and
    dropped, and "10分到13分" was not read as a range."""
    rule = perfeval.compile_rule("资金全部到位(14分)到位率在75%以上(10分到13分)到位率50%以上(7分到9分)到位率不足50%(6分到0分)",
                                 points=14)
    assert [(o.low, o.high) for o in rule.item.options] == [(14, 14), (10, 13), (7, 9), (0, 6)]
    assert rule("①").points == 14 and rule("②").allowed == (10, 13)


def test_named_values_that_each_earn_a_part_are_added() -> None:
    """"完成率达90%得3分；满意度达80%得2分" gave 0 when both were met: each part was deducted from the 分值."""
    rule = perfeval.compile_rule("完成率达90%得3分；满意度达80%得2分", points=5)
    assert rule(完成率="95%", 满意度="85%").points == 5
    assert rule(完成率="85%", 满意度="85%").points == 2
    assert rule(完成率="85%", 满意度="75%").points == 0


def test_a_range_of_shares_is_the_assessors() -> None:
    """"优秀的,得分为满分的90%-100%" gave exactly 63 of 70: the upper share was dropped."""
    rule = perfeval.compile_rule("完成情况优秀的,得分为满分的90%-100%;良好的,得分为满分的80%-90%", points=70)
    assert rule("优秀").allowed == (63, 70) and rule("良好").allowed == (56, 63)
    assert rule("①", points=65).points == 65


# ── second hunt (real cells and compositions in their style) ────────────────────────────────────


def test_a_requirement_then_each_one_short_counts_from_the_requirement() -> None:
    """"信息报送全年不少于24条，每少1条扣0.2分": 24 sent scored 0 (read as 24 shortfalls, PE107 now)."""
    rule = perfeval.compile_rule("信息报送全年不少于24条，每少1条扣0.2分，扣完为止。", points=2)
    assert [rule(v).points for v in (24, 30, 20, 0)] == [2, 2, Decimal("1.2"), 0]
    assert perfeval.compile_rule("完成培训500人次，每少1人次扣0.01分。", points=2)(450).points == Decimal("1.5")
    assert perfeval.compile_rule("培训人次≥500人次得满分；每少50人次扣0.5分。", points=5)(450).points == Decimal("4.5")
    # 每缺1项 of a list of 7 duties counts the duties missing
    listed = perfeval.compile_rule("单位主要负责人未履行所列7项职责的,每缺1项扣0.4分,扣完2分为止.", points=6)
    assert listed(1).points == Decimal("5.6")


def test_an_inclusion_mark_after_the_comparator_is_read() -> None:
    """"超过（含）5个" / "低于(含)90%": the (含) before the number was ignored (5 and 90% were not in)."""
    assert perfeval.compile_rule("空白栏目数量超过（含）5个，此项直接为0分。", points=Decimal("37.5"))(5).points == 0
    assert perfeval.compile_rule("低于(含)90%,不得分。", points=10)("90%").points == 0
    assert perfeval.compile_rule("资金结余率超过（含）10%的扣2分。", points=5)("10%").points == 3


def test_an_award_beside_per_case_deductions_is_not_a_deduction() -> None:
    """"…达到年度任务书要求的,得40分;…未达到…的,每1个国控断面未达到…扣5分": met scored 0 (40 deducted)."""
    text = ("III类及以上水质比例达到年度任务书要求的,得40分;III类及以上水质比例未达到年度任务书要求的,"
            "每1个国控断面未达到III类及以上水质扣5分。")
    rule = perfeval.compile_rule(text, points=40)
    assert [rule(v).points for v in (0, 2)] == [40, 30]


def test_steps_a_written_band_covers_are_refused_not_dropped() -> None:
    """"超过规定数量的10%的加1分,超过30%以上,每超过20%加1分": the steps were dropped with a warning."""
    with pytest.raises(perfeval.RuleError) as e:
        perfeval.compile_rule("发布的主动公开信息超过规定数量的10%的加1分,超过30%以上,每超过20%加1分。", points=3)
    assert e.value.code == "rules_overlap"


def test_a_month_it_happens_is_a_case() -> None:
    """"数量低于规定标准,出现一个月扣5分": 一个月 was read as a threshold of −1 against 实际值/目标值."""
    rule = perfeval.compile_rule("数量低于规定标准,出现一个月扣5分,扣完为止。", points=40)
    assert [rule(v).points for v in (0, 1, 3, 9)] == [40, 35, 25, 0]


def test_yes_for_a_part_that_lists_its_deductions_is_refused() -> None:
    """"1.印发通知的得2分…。2.按时申报计2分,逾期扣1分。": [True, True] meant 印发 and then 逾期 (3, not 4)."""
    rule = perfeval.compile_rule("1.印发通知的得2分，未印发的扣2分。2.按时申报计2分,逾期扣1分。", points=4)
    assert rule.inputs == ("1", "2")
    with pytest.raises(perfeval.JudgementError) as e:
        rule([True, True])
    assert e.value.code == "part_yes_no"
    assert rule([True, []]).points == 4 and rule(**{"1": True, "2": ["①"]}).points == 3


def test_a_range_of_shares_in_a_rank_rule_is_refused() -> None:
    """A share range (满分的90%~100%) reaching the rank family crashed (AssertionError) — found by fuzzing."""
    text = ("第2-8名按与第1名的比例得分；\n按各乡镇（街道）年度招商引资到位资金/常住人口进行排名，1、完成情况优秀的, "
            "按照满分的 90%~ 100%之间评分; 2、完成情况良好的, 按照满分的 80%~ 90%之间评分。第1名得5分")
    with pytest.raises(perfeval.RuleError):
        perfeval.compile_rule(text, points=100)


def test_a_share_of_the_points_written_before_them() -> None:
    """"80%（含）-90%得80%分值" was refused as two conditions (80%分值 read as a second rate)."""
    rule = perfeval.compile_rule("满意度≥90%得满分，80%（含）-90%得80%分值，70%（含）-80%得60%分值，70%以下不得分", points=10)
    assert [rule(v).points for v in ("90%", "85%", "75%", "60%")] == [10, 8, 6, 0]


def test_reaching_a_share_of_the_full_marks_is_a_condition_not_points() -> None:
    """"考核得分达到满分的80%以上的，得5分" compiled to options of 4–5 points (满分的80%以上 read as points)."""
    with pytest.raises(perfeval.RuleError):
        perfeval.compile_rule("考核得分达到满分的80%以上的，得5分，否则不得分", points=5)


def test_a_delay_counts_from_zero() -> None:
    """"每延期一个月扣1分" was refused (延期 and 超期 were not words of lateness)."""
    rule = perfeval.compile_rule("项目按计划完成的得满分，每延期一个月扣1分，扣完为止", points=3)
    assert [rule(v).points for v in (0, 1, 5)] == [3, 2, 0]


def test_a_rate_defined_beside_its_bands_is_computed_from_its_inputs() -> None:
    """"资金到位率=实际到位资金/计划投入资金×100%，到位率100%得满分…": the inputs it names were unknown."""
    rule = perfeval.compile_rule("资金到位率=实际到位资金/计划投入资金×100%，到位率100%得满分，每低于10%扣1分", points=4)
    assert rule.inputs == ("实际到位资金", "计划投入资金")
    assert rule(实际到位资金=90, 计划投入资金=100).points == 3 and rule("85%").points == 3


# ── third hunt (common indicators of 部门整体 / 项目支出 evaluations) ─────────────────────────────


def test_steps_within_a_tolerance_count_up_from_zero() -> None:
    """"调整率10%以内的，每1%扣0.5分": 0% scored 0 (the steps counted down from 10%); PE108."""
    rule = perfeval.compile_rule("预算调整率超过10%的不得分；10%以内的，每调整1个百分点扣0.5分。", points=5)
    assert [rule(v).points for v in ("0%", "4%", "9%", "10.5%")] == [5, 3, Decimal("0.5"), 0]
    alone = perfeval.compile_rule("调整率10%以内的，每增加1%扣0.5分。", points=5)
    assert alone("4%").points == 3
    with pytest.raises(perfeval.NoBandError):
        alone("11%")  # above the tolerance the text says nothing


def test_the_number_inside_a_step_is_where_it_counts_from() -> None:
    """"每低于95%一个百分点扣0.4分": 95% was taken as the step's size, so nothing was ever deducted."""
    rule = perfeval.compile_rule("预算执行率达到95%的得满分，每低于95%一个百分点扣0.4分。", points=4)
    assert [rule(v).points for v in ("100%", "95%", "94%", "85%")] == [4, 4, Decimal("3.6"), 0]


def test_steps_that_add_are_the_items_points_within_its_value() -> None:
    """"…每增加1个百分点加0.5分，最高(得)10分": 81% gave 10 (最高10分 read as points) or 10.5, and 100% gave 20."""
    rule = perfeval.compile_rule("80%（含）以上的，每增加1个百分点加0.5分，最高10分。", points=10)
    assert [rule(v).points for v in ("80%", "81%", "100%")] == [0, Decimal("0.5"), 10]
    other = perfeval.compile_rule("预算执行率80%以上的，每增加1个百分点加0.5分，最高得10分；80%以下不得分。", points=10)
    assert [other(v).points for v in ("79%", "81%", "100%")] == [0, Decimal("0.5"), 10]
    assert other("100%").bonus == 0


def test_a_step_that_earns_with_de_is_a_step() -> None:
    """"完成率60%以上的，每提高1个百分点得0.25分" gave a flat 0.25 everywhere."""
    rule = perfeval.compile_rule("完成率60%以上的，每提高1个百分点得0.25分。", points=10)
    assert [rule(v).points for v in ("50%", "60%", "70%", "100%")] == [0, 0, Decimal("2.5"), 10]


def test_a_share_written_without_points_is_refused_not_dropped() -> None:
    """"未执行 0 分;执行较差 40%;…": every share tier was kept as a note and r(None) gave 0."""
    with pytest.raises(perfeval.RuleError) as e:
        perfeval.compile_rule("未执行 0 分;执行较差 40%;执行一般 60%;执行较好 80%;执行良好 100%;", points=5)
    assert e.value.code == "cond_without_points"


def test_scoring_by_an_unstated_method_is_refused() -> None:
    """"…未超预算,按照三公经费使用合规率评价得分": 评价得分 was read as full marks."""
    with pytest.raises(perfeval.RuleError) as e:
        perfeval.compile_rule("三公经费超预算 0 分;三公经费未超预算,按照三公经费使用合规率评价得分;", points=5)
    assert e.value.code == "unread_scoring"


def test_conditions_in_words_only_are_options() -> None:
    """"无结余,3分;有结余,但不超过上年结转,2分;…" was refused (words_without_values) — an honest refusal, but
    the standard reads plainly as three options; the attempt's readings are not reported."""
    rule = perfeval.compile_rule("无结余,3分;有结余,但不超过上年结转,2分;结余超过上年结转,不得分。", points=3)
    assert [rule(v).points for v in ("①", "有结余", "③")] == [3, 2, 0]
    assert [d.code for d in rule.diagnostics] == ["PE185"]


# ── fourth hunt (sectors: 农业, 卫生, 河长制, 党建 …) ─────────────────────────────────────────────


def test_below_the_requirement_the_share_is_of_the_requirement() -> None:
    """"完成率达到90%以上得5分,低于90%的按比例得分": 89% gave 4.45 (分值 × x); it is 分值 × x ÷ 90% (PE147)."""
    rule = perfeval.compile_rule("完成率达到90%以上得5分,低于90%的按比例得分。", points=5)
    assert [rule(v).points for v in ("89%", "90%", "45%")] == [Decimal("4.94"), 5, Decimal("2.5")]
    real = perfeval.compile_rule("2010年农村规范化建档20%,得40分;低于要求按比例得分。", points=40)
    assert real("10%").points == 20
    assert "PE140" not in {d.code for d in rule.diagnostics}  # the replaced reading is not stated


def test_quantities_cannot_give_a_rate_by_difference() -> None:
    """"建成面积低于年度任务的,每减少1%,扣1分" with 9900亩 of 10000亩 gave 0 (−100 read as −10000%)."""
    rule = perfeval.compile_rule("建成面积低于年度任务的,每减少1%,扣1分。", points=15)
    with pytest.raises(perfeval.JudgementError) as e:
        rule(实际值="9900亩", 目标值="10000亩")
    assert e.value.code == "rate_needs_rates"
    assert rule(实际值="99%", 目标值="100%").points == 14


def test_a_list_of_small_numbers_for_counted_items_is_refused() -> None:
    """"1.…缺一條扣0.5分;2.…發現一條扣0.5分" r([2, 1]) read 2 and 1 as item numbers (1.00, not 0.50)."""
    rule = perfeval.compile_rule("1.未實現河長全覆蓋,缺一條扣0.5分;2.未及時更新,發現一條扣0.5分。", points=2)
    with pytest.raises(perfeval.JudgementError) as e:
        rule([2, 1])
    assert e.value.code == "list_counts_or_items"
    assert rule(**{"1": 2, "2": 1}).points == Decimal("0.5")


def test_zero_then_a_deduction_of_the_same_case_is_one_case() -> None:
    """"發生較大及以上事故的,該項不得分,倒扣10分": 倒扣 was a second input; the case could not reach −10."""
    rule = perfeval.compile_rule("建設過程中未發生安全事故的,得2分。每發生一起一般事故扣1分;發生較大及以上事故的,"
                                 "該項不得分,倒扣10分。", points=2)
    assert rule(**{"①": 0, "②": 1}).points == -10
    assert rule(**{"①": 1, "②": 0}).points == 1


def test_fewer_than_a_minimum_costs_per_time() -> None:
    """"党组会议全年至少4次,少开的,按次扣1分": meeting the minimum cost 1 and falling short cost nothing."""
    rule = perfeval.compile_rule("党组会议全年至少4次,少开的,按次扣1分。", points=10)
    assert [rule(v).points for v in (4, 6, 2, 0)] == [10, 10, 8, 6]
    ranged = perfeval.compile_rule("党组会议全年至少4次,少开的,按次扣1-3分。", points=10)
    assert ranged(2).allowed == (4, 8)  # 1–3 per meeting is the assessor's (3 was taken silently)


def test_a_numbered_policy_name_is_not_a_count() -> None:
    """"…违反中央八项规定精神被查处的,本项不得分": 八项 was read as a count of 8."""
    rule = perfeval.compile_rule("每少一次扣0.5分,扣完为止;班子成员违反中央八项规定精神被查处的,本项不得分。", points=5)
    assert rule(**{"①": 0, "②": True}).points == 0


def test_bonus_clauses_alone_are_the_items_points() -> None:
    """"…被省级及以上推广的加2分,被市级推广的加1分,加分最高不超过2分": every input gave 10 (a base of the full
    分值 hid every bonus); the cap after the clauses is on them together (PE156)."""
    rule = perfeval.compile_rule("机制创新做法被省级及以上推广的加2分,被市级推广的加1分,加分最高不超过2分。", points=10)
    assert [rule(v).points for v in ([], ["①"], ["②"], ["①", "②"])] == [0, 2, 1, 2]


def test_a_worth_before_only_bonuses_is_refused() -> None:
    """"按规定开展专题宣传活动(2分)。…每开展1次加3分": (2分) was taken for the worth and r(0) scored 0; it may be
    the criterion the 2 points are for."""
    with pytest.raises(perfeval.RuleError):
        perfeval.compile_rule("按规定开展专题宣传活动(2分)。结合实际,自主策划专题宣传活动,每开展1次加3分。", points=2)
    assert perfeval.compile_rule("整改落实(6分)。每发现一处问题扣1分", points=6)(1).points == 5


def test_the_values_short_of_a_minimum_are_the_ones_that_lose() -> None:
    """"至少4次,少开的,扣1分" deducted at 4 and above: 少开的 names the values short of the minimum."""
    rule = perfeval.compile_rule("党组会议全年至少4次,少开的,扣1分。", points=10)
    assert [rule(v).points for v in (4, 6, 2)] == [10, 10, 9]
    assert perfeval.compile_rule("党组会议全年至少4次,少开的,按次罚1分。", points=10)(2).points == 8


# ── paraphrase test (every fixture sentence reworded as other rubrics write it) ──────────────────────


@pytest.mark.parametrize("floor", ["扣至0分为止", "扣至零分为止", "扣到0分为止", "扣减至0分为止", "扣至零分", "最低0分"])
def test_deducting_down_to_zero_is_until_zero(floor: str) -> None:
    """"扣至0分为止" was read as a cap of 0 points on deductions (full marks always); "最低0分", "扣到0分为止"
    as the score when nothing is found (0 always)."""
    rule = perfeval.compile_rule(f"每发现一例扣0.3分，{floor}", points=3)
    assert [rule(v).points for v in (0, 1, 11)] == [3, Decimal("2.7"), 0]
    steps = perfeval.compile_rule(f"100%计满分，每低于5%扣2分，{floor}。", points=5)
    assert [steps(v).points for v in ("120%", "95%", "85%")] == [5, 3, 0]


def test_deducting_down_to_points_not_zero_is_refused() -> None:
    """"扣至2分为止" is a floor of 2 or a cap of 2 deducted — the text does not say which."""
    with pytest.raises(perfeval.RuleError):
        perfeval.compile_rule("每发现一例扣0.3分，扣至2分为止", points=3)
    assert perfeval.compile_rule("每发现一例扣0.3分，扣满2分为止", points=3)(10).points == 1
    assert perfeval.compile_rule("每发现一例扣0.3分，最低1分", points=3)(10).points == 1


@pytest.mark.parametrize("sep", ["；", ";", "。"])
def test_a_cap_after_a_semicolon_binds_the_stream_before_it(sep: str) -> None:
    """"每推迟一个工作日扣1分；最多扣3分": the cap in its own clause was kept as a note and dropped."""
    assert perfeval.compile_rule(f"每推迟一个工作日扣1分{sep}最多扣3分", points=5)(10).points == 2
    assert perfeval.compile_rule(f"每发现一处问题扣0.5分{sep}扣满2分为止", points=3)(5).points == 1
    bonus = perfeval.compile_rule(f"完成率100%得5分{sep}每超1%加0.3分{sep}最多加1.5分", points=5)("110%")
    assert (bonus.points, bonus.bonus) == (Decimal("6.5"), Decimal("1.5"))
    joint = perfeval.compile_rule(f"被省级推广的加2分{sep}被市级推广的加1分{sep}加分最高不超过2分。", points=10)
    assert joint(["①", "②"]).points == 2


def test_a_cap_with_nothing_to_cap_is_refused() -> None:
    """A cap kept as a note would score above what the text allows; one equal to the 分值 says nothing new."""
    with pytest.raises(perfeval.RuleError):
        perfeval.compile_rule("完成率100%得5分。工作要求：最多扣3分", points=5)
    rule = perfeval.compile_rule("得分=50×实际合格率-46总磷\n指标暂不纳入考核\n最高分为4分,低于\n92%的计0分", points=4)
    assert rule("100%").points == 4


@pytest.mark.parametrize("note", ["（保留整数）", "(保留整数)"])
def test_a_rounding_note_in_brackets_rounds(note: str) -> None:
    """"按完成比例计分（保留整数）": the bracket was an aside and the score stayed 8.50."""
    rule = perfeval.compile_rule(f"按完成比例计分{note}", points=10)
    assert [rule(v).points for v in ("85%", "84.9%")] == [9, 8]


def test_a_schedule_or_veto_in_brackets_is_read() -> None:
    """（依次类推） and （一票否决） were asides: the rule was refused or the veto lost."""
    ladder = perfeval.compile_rule("逾期2日扣0.3分，4日扣0.6分（依次类推），最多扣3分", points=5)
    assert ladder(8).points == Decimal("3.8")
    assert perfeval.compile_rule("发生重大安全事故的（一票否决）", points=5)(1).veto


@pytest.mark.parametrize("either", ["超过或降低", "超过或者降低", "低于或超过", "高出或不足", "超出（低于）"])
def test_each_side_named_with_or_counts_both_ways(either: str) -> None:
    """"每超过或降低5%扣2分" applied only the 超过 side."""
    rule = perfeval.compile_rule(f"100%计满分，每{either}5%扣2分，扣完为止。", points=6)
    assert [rule(v).points for v in ("95%", "79.4%", "105%", "100%")] == [4, 0, 4, 6]


def test_bands_written_upwards_read_as_the_highest_reached() -> None:
    """"低于80%不得分；80%以上计4分；90%以上计6分" was refused (rules_overlap); adding to more than the 分值 it
    can only mean the highest reached — and adding to no more it may be cumulative, still refused."""
    rule = perfeval.compile_rule("低于80%不得分；80%以上计4分；90%以上计6分", points=6)
    assert [rule(v).points for v in ("95%", "90%", "85%", "70%")] == [6, 6, 4, 0]
    assert "PE142" in {d.code for d in rule.check()}
    with pytest.raises(perfeval.RuleError):
        perfeval.compile_rule("80%以上计2分；90%以上计4分", points=6)


def test_an_inclusion_mark_inside_a_tolerance_is_read() -> None:
    """"±5%（含）以内得满分" was unreadable."""
    rule = perfeval.compile_rule("±5%（含）以内得满分，每超出1个百分点扣1分，扣完为止", points=5)
    assert [rule(v).points for v in ("5%", "-5%", "6%", "-6%")] == [5, 5, 4, 4]


def test_the_top_score_as_full_marks_is_a_cap_at_the_points() -> None:
    """"按实际完成比例计分，最高得满分" was unreadable."""
    rule = perfeval.compile_rule("按实际完成比例计分，最高得满分", points=10)
    assert [rule(v).points for v in ("85%", "120%")] == [Decimal("8.5"), 10]


def test_below_a_requirement_pro_rata_is_a_band_not_a_part_step() -> None:
    """"不足90%的按比例计分" was read as 'a part of a step pro rata' and refused."""
    rule = perfeval.compile_rule("完成率达到90%以上得5分,不足90%的按比例计分。", points=5)
    assert [rule(v).points for v in ("95%", "45%")] == [5, Decimal("2.5")]
    step = perfeval.compile_rule("100%计满分，每低于5%扣2分，不足5%的按比例扣分", points=5)
    assert step("97.5%").points == 4


def test_may_be_deducted_below_zero_allows_negative() -> None:
    """"可扣至负分" was refused as unreadable scoring words."""
    assert perfeval.compile_rule("每发生一起扣2分，可扣至负分", points=3)(3).points == -3


def test_the_highest_score_caps_the_item_not_the_bonus() -> None:
    """"100%得5分，每超1%加0.3分，最高得6分" allowed 6 points of bonus (8.00 at 110%): 最高得6分 is the item's
    points, bonus and all; 最多加1.5分 is the bonus."""
    total = perfeval.compile_rule("完成率100%得5分，每超1%加0.3分，最高得6分", points=5)("110%")
    assert (total.points, total.bonus) == (6, 1)
    bonus = perfeval.compile_rule("完成率100%得5分，每超1%加0.3分，最多加1.5分", points=5)("110%")
    assert (bonus.points, bonus.bonus) == (Decimal("6.5"), Decimal("1.5"))


def test_a_place_from_the_bottom_is_that_place_only() -> None:
    """"倒数第1名的扣2分，倒数第2名扣1分" read 倒数第2名 as 'second from the bottom and above': every better place
    lost a point (3 → 4.00). The places not named keep the 分值 (PE131)."""
    rule = perfeval.compile_rule("综合排名倒数第1名的扣2分，倒数第2名扣1分", points=5)
    assert [rule(v).points for v in (1, 2, 3, 10)] == [3, 4, 5, 5]
    listed = perfeval.compile_rule("综合排名倒数第1、第2、第3名的分别扣3分、2分、1分", points=5)
    assert [listed(v).points for v in (1, 2, 3, 4)] == [2, 3, 4, 5]


def test_a_range_of_points_placed_by_a_value_is_a_judged_band() -> None:
    """"到位率在75%以上(10分到13分)，…60%以下(0-5分)" asked for an option ①②③ and refused every rate: the rate
    picks the band, the assessor the points within it."""
    rule = perfeval.compile_rule("到位率在75%以上(10分到13分)，到位率在60%-75%(6分到9分)，到位率60%以下(0-5分)", points=13)
    assert [rule(v).allowed for v in ("80%", "70%", "50%")] == [(10, 13), (6, 9), (0, 5)]
    assert all(rule(v).points is None for v in ("80%", "70%"))


def test_target_met_and_points_below_it_compare_with_the_target() -> None:
    """"完成年度目标的得满分；未完成的，每低1个百分点扣0.2分" took a completion rate (98% → 1.60) where
    "未完成年度目标的，每低1个百分点扣0.2分" alone compares 实际值 with 目标值: the same words, one reading (PE123)."""
    rule = perfeval.compile_rule("完成年度目标的得满分；未完成的，每低1个百分点扣0.2分", points=2)
    assert rule(实际值="99%", 目标值="95%").points == 2 and rule(实际值="94%", 目标值="95%").points == Decimal("1.8")
    with pytest.raises(perfeval.PerfevalError):
        rule("98%")
    assert perfeval.compile_rule("完成年度目标的得满分；未完成的，每低1%扣0.2分", points=2)("98%").points == Decimal("1.6")


def test_a_yes_no_part_beside_a_part_with_a_rule_is_a_part() -> None:
    """"1.制度健全的得1分；2.执行到位的得1分，每发现一处问题扣0.5分" was mixed_rules: part 1 is met or not."""
    rule = perfeval.compile_rule("1.制度健全的得1分；2.执行到位的得1分，每发现一处问题扣0.5分，扣完为止。", points=2)
    assert [rule(v).points for v in ([True, 0], [True, 1], [False, 3])] == [2, Decimal("1.5"), 0]


@pytest.mark.parametrize("text", ["培训人数达到计划的得满分，每少10人扣0.5分", "培训人数未达到计划的，每少10人扣0.5分"])
def test_fewer_people_than_a_target_named_in_words_need_both_numbers(text: str) -> None:
    """"培训人数未达到计划的，每少10人扣0.5分" took its one number as the people short (95 attended: 0 points);
    "达到计划的得满分，每少10人" was mixed_rules. Both compare 实际值 with 目标值, and one number is refused."""
    rule = perfeval.compile_rule(text, points=3)
    assert rule(实际值="85人", 目标值="100人").points == Decimal("2.5")
    assert rule(实际值=105, 目标值=100).points == 3
    with pytest.raises(perfeval.PerfevalError):
        rule(15)


# ── fifth hunt (教育, 交通, 应急/消防, 生态, 住建, 就业 …) and second paraphrase test ─────────────────────


@pytest.mark.parametrize(("text", "points", "cases"), [
    ("每年带队开展消防安全检查不少于2次,少一次扣3分。", 3, [(3, 3), (2, 3), (1, 0)]),
    ("信息报送全年不少于24条，少1条扣0.2分，扣完为止。", 2, [(24, 2), (23, Decimal("1.8")), (0, 0)]),
    ("党组会议全年至少4次，少开1次扣1分。", 10, [(4, 10), (3, 9), (0, 6)]),
])
def test_one_short_of_a_requirement_counts_from_it(text: str, points: int, cases: list[tuple[int, Decimal]]) -> None:
    """"每年…检查不少于2次,少一次扣3分": 每年 was read as the step, and "少1条扣0.2分" as a case with the requirement
    dropped — more inspections deducted more (3 → 0, 1 → 3)."""
    rule = perfeval.compile_rule(text, points=points)
    assert [rule(v).points for v, _ in cases] == [want for _, want in cases]


def test_a_count_bonus_with_a_stated_cap_goes_above_the_points() -> None:
    """"每超额完成1个单位加2分，最高加10分" stopped at the 分值 (2 more → 10): the stated cap lets it above (PE150),
    as rate bonuses already did; "奖励分不超过本项基本分" is a cap of the 分值."""
    rule = perfeval.compile_rule("完成任务得满分，每超额完成1个单位加2分，最高加10分。", points=10)
    assert [(rule(v).points, rule(v).bonus) for v in (0, 2, 7)] == [(10, 0), (14, 4), (20, 10)]
    text = ("完成新增单位任务数的得各项基本分;超额完成任务的,每超额完成1个单位数奖励2分,奖励分不超过本项基本分。"
            "未完成任务的,每差1个单位数扣2分。")
    both = perfeval.compile_rule(text, points=10)
    assert both(**{"①": 2, "②": 0}).points == 14 and both(**{"①": 0, "②": 3}).points == 4


def test_the_basic_points_are_the_points() -> None:
    """"完成得基本分,未完成的不得分" scored 0 for 完成: 得基本分 was not read (and a clause of only it was a note)."""
    rule = perfeval.compile_rule("完成得基本分,未完成的不得分。", points=10)
    assert (rule(True).points, rule(False).points) == (10, 0)
    assert perfeval.compile_rule("按时完成得基本分。", points=10)(True).points == 10


def test_two_ways_to_fail_are_cases_not_a_yes_no_pair() -> None:
    """"未缴纳的，不得分；无缴费相关资料的，不得分" read False as the second failure (0, never full marks)."""
    rule = perfeval.compile_rule("未缴纳的，不得分；无缴费相关资料的，不得分。", points=3)
    assert [rule(v).points for v in ([], ["①"], ["①", "②"])] == [3, 0, 0]
    with pytest.raises(perfeval.PerfevalError):
        rule(False)


def test_yes_no_needs_the_better_option_first() -> None:
    """True is the first option: only a met-or-not pair whose first option is the better one takes a yes/no."""
    rule = perfeval.compile_rule("未完成的不得分；完成的得3分", points=3)
    with pytest.raises(perfeval.PerfevalError):
        rule(True)
    assert perfeval.compile_rule("完成的得3分；未完成的不得分", points=3)(True).points == 3


@pytest.mark.parametrize("text", ["区域内标准化学校达到85%得10分;低于85%的县(区)按从高到低排序,分别得8、6、4、2分。",
                                  "初中生辍学率按从低到高分别得10、8、6、4分。"])
def test_a_list_of_points_with_nothing_to_pair_it_with_is_refused(text: str) -> None:
    """"低于85%的…分别得8、6、4、2分" gave 10 at 80% (the list was read as the 分值); "按从低到高分别得10、8、6、4分"
    kept 10 and invented 0 for the rest. The places the list pairs with are not written."""
    with pytest.raises(perfeval.RuleError) as e:
        perfeval.compile_rule(text, points=10)
    assert e.value.code == "cond_without_points"


def test_only_the_reversed_case_goes_below_zero() -> None:
    """"每发生一起一般事故扣1分;发生较大及以上事故的,该项不得分,倒扣10分" on 2 points: three 一般事故 scored −1."""
    text = "建设过程中未发生安全事故的,得2分。每发生一起一般事故扣1分;发生较大及以上事故的,该项不得分,倒扣10分。"
    rule = perfeval.compile_rule(text, points=2)
    assert rule(**{"①": 3, "②": 0}).points == 0
    assert rule(**{"①": 1, "②": 1}).points == -10 and rule(**{"①": 1, "②": 0}).points == 1


def test_an_extra_deduction_beyond_the_item_is_refused() -> None:
    """"不得分，并追加扣除10分": the 10 was dropped (the item floored at 0, nothing carried)."""
    with pytest.raises(perfeval.RuleError):
        perfeval.compile_rule("主要负责人的安全生产职责不明确的，不得分；未按规定履行职责的，不得分，并追加扣除10分。", points=3)


def test_steps_against_two_references_are_refused() -> None:
    """"每低于目标1个百分点扣1分；比上年提高的，每提高1个百分点加0.5分": the 比上年 bonus was counted against the
    target (85% against 80%: bonus 2)."""
    text = "空气质量优良天数比率完成省定目标的得满分；每低于目标1个百分点扣1分，扣完为止；比上年提高的，每提高1个百分点加0.5分，最高加2分。"
    with pytest.raises(perfeval.RuleError) as e:
        perfeval.compile_rule(text, points=6)
    assert e.value.code == "step_reference"


def test_two_bounds_on_one_side_are_two_values() -> None:
    """"计划完成率全年低于90%、上半年低于30%不得分": the second bound was absorbed and dropped (95% scored 2)."""
    with pytest.raises(perfeval.RuleError) as e:
        perfeval.compile_rule("计划完成率全年低于90%、上半年低于30%不得分", points=2)
    assert e.value.code == "compound_condition"
    assert perfeval.compile_rule("满意度小于90%且大于等于80%的得3分", points=3)("85%").points == 3


def test_points_stated_first_are_the_preamble_not_an_option() -> None:
    """"分值6分。效果较好的计6分；效果一般的计3分…" made 分值6分 option ①: every option shifted by one."""
    rule = perfeval.compile_rule("分值6分。效果较好的计6分；效果一般的计3分；无效果的不得分。", points=6)
    assert [rule(v).points for v in ("①", "②", "③")] == [6, 3, 0]
    listed = perfeval.compile_rule("分值8分。①有制度，2分；②制度健全，2分；③有台账，2分；④制度执行，2分。", points=8)
    assert listed(["①"]).points == 2


@pytest.mark.parametrize("bound", ["不超过10%的", "小于等于10%的", "≤10%的", "10%以下的", "未超过10%的", "10%以内的"])
def test_steps_of_adjustment_under_a_ceiling_count_from_zero(bound: str) -> None:
    """"不超过10%的，每调整1个百分点扣0.5分" counted from the 10% edge (4% scored 0); only 以内 counted from 0."""
    rule = perfeval.compile_rule(f"预算调整率超过10%的不得分；{bound}，每调整1个百分点扣0.5分。", points=5)
    assert [rule(v).points for v in ("0%", "4%", "11%")] == [5, 3, 0]


@pytest.mark.parametrize(("cap", "points", "cases"), [
    ("以1.5分为限", 5, [("101%", Decimal("5.3")), ("110%", Decimal("6.5"))]),
    ("加分以1.5分为限", 5, [("110%", Decimal("6.5"))]),
])
def test_a_bonus_cap_written_as_a_limit(cap: str, points: int, cases: list[tuple[str, Decimal]]) -> None:
    """"每超1%加0.3分，以1.5分为限" read 以1.5分为限 as an award band: 101% scored 1.80."""
    rule = perfeval.compile_rule(f"完成率100%得5分，每超1%加0.3分，{cap}", points=points)
    assert [rule(v).points for v, _ in cases] == [want for _, want in cases]


def test_bonus_caps_written_until_full() -> None:
    """"加满2分为止" / "加至10分为止" were awards of the whole item (5% scored 2; 81% scored 10)."""
    filled = perfeval.compile_rule("税收增长率超过10%的，每超一个百分点加零点五分，加满2分为止。", points=2)
    assert [filled(v).points for v in ("5%", "11%", "13.5%")] == [0, Decimal("0.5"), Decimal("1.5")]
    up_to = perfeval.compile_rule("预算执行率在80%以上的，每提高一个百分点加0.5分，加至10分为止；80%以下的不得分。", points=10)
    assert [up_to(v).points for v in ("81%", "79%", "100%")] == [Decimal("0.5"), 0, 10]


@pytest.mark.parametrize("words", ["可出现负分", "允许负分", "可以扣成负分"])
def test_negative_scores_allowed_in_other_words(words: str) -> None:
    """"可出现负分" / "允许负分" were ignored: the item floored at 0."""
    assert perfeval.compile_rule(f"每发生一起扣2分，{words}", points=4)(3).points == -2


def test_a_written_limit_below_zero_bounds_negative_scores() -> None:
    """"可倒扣，倒扣以4分为限": 可倒扣 won and the limit was dropped (10 cases: −16)."""
    assert perfeval.compile_rule("每发生一起扣2分，可倒扣，倒扣以4分为限", points=4)(10).points == -4
    steps = perfeval.compile_rule("100%计满分，每低于5%扣2分，可倒扣，倒扣不超过4分", points=4)
    assert steps("50%").points == -4


@pytest.mark.parametrize("either", ["超过、降低", "超过/降低"])
def test_each_side_joined_by_a_list_mark_counts_both_ways(either: str) -> None:
    """"每超过、降低5%扣2分" applied only the 超过 side."""
    rule = perfeval.compile_rule(f"100%计满分，每{either}5%扣2分，扣完为止。", points=6)
    assert [rule(v).points for v in ("95%", "105%")] == [4, 4]


def test_a_judged_range_per_case_counts_the_cases() -> None:
    """"每处酌情扣0.1-0.3分" was one judgement whatever the count (0 cases: 2.70–2.90)."""
    rule = perfeval.compile_rule("每处酌情扣0.1-0.3分", points=3)
    assert rule(0).points == 3 and rule(2).allowed == (Decimal("2.4"), Decimal("2.8"))


def test_a_cap_after_listed_deductions_is_on_them_together() -> None:
    """"①…扣2分；②…扣1分；③…扣1分，最多扣3分": the cap bound ③ alone and capped nothing (all three: 0 of 4)."""
    rule = perfeval.compile_rule("①未建立内控制度的扣2分；②制度执行不到位的扣1分；③未按规定公开的扣1分，最多扣3分。", points=4)
    assert [rule(v).points for v in (["①", "②", "③"], ["①"], [])] == [1, 2, 4]
    assert "PE157" in {d.code for d in rule.check()}


def test_a_falling_ladder_stops_at_its_cap() -> None:
    """"逾期1天扣0.5分，逾期2天扣1分，依次类推，最多扣3分" went on to 0 (10 days: 0 of 4)."""
    rule = perfeval.compile_rule("逾期1天扣0.5分，逾期2天扣1分，依次类推，最多扣3分", points=4)
    assert [rule(v).points for v in (0, 2, 6, 10)] == [4, 3, 1, 1]


def test_a_joint_bonus_cap_after_a_base_rule_goes_above_the_points() -> None:
    """"按时完成的得3分，否则不得分；…加1分，…加0.5分，加分不超过1分": the bonus was lost at the 分值 (3, not 4)."""
    text = "按时完成的得3分，否则不得分；工作经验被省级推广的加1分，被市级推广的加0.5分，加分不超过1分。"
    rule = perfeval.compile_rule(text, points=3)
    assert [(rule(v).points, rule(v).bonus) for v in (["②"], ["②", "③"])] == [(4, 1), (4, 1)]


def test_numbered_parts_on_different_measures_are_parts() -> None:
    """"1.预算执行率…得3分…2.满意度…得2分…" was one band table over one value (95% → 3)."""
    text = "1.预算执行率达到90%（含）以上的得3分，否则不得分。2.满意度达到85%（含）以上的得2分，80%（含）-85%得1分，低于80%不得分。"
    rule = perfeval.compile_rule(text, points=5)
    assert rule.inputs == ("1", "2") and rule(["95%", "82%"]).points == 4
    with pytest.raises(perfeval.PerfevalError):
        rule("95%")
    tiers = perfeval.compile_rule("1.完成率90%以上得5分；2.完成率80%-90%得3分；3.完成率80%以下不得分", points=5)
    assert tiers("85%").points == 3


@pytest.mark.parametrize(("text", "points", "cases"), [
    ("低于百分之六十不得分，百分之六十至百分之八十五之间线性计分，百分之八十五以上满分", 10,
     [("60%", 0), ("72.5%", 5), ("85%", 10)]),
    ("机制创新做法被省级及以上推广的，加2分；被市级推广的，加1分。加分累计不超过2分。", 10, [(["①", "②"], 2)]),
    ("发现问题的，每处扣减0.5分，扣分以2分为限", 3, [(10, 1)]),
    ("按实际完成比例计分，最高不超过满分", 10, [("120%", 10), ("80%", 8)]),
    ("按实际完成比例计分，以满分为限", 10, [("120%", 10)]),
    ("按完成比例计分，得分保留到整数位", 10, [("85%", 9)]),
    ("占比高于85%、75%和65%的，分别给予5分、3分和1分", 5, [("90%", 5), ("80%", 3), ("70%", 1)]),
    ("资金结余率达到或超过10%的，扣2分；否则不扣分。", 5, [("9.99%", 5), ("10%", 3)]),
    ("按时向市财政局报送报告的，计满分；每延后1个工作日报送的，扣减1分，扣完为止。", 5, [(0, 5), (2, 3)]),
    ("本指标分值为6分。每发现一起违规操作扣1.5分，扣完为止", 6, [(1, Decimal("4.5"))]),
])
def test_wordings_of_the_second_paraphrase_test_are_read(text: str, points: int, cases: list[tuple[object, object]]) -> None:
    """Each was refused (or, for 否则不扣分, left the other values uncovered): now read as written."""
    rule = perfeval.compile_rule(text, points=points)
    assert [rule(v).points for v, _ in cases] == [Decimal(str(w)) for _, w in cases]


def test_a_part_met_or_not_with_its_opposite_beside_a_rule_part() -> None:
    """"(1)印发通知的得2分，未印发的不得分。(2)按时报送的得3分，每推迟一天扣1分，最多扣3分" was mixed_rules."""
    rule = perfeval.compile_rule("(1)印发通知的得2分，未印发的不得分。(2)按时报送的得3分，每推迟一天扣1分，最多扣3分。", points=5)
    assert [rule(v).points for v in ([True, 0], [True, 2], [False, 5])] == [5, 3, 0]


def test_a_bound_closed_by_a_comparator_is_one_band() -> None:
    """"60%以上不足90%的得3分" was compound_condition."""
    rule = perfeval.compile_rule("90%以上的得5分，60%以上不足90%的得3分，不足60%的得0分。", points=5)
    assert [rule(v).points for v in ("90%", "89.9%", "60%", "59%")] == [5, 3, 3, 0]


def test_ranks_in_chinese_numerals() -> None:
    """"前三名…四至八名…九名以后" left 4–7 uncovered (四 was a word)."""
    rule = perfeval.compile_rule("综合排名前三名的得满分，四至八名的扣0.5分，九名以后扣1分", points=3)
    assert [rule(v).points for v in (3, 4, 8, 9)] == [3, Decimal("2.5"), Decimal("2.5"), 2]


def test_formula_punctuation_of_other_rubrics() -> None:
    """"得分：分值×执行率" and "按（实际满意率/90%）×指标分值计算" were unreadable at the ×."""
    assert perfeval.compile_rule("得分：分值×执行率", points=10)("85%").points == Decimal("8.5")
    rule = perfeval.compile_rule("达到或超过90%的得满分，未达到90%的按（实际满意率/90%）×指标分值计算", points=10)
    assert [rule(v).points for v in ("95%", "81%")] == [10, 9]


# ── metamorphic fuzz (meaning-changing edits of every fixture) and sixth hunt ──────────────────────────


@pytest.mark.parametrize(("text", "points", "cases"), [
    ("增长率高于-10%的得2分，否则不得分", 2, [("5%", 2), ("-5%", 2), ("-10%", 0), ("-15%", 0)]),
    ("变动率低于-5%的扣1分", 3, [("0%", 3), ("-6%", 2)]),
    ("“三公经费”变动率≤-5%，计5分；每超过一个百分点扣0.5分，扣完为止", 5, [("-5%", 5), ("-4%", Decimal("4.5"))]),
    ("税收增长率超过负10%的，每超1个百分点加0.5分，最多加2分", 2, [("-10%", 0), ("-9%", Decimal("0.5"))]),
])
def test_a_negative_threshold_keeps_its_sign(text: str, points: int, cases: list[tuple[str, object]]) -> None:
    """"高于-10%" read the − as a dash and the threshold as 10% (5% scored 0)."""
    rule = perfeval.compile_rule(text, points=points)
    assert [rule(v).points for v, _ in cases] == [Decimal(str(w)) for _, w in cases]


@pytest.mark.parametrize("text", ["完成率60%以下的，每提高1个百分点得0.25分。", "税收增长率不足10%的，每超1个百分点加0.5分，最多加2分"])
def test_steps_away_from_their_regions_only_edge_are_refused(text: str) -> None:
    """"60%以下的，每提高1个百分点" scored as if 以上 (70%: 2.5): where the steps count from is not said."""
    with pytest.raises(perfeval.RuleError) as e:
        perfeval.compile_rule(text, points=10)
    assert e.value.code == "step_reference"
    assert perfeval.compile_rule("全年会议不超过3次，每多1次扣1分", points=5)(5).points == 3


def test_one_more_than_a_maximum_counts_from_it() -> None:
    """"不多于2次,多一次扣3分" deducted for every occurrence (2 scored 0)."""
    rule = perfeval.compile_rule("开展消防安全检查不多于2次,多一次扣3分。", points=3)
    assert [rule(v).points for v in (0, 2, 3)] == [3, 3, 0]


def test_a_list_of_numbers_for_one_count_is_refused() -> None:
    """"至少4次,少开的,按次扣1分" given [4] read the list's length (1 meeting: 7 points)."""
    rule = perfeval.compile_rule("党组会议全年至少4次,少开的,按次扣1分。", points=10)
    with pytest.raises(perfeval.PerfevalError) as e:
        rule([4])
    assert e.value.code == "list_for_a_count"
    assert perfeval.compile_rule("每发现一处问题扣0.5分，扣满2分为止", points=3)(["问题甲", "问题乙"]).points == 2


def test_two_named_values_never_share_one_input() -> None:
    """"资金结余率超过10%的扣2分；完成率60%以上的，每提高1个百分点得0.25分" scored one bare rate for both."""
    with pytest.raises(perfeval.RuleError):
        perfeval.compile_rule("资金结余率超过（含）10%的扣2分；完成率60%以上的，每提高1个百分点得0.25分", points=15)
    text = "预算执行率达到95%的得满分，每低于95%一个百分点扣0.4分；预算控制率大于30%不得分"
    rule = perfeval.compile_rule(text, points=9)
    assert rule(预算执行率="90%", 预算控制率="10%").points == 7
    with pytest.raises(perfeval.PerfevalError):
        rule("90%")


def test_two_rules_for_the_same_values_are_refused() -> None:
    """"完成率100%得8分；完成率100%得5分" gave 8 (the first won); two caps for one rule: the first won."""
    with pytest.raises(perfeval.RuleError) as e:
        perfeval.compile_rule("完成率100%得8分；完成率100%得5分", points=8)
    assert e.value.code == "rules_overlap"
    with pytest.raises(perfeval.RuleError) as e:
        perfeval.compile_rule("每推迟一个工作日扣1分；最多扣3分；最多扣4分", points=5)
    assert e.value.code == "two_caps"


def test_a_score_below_the_points_is_not_where_deductions_start() -> None:
    """"扣0.3分/台次；具备人员、场地、设备条件（1分）" on 4 points: nothing found scored 1."""
    with pytest.raises(perfeval.RuleError):
        perfeval.compile_rule("扣0.3分/台次；具备人员、场地、设备条件（1分）", points=4)


@pytest.mark.parametrize("text", ["未完成1次扣1分,扣完为止。", "按时完成县局交办任务,未完成1项扣1分,扣完为止。"])
def test_failing_once_is_a_case_not_fewer_than_one(text: str) -> None:
    """"未完成1次扣1分" read 未完成 as a comparator (fewer than 1): none missed lost 1, two missed lost nothing."""
    rule = perfeval.compile_rule(text, points=4)
    assert [rule(v).points for v in (0, 2, 5)] == [4, 2, 0]
    assert perfeval.compile_rule("完成率未达到90%的扣2分", points=4)("85%").points == 2


def test_each_point_completed_earns_from_zero() -> None:
    """"每完成任务一个百分点得0.4分,共40分" was a yes/no option worth 0.4 (PE109 now)."""
    rule = perfeval.compile_rule("每完成任务一个百分点得0.4分,共40分。", points=40)
    assert [rule(v).points for v in ("50%", "100%", "110%")] == [20, 40, 40]


def test_a_tier_name_for_options_chooses_the_option() -> None:
    """"一级:成效显著(8-10分);二级…" dropped 等次="一级" silently and took 3 points; a 等次 for a standard without
    tiers or options is an unknown input."""
    rule = perfeval.compile_rule("一级:成效显著(8-10分);二级:成效较好(5-7分);三级:成效一般(0-4分)。", points=10)
    assert rule(等次="一级", points=9).points == 9
    for bad in ({"等次": "一级", "points": 3}, {"等次": "四级", "points": 9}):
        with pytest.raises(perfeval.PerfevalError):
            rule(**bad)
    with pytest.raises(perfeval.PerfevalError):
        perfeval.compile_rule("每发现一处扣1分", points=3)(2, 等次="一级")


@pytest.mark.parametrize("text", ["林权改制率100%得总分值,少一个百分点扣1分", "全面完成新造林面积得总分值,少一个百分点扣1分"])
def test_one_point_short_without_each_is_a_step(text: str) -> None:
    """"…得总分值,少一个百分点扣1分" read 少一个百分点 as the value 1%: 98% kept full marks (or was refused)."""
    rule = perfeval.compile_rule(text, points=5)
    assert [rule(v).points for v in ("100%", "98%", "97.5%")] == [5, 3, 3]


def test_steps_against_the_plan_named_before_each() -> None:
    """"实际完成情况与计划每相差3%,扣1分" was step_reference: 与计划 names the reference."""
    rule = perfeval.compile_rule("实际完成情况与计划每相差3%,扣1分,扣满15分为止。", points=15)
    assert rule(实际值="90%", 目标值="100%").points == 12 and rule(实际值="106%", 目标值="100%").points == 13


def test_a_prime_after_points_in_brackets_is_points() -> None:
    """"配备远程会商系统(2')" was no_points: 浙江 tables write 分 as a prime."""
    rule = perfeval.compile_rule("①配备远程会商系统(2')；②配备决策支持系统(4')", points=6)
    assert [rule(v).points for v in (["①"], ["①", "②"])] == [2, 6]


def test_nothing_added_below_a_bonus_threshold() -> None:
    """"…每超1个百分点加0.5分，最高加2分；10%及以下的不加分" was unread_scoring."""
    rule = perfeval.compile_rule("税收增长率超过10%的，每超1个百分点加0.5分，最高加2分；10%及以下的不加分。", points=2)
    assert [rule(v).points for v in ("5%", "10%", "12%", "20%")] == [0, 0, 1, 2]


@pytest.mark.parametrize("text", ["每发现一处问题扣减1分，扣完为止。没有该项任务的，本项得满分。",
                                  "未发生相关业务的，本项得满分；每发现一笔不合规支出扣0.5分，最多扣2分。"])
def test_nothing_to_score_earns_full_marks(text: str) -> None:
    """"没有该项任务的，本项得满分" was read as the score when nothing is found: no value gave a range 0–3."""
    rule = perfeval.compile_rule(text, points=3)
    assert rule(None).points == 3 and "PE134" in {d.code for d in rule.check()}


@pytest.mark.parametrize("text", ["制度不健全扣2分。", "资料不全扣2分。", "资料不齐全扣2分。"])
def test_not_complete_then_deduct_is_not_deduct_everything(text: str) -> None:
    """"不健全扣2分" was lexed with 全扣 (deduct everything): one case scored 0."""
    rule = perfeval.compile_rule(text, points=5)
    assert [rule(v).points for v in (0, 1)] == [5, 3]
    assert perfeval.compile_rule("发现问题的本项全扣", points=5)(1).points == 0


def test_a_judged_part_beside_a_part_of_deductions() -> None:
    """"1.得16—18分。2.每发现一例扣0.3分" made 得16—18分 a flag that earned 0 ([None, 0] → 23): part 2 is worth what
    part 1 leaves (PE206), and a range of points is never a per-case amount."""
    rule = perfeval.compile_rule("1.得16—18分。2.每发现一例扣0.3分，扣至0分为止。", points=23)
    assert rule([None, 0]).allowed == (21, 23) and rule([None, 0]).points is None


@pytest.mark.parametrize(("text", "points", "value", "want"), [
    ("最多扣3分；100%计满分，每低于5%扣2分", 5, "80%", 2),
    ("100%计满分，最多扣3分，每低于5%扣2分", 5, "80%", 2),
    ("扣满2分为止，每发现一处问题扣0.5分", 3, 6, 1),
    ("完成率100%得5分，最多加1.5分，每超1%加0.3分", 5, "105%", Decimal("6.5")),
])
def test_a_cap_written_before_its_rule_binds_it(text: str, points: int, value: object, want: Decimal) -> None:
    """A cap before the rule it caps was kept on the statement before it (or as a note) and dropped."""
    assert perfeval.compile_rule(text, points=points)(value).points == want


def test_a_cap_on_deductions_where_nothing_deducts_is_refused() -> None:
    """"完成率100%得5分，最多扣3分" kept the cap on the band, where it binds nothing."""
    with pytest.raises(perfeval.RuleError):
        perfeval.compile_rule("完成率100%得5分，最多扣3分。", points=5)
    rule = perfeval.compile_rule("①制度健全得1分；②执行到位得1分；③档案完整得1分，最高得2分", points=3)
    assert rule(["①", "②", "③"]).points == 2


def test_a_ladder_beside_per_case_deductions_is_refused() -> None:
    """"1.…逾期2个工作日扣0.3分,逾期4个工作日扣0.6分,依次类推…2.每发现一例扣0.3分": the rungs became two one-off
    cases and 依次类推 was dropped."""
    with pytest.raises(perfeval.RuleError):
        perfeval.compile_rule("1.资料报送逾期2个工作日扣0.3分,逾期4个工作日扣0.6分,依次类推,扣完为止。2.每发现一例扣0.3分，"
                              "扣至0分为止。", points=6)


def test_the_highest_score_above_a_lower_base() -> None:
    """"完成目标得8分，每超1个百分点加1分，最高得10分" (10 points) allowed no bonus (the cap was 10 − 分值); "加满6分为止"
    after a base of 4 capped the bonus at 6 (5 more: 9 of 6)."""
    rule = perfeval.compile_rule("完成目标得8分，每超1个百分点加1分，最高得10分。", points=10)
    assert rule(实际值="105%", 目标值="100%").points == 10 and rule(实际值="101%", 目标值="100%").points == 9
    base3 = perfeval.compile_rule("完成任务得基础分3分，每超额1%加0.1分，本项最高得5分。", points=5)
    assert [base3(v).points for v in ("110%", "150%")] == [4, 5]
    filled = perfeval.compile_rule("完成任务得4分；每超额完成1项加1分，加满6分为止。", points=6)
    assert [filled(v).points for v in (1, 5)] == [5, 6]


def test_a_point_and_a_half_in_words() -> None:
    """"扣一分半" / "扣两分半" dropped the 半 (2 cases: 3 of 5, not 2)."""
    assert perfeval.compile_rule("每发现一处扣一分半，扣完为止。", points=5)(2).points == 2
    assert perfeval.compile_rule("每发现一处扣两分半，扣完为止。", points=5)(1).points == Decimal("2.5")


def test_a_label_before_the_standard_is_dropped_and_said() -> None:
    """"评分标准：100%以下(含)计满分…" read 评分标准 as a reference (目标值) and broke the steps."""
    rule = perfeval.compile_rule("评分标准：100% 以下 (含) 计满分，每超出 1% 扣 1 分，扣完为止。", points=8)
    assert rule("101.5%").points == 7 and "PE010" in {d.code for d in rule.check()}


@pytest.mark.parametrize("text", ["每季度至少检查一次，每少一次扣0.5分。", "每季度召开会议不少于1次，少一次扣1分"])
def test_a_requirement_per_quarter_is_refused(text: str) -> None:
    """"每季度至少检查一次，每少一次扣0.5分": 0 checks scored 1.5 (one short of once) — a quarter's requirement
    against a year's count is not said."""
    with pytest.raises(perfeval.RuleError) as e:
        perfeval.compile_rule(text, points=2)
    assert e.value.code == "period_count"


def test_a_worked_example_of_a_deduction_is_checked() -> None:
    """"…每降低1个百分点扣1分，例如93.5%扣2分" ignored the example (93.5% scored 4 by whole steps): an example
    the rule does not reproduce is refused; one it reproduces is kept."""
    with pytest.raises(perfeval.RuleError) as e:
        perfeval.compile_rule("以95%为基准，每降低1个百分点扣1分，例如93.5%扣2分。", points=5)
    assert e.value.code == "example_disagrees"
    assert perfeval.compile_rule("以95%为基准，每降低1个百分点扣1分，例如93%扣2分。", points=5)("93%").points == 3


def test_a_rule_with_its_own_until_zero_never_goes_below_zero() -> None:
    """"每发生一起投诉扣0.5分，扣完为止；…每次扣2分，可倒扣": eight complaints scored −1."""
    rule = perfeval.compile_rule("每发生一起投诉扣0.5分，扣完为止；被上级通报批评的，每次扣2分，可倒扣。", points=3)
    assert rule(**{"①": 8, "②": 0}).points == 0 and rule(**{"①": 0, "②": 3}).points == -3


def test_a_parts_stated_bonus_goes_above_the_items_points() -> None:
    """"1.…每超1%加0.3分，最多加1.5分 2.…" was cut at the summed 分值 (10, not 11.5), against its reading PE150."""
    text = "1.完成率100%得5分，每超1%加0.3分，最多加1.5分\n2.完成率达到90%以上得5分,低于90%的按比例得分"
    score = perfeval.compile_rule(text, points=10)(["105%", "90%"])
    assert (score.points, score.bonus) == (Decimal("11.5"), Decimal("1.5"))


def test_a_prefix_does_not_change_the_vetoed_points() -> None:
    """"（2024年）未发生安全事故的得3分；发生安全事故的，实行一票否决": one accident scored 3 and the veto (the
    award's opposite was matched by exact names)."""
    rule = perfeval.compile_rule("（2024年）未发生安全事故的得3分；发生安全事故的，实行一票否决", points=3)
    assert (rule(1).points, bool(rule(1).veto)) == (0, True)


def test_one_hundred_percent_in_words() -> None:
    """"以百分之百为标准" raised a NumberFormatError with no code (百 alone was not a number)."""
    assert perfeval.compile_rule("以百分之百为标准，每低于1个百分点扣零点五分", points=5)("95%").points == Decimal("2.5")


@pytest.mark.parametrize("value", ["９０％", "90％", "百分之九十"])
def test_pro_rata_rules_read_rates_written_other_ways(value: str) -> None:
    """"按实际完成比例计分" refused "90％" / "百分之九十", which every other family reads."""
    assert perfeval.compile_rule("按实际完成比例计分，满分为止", points=10)(value).points == 9


def test_a_band_table_then_per_case_deductions_take_two_inputs() -> None:
    """"执行率90%（含）以上计6分…。每发现一处资金违规使用扣1分，扣完为止" was mixed_rules: ① the rate, ② the cases,
    the deductions taken from the rate's points (PE207, DESIGN "streams")."""
    text = "执行率90%（含）以上计6分；80%（含）-90%计4分；低于80%不得分。每发现一处资金违规使用扣1分，扣完为止。"
    rule = perfeval.compile_rule(text, points=6)
    assert rule.inputs == ("①", "②")
    assert [rule(**{"①": r, "②": c}).points for r, c in (("95%", 0), ("95%", 2), ("85%", 5))] == [6, 4, 0]
    capped = perfeval.compile_rule("满意度90%（含）以上计6分，80%（含）-90%计4分，低于80%计0分。被投诉一次扣1分，最多扣2分。",
                                   points=6)
    assert capped(**{"①": "95%", "②": 3}).points == 4


# ── eighth hunt (compositions stressing the recent changes) ────────────────────────────────────────


def test_a_bonus_fill_below_the_base_is_the_bonus() -> None:
    """"完成率100%得5分，每超1%加0.2分，加满1分为止" became a total of 1 (100% scored 1): below the base it is
    what is added."""
    rule = perfeval.compile_rule("完成率100%得5分，每超1%加0.2分，加满1分为止。", points=5)
    assert [rule(v).points for v in ("100%", "103%", "110%")] == [5, Decimal("5.6"), 6]


@pytest.mark.parametrize("text", ["每发现一处资料不规范扣0.5分，每发现一处数据错误扣1分，合计最多扣3分。",
                                  "1.每发现一处资料不规范扣0.5分。2.每发现一处数据错误扣1分。以上两项最多扣3分。"])
def test_a_cap_said_together_binds_every_deduction(text: str) -> None:
    """"…合计最多扣3分" / "以上两项最多扣3分" bound only the last stream (4 + 2 findings: 1, not 2); "此项最多扣3分"
    still binds the stream it follows (corpus c-157)."""
    rule = perfeval.compile_rule(text, points=5)
    keys = rule.inputs
    assert rule(**{keys[0]: 4, keys[1]: 2}).points == 2


def test_a_worked_example_of_the_per_case_rule_is_no_second_case() -> None:
    """"每发现一处问题扣0.5分，如发现3处扣1.5分" made the example a second input (3 and 3: deducted twice)."""
    rule = perfeval.compile_rule("每发现一处问题扣0.5分，如发现3处扣1.5分，扣完为止。", points=3)
    assert rule.inputs == () or len(rule.inputs) <= 1
    assert rule(3).points == Decimal("1.5")
    assert perfeval.compile_rule("例如：发现2处问题扣1分。每发现一处问题扣0.5分，最多扣2分。", points=3)(2).points == 2
    with pytest.raises(perfeval.RuleError) as e:
        perfeval.compile_rule("每发现一处问题扣0.5分，如发现3处扣2分，扣完为止。", points=3)
    assert e.value.code == "example_disagrees"


@pytest.mark.parametrize("text", ["“以上”含本数，“以下”不含本数。90%以上得5分，80%-90%得3分，80%以下得1分。",
                                  "（以上含本数，以下不含本数）90%以上得5分，80%-90%得3分，80%以下得1分。"])
def test_an_edge_declaration_in_quotes_or_brackets_is_read(text: str) -> None:
    """The declaration was ignored in quotes (“以上”含本数) or in a leading bracket: 80% scored 1, not 3 (PE115)."""
    rule = perfeval.compile_rule(text, points=5)
    assert [rule(v).points for v in ("80%", "90%", "79%")] == [3, 5, 1]
    assert "PE115" in {d.code for d in rule.check()}


def test_the_opposite_of_a_parts_award_is_named_by_its_words() -> None:
    """"1.完成年度任务得5分，未完成不得分；2.…加1分" keyed 未完成不得分 by the mark 1: True (met) scored 0."""
    rule = perfeval.compile_rule("1.完成年度任务得5分，未完成不得分；2.每获得一次省级表彰加1分，最多加2分。", points=5)
    with pytest.raises(perfeval.PerfevalError):
        rule(**{"1": True, "2": 1})
    assert rule(**{"未完成": False, "2": 1}).points == 6 and rule(**{"未完成": True, "2": 0}).points == 0


def test_a_base_score_stated_first_is_where_the_cases_start() -> None:
    """"基础分为4分，每少完成1项扣1分，每超额完成1项加0.5分，最高得5分": 基础分为4分 was a condition glued to the first
    step and dropped (nothing happening scored 5)."""
    rule = perfeval.compile_rule("基础分为4分，每少完成1项扣1分，每超额完成1项加0.5分，最高得5分。", points=5)
    assert [rule(**{"①": a, "②": b}).points for a, b in ((0, 0), (1, 0), (0, 4))] == [4, 3, 5]


def test_numbered_parts_with_options_inside_add_up() -> None:
    """"1.…得2分；2.…得2分，部分…得1分；3.…得1分" were exclusive options: the 分值 could never be reached."""
    rule = perfeval.compile_rule("1.绩效目标明确得2分；2.绩效指标细化量化得2分，部分细化量化得1分；3.目标与预算匹配得1分。", points=5)
    assert rule([True, "①", True]).points == 5 and rule({"1": True, "2": "②", "3": False}).points == 3


def test_a_requirement_part_beside_a_yes_no_part() -> None:
    """"1.每年至少开展2次督查，少一次扣1分；2.…整改到位得2分，否则不得分" took one input for both (part 2 unanswerable)."""
    rule = perfeval.compile_rule("1.每年至少开展2次督查，少一次扣1分；2.督查发现问题整改到位得2分，否则不得分。", points=4)
    assert [rule(v).points for v in ([2, True], [1, False])] == [4, 1]


def test_a_bracketed_part_mark_before_fen_xi_is_a_mark() -> None:
    """"（3）分析深入的得1-2分": (3) before 分析 was taken for the number 3 (the part was lost)."""
    rule = perfeval.compile_rule("（1）按时报送得1分；（2）数据准确得1分；（3）分析深入的得1-2分。", points=4)
    assert rule.inputs == ("1", "2", "3") and rule([True, True, None]).allowed == (3, 4)


# ── ninth hunt (real cells: 垃圾分类, 新村管理, 党建, 安全生产, 农业, 环保) ──────────────────────────────


@pytest.mark.parametrize("event", ["发生安全责任事故,全部扣完。", "发生一起重伤以上事故的,考核分清零。",
                                   "发生安全责任事故的,扣完本项分值。"])
def test_an_event_that_takes_every_point_is_a_case(event: str) -> None:
    """"…;发生安全责任事故,全部扣完" read 扣完 as 扣完为止 (a floor): the event was dropped, no input for it."""
    rule = perfeval.compile_rule(f"每发现一处问题扣1分;{event}", points=5)
    assert rule(**{"①": 0, "②": 1}).points == 0 and rule(**{"①": 1, "②": 0}).points == 4
    assert perfeval.compile_rule("每发现一处问题扣1分，扣完本项分值为止", points=5)(2).points == 3


@pytest.mark.parametrize(("text", "points", "given", "want"), [
    ("每发现一处问题扣0.5分；问题整改不到位的，每处再扣0.5分；本项最多扣3分。", 4, {"①": 6, "②": 4}, 1),
    ("未完成1项扣2分；完成质量不高的，每项扣0.5分；最多扣4分。", 5, {"①": 2, "②": 2}, 1),
])
def test_a_cap_in_its_own_clause_after_several_deductions_binds_them_all(text: str, points: int,
                                                                        given: dict[str, int], want: int) -> None:
    """A cap after "；" following two deduction rules bound the last alone; after "，" it still binds the one it
    follows (corpus c-157: "缺少一项制度扣1分,此项最多扣3分;…")."""
    assert perfeval.compile_rule(text, points=points)(**given).points == want


def test_per_volume_is_a_count() -> None:
    """"按卷扣2分" was unreadable (卷 was no count noun, 按 only took 次)."""
    assert perfeval.compile_rule("档案资料不全的按卷扣2分", points=6)(2).points == 2


@pytest.mark.parametrize("text", ["95%以上计5分；85%以上计3分；60%以上计1分；否则不得分",
                                  "达到95%得5分，达到85%得3分，达到60%得1分，低于60%不得分"])
def test_a_cascade_of_three_bands_downwards(text: str) -> None:
    """A cascade of three 以上/达到 bands was rules_overlap (two worked): each reads below the one before it."""
    rule = perfeval.compile_rule(text, points=5)
    assert [rule(v).points for v in ("96%", "90%", "70%", "50%")] == [5, 3, 1, 0]


def test_a_range_of_places_claims_both_ends() -> None:
    """"4-10名得2分，10名以后不得分": 10th place went to 以后 (0 points) by the convention of 以后 over the written
    range; a range of places holds both its ends outright."""
    rule = perfeval.compile_rule("排名前3名的得4分，4-10名得2分，10名以后不得分", points=4)
    assert [rule(v).points for v in (3, 4, 10, 11)] == [4, 2, 2, 0]


def test_the_reversed_opposite_of_an_award_is_below_zero() -> None:
    """"按时报送得2分，未按时报送的倒扣1分": no input reached −1 (True scored 1, False 2)."""
    rule = perfeval.compile_rule("按时报送得2分，未按时报送的倒扣1分", points=2)
    assert (rule(True).points, rule(False).points) == (2, -1)


def test_an_average_score_clause_beside_a_rule_is_scored_not_dropped() -> None:
    """"…每低1个百分点，扣0.08分。非执法单位得分为执法单位得分的平均分": the last clause was dropped without a word
    (no note, no reading) — a non-enforcement unit could only be scored by a rate it does not have. It is now the
    case PE149: the average given is the score."""
    rule = perfeval.compile_rule("一线执法岗位中持证执法人员占比不少于80%的，计2分；每低1个百分点，扣0.08分。"
                                 "非执法单位得分为执法单位得分的平均分", points=2)
    assert "PE149" in {d.code for d in rule.check()}
    assert rule(执法单位平均分="1.73").points == Decimal("1.73") and rule("79%").points == Decimal("1.92")
    assert "平均分" in rule.inputs


@pytest.mark.parametrize("text", [
    "每发现一处问题扣掉1分，扣完为止。", "每发现一处问题扣总分1分。", "未建立台账的扣项4分。", "未建立台账的扣掉4分。",
    "每发现一处问题扣O.5分，扣完为止。", "每发现一处问题扣1，5分，扣完为止。", "每发现一处问题扣-1分，扣完为止。",
    "100%计满分，每低于5%扣掉2分，扣完为止。", "90%以上得5分，80%-90%扣掉2分，80%以下不得分。",
    "每迟报一天扣发0.5分，最多扣2分。", "每发现一处问题降低1分，扣完为止。", "每发现一处问题少得1分，扣完为止。",
    "①未建立台账扣掉1分；②台账不完整扣去0.5分。", "未建立台账的扣该项分值的50%。", "每发现一处问题扣分值的10%，扣完为止。",
    "每发现一例扣分0.5分，扣完为止。", "每发现一处问题扣：1分，扣完为止。", "每发现一处问题减记1分，扣完为止。",
    "未建立台账的得得分。",
])
def test_an_unread_deduction_verb_before_points_is_refused(text: str) -> None:
    """Hunt 10, W1: a deduction verb the grammar does not know (扣掉, 扣总分, 扣发, 降低, 少得, a letter O for 0 …)
    left the points to be read as *earned* — 0 problems scored 0 and 2 problems 2 of 5. Now unread_scoring, located."""
    with pytest.raises(perfeval.PerfevalError) as e:
        perfeval.compile_rule(text, points=5)
    assert e.value.code == "unread_scoring" and e.value.line == 1


@pytest.mark.parametrize(("text", "value", "want"), [
    ("每发现一处问题扣罚1分，扣完为止。", 2, 3), ("每发现一处问题扣除1分，扣完为止。", 2, 3),
    ("完成年度减排任务的得5分，否则不得分。", True, 5), ("年度减排得5分，否则不得分。", False, 0),
    ("未扣分的得满分，否则不得分。", True, 5),
])
def test_nouns_and_known_verbs_beside_points_still_read(text: str, value: object, want: int) -> None:
    """The guard above stays off nouns (减排, 处罚) and verbs the grammar reads (扣罚, 扣除)."""
    assert perfeval.compile_rule(text, points=5)(value).points == want


@pytest.mark.parametrize("text", ["每发现一处问题酌情扣1分，扣完为止。", "每发现一处问题根据情况扣1分，扣完为止。",
                                  "每发现一处问题酌情扣1分。"])
def test_points_glued_to_a_discretion_are_refused(text: str) -> None:
    """Hunt 10, W2: "酌情扣" and "1分" became two options, so a count of 2 chose option ② and scored 1 of 5."""
    with pytest.raises(perfeval.PerfevalError) as e:
        perfeval.compile_rule(text, points=5)
    assert e.value.code == "unread_scoring"


@pytest.mark.parametrize(("text", "values", "want"), [
    ("每少1项扣1分，少3项及以上的不得分。", (0, 2, 3), (5, 3, 0)),
    ("每少报1项扣1分，少报3项（含）以上的不得分。", (0, 1), (5, 4)),
    ("每少一项扣1分，少三项及以上的，本项不得分。", (0, 2), (5, 3)),
])
def test_a_shortfall_threshold_is_no_requirement(text: str, values: tuple[int, ...], want: tuple[int, ...]) -> None:
    """Hunt 10, W3: "少3项及以上的不得分" was read as a requirement of 3 (PE107), the steps counted from 0 — every
    input scored 0. The number after 少/缺 counts what is missing, as "缺3项及以上" already read."""
    rule = perfeval.compile_rule(text, points=5)
    assert tuple(rule(v).points for v in values) == want


@pytest.mark.parametrize(("text", "unit_ok", "range_if_found"), [
    ("发现问题的，酌情扣1-3分。", False, (2, 4)),
    ("资料不全的，视情况扣1-2分。", False, (3, 4)),
])
def test_a_judged_deduction_keeps_its_condition(text: str, unit_ok: bool, range_if_found: tuple[int, int]) -> None:
    """Hunt 10, W4: "X的，酌情扣1-3分" judged every unit in 2–4, even one without the problem (and refused an
    assessor's 5). Now, as under "扣1-3分", the range applies only when the problem is found."""
    rule = perfeval.compile_rule(text, points=5)
    assert rule(unit_ok).points == 5
    assert rule(True).allowed == tuple(Decimal(x) for x in range_if_found)


@pytest.mark.parametrize("text", ["每发现一处问题酌情扣分，最多扣3分。", "存在问题的酌情扣分，最多扣3分。"])
def test_a_judged_deduction_keeps_its_cap(text: str) -> None:
    """Hunt 10, W4: the cap of "酌情扣分，最多扣3分" was ignored — the assessor could give 0 of 5."""
    rule = perfeval.compile_rule(text, points=5)
    assert rule(None).allowed == (Decimal(2), Decimal(5))


@pytest.mark.parametrize("text", ["建立和开发的各得2分,反之,不得分。", "未制定方案、未建立台账的各扣2分。",
                                  "领导机构不健全,分管领导不明确,各扣2分;", "年初、年中、年末各开展一次检查，每少一次扣1分。"])
def test_each_of_several_subjects_is_refused(text: str) -> None:
    """Hunt 10, W5: 各 was dropped — "建立和开发的各得2分" could never reach 4, a unit failing both of
    "未制定方案、未建立台账的各扣2分" lost 2, "年初、年中、年末各开展一次" required one check. Refused, with a hint."""
    with pytest.raises(perfeval.PerfevalError) as e:
        perfeval.compile_rule(text, points=4)
    assert e.value.code == "unread_scoring"


@pytest.mark.parametrize(("text", "given", "want"), [
    ("每完成一项得2分,反之,不得分。", {"①": 1}, 2),
    ("每完成一项得2分,反之,不得分。", {"①": 0, "②": 0}, 0),
    ("每开展一次活动得1分，最多得4分；发生重大事故的不得分。", {"①": 1, "②": 0}, 1),
    ("每开展一次活动得1分，得满4分为止。", {"": 0}, 0),
    ("每开展一次活动得1分，得满4分为止。", {"": 6}, 4),
])
def test_points_earned_per_case_start_from_zero(text: str, given: dict[str, int], want: int) -> None:
    """Hunt 10, W6: beside 反之不得分 or 发生…不得分 a per-case award started from the 分值 (one item: 4 of 4), and
    "得满4分为止" was read as the score of a clean record (0 activities: 4). Earned per case, it starts from 0."""
    rule = perfeval.compile_rule(text, points=4)
    assert (rule(given[""]) if "" in given else rule(**given)).points == want


@pytest.mark.parametrize("text", ["每迟报1天扣0.1分，迟报超过10天的，每天扣0.2分，扣完为止。",
                                  "迟报10天以内的，每天扣0.1分；迟报超过10天的，每天扣0.2分；扣完为止。"])
def test_a_threshold_on_a_counted_stream_is_not_dropped(text: str) -> None:
    """Hunt 10, W7: "超过10天的，每天扣0.2分" counted from day 0 — its threshold was dropped (5 days: 1.5, not 2.5)."""
    with pytest.raises(perfeval.PerfevalError) as e:
        perfeval.compile_rule(text, points=3)
    assert e.value.code == "unread_scoring"


@pytest.mark.parametrize("text", ["未建立台账的，该项不得分。", "未建立台账的不计分。", "未建立台账的，本项计0分。"])
def test_a_lone_way_to_fail_is_a_yes_no(text: str) -> None:
    """Hunt 10, W8: alone, "未建立台账的，该项不得分" was one option — a unit with its ledger could not be scored, and
    nothing given scored 0. It is a yes/no like "未建立台账的扣5分"; undecided, the range reaches the zero."""
    rule = perfeval.compile_rule(text, points=5)
    assert (rule(True).points, rule(False).points) == (0, 5)
    assert rule(None).allowed == (Decimal(0), Decimal(5))


def test_an_undecided_zeroing_clause_is_in_the_range() -> None:
    """What nothing-said-yet allows must include the zeroing clause (it contributed nothing to the range before)."""
    rule = perfeval.compile_rule("项目资金被审计认定为挪用的,除本项不得分外,另倒扣10分;被认定为违规使用的,扣4分。", points=5)
    assert rule(None).allowed == (Decimal(-10), Decimal(5))


@pytest.mark.parametrize("text", ["未建立台账的计零分。", "未建立台账的得0分。", "未建立台账的记0分。"])
def test_a_lone_award_of_nothing_is_not_a_choice_of_one(text: str) -> None:
    """Hunt 10, W8 (award form): "未建立台账的得0分" alone was a choice of one option, so nothing given scored 0 and a
    unit with its ledger could not be scored. Its opposite keeps the 分值 (PE158)."""
    rule = perfeval.compile_rule(text, points=5)
    assert rule(None).allowed == (Decimal(0), Decimal(5))
    assert (rule("①").points, rule("②").points) == (0, 5)
    assert "PE158" in {d.code for d in rule.check()}


@pytest.mark.parametrize("text", ["每发现一处问题至少扣1分，扣完为止", "发现问题的，至少扣1分",
                                  "每发现一处问题倒扣1分，扣完为止"])
def test_a_minimum_deduction_or_a_contradictory_floor_is_refused(text: str) -> None:
    """Hunt 10 (ambiguous): "至少扣1分" was read as exactly 1, the 至少 dropped; "每…倒扣1分，扣完为止" floored at −1
    (the per-case 1 taken as the 倒扣 limit) though 扣完为止 says 0. Both refused."""
    with pytest.raises(perfeval.PerfevalError) as e:
        perfeval.compile_rule(text, points=5)
    assert e.value.code == "unread_scoring"


def test_one_value_by_two_of_its_names_fills_both_and_must_agree() -> None:
    """"实际完成值达到目标值的得满分；未达到的，得分=实际完成值/目标值×分值" took 实际值 and 实际完成值 as two inputs:
    given 实际值 alone it asked for 实际完成值; given both, differently, it used each for its own clause."""
    rule = perfeval.compile_rule("实际完成值达到目标值的得满分；未达到的，得分=实际完成值/目标值×分值", points=7.5)
    assert rule(目标值="200", 实际值="150").points == rule(目标值="200", 实际完成值="150").points == Decimal("5.63")
    with pytest.raises(perfeval.PerfevalError) as e:
        rule(目标值="200", 实际值="150", 实际完成值="160")
    assert e.value.code == "input_twice"


@pytest.mark.parametrize("text", ["每发现1处扣½分，扣完为止", "得2½分", "发现问题的，扣¼分"])
def test_a_vulgar_fraction_is_refused_where_it_is(text: str) -> None:
    """Hunt 11, X7: text folding turned ½ into 1⁄2 (and 2½ into 21⁄2): "扣½分" became an award (0 problems: 0)."""
    with pytest.raises(perfeval.PerfevalError) as e:
        perfeval.compile_rule(text, points=5)
    assert e.value.code == "unreadable" and e.value.column == text.index(next(c for c in text if c in "½¼")) + 1


def test_a_judged_deduction_without_an_amount_keeps_its_condition() -> None:
    """Hunt 11, X5: "资料不齐全的，酌情扣分" judged every unit within 0–5, also one whose records are complete."""
    rule = perfeval.compile_rule("资料不齐全的，酌情扣分", points=5)
    assert rule(False).points == 5 and rule(True).allowed == (Decimal(0), Decimal(5))


def test_a_zeroing_threshold_is_no_requirement_to_step_from() -> None:
    """Hunt 11, X1: "每少1项扣1分，超过3项的不得分" took 3 as the requirement (PE107) and scored 0 with nothing
    missing; the threshold that zeroes the item counts the shortfall."""
    rule = perfeval.compile_rule("每少1项扣1分，超过3项的不得分", points=5)
    assert [rule(v).points for v in (0, 2, 3, 4)] == [5, 3, 2, 0]


@pytest.mark.parametrize("text", ["非执法单位按执法单位平均分的80%得分", "非执法单位按执法单位平均分的一半得分",
                                  "非执法单位按执法单位平均分下浮10%计", "非执法单位按执法单位最低平均分得分",
                                  "非执法单位按执法单位平均分减1分计", "非执法单位按执法单位平均分得分，最多得1分",
                                  "非执法单位按执法单位最高分得分"])
def test_something_done_to_the_average_is_refused(text: str) -> None:
    """Hunt 11, X3: the average case (PE149) dropped what the text did to the average (80%, 一半, 下浮10%, 最低, 减1分,
    a cap): 平均分 1.5 scored 1.5, not 1.2; "按执法单位最高分得分" read as full marks."""
    with pytest.raises(perfeval.PerfevalError) as e:
        perfeval.compile_rule(text, points=2)
    assert e.value.code == "unread_scoring"


@pytest.mark.parametrize(("text", "points", "given", "want"), [
    ("每完成一项得1分，每发现一处问题扣0.5分。", 5, {"①": 3, "②": 2}, 2),
    ("每完成一项得1分，每发现一处问题扣0.5分。", 5, {"①": 0, "②": 0}, 0),
    ("每培训1人次得0.5分，最高得3分，每发现1人次未参加扣0.5分。", 3, {"①": 2, "②": 0}, 1),
    ("每完成一项得1分，最多得5分；有特色亮点的加1分。", 5, {"①": 3, "②": False}, 3),
])
def test_points_earned_per_case_start_from_zero_beside_deductions(text: str, points: int, given: dict[str, object],
                                                                   want: int) -> None:
    """Hunt 11, X2: beside a deduction or a bonus, a per-case award still started from the 分值 (nothing done: 5)."""
    assert perfeval.compile_rule(text, points=points)(**given).points == want


@pytest.mark.parametrize(("text", "points", "value", "want"), [
    ("好(3分)；一般(1分)；差(0分)", 3, ["①"], 3),
    ("有批准文件（2分）；没有批准文件（0分）", 2, ["①"], 2),
    ("全部完成(10分)；完成80%以上(8分)；完成80%以下(0分)", 10, "100%", 10),
    ("全部完成(10分)；完成80%以上(8-9分)；完成60%及以上(6-7分)；完成60%以下(0-5分)", 10, ["①"], 10),
])
def test_the_first_of_tiers_after_semicolons_is_no_heading(text: str, points: int, value: object, want: int) -> None:
    """Hunt 11, X4: in a list split by ；, the first "X(N分)" was read as the standard's heading and dropped —
    the best tier could not be chosen and the rest shifted up."""
    assert perfeval.compile_rule(text, points=points)(value).points == want


@pytest.mark.parametrize("text", ["未开展出租出借业务的，该项不参与考核。每发现一处违规出租扣2分，扣完为止。",
                                  "无政府采购业务的单位不参与评分；未按规定执行政府采购的每次扣1分。"])
def test_an_excluded_item_is_not_full_marks(text: str) -> None:
    """Hunt 11, X6: 不参与考核 (excluded, the total re-normalised) scored full marks with no value. It was
    refused; now the clause is the case in which the item leaves the rubric's total (Rule.excluded_when, reading
    PE159), and no value still scores nothing."""
    rule = perfeval.compile_rule(text, points=10)
    assert rule.excluded_when is not None and "不参与" in rule.excluded_when
    assert "PE159" in {d.code for d in rule.diagnostics}
    assert rule(None).points is None and rule.when_absent is None


@pytest.mark.parametrize(("text", "given", "want"), [
    ("达到目标值的得满分，未达到的按比例计分", {"实际值": "150", "目标值": "200"}, "7.50"),
    ("达到目标值的得满分，未达到的按比例计分", {"实际值": "50万元", "目标值": "200万元"}, "2.50"),
    ("达到年度目标的得满分，未达到的按完成比例计分", {"实际值": "180", "目标值": "200"}, "9.00"),
])
def test_a_proportion_of_a_target_is_the_ratio_not_the_difference(text: str, given: dict[str, str],
                                                                   want: str) -> None:
    """Session 18: beside a target named in words, 按比例计分 multiplied the 分值 by actual − target (150 − 200),
    so every value short of the target scored 0 — while the reading said 分值 × 实际/目标."""
    assert perfeval.compile_rule(text, points=10)(**given).points == Decimal(want)


def test_a_target_objects_comparator_is_not_dropped() -> None:
    """Session 18: a perfeval.targets.Target given as 目标值 was read by its number alone, so ≤30天 against 40天
    scored 40/30 → full marks; the ceiling now gives the completion 30/40, and where the standard's own words
    say the other side is good (不低于), the call is refused."""
    from perfeval.targets import target

    neutral = perfeval.compile_rule("完成指标值的得满分，未完成的按完成比例计分", points=8)
    assert neutral(实际值="40天", 目标值=target("≤30天")).points == Decimal("6.00")
    assert neutral(实际值="40天", 目标值=target("≥30天")).points == Decimal("8.00")
    one_sided = perfeval.compile_rule("实际值不低于目标值的得满分，否则按比例计分", points=8)
    with pytest.raises(perfeval.PerfevalError) as e:
        one_sided(实际值="40天", 目标值=target("≤30天"))
    assert e.value.code == "target_against_higher"


@pytest.mark.parametrize(("text", "given", "want"), [
    ("“≤”型指标：达到目标值的得满分，未达到的按比例计分", {"实际值": "40", "目标值": "30"}, "7.50"),
    ("“≤”型指标：达到目标值的得满分，未达到的按比例计分", {"实际值": "25", "目标值": "30"}, "10.00"),
    ("达到目标值的得满分，未达到的按比例计分（逆向指标按目标值/实际值计算）", {"实际值": "40", "目标值": "30"}, "7.50"),
    ("实际值不高于目标值的得满分，否则按比例计分", {"实际值": "40", "目标值": "30"}, "7.50"),
    ("越小越好，达到目标值的得满分，未达到的按比例计分", {"实际值": "40", "目标值": "30"}, "7.50"),
    ("该指标为反向指标，达到目标值的得满分，未达到的按比例计分", {"实际值": "25", "目标值": "30"}, "10.00"),
    ("不超过目标值的得满分，每超过目标值1个百分点扣0.5分，扣完为止", {"实际值": "8%", "目标值": "≤5%"}, "8.50"),
])
def test_a_lower_is_better_indicator_said_in_words_scores_its_overshoot(text: str, given: dict[str, str],
                                                                        want: str) -> None:
    """Hunt 12, T1/T2/T3/D1: "达到目标值" of a “≤”型 indicator, 不高于目标值的得满分, 越小越好 and 反向指标 were read
    as higher-is-better — every overshoot scored full marks (40 against 30: 10 instead of 7.5) — and a ceiling
    target was refused where the words themselves say lower is better."""
    assert perfeval.compile_rule(text, points=10)(**given).points == Decimal(want)


@pytest.mark.parametrize(("text", "given"), [
    ("不超过目标值的得满分，每超过目标值1个百分点扣0.5分，扣完为止", {"实际值": "8%", "目标值": "≥5%"}),
    ("每超过目标值1天扣0.5分，扣完为止", {"实际值": "33天", "目标值": "≥30天"}),
    ("实际值不高于目标值的得满分，否则按比例计分", {"实际值": "40天", "目标值": "≥30天"}),
])
def test_a_floor_target_on_a_lower_is_better_standard_is_refused(text: str, given: dict[str, str]) -> None:
    """Hunt 12, D1: the contradictory floor target (≥) was accepted and scored one way."""
    with pytest.raises(perfeval.PerfevalError) as e:
        perfeval.compile_rule(text, points=10)(**given)
    assert e.value.code == "target_against_lower"


def test_a_proportion_of_the_excess_is_refused() -> None:
    """Hunt 12, T2: 超过目标值的按比例扣分 gave 分值 × 实际/目标 capped — full marks for any overshoot; the share
    of what is deducted is not said (the excess, or target/actual)."""
    with pytest.raises(perfeval.PerfevalError) as e:
        perfeval.compile_rule("超过目标值的按比例扣分", points=10)
    assert e.value.code == "proportion_of_excess"


@pytest.mark.parametrize(("given"), [
    {"实际值": "150万元", "目标值": "≥200人次"}, {"实际值": "150人", "目标值": "≥200人次"},
    {"实际值": "1个月", "目标值": "≤30天"}, {"实际值": "96", "目标值": "≥95%"}, {"实际值": "90%", "目标值": "≥95"},
    {"实际值": "150", "目标值": "≥200万元"}, {"实际值": "150万元", "目标值": "200"},
])
def test_a_ratio_of_unlike_quantities_is_refused(given: dict[str, str]) -> None:
    """Hunt 12, U1: the ratio of 实际值 and 目标值 dropped their units (150万元 of 200人次 was 7500 → full marks)."""
    rule = perfeval.compile_rule("完成指标值的得满分，未完成的按完成比例计分", points=6)
    with pytest.raises(perfeval.PerfevalError) as e:
        rule(**given)
    assert e.value.code == "inputs_unlike"
    assert rule(实际值="150万元", 目标值="2000000元").points == Decimal("4.50")  # like units, converted


def test_a_formula_with_a_bare_number_beside_a_scaled_unit_is_refused() -> None:
    """Hunt 12, U1: 执行数 80万元 over 预算数 100 was 800000/100 → full marks."""
    rule = perfeval.compile_rule("得分=执行数/预算数×分值", points=10)
    with pytest.raises(perfeval.PerfevalError) as e:
        rule(执行数="80万元", 预算数="100")
    assert e.value.code == "inputs_unlike"
    assert rule(执行数="80万元", 预算数="100万元").points == Decimal("8.00")


def test_targets_of_several_values_or_below_zero_are_no_ratio() -> None:
    """Hunt 12, U2 and G1: a target of two quantities was read by its first; a ratio against a negative target
    ran backwards (-10% against ≥-5% scored full marks)."""
    from perfeval.targets import target

    rule = perfeval.compile_rule("完成指标值的得满分，未完成的按完成比例计分", points=5)
    with pytest.raises(perfeval.PerfevalError) as e:
        rule(实际值="1处", 目标值=target("≥2处；≥3个"))
    assert e.value.code == "target_several_values"
    with pytest.raises(perfeval.PerfevalError) as e:
        rule(实际值="-10%", 目标值="≥-5%")
    assert e.value.code == "ratio_of_negative"


@pytest.mark.parametrize(("standard", "target", "actual", "want"), [
    ("完成指标值的得满分，未完成的按完成比例计分", "≤5%", "4%", "10.00"),
    ("完成指标值的得满分，未完成的按完成比例计分", "≤5%", "10%", "5.00"),
    ("完成指标值的得满分，未完成的按完成比例计分", "≥90%", "81%", "9.00"),
    ("实际完成值达标的,给满分;未达标的,以B/A或A/B×本项分值计算得分。", "≥200人次", "150人次", "7.50"),
    ("完成指标值的得满分，未完成的按完成比例计分", "控制在30天以内", "40天", "7.50"),
    ("完成指标值的得满分，未完成的按完成比例计分", "30天内", "20天", "10.00"),
])
def test_a_table_row_compares_its_actual_value_with_its_target(standard: str, target: str, actual: str,
                                                               want: str) -> None:
    """Hunt 12, R1 and T4: a 自评表 row whose standard compares with the target scored the actual rate alone
    (4% against ≤5%: 0.40 of 10), and a ceiling written in words (控制在30天以内, 30天内) was read as a floor."""
    from perfeval.model import Indicator, Project
    from perfeval.rubric.selfeval import score_self_evaluation

    ind = Indicator(level1="产出指标", level2="数量指标", name="x", points=10, target_text=target,
                    actual_text=actual, standard=standard)
    card = score_self_evaluation(Project(name="p", year=2024, rubric="项目支出绩效自评表", indicators=(ind,)))
    assert card["x"].points == Decimal(want)


@pytest.mark.parametrize(("text", "given", "want", "bonus"), [
    ("完成指标值的得满分，未完成的按完成比例计分；超额完成的每超过10%加0.5分，最多加1分",
     {"实际值": "150", "目标值": "200"}, "7.50", "0"),
    ("完成指标值的得满分，未完成的按完成比例计分；超额完成的每超过10%加0.5分，最多加1分",
     {"实际值": "220", "目标值": "200"}, "10.50", "0.50"),
    ("达到目标值的得满分，未达到的按比例计分，超过目标值的每超过5%加1分，最多加2分",
     {"实际值": "210", "目标值": "200"}, "11.00", "1.00"),
    ("达到目标值的得满分，未达到的按比例计分，超过目标值的每超过5%加1分，最多加2分",
     {"实际值": "150", "目标值": "200"}, "7.50", "0"),
])
def test_a_bonus_beside_a_target_ratio_counts_from_the_target(text: str, given: dict[str, str], want: str,
                                                              bonus: str) -> None:
    """Hunt 12, B1: the bonus steps counted from 0, not from the target (100% of it): 150 of 200 earned the whole
    bonus (8.5 with bonus 1 instead of 7.5)."""
    s = perfeval.compile_rule(text, points=10)(**given)
    assert s.points == Decimal(want) and s.bonus == Decimal(bonus)


def test_proportional_points_beside_a_bonus_stay_within_the_points() -> None:
    """Hunt 12, B2: 104% scored 10.4 with no bonus — the proportional part used the bonus's room above 分值."""
    rule = perfeval.compile_rule("按完成比例计分，超过100%的部分每超过5%加0.5分，最多加1分", points=10)
    assert (rule("104%").points, rule("104%").bonus) == (Decimal("10.00"), Decimal(0))
    assert (rule("120%").points, rule("120%").bonus) == (Decimal("11.00"), Decimal("1.00"))


def test_points_from_unlike_quantities_and_bare_rates_are_refused() -> None:
    """Hunt 12, U1: 实际完成值 150万元 over 年度指标值 200人次 in a score formula gave full marks; 目标值 "≥98" for
    the points below a rate target was 9800% (0 points)."""
    with pytest.raises(perfeval.PerfevalError) as e:
        perfeval.compile_rule("得分=实际完成值/年度指标值×10", points=10)(实际完成值="150万元", 年度指标值="200人次")
    assert e.value.code == "inputs_unlike"
    with pytest.raises(perfeval.PerfevalError) as e:
        perfeval.compile_rule("完成目标的得满分，每低于目标1个百分点扣0.5分，扣完为止", points=5)(实际值="95", 目标值="≥98")
    assert e.value.code == "rate_without_mark"


def test_a_completion_ratio_of_negative_values_is_refused() -> None:
    """Hunt 12, G1: a table row with 年度指标值 ≥-5万元 and 实际完成值 -10万元 was 200% complete (full marks)."""
    from perfeval.quantities import quantity
    from perfeval.targets import target

    with pytest.raises(perfeval.PerfevalError):
        target("≥-5万元").completion(quantity("-10万元"))


def test_direction_words_overspend_shares_and_until_zero() -> None:
    """Hunt 13: D2 越大越好 with a ceiling target scored 7.5 (refused now, as 越小越好 with a floor is); X1 超出预算的
    按超支比例扣分 took the difference 120万元 − 100万元 (0 points instead of 8); K1 直到扣完为止 became a yes/no item."""
    with pytest.raises(perfeval.PerfevalError) as e:
        perfeval.compile_rule("越大越好，达到目标值的得满分，未达到的按比例计分", points=10)(实际值="40", 目标值="≤30")
    assert e.value.code == "target_against_higher"
    overspend = perfeval.compile_rule("超出预算的按超支比例扣分", points=10)
    assert overspend(实际值="120万元", 目标值="100万元").points == Decimal("8.00")
    until = perfeval.compile_rule("每处扣5分直到扣完为止", points=15)
    assert until.inputs == () and until(0).points == Decimal(15) and until(5).points == Decimal(0)


@pytest.mark.parametrize(("text", "given", "want"), [
    ("不低于目标值的得满分，低于目标值的按实际值/目标值×分值计分", {"实际值": "150", "目标值": "200"}, "7.50"),
    ("低于计划数的按实际数/计划数×分值计分，达到计划数的得满分", {"实际数": "150", "计划数": "200"}, "7.50"),
])
def test_a_formula_after_a_condition_names_its_own_operands(text: str, given: dict[str, str], want: str) -> None:
    """Hunt 13, F1: the numerator swallowed the condition (目标值的按实际值), a name nobody gives, which then took
    the target's value: 目标值/目标值 × 分值 = full marks for any shortfall."""
    assert perfeval.compile_rule(text, points=10)(**given).points == Decimal(want)


def test_an_operand_made_of_two_inputs_is_not_the_actual_value() -> None:
    """Hunt 13, F1: 实际值与目标值的比值 was filled by 实际值 (its name starts with 实际): 150 × 10 → full marks."""
    rule = perfeval.compile_rule("达到目标值的得满分，未达到的按实际值与目标值的比值×分值计分", points=10)
    with pytest.raises(perfeval.PerfevalError) as e:
        rule(实际值="150", 目标值="200")
    assert e.value.code == "missing_input"


@pytest.mark.parametrize(("text", "code"), [
    ("未超预算的得满分，超出预算10%以内的按超支比例扣减，超出10%以上的不得分", "ratio_numbers_unplaced"),
    ("成本超出预算的，按超支比例扣减；超支20%以上的不得分", "ratio_numbers_unplaced"),
    ("达到目标值的得满分，每低于目标值1个百分点扣1分，低于目标值的80%不得分", "proportion_and_difference"),
    ("超过目标值5个百分点以内的扣1分，超过5个百分点以上的按超支比例扣减", "proportion_and_difference"),
])
def test_numbers_beside_a_ratio_to_the_target_must_be_shares_of_it(text: str, code: str) -> None:
    """Hunt 13, X2/X3: beside actual ÷ target, a plain 10% or 20% was read on the ratio itself (95 of a budget of 100
    scored 0, 125 scored 7.5), and percentage points of the difference were counted on the ratio (57% against 60%:
    5 instead of 7). Refused where the words do not place the number."""
    with pytest.raises(perfeval.PerfevalError) as e:
        perfeval.compile_rule(text, points=10)
    assert e.value.code == code


@pytest.mark.parametrize(("text", "given", "want"), [
    ("1)≥95%得满分；2)每低1个百分点扣1分", "92%", "7"),
    ("1）≥95%得满分；2）每低1个百分点扣1分", "92%", "7"),
    ("1）完成率达到95%得满分；2）每降低1个百分点扣1分，扣完为止", "92%", "7"),
    ("1)≥目标值,得0分 2)<目标值,得满分", {"实际值": "3", "目标值": "2"}, "0"),
    ("1)≥目标值,得0分 2)<目标值,得满分", {"实际值": "1", "目标值": "2"}, "10"),
    ("1)≥目标值,得满分 2)<目标值,不得分", {"实际值": "1", "目标值": "2"}, "0"),
    ("达到95%(含95)得满分,否则不得分", "95%", "10"),
])
def test_half_bracket_part_marks_are_no_numbers(text: str, given: object, want: str) -> None:
    """Hunt 12, N1: "1)" "2）" opening a clause were read as numbers — "2)" became the step's reference 200% (92%
    scored 0), and "1)≥目标值…2)<目标值" made bands x ≤ 1 / x > 2 of the marks. They are numbered parts now, where
    a clause opens (line start, after a separator or a typed space) and no bracket is open; "(含95)" stays a claim."""
    rule = perfeval.compile_rule(text, points=10)
    score = rule(**given) if isinstance(given, dict) else rule(given)
    assert score.points == Decimal(want)
    if isinstance(given, dict):
        with pytest.raises(perfeval.PerfevalError):
            rule("3")


@pytest.mark.parametrize(("text", "points", "given", "want"), [
    ("完成率达到100%得满分，每降低1%扣0.2分，降低20%以上不得分", 10, "90%", "8"),
    ("完成率达到100%得满分，每降低1%扣0.2分，降低20%以上不得分", 10, "81%", "6.2"),
    ("完成率达到100%得满分，每降低1%扣0.2分，降低20%以上不得分", 10, "80%", "0"),
    ("完成率达到100%得满分，每降低1%扣0.2分，降低超过20%的不得分", 10, "80%", "6"),
    ("完成率达到100%得满分，每降低1%扣0.2分，降低超过20%的不得分", 10, "79.9%", "0"),
    ("完成率达到100%得满分，每降低1%扣0.2分，降低20%及以上不得分", 10, "80%", "0"),
    ("完成率达到100%得满分，每减少1%扣0.2分，减少20%以上不得分", 10, "90%", "8"),
    ("完成率达到100%得满分，每下降1个百分点扣0.2分，下降20个百分点以上不得分", 10, "90%", "8"),
    ("信息报送全年不少于24条，每少1条扣0.2分，少5条以上不得分", 2, 22, "1.6"),
    ("信息报送全年不少于24条，每少1条扣0.2分，少5条以上不得分", 2, 19, "0"),
    ("完成率达到100%得满分，每降低1%扣0.2分，降幅超过20%不得分", 10, "80%", "6"),
    ("完成率达到100%得满分，每降低1%扣0.2分，降幅超过20%不得分", 10, "79%", "0"),
])
def test_a_shortfall_threshold_counts_from_the_steps_reference(text: str, points: int, given: object,
                                                               want: str) -> None:
    """Hunt 12, S1: 降低20%以上不得分 beside 每降低1%扣0.2分 was read on the rate itself, so every rate of 20% or
    more scored 0 (90% → 0 of 10); it bounds the fall from the steps' reference (100%): 80% and below score 0
    (reading PE118). 少5条以上 beside 不少于24条，每少1条 likewise (22 sent scored 0)."""
    rule = perfeval.compile_rule(text, points=points)
    assert rule(given).points == Decimal(want)
    assert "PE118" in {d.code for d in rule.diagnostics}


@pytest.mark.parametrize(("given", "want"), [("12%", "10"), ("8%", "8"), ("5%", "0"), ("4%", "0")])
def test_a_fall_that_earns_full_marks_is_the_value_itself(given: str, want: str) -> None:
    """Hunt 12, S1: where the fall itself earns the 分值 (降低10%以上得满分), the value scored is the fall and
    降低5%以下 bounds it as written — no fall from a reference (it was refused, step_reference, once the bands on a
    fall were set aside)."""
    rule = perfeval.compile_rule("降低10%以上得满分，每少1个百分点扣1分，降低5%以下不得分", points=10)
    assert rule(given).points == Decimal(want)
    assert "PE118" not in {d.code for d in rule.diagnostics}


@pytest.mark.parametrize(("text", "code"), [
    ("完成率达到100%得满分，每降低1%扣0.2分，降低20%以上按比例计分", "shortfall_outcome"),
    ("每降低1%扣0.2分，降低20%以上不得分", "step_reference"),
])
def test_a_shortfall_threshold_without_points_or_reference_is_refused(text: str, code: str) -> None:
    """Hunt 12, S1: 降低20%以上按比例计分 scored 分值 × the rate from 20% up (90% → 9), and with no reference
    written the 20% became the steps' reference; a proportion of what, and a fall from where, are not said."""
    with pytest.raises(perfeval.PerfevalError) as e:
        perfeval.compile_rule(text, points=10)
    assert e.value.code == code


@pytest.mark.parametrize(("text", "code"), [
    ("按完成比例计分，最高得8分", "maximum_unread"),
    ("按完成比例计分，最多得8分", "maximum_unread"),
    ("按完成比例计分，最高8分", "maximum_unread"),
    ("完成指标值的得满分，未完成的按完成比例计分，最高得8分", "maximum_unread"),
    ("得分=执行率×分值，最高得8分", "maximum_unread"),
    ("90%以上得满分，80%-90%得6分，最高得8分", "maximum_unread"),
    ("完成率达到100%的得8分，未完成的按完成比例计分", "proportion_beside_award"),
    ("90%以上得8分，未达到的按比例计分", "proportion_beside_award"),
])
def test_a_maximum_below_the_points_of_a_computed_score_is_refused(text: str, code: str) -> None:
    """Hunt 12, M1: "最高得8分" on a 10-point proportional standard was dropped (100% scored 10); and
    "完成率达到100%的得8分，未完成的按完成比例计分" scored 9 at 90% but 8 at 100% (more for doing less). Whether 分值 ×
    the rate stops at 8 or 8 × the rate is meant is not said: refused, located."""
    with pytest.raises(perfeval.PerfevalError) as e:
        perfeval.compile_rule(text, points=10)
    assert e.value.code == code


@pytest.mark.parametrize(("text", "given", "want"), [
    ("每开展一次得1分，最高得8分", 9, "8"),
    ("按完成比例计分，最高得10分", "100%", "10"),
    ("完成率100%得满分，80%-100%得8分，80%以下按比例计分", "79%", "7.9"),
    ("完成率100%得8分，每超1%加0.5分，最高得10分", "104%", "10"),
])
def test_a_maximum_that_is_read_still_scores(text: str, given: object, want: str) -> None:
    """Hunt 12, M1: the refusal of an unread maximum leaves the maxima that are read (per case, bonus, at the 分值)."""
    assert perfeval.compile_rule(text, points=10)(given).points == Decimal(want)


@pytest.mark.parametrize("text", [
    "以上每发现1次扣1分。每发现1次扣2分。此项 * 分扣完为止。",
    "每发现1次扣1分。此项 * 分扣完为止。",
    "每发现1次扣1分。此项分扣完为止。",
    "每发现1次扣1分，本项 分扣完为止",
    "每发现1次扣*分",
])
def test_a_number_redacted_as_a_star_is_lost(text: str) -> None:
    """Hunt 12, L1: "此项 * 分扣完为止" (a number redacted as *) and "此项分扣完为止" with nothing between 项 and 分
    became a yes/no case ③ ({①: 1, ②: 1, ③: True} scored 0; without ③, 7): a lost number, refused as "扣 分" is."""
    with pytest.raises(perfeval.PerfevalError) as e:
        perfeval.compile_rule(text, points=10)
    assert e.value.code == "lost_number"


@pytest.mark.parametrize(("text", "given", "want"), [
    ("每发现1次扣1分，此项分值扣完为止。", 3, "7"),
    ("每发现1次扣1分。此项10分扣完为止。", 12, "0"),
    ("得分=完成率*分值", "80%", "8"),
])
def test_a_star_that_is_a_times_sign_is_no_lost_number(text: str, given: object, want: str) -> None:
    """Hunt 12, L1: the * read as a lost number only where points belong — 完成率*分值 stays a product."""
    assert perfeval.compile_rule(text, points=10)(given).points == Decimal(want)


def test_targets_that_contradict_themselves_or_are_deadlines() -> None:
    """Hunt 13, T5/T6: a 指标类型 ≥ before 控制在30天以内 (or ≤ before ≥30天) was resolved silently one way; a
    deadline after 在 (在2024年12月底前) was read as 12 months, so 11月 scored 11/12 of the points."""
    from perfeval.targets import TargetKind, target

    for text in ("≥控制在30天以内", "≥不超过30天", "≤不少于200人次"):
        with pytest.raises(perfeval.PerfevalError) as e:
            target(text)
        assert e.value.code == "target_two_comparators"
    deadline = target("在2024年12月底前")
    assert deadline.kind is TargetKind.DATE and deadline.comparator == "≤" and deadline.values == ()


def test_points_moved_to_another_indicator_are_not_dropped() -> None:
    """Hunt 13, NA5: "分值计入预算执行率指标" beside 不参与评分 was a note: the points' move was dropped."""
    with pytest.raises(perfeval.PerfevalError) as e:
        perfeval.compile_rule("如无政府采购业务，本指标不参与评分，分值计入预算执行率指标。每发现一处违规采购扣1分，扣完为止。",
                              points=5)
    assert e.value.code == "unread_scoring"


def test_the_direction_pair_of_the_central_template_reads_as_one_proportion() -> None:
    """Issue 9: "正向指标按B/A×分值计分，反向指标按A/B×分值计分" — the provincial self-evaluation notes' rule (DESIGN,
    "Proportional, by direction") — was refused as two overlapping formulas; it is one proportion whose side the
    target's comparator decides (PE148)."""
    rule = perfeval.compile_rule("正向指标按B/A×分值计分，反向指标按A/B×分值计分", points=10)
    assert "PE148" in {d.code for d in rule.diagnostics}
    assert rule(A="≥200人次", B="150人次").points == Decimal("7.50")
    assert rule(A="≤30天", B="40天").points == Decimal("7.50")
    assert rule(A="≤30天", B="20天").points == Decimal("10.00")


def test_a_deduction_sheet_is_not_a_yes_no_fact() -> None:
    """Issue 9: "实行扣分制，扣完为止" (8) took a yes/no input ① and scored yes as 0 (扣完为止 read as "deduct it all"
    after the fact 实行扣分制). It is the 分值 less the deductions recorded, the input 扣分 (PE260)."""
    rule = perfeval.compile_rule("实行扣分制，扣完为止", points=8)
    assert "PE260" in {d.code for d in rule.diagnostics}
    assert rule(扣分="3.5").points == Decimal("4.50")
    assert rule(扣分="9").points == Decimal("0.00")
    with pytest.raises(perfeval.PerfevalError):
        rule(True)


def test_a_total_of_points_in_a_formula_is_a_named_input() -> None:
    """Corpus c-040: "年度考核总得分=各分项分值之和-扣分+加分" was refused (unread_scoring) because the 分值 inside
    各分项分值之和 was taken for this indicator's 分值, splitting the name."""
    rule = perfeval.compile_rule("年度考核总得分=各分项分值之和-扣分+加分", points=100)
    assert set(rule.inputs) == {"各分项分值之和", "扣分", "加分"}
    assert rule(各分项分值之和="100", 扣分="12.5", 加分="1.5").points == Decimal("89.00")


def _refused(text: str, points: int) -> str:
    with pytest.raises(perfeval.PerfevalError) as e:
        perfeval.compile_rule(text, points=points)
    assert getattr(e.value, "line", None) is not None
    return str(e.value.code)


@pytest.mark.parametrize("text", ["每发现一处问题扣0.5分，同类问题不重复扣分，扣完为止",
                                  "每发现一处问题扣0.5分，已整改的减半扣分，扣完为止",
                                  "每发现一处问题扣0.5分，问题整改后可恢复一半分值，扣完为止"])
def test_words_that_score_before_until_zero_are_not_an_event(text: str) -> None:
    """Hunt 14, A1–A5: a clause with scoring words of its own before 扣完为止 (同类问题不重复扣分, 已整改的减半扣分)
    became a yes/no case "本项不得分" — ② = yes scored 0 of 3. It is read or refused, never a wipe-out."""
    assert _refused(text, 3) == "unread_scoring"


@pytest.mark.parametrize("cap", ["最多扣3分", "扣满3分为止"])
def test_a_rule_before_a_cap_of_the_points_is_not_a_note(cap: str) -> None:
    """Hunt 14, B1/B5/B7: with a cap equal to the 分值, "已整改的问题减半扣分" before it was kept as a note (2 problems
    scored 2.00 whether rectified or not); with 分值 5 the same text was refused."""
    assert _refused(f"每发现一处问题扣0.5分，已整改的问题减半扣分，{cap}", 3) == "unread_scoring"
    assert _refused(f"每发现一处问题扣0.5分，重复出现的问题不再扣分，{cap}", 3) == "unread_scoring"
    # the modifier's own words pointing back at the rules (corpus c-058) stay its words
    rule = perfeval.compile_rule("每户扣0.2分。按上述各条扣除相应分值时均不实行倒扣", points=3)
    assert rule(20).points == Decimal("0.00")


def test_a_discretionary_waiver_is_a_scoring_clause() -> None:
    """Hunt 14, B2: "特殊原因经说明的可酌情减免" was a note (99% scored a fixed 4.50): 酌情, 减免, 免扣, 免予 are
    scoring words."""
    assert _refused("到位率100%得5分，每低1%扣0.5分，特殊原因经说明的可酌情减免", 5) == "unread_scoring"
    # 免予扣分 written out is the case that deducts nothing, read as 不扣分 is (PE134: no value, full marks)
    rule = perfeval.compile_rule("到位率100%得5分，每低1%扣0.5分，特殊原因的免予扣分", points=5)
    assert "PE134" in {d.code for d in rule.diagnostics} and rule(None).points == Decimal("5.00")


@pytest.mark.parametrize("text", ["到位率100%得5分，每低1%扣0.5分，但因上级资金未到位的除外",
                                  "按计划完成得满分，未完成的每项扣1分（经批准调整的除外）"])
def test_an_exception_is_not_dropped(text: str) -> None:
    """Hunt 14, B3/B4: "…的除外" (an exception to the deduction) was a note: the deduction applied to the excepted
    case too."""
    assert _refused(text, 5) == "unread_scoring"


def test_an_outcome_that_is_not_points_is_not_a_note() -> None:
    """Hunt 14, A6: "首次发现的给予提醒，扣完为止" made ② a case scoring 0, then (once that was fixed) a note — the
    first finding deducted 0.5 although the text gives it a reminder instead."""
    assert _refused("每发现一处问题扣0.5分，首次发现的给予提醒，扣完为止", 3) == "outcome_not_points"


@pytest.mark.parametrize("month", ["11月", "2024年12月", "12月底前", "在2024年12月底前"])
def test_a_month_of_the_calendar_is_not_a_length_of_time(month: str) -> None:
    """Hunt 13, T5: a table's 实际完成值 "11月" (done in November) under "每推迟1个月扣1分" was read as 11 months
    late (0 of 5), and target("11月") as 11 months. A calendar month is a date; 11个月 is a length."""
    from perfeval.targets import TargetKind, target

    rule = perfeval.compile_rule("按期完成的得满分，每推迟1个月扣1分，扣完为止", points=5)
    with pytest.raises(perfeval.PerfevalError) as e:
        rule(month)
    assert e.value.code == "calendar_month"
    assert rule("3个月").points == Decimal("2.00")
    assert target(month).kind in (TargetKind.DATE, TargetKind.QUALITATIVE)
    assert target("11个月").kind is TargetKind.QUANTITATIVE
def test_a_ratio_whose_words_name_a_target_is_not_the_target() -> None:
    """Issue 9 (field4a): "不低于计划数占目标数的比例" was read as "不低于目标值" (目标数 inside the ratio's words named
    the target), so 70% against a 75% 目标值 scored 1.5 with the ratio gone. A ratio of two counts is read as a
    ratio (PE240); here both counts name 目标值, so it is refused."""
    with pytest.raises(perfeval.PerfevalError) as e:
        perfeval.compile_rule("实配占比不低于计划数占目标数的比例，得2分；每差1%，扣0.1分", points=2)
    assert e.value.code == "ratio_reference_inputs"


def test_last_years_level_after_a_gate_is_not_dropped() -> None:
    """Issue 9 (field4a): in "未完成年度目标的,完成率与上年持平扣0.2分" the words 与上年持平 were glued into the condition
    未完成年度目标 and dropped: 0.2 was deducted whenever the target was missed, whatever last year was. The gate
    family (PE243) reads only a 控制 ceiling with 加扣 steps; this is refused."""
    for text in ("未完成年度目标的,完成率与上年持平扣0.2分", "未完成年度目标的,招生人数与上年持平扣1分"):
        with pytest.raises(perfeval.PerfevalError) as e:
            perfeval.compile_rule(text, points=3)
        assert e.value.code == "gate_unread"


def test_a_comparison_with_last_year_in_the_next_clause_is_not_glued_to_the_target() -> None:
    """Issue 9 (field4a): "未完成年度目标的,完成率比上年下降扣0.2分" compiled as 未完成年度目标 alone — the words of
    the next clause (完成率比上年下降) were glued into that condition and dropped, so 0.2 was deducted whenever the
    target was missed. Words of the next clause naming another reference are a second comparison: refused."""
    with pytest.raises(perfeval.PerfevalError) as e:
        perfeval.compile_rule("未完成年度目标的,完成率比上年下降扣0.2分", points=3)
    assert e.value.code == "compound_condition"
def test_exceeding_the_target_by_n_percent_is_read_over_the_target() -> None:
    """Issue 9 (c-059): "超额完成15%(含)至30%加1分" was read on the completion rate itself, so meeting the target
    (100%, far above 15%) earned every bonus: 完成年度计划目标得20分 with 依次类推 to 4 scored 24 at 100%."""
    rule = perfeval.compile_rule("完成年度计划目标得20分,超额完成15%(含)至30%加1分,超额完成30%(含)至45%加2分,"
                                 "依次类推,最多加4分。", points=20)
    assert rule("100%").points == Decimal(20)
    assert rule("114.99%").points == Decimal(20)
    assert rule("115%").points == Decimal(21)
    assert "PE256" in {d.code for d in rule.diagnostics}


def test_a_bonus_ladder_continued_downwards_never_takes_points_away() -> None:
    """Issue 9: 依次类推 continued a rising ladder below its first rung with no floor, so a bonus ladder
    (达到120%加1分，达到140%加2分) gave −1 at 90%: 基础分5分 scored 4."""
    rule = perfeval.compile_rule("基础分5分。完成率达到120%加1分，达到140%加2分，依次类推，最多加4分", points=10)
    assert rule("90%").points == Decimal(5) and rule("90%").bonus == 0
    assert rule("50%").points == Decimal(5)
    assert rule("160%").points == Decimal(8)


def test_a_veto_declaration_does_not_veto_the_clause_before_it() -> None:
    """Issue 9: "完成年度目标得20分，本项为否决性指标" bound the declaration to the award, so meeting the target
    vetoed the unit; "本项为否决性指标。" on its own was dropped. Without a clause saying what vetoes: refused."""
    for text in ("完成年度目标得20分，本项为否决性指标", "完成率达到100%得20分。本项为否决性指标。"):
        with pytest.raises(perfeval.PerfevalError) as e:
            perfeval.compile_rule(text, points=20)
        assert e.value.code == "veto_unsaid"


def test_values_listed_under_one_name_are_never_scored_as_one() -> None:
    """Issue 9: "两率(签约率、履约率)任一项达到90%得2分" compiled with one value (95% → 2 of 4): which of the two
    rates, and how the two add up, is not said — refused."""
    with pytest.raises(perfeval.PerfevalError) as e:
        perfeval.compile_rule("两率(签约率、履约率)任一项达到90%得2分", points=4)
    assert e.value.code == "listed_unread"
@pytest.mark.parametrize(("text", "value", "want"), [
    ("执行率低于90%、80%、70%的，分别扣1分、2分、3分", "75%", "1.00"),
    ("逾期1天、3天、5天以上的，分别扣1分、2分、3分", 4, "1.00"),
    ("结余率高于5%、10%、15%的，分别扣1分、2分、3分", "12%", "1.00"),
])
def test_deductions_paired_respectively_are_bands_not_a_checklist(text: str, value: object, want: str) -> None:
    """Hunt 14, D1/D3/D4: 分别扣 with thresholds on one value became a checklist of independent items, the thresholds
    dropped — ticking the two conditions that hold at 75% deducted 1+2. It is bands on the value (PE280)."""
    rule = perfeval.compile_rule(text, points=3)
    assert rule(value).points == Decimal(want)
    assert "PE280" in {d.code for d in rule.check()}


def _refusal(text: str, points: int) -> str:
    """The code of the located refusal of ``text`` (hunt 14, R6–R9)."""
    with pytest.raises(perfeval.PerfevalError) as caught:
        perfeval.compile_rule(text, points=points)
    assert caught.value.line is not None
    return str(caught.value.code)


@pytest.mark.parametrize("text", ["每月报送一次进度，每少报一次扣0.2分", "每季度召开一次专题会议，每少一次扣0.5分",
                                  "每季度召开专题会议1次，每少1次扣0.5分"])
def test_a_requirement_per_period_without_a_comparator_is_not_once_a_year(text: str) -> None:
    """Hunt 14, E1–E3: "每月报送一次进度" was the yearly baseline "1次" — one report a year scored full marks. It is
    refused as "每季度至少检查一次" is."""
    assert _refusal(text, 2) == "period_count"


@pytest.mark.parametrize(("text", "code"), [("考核排名前10%的得满分，前10%-30%得3分，其余得1分", "rank_share"),
                                            ("排名前20%的得5分，其余得2分", "rank_share"),
                                            ("排名后三名的不得分，其余得满分", "rank_from_bottom"),
                                            ("排名前3名的得满分，倒数第1名的不得分，其余得3分", "rank_two_ways")])
def test_a_rank_that_needs_the_number_ranked_is_refused(text: str, code: str) -> None:
    """Hunt 14, G1/G2/G6: 前10% banded the place itself on (0, 10%] (the first place scored the 其余 points), and
    后三名 was the single place 3; places from the top beside 倒数 read one number both ways."""
    assert _refusal(text, 5) == code


@pytest.mark.parametrize(("text", "place"), [("综合排名倒数第一的不得分，其余得满分", 1),
                                             ("排名倒数三名的不得分，其余得满分", 1),
                                             ("全市排名倒数后三名的不得分，其余得满分", 2)])
def test_the_last_places_in_other_spellings_count_from_the_bottom(text: str, place: int) -> None:
    """Hunt 14, G3–G5: 倒数第一 (no 名) never matched, 倒数三名 and 倒数后三名 were the single place 3."""
    assert perfeval.compile_rule(text, points=5)(place).points == Decimal("0.00")


def test_one_place_beside_the_rest_is_that_place_only() -> None:
    """Hunt 14 (found beside G3): "综合排名第1名的得满分，其余得3分" read 第1名 as 1 and every place after it — the
    third place scored 5."""
    assert perfeval.compile_rule("综合排名第1名的得满分，其余得3分", points=5)(3).points == Decimal("3.00")
    assert perfeval.compile_rule("综合排名第一的得满分，其余得3分", points=5)(3).points == Decimal("3.00")


@pytest.mark.parametrize(("name", "target", "actual", "standard", "want"), [
    ("验收合格率", "≥90%", "92%", "完成率达到100%得满分，每低1个百分点扣1分，扣完为止", "10.00"),
    ("事故率", "≤2%", "1.5%", "90%（含）以上计10分；80%（含）-90%，计8分；低于80%计0分", "10.00"),
    ("资金到位及时率", "≥90%", "90%", "达到100%得满分，每低于5%扣2分，扣完为止", None),
    ("验收合格率", "≥90%", "92%", "90%（含）以上计10分；80%（含）-90%，计8分；低于80%计0分", "10.00"),
    ("验收合格率", "≥95%", "92%", "完成率达到95%以上得满分，低于95%不得分", None),
    ("事故率", "≤5%", "6%", "事故率控制在5%以内得满分，每超1个百分点扣2分", "8.00"),
])
def test_a_row_rate_standard_scores_the_rate_its_target_means(name: str, target: str, actual: str, standard: str,
                                                             want: str | None) -> None:
    """Hunt 14, C1–C3: a row whose own standard names rates scored the raw actual value whatever its target — 92%
    against ≥90% under "完成率达到100%…" scored 2.00, an accident rate 1.5% under its ≤2% ceiling scored 0. The
    completion ratio is scored where the standard says 完成率 or the target is a ceiling under a higher-is-better
    scale; where the standard's 100% may be either (C3) the row is unchecked."""
    from perfeval.model import Indicator, Project
    from perfeval.rubric.selfeval import score_self_evaluation

    ind = Indicator(level1="产出指标", level2="质量指标", name=name, points=10, target_text=target,
                    actual_text=actual, standard=standard, reported=Decimal(10))
    card = score_self_evaluation(Project(name="p", year=2024, rubric="项目支出绩效自评表", indicators=(ind,)))
    if want is None:
        assert card[name].status == "reported"
    else:
        assert card[name].status == "computed"
        assert card[name].points == Decimal(want)


def test_a_batch_of_points_wider_than_64_bits_stays_exact() -> None:
    """Hypothesis found it (tests/rules/test_batch.py): under "每发生一起扣2分，可负分" a float count of 9.2E+16 gave
    points whose quanta overflow int64 — points_many raised OverflowError for the whole column. They are exact now,
    and points wider than decimal128's 38 digits are that row's refusal, the rest scored."""
    import numpy as np
    import pyarrow as pa

    rule = perfeval.compile_rule("每发生一起扣2分，可负分", points=5)
    big = 9.223372036854778e16
    assert rule.points_many(np.array([1.0, big])).points == [Decimal("3.00"), rule.points(big)]
    batch = rule.points_many(pa.array([1.0, big, 1e40]))
    assert batch.points.to_pylist() == [Decimal("3.00"), rule.points(big), None]
    assert [(e.row, e.code) for e in batch.errors] == [(2, "batch_points_too_wide")]
# ── hunt 14, R1: numbers of one standard in different units or scales were compared as bare magnitudes ──


def test_a_step_in_another_scale_than_its_target_is_converted() -> None:
    """Hunt 14 F1/F2/F5: "粮食产量达到5万吨得满分，每减少1000吨扣0.5分" counted 0.1 (万吨) short in steps of 1000:
    49000吨 and even 0吨 scored full marks. 1000吨 is 0.1万吨 (PE270)."""
    rule = perfeval.compile_rule("粮食产量达到5万吨得满分，每减少1000吨扣0.5分", points=5)
    assert "PE270" in {d.code for d in rule.diagnostics}
    assert rule("49000吨").points == Decimal("4.50")
    assert rule("0吨").points == Decimal("0.00")
    assert rule.points("49000吨") == Decimal("4.50")
    assert perfeval.compile_rule("投资达到500万元得满分，每少5000元扣0.1分", points=5)("499万元").points == Decimal("4.80")


def test_band_edges_in_another_scale_are_converted() -> None:
    """Hunt 14 F11: "15000亩以上得5分，1万亩-15000亩得3分，1万亩以下不得分" banded [1, 15000): 9000亩 scored 3."""
    rule = perfeval.compile_rule("15000亩以上得5分，1万亩-15000亩得3分，1万亩以下不得分", points=5)
    assert rule("9000亩").points == Decimal("0.00")
    assert rule("12000亩").points == Decimal("3.00")


def test_linear_thresholds_in_another_scale_are_converted_and_shown_in_their_unit() -> None:
    """Hunt 14 F9/F10: "低于1万亩不得分，1万亩-15000亩之间线性计分，15000亩以上满分" drew its line from 1 to 15000
    (12500亩 → 0, 16000亩 → 0), and PE145 showed the thresholds as rates ("100% 到 1500000%")."""
    rule = perfeval.compile_rule("低于1万亩不得分，1万亩-15000亩之间线性计分，15000亩以上满分", points=10)
    assert rule("12500亩").points == Decimal("5.00")
    assert rule("16000亩").points == Decimal("10.00")
    pe145 = next(d for d in rule.diagnostics if d.code == "PE145")
    assert "1万亩" in pe145.message and "1.5万亩" in pe145.message and "%" not in pe145.message


def test_a_bonus_step_in_another_scale_is_converted() -> None:
    """Hunt 14 F12: "完成1万亩得5分，每超1000亩加0.5分，最多加1分" added nothing at 12000亩."""
    score = perfeval.compile_rule("完成1万亩得5分，每超1000亩加0.5分，最多加1分", points=5)("12000亩")
    assert (score.points, score.bonus) == (Decimal("6.00"), Decimal("1.00"))


def test_a_week_is_seven_days_and_half_a_year_six_months() -> None:
    """Hunt 14 H1/H3: 超过一周 beside 每推迟1天 was "more than 1 (day)", 超过半年 beside 每推迟一个月 "more than 0.5"."""
    week = perfeval.compile_rule("每推迟1天扣0.1分，推迟超过一周的不得分", points=5)
    assert (week(5).points, week(7).points, week(8).points) == (Decimal("4.50"), Decimal("4.30"), Decimal("0.00"))
    half = perfeval.compile_rule("每推迟一个月扣1分，推迟超过半年的不得分", points=10)
    assert (half(1).points, half(6).points, half(7).points) == (Decimal("9.00"), Decimal("4.00"), Decimal("0.00"))


def test_a_month_beside_days_is_refused_naming_both() -> None:
    """Hunt 14 H2: "每推迟1天扣0.1分，推迟超过1个月的不得分" read 超过1个月 as more than 1 day. A month is 28–31
    days: no fixed number of days is chosen; the refusal is located at 1个月 and names both."""
    with pytest.raises(perfeval.PerfevalError) as caught:
        perfeval.compile_rule("每推迟1天扣0.1分，推迟超过1个月的不得分", points=5)
    err = caught.value
    assert getattr(err, "code", None) == "units_unrelated"
    assert err.location is not None and err.location.column == 16  # 1个月
    assert "1天" in str(err) and "1个月" in str(err)


def test_a_conversion_that_does_not_terminate_is_refused() -> None:
    """Hunt 14 R1: 1亩 in 公顷 is 1/15 — never a rounded step size."""
    with pytest.raises(perfeval.PerfevalError) as caught:
        perfeval.compile_rule("达到2公顷得满分，每少1亩扣1分", points=5)
    assert getattr(caught.value, "code", None) == "unit_scale_inexact"


def test_named_quantities_are_measured_in_perfevals_own_context() -> None:
    """Fuzzing (found beside hunt 14): named inputs in a unit ("500亩") were measured with pint in the caller's
    decimal context — a trapped Clamped (Emax 5, clamp 1) escaped as decimal.Clamped, not a score."""
    import decimal

    rule = perfeval.compile_rule("完成率=实际完成值/年度目标值,得分=完成率×8分,以得满分为止。", points=8)
    hostile = decimal.Context(prec=28, rounding=decimal.ROUND_UP, traps=[decimal.Inexact, decimal.Clamped],
                              Emax=5, Emin=-5, clamp=1)
    with decimal.localcontext(hostile):
        assert rule.points(实际值="500亩", 目标值="500亩") == Decimal("8.00")
        assert rule(实际值="500亩", 目标值="500亩").points == Decimal("8.00")


def test_a_fact_written_negatively_that_vetoes_is_not_dropped() -> None:
    """"每发现一处问题扣1分，未完成整改的一票否决" (5): the veto after 未完成整改的 stayed in the clause's head, which was
    kept as a note (its scoring word 否决 was not looked at, being a modifier) — no unit was ever vetoed. It is
    refused at the clause; "发生重大安全事故的一票否决" (a fact in words) still vetoes."""
    assert _refused("每发现一处问题扣1分，未完成整改的一票否决。", 5) == "unread_scoring"
    rule = perfeval.compile_rule("每发现一处问题扣1分，扣完为止。发生重大安全事故的一票否决", points=5)
    assert rule(**{"①": 2, "②": 1}).veto is not None and rule(**{"①": 2, "②": 0}).veto is None


def test_a_quota_ceiling_and_a_quota_beside_its_own_band_are_refused() -> None:
    """Hunt 15, F6/F7: "优秀单位原则上不超过参评单位数的五分之一" (a ceiling on how many) was read as "按…确定" (every unit
    within it graded 优秀), and once not read it was dropped; "按…五分之一确定" beside "90分以上为优秀" graded a unit
    ranked 20th of 40 优秀 by its total. Both are refused."""
    with pytest.raises(perfeval.PerfevalError) as e:
        perfeval.compile_grades("优秀等次不超过参评单位数的20%。得分80分（含）以上为良好，低于80分为一般。")
    assert e.value.code == "quota_unread"
    with pytest.raises(perfeval.PerfevalError) as e:
        perfeval.compile_grades("优秀单位原则上按参评单位数的五分之一确定。90分以上为优秀，72分以上的(含72分)为合格,"
                                "72分以下的为不合格。")
    assert e.value.code == "quota_and_band"


@pytest.mark.parametrize(("given", "code"), [
    ({"缺失数": -1, "应有数": 4}, "count_negative"), ({"缺失数": "0.5", "应有数": "2.5"}, "count_negative"),
    ({"缺失数": 5, "应有数": 4}, "missing_beyond_due")])
def test_the_counts_of_a_missing_share_are_counts(given: dict[str, object], code: str) -> None:
    """Hunt 15, F8: a negative or fractional 缺失数, or more missing than due, scored (−1 of 4 gave 4.00 of 4)."""
    rule = perfeval.compile_rule("档案资料齐全的得4分,资料缺失的按缺失比例扣分", points=4)
    with pytest.raises(perfeval.PerfevalError) as e:
        rule(**given)
    assert e.value.code == code


def test_a_negative_deduction_on_a_sheet_is_refused_by_both_backends() -> None:
    """Hunt 15, F8: "日常工作实行扣分制，扣完为止" with 扣分 −3 scored 10 of 10 (a deduction that adds)."""
    rule = perfeval.compile_rule("日常工作实行扣分制，扣完为止", points=10)
    for call in (lambda: rule(扣分=-3), lambda: rule.points(-3), lambda: rule(-3)):
        with pytest.raises(perfeval.PerfevalError) as e:
            call()
        assert e.value.code == "points_input_negative"
    assert rule.points(3) == Decimal("7.00")


def test_scale_to_hundred_puts_the_points_over_the_full_marks_whatever_the_order() -> None:
    """Hunt 15, F3: "按…分值之和与得分之和换算成百分制" divided the 分值 by the 得分 (45 of 100 scored 100)."""
    rule = perfeval.compile_rule("总分按适用指标的分值之和与得分之和换算成百分制", points=100)
    assert rule(适用指标得分之和="45", 适用指标分值之和="60").points == Decimal("75.00")


def test_listed_values_whose_count_disagrees_and_a_cap_beside_them_are_refused() -> None:
    """Hunt 15, F4/F5: "四率(登记率、备案率、签约率)" (three names under 四) compiled as one value, the list dropped; a
    最多扣2分 after 任一项 was taken per value without saying so."""
    assert _refused("四率(登记率、备案率、签约率)达100%记6分。任一项每下降一个百分点扣0.3分", 6) == "listed_unread"
    assert _refused("两率(登记率、备案率)达95%记6分。任一项每下降一个百分点扣0.3分，最多扣2分", 6) == "listed_cap"


def test_a_cap_beside_a_deduction_sheet_is_not_dropped() -> None:
    """Hunt 15, F2: "实行扣分制。扣分总额以5分为限" (10): 扣分 7 scored 3 — the cap was read and never applied."""
    assert _refused("实行扣分制。扣分总额以5分为限", 10) == "sheet_cap"
    assert _refused("日常工作实行扣分制，扣分总额不超过5分", 10) == "sheet_cap"


@pytest.mark.parametrize(("text", "rate"), [("支出进度超过20万元、10万元和5万元的，分别扣3分、2分、1分", "55%"),
                                            ("每推迟1天扣0.5分", "50%")])
def test_a_rate_given_to_a_rule_of_amounts_is_refused(text: str, rate: str) -> None:
    """Hunt 5's note: "55%" given to "超过20万元…分别扣3分…" was read as 0.55万元 (5.00 of 5); a rate is no amount of
    万元 or of 天."""
    rule = perfeval.compile_rule(text, points=5)
    with pytest.raises(perfeval.PerfevalError) as e:
        rule(rate)
    assert e.value.code == "unit_mismatch"


def test_a_veto_the_meaning_does_not_hold_is_refused() -> None:
    """"每发现一处问题扣1分，一票否决" (5) compiled with no veto anywhere: 3 problems scored 2.00 and vetoed nothing."""
    assert _refused("每发现一处问题扣1分，一票否决", 5) == "unread_scoring"
    rule = perfeval.compile_rule("发生重大安全事故的，实行一票否决", points=5)
    assert rule(1).veto is not None and rule(0).veto is None
