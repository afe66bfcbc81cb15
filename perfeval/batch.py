"""``perfeval batch``: score and audit a folder, a list or a zip of 自评表 files in parallel processes.

Each file is read, scored by its rubric (``--rubric``, or the one it names) and audited, in a pool of
worker processes; each rubric is loaded and compiled once per process (with ``--rubric``, once before the
workers start, which inherit it). A file that cannot be read or scored is listed with its reason and never
stops the rest. The output is one table with a row per indicator per file, a summary per file (total,
grade, discrepancies, unchecked, error), as .xlsx (sheets 指标 / 汇总), .csv or .parquet (the summary
beside it: ``NAME.summary.csv``).

Exit status, as the other commands: 0 every file scored and its reported scores supported, 1 some
reported score is not supported (a discrepancy), 2 some file could not be read or scored (its reason is
printed, the others are still in the output).

    perfeval batch 自评表/ -o 结果.xlsx
    perfeval batch a.toml b.json 2023.zip -o results.parquet --jobs 2
"""

from __future__ import annotations

import functools
import multiprocessing
import os
import sys
import zipfile
from collections.abc import Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor, as_completed
from decimal import Decimal
from pathlib import Path
from typing import Any

import attrs
import click

from .causes import zip_reason
from .cli_words import Choice, FilePath, IntRange, LocalizedCommand, LocalizedOption, keep_lang
from .errors import PerfevalError
from .i18n import N_, render

__all__ = ["FileResult", "Source", "batch_command", "score_file", "sources"]

_SUFFIXES = (".toml", ".json", ".xlsx", ".xlsm")
#: The indicator table's columns, and the summary's.
ROW_COLUMNS = ("文件", "一级指标", "二级指标", "三级指标", "分值", "自报得分", "重算得分", "状态", "不符", "说明")
SUMMARY_COLUMNS = ("文件", "名称", "评价体系", "总分", "满分", "等级", "自报总分", "不符", "未复核", "错误")


@attrs.frozen
class Source:
    """A data file to score: a path, or a member of a zip file."""

    path: str
    member: str | None = None

    @property
    def name(self) -> str:
        """How the file is shown: its path, or ``archive.zip!member``."""
        return self.path if self.member is None else f"{self.path}!{self.member}"


@attrs.frozen
class FileResult:
    """One file's rows (one per indicator), its summary, or the reason it could not be scored."""

    source: str
    rows: tuple[tuple[Any, ...], ...] = ()
    summary: tuple[Any, ...] = ()
    error: str | None = None
    discrepancies: int = 0


def sources(inputs: Iterable[str]) -> list[Source]:
    """Every data file named: files as given, folders searched recursively, zip files' members, sorted."""
    out: list[Source] = []
    for given in inputs:
        p = Path(given)
        if p.is_dir():
            out += [Source(str(f)) for f in sorted(p.rglob("*"))
                    if f.is_file() and f.suffix.lower() in _SUFFIXES and not f.name.startswith(("~$", "."))]
        elif p.suffix.lower() == ".zip":
            try:
                with zipfile.ZipFile(p) as archive:
                    out += [Source(str(p), m) for m in sorted(archive.namelist())
                            if m.lower().endswith(_SUFFIXES) and not m.endswith("/")]
            except (OSError, zipfile.BadZipFile) as exc:
                raise PerfevalError("batch_bad_zip", text=str(p), why=zip_reason(exc)) from None
        else:
            out.append(Source(str(p)))
    return out


@functools.lru_cache(maxsize=64)
def _rubric(path: str) -> Any:
    from .rubric import load

    return load(path)


@functools.lru_cache(maxsize=64)
def _shipped() -> dict[str, Path]:
    from .rubric.rubric import shipped

    return shipped()


def _card(ev: Any, rubric: str | None) -> Any:
    """The ScoreCard of ``ev``, with every rubric loaded once per process."""
    from .rubric.audit import evaluate
    from .rubric.selfeval import NAMES

    if rubric is not None:
        return _rubric(rubric).score(ev)
    if ev.rubric not in NAMES and ev.rubric in _shipped():
        return _rubric(str(_shipped()[ev.rubric])).score(ev)
    return evaluate(ev)


