"""Size limits on input, so that hostile or broken input fails fast with a clear error.

The longest standard in the seeds is about 330 characters; a standard may be three times that. Standards
are parsed clause by clause (between ，；。), so the time grows linearly with the number of clauses; the
limit keeps any single input, however hostile, well under a second.

>>> MAX_STANDARD_CHARS, MAX_RUBRIC_BYTES
(1000, 1000000)
"""

from __future__ import annotations

from decimal import Decimal

from .errors import InputError

#: Characters in one scoring standard (评分标准).
MAX_STANDARD_CHARS = 1000
#: Bytes in one ``.rules`` file.
MAX_RUBRIC_BYTES = 1_000_000
#: Bytes in one self-evaluation data file (TOML, JSON, .xlsx).
MAX_DATA_BYTES = 20_000_000


def check_length(text: str, limit: int, what: str) -> None:
    """Raise :class:`InputError` when ``text`` is longer than ``limit`` characters."""
    if len(text) > limit:
        raise InputError(f"{what} is {len(text)} characters long; the limit is {limit}",
                         text=text[:40] + "…", code="limit_length")


def check_number(value: Decimal, digits: int, exponent: int, raw: object) -> None:
    """Raise :class:`InputError` when ``value`` has more than ``digits`` significant digits or an exponent
    beyond ±``exponent``: such numbers are refused before anything compares or rounds them.

    >>> check_number(Decimal("1E+200"), 100, 100, "1E+200")
    Traceback (most recent call last):
    ...
    perfeval.errors.InputError: a number may have at most 100 digits and an exponent within ±100: '1E+200'
    """
    sign, coefficient, exp = value.as_tuple()
    if not isinstance(exp, int):
        raise InputError("not a finite number", text=str(raw), code="not_finite")
    if not any(coefficient):
        return  # a zero is exact whatever its exponent (0E+200 is 0)
    if len(coefficient) > digits or abs(value.adjusted()) > exponent or abs(exp) > exponent + digits:
        shown = str(raw)
        raise InputError(f"a number may have at most {digits} digits and an exponent within ±{exponent}",
                         text=shown if len(shown) <= 60 else shown[:57] + "…", code="limit_digits")
