"""``rule.points_many(values)``: a whole column scored at once, exactly, with a reason for every refused row.

Any iterable is scored value by value (``rule.points``). A NumPy array, an Arrow array or a Polars series
of numbers is scored by :mod:`.run.vector` on scaled 64-bit integers — exact, with every overflow checked
— when the standard is a compiled one-value rule; rows it cannot score exactly that way (NaN, a float with
more than six decimals, a null, a value no band covers) are scored by ``rule.points`` one by one, so the
result is always ``[rule.points(v) for v in values]`` — with each refusal in :attr:`Batch.errors` (row,
value, reason) and ``None`` in its place, never a number and never an exception that loses the rest.

>>> from perfeval import compile_rule
>>> r = compile_rule("90%（含）以上计6分；80%（含）-90%计4分", points=6)
>>> b = r.points_many(["95%", "85%", "70%", None])
>>> b.points
[Decimal('6.00'), Decimal('4.00'), None, None]
>>> [(e.row, e.code) for e in b.errors]
[(2, 'no_band'), (3, 'missing_input')]
"""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal
from typing import TYPE_CHECKING, Any

import attrs

from ..errors import PerfevalError
from ..limits import text_of
from .arith import CTX
from .run.vector import TooWide, column_bands, column_points, vectorisable

if TYPE_CHECKING:
    from .rule import Rule

__all__ = ["Batch", "RowError", "points_many"]

#: Decimals a float may have to be read on the integer path (more goes value by value).
FLOAT_SCALE = 6
_LIMIT = 2 ** 62


@attrs.frozen
class RowError:
    """One refused row: its index, the value as given, the error's code and message (Chinese; the error
    itself, with ``message_in("en")``, is ``error``)."""

    row: int
    value: Any
    code: str | None
    message: str
    error: PerfevalError = attrs.field(eq=False, repr=False)


@attrs.frozen(eq=False)
class Batch:
    """The points of every row — a list of Decimal (None where refused) for an iterable or a NumPy array,
    an Arrow ``decimal128`` array or a Polars ``Decimal`` series (null where refused) for those — and the
    refused rows."""

    points: Any
    errors: tuple[RowError, ...]

    @property
    def ok(self) -> bool:
        """True when no row was refused."""
        return not self.errors

    def __len__(self) -> int:
        return len(self.points)


def points_many(rule: Rule, values: Any) -> Batch:
    """Score every value of ``values`` (see the module docstring)."""
    kind = _columnar(values)
    if kind is None:
        return _one_by_one(rule, values)
    import numpy as np

    if kind == "polars":
        arrow = values.to_arrow()
    elif kind == "arrow":
        arrow = values
    else:
        arrow = None
    if arrow is not None:
        import pyarrow as pa

        if isinstance(arrow, pa.ChunkedArray):
            arrow = arrow.combine_chunks()
        prepared = _decimals(arrow, np)
        out = None if prepared is None else _banded(rule, arrow, *prepared, np)
        if out is not None:
            errors: tuple[RowError, ...] = ()
        else:
            quanta, valid, errors = _arrow(rule, arrow, np, prepared)
            out = _to_arrow(rule, quanta, valid, np)
        if kind == "polars":
            import polars as pl

            return Batch(pl.from_arrow(out), errors)
        return Batch(out, errors)
    quanta, valid, errors = _numpy(rule, values, np)
    return Batch(_to_list(rule, quanta, valid), errors)


def _columnar(values: Any) -> str | None:
    module = type(values).__module__.split(".")[0]
    if module == "numpy" and hasattr(values, "dtype"):
        return "numpy"
    if module == "pyarrow" and hasattr(values, "type"):
        return "arrow"
    if module == "polars" and hasattr(values, "to_arrow"):
        return "polars"
    return None


def _one_by_one(rule: Rule, values: Iterable[Any]) -> Batch:
    points: list[Decimal | None] = []
    errors: list[RowError] = []
    score = rule.points
    for row, value in enumerate(values):
        try:
            points.append(score(value))
        except PerfevalError as exc:
            points.append(None)
            errors.append(_refused(row, value, exc))
    return Batch(points, tuple(errors))


#: A 64-bit column's quanta, and decimal128's 38 digits: the widths a batch's points are written in.
_INT64 = 2**63
_DECIMAL128 = 10**38

def _refused(row: int, value: Any, exc: PerfevalError) -> RowError:
    return RowError(row, value, exc.code, exc.message, exc)


def _places(rule: Rule) -> int:
    exponent = rule.item.precision.as_tuple().exponent
    assert isinstance(exponent, int)
    return -exponent


