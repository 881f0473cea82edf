"""One sheet per view of the brief: ABC tiers, RFM segments, churn warnings, long tail, funnel.

Each sheet puts its main table at the left and the summaries beside it, all headers on the same row,
so the frozen panes keep every header in view.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from core.analytics import abc, churn, rfm
from core.analytics.funnel import amount_basis
from core.analytics.long_tail import tail_per_manager
from core.brief import outlook_sheets
from core.brief.cells import HEADER_ROW, bar_chart, finish, note, pairs, table
from core.labels import (
    FIELD_LABELS,
    FUNNEL_KIND_LABELS,
    LEVEL_LABELS,
    SEGMENT_LABELS,
    SERVICE_LABELS,
    TIER_LABELS,
    customer_funnel_label,
    label,
    trend_words,
)

if TYPE_CHECKING:
    from core.brief.model import Brief

_CHART_ROWS = 17  # a 7.5 cm chart covers about 15 default rows; two more keep a gap below it


def _rows(frame: pd.DataFrame, columns: list[str]) -> list[tuple]:
    """The frame's values as plain tuples, in the given column order."""
    return list(frame[columns].astype(object).itertuples(index=False, name=None))


def _next(col: int, columns: list) -> int:
    """The column after a table and one empty gap column."""
    return col + len(columns) + 1


def _below(row: int) -> str:
    return str(row + 2)


def abc_sheet(ws: Worksheet, b: Brief) -> None:
    """Per customer: rank, customer, name, tier, net revenue, cum_before, manager (when the file has a manager
    column), service and the next 90 days' forecast; tier summary, a bar chart of revenue per tier, and
    account-manager coverage (with a manager column)."""
    w, lang = b.words, b.lang
    has_manager = b.has_field("account_manager")
    columns = [
        (w("rank"), "count"),
        (w("customer"), "text"),
        (w("customer_name"), "text"),
        (w("tier"), "text"),
        (w("net_revenue"), "money"),
        (w("cum_before"), "share"),
        *([(w("account_manager"), "text")] if has_manager else []),
        (w("service_level"), "text"),
        *outlook_sheets.forecast_columns(b),
    ]
    tiers = b.tiers.assign(
        tier_words=b.tiers["tier"].map(lambda t: label(TIER_LABELS, t, lang)),
        service_words=b.tiers["tier"].map(lambda t: label(SERVICE_LABELS, abc.SERVICE_LEVELS.get(t), lang)),
    )
    keys = [
        "rank",
        "customer",
        "customer_name",
        "tier_words",
        "net_revenue_cents",
        "cum_before",
        *(["account_manager"] if has_manager else []),
        "service_words",
    ]
    forecast = outlook_sheets.forecast_values(b, tiers["customer"])
    rows = [(*row, *extra) for row, extra in zip(_rows(tiers, keys), forecast)]
    last = table(ws, 1, w("abc_customers"), columns, rows)
    if tiers.empty:
        note(ws, last + 1, 1, w("no_orders"))

    col = _next(1, columns)
    summary = abc.tier_summary(b.tiers)
    summary_columns = [
        (w("tier"), "text"),
        (w("customers_count"), "count"),
        (w("customer_share"), "share"),
        (w("net_revenue"), "money"),
        (w("revenue_share"), "share"),
        (w("service_level"), "text"),
    ]
    summary_rows = [
        (
            label(TIER_LABELS, r.tier, lang),
            r.customers_count,
            r.customer_share,
            r.net_revenue_cents,
            r.revenue_share,
            label(SERVICE_LABELS, abc.SERVICE_LEVELS[r.tier], lang),
        )
        for r in summary.itertuples(index=False)
    ]
    last = table(ws, col, w("abc_summary"), summary_columns, summary_rows)
    bar_chart(ws, w("abc_chart"), (col + 3, col + 3), col, HEADER_ROW, last, get_column_letter(col) + _below(last))

    if not has_manager:  # no manager column in the file: no coverage to report
        finish(ws)
        return
    coverage = abc.manager_coverage(b.tiers)
    coverage_rows = [
        (r.account_manager if r.has_manager else w("no_manager"), r.a_customers_count, r.customers_count)
        for r in coverage.itertuples(index=False)
    ]
    coverage_columns = [
        (w("account_manager"), "text"),
        (w("a_customers_count"), "count"),
        (w("customers_count"), "count"),
    ]
    table(ws, _next(col, summary_columns), w("abc_coverage"), coverage_columns, coverage_rows)
    finish(ws)


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

    col = _next(1, columns)
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
        get_column_letter(col) + _below(last),
        horizontal=True,
    )
    finish(ws)


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

    col = _next(1, columns)
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
        get_column_letter(col) + _below(last),
    )
    finish(ws)


