"""The outlook as tables (core/outlook_tables.py, issue #14): one row per customer, sums of exact cents per tier
and manager, loyalty over the next quarter whatever the horizon, and no number without a fit. The small book
is worked out by hand in tests/outlook_files.py."""

from __future__ import annotations

import outlook_files
import pandas as pd
import pytest

from core import ingest, outlook_tables, store
from core.filters import Filters


def _loaded(data: bytes):
    con = store.connect()
    ingest.load_file(con, data, "orders.csv")
    return con


@pytest.fixture(scope="module")
def small():
    return outlook_tables.customer_outlook_table(_loaded(outlook_files.small_csv()), Filters())


@pytest.fixture(scope="module")
def fitted_con():
    return _loaded(outlook_files.fitted_csv())


def test_a_customer_without_orders_in_the_window_has_no_tier_there(small):
    tiers = dict(zip(small.customers["customer"], small.customers["tier"]))
    # window net revenue 甲 500, 丁 100, 丙 80 (total 680): cum_before 0, 500/680 = 0.74, 600/680 = 0.88
    assert tiers == {"甲": "A", "丁": "A", "丙": "B", "乙": outlook_tables.NO_TIER}


def test_two_repeat_customers_give_no_forecast_and_every_forecast_figure_null(small):
    assert small.forecast.status == "too_few_repeat_customers" and not small.is_fitted
    figures = small.customers[["p_alive", "expected_orders", "expected_revenue_cents"]]
    assert figures.isna().all().all()


def test_without_a_fit_loyalty_is_the_share_of_past_quarters_with_a_purchase(small):
    result = small.customers.set_index("customer")[["p_any_purchase", "loyalty_band"]]
    # periods of 90 days counted back from as_of to the one of the first purchase:
    # 甲 buys in periods 0, 2, 6 of 7; 乙 in period 4 of 5; 丙 in period 0 of 1; 丁 in periods 1, 5 of 6
    assert result["p_any_purchase"].round(4).to_dict() == {"丁": 0.3333, "丙": 1.0, "乙": 0.2, "甲": 0.4286}
    assert result["loyalty_band"].to_dict() == {"丁": "medium", "丙": "high", "乙": "low", "甲": "medium"}


def test_relationship_level_without_profit_is_the_medium_margin_row_of_the_grid(small):
    levels = small.customers.set_index("customer")["relationship_level"].to_dict()
    # medium margin: A proactive, B accountable, C (no orders in the window counts as C) reactive
    assert levels == {"丁": "proactive", "丙": "accountable", "乙": "reactive", "甲": "proactive"}


def test_loyalty_and_level_summaries_count_customers_and_window_revenue_per_code(small):
    bands = outlook_tables.loyalty_summary(small.customers).set_index("loyalty_band")
    assert bands["customers_count"].to_dict() == {"high": 1, "medium": 2, "low": 1}
    assert bands["net_revenue_cents"].to_dict() == {"high": 8000, "medium": 60000, "low": 0}
    levels = outlook_tables.relationship_summary(small.customers).set_index("relationship_level")
    assert levels["customers_count"].to_dict() == {
        "basic": 0,
        "reactive": 1,
        "accountable": 1,
        "proactive": 2,
        "partnership": 0,
    }
    assert levels.loc["accountable", "contact_pattern"] == "call_after_sale"


def test_lifecycle_summary_of_the_whole_book_counts_each_stage(small):
    stages = outlook_tables.lifecycle_summary(small.customers).set_index("lifecycle_stage")
    assert stages["customers_count"].to_dict() == {"new": 1, "growing": 1, "mature": 0, "declining": 1, "lost": 1}
    assert stages["net_revenue_cents"].to_dict() == {
        "new": 8000,
        "growing": 50000,
        "mature": 0,
        "declining": 10000,
        "lost": 0,
    }


def test_expected_revenue_per_group_sums_the_cents_its_customers_show():
    customers = pd.DataFrame(
        {
            "customer": ["a", "b", "c", "d"],
            "tier": ["A", "A", "C", outlook_tables.NO_TIER],
            "account_manager": ["张伟", None, "张伟", "李强"],
            "expected_orders": [1.25, 0.5, 0.25, 0.0],
            "expected_revenue_cents": pd.array([10001, 2, None, 7], dtype="Int64"),
        }
    )
    per_tier = outlook_tables.expected_by(customers, "tier", outlook_tables.tiers_with_none(customers))
    assert per_tier["expected_revenue_cents"].tolist() == [10003, 0, 0, 7]  # A, B, C (c has none), none
    assert per_tier["without_forecast_count"].tolist() == [0, 0, 1, 0]
    assert per_tier["expected_orders"].tolist() == [1.75, 0.0, 0.25, 0.0]
    per_manager = outlook_tables.expected_by(customers, "account_manager")
    # largest first, the customers without a manager last
    assert per_manager["account_manager"].tolist()[:2] == ["张伟", "李强"] and pd.isna(
        per_manager["account_manager"].iloc[2]
    )
    assert per_manager["expected_revenue_cents"].tolist() == [10001, 7, 2]
    assert outlook_tables.expected_total(customers)["expected_revenue_cents"] == 10010


