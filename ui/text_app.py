"""The app's frame: its title, the page names in the navigation, the sidebar's data line, the
global filters, the comparison with the previous window, the rules line and the download buttons.

key -> (中文, English); ui/text.py merges every part into TEXT and refuses a key defined twice.
"""

APP_TEXT: dict[str, tuple[str, str]] = {
    # the navigation (app.py): the app's title and one name per page
    "app_title": ("大客户看板", "Key-Account Dashboard"),
    "language": ("语言 / Language", "Language / 语言"),
    "page_weekly": ("周会看板", "Weekly review"),
    "page_upload": ("数据导入", "Data import"),
    "page_abc": ("ABC 分层", "ABC tiers"),
    "page_rfm": ("RFM 分群", "RFM segments"),
    "page_long_tail": ("长尾客户", "Long tail"),
    "page_churn": ("流失预警", "Churn warnings"),
    "page_funnel": ("销售漏斗", "Sales funnel"),
    "page_profile": ("客户档案", "Customer profile"),
    "page_changes": ("本周变化", "What changed"),
    "page_datasets": ("数据集", "Datasets"),
    "page_relationships": ("客户关系", "Relationships"),
    "page_duplicates": ("客户去重", "Duplicate customers"),
    "page_cohorts": ("客户留存", "Cohorts"),
    # the sidebar: the data on screen and the global filters (ui/filters.py, ui/global_filters.py)
    "data_source_sample": (
        "当前为示例数据（sample_data/）。上传自己的文件即可替换。",
        "Showing the bundled sample data (sample_data/). Upload your own file to replace it.",
    ),
    "data_source_file": ("当前数据：{file}", "Current data: {file}"),
    "pipeline_loaded": ("商机：{n} 条（{file}）", "Pipeline: {n} opportunities ({file})"),
    "as_of": ("数据截至日期", "Data as of"),
    "filters": ("筛选", "Filters"),
    "period": ("时间范围", "Period"),
    "date_range": ("起止日期", "Date range"),
    "as_of_help": (
        "默认取数据中最晚的订单日期（文件往往不是今天导出的）。",
        "Defaults to the latest order date in the data (files are often old).",
    ),
    "all": ("全部", "All"),
    "window_line": ("分析窗口 {start} 至 {end}（{days} 天）", "Window {start} to {end} ({days} days)"),
    "no_data": ("还没有订单数据。请在左侧上传订单文件。", "No orders yet. Upload an orders file in the sidebar."),
    "no_customers_in_filter": (
        "当前筛选条件下窗口内没有客户订单。请放宽左侧的区域/行业/客户经理等筛选，或把截至日期、时间范围往前调。",
        "No customer has orders in this window with these filters. Widen the region / industry / manager filters "
        "in the sidebar, or move the as-of date or period.",
    ),
    # —— one set of rules (ui/rules.py): a page using rules set on another page names that page ——
    "rules_set_on": ("（在「{page}」页设置）", " (set on the {page} page)"),
    "rules_default_on": ("（默认值，可在「{page}」页调整）", " (default; change it on the {page} page)"),
    # issue #11 item 3: the previous window's coverage (ui/comparison.py)
    "cmp_previous_window": (
        "上期：{start} 至 {end}，{days}/{total} 天有数据。",
        "Previous window: {start} to {end}, data for {days} of its {total} days.",
    ),
    "cmp_partial_short": ("上期仅 {days}/{total} 天有数据", "Previous: data for {days}/{total} days"),
    "cmp_partial": (
        "上一周期（{start} 至 {end}）仅有 {days}/{total} 天数据，不足 {min}，不显示与上一周期的变化。",
        "The previous window ({start} to {end}) has data for only {days} of its {total} days, under {min}: "
        "no change against it is shown.",
    ),
    # a table's download buttons (ui/downloads.py)
    "download_csv": ("下载 CSV", "Download CSV"),
    "download_xlsx": ("下载 Excel", "Download Excel"),
}
