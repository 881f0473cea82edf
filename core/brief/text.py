"""Every word of the Excel brief in (中文, English): sheet names, titles, headers, notes.

Codes (tiers, segments, levels, stages) get their words from core.labels; the rules sheet builds its
sentences in core.report_definitions from these and the actual thresholds.
"""

from __future__ import annotations

TEXT: dict[str, tuple[str, str]] = {
    # sheet names (Excel allows 31 characters and no []:*?/\)
    "sheet_summary": ("摘要", "Summary"),
    "sheet_abc": ("ABC 分层", "ABC tiers"),
    "sheet_rfm": ("RFM 分群", "RFM segments"),
    "sheet_churn": ("流失预警", "Churn warnings"),
    "sheet_tail": ("长尾客户", "Long tail"),
    "sheet_funnel": ("销售漏斗", "Funnel"),
    "sheet_definitions": ("口径说明", "Definitions"),
    # summary
    "brief_title": ("销售简报（截至 {as_of}）", "Sales brief, as of {as_of}"),
    "brief_title_empty": ("销售简报（无订单数据）", "Sales brief (no orders)"),
    "item": ("项目", "Item"),
    "value": ("数值", "Value"),
    "section_data": ("数据", "Data"),
    "as_of": ("截至日期 (as_of)", "As of"),
    "window": ("分析窗口", "Analysis window"),
    "window_value": ("{start} 至 {end}（{days} 天）", "{start} to {end} ({days} days)"),
    "filters": ("筛选条件", "Filters"),
    "no_filters": ("无（全部数据）", "None (all data)"),
    "orders_file": ("订单数据文件", "Orders file"),
    "pipeline_file": ("商机数据文件", "Pipeline file"),
    "file_sheet": ("{file}（工作表：{sheet}）", "{file} (sheet: {sheet})"),
    "rows_read": ("读取行数", "Rows read"),
    "rows_loaded": ("载入行数", "Rows loaded"),
    "rows_rejected": ("拒绝行数", "Rows rejected"),
    "pipeline_rows_loaded": ("商机载入行数", "Opportunities loaded"),
    "pipeline_rows_rejected": ("商机拒绝行数", "Opportunities rejected"),
    "section_kpis": ("关键指标", "Key figures"),
    "kpi_net_revenue": ("净销售额", "Net revenue"),
    "kpi_active": ("活跃客户数", "Active customers"),
    "kpi_a_share": ("A 类客户销售额占比", "A-tier revenue share"),
    "kpi_at_risk": ("风险销售额（中、高风险客户）", "Revenue at risk (medium and high risk)"),
    "kpi_win_rate": ("赢单率", "Win rate"),
    "not_available": ("无（未上传商机或无已结束商机）", "n/a (no pipeline or no closed opportunity)"),
    "section_tiers": ("各层客户数", "Customers per tier"),
    "section_levels": ("各级预警客户数", "Customers per warning level"),
    "no_orders": (
        "所选范围内没有订单：请放宽筛选条件或调整截至日期。",
        "No orders in the selected range: widen the filters or move as_of.",
    ),
    # shared headers
    "rank": ("排名", "Rank"),
    "customer": ("客户", "Customer"),
    "customer_name": ("客户名称", "Customer name"),
    "tier": ("层级", "Tier"),
    "net_revenue": ("净销售额", "Net revenue"),
    "cum_before": ("前序累计占比", "Cumulative share before"),
    "account_manager": ("客户经理", "Account manager"),
    "service_level": ("建议服务方式", "Recommended service"),
    "customers_count": ("客户数", "Customers"),
    "customer_share": ("客户数占比", "Share of customers"),
    "revenue_share": ("销售额占比", "Share of revenue"),
    "blank": ("（未填写）", "(blank)"),
    # ABC
    "abc_customers": ("客户分层明细", "Customers by tier"),
    "abc_summary": ("分层汇总", "Tier summary"),
    "abc_chart": ("各层净销售额", "Net revenue per tier"),
    "abc_coverage": ("客户经理覆盖", "Account-manager coverage"),
    "a_customers_count": ("A 类客户数", "Tier A customers"),
    "no_manager": ("（无客户经理）", "(no account manager)"),
    # RFM
    "rfm_customers": ("客户 RFM 明细", "Customers by RFM"),
    "rfm_summary": ("分群汇总", "Segment summary"),
    "rfm_chart": ("各分群客户数", "Customers per segment"),
    "segment": ("分群", "Segment"),
    "recency_days": ("R 最近购买距今（天）", "R: days since last order"),
    "frequency": ("F 订单数", "F: orders"),
    "monetary": ("M 净销售额", "M: net revenue"),
    "is_recency_high": ("R 高", "R high"),
    "is_frequency_high": ("F 高", "F high"),
    "is_monetary_high": ("M 高", "M high"),
    "rfm_score": ("RFM 评分（1-5）", "RFM score (1-5)"),
    "yes": ("是", "yes"),
    "no": ("否", "no"),
    # churn
    "churn_list": ("流失预警名单（按风险销售额排序）", "Call list, by revenue at risk"),
    "churn_summary": ("各级预警", "Warnings per level"),
    "churn_chart": ("需跟进客户的销售额（按预警级别）", "Revenue of the customers to call, per level"),
    "level": ("预警级别", "Level"),
    "reason": ("原因", "Reason"),
    "revenue_at_risk": ("风险销售额", "Revenue at risk"),
    "owner": ("负责人", "Owner"),
    "last_purchase_date": ("最近购买日", "Last purchase date"),
    "cycle_days": ("购买周期（天）", "Cycle (days)"),
    "overdue": ("超期倍数", "Overdue"),
    "decline": ("近期销售额（vs 此前季均）", "Last quarter (vs prior quarterly average)"),
    "no_warnings": ("没有需要跟进的客户。", "No customer needs a call."),
    # long tail
    "tail_figures": ("长尾概况", "Long tail at a glance"),
    "tail_customers_count": ("长尾客户数", "Tail customers"),
    "tail_customer_share": ("长尾客户数占比", "Tail share of customers"),
    "tail_net_revenue": ("长尾净销售额", "Tail net revenue"),
    "tail_revenue_share": ("长尾销售额占比", "Tail share of revenue"),
    "gini": ("基尼系数", "Gini coefficient"),
    "tail_chart": ("长尾：客户数占比与销售额占比", "Tail: share of customers vs share of revenue"),
    "tail_group": ("客户群", "Group"),
    "tail_group_tail": ("长尾客户", "Tail"),
    "tail_group_head": ("其余客户", "Everyone else"),
    "tail_by": ("长尾销售额 · 按{dimension}", "Tail revenue by {dimension}"),
    "tail_growing": ("增长最快的长尾客户", "Fastest-growing tail customers"),
    "first_half_revenue": ("前半窗口销售额", "First half revenue"),
    "last_half_revenue": ("后半窗口销售额", "Last half revenue"),
    "revenue_change": ("增加额", "Change"),
    "growth_ratio": ("增长倍数", "Growth ratio"),
    "tail_per_manager": ("各客户经理的长尾客户", "Tail customers per account manager"),
    # funnel
    "funnel_pipeline": ("商机漏斗", "Pipeline funnel"),
    "funnel_customers": ("客户转化漏斗（按订单）", "Customer funnel, from orders"),
    "funnel_chart": ("各阶段到达数", "Reached per stage"),
    "funnel_note_orders": (
        "未上传商机文件：按订单生成客户转化漏斗（首次购买 → 再次购买 → 累计 {repeat} 单 → A 类）。上传商机文件可查看销售阶段漏斗。",
        "No pipeline file: the customer funnel is built from orders (first purchase → second purchase → "
        "{repeat}+ orders → tier A). Upload a pipeline file for the sales-stage funnel.",
    ),
    "funnel_note_empty": ("筛选后没有商机。", "The filters leave no opportunity."),
    "funnel_note_amount_won_only": (
        "金额只记录在赢单上，输单和进行中的商机没有金额：按金额的赢率和到达金额没有意义，请看按数量的数字。",
        "Only won deals carry an amount; lost and open ones have none, so the amount win rate and reached "
        "amounts say nothing: read the count figures.",
    ),
    "position": ("序号", "#"),
    "stage": ("阶段", "Stage"),
    "kind": ("类型", "Kind"),
    "reached": ("到达数", "Reached"),
    "reached_amount": ("到达金额", "Reached amount"),
    "conversion": ("转化率", "Conversion"),
    "amount_conversion": ("金额转化率", "Amount conversion"),
    "win_rate_table": ("赢单率", "Win rate"),
    "won_count": ("赢单数", "Won"),
    "lost_count": ("输单数", "Lost"),
    "win_rate": ("赢单率（按数量）", "Win rate (count)"),
    "won_amount": ("赢单金额", "Won amount"),
    "lost_amount": ("输单金额", "Lost amount"),
    "amount_win_rate": ("赢单率（按金额）", "Win rate (amount)"),
    # definitions
    "definitions_title": (
        "口径说明：每个数字如何得出（可手工核对）",
        "Definitions: how each figure is produced (check by hand)",
    ),
    "topic": ("分析", "Analysis"),
    "rule": ("规则", "Rule"),
    "setting": ("取值", "Value"),
}


def words(key: str, lang: str, **fmt) -> str:
    """The text for key in lang ('zh' or 'en'), formatted with fmt."""
    zh, en = TEXT[key]
    chosen = zh if lang == "zh" else en
    return chosen.format(**fmt) if fmt else chosen
