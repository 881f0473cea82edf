"""The workspace (issue #6): the datasets page (views/datasets.py, ui/datasets.py) and the
本周变化 changes page (views/changes.py, ui/changes.py).

key -> (中文, English); ui/text.py merges every part into TEXT and refuses a key defined twice.
"""

WORKSPACE_TEXT: dict[str, tuple[str, str]] = {
    # 工作区 · 数据集 (ui/datasets.py, issue #6)
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
    "ds_has_pipeline": ("有 · {file}（{n} 条商机）", "Yes · {file} ({n} opportunities)"),
    "ds_no_pipeline": ("无", "None"),
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
    # a viewer's upload stays in their own session: never saved as a dataset others see
    "ds_private_upload": (
        "此文件只在您当前的浏览器会话中：未保存为数据集，其他人看不到；关闭页面后即消失。如需保存，请让编辑者上传。",
        "This file is only in your own browser session: it is not saved as a dataset and nobody else sees it; it is gone when you close the page. To keep it, ask an editor to upload it.",
    ),
    "ds_private_upload_intro": (
        "您可以上传文件自行查看：它只留在您的会话中，不会保存，也不会被其他人看到。",
        "You can upload a file to explore it yourself: it stays in your session only, is never saved and nobody else sees it.",
    ),
    # 本周变化 (ui/changes.py, issue #6)
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
    # issue #11 item 6: the pair compared
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
    # —— issue #14: what the file cannot answer ——
    "chg_missing_columns": (
        "这份数据没有{columns}列，因此不显示按它们的变化；导入时映射这些列即可。",
        "The data has no {columns} column, so the change is not shown by it; map it when importing.",
    ),
}
