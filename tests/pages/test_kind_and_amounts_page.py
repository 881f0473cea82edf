"""Issue #11 items 5 and 9 through AppTest: the file kind proposed with its reason, mapping defaults on a
retail export, and a pipeline whose amounts are only on won deals (funnel page and home panel)."""

from __future__ import annotations

import crm_pipeline
import retail_export
from app_run import APP, metrics, open_page, plot_titles, plots, set_state
from streamlit.testing.v1 import AppTest

FUNNEL = "views/funnel.py"


def _english(monkeypatch) -> str:
    """English for every run: AppTest formats a selectbox's value outside the script run, where the session's
    language cannot be read, so a later run in English trips over the period selectbox (see
    tests/pages/test_like_with_like.py); the catalogue's language is fixed to English instead."""
    import sys

    import ui.text

    original = ui.text.lang
    for name, module in list(sys.modules.items()):
        if (name == "ui" or name.startswith("ui.")) and getattr(module, "lang", None) is original:
            monkeypatch.setattr(module, "lang", lambda: "en")
    return "en"


def _uploaded(name: str, data: bytes, lang: str = "zh") -> AppTest:
    at = AppTest.from_file(APP, default_timeout=90)
    at.query_params["lang"] = lang
    at.run()
    at.file_uploader[0].upload(name, data, "text/csv").run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def _mapped(at: AppTest, kind: str, field: str):
    return next(s for s in at.selectbox if s.key and s.key.endswith(f"_{kind}_{field}"))


def test_crm_pipeline_upload_is_proposed_as_a_pipeline_with_the_reason():
    at = _uploaded("sales_pipeline.csv", crm_pipeline.csv_bytes())
    assert at.radio[0].value == "pipeline"
    why = next(c.value for c in at.caption if c.value.startswith("识别为商机文件"))
    assert "「Deal Stage」列的值是销售阶段（Prospecting、Engaging、Won、Lost）" in why
    assert "有商机编号列「Opportunity ID」" in why and "没有订单日期列" in why
    assert _mapped(at, "pipeline", "stage").value == "Deal Stage"


def test_crm_pipeline_reason_in_english(monkeypatch):
    at = _uploaded("sales_pipeline.csv", crm_pipeline.csv_bytes(crm_pipeline.SNAKE_HEADER), _english(monkeypatch))
    assert at.radio[0].value == "pipeline"
    why = next(c.value for c in at.caption if c.value.startswith("Read as a pipeline"))
    assert "the values of “deal\\_stage” are sales stages (Prospecting, Engaging, Won, Lost)" in why


def test_the_user_can_still_switch_a_proposed_pipeline_to_orders():
    at = _uploaded("sales_pipeline.csv", crm_pipeline.csv_bytes())
    at.radio[0].set_value("orders").run()
    assert not at.exception
    assert _mapped(at, "orders", "customer").value == "Account"


def test_retail_export_is_orders_with_country_as_region_and_description_as_product():
    at = _uploaded("Online Retail.csv", retail_export.csv_bytes())
    assert at.radio[0].value == "orders"
    assert any(c.value.startswith("识别为订单明细：有订单日期列「InvoiceDate」") for c in at.caption)
    assert _mapped(at, "orders", "region").value == "Country"
    assert _mapped(at, "orders", "product").value == "Description"


def test_amount_left_empty_says_it_is_computed_from_quantity_and_unit_price():
    at = _uploaded("Online Retail.csv", retail_export.csv_bytes())
    amount = _mapped(at, "orders", "amount")
    assert amount.value == "" and amount.options[0] == "（由 数量 × 单价 计算）"
    assert not at.button(key="load_button").disabled


def test_amount_says_not_used_again_once_the_unit_price_is_unmapped():
    at = _uploaded("Online Retail.csv", retail_export.csv_bytes())
    _mapped(at, "orders", "unit_price").set_value("").run()
    assert _mapped(at, "orders", "amount").options[0] == "（不使用）"
    assert "缺少必需字段：金额" in at.warning[0].value


def test_amount_computed_label_in_english(monkeypatch):
    at = _uploaded("Online Retail.csv", retail_export.csv_bytes(), _english(monkeypatch))
    assert _mapped(at, "orders", "amount").options[0] == "(computed as quantity × unit price)"


