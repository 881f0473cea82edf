"""The session's one set of rules (core.rules.Rules): every page, the home page's views, the profile and the
brief read it here, and the URL carries it, so a pasted link reopens the same thresholds.

A rule's widget stays on the page it belongs to (ABC cuts on the ABC page, churn thresholds on the churn
page, ...). Its on_change callback writes the new value here before the rerun starts, so app.py puts it in
the URL and in the page links before any page draws.
"""

from __future__ import annotations

from dataclasses import replace

import streamlit as st

from core import rules as core_rules
from core.rules import Rules
from ui.text import t

KEY = "rules"
# The page where each group of rules is set: a page using them elsewhere says so in its rule line.
HOME_PAGES = {"abc": "page_abc", "churn": "page_churn", "long_tail": "page_long_tail", "funnel": "page_funnel"}
PARAMS = tuple(s.name for s in core_rules.SETTINGS)


def current() -> Rules:
    """The rules in force: as last set on a page in this session, else the link's (?abc_a=0.70 …, each
    checked and clamped: a hand-edited link falls back to the default), else PRODUCT.md's."""
    return _usable(_stored())


def _stored() -> Rules:
    rules = st.session_state.get(KEY)
    if not isinstance(rules, Rules):
        rules = core_rules.from_params(st.query_params.get)
        st.session_state[KEY] = rules
    return rules


def _usable(rules: Rules) -> Rules:
    """Gross profit asked for (by a link, or before a new upload) on data without profit: net revenue,
    as the ABC page's metric selector then shows. The stored choice is kept for data that has it."""
    if rules.abc.metric != "gross_profit":
        return rules
    from ui import cached  # late: cached imports the analyses, not needed to read a link

    if cached.get("has_profit", None):
        return rules
    return replace(rules, abc=replace(rules.abc, metric="net_revenue"))


def update(**groups) -> Rules:
    """Set some groups of the session's rules (abc=AbcRules(...), churn=...); the URL follows."""
    st.session_state[KEY] = core_rules.ordered(replace(_stored(), **groups))
    return sync_url()


def sync_url() -> Rules:
    """The URL holds the rules in force (app.py calls this every run, before drawing the page links)."""
    rules = current()
    params = core_rules.to_params(rules)  # only what differs from the defaults: a default link stays short
    for name in PARAMS:
        if name not in params and name in st.query_params:
            del st.query_params[name]
    for name, text in params.items():
        if st.query_params.get(name) != text:
            st.query_params[name] = text
    return rules


def where_set(group: str, rules: Rules | None = None) -> str:
    """' (set on the ABC page)' for rules changed elsewhere, ' (default; change it on the ABC page)' else."""
    rules = rules or current()
    changed = getattr(rules, group) != getattr(Rules(), group)
    return t("rules_set_on" if changed else "rules_default_on", page=t(HOME_PAGES[group]))


def setting(name: str) -> core_rules.Setting:
    """The range a widget offers is the range a link may carry (core.rules.SETTINGS)."""
    return core_rules.SETTING[name]
