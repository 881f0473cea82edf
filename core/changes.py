"""What changed between two datasets (issue #6): tier moves, warnings, revenue, customers, funnel; and the trend.

Definitions (docs/workspace.md repeats them for readers of the JSON):
- Each side is analysed at its own as_of (the dataset's, else its latest order date) with the same filters.
- A customer is *present* on a side when it has any order line up to that as_of. Its tier is its ABC tier,
  or C when it has no order in the window (as in the report JSON); an absent customer's tier is null.
- tier_moves: every customer present on either side whose tier differs, absent counting as null.
- A *warning* is a churn level in WARNING_LEVELS (medium, high, lost). new_warnings: a warning on `to`
  and none on `from` (absent or ok). cleared_warnings: a warning on `from` and level ok on `to` (a customer
  missing from `to` is not cleared: nothing says it came back). escalated_warnings: a warning on both
  sides at a worse level on `to`.
- new_customers: present on `to`, absent from `from`. lost_customers: orders in the `from` window and
  none in the `to` window.
- Money is summed in integer cents and reported in currency units (2 decimals).
"""

from __future__ import annotations

import math
from datetime import date

import duckdb
import pandas as pd

from core import access, store
from core.analytics import abc, bridge, churn, funnel, window
from core.filters import Filters, quote_identifier
from core.rules import AbcRules, ChurnRules, Rules

WARNING_LEVELS = ("medium", "high", "lost")
_SEVERITY = {"ok": 0, "medium": 1, "high": 2, "lost": 3}
TIER_ORDER = {"A": 0, "B": 1, "C": 2, None: 3}
REVENUE_BREAKDOWNS = ("region", "account_manager")


class _Side:
    """One dataset's figures at its own as_of."""

    def __init__(self, con, filters: Filters, as_of: date | None, abc_rules: AbcRules, churn_rules: ChurnRules):
        self.con = con
        self.as_of = as_of or window.latest_order_date(con)
        self.filters = filters.with_as_of(self.as_of) if self.as_of else filters
        if self.as_of is None:  # no orders at all
            self.customers = pd.DataFrame(
                columns=["customer", "customer_name", "tier", "is_active", "net_revenue_cents"]
            )
            self.warnings = pd.DataFrame(
                columns=["customer", "level", "reason_zh", "reason_en", "revenue_at_risk", "account_manager"]
            )
            return
        params = window.params(con, self.filters)
        present = store.run_query(con, "customer_revenue", **params)[["customer", "customer_name"]]
        tiers = abc.abc_tiers(con, self.filters, abc.usable_rules(con, abc_rules))
        self.tiers = tiers
        customers = present.merge(
            tiers[["customer", "tier", "net_revenue_cents", "account_manager"]], on="customer", how="left"
        )
        customers["is_active"] = customers["tier"].notna()
        customers["tier"] = customers["tier"].fillna("C")  # present without an order in the window
        customers["net_revenue_cents"] = customers["net_revenue_cents"].fillna(0).astype("int64")
        self.customers = customers
        self.warnings = churn.churn_warnings(con, self.filters, churn_rules)

    def has_pipeline(self) -> bool:
        return self.con.cursor().execute("select count(*) from pipeline").fetchall()[0][0] > 0

    def revenue_by(self, dimension: str) -> pd.DataFrame:
        if self.as_of is None:
            return pd.DataFrame(columns=["dimension_value", "customers_count", "net_revenue_cents"])
        text = store.sql_text("revenue_by_dimension").replace("{dimension}", quote_identifier(dimension))
        return self.con.cursor().execute(text, window.params(self.con, self.filters)).df()


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
    new_customers, lost_customers, funnel, bridge} between two loaded connections (see the module docstring;
    bridge: core.analytics.bridge)."""
    old = _Side(con_from, filters, as_of_from, abc_rules, churn_rules)
    new = _Side(con_to, filters, as_of_to, abc_rules, churn_rules)
    customers = old.customers.merge(new.customers, on="customer", how="outer", suffixes=("_from", "_to"))
    customers["customer_name"] = customers["customer_name_to"].combine_first(customers["customer_name_from"])
    moves = customers[customers["tier_from"].fillna("-") != customers["tier_to"].fillna("-")]
    moves = moves.assign(
        order_to=moves["tier_to"].map(lambda t: TIER_ORDER[_none(t)]),
        order_from=moves["tier_from"].map(lambda t: TIER_ORDER[_none(t)]),
    )
    moves = moves.sort_values(["order_to", "order_from", "customer"])
    tier_moves = [
        {
            "customer": r.customer,
            "customer_name": _none(r.customer_name),
            "from_tier": _none(r.tier_from),
            "to_tier": _none(r.tier_to),
            "from_net_revenue": _money(r.net_revenue_cents_from),
            "to_net_revenue": _money(r.net_revenue_cents_to),
        }
        for r in moves.itertuples()
    ]
    active_from = set(old.customers.loc[old.customers["is_active"].astype(bool), "customer"])
    active_to = set(new.customers.loc[new.customers["is_active"].astype(bool), "customer"])
    names = dict(zip(customers["customer"], customers["customer_name"]))
    return {
        "from": {"as_of": _iso(old.as_of)},
        "to": {"as_of": _iso(new.as_of)},
        "tier_moves": tier_moves,
        "new_a_customers": [m for m in tier_moves if m["to_tier"] == "A"],
        **_warning_changes(old.warnings, new.warnings, names),
        "revenue_change": _revenue_change(old, new),
        "new_customers": _customer_list(sorted(set(new.customers["customer"]) - set(old.customers["customer"])), names),
        "lost_customers": _customer_list(sorted(active_from - active_to), names),
        "funnel": _funnel_change(old, new, has_opportunity_ids),
        "bridge": bridge.revenue_bridge(_bridge_customers(old, abc_rules), _bridge_customers(new, abc_rules)),
    }


def _bridge_customers(side: _Side, abc_rules: AbcRules) -> pd.DataFrame:
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
        "customer_name": _none(names.get(r.customer)),
        "level": r.level,
        "from_level": _none(from_level),
        "reason_zh": r.reason_zh,
        "reason_en": r.reason_en,
        "revenue_at_risk": round(float(r.revenue_at_risk), 2),
        "account_manager": _none(r.account_manager),
    }


def _revenue_change(old: _Side, new: _Side) -> dict:
    """by_tier (each side's own tiers), by_region and by_account_manager (order lines), and the total."""

    def tier_cents(side: _Side) -> pd.DataFrame:
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
        cents_from, cents_to = _int(r["net_revenue_cents_from"]), _int(r["net_revenue_cents_to"])
        rows.append(
            {
                key: _none(r[key]),
                "from_customers_count": _int(r["customers_count_from"]),
                "to_customers_count": _int(r["customers_count_to"]),
                "from_net_revenue": cents_from / 100,
                "to_net_revenue": cents_to / 100,
                "change": (cents_to - cents_from) / 100,
            }
        )
    return rows


def _funnel_change(old: _Side, new: _Side, has_opportunity_ids: bool) -> dict | None:
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
            "from_reached": _int_or_none(reached_from.get(s)),
            "to_reached": _int_or_none(reached_to.get(s)),
            "change": _int(reached_to.get(s)) - _int(reached_from.get(s)),
        }
        for s in order
    ]
    rate_from = _win_rate(old) if has_old else None
    rate_to = _win_rate(new) if has_new else None
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