def _read(source: Source) -> Any:
    from .datafile import load_evaluation, loads_evaluation
    from .datafile.read import format_of
    from .errors import Location
    from .limits import MAX_DATA_BYTES, LimitError

    if source.member is None:
        return load_evaluation(source.path)
    with zipfile.ZipFile(source.path) as archive:
        info = archive.getinfo(source.member)
        if info.file_size > MAX_DATA_BYTES:
            raise LimitError("data_bytes", info.file_size, location=Location(path=source.name))
        data = archive.read(source.member)
    return loads_evaluation(data, format_of(source.member), path=source.name)


def score_file(source: Source, rubric: str | None = None, locale: str = "zh_CN") -> FileResult:
    """Read, score and audit one file; a PerfevalError becomes the result's ``error``, never an exception."""
    from .rubric.audit import audit

    try:
        ev = _read(source)
        found = audit(_card(ev, rubric))
    except PerfevalError as exc:
        return FileResult(source.name, error=exc.describe(locale))
    except Exception as exc:  # a bug met by one file must not lose the thousands of others; it is reported
        return FileResult(source.name, error=render("cli_internal_error", locale, kind=type(exc).__name__,
                                                    text=str(exc)[:200]))
    card = found.card
    wrong = {d.indicator for d in found.discrepancies}
    rows = []
    for item in card:
        path = tuple(item.path) + ("",) * (3 - len(item.path))
        level1, level2, level3 = (path[0], path[1], path[-1]) if len(item.path) >= 3 else \
            (path[0], "", item.path[-1] if item.path else item.name)
        reason = item.reason.render(locale) if hasattr(item.reason, "render") else str(item.reason)
        rows.append((source.name, level1, level2, level3, item.max_points, item.reported, item.points,
                     item.status, item.name in wrong, reason))
    summary = (source.name, getattr(ev, "name", ""), card.rubric, card.total, card.max_total, card.grade,
               card.reported_total, len(found.discrepancies), len(found.unchecked), None)
    return FileResult(source.name, tuple(rows), summary, None, len(found.discrepancies))


def _chunk(args: tuple[list[Source], str | None, str]) -> list[FileResult]:
    files, rubric, locale = args
    return [score_file(s, rubric, locale) for s in files]


