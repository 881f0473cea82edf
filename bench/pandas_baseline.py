"""The report's rules as a plain vectorised pandas script: the baseline `python -m core report` is timed against.

Example: python bench/pandas_baseline.py bench/out/orders_1m.csv --json bench/out/pandas.json
         python bench/pandas_baseline.py bench/out/orders_1m.csv --check bench/out/core.json

Rules as in PRODUCT.md § Analyses (default thresholds): net revenue in the 12 months ending at the
latest order date, ABC tiers by cum_before, RFM segments by the mean split, churn levels from the
purchase cycle, overdue and decline, and the customer funnel. Money is summed in integer cents.
Reads the columns make_orders.py writes (订单编号, 订单日期, 客户名称, 金额), or others named by --column
FIELD=HEADER; CSV with pd.read_csv (C engine), Excel with pd.read_excel(engine="openpyxl"). --check compares with
the core's JSON.
"""

from __future__ import annotations

import argparse
import json
import sys
from fractions import Fraction

import numpy as np
import pandas as pd

COLUMNS = {"订单编号": "order_id", "订单日期": "order_date", "客户名称": "customer", "金额": "amount"}
WINDOW_DAYS = 365
A_BELOW, B_BELOW = Fraction("0.80"), Fraction("0.95")
DEFAULT_CYCLE_DAYS, MIN_PURCHASE_DAYS = 90, 3
LOST_AFTER_DAYS, RECENT_DAYS, BASELINE_DAYS = 365, 90, 360
HIGH_OVERDUE, HIGH_DECLINE, MEDIUM_OVERDUE, MEDIUM_DECLINE = 3.0, 0.5, 2.0, 0.3
REPEAT_ORDERS = 4
SEGMENTS = {  # (R high, F high, M high) -> code, PRODUCT.md § RFM
    (True, True, True): "important_value",
    (True, False, True): "important_develop",
    (False, True, True): "important_retain",
    (False, False, True): "important_winback",
    (True, True, False): "general_value",
    (True, False, False): "general_develop",
    (False, True, False): "general_retain",
    (False, False, False): "general_winback",
}


def read_orders(path: str, columns: dict[str, str] | None = None) -> pd.DataFrame:
    """customer, order_date (datetime64), order_key, cents (int64) of every line. columns: {header: field}
    (default COLUMNS, make_orders.py's headers)."""
    # the whole file, as the report reads it (usecols= would save about 0.1 s on the 1M-line CSV)
    if path.lower().endswith((".xlsx", ".xlsm")):
        raw = pd.read_excel(path, engine="openpyxl")
    else:
        raw = pd.read_csv(path)
    raw = raw.rename(columns=columns or COLUMNS)
    orders = pd.DataFrame(
        {
            "customer": raw["customer"].astype("str").str.strip(),
            "order_date": pd.to_datetime(raw["order_date"]).dt.normalize(),
            "cents": np.rint(raw["amount"].astype("float64") * 100).astype("int64"),
        }
    )
    # an order is its order_id; a line without one counts by its day (PRODUCT.md § RFM, F)
    order_id = raw["order_id"].astype("str")
    orders["order_key"] = ("id:" + order_id).where(raw["order_id"].notna(), "day:" + orders["order_date"].astype("str"))
    return orders


def report(orders: pd.DataFrame) -> dict:
    as_of = orders["order_date"].max()
    orders = orders.assign(days_before=(as_of - orders["order_date"]).dt.days)
    history = orders[orders["days_before"] >= 0]
    in_window = history[history["days_before"] < WINDOW_DAYS]

    customers = history.groupby("customer").agg(last_order_date=("order_date", "max"))
    customers["revenue_cents"] = in_window.groupby("customer")["cents"].sum().reindex(customers.index, fill_value=0)
    tiers = abc_tiers(in_window)
    customers["abc_tier"] = tiers.reindex(customers.index).fillna("C")
    customers["rfm_segment"] = rfm_segments(in_window, as_of).reindex(customers.index)
    customers["churn_level"] = churn_levels(history)
    customers = customers.reset_index().sort_values(["revenue_cents", "customer"], ascending=[False, True])
    records = [
        {
            "customer": c,
            "revenue": cents / 100,
            "abc_tier": t,
            "rfm_segment": None if pd.isna(s) else s,
            "churn_level": lvl,
            "last_order_date": d.strftime("%Y-%m-%d"),
        }
        for c, cents, t, s, lvl, d in zip(
            customers["customer"],
            customers["revenue_cents"],
            customers["abc_tier"],
            customers["rfm_segment"],
            customers["churn_level"],
            customers["last_order_date"],
        )
    ]
    return {"as_of": as_of.strftime("%Y-%m-%d"), "customers": records, "funnel": customer_funnel(in_window, tiers)}


