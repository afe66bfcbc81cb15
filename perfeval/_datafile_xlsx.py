"""The .xlsx side of :mod:`perfeval.datafile`: a 自评表 sheet laid out like the published tables.

The reader turns a workbook into the same dictionary a TOML file parses to (published words as keys)
plus a map from key path to cell, so that every check of :func:`perfeval.datafile.evaluation_from_dict`
reports ``自评表!G14`` instead of a line. Layout (see ``docs/data-format.md``):

- label/value pairs anywhere outside the blocks: 评价对象 | 项目, 名称 | …, 年度, 评价体系, 主管部门, 实施单位,
  上年结转, 本年追加, 年末结余, 其他资金, 等级划分;
- the 资金情况 block: a header row with 年初预算数 全年预算数 全年执行数 分值 执行率 得分, then the
  年度资金总额 row and 其中 rows (``按支出性质：基本支出`` marks a row by use);
- 年度总体目标: a header row with 预期目标 and 实际完成情况, the texts in the row below;
- the indicator header row (一级指标 二级指标 三级指标 年度指标值 实际完成值 分值 得分 …), its rows, and
  the 总分 row (分值, 得分, ``等级：优``). Blank 一级/二级指标 cells continue the row above, as merged
  cells do; ``产出指标(50分)`` or a 分值 column right after 一级/二级指标 gives the group's 分值.
- an optional sheet 基础数据 for a department's 基础数据表.

>>> import io
>>> buf = io.BytesIO()
>>> write_template(buf, "项目")
>>> raw, locate = read_xlsx(io.BytesIO(buf.getvalue()), "t.xlsx")
>>> raw["评价对象"], str(locate(("评价对象",)))
('项目', 't.xlsx, cell 自评表!B2')
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Sequence
from decimal import Decimal
from os import PathLike
from typing import IO, Any

import openpyxl
from openpyxl.styles import Alignment, Font
from openpyxl.utils.exceptions import IllegalCharacterError
from openpyxl.worksheet.worksheet import Worksheet

from perfeval.errors import DataFileError, Location
from perfeval.model import Department, Evaluation, ExpenseLine, Project
from perfeval.numbers import plain, to_decimal

__all__ = ["read_xlsx", "write_template", "write_xlsx"]

KeyPath = tuple[str | int, ...]
Cell = Any  # openpyxl cells are untyped

SHEET = "自评表"
BASE_SHEET = "基础数据"

# label (whitespace removed) → key path in the data dictionary
_META: dict[str, KeyPath] = {
    "评价对象": ("评价对象",),
    "类型": ("评价对象",),
    "名称": ("名称",),
    "项目名称": ("名称",),
    "项目支出名称": ("名称",),
    "部门名称": ("名称",),
    "单位名称": ("名称",),
    "市级预算部门名称": ("名称",),
    "年度": ("年度",),
    "评价体系": ("评价体系",),
    "主管部门": ("主管部门",),
    "实施单位": ("实施单位",),
    "上年结转": ("资金", "上年结转"),
    "本年追加": ("资金", "本年追加"),
    "年末结余": ("资金", "年末结余"),
    "其他资金": ("资金", "其他资金"),
    "等级划分": ("总分", "等级划分"),
}
_FUND_COLUMNS = ("年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分")
_INDICATOR_COLUMNS = {
    "一级指标": "一级指标", "二级指标": "二级指标", "三级指标": "三级指标", "指标名称": "三级指标",
    "指标类型": "指标类型", "年度指标值": "年度指标值", "指标值": "年度指标值", "计量单位": "计量单位",
    "实际完成值": "实际完成值", "分值": "分值", "得分": "得分", "自评得分": "得分",
    "评分标准": "评分标准", "评价标准": "评分标准", "评(扣)分标准": "评分标准", "评分(扣分)标准": "评分标准",
    "指标说明": "指标说明", "具体指标": "指标说明", "指标解释": "指标说明",
    "偏差原因分析及改进措施": "偏差原因分析及改进措施", "偏差原因": "偏差原因分析及改进措施",
}  # fmt: skip
_DECORATIVE = {"绩效指标", "序号", "备注"}
_REQUIRED = ("一级指标", "二级指标", "三级指标", "分值")
_TEMPLATE_COLUMNS = (
    "一级指标", "二级指标", "三级指标", "年度指标值", "计量单位", "实际完成值", "分值", "得分",
    "评分标准", "指标说明", "偏差原因分析及改进措施",
)  # fmt: skip
_EXPENSE_COLUMNS = ("上年决算数", "本年预算数", "本年决算数")
_BUILDING_COLUMNS = ("批复规模", "实际规模", "规模控制率", "预算投资", "实际投资", "投资概算控制率")
_BASE_LINES = {"三公经费", "项目支出", "公用经费", "政府采购金额", "部门基本支出预算调整"}
_GROUP = re.compile(r"^(?P<name>.*?)\s*[（(]\s*(?P<points>[0-9]+(?:\.[0-9]+)?)\s*分\s*[)）]$", re.S)


def _squash(value: object) -> str:
    """A header or label with every space and line break removed ("年度\\n指标值" → "年度指标值")."""
    text = "" if value is None else str(value)
    return re.sub(r"\s+", "", text).rstrip(":：")


def _value(cell: Cell) -> str | int | Decimal | None:
    """A cell as the data dictionary wants it: text, int or exact Decimal; None when blank."""
    v = cell.value
    if v is None:
        return None
    if isinstance(v, bool):
        return str(v)
    if isinstance(v, datetime.datetime | datetime.date):
        return f"{v.year}/{v.month:02d}/{v.day:02d}"
    if isinstance(v, int | float):
        number = to_decimal(v)
        if "%" in str(cell.number_format):
            # Excel stores "95%" as 0.95 with a percent format; the table meant the text "95%".
            return plain(number * 100) + "%"
        return int(v) if isinstance(v, int) else number
    text = str(v).strip()
    return text or None


def _text(cell: Cell) -> str | None:
    v = _value(cell)
    return (
        None
        if v is None
        else (v if isinstance(v, str) else format(v, "f") if isinstance(v, Decimal) else str(v))
    )


class _Book:
    """Collects the data dictionary and the cell of every key path while reading."""

    def __init__(self, path: str | None) -> None:
        self.path = path
        self.data: dict[str, Any] = {}
        self.cells: dict[KeyPath, str] = {}

    def where(self, sheet: Worksheet, coordinate: str) -> Location:
        return Location(path=self.path, cell=f"{sheet.title}!{coordinate}")

    def put(self, key_path: KeyPath, value: object, sheet: Worksheet, cell: Cell) -> None:
        """Store ``value`` at ``key_path`` (creating tables and array slots on the way)."""
        node: Any = self.data
        for part, nxt in zip(key_path, key_path[1:], strict=False):
            if isinstance(node, list):
                while len(node) <= int(part):
                    node.append({})
                node = node[int(part)]
            else:
                node = node.setdefault(part, [] if isinstance(nxt, int) else {})
        last = key_path[-1]
        if isinstance(node, list):
            while len(node) <= int(last):
                node.append({})
            node[int(last)] = value
        else:
            if last in node and value != node[last]:
                raise DataFileError(
                    f"{last} is given twice with different values",
                    text=str(value),
                    location=self.where(sheet, cell.coordinate),
                )
            node[last] = value
        self.cells[key_path] = f"{sheet.title}!{cell.coordinate}"

    def locate(self, key_path: KeyPath) -> Location:
        for n in range(len(key_path), -1, -1):
            if key_path[:n] in self.cells:
                return Location(path=self.path, cell=self.cells[key_path[:n]])
        return Location(path=self.path)


def read_xlsx(file: IO[bytes] | str | PathLike[str], path: str | None = None) -> tuple[dict[str, Any], Any]:
    """The data dictionary of a 自评表 workbook, and a function from key path to its cell's Location."""
    try:
        workbook = openpyxl.load_workbook(file, data_only=True)
    except Exception as exc:  # openpyxl raises zipfile, KeyError and its own errors alike
        raise DataFileError(f"not a readable .xlsx workbook ({type(exc).__name__})", text=path) from exc
    book = _Book(path)
    sheets = [ws for ws in workbook.worksheets if ws.title not in (BASE_SHEET, "基础数据表")]
    main = next((ws for ws in sheets if _find_row(ws, "三级指标") is not None), None)
    if main is None:
        names = ", ".join(ws.title for ws in sheets)
        raise DataFileError(
            "no indicator header row (a row with 一级指标 二级指标 三级指标 分值 …) in any sheet",
            text=names,
            location=Location(path=path),
        )
    _read_main(book, main)
    for ws in workbook.worksheets:
        if ws.title in (BASE_SHEET, "基础数据表"):
            _read_base(book, ws)
    return book.data, book.locate


