"""Command line: python -m core report ORDERS_FILE [...] for scheduled weekly reports and checks."""

from __future__ import annotations

import argparse
import json
import os
import sys
from contextlib import contextmanager
from datetime import date
from decimal import Decimal

from core.errors import InputError, Where


def _date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date (YYYY-MM-DD): {text}") from None


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


def _read(path: str) -> bytes:
    with _opening(path), open(path, "rb") as fh:
        return fh.read()


@contextmanager
def _opening(path: str):
    """A file that cannot be opened is the user's to fix: one line naming it, no traceback."""
    try:
        yield
    except OSError as exc:
        raise InputError(
            Where(os.path.basename(path)),
            zh=f"无法打开文件：{exc.strerror}",
            en=f"Cannot open the file: {exc.strerror}",
        ) from None


def _mapping(path: str | None) -> dict:
    if not path:
        return {}
    try:
        with open(path, encoding="utf-8") as fh:
            data = json.load(fh)
    except (OSError, ValueError) as exc:
        raise InputError(
            Where(os.path.basename(path)), zh=f"映射文件无法读取：{exc}", en=f"The mapping file cannot be read: {exc}"
        ) from None
    # {"orders": {...}, "pipeline": {...}} or just the orders mapping
    return data if "orders" in data or "pipeline" in data else {"orders": data}


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
    saved = _mapping(args.mapping)
    with _opening(args.orders):
        orders = ingest.load_path(con, args.orders, sheet=args.sheet, mapping=saved.get("orders"))
    pipeline = None
    if args.pipeline:
        pipeline = ingest.load_file(
            con, _read(args.pipeline), os.path.basename(args.pipeline), table="pipeline", mapping=saved.get("pipeline")
        )
    if args.workspace:  # the customer merges remembered there, as an import would apply them
        _apply_merges(con, args.workspace, orders, pipeline)
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
    text = report_text(result, default=_json_default)
    if args.json == "-" or (not args.json and not args.xlsx):
        sys.stdout.write(text + "\n")
    elif args.json:
        with _writing(args.json), open(args.json, "w", encoding="utf-8") as fh:
            fh.write(text + "\n")
    if args.xlsx:
        from core.brief import write_report

        with _writing(args.xlsx):
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


def import_dataset(args: argparse.Namespace) -> int:
    """Save an orders file (and a pipeline) as a new dataset in the workspace; print its id and ingest counts.

    A file laid out like an earlier one gets that file's confirmed mapping. Nothing is saved when a file
    cannot be read. Example: python -m core import orders.xlsx --pipeline pipeline.xlsx --label 第27周
    """
    from core import access, store, workspace

    path = workspace.default_path(args.workspace)
    con = store.connect(memory_limit=store.file_memory_limit(args.orders, args.pipeline))
    saved = _mapping(args.mapping)
    with _progress_line(args.orders, args.lang) as progress:
        orders = _load_remembered(con, path, args.orders, "orders", args.sheet, saved.get("orders"), progress)
    reports = {"orders": orders}
    if args.pipeline:
        reports["pipeline"] = _load_remembered(con, path, args.pipeline, "pipeline", None, saved.get("pipeline"))
    if reports["orders"].rows_loaded == 0:
        raise InputError(
            Where(reports["orders"].file),
            zh="没有任何订单行可以导入，未保存数据集。",
            en="No order row could be loaded; no dataset was saved.",
        )
    _apply_merges(con, path, *reports.values())
    dataset_id = workspace.save_dataset(
        path, con, reports, args.label, as_of=args.as_of, actor=access.local_admin(), action="import"
    )
    dataset = workspace.get_dataset(path, dataset_id)
    if args.json:
        out = {k: dataset[k] for k in _DATASET_FIELDS}
        out["ingest"] = {table: r.to_json(args.lang) for table, r in reports.items()}
        sys.stdout.write(json.dumps(out, ensure_ascii=False, indent=2, default=_json_default) + "\n")
        return 0
    print(f"id={dataset_id} label={dataset['label']} as_of={dataset['as_of']}")
    for r in reports.values():
        print(
            f"{r.table}: file={r.file} rows_read={r.rows_read} rows_loaded={r.rows_loaded} "
            f"rows_rejected={r.rows_rejected}"
        )
    return 0