def _won_only_funnel(lang: str = "zh", orders: bytes | None = None) -> AppTest:
    """The sample orders (or `orders`), then the CRM pipeline, then the funnel page."""
    at = AppTest.from_file(APP, default_timeout=90)
    at.query_params["lang"] = lang
    at.run()
    if orders is not None:
        at.file_uploader[0].upload("Online Retail.csv", orders, "text/csv").run()
        at.button(key="load_button").click().run()
    at.file_uploader[0].upload("sales_pipeline.csv", crm_pipeline.csv_bytes(), "text/csv").run()
    at.button(key="load_button").click().run()
    at.switch_page(FUNNEL).run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def test_values_only_on_won_deals_are_said_in_words_instead_of_an_amount_win_rate_and_funnel():
    at = _won_only_funnel()
    shown = metrics(at)
    assert "赢率（按金额）" not in shown  # it would read 100%: 18,600 / (18,600 + 0)
    assert shown["赢率（按数量）"] == "63.2%"  # 12 won / (12 won + 7 lost) = 0.6316
    assert (shown["赢单"], shown["输单"]) == ("12", "7")
    note = next(i.value for i in at.info if i.value.startswith("金额只记录在赢单上"))
    assert "28 个输单和进行中的商机没有金额" in note  # 7 lost + 5 prospecting + 16 engaging
    assert note.endswith("赢单金额合计 ¥1.9万。")  # 18,600 = 1.86万
    assert "按商机金额" not in plot_titles(at) and plot_titles(at)[0] == "按商机数"
    table = next(d.value for d in at.dataframe if "到达商机数" in d.value.columns)
    assert "到达金额（元）" not in table.columns and "金额转化率" not in table.columns
    assert list(table["阶段"]) == ["Prospecting", "Engaging", "Won"]


def test_values_only_on_won_deals_note_in_english(monkeypatch):
    at = _won_only_funnel(_english(monkeypatch))
    note = next(i.value for i in at.info if i.value.startswith("Only won deals carry an amount"))
    assert "the 28 lost and open opportunities have none" in note
    assert "Win rate (amount)" not in metrics(at)


def test_home_funnel_panel_says_the_amounts_are_only_on_won_deals():
    at = _won_only_funnel()
    at.switch_page("views/home.py").run()
    assert not at.exception
    assert any("金额只记录在赢单上" in c.value for c in at.caption)


def test_sample_pipeline_with_values_everywhere_keeps_its_amount_figures():
    at = open_page(FUNNEL)
    assert "赢率（按金额）" in metrics(at)
    assert not any(i.value.startswith("金额只记录在赢单上") for i in at.info)


def test_pipeline_dated_after_the_orders_as_of_gets_a_note():
    # retail orders end in 2011, the CRM deals were engaged and closed from 2016 on
    at = _won_only_funnel(orders=retail_export.csv_bytes())
    as_of = at.session_state["filters"].as_of.isoformat()
    note = next(i.value for i in at.info if "晚于订单数据的截至日期" in i.value)
    latest = max(d for row in crm_pipeline.rows() for d in (row[5], row[6] if row[4] in ("Won", "Lost") else "") if d)
    # every deal but the 5 prospecting ones (no engage date, not closed) is dated after 2011
    assert note.startswith(f"35 个商机的日期晚于订单数据的截至日期 {as_of}（最晚 {latest}）")


def test_pipeline_dated_before_the_orders_as_of_gets_no_note():
    at = _won_only_funnel()  # the sample orders run to 2025
    assert not any("晚于订单数据的截至日期" in i.value for i in at.info)


def test_switching_language_keeps_the_funnel_working():
    at = _won_only_funnel()
    set_state(at, "lang", "en")
    assert not at.exception
    assert any(i.value.startswith("Only won deals carry an amount") for i in at.info)


def test_owner_conversion_figures_stay_horizontal_on_short_bars():
    at = _won_only_funnel()
    bars = [trace for plot in plots(at) for trace in plot["data"] if trace.get("type") == "bar"]
    assert bars and all((trace["textangle"], trace["textposition"]) == (0, "outside") for trace in bars)
