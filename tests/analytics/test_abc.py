"""ABC tiers (PRODUCT.md § ABC tiers): each test states one rule, numbers worked by hand."""

from __future__ import annotations

import pandas as pd
import pytest
from pandas.testing import assert_frame_equal

from conftest import AS_OF, load_orders, order
from core.analytics.abc import (
    abc_tiers,
    manager_coverage,
    pareto_points,
    service_levels,
    tier_migration,
    tier_summary,
)
from core.filters import Filters
from core.rules import AbcRules

WINDOW = Filters(as_of=AS_OF)


def tiers_by_customer(con, filters=WINDOW, rules=AbcRules()) -> dict[str, str]:
    return dict(abc_tiers(con, filters, rules)[["customer", "tier"]].values)


def test_customer_whose_cum_before_is_exactly_80_percent_is_tier_b(con):
    load_orders(con, order("甲", 1, 500), order("乙", 1, 300), order("丙", 1, 120), order("丁", 1, 80))
    result = tiers_by_customer(con)
    # positive total 1000; cum_before 甲 0, 乙 0.50, 丙 (500 + 300) / 1000 = 0.80 (not < 0.80), 丁 0.92
    assert result == {"甲": "A", "乙": "A", "丙": "B", "丁": "B"}


def test_cum_before_of_exactly_95_percent_is_tier_c(con):
    load_orders(con, order("甲", 1, 850), order("乙", 1, 100), order("丙", 1, 50))
    result = tiers_by_customer(con)
    # cum_before 甲 0, 乙 850/1000 = 0.85 < 0.95 -> B, 丙 950/1000 = 0.95 -> C
    assert result == {"甲": "A", "乙": "B", "丙": "C"}


def test_single_customer_above_80_percent_is_tier_a_alone(con):
    load_orders(con, order("甲", 1, 820), order("乙", 1, 120), order("丙", 1, 60))
    result = tiers_by_customer(con)
    # cum_before 甲 0 -> A; 乙 820/1000 = 0.82 -> B; 丙 940/1000 = 0.94 -> B
    assert result == {"甲": "A", "乙": "B", "丙": "B"}


def test_tie_in_metric_is_ranked_by_customer_key_ascending(con):
    load_orders(con, order("b", 1, 400), order("a", 1, 400), order("c", 1, 200))
    result = abc_tiers(con, WINDOW)[["rank", "customer", "cum_before", "tier"]]
    # a and b tie at 400: a ranks first; cum_before b = 400/1000 = 0.40, c = 800/1000 = 0.80 -> B
    expected = pd.DataFrame(
        {"rank": [1, 2, 3], "customer": ["a", "b", "c"], "cum_before": [0.0, 0.4, 0.8], "tier": ["A", "A", "B"]}
    )
    assert_frame_equal(result, expected, check_dtype=False)


def test_all_negative_customers_are_tier_c_without_dividing_by_zero(con):
    load_orders(con, order("甲", 1, -100), order("乙", 1, -50))
    result = abc_tiers(con, WINDOW)
    # no positive total: cum_before is null (never 0/0) and metric <= 0 makes both C
    assert result["tier"].tolist() == ["C", "C"]
    assert result["cum_before"].isna().all()


def test_fully_returned_order_nets_to_exactly_zero_and_is_tier_c(con):
    load_orders(
        con, order("甲", 10, "1234.57"), order("甲", 5, "-1234.57"), order("乙", 1, "0.10"), order("乙", 1, "0.20")
    )
    result = abc_tiers(con, WINDOW).set_index("customer")
    assert result.loc["甲", "net_revenue_cents"] == 0  # 1234.57 - 1234.57, exact in DECIMAL
    assert result.loc["甲", "tier"] == "C"  # metric 0 <= 0
    assert result.loc["乙", "net_revenue_cents"] == 30  # 0.10 + 0.20 is 0.30 exactly, not 0.30000000000000004


def test_window_holds_days_before_0_to_364_only(con):
    load_orders(con, order("今天", 0, 10), order("最后一天", 364, 10), order("太早", 365, 10), order("未来", -1, 10))
    result = set(abc_tiers(con, WINDOW)["customer"])
    assert result == {"今天", "最后一天"}


def test_as_of_defaults_to_latest_order_date(con):
    load_orders(con, order("甲", 30, 10), order("乙", 400, 10))
    result = set(abc_tiers(con, Filters(window_days=365))["customer"])
    # latest order is 30 days before AS_OF, so 乙 is 370 days before as_of: outside
    assert result == {"甲"}


