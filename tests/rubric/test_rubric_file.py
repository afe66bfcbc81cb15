"""``.rules`` files: reading, positions in errors, sums, worked examples, and the pytest plugin."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

import perfeval
from perfeval.rubric import RubricError, RubricSyntaxError, shipped

GOOD = """\
评价体系 示例体系
满分 10
等级：90分（含）—100分为优，60分（含）—90分为中，60分以下为差

一级指标 产出 10分
二级指标 数量 10分
三级指标 预算完成率 5分
  公式：预算完成率 = 实际 / 计划 × 100%
  标准：100%计满分，每低于5%扣2分，扣完为止。
  例：93% → 3分
  例：实际=96, 计划=100 → 5分
三级指标 满意度 5分
  标准：90%（含）以上计5分；
    低于90%计0分
  例：90% → 5分
"""


def test_a_rubric_reads_and_scores() -> None:
    r = perfeval.loads(GOOD)
    assert r.name == "示例体系" and r.total == 10
    assert [i.name for i in r] == ["预算完成率", "满意度"]
    assert r.indicator("满意度").rule is not None
    assert r.indicator("满意度").rule.text == "90%（含）以上计5分；\n低于90%计0分"
    assert not [d for d in r.check() if d.severity.value == "error"]
    card = r.score({"预算完成率": "93%", "满意度": "95%"})
    assert card.total == Decimal("8") and card.grade == "差"
    assert card["预算完成率"].points == 3
    assert card.subtotals() == {"产出": Decimal("8")}


def test_english_keywords_are_aliases() -> None:
    text = "rubric demo\ntotal 5\nlevel1 output 5分\nlevel3 rate 5\n  standard: 100%计满分\n  example: 100% → 5分\n"
    assert perfeval.loads(text).indicator("rate").points == 5


def test_children_that_do_not_add_up_are_an_error() -> None:
    bad = GOOD.replace("二级指标 数量 10分", "二级指标 数量 9分")
    codes = [d.code for d in perfeval.loads(bad).check() if d.severity.value == "error"]
    assert codes == ["PE302", "PE302"]  # 产出 (10) ≠ 数量 (9), and 数量 (9) ≠ its indicators (10)


def test_a_wrong_example_is_an_error_at_its_line() -> None:
    bad = GOOD.replace("例：93% → 3分", "例：93% → 4分")
    errors = [d for d in perfeval.loads(bad).check() if d.code == "PE401"]
    assert len(errors) == 1 and errors[0].line == 10
    assert "3.00" in errors[0].message


def test_syntax_errors_carry_file_line_and_column() -> None:
    with pytest.raises(RubricSyntaxError) as info:
        perfeval.loads(GOOD.replace("三级指标 满意度 5分", "三级指标 满意度"), "x.rules")
    assert (info.value.location.path, info.value.location.line) == ("x.rules", 12)
    with pytest.raises(RubricError) as err:
        perfeval.loads(GOOD.replace("每低于5%扣2分", "每低于扣2分"), "x.rules")
    assert err.value.location.line == 9 and err.value.location.column == 17  # the 扣 after 每低于


def test_unknown_keywords_are_named() -> None:
    with pytest.raises(RubricSyntaxError, match="未知的关键字 '四级指标'"):
        perfeval.loads(GOOD + "四级指标 x 1分\n")


def test_shipped_rubrics_check_clean_and_carry_examples() -> None:
    rubrics = shipped()
    assert len(rubrics) == 4
    for path in rubrics.values():
        r = perfeval.load(path)
        assert not [d for d in r.check() if d.severity.value == "error"], path
        assert sum(len(i.examples) for i in r.indicators) >= 6, path


def test_the_pytest_plugin_runs_examples(pytester: pytest.Pytester) -> None:
    pytester.makefile(".rules", good=GOOD, bad=GOOD.replace("例：93% → 3分", "例：93% → 4分"))
    result = pytester.runpytest("-q", "-p", "no:cacheprovider")
    result.assert_outcomes(passed=7, failed=1)
    result.stdout.fnmatch_lines(["*bad.rules*预算完成率*93% → 4分*"])


def test_load_reports_a_missing_file(tmp_path: Path) -> None:
    with pytest.raises(RubricError, match="无法读取评价体系文件"):
        perfeval.load(tmp_path / "missing.rules")


@pytest.mark.parametrize(("typo", "meant"), [("标准：", "标谁："), ("三级指标 满意度", "三级指票 满意度")])
def test_a_keyword_typo_says_what_was_meant(typo: str, meant: str) -> None:
    with pytest.raises(RubricSyntaxError) as info:
        perfeval.loads(GOOD.replace(typo, meant, 1), "x.rules")
    assert "是否为" in info.value.message and info.value.location.path == "x.rules"
    assert "did you mean" in info.value.message_in("en")


UDEV = 'ACTION=="add", SUBSYSTEM=="usb", ATTRS{idVendor}=="0483", MODE="0666"\n'


def test_the_plugin_leaves_other_rules_files_alone(pytester: pytest.Pytester) -> None:
    pytester.makefile(".rules", **{"99-usb": UDEV})
    pytester.makepyfile(test_x="def test_x():\n    pass\n")
    result = pytester.runpytest("-q", "-p", "no:cacheprovider")
    result.assert_outcomes(passed=1)  # the udev file is not a test, and not a failure


def test_the_plugin_knows_a_rubric_by_its_first_line(pytester: pytest.Pytester) -> None:
    pytester.makefile(".rules", dept="# 部门整体支出\n\n# 第二行注释\n" + GOOD, **{"99-usb": UDEV})
    result = pytester.runpytest("-q", "-p", "no:cacheprovider")
    result.assert_outcomes(passed=4)
    result.stdout.no_fnmatch_line("*99-usb*")


def test_the_ini_option_chooses_the_rubric_folders(pytester: pytest.Pytester) -> None:
    pytester.makeini("[pytest]\nperfeval_rules = rubrics\n    extra/one.rules\n")
    for folder in ("rubrics", "extra", "elsewhere"):
        pytester.mkdir(folder)
    (pytester.path / "rubrics" / "a.rules").write_text(GOOD, encoding="utf-8")
    (pytester.path / "extra" / "one.rules").write_text(GOOD.replace("例：93% → 3分", "例：93% → 4分"), encoding="utf-8")
    (pytester.path / "extra" / "two.rules").write_text(GOOD, encoding="utf-8")
    (pytester.path / "elsewhere" / "b.rules").write_text(GOOD, encoding="utf-8")
    (pytester.path / "elsewhere" / "99-usb.rules").write_text(UDEV, encoding="utf-8")
    result = pytester.runpytest("-q", "-p", "no:cacheprovider", "--collect-only")
    collected = result.stdout.str()
    assert "a.rules" in collected and "one.rules" in collected
    assert "two.rules" not in collected and "b.rules" not in collected and "99-usb" not in collected
    result = pytester.runpytest("-q", "-p", "no:cacheprovider")
    result.assert_outcomes(passed=7, failed=1)
    result.stdout.fnmatch_lines(["*one.rules*预算完成率*93% → 4分*"])
