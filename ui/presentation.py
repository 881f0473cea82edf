"""演示模式 / Presentation mode: the weekly review alone on the projector, kept in the URL (?present=1) so a
pasted link opens in it. Streamlit has no call to hide the sidebar (streamlit/streamlit#3378, #4483 are
closed without one), so a style-only st.html rule hides it with the header; the switch stays on the page
to turn it off. The rule is our own constant CSS: no user value ever reaches it."""

from __future__ import annotations

import streamlit as st

from ui.text import t

PARAM = "present"
KEY = "present_mode"

# The sidebar (and its expand arrow), the header with its menu and the decoration bar go; the page's own
# frame (ui.weekly.page_css) moves its content up into the header's place.
_HIDE_CHROME = """
[data-testid="stSidebar"], [data-testid="stExpandSidebarButton"], [data-testid="stSidebarCollapsedControl"],
[data-testid="stHeader"], [data-testid="stToolbar"], [data-testid="stDecoration"] { display: none !important; }
"""


def requested() -> bool:
    return st.query_params.get(PARAM) == "1"


def apply(on_home: bool) -> bool:
    """Hide the chrome when the URL asks for presentation mode on the weekly review; True when hidden."""
    on = on_home and requested()
    if on:
        st.html(f"<style>{_HIDE_CHROME}</style>")  # style only: Streamlit puts it where it takes no room
    return on


def toggle() -> bool:
    """The switch, in step with the URL both ways: a pasted ?present=1 turns it on, a click writes it."""
    if st.session_state.get(KEY) != requested():
        st.session_state[KEY] = requested()
    st.toggle(t("present_mode"), key=KEY, help=t("present_help"), on_change=_to_url)
    return requested()


def _to_url() -> None:
    if st.session_state.get(KEY):
        st.query_params[PARAM] = "1"
    elif PARAM in st.query_params:
        del st.query_params[PARAM]
