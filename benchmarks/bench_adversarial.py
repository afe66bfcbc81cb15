"""The slowest adversarial input of each kind against the 1 s target, and a 1 MB rubric against its target.

Run: ``python benchmarks/bench_adversarial.py`` (``--quick``: one run each, shorter time limits). Kinds:

- ``standard``: hostile standards up to ``MAX_STANDARD_CHARS`` (those of ``bench_compile.py`` and the repros
  of issue 13), compiled cold;
- ``value``: hostile values (1E-30000000, 1E+999999, a 5,001-digit int, 94.999…%, NaN …) scored and explained
  by a step rule, a band rule, a count rule and an option rule;
- ``data file``: TOML and JSON files with huge exponents, 5,000-digit integers, nesting 5,000 deep, bytes that
  are not UTF-8, and the most indicators allowed — read, scored and audited;
- ``workbook``: .xlsx files with a cell at XFD1048576, NaN and 1E+400 cells, and a sheet of the most rows the
  limits allow — read, scored and audited;
- ``rubric``: ``.rules`` texts with bad 例 lines, a BOM, huge 分值, the most indicators allowed (tiny ones);
- ``cli``: ``perfeval score`` (click's runner) on the hostile data files.

Each input runs in a forked child killed after a time limit, so a catastrophic case shows as "killed". The
target for every adversarial input is 1 s. The rubric target is the rate of ``bench_compile.py``'s rubric
target (1,000 indicators in 1 s): a 1 MB rubric of real standards (about 4,300 indicators) within 1 ms per
indicator. Any exception that is not a PerfevalError is a bug: printed, and the exit status is 1.
"""

from __future__ import annotations

import gc
import io
import json
import multiprocessing
import sys
import tempfile
import time
import traceback
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import Any

import openpyxl
from click.testing import CliRunner

import perfeval
from perfeval.cli import main as cli
from perfeval.datafile import dump_xlsx
from perfeval.limits import (
    MAX_DATA_INDICATORS,
    MAX_INDICATORS,
    MAX_SHEET_CELLS,
    MAX_SHEET_ROWS,
)
from perfeval.rubric.audit import audit, evaluate
from perfeval.rules import rule as rule_module

sys.path.insert(0, str(Path(__file__).resolve().parent))
import bench_compile  # noqa: E402  (a sibling script, not a package)

ROOT = Path(__file__).resolve().parent.parent
TARGET_S = 1.0
TARGET_MS_PER_INDICATOR = bench_compile.TARGET_RUBRIC_MS_PER_INDICATOR
EXAMPLE = ROOT / "examples" / "huarong-2022-project-selfeval.toml"
Case = tuple[str, str, Callable[[], Any]]  # kind, name, what to time


def timed(fn: Callable[[], Any]) -> tuple[float, str, float]:
    """Wall seconds, outcome, and CPU seconds of the process (the wall time of a shared machine is not the code's)."""
    start, cpu = time.perf_counter(), time.process_time()
    try:
        fn()
        outcome = "ok"
    except perfeval.PerfevalError as exc:
        outcome = type(exc).__name__
    except Exception as exc:
        frames = traceback.extract_tb(exc.__traceback__)
        outcome = f"CRASH {type(exc).__name__}: {str(exc)[:100]} at {Path(frames[-1].filename).name}:{frames[-1].lineno}"
    return time.perf_counter() - start, outcome, time.process_time() - cpu


def _child(conn: Any, fn: Callable[[], Any], repeat: int) -> None:
    # What the parent built before the fork (every case's input) is not the measured code's: frozen, the
    # collector does not scan it again at every collection the measured run triggers.
    gc.freeze()
    for _ in range(repeat):
        rule_module.clear_caches()
        conn.send(timed(fn))
    conn.send(None)


