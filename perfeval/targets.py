"""The 年度指标值 / 实际完成值 cells of the tables, read as targets.

:func:`target` reads any cell the seeds contain and says what it found — a comparator and quantities
(定量), a date (日期) or text (定性) — with warnings for what it had to interpret, never dropping the
original text. Single quantities are read by :mod:`perfeval.quantities`, which re-exports the names
of this module.

>>> from perfeval.quantities import quantity
>>> t = target("≤29.9万元")
>>> t.comparator, t.value, t.kind.value
('≤', <Quantity(29.9, 'wanyuan')>, '定量')
>>> t.is_met(quantity("29.9万元")), t.completion(quantity("26万元"))
(True, Decimal('1.15'))
>>> str(target("1 个总体规划, 22 个村庄规划")), str(target("2023年12月底前"))
('1 个; 22 个', '≤ 2023-12-31')
"""

from __future__ import annotations

import calendar
import datetime
import enum
import functools
import re
from decimal import Decimal
from typing import TYPE_CHECKING, Literal

import attrs

from perfeval.errors import InputError, NumberFormatError, PerfevalError, UnitError
from perfeval.i18n import N_, Localized, Words, render
from perfeval.numbers import CHINESE_NUMERAL_CHARS, ZeroDenominatorError, exact_div, own_context, plain
from perfeval.quantities import clean_cell, quantity_in, unit_column
from perfeval.rules.vocabulary import COMPARATORS, NEEDS_NUMBER, SUFFIXES
from perfeval.rules.vocabulary import Comparator as VocabularyComparator
from perfeval.text import Normalized
from perfeval.units import convert, is_percent, label, match_unit, registry, to_reference

if TYPE_CHECKING:
    from perfeval.units import Quantity, Unit

__all__ = ["Comparator", "JudgementRequired", "Target", "TargetKind", "target"]

Comparator = Literal["≥", ">", "=", "≤", "<"]


class TargetKind(enum.Enum):
    """What a cell holds, named as 002's 指标类型 column names it.

    >>> TargetKind("定量"), TargetKind.DATE.value
    (<TargetKind.QUANTITATIVE: '定量'>, '日期')
    """

    QUANTITATIVE = "定量"
    """one or more quantities, possibly after a comparator: ≥95%, 21976个, ≤29.9万元"""
    QUALITATIVE = "定性"
    """text that an assessor judges: 及时, 有所提升, 符合国家相关规范和技术标准"""
    DATE = "日期"
    """a date or deadline: 2023/12/31, 2023年底, 2023年12月底前"""


class JudgementRequired(InputError):
    """A comparison only an assessor can make: 定性 text against different text, a date against 完成.

    >>> try:
    ...     target("及时").is_met(target("基本及时"))
    ... except JudgementRequired as exc:
    ...     print(exc.message)
    定性目标需要评价人判断（除非实际完成值与目标文字相同）
    """


_SYMBOLS: tuple[tuple[str, Comparator], ...] = (
    (">=", "≥"), ("<=", "≤"), ("==", "="), ("≥", "≥"), ("≤", "≤"), (">", ">"), ("<", "<"), ("=", "="),
)  # fmt: skip


def _symbol(c: VocabularyComparator) -> Comparator:
    if c.side == "lower":
        return "≥" if c.inclusive else ">"
    if c.side == "upper":
        return "≤" if c.inclusive else "<"
    return "="


# The comparator words of the rules vocabulary (one table for both: a target cell and a standard read
# 不低于/不少于/至少 the same way), longest first so that 大于等于 is not read as 大于. Words that speak of
# what was not done (未完成, 未达到) are for standards, not for a target cell, and 达/超/为 compare only in a
# standard's sentence (为2023年… is a date).
_WORDS: tuple[tuple[str, Comparator], ...] = tuple(
    (word, _symbol(c)) for word, c in sorted(COMPARATORS.items(), key=lambda kv: -len(kv[0]))
    if word not in NEEDS_NUMBER and word != "=" and not word.startswith(("未", "达到或")))
