"""Cohort retention (PRODUCT.md § Cohorts and the bridge), worked out by hand."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from core.analytics.cohorts import cohort_retention
from core.analytics.window import params
from core.filters import Filters
from tests.analytics._orders_b import fresh_store, load


def line(customer: str, day: str, amount: str) -> dict:
    return {"customer": customer, "order_date": date.fromisoformat(day), "amount": amount}


def cohort_rows(*rows: dict, as_of: str = "2024-03-31") -> list[tuple]:
    con = fresh_store()
    load(con, "orders", list(rows))
    result = cohort_retention(con.cursor(), params(con, Filters(as_of=date.fromisoformat(as_of))))
    return [(r["cohort"], r["month"], r["customers"], r["revenue"]) for r in result]


def test_month_0_holds_the_whole_cohort_and_later_months_those_who_bought_again():
    result = cohort_rows(
        line("甲", "2024-01-05", "100"),
        line("甲", "2024-01-20", "50"),
        line("乙", "2024-01-31", "70"),
        line("甲", "2024-03-02", "30.10"),
        line("丙", "2024-02-10", "40"),
    )
    expected = [
        ("2024-01", 0, 2, Decimal("220.00")),  # 甲 150 + 乙 70
        ("2024-01", 1, 0, Decimal("0.00")),  # nobody bought in February
        ("2024-01", 2, 1, Decimal("30.10")),  # 甲 in March
        ("2024-02", 0, 1, Decimal("40.00")),
        ("2024-02", 1, 0, Decimal("0.00")),
    ]
    assert result == expected


def test_a_cohort_is_the_month_of_the_first_positive_purchase_not_of_a_return():
    result = cohort_rows(line("甲", "2024-01-10", "-20"), line("甲", "2024-02-10", "90"), as_of="2024-02-29")
    assert result == [("2024-02", 0, 1, Decimal("90.00"))]


def test_a_month_with_only_returns_does_not_retain_the_customer():
    result = cohort_rows(line("甲", "2024-01-10", "100"), line("甲", "2024-02-10", "-30"), as_of="2024-02-29")
    assert result == [("2024-01", 0, 1, Decimal("100.00")), ("2024-01", 1, 0, Decimal("0.00"))]


def test_orders_after_as_of_are_not_counted():
    result = cohort_rows(line("甲", "2024-01-10", "100"), line("乙", "2024-04-10", "100"), as_of="2024-01-31")
    assert result == [("2024-01", 0, 1, Decimal("100.00"))]
