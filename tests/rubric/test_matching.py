"""Rows matched to indicators by path, and every row accounted for (issue 11, item 1)."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

import perfeval
from perfeval.model import Indicator, Project
from perfeval.rubric.audit import audit
from perfeval.rubric.matching import match_rows

SHIPPED = Path(perfeval.__file__).parent / "data" / "rubrics" / "project-common.rules"


def _project(*rows: Indicator) -> Project:
    return Project(name="示例项目", year=2023, rubric="项目支出绩效评价评分表（共性）", indicators=rows)


def _row(name: str, reported: int, level2: str | None = None, points: int = 5, level1: str = "过程") -> Indicator:
    return Indicator(level1=level1, level2=level2, name=name, points=points, reported=reported)


def test_the_shipped_rubric_has_two_indicators_of_one_name_and_check_accepts_them() -> None:
    rubric = perfeval.load(SHIPPED)
    same = [i.path for i in rubric if i.name == "管理制度健全性"]
    assert same == [("过程", "业务管理", "管理制度健全性"), ("过程", "财务管理", "管理制度健全性")]
    assert "PE303" not in {d.code for d in rubric.check()}  # told apart by their parents


def test_each_same_named_row_is_scored_from_its_own_row() -> None:
    # The repro: the second 管理制度健全性 (财务管理, reported 3) was scored from the first row (5).
    card = perfeval.load(SHIPPED).score(_project(_row("管理制度健全性", 5, "业务管理"),
                                                 _row("管理制度健全性", 3, "财务管理")))
    assert card["业务管理/管理制度健全性"].reported == Decimal(5)
    assert card["财务管理/管理制度健全性"].reported == Decimal(3)
    assert not card.unmatched


def test_a_same_named_row_without_its_parent_is_not_guessed() -> None:
    card = perfeval.load(SHIPPED).score(_project(_row("管理制度健全性", 5), _row("管理制度健全性", 3)))
    assert card["业务管理/管理制度健全性"].reported is None
    assert card["财务管理/管理制度健全性"].reported is None
    assert len(card.unmatched) == 2 and "不止" not in card.unmatched[0].reason
    assert "2 个“管理制度健全性”" in card.unmatched[0].reason
    with pytest.raises(KeyError, match="不止一个指标"):
        card["管理制度健全性"]


def test_a_row_not_in_the_rubric_is_reported_with_near_names_and_audited() -> None:
    card = perfeval.load(SHIPPED).score(_project(_row("资金到位", 3, "资金投入")))
    assert [u.suggestions for u in card.unmatched] == [("资金到位率",)]
    assert card.counts == {"read": 1, "scored": 0, "unchecked": 0, "unmatched": 1}
    found = audit(card)
    assert [(d.kind, d.reported) for d in found.discrepancies] == [("row", Decimal(3))]
    assert "是否指：资金到位率" in found.discrepancies[0].reason


def test_a_repeated_row_is_not_scored_twice() -> None:
    card = perfeval.load(SHIPPED).score(_project(_row("资金到位率", 3, "资金落实", 3, "投入"),
                                                 _row("资金到位率", 1, None, 3, "投入")))
    assert card["资金到位率"].reported == Decimal(3)
    assert len(card.unmatched) == 1 and "重复" in card.unmatched[0].reason


def test_a_row_under_other_parents_is_not_taken_by_a_same_named_indicator() -> None:
    card = perfeval.load(SHIPPED).score(_project(_row("资金到位率", 3, "资金落实", 3, "产出指标"),
                                                 _row("管理制度健全性", 5, "财务管理", 5, "过程指标")))
    assert [u.name for u in card.unmatched] == ["资金到位率"]  # 投入, not 产出; 过程指标 is 过程
    assert "不在同一上级下" in card.unmatched[0].reason
    assert card["财务管理/管理制度健全性"].reported == Decimal(5)


def test_an_empty_table_is_a_finding_not_a_clean_audit() -> None:
    found = audit(perfeval.load(SHIPPED).score(_project()))
    assert not found.clean and [d.kind for d in found.discrepancies] == ["empty"]


def test_two_indicators_at_one_path_are_a_check_error() -> None:
    text = ("评价体系 重复\n满分 10\n一级指标 产出 10分\n二级指标 数量 10分\n"
            "三级指标 完成率 5分\n  标准：完成得5分\n三级指标 完成率 5分\n  标准：完成得5分\n")
    codes = [(d.code, d.line) for d in perfeval.loads(text).check()]
    assert ("PE303", 7) in codes


def test_a_mapping_key_the_rubric_does_not_have_is_an_error() -> None:
    rubric = perfeval.loads("评价体系 示例\n满分 5\n一级指标 产出 5分\n三级指标 完成率 5分\n  标准：100%计满分，每低于5%扣2分\n")
    with pytest.raises(perfeval.PerfevalError, match="是否指：完成率"):
        rubric.score({"完成率": "93%", "完成律": "90%"})
    assert rubric.score({"产出/完成率": "93%"}).total == Decimal("3.00")


def test_an_ambiguous_mapping_key_is_an_error_and_a_path_key_works() -> None:
    rubric = perfeval.load(SHIPPED)
    with pytest.raises(perfeval.PerfevalError, match="不止一个指标"):
        rubric.score({"管理制度健全性": 5})
    with pytest.raises(KeyError, match="不止一个指标"):
        rubric.indicator("管理制度健全性")
    assert rubric.indicator(("财务管理", "管理制度健全性")).level2 == "财务管理"


NAMES = st.sampled_from(["完成率", "及时率", "满意度", "达标率", "完成律", "覆盖"])
LEVEL2 = st.sampled_from([None, "数量", "质量"])


@given(st.lists(st.tuples(LEVEL2, NAMES), max_size=8), st.lists(st.tuples(LEVEL2, NAMES), max_size=8))
def test_every_row_is_matched_once_or_reported(rubric: list[tuple[str | None, str]],
                                               rows: list[tuple[str | None, str]]) -> None:
    paths = list(dict.fromkeys(("产出", l2, n) if l2 else ("产出", n) for l2, n in rubric))
    table = [Indicator(level1="产出", level2=l2, name=n, points=10, reported=i) for i, (l2, n) in enumerate(rows)]
    m = match_rows(paths, table)
    taken = [r for r in m.rows if r is not None]
    assert len(taken) + len(m.unmatched) == len(table)  # nothing dropped, nothing used twice
    assert len({id(r) for r in taken}) == len(taken)
    for path, row in zip(paths, m.rows, strict=True):
        if row is not None:
            assert row.name == path[-1] and (row.level2 is None or len(path) < 3 or row.level2 == path[1])
