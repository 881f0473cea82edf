"""The import page's own uploader (issue #11 item 10): at the top of 数据导入, the same road as the sidebar's,
with the accepted types and our size limit said in the UI language; the as-of date worded for a manager."""

from __future__ import annotations

from app_run import CJK, metrics, open_page

IMPORT = "views/upload.py"
ORDERS = "客户,日期,金额\n甲,2024-03-05,10\n乙,2024-03-09,5\n".encode()


def test_the_import_page_has_its_own_uploader_above_everything_else():
    at = open_page(IMPORT)
    assert [u.key for u in at.main.get("file_uploader")] == ["page_file"]
    assert at.main.get("file_uploader")[0].label == "上传订单或商机文件"
    assert [u.key for u in at.sidebar.get("file_uploader")] == ["sidebar_file"]  # the sidebar keeps its own


def test_a_file_dropped_on_the_import_page_opens_the_mapping_and_loads():
    at = open_page(IMPORT)
    next(u for u in at.file_uploader if u.key == "page_file").upload("o.csv", ORDERS, "text/csv").run()
    assert not at.exception
    at.button(key="load_button").click().run()
    assert not at.exception
    assert metrics(at)["导入行数"] == "2"
    as_of = next(d for d in at.date_input if d.label == "数据截至日期")
    assert str(as_of.value) == "2024-03-09"  # the new file's latest order date


def test_the_same_file_in_both_uploaders_does_not_reload_on_every_run():
    at = open_page(IMPORT)
    next(u for u in at.file_uploader if u.key == "sidebar_file").upload("o.csv", ORDERS, "text/csv").run()
    at.button(key="load_button").click().run()
    # after a confirmed load the uploaders are new widgets (issue #13): page_file_1
    next(u for u in at.file_uploader if u.key.startswith("page_file")).upload("o.csv", ORDERS, "text/csv").run()
    at.run()
    assert not at.exception
    assert at.session_state.pending is not None  # one mapping screen for the page's file, no loop back


def test_the_caption_above_says_types_and_size_limit_in_chinese():
    caption = next(c.value for c in open_page(IMPORT).main.caption if "MB" in c.value)
    assert ".xlsx" in caption and ".csv" in caption and ".xls " in caption
    assert "单个文件不超过 200 MB" in caption


def test_the_caption_above_says_types_and_size_limit_in_english():
    caption = next(c.value for c in open_page(IMPORT, lang="en").main.caption if "MB" in c.value)
    assert "up to 200 MB each" in caption and ".xlsx" in caption
    assert not CJK.search(caption)


def test_the_size_in_the_caption_is_our_own_limit(monkeypatch):
    monkeypatch.setenv("KA_LIMIT_UPLOAD_BYTES", str(50 * 1024 * 1024))  # core/limits.py, 50 MB
    caption = next(c.value for c in open_page(IMPORT).main.caption if "MB" in c.value)
    assert "单个文件不超过 50 MB" in caption


def test_streamlit_s_english_uploader_words_are_replaced_by_a_style_rule_in_the_ui_language():
    zh = "".join(h.proto.body for h in open_page(IMPORT).get("html"))
    assert "stFileUploaderDropzoneInstructions] { display: none; }" in zh  # "200MB per file" goes
    # the button's word "选择文件", every character CSS-escaped (选 = U+9009)
    assert "content: " in zh and "\\009009" in zh
    en = "".join(h.proto.body for h in open_page(IMPORT, lang="en").get("html"))
    assert "\\000043\\000068\\00006f\\00006f\\000073\\000065" in en  # "Choose"


def test_the_as_of_date_is_worded_for_a_manager_in_both_languages():
    zh = open_page().date_input(key="f_as_of")
    assert zh.label == "数据截至日期" and "as_of" not in zh.label
    en = open_page(lang="en").date_input(key="f_as_of")
    assert en.label == "Data as of"
