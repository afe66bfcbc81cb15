"""The shape of the code base, checked: modules stay small, stages import only earlier stages, no module
reaches into another's private names, and nothing imports in a cycle (a function-level import counts).

The pipeline of ``perfeval/rules`` reads in the file tree — ``syntax/`` → ``meaning/`` → ``run/`` →
``rule.py`` / ``explain.py`` / ``tables.py`` — and these tests keep it that way (issue #8).
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "perfeval"
MAX_LINES = 600

#: Each stage of the rules pipeline, and the later stages it must never import.
STAGES = {
    "perfeval.rules.syntax": ("perfeval.rules.meaning", "perfeval.rules.run", "perfeval.rules.rule",
                              "perfeval.rules.explain", "perfeval.rules.tables"),
    "perfeval.rules.meaning": ("perfeval.rules.run", "perfeval.rules.rule", "perfeval.rules.explain",
                               "perfeval.rules.tables"),
    "perfeval.rules.run": ("perfeval.rules.rule", "perfeval.rules.explain", "perfeval.rules.tables"),
}


def _modules() -> dict[str, Path]:
    out = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
        name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
        out[name] = path
    return out


MODULES = _modules()


def _resolve(module: str, node: ast.ImportFrom, is_package: bool) -> str:
    if node.level == 0:
        return node.module or ""
    base = module.split(".")
    if not is_package:
        base = base[:-1]
    base = base[: len(base) - (node.level - 1)]
    return ".".join(base + ([node.module] if node.module else []))


def _imports(module: str) -> list[tuple[str, str, int]]:
    """(imported module, imported name or "", line) for every import in ``module``, at any depth."""
    path = MODULES[module]
    tree = ast.parse(path.read_text(encoding="utf-8"))
    # Imports under ``if TYPE_CHECKING:`` name types for the checker and never run: no cycle at run time.
    typing_only = {id(n) for block in ast.walk(tree) if isinstance(block, ast.If)
                   and ast.unparse(block.test) in ("TYPE_CHECKING", "typing.TYPE_CHECKING")
                   for stmt in block.body for n in ast.walk(stmt)}
    out: list[tuple[str, str, int]] = []
    for node in ast.walk(tree):
        if id(node) in typing_only:
            continue
        if isinstance(node, ast.Import):
            out += [(a.name, "", node.lineno) for a in node.names]
        elif isinstance(node, ast.ImportFrom):
            target = _resolve(module, node, path.name == "__init__.py")
            for a in node.names:
                sub = f"{target}.{a.name}"
                # "from . import arith" imports a module; "from .nodes import Span" a name
                out.append((sub, "", node.lineno) if sub in MODULES else (target, a.name, node.lineno))
    return [(m, n, line) for m, n, line in out if m.startswith("perfeval")]


@pytest.mark.parametrize("module", sorted(MODULES))
def test_modules_stay_small(module: str) -> None:
    lines = MODULES[module].read_text(encoding="utf-8").count("\n")
    assert lines <= MAX_LINES, f"{module} has {lines} lines (split it by job; the limit is {MAX_LINES})"


def test_no_module_imports_another_modules_private_names() -> None:
    found = [f"{m} line {line}: {name} from {target}" for m in MODULES for target, name, line in _imports(m)
             if name.startswith("_") and not name.startswith("__")]
    assert not found, "\n".join(found)


def test_stages_import_only_earlier_stages() -> None:
    found = []
    for m in MODULES:
        for stage, later in STAGES.items():
            if m == stage or m.startswith(stage + "."):
                found += [f"{m} line {line} imports {target}" for target, _, line in _imports(m)
                          if any(target == x or target.startswith(x + ".") for x in later)]
    assert not found, "\n".join(found)


def _graph() -> dict[str, set[str]]:
    graph: dict[str, set[str]] = {m: set() for m in MODULES}
    for m in MODULES:
        for target, _, _ in _imports(m):
            # a package's __init__ re-exporting its own modules is not a cycle of the modules
            if target in MODULES and target != m and not m.startswith(target + "."):
                graph[m].add(target)
    return graph


def test_no_import_cycles() -> None:
    graph = _graph()
    state: dict[str, int] = {}
    cycles: list[list[str]] = []

    def visit(m: str, stack: list[str]) -> None:
        state[m] = 1
        for t in sorted(graph[m]):
            if state.get(t) == 1:
                cycles.append(stack[stack.index(t):] + [t] if t in stack else [m, t])
            elif t not in state:
                visit(t, stack + [t])
        state[m] = 2

    for m in sorted(graph):
        if m not in state:
            visit(m, [m])
    assert not cycles, "\n".join(" → ".join(c) for c in cycles)
