"""Every label of the UI in one catalogue: key -> (中文, English)."""

from __future__ import annotations

import streamlit as st

LANGS = ("zh", "en")

TEXT: dict[str, tuple[str, str]] = {
    "app_title": ("大客户看板", "Key-Account Dashboard"),
    "page_home": ("数据概览", "Overview"),
    "page_upload": ("数据导入", "Data import"),
    "language": ("语言 / Language", "Language / 语言"),
    "sidebar_upload": ("上传销售文件", "Upload a sales file"),
    "sidebar_upload_help": (
        "订单明细（必需）或商机（可选）：.xlsx / .xls / .xlsm / .csv，支持 GBK、标题行、合并单元格、合计行。",
        "Orders (required) or pipeline (optional): .xlsx / .xls / .xlsm / .csv; GBK, title rows, merged cells "
        "and totals rows are fine.",
    ),
    "data_source_sample": ("当前为示例数据（sample_data/）。上传自己的文件即可替换。", "Showing the bundled sample data (sample_data/). Upload your own file to replace it."),
    "data_source_file": ("当前数据：{file}", "Current data: {file}"),
    "upload_title": ("数据导入", "Data import"),
    "upload_intro": (
        "上传 ERP/CRM/WPS/Excel 导出的订单或商机文件。系统自动识别表头与列的含义，请确认映射后导入。",
        "Upload orders or opportunities exported from your ERP/CRM/WPS/Excel. Columns are recognised "
        "automatically; confirm the mapping, then load.",
    ),
    "upload_widget": ("选择文件", "Choose a file"),
    "reading": ("正在读取文件…", "Reading the file…"),
    "read_done": ("已读取「{file}」：表头在第 {row} 行，{rows} 行数据，{cols} 列。", "Read '{file}': header on row {row}, {rows} data rows, {cols} columns."),
    "sheet": ("工作表", "Sheet"),
    "sheet_help": ("默认选择数据行最多的工作表。", "The sheet with most data rows is chosen by default."),
    "kind": ("文件类型", "File type"),
    "kind_orders": ("订单明细", "Orders"),
    "kind_pipeline": ("商机/销售漏斗", "Pipeline (opportunities)"),
    "mapping_title": ("列映射", "Column mapping"),
    "mapping_intro": (
        "每个系统字段下拉选择文件中对应的列。带 * 为必需字段；问号提示中的置信度来自表头文字和列中的值。",
        "For each system field, pick the column of your file that holds it. * marks required fields; the "
        "confidence (in the ? tip) comes from the header words and the values.",
    ),
    "not_mapped": ("（不使用）", "(not used)"),
    "confidence": ("置信度 {pct}", "confidence {pct}"),
    "missing_required": ("缺少必需字段：{fields}。请在下方为它们选择对应的列。", "Required fields missing: {fields}. Pick their columns below."),
    "preview": ("前 10 行预览", "First 10 rows"),
    "drop_duplicates": ("删除完全重复的行（保留第一行）", "Drop exact duplicate rows (keep the first)"),
    "load_button": ("确认映射并导入", "Confirm mapping and load"),
    "loading": ("正在解析并导入…", "Parsing and loading…"),
    "load_done": ("导入完成", "Loaded"),
    "load_failed": ("导入失败，之前的数据保持不变。", "Load failed; the data loaded before is unchanged."),
    "report_title": ("校验报告", "Validation report"),
    "rows_read": ("读取行数", "Rows read"),
    "rows_loaded": ("导入行数", "Rows loaded"),
    "rows_rejected": ("拒绝行数", "Rows rejected"),
    "duplicate_rows": ("重复行", "Duplicate rows"),
    "rejected_table": ("被拒绝的行（行号为文件中所见行号）", "Rejected rows (row numbers as seen in the file)"),
    "duplicates_table": ("完全重复的行", "Exact duplicate rows"),
    "duplicates_kept": ("{n} 行与前面的行完全相同，已保留（可能是同一订单的两行，也可能是重复导出）。",
                        "{n} rows repeat an earlier row exactly and were kept (two lines of one order, or an export duplicate)."),
    "download_rejected": ("下载被拒绝的行（CSV）", "Download rejected rows (CSV)"),
    "col_row": ("行号", "Row"),
    "col_column": ("列", "Column"),
    "col_value": ("值", "Value"),
    "col_reason": ("原因", "Reason"),
    "drop_duplicates_now": ("一键删除 {n} 行重复并重新导入", "Drop the {n} duplicate rows and reload"),
    "col_content": ("整行内容", "Whole row"),
    "more_fields": ("更多可选字段（{n} 个，未在文件中识别到）", "More optional fields ({n}, not found in the file)"),
    "col_duplicate_of": ("与此行重复", "Duplicate of row"),
    "notes": ("解析说明", "Notes"),
    "go_home": ("查看概览", "Go to the overview"),
    "home_title": ("数据概览", "Overview"),
    "as_of": ("截至日期 (as_of)", "As of"),
    "kpi_revenue": ("近12个月净销售额", "Net revenue, last 12 months"),
    "kpi_customers": ("客户数", "Customers"),
    "kpi_active": ("近12个月活跃客户", "Active customers, last 12 months"),
    "kpi_orders": ("订单行", "Order lines"),
    "monthly_revenue": ("月度净销售额", "Net revenue by month"),
    "month": ("月份", "Month"),
    "net_revenue": ("净销售额", "Net revenue"),
    "top_customers": ("近12个月净销售额前 20 客户", "Top 20 customers by net revenue, last 12 months"),
    "customer": ("客户", "Customer"),
    "customer_name": ("客户名称", "Customer name"),
    "last_order_date": ("最近下单日", "Last order date"),
    "no_data": ("还没有订单数据。请在左侧上传订单文件。", "No orders yet. Upload an orders file in the sidebar."),
    "pipeline_loaded": ("商机：{n} 条（{file}）", "Pipeline: {n} opportunities ({file})"),
    "rule_window": (
        "口径：as_of 默认取数据中最晚的订单日期；近12个月 = as_of 往前 365 天（含当天）；退货（负金额）冲减净销售额。",
        "Rules: as_of defaults to the latest order date in the data; last 12 months = the 365 days ending at as_of; "
        "returns (negative amounts) reduce net revenue.",
    ),
    "filters": ("筛选", "Filters"),
    "period": ("时间范围", "Period"),
    "date_range": ("起止日期", "Date range"),
    "as_of_help": ("默认取数据中最晚的订单日期（文件往往不是今天导出的）。", "Defaults to the latest order date in the data (files are often old)."),
    "all": ("全部", "All"),
    "window_line": ("分析窗口 {start} 至 {end}（{days} 天）", "Window {start} to {end} ({days} days)"),
    # 流失预警 page (ui/churn_view.py)
    "page_churn": ("流失预警", "Churn warnings"),
    "churn_title": ("流失预警 · 客户回访清单", "Churn warnings · call list"),
    "churn_rule": (
        "规则：购买周期 = 相邻购买日间隔的中位数（至少 {min_days} 个购买日，否则按 {cycle} 天）；逾期倍数 = 距上次购买天数 ÷ 周期；"
        "下滑 = 近 {recent} 天销售额较之前 {prior} 天季度均值的降幅。超过 {lost} 天未购买为已流失；逾期 ≥ {ho} 倍或下滑 ≥ {hd} 为高风险；"
        "逾期 ≥ {mo} 倍或下滑 ≥ {md} 为中风险。风险金额 = 分析窗口内的净销售额。",
        "Rule: a purchase cycle is the median gap between purchase days (at least {min_days} purchase days, else {cycle} days); "
        "overdue = days since the last purchase ÷ cycle; decline = the drop of the last {recent} days against the quarterly "
        "average of the {prior} days before. No purchase for over {lost} days: lost; overdue ≥ {ho}× or decline ≥ {hd}: high risk; "
        "overdue ≥ {mo}× or decline ≥ {md}: medium risk. Revenue at risk = net revenue in the analysis window.",
    ),
    "churn_edit_rules": ("调整预警阈值", "Adjust the warning thresholds"),
    "churn_default_cycle": ("默认购买周期（天）", "Default purchase cycle (days)"),
    "churn_default_cycle_help": ("购买日少于 3 天的客户没有可靠的周期，按此天数计算。", "Customers with fewer than 3 purchase days have no reliable cycle; this one is used."),
    "churn_lost_after": ("超过多少天未购买算已流失", "Lost after this many days without a purchase"),
    "churn_high_overdue": ("高风险：逾期倍数 ≥", "High risk: overdue ≥ (× cycle)"),
    "churn_medium_overdue": ("中风险：逾期倍数 ≥", "Medium risk: overdue ≥ (× cycle)"),
    "churn_high_decline": ("高风险：销售额下滑 ≥ (%)", "High risk: decline ≥ (%)"),
    "churn_medium_decline": ("中风险：销售额下滑 ≥ (%)", "Medium risk: decline ≥ (%)"),
    "churn_rules_inverted": ("中风险阈值高于高风险阈值：满足高风险条件的客户会先被判为高风险。", "A medium-risk threshold is above the high-risk one: customers meeting the high-risk rule are judged high first."),
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
    "churn_no_customers": ("当前筛选条件下没有客户。请在左侧放宽筛选（区域、部门、客户经理等）或调整截至日期。",
                           "No customer under the current filters. Widen the sidebar filters (region, team, account manager…) or move the as-of date."),
    "churn_list_empty": ("所选等级和客户经理下没有客户。请在上方增加预警等级，或清空客户经理筛选。",
                         "No customer at the chosen levels for the chosen account managers. Add levels above, or clear the account-manager filter."),
    "churn_col_level": ("预警等级", "Level"),
    "churn_col_reason": ("预警原因", "Reason"),
    "churn_col_revenue_at_risk": ("风险金额（元）", "Revenue at risk (¥)"),
    "churn_col_owner": ("客户经理", "Account manager"),
    "churn_col_last_purchase": ("最近购买日", "Last purchase"),
    "churn_col_cycle_days": ("购买周期（天）", "Cycle (days)"),
    "churn_col_days_since_last": ("距上次购买（天）", "Days since last purchase"),
    "churn_col_overdue": ("逾期倍数", "Overdue (× cycle)"),
    "churn_col_overdue_help": ("距上次购买天数 ÷ 购买周期", "Days since the last purchase ÷ purchase cycle"),
    "churn_col_decline": ("销售额下滑", "Decline"),
    "churn_col_decline_help": ("近 90 天销售额较前期季度均值的降幅；负数表示增长", "Drop of the last 90 days against the prior quarterly average; negative means growth"),
    "download_csv": ("下载 CSV", "Download CSV"),
    "download_xlsx": ("下载 Excel", "Download Excel"),
}


def lang() -> str:
    value = st.session_state.get("lang", "zh")
    return value if value in LANGS else "zh"


def t(key: str, **fmt) -> str:
    zh, en = TEXT[key]
    text = zh if lang() == "zh" else en
    return text.format(**fmt) if fmt else text
