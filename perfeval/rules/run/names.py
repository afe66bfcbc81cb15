"""Which input is which: the names a caller gives (①, 2, 实际值, the words of a clause) matched to streams.

A standard with several streams takes one input per stream, named by the stream's mark (①, or the
number printed before the clause: 5, 6) or by the words of the clause (重大隐患整改率). A fact written
negatively (整改任务未全部完成的) may be given by its positive name (整改全部完成): a yes then means the
fact does not hold. Values a standard compares (实际值, 目标值, 上年值, 平均值) may be given by any of their
names (计划值 for 目标值; 计划受益人数 names the 计划 it is compared with). A name that is none of these is
matched to the stream whose words share the longest run of characters with it (at least two, and only if
exactly one stream shares that much): the match is recorded in the trace and shown in the explanation.
The two counts of a reference written as their ratio (业务科室数占全部内设科室数的比例) take the same rule: 内设科室数
names 全部内设科室数, the one it shares the longest run with.
Anything still unmatched is an error listing the names the standard takes.

>>> CIRCLED[1], plain_mark("③")
('①', '3')
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from ...limits import text_of
from ..errors import JudgementError
from ..meaning import ir
from ..vocabulary import INPUT_NAMES, REFERENCE_WORDS, alternation

__all__ = ["ASSESSOR", "CIRCLED", "TIER", "accepted_names", "canonical", "match_streams", "plain_mark"]

#: The keyword names of the assessor's points and of the tier chosen.
ASSESSOR = INPUT_NAMES["assessor"]
TIER = INPUT_NAMES["tier"]
CIRCLED = {i + 1: ch for i, ch in enumerate("①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳")}
_FROM_CIRCLED = {ch: str(i) for i, ch in CIRCLED.items()}
_GROUPS = {alias: name for name, aliases in INPUT_NAMES.items() for alias in aliases
           if name not in ("assessor", "tier")}
_REFERENCE = re.compile(alternation(REFERENCE_WORDS))
_SUM_WORDS = re.compile(r"合计|总和|总计")


def plain_mark(mark: str) -> str:
    """① → "1", ③-1 → "3-1"; other marks unchanged."""
    return "".join(_FROM_CIRCLED.get(ch, ch) for ch in mark)


def canonical(name: str) -> str:
    """The input a name stands for: 实际完成值 → actual, 计划值 → 目标值, 计划受益人数 → 目标值; else the name."""
    if name in _GROUPS:
        return _GROUPS[name]
    if name.startswith("实际"):
        # 实际值与目标值的比值 names something made of both, not the actual value: its own input
        return name if _REFERENCE.search(name[2:]) else "actual"
    m = _REFERENCE.search(name)
    if m is not None and not name.startswith(("实际", "本年")):
        return REFERENCE_WORDS[m.group()]
    # 适用指标得分合计 is 适用指标的得分之和: 的 and the words for a sum do not tell two names apart
    return _SUM_WORDS.sub("之和", name.replace("的", "")) if "的" in name or _SUM_WORDS.search(name) else name


def _inputs_of(e: ir.Expr, out: set[str]) -> None:
    if isinstance(e, ir.Input):
        out.add(e.name)
    elif isinstance(e, ir.Op | ir.Min):
        _inputs_of(e.left, out)
        _inputs_of(e.right, out)
    elif isinstance(e, ir.Abs):
        _inputs_of(e.arg, out)
    elif isinstance(e, ir.Steps):
        _inputs_of(e.distance, out)


def accepted_names(streams: tuple[ir.Stream, ...]) -> set[str]:
    """Every named input the streams' formulas and derivations read."""
    out: set[str] = set()
    for s in streams:
        out.update(s.value.needs)
        if s.value.derive is not None:
            _inputs_of(s.value.derive, out)
        for p in s.fn.pieces:
            _inputs_of(p.expr, out)
            if p.judged:
                _inputs_of(p.judged[0], out)
                _inputs_of(p.judged[1], out)
    return out


def common(a: str, b: str) -> int:
    """The length of the longest run of characters ``a`` and ``b`` share."""
    best = 0
    for i in range(len(a)):
        for j in range(i + best + 1, len(a) + 1):
            if a[i:j] in b:
                best = j - i
            else:
                break
    return best


