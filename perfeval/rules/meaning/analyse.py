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

from ...i18n import N_
from ..errors import Diagnostic, RuleError
from ..messages import pair, render
from ..syntax import nodes as n
from ..syntax.parser import Standard
from ..vocabulary import BOUNDED_RATE_WORDS, NUMBER
from . import ir
from .conditions import qualifiers
from .context import Context
from .families import adjustments, choice, counted, gate, piecewise, waiver
from .families.absent import absent_points, borrowed, excluded_case, leaves_out
from .families.bands import ValueInfo, value_at
from .families.common import Mods, floor_of, modifiers, show
from .families.computed import computed_expr
from .families.direction import by_direction_pair
from .families.listed import each_listed
from .families.matrix import fact_matrix
from .families.maximum import unread_maximum
from .families.notes import carries_scoring, check_note, evaluation_points, names_a_value, refusals
from .families.parts import PartSpec, parts, preamble
from .families.rows import several_values
from .families.streams import named_streams
from .families.target import against_target, declared_veto
from .formulas import expression, inputs_of, var_name
from .requirements import steps_from_a_requirement
from .roles import Reading, classify
from .scales import common_units
from .statements import STREAM_CAPS, Statement, edge_declarations, statements

__all__ = ["Analysis", "analyse"]

_ZERO = Decimal(0)
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
        why = _WHY.get(d.why)
        zh, en = (render("reading_pe010", lang, text=d.text, why=render(why, lang) if why else d.why)
                  for lang in ("zh_CN", "en"))
        ctx.info("PE010", zh, en, None)
    stmts = declared_edges(statements(standard), ctx)
    refusals(stmts, ctx)
    mods = modifiers(stmts, standard.text)
    written = stmts
    stmts, stated = preamble(stmts, ctx)
    _worth_or_criterion(written, stmts, ctx)
    if stated is not None and stated != max_points:
        ctx.error("PE230", *pair("reading_pe230", stated=stated.normalize(), max_points=max_points.normalize()),
                  None, *pair("hint_pe230"))
    found = parts(stmts, ctx)
    notes: list[str] = []
    if found is not None:
        item = _composite(found, ctx, mods, notes)
    else:
        item = _body(stmts, ctx, mods, notes)
    declared_veto(written, item, ctx)  # 本项为否决性指标: another clause must say what vetoes
    if precision is not None and mods.precision is None:
        item = attrs.evolve(item, precision=precision)
    excluded = excluded_case([classify(s) for s in stmts], ctx)
    if excluded is not None:
        item = attrs.evolve(item, excluded=excluded)
    return Analysis(item, tuple(ctx.diagnostics), tuple(notes))


def _worth_or_criterion(written: list[Statement], kept: list[Statement], ctx: Context) -> None:
    """按规定开展专题宣传活动(2分)。…每开展1次加3分: the (2分) was read as the item's worth, leaving only the
    bonus — but words before it that do something (开展, 完成) may be the criterion the 2 points are for.
    With nothing but bonuses left, which it is decides every score: refused, never guessed."""
    dropped = [s for s in written if s not in kept and isinstance(s.outcome, n.ParenPoints) and s.head]
    if not dropped:
        return
    rest = [classify(s) for s in kept]
    scoring = [r for r in rest if r.role != "note"]
    if scoring and all(r.bonus is not None for r in scoring):
        s = dropped[0]
        raise ctx.fail("unread_scoring", s.span, clause=ctx.source(s.span), hint="hint_which_applies")


def declared_edges(stmts: list[Statement], ctx: Context) -> list[Statement]:
    """The statements with the standard's own rule for 以上/以下 applied (reading PE115)."""
    kept, declared, said = edge_declarations(stmts)
    for s in said:
        words = [pair("edge_includes" if inc else "edge_excludes", word=w) for w, inc in declared.items()]
        zh, en = pair("reading_pe115", declared="，".join(z for z, _ in words)), pair(
            "reading_pe115", declared=", ".join(e for _, e in words))
        ctx.info("PE115", zh[0], en[1], s.span)
    return kept


#: Why the normaliser dropped a piece of text (its ``why``), as the message id that says it.
_WHY = {"inline pinyin": N_("dropped_pinyin"), "a table cell interleaved into the sentence": N_("dropped_cell"),
        "a page-chunk marker": N_("dropped_chunk_marker"), "a label before the standard": N_("dropped_label"),
        "a fraction drawn over three lines, read as (numerator)/(denominator)": N_("dropped_fraction")}


