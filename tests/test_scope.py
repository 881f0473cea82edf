"""A scoped user's figures are exactly those of the same data cut down to their scope (issue #12).

Every analysis is run twice: on the whole book with Filters scoped to the user, and on a store holding only
the scope's rows with no scope at all. The two must agree frame for frame; a few figures are also worked
out by hand. The book (as_of 2024-12-31, window 365 days):

    customer  region  manager  order lines (days before as_of: amount)     in the window
    甲        华东    王       10: 500, 40: 300, 400: 200                    800
    乙        华东    李       20: 100, 200: 100                             200
    丙        华南    张       5: 1000, 100: 800                             1800
    丁        华南    王       30: 50                                        50

Pipeline: one opportunity per customer, owned by the customer's manager, in the customer's region.
"""

from __future__ import annotations

import dataclasses
from datetime import date, timedelta
from decimal import Decimal

import duckdb
import pandas as pd
import pytest
from pandas.testing import assert_frame_equal

from core import access, outlook, schema, store, summary, workspace
from core.access import AccessDenied, Scope, User
from core.analytics import (
    abc,
    active,
    bridge,
    churn,
    cohorts,
    customer_funnel,
    customer_profile,
    funnel,
    lifecycle,
    long_tail,
    rfm,
    window,
)
from core.brief.build import brief, data_rows
from core.changes import changes, dataset_changes, trend_point
from core.filters import Filters
from core.ingest import IngestReport, Mapping
from core.workspace import merges

AS_OF = date(2024, 12, 31)
EAST = Scope(regions=("华东",))
WANG = Scope(managers=("王",))
EAST_WANG = Scope(regions=("华东",), managers=("王",))

BOOK = [
    # customer, region, manager, days before as_of, amount, order_id, product
    ("甲", "华东", "王", 10, "500", "A1", "螺丝"),
    ("甲", "华东", "王", 40, "300", "A2", "螺母"),
    ("甲", "华东", "王", 400, "200", "A3", "螺丝"),
    ("乙", "华东", "李", 20, "100", "B1", "螺丝"),
    ("乙", "华东", "李", 200, "100", "B2", "垫片"),
    ("丙", "华南", "张", 5, "1000", "C1", "螺丝"),
    ("丙", "华南", "张", 100, "800", "C2", "螺母"),
    ("丁", "华南", "王", 30, "50", "D1", "垫片"),
]
PIPELINE = [
    # opportunity_id, customer, region, owner, stage, amount
    ("1", "甲", "华东", "王", "赢单", "500"),
    ("2", "乙", "华东", "李", "输单", "100"),
    ("3", "丙", "华南", "张", "赢单", "900"),
    ("4", "丁", "华南", "王", "方案", "60"),
]


def _load(con: duckdb.DuckDBPyConnection, table: str, rows: list[dict]) -> None:
    names = [f.name for f in schema.FIELDS[table]] + ["source_row"]
    frame = pd.DataFrame([{n: r.get(n) for n in names} for r in rows], columns=names, dtype=object)
    con.register("rows_to_load", frame)
    casts = ", ".join(f"cast({f.name} as {schema.SQL_TYPES[f.kind]}) as {f.name}" for f in schema.FIELDS[table])
    con.execute(
        f"insert into {table} by name select {casts}, cast(source_row as bigint) as source_row from rows_to_load"
    )
    con.unregister("rows_to_load")


def book_store(keep=lambda region, manager: True) -> duckdb.DuckDBPyConnection:
    """The book, or only the rows `keep` allows; each row keeps its source_row, as a pre-filtered file would."""
    con = store.connect()
    orders = [
        {
            "customer": c,
            "region": region,
            "account_manager": manager,
            "order_date": AS_OF - timedelta(days=days),
            "amount": Decimal(amount),
            "order_id": order_id,
            "product": product,
            "source_row": i,
        }
        for i, (c, region, manager, days, amount, order_id, product) in enumerate(BOOK, start=1)
        if keep(region, manager)
    ]
    pipeline = [
        {
            "opportunity_id": oid,
            "customer": c,
            "region": region,
            "owner": owner,
            "stage": stage,
            "amount": Decimal(amount),
            "source_row": i,
        }
        for i, (oid, c, region, owner, stage, amount) in enumerate(PIPELINE, start=1)
        if keep(region, owner)
    ]
    _load(con, "orders", orders)
    _load(con, "pipeline", pipeline)
    return con


