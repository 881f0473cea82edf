"""The outlook on screen through AppTest (issue #14): the forecast on the profile, the churn list, the ABC table and
the home page, the relationships page with its filters in the URL, in both languages, with and without a
manager column, and on a book too small to fit. Figures are the core functions' (core.outlook_tables) on the
same data; the small book is worked out by hand in tests/outlook_files.py."""

from __future__ import annotations

import os
import re
from datetime import UTC, datetime
from pathlib import Path

import outlook_files
import pytest
from app_run import open_page
from streamlit.testing.v1 import AppTest

from core import ingest, outlook_tables, store, workspace
from core.filters import Filters
from ui import outlook_view
from ui.format import money

RAW_MISSING = re.compile(r"\b(None|nan|NaN|NaT)\b|<NA>")
PROFILE, CHURN, ABC, HOME, RELATIONSHIPS = (
    "views/profile.py",
    "views/churn.py",
    "views/abc.py",
    "views/home.py",
    "views/relationships.py",
)


def _save(data: bytes) -> None:
    con = store.connect()
    reports = {"orders": ingest.load_file(con, data, "orders.csv")}
    workspace.save_dataset(Path(os.environ["KA_WORKSPACE"]), con, reports, "w", uploaded_at=datetime.now(UTC))


def _open(page: str, lang: str = "zh", **query) -> AppTest:
    return open_page(page, switch_lang=None if lang == "zh" else lang, timeout=90, **query)


def _core(data: bytes, horizon: int = 90) -> outlook_tables.Outlook:
    con = store.connect()
    ingest.load_file(con, data, "orders.csv")
    return outlook_tables.customer_outlook_table(con, Filters(), horizon_days=horizon)


def _frame(at: AppTest, column: str):
    return next(d.value for d in at.dataframe if column in d.value.columns)


def _texts(at: AppTest) -> list[str]:
    texts = []
    for node in at._tree:
        if node.type == "dataframe":
            frame = node.value
            texts += [str(c) for c in frame.columns]
            texts += [str(v) for v in frame.astype(object).where(frame.notna(), "<NA>").to_numpy().ravel()]
        elif getattr(node, "proto", None) is not None:
            texts.append(str(node.proto))
    return texts


@pytest.fixture
def fitted():
    _save(outlook_files.fitted_csv())
    return _core(outlook_files.fitted_csv())


@pytest.fixture
def small():
    _save(outlook_files.small_csv())


# ---- the profile ----------------------------------------------------------------------------------------


def test_profile_shows_p_alive_and_expected_orders_and_revenue_of_the_core_forecast(fitted):
    unsure = fitted.customers["p_alive"].between(0.01, 0.99)
    row = fitted.customers[fitted.customers["forecast_note"].isna() & unsure].iloc[0]
    at = _open(PROFILE, customer=row["customer"])
    cards = {m.label: m.value for m in at.metric}
    assert cards["存活概率"] == f"{row['p_alive'] * 100:.1f}%"
    assert cards["未来90天预计采购"] == f"{row['expected_orders']:,.2f}"
    revenue = next(m for m in at.metric if m.label == "未来90天预计销售额")
    assert revenue.value == money(int(row["expected_revenue_cents"]) / 100)  # short, as every card: ¥2,948
    assert revenue.proto.help == f"精确值：¥{int(row['expected_revenue_cents']) / 100:,.2f}"


def test_p_alive_never_reads_a_rounded_certainty():
    assert [outlook_view.p_alive_text(p, None) for p in (0.9996, 0.9994, 0.0004, 0.5)] == [
        ">99.9%",
        "99.9%",
        "<0.1%",
        "50.0%",
    ]


