"""The funnel sheet (销售漏斗): the pipeline funnel with its win rate, else the customer funnel, with its
chart."""

from __future__ import annotations

from typing import TYPE_CHECKING

from openpyxl.worksheet.worksheet import Worksheet

from core.analytics.funnel import amount_basis
from core.brief.cells import HEADER_ROW, bar_chart, finish, note, table
from core.brief.sheets.layout import below, frame_rows, next_column
from core.labels import FUNNEL_KIND_LABELS, customer_funnel_label, label

if TYPE_CHECKING:
    from core.brief.model import Brief


def funnel_sheet(ws: Worksheet, b: Brief) -> None:
    """The pipeline funnel with its win rate when a pipeline is loaded, else the customer funnel from
    orders with a note saying so; a bar chart of reached per stage either way."""
    w, lang = b.words, b.lang
    if b.funnel_source == "pipeline":
        columns = [
            (w("position"), "count"),
            (w("stage"), "text"),
            (w("kind"), "text"),
            (w("reached"), "count"),
            (w("reached_amount"), "money_float"),
            (w("conversion"), "share"),
            (w("amount_conversion"), "share"),
        ]
        rows = [
            (
                r.position,
                r.stage,
                label(FUNNEL_KIND_LABELS, r.kind, lang),
                r.reached,
                r.reached_amount,
                r.conversion,
                r.amount_conversion,
            )
            for r in b.funnel.itertuples(index=False)
        ]
        last = table(ws, 1, w("funnel_pipeline"), columns, rows)
        if not rows:
            note(ws, last + 1, 1, w("funnel_note_empty"))
        rate_columns = [
            (w("won_count"), "count"),
            (w("lost_count"), "count"),
            (w("win_rate"), "share"),
            (w("won_amount"), "money_float"),
            (w("lost_amount"), "money_float"),
            (w("amount_win_rate"), "share"),
        ]
        rate_keys = ["won_count", "lost_count", "win_rate", "won_amount", "lost_amount", "amount_win_rate"]
        rate_last = table(
            ws, next_column(1, columns), w("win_rate_table"), rate_columns, frame_rows(b.win_rate, rate_keys)
        )
        if amount_basis(b.win_rate) == "won_only":  # the amount win rate reads 100%: say why (issue #11)
            note(ws, rate_last + 1, next_column(1, columns), w("funnel_note_amount_won_only"))
    else:
        columns = [(w("position"), "count"), (w("stage"), "text"), (w("reached"), "count"), (w("conversion"), "share")]
        rows = [
            (r.stage_index, customer_funnel_label(r.stage, lang, b.rules.funnel.repeat_orders), r.reached, r.conversion)
            for r in b.funnel.itertuples(index=False)
        ]
        last = table(ws, 1, w("funnel_customers"), columns, rows)
        note(ws, last + 2, 1, w("funnel_note_orders", repeat=b.rules.funnel.repeat_orders))
    reached_col = next(i for i, (header, _) in enumerate(columns, start=1) if header == w("reached"))
    bar_chart(
        ws, w("funnel_chart"), (reached_col, reached_col), 2, HEADER_ROW, last, "A" + below(last + 2), horizontal=True
    )
    finish(ws)