def tail_sheet(ws: Worksheet, b: Brief) -> None:
    """Tail shares and Gini, a count-vs-revenue chart, tail revenue by region/industry/product, the
    fastest-growing tail customers and the tail per account manager."""
    w = b.words
    shares = b.tail_shares
    figures_columns = [(w("item"), "text"), (w("value"), "text")]
    figure_rows: list = []
    if not shares.empty:
        s = shares.iloc[0]
        figure_rows = [
            (w("customers_count"), int(s.customers_count), "count"),
            (w("tail_customers_count"), int(s.tail_customers_count), "count"),
            (w("tail_customer_share"), s.customer_share, "share"),
            (w("net_revenue"), int(s.net_revenue_cents), "money"),
            (w("tail_net_revenue"), int(s.tail_net_revenue_cents), "money"),
            (w("tail_revenue_share"), s.revenue_share, "share"),
            (w("gini"), b.gini, "number"),
        ]
    last = pairs(ws, table(ws, 1, w("tail_figures"), figures_columns, []), 1, figure_rows)

    # the chart's data: tail against everyone else, share of customers beside share of revenue
    chart_columns = [(w("tail_group"), "text"), (w("customer_share"), "share"), (w("revenue_share"), "share")]
    chart_rows = []
    if not shares.empty and s.net_revenue_cents:
        chart_rows = [
            (w("tail_group_tail"), s.customer_share, s.revenue_share),
            (w("tail_group_head"), 1 - s.customer_share, 1 - s.revenue_share),
        ]
    chart_header = last + 3
    chart_last = table(ws, 1, w("tail_chart"), chart_columns, chart_rows, row=chart_header)
    bar_chart(ws, w("tail_chart"), (2, 3), 1, chart_header, chart_last, "A" + _below(chart_last), percent=True)

    col = _next(1, chart_columns)
    for dimension, frame in b.tail_by.items():
        if frame.empty or frame["dimension_value"].isna().all():
            continue  # the column is not mapped: a single "(blank)" row would say nothing
        heading = FIELD_LABELS[dimension][0 if b.lang == "zh" else 1]
        by_columns = [
            (heading, "text"),
            (w("tail_customers_count"), "count"),
            (w("net_revenue"), "money"),
            (w("revenue_share"), "share"),
        ]
        rows = [
            (v if not pd.isna(v) else w("blank"), n, cents, share)
            for v, n, cents, share in _rows(
                frame, ["dimension_value", "tail_customers_count", "net_revenue_cents", "revenue_share"]
            )
        ]
        table(ws, col, w("tail_by", dimension=heading), by_columns, rows)
        col = _next(col, by_columns)

    growing_columns = [
        (w("customer"), "text"),
        (w("customer_name"), "text"),
        (w("first_half_revenue"), "money_float"),
        (w("last_half_revenue"), "money_float"),
        (w("revenue_change"), "money"),
        (w("growth_ratio"), "ratio"),
    ]
    growing_keys = [
        "customer",
        "customer_name",
        "first_half_revenue",
        "last_half_revenue",
        "revenue_change_cents",
        "growth_ratio",
    ]
    table(ws, col, w("tail_growing"), growing_columns, _rows(b.growing_tail, growing_keys))
    col = _next(col, growing_columns)

    managers = tail_per_manager(b.tiers, b.rules.long_tail)
    manager_rows = [
        (m if not pd.isna(m) else w("no_manager"), n, cents)
        for m, n, cents in _rows(managers, ["account_manager", "tail_customers_count", "net_revenue_cents"])
    ]
    manager_columns = [
        (w("account_manager"), "text"),
        (w("tail_customers_count"), "count"),
        (w("net_revenue"), "money"),
    ]
    table(ws, col, w("tail_per_manager"), manager_columns, manager_rows)
    finish(ws)


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
        rate_last = table(ws, _next(1, columns), w("win_rate_table"), rate_columns, _rows(b.win_rate, rate_keys))
        if amount_basis(b.win_rate) == "won_only":  # the amount win rate reads 100%: say why (issue #11)
            note(ws, rate_last + 1, _next(1, columns), w("funnel_note_amount_won_only"))
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
        ws, w("funnel_chart"), (reached_col, reached_col), 2, HEADER_ROW, last, "A" + _below(last + 2), horizontal=True
    )
    finish(ws)
