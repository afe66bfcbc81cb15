"""Scorecards and audits rendered for people and programs: rich tables, JSON, and .xlsx.

JSON numbers are written from the Decimal's own digits (never through float), so "97.83" stays 97.83.

>>> to_json({"total": Decimal("97.83"), "grade": "优"})
'{"total": 97.83, "grade": "优"}'
"""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path
from typing import IO, Any

from rich.console import Console
from rich.markup import escape
from rich.table import Table

from .causes import os_reason
from .display import number_text
from .errors import DataFileError, Location
from .i18n import N_, render
from .numbers import own_context
from .rubric.audit import Audit
from .rubric.reason import say
from .rubric.scoring import STATUS_WORDS, ScoreCard

_HEAD = (N_("head_indicator"), N_("head_points"), N_("head_reported"), N_("head_computed"), N_("head_basis"),
         N_("head_reason"), N_("head_total"), N_("head_grade"), N_("head_audit"), N_("head_computed_short"))


def status_word(status: str, locale: str = "zh_CN") -> str:
    """How an indicator was scored, in words: 重算 / 评价人 / 照报 / 无法计算."""
    return render(STATUS_WORDS[status], locale)


def _heads(locale: str) -> tuple[str, ...]:
    return tuple(render(h, locale) for h in _HEAD)


def _shown(value: Decimal | str | None, locale: str) -> str:
    """``_n`` for a rich table: a reported text such as ``[/]`` is shown, never read as markup."""
    return escape(number_text(value, locale))


@own_context
def card_json(card: ScoreCard, locale: str = "zh_CN") -> dict[str, Any]:
    """The scorecard as the JSON the ``score`` command prints."""
    return {
        "rubric": card.rubric,
        "total": card.total,
        "max_total": card.max_total,
        "grade": card.grade,
        "complete": card.complete,
        "excluded": list(card.excluded),
        "raw_total": card.raw_total,
        "applicable_max": card.applicable_max,
        "bonus": card.bonus,
        "bonus_uncapped": card.bonus_uncapped,
        "rows": card.counts,
        "unmatched": [{"path": list(u.path), "reported": u.reported, "reason": say(u.reason, locale),
                       "suggestions": list(u.suggestions)} for u in card.unmatched],
        "indicators": [
            {"name": i.name, "path": list(i.path), "points": i.points, "max_points": i.max_points,
             "reported": i.reported, "status": i.status, "reason": say(i.reason, locale)}
            for i in card
        ],
    }


@own_context
def audit_json(found: Audit, locale: str = "zh_CN") -> dict[str, Any]:
    """The audit as the JSON the ``audit`` command prints."""
    return {
        "rubric": found.card.rubric,
        "total": found.card.total,
        "rows": found.card.counts,
        "discrepancies": [
            {"indicator": say(d.indicator, locale), "kind": d.kind, "soft": d.soft, "reported": d.reported, "computed": d.computed,
             "reason": say(d.reason, locale), **({"cells": list(d.cells)} if d.cells else {})}
            for d in found.discrepancies
        ],
        "unchecked": [{"indicator": i.name, "reported": i.reported, "reason": say(i.reason, locale)}
                      for i in found.unchecked],
    }


def to_json(value: Any) -> str:
    """JSON with Decimals written as exact numbers."""
    if isinstance(value, Decimal):
        return format(value, "f")  # the digits as they are: 81.00 stays 81.00, 4 stays 4
    if isinstance(value, dict):
        return "{" + ", ".join(f"{json.dumps(str(k), ensure_ascii=False)}: {to_json(v)}" for k, v in value.items()) + "}"
    if isinstance(value, list | tuple):
        return "[" + ", ".join(to_json(v) for v in value) + "]"
    return json.dumps(value, ensure_ascii=False)


