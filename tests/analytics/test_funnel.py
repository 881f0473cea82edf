"""Pipeline funnel (PRODUCT.md § Funnel conversion): stage detection, reached, conversion, win rate."""

from __future__ import annotations

import random
from datetime import date

import pandas as pd
import pytest
from pandas.testing import assert_frame_equal

from core.analytics.funnel import funnel_by, pipeline_funnel, stage_order, win_rate
from core.filters import Filters
from tests.analytics._orders_b import opportunity, pipeline_store

ALL = Filters()

# Seven opportunities, one per situation; amounts are 100 x the id so sums show who was counted.
CHINESE_PIPELINE = (
    opportunity("1", "线索", 100),
    opportunity("2", "商机", 200),
    opportunity("3", "方案/报价", 300),
    opportunity("4", "谈判", 400),
    opportunity("5", "赢单", 500),
    opportunity("6", "输单", 600, lost_stage="方案/报价"),
    opportunity("7", "输单", 700),  # lost, stage unknown
)


def reached(funnel: pd.DataFrame) -> dict[str, int]:
    return dict(zip(funnel["stage"], funnel["reached"]))


def labels(con) -> list[str]:
    return [s["stage"] for s in stage_order(con, ALL)]


def test_funnel_lists_open_stages_in_order_then_won_with_reached_and_conversion():
    con = pipeline_store(*CHINESE_PIPELINE)
    result = pipeline_funnel(con, ALL)
    expected = pd.DataFrame(
        {
            "position": [1, 2, 3, 4, 5],
            "stage": ["线索", "商机", "方案/报价", "谈判", "赢单"],
            "kind": ["open", "open", "open", "open", "won"],
            # 线索: all 7; 商机: 2-6; 方案/报价: 3-6; 谈判: 4, 5; 赢单: 5
            "reached": [7, 5, 4, 2, 1],
            "reached_amount": [2800.0, 2000.0, 1800.0, 900.0, 500.0],
            "conversion": [None, 5 / 7, 4 / 5, 2 / 4, 1 / 2],
            "amount_conversion": [None, 2000 / 2800, 1800 / 2000, 900 / 1800, 500 / 900],
        }
    )
    assert_frame_equal(result, expected, check_dtype=False)


def test_won_opportunity_reached_every_stage():
    con = pipeline_store(opportunity("1", "Lead"), opportunity("2", "Negotiation"), opportunity("3", "Won"))
    assert reached(pipeline_funnel(con, ALL)) == {"Lead": 3, "Negotiation": 2, "Won": 1}


def test_lost_opportunity_with_lost_stage_reached_up_to_that_stage():
    con = pipeline_store(
        opportunity("1", "Lead"),
        opportunity("2", "Proposal"),
        opportunity("3", "Negotiation"),
        opportunity("4", "Lost", lost_stage="Proposal"),
    )
    assert reached(pipeline_funnel(con, ALL)) == {"Lead": 4, "Proposal": 3, "Negotiation": 1}


def test_lost_opportunity_without_lost_stage_reached_only_the_first_stage():
    con = pipeline_store(opportunity("1", "Lead"), opportunity("2", "Proposal"), opportunity("3", "Lost"))
    assert reached(pipeline_funnel(con, ALL)) == {"Lead": 3, "Proposal": 1}  # the lost one counts at Lead only


def test_stage_named_only_as_a_lost_stage_is_still_a_funnel_stage():
    con = pipeline_store(opportunity("1", "Lead"), opportunity("2", "Closed Lost", lost_stage="Negotiation"))
    assert reached(pipeline_funnel(con, ALL)) == {"Lead": 2, "Negotiation": 1}


def test_first_stage_conversion_is_null():
    con = pipeline_store(*CHINESE_PIPELINE)
    assert pd.isna(pipeline_funnel(con, ALL)["conversion"].iloc[0])


def test_missing_amount_counts_as_zero_in_reached_amount():
    con = pipeline_store(opportunity("1", "Lead", 100), opportunity("2", "Lead", None))
    result = pipeline_funnel(con, ALL)
    assert (result["reached"].iloc[0], result["reached_amount"].iloc[0]) == (2, 100.0)


