"""Order CSVs of any size, written in chunks of 1,000,000 lines (a 50M-line file never sits in memory), in two shapes.

Example: python bench/make_scale.py --lines 10000000 --shape bench --out /tmp/ka-scale
         python bench/make_scale.py --lines 1000000 --shape erp --out /tmp/ka-scale

- bench: make_orders.py's columns (订单编号, 订单日期 as 2024-01-05, 客户名称, 大区, 客户经理, 产品名称, 数量, 单价,
  金额), 20,000 customers, the lines of an order together.
- erp: another export: 13 columns (单据编号, 单据日期 as 2024/1/5, 客户编码, 客户全称, 销售部门, 行业, 省份, 城市,
  物料名称, 数量, 含税单价, 价税合计, 成本), 3,000 customers keyed by code, lines shuffled (no order at all).

Both: 24 months (2023-2024), Pareto-like customer sizes, some customers starting late or stopping early, ~2%
return lines; numpy default_rng(42) for the customers and (42, chunk) per chunk, so a file comes out the same
every time. `--columns` prints the pandas baseline's --column flags for a shape.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import sys
import time

import numpy as np

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from make_orders import _BRANDS, _GIVEN, _PLACES, _PRODUCTS, _REGIONS, _SURNAMES, _TRADES, _short

START = dt.date(2023, 1, 1)
DAYS = (dt.date(2024, 12, 31) - START).days + 1
CHUNK = 1_000_000
SHAPES = {
    "bench": {
        "customers": 20_000,
        "headers": ["订单编号", "订单日期", "客户名称", "大区", "客户经理", "产品名称", "数量", "单价", "金额"],
        # the pandas baseline's columns: order_id, order_date, customer, amount
        "baseline": {"order_id": "订单编号", "order_date": "订单日期", "customer": "客户名称", "amount": "金额"},
    },
    "erp": {
        "customers": 3_000,
        "headers": [
            "单据编号",
            "单据日期",
            "客户编码",
            "客户全称",
            "销售部门",
            "行业",
            "省份",
            "城市",
            "物料名称",
            "数量",
            "含税单价",
            "价税合计",
            "成本",
        ],
        "baseline": {"order_id": "单据编号", "order_date": "单据日期", "customer": "客户编码", "amount": "价税合计"},
    },
}
_PROVINCES = ["上海", "北京", "广东", "浙江", "江苏", "四川", "湖北", "陕西", "山东", "福建", "辽宁", "河南"]
_INDUSTRIES = ["制造", "电子", "化工", "医疗", "汽车", "能源", "食品", "物流"]
_TEAMS = ["华东一部", "华东二部", "华北部", "华南部", "西南部", "大客户部"]


class Customers:
    """The customers of a file and what each one is like, from default_rng(42)."""

    def __init__(self, count: int) -> None:
        rng = np.random.default_rng(42)
        combos = np.array([p + b + t + "有限公司" for p in _PLACES for b in _BRANDS for t in _TRADES])
        self.count = count
        self.names = rng.choice(combos, size=count, replace=False)
        self.codes = np.char.add("KH", np.char.zfill(np.arange(1, count + 1).astype(str), 6))
        weight = rng.pareto(1.2, count) + 0.05
        self.p = weight / weight.sum()
        self.first_day = np.where(rng.random(count) < 0.25, rng.integers(0, DAYS - 30, count), 0)
        self.last_day = np.where(rng.random(count) < 0.3, rng.integers(self.first_day + 30, DAYS + 1), DAYS)
        self.region = rng.integers(0, len(_REGIONS), count)
        managers = np.array([s + g for s in _SURNAMES for g in _GIVEN])[rng.choice(320, 60, replace=False)]
        self.manager = managers[rng.integers(0, len(managers), count)]
        self.team = rng.integers(0, len(_TEAMS), count)
        self.industry = rng.integers(0, len(_INDUSTRIES), count)
        self.province = rng.integers(0, len(_PROVINCES), count)
        self.price_level = rng.uniform(20, 2000, len(_PRODUCTS)).round(2)


def chunk(customers: Customers, lines: int, first_order: int, seed: int) -> tuple[dict, int]:
    """`lines` order lines (orders of 1-6 lines, one customer and day each), numbered from first_order; and the
    next order number."""
    rng = np.random.default_rng([42, seed])
    sizes = rng.integers(1, 7, lines // 2 + 1)
    sizes = sizes[: np.searchsorted(np.cumsum(sizes), lines) + 1]
    sizes[-1] -= sizes.sum() - lines
    orders = len(sizes)
    who = rng.choice(customers.count, size=orders, p=customers.p)
    span = customers.last_day[who] - customers.first_day[who]
    day = customers.first_day[who] + (rng.random(orders) * span).astype(np.int64)
    line_order = np.repeat(np.arange(orders), sizes)
    cust = who[line_order]
    product = rng.integers(0, len(_PRODUCTS), lines)
    quantity = rng.integers(1, 101, lines)
    unit_price = (customers.price_level[product] * rng.uniform(0.85, 1.15, lines)).round(2)
    quantity = np.where(rng.random(lines) < 0.02, -rng.integers(1, 11, lines), quantity)
    cents = np.rint(quantity * unit_price * 100).astype(np.int64)
    cost_cents = np.rint(cents * rng.uniform(0.55, 0.9, lines)).astype(np.int64)
    columns = {
        "order": line_order + first_order,
        "date": np.datetime64(START, "D") + day[line_order],
        "cust": cust,
        "product": product,
        "quantity": quantity,
        "unit_price": unit_price,
        "cents": cents,
        "cost_cents": cost_cents,
    }
    return columns, first_order + orders


def frame(shape: str, customers: Customers, c: dict, rng: np.random.Generator):
    import pandas as pd

    dates = pd.Series(c["date"])
    cust = c["cust"]
    if shape == "bench":
        out = pd.DataFrame(
            {
                "订单编号": np.char.add("SO", c["order"].astype(str)),
                "订单日期": dates.dt.strftime("%Y-%m-%d"),
                "客户名称": customers.names[cust],
                "大区": np.array(_REGIONS)[customers.region[cust]],
                "客户经理": customers.manager[cust],
                "产品名称": np.array(_PRODUCTS)[c["product"]],
                "数量": c["quantity"],
                "单价": c["unit_price"],
                "金额": c["cents"] / 100,
            }
        )
        return out
    d = dates.dt
    out = pd.DataFrame(
        {
            "单据编号": np.char.add("XS-", c["order"].astype(str)),
            "单据日期": d.year.astype(str) + "/" + d.month.astype(str) + "/" + d.day.astype(str),
            "客户编码": customers.codes[cust],
            "客户全称": customers.names[cust],
            "销售部门": np.array(_TEAMS)[customers.team[cust]],
            "行业": np.array(_INDUSTRIES)[customers.industry[cust]],
            "省份": np.array(_PROVINCES)[customers.province[cust]],
            "城市": np.array(_PLACES)[customers.province[cust] * 2 % len(_PLACES)],
            "物料名称": np.array(_PRODUCTS)[c["product"]],
            "数量": c["quantity"],
            "含税单价": c["unit_price"],
            "价税合计": c["cents"] / 100,
            "成本": c["cost_cents"] / 100,
        }
    )
    return out.iloc[rng.permutation(len(out))]  # shuffled: the export's rows in no order


def write(path: str, shape: str, lines: int) -> None:
    customers = Customers(SHAPES[shape]["customers"])
    next_order = 100001
    with open(path, "w", encoding="utf-8", newline="") as fh:
        for i, start in enumerate(range(0, lines, CHUNK)):
            c, next_order = chunk(customers, min(CHUNK, lines - start), next_order, i)
            part = frame(shape, customers, c, np.random.default_rng([7, i]))
            part.to_csv(fh, index=False, header=i == 0, float_format="%.2f", lineterminator="\n")


def repeat(source: str, path: str, times: int) -> None:
    """`source` (a bench-shape file) written `times` times over, the k-th copy's order ids starting S<k> instead
    of SO (SA..., SB...): no line repeats another, and the copies' orders stay apart. A 50M-line file this way
    takes a minute or two of disk instead of an hour of generating on a busy box; each customer's history is
    its 10M-line history five times over, on the same days."""
    with open(path, "wb") as out:
        for k in range(times):
            with open(source, "rb") as fh:
                header = fh.readline()
                if k == 0:
                    out.write(header)
                tail = b""
                while block := fh.read(64 * 1024 * 1024):
                    block = tail + block
                    cut = block.rfind(b"\n") + 1
                    block, tail = block[:cut], block[cut:]
                    mark = b"\nS" + bytes([ord("A") + k])  # every block starts a line
                    out.write(block if k == 0 else (b"\n" + block).replace(b"\nSO", mark)[1:])
                if tail:  # a last line without its newline
                    out.write(tail + b"\n")


def path_for(out: str, shape: str, lines: int) -> str:
    return os.path.join(out, f"{shape}_{_short(lines)}.csv")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lines", type=int, default=1_000_000)
    parser.add_argument("--shape", choices=sorted(SHAPES), default="bench")
    parser.add_argument("--out", default="/tmp/ka-scale")
    parser.add_argument("--repeat-of", metavar="CSV", help="write this bench-shape file --times times over instead")
    parser.add_argument("--times", type=int, default=5)
    args = parser.parse_args()
    os.makedirs(args.out, exist_ok=True)
    path = path_for(args.out, args.shape, args.lines)
    started = time.perf_counter()
    if args.repeat_of:
        repeat(args.repeat_of, path, args.times)
    else:
        write(path, args.shape, args.lines)
    print(f"{path}: {args.lines} lines, {time.perf_counter() - started:.1f} s")


if __name__ == "__main__":
    main()
