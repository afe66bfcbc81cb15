"""A rubric's 总则: the rules for the whole table that no single indicator's 标准 carries.

Real rubrics state them once, in their 评分说明 or 总则 (DESIGN.md, "Not applicable"): "个别指标对本单位不适用的，
该指标不参与评分，总分按适用指标的得分之和与分值之和换算成百分制". A ``.rules`` file gives the sentence verbatim on a
``总则`` line; :func:`read_general` reads what it knows and refuses, at the sentence, any other sentence that
carries a scoring word — a rule for the total is never dropped as a note (the first rule).

What it knows:

* **re-normalisation** — indicators that do not apply (given as ``"不适用"``) leave the total, which becomes
  Σ points ÷ Σ 分值 of the indicators that apply × 满分.

>>> g = read_general("不适用的指标不参与评分，总分按适用指标分值折算为百分制。本办法由财政局负责解释。")
>>> g.renormalise, g.notes
(True, ('本办法由财政局负责解释。',))
"""

from __future__ import annotations

import re

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


def read_general(text: str) -> GeneralRules:
    """Read a 总则's sentences; a sentence with a scoring word that is not one of the rules above raises
    :class:`GeneralError` at it."""
    renormalise = False
    notes: list[str] = []
    for m in _SENTENCE.finditer(text):
        sentence = m.group().strip()
        if not sentence:
            continue
        if _renormalises(sentence):
            renormalise = True
        elif SCORING_PATTERN.search(DESCRIPTIVE.sub("", sentence)) or _NOT_SCORED.search(sentence) or \
                _SCALED.search(sentence):
            raise GeneralError(sentence, m.start() + (len(m.group()) - len(m.group().lstrip())))
        else:
            notes.append(sentence)
    return GeneralRules(text, renormalise, tuple(notes))


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
