"""Self-evaluation tables (自评表) as data files: TOML, JSON and .xlsx, read and written.

The keys are the Chinese words of the published tables (English aliases are accepted); the schema is
documented in ``docs/data-format.md``. Numbers are read exactly: TOML and JSON floats become Decimals
without passing through binary floats, and text such as ``"1439.13"`` is parsed as published.

Every error names what is wrong, quotes the offending text and says where it is: the key path and the
line for TOML/JSON, the sheet and cell (``自评表!G14``) for .xlsx.

>>> ev = loads_evaluation('''
... "评价对象" = "项目"
... "名称" = "2021年国土变更调查工作"
... "年度" = 2022
... "评价体系" = "项目支出绩效自评表"
... [["指标"]]
... "三级指标" = "变更图斑"
... "年度指标值" = "21976个"
... "分值" = 5
... "得分" = "5"
... ''')
>>> ev.kind, ev.indicators[0].points, ev.indicators[0].target.comparator is None
('项目', Decimal('5'), True)
"""

from __future__ import annotations

import difflib
import io
import json
import re
import tomllib
from collections.abc import Callable, Mapping
from decimal import Decimal
from os import PathLike, fspath
from pathlib import Path
from typing import IO, Any

import attrs

from perfeval._datafile_text import KeyPath, Locate, json_positions, locator, toml_lines, toml_positions
from perfeval.errors import DataFileError, InputError, Location, ValidationError
from perfeval.limits import MAX_DATA_BYTES
from perfeval.model import (
    BaseData,
    BuildingControl,
    Department,
    Evaluation,
    ExpenseLine,
    FundLine,
    Funds,
    Indicator,
    IndicatorGroup,
    Project,
)
from perfeval.numbers import parse_rate, plain, to_decimal

__all__ = [
    "DataFileValueError",
    "dump_evaluation",
    "dump_xlsx",
    "dumps_evaluation",
    "evaluation_from_dict",
    "evaluation_to_dict",
    "json_positions",
    "load_evaluation",
    "loads_evaluation",
    "show_path",
    "toml_positions",
    "write_template_xlsx",
]


class DataFileValueError(DataFileError, InputError):
    """A value in a data file that cannot be read: a malformed number, text where a table belongs …

    It is both a :class:`~perfeval.errors.DataFileError` and an :class:`~perfeval.errors.InputError`.

    >>> try:
    ...     loads_evaluation('"评价对象" = "项目"\\n"名称" = "x"\\n"年度" = 2022\\n"评价体系" = "r"\\n'
    ...                      '[["指标"]]\\n"三级指标" = "a"\\n"分值" = "12.3.4"')
    ... except DataFileValueError as exc:
    ...     print(exc)
    指标[1].分值: malformed number (a second decimal point): '12.3.4' (line 7, column 8)
    """


# --------------------------------------------------------------------------------------------------
# schema: published word → (attribute, kind, English aliases …)
# --------------------------------------------------------------------------------------------------


@attrs.frozen
class _Key:
    attr: str
    kind: str  # text | number | rate | year | kind | table | tables
    aliases: tuple[str, ...] = ()
    required: bool = False
    sub: str | None = None  # schema name of a table / array of tables


def _k(attr: str, kind: str, *aliases: str, required: bool = False, sub: str | None = None) -> _Key:
    return _Key(attr, kind, aliases, required, sub)


