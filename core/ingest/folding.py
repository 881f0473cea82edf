"""Spellings that name one thing: customers whose names differ only in width, Latin case or spacing, and stage
labels alike, rewritten in the loaded rows as one spelling, with a note saying which."""

from __future__ import annotations

from core.ingest.notes import count_text


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
            f"{count_text(len(renamed), 'customer name differs', 'customer names differ')} from another spelling "
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
