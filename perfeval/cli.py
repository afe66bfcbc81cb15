"""The ``perfeval`` command: score, audit, batch, report, check, explain, fmt, template.

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
from .causes import os_reason
from .cli_words import (
    Choice,
    FilePath,
    LocalizedGroup,
    LocalizedOption,
    UsageRefusal,
    command_locale,
    keep_lang,
)
from .datafile import load_evaluation, write_template_xlsx
from .errors import DataFileError, PerfevalError
from .i18n import N_, Message, render
from .rubric import load
from .rubric.audit import audit, evaluate
from .rubric.checks import check_evaluation
from .rules.errors import Severity

_LANG = click.option("--lang", cls=LocalizedOption, type=Choice(["zh", "en"]), default="zh", show_default=True,
                     is_eager=True, callback=lambda ctx, _param, value: keep_lang(ctx, value),
                     words=N_("cli_opt_lang"))
_RUBRIC = click.option("--rubric", cls=LocalizedOption, type=FilePath(dir_okay=False), default=None,
                       words=N_("cli_opt_rubric"))
_FORMAT = click.option("--format", "fmt", cls=LocalizedOption, type=Choice(["table", "json", "xlsx"]),
                       default="table", show_default=True, words=N_("cli_opt_format"))
_OUTPUT = click.option("--output", "-o", cls=LocalizedOption, type=FilePath(dir_okay=False), default=None,
                       words=N_("cli_opt_output"))
_DATA = click.argument("data", type=FilePath(exists=True, dir_okay=False))


def _locale(lang: str) -> str:
    return "en" if lang == "en" else "zh_CN"


class _Group(LocalizedGroup):
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
            click.echo(f"perfeval: {exc.describe(_locale(ctx.meta.get('perfeval.lang', 'zh')))}", err=True)
        except OSError as exc:
            locale = _locale(ctx.meta.get("perfeval.lang", "zh"))
            why = os_reason(exc).message_in(locale)
            shown = render("cli_os_error", locale, name=exc.filename, why=why) if exc.filename else why
            click.echo(f"perfeval: {shown}", err=True)
        except Exception as exc:  # a bug, not bad input: still one line, and exit status 2
            click.echo("perfeval: " + render("cli_internal_error", _locale(ctx.meta.get("perfeval.lang", "zh")),
                                             kind=type(exc).__name__, text=str(exc)[:200]), err=True)
        sys.exit(2)


def _version(ctx: click.Context, _param: click.Parameter, value: bool) -> None:
    if value and not ctx.resilient_parsing:
        from importlib.metadata import version

        click.echo(render("cli_version", command_locale(ctx), prog=ctx.find_root().info_name, version=version("perfeval")))
        ctx.exit()


@click.group(cls=_Group, words=N_("cli_cmd_main"))
@click.option("--version", cls=LocalizedOption, is_flag=True, expose_value=False, is_eager=True, callback=_version,
              words=N_("cli_opt_version"))
@_LANG
def main(lang: str) -> None:
    """perfeval — 预算绩效评价的精确、可解释评分 (exact, explainable scoring of budget-performance evaluations)."""


@main.command(words=N_("cli_cmd_score"))
@_DATA
@_RUBRIC
@_FORMAT
@_OUTPUT
@_LANG
def score(data: str, rubric: str | None, fmt: str, output: str | None, lang: str) -> None:
    """Score a self-evaluation table (TOML, JSON or .xlsx) and print its scorecard."""
    ev = load_evaluation(data)
    card = evaluate(ev, rubric)
    if fmt == "json":
        click.echo(report.to_json(report.card_json(card, _locale(lang))))
    elif fmt == "xlsx":
        from .workbook import write_scored

        target = output or str(Path(data).with_suffix(".scored.xlsx"))
        write_scored(ev, card, target, locale=_locale(lang))
        click.echo(target)
    else:
        report.print_card(card, Console(), _locale(lang))


@main.command(name="audit", words=N_("cli_cmd_audit"))
@_DATA
@_RUBRIC
@_FORMAT
@_OUTPUT
@_LANG
def audit_command(data: str, rubric: str | None, fmt: str, output: str | None, lang: str) -> None:
    """Recompute a self-evaluation and list every reported 得分 the rubric does not support (exit 1 if any)."""
    ev = load_evaluation(data)
    found = audit(evaluate(ev, rubric), ev)
    if fmt == "json":
        click.echo(report.to_json(report.audit_json(found, _locale(lang))))
    elif fmt == "xlsx":
        from .workbook import write_scored

        target = output or str(Path(data).with_suffix(".audit.xlsx"))
        write_scored(ev, found.card, target, found, locale=_locale(lang))
        click.echo(target)
    else:
        report.print_audit(found, Console(), _locale(lang))
    sys.exit(0 if found.clean else 1)


@main.command(name="report", words=N_("cli_cmd_report"))
@_DATA
@_RUBRIC
@click.option("--format", "fmt", cls=LocalizedOption, type=Choice(["html", "md"]), default="html", show_default=True,
              words=N_("cli_opt_report_format"))
@click.option("--output", "-o", cls=LocalizedOption, type=FilePath(dir_okay=False), default=None,
              words=N_("cli_opt_report_output"))
@_LANG
def report_command(data: str, rubric: str | None, fmt: str, output: str | None, lang: str) -> None:
    """A report to read: scorecard, audit findings, explanations and a chart (self-contained HTML or Markdown)."""
    from .page import render_report

    ev = load_evaluation(data)
    text = render_report(ev, audit(evaluate(ev, rubric)), fmt, _locale(lang))
    if output is None:
        click.echo(text, nl=False)
        return
    try:
        Path(output).write_bytes(text.encode("utf-8"))
    except OSError as exc:
        raise DataFileError("cli_cannot_write", text=output, why=os_reason(exc)) from exc
    click.echo(output)


@main.command(words=N_("cli_cmd_check"))
@click.argument("path", type=FilePath(exists=True, dir_okay=False))
@click.option("--strict", cls=LocalizedOption, is_flag=True, words=N_("cli_opt_strict"))
@click.option("--readings", cls=LocalizedOption, is_flag=True, words=N_("cli_opt_readings"))
@_LANG
def check(path: str, strict: bool, readings: bool, lang: str) -> None:
    """Check a .rules rubric (sums, 例, standards) or a data file (its standards and targets)."""
    failing = {Severity.ERROR, Severity.WARNING} if strict else {Severity.ERROR}
    shown = {Severity.ERROR, Severity.WARNING} | ({Severity.INFO} if readings else set())
    if path.endswith(".rules"):
        r = load(path)
        text = r.source.text
        found = list(r.check())
        summary = Message("cli_rubric_summary", indicators=len(r.indicators),
                          examples=sum(len(i.examples) for i in r.indicators))
    else:
        text = Path(path).read_text(encoding="utf-8", errors="replace") if not path.endswith(".xlsx") else ""
        found = [f.diagnostic for f in check_evaluation(load_evaluation(path))]
        summary = Message("cli_data_summary", rows=len(load_evaluation(path).indicators))
    from .lexer import print_excerpt, source_lexer

    console, lexer, lines = Console(), source_lexer(path), text.split("\n")
    for d in found:
        if d.severity in shown:
            if text:  # the source line quoted in the finding is coloured (in a terminal only)
                quoted = lines[d.line - 1] if 0 < d.line <= len(lines) else None
                print_excerpt(console, d.render(text, path, _locale(lang)), quoted, lexer)
            else:
                click.echo(f"{path}: {d.severity_in(_locale(lang))}[{d.code}]: {d.message_in(_locale(lang))}"
                           + (f"\n  {render('hint', _locale(lang), text=d.hint_in(_locale(lang)))}" if d.hint else ""))
    errors = sum(1 for d in found if d.severity in failing)
    warnings = sum(1 for d in found if d.severity is Severity.WARNING)
    click.echo(render("cli_check_summary", _locale(lang), path=path, summary=summary, errors=errors,
                      warnings=warnings))
    sys.exit(1 if errors else 0)


@main.command(words=N_("cli_cmd_explain"))
@_DATA
@click.argument("indicator")
@_RUBRIC
@_LANG
def explain(data: str, indicator: str, rubric: str | None, lang: str) -> None:
    """Explain, step by step, how one indicator scored."""
    card = evaluate(load_evaluation(data), rubric)
    matches = [i for i in card if indicator in (i.name, "/".join(i.path))]
    if not matches:
        # 执行率: the last part of a path as the card shows it (资金情况/执行率), when only one indicator ends so
        matches = [i for i in card if i.path and i.path[-1] == indicator]
    if len(matches) != 1:
        names = "\n  ".join("/".join(i.path) for i in card)
        why = N_("cli_several_indicators") if matches else N_("cli_no_indicator")
        raise PerfevalError(why, name=indicator, names=names)  # one line on standard error, exit status 2
    item = matches[0]
    locale = _locale(lang)
    if item.score is not None:
        from .lexer import print_excerpt

        prefix = render("cli_standard_prefix", locale)  # the standard's line, coloured in a terminal
        print_excerpt(Console(), item.score.explain(locale), None, prefix=prefix)
    status = report.status_word(item.status, locale)
    reason = item.reason.render(locale) if hasattr(item.reason, "render") else item.reason
    click.echo(render("cli_explain_line", locale, name=item.name, max_points=item.max_points, status=status,
                      points=item.points if item.points is not None else "—", reason=reason))


@main.command(name="fmt", words=N_("cli_cmd_fmt"))
@click.argument("args", nargs=-1)
@click.option("--check", "check_only", cls=LocalizedOption, is_flag=True, words=N_("cli_opt_fmt_check"))
@click.option("--diff", "show_diff", cls=LocalizedOption, is_flag=True, words=N_("cli_opt_fmt_diff"))
@_LANG
def fmt_command(args: tuple[str, ...], check_only: bool, show_diff: bool, lang: str) -> None:
    """Format .rules files in place (FILE…), or print a standard (argument, or lines on standard input)
    in its canonical spelling."""
    from .fmt import format_standard

    files = [a for a in args if a.endswith(".rules") or _is_file(a)]
    if files or check_only or show_diff:
        if len(files) != len(args) or not files:
            raise UsageRefusal("cli_fmt_files", click.get_current_context())
        sys.exit(_format_files(files, check_only, show_diff, _locale(lang)))
    if len(args) > 1:
        raise UsageRefusal("cli_fmt_one", click.get_current_context())
    standard = args[0] if args else None
    lines = [standard] if standard is not None else sys.stdin.read().splitlines()
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            click.echo(format_standard(line))
        except PerfevalError as exc:
            where = render("cli_stdin_line", _locale(lang), line=number) if standard is None else ""
            click.echo(f"perfeval: {where}{exc.describe(_locale(lang))}", err=True)
            sys.exit(2)


def _is_file(arg: str) -> bool:
    """Whether ``arg`` names a file; a standard too long to be a file name is not one."""
    try:
        return Path(arg).is_file()
    except OSError:
        return False


def _format_files(files: list[str], check_only: bool, show_diff: bool, locale: str = "zh_CN") -> int:
    """Format each file (or only report/diff it); the exit status: 2 if one did not read, 1 if --check
    found a file to change, else 0."""
    import difflib

    from .fmt import format_rubric

    status = 0
    for name in files:
        try:
            # bytes, not text mode: a file written with \r\n is a file to change
            text = Path(name).read_bytes().decode("utf-8")
            formatted = format_rubric(text, name)
        except OSError as exc:
            click.echo(f"perfeval: {render('cli_os_error', locale, name=name, why=os_reason(exc))}", err=True)
            status = 2
            continue
        except UnicodeDecodeError:
            click.echo(f"perfeval: {name}: {render('cli_not_utf8', locale)}", err=True)
            status = 2
            continue
        except PerfevalError as exc:
            click.echo(f"perfeval: {exc.describe(locale)}", err=True)
            status = 2
            continue
        if formatted == text:
            continue
        if show_diff:
            click.echo("".join(difflib.unified_diff(text.splitlines(keepends=True), formatted.splitlines(keepends=True),
                                                    f"{name}", render("cli_formatted", locale, name=name))),
                       nl=False)
        if check_only:
            click.echo(render("cli_would_reformat", locale, name=name), err=True)
            status = max(status, 1)
        elif not show_diff:
            Path(name).write_bytes(formatted.encode("utf-8"))
            click.echo(render("cli_reformatted", locale, name=name), err=True)
    return status


@main.command(words=N_("cli_cmd_template"))
@click.argument("path", type=FilePath(dir_okay=False))
@click.option("--kind", cls=LocalizedOption, type=Choice(["项目", "部门"]), default=None, words=N_("cli_opt_kind"))
@click.option("--rubric", cls=LocalizedOption, type=FilePath(exists=True, dir_okay=False), default=None,
              words=N_("cli_opt_template_rubric"))
@_LANG
def template(path: str, kind: str | None, rubric: str | None, lang: str) -> None:
    """Write a blank 自评表 .xlsx to fill in (with --rubric, its rows pre-filled)."""
    if rubric is not None:
        from .workbook import write_rubric_template

        write_rubric_template(load(rubric), path, kind)
    else:
        write_template_xlsx(path, kind=kind or "项目")
    click.echo(path)


def _add_batch() -> None:
    from .batch import batch_command  # perfeval/batch.py: the folder of files, in worker processes

    main.add_command(batch_command)


_add_batch()