def abc_tiers(in_window: pd.DataFrame) -> pd.Series:
    """customer -> A/B/C: by net revenue desc, customer asc; cum_before against 80% / 95% of the positive total."""
    net = in_window.groupby("customer")["cents"].sum().reset_index()
    net = net.sort_values(["cents", "customer"], ascending=[False, True], ignore_index=True)
    positive = net["cents"].clip(lower=0)
    before = positive.cumsum() - positive
    total = int(positive.sum())
    # exact in integers: before < 0.80 * total  <=>  before * 5 < 4 * total
    tier = np.where(
        before * A_BELOW.denominator < A_BELOW.numerator * total,
        "A",
        np.where(before * B_BELOW.denominator < B_BELOW.numerator * total, "B", "C"),
    )
    tier = np.where(net["cents"] <= 0, "C", tier)
    return pd.Series(tier, index=net["customer"])


def rfm_segments(in_window: pd.DataFrame, as_of: pd.Timestamp) -> pd.Series:
    """customer -> segment, for customers with a positive line in the window; high/low against the mean, exactly."""
    positive = in_window[in_window["cents"] > 0]
    grouped = positive.groupby("customer")
    rfm = pd.DataFrame(
        {
            "recency": (as_of - grouped["order_date"].max()).dt.days,
            "frequency": grouped["order_key"].nunique(),
        }
    )
    rfm["monetary"] = in_window.groupby("customer")["cents"].sum().reindex(rfm.index)
    n = len(rfm)
    high_r = rfm["recency"] * n < rfm["recency"].sum()
    high_f = rfm["frequency"] * n > rfm["frequency"].sum()
    high_m = rfm["monetary"] * n > rfm["monetary"].sum()
    codes = [SEGMENTS[key] for key in zip(high_r, high_f, high_m)]
    return pd.Series(codes, index=rfm.index, dtype="object")


def churn_levels(history: pd.DataFrame) -> pd.Series:
    """customer -> lost/high/medium/ok over all history up to as_of."""
    days = (
        history.loc[history["cents"] > 0, ["customer", "order_date", "days_before"]]
        .drop_duplicates(["customer", "order_date"])
        .sort_values(["customer", "order_date"])
    )
    gaps = days["order_date"].diff().dt.days.where(days["customer"].eq(days["customer"].shift()))
    per_day = days.assign(gap=gaps).groupby("customer")
    cycle = pd.DataFrame(
        {
            "purchase_days": per_day.size(),
            "median_gap": per_day["gap"].median(),
            "days_since_last": per_day["days_before"].min(),
        }
    )
    cycle_days = cycle["median_gap"].where(cycle["purchase_days"] >= MIN_PURCHASE_DAYS, float(DEFAULT_CYCLE_DAYS))

    db = history["days_before"]
    recent = history["cents"].where(db < RECENT_DAYS, 0).groupby(history["customer"]).sum() / 100
    baseline = (
        history["cents"].where((db >= RECENT_DAYS) & (db < BASELINE_DAYS), 0).groupby(history["customer"]).sum() / 100
    )
    frame = pd.DataFrame({"recent": recent, "baseline": baseline})
    frame = frame.join(cycle_days.rename("cycle_days")).join(cycle["days_since_last"])
    frame["overdue"] = frame["days_since_last"] / frame["cycle_days"]
    ratio = frame["recent"] / (frame["baseline"] * RECENT_DAYS / (BASELINE_DAYS - RECENT_DAYS))
    frame["decline"] = (1 - ratio).round(10).where(frame["baseline"] > 0)
    lost = frame["days_since_last"].isna() | (frame["days_since_last"] > LOST_AFTER_DAYS)
    high = (frame["overdue"] >= HIGH_OVERDUE) | (frame["decline"] >= HIGH_DECLINE)
    medium = (frame["overdue"] >= MEDIUM_OVERDUE) | (frame["decline"] >= MEDIUM_DECLINE)
    level = np.select([lost, high, medium], ["lost", "high", "medium"], "ok")
    return pd.Series(level, index=frame.index)