def _load_remembered(con, path, file: str, table: str, sheet: str | None, mapping: dict | None, progress=None):
    """Load a file by the given mapping, else the one remembered for its headers, else a proposed one."""
    from core import ingest, workspace

    def remembered(headers: list[str]) -> dict | None:
        found = workspace.saved_mapping(path, headers, table)
        return found["columns"] if found else None

    with _opening(file):
        return ingest.load_path(
            con, file, table=table, sheet=sheet, mapping=mapping, remembered=remembered, progress=progress
        )


_STAGES = {
    "read": ("已读取", "read", "行", "lines"),
    "parsed": ("已解析", "parsed", "行", "rows"),
    "loaded": ("已载入", "loaded", "行", "rows"),
}


@contextmanager
def _progress_line(file: str, lang: str, every: float = 0.2):
    """A progress callback for ingest.load_path that keeps one line on stderr up to date (lines read, rows
    parsed, rows loaded, of the total; the file's lines are estimated from its size until all are read), or
    None when stderr is no terminal: a scheduled job's output stays exactly as it was."""
    stream = sys.stderr
    if not stream.isatty():
        yield None
        return
    import time

    name = os.path.basename(file)
    shown = {"at": 0.0, "text": ""}

    def show(stage: str, done: int, total: int) -> None:
        now = time.monotonic()
        if now - shown["at"] < every and done < total and stage != "loaded":
            return  # a few updates a second; each stage's last one and the rows loaded always show
        verb_zh, verb_en, unit_zh, unit_en = _STAGES[stage]
        about = "~" if stage == "read" and done < total else ""
        pct = f" ({100 * done // total}%)" if total else ""
        text = (
            f"{name}：{verb_zh} {done:,} / {about}{total:,} {unit_zh}{pct}"
            if lang == "zh"
            else f"{name}: {verb_en} {done:,} of {about}{total:,} {unit_en}{pct}"
        )
        if text != shown["text"]:
            stream.write("\r" + text + "\x1b[K")  # the line rewritten in place, the rest of it cleared
            stream.flush()
        shown["at"], shown["text"] = now, text

    try:
        yield show
    finally:
        if shown["text"]:
            stream.write("\n")
            stream.flush()


def _apply_merges(con, path, *reports) -> None:
    """The workspace's remembered customer merges, applied to the loaded tables; each report gains
    merged_customers ([{from, into, rows}] in its JSON) and a note naming them."""
    from core.workspace import merges

    for r in reports:
        if r is not None:
            merges.apply_after_load(con, path, r)


_DATASET_FIELDS = ("id", "label", "source", "uploaded_at", "as_of", "rows_loaded")
# added in issue #11: which datasets carry a pipeline, and a name that tells datasets of one label apart
_PIPELINE_FIELDS = ("has_pipeline", "pipeline_source", "pipeline_rows_loaded")


def datasets(args: argparse.Namespace) -> int:
    """List the saved datasets, oldest first, with their pipeline if any. Example: python -m core datasets --json"""
    from core import workspace

    listed = workspace.list_datasets(workspace.default_path(args.workspace))
    names = workspace.dataset_names(listed)
    found = [{**{k: d[k] for k in _DATASET_FIELDS + _PIPELINE_FIELDS}, "name": names[d["id"]]} for d in listed]
    if args.json:
        sys.stdout.write(json.dumps(found, ensure_ascii=False, indent=2) + "\n")
        return 0
    zh = args.lang == "zh"
    for d in found:
        if d["has_pipeline"]:
            pipeline = (
                f"商机 {d['pipeline_rows_loaded']} 条（{d['pipeline_source']}）"
                if zh
                else f"pipeline {d['pipeline_rows_loaded']} rows ({d['pipeline_source']})"
            )
        else:
            pipeline = "无商机" if zh else "no pipeline"
        print(
            f"{d['id']:>4}  {d['as_of']}  {d['rows_loaded']:>8} rows  {d['name']}  ({d['source']}, {d['uploaded_at']})"
            f"  {pipeline}"
        )
    return 0


