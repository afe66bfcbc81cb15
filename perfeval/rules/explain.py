"""Stage 6: a :class:`~perfeval.rules.rule.Score` told step by step, in Chinese (default) or English.

Numbers are rendered with babel for the locale (:mod:`perfeval.formatting`); each trace step has one
sentence per language.

>>> from perfeval.rules.rule import compile_rule
>>> print(compile_rule("100%计满分，每低于5%扣2分，扣完为止", points=5)("89%").explain())
标准：100%计满分，每低于5%扣2分，扣完为止（分值 5）
指标值：89%
适用：每低于5%扣2分，区间 (-∞, 100%)
距离 11%，每 5% 一步，计 2 步（整步计算，不足一步不计）
计算：(分值 − (2 × 步数)) = (5 − (2 × 2)) = 1
得分：1.00 / 5
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from .evaluate import TraceStep

if TYPE_CHECKING:
    from .rule import Score


def _num(value: Decimal, locale: str) -> str:
    from ..display import format_number
    from ..numbers import context

    return format_number(value.normalize(context()), locale=locale)


def _pct(value: Decimal, locale: str) -> str:
    from ..numbers import percent_text

    return percent_text(value, 4)


def _val(value: Decimal, percent: bool, locale: str) -> str:
    return _pct(value, locale) if percent else _num(value, locale)


Render = Callable[[tuple[Any, ...], str], str]


def _quantum(rounded: Decimal) -> str:
    """The step a rounded value was rounded to: 7.83 → 0.01, 7.8 → 0.1."""
    exponent = rounded.as_tuple().exponent
    return f"{Decimal(1).scaleb(exponent if isinstance(exponent, int) else 0):f}"

_MODE_ZH = {"whole": "整步计算，不足一步不计", "started": "不足一步按一步计", "proportional": "按比例连续计算"}
_MODE_EN = {"whole": "whole steps; a part of a step counts for nothing", "started": "a started step counts whole",
            "proportional": "pro rata"}

_ZH: dict[str, Render] = {
    "part": lambda a, loc: f"第 {a[0]} 部分（{_num(a[1], loc)} 分）",
    "part_points": lambda a, loc: f"第 {a[0]} 部分得 {_num(a[1], loc)} 分",
    "absent": lambda a, loc: f"无此项：按 {_num(a[0], loc)} 分计",
    "derive": lambda a, loc: f"由输入求值：{a[0]} = {_num(a[1], loc)}",
    "value": lambda a, loc: f"指标值：{_val(a[0], a[1], loc)}",
    "piece": lambda a, loc: f"适用：{a[0]}，区间 {a[1]}",
    "steps": lambda a, loc: (f"距离 {_pct(a[0], loc)}，每 {_pct(a[1], loc)} 一步，计 {_num(a[2], loc)} 步"
                             f"（{_MODE_ZH[a[3]]}）") if a[1] < 1 else
                            f"数量 {_num(a[0], loc)}，每 {_num(a[1], loc)} 计一次，共 {_num(a[2], loc)} 次",
    "arith": lambda a, loc: f"计算：{a[0]} = {_num(a[1], loc)}",
    "floor": lambda a, loc: f"{_num(a[0], loc)} 低于下限，按 {_num(a[1], loc)} 计（扣完为止）",
    "ceiling": lambda a, loc: f"{_num(a[0], loc)} 超过分值，按 {_num(a[1], loc)} 计",
    "round": lambda a, loc: f"四舍五入到 {_quantum(a[1])}：{_num(a[0], loc)} → {_num(a[1], loc)}",
    "option": lambda a, loc: f"选项：{a[0]} {a[1]}",
    "assessed": lambda a, loc: f"评价人给分 {_num(a[0], loc)}（允许 {_num(a[1], loc)}–{_num(a[2], loc)}）",
    "judgement": lambda a, loc: f"需要评价人判断：允许 {_num(a[0], loc)}–{_num(a[1], loc)} 分",
    "item": lambda a, loc: f"{a[0]} {a[1]}：{'符合' if a[2] else '不符合'}，得 {_num(a[3], loc)} 分",
    "deduct": lambda a, loc: f"{a[0]} {a[1]}：扣 {_num(a[2], loc)} 分",
    "no_deduction": lambda a, loc: "无扣分情形",
    "settled": lambda a, loc: f"无论评价人如何确定，结果均为 {_num(a[0], loc)} 分",
    "range": lambda a, loc: f"{a[0]} {a[1]}：扣 {_num(a[2], loc)}–{_num(a[3], loc)} 分，待评价人确定",
    "failures": lambda a, loc: f"不符合 {_num(a[0], loc)} 项，每项扣 {_num(a[1], loc)} 分",
    "tier": lambda a, loc: f"档次：{a[0]}",
    "share": lambda a, loc: f"按分值的 {_pct(a[0], loc)} 计：{_num(a[1], loc)} × {_pct(a[0], loc)}",
}

_EN: dict[str, Render] = {
    "part": lambda a, loc: f"part {a[0]} ({_num(a[1], loc)} points)",
    "part_points": lambda a, loc: f"part {a[0]}: {_num(a[1], loc)} points",
    "absent": lambda a, loc: f"not applicable: {_num(a[0], loc)} points",
    "derive": lambda a, loc: f"from the inputs: {a[0]} = {_num(a[1], loc)}",
    "value": lambda a, loc: f"value: {_val(a[0], a[1], loc)}",
    "piece": lambda a, loc: f"applies: {a[0]}, on {a[1]}",
    "steps": lambda a, loc: (f"distance {_pct(a[0], loc)}, one step per {_pct(a[1], loc)}: {_num(a[2], loc)} steps"
                             f" ({_MODE_EN[a[3]]})").replace(": 1 steps", ": 1 step") if a[1] < 1 else
                            f"count {_num(a[0], loc)}, one per {_num(a[1], loc)}: {_num(a[2], loc)} times",
    "arith": lambda a, loc: f"computed: {a[0].replace('分值', 'points').replace('步数', 'steps')} = {_num(a[1], loc)}",
    "floor": lambda a, loc: f"{_num(a[0], loc)} is below the floor; {_num(a[1], loc)} (deductions stop at zero)",
    "ceiling": lambda a, loc: f"{_num(a[0], loc)} is above 分值; {_num(a[1], loc)}",
    "round": lambda a, loc: f"rounded half up to {_quantum(a[1])}: {_num(a[0], loc)} → {_num(a[1], loc)}",
    "option": lambda a, loc: f"option: {a[0]} {a[1]}",
    "assessed": lambda a, loc: f"assessor gave {_num(a[0], loc)} (allowed {_num(a[1], loc)}–{_num(a[2], loc)})",
    "judgement": lambda a, loc: f"needs the assessor's judgement: {_num(a[0], loc)}–{_num(a[1], loc)} points",
    "item": lambda a, loc: f"{a[0]} {a[1]}: {'holds' if a[2] else 'does not hold'}, {_num(a[3], loc)} points",
    "deduct": lambda a, loc: f"{a[0]} {a[1]}: minus {_num(a[2], loc)} points",
    "no_deduction": lambda a, loc: "nothing to deduct",
    "settled": lambda a, loc: f"whatever the assessor decides, the result is {_num(a[0], loc)}",
    "range": lambda a, loc: f"{a[0]} {a[1]}: minus {_num(a[2], loc)}–{_num(a[3], loc)} points, for the assessor",
    "failures": lambda a, loc: f"{_num(a[0], loc)} items fail, {_num(a[1], loc)} points each",
    "tier": lambda a, loc: f"tier: {a[0]}",
    "share": lambda a, loc: f"{_pct(a[0], loc)} of 分值: {_num(a[1], loc)} × {_pct(a[0], loc)}",
}


def render_step(step: TraceStep, locale: str = "zh_CN") -> str:
    """One trace step as a sentence."""
    table = _EN if locale.startswith("en") else _ZH
    return table[step.kind](step.args, locale)


def explain(score: Score, locale: str = "zh_CN") -> str:
    """The whole explanation of ``score``: the standard, each step, the points."""
    en = locale.startswith("en")
    rule = score.rule
    head = (f"standard: {rule.text} (分值 {_num(rule.max_points, locale)})" if en
            else f"标准：{rule.text}（分值 {_num(rule.max_points, locale)}）")
    lines = [head, *(render_step(s, locale) for s in score.trace)]
    if score.points is None:
        low, high = score.allowed or (Decimal(0), rule.max_points)
        lines.append(f"points: to be judged within {_num(low, locale)}–{_num(high, locale)}" if en
                     else f"得分：待评价人在 {_num(low, locale)}–{_num(high, locale)} 分之间确定")
    else:
        lines.append(f"points: {score.points} / {_num(rule.max_points, locale)}" if en
                     else f"得分：{score.points} / {_num(rule.max_points, locale)}")
    for note in rule.notes:
        lines.append(f"note: {note}" if en else f"附注：{note}")
    return "\n".join(lines)