def _find_row(ws: Worksheet, word: str) -> int | None:
    for row in ws.iter_rows():
        if any(_squash(c.value) == word for c in row):
            return int(row[0].row)
    return None


def _pairs(book: _Book, ws: Worksheet, row: Sequence[Cell]) -> None:
    """Label/value pairs of a row outside the blocks; other cells (titles, 填表人 …) carry no data."""
    cells = [c for c in row if c.value is not None and str(c.value).strip()]
    i = 0
    while i < len(cells):
        label = _squash(cells[i].value)
        if label in _META and i + 1 < len(cells) and _squash(cells[i + 1].value) not in _META:
            book.put(_META[label], _value(cells[i + 1]), ws, cells[i + 1])
            i += 2
        else:
            i += 1


def _read_main(book: _Book, ws: Worksheet) -> None:
    state = "meta"
    columns: dict[str, int] = {}
    fund_row = 0
    level1: str | None = None
    level2: str | None = None
    n = 0
    groups: _Groups = {}
    for row in ws.iter_rows():
        words = [_squash(c.value) for c in row]
        blank = not any(words)
        if "三级指标" in words:
            columns = _indicator_header(book, ws, row, words)
            state = "indicators"
        elif "全年预算数" in words and state != "indicators":
            # "得分(分值×执行率)" is the 得分 column.
            columns = {k: i for i, w in enumerate(words) for k in _FUND_COLUMNS if w.startswith(k)}
            unit = re.search(r"[（(](.+?)[)）]", words[0]) if words[0].startswith("资金") else None
            if unit and unit[1] != "万元":
                book.put(("资金", "单位"), unit[1], ws, row[0])
            state, fund_row = "funds", 0
        elif "预期目标" in words and "实际完成情况" in words:
            columns = {w: i for i, w in enumerate(words)}
            state = "goal"
        elif state == "funds":
            if blank:
                state = "meta"
            else:
                _fund_row(book, ws, row, columns, fund_row)
                fund_row += 1
        elif state == "goal":
            for word, key in (("预期目标", "预期目标"), ("实际完成情况", "实际完成情况")):
                cell = row[columns[word]]
                if _text(cell) is not None:
                    book.put((key,), _text(cell), ws, cell)
            state = "meta"
        elif state == "indicators" and not blank:
            at = next(i for i, w in enumerate(words) if w)
            if at < columns["三级指标"] and words[at].startswith(("总分", "合计")):
                _total_row(book, ws, row, columns)
                state = "after"
                continue
            title = _text(row[columns["三级指标"]])
            points = _value(row[columns["分值"]])
            if points is None and title in (None, "无"):
                continue  # a continuation line of a merged cell, or a "无" row with no 分值
            # A blank 一级/二级指标 cell continues the row above, as a merged cell does.
            if _text(row[columns["一级指标"]]) is not None:
                level1, level2 = _level(row[columns["一级指标"]], groups, None), None
            if _text(row[columns["二级指标"]]) is not None:
                level2 = _level(row[columns["二级指标"]], groups, level1)
            # The 共性指标表 prints 分值 columns after 一级指标 and 二级指标 (merged over their rows).
            if "一级指标分值" in columns and level1 is not None:
                _group(groups, (level1, None), row[columns["一级指标分值"]])
            if "二级指标分值" in columns and level1 is not None and level2 is not None:
                _group(groups, (level1, level2), row[columns["二级指标分值"]])
            base = ("指标", n)
            book.cells[base] = f"{ws.title}!{row[0].coordinate}"
            if level1 is not None:
                book.put((*base, "一级指标"), level1, ws, row[columns["一级指标"]])
            if level2 is not None:
                book.put((*base, "二级指标"), level2, ws, row[columns["二级指标"]])
            for word, i in columns.items():
                if word in ("一级指标", "二级指标", "一级指标分值", "二级指标分值"):
                    continue
                value = _value(row[i])
                if value is not None:
                    book.put((*base, word), value, ws, row[i])
            n += 1
        elif not blank:
            _pairs(book, ws, row)
    for i, ((l1, l2), (points, cell)) in enumerate(groups.items()):
        book.put(("指标分组", i, "一级指标"), l1, ws, cell)
        if l2 is not None:
            book.put(("指标分组", i, "二级指标"), l2, ws, cell)
        book.put(("指标分组", i, "分值"), points, ws, cell)


