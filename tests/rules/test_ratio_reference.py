"""A step rule whose reference is the ratio of two named counts (PE240: 不低于业务科室数占全部内设科室数的比例):
the steps count whole percentage points of the value below count_a/count_b, whatever the counts are."""

from __future__ import annotations

from decimal import ROUND_FLOOR, Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

import perfeval

RULE = perfeval.compile_rule("业务科室实配专业技术人员占比不低于业务科室数占全部内设科室数的比例，得2分；每差1%，扣0.1分",
                             points=2)


@settings(max_examples=60, deadline=None)
@given(share=st.decimals(min_value=0, max_value=1, places=3), a=st.integers(0, 30), extra=st.integers(1, 30))
def test_whole_points_below_the_ratio(share: Decimal, a: int, extra: int) -> None:
    b = a + extra
    short = (Decimal(a) / Decimal(b) - share) * 100
    steps = max(short, Decimal(0)).to_integral_value(ROUND_FLOOR)
    want = max(Decimal(2) - Decimal("0.1") * steps, Decimal(0))
    got = RULE(实配占比=f"{share * 100}%", 业务科室数=a, 内设科室数=b).points
    assert got == want.quantize(Decimal("0.01"))


def test_the_counts_named_in_any_order_and_by_their_longest_shared_run() -> None:
    assert RULE(内设科室数=8, 实配占比="72%", 业务科室数=6).points == Decimal("1.7")
    assert RULE(全部内设科室数=8, 业务科室数=6, 业务科室实配专业技术人员占比="72%").points == Decimal("1.7")


def test_the_reading_is_stated() -> None:
    assert "PE240" in RULE(实配占比="72%", 业务科室数=6, 内设科室数=8).explain()
