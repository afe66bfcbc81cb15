"""The value a numeric standard scores: a rate, a quantity in a unit, a count, a rank — or one derived.

From the numbers its conditions and steps are written in: any percentage makes it a rate; a measure (2天,
50万元) a quantity in that unit; a count noun (3处) a count; 名/位 a rank. A condition on a value named in
words (高于年度控制值, 低于下达额度80%) makes it relative to that input (目标值): the difference from it, or
the share of it when the numbers are shares (80% of the quota); the caller then gives 实际值 and 目标值. A
formula with one input scores that input; a definition (完成率=实际完成值/年度目标值) derives it.

>>> from perfeval.rules.syntax.parser import parse
>>> from perfeval.rules.meaning.analyse import analyse
>>> analyse(parse("每低于目标值2天,扣0.25分"), Decimal(5)).item.streams[0].value.unit
'天'
"""

from __future__ import annotations

import re
from decimal import Decimal

import attrs

from ...messages import pair
from ...syntax import nodes as n
from ...syntax.nodes import Num
from ...vocabulary import (
    COUNT_NOUNS,
    DIRECTION_UNCLEAR_MEASURES,
    HIGHER_BETTER_MARKS,
    INPUT_NAMES,
    MISSING_SHARE_PARTS,
    REACHING_WORDS,
    REFERENCE_WORDS,
)
from .. import ir
from ..conditions import Cond, reference_in
from ..context import Context
from ..formulas import expression, inputs_of, var_name
from ..roles import Reading
from ..scales import check_one_unit
from .bands import ValueInfo
from .computed import both_directions, lower_is_better
from .direction import PAIR_TEXT

__all__ = ["value_of"]

_COUNTS = frozenset(COUNT_NOUNS)


def _numbers(readings: list[Reading]) -> list[Num]:
    out: list[Num] = []
    for r in readings:
        if r.cond is not None:
            out += list(r.cond.numbers)
        if r.step is not None and r.step.size is not None:
            out.append(r.step.size)
        for p in r.statement.head:
            if isinstance(p, n.CompareList):
                out += list(p.values)
    return out


def _places_only(readings: list[Reading], ctx: Context) -> None:
    """排名前10%的得满分 · 排名前3名得满分，倒数第1名不得分: a rank is one whole place counted one way.

    A share of the units ranked (前10%) needs the number ranked, which is not an input — banding the place
    itself on (0, 10%] gave the first place the 其余 points; places from the top beside places from the bottom
    (倒数) would read one number both ways. Both are refused, located at the statement that breaks it."""
    for r in readings:
        if r.cond is not None and any(x.percent for x in r.cond.numbers):
            raise ctx.fail("rank_share", r.statement.span, clause=ctx.source(r.statement.span))
    ways = [(p.word.startswith("倒数"), r) for r in readings for p in r.statement.head
            if isinstance(p, n.Rank) and p.values]
    if len({bottom for bottom, _ in ways}) > 1:
        odd = next(r for bottom, r in ways if bottom != ways[0][0])
        raise ctx.fail("rank_two_ways", odd.statement.span, clause=ctx.source(odd.statement.span))


def _one_reference(readings: list[Reading], refs: list[str], ctx: Context) -> None:
    """每低于目标1个百分点扣1分；比上年提高的，每提高1个百分点加0.5分: steps against the target and against last
    year — one value cannot give both (the bonus was counted against the target): refused."""
    if len(set(refs)) > 1:
        odd = next(r for r in readings if (r.step is not None and r.step.ref not in (None, refs[0]))
                   or (r.cond is not None and r.cond.ref not in (None, refs[0])))
        raise ctx.fail("step_reference", odd.statement.span)
    named = set(refs)
    for r in readings:
        if r.step is None:
            continue
        words = "".join(p.text for p in r.statement.head if isinstance(p, n.Words))
        said = {REFERENCE_WORDS[w] for w in REFERENCE_WORDS if w in words}
        if said - named and (named or len(said) > 1):
            raise ctx.fail("step_reference", r.statement.span)
        named |= said


