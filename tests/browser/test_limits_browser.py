"""Refused files in the browser (issue #10): five hostile files dropped on the uploader each show one
sentence naming the file and the limit, in Chinese and after the switch in English, and the app stays up."""

from __future__ import annotations

import pytest
from hostile_files import billion_laughs_xlsx, ods, ods_cell, ods_table, stray_cell_xlsx, wide_csv, zeros_member_xlsx
from playwright.sync_api import Page, expect

pytestmark = pytest.mark.browser

EXCEPTION = '[data-testid="stException"]'
ALERT = '[data-testid="stMain"] [data-testid="stAlert"]'

FILES = [
    ("01_stray_cell.xlsx", lambda: stray_cell_xlsx("XFD1048576"), "延伸到第 1,048,576 行", "runs to row 1,048,576"),
    ("02_zip_bomb.xlsx", lambda: zeros_member_xlsx(40 * 1024 * 1024), "压缩炸弹", "times its packed size"),
    ("03_billion_laughs.xlsx", billion_laughs_xlsx, "声明了 XML 实体", "declares XML entities"),
    ("04_wide.csv", lambda: wide_csv(20_000), "这一行有 20,000 列", "This line holds 20,000 columns"),
    (
        "05_repeated.ods",
        lambda: ods(ods_table(extra_rows="<table:table-row>" + ods_cell(1, 1_000_000) + "</table:table-row>")),
        "共 1,000,000 列",
        "(1,000,000 columns)",
    ),
]


def _switch_language(page: Page, label: str) -> None:
    page.locator('[data-testid="stSidebar"] [data-testid="stSelectbox"]').first.click()
    page.get_by_role("option", name=label).click()


@pytest.mark.parametrize(("name", "make", "zh", "en"), FILES, ids=[f[0] for f in FILES])
def test_a_hostile_file_is_refused_with_its_sentence_in_both_languages(
    server_url, page, shot, tmp_path, name, make, zh, en
):
    path = tmp_path / name
    path.write_bytes(make())
    page.goto(server_url)
    expect(page.locator('[data-testid="stMain"] h1')).to_have_text("周会看板", timeout=30000)

    page.locator("input[type=file]").set_input_files(path)
    expect(page.locator(ALERT).filter(has_text=zh)).to_be_visible()
    expect(page.locator(ALERT).filter(has_text=name)).to_be_visible()
    shot(f"limits_{name.split('.')[0]}_zh")
    assert page.locator(EXCEPTION).count() == 0

    _switch_language(page, "English")
    expect(page.locator(ALERT).filter(has_text=en)).to_be_visible()
    shot(f"limits_{name.split('.')[0]}_en")
    assert page.locator(EXCEPTION).count() == 0
