"""``rule.points_many`` is ``[rule.points(v) for v in values]``, whatever the column — with every refusal kept.

For generated rules and values: a list (any value at all), NumPy integer and float arrays, Arrow decimal,
integer and float arrays with nulls, and Polars series. The integer path must agree with the per-value
path on every row, refusals must be None with the row, value and code, and a column too wide for 64-bit
arithmetic must still be exact (scored value by value).
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import numpy as np
import polars as pl
import pyarrow as pa
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import perfeval
from perfeval.errors import PerfevalError
from perfeval.rules.run.vector import vectorisable
from tests.rules.test_backends_agree import ENTRIES, generic
from tests.rules.test_sql import ACCEPTED, _edges

RULES = ACCEPTED + [e.rule for e in ENTRIES if not e.rule.fast][:40]
_FEW = settings(deadline=None, database=None, max_examples=80, suppress_health_check=[HealthCheck.too_slow])


def expected(rule: perfeval.Rule, values: list[Any]) -> tuple[list[Decimal | None], list[tuple[int, str | None]]]:
    points: list[Decimal | None] = []
    errors = []
    for i, v in enumerate(values):
        try:
            points.append(rule.points(v))
        except PerfevalError as exc:
            points.append(None)
            errors.append((i, exc.code))
    return points, errors


def expected_arrow(rule: perfeval.Rule, values: list[Any]) -> tuple[list[Decimal | None], list[tuple[int, str | None]]]:
    """As :func:`expected`, for a decimal128(38) result: points wider than its 38 digits are that row's refusal."""
    points, errors = expected(rule, values)
    places = -rule.precision.as_tuple().exponent  # type: ignore[operator]
    for i, p in enumerate(points):
        if p is not None and abs(int(p.scaleb(places))) >= 10**38:
            points[i] = None
            errors.append((i, "batch_points_too_wide"))
    return points, sorted(errors)


def same(got: list[Any], want: list[Any]) -> None:
    assert [None if g is None else str(g) for g in got] == [None if w is None else str(w) for w in want]


def _near(rule: perfeval.Rule) -> st.SearchStrategy[Decimal]:
    edges = sorted(_edges(rule)) or [Decimal(0)]
    return st.builds(lambda e, k: (e + k * Decimal("0.000001")).quantize(Decimal("0.000001")),
                     st.sampled_from(edges), st.integers(min_value=-3, max_value=3))


@_FEW
@given(st.sampled_from(RULES), st.data())
def test_a_list_of_anything_scores_as_one_value_at_a_time(rule: perfeval.Rule, data: st.DataObject) -> None:
    values = data.draw(st.lists(generic, max_size=30))
    batch = rule.points_many(values)
    points, errors = expected(rule, values)
    same(batch.points, points)
    assert [(e.row, e.code) for e in batch.errors] == errors
    assert all(e.value is values[e.row] and e.message for e in batch.errors)


@_FEW
@given(st.sampled_from(ACCEPTED), st.data())
def test_numpy_arrow_and_polars_columns_score_as_python_does(rule: perfeval.Rule, data: st.DataObject) -> None:
    decimals = data.draw(st.lists(st.one_of(_near(rule), st.decimals(min_value=-5, max_value=200, places=4)),
                                  min_size=1, max_size=200))
    ints = data.draw(st.lists(st.integers(min_value=-5, max_value=120), min_size=1, max_size=100))
    floats = data.draw(st.lists(st.one_of(st.floats(allow_nan=True, allow_infinity=True),
                                          st.floats(min_value=-1, max_value=3),
                                          st.builds(float, _near(rule))), min_size=1, max_size=100))
    with_nulls: list[Decimal | None] = [None if i % 7 == 3 else d for i, d in enumerate(decimals)]

    same(rule.points_many(np.array(ints)).points, expected(rule, ints)[0])
    same(rule.points_many(np.array(floats)).points, expected(rule, floats)[0])
    column = pa.array(with_nulls, pa.decimal128(20, 6))
    want, errors = expected_arrow(rule, with_nulls)
    batch = rule.points_many(column)
    assert batch.points.type == pa.decimal128(38, -rule.precision.as_tuple().exponent)  # type: ignore[operator]
    same(batch.points.to_pylist(), want)
    assert [(e.row, e.code) for e in batch.errors] == errors
    same(rule.points_many(pa.chunked_array([column[:3], column[3:]])).points.to_pylist(), want)
    # without nulls a table's rows are looked up by band, the Arrow words written by band (no quanta column)
    for full in (pa.decimal128(18, 6), pa.decimal128(38, 6), pa.decimal128(38, 4)):
        exact = [d for d in decimals if d == d.quantize(Decimal(1).scaleb(-full.scale))]
        if exact:
            got = rule.points_many(pa.array(exact, full))
            same(got.points.to_pylist(), expected_arrow(rule, exact)[0])
            assert [(e.row, e.code) for e in got.errors] == expected_arrow(rule, exact)[1]
    same(rule.points_many(pa.array(floats, pa.float64())).points.to_pylist(), expected_arrow(rule, floats)[0])
    same(rule.points_many(pa.array(ints, pa.int32())).points.to_pylist(), expected(rule, ints)[0])
    series = rule.points_many(pl.Series(with_nulls, dtype=pl.Decimal(20, 6))).points
    assert isinstance(series, pl.Series)
    same(series.to_list(), want)


