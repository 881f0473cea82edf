"""Roles enforced in core (issue #12): each workspace change refused below its role, allowed at it, and audited."""

import pytest
import weekly_files

from core import access, audit, signin, users, workspace
from core.access import AccessDenied, Scope, User

VIEWER, EDITOR, ADMIN = User("li", "viewer"), User("wang", "editor"), User("zhao", "admin")
PASSWORD = "correct horse battery"


def save_week(ws, week=1, actor=EDITOR, **kwargs):
    con, reports = weekly_files.loaded(week)
    return workspace.save_dataset(ws, con, reports, f"week-{week}", actor=actor, **kwargs)


def actions(ws) -> list[str]:
    return [e["action"] for e in audit.entries(ws)]


# ---- datasets -------------------------------------------------------------------------------------


def test_a_viewer_cannot_save_a_dataset_and_nothing_is_written(tmp_path):
    with pytest.raises(AccessDenied):
        save_week(tmp_path, actor=VIEWER)
    assert workspace.list_datasets(tmp_path) == [] and audit.entries(tmp_path) == []


def test_an_editors_upload_is_saved_and_audited_with_its_file_and_rows(tmp_path):
    dataset_id = save_week(tmp_path)
    [entry] = audit.entries(tmp_path)
    assert (entry["user"], entry["action"]) == ("wang", "upload")
    assert entry["detail"]["dataset"] == dataset_id
    assert entry["detail"]["orders_file"] == "orders_week1.csv" and entry["detail"]["orders_rows_loaded"] == 9


def test_a_save_from_the_cli_is_audited_as_import(tmp_path):
    save_week(tmp_path, actor=ADMIN, action="import")
    assert actions(tmp_path) == ["import"]


def test_a_viewer_cannot_rename_and_the_label_stays(tmp_path):
    dataset_id = save_week(tmp_path)
    with pytest.raises(AccessDenied):
        workspace.rename_dataset(tmp_path, dataset_id, "mine", actor=VIEWER)
    assert workspace.get_dataset(tmp_path, dataset_id)["label"] == "week-1"


def test_an_editor_renames_and_the_entry_has_both_labels(tmp_path):
    dataset_id = save_week(tmp_path)
    workspace.rename_dataset(tmp_path, dataset_id, "第27周", actor=EDITOR)
    entry = audit.entries(tmp_path)[-1]
    assert entry["action"] == "rename"
    assert entry["detail"] == {"dataset": dataset_id, "from": "week-1", "label": "第27周"}


def test_an_editor_cannot_delete_and_the_dataset_stays(tmp_path):
    dataset_id = save_week(tmp_path)
    with pytest.raises(AccessDenied):
        workspace.delete_dataset(tmp_path, dataset_id, actor=EDITOR)
    assert [d["id"] for d in workspace.list_datasets(tmp_path)] == [dataset_id]


def test_an_admin_deletes_and_the_entry_names_the_dataset(tmp_path):
    dataset_id = save_week(tmp_path)
    workspace.delete_dataset(tmp_path, dataset_id, actor=ADMIN)
    assert workspace.list_datasets(tmp_path) == []
    assert audit.entries(tmp_path)[-1] == {
        **audit.entries(tmp_path)[-1],
        "user": "zhao",
        "action": "delete",
        "detail": {"dataset": dataset_id, "label": "week-1"},
    }


def test_an_editor_may_replace_their_own_dataset_with_its_pipeline(tmp_path):
    first = save_week(tmp_path)
    second = save_week(tmp_path, replaces=first)
    assert [d["id"] for d in workspace.list_datasets(tmp_path)] == [second]
    assert audit.entries(tmp_path)[-1]["detail"]["replaces"] == first


def test_an_editor_may_not_replace_another_users_dataset(tmp_path):
    theirs = save_week(tmp_path, actor=User("chen", "editor"))
    with pytest.raises(AccessDenied):
        save_week(tmp_path, replaces=theirs)
    assert [d["id"] for d in workspace.list_datasets(tmp_path)] == [theirs]


def test_a_viewer_cannot_remember_a_mapping(tmp_path):
    with pytest.raises(AccessDenied):
        workspace.remember_mapping(tmp_path, ["甲", "乙"], "orders", {"customer": "甲"}, actor=VIEWER)
    assert workspace.saved_mapping(tmp_path, ["甲", "乙"]) is None


def test_a_dataset_records_who_uploaded_it(tmp_path):
    dataset_id = save_week(tmp_path)
    meta = (tmp_path / "datasets" / str(dataset_id) / "meta.json").read_text(encoding="utf-8")
    assert '"uploaded_by": "wang"' in meta


# ---- accounts -------------------------------------------------------------------------------------


@pytest.mark.parametrize("actor", [VIEWER, EDITOR])
def test_only_an_admin_manages_users(tmp_path, actor):
    with pytest.raises(AccessDenied):
        users.add_user(tmp_path, "new", "viewer", PASSWORD, actor=actor)
    users.add_user(tmp_path, "new", "viewer", PASSWORD, actor=ADMIN)
    with pytest.raises(AccessDenied):
        users.reset_password(tmp_path, "new", PASSWORD + "2", actor=actor)
    with pytest.raises(AccessDenied):
        users.remove_user(tmp_path, "new", actor=actor)
    assert [u["name"] for u in users.list_users(tmp_path)] == ["new"]


