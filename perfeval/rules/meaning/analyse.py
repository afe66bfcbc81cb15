"""Stage 4: a parsed standard → what it computes (:class:`~.ir.Item`), with every reading chosen.

The statements of a standard (:mod:`.statements`) are classified by role (:mod:`.roles`), and the roles
decide the family that builds the item (:mod:`.families`):

* per-case and one-off deductions, and facts that zero the item → :func:`.families.counted.counted`;
* bands, steps, linear, proportional and formula scoring of one value → :func:`.families.piecewise.piecewise`;
* options, checklists, judgements and tiers → :mod:`.families.choice`;
* numbered parts with their own points (1.…得2分 2.…得6分; ①…计1分 ②…计1.5分; 各占1.5分) → one item each,
  summed (:func:`_parts`).

What cannot be read is a located :class:`~perfeval.rules.errors.RuleError`: a clause that carries scoring
words but no meaning, a lost number, a rule given elsewhere. Nothing is dropped silently.

>>> from perfeval.rules.syntax.parser import parse
>>> a = analyse(parse("100%计满分，每低于5%扣2分，扣完为止。"), Decimal(5))
>>> [d.code for d in a.diagnostics][:2]
['PE101', 'PE102']
"""

from __future__ import annotations

import re
from decimal import Decimal

import attrs

from ..errors import Diagnostic
from ..syntax import nodes as n
from ..syntax.parser import Standard
from ..vocabulary import ASSESSED_LEADS, SCORING_WORDS
from . import ir
from .conditions import Cond
from .context import Context
from .families import choice, counted, piecewise
from .families.bands import ValueInfo
from .families.common import Mods, modifiers, show
from .families.computed import computed_expr
from .formulas import expression, inputs_of, var_name
from .roles import Reading, classify, step_info
from .statements import Statement, statements

__all__ = ["Analysis", "analyse"]

_ZERO = Decimal(0)
# Words that only appear where points are scored: a statement carrying one must be understood, never
# kept as a description (DESIGN.md, "No silent misreading").
_SCORING = re.compile(r"扣\s*[\d一二两三四五六七八九十半]|(?<![被])扣分|扣除|加分|加记分?|记分|赋分|给分|满分|不得分|比例|线性|插值|"
                      r"折算|倒扣|否决|\d\s*分(?![值数为别析配类钟之])|(?:按|予以|酌情|进行)(?:计分|得分)")
_DESCRIPTIVE = re.compile(r"计分细则|评分标准|评分办法|计分办法|得分率|考核计分|扣分项|加分项|加分事项|减分事项|扣分制|计分方式|"
                          r"逐项计分|百分制|分别计分|综合得分|总得分|得分由高到低|按得分|"
                          # a method's name and what it is for (直接赋分：主要适用于…判断的单一评判指标)
                          r"^[\u4e00-\u9fff]{0,10}赋分(?=(?:主要)?适用|同时|$)|(?:主要)?适用于.*")


@attrs.frozen
class Analysis:
    """What a standard means, and the readings and problems found on the way."""

    item: ir.Item
    diagnostics: tuple[Diagnostic, ...]
    notes: tuple[str, ...]


def analyse(standard: Standard, max_points: Decimal, precision: Decimal | None = None) -> Analysis:
    """Work out what ``standard`` computes for an indicator worth ``max_points`` (分值)."""
    ctx = Context(standard.text, max_points)
    for d in standard.dropped:
        ctx.info("PE010", f"已忽略 {d.text!r}：{_why_zh(d.why)}", f"ignored {d.text!r}: {d.why}", None)
    stmts = statements(standard)
    _refusals(stmts, ctx)
    mods = modifiers(stmts, standard.text)
    stmts, stated = _preamble(stmts, ctx)
    if stated is not None and stated != max_points:
        ctx.error("PE230", f"标准写明满分 {stated.normalize():f} 分，而指标分值为 {max_points.normalize():f} 分",
                  f"the standard states 满分 {stated.normalize():f}分 but the 分值 is {max_points.normalize():f}分",
                  None, "make the 分值 and the standard agree")
    parts = _parts(stmts, ctx)
    notes: list[str] = []
    if parts is not None:
        item = _composite(parts, ctx, mods, notes)
    else:
        item = _body(stmts, ctx, mods, notes)
    if precision is not None and mods.precision is None:
        item = attrs.evolve(item, precision=precision)
    return Analysis(item, tuple(ctx.diagnostics), tuple(notes))


