"""A pair of formulas, one per kind of indicator: 正向指标按B/A×分值计分，反向指标按A/B×分值计分.

The central 自评表's notes and provincial ones score a quantitative indicator by its completion ratio, written
twice: for a higher-is-better (正向, ≥) indicator 实际值 ÷ 目标值 × 分值, for a lower-is-better (反向, ≤) one
目标值 ÷ 实际值 × 分值 (DESIGN.md, "Proportional, by direction": A/B for ≤ indicators, B/A for ≥). Which of the two
applies is the target's side — its comparator (≥200人次, ≤30天) — so the pair is one proportion of the target
whose side the target decides (:attr:`ir.Value.direction` None), as "以B/A或A/B×本项分值计算得分" already is.

Only a pair that is exactly that is read: each formula a ratio of the actual value and the target times the 分值,
the higher-is-better one actual over target, the other its inverse; anything else stays two statements (and is
refused where they overlap).

>>> from perfeval.rules.syntax.parser import parse
>>> from perfeval.rules.meaning.statements import statements
>>> [type(s.outcome).__name__ for s in by_direction_pair(statements(parse("正向指标按B/A×分值计分，反向指标按A/B×分值计分")),
...                                                       "正向指标按B/A×分值计分，反向指标按A/B×分值计分")]
['Proportional']
"""

from __future__ import annotations

import re

import attrs

from ...syntax import nodes as n
from ...vocabulary import HIGHER_BETTER_MARKS, INPUT_NAMES, LOWER_BETTER_MARKS, REFERENCE_WORDS
from .. import ir
from ..formulas import expression
from ..statements import Statement

__all__ = ["PAIR_TEXT", "by_direction_pair"]

#: The words the merged proportion carries (and a reader of the meaning finds it by).
PAIR_TEXT = "B/A或A/B（正向/反向指标）"
_MARKS = re.compile("|".join(re.escape(w) for w in (*HIGHER_BETTER_MARKS, *LOWER_BETTER_MARKS)))
_LETTER = re.compile(r"[(（]\s*([AB])\s*[)）]")


def by_direction_pair(stmts: list[Statement], text: str) -> list[Statement]:
    """``stmts`` with a 正向/反向 pair of reciprocal ratio formulas merged into one proportion (see the module)."""
    formulas = [s for s in stmts if isinstance(s.outcome, n.ScoreFormula | n.InlineFormula)]
    if len(formulas) != 2:
        return stmts
    first, second = formulas
    sides = [_side(s, text) for s in formulas]
    if set(sides) != {"higher", "lower"}:
        return stmts
    ratios = [_ratio(s) for s in formulas]
    if None in ratios:
        return stmts
    wanted = {"higher": ("actual", "target"), "lower": ("target", "actual")}
    if any(side is None or r != wanted[side] for r, side in zip(ratios, sides, strict=True)):
        return stmts
    span = first.span.to(second.span)
    merged = attrs.evolve(first, head=(), outcome=n.Proportional(PAIR_TEXT, span), modifiers=(), span=span)
    out: list[Statement] = []
    for s in stmts:
        if s is first:
            out.append(merged)
        elif s is not second:
            out.append(s)
    return out


def _side(s: Statement, text: str) -> str | None:
    words = text[s.span.start:s.span.end]  # 正向指标按B/A · 正向指标得分=B/A: the mark may sit inside the formula
    higher = any(w in words for w in HIGHER_BETTER_MARKS)
    lower = any(w in words for w in LOWER_BETTER_MARKS)
    return "higher" if higher and not lower else "lower" if lower and not higher else None


def _ratio(s: Statement) -> tuple[str, str] | None:
    """("actual", "target") for 实际值/目标值 × 分值 (either order of the product), the inverse for the other."""
    e = expression(s.outcome.expr)  # type: ignore[union-attr]
    if not (isinstance(e, ir.Op) and e.op == "*"):
        return None
    ratio = e.left if isinstance(e.right, ir.MaxPoints) else e.right if isinstance(e.left, ir.MaxPoints) else None
    if not (isinstance(ratio, ir.Op) and ratio.op == "/" and isinstance(ratio.left, ir.Input)
            and isinstance(ratio.right, ir.Input)):
        return None
    top, bottom = _kind(ratio.left.name), _kind(ratio.right.name)
    return (top, bottom) if top is not None and bottom is not None and top != bottom else None


def _kind(name: str) -> str | None:
    """"actual" or "target" for an operand's name (B · 全年实际值（B） · 实际值; A · 年度指标值（A） · 目标值)."""
    letter = _LETTER.search(name)
    bare = _MARKS.sub("", name).lstrip("按以的照 ")
    if letter is not None:
        bare = letter.group(1)
    if bare in INPUT_NAMES["actual"] or "实际" in bare:
        return "actual"
    if bare in INPUT_NAMES["目标值"] or any(w in bare for w in REFERENCE_WORDS if REFERENCE_WORDS[w] == "目标值"):
        return "target"
    return None
