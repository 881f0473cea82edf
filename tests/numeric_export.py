"""A generated retail export shaped like a real ERP's (issue #11): customer and product codes are numbers
(12415, 85123), amount = quantity x unit price, returns are negative quantities, and there is no account
manager, cost or profit column. Made from random.Random(42), never from files on disk.

Customers, by how they buy (as_of = the last invoice date, 2024-12-09):
- steady: every 15-40 days for two years (ok, or a warning when a gap happens to be long);
- stopped: bought every ~30 days, stopped 100-250 days before as_of (high risk: overdue, nothing recently);
- slowing: every ~20 days, the last quarter at a fraction of the quarters before (medium or high by decline);
- lost: last bought 400+ days before as_of, a return inside the window (a negative net in the window);
- surging: a few pounds a quarter, then a big order 30 days ago (a rise of thousands of percent).
"""

from __future__ import annotations

import csv
import io
import random
from datetime import date, timedelta

AS_OF = date(2024, 12, 9)
HEADER = ["InvoiceNo", "StockCode", "Quantity", "InvoiceDate", "UnitPrice", "CustomerID"]
PRODUCTS = [85123, 71053, 84406, 22752, 21730, 22633, 84029, 22960, 21754, 84879, 22423, 47566]
KINDS = {"steady": 24, "stopped": 8, "slowing": 6, "lost": 4, "surging": 2}


def _customers(r: random.Random) -> dict[int, str]:
    ids = r.sample(range(12346, 18288), sum(KINDS.values()))
    kinds = [kind for kind, n in KINDS.items() for _ in range(n)]
    return dict(zip(ids, kinds))


def _purchase_days(r: random.Random, kind: str) -> list[tuple[int, float]]:
    """(days before as_of, order size factor) per purchase."""
    if kind == "steady":
        days, d = [], 0
        while d < 730:
            days.append((d, 1.0))
            d += r.randint(15, 40)
        return days
    if kind == "stopped":
        start = r.randint(100, 250)
        return [(start + 30 * i + r.randint(0, 5), 1.0) for i in range(12)]
    if kind == "slowing":
        return [(d, 1.0 if d >= 90 else 0.25) for d in range(r.randint(0, 10), 600, 20)]
    if kind == "lost":
        return [(r.randint(400, 700), 1.0) for _ in range(5)]
    return [(d, 0.02) for d in (300, 200, 120)] + [(30, 40.0)]  # surging


def rows(cut_days: int = 0) -> list[list[str]]:
    """The export's data rows; cut_days > 0 leaves out the last cut_days (an earlier week's export)."""
    r = random.Random(42)
    out: list[list[str]] = []
    invoice = 536365
    weights = [1 / (i + 1) for i in range(len(PRODUCTS))]  # a few products sell most: a long tail of products
    for customer, kind in _customers(r).items():
        size = r.choice([1, 2, 3, 6, 12, 24, 48])  # some big customers, many small ones
        for days_before, factor in _purchase_days(r, kind):
            if days_before < cut_days:
                continue
            invoice += 1
            day = (AS_OF - timedelta(days=days_before)).isoformat()
            for product in dict.fromkeys(r.choices(PRODUCTS, weights=weights, k=r.randint(1, 3))):
                quantity = max(1, round(size * factor * r.randint(1, 4)))
                price = f"{r.choice([0.85, 1.25, 2.55, 4.95, 7.95]):.2f}"
                out.append([str(invoice), str(product), str(quantity), day, price, str(customer)])
        if kind == "lost":  # a return inside the window: the window nets below zero
            invoice += 1
            day = (AS_OF - timedelta(days=r.randint(60, 200))).isoformat()
            out.append([f"C{invoice}", str(PRODUCTS[0]), "-5", day, "2.55", str(customer)])
    # the export runs to as_of: one steady customer's order on that day fixes as_of for every cut
    out.append(
        [str(invoice + 1), str(PRODUCTS[1]), "1", (AS_OF - timedelta(days=cut_days)).isoformat(), "1.25", "12346"]
    )
    return out


def csv_bytes(cut_days: int = 0, names: dict[str, str] | None = None) -> bytes:
    """The export as a UTF-8 CSV; with names, a CustomerName column beside CustomerID."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(HEADER + (["CustomerName"] if names is not None else []))
    for row in rows(cut_days):
        writer.writerow(row + ([names.get(row[-1], f"客户{row[-1]}")] if names is not None else []))
    return out.getvalue().encode("utf-8")


def customer_ids() -> list[str]:
    return [str(c) for c in _customers(random.Random(42))]
