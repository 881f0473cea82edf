"""DuckDB's read of a plain CSV file (plain_csv.py): every record parsed into ka_plain, the few rows that kept
their cells staged the general way, then ka_plain made the `orders` table."""

from __future__ import annotations

import duckdb

from core import schema
from core.ingest import clean
from core.ingest.folding import fold_customers
from core.ingest.header import Mapping
from core.ingest.notes import optional_warnings, two_digit_year_notes, unit_notes
from core.ingest.plain_shape import Shape
from core.ingest.report import LOADED_SQL, IngestReport, rejected_entries
from core.ingest.staging import column_evidence, select_lists, stage_sql


class Stager:
    """ka_plain from the file at `path`, then `orders` from ka_plain, on a cursor of its own."""

    def __init__(self, con, path: str, headers: list[str], mapping: Mapping) -> None:
        self.cur = con.cursor()
        for macro in clean.MACROS:
            self.cur.execute(macro)
        self.path, self.mapping = path, mapping
        self.cols = {h: f"c{i}" for i, h in enumerate(headers)}
        self.src = {field: self.cols[header] for field, header in mapping.columns.items()}
        kinds = clean.field_kinds("orders")
        # Day/month order and the decimal mark are decided from the whole column (staging.column_evidence).
        # Parse as if no cell gave evidence; the rows whose cells could (a date column's cell with a separator
        # in its 2nd or 3rd place, a superset of evidence._DAY_MONTH's cells) keep their cells, the evidence
        # is counted on them afterwards, and if it changes the parsing SQL the general path loads the file.
        assumed = {c: clean.Evidence() for f, c in self.src.items() if kinds[f] in ("date", "money", "number")}
        self.select, self.problems = select_lists(mapping, self.src, assumed, [])
        self.staged = False

    def stage(self, shape: Shape) -> bool:
        """Parse every record into ka_plain; False when DuckDB cannot (invalid UTF-8, a ragged line)."""
        self.staged = False
        params = {
            "path": self.path,
            "delim": shape.delimiter,
            "skip": shape.header_index + 1,
            "columns": {c: "varchar" for c in self.cols.values()},
        }
        sql = _stage_in_place_sql(list(self.cols.values()), self.src, self.select, shape.totals_letters)
        try:
            self.cur.execute(sql, params)
        except duckdb.Error:
            # the general path reads what it can and says where
            return False
        self.staged = True
        return True

    def finish(self, name: str, shape: Shape) -> IngestReport | None:
        """Look at the rows that kept their cells, find the duplicates, make ka_plain `orders`; None when
        the file holds what the general path must decide (an empty or blank line, day-first dates)."""
        cur, mapping, src, headers = self.cur, self.mapping, self.src, shape.headers
        header_row = shape.header_index + 1  # no empty line: the line number is the line's place
        rows_read, kept, blank = cur.execute(
            "select count(*), count(cells), count(*) filter (where list_count(cells) = 0) from ka_plain"
        ).fetchall()[0]
        # DuckDB skips empty lines; there are none when the lines after the header are exactly the records
        if blank or shape.lines != header_row + rows_read or rows_read == 0:
            return None
        # source_row: the record's line (ka_plain keeps the file's order: rowid is the record's index)
        offset = header_row + 1
        raw_cols = list(self.cols.values())
        sql, names = stage_sql(
            "ka_staged",
            "ka_raw",
            "orders",
            raw_cols,
            list(dict.fromkeys(src.values())),
            self.select,
            self.problems,
            plain=True,
        )
        notes = unit_notes(mapping)  # a plain file holds no control character: no control_notes
        rejected: list[tuple] = []
        if kept:
            cells = ", ".join(f"cells[{i + 1}] as {c}" for i, c in enumerate(raw_cols))
            cur.execute(
                f"create or replace temp table ka_raw as select (rowid + {offset})::integer as source_row, "
                f"{cells} from ka_plain where cells is not null"
            )
            # every cell the evidence counts is a date cell with a separator 2nd or 3rd: its row was kept
            evidence = column_evidence(cur, mapping, src)
            if select_lists(mapping, src, evidence, notes)[0] != self.select:
                return None  # day-first dates: parsed again the general way
            # the rows that keep their cells go through the general staging: problems, totals, exactly as there
            cur.execute(sql, {"totals": clean.TOTALS_WORDS})
            rejected = rejected_entries(cur, headers)
            notes += two_digit_year_notes(cur, mapping, src, evidence)
            notes += optional_warnings(cur, mapping, self.cols, plain_cells=True)
        else:  # no row to look at (planning the staging SQL alone takes ~50 ms)
            cur.execute(
                "create or replace temp table ka_staged (source_row integer, is_totals boolean, "
                "problems struct(code varchar, col varchar, arg varchar)[])"
            )
        duplicates = _duplicates(cur, names, offset)
        _keep_loaded(cur, offset)
        notes += fold_customers(cur, "ka_plain", "true")
        _replace(cur)
        loaded, latest = cur.execute(LOADED_SQL["orders"]).fetchall()[0]
        return IngestReport(
            table="orders",
            file=name,
            sheet=None,
            header_row=header_row,
            mapping=mapping,
            headers=headers,
            rows_read=rows_read,
            rows_loaded=loaded,
            rejected_rows=rejected,
            duplicate_pairs=duplicates,
            duplicates_dropped=False,
            notes=notes,
            encoding="utf-8",
            delimiter=shape.delimiter,
            latest_date=latest,
        )

    def drop(self) -> None:
        for table in ("ka_plain", "ka_raw", "ka_staged"):
            self.cur.execute(f"drop table if exists {table}")


