"""What a standard *means*, independent of how it was worded: the meaning stage's output.

A compiled standard is an :class:`Item`: the points of one indicator, made of **streams**. A stream reads
one input (the rate scored, a count of cases, a yes/no fact, a rank, an option, a tier) and contributes to
the item: the *base* stream gives the points outright (a band table, a formula), a *deduct* stream takes
points off (每发现一处扣0.5分), a *bonus* stream adds (每超1%加0.3分), a *zero* stream sets the item to 0 when
it fires (发现两次以上的本项不得分). Each stream's contribution is a :class:`Piecewise` function of its
input. The item then clamps (floor, 分值, a stated bonus cap), carries what the floor cannot take (扣完后
在总分中继续扣减), and rounds once.

Judged contributions (酌情扣1-2分, 得16—18分, a tier) are ranges: the item's score is then a range too
(:attr:`Item` evaluates to ``allowed``), until the assessor's points are given and checked against it.

>>> Interval(Decimal("0.8"), True, Decimal("0.9"), False).contains(Decimal("0.9"))
False
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal
from enum import Enum
from typing import TypeVar

import attrs

from ..syntax.nodes import Span
from ..vocabulary import StepMode

_T = TypeVar("_T")

__all__ = [
    "walk",
    "compares_only",
    "lone_value",
    "recount_steps",
    "EVERYTHING",
    "Abs",
    "Borrowed",
    "Const",
    "Expr",
    "Input",
    "Interval",
    "Item",
    "Kind",
    "MaxPoints",
    "Min",
    "Op",
    "Option",
    "Part",
    "Piece",
    "Piecewise",
    "Role",
    "StepMode",
    "Steps",
    "Stream",
    "Value",
    "Waiver",
    "Where",
    "X",
]


@attrs.frozen
class Interval:
    """The values between two edges; ``None`` is unbounded on that side."""

    lo: Decimal | None
    lo_in: bool
    hi: Decimal | None
    hi_in: bool

    def contains(self, x: Decimal) -> bool:
        """Whether ``x`` lies in the interval."""
        if self.lo is not None and (x < self.lo or (x == self.lo and not self.lo_in)):
            return False
        return not (self.hi is not None and (x > self.hi or (x == self.hi and not self.hi_in)))

    @property
    def empty(self) -> bool:
        """True when no value lies in it."""
        if self.lo is None or self.hi is None:
            return False
        return self.lo > self.hi or (self.lo == self.hi and not (self.lo_in and self.hi_in))

    def meet(self, other: Interval) -> Interval:
        """The values in both intervals (possibly :attr:`empty`)."""
        lo, lo_in = self.lo, self.lo_in
        if other.lo is not None and (lo is None or other.lo > lo or (other.lo == lo and not other.lo_in)):
            lo, lo_in = other.lo, other.lo_in
        hi, hi_in = self.hi, self.hi_in
        if other.hi is not None and (hi is None or other.hi < hi or (other.hi == hi and not other.hi_in)):
            hi, hi_in = other.hi, other.hi_in
        return Interval(lo, lo_in, hi, hi_in)

    @property
    def point(self) -> bool:
        """True when it holds one value only."""
        return self.lo is not None and self.lo == self.hi


#: Every value.
EVERYTHING = Interval(None, False, None, False)




# ── expressions ──────────────────────────────────────────────────────────────────────────────


@attrs.frozen
class Const:
    """A constant."""

    value: Decimal


@attrs.frozen
class X:
    """The value the enclosing :class:`Piecewise` scores."""


@attrs.frozen
class MaxPoints:
    """The indicator's 分值."""


@attrs.frozen
class Input:
    """A named input (实际值, 目标值, a formula's variable)."""

    name: str


@attrs.frozen
class Steps:
    """How many steps of ``size`` fit in ``distance`` (which is ≥ 0 where it is used), counted by ``mode``."""

    distance: Expr
    size: Decimal
    mode: StepMode


