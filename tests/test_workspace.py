"""The workspace: datasets saved whole or not at all, found again after a restart, safe with two writers."""

import json
import os
import subprocess
import sys
import threading
import time
from datetime import UTC, date, datetime
from decimal import Decimal
from pathlib import Path

import pytest
import weekly_files

from core import workspace
from core.workspace import WorkspaceBusy, WorkspaceError, datasets, saving
from core.workspace import root as workspace_root

ROOT = Path(__file__).resolve().parent.parent
UPLOADED_AT = datetime(2024, 7, 1, 9, 0, tzinfo=UTC)


def save_week(ws, week, **kwargs):
    con, reports = weekly_files.loaded(week)
    return workspace.save_dataset(
        ws, con, reports, kwargs.pop("label", f"week-{week}"), uploaded_at=UPLOADED_AT, **kwargs
    )


def store_state(ws: Path) -> dict:
    """Every file under the workspace with its bytes: equal states mean an untouched store."""
    return {str(p.relative_to(ws)): p.read_bytes() for p in sorted(ws.rglob("*")) if p.is_file()}


def test_saved_dataset_lists_with_its_source_as_of_and_counts(tmp_path):
    dataset_id = save_week(tmp_path, 1)
    [listed] = workspace.list_datasets(tmp_path)
    assert listed["id"] == dataset_id == 1
    assert (listed["label"], listed["source"], listed["as_of"], listed["rows_loaded"]) == (
        "week-1",
        "orders_week1.csv",
        "2024-06-30",
        9,
    )
    assert (listed["pipeline_source"], listed["pipeline_rows_loaded"]) == ("pipeline_week1.csv", 4)
    assert listed["uploaded_at"] == "2024-07-01T09:00:00+00:00"
    assert listed["mapping"]["orders"]["customer"] == "客户名称"


def test_open_dataset_gives_back_the_exact_rows(tmp_path):
    dataset_id = save_week(tmp_path, 2)
    con = workspace.open_dataset(tmp_path, dataset_id)
    result = con.execute("select customer, sum(amount) from orders group by customer order by customer").fetchall()
    expected = [
        ("丁", Decimal("480.00")),
        ("丙", Decimal("120.00")),
        ("乙", Decimal("300.00")),
        ("己", Decimal("30.00")),
        ("戊", Decimal("90.00")),
        ("甲", Decimal("600.00")),
    ]
    assert result == expected
    assert con.execute("select count(*) from pipeline").fetchall() == [(5,)]
    # the filter macros are ready, so every analysis runs on an opened dataset
    assert con.execute("select count(*) from filtered_orders([], [], [], [], [], [], null, null)").fetchall() == [(13,)]


def test_as_of_given_at_save_is_kept_and_label_defaults_to_it(tmp_path):
    con, reports = weekly_files.loaded(1)
    dataset_id = workspace.save_dataset(tmp_path, con, reports, as_of=date(2024, 6, 29))
    dataset = workspace.get_dataset(tmp_path, dataset_id)
    assert (dataset["as_of"], dataset["label"]) == ("2024-06-29", "2024-06-29")


def test_ingest_report_is_saved_with_the_dataset(tmp_path):
    dataset_id = save_week(tmp_path, 1)
    reports = workspace.dataset_reports(tmp_path, dataset_id)
    assert (reports["orders"]["rows_read"], reports["orders"]["rows_loaded"]) == (9, 9)
    assert reports["pipeline"]["file"] == "pipeline_week1.csv"


def test_reopened_dataset_gives_back_its_validation_report(tmp_path):
    con = weekly_files.store.connect()
    text = "客户,日期,金额\n甲,2024-01-05,7\n,2024-01-06,8\n甲,2024-01-05,7\n合计,,22\n"
    loaded = weekly_files.ingest.load_file(con, text.encode(), "o.csv")
    dataset_id = workspace.save_dataset(tmp_path, con, [loaded])
    report = workspace.dataset_ingest_reports(tmp_path, dataset_id)["orders"]
    assert (report.file, report.rows_read, report.rows_loaded, report.rows_rejected) == ("o.csv", 4, 2, 2)
    assert list(report.rejected["reason_zh"]) == ["客户为空", "合计/总计行，已排除"]
    assert report.duplicates.values.tolist() == [[4, 2]]
    assert report.mapping.columns == loaded.mapping.columns and report.latest_date == date(2024, 1, 5)


