"""The definition of what a compiled standard computes: the interpreter, which can record every step.

:func:`interpret` scores an :class:`~perfeval.rules.meaning.ir.Item` for the inputs given. With a trace
list it records each step (the value read, the band chosen, the steps counted, the clamp, the rounding)
for :meth:`Score.explain`; without one it is the fast path of every standard the code generator does not
compile. All arithmetic is :mod:`.arith`'s, so the generated code, the interpreter and the explanation
compute the same thing; ``tests/rules/test_backends_agree.py`` checks it on every compiled rule.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from decimal import Decimal
from typing import Any

import attrs

from ...limits import text_of
from .. import arith
from ..errors import JudgementError, MissingInputError, NoBandError
from ..meaning import ir
from ..meaning.formulas import evaluate
from ..meaning.formulas import render as render_expr
from ..meaning.intervals import outside, render_interval
from ..messages import render
from ..vocabulary import POINT_INPUTS
from .allowed import allowed_points
from .borrowed import borrowed_case
from .given import Given, formula_units, named_values, read_number_or_measure, sort_inputs
from .inputs import YES_NO, read, read_number, zero_or_one
from .names import ASSESSOR
from .trace import Outcome, TraceStep

__all__ = ["Outcome", "TraceStep", "eval_expr", "interpret", "points_function", "show"]


def show(value: Decimal, kind: ir.Kind, unit: str | None = None) -> str:
    """A value as the standard writes it: 0.95 → 95%, 3 → 3, 2 with 天 → 2天."""
    from ...numbers import percent_text, plain

    if kind is ir.Kind.RATE:
        return percent_text(value, None)
    return plain(value) + (unit or "")


# ── expressions ──────────────────────────────────────────────────────────────────────────────


def eval_expr(e: ir.Expr, x: Decimal, P: Decimal, named: Mapping[str, Decimal], text: str,
              trace: list[TraceStep] | None) -> Decimal:
    """The value of ``e`` (:func:`~perfeval.rules.meaning.formulas.evaluate`), recording the steps counted."""
    def seen(distance: Decimal, size: Decimal, mode: ir.StepMode, n: Decimal) -> None:
        if trace is not None:
            trace.append(TraceStep("steps", (distance, size, mode.value, n)))

    return evaluate(e, x, P, named, text, seen if trace is not None else None)


# ── one stream ───────────────────────────────────────────────────────────────────────────────


@attrs.frozen
class _Contribution:
    low: Decimal
    high: Decimal
    piece: ir.Piece


def _piece(pw: ir.Piecewise, x: Decimal, kind: ir.Kind, unit: str | None, text: str) -> ir.Piece:
    for p in pw.pieces:
        if p.interval.contains(x):
            return p
    gaps = outside([p.interval for p in pw.pieces], kind is ir.Kind.RATE)
    raise NoBandError(x, gaps, text, show(x, kind, unit))


def _contribute(stream: ir.Stream, x: Decimal, P: Decimal, named: Mapping[str, Decimal], text: str,
                trace: list[TraceStep] | None) -> _Contribution:
    piece = _piece(stream.fn, x, stream.value.kind, stream.value.unit, text)
    if trace is not None:
        trace.append(TraceStep("piece", (stream.key, piece.label,
                                         render_interval(piece.interval, stream.value.kind is ir.Kind.RATE))))
    value = eval_expr(piece.expr, x, P, named, text, trace)
    low = high = value
    if piece.judged is not None:
        low = eval_expr(piece.judged[0], x, P, named, text, None)
        high = eval_expr(piece.judged[1], x, P, named, text, None)
    if trace is not None and not isinstance(piece.expr, ir.Const):
        trace.append(TraceStep("arith", (render_expr(piece.expr), value)))
    return _Contribution(low, high, piece)


# ── the item ─────────────────────────────────────────────────────────────────────────────────


def interpret(item: ir.Item, value: Any, inputs: Mapping[str, Any], text: str,
              trace: list[TraceStep] | None = None) -> Outcome:
    """Score ``item`` for ``value`` and keyword ``inputs``; with ``trace`` record every step in it."""
    nothing = value is None and not inputs
    if nothing and item.absent is not None:
        if trace is not None:
            trace.append(TraceStep("absent", (item.absent,)))
        return _done(item, item.absent, item.absent, arith.ZERO, None, trace, None)
    if item.borrowed is not None:
        average, inputs = borrowed_case(item, value, inputs, text)
        if average is not None:
            if trace is not None:
                trace.append(TraceStep("borrowed", (item.borrowed.case[0], average)))
            return _done(item, average, average, arith.ZERO, None, trace, None)
    if item.parts:
        return _parts(item, value, inputs, text, trace)
    given = sort_inputs(item, value, inputs, text, trace)
    if item.options:
        return _choice(item, given, text, trace)
    if item.tiers:
        return _tiers(item, given, text, trace)
    if item.judged is not None and (not item.streams or (nothing or not given.streams and given.assessor is not None)):
        lo, hi = item.judged
        if given.assessor is None and trace is not None:
            trace.append(TraceStep("judgement", (lo, hi)))
        return _done(item, lo, hi, arith.ZERO, None, trace, given.assessor)
    totals = _Totals(item.base)
    # Only the assessor's 得分 given: every stream is still to be decided, and the 得分 must be one of them.
    open_ = nothing or (given.assessor is not None and not given.streams and not given.named)
    for stream in item.streams:
        _stream(stream, item, given, open_, totals, text, trace)
    if item.waiver is not None and _waived(item.waiver, given, text, trace):
        return _done(item, item.max_points, item.max_points, arith.ZERO, None, trace, given.assessor)
    return totals.outcome(item, trace, given.assessor)


def _waived(w: ir.Waiver, given: Given, text: str, trace: list[TraceStep] | None) -> bool:
    """Whether the waiver holds (但…高于平均比重加3%的，可不扣分): both named values are rates, read exactly."""
    values = []
    for name in (w.left, w.right):
        if name not in given.named:
            raise MissingInputError(name, text, tuple(given.named))
        values.append(read(given.named[name], ir.Kind.RATE))
    distance = arith.subtract(values[0], values[1])
    holds = w.interval.contains(distance)
    if trace is not None:
        trace.append(TraceStep("gate" if w.gate else "waiver", (w.label, w.left, w.right, distance, holds)))
    return holds


class _Totals:
    """The running sums of one evaluation: the score's range, the bonus, deductions, a zero, a veto."""

    def __init__(self, base: Decimal) -> None:
        self.low = self.high = base
        self.base_seen = False
        self.bonus = arith.ZERO
        self.deducted = arith.ZERO
        self.veto: str | None = None
        self.zero: tuple[Decimal, Decimal] | None = None
        self.may_zero: Decimal | None = None  # the lowest a zeroing clause not yet decided could set

    def add(self, role: ir.Role, low: Decimal, high: Decimal) -> None:
        self.low, self.high = _apply(role, self.low, self.high, low, high, self.base_seen)
        self.base_seen = self.base_seen or role is ir.Role.BASE
        if role is ir.Role.BONUS:
            self.bonus = arith.add(self.bonus, low)
        elif role is ir.Role.DEDUCT:
            self.deducted = arith.add(self.deducted, high)

    def outcome(self, item: ir.Item, trace: list[TraceStep] | None, assessor: Any) -> Outcome:
        low, high, bonus = self.low, self.high, self.bonus
        if item.bonus_cap is not None and bonus > item.bonus_cap:
            if trace is not None:
                trace.append(TraceStep("bonus_cap", (bonus, item.bonus_cap)))
            excess = arith.subtract(bonus, item.bonus_cap)
            low, high, bonus = arith.subtract(low, excess), arith.subtract(high, excess), item.bonus_cap
        if item.deduction_cap is not None and self.deducted > item.deduction_cap:
            back = arith.subtract(self.deducted, item.deduction_cap)
            if trace is not None:
                trace.append(TraceStep("cap", ("", self.deducted, item.deduction_cap)))
            low, high = arith.add(low, back), arith.add(high, back)
        if self.zero is not None:
            low, high = self.zero
            bonus = arith.ZERO
            if self.may_zero is not None and self.may_zero < 0:
                low = arith.add(low, self.may_zero)  # 另倒扣10分 of a second zeroing clause, still to be decided
        elif self.may_zero is not None:
            # 未建立台账的，该项不得分 with nothing said yet: it may fire — the range reaches its points
            low = min(low, self.may_zero)
        return _done(item, low, high, bonus, self.veto, trace, assessor)


