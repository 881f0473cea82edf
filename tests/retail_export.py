"""A generated export in the public "Online Retail" shape (issue #11): InvoiceNo, StockCode (numeric codes),
Description, Quantity, InvoiceDate as US m/d/yyyy h:mm, UnitPrice, CustomerID (numeric), Country. No amount
column: amount = quantity x unit price. Made from random.Random(42), never from files on disk."""

from __future__ import annotations

import csv
import io
import random
from datetime import datetime, timedelta

HEADER = ["InvoiceNo", "StockCode", "Description", "Quantity", "InvoiceDate", "UnitPrice", "CustomerID", "Country"]
PRODUCTS = {
    "85123": "WHITE HANGING HEART T-LIGHT HOLDER",
    "71053": "WHITE METAL LANTERN",
    "84406": "CREAM CUPID HEARTS COAT HANGER",
    "22752": "SET 7 BABUSHKA NESTING BOXES",
    "21730": "GLASS STAR FROSTED T-LIGHT HOLDER",
    "22633": "HAND WARMER UNION JACK",
}
COUNTRIES = ["United Kingdom", "France", "Germany", "EIRE", "Norway"]
START = datetime(2010, 12, 1, 8, 26)


def rows(n: int = 60) -> list[list[str]]:
    r = random.Random(42)
    out = []
    for i in range(n):
        code = r.choice(list(PRODUCTS))
        when = START + timedelta(days=r.randint(0, 300), minutes=r.randint(0, 600))
        out.append(
            [
                str(536365 + i // 3),
                code,
                PRODUCTS[code],
                str(r.randint(1, 24)),
                f"{when.month}/{when.day}/{when.year} {when.hour}:{when.minute:02d}",
                r.choice(["2.55", "3.39", "7.65", "4.25", "1.85"]),
                str(r.randint(12346, 18287)),
                r.choice(COUNTRIES),
            ]
        )
    return out


def csv_bytes(n: int = 60) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(HEADER)
    writer.writerows(rows(n))
    return out.getvalue().encode()
