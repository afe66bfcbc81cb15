"""``rule.to_sql`` on DuckDB scores what ``rule.points`` scores — every compiled rule of the fixtures, every edge.

Each rule is run once over a few thousand values in one query (its band and step edges, each ± the
smallest step the column can hold, and values spread over its range), with ``errors="null"`` for the
points and ``errors="reason"`` for the refusals: a value Python refuses must be NULL with a reason of the
same code, never a number. Hypothesis adds lists of values per rule; the raise mode must stop the query
naming the value; a rule that is not a function of one number is refused with a reason.
"""

from __future__ import annotations

import random
from decimal import Decimal
from typing import Any

import duckdb
import pyarrow as pa
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import perfeval
from perfeval.errors import PerfevalError
from perfeval.rules.errors import SqlError
from perfeval.rules.meaning import ir
from perfeval.rules.run.codegen import compilable
from perfeval.testing import edge_points
from tests.rules.test_backends_agree import ENTRIES

#: Decimals the test column holds: DECIMAL(38, SCALE); the smallest step is 10^-SCALE.
SCALE = 6
STEP = Decimal(1).scaleb(-SCALE)
_CON = duckdb.connect()  # one connection: opening one costs more than a query
ACCEPTED = [e.rule for e in ENTRIES if e.rule.fast]
REFUSED = [e.rule for e in ENTRIES if not e.rule.fast]


def _edges(rule: perfeval.Rule) -> set[Decimal]:
    """Every edge the rule has (band ends, step edges, a hair either side) and ± the smallest step of each."""
    out: set[Decimal] = set()
    for e in edge_points(rule):
        out.update({e, e - STEP, e + STEP})
    return out


def values_for(rule: perfeval.Rule, count: int = 2500) -> list[Decimal]:
    """The rule's edges and ``count`` values spread over its range, all held exactly by DECIMAL(38, SCALE)."""
    rng = random.Random(rule.text)
    edges = sorted(_edges(rule))
    lo = min([Decimal(-1), *edges])
    hi = max([Decimal(2), *edges])
    spread = [Decimal(rng.randint(int(lo / STEP) - 10, int(hi / STEP) + 10)) * STEP for _ in range(count)]
    whole = [Decimal(n) for n in range(-3, int(hi) + 5)] if rule.item.streams[0].value.kind in (
        ir.Kind.COUNT, ir.Kind.RANK, ir.Kind.NUMBER, ir.Kind.QUANTITY) else []
    # beyond 10^(18 − SCALE) DuckDB reads the value on its 128-bit path: a few values of that size too
    wide = [Decimal("12345678901234.5"), Decimal("-98765432109876.25"), Decimal(10) ** 15]
    out = [v.quantize(STEP) for v in (*edges, *spread, *whole, *wide, Decimal(0))]
    return list(dict.fromkeys(out))


def python(rule: perfeval.Rule, value: Any) -> tuple[str, str]:
    """("points", "6.00") or ("error", code)."""
    try:
        return "points", str(rule.points(value))
    except PerfevalError as exc:
        return "error", str(exc.code)


def in_duckdb(rule: perfeval.Rule, values: list[Decimal | None]) -> list[tuple[str, str]]:
    """Each value's points or refusal code, from one DuckDB query."""
    table = pa.table({"i": pa.array(range(len(values)), pa.int64()),
                      "x": pa.array(values, pa.decimal128(38, SCALE))})
    con = _CON
    con.register("t", table)
    points = rule.to_sql("x", scale=SCALE, errors="null")
    reason = rule.to_sql("x", scale=SCALE, errors="reason")
    rows = con.execute(f"SELECT i, {points} AS p, {reason} AS r FROM t ORDER BY i").fetchall()
    con.unregister("t")
    out = []
    for _, p, r in rows:
        if r is not None:
            assert p is None, (p, r)  # never a number beside a refusal
            out.append(("error", r[len("perfeval["):r.index("]")]))
        else:
            assert p is not None
            out.append(("points", str(p)))
    return out


def check(rule: perfeval.Rule, values: list[Decimal]) -> None:
    want = [python(rule, v) for v in values]
    got = in_duckdb(rule, list(values))
    wrong = [(v, w, g) for v, w, g in zip(values, want, got, strict=True) if w != g]
    assert not wrong, f"{rule.text!r} 分值={rule.max_points}: {len(wrong)} of {len(values)} differ: {wrong[:5]}"


