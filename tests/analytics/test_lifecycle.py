"""Lifecycle stages (PRODUCT.md § Also from the seeds; thresholds in LifecycleRules), worked out by hand."""

from __future__ import annotations

import pandas as pd
from pandas.testing import assert_frame_equal

from core.analytics.lifecycle import STAGES, lifecycle_stages, lifecycle_summary
from core.filters import Filters
from core.rules import LifecycleRules
from tests.analytics._orders_b import AS_OF, order, orders_store

AT_AS_OF = Filters(as_of=AS_OF)


def every_60_days(customer: str, previous_amount, current_amount) -> list[dict]:
    """Purchases 330, 270, 210 days before (previous half year) and 150, 90, 30 (current half year).

    Cycle 60 and 30 days since the last purchase: overdue 0.5, never high on its own.
    """
    return [order(customer, d, previous_amount) for d in (330, 270, 210)] + [
        order(customer, d, current_amount) for d in (150, 90, 30)
    ]


def stage_of(con, customer: str, rules: LifecycleRules = LifecycleRules()) -> str:
    stages = lifecycle_stages(con, AT_AS_OF, rules)
    return stages.set_index("customer").loc[customer, "stage"]


def test_customer_without_a_purchase_for_over_a_year_is_lost():
    con = orders_store(order("甲", 366, 100))
    assert stage_of(con, "甲") == "lost"


def test_customer_with_only_returns_is_lost():
    con = orders_store(order("甲", 10, -100))
    assert stage_of(con, "甲") == "lost"


def test_first_purchase_89_days_ago_is_new():
    con = orders_store(order("甲", 89, 100))
    assert stage_of(con, "甲") == "new"


def test_first_purchase_90_days_ago_is_no_longer_new():
    con = orders_store(order("甲", 90, 100), order("甲", 10, 100))  # current half year 200 against 0 before it
    assert stage_of(con, "甲") == "growing"


def test_current_half_year_above_previous_times_1_2_is_growing():
    con = orders_store(*every_60_days("甲", 100, 121))  # 363 > 300 x 1.2
    assert stage_of(con, "甲") == "growing"


def test_current_half_year_of_exactly_previous_times_1_2_is_mature():
    con = orders_store(*every_60_days("甲", 100, 120))  # 360 is not > 360
    assert stage_of(con, "甲") == "mature"


def test_current_half_year_of_exactly_previous_times_0_8_is_mature():
    con = orders_store(*every_60_days("甲", 100, 80))  # 240 is not < 240
    assert stage_of(con, "甲") == "mature"


def test_current_half_year_below_previous_times_0_8_is_declining():
    con = orders_store(*every_60_days("甲", 100, 79))  # 237 < 240
    assert stage_of(con, "甲") == "declining"


def test_churn_level_high_is_declining_even_when_revenue_grew():
    # cycle 20, 60 days since: overdue 3 (high); all revenue in the current half year
    con = orders_store(order("甲", 100, 100), order("甲", 80, 100), order("甲", 60, 100))
    stages = lifecycle_stages(con, AT_AS_OF).set_index("customer")
    assert (stages.loc["甲", "churn_level"], stages.loc["甲", "stage"]) == ("high", "declining")


def test_thresholds_come_from_lifecycle_rules():
    con = orders_store(*every_60_days("甲", 100, 121))
    assert stage_of(con, "甲", LifecycleRules(growing_ratio=1.25)) == "mature"  # 363 is not > 375


def test_stages_are_one_row_per_customer_sorted_by_customer():
    con = orders_store(order("乙", 400, 10), order("甲", 10, 10), order("甲", 20, 5), order("丙", 30, 7))
    result = lifecycle_stages(con, AT_AS_OF)[["customer", "stage", "current_period_revenue", "previous_period_revenue"]]
    expected = pd.DataFrame(
        {
            "customer": ["丙", "乙", "甲"],
            "stage": ["new", "lost", "new"],
            "current_period_revenue": [7.0, 0.0, 15.0],
            "previous_period_revenue": [0.0, 0.0, 0.0],
        }
    )
    assert_frame_equal(result, expected, check_dtype=False)


def test_every_stage_is_one_of_the_five():
    con = orders_store(*every_60_days("甲", 100, 100), order("乙", 400, 1), order("丙", 1, 1))
    assert set(lifecycle_stages(con, AT_AS_OF)["stage"]) <= set(STAGES)


def test_filters_leaving_no_orders_give_an_empty_frame():
    con = orders_store(order("甲", 10, 100, region="华东"))
    result = lifecycle_stages(con, Filters(as_of=AS_OF, region=("华南",)))
    assert result.empty and "stage" in result.columns


def test_the_book_by_stage_counts_customers_and_sums_window_revenue_per_stage():
    con = orders_store(
        order("乙", 400, 10),  # lost: nothing for 400 days, and nothing in the window
        order("甲", 10, "10.10"),  # new
        order("甲", 20, 5),
        order("丙", 30, 7),  # new
        order("丙", 31, "-2.05"),
    )
    result = lifecycle_summary(lifecycle_stages(con, AT_AS_OF))[["stage", "customers_count", "net_revenue_cents"]]
    # new: 甲 10.10 + 5 and 丙 7 - 2.05 -> 20.05 over two customers; lost: 乙, 0 in the window
    expected = pd.DataFrame(
        {
            "stage": ["new", "growing", "mature", "declining", "lost"],
            "customers_count": [2, 0, 0, 0, 1],
            "net_revenue_cents": [2005, 0, 0, 0, 0],
        }
    )
    assert_frame_equal(result, expected)