def within(scope: Scope):
    return lambda region, manager: (
        (not scope.regions or region in scope.regions) and (not scope.managers or manager in scope.managers)
    )


SCOPES = {"east": EAST, "wang": WANG, "east_wang": EAST_WANG}


@pytest.fixture(scope="module")
def book():
    return book_store()


@pytest.fixture(scope="module", params=sorted(SCOPES))
def pair(request, book):
    """(the whole book, scoped Filters, the scope's rows only, unscoped Filters)."""
    scope = SCOPES[request.param]
    plain = Filters(as_of=AS_OF)
    return book, plain.scoped(scope), book_store(within(scope)), plain


def same(result, expected) -> None:
    if isinstance(result, pd.DataFrame):
        assert_frame_equal(result.reset_index(drop=True), expected.reset_index(drop=True), check_dtype=False)
    else:
        assert result == expected


# ---- hand-worked figures ------------------------------------------------------------------------------


def test_scoped_to_east_the_window_revenue_is_jia_and_yi_only(book):
    tiers = abc.abc_tiers(book, Filters(as_of=AS_OF).scoped(EAST))
    assert dict(zip(tiers["customer"], tiers["net_revenue"])) == {"甲": 800, "乙": 200}


def test_scoped_to_manager_wang_the_book_is_his_customers_in_every_region(book):
    tiers = abc.abc_tiers(book, Filters(as_of=AS_OF).scoped(WANG))
    assert dict(zip(tiers["customer"], tiers["net_revenue"])) == {"甲": 800, "丁": 50}


def test_region_and_manager_scope_keeps_rows_matching_both(book):
    tiers = abc.abc_tiers(book, Filters(as_of=AS_OF).scoped(EAST_WANG))
    assert list(tiers["customer"]) == ["甲"]


def test_a_region_filter_outside_the_scope_gives_nothing_not_the_other_region(book):
    # ?region=华南 for a user scoped to 华东: the filter and the scope both hold, so no row does
    tiers = abc.abc_tiers(book, Filters(as_of=AS_OF, region=("华南",)).scoped(EAST))
    assert tiers.empty


def test_the_scope_replaces_whatever_scope_the_filters_had():
    result = Filters(region=("华南",)).scoped(WANG).scoped(EAST)
    assert (result.scope, result.region) == (EAST, ("华南",))


def test_unscoped_filters_bind_null_scope_lists_and_see_every_customer(book):
    assert Filters().dimension_params()["scope_region"] is None
    tiers = abc.abc_tiers(book, Filters(as_of=AS_OF))
    assert sorted(tiers["customer"]) == ["丁", "丙", "乙", "甲"]


def test_pipeline_scope_by_manager_reads_the_owner_column(book):
    result = funnel.win_rate(book, Filters(as_of=AS_OF).scoped(WANG))
    assert (result["won_count"].iloc[0], result["lost_count"].iloc[0]) == (1, 0)  # 甲's won deal; 丁's is open


def test_scoped_filters_are_cached_apart_from_unscoped_ones():
    assert Filters(as_of=AS_OF).scoped(EAST) != Filters(as_of=AS_OF)
    assert hash(Filters(as_of=AS_OF).scoped(EAST)) != hash(Filters(as_of=AS_OF).scoped(WANG))


# ---- every analysis: scoped == pre-filtered -----------------------------------------------------------


def test_abc_tiers_and_migration(pair):
    con, scoped, cut, plain = pair
    same(abc.abc_tiers(con, scoped), abc.abc_tiers(cut, plain))
    before, after = abc.tier_migration(con, scoped), abc.tier_migration(cut, plain)
    same(before.matrix, after.matrix)
    same(before.customers, after.customers)


def test_rfm_segments(pair):
    con, scoped, cut, plain = pair
    same(rfm.rfm_segments(con, scoped), rfm.rfm_segments(cut, plain))


def test_churn_warnings(pair):
    con, scoped, cut, plain = pair
    same(churn.churn_warnings(con, scoped), churn.churn_warnings(cut, plain))
    same(churn.warning_summary(con, scoped), churn.warning_summary(cut, plain))


def test_long_tail(pair):
    con, scoped, cut, plain = pair
    same(long_tail.lorenz_points(con, scoped), long_tail.lorenz_points(cut, plain))
    for dimension in ("region", "account_manager", "product"):
        same(long_tail.tail_by_dimension(con, scoped, dimension), long_tail.tail_by_dimension(cut, plain, dimension))
    same(long_tail.fastest_growing_tail(con, scoped), long_tail.fastest_growing_tail(cut, plain))