#: 完成年度目标 · 完成下达任务 · 达到考核目标: meeting a target named in words
_TARGET_MET = re.compile(r"(?<!未)(?:完成|达到)[^,;。的]{0,12}?(?:目标|任务|计划)")


def _points_from_the_target(readings: list[Reading], definitions: list[n.Definition]) -> bool:
    """A target met in words and steps in 个百分点, with no rate written anywhere: the points are the
    indicator's against its target."""
    if definitions or any(r.cond is not None and r.cond.numbers for r in readings):
        return False
    steps = [r for r in readings if r.step is not None]
    met = [r for r in readings if r.step is None and r.role in ("award", "band") and _TARGET_MET.search(
        "".join(p.text for p in r.statement.head if isinstance(p, n.Words)))]
    return bool(met) and bool(steps) and all(
        r.step is not None and r.step.size is not None and "百分点" in r.step.size.text and r.step.at is None
        for r in steps)


def value_of(readings: list[Reading], ctx: Context,
             definitions: list[n.Definition]) -> tuple[ValueInfo, ir.Value, list[Reading]]:
    """The value the numeric statements score, how a caller gives it, and the readings with their
    conditions placed (a 标准值 the standard writes as a number is that number)."""
    nums = _numbers(readings)
    check_one_unit(nums, ctx)  # 每推迟1天 beside 超过1个月: no one unit to compare them in
    kind = ir.Kind.NUMBER
    unit: str | None = None
    if any(x.percent for x in nums):
        kind = ir.Kind.RATE
    else:
        units = [x.unit for x in nums if x.kind == "qty" and x.unit]
        if units:
            unit = units[0]
            kind = ir.Kind.COUNT if unit in _COUNTS else ir.Kind.QUANTITY
            if unit in ("名", "位"):
                kind = ir.Kind.RANK
    if any(r.role in ("rank", "rank_step") for r in readings):
        kind = ir.Kind.RANK
    if kind is ir.Kind.RANK:
        _places_only(readings, ctx)
    refs = [r.cond.ref for r in readings if r.cond is not None and r.cond.ref] + \
        [r.step.ref for r in readings if r.step is not None and r.step.ref]
    ref = refs[0] if refs else None
    _one_reference(readings, refs, ctx)
    if ref is None and kind is ir.Kind.RATE and _points_from_the_target(readings, definitions):
        # 完成年度目标的得满分；未完成的，每低1个百分点扣0.2分: percentage points below the target, as when
        # "未完成年度目标的，每低1个百分点" stands alone — not points of a completion rate
        ref = "目标值"
        ctx.info("PE123", *pair("reading_pe123"),
                 readings[0].statement.span)
    plain = [r for r in readings if r.cond is not None and r.cond.numbers and r.cond.ref is None]
    written = {x.value for r in plain if r.cond is not None for x in r.cond.numbers}
    if ref is not None and len(written) == 1 and \
            not any(r.cond is not None and r.cond.numbers and r.cond.ref for r in readings):
        # 达到或超过标准值得分，未达到90%…: the standard value is the 90% written beside it, not an input.
        # (Two different numbers beside it would leave the standard value unknown: it stays an input.)
        at = written.pop()
        ctx.info("PE121", *pair("reading_pe121"),
                 plain[0].statement.span)
        ref = None
        readings = [attrs.evolve(r, cond=_placed(r.cond, at)) if r.cond is not None and r.cond.ref
                    and not r.cond.numbers else r for r in readings]
    share = any(r.cond.share for r in readings if r.cond is not None and r.cond.ref)
    formula_input: str | None = None
    formulas = [r for r in readings if r.role == "computed" and isinstance(r.statement.outcome,
                                                                             n.ScoreFormula | n.InlineFormula)]
    named: tuple[str, ...] = ()
    for r in formulas:
        names = inputs_of(expression(r.statement.outcome.expr))  # type: ignore[union-attr]
        if len(names) == 1 and not ref:
            formula_input = names[0]
        elif len(names) > 1:
            named = names
    definitions = definitions + _inline_definitions(readings) + [
        p for r in readings for p in r.statement.head if isinstance(p, n.Definition)]
    if ref is None and any(isinstance(r.statement.outcome, n.Overspend) for r in readings):
        ref, share = "目标值", True  # 按超支比例扣减: the cost against its target, as a ratio
    said = _said_side(readings)
    lower_better = lower_is_better(ctx.text) or any(isinstance(r.statement.outcome, n.Overspend) for r in readings) \
        or said == "lower"
    if not lower_better:
        _direction_said(readings, ctx)
    proportional = [r for r in readings if isinstance(r.statement.outcome, n.Proportional | n.Overspend)]
    if ref is None and lower_better and proportional:
        ref, share = "目标值", True  # “≤”型指标：达标得满分，超出部分按比例计分: the actual against its target
    if ref is None and any(isinstance(r.statement.outcome, n.Proportional) and r.statement.outcome.text == PAIR_TEXT
                           for r in readings):
        ref, share = "目标值", True  # 正向指标按B/A…反向指标按A/B: actual and target, the target's side decides
    if ref is not None and not share and proportional:
        # 达到目标值的得满分，未达到的按比例计分 · 超出预算的按超支比例扣分: a proportion of the target is the ratio
        # actual/target, so the target itself sits at 100% — a difference (150 − 200) times the 分值 would be a
        # number of nothing. Conditions written as differences from the target (超过目标5个百分点) and a
        # proportion of it cannot both be read on one value.
        apart = next((r for r in readings if r.cond is not None and r.cond.ref and r.cond.numbers), None)
        if apart is not None:
            raise ctx.fail("proportion_and_difference", apart.statement.span,
                           clause=ctx.source(apart.statement.span),
                           other=ctx.source(proportional[0].statement.span))
        share = True
    if ref is not None and share:
        _one_space(readings, ctx)
    derive: ir.Expr | None = None
    needs: tuple[str, ...] = ()
    counts: tuple[str, ...] = ()
    if ref is not None:
        if kind is ir.Kind.NUMBER:
            kind = ir.Kind.QUANTITY
        if kind is ir.Kind.COUNT:
            # a change against last year's count may be negative, and is given as the change itself; steps
            # below a target (培训人数达到计划的得满分，每少10人) need both numbers, as for any measure
            stepped = ref != "上年值" and any(r.role == "step" for r in readings)
            kind = ir.Kind.QUANTITY if stepped else ir.Kind.NUMBER
        ratio = next((r for r in readings if r.cond is not None and r.cond.ratio and r.cond.ref == ref), None)
        if ratio is not None:
            counts = _ratio_counts(ratio, ctx)
            derive = ir.Op("-", ir.Input("实际值"), ir.Op("/", ir.Input(counts[0]), ir.Input(counts[1])))
            needs = ("实际值", *counts)
        else:
            derive = ir.Op("/" if share else "-", ir.Input("实际值"), ir.Input(ref))
            needs = ("实际值", ref)
            ctx.info("PE120", *pair("reading_pe120_ratio" if share else "reading_pe120_difference", ref=ref),
                     readings[0].statement.span)
    missing = next((r for r in proportional if isinstance(r.statement.outcome, n.Proportional)
                    and r.statement.outcome.deducts), None)
    if missing is not None and ref is None and not definitions and formula_input is None and \
            kind in (ir.Kind.NUMBER, ir.Kind.RATE):
        # 资料缺失的按缺失比例扣分: the value is the share missing, given as such or by its two counts
        kind = ir.Kind.RATE
        derive = ir.Op("/", ir.Input(MISSING_SHARE_PARTS[0]), ir.Input(MISSING_SHARE_PARTS[1]))
        needs = MISSING_SHARE_PARTS
        ctx.info("PE261", *pair("reading_pe261"), missing.statement.span)  # names: MISSING_SHARE_PARTS
    target = formula_input
    if target is None and ref is None and len(definitions) == 1 and kind is ir.Kind.RATE:
        # 资金到位率=实际到位资金/计划投入资金×100%，到位率100%得满分…: the rate the bands speak of, defined
        subjects = {r.cond.subject.strip("的在 ") for r in readings if r.cond is not None and r.cond.subject}
        name = var_name(definitions[0].name)
        if all(name.endswith(x) or x.endswith(name) for x in subjects):
            target = name
            ctx.info("PE122", *pair("reading_pe122", name=name),
                     definitions[0].span)
    for d in definitions:
        name = var_name(d.name)
        if target is not None and (name == target or name.endswith(target) or target.endswith(name)):
            derive = expression(d.expr)
            needs = inputs_of(derive)
            break
    if formula_input is not None and kind is ir.Kind.NUMBER and formula_input.endswith("率"):
        kind = ir.Kind.RATE
    info = ValueInfo(kind, unit, ref, share, formula_input=formula_input, lower_better=lower_better)
    names = (formula_input,) if formula_input else ()
    if kind is ir.Kind.RANK:
        names = INPUT_NAMES["rank"]
    subject = next((r.cond.subject for r in readings if r.cond is not None and r.cond.ref and r.cond.subject), None)
    aliases = ((subject.strip("的在 "), "实际值"),) if subject and ref is not None else ()
    if named and derive is None:
        return info, ir.Value(ir.Kind.NUMBER, unit, needs=named), readings
    return info, ir.Value(kind, unit, names=names, derive=derive, needs=needs, aliases=aliases,
                          direction=_direction(readings, lower_better, ctx.text), counts=counts), readings


