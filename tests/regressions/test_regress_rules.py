"""Issue 13, rules: one test per repro (crashes, wrong results, time) — each asserts the right behaviour."""

from __future__ import annotations

import decimal
import re
from decimal import Decimal as D
from pathlib import Path

import pytest

import perfeval as p
from perfeval.limits import MAX_CLAUSE_TOKENS, LimitError

SEEDS = Path(__file__).resolve().parents[1] / "fixtures" / "seed_standards.txt"
BANDS = "95%以上计6分，90%至95%计4分，其余计0分"
STEPS = "100%计满分，每低于5%扣2分，扣完为止"
RUBRIC_HEAD = "评价体系 x\n满分 5\n一级指标 a 5分\n三级指标 b 5分\n"


def seed_standards() -> list[tuple[str, D]]:
    """(standard, 分值) of every ``kind=standard`` block of the seeds (分值 ``?`` → 10)."""
    out = []
    for block in re.split(r"\n[ \t]*\n", SEEDS.read_text(encoding="utf-8")):
        lines = block.strip("\n").split("\n")
        if lines[0].startswith("## ") and "kind=standard" in lines[0]:
            m = re.search(r"分值=([^|]*)", lines[0])
            raw = m.group(1).strip() if m else "?"
            out.append(("\n".join(lines[1:]), D(10) if raw == "?" else D(raw)))
    return out


def compiled_seeds() -> list[p.Rule]:
    rules = []
    for text, points in seed_standards():
        try:
            rules.append(p.compile_rule(text, points=points))
        except p.PerfevalError:
            continue
    return rules


# --- crashes ---------------------------------------------------------------------------------------------

def test_partial_step_clause_alone_is_a_rule_error() -> None:
    """不足5%按5%计 on its own (no rule to modify) was a ValueError."""
    with pytest.raises(p.RuleError) as info:
        p.compile_rule("不足5%按5%计", points=5)
    assert info.value.location.line == 1


def test_deduct_until_zero_alone_is_a_rule_error_and_a_rubric_error() -> None:
    """扣完为止 alone compiled, then r(1) and Rubric.check() raised ValueError."""
    with pytest.raises(p.RuleError):
        p.compile_rule("扣完为止", points=6)
    with pytest.raises(p.PerfevalError) as info:
        p.loads(RUBRIC_HEAD + "  标准：扣完为止\n")
    assert info.value.location.line == 5


def test_fifty_digit_number_in_a_standard_scores_exactly() -> None:
    rule = p.compile_rule("低于" + "9" * 50 + "%计0分，其余计满分", points=5)
    assert rule("50%").points == D("0.00")
    assert rule.points("1" + "0" * 50 + "%") == D("5.00")
    assert rule("9" * 50 + "%").points == D("5.00")


def test_points_of_ten_to_the_48_is_a_limit_error() -> None:
    with pytest.raises(LimitError) as info:
        p.compile_rule("90%以上计满分", points=10 ** 48)
    assert info.value.limit.name == "points_digits" and info.value.value == 49
    assert "上限 30" in str(info.value) and "the limit is 30" in info.value.message_in("en")


def test_precision_of_1e_minus_60_is_a_limit_error() -> None:
    with pytest.raises(LimitError) as info:
        p.compile_rule("90%以上计满分", points=5, precision=D("1E-60"))
    assert info.value.limit.name == "precision_exponent" and info.value.value == 60


def test_202_term_formula_is_refused_by_the_clause_token_limit() -> None:
    with pytest.raises(LimitError) as info:
        p.compile_rule("得分=" + "+".join(["实际"] * 202), points=5)
    assert f"上限 {MAX_CLAUSE_TOKENS}" in str(info.value)


def test_thousand_character_formula_is_a_syntax_error_not_a_recursion_error() -> None:
    text = ("得分=" + "(" * 300 + "实际" + ")" * 300)[:1000]
    with pytest.raises(p.PerfevalError):
        p.compile_rule(text, points=5)
    with pytest.raises(LimitError):  # the clause_tokens limit, before any parser recursion
        p.compile_rule(("得分=" + "+".join(["实际"] * 400))[:1000], points=5)


