"""Fuzz: mutated data files (TOML, JSON, .xlsx built with openpyxl) read, scored, audited and reported, and
the command line run on them through click's runner.

Properties: reading, scoring, auditing and every report raise nothing but a PerfevalError; a scored card's
points lie within each indicator's [0, 分值] unless its rule allows more (a bonus) or less (倒扣); the result
is the same in a hostile caller decimal context; the CLI exits 0, 1 or 2 and never prints a traceback.
The duration is set by ``PERFEVAL_FUZZ_SECONDS`` (tests/fuzz/budget.py).
"""

from __future__ import annotations

import decimal
import io
import json
import re
import tempfile
from decimal import Decimal
from pathlib import Path
from typing import Any

import openpyxl
from click.testing import CliRunner
from hypothesis import given
from hypothesis import strategies as st
from rich.console import Console

import perfeval
from perfeval import report
from perfeval.cli import main
from perfeval.datafile import dump_xlsx
from perfeval.rubric.audit import audit, evaluate

from .budget import fuzz_settings
from .test_fuzz_rules import caller, contexts, outcome

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = sorted((ROOT / "examples").glob("*.toml"))
TOML_TEXTS = [p.read_text(encoding="utf-8") for p in EXAMPLES]

#: TOML values no table should hold, and texts that have broken readers and printers before.
VALUES = ["nan", "inf", "-inf", "1e400", "1e-999999999", "1e1000000", "1" + "0" * 5000, "9" * 200, "-0.0",
          '"' + "9" * 60 + '"', '"1E+400"', '"NaN"', '"[/]"', '"[bold red]x"', '"=1+2"', '"@SUM(A1)"',
          '"a\\u0001b"', '"\\u202e90%"', '"' + "甲、" * 480 + '"', "[" * 40 + "]" * 40, '"100%"', '"-5%"', '""',
          '"—"', "true", "2023-01-01", "[1, 2]", "{a = 1}", '"①②③"', '"9999万元"', '"0.000000000001"']
_VALUE = re.compile(r'^(\s*"[^"]+"\s*=\s*)(.+?)(\s*(?:#.*)?)$')


@st.composite
def mutated_toml(draw: st.DrawFn) -> str:
    lines = draw(st.sampled_from(TOML_TEXTS)).split("\n")
    for _ in range(draw(st.integers(min_value=1, max_value=4))):
        i = draw(st.integers(min_value=0, max_value=len(lines) - 1))
        op = draw(st.sampled_from(["value", "value", "delete", "duplicate"]))
        m = _VALUE.match(lines[i])
        if op == "value" and m:
            lines[i] = m[1] + draw(st.sampled_from(VALUES)) + m[3]
        elif op == "delete":
            del lines[i]
        elif op == "duplicate":
            lines[i:i] = [lines[i]] * draw(st.integers(min_value=1, max_value=5))
    return "\n".join(lines)


def _json_of(text: str) -> str | None:
    try:
        import tomllib
        data = tomllib.loads(text, parse_float=Decimal)
    except Exception:
        return None
    return json.dumps(data, ensure_ascii=False, default=str)


@st.composite
def mutated_json(draw: st.DrawFn) -> str:
    text = _json_of(draw(st.sampled_from(TOML_TEXTS))) or "{}"
    found = list(re.finditer(r':\s*("(?:[^"\\]|\\.)*"|-?\d[\d.eE+-]*)', text))
    for _ in range(draw(st.integers(min_value=1, max_value=3))):
        m = draw(st.sampled_from(found))
        new = draw(st.sampled_from(["NaN", "Infinity", "-Infinity", "1e400", "1e-400", "1" * 5000, '"[/]"',
                                    "[" * 50 + "]" * 50, "null", "true", '"' + "9" * 70 + '"', "{}"]))
        text = text[: m.start(1)] + new + text[m.end(1):]
        found = list(re.finditer(r':\s*("(?:[^"\\]|\\.)*"|-?\d[\d.eE+-]*)', text))
    return text


@st.composite
def mutated_bytes(draw: st.DrawFn) -> bytes:
    data = bytearray(draw(st.sampled_from(TOML_TEXTS)).encode())
    for _ in range(draw(st.integers(min_value=1, max_value=3))):
        i = draw(st.integers(min_value=0, max_value=len(data)))
        data[i:i] = draw(st.sampled_from([b"\xff", b"\xfe\xff", b"\x00", b"\xc3", b"\xef\xbb\xbf", b"\xed\xa0\x80"]))
    if draw(st.booleans()):
        return b"\xff\xfe" + bytes(data).decode("utf-8", errors="replace").encode("utf-16-le")
    return bytes(data)


