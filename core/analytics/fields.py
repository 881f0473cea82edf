"""What the loaded file can answer (issue #11): the optional order fields it fills, and the views that need
the ones it lacks, so a screen hides a figure instead of showing ¥0.00 or advice about a missing column."""

from __future__ import annotations

import duckdb

from core import store

# A view (a code; ui/text.py and the brief word it) and the fields any one of which it needs, in the order
# a manager would miss them. Gross profit is amount - cost when only cost was mapped.
NEEDS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("gross_profit", ("profit", "cost")),
    ("account_manager", ("account_manager",)),
    ("region", ("region",)),
    ("industry", ("industry",)),
    ("product", ("product",)),
)


def present_fields(con: duckdb.DuckDBPyConnection) -> frozenset[str]:
    """The optional order fields with a value on at least one order line (the whole table, not a filter)."""
    row = store.run_query(con, "fields_present").iloc[0]
    return frozenset(name for name, filled in row.items() if bool(filled))


def missing_needs(present: frozenset[str]) -> list[tuple[str, tuple[str, ...]]]:
    """(view, fields) of NEEDS whose fields are all absent, in NEEDS order."""
    return [(view, fields) for view, fields in NEEDS if not present.intersection(fields)]
