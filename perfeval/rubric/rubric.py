"""A compiled rubric (评价体系): its indicators with their rules, formulas and worked examples, checked.

>>> r = loads("评价体系 示例\\n满分 5\\n一级指标 产出 5分\\n三级指标 完成率 5分\\n  标准：100%计满分，每低于5%扣2分\\n  例：93% → 3分\\n")
>>> [d.code for d in r.check() if d.severity.value == "error"]
[]
>>> r.indicator("完成率").rule("95%").points
Decimal('3.00')
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping, Sequence
from decimal import Decimal
from pathlib import Path
from typing import Any

import attrs

from ..causes import os_reason
from ..errors import Location, PerfevalError
from ..i18n import N_, Message, render
from ..limits import (
    MAX_DIGITS,
    MAX_EXPONENT,
    MAX_INDICATORS,
    MAX_POINTS_DIGITS,
    MAX_POINTS_EXPONENT,
    MAX_RUBRIC_BYTES,
    LimitError,
    check_bytes,
    check_count,
    check_number,
)
from ..numbers import own_context, parse_rate, to_decimal
from ..resources import rubric_files
from ..rules import Formula, GradeTable, Rule, compile_formula, compile_grades, compile_rule
from ..rules.errors import Diagnostic, LocatedError, Severity
from .general import GeneralError, GeneralRules, read_general
from .matching import find_key
from .scoring import ScoreCard, score
from .syntax import Field, IndicatorSource, RubricSource, RubricSyntaxError, parse_rubric


class RubricError(PerfevalError):
    """A rubric whose standards, formulas or grades do not compile; ``location`` says where.

    A rubric is compiled whole before anything is reported: ``errors`` holds every failing standard,
    formula and grade table, each with its file, line and column (the first is this error itself).
    """

    def __init__(self, message: str, *, text: str | None = None, location: Location | None = None,
                 errors: tuple[RubricError, ...] = (), cause: PerfevalError | None = None, **params: Any) -> None:
        super().__init__(message, text=text, location=location, **params)
        self.errors = errors or (self,)
        self.cause = cause

    def render(self, locale: str | None = "zh_CN") -> str:
        """Every error, each with its place and (for a standard) the caret under the span."""
        out = []
        for e in self.errors:
            if isinstance(e.cause, LocatedError):
                out.append(e.cause.render(locale))
            else:
                out.append(e.describe(locale))
        return "\n".join(out)


def _diag(severity: Severity, code: str, message: str, line: int = 1, column: int = 1, **params: Any) -> Diagnostic:
    return Diagnostic(severity, code, render(message, "zh_CN", **params), render(message, "en", **params), line, column)


@attrs.frozen
class Example:
    """A worked example written beside a rule: ``例：93% → 3分``."""

    text: str
    args: tuple[Any, ...]
    kwargs: tuple[tuple[str, Any], ...]
    expected: Decimal | None
    judge: tuple[Decimal, Decimal] | None
    error: bool
    line: int
    rate: Decimal | None = None

    def run_formula(self, formula: Formula) -> Message | None:
        """For an indicator with a 公式 and no 标准: the formula gives the rate the example says."""
        try:
            got = formula(*self.args, **dict(self.kwargs))
        except PerfevalError as exc:
            return Message("example_raised", kind=type(exc).__name__, message=exc)
        return None if got == self.rate else Message("example_rate_differs", got=f"{(got * 100).normalize():f}%",
                                                      want=f"{(self.rate or 0) * 100:f}%")

    def run(self, rule: Rule, formula: Formula | None = None) -> Message | None:
        """None when the rule gives what the example says; otherwise what it gave instead.

        Named inputs go to the indicator's 公式 first when the standard itself takes none
        (``例：实际=96, 计划=100 → 5分`` beside ``公式：预算完成率 = 实际 / 计划 × 100%``).
        """
        args, kwargs = self.args, dict(self.kwargs)
        try:
            if kwargs and formula is not None and not rule.inputs:
                args, kwargs = (formula(kwargs),), {}
            score = rule(*args, **kwargs)
        except PerfevalError as exc:
            return None if self.error else Message("example_raised", kind=type(exc).__name__, message=exc)
        if self.error:
            return Message("example_no_error", got=score.points)
        if self.judge is not None:
            if score.points is None and score.allowed == self.judge:
                return None
            return Message("example_judge_differs", got=score.points if score.points is not None else score.allowed,
                           want=self.judge)
        if score.points == self.expected:
            return None
        shown = score.points if score.points is not None else f"待评 {score.allowed}"
        return Message("example_differs", got=shown, want=self.expected)


@attrs.frozen(eq=False)
class RubricIndicator:
    """One 三级指标 of a rubric: its place, 分值, rule (None when it has no 标准), formula and examples."""

    level1: str
    level2: str | None
    name: str
    points: Decimal
    rule: Rule | None
    formula: Formula | None
    examples: tuple[Example, ...]
    note: str | None
    line: int

    @property
    def path(self) -> tuple[str, ...]:
        """一级 / 二级 / 三级 names."""
        return tuple(p for p in (self.level1, self.level2, self.name) if p)


@attrs.frozen(eq=False)
class Rubric:
    """A rubric: name, 满分, grades, and its indicators in order."""

    name: str
    total: Decimal
    indicators: tuple[RubricIndicator, ...]
    grades: GradeTable | None
    source: RubricSource
    diagnostics: tuple[Diagnostic, ...]
    #: The rubric's 总则 as read (re-normalisation when indicators do not apply), None without one.
    general: GeneralRules | None = None

    def indicator(self, key: str | tuple[str, ...]) -> RubricIndicator:
        """The indicator ``key`` names: its 三级指标 name when unique, else its path (``"财务管理/管理制度健全性"``).

        A KeyError says why otherwise (no such indicator, with near names; or two of that name).
        """
        try:
            return self.indicators[find_key([i.path for i in self.indicators], key)]
        except PerfevalError as exc:
            raise KeyError(exc.message) from None

    def __iter__(self) -> Iterator[RubricIndicator]:
        return iter(self.indicators)

    @own_context
    def check(self) -> tuple[Diagnostic, ...]:
        """Every finding: sums that do not add up, examples that fail, and each rule's own diagnostics."""
        return self.diagnostics + tuple(self._example_failures())

    def _example_failures(self) -> Iterator[Diagnostic]:
        for ind in self.indicators:
            for ex in ind.examples:
                if ind.rule is None and (ind.formula is None or ex.rate is None):
                    yield _diag(Severity.ERROR, "PE402", "example_no_standard", ex.line, name=ind.name)
                    continue
                problem = ex.run_formula(ind.formula) if ind.rule is None else ex.run(ind.rule, ind.formula)  # type: ignore[arg-type]
                if problem is not None:
                    yield _diag(Severity.ERROR, "PE401", "example_fails", ex.line, name=ind.name, example=ex.text,
                                problem=problem)

    def to_sql(self, table: str, columns: Mapping[str, str] | None = None, dialect: str = "duckdb", *,
               scale: int = 10, errors: str = "raise", keep: Sequence[str] = ("*",),
               locale: str | None = "zh_CN") -> str:
        """One SQL query scoring ``table``: ``SELECT keep…, <points> AS "<indicator>" …`` (see docs/sql.md).

        ``columns`` maps indicator names to the columns holding their values (by default every indicator
        with a standard, from a column of its own name). An indicator that cannot be written as SQL (a
        judgement, a yes/no, several inputs) is refused with the others in one
        :class:`~perfeval.rules.errors.SqlError`; leave it out of ``columns`` to score the rest. With
        ``errors="null"`` each indicator also gets ``"<indicator>_error"``, the reason its points are NULL.
        ``scale``, ``errors`` and ``dialect`` are :meth:`perfeval.Rule.to_sql`'s.
        """
        from .sql import rubric_sql

        return rubric_sql(self, table, columns, dialect, scale=scale, errors=errors, keep=keep, locale=locale)

    @own_context
    def score(self, data: Any) -> ScoreCard:
        """Score a Project, a Department, or a mapping of indicator name → value (see ScoreCard)."""
        general = self.general
        return score(self, data, renormalise=general is not None and general.renormalise,
                     precision=self.source.precision, bonus_cap=general.bonus_cap if general is not None else None)


