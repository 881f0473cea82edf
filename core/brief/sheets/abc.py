"""The ABC sheet (ABC 分层): every customer with its tier, the tier summary with its chart, and the
account managers' coverage of each tier."""

from __future__ import annotations

from typing import TYPE_CHECKING

from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from core.analytics import abc
from core.brief import outlook_sheets
from core.brief.cells import HEADER_ROW, bar_chart, finish, note, table
from core.brief.sheets.layout import below, frame_rows, next_column
from core.labels import SERVICE_LABELS, TIER_LABELS, label

if TYPE_CHECKING:
    from core.brief.model import Brief


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
    rows = [(*row, *extra) for row, extra in zip(frame_rows(tiers, keys), forecast)]
    last = table(ws, 1, w("abc_customers"), columns, rows)
    if tiers.empty:
        note(ws, last + 1, 1, w("no_orders"))

    col = next_column(1, columns)
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
    bar_chart(ws, w("abc_chart"), (col + 3, col + 3), col, HEADER_ROW, last, get_column_letter(col) + below(last))

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
    table(ws, next_column(col, summary_columns), w("abc_coverage"), coverage_columns, coverage_rows)
    finish(ws)