def _stream(stream: ir.Stream, item: ir.Item, given: Given, nothing: bool, totals: _Totals, text: str,
            trace: list[TraceStep] | None) -> None:
    """Read one stream's input, evaluate its piece, and add its contribution to ``totals``."""
    P = item.max_points
    raw = given.streams.get(stream.key)
    named: dict[str, Decimal] = {}
    if raw is None and stream.value.derive is not None and not (nothing and stream.absent is not None):
        named, derive = named_values(stream, given.named, text)
        for need in stream.value.needs:
            if need not in named:
                raise MissingInputError(need, text, tuple(given.named))
        x = eval_expr(derive, arith.ZERO, P, named, text, None)
        if trace is not None:
            trace.append(TraceStep("derive", (stream.key, render_expr(derive), x,
                                              stream.value.kind.value)))
    elif raw is None:
        if stream.absent is not None:
            if trace is not None:
                trace.append(TraceStep("absent", (stream.absent,)))
            totals.add(stream.role, stream.absent, stream.absent)
            return
        if stream.value.kind is ir.Kind.NUMBER and not stream.key and given.named and not _reads_x(stream):
            # 该项得分=(A/B)*8: the points come from the named inputs alone; no value is compared.
            formula_units(given.named, text)
            named = {k: read_number_or_measure(v) for k, v in given.named.items()}
            x = arith.ZERO
        elif (nothing or stream.key in given.streams) and stream.value.kind in (ir.Kind.FLAG, ir.Kind.COUNT):
            # Nothing given, or this item given as None: the assessor has yet to say whether (or how
            # often) it happened.
            zeroes = [p.expr.value for p in stream.fn.pieces if p.zero and isinstance(p.expr, ir.Const)]
            if zeroes:
                lowest = min(zeroes)
                totals.may_zero = lowest if totals.may_zero is None else min(totals.may_zero, lowest)
                return
            low, high = _unknown(stream, item)
            totals.add(stream.role, low, high)
            return
        elif stream.value.kind is ir.Kind.FLAG and stream.key and given.streams:
            # The items of a list given by name: one not named did not happen (①: 5, ②: True → ③ no).
            if trace is not None:
                trace.append(TraceStep("not_given", (stream.key,)))
            return
        else:
            # the main value by the name it is given under beside named inputs (名次 beside 第1名值)
            name = stream.key or (stream.value.names[0] if stream.value.names else "指标值")
            raise MissingInputError(name, text, tuple(given.named) + tuple(given.streams))
    else:
        chosen = _chosen_amount(stream, raw, text)
        if chosen is not None:
            if trace is not None:
                trace.append(TraceStep("assessed", (chosen, *_judged_range(stream))))
            totals.add(stream.role, chosen, chosen)
            return
        x = read(raw, stream.value.kind, stream.value.unit, stream.value.options, limited=not ir.compares_only(stream))
        if isinstance(x, bool):
            x = Decimal(1) if x else arith.ZERO
        if x < 0 and POINT_INPUTS.intersection(stream.value.names):
            # 扣分 −3 under 实行扣分制: a negative deduction would add points (it scored 10 of 10)
            raise JudgementError("points_input_negative", text, name=stream.value.names[0], value=text_of(raw))
        if trace is not None:
            trace.append(TraceStep("value", (stream.key, x, stream.value.kind.value, stream.value.unit)))
        formula_units(given.named, text)
        named = {k: read_number_or_measure(v) for k, v in given.named.items()}
    c = _contribute(stream, x, P, named, text, trace)
    c_low, c_high = c.low, c.high
    if c.piece.overlap:
        from ..errors import EvaluationError

        raise EvaluationError("overlap", text, value=show(x, stream.value.kind, stream.value.unit), bands=c.piece.label)
    if c.piece.veto is not None:
        totals.veto = totals.veto or c.piece.veto
        if trace is not None:
            trace.append(TraceStep("veto", (c.piece.veto,)))
    if c.piece.zero:
        z = totals.zero or (arith.ZERO, arith.ZERO)
        totals.zero = (arith.add(z[0], c_low), arith.add(z[1], c_high))
        if trace is not None:
            trace.append(TraceStep("zero", (c.piece.label,)))
        return
    if stream.cap is not None:
        c_low, c_high = _capped(stream.role, c_low, c_high, stream.cap, stream.key, trace)
    totals.add(stream.role, c_low, c_high)


