"""Sorting out a call's inputs: which stream each value goes to, the assessor's points, a tier, an option.

``rule(value)``, ``rule(["①", "③"])``, ``rule(实际值="96%", 目标值="95%")``, ``rule(points=3)`` — the
interpreter asks :func:`sort_inputs` which stream each input feeds (by key, by name, fuzzy where the
standard's own words name it, see :mod:`.names`), and refuses what fits no stream.
"""

from __future__ import annotations

import decimal
import re
from collections.abc import Mapping
from decimal import Decimal
from typing import Any

import attrs

from ...errors import PerfevalError
from ...limits import text_of
from ..arith import CTX
from ..errors import JudgementError, MissingInputError, NoRowError
from ..meaning import ir
from ..meaning.families.common import show
from ..meaning.formulas import evaluate
from ..vocabulary import COMPARATORS, MISSING_SHARE_PARTS, NEEDS_NUMBER, alternation
from .inputs import read, read_measure, read_number, zero_or_one
from .names import ASSESSOR, TIER, common, match_streams
from .trace import TraceStep

__all__ = ["Given", "formula_units", "named_values", "read_number_or_measure", "renamed", "sort_inputs"]


@attrs.frozen
class Given:
    """The call's inputs sorted out: each stream's raw value, the named values, the assessor's points."""

    streams: dict[str, Any]
    named: dict[str, Any]
    assessor: Any
    tier: Any
    option: Any


def sort_inputs(item: ir.Item, value: Any, inputs: Mapping[str, Any], text: str,
                 trace: list[TraceStep] | None) -> Given:
    given = dict(inputs)
    if isinstance(value, Mapping):
        given = {**{str(k): v for k, v in value.items()}, **given}
        value = None
    assessor = next((given.pop(k) for k in ASSESSOR if k in given), None)
    tier_name = next((k for k in TIER if k in given), None)
    tier = given.pop(tier_name) if tier_name is not None else None
    if tier is not None and not item.tiers:
        if item.options and value is None:
            value, tier = tier, None  # 等次="一级" for 一级:成效显著(8-10分)…: the option by its words
        else:
            # a tier for a standard without tiers was dropped silently (the points were taken on their own)
            raise JudgementError("unknown_input", text, name=tier_name,
                                 expected="、".join(s.key for s in item.streams if s.key) or "value")
    streams: dict[str, Any] = {}
    option = _by_facts(item, given, text) if item.options and item.options[0].facts else None
    if item.options and item.options[0].where:
        option = _by_values(item, given, text)
    keyed = [s for s in item.streams if s.key]
    if isinstance(value, list | tuple | set | frozenset):
        if item.options and not keyed:
            # The options a standard offers are one choice: a list may name exactly one of them.
            chosen = list(value)
            if len(chosen) != 1:
                raise JudgementError("one_option", text, value=value,
                                     options="、".join(o.mark for o in item.options))
            value = chosen[0]
        else:
            streams.update(listed(item, list(value), text))
            value = None
    if item.options and value is not None:
        option, value = value, None
    if value is not None:
        if item.tiers and tier is None and not item.streams:
            tier = value
        elif not any(not s.key for s in item.streams) and len(keyed) == 1:
            streams[keyed[0].key] = value
        elif keyed and not any(not s.key for s in item.streams):
            # A checklist takes the items met, never one bare value (3 items? 3 points? item ③?).
            raise JudgementError("checklist_value", text, value=value, options="、".join(s.key for s in keyed))
        else:
            main = next((s for s in item.streams if not s.key), None)
            derive = main.value.derive if main is not None else None
            if isinstance(derive, ir.Op) and derive.op == "-" and main is not None and \
                    main.value.kind in (ir.Kind.RATE, ir.Kind.QUANTITY):
                # 不少于标准值得满分: the value is 实际值 − 目标值; one rate could be either, so both are asked
                # for (a change of a count, 与上年相比每增加1个, is the change itself)
                raise JudgementError("needs_named", text, value=value, names="、".join(main.value.needs))
            streams[""] = value
    assigned, named = match_streams(item.streams, given, text)
    streams.update(assigned)
    if trace is not None:
        named_main = next((s.value.names[0] for s in item.streams if not s.key and s.value.names), "")
        for name, key in renamed(assigned, given):
            trace.append(TraceStep("renamed", (name, key or named_main)))  # 配备率 read as 配备: the value scored
    return Given(streams, named, assessor, tier, option)


