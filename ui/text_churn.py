"""The 流失预警 churn page (views/churn.py, ui/churn_view.py).

key -> (中文, English); ui/text.py merges every part into TEXT and refuses a key defined twice.
"""

CHURN_TEXT: dict[str, tuple[str, str]] = {
    # 流失预警 page (ui/churn_view.py)
    "churn_title": ("流失预警 · 客户回访清单", "Churn warnings · call list"),
    "churn_rule_line": (
        "规则：购买周期 = 相邻购买日间隔的中位数（至少 {min_days} 个购买日，否则按 {cycle} 天）；逾期倍数 = 距上次购买天数 ÷ 周期；"
        "下滑 = 近 {recent} 天销售额较之前 {prior} 天季度均值的降幅。超过 {lost} 天未购买为已流失；逾期 ≥ {ho} 倍或下滑 ≥ {hd} 为高风险；"
        "逾期 ≥ {mo} 倍或下滑 ≥ {md} 为中风险。风险金额 = 高风险和中风险客户在分析窗口内的净销售额（不低于 0）；已流失和正常客户不计。",
        "Rule: a purchase cycle is the median gap between purchase days (at least {min_days} purchase days, else {cycle} days); "
        "overdue = days since the last purchase ÷ cycle; decline = the drop of the last {recent} days against the quarterly "
        "average of the {prior} days before. No purchase for over {lost} days: lost; overdue ≥ {ho}× or decline ≥ {hd}: high risk; "
        "overdue ≥ {mo}× or decline ≥ {md}: medium risk. Revenue at risk = net revenue in the analysis window of high- and "
        "medium-risk customers (never below 0); lost and ok customers have none.",
    ),
    "churn_edit_rules": ("调整预警阈值", "Adjust the warning thresholds"),
    "churn_default_cycle": ("默认购买周期（天）", "Default purchase cycle (days)"),
    "churn_default_cycle_help": (
        "购买日少于 3 天的客户没有可靠的周期，按此天数计算。",
        "Customers with fewer than 3 purchase days have no reliable cycle; this one is used.",
    ),
    "churn_lost_after": ("超过多少天未购买算已流失", "Lost after this many days without a purchase"),
    "churn_high_overdue": ("高风险：逾期倍数 ≥", "High risk: overdue ≥ (× cycle)"),
    "churn_medium_overdue": ("中风险：逾期倍数 ≥", "Medium risk: overdue ≥ (× cycle)"),
    "churn_high_decline": ("高风险：销售额下滑 ≥ (%)", "High risk: decline ≥ (%)"),
    "churn_medium_decline": ("中风险：销售额下滑 ≥ (%)", "Medium risk: decline ≥ (%)"),
    "churn_rules_inverted": (
        "中风险阈值高于高风险阈值：满足高风险条件的客户会先被判为高风险。",
        "A medium-risk threshold is above the high-risk one: customers meeting the high-risk rule are judged high first.",
    ),
    "churn_reset_rules": ("恢复默认阈值", "Reset to the defaults"),
    "churn_levels": ("预警等级", "Warning levels"),
    "churn_pick_levels": ("选择要列出的等级", "Pick the levels to list"),
    "churn_owners": ("客户经理", "Account manager"),
    "churn_customers": ("客户数", "Customers"),
    "churn_customers_n": ("{n} 位客户", "{n} customers"),
    "churn_at_risk_n": ("风险金额 {amount}", "{amount} at risk"),
    "churn_by_level": ("各预警等级客户数", "Customers per warning level"),
    "churn_list_title": ("回访清单（按风险金额排序）", "Call list (by revenue at risk)"),
    "churn_list_count": ("共 {n} 位客户，风险金额合计 ¥{amount}", "{n} customers, ¥{amount} at risk in all"),
    "churn_no_customers": (
        "当前筛选条件下没有客户。请在左侧放宽筛选（区域、部门、客户经理等）或调整截至日期。",
        "No customer under the current filters. Widen the sidebar filters (region, team, account manager…) or move the as-of date.",
    ),
    "churn_list_empty": (
        "所选等级和客户经理下没有客户。请在上方增加预警等级，或清空客户经理筛选。",
        "No customer at the chosen levels for the chosen account managers. Add levels above, or clear the account-manager filter.",
    ),
    "churn_col_level": ("预警等级", "Level"),
    "churn_col_reason": ("预警原因", "Reason"),
    "churn_col_revenue_at_risk": ("风险金额（元）", "Revenue at risk (¥)"),
    "churn_col_owner": ("客户经理", "Account manager"),
    "churn_col_last_purchase": ("最近购买日", "Last purchase"),
    "churn_col_cycle_days": ("购买周期（天）", "Cycle (days)"),
    "churn_col_overdue": ("逾期倍数", "Overdue (× cycle)"),
    "churn_col_overdue_help": ("距上次购买天数 ÷ 购买周期", "Days since the last purchase ÷ purchase cycle"),
    "churn_col_decline": ("近期销售额", "Last quarter"),
    "churn_col_decline_help": (
        "近 90 天销售额较此前季度均值：下降或增长多少（超过 100% 记为 ≥100%）；— 表示此前没有销售可比",
        "The last 90 days against the prior quarterly average: down or up by how much (more than 100% reads ≥100%); "
        "— means no prior sales to compare with",
    ),
    # —— one set of rules (ui/rules.py): the churn rule in a line, on the pages that only use it ——
    "churn_rule_short": (
        "口径：购买周期 = 相邻购买日间隔的中位数（不足 {min_days} 个购买日按 {cycle} 天）；超期 ≥ {ho} 倍或近 {recent} 天收入较此前"
        "季度均值下降 ≥ {hd} 为高风险，≥ {mo} 倍或 ≥ {md} 为中风险；超过 {lost} 天未购买为已流失。",
        "Rule: the purchase cycle is the median gap between purchase days ({cycle} days with fewer than {min_days}); "
        "{ho}× overdue or the last {recent} days down {hd} on the prior quarterly average is high risk, {mo}× or {md} "
        "medium; lost after {lost} days without a purchase.",
    ),
    # —— issue #11: churn levels without revenue at risk ——
    "churn_not_at_risk": ("不计风险金额", "No revenue at risk"),
}
