"""``perfeval batch``: a folder, a list or a zip of 自评表 scored in worker processes into one output, a broken
file listed with its reason while the rest are scored, the exit status of the other commands, and a
progress bar on a terminal."""

from __future__ import annotations

import csv
import os
import pty
import shutil
import subprocess
import sys
import zipfile
from decimal import Decimal
from pathlib import Path
from typing import Any

import pyarrow.parquet as pq
from click.testing import CliRunner
from openpyxl import load_workbook

from perfeval.batch import Source, score_file
from perfeval.cli import main

EXAMPLES = Path(__file__).parent.parent / "examples"
GOOD = ["luosong-2021-department.toml", "huarong-2022-project-selfeval.toml", "yueyang-2023-department.toml"]


def _folder(tmp: Path, broken: bool = True) -> Path:
    folder = tmp / "自评表"
    (folder / "sub").mkdir(parents=True)
    for i, name in enumerate(GOOD):
        shutil.copy(EXAMPLES / name, (folder / "sub" if i == 2 else folder) / name)
    if broken:
        (folder / "broken.toml").write_text('"评价对象" = \n', encoding="utf-8")
    (folder / "notes.txt").write_text("not a data file", encoding="utf-8")
    return folder


def _summary(path: Path) -> list[dict[str, str]]:
    with open(path, encoding="utf-8-sig") as fh:
        return list(csv.DictReader(fh))


def test_a_broken_file_is_listed_and_the_rest_are_scored(tmp_path: Path) -> None:
    folder = _folder(tmp_path)
    out = tmp_path / "out.csv"
    result = CliRunner().invoke(main, ["batch", str(folder), "-o", str(out), "--jobs", "2"])
    assert result.exit_code == 2, result.output
    assert "broken.toml" in result.output and "TOML" in result.output
    summary = _summary(tmp_path / "out.summary.csv")
    assert [Path(r["文件"]).name for r in summary] == ["broken.toml", *sorted(GOOD[:2]), GOOD[2]]
    assert summary[0]["错误"] and not summary[0]["总分"]
    luosong = next(r for r in summary if r["文件"].endswith(GOOD[0]))
    assert (luosong["总分"], luosong["等级"], luosong["不符"], luosong["错误"]) == ("97.83", "优", "0", "")
    rows = _summary(out)
    assert {Path(r["文件"]).name for r in rows} == set(GOOD)
    assert sum(r["文件"].endswith(GOOD[0]) for r in rows) == len(score_file(Source(str(EXAMPLES / GOOD[0]))).rows)


def test_the_totals_are_what_score_gives(tmp_path: Path) -> None:
    from perfeval.datafile import load_evaluation
    from perfeval.rubric.audit import evaluate

    folder = _folder(tmp_path, broken=False)
    result = CliRunner().invoke(main, ["batch", str(folder), "-o", str(tmp_path / "r.parquet"), "--jobs", "1"])
    assert result.exit_code == 0, result.output
    table = pq.read_table(tmp_path / "r.summary.parquet").to_pylist()
    for row in table:
        assert row["总分"] == evaluate(load_evaluation(row["文件"])).total
    rows = pq.read_table(tmp_path / "r.parquet")
    assert rows.num_rows > 30 and str(rows.schema.field("分值").type).startswith("decimal")


def test_discrepancies_exit_1_and_a_zip_and_a_list_are_read(tmp_path: Path) -> None:
    archive = tmp_path / "2023.zip"
    with zipfile.ZipFile(archive, "w") as z:
        z.write(EXAMPLES / "zhijiang-2023-department.toml", "芷江/zhijiang.toml")
        z.write(EXAMPLES / GOOD[0], "luosong.toml")
        z.writestr("readme.md", "no")
    out = tmp_path / "out.xlsx"
    result = CliRunner().invoke(main, ["batch", str(archive), str(EXAMPLES / GOOD[1]), "-o", str(out), "--lang", "en"])
    assert result.exit_code == 1, result.output
    assert "3 of 3 files scored" in result.output
    book = load_workbook(out)
    names = [r[0] for r in book["汇总"].iter_rows(min_row=2, values_only=True)]
    assert names == [f"{archive}!luosong.toml", f"{archive}!芷江/zhijiang.toml", str(EXAMPLES / GOOD[1])]
    discrepancies = [r[7] for r in book["汇总"].iter_rows(min_row=2, values_only=True)]
    assert discrepancies[1] > 0 and discrepancies[0] == 0
    assert Decimal(next(book["汇总"].iter_rows(min_row=2, values_only=True))[3]) == Decimal("97.83")


def test_bad_input_is_exit_2_with_the_message(tmp_path: Path) -> None:
    runner = CliRunner()
    assert runner.invoke(main, ["batch", str(tmp_path / "nothing")]).exit_code == 2
    (tmp_path / "empty").mkdir()
    result = runner.invoke(main, ["batch", str(tmp_path / "empty")])
    assert result.exit_code == 2 and "没有找到 .toml" in result.output
    assert runner.invoke(main, ["batch", str(EXAMPLES / GOOD[0]), "-o", "x.txt"]).exit_code == 2


def test_a_terminal_shows_a_progress_bar(tmp_path: Path) -> None:
    folder = _folder(tmp_path)
    primary, secondary = pty.openpty()
    env = dict(os.environ, COLUMNS="100", TERM="xterm")
    proc = subprocess.Popen([str(Path(sys.executable).parent / "perfeval"), "batch", str(folder), "-o",
                             str(tmp_path / "o.csv"), "--jobs", "2"], stdin=secondary, stdout=secondary,
                            stderr=secondary, env=env, cwd=tmp_path)
    os.close(secondary)
    seen = b""
    while True:
        try:
            chunk = os.read(primary, 4096)
        except OSError:
            break
        if not chunk:
            break
        seen += chunk
    proc.wait(timeout=60)
    os.close(primary)
    text = seen.decode("utf-8", "replace")
    assert proc.returncode == 2
    assert "━" in text and "4/4" in text, text


def test_an_unexpected_failure_in_one_file_is_reported_for_that_file(monkeypatch: Any) -> None:
    import perfeval.batch as batch

    def broken(source: Source) -> Any:
        raise RuntimeError("boom")

    monkeypatch.setattr(batch, "_read", broken)
    result = score_file(Source("x.toml"))
    assert result.error == "内部错误（RuntimeError：boom），请报告" and not result.rows
    assert score_file(Source("x.toml"), locale="en").error == "internal error (RuntimeError: boom); please report it"