def _by_facts(item: ir.Item, given: dict[str, Any], text: str) -> str | None:
    """The option the named facts choose (年度目标完成=True, 累计目标完成=False), taking them out of ``given``;
    None when no fact is named (the option may still be given by its mark)."""
    names = [name for name, _ in item.options[0].facts]
    if not any(n in given for n in names):
        return None
    facts: list[tuple[str, bool]] = []
    for name in names:
        if name not in given:
            raise MissingInputError(name, text, tuple(given))
        facts.append((name, bool(read(given.pop(name), ir.Kind.FLAG))))
    chosen = next((o for o in item.options if o.facts == tuple(facts)), None)
    if chosen is None:
        shown = "、".join(f"{n}={'是' if v else '否'}" for n, v in facts)
        raise JudgementError("no_combination", text, facts=shown)
    return chosen.mark


def _measure_of(name: str, measures: tuple[ir.Where, ...]) -> int | None:
    """Which value ``name`` gives: one of its names exactly, else the one sharing the longest run of characters
    with it (at least two, and only one value sharing that much) — 人均进村次数 for 年均进村…次."""
    for i, m in enumerate(measures):
        if name == m.name or name in m.names:
            return i
    scored = [max(common(name, w) for w in (m.name, *m.names)) for m in measures]
    best = max(scored)
    return scored.index(best) if best >= 2 and scored.count(best) == 1 else None


def _by_values(item: ir.Item, given: dict[str, Any], text: str) -> str | None:
    """The row the named values choose (服务率="90%", 人均进村次数=18): the one row whose every interval holds its
    value, taking the values out of ``given``; None when none is named. Values that fall in different rows
    choose none: an error naming them (overlapping rows were refused when the standard was compiled)."""
    measures = item.options[0].where
    keys: dict[int, str] = {}
    for name in list(given):
        i = _measure_of(name, measures)
        if i is None:
            continue
        if i in keys:
            raise JudgementError("input_twice", text, first=keys[i], second=name)
        keys[i] = name
    if not keys:
        return None
    values: list[Decimal] = []
    for i, m in enumerate(measures):
        if i not in keys:
            raise MissingInputError(m.name, text, tuple(given))
        values.append(read(given.pop(keys[i]), m.kind, m.unit))
    chosen = [o for o in item.options if all(w.interval.contains(x) for w, x in zip(o.where, values, strict=True))]
    if len(chosen) != 1:
        shown = tuple((m.name, show(x, m.kind, m.unit)) for m, x in zip(measures, values, strict=True))
        raise NoRowError(shown, values[0], text)
    return chosen[0].mark


def listed(item: ir.Item, values: list[Any], text: str) -> dict[str, Any]:
    """The items met (or the deductions triggered) as a list: marks (①), numbers (1, 2 …), or one yes/no
    per item in order. A count of failures among listed items (以上情况每出现一例) counts the list."""
    keyed = [s for s in item.streams if s.key]
    main = [s for s in item.streams if not s.key]
    if not keyed and main and main[0].value.kind is ir.Kind.COUNT:
        known = main[0].value.options
        if not known and any(_numeric(v) for v in values):
            # 至少4次,少开的,按次扣1分 given [4]: the list's length is no count the text names (a list of marks
            # or words — ['②', '④'] — is the cases found)
            raise JudgementError("list_for_a_count", text, value=values)
        for v in values:
            if known and text_of(v) not in known and not (isinstance(v, int) and 1 <= v <= len(known)):
                raise JudgementError("unknown_option", text, value=v, options="、".join(known))
        return {"": len(values)}
    if keyed and len(values) == len(keyed) and all(isinstance(v, bool) or v is None for v in values) or \
            keyed and len(values) == len(keyed) and all(v is None or zero_or_one(v) for v in values) \
            and None in values:
        # one yes/no per item, in order; None: not yet decided
        return {s.key: v for s, v in zip(keyed, values, strict=True)}
    if keyed and len(values) == len(keyed) and all(isinstance(v, int) and not isinstance(v, bool) for v in values) \
            and any(s.value.kind is ir.Kind.COUNT for s in keyed):
        # [2, 1] for 缺一条扣0.5分 · 发现一条扣0.5分: the counts of each, or items 2 and 1? Not said.
        raise JudgementError("list_counts_or_items", text, value=values,
                             example="、".join(f"{s.key}={v}" for s, v in zip(keyed, values, strict=True)))
    out: dict[str, Any] = {s.key: False if s.value.kind is ir.Kind.FLAG else 0 for s in keyed}
    listed_keys = {key_of(v, keyed) for v in values}
    for s in keyed:
        if s.value.kind is not ir.Kind.FLAG and not _occurrence(s, item.max_points, s.key in listed_keys):
            # 人员不足2人的扣0.5分: a headcount, not a case that happens or not — unlisted is not 0 people, and
            # a listed 宣传报道5篇以上 does not say how many
            raise JudgementError("list_needs_value", text, key=s.key, name="、".join(s.value.names) or s.key)
    for v in values:
        key = key_of(v, keyed)
        if key is None:
            raise JudgementError("unknown_option", text, value=v, options="、".join(s.key for s in keyed))
        stream = next(s for s in keyed if s.key == key)
        out[key] = True if stream.value.kind is ir.Kind.FLAG else (1 if stream.value.kind is ir.Kind.COUNT else True)
    return out


