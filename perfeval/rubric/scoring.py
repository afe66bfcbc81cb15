"""Scoring a whole self-evaluation: rubric × (Project | Department | mapping) → :class:`ScoreCard`.

Each indicator is scored from the best evidence there is, and the card says which:

* ``computed`` — from data: a 公式 fed by the department's base data (预算控制率 from 年初预算 and
  本年追加预算), a completion ratio of 实际完成值 against 年度指标值, or a value given in a mapping;
* ``judged`` — a standard that needs the assessor's judgement: the reported 得分 is the assessor's
  input, used after checking that the standard allows it (DESIGN.md, "Judgement");
* ``reported`` — no data to recompute it: the reported 得分 is carried, marked as not checked;
* ``error`` — the data cannot be scored (a denominator of 0, a value no band covers): the reason is kept;
* ``not_applicable`` — given as ``"不适用"``: the indicator does not apply to the unit and leaves the total,
  which the rubric's 总则 re-normalises to the full marks (DESIGN.md, "Not applicable"); without such a 总则
  the card is not graded.

>>> from perfeval.rubric.rubric import loads
>>> r = loads("评价体系 示例\\n满分 5\\n一级指标 产出 5分\\n三级指标 完成率 5分\\n  标准：100%计满分，每低于5%扣2分\\n")
>>> card = r.score({"完成率": "93%"})
>>> card.total, card["完成率"].points, card["完成率"].status
(Decimal('3.00'), Decimal('3.00'), 'computed')
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from decimal import ROUND_HALF_UP, Decimal
from typing import TYPE_CHECKING, Any

import attrs

from ..errors import InputError, PerfevalError
from ..i18n import N_
from ..model import Department, Indicator, Project
from ..numbers import own_context, percent_text, to_decimal
from ..quantities import quantity
from ..rules import GradeTable, Rule, Score, compile_grades
from ..units import is_percent
from .general import NOT_APPLICABLE
from .inputs import evaluation_inputs
from .matching import UnmatchedRow, find_key, match_rows, path_text, suggest
from .reason import Reason, said

if TYPE_CHECKING:
    from .rubric import Rubric, RubricIndicator

Evaluation = Project | Department

#: Each :attr:`IndicatorScore.status` and the message that names it (重算 / 评价人 / 照报 / 无法计算 / 不适用): the one
#: table the card, the page and the workbook read.
STATUS_WORDS: dict[str, str] = {"computed": N_("status_computed"), "judged": N_("status_judged"),
                                "reported": N_("status_reported"), "error": N_("status_error"),
                                "not_applicable": N_("status_not_applicable")}


@attrs.frozen
class IndicatorScore:
    """How one indicator scored: points (None when it could not be scored), and why.

    ``status`` is computed, judged, reported or error (see the module's docstring); ``score`` is the
    rule's :class:`Score` when a rule ran; ``value`` what it scored; ``reason`` a sentence for a reviewer.
    """

    name: str
    path: tuple[str, ...]
    points: Decimal | None
    max_points: Decimal
    reported: Decimal | None
    status: str
    reason: Reason
    score: Score | None = None
    value: Any = None
    #: True when a row of the table (or a key of a mapping) gave this indicator's data.
    has_row: bool = False


@attrs.frozen
class ScoreCard:
    """A scored self-evaluation: per-indicator results, subtotals per level, total and grade."""

    rubric: str
    items: tuple[IndicatorScore, ...]
    total: Decimal
    max_total: Decimal
    grade: str | None
    reported_total: Decimal | None = None
    reported_grade: str | None = None
    declared_total: Decimal | None = None  # the 总分 分值 the table prints, when it prints one
    #: Rows of the table that no indicator takes (not in the rubric, ambiguous, repeated), with why.
    unmatched: tuple[UnmatchedRow, ...] = ()
    #: How many indicator rows the table has (None for a mapping, which has keys rather than rows).
    rows_read: int | None = None
    #: Why the total has no grade although every indicator scored (a total the grade table does not cover).
    grade_error: Reason | None = None
    #: 公式数据 figures no 公式 of the rubric reads (a misspelt name), each with why.
    unused_inputs: tuple[tuple[str, Reason], ...] = ()
    #: The indicators given as 不适用, left out of the total.
    excluded: tuple[str, ...] = ()
    #: The sum of the points before the 总则 re-normalised it (None when nothing was re-normalised).
    raw_total: Decimal | None = None
    #: The 分值 of the indicators that apply, which the raw total is out of (None when all apply).
    applicable_max: Decimal | None = None
    #: Deductions beyond an indicator's floor carried to the total (扣满8分后从考核总分中继续扣减): 0 or
    #: negative, already in ``total``.
    carried: Decimal = Decimal(0)
    #: (indicator, outcome) of every indicator that vetoes (一票否决, 取消…资格): the grade is then the first
    #: outcome, whatever the total (``grade_reason`` says why).
    vetoes: tuple[tuple[str, str], ...] = ()
    #: Why the grade is not the grade table's (a veto).
    grade_reason: Reason | None = None
    #: What the indicators scored above their 分值 (Σ max(points − 分值, 0)) as it counts in ``total``.
    bonus: Decimal = Decimal(0)
    #: That bonus before the 总则's cap (加分事项累计不超过5分) took it down (None when no cap bit).
    bonus_uncapped: Decimal | None = None
    #: The 总则's cap on the bonus together, as the card was scored with it (None without one).
    bonus_cap: Decimal | None = None

    @property
    def complete(self) -> bool:
        """True when every indicator that applies has points, and one does (only then is the total graded)."""
        applying = [i for i in self.items if i.status != "not_applicable"]
        return bool(applying) and all(i.points is not None for i in applying)

    @property
    def missing(self) -> tuple[str, ...]:
        """The indicators without points (not those given as 不适用), and so left out of the total."""
        return tuple(i.name for i in self.items if i.points is None and i.status != "not_applicable")

    @property
    def counts(self) -> dict[str, int]:
        """What became of the table's rows: read = scored + unchecked + unmatched.

        ``scored`` rows were recomputed or judged within the standard; ``unchecked`` rows are carried as
        reported or could not be scored (each with its reason); ``unmatched`` rows no indicator takes.
        """
        with_row = [i for i in self.items if i.has_row]
        scored = sum(1 for i in with_row if i.status in ("computed", "judged", "not_applicable"))
        return {"read": len(with_row) + len(self.unmatched), "scored": scored,
                "unchecked": len(with_row) - scored, "unmatched": len(self.unmatched)}

    def __getitem__(self, key: str | tuple[str, ...]) -> IndicatorScore:
        """The indicator named ``key`` (its 三级指标 name when unique, else a path such as ``"财务管理/…"``)."""
        try:
            # an item's path may end in a label other than its name (资金执行率 at 资金情况/执行率)
            paths = [i.path if i.path[-1:] == (i.name,) else (*i.path, i.name) for i in self.items]
            return self.items[find_key(paths, key)]
        except PerfevalError as exc:
            raise KeyError(exc.message) from None

    def __iter__(self) -> Iterator[IndicatorScore]:
        return iter(self.items)

    @own_context
    def subtotals(self, level: int = 1) -> dict[str, Decimal]:
        """Points per 一级 (level=1) or 二级 (level=2) 指标."""
        out: dict[str, Decimal] = {}
        for item in self.items:
            if len(item.path) > level and item.points is not None:
                key = item.path[level - 1]
                out[key] = out.get(key, Decimal(0)) + item.points
        return out


@own_context
def score(rubric: Rubric, data: Evaluation | Mapping[str, Any], renormalise: bool = False,
          precision: Decimal = Decimal("0.01"), bonus_cap: Decimal | None = None) -> ScoreCard:
    """Score ``data`` against ``rubric`` (see :class:`ScoreCard`); ``renormalise`` and ``bonus_cap`` as the
    rubric's 总则 says."""
    paths = [ind.path for ind in rubric.indicators]
    if isinstance(data, Mapping):
        given = _keyed(paths, data)
        items = tuple(_from_mapping(ind, given[i]) if i in given else _no_value(ind)
                      for i, ind in enumerate(rubric.indicators))
        return card_of(rubric.name, items, rubric.total, rubric.grades, renormalise=renormalise,
                       precision=precision, bonus_cap=bonus_cap)
    inputs = evaluation_inputs(data)
    matching = match_rows(paths, data.indicators)
    items = tuple(_from_evaluation(ind, row, data, inputs) for ind, row in zip(rubric.indicators, matching.rows, strict=True))
    grades = rubric.grades or grades_of(data)
    card = card_of(rubric.name, items, rubric.total, grades, data.reported_total, data.reported_grade,
                   renormalise=renormalise, precision=precision, bonus_cap=bonus_cap)
    return attrs.evolve(card, unmatched=matching.unmatched, rows_read=len(data.indicators),
                        unused_inputs=_unused(rubric, data))


def _unused(rubric: Rubric, data: Evaluation) -> tuple[tuple[str, Reason], ...]:
    """The file's 公式数据 names that no formula of the rubric reads: never silently dropped."""
    read = {n for ind in rubric.indicators if ind.formula is not None for n in ind.formula.inputs}
    out = []
    for name, _ in data.inputs:
        if name not in read:
            near = suggest(name, read)
            hint = said("indicator_did_you_mean", names="、".join(near)) if near else ""
            out.append((name, said("why_input_unread", name=name, hint=hint)))
    return tuple(out)


def _keyed(paths: list[tuple[str, ...]], data: Mapping[str, Any]) -> dict[int, Any]:
    """The mapping's values by indicator: every key must name one indicator (an unknown key is an error)."""
    out: dict[int, Any] = {}
    for key, value in data.items():
        index = find_key(paths, key)
        if index in out:
            raise InputError("duplicate_key", text=str(key), name=path_text(paths[index]))
        out[index] = value
    return out


def _no_value(ind: RubricIndicator) -> IndicatorScore:
    return IndicatorScore(ind.name, ind.path, None, ind.points, None, "error", said("why_no_value_given"))


def points_above(items: Iterable[IndicatorScore], which: str = "points") -> Decimal:
    """Σ of what the indicators score (``which``: ``"points"`` or ``"reported"``) above their own 分值 — the bonus a
    总则's 加分事项累计不超过5分 caps together (bonus inside an indicator's 分值 is its points). 不适用 ones count
    nothing.

    >>> points_above([IndicatorScore("甲", ("甲",), Decimal(54), Decimal(50), None, "computed", Reason(""))])
    Decimal('4')
    """
    values = ((getattr(i, which), i.max_points) for i in items if i.status != "not_applicable")
    return sum((max(v - top, Decimal(0)) for v, top in values if v is not None), Decimal(0))


def card_of(name: str, items: tuple[IndicatorScore, ...], max_total: Decimal, grades: GradeTable | None,
            reported_total: Decimal | None = None, reported_grade: str | None = None, *,
            renormalise: bool = False, precision: Decimal = Decimal("0.01"),
            bonus_cap: Decimal | None = None) -> ScoreCard:
    """The scorecard of scored ``items``: their total, graded only when every indicator that applies has points.

    Indicators given as 不适用 leave the total; with ``renormalise`` (the rubric's 总则) the total is the
    points of the rest ÷ their 分值 × ``max_total``, rounded half up to ``precision`` once. With ``bonus_cap``
    (加分事项累计不超过5分) the indicators' bonus counts up to the cap together; the rest leaves the total.
    """
    scored = [i.score for i in items if i.score is not None and i.points is not None]
    # 扣满8分后从考核总分中继续扣减: what an indicator's floor held back comes off the total (DESIGN, "Below zero")
    carried = sum((sc.carried for sc in scored), Decimal(0))
    points = sum((i.points for i in items if i.points is not None), Decimal(0))
    bonus = points_above(items, "points")
    uncapped = None
    if bonus_cap is not None and bonus > bonus_cap:
        # 加分事项累计不超过5分: the bonus above the cap is not counted (before any re-normalisation)
        uncapped, points, bonus = bonus, points - (bonus - bonus_cap), bonus_cap
    total = points + carried
    vetoes = tuple((i.name, i.score.veto) for i in items if i.score is not None and i.score.veto)
    excluded = tuple(i for i in items if i.status == "not_applicable")
    # A total with indicators missing is not graded: the grade of part of a table is no grade at all.
    complete = all(i.points is not None for i in items if i.status != "not_applicable")
    grade, why, reason = None, None, None
    raw_total = applicable = None
    if excluded:
        applicable = max_total - sum((i.max_points for i in excluded), Decimal(0))
        if not renormalise:
            # Out of fewer points than the grade table was written for: no grade rather than a wrong one.
            why, complete = said("why_not_applicable_unstated"), False
        elif applicable <= 0:
            why, complete = said("why_nothing_applies"), False
        else:
            # 总分按适用指标的得分之和与分值之和换算成百分制: 72 of the 80 that apply is 90 of 100; a deduction
            # carried to the total (扣满8分后从考核总分中继续扣减) comes off the scaled total as it stands, unscaled
            raw_total = points
            total = (points * max_total / applicable).quantize(precision, rounding=ROUND_HALF_UP) + carried
    if vetoes:
        # 一票否决: the outcome is the grade, whatever the total (DESIGN, "Veto")
        grade = vetoes[0][1]
        reason = said("why_the_grade_is_vetoed", indicator=vetoes[0][0], outcome=vetoes[0][1])
    elif grades is not None and complete:
        try:
            grade = grades(total)
        except PerfevalError as exc:
            # A gap in the grade table costs the grade, not the whole scorecard.
            why = said("why_the_total_cannot_be_graded", cause=exc)
    return ScoreCard(name, items, total, max_total, grade, reported_total, reported_grade, grade_error=why,
                     carried=carried, vetoes=vetoes, grade_reason=reason, excluded=tuple(i.name for i in excluded),
                     raw_total=raw_total, applicable_max=applicable, bonus=bonus, bonus_uncapped=uncapped,
                     bonus_cap=bonus_cap)


def grades_of(data: Evaluation) -> GradeTable | None:
    """The grade table the data file itself states (``评价等级``), compiled; None when it states none."""
    if not data.grading:
        return None
    try:
        return compile_grades(data.grading)
    except PerfevalError:
        return None


def _from_mapping(ind: RubricIndicator, value: Any) -> IndicatorScore:
    return attrs.evolve(_mapped(ind, value), has_row=True)


def _mapped(ind: RubricIndicator, value: Any) -> IndicatorScore:
    if _not_applicable(value):
        return _excluded(ind, None)
    if ind.rule is None:
        return IndicatorScore(ind.name, ind.path, None, ind.points, None, "error",
                              said("why_no_to_score_it_by"))
    if isinstance(value, Mapping) and ind.formula is not None and not _takes_keywords(ind.rule):
        try:
            value = ind.formula(value)
        except PerfevalError as exc:
            return IndicatorScore(ind.name, ind.path, None, ind.points, None, "error",
                                  said("why_formula_fails", formula_render=ind.formula.render(), cause=exc),
                                  None, value)
    if ind.rule.needs_judgement and _is_number(value):
        # For a standard the assessor scores, a number is the assessor's points (an option is {"option": 2}).
        return judge(ind.rule, ind, to_decimal(value))
    return run_rule(ind.rule, ind, value, None)


def _not_applicable(value: Any) -> bool:
    """``"不适用"`` (perfeval.NOT_APPLICABLE), as a value or a table's cell: the indicator does not apply."""
    return isinstance(value, str) and value.strip().rstrip("。.") == NOT_APPLICABLE


def _excluded(ind: RubricIndicator, reported: Decimal | None) -> IndicatorScore:
    rule = ind.rule
    if rule is not None and rule.excluded_when is None and rule.when_absent is not None:
        # 没有楼堂馆所项目的部门按满分计算: the indicator's own standard says what that case scores (PE134) —
        # the standard decides, not the rubric's re-normalisation (one fact, one total)
        return run_rule(rule, ind, None, reported, said("why_not_applicable_by_its_standard"))
    case = rule.excluded_when if rule is not None else None
    why = said("why_not_applicable_case", clause=case) if case else said("why_not_applicable")
    return IndicatorScore(ind.name, ind.path, None, ind.points, reported, "not_applicable", why)


def _is_number(value: Any) -> bool:
    if isinstance(value, bool):
        return False
    if isinstance(value, int | float | Decimal):
        return True
    try:
        to_decimal(value)
    except (PerfevalError, TypeError):
        return False
    return isinstance(value, str)


def _takes_keywords(rule: Rule) -> bool:
    return bool(rule.inputs)


def run_rule(rule: Rule, ind: RubricIndicator | Indicator, value: Any, reported: Decimal | None,
             source: Reason | str = "") -> IndicatorScore:
    """Score ``value`` by ``rule`` for indicator ``ind``: its points, or the reason it could not be scored."""
    path = ind.path
    lead = source if isinstance(source, Reason) else Reason(source)
    try:
        s = rule(**value) if isinstance(value, Mapping) else rule(value)
    except PerfevalError as exc:
        return IndicatorScore(ind.name, path, None, rule.max_points, reported, "error",
                              lead + _failure(exc), None, value)
    if s.points is None:
        return IndicatorScore(ind.name, path, None, rule.max_points, reported, "error",
                              lead + said("why_needs_judgement"), s, value)
    shown = lead if source else Reason(f"{_short(value)} ")
    for d in s.value_readings:  # how the value was read (85 for a rate is 8500%), where the card shows it
        shown = shown + Reason(f"[{d.code}] {d.zh}；", f"[{d.code}] {d.en}; ")
    return IndicatorScore(ind.name, path, s.points, rule.max_points, reported, "computed",
                          shown + said("why_arrow_points", points=s.points), s, value)


def judge(rule: Rule, ind: RubricIndicator | Indicator, reported: Decimal | None) -> IndicatorScore:
    """A judgement standard scored by the reported 得分, checked against what the standard allows."""
    spans = rule.allowed_points()
    shown = "、".join(f"{lo.normalize():f}" if lo == hi else f"{lo.normalize():f}–{hi.normalize():f}"
                     for lo, hi in spans)
    if reported is None:
        return IndicatorScore(ind.name, ind.path, None, rule.max_points, None, "error",
                              said("why_needs_judgement_no_score", shown=shown))
    got = f"{reported.normalize():f}"
    if rule.allows(reported):
        return IndicatorScore(ind.name, ind.path, reported, rule.max_points, reported, "judged",
                              said("why_the_assessor_s_is_one", got=got, shown=shown))
    return IndicatorScore(ind.name, ind.path, None, rule.max_points, reported, "error",
                          said("why_the_standard_allows_is_not", shown=shown, got=got))


def _from_evaluation(ind: RubricIndicator, row: Indicator | None, data: Evaluation,
                     inputs: Mapping[str, Decimal]) -> IndicatorScore:
    out = _evaluated(ind, row, data, inputs)
    return attrs.evolve(out, has_row=True) if row is not None else out


def _evaluated(ind: RubricIndicator, reported_ind: Indicator | None, data: Evaluation,
               inputs: Mapping[str, Decimal]) -> IndicatorScore:
    reported = reported_ind.reported if reported_ind is not None else None
    if reported_ind is not None and _not_applicable(reported_ind.actual_text):
        return _excluded(ind, reported)
    rule = ind.rule
    if rule is None:
        return _carry(ind, reported, said("why_the_rubric_has_no_for"))
    if ind.formula is not None and (needed := ind.formula.inputs) and all(n in inputs for n in needed):
        try:
            rate = ind.formula({n: inputs[n] for n in needed})
        except PerfevalError as exc:
            return IndicatorScore(ind.name, ind.path, None, ind.points, reported, "error",
                                  said("why_formula_fails", formula_render=ind.formula.render(), cause=exc), None, None)
        out = run_rule(rule, ind, rate, reported, _formula_text(ind, rate, inputs))
        return attrs.evolve(out, value=rate)
    if ind.formula is not None and rule.when_absent is not None:
        if not any(n in inputs for n in ind.formula.inputs):
            # A blank in the base data is not "no such project": the standard's 没有…按满分计算 needs the
            # department to say so (score a mapping with the value None).
            return _carry(ind, reported, said("why_the_base_data_leaves_it"))
    if rule.needs_judgement:
        return judge(rule, ind, reported)
    actual = reported_ind.actual if reported_ind is not None else None
    if reported_ind is not None and actual is not None and actual.value is not None and rule.scores_rate:
        found = row_rate(reported_ind)
        if isinstance(found, Reason):
            return IndicatorScore(ind.name, ind.path, None, ind.points, reported, "error", found)
        return run_rule(rule, ind, found[0], reported, found[1])
    return _carry(ind, reported, said("why_no_data_in_the_table"))


def row_rate(row: Indicator) -> tuple[Decimal, Reason] | Reason:
    """The rate a row's 实际完成值 gives a standard that scores a rate, and how; or why it gives none.

    A percent is the rate itself. A count or an amount (19处, 26万元) gives the completion ratio against
    the 年度指标值 in a unit of the same kind (19处 of 20处 is 95%; ≤ and < invert it), and the reason says so.
    A bare number beside a percent target ("95" for ≥95%) is never taken to be 95% or 9500%: it is refused,
    as is a count with no target to divide by. (A 计量单位 column of "%" makes "95" a percent already.)
    """
    actual, target = row.actual, row.target
    assert actual is not None and actual.value is not None
    if is_percent(actual.value.units):
        return to_decimal(actual.value.to("dimensionless").magnitude), said("reason_actual_value", text=actual.text)
    percent_target = target is not None and target.value is not None and is_percent(target.value.units)
    if target is None or target.value is None or percent_target:
        if actual.value.units.dimensionless:
            want = f"（年度指标值 {target.text}）" if target is not None else ""
            return said("why_has_no_or_times_the", actual_text=actual.text, want=want)
        return said("why_is_not_a_rate_and", actual_text=actual.text)
    try:
        # The actual must be exactly one quantity ("19/20处", "19-20处", "第19处" are not): the target reader
        # keeps the last number of a text, which is right for a target and wrong for what was achieved.
        quantity(actual.text)
    except PerfevalError:
        return said("why_is_not_one_quantity_no", actual_text=actual.text, target_text=target.text)
    try:
        ratio = target.completion(actual)
    except PerfevalError as exc:
        return said("why_no_completion_rate_from_and", actual_text=actual.text, target_text=target.text, cause=exc)
    inverse = target.effective_comparator in ("≤", "<")
    shown = f"{target.text} / {actual.text}" if inverse else f"{actual.text} / {target.text}"
    return ratio, said("why_completion", shown=shown, pct_ratio=percent_text(ratio))


def _carry(ind: RubricIndicator, reported: Decimal | None, why: Reason) -> IndicatorScore:
    if reported is None:
        return IndicatorScore(ind.name, ind.path, None, ind.points, None, "error",
                              why + said("why_and_no_is_reported"))
    return IndicatorScore(ind.name, ind.path, reported, ind.points, reported, "reported",
                          why + said("why_as_reported"))


def _formula_text(ind: RubricIndicator, rate: Decimal, inputs: Mapping[str, Decimal]) -> Reason:
    assert ind.formula is not None
    given = ", ".join(f"{n}={inputs[n].normalize():f}" for n in ind.formula.inputs)
    shown = percent_text(rate)
    return said("why_formula_given", formula_name_or_ind_name=ind.formula.name or ind.name, shown=shown, given=given)


def _short(value: Any) -> str:
    if isinstance(value, Decimal):
        return f"{value.normalize():f}"
    return str(value)


def _zh(exc: PerfevalError) -> str:
    return exc.message_in("zh_CN")


def _en(exc: PerfevalError) -> str:
    return exc.message_in("en")


def _failure(exc: PerfevalError) -> Reason:
    return said("why_cannot_score", cause=exc)