def changes(args: argparse.Namespace) -> int:
    """What changed between two datasets (default: the latest against the latest one with an earlier as_of).

    Example: python -m core changes --from 第26周 --to 第27周 --json
    """
    from core import workspace
    from core.changes import dataset_changes

    result = dataset_changes(workspace.default_path(args.workspace), args.from_ref, args.to_ref)
    if args.json:
        sys.stdout.write(json.dumps(result, ensure_ascii=False, indent=2, default=_json_default) + "\n")
        return 0
    zh = args.lang == "zh"
    reason = "reason_zh" if zh else "reason_en"
    old, new = result["from"], result["to"]
    print(f"{old['name']} -> {new['name']}")
    moves = ", ".join(
        f"{m['customer']} {m['from_tier'] or 'none'}->{m['to_tier'] or 'none'}" for m in result["tier_moves"]
    )
    print(f"tier moves: {moves or 'none'}")
    for w in result["new_warnings"]:
        print(f"new warning: {w['customer']} {w['level']}: {w[reason]}")
    for w in result["cleared_warnings"]:
        print(f"cleared warning: {w['customer']} (was {w['level']})")
    for r in result["revenue_change"]["by_tier"]:
        print(f"tier {r['tier']}: {r['from_net_revenue']:,.2f} -> {r['to_net_revenue']:,.2f} ({r['change']:+,.2f})")
    return 0


@contextmanager
def _writing(path: str):
    """An output path that cannot be written is the user's to fix: one line, no traceback."""
    try:
        yield
    except OSError as exc:
        raise InputError(
            Where(path),
            zh=f"无法写入输出文件：{exc.strerror or exc}",
            en=f"Cannot write the output file: {exc.strerror or exc}",
        ) from None


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
    rep = sub.add_parser(
        "report", help="load an orders file (and a pipeline) and write the weekly report", description=report.__doc__
    )
    rep.add_argument("orders", help="orders file: .xlsx, .xls, .xlsm or .csv")
    rep.add_argument("--pipeline", help="pipeline (opportunities) file")
    rep.add_argument("--sheet", help="sheet of the orders workbook (default: the one with most data rows)")
    rep.add_argument("--as-of", type=_date, help="as_of date YYYY-MM-DD (default: the latest order date)")
    rep.add_argument("--mapping", help="a saved mapping JSON: {field: column} or {orders: {...}, pipeline: {...}}")
    rep.add_argument("--json", help="write the JSON here ('-' for stdout; the default when neither output is given)")
    rep.add_argument("--xlsx", help="write the Excel brief here")
    rep.add_argument(
        "--workspace", help="apply the customer merges remembered in this workspace (default: none are applied)"
    )
    _add_rule_flags(rep)
    rep.set_defaults(func=report)
    _add_workspace_parsers(sub)
    from core import cli_users  # accounts and the audit log (#12): their own module

    cli_users.add_parsers(sub)
    return parser


def _add_workspace_parsers(sub) -> None:
    where = "workspace folder (default: $KA_WORKSPACE, else ./data/workspace)"
    imp = sub.add_parser(
        "import",
        help="save an orders file (and a pipeline) as a dataset in the workspace",
        description=import_dataset.__doc__,
    )
    imp.add_argument("orders", help="orders file: .xlsx, .xls, .xlsm or .csv")
    imp.add_argument("--pipeline", help="pipeline (opportunities) file")
    imp.add_argument("--label", help="the dataset's name (default: its as_of date)")
    imp.add_argument("--as-of", type=_date, help="as_of date YYYY-MM-DD (default: the latest order date)")
    imp.add_argument("--sheet", help="sheet of the orders workbook (default: the one with most data rows)")
    imp.add_argument("--mapping", help="a mapping JSON, as for report (default: the one remembered for the headers)")
    imp.add_argument("--workspace", help=where)
    imp.add_argument("--json", action="store_true", help="print the dataset and its ingest reports as JSON")
    imp.set_defaults(func=import_dataset)
    lst = sub.add_parser("datasets", help="list the saved datasets", description=datasets.__doc__)
    lst.add_argument("--workspace", help=where)
    lst.add_argument(
        "--json",
        action="store_true",
        help="print [{id, label, source, uploaded_at, as_of, rows_loaded, has_pipeline, pipeline_source, "
        "pipeline_rows_loaded, name}]",
    )
    lst.set_defaults(func=datasets)
    chg = sub.add_parser("changes", help="what changed between two datasets", description=changes.__doc__)
    chg.add_argument(
        "--from",
        dest="from_ref",
        metavar="ID_OR_LABEL",
        help="the earlier dataset (default: the latest one with an as_of earlier than --to's)",
    )
    chg.add_argument("--to", dest="to_ref", metavar="ID_OR_LABEL", help="the later dataset (default: the latest)")
    chg.add_argument("--workspace", help=where)
    chg.add_argument("--json", action="store_true", help="print the full change as JSON")
    chg.set_defaults(func=changes)


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return args.func(args)
    except InputError as error:
        print(error.message(args.lang).replace("\n", " "), file=sys.stderr)
        return 1
