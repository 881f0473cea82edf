"""python -m core report: the JSON contract scheduled jobs read, and one-line failures."""

import json
import subprocess
import sys
from pathlib import Path

import pytest
import sales_files
from bad_files import BAD_FILES

ROOT = Path(__file__).resolve().parent.parent


def run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "core", *args], cwd=ROOT, capture_output=True, text=True, timeout=120)


ORDERS_CSV = (
    "2024年订单\n"
    "客户名称,订单日期,金额\n"
    " 甲 ,2024-12-31,100.10\n"
    "甲,2024-01-01,50\n"  # 365 days before as_of: outside the 12-month window
    "乙,2024-06-30,-20.05\n"
    ",2024-06-30,5\n"
    "合计,,135.05\n"
)


def test_report_json_has_as_of_ingest_and_customers(tmp_path):
    orders = tmp_path / "orders.csv"
    orders.write_bytes(ORDERS_CSV.encode("gbk"))
    out = tmp_path / "out.json"
    result = run("report", str(orders), "--json", str(out))
    assert result.returncode == 0, result.stderr
    report = json.loads(out.read_text(encoding="utf-8"))
    assert report["as_of"] == "2024-12-31"
    ingest = report["ingest"]
    assert (ingest["rows_read"], ingest["rows_loaded"], ingest["rows_rejected"]) == (5, 3, 2)
    assert [(r["row"], r["reason"]) for r in ingest["rejected"]] == [
        (6, "customer is empty"),
        (7, "totals row, excluded"),
    ]
    assert ingest["mapping"] == {"customer": "客户名称", "order_date": "订单日期", "amount": "金额"}
    revenue = {c["customer"]: c["revenue"] for c in report["customers"]}
    assert revenue == {"甲": 100.10, "乙": -20.05}


def test_as_of_moves_the_window(tmp_path):
    orders = tmp_path / "orders.csv"
    orders.write_bytes(ORDERS_CSV.encode("utf-8"))
    result = run("report", str(orders), "--as-of", "2024-07-01", "--json", "-")
    report = json.loads(result.stdout)
    revenue = {c["customer"]: c["revenue"] for c in report["customers"]}
    assert revenue == {"甲": 50.0, "乙": -20.05}  # the December order is after as_of


def test_saved_mapping_is_used(tmp_path):
    orders = tmp_path / "orders.csv"
    orders.write_text("A,B,C,D\nx,甲,2024-01-05,7\n", encoding="utf-8")
    mapping = tmp_path / "mapping.json"
    mapping.write_text(json.dumps({"customer": "B", "order_date": "C", "amount": "D"}), encoding="utf-8")
    report = json.loads(run("report", str(orders), "--mapping", str(mapping)).stdout)
    assert [(c["customer"], c["revenue"]) for c in report["customers"]] == [("甲", 7.0)]


def test_sheet_option_reads_that_sheet(tmp_path):
    path = sales_files.write(tmp_path, "cover_sheet_before_data")
    report = json.loads(run("report", str(path), "--sheet", "销售明细").stdout)
    assert report["ingest"]["sheet"] == "销售明细" and report["ingest"]["rows_loaded"] == len(sales_files.ORDERS)


@pytest.mark.parametrize("kind", ["empty", "not_a_spreadsheet", "password_protected", "required_column_missing"])
def test_unreadable_file_exits_non_zero_with_one_line(tmp_path, kind):
    name, make, _zh, en = BAD_FILES[kind]
    path = tmp_path / name
    path.write_bytes(make())
    result = run("report", str(path))
    assert result.returncode == 1
    assert result.stderr.count("\n") == 1 and en in result.stderr
    assert "Traceback" not in result.stderr and result.stdout == ""


def test_missing_file_exits_non_zero(tmp_path):
    result = run("--lang", "zh", "report", str(tmp_path / "nope.xlsx"))
    assert result.returncode == 1 and "无法打开文件" in result.stderr


def test_every_command_has_help():
    result = run("report", "--help")
    assert result.returncode == 0 and "Example:" in result.stdout


