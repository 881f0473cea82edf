"""The import page (views/upload.py, ui/upload.py, ui/file_kind.py): the uploader, the file
kind and its reasons, the header mapping, loading and the ingest report.

key -> (中文, English); ui/text.py merges every part into TEXT and refuses a key defined twice.
"""

UPLOAD_TEXT: dict[str, tuple[str, str]] = {
    # the sidebar's uploader and the import page's own one (issue #11 item 10)
    "sidebar_upload": ("上传销售文件", "Upload a sales file"),
    "sidebar_upload_help": (
        "订单明细（必需）或商机（可选）：.xlsx / .xls / .xlsm / .csv，支持 GBK、标题行、合并单元格、合计行。",
        "Orders (required) or pipeline (optional): .xlsx / .xls / .xlsm / .csv; GBK, title rows, merged cells "
        "and totals rows are fine.",
    ),
    "upload_title": ("数据导入", "Data import"),
    "upload_intro": (
        "上传 ERP/CRM/WPS/Excel 导出的订单或商机文件。系统自动识别表头与列的含义，请确认映射后导入。",
        "Upload orders or opportunities exported from your ERP/CRM/WPS/Excel. Columns are recognised "
        "automatically; confirm the mapping, then load.",
    ),
    "upload_here": ("上传订单或商机文件", "Upload an orders or pipeline file"),
    "upload_accepts": (
        "支持 {types} 文件，单个文件不超过 {mb} MB。把文件拖到下框中，或点击「选择文件」。",
        "Accepted: {types} files of up to {mb} MB each. Drop a file on the box below or click 'Choose file'.",
    ),
    "upload_browse": ("选择文件", "Choose file"),
    # reading the file, its sheet and its kind
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
    # issue #11 item 5: the file kind proposed with its reasons (ui/file_kind.py)
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
    # the header mapping
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
    "more_fields": ("更多可选字段（{n} 个，未在文件中识别到）", "More optional fields ({n}, not found in the file)"),
    "ds_mapping_remembered": (
        "此文件的表头与之前导入的文件相同，已套用上次确认的映射。核对后点击「确认映射并导入」即可。",
        "This file has the same headers as one imported before: last time's confirmed mapping is filled in. Check it and click load.",
    ),
    # issue #11 item 9: the amount from quantity x price
    "amount_computed": ("（由 数量 × 单价 计算）", "(computed as quantity × unit price)"),
    # —— issue #11: what the file cannot answer ——
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
    # loading and the ingest report
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
    "col_duplicate_of": ("与此行重复", "Duplicate of row"),
    "go_home": ("查看概览", "Go to the overview"),
}