@pytest.mark.parametrize("trap", [decimal.Inexact, decimal.Rounded, decimal.Underflow])
def test_compiling_and_explaining_under_a_callers_trap(trap: type[decimal.DecimalException]) -> None:
    with decimal.localcontext() as ctx:
        ctx.traps[trap] = True
        rule = p.compile_rule(STEPS + "（调用方陷阱）", points=6)
        score = rule("87.3%")
        text = score.explain()
    assert score.points == D("2.00") and "2.00" in text
    assert rule.points("87.3%") == D("2.00")


@pytest.mark.parametrize("value", ["NaN", "sNaN", "-NaN"])
def test_nan_and_snan_are_input_errors(value: str) -> None:
    rule = p.compile_rule(BANDS, points=6)
    with pytest.raises(p.InputError):
        rule.points(D(value))
    with pytest.raises(p.InputError):
        rule(D(value))


def test_minus_infinity_is_an_input_error() -> None:
    rule = p.compile_rule(BANDS, points=6)
    with pytest.raises(p.InputError, match="有限"):
        rule.points(D("-Infinity"))


def test_1e_plus_999999_is_a_limit_error_where_it_is_computed_with() -> None:
    # A band table only compares the value: 1E+999999 is above 95% (docs/limits.md). Steps compute with it.
    bands = p.compile_rule(BANDS, points=6)
    assert bands.points(D("1E+999999")) == bands(D("1E+999999")).points == D("6.00")
    rule = p.compile_rule("100%计满分，每低于5%扣2分，扣完为止。", points=6)
    for call in (rule.points, rule):
        with pytest.raises(LimitError) as info:
            call(D("1E+999999"))
        assert info.value.limit.name == "number_exponent" and info.value.value == 999999


def test_composite_given_a_number_is_a_judgement_error() -> None:
    rule = p.compile_rule("1.印发通知的得2分，否则不得分。2.按时报送的得3分，每推迟一天扣1分，扣完为止。", points=5)
    with pytest.raises(p.PerfevalError):
        rule(5)
    assert rule([True, 2]).points == D("3.00")


@pytest.mark.parametrize("value", [1, D("1"), "50%", 10 ** 5000, [10 ** 5000]],
                         ids=["1", "D1", "50%", "10**5000", "[10**5000]"])
def test_checklist_given_a_number_or_a_quantity_is_a_judgement_error(value: object) -> None:
    rule = p.compile_rule("①制度健全得2分；②执行有效得3分", points=5)
    with pytest.raises(p.JudgementError) as info:
        rule(value)
    assert "{" not in str(info.value)  # the message was filled in, even for a 5,001-digit int
    assert rule(["①"]).points == D("2.00")


def test_judged_range_given_ten_to_the_5000_needs_judgement() -> None:
    score = p.compile_rule("得16—18分", points=18)(10 ** 5000)
    assert score.points is None and score.allowed == (D(16), D(18))


@pytest.mark.parametrize("value", [10 ** 5000, "9" * 5000], ids=["int", "str"])
def test_option_rule_given_a_5000_digit_value_is_an_error(value: object) -> None:
    rule = p.compile_rule("效果好的计6分；一般3分；无效果0分", points=6)
    with pytest.raises(p.PerfevalError):
        rule(value)
    with pytest.raises(p.PerfevalError):
        rule.points(value)


@pytest.mark.parametrize(("line", "column_text"), [
    ("例：a=1, b → 5分", "a=1, b"),
    ("例：空 → 待评 1.2.3–4分", "1.2.3"),
    ("例：93% → sNaN分", "sNaN"),
])
def test_malformed_example_lines_are_located_rubric_errors(line: str, column_text: str) -> None:
    with pytest.raises(p.RubricError) as info:
        p.loads(RUBRIC_HEAD + "  标准：" + STEPS + "\n  " + line + "\n", "x.rules")
    assert info.value.location.path == "x.rules" and info.value.location.line == 6
    assert column_text in str(info.value)


def test_sixty_one_digit_grade_edge_is_read_exactly() -> None:
    edge = "9" * 61
    grades = p.compile_grades(f"{edge}分（含）以上为优")
    assert grades.bands[0].interval.lo == D(edge)
    rubric = p.loads("评价体系 x\n满分 5\n等级 " + edge + "分（含）以上为优\n一级指标 a 5分\n三级指标 b 5分\n"
                     "  标准：100%计满分\n")
    assert rubric.grades is not None


