"""The canonical tables (PRODUCT.md § Canonical data): field names, types and the DDL DuckDB loads into."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Field:
    name: str
    kind: str  # "text" | "id" | "date" | "money" | "number"
    required: bool = False


# Money is DECIMAL(18,2): sums stay exact to the cent (a fully returned order nets to exactly 0).
SQL_TYPES = {
    "text": "varchar",
    "id": "varchar",  # ids keep their text form: leading zeros stay, 17850.0 becomes 17850
    "date": "date",
    "money": "decimal(18,2)",
    "number": "decimal(18,4)",
    "score": "decimal(5,4)",  # a survey score normalised to 0-1 by its file's scale (docs/outlook.md)
    "count": "integer",  # a whole count; yes/no read as 1/0
}

ORDER_FIELDS: tuple[Field, ...] = (
    Field("customer", "id", required=True),  # the id when an id column is mapped, else the trimmed name
    Field("customer_name", "text"),  # display name when `customer` holds an id
    Field("order_date", "date", required=True),
    Field("amount", "money", required=True),  # or quantity x unit_price when no amount column exists
    Field("order_id", "id"),
    Field("product", "text"),
    Field("category", "text"),
    Field("quantity", "number"),
    Field("unit_price", "number"),
    Field("cost", "money"),
    Field("profit", "money"),  # amount - cost when only cost is mapped
    Field("region", "text"),
    Field("province", "text"),
    Field("city", "text"),
    Field("industry", "text"),
    Field("customer_type", "text"),
    Field("account_manager", "text"),
    Field("team", "text"),
    Field("channel", "text"),
    # evidence that two names are one customer (PRODUCT.md § Duplicate customers), kept as text like ids
    Field("phone", "id"),
    Field("tax_id", "id"),
    # attitudinal loyalty when a file has it (docs/outlook.md § Satisfaction and referrals): the customer's
    # survey score (客户调研 / 回访) as 0-1, and how many customers it referred (转介绍)
    Field("satisfaction", "score"),
    Field("referrals", "count"),
)

PIPELINE_FIELDS: tuple[Field, ...] = (
    Field("opportunity_id", "id"),  # the source row number when not mapped
    Field("customer", "id", required=True),
    Field("stage", "text", required=True),
    Field("amount", "money"),
    Field("created_date", "date"),
    Field("close_date", "date"),
    Field("owner", "text"),
    Field("region", "text"),
    Field("team", "text"),
    Field("lost_stage", "text"),  # the stage a lost opportunity was lost at, when the export has it
)

FIELDS = {"orders": ORDER_FIELDS, "pipeline": PIPELINE_FIELDS}

# Every loaded row also carries `source_row`: its row number as the user sees it in the file (1-based).


def field(table: str, name: str) -> Field:
    return next(f for f in FIELDS[table] if f.name == name)


def create_table_sql(table: str) -> str:
    """DDL for an empty canonical table; identifiers are ours, never the user's."""
    cols = [f"{f.name} {SQL_TYPES[f.kind]}{' not null' if f.required else ''}" for f in FIELDS[table]]
    if table == "pipeline":
        cols[0] = "opportunity_id varchar not null"
    cols.append("source_row integer not null")
    return f"create or replace table {table} (\n    " + ",\n    ".join(cols) + "\n)"