_SCHEMAS: dict[str, dict[str, _Key]] = {
    "evaluation": {
        "评价对象": _k("kind", "kind", "类型", "type", "kind", required=True),
        "名称": _k("name", "text", "项目名称", "部门名称", "单位名称", "name", required=True),
        "年度": _k("year", "year", "year", required=True),
        "评价体系": _k("rubric", "text", "rubric", required=True),
        "主管部门": _k("department", "text", "department"),
        "实施单位": _k("implementer", "text", "implementer"),
        "预期目标": _k("goal", "text", "年度总体目标", "goal"),
        "实际完成情况": _k("achieved", "text", "achieved"),
        "资金": _k("funds", "table", "资金情况", "funds", sub="funds"),
        "总分": _k("total", "table", "total", sub="total"),
        "指标分组": _k("groups", "tables", "groups", sub="group"),
        "指标": _k("indicators", "tables", "绩效指标", "indicators", sub="indicator"),
        "基础数据": _k("base", "table", "基础数据表", "base", sub="base"),
    },
    "funds": {
        "年初预算数": _k("initial", "number", "initial"),
        "全年预算数": _k("budget", "number", "budget"),
        "全年执行数": _k("spent", "number", "执行数", "spent"),
        "上年结转": _k("carried_over", "number", "上年结转资金", "carried_over"),
        "本年追加": _k("added", "number", "本年追加预算", "added"),
        "年末结余": _k("balance", "number", "结余结转", "balance"),
        "其他资金": _k("other", "number", "other"),
        "分值": _k("points", "number", "points"),
        "执行率": _k("reported_rate", "rate", "rate", "reported_rate"),
        "得分": _k("reported", "number", "score", "reported"),
        "单位": _k("unit", "text", "unit"),
        "按收入性质": _k("by_source", "tables", "资金来源", "by_source", sub="fund_line"),
        "按支出性质": _k("by_use", "tables", "by_use", sub="fund_line"),
    },
    "fund_line": {
        "名称": _k("name", "text", "name", required=True),
        "年初预算数": _k("initial", "number", "initial"),
        "全年预算数": _k("budget", "number", "金额", "budget", "amount"),
        "全年执行数": _k("spent", "number", "执行数", "spent"),
    },
    "total": {
        "分值": _k("total_points", "number", "points"),
        "得分": _k("reported_total", "number", "score", "reported"),
        "等级": _k("reported_grade", "text", "grade"),
        "等级划分": _k("grading", "text", "grading"),
    },
    "group": {
        "一级指标": _k("level1", "text", "level1", required=True),
        "二级指标": _k("level2", "text", "level2"),
        "分值": _k("points", "number", "points", required=True),
    },
    "indicator": {
        "一级指标": _k("level1", "text", "level1"),
        "二级指标": _k("level2", "text", "level2"),
        "三级指标": _k("name", "text", "指标名称", "level3", "name", required=True),
        "指标类型": _k("type", "text", "type"),
        "年度指标值": _k("target_text", "text", "指标值", "target"),
        "计量单位": _k("unit", "text", "unit"),
        "实际完成值": _k("actual_text", "text", "actual"),
        "分值": _k("points", "number", "points", required=True),
        "得分": _k("reported", "number", "自评得分", "score", "reported"),
        "评分标准": _k("standard", "text", "评价标准", "评(扣)分标准", "评分(扣分)标准", "standard"),
        "指标说明": _k("description", "text", "具体指标", "指标解释", "description"),
        "偏差原因分析及改进措施": _k("note", "text", "偏差原因", "note"),
    },
    "base": {
        "编制数": _k("authorized_staff", "number", "authorized_staff"),
        "实际在职人数": _k("actual_staff", "number", "在职人数", "actual_staff"),
        "在职人员控制率": _k("staff_control_rate", "rate", "控制率", "staff_control_rate"),
        "三公经费": _k("three_public", "table", "three_public", sub="expense"),
        "项目支出": _k("project_spending", "table", "project_spending", sub="expense"),
        "公用经费": _k("common_expenses", "table", "common_expenses", sub="expense"),
        "政府采购金额": _k("procurement", "table", "政府采购", "procurement", sub="expense"),
        "部门基本支出预算调整": _k("budget_adjustment", "table", "budget_adjustment", sub="expense"),
        "楼堂馆所": _k("buildings", "table", "楼堂馆所控制情况", "buildings", sub="buildings"),
        "厉行节约保障措施": _k("frugality", "text", "frugality"),
    },
    "expense": {
        "名称": _k("name", "text", "name"),
        "上年决算数": _k("previous", "number", "previous"),
        "本年预算数": _k("budget", "number", "预算数", "budget"),
        "本年决算数": _k("final", "number", "决算数", "final"),
        "其中": _k("items", "tables", "items", sub="expense"),
    },
    "buildings": {
        "批复规模": _k("approved_area", "number", "approved_area"),
        "实际规模": _k("actual_area", "number", "actual_area"),
        "规模控制率": _k("area_control_rate", "rate", "area_control_rate"),
        "预算投资": _k("budget_investment", "number", "budget_investment"),
        "实际投资": _k("actual_investment", "number", "actual_investment"),
        "投资概算控制率": _k("investment_control_rate", "rate", "investment_control_rate"),
    },
}

