"""Field machinery of the model: converters, validators and the published word of every field.

Each field states the word the published tables use for it once, in its attrs metadata::

    initial: Decimal | None = attrs.field(..., metadata={"zh": "年初预算数"})

``"zh"`` is the word (the key of a data file, the header of a spreadsheet column), ``"also"`` other
published spellings of it, and ``"in"`` the row or block it sits in when that is part of its name
(the 总分 row's 分值 is ``total_points``). The data-file schema, the .xlsx layout and every message
read the words from here through :func:`word`, :func:`spellings` and :func:`label`.

>>> @attrs.frozen
... class Row:
...     points: Decimal = attrs.field(converter=to_number, validator=positive, metadata={"zh": "分值"})
>>> word(Row, "points"), label(Row, "points")
('分值', '分值 (points)')
>>> Row(points="0")
Traceback (most recent call last):
perfeval.errors.ValidationError: 分值 (points) 必须大于 0："points=Decimal('0')"
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from typing import Any, TypeAlias

import attrs

from perfeval.errors import InputError, ValidationError
from perfeval.numbers import parse_rate, to_decimal

__all__ = [
    "NumberLike",
    "label",
    "non_negative",
    "not_blank",
    "opt_number",
    "opt_rate",
    "opt_text",
    "plausible_year",
    "positive",
    "section",
    "spellings",
    "to_number",
    "to_year",
    "within_points",
    "word",
    "words",
]

NumberLike: TypeAlias = Decimal | int | float | str
"""What the model accepts for a number: a Decimal, an int, a float (read through ``str``) or published text."""


# --------------------------------------------------------------------------------------------------
# the published words
# --------------------------------------------------------------------------------------------------


def _metadata(cls: type, attr: str) -> Mapping[str, Any]:
    fields = attrs.fields_dict(cls)
    if attr not in fields:
        raise KeyError(f"{cls.__name__} has no field {attr!r}")
    return fields[attr].metadata


def word(cls: type, attr: str) -> str:
    """The published word of ``cls.attr`` (``"年初预算数"`` for ``Funds.initial``).

    >>> from perfeval.model import Funds, Indicator
    >>> word(Funds, "initial"), word(Indicator, "name")
    ('年初预算数', '三级指标')
    """
    found = _metadata(cls, attr).get("zh")
    if not isinstance(found, str):
        raise KeyError(f"{cls.__name__}.{attr} has no published word")
    return found


def spellings(cls: type, attr: str) -> tuple[str, ...]:
    """The word of ``cls.attr`` and its other published spellings, the word first.

    >>> from perfeval.model import Indicator
    >>> spellings(Indicator, "target_text")
    ('年度指标值', '指标值')
    """
    return (word(cls, attr), *_metadata(cls, attr).get("also", ()))


def section(cls: type, attr: str) -> str | None:
    """The row or block ``cls.attr`` sits in when that is part of its name, else None.

    >>> from perfeval.model import Project
    >>> section(Project, "total_points"), section(Project, "name")
    ('总分', None)
    """
    found = _metadata(cls, attr).get("in")
    return found if isinstance(found, str) else None


def words(cls: type) -> dict[str, str]:
    """Attribute → published word, for every field of ``cls`` that has one, in field order.

    >>> from perfeval.model import FundLine
    >>> words(FundLine)
    {'name': '名称', 'initial': '年初预算数', 'budget': '全年预算数', 'spent': '全年执行数'}
    """
    return {f.name: f.metadata["zh"] for f in attrs.fields(cls) if "zh" in f.metadata}


def _label_of(attribute: attrs.Attribute[Any]) -> str:
    chinese = attribute.metadata.get("zh")
    if not chinese:
        return attribute.name
    return f"{attribute.metadata.get('in', '')}{chinese} ({attribute.name})"


def label(cls: type, attr: str) -> str:
    """``分值 (points)``: the published word (after its row, if any), then the attribute it is stored in.

    >>> from perfeval.model import Project
    >>> label(Project, "reported_total"), label(Project, "source")
    ('总分得分 (reported_total)', 'source')
    """
    return _label_of(attrs.fields_dict(cls)[attr])


# --------------------------------------------------------------------------------------------------
# converters
# --------------------------------------------------------------------------------------------------


def to_number(value: NumberLike) -> Decimal:
    """A Decimal from a number or its published text ("1,439.13", "10"); floats go through ``str``.

    >>> to_number("1,439.13"), to_number(0.1)
    (Decimal('1439.13'), Decimal('0.1'))
    """
    return to_decimal(value)


def opt_number(value: NumberLike | None) -> Decimal | None:
    """:func:`to_number`, or None for None."""
    return None if value is None else to_number(value)


def opt_rate(value: NumberLike | None) -> Decimal | None:
    """A rate as a fraction: "78.25 %" → 0.7825; numbers are taken to be fractions already, and text
    without its % or ‰ ("95": 95% or 9500%?) is an InputError.

    >>> opt_rate("78.25 %"), opt_rate(Decimal("0.5")), opt_rate(None)
    (Decimal('0.7825'), Decimal('0.5'), None)
    """
    if value is None:
        return None
    if isinstance(value, str):
        return parse_rate(value, require_mark=True)
    return to_decimal(value)


def opt_text(value: str | None) -> str | None:
    """Text or None; an empty or blank cell is None (a merged or empty table cell).

    >>> opt_text("  "), opt_text(" 及时 ")
    (None, ' 及时 ')
    """
    if value is None:
        return None
    if not isinstance(value, str):
        raise InputError("model_expected_text", text=repr(value))
    return value if value.strip() else None


def to_year(value: int | str) -> int:
    """A year from 2023, "2023", "2023年" or "2023年度".

    >>> to_year("2023年度")
    2023
    """
    if isinstance(value, bool):
        raise InputError("model_year_boolean", text=repr(value))
    if isinstance(value, int):
        return value
    text = str(value).strip().removesuffix("年度").removesuffix("年").strip()
    if not (text.isascii() and text.isdigit() and len(text) <= 6):  # "①".isdigit() is true too
        raise InputError("data_expected_year", text=str(value)[:40])
    return int(text)


# --------------------------------------------------------------------------------------------------
# validators
# --------------------------------------------------------------------------------------------------


def non_negative(instance: object, attribute: attrs.Attribute[Any], value: Decimal | None) -> None:
    """Money, areas, head counts and rates of a table are never negative; a minus sign is a typo."""
    if value is not None and value < 0:
        raise ValidationError("model_negative", field=attribute.name, value=value, name=_label_of(attribute))


def positive(instance: object, attribute: attrs.Attribute[Any], value: Decimal | None) -> None:
    """A 分值 is greater than 0."""
    if value is not None and value <= 0:
        raise ValidationError("model_not_positive", field=attribute.name, value=value, name=_label_of(attribute))


def not_blank(instance: object, attribute: attrs.Attribute[Any], value: str | None) -> None:
    """A name is text that is not blank."""
    if not isinstance(value, str) or not value.strip():
        raise ValidationError("model_empty", field=attribute.name, value=value, name=_label_of(attribute))


def within_points(instance: object, attribute: attrs.Attribute[Any], value: Decimal | None) -> None:
    """A reported 得分 lies in [0, 分值]; a score outside is not a score, whatever the table says.

    The 分值 is the instance's ``points``, or its ``total_points`` for ``reported_total``.
    """
    if value is None:
        return
    limit_attr = "total_points" if attribute.name == "reported_total" else "points"
    limit: Decimal | None = getattr(instance, limit_attr, None)
    if value < 0:
        raise ValidationError("model_negative", field=attribute.name, value=value, name=_label_of(attribute))
    if limit is not None and value > limit:
        limit_word = word(type(instance), limit_attr)
        raise ValidationError("model_above_points", field=attribute.name, value=value,
                              name=_label_of(attribute), number=value, limit_word=limit_word, limit=limit)


def plausible_year(instance: object, attribute: attrs.Attribute[Any], value: int) -> None:
    """A 年度 between 1900 and 2200."""
    if not 1900 <= value <= 2200:
        raise ValidationError("model_implausible_year", field=attribute.name, value=value,
                              name=_label_of(attribute), number=value)