def test_datasets_sort_by_as_of_so_a_late_backfill_is_not_the_latest(tmp_path):
    save_week(tmp_path, 2)
    save_week(tmp_path, 1)  # uploaded later, but its data ends earlier
    assert [d["label"] for d in workspace.list_datasets(tmp_path)] == ["week-1", "week-2"]
    assert workspace.latest_dataset_id(tmp_path) == 1


def test_dataset_without_order_rows_is_refused(tmp_path):
    con, reports = weekly_files.loaded(1)
    with pytest.raises(WorkspaceError):
        workspace.save_dataset(tmp_path, con, {"pipeline": reports["pipeline"]})
    assert workspace.list_datasets(tmp_path) == []


def test_rename_changes_only_the_label(tmp_path):
    dataset_id = save_week(tmp_path, 1)
    workspace.rename_dataset(tmp_path, dataset_id, " 第27周 ")
    dataset = workspace.get_dataset(tmp_path, dataset_id)
    assert (dataset["label"], dataset["rows_loaded"]) == ("第27周", 9)
    assert workspace.resolve(tmp_path, "第27周")["id"] == dataset_id


def test_deleted_dataset_is_gone_and_its_id_is_not_reused(tmp_path):
    first, second = save_week(tmp_path, 1), save_week(tmp_path, 2)
    workspace.delete_dataset(tmp_path, second)
    assert [d["id"] for d in workspace.list_datasets(tmp_path)] == [first]
    assert save_week(tmp_path, 2) == 3  # "--from 2" must never come to mean another week
    with pytest.raises(WorkspaceError):
        workspace.open_dataset(tmp_path, second)


def test_unknown_dataset_is_a_clear_error(tmp_path):
    save_week(tmp_path, 1)
    with pytest.raises(WorkspaceError) as raised:
        workspace.resolve(tmp_path, "week-9")
    assert "No dataset 'week-9'" in raised.value.message("en")
    with pytest.raises(WorkspaceError):
        workspace.rename_dataset(tmp_path, 7, "x")
    with pytest.raises(WorkspaceError):
        workspace.delete_dataset(tmp_path, 7)


def test_resolve_takes_an_id_or_the_latest_dataset_with_a_label(tmp_path):
    save_week(tmp_path, 1, label="weekly")
    save_week(tmp_path, 2, label="weekly")
    assert workspace.resolve(tmp_path, "1")["id"] == 1
    assert workspace.resolve(tmp_path, "weekly")["id"] == 2


def test_empty_or_missing_workspace_lists_nothing_and_is_not_created_by_reading(tmp_path):
    missing = tmp_path / "nowhere"
    assert workspace.list_datasets(missing) == []
    assert workspace.latest_dataset_id(missing) is None
    assert workspace.saved_mapping(missing, ["a"]) is None
    assert not missing.exists()


def test_workspace_path_that_is_a_file_is_a_clear_error(tmp_path):
    file = tmp_path / "workspace.duckdb"
    file.write_bytes(b"")
    with pytest.raises(WorkspaceError) as raised:
        save_week(file, 1)
    assert "is a file" in raised.value.message("en")


def test_workspace_path_comes_from_the_environment(monkeypatch, tmp_path):
    monkeypatch.setenv("KA_WORKSPACE", str(tmp_path / "ws"))
    assert workspace.default_path() == tmp_path / "ws"
    assert workspace.default_path(tmp_path / "other") == tmp_path / "other"
    monkeypatch.delenv("KA_WORKSPACE")
    assert workspace.default_path() == Path("data") / "workspace"


# ---- atomicity -------------------------------------------------------------------------------------


def test_failure_while_writing_a_table_leaves_the_store_as_before(tmp_path, monkeypatch):
    save_week(tmp_path, 1)
    before = store_state(tmp_path)
    real = saving._write_table

    def fail_on_pipeline(con, table, target):
        real(con, table, target)  # orders is written to disk ...
        if table == "pipeline":
            raise OSError(28, "No space left on device")  # ... then the disk fills up

    monkeypatch.setattr(saving, "_write_table", fail_on_pipeline)
    with pytest.raises(WorkspaceError) as raised:
        save_week(tmp_path, 2)
    assert "nothing was saved: No space left on device" in raised.value.message("en")
    assert store_state(tmp_path) == before
    assert [p.name for p in (tmp_path / "datasets").iterdir()] == ["1"]  # no half dataset, no leftovers