def _composite(found: list[PartSpec], ctx: Context, mods: Mods,
               notes: list[str]) -> ir.Item:
    out: list[ir.Part] = []
    for key, worth, group, names in found:
        if isinstance(group[0].outcome, n.ParenPoints) and all(isinstance(p, n.Words) for p in group[0].head) \
                and len(group) > 1:
            group = group[1:]  # the part's own "(0.8分)": its worth, not a rule
        sub = Context(ctx.text, worth)
        sub.diagnostics = ctx.diagnostics
        item = _body(group, sub, attrs.evolve(mods, carry=False), notes)
        if item.borrowed is not None:
            # 2.非执法单位按平均分得分 inside a numbered part: whose average (the part's or the item's) is not said
            raise ctx.fail("unread_scoring", item.borrowed.span, clause=item.borrowed.label, hint="hint_which_applies")
        out.append(ir.Part(key, item, group[0].span, names))
    # a part's stated bonus may take it above its worth (PE150), and so the item above its 分值
    extra = sum((max(p.item.ceiling - p.item.max_points, _ZERO) for p in out if p.item.ceiling is not None), _ZERO)
    return ir.Item(ctx.max_points, parts=tuple(out), ceiling=ctx.max_points + extra, floor=floor_of(mods),
                   precision=mods.precision or Decimal("0.01"))


# ── one rule ────────────────────────────────────────────────────────────────────────────────


#: 每季度至少检查一次 · 每月不少于2次: a requirement per part of the year, scored over the whole year — and
#: 每月报送一次进度 · 每季度召开专题会议1次, the same requirement without a comparator (not 每季度未报送的, a
#: count of misses, nor 每个月, which counts the months)
_PERIOD_REQUIREMENT = re.compile(r"每(?:季度|季|月|半年|周|学期)(?:[^,;。]{0,12}?(?:不少于|至少|不低于|不超过|最多|不多于)"
                                 rf"|[^,;。，；未少缺迟逾漏扣得分]{{0,12}}?{NUMBER}\s*(?:次|回|期|份))")