@own_context
def loads(text: str, path: str | None = None) -> Rubric:
    """Compile a rubric from the text of a ``.rules`` file."""
    check_bytes(text, MAX_RUBRIC_BYTES, "rubric_bytes", path)
    src = parse_rubric(text, path)
    if len(src.indicators) > MAX_INDICATORS:  # placed at the first 三级指标 over the limit
        check_count(len(src.indicators), "indicators", Location(path, src.indicators[MAX_INDICATORS].line))
    diagnostics: list[Diagnostic] = []
    failures: list[RubricError] = []
    indicators = tuple(i for i in (_indicator(ind, src, diagnostics, failures) for ind in src.indicators)
                       if i is not None)
    grades = None
    if src.grades is not None:
        try:
            grades = compile_grades(src.grades.text, top=src.total)
        except PerfevalError as exc:
            failures.append(_failure(exc, src.grades, src))
    general = None
    if src.general is not None:
        try:
            general = read_general(src.general.text)
        except GeneralError as exc:
            before = src.general.text[: exc.offset]
            line = src.general.line + before.count("\n")
            column = src.general.column + exc.offset if "\n" not in before else len(before) - before.rfind("\n")
            failures.append(RubricError("rubric_general_unread", sentence=exc.sentence, text=exc.sentence,
                                        location=Location(src.path, line, column)))
        if general is not None and general.scale is not None and general.scale != src.total:
            # 考核计分采用百分制 in a rubric of 80 points: one of the two is wrong, and the grades depend on it
            failures.append(RubricError("rubric_general_scale", text=src.general.text, scale=f"{general.scale.normalize():f}",
                                        total=f"{src.total.normalize():f}",
                                        location=Location(src.path, src.general.line, src.general.column)))
    if failures:
        # Collect, then raise: every failing standard of the file at once (as sqlglot's errors do).
        first = failures[0]
        raise RubricError("rubric_failures" if len(failures) > 1 else "rubric_one_failure", count=len(failures),
                          first=first,
                          text=first.text, location=first.location, errors=tuple(failures), cause=first.cause)
    diagnostics.extend(_sums(src))
    diagnostics.extend(_same_paths(indicators))
    if grades is not None and src.grades is not None and (left := grades.uncovered(src.total)):
        # A total in a gap would get no grade at all when scored: found here, before anyone is scored.
        diagnostics.append(_diag(Severity.ERROR, "PE304", "grades_gap", src.grades.line, src.grades.column,
                                 totals="、".join(left)))
    return Rubric(src.name, src.total, indicators, grades, src, tuple(diagnostics), general)