def test_fitted_book_rounds_each_customer_to_the_cent_and_tiers_add_up_to_the_total(fitted_con):
    book = outlook_tables.customer_outlook_table(fitted_con, Filters())
    assert book.is_fitted
    per_tier = outlook_tables.expected_by(book.customers, "tier", outlook_tables.tiers_with_none(book.customers))
    total = outlook_tables.expected_total(book.customers)
    assert int(per_tier["expected_revenue_cents"].sum()) == total["expected_revenue_cents"] > 0


def test_one_purchase_day_has_no_p_alive_but_has_expected_orders(fitted_con):
    book = outlook_tables.customer_outlook_table(fitted_con, Filters())
    once = book.customers[book.customers["forecast_note"].eq("one_purchase_day")]
    assert len(once) > 0
    assert once["p_alive"].isna().all() and once["expected_orders"].notna().all()


def test_loyalty_stays_the_next_quarters_whatever_the_forecast_horizon(fitted_con):
    quarter = outlook_tables.customer_outlook_table(fitted_con, Filters(), horizon_days=90).customers
    year = outlook_tables.customer_outlook_table(fitted_con, Filters(), horizon_days=365).customers
    assert year["loyalty_band"].tolist() == quarter["loyalty_band"].tolist()
    assert (year["expected_orders"] > quarter["expected_orders"]).all()  # a longer horizon, more orders


# ---- the home page's forecast block: expected_outlook(), the same figures without the loyalty work ----------


def _expected_light(con, filters: Filters):
    from core.analytics import abc, churn
    from core.outlook import book_forecast
    from core.rules import Rules

    rules = Rules()
    return outlook_tables.expected_outlook(
        book_forecast(con, filters),
        churn.churn_warnings(con, filters, rules.churn),
        abc.abc_tiers(con, filters, abc.usable_rules(con, rules.abc)),
    )


@pytest.fixture(scope="module")
def mixed_con():
    """The fitted book plus a customer with only a return (no purchase day, no forecast) and one whose only
    order is before the window (no tier there), one of them without a manager."""
    extra = [("只退货", "2024-10-01", "-50.00", "王芳"), ("老客户", "2023-01-15", "900.00", "")]
    rows = outlook_files.fitted_rows() + extra
    return _loaded(outlook_files._csv(["客户名称", "订单日期", "金额", "客户经理"], rows))


@pytest.mark.parametrize("manager", [None, "张伟"])
def test_the_home_pages_forecast_is_the_full_outlooks_customer_by_customer(mixed_con, manager):
    filters = Filters() if manager is None else Filters(account_manager=(manager,))
    full = outlook_tables.customer_outlook_table(mixed_con, filters)
    light = _expected_light(mixed_con, filters)
    assert light.forecast.status == full.forecast.status == ("fitted" if manager is None else "fit_failed")
    columns = outlook_tables.EXPECTED_COLUMNS
    pd.testing.assert_frame_equal(light.customers[columns], full.customers[columns])
    for by in ("tier", "account_manager"):
        assert outlook_tables.expected_by(light.customers, by).equals(outlook_tables.expected_by(full.customers, by))


def test_the_home_pages_forecast_names_a_customer_with_only_returns_and_one_without_a_tier(mixed_con):
    light = _expected_light(mixed_con, Filters()).customers.set_index("customer")
    assert light.loc["只退货", "forecast_note"] == "no_purchase_day"
    assert pd.isna(light.loc["只退货", "expected_revenue_cents"])
    assert light.loc["老客户", "tier"] == outlook_tables.NO_TIER
    assert pd.isna(light.loc["老客户", "account_manager"])


def test_the_home_pages_forecast_of_a_book_too_small_to_fit_has_every_figure_null():
    con = _loaded(outlook_files.small_csv())
    light = _expected_light(con, Filters())
    assert light.forecast.status == "too_few_repeat_customers"
    figures = light.customers[["p_alive", "expected_orders", "expected_revenue_cents"]]
    assert len(light.customers) == 4 and figures.isna().all().all()
    assert dict(zip(light.customers["customer"], light.customers["tier"]))["乙"] == outlook_tables.NO_TIER


def test_the_home_pages_forecast_of_a_filter_without_customers_is_empty(mixed_con):
    light = _expected_light(mixed_con, Filters(account_manager=("没有这个人",)))
    assert light.customers.empty and list(light.customers.columns) == outlook_tables.EXPECTED_COLUMNS
