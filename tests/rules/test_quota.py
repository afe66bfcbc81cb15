"""A grade by rank quota (GradeTable.quota): the quota's grade for the units ranked within it, the table's
for the rest; the sentence that names the grades must agree with the table."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

import perfeval

TABLE = perfeval.compile_grades("考评结果分为优秀、合格和不合格三个等次。优秀单位原则上按参评单位数的五分之一确定。"
                                "得分在72分以上的(含72分)为合格单位,72分以下的为不合格单位。")


@given(st.integers(min_value=1, max_value=40), st.integers(min_value=72, max_value=100))
def test_the_top_fifth_by_rank_is_the_quota_grade(rank: int, total: int) -> None:
    assert TABLE(得分=total, 名次=rank, 参评单位数=40) == ("优秀" if rank <= 8 else "合格")


def test_a_grade_named_but_never_given_is_refused() -> None:
    with pytest.raises(perfeval.PerfevalError) as e:
        perfeval.compile_grades("考评结果分为优秀、合格和不合格三个等次。72分以上的(含72分)为合格,72分以下的为不合格。")
    assert e.value.code == "grade_unplaced" and e.value.line == 1


def test_a_table_without_a_quota_takes_the_total_alone() -> None:
    table = perfeval.compile_grades("72分以上的(含72分)为合格,72分以下的为不合格。")
    assert table.quota is None and table("72") == "合格"
