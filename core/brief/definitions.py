"""The Definitions sheet (口径说明): every rule and threshold behind the brief, in words, with the values
actually used, so any figure in the workbook can be checked by hand."""

from __future__ import annotations

from typing import TYPE_CHECKING

from openpyxl.styles import Alignment
from openpyxl.worksheet.worksheet import Worksheet

from core.brief.analysis_definitions import analysis_rows
from core.brief.cells import FIRST_DATA_ROW, finish, put, table
from core.brief.outlook_definitions import outlook_rows

if TYPE_CHECKING:
    from core.brief.model import Brief

_RULE_WIDTH = 90  # the rule column wraps instead of running off the screen


def definitions_sheet(ws: Worksheet, b: Brief) -> None:
    """One row per rule: analysis, the rule in words, the value used."""
    rows = definition_rows(b)
    columns = [(b.words("topic"), "text"), (b.words("rule"), "text"), (b.words("setting"), "text")]
    last = table(ws, 1, b.words("definitions_title"), columns, [(topic, rule) for topic, rule, _, _ in rows])
    # the value column mixes kinds (shares, days, counts), so it is written cell by cell
    for row, (_, _, value, kind) in enumerate(rows, start=FIRST_DATA_ROW):
        put(ws, row, 3, value, kind)
    finish(ws)
    ws.column_dimensions["B"].width = _RULE_WIDTH
    for row in range(FIRST_DATA_ROW, last + 1):
        ws.cell(row, 2).alignment = Alignment(wrap_text=True, vertical="top")


def definition_rows(b: Brief) -> list[tuple[str, str, object, str]]:
    """(analysis, rule in words, value, kind) in the order of the sheets."""
    zh = b.lang == "zh"

    def say(zh_text: str, en_text: str) -> str:
        return zh_text if zh else en_text

    # ABC, RFM, churn, long tail, funnel; then forecast, relationships, lifecycle, cohorts, bridge (#14)
    return data_rows(b, say) + analysis_rows(b, say) + outlook_rows(b)


def data_rows(b: Brief, say) -> list[tuple[str, str, object, str]]:
    """The data behind the brief (as_of, the window, money, rows read) and the key figures."""
    days = b.filters.window_days
    rows: list[tuple[str, str, object, str]] = []
    data, kpi = say("数据", "Data"), say("关键指标", "Key figures")
    rows += [
        (
            data,
            say(
                "截至日期 as_of：默认取数据中最晚的订单日期（文件往往不是今天导出的）。",
                "as_of: the latest order date in the data unless chosen (files are often old).",
            ),
            b.as_of,
            "date",
        ),
        (
            data,
            say(
                f"days_before = as_of − 订单日期（整天）；分析窗口为 0 ≤ days_before < {days}，即截至 as_of 的 {days} 天。",
                f"days_before = as_of − order date, in whole days; the window is 0 ≤ days_before < {days}, "
                f"the {days} days ending at as_of.",
            ),
            days,
            "count",
        ),
        (
            data,
            say(
                "金额按分精确求和；负金额是退货/红冲：冲减净销售额，但不算订单。",
                "Money is summed exactly to the cent; negative amounts are returns or credit notes: they "
                "reduce net revenue but are not orders.",
            ),
            None,
            "text",
        ),
        (
            data,
            say(
                "每一行都有去向：读取行数 = 载入行数 + 拒绝行数（合计/小计行被识别并排除）。",
                "Every row is accounted for: rows read = rows loaded + rows rejected (totals rows are "
                "recognised and excluded).",
            ),
            f"{b.orders.rows_read} = {b.orders.rows_loaded} + {b.orders.rows_rejected}",
            "text",
        ),
        (
            kpi,
            say(
                "净销售额：窗口内所有订单行金额之和（含退货）。",
                "Net revenue: the sum of every order line in the window, returns included.",
            ),
            None,
            "text",
        ),
        (
            kpi,
            say(
                "活跃客户：窗口内至少有一笔正金额订单的客户（与 RFM 的客户范围相同）。",
                "Active customers: customers with at least one positive order in the window (the RFM population).",
            ),
            None,
            "text",
        ),
        (
            kpi,
            say(
                "A 类客户销售额占比：A 类客户净销售额 ÷ 窗口净销售额。",
                "A-tier revenue share: net revenue of tier A ÷ the window's net revenue.",
            ),
            None,
            "text",
        ),
        (
            kpi,
            say(
                "风险销售额：中风险和高风险客户在窗口内的净销售额之和。",
                "Revenue at risk: the window's net revenue of the medium- and high-risk customers.",
            ),
            None,
            "text",
        ),
        (
            kpi,
            say(
                "赢单率 = 赢单数 ÷（赢单数 + 输单数），来自商机文件；未上传商机或没有已结束的商机时为“无”。",
                "Win rate = won ÷ (won + lost), from the pipeline file; n/a without a pipeline or a closed "
                "opportunity.",
            ),
            None,
            "text",
        ),
    ]
    return rows
