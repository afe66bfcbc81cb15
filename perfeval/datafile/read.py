"""Reading data files: TOML, JSON and .xlsx into a :class:`~perfeval.model.Project` or
:class:`~perfeval.model.Department`.

Every value is checked against the schema (:mod:`perfeval.datafile.schema`) and every error names
what is wrong, quotes the offending text and says where it is: the key path and the line for
TOML/JSON, the sheet and cell (``自评表!G14``) for .xlsx.

>>> evaluation_from_dict({"评价对象": "项目", "名称": "p", "年度": "2023年", "评价体系": "r"}).year
2023
"""

from __future__ import annotations

import difflib
import io
import json
from collections.abc import Callable, Mapping
from decimal import Decimal
from os import PathLike, fspath
from pathlib import Path
from typing import Any

import attrs

from perfeval.causes import os_reason
from perfeval.datafile.schema import (
    BLANKS,
    COMPARATORS,
    KIND_MESSAGE,
    KIND_PARAMS,
    KINDS,
    LOOKUP,
    SCHEMAS,
    TYPE,
    Key,
    KeyPath,
    Locate,
    plain_text,
    show_path,
    word,
)
from perfeval.datafile.text import check_scalars, decode, parse_json, parse_toml
from perfeval.errors import DataFileError, InputError, Location, ValidationError
from perfeval.i18n import Message, render
from perfeval.limits import (
    MAX_DATA_BYTES,
    MAX_DATA_INDICATORS,
    MAX_DIGITS,
    MAX_EXPONENT,
    MAX_POINTS_DIGITS,
    MAX_POINTS_EXPONENT,
    LimitError,
    check_bytes,
    check_count,
    check_number,
    shown,
)
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
from perfeval.model.fields import to_year
from perfeval.numbers import own_context, parse_rate, to_decimal
from perfeval.targets import TargetKind

__all__ = ["DataFileValueError", "RateNumberError", "evaluation_from_dict", "format_of", "load_evaluation", "loads_evaluation"]


class DataFileValueError(DataFileError, InputError):
    """A value in a data file that cannot be read: a malformed number, text where a table belongs …

    It is both a :class:`~perfeval.errors.DataFileError` and an :class:`~perfeval.errors.InputError`.

    >>> try:
    ...     loads_evaluation('"评价对象" = "项目"\\n"名称" = "x"\\n"年度" = 2022\\n"评价体系" = "r"\\n'
    ...                      '[["指标"]]\\n"三级指标" = "a"\\n"分值" = "12.3.4"')
    ... except DataFileValueError as exc:
    ...     print(exc)
    指标[1].分值：数的写法有误（多了一个小数点）：'12.3.4'（第 7 行第 8 列）
    """


@own_context
def _scaled(value: Decimal, places: int) -> str:
    return plain_text(value.scaleb(places))


class RateNumberError(DataFileValueError):
    """A rate given as a bare number above 1 (``执行率 = 95``, an .xlsx cell 78.25 without a percent format).

    A bare number in a rate field is a fraction (0.95 is 95%), so 95 would read as 9500%: almost surely
    not what the table meant, and never chosen silently. The message names the field, the number and the
    reading that would apply; the location is the key's line or the cell. ``code`` is
    ``"rate_number_without_mark"``; :meth:`message_in` ``"en"`` gives English.

    >>> err = RateNumberError("资金.执行率", Decimal("95"))
    >>> print(err.message)
    资金.执行率: 比率 95 没有写 %：作为数它是比值 95，即 9500%。若是 95%，请写作 "95%"（或比值 0.95）
    >>> err.message_in("en")
    '资金.执行率: the rate 95 has no %: as a number it is the fraction 95, that is 9500%. For 95% write "95%" (or the fraction 0.95)'
    """

    def __init__(self, field: str, value: Decimal, *, text: str | None = None,
                 location: Location | None = None) -> None:
        self.field = field
        self.value = value
        self.location = location or Location()  # the message says how to fix a cell, so it is needed first
        super().__init__(self._render("zh_CN"), text=text, location=location, code="rate_number_without_mark")

    def _render(self, locale: str | None) -> str:
        # a cell is fixed by its format, a key by its text: the message says which
        return render("data_rate_bare_number_cell" if self.location.cell is not None else "data_rate_bare_number",
                      locale, field=self.field, number=plain_text(self.value), percent=_scaled(self.value, 2),
                      fraction=_scaled(self.value, -2))

    def message_in(self, locale: str | None = "zh_CN") -> str:
        """The message in ``locale`` (``en…`` for English, anything else Chinese)."""
        return self._render(locale)


