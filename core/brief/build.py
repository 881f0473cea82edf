"""The one-click sales brief (一键生成销售简报): an openpyxl workbook with a summary, one sheet per view
and the definitions used, in Chinese or English. The CLI's --xlsx and the UI's download share it."""

from __future__ import annotations

import io
import os
import tempfile

import duckdb
import pandas as pd
from openpyxl import Workbook

from core import access, outlook_tables
from core.analytics import abc, active, bridge, churn, cohorts, customer_funnel, fields, funnel, long_tail, rfm, window
from core.brief import outlook_sheets
from core.brief import sheets as report_sheets
from core.brief.cells import finish, pairs, subheading, table
from core.brief.definitions import definitions_sheet
from core.brief.model import AT_RISK_LEVELS, TAIL_DIMENSIONS, Brief, ReportRules
from core.brief.text import words
from core.filters import DIMENSIONS, Filters
from core.ingest import IngestReport
from core.labels import FIELD_LABELS, LEVEL_LABELS, TIER_LABELS, label


def brief(
    con: duckdb.DuckDBPyConnection,
    filters: Filters,
    orders: IngestReport,
    pipeline: IngestReport | None = None,
    lang: str = "zh",
    rules: ReportRules | None = None,
) -> Brief:
    """Run every analysis of the brief once; the sheets only read the result."""
    rules = rules or ReportRules()
    # a scoped user's brief counts their lines only: the file's own counts and rejected rows are every region's
    orders = access.report_seen_by(con, orders, filters.scope)
    pipeline = None if pipeline is None else access.report_seen_by(con, pipeline, filters.scope)
    as_of = window.resolve_as_of(con, filters)
    if as_of is not None:
        filters = filters.with_as_of(as_of)
    tiers = abc.abc_tiers(con, filters, rules.abc)
    has_pipeline = pipeline is not None and pipeline.rows_loaded > 0
    if has_pipeline:
        stages, source = funnel.pipeline_funnel(con, filters), "pipeline"
        rate = funnel.win_rate(con, filters)
    else:
        stages = customer_funnel.customer_funnel(con, filters, rules.funnel, rules.abc, tiers)
        source, rate = "orders", pd.DataFrame()
    return Brief(
        lang=lang,
        filters=filters,
        orders=orders,
        pipeline=pipeline,
        rules=rules,
        tiers=tiers,
        active_customers=active.active_customers(con, filters),
        segments=rfm.rfm_segments(con, filters, rules.rfm),
        warnings=churn.churn_warnings(con, filters, rules.churn),
        tail_shares=long_tail.tail_shares(tiers, rules.long_tail),
        gini=long_tail.gini(long_tail.lorenz_points(con, filters)),
        tail_by={d: long_tail.tail_by_dimension(con, filters, d, rules.abc, rules.long_tail) for d in TAIL_DIMENSIONS},
        growing_tail=long_tail.fastest_growing_tail(con, filters, rules.abc, rules.long_tail),
        funnel=stages,
        funnel_source=source,
        win_rate=rate,
        outlook=outlook_tables.customer_outlook_table(con, filters, rules, outlook_tables.LOYALTY_HORIZON_DAYS),
        cohorts=cohorts.cohort_retention(con.cursor(), window.params(con, filters)) if as_of is not None else [],
        bridge=bridge.window_bridge(con, filters, abc.usable_rules(con, rules.abc)),
        present_fields=fields.present_fields(con),
    )


def workbook_bytes(
    con: duckdb.DuckDBPyConnection,
    filters: Filters,
    orders_report: IngestReport,
    pipeline_report: IngestReport | None = None,
    lang: str = "zh",
    rules: ReportRules | None = None,
) -> bytes:
    """The brief as .xlsx bytes: summary, ABC, RFM, churn, long tail, funnel, forecast, relationships,
    lifecycle, cohorts, bridge and definitions sheets."""
    figures = brief(con, filters, orders_report, pipeline_report, lang, rules)
    book = Workbook()
    summary_sheet(book.active, figures)
    report_sheets.abc_sheet(book.create_sheet(figures.words("sheet_abc")), figures)
    report_sheets.rfm_sheet(book.create_sheet(figures.words("sheet_rfm")), figures)
    report_sheets.churn_sheet(book.create_sheet(figures.words("sheet_churn")), figures)
    report_sheets.tail_sheet(book.create_sheet(figures.words("sheet_tail")), figures)
    report_sheets.funnel_sheet(book.create_sheet(figures.words("sheet_funnel")), figures)
    outlook_sheets.add_sheets(book, figures)  # forecast, relationships, lifecycle, cohorts, bridge (#14)
    definitions_sheet(book.create_sheet(figures.words("sheet_definitions")), figures)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def write_report(
    con: duckdb.DuckDBPyConnection,
    path: str | os.PathLike,
    filters: Filters,
    orders_report: IngestReport,
    pipeline_report: IngestReport | None = None,
    lang: str = "zh",
    rules: ReportRules | None = None,
) -> None:
    """Write the brief to path; a reader never sees a half-written file (temp file + os.replace)."""
    data = workbook_bytes(con, filters, orders_report, pipeline_report, lang, rules)
    target = os.path.abspath(os.fspath(path))
    handle, temp = tempfile.mkstemp(prefix=".brief-", suffix=".xlsx", dir=os.path.dirname(target))
    try:
        with os.fdopen(handle, "wb") as fh:
            fh.write(data)
        os.replace(temp, target)
    except BaseException:
        if os.path.exists(temp):
            os.remove(temp)
        raise


