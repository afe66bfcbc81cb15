"""The report in a real browser: headless Chromium renders report.html to a PNG (and to an A4 PDF), and the page
it shows holds the total, the grade and every finding.

Chromium is Debian's package ``chromium``; ``.ci/run`` installs it and sets ``PERFEVAL_REQUIRE_BROWSER=1``, so
in CI this test runs and never skips. Elsewhere, without a browser, it is skipped with the command to install one.
"""

from __future__ import annotations

import html
import os
import re
import shutil
import struct
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner

from perfeval.cli import main
from perfeval.datafile import load_evaluation
from perfeval.rubric.audit import audit, evaluate

ROOT = Path(__file__).parents[1]
ZHIJIANG = ROOT / "examples" / "zhijiang-2023-department.toml"  # three findings
LUOSONG = ROOT / "examples" / "luosong-2021-department.toml"  # graded 优
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--disable-component-update", "--disable-sync", "--no-first-run"]
WIDTH, HEIGHT = 1240, 1754  # A4 at 150 dpi


def chromium() -> str:
    found = next((shutil.which(n) for n in ("chromium", "chromium-browser", "google-chrome") if shutil.which(n)), None)
    if found is None:
        if os.environ.get("PERFEVAL_REQUIRE_BROWSER"):
            pytest.fail("PERFEVAL_REQUIRE_BROWSER is set but no chromium is installed")
        pytest.skip("no headless browser: apt-get install chromium")
    return found


def browse(browser: str, tmp: Path, page: Path, *args: str) -> str:
    profile = tmp / f"profile-{len(list(tmp.glob('profile-*')))}"  # a fresh profile for every run
    result = subprocess.run([browser, *FLAGS, f"--user-data-dir={profile}", *args, page.as_uri()],
                            capture_output=True, text=True, timeout=120, check=False)
    assert result.returncode == 0, result.stderr[-2000:]
    return result.stdout


def report(data: Path, out: Path) -> Path:
    assert CliRunner().invoke(main, ["report", str(data), "-o", str(out)]).exit_code == 0
    return out


def visible_text(dom: str) -> str:
    body = re.sub(r"(?s)<(style|script)[^>]*>.*?</\1>", "", dom)
    return html.unescape(re.sub(r"<[^>]+>", " ", body))


def png_size(path: Path) -> tuple[int, int]:
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    return struct.unpack(">II", data[16:24])


def test_chromium_renders_the_report(tmp_path: Path) -> None:
    browser = chromium()
    page = report(ZHIJIANG, tmp_path / "report.html")
    shot = tmp_path / "report.png"
    browse(browser, tmp_path, page, f"--window-size={WIDTH},{HEIGHT}", f"--screenshot={shot}")
    assert png_size(shot) == (WIDTH, HEIGHT)
    assert shot.stat().st_size > 50_000  # a page of tables and a chart, not a blank or an error page
    dom = browse(browser, tmp_path, page, "--dump-dom")
    text = " ".join(visible_text(dom).split())
    found = audit(evaluate(load_evaluation(ZHIJIANG)))
    assert "总分（计算） 81 / 100" in text
    for d in found.discrepancies:
        assert d.indicator in text and " ".join(d.reason.render("zh_CN").split()) in text
    assert "<svg" in dom and dom.count("<details") == len(found.card.items)
    graded = " ".join(visible_text(browse(browser, tmp_path, report(LUOSONG, tmp_path / "l.html"), "--dump-dom")).split())
    assert "总分（计算） 97.83 / 100" in graded and "等级（计算） 优 自报 优" in graded


def test_the_report_prints_on_a4(tmp_path: Path) -> None:
    browser = chromium()
    page = report(ZHIJIANG, tmp_path / "report.html")
    pdf = tmp_path / "report.pdf"
    browse(browser, tmp_path, page, "--no-pdf-header-footer", f"--print-to-pdf={pdf}")
    boxes = re.findall(rb"/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)\s*\]", pdf.read_bytes())
    assert boxes and all(abs(float(w) - 595.28) < 1 and abs(float(h) - 841.89) < 1 for w, h in boxes)  # A4 in points
    # the explanations print open: the page prints as the same page with every <details> opened by hand does
    opened = tmp_path / "opened.html"
    opened.write_text(page.read_text(encoding="utf-8").replace("<details", "<details open"), encoding="utf-8")
    opened_pdf = tmp_path / "opened.pdf"
    browse(browser, tmp_path, opened, "--no-pdf-header-footer", f"--print-to-pdf={opened_pdf}")
    assert abs(pdf.stat().st_size - opened_pdf.stat().st_size) < 0.01 * opened_pdf.stat().st_size
