"""Remembered customer merges (core/workspace/merges.py, issue #14): decided once by an editor, applied to every
later load, open and import, and said in the ingest report."""

import json
import subprocess
import sys
from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path

import pytest

from core import audit, ingest, store, workspace
from core.access import AccessDenied, User
from core.workspace import merges

ROOT = Path(__file__).resolve().parent.parent
EDITOR = User("wang", "editor")

# 深圳云帆电子 and its 有限公司 spelling are one customer the file spells two ways; 华为 is spelled in half and
# full width (one customer by the key already); 北京星河 stands apart.
ORDERS = """客户,订单日期,金额
深圳云帆电子,2024-03-01,100.50
深圳云帆电子有限公司,2024-03-05,200.25
深圳云帆电子有限公司,2024-04-05,300.00
华为技术(深圳),2024-04-10,1000.00
华为技术（深圳）,2024-04-11,500.00
北京星河科技,2024-04-12,50.00
"""


def _load(text: str = ORDERS) -> tuple:
    con = store.connect()
    report = ingest.load_file(con, text.encode("utf-8"), "orders.csv")
    return con, report


def _revenue(con) -> dict[str, Decimal]:
    return dict(con.execute("select customer, sum(amount) from orders group by customer").fetchall())


def test_merge_is_remembered_in_the_workspace_with_who_and_what(tmp_path):
    merges.merge_customers(tmp_path, EDITOR, "深圳云帆电子有限公司", ["深圳云帆电子", "深圳云帆电子有限公司"])
    saved = json.loads((tmp_path / "merges.json").read_text(encoding="utf-8"))
    assert saved["version"] == 1
    assert [(m["into"], m["from"], m["by"]) for m in saved["merges"]] == [
        ("深圳云帆电子有限公司", ["深圳云帆电子"], "wang")
    ]


def test_applying_a_merge_moves_the_revenue_to_the_surviving_name(tmp_path):
    con, _ = _load()
    merges.merge_customers(tmp_path, EDITOR, "深圳云帆电子有限公司", ["深圳云帆电子", "深圳云帆电子有限公司"])
    applied = merges.apply_merges(con, tmp_path)
    assert applied["orders"] == [{"from": "深圳云帆电子", "into": "深圳云帆电子有限公司", "rows": 1}]
    revenue = _revenue(con)
    assert "深圳云帆电子" not in revenue
    assert revenue["深圳云帆电子有限公司"] == Decimal("600.75")  # 100.50 + 200.25 + 300.00
    assert revenue["北京星河科技"] == Decimal("50.00")


def test_a_chain_of_merges_ends_in_the_last_survivor(tmp_path):
    con, _ = _load()
    merges.merge_customers(tmp_path, EDITOR, "深圳云帆电子有限公司", ["深圳云帆电子", "深圳云帆电子有限公司"])
    merges.merge_customers(tmp_path, EDITOR, "北京星河科技", ["深圳云帆电子有限公司", "北京星河科技"])
    merges.apply_merges(con, tmp_path)
    assert _revenue(con) == {"北京星河科技": Decimal("650.75"), "华为技术(深圳)": Decimal("1500.00")}


def test_merge_matches_the_customer_key_not_the_exact_spelling(tmp_path):
    # the survivor was chosen as 华为技术（深圳） (full width); a later file spells it in half width
    con, _ = _load("客户,订单日期,金额\n华为技术(深圳),2024-04-10,10\n华为终端,2024-04-11,5\n")
    merges.merge_customers(tmp_path, EDITOR, "华为技术（深圳）", ["华为技术（深圳）", "华为终端"])
    merges.apply_merges(con, tmp_path)
    assert _revenue(con) == {"华为技术（深圳）": Decimal("15.00")}