# Lookup by any spelling: published word or alias.
_LOOKUP: dict[str, dict[str, tuple[str, _Key]]] = {
    name: {spelling: (word, key) for word, key in schema.items() for spelling in (word, *key.aliases)}
    for name, schema in _SCHEMAS.items()
}

_KINDS = {"项目": "项目", "project": "项目", "部门": "部门", "department": "部门"}
# Cells that mean "no number here" in the published tables.
_BLANKS = frozenset({"", "—", "——", "-", "--", "－", "/", "／"})
_COMPARATORS = {"≥", ">", "=", "≤", "<", "≧", "≦", ">=", "<="}


def show_path(path: KeyPath) -> str:
    """``指标[3].分值``: a key path as people read it (array indices count from 1).

    >>> show_path(("指标", 2, "分值"))
    '指标[3].分值'
    """
    out = ""
    for part in path:
        out += f"[{part + 1}]" if isinstance(part, int) else (f".{part}" if out else part)
    return out


# --------------------------------------------------------------------------------------------------
# dict → model
# --------------------------------------------------------------------------------------------------


@attrs.frozen
class _Reader:
    locate: Locate

    def error(self, path: KeyPath, message: str, text: str | None = None) -> DataFileValueError:
        prefix = f"{show_path(path)}: " if path else ""
        return DataFileValueError(prefix + message, text=text, location=self.locate(path))

    def table(self, raw: object, schema: str, path: KeyPath) -> tuple[dict[str, Any], dict[str, KeyPath]]:
        """Values by attribute, and the key path each came from."""
        if not isinstance(raw, Mapping):
            raise self.error(path, f"expected a table, got {type(raw).__name__}", _short(raw))
        values: dict[str, Any] = {}
        paths: dict[str, KeyPath] = {}
        lookup = _LOOKUP[schema]
        for key, value in raw.items():
            here = (*path, key)
            if key not in lookup:
                words = list(_SCHEMAS[schema])
                close = difflib.get_close_matches(key, list(lookup), n=1, cutoff=0.5)
                hint = f"; did you mean {close[0]!r}?" if close else f"; expected one of {', '.join(words)}"
                raise DataFileValueError(
                    f"{show_path(path) or 'top level'}: unknown key{hint}",
                    text=key,
                    location=self.locate(here),
                )
            word, spec = lookup[key]
            if spec.attr in values:
                raise self.error(here, f"{word} is given twice (as {show_path(paths[spec.attr])} too)", key)
            values[spec.attr] = self.value(value, spec, here)
            paths[spec.attr] = here
        for word, spec in _SCHEMAS[schema].items():
            if spec.required and spec.attr not in values:
                raise DataFileValueError(
                    f"{show_path(path) or 'top level'}: missing required key",
                    text=word,
                    location=self.locate(path),
                )
        return values, paths

    def value(self, raw: object, spec: _Key, path: KeyPath) -> Any:
        kind = spec.kind
        if kind in ("table", "tables"):
            if kind == "table":
                return raw  # read by the caller, which knows what to build
            if not isinstance(raw, list):
                raise self.error(path, f"expected an array of tables, got {type(raw).__name__}", _short(raw))
            return raw
        if kind == "text":
            # Texts, but a number written for one (实际完成值 = 110, a spreadsheet cell holding 2023)
            # means its digits.
            if isinstance(raw, bool) or not isinstance(raw, str | int | Decimal):
                raise self.error(path, f"expected text or a number, got {type(raw).__name__}", _short(raw))
            return raw if isinstance(raw, str) else plain_text(raw)
        if kind == "year":
            if isinstance(raw, int) and not isinstance(raw, bool):
                return raw
            if isinstance(raw, Decimal) and raw == raw.to_integral_value():
                return int(raw)  # 2023.0 from a spreadsheet
            text = str(raw).strip().removesuffix("年度").removesuffix("年")
            if isinstance(raw, str) and text.isdigit():
                return int(text)
            raise self.error(path, "expected a year such as 2023", _short(raw))
        if kind == "kind":
            if isinstance(raw, str) and raw.strip().lower() in _KINDS:
                return _KINDS[raw.strip().lower()]
            raise self.error(path, "评价对象 must be 部门 or 项目", _short(raw))
        return self.number(raw, path, rate=kind == "rate")

    def number(self, raw: object, path: KeyPath, *, rate: bool = False) -> Decimal | None:
        if isinstance(raw, bool) or not isinstance(raw, str | int | float | Decimal):
            raise self.error(path, f"expected a number, got {type(raw).__name__}", _short(raw))
        if isinstance(raw, str):
            if raw.strip() in _BLANKS:
                return None
            try:
                return parse_rate(raw) if rate else to_decimal(raw)
            except InputError as exc:
                raise self.error(path, f"malformed number ({exc.message})", raw) from exc
        return to_decimal(raw)

    def build(
        self, fn: Callable[..., Any], values: dict[str, Any], paths: dict[str, KeyPath], where: KeyPath
    ) -> Any:
        """``fn(**values)``, with a model's ValidationError pointed at the key it came from."""
        try:
            return fn(**values)
        except ValidationError as exc:
            path = paths.get(exc.field, where)
            raise ValidationError(
                f"{show_path(path)}: {exc.message}",
                field=exc.field,
                value=exc.value,
                location=self.locate(path),
            ) from exc


