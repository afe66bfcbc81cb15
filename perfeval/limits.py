"""Every size limit on input, in one place, so that hostile or broken input fails fast with a clear error.

Each limit holds by construction: the input is measured against it *before* anything costly happens (a
number's digits before it is compared, a workbook's dimension before a cell is read, a file's size before
it is read), and a limit hit is a :class:`LimitError` that names the limit, its maximum, the value found
and — where the caller knows it — the file, line or cell. ``docs/limits.md`` lists them (a test keeps that
page and :data:`LIMITS` in step).

The longest standard in the seeds is about 330 characters; a standard may be three times that. Standards
are parsed clause by clause (between ，；。), so the time grows linearly with the number of clauses; the
limits keep any single input, however hostile, well under a second (``benchmarks/bench_adversarial.py``).

>>> MAX_STANDARD_CHARS, MAX_RUBRIC_BYTES
(1000, 1000000)
>>> LIMITS["standard_chars"].maximum
1000
"""

from __future__ import annotations

from decimal import Decimal

import attrs

from .errors import InputError, Location
from .i18n import N_, Message, Words, render

#: Significant digits of a number given to a rule (an input, an edge of a band, a step).
MAX_DIGITS = 100
#: How far from 1 such a number's exponent may be (1E+100 … 1E-100).
MAX_EXPONENT = 100
#: Significant digits of a 分值, a 满分 or the points of an example (1E+30 points is already absurd).
MAX_POINTS_DIGITS = 30
#: How far from 1 the exponent of points may be.
MAX_POINTS_EXPONENT = 30
#: Significant digits of a rounding precision (0.01, 0.5 …).
MAX_PRECISION_DIGITS = 5
#: How far from 1 a precision's exponent may be (1E-20 at the finest).
MAX_PRECISION_EXPONENT = 20
#: Characters in one scoring standard (评分标准).
MAX_STANDARD_CHARS = 1000
#: Tokens in one clause of a standard: a clause longer than this is not a clause but a run-on paste.
MAX_CLAUSE_TOKENS = 200
#: Clauses (between ，；。 and line breaks) in one standard.
MAX_CLAUSES = 100
#: Parts one standard is the sum of (每项任务各2分 of a 6分 indicator is three): 分值 ÷ each part's points is
#: counted before a part is made, so 各2分 of 10**29 points is refused, not fifty octillion parts.
MAX_PARTS = 100
#: Bytes in one ``.rules`` file.
MAX_RUBRIC_BYTES = 1_000_000
#: 三级指标 in one rubric (a 1 MB rubric of real standards has about 4,400).
MAX_INDICATORS = 5_000
#: 三级指标 in one data file (published tables have tens; scoring each takes about a millisecond).
MAX_DATA_INDICATORS = 1_000
#: Bytes in one self-evaluation data file (TOML, JSON, .xlsx).
MAX_DATA_BYTES = 20_000_000
#: How deep arrays and tables may nest in a TOML or JSON data file (the documented format needs 3).
MAX_NESTING = 32
#: Digits of an integer in a TOML or JSON data file (Python refuses more than 4,300 anyway).
MAX_DATA_INT_DIGITS = 100
#: Rows of one worksheet, read from its declared dimension before any cell is.
MAX_SHEET_ROWS = 2_000
#: Columns of one worksheet.
MAX_SHEET_COLUMNS = 200
#: Cells of one worksheet (rows × columns of its dimension), so a sheet cannot be both tall and wide.
MAX_SHEET_CELLS = 40_000
#: Bytes of one worksheet once uncompressed (the file-size limit only counts compressed bytes).
MAX_SHEET_BYTES = 100_000_000


@attrs.frozen
class Limit:
    """One documented limit: its name, maximum, and what it counts (a message id; :attr:`zh`, :attr:`en`)."""

    name: str
    maximum: int
    what: str

    @property
    def zh(self) -> str:
        """What it counts, in Chinese."""
        return render(self.what, "zh_CN")

    @property
    def en(self) -> str:
        """What it counts, in English."""
        return render(self.what, "en")