def test_failure_at_the_final_rename_leaves_no_dataset(tmp_path, monkeypatch):
    save_week(tmp_path, 1)
    real_rename = os.rename

    def fail(src, dst):
        raise KeyboardInterrupt  # the process is interrupted at the very last step

    monkeypatch.setattr(saving.os, "rename", fail)
    with pytest.raises(KeyboardInterrupt):
        save_week(tmp_path, 2)
    monkeypatch.setattr(saving.os, "rename", real_rename)
    assert [d["id"] for d in workspace.list_datasets(tmp_path)] == [1]
    assert [p.name for p in (tmp_path / "datasets").iterdir()] == ["1"]


def test_failure_while_renaming_keeps_the_old_label(tmp_path, monkeypatch):
    dataset_id = save_week(tmp_path, 1)
    before = store_state(tmp_path)

    def fail(src, dst):
        raise OSError(5, "I/O error")

    monkeypatch.setattr(datasets.os, "replace", fail)
    with pytest.raises(OSError):
        workspace.rename_dataset(tmp_path, dataset_id, "new name")
    assert store_state(tmp_path) == before


# ---- restart and concurrency -----------------------------------------------------------------------

LIST_AND_OPEN = """
import json, sys
from core import workspace
out = []
for d in workspace.list_datasets(sys.argv[1]):
    con = workspace.open_dataset(sys.argv[1], d["id"])
    out.append([d["id"], d["label"], con.execute("select count(*) from orders").fetchall()[0][0]])
print(json.dumps(out))
"""


def test_a_new_process_finds_every_dataset_after_a_restart(tmp_path):
    save_week(tmp_path, 1)
    save_week(tmp_path, 2)
    result = subprocess.run(
        [sys.executable, "-c", LIST_AND_OPEN, str(tmp_path)], cwd=ROOT, capture_output=True, text=True, check=True
    )
    assert json.loads(result.stdout) == [[1, "week-1", 9], [2, "week-2", 13]]