def test_the_rules_are_many_and_of_every_kind() -> None:
    kinds = {r.item.streams[0].value.kind for r in ACCEPTED}
    assert len(ACCEPTED) >= 100 and {ir.Kind.RATE, ir.Kind.COUNT, ir.Kind.RANK, ir.Kind.NUMBER} <= kinds
    steps = {s.mode for r in ACCEPTED for p in r.item.streams[0].fn.pieces for s in ir.walk(p.expr)
             if isinstance(s, ir.Steps)}
    assert len(steps) == 3  # whole, started and pro rata steps


@pytest.mark.parametrize("rule", ACCEPTED, ids=lambda r: r.text[:30])
def test_duckdb_scores_every_edge_as_python_does(rule: perfeval.Rule) -> None:
    check(rule, values_for(rule))


_FEW = settings(deadline=None, database=None, max_examples=60, suppress_health_check=[HealthCheck.too_slow])
_decimals = st.decimals(min_value=Decimal(-2), max_value=Decimal(120), places=SCALE, allow_nan=False)


@_FEW
@given(st.sampled_from(ACCEPTED), st.data())
def test_duckdb_agrees_on_generated_values(rule: perfeval.Rule, data: st.DataObject) -> None:
    edges = sorted(_edges(rule))
    near = st.builds(lambda e, k: (e + k * STEP).quantize(STEP), st.sampled_from(edges),
                     st.integers(min_value=-3, max_value=3)) if edges else _decimals
    values = data.draw(st.lists(st.one_of(_decimals, near), min_size=1, max_size=400))
    check(rule, values)


def test_null_scores_what_nothing_scores_or_stays_null() -> None:
    absent = [r for r in ACCEPTED if r.item.absent is not None]
    assert absent
    for rule in ACCEPTED:
        got = _CON.sql(f"SELECT {rule.to_sql('x', errors='null')}, {rule.to_sql('x', errors='reason')} "
                         "FROM (SELECT CAST(NULL AS DECIMAL(10, 2)) AS x)").fetchall()[0]
        assert got is not None
        if rule.item.absent is not None:
            assert got == (rule.points(None), None)
        else:
            assert got[0] is None and got[1].startswith("perfeval[missing_input]")


def test_raise_mode_stops_the_query_and_names_the_value() -> None:
    rule = perfeval.compile_rule("90%（含）以上计6分；80%（含）-90%计4分", points=6)
    con = duckdb.connect()
    assert con.execute(f"SELECT {rule.to_sql('x')} FROM (VALUES (0.95), (0.8)) t(x)").fetchall() == \
        [(Decimal("6.00"),), (Decimal("4.00"),)]
    with pytest.raises(duckdb.Error, match=r"perfeval\[no_band\] 没有分档覆盖 0\.79"):
        con.execute(f"SELECT {rule.to_sql('x')} FROM (VALUES (0.95), (0.79)) t(x)").fetchall()
    with pytest.raises(duckdb.Error, match=r"no band covers 0\.79"):
        con.execute(f"SELECT {rule.to_sql('x', locale='en')} FROM (VALUES (0.79)) t(x)").fetchall()
    count = perfeval.compile_rule("名次第1名得5分，第2名得3分，其余不得分", points=5)
    with pytest.raises(duckdb.Error, match=r"perfeval\[not_a_rank\]"):
        con.execute(f"SELECT {count.to_sql('x')} FROM (VALUES (2.5)) t(x)").fetchall()


def test_a_value_with_more_decimals_than_the_scale_is_refused_not_rounded() -> None:
    rule = perfeval.compile_rule("100%计满分，每低于5%扣2分，扣完为止", points=10)
    sql = rule.to_sql("x", scale=2, errors="reason")
    got = duckdb.sql(f"SELECT {sql} FROM (VALUES (CAST(0.8999 AS DECIMAL(10, 4))), (0.9)) t(x)").fetchall()
    assert got[0][0].startswith("perfeval[sql_scale] 0.8999") and got[1] == (None,)
    # a column of floating-point numbers is read through the engine's cast, and refused where that loses digits
    got = duckdb.sql(f"SELECT {rule.to_sql('x', errors='null')} FROM (VALUES (0.1::DOUBLE + 0.2::DOUBLE), (0.9::DOUBLE)) t(x)").fetchall()
    assert got == [(None,), (Decimal("6.00"),)]


