"""Stage 2: tokens → syntax tree (:mod:`perfeval.rules.ast`), with errors a rule author can act on.

The grammar lives in ``grammar/standard.lark`` (shipped as ``perfeval.grammar``). Standards are a
sentence or two long, so the Earley parser is used: it reads the free word order of published text
without the grammar contortions LALR would need, and compile time is not the hot path.

>>> parse("完成目标得满分，否则不得分").clauses[1]
Otherwise(amount=Zero(...), subject=None, span=...)
"""

from __future__ import annotations

import re
from decimal import Decimal
from functools import cache
from typing import Any

import attrs
from lark import Lark, Token, Transformer, v_args
from lark.exceptions import UnexpectedCharacters, UnexpectedEOF, UnexpectedInput, UnexpectedToken, VisitError

from ..errors import PerfevalError
from ..limits import MAX_STANDARD_CHARS, check_length
from ..numbers import parse_number, parse_rate
from ..resources import grammar_text
from . import ast
from .diagnostics import RuleSyntaxError
from .lexer import StandardLexer, tokenize

# What each token means, in words, for "expected …" messages (lark's names mean nothing to an author).
TOKEN_WORDS: dict[str, str] = {
    "TEXT": "a description",
    "NUM": "a number",
    "PCT": "a percentage such as 95% or 一个百分点",
    "SCORE": "points such as 2分",
    "UNIT": "a unit such as 个工作日",
    "CMP": "a comparison such as 低于 or ≥",
    "SUFFIX": "以上 or 以下",
    "INCL": "（含）",
    "DASH": "a range dash (-, —)",
    "EQ": "=",
    "AWARD": "计 or 得",
    "FULL": "满分",
    "ZERO": "不得分",
    "DEDUCT": "扣",
    "EACH": "每",
    "BOTH": "超过（降低）",
    "UNTIL_ZERO": "扣完为止",
    "CAP": "最多扣",
    "PROP": "同比例扣减",
    "OVERSPEND": "按超支比例扣减",
    "DISCRETION": "酌情扣分",
    "FORMULA_LEAD": "得分=",
    "POINTS_VAR": "分值",
    "CALC": "计算",
    "ITEM": "an item mark such as ①",
    "LPAR": "(",
    "RPAR": ")",
    "TIMES": "×",
    "DIVIDE": "/",
    "PLUS": "+",
    "REF": "以",
    "REF_END": "为标准",
    "OTHERWISE": "否则",
    "GRADE": "为优/为良/…",
    "_SEP": "a separator (，；。)",
    "STEPMODE": "不足…按…计",
    "SEP": "a separator (，；。)",
    "LISTSEP": "、",
}

# Named mistakes: a pattern over the token types of a failing clause, and what to say about it.
_HINTS: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"EACH (CMP|BOTH) DEDUCT"), "a step needs its size: 每低于5%扣2分"),
    (re.compile(r"EACH (CMP|BOTH) (PCT|NUM) (SEP|$)"), "say what each step costs: 每低于5%扣2分"),
    (re.compile(r"DEDUCT (NUM|PCT)( |$)"), "deductions are in points: 扣2分"),
    (re.compile(r"CAP (NUM|PCT)"), "a cap is in points: 最多扣10分"),
    (re.compile(r"(PCT|NUM)( INCL)? DASH$"), "a range needs both ends: 80%（含）-90%"),
    (re.compile(r"AWARD (PCT|NUM)( |$)"), "points are written with 分: 计4分"),
)


@cache
def _parser(start: str) -> Lark:
    grammar = grammar_text("standard.lark")
    return Lark(grammar, start=start, parser="earley", lexer=StandardLexer, ambiguity="resolve",
                propagate_positions=True)


