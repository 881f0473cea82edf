"""Pipeline funnel (PRODUCT.md § Funnel conversion): stage order, reached per stage, conversion and win rate."""

from __future__ import annotations

from collections.abc import Sequence

import duckdb
import pandas as pd

from core import store
from core.analytics import stage_names
from core.filters import Filters

# The only groupings funnel_by accepts; the pipeline table has no other people/place columns.
FUNNEL_BREAKDOWNS = ("owner", "team", "region")


def stage_order(con: duckdb.DuckDBPyConnection, filters: Filters) -> list[dict]:
    """The detected stages of the filtered pipeline: [{stage, kind, position}], open stages first, then won, then lost.

    `stage` is the label as written in the data (`stage` and `lost_stage` columns). Known names
    (stage_names.py) sort by their rank on the shared ladder. An unknown name is an open stage and goes
    just before the first known stage that is later than it:
    - by dates: a known stage whose opportunities' median created_date is older. Opportunities move
      forward as they age, so the stage holding the more recently created ones sits earlier;
    - else (no dates on it or on the known stages) by counts: a known stage with fewer opportunities,
      since a funnel narrows; never before a known first stage (Lead, Prospecting, 线索), whose name
      outweighs its count.
    A known name is always placed by its rank, whatever its dates or counts (Prospecting → Engaging).
    Positions run 1.. over the whole list.
    """
    stats = store.run_query(con, "pipeline_stages", **_pipeline_params(filters))
    return _positioned(_detected_order(stats))


def pipeline_funnel(
    con: duckdb.DuckDBPyConnection, filters: Filters, stage_order: Sequence[str] | None = None
) -> pd.DataFrame:
    """One row per funnel stage, open stages in order then the won stage: position, stage, kind, reached,
    reached_amount, conversion, amount_conversion. Empty when the filters leave no opportunity.

    reached counts opportunities whose current stage is at or beyond the stage; a won one reached every
    stage, a lost one the stage named in its lost_stage (when that is an open stage of the funnel), else
    only the first. reached_amount weights by amount (a missing amount counts 0). conversion is reached /
    reached of the previous stage: null for the first stage (nothing comes before it) and when the previous
    stage reached none. With several won labels the row is labelled by the first one and counts them all.
    `stage_order` overrides the detected order (labels as in the data); detected stages it leaves out
    follow it in their detected order.
    """
    funnel = _funnel(con, filters, stage_order, dimension=None)
    return funnel.drop(columns="group_value")


def funnel_by(
    con: duckdb.DuckDBPyConnection, filters: Filters, dimension: str, stage_order: Sequence[str] | None = None
) -> pd.DataFrame:
    """pipeline_funnel per owner, team or region, side by side in long form: one row per value and stage,
    the first column named after the dimension (null values form their own group, sorted last)."""
    if dimension not in FUNNEL_BREAKDOWNS:
        raise ValueError(f"not a funnel breakdown: {dimension!r}; use one of {FUNNEL_BREAKDOWNS}")
    funnel = _funnel(con, filters, stage_order, dimension=dimension)
    return funnel.rename(columns={"group_value": dimension})


def win_rate(
    con: duckdb.DuckDBPyConnection, filters: Filters, stage_order: Sequence[str] | None = None
) -> pd.DataFrame:
    """One row: won_count, lost_count, win_rate = won / (won + lost), won_amount, lost_amount, amount_win_rate.
    The rates are null when there is no closed opportunity (or no closed amount)."""
    stages = _stages(con, filters, stage_order)
    return store.run_query(
        con,
        "win_rate",
        **_pipeline_params(filters),
        won_stages=_labels(stages, "won"),
        lost_stages=_labels(stages, "lost"),
    )


def pipeline_after_as_of(con: duckdb.DuckDBPyConnection, filters: Filters) -> dict:
    """{opportunities_count, latest_date}: opportunities created, or won or lost, after the orders' as_of
    (filters.as_of); latest_date is None when there are none."""
    if filters.as_of is None:
        return {"opportunities_count": 0, "latest_date": None}
    stages = stage_order(con, filters)
    found = store.run_query(
        con,
        "pipeline_after_as_of",
        **_pipeline_params(filters),
        as_of=filters.as_of,
        closed_stages=[s["stage"] for s in stages if s["kind"] != "open"],
    )
    count = int(found["opportunities_count"].iloc[0])
    latest = found["latest_date"].iloc[0]
    return {"opportunities_count": count, "latest_date": None if count == 0 else pd.Timestamp(latest).date()}


# What the opportunities' amounts can say (amount_basis): codes here, words in ui/text.py and core/summary.py.
AMOUNT_BASES = ("all", "won_only", "none")