def test_sixty_digit_points_in_a_rules_file_is_a_located_limit_error() -> None:
    with pytest.raises(LimitError) as info:
        p.loads("评价体系 x\n满分 5\n一级指标 a 5分\n三级指标 b " + "9" * 60 + "分\n  标准：100%计满分\n", "x.rules")
    assert info.value.limit.name == "points_digits"
    assert (info.value.location.path, info.value.location.line) == ("x.rules", 4)


def test_sixty_one_digit_expected_points_in_an_example_is_a_limit_error() -> None:
    with pytest.raises(LimitError) as info:
        p.loads(RUBRIC_HEAD + "  标准：" + STEPS + "\n  例：93% → " + "9" * 61 + "分\n")
    assert info.value.location.line == 6


# --- wrong results ---------------------------------------------------------------------------------------

@pytest.mark.parametrize("value", ["Infinity", "-Infinity"])
def test_infinity_never_earns_points_on_any_seed_rule(value: str) -> None:
    rules = compiled_seeds()
    assert len(rules) > 50
    for rule in rules:
        with pytest.raises(p.PerfevalError):
            rule.points(D(value))
        try:
            score = rule(D(value))
        except p.PerfevalError:
            continue
        assert score.points is None, rule.text  # a judged rule (评价要点 only) asks for judgement; no points


def test_a_rate_of_sixty_nines_below_a_band_edge_stays_below_it() -> None:
    rule = p.compile_rule(BANDS, points=6)
    assert rule("94." + "9" * 60 + "%").points == D("4.00")
    assert rule.points(D("0.94" + "9" * 60)) == D("4.00")
    assert rule.points(D("0.95")) == D("6.00")


def test_the_callers_context_changes_no_score_and_gives_no_minus_zero() -> None:
    expected = {v: p.compile_rule(STEPS, points=6).points(v) for v in ("87.3%", "12%", "100%")}
    with decimal.localcontext() as ctx:
        ctx.prec, ctx.rounding = 3, decimal.ROUND_FLOOR
        ctx.traps[decimal.Inexact] = True
        baked = p.compile_rule(STEPS + "（在调用方的上下文中编译）", points=6)
        inside = {v: baked.points(v) for v in expected}
    outside = {v: baked.points(v) for v in expected}
    assert inside == outside == expected
    assert expected["12%"] == D("0.00") and not expected["12%"].is_signed()


# --- time and memory: refused by construction (benchmarks/bench_adversarial.py times them) ---------------

def test_jia_dun_480_times_is_refused_by_the_clause_token_limit() -> None:
    with pytest.raises(LimitError, match=f"上限 {MAX_CLAUSE_TOKENS}"):
        p.compile_rule("甲、" * 480, points=5)


def test_500_enumeration_commas_are_refused_by_the_clause_token_limit() -> None:
    with pytest.raises(LimitError, match=f"上限 {MAX_CLAUSE_TOKENS}"):
        p.compile_rule("、" * 500, points=5)


def test_a_step_rule_at_1e_minus_30000000_is_a_limit_error() -> None:
    rule = p.compile_rule(STEPS, points=6)
    with pytest.raises(LimitError) as info:
        rule.points(D("1E-30000000"))
    assert info.value.value == 30000000


# --- found by the fuzz suite (tests/fuzz) -----------------------------------------------------------------

def test_compiling_in_a_clamping_context_with_clamped_trapped() -> None:
    """compile_rule's precision check normalised 0.01 in the caller's context: Clamped, or a ValidationError."""
    expected = p.compile_rule(BANDS, points=6).points("93%")
    with decimal.localcontext(decimal.Context(Emax=5, Emin=-5, clamp=1, traps=[decimal.Clamped])):
        rule = p.compile_rule(BANDS + "（夹紧的上下文）", points=6)
        assert rule.points("93%") == expected == D("4.00")


