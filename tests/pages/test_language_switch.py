"""A language switch in a running session relabels the sidebar's period select (issue #11): the browser keeps
the label it showed, so Streamlit must send the chosen period again in the new language's words."""

from __future__ import annotations

from app_run import open_page


def _switched(period: str):
    at = open_page()
    at.selectbox(key="f_period").set_value(period).run()
    at.selectbox(key="lang").set_value("en").run()
    assert not at.exception
    return at.selectbox(key="f_period")


def test_switching_to_english_sends_the_period_in_english_and_keeps_it():
    period = _switched("ytd")
    assert period.value == "ytd"
    assert period.proto.set_value and period.proto.raw_value == "Year to date"  # what the browser now shows
    assert period.options == ["Last 12 months", "Year to date", "Last quarter (90 days)", "Custom"]


def test_the_default_period_is_relabelled_too():
    period = _switched("last_12m")
    assert period.proto.set_value and period.proto.raw_value == "Last 12 months"


def test_switching_back_to_chinese_relabels_it_again():
    at = open_page(lang="en")
    at.selectbox(key="f_period").set_value("last_quarter").run()
    at.selectbox(key="lang").set_value("zh").run()
    period = at.selectbox(key="f_period")
    assert period.value == "last_quarter"
    assert period.proto.set_value and period.proto.raw_value == "近一季度（90天）"


def test_a_rerun_in_the_same_language_leaves_the_period_alone():
    at = open_page()
    at.selectbox(key="f_period").set_value("ytd").run()
    at.run()
    period = at.selectbox(key="f_period")
    assert period.value == "ytd" and not period.proto.set_value