def _indicator_header(book: _Book, ws: Worksheet, row: Sequence[Cell], words: list[str]) -> dict[str, int]:
    columns: dict[str, int] = {}
    previous = ""
    for i, word in enumerate(words):
        if not word or word in _DECORATIVE:
            continue
        if word == "分值" and previous in ("一级指标", "二级指标"):
            key = previous + "分值"  # the 共性指标表 prints a 分值 column after each level
        elif word in _INDICATOR_COLUMNS:
            key = _INDICATOR_COLUMNS[word]
        else:
            raise DataFileError(
                "unknown column in the indicator header row",
                text=str(row[i].value),
                location=book.where(ws, row[i].coordinate),
            )
        if key in columns:
            raise DataFileError("column given twice", text=word, location=book.where(ws, row[i].coordinate))
        columns[key] = i
        previous = word
    for word in _REQUIRED:
        if word not in columns:
            span = f"{row[0].coordinate}:{row[-1].coordinate}"
            raise DataFileError(
                f"the indicator header row lacks the column {word}", text=word, location=book.where(ws, span)
            )
    return columns


_Groups = dict[tuple[str, str | None], tuple[str | int | Decimal, Cell]]


def _level(cell: Cell, groups: _Groups, parent: str | None) -> str | None:
    """A 一级/二级指标 name; "产出指标(50分)" also records the group's 分值."""
    text = _text(cell)
    if text is None:
        return None
    match = _GROUP.match(text)
    if match is None:
        return text
    name = str(match["name"]).strip()
    _group(groups, (parent, name) if parent is not None else (name, None), cell, match["points"])
    return name


