"""Bands over several values at once: each row of a table requires every value it names (an implicit AND).

"防疫员进村服务率85-99%,年均进村18次以上 | 4 | 防疫员进村服务率70-84%,年均进村12次以上 | 2.5 …": each row states a
condition on the rate and one on the count, and earns its points only when both hold (reading PE250). Each
value is named by the words before its condition (服务率 · 年均进村), the same in every row; a caller gives them
by those words or by a name sharing the longest run of characters with one of them (人均进村次数 for 年均进村).

The intervals of one value are read as a band table when its rows do not overlap (85-99% runs on to 100%,
PE113; the edges by the band rules), and each on its own when they do (24次以上 · 18次以上: a requirement of
that row, PE251). Two rows that hold the same pair of values are refused when the standard is compiled; a
pair no row holds (100% but 20 visits) is an error when it is scored, naming both values (PE252) — never
the nearest row. "年均每名防疫员进村24次以上" in such a row is a requirement per person, not a step (PE253).

>>> from perfeval.rules.syntax.parser import parse
>>> from perfeval.rules.meaning.analyse import analyse
>>> item = analyse(parse("甲率90%以上,乙数10次以上 | 6 | 甲率低于90%,乙数低于10次 | 2"), Decimal(6)).item
>>> [(o.label, o.low, [w.name for w in o.where]) for o in item.options]
[('甲率90%以上,乙数10次以上', Decimal('6'), ['甲率', '乙数']), ('甲率低于90%,乙数低于10次', Decimal('2'), ['甲率', '乙数'])]
"""

from __future__ import annotations

from decimal import Decimal

from lark import Token

from ...messages import listed, pair
from ...syntax import nodes as n
from ...vocabulary import COUNT_NOUNS, SUFFIXES
from .. import ir
from ..conditions import Cond, condition
from ..context import Context
from ..intervals import render_interval, resolve
from ..roles import Reading
from .bands import Draft, ValueInfo, finish
from .common import Mods

__all__ = ["several_values"]

_JOIN = "，,、;；且并和及同时 "


def _per_as_bound(head: tuple[n.Node, ...], ctx: Context) -> tuple[list[n.Node], bool]:
    """年均每名防疫员进村24次以上: 每 followed by words, a quantity and 以上/以下 — a requirement per person, read as
    words and a bound (only inside a row of a table over several values)."""
    out: list[n.Node] = []
    changed = False
    for p in head:
        parts = p.parts if isinstance(p, n.Per) else ()
        if isinstance(p, n.Per) and len(parts) == 3 and isinstance(parts[0], n.Words) and \
                isinstance(parts[1], n.Num) and parts[1].kind == "qty" and isinstance(parts[2], Token) and \
                parts[2].type == "SUFFIX" and str(parts[2]) in SUFFIXES:
            num = parts[1]
            words = ctx.text[p.span.start : num.span.start]
            out += [n.Words(words, p.span), n.Bound(num, SUFFIXES[str(parts[2])], None, p.span)]
            changed = True
        else:
            out.append(p)
    return out, changed


def _split(head: list[n.Node]) -> list[Cond] | None:
    """The conditions of one row, one per value, each with the words naming its value; None if it is not so."""
    out: list[Cond] = []
    rest = head
    while True:
        found = condition(rest)
        if found is None or not found.numeric:
            return None
        if not found.unread:
            out.append(found)
            return out
        at = next(i for i, p in enumerate(rest) if p is found.unread[0])
        start = at
        while start > 0 and isinstance(rest[start - 1], n.Words):
            start -= 1  # 年均 · 每名防疫员进村: the words naming the value
        first = condition(rest[:start])
        if first is None or not first.numeric or first.unread or start == 0:
            return None
        out.append(first)
        rest = rest[start:]


def _name(c: Cond, before: str | None) -> str | None:
    words = (c.subject or "").strip(_JOIN).removesuffix("的")
    return words if len(words) >= 2 else before


def _kind(conds: list[Cond]) -> tuple[ir.Kind, str | None] | None:
    """How one value is read, from its numbers in every row (all rates, or all in one unit)."""
    nums = [x for c in conds for x in c.numbers]
    if all(x.kind == "pct" for x in nums):
        return ir.Kind.RATE, None
    units = {x.unit for x in nums}
    if len(units) != 1 or any(x.kind == "pct" for x in nums):
        return None
    unit = units.pop()
    if unit is None:
        return ir.Kind.NUMBER, None
    averaged = any("均" in (c.subject or "") for c in conds)  # 年均、人均: an average need not be whole
    return (ir.Kind.COUNT if unit in COUNT_NOUNS and not averaged else ir.Kind.QUANTITY), unit


