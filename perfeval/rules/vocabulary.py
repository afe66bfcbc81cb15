"""The one vocabulary of the rules language: every token, comparator, step word, reference word and unit.

Everything that needs to know a word of the language reads it here: the lexer builds its patterns from
:data:`TOKENS`, the grammar's ``%declare`` line must list exactly their names, error messages say what a
token is with :attr:`TokenKind.zh` / :attr:`TokenKind.en`, ``perfeval fmt`` writes
:attr:`TokenKind.canonical`, :mod:`perfeval.testing` builds sentences from :attr:`TokenKind.sample`, the
meaning stage reads :data:`COMPARATORS`, :data:`SUFFIXES` and :data:`STEP_WORDS`, and
:mod:`perfeval.quantities` reads the comparator words of a target (≥ 95%, 不低于95%).
``tests/rules/test_vocabulary.py`` fails when any of them disagrees with these tables.

>>> COMPARATORS["不少于"].side, COMPARATORS["不少于"].inclusive
('lower', True)
>>> TOKEN_KINDS["PCT"].en
'a percentage such as 95% or 一个百分点'
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from enum import Enum

import attrs

from .input_names import COMPLETE_WORDS, INPUT_NAMES, MISSING_SHARE_PARTS, POINT_INPUTS

__all__ = [
    "CLAIM_ORDER",
    "COMPARATORS",
    "COMPLETE_WORDS",
    "COUNT_NOUNS",
    "Claim",
    "INPUT_NAMES",
    "MISSING_SHARE_PARTS",
    "LATE_WORDS",
    "Comparator",
    "MEASURE_UNITS",
    "EXAMPLE_WORDS",
    "FALL_NOUNS",
    "HALF_SUBRULE",
    "NON_POINT_OUTCOME",
    "POINT_INPUTS",
    "NOT_APPLICABLE_PATTERN",
    "HIGHER_BETTER_MARKS",
    "RATIO_REFERENCE",
    "REFERENCE_WORDS",
    "SCORING_WORDS",
    "STEP_WORDS",
    "SUFFIXES",
    "Suffix",
    "TOKENS",
    "TOKEN_KINDS",
    "TokenKind",
    "alternation",
]


class StepMode(Enum):
    """How a distance is counted in steps (DESIGN.md, "Steps")."""

    WHOLE = "whole"                # 每低于5%扣2分: only whole steps count (the default)
    STARTED = "started"            # 不足…按…计: a started step counts as a whole one
    PROPORTIONAL = "proportional"  # 按比例: continuous


class Claim(Enum):
    """How strongly a bound says whether its edge belongs to it (DESIGN.md, "Band edges")."""

    EXPLICIT = 2    # （含）, ≥, ≤, =, 大于等于, 不低于: the words say so
    CONVENTION = 1  # 以上/以下/以内 include, 超过/低于/大于/小于 exclude (民法典 第1259条)
    NONE = 0        # nothing said: decided by 上限不在内


#: Claims from strongest to weakest.
CLAIM_ORDER = (Claim.EXPLICIT, Claim.CONVENTION, Claim.NONE)


@attrs.frozen
class Comparator:
    """A word that compares the value with a number written after it: 不低于 95% → value ≥ 95%.

    ``side`` is ``"lower"`` when the number bounds the value from below (≥, >, 以上), ``"upper"`` when from
    above, ``"equal"`` for =; ``inclusive`` whether the number itself satisfies it; ``claim`` how strongly.
    ``canonical`` is the symbol it means.
    """

    word: str
    side: str
    inclusive: bool
    claim: Claim

    @property
    def canonical(self) -> str:
        """The mathematical symbol of the comparison (≥ > ≤ < =)."""
        if self.side == "equal":
            return "="
        if self.side == "lower":
            return "≥" if self.inclusive else ">"
        return "≤" if self.inclusive else "<"


def _cmps(side: str, inclusive: bool, claim: Claim, words: str) -> dict[str, Comparator]:
    return {w: Comparator(w, side, inclusive, claim) for w in words.split()}


_E, _C = Claim.EXPLICIT, Claim.CONVENTION

#: Comparators written before their number. 以上/不低于/不少于 include the number (DESIGN.md: a real table
#: gave full marks at exactly 50% under 不低于50%); 超过/低于/不足 exclude it.
COMPARATORS: dict[str, Comparator] = {
    **_cmps("lower", True, _E, "≥ >= 大于等于 大于或等于 不低于 不少于 不小于 达到或超过 达到或高于 高于或等于 超过或等于 不低 至少"),
    **_cmps("lower", True, _C, "达到 到达 达"),
    **_cmps("lower", False, _E, ">"),
    **_cmps("lower", False, _C, "大于 超过 超出 高于 多于 高出 超"),
    **_cmps("equal", True, _E, "为"),
    **_cmps("upper", True, _E, "≤ <= 小于等于 小于或等于 低于或等于 不高于 不超过 不大于 不多于 未超过 未超出 不超出 至多"),
    **_cmps("upper", False, _E, "<"),
    **_cmps("upper", False, _C, "小于 低于 不足 不到 少于 未达到 未达 不满 未满 未完成"),
    **_cmps("equal", True, _E, "= 等于"),
}

#: Comparator words that compare only when a number follows them (达90%, 超5%, 为0): elsewhere they are
#: ordinary words (下达, 超额, 为标准).
NEEDS_NUMBER: frozenset[str] = frozenset({"达", "超", "为"})
#: Comparators written as symbols: ``=`` is its own token (EQ), the others are CMP tokens.
_SYMBOLS: frozenset[str] = frozenset({"="})


@attrs.frozen
class Suffix:
    """A word written after its number: 90%以上, 60%以下, ±8%以内, ±16%以外, 9名以后.

    ``side``: ``"lower"`` (以上), ``"upper"`` (以下, 以内), ``"outside"`` (以外: beyond the number) or
    ``"between"`` (之间: closes a range).
    """

    word: str
    side: str
    inclusive: bool
    claim: Claim


def _sufs(side: str, inclusive: bool, claim: Claim, words: str) -> dict[str, Suffix]:
    return {w: Suffix(w, side, inclusive, claim) for w in words.split()}


SUFFIXES: dict[str, Suffix] = {
    **_sufs("lower", True, _E, "及以上 及其以上"),
    **_sufs("lower", True, _C, "以上 以后 之后 及以后"),
    **_sufs("upper", True, _E, "及以下 及其以下"),
    **_sufs("upper", True, _C, "以下 以内 之内 内"),
    **_sufs("outside", False, _C, "以外 之外"),
    **_sufs("between", True, Claim.NONE, "之间 区间"),
}

def _either_way(up: str, down: str) -> list[str]:
    """超过或降低, 低于或者超过, 超过(降低): a word for each side, either first, joined by 或/或者 or bracketed."""
    pairs = [(a, b) for a in up.split() for b in down.split()]
    pairs += [(b, a) for a, b in pairs]
    return [w for a, b in pairs for w in (f"{a}或{b}", f"{a}或者{b}", f"{a}({b})", f"{a}、{b}", f"{a}/{b}")]  # ASCII ( /


#: Words after 每 that say which way a step counts from its reference: 每低于5% (below), 每超过1个百分点
#: (above), 每相差2% (either way). "每差" is a shortfall, "每相差" a distance either way.
STEP_WORDS: dict[str, str] = {
    **{w: "below" for w in "低于 降低 下降 减少 低 降 少 缺 不足 未达到 下浮".split()},
    # 每差2微克/立方米: a difference, on the side of the condition before it (below when there is none)
    "差": "diff",
    **{w: "above" for w in "超过 超出 高于 高出 超 高 增加 增长 多 提高 上升 上浮 延迟 推迟 逾期 拖延 延误 延期 超期 延后 迟报 晚报"
                          " 完成 完成任务".split()},
    **{w: "both" for w in "相差 偏离 偏差 浮动 上下浮动".split()},
    # 每超过或降低5% · 每低于或超过5% · 每超出(低于)1个百分点: one word for each side, joined
    **{joined: "both" for joined in _either_way("超过 超出 高于 高出 增加 上升 提高", "低于 降低 不足 减少 下降")},
}

#: Nouns that name how far a value fell (降幅超过20%的不得分): beside steps that fall, a fall from their reference.
FALL_NOUNS: frozenset[str] = frozenset("降幅 降低幅度 下降幅度 减幅 减少幅度".split())

#: Step words that count time late (每推迟一个工作日, 每逾期一天, 每拖延半个月): the steps count from zero.
LATE_WORDS: frozenset[str] = frozenset("延迟 推迟 逾期 拖延 延误 延期 超期 延后 迟报 晚报".split())

#: Words that name the value a standard compares with, and the input that gives it: 高于年度控制值的 →
#: ``目标值``. Longest first when matched.
REFERENCE_WORDS: dict[str, str] = {
    **{w: "目标值" for w in ("目标值 年度目标值 年度目标 考核目标 进度目标 目标数 目标 任务数 下达任务 任务 计划数 计划 "
                             "控制值 控制标准 控制指标 标准值 预算标准 标准 额度 下达额度 预算 指标值").split()},
    **{w: "上年值" for w in "上年值 上年度 上一年 上年 去年".split()},
    **{w: "平均值" for w in "平均值 平均年龄 平均水平 平均比重 平均数 平均".split()},
}

#: A reference written as the ratio of two named counts (family ``ratio_reference``): 业务科室数占全部内设科室数的
#: 比例 · 在编人数与编制数之比 · 业务科室数/内设科室数. ``a`` names the numerator, ``b`` the denominator.
RATIO_REFERENCE: tuple[str, ...] = (
    r"^(?P<a>[^,;。，；/÷占与和]{2,20}?)占(?P<b>[^,;。，；/÷占与和]{2,20}?)的?(?:比例|比重|比率|比值)的?$",
    r"^(?P<a>[^,;。，；/÷占与和]{2,20}?)(?:与|和)(?P<b>[^,;。，；/÷占与和]{2,20}?)(?:之比|的比值|的比例|的比率)的?$",
    r"^(?P<a>[^,;。，；/÷占与和]{2,20}?)[/÷](?P<b>[^,;。，；/÷占与和]{2,20}?)的?$",
)

#: Count nouns that may follow a number (每发现一处, 1项扣1.2分, 扣0.3分/台次) or stand after 每 alone (每件).
COUNT_NOUNS: tuple[str, ...] = tuple(
    "人次 台次 户次 批次 个村 个乡镇 个单位 个项目 个网格 个部门 个 项 处 次 例 件 条 份 户 家 篇 本 宗 起 批 人 台 片 块 单 "
    "种 所 座 张 辆 间 名 位 套 期 道 类 轮 页 卷 册 盒".split())

#: Measure and time units that may follow a number in a standard: 2天, 半个月, 2微克/立方米, 50万元.
MEASURE_UNITS: tuple[str, ...] = tuple(
    ("个工作日 工作日 个月 半个月 月 天 日 周 小时 年 岁 万元 亿元 千元 元 万亩 亩 公顷 万吨 吨 万立方米 立方米 "
     "平方米 平方公里 公里 千米 米 微克/立方米 毫克/立方米 毫克/升 微克/升 个千分点 千分点 个比点 比点").split())

#: Names of policies and campaigns written with numerals (中央八项规定, 三会一课, 两学一做): names, not counts.
NUMBERED_NAMES: tuple[str, ...] = tuple(
    "八项规定 四风 三会一课 三重一大 十不准 两学一做 四个意识 四个自信 两个维护 两个确立 五个一 三严三实 "
    "一岗双责 六稳 六保 三公经费 两不愁三保障 三保".split())

#: Marks that a standard's indicator is lower-is-better (“≤”型指标, 成本类指标(≤)): meeting its target is
#: being at or below it.
#: Rates that cannot exceed 100% (a share of people, items or cases): a table of theirs may stop at 100%.
#: A 完成率 or 执行率 can exceed it, so a table of theirs that stops at 100% leaves values without a band.
BOUNDED_RATE_WORDS: tuple[str, ...] = ("满意", "合格率", "达标率", "覆盖率", "知晓率", "准确率", "正确率", "参与率",
                                       "普及率", "及时率", "完好率", "优良率", "通过率", "办结率", "结案率", "整改率",
                                       "公开率", "占比", "比重", "知晓度", "认可度")
LOWER_BETTER_MARKS: tuple[str, ...] = ("“≤”", "(≤)", "（≤）", "≤型", "成本类", "逆向指标", "反向指标", "负向指标", "越低越好",
                                       "越小越好", "越少越好")
#: Marks that an indicator is higher-is-better (正向指标, “≥”型): beside a lower-is-better mark in one standard
#: (正向指标按B/A，反向指标按A/B), neither decides — the target's comparator does.
HIGHER_BETTER_MARKS: tuple[str, ...] = ("“≥”", "(≥)", "（≥）", "≥型", "正向指标", "越高越好", "越大越好", "越多越好")

#: Measures that are usually lower-is-better (PM10, 能耗, 事故率) but not always (溶解氧浓度 is higher-is-
#: better): where only "reaching" words (未达到目标值, 每差1微克) give the direction, it is not said.
DIRECTION_UNCLEAR_MEASURES: tuple[str, ...] = tuple(
    "PM2.5 PM10 颗粒物 浓度 微克/立方米 毫克/立方米 毫克/升 微克/升 排放量 排放强度 能耗 二氧化硫 氮氧化物 "
    "事故率 发生率 死亡率 投诉率 差错率 空置率 失业率 超标率 发病率 返贫率".split())

#: Comparators that say only that a target is (not) reached (未达到目标值, 完成): the indicator decides
#: which side of the target that is.
#: Words that open a worked example of a rule (即完成90%计7.5分 · 如发现3处扣1.5分), longest first
EXAMPLE_WORDS: tuple[str, ...] = ("例如", "比如", "譬如", "即", "如")

#: 没有该项任务的 · 未发生相关业务的 · 无此类项目的: nothing to score (not applicable), not a case that did not happen
NOT_APPLICABLE_PATTERN = re.compile(
    r"(?:没有|无|未发生|未涉及|不涉及|未开展|当年无|本年度无)(?:该项|此项|本项|该类|此类|相关|这类)?[^,;。]{0,8}?"
    r"(?:任务|项目|业务|工作|事项)(?:的)?$")

REACHING_WORDS: frozenset[str] = frozenset("达到 未达到 未达 达不到 完成 未完成 没有完成 没有达到 实现 未实现".split())

#: Words that only appear where points are scored: a clause carrying one of them must be understood,
#: never kept as a description (DESIGN.md, "No silent misreading").
#: Words that only appear where points are scored: a statement carrying one must be understood, never
#: kept as a description (DESIGN.md, "No silent misreading"). Matched after :data:`DESCRIPTIVE` is removed.
SCORING_PATTERN = re.compile(
    r"扣(?![款缴押留])|罚(?![款没])|减(?:\s*[\d一二两三四五六七八九十半]|分|半|计|去|扣|相应)|酌[减加扣给]|"
    # 可酌情减免 · 免予扣分 · 恢复一半分值 · 因上级资金未到位的除外: a waiver or an exception changes the score
    r"酌情|减免|免扣|免[予于]|恢复[^,;。，；]{0,6}?分|除外|"
    r"加(?:\s*[\d一二两三四五六七八九十半]|分|计|记|倍)|奖励?\s*[\d一二两三四五六七八九十半]|"
    r"记分|计分|得分|给分|赋分|满分|不得分|零分|(?:得|计|给)(?:本项|该项|各项|本|该)?(?:基本分|分值|满分值|权重分)|比例|线性|插值|折算|倒扣|否决|系数|计入(?:总分|考核|得分|成绩)|分值计入|计入[^,;。，；]{0,12}?指标|"
    r"\d\s*分(?![值数为别析配类钟之])")
#: A case given an outcome other than points (首次发现的给予提醒 · 情节轻微的予以通报): beside a scoring rule it may
#: mean the case deducts nothing, or deducts as well — never a description.
NON_POINT_OUTCOME = re.compile(r"的[,，]?\s*(?:可)?(?:给予|予以|进行|先行)?(?:口头)?(?:提醒|通报批评|通报|约谈|警告|告诫|"
                               r"批评教育|责令整改|限期整改|督办)")
#: Names of things that contain scoring words but score nothing themselves (评分标准, 加分项, 得分率 …), and a
#: method's name with what it is for (直接赋分：主要适用于…判断的单一评判指标).
DESCRIPTIVE = re.compile(r"计分细则|评分标准|评分办法|计分办法|得分率|考核计分|扣分项|加分项|加分事项|减分事项|扣分制|计分方式|"
                         r"逐项计分|百分制|分别计分|综合得分|总得分|得分由高到低|按得分|"
                         r"^[\u4e00-\u9fff]{0,10}赋分(?=[:：,，\s]*(?:(?:主要)?适用|同时)|[。.]?$)|(?:主要)?适用于.*")

#: Leads of a list of points to weigh without points per item (评价要点: ①…②…): the assessor scores the
#: whole indicator within 0..分值 (reading PE162).
ASSESSED_LEADS: tuple[str, ...] = ("评价要点", "考核要点", "评分要点", "评价内容", "考核内容", "评价重点", "考评要点")

#: A deduction verb the grammar did not read, right before points that would then be read as earned: 扣掉1分,
#: 扣总分1分, 扣项4分, 扣O.5分 (a letter O), 扣1，5分, 扣分值的10%, 降低1分, 少得1分, 减记1分, and a doubled verb
#: (的得得分). Matched against the text between a clause's start and its points (the end of it).
UNREAD_DEDUCTION = re.compile(
    r"(?:(?<!处)扣(?![款缴押留至到])|(?<!处)罚(?![款没])|减(?![排贫负灾免税费至到])|降(?![耗本费至到])|少得|少计)"
    r"(?:[^的,，;；。\n]{0,3}$|[^的,，;；。\n]{0,2}\d+\s*[，,]\s*$)")
#: 各得2分 · 各扣2分 · 均得1分 · 各开展一次: "each" of a list of subjects (建立和开发的各得2分, 年初、年中、年末各开展
#: 一次检查) — the points or the requirement multiply over subjects the grammar does not count.
EACH = re.compile(r"(?:各|均)\s*(?:得|计|记|扣|加|给|赋)|各\s*(?:开展|召开|组织|进行|完成|报送|检查|培训)?\s*"
                  r"(?:\d|[一二两三四五六七八九十])")
#: A list of subjects: 、 · 和 · 及 · 与 · 或 · clauses before it (领导机构不健全,分管领导不明确,各扣2分).
SUBJECT_LIST = re.compile(r"、|和|及|与|或|[,，；;]\s*\S")
#: 按执法单位最高分得分 · 按考核组评分得分: the score taken from something named, before a bare 得分 (which
#: would otherwise read as full marks).
NAMED_SCORE = re.compile(r"(?:按|以|取|参照)[^,，;；。\n]{0,16}分\s*$")
#: 至少扣1分 · 不少于1分: the amount is a minimum — how much more is the assessor's, and not said.
AT_LEAST = re.compile(r"(?:至少|最少|起码|不少于|不低于)\s*$")
#: 少得1分 · 少计1分 · 的得得分: a verb the grammar did not read before the points' own 得/计.
DOUBLED_VERB = re.compile(r"(?:得|计|记|少)$")

SCORING_WORDS: tuple[str, ...] = ("分", "扣", "得", "计", "加", "比例", "线性", "插值", "折算", "倒扣", "否决",
                                  "取消", "满分", "赋", "记", "减")


def alternation(words: Iterable[str]) -> str:
    """A regex alternation of ``words``, longest first (so 大于等于 is tried before 大于), escaped."""
    return "|".join(re.escape(w) for w in sorted(set(words), key=lambda w: (-len(w), w)))


@attrs.frozen
class TokenKind:
    """One kind of token: its name, regex, what it is called in messages, how fmt writes it, a sample.

    ``pattern`` is matched on normalised text (ASCII punctuation, simplified characters, no spaces
    inside words). ``after`` restricts where it may start: the token kinds that may come right before it
    (None: anywhere); elsewhere the same characters are description. ``family`` names the phrase family
    that owns it ("core" for the shared ones); the registry test checks that every family's tokens exist.
    """

    name: str
    pattern: str
    zh: str
    en: str
    sample: str
    canonical: str | None = None
    after: frozenset[str] | None = None
    family: str = "core"



_D = r"(?:\d+(?:,\d{3})*(?:\.\d+)?|\.\d+)"
_CN_DIGIT = "零〇一二两三四五六七八九半"
_CN = _CN_DIGIT + "十百千"
# A Chinese numeral needs a digit character: 十分 (very) and 百分制 are words, 二十分 is a number.
# Split at the first digit character, with possessive runs: a run of numerals is read one way only, so a
# long run ("一"*1000) costs linear time instead of trying every split (catastrophic backtracking).
_CNUM = rf"(?:[十百千]*+[{_CN_DIGIT}][{_CN}]*+(?:点[零〇一二三四五六七八九]+)?|十[{_CN_DIGIT}]?)"
#: A number as written: Arabic digits, or Chinese numerals.
NUMBER = rf"(?:{_D}|{_CNUM})"
_UNIT = alternation(COUNT_NOUNS + MEASURE_UNITS)
_NUMERIC = frozenset({"NUM", "PCT", "SCORE", "QTY", "INCL", "RPAR", "SCORE_RANGE"})
# The verb after 按N分 that makes it a deduction (每位次按0.25分递减); a bare 扣 only at a clause's end.
_DEDUCT_TAIL = r"递减|递扣|扣减|扣除|减少|扣(?=$|[,;。\n])"
_DESCR = r"[^,;。:!?()\[\]\n]"
_SCORE_AHEAD = rf"\s*(?:{NUMBER}\s*(?:[-—~]+\s*{NUMBER}\s*)?分|{NUMBER}(?:\s*、\s*{NUMBER})+\s*分|满分|全分)"
_CMP_WORDS = [w for w in COMPARATORS if w not in _SYMBOLS and w not in NEEDS_NUMBER]
# 实际达到的效果: an attainment word before 的 and a noun names a thing, it compares nothing (but 超过的按…计分,
# 超过的部分 still compare, and 未完成的扣1.5分 is a missed requirement: the negated words keep their 的).
_NEGATED_CMP = [w for w in _CMP_WORDS if w[0] in "未不没"]
# 未完成1次扣1分 · 未落实1项扣2分: one case of failing (a count), not "fewer than one"
_ONE_CASE = r"(?!\s*(?:1|一)\s*(?:次|项|件|个|条|例|处|起|批)\s*(?:的)?\s*[,，]?\s*(?:扣|减|罚))"
_CMP_PATTERN = ("(?:" + alternation(_NEGATED_CMP) + ")" + _ONE_CASE
                + "|(?:" + alternation([w for w in _CMP_WORDS if w not in _NEGATED_CMP])
                + rf")(?!的(?!\s*{_D}|\s*[按以计得扣给不部,;。]))" + "|" + "|".join(rf"{w}(?=\s*(?:{_D}|[±]))" for w in sorted(NEEDS_NUMBER)))

#: Every token, in the order the lexer tries them at a position (longer and more specific first).
TOKENS: tuple[TokenKind, ...] = (
    # ── modes, caps and whole-item words: long phrases first, they contain shorter tokens ──
    TokenKind("ROUND_UP", rf"(?:不足|不满|未满|未达)(?:一个|一|1)?(?:个)?{_DESCR}{{0,8}}?的?(?:部分)?(?:的)?按(?:照)?(?![^,;。，；]{{0,8}}?比例)"
              rf"(?:一个|一|1)?{_DESCR}{{0,8}}?(?:计算|计扣|计|扣|算)",
              "不足一步按一步计", "a started step counted in full (不足一个百分点的按一个百分点计算)",
              "不足一个百分点的按一个百分点计算", family="steps"),
    TokenKind("PRO_RATA_STEP", r"不足(?!\s*\d+(?:\.\d+)?\s*%\s*的?\s*按比例(?:计分|得分))(?:一步|[^,;。:\n]{0,10}?)(?:的部分|的)?(?:按|的按)比例(?:扣分|扣减|扣除|计算|计)?",
              "不足一步按比例", "a part of a step deducted pro rata", "不足一步的按比例扣分", family="steps"),
    TokenKind("CAP_UNTIL", rf"(?:扣满|扣完)(?={_DESCR}{{0,16}}?{NUMBER}\s*分\s*(?:为止|即止|止|后))"
              rf"|直至扣(?:除|减)?(?={_DESCR}{{0,16}}?{NUMBER}\s*分)",
              "扣满…分为止", "扣满N分为止 (a cap on deductions)", "扣满", family="caps"),
    TokenKind("UNTIL_ZERO", r"(?:分值|分数|本项分值|该项分值)?(?:扣完(?:为止|即止|止|本项分值为止|该项分值为止|本项分为止|"
              r"该项分为止|本项分值|该项分值)|(?:扣至|扣到|扣减至|扣减到|扣除至|扣除到|减至|减到)\s*(?:0|零)\s*分(?:为止|即止|止)?"
              r"|(?:直至|直到)扣完(?:为止|即止|止)?|扣完)",
              "扣完为止", "扣完为止 (deductions stop at zero)", "扣完为止", canonical="扣完为止"),
    TokenKind("UNTIL_END", r"(?<=分)(?:为止|即止|止|为限)", "为止", "为止", "为止", family="caps"),
    TokenKind("NEG_CAP", r"(?:总|累计|合计)?倒扣(?:分值|分数|分)?(?:合计|总分)?(?:不超过|最多|最高|上限为?)"
              r"|(?:最多|最高|至多)(?:可)?倒扣|倒扣(?:分)?以(?=\s*" + NUMBER + r"\s*分\s*为限)",
              "倒扣不超过", "倒扣不超过N分 (how far below zero)", "倒扣不超过", family="signs"),
    TokenKind("CAP", r"(?:此项|本项|该项)?(?:累计|合计|总)?(?:最多|最高|至多|最多只)(?:扣除|扣减|扣|罚)(?:分)?"
              r"|(?:累计|合计|总)?扣分(?:总额)?(?:不得超过|不超过|最多|最高|上限为|上限|封顶为|封顶)"
              rf"|(?:累计|合计|总)?扣分(?:总额)?以(?=\s*{NUMBER}\s*分\s*为限)",
              "最多扣", "最多扣N分 (a cap on deductions)", "最多扣", canonical="最多扣", family="caps"),
    TokenKind("CAP_AT_POINTS", r"(?:扣分|扣减)(?:总额|总数)?以(?:本|该)?(?:项|指标)?(?:指标)?(?:权重|分值)为限",
              "扣分以分值为限", "deductions no more than the 分值 (扣分以本指标权重为限)", "扣分以分值为限", family="caps"),
    TokenKind("GAIN_CAP", r"(?:累计|合计)?加分(?:最高不超过|最多不超过|不得超过|不超过|最多|最高|上限为|上限)"
              r"|(?:此项|本项|该项)?(?:累计|合计)?(?:最多|最高|至多)(?:可得|加分|加|得|计)(?:分)?(?!满分)"
              r"|(?:奖励分|奖分|奖励)(?:最高不超过|最多不超过|不得超过|不超过|最多|最高)"
              r"|加分(?:累计|合计|总计|总分)(?:最高不超过|最多不超过|不得超过|不超过|最多|最高)"
              # 加分事项累计不超过5分: what the bonus items add together
              r"|加分(?:事项|项目)(?:累计|合计|总计)?(?:最高不超过|最多不超过|不得超过|不超过|最多|最高)"
              # 以1.5分为限 · 加满2分为止 / 得满4分为止 (what is added) · 加至10分为止 (the item's points)
              rf"|(?:本项|该项)?(?:加分|奖励分|奖分)?以(?=\s*{NUMBER}\s*分\s*为限)|(?:加满|得满|计满|记满)(?=\s*{NUMBER}\s*分\s*为止)"
              rf"|加至(?=\s*{NUMBER}\s*分\s*为止)"
              r"|最高(?:得分为|分为|不超过(?!\s*满分)|计)|(?:此项|本项|该项)最高(?:计|为)"
              rf"|(?<=[,;，；])最高(?=\s*{NUMBER}\s*分\s*(?:[,;。]|$))"  # …，最高10分: a cap after the rule
              rf"|(?:累计|合计)?(?:加分|奖分|得分)?封顶(?:为)?(?=\s*{NUMBER}\s*分)",  # (封顶1分)
              "最多加", "最多加N分 / 最高不超过N分 (a cap on points earned)", "最多加", canonical="最多加",
              family="caps"),
    TokenKind("FULL_CAP", r"(?:以得|计至|直至|加至|以)?满分为止|直至满分|(?:最高|最多|至多)(?:得|可得|计|为)?满分|最高不得?超过(?:本项|该项|本指标)?(?:分值|权重分)(?:上限)?"
              r"|(?:超过|超出)100%的?(?:部分)?按100%计(?:算)?|不得超过(?:本项|该项)?分值"
              r"|(?:最高)?不得?超过满分|以满分为限",
              "满分为止", "满分为止 (never above 分值)", "满分为止", canonical="满分为止", family="caps"),
    TokenKind("FLOOR", rf"最低(?:得|为|计)|最低(?=\s*{NUMBER}\s*分)", "最低得", "最低得N分 (a floor)", "最低得", family="caps"),
    TokenKind("NEGATIVE", r"(?:本项|该项|此项)?(?:可为负分|可负分|可以为负分|可倒扣分?|可以倒扣|实行倒扣|允许倒扣|(?:可|可以|允许)扣(?:至|到|为|成)负分|(?:可|可以|允许)(?:出现)?负分)",
              "可负分", "可负分 (the score may go below zero)", "可负分", canonical="可负分", family="signs"),
    TokenKind("NO_NEGATIVE", r"(?:均)?不(?:实行|设|计)倒扣|不倒扣|不得为负分?|不出现负分",
              "不实行倒扣", "不实行倒扣 (never below zero)", "不实行倒扣", family="signs"),
    TokenKind("CARRY", r"(?:在|从)?(?:项目|本单位|单位)?(?:考核|评价)?(?:总分|总得分|最终得分)(?:中|基础上|内)?"
              r"(?:继续)?(?:扣减|扣除|倒扣)",
              "在考核总分中扣减", "carried to the rubric's total (在考核总分中继续扣减)", "在考核总分中继续扣减",
              family="signs"),
    TokenKind("VETO", r"(?:实行|实施|属于?)?[“\"]?一票否决[”\"]?(?:制)?|(?:本项|该项)?(?:为|属于?)否决性?指标|否决项"
              r"|取消\S{0,8}?资格|(?:直接)?(?:定为|评为|降为)未完成等级|不得(?:参加|参与)\S{0,6}?(?:评优|评先|汇审计分)",
              "一票否决", "a veto (一票否决, 取消…资格)", "一票否决", family="veto"),
    TokenKind("DOUBLE", r"加倍(?:扣分|扣减|扣除)|(?:扣分)?加倍", "加倍扣分", "加倍扣分 (deductions doubled)", "加倍扣分",
              family="counted"),
    TokenKind("PRECISION", r"(?:得分)?保留(?:到|至)?(?:整数位?|个位|[一二两三0-9]位小数)|取整(?:数)?|四舍五入(?:保留(?:整数|[一二两0-9]位小数))?",
              "保留整数", "保留整数 / 保留一位小数 (the rounding)", "保留整数", family="precision"),
    TokenKind("SCHEDULE", r"依次类推|以此类推|依此类推|以次类推|依次递推", "依次类推", "依次类推 (the schedule goes on)",
              "依次类推", family="schedule"),
    TokenKind("RESPECTIVELY", r"分别|依次", "分别", "分别 (paired in order)", "分别", family="respectively"),
    TokenKind("MISSING", r"(?:由\S{0,12}?)?(?:自行制定|另行制定|另行规定|自行确定)|分段(?=\s*(?:按比例|计分))|系数修正"
              r"|(?:依其|按其)?与[^,;。:]{0,12}?(?:最优|最好|最高|最低|第一)[^,;。:]{0,12}?的?差距"
              r"|评分办法同(?:前项|上)|(?:按|参照)(?:前项|上项|上述)\S{0,4}?(?:标准|办法)",
              "未给出的规则", "a rule the text says is given elsewhere (自行制定, 分段, 同前项)", "自行制定",
              family="refuse"),
    TokenKind("DISCRETION", r"(?:酌情|视(?:具体|实际)?情况?|视情节|视\S{0,10}?程度|根据(?:具体|实际)?情况|按(?:具体)?情况)(?:酌情)?(?:扣分|扣减|扣除|给分|计分|赋分|得分|评分|打分|扣|给)"
              r"|不得分或者?扣(?:除)?相应的?分(?:数|值)?|(?:根据|依据|按)\S{0,12}?(?:进行|酌情)(?:评分|打分|赋分)"
              r"|由\S{0,8}?(?:视情节|酌情|视情况)确定|酌情评分",
              "酌情扣分", "酌情扣分 (the assessor decides)", "酌情扣分", family="judgement"),
    TokenKind("LINEAR", r"(?:按|以)?(?:线性插值|线性|插值法?)(?:计分|计算|得分|赋分|扣分)?",
              "线性计分", "线性计分 (linear between two edges)", "线性计分", family="linear"),
    # 总分按适用指标的得分之和与分值之和换算成百分制: a ratio of two named totals on a scale of 100
    TokenKind("SCALE_TO", r"(?:换算|折算|折合)(?:成|为)百分制", "换算成百分制",
              "换算成百分制 (a ratio of two totals, out of 100)", "换算成百分制", family="formula"),
    # 另设加分事项和减分事项: a score adjusted by bonus and deduction items (inputs 基础得分, 加分, 减分)
    TokenKind("ADJUSTMENTS", r"(?:另设|另行设置|设置|设立|设有|设)加分(?:事项|项目|项)(?:和|与|及|、)(?:减分|扣分)(?:事项|项目|项)",
              "另设加分事项和减分事项", "bonus and deduction items beside the score", "另设加分事项和减分事项",
              family="sheet"),
    # 减分事项不设上限: the deduction items are taken off without a cap (never, by itself, below zero)
    TokenKind("NO_CAP", r"(?:减分|扣分)(?:事项|项目)?(?:累计)?(?:不设上限|不封顶|上不封顶)", "减分事项不设上限",
              "减分事项不设上限 (deductions without a cap)", "减分事项不设上限", family="sheet"),
    # 日常工作实行扣分制: the 分值 less what the assessor deducts (the input 扣分), not a yes/no fact
    TokenKind("DEDUCTION_SHEET", r"(?:实行|采用|采取|实施|按)扣分制", "扣分制",
              "扣分制 (the 分值 less the deductions recorded)", "实行扣分制", family="sheet"),
    TokenKind("OVERSPEND", r"按(?:照)?(?:超支|超出|超过)(?:的)?比例(?:扣减|扣分|扣除)",
              "按超支比例扣减", "按超支比例扣减 (deducted by the overshoot share)", "按超支比例扣减",
              family="proportional"),
    TokenKind("RANK_PROP", r"按(?:照)?(?:与|同)?第\s*(?:1|一)\s*名的?比例(?:得分|计分|赋分)",
              "按与第1名的比例得分", "in proportion to the first place", "按与第1名的比例得分", family="rank"),
    TokenKind("PROP", r"(?:同比例|按(?:照)?(?:实际)?(?:完成|缺失|到位|执行)?(?:的)?比例|按比例|以比例)(?:扣减|扣分|扣除|计分|得分|赋分|给分|计算|记分)?"
              r"|计算得分|折算(?:得分|计分)?"
              # 以B/A或A/B×本项分值计算得分 (A the target, B the actual value): both orders written, the one that
              # gives the completion ratio by the target's direction — the central 自评表's 正向/反向 指标
              r"|(?:以|按)(?:照)?\s*(?:B\s*/\s*A\s*(?:或者|或|、)\s*A\s*/\s*B|A\s*/\s*B\s*(?:或者|或|、)\s*B\s*/\s*A)"
              r"\s*[×*xX]\s*(?:本项|该项|本指标|该指标)?(?:分值|权重)(?:计算得分|计算|计分|得分)?",
              "按比例计分", "按比例计分 (proportional)", "按比例计分", family="proportional"),
    TokenKind("AVG_SCORE", r"(?:按|得分为)[^,;。\n]{0,20}?平均分(?:得分|计算|计)?",
              "按平均分得分", "the average score of others (按同类单位平均分得分)", "按平均分得分",
              family="not_applicable"),
    TokenKind("AS_FULL", r"(?:本项|该项)?按满分(?:计算|计)", "按满分计", "counted as full marks (按满分计算)", "按满分计算",
              family="not_applicable"),
    TokenKind("NA", r"不参与(?:评分|考核|评价|计分)|可不扣分|不予扣分|不扣分|免予扣分|免于扣分",
              "不扣分", "不扣分 / 不参与评分 (nothing deducted; not applicable)", "不扣分", family="not_applicable"),
    # ── formulas ──
    TokenKind("FORMULA_LEAD", r"(?:计算公式为?:?)?(?:该项|本项|该指标|指标|综合|期末综合|年度考核总|年度考核|考核)?"
              r"(?:得分值|得分|总得分)(?=\s*(?:=|\())",
              "得分=", "得分= (a scoring formula)", "得分=", canonical="得分=", family="formula"),
    # 得该项分值的80% · 按照满分的90%~100%之间 — but 达到满分的80%以上 is a condition on the score, not points
    TokenKind("SHARE_OF", rf"(?<!达到)(?<![达超低于足占过])(?:得|计|给|记)?(?:该项|本项|该指标|本指标)?(?:分值|满分)的"
              rf"(?=\s*{NUMBER}\s*%)",
              "分值的", "分值的N% (a share of the points)", "分值的", family="bands"),
    # 分值6分。…: the points stated at the start of the standard or of a sentence (before 分值 the variable)
    TokenKind("PREAMBLE", rf"(?:本项|该项|此项|本指标|该指标)?满分(?:为|是)?(?=\s*{NUMBER}\s*分)"
              rf"|(?:本项|本指标|该指标)(?:分值)?(?:为)?(?=\s*{NUMBER}\s*分\s*[,;。:])"
              rf"|(?<![^。;:\n])(?:该项|此项)?分值(?:为|是)?(?=\s*{NUMBER}\s*分\s*(?:[,;。:]|$))",
              "本项满分", "本项满分N分 (the points stated)", "本项满分", family="preamble"),
    # 考核计分实行百分制 · 采用百分制: a standard that states its scale states 满分100分
    TokenKind("HUNDRED_SCALE", r"(?:实行|采用|采取|实施|按)?百分制",
              "百分制", "百分制 (scored out of 100)", "实行百分制", family="preamble"),
    # 各分项分值之和 · 分值合计: a total of several items' points is a named value, not this indicator's 分值
    TokenKind("POINTS_VAR", r"(?:(?:该|本|此)?(?:项|指标)?(?:指标)?(?:分值|权重分|满分值|权重)|(?:该|本)项分数"
              r"|(?:该|本)项基本分(?:值)?)(?!\s*(?:之和|合计|总和|总计|总额))",
              "分值", "分值 (the indicator's points)", "分值", canonical="分值"),
    TokenKind("PARTS_EACH", rf"(?:各占|均占|各计|各)(?=\s*{NUMBER}\s*分)|共(?=\s*{NUMBER}\s*分\s*(?:$|[,;。]))",
              "各占", "各占N分 (parts worth N each)", "各占", family="parts"),
    # ── numbers and what follows them ──
    TokenKind("INCL", rf"\((?:不含|不包含|不包括|含|包含|包括|含本数)(?:\s*{NUMBER}\s*(?:%|分|个百分点|[^()\d]{{0,3}}))?\)",
              "（含）", "（含） or （不含）", "(含)", canonical="(含)", family="bands"),
    TokenKind("PM", r"±|\+/-|正负", "±", "± (either way)", "±", family="two_sided"),
    TokenKind("PAREN_SCORE", rf"\(\s*{NUMBER}\s*分\s*\)", "（N分）", "points in parentheses such as （2分）", "(2分)"),
    TokenKind("PAREN_RANGE", rf"\(\s*{NUMBER}\s*分?\s*(?:-|—+|~|至|到)\s*{NUMBER}\s*分\s*\)", "（N-M分）",
              "a points range in parentheses such as （8-10分）", "(8-10分)", family="tiers"),
    # 5、3、1分 · 5分、3分和1分
    TokenKind("SCORE_LIST", rf"{NUMBER}\s*(?:分)?(?:\s*、\s*{NUMBER}\s*(?:分)?)*(?:\s*(?:、|和|及)\s*{NUMBER}\s*(?:分)?)\s*分"
              rf"|{NUMBER}\s*分(?:\s*、\s*{NUMBER}\s*分)*\s*(?:和|及)\s*{NUMBER}\s*分", "分数列表",
              "a list of points such as 5、3、1分", "5、3、1分", family="respectively"),
    TokenKind("RANK_LIST", rf"(?:倒数)?第\s*{NUMBER}(?:\s*、\s*第?\s*{NUMBER})+\s*名", "名次列表",
              "a list of ranks such as 倒数第1、第2、第3名", "第1、第2名", family="rank"),
    TokenKind("VALUE_LIST", rf"{NUMBER}\s*(?:%|{_UNIT})?(?:\s*[、和及]\s*{NUMBER}\s*(?:%|{_UNIT})?)*\s*[、和及]\s*{NUMBER}\s*(?:%|{_UNIT})",
              "数值列表", "a list of values such as 95%、90%、85%", "95%、90%", family="respectively"),
    TokenKind("SHARE_PCT", rf"(?<=[得计给记按])\s*{NUMBER}\s*%\s*的?\s*(?:该项|本项)?(?:分值|权重分)(?:计分|计)?",
              "N%分值", "N%分值 after 得 (a share of the points: 得80%分值)", "80%分值", family="bands"),
    # 高于-10% · ≤-5% · 低于负5%: a sign right after a comparator (after a number a dash is a range: 80%-90%)
    TokenKind("PCT", r"(?:(?<![^于过足为≤≥<>=(在到])(?:-|−|负))?" + NUMBER
              + r"\s*(?:%|‰|个百分点|百分点|个千分点|千分点)|百分之[零〇一二两三四五六七八九十百点]+",
              "百分比", "a percentage such as 95% or 一个百分点", "95%"),
    TokenKind("SCORE_RANGE", rf"{NUMBER}\s*分?\s*(?:-|—+|~|至|到)\s*{NUMBER}\s*分(?![值数析别类配摊项钟之制])",
              "分数区间", "points range such as 4-7分", "4-7分"),
    TokenKind("SCORE", rf"{NUMBER}\s*分(?:半(?![年月]))?(?![值数析别类配摊项钟之制])", "分数", "points such as 2分 (一分半 1.5)",
              "2分"),
    TokenKind("QTY", rf"(?:{NUMBER}|半)\s*(?:{_UNIT})(?:/(?:{_UNIT}))?", "数量", "a quantity such as 一处 or 2天", "2天"),
    TokenKind("UNIT", rf"(?<=每|按)(?:{_UNIT})(?=[扣罚得计加减倒少再另的或、,;。(]|$)", "计量单位", "a count noun such as 处", "处",
              family="counted"),
    TokenKind("PER_UNIT", rf"(?<=分)/(?:{_UNIT})", "/单位", "a unit rate such as /台次", "/台次", family="counted"),
    # 倒数三名 · 倒数前三名 · 倒数后三名: the last places, counted from the bottom (PE191); 后三名 after 排名 alone
    # is refused (its places need the number ranked: rank_from_bottom); 排名第一的 without 名 is the place 1
    TokenKind("RANK", rf"倒数第|倒数[前后]?(?=\s*{NUMBER}\s*名)|第(?=\s*(?:{NUMBER})\s*(?:名|位|、|-))"
              rf"|(?<=排名|名次|位次)第(?=\s*{_CNUM}\s*的)|前(?=\s*{NUMBER}\s*名)|(?<=排名|名次|位次)后(?=\s*{NUMBER}\s*名)"
              r"|名次|排名|位次",
              "名次", "a rank such as 前3名", "排名", family="rank"),
    TokenKind("NUM", rf"{_D}|{_CNUM}(?=\s*(?:至|到)\s*{_CNUM}\s*[名位])|(?<=第){_CNUM}(?=\s*的)", "数", "a number",
              "5"),  # 四至八名 · 倒数第一的
    # ── scoring verbs ──
    TokenKind("AWARD", r"(?:(?<![合累总统估设会预核])计|得|给|赋|获得|记|可得|计为|可记|给予|赋予|赋分|得分为|记为|记分|计分|均得|各得"
              r"|(?:基础分|基本分)(?:为|是)?)"
              rf"(?={_SCORE_AHEAD}|\s*(?:该项|本项)?分值的)",
              "计/得", "计 or 得 before the points", "计", canonical="计"),
    TokenKind("ZERO", r"(?:本项|该项|此项)?(?:得分)?(?:不得分|不计分|不给分|不得分值|得零分|计零分|得0分|计0分|记0分|为0分|为零分"
              r"|得分为0|得分为零|计为0分?|(?<![健齐完安周健不])全扣|扣除(?:本项|该项)?全部分值|扣除\S{0,6}?的全部分值|为0分|不予计分|不予得分"
              r"|整体不得分"
              # 发生安全责任事故，全部扣完 · 考核分清零: the item's points all gone (not 扣完为止, a floor)
              r"|(?:分值|分数)?全部扣完(?!为止)|(?:考核分|考核得分|分值|分数|得分)?清零)",
              "不得分", "不得分 (zero points)", "不得分", canonical="不得分"),
    # 完成得分，否则不得分: a bare 得分 earns the 分值 — but 计算…项得分 / …的得分 name a score
    TokenKind("FULL", r"满分|全分|(?<![算项的价率例均])得分(?=\s*(?:$|[,;。]|否则))"
              # 完成得基本分: the item's own points
              r"|(?<=[得计给])(?:各项|本项|该项)?(?:基本分|总分值|全部分值)(?:值)?(?!\s*的)"
              # 完成指标值的，记该指标所赋全部分值 (the central 自评表's words for full marks)
              r"|(?<=[得计记给])(?:该指标|本指标|该项|本项)?(?:所赋|所设)?(?:的)?全部分值(?!\s*的)",
              "满分", "满分 (the whole 分值)", "满分", canonical="满分"),
    TokenKind("DEDUCT", rf"(?:倒扣|加扣|再扣|另扣|扣罚|少计|扣除|扣减|扣|罚|(?<=[递])减)(?=\s*(?:{NUMBER}|半|该|本|年报|[^,;。\n]{{0,12}}?分值\s*{NUMBER}))"
              rf"|(?:减去|减少|减)(?=\s*{NUMBER}\s*分)"
              # 每位次按0.25分递减 · 每处按0.5分扣除: 按 the points, then the verb (DEDUCT_TAIL)
              rf"|按(?=\s*{NUMBER}\s*分\s*(?:{_DEDUCT_TAIL}))",
              "扣", "扣 before the points deducted", "扣", canonical="扣"),
    TokenKind("DEDUCT_TAIL", rf"(?<=分)(?:{_DEDUCT_TAIL})", "递减", "递减 after 按N分", "递减", after=frozenset({"SCORE"})),
    TokenKind("NO_BONUS", r"不(?:予|得|再)?加分", "不加分", "不加分 (nothing added)", "不加分", family="bonus"),
    TokenKind("BONUS", rf"(?<![增追附参施更添叠])(?:另加|加记|加计|奖励|奖|加)(?=\s*(?:{NUMBER}\s*分|半|{NUMBER}(?:\s*[-—~、]\s*{NUMBER})+\s*分))",
              "加", "加 before points added", "加", canonical="加", family="bonus"),
    # 每年带队开展检查不少于2次 · 每季度召开会议: a period that says how often, not a step (每日扣0.5分 is one)
    TokenKind("EACH", r"每(?!\s*(?:年度|年|季度|季|月|半年|学期|周)(?!\s*(?:扣|减|加|计|得|罚|超|少|多|低|高)))"
              rf"|按(?=\s*(?:次|{_UNIT})\s*(?:扣|减|加|计|罚))",  # 按次扣1分 · 按卷扣2分: 每次 · 每卷
              "每", "每 (per step or per case; 按次扣 is 每次扣)", "每",
              canonical="每"),
    TokenKind("OTHERWISE", r"否则|反之|其余(?:情况)?|其他情况|其它情况", "否则", "否则", "否则", canonical="否则"),
    TokenKind("REF", rf"以(?=\s*{NUMBER}\s*%\s*为(?:标准|基准|准))", "以", "以 (in 以100%为标准)", "以", family="reference"),
    TokenKind("REF_END", r"(?<=[%点])为(?:标准|基准|准)(?:值)?", "为标准", "为标准", "为标准", family="reference"),
    TokenKind("GRADE", r"(?<![^\d\s.]分)(?<!划)(?:评定?|降|定)?为(?:优秀|良好|优|良|中等|中|合格|不合格|差|较差|一般|达标|基本达标|不达标)(?:单位|等次|等级|档)?"
              # …为良好 60分以上…: the next grade's range after a lost separator (a space in the source)
              rf"(?=\s*(?:[,;。、]|$|{NUMBER}\s*分?\s*(?:以上|以下|及以上|至|[-—~]\s*{NUMBER})))",
              "为优", "为优/为良/… (a grade)", "为优", family="grades"),
    # ── operators and punctuation ──
    TokenKind("STEP_DIR", alternation(w for w, d in STEP_WORDS.items() if d == "both" and len(w) > 2),
              "双向", "either way (超过（降低）, 超过或低于)", "超过(降低)", family="two_sided"),
    TokenKind("CMP", _CMP_PATTERN, "比较词", "a comparison such as 低于 or ≥", "低于"),
    TokenKind("SUFFIX", alternation(SUFFIXES), "以上/以下", "以上 or 以下", "以上", after=_NUMERIC),
    TokenKind("ITEM", r"[①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳⑴⑵⑶⑷⑸⑹⑺⑻⑼⑽㈠㈡㈢㈣㈤㈥㈦㈧㈨㈩]", "序号", "an item mark such as ①", "①",
              family="items"),
    TokenKind("EQ", r"=", "=", "=", "="),
    TokenKind("TIMES", r"[×*xX](?=\s*[\d(\u4e00-\u9fff])|乘以", "×", "×", "×", family="formula"),
    TokenKind("DIVIDE", r"[/÷]|除以", "/", "/", "/", family="formula"),
    TokenKind("PLUS", r"\+|加上", "+", "+", "+", family="formula"),
    TokenKind("DASH", r"—+|-+|~|至(?=\s*(?:\d|百分之))|到(?=\s*(?:\d|百分之))"
              r"|(?<=[一二三四五六七八九十])(?:至|到)(?=[一二三四五六七八九十]+\s*[名位个项次条分%])",  # 四至八名
              "-", "a range dash (-, —)", "-"),
    TokenKind("AND", r"且|并且|同时|但", "且", "且", "且"),
    TokenKind("OR", r"或者|或", "或", "或", "或"),
    TokenKind("LPAR", r"[(\[]", "(", "(", "("),
    TokenKind("RPAR", r"[)\]]", ")", ")", ")"),
    TokenKind("LISTSEP", r"、", "、", "、", "、"),
    TokenKind("CELL", r"\|\s*\d+(?:\.\d+)?\s*(?:分)?\s*(?=\n|\||$)", "表格分值",
              "a points cell of a flattened table (| 5)", "| 5", family="bands"),
    TokenKind("LOST", "\u25a1", "缺失的数字", "a number lost or redacted (扣 分, (略), *)", "\u25a1", family="refuse"),
    # "." ends a sentence, except inside a number (0.5) or a Latin name (os.path, PM2.5 is TEXTLIKE)
    TokenKind("SEP", r"[,;。:!?|]|(?<![A-Za-z])\.(?!\d)|\.(?![A-Za-z\d])", "分隔符", "a separator (，；。)", ","),
)

#: The token kinds by name.
TOKEN_KINDS: dict[str, TokenKind] = {t.name: t for t in TOKENS}
# Tokens the lexer makes that no pattern of TOKENS matches: description and numbered parts.
TOKEN_KINDS["TEXT"] = TokenKind("TEXT", "", "说明文字", "a description", "完成目标")
TOKEN_KINDS["SUBRULE"] = TokenKind("SUBRULE", r"\d{1,2}\s*[.、](?!\d)|\(\d{1,2}\)(?!%|分(?![析别类配摊项钟之制数值解]))"
                                   r"|\([一二三四五六七八九十]\)",  # (3)分析深入的: 分析 is a word, not 分
                                   "小项序号", "a numbered part such as 1.", "1.", family="items")
# 1) · 2）: a numbered part with a half bracket. Only where a clause opens and no bracket is open before it (the
# lexer checks both), since "(含95)" and "(满分2)" close on a number too.
HALF_SUBRULE = r"\d{1,2}\)(?!%|分(?![析别类配摊项钟之制数值解]))"