def _short(raw: object) -> str:
    text = raw if isinstance(raw, str) else json.dumps(raw, ensure_ascii=False, default=str)
    return text if len(text) <= 80 else text[:77] + "…"


def plain_text(value: int | Decimal) -> str:
    """A number as the text a table would print: ``Decimal('23.00')`` → ``'23.00'`` (zeros kept).

    >>> plain_text(Decimal("23.00")), plain_text(7), plain_text(Decimal("1E+2"))
    ('23.00', '7', '100')
    """
    if isinstance(value, int):
        return str(value)
    return format(value, "f")


def evaluation_from_dict(data: Mapping[str, Any], *, locate: Locate | None = None) -> Evaluation:
    """A :class:`~perfeval.model.Project` or :class:`~perfeval.model.Department` from parsed data.

    ``data`` uses the keys of ``docs/data-format.md``; ``locate`` maps a key path to a Location (the
    TOML/JSON/xlsx readers pass one so that errors carry lines or cells).

    >>> evaluation_from_dict({"type": "department", "name": "x", "year": 2021, "rubric": "r"}).kind
    '部门'
    """
    r = _Reader(locate or (lambda path: Location()))
    top, paths = r.table(data, "evaluation", ())
    kind = top.pop("kind")
    if kind == "项目" and "base" in top:
        raise r.error(
            paths["base"], "基础数据 belongs to a 部门 (department) evaluation, not a 项目", "基础数据"
        )
    if kind == "部门":
        for attr in ("department", "implementer"):
            if attr in top:
                raise r.error(paths[attr], "主管部门/实施单位 belong to a 项目 (project) evaluation", attr)
    if "funds" in top:
        top["funds"] = _funds(r, top["funds"], paths["funds"])
    if "total" in top:
        total, tpaths = r.table(top.pop("total"), "total", paths["total"])
        top.update(total)
        paths.update(tpaths)
    if "groups" in top:
        top["groups"] = [_group(r, raw, (*paths["groups"], i)) for i, raw in enumerate(top["groups"])]
    if "indicators" in top:
        top["indicators"] = [
            _indicator(r, raw, (*paths["indicators"], i)) for i, raw in enumerate(top["indicators"])
        ]
    if "base" in top:
        top["base"] = _base(r, top["base"], paths["base"])
    top["source"] = r.locate(())
    cls = Project if kind == "项目" else Department
    result: Evaluation = r.build(cls, top, paths, ())
    return result


