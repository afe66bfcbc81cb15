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

#: 不适用的指标不参与评分 · 不涉及的指标不计分 · 无此项业务的不参与考核: some indicators may be left out …
_LEFT_OUT = re.compile(r"不适用|不涉及|无此项|无该项|没有该项|未发生")
_NOT_SCORED = re.compile(r"不参与(?:评分|考核|评价|计分|打分)|不计分|不予评分|不纳入(?:评分|考核|计分)|不作为评分")
#: … and the total is scaled back to the full marks over those that apply: 换算成百分制 · 折算为百分制
_SCALED = re.compile(r"(?:换算|折算|折合)(?:成|为)?(?:百分制|100分|满分)|按(?:适用|实际参评|参评)指标[^。；;]{0,30}?(?:换算|折算|折合)")
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
        if _LEFT_OUT.search(sentence) and _NOT_SCORED.search(sentence) and _SCALED.search(sentence):
            renormalise = True
        elif SCORING_PATTERN.search(DESCRIPTIVE.sub("", sentence)) or _NOT_SCORED.search(sentence) or \
                _SCALED.search(sentence):
            raise GeneralError(sentence, m.start() + (len(m.group()) - len(m.group().lstrip())))
        else:
            notes.append(sentence)
    return GeneralRules(text, renormalise, tuple(notes))