def test_the_first_user_turns_sign_in_on_and_removing_the_last_turns_it_off(tmp_path):
    assert not users.has_users(tmp_path)
    users.add_user(tmp_path, "wang", "editor", PASSWORD, actor=ADMIN)
    assert users.has_users(tmp_path)
    users.remove_user(tmp_path, "wang", actor=ADMIN)
    assert not users.has_users(tmp_path)


def test_user_changes_are_audited_without_the_password(tmp_path):
    users.add_user(tmp_path, "wang", "editor", PASSWORD, actor=ADMIN, regions=["华东"], email="Wang@Example.com")
    users.reset_password(tmp_path, "wang", "another long password", actor=ADMIN)
    users.remove_user(tmp_path, "wang", actor=ADMIN)
    assert actions(tmp_path) == ["user_add", "password_reset", "user_remove"]
    added = audit.entries(tmp_path)[0]["detail"]
    assert added == {"name": "wang", "role": "editor", "regions": ["华东"], "managers": [], "email": "wang@example.com"}
    log = (tmp_path / audit.FILE_NAME).read_text(encoding="utf-8")
    assert PASSWORD not in log and "another long password" not in log and "argon2" not in log


def test_users_json_holds_a_salted_argon2_hash_never_the_password(tmp_path):
    users.add_user(tmp_path, "a", "viewer", PASSWORD, actor=ADMIN)
    users.add_user(tmp_path, "b", "viewer", PASSWORD, actor=ADMIN)
    text = (tmp_path / users.FILE_NAME).read_text(encoding="utf-8")
    assert PASSWORD not in text
    hashes = [line.split('"')[3] for line in text.splitlines() if "password_hash" in line]
    assert len(hashes) == 2 and all(h.startswith("$argon2id$") for h in hashes)
    assert hashes[0] != hashes[1]  # same password, different salt


def test_list_users_never_returns_a_hash(tmp_path):
    users.add_user(tmp_path, "wang", "editor", PASSWORD, actor=ADMIN, regions=["华东"], managers=["王经理"])
    assert users.list_users(tmp_path) == [
        {"name": "wang", "role": "editor", "regions": ["华东"], "managers": ["王经理"], "email": None}
    ]


def test_a_user_carries_the_scope_given_at_add(tmp_path):
    users.add_user(tmp_path, "wang", "viewer", PASSWORD, actor=ADMIN, regions=["华东", "华南"], managers=["王"])
    assert users.find_user(tmp_path, "wang").scope == Scope(regions=("华东", "华南"), managers=("王",))


@pytest.mark.parametrize("password", ["", "short", "1234567"])
def test_a_password_under_eight_characters_is_refused(tmp_path, password):
    with pytest.raises(workspace.WorkspaceError):
        users.add_user(tmp_path, "wang", "viewer", password, actor=ADMIN)
    assert not users.has_users(tmp_path)


def test_a_name_taken_is_refused(tmp_path):
    users.add_user(tmp_path, "wang", "viewer", PASSWORD, actor=ADMIN)
    with pytest.raises(workspace.WorkspaceError):
        users.add_user(tmp_path, " wang ", "admin", PASSWORD, actor=ADMIN)
    assert users.find_user(tmp_path, "wang").role == "viewer"


def test_an_oidc_email_matches_its_user_case_insensitively_and_an_unknown_one_matches_none(tmp_path):
    users.add_user(tmp_path, "wang", "editor", PASSWORD, actor=ADMIN, email="wang@example.com")
    assert signin.oidc_sign_in(tmp_path, "WANG@example.com").name == "wang"
    assert signin.oidc_sign_in(tmp_path, "stranger@example.com") is None
    assert [(e["user"], e["action"]) for e in audit.entries(tmp_path)][-2:] == [
        ("wang", "sign_in"),
        (signin.UNKNOWN, "sign_in_failed"),
    ]


# ---- the audit log on the page --------------------------------------------------------------------


@pytest.mark.parametrize("actor", [VIEWER, EDITOR])
def test_only_an_admin_reads_the_audit_log(tmp_path, actor):
    audit.record(tmp_path, "wang", "sign_in")
    with pytest.raises(AccessDenied):
        audit.newest_first(tmp_path, actor=actor)


def test_the_audit_page_lists_newest_first_filtered_by_user_and_action(tmp_path):
    for user, action in [("a", "sign_in"), ("b", "sign_in"), ("a", "sign_out"), ("a", "sign_in")]:
        audit.record(tmp_path, user, action)
    everything = audit.newest_first(tmp_path, actor=ADMIN)
    assert [(e["user"], e["action"]) for e in everything] == [
        ("a", "sign_in"),
        ("a", "sign_out"),
        ("b", "sign_in"),
        ("a", "sign_in"),
    ]
    assert len(audit.newest_first(tmp_path, actor=ADMIN, user="a", action="sign_in")) == 2


def test_the_local_user_of_a_laptop_is_an_unscoped_admin():
    assert access.LOCAL_USER.role == "admin" and access.LOCAL_USER.scope.unrestricted


def test_a_single_sign_on_account_has_no_password_to_guess(tmp_path):
    users.add_user(tmp_path, "wang", "viewer", None, actor=ADMIN, email="wang@example.com")
    assert users.password_matches(tmp_path, "wang", "") is None
    assert users.user_by_email(tmp_path, "wang@example.com").name == "wang"


def test_an_account_without_password_or_email_is_refused(tmp_path):
    with pytest.raises(workspace.WorkspaceError):
        users.add_user(tmp_path, "wang", "viewer", None, actor=ADMIN)
    assert not users.has_users(tmp_path)
