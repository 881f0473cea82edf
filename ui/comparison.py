"""What the screen says about the previous window (issue #11): how much of it has data, and whether a
change against it is shown at all (core/analytics/coverage.py holds the rule)."""

from __future__ import annotations

from core.analytics.coverage import Coverage
from core.rules import ComparisonRules
from ui.format import pct
from ui.text import t


def _fmt(covered: Coverage) -> dict:
    return dict(
        start=covered.start.isoformat(),
        end=covered.end.isoformat(),
        days=covered.days_with_data,
        total=covered.window_days,
        min=pct(ComparisonRules().min_coverage, 0),
    )


def short(covered: Coverage) -> str:
    """A few words for a KPI's delta slot: 上期仅 9/365 天有数据."""
    return t("cmp_partial_short", **_fmt(covered))


def sentence(covered: Coverage) -> str:
    """The previous window, its days with data and, when too few, that no change is shown."""
    return t("cmp_previous_window" if covered.comparable else "cmp_partial", **_fmt(covered))
