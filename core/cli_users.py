"""Command line for accounts and the audit log (issue #12): python -m core users … / python -m core audit --json.

The CLI acts as access.local_admin(), an admin named after the operating-system user (whoever can run it on
the server can read the workspace files anyway), and every change is audited under that name. A password is
read from standard input (--password-stdin) or prompted on a terminal, never taken as an argument, where
`ps` and the shell history would show it.
"""

from __future__ import annotations

import argparse
import getpass
import json
import sys

from core import access
from core.cli_io import WORKSPACE_HELP
from core.errors import InputError, Where

# core.users, core.audit and the workspace are imported inside each command: building the parser for
# `report` must not load pyarrow (tests/test_cli.py keeps a plain report free of dataframe libraries)


def _password(args: argparse.Namespace) -> str:
    """The new password: the first line of stdin with --password-stdin, else typed twice at a terminal prompt."""
    if args.password_stdin:
        return sys.stdin.readline().rstrip("\r\n")
    if not sys.stdin.isatty():
        raise InputError(
            Where("stdin"),
            zh="没有终端可输入密码：请用 --password-stdin 从标准输入传入密码。",
            en="No terminal to type the password at: pass it on standard input with --password-stdin.",
        )
    first = getpass.getpass("Password: ")
    if getpass.getpass("Again: ") != first:
        raise InputError(Where("stdin"), zh="两次输入的密码不一致。", en="The two passwords differ.")
    return first


def users_add(args: argparse.Namespace) -> int:
    """Add an account; the first one turns sign-in on for the workspace.

    Example: printf '%s\\n' "$PW" | python -m core users add wang --role editor --region 华东 --password-stdin
    """
    from core import users
    from core.workspace.root import default_path

    user = users.add_user(
        default_path(args.workspace),
        args.name,
        args.role,
        None if args.sso_only else _password(args),
        actor=access.local_admin(),
        regions=args.region or (),
        managers=args.manager or (),
        email=args.email,
    )
    scope = ", ".join([*user.scope.regions, *user.scope.managers]) or "all"
    print(f"added {user.name}: role={user.role} scope={scope}")
    return 0


def users_list(args: argparse.Namespace) -> int:
    """List the accounts (never a password or hash). Example: python -m core users list --json"""
    from core import users
    from core.workspace.root import default_path

    found = users.list_users(default_path(args.workspace))
    if args.json:
        sys.stdout.write(json.dumps(found, ensure_ascii=False, indent=2) + "\n")
        return 0
    for u in found:
        scope = ", ".join([*u["regions"], *u["managers"]]) or "all"
        print(f"{u['name']}\t{u['role']}\tscope={scope}\temail={u['email'] or '-'}")
    return 0


def users_remove(args: argparse.Namespace) -> int:
    """Remove an account; removing the last one turns sign-in off. Example: python -m core users remove wang"""
    from core import users
    from core.workspace.root import default_path

    users.remove_user(default_path(args.workspace), args.name, actor=access.local_admin())
    print(f"removed {args.name}")
    return 0


def users_reset_password(args: argparse.Namespace) -> int:
    """Set a new password (and lift a lockout). Example: python -m core users reset-password wang --password-stdin"""
    from core import users
    from core.workspace.root import default_path

    users.reset_password(default_path(args.workspace), args.name, _password(args), actor=access.local_admin())
    print(f"password reset for {args.name}")
    return 0


def audit_log(args: argparse.Namespace) -> int:
    """Print the audit log, oldest first: time (ISO 8601 UTC), user, action, detail.

    Example: python -m core audit --json --workspace /srv/ka/workspace
    """
    from core import audit
    from core.workspace.root import default_path

    found = audit.entries(default_path(args.workspace))
    if args.json:
        sys.stdout.write(json.dumps(found, ensure_ascii=False, indent=2) + "\n")
        return 0
    for e in found:
        print(f"{e['time']}\t{e['user']}\t{e['action']}\t{json.dumps(e['detail'], ensure_ascii=False)}")
    return 0


def add_parsers(sub) -> None:
    """The `users` and `audit` subcommands, registered by core.cli.build_parser."""
    usr = sub.add_parser("users", help="manage the accounts that sign in to the app", description=__doc__)
    usub = usr.add_subparsers(dest="users_command", required=True)
    add = usub.add_parser("add", help="add an account", description=users_add.__doc__)
    add.add_argument("name", help="user name (what is typed at sign-in)")
    add.add_argument("--role", required=True, choices=access.ROLES, help="viewer, editor or admin")
    add.add_argument("--region", action="append", metavar="R", help="limit to this region (repeat for more)")
    add.add_argument("--manager", action="append", metavar="M", help="limit to this account manager (repeatable)")
    add.add_argument("--email", help="the e-mail single sign-on gives this user (matches an OIDC sign-in)")
    add.add_argument("--sso-only", action="store_true", help="no password: this user signs in by single sign-on only")
    _password_flags(add)
    add.set_defaults(func=users_add)
    lst = usub.add_parser("list", help="list the accounts", description=users_list.__doc__)
    lst.add_argument("--json", action="store_true", help="print [{name, role, regions, managers, email}]")
    lst.add_argument("--workspace", help=WORKSPACE_HELP)
    lst.set_defaults(func=users_list)
    rem = usub.add_parser("remove", help="remove an account", description=users_remove.__doc__)
    rem.add_argument("name")
    rem.add_argument("--workspace", help=WORKSPACE_HELP)
    rem.set_defaults(func=users_remove)
    rst = usub.add_parser("reset-password", help="set a new password", description=users_reset_password.__doc__)
    rst.add_argument("name")
    _password_flags(rst)
    rst.set_defaults(func=users_reset_password)
    aud = sub.add_parser("audit", help="print the audit log", description=audit_log.__doc__)
    aud.add_argument("--json", action="store_true", help="print a JSON list of {time, user, action, detail}")
    aud.add_argument("--workspace", help=WORKSPACE_HELP)
    aud.set_defaults(func=audit_log)


def _password_flags(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--password-stdin",
        action="store_true",
        help="read the password from the first line of standard input (else it is prompted on the terminal)",
    )
    parser.add_argument("--workspace", help=WORKSPACE_HELP)