@own_context
def print_card(card: ScoreCard, console: Console, locale: str = "zh_CN") -> None:
    """The scorecard as a table."""
    h = _heads(locale)
    table = Table(title=escape(card.rubric), show_lines=False)
    for name in h[:6]:
        table.add_column(name, overflow="fold")
    for i in card:
        table.add_row(escape(" / ".join(i.path)), _shown(i.max_points, locale), _shown(i.reported, locale),
                      _shown(i.points, locale), status_word(i.status, locale), escape(say(i.reason, locale)))
    table.add_section()
    notes: list[str] = []
    if card.grade_error is not None:
        notes.append(say(card.grade_error, locale))
    if card.grade_reason is not None:
        notes.append(say(card.grade_reason, locale))  # a veto: said beside a re-normalisation, never replaced by it
    if card.raw_total is not None and card.applicable_max is not None:
        # 总分按适用指标换算成百分制: the sum of those that apply, out of their 分值, scaled to the full marks
        notes.append(render("card_renormalised", locale, raw=_shown(card.raw_total, locale),
                            applicable=_shown(card.applicable_max, locale), total=_shown(card.max_total, locale),
                            names="、".join(card.excluded)))
    if card.bonus_uncapped is not None:
        # 加分事项累计不超过5分: the bonus scored above the cap is not in the total
        notes.append(render("card_bonus_capped", locale, bonus=_shown(card.bonus_uncapped, locale),
                            cap=_shown(card.bonus, locale)))
    if card.carried:
        notes.append(render("card_carried", locale, points=_shown(card.carried, locale)))
    note = ("；" if locale.startswith("zh") else "; ").join(notes)
    if not card.complete:
        n = len(card.missing)
        note = render("card_incomplete", locale, count=n)
    table.add_row(h[6], _shown(card.max_total, locale), _shown(card.reported_total, locale), _shown(card.total, locale),
                  escape(render("card_grade", locale, word=h[7], grade=card.grade or "—")), note)
    console.print(table)
    for u in card.unmatched:
        console.print(escape(render("card_row_not_scored", locale, path=" / ".join(u.path), reason=u.reason)))
    console.print(escape(_counts_line(card, locale)))


def _counts_line(card: ScoreCard, locale: str) -> str:
    """rows read = scored + unchecked + unmatched: every row of the table accounted for."""
    return render("card_counts", locale, **card.counts)


@own_context
def print_audit(found: Audit, console: Console, locale: str = "zh_CN") -> None:
    """The discrepancies as a table (and a line for the indicators it could not check)."""
    if found.discrepancies:
        _discrepancy_table(found, console, locale)  # soft findings too: listed, not counted
    if found.clean:
        console.print(escape(render("audit_clean", locale, rubric=found.card.rubric)))
    if found.unchecked:
        names = "、".join(i.name for i in found.unchecked)
        console.print(escape(render("audit_unchecked", locale, names=names)))
    console.print(escape(_counts_line(found.card, locale)))


def _discrepancy_table(found: Audit, console: Console, locale: str) -> None:
    h = _heads(locale)
    table = Table(title=escape(f"{found.card.rubric} — {h[8]}"))
    for name in (h[0], h[2], h[9], h[5]):
        table.add_column(name, overflow="fold")
    for d in found.discrepancies:
        table.add_row(escape(say(d.indicator, locale)), _shown(d.reported, locale), _shown(d.computed, locale),
                      escape(say(d.reason, locale)))
    console.print(table)


@own_context
def write_xlsx(card: ScoreCard, path: str | Path | IO[bytes]) -> None:
    """The scorecard as a flat .xlsx: each indicator with its reported and computed 得分 side by side.

    The commands write the filled-in 自评表 instead (:func:`perfeval.workbook.write_scored`), which needs the
    evaluation as well as its scorecard; this flat sheet stays for callers that have only a card.
    Every text is a text cell — a name such as ``=HYPERLINK(…)`` is never a formula — and a text a
    spreadsheet cannot hold (a control character) or a file that cannot be written is a DataFileError.
    """
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.title = "评分"
    rows: list[list[Any]] = [["一级指标", "二级指标", "三级指标", "分值", "自报得分", "计算得分", "依据", "说明"]]
    for i in card:
        path_ = list(i.path) + [""] * (3 - len(i.path))
        if len(i.path) == 2:
            path_ = [i.path[0], "", i.path[1]]
        rows.append([*path_[:3], _cell(i.max_points), _cell(i.reported), _cell(i.points), status_word(i.status),
                     str(i.reason)])
    rows.append(["总分", "", "", _cell(card.max_total), _cell(card.reported_total), _cell(card.total),
                 card.grade or "", ""])
    for r, values in enumerate(rows, 1):
        for c, value in enumerate(values, 1):
            _put(ws, r, c, value)
    try:
        wb.save(path if hasattr(path, "write") else str(path))  # a file object too (never its repr as a name)
    except OSError as exc:
        raise DataFileError("xlsx_cannot_write", text=str(path), why=os_reason(exc)) from exc


def _put(ws: Any, row: int, column: int, value: Any) -> None:
    from openpyxl.utils.cell import get_column_letter
    from openpyxl.utils.exceptions import IllegalCharacterError

    try:
        cell = ws.cell(row=row, column=column, value=value)
    except IllegalCharacterError:
        raise DataFileError("xlsx_control_character", text=str(value),
                            location=Location(cell=f"{ws.title}!{get_column_letter(column)}{row}")) from None
    if isinstance(value, str):
        cell.data_type = "s"  # text, never a formula: a name may start with = + - @


def _cell(value: Decimal | None) -> Any:
    # openpyxl writes Decimal as a number cell; keep it Decimal (exact in the file's text).
    return value
