"""Where a figure of the table's own arithmetic is on the sheets perfeval writes, so the audit workbook can
mark a table finding's cells as it marks an indicator's 得分.

A table finding (:class:`~perfeval.rubric.arithmetic.TableFinding`) names its figures by the data file's
words: ``资金.全年预算数`` (the funds' total row), ``资金.按支出性质.全年预算数`` (that column of every line by
use), ``基础数据.三公经费.其中.上年决算数`` (that column of each line directly under 三公经费),
``基础数据.编制数``, ``基础数据.楼堂馆所.面积控制率``, ``报告数字.基础数据.编制数`` (the figure the report's text
prints). :func:`figure_places` finds them in the rows of :func:`~perfeval.datafile.xlsx_write.sheet_rows`,
:func:`~perfeval.datafile.xlsx_write.base_rows` and :func:`~perfeval.datafile.xlsx_write.named_rows`, as
written from row 1 and column 1. A figure no sheet prints gives no place (the summary says so) — never a
neighbouring cell.

>>> rows = [["资金情况（万元）", None, "年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"],
...         [None, "年度资金总额", 61.8, 30.525], [None, "其中：财政拨款", 61.8, 30.525]]
>>> figure_places("资金.全年预算数", {"自评表": rows}), figure_places("资金.按收入性质.年初预算数", {"自评表": rows})
([('自评表', 2, 4)], [('自评表', 3, 3)])
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from .datafile.schema import word
from .datafile.xlsx_layout import (
    BASE_SHEET,
    BUILDING_COLUMNS,
    BY_USE,
    EXPENSE_COLUMNS,
    FUND_COLUMNS,
    OF_WHICH,
    SHEET,
    STAFF_HEADERS,
)

__all__ = ["Place", "figure_places"]

Rows = Sequence[Sequence[object]]
#: A cell: the sheet's title, its 1-based row and column.
Place = tuple[str, int, int]

#: The words a table finding uses where the sheet prints another.
_FUND_LABELS = {"本年追加预算": word("funds", "added")}
_BASE_WORDS = {"政府采购": "政府采购金额", "在职人员控制率": "控制率", "面积控制率": "规模控制率",
               "投资控制率": "投资概算控制率"}
_LINE_PREFIXES = {"按收入性质": f"{OF_WHICH}：", "按支出性质": f"{BY_USE}："}
_REPORT = word("evaluation", "report_figures")


def figure_places(figure: str, sheets: Mapping[str, Rows]) -> list[Place]:
    """The cells of ``figure`` (a table finding's cell, such as ``资金.全年预算数``) in ``sheets`` (title → the
    rows written there)."""
    table, _, rest = figure.partition(".")
    if table == word("evaluation", "funds") and SHEET in sheets:
        return [(SHEET, r, c) for r, c in _funds(sheets[SHEET], rest.split("."))]
    if table == word("evaluation", "base") and BASE_SHEET in sheets:
        return [(BASE_SHEET, r, c) for r, c in _base(sheets[BASE_SHEET], rest.split("."))]
    if table == _REPORT and _REPORT in sheets:
        return [(_REPORT, n, 2) for n, row in enumerate(sheets[_REPORT], 1) if n > 1 and row and row[0] == rest]
    return []


def _filled(row: Sequence[object]) -> bool:
    return any(v not in (None, "") for v in row)


def _funds(rows: Rows, parts: list[str]) -> list[tuple[int, int]]:
    header = next((n for n, r in enumerate(rows) if len(r) > 2 and tuple(r[2:8]) == FUND_COLUMNS), None)
    if header is None:
        return []
    column = parts[-1]
    if len(parts) == 1:
        if column in FUND_COLUMNS:
            return [(header + 2, FUND_COLUMNS.index(column) + 3)]  # the row after the header: 年度资金总额
        label = _FUND_LABELS.get(column, column)  # 上年结转 … are label/value pairs above the block
        return [(n, c + 2) for n, r in enumerate(rows[:header], 1) for c, v in enumerate(r) if v == label]
    prefix = _LINE_PREFIXES.get(parts[0])
    if len(parts) != 2 or prefix is None or column not in FUND_COLUMNS[:3]:
        return []
    out = []
    n = header + 2  # 0-based: the first row after the total
    while n < len(rows) and _filled(rows[n]):
        cell: object = rows[n][1] if len(rows[n]) > 1 else None
        if isinstance(cell, str) and cell.startswith(prefix):
            out.append((n + 1, FUND_COLUMNS.index(column) + 3))
        n += 1
    return out


def _after(rows: Rows, head: str) -> int | None:
    """The 1-based row of the figures under the header row that starts with ``head``."""
    return next((n + 2 for n, r in enumerate(rows) if r and r[0] == head and n + 1 < len(rows)), None)


def _base(rows: Rows, parts: list[str]) -> list[tuple[int, int]]:
    column = _BASE_WORDS.get(parts[-1], parts[-1])
    if len(parts) == 1 and column in STAFF_HEADERS:
        row = _after(rows, "财政供养人员情况（人）")
        return [] if row is None else [(row, STAFF_HEADERS.index(column) + 2)]
    if len(parts) == 2 and parts[0] == "楼堂馆所" and column in BUILDING_COLUMNS:
        row = _after(rows, "楼堂馆所控制情况")
        return [] if row is None else [(row, BUILDING_COLUMNS.index(column) + 2)]
    if len(parts) < 2 or column not in EXPENSE_COLUMNS:
        return []
    names = [_BASE_WORDS.get(parts[0], parts[0]), *parts[1:-1]]
    at = EXPENSE_COLUMNS.index(column) + 2
    if names[-1] == "其中":  # the lines directly under the one named before it
        parent = "/".join(names[:-1]) + "/"
        return [(n, at) for n, r in enumerate(rows, 1) if r and isinstance(r[0], str) and r[0].startswith(parent)
                and "/" not in r[0][len(parent):]]
    path = "/".join(names)
    return [(n, at) for n, r in enumerate(rows, 1) if r and r[0] == path]
