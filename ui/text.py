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
    "duplicates_kept": ("{n} 行与前面的行完全相同，已保留。如为重复导出，可勾选「删除完全重复的行」后重新导入。",
                        "{n} rows repeat an earlier row exactly and were kept. If they are export duplicates, tick 'Drop exact duplicate rows' and load again."),
    "download_rejected": ("下载被拒绝的行（CSV）", "Download rejected rows (CSV)"),
    "col_row": ("行号", "Row"),
    "col_column": ("列", "Column"),
    "col_value": ("值", "Value"),
    "col_reason": ("原因", "Reason"),
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
}


def lang() -> str:
    value = st.session_state.get("lang", "zh")
    return value if value in LANGS else "zh"


def t(key: str, **fmt) -> str:
    zh, en = TEXT[key]
    text = zh if lang() == "zh" else en
    return text.format(**fmt) if fmt else text
