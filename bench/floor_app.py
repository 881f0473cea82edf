"""The browser's floor for bench/app.py's pasted link (issue #13): a Streamlit page shaped like the weekly review
(a title, five KPI metrics, four plotly charts in a 2×2 grid: a 2,000-point curve, a funnel, a bar chart, a line)
with no data work at all. A new browser opening it pays what any Streamlit page with plotly charts costs:
Streamlit's scripts, the websocket session, plotly.js (a 4.7 MB chunk) and drawing four charts."""

import plotly.graph_objects as go
import streamlit as st

st.set_page_config(page_title="floor", layout="wide")
st.title("Floor: four plotly charts, no data")
for i, column in enumerate(st.columns(5)):
    column.metric(f"KPI {i + 1}", f"¥{(i + 1) * 1234:,}万", border=True)
top, bottom = st.columns(2, gap="medium"), st.columns(2, gap="medium")
xs = [i / 2000 for i in range(2001)]
top[0].plotly_chart(go.Figure(go.Scatter(x=xs, y=[x**0.3 for x in xs], mode="lines")), key="curve")
top[1].plotly_chart(go.Figure(go.Funnel(y=["first", "second", "repeat", "A"], x=[1600, 900, 500, 160])), key="funnel")
bottom[0].plotly_chart(go.Figure(go.Bar(x=[9, 7, 5, 3], y=["a", "b", "c", "d"], orientation="h")), key="bars")
bottom[1].plotly_chart(go.Figure(go.Scatter(x=[0, 0.5, 1], y=[0, 0.2, 1])), key="line")
