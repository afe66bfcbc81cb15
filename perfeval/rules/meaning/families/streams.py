"""Several named values in one indicator, each with its own rule: 重大隐患整改率低于100%的每差一个百分点扣0.4分；
限期整改率未达90%以上的每差一个百分点扣0.3分 (DESIGN.md, "Respectively, schedules, sub-caps, streams").

Each value the conditions name is a stream of its own, given by that name (``rule(重大隐患整改率="98%",
限期整改率="90%")``); each stream's rule is read as if it stood alone, and what it takes from the 分值 is
deducted from the one item, the deductions summed before the floor (reading PE204).

>>> from perfeval.rules.syntax.parser import parse
>>> from perfeval.rules.meaning.analyse import analyse
>>> item = analyse(parse("甲率低于100%的，每差1个百分点扣0.4分；乙率低于90%的，每差1个百分点扣0.3分"), Decimal(8)).item
>>> [s.key for s in item.streams]
['甲率', '乙率']
"""

from __future__ import annotations

from decimal import Decimal

import attrs

from ...messages import listed, pair
from ...syntax import nodes as n
from .. import ir
from ..context import Context
from ..roles import Reading
from .common import Mods, floor_of
from .piecewise import piecewise
from .values import value_of

__all__ = ["named_streams"]

_ZERO = Decimal(0)
_MEASURES = ("率", "数", "量", "额", "度", "比例", "比重", "占比", "指数", "面积", "时长", "天数")


def _subject(r: Reading) -> str | None:
    if r.cond is None or not r.cond.subject:
        return None
    name = r.cond.subject.strip("，,、的 ")
    return name if len(name) >= 2 else None


def _inherited(names: list[str | None]) -> list[str | None]:
    """预算执行率达到95%的得满分，每低于95%一个百分点扣0.4分: a statement that names no value speaks of the value
    the one before it named."""
    out: list[str | None] = []
    for x in names:
        out.append(x if x is not None or not out else out[-1])
    return out


def named_streams(readings: list[Reading], ctx: Context, mods: Mods, reference: Decimal | None,
                  definitions: list[n.Definition]) -> ir.Item | None:
    """The item of two or more named values, each with its own rule — or None when the statements speak
    of one value (or some of them of none by name)."""
    scoring = [r for r in readings if r.role != "note"]
    names = _inherited([_subject(r) for r in scoring])
    distinct = list(dict.fromkeys(x for x in names if x))
    # names of values (…率, …数, …量): one that is part of another (逾期, 资料报送逾期) names the same value
    if len(distinct) < 2 or not all(x.endswith(_MEASURES) for x in distinct) or \
            any(a != b and (a in b or b in a) for a in distinct for b in distinct):
        return None
    if None in names or any(r.role not in ("band", "step") for r in scoring):
        # 资金结余率超过10%的扣2分；完成率60%以上的，每提高1个百分点得0.25分: two values, and a rule this family
        # cannot split between them — never one value for both
        odd = next(r for r, x in zip(scoring, names, strict=True) if x is None or r.role not in ("band", "step"))
        raise ctx.fail("mixed_rules", odd.statement.span, clause=ctx.source(odd.statement.span),
                       hint="hint_which_applies")
    P = ctx.max_points
    built: list[tuple[str, list[Reading], ir.Value, list[ir.Piece]]] = []
    for name in distinct:
        group = [r for r, x in zip(scoring, names, strict=True) if x == name]
        value, spec, group = value_of(group, ctx, definitions)
        base, bonus = piecewise(group, ctx, value, mods, reference)
        if bonus:
            raise ctx.fail("mixed_rules", group[0].statement.span, clause=ctx.source(group[0].statement.span),
                           hint="hint_which_applies")
        built.append((name, group, attrs.evolve(spec, names=(name,)), base))
    # Each rule starts from the whole 分值 (…每差一个百分点扣0.4分): its deductions are summed. Or each awards a
    # part of it (完成率达90%得3分；满意度达80%得2分): the parts are added. Anything else is not said.
    tops = [_top(pieces, P) for _, _, _, pieces in built]
    if all(t == P for t in tops):
        mode = "deduct"
    elif all(t is not None and t < P for t in tops) and sum((t for t in tops if t is not None), _ZERO) == P:
        mode = "earn"
    else:
        first = built[0][1][0].statement
        raise ctx.fail("mixed_rules", first.span, clause=ctx.source(first.span), hint="hint_which_applies")
    streams: list[ir.Stream] = []
    for name, group, spec, base in built:
        span = group[0].statement.span.to(group[-1].statement.span)
        if mode == "deduct":
            # what the rule takes from the 分值: 分值 − its points
            pieces = tuple(attrs.evolve(p, expr=ir.Op("-", ir.MaxPoints(), p.expr)) for p in base)
            streams.append(ir.Stream(name, name, span, spec, ir.Piecewise(pieces), ir.Role.DEDUCT))
        else:
            pieces = tuple(base) + _unmet(base, span)
            streams.append(ir.Stream(name, name, span, spec, ir.Piecewise(pieces), ir.Role.EARN))
    if mode == "deduct":
        ctx.info("PE204", *pair("reading_pe204", names=listed(distinct)), None)
    else:
        ctx.info("PE205", *pair("reading_pe205", names=listed(distinct)), None)
    floor = floor_of(mods)
    return ir.Item(P, tuple(streams), base=P if mode == "deduct" else _ZERO, floor=floor, ceiling=P,
                   precision=mods.precision or Decimal("0.01"))


def _top(pieces: list[ir.Piece], P: Decimal) -> Decimal | None:
    """The most a stream's pieces give, when every piece is a constant (None otherwise)."""
    values: list[Decimal] = []
    for p in pieces:
        if isinstance(p.expr, ir.MaxPoints):
            values.append(P)
        elif isinstance(p.expr, ir.Const):
            values.append(p.expr.value)
        else:
            return P if any(isinstance(x, ir.MaxPoints) for x in ir.walk(p.expr)) else None
    return max(values) if values else None


def _unmet(pieces: list[ir.Piece], span: n.Span) -> tuple[ir.Piece, ...]:
    """The values below a part's only condition (完成率达90%得3分 → below 90% earns 0)."""
    if len(pieces) != 1:
        return ()
    iv = pieces[0].interval
    if iv.lo is not None and iv.hi is None:
        return (ir.Piece(ir.Interval(None, False, iv.lo, not iv.lo_in), ir.Const(_ZERO), span, ""),)
    if iv.hi is not None and iv.lo is None:
        return (ir.Piece(ir.Interval(iv.hi, not iv.hi_in, None, False), ir.Const(_ZERO), span, ""),)
    return ()
