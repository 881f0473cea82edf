"""Issue #11 (tables leftovers, items 2 and 3): the bridge's waterfall measures from 0 with every label the same
size, and one line under it says how its new − lost relates to the weekly review's change in active customers."""

from __future__ import annotations

import os
from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path

from app_run import open_page, plots

from core import ingest, store, workspace
from ui import bridge_view

PAGE = "views/changes.py"


def _bridge(before: str, new: str, grown: str, steady: str, shrunk: str, lost: str, counts=None) -> dict:
    parts = {p: Decimal(v) for p, v in zip(bridge_view.WATERFALL, (new, grown, steady, shrunk, lost))}
    total = sum(parts.values(), Decimal(0))
    return {
        **parts,
        "before_total": Decimal(before),
        "after_total": Decimal(before) + total,
        "total_change": total,
        "customers_count": counts or dict.fromkeys(bridge_view.WATERFALL, 0),
    }


# the sample's shape: two large totals, parts a tenth of them, nothing steady
LARGE = _bridge("159547973.74", "13859728.59", "64568206.16", "0", "-13647352.35", "-4176460.94")


def test_the_waterfall_axis_starts_at_zero_when_every_level_is_positive():
    fig = bridge_view.waterfall(LARGE, "before", "after", "title")
    bottom, top = fig.layout.yaxis.range
    assert bottom == 0.0
    # the highest level, 159,547,973.74 + 13,859,728.59 + 64,568,206.16 = 237,975,908.49, with room for its label
    assert top > 237_975_908.49


def test_a_level_below_zero_stays_on_the_axis():
    # 100 then −300 lost: the running level reaches −200
    fig = bridge_view.waterfall(_bridge("100", "0", "0", "0", "0", "-300"), "before", "after", "title")
    bottom, top = fig.layout.yaxis.range
    assert bottom < -200 and top > 100


def test_totals_carry_their_label_inside_and_parts_above_their_bar_all_one_size():
    fig = bridge_view.waterfall(LARGE, "before", "after", "title")
    bars = fig.data[0]
    assert list(bars.textposition) == ["inside", "outside", "outside", "outside", "outside", "outside", "inside"]
    assert bars.text[3] == "¥0.00"  # steady: no bar, its label on the connector like every other part's
    # plotly shrank each outside label to its own bar's width, so the short "¥0.00" was drawn larger and apart
    assert fig.layout.uniformtext.mode == "show"


def test_new_minus_lost_equal_to_the_active_change_says_they_agree():
    counts = {"new": 147, "grown": 548, "steady": 2, "shrunk": 445, "lost": 58}
    line = bridge_view.active_line(_bridge("1", "1", "0", "0", "0", "0", counts), 1_000, 911)
    assert "新客户 − 流失 = +89" in line and "相同" in line


def test_new_minus_lost_one_more_than_the_active_change_names_the_difference():
    counts = {"new": 147, "grown": 548, "steady": 2, "shrunk": 445, "lost": 58}
    line = bridge_view.active_line(_bridge("1", "1", "0", "0", "0", "0", counts), 1_000, 912)
    assert "新客户 − 流失 = +89" in line and "变化 +88" in line and "相差的 -1" in line


# hand-made: as_of 2024-12-31, the 365-day window 2024-01-02..2024-12-31, the one before 2023-01-02..2024-01-01.
#   甲 bought in both windows (steady); 乙 only before (lost); 丙 only now (new);
#   丁 bought 30 now and returned it: active now (a positive line) but netted 0, so neither new nor lost.
# active: before 甲 乙 = 2, now 甲 丙 丁 = 3, +1; new − lost = 1 − 1 = 0; the one between them is 丁.
ORDERS = (
    "客户,订单日期,金额\n"
    "甲,2023-01-03,100\n"
    "乙,2023-06-01,50\n"
    "甲,2024-12-31,100\n"
    "丙,2024-06-01,80\n"
    "丁,2024-03-01,30\n"
    "丁,2024-03-05,-30\n"
)


def test_the_changes_page_relates_the_bridge_counts_to_the_active_customers_by_the_one_who_netted_zero():
    con = store.connect()
    report = ingest.load_file(con, ORDERS.encode("utf-8"), "orders.csv")
    workspace.save_dataset(
        Path(os.environ["KA_WORKSPACE"]), con, {"orders": report}, "w", uploaded_at=datetime(2025, 1, 2, tzinfo=UTC)
    )
    at = open_page(PAGE)
    bars = next(p for p in plots(at) if p["data"][0]["type"] == "waterfall")["data"][0]
    assert bars["text"][1] == "+¥80.00" and bars["text"][5] == "-¥50.00"  # 丙 new, 乙 lost
    line = next(c.value for c in at.caption if "新客户 − 流失" in c.value)
    assert "新客户 − 流失 = +0" in line and "变化 +1" in line and "相差的 +1" in line


def test_every_label_lies_flat_even_a_total_wider_than_its_bar():
    # at 1366 px plotly turned "¥159,547,973.74" inside a total's bar on its side ("auto" angle)
    assert bridge_view.waterfall(LARGE, "before", "after", "title").data[0].textangle == 0
