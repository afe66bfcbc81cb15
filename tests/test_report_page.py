"""``perfeval report``: a self-contained page (HTML or Markdown) with the scorecard, findings, explanations and
a chart; nothing from the network, text from the data escaped."""

from __future__ import annotations

import re
from decimal import Decimal
from pathlib import Path

from click.testing import CliRunner

from perfeval.cli import main
from perfeval.datafile import load_evaluation
from perfeval.model import Indicator, Project
from perfeval.page import chart_bars, render_report, svg_chart
from perfeval.rubric.audit import audit, evaluate

ROOT = Path(__file__).parents[1]
ZHIJIANG = ROOT / "examples" / "zhijiang-2023-department.toml"
LUOSONG = ROOT / "examples" / "luosong-2021-department.toml"


def page(path: Path, fmt: str = "html", locale: str = "zh_CN") -> str:
    ev = load_evaluation(path)
    return render_report(ev, audit(evaluate(ev)), fmt, locale)


def test_the_page_holds_total_grade_findings_and_explanations() -> None:
    html = page(ZHIJIANG)
    found = audit(evaluate(load_evaluation(ZHIJIANG)))
    assert re.search(r'id="total">.*?<div class="value">81</div>', html, re.S)
    for d in found.discrepancies:
        assert f"<td>{d.indicator}</td>" in html and d.reason.render("zh_CN").replace("'", "&#39;") in html
    assert html.count('<tr class="finding">') == 2 * len(found.discrepancies)  # findings table and scorecard rows
    assert html.count("<details") == len(found.card.items)
    assert "评分标准：预算控制率 = 0，计 5 分" in html  # the explanation of a computed indicator
    grade = page(LUOSONG)
    assert re.search(r'id="grade">.*?<div class="value">优</div>', grade, re.S) and "97.83" in grade
    assert "全部自报得分均有标准支持" in grade


def test_the_page_needs_nothing_from_the_network() -> None:
    html = page(ZHIJIANG)
    assert "<script" not in html and "<link" not in html and "@import" not in html and "url(" not in html
    assert not re.search(r'\b(src|href)=', html)
    # the only address is the SVG namespace, which is a name, not a request
    assert set(re.findall(r"https?://[^\s\"'<>]+", html)) == {"http://www.w3.org/2000/svg"}
    assert "@page { size: A4" in html and "@media print" in html


def test_text_from_the_data_is_escaped() -> None:
    ev = Project(name="<script>alert(1)</script>", year=2023, rubric="项目支出绩效自评表",
                 indicators=(Indicator(name="<b>x</b> | y", points=Decimal(5), reported=Decimal(5), level1="产出指标"),))
    found = audit(evaluate(ev))
    html = render_report(ev, found)
    assert "<script>alert" not in html and "&lt;script&gt;alert(1)&lt;/script&gt;" in html and "<b>x</b>" not in html
    md = render_report(ev, found, "md")
    assert "<script>" not in md and "&lt;b&gt;x&lt;/b&gt; \\| y" in md


def test_the_chart_sums_by_level1_and_never_shows_part_of_a_sum() -> None:
    found = audit(evaluate(load_evaluation(ZHIJIANG)))
    bars = {b.name: b for b in chart_bars(found)}
    assert list(bars) == ["投入", "过程", "产出及效率"]
    assert (bars["投入"].max_points, bars["投入"].reported, bars["投入"].computed) == (10, 10, 10)
    assert bars["过程"].max_points == 60 and bars["过程"].reported == 58
    assert bars["过程"].computed is None  # 政府采购执行率 cannot be scored: no partial sum drawn
    assert sum(b.max_points for b in bars.values()) == found.card.max_total
    svg = svg_chart(list(bars.values()))
    assert svg.count('class="track"') == 3 + 1 and svg.count('class="computed"') == 2 + 1  # bars + legend
    assert "58 / 60" in svg and "— / 60" in svg


def test_markdown_report() -> None:
    md = page(ZHIJIANG, "md")
    assert md.startswith("# 绩效评价复核报告：芷江侗族自治县自然资源局")
    assert "| 得分与标准不符 | 预算控制率 | 4 | 0 |" in md and "| **总分** | 100 |" in md
    assert md.count("<details>") == 16
    assert page(LUOSONG, "md", "en").startswith("# Performance evaluation review: ")


def test_the_report_command(tmp_path: Path) -> None:
    out = tmp_path / "report.html"
    result = CliRunner().invoke(main, ["report", str(ZHIJIANG), "-o", str(out)])
    assert result.exit_code == 0 and out.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    result = CliRunner().invoke(main, ["report", str(LUOSONG), "--format", "md", "--lang", "en"])
    assert result.exit_code == 0 and "| total | **97.83** / 100 | 97.83 |" in result.output