def _reads_x(stream: ir.Stream) -> bool:
    """Whether the stream compares or computes with the value itself (完成率小于60%不得分: it does)."""
    return any(p.interval.lo is not None or p.interval.hi is not None or
               any(isinstance(s, ir.X) for s in ir.walk(p.expr)) for p in stream.fn.pieces)


def _unknown(stream: ir.Stream, item: ir.Item) -> tuple[Decimal, Decimal]:
    """What a yes/no or a count not yet given can contribute: from nothing to all it can take."""
    values = [arith.ZERO]
    for p in stream.fn.pieces:
        if isinstance(p.expr, ir.Const):
            values.append(p.expr.value)
        else:
            values.append(item.max_points if stream.cap is None else stream.cap)
        if p.judged is not None:
            values += [v.value for v in p.judged if isinstance(v, ir.Const)]
    if stream.cap is not None:
        values = [min(v, stream.cap) for v in values]
    return min(values), max(values)


def _judged_range(stream: ir.Stream) -> tuple[Decimal, Decimal]:
    p = stream.fn.pieces[-1]
    assert p.judged is not None
    lo, hi = p.judged
    assert isinstance(lo, ir.Const) and isinstance(hi, ir.Const)
    return lo.value, hi.value


def _chosen_amount(stream: ir.Stream, raw: Any, text: str) -> Decimal | None:
    """①虚列套取扣4-7分 given 5: the amount the assessor chose within a ranged one-off deduction."""
    if stream.value.kind is not ir.Kind.FLAG or isinstance(raw, bool) or zero_or_one(raw):
        return None
    last = stream.fn.pieces[-1]
    if last.judged is None:
        return None
    amount = read_number(raw)
    lo, hi = _judged_range(stream)
    if not lo <= amount <= hi:
        raise JudgementError("judgement_outside", text, points=f"{amount.normalize(arith.CTX):f}",
                             allowed=f"{lo.normalize(arith.CTX):f}–{hi.normalize(arith.CTX):f}")
    return amount