def _ratio_counts(r: Reading, ctx: Context) -> tuple[str, str]:
    """The two inputs of a reference written as their ratio (不低于A占B的比例), stated with PE240: three
    distinct inputs — the value compared (its words, or 实际值) and the two counts — or a located refusal."""
    c = r.cond
    assert c is not None and c.ratio is not None
    span = r.statement.span
    a, b = c.ratio
    value = (c.subject or "").strip("的在 ") or "实际值"
    actual = set(INPUT_NAMES["actual"])

    def group(name: str) -> str:  # the input a caller's name may fill (计划数 and 目标数 are one: 目标值)
        return "实际值" if name in actual or name.startswith("实际") else reference_in(name) or name

    if len({value, a, b}) < 3 or group(a) == "实际值" or group(b) == "实际值" or group(a) == group(b):
        # 实际值不低于实际值占计划数的比例: the value and the counts must be three inputs
        raise ctx.fail("ratio_reference_inputs", span, clause=ctx.source(span), a=a, b=b, value=value)
    ctx.info("PE240", *pair("reading_pe240", value=value, a=a, b=b), span)
    return a, b


#: Words that measure how far from the target (超出, 超支, 低于, 不足, 降低): a plain number after them may be that distance.
_APART = re.compile(r"超|高于|高出|低于|少于|不足|缺|降|增|差|偏")