def _why_zh(why: str) -> str:
    return {"inline pinyin": "注音", "a table cell interleaved into the sentence": "混入句中的表格单元格",
            "a page-chunk marker": "分页标记",
            "a fraction drawn over three lines, read as (numerator)/(denominator)": "三行分式，读作 分子/分母"}.get(why, why)


# ── refusals ────────────────────────────────────────────────────────────────────────────────


def _refusals(stmts: list[Statement], ctx: Context) -> None:
    for s in stmts:
        for p in s.phrases:
            if isinstance(p, n.Lost) or (isinstance(p, n.Deduct) and p.lost):
                raise ctx.fail("lost_number", p.span, hint="hint_write_number")
            if isinstance(p, n.Missing):
                raise ctx.fail("missing_rule", p.span, clause=ctx.source(p.span))
        for per in s.find(n.Per):
            info = step_info(per)
            if info.direction in ("above", "below") and info.size is None and info.unit is None and \
                    not info.counts and not info.rank:
                # 每低于扣2分: a step with no size (5%? one point?) — where the size belongs, say so.
                where = s.outcome.span if s.outcome is not None else per.span
                raise ctx.fail("step_needs_size", where, hint="hint_step_size")


def _names_a_value(f: n.Node) -> bool:
    """执行率（B/A） · 实际到位/计划到位*100%: a formula that only relates names describes a value; one with
    other numbers in it (…*8) computes something, and is never a note."""
    def plain(e: object) -> bool:
        if isinstance(e, n.BinOp):
            return plain(e.left) and plain(e.right)
        if isinstance(e, n.Num):
            return e.value == 1 and e.kind == "pct"  # ×100%
        return True

    return plain(getattr(f, "expr", None))


def _evaluation_points(stmts: list[Statement]) -> bool:
    """评价要点: ①…; ②…: two or more marked items, none with points, led by a word of
    :data:`~perfeval.rules.vocabulary.ASSESSED_LEADS` or each asked as a question (是否…)."""
    items = [s for s in stmts if s.mark is not None]
    if len(items) < 2 or any(s.outcome is not None or s.modifiers for s in stmts):
        return False
    if not all(isinstance(p, n.Words | n.Punct) for s in stmts for p in s.head):
        return False
    lead = "".join(p.text for s in stmts if s.mark is None for p in s.head if isinstance(p, n.Words))
    return any(w in lead for w in ASSESSED_LEADS) or all(
        "是否" in "".join(p.text for p in s.head if isinstance(p, n.Words)) for s in items)


def _check_note(s: Statement, ctx: Context, notes: list[str]) -> None:
    """A statement that earns nothing must not hide scoring words (the first rule)."""
    if s.modifiers and all(isinstance(p, n.Words | n.Punct) for p in s.head):
        notes.append(ctx.source(s.span))  # 按上述各条扣除相应分值时，均不实行倒扣: the words of the modifier
        return
    text = "".join(p.text for p in s.head if isinstance(p, n.Words))
    scoring = _SCORING.search(_DESCRIPTIVE.sub("", text))
    # 否则扣 · 计4 · 90%以上计5分；扣: a scoring word standing alone, its amount missing
    bare = any(p.text.strip("的,，。;；:： ") in SCORING_WORDS for p in s.head if isinstance(p, n.Words))
    if scoring is not None or bare or any(isinstance(p, n.Per) for p in s.head):
        raise ctx.fail("unread_scoring", s.span, clause=ctx.source(s.span),
                       hint="hint_write_outcome")
    if any(isinstance(p, n.Compare | n.Bound | n.Range | n.GluedRange | n.Deviation) for p in s.head):
        raise ctx.fail("cond_without_points", s.span, clause=ctx.source(s.span), hint="hint_points_after")
    notes.append(ctx.source(s.span))


