"""The churn sheet (流失预警): the call list by revenue at risk with the next 90 days' forecast, and the
customers and revenue per risk level with its chart."""

from __future__ import annotations

from typing import TYPE_CHECKING

from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from core.analytics import churn
from core.brief import outlook_sheets
from core.brief.cells import HEADER_ROW, bar_chart, finish, note, table
from core.brief.sheets.layout import below, next_column
from core.labels import LEVEL_LABELS, label, trend_words

if TYPE_CHECKING:
    from core.brief.model import Brief


def churn_sheet(ws: Worksheet, b: Brief) -> None:
    """The call list (every level but ok, by revenue at risk) with the next 90 days' forecast, and the
    customers and revenue per level. No owner column when the file has no manager column."""
    w, lang = b.words, b.lang
    has_manager = b.has_field("account_manager")
    columns = [
        (w("customer"), "text"),
        (w("customer_name"), "text"),
        (w("level"), "text"),
        (w("reason"), "text"),
        (w("revenue_at_risk"), "money_float"),
        *([(w("owner"), "text")] if has_manager else []),
        (w("last_purchase_date"), "date"),
        (w("cycle_days"), "number"),
        (w("overdue"), "ratio"),
        (w("decline"), "text"),
        *outlook_sheets.forecast_columns(b),
    ]
    calls = b.warnings[b.warnings["level"].ne("ok")]
    reason = "reason_zh" if lang == "zh" else "reason_en"
    rows = [
        (
            r.customer,
            r.customer_name,
            label(LEVEL_LABELS, r.level, lang),
            getattr(r, reason),
            r.revenue_at_risk,
            *((r.account_manager,) if has_manager else ()),
            r.last_purchase_date,
            r.cycle_days,
            r.overdue,
            trend_words(r.trend, r.trend_pct, r.trend_capped, lang),
            *extra,
        )
        for r, extra in zip(calls.itertuples(index=False), outlook_sheets.forecast_values(b, calls["customer"]))
    ]
    last = table(ws, 1, w("churn_list"), columns, rows)
    if not rows:
        note(ws, last + 1, 1, w("no_warnings"))

    col = next_column(1, columns)
    cents = (b.warnings["revenue_at_risk"].astype(float) * 100).round().astype("int64")
    per_level = (
        b.warnings.assign(cents=cents)
        .groupby("level")
        .agg(customers_count=("customer", "size"), cents=("cents", "sum"))
        .reindex(list(churn.LEVELS), fill_value=0)
    )
    level_rows = (
        [(label(LEVEL_LABELS, lv, lang), int(r.customers_count), int(r.cents)) for lv, r in per_level.iterrows()]
        if len(b.warnings)
        else []
    )
    level_columns = [(w("level"), "text"), (w("customers_count"), "count"), (w("revenue_at_risk"), "money")]
    last = table(ws, col, w("churn_summary"), level_columns, level_rows)
    # the chart leaves out the last row, 'ok': it never has revenue at risk (nor has 'lost', kept for its count)
    bar_chart(
        ws,
        w("churn_chart"),
        (col + 2, col + 2),
        col,
        HEADER_ROW,
        last - 1 if level_rows else last,
        get_column_letter(col) + below(last),
    )
    finish(ws)
