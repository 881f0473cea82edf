"""演示模式 / Presentation mode: the weekly review alone on the projector, kept in the URL (?present=1) so a
pasted link opens in it. Streamlit has no call to hide the sidebar (streamlit/streamlit#3378, #4483 are
closed without one), so a style-only st.html rule hides it with the header; the switch stays on the page
to turn it off. The rule is our own constant CSS: no user value ever reaches it."""

from __future__ import annotations

import plotly.graph_objects as go
import streamlit as st

from ui.text import t

PARAM = "present"
KEY = "present_mode"

# The sidebar (and its expand arrow), the header with its menu and the decoration bar go; the page's own
# frame (page_css below) moves its content up into the header's place.
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


# The home page at 1920×1080 holds the title, the KPI strip and two rows of charts: each chart's height
# is what is left of 1080 pixels once the rest is drawn (measured: tests/browser/test_projector_layout.py).
CHART_HEIGHT = {False: 350, True: 380}  # normal, presentation
FONT_SIZE = {False: 16, True: 18}  # chart text readable from the back of the room; titles 4 px larger

# Streamlit's frame leaves 6rem above the title and 5rem at each side; the weekly review needs that room.
# Without the header (presentation mode) the page starts 1rem from the top, like a slide.
_PAGE_CSS = """
[data-testid="stMainBlockContainer"] { padding: %s 2rem 2rem 2rem; max-width: none; }
[data-testid="stMain"] h1 { padding-top: 0; padding-bottom: 0; }
"""


def page_css(present: bool) -> str:
    """The home page's frame: our own constant CSS, no user value in it."""
    return "<style>" + _PAGE_CSS % ("1rem" if present else "3.5rem") + "</style>"


def for_projector(fig: go.Figure, present: bool) -> go.Figure:
    """A chart sized to share the screen with three others, its text large enough for a meeting room."""
    size = FONT_SIZE[present]
    fig.update_layout(
        height=CHART_HEIGHT[present],
        font=dict(size=size),
        title=dict(font=dict(size=size + 4)),
        # a right margin a chart made for its labels (a long funnel's texts beside narrow bars) stays
        margin=dict(l=10, r=max(10, fig.layout.margin.r or 0), t=44, b=10),
        # the legend under the axis title whatever the height: at the figure's bottom edge, not a fraction
        # of the plot below it (a fixed -0.22 ran into the axis title once the text grew)
        legend=dict(font=dict(size=size - 1), orientation="h", yref="container", y=0, yanchor="bottom", x=0),
    )
    # the chart theme sets the axes' own fonts: the layout's size alone leaves the ticks small
    fig.update_xaxes(tickfont=dict(size=size - 1), title=dict(font=dict(size=size - 1)))
    fig.update_yaxes(tickfont=dict(size=size - 1), title=dict(font=dict(size=size - 1)))
    fig.update_traces(textfont=dict(size=size + 1), selector=dict(type="funnel"))
    return fig
