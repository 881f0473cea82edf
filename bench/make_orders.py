"""Generate the benchmark order files, deterministically (numpy default_rng(42)).

Example: python bench/make_orders.py            # bench/out/orders_1m.csv and bench/out/orders_100k.xlsx
         python bench/make_orders.py --csv-lines 20000 --xlsx-lines 5000 --out /tmp/small

(a) a CSV (UTF-8, Chinese headers) and (b) an .xlsx with the same columns, real Excel dates and
numbers stored as numbers. 24 months of orders, a Pareto-like spread of customer sizes, customers
who start late or stop early (so every churn level and lifecycle occurs), ~2% of lines returns.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import time

import numpy as np

HEADERS = ["订单编号", "订单日期", "客户名称", "大区", "客户经理", "产品名称", "数量", "单价", "金额"]
START = dt.date(2023, 1, 1)
DAYS = (dt.date(2024, 12, 31) - START).days + 1  # 24 months
RETURN_SHARE = 0.02

_PLACES = [
    "上海",
    "北京",
    "广州",
    "深圳",
    "杭州",
    "南京",
    "苏州",
    "成都",
    "重庆",
    "武汉",
    "西安",
    "天津",
    "长沙",
    "郑州",
    "青岛",
    "宁波",
    "厦门",
    "福州",
    "合肥",
    "济南",
    "沈阳",
    "大连",
    "昆明",
    "无锡",
    "佛山",
    "东莞",
    "常州",
    "温州",
    "嘉兴",
    "绍兴",
]
_BRANDS = [
    "宏达",
    "华信",
    "恒通",
    "瑞丰",
    "金鼎",
    "远航",
    "新元",
    "永盛",
    "中联",
    "天成",
    "博雅",
    "鑫源",
    "隆基",
    "盛世",
    "鼎力",
    "嘉禾",
    "东方",
    "海纳",
    "润泽",
    "安泰",
    "启明",
    "卓越",
    "汇丰",
    "锦程",
    "晨光",
    "长青",
    "正泰",
    "德信",
    "光大",
    "万通",
    "普惠",
    "诚达",
    "同创",
    "立信",
    "弘毅",
    "聚源",
    "凯旋",
    "明辉",
    "华宇",
    "振兴",
]
_TRADES = [
    "机械",
    "电子",
    "化工",
    "科技",
    "贸易",
    "物流",
    "建材",
    "医疗器械",
    "食品",
    "纺织",
    "汽车配件",
    "能源",
    "环保",
    "包装",
    "五金",
    "仪器",
    "软件",
    "照明",
    "家居",
    "印刷",
]
_REGIONS = ["华东", "华北", "华南", "华中", "西南", "西北", "东北"]
_SURNAMES = list("王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗")
_GIVEN = ["伟", "芳", "娜", "敏", "静", "磊", "洋", "勇", "军", "杰", "涛", "明", "超", "霞", "平", "刚"]
_PRODUCTS = [
    f"{kind}{model}"
    for kind in [
        "伺服电机",
        "控制器",
        "传感器",
        "变频器",
        "减速机",
        "工业相机",
        "PLC模块",
        "触摸屏",
        "电源模块",
        "气缸",
    ]
    for model in ["A100", "B200", "C300", "X9"]
]


def generate(lines: int, customers: int, seed: int = 42) -> dict[str, np.ndarray]:
    """Columns of `lines` order lines as numpy arrays; dates as numpy datetime64[D]."""
    rng = np.random.default_rng(seed)
    combos = np.array([p + b + t + "有限公司" for p in _PLACES for b in _BRANDS for t in _TRADES])
    if customers > len(combos):
        raise SystemExit(f"at most {len(combos)} customers")
    names = rng.choice(combos, size=customers, replace=False)
    # customer size: heavy-tailed, so a few customers hold most revenue (Pareto)
    weight = rng.pareto(1.2, customers) + 0.05
    # activity span: most customers buy all along; some start late (new), some stop early (churned)
    first_day = np.where(rng.random(customers) < 0.25, rng.integers(0, DAYS - 30, customers), 0)
    last_day = np.where(rng.random(customers) < 0.3, rng.integers(first_day + 30, DAYS + 1), DAYS)
    region = rng.integers(0, len(_REGIONS), customers)
    managers = np.array([s + g for s in _SURNAMES for g in _GIVEN])[rng.choice(320, 60, replace=False)]
    manager = rng.integers(0, len(managers), customers)
    price_level = rng.uniform(20, 2000, len(_PRODUCTS)).round(2)

    # orders of 1-6 lines; an order belongs to one customer on one day
    order_sizes = rng.integers(1, 7, lines // 2)
    order_sizes = order_sizes[: np.searchsorted(np.cumsum(order_sizes), lines) + 1]
    order_sizes[-1] -= order_sizes.sum() - lines
    orders = len(order_sizes)
    order_customer = rng.choice(customers, size=orders, p=weight / weight.sum())
    span = last_day[order_customer] - first_day[order_customer]
    order_day = first_day[order_customer] + (rng.random(orders) * span).astype(np.int64)

    line_order = np.repeat(np.arange(orders), order_sizes)
    cust = order_customer[line_order]
    product = rng.integers(0, len(_PRODUCTS), lines)
    quantity = rng.integers(1, 101, lines)
    unit_price = (price_level[product] * rng.uniform(0.85, 1.15, lines)).round(2)
    is_return = rng.random(lines) < RETURN_SHARE
    quantity = np.where(is_return, -rng.integers(1, 11, lines), quantity)
    amount_cents = np.rint(quantity * unit_price * 100).astype(np.int64)  # to the cent, as an invoice
    return {
        "订单编号": np.char.add("SO", (line_order + 100001).astype(str)),
        "订单日期": np.datetime64(START, "D") + order_day[line_order],
        "客户名称": names[cust],
        "大区": np.array(_REGIONS)[region[cust]],
        "客户经理": managers[manager[cust]],
        "产品名称": np.array(_PRODUCTS)[product],
        "数量": quantity,
        "单价": unit_price,
        "金额": amount_cents / 100,
    }


def write_csv(columns: dict[str, np.ndarray], path: str) -> None:
    import pandas as pd

    frame = pd.DataFrame(columns)
    frame["订单日期"] = frame["订单日期"].dt.strftime("%Y-%m-%d")
    frame.to_csv(path, index=False, encoding="utf-8", float_format="%.2f")


def write_xlsx(columns: dict[str, np.ndarray], path: str) -> None:
    from openpyxl import Workbook

    wb = Workbook(write_only=True)
    ws = wb.create_sheet("订单明细")
    ws.append(HEADERS)
    dates = columns["订单日期"].astype(dt.date)  # openpyxl stores a date as an Excel serial with a date format
    cols = [columns[h].tolist() if h != "订单日期" else dates.tolist() for h in HEADERS]
    for row in zip(*cols):
        ws.append(row)
    wb.save(path)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", default=os.path.join(os.path.dirname(os.path.abspath(__file__)), "out"))
    parser.add_argument("--csv-lines", type=int, default=1_000_000)
    parser.add_argument("--csv-customers", type=int, default=20_000)
    parser.add_argument("--xlsx-lines", type=int, default=100_000)
    parser.add_argument("--xlsx-customers", type=int, default=5_000)
    args = parser.parse_args()
    os.makedirs(args.out, exist_ok=True)
    for kind, lines, customers in (
        ("csv", args.csv_lines, args.csv_customers),
        ("xlsx", args.xlsx_lines, args.xlsx_customers),
    ):
        if not lines:
            continue
        path = os.path.join(args.out, f"orders_{_short(lines)}.{kind}")
        started = time.perf_counter()
        columns = generate(lines, customers)
        (write_csv if kind == "csv" else write_xlsx)(columns, path)
        print(f"{path}: {lines} lines, {customers} customers, {time.perf_counter() - started:.1f} s")


def _short(n: int) -> str:
    return f"{n // 1_000_000}m" if n % 1_000_000 == 0 else f"{n // 1000}k" if n % 1000 == 0 else str(n)


if __name__ == "__main__":
    main()
