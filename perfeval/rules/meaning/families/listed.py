"""Several values listed under one name, each scored by the same rule: 出租房屋管理四率(登记率、备案率、签约率、巡查率)
达100%记6分。任一项每下降一个百分点扣0.3分 — and a deduction received upstream, passed down doubled
(区、街道检查中被扣分的,加倍扣减).

The list is a collective noun with its count (四率, 三项指标) and the values in brackets, separated by 、; a clause
that opens with 任一项 / 每项 / 各项 applies its steps to each of them. Each value is a stream of its own, given by
its name (``rule(登记率="98%", 备案率="100%", …)``), scored by the rule read as if it stood alone; what each rule
takes from the 分值 is deducted from the one item, the deductions summed before the floor (reading PE254).
"检查中被扣分的,加倍扣减": the points deducted by the inspection are an input (上级扣分, or the clause's words),
deducted twice over (PE255).

>>> from perfeval.rules.syntax.parser import parse
>>> from perfeval.rules.meaning.analyse import analyse
>>> item = analyse(parse("两率(甲率、乙率)达100%得4分,任一项每低1个百分点扣0.5分"), Decimal(4)).item
>>> [s.key for s in item.streams]
['甲率', '乙率']
"""

from __future__ import annotations

import re
from decimal import Decimal

import attrs

from ...messages import listed, pair
from ...syntax import nodes as n
from ...vocabulary import INPUT_NAMES
from .. import ir
from ..context import Context
from ..roles import Reading, classify
from .common import Mods, floor_of
from .notes import check_note
from .piecewise import piecewise
from .values import value_of

__all__ = ["each_listed"]

_NUMERALS = {"两": 2, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9, "十": 10}
#: 四率(登记率、备案率、签约率、巡查率) · 三项指标（…）: a count, a collective noun, the values in brackets
_LIST = re.compile(r"(?P<count>[两二三四五六七八九十]|\d+)(?:个|项)?(?P<noun>率|项指标|个指标|项|指标)"
                   r"[（(](?P<items>[^()（）]+)[)）]")
#: 任一项每下降一个百分点扣0.3分 · 每项 · 各项: the rule after it applies to each value listed
_EACH = re.compile(r"^(?:其中)?(?:任一项|任何一项|任意一项|每项|各项|每一项)")
#: 区、街道检查中被扣分的 · 上级考核被扣分的: a deduction the unit received from an inspection
_UPSTREAM = re.compile(r"(?:检查|考核|督查|抽查|评估)[^,，;；。]{0,6}?被扣(?:分|减)")
_MEASURE = ("率", "数", "量", "度", "比例", "占比")
_ZERO = Decimal(0)


def _listed_values(r: Reading, ctx: Context) -> tuple[list[str], Reading] | None:
    """The values a statement lists (四率(登记率、…)), and the statement read with the list as words (三项 there
    counts the values, it is no condition)."""
    head = r.statement.head
    if not head:
        return None
    start = head[0].span.start
    m = _LIST.search(ctx.text[start : head[-1].span.end])
    if m is None:
        return None
    items = [x.strip() for x in re.split(r"[、，,]", m.group("items")) if x.strip()]
    count = m.group("count")
    number = int(count) if count.isdigit() else _NUMERALS[count]
    if len(items) != number and len(items) >= 2 and all(x.endswith(_MEASURE) for x in items):
        # 四率(登记率、备案率、签约率): the count and the list disagree — which values are scored is not said
        raise ctx.fail("listed_unread", r.statement.span, clause=ctx.source(r.statement.span), names="、".join(items))
    if len(items) != number or len(items) < 2 or not all(x.endswith(_MEASURE) and len(x) >= 2 for x in items) \
            or len(set(items)) != len(items):
        return None
    lo, hi = start + m.start(), start + m.end()
    inside = [p for p in head if lo <= p.span.start and p.span.end <= hi and not isinstance(p, n.Words)]
    if inside:
        words = tuple(n.Words(ctx.source(p.span), p.span) if any(p is q for q in inside) else p for p in head)
        r = classify(attrs.evolve(r.statement, head=words))
    return items, r


