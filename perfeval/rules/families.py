"""The registry of phrase families: each declared once, with every place it lives.

A family is a way published standards score ("band table", "stepwise deduction", "rank" …). It lives in
as few places as the pipeline allows, and this table names them all, so that a contributor adding a family
sees where it goes and ``tests/rules/test_registry.py`` can check that nothing is missing:

1. its **tokens** — rows of :data:`perfeval.rules.vocabulary.TOKENS` whose ``family`` is the family's name;
2. its **grammar rules** in ``grammar/standard.lark``, each with the node class of the same name in
   :mod:`perfeval.rules.syntax.nodes` (the node's ``build`` reads the rule's children);
3. its **drafter** in :mod:`perfeval.rules.meaning.families` — the function that turns its statements into
   the IR — and the **readings** (PE codes) it states when the text leaves a choice;
4. its **fixture** ``tests/fixtures/rules/<name>.txt``: input/expected pairs, at least five, edges included;
5. its section in ``docs/rules-language.md`` (Chinese first, then English).

``docs/contributing.md`` walks through adding one.

>>> FAMILIES["rank"].zh
'名次计分'
>>> "rank" in FAMILIES["rank"].rules
True
"""

from __future__ import annotations

from collections.abc import Mapping

import attrs

from .vocabulary import TOKENS

__all__ = ["FAMILIES", "Family", "family_of_reading", "family_of_rule"]


@attrs.frozen
class Family:
    """One phrase family: its name, what it is called, an example in the published words, where it lives.

    ``rules`` are its grammar rules (one node class each); ``drafter`` is ``module:function`` of the meaning
    stage; ``readings`` the PE codes it states, with their meaning in Chinese and English.
    """

    name: str
    zh: str
    en: str
    example: str
    rules: tuple[str, ...]
    drafter: str
    readings: Mapping[str, tuple[str, str]] = attrs.field(factory=dict)

    @property
    def tokens(self) -> tuple[str, ...]:
        """Its rows of the vocabulary (the token kinds whose ``family`` is this family's name)."""
        return tuple(t.name for t in TOKENS if t.family == self.name)

    @property
    def fixture(self) -> str:
        """Its fixture file, relative to the repository: ``tests/fixtures/rules/<name>.txt``."""
        return f"tests/fixtures/rules/{self.name}.txt"


_M = "perfeval.rules.meaning"
_F = f"{_M}.families"

