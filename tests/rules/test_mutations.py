"""Mutation test of the first rule, "no silent misreading": every fixture standard, with scoring words
perfeval does not know inserted or substituted, must be refused or must visibly mean something else.

Each standard of ``tests/fixtures/rules/*.txt`` is compiled as written (the *original*) and with each
:data:`MUTATIONS` applied (the *mutant*), both with the fixture's 分值. A mutation is one of three kinds.

``CLAUSE`` — a clause that scores (a scoring word — 分 扣 得 计 加 减 比例 折算 倒扣 否决 取消 满分 赋分 加倍
奖 罚 … — applied to a case, with or without an amount) inserted at the end of the standard or after its
first clause. The mutant passes when the mutation is **visible**, by at least one of:

  1. ``compile_rule`` raises a :class:`perfeval.PerfevalError` (a located refusal);
  2. some fixture input now scores differently (points, or the allowed range while a judgement is
     missing) or raises where the original did not, or raises a different error;
  3. the meaning uses the clause, and says so where the reviewer looks: a diagnostic (``rule.readings``,
     the INFO diagnostics ``perfeval check --readings`` lists, or a warning) or the explanation of a
     fixture input's score (``score.explain()``) quotes words of the mutation that carry its scoring
     words (:attr:`Mutation.core`) — ``'每超过1%加0.5分' 读作 …``, ``适用：'每超过1%加0.5分'``;
  4. or a label of the meaning (``rule.item``: a stream, a piece, an option, a part) is made of such
     words — ``⑤ '未提供佐证材料的，该项不得分'`` — the clause is part of the meaning though no fixture
     input exercises it.

Quotes and labels count only when they lie inside the mutation's own characters, so a reading that
changed for other reasons, or a clause of the standard that swallowed the mutation as its description,
does not make a mutation visible; and ``core`` is the verb with its amount where there is one, so an
option label that swallowed the verb (``'被通报批评的减'`` worth 1 point) does not count either.

**and** no note takes a scoring word from the mutation: a note is shown to the reviewer as a description,
so a note that carries the mutation's 扣/分/加… is the silent misreading the project forbids — even when
another part of the mutation is visible (…折算 read, 后计入总分 kept as a description). Only the part of a
note that lies inside the mutation's characters counts; words of the standard itself do not.

``SYNONYM`` — a known phrase replaced by a phrase of the same meaning that perfeval may not know (扣完为止
→ 扣光为止, 不得分 → 不给分, 扣2分 → 罚2分). The mutant means the same as the original, so "visibly
different" would be the wrong test: it passes when ``compile_rule`` raises a PerfevalError, **or** every
fixture input scores as the original does (the fixture's expected values) and no note takes a scoring
word from the replacement (understood, not dropped). A changed score is a wrong number.

``DESCRIPTION`` — a control without scoring words (数据来源…). It passes when ``compile_rule`` raises or
every fixture input scores as before: a description may become a note, but it must never change a
number. The controls show the test does not simply demand that every edit change something.

Visible is not the same as right: a CLAUSE mutant whose new reading is wrong but shown (罚2分 read as an
award for the values above 100%) passes here; this test guards against the *silent* misreading only.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from enum import Enum
from pathlib import Path
from typing import Any

import attrs
import pytest

import perfeval
from tests.rules.test_cases import literal

CASES = Path(__file__).parent.parent / "fixtures" / "rules"

#: Words that only appear where points are scored (the project's list, with the verbs a mutation may use
#: that perfeval does not know: 奖, 罚). A note must never take one of these from a mutation.
SCORING_WORDS: tuple[str, ...] = (
    "分", "扣", "得", "计", "加", "减", "比例", "线性", "插值", "折算", "倒扣", "否决", "取消",
    "满分", "赋", "记", "加倍", "奖", "罚",
)


class Kind(Enum):
    """What a mutation is, and so what the mutant must do (the module docstring)."""

    CLAUSE = "clause"
    SYNONYM = "synonym"
    DESCRIPTION = "description"


@dataclass(frozen=True)
class Mutation:
    """One mutation: a clause to insert (``pattern`` None) or a regex ``pattern`` whose first match in the
    standard is replaced by ``text``. ``core``: the scoring words of the clause (the verb with its amount
    where it has one) that a quote or a label must contain for the clause to count as used. ``where``:
    "end", or "first" (after the standard's first clause, before its first ；/。/newline)."""

    name: str
    kind: Kind
    text: str
    core: tuple[str, ...] = ()
    pattern: str | None = None
    where: str = "end"


def _clause(name: str, text: str, *core: str, where: str = "end") -> Mutation:
    return Mutation(name, Kind.CLAUSE, text, core, None, where)


def _synonym(name: str, pattern: str, text: str) -> Mutation:
    return Mutation(name, Kind.SYNONYM, text, (), pattern)


MUTATIONS: tuple[Mutation, ...] = (
    # ── a scoring verb perfeval does not know, or known words without an amount ───────────────────
    _clause("bonus-elsewhere", "；另有加分项目的另行加分", "另行加分"),
    _clause("doubled", "，情节严重的加倍扣分并通报", "加倍"),
    _clause("deduct-corresponding", "；第三方评价不合格的扣减相应分值", "扣减相应"),
    _clause("weight-convert", "，按权重折算后计入总分", "折算"),
    _clause("per-case-no-amount", "；未按时报送的，每次扣", "每次扣"),
    _clause("discretionary-reduce", "；资料不全的酌减", "酌减"),
    _clause("appropriate-deduct", "；存在问题的适当扣分", "适当扣分"),
    _clause("bare-deduct", "；扣", "扣"),
    _clause("halved", "；逾期提交的减半计分", "减半"),
    # ── an amount with a verb perfeval does not know ────────────────────────────────────────────
    _clause("reward", "；另：超额完成的奖励1分", "奖励1分"),
    _clause("fine", "；报送延误的罚2分", "罚2分"),
    _clause("minus", "；被通报批评的减1分", "减1分"),
    _clause("add-count", "；每项创新举措加计0.5分", "加计0.5分"),
    _clause("coefficient", "；上述得分乘以系数0.8", "系数0.8"),
    _clause("counted-at", "；得分按80%计入", "按80%计入"),
    _clause("cn-numeral", "；迟报的扣二分", "扣二分"),
    # ── a new condition or stream with points ───────────────────────────────────────────────────
    _clause("new-zero", "；未提供佐证材料的，该项不得分", "佐证"),
    _clause("new-accident", "；若出现重大安全事故，本项得0分", "安全事故"),
    _clause("reverse-deduct", "；整改不到位的倒扣2分", "倒扣2分"),
    _clause("new-step-bonus", "；每超过1%加0.5分", "加0.5分"),
    # ── a veto in a new clause ──────────────────────────────────────────────────────────────────
    _clause("veto", "；发现弄虚作假的，一票否决", "否决"),
    _clause("disqualify", "；存在违规行为的取消评优资格", "取消"),
    # ── the same clauses after the first clause instead of at the end ───────────────────────────
    _clause("first:deduct-corresponding", "；第三方评价不合格的扣减相应分值", "扣减相应", where="first"),
    _clause("first:reward", "；另：超额完成的奖励1分", "奖励1分", where="first"),
    _clause("first:veto", "；发现弄虚作假的，一票否决", "否决", where="first"),
    # ── a known phrase replaced by a synonym perfeval may not know ──────────────────────────────
    _synonym("syn:floor", r"扣完为止", "扣光为止"),
    _synonym("syn:no-points", r"不得分", "不给分"),
    _synonym("syn:fine-verb", r"扣\s*(?=[\d.]+\s*分)", "罚"),
    _synonym("syn:full-marks", r"[计得]满分", "给满分"),
    _synonym("syn:below", r"每低于", "每少于"),
    _synonym("syn:above", r"每(?:超过|超出)", "每高出"),
    # ── controls: descriptions without scoring words ────────────────────────────────────────────
    Mutation("desc:source", Kind.DESCRIPTION, "（数据来源：部门决算报表）"),
    Mutation("desc:reviewed", Kind.DESCRIPTION, "；以财政部门审核结果为准"),
)


@dataclass(frozen=True)
class Case:
    """A fixture standard: its text, 分值, the line it starts on, and its inputs."""

    text: str
    points: Decimal
    line: int
    inputs: tuple[str, ...]


def _cases() -> list[Case]:
    """The standards of the family fixtures (tests/fixtures/rules/*.txt) with their inputs; grade tables and
    refusals are left out (they have no scores to compare)."""
    from tests.rules.test_cases import read_fixture

    grouped: dict[tuple[str, Decimal], tuple[int, list[str]]] = {}
    for path in sorted(CASES.glob("*.txt")):
        for c in read_fixture(path):
            if c.grades or c.want.startswith(("refuse ", "reads ")):
                continue
            line, inputs = grouped.setdefault((c.standard, c.points), (c.line, []))
            inputs.append(c.given)
    return [Case(text, points, line, tuple(inputs)) for (text, points), (line, inputs) in grouped.items()]



@dataclass(frozen=True)
class Mutant:
    """A mutated standard and the characters of it that the mutation wrote (``start``..``end``)."""

    text: str
    start: int
    end: int


_END = re.compile(r"[。．.\s\u3000]*$")


def mutate(standard: str, mutation: Mutation) -> Mutant | None:
    """The mutant, or None when the mutation does not apply (a synonym for a phrase the standard lacks)."""
    if mutation.pattern is not None:
        m = re.search(mutation.pattern, standard)
        if m is None:
            return None
        text = standard[:m.start()] + mutation.text + standard[m.end():]
        return Mutant(text, m.start(), m.start() + len(mutation.text))
    if mutation.where == "first":
        m = re.search(r"[；;。\n]", standard)
        if m is None or m.start() == 0:
            return None
        at = m.start()
    else:
        at = _END.search(standard).start()  # type: ignore[union-attr]  # matches the empty tail at least
    return Mutant(standard[:at] + mutation.text + standard[at:], at, at + len(mutation.text))


Outcome = tuple[str, ...]


def _outcome(rule: perfeval.Rule, given: str) -> Outcome:
    try:
        score = rule(literal(given))
    except perfeval.PerfevalError as exc:
        return ("error", type(exc).__name__)
    return ("points", str(score.points), str(score.allowed) if score.points is None else "")


def _noted_scoring(rule: perfeval.Rule, original: perfeval.Rule, mutant: Mutant) -> list[str]:
    """New notes that take a scoring word from the mutation's own characters."""
    found = []
    written = mutant.text[mutant.start:mutant.end]
    for note in rule.notes:
        if note in original.notes:
            continue
        parts = []
        at = mutant.text.find(note)
        while at >= 0:
            lo, hi = max(at, mutant.start), min(at + len(note), mutant.end)
            if lo < hi:
                parts.append(mutant.text[lo:hi])
            at = mutant.text.find(note, at + 1)
        if not parts and note not in mutant.text:
            parts = [note]  # not found verbatim (normalised): judge the whole note, strictly
        if any(w in part and w in written for part in parts for w in SCORING_WORDS):
            found.append(note)
    return found


@dataclass(frozen=True)
class Verdict:
    """What perfeval did with a mutant, and whether that is acceptable for its kind."""

    ok: bool
    why: str  # how it was seen ("error", "scores", "quoted", "labelled", "understood" …) or what went wrong
    detail: str


def _explained(rule: perfeval.Rule, given: str) -> str:
    """What the reviewer reads about one score: the explanation, without its echo of the standard."""
    try:
        return rule(literal(given)).explain().replace(rule.text, "")
    except perfeval.PerfevalError:
        return ""


_QUOTED = re.compile(r"'([^'\n]+)'")


def _mine(words: str, mutation: Mutation, mutant: Mutant) -> bool:
    """Words of the mutation itself (inside its characters) that carry one of its scoring words."""
    return bool(words.strip()) and words in mutant.text[mutant.start:mutant.end] and \
        any(w in words for w in mutation.core)


def _strings(value: object) -> list[str]:
    """Every string in the meaning: the labels of streams, pieces, options, tiers, parts, names."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, tuple | list):
        return [s for v in value for s in _strings(v)]
    kind = type(value)
    if attrs.has(kind):
        fields = attrs.fields(kind)
        return [s for f in fields for s in _strings(getattr(value, f.name))]
    return []


def _used(mutation: Mutation, rule: perfeval.Rule, case: Case, mutant: Mutant) -> str | None:
    """How the mutant shows that its meaning uses the clause: a diagnostic or a fixture input's
    explanation quotes the clause's scoring words, or a label of the meaning is made of them."""
    for d in rule.diagnostics:
        if any(_mine(q, mutation, mutant) for q in _QUOTED.findall(d.message)):
            return f"quoted by {d.code}: {d.message}"
    for given in case.inputs:
        for line in _explained(rule, given).splitlines():
            if any(_mine(q, mutation, mutant) for q in _QUOTED.findall(line)):
                return f"quoted by the explanation of {given}: {line.strip()}"
    labels = [t for t in _strings(rule.item) if _mine(t, mutation, mutant)]
    if labels:
        return f"labels of the meaning: {labels}"
    return None


def judge(case: Case, mutation: Mutation, mutant: Mutant) -> Verdict:
    """The classification of the module docstring."""
    original = perfeval.compile_rule(case.text, points=case.points)
    try:
        rule = perfeval.compile_rule(mutant.text, points=case.points)
    except perfeval.PerfevalError as exc:
        return Verdict(True, "error", f"{type(exc).__name__}[{getattr(exc, 'code', '')}]")
    changed = [g for g in case.inputs if _outcome(rule, g) != _outcome(original, g)]
    how = "; ".join(f"{g}: {_outcome(original, g)} → {_outcome(rule, g)}" for g in changed)
    noted = _noted_scoring(rule, original, mutant)
    new_readings = [r for r in rule.readings if r not in original.readings]
    shown = f"readings+={new_readings} notes={list(rule.notes)} inputs={list(rule.inputs)}"
    if mutation.kind is Kind.DESCRIPTION:
        if changed:
            return Verdict(False, "description changed scores", f"{how}; {shown}")
        return Verdict(True, "same scores", shown)
    if noted:
        return Verdict(False, "scoring words kept as a note",
                       f"notes {noted}; scores changed: {how or 'none'}; {shown}")
    if mutation.kind is Kind.SYNONYM:
        if changed:
            return Verdict(False, "synonym changed scores", f"{how}; {shown}")
        return Verdict(True, "understood", shown)
    if changed:
        return Verdict(True, "scores", how)
    used = _used(mutation, rule, case, mutant)
    if used is not None:
        return Verdict(True, "quoted" if used.startswith("quoted") else "labelled", used)
    return Verdict(False, "invisible",
                   f"compiled, scores unchanged at every fixture input, not quoted; {shown}")


def _params() -> list[Any]:
    out = []
    for case in _cases():
        for mutation in MUTATIONS:
            mutant = mutate(case.text, mutation)
            if mutant is not None:
                out.append(pytest.param(case, mutation, mutant, id=f"{mutation.name}@L{case.line}"))
    return out


PARAMS = _params()


def test_there_are_enough_mutants() -> None:
    assert len(_cases()) >= 30
    assert 15 <= len(MUTATIONS) <= 40
    assert len(PARAMS) >= 500


def test_every_original_compiles() -> None:
    for case in _cases():
        perfeval.compile_rule(case.text, points=case.points)


def test_only_the_mutations_own_words_count() -> None:
    mutant = Mutant("每低于5%扣2分；报送延误的罚2分", 8, 17)
    fine = _clause("x", "；报送延误的罚2分", "罚2分")
    assert _mine("报送延误的罚2分", fine, mutant)
    assert not _mine("报送延误的罚", fine, mutant)             # the verb without its amount
    assert not _mine("每低于5%扣2分；报送延误的罚2分", fine, mutant)  # swallowed by the standard's clause
    assert not _mine(" ", fine, mutant)


def test_mutations_are_placed_where_meant() -> None:
    appended = mutate("100%计满分，每低于5%扣2分，扣完为止。", _clause("x", "；扣", "扣"))
    assert appended == Mutant("100%计满分，每低于5%扣2分，扣完为止；扣。", 21, 23)
    first = mutate("90%以上计6分；低于90%计0分", _clause("x", "；扣", "扣", where="first"))
    assert first == Mutant("90%以上计6分；扣；低于90%计0分", 8, 10)
    swapped = mutate("每低于5%扣 2分", _synonym("x", r"扣\s*(?=[\d.]+\s*分)", "罚"))
    assert swapped == Mutant("每低于5%罚2分", 5, 6)
    assert mutate("得16—18分", _synonym("x", r"扣完为止", "扣光为止")) is None


@pytest.mark.parametrize(("case", "mutation", "mutant"), PARAMS)
def test_mutation_is_refused_or_visible(case: Case, mutation: Mutation, mutant: Mutant) -> None:
    verdict = judge(case, mutation, mutant)
    assert verdict.ok, f"{verdict.why}: {mutant.text!r} (original {case.text!r}, 分值 {case.points}): " \
                       f"{verdict.detail}"