def test_funnels_and_win_rate(pair):
    con, scoped, cut, plain = pair
    same(funnel.pipeline_funnel(con, scoped), funnel.pipeline_funnel(cut, plain))
    same(funnel.win_rate(con, scoped), funnel.win_rate(cut, plain))
    same(funnel.funnel_by(con, scoped, "owner"), funnel.funnel_by(cut, plain, "owner"))
    same(customer_funnel.customer_funnel(con, scoped), customer_funnel.customer_funnel(cut, plain))


def test_active_customers_and_lifecycle(pair):
    con, scoped, cut, plain = pair
    same(active.active_customers(con, scoped), active.active_customers(cut, plain))
    same(lifecycle.lifecycle_stages(con, scoped), lifecycle.lifecycle_stages(cut, plain))


def test_profile_of_a_customer_in_scope(pair):
    con, scoped, cut, plain = pair
    for fn in (customer_profile.customer_monthly, customer_profile.customer_products, customer_profile.customer_orders):
        same(fn(con, scoped, "甲"), fn(cut, plain, "甲"))


def test_profile_of_a_customer_outside_the_scope_is_empty(book):
    east = Filters(as_of=AS_OF).scoped(EAST)
    assert customer_profile.customer_orders(book, east, "丙").empty
    assert customer_profile.customer_monthly(book, east, "丙").empty


def test_cohorts_bridge_and_outlook(pair):
    con, scoped, cut, plain = pair
    same(
        cohorts.cohort_retention(con.cursor(), window.params(con, scoped)),
        cohorts.cohort_retention(cut.cursor(), window.params(cut, plain)),
    )
    same(bridge.bridge_customers(con, scoped), bridge.bridge_customers(cut, plain))
    same(bridge.window_bridge(con, scoped), bridge.window_bridge(cut, plain))
    book_scoped, customers_scoped = outlook.book_outlook(con, scoped)
    book_cut, customers_cut = outlook.book_outlook(cut, plain)
    assert customers_scoped == customers_cut
    assert outlook.forecast_summary(book_scoped) == outlook.forecast_summary(book_cut)


def _report() -> IngestReport:
    return IngestReport(
        table="orders", file="orders.csv", sheet=None, header_row=1, mapping=Mapping("orders"), headers=[],
        rows_read=8, rows_loaded=8, rejected_rows=[], duplicate_pairs=[], duplicates_dropped=False, latest_date=AS_OF,
    )  # fmt: skip


def test_report_json_customers_and_funnel(pair):
    con, scoped, cut, plain = pair
    result, expected = summary.report_json(con, scoped, _report()), summary.report_json(cut, plain, _report())
    for field in ("customers", "funnel", "active_customers", "cohorts", "duplicate_candidates"):
        assert result[field] == expected[field], field


def test_what_changed_and_trend(pair):
    con, scoped, cut, _ = pair
    own_as_of = dataclasses.replace(scoped, as_of=None)
    result = changes(con, con, own_as_of, as_of_from=AS_OF - timedelta(days=30), as_of_to=AS_OF)
    expected = changes(cut, cut, Filters(), as_of_from=AS_OF - timedelta(days=30), as_of_to=AS_OF)
    assert result == expected
    same(trend_point(con, own_as_of, AS_OF), trend_point(cut, Filters(), AS_OF))


def test_what_changed_lists_no_customer_outside_the_scope(book):
    east = Filters().scoped(EAST)
    result = changes(book, book, east, as_of_from=AS_OF - timedelta(days=30), as_of_to=AS_OF)
    named = {m["customer"] for m in result["tier_moves"]} | {c["customer"] for c in result["new_customers"]}
    named |= {w["customer"] for w in result["new_warnings"]} | {m["customer"] for m in result["funnel"]["stage_moves"]}
    regions = {r["region"] for r in result["revenue_change"]["by_region"]}
    assert not named & {"丙", "丁"}
    assert regions <= {"华东"}


# ---- what a scoped user is told about the file, the workspace and the merges --------------------------------


def test_a_scoped_user_is_told_the_lines_of_their_scope_not_the_whole_files(book):
    # 8 lines read and loaded; 王's are 甲's three and 丁's one
    seen = access.report_seen_by(book, _report(), WANG)
    assert (seen.rows_read, seen.rows_loaded, seen.rows_rejected) == (4, 4, 0)


