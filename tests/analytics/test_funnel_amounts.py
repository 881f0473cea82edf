"""Amounts only on won deals, and a pipeline dated after the orders (issue #11 item 5)."""

from datetime import date

import pytest

from core.analytics.funnel import amount_basis, pipeline_after_as_of, win_rate
from core.filters import Filters
from tests.analytics._orders_b import opportunity, pipeline_store

ALL = Filters()


def basis(*rows) -> str | None:
    con = pipeline_store(*rows)
    return amount_basis(win_rate(con, ALL))


def test_values_only_on_won_deals_are_detected():
    # lost at 0 and open deals blank, as the CRM sales opportunities export writes them
    rows = (
        opportunity("1", "Won", 1000),
        opportunity("2", "Won", 1100),
        opportunity("3", "Lost", 0),
        opportunity("4", "Engaging"),
        opportunity("5", "Prospecting"),
    )
    assert basis(*rows) == "won_only"


def test_values_only_on_won_deals_make_the_amount_win_rate_100_percent():
    """Why it is not shown: 2,100 / (2,100 + 0)."""
    con = pipeline_store(opportunity("1", "Won", 1000), opportunity("2", "Won", 1100), opportunity("3", "Lost", 0))
    rates = win_rate(con, ALL)
    assert rates["amount_win_rate"].iloc[0] == 1.0
    assert rates["win_rate"].iloc[0] == pytest.approx(2 / 3)


def test_one_lost_deal_with_a_value_makes_the_amounts_meaningful():
    assert basis(opportunity("1", "Won", 1000), opportunity("2", "Lost", 0), opportunity("3", "Lost", 50)) == "all"


def test_one_open_deal_with_a_value_makes_the_amounts_meaningful():
    assert basis(opportunity("1", "Won", 1000), opportunity("2", "Lost"), opportunity("3", "谈判", 50)) == "all"


def test_no_value_anywhere_is_none():
    assert basis(opportunity("1", "Won", 0), opportunity("2", "Lost"), opportunity("3", "Lead")) == "none"


def test_only_won_deals_with_values_and_nothing_else_is_all():
    # nothing is left without a value: the 100% is true
    assert basis(opportunity("1", "Won", 1000), opportunity("2", "Won", 5)) == "all"


def test_no_opportunity_has_no_basis():
    assert basis() is None


AFTER = Filters(as_of=date(2016, 12, 31))


def test_opportunities_created_or_closed_after_as_of_are_counted_with_the_latest_date():
    con = pipeline_store(
        opportunity("1", "Engaging", created_date=date(2016, 12, 1)),  # before: not counted
        opportunity("2", "Engaging", created_date=date(2017, 1, 5)),  # created after
        opportunity("3", "Won", created_date=date(2016, 11, 1), close_date=date(2017, 3, 9)),  # closed after
        opportunity("4", "Lost", created_date=date(2017, 2, 1), close_date=date(2017, 2, 20)),  # both after
    )
    assert pipeline_after_as_of(con, AFTER) == {"opportunities_count": 3, "latest_date": date(2017, 3, 9)}


def test_an_open_deals_expected_close_date_after_as_of_is_not_counted():
    con = pipeline_store(opportunity("1", "谈判", created_date=date(2016, 6, 1), close_date=date(2017, 6, 30)))
    assert pipeline_after_as_of(con, AFTER) == {"opportunities_count": 0, "latest_date": None}
