"""客户档案 page through AppTest: a customer picked or opened from a link, cards, history, both languages."""

from __future__ import annotations

import json

from app_run import metrics, open_page, set_state
from streamlit.testing.v1 import AppTest

PAGE = "views/profile.py"
TOP = "郑州科康五金制品有限公司"  # the largest customer of the sample: first in the list
OTHER = "天津佳顺快运有限公司"


def _products(at: AppTest):
    return next(d.value for d in at.dataframe if "产品" in d.value.columns and "数量" in d.value.columns)


def test_sample_opens_on_the_largest_customer_with_tier_segment_warning_lifecycle_and_history():
    at = open_page(PAGE)
    assert at.selectbox(key="profile_customer").value == TOP
    assert at.query_params["customer"] in (TOP, [TOP])
    cards = metrics(at)  # the first four; the forecast's five follow (tests/pages/test_outlook_pages.py)
    assert list(cards)[:4] == ["ABC 分层", "RFM 分群", "流失预警", "生命周期"]
    assert [cards[k] for k in list(cards)[:4]] == ["A 类客户", "重要价值客户", "正常", "成长期"]
    history = json.loads(at.get("plotly_chart")[0].proto.spec)
    assert history["layout"]["title"]["text"] == f"{TOP} · 月度净销售额"
    assert len(history["data"][0]["x"]) > 12  # the whole relationship, not only the 12-month window
    assert _products(at)["产品"].iloc[0] == "现场实施服务(人天)"
    assert any(c.value.startswith("规则：ABC 按分析窗口内净销售额") for c in at.caption)


def test_a_link_with_a_customer_reopens_that_customer():
    at = open_page(PAGE, customer=OTHER)
    assert at.selectbox(key="profile_customer").value == OTHER
    assert at.subheader[0].value == OTHER


def test_choosing_a_customer_puts_it_in_the_url():
    at = open_page(PAGE)
    at.selectbox(key="profile_customer").set_value(OTHER).run()
    assert at.query_params["customer"] in (OTHER, [OTHER])
    assert json.loads(at.get("plotly_chart")[0].proto.spec)["layout"]["title"]["text"].startswith(OTHER)


def test_a_product_filter_narrows_the_customer_history_to_that_product():
    at = open_page(PAGE, customer=TOP)
    assert len(_products(at)) > 1
    set_state(at, "f_product", ["碳带(盒)"])
    assert not at.exception
    assert list(_products(at)["产品"]) == ["碳带(盒)"]


def test_english_switch_changes_the_labels_and_the_words_for_codes():
    at = open_page(PAGE)
    set_state(at, "lang", "en")
    assert at.title[0].value == "Customer profile"
    cards = metrics(at)
    assert {k: cards[k] for k in list(cards)[:4]} == {
        "ABC tier": "Tier A",
        "RFM segment": "Important value",
        "Churn warning": "OK",
        "Lifecycle": "Growing",
    }


def test_an_unknown_customer_in_the_link_is_named_as_text_and_the_first_customer_shown():
    at = open_page(PAGE, customer="[click](http://example.com) **=1+1**")
    # escaped, and a word joiner after "http:" so no autolink forms: rendered as text, never as a link
    assert "\\[click\\](http\\:\u2060//example.com) \\*\\*=1+1\\*\\*" in at.warning[0].value
    assert at.selectbox(key="profile_customer").value == TOP


def test_as_of_before_any_order_says_what_to_do_instead_of_an_empty_page():
    at = open_page(PAGE, as_of="2020-01-01")
    assert "当前筛选条件下没有客户" in at.info[0].value
    assert not at.get("plotly_chart")
