"""Revenue over time (issue #14): the cohorts page (views/cohorts.py, ui/cohorts_view.py) and
the gain/loss bridge on the changes page (ui/bridge_view.py).

key -> (中文, English); ui/text.py merges every part into TEXT and refuses a key defined twice.
"""

COHORTS_TEXT: dict[str, tuple[str, str]] = {
    # —— issue #14: cohorts (ui/cohorts_view.py) ——
    "coh_title": ("客户留存", "Cohorts"),
    "coh_intro": (
        "按首次购买月份分组（同期群），看每组客户在之后各月是否仍在购买、贡献多少收入。第 0 月是首购当月，即整组客户。",
        "Customers grouped by the month of their first purchase (cohorts), and how many still buy in each later "
        "month and what they spend. Month 0 is the first-purchase month itself: the whole cohort.",
    ),
    "coh_empty": ("截至分析日期没有订单。", "No orders up to the as-of date."),
    "coh_measure": ("显示", "Show"),
    "coh_measure_share": ("留存客户占比", "Customers retained (% of cohort)"),
    "coh_measure_customers": ("留存客户数", "Customers retained"),
    "coh_measure_revenue": ("收入", "Revenue"),
    "coh_hover": (
        "同期群 {cohort} · 第 {month} 月<br>客户 {customers}（{share}）<br>收入 {revenue}",
        "Cohort {cohort} · month {month}<br>{customers} customers ({share})<br>revenue {revenue}",
    ),
    "coh_month_axis": ("首购后第 n 月", "Month n after the first purchase"),
    "coh_cohort_axis": ("首购月份", "First-purchase month"),
    "coh_month_col": ("第{n}月", "Month {n}"),
    "coh_col_size": ("客户数", "Customers"),
    "coh_col_cohort": ("同期群", "Cohort"),
    "coh_col_month": ("第 n 月", "Month n"),
    "coh_col_customers": ("留存客户数", "Customers retained"),
    "coh_col_share": ("占同期群", "Share of cohort"),
    "coh_col_revenue": ("收入", "Revenue"),
    "coh_table": ("留存表", "Retention table"),
    "coh_rule": (
        "同期群 = 截至分析日期全部历史中首次正金额购买的月份；第 n 月留存 = 该月有正金额购买的客户（只有退货的月份不算），"
        "收入为这些客户当月的净收入。与命令行报告中的留存数据相同。",
        "Cohort = the month of the first positive purchase over the whole history up to the data-as-of date; retained in month "
        "n = a positive purchase that month (a month of returns only does not count), with those customers' net "
        "revenue that month. The same numbers as the command-line report's cohorts.",
    ),
    # —— issue #14: the gain/loss bridge (ui/bridge_view.py, on the changes page) ——
    "brg_title": ("收入增减桥", "Gain/loss bridge"),
    "brg_window_title": ("收入增减桥：本窗口与上一窗口", "Gain/loss bridge: this window against the one before"),
    "brg_part_new": ("新客户", "New"),
    "brg_part_grown": ("增长", "Grown"),
    "brg_part_steady": ("持平", "Steady"),
    "brg_part_shrunk": ("下降", "Shrunk"),
    "brg_part_lost": ("流失", "Lost"),
    "brg_part_total_change": ("合计变化", "Total change"),
    "brg_window_chart": ("上一窗口 → 本窗口（各 {days} 天）", "Previous window → this window ({days} days each)"),
    "brg_total_of": ("{name} 合计", "{name} total"),
    "brg_window_before": ("上一窗口 {start}～{end}", "Previous {start} to {end}"),
    "brg_window_now": ("本窗口 {start}～{end}", "Window {start} to {end}"),
    "brg_sum": ("{parts} = 合计变化 {total} {ok}（精确到分）", "{parts} = total change {total} {ok} (to the cent)"),
    "brg_counts": ("客户数：{items}", "Customers: {items}"),
    "brg_sep": ("，", ", "),
    "brg_active_same": (
        "新客户 − 流失 = {net}，与周会看板上活跃客户的变化相同。",
        "New − lost = {net}, the same as the change in active customers on the weekly review.",
    ),
    "brg_active_differs": (
        "新客户 − 流失 = {net}（按窗口净收入是否为正计）；周会看板的活跃客户（窗口内有正金额订单）变化 {active}："
        "相差的 {other} 是下过单但窗口净额 ≤ 0（退货不少于采购）的客户数的变化。",
        "New − lost = {net} (by whether the window's net revenue is positive); active customers on the weekly "
        "review (a positive order line in the window) changed by {active}: the {other} between them is the "
        "change in customers who ordered but netted ≤ 0 (returns at least as large as purchases).",
    ),
    "brg_by_tier": ("按分层", "By tier"),
    "brg_by_region": ("按区域", "By region"),
    "brg_by_account_manager": ("按客户经理", "By account manager"),
    "brg_missing_columns": (
        "这份数据没有{columns}列，因此没有按它们的拆分；导入时映射这些列即可。",
        "The data has no {columns} column, so there is no split by it; map it when importing.",
    ),
    "brg_rule": (
        "每个客户的变化 Δ = 本期收入 − 上期收入：新客户（上期 ≤ 0，本期 > 0）、流失（上期 > 0，本期 ≤ 0）、"
        "增长 / 下降（两期都 > 0，Δ > 0 / < 0）、持平（其余）。拆分按客户在上期的分层、区域和客户经理（新客户按本期）。"
        "收入指净销售额，所以下过单但净额 ≤ 0 的客户不算新客户，却算活跃客户。",
        "Per customer Δ = revenue now − revenue before: new (before ≤ 0, now > 0), lost (before > 0, now ≤ 0), "
        "grown / shrunk (both > 0, Δ > 0 / < 0), steady (the rest). The split uses each customer's tier, region "
        "and manager in the earlier period (a new customer's in the later one). Revenue is net: a customer who "
        "ordered but netted ≤ 0 is not new, though it is an active customer.",
    ),
    "coh_labels_span": (
        "超过 24 个月，格子太窄放不下所有数字：图中只标出下表所选月份（框内；占比为百分数，收入单位见色条）。"
        "每格的数值都在悬停提示、下表和下载文件中。",
        "Past 24 months the cells are too narrow for every figure: the chart labels the months picked for the table "
        "below (outlined; shares in %, revenue in the colour bar's unit). Every cell's figure is in its hover, the "
        "table and the download.",
    ),
}