def test_rubric_sums_are_exact_in_a_three_digit_context_with_inexact_trapped() -> None:
    text = ("评价体系 x\n满分 100\n一级指标 a 100分\n三级指标 b 33.33分\n  标准：100%计满分\n"
            "三级指标 c 33.33分\n  标准：100%计满分\n三级指标 d 33.34分\n  标准：100%计满分\n")
    with decimal.localcontext(decimal.Context(prec=3, rounding=decimal.ROUND_FLOOR, traps=[decimal.Inexact])):
        rubric = p.loads(text)
        findings = rubric.check()
        card = rubric.score({"b": "100%", "c": "100%", "d": "100%"})
    assert not [d for d in findings if d.code in ("PE301", "PE302")]
    assert card.total == D("100.00")


def test_a_scorecard_is_the_same_in_a_hostile_context() -> None:
    from perfeval.rubric.audit import audit, evaluate

    path = Path(__file__).resolve().parents[2] / "examples" / "luosong-2021-department.toml"
    card = evaluate(p.load_evaluation(path))
    with decimal.localcontext(decimal.Context(prec=3, rounding=decimal.ROUND_FLOOR, traps=[decimal.Inexact])):
        there = evaluate(p.load_evaluation(path))
        found = audit(there)
    assert there.total == card.total == D("97.83") and found.card.total == card.total


@pytest.mark.parametrize("value", ["50%", "93 %", "5‰", "3个百分点"])
def test_a_percentage_is_not_a_count(value: str) -> None:
    """每发现一处问题扣0.5分 given "50%" counted 50 problems (the % taken for the count's unit)."""
    rule = p.compile_rule("每发现一处问题扣0.5分，扣完为止", points=5)
    with pytest.raises(p.InputError):
        rule(value)
    with pytest.raises(p.InputError):
        rule.points(value)
    assert rule("3次").points == D("3.50")


def test_a_standard_that_broke_the_analysis_is_a_rule_error_not_a_value_error() -> None:
    """Found by the fuzz suite: a mutated seed standard raised ValueError inside the meaning analysis."""
    text = "目资金被审计认定为挪用的,除本项不得分外,另倒扣10分;被认定为违规使用的,扣项4分。"
    try:
        rule = p.compile_rule(text, points=4)
    except p.RuleError:
        return
    assert rule.max_points == 4  # once the analysis reads it, it must read it without a crash


def test_any_bug_in_the_analysis_is_refused_as_an_internal_rule_error(monkeypatch: pytest.MonkeyPatch) -> None:
    from perfeval.rules import rule as rule_module

    def broken(*args: object) -> object:
        raise ValueError("x is not in list")

    monkeypatch.setattr(rule_module, "analyse", broken)
    with pytest.raises(p.RuleError) as info:
        p.compile_rule("100%计满分（分析出错）", points=5)
    assert info.value.code == "internal_error" and "ValueError" in str(info.value)


def test_what_a_rule_gives_when_there_is_nothing_to_score_is_an_allowed_score() -> None:
    """Found by the fuzz suite: 本项不扣分 for a non-applicable case scored 5 while allowed_points() said {0, 1.5}."""
    rule = p.compile_rule("纳入示范片区的小区物业负责人取得分类督导员培训合格证书,得1.5分.非示范片区,本项不扣分.", points=5)
    assert rule(None).points == D("5.00")
    assert rule.allows(D(5)) and rule.allows(D("1.5")) and not rule.allows(D(3))


@pytest.mark.parametrize("value", [D("sNaN"), [D("sNaN"), None], [10 ** 5000], 10 ** 5000],
                         ids=["sNaN", "[sNaN, None]", "[10**5000]", "10**5000"])
@pytest.mark.parametrize("text", ["(未设立专岗的扣3分", "①制度健全得2分；②执行有效得3分"])
def test_a_signalling_nan_or_a_huge_int_given_to_a_flag_or_checklist_is_an_error(text: str, value: object) -> None:
    """Found by the fuzz suite: ``raw in (0, 1)`` compared an sNaN (InvalidOperation); ``str()`` of a huge int."""
    rule = p.compile_rule(text, points=3 if text.startswith("(") else 5)
    with pytest.raises(p.PerfevalError):
        rule(value).explain()