# ── the standard's own points ───────────────────────────────────────────────────────────────


def _preamble(stmts: list[Statement], ctx: Context) -> tuple[list[Statement], Decimal | None]:
    """本项满分6分 · 满分5分 · 整改落实(6分): the points the standard (or a part) states for itself.

    A name with its points in parentheses is what the standard or the part is worth when rules follow
    it in the same part (严格落实政府采购内控制度（2分）。是否存在…); alone (具备人员、场地、设备条件（1分）) it is
    what meeting it earns. A part's own worth stays in its statements for :func:`_worth`.
    """
    stated: Decimal | None = None
    out: list[Statement] = []
    for i, s in enumerate(stmts):
        pre = [p for p in s.head if isinstance(p, n.Preamble)]
        if pre:
            stated = pre[0].points
            s = attrs.evolve(s, head=tuple(p for p in s.head if not isinstance(p, n.Preamble)))
            if not s.head and s.outcome is None and not s.modifiers:
                continue
        if _is_worth(stmts, i):
            if s.mark is None or i == 0:
                stated = stated if stated is not None else s.outcome.points  # type: ignore[union-attr]
                continue
        out.append(s)
    return out, stated


def _is_worth(stmts: list[Statement], i: int) -> bool:
    s = stmts[i]
    if not isinstance(s.outcome, n.ParenPoints) or not all(isinstance(p, n.Words) for p in s.head):
        return False
    if not (i == 0 or s.first_of_mark or stmts[i - 1].mark != s.mark):
        return False
    rest = [t for t in stmts[i + 1 :] if t.mark == s.mark and t.outcome is not None]
    return bool(rest)


# ── numbered parts ──────────────────────────────────────────────────────────────────────────


def _worth(group: list[Statement]) -> Decimal | None:
    """What a part says it is worth: (0.8分) after its name, 共1.2分, or the most it awards."""
    for s in group:
        for p in s.phrases:
            if isinstance(p, n.PartsEach) and not p.each:
                return p.points
    first = group[0]
    if isinstance(first.outcome, n.ParenPoints) and all(isinstance(p, n.Words) for p in first.head) and len(group) > 1:
        return first.outcome.points
    found = [r.amount.points for r in map(classify, group) if r.role in ("band", "award") and r.amount is not None
             and r.amount.points is not None and r.amount.points > 0]
    found += [s.outcome.high for s in group if isinstance(s.outcome, n.PointsRange)]
    if any(isinstance(s.outcome, n.Full) for s in group):
        return None
    return max(found) if found else None


def _has_rule(group: list[Statement]) -> bool:
    roles = {classify(s).role for s in group}
    return bool(roles & {"step", "count", "oneoff", "computed", "judged"}) or \
        any(s.has(n.Otherwise) for s in group)


def _parts(stmts: list[Statement], ctx: Context) -> list[tuple[str, Decimal, list[Statement], tuple[str, ...]]] | None:
    scoring = [s for s in stmts if s.outcome is not None or s.head]
    each = [p for s in scoring for p in s.phrases if isinstance(p, n.PartsEach) and p.each]
    if each:
        return _parts_each(stmts, each[0], ctx)
    groups: dict[str, list[Statement]] = {}
    for s in scoring:
        if s.mark is None:
            if groups:
                groups[list(groups)[-1]].append(s)
            continue
        groups.setdefault(s.mark, []).append(s)
    if len(groups) < 2:
        return _parts_by_sentence(stmts, ctx)
    if not all(_has_rule(g) for g in groups.values()) and not any(
            p for g in groups.values() for s in g for p in s.phrases if isinstance(p, n.PartsEach)):
        return None
    worths = {m: _worth(g) for m, g in groups.items()}
    if any(w is None for w in worths.values()):
        return None
    total = sum((w for w in worths.values() if w is not None), _ZERO)
    if total != ctx.max_points:
        ctx.warn("PE221", f"各部分合计 {total.normalize():f} 分，与分值 {ctx.max_points.normalize():f} 分不同",
                 f"the parts are worth {total.normalize():f}分 together, not the 分值 {ctx.max_points.normalize():f}分",
                 None, "check the 分值 or the parts")
    ctx.info("PE200", "分项分别计分后相加", "numbered parts are scored separately and added up", None)
    from .families.counted import mark_key

    return [(mark_key(m) or m, w, g, _words_of(g)) for (m, g), w in zip(groups.items(), worths.values(), strict=True)
            if w is not None]