def summary_sheet(ws, b: Brief) -> None:
    """Two columns, item and value: the data behind the brief, the key figures, tiers and warnings."""
    ws.title = b.words("sheet_summary")
    title = b.words("brief_title", as_of=b.as_of.isoformat()) if b.as_of else b.words("brief_title_empty")
    columns = [(b.words("item"), "text"), (b.words("value"), "text")]
    last = table(ws, 1, title, columns, [])
    sections = [("section_data", data_rows(b)), ("section_kpis", kpi_rows(b))]
    sections += [("section_tiers", tier_count_rows(b)), ("section_levels", level_count_rows(b))]
    for section, rows in sections:
        last += 1
        subheading(ws, last, 1, b.words(section))
        last = pairs(ws, last, 1, rows)
    finish(ws)


def data_rows(b: Brief) -> list[tuple[str, object, str]]:
    """(item, value, kind) rows: as_of, window, filters, the files and their row counts."""
    rows = [(b.words("as_of"), b.as_of, "date")]
    if b.as_of is not None:
        span = b.words("window_value", start=b.window_start, end=b.as_of, days=b.filters.window_days)
        rows.append((b.words("window"), span, "text"))
    rows.append((b.words("filters"), filter_words(b.filters, b.lang), "text"))
    rows.append((b.words("orders_file"), file_words(b.orders, b.lang), "text"))
    rows += [
        (b.words("rows_read"), b.orders.rows_read, "count"),
        (b.words("rows_loaded"), b.orders.rows_loaded, "count"),
        (b.words("rows_rejected"), b.orders.rows_rejected, "count"),
    ]
    if b.pipeline is not None:
        rows += [
            (b.words("pipeline_file"), file_words(b.pipeline, b.lang), "text"),
            (b.words("pipeline_rows_loaded"), b.pipeline.rows_loaded, "count"),
            (b.words("pipeline_rows_rejected"), b.pipeline.rows_rejected, "count"),
        ]
    return rows


def kpi_rows(b: Brief) -> list[tuple[str, object, str]]:
    """Net revenue, active customers, A-tier share, revenue at risk and win rate, as the home page's strip."""
    a_share = tier_revenue_share(b.tiers, "A")
    rate = None if b.win_rate.empty else b.win_rate["win_rate"].iloc[0]
    has_rate = rate is not None and not pd.isna(rate)
    return [
        (b.words("kpi_net_revenue"), int(b.tiers["net_revenue_cents"].sum()), "money"),
        (b.words("kpi_active"), b.active_customers, "count"),
        (b.words("kpi_a_share"), a_share, "share"),
        (b.words("kpi_at_risk"), revenue_at_risk_cents(b.warnings), "money"),
        (b.words("kpi_win_rate"), rate if has_rate else b.words("not_available"), "share" if has_rate else "text"),
    ]


def tier_count_rows(b: Brief) -> list[tuple[str, object, str]]:
    counts = b.tiers["tier"].value_counts()
    return [(label(TIER_LABELS, t, b.lang), int(counts.get(t, 0)), "count") for t in abc.TIERS]


def level_count_rows(b: Brief) -> list[tuple[str, object, str]]:
    counts = b.warnings["level"].value_counts()
    return [(label(LEVEL_LABELS, lv, b.lang), int(counts.get(lv, 0)), "count") for lv in churn.LEVELS]


def tier_revenue_share(tiers: pd.DataFrame, tier: str) -> float | None:
    """The tier's share of the window's net revenue, from exact cents; None when that nets to 0."""
    total = int(tiers["net_revenue_cents"].sum())
    if not total:
        return None
    return int(tiers.loc[tiers["tier"].eq(tier), "net_revenue_cents"].sum()) / total


def revenue_at_risk_cents(warnings: pd.DataFrame) -> int:
    """Window revenue of the medium- and high-risk customers, summed in cents."""
    at_risk = warnings.loc[warnings["level"].isin(AT_RISK_LEVELS), "revenue_at_risk"]
    return int((at_risk.astype(float) * 100).round().sum())


def filter_words(filters: Filters, lang: str) -> str:
    """'区域: 华东, 华南; 客户经理: 张伟' for the dimensions that filter, else 'none'."""
    parts = []
    for name in DIMENSIONS:
        values = getattr(filters, name)
        if values:
            heading = FIELD_LABELS[name][0 if lang == "zh" else 1]
            parts.append(f"{heading}: {', '.join(map(str, values))}")
    return "; ".join(parts) if parts else words("no_filters", lang)


def file_words(report: IngestReport, lang: str) -> str:
    if report.sheet:
        return words("file_sheet", lang, file=report.file, sheet=report.sheet)
    return report.file
