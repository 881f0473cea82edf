"""What changed between two snapshots: each figure worked out by hand (see weekly_files.py for the weeks)."""

from datetime import UTC, date, datetime

import pytest
import weekly_files

from core import ingest, store, workspace
from core.changes import changes, dataset_changes, trend
from core.filters import Filters
from core.workspace import WorkspaceError


def snapshot(*rows, pipeline=None):
    """A connection with orders (customer, order_date, amount[, region]) and an optional pipeline."""
    con = store.connect()
    text = "客户,日期,金额,区域\n" + "".join(f"{r[0]},{r[1]},{r[2]},{r[3] if len(r) > 3 else ''}\n" for r in rows)
    ingest.load_file(con, text.encode(), "orders.csv")
    if pipeline:
        text = "商机编号,客户,阶段\n" + "".join(",".join(p) + "\n" for p in pipeline)
        ingest.load_file(con, text.encode(), "pipeline.csv", table="pipeline")
    return con


@pytest.fixture(scope="module")
def weekly():
    con_1, _ = weekly_files.loaded(1)
    con_2, _ = weekly_files.loaded(2)
    return changes(con_1, con_2)


def test_weekly_tier_moves_are_the_hand_computed_ones(weekly):
    result = [(m["customer"], m["from_tier"], m["to_tier"]) for m in weekly["tier_moves"]]
    expected = [("丁", "B", "A"), ("丙", "A", "B"), ("戊", "C", "B"), ("己", None, "C")]
    assert result == expected


def test_new_a_customer_is_the_one_that_moved_into_a(weekly):
    assert [m["customer"] for m in weekly["new_a_customers"]] == ["丁"]


def test_each_snapshot_is_read_at_its_own_as_of(weekly):
    assert (weekly["from"]["as_of"], weekly["to"]["as_of"]) == ("2024-06-30", "2024-07-12")


def test_overdue_regular_buyer_is_a_new_warning_with_its_reason(weekly):
    [warning] = weekly["new_warnings"]
    assert (warning["customer"], warning["level"], warning["from_level"]) == ("乙", "medium", "ok")
    assert warning["reason_en"] == "2.4× past its usual 5-day cycle"  # 12 days since 06-30 / 5-day cycle
    assert warning["revenue_at_risk"] == 300.0


def test_customer_who_bought_again_clears_its_warning(weekly):
    result = [(w["customer"], w["level"]) for w in weekly["cleared_warnings"]]
    assert result == [("戊", "high")]  # 112 days / 30-day cycle = 3.7 overdue, then a purchase on 07-10


def test_revenue_change_by_tier_uses_each_weeks_own_tiers(weekly):
    result = [
        (r["tier"], r["from_net_revenue"], r["to_net_revenue"], r["change"])
        for r in weekly["revenue_change"]["by_tier"]
    ]
    expected = [("A", 920.0, 1380.0, 460.0), ("B", 80.0, 210.0, 130.0), ("C", 50.0, 30.0, -20.0)]
    assert result == expected
    assert weekly["revenue_change"]["total"] == {"from_net_revenue": 1050.0, "to_net_revenue": 1620.0, "change": 570.0}


def test_revenue_change_by_region_and_manager_largest_change_first(weekly):
    by_region = [(r["region"], r["change"]) for r in weekly["revenue_change"]["by_region"]]
    assert by_region == [("华南", 400.0), ("华东", 100.0), ("华北", 70.0)]
    by_manager = [
        (r["account_manager"], r["from_net_revenue"], r["to_net_revenue"])
        for r in weekly["revenue_change"]["by_account_manager"]
    ]
    assert by_manager == [("李四", 200.0, 600.0), ("张三", 800.0, 900.0), ("王五", 50.0, 120.0)]


def test_bridge_splits_the_total_change_into_new_grown_and_steady_customers(weekly):
    bridge = weekly["bridge"]
    # 甲 +100, 丁 +400, 戊 +40 grown; 己 +30 new; 乙 and 丙 unchanged: steady (weekly_files.py)
    result = {k: bridge[k] for k in ("new", "lost", "grown", "shrunk", "steady", "total_change")}
    expected = {"new": 30, "lost": 0, "grown": 540, "shrunk": 0, "steady": 0, "total_change": 570}
    assert result == expected
    assert bridge["customers_count"] == {"new": 1, "lost": 0, "grown": 3, "shrunk": 0, "steady": 2}
    assert float(bridge["total_change"]) == weekly["revenue_change"]["total"]["change"]


