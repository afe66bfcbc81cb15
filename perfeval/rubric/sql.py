"""A rubric's numeric indicators as one SQL query: a column of points per indicator, exact (DECIMAL).

Each indicator's standard is compiled by :meth:`perfeval.rules.Rule.to_sql`; the query selects them side
by side from the table that holds the values, so a budget system scores its own rows where they live.

>>> import perfeval
>>> r = perfeval.loads("评价体系 示例\\n满分 10\\n一级指标 产出 10分\\n三级指标 完成率 6分\\n  标准：100%计满分，每低于5%扣2分\\n"
...                    "三级指标 及时率 4分\\n  标准：90%（含）以上计4分；低于90%计0分\\n")
>>> print(r.to_sql("projects", {"完成率": "rate", "及时率": "timely"}))  # doctest: +ELLIPSIS
SELECT *, CASE WHEN rate IS NULL ... END AS "完成率", CASE WHEN timely IS NULL ... END AS "及时率" FROM projects
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

from ..rules.errors import SqlError
from ..rules.run.sql import build

if TYPE_CHECKING:
    from .rubric import Rubric

__all__ = ["rubric_sql"]


def rubric_sql(rubric: Rubric, table: str, columns: Mapping[str, str] | None = None, dialect: str = "duckdb", *,
               scale: int = 10, errors: str = "raise", keep: Sequence[str] = ("*",),
               locale: str | None = "zh_CN") -> str:
    """``SELECT keep…, <points of each indicator> AS "<indicator>" FROM table`` (see :meth:`Rubric.to_sql`)."""
    import sqlglot.expressions as exp

    wanted = dict(columns) if columns is not None else \
        {ind.name: ind.name for ind in rubric.indicators if ind.rule is not None}
    known = {ind.name: ind for ind in rubric.indicators}
    unknown = [name for name in wanted if name not in known]
    if unknown:
        raise SqlError("sql_unknown_indicator", rubric.name, names="、".join(unknown),
                       known="、".join(known))
    selected: list[Any] = [exp.Star() if k == "*" else exp.column(k, quoted=not k.isidentifier() or not k.isascii())
                           for k in keep]
    refused: list[str] = []
    for name, column in wanted.items():
        rule = known[name].rule
        if rule is None:
            refused.append(f"{name}（{SqlError('sql_no_standard').message_in(locale)}）")
            continue
        try:
            points = build(rule.item, rule.text, column, dialect, scale=scale, errors=errors,  # type: ignore[arg-type]
                           locale=locale)
            reason = build(rule.item, rule.text, column, dialect, scale=scale, errors="reason", locale=locale) \
                if errors == "null" else None
        except SqlError as exc:
            refused.append(f"{name}（{exc.message_in(locale)}）")
            continue
        selected.append(exp.alias_(points, name, quoted=True))
        if reason is not None:
            selected.append(exp.alias_(reason, f"{name}_error", quoted=True))
    if refused:
        raise SqlError("sql_rubric", rubric.name, items="；".join(refused))
    query = exp.select(*selected).from_(exp.to_table(table, dialect=dialect))
    sql: str = query.sql(dialect=dialect, copy=False)
    return sql