_ALL = (
    Family("core", "句子结构", "sentence structure",
           "完成目标得满分，否则不得分",
           ("value", "words", "punct", "claim", "otherwise", "item", "subrule", "cell"),
           f"{_M}.statements:statements",
           {"PE010": ("已忽略的噪声（注音、分页标记、混入的表格单元格）", "noise ignored (pinyin, page marks, stray table cells)"),
            "PE116": ("给比率的数没有写 %、大于 1：作比值读（85 即 8500%）",
                      "a number above 1 given for a rate without %: read as the fraction (85 is 8500%)")}),
    Family("bands", "分档计分", "band table",
           "90%（含）以上计6分；80%（含）-90%，计4分；低于80%计0分",
           ("compare", "bound", "range", "glued_range", "equal", "point", "described", "points", "full", "zero"),
           f"{_F}.piecewise:piecewise",
           {"PE102": ("单一数值读作“及以上/及以下”", "a single value read as “and above/below”"),
            "PE105": ("“完成目标”读作 100% 及以上", "“target met” read as 100% and above"),
            "PE106": ("比率条件前的数量描述对象或时间（35岁及以下的…不低于20%）",
                      "a measure before a rate condition says who or when is counted"),
            "PE115": ("原文声明以上/以下是否含本数", "the standard declares whether 以上/以下 include their number"),
            "PE110": ("边界归属：原文明确写出", "an edge belongs where the text says so"),
            "PE111": ("边界归属：以上/以下含本数，超过/低于不含", "an edge by the legal convention (以上/以下 include)"),
            "PE112": ("边界归属：按“上限不在内”", "an unclaimed edge goes where it is the lower limit"),
            "PE113": ("整数区间连续到下一档", "whole-number ranges run on to the next band"),
            "PE114": ("没有问题时不扣分", "nothing found deducts nothing"),
            "PE130": ("文字条件覆盖其余取值", "a condition in words covers the values left"),
            "PE131": ("只写了扣分的情形，其余得满分", "only the failing values are named: the rest keeps 分值"),
            "PE135": ("宽泛条件适用于其余取值", "a broad condition applies to the values the others leave"),
            "PE136": ("嵌套分档读作紧接前一档", "a nested band read as following the previous one"),
            "PE142": ("分档由低到高书写：达到较高一档按较高一档计分", "bands written upwards: the highest reached counts"),
            "PE310": ("有取值没有分档覆盖", "values no band covers"),
            "PE311": ("比率可取的值（0，或超过100%）没有分档", "a rate's possible values (0, above 100%) have no band"),
            "PE320": ("同一边界被两档同时声明", "an edge claimed by two bands")}),
    Family("steps", "逐步扣分", "stepwise deduction",
           "100%计满分，每低于5%扣2分，扣完为止",
           ("per", "deduct", "round_up", "pro_rata_step", "until_zero"),
           f"{_F}.steps:step_drafts",
           {"PE101": ("整步计算（不足一步不扣分）", "whole steps (a part of a step deducts nothing)"),
            "PE103": ("不足一步按一步计", "a started step counts whole"),
            "PE104": ("不足一步按比例", "a part of a step deducts pro rata"),
            "PE107": ("“每少1条”从要求的数量起按步计算", "每少1条 beside a requirement counts steps from it"),
            "PE118": ("“降低N%以上”是从每步扣分的基准起降低的幅度", "降低N%以上 bounds the fall from the steps' reference"),
            "PE122": ("比率按原文公式由输入算出", "the rate is computed by the formula written"),
            "PE123": ("“完成目标”与按个百分点计的步：按实际值与目标值相差的百分点",
                      "target met and steps in percentage points: 实际值 against 目标值"),
            "PE108": ("“N%以内”的步从 0 起计算", "steps within a tolerance count up from 0"),
            "PE109": ("“每完成N”从 0 起按步计分", "每完成N: the steps count up from 0"),
            "PE137": ("基准值：达到得满分，从基准起扣分", "the reference: full marks there, steps from it"),
            "PE139": ("越低越好的指标：未达到目标即高于目标", "lower-is-better: missing the target is being above it"),
            "PE153": ("由示例推得基准", "the reference found from the worked examples"),
            "PE241": ("“但…的，可不扣分”：另两项命名取值相比成立时不扣分（得分值）",
                      "但…的，可不扣分: when two other named values compare so, nothing is deducted (the 分值)"),
            "PE242": ("免扣条件中的“加N%”“N个百分点”读作百分点", "a waiver's 加N% / N个百分点 is percentage points")}),
    Family("two_sided", "双向偏差", "two-sided steps",
           "100%计满分，每超过（降低）5%扣2分，扣完为止",
           ("deviation",),
           f"{_F}.steps:step_drafts",
           {"PE138": ("容差带以外两侧都按步计算", "steps beyond a tolerance band on both sides")}),
    Family("counted", "按次扣分", "per-occurrence deduction",
           "每发现一处问题扣0.5分，扣完为止",
           ("double",),
           f"{_F}.counted:counted",
           {"PE132": ("只写了扣分的次数条件，其余不扣", "a count condition names only what deducts"),
            "PE160": ("达到次数后本项不得分", "a count past which the item scores nothing"),
            "PE161": ("“扣完为止”读作每次扣分", "扣完为止 read as per occurrence"),
            "PE165": ("加倍扣分", "deductions doubled"),
            "PE157": ("逐项扣分之后的“最多扣N分”是各项合计的上限", "a cap after listed deductions is on them together")}),
    Family("caps", "扣分上限与封顶", "caps",
           "每推迟一个工作日扣1分，最多扣10分",
           ("cap", "cap_until", "gain_cap", "full_cap", "floor", "cap_at_points"),
           f"{_F}.common:modifiers"),
    Family("signs", "负分与结转", "below zero and carried deductions",
           "每发生一起扣2分，可负分",
           ("negative", "no_negative", "carry", "neg_cap"),
           f"{_F}.counted:counted",
           {"PE170": ("可负分", "the score may fall below zero"),
            "PE171": ("倒扣下限", "a stated floor below zero"),
            "PE172": ("超出部分计入考核总分", "what the item cannot take is carried to the total")}),
    Family("precision", "取整", "rounding",
           "按完成比例计分，保留整数",
           ("precision",),
           f"{_F}.common:modifiers"),
    Family("proportional", "按比例计分", "proportional",
           "完成绩效目标100%得5分，未完成100%的同比例扣减",
           ("proportional", "overspend"),
           f"{_F}.computed:computed_expr",
           {"PE140": ("按比例计分：分值 × 比率", "proportional: 分值 × the rate"),
            "PE141": ("超支比例扣减", "deducted by the overspend share"),
            "PE143": ("越低越好：分值 × 目标/实际", "lower is better: 分值 × target/actual"),
            "PE144": ("按缺失比例扣分", "deducted by the share missing"),
            "PE146": ("文字说明的方法由其后的公式计算", "a method named in words is the formula beside it"),
            "PE147": ("低于要求按比例：分值 × 实际 ÷ 要求", "below the requirement: 分值 × actual ÷ requirement"),
            "PE148": ("正向/反向指标两个公式合为一个比例，由目标值的比较符决定",
                      "the 正向/反向 pair of formulas is one proportion, its side the target's comparator"),
            "PE261": ("缺失比例可由 缺失数 与 应有数 两个输入给出", "the share missing may be given by 缺失数 and 应有数"),
            "PE262": ("“齐全/完整”即缺失比例为 0", "齐全/完整 (nothing missing) is the share missing at 0")}),
    Family("sheet", "扣分制", "deduction sheet",
           "日常工作实行扣分制，扣分总额以本指标分值为限",
           ("deduction_sheet", "adjustments", "no_cap"),
           f"{_F}.computed:computed_expr",
           {"PE260": ("扣分制：分值减去评价人记录的扣分（输入 扣分）",
                      "扣分制: the 分值 less the deductions the assessor records (input 扣分)"),
            "PE264": ("加分事项和减分事项：基础得分 + 加分（以上限为限）− 减分",
                      "bonus and deduction items: 基础得分 + 加分 (up to its cap) − 减分")}),
    Family("linear", "线性计分", "linear between thresholds",
           "低于60%不得分，60%-85%之间线性计分，85%以上满分",
           ("linear",),
           f"{_F}.computed:linear",
           {"PE145": ("两个阈值之间按直线计分", "linear between two thresholds")}),
    Family("formula", "公式计分", "formula",
           "得分=（实际完成率-60%）/（1-60%）×指标分值",
           ("score_formula", "definition", "inline_formula", "number", "points_var", "var", "capped_var",
            "add", "sub", "mul", "div", "mul_points", "hundred_scale"),
           f"{_M}.formulas:expression",
           {"PE263": ("换算成百分制：两个合计之比 × 100", "换算成百分制: the ratio of two totals × 100")}),
    Family("reference", "与目标值或上年比较", "against a target or last year",
           "以100%为标准，每低于1个百分点扣0.5分",
           ("reference",),
           f"{_F}.values:value_of",
           {"PE120": ("与目标值/上年值比较，需要两个输入", "compared with a target: two inputs"),
            "PE121": ("“标准值”读作另一句写明的数", "the 标准值 is the number written beside it"),
            "PE240": ("基准是两个命名数目之比（A占B的比例、A与B之比、A/B）：取值与之相差的百分点，需要三个输入",
                      "the reference is the ratio of two named counts (A占B的比例, A与B之比, A/B): the value's "
                      "percentage points from it; three inputs"),
            "PE243": ("“未完成…控制指标的,”是整条规则的前提：控制指标是上限，完成时不扣分",
                      "未完成…控制指标的, gates the whole rule: a 控制指标 is a ceiling; met, nothing is deducted"),
            "PE244": ("“与上年持平扣N分，每高…加扣M分”：从上年值起扣分", "与上年持平扣N分，每高…加扣M分: deductions from last year"),
            "PE245": ("未完成目标但优于上年：未写明扣分，不扣分", "target missed but better than last year: no deduction written, none")}),
    Family("units", "同一标准中的不同单位", "several units of one kind in one standard",
           "粮食产量达到5万吨得满分，每减少1000吨扣0.5分",
           (),
           f"{_M}.scales:common_units",
           {"PE270": ("同类数量换算为标准首先使用的单位（1000吨 按 0.1万吨 计）",
                      "quantities of one kind in the unit the standard first writes them in (1000吨 as 0.1万吨)"),
            "PE271": ("数后的万/亿即标准所用的那个单位（1亿元…2亿 按 2亿元 计）",
                      "a 万/亿 after a bare number is the one unit of the standard with it (2亿 beside 1亿元 is 2亿元)")}),
    Family("rank", "名次计分", "rank",
           "综合排名前3名的得满分，4-8名的扣0.5分，9名以后扣1分",
           ("rank", "rank_prop"),
           f"{_F}.rank:rank_drafts",
           {"PE191": ("倒数名次", "a rank counted from the bottom"),
            "PE192": ("按与第1名的比例", "in proportion to the first place"),
            "PE193": ("每后移一位扣分", "a deduction per place")}),
    Family("judgement", "评价人判断", "judgement",
           "得16—18分；按完成情况酌情扣分",
           ("discretion", "points_range"),
           f"{_F}.choice:judged",
           {"PE180": ("酌情：由评价人在允许范围内给分", "酌情: the assessor decides within the range"),
            "PE181": ("由评价人在区间内判断", "the assessor's judgement within a range"),
            "PE162": ("评价要点未逐项给分：评价人在 0 到分值之间评分",
                      "evaluation points without points each: the assessor scores within 0 and 分值")}),
    Family("tiers", "分档评价", "qualitative tiers",
           "好(13-15分)、一般(7-12分)、差(0-6分)",
           ("paren_range", "share"),
           f"{_F}.choice:tiers_of",
           {"PE182": ("评价人选择档次并在区间内给分", "the assessor picks a tier and points within it"),
            "PE183": ("评价人在档次内给出完成比例", "the assessor gives a share within the tier"),
            "PE184": ("按比例但未写明比例：评价人判断", "a proportion of nothing written: the assessor judges"),
            "PE185": ("文字条件无法按数值判断：作为选项", "conditions in words only: options the assessor picks")}),
    Family("items", "清单与选项", "checklists and options",
           "①设有目标（1分）②目标明确（1分）③目标细化（1分）④目标量化（1分）",
           ("paren_points",),
           f"{_F}.choice:checklist",
           {"PE133": ("未满足时得 0 分", "not met earns 0"),
            "PE158": ("未出现得 0 分的情形时得满分", "without the case that scores 0, the 分值"),
            "PE190": ("清单：满足各项的分数之和", "checklist: the points of the items met"),
            "PE194": ("未满足的项由评价人酌情给分", "an item not met earns what the assessor decides"),
            "PE195": ("清单各项在其分数区间内由评价人给分", "each item met is judged within its own range"),
            "PE196": ("清单中以数值条件表述的一项：达到即得分", "a checklist item stated as a threshold: met or not"),
            "PE220": ("各项合计与分值不同", "the items do not add up to the 分值")}),
    Family("respectively", "分别对应", "respectively",
           "占比高于85%、75%和65%的，分别得5、3、1分",
           ("respectively", "points_list", "compare_list"),
           f"{_F}.respectively:respectively",
           {"PE152": ("“分别”按顺序配对", "分别: thresholds and points paired in order"),
            "PE280": ("“分别扣”：同一数值的嵌套门槛，落在相邻门槛之间的一档扣对应分数",
                      "分别扣: nested thresholds on one value, each band between consecutive thresholds "
                      "deducts its own points")}),
    Family("schedule", "依次类推", "schedules",
           "逾期2个工作日扣0.3分，逾期4个工作日扣0.6分，依次类推，扣完为止",
           ("schedule",),
           f"{_F}.schedules:continue_schedule",
           {"PE151": ("依次类推：按已写出的级差延续", "依次类推: the ladder continues in the same steps")}),
    Family("not_applicable", "不适用", "not applicable",
           "没有楼堂馆所项目的部门按满分计算",
           ("not_applicable", "as_full", "avg_score"),
           f"{_F}.absent:absent_points",
           {"PE134": ("没有该项情形时按满分", "nothing to score: full marks"),
            "PE149": ("该情形按他人平均分得分（输入 平均分）", "the case scores others' average (input 平均分)"),
            "PE159": ("该情形本项不参与评分（数据标为 不适用，总分按总则折算）",
                      "in that case the item is left out (given as 不适用; the total re-normalised by the 总则)")}),
    Family("veto", "一票否决", "veto",
           "发生重大安全事故的，实行一票否决",
           ("veto",),
           f"{_F}.piecewise:veto_of",
           {"PE257": ("未达到目标的情形否决；原文只写了完成目标的分数，该情形得 0 分",
                      "below the target a veto; points only for meeting it, so 0 below")}),
    Family("bonus", "加分", "bonus",
           "每超1%加0.3分，最多加1.5分",
           ("bonus",),
           f"{_F}.piecewise:piecewise",
           {"PE150": ("加分可超过分值，以写明的上限为限", "a bonus above the 分值, up to its stated cap"),
            "PE156": ("几条加分合计的上限", "a cap on what several bonus clauses add together"),
            "PE155": ("只有加分：加分即本项得分（不超过分值），未达到条件时得 0 分",
                      "bonus only: what is added is the item's points within its 分值; below its condition 0"),
            "PE256": ("“超额完成N%”是超出目标 N%（完成率 100%+N）", "超额完成 N% is N% over the target (rate 100% + N)")}),
    Family("grades", "等级", "grade tables",
           "90分（含）—100分为优，80分（含）—90分为良，60分（含）—80分为中，60分以下为差",
           ("grade",),
           f"{_F}.grades:grade_bands",
           {"PE258": ("按名次名额定等次（名次 ≤ 参评单位数 × 比例），其余按得分", "a grade by rank quota, the rest by the total")}),
    Family("preamble", "本项满分", "stated full marks",
           "本项满分6分。每发现一起违规操作扣1.5分，扣完为止",
           ("preamble",),
           f"{_F}.parts:preamble",
           {"PE230": ("写明的满分与分值不同", "the stated 满分 differs from the 分值")}),
    Family("parts", "分项计分", "numbered parts",
           "1.印发通知的得2分；2.按时报送的得3分，每推迟一天扣1分",
           ("parts_each",),
           f"{_F}.parts:parts",
           {"PE200": ("分项分别计分后相加", "numbered parts scored apart and added"),
            "PE201": ("每句自有分值与上限", "each sentence a rule with its own points and cap"),
            "PE206": ("未写分值的一项按分值减去其他各项", "a part stating no points is worth what the others leave"),
            "PE202": ("“各占”：各按同一标准计分", "各占: each scored by the same rule"),
            "PE203": ("“每项各N分”：项数由分值推出", "each worth N: the 分值 says how many there are"),

            "PE221": ("各部分合计与分值不同", "the parts do not add up to the 分值")}),
    Family("streams", "多个指标值", "several named values",
           "重大隐患整改率低于100%的，每差一个百分点扣0.4分；限期整改率未达90%以上(含)的，每差一个百分点扣0.3分",
           (),
           f"{_F}.streams:named_streams",
           {"PE204": ("多个指标值各按其标准扣分后合计", "several named values, each deducting by its own rule"),
          "PE205": ("多个指标值各得其分后相加", "several named values, each earning its part, added up"),
          "PE207": ("比率的规则与逐次扣分分别给值，扣分从比率所得中扣除",
                    "a value's rule and per-case deductions take an input each; the deductions come off")}),
    Family("matrix", "完成情况组合", "combinations of facts",
           "年度目标和累计目标均完成的得60分;年度目标完成但累计目标未完成的得55分;年度目标未完成但累计目标完成的得40分;均未完成的不得分",
           (),
           f"{_F}.matrix:fact_matrix",
           {"PE186": ("按几项事实是否完成的组合计分", "points by the combination of facts met or not")}),
    Family("rows", "多值分档", "bands over several values",
           "防疫员进村服务率85-99%,年均进村18次以上 | 4 | 防疫员进村服务率70-84%,年均进村12次以上 | 2.5",
           (),
           f"{_F}.rows:several_values",
           {"PE250": ("每一档同时要求几个值，都在该档区间内才得分", "each row requires every value it names"),
            "PE251": ("各档对同一个值的要求重叠：每档的要求单独读", "a value's overlapping requirements read row by row"),
            "PE252": ("各值分属不同档次：计分时报错", "values in different rows match no row: an error"),
            "PE253": ("档内“每名…N次以上”是对每人的要求，不是逐次计分", "每名…N次以上 in a row is a requirement, not a step")}),
    Family("listed", "列举的各值同一标准", "listed values, one rule each",
           "四率(登记率、备案率、签约率、巡查率)达100%记6分。任一项每下降一个百分点扣0.3分",
           (),
           f"{_F}.listed:each_listed",
           {"PE254": ("列举的各值（四率(…)、三项指标（…））各按同一标准计分，扣分相加",
                      "the values listed (四率(…)) each scored by the same rule, deductions added"),
            "PE255": ("检查中被扣的分（输入 上级扣分）加倍扣减", "points deducted by an inspection (input 上级扣分) deducted doubled")}),
    Family("refuse", "拒绝", "refusals",
           "每发现一处扣 分（数字缺失）；由各地自行制定",
           ("missing", "lost"),
           f"{_F}.notes:refusals"),
)

#: Every family by name.
FAMILIES: Mapping[str, Family] = {f.name: f for f in _ALL}


def family_of_rule(rule: str) -> Family:
    """The family a grammar rule belongs to.

    >>> family_of_rule("deviation").name
    'two_sided'
    """
    for f in _ALL:
        if rule in f.rules:
            return f
    raise KeyError(rule)


def family_of_reading(code: str) -> Family:
    """The family that states the reading ``code`` (PE…).

    >>> family_of_reading("PE101").en
    'stepwise deduction'
    """
    for f in _ALL:
        if code in f.readings:
            return f
    raise KeyError(code)
