"""Known stage vocabularies order the funnel before any date or count heuristic (issue #11 item 5)."""

import random
from datetime import date, timedelta

import crm_pipeline
import pytest

from core import ingest
from core.analytics.funnel import stage_order
from core.filters import Filters
from tests.analytics._orders_b import fresh_store, opportunity, pipeline_store

ALL = Filters()


def labels(con) -> list[str]:
    return [s["stage"] for s in stage_order(con, ALL)]


def test_crm_sales_opportunities_stages_are_prospecting_engaging_won_lost():
    # as in the public export: Engaging outnumbers Prospecting (16 vs 5) and Prospecting has no engage date,
    # so neither counts nor dates would put Prospecting first; its name does
    con = fresh_store()
    ingest.load_file(con, crm_pipeline.csv_bytes(), "sales_pipeline.csv", table="pipeline")
    assert labels(con) == ["Prospecting", "Engaging", "Won", "Lost"]


def test_four_stage_set_orders_by_name_whatever_the_counts_and_dates():
    r = random.Random(42)
    rows = []
    for stage, n in {"Won": 30, "Lost": 20, "Engaging": 50, "Prospecting": 3}.items():
        for i in range(n):
            created = None if stage == "Prospecting" else date(2017, 1, 1) + timedelta(days=r.randint(0, 300))
            rows.append(opportunity(f"{stage}{i}", stage, created_date=created))
    r.shuffle(rows)
    assert labels(pipeline_store(*rows)) == ["Prospecting", "Engaging", "Won", "Lost"]


ZH_GENERIC = ["线索", "初步沟通", "需求确认", "方案报价", "商务谈判", "合同签订", "赢单", "输单"]


def test_chinese_generic_stage_names_are_detected_in_their_order():
    shuffled = ZH_GENERIC[:]
    random.Random(42).shuffle(shuffled)
    con = pipeline_store(*(opportunity(str(i), name) for i, name in enumerate(shuffled)))
    assert labels(con) == ZH_GENERIC


@pytest.mark.parametrize("first", ["Prospecting", "Lead", "线索"])
def test_counts_alone_never_put_an_unknown_stage_before_a_known_first_stage(first):
    # 4 Pilot deals against 1 in the first stage: by counts Pilot would come first
    con = pipeline_store(opportunity("F", first), *(opportunity(f"P{i}", "Pilot") for i in range(4)))
    assert labels(con) == [first, "Pilot"]


def test_counts_place_an_unknown_stage_after_the_first_stage_and_before_a_smaller_later_one():
    # Pilot (3) outnumbers Negotiation (1): before it, after Lead
    con = pipeline_store(
        opportunity("L", "Lead"),
        *(opportunity(f"P{i}", "Pilot") for i in range(3)),
        opportunity("N", "Negotiation"),
    )
    assert labels(con) == ["Lead", "Pilot", "Negotiation"]
