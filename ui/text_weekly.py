"""The weekly review, the home page (views/home.py, ui/weekly.py): its KPIs, the brief, the
funnel, the churn warnings, and the projector mode (ui/presentation.py).

key -> (中文, English); ui/text.py merges every part into TEXT and refuses a key defined twice.
"""

WEEKLY_TEXT: dict[str, tuple[str, str]] = {
    # —— 周会看板 / Weekly review (home); issue #11 item 4: one active-customer rule ——
    "weekly_title": ("周会看板", "Weekly review"),
    "weekly_rules": (
        "ABC 按{metric}：累计占比 < {a} 为 A 类、< {b} 为 B 类",
        "ABC by {metric}: cumulative share < {a} is A, < {b} is B",
    ),
    "active_rule": (
        "活跃客户 = 窗口内有订单（金额 > 0）的客户",
        "active customers = customers with an order (amount > 0)",
    ),
    "home_rules": ("各视图的口径", "How each view counts"),
    "home_cum_share": ("累计占比", "Cumulative share"),
    "home_call_list": ("流失预警明细（回访清单前 {n} 位）", "Churn warnings in detail (top {n} of the call list)"),
    # the KPIs
    "kpi_net_revenue": ("窗口内净销售额", "Net revenue"),
    "kpi_net_revenue_help": (
        "窗口内订单金额合计，退货（负金额）冲减；箭头为与上一个等长窗口相比的变化。",
        "Sum of order amounts in the window, returns (negative amounts) deducted; the change is "
        "against the previous window of equal length.",
    ),
    "kpi_net_revenue_exact": ("精确值：{amount}。", "Exactly {amount}."),
    "kpi_vs_previous": ("较上期", "vs prior"),
    "kpi_active_customers": ("活跃客户", "Active customers"),
    "kpi_active_help": (
        "窗口内至少有一笔订单（金额 > 0）的客户数，退货不算订单；与销售简报、命令行报告同一口径。变化为与上一个等长窗口相比。",
        "Customers with at least one order (amount > 0) in the window; returns are not orders. The same count as "
        "the sales brief and the command-line report; the change is against the previous window of equal length.",
    ),
    "kpi_a_share": ("A 类客户收入占比", "Tier A share"),
    "kpi_a_share_help": (
        "A 类 = 排在其前面的客户累计收入占比 < {a} 的客户（帕累托二八法则）。",
        "Tier A = customers above whom less than {a} of revenue sits (Pareto 80/20).",
    ),
    "kpi_a_customers": ("{n} 家 A 类客户", "{n} in tier A"),
    "kpi_at_risk": ("流失风险金额", "Revenue at risk"),
    "kpi_at_risk_customers": ("{n} 家客户", "{n} customers"),
    "kpi_at_risk_help_lost": (
        "高风险 + 中风险客户在窗口内的净销售额。已流失客户（超过 {lost} 天未购买）不计入：窗口内已没有可损失的收入，应走挽回流程。",
        "Net revenue in the window of high- and medium-risk customers. Lost customers (no purchase for {lost} days) "
        "are not counted: they have no revenue left in the window to lose; win them back instead.",
    ),
    "kpi_win_rate": ("赢单率", "Win rate"),
    "kpi_win_rate_help": ("赢单 ÷（赢单 + 输单），按商机个数计算。", "Won ÷ (won + lost), counted by opportunities."),
    "kpi_win_rate_none": (
        "未上传商机文件，无法计算赢单率。可在「数据导入」上传商机/销售漏斗文件。",
        "No pipeline file uploaded, so no win rate. Upload an opportunities file under Data import.",
    ),
    # the sales brief
    "brief_download": ("一键生成销售简报", "Download sales brief"),
    "brief_help": (
        "Excel 简报：汇总、各视图明细、口径与阈值说明，按当前筛选和语言生成。",
        "Excel brief: summary, one sheet per view and the definitions used, for the current filters and language.",
    ),
    "brief_file": ("销售简报_{as_of}.xlsx", "sales_brief_{as_of}.xlsx"),
    # the funnel, the churn warnings and the tail
    "funnel_pipeline_title": ("销售漏斗（商机）", "Sales funnel (pipeline)"),
    "funnel_customer_title": ("客户转化漏斗（来自订单）", "Customer funnel (from orders)"),
    "funnel_reached": ("到达", "Reached"),
    "funnel_conversion": ("较上一阶段转化率", "Conversion from the previous stage"),
    "funnel_pipeline_rule": (
        "口径：到达某阶段 = 当前阶段不早于该阶段的商机（赢单的商机到达所有阶段）；百分比为较上一阶段的转化率。",
        "Rule: reached = opportunities whose current stage is at or beyond the stage (won ones reached every stage); "
        "the % is the conversion from the previous stage.",
    ),
    "funnel_customer_hint_repeat": (
        "未上传商机文件，这里显示由订单推算的客户转化漏斗：首次购买 → 再次购买 → 累计 {repeat} 单 → 成为 A 类（A 类客户计入每个阶段，"
        "与 ABC 分层的 A 类客户数相同）；百分比为较上一阶段的转化率。上传商机文件即可看到销售漏斗。",
        "No pipeline uploaded, so this is the customer funnel from orders: first purchase → second purchase → "
        "{repeat}+ orders → tier A (a tier A customer counts at every stage: the ABC page's A count); the % is the "
        "conversion from the previous stage. Upload an opportunities file to see the sales funnel.",
    ),
    "warnings_title": ("流失预警 Top {n}（按风险金额）", "Churn warnings, top {n} by revenue at risk"),
    "no_warnings": ("当前筛选下没有高风险或中风险客户。", "No high- or medium-risk customer with these filters."),
    "tail_rule": ("长尾 = {tail}（按 ABC 分层）", "Long tail = {tail} (from the ABC tiers)"),
    # the weekly review on a projector (issue #11 item 2)
    "present_mode": ("演示模式", "Presentation mode"),
    "present_help": (
        "隐藏侧边栏和页眉，四个视图占满一屏，便于投影；链接中的 ?present=1 会直接打开演示模式。再点一次即退出。",
        "Hides the sidebar and the header so the four views fill one screen for the projector; a link with "
        "?present=1 opens in this mode. Switch it off to get the sidebar back.",
    ),
    # the win-rate card's note under its dash
    "kpi_no_pipeline": ("未导入商机", "No pipeline loaded"),
    "kpi_win_rate_no_closed": ("暂无成交或输单", "None closed yet"),
}