def parse(text: str) -> ast.Standard:
    """Parse a scoring standard into its syntax tree.

    Clause by clause: the text is split at its separators (，；。) and each clause parsed on its own, so the
    work grows with the number of clauses, not with their product. A clause that only reads together with
    the next ("…没有做相应工作的，扣1分") is parsed joined to it.

    >>> [type(c).__name__ for c in parse("100%计满分，每低于5%扣2分，扣完为止。").clauses]
    ['Award', 'Step', 'UntilZero']
    """
    check_length(text, MAX_STANDARD_CHARS, "the standard")
    tokens = list(tokenize(text))
    if not tokens:
        raise RuleSyntaxError("the standard is empty", text=text, line=1, column=1)
    chunks = _chunks(tokens)
    clauses: list[Any] = []
    i = 0
    while i < len(chunks):
        parsed = None
        first_error: UnexpectedInput | None = None
        alone = _strip_seps(chunks[i])
        for joined in range(min(3, len(chunks) - i)):  # the clause alone, or joined to the next one or two
            candidate = _strip_seps([tok for chunk in chunks[i : i + joined + 1] for tok in chunk])
            try:
                parsed = _parser("chunk").parse(candidate)
            except UnexpectedInput as exc:
                first_error = first_error or exc
                continue
            i += joined + 1
            break
        if parsed is None:
            assert first_error is not None
            raise _syntax_error(text, first_error, alone)
        clauses.extend(_transform(text, parsed))
    return ast.Standard(clauses=tuple(clauses), text=text)


def _chunks(tokens: list[Token]) -> list[list[Token]]:
    """The tokens between separators; a separator stays at the end of its clause; a 1./2. mark starts one."""
    chunks: list[list[Token]] = [[]]
    for tok in tokens:
        if tok.type == "SUBRULE" and any(t.type != "_SEP" for t in chunks[-1]):
            chunks.append([])
        chunks[-1].append(tok)
        if tok.type == "_SEP":
            chunks.append([])
    return [c for c in chunks if any(t.type != "_SEP" for t in c)]


def _strip_seps(tokens: list[Token]) -> list[Token]:
    """A clause's tokens without its trailing separators (inner ones stay: they join two clauses)."""
    end = len(tokens)
    while end and tokens[end - 1].type == "_SEP":
        end -= 1
    start = 0
    while start < end and tokens[start].type == "_SEP":
        start += 1
    return tokens[start:end]


def _transform(text: str, tree: Any) -> list[Any]:
    try:
        result: list[Any] = _ToAst(text).transform(tree)
    except VisitError as exc:
        if isinstance(exc.orig_exc, PerfevalError):
            raise exc.orig_exc from None
        raise
    return result


def parse_grades(text: str) -> ast.GradeTable:
    """Parse a grade table (等级).

    >>> [b.label for b in parse_grades("90分（含）—100分为优，60分以下为差").bands]
    ['优', '差']
    """
    return ast.GradeTable(bands=tuple(_run(text, "grades")), text=text)


def _run(text: str, start: str) -> list[Any]:
    check_length(text, MAX_STANDARD_CHARS, "the standard")
    if not text.strip():
        raise RuleSyntaxError("the standard is empty", text=text, line=1, column=1)
    try:
        tree = _parser(start).parse(text)
        result: list[Any] = _ToAst(text).transform(tree)
    except UnexpectedInput as exc:
        raise _syntax_error(text, exc) from None
    except VisitError as exc:
        if isinstance(exc.orig_exc, PerfevalError):
            raise exc.orig_exc from None
        raise
    return result


def _syntax_error(text: str, exc: UnexpectedInput, chunk: list[Token] | None = None) -> RuleSyntaxError:
    """The error as the author should see it; ``chunk`` is the clause being parsed when the text ran out."""
    tokens = list(tokenize(text))
    if isinstance(exc, UnexpectedToken | UnexpectedCharacters) and not isinstance(exc, UnexpectedEOF):
        token = getattr(exc, "token", None)
        line, column = exc.line, exc.column
        length = len(str(token)) if isinstance(token, Token) else 1
        expected = getattr(exc, "expected", None) or getattr(exc, "allowed", None) or set()
    elif not tokens:  # nothing but invisible characters
        return RuleSyntaxError("the standard is empty", text=text, line=1, column=1)
    else:
        last = (chunk or tokens)[-1]
        line, column = last.line or 1, last.column or 1
        length = max(len(str(last)), 1)
        expected = getattr(exc, "expected", None) or set()
    words = tuple(sorted({TOKEN_WORDS.get(name, name) for name in expected if name in TOKEN_WORDS}))
    clause = chunk if chunk else _clause_at(tokens, line, column)
    before = [] if chunk else _clause_before(tokens, line, column)
    at_separator = not chunk and isinstance(getattr(exc, "token", None), Token) and exc.token.type == "_SEP"  # type: ignore[attr-defined]
    if at_separator:
        before = _clause_ending_at(tokens, line, column)
    if before and (at_separator or (clause and (clause[0].line, clause[0].column) == (line, column))):
        # The clause that starts here reads on its own: the one before it is the one left unfinished.
        clause = before
        last = before[-1]
        line, column, length = last.line or line, last.column or column, max(len(str(last)), 1)
    shape = " ".join(t.type for t in clause)
    hint = next((h for pattern, h in _HINTS if pattern.search(shape)), None)
    quoted = text[clause[0].start_pos : clause[-1].end_pos] if clause else ""
    message = f"cannot read the clause {quoted!r}" if quoted else "cannot read the standard"
    return RuleSyntaxError(message, text=text, line=line or 1, column=column or 1, length=max(length, 1),
                           expected=words[:8], hint=hint)