def load(path: str | Path) -> Rubric:
    """Compile a rubric from a ``.rules`` file."""
    p = Path(path)
    try:
        size = p.stat().st_size
        if size > MAX_RUBRIC_BYTES:
            raise LimitError("rubric_bytes", size, location=Location(str(p)))
        text = p.read_text(encoding="utf-8-sig")
    except OSError as exc:
        raise RubricError("rubric_cannot_read", text=str(p), location=Location(str(p)), why=os_reason(exc)) from None
    except UnicodeDecodeError as exc:
        data = p.read_bytes()[: exc.start]
        where = Location(str(p), data.count(b"\n") + 1, len(data[data.rfind(b"\n") + 1 :].decode("utf-8", "replace")) + 1)
        raise RubricError("rubric_not_utf8", location=where, byte=f"0x{exc.object[exc.start]:02X}") from None
    return loads(text, str(p))


def shipped() -> dict[str, Path]:
    """The standard rubrics shipped with perfeval, by their 评价体系 name."""
    out: dict[str, Path] = {}
    for entry in rubric_files():
        path = Path(str(entry))
        out[parse_rubric(path.read_text(encoding="utf-8"), str(path)).name] = path
    return out


def _indicator(ind: IndicatorSource, src: RubricSource, diagnostics: list[Diagnostic],
               failures: list[RubricError]) -> RubricIndicator | None:
    rule = formula = None
    standard = ind.field("standard")
    try:
        if standard is not None:
            rule = _compile(lambda: compile_rule(standard.text, points=ind.points, precision=src.precision),
                            standard, src)
            diagnostics.extend(_shift(d, standard) for d in rule.diagnostics)
        f = ind.field("formula")
        if f is not None:
            formula = _compile(lambda: compile_formula(f.text), f, src)
    except RubricError as exc:
        failures.append(exc)
        return None
    note = ind.field("note")
    examples = tuple(_example(e, src) for e in ind.examples())
    return RubricIndicator(ind.level1, ind.level2, ind.name, ind.points, rule, formula, examples,
                           note.text if note else None, ind.line)


#: The fields of a .rules file as a message names them (标准 / the standard).
_FIELD_WORDS = {"standard": N_("field_standard"), "formula": N_("field_formula"), "grades": N_("field_grades"),
                "example": N_("field_example"), "note": N_("field_note")}


def _failure(exc: PerfevalError, field: Field, src: RubricSource) -> RubricError:
    """``exc`` placed in the file: its line and column counted from the field's own."""
    # A located error of the standard has line and column; any other may have a location in it (a
    # LimitError at the number over the limit), else it is about the field as a whole.
    at_line = getattr(exc, "line", None) or exc.location.line or 1
    at_column = getattr(exc, "column", None) or exc.location.column or 1
    line = field.line + (at_line - 1)
    column = at_column + (field.column - 1 if at_line == 1 else 0)
    if isinstance(exc, LocatedError) or exc.location.line is not None:
        exc.location = Location(src.path, line, column)
    kind = Message(_FIELD_WORDS[field.kind]) if field.kind in _FIELD_WORDS else field.kind
    return RubricError("rubric_field_fails", kind=kind, cause_message=exc, text=field.text,
                       location=Location(src.path, line, column), cause=exc)


def _compile(make: Any, field: Field, src: RubricSource) -> Any:
    try:
        return make()
    except PerfevalError as exc:
        raise _failure(exc, field, src) from None