def _scaled(rule: Rule, xi: Any, scale: int, np: Any, big: int | None = None) -> tuple[Any, Any]:
    """Quanta and scored rows from the integer path, or nothing scored when it does not apply (``big``: a
    bound of the magnitudes in ``xi``, when known)."""
    if vectorisable(rule.item):
        try:
            return column_points(rule.item, xi, scale, big)
        except TooWide:
            pass
    return np.zeros(len(xi), dtype=np.int64), np.zeros(len(xi), dtype=bool)


def _numpy(rule: Rule, values: Any, np: Any) -> tuple[Any, Any, tuple[RowError, ...]]:
    values = np.asarray(values)
    if values.ndim != 1:
        from ..errors import ValidationError

        raise ValidationError("batch_one_column", field="values", value=values.shape)
    n = len(values)
    if values.dtype.kind in "iu" and n and int(values.max()) < _LIMIT and int(values.min()) > -_LIMIT:
        quanta, scored = _scaled(rule, values.astype(np.int64), 0, np)
    elif values.dtype.kind == "f" and n:
        quanta, scored = _floats(rule, values.astype(np.float64), np)
    else:
        quanta, scored = np.zeros(n, dtype=np.int64), np.zeros(n, dtype=bool)
    return _rest(rule, values, quanta, scored, lambda i: _python(values[i], np))


def _python(value: Any, np: Any) -> Any:
    """A NumPy scalar as the Python number it holds (an object array holds Python values already)."""
    return value.item() if isinstance(value, np.generic) else value


def _floats(rule: Rule, f: Any, np: Any) -> tuple[Any, Any]:
    """Floats whose shortest repr has at most FLOAT_SCALE decimals, as whole numbers of 10^-FLOAT_SCALE.

    Below 2^52·10^-FLOAT_SCALE ÷ 2 two such decimals are further apart than a float's spacing, so the one
    that converts back to the float is its repr — the value ``rule.points`` reads (``Decimal(repr(f))``).
    """
    unit = 10.0 ** FLOAT_SCALE
    small = np.isfinite(f) & (np.abs(f) < 2.0 ** 51 / unit)
    xi = np.where(small, np.rint(np.where(small, f, 0.0) * unit), 0.0).astype(np.int64)
    exact = small & (xi.astype(np.float64) / unit == f)
    quanta, scored = _scaled(rule, np.where(exact, xi, 0), FLOAT_SCALE, np)
    return quanta, scored & exact


def _decimals(arrow: Any, np: Any) -> tuple[Any, Any, int | None] | None:
    """An Arrow decimal128 column's low words (one contiguous copy: every pass after it reads memory in
    order), all its words, and — when it has no nulls and every value is its low word below 2^62 — a bound
    of their magnitudes; None for any other column."""
    import pyarrow as pa

    n = len(arrow)
    if not pa.types.is_decimal128(arrow.type) or not n:
        return None
    words = np.frombuffer(arrow.buffers()[1], dtype="<i8")[2 * arrow.offset:2 * (arrow.offset + n)]
    lo = np.ascontiguousarray(words[0::2])
    precision = arrow.type.precision
    # every value below 10^18 < 2^62 fits, or every one is measured to
    big = None if arrow.null_count else 10 ** precision - 1 if precision <= 18 else _fits(lo, words[1::2], np)
    return lo, words, big


def _banded(rule: Rule, arrow: Any, lo: Any, words: Any, big: int | None, np: Any) -> Any | None:
    """A gapless table of constant bands over a decimal column that fits (the usual band table or step
    rule): each row's band, then its 128-bit value looked up by band — no column of quanta in between.
    None when the rule or the column is another kind."""
    import pyarrow as pa

    if big is None or big >= _LIMIT or not vectorisable(rule.item):
        return None
    found = column_bands(rule.item, lo, arrow.type.scale)
    if found is None:
        return None
    band, quanta = found
    places = _places(rule)
    if places < 0:
        quanta, places = quanta * 10 ** -places, 0
    table = np.empty((len(quanta), 2), dtype="<i8")
    table[:, 0], table[:, 1] = quanta, quanta >> 63
    each = pa.Array.from_buffers(pa.decimal128(38, places), len(quanta), [None, pa.py_buffer(table)], null_count=0)
    # Arrow's take reads the int8 bands as they are and writes into its own memory pool, which keeps its
    # pages: NumPy's take would widen the bands to a new intp array and both would be fresh pages from the
    # system on every call (page faults were half the time of a million rows)
    import pyarrow.compute as pc

    return pc.take(each, pa.array(band))


