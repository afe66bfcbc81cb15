"""What the family drafters share: the modifiers of a standard, amounts as expressions, numbers shown.

>>> show(Decimal("0.955"), ir.Kind.RATE), show(Decimal("2"), ir.Kind.QUANTITY, "天")
('95.5%', '2天')
"""

from __future__ import annotations

from decimal import Decimal

import attrs

from ...syntax import nodes as n
from .. import ir
from ..context import Context
from ..roles import Amount, Reading
from ..statements import Statement

__all__ = ["Mods", "amount_expr", "fixed_amount", "modifiers", "show", "step_mode"]


def show(value: Decimal, kind: ir.Kind, unit: str | None = None) -> str:
    """A number as the standard writes it: a rate as a percentage, a quantity with its unit."""
    from ....numbers import percent_text, plain

    if kind is ir.Kind.RATE:
        return percent_text(value, None)
    return plain(value) + (unit or "")


@attrs.frozen
class Mods:
    """The modifiers that govern a whole standard: signs, carrying, rounding, step modes, caps."""

    negative: bool = False          # 可负分 / 可倒扣
    no_negative: bool = False       # 不实行倒扣
    neg_cap: Decimal | None = None  # 总倒扣分值不超过N分
    carry: bool = False             # 在考核总分中继续扣减
    precision: Decimal | None = None
    started: bool = False           # 不足…按…计
    pro_rata: bool = False          # 不足一步的按比例
    full_cap: bool = False          # 满分为止
    cap_at_points: bool = False     # 扣分以分值为限
    deduction_cap: Decimal | None = None   # 最多扣N分 for the whole standard
    gain_cap: Decimal | None = None        # 最多加N分 / 最高不超过N分 for the whole standard
    floor: Decimal | None = None           # 最低得N分
    schedule: bool = False
    veto: str | None = None                # a standalone 一票否决 declaration


def modifiers(stmts: list[Statement], text: str) -> Mods:
    """Collect the standard-wide modifiers of ``stmts``."""
    found: dict[str, object] = {}
    for s in stmts:
        standalone = s.outcome is None and not s.head
        for m in s.modifiers:
            if isinstance(m, n.Negative):
                found["negative"] = True
            elif isinstance(m, n.NoNegative):
                found["no_negative"] = True
            elif isinstance(m, n.NegCap):
                found["neg_cap"] = m.points
            elif isinstance(m, n.Carry):
                found["carry"] = True
            elif isinstance(m, n.Precision):
                found["precision"] = m.quantum
            elif isinstance(m, n.RoundUp):
                found["started"] = True
            elif isinstance(m, n.ProRataStep):
                found["pro_rata"] = True
            elif isinstance(m, n.FullCap):
                found["full_cap"] = True
            elif isinstance(m, n.CapAtPoints):
                found["cap_at_points"] = True
            elif isinstance(m, n.Floor):
                found["floor"] = m.points
            elif isinstance(m, n.Cap) and m.joint and standalone:
                found["deduction_cap"] = m.points  # 以上两项最多扣3分: every deduction together
            elif isinstance(m, n.Schedule):
                found["schedule"] = True
            elif isinstance(m, n.Veto) and standalone:
                found["veto"] = text[m.span.start : m.span.end]
    return Mods(**found)  # type: ignore[arg-type]


def floor_of(mods: Mods) -> Decimal | None:
    """The lowest the item may score: 0; 最低得N分; below 0 when 可负分 — down to the 倒扣 limit when one is
    written (可倒扣，倒扣以4分为限 is −4, never unbounded); None for no floor.

    >>> floor_of(Mods(negative=True, neg_cap=Decimal(4)))
    Decimal('-4')
    """
    if mods.neg_cap is not None:
        return -mods.neg_cap
    if mods.negative:
        return None
    return mods.floor if mods.floor is not None else Decimal(0)


def amount_expr(amount: Amount | None, P: Decimal) -> ir.Expr:
    """The points an absolute amount names, as an expression (the 分值 for 满分, a share of it …).

    Not for a range (得8-10分, 满分的90%~100%): the assessor's, which the caller keeps as a judged piece
    or refuses (:func:`fixed_amount`)."""
    if amount is None or amount.full:
        return ir.MaxPoints()
    if amount.share is not None:
        return ir.Op("*", ir.MaxPoints(), ir.Const(amount.share))
    if amount.points is not None:
        return ir.Const(amount.points)
    if amount.low is not None:
        return ir.Const(amount.low)
    return ir.MaxPoints()


def fixed_amount(r: Reading, ctx: Context) -> ir.Expr:
    """:func:`amount_expr` for a family without the assessor's ranges: a range there is refused."""
    a = r.amount
    if a is not None and (a.share_high is not None or a.low is not None and a.high is not None and a.low != a.high):
        raise ctx.fail("unread_scoring", r.statement.span, clause=ctx.source(r.statement.span),
                       hint="hint_which_applies")
    return amount_expr(a, ctx.max_points)


def step_mode(stmt: Statement, mods: Mods) -> ir.StepMode:
    """How the steps of ``stmt`` count: started steps (不足…按…计), pro rata (按比例), or whole (the default)."""
    if mods.started or any(isinstance(m, n.RoundUp) for m in stmt.modifiers):
        return ir.StepMode.STARTED
    if mods.pro_rata or any(isinstance(m, n.ProRataStep) for m in (*stmt.modifiers, *stmt.head)):
        return ir.StepMode.PROPORTIONAL
    if any(isinstance(p, n.Words) and "按比例" in p.text for p in stmt.head):
        return ir.StepMode.PROPORTIONAL
    return ir.StepMode.WHOLE
