"""The ABC 分层 page (views/abc.py, ui/abc_view.py): tiers, Pareto curve, migration, coverage.

key -> (中文, English); ui/text.py merges every part into TEXT and refuses a key defined twice.
"""

ABC_TEXT: dict[str, tuple[str, str]] = {
    # —— ABC 分层 ——
    "abc_title": ("ABC 分层", "ABC tiers"),
    "abc_metric": ("分层指标", "Metric"),
    "abc_a_cut": ("A 类累计占比上限", "Tier A: cumulative share below"),
    "abc_a_cut_help": (
        "排在前面的客户累计占比低于此值的客户为 A 类。默认 0.80：帕累托二八法则，少数客户贡献约 80% 的收入。",
        "A customer is A when the customers ranked above hold less than this share. Default 0.80: "
        "Pareto's 80/20, a few customers bring about 80% of revenue.",
    ),
    "abc_b_cut": ("B 类累计占比上限", "Tier B: cumulative share below"),
    "abc_b_cut_help": (
        "A 类之后、累计占比低于此值的客户为 B 类，其余为 C 类。默认 0.95：再往后的 5% 收入分散在大量小客户中。",
        "After A, customers below this cumulative share are B; the rest are C. Default 0.95: the "
        "last 5% of revenue is spread over many small customers.",
    ),
    "abc_b_below_a": ("B 类上限必须大于 A 类上限，已自动调高。", "The B cut must be above the A cut; it was raised."),
    "abc_rule": (
        "口径：按{metric}从高到低排序，排在前面的客户累计占比 < {a} 为 A 类（帕累托二八：少数客户贡献大部分收入），< {b} 为 B 类，其余及指标 ≤ 0 的为 C 类。",
        "Rule: customers sorted by {metric}, highest first; A while the customers above hold < {a} (Pareto 80/20: a "
        "few customers bring most revenue), B while < {b}, the rest and any with a metric ≤ 0 are C.",
    ),
    "pareto_title": ("ABC 帕累托图", "ABC Pareto chart"),
    "pareto_x": ("客户累计占比（按指标从高到低）", "Cumulative share of customers (largest first)"),
    "pareto_y": ("{metric}累计占比", "Cumulative share of {metric}"),
    "pareto_hover": ("前 %{x:.1f}% 客户 → %{y:.1f}%", "Top %{x:.1f}% of customers → %{y:.1f}%"),
    "pareto_point": (
        "{tier} 类止于：{customers} 客户 → {share}",
        "Tier {tier} ends: {customers} of customers → {share}",
    ),
    "pareto_legend": ("{tier} · {n} 家 · 收入 {share}", "{tier} · {n} · {share} of revenue"),
    "tier_summary_title": ("分层汇总与建议服务", "Tiers and recommended service"),
    "service_level": ("建议服务方式", "Service"),
    "service_rule": (
        "A 类配资深客户经理专人服务，B 类定期拜访，C 类以自动化/基础服务为主（ABC 客户管理：按价值分配资源）。",
        "A: a senior account manager; B: regular visits; C: automated/basic service (ABC management: "
        "resources follow value).",
    ),
    "migration_title": ("分层迁移：上一窗口 → 本窗口", "Tier moves: previous window → this window"),
    "migration_from": ("上一窗口", "Previous window"),
    "migration_to": ("本窗口", "This window"),
    "migration_rule": (
        "与上一个等长窗口（{days} 天）比较：上一窗口没有订单的为「新客户」，本窗口没有订单的为「流失」。",
        "Against the previous window of equal length ({days} days): customers without orders there are "
        "'new', those without orders now are 'lost'.",
    ),
    "tier_new": ("新客户", "New"),
    "tier_lost": ("流失", "Lost"),
    "coverage_title": ("客户经理的 A 类客户数", "Tier A customers per account manager"),
    "coverage_x": ("A 类客户数", "Tier A customers"),
    "a_without_manager": (
        "{n} 家 A 类客户没有客户经理，请尽快指派。",
        "{n} tier A customers have no account manager: assign one.",
    ),
    "a_all_covered": ("所有 A 类客户都有客户经理。", "Every tier A customer has an account manager."),
    "abc_table_title": ("全部客户分层（{n} 家）", "All customers with tiers ({n})"),
    # —— issue #11: what the file cannot answer ——
    "coverage_needs_manager": (
        "这份文件没有客户经理列，无法查看客户经理覆盖；导入时映射「客户经理」列即可。",
        "This file has no account manager column, so there is no manager coverage; map one when importing.",
    ),
}
