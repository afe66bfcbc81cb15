"""The data-file schema: which key holds which field, in the words of the published tables.

A data file (TOML, JSON, or the dictionary an .xlsx sheet is read into) is a table of tables whose
keys are the published words; ``docs/data-format.md`` documents it. The words are not listed here:
each key's word and its other published spellings are the attrs metadata of the model field it
fills (:mod:`perfeval.model.fields`). What the schema adds is how each value is read (text, number,
rate, year, a table or an array of tables), which keys are required, the English aliases, and the
three keys that are no field of the model: :data:`KIND` (项目 or 部门), the 总分 table that groups the
total's fields, and :data:`TYPE` (a comparator column that is joined to the 年度指标值).

>>> SCHEMAS["funds"]["全年执行数"].attr, LOOKUP["indicator"]["score"][0]
('spent', '得分')
>>> word("evaluation", "base"), spellings("base", "staff_control_rate")
('基础数据', ('在职人员控制率', '控制率'))
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from typing import Any

import attrs

from perfeval.errors import Location
from perfeval.i18n import N_
from perfeval.model import (
    BaseData,
    BuildingControl,
    Department,
    ExpenseLine,
    FundLine,
    Funds,
    Indicator,
    IndicatorGroup,
    Project,
)
from perfeval.model.evaluation import TOTAL
from perfeval.model.fields import spellings as field_spellings

__all__ = [
    "BLANKS",
    "COMPARATORS",
    "KIND",
    "KINDS",
    "KIND_MESSAGE",
    "KIND_PARAMS",
    "LOOKUP",
    "MODELS",
    "SCHEMAS",
    "TOTAL",
    "TYPE",
    "Key",
    "KeyPath",
    "Locate",
    "plain_text",
    "show_path",
    "spellings",
    "word",
]

KeyPath = tuple[str | int, ...]
"""Where a value is in a data file: keys and 0-based array indices, ``("指标", 2, "分值")``."""
Locate = Callable[[KeyPath], Location]
"""A function from key path to the Location (line and column, or sheet and cell) of its text."""

KIND = "评价对象"
"""The key that says whether the file holds a 项目 (:class:`Project`) or a 部门 (:class:`Department`)."""
TYPE = "指标类型"
"""The 指标类型 column of target tables: its comparator (≥ …) is put in front of the 年度指标值."""


@attrs.frozen
class Key:
    """One key of a schema table: the field it fills and how its value is read."""

    attr: str
    """The attribute (of the schema's model class) the value goes to."""
    kind: str
    """text | number | rate | year | kind | table | tables | numbers (a table of name → number)"""
    word: str
    """The published word: the key as documented and as written back."""
    also: tuple[str, ...] = ()
    """Other published spellings, read as the word."""
    aliases: tuple[str, ...] = ()
    """English spellings, read as the word."""
    required: bool = False
    sub: str | None = None
    """The schema of a table or of the items of an array of tables."""

    @property
    def spellings(self) -> tuple[str, ...]:
        """The word and its other published spellings (not the English aliases)."""
        return (self.word, *self.also)


@attrs.frozen
class _Spec:
    attr: str
    kind: str
    aliases: tuple[str, ...]
    required: bool
    sub: str | None


def _k(attr: str, kind: str, *aliases: str, required: bool = False, sub: str | None = None) -> _Spec:
    return _Spec(attr, kind, aliases, required, sub)


MODELS: dict[str, tuple[type, ...]] = {
    "evaluation": (Project, Department),
    "funds": (Funds,),
    "fund_line": (FundLine,),
    "total": (Project, Department),
    "group": (IndicatorGroup,),
    "indicator": (Indicator,),
    "base": (BaseData,),
    "expense": (ExpenseLine,),
    "buildings": (BuildingControl,),
}
"""The model classes whose fields each schema table fills."""

# How each key is read, in the order keys are written. The published words come from the fields.
_SPECS: dict[str, tuple[_Spec | Key, ...]] = {
    "evaluation": (
        Key("kind", "kind", KIND, ("类型",), ("type", "kind"), required=True),
        _k("name", "text", "name", required=True),
        _k("year", "year", "year", required=True),
        _k("rubric", "text", "rubric", required=True),
        _k("department", "text", "department"),
        _k("implementer", "text", "implementer"),
        _k("goal", "text", "goal"),
        _k("achieved", "text", "achieved"),
        _k("funds", "table", "funds", sub="funds"),
        Key("total", "table", TOTAL, (), ("total",), sub="total"),
        _k("groups", "tables", "groups", sub="group"),
        _k("indicators", "tables", "indicators", sub="indicator"),
        _k("base", "table", "base", sub="base"),
        _k("inputs", "numbers", "inputs"),
        _k("report_figures", "numbers", "report_figures"),
    ),
    "funds": (
        _k("initial", "number", "initial"),
        _k("budget", "number", "budget"),
        _k("spent", "number", "spent"),
        _k("carried_over", "number", "carried_over"),
        _k("added", "number", "added"),
        _k("balance", "number", "balance"),
        _k("other", "number", "other"),
        _k("points", "number", "points"),
        _k("reported_rate", "rate", "rate", "reported_rate"),
        _k("reported", "number", "score", "reported"),
        _k("unit", "text", "unit"),
        _k("by_source", "tables", "by_source", sub="fund_line"),
        _k("by_use", "tables", "by_use", sub="fund_line"),
    ),
    "fund_line": (
        _k("name", "text", "name", required=True),
        _k("initial", "number", "initial"),
        _k("budget", "number", "budget", "amount"),
        _k("spent", "number", "spent"),
    ),
    "total": (
        _k("total_points", "number", "points"),
        _k("reported_total", "number", "score", "reported"),
        _k("reported_grade", "text", "grade"),
        _k("grading", "text", "grading"),
    ),
    "group": (
        _k("level1", "text", "level1", required=True),
        _k("level2", "text", "level2"),
        _k("points", "number", "points", required=True),
    ),
    "indicator": (
        _k("level1", "text", "level1"),
        _k("level2", "text", "level2"),
        _k("name", "text", "level3", "name", required=True),
        Key("type", "text", TYPE, (), ("type",)),
        _k("target_text", "text", "target"),
        _k("unit", "text", "unit"),
        _k("actual_text", "text", "actual"),
        _k("points", "number", "points", required=True),
        _k("reported", "number", "score", "reported"),
        _k("standard", "text", "standard"),
        _k("description", "text", "description"),
        _k("note", "text", "note"),
    ),
    "base": (
        _k("authorized_staff", "number", "authorized_staff"),
        _k("actual_staff", "number", "actual_staff"),
        _k("staff_control_rate", "rate", "staff_control_rate"),
        _k("three_public", "table", "three_public", sub="expense"),
        _k("project_spending", "table", "project_spending", sub="expense"),
        _k("common_expenses", "table", "common_expenses", sub="expense"),
        _k("procurement", "table", "procurement", sub="expense"),
        _k("budget_adjustment", "table", "budget_adjustment", sub="expense"),
        _k("buildings", "table", "buildings", sub="buildings"),
        _k("frugality", "text", "frugality"),
    ),
    "expense": (
        _k("name", "text", "name"),
        _k("previous", "number", "previous"),
        _k("budget", "number", "budget"),
        _k("final", "number", "final"),
        _k("items", "tables", "items", sub="expense"),
    ),
    "buildings": (
        _k("approved_area", "number", "approved_area"),
        _k("actual_area", "number", "actual_area"),
        _k("area_control_rate", "rate", "area_control_rate"),
        _k("budget_investment", "number", "budget_investment"),
        _k("actual_investment", "number", "actual_investment"),
        _k("investment_control_rate", "rate", "investment_control_rate"),
    ),
}


def _key(schema: str, spec: _Spec | Key) -> Key:
    if isinstance(spec, Key):
        return spec
    owner = next(cls for cls in MODELS[schema] if spec.attr in attrs.fields_dict(cls))
    published = field_spellings(owner, spec.attr)
    return Key(spec.attr, spec.kind, published[0], published[1:], spec.aliases, spec.required, spec.sub)


SCHEMAS: dict[str, dict[str, Key]] = {
    name: {key.word: key for key in (_key(name, spec) for spec in specs)} for name, specs in _SPECS.items()
}
"""Schema table → published word → :class:`Key`, in the order keys are written."""

LOOKUP: dict[str, dict[str, tuple[str, Key]]] = {
    name: {spelling: (w, key) for w, key in schema.items() for spelling in (*key.spellings, *key.aliases)}
    for name, schema in SCHEMAS.items()
}
"""Schema table → any spelling (word, other published spelling or English alias) → (word, Key)."""

_BY_ATTR: dict[str, dict[str, Key]] = {
    name: {key.attr: key for key in schema.values()} for name, schema in SCHEMAS.items()
}


def word(schema: str, attr: str) -> str:
    """The key of ``attr`` in the schema table ``schema``.

    >>> word("total", "total_points"), word("indicator", "name")
    ('分值', '三级指标')
    """
    return _BY_ATTR[schema][attr].word


def spellings(schema: str, attr: str) -> tuple[str, ...]:
    """The key of ``attr`` and its other published spellings, the key first."""
    return _BY_ATTR[schema][attr].spellings


KINDS: dict[str, str] = {
    Project.kind: Project.kind,
    "project": Project.kind,
    Department.kind: Department.kind,
    "department": Department.kind,
}
"""A spelling of the 评价对象 (lower case) → the ``kind`` of the class it names."""

KIND_MESSAGE = N_("data_bad_kind")
"""What is wrong with a 评价对象 that is not in :data:`KINDS` (a message id; its values: :data:`KIND_PARAMS`)."""

KIND_PARAMS: dict[str, Any] = {"key": KIND, "department": Department.kind, "project": Project.kind}
"""The values :data:`KIND_MESSAGE` names."""

BLANKS = frozenset({"", "—", "——", "-", "--", "－", "/", "／"})
"""Cells that mean "no number here" in the published tables."""

COMPARATORS = frozenset({"≥", ">", "=", "≤", "<", "≧", "≦", ">=", "<="})
"""What a 指标类型 column may hold besides 定性 / 定量."""


def show_path(path: KeyPath) -> str:
    """``指标[3].分值``: a key path as people read it (array indices count from 1).

    >>> show_path(("指标", 2, "分值"))
    '指标[3].分值'
    """
    out = ""
    for part in path:
        out += f"[{part + 1}]" if isinstance(part, int) else (f".{part}" if out else part)
    return out


def plain_text(value: int | Decimal) -> str:
    """A number as the text a table would print: ``Decimal('23.00')`` → ``'23.00'`` (zeros kept).

    Data files hold numbers as this text, so that what is written reads back exactly.

    >>> plain_text(Decimal("23.00")), plain_text(7), plain_text(Decimal("1E+2"))
    ('23.00', '7', '100')
    """
    if isinstance(value, int):
        return str(value)
    return format(value, "f")
