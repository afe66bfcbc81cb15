"""Rubrics (评价体系): ``.rules`` files, scoring whole self-evaluations, and the audit (复核).

>>> import perfeval
>>> r = perfeval.loads("评价体系 示例\\n满分 5\\n一级指标 产出 5分\\n三级指标 完成率 5分\\n  标准：100%计满分\\n")
>>> r.name, r.total
('示例', Decimal('5'))
"""

from .rubric import Example, Rubric, RubricError, RubricIndicator, load, loads, shipped
from .scoring import IndicatorScore, ScoreCard
from .syntax import RubricSyntaxError

__all__ = [
    "Example",
    "IndicatorScore",
    "Rubric",
    "RubricError",
    "RubricIndicator",
    "RubricSyntaxError",
    "ScoreCard",
    "load",
    "loads",
    "shipped",
]
