"""Load a raw table into the canonical `orders`/`pipeline` table; report what was loaded and rejected.

The steps live in their own modules: staging (the parsing SQL), notes, survey_cells, folding and report.
"""

from __future__ import annotations

import duckdb

from core.errors import InputError, Where
from core.ingest import clean
from core.ingest.folding import fold_customers, fold_stage_labels
from core.ingest.header import Mapping
from core.ingest.notes import control_notes, optional_warnings, two_digit_year_notes, unit_notes
from core.ingest.read import RawTable
from core.ingest.report import LOADED_SQL, IngestReport, rejected_entries
from core.ingest.staging import (
    column_evidence,
    duplicate_pairs,
    mark_duplicates,
    replace_rows,
    select_lists,
    stage_rows,
)
from core.ingest.survey_cells import rejected_cells, scale_notes, score_scales


def load_table(
    con: duckdb.DuckDBPyConnection,
    raw: RawTable,
    mapping: Mapping,
    *,
    drop_duplicates: bool = False,
) -> IngestReport:
    """Parse, check and load `raw` into mapping.table, replacing its rows; nothing changes if it fails."""
    table = mapping.table
    missing = mapping.missing_required()
    if missing:
        raise InputError(
            Where(raw.file, raw.sheet),
            zh=f"找不到必需的列：{'、'.join(_field_label(m, 'zh') for m in missing)}。请在映射界面中指定对应的列。",
            en=f"Required columns not found: {', '.join(_field_label(m, 'en') for m in missing)}. "
            "Pick the matching columns on the mapping screen.",
        )
    cols = {h: f"c{i}" for i, h in enumerate(raw.headers)}
    arrow = raw.data.rename_columns([cols[h] for h in raw.headers] + ["source_row"])
    cur = con.cursor()
    for macro in clean.MACROS:
        cur.execute(macro)
    cur.register("ka_raw", arrow)
    try:
        notes = unit_notes(mapping)
        if raw.control_chars:
            notes += control_notes(cur, mapping, cols)
        src = {name: cols[header] for name, header in mapping.columns.items()}
        evidence = column_evidence(cur, mapping, src)
        scales = score_scales(cur, mapping, src)
        notes += scale_notes(mapping, scales)
        select, problems = select_lists(mapping, src, evidence, notes, scales)
        names = stage_rows(cur, raw, select, problems, cols, mapping)
        duplicates = duplicate_pairs(cur, list(cols.values()))
        if drop_duplicates and duplicates:
            mark_duplicates(cur, duplicates)
        rejected = rejected_entries(cur, raw.headers)
        notes += two_digit_year_notes(cur, mapping, src, evidence)
        notes += optional_warnings(cur, mapping, cols, raw.plain_cells)
        cells = rejected_cells(cur, mapping, cols)
        if table == "pipeline":
            notes += fold_stage_labels(cur, "lost_stage" in src)
        notes += fold_customers(cur, "ka_staged", "len(problems) = 0")
        replace_rows(cur, table, names)
        loaded, latest = cur.execute(LOADED_SQL[table]).fetchall()[0]
    finally:
        cur.execute("drop table if exists ka_staged")
        cur.execute("drop table if exists ka_collisions")
        cur.unregister("ka_raw")
    return IngestReport(
        table=table,
        file=raw.file,
        sheet=raw.sheet,
        header_row=raw.header_row,
        mapping=mapping,
        headers=raw.headers,
        rows_read=raw.rows_read,
        rows_loaded=loaded,
        rejected_rows=rejected,
        duplicate_pairs=duplicates,
        duplicates_dropped=drop_duplicates and len(duplicates) > 0,
        notes=notes,
        encoding=raw.encoding,
        delimiter=raw.delimiter,
        latest_date=latest,
        rejected_cells=cells,
    )


def _field_label(name: str, lang: str) -> str:
    from core.labels import FIELD_LABELS

    zh, en = FIELD_LABELS.get(name, (name, name))
    return zh if lang == "zh" else en
