"""A case scored by another's points: 按全市同类单位平均分得分 · 非执法单位得分为执法单位得分的平均分.

The caller gives that average as the input 平均分 (any name with 平均分 or 平均得分 in it: 同类单位平均分,
执法单位平均分), and may say whether the case holds by its words (未发生采购业务=True) or by its positive
form (发生采购业务=False). Given the average alone, the case is taken to hold — the average is asked for only
there. The average must lie between 0 and the 分值: it is a score under the same indicator.

>>> from perfeval import compile_rule
>>> rule = compile_rule("达到90%得2分，否则不得分。非执法单位得分为执法单位得分的平均分", points=2)
>>> rule(执法单位平均分="1.73").points, rule("95%").points
(Decimal('1.73'), Decimal('2.00'))
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from .. import arith
from ..errors import JudgementError, MissingInputError
from ..meaning import ir
from ..vocabulary import INPUT_NAMES
from .inputs import read, read_number

__all__ = ["borrowed_case"]

_AVERAGE_NAMES = INPUT_NAMES["平均分"]


def _is_average(name: str) -> bool:
    return name in _AVERAGE_NAMES or any(w in name for w in _AVERAGE_NAMES[:2])


def borrowed_case(item: ir.Item, value: Any, inputs: Mapping[str, Any],
                  text: str) -> tuple[Decimal | None, dict[str, Any]]:
    """The average when ``item``'s borrowed case holds (else None), and the inputs left for its own rule."""
    b = item.borrowed
    rest = dict(inputs)
    if b is None:
        return None, rest
    averages = [k for k in rest if _is_average(k)]
    if len(averages) > 1:
        raise JudgementError("unknown_input", text, name=averages[1], expected=b.name)
    average = rest.pop(averages[0]) if averages else None
    holds: bool | None = None
    for name in b.case:
        if name in rest:
            said = bool(read(rest.pop(name), ir.Kind.FLAG))
            holds = (not said) if b.negated and name != b.case[0] else said
            break
    if holds is None and average is not None:
        holds = True
    if holds:
        if average is None:
            raise MissingInputError(b.name, text, tuple(inputs))
        if value is not None or rest:
            # both the case's average and the indicator's own value: which applies is the caller's to say
            extra = next(iter(rest), None) if value is None else "value"
            raise JudgementError("borrowed_and_own", text, case=b.case[0], name=str(extra))
        points = read_number(average)
        if not arith.ZERO <= points <= item.max_points:
            raise JudgementError("borrowed_outside", text, case=b.case[0], points=f"{points.normalize(arith.CTX):f}",
                                 top=f"{item.max_points.normalize(arith.CTX):f}")
        return points, rest
    if average is not None:
        raise JudgementError("borrowed_not_case", text, case=b.case[0], name=averages[0])
    if b.only:
        if holds is None and value is None and not rest:
            raise MissingInputError(b.name, text, tuple(inputs))
        raise JudgementError("borrowed_only", text, case=b.case[0])
    return None, rest
