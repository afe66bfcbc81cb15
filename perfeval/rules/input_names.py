"""Input vocabulary: the names a caller gives a standard's inputs by, and the words that name a share's parts.

Read by perfeval/rules/run/names.py (which input is which) and by the meaning stage (the names a family's
inputs take); :mod:`perfeval.rules.vocabulary` re-exports them with the other vocabulary tables.

>>> INPUT_NAMES["目标值"][:3], MISSING_SHARE_PARTS
(('目标值', '目标', '计划值'), ('缺失数', '应有数'))
"""

from __future__ import annotations

__all__ = ["COMPLETE_WORDS", "INPUT_NAMES", "MISSING_SHARE_PARTS", "POINT_INPUTS"]

#: Inputs that are points given by an assessor (扣分制's 扣分, the items' 加分 and 减分): never below zero.
POINT_INPUTS: frozenset[str] = frozenset(("扣分", "加分", "减分", "上级扣分"))

#: Words saying nothing is missing (资料齐全, 档案完整): beside 按缺失比例扣分 they are the share 0.
COMPLETE_WORDS: tuple[str, ...] = ("齐全", "齐备", "完整", "完备", "无缺失", "没有缺失", "无缺项", "没有缺项")

#: The two counts a missing share (按缺失比例扣分) may be given by: what is missing, and what there should be.
MISSING_SHARE_PARTS: tuple[str, str] = ("缺失数", "应有数")

#: The names a caller gives inputs by (besides a stream's own words): the assessor's points, the tier
#: chosen, the actual value and the values a standard compares it with.
INPUT_NAMES: dict[str, tuple[str, ...]] = {
    "assessor": ("评审得分", "评分", "points", "assessed"),
    "tier": ("等次", "档次", "tier"),
    "actual": ("实际值", "实际完成值", "实际", "actual", "B"),
    "目标值": ("目标值", "目标", "计划值", "标准值", "target", "A"),
    "上年值": ("上年值", "上年", "last_year"),
    "平均值": ("平均值", "平均", "average"),
    "平均分": ("平均分", "平均得分", "average_score"),
    "本单位值": ("本单位值", "本地值", "本地区值", "本单位", "own"),
    "第1名值": ("第1名值", "第一名值", "第1名", "first"),
    "rank": ("名次", "排名", "位次", "rank"),
    "上级扣分": ("上级扣分", "检查扣分", "被扣分", "upstream_deduction"),  # 区、街道检查中被扣分的,加倍扣减
    # 另设加分事项和减分事项: the score before them and the two kinds of items (family sheet, PE264)
    "基础得分": ("基础得分", "基础分", "基本得分", "base"),
    "加分": ("加分", "加分合计", "加分事项", "bonus"),
    "减分": ("减分", "减分合计", "减分事项", "deductions"),
}