def each_listed(readings: list[Reading], ctx: Context, mods: Mods,
                definitions: list[n.Definition], notes: list[str]) -> ir.Item | None:
    """The item of values listed under one name and scored each by the same rule (see the module docstring),
    or None when no statement lists values so."""
    found = [(r, v) for r in readings for v in (_listed_values(r, ctx),) if v is not None]
    each = [r for r in readings if _EACH.match(ctx.source(r.statement.span).strip())]
    if len(found) != 1:
        return None
    names, read = found[0][1]
    if not each:
        # 四率(登记率、…)均达到100%得满分 · 两率(…)任一项达到90%得2分: several values, and no rule said for each — never
        # scored as one value
        s = found[0][0].statement
        raise ctx.fail("listed_unread", s.span, clause=ctx.source(s.span), names="、".join(names))
    readings = [read if r is found[0][0] else r for r in readings]
    upstream = [r for r in readings if r.role == "double" and _UPSTREAM.search(ctx.source(r.statement.span))]
    rule: list[Reading] = []
    for r in readings:
        if r in upstream:
            continue
        if r.role == "note":
            check_note(r.statement, ctx, notes)
            continue
        if r in each:
            # 任一项每下降一个百分点: the words say to whom the step applies; the step is read without them
            head = tuple(p for p in r.statement.head if p.span.start >= _after_each(r, ctx))
            r = classify(attrs.evolve(r.statement, head=head))
        if r.role == "zero" and r.cond is not None and r.cond.cmp is not None and r.amount is not None:
            r = attrs.evolve(r, role="band")  # 任一项未达到的不得分: the values below the mark, for each
        if r.role not in ("band", "step"):
            # 四率…任一项 beside a rule of another kind: which values it binds is not said
            raise ctx.fail("mixed_rules", r.statement.span, clause=ctx.source(r.statement.span),
                           hint="hint_which_applies")
        rule.append(r)
    if not rule:
        return None
    capped = next((m for r in rule for m in r.statement.modifiers if isinstance(m, n.Cap | n.CapUntil)), None)
    if capped is not None or mods.deduction_cap is not None:
        # 任一项每下降一个百分点扣0.3分，最多扣2分: 2 for each value, or for all of them together? Not said
        span = capped.span if capped is not None else rule[0].statement.span
        raise ctx.fail("listed_cap", span, clause=ctx.source(span))
    value, spec, rule = value_of(rule, ctx, definitions)
    if value.kind is not ir.Kind.RATE or value.ref is not None:
        return None
    base, bonus = piecewise(rule, ctx, value, mods, None)
    if bonus:
        raise ctx.fail("mixed_rules", rule[0].statement.span, clause=ctx.source(rule[0].statement.span),
                       hint="hint_which_applies")
    P = ctx.max_points
    span = rule[0].statement.span.to(rule[-1].statement.span)
    consts = [p.expr.value if isinstance(p.expr, ir.Const) else P for p in base
              if isinstance(p.expr, ir.Const | ir.MaxPoints)]
    if not consts or max(consts) != P:
        # 各项达到95%得2分: each value earns a part — that is not a deduction from the 分值 (not read here)
        raise ctx.fail("mixed_rules", span, clause=ctx.source(span), hint="hint_which_applies")
    # what the rule takes from the 分值, for each value: 分值 − its points
    pieces = tuple(attrs.evolve(p, expr=ir.Op("-", ir.MaxPoints(), p.expr)) for p in base)
    streams = [ir.Stream(name, name, span, attrs.evolve(spec, names=(name,)), ir.Piecewise(pieces), ir.Role.DEDUCT)
               for name in names]
    ctx.info("PE254", *pair("reading_pe254", names=listed(names)), span)
    for r in upstream:
        streams.append(_upstream(r, ctx))
    return ir.Item(P, tuple(streams), base=P, floor=floor_of(mods), ceiling=P,
                   precision=mods.precision or Decimal("0.01"))


def _after_each(r: Reading, ctx: Context) -> int:
    """Where the words 任一项 / 每项 end in the text."""
    start = r.statement.span.start
    source = ctx.text[start : r.statement.span.end]
    lead = len(source) - len(source.lstrip())
    m = _EACH.match(source.lstrip())
    assert m is not None
    return start + lead + m.end()


def _upstream(r: Reading, ctx: Context) -> ir.Stream:
    """区、街道检查中被扣分的,加倍扣减: the points the inspection deducted (an input) deducted twice over."""
    s = r.statement
    words = "".join(p.text for p in s.head if isinstance(p, n.Words)).strip("，,的 ")
    name = INPUT_NAMES["上级扣分"][0]
    label = ctx.source(s.span)
    given = ir.Interval(_ZERO, True, None, False)
    piece = ir.Piece(given, ir.Op("*", ir.Const(Decimal(2)), ir.X()), s.span, label)
    ctx.info("PE255", *pair("reading_pe255", label=label), s.span)
    value = ir.Value(ir.Kind.NUMBER, names=(name, *INPUT_NAMES["上级扣分"][1:], words))
    return ir.Stream(name, label, s.span, value, ir.Piecewise((piece,)), ir.Role.DEDUCT)
