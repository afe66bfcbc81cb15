"""Stage 2: the syntax tree of a scoring standard — frozen nodes that remember where they came from.

Each node mirrors one rule of ``grammar/standard.lark`` and carries a :class:`Span` in the original text.
Nothing here interprets the standard: turning clauses into a scoring function is the job of
:mod:`perfeval.rules.analysis`.

>>> from perfeval.rules.parser import parse
>>> tree = parse("90%（含）以上计6分")
>>> award = tree.clauses[0]
>>> type(award).__name__, award.cond.lower.value, award.amount.points
('Award', Decimal('0.9'), Decimal('6'))
"""

from __future__ import annotations

from decimal import Decimal
from enum import Enum

import attrs


@attrs.frozen
class Span:
    """Where a node is in the original text: 1-based lines and columns, 0-based offsets."""

    line: int
    column: int
    end_line: int
    end_column: int
    start: int
    end: int


class Claim(Enum):
    """How strongly a bound states whether its edge belongs to it (DESIGN.md, "Band edges")."""

    EXPLICIT = "explicit"      # （含）, ≥, ≤, =, 大于等于: the author said so
    CONVENTION = "convention"  # 以上/以下/以内 include, 超过/低于/大于/小于 exclude (民法典 第1259条)
    NONE = "none"              # nothing said: decided by 上限不在内


@attrs.frozen
class Number:
    """A number as written. Percentages are stored as fractions: 95% → 0.95."""

    value: Decimal
    percent: bool
    text: str
    span: Span
    unit: str | None = None


@attrs.frozen
class Bound:
    """One edge of an interval: its value, whether it is inside, and how strongly that was said."""

    value: Decimal
    inclusive: bool
    claim: Claim
    number: Number


@attrs.frozen
class Cond:
    """A condition on the indicator's value: an interval, or a comparison with a described value.

    ``lower``/``upper`` are None when open on that side. ``described`` holds the words of a
    comparison whose value is named rather than written (达到或超过标准值 → "标准值").
    """

    lower: Bound | None
    upper: Bound | None
    span: Span
    described: str | None = None
    op: str | None = None


@attrs.frozen
class Points:
    """计N分 / 得N分 / N分."""

    points: Decimal
    span: Span


@attrs.frozen
class Full:
    """计满分 / 得满分 / 得分: the indicator's whole 分值."""

    span: Span


@attrs.frozen
class Zero:
    """不得分 / 不计分 / 计0分."""

    span: Span


Amount = Points | Full | Zero


@attrs.frozen
class Award:
    """A condition (possibly none, or described in words) and the points it earns."""

    subject: str | None
    cond: Cond | None
    amount: Amount
    span: Span


@attrs.frozen
class Condition:
    """A clause that is only a condition ("80%（含）-90%"); the next clause says what it earns."""

    subject: str | None
    cond: Cond
    span: Span


class Direction(Enum):
    """Which way a step counts from the reference value."""

    BELOW = "below"   # 每低于
    ABOVE = "above"   # 每超过
    BOTH = "both"     # 每超过（降低）
    COUNT = "count"   # 每推迟一个工作日, 每发现一处


@attrs.frozen
class Step:
    """每低于5%扣2分 · 每推迟一个工作日报送报告的扣1分: deduct ``deduct`` per ``size`` (per count if None)."""

    direction: Direction
    size: Number | None
    deduct: Decimal
    subject: str | None
    span: Span
    mode: str | None = None  # "started" (不足…按…计) or "proportional" (按比例); whole steps when None


@attrs.frozen
class StepRule:
    """不足5%按5%计 (a started step counts whole) · 不足一步的按比例扣分 (pro rata)."""

    mode: str
    span: Span


@attrs.frozen
class Cap:
    """最多扣10分."""

    points: Decimal
    span: Span


@attrs.frozen
class UntilZero:
    """扣完为止: deductions stop at zero."""

    span: Span


@attrs.frozen
class Proportional:
    """未完成100%的同比例扣减: 分值 × rate."""

    cond: Cond | None
    span: Span