def _one_space(readings: list[Reading], ctx: Context) -> None:
    """A value read as actual ÷ target: every number beside it must be a share of that target.

    达到目标值的得满分，每低于目标值1个百分点扣1分，低于目标值的80%不得分 — percentage points of the difference beside a
    share of the target (57% against 60% is 3 points short, or 95% of it?) · 超出10%以上的不得分 beside 超出预算10%以内
    的按超支比例扣减 — 10% of the budget, or a rate of 10%? Refused where the words do not place the number."""
    for r in readings:
        size = r.step.size if r.step is not None else None
        if size is not None and size.text.endswith("百分点"):
            raise ctx.fail("proportion_and_difference", r.statement.span, clause=ctx.source(r.statement.span),
                           other=ctx.source(next(q for q in readings if q.cond is not None and q.cond.share
                                                 or q is not r).statement.span))
        c = r.cond
        if c is None or not c.numbers:
            continue
        # 未完成100%的 (of the target, as 达到绩效目标100% beside it) is placed; 超出10%以上的 may be the excess
        out = r.statement.outcome
        words = ctx.text[r.statement.span.start:out.span.start if out is not None else r.statement.span.end]
        if c.ref is not None and not c.share or c.ref is None and _APART.search(words):
            raise ctx.fail("ratio_numbers_unplaced", r.statement.span, clause=ctx.source(r.statement.span))