# --------------------------------------------------------------------------------------------------
# dict → model
# --------------------------------------------------------------------------------------------------


@attrs.frozen
class _Reader:
    locate: Locate

    def error(self, path: KeyPath, message: str, text: str | None = None, **params: Any) -> DataFileValueError:
        if not path:
            return DataFileValueError(message, text=text, location=self.locate(path), **params)
        return DataFileValueError("data_at", text=text, location=self.locate(path), code=message,
                                  key=show_path(path), what=Message(message, **params))

    def table(self, raw: object, schema: str, path: KeyPath) -> tuple[dict[str, Any], dict[str, KeyPath]]:
        """Values by attribute, and the key path each came from."""
        if not isinstance(raw, Mapping):
            raise self.error(path, "data_expected_table", _short(raw), got=type(raw).__name__)
        values: dict[str, Any] = {}
        paths: dict[str, KeyPath] = {}
        lookup = LOOKUP[schema]
        for key, value in raw.items():
            here = (*path, key)
            if key not in lookup:
                words = list(SCHEMAS[schema])
                close = difflib.get_close_matches(key, list(lookup), n=1, cutoff=0.5)
                hint = Message("data_did_you_mean", name=close[0]) if close else \
                    Message("data_expected_one_of", names=", ".join(words))
                raise DataFileValueError("data_unknown_key", text=key, location=self.locate(here),
                                         where=show_path(path) or Message("data_top_level"), hint=hint)
            published, spec = lookup[key]
            if spec.attr in values:
                raise self.error(here, "data_key_twice", key, key=published, other=show_path(paths[spec.attr]))
            values[spec.attr] = self.value(value, spec, here)
            paths[spec.attr] = here
        for published, spec in SCHEMAS[schema].items():
            if spec.required and spec.attr not in values:
                raise DataFileValueError("data_missing_key", text=published, location=self.locate(path),
                                         where=show_path(path) or Message("data_top_level"))
        return values, paths

    def value(self, raw: object, spec: Key, path: KeyPath) -> Any:
        kind = spec.kind
        if kind == "numbers":
            if not isinstance(raw, Mapping):
                raise self.error(path, "data_expected_figures", _short(raw), got=type(raw).__name__)
            out: dict[str, Decimal] = {}
            for name, value in raw.items():
                marked = isinstance(value, str) and value.strip().endswith(("%", "‰"))
                # a figure named as a rate (完成率 = 95) is read as one when it is a bare number
                named = not isinstance(value, str) and str(name).strip().endswith("率")
                number = self.number(value, (*path, name), rate=marked or named)
                if number is None:
                    raise self.error((*path, name), "data_figure_number", _short(value))
                out[str(name)] = number
            return out
        if kind in ("table", "tables"):
            if kind == "table":
                return raw  # read by the caller, which knows what to build
            if not isinstance(raw, list):
                raise self.error(path, "data_expected_tables", _short(raw), got=type(raw).__name__)
            return raw
        if kind == "text":
            # Texts, but a number written for one (实际完成值 = 110, a spreadsheet cell holding 2023)
            # means its digits.
            if isinstance(raw, bool) or not isinstance(raw, str | int | Decimal):
                raise self.error(path, "data_expected_text", _short(raw), got=type(raw).__name__)
            return raw if isinstance(raw, str) else plain_text(raw)
        if kind == "year":
            if isinstance(raw, Decimal) and raw == raw.to_integral_value():
                return int(raw)  # 2023.0 from a spreadsheet
            if isinstance(raw, int | str) and not isinstance(raw, bool):
                try:
                    return to_year(raw)  # 2023, "2023", "2023年度"
                except InputError:
                    pass
            raise self.error(path, "data_expected_year", _short(raw))
        if kind == "kind":
            if isinstance(raw, str) and raw.strip().lower() in KINDS:
                return KINDS[raw.strip().lower()]
            raise self.error(path, KIND_MESSAGE, _short(raw), **KIND_PARAMS)
        return self.number(raw, path, rate=kind == "rate", points=spec.attr in _POINTS)

    def number(self, raw: object, path: KeyPath, *, rate: bool = False, points: bool = False) -> Decimal | None:
        if isinstance(raw, bool) or not isinstance(raw, str | int | float | Decimal):
            raise self.error(path, "data_expected_number", _short(raw), got=type(raw).__name__)
        if isinstance(raw, str) and raw.strip() in BLANKS:
            return None
        where = self.locate(path)
        if isinstance(raw, str) and len(raw) > 2 * MAX_DIGITS + 20:
            raise LimitError("number_digits", Message("data_characters", count=len(raw)), text=shown(raw), location=where)
        try:
            value = parse_rate(raw, require_mark=True) if rate and isinstance(raw, str) else to_decimal(raw)
        except InputError as exc:
            raise self.error(path, "data_malformed_number", shown(raw), cause=exc) from exc
        # 分值 and 得分 are points: refused here, at their key, rather than later where no line is known
        if points:
            check_number(value, MAX_POINTS_DIGITS, MAX_POINTS_EXPONENT, raw, kind="points", location=where)
        else:
            check_number(value, MAX_DIGITS, MAX_EXPONENT, raw, location=where)
        if rate and not isinstance(raw, str) and abs(value) > 1:
            # a fraction (0.95) is the documented way to write a rate as a number; 95 is 9500% as one
            raise RateNumberError(show_path(path), value, text=shown(raw), location=where)
        return value

    def build(
        self, fn: Callable[..., Any], values: dict[str, Any], paths: dict[str, KeyPath], where: KeyPath
    ) -> Any:
        """``fn(**values)``, with a model's ValidationError pointed at the key it came from."""
        try:
            return fn(**values)
        except ValidationError as exc:
            path = paths.get(exc.field, where)
            raise ValidationError("data_at", field=exc.field, value=exc.value, location=self.locate(path),
                                  key=show_path(path), what=exc) from exc


