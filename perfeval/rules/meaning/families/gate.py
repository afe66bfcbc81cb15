"""A gate on the whole rule, and deductions counted from last year: "未完成县下达控制指标的,婴儿死亡率与上年持平
扣0.2分,每高0.1个千分点加扣0.2分".

"未完成…控制指标的," before the deductions conditions all of them on another comparison, 实际值 against
目标值: a 控制指标 is a ceiling, so it is completed at or below the target and then nothing is deducted (PE243,
the same waiver as 但…的，可不扣分). The deductions count from last year: "与上年持平扣0.2分" takes 0.2 at last
year's value, and "每高0.1个千分点加扣0.2分" adds 0.2 per whole 0.1‰ above it — one deduction from 上年值 up
(PE244). Missing the target while better than last year has no written deduction: it keeps the 分值, as other
cases the text leaves out do (PE245; the reading is open to question). Only this shape is read: a gate whose
target is not a 控制 ceiling, steps that go down, a deduction added with plain 扣, or any other clause beside
them is refused (`gate_unread`), as the direction of a 死亡率 target is without a gate.

>>> from perfeval.rules.syntax.parser import parse
>>> from perfeval.rules.meaning.analyse import analyse
>>> text = "未完成县下达控制指标的,婴儿死亡率与上年持平扣0.2分,每高0.1个千分点加扣0.2分。"
>>> analyse(parse(text), Decimal(3)).item.waiver.right
'目标值'
"""

from __future__ import annotations

import re
from decimal import Decimal

import attrs

from ...messages import pair
from ...syntax import nodes as n
from .. import ir
from ..conditions import reference_in
from ..context import Context
from ..roles import classify
from ..statements import Statement
from .common import Mods, step_mode

__all__ = ["gated", "is_gated"]

_GATE = frozenset(("未完成", "未达到", "未实现"))
#: 婴儿死亡率与上年持平 · 与上年度相比持平 · 同上年持平: at last year's value
_LEVEL = re.compile(r"^[^,;。，；]{0,20}?(?:与|和|同|较)(?:上年度?|上一年|去年)(?:相比)?(?:持平|相同|相当)$")
#: 加扣 · 再扣 · 另扣: a deduction added to the one before it
_MORE = frozenset(("加扣", "再扣", "另扣", "增扣"))


def is_gated(stmts: list[Statement]) -> bool:
    """Whether the first statement opens with a gate — 未完成 <a target in words>的 — before a deduction at last
    year's value (与上年持平): the only shape this family claims; any other is left to the other families."""
    if not stmts:
        return False
    head = list(stmts[0].head)
    return len(head) >= 3 and isinstance(head[0], n.Described) and head[0].cmp.word in _GATE and \
        isinstance(head[1], n.Words) and head[1].text.endswith("的") and \
        reference_in(head[1].text) == "目标值" and all(isinstance(p, n.Words) for p in head[2:]) and \
        bool(_LEVEL.match("".join(p.text for p in head[2:])))  # type: ignore[attr-defined]


def gated(stmts: list[Statement], ctx: Context, mods: Mods) -> ir.Item:
    """The item of a gated standard (see the module docstring), or a located refusal."""
    first = stmts[0]
    head = list(first.head)
    gate_words = head[1].text  # type: ignore[attr-defined]
    gate_span = head[0].span.to(head[1].span)
    if len(stmts) != 2 or "控制" not in gate_words:
        raise ctx.fail("gate_unread", first.span, clause=ctx.source(first.span))
    d0 = first.outcome
    step = classify(stmts[1])
    more = stmts[1].outcome
    ok = isinstance(d0, n.Deduct) and d0.low is not None and d0.low == d0.high and not first.modifiers and \
        step.role == "step" and step.step is not None and step.step.direction == "above" and \
        step.step.size is not None and step.step.size.value > 0 and step.cond is None and \
        isinstance(more, n.Deduct) and more.verb in _MORE and more.low is not None and more.low == more.high and \
        all(isinstance(m, n.UntilZero) for m in stmts[1].modifiers)  # 扣完为止: the floor at 0, as always
    if ok and attrs.evolve(mods, precision=None, no_negative=False) != Mods():
        ok = False  # 可负分, 最多扣N分, 在总分中继续扣减 … beside a gate: not read here
    if not ok:
        raise ctx.fail("gate_unread", stmts[-1].span, clause=ctx.source(stmts[-1].span))
    assert isinstance(d0, n.Deduct) and isinstance(more, n.Deduct) and step.step is not None
    assert step.step.size is not None and d0.low is not None and more.low is not None
    P = ctx.max_points
    size = step.step.size
    mode = step_mode(stmts[1], mods)
    if mode is not ir.StepMode.WHOLE:
        raise ctx.fail("gate_unread", stmts[1].span, clause=ctx.source(stmts[1].span))
    ctx.info("PE101", *pair("reading_pe101", size=size.text), stmts[1].span)
    gate = ctx.source(gate_span)
    ctx.info("PE243", *pair("reading_pe243", gate=gate), gate_span)
    both = first.span.to(stmts[1].span)
    ctx.info("PE244", *pair("reading_pe244", level=ctx.source(head[2].span.to(head[-1].span)),
                            first=f"{d0.low.normalize():f}", more=f"{more.low.normalize():f}", size=size.text), both)
    ctx.info("PE245", *pair("reading_pe245"), both)
    counted = ir.Steps(ir.X(), size.value, mode)
    deducted = ir.Op("-", ir.Op("-", ir.MaxPoints(), ir.Const(d0.low)), ir.Op("*", ir.Const(more.low), counted))
    pieces = (ir.Piece(ir.Interval(None, False, Decimal(0), False), ir.MaxPoints(), both, ctx.source(both)),
              ir.Piece(ir.Interval(Decimal(0), True, None, False), deducted, both, ctx.source(both)))
    derive = ir.Op("-", ir.Input("实际值"), ir.Input("上年值"))
    value = ir.Value(ir.Kind.RATE, derive=derive, needs=("实际值", "上年值", "目标值"), direction="lower")
    stream = ir.Stream("", "", first.span, value, ir.Piecewise(pieces), ir.Role.BASE)
    waiver = ir.Waiver("实际值", "目标值", ir.Interval(None, False, Decimal(0), True), gate, gate_span, gate=True)
    return ir.Item(P, (stream,), base=Decimal(0), ceiling=P, precision=mods.precision or Decimal("0.01"),
                   waiver=waiver)
