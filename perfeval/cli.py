"""The ``perfeval`` command: score, audit, check, explain, template.

Chinese by default, ``--lang en`` for English. Exit status: 0 ok, 1 the audit found discrepancies or the
check found errors, 2 bad input (the message, never a traceback).

    perfeval score examples/luosong-2021-department.toml
    perfeval audit examples/zhijiang-2023-department.toml --format json
    perfeval check perfeval/data/rubrics/department-common.rules
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import click
from rich.console import Console

from . import report
from .datafile import load_evaluation, write_template_xlsx
from .errors import PerfevalError
from .rubric import load
from .rubric.audit import audit, evaluate
from .rubric.checks import check_evaluation
from .rules.errors import Severity

_LANG = click.option("--lang", type=click.Choice(["zh", "en"]), default="zh", show_default=True,
                     help="Language of tables and messages.")
_RUBRIC = click.option("--rubric", type=click.Path(dir_okay=False), default=None,
                       help="A .rules file; by default the rubric the data file names.")
_FORMAT = click.option("--format", "fmt", type=click.Choice(["table", "json", "xlsx"]), default="table",
                       show_default=True)
_OUTPUT = click.option("--output", "-o", type=click.Path(dir_okay=False), default=None,
                       help="Where to write --format xlsx (default: DATA with .scored.xlsx).")


def _locale(lang: str) -> str:
    return "en" if lang == "en" else "zh_CN"


class _Group(click.Group):
    """Turns every error into one line on standard error and exit status 2 — never a traceback.

    A PerfevalError carries its own location; a file that cannot be read or written names its path; any
    other exception is a bug in perfeval, said so in one line.
    """

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except (click.exceptions.ClickException, click.exceptions.Exit, click.exceptions.Abort):
            raise
        except PerfevalError as exc:
            click.echo(f"perfeval: {exc}", err=True)
        except OSError as exc:
            click.echo(f"perfeval: {exc.strerror or exc}: {exc.filename or ''}".rstrip(": "), err=True)
        except Exception as exc:  # a bug, not bad input: still one line, and exit status 2
            click.echo(f"perfeval: internal error ({type(exc).__name__}: {str(exc)[:200]}); please report it",
                       err=True)
        sys.exit(2)


@click.group(cls=_Group)
@click.version_option(package_name="perfeval")
def main() -> None:
    """perfeval — 预算绩效评价的精确、可解释评分 (exact, explainable scoring of budget-performance evaluations)."""


@main.command()
@click.argument("data", type=click.Path(exists=True, dir_okay=False))
@_RUBRIC
@_FORMAT
@_OUTPUT
@_LANG
def score(data: str, rubric: str | None, fmt: str, output: str | None, lang: str) -> None:
    """Score a self-evaluation table (TOML, JSON or .xlsx) and print its scorecard."""
    card = evaluate(load_evaluation(data), rubric)
    if fmt == "json":
        click.echo(report.to_json(report.card_json(card, _locale(lang))))
    elif fmt == "xlsx":
        target = output or str(Path(data).with_suffix(".scored.xlsx"))
        report.write_xlsx(card, target)
        click.echo(target)
    else:
        report.print_card(card, Console(), _locale(lang))


@main.command(name="audit")
@click.argument("data", type=click.Path(exists=True, dir_okay=False))
@_RUBRIC
@_FORMAT
@_OUTPUT
@_LANG
def audit_command(data: str, rubric: str | None, fmt: str, output: str | None, lang: str) -> None:
    """Recompute a self-evaluation and list every reported 得分 the rubric does not support (exit 1 if any)."""
    found = audit(evaluate(load_evaluation(data), rubric))
    if fmt == "json":
        click.echo(report.to_json(report.audit_json(found, _locale(lang))))
    elif fmt == "xlsx":
        target = output or str(Path(data).with_suffix(".audit.xlsx"))
        report.write_xlsx(found.card, target)
        click.echo(target)
    else:
        report.print_audit(found, Console(), _locale(lang))
    sys.exit(0 if found.clean else 1)


@main.command()
@click.argument("path", type=click.Path(exists=True, dir_okay=False))
@click.option("--strict", is_flag=True, help="Warnings fail too.")
@click.option("--readings", is_flag=True, help="Also list every reading taken (whole steps, band edges …).")
@_LANG
def check(path: str, strict: bool, readings: bool, lang: str) -> None:
    """Check a .rules rubric (sums, 例, standards) or a data file (its standards and targets)."""
    failing = {Severity.ERROR, Severity.WARNING} if strict else {Severity.ERROR}
    shown = {Severity.ERROR, Severity.WARNING} | ({Severity.INFO} if readings else set())
    if path.endswith(".rules"):
        r = load(path)
        text = r.source.text
        found = list(r.check())
        summary = f"{len(r.indicators)} indicators, {sum(len(i.examples) for i in r.indicators)} examples"
    else:
        text = Path(path).read_text(encoding="utf-8", errors="replace") if not path.endswith(".xlsx") else ""
        found = [f.diagnostic for f in check_evaluation(load_evaluation(path))]
        summary = f"{len(load_evaluation(path).indicators)} rows"
    for d in found:
        if d.severity in shown:
            click.echo(d.render(text, path, _locale(lang)) if text
                       else f"{path}: {d.severity.value}[{d.code}]: {d.message_in(_locale(lang))}"
                       + (f"\n  {'hint' if lang == 'en' else '提示'}: {d.hint_in(_locale(lang))}" if d.hint else ""))
    errors = sum(1 for d in found if d.severity in failing)
    warnings = sum(1 for d in found if d.severity is Severity.WARNING)
    if lang == "en":
        click.echo(f"{path}: {summary}, {errors} errors, {warnings} warnings")
    else:
        click.echo(f"{path}：{summary.replace('indicators', '个指标').replace('examples', '条例').replace('rows', '行')}，"
                   f"{errors} 个错误，{warnings} 个警告")
    sys.exit(1 if errors else 0)


@main.command()
@click.argument("data", type=click.Path(exists=True, dir_okay=False))
@click.argument("indicator")
@_RUBRIC
@_LANG
def explain(data: str, indicator: str, rubric: str | None, lang: str) -> None:
    """Explain, step by step, how one indicator scored."""
    card = evaluate(load_evaluation(data), rubric)
    matches = [i for i in card if indicator in (i.name, "/".join(i.path))]
    if len(matches) != 1:
        names = "\n  ".join("/".join(i.path) for i in card)
        why = "several indicators are called" if matches else "no indicator"
        raise click.BadParameter(f"{why} {indicator!r}; give its path (一级/二级/三级):\n  {names}")
    item = matches[0]
    locale = _locale(lang)
    if item.score is not None:
        click.echo(item.score.explain(locale))
    status = report.status_word(item.status, locale)
    reason = item.reason.render(locale) if hasattr(item.reason, "render") else item.reason
    click.echo(f"{item.name}: {item.points if item.points is not None else '—'} / {item.max_points}（{status}）{reason}")


@main.command(name="fmt")
@click.argument("standard", required=False)
def fmt_command(standard: str | None) -> None:
    """Print a standard (argument, or one per line on standard input) in its canonical spelling."""
    from .fmt import format_standard

    lines = [standard] if standard is not None else sys.stdin.read().splitlines()
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            click.echo(format_standard(line))
        except PerfevalError as exc:
            where = f"<stdin>, line {number}: " if standard is None else ""
            click.echo(f"perfeval: {where}{exc}", err=True)
            sys.exit(2)


@main.command()
@click.argument("path", type=click.Path(dir_okay=False))
@click.option("--kind", type=click.Choice(["项目", "部门"]), default="项目", show_default=True)
def template(path: str, kind: str) -> None:
    """Write a blank 自评表 .xlsx to fill in."""
    write_template_xlsx(path, kind=kind)
    click.echo(path)
