"""The 长尾客户 page (views/long_tail.py, ui/long_tail_view.py): tail shares, the Lorenz
curve, the tail by dimension and the growing tail customers.

key -> (中文, English); ui/text.py merges every part into TEXT and refuses a key defined twice.
"""

LONG_TAIL_TEXT: dict[str, tuple[str, str]] = {
    # —— 长尾客户 ——
    "tail_title": ("长尾客户", "Long tail"),
    "tail": ("长尾客户", "Tail customers"),
    "not_tail": ("其他客户", "Other customers"),
    "share_of_customers": ("客户数占比", "Share of customers"),
    "share_of_revenue": ("收入占比", "Share of revenue"),
    "tail_shares_title": ("长尾：客户数 vs 收入", "Long tail: customers vs revenue"),
    "lorenz_title": ("洛伦兹曲线：收入集中度", "Lorenz curve: revenue concentration"),
    "lorenz_x": ("客户累计占比（从小到大）", "Cumulative share of customers (smallest first)"),
    "lorenz_y": ("收入累计占比", "Cumulative share of revenue"),
    "lorenz_equal": ("完全平均", "Perfect equality"),
    "lorenz_curve": ("洛伦兹曲线", "Lorenz curve"),
    "lorenz_hover": (
        "最小的 %{x:.1f}% 客户贡献 %{y:.1f}% 收入",
        "The smallest %{x:.1f}% of customers bring %{y:.1f}% of revenue",
    ),
    "lorenz_tail_point": ("长尾", "Long tail"),
    "lorenz_tail_note": (
        "长尾：{customers} 客户，{revenue} 收入",
        "Tail: {customers} of customers, {revenue} of revenue",
    ),
    "gini_note": ("基尼系数 {gini}", "Gini {gini}"),
    "gini_rule": (
        "基尼系数 0 = 每个客户收入相同，越接近 1 收入越集中在少数客户；只计窗口内净销售额为正的客户。",
        "Gini 0 = every customer buys the same; the closer to 1, the more revenue sits with a few. Only "
        "customers with positive net revenue in the window count.",
    ),
    "tail_dimension": ("按维度查看长尾收入", "Tail revenue by"),
    "tail_by_title": ("长尾收入：按{dimension}", "Tail revenue by {dimension}"),
    "tail_revenue": ("长尾收入", "Tail revenue"),
    "tail_no_dimension": (
        "文件中没有区域、行业或产品等列，无法细分。在「数据导入」映射这些列即可查看。",
        "The file has no region, industry or product column to break down by; map one under Data import.",
    ),
    "growing_title": ("增长最快的长尾客户", "Fastest-growing tail customers"),
    "growing_rule": (
        "比较窗口后半段与前半段的收入，列出增长最快的 {n} 家：有潜力升级为 B 类的客户。",
        "The second half of the window against the first; the {n} growing fastest may move up to B.",
    ),
    "first_half": ("前半段收入", "First half"),
    "last_half": ("后半段收入", "Second half"),
    "revenue_change": ("增加", "Change"),
    "growth_ratio": ("倍数", "Ratio"),
    "tail_managers_title": ("各客户经理的长尾客户", "Tail customers per account manager"),
    "tail_customers": ("长尾客户数", "Tail customers"),
    # —— one set of rules (ui/rules.py): which tiers make the tail, shared with the home page and the brief ——
    "tail_definition": ("长尾范围", "The tail is"),
    "tail_definition_help": (
        "默认长尾为 C 类客户；服务能力有限的团队可把 B 类也算作长尾。首页、简报和分享链接使用同一设置。",
        "By default the tail is tier C; a team that serves tier B lightly too may count B in. The home page, "
        "the brief and a shared link use the same choice.",
    ),
    "tail_choice_C": ("C 类", "Tier C"),
    "tail_choice_BC": ("B 类 + C 类", "Tiers B + C"),
    # —— issue #11: what the file cannot answer ——
    "tail_managers_need_column": (
        "这份文件没有客户经理列，无法按客户经理查看长尾客户。",
        "This file has no account manager column, so the tail cannot be shown per manager.",
    ),
    # the growing list's two thresholds (core.rules.LongTailRules), said where the list is
    "growing_rule_min": (
        "增长至少 {share}、且至少 {amount} 才列出：更小的增长是噪音，不必在周会上讨论。",
        "Listed only when up by at least {share} and by at least {amount}: a smaller rise is noise, not a call.",
    ),
    "growing_none_min": (
        "没有后半段窗口收入比前半段增长至少 {share}、且至少 {amount} 的长尾客户。",
        "No tail customer earned at least {share} and at least {amount} more in the second half of the window "
        "than in the first.",
    ),
}
