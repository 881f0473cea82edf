"""The shared per-customer base (issue #13) gives the figures of the analyses that scan the orders themselves."""

from __future__ import annotations

import random
from datetime import timedelta

import pytest
from pandas.testing import assert_frame_equal

from conftest import AS_OF, load_orders, order
from core.analytics import abc, active, customer_base, customer_funnel, long_tail
from core.filters import Filters
from core.rules import AbcRules, FunnelRules

FILTERS = [
    Filters(as_of=AS_OF),
    Filters(as_of=AS_OF, window_days=90),
    Filters(as_of=AS_OF, region=("华东",)),
    Filters(as_of=AS_OF - timedelta(days=365)),  # the previous window, as the tier migration asks for it
    Filters(as_of=AS_OF, region=("nowhere",)),  # no customer at all
]


def _generated_orders(con) -> None:
    """600 lines of 60 customers over two years: returns, lines without order_id, names and managers missing,
    ties in revenue (the ranking's customer tie-break), a customer with only returns."""
    rng = random.Random(42)
    rows = []
    for i in range(600):
        customer = f"C{rng.randrange(60):02d}"
        amount = rng.choice(["100.00", "250.50", "-40.00", "999.99", "0.01", "100.00"])
        more = {"region": rng.choice(["华东", "华南", None]), "order_id": rng.choice([f"SO{i // 3}", None])}
        if rng.random() < 0.7:
            more["customer_name"] = f"客户{customer}"
        if rng.random() < 0.6:
            more["account_manager"] = rng.choice(["王", "李"])
        more["profit"] = str(rng.randrange(-50, 200))
        rows.append(order(customer, rng.randrange(730), amount, **more))
    rows.append(order("ONLY_RETURNS", 3, "-12.00"))
    load_orders(con, *rows)


@pytest.fixture
def generated(con):
    _generated_orders(con)
    return con


@pytest.mark.parametrize("filters", FILTERS, ids=range(len(FILTERS)))
@pytest.mark.parametrize("rules", [AbcRules(), AbcRules(a_below=0.7, b_below=0.9, metric="order_count")])
def test_tiers_from_the_base_are_abc_tiers(generated, filters, rules):
    result = customer_base.abc_tiers(generated, customer_base.customer_base(generated, filters), rules)
    expected = abc.abc_tiers(generated, filters, rules)
    assert_frame_equal(result, expected)


@pytest.mark.parametrize("filters", FILTERS, ids=range(len(FILTERS)))
def test_lorenz_points_from_the_base_are_lorenz_points(generated, filters):
    result = customer_base.lorenz_points(generated, customer_base.customer_base(generated, filters))
    expected = long_tail.lorenz_points(generated, filters)
    assert_frame_equal(result, expected)


@pytest.mark.parametrize("filters", FILTERS, ids=range(len(FILTERS)))
def test_active_customers_from_the_base_are_active_customers(generated, filters):
    result = customer_base.active_customers(customer_base.customer_base(generated, filters))
    expected = active.active_customers(generated, filters)
    assert result == expected


@pytest.mark.parametrize("filters", FILTERS, ids=range(len(FILTERS)))
def test_customer_funnel_from_the_tiers_is_the_customer_funnel(generated, filters):
    tiers = abc.abc_tiers(generated, filters)
    result = customer_base.customer_funnel_from(generated, tiers, filters, FunnelRules(repeat_orders=3))
    expected = customer_funnel.customer_funnel(generated, filters, FunnelRules(repeat_orders=3))
    assert_frame_equal(result, expected)


def test_the_base_has_one_row_per_customer_with_a_line_in_the_window(con):
    load_orders(con, order("甲", 1, "10.00"), order("甲", 2, "-10.00"), order("乙", 400, "5.00"))
    base = customer_base.customer_base(con, Filters(as_of=AS_OF)).to_pandas()
    # 甲: a sale and its full return in the window nets to 0 but was an order; 乙 ordered 400 days before
    assert base["customer"].tolist() == ["甲"]
    assert float(base["net_revenue"].iloc[0]) == 0.0 and base["order_count"].iloc[0] == 1


def test_tier_migration_from_given_tiers_is_the_tier_migration(generated):
    filters = Filters(as_of=AS_OF)
    previous = filters.with_as_of(AS_OF - timedelta(days=365))
    result = abc.tier_migration(
        generated, filters, current=abc.abc_tiers(generated, filters), previous=abc.abc_tiers(generated, previous)
    )
    expected = abc.tier_migration(generated, filters)
    assert_frame_equal(result.matrix, expected.matrix)
    assert_frame_equal(result.customers, expected.customers)
