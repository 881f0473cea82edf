"""Load a raw table into the canonical `orders`/`pipeline` table; report what was loaded and rejected."""

from __future__ import annotations

import re
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
CELL_REASONS = {
    "satisfaction": (
        "满意度无法识别（应为评分或 满意/一般/不满意 等），已留空",
        "satisfaction cannot be read (a score, or words such as satisfied / neutral / dissatisfied); left empty",
    ),
    "referrals": (
        "转介绍无法识别（应为人数或 是/否），已留空",
        "referrals cannot be read (a count, or yes/no); left empty",
    ),
}
# the words of a satisfaction column's scale (clean.SCORE_SCALES), for the ingest notes
SCALE_WORDS = {
    "five": ("1–5 分制（5 分 = 1.0，4 分 = 0.8）", "a 1–5 scale (5 = 1.0, 4 = 0.8)"),
    "ten": ("0–10 分制（NPS 式，10 分 = 1.0，8 分 = 0.8）", "a 0–10 (NPS-style) scale (10 = 1.0, 8 = 0.8)"),
    "hundred": ("百分制（100 = 1.0，80 = 0.8）", "a 0–100 or percentage scale (100 = 1.0, 80 = 0.8)"),
    "unit": ("0–1 的比例", "shares from 0 to 1"),
    "words": (
        "文字（非常满意 = 1.0，满意 = 0.8，一般 = 0.6，不满意 = 0.4，非常不满意 = 0.2）",
        "words (very satisfied = 1.0, satisfied = 0.8, neutral = 0.6, dissatisfied = 0.4, very dissatisfied = 0.2)",
    ),
}

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
        names = _stage(cur, raw, select, problems, cols, mapping)
        duplicates = _duplicates(cur, list(cols.values()))
        if drop_duplicates and duplicates:
            _mark_duplicates(cur, duplicates)
        rejected = rejected_entries(cur, raw.headers)
        notes += two_digit_year_notes(cur, mapping, src, evidence)
        notes += optional_warnings(cur, mapping, cols, raw.plain_cells)
        cells = rejected_cells(cur, mapping, cols)
        if table == "pipeline":
            notes += fold_stage_labels(cur, "lost_stage" in src)
        notes += fold_customers(cur, "ka_staged", "len(problems) = 0")
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
        rejected_cells=cells,
    )


def _field_label(name: str, lang: str) -> str:
    from core.labels import FIELD_LABELS

    zh, en = FIELD_LABELS.get(name, (name, name))
    return zh if lang == "zh" else en


def select_lists(
    mapping: Mapping, src: dict[str, str], evidence: dict, notes: list, scales: dict[str, str] | None = None
) -> tuple[list[str], list[str]]:
    """SQL select items for every canonical field, and the problem checks of the required ones.
    scales: field -> the scale of a satisfaction column (score_scales).

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
        unit = mapping.unit(f.name)
        if f.kind in ("date", "money", "number"):
            ev = evidence[c]
            day_first, decimal_comma = ev.day_first > ev.month_first, ev.decimal_comma > ev.decimal_point
            header = mapping.columns[f.name]
            if f.kind == "date":
                notes += _day_month_notes(header, ev, day_first)
            if decimal_comma:
                notes.append(
                    (
                        f"「{header}」使用逗号作小数点（如 1.234,50）。",
                        f"'{header}' uses a decimal comma (as in 1.234,50).",
                    )
                )
        expression = clean.parse_expression(
            f.kind,
            f"{c}_t",
            day_first=day_first,
            decimal_comma=decimal_comma,
            is_text=True,
            scale=unit.factor if unit else 1,
            early_dates=f.required,  # a required date before 1900 rejects its row (the checks below)
            score_scale=(scales or {}).get(f.name, "words"),
        )
        select.append(f"{expression} as {f.name}")
    table = mapping.table
    if table == "orders" and "amount" not in src:
        # no amount column: amount = quantity x unit price, to the cent
        select = [s for s in select if not s.endswith(" as amount")]
        select.append("cast(round(quantity * unit_price, 2) as decimal(18,2)) as amount")
        q, p = src["quantity"], src["unit_price"]
        problems += [
            f"case when quantity is null then {problem('quantity_unreadable', q)} end",
            f"case when unit_price is null then {problem('unit_price_unreadable', p)} end",
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
        if bad_code and schema.field(table, name).kind == "date":
            # read before 1900: rejected with the year it was read with
            early = problem("date_before_1900", c, f"cast(year({name}) as varchar)")
            problems.append(
                f"case when {name} is null and {c}_t is null then {problem(empty_code, c)} "
                f"when {name} is null then {problem(bad_code, c)} "
                f"when {name} < date '{clean.EARLIEST_DATE}' then {early} end"
            )
        elif bad_code:
            problems.append(
                f"case when {name} is null and {c}_t is null then {problem(empty_code, c)} "
                f"when {name} is null then {problem(bad_code, c)} end"
            )
        else:
            problems.append(f"case when {name} is null then {problem(empty_code, c)} end")
    return select, problems


def problem(code: str, col: str | None, arg: str = "null::varchar") -> str:
    """SQL for one problem of a row: its reason code, the raw column at fault (c0..cN, or none) and the
    SQL of a value its words name ({arg}). code and col are ours, never the user's."""
    column = f"'{col}'" if col else "null::varchar"
    return f"{{'code': '{code}', 'col': {column}, 'arg': {arg}}}"


