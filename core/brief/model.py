"""What the brief is made of: the rules it applies and every figure it shows, computed once."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

import pandas as pd

from core.analytics import churn
from core.brief.text import words
from core.filters import Filters
from core.ingest import IngestReport
from core.outlook_tables import Outlook
from core.rules import Rules

# The churn levels whose window revenue counts as "at risk" (one definition, in core.analytics.churn).
AT_RISK_LEVELS = churn.AT_RISK_LEVELS
TAIL_DIMENSIONS = ("region", "industry", "product")


# The brief's rules are the app's one set of rules: the same value the pages and a shared link use.
ReportRules = Rules


@dataclass
class Brief:
    """Every figure the workbook shows, computed once for one as_of and one set of filters."""

    lang: str
    filters: Filters  # as_of resolved (None only when there is no order at all)
    orders: IngestReport
    pipeline: IngestReport | None
    rules: ReportRules
    tiers: pd.DataFrame
    active_customers: int  # core.analytics.active: the home page's and the report JSON's count
    segments: pd.DataFrame
    warnings: pd.DataFrame
    tail_shares: pd.DataFrame
    gini: float
    tail_by: dict[str, pd.DataFrame]
    growing_tail: pd.DataFrame
    funnel: pd.DataFrame
    funnel_source: str  # "pipeline" or "orders"
    win_rate: pd.DataFrame  # one row, or empty without a pipeline
    # issue #14: the same core functions the pages call (core.outlook_tables, cohorts, bridge)
    outlook: Outlook  # the next 90 days, per customer with an order line up to as_of
    cohorts: list[dict]  # core.analytics.cohorts.cohort_retention
    bridge: dict  # core.analytics.bridge.window_bridge: the previous window to this one
    present_fields: frozenset[str]  # the optional fields the file fills: no column for one it lacks

    def has_field(self, name: str) -> bool:
        return name in self.present_fields

    def words(self, key: str, **fmt) -> str:
        return words(key, self.lang, **fmt)

    @property
    def as_of(self) -> date | None:
        return self.filters.as_of

    @property
    def window_start(self) -> date | None:
        """The first day of the window: 0 <= days_before < window_days."""
        return None if self.as_of is None else self.as_of - timedelta(days=self.filters.window_days - 1)