def _body(stmts: list[Statement], ctx: Context, mods: Mods, notes: list[str]) -> ir.Item:
    stmts = common_units(stmts, ctx)  # 5万吨 beside 1000吨: every number of one kind in one unit (PE270)
    if adjustments.claims(stmts, ctx):  # 另设加分事项和减分事项: 基础得分 + 加分 (capped) − 减分 (PE264)
        return adjustments.adjusted(stmts, ctx, mods, notes)
    if gate.is_gated(stmts):
        # 未完成县下达控制指标的,婴儿死亡率与上年持平扣0.2分,每高0.1个千分点加扣0.2分: a gate, steps from last year
        return gate.gated(stmts, ctx, mods)
    waivers = [s for s in stmts if waiver.is_waiver(s)]
    if waivers:
        # 但…高于各地区平均比重加3%的，可不扣分: a second named condition that cancels the deductions (PE241)
        rest = [s for s in stmts if s not in waivers]
        return waiver.waived(_body(rest, ctx, mods, notes), waivers, waiver.subjects(rest), ctx)
    paired = by_direction_pair(stmts, ctx.text)  # 正向指标按B/A×分值，反向指标按A/B×分值: one proportion
    if len(paired) < len(stmts):
        merged = next(s for s in paired if s not in stmts)
        ctx.info("PE148", *pair("reading_pe148"), merged.span)
    stmts = paired
    # 完成年度目标的得满分，未完成的按完成比例计分: the rest scored by the value, so "reaching the target" is a
    # comparison of that value; beside full marks or nothing alone it is a fact, answered yes or no
    reached = any(isinstance(s.outcome, n.Proportional) for s in stmts)
    readings = against_target(steps_from_a_requirement([classify(s, reached) for s in stmts], ctx), ctx)
    averages = [r for r in readings if r.role == "average"]
    if averages:
        # 非执法单位得分为执法单位得分的平均分: one case scored by others' points, the rest by the rule beside it
        case = borrowed(averages, ctx)
        rest = [s for s in stmts if all(s.span != r.statement.span for r in averages)]
        if all(classify(s).role == "note" for s in rest):
            for s in rest:
                check_note(s, ctx, notes)
            return ir.Item(ctx.max_points, base=_ZERO, ceiling=ctx.max_points,
                           borrowed=attrs.evolve(case, only=True), precision=mods.precision or Decimal("0.01"))
        return attrs.evolve(_body(rest, ctx, mods, notes), borrowed=case)
    period = _PERIOD_REQUIREMENT.search(ctx.text)
    yearly = re.search(r"(?:全年|年度|每年)[^,;。]{0,12}?(?:不少于|至少|不低于)", ctx.text)
    if period is not None and yearly is None and any(r.role in ("step", "count") for r in readings):
        # 每季度至少检查一次，每少一次扣0.5分: one short of once a quarter, or of four a year? The count given is
        # not said to be per quarter — refused (0 checks scored 1.5 as one short)
        at = next((s.span for s in stmts if s.span.start <= period.start() < s.span.end), None)
        raise ctx.fail("period_count", at, clause=period.group())
    scoring = [r for r in readings if r.role != "note"]
    rows = several_values(readings, ctx, mods)  # 服务率85-99%,年均进村18次以上 | 4: rows over two values
    if rows is not None:
        return rows
    each = each_listed(readings, ctx, mods, [], notes)  # 四率(登记率、备案率…)…任一项每下降一个百分点扣0.3分
    if each is not None:
        return each
    for r in scoring:
        caps = {(type(m), m.points) for m in r.statement.modifiers
                if isinstance(m, n.Cap | n.CapUntil | n.GainCap) and m.points is not None}
        deduction_caps = [m for m in r.statement.modifiers if isinstance(m, n.Cap | n.CapUntil)
                          and m.points is not None and m.points != ctx.max_points]
        if deduction_caps and r.deduct is None and r.step is None and r.role in ("band", "award", "computed"):
            # 完成率100%得5分，最多扣3分: a cap on deductions where nothing deducts — binding nothing, it was dropped
            raise ctx.fail("unread_scoring", deduction_caps[0].span, clause=ctx.source(r.statement.span),
                           hint="hint_which_applies")
        if len({points for _, points in caps}) > 1:
            # 每推迟一个工作日扣1分；最多扣3分；最多扣4分: two caps for one rule — which binds is not said
            raise ctx.fail("two_caps", r.statement.span, clause=ctx.source(r.statement.span),
                           caps="、".join(f"{p.normalize():f}分" for p in sorted({p for _, p in caps})))
        if r.amount is not None and len(r.amount.values) > 1 and not r.statement.find(n.CompareList) and not any(
                isinstance(p, n.Rank) and p.values for p in r.statement.head):
            # 按从低到高分别得10、8、6、4分: points to pair in order, with nothing written to pair them with
            raise ctx.fail("cond_without_points", r.statement.span, clause=ctx.source(r.statement.span))
        if r.cond is not None and r.cond.unread:
            second = r.cond.unread[0]
            raise ctx.fail("compound_condition", second.span, clause=ctx.source(r.statement.span),
                           first=ctx.source(r.cond.span), second=ctx.source(second.span))
        for q in qualifiers(r.statement.head):
            said = ctx.source(q.span)
            ctx.info("PE106", *pair("reading_pe106", said=said), q.span)
    reference: Decimal | None = None
    definitions: list[n.Definition] = []
    formulas: list[Statement] = []  # 执行率（B/A）: a formula without a name or 得分
    shares: Statement | None = None  # 分值区间100%-80%（含）、80%-60%（含）…: tiers by share of 分值
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
            check_note(s, ctx, notes) if any(isinstance(m, STREAM_CAPS) for m in s.modifiers) else None
            continue
        if choice.share_tiers(s) and shares is None:
            shares = s
            continue
        if s.find(n.InlineFormula) and not s.find(n.Compare | n.Bound | n.Range) and len(s.head) <= 3 and \
                all(names_a_value(f) for f in s.find(n.InlineFormula)) and not carries_scoring(ctx.source(s.span)):
            notes.append(ctx.source(s.span))
            formulas.append(s)
            continue
        check_note(s, ctx, notes)
    if shares is not None:
        if scoring:
            # tiers by share and another rule beside them: which scores what is not said
            other = scoring[0].statement
            raise ctx.fail("unread_scoring", other.span, clause=ctx.source(other.span), hint="hint_which_applies")
        return choice.tiers_by_share(shares, ctx, mods)
    if not scoring:
        if evaluation_points(stmts):
            ctx.info("PE162", *pair("reading_pe162"), None)
            return ir.Item(ctx.max_points, judged=(_ZERO, ctx.max_points), ceiling=ctx.max_points,
                           precision=mods.precision or Decimal("0.01"))
        if definitions:
            raise ctx.fail("formula_defines", definitions[0].span, name=var_name(definitions[0].name))
        if formulas:
            named = next((p.text for p in formulas[0].head if isinstance(p, n.Words)), "")
            raise ctx.fail("formula_defines", formulas[0].span, name=named)
        raise ctx.fail("no_points", None, hint="hint_needs_scoring")
    if all(leaves_out(r, ctx) for r in scoring):
        # 未开展出租出借业务的，该项不参与考核 and nothing else: when it applies, how it scores is not said
        raise ctx.fail("no_points", None, hint="hint_needs_scoring")
    absent = absent_points(scoring, ctx)
    if any(r.role == "judged" for r in scoring) and all(
            r.role in ("judged", "band", "absent") and (r.role == "absent" or _placed_range(r)) for r in scoring):
        # 到位率在75%以上(10分到13分)，60%-75%(6分到9分)…: every range has a value that places it — the value
        # picks the band, the assessor the points within it
        scoring = [attrs.evolve(r, role="band") if r.role == "judged" else r for r in scoring]
    scoring_all = scoring
    scoring = [r for r in scoring if r.role != "absent"] or scoring
    roles = {r.role for r in scoring}
    if _pair(scoring):
        return attrs.evolve(choice.options(scoring, ctx, mods), absent=absent)
    combined = fact_matrix(scoring, ctx, mods)
    if combined is not None:
        return attrs.evolve(combined, absent=absent)
    for r in scoring:
        if r.role == "veto" and r.cond is not None and r.cond.numeric:
            # 低于60%的，实行一票否决: which points go with the veto is not said
            raise ctx.fail("veto_needs_points", r.statement.span, clause=ctx.source(r.statement.span),
                           hint="hint_write_outcome")
    combined = _value_and_cases(scoring, ctx, mods, stmts, reference, definitions)
    if combined is not None:
        return attrs.evolve(combined, absent=absent)
    if roles & {"count", "oneoff", "double", "veto"} or ("zero" in roles and _occurrence(scoring)) or (
            roles == {"zero"} and (len(scoring) > 1 or _lone_failure(scoring[0]))):
        # 未缴纳的，不得分；无缴费相关资料的，不得分: ways to fail, none of which may apply — cases, not options
        return attrs.evolve(counted.counted(scoring, ctx, mods, stmts), absent=absent)
    if _unmeasured_share(scoring):
        return attrs.evolve(choice.options(scoring, ctx, mods), absent=absent)
    if choice.is_threshold_checklist(scoring, ctx.max_points):
        for r in scoring:
            if r.role == "band":
                said = ctx.source(r.statement.span)
                ctx.info("PE196", *pair("reading_pe196", said=said), r.statement.span)
        return attrs.evolve(choice.checklist(scoring, ctx, mods, None), absent=absent)
    if roles & {"band", "step", "computed", "rank", "rank_step"}:
        several = named_streams(scoring_all, ctx, mods, reference, definitions)
        if several is not None:
            return attrs.evolve(several, absent=absent)
        if _words_only(scoring):
            # 无结余,3分;有结余,但不超过上年结转,2分;结余超过上年结转,不得分: comparisons in words, no number to
            # place them — when no value can be read from them, each is an option the assessor picks (PE185)
            stated = len(ctx.diagnostics)
            try:
                return _numeric(scoring_all, ctx, mods, reference, definitions)
            except RuleError as e:
                if e.code != "words_without_values":
                    raise
                del ctx.diagnostics[stated:]  # the readings of the attempt are not the ones taken
                ctx.info("PE185", *pair("reading_pe185"), scoring[0].statement.span)
                return attrs.evolve(choice.options(scoring, ctx, mods), absent=absent)
        return _numeric(scoring_all, ctx, mods, reference, definitions)
    judged = [r for r in scoring if r.role == "judged"]
    if len(scoring) == 1 and judged:
        return choice.judged(judged, ctx, mods)
    if choice.is_ranged_checklist(scoring, ctx.max_points):
        return attrs.evolve(choice.checklist(scoring, ctx, mods, None), absent=absent)
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