def _group(groups: _Groups, key: tuple[str, str | None], cell: Cell, points: str | None = None) -> None:
    value = points if points is not None else _value(cell)
    if value is None:
        return  # the lower rows of a merged 分值 cell
    if key in groups and to_decimal(groups[key][0]) != to_decimal(value):
        where = Location(cell=f"{cell.parent.title}!{cell.coordinate}")
        raise DataFileError(f"{key[-1] or key[0]} has two different 分值", text=str(value), location=where)
    groups.setdefault(key, (value, cell))


def _fund_row(book: _Book, ws: Worksheet, row: Sequence[Cell], columns: dict[str, int], index: int) -> None:
    first = min(columns.values()) if columns else len(row)
    labels = [_text(c) for c in row[:first] if _text(c) is not None]
    if index == 0:
        for word, i in columns.items():
            if _value(row[i]) is not None:
                book.put(("资金", word), _value(row[i]), ws, row[i])
        return
    label: str = labels[-1] if labels and labels[-1] is not None else ""
    kind = "按收入性质"
    prefix = re.match(r"^\s*(按支出性质|按收入性质|其中)\s*分?\s*[:：]?\s*", label)
    if prefix:
        kind = prefix[1] if prefix[1] != "其中" else kind
        label = label[prefix.end() :]
    lines = book.data.setdefault("资金", {}).setdefault(kind, [])
    k = len(lines)
    book.put(("资金", kind, k, "名称"), label, ws, row[0])
    for word in ("年初预算数", "全年预算数", "全年执行数"):
        if word in columns and _value(row[columns[word]]) is not None:
            book.put(("资金", kind, k, word), _value(row[columns[word]]), ws, row[columns[word]])