def scored(evaluation: Any) -> tuple[Any, ...]:
    """Everything perfeval makes of an evaluation: the card, the audit and every report (PerfevalError only)."""
    card = evaluate(evaluation)
    found = audit(card)
    console = Console(file=io.StringIO(), width=120)
    report.print_card(card, console)
    report.print_audit(found, console, "en")
    out = io.BytesIO()
    report.write_xlsx(card, out)
    for item in card:
        if item.points is not None and item.score is not None:
            allowed = item.score.rule.allowed_points()
            low = min([Decimal(0), *(lo for lo, _ in allowed)])
            high = max([item.max_points, *(hi for _, hi in allowed)])
            assert low <= item.points <= high, f"{item.name}: {item.points} outside {low}..{high}"
    return (report.to_json(report.card_json(card)), report.to_json(report.audit_json(found, "en")),
            console.file.getvalue())  # type: ignore[attr-defined]


def read_and_score(data: str | bytes, fmt: str) -> tuple[Any, ...]:
    return outcome(lambda: scored(perfeval.loads_evaluation(data, fmt, path=f"fuzz.{fmt}")))


@fuzz_settings(per_second=45, share=0.15)
@given(text=st.one_of(mutated_toml(), mutated_json()), ctx=contexts)
def test_mutated_data_files_read_score_and_report_or_raise_perfeval_errors(text: str, ctx: decimal.Context) -> None:
    fmt = "json" if text.startswith("{") else "toml"
    here = read_and_score(text, fmt)
    with caller(ctx):
        there = read_and_score(text, fmt)
    assert here == there, f"{here[:1]} / {there[:1]}"


@fuzz_settings(per_second=300, share=0.05)
@given(data=mutated_bytes())
def test_data_files_of_any_bytes_read_or_raise_perfeval_errors(data: bytes) -> None:
    read_and_score(data, "toml")


_WORKBOOKS: list[bytes] = []


def _workbooks() -> list[bytes]:
    if not _WORKBOOKS:
        for path in EXAMPLES[:4]:
            buf = io.BytesIO()
            dump_xlsx(perfeval.load_evaluation(path), buf)
            _WORKBOOKS.append(buf.getvalue())
    return _WORKBOOKS


CELL_VALUES = [float("nan"), float("inf"), -float("inf"), 1e308, 1e-308, 10 ** 20, -5, 0, "=1+2", "[/]", "9" * 200,
               "1E+400", "NaN", True, "", " ", "—", "100%", "甲、" * 400, 0.95, "①", None]


@st.composite
def mutated_workbook(draw: st.DrawFn) -> bytes:
    wb = openpyxl.load_workbook(io.BytesIO(draw(st.sampled_from(_workbooks()))))
    ws = wb.active
    for _ in range(draw(st.integers(min_value=1, max_value=6))):
        row = draw(st.integers(min_value=1, max_value=ws.max_row + 2))
        column = draw(st.integers(min_value=1, max_value=12))
        ws.cell(row=row, column=column, value=draw(st.sampled_from(CELL_VALUES)))
    if draw(st.booleans()):
        ws.cell(row=draw(st.integers(min_value=1, max_value=30_000)), column=draw(st.integers(min_value=1, max_value=300)),
                value="far")
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


@fuzz_settings(per_second=12, share=0.1)
@given(data=mutated_workbook())
def test_mutated_workbooks_read_score_and_report_or_raise_perfeval_errors(data: bytes) -> None:
    read_and_score(data, "xlsx")


COMMANDS = [["score"], ["audit"], ["check"], ["score", "--format", "json"], ["audit", "--format", "json", "--lang", "en"],
            ["score", "--format", "xlsx", "-o", "{dir}/out.xlsx"], ["score", "--format", "xlsx", "-o", "{dir}/no/out.xlsx"],
            ["explain", "{file}", "变更图斑"], ["check", "--strict", "--readings"]]


@fuzz_settings(per_second=45, share=0.1)
@given(text=st.one_of(mutated_toml(), mutated_json()), command=st.sampled_from(COMMANDS))
def test_the_cli_never_prints_a_traceback(text: str, command: list[str]) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / ("x.json" if text.startswith("{") else "x.toml")
        path.write_text(text, encoding="utf-8")
        argv = [a.format(dir=tmp, file=path) for a in command]
        if "{file}" not in command:
            argv.append(str(path))
        result = CliRunner().invoke(main, argv)
    assert result.exit_code in (0, 1, 2), (argv, result.output)
    assert result.exception is None or isinstance(result.exception, SystemExit), (argv, repr(result.exception))
    assert "Traceback" not in result.output and "internal error" not in result.output, result.output


def test_errors_are_perfeval_errors() -> None:
    """The harness itself: a PerfevalError is an outcome, anything else escapes."""
    assert outcome(lambda: perfeval.loads_evaluation("x", "toml"))[0] == "error"
    try:
        outcome(lambda: 1 / 0)
    except ZeroDivisionError:
        return
    raise AssertionError("a ZeroDivisionError was swallowed")

