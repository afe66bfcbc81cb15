"""Stage 4 (reference): evaluate a meaning step by step, recording every step for the explanation.

This interpreter is the definition of what a rule computes. The generated fast path
(:mod:`perfeval.rules.compiler`) must agree with it on every input — the test suite checks that property
— and the trace it records is what :meth:`Score.explain` renders.

>>> from perfeval.rules.parser import parse
>>> from perfeval.rules.analysis import analyse
>>> m = analyse(parse("100%计满分，每低于5%扣2分，扣完为止。"), Decimal(5)).meaning
>>> out = evaluate(m, Decimal("0.89"), {}, "…")
>>> out.points, [s.kind for s in out.trace]
(Decimal('1.00'), ['value', 'piece', 'steps', 'arith'])
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from decimal import ROUND_CEILING, ROUND_FLOOR, ROUND_HALF_UP, Decimal
from typing import Any

import attrs

from ..errors import PerfevalError
from ..numbers import context, parse_rate, to_decimal
from . import ir
from .diagnostics import JudgementError, MissingInputError, NoBandError, ZeroDenominatorError
from .edges import outside
from .inputs import coerce

CTX = context()
CENT = Decimal("0.01")
ZERO = Decimal(0)


@attrs.frozen
class TraceStep:
    """One step of an evaluation: a kind (see :mod:`perfeval.rules.explain`) and its values."""

    kind: str
    args: tuple[Any, ...]


@attrs.frozen
class Outcome:
    """What an evaluation found: rounded points (None while a judgement is missing), the allowed range."""

    points: Decimal | None
    trace: tuple[TraceStep, ...]
    allowed: tuple[Decimal, Decimal] | None = None


def finish(raw: Decimal, max_points: Decimal, floor: Decimal, trace: list[TraceStep],
           quantum: Decimal = CENT) -> Decimal:
    """Keep points within [floor, 分值] and round half up to ``quantum`` (0.01 unless the rubric says), once."""
    if raw < floor:
        trace.append(TraceStep("floor", (raw, floor)))
        raw = floor
    elif raw > max_points:
        trace.append(TraceStep("ceiling", (raw, max_points)))
        raw = max_points
    rounded = raw.quantize(quantum, ROUND_HALF_UP, CTX)
    if rounded != raw:
        trace.append(TraceStep("round", (raw, rounded)))
    return rounded


def evaluate(meaning: ir.Meaning, value: Any, inputs: Mapping[str, Any], text: str,
             quantum: Decimal = CENT) -> Outcome:
    """Score ``value`` (or keyword ``inputs``) under ``meaning``; ``text`` is quoted in errors.

    A judgement whose allowed range has shrunk to one value (every choice left ends at 0) is no
    judgement: that value is the points.
    """
    if set(inputs) == {"points"} and value is None and isinstance(meaning, ir.Checklist | ir.Tiers | ir.Composite):
        return _assessed(meaning, inputs["points"], text, quantum)
    out = _evaluate(meaning, value, inputs, text, quantum)
    if out.points is None and out.allowed is not None and out.allowed[0] == out.allowed[1]:
        trace = [*out.trace, TraceStep("settled", (out.allowed[0],))]
        return Outcome(finish(out.allowed[0], _max_points(meaning), ZERO, trace, quantum), tuple(trace))
    return out


def _assessed(meaning: ir.Meaning, given: Any, text: str, quantum: Decimal) -> Outcome:
    """The assessor's points for a whole checklist, tier or composite, checked against what it allows."""
    from .allowed import allowed_points

    points = coerce(given, percent=False)
    spans = allowed_points(meaning)
    if not any(lo <= points <= hi for lo, hi in spans):
        shown = "、".join(f"{lo.normalize(CTX):f}" if lo == hi else f"{lo.normalize(CTX):f}–{hi.normalize(CTX):f}"
                         for lo, hi in spans)
        raise JudgementError(f"{points.normalize(CTX):f}分 is not allowed (allowed: {shown}分)", text=text)
    trace = [TraceStep("assessed", (points, spans[0][0], spans[-1][1]))]
    return Outcome(finish(points, _max_points(meaning), ZERO, trace, quantum), tuple(trace))


def _max_points(meaning: ir.Meaning) -> Decimal:
    return meaning.max_points


def _evaluate(meaning: ir.Meaning, value: Any, inputs: Mapping[str, Any], text: str, quantum: Decimal) -> Outcome:
    if isinstance(meaning, ir.Piecewise):
        return _piecewise(meaning, value, inputs, text, quantum)
    if isinstance(meaning, ir.Choice):
        return _choice(meaning, value, inputs, text, quantum)
    if isinstance(meaning, ir.Checklist):
        return _checklist(meaning, value, text, quantum)
    if isinstance(meaning, ir.Composite):
        return _composite(meaning, value, inputs, text, quantum)
    return _tiers(meaning, value, inputs, text, quantum)


