"""Ingest reports saved with a dataset and read back whole, so a reopened dataset shows its validation report."""

from __future__ import annotations

from datetime import date

import pandas as pd

from core.ingest import IngestReport, Mapping


def report_record(report: IngestReport) -> dict:
    """IngestReport.to_json("en") plus what rebuilding it needs: Chinese reasons and notes, duplicates, headers."""
    return {
        **report.to_json("en"),
        "table": report.table,
        "headers": list(report.headers),
        "reasons_zh": [str(r) for r in report.rejected["reason_zh"]],
        "notes_zh": [zh for zh, _ in report.notes],
        "duplicates": [[int(r.row), int(r.duplicate_of)] for r in report.duplicates.itertuples(index=False)],
        "delimiter": report.delimiter,
        "latest_date": report.latest_date.isoformat() if report.latest_date else None,
    }


def report_from_record(record: dict) -> IngestReport:
    """The IngestReport a record was made from (as far as the upload page shows it)."""
    rejected = pd.DataFrame({
        "row": pd.Series([r["row"] for r in record["rejected"]], dtype="int64"),
        "column": pd.Series([r["column"] for r in record["rejected"]], dtype="str"),
        "value": pd.Series([r["value"] for r in record["rejected"]], dtype="str"),
        "reason_zh": pd.Series(record["reasons_zh"], dtype="str"),
        "reason_en": pd.Series([r["reason"] for r in record["rejected"]], dtype="str"),
    })
    duplicates = pd.DataFrame(record["duplicates"], columns=["row", "duplicate_of"]).astype("int64")
    return IngestReport(
        table=record["table"], file=record["file"], sheet=record["sheet"], header_row=record["header_row"],
        mapping=Mapping.from_json(record["table"], record["mapping"], record["headers"]), headers=record["headers"],
        rows_read=record["rows_read"], rows_loaded=record["rows_loaded"], rejected=rejected, duplicates=duplicates,
        duplicates_dropped=record["duplicates_dropped"], notes=list(zip(record["notes_zh"], record["notes"])),
        encoding=record["encoding"], delimiter=record["delimiter"],
        latest_date=date.fromisoformat(record["latest_date"]) if record["latest_date"] else None,
    )
