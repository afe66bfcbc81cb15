"""Values listed under one name (family ``listed``): each of 四率 loses 0.3 per whole point below 100%, the
upstream deduction is passed down doubled, floor 0 — the score equals that sum written out by hand."""

from __future__ import annotations

from decimal import ROUND_FLOOR, Decimal

from hypothesis import given
from hypothesis import strategies as st

import perfeval

TEXT = ("②按照网格化管理要求对辖区内出租房屋管理四率(登记率、备案率、签约率、巡查率)达 100%记 6 分。"
        "任一项每下降一个百分点扣 0.3 分,区、街道检查中被扣分的,加倍扣减到责任网格。")
RULE = perfeval.compile_rule(TEXT, points=6)
NAMES = ("登记率", "备案率", "签约率", "巡查率")
rates = st.decimals(min_value=Decimal("0.8"), max_value=Decimal("1.02"), places=4)


def _by_hand(values: list[Decimal], upstream: Decimal) -> Decimal:
    lost = sum((Decimal("0.3") * ((1 - x) / Decimal("0.01")).to_integral_value(ROUND_FLOOR) for x in values if x < 1),
               Decimal(0))
    return max(Decimal(6) - lost - 2 * upstream, Decimal(0))


@given(st.lists(rates, min_size=4, max_size=4), st.decimals(min_value=Decimal(0), max_value=Decimal(4), places=1))
def test_each_rate_by_the_same_steps_and_the_upstream_deduction_doubled(values: list[Decimal],
                                                                         upstream: Decimal) -> None:
    got = RULE(**dict(zip(NAMES, values, strict=True)), 上级扣分=upstream)
    assert got.points == _by_hand(values, upstream)


def test_the_inputs_are_the_listed_values_and_the_upstream_deduction() -> None:
    assert RULE.inputs == (*NAMES, "上级扣分")


def test_the_upstream_deduction_by_another_of_its_names() -> None:
    full = dict.fromkeys(NAMES, "100%")
    assert RULE(**full, 检查扣分="1.2").points == RULE(**full, 上级扣分="1.2").points == Decimal("3.6")
    assert RULE(**full, 区街道检查中被扣分="1").points == Decimal(4)
