"""客户留存 / Cohorts (issue #14): the heatmap on categorical axes and the table, the CLI JSON's numbers."""

import json
import os
from datetime import UTC, datetime
from pathlib import Path

import pandas as pd
from app_run import open_page, plots, set_state

from core import ingest, store, workspace
from ui import cohorts_view

PAGE = "views/cohorts.py"
# 甲 first buys in January and again in March; 乙 only in January; 丙 first in February, a return in March
ORDERS = """客户,订单日期,金额
甲,2024-01-05,100
甲,2024-03-10,40
乙,2024-01-20,60
丙,2024-02-02,80
丙,2024-03-03,-20
"""


def _save() -> None:
    con = store.connect()
    report = ingest.load_file(con, ORDERS.encode("utf-8"), "orders.csv")
    workspace.save_dataset(
        Path(os.environ["KA_WORKSPACE"]), con, {"orders": report}, uploaded_at=datetime(2024, 4, 1, tzinfo=UTC)
    )


def test_table_shows_each_cohort_month_by_month_with_month_zero_the_whole_cohort():
    _save()
    at = open_page(PAGE)
    table = next(d.value for d in at.dataframe if "同期群" in d.value.columns)
    assert list(table["同期群"]) == ["2024-01", "2024-02", "2024-03"][:2]  # cohorts of first positive purchases
    assert list(table.iloc[0][["客户数", "第0月", "第1月", "第2月"]]) == ["2", "100.0%", "0.0%", "50.0%"]
    # 丙's March is only a return: not retained; months after as_of (2024-03) stay blank
    assert list(table.iloc[1][["客户数", "第0月", "第1月", "第2月"]]) == ["1", "100.0%", "0.0%", ""]
    assert "None" not in table.to_string()


def test_heatmap_axes_are_categories_cohort_months_and_month_numbers():
    _save()
    at = open_page(PAGE)
    heatmap = plots(at)[0]
    assert heatmap["data"][0]["type"] == "heatmap"
    assert heatmap["data"][0]["y"] == ["2024-01", "2024-02"] and heatmap["data"][0]["x"] == ["0", "1", "2"]
    assert heatmap["layout"]["xaxis"]["type"] == "category" and heatmap["layout"]["yaxis"]["type"] == "category"


def test_revenue_toggle_shows_each_cohorts_net_revenue_per_month():
    _save()
    at = open_page(PAGE)
    at.radio(key="coh_measure").set_value("revenue").run()
    table = next(d.value for d in at.dataframe if "同期群" in d.value.columns)
    assert list(table.iloc[0][["第0月", "第1月", "第2月"]]) == ["¥160", "¥0", "¥40"]


def test_page_numbers_are_the_command_line_reports_cohorts(tmp_path):
    import subprocess
    import sys

    (tmp_path / "orders.csv").write_text(ORDERS, encoding="utf-8")
    root = Path(__file__).resolve().parents[2]
    result = subprocess.run(
        [sys.executable, "-m", "core", "report", str(tmp_path / "orders.csv"), "--json", "-"],
        cwd=root,
        capture_output=True,
        text=True,
        timeout=120,
    )
    cli = [(c["cohort"], c["month"], c["customers"]) for c in json.loads(result.stdout)["cohorts"]]
    _save()
    at = open_page(PAGE)
    at.radio(key="coh_measure").set_value("customers").run()
    table = next(d.value for d in at.dataframe if "同期群" in d.value.columns)
    shown = [
        (row["同期群"], n, int(row[f"第{n}月"])) for _, row in table.iterrows() for n in range(3) if row[f"第{n}月"]
    ]
    assert shown == cli


def test_page_in_english():
    _save()
    at = open_page(PAGE)
    set_state(at, "lang", "en")
    assert not at.exception
    assert at.title[0].value == "Cohorts"
    table = next(d.value for d in at.dataframe if "Cohort" in d.value.columns)
    assert list(table.columns[:3]) == ["Cohort", "Customers", "Month 0"]


def _months(n: int) -> pd.DataFrame:
    """One cohort of 10 customers followed for n months: 5 retained each later month, ¥47,000 then ¥4,700."""
    return pd.DataFrame(
        {
            "cohort": ["2022-01"] * n,
            "month": range(n),
            "customers": [10] + [5] * (n - 1),
            "revenue": [47_000.0] + [4_700.0] * (n - 1),
            "cohort_customers": [10] * n,
            "share": [1.0] + [0.5] * (n - 1),
        }
    )


def _labelled(fig) -> list[int]:
    return [j for j, label in enumerate(fig.data[0].text[0]) if label]


def test_up_to_24_months_every_cell_carries_its_figure():
    fig = cohorts_view.heatmap(_months(24), "share", range(0, 8))
    assert _labelled(fig) == list(range(24)) and list(fig.data[0].text[0][:2]) == ["100%", "50%"]


def test_past_24_months_only_the_months_the_table_shows_carry_a_figure_in_a_fixed_size():
    fig = cohorts_view.heatmap(_months(30), "share", range(8, 16))
    assert _labelled(fig) == list(range(8, 16))
    assert fig.data[0].text[0][8] == "50" and fig.data[0].textfont.size == 11  # '50%' is wider than a 17 px cell
    assert fig.data[0].hovertext[0][29]  # an unlabelled cell keeps its figure in the hover
    (outline,) = fig.layout.shapes
    assert (outline.x0, outline.x1) == (7.5, 15.5)


def test_past_24_months_revenue_is_labelled_in_a_unit_that_keeps_it_to_three_characters():
    fig = cohorts_view.heatmap(_months(30), "revenue", range(0, 8))
    assert fig.data[0].colorbar.title.text == "万元"  # the sample's language: ¥47,000 is 4.7 万元
    assert list(fig.data[0].text[0][:2]) == ["4.7", "0.5"]
