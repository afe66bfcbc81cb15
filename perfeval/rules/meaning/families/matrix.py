"""Points by a combination of facts: 年度目标和累计目标均完成的得60分;年度目标完成但累计目标未完成的得55分;
年度目标未完成但累计目标完成的得40分;均未完成的不得分.

Each statement names every fact (年度目标, 累计目标) as met or not — "A和B均完成", "A完成但B未完成", "均未完成"
(all of them) — and its points. The item is one option per combination, chosen by the facts given by name
(``rule(年度目标完成=True, 累计目标完成=False)``) or by its mark; a combination the text does
not list has no points (an error naming it, never 0). Reading PE186.

>>> from perfeval.rules.syntax.parser import parse
>>> from perfeval.rules.meaning.analyse import analyse
>>> item = analyse(parse("甲目标和乙目标均完成的得6分;甲目标完成但乙目标未完成的得4分;均未完成的不得分。"), Decimal(6)).item
>>> [(o.label, o.facts) for o in item.options][:2]
[('甲目标和乙目标均完成', (('甲目标完成', True), ('乙目标完成', True))), ('甲目标完成但乙目标未完成', (('甲目标完成', True), ('乙目标完成', False)))]
"""

from __future__ import annotations

import re
from decimal import Decimal

from ...messages import listed, pair
from .. import ir
from ..context import Context
from ..roles import Reading
from .common import Mods

__all__ = ["fact_matrix"]

_VERB = r"(?P<verb>完成|达到|达标|实现|通过)"
_NOT = r"(?:未|没有|没|不)"
# 年度目标完成 · 累计目标未完成
_ONE = re.compile(rf"^(?P<subject>.+?)(?P<neg>{_NOT})?{_VERB}$")
# 年度目标和累计目标均完成 · 均未完成
_BOTH = re.compile(rf"^(?:(?P<a>.+?)(?:和|与|及|、)(?P<b>.+?))?(?:均|都|全部|同时)(?P<neg>{_NOT})?{_VERB}$")
_JOINS = re.compile(r"但|而|，|,|且|；")


def _facts(words: str) -> dict[str, bool] | str | None:
    """The facts a statement's words name: subject → met; "*" → all of them (均未完成); None: not a matrix row."""
    words = words.strip("，,的 ")
    both = _BOTH.match(words)
    if both is not None:
        met = both.group("neg") is None
        if both.group("a") is None:
            return "met" if met else "unmet"
        return {both.group("a").strip(): met, both.group("b").strip(): met}
    parts = [p for p in _JOINS.split(words) if p]
    if len(parts) < 2:
        return None
    out: dict[str, bool] = {}
    for p in parts:
        m = _ONE.match(p.strip())
        if m is None:
            return None
        out[m.group("subject").strip()] = m.group("neg") is None
    return out


def fact_matrix(readings: list[Reading], ctx: Context, mods: Mods) -> ir.Item | None:
    """The item of a standard that scores combinations of facts (see the module docstring), or None."""
    if len(readings) < 3 or any(r.role not in ("award", "zero", "band") or r.step is not None
                                or r.cond is not None and r.cond.numbers for r in readings):
        return None
    rows: list[tuple[Reading, dict[str, bool] | str]] = []
    for r in readings:
        words = "".join(ctx.source(p.span) for p in r.statement.head)
        found = _facts(words)
        if found is None:
            return None
        rows.append((r, found))
    subjects = list(dict.fromkeys(k for _, f in rows if isinstance(f, dict) for k in f))
    verb = next((v for v in ("完成", "达到", "达标", "实现", "通过") if v in ctx.text), "完成")
    if len(subjects) < 2 or any(isinstance(f, dict) and set(f) != set(subjects) for _, f in rows):
        return None
    P = ctx.max_points
    options: list[ir.Option] = []
    seen: set[tuple[tuple[str, bool], ...]] = set()
    for r, found in rows:
        # each fact by the name a caller gives it: 年度目标完成 (True: met)
        facts = tuple((s + verb, found[s] if isinstance(found, dict) else found == "met") for s in subjects)
        if facts in seen:
            raise ctx.fail("rules_overlap", r.statement.span, a=ctx.source(r.statement.span),
                           b=ctx.source(r.statement.span), region="、".join(s for s, _ in facts))
        seen.add(facts)
        a = r.amount
        points = P if a is None or a.full else a.points if a.points is not None else None
        if points is None or points > P:
            return None
        label = "".join(ctx.source(p.span) for p in r.statement.head).strip("，,的 ")
        options.append(ir.Option(f"{chr(0x2460 + len(options))}", label, points, points, r.statement.span,
                                 facts=facts))
    ctx.info("PE186", *pair("reading_pe186", names=listed(subjects)), None)
    return ir.Item(P, options=tuple(options), ceiling=P, precision=mods.precision or Decimal("0.01"))