# 以上/以下/以内 include the number (民法典 第1259条), so they are ≥ and ≤.
_SUFFIXES: tuple[tuple[str, Comparator], ...] = tuple(
    (word, "≥" if sfx.side == "lower" else "≤") for word, sfx in sorted(SUFFIXES.items(), key=lambda kv: -len(kv[0]))
    if sfx.side in ("lower", "upper") and sfx.inclusive and word not in ("内", "之后", "以后", "及以后"))

_FULL_DATE = re.compile(
    r"(\d{4})\s*(?:[-/.]\s*(\d{1,2})\s*[-/.]\s*(\d{1,2})|年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*[日号])"
)
_MONTH = re.compile(r"(\d{4})\s*年\s*(\d{1,2})\s*月\s*(?:份|底|末)?")
_YEAR = re.compile(r"(\d{4})\s*年\s*(?:年底|年末|底|末|度)?")
# 12月31日 · 12月底 · 11月: a month of a year not named — a date, never 11 months (that is 11个月)
_NO_YEAR = re.compile(r"(\d{1,2})\s*月\s*(?:(\d{1,2})\s*[日号]|底|末|份|初|中旬|上旬|下旬)|(?:0?[1-9]|1[0-2])\s*月(?!\s*\d)")
_DATE_LEAD = re.compile(r"(?:在|于|截至|截止|力争|计划|预计|确保)\s*(?=\d{4}\s*[年/.-])")
_BEFORE = re.compile(r"\s*(?:之前|以前|前|之内|以内|内)")
# "1:05:00" is the ratio 1:5 after a spreadsheet read it as a time; a ratio has no unit to compare in.
_CLOCK = re.compile(r"\d+(?::\d+){1,2}")
# A number inside running text: not part of a longer number, not "12.3" of "12.3.4".
_LOOSE_NUMBER = re.compile(r"(?<![\d.,])(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?(?![\d]|[.,]\d)")
_SEPARATORS = " ,;:、。.()"


