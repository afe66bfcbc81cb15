"""The layout of a 自评表 workbook, shared by :mod:`~perfeval.datafile.xlsx_read` and
:mod:`~perfeval.datafile.xlsx_write`.

A sheet is read into the dictionary a TOML file parses to, so the cells are labelled with the keys of
:mod:`perfeval.datafile.schema` — the published words of the model's fields. Nothing here spells a
field's word: the labels, headers and column orders below are looked up in the schema. Layout (see
``docs/data-format.md``):

- label/value pairs anywhere outside the blocks: 评价对象 | 项目, 名称 | …, 年度, 评价体系, 主管部门, 实施单位,
  上年结转, 本年追加, 年末结余, 其他资金, 等级划分 (:data:`META`);
- the 资金情况 block: a header row with 年初预算数 全年预算数 全年执行数 分值 执行率 得分
  (:data:`FUND_COLUMNS`), then the 年度资金总额 row and 其中 rows (``按支出性质：基本支出`` marks a row by use);
- 年度总体目标: a header row with 预期目标 and 实际完成情况, the texts in the row below;
- the indicator header row (:data:`INDICATOR_COLUMNS`), its rows, and the 总分 row (分值, 得分, ``等级：优``).
  Blank 一级/二级指标 cells continue the row above, as merged cells do; ``产出指标(50分)`` or a 分值
  column right after 一级/二级指标 gives the group's 分值;
- an optional sheet 基础数据 for a department's 基础数据表.

>>> META["项目名称"], FUND_COLUMNS[:2], GROUP_POINTS
(('名称',), ('年初预算数', '全年预算数'), {'一级指标': '一级指标分值', '二级指标': '二级指标分值'})
"""

from __future__ import annotations

import re

from perfeval.datafile.schema import SCHEMAS, TOTAL, KeyPath, spellings, word
from perfeval.model import Funds

__all__ = [
    "ACHIEVED",
    "BASE",
    "BASE_LINES",
    "BASE_SHEET",
    "BASE_SHEETS",
    "NAMED_SHEETS",
    "NUMBER_HEADER",
    "BUDGET",
    "BUILDINGS",
    "BUILDING_COLUMNS",
    "BY_SOURCE",
    "BY_USE",
    "COMPUTED",
    "COMPUTED_BASIS",
    "DECORATIVE",
    "DEFAULT_UNIT",
    "EXPENSE_COLUMNS",
    "EXPENSE_NAME",
    "FRUGALITY",
    "FUNDS",
    "FUND_COLUMNS",
    "FUND_LINE_COLUMNS",
    "GOAL",
    "GRADE",
    "GRADING",
    "GROUPS",
    "GROUP_POINTS",
    "INDICATORS",
    "INDICATOR_COLUMNS",
    "LEVEL1",
    "LEVEL2",
    "LEVEL3",
    "LINE_NAME",
    "META",
    "NAME",
    "OF_WHICH",
    "POINTS",
    "REPORTED",
    "REQUIRED",
    "SHEET",
    "STAFF",
    "STAFF_COLUMNS",
    "STAFF_HEADERS",
    "TEMPLATE_COLUMNS",
    "TOTAL_COLUMNS",
    "UNIT",
    "squash",
]

SHEET = "自评表"
"""The sheet a workbook is written to (any sheet with an indicator header row is read)."""

# Keys of the top-level table.
NAME = word("evaluation", "name")
FUNDS = word("evaluation", "funds")
GROUPS = word("evaluation", "groups")
INDICATORS = word("evaluation", "indicators")
BASE = word("evaluation", "base")
GOAL = word("evaluation", "goal")
ACHIEVED = word("evaluation", "achieved")
GRADE = word("total", "reported_grade")
GRADING = word("total", "grading")

BASE_SHEET = BASE
"""The sheet of a department's 基础数据表."""
BASE_SHEETS = spellings("evaluation", "base")
#: Evaluation fields kept on a sheet of their own, two columns 名称 | 数值 (公式数据, 报告数字).
NAMED_SHEETS = ("inputs", "report_figures")
#: The header of the 数值 column of those sheets.
NUMBER_HEADER = "数值"
"""Names the 基础数据 sheet is recognised by."""