def test_the_integer_path_scores_the_columns_of_most_rules() -> None:
    assert sum(vectorisable(r.item) for r in ACCEPTED) >= 0.9 * len(ACCEPTED)


def test_a_bad_row_is_kept_with_its_reason_and_never_a_number() -> None:
    rule = perfeval.compile_rule("90%（含）以上计6分；80%（含）-90%计4分", points=6)
    batch = rule.points_many(np.array([0.95, 0.79, np.nan, 0.85]))
    assert batch.points == [Decimal("6.00"), None, None, Decimal("4.00")]
    assert [(e.row, e.value, e.code) for e in batch.errors][0] == (1, 0.79, "no_band")
    assert batch.errors[1].row == 2 and batch.errors[1].code == "not_finite" and not batch.ok
    count = perfeval.compile_rule("名次第1名得5分，第2名得3分，其余不得分", points=5)
    assert [e.code for e in count.points_many(pa.array([1, 0, 3], pa.int64())).errors] == ["not_a_rank"]


def test_numbers_too_wide_for_64_bits_are_still_exact() -> None:
    rule = perfeval.compile_rule("100%计满分，每低于5%扣2分，扣完为止", points=10)
    huge = [Decimal("12345678901234567890.5"), Decimal("0.9"), Decimal("-98765432109876543210")]
    batch = rule.points_many(pa.array(huge, pa.decimal128(38, 1)))
    same(batch.points.to_pylist(), expected(rule, huge)[0])
    floats = [1e300, 0.1 + 0.2, 0.9]  # beyond the integer path, more than six decimals, and one that is not
    same(rule.points_many(np.array(floats)).points, expected(rule, floats)[0])


def test_every_compiled_rule_scores_its_edges_on_the_integer_path() -> None:
    """Not a sample: every compiled rule on thousands of values at and around its edges, as one Arrow column,
    and the integer path itself (not the per-value fallback) must have scored the rows that have points."""
    from perfeval.rules.run.vector import column_points
    from tests.rules.test_sql import values_for

    for rule in ACCEPTED:
        values = values_for(rule, 1500) + [Decimal("0.931"), Decimal("0.0005"), Decimal("1.0049995")]
        want, errors = expected(rule, values)
        same(rule.points_many(pa.array(values, pa.decimal128(38, 7))).points.to_pylist(), want)
        if vectorisable(rule.item):
            fits = [i for i, v in enumerate(values) if abs(v.scaleb(7)) < 2 ** 62]
            xi = np.array([int(values[i].scaleb(7)) for i in fits], dtype=np.int64)
            quanta, scored = column_points(rule.item, xi, 7)
            places = -rule.precision.as_tuple().exponent  # type: ignore[operator]
            direct = [Decimal(int(q)).scaleb(-places) if ok else None for q, ok in zip(quanta, scored, strict=True)]
            same(direct, [want[i] for i in fits])


def test_an_object_array_is_scored_value_by_value_and_a_table_is_refused() -> None:
    rule = perfeval.compile_rule("90%（含）以上计6分；80%（含）-90%计4分", points=6)
    values = np.array([Decimal("0.95"), "85%", None, 0.5], dtype=object)
    same(rule.points_many(values).points, expected(rule, list(values))[0])
    try:
        rule.points_many(np.zeros((2, 2)))
    except perfeval.ValidationError as refused:
        assert refused.field == "values"
    else:
        raise AssertionError("a 2-D array was scored")
