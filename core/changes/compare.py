"""The change between two loaded connections, each at its own as_of: tier moves, warnings, revenue by tier,
region and account manager, new and lost customers, the pipeline funnel, and the gain/loss bridge."""

from __future__ import annotations

from datetime import date

import duckdb
import pandas as pd

from core.analytics import bridge, funnel
from core.changes.side import WARNING_LEVELS, Side, win_rate
from core.changes.values import as_int, int_or_none, iso, money, none
from core.filters import Filters
from core.rules import AbcRules, ChurnRules

_SEVERITY = {"ok": 0, "medium": 1, "high": 2, "lost": 3}
TIER_ORDER = {"A": 0, "B": 1, "C": 2, None: 3}
REVENUE_BREAKDOWNS = ("region", "account_manager")


def changes(
    con_from: duckdb.DuckDBPyConnection,
    con_to: duckdb.DuckDBPyConnection,
    filters: Filters = Filters(),
    *,
    as_of_from: date | None = None,
    as_of_to: date | None = None,
    abc_rules: AbcRules = AbcRules(),
    churn_rules: ChurnRules = ChurnRules(),
    has_opportunity_ids: bool = True,
) -> dict:
    """{from, to, tier_moves, new_a_customers, new_warnings, cleared_warnings, escalated_warnings, revenue_change,
    new_customers, lost_customers, funnel, bridge} between two loaded connections (see core.changes' docstring;
    bridge: core.analytics.bridge)."""
    old = Side(con_from, filters, as_of_from, abc_rules, churn_rules)
    new = Side(con_to, filters, as_of_to, abc_rules, churn_rules)
    customers = old.customers.merge(new.customers, on="customer", how="outer", suffixes=("_from", "_to"))
    customers["customer_name"] = customers["customer_name_to"].combine_first(customers["customer_name_from"])
    moves = customers[customers["tier_from"].fillna("-") != customers["tier_to"].fillna("-")]
    moves = moves.assign(
        order_to=moves["tier_to"].map(lambda t: TIER_ORDER[none(t)]),
        order_from=moves["tier_from"].map(lambda t: TIER_ORDER[none(t)]),
    )
    moves = moves.sort_values(["order_to", "order_from", "customer"])
    tier_moves = [
        {
            "customer": r.customer,
            "customer_name": none(r.customer_name),
            "from_tier": none(r.tier_from),
            "to_tier": none(r.tier_to),
            "from_net_revenue": money(r.net_revenue_cents_from),
            "to_net_revenue": money(r.net_revenue_cents_to),
        }
        for r in moves.itertuples()
    ]
    active_from = set(old.customers.loc[old.customers["is_active"].astype(bool), "customer"])
    active_to = set(new.customers.loc[new.customers["is_active"].astype(bool), "customer"])
    names = dict(zip(customers["customer"], customers["customer_name"]))
    return {
        "from": {"as_of": iso(old.as_of)},
        "to": {"as_of": iso(new.as_of)},
        "tier_moves": tier_moves,
        "new_a_customers": [m for m in tier_moves if m["to_tier"] == "A"],
        **_warning_changes(old.warnings, new.warnings, names),
        "revenue_change": _revenue_change(old, new),
        "new_customers": _customer_list(sorted(set(new.customers["customer"]) - set(old.customers["customer"])), names),
        "lost_customers": _customer_list(sorted(active_from - active_to), names),
        "funnel": _funnel_change(old, new, has_opportunity_ids),
        "bridge": bridge.revenue_bridge(_bridge_customers(old, abc_rules), _bridge_customers(new, abc_rules)),
    }


def _bridge_customers(side: Side, abc_rules: AbcRules) -> pd.DataFrame:
    """The side's customers for the gain/loss bridge, reusing its ABC tiers (#14)."""
    return bridge.bridge_customers(side.con, side.filters, abc_rules, side.tiers if side.as_of else None)


def _warning_changes(old: pd.DataFrame, new: pd.DataFrame, names: dict) -> dict:
    before = dict(zip(old["customer"], old["level"]))
    after = new.set_index("customer")
    new_warnings, cleared, escalated = [], [], []
    for r in new.itertuples():  # churn_warnings sorts by revenue_at_risk desc: the call-list order
        was = before.get(r.customer)
        if r.level in WARNING_LEVELS and was not in WARNING_LEVELS:
            new_warnings.append(_warning(r, names, from_level=was))
        elif r.level in WARNING_LEVELS and _SEVERITY[r.level] > _SEVERITY[was]:
            escalated.append(_warning(r, names, from_level=was))
    for r in old.itertuples():
        if r.level in WARNING_LEVELS and r.customer in after.index and after.at[r.customer, "level"] == "ok":
            cleared.append(_warning(r, names, from_level=r.level))
    return {"new_warnings": new_warnings, "cleared_warnings": cleared, "escalated_warnings": escalated}


