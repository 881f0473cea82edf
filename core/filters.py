"""The one filter object every analysis takes, so the UI and the CLI share one path."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date

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

    def dimension_params(self) -> dict[str, list[str]]:
        """Bind values for the filtered_orders() table macro: an empty list means no filter."""
        return {name: list(getattr(self, name)) for name in DIMENSIONS}

    def with_as_of(self, as_of: date) -> Filters:
        return replace(self, as_of=as_of)


def quote_identifier(name: str) -> str:
    """Quote a column name as sqlite-utils does; only for names from BREAKDOWNS/DIMENSIONS."""
    if name not in BREAKDOWNS:
        raise ValueError(f"not a breakdown dimension: {name!r}")
    return '"' + name.replace('"', '""') + '"'
