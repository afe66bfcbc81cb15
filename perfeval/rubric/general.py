"""A rubric's 总则: the rules for the whole table that no single indicator's 标准 carries.

Real rubrics state them once, in their 评分说明 or 总则 (DESIGN.md, "Not applicable"): "个别指标对本单位不适用的，
该指标不参与评分，总分按适用指标的得分之和与分值之和换算成百分制". A ``.rules`` file gives the sentence verbatim on a
``总则`` line; :func:`read_general` reads what it knows and refuses, at the sentence, any other sentence that
carries a scoring word — a rule for the total is never dropped as a note (the first rule).

What it knows:

* **re-normalisation** — indicators that do not apply (given as ``"不适用"``) leave the total, which becomes
  Σ points ÷ Σ 分值 of the indicators that apply × 满分.
* **a cap on the bonus** — "加分事项累计不超过5分": the points the indicators score above their 分值 (Score.bonus)
  count towards the total up to 5 together (``bonus_cap``); "减分事项不设上限" states that nothing caps the
  deductions (as without it); "考核计分采用百分制" states the 满分 100 (``scale``, checked against the rubric's
  满分); "另设加分事项和减分事项" declares them. A clause of such a sentence that is none of these is unread.

>>> g = read_general("不适用的指标不参与评分，总分按适用指标分值折算为百分制。本办法由财政局负责解释。")
>>> g.renormalise, g.notes
(True, ('本办法由财政局负责解释。',))
>>> read_general("考核计分采用百分制,另设加分事项和减分事项。其中,加分事项累计不超过5分,减分事项不设上限。").bonus_cap
Decimal('5')
"""

from __future__ import annotations

import re
from decimal import Decimal

import attrs

from ..errors import PerfevalError
from ..rules.vocabulary import DESCRIPTIVE, SCORING_PATTERN

__all__ = ["GeneralError", "GeneralRules", "NOT_APPLICABLE", "read_general"]

#: The value that marks an indicator as not applying to the unit scored (``rubric.score({"完成率": "不适用"})``).
NOT_APPLICABLE = "不适用"

#: 个别指标对本单位不适用的 · 不适用的指标不参与评分 · 如无此项业务: some indicators may be left out …
_LEFT_OUT = re.compile(r"不适用|不涉及|无此项|无该项|没有该项|未发生")
_NOT_SCORED = re.compile(r"不参与(?:评分|考核|评价|计分|打分)|不计分|不予评分|不纳入(?:评分|考核|计分)|不作为评分")
_SCALED = re.compile(r"(?:换算|折算|折合)(?:成|为)?(?:百分制|100分|满分)|按(?:适用|实际参评|参评)指标[^。；;]{0,30}?(?:换算|折算|折合)")
#: … each clause of the sentence one of these, and nothing else (不折算, 视同满分, 保留一位小数 are other rules):
_LEFT_OUT_CLAUSE = re.compile(r"^(?:如|若|对)?[^，,]{0,20}?(?:不适用|不涉及|无此项|无该项|没有该项|未发生)[^，,]{0,12}?"
                              r"(?:不参与(?:评分|考核|评价|计分|打分)|不计分|不予评分)?[。；;]?$")
_NOT_SCORED_CLAUSE = re.compile(r"^(?:该|此|本)?(?:指标|项|项目)?(?:不参与(?:评分|考核|评价|计分|打分)|不计分|不予评分"
                                r"|不纳入(?:评分|考核|计分))[。；;]?$")
_SCALED_CLAUSE = re.compile(r"^总分(?:按|以)(?:适用|实际参评|参评)指标(?:(?!不|无需|无须|视同)[^，,]){0,24}?(?:换算|折算|折合)(?:成|为)"
                            r"百分制[。；;]?$")
#: 加分事项累计不超过5分 · 加分累计最多5分 · 加分项合计以5分为限 (one clause of a sentence)
_BONUS_CAP_CLAUSE = re.compile(r"^(?:其中)?加分(?:事项|项目|项)?(?:累计|合计|总计|总分|总和)?(?:不超过|不得超过|最多|最高|上限为|以)"
                               r"\s*(?P<n>\d+(?:\.\d+)?)\s*分(?:为限)?[。；;]?$")