def test_region_filter_changes_the_tiers(con):
    load_orders(
        con,
        order("甲", 1, 900, region="华东"),
        order("乙", 1, 60, region="华南"),
        order("丙", 1, 40, region="华南"),
    )
    result = tiers_by_customer(con, Filters(as_of=AS_OF, region=("华南",)))
    # without 甲: total 100; 乙 cum_before 0 -> A, 丙 60/100 = 0.60 -> A
    assert result == {"乙": "A", "丙": "A"}


def test_filter_leaving_no_orders_returns_empty_frames(con):
    load_orders(con, order("甲", 1, 100, region="华东"))
    tiers = abc_tiers(con, Filters(as_of=AS_OF, region=("西北",)))
    assert tiers.empty
    assert tier_summary(tiers).empty
    assert pareto_points(tiers).empty
    assert manager_coverage(tiers).empty
    assert tier_migration(con, Filters(as_of=AS_OF, region=("西北",))).matrix.empty


def test_empty_store_returns_empty_frames(con):
    result = abc_tiers(con, Filters())  # no orders: as_of is null
    assert result.empty
    assert tier_migration(con, Filters()).customers.empty


def test_tier_revenues_sum_to_the_window_net_revenue(con):
    load_orders(
        con,
        order("甲", 1, "700.01"),
        order("乙", 2, "200.02"),
        order("丙", 3, "99.97"),
        order("丁", 4, "-25.50"),
        order("乙", 400, 1000),  # outside the window
    )
    result = tier_summary(abc_tiers(con, WINDOW))["net_revenue_cents"].sum()
    window_cents = con.execute(
        "select (sum(amount) * 100)::bigint from orders where date_diff('day', order_date, ?) between 0 and 364",
        [AS_OF],
    ).fetchall()[0][0]
    assert result == window_cents == 97450  # 700.01 + 200.02 + 99.97 - 25.50


def test_tier_summary_counts_customers_and_revenue_share_per_tier(con):
    load_orders(con, order("甲", 1, 800), order("乙", 1, 150), order("丙", 1, 100), order("丁", 1, -50))
    result = tier_summary(abc_tiers(con, WINDOW))
    # positive total 1050: cum_before 甲 0 -> A, 乙 800/1050 = 0.762 -> A, 丙 950/1050 = 0.905 -> B,
    # 丁 negative -> C; net revenue 1000, so C's share is -50/1000
    expected = pd.DataFrame(
        {
            "tier": ["A", "B", "C"],
            "customers_count": [2, 1, 1],
            "customer_share": [0.5, 0.25, 0.25],
            "net_revenue": [950.0, 100.0, -50.0],
            "net_revenue_cents": [95000, 10000, -5000],
            "revenue_share": [0.95, 0.10, -0.05],
        }
    )
    assert_frame_equal(result, expected)


def test_gross_profit_metric_ranks_by_profit_column(con):
    load_orders(con, order("甲", 1, 1000, profit=50), order("乙", 1, 200, profit=150), order("丙", 1, 100, profit=0))
    result = abc_tiers(con, WINDOW, AbcRules(metric="gross_profit"))[["customer", "metric", "tier"]]
    # profit total 200: 乙 first (cum_before 0 -> A), 甲 150/200 = 0.75 -> A, 丙 profit 0 -> C
    expected = pd.DataFrame({"customer": ["乙", "甲", "丙"], "metric": [150.0, 50.0, 0.0], "tier": ["A", "A", "C"]})
    assert_frame_equal(result, expected)


def test_gross_profit_metric_without_a_profit_column_raises_value_error(con):
    load_orders(con, order("甲", 1, 1000))
    with pytest.raises(ValueError, match="profit"):
        abc_tiers(con, WINDOW, AbcRules(metric="gross_profit"))


def test_order_count_metric_counts_distinct_order_ids_of_positive_lines(con):
    load_orders(
        con,
        order("甲", 1, 10, order_id="A1"),
        order("甲", 1, 20, order_id="A1"),  # second line of the same order
        order("甲", 2, 30, order_id="A2"),
        order("甲", 3, -5, order_id="R1"),  # a credit note is not an order
        order("乙", 1, 999, order_id="B1"),
    )
    result = dict(abc_tiers(con, WINDOW, AbcRules(metric="order_count"))[["customer", "order_count"]].values)
    assert result == {"甲": 2, "乙": 1}


