"""Stage 3: the syntax tree of a standard — one frozen node per phrase, each built from its grammar rule.

Every non-inlined rule of ``grammar/standard.lark`` has a class whose name is the rule's in CamelCase
(``points_range`` → :class:`PointsRange`), in the manner of lark's ``ast_utils.create_transformer``: the
class's :meth:`~Node.build` reads the rule's children, so the node and its builder live side by side and
adding a phrase means adding one rule and one class. The classes live by what they are —
:mod:`.conditions`, :mod:`.outcomes` (points, deductions, steps, caps, single words), :mod:`.formulas` —
on :mod:`.base`. Nothing here decides what a standard computes — that is :mod:`perfeval.rules.meaning`.

>>> from perfeval.rules.syntax.parser import parse
>>> [type(p).__name__ for p in parse("90%（含）以上计6分").clauses[0].phrases]
['Bound', 'Points']
"""

from __future__ import annotations

import re

from .base import Node, Num, Punct, Span, Words, incl_of, number, scores
from .conditions import (
    Bound,
    Claim,
    Compare,
    CompareList,
    Described,
    Deviation,
    Equal,
    GluedRange,
    Point,
    Range,
    Value,
)
from .formulas import (
    OPERATORS,
    BinOp,
    CappedVar,
    DeductionSheet,
    Definition,
    HundredScale,
    InlineFormula,
    Number,
    PointsVar,
    ScoreFormula,
    Var,
)
from .outcomes import (
    Adjustments,
    AsFull,
    AvgScore,
    Bonus,
    Cap,
    CapAtPoints,
    CapUntil,
    Carry,
    Cell,
    Deduct,
    Discretion,
    Double,
    Floor,
    Full,
    FullCap,
    GainCap,
    Grade,
    Item,
    Linear,
    Lost,
    Missing,
    Negative,
    NegCap,
    NoCap,
    NoNegative,
    NotApplicable,
    Otherwise,
    Overspend,
    ParenPoints,
    ParenRange,
    PartsEach,
    Per,
    Points,
    PointsList,
    PointsRange,
    Preamble,
    Precision,
    Proportional,
    ProRataStep,
    Rank,
    RankProp,
    Reference,
    Respectively,
    RoundUp,
    Schedule,
    Share,
    Subrule,
    UntilZero,
    Veto,
    Word,
    Zero,
)

#: Every phrase node by its grammar rule; the transformer and the registry test read this.
NODE_CLASSES: dict[str, type[Node]] = {
    re.sub(r"(?<!^)(?=[A-Z])", "_", cls.__name__).lower(): cls
    for cls in (
        Value, Compare, CompareList, Bound, Range, GluedRange, Equal, Deviation, Point, Described, Claim,
        Points, Full, Zero, PointsRange, Share, PointsList, Cell, Deduct, Bonus, Per, Rank, Cap, CapUntil,
        GainCap, Floor, NegCap, Proportional, Discretion, Precision, Reference, Grade, Preamble,
        PartsEach, ParenPoints, ParenRange, UntilZero, FullCap, CapAtPoints, Negative, NoNegative, Carry,
        Overspend, Linear, DeductionSheet, Adjustments, NoCap, RankProp, Missing, Lost, Veto, Double, Schedule, RoundUp, ProRataStep,
        Respectively, Otherwise, NotApplicable, AsFull, AvgScore, Item, Subrule, Number, PointsVar, Var,
        CappedVar, ScoreFormula, Definition, InlineFormula, HundredScale, Words, Punct,
    )
}
NODE_CLASSES.update(OPERATORS)

__all__ = [
    "Adjustments", "AsFull", "AvgScore", "BinOp", "Bonus", "Bound", "Cap", "CapAtPoints", "CapUntil", "CappedVar",
    "Carry", "Cell", "Claim", "Compare", "CompareList", "Deduct", "DeductionSheet", "Definition", "Described",
    "Deviation", "Discretion", "Double", "Equal", "Floor", "Full", "FullCap", "GainCap",
    "GluedRange", "Grade", "HundredScale", "InlineFormula", "Item", "Linear", "Lost", "Missing", "NODE_CLASSES",
    "NegCap", "Negative", "NoCap", "NoNegative", "Node", "NotApplicable", "Num", "Number", "OPERATORS",
    "Otherwise", "Overspend", "ParenPoints", "ParenRange", "PartsEach", "Per", "Point", "Points",
    "PointsList", "PointsRange", "PointsVar", "Preamble", "Precision", "ProRataStep",
    "Proportional", "Punct", "Range", "Rank", "RankProp", "Reference", "Respectively", "RoundUp",
    "Schedule", "ScoreFormula", "Share", "Span", "Subrule", "UntilZero", "Value", "Var", "Veto",
    "Word", "Word", "Words", "Zero", "incl_of", "number", "scores",
]
