"""The DuckDB store: canonical tables, the shared filter macros, and named SQL files run with bound params."""

from __future__ import annotations

import os
import re
import tempfile
from functools import cache
from importlib import resources
from typing import TYPE_CHECKING

import duckdb

from core import schema
from core.filters import DIMENSIONS

if TYPE_CHECKING:  # pandas loads with the first DataFrame asked for, not with the CLI's report
    import pandas as pd

_PARAM = re.compile(r"\$([A-Za-z_][A-Za-z0-9_]*)")

# One macro per table so every analysis filters the same way; the lists are bound values, an
# empty list meaning "no filter". Parameter names carry f_ so they never shadow a column.
# The last two, s_region and s_account_manager, are the signed-in user's scope (core.access.Scope.params):
# NULL means no restriction, a list keeps only its values. They are required, so a query that forgets
# the scope fails instead of reading every row; no widget reaches them (Filters.scoped sets them).
_SCOPE_ORDERS = (
    "(s_region is null or list_contains(s_region, region)) "
    "and (s_account_manager is null or list_contains(s_account_manager, account_manager))"
)
_FILTERED_ORDERS = (
    "create or replace macro filtered_orders("
    + ", ".join(f"f_{d}" for d in DIMENSIONS)
    + ", s_region, s_account_manager) as table select * from orders where "
    + " and ".join(f"(len(f_{d}) = 0 or list_contains(f_{d}, {d}))" for d in DIMENSIONS)
    + " and "
    + _SCOPE_ORDERS
)
# The analysis window (0 <= days_before < window_days) and the order key, defined once for every windowed
# analysis: an order is its order_id; a row without one counts by its day (PRODUCT.md § RFM, F).
_WINDOW_ORDERS = (
    "create or replace macro window_orders("
    + ", ".join(f"f_{d}" for d in DIMENSIONS)
    + ", w_as_of, w_days, s_region, s_account_manager) as table "
    "select *, case when order_id is not null then 'id:' || order_id else 'day:' || order_date end as order_key "
    "from filtered_orders(" + ", ".join(f"f_{d}" for d in DIMENSIONS) + ", s_region, s_account_manager) "
    "where date_diff('day', order_date, w_as_of) >= 0 and date_diff('day', order_date, w_as_of) < w_days"
)
# A pipeline row's account manager is its owner: a manager's scope keeps the opportunities they own.
_FILTERED_PIPELINE = (
    "create or replace macro filtered_pipeline(f_region, f_team, f_account_manager, s_region, s_account_manager) "
    "as table select * from pipeline where (len(f_region) = 0 or list_contains(f_region, region)) "
    "and (len(f_team) = 0 or list_contains(f_team, team)) "
    "and (len(f_account_manager) = 0 or list_contains(f_account_manager, owner)) "
    "and (s_region is null or list_contains(s_region, region)) "
    "and (s_account_manager is null or list_contains(s_account_manager, owner))"
)


# DuckDB's memory, set deliberately (issue #13). Its own default memory_limit is 80% of the machine's RAM for
# every database, and every connection here is one (the CLI's, each app session's): two large loads at once
# would ask for 160%. Half the RAM leaves the rest to Python, the app's other sessions and the page cache; past
# the limit DuckDB spills to temp_directory (its default, .tmp, is wherever a scheduled job happens to run), so
# a 50,000,000-line file still loads, out of core. Each may be overridden by an environment variable: a size
# DuckDB reads (8GB, 512MB, 40%), a folder.
MEMORY_LIMIT_ENV = "KA_DUCKDB_MEMORY_LIMIT"
TEMP_DIRECTORY_ENV = "KA_DUCKDB_TEMP_DIRECTORY"
DEFAULT_MEMORY_LIMIT = "50%"


def duckdb_config() -> dict[str, str]:
    """memory_limit and temp_directory of every connection: the defaults above or their KA_DUCKDB_ variables."""
    memory = os.environ.get(MEMORY_LIMIT_ENV, "").strip() or DEFAULT_MEMORY_LIMIT
    temp = os.environ.get(TEMP_DIRECTORY_ENV, "").strip() or os.path.join(tempfile.gettempdir(), "ka-duckdb")
    return {"memory_limit": memory, "temp_directory": temp}


