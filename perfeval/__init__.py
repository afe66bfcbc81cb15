"""perfeval — exact, explainable scoring of China's budget-performance evaluations (预算绩效评价).

>>> import perfeval
>>> perfeval.compile_rule("100%计满分，每低于5%扣2分，扣完为止", points=5)("93%").points
Decimal('3.00')
"""

from .errors import PerfevalError
from .rules import Rule, RuleSyntaxError, Score, compile_rule

__all__ = ["PerfevalError", "Rule", "RuleSyntaxError", "Score", "compile_rule"]
__version__ = "0.1.0"