def test_order_count_without_order_id_counts_distinct_positive_days(con):
    load_orders(con, order("甲", 1, 10), order("甲", 1, 20), order("甲", 5, 30), order("甲", 9, -30))
    result = abc_tiers(con, WINDOW, AbcRules(metric="order_count"))["order_count"].tolist()
    assert result == [2]  # days 1 and 5; day 9 only has a return


def test_customer_name_is_the_latest_non_null_name(con):
    load_orders(
        con,
        order("C001", 30, 10, customer_name="旧名有限公司"),
        order("C001", 20, 10, customer_name="新名有限公司"),
        order("C001", 10, 10),  # the latest line has no name: keep the latest known one
    )
    assert abc_tiers(con, WINDOW)["customer_name"].tolist() == ["新名有限公司"]


def test_account_manager_is_the_one_on_the_latest_order(con):
    load_orders(
        con,
        order("甲", 30, 10, account_manager="张三"),
        order("甲", 10, 10, account_manager="李四"),
        order("甲", 5, -10, account_manager="王五"),  # a later return does not change the owner
    )
    assert abc_tiers(con, WINDOW)["account_manager"].tolist() == ["李四"]


def test_manager_coverage_counts_a_customers_per_manager_and_without_manager(con):
    load_orders(
        con,
        order("甲", 1, 500, account_manager="张三"),
        order("乙", 1, 200, account_manager="李四"),
        order("丙", 1, 100),
        order("丁", 1, 150, account_manager="张三"),
        order("戊", 1, 50, account_manager="李四"),
    )
    result = manager_coverage(abc_tiers(con, WINDOW))
    # total 1000: 甲 0 A, 乙 500/1000 A, 丁 700/1000 A, 丙 850/1000 B, 戊 950/1000 C
    expected = pd.DataFrame(
        {
            "account_manager": ["张三", "李四", None],
            "has_manager": [True, True, False],
            "a_customers_count": [2, 1, 0],
            "customers_count": [2, 2, 1],
        }
    )
    assert_frame_equal(result, expected, check_dtype=False)


def test_service_level_per_tier_follows_the_spec(con):
    load_orders(con, order("甲", 1, 900), order("乙", 1, 60), order("丙", 1, 40))
    result = service_levels(abc_tiers(con, WINDOW))
    # 甲 A; 乙 900/1000 -> B; 丙 960/1000 -> C
    expected = pd.DataFrame(
        {
            "tier": ["A", "B", "C"],
            "service_level": ["senior_account_manager", "regular_visits", "automated_basic"],
            "customers_count": [1, 1, 1],
        }
    )
    assert_frame_equal(result, expected, check_dtype=False)


def test_pareto_points_accumulate_customer_and_metric_shares(con):
    load_orders(con, order("甲", 1, 600), order("乙", 1, 300), order("丙", 1, 100), order("丁", 1, -20))
    result = pareto_points(abc_tiers(con, WINDOW))[["customer", "customer_share", "metric_share"]]
    expected = pd.DataFrame(
        {
            "customer": ["甲", "乙", "丙", "丁"],
            "customer_share": [0.25, 0.5, 0.75, 1.0],
            "metric_share": [0.6, 0.9, 1.0, 1.0],
        }
    )
    assert_frame_equal(result, expected, check_dtype=False)


def test_migration_moves_customers_between_windows_with_new_and_lost(con):
    load_orders(
        con,
        # previous window (days_before 365..729): 甲 900 A, 乙 100 B (cum_before 0.90)
        order("甲", 400, 900),
        order("乙", 400, 100),
        # this window: 乙 600 A, 丙 400 A (cum_before 0.60); 甲 is lost, 丙 is new
        order("乙", 10, 600),
        order("丙", 10, 400),
    )
    result = tier_migration(con, WINDOW)
    customers = result.customers[["customer", "from_tier", "to_tier"]]
    expected = pd.DataFrame(
        {"customer": ["丙", "乙", "甲"], "from_tier": ["new", "B", "A"], "to_tier": ["A", "A", "lost"]}
    )
    assert_frame_equal(
        customers.sort_values("customer", ignore_index=True), expected.sort_values("customer", ignore_index=True)
    )
    moved = result.matrix[result.matrix["customers_count"] > 0]
    assert sorted(map(tuple, moved[["from_tier", "to_tier", "customers_count"]].values.tolist())) == [
        ("A", "lost", 1),
        ("B", "A", 1),
        ("new", "A", 1),
    ]
    assert len(result.matrix) == 16  # from A/B/C/new x to A/B/C/lost
