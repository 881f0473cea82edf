"""python -m core import / datasets / changes: the weekly scheduled job's contract (issue #6)."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
import weekly_files
from bad_files import BAD_FILES

ROOT = Path(__file__).resolve().parent.parent


def run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "core", *args], cwd=ROOT, capture_output=True, text=True, timeout=120)


def store_state(ws: Path) -> dict:
    return {str(p.relative_to(ws)): p.read_bytes() for p in sorted(ws.rglob("*")) if p.is_file()} if ws.exists() else {}


def import_week(tmp_path: Path, ws: Path, week: int, *extra: str) -> subprocess.CompletedProcess:
    orders, pipeline = weekly_files.write(tmp_path, week)
    return run(
        "import", str(orders), "--pipeline", str(pipeline), "--label", f"week-{week}", "--workspace", str(ws), *extra
    )


@pytest.fixture
def two_weeks(tmp_path):
    ws = tmp_path / "ws"
    for week in (1, 2):
        result = import_week(tmp_path, ws, week)
        assert result.returncode == 0, result.stderr
    return ws


def test_import_prints_the_new_id_and_ingest_counts(tmp_path):
    result = import_week(tmp_path, tmp_path / "ws", 1)
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == [
        "id=1 label=week-1 as_of=2024-06-30",
        "orders: file=orders_week1.csv rows_read=9 rows_loaded=9 rows_rejected=0",
        "pipeline: file=pipeline_week1.csv rows_read=4 rows_loaded=4 rows_rejected=0",
    ]


def test_import_as_of_and_json(tmp_path):
    result = import_week(tmp_path, tmp_path / "ws", 1, "--as-of", "2024-07-01", "--json")
    out = json.loads(result.stdout)
    assert (out["id"], out["as_of"], out["rows_loaded"]) == (1, "2024-07-01", 9)
    assert out["ingest"]["pipeline"]["rows_loaded"] == 4


def test_datasets_json_lists_each_import_with_the_contract_fields(two_weeks):
    result = json.loads(run("datasets", "--workspace", str(two_weeks), "--json").stdout)
    assert [set(d) for d in result] == [{"id", "label", "source", "uploaded_at", "as_of", "rows_loaded"}] * 2
    assert [(d["id"], d["label"], d["source"], d["as_of"], d["rows_loaded"]) for d in result] == [
        (1, "week-1", "orders_week1.csv", "2024-06-30", 9),
        (2, "week-2", "orders_week2.csv", "2024-07-12", 13),
    ]


def test_datasets_of_an_empty_workspace_is_an_empty_list(tmp_path):
    result = run("datasets", "--workspace", str(tmp_path / "ws"), "--json")
    assert result.returncode == 0 and json.loads(result.stdout) == []


def test_changes_between_the_two_latest_names_the_hand_computed_moves(two_weeks):
    result = run("changes", "--workspace", str(two_weeks), "--json")
    assert result.returncode == 0, result.stderr
    change = json.loads(result.stdout)
    assert (change["from"]["label"], change["to"]["label"]) == ("week-1", "week-2")
    moves = [{k: m[k] for k in ("customer", "from_tier", "to_tier")} for m in change["tier_moves"]]
    assert moves == [
        {"customer": "丁", "from_tier": "B", "to_tier": "A"},
        {"customer": "丙", "from_tier": "A", "to_tier": "B"},
        {"customer": "戊", "from_tier": "C", "to_tier": "B"},
        {"customer": "己", "from_tier": None, "to_tier": "C"},
    ]
    assert [(w["customer"], w["level"]) for w in change["new_warnings"]] == [("乙", "medium")]
    assert [(w["customer"], w["level"]) for w in change["cleared_warnings"]] == [("戊", "high")]
    by_tier = {r["tier"]: r["change"] for r in change["revenue_change"]["by_tier"]}
    assert by_tier == {"A": 460.0, "B": 130.0, "C": -20.0}


def test_changes_json_has_the_gain_loss_bridge_summing_to_the_total_change(two_weeks):
    result = run("changes", "--workspace", str(two_weeks), "--json")
    bridge = json.loads(result.stdout)["bridge"]
    # 甲 500 -> 600, 丁 80 -> 480, 戊 50 -> 90 grown; 己 new 30; 乙 300 and 丙 120 steady (weekly_files.py)
    parts = {k: bridge[k] for k in ("new", "lost", "grown", "shrunk", "steady", "total_change")}
    assert parts == {"new": 30.0, "lost": 0.0, "grown": 540.0, "shrunk": 0.0, "steady": 0.0, "total_change": 570.0}


def test_changes_from_and_to_take_ids_or_labels(two_weeks):
    result = json.loads(run("changes", "--from", "2", "--to", "week-1", "--workspace", str(two_weeks), "--json").stdout)
    assert (result["from"]["id"], result["to"]["id"]) == (2, 1)
    assert result["new_warnings"][0]["customer"] == "戊"  # backwards, the cleared warning is a new one


def test_changes_in_words_names_moves_and_warnings(two_weeks):
    result = run("--lang", "zh", "changes", "--workspace", str(two_weeks))
    assert "丁 B->A" in result.stdout and "己 none->C" in result.stdout
    assert "乙 medium: 已超出常规5天采购周期2.4倍" in result.stdout


def test_changes_with_one_dataset_exits_with_one_line(tmp_path):
    import_week(tmp_path, tmp_path / "ws", 1)
    result = run("changes", "--workspace", str(tmp_path / "ws"), "--json")
    assert result.returncode == 1 and result.stdout == ""
    assert result.stderr.count("\n") == 1 and "Two datasets are needed" in result.stderr


def test_changes_with_an_unknown_label_exits_with_one_line(two_weeks):
    result = run("changes", "--from", "week-9", "--workspace", str(two_weeks), "--json")
    assert result.returncode == 1 and "No dataset 'week-9'" in result.stderr and "Traceback" not in result.stderr


@pytest.mark.parametrize("kind", ["empty", "not_a_spreadsheet", "required_column_missing"])
def test_bad_orders_file_exits_with_one_line_and_leaves_the_store_untouched(two_weeks, tmp_path, kind):
    name, make, _, en = BAD_FILES[kind]
    bad = tmp_path / name
    bad.write_bytes(make())
    before = store_state(two_weeks)
    result = run("import", str(bad), "--workspace", str(two_weeks))
    assert result.returncode == 1 and result.stderr.count("\n") == 1 and en in result.stderr
    assert store_state(two_weeks) == before


def test_bad_pipeline_file_saves_nothing_not_even_the_orders(two_weeks, tmp_path):
    orders, _ = weekly_files.write(tmp_path, 2)
    bad = tmp_path / "pipeline.csv"
    bad.write_text("客户,备注\n甲,x\n", encoding="utf-8")
    before = store_state(two_weeks)
    result = run("import", str(orders), "--pipeline", str(bad), "--workspace", str(two_weeks))
    assert result.returncode == 1 and "Required columns not found" in result.stderr
    assert store_state(two_weeks) == before


def test_file_where_every_row_is_rejected_is_not_saved(tmp_path):
    orders = tmp_path / "o.csv"
    orders.write_text("客户,日期,金额\n甲,not a date,5\n", encoding="utf-8")
    result = run("import", str(orders), "--workspace", str(tmp_path / "ws"))
    assert result.returncode == 1 and "no dataset was saved" in result.stderr
    assert json.loads(run("datasets", "--workspace", str(tmp_path / "ws"), "--json").stdout) == []


def test_next_weeks_file_with_the_same_headers_reuses_the_confirmed_mapping(tmp_path):
    ws = tmp_path / "ws"
    mapping = tmp_path / "mapping.json"
    mapping.write_text(json.dumps({"customer": "B", "order_date": "C", "amount": "D"}), encoding="utf-8")
    week_1, week_2 = tmp_path / "w1.csv", tmp_path / "w2.csv"
    week_1.write_text("A,B,C,D\nx,甲,2024-01-05,7\n", encoding="utf-8")  # headers that say nothing
    week_2.write_text("D,C,B,A\n9,2024-01-12,乙,y\n", encoding="utf-8")  # same headers, another order
    assert run("import", str(week_1), "--mapping", str(mapping), "--workspace", str(ws)).returncode == 0
    result = run("import", str(week_2), "--workspace", str(ws), "--json")
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["ingest"]["orders"]["mapping"] == {
        "customer": "B",
        "order_date": "C",
        "amount": "D",
    }


def test_two_imports_started_together_both_land(tmp_path):
    ws = tmp_path / "ws"
    files = [weekly_files.write(tmp_path, week) for week in (1, 2)]
    procs = [
        subprocess.Popen(
            [sys.executable, "-m", "core", "import", str(o), "--pipeline", str(p), "--workspace", str(ws)],
            cwd=ROOT,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for o, p in files
    ]
    outputs = [p.communicate(timeout=120) for p in procs]
    assert [p.returncode for p in procs] == [0, 0], [err for _, err in outputs]
    ids = sorted(int(out.split()[0].removeprefix("id=")) for out, _ in outputs)
    assert ids == [1, 2]
    listed = json.loads(run("datasets", "--workspace", str(ws), "--json").stdout)
    assert [d["rows_loaded"] for d in listed] == [9, 13]


def test_workspace_comes_from_the_environment_variable(tmp_path):
    orders, _ = weekly_files.write(tmp_path, 1)
    env = {**os.environ, "KA_WORKSPACE": str(tmp_path / "from_env")}
    result = subprocess.run(
        [sys.executable, "-m", "core", "import", str(orders)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "from_env" / "datasets" / "1" / "orders.parquet").exists()


@pytest.mark.parametrize("command", ["import", "datasets", "changes"])
def test_every_workspace_command_has_help_with_an_example(command):
    result = run(command, "--help")
    assert result.returncode == 0 and "Example:" in result.stdout and "--workspace" in result.stdout


def test_import_of_a_plain_csv_uses_the_mapping_remembered_for_its_headers(tmp_path):
    """Headers no synonym knows: the first import is told the mapping, the next week's file (same headers,
    the fast plain-CSV road) gets it from the workspace."""
    from core import workspace

    ws = tmp_path / "ws"
    workspace.remember_mapping(ws, ["甲", "乙", "丙"], "orders", {"customer": "甲", "order_date": "乙", "amount": "丙"})
    orders = tmp_path / "week.csv"
    orders.write_text(
        "甲,乙,丙\n客户A,2024-03-01,100.50\n客户B,2024-03-02,20\n客户A,2024-03-05,-0.50\n", encoding="utf-8"
    )
    result = run("import", str(orders), "--workspace", str(ws), "--json")
    assert result.returncode == 0, result.stderr
    out = json.loads(result.stdout)
    assert out["ingest"]["orders"]["mapping"] == {"customer": "甲", "order_date": "乙", "amount": "丙"}
    assert out["ingest"]["orders"]["rows_loaded"] == 3
    report = run("report", str(orders), "--mapping", str(_mapping_file(tmp_path)), "--json", "-")
    assert report.returncode == 0, report.stderr
    revenue = {c["customer"]: c["revenue"] for c in json.loads(report.stdout)["customers"]}
    assert revenue == {"客户A": 100.0, "客户B": 20.0}


def _mapping_file(tmp_path: Path) -> Path:
    path = tmp_path / "mapping.json"
    path.write_text(
        json.dumps({"customer": "甲", "order_date": "乙", "amount": "丙"}, ensure_ascii=False), encoding="utf-8"
    )
    return path
