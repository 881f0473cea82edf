"""Words every table and chart shares (column headers, units, the ABC metrics) and the
column groups of a wide table (ui/grid.py).

key -> (中文, English); ui/text.py merges every part into TEXT and refuses a key defined twice.
"""

TABLES_TEXT: dict[str, tuple[str, str]] = {
    # —— shared words: column headers, units and the ABC metrics, on many pages and in the brief ——
    "month": ("月份", "Month"),
    "net_revenue": ("净销售额", "Net revenue"),
    "customer": ("客户", "Customer"),
    "customer_name": ("客户名称", "Customer name"),
    "last_order_date": ("最近下单日", "Last order date"),
    "customer_share": ("客户数占比", "% of customers"),
    "customers_count": ("客户数", "Customers"),
    "customers_unit": ("家客户", "customers"),
    "days_unit": ("天", "days"),
    "revenue_share": ("收入占比", "% of revenue"),
    "revenue_at_risk": ("风险金额", "Revenue at risk"),
    "level": ("风险等级", "Risk level"),
    "reason": ("原因", "Reason"),
    "owner": ("客户经理", "Account manager"),
    "no_manager": ("（无客户经理）", "(no account manager)"),
    "not_recorded": ("（未填写）", "(not recorded)"),
    "tier": ("分层", "Tier"),
    "segment": ("RFM 分群", "RFM segment"),
    "rank": ("排名", "Rank"),
    "cum_share": ("累计占比", "Cumulative %"),
    "metric_net_revenue": ("净销售额", "Net revenue"),
    "metric_gross_profit": ("毛利", "Gross profit"),
    "metric_order_count": ("订单数", "Orders"),
    # a wide table's columns in groups, one shown at a time, so it fits a laptop (issue #11)
    "grid_columns": ("显示列", "Columns"),
    "grid_view_call": ("电话清单", "Call list"),
    "grid_view_figures": ("判定依据", "Figures behind the level"),
    "grid_view_forecast": ("购买预测", "Forecast"),
    "grid_view_revenue": ("收入与客户经理", "Revenue and manager"),
    "grid_view_loyalty": ("忠诚度", "Loyalty"),
    "grid_view_survey": ("满意度与转介绍", "Survey and referrals"),
    "grid_view_relationship": ("关系层级与生命周期", "Relationship and lifecycle"),
    "grid_view_months": ("第 {a}–{b} 月", "Months {a}–{b}"),
}