def customer_funnel(in_window: pd.DataFrame, tiers: pd.Series) -> list[dict]:
    """first purchase -> second purchase -> 4+ orders -> tier A; a tier A customer reached every stage
    whatever its order count (issue #11: tier_a counts every A customer, and the stages still nest)."""
    order_count = in_window[in_window["cents"] > 0].groupby("customer")["order_key"].nunique()
    if order_count.empty:
        return []
    is_a = tiers.reindex(order_count.index).eq("A")
    reached = [
        int(((order_count >= 1) | is_a).sum()),
        int(((order_count >= 2) | is_a).sum()),
        int(((order_count >= REPEAT_ORDERS) | is_a).sum()),
        int(is_a.sum()),
    ]
    stages = ["first_purchase", "second_purchase", "repeat_4", "tier_a"]
    return [
        {"stage": s, "reached": r, "conversion": None if i == 0 or not reached[i - 1] else r / reached[i - 1]}
        for i, (s, r) in enumerate(zip(stages, reached))
    ]


def check(ours: dict, core: dict) -> list[str]:
    """Differences between this script's result and the core's JSON; empty when they agree on every customer."""
    problems = []
    if ours["as_of"] != core["as_of"]:
        problems.append(f"as_of: pandas {ours['as_of']} core {core['as_of']}")
    mine = {c["customer"]: c for c in ours["customers"]}
    theirs = {c["customer"]: c for c in core["customers"]}
    for name in sorted(mine.keys() ^ theirs.keys()):
        problems.append(f"{name}: only in {'pandas' if name in mine else 'core'}")
    fields = ("abc_tier", "rfm_segment", "churn_level", "last_order_date")
    for name in sorted(mine.keys() & theirs.keys()):
        if round(mine[name]["revenue"] * 100) != round(theirs[name]["revenue"] * 100):  # to the cent
            problems.append(f"{name}: revenue pandas {mine[name]['revenue']} core {theirs[name]['revenue']}")
        for f in fields:
            if mine[name][f] != theirs[name][f]:
                problems.append(f"{name}: {f} pandas {mine[name][f]!r} core {theirs[name][f]!r}")
    core_funnel = [{k: s[k] for k in ("stage", "reached", "conversion")} for s in core.get("funnel", [])]
    if ours["funnel"] != core_funnel:
        problems.append(f"funnel: pandas {ours['funnel']} core {core_funnel}")
    return problems


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("orders")
    parser.add_argument("--json", help="write the result here (default: nowhere)")
    parser.add_argument("--check", metavar="CORE_JSON", help="compare with `python -m core report --json` output")
    parser.add_argument(
        "--column",
        action="append",
        metavar="FIELD=HEADER",
        help="the header of order_id, order_date, customer or amount, when not make_orders.py's (repeat the flag)",
    )
    args = parser.parse_args(argv)
    columns = None
    if args.column:
        given = dict(item.split("=", 1) for item in args.column)
        columns = {given.get(field, header): field for header, field in COLUMNS.items()}
    result = report(read_orders(args.orders, columns))
    if args.json:
        with open(args.json, "w", encoding="utf-8") as fh:
            json.dump(result, fh, ensure_ascii=False, indent=2)
    if args.check:
        with open(args.check, encoding="utf-8") as fh:
            problems = check(result, json.load(fh))
        for line in problems[:50]:
            print(line)
        customers = len(result["customers"])
        print(f"{'DIFFER' if problems else 'AGREE'}: {customers} customers, {len(problems)} differences")
        return 1 if problems else 0
    return 0


if __name__ == "__main__":
    sys.exit(main())