def _numeric(v: Any) -> bool:
    """4, 0.5, "4", "3次": a number, not the mark or words of an item."""
    if isinstance(v, bool):
        return False
    if isinstance(v, int | float | Decimal):
        return True
    return isinstance(v, str) and bool(re.fullmatch(r"\s*[-+]?\d+(?:\.\d+)?\s*\D{0,3}", v))


def _occurrence(stream: ir.Stream, P: Decimal, listed: bool) -> bool:
    """Whether a list can give ``stream``: 0 (not listed) scores nothing, and — when it is listed — 1 (it
    happened once) scores something, as a per-case count does."""
    if not isinstance(stream.fn, ir.Piecewise):
        return False
    try:
        at = [next((evaluate(p.expr, Decimal(x), P) for p in stream.fn.pieces if p.interval.contains(Decimal(x))),
                   None) for x in (0, 1)]
    except PerfevalError:  # an input the piece needs besides the count: not a count of cases
        return False
    return at[0] is not None and at[0] == 0 and (not listed or at[1] is not None and at[1] != 0)


def key_of(v: Any, keyed: list[ir.Stream]) -> str | None:
    if isinstance(v, bool):
        return None
    if isinstance(v, int):
        return keyed[v - 1].key if 1 <= v <= len(keyed) else None
    mark = text_of(v).strip()
    for s in keyed:
        if mark == s.key or mark in s.value.names:
            return s.key
    from .names import plain_mark

    return next((s.key for s in keyed if plain_mark(s.key) == plain_mark(mark)), None)


def renamed(assigned: dict[str, Any], given: Mapping[str, Any]) -> list[tuple[str, str]]:
    return [(name, key) for key, v in assigned.items() for name, gv in given.items()
            if gv is v and name != key]


_UNIT_TEXT = re.compile(r"[^\d.,\s%‰+\-eE]")