def _stage_in_place_sql(raw_cols: list[str], src: dict[str, str], select: list[str], totals_letters: bool) -> str:
    """ka_plain: every record parsed into the columns of `orders`, in its order, plus row_hash (the hash
    of its raw cells, for duplicates) and `cells`, the raw cells of the few rows the general staging must
    look at: a required field empty or unreadable, a possible totals word, a date that could say day-first,
    an optional value that cannot be read, a blank row. The other rows can have no problem."""
    kinds = clean.field_kinds("orders")
    texts = list(dict.fromkeys(src.values()))
    cells = ", ".join(raw_cols)
    look = [f"{f.name} is null" for f in schema.ORDER_FIELDS if f.required]
    # a required date read before 1900 rejects its row (staging.select_lists)
    look += [f"{f.name} < date '{clean.EARLIEST_DATE}'" for f in schema.ORDER_FIELDS if f.required and f.kind == "date"]
    if "amount" not in src:
        look += ["quantity is null", "unit_price is null"]
    look += [
        " or ".join(f"{c}_t like '{'_' * n}{sep}%'" for n in (1, 2) for sep in "/.-")
        for c in dict.fromkeys(c for f, c in src.items() if kinds[f] == "date")
    ]
    look += [f"({f} is null and {c}_t is not null)" for f, c in src.items() if kinds[f] in ("date", "money", "number")]
    # A totals word in a date or number column leaves the field empty (kept above); in a text column or an
    # unmapped one it is found by staging.stage_sql's cheap test: a TOTALS_KEYS character in the row's text.
    # Its ASCII letters were looked for in the bytes already (totals_letters=False: none below the header).
    text_cols = [c for c in raw_cols if c not in {src[f] for f in src if kinds[f] in ("date", "money", "number")}]
    joined = "concat(" + ", ".join(text_cols) + ")"
    keys = [k for k in clean.TOTALS_KEYS + clean.TOTALS_KEYS.upper() if totals_letters or ord(k) >= 128]
    if text_cols:  # a CASE, not AND: DuckDB may run the operands of an AND in either order (145 vs 61 ms)
        look.append(
            "(case when "
            + " or ".join(f"contains({joined}, '{k}')" for k in dict.fromkeys(keys))
            + " then "
            + " or ".join(f"ka_total_candidate({c})" for c in text_cols)
            + " else false end)"
        )
    parsed = ", ".join(item for item in select if not item.startswith("null::"))
    names = {item.rsplit(" as ", 1)[1] for item in select if not item.startswith("null::")}
    outputs = ", ".join(
        f.name if f.name in names else f"null::{schema.SQL_TYPES[f.kind]} as {f.name}" for f in schema.ORDER_FIELDS
    )
    return f"""
        create or replace table ka_plain as
        with texts as (
            select {cells}{"".join(f", nullif({c}, '') as {c}_t" for c in texts)}
            from read_csv($path, delim=$delim, header=false, skip=$skip, all_varchar=true, quote='', escape='',
                auto_detect=false, columns=$columns, parallel=true, strict_mode=true, null_padding=false)
        ),
        parsed as (
            select {cells}{"".join(f", {c}_t" for c in texts)}, {parsed}
            from texts
        )
        select {outputs}, hash({cells}) as row_hash,
            case when {" or ".join(look)} then [{cells}] end as cells
        from parsed
    """


def _duplicates(cur, names: list[str], offset: int) -> list[tuple[int, int]]:
    """Rows identical in every cell to an earlier row, totals rows aside: (row, duplicate_of), in row order.

    Rows with identical cells have the same hash of the cells and the same parsed fields; ka_plain keeps
    no cells, so rows agreeing on both count as identical. Two different rows agree on both only if
    64-bit hashes of different cells collide between rows that parse alike (odds about 1e-19).
    """
    fields = ", ".join(["row_hash", *names])
    return cur.execute(
        f"""
        with repeated as (
            select row_hash from ka_plain group by row_hash having count(*) > 1
        ),
        candidates as (
            -- a totals row is no duplicate; two rows with equal cells are both totals rows or neither
            select (rowid + {offset})::integer as source_row, * from ka_plain semi join repeated using (row_hash)
            where source_row not in (select source_row from ka_staged where is_totals)
        ),
        groups as (
            select list(source_row order by source_row) as rows
            from candidates
            group by {fields}
            having count(*) > 1
        )
        select unnest(rows[2:])::bigint as row, rows[1]::bigint as duplicate_of from groups order by row
        """
    ).fetchall()


def _keep_loaded(cur, offset: int) -> None:
    """ka_plain made ready to become `orders`: the rows with a problem go, the others get their
    source_row, the helper columns go and the required ones are NOT NULL, as in schema.create_table_sql."""
    cur.execute("alter table ka_plain add column source_row integer")
    cur.execute(f"update ka_plain set source_row = (rowid + {offset})::integer")
    cur.execute("delete from ka_plain where source_row in (select source_row from ka_staged where len(problems) > 0)")
    for column in ("row_hash", "cells"):
        cur.execute(f"alter table ka_plain drop column {column}")
    for f in schema.ORDER_FIELDS:
        if f.required:
            cur.execute(f"alter table ka_plain alter column {f.name} set not null")
    cur.execute("alter table ka_plain alter column source_row set not null")


def _replace(cur) -> None:
    """ka_plain (made ready by _keep_loaded) becomes `orders` in one transaction. Nothing is copied; a
    failure keeps the old `orders`."""
    cur.execute("begin transaction")
    try:
        cur.execute("drop table orders")
        cur.execute("alter table ka_plain rename to orders")
        cur.execute("commit")
    except Exception:
        cur.execute("rollback")
        raise
