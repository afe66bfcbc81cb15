"""The SQL of ``rule.to_sql(..., dialect="spark")`` on Spark (local mode, two cores) scores what Python does.

One Spark session for the module (starting one takes seconds); one query scores a sample of the compiled
rules side by side over their edges, points and refusals; a refused value in raise mode stops the job.
ANSI mode is on (Spark's default since 4.0): an overflow is an error there, never a NULL.
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal
from typing import Any

import pytest

import perfeval
from tests.rules.test_sql import ACCEPTED, SCALE, _edges, python

#: Every twelfth compiled rule: bands, steps, ranks, counts (Spark plans each expression for a while).
SAMPLE = ACCEPTED[::12]
#: Rules per query: the time Spark takes to plan a query grows faster than its columns.
BATCH = 3


@pytest.fixture(scope="module")
def spark() -> Iterator[Any]:
    from pyspark.sql import SparkSession

    session = (SparkSession.builder.master("local[2]").appName("perfeval-sql-test")
               .config("spark.ui.enabled", "false").config("spark.sql.ansi.enabled", "true")
               .config("spark.sql.shuffle.partitions", "2")
               # the generated Java of a long CASE passes 64 KB and falls back anyway: skip compiling it
               .config("spark.sql.codegen.wholeStage", "false").getOrCreate())
    session.sparkContext.setLogLevel("ERROR")
    yield session
    session.stop()


def _values() -> list[Decimal]:
    step = Decimal(1).scaleb(-SCALE)
    out: set[Decimal] = {Decimal(n) for n in range(-2, 12)}
    for rule in SAMPLE:
        out.update(e.quantize(step) for e in _edges(rule))
    return sorted(out)


def test_spark_scores_the_sample_as_python_does(spark: Any) -> None:
    from pyspark.sql.types import DecimalType, LongType, StructField, StructType

    values = _values()
    assert len(SAMPLE) >= 9 and len(values) >= 250
    schema = StructType([StructField("i", LongType()), StructField("x", DecimalType(38, SCALE))])
    spark.createDataFrame(list(enumerate(values)), schema).createOrReplaceTempView("v")
    wrong = []
    for start in range(0, len(SAMPLE), BATCH):
        wrong += _batch(spark, values, SAMPLE[start:start + BATCH])
    assert not wrong, f"{len(wrong)} differ: {wrong[:5]}"


def _batch(spark: Any, values: list[Decimal], rules: list[perfeval.Rule]) -> list[Any]:
    columns = []
    for k, rule in enumerate(rules):
        columns.append(f"{rule.to_sql('x', 'spark', scale=SCALE, errors='null')} AS p{k}")
        columns.append(f"{rule.to_sql('x', 'spark', scale=SCALE, errors='reason')} AS r{k}")
    rows = spark.sql(f"SELECT i, {', '.join(columns)} FROM v ORDER BY i").collect()
    assert len(rows) == len(values)
    wrong = []
    for row in rows:
        value = values[row["i"]]
        for k, rule in enumerate(rules):
            p, r = row[f"p{k}"], row[f"r{k}"]
            got = ("points", str(p)) if r is None else ("error", r[len("perfeval["):r.index("]")])
            assert r is None or p is None
            if got != python(rule, value):
                wrong.append((rule.text, value, got, python(rule, value)))
    return wrong


def test_spark_stops_the_query_on_a_refused_value(spark: Any) -> None:
    rule = perfeval.compile_rule("90%（含）以上计6分；80%（含）-90%计4分", points=6)
    ok = spark.sql(f"SELECT {rule.to_sql('x', 'spark')} AS p FROM VALUES (CAST(0.95 AS DECIMAL(10, 4))) AS t(x)")
    assert ok.collect()[0]["p"] == Decimal("6.00")
    bad = spark.sql(f"SELECT {rule.to_sql('x', 'spark')} AS p FROM VALUES (CAST(0.79 AS DECIMAL(10, 4))) AS t(x)")
    with pytest.raises(Exception, match=r"perfeval\[no_band\]"):
        bad.collect()