def test_choosing_a_horizon_relabels_the_cards_and_keeps_it_in_the_url(fitted):
    longer = _core(outlook_files.fitted_csv(), horizon=180).customers
    row = longer[longer["forecast_note"].isna()].iloc[0]
    at = _open(PROFILE, customer=row["customer"])
    at.radio(key="profile_horizon").set_value(180).run()
    cards = {m.label: m.value for m in at.metric}
    assert cards["未来180天预计采购"] == f"{row['expected_orders']:,.2f}"
    assert "未来90天预计采购" not in cards
    assert at.query_params["horizon"] in ("180", ["180"])
    reopened = _open(PROFILE, customer=row["customer"], horizon="180")
    assert reopened.radio(key="profile_horizon").value == 180


def test_one_purchase_day_reads_the_reason_in_words_instead_of_p_alive(fitted):
    once = fitted.customers[fitted.customers["forecast_note"].eq("one_purchase_day")].iloc[0]
    at = _open(PROFILE, customer=once["customer"])
    cards = {m.label: m.value for m in at.metric}
    assert cards["存活概率"] == "仅一个采购日"
    assert cards["未来90天预计采购"] == f"{once['expected_orders']:,.2f}"
    assert any(c.value.startswith("仅有一个采购日：模型默认其仍在活跃") for c in at.caption)


def test_profile_of_a_book_too_small_to_fit_says_so_and_shows_no_forecast_card(small):
    at = _open(PROFILE, customer="甲")
    cards = {m.label: m.value for m in at.metric}
    assert not {"存活概率", "未来90天预计采购", "未来90天预计销售额"} & set(cards)  # the sentence, not a row of dashes
    assert "—" not in [cards[k] for k in list(cards)[4:]]
    assert cards["客户关系层级"] == "能动型"  # tier A, medium margin (no profit column)
    assert any(c.value.startswith("复购客户太少") for c in at.caption)


def test_profile_in_english_words_the_forecast(fitted):
    at = _open(PROFILE, "en", customer=fitted.customers["customer"].iloc[0])
    labels = [m.label for m in at.metric]
    assert {"P(alive)", "Expected orders, next 90 days", "Expected revenue, next 90 days"} <= set(labels)


# ---- the churn list and the ABC table -------------------------------------------------------------------


def test_churn_call_list_carries_each_customers_expected_revenue(fitted):
    at = _open(CHURN)
    at.radio(key="churn_columns").set_value("forecast").run()  # the call list's forecast columns (issue #11)
    listed = _frame(at, "未来90天预计销售额")
    expected = fitted.customers.set_index("customer")["expected_revenue_cents"]
    for customer, shown in zip(listed["客户"], listed["未来90天预计销售额"]):
        assert shown == f"¥{int(expected[customer]) / 100:,.2f}"


def test_abc_table_carries_p_alive_or_the_reason_for_every_customer(fitted):
    at = _open(ABC)
    at.radio(key="abc_columns").set_value("forecast").run()  # the table's forecast columns (issue #11)
    table = _frame(at, "存活概率")
    assert set(table["存活概率"]) - {"仅一个采购日"} and all(
        v == "仅一个采购日" or v.endswith("%") for v in table["存活概率"]
    )


@pytest.mark.parametrize("page", [CHURN, ABC])
def test_without_a_fit_the_tables_have_no_forecast_columns_and_say_why(small, page):
    at = _open(page)
    assert not [d for d in at.dataframe if "存活概率" in d.value.columns]
    assert any(c.value.startswith("不显示预测列：复购客户太少") for c in at.caption)


# ---- the home page --------------------------------------------------------------------------------------


def test_home_sums_expected_revenue_per_tier_and_manager_as_core_does(fitted):
    at = _open(HOME)
    per_tier = outlook_tables.expected_by(fitted.customers, "tier", outlook_tables.tiers_with_none(fitted.customers))
    shown = _frame(at, "预计销售额")
    assert shown["预计销售额"].tolist() == [f"¥{int(c) / 100:,.2f}" for c in per_tier["expected_revenue_cents"]]
    assert shown["分层"].tolist() == ["A 类客户", "B 类客户", "C 类客户", "窗口内无订单"]
    managers = next(d.value for d in at.dataframe if "客户经理" in d.value.columns and "预计销售额" in d.value.columns)
    assert set(managers["客户经理"]) == set(outlook_files.MANAGERS)
    assert any(s.value == "未来90天预计" for s in at.subheader)


