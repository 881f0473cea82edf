"""python -m core report with the CRM pipeline (issue #11 item 5): fields added to the JSON, none renamed."""

import json
import subprocess
import sys
from pathlib import Path

import crm_pipeline
import pytest
import retail_export

ROOT = Path(__file__).resolve().parent.parent


def report(tmp_path, pipeline: bytes, lang: str = "en") -> dict:
    orders = tmp_path / "Online Retail.csv"
    orders.write_bytes(retail_export.csv_bytes())
    path = tmp_path / "sales_pipeline.csv"
    path.write_bytes(pipeline)
    result = subprocess.run(
        [sys.executable, "-m", "core", "--lang", lang, "report", str(orders), "--pipeline", str(path)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


@pytest.fixture(scope="module")
def crm_report(tmp_path_factory) -> dict:
    return report(tmp_path_factory.mktemp("crm"), crm_pipeline.csv_bytes())


def test_values_only_on_won_deals_are_explained_in_funnel_amounts(crm_report):
    amounts = crm_report["funnel_amounts"]
    # 12 won deals carry 1,000..2,100; 7 lost say 0, 21 open are blank
    expected = {"basis": "won_only", "won_valued_count": 12, "lost_valued_count": 0, "open_valued_count": 0}
    assert {k: amounts[k] for k in expected} == expected
    assert amounts["note"].startswith("Only won deals carry an amount")


def test_the_count_win_rate_and_funnel_keep_their_fields(crm_report):
    assert crm_report["win_rate"] == pytest.approx(12 / 19)  # 12 won / (12 won + 7 lost)
    assert [(s["stage"], s["reached"]) for s in crm_report["funnel"]] == [
        ("Prospecting", 40),  # every deal: 5 prospecting, 16 engaging, 12 won, 7 lost (reached only the first)
        ("Engaging", 28),  # 16 engaging + 12 won
        ("Won", 12),
    ]


def test_pipeline_dated_after_the_orders_as_of_is_counted(crm_report):
    after = crm_report["pipeline_after_as_of"]
    rows = crm_pipeline.rows()
    latest = max(d for r in rows for d in (r[5], r[6] if r[4] in ("Won", "Lost") else "") if d)
    assert crm_report["as_of"] < "2012-01-01"
    assert after == {"opportunities_count": 35, "latest_date": latest}  # all but the 5 undated prospecting


def test_the_note_follows_the_report_language(tmp_path):
    zh = report(tmp_path, crm_pipeline.csv_bytes(), "zh")
    assert zh["funnel_amounts"]["note"].startswith("金额只记录在赢单上")


def test_a_pipeline_with_values_on_every_deal_has_no_note(tmp_path):
    text = "Opportunity ID,Account,Deal Stage,Close Value\nO1,A,Won,100\nO2,B,Lost,50\nO3,C,Engaging,70\n"
    amounts = report(tmp_path, text.encode())["funnel_amounts"]
    assert (amounts["basis"], amounts["note"]) == ("all", None)


def test_without_a_pipeline_the_added_fields_are_null(tmp_path):
    orders = tmp_path / "o.csv"
    orders.write_bytes(retail_export.csv_bytes())
    result = subprocess.run(
        [sys.executable, "-m", "core", "report", str(orders)], cwd=ROOT, capture_output=True, text=True, timeout=120
    )
    result_json = json.loads(result.stdout)
    assert (result_json["funnel_amounts"], result_json["pipeline_after_as_of"]) == (None, None)
