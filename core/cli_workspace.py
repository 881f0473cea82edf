"""The workspace commands: `import` saves a file as a dataset, `datasets` lists them, `changes` says what
changed between two (issue #11)."""

from __future__ import annotations

import argparse
import json
import sys

from core.cli_io import WORKSPACE_HELP, apply_merges, iso_date, json_default, mapping_file, opening, progress_line
from core.errors import InputError, Where

_DATASET_FIELDS = ("id", "label", "source", "uploaded_at", "as_of", "rows_loaded")
# added in issue #11: which datasets carry a pipeline, and a name that tells datasets of one label apart
_PIPELINE_FIELDS = ("has_pipeline", "pipeline_source", "pipeline_rows_loaded")


def import_dataset(args: argparse.Namespace) -> int:
    """Save an orders file (and a pipeline) as a new dataset in the workspace; print its id and ingest counts.

    A file laid out like an earlier one gets that file's confirmed mapping. Nothing is saved when a file
    cannot be read. Example: python -m core import orders.xlsx --pipeline pipeline.xlsx --label 第27周
    """
    from core import access, store, workspace

    path = workspace.default_path(args.workspace)
    con = store.connect(memory_limit=store.file_memory_limit(args.orders, args.pipeline))
    saved = mapping_file(args.mapping)
    with progress_line(args.orders, args.lang) as progress:
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
    apply_merges(con, path, *reports.values())
    dataset_id = workspace.save_dataset(
        path, con, reports, args.label, as_of=args.as_of, actor=access.local_admin(), action="import"
    )
    dataset = workspace.get_dataset(path, dataset_id)
    if args.json:
        out = {k: dataset[k] for k in _DATASET_FIELDS}
        out["ingest"] = {table: r.to_json(args.lang) for table, r in reports.items()}
        sys.stdout.write(json.dumps(out, ensure_ascii=False, indent=2, default=json_default) + "\n")
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

    with opening(file):
        return ingest.load_path(
            con, file, table=table, sheet=sheet, mapping=mapping, remembered=remembered, progress=progress
        )


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
        sys.stdout.write(json.dumps(result, ensure_ascii=False, indent=2, default=json_default) + "\n")
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


def add_parsers(sub) -> None:
    """The `import`, `datasets` and `changes` subcommands, registered by core.cli.build_parser."""
    imp = sub.add_parser(
        "import",
        help="save an orders file (and a pipeline) as a dataset in the workspace",
        description=import_dataset.__doc__,
    )
    imp.add_argument("orders", help="orders file: .xlsx, .xls, .xlsm or .csv")
    imp.add_argument("--pipeline", help="pipeline (opportunities) file")
    imp.add_argument("--label", help="the dataset's name (default: its as_of date)")
    imp.add_argument("--as-of", type=iso_date, help="as_of date YYYY-MM-DD (default: the latest order date)")
    imp.add_argument("--sheet", help="sheet of the orders workbook (default: the one with most data rows)")
    imp.add_argument("--mapping", help="a mapping JSON, as for report (default: the one remembered for the headers)")
    imp.add_argument("--workspace", help=WORKSPACE_HELP)
    imp.add_argument("--json", action="store_true", help="print the dataset and its ingest reports as JSON")
    imp.set_defaults(func=import_dataset)
    lst = sub.add_parser("datasets", help="list the saved datasets", description=datasets.__doc__)
    lst.add_argument("--workspace", help=WORKSPACE_HELP)
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
    chg.add_argument("--workspace", help=WORKSPACE_HELP)
    chg.add_argument("--json", action="store_true", help="print the full change as JSON")
    chg.set_defaults(func=changes)
