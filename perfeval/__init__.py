"""perfeval — exact, explainable scoring of China's budget-performance evaluations (预算绩效评价).

The public API (names other tools import; kept stable):

>>> import perfeval
>>> from decimal import Decimal
>>> r = perfeval.compile_rule("100%计满分，每低于5%扣2分，扣完为止", points=5)
>>> r("93%").points, r.points("96%")
(Decimal('3.00'), Decimal('5.00'))
>>> perfeval.quantity("91.22公顷").to("亩").magnitude == Decimal("1368.3")
True
>>> perfeval.target("≤29.9万元").comparator
'≤'

``import perfeval`` loads none of this yet: each name is imported from its module when first used (a script
that only reads a data file never builds the rules machinery, and a command starts fast).
"""

from __future__ import annotations

import importlib
import importlib.util
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .datafile import load_evaluation, loads_evaluation
    from .errors import (
        DataFileError,
        InputError,
        Location,
        NumberFormatError,
        PerfevalError,
        UnitError,
        ValidationError,
    )
    from .model import BaseData, Department, Funds, Indicator, Project
    from .quantities import quantity
    from .rubric import Rubric, RubricError, RubricSyntaxError, ScoreCard, load, loads
    from .rubric.audit import Audit, Discrepancy, audit, evaluate
    from .rules import (
        EvaluationError,
        Formula,
        GradeTable,
        JudgementError,
        MissingInputError,
        NoBandError,
        Rule,
        RuleError,
        RuleSyntaxError,
        Score,
        compile_formula,
        compile_grades,
        compile_rule,
    )
    from .targets import Target, TargetKind, target

#: Where each public name lives (imported at its first use, then kept in this module's namespace).
_HOMES = {
    ".datafile": ("load_evaluation", "loads_evaluation"),
    ".errors": ("DataFileError", "InputError", "Location", "NumberFormatError", "PerfevalError", "UnitError",
                "ValidationError"),
    ".model": ("BaseData", "Department", "Funds", "Indicator", "Project"),
    ".quantities": ("quantity",),
    ".rubric": ("Rubric", "RubricError", "RubricSyntaxError", "ScoreCard", "load", "loads"),
    ".rubric.audit": ("Audit", "Discrepancy", "audit", "evaluate"),
    ".rules": ("EvaluationError", "Formula", "GradeTable", "JudgementError", "MissingInputError", "NoBandError",
               "Rule", "RuleError", "RuleSyntaxError", "Score", "compile_formula", "compile_grades",
               "compile_rule"),
    ".targets": ("Target", "TargetKind", "target"),
}
_HOME = {name: module for module, names in _HOMES.items() for name in names}

__all__ = [
    "Audit",
    "Discrepancy",
    "Rubric",
    "RubricError",
    "RubricSyntaxError",
    "ScoreCard",
    "audit",
    "evaluate",
    "load",
    "loads",
    "BaseData",
    "DataFileError",
    "Department",
    "EvaluationError",
    "Formula",
    "Funds",
    "GradeTable",
    "Indicator",
    "InputError",
    "JudgementError",
    "Location",
    "MissingInputError",
    "NoBandError",
    "NumberFormatError",
    "PerfevalError",
    "Project",
    "Rule",
    "RuleError",
    "RuleSyntaxError",
    "Score",
    "Target",
    "TargetKind",
    "UnitError",
    "ValidationError",
    "compile_formula",
    "compile_grades",
    "compile_rule",
    "load_evaluation",
    "loads_evaluation",
    "quantity",
    "target",
    "ureg",
]
__version__ = "0.1.0"


def __getattr__(name: str) -> object:
    """A public name, imported from its module at first use; ``perfeval.ureg`` (pint) is built when asked for.

    >>> import perfeval
    >>> perfeval.PerfevalError.__name__
    'PerfevalError'
    """
    if name == "ureg":
        from .units import registry

        return registry()
    home = _HOME.get(name)
    if home is None:
        # a submodule (perfeval.rules, perfeval.datafile …) as an attribute, as when this module imported them
        if not name.startswith("_") and importlib.util.find_spec(f"{__name__}.{name}") is not None:
            return importlib.import_module(f"{__name__}.{name}")
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(home, __name__), name)
    globals()[name] = value  # the next look-up is an ordinary attribute
    return value


def __dir__() -> list[str]:
    """The public names with the module's own (so completion shows names not imported yet)."""
    return sorted(set(globals()) | set(__all__))