def _group(r: _Reader, raw: object, path: KeyPath) -> IndicatorGroup:
    values, paths = r.table(raw, "group", path)
    values["source"] = r.locate(path)
    result: IndicatorGroup = r.build(IndicatorGroup, values, paths, path)
    return result


def _indicator(r: _Reader, raw: object, path: KeyPath) -> Indicator:
    values, paths = r.table(raw, "indicator", path)
    kind = values.pop("type", None)
    paths.pop("type", None)
    if kind is not None and kind.strip() not in ("", "定性", "定量"):
        comparator = kind.strip()
        if comparator not in _COMPARATORS and not comparator.startswith("$"):
            raise r.error((*path, "指标类型"), "指标类型 must be one of ≥ > = ≤ < or 定性", kind)
        goal = values.get("target_text")
        if goal is not None and goal.lstrip()[:1] not in "≥>=≤<≧≦$":
            # Target tables print the comparator in its own column (指标类型 ≥, 指标值 2, 计量单位 处).
            values["target_text"] = comparator + goal
    values["source"] = r.locate(path)
    result: Indicator = r.build(Indicator, values, paths, path)
    return result


def _funds(r: _Reader, raw: object, path: KeyPath) -> Funds:
    values, paths = r.table(raw, "funds", path)
    for attr in ("by_source", "by_use"):
        if attr in values:
            values[attr] = [
                r.build(FundLine, *r.table(item, "fund_line", (*paths[attr], i)), (*paths[attr], i))
                for i, item in enumerate(values[attr])
            ]
    values["source"] = r.locate(path)
    result: Funds = r.build(Funds, values, paths, path)
    return result


def _expense(r: _Reader, raw: object, path: KeyPath, default_name: str | None) -> ExpenseLine:
    values, paths = r.table(raw, "expense", path)
    if "name" not in values:
        if default_name is None:
            raise DataFileValueError(
                f"{show_path(path)}: missing required key", text="名称", location=r.locate(path)
            )
        values["name"] = default_name
    if "items" in values:
        values["items"] = [
            _expense(r, item, (*paths["items"], i), None) for i, item in enumerate(values["items"])
        ]
    result: ExpenseLine = r.build(ExpenseLine, values, paths, path)
    return result


def _base(r: _Reader, raw: object, path: KeyPath) -> BaseData:
    values, paths = r.table(raw, "base", path)
    words = {key.attr: word for word, key in _SCHEMAS["base"].items()}
    for attr in ("three_public", "project_spending", "common_expenses", "procurement", "budget_adjustment"):
        if attr in values:
            values[attr] = _expense(r, values[attr], paths[attr], words[attr])
    if "buildings" in values:
        b, bpaths = r.table(values["buildings"], "buildings", paths["buildings"])
        values["buildings"] = r.build(BuildingControl, b, bpaths, paths["buildings"])
    values["source"] = r.locate(path)
    result: BaseData = r.build(BaseData, values, paths, path)
    return result


# --------------------------------------------------------------------------------------------------
# --------------------------------------------------------------------------------------------------
# public load / dump
# --------------------------------------------------------------------------------------------------

_SUFFIXES = {".toml": "toml", ".json": "json", ".xlsx": "xlsx", ".xlsm": "xlsx"}


def _format_of(path: str | PathLike[str]) -> str:
    suffix = Path(path).suffix.lower()
    if suffix not in _SUFFIXES:
        raise DataFileError("unknown data file type; use .toml, .json or .xlsx", text=fspath(path))
    return _SUFFIXES[suffix]


