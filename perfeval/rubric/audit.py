"""The audit (复核): every reported 得分 the rubric does not support, with a reason to check by hand.

>>> from perfeval.datafile import load_evaluation
>>> found = audit(evaluate(load_evaluation("examples/zhijiang-2023-department.toml")))
>>> sorted(d.indicator for d in found.discrepancies)[:2]
['公用经费控制率', '政府采购执行率']
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import attrs

from ..errors import PerfevalError
from ..model import Department, Project
from ..numbers import own_context
from .reason import Reason
from .rubric import load, shipped
from .scoring import IndicatorScore, ScoreCard
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


@attrs.frozen
class Audit:
    """What the audit found: discrepancies, and the indicators it could not check (no data)."""

    card: ScoreCard
    discrepancies: tuple[Discrepancy, ...]
    unchecked: tuple[IndicatorScore, ...]

    @property
    def clean(self) -> bool:
        """True when every reported score is supported."""
        return not self.discrepancies


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
    raise UnknownRubricError(f"no rubric called {ev.rubric!r} ships with perfeval (known: {names}); "
                             "give one with --rubric", text=ev.rubric)


@own_context
def audit(card: ScoreCard) -> Audit:
    """Compare every reported 得分 with what the rubric gives."""
    found: list[Discrepancy] = []
    for item in card:
        if item.status == "error" and item.reported is not None:
            found.append(Discrepancy(item.name, item.reported, None, item.reason))
        elif item.status in ("computed", "judged") and item.reported is not None and item.points != item.reported:
            found.append(Discrepancy(item.name, item.reported, item.points, _with_band(item)))
    if card.declared_total is not None and card.declared_total != card.max_total:
        d, m = f"{card.declared_total.normalize():f}", f"{card.max_total.normalize():f}"
        found.append(Discrepancy("总分值", card.declared_total, card.max_total,
                                 Reason(f"各项分值合计 {m}，与表中总分值 {d} 不符",
                                        f"the indicators' 分值 add up to {m}, not the table's total {d}")))
    reported_sum = sum((i.reported for i in card if i.reported is not None), Decimal(0))
    if card.reported_total is not None:
        if reported_sum != card.reported_total:
            s, t = f"{reported_sum.normalize():f}", f"{card.reported_total.normalize():f}"
            found.append(Discrepancy("总分", card.reported_total, reported_sum,
                                     Reason(f"各项自报得分合计 {s}，与公布的总分 {t} 不符",
                                            f"the reported 得分 add up to {s}, not the published total {t}")))
        elif card.total != card.reported_total:
            t = f"{card.total.normalize():f}"
            found.append(Discrepancy("总分", card.reported_total, card.total,
                                     Reason(f"重算各项得分合计 {t}", f"recomputed, the indicators give {t}")))
    if card.reported_grade and card.grade and card.reported_grade != card.grade:
        t = f"{card.total.normalize():f}"
        found.append(Discrepancy("等级", card.reported_grade, card.grade,
                                 Reason(f"{t} 分的等级为{card.grade}", f"{t} is graded {card.grade}")))
    unchecked = tuple(i for i in card if i.status == "reported")
    return Audit(card, tuple(found), unchecked)


def _with_band(item: IndicatorScore) -> Reason:
    """The reason, with the clause of the standard that applied (so a reviewer can check it by hand)."""
    if item.score is None:
        return item.reason
    clause = next((s.args[1] for s in item.score.trace if s.kind == "piece" and s.args[1]), None)
    return item.reason + Reason(f"（适用：{clause}）", f" (applies: {clause})") if clause else item.reason
