"""Pipeline stage labels that differ only in case, width or spacing are one stage (#10), from the file to
the funnel: one step per stage, shown by its first spelling, and a lost_stage names a step of it."""

from __future__ import annotations

from core import ingest, store
from core.analytics.funnel import pipeline_funnel, stage_order, win_rate
from core.analytics.stage_names import same_stage_key
from core.filters import Filters

ALL = Filters()


def _pipeline(*lines: str):
    con = store.connect()
    text = "\n".join(["商机编号,客户,阶段,输单阶段,金额", *lines]) + "\n"
    report = ingest.load_file(con, text.encode("utf-8"), "pipeline.csv", table="pipeline")
    return con, report


def test_labels_with_the_same_key_differ_only_in_case_width_or_spaces():
    assert same_stage_key("Qualified") == same_stage_key("qualified") == same_stage_key("Ｑｕａｌｉｆｉｅｄ")
    assert same_stage_key("Closed  Won") == same_stage_key("closed won") == same_stage_key("Closed\u3000Won")
    assert same_stage_key("Proposal/Quote") != same_stage_key("Proposal Quote")


def test_case_and_width_variants_are_one_stage_shown_by_the_first_spelling():
    con, report = _pipeline(
        "1,甲,Lead,,10",
        "2,乙,Qualified,,20",
        "3,丙,qualified,,30",
        "4,丁,Ｑｕａｌｉｆｉｅｄ,,40",
        "5,戊,Won,,50",
    )
    assert [s["stage"] for s in stage_order(con, ALL)] == ["Lead", "Qualified", "Won"]
    funnel = pipeline_funnel(con, ALL)
    # Lead: all 5; Qualified: 2, 3, 4 and the won 5; Won: 5. No step between two spellings.
    assert dict(zip(funnel["stage"], funnel["reached"])) == {"Lead": 5, "Qualified": 4, "Won": 1}
    assert list(funnel["conversion"][1:]) == [4 / 5, 1 / 4]
    assert report.notes == [
        (
            "阶段名称仅大小写、全半角或空格不同的，视为同一阶段：「qualified」按「Qualified」；「Ｑｕａｌｉｆｉｅｄ」按「Qualified」。",
            "Stage names differing only in case, width or spacing are one stage: 'qualified' as 'Qualified'; "
            "'Ｑｕａｌｉｆｉｅｄ' as 'Qualified'.",
        )
    ]


def test_variants_are_one_stage_in_a_file_without_a_lost_stage_column():
    con = store.connect()
    text = "商机编号,客户,阶段\n1,甲,线索\n2,乙,Demo\n3,丙,DEMO\n"
    ingest.load_file(con, text.encode("utf-8"), "pipeline.csv", table="pipeline")
    assert [r[0] for r in con.execute("select stage from pipeline order by source_row").fetchall()] == [
        "线索",
        "Demo",
        "Demo",
    ]


def test_a_lost_stage_spelled_otherwise_is_the_step_it_names_not_the_first():
    con, _ = _pipeline(
        "1,甲,Lead,,100",
        "2,乙,Proposal,,200",
        "3,丙,Negotiation,,300",
        "4,丁,Lost,ＮＥＧＯＴＩＡＴＩＯＮ,400",  # lost at negotiation, written in full-width capitals
        "5,戊,Lost,proposal,500",
    )
    funnel = pipeline_funnel(con, ALL)
    # Lead: 1-5; Proposal: 2, 3, 4, 5; Negotiation: 3 and 4 (lost there). Before: 4 and 5 only reached Lead.
    assert dict(zip(funnel["stage"], funnel["reached"])) == {"Lead": 5, "Proposal": 4, "Negotiation": 2}
    assert list(funnel["reached_amount"]) == [1500.0, 1400.0, 700.0]


def test_a_lost_label_in_another_case_is_counted_lost():
    con, _ = _pipeline("1,甲,Won,,100", "2,乙,Lost,,200", "3,丙,LOST,,300", "4,丁,ｌｏｓｔ,,400")
    assert [(s["stage"], s["kind"]) for s in stage_order(con, ALL)] == [("Won", "won"), ("Lost", "lost")]
    rate = win_rate(con, ALL).iloc[0]
    assert (rate["won_count"], rate["lost_count"], rate["win_rate"]) == (1, 3, 1 / 4)


def test_the_first_spelling_may_come_from_the_lost_stage_column():
    con, _ = _pipeline("1,甲,Lost,Demo,100", "2,乙,demo,,200", "3,丙,Won,,300")
    assert con.execute("select stage, lost_stage from pipeline order by source_row").fetchall() == [
        ("Lost", "Demo"),
        ("Demo", None),
        ("Won", None),
    ]


def test_labels_that_differ_otherwise_stay_apart_and_nothing_is_said():
    con, report = _pipeline("1,甲,Proposal/Quote,,1", "2,乙,Proposal Quote,,2")
    assert sorted(r[0] for r in con.execute("select distinct stage from pipeline").fetchall()) == [
        "Proposal Quote",
        "Proposal/Quote",
    ]
    assert report.notes == []
