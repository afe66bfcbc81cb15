"""Every figure of issue #10 in one run, each beside its target: per value, 1M values, 10,000 files, import.

Run from the project root: ``python benchmarks/bench_scale.py`` (``--quick``: 1,000 files, fewer passes).

1. per value — ``rule.points`` and ``rule(value)`` against the hand-written Decimal references of
   ``../shared/bench/reference.py`` (targets 1.2× and 3×), and ``rule.points("93.21%")`` (a string);
2. 1M values of the band table and of the step rule — ``points_many`` on an Arrow decimal column (target
   ≤ 0.05 s, within ~3× of a NumPy float kernel) and the same rule as SQL in DuckDB;
3. ``perfeval batch`` on 10,000 synthetic project files, 2 workers (target ≤ 20 s);
4. ``import perfeval`` in a fresh interpreter (target ≤ 0.12 s).

Each line ends in "met" or "NOT MET"; the exit status is 1 if any target is missed. The machine's load is
printed first: on a shared machine the figures are only as good as the cores that were free.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from decimal import Decimal
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import bench_batch  # noqa: E402
import bench_rules  # noqa: E402

import perfeval  # noqa: E402


def _line(figure: str, measured: str, target: str, ok: bool | None) -> bool | None:
    """One figure; ``ok`` None for a figure reported without a target of its own."""
    print(f"{figure:<46}{measured:>16}   {target:<26}{'' if ok is None else 'met' if ok else 'NOT MET'}")
    return ok


def per_value(quick: bool) -> list[bool | None]:
    ref = bench_rules._reference()
    xs = ref.inputs(5000 if quick else 20000)
    passes = 3 if quick else 9
    out = []
    for name, text, points, hand in (("band", ref.BAND, 8, ref.band), ("step", ref.STEP, 5, ref.step)):
        rule = perfeval.compile_rule(text, points=points)
        assert all(rule.points(x) == hand(x) for x in xs)
        t_hand, t_points, t_score = bench_rules.interleaved([hand, rule.points, rule], xs, passes)
        texts = [f"{x * 100:f}%" for x in xs]
        t_text = bench_rules._best(rule.points, texts, passes)  # type: ignore[arg-type]
        out.append(_line(f"{name}: rule.points vs reference", f"{t_points / t_hand:.2f}×", "≤ 1.2×",
                         t_points <= 1.2 * t_hand))
        out.append(_line(f"{name}: rule(value) vs reference", f"{t_score / t_hand:.2f}×", "≤ 3×",
                         t_score <= 3 * t_hand))
        out.append(_line(f"{name}: rule.points('93.21%') vs a Decimal", f"{t_text / t_points:.1f}×",
                         "(issue: today 25–84×)", None))
    sixty = perfeval.compile_rule(ref.STEP, points=10)
    same = {str(sixty.points(v)) for v in ("90%", Decimal("0.9"), 0.9, "90.00%", "９０％")}
    out.append(_line("90% under 每低于5%扣2分 of 10分, every form", "/".join(sorted(same)), "6.00 in every form",
                     same == {"6.00"}))
    return out


def columns() -> list[bool | None]:
    out = []
    for name, t_np, t_many, t_duck in bench_batch.bench_columns():
        out.append(_line(f"1M {name} values: points_many (Arrow)", f"{t_many:.4f} s", "≤ 0.05 s", t_many <= 0.05))
        out.append(_line(f"1M {name} values: vs NumPy float kernel", f"{t_many / t_np:.1f}×", "≤ ~3×",
                         t_many <= 3 * t_np))
        out.append(_line(f"1M {name} values: DuckDB to_sql", f"{t_duck:.4f} s", "(reported)", None))
    return out


def files(quick: bool) -> list[bool | None]:
    n = 1000 if quick else 10000
    elapsed, said = bench_batch.bench_files(n)
    target = 20 * n / 10000
    ok = _line(f"perfeval batch: {n} files, 2 workers", f"{elapsed:.1f} s", f"≤ {target:.0f} s", elapsed <= target)
    print(f"    {said}")  # with the CPU seconds used: the figure that does not depend on the machine's load
    return [ok]


def import_time() -> list[bool | None]:
    # As an installed package runs: with its bytecode (pip writes it; PYTHONDONTWRITEBYTECODE would make every
    # run compile the sources again), after one run that writes it.
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}

    def best(code: str) -> float:
        run = [sys.executable, "-c", "import time; t = time.perf_counter(); " + code +
               "; print(time.perf_counter() - t)"]
        subprocess.run(run, capture_output=True, text=True, check=True, env=env)
        return min(float(subprocess.run(run, capture_output=True, text=True, check=True, env=env).stdout)
                   for _ in range(5))

    plain = best("import perfeval")
    first = best("import perfeval; perfeval.compile_rule('100%计满分，每低于5%扣2分', points=4).points('93%')")
    return [_line("import perfeval (best of 5)", f"{plain:.3f} s", "≤ 0.12 s", plain <= 0.12),
            _line("  … and the first compile_rule and score", f"{first:.3f} s", "(reported)", None)]


def main() -> int:
    quick = "--quick" in sys.argv
    load = os.getloadavg() if hasattr(os, "getloadavg") else (0.0, 0.0, 0.0)
    print(f"load average {load[0]:.2f} on {os.cpu_count()} CPUs; {time.strftime('%Y-%m-%d %H:%M')}")
    print(f"{'figure':<46}{'measured':>16}   {'target':<26}")
    results = [r for r in per_value(quick) + columns() + files(quick) + import_time() if r is not None]
    print(f"{sum(results)} of {len(results)} targets met")
    return 0 if all(results) else 1


if __name__ == "__main__":
    sys.exit(main())