def _total_row(book: _Book, ws: Worksheet, row: Sequence[Cell], columns: dict[str, int]) -> None:
    for word in ("分值", "得分"):
        if word in columns and _value(row[columns[word]]) is not None:
            book.put(("总分", word), _value(row[columns[word]]), ws, row[columns[word]])
    for cell in row:
        text = _text(cell)
        match = re.match(r"^等级\s*[:：]\s*(.+)$", text or "", re.S)
        if match:
            book.put(("总分", "等级"), match[1].strip(), ws, cell)


def _read_base(book: _Book, ws: Worksheet) -> None:
    state = ""
    columns: dict[str, int] = {}
    for row in ws.iter_rows():
        words = [_squash(c.value) for c in row]
        if not any(words) or (row[0].row == 1 and sum(1 for w in words if w) == 1):
            state = ""  # a blank row ends a block; row 1 holds the sheet's title
            continue
        if "编制数" in words or "上年决算数" in words or "批复规模" in words:
            columns = {w: i for i, w in enumerate(words) if w}
            state = "staff" if "编制数" in words else "expense" if "上年决算数" in words else "buildings"
            continue
        if words[0] == "厉行节约保障措施":
            cell = next((c for c in row[1:] if _text(c) is not None), None)
            if cell is not None:
                book.put(("基础数据", "厉行节约保障措施"), _text(cell), ws, cell)
            continue
        if state == "staff":
            for word, key in (
                ("编制数", "编制数"),
                ("实际在职人数", "实际在职人数"),
                ("控制率", "在职人员控制率"),
            ):
                if word in columns and _value(row[columns[word]]) is not None:
                    book.put(("基础数据", key), _value(row[columns[word]]), ws, row[columns[word]])
        elif state == "buildings":
            for word in _BUILDING_COLUMNS:
                if word in columns and _value(row[columns[word]]) is not None:
                    book.put(
                        ("基础数据", "楼堂馆所", word), _value(row[columns[word]]), ws, row[columns[word]]
                    )
        elif state == "expense":
            _expense_row(book, ws, row, columns)
        else:
            raise DataFileError("row outside any block of the 基础数据 sheet", text=_text(row[0]) or "",
                                location=book.where(ws, row[0].coordinate))  # fmt: skip


def _expense_row(book: _Book, ws: Worksheet, row: Sequence[Cell], columns: dict[str, int]) -> None:
    names = [part.strip() for part in (_text(row[0]) or "").split("/")]
    if names[0] not in _BASE_LINES:
        raise DataFileError(
            f"a 经费控制情况 row must start with one of {', '.join(sorted(_BASE_LINES))}",
            text=_text(row[0]) or "",
            location=book.where(ws, row[0].coordinate),
        )
    path: KeyPath = ("基础数据", names[0])
    node: dict[str, Any] = book.data.setdefault("基础数据", {}).setdefault(names[0], {})
    book.cells.setdefault(path, f"{ws.title}!{row[0].coordinate}")
    for name in names[1:]:
        items: list[dict[str, Any]] = node.setdefault("其中", [])
        index = next((i for i, item in enumerate(items) if item.get("名称") == name), None)
        if index is None:
            index = len(items)
            book.put((*path, "其中", index, "名称"), name, ws, row[0])
        path, node = (*path, "其中", index), items[index]
    for word in _EXPENSE_COLUMNS:
        if word in columns and _value(row[columns[word]]) is not None:
            book.put((*path, word), _value(row[columns[word]]), ws, row[columns[word]])


