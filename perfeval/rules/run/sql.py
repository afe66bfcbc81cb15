"""Stage 5 (SQL): a numeric standard's meaning → one SQL expression over exact DECIMAL types.

The same :class:`~perfeval.rules.meaning.ir.Item` the code generator and the interpreter read becomes a
``CASE`` over the column, built as a sqlglot expression tree and rendered for DuckDB, Spark or PostgreSQL.

Why it is exact in every engine. Engines differ in decimal arithmetic (DuckDB divides decimals in
floating point; Spark silently drops digits past 38 and wraps ``DIV`` past 64 bits), so the expression
uses only what is exact in all of them: **whole numbers** of type DECIMAL(38, 0) added, subtracted,
multiplied and compared, and integer division of positive numbers written per dialect (DuckDB's
HUGEINT ``//``, PostgreSQL's ``DIV``, and for Spark a decimal quotient's floor corrected by one exact
multiplication). The value is read as ``x·10^scale``, a whole number; every quantity of the standard is
kept as such a number over a positive constant denominator (a rational number, with constants folded
exactly as fractions); step counts are integer quotients; the points are rounded half up once, at the
end, to the rule's precision, and only then turned into DECIMAL(38, p). An intermediate that does not
fit 38 digits stops the query with the engine's overflow error (Spark: with ``spark.sql.ansi.enabled``,
its default since 4.0) — never a rounded number.

Refusals. A value the rule refuses in Python is refused here too, never turned into 0 or a silent NULL:
with ``errors="raise"`` (the default) the query fails with ``perfeval[code] message`` and the value
(DuckDB ``error()``, Spark ``raise_error()``, PostgreSQL a failing cast that shows the message); with
``errors="null"`` the points are NULL, and the expression built with ``errors="reason"`` gives, row by
row, that message (NULL where the points are a number) — select both to keep every row. A NULL value
scores what the standard gives when there is nothing to score (没有…按满分计算), else NULL, with the
reason ``missing_input``.

>>> from perfeval.rules.syntax.parser import parse
>>> from perfeval.rules.meaning.analyse import analyse
>>> item = analyse(parse("90%（含）以上计6分；低于90%计0分"), Decimal(6)).item
>>> print(to_sql(item, "…", "rate", "duckdb", scale=2))  # doctest: +NORMALIZE_WHITESPACE
CASE WHEN rate IS NULL THEN NULL
WHEN CAST(rate AS DECIMAL(38, 2)) <> rate
  THEN ERROR('perfeval[sql_scale] ' || CAST(rate AS TEXT) || ' 的小数位数多于 2 位（请加大 scale）')
WHEN CAST(rate AS DECIMAL(38, 2)) < CAST(0.90 AS DECIMAL(38, 2)) THEN CAST(0.00 AS DECIMAL(38, 2))
WHEN CAST(rate AS DECIMAL(38, 2)) >= CAST(0.90 AS DECIMAL(38, 2)) THEN CAST(6.00 AS DECIMAL(38, 2))
ELSE ERROR('perfeval[no_band] 没有分档覆盖 ' || CAST(rate AS TEXT) || '（未覆盖：—）') END
"""

from __future__ import annotations

import functools
import math
from decimal import Decimal
from fractions import Fraction
from typing import Any, Literal

import attrs

from ...i18n import N_, Message
from ..errors import SqlError
from ..meaning import ir
from ..meaning.formulas import render as render_expr
from ..meaning.intervals import outside
from ..messages import render
from ..vocabulary import StepMode
from . import exact

__all__ = ["DIALECTS", "ErrorMode", "build", "to_sql", "unsupported"]

#: The dialects the expression is written and tested for.
DIALECTS = ("duckdb", "spark", "postgres")
#: What a refused value becomes: the query fails, the points are NULL, or (the companion column) the reason.
ErrorMode = Literal["raise", "null", "reason"]
_MAX_SCALE = 30
_MARK = "§value§"  # where the value goes in a message rendered ahead of the row


# ── what cannot be expressed ─────────────────────────────────────────────────────────────────


