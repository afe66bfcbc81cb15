"""A grade given by rank quota beside the grade table: 优秀单位原则上按参评单位数的五分之一确定.

"考评结果分为优秀、合格和不合格三个等次 … 优秀单位原则上按参评单位数的五分之一确定。所有参评单位得分在72分以上的(含72分)
为合格单位,72分以下的为不合格单位": the bands grade the total (合格, 不合格); the best grade goes to the top
fifth by rank — 名次 ≤ 参评单位数 × 1/5, inputs 名次 and 参评单位数 (reading PE258). A quota that is no whole
number of units (21 × 1/5) is not said how to round: an error, never a guess. 原则上 (as a rule) leaves a
unit within the quota whose total fails the table to the reviewers: an error as well. The sentence that
names the grades (分为优秀、合格和不合格三个等次) only names them; its names must be the ones the table uses.

>>> from perfeval.rules.syntax.parser import parse
>>> grade_quota(parse("优秀单位原则上按参评单位数的五分之一确定。72分以上为合格，72分以下为不合格。"))
Quota(label='优秀', share=Decimal('0.2'), text='优秀单位原则上按参评单位数的五分之一确定')
"""

from __future__ import annotations

import re
from decimal import Decimal

import attrs

from ...syntax.parser import Standard
from ..statements import Statement, statements

__all__ = ["COUNT_NAMES", "Quota", "declares_grades", "grade_quota", "quota_of"]

_DIGITS = {"一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9, "十": 10}
#: 优秀单位原则上按参评单位数的五分之一确定 · 优秀等次按参评单位总数的20%评定
_QUOTA = re.compile(r"^(?P<label>[^，,。;；（(]{1,6}?)(?:单位|等次|等级)?(?P<rule>原则上)?(?:按|为)(?:参评|参加考评|参与考核|考核)?"
                    r"单位(?:总)?数的?(?:(?P<den>[二三四五六七八九十])分之(?P<num>[一二三])|(?P<pct>\d+(?:\.\d+)?)%)"
                    r"(?:确定|评定|确认)?$")
#: 考评结果分为优秀、合格和不合格三个等次: the grades named, no ranges
_DECLARED = re.compile(r"分为(?P<names>[^，,。;；]+?)(?:[两二三四五六七八九十]|\d+)个?(?:等次|等级|档次)$")
#: how the number of units graded is given
COUNT_NAMES = ("参评单位数", "参评单位总数", "单位数", "参评数")


@attrs.frozen
class Quota:
    """The grade ``label`` for the units ranked within ``share`` of the number graded (``text`` as written);
    :class:`~perfeval.rules.tables.GradeTable` applies it."""

    label: str
    share: Decimal
    text: str


def _words(s: Statement, text: str) -> str:
    return re.sub(r"\s+", "", text[s.span.start : s.span.end]).strip("，,。;；")


def quota_of(s: Statement, text: str) -> Quota | None:
    """The quota a statement states, or None."""
    m = _QUOTA.match(_words(s, text))
    if m is None:
        return None
    if m.group("pct") is not None:
        share = Decimal(m.group("pct")) / 100
    else:
        share = Decimal(_DIGITS[m.group("num")]) / Decimal(_DIGITS[m.group("den")])
    if not 0 < share < 1:
        return None
    return Quota(m.group("label"), share, _words(s, text))


def declares_grades(s: Statement, text: str) -> tuple[str, ...] | None:
    """The grades a sentence only names (分为优秀、合格和不合格三个等次), or None."""
    m = _DECLARED.search(_words(s, text))
    if m is None:
        return None
    return tuple(x for x in re.split(r"[、，,和及与]", m.group("names")) if x)


def grade_quota(standard: Standard) -> Quota | None:
    """The rank quota of a grade table's text (see the module docstring), or None."""
    found = [q for s in statements(standard) for q in (quota_of(s, standard.text),) if q is not None]
    return found[0] if len(found) == 1 else None
