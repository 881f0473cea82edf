"""The duplicate customers page (issue #14; views/duplicates.py, ui/duplicates_view.py).

key -> (中文, English); ui/text.py merges every part into TEXT and refuses a key defined twice.
"""

DUPLICATES_TEXT: dict[str, tuple[str, str]] = {
    # —— issue #14: duplicate customers ——
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
    "dup_reason_identical_name": ("名称完全相同，客户编号不同", "The same name under different customer codes"),
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
}