def named_values(stream: ir.Stream, named: Mapping[str, Any], text: str = "") -> tuple[dict[str, Decimal], ir.Expr]:
    """The named inputs of a derived value, read exactly, and the expression that derives it.

    A rate scored by its difference from a target (建成面积低于年度任务的，每减少1%) cannot take quantities
    (9900亩 − 10000亩 is not −1%): refused. A target given with its comparator, as the tables' 年度指标值
    holds it (≥200人次, ≤30天), says which side is good: where the standard leaves that to the target
    (:attr:`ir.Value.direction` None), a ceiling takes the ratio target/actual; where the standard says the
    other side, the call is refused rather than scored one way.
    """
    out: dict[str, Decimal] = {}
    derive = stream.value.derive
    assert derive is not None
    by_difference = stream.value.kind is ir.Kind.RATE and isinstance(derive, ir.Op) and derive.op == "-"
    kinds: dict[str, tuple[str, Any]] = {}
    counts = {k: v for k, v in named.items() if k in stream.value.counts}
    if counts:
        _alike_counts(counts, text)
        out.update({k: read_number_or_measure(v) for k, v in counts.items()})
    for k, v in named.items():
        if k in counts:
            continue
        if k in stream.value.needs and len(getattr(v, "values", ())) > 1:
            # ≥2处；≥3个: a target of several quantities is not one number to compare with
            raise JudgementError("target_several_values", text, name=k, value=text_of(named[k]))
        if k in stream.value.needs and k != _ACTUAL:
            v, side = _target_side(v)
            if side is not None:
                derive = _directed(stream.value, derive, k, side, named[k], text)
        if by_difference and k in stream.value.needs and _has_unit(v):
            raise JudgementError("rate_needs_rates", "", name=k, value=v)
        if by_difference and k in stream.value.needs and isinstance(v, str):
            read(v, ir.Kind.RATE)  # 目标值 "98" for a rate's points below it: 98% or 9800%? refused as rule("98") is
        if k in stream.value.needs:
            kinds[k] = (_measured(v)[0], named[k])
        out[k] = read_measure(v, stream.value.unit) if k in stream.value.needs else read_number_or_measure(v)
    for k in (*MISSING_SHARE_PARTS, *counts):
        if k in out and not _whole_count(out[k]):
            # 缺失数 −1 of 20, a 科室数 of −6 or 6.5: no count (each scored as if it were one)
            raise JudgementError("count_negative", text, name=k, value=text_of(named.get(k)))
    part, whole = MISSING_SHARE_PARTS
    if part in out and whole in out and 0 < out[whole] < out[part]:
        # 缺失数 5 of 应有数 4: more missing than there should be
        raise JudgementError("missing_beyond_due", text, part=text_of(named.get(part)), whole=text_of(named.get(whole)))
    if isinstance(derive, ir.Op) and derive.op == "/" and isinstance(derive.right, ir.Input) and \
            derive.right.name in out and out[derive.right.name] < 0:
        # a completion ratio against a target below zero (≥-5%) runs backwards: -10% "of" -5% is 200%
        raise JudgementError("ratio_of_negative", text, name=derive.right.name,
                             value=text_of(named.get(derive.right.name)))
    if stream.value.unit is None and len({kind for kind, _ in kinds.values()}) > 1:
        # 150万元 against ≥200人次, 96 against ≥95%, 150 against 200万元: a ratio or a difference of unlike
        # things is a number of nothing (the standard names no unit that would place a bare number)
        (a, (_, va)), (b, (_, vb)) = list(kinds.items())[:2]
        raise JudgementError("inputs_unlike", text, a=a, va=text_of(va), b=b, vb=text_of(vb))
    return out, derive


def _whole_count(x: Decimal) -> bool:
    """Whether ``x`` is a count: a whole number, not below zero."""
    return x >= 0 and x == x.to_integral_value()


def _alike_counts(counts: Mapping[str, Any], text: str) -> None:
    """The two counts of a reference written as their ratio (业务科室数占全部内设科室数的比例) are numbers, or
    quantities in one unit: their ratio is a rate. A rate among them, or unlike quantities, is refused."""
    kinds = {k: _measured(v)[0] for k, v in counts.items()}
    for k, kind in kinds.items():
        if kind in ("%", "?"):
            raise JudgementError("ratio_count_rate", text, name=k, value=text_of(counts[k]))
    if len(set(kinds.values())) > 1:
        (a, _), (b, _) = list(kinds.items())[:2]
        raise JudgementError("inputs_unlike", text, a=a, va=text_of(counts[a]), b=b, vb=text_of(counts[b]))


def formula_units(named: Mapping[str, Any], text: str) -> None:
    """得分=执行数/预算数×分值 with 执行数 "80万元" and 预算数 "100": a quantity is read in its reference unit
    (800000 元), so a bare number beside a scaled unit (万元, 万亩) would be divided as if in 元 — refused; and
    points are never computed from unlike quantities (万元 beside 人次)."""
    from ...units import reference_unit

    bare = scaled = None
    units: dict[str, str] = {}
    for k, v in named.items():
        kind, q = _measured(v)
        if kind == "":
            bare = bare or k
        elif kind not in ("%", "?"):
            units.setdefault(kind, k)
            if reference_unit(q.units) != q.units:
                scaled = scaled or k
    if bare is not None and scaled is not None:
        raise JudgementError("inputs_unlike", text, a=scaled, va=text_of(named[scaled]), b=bare,
                             vb=text_of(named[bare]))
    if len(units) > 1:
        # 实际完成值 150万元 over 年度指标值 200人次: points from a ratio of unlike things
        a, b = list(units.values())[:2]
        raise JudgementError("inputs_unlike", text, a=a, va=text_of(named[a]), b=b, vb=text_of(named[b]))