# --------------------------------------------------------------------------------------------------
# writing
# --------------------------------------------------------------------------------------------------


def _n(value: Decimal | None) -> str | None:
    return None if value is None else format(value, "f")


def _r(value: Decimal | None) -> str | None:
    return None if value is None else plain(value * 100) + "%"


def _rows(evaluation: Evaluation | None, kind: str) -> list[list[object]]:
    ev = evaluation
    title = "项目支出绩效自评表" if kind == "项目" else "部门整体支出绩效自评表"
    rows: list[list[object]] = [[f"{ev.year}年度{title}" if ev else title]]
    rows.append(["评价对象", kind, "年度", ev.year if ev else None])
    rows.append(["名称", ev.name if ev else None])
    rows.append(["评价体系", ev.rubric if ev else title])
    if kind == "项目":
        project = ev if isinstance(ev, Project) else None
        rows.append(["主管部门", project and project.department, "实施单位", project and project.implementer])
    f = ev.funds if ev else None
    extra: list[tuple[str, Decimal | None]] = [
        ("上年结转", f.carried_over if f else None),
        ("本年追加", f.added if f else None),
        ("年末结余", f.balance if f else None),
        ("其他资金", f.other if f else None),
    ]
    if ev is None or any(v is not None for _, v in extra):
        rows.append([x for label, v in extra for x in (label, _n(v))])
    rows.append([])
    unit = f.unit if f else "万元"
    rows.append([f"资金情况（{unit}）", None, *_FUND_COLUMNS])
    rows.append(
        [
            None,
            "年度资金总额",
            *(_n(f.initial), _n(f.budget), _n(f.spent), _n(f.points), _r(f.reported_rate), _n(f.reported)),
        ]
        if f
        else [None, "年度资金总额"]
    )
    lines = (
        [("其中：", line) for line in f.by_source] + [("按支出性质：", line) for line in f.by_use]
        if f
        else []
    )
    for prefix, line in lines:
        rows.append([None, prefix + line.name, _n(line.initial), _n(line.budget), _n(line.spent)])
    if ev is None:
        rows += [[None, "其中：当年财政拨款"], [None, "上年结转资金"], [None, "其他资金"]]
    rows += [[], ["年度总体目标", "预期目标", "实际完成情况"], [None, ev and ev.goal, ev and ev.achieved], []]
    rows.append(list(_TEMPLATE_COLUMNS))
    groups = {g.path: g.points for g in ev.groups} if ev else {}
    for ind in ev.indicators if ev else ():
        l1 = ind.level1 and (
            f"{ind.level1}({_n(groups[(ind.level1,)])}分)" if (ind.level1,) in groups else ind.level1
        )
        key2 = (ind.level1, ind.level2) if ind.level1 and ind.level2 else None
        l2 = ind.level2 and (f"{ind.level2}({_n(groups[key2])}分)" if key2 in groups else ind.level2)
        rows.append([l1, l2, ind.name, ind.target_text, ind.unit, ind.actual_text, _n(ind.points), _n(ind.reported),
                     ind.standard, ind.description, ind.note])  # fmt: skip
    grade = ev and ev.reported_grade and f"等级：{ev.reported_grade}"
    rows.append(
        [
            "总分",
            None,
            None,
            None,
            None,
            None,
            _n(ev.total_points) if ev else None,
            _n(ev.reported_total) if ev else None,
            grade,
        ]
    )
    if ev and ev.grading:
        rows.append(["等级划分", ev.grading])
    return rows