def unsupported(item: ir.Item) -> tuple[str, dict[str, Any]] | None:
    """Why ``item`` cannot be one SQL expression of one column (a message code and its values), or None."""
    if item.options or item.tiers or item.judged is not None:
        return N_("sql_judgement"), {}
    if item.borrowed is not None and item.borrowed.only:
        # 未发生采购业务的按平均分得分 and nothing else: the score is another column (the peers' average); beside a
        # rule of its own, the column scored is that rule's value, as rule.points(value) scores it
        return N_("sql_several_inputs"), {"names": "、".join((*item.borrowed.case[:1], item.borrowed.name))}
    if item.parts:
        return N_("sql_several_inputs"), {"names": "、".join(p.key for p in item.parts)}
    if len(item.streams) != 1:
        names = [s.key or s.label for s in item.streams]
        return (N_("sql_several_inputs"), {"names": "、".join(names)}) if names else (N_("sql_judgement"), {})
    s = item.streams[0]
    if s.key or s.value.derive is not None or s.value.needs:
        return N_("sql_several_inputs"), {"names": "、".join((s.key,) + s.value.needs if s.key else s.value.needs)}
    if s.value.kind in (ir.Kind.FLAG, ir.Kind.OPTION, ir.Kind.TIER):
        return N_("sql_judgement") if s.value.kind is ir.Kind.TIER else N_("sql_yes_no"), {}
    if s.role is not ir.Role.BASE or item.carry or item.bonus_cap is not None or item.deduction_cap is not None:
        return N_("sql_unsupported"), {"what": Message("sql_what_deduction")}
    for p in s.fn.pieces:
        if p.judged is not None:
            return N_("sql_judgement"), {}
        if p.veto is not None or p.zero:
            return N_("sql_unsupported"), {"what": Message("sql_what_veto")}
        if p.overlap:
            return N_("sql_unsupported"), {"what": Message("sql_what_overlap")}
        if p.bonus is not None:
            return N_("sql_unsupported"), {"what": Message("sql_what_bonus")}
        named = [e.name for e in ir.walk(p.expr) if isinstance(e, ir.Input)]
        if named:
            return N_("sql_several_inputs"), {"names": "、".join(dict.fromkeys(named))}
        for e in ir.walk(p.expr):
            if isinstance(e, ir.Op) and e.op == "/" and _reads_x(e.right):
                return N_("sql_divides_by_value"), {"name": render_expr(e.right)}
            if isinstance(e, ir.Steps) and e.size <= 0:
                return N_("sql_unsupported"), {"what": render_expr(e)}
    return None


def _reads_x(e: ir.Expr) -> bool:
    return any(isinstance(s, ir.X) for s in ir.walk(e))


# ── the dialects ─────────────────────────────────────────────────────────────────────────────


def _sqlglot() -> Any:
    try:
        import sqlglot.expressions as exp
    except ImportError:  # pragma: no cover - the message is the point
        raise SqlError("sql_needs_sqlglot") from None
    return exp


@attrs.frozen
class _Dialect:
    """What differs between engines: exact integer division of positive numbers, and stopping a query."""

    name: str
    exp: Any

    @property
    def whole(self) -> str:
        """The type of whole numbers: DuckDB's HUGEINT (its 128 bits, faster than DECIMAL(38, 0)), else DECIMAL(38, 0)."""
        return "HUGEINT" if self.name == "duckdb" else _D0

    def number(self, n: int) -> Any:
        """The whole number ``n`` as a literal of :attr:`whole`."""
        return _cast(self.exp, self.exp.Literal.number(n), self.whole)

    def int_div(self, a: Any, b: int) -> Any:
        """⌊a ÷ b⌋ for a ≥ 0 and a constant b > 0, a whole number."""
        exp = self.exp
        if b == 1:
            return a
        if self.name == "duckdb":
            return exp.IntDiv(this=_p(exp, a), expression=self.number(b))
        if self.name == "postgres":
            return exp.IntDiv(this=a, expression=self.number(b))
        # Spark: DIV wraps past 64 bits, and a decimal quotient is rounded to 6 places. A remainder of at most
        # (b − 1) ÷ b < 1 − 0.0000005 never rounds up to the next whole number, so below 2,000,000 the floor
        # of the quotient is exact; above, the quotient of a − a % b (a multiple of b) is a whole number.
        if b < 2_000_000:
            return _cast(exp, exp.Floor(this=exp.Div(this=_p(exp, a), expression=self.number(b))), _D0)
        multiple = exp.Sub(this=_p(exp, a), expression=exp.Paren(this=exp.Mod(this=_p(exp, a.copy()),
                                                                                expression=self.number(b))))
        return _cast(exp, exp.Div(this=exp.Paren(this=multiple), expression=self.number(b)), _D0)

    def stop(self, message: Any) -> Any:
        """An expression that fails the query with ``message`` (a string expression)."""
        exp = self.exp
        if self.name == "duckdb":
            return exp.Anonymous(this="error", expressions=[message])
        if self.name == "spark":
            return exp.Anonymous(this="raise_error", expressions=[message])
        # PostgreSQL has no function that raises: a cast of the message to a number fails with the
        # message in the error (it names the value, so no planner folds it ahead of the row).
        return _cast(exp, message, "NUMERIC")


