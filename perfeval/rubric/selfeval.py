"""The default scoring of a self-evaluation table (自评表), as 002 describes it.

A 自评表 carries its own indicators; where a row has no 评(扣)分标准 of its own, 002's standard methods
apply, quoted verbatim from the seed (002_7a7e6e5ab32dae8f.txt):

* 定量 (≥ > = ≤ <): the completion ratio of 实际完成值 against 年度指标值 (target/actual for ≤ and <), scored by
  002's 比例赋分 with a 及格门槛 (line 117) — 100% and above earn the whole 分值;
* 定性: 002's 等级赋分 tiers (line 118), for which the reported 得分 is the assessor's input;
* 资金: 分值 × 执行率, as the table's own header says ("得分(分值×执行率)", 004 line 118).

>>> from perfeval.datafile import load_evaluation
>>> card = score_self_evaluation(load_evaluation("examples/luosong-2021-department.toml"))
>>> card.total, card.grade
(Decimal('97.83'), '优')
"""

from __future__ import annotations

from decimal import Decimal
from functools import cache

import attrs

from ..errors import PerfevalError
from ..model import Department, Indicator, Project
from ..numbers import own_context, percent_text
from ..rules import Rule, compile_rule
from ..targets import TargetKind
from .own_rates import which_rate
from .reason import Reason, said
from .scoring import IndicatorScore, ScoreCard, card_of, grades_of, judge, run_rule

#: 002 line 117, verbatim: 比例赋分，并设置及格门槛.
QUANTITATIVE = ("定量指标按比例赋分, 并设置及格门槛。如: 完成率小于60%为不及格, 不得分; 大于等于60%, 按超过的比重赋分, "
                "计算公式为: 得分 = (实际完成率-60%) / (1-60%) × 指标分值。")
#: 002 line 118, verbatim: 按评判等级赋分.
QUALITATIVE = ("按评判等级赋分。主要适用于情况说明类的定性指标。分为基本达成目标、部分实现目标、实现目标程度较低三个档次, "
               "并分别按照该指标对应分值区间100%-80%(含)、80%-60%(含)、60%-0%合理确定分值。")
#: 004 line 118: the 资金情况 header.
EXECUTION = "得分(分值×执行率)"

NAMES = ("部门整体支出绩效自评表", "项目支出绩效自评表")


@cache
def _rule(text: str, points: Decimal) -> Rule:
    return compile_rule(text, points=points)


@own_context
def score_self_evaluation(ev: Project | Department) -> ScoreCard:
    """Score a 自评表 by its own rows (see the module's docstring)."""
    items: list[IndicatorScore] = []
    funds = ev.funds
    if funds is not None and funds.points is not None:
        items.append(_funds(ev))
    items.extend(attrs.evolve(_indicator(ind), has_row=True) for ind in ev.indicators)
    max_total = sum((i.max_points for i in items), Decimal(0))
    card = card_of(ev.rubric, tuple(items), max_total, grades_of(ev), ev.reported_total, ev.reported_grade)
    return attrs.evolve(card, declared_total=ev.total_points, rows_read=len(ev.indicators))


def _funds(ev: Project | Department) -> IndicatorScore:
    funds = ev.funds
    assert funds is not None and funds.points is not None

    class _Row:  # the funds block scored like an indicator, named as the table names it
        name = "资金执行率"
        path = ("资金情况", "执行率")

    try:
        rate = funds.execution_rate
    except PerfevalError as exc:
        return IndicatorScore(_Row.name, _Row.path, None, funds.points, funds.reported, "error",
                              said("why_rate_fails", cause=exc))
    out = run_rule(_rule(EXECUTION, funds.points), _Row(), rate, funds.reported,  # type: ignore[arg-type]
               f"执行率 = 全年执行数 {funds.spent} / 全年预算数 {funds.budget} = {percent_text(rate)} ")
    return out


