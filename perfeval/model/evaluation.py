"""Evaluations: a project's or a department's whole self-evaluation table.

>>> p = Project(name="p", year=2023, rubric="项目支出绩效自评表", total_points=100,
...             indicators=[Indicator(name="群众满意度", points=10, reported=10)])
>>> p.kind, p.indicator("群众满意度").reported, p.points_sum()
('项目', Decimal('10'), Decimal('10'))
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from decimal import Decimal
from typing import Any, ClassVar, TypeAlias

import attrs

from perfeval.errors import Location, ValidationError
from perfeval.model.basedata import BaseData
from perfeval.model.fields import (
    not_blank,
    opt_number,
    opt_text,
    plausible_year,
    positive,
    to_number,
    to_year,
    within_points,
)
from perfeval.model.funds import Funds
from perfeval.model.indicators import Indicator, IndicatorGroup
from perfeval.numbers import parse_rate

__all__ = ["TOTAL", "Department", "Evaluation", "Project"]

TOTAL = "总分"
"""The row of a table that gives the total: its 分值, 得分 and 等级 are fields of the evaluation."""


def _indicators(value: Iterable[Indicator]) -> tuple[Indicator, ...]:
    return tuple(value)


def _groups(value: Iterable[IndicatorGroup]) -> tuple[IndicatorGroup, ...]:
    return tuple(value)


def _inputs(value: Mapping[str, Any] | Iterable[tuple[str, Any]]) -> tuple[tuple[str, Decimal], ...]:
    pairs = value.items() if isinstance(value, Mapping) else value
    out: dict[str, Decimal] = {}
    for name, number in pairs:
        key = str(name).strip()
        if not key:
            raise ValidationError("model_blank_input", field="inputs", value=name)
        if key in out:
            raise ValidationError("model_input_twice", field="inputs", value=name, key=key)
        # a rate keeps its mark ("100%", a report's 执行率); any other text is a plain number
        out[key] = parse_rate(number) if isinstance(number, str) and number.strip().endswith(("%", "‰")) \
            else to_number(number)
    return tuple(out.items())


@attrs.frozen(kw_only=True)
class _Evaluation:
    """Fields shared by a project's and a department's self-evaluation table."""

    kind: ClassVar[str] = ""

    name: str = attrs.field(
        validator=not_blank,
        metadata={"zh": "名称", "also": ("项目名称", "部门名称", "单位名称", "项目支出名称", "市级预算部门名称")},
    )
    """The name of the project or of the department (unit)."""
    year: int = attrs.field(converter=to_year, validator=plausible_year, metadata={"zh": "年度"})
    """The year evaluated."""
    rubric: str = attrs.field(validator=not_blank, metadata={"zh": "评价体系"})
    """The rubric the table is scored by (a data file always names it)."""
    funds: Funds | None = attrs.field(default=None, metadata={"zh": "资金", "also": ("资金情况",)})
    """The money of the project or department."""
    indicators: tuple[Indicator, ...] = attrs.field(
        default=(), converter=_indicators, metadata={"zh": "指标", "also": ("绩效指标",)}
    )
    """The 三级指标 rows, in published order."""
    groups: tuple[IndicatorGroup, ...] = attrs.field(default=(), converter=_groups, metadata={"zh": "指标分组"})
    """Published subtotals of 一级/二级指标 ("产出指标(50分)")."""
    inputs: tuple[tuple[str, Decimal], ...] = attrs.field(
        default=(), converter=_inputs, metadata={"zh": "公式数据", "also": ("计算数据",)}
    )
    """Named figures a rubric's 公式 read (实际到位资金 = 30.525 …), beyond those the funds and base-data
    tables give; a mapping or (name, number) pairs, kept in order."""
    report_figures: tuple[tuple[str, Decimal], ...] = attrs.field(
        default=(), converter=_inputs, metadata={"zh": "报告数字", "also": ("报告中的数字",)}
    )
    """Figures the report's text prints again, by the data file's key path of the table figure they repeat
    ("基础数据.编制数" = 65): the audit compares the two."""
    goal: str | None = attrs.field(
        default=None, converter=opt_text, metadata={"zh": "预期目标", "also": ("年度总体目标",)}
    )
    """The year's overall goal (年度总体目标) as planned, verbatim."""
    achieved: str | None = attrs.field(default=None, converter=opt_text, metadata={"zh": "实际完成情况"})
    """What of the year's overall goal was achieved, verbatim."""
    total_points: Decimal | None = attrs.field(
        default=None, converter=opt_number, validator=positive, metadata={"zh": "分值", "in": TOTAL}
    )
    """What the whole table is worth (100 in every published table)."""
    reported_total: Decimal | None = attrs.field(
        default=None, converter=opt_number, validator=within_points, metadata={"zh": "得分", "in": TOTAL}
    )
    """The total score, as published."""
    reported_grade: str | None = attrs.field(
        default=None, converter=opt_text, metadata={"zh": "等级", "in": TOTAL}
    )
    """The grade as published (优, 良, 优秀 …)."""
    grading: str | None = attrs.field(default=None, converter=opt_text, metadata={"zh": "等级划分", "in": TOTAL})
    """The grade table as published ("90 分（含）—100 分为优 …")."""
    source: Location | None = attrs.field(default=None, eq=False)
    """The file the evaluation was read from."""

    def indicator(self, name: str) -> Indicator:
        """The indicator whose 三级指标 is ``name`` (the first, if the table repeats a name).

        >>> p = Project(name="p", year=2023, rubric="项目支出绩效自评表",
        ...             indicators=[Indicator(name="群众满意度", points=10, reported=10)])
        >>> p.indicator("群众满意度").reported
        Decimal('10')
        """
        for ind in self.indicators:
            if ind.name == name:
                return ind
        raise KeyError(name)

    def reported_sum(self, *, include_funds: bool = True) -> Decimal | None:
        """Sum of the reported 得分 (with the funds row's 得分 unless ``include_funds`` is false).

        None when any of them is blank: a partial sum would look like a real total.

        >>> p = Project(name="p", year=2023, rubric="r", funds=Funds(budget=1, spent=1, points=10, reported=10),
        ...             indicators=[Indicator(name="a", points=90, reported="87.83")])
        >>> p.reported_sum(), p.reported_sum(include_funds=False)
        (Decimal('97.83'), Decimal('87.83'))
        """
        values: list[Decimal | None] = [ind.reported for ind in self.indicators]
        if include_funds and self.funds is not None and self.funds.points is not None:
            values.append(self.funds.reported)
        if any(v is None for v in values):
            return None
        return sum((v for v in values if v is not None), Decimal(0))

    def points_sum(self, *, include_funds: bool = True) -> Decimal:
        """Sum of the 分值 of every indicator (and of the funds row unless ``include_funds`` is false).

        >>> Project(name="p", year=2023, rubric="r", indicators=[Indicator(name="a", points=6)]).points_sum()
        Decimal('6')
        """
        total = sum((ind.points for ind in self.indicators), Decimal(0))
        if include_funds and self.funds is not None and self.funds.points is not None:
            total += self.funds.points
        return total