def _shift(d: Diagnostic, field: Field) -> Diagnostic:
    """A rule's diagnostic, moved from the standard's own lines to the file's."""
    column = d.column + (field.column - 1 if d.line == 1 else 0)
    return attrs.evolve(d, line=field.line + d.line - 1, column=column)


def _sums(src: RubricSource) -> Iterator[Diagnostic]:
    """Children's 分值 must add up to the parent's, and the 一级指标 to 满分."""
    level1 = [g for g in src.groups if g.level == 1]
    total = sum((g.points for g in level1), Decimal(0))
    if level1 and total != src.total:
        yield _diag(Severity.ERROR, "PE301", "level1_sum", 1, total=total, points=src.total)
    for g in src.groups:
        if g.level == 1:
            seconds = [s for s in src.groups if s.level == 2 and s.parent == g.name]
            kids = [s.points for s in seconds] or [i.points for i in src.indicators if i.level1 == g.name]
        else:
            kids = [i.points for i in src.indicators if i.level1 == g.parent and i.level2 == g.name]
        if kids and sum(kids, Decimal(0)) != g.points:
            yield _diag(Severity.ERROR, "PE302", "children_sum", g.line, name=g.name, total=sum(kids, Decimal(0)),
                        points=g.points)


def _same_paths(indicators: tuple[RubricIndicator, ...]) -> Iterator[Diagnostic]:
    """Two indicators at one path cannot be told apart by any row or key (one name under two parents can)."""
    seen: dict[tuple[str, ...], RubricIndicator] = {}
    for ind in indicators:
        first = seen.setdefault(ind.path, ind)
        if first is not ind:
            yield _diag(Severity.ERROR, "PE303", "same_path", ind.line, path="/".join(ind.path), first=first.line)


_ARROW = re.compile(r"\s*(?:→|->)\s*")
_MARKS = re.compile(r"^[①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳]+$")


def _value(text: str) -> Any:
    t = text.strip()
    if t in ("空", "none", "None"):
        return None
    if t in ("是", "yes", "True"):
        return True
    if t in ("否", "no", "False"):
        return False
    if m := re.fullmatch(r"(?:选项|option\s*)(\d+)", t):
        return int(m.group(1))
    if _MARKS.match(t):
        return list(t)
    if t.startswith(("[", "［")) and t.endswith(("]", "］")):
        # [是, 否, 是]: one value per item, in order (空 for one not yet decided)
        return [_value(part) for part in re.split(r"\s*[,，、]\s*", t[1:-1].strip()) if part]
    return t


def _example(field: Field, src: RubricSource) -> Example:
    where = Location(src.path, field.line, field.column)
    parts = _ARROW.split(field.text.strip(), maxsplit=1)
    if len(parts) != 2:
        raise RubricError("rubric_example_form", text=field.text, location=where)
    given, want = parts
    args: tuple[Any, ...] = ()
    kwargs: tuple[tuple[str, Any], ...] = ()
    if "=" in given:
        pairs = [p.split("=", 1) for p in re.split(r"\s*[,，]\s*", given) if p]
        if any(len(p) != 2 or not p[0].strip() for p in pairs):
            raise RubricError("rubric_example_named", text=given, location=where)
        kwargs = tuple((k.strip(), _value(v)) for k, v in pairs)
    else:
        args = (_value(given),)
    want = want.strip()
    expected = judge = rate = None
    error = want in ("错误", "error")
    if want.endswith("%"):
        try:
            rate = parse_rate(want)
            check_number(rate, MAX_DIGITS, MAX_EXPONENT, want)
        except PerfevalError as exc:
            raise RubricError("rubric_example_rate", cause_message=exc, text=want,
                              location=where) from None
    elif m := re.fullmatch(r"(?:待评|judge)\s*([\d.]+)\s*[–—~-]+\s*([\d.]+)\s*分?", want):
        judge = (_example_points(m.group(1), where), _example_points(m.group(2), where))
    elif not error:
        expected = _example_points(want.rstrip("分").strip(), where)
    return Example(field.text, args, kwargs, expected, judge, error, field.line, rate)


def _example_points(text: str, where: Location) -> Decimal:
    """The points an example expects: a finite number within the limits of points."""
    try:
        points = to_decimal(text) if len(text) <= 2 * MAX_POINTS_DIGITS + 10 else None
    except PerfevalError:
        points = None
    if points is None:
        raise RubricError("rubric_example_points", text=text, location=where)
    check_number(points, MAX_POINTS_DIGITS, MAX_POINTS_EXPONENT, text, kind="points", location=where)
    return points


__all__ = ["Example", "Rubric", "RubricError", "RubricIndicator", "RubricSyntaxError", "load", "loads", "shipped"]