def isolated(fn: Callable[[], Any], repeat: int, limit: float) -> tuple[float, str, float]:
    """The median seconds of ``repeat`` runs of ``fn`` in a forked child (killed after ``limit``), the
    outcome of the first, and the median CPU seconds."""
    if "fork" not in multiprocessing.get_all_start_methods():
        runs = [timed(fn) for _ in range(repeat)]
    else:
        ctx = multiprocessing.get_context("fork")
        receive, send = ctx.Pipe(duplex=False)
        child = ctx.Process(target=_child, args=(send, fn, repeat), daemon=True)
        start = time.perf_counter()
        child.start()
        send.close()
        runs = []
        while True:
            left = limit - (time.perf_counter() - start)
            if left <= 0 or not receive.poll(left):
                child.kill()
                child.join()
                return limit, f"killed after {limit:g}s", limit
            try:
                msg = receive.recv()
            except EOFError:
                return limit, f"CRASH the child died (exit code {child.exitcode})", limit
            if msg is None:
                break
            runs.append(msg)
        child.join()
    times = sorted(t for t, _, _ in runs)
    cpus = sorted(c for _, _, c in runs)
    return times[len(times) // 2], runs[0][1], cpus[len(cpus) // 2]


# --- the inputs ---------------------------------------------------------------------------------------------

STEPS = "100%计满分，每低于5%扣2分，扣完为止"
BANDS = "95%以上计6分，90%至95%计4分，其余计0分"
COUNT = "每发现一处问题扣0.5分，扣完为止"
OPTION = "效果好的计6分；一般3分；无效果0分"


def standard_cases() -> list[Case]:
    texts = list(bench_compile.hostile_texts()) + [
        ("不足5%按5%计", "不足5%按5%计"), ("扣完为止", "扣完为止"), ("、×500", "、" * 500),
        ("202-term formula", "得分=" + "+".join(["实际"] * 202)),
        ("1,000-char formula", ("得分=" + "+".join(["实际"] * 400))[:1000]),
        ("50-digit edge", "低于" + "9" * 50 + "%计0分，其余计满分"),
    ]
    cases: list[Case] = [("standard", name, lambda t=text: perfeval.compile_rule(t, points=10)) for name, text in texts]
    # the out-of-memory cases of the long fuzz run: a count of parts or places taken from a number
    cases += [("standard", "每项各2分 of 10**29 points",
               lambda: perfeval.compile_rule("每项任务各2分,按期完成的计满分,未完成的计0分", points=10 ** 29)),
              ("standard", "第1-99999999名", lambda: perfeval.compile_rule("排名第1-99999999名分别计3分、2分、1分", points=3)),
              ("standard", "400-digit number with spaces",
               lambda: perfeval.compile_rule("违规一例倒扣 " + " ".join(["11111111"] * 50) + " 分", points=4))]
    return cases


def value_cases() -> list[Case]:
    values: list[tuple[str, Any]] = [
        ("1E-30000000", Decimal("1E-30000000")), ("1E+999999", Decimal("1E+999999")), ("10**5000", 10 ** 5000),
        ("'9'×5000", "9" * 5000), ("94.9…9% (98 nines)", "94." + "9" * 98 + "%"), ("0.9…9 (100 digits)", Decimal("0." + "9" * 100)),
        ("NaN", Decimal("NaN")), ("-Infinity", Decimal("-Infinity")), ("'1'×250", "1" * 250), ("[10**5000]", [10 ** 5000]),
    ]
    cases: list[Case] = []
    for text in (STEPS, BANDS, COUNT, OPTION):
        rule = perfeval.compile_rule(text, points=6)
        for name, value in values:
            def run(r: perfeval.Rule = rule, v: Any = value) -> None:
                try:
                    r.points(v)
                finally:
                    r(v).explain()
            cases.append(("value", f"{name} → {text[:10]}", run))
    return cases


def _toml(actual: str = '"95%"', points: str = '"5"', year: str = "2022", rows: int = 1) -> str:
    head = f'"评价对象" = "项目"\n"名称" = "x"\n"年度" = {year}\n"评价体系" = "项目支出绩效自评表"\n'
    row = ('[["指标"]]\n"一级指标" = "产出指标"\n"二级指标" = "数量指标"\n"三级指标" = "指标{i}"\n"年度指标值" = "100%"\n'
           f'"实际完成值" = {actual}\n"分值" = {points}\n"得分" = "5"\n')
    return head + "".join(row.replace("{i}", str(i)) for i in range(rows))


def _scored(data: str | bytes, fmt: str) -> Callable[[], Any]:
    def run() -> None:
        audit(evaluate(perfeval.loads_evaluation(data, fmt, path=f"bench.{fmt}")))
    return run


DATA: list[tuple[str, str | bytes, str]] = [
    ("实际完成值 = 1e-999999999", _toml(actual="1e-999999999"), "toml"),
    ("年度 = 1e1000000", _toml(year="1e1000000"), "toml"),
    ("分值 = 5,001-digit int", _toml(points="1" + "0" * 5000), "toml"),
    ("分值 = 1e400", _toml(points="1e400"), "toml"),
    ("nesting 5,000 (TOML)", "x = " + "[" * 5000 + "]" * 5000, "toml"),
    ("nesting 5,000 (JSON)", "[" * 5000 + "]" * 5000, "json"),
    ("JSON NaN 分值", json.dumps({"评价对象": "项目", "名称": "x", "年度": 2022, "评价体系": "项目支出绩效自评表",
                                 "指标": [{"三级指标": "a", "分值": "P"}]}, ensure_ascii=False).replace('"P"', "NaN"), "json"),
    ("not UTF-8 (0xFF)", b"\xff" + _toml().encode(), "toml"),
    ("UTF-16 with BOM", _toml().encode("utf-16"), "toml"),
    (f"{MAX_DATA_INDICATORS:,} indicators (the limit)", _toml(rows=MAX_DATA_INDICATORS), "toml"),
    (f"{MAX_DATA_INDICATORS + 1:,} indicators (over)", _toml(rows=MAX_DATA_INDICATORS + 1), "toml"),
]


def data_cases() -> list[Case]:
    return [("data file", name, _scored(data, fmt)) for name, data, fmt in DATA]


def _workbook() -> bytes:
    buf = io.BytesIO()
    dump_xlsx(perfeval.load_evaluation(EXAMPLE), buf)
    return buf.getvalue()


def _tall_workbook(rows: int) -> bytes:
    wb = openpyxl.load_workbook(io.BytesIO(_workbook()))
    ws = wb.active
    last = [c.value for c in ws[ws.max_row]]
    for i in range(rows - ws.max_row):
        ws.append([*last[:2], f"指标{i}", *last[3:]])
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def workbook_cases() -> list[Case]:
    sys.path.insert(0, str(ROOT))
    from tests.regressions.workbooks import with_cell, with_far_cell

    book = _workbook()
    columns = 11
    books = [("cell at XFD1048576 (5 KB)", with_far_cell(book)), ("cell at XFD1048576, no dimension", with_far_cell(book, dimension=False)),
             ("NaN cell", with_cell(book, "G17", "<v>NaN</v>")), ("1E+400 cell", with_cell(book, "G17", "<v>1E+400</v>")),
             (f"{min(MAX_SHEET_ROWS, MAX_SHEET_CELLS // columns):,} rows (the limit)", _tall_workbook(min(MAX_SHEET_ROWS, MAX_SHEET_CELLS // columns)))]
    return [("workbook", name, _scored(data, "xlsx")) for name, data in books]


RUBRIC_HEAD = "评价体系 x\n满分 5\n一级指标 a 5分\n三级指标 b 5分\n  标准：" + STEPS + "\n"


def _tiny_rubric(n: int) -> str:
    body = "".join(f"三级指标 b{i} 1分\n  标准：完成得满分，否则不得分（第{i}项）\n" for i in range(n))
    return f"评价体系 x\n满分 {n}\n一级指标 a {n}分\n" + body


def rubric_cases() -> list[Case]:
    texts = [("例：a=1, b → 5分", RUBRIC_HEAD + "  例：a=1, b → 5分\n"), ("例：93% → sNaN分", RUBRIC_HEAD + "  例：93% → sNaN分\n"),
             ("BOM", "\ufeff" + RUBRIC_HEAD), ("60-digit 分值", RUBRIC_HEAD.replace("b 5分", "b " + "9" * 60 + "分")),
             ("a line of 100,000 characters", RUBRIC_HEAD.replace(STEPS, "的" * 100_000)),
             (f"{MAX_INDICATORS + 1:,} tiny indicators (over)", _tiny_rubric(MAX_INDICATORS + 1))]
    return [("rubric", name, lambda t=text: perfeval.loads(t).check()) for name, text in texts]


def cli_cases(folder: Path) -> list[Case]:
    cases: list[Case] = []
    for name, data, fmt in DATA[:9]:
        path = folder / f"{len(cases)}.{fmt}"
        path.write_bytes(data if isinstance(data, bytes) else data.encode())
        cases.append(("cli", f"score {name}", lambda p=path: CliRunner().invoke(cli, ["score", str(p)])))
    return cases


# --- the report -------------------------------------------------------------------------------------------

def bench_kinds(cases: list[Case], repeat: int, limit: float) -> tuple[bool, list[str]]:
    kinds: dict[str, list[tuple[float, str, str]]] = {}
    crashes = []
    for kind, name, fn in cases:
        seconds, outcome, _ = isolated(fn, repeat, limit)
        kinds.setdefault(kind, []).append((seconds, name, outcome))
        if outcome.startswith("CRASH"):
            crashes.append(f"{kind} {name}: {outcome}")
    ok = True
    print(f"{'kind':<11}{'inputs':>7}  {'slowest input':<44}{'time':>10}{'target':>9}")
    for kind, runs in kinds.items():
        seconds, name, outcome = max(runs)
        good = seconds <= TARGET_S and not outcome.startswith(("killed", "CRASH"))
        ok &= good
        print(f"{kind:<11}{len(runs):>7}  {name[:42]:<44}{seconds * 1e3:>8.1f}ms{'≤ 1 s':>9}  "
              f"{bench_compile.verdict(good)}  ({outcome})")
    return ok, crashes


def bench_megabyte_rubric(repeat: int, limit: float) -> bool:
    text, k = bench_compile.megabyte_rubric(bench_compile.usable_seeds(bench_compile.seed_standards()))
    size = len(text.encode())
    seconds, outcome, cpu = isolated(lambda: perfeval.loads(text), repeat, limit)
    target = TARGET_MS_PER_INDICATOR * k / 1000
    good = outcome == "ok" and seconds <= target
    print(f"rubric     1 MB rubric of real standards: {size:,} bytes, {k:,} indicators: {seconds:.2f}s "
          f"({seconds / k * 1e3:.2f} ms per indicator; CPU {cpu:.2f}s), target ≤ {target:.1f}s ({TARGET_MS_PER_INDICATOR:g} ms per "
          f"indicator)  {bench_compile.verdict(good)}  ({outcome})")
    return good


def main() -> int:
    quick = "--quick" in sys.argv
    repeat, limit = (1, 10.0) if quick else (3, 30.0)
    perfeval.compile_rule(STEPS, points=5)  # the grammar, once, before any timing
    with tempfile.TemporaryDirectory() as folder:
        cases = (standard_cases() + value_cases() + data_cases() + workbook_cases() + rubric_cases()
                 + cli_cases(Path(folder)))
        ok, crashes = bench_kinds(cases, repeat, limit)
    ok &= bench_megabyte_rubric(1 if quick else 2, 60.0)
    for crash in crashes:
        print(f"CRASH (a bug): {crash}")
    print(f"targets: {'met' if ok and not crashes else 'missed'}")
    return 0 if ok and not crashes else 1


if __name__ == "__main__":
    sys.exit(main())
