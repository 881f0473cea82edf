"""Load a raw table into the canonical `orders`/`pipeline` table; report what was loaded and rejected."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

import duckdb

from core import schema
from core.errors import InputError, Where
from core.ingest import clean, guard
from core.ingest.header import Mapping
from core.ingest.read import RawTable

# Reason codes -> words. A row with several problems lists them all.
REASONS = {
    "totals_row": ("合计/总计行，已排除", "totals row, excluded"),
    "customer_empty": ("客户为空", "customer is empty"),
    "stage_empty": ("阶段为空", "stage is empty"),
    "date_empty": ("日期为空", "date is empty"),
    "date_unreadable": ("日期无法识别", "date cannot be read"),
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
        }


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
        notes: list[tuple[str, str]] = []
        src = {name: cols[header] for name, header in mapping.columns.items()}
        select, problems = select_lists(mapping, src, column_evidence(cur, mapping, src), notes)
        names = _stage(cur, raw, select, problems, cols, mapping)
        duplicates = _duplicates(cur, list(cols.values()))
        if drop_duplicates and duplicates:
            _mark_duplicates(cur, duplicates)
        rejected = rejected_entries(cur, raw.headers)
        notes += optional_warnings(cur, mapping, cols, raw.plain_cells)
        _replace(cur, table, names)
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
    )


def _field_label(name: str, lang: str) -> str:
    from core.labels import FIELD_LABELS

    zh, en = FIELD_LABELS.get(name, (name, name))
    return zh if lang == "zh" else en


def select_lists(mapping: Mapping, src: dict[str, str], evidence: dict, notes: list) -> tuple[list[str], list[str]]:
    """SQL select items for every canonical field, and the problem checks of the required ones.

    src: field -> raw column c0..cN; evidence: column_evidence of the date and number columns, which decides
    day/month order and the decimal mark (and says so in notes). They read {c}_t, the ka_text of raw
    column c, which _stage computes once per cell.
    """
    select, problems = [], []
    for f in schema.FIELDS[mapping.table]:
        c = src.get(f.name)
        if c is None:
            select.append(f"null::{schema.SQL_TYPES[f.kind]} as {f.name}")
            continue
        day_first = decimal_comma = False
        if f.kind in ("date", "money", "number"):
            ev = evidence[c]
            day_first, decimal_comma = ev[0] > ev[1], ev[2] > ev[3]
            header = mapping.columns[f.name]
            if f.kind == "date" and (ev[0] or ev[1]):
                notes.append(
                    (
                        f"「{header}」中的 斜杠日期按 {'日/月/年' if day_first else '月/日/年'} 解读（依据整列判断）。",
                        f"Slash dates in '{header}' read as {'day/month/year' if day_first else 'month/day/year'} (decided from the whole column).",
                    )
                )
            if decimal_comma:
                notes.append(
                    (
                        f"「{header}」使用逗号作小数点（如 1.234,50）。",
                        f"'{header}' uses a decimal comma (as in 1.234,50).",
                    )
                )
        expression = clean.parse_expression(
            f.kind, f"{c}_t", day_first=day_first, decimal_comma=decimal_comma, is_text=True
        )
        select.append(f"{expression} as {f.name}")
    table = mapping.table
    if table == "orders" and "amount" not in src:
        # no amount column: amount = quantity x unit price, to the cent
        select = [s for s in select if not s.endswith(" as amount")]
        select.append("cast(round(quantity * unit_price, 2) as decimal(18,2)) as amount")
        q, p = src["quantity"], src["unit_price"]
        problems += [
            f"case when quantity is null then {{'code': 'quantity_unreadable', 'col': '{q}'}} end",
            f"case when unit_price is null then {{'code': 'unit_price_unreadable', 'col': '{p}'}} end",
        ]
    if table == "orders" and "profit" not in src and "cost" in src:
        select = [s for s in select if not s.endswith(" as profit")]
        select.append("cast(amount - cost as decimal(18,2)) as profit")  # gross profit = revenue - cost
    if table == "pipeline" and "opportunity_id" not in src:
        select = [s for s in select if not s.endswith(" as opportunity_id")]
        select.append("cast(source_row as varchar) as opportunity_id")  # the row number stands in for an id
    checks = {
        "orders": [
            ("customer", "customer_empty", None),
            ("order_date", "date_empty", "date_unreadable"),
            ("amount", "amount_empty", "amount_unreadable"),
        ],
        "pipeline": [("customer", "customer_empty", None), ("stage", "stage_empty", None)],
    }[table]
    for name, empty_code, bad_code in checks:
        c = src.get(name)
        if c is None:
            continue
        if bad_code:
            problems.append(
                f"case when {name} is null and {c}_t is null then {{'code': '{empty_code}', 'col': '{c}'}} "
                f"when {name} is null then {{'code': '{bad_code}', 'col': '{c}'}} end"
            )
        else:
            problems.append(f"case when {name} is null then {{'code': '{empty_code}', 'col': '{c}'}} end")
    return select, problems


def column_evidence(cur, mapping: Mapping, src: dict[str, str]) -> dict[str, tuple[int, int, int, int]]:
    """clean.COLUMN_EVIDENCE of each date and number column: (day_first, month_first, decimal_comma,
    decimal_point), in one or two scans. Counts nothing decides are 0: day/month for a number column,
    decimal_point where no cell has a decimal comma (decimal_comma > decimal_point is False either way)."""
    fields = [f for f in schema.FIELDS[mapping.table] if f.name in src]
    date_cols = list(dict.fromkeys(src[f.name] for f in fields if f.kind == "date"))
    number_cols = [
        c for c in dict.fromkeys(src[f.name] for f in fields if f.kind in ("money", "number")) if c not in date_cols
    ]
    if not date_cols and not number_cols:
        return {}
    counts = cur.execute(clean.evidence_sql(date_cols, number_cols)).fetchall()[0]
    day_month = {c: counts[2 * i : 2 * i + 2] for i, c in enumerate(date_cols)}
    comma = dict(zip(date_cols + number_cols, counts[2 * len(date_cols) :]))
    with_comma = [c for c, n in comma.items() if n]
    point = dict(zip(with_comma, cur.execute(clean.decimal_point_sql(with_comma)).fetchall()[0])) if with_comma else {}
    return {c: (*day_month.get(c, (0, 0)), comma[c], point.get(c, 0)) for c in comma}


def _stage(
    cur, raw: RawTable, select: list[str], problems: list[str], cols: dict[str, str], mapping: Mapping
) -> list[str]:
    """ka_staged: every raw row parsed, with the list of its problems (empty = loads), is_totals and a
    hash of the raw cells (for _duplicates). The raw cells stay in ka_raw, joined by source_row for the
    few rows that need them, so the staged table holds no copy of every cell."""
    texts = list(dict.fromkeys(cols[header] for header in mapping.columns.values()))
    sql, names = stage_sql(
        "ka_staged", "ka_raw", mapping.table, list(cols.values()), texts, select, problems, plain=raw.plain_cells
    )
    with guard.deadline(raw.file).interrupting(cur):  # parsing every row is the long statement of a load
        cur.execute(sql, {"totals": clean.TOTALS_WORDS})
    return names


def stage_sql(
    target: str,
    source: str,
    table: str,
    raw_cols: list[str],
    texts: list[str],
    select: list[str],
    problems: list[str],
    *,
    plain: bool,
) -> tuple[str, list[str]]:
    """SQL creating the staged table `target` from `source` (source_row and the raw columns raw_cols),
    and the canonical fields it holds. texts: the raw columns a field reads (their ka_text is computed
    once, as {c}_t). plain: no cell holds whitespace, so ka_text is nullif(c, '')."""
    cells = ", ".join(raw_cols)
    # a row with no candidate cell has no totals word: the list is built only for the few rows with one;
    # a row whose joined cells hold no TOTALS_KEYS character has no candidate cell (one test per row)
    joined = "concat(" + cells + ")"
    keys = " or ".join(
        f"contains({joined}, '{k}')" for k in dict.fromkeys(clean.TOTALS_KEYS + clean.TOTALS_KEYS.upper())
    )
    is_totals = (
        f"case when ({keys}) and ("
        + " or ".join(f"ka_total_candidate({c})" for c in raw_cols)
        + ")"
        + " then list_has_any(["
        + ", ".join(f"ka_total_word({c})" for c in raw_cols)
        + "], $totals) else false end"
    )
    problem_list = "list_filter([" + ", ".join(problems) + "], lambda p: p is not null)" if problems else "[]"
    # ka_text of a cell without whitespace is nullif(cell, ''): skip its whitespace test when no cell has any
    text_of = "nullif({c}, '')" if plain else "ka_text({c})"
    text_cols = "".join(f", {text_of.format(c=c)} as {c}_t" for c in texts)
    # a field no column maps is null in every row: the table's own null, not a staged column of nulls
    unmapped = {item.split(" as ")[-1] for item in select if item.startswith("null::")}
    names = [f.name for f in schema.FIELDS[table] if f.name not in unmapped]
    sql = f"""
        create or replace temp table {target} as
        with texts as (
            select source_row, {cells}{text_cols}
            from {source}
        ),
        parsed as (
            select source_row, hash({cells}) as row_hash{"".join(f", {c}_t" for c in texts)}, {", ".join(select)},
                {is_totals} as is_totals
            from texts
        )
        select source_row, row_hash, {", ".join(names)}, is_totals,
            case when is_totals then [{{'code': 'totals_row', 'col': null::varchar}}]
                 else {problem_list} end as problems
        from parsed
    """
    return sql, names


def _duplicates(cur, raw_cols: list[str]) -> list[tuple[int, int]]:
    """Rows identical in every cell to an earlier row: (row, duplicate_of), in row order."""
    group = ", ".join(raw_cols)
    # Identical rows hash alike (ka_staged.row_hash, the hash of the raw cells): compare the cells of the
    # few rows whose hash repeats, not all the text columns of every row.
    cur.execute(
        """
        create or replace temp table ka_collisions as
        select source_row from ka_staged
        where not is_totals and row_hash in (
            select row_hash from ka_staged where not is_totals group by row_hash having count(*) > 1)
        """
    )
    return cur.execute(
        f"""
        with groups as (
            select list(source_row order by source_row) as rows
            from ka_raw semi join ka_collisions using (source_row)
            group by {group}
            having count(*) > 1
        )
        select unnest(rows[2:])::bigint as row, rows[1]::bigint as duplicate_of from groups order by row
        """
    ).fetchall()


def _mark_duplicates(cur, duplicates: list[tuple[int, int]]) -> None:
    """Reject the duplicates (the user chose to drop them): a duplicate_row problem on each."""
    cur.execute(
        "update ka_staged set problems = list_append(problems, {'code': 'duplicate_row', 'col': null}) "
        "where list_contains($rows, source_row)",
        {"rows": [row for row, _ in duplicates]},
    )


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
                coalesce({value_of}, '') as value, reasons.zh, reasons.en, concat_ws(' | ', {cells}) as content
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


def optional_warnings(cur, mapping: Mapping, cols: dict[str, str], plain_cells: bool = False) -> list[tuple[str, str]]:
    """Optional values that could not be read are left empty, and said so (nothing is lost silently)."""
    kinds = clean.field_kinds(mapping.table)
    # required values reject their row instead; so do quantity and unit price when they make the amount
    required = {"order_date", "amount"} | ({"quantity", "unit_price"} if "amount" not in mapping.columns else set())
    notes = []
    for name, header in mapping.columns.items():
        if kinds[name] not in ("date", "money", "number") or name in required:
            continue
        c = cols[header]
        text = f"nullif({c}, '')" if plain_cells else f"ka_text({c})"
        bad = cur.execute(
            f"select count(*), list(source_row order by source_row)[1:5] from ka_staged join ka_raw using (source_row) "
            f"where len(problems) = 0 and {name} is null and {text} is not null"
        ).fetchall()[0]
        if bad[0]:
            rows = ", ".join(str(r) for r in bad[1])
            notes.append(
                (
                    f"「{header}」有 {bad[0]} 个值无法识别，已留空（行 {rows}…）。",
                    f"{bad[0]} values in '{header}' could not be read and were left empty (rows {rows}…).",
                )
            )
    return notes


def _replace(cur, table: str, staged: list[str]) -> None:
    """Swap the table's rows for the staged good rows in one transaction: a failure keeps the old data.
    staged: the fields ka_staged holds; the others are null."""
    names = ", ".join(staged) + ", source_row"
    cur.execute("begin transaction")
    try:
        cur.execute(f"delete from {table}")
        cur.execute(f"insert into {table} ({names}) select {names} from ka_staged where len(problems) = 0")
        cur.execute("commit")
    except Exception:
        cur.execute("rollback")
        raise