def _value_and_cases(scoring: list[Reading], ctx: Context, mods: Mods, stmts: list[Statement],
                     reference: Decimal | None, definitions: list[n.Definition]) -> ir.Item | None:
    """执行率90%（含）以上计6分；80%（含）-90%计4分；低于80%不得分。每发现一处资金违规使用扣1分，扣完为止: a value's
    rule, then per-case deductions in sentences of their own — two inputs (① the value, ② the cases), the
    deductions taken from the value's points before the floor (DESIGN: streams; reading PE207)."""
    values = [r for r in scoring if r.role in ("band", "step") and r.cond is not None and r.cond.numeric
              or r.role == "step"]
    cases = [r for r in scoring if r.role in ("count", "oneoff") and r.deduct is not None and r.step is not None
             and r.step.counts and r.cond is None]
    if not values or not cases or len(values) + len(cases) != len(scoring):
        return None
    if not all(x.kind == "pct" for r in values for x in (*(r.cond.numbers if r.cond else ()),
                                                           *((r.step.size,) if r.step and r.step.size else ()))):
        return None  # 例如：发现2处问题扣1分: a count in the condition is the cases', not a value's rule
    if any(counted.UNMET.search(ctx.source(r.statement.span)) for r in cases):
        return None  # 每有1个…达不到要求的: the cases count misses of the requirement before — one rule, not two
    last_value = max(r.statement.sentence for r in values)
    if min(r.statement.sentence for r in cases) <= last_value or any(r.bonus is not None for r in values):
        return None  # the cases must follow the value's rule, each in its own sentence
    main = _numeric(values, ctx, mods, reference, definitions)
    if main.bonus_cap is not None or len(main.streams) != 1 or main.ceiling != ctx.max_points:
        return None
    counted_item = counted.counted(cases, ctx, mods, stmts)
    if counted_item.base != ctx.max_points or any(st.role is not ir.Role.DEDUCT for st in counted_item.streams):
        return None
    first = attrs.evolve(main.streams[0], key="①", label=ctx.source(values[0].statement.span))
    rest = [attrs.evolve(st, key="②" if len(counted_item.streams) == 1 else f"②{st.key}") for st in counted_item.streams]
    ctx.info("PE207", *pair("reading_pe207"), cases[0].statement.span)
    return attrs.evolve(main, streams=(first, *rest), floor=counted_item.floor,
                        deduction_cap=counted_item.deduction_cap)


