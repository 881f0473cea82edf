"""The one filter object every analysis takes, so the UI and the CLI share one path."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date

from core.access import EVERYTHING, Scope

# Dimensions a user can filter or break down by. The only identifiers ever built into SQL come
# from this tuple, quoted (STYLE.md § SQL).
DIMENSIONS = ("region", "industry", "team", "account_manager", "product", "customer_type")
BREAKDOWNS = DIMENSIONS + ("province", "city", "category", "channel")


@dataclass(frozen=True)
class Filters:
    """as_of None means the latest order_date in the data (PRODUCT.md: files are often old)."""

    as_of: date | None = None
    window_days: int = 365  # the analysis window: 0 <= days_before < window_days
    region: tuple[str, ...] = ()
    industry: tuple[str, ...] = ()
    team: tuple[str, ...] = ()
    account_manager: tuple[str, ...] = ()
    product: tuple[str, ...] = ()
    customer_type: tuple[str, ...] = ()
    extra: dict = field(default_factory=dict, compare=False, hash=False)
    # The rows the signed-in user may see (issue #12). Not a filter of the sidebar's: the pages build
    # Filters from widgets and the URL, then scoped() applies the session's scope last, so no widget and
    # no link can widen it. Part of equality and the hash, so cached figures are kept per scope.
    scope: Scope = EVERYTHING

    def dimension_params(self) -> dict[str, list[str] | None]:
        """Bind values for the filtered_orders() table macro: an empty list means no filter; the scope's
        two lists (scope_region, scope_account_manager) are None when unrestricted."""
        return {**{name: list(getattr(self, name)) for name in DIMENSIONS}, **self.scope.params()}

    def scoped(self, scope: Scope) -> Filters:
        """These filters within `scope`: the user's scope replaces whatever was there."""
        return replace(self, scope=scope)

    def with_as_of(self, as_of: date) -> Filters:
        return replace(self, as_of=as_of)


def quote_identifier(name: str) -> str:
    """Quote a column name as sqlite-utils does; only for names from BREAKDOWNS/DIMENSIONS."""
    if name not in BREAKDOWNS:
        raise ValueError(f"not a breakdown dimension: {name!r}")
    return '"' + name.replace('"', '""') + '"'