def _composite(m: ir.Composite, value: Any, inputs: Mapping[str, Any], text: str, quantum: Decimal) -> Outcome:
    """Each numbered part scored on its own input (a sequence, or a mapping by part number), then summed."""
    if value is None:
        given: list[Any] = [inputs.get(p.mark) for p in m.parts]
    elif isinstance(value, Mapping):
        given = [value.get(p.mark, value.get(int(p.mark)) if p.mark.isdigit() else None) for p in m.parts]
    else:
        given = list(value)
        if len(given) != len(m.parts):
            raise JudgementError(f"{len(given)} inputs for {len(m.parts)} parts", text=text)
    trace: list[TraceStep] = []
    total, low, high, complete = ZERO, ZERO, ZERO, True
    for part, v in zip(m.parts, given, strict=True):
        if v is None and isinstance(part.meaning, ir.Piecewise) and part.meaning.when_absent is None:
            out = Outcome(None, (TraceStep("judgement", (ZERO, part.max_points)),), (ZERO, part.max_points))
        else:
            out = evaluate(part.meaning, v, {}, text, quantum)
        trace.append(TraceStep("part", (part.mark, part.max_points)))
        trace.extend(out.trace)
        if out.points is not None:
            trace.append(TraceStep("part_points", (part.mark, out.points)))
        if out.points is None:
            complete = False
            lo, hi = out.allowed or (ZERO, part.max_points)
            low, high = CTX.add(low, lo), CTX.add(high, hi)
        else:
            total = CTX.add(total, out.points)
            low, high = CTX.add(low, out.points), CTX.add(high, out.points)
    if not complete:
        trace.append(TraceStep("judgement", (low, high)))
        return Outcome(None, tuple(trace), (low, high))
    return Outcome(finish(total, m.max_points, ZERO, trace, quantum), tuple(trace))


# ── piecewise ─────────────────────────────────────────────────────────────────────────────


def _piecewise(m: ir.Piecewise, value: Any, inputs: Mapping[str, Any], text: str, quantum: Decimal) -> Outcome:
    trace: list[TraceStep] = []
    named = {k: coerce(v, percent=m.percent and _is_rate_name(k, m)) for k, v in inputs.items()}
    if value is None and m.when_absent is not None and not inputs:
        trace.append(TraceStep("absent", (m.when_absent,)))
        return Outcome(finish(m.when_absent, m.max_points, ZERO, trace, quantum), tuple(trace))
    if value is None:
        if m.x_from is None:
            if not m.inputs or m.conditions_on_value:
                # The conditions (完成率小于60%…) name a value the inputs do not give: never assume 0.
                raise MissingInputError("value", text, tuple(named))
            x = ZERO
        else:
            x = eval_expr(m.x_from, ZERO, m.max_points, named, text, [])
            trace.append(TraceStep("derive", (_render_expr(m.x_from), x)))
    else:
        x = coerce(value, percent=m.percent, unit=m.unit)
    for name in m.inputs:
        if name not in named and m.x_from != ir.Input(name) and value is None and m.x_from is None:
            raise MissingInputError(name, text, tuple(named))
    trace.append(TraceStep("value", (x, m.percent)))
    piece = next((p for p in m.pieces if p.interval.contains(x)), None)
    if piece is None:
        raise NoBandError(x, outside([p.interval for p in m.pieces], m.percent), text, m.percent)
    trace.append(TraceStep("piece", (piece.label, piece.interval.render(m.percent))))
    raw = eval_expr(piece.expr, x, m.max_points, named, text, trace)
    if not isinstance(piece.expr, ir.Const):
        shown = _render_values(piece.expr, x, m.max_points, named)
        trace.append(TraceStep("arith", (f"{_render_expr(piece.expr)} = {shown}", raw)))
    # 最多扣N分 caps the deductions; a band that names its own points ("低于80%计0分") is not a deduction.
    capped = m.max_deduction is not None and not isinstance(piece.expr, ir.Const)
    floor = max(ZERO, m.max_points - m.max_deduction) if capped and m.max_deduction is not None else ZERO
    return Outcome(finish(raw, m.max_points, floor, trace, quantum), tuple(trace))


def _is_rate_name(name: str, m: ir.Piecewise) -> bool:
    return name.endswith("率") or name == "value"


