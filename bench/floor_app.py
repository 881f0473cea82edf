"""The browser's floor for bench/app.py's pasted link (issue #13): a Streamlit page with the weekly review's
elements and no data work at all. The sidebar: a title, fourteen page links, the language, period and date
boxes, six filter multiselects; the page: a title row with a toggle and a download button, five metrics, four
plotly charts in a 2×2 grid (a 2,001-point curve, a funnel, a bar chart, a line), rule captions and three
tables (a 10-row call list, two small sums). A new browser opening it pays what such a page costs in any
Streamlit app: Streamlit's scripts, the websocket session, plotly.js (a 4.7 MB chunk), the widgets, the
tables' canvases and four charts drawn."""

import pandas as pd
import plotly.graph_objects as go
import streamlit as st


def review() -> None:
    title, switch, brief = st.columns([6, 2, 2], vertical_alignment="center")
    title.title("Floor: the weekly review's elements, no data")
    switch.toggle("Presentation")
    brief.download_button("Brief", b"floor", file_name="floor.txt")
    st.caption("Window 2024-01-01 – 2024-12-31 · every region · every manager")
    for i, column in enumerate(st.columns(5)):
        column.metric(f"KPI {i + 1}", f"¥{(i + 1) * 1234:,}万", delta=f"+{i}.0%", border=True)
    top, bottom = st.columns(2, gap="medium"), st.columns(2, gap="medium")
    xs = [i / 2000 for i in range(2001)]
    top[0].plotly_chart(go.Figure(go.Scatter(x=xs, y=[x**0.3 for x in xs], mode="lines")), key="curve")
    funnel = go.Funnel(y=["first", "second", "repeat", "A"], x=[1600, 900, 500, 160])
    top[1].plotly_chart(go.Figure(funnel), key="funnel")
    bars = go.Bar(x=[9, 8, 7, 6, 5, 4, 3, 2, 1, 1], y=[f"customer {i}" for i in range(10)], orientation="h")
    bottom[0].plotly_chart(go.Figure(bars), key="bars")
    bottom[1].plotly_chart(go.Figure(go.Scatter(x=[0, 0.5, 1], y=[0, 0.2, 1])), key="line")
    for view in ("ABC", "funnel", "churn", "long tail"):
        st.caption(f"How the {view} view counts: " + "a rule in words. " * 12)
    calls = pd.DataFrame({f"column {i}": [f"客户{j}有限公司" for j in range(10)] for i in range(6)})
    st.dataframe(calls, hide_index=True)
    left, right = st.columns(2)
    sums = pd.DataFrame({"group": ["A", "B", "C", "none"], "customers": [1, 2, 3, 4], "amount": ["¥1.00"] * 4})
    left.dataframe(sums, hide_index=True)
    right.dataframe(sums, hide_index=True)
    st.caption("The forecast's rule in words.")


def other() -> None:
    st.write("another page")


st.set_page_config(page_title="floor", layout="wide")
pages = [st.Page(review, title="Review", url_path="review", default=True)]
pages += [st.Page(other, title=f"Page {i}", url_path=f"page{i}") for i in range(13)]
navigation = st.navigation(pages, position="hidden")
st.sidebar.title("Floor")
for page in pages:
    st.sidebar.page_link(page)
st.sidebar.selectbox("Language", ["中文", "English"])
st.sidebar.selectbox("Period", ["last 12 months", "this year"])
st.sidebar.date_input("As of")
for i in range(6):
    st.sidebar.multiselect(f"Filter {i + 1}", [f"value {j}" for j in range(8)])
navigation.run()