SALESFORCE = [
    "Prospecting",
    "Qualification",
    "Needs Analysis",
    "Value Proposition",
    "Id. Decision Makers",
    "Perception Analysis",
    "Proposal/Price Quote",
    "Negotiation/Review",
    "Closed Won",
    "Closed Lost",
]
HUBSPOT_IDS = [
    "appointmentscheduled",
    "qualifiedtobuy",
    "presentationscheduled",
    "decisionmakerboughtin",
    "contractsent",
    "closedwon",
    "closedlost",
]
HUBSPOT_LABELS = [
    "Appointment Scheduled",
    "Qualified To Buy",
    "Presentation Scheduled",
    "Decision Maker Bought-In",
    "Contract Sent",
    "Closed Won",
    "Closed Lost",
]
ZOHO = [
    "Qualification",
    "Needs Analysis",
    "Value Proposition",
    "Identify Decision Makers",
    "Proposal/Price Quote",
    "Negotiation/Review",
    "Closed Won",
    "Closed Lost",
    "Closed Lost to Competition",
]
FXIAOKE = ["验证客户", "需求确定", "方案/报价", "谈判审核", "赢单", "输单", "无效"]


@pytest.mark.parametrize(
    "names",
    [SALESFORCE, HUBSPOT_IDS, HUBSPOT_LABELS, ZOHO, FXIAOKE],
    ids=["salesforce", "hubspot_ids", "hubspot_labels", "zoho", "fxiaoke"],
)
def test_crm_default_stage_names_are_detected_in_their_order(names):
    shuffled = names[:]
    random.Random(42).shuffle(shuffled)
    con = pipeline_store(*(opportunity(str(i), name) for i, name in enumerate(shuffled)))
    assert labels(con) == names


def test_stage_kinds_are_open_then_won_then_lost():
    con = pipeline_store(*(opportunity(str(i), name) for i, name in enumerate(HUBSPOT_IDS)))
    result = [(s["kind"], s["position"]) for s in stage_order(con, ALL)]
    assert result == [("open", 1), ("open", 2), ("open", 3), ("open", 4), ("open", 5), ("won", 6), ("lost", 7)]


def test_stage_names_match_ignoring_case_spaces_and_punctuation():
    con = pipeline_store(
        opportunity("1", "closed_won"),
        opportunity("2", "NEGOTIATION - review"),
        opportunity("3", "prospecting "),
        opportunity("4", "ＣＬＯＳＥＤ　ＬＯＳＴ"),  # full-width letters and space
    )
    result = [(s["stage"], s["kind"]) for s in stage_order(con, ALL)]
    expected = [
        ("prospecting ", "open"),
        ("NEGOTIATION - review", "open"),
        ("closed_won", "won"),
        ("ＣＬＯＳＥＤ　ＬＯＳＴ", "lost"),
    ]
    assert result == expected


def test_unknown_stage_goes_before_the_first_known_stage_with_older_opportunities():
    # opportunities age forward: Lead holds the newest (median Dec), Negotiation the oldest (Jun)
    con = pipeline_store(
        opportunity("1", "Lead", created_date=date(2024, 12, 1)),
        opportunity("2", "Negotiation", created_date=date(2024, 6, 1)),
        opportunity("3", "试点", created_date=date(2024, 9, 1)),
        opportunity("4", "试点", created_date=date(2024, 9, 3)),
    )
    assert labels(con) == ["Lead", "试点", "Negotiation"]


def test_unknown_stage_newer_than_every_known_stage_goes_first():
    con = pipeline_store(
        opportunity("1", "Lead", created_date=date(2024, 12, 1)),
        opportunity("2", "Inquiry", created_date=date(2024, 12, 20)),
    )
    assert labels(con) == ["Inquiry", "Lead"]


