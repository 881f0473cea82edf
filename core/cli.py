"""Command line: python -m core report ORDERS_FILE [...] for scheduled weekly reports and checks."""

from __future__ import annotations

import argparse
import json
import os
import sys
from datetime import date
from decimal import Decimal

from core.errors import InputError, Where


def _date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date (YYYY-MM-DD): {text}") from None


def _read(path: str) -> bytes:
    try:
        with open(path, "rb") as fh:
            return fh.read()
    except OSError as exc:
        raise InputError(Where(os.path.basename(path)), zh=f"无法打开文件：{exc.strerror}", en=f"Cannot open the file: {exc.strerror}") from None


def _mapping(path: str | None) -> dict:
    if not path:
        return {}
    try:
        with open(path, encoding="utf-8") as fh:
            data = json.load(fh)
    except (OSError, ValueError) as exc:
        raise InputError(Where(os.path.basename(path)), zh=f"映射文件无法读取：{exc}", en=f"The mapping file cannot be read: {exc}") from None
    # {"orders": {...}, "pipeline": {...}} or just the orders mapping
    return data if "orders" in data or "pipeline" in data else {"orders": data}


def report(args: argparse.Namespace) -> int:
    """Load the files and write the weekly report as JSON and/or Excel.

    Example: python -m core report orders.xlsx --pipeline pipeline.xlsx --json out.json --xlsx brief.xlsx
    """
    from core import ingest, store
    from core.filters import Filters
    from core.summary import report_json

    con = store.connect()
    saved = _mapping(args.mapping)
    orders = ingest.load_file(
        con, _read(args.orders), os.path.basename(args.orders), sheet=args.sheet, mapping=saved.get("orders")
    )
    pipeline = None
    if args.pipeline:
        pipeline = ingest.load_file(
            con, _read(args.pipeline), os.path.basename(args.pipeline), table="pipeline", mapping=saved.get("pipeline")
        )
    filters = Filters(as_of=args.as_of)
    result = report_json(con, filters, orders, pipeline, lang=args.lang)
    text = json.dumps(result, ensure_ascii=False, indent=2, default=_json_default)
    if args.json == "-" or (not args.json and not args.xlsx):
        sys.stdout.write(text + "\n")
    elif args.json:
        with open(args.json, "w", encoding="utf-8") as fh:
            fh.write(text + "\n")
    if args.xlsx:
        from core.report import write_report

        write_report(con, args.xlsx, filters, orders, pipeline, lang=args.lang)
    print(
        f"{orders.file}: rows_read={orders.rows_read} rows_loaded={orders.rows_loaded} "
        f"rows_rejected={orders.rows_rejected} as_of={result['as_of']}",
        file=sys.stderr,
    )
    return 0


def _json_default(value):
    if isinstance(value, Decimal):
        return float(value)  # exact sums of 2-decimal money; the float prints back as the same cents
    if isinstance(value, date):
        return value.isoformat()
    raise TypeError(type(value).__name__)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m core", description="大客户看板 Key-Account Dashboard")
    parser.add_argument("--lang", choices=("zh", "en"), default="en", help="language of messages and reasons")
    sub = parser.add_subparsers(dest="command", required=True)
    rep = sub.add_parser("report", help="load an orders file (and a pipeline) and write the weekly report",
                         description=report.__doc__)
    rep.add_argument("orders", help="orders file: .xlsx, .xls, .xlsm or .csv")
    rep.add_argument("--pipeline", help="pipeline (opportunities) file")
    rep.add_argument("--sheet", help="sheet of the orders workbook (default: the one with most data rows)")
    rep.add_argument("--as-of", type=_date, help="as_of date YYYY-MM-DD (default: the latest order date)")
    rep.add_argument("--mapping", help="a saved mapping JSON: {field: column} or {orders: {...}, pipeline: {...}}")
    rep.add_argument("--json", help="write the JSON here ('-' for stdout; the default when neither output is given)")
    rep.add_argument("--xlsx", help="write the Excel brief here")
    rep.set_defaults(func=report)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return args.func(args)
    except InputError as error:
        print(error.message(args.lang).replace("\n", " "), file=sys.stderr)
        return 1
