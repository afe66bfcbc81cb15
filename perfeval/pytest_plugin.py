"""A pytest plugin: every worked example (``例``) of a project's rubric files is a test item.

A rubric author's examples then fail a build like any other test::

    三级指标 预算完成率 5分
      标准：100% 计满分，每低于 5% 扣 2 分，扣完为止。
      例：95% → 3分          ← collected as  department.rules::预算完成率::例 95% → 3分

The plugin is registered under the ``pytest11`` entry point, so installing perfeval enables it — but it
collects only what a project opts in to, so that another project's ``*.rules`` (udev, Snort …) is left
alone:

- with the ini option ``perfeval_rules`` (paths, relative to the ini file), the ``*.rules`` files in
  those folders (or those files) and no others::

      [tool.pytest.ini_options]
      perfeval_rules = ["rubrics", "tests/data/department.rules"]

- without it, a ``*.rules`` file whose first line that is not blank or a ``#`` comment is a rubric's
  first keyword, ``评价体系 …`` (or ``rubric …``).

>>> is_rubric_text("# 注释\\n\\n评价体系 部门整体支出绩效评价共性指标\\n满分 100\\n")
True
>>> is_rubric_text('ACTION=="add", SUBSYSTEM=="usb", MODE="0666"\\n')
False
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from .errors import PerfevalError
from .rubric.rubric import Example, RubricIndicator, loads

INI = "perfeval_rules"
"""The ini option that names the folders (or files) whose ``*.rules`` files are collected."""

_FIRST_LINE = re.compile(r"(评价体系|rubric)(\s|[:：])")
#: A rubric states its name on its first line of content; the file's head is enough to tell.
_HEAD_BYTES = 16384


def pytest_addoption(parser: pytest.Parser) -> None:
    """Register the ``perfeval_rules`` ini option."""
    parser.addini(INI, type="paths", default=[],
                  help="folders or files whose *.rules rubric files perfeval collects (their 例 become tests)")


def is_rubric_text(text: str) -> bool:
    """Whether ``text`` opens as a ``.rules`` rubric: its first line of content is ``评价体系 …``."""
    for line in text.lstrip("\ufeff").splitlines():
        stripped = line.strip()
        if stripped and not stripped.startswith("#"):
            return _FIRST_LINE.match(stripped) is not None
    return False


def _opted_in(config: pytest.Config, file_path: Path) -> bool:
    chosen: list[Path] = config.getini(INI)
    if chosen:
        here = file_path.resolve()
        return any(here == p.resolve() or here.is_relative_to(p.resolve()) for p in chosen)
    try:
        with file_path.open("rb") as handle:
            head = handle.read(_HEAD_BYTES)
    except OSError:
        return False
    # a multi-byte character cut at the end of the head is not a reason to refuse the file
    return is_rubric_text(head.decode("utf-8", errors="ignore"))


def pytest_collect_file(parent: pytest.Collector, file_path: Path) -> pytest.Collector | None:
    """Collect the ``*.rules`` files the project opted in to (see the module's docstring)."""
    if file_path.suffix == ".rules" and _opted_in(parent.config, file_path):
        return RulesFile.from_parent(parent, path=file_path)
    return None


class RulesFile(pytest.File):
    """A rubric file: one item per worked example, plus one for the rubric's own checks."""

    def collect(self) -> Iterator[pytest.Item]:
        try:
            rubric = loads(self.path.read_text(encoding="utf-8"), str(self.path))
        except PerfevalError as exc:
            yield RubricItem.from_parent(self, name="compiles", problems=[str(exc)])
            return
        problems = [d.render(rubric.source.text, str(self.path)) for d in rubric.diagnostics
                    if d.severity.value == "error"]
        yield RubricItem.from_parent(self, name="sums and standards", problems=problems)
        for ind in rubric.indicators:
            for ex in ind.examples:
                yield ExampleItem.from_parent(self, name=f"{ind.name}::例 {ex.text}", indicator=ind, example=ex)


class RubricItem(pytest.Item):
    """The rubric compiles and its 分值 add up."""

    def __init__(self, *, problems: list[str], **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.problems = problems

    def runtest(self) -> None:
        if self.problems:
            raise RulesFailure("\n".join(self.problems))

    def repr_failure(self, excinfo: pytest.ExceptionInfo[BaseException], style: Any = None) -> str:
        return str(excinfo.value)

    def reportinfo(self) -> tuple[Path, int | None, str]:
        return self.path, 0, f"{self.path.name}::{self.name}"


class ExampleItem(pytest.Item):
    """One 例 line: the rule gives what the example says."""

    def __init__(self, *, indicator: RubricIndicator, example: Example, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.indicator = indicator
        self.example = example

    def runtest(self) -> None:
        ind, ex = self.indicator, self.example
        if ind.rule is None and ind.formula is not None and ex.rate is not None:
            problem = ex.run_formula(ind.formula)
        elif ind.rule is None:
            raise RulesFailure(f"line {ex.line}: an example but no 标准")
        else:
            problem = ex.run(ind.rule, ind.formula)
        if problem is not None:
            raise RulesFailure(f"line {self.example.line}: {self.indicator.name} 例 {self.example.text!r} {problem}")

    def repr_failure(self, excinfo: pytest.ExceptionInfo[BaseException], style: Any = None) -> str:
        return str(excinfo.value)

    def reportinfo(self) -> tuple[Path, int | None, str]:
        return self.path, self.example.line - 1, f"{self.path.name}::{self.name}"


class RulesFailure(Exception):
    """A rubric check or worked example that failed."""
