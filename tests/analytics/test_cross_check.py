"""The SQL analytics against the same rules written plainly in pandas, on a few thousand random customers."""

from __future__ import annotations

import random

import numpy as np
import pandas as pd
import pytest
from pandas.testing import assert_frame_equal, assert_series_equal

from conftest import AS_OF, load_orders, order
from core import store
from core.analytics.abc import abc_tiers
from core.analytics.customer_funnel import customer_funnel
from core.analytics.long_tail import gini, lorenz_points, tail_by_dimension
from core.analytics.rfm import rfm_segments
from core.filters import Filters

WINDOW = Filters(as_of=AS_OF)
SEGMENT = {  # (R high, F high, M high) -> code, as in PRODUCT.md § RFM
    (True, True, True): "important_value",
    (True, False, True): "important_develop",
    (False, True, True): "important_retain",
    (False, False, True): "important_winback",
    (True, True, False): "general_value",
    (True, False, False): "general_develop",
    (False, True, False): "general_retain",
    (False, False, False): "general_winback",
}


def random_orders(customers_count: int = 3000) -> list[dict]:
    rng = random.Random(42)
    rows = []
    for c in range(customers_count):
        customer = f"C{c:05d}"
        size = rng.choice([1, 1, 2, 3, 5, 8, 40])  # a few large accounts among many small ones
        has_order_ids = rng.random() < 0.5
        for _line in range(rng.randint(1, 8)):
            cents = rng.randint(1, 500_000) * size
            if rng.random() < 0.1:
                cents = -rng.randint(1, 200_000)  # a credit note
            row = order(
                customer,
                rng.randint(-5, 800),  # some after as_of, some before the window
                f"{cents / 100:.2f}",
                order_id=f"SO{c}-{rng.randint(1, 3)}" if has_order_ids else None,
                region=rng.choice(["华东", "华南", "华北", None]),
            )
            rows.append(row)
            if rng.random() < 0.05:
                rows.append({**row, "amount": f"{-cents / 100:.2f}", "order_id": None})  # fully returned
    return rows


@pytest.fixture(scope="module")
def random_store():
    con = store.connect()
    rows = random_orders()
    load_orders(con, *rows)
    frame = pd.DataFrame(rows)
    frame["days_before"] = (pd.Timestamp(AS_OF) - pd.to_datetime(frame["order_date"])).dt.days
    frame["cents"] = frame["amount"].map(lambda a: round(float(a) * 100))
    in_window = frame[(frame["days_before"] >= 0) & (frame["days_before"] < 365)].copy()
    in_window["order_key"] = np.where(
        in_window["order_id"].notna(),
        "id:" + in_window["order_id"].astype(str),
        "day:" + in_window["days_before"].astype(str),
    )
    yield con, in_window
    con.close()


def expected_tiers(in_window: pd.DataFrame) -> pd.DataFrame:
    per_customer = in_window.groupby("customer", as_index=False)["cents"].sum()
    ranked = per_customer.assign(minus=-per_customer["cents"]).sort_values(["minus", "customer"], ignore_index=True)
    positive = ranked["cents"].clip(lower=0)
    before = positive.cumsum() - positive
    total = positive.sum()
    tier = np.where(before * 100 < 80 * total, "A", np.where(before * 100 < 95 * total, "B", "C"))
    return pd.DataFrame(
        {
            "rank": range(1, len(ranked) + 1),
            "customer": ranked["customer"],
            "tier": np.where(ranked["cents"] <= 0, "C", tier),
            "net_revenue_cents": ranked["cents"],
        }
    )


def expected_rfm(in_window: pd.DataFrame) -> pd.DataFrame:
    positive = in_window[in_window["cents"] > 0]
    rfm = (
        pd.DataFrame(
            {
                "recency_days": positive.groupby("customer")["days_before"].min(),
                "frequency": positive.groupby("customer")["order_key"].nunique(),
                "monetary_cents": in_window.groupby("customer")["cents"].sum(),
            }
        )
        .dropna()
        .astype("int64")
    )
    n = len(rfm)
    high = (
        rfm["recency_days"] * n < rfm["recency_days"].sum(),
        rfm["frequency"] * n > rfm["frequency"].sum(),
        rfm["monetary_cents"] * n > rfm["monetary_cents"].sum(),
    )
    rfm["segment"] = [SEGMENT[key] for key in zip(*high)]
    return rfm.sort_index()


def test_abc_tiers_match_a_plain_pandas_ranking(random_store):
    con, in_window = random_store
    result = abc_tiers(con, WINDOW)[["rank", "customer", "tier", "net_revenue_cents"]]
    expected = expected_tiers(in_window)
    assert set(result["tier"]) == {"A", "B", "C"}  # the data exercises every tier
    assert_frame_equal(result, expected, check_dtype=False)


def test_rfm_segments_match_plain_pandas_means(random_store):
    con, in_window = random_store
    result = rfm_segments(con, WINDOW).set_index("customer").sort_index()
    expected = expected_rfm(in_window)
    assert result["segment"].nunique() == 8  # the data exercises every segment
    assert_frame_equal(result[expected.columns.tolist()], expected, check_dtype=False, check_names=False)


def test_gini_matches_the_mean_absolute_difference_definition(random_store):
    con, in_window = random_store
    cents = in_window.groupby("customer")["cents"].sum()
    x = cents[cents > 0].to_numpy(dtype=float)
    # G = sum_i sum_j |x_i - x_j| / (2 n^2 mean): a different formula from the Lorenz-area one
    expected = np.abs(x[:, None] - x[None, :]).sum() / (2 * len(x) ** 2 * x.mean())
    points = lorenz_points(con, WINDOW)
    assert len(points) == len(x) + 1  # the origin, then one point per positive customer
    assert gini(points) == pytest.approx(expected, rel=1e-9)


def test_tail_revenue_by_region_matches_pandas(random_store):
    con, in_window = random_store
    tiers = expected_tiers(in_window)
    tail = in_window[in_window["customer"].isin(tiers.loc[tiers["tier"] == "C", "customer"])]
    expected = tail.groupby("region", dropna=False)["cents"].sum().sort_index()
    result = tail_by_dimension(con, WINDOW, "region").set_index("dimension_value")["net_revenue_cents"].sort_index()
    assert_series_equal(result, expected, check_names=False, check_dtype=False, check_index_type=False)
    assert result.sum() == tiers.loc[tiers["tier"] == "C", "net_revenue_cents"].sum()


def test_customer_funnel_matches_pandas_order_counts(random_store):
    con, in_window = random_store
    orders = in_window[in_window["cents"] > 0].groupby("customer")["order_key"].nunique()
    tiers = expected_tiers(in_window).set_index("customer")["tier"]
    is_a = tiers.reindex(orders.index).eq("A")
    # a tier A customer reached every stage (issue #11), the last stage is every A customer
    expected = [(orders >= 1).sum(), ((orders >= 2) | is_a).sum(), ((orders >= 4) | is_a).sum(), is_a.sum()]
    assert expected[3] == (tiers == "A").sum()
    result = customer_funnel(con, WINDOW)["reached"].tolist()
    assert result == expected
