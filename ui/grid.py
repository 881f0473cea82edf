"""Data-table column widths chosen from the content, so a table fits its box on a 1366×768 laptop (issue #11).

st.dataframe sizes a column to its content and scrolls sideways when the columns are wider than the table; on a
laptop that hid the advice, the ratio and the revenue columns behind the grid's edge. fit() gives every column a
pixel width from its header and its longest cell, and when that is wider than the box the table sits in, lets the
long text columns named in `wrap` take what is left and wrap onto up to three lines (Streamlit wraps text cells
when row_height is above 4 rem). When the columns are narrower than the box, Streamlit shares out the rest, so
the same widths read well on a projector too.

The boxes are the widths Streamlit gives at 1366 px with the sidebar open (measured in the browser, see
tests/browser/test_tables_fit.py): the main column, and one of two, three or the 2:3 pair of st.columns.
"""

from __future__ import annotations

import math
import unicodedata
from collections.abc import Iterable

import pandas as pd
import streamlit as st

from ui.text import t_raw

MAIN, HALF, THIRD = 900, 430, 250
NARROW, WIDE = 340, 520  # st.columns([2, 3])
HOME_HALF = 478  # the weekly review's two columns (its page has a smaller side gap)

PADDING = 16 + 6  # the cell's padding on both sides, and a little room
WRAP_ROW_HEIGHT = 66  # three lines of text; above 4 rem, so Streamlit wraps the text cells
WRAP_LINES = 3
MIN_WRAP = 100
SHORT_TABLE = 12  # rows: a wrapped table this short shows every row
HEADER_PX = 36
ROW_PX = 35  # Streamlit's default row height (2.1875 rem)


def text_px(text: str) -> float:
    """The width of a text at the grid's 14 px font: a CJK or full-width character 14 px, others about 7.6 px,
    a little more for capitals and ¥."""
    width = 0.0
    for ch in str(text):
        if unicodedata.east_asian_width(ch) in ("W", "F"):
            width += 14.0
        elif ch.isupper() or ch in "¥%@":
            width += 8.6
        else:
            width += 7.0
    return width


def _shown(value, spec: dict | None) -> str:
    """The cell as the grid draws it: a number in a money or accounting format gets its separators and sign."""
    if isinstance(value, (int, float)) and not isinstance(value, bool) and spec:
        number_format = (spec.get("type_config") or {}).get("format") or ""
        if "," in number_format or number_format == "accounting":
            return f"¥{value:,.2f}"
    return "" if value is None or (isinstance(value, float) and math.isnan(value)) else str(value)


def natural_px(frame: pd.DataFrame, column: str, spec: dict | None = None) -> int:
    """The width a column needs to show its header and its longest cell whole."""
    cells = frame[column].tolist() if len(frame) else []
    widest = max((text_px(_shown(v, spec)) for v in cells), default=0.0)
    header = text_px((spec or {}).get("label") or column) + (18 if spec and spec.get("help") else 0)  # help icon
    least = 110 if spec and spec.get("type_config", {}).get("type") == "progress" else 0
    return max(math.ceil(max(widest, header)) + PADDING, least)


def fit(
    frame: pd.DataFrame,
    room: int,
    config: dict | None = None,
    wrap: Iterable[str] = (),
    height: int | None = None,
) -> dict:
    """Keyword arguments for st.dataframe: column_config with a pixel width for every column, and row_height
    when a text column in `wrap` is given less than its longest cell and wraps (then a short table is made tall
    enough for every row: wrapped rows are three times as tall). `height` is the most a longer table takes before
    it scrolls: a table whose rows need less is as tall as its rows, with no empty rows under a short list.
    Columns in `config` keep their settings (format, help, label); only the width is set. A column not in the
    frame is left out."""
    config = dict(config or {})
    specs = {c: _spec(config.get(c)) for c in frame.columns}
    widths = {c: natural_px(frame, c, specs[c]) for c in frame.columns}
    wrapped = [c for c in wrap if c in widths]
    kwargs: dict = {}
    if sum(widths.values()) > room and wrapped:
        fixed = sum(w for c, w in widths.items() if c not in wrapped)
        share = max((room - fixed) // len(wrapped), MIN_WRAP)
        for c in wrapped:
            needed = widths[c]
            widths[c] = min(needed, share)
            header = int(text_px(specs[c].get("label") or c)) + PADDING
            widths[c] = max(widths[c], header)
            if needed > widths[c]:
                kwargs["row_height"] = WRAP_ROW_HEIGHT
    kwargs["column_config"] = {c: {**specs[c], "width": widths[c]} for c in frame.columns}
    if "row_height" in kwargs and len(frame) <= SHORT_TABLE:
        kwargs["height"] = rows_px(len(frame), WRAP_ROW_HEIGHT)
    elif height is not None:
        kwargs["height"] = min(height, rows_px(len(frame), kwargs.get("row_height", ROW_PX)))
    return kwargs


def rows_px(rows: int, row_px: int = ROW_PX) -> int:
    """The height that shows the header and `rows` rows whole, nothing under them."""
    return HEADER_PX + row_px * rows + 3


def forecast_labels(config: dict, days: int) -> dict:
    """The forecast columns' headers shortened for a table ("Orders, next 90 d"); the cards keep the long ones."""
    out = dict(config)
    for key in ("fc_col_orders", "fc_col_revenue"):
        column = t_raw(key, days=days)
        if column in out:
            out[column] = {**_spec(out[column]), "label": t_raw(f"{key}_short", days=days)}
    return out


def total_px(kwargs: dict) -> int:
    """The sum of the column widths fit() set."""
    return sum(spec["width"] for spec in kwargs["column_config"].values())


def _spec(value) -> dict:
    if value is None:
        return {}
    if isinstance(value, str):  # a bare label
        return {"label": value}
    return dict(value)


def column_view(
    frame: pd.DataFrame,
    always: list[str],
    views: dict[str, list[str]],
    key: str,
    labels: dict[str, str] | None = None,
) -> pd.DataFrame:
    """The columns a table shows: `always` plus one group of `views`, picked above the table, when the whole
    table is too wide for a laptop. A column in neither (e.g. a name column only some files have) goes with the
    first group; a group with none of its columns in the frame is not offered, and with one group left there is
    no picker. The download keeps every column."""
    present = {v: [c for c in cols if c in frame.columns] for v, cols in views.items()}
    present = {v: cols for v, cols in present.items() if cols}
    placed = set(always) | {c for cols in present.values() for c in cols}
    extra = [c for c in frame.columns if c not in placed]
    if not present:
        return frame
    first = next(iter(present))
    present[first] = extra + present[first]
    if len(present) == 1:
        chosen = first
    else:
        chosen = st.radio(
            t_raw("grid_columns"),
            list(present),
            format_func=lambda v: (labels or {}).get(v) or t_raw(f"grid_view_{v}"),
            horizontal=True,
            key=key,
        )
    keep = [c for c in always if c in frame.columns] + present[chosen]
    return frame[[c for c in frame.columns if c in keep]]
