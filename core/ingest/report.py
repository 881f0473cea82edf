"""What a load reports: IngestReport, the reasons a row is rejected for, and the SQL that lists the rejected rows."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from core.ingest import clean
from core.ingest.header import Mapping

# Reason codes -> words. A row with several problems lists them all.
REASONS = {
    "totals_row": ("合计/总计行，已排除", "totals row, excluded"),
    "customer_empty": ("客户为空", "customer is empty"),
    "stage_empty": ("阶段为空", "stage is empty"),
    "date_empty": ("日期为空", "date is empty"),
    "date_unreadable": ("日期无法识别", "date cannot be read"),
    # {arg}: the year the date was read with
    "date_before_1900": ("年份 {arg} 早于 1900 年", "year {arg} is before 1900"),
    "amount_empty": ("金额为空", "amount is empty"),
    "amount_unreadable": ("金额无法识别", "amount cannot be read"),
    "quantity_unreadable": (
        "数量无法识别（金额 = 数量 × 单价）",
        "quantity cannot be read (amount = quantity x unit price)",
    ),
    "unit_price_unreadable": (
        "单价无法识别（金额 = 数量 × 单价）",
        "unit price cannot be read (amount = quantity x unit price)",
    ),
    "duplicate_row": ("与前面某行完全重复，已按选择删除", "exact duplicate of an earlier row, dropped as chosen"),
}

# IngestReport.rejected_rows: one tuple per rejected row; several problems are joined in each field
REJECTED_COLUMNS = ("row", "column", "value", "reason_zh", "reason_en", "content")

# IngestReport.rejected_cells: a satisfaction or referral cell that cannot be read rejects the cell, not the order
REJECTED_CELL_COLUMNS = ("row", "column", "value", "reason_zh", "reason_en")

# Rows now in the table and its latest date (the default as_of), per canonical table.
LOADED_SQL = {
    "orders": "select count(*), max(order_date) from orders",
    "pipeline": "select count(*), max(created_date) from pipeline",
}


@dataclass
class IngestReport:
    table: str
    file: str
    sheet: str | None
    header_row: int
    mapping: Mapping
    headers: list[str]
    rows_read: int
    rows_loaded: int
    # one tuple per rejected source row, in row order: REJECTED_COLUMNS
    rejected_rows: list[tuple]
    duplicate_pairs: list[tuple[int, int]]  # (row, duplicate_of) per duplicate, in row order
    duplicates_dropped: bool
    notes: list[tuple[str, str]] = field(default_factory=list)  # (zh, en) decisions and warnings
    encoding: str | None = None
    delimiter: str | None = None
    latest_date: date | None = None
    # [{from, into, rows}]: customers merged by the workspace's remembered merges (core/workspace/merges.py)
    merged_customers: list[dict] = field(default_factory=list)
    # one tuple per survey cell that could not be read (REJECTED_CELL_COLUMNS): the row loads, the cell is empty
    rejected_cells: list[tuple] = field(default_factory=list)

    @property
    def rows_rejected(self) -> int:
        return len(self.rejected_rows)

    @property
    def rejected(self):
        """rejected_rows as a DataFrame (pandas is imported only when a screen asks for it)."""
        import pandas as pd

        columns = list(zip(*self.rejected_rows)) or [()] * len(REJECTED_COLUMNS)
        return pd.DataFrame(
            {
                name: pd.Series(values, dtype="int64" if name == "row" else "str")
                for name, values in zip(REJECTED_COLUMNS, columns)
            }
        )

    @property
    def duplicates(self):
        """duplicate_pairs as a DataFrame: row, duplicate_of."""
        import pandas as pd

        rows, of = list(zip(*self.duplicate_pairs)) or [(), ()]
        return pd.DataFrame({"row": pd.Series(rows, dtype="int64"), "duplicate_of": pd.Series(of, dtype="int64")})

    def to_json(self, lang: str = "en") -> dict:
        return {
            "file": self.file,
            "sheet": self.sheet,
            "header_row": self.header_row,
            "rows_read": self.rows_read,
            "rows_loaded": self.rows_loaded,
            "rows_rejected": self.rows_rejected,
            "rejected": [
                {"row": row, "column": column, "value": value, "reason": zh if lang == "zh" else en}
                for row, column, value, zh, en, _ in self.rejected_rows
            ],
            "duplicate_rows": len(self.duplicate_pairs),
            "duplicates_dropped": self.duplicates_dropped,
            "mapping": self.mapping.to_json(),
            "notes": [zh if lang == "zh" else en for zh, en in self.notes],
            "encoding": self.encoding,
            "merged_customers": self.merged_customers,
            "rejected_cells": [
                {"row": row, "column": column, "value": value, "reason": zh if lang == "zh" else en}
                for row, column, value, zh, en in self.rejected_cells
            ],
        }


def rejected_entries(cur, headers: list[str]) -> list[tuple]:
    """One tuple per rejected source row (REJECTED_COLUMNS): its row, the columns and values at fault,
    every reason in both languages, and the row's cells to find it by. Column names and reason words
    are bound values; c0..cN name the raw columns."""
    cells = ", ".join(f"c{i}" for i in range(len(headers)))
    value_of = "case p.col " + " ".join(f"when 'c{i}' then c{i}" for i in range(len(headers))) + " end"
    return cur.execute(
        f"""
        with problem as (
            select source_row, unnest(problems) as p, unnest(range(len(problems))) as i
            from ka_staged where len(problems) > 0
        ),
        reasons as (
            select unnest($codes) as code, unnest($zh) as zh, unnest($en) as en
        ),
        named as (
            select source_row, i, coalesce(list_extract($headers, cast(p.col[2:] as integer) + 1), '') as col,
                -- control characters never leave the load, not even in the rejected rows' cells
                regexp_replace(coalesce({value_of}, ''), '{clean.CONTROL}', '', 'g') as value,
                replace(reasons.zh, '{{arg}}', coalesce(p.arg, '')) as zh,
                replace(reasons.en, '{{arg}}', coalesce(p.arg, '')) as en,
                regexp_replace(concat_ws(' | ', {cells}), '{clean.CONTROL}', '', 'g') as content
            from problem join ka_raw using (source_row) join reasons on reasons.code = p.code
        )
        select source_row::bigint as row,
            coalesce(string_agg(col, '; ' order by i) filter (where col <> ''), '') as column,
            coalesce(string_agg(value, '; ' order by i) filter (where value <> ''), '') as value,
            string_agg(zh, '；' order by i) as reason_zh,
            string_agg(en, '; ' order by i) as reason_en,
            first(content) as content
        from named
        group by source_row
        order by source_row
        """,
        {
            "headers": list(headers),
            "codes": list(REASONS),
            "zh": [zh for zh, _ in REASONS.values()],
            "en": [en for _, en in REASONS.values()],
        },
    ).fetchall()