def _arrow(rule: Rule, arrow: Any, np: Any,
           prepared: tuple[Any, Any, int | None] | None) -> tuple[Any, Any, tuple[RowError, ...]]:
    import pyarrow as pa

    n = len(arrow)
    t = arrow.type
    if prepared is not None and prepared[2] is not None:
        lo, _, big = prepared
        return _rest(rule, arrow, *_scaled(rule, lo, t.scale, np, big), lambda i: arrow[i].as_py())
    present = np.ones(n, dtype=bool) if arrow.null_count == 0 else \
        np.asarray(arrow.is_valid().to_numpy(zero_copy_only=False), dtype=bool)
    quanta, scored = np.zeros(n, dtype=np.int64), np.zeros(n, dtype=bool)
    if prepared is not None:
        lo, words, _ = prepared
        hi = words[1::2]
        fits = (hi == (lo >> 63)) & (lo < _LIMIT) & (lo > -_LIMIT) & present
        quanta, scored = _scaled(rule, np.where(fits, lo, 0), t.scale, np)
        scored &= fits
    elif (pa.types.is_integer(t) or pa.types.is_floating(t)) and n:
        raw = arrow.fill_null(0).to_numpy(zero_copy_only=False)
        if raw.dtype.kind == "f":
            quanta, scored = _floats(rule, raw.astype(np.float64), np)
        elif int(raw.max()) < _LIMIT and int(raw.min()) > -_LIMIT:
            quanta, scored = _scaled(rule, raw.astype(np.int64), 0, np)
        scored &= present
    return _rest(rule, arrow, quanta, scored, lambda i: arrow[i].as_py())


def _fits(lo: Any, hi: Any, np: Any) -> int | None:
    """The largest magnitude of the 128-bit values if every one is its low word and below 2^62, else None."""
    least, most = int(lo.min()), int(lo.max())
    big = max(most, -least)
    if big >= _LIMIT:
        return None
    if least >= 0:
        return None if hi.any() else big  # non-negative values (rates, counts): every high word is 0
    return big if np.array_equal(hi, lo >> 63) else None


def _rest(rule: Rule, values: Any, quanta: Any, scored: Any,
          value_at: Any) -> tuple[Any, Any, tuple[RowError, ...]]:
    """Score value by value every row the integer path left, keeping the refusals."""
    import numpy as np

    if scored.all():
        return quanta, scored, ()  # the integer path scored every row
    valid = scored.copy()
    errors: list[RowError] = []
    places = _places(rule)
    for i in np.flatnonzero(~scored).tolist():
        value = value_at(i)
        try:
            points = rule.points(value)
        except PerfevalError as exc:
            errors.append(_refused(i, value, exc))
            continue
        q = int(points.scaleb(places, CTX))
        if not -_INT64 <= q < _INT64:
            # 每发生一起扣2分，可负分 with 9.2E+16 cases: exact, but wider than a column's 64-bit quanta
            if abs(q) >= _DECIMAL128:
                errors.append(_refused(i, value, PerfevalError("batch_points_too_wide", text=text_of(value),
                                                               points=f"{points.normalize(CTX):E}")))
                continue
            if quanta.dtype != object:
                quanta = quanta.astype(object)  # Python ints from here on: still exact
        quanta[i] = q
        valid[i] = True
    return quanta, valid, tuple(errors)


def _to_list(rule: Rule, quanta: Any, valid: Any) -> list[Decimal | None]:
    places = -_places(rule)
    return [Decimal(q).scaleb(places, CTX) if ok else None for q, ok in zip(quanta.tolist(), valid.tolist(),
                                                                            strict=True)]


def _to_arrow(rule: Rule, quanta: Any, valid: Any, np: Any) -> Any:
    """decimal128(38, places) from whole quanta: the 128-bit words written directly (no float, no rounding)."""
    import pyarrow as pa

    places = _places(rule)
    if places < 0:
        quanta, places = quanta * 10 ** -places, 0
    n = len(quanta)
    if quanta.dtype == object:
        # points wider than 64 bits (within decimal128's 38 digits): written through Python's Decimal, exactly
        shift = -places
        cells = [Decimal(q).scaleb(shift, CTX) if ok else None for q, ok in zip(quanta.tolist(), valid.tolist(),
                                                                                 strict=True)]
        return pa.array(cells, pa.decimal128(38, places))
    if n and int(quanta.min()) >= 0:
        words = np.zeros(2 * n, dtype="<i8")  # points ≥ 0, the usual case: every high word is 0
        words[0::2] = quanta
    else:
        words = np.empty(2 * n, dtype="<i8")
        words[0::2] = quanta
        words[1::2] = quanta >> 63
    validity = None if valid.all() else pa.array(valid, pa.bool_()).buffers()[1]
    return pa.Array.from_buffers(pa.decimal128(38, places), n, [validity, pa.py_buffer(words)],
                                 null_count=int(n - valid.sum()))
