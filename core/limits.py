"""Ingest limits: how big a file may be before anything parses it, each default with the reason for it.

Every limit is checked before the expensive step it guards, and a file over one is refused with a
sentence naming the file, the limit and what was found (core/ingest/guard.py). Override a default with
an environment variable KA_LIMIT_<FIELD NAME IN CAPITALS>, e.g. KA_LIMIT_UPLOAD_BYTES=524288000 or
KA_LIMIT_PARSE_SECONDS=120; README.md § Limits lists them. Raising upload_bytes above 200 MB also needs
server.maxUploadSize raised in .streamlit/config.toml, which the browser enforces first.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, fields, replace

MB = 1024 * 1024  # Streamlit's maxUploadSize counts megabytes of 1024 x 1024 bytes, and so do we

ENV_PREFIX = "KA_LIMIT_"


@dataclass(frozen=True)
class Limits:
    # Streamlit's default server.maxUploadSize: a year of ERP order lines is tens of MB (the 1,000,000-
    # line bench CSV is 94 MB), and reading a file takes about 5-8x its size in memory on the general road.
    upload_bytes: int = 200 * MB
    # A workbook is a zip of XML parts. The 100,000-line bench xlsx's sheet unpacks to 45 MB; a full
    # 1,048,576-row sheet of ten columns to about 500 MB. One part past 1 GB is no export but a zip bomb.
    member_bytes: int = 1024 * MB
    # All parts together: a few sheets of that size, never more than the machine can unpack in seconds.
    workbook_bytes: int = 2048 * MB
    # Sheet XML packs about 5-20x; a part that unpacks to 100x its packed size (once past 16 MB) is a
    # stream of the same bytes repeated, which is what zip bombs are made of (Apache POI uses 100x too).
    inflate_ratio: int = 100
    # A workbook has a few parts per sheet; tens of thousands of parts cost seconds just to list.
    zip_members: int = 10_000
    # Rows of a sheet's used range or lines of a CSV: a 1,000,000-line CSV is the largest file the
    # product is built for (bench/); twice that still loads in seconds, and Excel stops at 1,048,576.
    rows: int = 2_000_000
    # Columns of a sheet's used range or of a CSV line: ERP exports run to a few hundred columns; 20,000
    # columns is a malformed file (or the wrong delimiter), and every column costs per-column work.
    columns: int = 1_000
    # Cells of the used range (rows x columns; for a CSV, lines x columns of its first lines). The
    # spreadsheet reader holds the whole range at 32 bytes a cell and the general road about 80 bytes a
    # cell, so 20,000,000 cells (a 1,000,000-line file of 20 columns) stay within 2 GB.
    cells: int = 20_000_000
    # Reading and checking one file, in seconds: the bench files take 2-4 s on a busy 2-core box; a file
    # still being read after a minute holds a server worker that other sessions need.
    parse_seconds: float = 60.0


def current() -> Limits:
    """The defaults, overridden by any KA_LIMIT_<NAME> environment variable (read on every call, so a
    test or an operator can change one without a restart)."""
    changes = {}
    for f in fields(Limits):
        text = os.environ.get(ENV_PREFIX + f.name.upper())
        if text is None or not text.strip():
            continue
        try:
            value = float(text) if f.type == "float" else int(text.replace("_", ""))
        except ValueError:
            raise ValueError(f"{ENV_PREFIX}{f.name.upper()} must be a number, not {text!r}") from None
        if value <= 0:
            raise ValueError(f"{ENV_PREFIX}{f.name.upper()} must be positive, not {text!r}")
        changes[f.name] = value
    return replace(Limits(), **changes)