def test_bridge_by_tier_counts_a_customer_in_its_earlier_tier_and_a_new_one_in_its_later(weekly):
    # earlier tiers: 甲 A +100, 乙 and 丙 A 0, 丁 B +400, 戊 C +40; 己 is new, C in week 2: +30
    result = {r["tier"]: (r["grown"], r["new"], r["total_change"]) for r in weekly["bridge"]["by_tier"]}
    assert result == {"A": (100, 0, 100), "B": (400, 0, 400), "C": (40, 30, 70)}


def test_new_customer_appears_and_none_is_lost(weekly):
    assert [c["customer"] for c in weekly["new_customers"]] == ["己"]
    assert weekly["lost_customers"] == []


def test_funnel_reached_win_rate_and_deals_that_moved_stage(weekly):
    funnel = weekly["funnel"]
    result = [(s["stage"], s["from_reached"], s["to_reached"]) for s in funnel["stages"]]
    # reached: won ones reached every stage, a lost one without lost_stage only the first
    assert result == [("线索", 4, 5), ("方案", 2, 3), ("赢单", 1, 2)]
    assert funnel["win_rate"]["from"] == 0.5 and funnel["win_rate"]["to"] == pytest.approx(2 / 3)
    assert funnel["win_rate"]["change"] == pytest.approx(2 / 3 - 1 / 2)
    moves = [(m["opportunity_id"], m["from_stage"], m["to_stage"]) for m in funnel["stage_moves"]]
    assert moves == [("O1", "线索", "方案"), ("O2", "方案", "赢单")]


def test_customer_missing_from_one_side_has_tier_null_there():
    old = snapshot(("甲", "2024-06-01", 100), ("乙", "2024-06-01", 100))
    new = snapshot(("甲", "2024-06-08", 100))
    result = changes(old, new)
    assert [(m["customer"], m["from_tier"], m["to_tier"]) for m in result["tier_moves"]] == [("乙", "A", None)]
    assert [c["customer"] for c in result["lost_customers"]] == ["乙"]
    assert result["cleared_warnings"] == []  # gone from the data is not "came back"


def test_customer_with_no_order_in_the_window_is_tier_c_not_null():
    # 乙's only order is more than 365 days before the new as_of: present, no revenue in the window
    old = snapshot(("甲", "2024-06-01", 100), ("乙", "2024-06-01", 100))
    new = snapshot(("甲", "2025-06-08", 100), ("乙", "2024-06-01", 100))
    result = changes(old, new)
    moves = {m["customer"]: (m["from_tier"], m["to_tier"]) for m in result["tier_moves"]}
    assert moves == {"乙": ("A", "C")}
    assert [c["customer"] for c in result["lost_customers"]] == ["乙"]


def test_unchanged_snapshots_have_no_changes():
    rows = [("甲", "2024-06-01", 300), ("乙", "2024-05-01", 100)]
    result = changes(snapshot(*rows), snapshot(*rows))
    assert (result["tier_moves"], result["new_warnings"], result["cleared_warnings"]) == ([], [], [])
    assert all(r["change"] == 0 for r in result["revenue_change"]["by_tier"])
    assert result["funnel"] is None  # no pipeline on either side


def test_warning_that_worsens_is_escalated_not_new():
    # 200 days after its one purchase 甲 has no revenue in the last 90 days: decline 100%, high;
    # 375 days after it, more than a year: lost
    old = snapshot(("甲", "2024-01-01", 100), ("乙", "2024-07-19", 5))
    new = snapshot(("甲", "2024-01-01", 100), ("乙", "2025-01-10", 5))
    result = changes(old, new)
    assert result["new_warnings"] == []
    assert [(w["customer"], w["from_level"], w["level"]) for w in result["escalated_warnings"]] == [
        ("甲", "high", "lost")
    ]