def _lone_failure(r: Reading) -> bool:
    """未建立台账的，该项不得分 alone: a way to fail in words — a yes/no, the unit without it keeps its 分值 (as
    under 未建立台账的扣5分), never an option list of one."""
    return r.cond is None or not r.cond.numeric


def _placed_range(r: Reading) -> bool:
    """A band, or a range of points (得10-13分, 满分的90%~100%) whose condition is a value that places it."""
    return r.cond is not None and r.cond.numeric and not r.cond.unread and r.step is None


def _words_only(readings: list[Reading]) -> bool:
    """Every statement awards fixed points on a condition with no number in it (有结余,但不超过上年结转,2分)."""
    return len(readings) >= 2 and all(
        r.role in ("award", "band", "zero") and r.step is None and r.deduct is None and r.bonus is None
        and (r.cond is None or not r.cond.numbers) for r in readings)


def _unmeasured_share(readings: list[Reading]) -> bool:
    """得5分，否则按比例扣除相应的分数: awards, and a proportion of a value the standard never names."""
    computed = [r for r in readings if r.role == "computed"]
    return bool(computed) and all(isinstance(r.statement.outcome, n.Proportional) and r.statement.has(n.Otherwise)
                                  for r in computed) and \
        all(r.role in ("award", "computed", "zero", "judged") for r in readings) and \
        not any(r.cond is not None and (r.cond.numbers or r.cond.ref) for r in readings)


