"""演示模式 / presentation mode on the weekly review (issue #11): it lives in the URL, hides the sidebar and the
header with a style-only rule, and its switch stays on the page to turn it off. The four views come before
the rule lines, what changed and the call list. The browser measures the layout (tests/browser)."""

from __future__ import annotations

from app_run import open_page

HIDES_SIDEBAR = '[data-testid="stSidebar"]'


def _styles(at) -> list[str]:
    return [h.proto.body for h in at.get("html") if h.proto.body.lstrip().startswith("<style>")]


def _hides_chrome(at) -> bool:
    return any(HIDES_SIDEBAR in body and "display: none" in body for body in _styles(at))


def test_a_link_with_present_1_opens_the_weekly_review_without_sidebar_and_header():
    at = open_page(present="1")
    assert _hides_chrome(at)
    assert at.toggle(key="present_mode").value is True
    assert '[data-testid="stHeader"]' in next(b for b in _styles(at) if HIDES_SIDEBAR in b)


def test_without_the_parameter_the_sidebar_stays():
    at = open_page()
    assert not _hides_chrome(at)
    assert at.toggle(key="present_mode").value is False


def test_the_switch_writes_present_1_into_the_link_and_switching_off_removes_it():
    at = open_page()
    at.toggle(key="present_mode").set_value(True).run()
    assert at.query_params["present"] == "1" or at.query_params["present"] == ["1"]
    assert _hides_chrome(at)
    at.toggle(key="present_mode").set_value(False).run()
    assert "present" not in at.query_params
    assert not _hides_chrome(at)


def test_presentation_mode_hides_nothing_on_another_page():
    at = open_page("views/abc.py", present="1")
    assert not _hides_chrome(at)


def test_the_switch_is_labelled_in_both_languages():
    assert open_page().toggle(key="present_mode").label == "演示模式"
    assert open_page(lang="en").toggle(key="present_mode").label == "Presentation mode"


def test_the_four_views_come_before_the_rule_lines_and_the_call_list():
    at = open_page()
    elements = list(_walk(at.main))  # the page's elements top-down
    kinds = [getattr(e, "type", "") for e in elements]
    charts = [i for i, k in enumerate(kinds) if k == "plotly_chart"]
    tables = [i for i, k in enumerate(kinds) if k == "dataframe"]
    assert len(charts) == 4
    assert tables and max(charts) < min(tables)  # the call list is below the fold
    rules = next(i for i, e in enumerate(elements) if getattr(e, "value", None) == "**各视图的口径**")
    assert max(charts) < rules


def _walk(node):
    children = getattr(node, "children", None)
    if isinstance(children, dict):
        for child in children.values():
            yield from _walk(child)
    else:
        yield node