def count_steps(distance: Decimal, size: Decimal, mode: ir.StepMode) -> Decimal:
    """How many steps of ``size`` fit in ``distance`` under ``mode`` (whole, started, or proportional)."""
    q = CTX.divide(distance, size)
    if mode is ir.StepMode.WHOLE:
        return q.to_integral_value(ROUND_FLOOR)
    if mode is ir.StepMode.STARTED:
        return q.to_integral_value(ROUND_CEILING)
    return q


def eval_expr(e: ir.Expr, x: Decimal, P: Decimal, named: Mapping[str, Decimal], text: str,
              trace: list[TraceStep]) -> Decimal:
    """The value of ``e`` at ``x`` with 分值 ``P`` and the named inputs."""
    if isinstance(e, ir.Const):
        return e.value
    if isinstance(e, ir.X):
        return x
    if isinstance(e, ir.MaxPoints):
        return P
    if isinstance(e, ir.Input):
        if e.name not in named:
            raise MissingInputError(e.name, text, tuple(named))
        return named[e.name]
    if isinstance(e, ir.Steps):
        distance = {"below": CTX.subtract(e.ref, x), "above": CTX.subtract(x, e.ref),
                    "both": CTX.subtract(x, e.ref).copy_abs()}[e.direction]
        steps = count_steps(distance, e.size, e.mode)
        trace.append(TraceStep("steps", (distance, e.size, steps, e.mode.value, e.direction)))
        return steps
    left = eval_expr(e.left, x, P, named, text, trace)
    right = eval_expr(e.right, x, P, named, text, trace)
    if e.op == "+":
        return CTX.add(left, right)
    if e.op == "-":
        return CTX.subtract(left, right)
    if e.op == "*":
        return CTX.multiply(left, right)
    if right == 0:
        raise ZeroDenominatorError(_render_expr(e.right), text)
    return CTX.divide(left, right)


def _render_expr(e: ir.Expr) -> str:
    if isinstance(e, ir.Const):
        return f"{e.value.normalize(CTX):f}"
    if isinstance(e, ir.X):
        return "x"
    if isinstance(e, ir.MaxPoints):
        return "分值"
    if isinstance(e, ir.Input):
        return e.name
    if isinstance(e, ir.Steps):
        return "步数"
    if e.op == "*" and isinstance(e.right, ir.Const) and e.right.value == 1:
        return _render_expr(e.left)  # "× 100%" keeps a rate a rate: nothing to show
    op = {"*": "×", "/": "÷", "-": "−", "+": "+"}[e.op]
    return f"({_render_expr(e.left)} {op} {_render_expr(e.right)})"


render_expr = _render_expr


def _render_values(e: ir.Expr, x: Decimal, P: Decimal, named: Mapping[str, Decimal]) -> str:
    """The expression with every name replaced by its value: 分值 − 2 × 步数 → 5 − 2 × 2."""
    if isinstance(e, ir.Const):
        return f"{e.value.normalize(CTX):f}"
    if isinstance(e, ir.X):
        return f"{x.normalize(CTX):f}"
    if isinstance(e, ir.MaxPoints):
        return f"{P.normalize(CTX):f}"
    if isinstance(e, ir.Input):
        return f"{named[e.name].normalize(CTX):f}" if e.name in named else e.name
    if isinstance(e, ir.Steps):
        distance = {"below": e.ref - x, "above": x - e.ref, "both": abs(x - e.ref)}[e.direction]
        return f"{count_steps(distance, e.size, e.mode).normalize(CTX):f}"
    op = {"*": "×", "/": "÷", "-": "−", "+": "+"}[e.op]
    return f"({_render_values(e.left, x, P, named)} {op} {_render_values(e.right, x, P, named)})"


# ── assessor input ────────────────────────────────────────────────────────────────────────


def _choice(m: ir.Choice, value: Any, inputs: Mapping[str, Any], text: str, quantum: Decimal) -> Outcome:
    option_in = inputs.get("option", value)
    points_in = inputs.get("points")
    lo = min(o.low for o in m.options)
    hi = max(o.high for o in m.options)
    if option_in is None and points_in is None:
        if len(m.options) == 1 and m.options[0].low == m.options[0].high:
            option_in = 1
        else:
            return Outcome(None, (TraceStep("judgement", (lo, hi)),), (lo, hi))
    trace: list[TraceStep] = []
    if option_in is None:
        assert points_in is not None
        pts = _points_input(points_in)
        fits = [o for o in m.options if o.low <= pts <= o.high]
        if not fits:
            raise JudgementError(f"{pts}分 is not allowed by any option (allowed: {_ranges(m.options)})", text=text)
        option = fits[0]
    else:
        option = _pick(m.options, option_in, text)
        if points_in is None:
            if option.low != option.high:
                trace.append(TraceStep("option", (option.mark, option.label)))
                trace.append(TraceStep("judgement", (option.low, option.high)))
                return Outcome(None, tuple(trace), (option.low, option.high))
            pts = option.low
        else:
            pts = _points_input(points_in)
            if not option.low <= pts <= option.high:
                raise JudgementError(f"{pts}分 is outside {option.label!r} ({_range(option)})", text=text)
    trace.append(TraceStep("option", (option.mark, option.label)))
    if option.low != option.high:
        trace.append(TraceStep("assessed", (pts, option.low, option.high)))
    return Outcome(finish(pts, m.max_points, ZERO, trace, quantum), tuple(trace))


