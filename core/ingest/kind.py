"""Which canonical table a file is (PRODUCT.md § Canonical data): orders or a pipeline, with the evidence.

A CRM opportunity export (Opportunity ID, Account, Deal Stage, Engage Date, Close Date, Close Value) maps
onto orders too, loosely: Close Date reads as a date, Close Value as an amount. What tells it apart is a
column of sales-stage words, an opportunity id, a close date, and no header that plainly says order date.
Evidence is codes and column names; ui/text.py words it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from core.analytics import stage_names
from core.ingest.header import propose_mapping

if TYPE_CHECKING:
    import pyarrow as pa

# A column is a stage column when at least this share of its distinct values are known stage names.
STAGE_VALUE_SHARE = 0.5
# The distinct values looked at: a stage column has a handful, a name column thousands.
DISTINCT_LIMIT = 50


@dataclass(frozen=True)
class Clue:
    code: str  # stage_values | stage_header | opportunity_id | close_date | no_order_date | order_date | amount
    column: str | None = None
    examples: tuple[str, ...] = ()  # stage_values: the known stage names found, in funnel order


@dataclass(frozen=True)
class FileKind:
    kind: str  # "orders" | "pipeline"
    clues: tuple[Clue, ...] = field(default_factory=tuple)

    def clue(self, code: str) -> Clue | None:
        return next((c for c in self.clues if c.code == code), None)


def file_kind(headers: list[str], data: pa.Table | None = None) -> FileKind:
    """'pipeline' when a column holds sales-stage words (or a header says stage and the file cannot be orders)
    and no header says order date, or it also has an opportunity id or close date; else 'orders'."""
    orders = propose_mapping("orders", headers, data)
    pipeline = propose_mapping("pipeline", headers, data)
    order_date = orders.columns.get("order_date") if orders.confidence.get("order_date", 0) >= 1 else None
    stage_values = _stage_values_clue(headers, data, pipeline.columns.get("stage"))
    pipeline_ids = [
        Clue(name, pipeline.columns[name])
        for name in ("opportunity_id", "close_date")
        if pipeline.confidence.get(name, 0) >= 1
    ]
    stage_header = pipeline.columns.get("stage") if pipeline.confidence.get("stage", 0) >= 1 else None
    if stage_values and (order_date is None or pipeline_ids):
        extra = [] if order_date else [Clue("no_order_date")]
        return FileKind("pipeline", (stage_values, *pipeline_ids, *extra))
    if stage_header and not pipeline.missing_required() and (orders.missing_required() or order_date is None):
        extra = [] if order_date else [Clue("no_order_date")]
        return FileKind("pipeline", (Clue("stage_header", stage_header), *pipeline_ids, *extra))
    clues = []
    if order_date:
        clues.append(Clue("order_date", order_date))
    if "amount" in orders.columns:
        clues.append(Clue("amount", orders.columns["amount"]))
    elif {"quantity", "unit_price"} <= orders.columns.keys():
        clues.append(Clue("quantity_price"))
    return FileKind("orders", tuple(clues))


def _stage_values_clue(headers: list[str], data: pa.Table | None, stage_header: str | None) -> Clue | None:
    """The column whose values are mostly known stage names, the header-mapped stage column looked at first."""
    if data is None:
        return None
    import pyarrow.compute as pc

    ordered = ([stage_header] if stage_header else []) + [h for h in headers if h != stage_header]
    for column in ordered:
        values = pc.drop_null(pc.utf8_trim_whitespace(data.column(column).slice(0, 2000)))
        distinct = [v for v in pc.unique(values).to_pylist() if v]
        if not distinct or len(distinct) > DISTINCT_LIMIT:
            continue
        known = sorted((v for v in distinct if stage_names.is_known(v)), key=stage_names.known_order)
        # one known word among many is no stage column (a '关闭' in a remarks column); two at least
        if len(known) >= 2 and len(known) / len(distinct) >= STAGE_VALUE_SHARE:
            return Clue("stage_values", column, tuple(known))
    return None