def _count(n: int, one: str, many: str) -> str:
    """'1 date', '3 dates': a count and its noun (or noun and verb) in English."""
    return f"{n} {one if n == 1 else many}"


def _rows_text(rows: list[int], count: int) -> str:
    """'2, 3, 5' for the first rows of a count, with … when there are more."""
    return ", ".join(str(r) for r in rows) + ("…" if count > len(rows) else "")


def score_scales(cur, mapping: Mapping, src: dict[str, str]) -> dict[str, str]:
    """The scale of each mapped satisfaction column with an answer (clean.score_scale), from all its cells:
    field -> scale."""
    scales = {}
    for f in schema.FIELDS[mapping.table]:
        if f.kind == "score" and f.name in src:
            numbers, lowest, highest, has_percent, words = cur.execute(
                clean.SCORE_EVIDENCE.format(col=src[f.name])
            ).fetchall()[0]
            if numbers or words:  # an empty column has no scale to speak of
                scales[f.name] = clean.score_scale(numbers, lowest, highest, has_percent)
    return scales


def scale_notes(mapping: Mapping, scales: dict[str, str]) -> list[tuple[str, str]]:
    """How each satisfaction column was read: its scale, decided from the whole column."""
    notes = []
    for name, scale in scales.items():
        header = mapping.columns[name]
        zh, en = SCALE_WORDS[scale]
        notes.append(
            (
                f"「{header}」按{zh}读取，换算为 0–1 的满意度（依据整列判断；满意/一般/不满意等文字同样换算，空白为未调研）。",
                f"'{header}' read as {en} and turned into a 0–1 satisfaction score (decided from the whole column; "
                "words such as satisfied / neutral / dissatisfied count too, a blank is not surveyed).",
            )
        )
    return notes


def rejected_cells(cur, mapping: Mapping, cols: dict[str, str]) -> list[tuple]:
    """Each satisfaction or referral cell of a loaded row that could not be read (REJECTED_CELL_COLUMNS), in row
    order: the order loads, the cell is empty. The column's header and the reason words are bound values."""
    found: list[tuple] = []
    for name in CELL_REASONS:
        header = mapping.columns.get(name)
        if mapping.table != "orders" or header is None:
            continue
        c = cols[header]
        zh, en = CELL_REASONS[name]
        found += cur.execute(
            f"select source_row::bigint, $header, regexp_replace(ka_text({c}), '{clean.CONTROL}', '', 'g'), $zh, $en "
            f"from ka_staged join ka_raw using (source_row) "
            f"where len(problems) = 0 and {name} is null and ka_text({c}) is not null",
            {"header": header, "zh": zh, "en": en},
        ).fetchall()
    return sorted(found)


def unit_notes(mapping: Mapping) -> list[tuple[str, str]]:
    """A unit in a money header scales its values (header.header_unit): said once per column."""
    notes = []
    for name, unit in mapping.units.items():
        header = mapping.columns[name]
        notes.append(
            (
                f"「{header}」的单位是「{unit.word}」：每个值已乘以 {unit.factor:,}。",
                f"'{header}' is in {unit.word}: every value was multiplied by {unit.factor:,}.",
            )
        )
    return notes


def control_notes(cur, mapping: Mapping, cols: dict[str, str]) -> list[tuple[str, str]]:
    """Control characters (clean.CONTROL) in a mapped column's cells are removed by ka_text; say where."""
    headers = list(dict.fromkeys(mapping.columns.values()))
    if not headers:
        return []
    flags = ", ".join(f"regexp_matches({cols[h]}, '{clean.CONTROL}') as k{i}" for i, h in enumerate(headers))
    counts = ", ".join(
        f"count(*) filter (where k{i}), min(source_row, 5) filter (where k{i})" for i in range(len(headers))
    )
    found = cur.execute(f"select {counts} from (select source_row, {flags} from ka_raw)").fetchall()[0]
    notes = []
    for i, header in enumerate(headers):
        count, rows = found[2 * i], found[2 * i + 1]
        if count:
            rows = _rows_text(rows, count)
            notes.append(
                (
                    f"「{header}」有 {count} 个单元格含不可见的控制字符，已删除这些字符、保留其余内容（行 {rows}）。",
                    f"{_count(count, 'cell', 'cells')} in '{header}' held invisible control characters: they "
                    f"were removed and the rest of {'the value' if count == 1 else 'each value'} kept (rows {rows}).",
                )
            )
    return notes