@attrs.frozen
class Target:
    """A 年度指标值 / 实际完成值 cell as read by :func:`target`.

    ``text`` is the cell verbatim; ``clean`` the same text normalised (widths folded, markup and
    wrapped-cell spaces removed). ``comparator`` is one of ≥ > = ≤ < or None; ``values`` the
    quantities found, in order (``value`` is the first); ``date`` the day a 日期 target names (a year
    or month stands for its last day, as deadlines do); ``warnings`` what had to be interpreted, in Chinese
    (each a :class:`~perfeval.i18n.Words`: ``w.message_in("en")``, or :meth:`warnings_in` for all of them).
    """

    text: str
    kind: TargetKind
    comparator: Comparator | None = None
    values: tuple[Quantity, ...] = ()
    date: datetime.date | None = None
    clean: str = attrs.field(default=attrs.Factory(lambda self: self.text.strip(), takes_self=True))
    warnings: tuple[str, ...] = ()

    def warnings_in(self, locale: str | None = "zh_CN") -> tuple[str, ...]:
        """The warnings in ``locale``.

        >>> target("≥有所提升").warnings_in("en")
        ('comparator ≥ ignored: the value is text',)
        """
        return tuple(w.message_in(locale) if isinstance(w, Words) else w for w in self.warnings)

    @property
    def value(self) -> Quantity | None:
        """The first (usually the only) quantity, or None.

        >>> target("≥95%").value
        <Quantity(95, 'percent')>
        """
        return self.values[0] if self.values else None

    @property
    def effective_comparator(self) -> Comparator:
        """The comparator used when comparing: the written one, else ≥ for quantities (a target is to be
        reached — write ≤ for costs) and ≤ for dates (a deadline).

        >>> target("100%").effective_comparator, target("2023年底").effective_comparator
        ('≥', '≤')
        """
        if self.comparator is not None:
            return self.comparator
        return "≤" if self.kind is TargetKind.DATE else "≥"

    def reading(self) -> str:
        """A canonical rendering: quantities in reference units (亩, 元, 天, rates as fractions), dates in
        ISO form, text cleaned. Deterministic; used by tests and explanations.

        >>> target("≤29.9万元").reading(), target("91.22公顷").reading(), target("≥95%").reading()
        ('≤ 299000 元', '1368.3 亩', '≥ 0.95')
        """
        if self.kind is TargetKind.QUALITATIVE:
            return self.clean
        if self.kind is TargetKind.DATE:
            assert self.date is not None
            body = self.date.isoformat()
        else:
            body = "; ".join(_render(q) for q in self.values)
        return " ".join(part for part in (self.comparator or "", body) if part)

    def __str__(self) -> str:
        return self.reading()

    def is_met(self, actual: Quantity | Target) -> bool:
        """Whether ``actual`` satisfies this target under :attr:`effective_comparator`.

        Quantities are compared exactly after converting to the target's unit; several quantities are
        compared pairwise, in order. Different kinds of unit (个 against 处) are a :class:`UnitError`, and
        so is a rate against a bare number (is 96 meant as 96% or as 9600%?). A 定性 target is met by the
        same text; anything else needs an assessor (:class:`JudgementRequired`).

        >>> from perfeval.quantities import quantity
        >>> target("≥95%").is_met(quantity("96%")), target("≤30天").is_met(target("31天"))
        (True, False)
        >>> target("≥10个").is_met(quantity("12处"))
        Traceback (most recent call last):
        ...
        perfeval.errors.UnitError: 无法比较处与个：'12处 vs ≥10个'
        """
        if self.kind is TargetKind.QUALITATIVE:
            other = actual.clean if isinstance(actual, Target) else None
            if other == self.clean:
                return True
            raise JudgementRequired(
                "target_qualitative",
                text=f"{_describe(actual)} vs {self.text}",
            )
        if self.kind is TargetKind.DATE:
            if not (isinstance(actual, Target) and actual.kind is TargetKind.DATE and actual.date):
                raise JudgementRequired(
                    "target_date",
                    text=f"{_describe(actual)} vs {self.text}",
                )
            assert self.date is not None
            return _holds(self.effective_comparator, _order(actual.date, self.date))
        pairs = self._pairs(actual)
        return all(_holds(self.effective_comparator, _order(a, t)) for a, t in pairs)

    def completion(self, actual: Quantity | Target) -> Decimal:
        """The completion ratio, exact: actual/target for ≥, >, = and no comparator; target/actual for ≤
        and < (a cost of 26万元 against ≤29.9万元 is 115% complete). Not capped: capping is the rule's job.

        >>> from perfeval.quantities import quantity
        >>> target("≥95%").completion(quantity("76%")), target("100%").completion(quantity("78.25%"))
        (Decimal('0.8'), Decimal('0.7825'))
        >>> target("≤0%").completion(quantity("0%"))
        Traceback (most recent call last):
        ...
        perfeval.numbers.ZeroDenominatorError: 完成率无定义：实际完成值为 0：'0% vs ≤0%'
        """
        pairs = self._pairs(actual)
        if len(pairs) != 1:
            raise InputError("target_one_quantity", text=self.text)
        a, t = pairs[0]
        inverse = self.effective_comparator in ("≤", "<")
        numerator, denominator, which = (t, a, N_("target_zero_actual")) if inverse else (a, t, N_("target_zero_target"))
        if denominator == 0:
            raise ZeroDenominatorError(
                which,
                text=f"{_describe(actual)} vs {self.text}",
            )
        if numerator < 0 or denominator < 0:
            # -10万元 "of" ≥-5万元 is 200%: a completion ratio of values below zero runs backwards
            raise InputError("target_negative_ratio", text=f"{_describe(actual)} vs {self.text}")
        return exact_div(numerator, denominator)

    def _pairs(self, actual: Quantity | Target) -> list[tuple[Decimal, Decimal]]:
        """(actual, target) magnitudes in the target's units, pairwise."""
        if self.kind is not TargetKind.QUANTITATIVE:
            raise JudgementRequired("target_no_quantity", text=self.text, kind=self.kind.value)
        if not self.values:
            raise InputError("target_no_value", text=self.text)
        if isinstance(actual, Target):
            if actual.kind is not TargetKind.QUANTITATIVE or not actual.values:
                raise JudgementRequired(
                    "target_actual_not_quantity",
                    text=f"{actual.text} vs {self.text}",
                )
            got = actual.values
        else:
            got = (actual,)
        if len(got) != len(self.values):
            raise InputError(
                "target_counts_differ", target=len(self.values), actual=len(got),
                text=f"{_describe(actual)} vs {self.text}",
            )
        return [
            (_comparable(a, t, actual, self), _magnitude(t)) for a, t in zip(got, self.values, strict=True)
        ]