META: dict[str, KeyPath] = {
    **{
        spelling: (word("evaluation", attr),)
        for attr in ("kind", "name", "year", "rubric", "department", "implementer")
        for spelling in spellings("evaluation", attr)
    },
    **{word("funds", attr): (FUNDS, word("funds", attr)) for attr in ("carried_over", "added", "balance", "other")},
    GRADING: (TOTAL, GRADING),
}
"""A label (whitespace removed) of a label/value pair → the key path of its value."""

# The 资金情况 block.
FUND_COLUMNS = tuple(word("funds", a) for a in ("initial", "budget", "spent", "points", "reported_rate", "reported"))
"""The header of the 资金情况 block; the 年度资金总额 row is read by it."""
FUND_LINE_COLUMNS = tuple(word("fund_line", a) for a in ("initial", "budget", "spent"))
"""The columns a 其中 row of the 资金情况 block is read from."""
BUDGET = word("funds", "budget")
"""The header that marks the 资金情况 block."""
UNIT = word("funds", "unit")
DEFAULT_UNIT = Funds().unit
"""The unit of amounts a table need not name."""
BY_SOURCE = word("funds", "by_source")
BY_USE = word("funds", "by_use")
OF_WHICH = word("expense", "items")
"""其中: the label of the rows below a total, in the 资金情况 block and in 经费控制情况 alike."""
LINE_NAME = word("fund_line", "name")

# The indicator block.
LEVEL1 = word("indicator", "level1")
LEVEL2 = word("indicator", "level2")
LEVEL3 = word("indicator", "name")
POINTS = word("indicator", "points")
REPORTED = word("indicator", "reported")
INDICATOR_COLUMNS = {
    spelling: key.word for key in SCHEMAS["indicator"].values() for spelling in key.spellings
}
"""A header of the indicator block (any published spelling) → the indicator key it holds."""
GROUP_POINTS = {LEVEL1: LEVEL1 + POINTS, LEVEL2: LEVEL2 + POINTS}
"""The 共性指标表 prints a 分值 column after 一级指标 and 二级指标: the column names used for them."""
COMPUTED = "计算得分"
"""The column ``perfeval score --format xlsx`` writes beside 得分: what the rubric gives (not read back)."""
COMPUTED_BASIS = "计算依据"
"""The column after it: how the computed 得分 was reached (重算, 评价人, 照报, 无法计算)."""
DECORATIVE = frozenset({*spellings("evaluation", "indicators"), "序号", "备注", COMPUTED, COMPUTED_BASIS})
"""Headers of the indicator block that hold no data (the computed columns are output, derived from it)."""
REQUIRED = (LEVEL1, LEVEL2, LEVEL3, POINTS)
"""Columns the indicator header row must have."""
TEMPLATE_COLUMNS = tuple(
    word("indicator", a)
    for a in (
        "level1", "level2", "name", "target_text", "unit", "actual_text", "points", "reported",
        "standard", "description", "note",
    )
)  # fmt: skip
"""The indicator header a workbook is written with."""
TOTAL_COLUMNS = {POINTS: word("total", "total_points"), REPORTED: word("total", "reported_total")}
"""The 总分 row: indicator column → key of the 总分 table."""

# The 基础数据 sheet.
STAFF_COLUMNS = {
    word("base", a): spellings("base", a) for a in ("authorized_staff", "actual_staff", "staff_control_rate")
}
"""财政供养人员情况: key → the headers it is read from (the published table says only 控制率)."""
STAFF_HEADERS = (*list(STAFF_COLUMNS)[:2], spellings("base", "staff_control_rate")[-1])
"""The header a 财政供养人员情况 block is written with: the published table's short 控制率 last."""
STAFF = word("base", "authorized_staff")
"""The header that marks the 财政供养人员情况 block."""
EXPENSE_COLUMNS = tuple(word("expense", a) for a in ("previous", "budget", "final"))
BASE_LINES = tuple(key.word for key in SCHEMAS["base"].values() if key.sub == "expense")
"""The rows of 经费控制情况, in published order."""
BUILDINGS = word("base", "buildings")
BUILDING_COLUMNS = tuple(SCHEMAS["buildings"])
FRUGALITY = word("base", "frugality")
EXPENSE_NAME = word("expense", "name")


def squash(value: object) -> str:
    """A header or label with every space and line break removed ("年度\\n指标值" → "年度指标值").

    >>> squash(" 年度\\n指标值："), squash(None)
    ('年度指标值', '')
    """
    text = "" if value is None else str(value)
    return re.sub(r"\s+", "", text).rstrip(":：")