def _measured(v: Any) -> tuple[str, Any]:
    """What a named value is measured in, and its quantity when it is one: ``"%"`` for a rate, the reference
    unit of a quantity (元 for 万元, 天 for 天, 人次), ``""`` for a bare number; ``"?"`` for what
    :func:`read_measure` will refuse. In perfeval's own decimal context: pint's unit arithmetic is Decimal
    arithmetic (a caller's trapped Clamped must not escape from it)."""
    with decimal.localcontext(CTX):
        return _measured_here(v)


def _measured_here(v: Any) -> tuple[str, Any]:
    from ...units import is_percent, is_plain_number, reference_unit

    q: Any = None
    if isinstance(v, str):
        t = v.strip()
        if t.endswith(("%", "％", "‰", "百分点")):
            return "%", None
        if not _UNIT_TEXT.search(t):
            return "", None
        from ...quantities import quantity

        try:
            q = quantity(t)
        except PerfevalError:
            return "?", None
    elif hasattr(v, "magnitude") and hasattr(v, "units"):
        q = v
    elif hasattr(getattr(v, "value", None), "units"):
        q = v.value  # a perfeval.targets.Target
    else:
        return "", None
    if is_percent(q.units):
        return "%", q
    return ("", q) if is_plain_number(q.units) else (str(reference_unit(q.units)), q)


_ACTUAL = "实际值"
#: 目标值 "≥200人次" · "不超过30天": a target written with its comparator before the number.
_TARGET_COMPARATOR = re.compile(r"^\s*(?P<cmp>" + alternation(
    w for w, c in COMPARATORS.items() if c.side in ("lower", "upper") and w not in NEEDS_NUMBER) + r")\s*(?=[\d.+\-])")


def _target_side(v: Any) -> tuple[Any, str | None]:
    """``v`` without a comparator it is written with, and the comparator's side: ``"lower"`` for a floor (≥200人次:
    higher is better), ``"upper"`` for a ceiling (≤30天), None for none (or =)."""
    if isinstance(v, str):
        m = _TARGET_COMPARATOR.match(v)
        if m is None:
            return v, None
        return v[m.end():], COMPARATORS[m.group("cmp")].side
    comparator = getattr(v, "comparator", None)  # a perfeval.targets.Target (read_measure takes its value)
    if comparator in ("≥", ">"):
        return v, "lower"
    if comparator in ("≤", "<"):
        return v, "upper"
    return v, None


def _directed(value: ir.Value, derive: ir.Expr, ref: str, side: str, raw: Any, text: str) -> ir.Expr:
    """The derivation for a target whose comparator is on ``side`` (see :func:`named_values`)."""
    said = value.direction
    if side == "lower" and said != "lower" or side == "upper" and said == "lower":
        return derive  # the target agrees with the standard: ≥ on a higher-is-better one, ≤ on a “≤”型
    if said is not None:
        raise JudgementError("target_against_lower" if said == "lower" else "target_against_higher", text,
                             name=ref, value=text_of(raw))
    ratio = ir.Op("/", ir.Input(_ACTUAL), ir.Input(ref))
    if derive != ratio:
        raise JudgementError("target_ceiling_difference", text, name=ref, value=text_of(raw))
    return ir.Op("/", ir.Input(ref), ir.Input(_ACTUAL))  # 完成率 of a ceiling: 30天 of at most 30 in 40天 is 75%


def _has_unit(v: Any) -> bool:
    if isinstance(v, str):
        return bool(_UNIT_TEXT.search(v.replace("百分点", "")))
    if hasattr(v, "magnitude") and hasattr(v, "units"):
        return "percent" not in str(v.units)
    return False


def read_number_or_measure(v: Any) -> Decimal:
    """A named formula input: a plain number, a rate or a quantity, read exactly."""
    if isinstance(v, str):
        return read_measure(v, None)
    if hasattr(v, "magnitude"):
        return read_measure(v, None)
    return read_number(v)