def _magnitude(q: Quantity) -> Decimal:
    m = q.magnitude
    if not isinstance(m, Decimal):
        raise NumberFormatError("quantity_not_decimal", text=repr(m))
    return m


def _comparable(a: Quantity, t: Quantity, actual: Quantity | Target, goal: Target) -> Decimal:
    """``a``'s magnitude in ``t``'s unit, refusing the comparisons that would silently mix."""
    context = f"{_describe(actual)} vs {goal.text}"
    if a.dimensionality != t.dimensionality:
        raise UnitError("target_cannot_compare", text=context, actual=_unit_words(a), target=_unit_words(t))
    if a.units.dimensionless and is_percent(a.units) != is_percent(t.units):  # by the unit: no conversion
        raise UnitError(
            "target_rate_or_number",
            text=context,
        )
    return _magnitude(convert(a, t.units))


def _unit_words(q: Quantity) -> Localized:
    """The unit of ``q`` as the locale writes it (a plain number when it has none)."""
    return Localized(lambda locale: label(q.units, locale or "zh_CN") or render("plain_number", locale))


def _describe(x: Quantity | Target) -> str:
    if isinstance(x, Target):
        return x.text
    return plain(_magnitude(x)) + label(x.units)


def _order(a: Decimal | datetime.date, b: Decimal | datetime.date) -> int:
    return (a > b) - (a < b)  # type: ignore[operator]


def _holds(comparator: Comparator, order: int) -> bool:
    return {"≥": order >= 0, ">": order > 0, "=": order == 0, "≤": order <= 0, "<": order < 0}[comparator]


def _render(q: Quantity) -> str:
    ref = to_reference(q)
    name = label(ref.units)
    return plain(_magnitude(ref)) + (" " + name if name else "")


#: 控制在30天以内 · 最多30天 · 在30天内完成 · 30天（含）以内 · 不少于20人次参加: a comparator in the words around the
#: one quantity of a cell (the number is not at either end, so neither the leading words nor the suffixes saw it)
_WORDED_CEILING = re.compile(r"(?:控制在|最多|至多|不超过|不高于|不多于|不大于)\s*[\d.]"
                             r"|[\d.]\s*[^\d\s,，;；]{0,6}?(?:（含）|\(含\))?(?:以内|之内|内|及以下|以下)")
_WORDED_FLOOR = re.compile(r"(?:至少|不少于|不低于|不小于)\s*[\d.]|[\d.]\s*[^\d\s,，;；]{0,6}?(?:（含）|\(含\))?(?:及以上|以上)")


def _worded_comparator(s: str, warnings: list[str]) -> Comparator | None:
    """The comparator the words around a cell's one quantity say (see :data:`_WORDED_CEILING`), or None when
    they say none — or both, which is not a comparison perfeval reads."""
    ceiling, floor = _WORDED_CEILING.search(s), _WORDED_FLOOR.search(s)
    if (ceiling is None) == (floor is None):
        return None
    found = ceiling or floor
    assert found is not None
    warnings.append(Words("target_comparator_from_words", words=found.group().strip("0123456789. "),
                          comparator="≤" if ceiling is not None else "≥"))
    return "≤" if ceiling is not None else "≥"


def _leading_comparator(s: str, i: int) -> tuple[Comparator | None, int]:
    for spelled, comparator in (*_SYMBOLS, *_WORDS):
        if s.startswith(spelled, i):
            return comparator, i + len(spelled)
    return None, i