@attrs.frozen
class Op:
    """``left op right``, op one of + - * /."""

    op: str
    left: Expr
    right: Expr


@attrs.frozen
class Min:
    """The smaller of two values (完成率(超过100%的按100%计) is min(完成率, 100%))."""

    left: Expr
    right: Expr


@attrs.frozen
class Abs:
    """The absolute value (a deviation either way)."""

    arg: Expr


Expr = Const | X | MaxPoints | Input | Steps | Op | Min | Abs


def walk(e: Expr) -> Iterator[Expr]:
    """``e`` and every expression inside it, outermost first.

    >>> [type(s).__name__ for s in walk(Op("*", MaxPoints(), X()))]
    ['Op', 'MaxPoints', 'X']
    """
    yield e
    if isinstance(e, Op | Min):
        yield from walk(e.left)
        yield from walk(e.right)
    elif isinstance(e, Abs):
        yield from walk(e.arg)
    elif isinstance(e, Steps):
        yield from walk(e.distance)


# ── functions of one value ───────────────────────────────────────────────────────────────────


@attrs.frozen
class Piece:
    """On ``interval`` the contribution is ``expr`` (``low``..``high`` when judged); ``label`` is the clause.

    ``veto`` is the reason a value here vetoes the unit (一票否决), ``zero`` that the whole item scores 0
    here (本项不得分), ``bonus`` the part of ``expr`` that is bonus (加分) rather than base, ``judged`` the
    range when the assessor chooses the points, ``overlap`` that two bands claim this value equally (scoring
    it is an error).
    """

    interval: Interval
    expr: Expr
    span: Span
    label: str
    veto: str | None = None
    zero: bool = False
    bonus: Expr | None = None
    judged: tuple[Expr, Expr] | None = None
    overlap: bool = False


@attrs.frozen
class Piecewise:
    """A contribution as a function of one value, piece by piece; a value no piece covers is an error."""

    pieces: tuple[Piece, ...]


# ── inputs ───────────────────────────────────────────────────────────────────────────────────


class Kind(Enum):
    """What an input is, and so how a given value is read and validated."""

    RATE = "rate"          # 95%, Decimal("0.95"); a bare number > 1 is a diagnostic (it is not ×100)
    NUMBER = "number"      # a plain number (a total, a sub-score)
    QUANTITY = "quantity"  # a number in the standard's unit (2天, 50万元), converted exactly
    COUNT = "count"        # a whole number ≥ 0 (cases found, days late)
    RANK = "rank"          # a whole number ≥ 1
    FLAG = "flag"          # yes/no (also 0/1, or listed in a list of items met)
    OPTION = "option"      # which option applies: ①, 2, or its words
    TIER = "tier"          # which tier the assessor chose


@attrs.frozen
class Value:
    """How a stream's value is read: its kind and unit, the names that give it, or how to derive it.

    ``derive`` computes the value from named inputs when it is not given directly (实际值/目标值 → the
    completion ratio); ``needs`` lists the inputs ``derive`` reads; ``aliases`` other names for them (the
    words the standard uses: 本年登记户数 for 实际值). ``negated`` says that the fact is written negatively
    (整改任务未全部完成的): given by its positive name (整改全部完成) a yes means no. ``direction`` is which side of
    a target is good, as the standard says it: ``"lower"`` (“≤”型指标), ``"higher"`` (高于/低于/不低于 written, or
    steps), or None where it only speaks of reaching the target (达到, 完成, 达标) — then a target given with its
    comparator (目标值 "≤30天") decides, and a ceiling takes the ratio target/actual. ``counts`` are the
    inputs of a reference written as their ratio (业务科室数占全部内设科室数的比例): plain numbers or alike
    quantities, read apart from the value compared with their ratio.
    """

    kind: Kind
    unit: str | None = None
    names: tuple[str, ...] = ()
    derive: Expr | None = None
    needs: tuple[str, ...] = ()
    options: tuple[str, ...] = ()
    negated: bool = False
    aliases: tuple[tuple[str, str], ...] = ()
    direction: str | None = "higher"
    counts: tuple[str, ...] = ()


