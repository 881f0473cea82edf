"""The sign-in page (issue #12): off by default, only a form when on, back to the pasted link after signing in."""

import os
from pathlib import Path

import pytest
from app_run import APP, every_text, open_page
from streamlit.testing.v1 import AppTest

from core import audit, ingest, signin, store, users, workspace
from core.access import User

SAMPLE = Path(__file__).resolve().parents[2] / "sample_data" / "orders.xlsx"
ADMIN = User("root", "admin")
PASSWORD = "correct horse battery"


def workspace_path() -> Path:
    return Path(os.environ["KA_WORKSPACE"])


def add(name: str, role: str, **kwargs) -> None:
    users.add_user(workspace_path(), name, role, PASSWORD, actor=ADMIN, **kwargs)


def sample_customers() -> set[str]:
    con = store.connect()
    ingest.load_file(con, SAMPLE.read_bytes(), SAMPLE.name)
    return {row[0] for row in con.execute("select distinct customer from orders").fetchall()}


def save_sample() -> int:
    con = store.connect()
    report = ingest.load_file(con, SAMPLE.read_bytes(), SAMPLE.name)
    return workspace.save_dataset(workspace_path(), con, {"orders": report}, "sample", actor=ADMIN)


def app(page: str | None = None, **query) -> AppTest:
    return open_page(page, **query)


def sign_in(at: AppTest, name: str, password: str = PASSWORD) -> AppTest:
    at.text_input(key="signin_name").input(name)
    at.text_input(key="signin_password").input(password)
    next(b for b in at.button if b.label in ("登录", "Sign in")).click().run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def test_with_no_account_the_app_opens_on_the_weekly_review_without_sign_in():
    at = app()
    assert at.title[0].value == "周会看板"
    assert at.session_state["user"].name == "local" and not [t for t in at.text_input if t.key == "signin_name"]


def test_signed_out_the_page_is_only_the_form_with_no_figure_no_table_and_no_customer_name():
    add("wang", "editor")
    at = app()
    assert [t.label for t in at.text_input] == ["用户名", "密码"]
    assert [b.label for b in at.button] == ["登录"]
    assert at.get("plotly_chart") == [] and at.dataframe == [] and at.metric == [] and at.table == []
    assert "con" not in at.session_state  # no data loaded at all
    text = every_text(at)
    leaked = [c for c in sample_customers() if c in text]
    assert leaked == []


def test_the_sign_in_form_speaks_english_with_lang_en():
    add("wang", "editor")
    at = app(lang="en")
    assert [t.label for t in at.text_input] == ["User name", "Password"]
    assert [b.label for b in at.button] == ["Sign in"]


def test_a_pasted_link_lands_on_its_page_and_filters_after_signing_in():
    add("wang", "editor")
    at = app("views/churn.py", region="华东")
    assert at.text_input(key="signin_name")  # the link opened signed out: the form, not the churn page
    sign_in(at, "wang")
    assert at.title[0].value.startswith("流失预警")
    assert at.query_params["region"] == "华东"
    assert at.session_state["filters"].region == ("华东",)


def test_a_wrong_password_is_refused_in_words_and_shown_nowhere():
    add("wang", "editor")
    at = sign_in(app(), "wang", "hunter2-wrong-guess")
    assert "用户名或密码不正确" in at.error[0].value
    assert "hunter2-wrong-guess" not in every_text(at)
    assert "signin_password" not in at.session_state or at.session_state["signin_password"] == ""
    assert "user" not in at.session_state
    assert audit.entries(workspace_path())[-1]["action"] == "sign_in_failed"


def test_signing_in_is_audited_and_signing_out_returns_to_the_form():
    add("wang", "editor")
    at = sign_in(app(), "wang")
    assert "wang" in every_text(at)
    at.button(key="sign_out").click().run()
    assert at.text_input(key="signin_name") and "con" not in at.session_state
    assert [(e["user"], e["action"]) for e in audit.entries(workspace_path())][-2:] == [
        ("wang", "sign_in"),
        ("wang", "sign_out"),
    ]


def test_a_removed_account_is_signed_out_at_its_next_click():
    add("wang", "editor")
    add("zhao", "admin")
    at = sign_in(app(), "wang")
    users.remove_user(workspace_path(), "wang", actor=ADMIN)
    at.run()
    assert at.text_input(key="signin_name") and "user" not in at.session_state