def _stream_for(name: str, keyed: dict[str, ir.Stream], assigned: dict[str, Any]) -> tuple[str, bool] | None:
    """The stream ``name`` names exactly (by key or by its words), and whether the value is inverted."""
    key = name if name in keyed else {plain_mark(k): k for k in keyed}.get(plain_mark(name))
    if key is not None and key not in assigned:
        return key, False
    for s in keyed.values():
        if s.key in assigned:
            continue
        if name in s.value.names:
            inverted = s.value.negated and name != s.value.names[0]
            return s.key, inverted
    return None


def match_streams(streams: tuple[ir.Stream, ...], given: Mapping[str, Any],
                  text: str) -> tuple[dict[str, Any], dict[str, Any]]:
    """Split the keyword inputs into each stream's value (by stream key) and the named values."""
    assigned: dict[str, Any] = {}
    named: dict[str, Any] = {}
    keyed = {s.key: s for s in streams if s.key}
    accepted = accepted_names(streams)
    by_group: dict[str, str] = {}
    for a in accepted:
        by_group.setdefault(canonical(a), a)
    aliases = {alias: target for s in streams for alias, target in s.value.aliases}
    counts = {c for s in streams for c in s.value.counts}
    left: list[tuple[str, Any]] = []
    for name, value in given.items():
        if isinstance(value, list | tuple | set | frozenset) and keyed:
            # 达标项: [①, ②]: the items met, under a name of their own
            flags = [s for s in keyed.values() if s.value.kind is ir.Kind.FLAG and s.role in (ir.Role.EARN, ir.Role.BONUS)]
            listed = {str(v) for v in value}
            for s in flags:
                assigned.setdefault(s.key, s.key in listed)
            continue
        main = next((st for st in streams if not st.key and name in st.value.names), None)
        if main is not None and "" not in assigned:
            assigned[""] = value  # 处数: the count of a standard with one stream, by its unit
            continue
        found = _stream_for(name, keyed, assigned)
        if found is not None:
            key, inverted = found
            assigned[key] = (not value) if inverted and isinstance(value, bool) else value
            continue
        if name in accepted:
            named[name] = value
            group = canonical(name)
            for a in accepted:  # 实际值 also fills 实际完成值 when the formula and the condition name it two ways
                if a != name and a not in given and canonical(a) == group and group != a:
                    named.setdefault(a, value)
            continue
        if name in aliases:
            named[aliases[name]] = value
            continue
        group = canonical(name)
        if group in by_group and by_group[group] not in named:
            for a in accepted:  # 目标值 also fills 标准值 when the formula says 标准值
                if canonical(a) == group and a not in named:
                    named[a] = value
            continue
        left.append((name, value))
    same = [(a, b) for a in given for b in given if a < b and a in accepted and b in accepted
            and canonical(a) == canonical(b) != a and text_of(given[a]) != text_of(given[b])]
    if same:
        # 实际值=150 and 实际完成值=160: one value by two of its names, given twice and not alike
        a, b = same[0]
        raise JudgementError("input_twice", text, first=a, second=b)
    for name, value in left:
        free = [s for s in keyed.values() if s.key not in assigned]
        scored = [(max((common(name, w) for w in (s.key, *s.value.names, s.label)), default=0), s) for s in free]
        best = max((n for n, _ in scored), default=0)
        winners = [s for n, s in scored if n == best]
        if best >= 2 and len(winners) == 1:
            s = winners[0]
            positive = s.value.negated and any(common(name, w) == best for w in s.value.names[1:])
            assigned[s.key] = (not value) if positive and isinstance(value, bool) else value
            continue
        near = [a for a in accepted if a not in named and common(name, a) >= 2]
        longest = max((common(name, a) for a in near), default=0)
        if len(near) > 1 and any(a in counts for a in near):
            # 内设科室数 for 全部内设科室数 beside 业务科室数: among the counts of a ratio, the longest shared run
            near = [a for a in near if common(name, a) == longest]
        if len(near) == 1:
            named[near[0]] = value
            continue
        close = [target for alias, target in aliases.items() if common(name, alias) >= 2 and target not in named]
        if len(set(close)) == 1:
            named[close[0]] = value  # 本年登记户数: the words the standard names the value with
            continue
        mains = [s for s in streams if not s.key and s.value.derive is None and "" not in assigned
                 and any(common(name, w) >= 2 for w in s.value.names)]
        if len(mains) == 1 and any(s.value.names for s in streams if not s.key) and accepted:
            assigned[""] = value  # 配备率 for the value the conditions name 配备, beside named values
            continue
        expected = sorted({*keyed, *accepted}) or ["value"]
        raise JudgementError("unknown_input", text, name=name, expected="、".join(expected))
    return assigned, named
