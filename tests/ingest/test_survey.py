"""Satisfaction and referral columns (docs/outlook.md § Satisfaction and referrals): header words, the scale read
from the whole column, words on the five-point scale, yes/no referrals, and an unreadable cell listed with its row
and column while its order loads. Hand-worked cases first, then properties on generated answers (hypothesis)."""

from __future__ import annotations

import csv
import io
from decimal import Decimal

import duckdb
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from core import ingest, store
from core.ingest import clean
from core.ingest.header import propose_mapping

EXAMPLES = settings(max_examples=40, deadline=None, database=None)


def _csv(header: list[str], rows: list[list[str]]) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows)
    return out.getvalue().encode()


def _load(answers: list[str], referrals: list[str] | None = None) -> tuple[ingest.IngestReport, list[tuple]]:
    """One order per answer (customer c1, c2, ...), the answers in a 满意度 column (and 转介绍 when given)."""
    header = ["客户", "日期", "金额", "满意度"] + (["转介绍"] if referrals is not None else [])
    rows = [
        [f"c{i}", "2024-12-01", "100", a] + ([referrals[i]] if referrals is not None else [])
        for i, a in enumerate(answers)
    ]
    con = store.connect()
    report = ingest.load_file(con, _csv(header, rows), "survey.csv")
    loaded = con.execute("select satisfaction, referrals from orders order by source_row").fetchall()
    return report, loaded


def _scores(loaded) -> list[Decimal | None]:
    return [s for s, _ in loaded]


@pytest.mark.parametrize(
    ("header", "field"),
    [
        ("满意度", "satisfaction"),
        ("客户满意度", "satisfaction"),
        ("满意度评分", "satisfaction"),
        ("CSAT", "satisfaction"),
        ("NPS", "satisfaction"),
        ("Satisfaction Score", "satisfaction"),
        ("转介绍", "referrals"),
        ("推荐客户数", "referrals"),
        ("Referrals", "referrals"),
        ("Referred", "referrals"),
    ],
)
def test_survey_headers_map_to_satisfaction_and_referrals(header, field):
    mapping = propose_mapping("orders", ["客户", "日期", "金额", header])
    assert mapping.columns.get(field) == header


@pytest.mark.parametrize(
    ("answers", "scores"),
    [
        (["5", "4", "3", "1"], ["1.0", "0.8", "0.6", "0.2"]),  # 1-5: answer / 5
        (["9", "6", "0", "10"], ["0.9", "0.6", "0.0", "1.0"]),  # a 0 or a 6+: 0-10, answer / 10
        (["85", "60", "100"], ["0.85", "0.6", "1.0"]),  # above 10: 0-100
        (["85%", "60%"], ["0.85", "0.6"]),  # a percent sign: 0-100
        (["0.85", "0.5"], ["0.85", "0.5"]),  # all within 0-1, one below 1: a share
        (["4分", "2分"], ["0.8", "0.4"]),  # 分 after the number
    ],
)
def test_the_scale_is_read_from_the_whole_column(answers, scores):
    _, loaded = _load(answers)
    assert _scores(loaded) == [Decimal(s) for s in scores]


def test_a_zero_to_ten_file_whose_answers_are_all_one_to_five_reads_as_one_to_five():
    report, loaded = _load(["5", "4"])
    assert _scores(loaded) == [Decimal("1.0"), Decimal("0.8")]
    assert any("1–5 分制" in zh for zh, _ in report.notes)  # said, so a reader can tell


@pytest.mark.parametrize(
    ("word", "score"),
    [
        ("非常满意", "1.0"),
        ("满意", "0.8"),
        ("比较满意", "0.8"),
        ("一般", "0.6"),
        ("不满意", "0.4"),
        ("非常不满意", "0.2"),
        ("Very Satisfied", "1.0"),
        ("neutral", "0.6"),
        ("Dissatisfied", "0.4"),
    ],
)
def test_words_read_on_the_five_point_scale(word, score):
    assert _scores(_load([word])[1]) == [Decimal(score)]


def test_words_beside_numbers_keep_their_five_point_score():
    # a 0-10 column (a 9) with a 满意 in it: 满意 is 0.8 whatever the numbers' scale
    assert _scores(_load(["9", "满意"])[1]) == [Decimal("0.9"), Decimal("0.8")]


def test_a_blank_answer_is_not_surveyed_and_no_problem():
    report, loaded = _load(["4", ""])
    assert _scores(loaded) == [Decimal("0.8"), None]
    assert report.rejected_cells == []