def _pair(readings: list[Reading]) -> bool:
    """达到绩效目标得3分，未如期完成且无充分理由的扣3分 · 健全的得10分,基本健全的得6分,不健全的扣10分: awards,
    and the deductions of their opposite that take all of the best — options, one of which applies."""
    awards = [r for r in readings if r.role == "award" or (r.role == "band" and r.cond is not None
                                                          and r.cond.ref is not None and not r.cond.numbers)]
    oneoffs = [r for r in readings if r.role == "oneoff"]
    if not awards or not oneoffs or len(awards) + len(oneoffs) != len(readings):
        return False
    worths = [a.amount.points for a in awards if a.amount is not None and a.amount.points is not None]
    if len(worths) != len(awards) or len(awards) > 1 and len(set(worths)) != len(worths):
        return False
    if len(awards) > 1 and (len({r.statement.sentence for r in readings}) > 1
                            or any(r.statement.mark for r in readings)):
        return False  # ①…（2分）②…（1分）；报送延误的罚2分: the deduction is a rule of its own, not a tier
    worth = max(worths)
    # …的倒扣1分: the opposite scores below zero, whatever the award is worth
    return all(r.deduct is not None and r.deduct.high is not None and worth is not None and
               (r.deduct.high >= worth or r.deduct.verb == "倒扣") for r in oneoffs)