class Role(Enum):
    """How a stream's contribution enters the item."""

    BASE = "base"      # the points themselves
    DEDUCT = "deduct"  # subtracted from the base
    EARN = "earn"      # added to the points: a checklist's items, per-case awards (每完成一项得1分)
    BONUS = "bonus"    # added above the base, reported apart (加分, Score.bonus)
    ZERO = "zero"      # when it fires, the item scores 0 (and may veto)


@attrs.frozen
class Stream:
    """One input and what it contributes: a band table, a per-case deduction, a yes/no deduction …

    ``key`` is how the caller names the input when there are several (①, 1, or the words of the clause);
    ``cap`` the most the stream may deduct or add (最多扣4分 binds the stream it follows).
    """

    key: str
    label: str
    span: Span
    value: Value
    fn: Piecewise
    role: Role
    cap: Decimal | None = None
    absent: Decimal | None = None  # contribution when no value is given (没有…按满分计 / 不扣分)


def compares_only(stream: Stream) -> bool:
    """Whether ``stream`` only compares the value it reads: no piece's points (nor bonus, nor judged range)
    computes with it, nothing is derived — a band table, a table of ranks (分值 − 0.5 is arithmetic on the
    standard's own numbers, not on the value). No arithmetic is done on such a
    value, and comparing Decimals is exact whatever their digits, so it is held to no digit or exponent
    limit (docs/limits.md); a value that steps or a formula compute with is.

    >>> from perfeval.rules.syntax.parser import parse
    >>> from perfeval.rules.meaning.analyse import analyse
    >>> def stream(text): return analyse(parse(text), Decimal(5)).item.streams[0]
    >>> compares_only(stream("90%（含）以上计5分；低于90%计0分")), compares_only(stream("100%计满分，每低于5%扣2分"))
    (True, False)
    """
    if stream.value.derive is not None:
        return False
    exprs = [e for p in stream.fn.pieces for e in (p.expr, p.bonus, *(p.judged or ())) if e is not None]
    return not any(isinstance(s, X) for e in exprs for s in walk(e))


@attrs.frozen
class Where:
    """One condition of a row over several named values: the value ``name`` (read as ``kind``, in ``unit``)
    lies in ``interval``; ``names`` are the words the standard names it with (the caller may give any)."""

    name: str
    kind: Kind
    interval: Interval
    unit: str | None = None
    names: tuple[str, ...] = ()


@attrs.frozen
class Option:
    """One option of a choice: its mark, words, and the points (low == high unless judged).

    ``facts`` (yes/no) or ``where`` (values in intervals, all of them) choose it from named inputs.
    """

    mark: str
    label: str
    low: Decimal
    high: Decimal
    span: Span
    veto: str | None = None
    facts: tuple[tuple[str, bool], ...] = ()  # 年度目标完成但累计目标未完成: the facts that choose it
    where: tuple[Where, ...] = ()  # 服务率85-99%,年均进村18次以上: every value in its interval


@attrs.frozen
class Borrowed:
    """In a stated case the score is another's: 按全市同类单位平均分得分 · 非执法单位得分为执法单位得分的平均分.

    ``name`` is the input that carries it (平均分: any name with 平均分 in it fills it); ``case`` the case as
    written and, when written negatively, its positive form (未发生采购业务, 发生采购业务), a yes/no input;
    ``only`` says the text gives no rule for the other cases (the indicator's own rule is elsewhere).
    """

    name: str
    case: tuple[str, ...]
    negated: bool
    label: str
    span: Span
    only: bool = False


@attrs.frozen
class Part:
    """A numbered part of a composite item (1.… 2.…), worth ``max_points``, scored on its own."""

    key: str
    item: Item
    span: Span
    names: tuple[str, ...] = ()


