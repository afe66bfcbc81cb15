"""A gate on the whole rule and deductions from last year (PE243–PE245: "未完成县下达控制指标的,婴儿死亡率与上年持平
扣0.2分,每高0.1个千分点加扣0.2分"): at or below the target nothing is deducted; above it, 0.2 at or above last
year's value plus 0.2 per whole 0.1‰ above it, floor 0; below last year, nothing."""

from __future__ import annotations

from decimal import ROUND_FLOOR, Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

import perfeval

RULE = perfeval.compile_rule("未完成县下达控制指标的,婴儿死亡率与上年持平扣0.2分,每高0.1个千分点加扣0.2分。", points=3)
per_mille = st.decimals(min_value=0, max_value=20, places=2)


@settings(max_examples=60, deadline=None)
@given(actual=per_mille, last=per_mille, target=per_mille)
def test_the_gate_then_the_steps_from_last_year(actual: Decimal, last: Decimal, target: Decimal) -> None:
    got = RULE(实际值=f"{actual}‰", 上年值=f"{last}‰", 目标值=f"{target}‰").points
    if actual <= target or actual < last:
        assert got == 3
    else:
        steps = ((actual - last) / Decimal("0.1")).to_integral_value(ROUND_FLOOR)
        assert got == max(Decimal(3) - Decimal("0.2") - Decimal("0.2") * steps, Decimal(0))


def test_the_gate_is_explained() -> None:
    met = RULE(实际值="5.4‰", 上年值="6.0‰", 目标值="5.5‰").explain()
    missed = RULE(实际值="6.3‰", 上年值="6.0‰", 目标值="5.5‰").explain()
    assert "前提不成立" in met and "前提成立" in missed
    assert all(code in missed for code in ("PE243", "PE244", "PE245"))
