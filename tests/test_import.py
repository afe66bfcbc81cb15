"""``import perfeval`` does not load pint: the unit registry is built at the first unit (issue #10, start-up).
Checked in a fresh interpreter, by what is loaded — tests never time anything."""

from __future__ import annotations

import subprocess
import sys


def _run(code: str) -> str:
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.strip()


def test_import_does_not_load_pint_and_the_first_unit_does() -> None:
    code = ("import sys, perfeval; print('pint' in sys.modules); "
            "r = perfeval.compile_rule('100%计满分，每低于5%扣2分', points=4); r.points('93%'); print('pint' in sys.modules); "
            "q = perfeval.quantity('91.22公顷').to('亩'); print('pint' in sys.modules, q.magnitude, perfeval.ureg is perfeval.ureg)")
    assert _run(code).splitlines() == ["False", "False", "True 1368.30 True"]


def test_the_registry_is_the_same_however_it_is_reached() -> None:
    code = ("import perfeval.units as u; from perfeval.units import ureg; import perfeval; "
            "print(ureg is u.registry() is perfeval.ureg, isinstance(perfeval.quantity('3个'), u.Quantity))")
    assert _run(code) == "True True"
