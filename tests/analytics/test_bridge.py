"""The gain/loss bridge (PRODUCT.md § Cohorts and the bridge): five parts that sum to the cent."""

from __future__ import annotations

from decimal import Decimal

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from core.analytics.bridge import PARTS, window_bridge
from core.filters import Filters
from tests.analytics._orders_b import AS_OF, fresh_store, load, order, orders_store

# 30-day windows: the later one is days_before 0..29, the earlier one 30..59
MONTHLY = Filters(as_of=AS_OF, window_days=30)


def earlier(customer: str, amount, **more) -> dict:
    return order(customer, 45, amount, **more)


def later(customer: str, amount, **more) -> dict:
    return order(customer, 5, amount, **more)


def test_each_customer_is_new_lost_grown_shrunk_or_steady():
    con = orders_store(
        later("新", "100.01"),  # nothing before: new +100.01
        earlier("失", "80"),  # nothing after: lost -80
        earlier("增", "50"),
        later("增", "70.50"),  # grown +20.50
        earlier("减", "60"),
        later("减", "45.25"),  # shrunk -14.75
        earlier("平", "30"),
        later("平", "30"),  # steady 0
        earlier("退", "-10"),
        later("退", "-5"),  # neither period positive: steady +5
    )
    result = window_bridge(con, MONTHLY)
    parts = {p: result[p] for p in (*PARTS, "total_change")}
    expected = {
        "new": Decimal("100.01"),
        "lost": Decimal("-80.00"),
        "grown": Decimal("20.50"),
        "shrunk": Decimal("-14.75"),
        "steady": Decimal("5.00"),
        "total_change": Decimal(
            "30.76"
        ),  # later 100.01 + 70.50 + 45.25 + 30 - 5 = 240.76; earlier 50 + 60 + 30 + 80 - 10 = 210
    }
    assert parts == expected
    assert result["customers_count"] == {"new": 1, "lost": 1, "grown": 1, "shrunk": 1, "steady": 2}


def test_a_customer_whose_returns_wipe_out_the_later_period_is_lost():
    con = orders_store(earlier("甲", "100"), later("甲", "40"), later("甲", "-40"))
    result = window_bridge(con, MONTHLY)
    assert (result["lost"], result["total_change"]) == (Decimal("-100.00"), Decimal("-100.00"))


def test_the_split_uses_the_earlier_period_for_a_customer_who_had_orders_then():
    con = orders_store(
        earlier("甲", "100", region="华东", account_manager="王"),
        later("甲", "20", region="华南", account_manager="李"),  # shrunk -80, counted where it started
        later("乙", "50", region="华南", account_manager="李"),  # new +50, where it is now
    )
    result = window_bridge(con, MONTHLY)
    by_region = {r["region"]: (r["shrunk"], r["new"], r["total_change"]) for r in result["by_region"]}
    assert by_region == {
        "华东": (Decimal("-80.00"), Decimal("0.00"), Decimal("-80.00")),
        "华南": (Decimal("0.00"), Decimal("50.00"), Decimal("50.00")),
    }
    # 甲 was the only customer in the earlier window: tier A there; 乙 holds 50 of 70 later: A too
    assert [(r["tier"], r["total_change"]) for r in result["by_tier"]] == [("A", Decimal("-30.00"))]


def test_an_empty_book_has_a_bridge_of_zeros():
    result = window_bridge(fresh_store(), MONTHLY)
    assert {p: result[p] for p in (*PARTS, "total_change")} == dict.fromkeys((*PARTS, "total_change"), Decimal("0.00"))


CUSTOMERS = ["甲", "乙", "丙", "丁", "戊", "己"]
LINES = st.lists(
    st.tuples(
        st.sampled_from(CUSTOMERS),
        st.integers(min_value=0, max_value=59),  # days before as_of: either window
        st.decimals(min_value=-5000, max_value=5000, places=2, allow_nan=False, allow_infinity=False),
        st.sampled_from(["华东", "华南", None]),
    ),
    max_size=40,
)
# database=None: no .hypothesis folder in the checkout; each example loads a fresh DuckDB store (~50 ms)
BRIDGES = settings(max_examples=40, deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow])


@BRIDGES
@given(LINES)
def test_the_five_parts_and_every_split_sum_exactly_to_the_total_change(lines):
    con = fresh_store()
    load(con, "orders", [order(c, d, a, region=r) for c, d, a, r in lines])
    result = window_bridge(con, MONTHLY)
    total = sum((a for _, d, a, _ in lines if d < 30), Decimal(0)) - sum(
        (a for _, d, a, _ in lines if d >= 30), Decimal(0)
    )
    assert result["total_change"] == total
    assert sum(result[p] for p in PARTS) == total
    # the waterfall's ends: the earlier total, the five parts, the later total, to the cent
    assert result["before_total"] + sum(result[p] for p in PARTS) == result["after_total"]
    assert result["after_total"] == sum((a for _, d, a, _ in lines if d < 30), Decimal(0))
    for split in ("by_tier", "by_region", "by_account_manager"):
        assert sum(r["total_change"] for r in result[split]) == total
        assert all(sum(r[p] for p in PARTS) == r["total_change"] for r in result[split])
