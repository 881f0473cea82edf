"""Issue #14's outlook: the forecast columns and tables (ui/outlook_view.py) and the 客户关系
page (views/relationships.py, ui/relationships_view.py): loyalty, relationship levels, lifecycle.

key -> (中文, English); ui/text.py merges every part into TEXT and refuses a key defined twice.
"""

OUTLOOK_TEXT: dict[str, tuple[str, str]] = {
    # —— issue #14: the forecast (ui/outlook_view.py) ——
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
    # the short labels of a column group (ui/grid.py: the `<key>_short` of a grid column)
    "fc_col_orders_short": ("未来{days}天预计采购", "Orders, next {days} d"),
    "fc_col_revenue_short": ("未来{days}天预计销售额", "Revenue, next {days} d"),
    # —— issue #14: loyalty and relationship levels, lifecycle of the whole book (ui/relationships_view.py) ——
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
}
