"""A second shape of 1M-line export for bench/app.py (issue #13: measure on more than one generator's files).

Example: python bench/make_export.py                 # bench/out/export_1m.csv (~150 MB), ~20 s
         python bench/make_export.py --lines 20000 --out /tmp/export.csv

Unlike make_orders.py's file: English headers with a customer id and a separate name (15 columns), slash
dates (2024/01/05), three years, 40,000 customers, and the rows grouped by customer rather than by date, as
a CRM's per-account export comes. Still a plain CSV (UTF-8, no quote, no space inside a cell), as ERP and BI
exports usually are. numpy.random.default_rng(7): the same file every time.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import time

import numpy as np
import pandas as pd

HEADERS = [
    "Invoice No",
    "Invoice Date",
    "Customer ID",
    "Customer Name",
    "Region",
    "Province",
    "Industry",
    "Sales Rep",
    "Channel",
    "Product",
    "Category",
    "Qty",
    "Unit Price",
    "Cost",
    "Sales Amount",
]
START = dt.date(2022, 1, 1)
DAYS = 3 * 365
REGIONS = ["East", "North", "South", "West", "Central", "Northeast"]
PROVINCES = ["Jiangsu", "Zhejiang", "Guangdong", "Sichuan", "Hubei", "Shandong", "Henan", "Fujian", "Hebei"]
INDUSTRIES = ["Manufacturing", "Retail", "Logistics", "Healthcare", "Energy", "Education", "Finance"]
CHANNELS = ["Direct", "Distributor", "Online", "Partner"]
CATEGORIES = ["Sensors", "Drives", "Valves", "Cables", "Controllers", "Pumps"]


def make(lines: int, customers: int, seed: int = 7) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    weight = rng.pareto(1.1, customers) + 0.05  # a few large accounts, a long tail
    customer = rng.choice(customers, size=lines, p=weight / weight.sum())
    first = rng.integers(0, DAYS - 30, customers)  # accounts start at different times
    day = first[customer] + (rng.random(lines) * (DAYS - first[customer])).astype(int)
    order = np.lexsort((day, customer))  # grouped by customer, then by date
    customer, day = customer[order], day[order]
    qty = rng.integers(1, 200, lines)
    price = np.round(rng.lognormal(5.5, 0.8, lines), 2)
    sign = np.where(rng.random(lines) < 0.02, -1, 1)  # returns
    amount = np.round(sign * qty * price, 2)
    product = rng.integers(0, 60, lines)
    dates = pd.to_datetime(START) + pd.to_timedelta(day, unit="D")
    return pd.DataFrame(
        {
            "Invoice No": np.char.add("INV", (np.arange(lines) // 3 + 500000).astype(str)),
            "Invoice Date": dates.strftime("%Y/%m/%d"),
            "Customer ID": np.char.add("C", np.char.zfill(customer.astype(str), 6)),
            "Customer Name": np.char.add("客户", customer.astype(str)),
            "Region": np.array(REGIONS)[customer % len(REGIONS)],
            "Province": np.array(PROVINCES)[customer % len(PROVINCES)],
            "Industry": np.array(INDUSTRIES)[customer % len(INDUSTRIES)],
            "Sales Rep": np.char.add("rep", (customer % 90).astype(str)),
            "Channel": np.array(CHANNELS)[rng.integers(0, len(CHANNELS), lines)],
            "Product": np.char.add("P-", product.astype(str)),
            "Category": np.array(CATEGORIES)[product % len(CATEGORIES)],
            "Qty": sign * qty,
            "Unit Price": price,
            "Cost": np.round(np.abs(amount) * 0.7 * sign, 2),
            "Sales Amount": amount,
        }
    )


def main() -> None:
    here = os.path.dirname(os.path.abspath(__file__))
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lines", type=int, default=1_000_000)
    parser.add_argument("--customers", type=int, default=40_000)
    parser.add_argument("--out", default=os.path.join(here, "out", "export_1m.csv"))
    args = parser.parse_args()
    started = time.perf_counter()
    os.makedirs(os.path.dirname(args.out), exist_ok=True)
    make(args.lines, args.customers).to_csv(args.out, index=False, float_format="%.2f", lineterminator="\n")
    print(f"{args.out}: {args.lines} lines, {time.perf_counter() - started:.1f} s")


if __name__ == "__main__":
    main()