@attrs.frozen
class Waiver:
    """但…高于各地区平均比重加3%的，可不扣分: when ``left − right`` (two named inputs) lies in ``interval``
    (the offset and the comparator's edge), nothing is deducted: the item scores its 分值."""

    left: str
    right: str
    interval: Interval
    label: str
    span: Span
    gate: bool = False  # 未完成…控制指标的,… : the deductions apply only when the target is missed (PE243)


@attrs.frozen
class Item:
    """The meaning of a standard for one indicator (see the module docstring).

    ``base`` is the points before any stream deducts or adds when no stream is the base (分值 for a
    deduction list, 0 for a checklist or a pure bonus). ``floor`` is None when the score may go below
    zero without limit (可负分); ``ceiling`` is 分值 plus any stated bonus cap. ``options`` make the item a
    choice (the input names the option); ``parts`` make it the sum of separately clamped parts;
    ``judged`` is the range an assessor scores in when the standard only says 酌情 or 得16—18分;
    ``tiers`` the assessor's tiers (label → range). ``absent`` is what no value at all scores (None input:
    not applicable). ``borrowed`` is a case scored by another's points (an average of peers, given as an
    input). ``precision`` is the rounding step (0.01 unless 保留整数). ``excluded`` is the clause that says when
    the item does not apply at all (该项不参与考核): the rubric leaves it out of the total. ``waiver`` is a
    second named condition that, when it holds, cancels the deductions (但…的，可不扣分).
    """

    max_points: Decimal
    streams: tuple[Stream, ...] = ()
    base: Decimal = Decimal(0)
    floor: Decimal | None = Decimal(0)
    ceiling: Decimal | None = None
    carry: bool = False
    deduction_cap: Decimal | None = None
    options: tuple[Option, ...] = ()
    parts: tuple[Part, ...] = ()
    judged: tuple[Decimal, Decimal] | None = None
    tiers: tuple[Option, ...] = ()
    absent: Decimal | None = None
    borrowed: Borrowed | None = None
    precision: Decimal = Decimal("0.01")
    bonus_cap: Decimal | None = None
    excluded: str | None = None
    waiver: Waiver | None = None

    @property
    def top(self) -> Decimal:
        """The most the item may score (分值, or more by a stated bonus cap)."""
        return self.ceiling if self.ceiling is not None else self.max_points


def lone_value(item: Item) -> Stream | None:
    """The item's one stream when one value as given scores it: no options, parts, tiers or judged range, one
    unkeyed base stream, nothing derived or named — what the fast path compiles and a waiver may cancel.

    >>> from perfeval.rules.syntax.parser import parse
    >>> from perfeval.rules.meaning.analyse import analyse
    >>> lone_value(analyse(parse("100%计满分，每低于5%扣2分"), Decimal(5)).item) is not None
    True
    """
    if item.options or item.parts or item.tiers or item.judged is not None or len(item.streams) != 1:
        return None
    s = item.streams[0]
    if s.key or s.role is not Role.BASE or s.value.derive is not None or s.value.needs:
        return None
    return s


def recount_steps(node: _T, mode: StepMode) -> _T:
    """``node`` with every step counted by ``mode`` (整步 / 不足一步按一步 / 按比例); the same object when
    it counts no steps. For naming another reading (the audit's common practice), never for scoring.

    >>> s = Steps(Const(Decimal(7)), Decimal(5), StepMode.WHOLE)
    >>> recount_steps(s, StepMode.PROPORTIONAL).mode.value
    'proportional'
    """
    if isinstance(node, Steps):
        return node if node.mode is mode else attrs.evolve(node, mode=mode)
    if isinstance(node, tuple):
        items = tuple(recount_steps(x, mode) for x in node)
        return node if all(a is b for a, b in zip(items, node, strict=True)) else items  # type: ignore[return-value]
    if attrs.has(type(node)):
        changes = {}
        for f in attrs.fields(type(node)):  # type: ignore[arg-type]
            value = getattr(node, f.name)
            new = recount_steps(value, mode)
            if new is not value:
                changes[f.alias or f.name] = new
        return attrs.evolve(node, **changes) if changes else node  # type: ignore[misc]
    return node