def test_unknown_stage_without_dates_goes_before_the_first_known_stage_with_fewer_opportunities():
    con = pipeline_store(
        *(opportunity(f"L{i}", "Lead") for i in range(5)),
        *(opportunity(f"P{i}", "Pilot") for i in range(3)),
        opportunity("N1", "Negotiation"),
    )
    assert labels(con) == ["Lead", "Pilot", "Negotiation"]


def test_passed_stage_order_overrides_the_detected_one():
    con = pipeline_store(*CHINESE_PIPELINE)
    result = pipeline_funnel(con, ALL, stage_order=["线索", "方案/报价", "商机", "谈判"])
    assert list(result["stage"]) == ["线索", "方案/报价", "商机", "谈判", "赢单"]
    assert list(result["reached"]) == [7, 5, 3, 2, 1]  # 商机 now comes after 方案/报价: only 2, 4, 5 reach it


def test_stages_left_out_of_a_passed_order_follow_in_detected_order():
    con = pipeline_store(*CHINESE_PIPELINE)
    result = pipeline_funnel(con, ALL, stage_order=["谈判", "线索"])
    assert list(result["stage"]) == ["谈判", "线索", "商机", "方案/报价", "赢单"]


def test_win_rate_is_won_over_won_plus_lost_by_count_and_by_value():
    con = pipeline_store(*CHINESE_PIPELINE)  # won: 500; lost: 600 + 700
    result = win_rate(con, ALL)
    expected = pd.DataFrame(
        {
            "won_count": [1],
            "lost_count": [2],
            "win_rate": [1 / 3],
            "won_amount": [500.0],
            "lost_amount": [1300.0],
            "amount_win_rate": [500 / 1800],
            "open_count": [4],  # 线索, 商机, 方案/报价, 谈判
            "won_valued_count": [1],
            "lost_valued_count": [2],
            "open_valued_count": [4],
        }
    )
    assert_frame_equal(result, expected, check_dtype=False)


def test_win_rate_is_null_without_a_closed_opportunity():
    con = pipeline_store(opportunity("1", "线索", 100), opportunity("2", "谈判", 100))
    result = win_rate(con, ALL)
    assert (result["won_count"].iloc[0], result["lost_count"].iloc[0]) == (0, 0)
    assert pd.isna(result["win_rate"].iloc[0]) and pd.isna(result["amount_win_rate"].iloc[0])


def test_filters_leaving_no_opportunity_give_an_empty_funnel():
    con = pipeline_store(*(dict(o, region="华东") for o in CHINESE_PIPELINE))
    only_south = Filters(region=("华南",))
    result = pipeline_funnel(con, only_south)
    assert result.empty
    assert list(result.columns) == [
        "position",
        "stage",
        "kind",
        "reached",
        "reached_amount",
        "conversion",
        "amount_conversion",
    ]
    assert stage_order(con, only_south) == []


def test_account_manager_filter_reads_the_opportunity_owner():
    con = pipeline_store(opportunity("1", "Lead", owner="王"), opportunity("2", "Won", owner="李"))
    assert reached(pipeline_funnel(con, Filters(account_manager=("王",)))) == {"Lead": 1}


def test_funnel_by_owner_puts_each_owner_on_the_same_stages():
    con = pipeline_store(
        opportunity("1", "Lead", 10, owner="王"),
        opportunity("2", "Won", 20, owner="王"),
        opportunity("3", "Lead", 30, owner="李"),
    )
    result = funnel_by(con, ALL, "owner")[["owner", "stage", "reached", "conversion"]]
    expected = pd.DataFrame(
        {
            "owner": ["李", "李", "王", "王"],
            "stage": ["Lead", "Won", "Lead", "Won"],
            "reached": [1, 0, 2, 1],
            "conversion": [None, 0.0, None, 0.5],
        }
    )
    assert_frame_equal(result, expected, check_dtype=False)


def test_funnel_by_an_unknown_dimension_is_a_programming_error():
    con = pipeline_store(opportunity("1", "Lead"))
    with pytest.raises(ValueError, match="not a funnel breakdown"):
        funnel_by(con, ALL, 'owner"; drop table pipeline; --')
