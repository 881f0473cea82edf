"""The 客户档案 customer profile page (views/profile.py, ui/profile_view.py).

key -> (中文, English); ui/text.py merges every part into TEXT and refuses a key defined twice.
"""

PROFILE_TEXT: dict[str, tuple[str, str]] = {
    # 客户档案 page (ui/profile_view.py)
    "profile_title": ("客户档案", "Customer profile"),
    "profile_pick": ("查找客户（输入名称或编号）", "Find a customer (type a name or ID)"),
    "profile_pick_help": (
        "按风险金额从大到小排列；所选客户会写入网址，复制链接即可分享。",
        "Sorted by revenue at risk, largest first; the customer goes in the URL, so a copied link reopens it.",
    ),
    "profile_pick_placeholder": ("选择客户", "Choose a customer"),
    "profile_pick_first": ("请在上方选择一位客户。", "Choose a customer above."),
    "profile_not_found": (
        "链接中的客户「{customer}」在当前数据或筛选条件下不存在，已显示列表中的第一位客户。请检查左侧筛选或上传的数据。",
        "The linked customer '{customer}' is not in the current data or filters; the first customer in the list is shown. Check the sidebar filters or the uploaded data.",
    ),
    # a scoped user gets the same words whether the customer exists elsewhere or not at all: nothing leaks
    "profile_not_in_scope": (
        "在您可查看的客户中找不到「{customer}」（不在您的查看范围内，或当前筛选下没有订单），已显示列表中的第一位客户。",
        "'{customer}' is not found in your scope (not among the customers you may see, or none under the current filters); the first customer in the list is shown.",
    ),
    "profile_no_customers": (
        "当前筛选条件下没有客户。请在左侧放宽筛选或调整截至日期，或在「数据导入」上传订单。",
        "No customer under the current filters. Widen the sidebar filters or move the as-of date, or upload orders on Data import.",
    ),
    "profile_tier": ("ABC 分层", "ABC tier"),
    "profile_tier_evidence": ("排名第 {rank}，窗口内 {amount}", "rank {rank}, {amount} in the window"),
    "profile_no_window_revenue": ("分析窗口内无订单", "no orders in the window"),
    "profile_segment": ("RFM 分群", "RFM segment"),
    "profile_rfm_scores": (
        "R{r} F{f} M{m} · {days} 天前 · {orders} 单",
        "R{r} F{f} M{m} · {days} d ago · {orders} orders",
    ),
    "profile_warning": ("流失预警", "Churn warning"),
    "profile_no_warning_reason": ("按常规周期采购", "buying on its usual cycle"),
    "profile_lifecycle": ("生命周期", "Lifecycle"),
    "profile_lifecycle_evidence": ("近半年 {current} / 前半年 {previous}", "6 months {current} vs {previous}"),
    "profile_facts": (
        "客户经理：{owner} · 首次购买 {first} · 最近购买 {last} · 购买周期 {cycle} 天（{days} 个购买日）",
        "Account manager: {owner} · first purchase {first} · last purchase {last} · cycle {cycle} days ({days} purchase days)",
    ),
    "profile_history_title": ("{customer} · 月度净销售额", "{customer} · net revenue by month"),
    "profile_order_lines": ("订单行", "Order lines"),
    "profile_products": ("购买的产品（按净销售额）", "Products bought (by net revenue)"),
    "profile_product": ("产品", "Product"),
    "profile_no_product": ("（未填写产品）", "(no product)"),
    "profile_window_revenue": ("窗口内净销售额", "Net revenue in the window"),
    "profile_quantity": ("数量", "Quantity"),
    "profile_orders": ("订单明细（最近 {shown} 行，共 {total} 行）", "Order lines (latest {shown} of {total})"),
    "profile_order_date": ("订单日期", "Order date"),
    "profile_order_id": ("订单号", "Order ID"),
    "profile_amount": ("金额（元）", "Amount (¥)"),
    "profile_owner": ("客户经理", "Account manager"),
    # —— one set of rules (ui/rules.py): every rule behind the profile's verdicts ——
    "profile_rule_metric": (
        "规则：ABC 按分析窗口内{metric}，累计前 {a} 为 A、至 {b} 为 B{abc_where}；RFM 与全体客户均值比较；预警：超过 {lost} 天未购买为已流失，"
        "逾期 ≥ {ho} 倍或下滑 ≥ {hd} 为高风险，≥ {mo} 倍或 ≥ {md} 为中风险{churn_where}；生命周期：首购不足 {new} 天为新客户，"
        "近 {period} 天较前 {period} 天增长 > {up} 为成长、下降 > {down} 为衰退。",
        "Rule: ABC on {metric} in the window, A up to {a} cumulative, B up to {b}{abc_where}; RFM against the mean of all "
        "customers; warning: lost after {lost} days without a purchase, high at overdue ≥ {ho}× or decline ≥ {hd}, "
        "medium at ≥ {mo}× or ≥ {md}{churn_where}; lifecycle: new within {new} days of the first purchase, growing "
        "above +{up} and declining below −{down} over the last {period} days against the {period} before.",
    ),
    # —— issue #11: the facts line of a file without an account manager column ——
    "profile_facts_no_manager": (
        "首次购买 {first} · 最近购买 {last} · 购买周期 {cycle} 天（{days} 个购买日）",
        "First purchase {first} · last purchase {last} · cycle {cycle} days ({days} purchase days)",
    ),
}