#: 减分事项不设上限 · 扣分不封顶: what the total already does (deductions come off without a cap)
_NO_DEDUCTION_CAP_CLAUSE = re.compile(r"^(?:其中)?(?:减分|扣分)(?:事项|项目|项)?(?:累计)?(?:不设上限|不封顶|上不封顶)[。；;]?$")
#: 考核计分采用百分制 · 实行百分制
_HUNDRED_CLAUSE = re.compile(r"^(?:考核|评价|年度考核)?(?:计分|评分)?(?:采用|实行|实施|按|采取)百分制(?:计分)?[。；;]?$")
#: 另设加分事项和减分事项 · 设置加分项与扣分项
_DECLARES_CLAUSE = re.compile(r"^(?:另设|另行设置|设置|设立|设)加分(?:事项|项目|项)(?:和|与|及|、)(?:减分|扣分)(?:事项|项目|项)[。；;]?$")
_NEGATION = re.compile(r"不(?:再|予|需|必)?(?:换算|折算|折合)|无需|无须|视同")
_SENTENCE = re.compile(r"[^。；;\n]+[。；;]?")


class GeneralError(PerfevalError):
    """A 总则 sentence that carries a scoring word perfeval does not read; ``offset`` is where it starts."""

    def __init__(self, sentence: str, offset: int) -> None:
        super().__init__("rubric_general_unread", text=sentence, sentence=sentence)
        self.sentence = sentence
        self.offset = offset


@attrs.frozen
class GeneralRules:
    """The 总则 as read: ``renormalise`` (see the module docstring) and the sentences that score nothing."""

    text: str
    renormalise: bool = False
    notes: tuple[str, ...] = ()
    #: 加分事项累计不超过5分: the most the indicators' bonus (Score.bonus) adds to the total together.
    bonus_cap: Decimal | None = None
    #: 考核计分采用百分制: the 满分 the 总则 states (the rubric's own 满分 must agree).
    scale: Decimal | None = None


def read_general(text: str) -> GeneralRules:
    """Read a 总则's sentences; a sentence with a scoring word that is not one of the rules above raises
    :class:`GeneralError` at it."""
    renormalise = False
    notes: list[str] = []
    bonus_cap: Decimal | None = None
    scale: Decimal | None = None
    for m in _SENTENCE.finditer(text):
        sentence = m.group().strip()
        if not sentence:
            continue
        adjusts = _adjustments(sentence)
        if adjusts is not None:
            cap, hundred = adjusts
            bonus_cap = cap if cap is not None else bonus_cap
            scale = Decimal(100) if hundred else scale
        elif _renormalises(sentence):
            renormalise = True
        elif SCORING_PATTERN.search(DESCRIPTIVE.sub("", sentence)) or _NOT_SCORED.search(sentence) or \
                _SCALED.search(sentence) or "分制" in sentence:  # 采用千分制: a scale perfeval does not read
            raise GeneralError(sentence, m.start() + (len(m.group()) - len(m.group().lstrip())))
        else:
            notes.append(sentence)
    return GeneralRules(text, renormalise, tuple(notes), bonus_cap, scale)


def _adjustments(sentence: str) -> tuple[Decimal | None, bool] | None:
    """考核计分采用百分制,另设加分事项和减分事项 · 其中,加分事项累计不超过5分,减分事项不设上限: the bonus cap and
    whether 百分制 is said, when every clause is one of the clauses above (a lone 其中 joins them); else None."""
    cap: Decimal | None = None
    hundred = said = False
    for c in (c.strip() for c in re.split(r"[，,]", sentence)):
        if not c or c in ("其中", "同时"):
            continue
        m = _BONUS_CAP_CLAUSE.match(c)
        if m is not None:
            cap = Decimal(m.group("n"))
        elif _HUNDRED_CLAUSE.match(c):
            hundred = True
        elif not (_NO_DEDUCTION_CAP_CLAUSE.match(c) or _DECLARES_CLAUSE.match(c)):
            return None
        said = True
    return (cap, hundred) if said else None


def _renormalises(sentence: str) -> bool:
    """个别指标对本单位不适用的，该指标不参与评分，总分按适用指标的得分之和与分值之和换算成百分制: every clause
    either leaves indicators out or scales the total to 百分制 over those that apply, and both are said."""
    if _NEGATION.search(sentence):
        return False
    clauses = [c.strip() for c in re.split(r"[，,]", sentence) if c.strip()]
    kinds = []
    for c in clauses:
        if _SCALED_CLAUSE.match(c):
            kinds.append("scaled")
        elif _LEFT_OUT_CLAUSE.match(c) or _NOT_SCORED_CLAUSE.match(c):
            kinds.append("out")
        else:
            return False  # 折算后总分保留一位小数 · 不适用指标超过5分的不予评价: a rule perfeval does not read
    return "scaled" in kinds and "out" in kinds