# A command that loads files and reports on them (python -m core report / import) is one database for one
# job: its memory_limit follows the files' size, FILE_MEMORY_FACTOR times their bytes, at least
# FILE_MEMORY_FLOOR_MB, never above the default (half the RAM). Past it DuckDB spills blocks of the loaded
# table to temp_directory instead of holding all of it. Measured on the 10M-line bench file (996 MB): peak
# 2.75 GB under half the RAM, 1.74 GB at 1.5x (CPU +13%, the same report byte for byte), 1.27 GB at 1x
# (CPU +24%); a 1M-line file (~100 MB, peak ~0.5 GB) never reaches the 1 GiB floor. An operator's
# KA_DUCKDB_MEMORY_LIMIT stands as it is.
FILE_MEMORY_FACTOR = 1.5
FILE_MEMORY_FLOOR_MB = 1024


def file_memory_limit(*paths: str | None) -> str | None:
    """DuckDB's memory_limit for a command loading these files; None: duckdb_config()'s stands (the variable
    is set, or the files are so large that half the RAM is less)."""
    if os.environ.get(MEMORY_LIMIT_ENV, "").strip():
        return None
    size = 0
    for path in paths:
        try:
            size += os.path.getsize(path) if path else 0
        except OSError:  # said by the load, with the file's name
            continue
    limit_mb = max(FILE_MEMORY_FLOOR_MB, -(-int(FILE_MEMORY_FACTOR * size) // (1024 * 1024)))
    half_ram_mb = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") // (2 * 1024 * 1024)
    return f"{limit_mb}MiB" if limit_mb < half_ram_mb else None


def connect(path: str = ":memory:", memory_limit: str | None = None) -> duckdb.DuckDBPyConnection:
    """A connection with empty canonical tables and the filter macros, inside duckdb_config()'s memory, or
    inside memory_limit when given (file_memory_limit())."""
    config = duckdb_config() | ({"memory_limit": memory_limit} if memory_limit else {})
    try:
        con = duckdb.connect(path, config=config)
    except duckdb.ParserException:  # a size DuckDB cannot read: say which variable holds it
        raise ValueError(
            f"{MEMORY_LIMIT_ENV} must be a size such as 8GB, 512MB or 40%, not {config['memory_limit']!r}"
        ) from None
    prepare(con)
    return con


def prepare(con: duckdb.DuckDBPyConnection) -> None:
    for table in schema.FIELDS:
        if not _has_table(con, table):
            con.execute(schema.create_table_sql(table))
    con.execute(_FILTERED_ORDERS)
    con.execute(_WINDOW_ORDERS)
    con.execute(_FILTERED_PIPELINE)


def private_copy(source: duckdb.DuckDBPyConnection, tables: tuple[str, ...]) -> duckdb.DuckDBPyConnection:
    """A new in-memory store holding a copy of `tables` of `source` (names from schema.FIELDS), the others
    empty: what a session loads an upload into when its data is shared with other sessions (issue #12)."""
    con = connect()
    for table in tables:
        if table not in schema.FIELDS:
            raise ValueError(f"not a table: {table!r}")
        # read through a cursor of the source: the source may be shared, and is only ever read
        rows = source.cursor().sql(f"select * from {table}").to_arrow_table()
        if rows.num_rows:
            con.register("copied_rows", rows)
            con.execute(f"insert into {table} by name select * from copied_rows")
            con.unregister("copied_rows")
    return con


def _has_table(con: duckdb.DuckDBPyConnection, table: str) -> bool:
    found = con.execute(
        "select count(*) from information_schema.tables where table_name = ? and table_schema = 'main'", [table]
    ).fetchall()
    return found[0][0] > 0


@cache
def sql_text(name: str) -> str:
    """The text of core/analytics/NAME.sql."""
    return resources.files("core.analytics").joinpath(f"{name}.sql").read_text(encoding="utf-8")


def run_query(con: duckdb.DuckDBPyConnection, name: str, **params) -> pd.DataFrame:
    """Run core/analytics/NAME.sql, binding exactly the $params the file uses (DuckDB rejects extras)."""
    return run_text(con, sql_text(name), f"{name}.sql", **params)


def run_text(con: duckdb.DuckDBPyConnection, text: str, label: str = "query", **params) -> pd.DataFrame:
    """Run SQL text (built from the analytics files), binding exactly the $params it uses."""
    return con.cursor().execute(text, bind(text, label, params)).df()


def bind(text: str, label: str, params: dict) -> dict:
    """Exactly the $params `text` uses (DuckDB rejects extras); a missing one is our bug, said by name."""
    used = dict.fromkeys(_PARAM.findall(text))
    missing = [p for p in used if p not in params]
    if missing:
        raise ValueError(f"{label} needs parameters {missing}")
    return {p: params[p] for p in used}
