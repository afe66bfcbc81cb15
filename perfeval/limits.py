"""Size limits on input, so that hostile or broken input fails fast with a clear error.

The longest standard in the seeds is about 330 characters; a standard may be three times that. Standards
are parsed clause by clause (between ，；。), so the time grows linearly with the number of clauses; the
limit keeps any single input, however hostile, well under a second.

>>> MAX_STANDARD_CHARS, MAX_RUBRIC_BYTES
(1000, 1000000)
"""

from __future__ import annotations

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
                         text=text[:40] + "…")
