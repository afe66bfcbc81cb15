"""Bands over several values (family ``rows``): a pair of values scores the one row whose conditions both
hold, written out here by hand; a pair no row holds raises NoBandError — never another row's points."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

import perfeval
from perfeval.rules.errors import NoRowError

TABLE = ("防疫员进村服务率100%,年均每名防疫员进村24次以上\n| 5\n| 防疫员进村服务率85-99%,年均进村18次以上\n| 4\n"
         "| 防疫员进村服务率70-84%,年均进村12次以上\n| 2.5\n| 防疫员进村服务率<70%,年均进村11次以下\n| 1")
RULE = perfeval.compile_rule(TABLE, points=5)


def _by_hand(rate: Decimal, visits: Decimal) -> Decimal | None:
    """The table as a reviewer reads it: 85-99% runs on to 100%, 70-84% to 85%."""
    rows = [(rate == 1 and visits >= 24, "5"), (Decimal("0.85") <= rate < 1 and visits >= 18, "4"),
            (Decimal("0.7") <= rate < Decimal("0.85") and visits >= 12, "2.5"),
            (rate < Decimal("0.7") and visits <= 11, "1")]
    held = [Decimal(p) for ok, p in rows if ok]
    assert len(held) <= 1
    return held[0] if held else None


@given(st.decimals(min_value=Decimal("0.5"), max_value=Decimal("1.05"), places=4),
       st.decimals(min_value=Decimal(0), max_value=Decimal(40), places=1))
def test_a_pair_scores_its_one_row_or_raises(rate: Decimal, visits: Decimal) -> None:
    want = _by_hand(rate, visits)
    if want is None:
        with pytest.raises(perfeval.NoBandError):
            RULE(服务率=rate, 人均进村次数=visits)
    else:
        assert RULE(服务率=rate, 人均进村次数=visits).points == want


def test_the_error_names_both_values() -> None:
    with pytest.raises(NoRowError) as caught:
        RULE(服务率="100%", 人均进村次数=20)
    assert "100%" in caught.value.message_in("en") and "20" in caught.value.message_in("en")
    assert [name for name, _ in caught.value.values] == ["防疫员进村服务率", "年均进村"]


def test_the_values_are_named_in_the_rules_inputs() -> None:
    assert RULE.inputs == ("防疫员进村服务率", "年均进村")


def test_a_name_sharing_as_much_with_both_values_is_refused() -> None:
    # 进村 is in both names: which value it gives is not said
    with pytest.raises(perfeval.PerfevalError):
        RULE(服务率="90%", 进村=18)
