"""One set of rules (issue #10): thresholds set on one page reach every page, the brief and a shared link.

The data is tests/rules_files.py, worked by hand there: under the default rules 丙 is tier A, 丁 tier B, 甲
high risk and 己 medium (revenue at risk 2,100 from 2 customers); with ABC cuts 70% / 90% 丙 is B and 丁 C;
with high risk at a 70% decline and medium at 45% 甲 is medium and 己 ok (1,020 from 1 customer).
"""

from __future__ import annotations

import io

import openpyxl
import pytest
from app_run import APP, frame, metrics, set_state
from rules_files import orders_csv
from streamlit.runtime.media_file_manager import MediaFileManager
from streamlit.testing.v1 import AppTest
from streamlit.testing.v1 import app_test as app_test_module

# The link of a team that set its own rules: ABC 70/90, warnings at 70% / 45% decline, tail B + C.
LINK = {
    "abc_a": "0.70",
    "abc_b": "0.90",
    "churn_high_decline": "0.70",
    "churn_medium_decline": "0.45",
    "tail": "BC",
    "funnel_repeat": "13",
}


def uploaded() -> AppTest:
    """The app on orders_csv(), uploaded through the sidebar like a manager would (saved as a dataset)."""
    at = AppTest.from_file(APP, default_timeout=60).run()
    at.file_uploader[0].upload("orders.csv", orders_csv(), "text/csv").run()
    at.button(key="load_button").click().run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def opened_by_link(**query) -> AppTest:
    """A new session (a pasted link): it opens the latest saved dataset, the file uploaded before."""
    uploaded()
    at = AppTest.from_file(APP, default_timeout=60)
    for name, value in query.items():
        at.query_params[name] = value
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def go(at: AppTest, page: str) -> AppTest:
    at.switch_page(page).run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def captions(at: AppTest) -> str:
    return "\n".join(c.value for c in at.caption)


def at_risk(at: AppTest) -> tuple[str, str]:
    card = next(m for m in at.metric if m.label == "流失风险金额")
    return card.value, card.proto.delta


def warning_levels(at: AppTest) -> dict[str, str]:
    table = frame(at, "风险金额")
    return dict(zip(table["客户"], table["风险等级"]))


def set_churn_thresholds(at: AppTest, high_decline: int, medium_decline: int) -> AppTest:
    go(at, "views/churn.py")
    at.number_input(key="churn_high_decline").set_value(high_decline).run()
    at.number_input(key="churn_medium_decline").set_value(medium_decline).run()
    assert not at.exception, [e.value for e in at.exception]
    return at


@pytest.fixture
def deferred(monkeypatch):
    """build(at, key) -> the bytes a deferred download button builds when clicked."""
    managers: list[MediaFileManager] = []

    class Recording(MediaFileManager):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            managers.append(self)

    monkeypatch.setattr(app_test_module, "MediaFileManager", Recording)

    def build(at: AppTest, key: str) -> bytes:
        button = next(b for b in at.get("download_button") if b.key == key)
        url = managers[-1].execute_deferred(button.proto.deferred_file_id)
        return managers[-1]._storage.get_file(url.rsplit("/", 1)[-1].split(".")[0]).content

    return build


def churn_calls(book: openpyxl.Workbook) -> dict[str, str]:
    """customer -> level of the brief's call list (header on row 2, the customers below it)."""
    ws = book["流失预警"]
    header = [c.value for c in ws[2]]
    customer, level = header.index("客户"), header.index("预警级别")
    return {row[customer]: row[level] for row in ws.iter_rows(min_row=3, values_only=True) if row[customer]}


def definition(book: openpyxl.Workbook, starts: str) -> tuple[str, object]:
    ws = book["口径说明"]
    return next((r[1], r[2]) for r in ws.iter_rows(min_row=3, values_only=True) if str(r[1] or "").startswith(starts))


# ---- churn thresholds: churn page -> home page and the brief ----------------------------------------------


def test_home_page_counts_revenue_at_risk_by_the_default_thresholds_before_any_change():
    at = go(uploaded(), "views/home.py")
    assert at_risk(at) == ("¥2,100", "2 家客户")
    assert warning_levels(at) == {"己": "中风险", "甲": "高风险"}


def test_churn_thresholds_set_on_the_churn_page_change_the_home_page_counts():
    at = go(set_churn_thresholds(uploaded(), high_decline=70, medium_decline=45), "views/home.py")
    assert at_risk(at) == ("¥1,020", "1 家客户")  # 甲 is medium now, 己 ok
    assert warning_levels(at) == {"甲": "中风险"}
    assert "下降 ≥ 70% 为高风险，≥ 2 倍或 ≥ 45% 为中风险" in captions(at)
    assert "（在「流失预警」页设置）" in captions(at)