@pytest.mark.parametrize(("role", "rename", "delete"), [("viewer", 0, 0), ("editor", 1, 0), ("admin", 1, 1)])
def test_the_datasets_page_shows_only_the_buttons_the_role_may_use(role, rename, delete):
    add("u", role)
    save_sample()
    at = sign_in(app("views/datasets.py"), "u")
    keys = [b.key for b in at.button]
    assert (keys.count("ds_rename"), keys.count("ds_delete")) == (rename, delete)


def test_only_an_admin_has_the_audit_page():
    add("li", "viewer")
    add("zhao", "admin")
    viewer = sign_in(app(), "li")
    assert "审计日志" not in every_text(viewer)
    admin = sign_in(app(), "zhao")
    admin.switch_page("views/audit.py").run()
    assert admin.title[0].value == "审计日志"
    shown = admin.dataframe[0].value
    assert list(shown["操作"])[:2] == ["登录", "登录"]  # newest first: zhao's sign-in, then li's
    assert list(shown["用户"])[:2] == ["zhao", "li"]


def test_a_viewers_upload_is_never_saved_as_a_dataset():
    add("li", "viewer")
    at = sign_in(app(), "li")
    data = "客户,日期,金额\n甲,2024-01-05,7\n乙,2024-01-06,8\n".encode()
    at.file_uploader[0].upload("o.csv", data, "text/csv").run()
    if at.button(key="load_button"):
        at.button(key="load_button").click().run()
    assert workspace.list_datasets(workspace_path()) == []
    assert not [e for e in audit.entries(workspace_path()) if e["action"] == "upload"]


def test_a_single_sign_on_user_is_matched_by_email_to_a_workspace_role():
    add("wang", "editor", email="wang@example.com")
    at = AppTest.from_file(APP, default_timeout=60)
    at.secrets["auth"] = {"redirect_uri": "http://localhost:8501/oauth2callback", "cookie_secret": "x"}
    at.user = {"is_logged_in": True, "email": "Wang@Example.com"}
    at.run()
    assert not at.exception
    assert at.session_state["user"].name == "wang" and at.title[0].value == "周会看板"


def test_a_single_sign_on_email_without_an_account_gets_no_access_said_in_words():
    add("wang", "editor", email="wang@example.com")
    at = AppTest.from_file(APP, default_timeout=60)
    at.secrets["auth"] = {"redirect_uri": "http://localhost:8501/oauth2callback", "cookie_secret": "x"}
    at.user = {"is_logged_in": True, "email": "stranger@example.com"}
    at.run()
    assert (
        "stranger@example.com" in at.error[0].value.replace("\u2060", "")
        and "没有本看板的访问权限" in at.error[0].value
    )
    assert "user" not in at.session_state and at.get("plotly_chart") == []


def test_an_editors_confirmed_upload_is_saved_and_audited_under_their_name():
    add("wang", "editor")
    at = sign_in(app(), "wang")
    data = "客户,订单日期,金额\n甲,2024-01-05,7\n乙,2024-01-06,8\n".encode()
    at.file_uploader[0].upload("o.csv", data, "text/csv").run()
    at.button(key="load_button").click().run()
    assert not at.exception
    [saved] = workspace.list_datasets(workspace_path())
    uploads = [e for e in audit.entries(workspace_path()) if e["action"] == "upload"]
    assert [(e["user"], e["detail"]["dataset"]) for e in uploads] == [("wang", saved["id"])]


def test_the_audit_page_shows_an_entrys_detail_as_words_without_raw_nulls():
    add("zhao", "admin")
    add("east", "viewer", regions=("华东",))
    admin = sign_in(app(), "zhao")
    admin.switch_page("views/audit.py").run()
    shown = admin.dataframe[0].value
    added = shown[shown["用户"] != "zhao"]["详情"].tolist()  # the two users added, newest first
    assert added[0] == "name: east · role: viewer · regions: 华东"
    assert not any("null" in d or "None" in d or "{" in d for d in shown["详情"])


def test_the_audit_page_says_yes_or_no_in_words_not_true_or_false():
    add("zhao", "admin")
    sign_in(app(), "zhao", "a wrong guess")
    signin.clear_failures(workspace_path(), "zhao")  # the audit entry stays; no 1-second wait for the next try
    admin = sign_in(app(), "zhao")
    admin.switch_page("views/audit.py").run()
    failed = admin.dataframe[0].value.query("操作 == '登录失败'")["详情"].tolist()
    assert failed == ["reason: wrong_password · name_known: 是"]