def _respell(cur, table: str, column: str, renamed: dict[str, str]) -> None:
    """Each value of `column` that is a key of `renamed` becomes its value (a hash join, any number)."""
    cur.execute(
        f"update {table} set {column} = spelling.shown "
        "from (select unnest($from) as written, unnest($to) as shown) as spelling "
        f"where {table}.{column} = spelling.written",
        {"from": list(renamed), "to": list(renamed.values())},
    )


# Full-width ASCII (U+FF01-U+FF5E) as ASCII: with lower() and ka_text's collapsed spaces (U+3000 among
# them), the customer key of PRODUCT.md (NFKC's width folding of the characters names use, Latin case)
_FULL_WIDTH = "".join(chr(c) for c in range(0xFF01, 0xFF5F))
_HALF_WIDTH = "".join(chr(c) for c in range(0x21, 0x7F))


def fold_customers(cur, table: str, loaded: str) -> list[tuple[str, str]]:
    """Customers whose names differ only in full/half width, the case of Latin letters or spacing are one
    customer (PRODUCT.md § Canonical data), written in the loaded rows of `table` as their most frequent
    spelling (the first one in the file on a tie). One aggregate over the rows; the key is computed per
    distinct spelling and the rows are rewritten only when two spellings share a key."""
    renamed = dict(
        cur.execute(
            f"""
            with spellings as (
                select customer, count(*) as n, min(source_row) as first_row
                from {table} where {loaded} group by customer
            ),
            keyed as (
                select *, lower(translate(customer, $full, $half)) as key from spellings
            ),
            chosen as (
                select customer, first_row,
                    first_value(customer) over (partition by key order by n desc, first_row) as shown
                from keyed
            )
            select customer, shown from chosen where customer <> shown order by first_row
            """,
            {"full": _FULL_WIDTH, "half": _HALF_WIDTH},
        ).fetchall()
    )
    if not renamed:
        return []
    _respell(cur, table, "customer", renamed)
    shown = list(renamed.items())[:5]
    more = "…" if len(renamed) > len(shown) else ""
    return [
        (
            f"{len(renamed)} 个客户名称与另一写法仅全半角、英文大小写或空格不同，视为同一客户，按最常见的写法显示："
            + "；".join(f"「{a}」按「{b}」" for a, b in shown)
            + more
            + "。",
            f"{_count(len(renamed), 'customer name differs', 'customer names differ')} from another spelling "
            "only in width, case or spacing: one customer each, shown by the most frequent spelling: "
            + "; ".join(f"'{a}' as '{b}'" for a, b in shown)
            + more
            + ".",
        )
    ]


def fold_stage_labels(cur, with_lost_stage: bool) -> list[tuple[str, str]]:
    """Stage labels that differ only in case, width or spacing (stage_names.same_stage_key) are one stage,
    in `stage` and `lost_stage` alike, written as the file first writes it (row by row, stage before
    lost_stage): the funnel then has one step per stage, and a lost_stage names a step of it. Loops over
    the distinct labels of the loaded rows, never over rows."""
    from core.analytics.stage_names import same_stage_key

    lost = (
        "union all select lost_stage, source_row * 2 + 1 from ka_staged "
        "where len(problems) = 0 and lost_stage is not null"
        if with_lost_stage
        else ""
    )
    labels = cur.execute(
        "select label from ("
        f"select stage as label, source_row * 2 as place from ka_staged where len(problems) = 0 {lost}"
        ") group by label order by min(place)"
    ).fetchall()
    first: dict[str, str] = {}
    renamed: dict[str, str] = {}
    for (label,) in labels:
        shown = first.setdefault(same_stage_key(label), label)
        if shown != label:
            renamed[label] = shown
    if not renamed:
        return []
    for column in ["stage", "lost_stage"] if with_lost_stage else ["stage"]:  # ka_staged holds the mapped ones
        _respell(cur, "ka_staged", column, renamed)
    shown = list(renamed.items())[:5]
    more = "…" if len(renamed) > len(shown) else ""
    return [
        (
            "阶段名称仅大小写、全半角或空格不同的，视为同一阶段："
            + "；".join(f"「{a}」按「{b}」" for a, b in shown)
            + more
            + "。",
            "Stage names differing only in case, width or spacing are one stage: "
            + "; ".join(f"'{a}' as '{b}'" for a, b in shown)
            + more
            + ".",
        )
    ]