def test_churn_thresholds_set_on_the_churn_page_reach_the_brief_built_on_the_home_page(deferred):
    default = openpyxl.load_workbook(io.BytesIO(deferred(go(uploaded(), "views/home.py"), "brief")))
    assert churn_calls(default) == {"己": "中风险", "甲": "高风险"}

    at = go(set_churn_thresholds(uploaded(), high_decline=70, medium_decline=45), "views/home.py")
    book = openpyxl.load_workbook(io.BytesIO(deferred(at, "brief")))
    assert churn_calls(book) == {"甲": "中风险"}
    assert definition(book, "高风险：overdue ≥ 3 或 decline ≥ 70%") == (
        "高风险：overdue ≥ 3 或 decline ≥ 70%。",
        0.7,
    )
    assert definition(book, "中风险")[1] == 0.45


def test_the_churn_thresholds_set_on_the_churn_page_go_into_the_url():
    at = set_churn_thresholds(uploaded(), high_decline=70, medium_decline=45)
    assert at.query_params["churn_high_decline"] in ("0.70", ["0.70"])
    assert at.query_params["churn_medium_decline"] in ("0.45", ["0.45"])


def test_the_page_links_of_a_session_opened_by_a_link_carry_its_rules():
    at = opened_by_link(**LINK)
    links = {link.proto.page: link.proto.query_string for link in at.get("page_link")}
    for page in ("", "abc", "churn", "long_tail", "funnel", "profile"):  # "": the home page's address
        assert "abc_a=0.70&abc_b=0.90&churn_high_decline=0.70&churn_medium_decline=0.45" in links[page], page
        assert "tail=BC" in links[page] and "funnel_repeat=13" in links[page], page


# ---- ABC cuts: ABC page -> profile page -----------------------------------------------------------------


def tier_card(at: AppTest) -> str:
    return metrics(at)["ABC 分层"]


def profile_of(at: AppTest, customer: str) -> AppTest:
    go(at, "views/profile.py")
    at.selectbox(key="profile_customer").set_value(customer).run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def test_abc_cuts_set_on_the_abc_page_change_the_tier_on_the_profile_page():
    at = uploaded()
    assert tier_card(profile_of(at, "丙")) == "A 类客户"  # cum_before 75% < 80%
    go(at, "views/abc.py")
    at.slider(key="abc_a").set_value(0.70).run()
    at.slider(key="abc_b").set_value(0.90).run()
    assert frame(at, "客户数")["客户数"].tolist() == [3, 1, 2]
    assert tier_card(profile_of(at, "丙")) == "B 类客户"  # 75% is past the 70% cut
    assert "累计前 70% 为 A、至 90% 为 B（在「ABC 分层」页设置）" in captions(at)


def test_the_profile_of_a_b_customer_turns_c_when_the_b_cut_drops_below_its_share():
    at = uploaded()
    assert tier_card(profile_of(at, "丁")) == "B 类客户"  # cum_before 90.9% < 95%
    go(at, "views/abc.py")
    at.slider(key="abc_b").set_value(0.90).run()
    assert tier_card(profile_of(at, "丁")) == "C 类客户"


# ---- a shared link: every page opens with its rules ------------------------------------------------------


def test_a_link_with_non_default_abc_cuts_opens_the_abc_page_with_them():
    at = go(opened_by_link(**LINK), "views/abc.py")
    assert (at.slider(key="abc_a").value, at.slider(key="abc_b").value) == (0.70, 0.90)
    assert frame(at, "客户数")["客户数"].tolist() == [3, 1, 2]


def test_a_link_with_non_default_rules_opens_the_home_page_with_them():
    at = opened_by_link(**LINK)
    assert at_risk(at) == ("¥1,020", "1 家客户")
    assert metrics(at)["A 类客户收入占比"] == "75.0%"  # 乙 己 甲: 3,300 of 4,400
    text = captions(at)
    assert "累计占比 < 70% 为 A 类、< 90% 为 B 类" in text
    assert "< 90% 为 B 类，其余及指标 ≤ 0 的为 C 类。（在「ABC 分层」页设置）" in text
    assert "下降 ≥ 70% 为高风险" in text and "（在「流失预警」页设置）" in text
    assert "长尾 = B 类客户、C 类客户（按 ABC 分层）（在「长尾客户」页设置）" in text
    assert "累计 13 单 → 成为 A 类" in text


def test_a_link_with_non_default_rules_opens_the_churn_page_with_them():
    at = go(opened_by_link(**LINK), "views/churn.py")
    assert at.number_input(key="churn_high_decline").value == 70
    assert at.number_input(key="churn_medium_decline").value == 45
    assert {m.label: m.value for m in at.metric}["中风险"] == "1 位客户"
    assert {m.label: m.value for m in at.metric}["高风险"] == "0 位客户"


def test_a_link_with_non_default_rules_opens_the_long_tail_page_with_them():
    # the growth bar at 0 (?tail_growth=0&tail_growth_min=0): this file's rises are a few yuan
    at = go(opened_by_link(**LINK, tail_growth="0", tail_growth_min="0"), "views/long_tail.py")
    assert at.radio(key="tail_tiers").value == "BC"
    # the file has no manager column, so the tail is read from its growth list: B = 丙, C = 丁 戊 under 70 / 90
    growing = frame(at, "后半段收入")
    assert sorted(growing["客户"]) == ["丁", "丙", "戊"]


