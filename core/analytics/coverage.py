"""How much of a window the data covers, so a change is only shown between windows alike (issue #11).

Definition (README § Comparing with the previous window): the data spans the days from the first to the
latest order date in the loaded orders, every row counted (returns too) and no filter applied, because the
span says what the file can know, not what a region sold. A window's *days with data* are its days inside
that span; its *coverage* is days with data ÷ its length. The previous window is the window of equal
length ending window_days before as_of (as_of − 2·window_days < order_date <= as_of − window_days). A
change against it is shown only when its coverage is at least ComparisonRules.min_coverage.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

import duckdb

from core.analytics import window
from core.filters import Filters
from core.rules import ComparisonRules


@dataclass(frozen=True)
class Coverage:
    """One window: first and last day, length, the days of it inside the data's span, and whether a
    change against it may be shown (coverage >= the rule's minimum)."""

    start: date
    end: date
    window_days: int
    days_with_data: int
    comparable: bool

    @property
    def share(self) -> float:
        return self.days_with_data / self.window_days


def data_span(con: duckdb.DuckDBPyConnection) -> tuple[date, date] | None:
    """(first, latest) order date of every loaded order line; None without orders."""
    first, last = con.cursor().execute("select min(order_date), max(order_date) from orders").fetchall()[0]
    return None if first is None else (first, last)


def coverage(
    con: duckdb.DuckDBPyConnection, end: date, window_days: int, rules: ComparisonRules = ComparisonRules()
) -> Coverage | None:
    """The window of window_days days ending at `end` (inclusive), against the data's span; None without orders."""
    span = data_span(con)
    if span is None:
        return None
    start = end - timedelta(days=window_days - 1)
    first, last = max(start, span[0]), min(end, span[1])
    days = max((last - first).days + 1, 0)
    return Coverage(start, end, window_days, days, comparable=days >= rules.min_coverage * window_days)


def previous_window(
    con: duckdb.DuckDBPyConnection, filters: Filters, rules: ComparisonRules = ComparisonRules()
) -> Coverage | None:
    """The coverage of the window before the analysis window, of equal length; None without orders."""
    as_of = window.resolve_as_of(con, filters)
    if as_of is None:
        return None
    return coverage(con, as_of - timedelta(days=filters.window_days), filters.window_days, rules)
