"""What a self-evaluation table (自评表) says: indicators, funds, base data, projects and departments.

Attribute names are English; the Chinese word of the published tables is stated once per field, in
its attrs metadata (:mod:`perfeval.model.fields`), and read from there by the data files, the .xlsx
layout and every message a person reads. All classes are frozen attrs classes whose numbers are exact
:class:`~decimal.Decimal` values; invalid data (a negative budget, 分值 ≤ 0, a reported 得分 above its
分值, units that cannot be compared) raises :class:`~perfeval.errors.ValidationError` naming the field.

Nothing here scores anything: reported scores (得分) are stored as published so that a later rubric
layer can recompute them and an audit can list where they disagree.

One module per job: :mod:`~perfeval.model.indicators` (指标 rows and their groups),
:mod:`~perfeval.model.funds` (资金情况), :mod:`~perfeval.model.basedata` (基础数据表),
:mod:`~perfeval.model.evaluation` (a project's or department's whole table) and
:mod:`~perfeval.model.fields` (converters, validators and the published words).

>>> from decimal import Decimal
>>> ind = Indicator(level1="产出指标", level2="数量指标", name="国土规划巡察次数",
...                 points=3, target_text="≥100", actual_text="110", reported=3)
>>> ind.path, ind.points, ind.target.comparator
(('产出指标', '数量指标', '国土规划巡察次数'), Decimal('3'), '≥')
>>> Funds(initial="985.93", budget="1839.1", spent="1439.13").execution_rate.quantize(Decimal("0.0001"))
Decimal('0.7825')
"""

from perfeval.model.basedata import BaseData, BuildingControl, ExpenseLine
from perfeval.model.evaluation import Department, Evaluation, Project
from perfeval.model.fields import NumberLike
from perfeval.model.funds import FundLine, Funds, RateUndefinedError
from perfeval.model.indicators import Indicator, IndicatorGroup

__all__ = [
    "BaseData",
    "BuildingControl",
    "Department",
    "Evaluation",
    "ExpenseLine",
    "FundLine",
    "Funds",
    "Indicator",
    "IndicatorGroup",
    "NumberLike",
    "Project",
    "RateUndefinedError",
]