def test_every_load_through_the_import_command_applies_the_merges_and_reports_them(tmp_path):
    ws = tmp_path / "ws"
    merges.merge_customers(ws, EDITOR, "深圳云帆电子有限公司", ["深圳云帆电子", "深圳云帆电子有限公司"])
    (tmp_path / "orders.csv").write_text(ORDERS, encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "core", "import", str(tmp_path / "orders.csv"), "--workspace", str(ws), "--json"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    out = json.loads(result.stdout)
    assert out["ingest"]["orders"]["merged_customers"] == [
        {"from": "深圳云帆电子", "into": "深圳云帆电子有限公司", "rows": 1}
    ]
    assert any("'深圳云帆电子' into '深圳云帆电子有限公司' (1 rows)" in n for n in out["ingest"]["orders"]["notes"])
    con = workspace.open_dataset(ws, out["id"])
    assert _revenue(con)["深圳云帆电子有限公司"] == Decimal("600.75")


def test_report_with_a_workspace_applies_its_merges(tmp_path):
    ws = tmp_path / "ws"
    merges.merge_customers(ws, EDITOR, "深圳云帆电子有限公司", ["深圳云帆电子", "深圳云帆电子有限公司"])
    (tmp_path / "orders.csv").write_text(ORDERS, encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "core", "report", str(tmp_path / "orders.csv"), "--workspace", str(ws), "--json", "-"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    out = json.loads(result.stdout)
    assert out["ingest"]["merged_customers"] == [{"from": "深圳云帆电子", "into": "深圳云帆电子有限公司", "rows": 1}]
    revenue = {c["customer"]: c["revenue"] for c in out["customers"]}
    assert revenue["深圳云帆电子有限公司"] == 600.75 and "深圳云帆电子" not in revenue


def test_a_dataset_saved_before_the_merge_shows_it_when_opened(tmp_path):
    con, report = _load()
    saved = workspace.save_dataset(tmp_path, con, {"orders": report}, uploaded_at=datetime(2024, 5, 1, tzinfo=UTC))
    merges.merge_customers(tmp_path, EDITOR, "深圳云帆电子有限公司", ["深圳云帆电子", "深圳云帆电子有限公司"])
    reopened, merged = workspace.open_dataset_merged(tmp_path, saved)
    assert merged["orders"] == [{"from": "深圳云帆电子", "into": "深圳云帆电子有限公司", "rows": 1}]
    assert _revenue(reopened)["深圳云帆电子有限公司"] == Decimal("600.75")


def test_the_ingest_note_names_which_name_went_into_which(tmp_path):
    con, report = _load()
    merges.merge_customers(tmp_path, EDITOR, "深圳云帆电子有限公司", ["深圳云帆电子", "深圳云帆电子有限公司"])
    merges.apply_after_load(con, tmp_path, report)
    assert report.merged_customers == [{"from": "深圳云帆电子", "into": "深圳云帆电子有限公司", "rows": 1}]
    assert report.notes[-1][0].endswith("「深圳云帆电子」并入「深圳云帆电子有限公司」（1 行）。")


def test_a_group_kept_apart_is_not_offered_again(tmp_path):
    groups = [
        {"customers": ["北京星河", "北京星河科技"], "names": [], "reason": "similar_name", "score": 0.93},
        {"customers": ["深圳云帆电子", "深圳云帆电子有限公司"], "names": [], "reason": "same_name", "score": 1.0},
    ]
    merges.keep_apart(tmp_path, EDITOR, ["北京星河科技", "北京星河"])
    assert merges.open_groups(groups, merges.decisions(tmp_path)) == groups[1:]


def test_a_kept_group_that_a_new_customer_joins_is_offered_again(tmp_path):
    merges.keep_apart(tmp_path, EDITOR, ["北京星河", "北京星河科技"])
    grown = [{"customers": ["北京星河", "北京星河科技", "北京星河科技集团"], "names": [], "reason": "x", "score": 1.0}]
    assert merges.open_groups(grown, merges.decisions(tmp_path)) == grown


def test_a_viewer_may_not_merge_and_nothing_is_written(tmp_path):
    with pytest.raises(AccessDenied):
        merges.merge_customers(tmp_path, User("zhao", "viewer"), "甲", ["甲", "乙"])
    with pytest.raises(AccessDenied):
        merges.keep_apart(tmp_path, User("zhao", "viewer"), ["甲", "乙"])
    assert merges.decisions(tmp_path)["merges"] == [] and not (tmp_path / "merges.json").exists()


def test_merging_and_keeping_apart_are_written_to_the_audit_log(tmp_path):
    merges.merge_customers(tmp_path, EDITOR, "甲公司", ["甲", "甲公司"])
    merges.keep_apart(tmp_path, EDITOR, ["乙", "丙"])
    found = [(e["user"], e["action"], e["detail"]) for e in audit.entries(tmp_path)]
    assert found == [
        ("wang", "merge", {"into": "甲公司", "from": ["甲"]}),
        ("wang", "merge", {"kept_apart": ["乙", "丙"]}),
    ]


def test_no_decision_leaves_the_data_as_loaded(tmp_path):
    con, _ = _load()
    before = _revenue(con)
    assert merges.apply_merges(con, tmp_path) == {"orders": [], "pipeline": []}
    assert _revenue(con) == before


def test_report_with_a_workspace_leaves_out_the_groups_kept_apart(tmp_path):
    ws = tmp_path / "ws"
    merges.keep_apart(ws, EDITOR, ["深圳云帆电子", "深圳云帆电子有限公司"])
    (tmp_path / "orders.csv").write_text(ORDERS, encoding="utf-8")

    def candidates(*extra: str) -> list:
        result = subprocess.run(
            [sys.executable, "-m", "core", "report", str(tmp_path / "orders.csv"), "--json", "-", *extra],
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=120,
        )
        return [c["customers"] for c in json.loads(result.stdout)["duplicate_candidates"]]

    assert candidates() == [["深圳云帆电子", "深圳云帆电子有限公司"]]
    assert candidates("--workspace", str(ws)) == []
