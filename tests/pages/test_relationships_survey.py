"""Satisfaction and referrals on screen (docs/outlook.md § Satisfaction and referrals): the relationships page's
columns and the line saying the bands weighed them, only with the columns in the file; the profile's score. The
six customers of tests/survey_files.py, worked out by hand there."""

from __future__ import annotations

import os
from datetime import UTC, datetime
from pathlib import Path

import pytest
import survey_files
from app_run import APP
from streamlit.testing.v1 import AppTest

from core import ingest, store, workspace

RELATIONSHIPS, PROFILE = "views/relationships.py", "views/profile.py"


def _save(data: bytes) -> None:
    con = store.connect()
    reports = {"orders": ingest.load_file(con, data, "orders.csv")}
    workspace.save_dataset(Path(os.environ["KA_WORKSPACE"]), con, reports, "w", uploaded_at=datetime.now(UTC))


def _open(page: str, lang: str = "zh", **query) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=90)
    for name, value in query.items():
        at.query_params[name] = value
    at.run()
    at.switch_page(page).run()
    if lang != "zh":
        at.session_state["lang"] = lang
        at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def _survey_columns(at: AppTest) -> AppTest:
    """The customer list's survey group (the list shows one group of columns at a time on a laptop)."""
    at.radio(key="rel_columns").set_value("survey").run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def _listed(at: AppTest, column: str):
    return next(d.value for d in at.dataframe if column in d.value.columns)


def _captions(at: AppTest) -> str:
    return " ".join(c.value for c in at.caption)


def test_relationships_list_shows_each_customers_score_referrals_and_why(tmp_path):
    _save(survey_files.six_csv())
    at = _survey_columns(_open(RELATIONSHIPS))
    listed = _listed(at, "忠诚度依据").set_index("客户")
    assert listed.loc["甲", ["忠诚度", "满意度", "转介绍", "按复购"]].tolist() == ["中忠诚度", "40%", "—", "高忠诚度"]
    assert listed.loc["丙", ["忠诚度", "满意度", "转介绍"]].tolist() == ["高忠诚度", "未调研", "1"]
    assert listed.loc["甲", "忠诚度依据"] == "不满意（<60%），下调一档"
    assert "忠诚度已参考客户满意度" in _captions(at)
    assert "忠诚度已参考转介绍" in _captions(at)


def test_bands_count_the_adjusted_band(tmp_path):
    _save(survey_files.six_csv())
    at = _open(RELATIONSHIPS)
    # high: 乙, 丙 (raised), 己; medium: 甲 (lowered), 戊; low: 丁
    assert _listed(at, "忠诚度")["客户数"].tolist()[:3] == [3, 2, 1]


def test_without_survey_columns_the_page_says_nothing_about_them(tmp_path):
    _save(survey_files.six_csv(survey=False))
    at = _open(RELATIONSHIPS)
    columns = _listed(at, "概率来源").columns
    assert not {"满意度", "转介绍", "按复购", "忠诚度依据"} & set(columns)
    assert "满意度" not in _captions(at) and "转介绍" not in _captions(at)


def test_only_the_column_the_file_has_is_spoken_of(tmp_path):
    text = "客户,日期,金额,转介绍\n甲,2024-12-01,100,是\n乙,2024-12-02,100,\n"
    _save(text.encode())
    at = _survey_columns(_open(RELATIONSHIPS))
    assert "满意度" not in _listed(at, "忠诚度依据").columns
    assert "转介绍" in _listed(at, "忠诚度依据").columns
    assert "忠诚度已参考转介绍" in _captions(at) and "满意度" not in _captions(at)


def test_relationships_survey_columns_in_english(tmp_path):
    _save(survey_files.six_csv())
    # the group picked in Chinese, then the language switched: AppTest words a radio's value in Chinese only
    at = _survey_columns(_open(RELATIONSHIPS))
    at.session_state["lang"] = "en"
    at.run()
    listed = _listed(at, "Why this band").set_index("Customer")
    assert listed.loc["丁", ["Loyalty", "Satisfaction", "Referrals"]].tolist() == ["Low loyalty", "20%", "1"]
    assert listed.loc["丁", "Why this band"] == "Dissatisfied (<60%); already low"
    assert "Loyalty weighs satisfaction" in _captions(at)


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        ("zh", "满意度 40%（最近一次调研/回访） · 不满意（<60%），下调一档"),
        ("en", "Satisfaction 40% (latest survey) · Dissatisfied (<60%): one band down"),
    ],
)
def test_profile_shows_the_customers_latest_score_and_why(tmp_path, lang, expected):
    _save(survey_files.six_csv())
    at = _open(PROFILE, lang, customer="甲")
    assert expected in [c.value for c in at.caption]


def test_profile_says_nothing_of_surveys_without_the_columns(tmp_path):
    _save(survey_files.six_csv(survey=False))
    at = _open(PROFILE, customer="甲")
    assert not [c.value for c in at.caption if "满意度" in c.value]


def test_the_list_behind_a_stage_keeps_its_columns_with_survey_columns_in_the_file(tmp_path):
    _save(survey_files.six_csv())
    at = _open(RELATIONSHIPS, stage="new")  # 己: its first purchase 5 days before as_of
    behind = _listed(at, "首次购买")
    assert "己" in behind["客户"].tolist()
    assert not {"满意度", "转介绍", "按复购", "忠诚度依据"} & set(behind.columns)


def test_survey_columns_are_a_group_of_their_own_so_the_default_list_fits_a_laptop(tmp_path):
    _save(survey_files.six_csv())
    at = _open(RELATIONSHIPS)
    assert "满意度与转介绍" in at.radio(key="rel_columns").options
    columns = _listed(at, "概率来源").columns
    assert not {"满意度", "转介绍", "按复购", "忠诚度依据"} & set(columns)


def test_an_empty_share_bar_carries_no_label():
    # two "0.0%" labels side by side read "0.0%0.0%" at 1366 px; the hover still says 0.0%
    import pandas as pd

    from core.labels import RELATIONSHIP_LABELS
    from ui import relationships_view

    summary = pd.DataFrame(
        {"relationship_level": ["basic", "proactive"], "customer_share": [0.0, 1.0], "revenue_share": [0.0, 1.0]}
    )
    fig = relationships_view.shares_figure(summary, "relationship_level", RELATIONSHIP_LABELS, "层级")
    assert [list(bar.text) for bar in fig.data] == [["", "100.0%"], ["", "100.0%"]]
