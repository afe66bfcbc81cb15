"""One unit per kind of quantity within one standard: numbers written in 吨 beside 万吨, 亩 beside 万亩, 元 beside
万元, 平方米 beside 公顷, 周 beside 天 or 半年 beside 个月 are converted, exactly, into the unit the standard first
writes that kind of quantity in — the unit the value it scores is read in (:func:`.families.values.value_of`).

Without this a step of 1000吨 beside a target of 5万吨 would count 0.1 (万吨) in steps of 1000: no step at all.
Each number converted is a reading (PE270) that says what it was taken as: "1000吨 按 0.1万吨 计". The
conversion is exact (the project's own factors, :mod:`perfeval.units`, in fractions); one that does not
terminate (1亩 in 公顷 is 1/15) is a located refusal, never a rounded number. Units with no fixed relation
(a 月 is 28–31 天, a 工作日 is not a 天) stay apart: :func:`check_one_unit` refuses them beside each other
when they measure the same value.

>>> from perfeval.rules.syntax.parser import parse
>>> from perfeval.rules.meaning.statements import statements
>>> from perfeval.rules.meaning.context import Context
>>> text = "粮食产量达到5万吨得满分，每减少1000吨扣0.5分"
>>> ctx = Context(text, Decimal(5))
>>> stmts = common_units(statements(parse(text)), ctx)
>>> [(x.text, x.value, x.unit) for x in numbers_in(stmts)]
[('5万吨', Decimal('5'), '万吨'), ('1000吨', Decimal('0.1'), '万吨')]
>>> [d.code for d in ctx.diagnostics]
['PE270']
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal
from fractions import Fraction
from typing import TYPE_CHECKING, Any, TypeVar

import attrs
from lark import Token

from ...errors import PerfevalError, UnitError
from ...limits import MAX_DIGITS, MAX_EXPONENT, LimitError, check_number
from ..messages import pair
from ..syntax.nodes import Num, Span
from .context import Context

if TYPE_CHECKING:
    from ...units import Unit
    from .statements import Statement

__all__ = ["check_one_unit", "common_units", "numbers_in"]

_T = TypeVar("_T")


def numbers_in(node: Any) -> Iterator[Num]:
    """Every :class:`Num` inside ``node`` (a statement, a phrase, a tuple of them), in the order written."""
    if isinstance(node, Num):
        yield node
    elif isinstance(node, tuple | list):
        for x in node:
            yield from numbers_in(x)
    elif attrs.has(type(node)) and not isinstance(node, Span | Token):
        for f in attrs.fields(type(node)):
            yield from numbers_in(getattr(node, f.name))


def _replaced(node: _T, new: dict[int, Num]) -> _T:
    """``node`` with each :class:`Num` whose ``id`` is in ``new`` replaced (the same object where none is)."""
    if isinstance(node, Num):
        return new.get(id(node), node)  # type: ignore[return-value]
    if isinstance(node, tuple):
        items = tuple(_replaced(x, new) for x in node)
        return node if all(a is b for a, b in zip(items, node, strict=True)) else items  # type: ignore[return-value]
    if isinstance(node, list):
        return [_replaced(x, new) for x in node]  # type: ignore[return-value]
    if attrs.has(type(node)) and not isinstance(node, Span | Token):
        changes = {}
        for f in attrs.fields(type(node)):  # type: ignore[arg-type]
            value = getattr(node, f.name)
            changed = _replaced(value, new)
            if changed is not value:
                changes[f.alias or f.name] = changed
        return attrs.evolve(node, **changes) if changes else node  # type: ignore[misc]
    return node


def unit_of(num: Num) -> Unit | None:
    """The unit ``num`` is written in, when it measures something (not a rate, a count of 万, or a unit
    perfeval does not know)."""
    if num.kind != "qty" or not num.unit:
        return None
    from ...units import is_plain_number, unit

    try:
        u = unit(num.unit)
    except PerfevalError:
        return None
    return None if is_plain_number(u) else u


def _factor(u: Unit) -> Fraction:
    from ...units import registry

    factor, _root = registry().get_root_units(u)
    if isinstance(factor, Decimal | int) and not isinstance(factor, bool):
        return Fraction(factor)
    raise UnitError("unit_inexact_factor", text=repr(factor))  # never a float factor (as units.convert)


def _exact(value: Fraction) -> Decimal | None:
    """``value`` as a Decimal when its decimal expansion terminates, else None."""
    d = value.denominator
    twos = fives = 0
    while d % 2 == 0:
        d, twos = d // 2, twos + 1
    while d % 5 == 0:
        d, fives = d // 5, fives + 1
    if d != 1:
        return None
    k = max(twos, fives)
    scaled = value.numerator * (10 ** k // value.denominator)
    return Decimal(f"{scaled}E-{k}")  # read from text: exact, whatever the decimal context


def _target(num: Num, u: Unit) -> tuple[Unit, str]:
    """The unit a kind of quantity first written in ``u`` is read in, and how it is spelled: ``u`` itself,
    but a count in ones (1万人次 is 10000人次: a count is a whole number of its noun)."""
    from ...units import label, strip_multipliers

    if any(str(d).startswith("[count_") for d in u.dimensionality):
        bare = strip_multipliers(u)
        if bare != u:
            return bare, label(bare)
    assert num.unit is not None
    return u, num.unit


def _shown(value: Decimal, unit_text: str) -> str:
    return f"{value:f}{unit_text}"


def common_units(stmts: list[Statement], ctx: Context) -> list[Statement]:
    """``stmts`` with every number of a kind of quantity (mass, area, money, time …) in the first unit the
    standard writes that kind in, converted exactly; each conversion is stated (PE270). Numbered items (①, 1.)
    are apart: each may score a value of its own. A conversion that does not terminate is a located
    :class:`~perfeval.rules.errors.RuleError` naming both units."""
    first: dict[Any, tuple[Num, tuple[Unit, str]]] = {}
    new: dict[int, Num] = {}
    stated: set[tuple[str, str]] = set()
    marked = [(s.mark, num) for s in stmts for num in numbers_in(s)]
    written = [num for _mark, num in marked]
    for num in written:
        unread = _multiplier_after(num, ctx)
        if unread is not None:
            new[id(num)] = _with_its_multiplier(num, unread, written, ctx)
    for mark, orig in marked:
        num = new.get(id(orig), orig)
        u = unit_of(num)
        if u is None:
            continue
        # 1.资金拨付超过30天的扣1分 2.每推迟1周扣0.5分: numbered items score values of their own, each in its own unit
        key = (mark, u.dimensionality)
        if key not in first:
            first[key] = (num, _target(num, u))
        ref, (target, spelled) = first[key][0], first[key][1]
        if u == target or num.unit == spelled:
            continue
        ratio = _factor(u) / _factor(target)
        if ratio == 1:
            continue  # 日 beside 天, 位 beside 名: the same unit spelled otherwise
        value = _exact(Fraction(num.value) * ratio)
        if value is None:
            raise ctx.fail("unit_scale_inexact", num.span, written=num.text, unit=spelled, first=ref.text)
        try:
            check_number(value, MAX_DIGITS, MAX_EXPONENT, num.text)
        except LimitError:
            raise ctx.fail("unit_scale_inexact", num.span, written=num.text, unit=spelled,
                           first=ref.text) from None
        new[id(orig)] = attrs.evolve(num, value=value, unit=spelled)
        if (num.text, spelled) in stated:
            continue  # 15000亩 written twice: said once
        stated.add((num.text, spelled))
        ctx.info("PE270", *pair("reading_pe270", written=num.text, converted=_shown(value, spelled),
                                unit=spelled), num.span)
    if not new:
        return stmts
    return [_replaced(s, new) for s in stmts]


def _multiplier_after(num: Num, ctx: Context) -> str | None:
    """The 万 or 亿 written right after ``num`` that the reader left out of it (达到5万得满分 read as 5), or None."""
    after = ctx.text[num.span.end:num.span.end + 1]
    if after in ("万", "亿") and num.kind in ("num", "qty") and not num.text.rstrip().endswith(("万", "亿")) \
            and "万" not in (num.unit or "") and "亿" not in (num.unit or ""):
        return after
    return None


def _with_its_multiplier(num: Num, multiplier: str, written: list[Num], ctx: Context) -> Num:
    """"1亿元…得0.6分，2亿得1.2分": a bare number with the 万/亿 of the one unit the standard writes with it is a
    number of that unit (2亿 is 2亿元, PE271). Otherwise (达到5万得满分 · 达到1万人次, no unit or several) a located
    refusal — never a number 10⁴ times too small."""
    units = {x.unit for x in written if x.kind == "qty" and x.unit and x.unit.startswith(multiplier)
             and not x.unit.startswith("万亿") and unit_of(x) is not None}
    if num.kind != "num" or len(units) != 1:
        raise ctx.fail("multiplier_unread", num.span, written=num.text, multiplier=multiplier)
    spelled = units.pop()
    ctx.info("PE271", *pair("reading_pe271", written=num.text + multiplier, number=num.text, unit=spelled), num.span)
    return attrs.evolve(num, kind="qty", unit=spelled)


def check_one_unit(nums: list[Num], ctx: Context) -> None:
    """The numbers of one value must be in one unit: 每推迟1天 beside 超过1个月 (a month is 28–31 days), 1个工作日
    beside 一周, 万元 beside 亩 cannot be compared — a located refusal naming both, never a bare comparison."""
    from ...units import strip_multipliers

    seen: Num | None = None
    seen_unit: Unit | None = None
    bare = next((x for x in nums if x.kind == "num"), None)
    for num in nums:
        if num.kind != "qty" or not num.unit:
            continue
        u = unit_of(num)
        if bare is not None and u is not None and strip_multipliers(u) != u:
            # 达到5万吨得满分，每减少1000扣0.5分: 1000吨 or 1000万吨? The bare number's unit is not written
            raise ctx.fail("unit_unwritten", bare.span, written=bare.text, other=num.text, unit=num.unit)
        if seen is None:
            seen, seen_unit = num, u
            continue
        if num.unit == seen.unit or (u is not None and seen_unit is not None and u == seen_unit):
            continue
        if u is None and seen_unit is None:
            continue  # neither is a unit perfeval knows (a count noun of the text's own): as written
        if u is not None and seen_unit is not None and u.dimensionality == seen_unit.dimensionality:
            # 1.达到5万吨得满分 2.每减少1000吨扣0.5分: numbered apart (each item in its own unit), yet one value
            raise ctx.fail("units_of_items", num.span, first=seen.text, second=num.text)
        raise ctx.fail("units_unrelated", num.span, first=seen.text, second=num.text, first_unit=seen.unit,
                       second_unit=num.unit, hint="hint_units_unrelated")