def _parts_by_sentence(stmts: list[Statement], ctx: Context) -> list[tuple[str, Decimal, list[Statement], tuple[str, ...]]] | None:
    """市、县两级…的得2.5分，…扣完2.5分为止；项目竣工决算…的得2.5分，…扣完2.5分为止: sentences that are each a
    rule with its own points, together worth the 分值."""
    sentences: dict[int, list[Statement]] = {}
    for s in stmts:
        sentences.setdefault(s.sentence, []).append(s)
    groups = [g for g in sentences.values() if any(t.outcome is not None for t in g)]
    if len(groups) < 2 or not all(_has_rule(g) for g in groups):
        return None
    worths = [_worth(g) for g in groups]
    if any(w is None for w in worths):
        return None
    if sum((w for w in worths if w is not None), _ZERO) != ctx.max_points:
        return None
    caps = [any(isinstance(m, n.CapUntil) for s in g for m in s.modifiers) for g in groups]
    if not all(caps):
        return None
    ctx.info("PE201", "每句自有分值与扣分上限：分别计分后相加",
             "each sentence is a rule with its own points and cap: scored separately and added up", None)
    circled = "①②③④⑤⑥⑦⑧⑨⑩"
    return [(circled[i], w, g, _words_of(g)) for i, (g, w) in enumerate(zip(groups, worths, strict=True))
            if w is not None]


def _words_of(group: list[Statement]) -> tuple[str, ...]:
    """The words of a part, by which an input may name it."""
    return tuple(p.text for s in group for p in s.phrases if isinstance(p, n.Words) and len(p.text) >= 2)


def _parts_each(stmts: list[Statement], each: n.PartsEach, ctx: Context) -> list[tuple[str, Decimal, list[Statement], tuple[str, ...]]]:
    """高标准农田项目和农机购置项目的…各占1.5分: the same rule for each thing named, each worth its points."""
    owner = next(s for s in stmts if each in s.phrases)
    words = "".join(p.text for p in owner.head if isinstance(p, n.Words))
    names = [w.strip() for w in re.split(r"和|与|及|、", re.split(r"的", words)[0]) if w.strip()]
    if len(names) < 2:
        names = [f"{i + 1}" for i in range(int(ctx.max_points / each.points))]
    i = owner.head.index(each) if each in owner.head else -1
    tail = owner.head[i + 1 :] if i >= 0 else ()
    rest = [attrs.evolve(owner, head=tail) if s is owner else s for s in stmts
            if s is not owner or (owner.outcome is not None and owner.outcome is not each)]
    total = each.points * len(names)
    if total != ctx.max_points:
        ctx.warn("PE221", f"各部分合计 {total.normalize():f} 分，与分值 {ctx.max_points.normalize():f} 分不同",
                 f"the parts are worth {total.normalize():f}分 together, not the 分值 {ctx.max_points.normalize():f}分",
                 owner.span)
    ctx.info("PE202", f"“各占”：{'、'.join(names)} 各按同一标准计 {each.points.normalize():f} 分",
             f"各占: {', '.join(names)} are each scored by the same rule, worth {each.points.normalize():f}分", owner.span)
    circled = "①②③④⑤⑥⑦⑧⑨⑩"
    return [(circled[i], each.points, rest, (name,)) for i, name in enumerate(names)]