def test_an_assessors_points_are_checked_in_perfevals_context() -> None:
    """Found by the fuzz suite: allowed_points() summed in the caller's context (Inexact under prec=3)."""
    text = "会议记录不规范的,酌情扣" + "9" * 60 + "-2分;未建立会议记录的,扣3分。"
    rule = p.compile_rule(text, points=3)
    given = {"①": True, "②": False, "评审得分": "1.5"}

    def outcome() -> object:
        try:
            return rule(given).points
        except p.PerfevalError as exc:
            return exc.code
    expected = outcome()
    with decimal.localcontext(decimal.Context(prec=3, rounding=decimal.ROUND_FLOOR, traps=[decimal.Inexact])):
        assert outcome() == expected
        assert rule.allowed_points() == p.compile_rule(text, points=3).allowed_points()


def test_a_floor_above_the_points_is_refused_not_scored_above_them() -> None:
    """Found by the fuzz suite: 最低6分 of an item worth 5 scored 6.00 at 100% (and 10⁶⁰ for a 60-digit floor)."""
    with pytest.raises(p.RuleError) as info:
        p.compile_rule("100%计满分，每低于5%扣2分，最低6分。", points=5)
    assert info.value.code == "floor_above_points"
    assert p.compile_rule("100%计满分，每低于5%扣2分，最低2分。", points=5).points("50%") == D("2.00")


def test_a_zeroing_clause_with_its_own_points_is_an_allowed_score() -> None:
    """Found by the fuzz suite: 除本项不得分外,另倒扣10分 scores −10, and allowed_points() said {−4, 0, 4}, so the
    audit would have flagged a correct reported −10 as a score the standard does not give."""
    rule = p.compile_rule("项目资金被审计认定为挪用的,除本项不得分外,另倒扣10分;被认定为违规使用的,扣4分。", points=4)
    assert rule(["①"]).points == D("-10.00") and rule.allows(D("-10"))
    assert [lo for lo, _ in rule.allowed_points()] == [D("-10"), D("0"), D("4")]
    assert not rule.allows(D("-4"))  # 4 − 4 is 0; −4 is no score the text gives


def test_a_rule_without_a_floor_allows_any_score_below_its_top() -> None:
    """Found by the fuzz suite: 此项可倒扣分 with no limit scores −553 at 93 cases; allowed_points() said ≥ −5."""
    rule = p.compile_rule("发生较大安全事故的每起扣6分,此项可倒扣分。", points=5)
    assert rule(93).points == D("-553.00") and rule.allows(D("-553"))
    assert not rule.allows(D("5.01"))


def test_a_template_for_a_rule_without_a_floor_validates_only_the_top(tmp_path) -> None:  # type: ignore[no-untyped-def]
    import openpyxl

    from perfeval.workbook import write_rubric_template

    rubric = p.loads("评价体系 示例\n满分 5\n一级指标 产出 5分\n三级指标 安全 5分\n  标准：发生较大安全事故的每起扣6分,此项可倒扣分。\n")
    write_rubric_template(rubric, tmp_path / "t.xlsx", None)
    [check] = openpyxl.load_workbook(tmp_path / "t.xlsx").active.data_validations.dataValidation
    assert (check.operator, check.formula1) == ("lessThanOrEqual", "5")


def test_a_deduction_verb_the_grammar_did_not_read_is_refused_not_an_award() -> None:
    """Found by the fuzz suite: this raised ValueError in the counted family (a merged reading looked up by
    identity); once that was fixed it compiled "被认定为违规使用的,扣项4分" as the score of a clean record (4分)."""
    with pytest.raises(p.PerfevalError) as err:
        p.compile_rule("目资金被审计认定为挪用的,除本项不得分外,另倒扣10分;被认定为违规使用的,扣项4分。", points=4)
    assert err.value.code == "unread_scoring" and "扣项4分" in err.value.message
    assert p.compile_rule("未扣分的得5分，每发现一处问题扣1分", points=5)(0).points == D("5.00")