#: Keys that hold points (分值, 得分): limited as points are (perfeval.limits.MAX_POINTS_DIGITS).
_POINTS = frozenset({"points", "reported", "total_points", "reported_total"})


def _short(raw: object) -> str:
    text = raw if isinstance(raw, str) else json.dumps(raw, ensure_ascii=False, default=str)
    return text if len(text) <= 80 else text[:77] + "…"


@own_context
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
    if kind == Project.kind and "base" in top:
        base = word("evaluation", "base")
        raise r.error(paths["base"], "data_base_in_project", base, key=base, department=Department.kind,
                      project=Project.kind)
    if kind == Department.kind:
        for attr in ("department", "implementer"):
            if attr in top:
                words = "/".join(word("evaluation", a) for a in ("department", "implementer"))
                raise r.error(paths[attr], "data_project_keys", attr, keys=words, project=Project.kind)
    if "funds" in top:
        top["funds"] = _funds(r, top["funds"], paths["funds"])
    if "total" in top:
        total, tpaths = r.table(top.pop("total"), "total", paths["total"])
        top.update(total)
        paths.update(tpaths)
    if "groups" in top:
        top["groups"] = [_group(r, raw, (*paths["groups"], i)) for i, raw in enumerate(top["groups"])]
    if "indicators" in top:
        if isinstance(top["indicators"], list):
            # placed at the first 三级指标 over the limit (or the table that holds them)
            check_count(len(top["indicators"]), "data_indicators",
                        r.locate((*paths["indicators"], MAX_DATA_INDICATORS)))
        top["indicators"] = [
            _indicator(r, raw, (*paths["indicators"], i)) for i, raw in enumerate(top["indicators"])
        ]
    if "base" in top:
        top["base"] = _base(r, top["base"], paths["base"])
    top["source"] = r.locate(())
    cls = Project if kind == Project.kind else Department
    result: Evaluation = r.build(cls, top, paths, ())
    return result


def _group(r: _Reader, raw: object, path: KeyPath) -> IndicatorGroup:
    values, paths = r.table(raw, "group", path)
    values["source"] = r.locate(path)
    result: IndicatorGroup = r.build(IndicatorGroup, values, paths, path)
    return result


_NO_COMPARATOR = ("", TargetKind.QUALITATIVE.value, TargetKind.QUANTITATIVE.value)


def _indicator(r: _Reader, raw: object, path: KeyPath) -> Indicator:
    values, paths = r.table(raw, "indicator", path)
    kind = values.pop("type", None)
    paths.pop("type", None)
    if kind is not None and kind.strip() not in _NO_COMPARATOR:
        comparator = kind.strip()
        if comparator not in COMPARATORS and not comparator.startswith("$"):
            raise r.error((*path, TYPE), "data_bad_type", kind, key=TYPE, qualitative=TargetKind.QUALITATIVE.value)
        goal = values.get("target_text")
        own = goal.lstrip()[:1] if goal is not None else ""
        if own in "≥>≤<≧≦" and own and _side(own) != _side(comparator):
            # 指标类型 ≤ beside 年度指标值 ≥30天: which one holds is not said
            raise r.error((*path, TYPE), "data_type_disagrees", kind, key=TYPE, target=goal)
        if goal is not None and goal.lstrip()[:1] not in "≥>=≤<≧≦$":
            # Target tables print the comparator in its own column (指标类型 ≥, 指标值 2, 计量单位 处).
            values["target_text"] = comparator + goal
    values["source"] = r.locate(path)
    result: Indicator = r.build(Indicator, values, paths, path)
    return result