def _points_input(v: Any) -> Decimal:
    return coerce(v, percent=False)


def _range(o: ir.Option) -> str:
    return f"{o.low.normalize(CTX):f}分" if o.low == o.high else f"{o.low.normalize(CTX):f}–{o.high.normalize(CTX):f}分"


def _ranges(options: Iterable[ir.Option]) -> str:
    return "; ".join(f"{o.mark} {_range(o)}" for o in options)


def _pick(options: tuple[ir.Option, ...], choice: Any, text: str) -> ir.Option:
    """An option by 1-based number, mark (①), words, or True/False for 达到/否则."""
    if isinstance(choice, bool):
        regular = [o for o in options if not o.otherwise]
        other = [o for o in options if o.otherwise]
        if choice and regular:
            return regular[0]
        if not choice and other:
            return other[0]
        if not choice and len(regular) == 2:
            return regular[1]
        raise JudgementError(f"{choice} does not pick an option here: give its number (1–{len(options)})",
                             text=text)
    if isinstance(choice, int) and 1 <= choice <= len(options):
        return options[choice - 1]
    if isinstance(choice, str):
        for o in options:
            if choice in (o.mark, o.label) or (len(choice) > 1 and choice in o.label):
                return o
    raise JudgementError(f"no option {choice!r}; the options are {_ranges(options)}", text=text)


def _checklist(m: ir.Checklist, value: Any, text: str, quantum: Decimal) -> Outcome:
    if value is None:
        lo = ZERO if m.mode is not ir.ChecklistMode.SUM else ZERO
        return Outcome(None, (TraceStep("judgement", (lo, m.max_points)),), (lo, m.max_points))
    trace: list[TraceStep] = []
    if m.mode is ir.ChecklistMode.PER_FAILURE:
        failing = _count_or_marks(m, value, text)
        assert m.per_failure is not None
        raw = CTX.subtract(m.max_points, CTX.multiply(m.per_failure, failing))
        trace.append(TraceStep("failures", (failing, m.per_failure)))
        floor = ZERO if m.max_deduction is None else max(ZERO, m.max_points - m.max_deduction)
        return Outcome(finish(raw, m.max_points, floor, trace, quantum), tuple(trace))
    if m.mode is ir.ChecklistMode.SUM:
        held = _marks(m, value, text)
        raw = ZERO
        for item in m.items:
            ok = item.mark in held
            trace.append(TraceStep("item", (item.mark, item.label, ok, item.points if ok else ZERO)))
            if ok and item.points is not None:
                raw = CTX.add(raw, item.points)
        return Outcome(finish(raw, m.max_points, ZERO, trace, quantum), tuple(trace))
    amounts = _deductions(m, value, text)
    raw = m.max_points
    open_low, open_high = ZERO, ZERO
    for item in m.items:
        if item.mark in amounts:
            amount = amounts[item.mark]
            if amount is None:
                assert item.deduct_low is not None and item.deduct_high is not None
                open_low, open_high = CTX.add(open_low, item.deduct_low), CTX.add(open_high, item.deduct_high)
                trace.append(TraceStep("range", (item.mark, item.label, item.deduct_low, item.deduct_high)))
                continue
            trace.append(TraceStep("deduct", (item.mark, item.label, amount)))
            raw = CTX.subtract(raw, amount)
    if not amounts:
        trace.append(TraceStep("no_deduction", ()))
    floor = ZERO if m.max_deduction is None else max(ZERO, m.max_points - m.max_deduction)
    if open_high:
        allowed = (max(floor, CTX.subtract(raw, open_high)), max(floor, CTX.subtract(raw, open_low)))
        trace.append(TraceStep("judgement", allowed))
        return Outcome(None, tuple(trace), allowed)
    return Outcome(finish(raw, m.max_points, floor, trace, quantum), tuple(trace))