def _clause_ending_at(tokens: list[Token], line: int, column: int) -> list[Token]:
    """The tokens of the clause that a separator at (line, column) closes."""
    clause: list[Token] = []
    for tok in tokens:
        if (tok.line, tok.column) >= (line, column):
            return clause
        clause = [] if tok.type == "_SEP" else [*clause, tok]
    return clause


def _clause_before(tokens: list[Token], line: int, column: int) -> list[Token]:
    """The tokens of the clause that ends just before position (line, column)."""
    clause: list[Token] = []
    previous: list[Token] = []
    for tok in tokens:
        if (tok.line, tok.column) >= (line, column):
            return previous if not clause else []
        if tok.type == "_SEP":
            previous, clause = clause, []
        else:
            clause.append(tok)
    return []


def _clause_at(tokens: list[Token], line: int, column: int) -> list[Token]:
    """The tokens of the clause (between separators) holding position (line, column)."""
    clause: list[Token] = []
    found = False
    for tok in tokens:
        if tok.type == "_SEP":
            if found:
                break
            clause = []
            continue
        clause.append(tok)
        if (tok.line, tok.column) >= (line, column):
            found = True
    return clause


_NUMERAL = re.compile(r"[\d.,]+|[零〇一二两三四五六七八九十百千万半点]+")


def _number(token: Token, span: ast.Span) -> ast.Number:
    """A PCT, NUM or SCORE token as a :class:`ast.Number` (percentages as fractions)."""
    raw = str(token)
    if raw.startswith("百分之"):  # 百分之九十 is 90%
        return ast.Number(parse_rate(raw), True, raw, span)
    m = _NUMERAL.search(raw)
    if not m:  # the lexer only makes these tokens around a numeral
        raise RuleSyntaxError("no number here", text=raw, line=span.line, column=span.column)
    value = parse_number(m.group())
    if token.type == "PCT":
        per_mille = "‰" in raw
        return ast.Number(value / (1000 if per_mille else 100), True, raw, span)
    return ast.Number(value, False, raw, span)


def _span(meta_or_token: Any) -> ast.Span:
    m = meta_or_token
    if getattr(m, "empty", False):
        return ast.Span(1, 1, 1, 1, 0, 0)
    return ast.Span(m.line, m.column, m.end_line, m.end_column, m.start_pos, m.end_pos)


def _text(parts: Any) -> str:
    return "".join(str(p) for p in parts)


def _subjects(c: list[Any]) -> list[str]:
    """The subject strings among a rule's children (tokens are str too, so exclude them)."""
    return [x for x in c if isinstance(x, str) and not isinstance(x, Token)]


def _tokens(c: list[Any], *types: str) -> list[Token]:
    return [x for x in c if isinstance(x, Token) and x.type in types]


# Comparator words → (side of the interval they bound, inclusive, claim strength).
_LOWER, _UPPER = "lower", "upper"
_CMP: dict[str, tuple[str, bool, ast.Claim]] = {}
for _w in ("≥", ">=", "大于或等于", "大于等于", "不低于", "不少于", "不小于"):
    _CMP[_w] = (_LOWER, True, ast.Claim.EXPLICIT)
