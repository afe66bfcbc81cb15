"""The audit (复核): every reported 得分 the rubric does not support, with a reason to check by hand.

>>> from perfeval.datafile import load_evaluation
>>> found = audit(evaluate(load_evaluation("examples/zhijiang-2023-department.toml")))
>>> sorted(d.indicator for d in found.discrepancies)[:2]
['公用经费控制率', '政府采购执行率']
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import attrs

from ..errors import PerfevalError
from ..model import Department, Project
from ..numbers import own_context
from .arithmetic import table_findings
from .practice import practice
from .reason import Reason, said
from .rubric import load, shipped
from .scoring import IndicatorScore, ScoreCard, points_above
from .selfeval import NAMES, score_self_evaluation


class UnknownRubricError(PerfevalError):
    """A data file names a rubric perfeval does not ship, and none was given."""


@attrs.frozen
class Discrepancy:
    """A reported 得分 (or total, or grade) the rubric does not support, and why."""

    indicator: str
    reported: Decimal | str | None
    computed: Decimal | str | None
    reason: Reason
    #: What kind of finding: ``score`` (an indicator's 得分 the standard does not give), ``cannot_score``
    #: (a reported 得分 the data cannot score), ``total_points`` (the 总分值), ``total``, ``grade``, ``row``
    #: (a row no indicator takes), ``empty`` (a table with no indicator rows), ``table`` (the table's own
    #: arithmetic).
    kind: str = "score"
    #: For a ``table`` finding, the cells (key paths of the data file) whose figures disagree.
    cells: tuple[str, ...] = ()
    #: A known habit of published tables that reproduces the reported score (a softer finding: the
    #: reviewer decides), see :mod:`perfeval.rubric.practice`.
    practice: Reason | None = None
    #: A figure for the reviewer to weigh rather than a contradiction: listed, but it does not make the
    #: audit unclean (a budget cut during the year).
    soft: bool = False


@attrs.frozen
class Audit:
    """What the audit found: discrepancies, and the indicators it could not check (no data)."""

    card: ScoreCard
    discrepancies: tuple[Discrepancy, ...]
    unchecked: tuple[IndicatorScore, ...]

    @property
    def clean(self) -> bool:
        """True when every reported score is supported (soft findings are listed but do not count)."""
        return not any(not d.soft for d in self.discrepancies)


@own_context
def evaluate(ev: Project | Department, rubric: str | Path | None = None) -> ScoreCard:
    """Score ``ev`` by ``rubric`` (a .rules path), or by the rubric its data file names."""
    if rubric is not None:
        return load(rubric).score(ev)
    if ev.rubric in NAMES:
        return score_self_evaluation(ev)
    known = shipped()
    if ev.rubric in known:
        return load(known[ev.rubric]).score(ev)
    names = "、".join([*NAMES, *known])
    raise UnknownRubricError("unknown_rubric", text=ev.rubric, name=ev.rubric, known=names)


@own_context
def audit(card: ScoreCard, table: Project | Department | None = None) -> Audit:
    """Compare every reported 得分 with what the rubric gives; with the ``table`` it was scored from, also
    check the table's own arithmetic (funds lines, breakdowns, printed rates, group 分值: see
    :mod:`perfeval.rubric.arithmetic`)."""
    found: list[Discrepancy] = []
    if card.rows_read == 0:
        # Nothing to vouch for: an empty table is a finding, never "every score is supported".
        found.append(Discrepancy(said("label_whole_table"), None, None, said("why_the_table_has_no_indicator"),
                                 "empty"))
    for row in card.unmatched:
        found.append(Discrepancy("/".join(row.path), row.reported, None, row.reason, "row"))
    for item in card:
        if item.status == "error" and item.reported is not None:
            found.append(Discrepancy(item.name, item.reported, None, item.reason, "cannot_score"))
        elif item.status in ("computed", "judged") and item.reported is not None and item.points != item.reported:
            habit = practice(item.score.rule, item.value, item.reported, item.name) if item.score is not None else None
            reason = _with_band(item) + (said("why_separator") + habit if habit is not None else Reason(""))
            found.append(Discrepancy(item.name, item.reported, item.points, reason, practice=habit))
    if card.declared_total is not None and card.declared_total != card.max_total:
        d, m = f"{card.declared_total.normalize():f}", f"{card.max_total.normalize():f}"
        found.append(Discrepancy(said("label_total_points"), card.declared_total, card.max_total,
                                 said("why_the_indicators_add_up_to", m=m, d=d), "total_points"))
    reported_sum = sum((i.reported for i in card if i.reported is not None and i.status != "not_applicable"),
                       Decimal(0))
    if card.bonus_cap is not None:
        # 加分事项累计不超过5分: what the table reports above each 分值 is bonus, and counts up to the cap together
        reported_sum -= max(points_above(card, "reported") - card.bonus_cap, Decimal(0))
    if card.reported_total is not None and card.raw_total is not None and card.applicable_max:
        # 总则: the reported total is the reported points re-normalised as the card's are, at its printed places
        places = Decimal(1).scaleb(min(card.reported_total.as_tuple().exponent, 0))  # type: ignore[arg-type]
        reported_sum = (reported_sum * card.max_total / card.applicable_max).quantize(places, rounding=ROUND_HALF_UP)
    if card.reported_total is not None:
        if reported_sum != card.reported_total:
            s, t = f"{reported_sum.normalize():f}", f"{card.reported_total.normalize():f}"
            found.append(Discrepancy(said("label_total"), card.reported_total, reported_sum,
                                     said("why_the_reported_add_up_to", s=s, t=t), "total"))
        elif card.total != card.reported_total:
            t = f"{card.total.normalize():f}"
            found.append(Discrepancy(said("label_total"), card.reported_total, card.total,
                                     said("why_recomputed_the_indicators_give", t=t), "total"))
    if card.grade_error is not None:
        found.append(Discrepancy(said("label_grade"), card.reported_grade, None, card.grade_error, "grade"))
    if card.reported_grade and card.grade and card.reported_grade != card.grade:
        t = f"{card.total.normalize():f}"
        found.append(Discrepancy(said("label_grade"), card.reported_grade, card.grade,
                                 said("why_is_graded", t=t, grade=card.grade), "grade"))
    if table is not None:
        found.extend(Discrepancy(f.cells[0], f.printed, f.computed, f.reason, "table", f.cells, soft=f.soft)
                     for f in table_findings(table))
    for name, why in card.unused_inputs:
        found.append(Discrepancy(f"公式数据.{name}", None, None, why, "inputs"))
    counts = card.counts
    if card.rows_read and counts["scored"] == 0 and not any(d.kind in ("score", "cannot_score", "row") for d in found):
        # Rows, but none recomputed or judged: nothing vouches for any 得分 (a targets table, blank 得分 cells).
        found.append(Discrepancy(said("label_whole_table"), None, None, said("why_rows_read_and_none_could", counts_read=counts['read']), "empty"))
    # Not checked: carried as reported, or not scored and no 得分 to compare (an error with a 得分 is a finding).
    unchecked = tuple(i for i in card if i.status == "reported" or (i.status == "error" and i.reported is None))
    return Audit(card, tuple(found), unchecked)


def _with_band(item: IndicatorScore) -> Reason:
    """The reason, with the clause of the standard that applied (so a reviewer can check it by hand)."""
    if item.score is None:
        return item.reason
    clause = item.score.clause
    return item.reason + said("why_applies", clause=clause) if clause else item.reason
