"""The messages of the rules language, in Chinese (the default) and English, by a stable code.

Errors and diagnostics carry a code and the values to fill in; the words are looked up here when the
message is shown, in the locale asked for (``zh_CN`` unless the caller says ``en``). Nothing else in the
rules package writes a sentence for a user.

>>> render("no_band", "zh_CN", value="87%", gaps="(85%, 90%)")
'没有分档覆盖 87%（未覆盖：(85%, 90%)）'
>>> render("no_band", "en", value="87%", gaps="(85%, 90%)")
'no band covers 87% (values outside every band: (85%, 90%))'
"""

from __future__ import annotations

from typing import Any

from ..limits import shown

__all__ = ["MESSAGES", "is_english", "render"]

#: code → (Chinese, English). Placeholders are ``{name}``; every code used anywhere must be here
#: (tests/rules/test_vocabulary.py checks the codes the package uses).
MESSAGES: dict[str, tuple[str, str]] = {
    # ── syntax ──
    "empty": ("评分标准为空", "the standard is empty"),
    "unreadable": ("无法读懂这里：{found!r}", "cannot read this: {found!r}"),
    "clause_too_long": ("这一句有 {count} 个词元，超过上限 {limit}", "this clause has {count} tokens; the limit is {limit}"),
    "expected": ("应为：{words}", "expected {words}"),
    "hint": ("提示：{text}", "hint: {text}"),
    # ── hints (a hint that is a code here is shown in the reader's language) ──
    "hint_write_number": ("写明分数，如 扣1分", "write the number of points, e.g. 扣1分"),
    "hint_step_size": ("写明每一步的大小，如 每低于5%扣2分", "write the size of each step, e.g. 每低于5%扣2分"),
    "hint_write_outcome": ("写明得分或扣分，如 计4分 / 扣1分 / 每低于5%扣2分",
                           "write what it earns or deducts, e.g. 计4分 / 扣1分 / 每低于5%扣2分"),
    "hint_points_after": ("在条件后写明分数：计4分", "put the points after it: 计4分"),
    "hint_needs_scoring": ("评分标准需要一句计分的话，如 完成目标得满分，否则不得分",
                           "a standard needs a clause that scores, e.g. 完成目标得满分，否则不得分"),
    "hint_which_applies": ("写明适用哪一条（如 否则 / 其余情况），或给每条各自的区间",
                           "say which applies (否则 / 其余情况), or give each its own range"),
    "hint_each": ("把每一项分开写，如 ①未制定方案的扣2分；②未建立台账的扣2分",
                  "write each as its own item: ①未制定方案的扣2分；②未建立台账的扣2分"),
    "hint_dash": ("用连接号写区间，如 78-91分", "write the range with a dash, e.g. 78-91分"),
    "hint_one_claim": ("只在其中一档写（含）", "keep （含） on one of them only"),
    "hint_range_ends": ("区间需要两端，如 80%（含）-90%", "a range needs both ends: 80%（含）-90%"),
    "lost_number": ("这里缺少一个数字（原文可能在转载中丢失或被删去）",
                    "a number is missing here (lost or redacted in the source)"),
    "missing_rule": ("评分办法不在本文中：{clause!r}", "the scoring rule is not in this text: {clause!r}"),
    "unread_scoring": ("这一句含有评分用语，但无法确定其计分含义：{clause!r}",
                       "this clause uses scoring words but its scoring cannot be read: {clause!r}"),
    "no_points": ("评分标准没有说明如何得分", "the standard says nothing about points"),
    "cond_without_points": ("这个条件没有说明得多少分：{clause!r}", "this condition does not say what it earns: {clause!r}"),
    "award_above_points": ("{clause!r} 给 {award} 分，超过本项分值 {points} 分", "{clause!r} awards {award}分, more than the 分值 {points}分"),
    "preamble_differs": ("标准写明满分 {stated} 分，而指标分值为 {points} 分", "the standard states 满分 {stated}分 but the 分值 is {points}分"),
    "step_reference": ("无法确定每步扣分从哪个值开始计算", "cannot tell where the steps count from"),
    "step_needs_size": ("“每”后面需要写明步长，如 每低于5%扣2分", "a step needs its size: 每低于5%扣2分"),
    "step_needs_amount": ("这一步没有写明扣多少分：{clause!r}", "this step does not say how many points: {clause!r}"),
    "mixed_values": ("同一标准中既有比率又有数量，无法确定评分的值", "the standard mixes rates and quantities; the value scored is unclear"),
    "unknown_reference": ("无法确定比较的对象：{clause!r}", "cannot tell what this compares with: {clause!r}"),
    "formula_defines": ("这是计算 {name!r} 的公式，不是评分标准；请用 compile_formula", "this defines {name!r}; it is a formula, not a scoring standard (use compile_formula)"),
    "formula_unreadable": ("无法读懂公式：{clause!r}", "cannot read the formula: {clause!r}"),
    "compound_condition": ("{clause!r} 同时要求 {first!r} 和 {second!r}：两个不同的值，无法按一个指标值计分",
                           "{clause!r} requires both {first!r} and {second!r}: two values, not one to score"),
    "direction_unclear": ("{clause!r} 只说达到（或差）目标，而 {measure!r} 一类指标常常越低越好：请写明 高于/低于 目标值，"
                          "或标明“≤”型指标",
                          "{clause!r} only says the target is (not) reached, and a {measure!r} measure is often "
                          "lower-is-better: write 高于/低于 the target, or mark it a “≤” indicator"),
    "period_count": ("{clause!r} 的要求按季度/月计，而扣分按次数计：请写明全年的要求（如 全年不少于4次）",
                     "{clause!r} states a requirement per quarter or month, the deductions count times: give the "
                     "year's requirement (e.g. 全年不少于4次)"),
    "two_caps": ("{clause!r} 写了不同的上限（{caps}），无法确定适用哪一个",
                 "{clause!r} states different caps ({caps}); which one binds is not said"),
    "rules_overlap": ("{a!r} 与 {b!r} 都给 {region} 计分，无法确定适用哪一条",
                      "{a!r} and {b!r} both score {region}; which one applies is not said"),
    "words_without_values": ("{clause!r} 的条件没有可对应的取值：其他分档已覆盖它这一侧的全部取值",
                             "{clause!r} has no values left on its side: the numbered bands cover them all"),
    "mixed_rules": ("{clause!r} 与本标准的其他条款计分方式不同（如按比率计与按次数计），无法合并计分",
                    "{clause!r} scores differently from the other clauses (a rate among counts …); they cannot be combined"),
    "veto_needs_points": ("{clause!r} 实行否决，但没有写明这时得多少分", "{clause!r} vetoes but does not say what it scores"),
    "example_disagrees": ("示例 {clause!r} 与规则不符：{value} 按规则得 {got} 分，示例写 {want} 分",
                          "the example {clause!r} disagrees with the rule: {value} scores {got}, the example says {want}"),
    "grade_needs_range": ("等级 {label!r} 需要分数区间", "the grade {label!r} needs a range of scores"),
    "lost_dash": ("{clause!r} 像是丢失了区间的连接号；是否为 {guess}？", "{clause!r} looks like a range that lost its dash; did you mean {guess}?"),
    "no_grade": ("没有找到等级，请写成 90分（含）—100分为优", "no grade found: write e.g. 90分（含）—100分为优"),
    "grades_overlap": ("{a} 和 {b} 都覆盖 {value}", "{a} and {b} both cover {value}"),
    "parts_unnamed": ("{clause!r} 写了“各占”，但没有写明是哪几项", "{clause!r} says 各占 but does not name the parts"),
    "parts_worth": ("无法确定第 {mark} 部分的分值", "cannot tell what part {mark} is worth"),
    "ambiguous": ("这句话有多种读法：{clause!r}", "this can be read more than one way: {clause!r}"),
    "points_positive": ("分值必须大于 0", "分值 must be positive"),
    "precision_power": ("精度必须是 10 的幂，如 0.01 或 1", "precision must be a power of ten such as 0.01 or 1"),
    # ── evaluation ──
    "overlap": ("{value} 同时属于两个分档（{bands}），无法确定得分", "{value} is in two bands ({bands}): its points are not decided"),
    "no_band": ("没有分档覆盖 {value}（未覆盖：{gaps}）", "no band covers {value} (values outside every band: {gaps})"),
    "missing_input": ("缺少输入 {name!r}{given}", "missing input {name!r}{given}"),
    "zero_denominator": ("分母 {name!r} 为零", "the denominator {name!r} is zero"),
    "judgement_outside": ("{points} 分不在允许的范围内（允许：{allowed} 分）", "{points}分 is not allowed (allowed: {allowed}分)"),
    "needs_judgement": ("需要评价人判断：{low}–{high} 分", "needs the assessor's judgement: {low}–{high}分"),
    "not_a_number": ("需要一个数，收到 {value!r}", "a number is needed, not {value!r}"),
    "not_a_count": ("需要一个非负整数（次数），收到 {value!r}", "a count (a whole number ≥ 0) is needed, not {value!r}"),
    "not_a_rank": ("需要一个名次（不小于 1 的整数），收到 {value!r}", "a rank (a whole number ≥ 1) is needed, not {value!r}"),
    "not_a_flag": ("需要“是”或“否”，收到 {value!r}", "yes or no is needed, not {value!r}"),
    "rate_without_mark": ("比率 {value!r} 没有写 % 或 ‰：是 {value}% 还是 {value} 倍？请写作“{value}%”，或以数（Decimal）给出比值",
                          "the rate {value!r} has no % or ‰: is it {value}% or {value} times? Write \"{value}%\", "
                          "or give the fraction as a number (Decimal)"),
    "not_finite": ("不是有限的数：{value!r}", "not a finite number: {value!r}"),
    "unknown_input": ("未知的输入 {name!r}；本标准的输入：{expected}", "unknown input {name!r}; this standard takes: {expected}"),
    "no_named_inputs": ("本标准只评一个值，不接受命名输入：{given}", "this standard scores one value and takes no named inputs; given {given}"),
    "yes_no_options": ("是/否只能回答两个选项的标准，此标准有 {count} 个选项：{options}",
                       "a yes/no answers a standard of two options; this one has {count}: {options}"),
    "rate_needs_rates": ("{name}={value!r} 是数量，而本标准按比率与目标之差计分（每减少1%）：请给出比率，如 {name}='99%'",
                         "{name}={value!r} is a quantity, but the standard scores the rate's difference from the "
                         "target (每减少1%): give rates, such as {name}='99%'"),
    "list_for_a_count": ("本标准按一个数计分（次数或数量），不能给列表 {value!r}：请直接给出这个数",
                         "this standard scores one number (a count or a quantity), not the list {value!r}: give the "
                         "number"),
    "list_counts_or_items": ("{value!r} 可以是各项的次数，也可以是发生的项的序号：请按名给出次数（{example}），或给出标记（['①']）",
                             "{value!r} could be the count of each item or the numbers of the items that happened: give "
                             "counts by name ({example}) or marks (['①'])"),
    "no_combination": ("原文没有为 {facts} 这一组合给出分数", "the standard gives no points for {facts}"),
    "part_yes_no": ("第 {part} 部分列的是扣分的情形（{names}），是/否 不能说明是否满足：请给出发生的情形，如 {part}=['①']",
                    "part {part} lists what deducts ({names}); a yes/no does not say it is met: give what happened, "
                    "such as {part}=['①']"),
    "list_needs_value": ("{key}（{name}）是一个数值，不是发生与否的情形，列表无法给出：请用 {key}=数值 给出",
                         "{key} ({name}) is a value, not a case that happens or not; a list cannot give it: "
                         "give {key}=<value>"),
    "checklist_value": ("清单标准需要给出满足的项（如 ['①', '③']）或评价人得分（points=…），不能只给 {value!r}；各项：{options}",
                        "a checklist takes the items met (e.g. ['①', '③']) or the assessor's points (points=…), "
                        "not {value!r}; the items are {options}"),
    "needs_named": ("本标准比较实际值与目标值，请分别给出 {names}，而不是一个数 {value!r}",
                    "this standard compares the actual value with a target: give {names}, not one number {value!r}"),
    "one_option": ("本标准只能选一个选项，收到 {value!r}；可选：{options}",
                   "this standard takes one option, not {value!r}; the options are {options}"),
    "unknown_option": ("没有选项 {value!r}；可选：{options}", "there is no option {value!r}; the options are {options}"),
    "unknown_tier": ("没有档次 {value!r}；可选：{options}", "there is no tier {value!r}; the tiers are {options}"),
    "once_only": ("{mark} 是一次性扣分，只能是“是/否”或 0/1，收到 {value!r}", "{mark} is a one-off deduction: yes/no or 0/1, not {value!r}"),
    "unit_mismatch": ("{value!r} 的单位不能与标准的 {unit} 比较", "{value!r} cannot be compared with the standard's {unit}"),
    "input_twice": ("{first!r} 和 {second!r} 是同一个值的两种名称，却给了不同的值", "{first!r} and {second!r} name one value but were given different values"),
    "borrowed_only": ("本标准只规定了 {case!r} 的情形（按平均分得分），其他情形的评分不在本文中",
                      "the standard only covers the case {case!r} (scored by the average); other cases are not scored here"),
    "borrowed_and_own": ("{case!r} 的情形按平均分得分，又给了本指标自己的输入 {name!r}：适用哪一种由调用方说明，只给其一",
                         "the case {case!r} scores the average, but the indicator's own input {name!r} was given too: give one"),
    "borrowed_outside": ("{case!r} 的平均分 {points} 不在 0 到分值 {top} 之间",
                         "the average {points} for {case!r} is not between 0 and the 分值 {top}"),
    "borrowed_not_case": ("给了平均分 {name!r}，但 {case!r} 的情形不成立：平均分只用于该情形",
                          "the average {name!r} was given, but the case {case!r} does not hold: the average is only for it"),
    "limit": ("{what} 超过上限 {limit}：{value}", "{what} exceeds the limit {limit}: {value}"),
    # ── SQL ──
    "sql_scale": ("{value} 的小数位数多于 {scale} 位（请加大 scale）", "{value} has more than {scale} decimals (raise scale)"),
    "sql_judgement": ("本标准需要评价人判断（选项、档次或酌情的分数），不能写成一个 SQL 表达式",
                      "the standard needs the assessor's judgement (an option, a tier or a range of points): it "
                      "cannot be one SQL expression"),
    "sql_yes_no": ("本标准按是/否计分，不能写成按一列数值计分的 SQL 表达式",
                   "the standard scores a yes/no fact, not one numeric column: it cannot be one SQL expression"),
    "sql_several_inputs": ("本标准按多个输入计分（{names}），而一个 SQL 表达式只对一列数值计分",
                           "the standard scores several inputs ({names}); a SQL expression scores one numeric column"),
    "sql_unsupported": ("本标准含有{what}，尚不能写成 SQL 表达式", "the standard has {what}, which is not written as SQL yet"),
    "sql_what_deduction": ("扣分、加分或结转的计分方式", "deductions, bonuses or carried points"),
    "sql_what_veto": ("否决或本项不得分的条款", "a veto or a clause that zeroes the item"),
    "sql_what_overlap": ("两个分档重叠的取值", "values two bands claim"),
    "sql_what_bonus": ("加分部分", "a bonus part"),
    "sql_divides_by_value": ("公式除以所评的值（{name}），在 SQL 中不能精确计算",
                             "the formula divides by the value scored ({name}), which SQL cannot do exactly"),
    "sql_dialect": ("不支持的 SQL 方言 {dialect!r}；可用：{dialects}", "the SQL dialect {dialect!r} is not supported; use {dialects}"),
    "sql_rubric": ("以下指标不能写成 SQL：{items}", "these indicators cannot be written as SQL: {items}"),
    "sql_unknown_indicator": ("没有指标 {names}；已有：{known}", "no indicator {names}; the indicators are {known}"),
    "sql_no_standard": ("没有评分标准", "it has no standard"),
    "sql_needs_sqlglot": ("生成 SQL 需要 sqlglot：pip install 'perfeval[sql]'", "SQL needs sqlglot: pip install 'perfeval[sql]'"),
    "floor_above_points": ("最低 {floor} 分高于本项的最高分 {points} 分", "the floor of {floor}分 is above the item's top of {points}分"),
    "internal_error": ("内部错误：这条标准无法读取（{kind}），请报告", "internal error: this standard cannot be read ({kind}); please report it"),
    "internal_disagree": ("内部错误：解释得分 {trace} 与快速计算 {fast} 不一致", "internal error: the explanation gives {trace}, the fast path {fast}"),
}


class _Shown:
    """A value too big to print (an int of 5,000 digits, which ``repr`` refuses): shown by its size."""

    def __init__(self, text: str) -> None:
        self.text = text

    def __repr__(self) -> str:
        return self.text

    __str__ = __repr__

    @staticmethod
    def of(value: Any) -> Any:
        if isinstance(value, int) and not isinstance(value, bool) and value.bit_length() > 1000:
            return _Shown(shown(value))
        if isinstance(value, list | tuple) and len(value) > 20:
            return _Shown(f"{type(value).__name__} of {len(value)} items")
        return value


def is_english(locale: str | None) -> bool:
    """Whether ``locale`` asks for English (``en``, ``en_US`` …); everything else is Chinese."""
    return bool(locale) and str(locale).lower().startswith("en")


def render(code: str, locale: str | None = "zh_CN", **params: Any) -> str:
    """The message ``code`` in ``locale`` with ``params`` filled in (unknown codes show the code)."""
    zh, en = MESSAGES.get(code, (code, code))
    template = en if is_english(locale) else zh
    try:
        return template.format(**{k: _Shown.of(v) for k, v in params.items()})
    except (KeyError, IndexError, ValueError, TypeError):
        return template