def _marks(m: ir.Checklist, value: Any, text: str) -> set[str]:
    """Which items hold: marks, 1-based numbers, or one bool per item."""
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, Iterable):
        raise JudgementError(f"give the items that hold, e.g. ['①', '③'], not {value!r} "
                             "(or points=… for the assessor's points)", text=text)
    values = list(value)
    if values and all(isinstance(v, bool) for v in values):
        if len(values) != len(m.items):
            raise JudgementError(f"{len(values)} answers for {len(m.items)} items", text=text)
        return {item.mark for item, ok in zip(m.items, values, strict=True) if ok}
    held = set()
    for v in values:
        held.add(_item(m, v, text).mark)
    return held


def _item(m: ir.Checklist, v: Any, text: str) -> ir.CheckItem:
    for i, item in enumerate(m.items, 1):
        if v in (item.mark, i, str(i), item.label):
            return item
    raise JudgementError(f"no item {v!r}; the items are " + " ".join(i.mark for i in m.items), text=text)


def _count_or_marks(m: ir.Checklist, value: Any, text: str) -> Decimal:
    """How many cases failed: a whole number of them, or the failing items."""
    if isinstance(value, int | Decimal | str) and not isinstance(value, bool):
        try:
            count = to_decimal(value)
        except PerfevalError:
            return Decimal(len(_marks(m, value, text)))
        if count < 0 or count != count.to_integral_value():
            raise JudgementError(f"a number of failures is a whole number ≥ 0, not {value!r}", text=text)
        return count
    return Decimal(len(_marks(m, value, text)))


def _deductions(m: ir.Checklist, value: Any, text: str) -> dict[str, Decimal | None]:
    """Which items occurred and what each costs: a mapping mark → amount (or True), or an iterable of marks."""
    pairs = value.items() if isinstance(value, Mapping) else ((v, True) for v in
                                                                ([value] if isinstance(value, str) else value))
    out: dict[str, Decimal | None] = {}
    for key, amount in pairs:
        item = _item(m, key, text)
        assert item.deduct_low is not None and item.deduct_high is not None
        if amount is True:
            out[item.mark] = item.deduct_low if item.deduct_low == item.deduct_high else None
            continue
        d = coerce(amount, percent=False)
        if not item.deduct_low <= d <= item.deduct_high:
            raise JudgementError(
                f"deduction {d}分 for {item.mark} is outside {item.deduct_low}–{item.deduct_high}分", text=text)
        out[item.mark] = d
    return out


def _tiers(m: ir.Tiers, value: Any, inputs: Mapping[str, Any], text: str, quantum: Decimal) -> Outcome:
    tier_in = inputs.get("tier")
    share_in = inputs.get("share", value)
    if share_in is None and inputs.get("points") is not None:
        # rule(tier=2, points=7): the assessor's points, as a share of 分值, must lie in the tier.
        share_in = CTX.divide(coerce(inputs["points"], percent=False), m.max_points)
    if share_in is None:
        if tier_in is None:
            return Outcome(None, (TraceStep("judgement", (ZERO, m.max_points)),), (ZERO, m.max_points))
        tier = _tier(m, tier_in, text)
        lo = CTX.multiply(m.max_points, tier.share.lo or ZERO)
        hi = CTX.multiply(m.max_points, tier.share.hi or Decimal(1))
        return Outcome(None, (TraceStep("tier", (tier.label,)), TraceStep("judgement", (lo, hi))), (lo, hi))
    share = parse_rate(share_in) if isinstance(share_in, str) else coerce(share_in, percent=True)
    fits = [t for t in m.tiers if t.share.contains(share)]
    if tier_in is not None:
        tier = _tier(m, tier_in, text)
        if tier not in fits:
            raise JudgementError(f"{share * 100:f}% is not within tier {tier.label!r}", text=text)
    elif fits:
        tier = fits[0]
    else:
        raise JudgementError(f"{share * 100:f}% is in no tier", text=text)
    trace = [TraceStep("tier", (tier.label,)), TraceStep("share", (share, m.max_points))]
    raw = CTX.multiply(m.max_points, share)
    return Outcome(finish(raw, m.max_points, ZERO, trace, quantum), tuple(trace))


def _tier(m: ir.Tiers, v: Any, text: str) -> ir.TierRange:
    if isinstance(v, int) and 1 <= v <= len(m.tiers):
        return m.tiers[v - 1]
    for t in m.tiers:
        if v == t.label:
            return t
    listed = "; ".join(f"{i} {t.label}" for i, t in enumerate(m.tiers, 1))
    raise JudgementError(f"no tier {v!r}; the tiers are {listed}", text=text)
