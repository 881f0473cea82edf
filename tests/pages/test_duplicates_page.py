"""客户去重 / Duplicate customers (issue #14): the review, merging, keeping apart, roles, and merges applied later."""

import os
from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path

from app_run import open_page, set_state
from signed_in import sign_in

from core import audit, ingest, store, workspace
from core.access import User
from core.workspace import merges

PAGE = "views/duplicates.py"
# 云帆: one customer spelled with and without 有限公司 (a review); 华为: width only (one customer, no review)
ORDERS = """客户,订单日期,金额
深圳云帆电子,2024-03-01,100.50
深圳云帆电子有限公司,2024-03-05,200.25
深圳云帆电子有限公司,2024-04-05,300.00
华为技术(深圳),2024-04-10,1000.00
华为技术（深圳）,2024-04-11,500.00
北京星河科技,2024-04-12,50.00
"""
GROUP = "深圳云帆电子|深圳云帆电子有限公司"


def _workspace() -> Path:
    return Path(os.environ["KA_WORKSPACE"])


def _save(text: str = ORDERS) -> int:
    con = store.connect()
    report = ingest.load_file(con, text.encode("utf-8"), "orders.csv")
    return workspace.save_dataset(_workspace(), con, {"orders": report}, uploaded_at=datetime(2024, 5, 1, tzinfo=UTC))


def _frames_text(at) -> str:
    return " ".join(d.value.to_string() for d in at.dataframe)


def test_the_group_lists_each_name_with_its_revenue_and_orders_and_width_variants_are_not_offered():
    _save()
    at = open_page(PAGE)
    assert at.title[0].value == "客户去重"
    table = next(d.value for d in at.dataframe if "累计净收入" in d.value.columns)
    assert list(zip(table["名称"], table["累计净收入"], table["订单数"])) == [
        ("深圳云帆电子有限公司", "¥500", 2),  # 200.25 + 300.00, the default survivor: most revenue
        ("深圳云帆电子", "¥100", 1),
    ]
    assert at.selectbox(key=f"dup_into_{GROUP}").value == "深圳云帆电子有限公司"
    assert "华为" not in _frames_text(at)  # 华为技术(深圳) / 华为技术（深圳） are one customer by the key already
    assert "None" not in _frames_text(at)


def test_the_page_in_english_names_the_reason_and_columns():
    _save()
    at = open_page(PAGE)
    set_state(at, "lang", "en")
    assert not at.exception
    assert at.title[0].value == "Duplicate customers"
    assert any("Same name once suffixes" in m.value for m in at.markdown)
    assert any("Net revenue to date" in d.value.columns for d in at.dataframe)


def test_merging_moves_the_revenue_to_the_kept_name_remembers_and_audits_it():
    _save()
    at = open_page(PAGE)
    at.button(key=f"dup_merge_{GROUP}").click().run()
    assert not at.exception
    assert "已将「深圳云帆电子」合并到「深圳云帆电子有限公司」" in at.success[0].value
    decided = merges.decisions(_workspace())
    assert [(m["into"], m["from"]) for m in decided["merges"]] == [("深圳云帆电子有限公司", ["深圳云帆电子"])]
    assert [(e["user"], e["action"]) for e in audit.entries(_workspace()) if e["action"] == "merge"] == [
        ("local", "merge")
    ]
    revenue = dict(
        at.session_state.con.execute("select customer, sum(amount) from orders group by customer").fetchall()
    )
    assert revenue["深圳云帆电子有限公司"] == Decimal("600.75") and "深圳云帆电子" not in revenue
    assert not any("累计净收入" in d.value.columns for d in at.dataframe)  # the group is gone


def test_a_merge_is_applied_when_the_dataset_saved_before_it_is_opened_and_the_import_page_says_so():
    _save()
    merges.merge_customers(_workspace(), User("wang", "editor"), "深圳云帆电子有限公司", GROUP.split("|"))
    at = open_page("views/upload.py")
    revenue = dict(
        at.session_state.con.execute("select customer, sum(amount) from orders group by customer").fetchall()
    )
    assert revenue["深圳云帆电子有限公司"] == Decimal("600.75")
    assert any("「深圳云帆电子」并入「深圳云帆电子有限公司」（1 行）" in i.value for i in at.info)


def test_a_group_kept_apart_is_not_offered_again_in_a_new_session():
    _save()
    at = open_page(PAGE)
    at.button(key=f"dup_keep_{GROUP}").click().run()
    assert "不再提示" in at.success[0].value
    again = open_page(PAGE)
    assert not any("累计净收入" in d.value.columns for d in again.dataframe)
    assert "没有待确认的重复客户" in again.success[0].value


def test_a_viewer_sees_the_groups_but_cannot_decide():
    _save()
    at = open_page(PAGE)
    sign_in(at, User("zhao", "viewer")).run()
    assert any("需要编辑者角色" in i.value for i in at.info)
    assert at.button(key=f"dup_merge_{GROUP}").disabled and at.button(key=f"dup_keep_{GROUP}").disabled


def test_a_hostile_name_stays_text_in_the_group_and_in_the_merge_message():
    link = "[x](javascript:alert(1))"
    _save(f"客户,订单日期,金额\n{link},2024-03-01,10\n{link}有限公司,2024-03-02,30\n")
    at = open_page(PAGE)
    group = f"{link}|{link}有限公司"
    at.button(key=f"dup_merge_{group}").click().run()
    rendered = [m.value for m in at.markdown] + [s.value for s in at.success]
    assert not any(link in text for text in rendered)  # never live markdown
    assert any("javascript" in s.value for s in at.success)  # named, escaped


def test_with_an_id_column_the_group_shows_ids_and_merges_by_id():
    _save("客户编号,客户名称,订单日期,金额\nC1,深圳云帆电子,2024-03-01,10\nC2,深圳云帆电子有限公司,2024-03-02,30\n")
    at = open_page(PAGE)
    table = next(d.value for d in at.dataframe if "累计净收入" in d.value.columns)
    assert list(zip(table["名称"], table["客户编号"])) == [("深圳云帆电子有限公司", "C2"), ("深圳云帆电子", "C1")]
    at.button(key="dup_merge_C1|C2").click().run()
    rows = at.session_state.con.execute("select distinct customer, customer_name from orders").fetchall()
    assert rows == [("C2", "深圳云帆电子有限公司")]


def test_one_name_under_two_codes_says_so_rather_than_suffixes_removed():
    _save(
        "客户编号,客户名称,订单日期,金额\n100001,深圳市华强电子有限公司,2024-03-01,10\n100095,深圳市华强电子有限公司,2024-03-02,30\n"
    )
    at = open_page(PAGE)
    heads = [m.value for m in at.markdown if "第 1 组" in m.value]
    assert heads and "名称完全相同，客户编号不同" in heads[0] and "去掉后缀" not in heads[0]
