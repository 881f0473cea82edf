"""The `report` command: load an orders file (and a pipeline) and write the weekly report as JSON and/or
Excel, with one flag per rule of core.rules.SETTINGS."""

from __future__ import annotations

import argparse
import os
import sys

from core.cli_io import apply_merges, iso_date, json_default, mapping_file, opening, read_bytes, writing
from core.errors import InputError, Where


def report(args: argparse.Namespace) -> int:
    """Load the files and write the weekly report as JSON and/or Excel.

    Example: python -m core report orders.xlsx --pipeline pipeline.xlsx --json out.json --xlsx brief.xlsx
    Rules other than PRODUCT.md's, as a shared link sets them: --abc-a 0.7 --churn-high-overdue 2.5
    """
    from core import ingest, store
    from core.filters import Filters
    from core.summary import report_json, report_text

    _prefetch_forecast(args.orders)
    con = store.connect(memory_limit=store.file_memory_limit(args.orders, args.pipeline))
    saved = mapping_file(args.mapping)
    with opening(args.orders):
        orders = ingest.load_path(con, args.orders, sheet=args.sheet, mapping=saved.get("orders"))
    pipeline = None
    if args.pipeline:
        pipeline = ingest.load_file(
            con,
            read_bytes(args.pipeline),
            os.path.basename(args.pipeline),
            table="pipeline",
            mapping=saved.get("pipeline"),
        )
    if args.workspace:  # the customer merges remembered there, as an import would apply them
        apply_merges(con, args.workspace, orders, pipeline)
    filters = Filters(as_of=args.as_of)
    rules = _rules(args)
    if (
        rules.abc.metric == "gross_profit"
        and not con.cursor().execute(store.sql_text("profit_mapped")).fetchall()[0][0]
    ):
        raise InputError(
            Where(orders.file),
            zh="按毛利分层需要「毛利」或「成本」列，此文件没有映射这两列。",
            en="ABC by gross profit needs a profit (毛利) or cost (成本) column; this file has neither mapped.",
        )
    result = report_json(con, filters, orders, pipeline, lang=args.lang, rules=rules)
    if args.workspace:  # a group an editor kept apart is not offered again
        from core.workspace import merges

        result["duplicate_candidates"] = merges.open_groups(
            result["duplicate_candidates"], merges.decisions(args.workspace)
        )
    text = report_text(result, default=json_default)
    if args.json == "-" or (not args.json and not args.xlsx):
        sys.stdout.write(text + "\n")
    elif args.json:
        with writing(args.json), open(args.json, "w", encoding="utf-8") as fh:
            fh.write(text + "\n")
    if args.xlsx:
        from core.brief import write_report

        with writing(args.xlsx):
            write_report(con, args.xlsx, filters, orders, pipeline, lang=args.lang, rules=rules)
    print(
        f"{orders.file}: rows_read={orders.rows_read} rows_loaded={orders.rows_loaded} "
        f"rows_rejected={orders.rows_rejected} as_of={result['as_of']}",
        file=sys.stderr,
    )
    return 0


# A file this large holds a book the forecast is fitted on (the 1M-line bench file: 20,000 customers): numpy and
# scipy (~0.5 CPU-s to import, a third of a 1M-line report) then load in a thread while DuckDB reads the file,
# on the core its CSV reader leaves half idle, instead of after it. A smaller file imports them when it fits.
_PREFETCH_BYTES = 8 * 1024 * 1024


def _prefetch_forecast(path: str) -> None:
    import threading
    from importlib import import_module

    try:
        large = os.path.getsize(path) >= _PREFETCH_BYTES
    except OSError:
        return  # said by load_path, with the file's name
    if large:  # not a daemon: the interpreter finishes the import before it exits, whatever the report did
        threading.Thread(target=import_module, args=("core.analytics.forecast_models",), name="prefetch").start()


def _rules(args: argparse.Namespace):
    """The rules the flags set (--abc-a 0.7 …): core.rules.SETTINGS, the same names and ranges a shared
    link uses; a flag not given keeps PRODUCT.md's default."""
    from core import rules

    given = {s.name: getattr(args, s.name) for s in rules.SETTINGS if getattr(args, s.name, None) is not None}
    return rules.with_values(given)


def _setting_type(setting):
    def parse(text: str):
        try:
            return setting.parse(text)
        except ValueError as exc:
            raise argparse.ArgumentTypeError(str(exc)) from None

    return parse


def _add_rule_flags(parser: argparse.ArgumentParser) -> None:
    """One flag per rule in core.rules.SETTINGS, so the CLI, the pages and a link share names and ranges."""
    from core.rules import SETTINGS

    group = parser.add_argument_group("rules", "thresholds of the analyses (default: PRODUCT.md's)")
    for s in SETTINGS:
        allowed = f"one of {', '.join(s.choices)}" if s.choices else f"{s.low:g} to {s.high:g}"
        group.add_argument(
            "--" + s.name.replace("_", "-"),
            dest=s.name,
            type=_setting_type(s),
            metavar=s.name.upper(),
            help=f"{s.group}.{s.field}: {allowed} (default {s.text(s.default())})",
        )


def add_parser(sub) -> None:
    """The `report` subcommand, registered by core.cli.build_parser."""
    rep = sub.add_parser(
        "report", help="load an orders file (and a pipeline) and write the weekly report", description=report.__doc__
    )
    rep.add_argument("orders", help="orders file: .xlsx, .xls, .xlsm or .csv")
    rep.add_argument("--pipeline", help="pipeline (opportunities) file")
    rep.add_argument("--sheet", help="sheet of the orders workbook (default: the one with most data rows)")
    rep.add_argument("--as-of", type=iso_date, help="as_of date YYYY-MM-DD (default: the latest order date)")
    rep.add_argument("--mapping", help="a saved mapping JSON: {field: column} or {orders: {...}, pipeline: {...}}")
    rep.add_argument("--json", help="write the JSON here ('-' for stdout; the default when neither output is given)")
    rep.add_argument("--xlsx", help="write the Excel brief here")
    rep.add_argument(
        "--workspace", help="apply the customer merges remembered in this workspace (default: none are applied)"
    )
    _add_rule_flags(rep)
    rep.set_defaults(func=report)