def _win_rate(side: _Side) -> float | None:
    rate = funnel.win_rate(side.con, side.filters)["win_rate"]
    return None if rate.empty or pd.isna(rate.iloc[0]) else float(rate.iloc[0])


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


def trend_point(
    con: duckdb.DuckDBPyConnection, filters: Filters = Filters(), as_of: date | None = None, rules: Rules = Rules()
) -> dict:
    """One dataset's weekly figures: as_of, net_revenue, customers_count, a_customers_count, a_revenue_share,
    warnings_count, revenue_at_risk (of customers with a warning), win_rate (null without a pipeline)."""
    side = _Side(con, filters, as_of, rules.abc, rules.churn)
    active = side.customers[side.customers["is_active"].astype(bool)]
    total = int(active["net_revenue_cents"].sum())
    a_cents = int(active.loc[active["tier"] == "A", "net_revenue_cents"].sum())
    warned = side.warnings[side.warnings["level"].isin(WARNING_LEVELS)]
    return {
        "as_of": _iso(side.as_of),
        "net_revenue": total / 100,
        "customers_count": len(active),
        "a_customers_count": int((active["tier"] == "A").sum()),
        "a_revenue_share": a_cents / total if total > 0 else None,
        "warnings_count": len(warned),
        "revenue_at_risk": round(float(warned["revenue_at_risk"].sum()), 2),
        "win_rate": _win_rate(side) if side.has_pipeline() else None,
    }


def _customer_list(customers: list, names: dict) -> list[dict]:
    return [{"customer": c, "customer_name": _none(names.get(c))} for c in customers]