for _w in ("≤", "<=", "小于或等于", "小于等于", "不高于", "不超过", "不大于", "不多于"):
    _CMP[_w] = (_UPPER, True, ast.Claim.EXPLICIT)
for _w in ("达到", "达到或超过", "达到或高于"):
    _CMP[_w] = (_LOWER, True, ast.Claim.CONVENTION)
for _w in (">", "大于", "高于", "超过", "超出", "多于", "增加", "上升"):
    _CMP[_w] = (_LOWER, False, ast.Claim.CONVENTION)
for _w in ("<", "小于", "低于", "少于", "不足", "不到", "未达到", "未达", "未完成", "降低", "下降", "减少"):
    _CMP[_w] = (_UPPER, False, ast.Claim.CONVENTION)


@v_args(meta=True)
class _ToAst(Transformer[Token, Any]):
    """Builds :mod:`ast` nodes from lark's tree, rule by rule (method names are grammar rule names)."""

    def __init__(self, text: str) -> None:
        super().__init__()
        self.text = text

    # ── top level ──
    def start(self, meta: Any, children: list[Any]) -> list[Any]:
        return [c for c in children if not isinstance(c, Token)]

    def chunk(self, meta: Any, children: list[Any]) -> list[Any]:
        return [c for c in children if not isinstance(c, Token)]

    def grades(self, meta: Any, children: list[Any]) -> list[Any]:
        return [c for c in children if isinstance(c, ast.GradeBand)]

    def grade_named(self, meta: Any, c: list[Any]) -> ast.GradeBand:
        label = str(c[0])
        for lead in ("分为", "划分为", "为"):
            if lead in label:
                label = label.rsplit(lead, 1)[1]
        cond = next(x for x in c if isinstance(x, ast.Cond))
        return ast.GradeBand(cond, label.strip(), _span(meta))

    # ── pieces ──
    def subject(self, meta: Any, children: list[Any]) -> str:
        return _text(children)

    def value(self, meta: Any, children: list[Any]) -> ast.Number:
        number = _number(children[0], _span(children[0]))
        if len(children) > 1:
            return attrs.evolve(number, unit=str(children[1]))
        return number

    def direction(self, meta: Any, children: list[Any]) -> Token:
        tok: Token = children[0]
        return tok

    # ── conditions ──
    def compare(self, meta: Any, c: list[Any]) -> ast.Cond:
        word, number = str(c[0]), c[1]
        side, inclusive, claim = _CMP.get(word, (_LOWER, True, ast.Claim.CONVENTION))
        if len(c) > 2:  # 大于30%（含） · 低于60%（不含）
            inclusive, claim = _incl(c[2])[0], ast.Claim.EXPLICIT
        bound = ast.Bound(number.value, inclusive, claim, number)
        return ast.Cond(bound if side == _LOWER else None, bound if side == _UPPER else None, _span(meta),
                        op=word)

    def equal(self, meta: Any, c: list[Any]) -> ast.Cond:
        number = c[1]
        bound = ast.Bound(number.value, True, ast.Claim.EXPLICIT, number)
        return ast.Cond(bound, bound, _span(meta), op="=")

    def suffix(self, meta: Any, c: list[Any]) -> ast.Cond:
        number = c[0]
        suffix = str(_tokens(c, "SUFFIX")[0])
        incl = _tokens(c, "INCL")
        claim = ast.Claim.EXPLICIT if incl else ast.Claim.CONVENTION
        inclusive = _incl(incl[0])[0] if incl else True  # 以上/以下 include the number; （不含） says not
        bound = ast.Bound(number.value, inclusive, claim, number)
        if "上" in suffix:
            return ast.Cond(bound, None, _span(meta), op="以上")
        return ast.Cond(None, bound, _span(meta), op="以下")

    def suffix_cmp(self, meta: Any, c: list[Any]) -> ast.Cond:
        return self.suffix(meta, c[1:])

    def range(self, meta: Any, c: list[Any]) -> ast.Cond:
        # Published ranges run either way: 80%（含）-90% and 100%-80%（含）; （含）follows the number it claims,
        # unless it names its own: "80%-90%（含80%）" claims 80%.
        numbers = [x for x in c if isinstance(x, ast.Number)]
        first, second = numbers
        if first.percent != second.percent:  # 0-10%: the bare end takes the other's percent
            if not first.percent:
                first = attrs.evolve(first, value=first.value / 100, percent=True)
            else:
                second = attrs.evolve(second, value=second.value / 100, percent=True)
        claims: dict[int, bool] = {}
        position = 0
        for x in c:
            if isinstance(x, ast.Number):
                position += 1
            elif _is_incl(x):
                inclusive, named = _incl(x)
                if named is not None:
                    target = 0 if named in (first.value, numbers[0].value) else 1
                    claims[target] = inclusive
                else:
                    claims[position - 1] = inclusive
        a = _bound(first, claims.get(0))
        b = _bound(second, claims.get(1))
        lo, hi = (a, b) if a.value <= b.value else (b, a)
        return ast.Cond(lo, hi, _span(meta), op="-")

    def point(self, meta: Any, c: list[Any]) -> ast.Cond:
        number = c[0]
        bound = ast.Bound(number.value, True, ast.Claim.EXPLICIT, number)
        return ast.Cond(bound, bound, _span(meta), op="point")

    def described(self, meta: Any, c: list[Any]) -> ast.Cond:
        word = str(c[0])
        side, inclusive, claim = _CMP.get(word, (_LOWER, True, ast.Claim.CONVENTION))
        return ast.Cond(None, None, _span(meta), described=c[1] if len(c) > 1 else "", op=word)

    # ── amounts ──
    def points(self, meta: Any, c: list[Any]) -> ast.Amount:
        number = _number(c[-1], _span(c[-1]))
        if number.value == 0:
            return ast.Zero(_span(meta))
        return ast.Points(number.value, _span(meta))

    def full(self, meta: Any, c: list[Any]) -> ast.Full:
        return ast.Full(_span(meta))

    def zero(self, meta: Any, c: list[Any]) -> ast.Zero:
        return ast.Zero(_span(meta))

    # ── clauses ──
    def award(self, meta: Any, c: list[Any]) -> ast.Award:
        subjects = [x for x in c if isinstance(x, str) and not isinstance(x, Token)]
        cond = next((x for x in c if isinstance(x, ast.Cond)), None)
        return ast.Award(subjects[0] if subjects else None, cond, c[-1], _span(meta))

    def condition(self, meta: Any, c: list[Any]) -> ast.Condition:
        subjects = [x for x in c if isinstance(x, str) and not isinstance(x, Token)]
        cond = next(x for x in c if isinstance(x, ast.Cond))
        return ast.Condition(subjects[0] if subjects else None, cond, _span(meta))

    def step_rate(self, meta: Any, c: list[Any]) -> ast.Step:
        word = next(x for x in c if isinstance(x, Token) and x.type in ("CMP", "BOTH"))
        if word.type == "BOTH":
            direction = ast.Direction.BOTH
        else:
            direction = ast.Direction.ABOVE if _CMP.get(str(word), (_LOWER,))[0] == _LOWER else ast.Direction.BELOW
        size = next(x for x in c if isinstance(x, ast.Number))
        score = _tokens(c, "SCORE")[-1]
        deduct = _number(score, _span(score)).value
        subject = "".join(_subjects(c)) or None
        mode = "proportional" if subject and "比例" in subject else None  # 每低于5%按比例扣2分
        return ast.Step(direction, size, deduct, subject, _span(meta), mode)

    def step_rule(self, meta: Any, c: list[Any]) -> ast.StepRule:
        return ast.StepRule("proportional" if "比例" in str(c[0]) else "started", _span(meta))

    def step_count(self, meta: Any, c: list[Any]) -> ast.Step:
        size: ast.Number | None = None
        for i, x in enumerate(c):
            if isinstance(x, Token) and x.type == "NUM":
                size = _number(x, _span(x))
                if i + 1 < len(c) and isinstance(c[i + 1], Token) and c[i + 1].type == "UNIT":
                    size = attrs.evolve(size, unit=str(c[i + 1]))
        deduct = _number(c[-1], _span(c[-1])).value
        return ast.Step(ast.Direction.COUNT, size, deduct, "".join(_subjects(c)) or None, _span(meta))

    def cap(self, meta: Any, c: list[Any]) -> ast.Cap:
        return ast.Cap(_number(c[-1], _span(c[-1])).value, _span(meta))

    def until_zero(self, meta: Any, c: list[Any]) -> ast.UntilZero:
        return ast.UntilZero(_span(meta))

    def compare_named(self, meta: Any, c: list[Any]) -> ast.Cond:
        # 达到绩效目标100%: the words between the comparator and the number name the target.
        return self.compare(meta, [c[0], *c[2:]])

    def between(self, meta: Any, c: list[Any]) -> ast.Cond:
        cmps = [i for i, x in enumerate(c) if isinstance(x, Token) and x.type == "CMP"]
        first = self.compare(meta, c[cmps[0] : cmps[0] + 3 if len(c) > cmps[0] + 2 and _is_incl(c[cmps[0] + 2]) else cmps[0] + 2])
        rest = [x for x in c[cmps[1] :]]
        second = self.compare(meta, rest)
        lower = first.lower or second.lower
        upper = first.upper or second.upper
        return ast.Cond(lower, upper, _span(meta), op="且")

    def around(self, meta: Any, c: list[Any]) -> ast.Cond:
        # 90%≤满意度<95%: the first comparator reads right to left (满意度 ≥ 90%), the second left to right.
        numbers = [x for x in c if isinstance(x, ast.Number)]
        cmps = _tokens(c, "CMP")
        first = self.compare(meta, [_flip(cmps[0]), numbers[0]])
        second = self.compare(meta, [cmps[1], numbers[1]])
        return ast.Cond(first.lower or second.lower, first.upper or second.upper, _span(meta), op="around")

    def award_paren(self, meta: Any, c: list[Any]) -> ast.Award:
        score = _tokens(c, "SCORE")[0]
        return ast.Award(_subjects(c)[0], None, ast.Points(_number(score, _span(score)).value, _span(score)), _span(meta))

    def penalty(self, meta: Any, c: list[Any]) -> ast.Penalty:
        low, high = next(x for x in c if isinstance(x, tuple))
        return ast.Penalty("".join(_subjects(c)) or None, low, high, _span(meta))

    def absent(self, meta: Any, c: list[Any]) -> ast.Absent:
        amount = next(x for x in c if isinstance(x, ast.Points | ast.Full | ast.Zero))
        return ast.Absent(amount, self.text[meta.start_pos : meta.end_pos], _span(meta))

    def grade_flat(self, meta: Any, c: list[Any]) -> ast.GradeBand:
        label = str(c[0]).rstrip("SsＳ").strip()
        for lead in ("分为", "划分为", "为"):
            if lead in label:
                label = label.rsplit(lead, 1)[1]
        return ast.GradeBand(self.compare(meta, [c[1], c[2]]), label, _span(meta))

    def subrule(self, meta: Any, c: list[Any]) -> ast.SubRule:
        return ast.SubRule(str(c[0]), _span(meta))

    def grade_note(self, meta: Any, c: list[Any]) -> ast.Note:
        return ast.Note(self.text[meta.start_pos : meta.end_pos], _span(meta))

    def bare_formula(self, meta: Any, c: list[Any]) -> ast.Formula:
        expr = ast.BinOp("/", c[0], c[2], _span(meta))
        if len(c) > 3:
            expr = ast.BinOp("*", expr, c[4], _span(meta))
        return ast.Formula(ast.FormulaKind.DERIVED, expr, None, None, _span(meta))

    def proportional(self, meta: Any, c: list[Any]) -> ast.Proportional:
        cond = next((x for x in c if isinstance(x, ast.Cond)), None)
        if cond is None and _tokens(c, "OTHERWISE"):
            cond = ast.Cond(None, None, _span(meta), described="", op="否则")
        return ast.Proportional(cond, _span(meta))

    def overspend(self, meta: Any, c: list[Any]) -> ast.Overspend:
        return ast.Overspend(next((x for x in c if isinstance(x, ast.Cond)), None), _span(meta))

    # ── formulas ──
    def score_formula(self, meta: Any, c: list[Any]) -> ast.Formula:
        expr = next(x for x in c if not isinstance(x, Token))
        return ast.Formula(ast.FormulaKind.SCORE, expr, None, None, _span(meta))

    def inline_formula(self, meta: Any, c: list[Any]) -> ast.Formula:
        cond = c[0] if isinstance(c[0], ast.Cond) else None
        expr = c[1] if cond is not None else c[0]
        return ast.Formula(ast.FormulaKind.INLINE, expr, cond, None, _span(meta))

    def derived_formula(self, meta: Any, c: list[Any]) -> ast.Formula:
        return ast.Formula(ast.FormulaKind.DERIVED, c[2], None, _var_name(str(c[0])), _span(meta))

    def number(self, meta: Any, c: list[Any]) -> ast.Num:
        n = _number(c[0], _span(c[0]))
        return ast.Num(n.value, n.span)

    def points_var(self, meta: Any, c: list[Any]) -> ast.PointsVar:
        return ast.PointsVar(_span(meta))

    def variable(self, meta: Any, c: list[Any]) -> ast.Var:
        return ast.Var(_var_name(self.text[meta.start_pos : meta.end_pos]), _span(meta))

    def _binop(self, op: str, meta: Any, c: list[Any]) -> ast.BinOp:
        return ast.BinOp(op, c[0], c[-1], _span(meta))

    def add(self, meta: Any, c: list[Any]) -> ast.BinOp:
        return self._binop("+", meta, c)

    def sub(self, meta: Any, c: list[Any]) -> ast.BinOp:
        return self._binop("-", meta, c)

    def mul(self, meta: Any, c: list[Any]) -> ast.BinOp:
        return self._binop("*", meta, c)

    def div(self, meta: Any, c: list[Any]) -> ast.BinOp:
        return self._binop("/", meta, c)

    def mul_points(self, meta: Any, c: list[Any]) -> ast.BinOp:
        return ast.BinOp("*", c[0], ast.PointsVar(_span(c[1])), _span(meta))

    def factor(self, meta: Any, c: list[Any]) -> Any:  # LPAR expr RPAR
        return c[1]

    # ── items ──
    def items(self, meta: Any, c: list[Any]) -> ast.Items:
        return ast.Items(tuple(c), _span(meta))

    def _label(self, c: list[Any]) -> str:
        return "".join(x for x in c if isinstance(x, str) and not isinstance(x, Token)).strip()

    def item_points(self, meta: Any, c: list[Any]) -> ast.Item:
        amount = next((x for x in c if isinstance(x, ast.Points | ast.Zero | ast.Full)), None)
        points: Decimal | None
        if amount is None:
            score = next(x for x in c if isinstance(x, Token) and x.type == "SCORE")
            points = _number(score, _span(score)).value
        elif isinstance(amount, ast.Points):
            points = amount.points
        elif isinstance(amount, ast.Zero):
            points = Decimal(0)
        else:
            points = None  # 满分: the whole 分值, known only when compiled
        return ast.Item(str(c[0]), self._label(c), points, None, None, _span(meta))

    def item_deduct(self, meta: Any, c: list[Any]) -> ast.Item:
        low, high = next(x for x in c if isinstance(x, tuple))
        return ast.Item(str(c[0]), self._label(c), None, low, high, _span(meta))

    def item_text(self, meta: Any, c: list[Any]) -> ast.Item:
        return ast.Item(str(c[0]), self._label(c), None, None, None, _span(meta))

    def deduction(self, meta: Any, c: list[Any]) -> tuple[Decimal, Decimal]:
        high = _number(c[-1], _span(c[-1])).value
        low = _number(c[0], _span(c[0])).value if len(c) > 1 else high
        return (low, high)

    # ── judgement ──
    def judgement(self, meta: Any, c: list[Any]) -> ast.Judgement:
        nums = [x for x in c if isinstance(x, Token) and x.type in ("NUM", "SCORE")]
        subject = next((x for x in c if isinstance(x, str) and not isinstance(x, Token)), None)
        low, high = (_number(t, _span(t)).value for t in nums[:2])
        return ast.Judgement(subject, low, high, _span(meta))

    def discretion(self, meta: Any, c: list[Any]) -> ast.Discretion:
        subject = next(iter(_subjects(c)), None)
        return ast.Discretion(subject, self.text[meta.start_pos : meta.end_pos], _span(meta),
                              otherwise=bool(_tokens(c, "OTHERWISE")))

    def tiers(self, meta: Any, c: list[Any]) -> ast.Tiers:
        subject = next((x for x in c if isinstance(x, str) and not isinstance(x, Token)), None)
        return ast.Tiers(subject, tuple(x for x in c if isinstance(x, ast.Tier)), _span(meta))

    def tier(self, meta: Any, c: list[Any]) -> ast.Tier:
        a, b = _number(c[0], _span(c[0])), _number(c[2], _span(c[2]))
        # （含） follows the second number: "100%-80%（含）" includes 80%; （不含） would exclude it.
        incl = _incl(c[3])[0] if len(c) > 3 else None
        first = ast.Bound(a.value, True, ast.Claim.NONE, a)
        second = _bound(b, incl)
        high, low = (first, second) if a.value >= b.value else (second, first)
        return ast.Tier(high, low, _span(meta))

    # ── the rest ──
    def reference(self, meta: Any, c: list[Any]) -> ast.Reference:
        return ast.Reference(c[1], _span(meta))

    def otherwise(self, meta: Any, c: list[Any]) -> ast.Otherwise:
        amount = next((x for x in c if isinstance(x, ast.Points | ast.Full | ast.Zero)), None)
        subject = next((x for x in c if isinstance(x, str) and not isinstance(x, Token)), None)
        return ast.Otherwise(amount, subject, _span(meta))

    def note(self, meta: Any, c: list[Any]) -> ast.Note:
        return ast.Note(self.text[meta.start_pos : meta.end_pos], _span(meta))

    # ── grades ──
    def grade_band(self, meta: Any, c: list[Any]) -> ast.GradeBand:
        return ast.GradeBand(c[0], str(c[1])[1:], _span(meta))

    def grade_upper_or_lower(self, meta: Any, c: list[Any]) -> ast.Cond:
        return self.compare(meta, [c[1], c[2]])

    def grade_between(self, meta: Any, c: list[Any]) -> ast.Cond:
        # 90>S≧80 and 80≤S<90: the first comparator reads right to left, the second left to right.
        first = self.compare(meta, [_flip(c[1]), c[0]])
        second = self.compare(meta, [c[3], c[4]])
        return ast.Cond(first.lower or second.lower, first.upper or second.upper, _span(meta), op="between")


