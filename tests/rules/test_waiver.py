"""A waiver of the deductions by a second named condition (PE241, PE242: "但本地区…的比重高于各地区平均比重加3%的，
可不扣分"): when the two named values compare so, the item scores its 分值; otherwise the steps deduct as
they would without the waiver."""

from __future__ import annotations

from decimal import ROUND_FLOOR, Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

import perfeval

TEXT = ("1.按照省定的乡镇卫生院人员配置标准，根据服务人口数，足额配备本地区卫生院专业技术人员的，得2分。若配备不足的，每少1%，"
        "扣0.2分；但本地区卫生院专技人员总量占地区卫生人员总量的比重高于各地区平均比重加3%的，可不扣分。")
RULE = perfeval.compile_rule(TEXT, points=2)
WITHOUT = perfeval.compile_rule(TEXT.split("；但")[0], points=2)
shares = st.decimals(min_value=0, max_value=1, places=3)


@settings(max_examples=60, deadline=None)
@given(rate=st.decimals(min_value=0, max_value=Decimal("1.2"), places=3), own=shares, average=shares)
def test_the_waiver_or_the_steps(rate: Decimal, own: Decimal, average: Decimal) -> None:
    got = RULE(配备率=f"{rate * 100}%", 本地占比=f"{own * 100}%", 平均占比=f"{average * 100}%").points
    if own - average > Decimal("0.03"):
        assert got == 2
    else:
        assert got == WITHOUT(f"{rate * 100}%").points
        short = max((1 - rate) * 100, Decimal(0)).to_integral_value(ROUND_FLOOR)
        assert got == max(Decimal(2) - Decimal("0.2") * short, Decimal(0))


def test_the_waiver_is_explained() -> None:
    text = RULE(配备率="95%", 本地占比="33.1%", 平均占比="30%").explain()
    assert "PE241" in text and "PE242" in text and "免扣" in text


def test_the_value_scored_may_be_given_alone_with_the_named_values() -> None:
    assert RULE("95%", 本地占比="33.1%", 平均值="30%").points == 2
    assert RULE("95%", 本地占比="33%", 平均值="30%").points == 1