def _none(value):
    """None for NaN/NA, the value otherwise: JSON gets null, never NaN."""
    if value is None or value is pd.NA or (isinstance(value, float) and math.isnan(value)):
        return None
    return value


def _int(value) -> int:
    value = _none(value)
    return 0 if value is None else int(value)


def _int_or_none(value) -> int | None:
    value = _none(value)
    return None if value is None else int(value)


def _money(cents) -> float | None:
    value = _none(cents)
    return None if value is None else int(value) / 100


def _iso(value) -> str | None:
    return value.isoformat() if value is not None else None


# ---- between saved datasets -----------------------------------------------------------------------

PUBLIC_FIELDS = ("id", "label", "source", "uploaded_at", "as_of", "rows_loaded")


def dataset_changes(path, from_ref=None, to_ref=None, filters: Filters = Filters(), rules: Rules = Rules()) -> dict:
    """changes() between two saved datasets (ids or labels), each at its own as_of, both judged by the same
    rules (the session's, on screen). Default `to`: the latest dataset; default `from`: the latest one with
    an earlier as_of than `to` (default_from)."""
    from core import workspace

    old, new = _pair(path, from_ref, to_ref)
    con_from, con_to = workspace.open_dataset(path, old["id"]), workspace.open_dataset(path, new["id"])
    try:
        result = changes(
            con_from,
            con_to,
            filters,
            as_of_from=_date(old["as_of"]),
            as_of_to=_date(new["as_of"]),
            abc_rules=rules.abc,
            churn_rules=rules.churn,
            # a pipeline without an id column numbers opportunities by row: those numbers do not follow a deal
            has_opportunity_ids="opportunity_id" in old["mapping"].get("pipeline", {})
            and "opportunity_id" in new["mapping"].get("pipeline", {}),
        )
        if not filters.scope.unrestricted:  # a scoped user's lines, not every region's (issue #12)
            old = {**old, "rows_loaded": access.rows_in_scope(con_from, "orders", filters.scope)}
            new = {**new, "rows_loaded": access.rows_in_scope(con_to, "orders", filters.scope)}
    finally:
        con_from.close()
        con_to.close()
    names = workspace.dataset_names(workspace.list_datasets(path))
    # name (added in issue #11): the label, told apart from others of the same label by id and as_of
    result["from"] = {**{k: old[k] for k in PUBLIC_FIELDS}, "name": names.get(old["id"], old["label"])}
    result["to"] = {**{k: new[k] for k in PUBLIC_FIELDS}, "name": names.get(new["id"], new["label"])}
    return result


def default_from(datasets: list[dict], to: dict) -> dict | None:
    """The dataset `to` is compared with by default: the latest one (by as_of, then id) whose as_of is earlier
    than to's. Two uploads of the same week are never the default pair: their change says nothing (issue #11)."""
    earlier = [d for d in datasets if (d["as_of"] or "") < (to["as_of"] or "")]
    return earlier[-1] if earlier else None


def _pair(path, from_ref, to_ref) -> tuple[dict, dict]:
    from core import workspace

    datasets = workspace.list_datasets(path)
    new = workspace.resolve(path, to_ref) if to_ref is not None else (datasets[-1] if datasets else None)
    old = workspace.resolve(path, from_ref) if from_ref is not None else None
    if new is None or len(datasets) < 2:
        raise workspace.WorkspaceError(
            workspace.default_path(path),
            zh="需要至少两个数据集才能比较变化。请再导入一周的数据。",
            en="Two datasets are needed to show what changed; import another week first.",
        )
    old = old or default_from(datasets, new)
    if old is None:
        raise workspace.WorkspaceError(
            workspace.default_path(path),
            zh=f"没有截至日期早于 {new['as_of']} 的数据集可与「{new['label']}」比较（同一周导入了多次？）。"
            "请导入更早一周的数据，或用 --from 指定要比较的数据集。",
            en=f"No dataset has an as_of earlier than {new['as_of']} to compare '{new['label']}' with (the same "
            "week imported twice?). Import an earlier week, or name the dataset to compare with in --from.",
        )
    return old, new


def trend(path, filters: Filters = Filters(), rules: Rules = Rules()) -> list[dict]:
    """One point per dataset, oldest first: id, label and trend_point()'s figures at the dataset's as_of."""
    from core import workspace

    points = []
    for d in workspace.list_datasets(path):
        con = workspace.open_dataset(path, d["id"])
        try:
            points.append({"id": d["id"], "label": d["label"], **trend_point(con, filters, _date(d["as_of"]), rules)})
        finally:
            con.close()
    return points


def _date(text: str | None) -> date | None:
    return date.fromisoformat(text) if text else None