def test_threads_saving_at_once_all_land_with_distinct_ids(tmp_path):
    start = threading.Barrier(6)
    ids, errors = [], []

    def save(n):
        con, reports = weekly_files.loaded(1 + n % 2)
        start.wait()
        try:
            ids.append(workspace.save_dataset(tmp_path, con, reports, f"thread-{n}"))
        except Exception as exc:
            errors.append(exc)

    threads = [threading.Thread(target=save, args=(n,)) for n in range(6)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    assert sorted(ids) == [1, 2, 3, 4, 5, 6]
    for d in workspace.list_datasets(tmp_path):
        rows = workspace.open_dataset(tmp_path, d["id"]).execute("select count(*) from orders").fetchall()[0][0]
        assert rows == d["rows_loaded"]


SAVE_WHEN_TOLD = """
import sys, os, time
sys.path.insert(0, "tests")
import weekly_files
from core import workspace
con, reports = weekly_files.loaded(int(sys.argv[2]))
open(sys.argv[3], "w").close()  # ready
while not os.path.exists(sys.argv[4]):  # wait for the starting gun so the saves overlap
    time.sleep(0.001)
print(workspace.save_dataset(sys.argv[1], con, reports, "process"))
"""


def test_processes_saving_at_once_all_land_with_distinct_ids(tmp_path):
    ws, gun = tmp_path / "ws", tmp_path / "go"
    procs = [
        subprocess.Popen(
            [sys.executable, "-c", SAVE_WHEN_TOLD, str(ws), str(1 + n % 2), str(tmp_path / f"ready{n}"), str(gun)],
            cwd=ROOT,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for n in range(4)
    ]
    try:
        while not all((tmp_path / f"ready{n}").exists() for n in range(4)):
            time.sleep(0.01)
        gun.touch()
        outputs = [p.communicate() for p in procs]
    finally:
        for p in procs:
            p.kill() if p.poll() is None else None
    assert [p.returncode for p in procs] == [0, 0, 0, 0], [err for _, err in outputs]
    assert sorted(int(out) for out, _ in outputs) == [1, 2, 3, 4]
    datasets = workspace.list_datasets(ws)
    assert len(datasets) == 4
    for d in datasets:
        rows = workspace.open_dataset(ws, d["id"]).execute("select count(*) from orders").fetchall()[0][0]
        assert rows == d["rows_loaded"]


def test_an_opened_dataset_holds_no_lock_so_another_process_can_save(tmp_path):
    save_week(tmp_path, 1)
    con = workspace.open_dataset(tmp_path, 1)  # the app keeps this connection for the session
    gun = tmp_path / "go"
    gun.touch()
    result = subprocess.run(
        [sys.executable, "-c", SAVE_WHEN_TOLD, str(tmp_path), "2", str(tmp_path / "r"), str(gun)],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    assert con.execute("select count(*) from orders").fetchall() == [(9,)]
    assert [d["id"] for d in workspace.list_datasets(tmp_path)] == [1, 2]


def test_ids_exhausted_by_other_writers_is_busy_not_corrupt(tmp_path, monkeypatch):
    save_week(tmp_path, 1)
    monkeypatch.setattr(saving, "_RESERVE_ATTEMPTS", 0)
    with pytest.raises(WorkspaceBusy) as raised:
        save_week(tmp_path, 2)
    assert "busy" in raised.value.message("en") and "重试" in raised.value.message("zh")
    assert [d["id"] for d in workspace.list_datasets(tmp_path)] == [1]


# ---- schema version -------------------------------------------------------------------------------


def test_workspace_from_a_newer_version_is_refused(tmp_path):
    save_week(tmp_path, 1)
    (tmp_path / "workspace.json").write_text(json.dumps({"schema_version": workspace.SCHEMA_VERSION + 1}))
    with pytest.raises(WorkspaceError) as raised:
        workspace.list_datasets(tmp_path)
    assert "newer version" in raised.value.message("en")


def test_older_workspace_is_migrated_once_on_open(tmp_path, monkeypatch):
    save_week(tmp_path, 1)
    ran = []
    monkeypatch.setattr(workspace_root, "SCHEMA_VERSION", workspace.SCHEMA_VERSION + 1)
    monkeypatch.setattr(workspace_root, "MIGRATIONS", {workspace.SCHEMA_VERSION: ran.append})
    workspace.list_datasets(tmp_path)
    workspace.list_datasets(tmp_path)
    assert ran == [tmp_path]
    assert json.loads((tmp_path / "workspace.json").read_text())["schema_version"] == workspace.SCHEMA_VERSION + 1


def test_snapshot_without_a_newer_column_opens_with_nulls_there(tmp_path):
    dataset_id = save_week(tmp_path, 1)
    import pyarrow.parquet as pq

    file = tmp_path / "datasets" / str(dataset_id) / "orders.parquet"
    pq.write_table(pq.read_table(file).drop_columns(["channel"]), file)  # as written before `channel` existed
    con = workspace.open_dataset(tmp_path, dataset_id)
    assert con.execute("select count(*), count(channel) from orders").fetchall() == [(9, 0)]


# ---- mapping memory -------------------------------------------------------------------------------


def test_same_headers_in_any_order_get_the_remembered_mapping(tmp_path):
    workspace.remember_mapping(
        tmp_path, ["A", "B", "C", "D"], "orders", {"customer": "B", "order_date": "C", "amount": "D"}
    )
    result = workspace.saved_mapping(tmp_path, ["D", "C", "B", "A"])
    assert result == {"table": "orders", "columns": {"customer": "B", "order_date": "C", "amount": "D"}}
    assert workspace.saved_mapping(tmp_path, ["A", "B", "C"]) is None  # another layout
    assert workspace.saved_mapping(tmp_path, ["A", "B", "C", "D"], "pipeline") is None


def test_saving_a_dataset_remembers_its_mappings(tmp_path):
    con, reports = weekly_files.loaded(1)
    workspace.save_dataset(tmp_path, con, reports)
    remembered = workspace.saved_mapping(tmp_path, reports["pipeline"].headers, "pipeline")
    assert remembered["columns"] == {"opportunity_id": "商机编号", "customer": "客户", "stage": "阶段"}


def test_the_latest_confirmed_mapping_wins(tmp_path):
    headers = ["客户", "日期", "金额", "备注"]
    workspace.remember_mapping(
        tmp_path, headers, "orders", {"customer": "客户", "order_date": "日期", "amount": "金额"}
    )
    workspace.remember_mapping(
        tmp_path, headers, "orders", {"customer": "备注", "order_date": "日期", "amount": "金额"}
    )
    assert workspace.saved_mapping(tmp_path, headers)["columns"]["customer"] == "备注"