@pytest.mark.parametrize(
    ("cell", "count"),
    [("3", 3), ("3人", 3), ("0", 0), ("是", 1), ("否", 0), ("Y", 1), ("n", 0), ("TRUE", 1), ("false", 0), ("", None)],
)
def test_referrals_are_a_count_or_a_yes_or_no(cell, count):
    _, loaded = _load(["4"], [cell])
    assert loaded[0][1] == count


def test_an_unreadable_answer_is_a_rejected_cell_with_its_row_and_column_and_the_order_loads():
    report, loaded = _load(["4", "好评", "12"], ["1", "maybe", "2"])
    assert report.rows_loaded == 3 and report.rows_rejected == 0
    # 12 on a 1-5 column? No: 12 makes it 0-100, so 4 is 0.04 and 12 is 0.12 -- the file decides
    assert _scores(loaded) == [Decimal("0.04"), None, Decimal("0.12")]
    assert [(row, column, value) for row, column, value, _, _ in report.rejected_cells] == [
        (3, "满意度", "好评"),
        (3, "转介绍", "maybe"),
    ]
    assert "已留空" in report.rejected_cells[0][3] and "left empty" in report.rejected_cells[0][4]
    assert report.to_json("en")["rejected_cells"][1] == {
        "row": 3,
        "column": "转介绍",
        "value": "maybe",
        "reason": "referrals cannot be read (a count, or yes/no); left empty",
    }


def test_a_score_outside_its_scale_is_unreadable():
    # 1-5 by 5 and 1... and a -1: no scale holds a negative answer
    report, loaded = _load(["5", "1", "-1"])
    assert _scores(loaded)[2] is None
    assert [r[2] for r in report.rejected_cells] == ["-1"]


# ---- properties ------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def macros():
    con = duckdb.connect()
    for macro in clean.MACROS:
        con.execute(macro)
    yield con
    con.close()


SCALE_ANSWERS = {
    # answers drawn from the scale, with one that only it holds among the smaller scales
    "five": (st.integers(1, 5), 5),
    "ten": (st.integers(0, 10), 7),
    "hundred": (st.integers(0, 100), 55),
}


@EXAMPLES
@given(scale=st.sampled_from(sorted(SCALE_ANSWERS)), data=st.data())
def test_any_whole_answers_of_a_scale_read_as_that_scale_and_answer_over_its_top(macros, scale, data):
    values, only = SCALE_ANSWERS[scale]
    answers = data.draw(st.lists(values, min_size=0, max_size=20)) + [only]
    macros.execute(
        "create or replace temp table ka_raw as select unnest($a)::varchar as c0", {"a": [str(a) for a in answers]}
    )
    numbers, lowest, highest, has_percent, _ = macros.execute(clean.SCORE_EVIDENCE.format(col="c0")).fetchall()[0]
    assert clean.score_scale(numbers, lowest, highest, has_percent) == scale
    top = clean.SCORE_SCALES[scale][1]
    scores = macros.execute("select ka_score_text(c0, $s) from ka_raw", {"s": scale}).fetchall()
    assert [s for (s,) in scores] == [Decimal(a) / top for a in answers]


@EXAMPLES
@given(cells=st.lists(st.text(max_size=12), min_size=1, max_size=20), scale=st.sampled_from(sorted(clean.SCORE_SCALES)))
def test_any_text_reads_as_a_score_between_0_and_1_or_nothing(macros, cells, scale):
    found = macros.execute(
        "select ka_score_text(t, $s), ka_count_text(t) from (select unnest($c) as t)", {"c": cells, "s": scale}
    ).fetchall()
    assert all(s is None or 0 <= s <= 1 for s, _ in found)
    assert all(n is None or n >= 0 for _, n in found)


# No totals word can be written without a t, an m, 计 or 额 (clean.TOTALS_KEYS): a cell of these never makes its
# row a totals row, so every order loads
SURVEY_ALPHABET = "0123456789.%-+, 分人满意不非常一般是否有无abcdefgnorsuvwxyYN"


@settings(max_examples=15, deadline=None, database=None)
@given(cells=st.lists(st.text(alphabet=SURVEY_ALPHABET, max_size=10), min_size=1, max_size=8))
def test_any_survey_cells_load_every_order_and_list_each_unreadable_one(macros, cells):
    report, loaded = _load(cells, cells)
    assert report.rows_loaded == len(cells)
    unreadable = {(row, column) for row, column, *_ in report.rejected_cells}
    blank = [v is None for (v,) in macros.execute("select ka_text(unnest($c))", {"c": cells}).fetchall()]
    for i, (score, count) in enumerate(loaded):
        # each cell is read, or blank (not surveyed), or listed as unreadable: exactly one of the three
        assert [score is not None, blank[i], (i + 2, "满意度") in unreadable].count(True) == 1
        assert [count is not None, blank[i], (i + 2, "转介绍") in unreadable].count(True) == 1