def test_home_has_no_manager_breakdown_without_a_manager_column():
    _save(outlook_files.fitted_csv(with_manager=False))
    at = _open(HOME)
    assert [d for d in at.dataframe if "预计销售额" in d.value.columns]
    assert not [d for d in at.dataframe if "客户经理" in d.value.columns and "预计销售额" in d.value.columns]


def test_home_without_a_fit_says_so_in_words(small):
    at = _open(HOME)
    assert any(i.value.startswith("复购客户太少") for i in at.info)
    assert not [d for d in at.dataframe if "预计销售额" in d.value.columns]


# ---- the relationships page -----------------------------------------------------------------------------


def test_relationships_page_counts_bands_levels_and_stages_of_the_small_book(small):
    at = _open(RELATIONSHIPS)
    bands = _frame(at, "忠诚度")
    assert bands["客户数"].tolist() == [1, 2, 1]  # 丙 high; 甲, 丁 medium; 乙 low
    levels = _frame(at, "建议联系方式")
    assert dict(zip(levels["关系层级"], levels["客户数"])) == {
        "基本型": 0,
        "被动型": 1,
        "负责型": 1,
        "能动型": 2,
        "伙伴型": 0,
    }
    stages = next(d.value for d in at.dataframe if d.value.columns[0] == "生命周期")
    assert stages["客户数"].tolist() == [1, 1, 0, 1, 1]
    assert stages["窗口内净销售额"].tolist() == [80.0, 500.0, 0.0, 100.0, 0.0]


def test_a_loyalty_filter_in_the_link_lists_only_those_customers(small):
    at = _open(RELATIONSHIPS, loyalty="medium")
    listed = _frame(at, "概率来源")
    assert sorted(listed["客户"]) == ["丁", "甲"]
    assert any(s.value == "客户名单（2 位）" for s in at.subheader)


def test_picking_a_level_puts_it_in_the_url(small):
    at = _open(RELATIONSHIPS)
    at.multiselect(key="rel_levels").set_value(["accountable"]).run()
    assert at.query_params["relationship"] in ("accountable", ["accountable"])
    assert _frame(at, "概率来源")["客户"].tolist() == ["丙"]


def test_the_list_behind_a_stage_follows_the_stage_picked_and_the_link(small):
    at = _open(RELATIONSHIPS, stage="lost")
    assert at.selectbox(key="rel_stage").value == "lost"
    assert _frame(at, "首次购买")["客户"].tolist() == ["乙"]
    at.selectbox(key="rel_stage").set_value("new").run()
    assert _frame(at, "首次购买")["客户"].tolist() == ["丙"]
    assert at.query_params["stage"] in ("new", ["new"])


@pytest.mark.parametrize("with_manager", [True, False])
def test_relationships_page_has_an_owner_column_only_with_a_manager_column(with_manager):
    _save(outlook_files.small_csv(with_manager=with_manager))
    at = _open(RELATIONSHIPS)
    assert ("客户经理" in _frame(at, "概率来源").columns) is with_manager


def test_relationships_page_in_english(fitted):
    at = _open(RELATIONSHIPS, "en")
    assert at.title[0].value == "Relationships: loyalty and relationship levels"
    assert _frame(at, "Recommended contact")["Relationship level"].tolist() == [
        "Basic",
        "Reactive",
        "Accountable",
        "Proactive",
        "Partnership",
    ]


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("page", [PROFILE, CHURN, ABC, HOME, RELATIONSHIPS])
def test_no_outlook_view_prints_none_or_nan(fitted, page, lang):
    once = fitted.customers[fitted.customers["forecast_note"].eq("one_purchase_day")].iloc[0]["customer"]
    texts = _texts(_open(page, lang, customer=once))
    assert not [t for t in texts if RAW_MISSING.search(t)]