def loads_evaluation(data: str | bytes, format: str = "toml", *, path: str | None = None) -> Evaluation:
    """A Project or Department from the text of a TOML or JSON file (or the bytes of an .xlsx file).

    ``path`` is only used in error locations.

    >>> loads_evaluation('{"类型": "部门", "名称": "岳阳市自然资源和规划局本级", "年度": 2023, '
    ...                  '"评价体系": "部门整体支出绩效自评表", "资金": {"全年预算数": 6790.53}}',
    ...                  format="json").funds.budget
    Decimal('6790.53')
    """
    if format == "xlsx":
        from perfeval._datafile_xlsx import read_xlsx

        raw, locate = read_xlsx(io.BytesIO(data if isinstance(data, bytes) else data.encode()), path)
        return evaluation_from_dict(raw, locate=locate)
    text = data.decode("utf-8-sig") if isinstance(data, bytes) else data.removeprefix("\ufeff")
    if format == "toml":
        try:
            parsed: Any = tomllib.loads(text, parse_float=Decimal)
        except tomllib.TOMLDecodeError as exc:
            found = re.search(r"\(at line (\d+), column (\d+)\)", str(exc))
            where = (
                Location(path=path, line=int(found[1]), column=int(found[2]))
                if found
                else Location(path=path)
            )
            raise DataFileError(f"not valid TOML: {str(exc).split(' (at line')[0]}", location=where) from exc
        locate = locator(toml_positions(text), path)
    elif format == "json":
        try:
            parsed = json.loads(text, parse_float=Decimal)
        except json.JSONDecodeError as exc:
            where = Location(path=path, line=exc.lineno, column=exc.colno)
            raise DataFileError(f"not valid JSON: {exc.msg}", location=where) from exc
        if not isinstance(parsed, dict):
            raise DataFileError("a JSON data file holds one object", location=Location(path=path, line=1))
        locate = locator(json_positions(text), path)
    else:
        raise DataFileError("unknown format; use toml, json or xlsx", text=format)
    return evaluation_from_dict(parsed, locate=locate)


def load_evaluation(path: str | PathLike[str]) -> Evaluation:
    """Read a self-evaluation table from a ``.toml``, ``.json`` or ``.xlsx`` file.

    >>> load_evaluation("examples/luosong-2021-department.toml").reported_total
    Decimal('97.83')
    """
    fmt = _format_of(path)
    name = fspath(path)
    try:
        if Path(path).stat().st_size > MAX_DATA_BYTES:
            raise DataFileError(f"the file is larger than {MAX_DATA_BYTES} bytes", text=name)
        data = Path(path).read_bytes()
    except OSError as exc:
        raise DataFileError(f"cannot read the file: {exc.strerror}", text=name) from exc
    return loads_evaluation(data, fmt, path=name)


def _num(value: Decimal) -> str:
    return plain_text(value)


def _rate(value: Decimal) -> str:
    return plain(value * 100) + "%"


def evaluation_to_dict(evaluation: Evaluation) -> dict[str, Any]:
    """The data-file form of an evaluation: published words as keys, numbers as exact text.

    >>> evaluation_to_dict(Project(name="p", year=2023, rubric="r", total_points=100))
    {'评价对象': '项目', '名称': 'p', '年度': 2023, '评价体系': 'r', '总分': {'分值': '100'}}
    """
    out: dict[str, Any] = {"评价对象": evaluation.kind, "名称": evaluation.name, "年度": evaluation.year}
    out["评价体系"] = evaluation.rubric
    if isinstance(evaluation, Project):
        _put(out, "主管部门", evaluation.department)
        _put(out, "实施单位", evaluation.implementer)
    _put(out, "预期目标", evaluation.goal)
    _put(out, "实际完成情况", evaluation.achieved)
    if evaluation.funds is not None:
        out["资金"] = _obj(evaluation.funds, "funds")
    total = {
        "分值": evaluation.total_points,
        "得分": evaluation.reported_total,
        "等级": evaluation.reported_grade,
        "等级划分": evaluation.grading,
    }
    total = {k: (_num(v) if isinstance(v, Decimal) else v) for k, v in total.items() if v is not None}
    if total:
        out["总分"] = total
    if evaluation.groups:
        out["指标分组"] = [_obj(g, "group") for g in evaluation.groups]
    if evaluation.indicators:
        out["指标"] = [_obj(i, "indicator") for i in evaluation.indicators]
    if isinstance(evaluation, Department) and evaluation.base is not None:
        out["基础数据"] = _obj(evaluation.base, "base")
    return out