_D0 = "DECIMAL(38, 0)"


@functools.lru_cache(maxsize=64)
def _dtype(exp: Any, to: str) -> Any:
    return exp.DataType.build(to)


def _cast(exp: Any, e: Any, to: str) -> Any:
    """CAST(e AS to), taking ``e`` as it is (sqlglot's own ``cast`` copies the whole tree below it)."""
    return exp.Cast(this=e, to=_dtype(exp, to).copy())


def _int(exp: Any, n: int) -> Any:
    return _cast(exp, exp.Literal.number(n), _D0)


def _p(exp: Any, e: Any) -> Any:
    return exp.Paren(this=e) if isinstance(e, exp.Binary) else e


# ── exact rationals over the column ──────────────────────────────────────────────────────────


@attrs.frozen
class _Num:
    """``num / den``: ``num`` a SQL expression of a whole number, ``den`` a positive constant."""

    num: Any
    den: int


_Value = Fraction | _Num


class _ZeroDenominator(Exception):
    def __init__(self, name: str) -> None:
        super().__init__(name)
        self.name = name


class _Builder:
    def __init__(self, item: ir.Item, dialect: _Dialect, xi: Any, scale: int) -> None:
        self.item = item
        self.d = dialect
        self.exp = dialect.exp
        self.xi = xi
        self.scale = scale

    def _xi(self) -> Any:
        return self.xi.copy()

    # arithmetic
    def times(self, a: Any, k: int) -> Any:
        exp = self.exp
        if k == 1:
            return a
        return exp.Mul(this=_p(exp, a), expression=self.d.number(k))

    def over(self, v: _Num, den: int) -> Any:
        """The numerator of ``v`` on the common denominator ``den`` (a multiple of ``v.den``)."""
        return self.times(v.num, den // v.den)

    def add(self, a: _Value, b: _Value, sign: int = 1) -> _Value:
        exp = self.exp
        if isinstance(a, Fraction) and isinstance(b, Fraction):
            return a + sign * b
        if isinstance(b, Fraction):
            assert isinstance(a, _Num)
            if b == 0:
                return a
            den = math.lcm(a.den, b.denominator)
            const = self.d.number(sign * b.numerator * (den // b.denominator))
            return _Num(exp.Add(this=_p(exp, self.over(a, den)), expression=const), den)
        if isinstance(a, Fraction):
            den = math.lcm(a.denominator, b.den)
            term = _p(exp, self.over(b, den))
            const = self.d.number(a.numerator * (den // a.denominator))
            return _Num((exp.Add if sign > 0 else exp.Sub)(this=const, expression=term), den)
        den = math.lcm(a.den, b.den)
        op = exp.Add if sign > 0 else exp.Sub
        return _Num(op(this=_p(exp, self.over(a, den)), expression=_p(exp, self.over(b, den))), den)

    def mul(self, a: _Value, b: _Value) -> _Value:
        exp = self.exp
        if isinstance(a, Fraction) and isinstance(b, Fraction):
            return a * b
        if isinstance(a, Fraction):
            a, b = b, a
        assert isinstance(a, _Num)
        if isinstance(b, Fraction):
            if b == 0:
                return Fraction(0)
            g = math.gcd(b.numerator, a.den)
            return _Num(self.times(a.num, b.numerator // g), (a.den // g) * b.denominator)
        return _Num(exp.Mul(this=_p(exp, a.num), expression=_p(exp, b.num)), a.den * b.den)

    def smaller(self, a: _Value, b: _Value) -> _Value:
        exp = self.exp
        if isinstance(a, Fraction) and isinstance(b, Fraction):
            return a if a <= b else b
        den = math.lcm(*(v.den if isinstance(v, _Num) else v.denominator for v in (a, b)))
        na, nb = (self.numerator(v, den) for v in (a, b))
        return _Num(exp.Case(ifs=[exp.If(this=exp.LTE(this=_p(exp, na), expression=_p(exp, nb)), true=na.copy())],
                             default=nb.copy()), den)

    def numerator(self, v: _Value, den: int) -> Any:
        if isinstance(v, Fraction):
            return self.d.number(v.numerator * (den // v.denominator))
        return self.over(v, den)

    def steps(self, distance: _Value, size: Fraction, mode: StepMode) -> _Value:
        exp = self.exp
        if isinstance(distance, Fraction):
            return exact.fraction_steps(distance, size, mode)
        top = distance.num.copy()
        divisor = distance.den * size.numerator
        scaled = self.times(distance.num, size.denominator)
        if mode is StepMode.PROPORTIONAL:
            counted, den = scaled, divisor
        elif mode is StepMode.WHOLE:
            counted, den = self.d.int_div(scaled, divisor), 1
        else:
            ceiling = exp.Add(this=_p(exp, scaled), expression=self.d.number(divisor - 1)) if divisor > 1 else scaled
            counted, den = self.d.int_div(ceiling, divisor), 1
        positive = exp.GT(this=_p(exp, top), expression=self.d.number(0))
        return _Num(exp.Case(ifs=[exp.If(this=positive, true=counted)], default=self.d.number(0)), den)

    def value(self, e: ir.Expr) -> _Value:
        """``e`` as an exact rational: a constant, or a whole-number SQL expression over a constant."""
        if not _reads_x(e):
            return self.constant(e)
        if isinstance(e, ir.X):
            return _Num(self._xi(), 10 ** self.scale)
        if isinstance(e, ir.Steps):
            return self.steps(self.value(e.distance), Fraction(e.size), e.mode)
        if isinstance(e, ir.Min):
            return self.smaller(self.value(e.left), self.value(e.right))
        if isinstance(e, ir.Abs):
            v = self.value(e.arg)
            assert isinstance(v, _Num)
            return _Num(self.exp.Abs(this=v.num), v.den)
        assert isinstance(e, ir.Op)
        a = self.value(e.left)
        if e.op == "/":
            divisor = self.constant(e.right)  # a divisor that reads the value is refused by unsupported()
            if divisor == 0:
                raise _ZeroDenominator(render_expr(e.right))
            return self.mul(a, 1 / divisor)
        b = self.value(e.right)
        if e.op == "*":
            return self.mul(a, b)
        return self.add(a, b, 1 if e.op == "+" else -1)

    def constant(self, e: ir.Expr) -> Fraction:
        """An expression that does not read the value, exactly (a fraction: 1 ÷ 3 is one third)."""
        return exact.constant(e, self.item.max_points, lambda d: _ZeroDenominator(render_expr(d)))

    # the end: cap, floor and 分值, rounding once
    def finish(self, v: _Value, cap: Decimal | None) -> Any:
        exp, item = self.exp, self.item
        q = Fraction(item.precision)
        places = max(0, -item.precision.as_tuple().exponent)  # type: ignore[operator]
        if cap is not None:
            v = self.smaller(v, Fraction(cap))
        if isinstance(v, Fraction):
            return _decimal(exp, exact.round_half_up(exact.clamp(v, item.floor, item.top) / q) * q, places)
        ifs = []
        bounds = ([(exp.LT, Fraction(item.floor))] if item.floor is not None else []) + [(exp.GT, Fraction(item.top))]
        for op, bound in bounds:  # num ÷ den < bound ⇔ num · bound.den < bound.num · den (den > 0)
            test = op(this=_p(exp, self.times(v.num.copy(), bound.denominator)),
                      expression=self.d.number(bound.numerator * v.den))
            ifs.append(exp.If(this=test, true=_decimal(exp, exact.round_half_up(bound / q) * q, places)))
        # R = round-half-away-from-zero(num ÷ (den·q)) = sign · ⌊(2|A| + M) ÷ 2M⌋ with A = num·q.den, M = den·q.num
        # (both divided by their common factor first)
        g = math.gcd(q.denominator, v.den)
        a = self.times(v.num.copy(), q.denominator // g)
        m = (v.den // g) * q.numerator
        if m == 1:
            quanta = a
        elif item.floor is not None and item.floor >= 0:
            # the floor has returned every value below it: what is left is ≥ 0, and rounds up at the half
            quanta = self.d.int_div(exp.Add(this=_p(exp, self.times(a, 2)), expression=self.d.number(m)), 2 * m)
        else:
            up = self.d.int_div(exp.Add(this=_p(exp, self.times(a, 2)), expression=self.d.number(m)), 2 * m)
            down = self.d.int_div(exp.Add(this=_p(exp, self.times(exp.Neg(this=_p(exp, a.copy())), 2)),
                                          expression=self.d.number(m)), 2 * m)
            quanta = exp.Case(ifs=[exp.If(this=exp.GTE(this=_p(exp, a.copy()), expression=self.d.number(0)), true=up)],
                              default=exp.Neg(this=_p(exp, down)))
        return exp.Case(ifs=ifs, default=_quanta_to_points(exp, quanta, item.precision, places)) if ifs else \
            _quanta_to_points(exp, quanta, item.precision, places)


def _decimal(exp: Any, v: Fraction, places: int) -> Any:
    n = v * 10 ** places
    assert n.denominator == 1
    digits = str(abs(n.numerator)).rjust(places + 1, "0")
    text = ("-" if n < 0 else "") + (digits[:-places] + "." + digits[-places:] if places else digits)
    return _cast(exp, exp.Literal.number(text), f"DECIMAL(38, {places})")


def _quanta_to_points(exp: Any, quanta: Any, precision: Decimal, places: int) -> Any:
    """``quanta × precision`` as DECIMAL(38, places): a product that fits 38 digits, so Spark keeps the scale."""
    step = Fraction(precision)
    if step.denominator == 1:
        return _cast(exp, exp.Mul(this=_p(exp, quanta), expression=_int(exp, step.numerator)), f"DECIMAL(38, {places})")
    if places == 0:
        return _cast(exp, quanta, "DECIMAL(38, 0)")
    narrow = _cast(exp, quanta, f"DECIMAL({36 - places}, 0)")
    unit = _cast(exp, exp.Literal.number(f"{precision:f}"), f"DECIMAL({places + 1}, {places})")
    return _cast(exp, exp.Mul(this=narrow, expression=unit), f"DECIMAL(38, {places})")


# ── the expression ───────────────────────────────────────────────────────────────────────────


def to_sql(item: ir.Item, text: str, column: Any, dialect: str = "duckdb", *, scale: int = 10,
           errors: ErrorMode = "raise", locale: str | None = "zh_CN") -> str:
    """``item``'s points as one SQL expression of ``column`` (see the module docstring), in ``dialect``.

    ``scale`` is the decimals the column's values may have (more is refused, never rounded); ``errors``
    what a refused value becomes; ``locale`` the language of the refusal messages.
    """
    tree = build(item, text, column, dialect, scale=scale, errors=errors, locale=locale)
    sql: str = tree.sql(dialect=dialect, copy=False)  # the tree is ours and new: no need to copy it
    return sql


def build(item: ir.Item, text: str, column: Any, dialect: str = "duckdb", *, scale: int = 10,
          errors: ErrorMode = "raise", locale: str | None = "zh_CN") -> Any:
    """The sqlglot expression :func:`to_sql` renders."""
    from ...errors import ValidationError

    if dialect not in DIALECTS:
        raise SqlError("sql_dialect", text, dialect=dialect, dialects="、".join(DIALECTS))
    if errors not in ("raise", "null", "reason"):
        raise ValidationError("sql_errors_option", field="errors", value=errors)
    if not isinstance(scale, int) or isinstance(scale, bool) or not 0 <= scale <= _MAX_SCALE:
        raise ValidationError("sql_scale_option", field="scale", value=scale, maximum=_MAX_SCALE)
    why = unsupported(item)
    if why is not None:
        code, params = why
        raise SqlError(code, text, **params)
    exp = _sqlglot()
    col = column.copy() if isinstance(column, exp.Expression) else \
        exp.column(column, quoted=not (column.isidentifier() and column.isascii()))
    typed = _cast(exp, col.copy(), f"DECIMAL(38, {scale})")
    d = _Dialect(dialect, exp)
    xi = _cast(exp, exp.Mul(this=typed.copy(), expression=d.number(10 ** scale)), d.whole)
    if dialect == "duckdb" and scale <= 9:
        # DuckDB multiplies a DECIMAL(18, s) on 64 bits, four times faster than 128: values that fit go that way
        narrow = exp.Mul(this=_cast(exp, typed.copy(), f"DECIMAL(18, {scale})"), expression=exp.Literal.number(10 ** scale))
        small = exp.LT(this=exp.Abs(this=typed.copy()), expression=_decimal(exp, Fraction(10 ** (18 - scale)), scale))
        xi = exp.Paren(this=exp.Case(ifs=[exp.If(this=small, true=_cast(exp, narrow, d.whole))], default=xi))
    b = _Builder(item, d, xi, scale)
    stream = item.streams[0]
    kind = stream.value.kind
    shown = _cast(exp, col.copy(), "VARCHAR")

    def fail(code: str, **params: Any) -> Any:
        words = render(code, locale, value=_MARK, **params).split(_MARK)
        if len(words) == 1:
            words.append("")
        message = exp.DPipe(this=exp.DPipe(this=exp.Literal.string(f"perfeval[{code}] {words[0]}"),
                                           expression=shown.copy()), expression=exp.Literal.string(words[1]))
        if errors == "reason":
            return message
        if errors == "null":
            return exp.Null()
        return d.stop(message)

    def points(e: Any) -> Any:
        return exp.Null() if errors == "reason" else e

    ifs: list[Any] = []
    absent = item.absent if item.absent is not None else stream.absent
    none = b.finish(Fraction(absent), None) if absent is not None else None
    if none is not None:
        ifs.append(exp.If(this=exp.Is(this=col.copy(), expression=exp.Null()), true=points(none)))
    else:
        missing = exp.Literal.string(f"perfeval[missing_input] {render('missing_input', locale, name=col.sql(dialect=dialect), given='')}")
        ifs.append(exp.If(this=exp.Is(this=col.copy(), expression=exp.Null()),
                          true=missing if errors == "reason" else exp.Null()))
    ifs.append(exp.If(this=exp.NEQ(this=typed.copy(), expression=col.copy()), true=fail("sql_scale", scale=scale)))
    if kind in (ir.Kind.COUNT, ir.Kind.RANK):
        least = 0 if kind is ir.Kind.COUNT else 1
        fraction = exp.NEQ(this=exp.Mod(this=xi.copy(), expression=d.number(10 ** scale)), expression=d.number(0))
        below = exp.LT(this=xi.copy(), expression=d.number(least * 10 ** scale))
        ifs.append(exp.If(this=exp.Or(this=fraction, expression=below),
                          true=fail("not_a_count" if kind is ir.Kind.COUNT else "not_a_rank")))
    for piece in stream.fn.pieces:
        test = _test(exp, piece.interval, typed, scale)
        try:
            result = b.finish(b.value(piece.expr), stream.cap)
            ifs.append(exp.If(this=test, true=points(result)))
        except _ZeroDenominator as zero:
            ifs.append(exp.If(this=test, true=fail("zero_denominator", name=zero.name)))
    gaps = outside([p.interval for p in stream.fn.pieces], kind is ir.Kind.RATE)
    default = fail("no_band", gaps="、".join(gaps) if gaps else "—")
    return exp.Case(ifs=ifs, default=default)


def _test(exp: Any, iv: ir.Interval, typed: Any, scale: int) -> Any:
    """``iv`` contains x: the typed value DECIMAL(38, scale) against edges of that very type (an edge between
    two steps of the scale is moved to the step inside), so every engine compares exactly and cheaply."""
    unit = 10 ** scale

    def edge(n: int) -> Any:
        return _decimal(exp, Fraction(n, unit), scale)

    parts: list[Any] = []
    if iv.lo is not None and iv.lo == iv.hi:
        point = Fraction(iv.lo) * unit
        if point.denominator != 1:
            return exp.false()
        return exp.EQ(this=typed.copy(), expression=edge(point.numerator))
    if iv.lo is not None:
        lo = Fraction(iv.lo) * unit
        if iv.lo_in:
            parts.append(exp.GTE(this=typed.copy(), expression=edge(math.ceil(lo))))
        else:
            parts.append(exp.GT(this=typed.copy(), expression=edge(math.floor(lo))))
    if iv.hi is not None:
        hi = Fraction(iv.hi) * unit
        if iv.hi_in:
            parts.append(exp.LTE(this=typed.copy(), expression=edge(math.floor(hi))))
        else:
            parts.append(exp.LT(this=typed.copy(), expression=edge(math.ceil(hi))))
    if not parts:
        return exp.true()
    return parts[0] if len(parts) == 1 else exp.And(this=parts[0], expression=parts[1])