def _composite(parts: list[tuple[str, Decimal, list[Statement], tuple[str, ...]]], ctx: Context, mods: Mods,
               notes: list[str]) -> ir.Item:
    out: list[ir.Part] = []
    for key, worth, group, names in parts:
        if isinstance(group[0].outcome, n.ParenPoints) and all(isinstance(p, n.Words) for p in group[0].head) \
                and len(group) > 1:
            group = group[1:]  # the part's own "(0.8分)": its worth, not a rule
        sub = Context(ctx.text, worth)
        sub.diagnostics = ctx.diagnostics
        item = _body(group, sub, attrs.evolve(mods, carry=False), notes)
        out.append(ir.Part(key, item, group[0].span, names))
    return ir.Item(ctx.max_points, parts=tuple(out), ceiling=ctx.max_points, floor=None if mods.negative else _ZERO,
                   precision=mods.precision or Decimal("0.01"))


# ── one rule ────────────────────────────────────────────────────────────────────────────────


def _body(stmts: list[Statement], ctx: Context, mods: Mods, notes: list[str]) -> ir.Item:
    readings = [classify(s) for s in stmts]
    scoring = [r for r in readings if r.role != "note"]
    reference: Decimal | None = None
    definitions: list[n.Definition] = []
    formulas: list[Statement] = []  # 执行率（B/A）: a formula without a name or 得分
    for r in readings:
        if r.role != "note":
            continue
        s = r.statement
        refs = [p for p in s.head if isinstance(p, n.Reference)]
        defs = [p for p in s.head if isinstance(p, n.Definition)]
        if refs:
            reference = refs[0].value.value
            continue
        if defs and all(isinstance(p, n.Definition | n.Words) for p in s.head):
            definitions += defs
            continue
        if not s.head:
            continue
        if _share_tiers(s):
            return _tiers_by_share(s, ctx, mods)
        if s.find(n.InlineFormula) and not s.find(n.Compare | n.Bound | n.Range) and len(s.head) <= 3 and \
                all(_names_a_value(f) for f in s.find(n.InlineFormula)):
            notes.append(ctx.source(s.span))
            formulas.append(s)
            continue
        _check_note(s, ctx, notes)
    if not scoring:
        if _evaluation_points(stmts):
            ctx.info("PE162", "评价要点未逐项给分：由评价人在 0 到分值之间评分",
                     "the evaluation points carry no points each: the assessor scores within 0 and 分值", None)
            return ir.Item(ctx.max_points, judged=(_ZERO, ctx.max_points), ceiling=ctx.max_points,
                           precision=mods.precision or Decimal("0.01"))
        if definitions:
            raise ctx.fail("formula_defines", definitions[0].span, name=var_name(definitions[0].name))
        if formulas:
            named = next((p.text for p in formulas[0].head if isinstance(p, n.Words)), "")
            raise ctx.fail("formula_defines", formulas[0].span, name=named)
        raise ctx.fail("no_points", None, hint="hint_needs_scoring")
    absent = _absent(scoring, ctx)
    scoring_all = scoring
    scoring = [r for r in scoring if r.role != "absent"] or scoring
    roles = {r.role for r in scoring}
    if _pair(scoring):
        return attrs.evolve(choice.options(scoring, ctx, mods), absent=absent)
    if roles & {"count", "oneoff", "double"} or ("zero" in roles and _occurrence(scoring)):
        return attrs.evolve(counted.counted(scoring, ctx, mods, stmts), absent=absent)
    if roles & {"band", "step", "computed", "rank", "rank_step"}:
        return _numeric(scoring_all, ctx, mods, reference, definitions)
    if roles == {"average"}:
        raise ctx.fail("rule_not_given", scoring[0].statement.span, case=ctx.source(scoring[0].statement.span),
                       other="其他情形")
    judged = [r for r in scoring if r.role == "judged"]
    if len(scoring) == 1 and judged:
        return choice.judged(judged, ctx, mods)
    tiers = choice.tiers_of(scoring, ctx, mods)
    if tiers is not None:
        return tiers
    zeros = [r for r in scoring if r.role == "zero"]
    unmet = [r for r in scoring if choice.judges_each_unmet(r)]
    items = [r for r in scoring if r.role != "zero" and r not in unmet]
    if choice.is_checklist(items, ctx.max_points) and len(unmet) <= 1:
        cap = next((m.points for r in scoring for m in r.statement.modifiers if isinstance(m, n.GainCap)), None)
        return attrs.evolve(choice.checklist(items, ctx, mods, cap, zeros, judged_unmet=unmet), absent=absent)
    return attrs.evolve(choice.options(scoring, ctx, mods), absent=absent)


