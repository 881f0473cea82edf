"""python -m core report --json with satisfaction and referral columns (docs/outlook.md § Satisfaction and
referrals): each customer gains loyalty_band_behavioural, satisfaction, referrals and loyalty_reason; without the
columns they are null (the band its behavioural one) and every other field is as before."""

import json
import subprocess
import sys
from pathlib import Path

import survey_files

from core.summary import CUSTOMER_FIELDS

ROOT = Path(__file__).resolve().parent.parent
NEW = ("loyalty_band_behavioural", "satisfaction", "referrals", "loyalty_reason")


def report(tmp_path: Path, data: bytes, name: str = "orders.csv") -> dict:
    orders = tmp_path / name
    orders.write_bytes(data)
    done = subprocess.run(
        [sys.executable, "-m", "core", "report", str(orders), "--json", "-", "--as-of", "2024-12-31"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def test_report_customers_gain_score_referrals_band_from_purchases_and_reason(tmp_path):
    customers = {c["customer"]: c for c in report(tmp_path, survey_files.six_csv())["customers"]}
    result = {name: tuple(customers[name][k] for k in ("loyalty_band", *NEW)) for name in ("甲", "丙", "己")}
    assert result == {
        "甲": ("medium", "high", 0.4, None, "lowered_dissatisfied"),
        "丙": ("high", "medium", None, 1, "raised_referral"),
        "己": ("high", "high", None, None, "not_surveyed"),
    }


def test_report_says_the_scale_it_read_and_lists_unreadable_cells(tmp_path):
    text = "客户,日期,金额,NPS,Referred\nA,2024-12-01,100,9,Y\nB,2024-12-02,100,好评,maybe\n"
    result = report(tmp_path, text.encode())
    ingest = result["ingest"]["orders"] if "orders" in result["ingest"] else result["ingest"]
    assert any("0–10 (NPS-style)" in n for n in ingest["notes"])
    assert [(c["row"], c["column"], c["value"]) for c in ingest["rejected_cells"]] == [
        (3, "NPS", "好评"),
        (3, "Referred", "maybe"),
    ]
    assert ingest["rows_loaded"] == 2  # a bad survey cell never drops the order


def test_without_survey_columns_the_new_fields_are_null_and_the_rest_is_unchanged(tmp_path):
    plain = report(tmp_path, survey_files.six_csv(survey=False))
    # the same orders with the two columns present and every cell blank: the file says nothing about surveys
    blank = survey_files.six_csv(survey=False).decode().splitlines()
    blank = [blank[0] + ",满意度,转介绍"] + [line + ",," for line in blank[1:]]
    empty = report(tmp_path, ("\n".join(blank) + "\n").encode(), "blank.csv")
    assert json.dumps(plain["customers"], ensure_ascii=False) == json.dumps(empty["customers"], ensure_ascii=False)
    assert {tuple(c[k] for k in NEW[1:]) for c in plain["customers"]} == {(None, None, None)}
    assert all(c["loyalty_band_behavioural"] == c["loyalty_band"] for c in plain["customers"])
    assert [list(c) for c in plain["customers"]] == [list(CUSTOMER_FIELDS)] * 6  # the new keys last
