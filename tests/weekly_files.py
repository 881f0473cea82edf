"""Two weekly ERP exports whose changes are worked out by hand (issue #6), for the workspace tests.

The week-2 export repeats week 1 and adds the orders of 2024-07-01..12 (a cumulative export, as ERPs do).

Week 1 (as_of 2024-06-30), net revenue: 甲 500, 乙 300, 丙 120, 丁 80, 戊 50 = 1050.
    cum_before: 甲 0 A, 乙 500/1050=.476 A, 丙 800/1050=.762 A, 丁 920/1050=.876 B, 戊 1000/1050=.952 C
Week 2 (as_of 2024-07-12): 甲 600, 丁 480, 乙 300, 丙 120, 戊 90, 己 30 = 1620.
    cum_before: 甲 0 A, 丁 600/1620=.370 A, 乙 1080/1620=.667 A, 丙 1380/1620=.852 B, 戊 1500/1620=.926 B,
    己 1590/1620=.981 C
Tier moves: 丙 A->B, 丁 B->A, 戊 C->B, 己 null->C. New A customer: 丁.
Churn: 乙 buys every 5 days (06-20, 06-25, 06-30): ok at 06-30, medium at 07-12 (12 / 5 = 2.4 cycles overdue).
    戊 bought every 30 days until 03-10: high at 06-30 (112 / 30 = 3.7); it buys again 07-10: ok at 07-12.
Revenue by tier: A 920 -> 1380, B 80 -> 210, C 50 -> 30. By region: 华东 800 -> 900, 华南 200 -> 600,
    华北 50 -> 120. By manager: 张三 800 -> 900, 李四 200 -> 600, 王五 50 -> 120.
Pipeline: O1 线索 -> 方案, O2 方案 -> 赢单, O3 赢单, O4 输单, O5 new (线索). Win rate 1/2 -> 2/3.
"""

from __future__ import annotations

from pathlib import Path

from core import ingest, store

REGION = {"甲": "华东", "乙": "华东", "丙": "华南", "丁": "华南", "戊": "华北", "己": "华北"}
MANAGER = {"甲": "张三", "乙": "张三", "丙": "李四", "丁": "李四", "戊": "王五", "己": "王五"}

WEEK_1_ORDERS = [
    ("戊", "2024-01-10", "20"),
    ("戊", "2024-02-09", "15"),
    ("戊", "2024-03-10", "15"),
    ("甲", "2024-05-15", "500"),
    ("丙", "2024-06-01", "120"),
    ("丁", "2024-06-15", "80"),
    ("乙", "2024-06-20", "100"),
    ("乙", "2024-06-25", "100"),
    ("乙", "2024-06-30", "100"),
]
WEEK_2_ORDERS = WEEK_1_ORDERS + [
    ("丁", "2024-07-05", "400"),
    ("己", "2024-07-08", "30"),
    ("戊", "2024-07-10", "40"),
    ("甲", "2024-07-12", "100"),
]
WEEK_1_PIPELINE = [("O1", "甲", "线索"), ("O2", "乙", "方案"), ("O3", "丙", "赢单"), ("O4", "丁", "输单")]
WEEK_2_PIPELINE = [
    ("O1", "甲", "方案"),
    ("O2", "乙", "赢单"),
    ("O3", "丙", "赢单"),
    ("O4", "丁", "输单"),
    ("O5", "己", "线索"),
]

ORDERS = {1: WEEK_1_ORDERS, 2: WEEK_2_ORDERS}
PIPELINE = {1: WEEK_1_PIPELINE, 2: WEEK_2_PIPELINE}


def orders_csv(week: int) -> bytes:
    lines = ["客户名称,订单日期,金额,区域,客户经理"]
    lines += [f"{c},{d},{a},{REGION[c]},{MANAGER[c]}" for c, d, a in ORDERS[week]]
    return ("\n".join(lines) + "\n").encode("utf-8")


def pipeline_csv(week: int) -> bytes:
    lines = ["商机编号,客户,阶段"] + [",".join(row) for row in PIPELINE[week]]
    return ("\n".join(lines) + "\n").encode("utf-8")


def write(tmp_path: Path, week: int) -> tuple[Path, Path]:
    """week-N orders and pipeline CSV files in tmp_path."""
    orders, pipeline = tmp_path / f"orders_week{week}.csv", tmp_path / f"pipeline_week{week}.csv"
    orders.write_bytes(orders_csv(week))
    pipeline.write_bytes(pipeline_csv(week))
    return orders, pipeline


def loaded(week: int, *, with_pipeline: bool = True):
    """(connection, {table: IngestReport}) with week N loaded."""
    con = store.connect()
    reports = {"orders": ingest.load_file(con, orders_csv(week), f"orders_week{week}.csv")}
    if with_pipeline:
        reports["pipeline"] = ingest.load_file(con, pipeline_csv(week), f"pipeline_week{week}.csv", table="pipeline")
    return con, reports