def _date(s: str, i: int, warnings: list[str]) -> tuple[datetime.date | None, int] | None:
    """A date at ``s[i:]``: 2023/12/31, 2023年12月31日, 2023年12月(底), 2023年(底|度); ``(None, end)``
    for one that is written like a date but does not exist (2023/13/45)."""
    for pattern in (_FULL_DATE, _MONTH, _YEAR):
        m = pattern.match(s, i)
        if not m:
            continue
        groups = [g for g in m.groups() if g is not None]
        year = int(groups[0])
        if not 1900 <= year <= 2100:
            return None
        try:
            if len(groups) == 3:
                day = datetime.date(year, int(groups[1]), int(groups[2]))
            elif len(groups) == 2:
                month = int(groups[1])
                day = datetime.date(
                    year, month, calendar.monthrange(year, month)[1] if 1 <= month <= 12 else 0
                )
            else:
                day = datetime.date(year, 12, 31)
        except ValueError:
            warnings.append(Words("target_not_a_date", text=m.group()))
            return None, m.end()
        return day, m.end()
    m = _NO_YEAR.match(s, i)
    if m:  # "12月31日" is a date, but of which year? Not 12 months and 31 days.
        warnings.append(Words("target_date_without_year", text=m.group()))
        return None, m.end()
    return None


def _loose(norm: Normalized, start: int, warnings: list[str]) -> tuple[Quantity, ...]:
    """Every Arabic number followed by a known unit in running text (年 after a year is not a quantity)."""
    s = norm.text
    found: list[Quantity] = []
    spans: list[tuple[int, int]] = []
    for m in _LOOSE_NUMBER.finditer(s, start):
        at = m.end()
        while at < len(s) and s[at] == " ":
            at += 1
        hit = match_unit(s, at)
        if hit is None:
            continue
        u, end = hit
        number = m.group().replace(",", "")
        if u == registry().Unit("year") and len(number) == 4 and 1900 <= int(number) <= 2100:
            continue  # "2021 年土地年度卫片", "为2023年…": a year named, not a duration
        found.append(registry().Quantity(Decimal(number), u))
        spans.append((m.start(), end))
    if found:
        rest, i = [], start
        for a, b in spans:
            rest.append(s[i:a])
            i = b
        rest.append(s[i:])
        words = [w.strip(_SEPARATORS) for w in rest if w.strip(_SEPARATORS)]
        if words:
            warnings.append(Words("target_words_kept", words=" … ".join(words)))
    return tuple(found)


def target(text: str, unit: str | None = None) -> Target:
    r"""Read a 年度指标值 / 实际完成值 / 指标值 cell (with its 计量单位 column, if the table has one).

    - ``≥95%``, ``≤29.9 万元``, ``≥ 50``, ``$\leq$ 2602.21`` with ``unit="万元"``, ``=100%``, ``不低于90%``,
      ``95%以上`` → 定量 with a comparator; ``21976个``, ``100%`` → 定量 without one;
    - ``1 个总体规划, 22 个村庄规划`` → 定量 with several values (the words kept in ``text``);
    - ``2023/12/31``, ``2023年底``, ``2023年12月底前`` (→ ``≤``) → 日期;
    - ``及时``, ``符合国家相关规范和技术标准`` → 定性; ``1:05:00`` (a ratio a spreadsheet turned into a
      time) → 定性 with a warning.

    A cell that starts like a number but is malformed (``12.3.4万元``) raises, as :func:`quantity` does.

    >>> target("≥ 50").reading(), target(r"$\leq$ 2602.21", unit="万元").reading()
    ('≥ 50', '≤ 26022100 元')
    >>> t = target("1:05:00")
    >>> t.kind.value, t.warnings
    ('定性', ("'1:05:00' 像被电子表格改成时间的比例或时间；按文字保留",))
    >>> t.warnings_in("en")
    ("'1:05:00' looks like a ratio or a time mangled by a spreadsheet; kept as text",)
    """
    if not isinstance(text, str):
        raise InputError("target_not_text", text=repr(text))
    # Tables repeat their cells (100%, ≥95%, 及时, 全县 …): a short one is read once per process. The result
    # is frozen and read in perfeval's own context, so a cached one is the one a fresh reading would give.
    return _cached_target(text, unit) if len(text) <= _CACHED_CHARS else _read_target(text, unit)


