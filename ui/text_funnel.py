"""The 销售漏斗 page (views/funnel.py, ui/funnel_view.py): the stage order, the funnels by
count and amount, win rates, and the customer funnel from orders.

key -> (中文, English); ui/text.py merges every part into TEXT and refuses a key defined twice.
"""

FUNNEL_TEXT: dict[str, tuple[str, str]] = {
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
    # —— one set of rules (ui/rules.py): the customer funnel's repeat stage, shared with the home page and the brief ——
    "fnl_repeat_orders": ("「累计多单」阶段的订单数", "Orders for the repeat stage"),
    "fnl_repeat_orders_help": (
        "客户转化漏斗第三阶段：分析窗口内累计下单数达到此值的客户。首页和简报使用同一设置。",
        "The customer funnel's third stage: customers with at least this many orders in the window. The home "
        "page and the brief use the same number.",
    ),
    # issue #11 item 9: pipelines whose amounts are only on won deals, and pipelines dated after the orders
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
}