def _pair(readings: list[Reading]) -> bool:
    """达到绩效目标得3分，未如期完成且无充分理由的扣3分: one award and the deductions of its opposite — options."""
    awards = [r for r in readings if r.role == "award" or (r.role == "band" and r.cond is not None
                                                          and r.cond.ref is not None and not r.cond.numbers)]
    oneoffs = [r for r in readings if r.role == "oneoff"]
    if len(awards) != 1 or not oneoffs or len(awards) + len(oneoffs) != len(readings):
        return False
    amount = awards[0].amount
    worth = amount.points if amount is not None and amount.points is not None else None
    return all(r.deduct is not None and r.deduct.high is not None and worth is not None and r.deduct.high >= worth
               for r in oneoffs)


def _occurrence(readings: list[Reading]) -> bool:
    """发生重大事故的，本项得分为0: a fact that happens (a count of occurrences), not an option."""
    occurs = counted.OCCURS

    return any(r.role == "zero" and r.cond is not None and r.cond.fact is not None
               and occurs.search(r.cond.fact or "") for r in readings) or any(
        r.role == "zero" and occurs.search("".join(p.text for p in r.statement.head if isinstance(p, n.Words)))
        for r in readings)


def _share_tiers(s: Statement) -> bool:
    """分值区间100%-80%（含）、80%-60%（含）、60%-0%: tiers given as shares of the 分值."""
    ranges = [p for p in s.head if isinstance(p, n.Range) and p.lo.percent and p.hi.percent]
    return len(ranges) >= 2


def _tiers_by_share(s: Statement, ctx: Context, mods: Mods) -> ir.Item:
    from .intervals import Side, resolve

    ranges = [p for p in s.head if isinstance(p, n.Range)]
    sides: list[tuple[Side | None, Side | None]] = []
    for p in ranges:
        cond = _range_cond(p)
        sides.append((cond.lo, cond.hi))
    intervals, _, _ = resolve(sides)
    pieces = tuple(ir.Piece(iv, ir.Op("*", ir.MaxPoints(), ir.X()), p.span, ctx.source(p.span))
                   for iv, p in zip(intervals, ranges, strict=True))
    ctx.info("PE183", "分档评价：评价人在所选档次内给出完成比例，得分 = 分值 × 比例",
             "qualitative tiers: the assessor gives a share within the tier; points = 分值 × share", s.span)
    stream = ir.Stream("", ctx.source(s.span), s.span, ir.Value(ir.Kind.RATE), ir.Piecewise(pieces), ir.Role.BASE)
    return ir.Item(ctx.max_points, (stream,), ceiling=ctx.max_points, judged=(_ZERO, ctx.max_points),
                   precision=mods.precision or Decimal("0.01"))


def _range_cond(p: n.Range) -> Cond:
    from .conditions import condition

    c = condition([p])
    assert c is not None
    return c


def _signed(item: ir.Item, ctx: Context, mods: Mods) -> ir.Item:
    return item


def _formula_described(readings: list[Reading], ctx: Context) -> list[Reading]:
    """根据…考核分数折算。该项得分=(…)*8: a method named in words (折算, 按比例) with no condition of its own,
    beside the 得分= formula that writes it out, is that formula's description (reading PE146)."""
    formulas = [r for r in readings if r.role == "computed" and isinstance(r.statement.outcome, n.ScoreFormula)]
    if len(formulas) != 1:
        return readings
    out = []
    for r in readings:
        if r.role == "computed" and isinstance(r.statement.outcome, n.Proportional) and \
                (r.cond is None or not r.cond.numbers) and not r.statement.modifiers:
            ctx.info("PE146", f"{ctx.source(r.statement.span)!r} 说明计分方法，按其后的公式计算",
                     f"{ctx.source(r.statement.span)!r} names the method; the formula written beside it scores",
                     r.statement.span)
            continue
        out.append(r)
    return out


