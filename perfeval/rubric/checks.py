"""Static checks of a self-evaluation or target table: every standard compiles, and targets make sense.

A 满意度 target written "≤ 90%" (002 does this) is almost surely meant "≥": satisfaction is a floor, not a
ceiling. Such things are found before anyone is scored, with the row they are on.

>>> from perfeval.datafile import load_evaluation
>>> found = check_evaluation(load_evaluation("examples/zhijiang-2024-targets.toml"))
>>> [(f.diagnostic.code, f.indicator) for f in found if f.diagnostic.code == "PE501"]
[('PE501', '人民群众和服务对象满意度')]
"""

from __future__ import annotations

import attrs

from ..errors import PerfevalError
from ..model import Department, Indicator, Project
from ..numbers import own_context
from ..rules import compile_rule
from ..rules.errors import Diagnostic, LocatedError, Severity
from ..rules.messages import pair

# Indicators whose target is a floor: a "≤" or "<" on them is almost surely a slip for "≥".
_FLOORS = ("满意", "完成率", "达标率", "合格率", "到位率", "及时率", "覆盖率", "整改率", "执行率")


@attrs.frozen
class Finding:
    """One diagnostic about one row of a table."""

    indicator: str
    diagnostic: Diagnostic


@own_context
def check_evaluation(ev: Project | Department) -> list[Finding]:
    """Every problem in ``ev``'s rows: standards that do not compile or have gaps, suspicious targets."""
    found: list[Finding] = []
    for ind in ev.indicators:
        line = ind.source.line if ind.source and ind.source.line else 1
        column = ind.source.column if ind.source and ind.source.column else 1
        found.extend(_standard(ind, line, column))
        found.extend(_target(ind, line, column))
    return found


def _standard(ind: Indicator, line: int, column: int) -> list[Finding]:
    if not ind.standard:
        return []
    try:
        rule = compile_rule(ind.standard, points=ind.points)
    except PerfevalError as exc:
        # A 评分标准 cell holding a description ("此两项指标为…") scores nothing: a warning, not a broken rule.
        describes = isinstance(exc, LocatedError) and exc.code == "no_points"
        severity = Severity.WARNING if describes else Severity.ERROR
        return [Finding(ind.name, Diagnostic(severity, "PE001", f"{ind.name}: {exc.message_in('zh_CN')}",
                                             f"{ind.name}: {exc.message_in('en')}", line, column))]
    return [Finding(ind.name, attrs.evolve(d, zh=f"{ind.name}: {d.zh}", en=f"{ind.name}: {d.en}",
                                           line=line, column=column))
            for d in rule.diagnostics]


def _target(ind: Indicator, line: int, column: int) -> list[Finding]:
    target = ind.target
    if target is None or target.comparator not in ("≤", "<"):
        return []
    if not any(word in ind.name for word in _FLOORS):
        return []
    shown = target.reading() if hasattr(target, "reading") else target.text
    better = "≥" if target.comparator == "≤" else ">"
    hint, hint_en = pair("check_target_floor_hint", name=ind.name, better=better)
    return [Finding(ind.name, Diagnostic(
        Severity.WARNING, "PE501", *pair("check_target_caps", name=ind.name, text=target.text, shown=shown),
        line, column, hint=hint, hint_en=hint_en))]