_CACHED_CHARS = 200


@own_context
def _read_target(text: str, unit: str | None) -> Target:
    warnings: list[str] = []
    norm = clean_cell(text, warnings)
    s = norm.text
    column = unit_column(unit)
    if not s:
        raise InputError("target_empty", text=text)

    comparator, i = _leading_comparator(s, 0)
    while i < len(s) and s[i] == " ":
        i += 1

    def make(
        kind: TargetKind,
        comparator: Comparator | None = None,
        values: tuple[Quantity, ...] = (),
        date: datetime.date | None = None,
    ) -> Target:
        return Target(text, kind, comparator, values, date, clean=s, warnings=tuple(warnings))

    if i == len(s):
        if comparator is None:
            raise InputError("target_empty", text=text)
        warnings.append(Words("target_comparator_alone"))
        return make(TargetKind.QUANTITATIVE, comparator)

    date = _date(s, i, warnings)
    lead = _DATE_LEAD.match(s, i)
    if date is None and lead is not None:
        # 在2024年12月底前 · 于2023年底前完成: the words before a deadline, never "12 months"
        date = _date(s, lead.end(), warnings)
    if date is not None and date[0] is None:
        return make(TargetKind.QUALITATIVE)
    if date is not None and date[0] is not None:
        day, end = date
        before = _BEFORE.match(s, end)
        if before:
            if comparator is None:
                comparator = "≤"
            end = before.end()
        tail = s[end:].strip(_SEPARATORS)
        if tail:
            warnings.append(Words("target_after_date_kept", tail=tail))
        return make(TargetKind.DATE, comparator, date=day)

    try:
        q = quantity_in(norm, i, len(s), column, False, warnings)
        return make(TargetKind.QUANTITATIVE, comparator, (q,))
    except (NumberFormatError, UnitError) as exc:
        strict_error: PerfevalError = exc

    if comparator is None:
        for spelled, implied in _SUFFIXES:
            if s.endswith(spelled):
                try:
                    q = quantity_in(norm, i, len(s) - len(spelled), column, False, warnings)
                except (NumberFormatError, UnitError):
                    break
                return make(TargetKind.QUANTITATIVE, implied, (q,))

    if _CLOCK.fullmatch(s, i):
        warnings.append(Words("target_ratio_or_time", text=s[i:]))
        return make(TargetKind.QUALITATIVE)

    found = _loose(norm, i, warnings)
    if found and comparator is None and len(found) == 1:
        comparator = _worded_comparator(s, warnings)
    elif found and len(found) == 1 and (worded := _worded_comparator(s[i:], [])) is not None and \
            (worded == "≤") != (comparator in ("≤", "<")):
        # ≥控制在30天以内 (a 指标类型 column's ≥ before a ceiling in words): which one holds is not said
        raise InputError("target_two_comparators", text=text, comparator=comparator, worded=worded)
    if found:
        if column is not None and any(q.dimensionality != column.dimensionality for q in found):
            warnings.append(Words("target_column_ignored_units", column=_label(column)))
        return make(TargetKind.QUANTITATIVE, comparator, found)

    if s[i] in "0123456789+-." or (s[i] in CHINESE_NUMERAL_CHARS and comparator is not None):
        raise strict_error
    if comparator is not None:
        warnings.append(Words("target_comparator_ignored", comparator=comparator))
    if column is not None:
        warnings.append(Words("target_column_ignored_text", column=_label(column)))
    return make(TargetKind.QUALITATIVE)


_cached_target = functools.lru_cache(maxsize=4096)(_read_target)


def _label(u: Unit) -> Localized:
    """A unit's name in the language of the message it fills in (万元 / 10⁴ yuan)."""
    return Localized(lambda locale: label(u, locale or "zh_CN"))