def _numeric(readings: list[Reading], ctx: Context, mods: Mods, reference: Decimal | None,
             definitions: list[n.Definition]) -> ir.Item:
    from .families.values import value_of

    P = ctx.max_points
    readings = _formula_described(readings, ctx)
    value, spec, readings = value_of(readings, ctx, definitions)
    base, bonus = piecewise.piecewise(readings, ctx, value, mods, reference)
    _check_pieces(base, ctx, value)
    streams = [ir.Stream("", "", readings[0].statement.span, spec, ir.Piecewise(tuple(base)), ir.Role.BASE,
                         absent=_absent(readings, ctx))]
    ceiling = P
    bonus_cap = None
    if bonus:
        cap = next((m.points for r in readings if r.bonus is not None for m in r.statement.modifiers
                    if isinstance(m, n.GainCap) and m.points is not None), None)
        streams.append(ir.Stream("", "加分", readings[0].statement.span, spec, ir.Piecewise(tuple(bonus)),
                                 ir.Role.BONUS))
        top = cap if cap is not None else _max_bonus(bonus)
        if top is not None:
            ceiling = P + top
            bonus_cap = cap
            ctx.info("PE150", f"加分：最多加 {show(top, ir.Kind.NUMBER)} 分，可超过分值",
                     f"bonus: at most {show(top, ir.Kind.NUMBER)}分, above the 分值", None)
    floor: Decimal | None = _ZERO
    if mods.negative:
        floor = None
    if mods.floor is not None:
        floor = mods.floor
    return ir.Item(P, tuple(streams), base=_ZERO, floor=floor, ceiling=ceiling, carry=mods.carry,
                   precision=mods.precision or Decimal("0.01"), bonus_cap=bonus_cap,
                   absent=_absent(readings, ctx))


def _max_bonus(pieces: list[ir.Piece]) -> Decimal | None:
    best = _ZERO
    for p in pieces:
        if isinstance(p.expr, ir.Const):
            best = max(best, p.expr.value)
        elif isinstance(p.expr, ir.Min) and isinstance(p.expr.right, ir.Const):
            best = max(best, p.expr.right.value)
        else:
            return None
    return best


def _absent(readings: list[Reading], ctx: Context) -> Decimal | None:
    """没有楼堂馆所项目的部门按满分计算 · 无新建项目的不扣分: what no value at all scores (not applicable)."""
    for r in readings:
        if r.role == "absent":
            ctx.info("PE134", f"没有该项情形时：{ctx.source(r.statement.span)!r}（不给值即按满分）",
                     f"when there is nothing to score: {ctx.source(r.statement.span)!r} (no value: full marks)",
                     r.statement.span)
            return ctx.max_points
    return None


def _check_pieces(pieces: list[ir.Piece], ctx: Context, value: ValueInfo) -> None:
    from .intervals import gaps, render_interval

    for p in pieces:
        if isinstance(p.expr, ir.Const) and p.expr.value > ctx.max_points:
            raise ctx.fail("award_above_points", p.span, clause=p.label, award=f"{p.expr.value.normalize():f}",
                           points=f"{ctx.max_points.normalize():f}")
    percent = value.kind is ir.Kind.RATE
    for g in gaps([p.interval for p in pieces]):
        shown = render_interval(g, percent)
        # Point at the band the gap opens after, and say how far it would have to reach.
        below = next((p for p in pieces if p.interval.hi is not None and p.interval.hi == g.lo), None)
        above = next((p for p in pieces if p.interval.lo is not None and p.interval.lo == g.hi), None)
        at = below or above or (pieces[0] if pieces else None)
        hint_zh = hint_en = None
        if below is not None and g.hi is not None:
            reach = show(g.hi, value.kind, value.unit)
            hint_zh = f"把 {below.label!r} 延至 {reach}，或为 {shown} 另写一档"
            hint_en = f"extend {below.label!r} up to {reach}, or give {shown} a band of its own"
        ctx.error("PE310", f"没有分档覆盖 {shown}", f"no band covers {shown}", at.span if at else None,
                  hint_zh, hint_en)


_ = (computed_expr, expression, inputs_of)
