"""Issue #11 (tables leftovers, item 1): the column widths a table is given add up to no more than its box at
1366 px, a long text column wraps onto more lines instead of pushing columns past the edge, and a wide table
shows its columns a group at a time. The browser measures the drawn grids (tests/browser/test_tables_fit.py)."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from ui import grid

# a call list: a long reason beside short columns
CALLS = pd.DataFrame(
    {
        "Customer": ["太原新顺便利店连锁集团有限公司", "甲"],
        "Level": ["Medium risk", "High risk"],
        "Reason": ["1.4× past its usual 22-day cycle; last 90 days down 48% vs its prior average", "x"],
        "Revenue at risk (¥)": [1367741.65, 0.0],
    }
)
MONEY = {"Revenue at risk (¥)": st.column_config.NumberColumn(format="accounting", help="net revenue")}


def test_a_table_narrower_than_its_box_keeps_every_column_whole_and_unwrapped():
    kwargs = grid.fit(CALLS, 2_000, MONEY)
    widths = {c: spec["width"] for c, spec in kwargs["column_config"].items()}
    assert set(widths) == set(CALLS.columns) and "row_height" not in kwargs
    assert widths["Reason"] >= grid.text_px(CALLS["Reason"][0])  # the longest reason on one line


def test_a_table_wider_than_its_box_wraps_the_long_text_and_fits():
    kwargs = grid.fit(CALLS, 520, MONEY, wrap=["Customer", "Reason"])
    assert grid.total_px(kwargs) <= 520
    assert kwargs["row_height"] == grid.WRAP_ROW_HEIGHT
    assert kwargs["height"] == grid.HEADER_PX + 2 * grid.WRAP_ROW_HEIGHT + 3  # both rows shown, none scrolled
    # the money column keeps its format and help, only the width is set
    assert kwargs["column_config"]["Revenue at risk (¥)"]["type_config"]["format"] == "accounting"
    assert kwargs["column_config"]["Revenue at risk (¥)"]["help"] == "net revenue"


def test_a_cjk_character_measures_about_twice_a_latin_one():
    assert grid.text_px("客户") == 28.0 and grid.text_px("ab") == 14.0


def test_the_column_groups_keep_the_always_columns_and_put_an_unplaced_column_in_the_first_group():
    frame = CALLS.assign(Name=["n1", "n2"])
    shown = grid.column_view(frame, ["Customer"], {"call": ["Reason"], "forecast": ["Revenue at risk (¥)"]}, key="k")
    # outside a running app st.radio returns its first option: the call group, with the unplaced Level and Name
    assert list(shown.columns) == ["Customer", "Level", "Reason", "Name"]


def test_a_single_group_left_shows_no_picker_and_every_column():
    shown = grid.column_view(CALLS, ["Customer"], {"call": ["Level", "Reason"], "forecast": ["P(alive)"]}, key="k")
    assert list(shown.columns) == ["Customer", "Level", "Reason", "Revenue at risk (¥)"]


def test_a_short_list_is_as_tall_as_its_rows_not_the_height_a_long_one_is_capped_at():
    three = pd.DataFrame({"Customer": ["甲", "乙", "丙"], "Tier": ["A", "B", "C"]})
    assert grid.fit(three, grid.MAIN, height=420)["height"] == 36 + 3 * 35 + 3  # 144 px: header, 3 rows, border


def test_a_long_list_keeps_the_height_it_is_capped_at_and_scrolls():
    many = pd.DataFrame({"Customer": [f"c{i}" for i in range(40)]})
    assert grid.fit(many, grid.MAIN, height=420)["height"] == 420  # 40 rows need 1,439 px
