"""Command line: python -m core report ORDERS_FILE [...] for scheduled weekly reports and checks.

The parser and main() live here; each subject's commands in their own module: cli_report (report),
cli_workspace (import, datasets, changes), cli_users (users, audit); cli_io what they read and write.
"""

from __future__ import annotations

import argparse
import sys

from core import cli_report, cli_workspace
from core.errors import InputError


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m core", description="大客户看板 Key-Account Dashboard")
    parser.add_argument("--lang", choices=("zh", "en"), default="en", help="language of messages and reasons")
    sub = parser.add_subparsers(dest="command", required=True)
    cli_report.add_parser(sub)
    cli_workspace.add_parsers(sub)
    from core import cli_users  # accounts and the audit log (#12): their own module

    cli_users.add_parsers(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return args.func(args)
    except InputError as error:
        print(error.message(args.lang).replace("\n", " "), file=sys.stderr)
        return 1