def _side(comparator: str) -> str:
    """"lower" for a floor (≥, >, 不低于 …), "upper" for a ceiling, "" for neither (=)."""
    if comparator in ("≥", ">", "≧", ">="):
        return "lower"
    return "upper" if comparator in ("≤", "<", "≦", "<=") else ""


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
            raise DataFileValueError("data_missing_key", text=word("expense", "name"), location=r.locate(path),
                                     where=show_path(path))
        values["name"] = default_name
    if "items" in values:
        values["items"] = [
            _expense(r, item, (*paths["items"], i), None) for i, item in enumerate(values["items"])
        ]
    result: ExpenseLine = r.build(ExpenseLine, values, paths, path)
    return result


def _base(r: _Reader, raw: object, path: KeyPath) -> BaseData:
    values, paths = r.table(raw, "base", path)
    for key in SCHEMAS["base"].values():
        if key.sub == "expense" and key.attr in values:
            # An expense table is named by its key unless it says otherwise.
            values[key.attr] = _expense(r, values[key.attr], paths[key.attr], key.word)
    if "buildings" in values:
        b, bpaths = r.table(values["buildings"], "buildings", paths["buildings"])
        values["buildings"] = r.build(BuildingControl, b, bpaths, paths["buildings"])
    values["source"] = r.locate(path)
    result: BaseData = r.build(BaseData, values, paths, path)
    return result


# --------------------------------------------------------------------------------------------------
# files
# --------------------------------------------------------------------------------------------------

_SUFFIXES = {".toml": "toml", ".json": "json", ".xlsx": "xlsx", ".xlsm": "xlsx"}


def format_of(path: str | PathLike[str]) -> str:
    """``"toml"``, ``"json"`` or ``"xlsx"``: the format of a data file, by its suffix.

    >>> format_of("a/b.TOML"), format_of("t.xlsm")
    ('toml', 'xlsx')
    """
    suffix = Path(path).suffix.lower()
    if suffix not in _SUFFIXES:
        raise DataFileError("data_unknown_suffix", text=fspath(path))
    return _SUFFIXES[suffix]


@own_context
def loads_evaluation(data: str | bytes, format: str = "toml", *, path: str | None = None) -> Evaluation:
    """A Project or Department from the text of a TOML or JSON file (or the bytes of an .xlsx file).

    ``path`` is only used in error locations. Data over ``MAX_DATA_BYTES`` (UTF-8 bytes of a text) is a
    :class:`~perfeval.limits.LimitError`, as a file of that size is to :func:`load_evaluation`.

    >>> loads_evaluation('{"类型": "部门", "名称": "岳阳市自然资源和规划局本级", "年度": 2023, '
    ...                  '"评价体系": "部门整体支出绩效自评表", "资金": {"全年预算数": 6790.53}}',
    ...                  format="json").funds.budget
    Decimal('6790.53')
    """
    if isinstance(data, bytes):
        if len(data) > MAX_DATA_BYTES:
            raise LimitError("data_bytes", len(data), location=Location(path=path))
    else:
        check_bytes(data, MAX_DATA_BYTES, "data_bytes", path)
    if format == "xlsx":
        from perfeval.datafile.xlsx_read import read_xlsx

        raw, locate = read_xlsx(io.BytesIO(data if isinstance(data, bytes) else data.encode()), path)
        check_scalars(raw, locate)
        return evaluation_from_dict(raw, locate=locate)
    text = decode(data, path) if isinstance(data, bytes) else data.removeprefix("\ufeff")
    if format == "toml":
        parsed, locate = parse_toml(text, path)
    elif format == "json":
        parsed, locate = parse_json(text, path)
    else:
        raise DataFileError("data_unknown_format", text=format)
    return evaluation_from_dict(parsed, locate=locate)


def load_evaluation(path: str | PathLike[str]) -> Evaluation:
    """Read a self-evaluation table from a ``.toml``, ``.json`` or ``.xlsx`` file.

    >>> load_evaluation("examples/luosong-2021-department.toml").reported_total
    Decimal('97.83')
    """
    fmt = format_of(path)
    name = fspath(path)
    try:
        size = Path(path).stat().st_size
        if size > MAX_DATA_BYTES:
            raise LimitError("data_bytes", size, location=Location(path=name))
        data = Path(path).read_bytes()
    except OSError as exc:
        raise DataFileError("data_cannot_read", text=name, why=os_reason(exc)) from exc
    return loads_evaluation(data, fmt, path=name)
