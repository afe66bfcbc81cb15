"""Every result docs/tutorial.md states, checked (run from the repository's root, as the tutorial is)."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import openpyxl
from click.testing import CliRunner

import perfeval
from perfeval.cli import main

HERE = Path(__file__).parent
RUBRIC, DATA = HERE / "tutorial.rules", HERE / "tutorial.toml"
TUTORIAL = (HERE.parent / "tutorial.md").read_text(encoding="utf-8")


def run(*args: object) -> tuple[int, str]:
    result = CliRunner().invoke(main, [str(a) for a in args])
    return result.exit_code, result.output


def test_step_1_one_standard() -> None:
    assert run("fmt", "100% 计满分, 每低于 5% 扣 2 分, 扣完为止。") == (0, "100%计满分，每低于5%扣2分，扣完为止。\n")
    rule = perfeval.compile_rule("100%计满分，每低于5%扣2分，扣完为止。", points=8)
    assert rule("93%").points == Decimal("6.00")


def test_step_2_the_rubric_checks_and_is_laid_out() -> None:
    code, out = run("check", RUBRIC)
    assert code == 0 and "3 个指标，7 条例，0 个错误，0 个警告" in out
    assert "3 个指标，7 条例，0 个错误，0 个警告" in TUTORIAL
    assert run("fmt", "--check", RUBRIC)[0] == 0
    assert '--8<-- "docs/examples/tutorial.rules"' in TUTORIAL and '--8<-- "docs/examples/tutorial.toml"' in TUTORIAL


def test_step_4_score_and_audit() -> None:
    card = perfeval.load(RUBRIC).score(perfeval.load_evaluation(DATA))
    assert (card.total, card.grade, card.reported_total) == (Decimal("18.00"), "优", Decimal(20))
    found = perfeval.audit(card)
    assert [(d.indicator, d.reported, d.computed) for d in found.discrepancies] == [
        ("完成率", Decimal(8), Decimal("6.00")), ("总分", Decimal(20), Decimal("18.00"))]
    assert "| 完成率 | 8 | 6 | " + found.discrepancies[0].reason.render("zh_CN") + " |" in TUTORIAL
    assert run("audit", DATA, "--rubric", RUBRIC)[0] == 1


def test_step_5_what_a_reviewer_hands_in(tmp_path: Path) -> None:
    xlsx, html, blank = tmp_path / "复核.xlsx", tmp_path / "report.html", tmp_path / "空表.xlsx"
    assert run("audit", DATA, "--rubric", RUBRIC, "--format", "xlsx", "-o", xlsx)[0] == 1
    assert "复核" in openpyxl.load_workbook(xlsx).sheetnames
    assert run("report", DATA, "--rubric", RUBRIC, "-o", html)[0] == 0 and "18" in html.read_text(encoding="utf-8")
    assert run("template", blank, "--rubric", RUBRIC)[0] == 0
    assert openpyxl.load_workbook(blank)["自评表"].data_validations.dataValidation
