"""The SQL of ``rule.to_sql(..., dialect="postgres")`` on a real PostgreSQL (pgserver: a server in a wheel,
started once for the module in a temporary folder) scores what Python does, on a sample of compiled rules."""

from __future__ import annotations

import glob
import tempfile
from collections.abc import Iterator
from decimal import Decimal
from typing import Any

import pg8000.native
import pgserver
import pytest

import perfeval
from tests.rules.test_sql import ACCEPTED, SCALE, python, values_for

#: Every third compiled rule.
SAMPLE = ACCEPTED[::3]


@pytest.fixture(scope="module")
def pg() -> Iterator[Any]:
    with tempfile.TemporaryDirectory() as folder:
        server = pgserver.get_server(folder, cleanup_mode="stop")
        sockets = glob.glob(f"{server.get_uri().split('host=')[1]}/.s.PGSQL.*")
        con = pg8000.native.Connection("postgres", unix_sock=sockets[0])
        try:
            yield con
        finally:
            con.close()
            server.cleanup()


def in_postgres(con: Any, rule: perfeval.Rule, values: list[Decimal]) -> list[tuple[str, str]]:
    points = rule.to_sql("x", "postgres", scale=SCALE, errors="null")
    reason = rule.to_sql("x", "postgres", scale=SCALE, errors="reason")
    array = ",".join(f"{v:f}" for v in values)
    rows = con.run(f"SELECT i, {points}, {reason} FROM unnest(ARRAY[{array}]::numeric(38, {SCALE})[]) "
                   "WITH ORDINALITY AS t(x, i) ORDER BY i")
    out = []
    for _, p, r in rows:
        assert r is None or p is None
        out.append(("points", str(p)) if r is None else ("error", r[len("perfeval["):r.index("]")]))
    return out


@pytest.mark.parametrize("rule", SAMPLE, ids=lambda r: r.text[:30])
def test_postgres_scores_every_edge_as_python_does(pg: Any, rule: perfeval.Rule) -> None:
    values = values_for(rule, 300)
    want = [python(rule, v) for v in values]
    got = in_postgres(pg, rule, values)
    wrong = [(v, w, g) for v, w, g in zip(values, want, got, strict=True) if w != g]
    assert not wrong, f"{rule.text!r}: {len(wrong)} of {len(values)} differ: {wrong[:5]}"


def test_postgres_stops_the_query_on_a_refused_value(pg: Any) -> None:
    rule = perfeval.compile_rule("90%（含）以上计6分；80%（含）-90%计4分", points=6)
    assert pg.run(f"SELECT {rule.to_sql('x', 'postgres')} FROM (VALUES (0.95)) t(x)") == [[Decimal("6.00")]]
    with pytest.raises(pg8000.exceptions.DatabaseError, match=r"perfeval\[no_band\]"):
        pg.run(f"SELECT {rule.to_sql('x', 'postgres')} FROM (VALUES (0.95), (0.79)) t(x)")