def _day_month_notes(header: str, ev: clean.Evidence, day_first: bool) -> list[tuple[str, str]]:
    """How the day/month dates of a date column were read, and why (the whole column decides)."""
    if ev.day_first or ev.month_first:
        deciding, against = (ev.day_first, ev.month_first) if day_first else (ev.month_first, ev.day_first)
        order_zh, order_en = ("日/月/年", "day/month/year") if day_first else ("月/日/年", "month/day/year")
        place_zh, place_en = ("第一个", "first") if day_first else ("第二个", "second")
        other_zh, other_en = ("第二个", "second") if day_first else ("第一个", "first")
        zh = f"「{header}」中的日期按 {order_zh} 解读：有 {deciding} 个日期的{place_zh}数大于 12，只能是日（依据整列判断）。"
        en = (
            f"Dates in '{header}' read as {order_en}: {_count(deciding, 'date has', 'dates have')} a {place_en} "
            "number above 12, which can only be a day (decided from the whole column)."
        )
        if against:
            zh += f"另有 {against} 个日期的{other_zh}数大于 12，与此不符，无法识别。"
            en += (
                f" {_count(against, 'other date has', 'other dates have')} a {other_en} number above 12 and "
                "cannot be read that way."
            )
        return [(zh, en)]
    if ev.day_month:
        example = ev.day_month_example
        read = _month_first(example)
        return [
            (
                f"「{header}」中的 {ev.day_month} 个日期（如 {example}）日和月都不大于 12，文件无法说明哪个在前："
                f"按 月/日/年 解读{f'，{example} 读作 {read}' if read else ''}。",
                (
                    f"All {ev.day_month} day/month dates in '{header}' (as {example}) have"
                    if ev.day_month > 1
                    else f"The one day/month date in '{header}' ({example}) has"
                )
                + " both numbers 12 or less, so "
                f"the file cannot say which comes first: read as month/day/year"
                f"{f', {example} as {read}' if read else ''}.",
            )
        ]
    return []


def _month_first(text: str | None) -> str | None:
    """A day/month date read month-first, as 2024-03-04, for a note; None when it is no such date."""
    found = re.match(r"(\d{1,2})[/.-](\d{1,2})[/.-](\d{4}|\d{2})(?!\d)", text or "")
    if not found:
        return None
    month, day, year = (int(g) for g in found.groups())
    try:
        return date(year + 2000 if year < 100 else year, month, day).isoformat()
    except ValueError:
        return None


def two_digit_year_notes(
    cur, mapping: Mapping, src: dict[str, str], evidence: dict[str, clean.Evidence]
) -> list[tuple[str, str]]:
    """Dates written with a two-digit year are read as 20xx (clean.YY_LAST, YY_FIRST): say how many, where
    (column_evidence counted them) and how the first of them reads."""
    notes = []
    for f in schema.FIELDS[mapping.table]:
        c = src.get(f.name)
        if f.kind != "date" or c is None or not evidence[c].two_digit_years:
            continue
        ev = evidence[c]
        example = ev.two_digit_example
        read = cur.execute(
            "select ka_date_text($t, $day_first)", {"t": example, "day_first": ev.day_first > ev.month_first}
        ).fetchall()[0][0]
        header, count, rows = (
            mapping.columns[f.name],
            ev.two_digit_years,
            _rows_text(ev.two_digit_rows, ev.two_digit_years),
        )
        zh_example = f"如 {example} 读作 {read.isoformat()}；" if read else ""
        en_example = f"{example} as {read.isoformat()}; " if read else ""
        notes.append(
            (
                f"「{header}」有 {count} 个日期的年份只写了两位，按 20xx 年读取（{zh_example}行 {rows}）。",
                f"{_count(count, 'date', 'dates')} in '{header}' {'has' if count == 1 else 'have'} a two-digit "
                f"year, read as 20xx ({en_example}rows {rows}).",
            )
        )
    return notes


