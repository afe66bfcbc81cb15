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


def test_import_loads_no_machinery_until_a_name_is_used() -> None:
    """``import perfeval`` imports none of its modules (the start-up target of issue #10); the first use of a
    name imports its module, and every public name resolves."""
    code = ("import sys, perfeval; print(sorted(m for m in sys.modules if m.startswith(('perfeval.', 'lark', 'attr')))); "
            "perfeval.compile_rule; print('perfeval.rules.rule' in sys.modules, 'perfeval.workbook' in sys.modules); "
            "print(all(getattr(perfeval, n) is not None for n in perfeval.__all__), set(perfeval.__all__) <= set(dir(perfeval)))")
    assert _run(code).splitlines() == ["[]", "True False", "True True"]


def test_submodules_and_unknown_names_as_before() -> None:
    code = ("import perfeval\n"
            "print(perfeval.rules.compile_rule is perfeval.compile_rule, perfeval.datafile.load_evaluation is perfeval.load_evaluation)\n"
            "try:\n    perfeval.no_such_name\nexcept AttributeError as exc:\n    print(exc)\n"
            "from perfeval import *\nprint(Rubric.__name__, compile_rule.__name__)")
    assert _run(code).splitlines() == ["True True", "module 'perfeval' has no attribute 'no_such_name'",
                                       "Rubric compile_rule"]
