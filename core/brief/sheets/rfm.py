"""The RFM sheet (RFM 分群): every active customer's R, F and M with its segment, and the segment summary
with its chart."""

from __future__ import annotations

from typing import TYPE_CHECKING

from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from core.analytics import rfm
from core.brief.cells import HEADER_ROW, bar_chart, finish, note, table
from core.brief.sheets.layout import below, next_column
from core.labels import SEGMENT_LABELS, label

if TYPE_CHECKING:
    from core.brief.model import Brief


def rfm_sheet(ws: Worksheet, b: Brief) -> None:
    """Per customer: R, F, M, high/low and segment; segment summary with a bar chart of customers."""
    w, lang = b.words, b.lang
    columns = [
        (w("customer"), "text"),
        (w("customer_name"), "text"),
        (w("recency_days"), "count"),
        (w("frequency"), "count"),
        (w("monetary"), "money"),
        (w("is_recency_high"), "text"),
        (w("is_frequency_high"), "text"),
        (w("is_monetary_high"), "text"),
        (w("segment"), "text"),
        (w("rfm_score"), "text"),
    ]
    high = {True: w("yes"), False: w("no")}
    rows = [
        (
            r.customer,
            r.customer_name,
            r.recency_days,
            r.frequency,
            r.monetary_cents,
            high[bool(r.is_recency_high)],
            high[bool(r.is_frequency_high)],
            high[bool(r.is_monetary_high)],
            label(SEGMENT_LABELS, r.segment, lang),
            f"{r.r_score}-{r.f_score}-{r.m_score}",
        )
        for r in b.segments.itertuples(index=False)
    ]
    last = table(ws, 1, w("rfm_customers"), columns, rows)
    if not rows:
        note(ws, last + 1, 1, w("no_orders"))

    col = next_column(1, columns)
    summary_columns = [
        (w("segment"), "text"),
        (w("customers_count"), "count"),
        (w("customer_share"), "share"),
        (w("net_revenue"), "money"),
        (w("revenue_share"), "share"),
    ]
    summary_rows = [
        (
            label(SEGMENT_LABELS, r.segment, lang),
            r.customers_count,
            r.customer_share,
            r.net_revenue_cents,
            r.revenue_share,
        )
        for r in rfm.segment_summary(b.segments).itertuples(index=False)
    ]
    last = table(ws, col, w("rfm_summary"), summary_columns, summary_rows)
    bar_chart(
        ws,
        w("rfm_chart"),
        (col + 1, col + 1),
        col,
        HEADER_ROW,
        last,
        get_column_letter(col) + below(last),
        horizontal=True,
    )
    finish(ws)
