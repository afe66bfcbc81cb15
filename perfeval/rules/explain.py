"""A score's trace in words: what was read, which band or step applied, the arithmetic, the readings.

Chinese by default, English with ``locale="en"``. Every reading the compiler chose (whole steps, which
band an edge belongs to, a name matched to an input) is stated, so nothing about the score is hidden.

>>> from perfeval.rules.rule import compile_rule
>>> print(compile_rule("100%计满分，每低于5%扣2分，扣完为止", points=5)("93%").explain(locale="en"))
Score: 3.00 of 5
Standard: 100%计满分，每低于5%扣2分，扣完为止
  · value 93%
  · applies: '每低于5%扣2分' on (-∞, 100%)
  · 0.07 ÷ 0.05 → 1 steps (whole steps)
  · (分值 − (2 × ⌊(1 − x) ÷ 0.05⌋)) = 3
Readings:
  [PE101] whole steps: only each full 5% counts (a part of a step deducts nothing)
  [PE102] '100%计满分' read as 100% and above
  [PE110] 100% belongs to '100%计满分': it says so explicitly
"""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING, Any

from ..i18n import N_, Words
from ..numbers import percent_text, plain
from .errors import Severity
from .messages import render
from .run.interpret import TraceStep

if TYPE_CHECKING:
    from .rule import Score

__all__ = ["explain"]


def _num(x: Any) -> str:
    return plain(x) if isinstance(x, Decimal) else str(x)


def _value(x: Decimal, kind: str, unit: str | None) -> str:
    if kind == "rate":
        return percent_text(x, None)
    return plain(x) + (unit or "")


_MODES = {"whole": N_("explain_mode_whole"), "started": N_("explain_mode_started"),
          "proportional": N_("explain_mode_proportional")}


#: A waiver (但…的，可不扣分) that holds or not; a gate (未完成…的,) whose target is met (no deduction) or missed
_WAIVERS = {("waiver", True): N_("explain_waiver_holds"), ("waiver", False): N_("explain_waiver_not"),
            ("gate", True): N_("explain_gate_met"), ("gate", False): N_("explain_gate_missed")}


def _step(step: TraceStep, locale: str) -> str | None:
    k, a = step.kind, step.args
    n = _num
    if k == "value":
        key, x, kind, unit = a
        return render("explain_value", locale, who=f"{key}: " if key else "", value=_value(x, kind, unit))
    if k == "derive":
        key, expr, x, kind = a
        return render("explain_derive", locale, expr=expr, value=_value(x, kind, None))
    if k == "piece":
        key, label, interval = a
        if isinstance(label, Words):  # perfeval's own words for a piece no clause names (其余取值)
            label = label.message_in(locale)
        return render("explain_piece", locale, label=label, interval=interval) if label else None
    if k == "steps":
        distance, size, mode, count = a
        return render("explain_steps", locale, distance=n(distance), size=n(size), n=n(count),
                      mode=render(_MODES[mode], locale))
    if k == "arith":
        expr, value = a
        return f"{expr} = {n(value)}"
    if k == "cap":
        return render("explain_cap", locale, raw=n(a[1]), cap=n(a[2]))
    if k == "bonus_cap":
        return render("explain_bonus_cap", locale, raw=n(a[0]), cap=n(a[1]))
    if k == "floor":
        return render("explain_floor", locale, raw=n(a[0]), floor=n(a[1]))
    if k == "ceiling":
        return render("explain_ceiling", locale, raw=n(a[0]), top=n(a[1]))
    if k == "carry":
        return render("explain_carry", locale, carried=n(a[2]))
    if k == "round":
        return render("explain_round", locale, raw=n(a[0]), rounded=n(a[1]))
    if k == "veto":
        return render("explain_veto", locale, words=a[0])
    if k == "zero":
        return render("explain_zero", locale, words=a[0])
    if k == "borrowed":
        return render("explain_borrowed", locale, case=a[0], average=n(a[1]))
    if k == "absent":
        return render("explain_absent", locale, points=n(a[0]))
    if k == "option":
        return render("explain_option", locale, number=a[0], words=a[1])
    if k == "tier":
        return render("explain_tier", locale, tier=a[0], low=n(a[1]), high=n(a[2]))
    if k == "assessed":
        return render("explain_assessed", locale, points=n(a[0]), low=n(a[1]), high=n(a[2]))
    if k == "judgement":
        return render("explain_judgement", locale, low=n(a[0]), high=n(a[1]))
    if k == "part":
        return render("explain_part", locale, part=a[0], points=n(a[1]))
    if k == "part_points":
        return render("explain_part_points", locale, part=a[0], points=n(a[1]))
    if k == "renamed":
        if not a[1]:  # the standard's one value, given by the name its formula uses (扣分=3.5)
            return render("explain_renamed_value", locale, given=a[0])
        return render("explain_renamed", locale, given=a[0], name=a[1])
    if k == "options":
        return render("explain_options", locale, count=a[0])
    if k in ("waiver", "gate"):
        label, left, right, distance, holds = a
        return render(_WAIVERS[(k, holds)], locale, label=label, left=left, right=right, distance=percent_text(distance, None))
    return f"{k}: {a}"


def explain(score: Score, locale: str = "zh_CN") -> str:
    """The evaluation of ``score`` step by step, with the readings chosen."""
    rule = score.rule
    top = _num(rule.max_points)
    if score.points is None:
        lo, hi = score.allowed or (Decimal(0), Decimal(0))
        head = render("explain_head_judgement", locale, low=_num(lo), high=_num(hi), top=top)
    else:
        head = render("explain_head_score", locale, points=score.points, top=top)
    lines = [head, render("explain_standard", locale, text=rule.text)]
    for step in score.trace:
        shown = _step(step, locale)
        if shown:
            lines.append("  · " + shown)
    if score.veto:
        lines.append(render("explain_veto_line", locale, words=score.veto))
    if score.bonus:
        lines.append(render("explain_bonus", locale, bonus=score.bonus))
    if score.carried:
        lines.append(render("explain_carried", locale, carried=score.carried))
    readings = [d for d in rule.diagnostics if d.severity is Severity.INFO] + list(score.value_readings)
    if readings:
        lines.append(render("explain_readings", locale))
        lines += [f"  [{d.code}] {d.message_in(locale)}" for d in readings]
    return "\n".join(lines)
