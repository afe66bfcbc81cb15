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
"""

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
    """``perfeval.ureg``, the unit registry, is built (and pint loaded) when first asked for."""
    if name == "ureg":
        from .units import registry

        return registry()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