#: Every limit by name: the table ``docs/limits.md`` shows.
LIMITS: dict[str, Limit] = {lim.name: lim for lim in (
    Limit("number_digits", MAX_DIGITS, N_("limit_of_number_digits")),
    Limit("number_exponent", MAX_EXPONENT, N_("limit_of_number_exponent")),
    Limit("points_digits", MAX_POINTS_DIGITS, N_("limit_of_points_digits")),
    Limit("points_exponent", MAX_POINTS_EXPONENT, N_("limit_of_points_exponent")),
    Limit("precision_digits", MAX_PRECISION_DIGITS, N_("limit_of_precision_digits")),
    Limit("precision_exponent", MAX_PRECISION_EXPONENT, N_("limit_of_precision_exponent")),
    Limit("standard_chars", MAX_STANDARD_CHARS, N_("limit_of_standard_chars")),
    Limit("clause_tokens", MAX_CLAUSE_TOKENS, N_("limit_of_clause_tokens")),
    Limit("clauses", MAX_CLAUSES, N_("limit_of_clauses")),
    Limit("parts", MAX_PARTS, N_("limit_of_parts")),
    Limit("rubric_bytes", MAX_RUBRIC_BYTES, N_("limit_of_rubric_bytes")),
    Limit("indicators", MAX_INDICATORS, N_("limit_of_indicators")),
    Limit("data_indicators", MAX_DATA_INDICATORS, N_("limit_of_data_indicators")),
    Limit("data_bytes", MAX_DATA_BYTES, N_("limit_of_data_bytes")),
    Limit("nesting", MAX_NESTING, N_("limit_of_nesting")),
    Limit("data_int_digits", MAX_DATA_INT_DIGITS, N_("limit_of_data_int_digits")),
    Limit("sheet_rows", MAX_SHEET_ROWS, N_("limit_of_sheet_rows")),
    Limit("sheet_columns", MAX_SHEET_COLUMNS, N_("limit_of_sheet_columns")),
    Limit("sheet_cells", MAX_SHEET_CELLS, N_("limit_of_sheet_cells")),
    Limit("sheet_bytes", MAX_SHEET_BYTES, N_("limit_of_sheet_bytes")),
)}


class LimitError(InputError):
    """A documented limit exceeded: ``limit`` is the :class:`Limit`, ``value`` what was found.

    The message names the limit, its maximum and the value (Chinese; :meth:`message_in` ``"en"`` for
    English); ``location`` says where, when the caller knows.

    >>> err = LimitError("standard_chars", 1200, text="计计计…")
    >>> print(err)
    超过上限：一条评分标准的字符数为 1200，上限 1000：'计计计…'
    >>> err.message_in("en")
    'over a limit: characters in one standard is 1200, the limit is 1000'
    """

    def __init__(self, limit: str, value: object, *, text: str | None = None,
                 location: Location | None = None) -> None:
        self.limit = LIMITS[limit]
        self.value = value
        super().__init__("over_limit", text=text, location=location, code=f"limit_{limit}",
                         what=Message(self.limit.what), value=value, maximum=self.limit.maximum)


def shown(raw: object, width: int = 60) -> str:
    """``raw`` as text for a message, at most ``width`` characters — safe for an int of any size.

    >>> shown(10 ** 5000), shown(10 ** 5000).message_in("en")
    ('一个 5001 位的整数', 'an integer of 5001 digits')
    >>> shown("9" * 80)
    '999999999999999999999999999999999999999999999999999999999…'
    """
    if isinstance(raw, int) and not isinstance(raw, bool) and raw.bit_length() > 1000:
        return Words("shown_integer_digits", digits=len(str(Decimal(raw)).lstrip('-')))
    if isinstance(raw, Decimal) and raw.is_finite() and abs(raw.as_tuple().exponent) > 1000:  # type: ignore[arg-type]
        return f"{raw:.20E}"  # never a million zeros
    text = str(raw)
    return text if len(text) <= width else text[: width - 3] + "…"


