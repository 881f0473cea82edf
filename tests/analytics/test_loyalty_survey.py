"""Satisfaction and referrals adjust the loyalty band (docs/outlook.md § Satisfaction and referrals), by hand:
the six customers of tests/survey_files.py."""

from __future__ import annotations

from datetime import timedelta

import pytest

from core import store
from core.access import Scope
from core.analytics.loyalty import adjusted_band, attitude
from core.filters import Filters
from core.ingest import load_file
from core.outlook import book_outlook
from core.workspace.merges import apply_decisions
from tests.survey_files import AS_OF, six_csv


@pytest.fixture
def con():
    connection = store.connect()
    yield connection
    connection.close()


def outlook(con, filters: Filters = Filters(as_of=AS_OF)) -> dict[str, dict]:
    return book_outlook(con, filters)[1]


def test_six_customers_band_from_behaviour_adjusted_by_satisfaction_and_referrals(con):
    load_file(con, six_csv(), "six.csv")
    result = {
        c: (o["loyalty_band_behavioural"], o["loyalty_band"], o["loyalty_reason"]) for c, o in outlook(con).items()
    }
    expected = {
        "甲": ("high", "medium", "lowered_dissatisfied"),
        "乙": ("high", "high", "kept_high_referral"),
        "丙": ("medium", "high", "raised_referral"),
        "丁": ("low", "low", "kept_low_dissatisfied"),
        "戊": ("medium", "medium", "kept_neutral"),
        "己": ("high", "high", "not_surveyed"),
    }
    assert result == expected


def test_six_customers_show_their_latest_score_and_referrals_summed(con):
    load_file(con, six_csv(), "six.csv")
    result = {c: (o["satisfaction"], o["referrals"]) for c, o in outlook(con).items()}
    expected = {
        "甲": (0.4, None),  # 5 then 2: the latest, 2 / 5
        "乙": (0.8, 2),  # 1 + 1
        "丙": (None, 1),  # 是
        "丁": (0.2, 1),
        "戊": (0.6, 0),  # 否
        "己": (None, None),
    }
    assert result == expected


def test_the_latest_score_is_the_latest_up_to_as_of(con):
    load_file(con, six_csv(), "six.csv")
    # as_of 1 day earlier: 甲's score of 2 (day 0) is in the future, its 5 (day 200) is the latest
    result = outlook(con, Filters(as_of=AS_OF - timedelta(days=1)))["甲"]
    assert (result["satisfaction"], result["loyalty_reason"]) == (1.0, "kept_satisfied")


def test_without_survey_columns_the_band_is_the_behavioural_one_and_the_new_fields_are_null(con):
    load_file(con, six_csv(survey=False), "six.csv")
    result = outlook(con)
    assert {c: o["loyalty_band"] for c, o in result.items()} == {
        "甲": "high",
        "乙": "high",
        "丙": "medium",
        "丁": "low",
        "戊": "medium",
        "己": "high",
    }
    assert all(o["loyalty_band"] == o["loyalty_band_behavioural"] for o in result.values())
    assert {(o["satisfaction"], o["referrals"], o["loyalty_reason"]) for o in result.values()} == {(None, None, None)}


def test_survey_answers_go_through_the_scope_like_every_other_figure(con):
    load_file(con, six_csv(), "six.csv")
    result = outlook(con, Filters(as_of=AS_OF).scoped(Scope(regions=("华南",))))
    assert {c: o["loyalty_reason"] for c, o in result.items()} == {
        "丙": "raised_referral",
        "丁": "kept_low_dissatisfied",
    }


def test_merged_duplicates_take_the_latest_survey_of_the_group(con):
    text = "客户,日期,金额,满意度\n云帆,2024-12-01,100,5\n云帆电子,2024-12-20,100,2\n云帆,2024-12-25,100,\n"
    load_file(con, text.encode(), "dup.csv")
    apply_decisions(con, {"merges": [{"into": "云帆", "from": ["云帆电子"]}], "kept_apart": []})
    result = outlook(con, Filters(as_of=AS_OF))
    # 云帆电子's 2 on 12-20 is the group's latest answer (12-25 has none): 2 / 5
    assert list(result) == ["云帆"]
    assert result["云帆"]["satisfaction"] == pytest.approx(0.4)


@pytest.mark.parametrize(
    ("score", "felt"),
    [(1.0, "satisfied"), (0.8, "satisfied"), (0.79, "neutral"), (0.6, "neutral"), (0.59, "dissatisfied"), (None, None)],
)
def test_satisfied_from_80_percent_dissatisfied_below_60(score, felt):
    assert attitude(score) == felt


@pytest.mark.parametrize(
    ("behavioural", "score", "referrals", "expected"),
    [
        ("high", 0.4, None, ("medium", "lowered_dissatisfied")),
        ("medium", 0.4, 3, ("low", "lowered_dissatisfied")),  # a referral does not outweigh dissatisfaction
        ("low", 0.2, None, ("low", "kept_low_dissatisfied")),
        ("low", None, 1, ("medium", "raised_referral")),
        ("medium", 0.6, 1, ("high", "raised_referral")),
        ("high", 0.9, 1, ("high", "kept_high_referral")),
        ("medium", 0.6, 0, ("medium", "kept_neutral")),
        ("low", 0.8, None, ("low", "kept_satisfied")),  # latent loyalty: the attitude alone moves nothing
        ("high", None, None, ("high", "not_surveyed")),
    ],
)
def test_dissatisfied_lowers_one_step_a_referral_raises_one_step_when_not_dissatisfied(
    behavioural, score, referrals, expected
):
    assert adjusted_band(behavioural, score, referrals) == expected