def several_values(readings: list[Reading], ctx: Context, mods: Mods) -> ir.Item | None:
    """The item of a table whose rows each require several values (see the module docstring), or None when
    the statements are not such rows (then the other families read them, or refuse)."""
    if len(readings) < 2 or any(r.role == "note" or r.deduct is not None or r.bonus is not None
                                or r.statement.modifiers or r.amount is None for r in readings):
        return None
    P = ctx.max_points
    rows: list[tuple[Reading, list[Cond], Decimal, str]] = []
    per_person: list[Reading] = []
    for r in readings:
        if any(isinstance(p, n.Words) and p.text.lstrip(_JOIN).startswith("或") for p in r.statement.head):
            return None  # 到位率低于100%或执行率低于90%: either one, not both — not a row of this table
        head, changed = _per_as_bound(r.statement.head, ctx)
        conds = _split(head)
        if conds is None or len(conds) < 2:
            return None
        a = r.amount
        assert a is not None
        points = P if a.full else a.points
        if points is None or a.share is not None or a.values or a.low is not None or points > P:
            return None
        if changed:
            per_person.append(r)
        label = ctx.text[r.statement.head[0].span.start : r.statement.head[-1].span.end].strip(_JOIN)
        rows.append((r, conds, points, label))
    width = len(rows[0][1])
    if any(len(c) != width for _, c, _, _ in rows):
        return None
    names: list[list[str]] = []
    for k in range(width):
        said: list[str] = []
        for _, conds, _, _ in rows:
            name = _name(conds[k], said[-1] if said else None)
            if name is None:
                return None
            said.append(name)
        names.append(list(dict.fromkeys(said)))
    # the same value in every row (its words share two characters with the first row's), and values apart
    if any(len(set(a) & set(group[0])) < 2 for group in names for a in group) or \
            any(set(names[i]) & set(names[j]) for i in range(width) for j in range(i + 1, width)):
        return None
    wheres: list[list[ir.Where]] = [[] for _ in rows]
    for k in range(width):
        read = _kind([conds[k] for _, conds, _, _ in rows])
        if read is None:
            return None
        kind, unit = read
        name = min(names[k], key=len)
        for i, iv in enumerate(_intervals(rows, k, kind, unit, ctx)):
            wheres[i].append(ir.Where(name, kind, iv, unit, tuple(names[k])))
    for i in range(len(rows)):
        for j in range(i + 1, len(rows)):
            meets = [a.interval.meet(b.interval) for a, b in zip(wheres[i], wheres[j], strict=True)]
            if not any(m.empty for m in meets):
                # two rows hold the same values: which one scores them is not said
                region = "、".join(f"{w.name} {render_interval(m, w.kind is ir.Kind.RATE)}"
                                  for w, m in zip(wheres[i], meets, strict=True))
                raise ctx.fail("rules_overlap", rows[j][0].statement.span, a=rows[i][3], b=rows[j][3],
                               region=region, hint="hint_which_applies")
    for r in per_person:
        ctx.info("PE253", *pair("reading_pe253"), r.statement.span)
    measures = [w.name for w in wheres[0]]
    ctx.info("PE250", *pair("reading_pe250", names=listed(measures)), None)
    ctx.info("PE252", *pair("reading_pe252", names=listed(measures)), None)
    options = tuple(ir.Option(chr(0x2460 + i), label, points, points, r.statement.span, where=tuple(wheres[i]))
                    for i, (r, _, points, label) in enumerate(rows))
    return ir.Item(P, options=options, ceiling=P, precision=mods.precision or Decimal("0.01"))


def _intervals(rows: list[tuple[Reading, list[Cond], Decimal, str]], k: int, kind: ir.Kind, unit: str | None,
               ctx: Context) -> list[ir.Interval]:
    """The interval of value ``k`` in each row: as a band table when the rows do not overlap in it, else each
    row's condition on its own (PE251)."""
    sides = [(conds[k].lo, conds[k].hi) for _, conds, _, _ in rows]
    alone = [resolve([s])[0][0] for s in sides]
    crossed = any(not alone[i].meet(alone[j]).empty and not alone[i].meet(alone[j]).point
                  for i in range(len(alone)) for j in range(i + 1, len(alone)))
    if crossed:
        name = rows[0][1][k].subject or ""
        ctx.info("PE251", *pair("reading_pe251", name=name.strip(_JOIN)), None)
        return alone
    drafts = [Draft(lo, hi, ir.Const(points), conds[k].span, label)
              for (lo, hi), (_, conds, points, label) in zip(sides, rows, strict=True)]
    pieces = finish(drafts, ctx, ValueInfo(kind, unit))
    out: list[ir.Interval] = []
    for d in drafts:
        mine = [p for p in pieces if p.span == d.span]
        if len(mine) != 1 or any(p.overlap for p in pieces):
            # an edge two rows claim alike, or a row split in two: not a table of one interval per row
            raise ctx.fail("rules_overlap", d.span, a=d.label, b=d.label,
                           region=render_interval(alone[drafts.index(d)], kind is ir.Kind.RATE),
                           hint="hint_which_applies")
        out.append(mine[0].interval)
    return out