def test_a_number_of_hundreds_of_digits_written_with_spaces_is_a_limit_error() -> None:
    """Found by the fuzz suite (issue 13, long run): 倒扣 "11111111 11111111 …" (spaces inside a number are
    tolerated, so 400 digits) compiled, and scoring it raised decimal.InvalidOperation at the final rounding."""
    text = "违规开具居住证明一例倒扣 " + " ".join(["11111111"] * 50) + " 分,所开证明要素不全,缺一项扣 0.25 分,该项可负分;"
    with pytest.raises(LimitError) as info:
        p.compile_rule(text, points=4)
    assert info.value.limit.name == "number_digits" and info.value.value == 400
    near = "违规开具居住证明一例倒扣 " + " ".join(["11111111"] * 12) + " 分,所开证明要素不全,缺一项扣 0.25 分,该项可负分;"
    exact = decimal.Context(prec=200).subtract(D(4), D("1" * 96))  # 96 digits: within the limit, and exact
    assert p.compile_rule(near, points=4)(["①"]).points == exact


def test_each_task_worth_2_of_ten_to_the_29_points_is_a_limit_error_not_gigabytes() -> None:
    """The OOM of the 800 s fuzz run (issue 13): 每项任务各2分 makes 分值 ÷ 2 parts, and a 分值 of 10**29 made a
    list of 5 × 10**28 part names (MemoryError under a 1.5 GB cap, 24 GB and the OOM killer without one)."""
    text = "每项任务各2分,按期完成按满分计算的计满分,未完成的计0分"
    with pytest.raises(LimitError) as info:
        p.compile_rule(text, points=10 ** 29)
    assert info.value.limit.name == "parts" and info.value.value == 5 * 10 ** 28
    assert info.value.location.line == 1
    with pytest.raises(LimitError):
        p.compile_rule(text, points=202)  # 101 parts
    assert len(p.compile_rule(text, points=200).item.parts) == 100
    assert p.compile_rule(text, points=6)(["①", "③"]).points == D("4.00")


def test_a_rank_range_of_a_hundred_million_places_is_refused_without_listing_them() -> None:
    """Found looking for the OOM's kin: 第1-99999999名分别计3分、2分、1分 built a list of every place before
    comparing its length with the three points (MemoryError under a 2 GB cap); now the count is compared first.
    Measured on three million places (about 100 MB as a list), so that a regression fails here, not the machine."""
    import tracemalloc

    tracemalloc.start()
    try:
        with pytest.raises(p.RuleError) as info:
            p.compile_rule("排名第1-3000000名分别计3分、2分、1分", points=3)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert info.value.code == "cond_without_points" and peak < 20 * 2**20, peak
    rule = p.compile_rule("排名第1-3名分别计3分、2分、1分", points=3)
    assert [rule(k).points for k in (1, 2, 3)] == [D("3.00"), D("2.00"), D("1.00")]


_TRAPPING = [decimal.Context(prec=28, rounding=decimal.ROUND_UP, traps=[decimal.Clamped], Emax=5, Emin=-5, clamp=1),
             decimal.Context(prec=1, rounding=decimal.ROUND_UP, traps=[decimal.Inexact], Emax=5, Emin=-5),
             decimal.Context(prec=1, traps=[decimal.Rounded], Emax=5, Emin=-5),
             decimal.Context(prec=28, traps=[decimal.Overflow], Emax=5, Emin=-5)]


@pytest.mark.parametrize("ctx", _TRAPPING, ids=["Clamped", "Inexact", "Rounded", "Overflow"])
def test_a_quantity_given_for_a_yes_no_is_compared_in_perfevals_context(ctx: decimal.Context) -> None:
    """Found by the fuzz suite (issue 13, long run): 96万元 given to "未建立会议记录的,扣3分" was compared with 0 and
    1 by pint in the caller's context — Clamped, Overflow, Rounded or Inexact escaped instead of the refusal."""
    def outcome(rule: p.Rule, value: object) -> object:
        try:
            return rule(value).points
        except p.PerfevalError as exc:
            return exc.code

    single = p.compile_rule(";未建立会议记录的,扣3分。", points=3)
    listed = p.compile_rule("①未按时向市档案馆移交的扣4分;②未及时归档的扣4分", points=8)
    cases = [(single, p.quantity("96万元")), (listed, [p.quantity("96万元"), None]), (single, 1)]
    expected = [outcome(rule, value) for rule, value in cases]
    assert expected[0] == "not_a_flag" and expected[2] == D("0.00")
    with decimal.localcontext(ctx):
        assert [outcome(rule, value) for rule, value in cases] == expected