def _is_incl(x: Any) -> bool:
    return isinstance(x, Token) and x.type == "INCL"


def _incl(tok: Token) -> tuple[bool, Decimal | None]:
    """（含）→ (True, None); （不含）→ (False, None); （含80%）→ (True, 0.8): whether, and which number."""
    text = str(tok)
    inclusive = "不" not in text
    m = _NUMERAL.search(text)
    if not m:
        return inclusive, None
    value = parse_number(m.group())
    return inclusive, value / 100 if "%" in text else value


def _bound(number: ast.Number, inclusive: bool | None) -> ast.Bound:
    """A range end: claimed explicitly when （含）/（不含） says so, unclaimed otherwise."""
    if inclusive is None:
        return ast.Bound(number.value, False, ast.Claim.NONE, number)
    return ast.Bound(number.value, inclusive, ast.Claim.EXPLICIT, number)


def _flip(tok: Token) -> Token:
    flipped = {">": "<", "<": ">", "≥": "≤", "≤": "≥"}.get(str(tok), str(tok))
    return Token(tok.type, flipped)


def _var_name(text: str) -> str:
    """The name of a formula input: 按实际满意率 → 实际满意率, “执行率” → 执行率, “三公经费”控制率 as is."""
    name = text.strip().strip("[]").strip()
    for left, right in (("“", "”"), ('"', '"'), ("'", "'")):
        # Quotes come off only when they enclose the whole name: “三公经费”控制率 keeps its own.
        if name.startswith(left) and name.endswith(right) and name[1:-1].count(left) == 0:
            name = name[1:-1]
    for prefix in ("按照", "按"):
        if name.startswith(prefix) and len(name) > len(prefix):
            name = name[len(prefix):]
    return name.strip()
