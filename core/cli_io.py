"""What the commands read and write: files opened or written with a one-line reason, the mapping JSON,
dates and JSON values, and the progress line an import keeps on a terminal's stderr."""

from __future__ import annotations

import argparse
import json
import os
import sys
from contextlib import contextmanager
from datetime import date
from decimal import Decimal

from core.errors import InputError, Where

WORKSPACE_HELP = "workspace folder (default: $KA_WORKSPACE, else ./data/workspace)"


def iso_date(text: str) -> date:
    """An argparse type: a YYYY-MM-DD date, else a usage error naming the text."""
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date (YYYY-MM-DD): {text}") from None


def read_bytes(path: str) -> bytes:
    with opening(path), open(path, "rb") as fh:
        return fh.read()


@contextmanager
def opening(path: str):
    """A file that cannot be opened is the user's to fix: one line naming it, no traceback."""
    try:
        yield
    except OSError as exc:
        raise InputError(
            Where(os.path.basename(path)),
            zh=f"无法打开文件：{exc.strerror}",
            en=f"Cannot open the file: {exc.strerror}",
        ) from None


@contextmanager
def writing(path: str):
    """An output path that cannot be written is the user's to fix: one line, no traceback."""
    try:
        yield
    except OSError as exc:
        raise InputError(
            Where(path),
            zh=f"无法写入输出文件：{exc.strerror or exc}",
            en=f"Cannot write the output file: {exc.strerror or exc}",
        ) from None


def mapping_file(path: str | None) -> dict:
    """The --mapping file as {"orders": {...}, "pipeline": {...}}; {} without one."""
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


def json_default(value):
    if isinstance(value, Decimal):
        return float(value)  # exact sums of 2-decimal money; the float prints back as the same cents
    if isinstance(value, date):
        return value.isoformat()
    raise TypeError(type(value).__name__)


def apply_merges(con, path, *reports) -> None:
    """The workspace's remembered customer merges, applied to the loaded tables; each report gains
    merged_customers ([{from, into, rows}] in its JSON) and a note naming them."""
    from core.workspace import merges

    for r in reports:
        if r is not None:
            merges.apply_after_load(con, path, r)


_STAGES = {
    "read": ("已读取", "read", "行", "lines"),
    "parsed": ("已解析", "parsed", "行", "rows"),
    "loaded": ("已载入", "loaded", "行", "rows"),
}


@contextmanager
def progress_line(file: str, lang: str, every: float = 0.2):
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
