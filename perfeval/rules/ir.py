"""Stage 3's output: what a standard *means*, independent of how it was worded.

:mod:`perfeval.rules.analysis` reduces every standard to one of a few shapes:

* :class:`Piecewise` — points as a function of one number (a rate, a count, a cost ratio) or of named
  inputs: band tables, stepwise deductions, proportional and threshold formulas, overspend. This is the
  shape :mod:`perfeval.rules.compiler` turns into generated Python for the fast path.
* :class:`Choice` — the assessor picks one option (完成目标得满分，否则不得分; ①到位及时（2分）②…).
* :class:`Checklist` — points for each item that holds, or deductions for each that fails.
* :class:`Tiers` — qualitative tiers, a share of 分值 chosen by the assessor within a tier.

Every shape carries the 分值 it scores against and the source spans of its parts, so the explanation
and the checker can point back at the words.

>>> Interval(Decimal("0.8"), True, Decimal("0.9"), False).contains(Decimal("0.9"))
False
"""

from __future__ import annotations

from decimal import Decimal
from enum import Enum

import attrs

from .ast import Span


def show(value: Decimal, percent: bool) -> str:
    """A number as the standard would write it: 0.95 → "95%" when ``percent``.

    >>> show(Decimal("0.1001"), True), show(Decimal("16"), False)
    ('10.01%', '16')
    """
    if percent:
        from ..numbers import percent_text

        return percent_text(value, None)
    from ..numbers import plain

    return plain(value)


@attrs.frozen
class Interval:
    """A set of values between two edges; ``None`` is unbounded on that side."""

    lo: Decimal | None
    lo_in: bool
    hi: Decimal | None
    hi_in: bool

    def contains(self, x: Decimal) -> bool:
        """Whether ``x`` lies in the interval."""
        if self.lo is not None and (x < self.lo or (x == self.lo and not self.lo_in)):
            return False
        if self.hi is not None and (x > self.hi or (x == self.hi and not self.hi_in)):
            return False
        return True

    def render(self, percent: bool = True) -> str:
        """Mathematical notation: ``[80%, 90%)``, ``(-∞, 60%)``, ``{0}``.

        >>> Interval(Decimal("0.8"), True, Decimal("0.9"), False).render()
        '[80%, 90%)'
        """
        if self.lo is not None and self.lo == self.hi:
            return "{" + show(self.lo, percent) + "}"
        left = "(-∞" if self.lo is None else ("[" if self.lo_in else "(") + show(self.lo, percent)
        right = "+∞)" if self.hi is None else show(self.hi, percent) + ("]" if self.hi_in else ")")
        return f"{left}, {right}"

    @property
    def empty(self) -> bool:
        """True when no value lies in the interval."""
        if self.lo is None or self.hi is None:
            return False
        return self.lo > self.hi or (self.lo == self.hi and not (self.lo_in and self.hi_in))


EVERYTHING = Interval(None, False, None, False)


class StepMode(Enum):
    """How a distance from the reference is counted in steps (DESIGN.md, "Steps")."""

    WHOLE = "whole"            # 每低于5%扣2分: only whole steps count (default)
    STARTED = "started"        # 不足…按…计: a started step counts as a whole one
    PROPORTIONAL = "proportional"  # 按比例: continuous


# ── expressions: points (or a derived rate) in terms of x, 分值 and named inputs ────────────


@attrs.frozen
class Const:
    """A constant."""

    value: Decimal


@attrs.frozen
class X:
    """The value being scored (the rate, count or ratio)."""


@attrs.frozen
class MaxPoints:
    """The indicator's 分值."""


@attrs.frozen
class Input:
    """A named input of a formula (绩效办对应部分考核得分)."""

    name: str


@attrs.frozen
class Steps:
    """How many steps of ``size`` the value lies from ``ref``, in ``direction`` ("below", "above", "both")."""

    ref: Decimal
    size: Decimal
    direction: str
    mode: StepMode


@attrs.frozen
class Op:
    """``left op right``; op is one of + - * /."""

    op: str
    left: Expr
    right: Expr


Expr = Const | X | MaxPoints | Input | Steps | Op


@attrs.frozen
class Piece:
    """On ``interval`` the points are ``expr``; ``span`` is the clause that said so."""

    interval: Interval
    expr: Expr
    span: Span
    label: str


@attrs.frozen
class Piecewise:
    """Points as a function of one value ``x``, piece by piece.

    ``x_from`` derives x from named inputs when the rule is given keywords (overspend: actual/target;
    a formula: its single variable). ``max_deduction`` is 最多扣N分. ``percent`` says whether x is a rate.
    """

    pieces: tuple[Piece, ...]
    max_points: Decimal
    percent: bool
    subject: str | None = None
    x_from: Expr | None = None
    inputs: tuple[str, ...] = ()
    max_deduction: Decimal | None = None
    unit: str | None = None
    when_absent: Decimal | None = None

    @property
    def conditions_on_value(self) -> bool:
        """Whether the pieces depend on the value scored (a formula over named inputs alone does not)."""
        return any(p.interval != EVERYTHING for p in self.pieces)


@attrs.frozen
class Option:
    """One option of a :class:`Choice`: its words and the points it allows (low == high when fixed)."""

    mark: str
    label: str
    low: Decimal
    high: Decimal
    span: Span
    otherwise: bool = False


@attrs.frozen
class Choice:
    """The assessor picks one option; ranged options also need the points chosen within them."""

    options: tuple[Option, ...]
    max_points: Decimal


@attrs.frozen
class CheckItem:
    """One item of a :class:`Checklist`. ``points`` when it holds, or deduct_low..deduct_high when it fails."""

    mark: str
    label: str
    points: Decimal | None
    deduct_low: Decimal | None
    deduct_high: Decimal | None
    span: Span


class ChecklistMode(Enum):
    """How a checklist scores."""

    SUM = "sum"            # points of the items that hold
    DEDUCT = "deduct"      # 分值 less the deductions of the items that occurred
    PER_FAILURE = "per_failure"  # 分值 less ``per_failure`` for each failing item (以上情况每出现一例…扣1分)


@attrs.frozen
class Checklist:
    """Items scored together."""

    items: tuple[CheckItem, ...]
    mode: ChecklistMode
    max_points: Decimal
    per_failure: Decimal | None = None
    max_deduction: Decimal | None = None


@attrs.frozen
class TierRange:
    """One qualitative tier as a share of 分值."""

    label: str
    share: Interval
    span: Span


@attrs.frozen
class Tiers:
    """The assessor picks a tier and a share of 分值 within it."""

    tiers: tuple[TierRange, ...]
    max_points: Decimal


@attrs.frozen
class Part:
    """One numbered part (1. 2. …) of a :class:`Composite`, with the points it is worth."""

    mark: str
    meaning: Meaning
    max_points: Decimal
    span: Span


@attrs.frozen
class Composite:
    """Numbered parts scored separately and summed (001's 考核评分表: "1.…得2分…⏎2.…得6分…")."""

    parts: tuple[Part, ...]
    max_points: Decimal


Meaning = Piecewise | Choice | Checklist | Tiers | Composite