@attrs.frozen
class Overspend:
    """按超支比例扣减: 分值 × (1 − overspend ratio)."""

    cond: Cond | None
    span: Span


# ── formulas ──────────────────────────────────────────────────────────────────────────────


@attrs.frozen
class Num:
    """A constant in a formula (a percentage is its fraction)."""

    value: Decimal
    span: Span


@attrs.frozen
class Var:
    """A named input of a formula (实际完成率, 执行率)."""

    name: str
    span: Span


@attrs.frozen
class PointsVar:
    """指标分值 / 分值 / 满分 inside a formula: the indicator's 分值."""

    span: Span


@attrs.frozen
class BinOp:
    """``left op right`` with op one of + - × ÷."""

    op: str
    left: Expr
    right: Expr
    span: Span


Expr = Num | Var | PointsVar | BinOp


class FormulaKind(Enum):
    """What a formula computes."""

    SCORE = "score"      # 得分=…: points
    INLINE = "inline"    # 按实际满意率/90%指标分值计算: points, under a condition
    DERIVED = "derived"  # 预算完成率 = …: a named rate, not points


@attrs.frozen
class Formula:
    """A formula clause. ``target`` names what a derived formula defines."""

    kind: FormulaKind
    expr: Expr
    cond: Cond | None
    target: str | None
    span: Span


# ── items, judgement, tiers ───────────────────────────────────────────────────────────────


@attrs.frozen
class Item:
    """One ①… item: points earned when it holds, or a deduction (possibly a range) when it occurs."""

    mark: str
    label: str
    points: Decimal | None
    deduct_low: Decimal | None
    deduct_high: Decimal | None
    span: Span


@attrs.frozen
class Items:
    """A run of items."""

    items: tuple[Item, ...]
    span: Span


@attrs.frozen
class Judgement:
    """得16—18分: the assessor chooses within the range."""

    subject: str | None
    low: Decimal
    high: Decimal
    span: Span


@attrs.frozen
class Discretion:
    """酌情扣分: the assessor decides, within 0 and 分值."""

    subject: str | None
    text: str
    span: Span
    otherwise: bool = False


@attrs.frozen
class Penalty:
    """未如期完成且无充分理由的扣3分: a stated deduction (low == high unless a range) from 分值."""

    subject: str | None
    low: Decimal
    high: Decimal
    span: Span


@attrs.frozen
class Absent:
    """没有楼堂馆所项目的部门按满分计算: what a department without the thing scored earns."""

    amount: Amount
    subject: str | None
    span: Span


@attrs.frozen
class SubRule:
    """The mark of a numbered part (1. 2. …): the parts are scored separately and summed."""

    mark: str
    span: Span


@attrs.frozen
class Tier:
    """One tier of a qualitative range, as fractions of 分值: 100%-80%（含） → high 1, low 0.8."""

    high: Bound
    low: Bound
    span: Span


@attrs.frozen
class Tiers:
    """分值区间100%-80%（含）、80%-60%（含）、60%-0%."""

    subject: str | None
    tiers: tuple[Tier, ...]
    span: Span


@attrs.frozen
class Reference:
    """以100%为标准."""

    value: Number
    span: Span


@attrs.frozen
class Otherwise:
    """否则不得分: what every value not named by an award earns."""

    amount: Amount | None
    subject: str | None
    span: Span


@attrs.frozen
class Note:
    """A clause that carries no scoring (以上③需提供佐证资料): kept, shown, never dropped."""

    text: str
    span: Span


Clause = (
    Award | Condition | Step | Cap | UntilZero | Proportional | Overspend | Formula | Items | Judgement
    | Discretion | Penalty | Tiers | Reference | Otherwise | Note | SubRule | Absent | StepRule
)


@attrs.frozen
class Standard:
    """A whole scoring standard: its clauses in order, and the text they were read from."""

    clauses: tuple[Clause, ...]
    text: str


@attrs.frozen
class GradeBand:
    """90分（含）—100分为优: an interval of total scores and its 等级."""

    cond: Cond
    label: str
    span: Span


@attrs.frozen
class GradeTable:
    """A whole 等级 table."""

    bands: tuple[GradeBand, ...]
    text: str
