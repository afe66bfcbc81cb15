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

from ..numbers import percent_text, plain
from .errors import Severity
from .messages import is_english
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


def _step(step: TraceStep, en: bool) -> str | None:
    k, a = step.kind, step.args
    if k == "value":
        key, x, kind, unit = a
        who = f"{key}: " if key else ""
        return f"{who}value {_value(x, kind, unit)}" if en else f"{who}取值 {_value(x, kind, unit)}"
    if k == "derive":
        key, expr, x, kind = a
        return f"value = {expr} = {_value(x, kind, None)}" if en else f"取值 = {expr} = {_value(x, kind, None)}"
    if k == "piece":
        key, label, interval = a
        if not label:
            return None
        return f"applies: {label!r} on {interval}" if en else f"适用：{label!r}（区间 {interval}）"
    if k == "steps":
        distance, size, mode, n = a
        mode_en = {"whole": "whole steps", "started": "a started step counts", "proportional": "pro rata"}[mode]
        mode_zh = {"whole": "整步", "started": "不足一步按一步", "proportional": "按比例"}[mode]
        return (f"{_num(distance)} ÷ {_num(size)} → {_num(n)} steps ({mode_en})" if en
                else f"{_num(distance)} ÷ {_num(size)} → {_num(n)} 步（{mode_zh}）")
    if k == "arith":
        expr, value = a
        return f"{expr} = {_num(value)}"
    if k == "cap":
        key, raw, cap = a
        return f"capped: {_num(raw)} → {_num(cap)}" if en else f"封顶：{_num(raw)} → {_num(cap)}"
    if k == "bonus_cap":
        raw, cap = a
        return f"bonus capped: {_num(raw)} → {_num(cap)}" if en else f"加分封顶：{_num(raw)} → {_num(cap)}"
    if k == "floor":
        raw, floor = a
        return f"not below {_num(floor)} (was {_num(raw)})" if en else f"最低 {_num(floor)} 分（原为 {_num(raw)}）"
    if k == "ceiling":
        raw, top = a
        return f"not above {_num(top)} (was {_num(raw)})" if en else f"最高 {_num(top)} 分（原为 {_num(raw)}）"
    if k == "carry":
        raw, floor, carried = a
        return (f"{_num(carried)} carried to the total" if en else f"{_num(carried)} 分计入考核总分")
    if k == "round":
        raw, rounded = a
        return f"rounded half up: {_num(raw)} → {_num(rounded)}" if en else f"四舍五入：{_num(raw)} → {_num(rounded)}"
    if k == "veto":
        return f"veto: {a[0]}" if en else f"否决：{a[0]}"
    if k == "zero":
        return f"the item scores 0: {a[0]!r}" if en else f"本项不得分：{a[0]!r}"
    if k == "borrowed":
        return (f"the case {a[0]!r}: others' average {_num(a[1])}" if en
                else f"{a[0]!r} 的情形：按平均分 {_num(a[1])} 分")
    if k == "absent":
        return f"nothing to score: {_num(a[0])}" if en else f"无此项情形：{_num(a[0])} 分"
    if k == "option":
        return f"option {a[0]} {a[1]!r}" if en else f"选项 {a[0]}：{a[1]!r}"
    if k == "tier":
        return f"tier {a[0]!r}: {_num(a[1])}–{_num(a[2])}" if en else f"档次 {a[0]!r}：{_num(a[1])}–{_num(a[2])} 分"
    if k == "assessed":
        return (f"the assessor's points {_num(a[0])} (allowed {_num(a[1])}–{_num(a[2])})" if en
                else f"评价人给分 {_num(a[0])}（允许 {_num(a[1])}–{_num(a[2])}）")
    if k == "judgement":
        return (f"needs the assessor's judgement: {_num(a[0])}–{_num(a[1])}" if en
                else f"需要评价人判断：{_num(a[0])}–{_num(a[1])} 分")
    if k == "part":
        return f"part {a[0]} ({_num(a[1])})" if en else f"第 {a[0]} 部分（{_num(a[1])} 分）"
    if k == "part_points":
        return f"part {a[0]}: {_num(a[1])}" if en else f"第 {a[0]} 部分得 {_num(a[1])} 分"
    if k == "renamed":
        return f"input {a[0]!r} read as {a[1]!r}" if en else f"输入 {a[0]!r} 读作 {a[1]!r}"
    if k == "options":
        return f"{a[0]} options" if en else f"{a[0]} 个选项"
    return f"{k}: {a}"


def explain(score: Score, locale: str = "zh_CN") -> str:
    """The evaluation of ``score`` step by step, with the readings chosen."""
    en = is_english(locale)
    rule = score.rule
    if score.points is None:
        lo, hi = score.allowed or (Decimal(0), Decimal(0))
        head = (f"Needs the assessor's judgement: {_num(lo)}–{_num(hi)} of {_num(rule.max_points)}" if en
                else f"需要评价人判断：{_num(lo)}–{_num(hi)} 分（满分 {_num(rule.max_points)} 分）")
    else:
        head = (f"Score: {score.points} of {_num(rule.max_points)}" if en
                else f"得分：{score.points} 分（满分 {_num(rule.max_points)} 分）")
    lines = [head, ("Standard: " if en else "评分标准：") + rule.text]
    for step in score.trace:
        shown = _step(step, en)
        if shown:
            lines.append("  · " + shown)
    if score.veto:
        lines.append(("Veto: " if en else "否决：") + score.veto)
    if score.bonus:
        lines.append(f"Bonus: {score.bonus}" if en else f"其中加分：{score.bonus} 分")
    if score.carried:
        lines.append(f"Carried to the total: {score.carried}" if en else f"计入考核总分：{score.carried} 分")
    readings = [d for d in rule.diagnostics if d.severity is Severity.INFO] + list(score.value_readings)
    if readings:
        lines.append("Readings:" if en else "采用的读法：")
        lines += [f"  [{d.code}] {d.message_in(locale)}" for d in readings]
    return "\n".join(lines)