def _apply(role: ir.Role, low: Decimal, high: Decimal, c_low: Decimal, c_high: Decimal,
           base_seen: bool) -> tuple[Decimal, Decimal]:
    if role is ir.Role.BASE:
        if base_seen:  # a second base stream of the same item adds (the parts of an item, summed)
            return arith.add(low, c_low), arith.add(high, c_high)
        return c_low, c_high
    if role is ir.Role.DEDUCT:
        return arith.subtract(low, c_high), arith.subtract(high, c_low)
    return arith.add(low, c_low), arith.add(high, c_high)


def _capped(role: ir.Role, low: Decimal, high: Decimal, cap: Decimal, key: str,
            trace: list[TraceStep] | None) -> tuple[Decimal, Decimal]:
    if high > cap and trace is not None:
        trace.append(TraceStep("cap", (key, high, cap)))
    return (low if low <= cap else cap), (high if high <= cap else cap)


def _done(item: ir.Item, low: Decimal, high: Decimal, bonus: Decimal, veto: str | None,
          trace: list[TraceStep] | None, assessor: Any) -> Outcome:
    carried = arith.ZERO
    floor = item.floor
    if item.carry and floor is not None and low < floor:
        carried = arith.finish(arith.subtract(low, floor), item.precision)
        if trace is not None:
            trace.append(TraceStep("carry", (low, floor, carried)))
    lo = arith.clamp(low, floor, item.top)
    hi = arith.clamp(high, floor, item.top)
    if bonus > 0 and lo < low:
        # the 分值 (or the bonus cap) cut the total: the part cut off was bonus, and is not reported as such
        bonus = max(arith.ZERO, arith.subtract(bonus, arith.subtract(low, lo)))
    if trace is not None and (lo != low or hi != high):
        trace.append(TraceStep("floor" if low < lo else "ceiling", (low if low != lo else high, lo if low != lo else hi)))
    if lo == hi:
        points = arith.finish(lo, item.precision)
        if trace is not None and points != lo:
            trace.append(TraceStep("round", (lo, points)))
        if assessor is not None:
            _check_assessor(item, assessor, points, points, trace)
        return Outcome(points, tuple(trace or ()), None, arith.finish(bonus, item.precision), veto, carried)
    allowed = (arith.finish(lo, item.precision), arith.finish(hi, item.precision))
    if assessor is None:
        if trace is not None:
            trace.append(TraceStep("judgement", allowed))
        return Outcome(None, tuple(trace or ()), allowed, arith.ZERO, veto, carried)
    points = _check_assessor(item, assessor, *allowed, trace)
    return Outcome(points, tuple(trace or ()), None, arith.ZERO, veto, carried)


