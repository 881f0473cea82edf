"""The staging SQL of a load: every raw row parsed into ka_staged with its problems, the duplicates found, and
the good rows swapped into the canonical table."""

from __future__ import annotations

from core import schema
from core.ingest import clean, guard
from core.ingest.header import Mapping
from core.ingest.notes import day_month_notes
from core.ingest.read import RawTable


def select_lists(
    mapping: Mapping, src: dict[str, str], evidence: dict, notes: list, scales: dict[str, str] | None = None
) -> tuple[list[str], list[str]]:
    """SQL select items for every canonical field, and the problem checks of the required ones.
    scales: field -> the scale of a satisfaction column (survey_cells.score_scales).

    src: field -> raw column c0..cN; evidence: column_evidence of the date and number columns, which decides
    day/month order and the decimal mark (and says so in notes). They read {c}_t, the ka_text of raw
    column c, which stage_rows computes once per cell.
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
                notes += day_month_notes(header, ev, day_first)
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


def stage_rows(
    cur, raw: RawTable, select: list[str], problems: list[str], cols: dict[str, str], mapping: Mapping
) -> list[str]:
    """ka_staged: every raw row parsed, with the list of its problems (empty = loads), is_totals and a
    hash of the raw cells (for duplicate_pairs). The raw cells stay in ka_raw, joined by source_row for the
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


def duplicate_pairs(cur, raw_cols: list[str]) -> list[tuple[int, int]]:
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


def mark_duplicates(cur, duplicates: list[tuple[int, int]]) -> None:
    """Reject the duplicates (the user chose to drop them): a duplicate_row problem on each."""
    cur.execute(
        f"update ka_staged set problems = list_append(problems, {problem('duplicate_row', None)}) "
        "where list_contains($rows, source_row)",
        {"rows": [row for row, _ in duplicates]},
    )


def replace_rows(cur, table: str, staged: list[str]) -> None:
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
