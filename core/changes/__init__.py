"""What changed between two datasets (issue #6): tier moves, warnings, revenue, customers, funnel; and the trend.

compare: the change between two loaded connections; side: one dataset's figures at its as_of (and a trend
point); saved: between saved datasets of a workspace (the default pair, the trend); values: JSON-safe values.

Definitions (docs/workspace.md repeats them for readers of the JSON):
- Each side is analysed at its own as_of (the dataset's, else its latest order date) with the same filters.
- A customer is *present* on a side when it has any order line up to that as_of. Its tier is its ABC tier,
  or C when it has no order in the window (as in the report JSON); an absent customer's tier is null.
- tier_moves: every customer present on either side whose tier differs, absent counting as null.
- A *warning* is a churn level in WARNING_LEVELS (medium, high, lost). new_warnings: a warning on `to`
  and none on `from` (absent or ok). cleared_warnings: a warning on `from` and level ok on `to` (a customer
  missing from `to` is not cleared: nothing says it came back). escalated_warnings: a warning on both
  sides at a worse level on `to`.
- new_customers: present on `to`, absent from `from`. lost_customers: orders in the `from` window and
  none in the `to` window.
- Money is summed in integer cents and reported in currency units (2 decimals).
"""

from core.changes.compare import REVENUE_BREAKDOWNS, TIER_ORDER, changes
from core.changes.saved import PUBLIC_FIELDS, dataset_changes, default_from, trend
from core.changes.side import WARNING_LEVELS, trend_point

__all__ = [
    "PUBLIC_FIELDS",
    "REVENUE_BREAKDOWNS",
    "TIER_ORDER",
    "WARNING_LEVELS",
    "changes",
    "dataset_changes",
    "default_from",
    "trend",
    "trend_point",
]