def test_as_of_passed_for_each_side_overrides_the_latest_order_date():
    con = snapshot(("甲", "2024-01-01", 100), ("乙", "2024-06-01", 100))
    result = changes(con, con, as_of_from=date(2024, 3, 1), as_of_to=date(2024, 6, 1))
    assert [(m["customer"], m["from_tier"], m["to_tier"]) for m in result["tier_moves"]] == [("乙", None, "A")]


def test_filters_apply_to_both_sides():
    old = snapshot(("甲", "2024-06-01", 100, "华东"), ("乙", "2024-06-01", 100, "华南"))
    new = snapshot(
        ("甲", "2024-06-01", 100, "华东"), ("乙", "2024-06-01", 900, "华南"), ("丙", "2024-06-01", 5, "华南")
    )
    result = changes(old, new, Filters(region=("华东",)))
    assert result["tier_moves"] == [] and result["new_customers"] == []


def test_pipeline_on_one_side_only_gives_its_funnel_and_no_rate_change():
    old = snapshot(("甲", "2024-06-01", 100))
    new = snapshot(("甲", "2024-06-01", 100), pipeline=[("1", "甲", "赢单"), ("2", "乙", "输单")])
    funnel = changes(old, new)["funnel"]
    assert funnel["win_rate"] == {"from": None, "to": 0.5, "change": None}
    assert [s["from_reached"] for s in funnel["stages"]] == [None] * len(funnel["stages"])


# ---- saved datasets --------------------------------------------------------------------------------

UPLOADED_AT = datetime(2024, 7, 15, tzinfo=UTC)


@pytest.fixture
def two_weeks(tmp_path):
    for week in (1, 2):
        con, reports = weekly_files.loaded(week)
        workspace.save_dataset(tmp_path, con, reports, f"week-{week}", uploaded_at=UPLOADED_AT)
    return tmp_path


def test_dataset_changes_default_to_the_two_latest(two_weeks):
    con, reports = weekly_files.loaded(1)
    workspace.save_dataset(two_weeks, con, reports, "backfill", as_of=date(2024, 1, 31))  # older data, newest upload
    result = dataset_changes(two_weeks)
    assert (result["from"]["label"], result["to"]["label"]) == ("week-1", "week-2")
    assert set(result["from"]) == {"id", "label", "source", "uploaded_at", "as_of", "rows_loaded"}
    assert len(result["tier_moves"]) == 4


def test_dataset_changes_by_label_or_id_either_way_round(two_weeks):
    result = dataset_changes(two_weeks, from_ref="week-2", to_ref="1")
    assert next((m["customer"], m["from_tier"], m["to_tier"]) for m in result["tier_moves"]) == ("丙", "B", "A")


def test_dataset_changes_without_a_pipeline_id_column_lists_no_stage_moves(tmp_path):
    for week in (1, 2):
        con = store.connect()
        orders = ingest.load_file(con, weekly_files.orders_csv(week), "o.csv")
        text = "客户,阶段\n" + "".join(f"{c},{s}\n" for _, c, s in weekly_files.PIPELINE[week])
        pipeline = ingest.load_file(con, text.encode(), "p.csv", table="pipeline")
        workspace.save_dataset(tmp_path, con, [orders, pipeline])
    result = dataset_changes(tmp_path)
    assert result["funnel"]["stage_moves"] == []  # row numbers do not follow a deal from week to week
    assert result["funnel"]["win_rate"]["to"] == pytest.approx(2 / 3)


def test_one_dataset_is_not_enough_to_compare(tmp_path):
    con, reports = weekly_files.loaded(1)
    workspace.save_dataset(tmp_path, con, reports)
    with pytest.raises(WorkspaceError) as raised:
        dataset_changes(tmp_path)
    assert "Two datasets are needed" in raised.value.message("en")


def test_trend_has_one_point_per_dataset_in_as_of_order(two_weeks):
    result = [(p["label"], p["a_customers_count"], p["revenue_at_risk"], p["win_rate"]) for p in trend(two_weeks)]
    expected = [("week-1", 3, 50.0, 0.5), ("week-2", 3, 300.0, pytest.approx(2 / 3))]
    assert result == expected
    a_share = [p["a_revenue_share"] for p in trend(two_weeks)]
    assert a_share == [pytest.approx(920 / 1050), pytest.approx(1380 / 1620)]