def text_of(value: object, *, as_repr: bool = False) -> str:
    """``str(value)`` (``repr`` with ``as_repr``) — or, for a value Python will not print (an int of more than
    4,300 digits, or a list holding one), what it is.

    >>> text_of([10 ** 5000]), text_of([10 ** 5000]).message_in("en"), text_of("①", as_repr=True)
    ('一个大到无法打印的 list', 'a list too large to print', "'①'")
    """
    try:
        return repr(value) if as_repr else str(value)
    except ValueError:
        return shown(value) if isinstance(value, int) else Words("shown_too_large", kind=type(value).__name__)


def place(text: str, offset: int, path: str | None = None) -> Location:
    """The line and column (from 1) of character ``offset`` (from 0) of ``text``: where a limit was crossed.

    >>> str(place("ab\\ncd", 4))
    '第 2 行第 2 列'
    """
    offset = max(0, min(offset, len(text)))
    start = text.rfind("\n", 0, offset) + 1
    return Location(path, text.count("\n", 0, offset) + 1, offset - start + 1)


def check_length(text: str, limit: int, what: str, path: str | None = None) -> None:
    """Raise :class:`LimitError` when ``text`` is longer than ``limit`` characters (``what``: the limit's
    name in :data:`LIMITS`, such as ``"standard_chars"``), placed at the first character over the limit.

    >>> check_length("计" * 1001, 1000, "standard_chars")
    Traceback (most recent call last):
    ...
    perfeval.limits.LimitError: 超过上限：一条评分标准的字符数为 1001，上限 1000：'计计计计计计计计计计计计计计计计计计计计计计计计计计计计计计计计计计计计计计计计…'（第 1 行第 1001 列）
    """
    if len(text) > limit:
        raise LimitError(what, len(text), text=text[:40] + "…", location=place(text, limit, path))


def check_bytes(text: str, limit: int, what: str, path: str | None = None) -> None:
    """Raise :class:`LimitError` when ``text`` takes more than ``limit`` bytes in UTF-8, placed at the
    character holding the first byte over the limit."""
    if len(text) <= limit // 4:
        return  # no character takes more than four bytes
    size = len(text.encode("utf-8", "surrogatepass"))
    if size > limit:
        within = len(text.encode("utf-8", "surrogatepass")[:limit].decode("utf-8", "ignore"))
        raise LimitError(what, size, text=text[:40] + "…", location=place(text, within, path))


def check_count(count: int, what: str, location: Location | None = None) -> None:
    """Raise :class:`LimitError` when ``count`` is over the limit called ``what``.

    >>> check_count(MAX_INDICATORS + 1, "indicators")
    Traceback (most recent call last):
    ...
    perfeval.limits.LimitError: 超过上限：一个评价体系的三级指标数为 5001，上限 5000
    """
    if count > LIMITS[what].maximum:
        raise LimitError(what, count, location=location)


def check_number(value: Decimal, digits: int, exponent: int, raw: object, *, kind: str = "number",
                 location: Location | None = None) -> None:
    """Raise :class:`LimitError` when ``value`` has more than ``digits`` significant digits or an exponent
    beyond ±``exponent``: such numbers are refused before anything compares or rounds them. ``kind`` is
    ``"number"``, ``"points"`` or ``"precision"`` (which limit is named).

    >>> check_number(Decimal("1E+200"), 100, 100, "1E+200")
    Traceback (most recent call last):
    ...
    perfeval.limits.LimitError: 超过上限：数的指数（绝对值）为 200，上限 100：'1E+200'
    """
    sign, coefficient, exp = value.as_tuple()
    if not isinstance(exp, int):
        raise InputError("number_not_finite", text=shown(raw), code="not_finite", location=location)
    if not any(coefficient):
        return  # a zero is exact whatever its exponent (0E+200 is 0)
    if len(coefficient) > digits:
        raise LimitError(f"{kind}_digits", len(coefficient), text=shown(raw), location=location)
    if abs(value.adjusted()) > exponent or abs(exp) > exponent + digits:
        far = value.adjusted() if abs(value.adjusted()) > exponent else exp
        raise LimitError(f"{kind}_exponent", abs(far), text=shown(raw), location=location)
