"""Roles, scopes and the audit log's file format (core/access.py, core/audit.py)."""

import json

import pytest

from core import access, audit
from core.access import AccessDenied, Scope, User


@pytest.mark.parametrize(
    ("role", "allowed", "refused"),
    [
        ("viewer", ["view", "download", "explore"], ["upload", "rename", "merge", "delete", "manage_users"]),
        ("editor", ["view", "upload", "import", "rename", "merge"], ["delete", "manage_users", "read_audit"]),
        ("admin", list(access.ACTIONS), []),
    ],
)
def test_each_role_may_do_its_own_and_lower_roles_actions_only(role, allowed, refused):
    user = User("u", role)
    for action in allowed:
        access.require(user, action)
    for action in refused:
        with pytest.raises(AccessDenied):
            access.require(user, action)


def test_refusal_names_the_role_needed_in_both_languages():
    with pytest.raises(AccessDenied) as caught:
        access.require(User("li", "viewer"), "delete")
    assert "admin" in caught.value.message("en") and "管理员" in caught.value.message("zh")


def test_an_unknown_role_is_refused():
    with pytest.raises(ValueError):
        User("x", "owner")


def test_scope_binds_none_for_an_unrestricted_column_and_the_list_otherwise():
    assert Scope().params() == {"scope_region": None, "scope_account_manager": None}
    assert Scope(regions=("华东",)).params() == {"scope_region": ["华东"], "scope_account_manager": None}
    assert Scope().unrestricted and not Scope(managers=("王",)).unrestricted


def test_the_cli_acts_as_an_admin():
    assert access.local_admin().role == "admin"


def test_audit_entries_are_appended_in_order_with_utc_time(tmp_path):
    audit.record(tmp_path, "wang", "sign_in")
    audit.record(tmp_path, "wang", "rename", {"dataset": 3, "label": "第48周"})
    found = audit.entries(tmp_path)
    assert [e["action"] for e in found] == ["sign_in", "rename"]
    assert found[1]["detail"] == {"dataset": 3, "label": "第48周"}
    assert found[0]["time"].endswith("Z") and found[0]["user"] == "wang"


def test_audit_skips_a_line_cut_short_by_a_crash(tmp_path):
    audit.record(tmp_path, "a", "sign_in")
    with open(tmp_path / audit.FILE_NAME, "ab") as f:
        f.write(b'{"time": "2026-')
    audit.record(tmp_path, "b", "sign_out")
    lines = (tmp_path / audit.FILE_NAME).read_bytes().splitlines()
    assert len(lines) == 3 and json.loads(lines[2])["user"] == "b"  # b's entry starts on a line of its own
    assert [e["user"] for e in audit.entries(tmp_path)] == ["a", "b"]


def test_audit_refuses_an_unknown_action(tmp_path):
    with pytest.raises(ValueError):
        audit.record(tmp_path, "a", "drop_table")


def test_an_empty_workspace_has_no_entries(tmp_path):
    assert audit.entries(tmp_path / "none") == []