def _check_assessor(item: ir.Item, given: Any, low: Decimal, high: Decimal,
                    trace: list[TraceStep] | None) -> Decimal:
    points = read_number(given)
    achievable = allowed_points(item)
    if not low <= points <= high or not any(a <= points <= b for a, b in achievable):
        spans = [(max(a, low), min(b, high)) for a, b in achievable if a <= high and b >= low] or [(low, high)]
        shown = "、".join(f"{a.normalize(arith.CTX):f}" if a == b else
                         f"{a.normalize(arith.CTX):f}–{b.normalize(arith.CTX):f}" for a, b in spans)
        raise JudgementError("judgement_outside", points=f"{points.normalize(arith.CTX):f}", allowed=shown)
    if trace is not None:
        trace.append(TraceStep("assessed", (points, low, high)))
    return arith.finish(points, item.precision)


def _choice(item: ir.Item, given: Given, text: str, trace: list[TraceStep] | None) -> Outcome:
    if given.option is None:
        lo = min(o.low for o in item.options)
        hi = max(o.high for o in item.options)
        if trace is not None:
            trace.append(TraceStep("options", (len(item.options),)))
        return _done(item, lo, hi, arith.ZERO, None, trace, given.assessor) if lo != hi else \
            _done(item, lo, hi, arith.ZERO, None, trace, given.assessor)
    option = _option(item.options, given.option, text)
    if trace is not None:
        trace.append(TraceStep("option", (option.mark, option.label)))
    return _done(item, option.low, option.high, arith.ZERO, option.veto, trace, given.assessor)


def _option(options: tuple[ir.Option, ...], value: Any, text: str) -> ir.Option:
    if isinstance(value, str) and value.strip().lower() in YES_NO and len(options) == 2 and \
            not any(value.strip() in (o.mark, o.label) for o in options):
        value = YES_NO[value.strip().lower()]  # 是 / 否 answer a met-or-not standard as True / False
    if isinstance(value, bool):
        # 完成目标得满分，否则不得分: True is the first option, False the 否则. With three options
        # (全部/部分/未完成) "not met" could be either of the last two, so a yes/no is refused.
        if len(options) != 2 or options[0].low < options[1].high or \
                (options[0].low, options[0].high) == (options[1].low, options[1].high):
            # …and True is "met" only when the first option is the better one (未缴纳的，不得分；无缴费相关资料的，
            # 不得分 are two ways to fail; 未完成的不得分；完成的得3分 puts the failing one first)
            raise JudgementError("yes_no_options", text, count=len(options),
                                 options="、".join(o.mark for o in options))
        return options[0] if value else options[-1]
    key = text_of(value).strip()
    for o in options:
        if key in (o.mark, o.label) or (key.isascii() and key.isdigit() and len(key) <= 2 and o.mark == _CIRCLED.get(int(key), "")):
            return o
    inside = [o for o in options if len(key) >= 2 and key in o.label]
    if len(inside) == 1:
        return inside[0]  # 优秀 for "完成情况优秀的": the words of one option only (基本健全 ⊄ 健全 either way)
    raise JudgementError("unknown_option", text, value=value,
                         options="、".join(f"{o.mark}（{o.label}）" if o.label and o.label != o.mark else o.mark
                                          for o in options))


_CIRCLED = {i + 1: ch for i, ch in enumerate("①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳")}


def _tiers(item: ir.Item, given: Given, text: str, trace: list[TraceStep] | None) -> Outcome:
    if given.tier is None:
        lo = min(t.low for t in item.tiers)
        hi = max(t.high for t in item.tiers)
        if given.assessor is None:
            return _done(item, lo, hi, arith.ZERO, None, trace, None)
        return _done(item, lo, hi, arith.ZERO, None, trace, given.assessor)
    tier = next((t for t in item.tiers if str(given.tier).strip() in (t.mark, t.label)), None)
    if tier is None:
        raise JudgementError("unknown_tier", text, value=given.tier, options="、".join(t.label for t in item.tiers))
    if trace is not None:
        trace.append(TraceStep("tier", (tier.label, tier.low, tier.high)))
    return _done(item, tier.low, tier.high, arith.ZERO, None, trace, given.assessor)


