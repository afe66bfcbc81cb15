"""Writing data files: an evaluation as TOML, JSON or .xlsx that reads back to an equal object.

Keys are the published words of :mod:`perfeval.datafile.schema`, numbers are exact text (``"23.00"``
keeps its zeros), and a field left at its default is not written.

>>> evaluation_to_dict(Project(name="p", year=2023, rubric="r", total_points=100))
{'评价对象': '项目', '名称': 'p', '年度': 2023, '评价体系': 'r', '总分': {'分值': '100'}}
"""

from __future__ import annotations

import json
from decimal import Decimal
from os import PathLike
from pathlib import Path
from typing import IO, Any

import attrs

from perfeval.datafile.read import format_of
from perfeval.datafile.schema import KIND_MESSAGE, KIND_PARAMS, KINDS, SCHEMAS, plain_text, word
from perfeval.datafile.text import toml_lines
from perfeval.errors import DataFileError
from perfeval.model import Evaluation, Project
from perfeval.numbers import plain

__all__ = ["dump_evaluation", "dump_xlsx", "dumps_evaluation", "evaluation_to_dict", "write_template_xlsx"]


def _rate(value: Decimal) -> str:
    return plain(value * 100) + "%"


def evaluation_to_dict(evaluation: Evaluation) -> dict[str, Any]:
    """The data-file form of an evaluation: published words as keys, numbers as exact text.

    >>> evaluation_to_dict(Project(name="p", year=2023, rubric="r", department="d"))["主管部门"]
    'd'
    """
    return _obj(evaluation, "evaluation")


def _default(obj: object, attr: str) -> object:
    """The default of the field ``attr`` of ``obj`` (None when it has none): a default is not written."""
    for field in getattr(type(obj), "__attrs_attrs__", ()):
        if field.name == attr:
            return None if field.default is attrs.NOTHING else field.default
    return None


def _obj(obj: object, schema: str) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key in SCHEMAS[schema].values():
        if key.sub == "total":
            # The 总分 table holds fields of the evaluation itself.
            total = _obj(obj, key.sub)
            if total:
                out[key.word] = total
            continue
        value = getattr(obj, key.attr, None)
        if value is None or value == () or value == _default(obj, key.attr):
            continue
        if key.kind == "rate":
            out[key.word] = _rate(value)
        elif key.kind == "numbers":
            out[key.word] = {name: plain_text(number) for name, number in value}
        elif isinstance(value, Decimal):
            out[key.word] = plain_text(value)
        elif key.kind == "tables":
            out[key.word] = [_obj(item, key.sub or "") for item in value]
        elif key.kind == "table":
            table = _obj(value, key.sub or "")
            if key.sub == "expense" and table.get(word("expense", "name")) == key.word:
                del table[word("expense", "name")]  # the key already names it
            out[key.word] = table
        else:
            out[key.word] = value
    return out


def dumps_evaluation(evaluation: Evaluation, format: str = "toml") -> str:
    """The evaluation as TOML or JSON text that :func:`~perfeval.datafile.loads_evaluation` reads back
    to an equal object.

    >>> print(dumps_evaluation(Project(name="p", year=2023, rubric="r")))
    "评价对象" = "项目"
    "名称" = "p"
    "年度" = 2023
    "评价体系" = "r"
    <BLANKLINE>
    """
    data = evaluation_to_dict(evaluation)
    if format == "json":
        return json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    if format != "toml":
        raise DataFileError("data_unknown_dump_format", text=format)
    lines: list[str] = []
    toml_lines(data, (), lines)
    return "\n".join(lines) + "\n"


def dump_evaluation(evaluation: Evaluation, path: str | PathLike[str]) -> None:
    """Write the evaluation to ``path`` as TOML, JSON or .xlsx, chosen by the file's suffix.

    >>> import tempfile, os
    >>> from perfeval.datafile import load_evaluation
    >>> with tempfile.TemporaryDirectory() as d:
    ...     dump_evaluation(Project(name="p", year=2023, rubric="r"), os.path.join(d, "p.json"))
    ...     load_evaluation(os.path.join(d, "p.json")).name
    'p'
    """
    fmt = format_of(path)
    if fmt == "xlsx":
        dump_xlsx(evaluation, path)
    else:
        Path(path).write_text(dumps_evaluation(evaluation, fmt), encoding="utf-8")


def dump_xlsx(evaluation: Evaluation, path: str | PathLike[str] | IO[bytes]) -> None:
    """Write the evaluation as an .xlsx 自评表 laid out like the published tables.

    >>> import tempfile, os
    >>> from perfeval.datafile import load_evaluation
    >>> with tempfile.TemporaryDirectory() as d:
    ...     dump_xlsx(Project(name="p", year=2023, rubric="r"), os.path.join(d, "p.xlsx"))
    ...     load_evaluation(os.path.join(d, "p.xlsx")).rubric
    'r'
    """
    from perfeval.datafile.xlsx_write import write_xlsx

    write_xlsx(evaluation, path)


def write_template_xlsx(path: str | PathLike[str] | IO[bytes], kind: str = Project.kind) -> None:
    """Write a blank 自评表 .xlsx (header rows only) for a 项目 or a 部门, to be filled in by hand.

    >>> import tempfile, os, openpyxl
    >>> with tempfile.TemporaryDirectory() as d:
    ...     write_template_xlsx(os.path.join(d, "t.xlsx"))
    ...     "三级指标" in [c.value for row in openpyxl.load_workbook(os.path.join(d, "t.xlsx")).active.iter_rows() for c in row]
    True
    """
    from perfeval.datafile.xlsx_write import write_template

    if kind not in KINDS:
        raise DataFileError(KIND_MESSAGE, text=kind, **KIND_PARAMS)
    write_template(path, KINDS[kind])