ANALYSED = (
    "客户,日期,金额\n"
    "甲,2024-11-01,200\n甲,2024-12-01,250\n甲,2024-12-31,250\n"  # 700 over 3 orders
    "乙,2024-12-20,100\n"
    "丙,2023-06-01,100\n"  # last bought 579 days before as_of
)


def test_customers_carry_tier_segment_and_churn_level(tmp_path):
    orders = tmp_path / "o.csv"
    orders.write_text(ANALYSED, encoding="utf-8")
    report = json.loads(run("report", str(orders)).stdout)
    result = {
        c["customer"]: (c["revenue"], c["abc_tier"], c["rfm_segment"], c["churn_level"]) for c in report["customers"]
    }
    # positive total 800: 甲 cum_before 0 -> A; 乙 700/800 = 0.875 -> B; 丙 has nothing in the window -> C
    # RFM means: R (0 + 11) / 2 = 5.5, F (3 + 1) / 2 = 2, M (700 + 100) / 2 = 400
    expected = {
        "甲": (700.0, "A", "important_value", "ok"),
        "乙": (100.0, "B", "general_winback", "ok"),
        "丙": (0.0, "C", None, "lost"),
    }
    assert result == expected


def test_without_a_pipeline_the_funnel_is_the_customer_funnel(tmp_path):
    orders = tmp_path / "o.csv"
    orders.write_text(ANALYSED, encoding="utf-8")
    report = json.loads(run("report", str(orders)).stdout)
    # 甲 (3 orders) is tier A: it counts at every stage, as a won deal does (issue #11)
    assert [(s["stage"], s["reached"]) for s in report["funnel"]] == [
        ("first_purchase", 2),
        ("second_purchase", 1),
        ("repeat_4", 1),
        ("tier_a", 1),
    ]
    assert report["funnel"][1]["conversion"] == 0.5
    assert report["win_rate"] is None


def test_with_a_pipeline_the_funnel_uses_its_stage_labels_and_win_rate(tmp_path):
    orders = tmp_path / "o.csv"
    orders.write_text(ANALYSED, encoding="utf-8")
    pipeline = tmp_path / "p.csv"
    pipeline.write_text(
        "商机编号,客户,销售阶段,预计金额,输单阶段\nP1,甲,线索,10,\nP2,乙,赢单,20,\nP3,丙,输单,30,线索\n",
        encoding="utf-8",
    )
    report = json.loads(run("report", str(orders), "--pipeline", str(pipeline)).stdout)
    assert [(s["stage"], s["reached"]) for s in report["funnel"]] == [("线索", 3), ("赢单", 1)]
    assert report["funnel"][0]["conversion"] is None  # the first stage has no stage before it
    assert report["funnel"][1]["conversion"] == pytest.approx(1 / 3)
    assert report["win_rate"] == 0.5  # won 1 / (won 1 + lost 1)


def test_unwritable_output_path_is_a_one_line_error(tmp_path):
    orders = tmp_path / "o.csv"
    orders.write_text(ANALYSED, encoding="utf-8")
    result = run("report", str(orders), "--xlsx", str(tmp_path / "no" / "such" / "dir" / "brief.xlsx"))
    assert result.returncode == 1
    assert "Cannot write the output file" in result.stderr and "Traceback" not in result.stderr


def test_the_report_of_a_plain_csv_loads_no_dataframe_library(tmp_path):
    """Issue #4's speed rests on it: importing pandas alone costs ~0.3 s of a ~1.5 s report."""
    orders = tmp_path / "orders.csv"
    orders.write_text("客户,日期,金额\n甲,2024-01-05,10\n乙,2024-01-06,20\n甲,2024-02-06,-5\n", encoding="utf-8")
    code = (
        "import runpy, sys\n"
        f"sys.argv = ['core', 'report', {str(orders)!r}, '--json', {str(tmp_path / 'out.json')!r}]\n"
        "try:\n    runpy.run_module('core', run_name='__main__')\nexcept SystemExit as exit:\n    assert not exit.code\n"
        "print(sorted(m for m in ('pandas', 'pyarrow', 'numpy', 'openpyxl') if m in sys.modules))\n"
    )
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "[]"
    assert json.loads((tmp_path / "out.json").read_text(encoding="utf-8"))["ingest"]["rows_loaded"] == 3
