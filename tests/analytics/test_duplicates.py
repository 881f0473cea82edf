"""Duplicate customer candidates (PRODUCT.md § Duplicate customers; issue #14's examples), by hand."""

from __future__ import annotations

import random

import pytest

from core.analytics.duplicates import duplicate_candidates, normalised_name


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("深圳云帆电子有限公司", "深圳云帆电子"),
        ("深圳云帆电子", "深圳云帆电子"),
        ("华为技术（深圳）", "华为技术深圳"),  # full-width brackets fold (NFKC), then brackets go
        ("华为技术(深圳)有限公司", "华为技术深圳"),
        ("宏达集团股份有限公司", "宏达"),  # suffixes removed repeatedly from the end
        ("宏达有限责任公司", "宏达"),
        ("西门子(中国)有限公司", "西门子"),
        ("Acme Co., Ltd.", "acme"),
        ("ACME Inc.", "acme"),
        ("Ａｃｍｅ　LLC", "acme"),  # full-width letters and space
        ("集团", ""),  # nothing left: never compared
    ],
)
def test_normalised_name_folds_width_case_brackets_punctuation_and_legal_suffixes(name, expected):
    assert normalised_name(name) == expected


def test_names_equal_after_normalising_are_one_candidate_group_with_score_one():
    customers = [
        ("c1", "深圳云帆电子"),
        ("c2", "深圳云帆电子有限公司"),
        ("c3", "华为技术(深圳)"),
        ("c4", "华为技术（深圳）"),
    ]
    result = duplicate_candidates(customers)
    expected = [
        {
            "customers": ["c1", "c2"],
            "names": ["深圳云帆电子", "深圳云帆电子有限公司"],
            "reason": "same_name",
            "score": 1.0,
        },
        {
            "customers": ["c3", "c4"],
            "names": ["华为技术(深圳)", "华为技术（深圳）"],
            "reason": "same_name",
            "score": 1.0,
        },
    ]
    assert result == expected


def test_names_at_least_92_percent_similar_are_candidates():
    # 13 and 12 characters, one deleted: ratio 1 - 1 / 25 = 0.96
    customers = [("c1", "北京恒通精密机械制造厂东区分部"), ("c2", "北京恒通精密机械制造东区分部")]
    assert normalised_name(customers[0][1]) == "北京恒通精密机械制造厂东区分部"
    result = duplicate_candidates(customers)
    assert [(g["customers"], g["reason"], g["score"]) for g in result] == [(["c1", "c2"], "similar_name", 0.9655)]


def test_names_below_92_percent_similar_stay_apart():
    # 6 and 8 characters, 2 inserted: 1 - 2 / 14 = 0.857
    assert duplicate_candidates([("c1", "深圳云帆电子"), ("c2", "深圳云帆电子科技")]) == []


def test_a_typo_in_the_first_two_characters_is_still_found_by_the_last_two():
    # the two names share no first two characters, so only the block of the last two compares them
    customers = [("c1", "州深圳恒通精密机械"), ("c2", "深圳恒通精密机械")]
    assert [g["customers"] for g in duplicate_candidates(customers)] == [["c1", "c2"]]


def test_a_chain_of_similar_names_is_one_group_scored_by_its_weakest_link():
    customers = [("c1", "上海宏达精密机械制造"), ("c2", "上海宏达精密机械制造厂"), ("c3", "上海宏达精密机械制造总厂")]
    result = duplicate_candidates(customers)
    # c1-c2: 1 - 1/21 = 0.9524; c2-c3: 1 - 1/23 = 0.9565; c1-c3: 1 - 2/22 = 0.9091, below 0.92
    assert [(g["customers"], g["score"]) for g in result] == [(["c1", "c2", "c3"], 0.9524)]