def _put(out: dict[str, Any], key: str, value: object) -> None:
    if value is not None:
        out[key] = value


def _obj(obj: object, schema: str) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for word, spec in _SCHEMAS[schema].items():
        value = getattr(obj, spec.attr, None)
        if value is None or value == () or (spec.attr == "unit" and schema == "funds" and value == "万元"):
            continue
        if spec.kind == "rate":
            out[word] = _rate(value)
        elif isinstance(value, Decimal):
            out[word] = _num(value)
        elif spec.kind == "tables":
            out[word] = [_obj(item, spec.sub or "") for item in value]
        elif spec.kind == "table":
            out[word] = _obj(value, spec.sub or "")
            if spec.sub == "expense" and out[word].get("名称") == word:
                del out[word]["名称"]  # the key already names it
        else:
            out[word] = value
    return out


def dumps_evaluation(evaluation: Evaluation, format: str = "toml") -> str:
    """The evaluation as TOML or JSON text that :func:`loads_evaluation` reads back to an equal object.

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
        raise DataFileError("unknown format; use toml or json (dump_xlsx writes .xlsx)", text=format)
    lines: list[str] = []
    toml_lines(data, (), lines)
    return "\n".join(lines) + "\n"


def dump_evaluation(evaluation: Evaluation, path: str | PathLike[str]) -> None:
    """Write the evaluation to ``path`` as TOML, JSON or .xlsx, chosen by the file's suffix.

    >>> import tempfile, os
    >>> with tempfile.TemporaryDirectory() as d:
    ...     dump_evaluation(Project(name="p", year=2023, rubric="r"), os.path.join(d, "p.json"))
    ...     load_evaluation(os.path.join(d, "p.json")).name
    'p'
    """
    fmt = _format_of(path)
    if fmt == "xlsx":
        dump_xlsx(evaluation, path)
    else:
        Path(path).write_text(dumps_evaluation(evaluation, fmt), encoding="utf-8")


def dump_xlsx(evaluation: Evaluation, path: str | PathLike[str] | IO[bytes]) -> None:
    """Write the evaluation as an .xlsx 自评表 laid out like the published tables.

    >>> import tempfile, os
    >>> with tempfile.TemporaryDirectory() as d:
    ...     dump_xlsx(Project(name="p", year=2023, rubric="r"), os.path.join(d, "p.xlsx"))
    ...     load_evaluation(os.path.join(d, "p.xlsx")).rubric
    'r'
    """
    from perfeval._datafile_xlsx import write_xlsx

    write_xlsx(evaluation, path)


def write_template_xlsx(path: str | PathLike[str] | IO[bytes], kind: str = "项目") -> None:
    """Write a blank 自评表 .xlsx (header rows only) for a 项目 or a 部门, to be filled in by hand.

    >>> import tempfile, os, openpyxl
    >>> with tempfile.TemporaryDirectory() as d:
    ...     write_template_xlsx(os.path.join(d, "t.xlsx"))
    ...     "三级指标" in [c.value for row in openpyxl.load_workbook(os.path.join(d, "t.xlsx")).active.iter_rows() for c in row]
    True
    """
    from perfeval._datafile_xlsx import write_template

    if kind not in _KINDS:
        raise DataFileError("评价对象 must be 部门 or 项目", text=kind)
    write_template(path, _KINDS[kind])