def test_an_unscoped_user_is_told_the_whole_files_report(book):
    report = _report()
    assert access.report_seen_by(book, report, Scope()) is report


def test_a_scoped_user_is_not_shown_the_files_rejected_rows_duplicates_or_notes(book):
    report = dataclasses.replace(
        _report(),
        rejected_rows=[(9, "amount", "abc", "金额无法识别", "amount unreadable", "丙,华南,张,abc")],
        duplicate_pairs=[(10, 6)],
        notes=[("已把「丙公司」并入「丙」。", "Merged 丙公司 into 丙.")],
        merged_customers=[{"from": "丙公司", "into": "丙", "rows": 1}],
        rejected_cells=[(9, "满意度", "很好吧", "无法识别的满意度", "unreadable satisfaction")],
    )
    seen = access.report_seen_by(book, report, EAST)
    assert (seen.rejected_rows, seen.duplicate_pairs, seen.notes, seen.merged_customers) == ([], [], [], [])
    assert seen.rejected_cells == []  # a survey cell of another region's line, with its value


def test_the_pipeline_lines_of_a_manager_scope_are_the_opportunities_they_own(book):
    assert access.rows_in_scope(book, "pipeline", WANG) == 2  # 甲's (1) and 丁's (4)
    assert access.rows_in_scope(book, "pipeline", EAST_WANG) == 1  # 甲's only


def test_the_brief_of_a_scoped_user_counts_the_lines_of_their_scope(book):
    made = brief(book, Filters(as_of=AS_OF).scoped(EAST), _report())
    counts = {item: value for item, value, kind in data_rows(made) if kind == "count"}
    assert counts == {"读取行数": 5, "载入行数": 5, "拒绝行数": 0}  # 甲's three lines and 乙's two, not the file's 8


def _saved_twice(path) -> None:
    """The book saved as two weeks' datasets (the same lines, as_of a month apart)."""
    con = book_store()
    for as_of in (AS_OF - timedelta(days=30), AS_OF):
        workspace.save_dataset(path, con, {"orders": _report()}, str(as_of), as_of=as_of)


def test_the_dataset_list_gives_a_scoped_user_no_whole_file_row_counts(tmp_path):
    _saved_twice(tmp_path)
    east_user = User(name="east", scope=EAST)
    assert [d["rows_loaded"] for d in workspace.list_datasets(tmp_path)] == [8, 8]
    assert [d["rows_loaded"] for d in workspace.list_datasets(tmp_path, seen_by=east_user)] == [None, None]
    assert [d["pipeline_rows_loaded"] for d in workspace.list_datasets(tmp_path, seen_by=east_user)] == [None, None]


def test_what_changed_between_saved_weeks_counts_the_scoped_users_lines(tmp_path):
    _saved_twice(tmp_path)
    result = dataset_changes(tmp_path, filters=Filters().scoped(EAST))
    assert (result["from"]["rows_loaded"], result["to"]["rows_loaded"]) == (5, 5)
    assert dataset_changes(tmp_path)["to"]["rows_loaded"] == 8


def test_a_scoped_editor_may_not_merge_customers_a_merge_changes_every_regions_rows(tmp_path):
    east_editor = User(name="east", role="editor", scope=EAST)
    with pytest.raises(AccessDenied) as refused:
        merges.merge_customers(tmp_path, east_editor, "甲", ["甲", "甲公司"])
    assert "without a scope" in refused.value.message("en")
    with pytest.raises(AccessDenied):
        merges.keep_apart(tmp_path, east_editor, ["甲", "甲公司"])
    assert merges.decisions(tmp_path)["merges"] == []


def test_an_unscoped_editor_may_merge_customers(tmp_path):
    merges.merge_customers(tmp_path, User(name="lead", role="editor"), "甲", ["甲", "甲公司"])
    assert [m["from"] for m in merges.decisions(tmp_path)["merges"]] == [["甲公司"]]


def test_a_scoped_user_reads_no_merge_decisions_they_name_every_regions_customers(tmp_path):
    lead = User(name="lead", role="admin")
    merges.merge_customers(tmp_path, lead, "丙", ["丙", "丙公司"])
    merges.keep_apart(tmp_path, lead, ["甲", "甲乙"])
    seen = merges.decisions_seen_by(tmp_path, User(name="east", role="editor", scope=EAST))
    assert (seen["merges"], seen["kept_apart"]) == ([], [])
    assert len(merges.decisions_seen_by(tmp_path, lead)["merges"]) == 1
