"""The brief's Relationships sheet with survey columns (docs/outlook.md § Satisfaction and referrals): the six
customers of tests/survey_files.py, by hand; without the columns the sheet keeps its columns."""

from __future__ import annotations

import pytest
import survey_files
from brief_book import load_brief, table, texts


def _sheet(data: bytes, lang: str, zh_name: str = "客户关系", en_name: str = "Relationships"):
    return load_brief(data, lang)[1][zh_name if lang == "zh" else en_name]


def test_relationships_sheet_gains_score_referrals_band_from_purchases_and_why():
    rows = {r["客户"]: r for r in table(_sheet(survey_files.six_csv(), "zh"), "客户忠诚度与关系层级")}
    assert rows["甲"]["满意度（最近一次调研，0–100%）"] == pytest.approx(0.4)
    assert rows["甲"]["转介绍客户数"] is None  # no referral cell
    assert rows["甲"]["按复购的忠诚度"] == "高忠诚度（复购概率 70% 以上）"
    assert rows["甲"]["忠诚度"] == "中忠诚度（复购概率 30%–70%）"
    assert rows["乙"]["转介绍客户数"] == 2
    assert rows["己"]["满意度（最近一次调研，0–100%）"] is None  # not surveyed: an empty cell
    assert rows["丙"]["忠诚度依据"] == "有转介绍，上调一档"


def test_relationships_sheet_survey_columns_in_english():
    rows = {
        r["Customer"]: r
        for r in table(_sheet(survey_files.six_csv(), "en"), "Customers by loyalty and relationship level")
    }
    assert rows["戊"]["Referrals"] == 0
    assert rows["戊"]["Why this band"] == "Neutral: from purchases"


def test_relationships_sheet_without_survey_columns_has_none_of_them():
    rows = table(_sheet(survey_files.six_csv(survey=False), "zh"), "客户忠诚度与关系层级")
    assert list(rows[0]) == [
        "客户",
        "客户名称",
        "层级",
        "忠诚度",
        "未来90天复购概率",
        "概率来源",
        "毛利档",
        "关系层级",
        "建议联系方式",
        "净销售额",
    ]


@pytest.mark.parametrize(("survey", "said"), [(True, True), (False, False)])
def test_definitions_state_the_survey_rule_only_when_the_file_has_the_columns(survey, said):
    ws = _sheet(survey_files.six_csv(survey=survey), "en", en_name="Definitions")
    assert ("below 60% is dissatisfied" in " ".join(texts(ws))) is said