def test_a_link_with_non_default_rules_opens_the_funnel_page_with_them():
    at = go(opened_by_link(**LINK), "views/funnel.py")
    assert at.number_input(key="funnel_repeat").value == 13
    table = frame(at, "客户数")
    assert dict(zip(table["阶段"], table["客户数"])) == {
        "首次购买": 6,
        "再次购买": 4,  # 乙 己 甲 (12 orders) and 丙 (2)
        # a tier A customer reached every stage (issue #11): 乙 己 甲 are A under the link's 70 / 90 cuts
        "累计 13 单及以上": 3,
        "成为 A 类客户": 3,  # the ABC page's A count under the same link
    }


def test_a_link_with_non_default_rules_opens_the_profile_page_with_them():
    at = go(opened_by_link(**LINK, customer="丙"), "views/profile.py")
    assert tier_card(at) == "B 类客户"
    assert "累计前 70% 为 A、至 90% 为 B（在「ABC 分层」页设置）" in captions(at)


def test_a_link_with_non_default_rules_builds_the_brief_with_them(deferred):
    book = openpyxl.load_workbook(io.BytesIO(deferred(opened_by_link(**LINK), "brief")))
    assert churn_calls(book) == {"甲": "中风险"}
    assert definition(book, "A 类：") == ("A 类：cum_before < 70%（帕累托 80/20：贡献前 70% 销售额的少数客户）。", 0.7)
    assert definition(book, "B 类：") == ("B 类：70% ≤ cum_before < 90%。", 0.9)
    assert definition(book, "高风险：")[1] == 0.7
    assert definition(book, "长尾 =")[1] == "B、C"
    assert definition(book, "未上传商机")[1] == 13
    funnel = [r[1] for r in book["销售漏斗"].iter_rows(min_row=3, max_col=2, values_only=True) if r[1]]
    assert funnel[:4] == ["首次购买", "再次购买", "累计 13 单及以上", "成为 A 类客户"]


def test_the_link_keeps_only_the_rules_that_differ_from_the_defaults():
    at = opened_by_link(abc_a="0.80", abc_b="0.90")
    assert "abc_a" not in at.query_params
    assert at.query_params["abc_b"] in ("0.90", ["0.90"])


# ---- a malformed link --------------------------------------------------------------------------------------

MALFORMED = {
    "abc_a": "abc",  # not a number: the default 0.80
    "abc_b": "1e999",  # infinite: the default 0.95
    "abc_metric": "<script>",  # not a metric: net revenue
    "churn_lost": "99999",  # out of range: clamped to 1095
    "churn_high_overdue": "nan",  # the default 3
    "tail": "Z",  # the default, tier C
    "funnel_repeat": "-5",  # clamped to 3
}


@pytest.mark.parametrize(
    "page",
    [
        "views/home.py",
        "views/abc.py",
        "views/churn.py",
        "views/long_tail.py",
        "views/funnel.py",
        "views/profile.py",
        "views/changes.py",
        "views/rfm.py",
    ],
)
def test_a_malformed_rule_in_the_link_falls_back_without_an_exception(page):
    at = AppTest.from_file(APP, default_timeout=60)
    for name, value in MALFORMED.items():
        at.query_params[name] = value
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    go(at, page)
    assert not at.error


def test_a_malformed_link_is_read_as_defaults_and_clamped_values_and_rewritten():
    at = AppTest.from_file(APP, default_timeout=60)
    for name, value in MALFORMED.items():
        at.query_params[name] = value
    at.run()
    go(at, "views/abc.py")
    assert (at.slider(key="abc_a").value, at.slider(key="abc_b").value) == (0.80, 0.95)
    assert at.selectbox(key="abc_metric").value == "net_revenue"
    go(at, "views/churn.py")
    assert at.number_input(key="churn_lost_after").value == 1095
    assert at.number_input(key="churn_high_overdue").value == 3.0
    params = {k: at.query_params[k] for k in at.query_params}
    assert {k for k in params if k in MALFORMED} == {"churn_lost", "funnel_repeat"}
    assert params["churn_lost"] in ("1095", ["1095"]) and params["funnel_repeat"] in ("3", ["3"])


def test_a_gross_profit_link_on_data_without_profit_ranks_by_net_revenue_instead_of_failing():
    at = opened_by_link(abc_metric="gross_profit")
    assert metrics(at)["A 类客户收入占比"] == "90.9%"  # 乙 己 甲 丙 by net revenue: 4,000 of 4,400
    go(at, "views/abc.py")
    assert at.selectbox(key="abc_metric").value == "net_revenue"


def test_english_rule_lines_name_the_page_the_rules_are_set_on():
    at = opened_by_link(**LINK)
    set_state(at, "lang", "en")
    text = captions(at)
    assert "ABC by Net revenue: cumulative share < 70% is A, < 90% is B" in text
    assert "the rest and any with a metric ≤ 0 are C. (set on the ABC tiers page)" in text
    assert "(set on the Churn warnings page)" in text