def column_evidence(cur, mapping: Mapping, src: dict[str, str]) -> dict[str, clean.Evidence]:
    """clean.COLUMN_EVIDENCE of each date and number column, in one or two scans. Counts nothing decides
    are 0: day/month for a number column, decimal_point where no cell has a decimal comma
    (decimal_comma > decimal_point is False either way)."""
    fields = [f for f in schema.FIELDS[mapping.table] if f.name in src]
    date_cols = list(dict.fromkeys(src[f.name] for f in fields if f.kind == "date"))
    number_cols = [
        c for c in dict.fromkeys(src[f.name] for f in fields if f.kind in ("money", "number")) if c not in date_cols
    ]
    if not date_cols and not number_cols:
        return {}
    counts = cur.execute(clean.evidence_sql(date_cols, number_cols)).fetchall()[0]
    dates = {c: counts[7 * i : 7 * i + 7] for i, c in enumerate(date_cols)}
    comma = dict(zip(date_cols + number_cols, counts[7 * len(date_cols) :]))
    with_comma = [c for c, n in comma.items() if n]
    point = dict(zip(with_comma, cur.execute(clean.decimal_point_sql(with_comma)).fetchall()[0])) if with_comma else {}
    evidence = {}
    for c in comma:
        day_first, month_first, day_month, *rest = dates.get(c, (0, 0, 0, None, 0, None, None))
        evidence[c] = clean.Evidence(day_first, month_first, comma[c], point.get(c, 0), day_month, *rest)
    return evidence


def _stage(
    cur, raw: RawTable, select: list[str], problems: list[str], cols: dict[str, str], mapping: Mapping
) -> list[str]:
    """ka_staged: every raw row parsed, with the list of its problems (empty = loads), is_totals and a
    hash of the raw cells (for _duplicates). The raw cells stay in ka_raw, joined by source_row for the
    few rows that need them, so the staged table holds no copy of every cell."""
    texts = list(dict.fromkeys(cols[header] for header in mapping.columns.values()))
    sql, names = stage_sql(
        "ka_staged",
        "ka_raw",
        mapping.table,
        list(cols.values()),
        texts,
        select,
        problems,
        plain=raw.plain_cells,
        controls=raw.control_chars,
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
    controls: bool = True,
) -> tuple[str, list[str]]:
    """SQL creating the staged table `target` from `source` (source_row and the raw columns raw_cols),
    and the canonical fields it holds. texts: the raw columns a field reads (their ka_text is computed
    once, as {c}_t). plain: no cell holds whitespace or a control character, so ka_text is nullif(c, '');
    controls=False: no cell holds a control character, so ka_text is ka_text_no_controls."""
    cells = ", ".join(raw_cols)
    # a row with no candidate cell has no totals word: the list is built only for the few rows with one;
    # a row whose joined cells hold no TOTALS_KEYS character has no candidate cell (one test per row)
    joined = "concat(" + cells + ")"
    keys = " or ".join(
        f"contains({joined}, '{k}')" for k in dict.fromkeys(clean.TOTALS_KEYS + clean.TOTALS_KEYS.upper())
    )
    # the column holding the totals word (the first one), named in the rejected entry
    totals_col = (
        f"case when ({keys}) and ("
        + " or ".join(f"ka_total_candidate({c})" for c in raw_cols)
        + ") then ["
        + ", ".join(f"'{c}'" for c in raw_cols)
        + "][list_position(list_transform(["
        + ", ".join(f"ka_total_word({c})" for c in raw_cols)
        + "], lambda w: list_contains($totals, w)), true)] end"
    )
    problem_list = "list_filter([" + ", ".join(problems) + "], lambda p: p is not null)" if problems else "[]"
    # ka_text of a cell without whitespace is nullif(cell, ''): skip its whitespace test when no cell has any
    text_of = "nullif({c}, '')" if plain else "ka_text({c})" if controls else "ka_text_no_controls({c})"
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
                {totals_col} as totals_col
            from texts
        )
        select source_row, row_hash, {", ".join(names)}, totals_col is not null as is_totals,
            case when totals_col is not null then [{{'code': 'totals_row', 'col': totals_col, 'arg': null::varchar}}]
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
        f"update ka_staged set problems = list_append(problems, {problem('duplicate_row', None)}) "
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


def optional_warnings(cur, mapping: Mapping, cols: dict[str, str], plain_cells: bool = False) -> list[tuple[str, str]]:
    """Optional values that could not be read are left empty, and said so (nothing is lost silently)."""
    kinds = clean.field_kinds(mapping.table)
    # required values reject their row instead; so do quantity and unit price when they make the amount
    # (a pipeline's amount is optional: said here like any other)
    required = {f.name for f in schema.FIELDS[mapping.table] if f.required}
    if mapping.table == "orders" and "amount" not in mapping.columns:
        required |= {"quantity", "unit_price"}
    notes = []
    for name, header in mapping.columns.items():
        if kinds[name] not in ("date", "money", "number", "score", "count") or name in required:
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