def _occurrence(readings: list[Reading]) -> bool:
    """发生重大事故的，本项得分为0: a fact that happens (a count of occurrences), not an option."""
    occurs = counted.OCCURS

    return any(r.role == "zero" and r.cond is not None and r.cond.fact is not None
               and occurs.search(r.cond.fact or "") for r in readings) or any(
        r.role == "zero" and occurs.search("".join(p.text for p in r.statement.head if isinstance(p, n.Words)))
        for r in readings)


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
            ctx.info("PE146", *pair("reading_pe146", quoted=ctx.source(r.statement.span)),
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
    if not bonus:
        unread_maximum(readings, ctx)  # 按完成比例计分，最高得8分 (10分): no piece reads the 8
    if not base and bonus:
        # 增长率超过10%的，每超1个百分点加0.5分，最多加2分 · 完成率60%以上的，每提高1个百分点得0.25分: what is added
        # is all the item earns — its points, within the 分值 (and below its condition, 0)
        span = readings[0].statement.span
        base = _bonus_as_points(bonus, span)
        bonus = []
        ctx.info("PE155", *pair("reading_pe155"),
                 span)
    _check_pieces(base, ctx, value)
    streams = [ir.Stream("", "", readings[0].statement.span, spec, ir.Piecewise(tuple(base)), ir.Role.BASE,
                         absent=absent_points(readings, ctx))]
    ceiling = P
    bonus_cap = None
    if bonus:
        said = next((m for r in readings if r.bonus is not None for m in r.statement.modifiers
                     if isinstance(m, n.GainCap) and m.points is not None), None)
        # 最多加1.5分 caps the bonus; 最高得6分 the item's points, bonus and all — above the best base points
        # (完成目标得8分，每超1个百分点加1分，最高得10分 adds up to 2 on a 10-point item)
        best = max((value_at(p.expr, _ZERO, P) for p in base if isinstance(p.expr, ir.Const | ir.MaxPoints)),
                   default=P)
        # a "total" below the base cannot be one (完成率100%得5分，每超1%加0.2分，加满1分为止): what is added
        total = said is not None and said.total and said.points is not None and said.points >= best
        cap = None if said is None or said.points is None else max(said.points - best, _ZERO) if total else said.points
        streams.append(ir.Stream("", "加分", readings[0].statement.span, spec, ir.Piecewise(tuple(bonus)),
                                 ir.Role.BONUS))
        top = cap if cap is not None else _max_bonus(bonus, P)
        if top is not None:
            ceiling = said.points if total and said is not None and said.points is not None else P + top
            bonus_cap = cap
            msgid = N_("reading_pe150_above") if ceiling > P else N_("reading_pe150")
            ctx.info("PE150", *pair(msgid, top=show(top, ir.Kind.NUMBER), ceiling=show(ceiling, ir.Kind.NUMBER)), None)
    if floor_of(mods) is None:
        ctx.info("PE170", *pair("reading_pe170"), None)
    return ir.Item(P, tuple(streams), base=_ZERO, floor=floor_of(mods), ceiling=ceiling, carry=mods.carry,
                   precision=mods.precision or Decimal("0.01"), bonus_cap=bonus_cap,
                   absent=absent_points(readings, ctx), deduction_cap=mods.deduction_cap)


def _bonus_as_points(bonus: list[ir.Piece], span: n.Span) -> list[ir.Piece]:
    """The bonus pieces as the item's own, 0 where none applies (the values below the condition)."""
    from .intervals import subtract

    rest = [ir.EVERYTHING]
    for p in bonus:
        rest = [part for r in rest for part in subtract(r, p.interval)]
    out = [attrs.evolve(p, bonus=None) for p in bonus] + [ir.Piece(iv, ir.Const(_ZERO), span, "") for iv in rest]
    return sorted(out, key=lambda p: (p.interval.lo is not None, p.interval.lo or _ZERO))


def _max_bonus(pieces: list[ir.Piece], P: Decimal) -> Decimal | None:
    """The most the bonus pieces can add (None: no bound is written). A step bonus on a bounded stretch
    (每低于标准1个百分点加0.5分, 3个百分点以上加1.5分) is at most its value at the stretch's ends."""
    best = _ZERO
    for p in pieces:
        iv = p.interval
        if isinstance(p.expr, ir.Const):
            best = max(best, p.expr.value)
        elif isinstance(p.expr, ir.Min) and isinstance(p.expr.right, ir.Const):
            best = max(best, p.expr.right.value)
        elif iv.lo is not None and iv.hi is not None:
            best = max(best, value_at(p.expr, iv.lo, P), value_at(p.expr, iv.hi, P))
        else:
            return None
    return best


def _no_whole_number(g: ir.Interval) -> bool:
    """Whether the interval holds no whole number ((3, 4) does not; (3, 5) holds 4)."""
    if g.lo is None or g.hi is None:
        return False
    first = g.lo.to_integral_value(rounding="ROUND_FLOOR") + 1 if not g.lo_in or g.lo != int(g.lo) else g.lo
    return not g.contains(first)


def _check_pieces(pieces: list[ir.Piece], ctx: Context, value: ValueInfo) -> None:
    from .intervals import gaps, render_interval

    for p in pieces:
        if isinstance(p.expr, ir.Const) and p.expr.value > ctx.max_points:
            raise ctx.fail("award_above_points", p.span, clause=p.label, award=f"{p.expr.value.normalize():f}",
                           points=f"{ctx.max_points.normalize():f}")
    percent = value.kind is ir.Kind.RATE
    whole = value.kind in (ir.Kind.COUNT, ir.Kind.RANK)
    for g in gaps([p.interval for p in pieces]):
        if whole and _no_whole_number(g):
            continue  # between ranks 3 and 4 there is no rank: not a gap
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
        ctx.error("PE310", *pair("reading_pe310", shown=shown), at.span if at else None,
                  hint_zh, hint_en)
    if percent and value.ref is None and pieces:
        _check_rate_ends(pieces, ctx)


def _check_rate_ends(pieces: list[ir.Piece], ctx: Context) -> None:
    """A rate can be 0, and (unless it is a share such as 满意度) above 100%: an end no band reaches is a
    value the subject can take that will get no score (NoBandError when scored). Reported, not filled."""
    from .intervals import render_interval

    if not any(p.interval.lo is None for p in pieces):
        low = min((p for p in pieces if p.interval.lo is not None), key=lambda p: (p.interval.lo, not p.interval.lo_in))
        iv = low.interval
        assert iv.lo is not None
        if iv.lo > 0 or (iv.lo == 0 and not iv.lo_in):
            shown = render_interval(ir.Interval(Decimal(0), True, iv.lo, not iv.lo_in), True)
            ctx.warn("PE311", *pair("reading_pe311", shown=shown),
                     low.span, *pair("hint_pe311", shown=shown))
    if not any(p.interval.hi is None for p in pieces):
        high = max((p for p in pieces if p.interval.hi is not None), key=lambda p: (p.interval.hi, p.interval.hi_in))
        iv = high.interval
        assert iv.hi is not None
        bounded = any(w in ctx.text for w in BOUNDED_RATE_WORDS)
        if iv.hi < 1 or not bounded or (iv.hi == 1 and not iv.hi_in):
            shown = render_interval(ir.Interval(iv.hi, not iv.hi_in, None, False), True)
            ctx.warn("PE311", *pair("reading_pe311_2", shown=shown), high.span,
                     *pair("hint_pe311", shown=shown))


_ = (computed_expr, expression, inputs_of)