def _warning(r, names: dict, *, from_level) -> dict:
    return {
        "customer": r.customer,
        "customer_name": none(names.get(r.customer)),
        "level": r.level,
        "from_level": none(from_level),
        "reason_zh": r.reason_zh,
        "reason_en": r.reason_en,
        "revenue_at_risk": round(float(r.revenue_at_risk), 2),
        "account_manager": none(r.account_manager),
    }


def _revenue_change(old: Side, new: Side) -> dict:
    """by_tier (each side's own tiers), by_region and by_account_manager (order lines), and the total."""

    def tier_cents(side: Side) -> pd.DataFrame:
        active = side.customers[side.customers["is_active"].astype(bool)]
        return (
            active.groupby("tier")
            .agg(customers_count=("customer", "size"), net_revenue_cents=("net_revenue_cents", "sum"))
            .reset_index()
        )

    by_tier = _compare(tier_cents(old), tier_cents(new), "tier")
    by_tier = sorted(by_tier, key=lambda r: TIER_ORDER[r["tier"]])
    result = {"by_tier": by_tier}
    for dimension in REVENUE_BREAKDOWNS:
        rows = _compare(
            old.revenue_by(dimension).rename(columns={"dimension_value": dimension}),
            new.revenue_by(dimension).rename(columns={"dimension_value": dimension}),
            dimension,
        )
        result[f"by_{dimension}"] = sorted(
            rows, key=lambda r: (-abs(r["change"]), r[dimension] is None, r[dimension] or "")
        )
    total_from = int(old.customers["net_revenue_cents"].sum())
    total_to = int(new.customers["net_revenue_cents"].sum())
    result["total"] = {
        "from_net_revenue": total_from / 100,
        "to_net_revenue": total_to / 100,
        "change": (total_to - total_from) / 100,
    }
    return result


def _compare(old: pd.DataFrame, new: pd.DataFrame, key: str) -> list[dict]:
    merged = old.merge(new, on=key, how="outer", suffixes=("_from", "_to"))
    rows = []
    for r in merged.to_dict("records"):
        cents_from, cents_to = as_int(r["net_revenue_cents_from"]), as_int(r["net_revenue_cents_to"])
        rows.append(
            {
                key: none(r[key]),
                "from_customers_count": as_int(r["customers_count_from"]),
                "to_customers_count": as_int(r["customers_count_to"]),
                "from_net_revenue": cents_from / 100,
                "to_net_revenue": cents_to / 100,
                "change": (cents_to - cents_from) / 100,
            }
        )
    return rows


def _funnel_change(old: Side, new: Side, has_opportunity_ids: bool) -> dict | None:
    """Reached per stage on both sides, the win rate, and the opportunities that changed stage; None
    when neither dataset has a pipeline."""
    has_old, has_new = old.has_pipeline(), new.has_pipeline()
    if not (has_old or has_new):
        return None
    stages_from = (
        funnel.pipeline_funnel(old.con, old.filters) if has_old else pd.DataFrame(columns=["stage", "reached"])
    )
    stages_to = funnel.pipeline_funnel(new.con, new.filters) if has_new else pd.DataFrame(columns=["stage", "reached"])
    order = list(dict.fromkeys(list(stages_to["stage"]) + list(stages_from["stage"])))
    reached_from = dict(zip(stages_from["stage"], stages_from["reached"]))
    reached_to = dict(zip(stages_to["stage"], stages_to["reached"]))
    stages = [
        {
            "stage": s,
            "from_reached": int_or_none(reached_from.get(s)),
            "to_reached": int_or_none(reached_to.get(s)),
            "change": as_int(reached_to.get(s)) - as_int(reached_from.get(s)),
        }
        for s in order
    ]
    rate_from = win_rate(old) if has_old else None
    rate_to = win_rate(new) if has_new else None
    moves = []
    if has_old and has_new and has_opportunity_ids:
        moves = _stage_moves(old.con, new.con, new.filters)
    return {
        "stages": stages,
        "win_rate": {
            "from": rate_from,
            "to": rate_to,
            "change": None if rate_from is None or rate_to is None else rate_to - rate_from,
        },
        "stage_moves": moves,
    }


def _stage_moves(con_from, con_to, filters: Filters) -> list[dict]:
    """Opportunities in both pipelines (by opportunity_id) whose stage differs, within the user's scope."""
    query = (
        "select opportunity_id, customer, stage "
        "from filtered_pipeline([], [], [], $scope_region, $scope_account_manager)"
    )
    scope = filters.scope.params()
    old = con_from.cursor().execute(query, scope).df()
    new = con_to.cursor().execute(query, scope).df()
    both = old.merge(new, on="opportunity_id", suffixes=("_from", "_to"))
    moved = both[both["stage_from"] != both["stage_to"]].sort_values("opportunity_id")
    return [
        {
            "opportunity_id": r.opportunity_id,
            "customer": r.customer_to,
            "from_stage": r.stage_from,
            "to_stage": r.stage_to,
        }
        for r in moved.itertuples()
    ]


def _customer_list(customers: list, names: dict) -> list[dict]:
    return [{"customer": c, "customer_name": none(names.get(c))} for c in customers]
