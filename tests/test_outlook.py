"""Each customer's outlook (issue #14): forecast, loyalty, relationship level and lifecycle stage together."""

from __future__ import annotations

import random

import pytest

from core.filters import Filters
from core.outlook import book_outlook
from tests.analytics._orders_b import AS_OF, order, orders_store

AT_AS_OF = Filters(as_of=AS_OF)


def repeat_buyers(count: int, seed: int = 42) -> list[dict]:
    """`count` customers who buy on two days or more, as BG/NBD tells it: each at its own Poisson rate, dropping
    out after a purchase with its own chance, from a first purchase 100 to 700 days before as_of; each with its
    own typical order value."""
    rng = random.Random(seed)
    rows: list[dict] = []
    customers = 0
    while customers < count:
        rate, dropout, start = rng.gammavariate(1.5, 1 / 30), rng.betavariate(1, 4), rng.randint(100, 700)
        typical = rng.gammavariate(3, 300)
        days, day = [start], float(start)
        while rng.random() >= dropout:
            day -= rng.expovariate(rate)
            if day < 0:
                break
            days.append(int(day))
        if len(set(days)) > 1:
            name = f"客户{customers:02d}"
            rows += [order(name, d, round(rng.gammavariate(4, typical / 4), 2)) for d in days]
            customers += 1
    return rows


def test_with_too_few_repeat_customers_loyalty_comes_from_past_periods():
    # 甲 bought in periods 0 and 2 of 0..2 (days 10 and 200): share 2/3 -> medium; no forecast for anyone
    con = orders_store(order("甲", 10, 100), order("甲", 200, 100), order("乙", 100, 50), order("丙", 5, 10))
    book, customers = book_outlook(con, AT_AS_OF)
    assert book.status == "too_few_repeat_customers"
    assert customers["甲"]["p_alive"] is None and customers["甲"]["expected_orders"] is None
    assert customers["甲"]["loyalty_source"] == "past_periods"
    assert customers["甲"]["p_any_purchase"] == pytest.approx(2 / 3)
    assert customers["甲"]["loyalty_band"] == "medium"
    assert (customers["丙"]["p_any_purchase"], customers["丙"]["loyalty_band"]) == (1.0, "high")  # period 0 of 0..0
    # 乙: its only purchase day, 100 days before, is in period 1; one of periods 0..1: 0.5 -> medium
    assert (customers["乙"]["p_any_purchase"], customers["乙"]["loyalty_band"]) == (0.5, "medium")


def test_a_customer_with_only_returns_has_no_forecast_and_low_loyalty():
    con = orders_store(*repeat_buyers(40), order("退", 30, -80))
    book, customers = book_outlook(con, AT_AS_OF)
    result = customers["退"]
    assert book.status == "fitted"
    assert result["forecast_note"] == "no_purchase_day" and result["expected_orders"] is None
    assert (result["p_any_purchase"], result["loyalty_band"]) == (0, "low")


def test_with_a_fitted_forecast_loyalty_is_the_chance_of_a_purchase_in_the_next_90_days():
    con = orders_store(*repeat_buyers(40))
    book, customers = book_outlook(con, AT_AS_OF)
    result = customers["客户00"]
    assert book.status == "fitted"
    assert result["loyalty_source"] == "forecast"
    assert result["p_any_purchase"] == book.customers["客户00"]["p_any_purchase"]
    assert 0 < result["p_any_purchase"] < 1


def test_relationship_level_and_contact_pattern_come_from_tier_and_margin():
    # one customer holds all revenue: tier A; no profit mapped: medium margin -> proactive
    con = orders_store(order("甲", 10, 1000))
    _, customers = book_outlook(con, AT_AS_OF)
    result = customers["甲"]
    assert (result["relationship_level"], result["contact_pattern"]) == ("proactive", "regular_suggestions")


def test_the_outlook_carries_the_lifecycle_stage():
    con = orders_store(order("甲", 10, 100), order("乙", 400, 100))
    _, customers = book_outlook(con, AT_AS_OF)
    assert {c: v["lifecycle_stage"] for c, v in customers.items()} == {"甲": "new", "乙": "lost"}


def test_an_empty_book_has_no_customers_and_no_forecast():
    book, customers = book_outlook(orders_store(), AT_AS_OF)
    assert customers == {} and book.status == "too_few_repeat_customers"
