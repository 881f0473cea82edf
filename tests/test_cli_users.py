"""python -m core users … / audit --json (issue #12): passwords from stdin only, the CLI audited as its OS user."""

import getpass
import json
import subprocess
import sys
from pathlib import Path

import weekly_files

from core import users

ROOT = Path(__file__).resolve().parent.parent
PASSWORD = "s3cret-team-password"


def run(*args: str, stdin: str = "") -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "core", *args], cwd=ROOT, input=stdin, capture_output=True, text=True, timeout=120
    )


def add(ws: Path, name: str, *flags: str, password: str = PASSWORD) -> subprocess.CompletedProcess:
    return run("users", "add", name, *flags, "--password-stdin", "--workspace", str(ws), stdin=password + "\n")


def test_users_add_reads_the_password_from_stdin_and_turns_sign_in_on(tmp_path):
    result = add(tmp_path, "wang", "--role", "editor", "--region", "华东", "--region", "华南", "--manager", "王")
    assert result.returncode == 0, result.stderr
    assert users.has_users(tmp_path)
    assert users.password_matches(tmp_path, "wang", PASSWORD).scope.regions == ("华东", "华南")


def test_the_password_is_in_no_output_and_not_in_users_json(tmp_path):
    outputs = [add(tmp_path, "wang", "--role", "admin")]
    outputs.append(
        run("users", "reset-password", "wang", "--password-stdin", "--workspace", str(tmp_path), stdin=PASSWORD + "2\n")
    )
    outputs += [run("users", "list", "--json", "--workspace", str(tmp_path))]
    outputs += [run("audit", "--json", "--workspace", str(tmp_path))]
    for result in outputs:
        assert result.returncode == 0, result.stderr
        assert PASSWORD not in result.stdout + result.stderr and "argon2" not in result.stdout + result.stderr
    assert PASSWORD not in (tmp_path / "users.json").read_text(encoding="utf-8")


def test_users_list_json_gives_name_role_and_scope(tmp_path):
    add(tmp_path, "wang", "--role", "viewer", "--manager", "王经理", "--email", "wang@example.com")
    result = run("users", "list", "--json", "--workspace", str(tmp_path))
    assert json.loads(result.stdout) == [
        {"name": "wang", "role": "viewer", "regions": [], "managers": ["王经理"], "email": "wang@example.com"}
    ]


def test_users_remove_deletes_the_account(tmp_path):
    add(tmp_path, "wang", "--role", "viewer")
    assert run("users", "remove", "wang", "--workspace", str(tmp_path)).returncode == 0
    assert users.list_users(tmp_path) == []


def test_removing_an_unknown_user_says_so_in_one_line(tmp_path):
    add(tmp_path, "wang", "--role", "viewer")
    result = run("users", "remove", "li", "--workspace", str(tmp_path))
    assert result.returncode == 1 and "No user named 'li'" in result.stderr and "Traceback" not in result.stderr


def test_a_password_is_never_an_argument(tmp_path):
    result = run("users", "add", "wang", "--role", "viewer", "--password", PASSWORD, "--workspace", str(tmp_path))
    assert result.returncode == 2  # argparse: unrecognized argument
    assert not users.has_users(tmp_path)


def test_without_a_terminal_or_password_stdin_nothing_is_added(tmp_path):
    result = run("users", "add", "wang", "--role", "viewer", "--workspace", str(tmp_path))
    assert result.returncode == 1 and "--password-stdin" in result.stderr
    assert not users.has_users(tmp_path)


def test_an_unknown_role_is_refused_by_the_parser(tmp_path):
    assert add(tmp_path, "wang", "--role", "owner").returncode == 2


def test_audit_json_lists_the_cli_changes_under_the_os_user(tmp_path):
    add(tmp_path, "wang", "--role", "editor")
    run("users", "reset-password", "wang", "--password-stdin", "--workspace", str(tmp_path), stdin="new-password-9\n")
    run("users", "remove", "wang", "--workspace", str(tmp_path))
    entries = json.loads(run("audit", "--json", "--workspace", str(tmp_path)).stdout)
    assert [(e["user"], e["action"]) for e in entries] == [
        (getpass.getuser(), "user_add"),
        (getpass.getuser(), "password_reset"),
        (getpass.getuser(), "user_remove"),
    ]
    assert all(e["time"].endswith("Z") and e["time"][10] == "T" for e in entries)
    assert entries[1]["detail"] == {"name": "wang"}


def test_audit_json_of_an_empty_workspace_is_an_empty_list(tmp_path):
    result = run("audit", "--json", "--workspace", str(tmp_path / "none"))
    assert result.returncode == 0 and json.loads(result.stdout) == []


def test_an_import_from_the_cli_is_audited_as_import(tmp_path):

    orders, _ = weekly_files.write(tmp_path, 1)
    assert run("import", str(orders), "--workspace", str(tmp_path / "ws")).returncode == 0
    [entry] = json.loads(run("audit", "--json", "--workspace", str(tmp_path / "ws")).stdout)
    assert (entry["user"], entry["action"], entry["detail"]["dataset"]) == (getpass.getuser(), "import", 1)


def test_an_sso_only_user_is_added_with_its_email_and_no_password(tmp_path):
    result = run(
        "users",
        "add",
        "wang",
        "--role",
        "viewer",
        "--email",
        "wang@example.com",
        "--sso-only",
        "--workspace",
        str(tmp_path),
    )
    assert result.returncode == 0, result.stderr
    assert users.user_by_email(tmp_path, "wang@example.com").role == "viewer"