def amount_basis(rates: pd.DataFrame) -> str | None:
    """From a win_rate() row: 'won_only' when won deals carry a value and no lost or open one does (the
    value-weighted win rate would be 100% and the amount funnel flat: both meaningless), 'none' when no
    opportunity carries a value, 'all' otherwise; None without opportunities."""
    if rates.empty:
        return None
    row = rates.iloc[0]
    total = int(row["won_count"]) + int(row["lost_count"]) + int(row["open_count"])
    if total == 0:
        return None
    others_valued = int(row["lost_valued_count"]) + int(row["open_valued_count"])
    if int(row["won_valued_count"]) == 0 and others_valued == 0:
        return "none"
    if others_valued == 0 and int(row["lost_count"]) + int(row["open_count"]) > 0:
        return "won_only"
    return "all"


def _funnel(con, filters: Filters, order: Sequence[str] | None, dimension: str | None) -> pd.DataFrame:
    stages = _stages(con, filters, order)
    return store.run_query(
        con,
        "funnel",
        **_pipeline_params(filters),
        dimension=dimension,
        open_stages=_labels(stages, "open"),
        won_stages=_labels(stages, "won"),
        lost_stages=_labels(stages, "lost"),
    )


def _stages(con, filters: Filters, order: Sequence[str] | None) -> list[dict]:
    detected = stage_order(con, filters)
    if order is None:
        return detected
    listed = list(dict.fromkeys(order))
    rest = [s["stage"] for s in detected if s["stage"] not in listed]
    kinds = {s["stage"]: s["kind"] for s in detected}
    stages = [{"stage": label, "kind": kinds.get(label) or stage_names.kind_of(label)} for label in listed + rest]
    return _positioned(stages)


def _labels(stages: list[dict], kind: str) -> list[str]:
    return [s["stage"] for s in stages if s["kind"] == kind]


def _pipeline_params(filters: Filters) -> dict:
    # filtered_pipeline's account-manager filter reads the pipeline's owner column
    return {
        "region": list(filters.region),
        "team": list(filters.team),
        "account_manager": list(filters.account_manager),
        **filters.scope.params(),
    }


def _positioned(stages: list[dict]) -> list[dict]:
    """Open, then won, then lost (stable within each kind), numbered from 1."""
    ordered = [s for kind in ("open", "won", "lost") for s in stages if s["kind"] == kind]
    return [{"stage": s["stage"], "kind": s["kind"], "position": i} for i, s in enumerate(ordered, start=1)]


def _detected_order(stats: pd.DataFrame) -> list[dict]:
    """Stage labels in funnel order; loops over the handful of distinct labels, never over opportunities."""
    labels = []
    for row in stats.itertuples(index=False):
        median = row.median_created_date
        labels.append(
            {
                "stage": row.stage,
                "kind": stage_names.kind_of(row.stage),
                "rank": stage_names.rank_of(row.stage),
                "count": int(row.opportunities_count),
                "median": None if pd.isna(median) else pd.Timestamp(median),
            }
        )
    open_labels = [s for s in labels if s["kind"] == "open"]
    known = sorted((s for s in open_labels if s["rank"] is not None), key=lambda s: (s["rank"], *_age_then_count(s)))
    unknown = sorted((s for s in open_labels if s["rank"] is None), key=_age_then_count)
    # the most used won label names the won row; equal counts keep the CRM's own order
    terminal = sorted(
        (s for s in labels if s["kind"] != "open"),
        key=lambda s: (-s["count"], stage_names.terminal_rank(s["stage"]), s["stage"]),
    )
    slots: dict[int, list[dict]] = {}
    for stage in unknown:
        slots.setdefault(_slot(stage, known), []).append(stage)
    open_stages = []
    for i, stage in enumerate([*known, None]):
        open_stages.extend(slots.get(i, []))
        if stage is not None:
            open_stages.append(stage)
    return [{"stage": s["stage"], "kind": s["kind"]} for s in open_stages + terminal]


def _age_then_count(stage: dict) -> tuple:
    """Sort key: newer median created_date first, then more opportunities first; both mean earlier."""
    median = stage["median"]
    return (median is None, -median.value if median is not None else 0, -stage["count"], stage["stage"])


def _slot(stage: dict, known: list[dict]) -> int:
    """Index of the first known stage later than an unknown one; len(known) when none is."""
    dated = [k for k in known if k["median"] is not None]
    if stage["median"] is not None and dated:
        later = [i for i, k in enumerate(known) if k["median"] is not None and k["median"] < stage["median"]]
    else:
        # counts say little (a CRM's open deals pile up in its second stage, Engaging outnumbers Prospecting),
        # so by counts alone nothing goes before a stage whose name says it is where deals start
        later = [i for i, k in enumerate(known) if k["count"] < stage["count"] and k["rank"] != stage_names.FIRST_RANK]
    return later[0] if later else len(known)
