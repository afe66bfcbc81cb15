"""Which row of a table is which indicator of a rubric: matched by path, every row accounted for.

A rubric may hold two indicators of the same name under different parents (项目支出共性指标 has 管理制度健全性
under 业务管理 and again under 财务管理). A row is matched by its 三级指标 name and, where the name alone does
not decide, by its 二级 and 一级指标; a row that still fits two indicators, fits none, or repeats a row already
matched is never scored from a guess — it comes back as an :class:`UnmatchedRow` with the reason, and with
"did you mean" names for a row that is in no rubric at all.

>>> from perfeval.model import Indicator
>>> rubric = [("过程", "业务管理", "管理制度健全性"), ("过程", "财务管理", "管理制度健全性")]
>>> rows = [Indicator(level2="财务管理", name="管理制度健全性", points=5, reported=3),
...         Indicator(name="管理制度健全姓", points=5, reported=5)]
>>> m = match_rows(rubric, rows)
>>> m.rows[1].reported, m.rows[0] is None
(Decimal('3'), True)
>>> m.unmatched[0].suggestions
('管理制度健全性',)
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Sequence
from decimal import Decimal
from typing import Any

import attrs

from ..errors import InputError, Location
from ..i18n import Message
from ..model import Indicator
from .reason import Reason, said

Path = tuple[str, ...]

__all__ = ["Matching", "UnmatchedRow", "find_key", "match_rows", "path_text", "suggest"]


@attrs.frozen
class UnmatchedRow:
    """A row of the table that no indicator of the rubric takes, and why (with near names to try)."""

    name: str
    path: Path
    reported: Decimal | None
    reason: Reason
    suggestions: tuple[str, ...] = ()
    source: Location | None = None


@attrs.frozen
class Matching:
    """The row each rubric indicator takes (None when the table has none), in the rubric's order, and the rest."""

    rows: tuple[Indicator | None, ...]
    unmatched: tuple[UnmatchedRow, ...]


def path_text(path: Sequence[str]) -> str:
    """A path as it is written in keys and messages: ``过程/财务管理/管理制度健全性``."""
    return "/".join(path)


def suggest(name: str, known: Iterable[str]) -> tuple[str, ...]:
    """Up to three known names close to ``name`` (for "did you mean").

    >>> suggest("预算执行", ["预算执行率", "资金到位率"])
    ('预算执行率',)
    """
    return tuple(difflib.get_close_matches(name, list(dict.fromkeys(known)), n=3, cutoff=0.6))


def _level(name: str) -> str:
    """A parent's name as compared: 产出指标 and 产出 are one 一级指标 (tables add 指标, rubrics often do not)."""
    name = "".join(name.split())
    return name[:-2] if name.endswith("指标") and len(name) > 2 else name


def _fits(path: Path, level1: str | None, level2: str | None) -> bool:
    """A rubric path fits what the row says of its parents.

    A parent the row leaves blank fits any, and so does a level the rubric does not have (a rubric
    without 二级指标 takes a table's row whatever its 二级); a parent both give must be the same.
    """
    parents = path[:-1]
    for given, at in ((level1, 0), (level2, 1)):
        if given is None or at >= len(parents):
            continue
        if _level(given) != _level(parents[at]):
            return False
    return True


def match_rows(paths: Sequence[Path], rows: Sequence[Indicator]) -> Matching:
    """Match table ``rows`` to the rubric indicators at ``paths`` (see the module's docstring)."""
    by_name: dict[str, list[int]] = {}
    for i, path in enumerate(paths):
        by_name.setdefault(path[-1], []).append(i)
    taken: dict[int, Indicator] = {}
    unmatched: list[UnmatchedRow] = []

    def refuse(row: Indicator, msgid: str, suggestions: tuple[str, ...] = (), **params: Any) -> None:
        unmatched.append(UnmatchedRow(row.name, row.path, row.reported, said(msgid, **params), suggestions,
                                      row.source))

    for row in rows:
        candidates = by_name.get(row.name.strip(), [])
        if not candidates:
            near = suggest(row.name, (p[-1] for p in paths))
            hint = Message("indicator_did_you_mean", names="、".join(near)) if near else ""
            refuse(row, "unknown_indicator", near, name=row.name, hint=hint)
            continue
        # Only the row's own parents tell same-named indicators apart — never their order in the table.
        fitting = [i for i in candidates if _fits(paths[i], row.level1, row.level2)]
        shown = "、".join(path_text(paths[i]) for i in candidates)
        if not fitting:
            refuse(row, "row_other_parents", path=path_text(row.path), shown=shown)
            continue
        if len(fitting) > 1:
            refuse(row, "row_ambiguous", count=len(fitting), name=row.name, shown=shown)
            continue
        index = fitting[0]
        if index in taken:
            first = taken[index]
            where = Message("row_at_line", line=first.source.line) if first.source is not None and first.source.line \
                else ""
            refuse(row, "row_repeated", where=where, path=path_text(paths[index]))
            continue
        taken[index] = row
    return Matching(tuple(taken.get(i) for i in range(len(paths))), tuple(unmatched))


def find_key(paths: Sequence[Path], key: object) -> int:
    """The index of the indicator a key names: its 三级指标 name when that is unique, else its path.

    A path is a tuple or ``"一级/二级/三级"`` (any trailing part of it: ``"财务管理/管理制度健全性"``). An
    unknown or ambiguous key is an :class:`~perfeval.errors.InputError` naming the known keys.

    >>> paths = [("过程", "业务管理", "管理制度健全性"), ("过程", "财务管理", "管理制度健全性")]
    >>> find_key(paths, "财务管理/管理制度健全性")
    1
    """
    if isinstance(key, str):
        # A name with "/" in it (人均/户均完成率) is a name before it is a path.
        whole = [i for i, p in enumerate(paths) if p[-1] == key.strip()]
        if len(whole) == 1:
            return whole[0]
        parts = tuple(p.strip() for p in key.split("/"))
    elif isinstance(key, tuple | list) and key and all(isinstance(p, str) for p in key):
        parts = tuple(p.strip() for p in key)
    else:
        raise InputError("indicator_key_type", text=repr(key), code="unknown_indicator", key=key)
    hits = [i for i, p in enumerate(paths) if len(parts) <= len(p) and p[len(p) - len(parts):] == parts]
    if len(hits) == 1:
        return hits[0]
    shown = path_text(parts)
    if hits:
        options = "、".join(path_text(paths[i]) for i in hits)
        raise InputError("ambiguous_indicator", text=shown, name=shown, options=options,
                         example=path_text(paths[hits[0]][-2:]))
    near = suggest(parts[-1], (p[-1] for p in paths))
    hint = Message("indicator_did_you_mean", names="、".join(near)) if near else ""
    raise InputError("unknown_indicator", text=shown, name=shown, hint=hint)