def test_blocking_finds_every_pair_that_comparing_all_pairs_finds():
    rng = random.Random(42)
    syllables = list("宏达华信恒通鑫源盛世金泰瑞丰永安百盛天成海纳东方博远嘉禾")
    names = set()
    while len(names) < 400:
        names.add(rng.choice(["上海", "北京", "深圳"]) + "".join(rng.sample(syllables, rng.randint(3, 6))) + "贸易")
    customers = [(f"c{i:03d}", n) for i, n in enumerate(sorted(names))]
    from rapidfuzz import fuzz

    keys = [normalised_name(n) for _, n in customers]
    every_pair = {
        (customers[i][0], customers[j][0])
        for i in range(len(keys))
        for j in range(i + 1, len(keys))
        if fuzz.ratio(keys[i], keys[j]) >= 92
    }
    found = {(g["customers"][0], g["customers"][1]) for g in duplicate_candidates(customers)}
    assert every_pair and found == every_pair


def test_customers_sharing_a_tax_number_are_one_group_whatever_their_names():
    customers = [("c1", "云帆电子"), ("c2", "深圳市云帆科技"), ("c3", "北京星河")]
    numbers = [("c1", "tax_id", "91440300MA5ABCDE1X"), ("c2", "tax_id", "９１４４０３００ma5abcde1x")]  # width, case
    assert duplicate_candidates(customers, numbers=numbers) == [
        {"customers": ["c1", "c2"], "names": ["云帆电子", "深圳市云帆科技"], "reason": "same_tax_id", "score": 1.0}
    ]


def test_customers_sharing_a_phone_are_candidates_with_the_country_code_dropped():
    customers = [("c1", "甲"), ("c2", "乙"), ("c3", "丙")]
    numbers = [("c1", "phone", "+86 138-0000-0000"), ("c2", "phone", "13800000000"), ("c3", "phone", "123")]
    assert duplicate_candidates(customers, numbers=numbers) == [
        {"customers": ["c1", "c2"], "names": ["甲", "乙"], "reason": "same_phone", "score": 1.0}
    ]


def test_a_pair_similar_by_name_and_sharing_a_phone_counts_by_the_phone():
    # 北京恒通精密机械制造厂东区分部 / 北京恒通精密机械制造东区分部: 0.96 by name alone
    customers = [("c1", "北京恒通精密机械制造厂东区分部"), ("c2", "北京恒通精密机械制造东区分部")]
    numbers = [("c1", "phone", "010-88886666"), ("c2", "phone", "01088886666")]
    assert duplicate_candidates(customers, numbers=numbers)[0]["reason"] == "same_phone"
    assert duplicate_candidates(customers, numbers=numbers)[0]["score"] == 1.0


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ("客户4559", "客户24559"),  # ratio 1 - 1/13 = 0.923: alike, but numbered accounts
        ("门店001", "门店002"),
        ("华东第1分公司", "华东第2分公司"),
    ],
)
def test_names_whose_numbers_differ_are_never_similar(first, second):
    assert duplicate_candidates([("c1", first), ("c2", second)]) == []


def test_an_erps_numbered_customers_are_not_one_giant_group():
    # 客户1234 and 客户12345 are one inserted digit apart (1 - 1/13 = 0.923): before, the export's numbered
    # customers chained into one group of nearly all of them
    numbers = [*range(1000, 1500), *range(10000, 15000)]
    assert duplicate_candidates([(f"C{i:05d}", f"客户{i}") for i in numbers]) == []


def test_names_with_the_same_numbers_are_still_compared_and_equal_ones_still_matched():
    similar = [("c1", "北京恒通精密机械制造厂3号分部"), ("c2", "北京恒通精密机械制造3号分部")]
    assert [(g["customers"], g["reason"]) for g in duplicate_candidates(similar)] == [(["c1", "c2"], "similar_name")]
    equal = [("c1", "门店001有限公司"), ("c2", "门店001")]
    assert [(g["customers"], g["reason"]) for g in duplicate_candidates(equal)] == [(["c1", "c2"], "same_name")]