def _expense_rows(line: ExpenseLine, prefix: str) -> list[list[object]]:
    name = f"{prefix}/{line.name}" if prefix else line.name
    rows: list[list[object]] = [[name, _n(line.previous), _n(line.budget), _n(line.final)]]
    for item in line.items:
        rows += _expense_rows(item, name)
    return rows


def _base_rows(ev: Department) -> list[list[object]]:
    b = ev.base
    assert b is not None
    rows: list[list[object]] = [["部门整体支出绩效评价基础数据表"], []]
    rows += [["财政供养人员情况（人）", "编制数", "实际在职人数", "控制率"],
             [None, _n(b.authorized_staff), _n(b.actual_staff), _r(b.staff_control_rate)], []]  # fmt: skip
    rows.append(["经费控制情况（万元）", *_EXPENSE_COLUMNS])
    for attr, word in (("three_public", "三公经费"), ("project_spending", "项目支出"), ("common_expenses", "公用经费"),
                       ("procurement", "政府采购金额"), ("budget_adjustment", "部门基本支出预算调整")):  # fmt: skip
        line: ExpenseLine | None = getattr(b, attr)
        if line is not None:
            rows += _expense_rows(ExpenseLine(name=word, previous=line.previous, budget=line.budget,
                                              final=line.final, items=line.items), "")  # fmt: skip
    rows.append([])
    if b.buildings is not None:
        x = b.buildings
        rows += [["楼堂馆所控制情况", *_BUILDING_COLUMNS],
                 [None, _n(x.approved_area), _n(x.actual_area), _r(x.area_control_rate), _n(x.budget_investment),
                  _n(x.actual_investment), _r(x.investment_control_rate)], []]  # fmt: skip
    if b.frugality is not None:
        rows.append(["厉行节约保障措施", b.frugality])
    return rows


def _fill(ws: Worksheet, rows: list[list[object]]) -> None:
    # Numbers are written as text, exactly as published: a float cell could not hold 23.00 or 1839.10.
    for r, values in enumerate(rows, 1):
        for c, value in enumerate(values, 1):
            if value is None or value == "":
                continue
            try:
                cell = ws.cell(row=r, column=c, value=value)
            except IllegalCharacterError as exc:
                raise DataFileError("a spreadsheet cell cannot hold this text", text=str(value)) from exc
            if isinstance(value, str) and value.startswith("="):
                cell.data_type = "s"  # text, not a formula: a standard may start with "="
    for row in ws.iter_rows():
        for cell in row:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
            if _squash(cell.value) in (
                *_TEMPLATE_COLUMNS,
                *_FUND_COLUMNS,
                "预期目标",
                "实际完成情况",
                *_EXPENSE_COLUMNS,
            ):
                cell.font = Font(bold=True)
    for letter in "ABCDEFGHIJK":
        ws.column_dimensions[letter].width = 18


def _save(workbook: Any, path: str | PathLike[str] | IO[bytes]) -> None:
    try:
        workbook.save(path)
    except OSError as exc:
        raise DataFileError(f"cannot write the workbook: {exc.strerror}", text=str(path)) from exc


def write_xlsx(evaluation: Evaluation, path: str | PathLike[str] | IO[bytes]) -> None:
    """Write ``evaluation`` as a 自评表 workbook (and a 基础数据 sheet for a department with base data)."""
    workbook = openpyxl.Workbook()
    ws = workbook.active
    ws.title = SHEET
    _fill(ws, _rows(evaluation, evaluation.kind))
    if isinstance(evaluation, Department) and evaluation.base is not None:
        _fill(workbook.create_sheet(BASE_SHEET), _base_rows(evaluation))
    _save(workbook, path)


def write_template(path: str | PathLike[str] | IO[bytes], kind: str) -> None:
    """Write a blank 自评表 workbook for a 项目 or a 部门."""
    workbook = openpyxl.Workbook()
    ws = workbook.active
    ws.title = SHEET
    _fill(ws, _rows(None, kind))
    _save(workbook, path)