@attrs.frozen(kw_only=True)
class Project(_Evaluation):
    """A 项目支出绩效自评表: one project's funds, indicators and reported scores.

    >>> p = Project(name="2021年国土变更调查工作", year=2022, rubric="项目支出绩效自评表",
    ...             department="湖南省自然资源厅", implementer="华容县自然资源局")
    >>> p.kind, p.implementer
    ('项目', '华容县自然资源局')
    """

    kind: ClassVar[str] = "项目"

    department: str | None = attrs.field(default=None, converter=opt_text, metadata={"zh": "主管部门"})
    """The department in charge of the project."""
    implementer: str | None = attrs.field(default=None, converter=opt_text, metadata={"zh": "实施单位"})
    """The unit that carries the project out."""


@attrs.frozen(kw_only=True)
class Department(_Evaluation):
    """A 部门整体支出绩效自评表 (or 共性指标表) with the department's 基础数据表.

    >>> d = Department(name="株洲市芦淞区自然资源局", year=2021, rubric="部门整体支出绩效自评表")
    >>> d.kind, d.base is None
    ('部门', True)
    """

    kind: ClassVar[str] = "部门"

    base: BaseData | None = attrs.field(default=None, metadata={"zh": "基础数据", "also": ("基础数据表",)})
    """The department's 基础数据表."""


Evaluation: TypeAlias = Project | Department
"""What a data file holds: a :class:`Project` or a :class:`Department`."""
