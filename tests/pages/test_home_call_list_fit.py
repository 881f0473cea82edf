"""Issue #11 (nothing cut off at 1366×768): the weekly review's churn call list sizes its columns from their
content, so the English "Account manager" header is whole at a laptop's width (it was a fixed "small" column,
cut at the grid's edge) and the whole table fits the page's box."""

from __future__ import annotations

import json

from app_run import open_page

from ui import grid
from ui.weekly import HOME_MAIN


def _call_list_widths(lang: str) -> dict[str, int]:
    at = open_page(lang=lang)
    tables = [json.loads(d.proto.columns) for d in at.dataframe]
    columns = next(c for c in tables if ("Reason" if lang == "en" else "原因") in c)
    return {name: spec["width"] for name, spec in columns.items() if "width" in spec}


def test_the_home_call_list_gives_every_english_header_its_width_and_fits_the_laptop_box():
    widths = _call_list_widths("en")
    assert list(widths) == ["Customer", "Risk level", "Revenue at risk", "Reason", "Account manager"]
    for header, width in widths.items():
        assert width >= grid.text_px(header) + grid.PADDING, header
    assert sum(widths.values()) <= HOME_MAIN


def test_the_home_call_list_keeps_the_chinese_manager_column_whole_too():
    widths = _call_list_widths("zh")
    assert widths["客户经理"] >= grid.text_px("客户经理") + grid.PADDING
    assert sum(widths.values()) <= HOME_MAIN