def run(files: list[Source], rubric: str | None, jobs: int, locale: str, progress: bool) -> Iterator[FileResult]:
    """Every file's result, in the order of ``files``, scored by ``jobs`` worker processes."""
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

    if rubric is not None:
        _rubric(rubric)  # loaded once here: forked workers inherit it compiled
    columns = (TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn())
    with Progress(*columns, console=Console(stderr=True), disable=not progress, transient=False) as bar:
        task = bar.add_task(render("batch_progress", locale), total=len(files))
        # The first file is scored here: the modules it needs and the rubric it names are then loaded
        # once, and every forked worker starts with them.
        first = score_file(files[0], rubric, locale)
        bar.advance(task, 1)
        yield first
        rest = files[1:]
        size = max(1, min(50, len(rest) // (jobs * 8) or 1))
        chunks = [rest[i:i + size] for i in range(0, len(rest), size)]
        results: list[list[FileResult] | None] = [None] * len(chunks)
        if jobs <= 1 or len(chunks) <= 1:
            for k, chunk in enumerate(chunks):
                results[k] = _chunk((chunk, rubric, locale))
                bar.advance(task, len(chunk))
        else:
            context = multiprocessing.get_context("fork" if sys.platform.startswith("linux") else "spawn")
            with ProcessPoolExecutor(max_workers=jobs, mp_context=context) as pool:
                pending = {pool.submit(_chunk, (chunk, rubric, locale)): k for k, chunk in enumerate(chunks)}
                for future in as_completed(pending):
                    k = pending[future]
                    results[k] = future.result()
                    bar.advance(task, len(chunks[k]))
    for chunk_results in results:
        assert chunk_results is not None
        yield from chunk_results


def write(results: list[FileResult], output: str) -> list[str]:
    """The indicator rows and the summaries, to ``output`` (.xlsx, .csv or .parquet); the paths written."""
    rows = [r for f in results for r in f.rows]
    summaries = [f.summary if f.error is None else (f.source,) + (None,) * 8 + (f.error,) for f in results]
    target = Path(output)
    suffix = target.suffix.lower()
    if suffix == ".xlsx":
        from openpyxl import Workbook

        book = Workbook(write_only=True)
        for title, columns, table in (("指标", ROW_COLUMNS, rows), ("汇总", SUMMARY_COLUMNS, summaries)):
            sheet = book.create_sheet(title)
            sheet.append(list(columns))
            for row in table:
                sheet.append([_cell(v) for v in row])
        book.save(target)
        return [str(target)]
    summary_path = target.with_name(f"{target.stem}.summary{target.suffix}")
    if suffix == ".csv":
        import csv

        for path, columns, table in ((target, ROW_COLUMNS, rows), (summary_path, SUMMARY_COLUMNS, summaries)):
            with open(path, "w", newline="", encoding="utf-8-sig") as fh:
                out = csv.writer(fh)
                out.writerow(columns)
                out.writerows([_text(v) for v in row] for row in table)
        return [str(target), str(summary_path)]
    if suffix == ".parquet":
        import pyarrow as pa
        import pyarrow.parquet as pq

        for path, columns, table in ((target, ROW_COLUMNS, rows), (summary_path, SUMMARY_COLUMNS, summaries)):
            arrays = {}
            for i, c in enumerate(columns):
                values = [row[i] for row in table]
                try:
                    arrays[c] = pa.array(values)  # Decimals become an exact decimal128 column
                except (pa.ArrowInvalid, pa.ArrowTypeError, TypeError):
                    arrays[c] = pa.array([_text(v) for v in values], pa.string())
            pq.write_table(pa.table(arrays), path)
        return [str(target), str(summary_path)]
    raise PerfevalError("batch_output_suffix", text=output)


def _cell(v: Any) -> Any:
    """Decimals as text in the sheet: a float would not be the number (Excel shows it as the cell's text)."""
    return f"{v:f}" if isinstance(v, Decimal) else v


def _text(v: Any) -> Any:
    if v is None:
        return None
    return f"{v:f}" if isinstance(v, Decimal) else v if isinstance(v, bool | int) else str(v)


@click.command(name="batch", cls=LocalizedCommand, words=N_("cli_cmd_batch"))
@click.argument("inputs", nargs=-1, required=True)
@click.option("--rubric", cls=LocalizedOption, type=FilePath(dir_okay=False), default=None,
              words=N_("cli_opt_batch_rubric"))
@click.option("--output", "-o", cls=LocalizedOption, default="perfeval-batch.xlsx", show_default=True,
              words=N_("cli_opt_batch_output"))
@click.option("--jobs", "-j", cls=LocalizedOption, type=IntRange(1, 256), default=None, metavar="N",
              words=N_("cli_opt_jobs"))
@click.option("--progress/--no-progress", cls=LocalizedOption, default=None, words=N_("cli_opt_progress"))
@click.option("--lang", cls=LocalizedOption, type=Choice(["zh", "en"]), default="zh", show_default=True,
              is_eager=True, callback=lambda ctx, _param, value: keep_lang(ctx, value), words=N_("cli_opt_lang"))
def batch_command(inputs: tuple[str, ...], rubric: str | None, output: str, jobs: int | None,
                  progress: bool | None, lang: str) -> None:
    """Score and audit a folder, a list or a zip of self-evaluation files; one consolidated output."""
    from rich.console import Console

    locale = "en" if lang == "en" else "zh_CN"
    missing = [i for i in inputs if not Path(i).exists()]
    if missing:
        raise PerfevalError("batch_no_such_file", text="、".join(missing))
    if not output.lower().endswith((".xlsx", ".csv", ".parquet")):
        raise PerfevalError("batch_output_suffix", text=output)
    files = sources(inputs)
    if not files:
        raise PerfevalError("data_no_files", text=" ".join(inputs))
    err = Console(stderr=True)
    workers = jobs or (len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1)
    shown = err.is_terminal if progress is None else progress
    results = list(run(files, rubric, workers, locale, shown))
    written = write(results, output)
    failed = [r for r in results if r.error is not None]
    wrong = sum(r.discrepancies for r in results)
    for r in failed:
        click.echo(f"perfeval: {r.source}: {r.error}", err=True)
    scored = len(results) - len(failed)
    click.echo(render("batch_summary", locale, scored=scored, files=len(results), wrong=wrong, failed=len(failed),
                      written=(", " if locale == "en" else "、").join(written)))
    sys.exit(2 if failed else 1 if wrong else 0)

