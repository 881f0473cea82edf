"""Ingest reports saved with a dataset and read back whole, so a reopened dataset shows its validation report."""

from __future__ import annotations

from datetime import date

from core.ingest import IngestReport, Mapping


def report_record(report: IngestReport) -> dict:
    """IngestReport.to_json("en") plus what rebuilding it needs: Chinese reasons and notes, duplicates, headers."""
    return {
        **report.to_json("en"),
        "table": report.table,
        "headers": list(report.headers),
        "reasons_zh": [r[3] for r in report.rejected_rows],
        "notes_zh": [zh for zh, _ in report.notes],
        "duplicates": [list(pair) for pair in report.duplicate_pairs],
        "delimiter": report.delimiter,
        "latest_date": report.latest_date.isoformat() if report.latest_date else None,
    }


def report_from_record(record: dict) -> IngestReport:
    """The IngestReport a record was made from (as far as the upload page shows it)."""
    # the row's cells are not saved with the dataset: content is empty in a reopened report
    rejected = [
        (r["row"], r["column"], r["value"], zh, r["reason"], "")
        for r, zh in zip(record["rejected"], record["reasons_zh"])
    ]
    duplicates = [tuple(pair) for pair in record["duplicates"]]
    return IngestReport(
        table=record["table"],
        file=record["file"],
        sheet=record["sheet"],
        header_row=record["header_row"],
        mapping=Mapping.from_json(record["table"], record["mapping"], record["headers"]),
        headers=record["headers"],
        rows_read=record["rows_read"],
        rows_loaded=record["rows_loaded"],
        rejected_rows=rejected,
        duplicate_pairs=duplicates,
        duplicates_dropped=record["duplicates_dropped"],
        notes=list(zip(record["notes_zh"], record["notes"])),
        encoding=record["encoding"],
        delimiter=record["delimiter"],
        latest_date=date.fromisoformat(record["latest_date"]) if record["latest_date"] else None,
        merged_customers=record.get("merged_customers", []),  # saved since issue #14
    )