def test_a_quotient_that_does_not_terminate_is_rounded_once_exactly() -> None:
    """(x − 60%) ÷ (1 − 60%) × 分值 of 3: x = 65% is 0.375 → 0.38; x = 60.1% is 0.0075 → 0.01 (once, half up)."""
    rule = perfeval.compile_rule("完成率小于60%不得分；大于等于60%的，得分=（实际完成率-60%）/（1-60%）×指标分值", points=3)
    assert rule.fast
    values = [Decimal(v) for v in ("0.65", "0.601", "0.6", "0.733333", "0.99999", "1")]
    check(rule, values)


@pytest.mark.parametrize("rule", REFUSED[:60], ids=lambda r: r.text[:30])
def test_a_rule_that_is_not_a_function_of_one_number_is_refused_with_a_reason(rule: perfeval.Rule) -> None:
    with pytest.raises(SqlError) as refused:
        rule.to_sql("x")
    assert refused.value.code.startswith("sql_") and refused.value.message_in("en")
    assert refused.value.code != "sql_dialect"


def test_every_compiled_rule_is_accepted() -> None:
    assert all(compilable(r.item) for r in ACCEPTED)
    for rule in ACCEPTED[::4]:
        for dialect in ("spark", "postgres"):
            assert "CASE" in rule.to_sql("x", dialect)


def test_unknown_dialects_and_modes_are_refused() -> None:
    rule = ACCEPTED[0]
    with pytest.raises(SqlError, match="mysql"):
        rule.to_sql("x", "mysql")
    with pytest.raises(perfeval.ValidationError):
        rule.to_sql("x", errors="zero")
    with pytest.raises(perfeval.ValidationError):
        rule.to_sql("x", scale=-1)


_RUBRIC = """评价体系 示例
满分 20
一级指标 产出 20分
三级指标 完成率 10分
  标准：100%计满分，每低于5%扣2分，扣完为止
三级指标 及时率 6分
  标准：90%（含）以上计6分；80%（含）-90%计4分
三级指标 资料完整 4分
  标准：资料齐全得4分，否则酌情扣分
"""


def test_a_rubric_scores_its_numeric_indicators_in_one_query() -> None:
    rubric = perfeval.loads(_RUBRIC)
    with pytest.raises(SqlError) as refused:
        rubric.to_sql("t")
    assert refused.value.code == "sql_rubric" and "资料完整" in str(refused.value)
    assert "完成率" not in str(refused.value)
    columns = {"完成率": "rate", "及时率": "timely"}
    rows = [(Decimal("0.93"), Decimal("0.95")), (Decimal("0.85"), Decimal("0.79")), (None, Decimal("0.8"))]
    table = pa.table({"id": [1, 2, 3], "rate": pa.array([r[0] for r in rows], pa.decimal128(10, 4)),
                      "timely": pa.array([r[1] for r in rows], pa.decimal128(10, 4))})
    _CON.register("t", table)
    try:
        got = _CON.execute(rubric.to_sql("t", columns, errors="null", keep=("id",)) + " ORDER BY id").fetchall()
    finally:
        _CON.unregister("t")
    expected = []
    for i, (rate, timely) in enumerate(rows, 1):
        row: list[Any] = [i]
        for name, value in (("完成率", rate), ("及时率", timely)):
            rule = rubric.indicator(name).rule
            assert rule is not None
            outcome = python(rule, value) if value is not None else ("error", "missing_input")
            row += [Decimal(outcome[1]) if outcome[0] == "points" else None,
                    None if outcome[0] == "points" else outcome[1]]
        expected.append(row)
    assert [[r[0], r[1], r[2] and r[2][9:r[2].index("]")], r[3], r[4] and r[4][9:r[4].index("]")]] for r in got] == \
        expected
    with pytest.raises(SqlError, match="不存在|没有指标"):
        rubric.to_sql("t", {"产出率": "x"})
