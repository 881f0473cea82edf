"""Every label of the UI in one catalogue: key -> (中文, English)."""

from __future__ import annotations

import datetime as dt
from numbers import Number

import streamlit as st

from ui.markdown import Markdown, plain
from ui.text_access import ACCESS_TEXT

LANGS = ("zh", "en")

TEXT: dict[str, tuple[str, str]] = {
    "app_title": ("大客户看板", "Key-Account Dashboard"),
    "page_upload": ("数据导入", "Data import"),
    "language": ("语言 / Language", "Language / 语言"),
    "sidebar_upload": ("上传销售文件", "Upload a sales file"),
    "sidebar_upload_help": (
        "订单明细（必需）或商机（可选）：.xlsx / .xls / .xlsm / .csv，支持 GBK、标题行、合并单元格、合计行。",
        "Orders (required) or pipeline (optional): .xlsx / .xls / .xlsm / .csv; GBK, title rows, merged cells "
        "and totals rows are fine.",
    ),
    "data_source_sample": (
        "当前为示例数据（sample_data/）。上传自己的文件即可替换。",
        "Showing the bundled sample data (sample_data/). Upload your own file to replace it.",
    ),
    "data_source_file": ("当前数据：{file}", "Current data: {file}"),
    "upload_title": ("数据导入", "Data import"),
    "upload_intro": (
        "上传 ERP/CRM/WPS/Excel 导出的订单或商机文件。系统自动识别表头与列的含义，请确认映射后导入。",
        "Upload orders or opportunities exported from your ERP/CRM/WPS/Excel. Columns are recognised "
        "automatically; confirm the mapping, then load.",
    ),
    "reading": ("正在读取文件…", "Reading the file…"),
    "read_done": (
        "已读取「{file}」：表头在第 {row} 行，{rows} 行数据，{cols} 列。",
        "Read '{file}': header on row {row}, {rows} data rows, {cols} columns.",
    ),
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
    "unit_scale": ("×{factor}（{unit}）", "×{factor} ({unit})"),
    "missing_required": (
        "缺少必需字段：{fields}。请在下方为它们选择对应的列。",
        "Required fields missing: {fields}. Pick their columns below.",
    ),
    "preview": ("前 10 行预览", "First 10 rows"),
    "drop_duplicates": ("删除完全重复的行（保留第一行）", "Drop exact duplicate rows (keep the first)"),
    "load_button": ("确认映射并导入", "Confirm mapping and load"),
    "loading": ("正在解析并导入…", "Parsing and loading…"),
    "load_done": ("导入完成", "Loaded"),
    "progress_read": ("正在读取 {total:,} 行…", "Reading {total:,} rows…"),
    "progress_parse": ("已解析 {done:,} / {total:,} 行", "Parsed {done:,} of {total:,} rows"),
    "progress_load": ("正在导入 {total:,} 行…", "Loading {total:,} rows…"),
    "load_failed": ("导入失败，之前的数据保持不变。", "Load failed; the data loaded before is unchanged."),
    "report_title": ("校验报告", "Validation report"),
    "rows_read": ("读取行数", "Rows read"),
    "rows_loaded": ("导入行数", "Rows loaded"),
    "rows_rejected": ("拒绝行数", "Rows rejected"),
    "duplicate_rows": ("重复行", "Duplicate rows"),
    "rejected_table": ("被拒绝的行（行号为文件中所见行号）", "Rejected rows (row numbers as seen in the file)"),
    "duplicates_table": ("完全重复的行", "Exact duplicate rows"),
    "duplicates_kept": (
        "{n} 行与前面的行完全相同，已保留（可能是同一订单的两行，也可能是重复导出）。",
        "{n} rows repeat an earlier row exactly and were kept (two lines of one order, or an export duplicate).",
    ),
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
    "as_of": ("数据截至日期", "Data as of"),
    "kpi_active": ("近12个月活跃客户", "Active customers, last 12 months"),
    "month": ("月份", "Month"),
    "net_revenue": ("净销售额", "Net revenue"),
    "customer": ("客户", "Customer"),
    "customer_name": ("客户名称", "Customer name"),
    "last_order_date": ("最近下单日", "Last order date"),
    "no_data": ("还没有订单数据。请在左侧上传订单文件。", "No orders yet. Upload an orders file in the sidebar."),
    "pipeline_loaded": ("商机：{n} 条（{file}）", "Pipeline: {n} opportunities ({file})"),
    "filters": ("筛选", "Filters"),
    "period": ("时间范围", "Period"),
    "date_range": ("起止日期", "Date range"),
    "as_of_help": (
        "默认取数据中最晚的订单日期（文件往往不是今天导出的）。",
        "Defaults to the latest order date in the data (files are often old).",
    ),
    "all": ("全部", "All"),
    "window_line": ("分析窗口 {start} 至 {end}（{days} 天）", "Window {start} to {end} ({days} days)"),
    # 流失预警 page (ui/churn_view.py)
    "page_churn": ("流失预警", "Churn warnings"),
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
    "download_csv": ("下载 CSV", "Download CSV"),
    "download_xlsx": ("下载 Excel", "Download Excel"),
    # —— 周会看板 / Weekly review (home) ——
    "page_weekly": ("周会看板", "Weekly review"),
    "page_abc": ("ABC 分层", "ABC tiers"),
    "page_rfm": ("RFM 分群", "RFM segments"),
    "page_long_tail": ("长尾客户", "Long tail"),
    "page_funnel": ("销售漏斗", "Sales funnel"),
    "page_profile": ("客户档案", "Customer profile"),
    "page_changes": ("本周变化", "What changed"),
    "page_datasets": ("数据集", "Datasets"),
    "weekly_title": ("周会看板", "Weekly review"),
    "weekly_rules": (
        "ABC 按{metric}：累计占比 < {a} 为 A 类、< {b} 为 B 类",
        "ABC by {metric}: cumulative share < {a} is A, < {b} is B",
    ),
    "no_customers_in_filter": (
        "当前筛选条件下窗口内没有客户订单。请放宽左侧的区域/行业/客户经理等筛选，或把截至日期、时间范围往前调。",
        "No customer has orders in this window with these filters. Widen the region / industry / manager filters "
        "in the sidebar, or move the as-of date or period.",
    ),
    "kpi_net_revenue": ("窗口内净销售额", "Net revenue"),
    "kpi_net_revenue_help": (
        "窗口内订单金额合计，退货（负金额）冲减；箭头为与上一个等长窗口相比的变化。",
        "Sum of order amounts in the window, returns (negative amounts) deducted; the change is "
        "against the previous window of equal length.",
    ),
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
    "kpi_win_rate": ("赢单率", "Win rate"),
    "kpi_win_rate_help": ("赢单 ÷（赢单 + 输单），按商机个数计算。", "Won ÷ (won + lost), counted by opportunities."),
    "kpi_win_rate_none": (
        "未上传商机文件，无法计算赢单率。可在「数据导入」上传商机/销售漏斗文件。",
        "No pipeline file uploaded, so no win rate. Upload an opportunities file under Data import.",
    ),
    "brief_download": ("一键生成销售简报", "Download sales brief"),
    "brief_help": (
        "Excel 简报：汇总、各视图明细、口径与阈值说明，按当前筛选和语言生成。",
        "Excel brief: summary, one sheet per view and the definitions used, for the current filters and language.",
    ),
    "brief_file": ("销售简报_{as_of}.xlsx", "sales_brief_{as_of}.xlsx"),
    "funnel_pipeline_title": ("销售漏斗（商机）", "Sales funnel (pipeline)"),
    "funnel_customer_title": ("客户转化漏斗（来自订单）", "Customer funnel (from orders)"),
    "funnel_reached": ("到达", "Reached"),
    "funnel_conversion": ("较上一阶段转化率", "Conversion from the previous stage"),
    "funnel_pipeline_rule": (
        "口径：到达某阶段 = 当前阶段不早于该阶段的商机（赢单的商机到达所有阶段）；百分比为较上一阶段的转化率。",
        "Rule: reached = opportunities whose current stage is at or beyond the stage (won ones reached every stage); "
        "the % is the conversion from the previous stage.",
    ),
    "warnings_title": ("流失预警 Top {n}（按风险金额）", "Churn warnings, top {n} by revenue at risk"),
    "no_warnings": ("当前筛选下没有高风险或中风险客户。", "No high- or medium-risk customer with these filters."),
    "tail_rule": ("长尾 = {tail}（按 ABC 分层）", "Long tail = {tail} (from the ABC tiers)"),
    # —— one set of rules (ui/rules.py): a page using rules set on another page names that page ——
    "rules_set_on": ("（在「{page}」页设置）", " (set on the {page} page)"),
    "rules_default_on": ("（默认值，可在「{page}」页调整）", " (default; change it on the {page} page)"),
    "churn_rule_short": (
        "口径：购买周期 = 相邻购买日间隔的中位数（不足 {min_days} 个购买日按 {cycle} 天）；超期 ≥ {ho} 倍或近 {recent} 天收入较此前"
        "季度均值下降 ≥ {hd} 为高风险，≥ {mo} 倍或 ≥ {md} 为中风险；超过 {lost} 天未购买为已流失。",
        "Rule: the purchase cycle is the median gap between purchase days ({cycle} days with fewer than {min_days}); "
        "{ho}× overdue or the last {recent} days down {hd} on the prior quarterly average is high risk, {mo}× or {md} "
        "medium; lost after {lost} days without a purchase.",
    ),
    "kpi_at_risk_help_lost": (
        "高风险 + 中风险客户在窗口内的净销售额。已流失客户（超过 {lost} 天未购买）不计入：窗口内已没有可损失的收入，应走挽回流程。",
        "Net revenue in the window of high- and medium-risk customers. Lost customers (no purchase for {lost} days) "
        "are not counted: they have no revenue left in the window to lose; win them back instead.",
    ),
    "funnel_customer_hint_repeat": (
        "未上传商机文件，这里显示由订单推算的客户转化漏斗：首次购买 → 再次购买 → 累计 {repeat} 单 → 成为 A 类（A 类客户计入每个阶段，"
        "与 ABC 分层的 A 类客户数相同）；百分比为较上一阶段的转化率。上传商机文件即可看到销售漏斗。",
        "No pipeline uploaded, so this is the customer funnel from orders: first purchase → second purchase → "
        "{repeat}+ orders → tier A (a tier A customer counts at every stage: the ABC page's A count); the % is the "
        "conversion from the previous stage. Upload an opportunities file to see the sales funnel.",
    ),
    "profile_rule_metric": (
        "规则：ABC 按分析窗口内{metric}，累计前 {a} 为 A、至 {b} 为 B{abc_where}；RFM 与全体客户均值比较；预警：超过 {lost} 天未购买为已流失，"
        "逾期 ≥ {ho} 倍或下滑 ≥ {hd} 为高风险，≥ {mo} 倍或 ≥ {md} 为中风险{churn_where}；生命周期：首购不足 {new} 天为新客户，"
        "近 {period} 天较前 {period} 天增长 > {up} 为成长、下降 > {down} 为衰退。",
        "Rule: ABC on {metric} in the window, A up to {a} cumulative, B up to {b}{abc_where}; RFM against the mean of all "
        "customers; warning: lost after {lost} days without a purchase, high at overdue ≥ {ho}× or decline ≥ {hd}, "
        "medium at ≥ {mo}× or ≥ {md}{churn_where}; lifecycle: new within {new} days of the first purchase, growing "
        "above +{up} and declining below −{down} over the last {period} days against the {period} before.",
    ),
    "tail_definition": ("长尾范围", "The tail is"),
    "tail_definition_help": (
        "默认长尾为 C 类客户；服务能力有限的团队可把 B 类也算作长尾。首页、简报和分享链接使用同一设置。",
        "By default the tail is tier C; a team that serves tier B lightly too may count B in. The home page, "
        "the brief and a shared link use the same choice.",
    ),
    "tail_choice_C": ("C 类", "Tier C"),
    "tail_choice_BC": ("B 类 + C 类", "Tiers B + C"),
    "fnl_repeat_orders": ("「累计多单」阶段的订单数", "Orders for the repeat stage"),
    "fnl_repeat_orders_help": (
        "客户转化漏斗第三阶段：分析窗口内累计下单数达到此值的客户。首页和简报使用同一设置。",
        "The customer funnel's third stage: customers with at least this many orders in the window. The home "
        "page and the brief use the same number.",
    ),
    # —— shared words ——
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
    # —— RFM 分群 ——
    "rfm_title": ("RFM 分群", "RFM segments"),
    "rfm_rule": (
        "口径：R = 最近一次下单距截至日的天数，F = 下单次数，M = 净销售额；与全体客户的平均值比较：R 低于均值、F 和 M 高于均值为「高」，组合成 8 个客户群。",
        "Rule: R = days since the last order, F = orders, M = net revenue; each against the mean of all customers: "
        "R below the mean, F and M above it are 'high'; the combinations make 8 segments.",
    ),
    "rfm_map_title": (
        "客户分群图：最近一次下单 × 下单次数（气泡大小 = 金额）",
        "Segment map: recency × frequency (size = revenue)",
    ),
    "rfm_x": ("距最近一次下单天数 (R)", "Days since last order (R)"),
    "rfm_y": ("下单次数 (F)", "Orders (F)"),
    "mean_r": ("R 均值", "mean R"),
    "mean_f": ("F 均值", "mean F"),
    "rfm_revenue_title": ("各分群净销售额", "Net revenue per segment"),
    "rfm_summary_title": ("分群汇总与经营建议", "Segments and what to do"),
    "advice": ("建议", "What to do"),
    "rfm_table_title": ("客户 RFM 明细", "Customers with R, F, M"),
    "recency_days": ("R：距最近下单天数", "R: days since order"),
    "frequency": ("F：下单次数", "F: orders"),
    "monetary": ("M：净销售额", "M: net revenue"),
    "rfm_score_note": (
        "R/F/M 列为 1–5 分（五分位，5 = 最近、最频繁、金额最高），仅供排序参考；分群按均值划分。",
        "The R/F/M columns are 1–5 scores (quintiles, 5 = most recent, most orders, most revenue) for "
        "sorting; segments use the means.",
    ),
    "advice_important_value": (
        "最有价值的客户：保持高频互动和专属服务，优先保障资源。",
        "Your best customers: keep close contact and dedicated service; protect them first.",
    ),
    "advice_important_develop": (
        "最近买过、金额高但次数少：提高购买频次，推荐复购和关联产品。",
        "Recent and big but infrequent: raise frequency with repeat offers and related products.",
    ),
    "advice_important_retain": (
        "买得多、金额高但近期没来：重点保持，主动回访了解原因。",
        "Frequent and big but not recent: keep them; call to find out why.",
    ),
    "advice_important_winback": (
        "愿意花钱但不常买、近期也没来：重点挽留，尽快安排拜访。",
        "Big spenders who rarely buy and haven't lately: win them back with a visit soon.",
    ),
    "advice_general_value": (
        "常买、近期也买，但金额小：推荐升级或搭配，提高客单价。",
        "Recent and frequent but small: upsell and bundle to raise order value.",
    ),
    "advice_general_develop": (
        "近期买过但次数少、金额小：培养习惯，低成本跟进。",
        "Recent but few, small orders: build the habit with low-cost follow-up.",
    ),
    "advice_general_retain": (
        "买得多但金额小、近期没来：定期关怀，低成本维护。",
        "Frequent but small and not recent: regular low-cost care.",
    ),
    "advice_general_winback": (
        "不常买、金额小、近期也没来：价值最低，自动化触达即可。",
        "Rare, small and not recent: lowest value; automated contact is enough.",
    ),
    # —— 长尾客户 ——
    "tail_title": ("长尾客户", "Long tail"),
    "tail": ("长尾客户", "Tail customers"),
    "not_tail": ("其他客户", "Other customers"),
    "share_of_customers": ("客户数占比", "Share of customers"),
    "share_of_revenue": ("收入占比", "Share of revenue"),
    "tail_shares_title": ("长尾：客户数 vs 收入", "Long tail: customers vs revenue"),
    "lorenz_title": ("洛伦兹曲线：收入集中度", "Lorenz curve: revenue concentration"),
    "lorenz_x": ("客户累计占比（从小到大）", "Cumulative share of customers (smallest first)"),
    "lorenz_y": ("收入累计占比", "Cumulative share of revenue"),
    "lorenz_equal": ("完全平均", "Perfect equality"),
    "lorenz_curve": ("洛伦兹曲线", "Lorenz curve"),
    "lorenz_hover": (
        "最小的 %{x:.1f}% 客户贡献 %{y:.1f}% 收入",
        "The smallest %{x:.1f}% of customers bring %{y:.1f}% of revenue",
    ),
    "lorenz_tail_point": ("长尾", "Long tail"),
    "lorenz_tail_note": (
        "长尾：{customers} 客户，{revenue} 收入",
        "Tail: {customers} of customers, {revenue} of revenue",
    ),
    "gini_note": ("基尼系数 {gini}", "Gini {gini}"),
    "gini_rule": (
        "基尼系数 0 = 每个客户收入相同，越接近 1 收入越集中在少数客户；只计窗口内净销售额为正的客户。",
        "Gini 0 = every customer buys the same; the closer to 1, the more revenue sits with a few. Only "
        "customers with positive net revenue in the window count.",
    ),
    "tail_dimension": ("按维度查看长尾收入", "Tail revenue by"),
    "tail_by_title": ("长尾收入：按{dimension}", "Tail revenue by {dimension}"),
    "tail_revenue": ("长尾收入", "Tail revenue"),
    "tail_no_dimension": (
        "文件中没有区域、行业或产品等列，无法细分。在「数据导入」映射这些列即可查看。",
        "The file has no region, industry or product column to break down by; map one under Data import.",
    ),
    "growing_title": ("增长最快的长尾客户", "Fastest-growing tail customers"),
    "growing_none": (
        "没有后半段窗口收入高于前半段的长尾客户。",
        "No tail customer earned more in the second half of the window than the first.",
    ),
    "growing_rule": (
        "比较窗口后半段与前半段的收入，列出增长最快的 {n} 家：有潜力升级为 B 类的客户。",
        "The second half of the window against the first; the {n} growing fastest may move up to B.",
    ),
    "first_half": ("前半段收入", "First half"),
    "last_half": ("后半段收入", "Second half"),
    "revenue_change": ("增加", "Change"),
    "growth_ratio": ("倍数", "Ratio"),
    "tail_managers_title": ("各客户经理的长尾客户", "Tail customers per account manager"),
    "tail_customers": ("长尾客户数", "Tail customers"),
    # 销售漏斗 page (ui/funnel_view.py)
    "fnl_title": ("销售漏斗 · 阶段转化", "Sales funnel · stage conversion"),
    "fnl_rule": (
        "规则：阶段顺序 {order}；商机当前阶段达到或超过某阶段即计入该阶段（赢单计入所有阶段，输单计入记录的输单阶段，否则只计第一阶段）；"
        "转化率（图中百分比）= 本阶段数 ÷ 上一阶段数；赢率 = 赢单 ÷（赢单 + 输单）。商机只按区域、部门、客户经理（负责人）筛选。",
        "Rule: stages in the order {order}; an opportunity counts at every stage up to its current one (a won one at "
        "all stages, a lost one up to the stage recorded for it, else the first only); conversion (the % in the charts) = "
        "reached ÷ reached at the stage before; win rate = won ÷ (won + lost). Opportunities are filtered by region, team and account manager (owner) only.",
    ),
    "fnl_edit_order": ("调整阶段顺序", "Reorder the stages"),
    "fnl_edit_order_help": (
        "修改「顺序」列的数字即可调整阶段先后；顺序在本次会话中保留。赢单、输单阶段始终排在最后。",
        "Change the numbers in the order column to move a stage; the order is kept for this session. Won and lost stages always close the funnel.",
    ),
    "fnl_col_order": ("顺序", "Order"),
    "fnl_col_stage": ("阶段", "Stage"),
    "fnl_col_kind": ("类型", "Kind"),
    "fnl_terminal_stages": ("结束阶段：{stages}", "Closing stages: {stages}"),
    "fnl_reset_order": ("恢复自动识别的顺序", "Back to the detected order"),
    "fnl_reached": ("到达商机数", "Opportunities reached"),
    "fnl_reached_amount": ("到达金额（元）", "Amount reached (¥)"),
    "fnl_conversion": ("转化率", "Conversion"),
    "fnl_amount_conversion": ("金额转化率", "Amount conversion"),
    "fnl_by_count": ("按商机数", "By number of opportunities"),
    "fnl_by_amount": ("按商机金额", "By opportunity amount"),
    "fnl_conversion_table": ("各阶段转化明细", "Stage-to-stage conversion"),
    "fnl_win_rate": ("赢率（按数量）", "Win rate (count)"),
    "fnl_win_rate_help": (
        "赢单 ÷（赢单 + 输单）；进行中的商机不计入。",
        "Won ÷ (won + lost); open opportunities are left out.",
    ),
    "fnl_amount_win_rate": ("赢率（按金额）", "Win rate (amount)"),
    "fnl_won": ("赢单", "Won"),
    "fnl_lost": ("输单", "Lost"),
    "fnl_by_group": ("按负责人 / 部门 / 区域对比", "By owner, team and region"),
    "fnl_group_title": ("按{dim}：{first} → {last}", "By {dim}: {first} → {last}"),
    "fnl_blank_group": ("（未填写）", "(blank)"),
    "fnl_no_dimension": ("商机数据中没有「{dim}」列。", "The pipeline has no {dim} column."),
    "fnl_stage_by_stage": ("各{dim}逐阶段转化率", "Stage-by-stage conversion per {dim}"),
    "fnl_no_pipeline": (
        "尚未上传商机（销售漏斗）文件，下面是根据订单计算的客户转化漏斗。上传商机文件后即可查看阶段转化和赢率。",
        "No pipeline (opportunities) file yet: below is the customer funnel computed from orders. Upload a pipeline file to see stage conversion and win rate.",
    ),
    "fnl_no_opportunities": (
        "当前筛选条件下没有商机。请在左侧放宽区域、部门或客户经理筛选；下面是根据订单计算的客户转化漏斗。",
        "No opportunity under the current filters. Widen the region, team or account-manager filters in the sidebar; below is the customer funnel from orders.",
    ),
    "fnl_go_upload": ("前往「数据导入」上传商机文件", "Upload a pipeline file on Data import"),
    "fnl_no_customers": (
        "当前筛选条件下分析窗口内没有下单客户。请在左侧放宽筛选或调整时间范围。",
        "No customer ordered in the window under the current filters. Widen the sidebar filters or the period.",
    ),
    "fnl_customers": ("客户数", "Customers"),
    "fnl_customer_title": ("客户转化漏斗（来自订单）", "Customer funnel (from orders)"),
    "fnl_customer_rule": (
        "规则：分析窗口内有正金额订单的客户（即活跃客户）为「首次购买」；2 单及以上为「再次购买」；{repeat} 单及以上为「累计 {repeat} 单及以上」"
        "（按订单号计，无订单号按下单日计）；ABC 分层为 A 类（累计占前 {a} 销售额）的为「成为 A 类客户」，与 ABC 页的 A 类客户数相同，"
        "并计入前面每个阶段（如同赢单的商机）；百分比 = 本阶段人数 ÷ 上一阶段人数。",
        "Rule: customers with a positive order in the window (the active customers) made a first purchase; 2+ orders a "
        "second; {repeat}+ orders count as repeat (distinct order IDs, else order days); tier A customers (the top {a} of "
        "revenue) became tier A, the ABC page's A count, and count at every earlier stage too, like a won deal; "
        "% = reached ÷ reached at the stage before.",
    ),
    # 工作区 · 数据集 / 本周变化 (ui/datasets.py, ui/changes.py, issue #6)
    "ds_title": ("数据集 · 每周快照", "Datasets · weekly snapshots"),
    "ds_intro": (
        "每次确认导入都会保存为一个数据集（快照），重启后仍在。打开的数据集用于所有页面；「本周变化」比较最近两个数据集。",
        "Every confirmed upload is saved as a dataset (a snapshot) that survives a restart. The open dataset feeds every "
        "page; 'What changed' compares the two latest.",
    ),
    "ds_empty": (
        "工作区还没有数据集。上传订单文件并确认映射后即会保存。",
        "The workspace has no datasets yet. Upload an orders file and confirm the mapping to save one.",
    ),
    "ds_where": ("工作区位置：{path}", "Workspace: {path}"),
    "ds_col_id": ("编号", "ID"),
    "ds_col_label": ("名称", "Label"),
    "ds_col_as_of": ("截至日期", "As of"),
    "ds_col_source": ("订单文件", "Orders file"),
    "ds_col_rows": ("订单行", "Order rows"),
    "ds_col_pipeline": ("商机文件", "Pipeline file"),
    "ds_col_uploaded": ("导入时间 (UTC)", "Uploaded (UTC)"),
    "ds_col_open": ("当前", "Open"),
    "ds_pick": ("选择数据集", "Dataset"),
    "ds_open": ("打开此数据集", "Open this dataset"),
    "ds_opened": ("已打开数据集「{label}」。", "Opened dataset '{label}'."),
    "ds_new_label": ("新名称", "New label"),
    "ds_rename": ("重命名", "Rename"),
    "ds_renamed": ("已重命名为「{label}」。", "Renamed to '{label}'."),
    "ds_confirm_delete": ("确认删除（不可恢复）", "Confirm delete (cannot be undone)"),
    "ds_delete": ("删除数据集", "Delete dataset"),
    "ds_deleted": ("已删除数据集「{label}」。", "Deleted dataset '{label}'."),
    "ds_saved": (
        "已保存为数据集 #{id}「{label}」（截至 {as_of}）。",
        "Saved as dataset #{id} '{label}' (as of {as_of}).",
    ),
    "ds_not_saved": (
        "数据已导入本次会话，但未能保存到工作区：{error}",
        "Loaded for this session, but not saved to the workspace: {error}",
    ),
    "ds_mapping_remembered": (
        "此文件的表头与之前导入的文件相同，已套用上次确认的映射。核对后点击「确认映射并导入」即可。",
        "This file has the same headers as one imported before: last time's confirmed mapping is filled in. Check it and click load.",
    ),
    "chg_title": ("本周变化", "What changed"),
    "chg_need_two": (
        "再导入一周的数据后，这里会显示与上周相比的变化。",
        "Import another week's data to see what changed since last week.",
    ),
    "chg_from": ("对比起点", "From"),
    "chg_to": ("对比终点", "To"),
    "chg_tier_moves": ("分层变动客户", "Customers who moved tier"),
    "chg_new_a": ("新晋 A 类客户", "New A customers"),
    "chg_new_warnings": ("新增流失预警", "New churn warnings"),
    "chg_cleared_warnings": ("解除的流失预警", "Cleared churn warnings"),
    "chg_escalated_warnings": ("风险升级", "Warnings that got worse"),
    "chg_revenue_change": ("净销售额变化", "Net revenue change"),
    "chg_no_moves": ("没有客户变动分层。", "No customer moved tier."),
    "chg_no_new_warnings": ("没有新增流失预警。", "No new churn warnings."),
    "chg_none": ("无", "None"),
    "chg_col_from_tier": ("原分层", "From tier"),
    "chg_col_to_tier": ("现分层", "To tier"),
    "chg_col_from_revenue": ("原净销售额", "Net revenue before"),
    "chg_col_to_revenue": ("现净销售额", "Net revenue now"),
    "chg_col_change": ("变化", "Change"),
    "chg_col_level": ("风险等级", "Level"),
    "chg_col_from_level": ("原等级", "Level before"),
    "chg_col_reason": ("原因", "Reason"),
    "chg_col_at_risk": ("风险金额", "Revenue at risk"),
    "chg_col_manager": ("客户经理", "Account manager"),
    "chg_col_customers_before": ("原客户数", "Customers before"),
    "chg_col_customers_now": ("现客户数", "Customers now"),
    "chg_not_present": ("（无）", "(none)"),
    "chg_by_tier": ("按分层", "By tier"),
    "chg_by_region": ("按区域", "By region"),
    "chg_by_manager": ("按客户经理", "By account manager"),
    "chg_new_customers": ("新客户", "New customers"),
    "chg_lost_customers": ("本期无订单的客户", "Customers with no order this period"),
    "chg_funnel": ("漏斗变化", "Funnel movement"),
    "chg_no_pipeline": ("两个数据集都没有商机数据。", "Neither dataset has a pipeline."),
    "chg_win_rate": ("赢率", "Win rate"),
    "chg_col_stage": ("阶段", "Stage"),
    "chg_col_reached_before": ("原到达数", "Reached before"),
    "chg_col_reached_now": ("现到达数", "Reached now"),
    "chg_stage_moves": ("阶段变动的商机", "Opportunities that changed stage"),
    "chg_col_opportunity": ("商机编号", "Opportunity"),
    "chg_col_from_stage": ("原阶段", "From stage"),
    "chg_col_to_stage": ("现阶段", "To stage"),
    "chg_trend": ("历次快照趋势", "Trend over all snapshots"),
    "chg_trend_a_share": ("A 类客户销售额占比", "A-tier share of revenue"),
    "chg_trend_at_risk": ("预警客户风险金额", "Revenue at risk (customers with a warning)"),
    "chg_trend_win_rate": ("赢率", "Win rate"),
    "chg_full_page": ("查看完整变化", "See everything that changed"),
    "chg_rule": (
        "口径：每个数据集按各自的截至日期计算；分层为 ABC 分层，某期没有该客户记为「无」；预警 = 中风险、高风险或已流失；"
        "解除 = 上期有预警、本期为正常；销售额为各期近12个月净销售额，分层按各期自己的分层汇总。",
        "Rules: each dataset is read at its own data-as-of date; tiers are ABC tiers, a customer missing from a dataset has none there; "
        "a warning is medium, high or lost; cleared = a warning before and ok now; revenue is each dataset's last-12-month "
        "net revenue, summed by that dataset's own tiers.",
    ),
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
    "ds_private_upload": (
        "此文件只在您当前的浏览器会话中：未保存为数据集，其他人看不到；关闭页面后即消失。如需保存，请让编辑者上传。",
        "This file is only in your own browser session: it is not saved as a dataset and nobody else sees it; it is gone when you close the page. To keep it, ask an editor to upload it.",
    ),
    "ds_private_upload_intro": (
        "您可以上传文件自行查看：它只留在您的会话中，不会保存，也不会被其他人看到。",
        "You can upload a file to explore it yourself: it stays in your session only, is never saved and nobody else sees it.",
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
    # issue #11 items 3, 4, 6: the previous window's coverage, one active-customer rule, the pair compared
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
    "chg_no_earlier": (
        "没有截至日期早于 {as_of} 的数据集可与「{name}」比较（同一周导入了多次？）。再导入更早一周的数据，或在「对比起点」中选择一个数据集。",
        "No dataset has an as_of earlier than {as_of} to compare '{name}' with (the same week imported twice?). "
        "Import an earlier week, or pick one under From.",
    ),
    "chg_same_as_of": (
        "两个数据集的截至日期都是 {as_of}：比较的是同一周的两次导入，变化为零不代表业务没有变化。",
        "Both datasets are as of {as_of}: this compares two uploads of the same week, so zero change says nothing "
        "about the business.",
    ),
    "chg_same_dataset": ("请选择两个不同的数据集进行比较。", "Pick two different datasets to compare."),
    "chg_one_side_no_pipeline": (
        "「{name}」没有商机数据：只列出另一方各阶段的到达数，不计算变化。",
        "'{name}' has no pipeline: only the other side's reached counts are listed, with no change.",
    ),
    "chg_pick_from": ("选择要比较的数据集", "Pick a dataset to compare with"),
    "ds_has_pipeline": ("有 · {file}（{n} 条商机）", "Yes · {file} ({n} opportunities)"),
    "ds_no_pipeline": ("无", "None"),
    "active_rule": (
        "活跃客户 = 窗口内有订单（金额 > 0）的客户",
        "active customers = customers with an order (amount > 0)",
    ),
    # —— issue #11: what the file cannot answer, churn levels without revenue at risk ——
    "churn_not_at_risk": ("不计风险金额", "No revenue at risk"),
    "profile_facts_no_manager": (
        "首次购买 {first} · 最近购买 {last} · 购买周期 {cycle} 天（{days} 个购买日）",
        "First purchase {first} · last purchase {last} · cycle {cycle} days ({days} purchase days)",
    ),
    "missing_fields_line": ("这份文件没有的列：{items}。", "Not in this file: {items}."),
    "missing_fields_sep": ("；", "; "),
    "needs_gross_profit": (
        "毛利需要成本或毛利列（ABC 的毛利指标和毛利列不显示）",
        "gross profit needs a cost or profit column (no gross-profit metric or column on ABC)",
    ),
    "needs_account_manager": (
        "客户经理覆盖、回访清单的负责人和按客户经理的长尾需要客户经理列",
        "manager coverage, call-list owners and the tail per manager need an account manager column",
    ),
    "needs_region": ("按区域筛选和分析需要区域列", "the region filter and breakdowns need a region column"),
    "needs_industry": ("按行业筛选和分析需要行业列", "the industry filter and breakdowns need an industry column"),
    "needs_product": ("按产品分析需要产品列", "breakdowns by product need a product column"),
    "coverage_needs_manager": (
        "这份文件没有客户经理列，无法查看客户经理覆盖；导入时映射「客户经理」列即可。",
        "This file has no account manager column, so there is no manager coverage; map one when importing.",
    ),
    "tail_managers_need_column": (
        "这份文件没有客户经理列，无法按客户经理查看长尾客户。",
        "This file has no account manager column, so the tail cannot be shown per manager.",
    ),
    # issue #11 items 5 and 9: the file kind proposed with its reasons, amount from quantity x price,
    # pipelines whose amounts are only on won deals, and pipelines dated after the orders
    "kind_why_pipeline": (
        "识别为商机文件：{why}。如不对，可在上方改选。",
        "Read as a pipeline: {why}. If not, switch above.",
    ),
    "kind_why_orders": (
        "识别为订单明细：{why}。如不对，可在上方改选。",
        "Read as orders: {why}. If not, switch above.",
    ),
    "kind_why_orders_default": (
        "识别为订单明细（没有发现销售阶段列）。如不对，可在上方改选。",
        "Read as orders (no column of sales stages found). If not, switch above.",
    ),
    "kind_clue_sep": ("，", "; "),
    "kind_clue_stage_values": (
        "「{column}」列的值是销售阶段（{examples}）",
        "the values of “{column}” are sales stages ({examples})",
    ),
    "kind_clue_stage_header": ("「{column}」列是销售阶段", "“{column}” holds the sales stage"),
    "kind_clue_opportunity_id": ("有商机编号列「{column}」", "there is an opportunity id column, “{column}”"),
    "kind_clue_close_date": ("有成交日期列「{column}」", "there is a close date column, “{column}”"),
    "kind_clue_no_order_date": ("没有订单日期列", "there is no order-date column"),
    "kind_clue_order_date": ("有订单日期列「{column}」", "there is an order-date column, “{column}”"),
    "kind_clue_amount": ("金额列为「{column}」", "the amount is “{column}”"),
    "kind_clue_quantity_price": ("金额由 数量 × 单价 计算", "the amount is quantity × unit price"),
    "amount_computed": ("（由 数量 × 单价 计算）", "(computed as quantity × unit price)"),
    "fnl_amount_won_only": (
        "金额只记录在赢单上：{others:,} 个输单和进行中的商机没有金额（0 或空白）。按金额的赢率会显示 100%、"
        "按金额的漏斗各阶段一样宽，都没有意义，所以这里不显示；赢率和漏斗按商机数计算。赢单金额合计 {won_amount}。",
        "Only won deals carry an amount: the {others:,} lost and open opportunities have none (0 or blank). "
        "A win rate by amount would read 100% and the amount funnel would be flat, so neither is shown; the win "
        "rate and the funnel count opportunities. Won deals total {won_amount}.",
    ),
    "fnl_amount_won_only_short": (
        "金额只记录在赢单上，按金额的赢率没有意义；赢率和漏斗按商机数。",
        "Only won deals carry an amount, so there is no win rate by amount; win rate and funnel count deals.",
    ),
    "fnl_amount_none": (
        "这份商机文件没有金额，赢率和漏斗只按商机数计算。",
        "This pipeline has no amounts: the win rate and the funnel count opportunities only.",
    ),
    "fnl_after_as_of": (
        "{n:,} 个商机的日期晚于订单数据的截至日期 {as_of}（最晚 {latest}）：商机和订单可能不是同一时期的数据，对照时请留意。",
        "{n:,} opportunities are dated after the orders' as-of date {as_of} (latest {latest}): the pipeline and "
        "the orders may cover different periods; compare them with care.",
    ),
    # —— issue #14: the forecast, loyalty and relationship levels, lifecycle of the whole book ——
    "page_relationships": ("客户关系", "Relationships"),
    "fc_short_one_purchase_day": ("仅一个采购日", "one purchase day"),
    "fc_short_no_purchase_day": ("仅有退货", "only returns"),
    "fc_short_non_positive_order_value": ("净额不为正", "net not positive"),
    "fc_col_p_alive": ("存活概率", "P(alive)"),
    "fc_col_p_alive_help": (
        "购买频次模型（BG/NBD）估计客户仍在活跃（未流失）的概率。只有一个采购日的客户，模型默认其活跃，因此不显示。",
        "The BG/NBD model's chance that the customer is still active. Not shown for a customer with one "
        "purchase day: the model takes such a customer as active by construction.",
    ),
    "fc_col_orders": ("未来{days}天预计采购", "Expected orders, next {days} days"),
    "fc_col_orders_help": (
        "购买频次模型（BG/NBD）：未来 {days} 天预计的采购日数。",
        "BG/NBD: the expected number of purchase days in the next {days} days.",
    ),
    "fc_col_revenue": ("未来{days}天预计销售额", "Expected revenue, next {days} days"),
    "fc_col_revenue_help": (
        "预计采购日数 × 客单价模型（Gamma-Gamma）预计的客单价。仅有退货或净额不为正的客户没有客单价，不给出。",
        "Expected purchase days × the Gamma-Gamma expected order value. None for a customer with only returns "
        "or a net that is not positive: it has no order value.",
    ),
    "fc_table_no_fit": ("不显示预测列：{reason}。", "No forecast columns: {reason}."),
    "fc_table_rule": (
        "预测：购买频次模型（BG/NBD）预测采购日，客单价模型（Gamma-Gamma）预测客单价，用截至日期前的全部历史拟合，预测未来 {days} 天；采购日 = 有正金额订单的日期。",
        "Forecast: BG/NBD for purchase days and Gamma-Gamma for order value, fitted on the whole history up to "
        "the data-as-of date, for the next {days} days; a purchase day is a date with a positive order line.",
    ),
    "fc_horizon": ("预测期", "Horizon"),
    "fc_horizon_days": ("{days} 天", "{days} days"),
    "fc_profile_title": ("购买预测与客户关系", "Forecast and relationship"),
    "fc_relationship": ("客户关系层级", "Relationship level"),
    "fc_loyalty": ("忠诚度", "Loyalty"),
    "fc_satisfaction_line": ("满意度 {score}（最近一次调研/回访）", "Satisfaction {score} (latest survey)"),
    "fc_not_surveyed": ("未调研", "not surveyed"),
    "fc_referrals_line": ("转介绍 {n} 位客户", "Referred {n} customers"),
    "fc_contact_line": ("建议联系方式：{pattern}", "Recommended contact: {pattern}"),
    "fc_band_high": ("高", "High"),
    "fc_band_medium": ("中", "Medium"),
    "fc_band_low": ("低", "Low"),
    "fc_exact": ("精确值：{amount}", "Exactly {amount}"),
    "fc_no_tier": ("窗口内无订单", "No orders in the window"),
    "fc_group_tier": ("分层", "Tier"),
    "fc_group_account_manager": ("客户经理", "Account manager"),
    "fc_sum_orders": ("预计采购日数", "Expected orders"),
    "fc_sum_revenue": ("预计销售额", "Expected revenue"),
    "fc_home_title": ("未来90天预计", "Expected next 90 days"),
    "fc_home_total": (
        "全部 {n} 位客户：预计 {orders} 个采购日，销售额 {amount}",
        "All {n} customers: {orders} purchase days and {amount} of revenue expected",
    ),
    "rel_title": ("客户关系：忠诚度与关系层级", "Relationships: loyalty and relationship levels"),
    "rel_loyalty_rule": (
        "忠诚度按未来 90 天至少采购一次的概率划分：高于 {high} 为高，低于 {low} 为低，其余为中（含边界）。"
        "有预测模型时用模型的概率，否则用客户过往每 90 天中有采购的比例。",
        "Loyalty from the chance of at least one purchase in the next 90 days: above {high} high, below {low} "
        "low, medium in between (both included). The forecast's chance where there is one, else the share of "
        "the customer's past 90-day periods with a purchase.",
    ),
    "rel_level_rule": (
        "关系层级（科特勒）：按 ABC 分层（客户多少）与毛利档（客户毛利率对比全体客户：不低于第 67 百分位为高，"
        "低于第 33 百分位为低，未映射成本或毛利时为中）确定；每一层级给出建议的联系方式。",
        "Relationship level (Kotler): from the ABC tier (how many customers) and the margin band (the customer's "
        "gross margin against the book's: from the 67th percentile high, below the 33rd low, medium without a "
        "cost or profit column); each level comes with the recommended way to keep in touch.",
    ),
    # only with the column in the file: never a word about a column the file lacks
    "rel_survey_satisfaction": (
        "忠诚度已参考客户满意度（截至数据日期最近一次调研/回访的评分，换算为 0–100%）：低于 {low} 为不满意，"
        "比复购表现下调一档；{high} 及以上为满意。",
        "Loyalty weighs satisfaction (the latest survey or follow-up score up to the data-as-of date, as "
        "0–100%): below {low} is dissatisfied and drops the band one step below its repeat purchases; {high} or "
        "more is satisfied.",
    ),
    "rel_survey_referrals": (
        "忠诚度已参考转介绍：转介绍过客户且并非不满意的，比复购表现上调一档。",
        "Loyalty weighs referrals: a customer who referred someone and is not dissatisfied moves one band up.",
    ),
    "rel_col_satisfaction": ("满意度", "Satisfaction"),
    "rel_col_satisfaction_help": (
        "截至数据日期最近一次调研/回访的评分，按文件的分制换算为 0–100%；空白为未调研。",
        "The latest survey score up to the data-as-of date, on the file's scale as 0–100%; blank: not surveyed.",
    ),
    "rel_col_referrals": ("转介绍", "Referrals"),
    "rel_col_behavioural": ("按复购", "From purchases"),
    "rel_col_reason": ("忠诚度依据", "Why this band"),
    "rel_loyalty_title": ("忠诚度分布", "Loyalty bands"),
    "rel_levels_title": ("关系层级与建议联系方式", "Relationship levels and how to keep in touch"),
    "rel_col_band": ("忠诚度", "Loyalty"),
    "rel_band_high": ("高忠诚度", "High loyalty"),
    "rel_band_medium": ("中忠诚度", "Medium loyalty"),
    "rel_band_low": ("低忠诚度", "Low loyalty"),
    "rel_col_level": ("关系层级", "Relationship level"),
    "rel_col_contact": ("建议联系方式", "Recommended contact"),
    "rel_col_p_repeat": ("未来90天复购概率", "Repeat in 90 days"),
    "rel_col_source": ("概率来源", "Chance from"),
    "rel_col_source_help": (
        "预测模型：购买频次模型（BG/NBD）给出的未来 90 天至少采购一次的概率；过往每 90 天：没有预测时，客户过往每 90 天中有采购的比例。",
        "Forecast: BG/NBD's chance of a purchase in the next 90 days; past quarters: without a forecast, the share of "
        "the customer's past 90-day periods with a purchase.",
    ),
    "rel_source_forecast": ("预测模型", "Forecast"),
    "rel_source_past_periods": ("过往每 90 天", "Past quarters"),
    "rel_col_margin": ("毛利档", "Margin band"),
    "rel_col_stage": ("生命周期", "Lifecycle"),
    "rel_window_revenue": ("窗口内净销售额", "Net revenue"),
    "rel_list_title": ("客户名单（{n} 位）", "Customers ({n})"),
    "rel_pick_bands": ("按忠诚度筛选", "Loyalty"),
    "rel_pick_levels": ("按关系层级筛选", "Relationship level"),
    "rel_list_empty": ("没有符合所选忠诚度和关系层级的客户。", "No customer has the loyalty and level picked."),
    "rel_lifecycle_title": ("生命周期：全部客户", "Lifecycle: the whole book"),
    "rel_lifecycle_rule": (
        "依次判断：流失预警为「已流失」→ 已流失；首次购买不足 {new} 天 → 新客户；高风险，或近 {period} 天净销售额"
        "低于此前 {period} 天的 {down} → 衰退期；高于其 {up} → 成长期；其余为成熟期。销售额为分析窗口内净销售额。",
        "In order: churn level lost → lost; first purchase fewer than {new} days ago → new; high risk, or the last "
        "{period} days' net revenue below {down} of the {period} days before → declining; above {up} of it → "
        "growing; else mature. Revenue is net revenue in the analysis window.",
    ),
    "rel_stage_pick": ("查看阶段", "Stage to list"),
    "rel_stage_list": ("「{stage}」客户（{n} 位）", "{stage} customers ({n})"),
    "rel_col_first": ("首次购买", "First order"),
    "rel_col_last": ("最近购买", "Last order"),
    "rel_col_current": ("近{days}天净销售额", "Net, last {days} days"),
    "rel_col_previous": ("前{days}天净销售额", "Net, {days} days before"),
    "rel_customers_chart": ("各{what}客户数与窗口内净销售额", "Customers and net revenue per {what}"),
    # —— issue #14: duplicate customers, cohorts, the gain/loss bridge ——
    "page_duplicates": ("客户去重", "Duplicate customers"),
    "page_cohorts": ("客户留存", "Cohorts"),
    "dup_title": ("客户去重", "Duplicate customers"),
    "dup_intro": (
        "同一客户在文件中的不同写法（如「深圳云帆电子」与「深圳云帆电子有限公司」）会拆分收入、拉低分层。"
        "下面每组是可能重复的客户：选择保留的名称后合并，或确认不是同一客户。决定保存在工作区，"
        "此后每次导入、打开数据集和命令行导入都会自动应用。仅全半角、大小写或空格不同的写法已自动视为同一客户。",
        "One customer written two ways in a file (say 深圳云帆电子 and 深圳云帆电子有限公司) splits its revenue and "
        "lowers its tier. Each group below may be one customer: pick the name to keep and merge, or keep them "
        "apart. Decisions are saved in the workspace and applied to every later upload, opened dataset and "
        "command-line import. Spellings that differ only in width, case or spacing are one customer already.",
    ),
    "dup_open_groups": ("待确认的组", "Groups to review"),
    "dup_merged_count": ("已合并", "Merged"),
    "dup_kept_count": ("已确认不同", "Kept apart"),
    "dup_col_name": ("名称", "Name"),
    "dup_col_customer": ("客户编号", "Customer ID"),
    "dup_col_revenue": ("累计净收入", "Net revenue to date"),
    "dup_col_orders": ("订单数", "Orders"),
    "dup_col_first": ("首次下单", "First order"),
    "dup_col_last": ("最近下单", "Last order"),
    "dup_group_head": ("**第 {n} 组** · {reason}", "**Group {n}** · {reason}"),
    "dup_similarity": ("（相似度 {score}）", " (similarity {score})"),
    "dup_reason_same_name": ("去掉后缀和标点后名称相同", "Same name once suffixes and punctuation are removed"),
    "dup_reason_similar_name": ("名称高度相似", "Very similar names"),
    "dup_reason_same_phone": ("电话相同", "Same phone number"),
    "dup_reason_same_tax_id": ("税号相同", "Same tax number"),
    "dup_sep": ("、", ", "),
    "dup_survivor": ("合并后保留的名称", "Name to keep"),
    "dup_merge": ("合并", "Merge"),
    "dup_keep": ("不是同一客户", "Keep apart"),
    "dup_merged_done": ("已将「{names}」合并到「{into}」。", "Merged {names} into {into}."),
    "dup_kept_done": ("已确认「{names}」是不同客户，不再提示。", "Kept {names} apart; they will not be offered again."),
    "dup_history": ("已做的决定（{n}）", "Decisions so far ({n})"),
    "dup_col_decision": ("决定", "Decision"),
    "dup_decision_merge": ("合并", "Merged"),
    "dup_decision_keep": ("不是同一客户", "Kept apart"),
    "dup_col_names": ("名称", "Names"),
    "dup_col_into": ("并入", "Into"),
    "dup_col_by": ("操作人", "By"),
    "dup_col_at": ("时间 (UTC)", "Time (UTC)"),
    "dup_viewer": (
        "合并客户需要编辑者角色；你可以查看候选组，但不能做决定。",
        "Merging customers needs the editor role; you can see the groups but not decide.",
    ),
    "dup_none": ("没有待确认的重复客户。", "No duplicate customers to review."),
    "dup_more": (
        "显示前 {shown} 组，共 {n} 组；处理后其余的会依次显示。",
        "Showing {shown} of {n} groups; the rest move up as you decide.",
    ),
    "dup_rule": (
        "候选规则：名称去掉法定后缀（有限公司、股份有限公司、有限责任公司、集团、(中国)、Co., Ltd.、Inc.、LLC）、"
        "括号和标点后相同，或相似度 ≥ 92%；映射了电话或税号列时，号码相同也算。收入为截至分析日期的全部历史。",
        "Candidates: names equal once legal suffixes (有限公司, 股份有限公司, 有限责任公司, 集团, (中国), Co., Ltd., Inc., "
        "LLC), brackets and punctuation are removed, or at least 92% similar; with a phone or tax number column "
        "mapped, a shared number too. Revenue is the whole history up to the data-as-of date.",
    ),
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
    "fc_col_orders_short": ("未来{days}天预计采购", "Orders, next {days} d"),
    "fc_col_revenue_short": ("未来{days}天预计销售额", "Revenue, next {days} d"),
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
    "chg_missing_columns": (
        "这份数据没有{columns}列，因此不显示按它们的变化；导入时映射这些列即可。",
        "The data has no {columns} column, so the change is not shown by it; map it when importing.",
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
    # the weekly review on a projector and the import page's own uploader (issue #11 items 2 and 10)
    "present_mode": ("演示模式", "Presentation mode"),
    "present_help": (
        "隐藏侧边栏和页眉，四个视图占满一屏，便于投影；链接中的 ?present=1 会直接打开演示模式。再点一次即退出。",
        "Hides the sidebar and the header so the four views fill one screen for the projector; a link with "
        "?present=1 opens in this mode. Switch it off to get the sidebar back.",
    ),
    "home_rules": ("各视图的口径", "How each view counts"),
    "home_cum_share": ("累计占比", "Cumulative share"),
    "home_call_list": ("流失预警明细（回访清单前 {n} 位）", "Churn warnings in detail (top {n} of the call list)"),
    "upload_here": ("上传订单或商机文件", "Upload an orders or pipeline file"),
    "upload_accepts": (
        "支持 {types} 文件，单个文件不超过 {mb} MB。把文件拖到下框中，或点击「选择文件」。",
        "Accepted: {types} files of up to {mb} MB each. Drop a file on the box below or click 'Choose file'.",
    ),
    "upload_browse": ("选择文件", "Choose file"),
    "upload_drop": ("松开鼠标即上传", "Release to upload"),
    "kpi_net_revenue_exact": ("精确值：{amount}。", "Exactly {amount}."),
    # —— polish (session 6) ——
    "growing_rule_min": (
        "增长至少 {share}、且至少 {amount} 才列出：更小的增长是噪音，不必在周会上讨论。",
        "Listed only when up by at least {share} and by at least {amount}: a smaller rise is noise, not a call.",
    ),
    "growing_none_min": (
        "没有后半段窗口收入比前半段增长至少 {share}、且至少 {amount} 的长尾客户。",
        "No tail customer earned at least {share} and at least {amount} more in the second half of the window "
        "than in the first.",
    ),
    "kpi_no_pipeline": ("未导入商机", "No pipeline loaded"),
    "kpi_win_rate_no_closed": ("暂无成交或输单", "None closed yet"),
    "coh_labels_span": (
        "超过 24 个月，格子太窄放不下所有数字：图中只标出下表所选月份（框内；占比为百分数，收入单位见色条）。"
        "每格的数值都在悬停提示、下表和下载文件中。",
        "Past 24 months the cells are too narrow for every figure: the chart labels the months picked for the table "
        "below (outlined; shares in %, revenue in the colour bar's unit). Every cell's figure is in its hover, the "
        "table and the download.",
    ),
}


def lang() -> str:
    value = st.session_state.get("lang", "zh")
    return value if value in LANGS else "zh"


def t(key: str, **fmt) -> Markdown:
    """The sentence in the UI language, for a markdown element: every interpolated value is escaped
    (ui.markdown.plain), so a customer, stage, file or dataset label shows as itself."""
    text = _sentence(key)
    return Markdown(text.format(**{name: _escaped(value) for name, value in fmt.items()}) if fmt else text)


def t_raw(key: str, **fmt) -> str:
    """The same sentence with its values as they are, for a place that never reads markdown: a chart
    title (escaped there for Plotly), a file name, a table header, a select option."""
    text = _sentence(key)
    return text.format(**fmt) if fmt else text


def _sentence(key: str) -> str:
    zh, en = TEXT[key]
    return zh if lang() == "zh" else en


def _escaped(value):
    # numbers and dates keep their type so a format spec ({n:,}) still applies; they make no markdown
    if isinstance(value, (Number, dt.date, dt.time)) and not isinstance(value, bool):
        return value
    return plain(value)


# the sign-in page, the account line and the audit page (issue #12) keep their labels in their own file
TEXT.update(ACCESS_TEXT)