def _said_side(readings: list[Reading]) -> str | None:
    """Which side of its reference the standard's own words make good: ``"lower"`` (不超过目标值的得满分 ·
    超过目标值的扣2分 · 每超过目标值1个百分点扣0.5分), ``"higher"`` (不低于目标值的得满分 · 每低于目标1个百分点扣),
    ``"both"`` when its clauses say both, None when none says (达到目标值的 · 未完成的 · 每差2微克)."""
    sides: set[str] = set()
    for r in readings:
        out = r.statement.outcome
        loses = r.deduct is not None or r.role == "zero" or isinstance(out, n.Zero)
        c = r.cond
        if c is not None and c.ref and c.cmp is not None and c.cmp.word not in REACHING_WORDS and \
                c.cmp.side in ("lower", "upper") and (isinstance(out, n.Full) or loses):
            good_above = (c.cmp.side == "lower") == isinstance(out, n.Full)
            sides.add("higher" if good_above else "lower")
        if r.step is not None and (r.step.ref or c is not None and c.ref) and r.step.direction in ("above", "below"):
            gains = r.bonus is not None
            sides.add("higher" if (r.step.direction == "above") == gains else "lower")
    if len(sides) > 1:
        return "both"
    return next(iter(sides), None)


def _direction(readings: list[Reading], lower_better: bool, text: str) -> str | None:
    """Which side of the target the standard says is good (see :class:`ir.Value`): None where every condition
    only speaks of reaching it (达到目标值的, 未完成的, 达标) and no step counts from it, or where it names both
    kinds of indicator (正向指标按B/A，反向指标按A/B): then the target's own comparator decides."""
    if lower_better:
        return "lower"
    if both_directions(text):
        return None
    if any(w in text for w in HIGHER_BETTER_MARKS):
        return "higher"  # 越大越好 · 正向指标: a ceiling target says the other side
    for r in readings:
        if r.step is not None or r.cond is not None and (r.cond.numbers or r.cond.cmp is not None and
                                                          r.cond.cmp.word not in REACHING_WORDS):
            return "higher"  # 低于目标值80%, 每低于目标1个百分点: the bands are written for one direction
    return None


def _direction_said(readings: list[Reading], ctx: Context) -> None:
    """PM10年均值未达到年度目标值的，每差1微克/立方米扣0.5分: for a measure that is usually lower-is-better,
    "reaching" the target does not say which side is good; refuse rather than guess (溶解氧浓度 is
    higher-is-better). 高于/超过/低于 say it; so does a “≤” mark."""
    measure = next((w for w in DIRECTION_UNCLEAR_MEASURES if w in ctx.text), None)
    if measure is None:
        return
    for r in readings:
        reaching = r.cond is not None and r.cond.cmp is not None and r.cond.cmp.word in REACHING_WORDS
        differing = r.step is not None and r.step.direction == "diff" and r.cond is None  # 高于…的，每差: said
        if reaching or differing:
            raise ctx.fail("direction_unclear", r.statement.span, clause=ctx.source(r.statement.span),
                           measure=measure)


def _inline_definitions(readings: list[Reading]) -> list[n.Definition]:
    """拨付率(B/A): a name followed by its formula in parentheses defines it."""
    out: list[n.Definition] = []
    for r in readings:
        head = list(r.statement.head)
        for i, p in enumerate(head):
            before = head[i - 1] if i else None
            if isinstance(p, n.InlineFormula) and isinstance(before, n.Words):
                words = before.text
                out.append(n.Definition(words, p.expr, p.span))
    return out


_ = Decimal


def _placed(c: Cond, at: Decimal) -> Cond:
    """A condition on the distance from the 标准值, placed at the number the standard writes for it."""
    def moved(v: Decimal) -> Decimal:
        return v * at if c.share else v + at  # a share of the 标准值, or a difference from it

    lo = None if c.lo is None else attrs.evolve(c.lo, value=moved(c.lo.value))
    hi = None if c.hi is None else attrs.evolve(c.hi, value=moved(c.hi.value))
    return attrs.evolve(c, lo=lo, hi=hi, ref=None, at_reference=False)