def _parts(item: ir.Item, value: Any, inputs: Mapping[str, Any], text: str,
           trace: list[TraceStep] | None) -> Outcome:
    given = dict(inputs)
    if isinstance(value, Mapping):
        given.update({str(k): v for k, v in value.items()})
    elif isinstance(value, list | tuple) and (not value or all(isinstance(v, str) for v in value)) and \
            all(text_of(v) in {p.key for p in item.parts} for v in value):
        # ["①"]: the parts met (每项任务各2分，按期完成的计满分)
        given.update({p.key: p.key in {text_of(v) for v in value} for p in item.parts})
    elif isinstance(value, list | tuple) and len(value) == len(item.parts):
        given.update({p.key: v for p, v in zip(item.parts, value, strict=True)})
    elif value is not None:
        raise JudgementError("unknown_input", text, name=text_of(value), expected="、".join(p.key for p in item.parts))
    _name_parts(item, given, text)
    low = high = arith.ZERO
    bonus = arith.ZERO
    veto = None
    assessor = next((given.pop(k) for k in ASSESSOR if k in given), None)
    keys = {p.key for p in item.parts}
    for part in item.parts:
        sub = given.get(part.key)
        if trace is not None:
            trace.append(TraceStep("part", (part.key, part.item.max_points)))
        if isinstance(sub, Mapping):
            out = interpret(part.item, sub, {}, text, trace)
        elif sub is None:
            shared = {k: v for k, v in given.items() if k not in keys}
            out = interpret(part.item, None, shared, text, trace)
            if out.points is None and out.allowed is None:
                raise MissingInputError(part.key, text, tuple(given))
        else:
            _yes_no_means_met(part, sub, text)
            out = interpret(part.item, sub, {}, text, trace)
        if out.points is None:
            assert out.allowed is not None
            lo, hi = out.allowed
        else:
            lo = hi = out.points
        low, high = arith.add(low, lo), arith.add(high, hi)
        bonus = arith.add(bonus, out.bonus)
        veto = veto or out.veto
        if trace is not None and out.points is not None:
            trace.append(TraceStep("part_points", (part.key, out.points)))
    return _done(item, low, high, bonus, veto, trace, assessor)


def _yes_no_means_met(part: ir.Part, value: Any, text: str) -> None:
    """A yes/no for a part means "met" — unless the part lists what deducts (按时申报计2分,逾期扣1分): there
    True would be 逾期 in one part and 印发 in the one before, so it is refused with what to give instead."""
    if not isinstance(value, bool):
        return
    flags = [s for s in part.item.streams if s.key and s.value.kind is ir.Kind.FLAG and s.role is ir.Role.DEDUCT]
    if flags and not part.item.options:
        names = "、".join(f"{s.key}（{s.value.names[0] if s.value.names else s.label}）" for s in flags)
        raise JudgementError("part_yes_no", text, part=part.key, names=names)


def _name_parts(item: ir.Item, given: dict[str, Any], text: str) -> None:
    """A part may be named by its words (高标准农田项目), or by a name sharing the most with them (拖延时间)."""
    from .names import common

    keys = {p.key for p in item.parts}
    for name in [k for k in given if k not in keys and k not in ASSESSOR]:
        exact = [p for p in item.parts if name in p.names]
        scored = [(max((common(name, w) for w in p.names), default=0), p) for p in item.parts if p.key not in given]
        best = max((s for s, _ in scored), default=0)
        winners = exact or [p for s, p in scored if s == best and best >= 2]
        if len(winners) == 1:
            given[winners[0].key] = given.pop(name)


def stream_gaps(stream: ir.Stream) -> tuple[str, ...]:
    """The values no piece of ``stream`` covers, rendered."""
    return outside([p.interval for p in stream.fn.pieces], stream.value.kind is ir.Kind.RATE)


_ = render


def points_function(item: ir.Item, text: str) -> Callable[..., Decimal]:
    """``item``'s points as a plain function of the inputs (the interpreter without a trace): the fast path
    of a standard the code generator does not compile, and the generated code's reader of other inputs."""
    def points(value: Any = None, /, **inputs: Any) -> Decimal:
        outcome = interpret(item, value, inputs, text, None)
        if outcome.points is None:
            low, high = outcome.allowed or (arith.ZERO, arith.ZERO)
            raise JudgementError("needs_judgement", text, low=f"{low.normalize(arith.CTX):f}",
                                 high=f"{high.normalize(arith.CTX):f}")
        return outcome.points

    return points