def _indicator(ind: Indicator) -> IndicatorScore:
    if ind.standard:
        try:
            rule = _rule(ind.standard, ind.points)
        except PerfevalError as exc:
            return IndicatorScore(ind.name, ind.path, ind.reported, ind.points, ind.reported, "reported",
                                  said("why_its_does_not_compile_as", cause=exc))
    elif ind.target is not None and ind.target.kind is TargetKind.QUANTITATIVE:
        rule = _rule(QUANTITATIVE, ind.points)
    else:
        rule = _rule(QUALITATIVE, ind.points)
    met = _met(ind)
    if not rule.scores_value:
        if met is not None and rule.answers_yes_no:
            # "完成目标得满分，否则不得分": whether the target is met is in the table.
            word = said("why_target_met") if met else said("why_target_not_met")
            return run_rule(rule, ind, met, ind.reported, word)
        return judge(rule, ind, ind.reported)
    if ind.target is None or ind.actual is None:
        missing = "年度指标值" if ind.target is None else "实际完成值"
        return _unchecked(ind, said("why_no_to_recompute_it", missing=missing))
    if ind.standard and {"实际值", "目标值"} <= set(rule.inputs):
        # 完成指标值的得满分，未完成的按完成比例计分: its own standard compares the actual value with the target —
        # both cells go in, the target with its comparator (≤5% met by 4%), never the actual rate alone
        return run_rule(rule, ind, {"实际值": ind.actual, "目标值": ind.target}, ind.reported,
                        said("reason_actual_and_target", actual=ind.actual.text, target=ind.target.text))
    if ind.standard and _is_rate(ind.actual):
        # Its own standard names rates (90%（含）以上计6分): the actual rate is the value it scores when the target
        # is on the standard's scale; a 完成率 standard, or a ≤ target under a higher-is-better scale, scores the
        # completion ratio; otherwise which rate its numbers are of is not said (own_rates.py)
        which = which_rate(rule, ind.name, ind.standard, ind.target)
        if which is None:
            return _unchecked(ind, said("why_which_rate", target=ind.target.text, standard=ind.standard))
        if which == "actual":
            return run_rule(rule, ind, ind.actual.value.to("dimensionless").magnitude,  # type: ignore[union-attr]
                            ind.reported, said("reason_actual_value", text=ind.actual.text))
        return _completion(rule, ind, met, said("why_scores_the_completion"))
    if _is_rate(ind.actual) and not _is_rate(ind.target):
        # "519.84万亩" achieved "100%": the table gives the completion rate itself (001 does this).
        ratio = ind.actual.value.to("dimensionless").magnitude  # type: ignore[union-attr]
        return run_rule(rule, ind, ratio, ind.reported,
                    said("why_is_the_completion_rate", actual_text=ind.actual.text))
    return _completion(rule, ind, met, Reason(""))


def _completion(rule: Rule, ind: Indicator, met: bool | None, lead: Reason) -> IndicatorScore:
    """The row scored by its completion ratio (actual/target; target/actual for ≤ and <)."""
    assert ind.target is not None and ind.actual is not None
    try:
        ratio = ind.target.completion(ind.actual)
    except PerfevalError as exc:
        if met:
            # ≤5次 with 0 actual: the ratio is undefined, but the target is plainly met.
            return run_rule(rule, ind, Decimal(1), ind.reported, lead +
                            said("why_meets_completion_taken_as", actual_text=ind.actual.text,
                                 target_text=ind.target.text))
        return _unchecked(ind, lead + said("why_cannot_be_computed", cause=exc))
    shown = Reason(f"完成率 {_ratio_text(ind)} = {percent_text(ratio)} ")
    return run_rule(rule, ind, ratio, ind.reported, lead + shown if lead else shown)


def _met(ind: Indicator) -> bool | None:
    """Whether the actual value meets the target, when the two can be compared."""
    if ind.target is None or ind.actual is None:
        return None
    try:
        return ind.target.is_met(ind.actual)
    except PerfevalError:
        return None


def _ratio_text(ind: Indicator) -> str:
    assert ind.target is not None and ind.actual is not None
    if ind.target.comparator in ("≤", "<"):
        return f"{ind.target.text} / {ind.actual.text}（越低越好）"
    return f"{ind.actual.text} / {ind.target.text}"


def _unchecked(ind: Indicator, why: Reason) -> IndicatorScore:
    if ind.reported is None:
        return IndicatorScore(ind.name, ind.path, None, ind.points, None, "error",
                              why + said("why_and_no_is_reported"))
    return IndicatorScore(ind.name, ind.path, ind.reported, ind.points, ind.reported, "reported",
                          why + said("why_as_reported"))


def _is_rate(t: object) -> bool:
    from ..units import is_percent

    value = getattr(t, "value", None)
    return value is not None and len(getattr(t, "values", ())) == 1 and is_percent(value.units)


def _because(out: IndicatorScore, prefix: Reason) -> IndicatorScore:
    return attrs.evolve(out, reason=prefix + out.reason)
