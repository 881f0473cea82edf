"""Time and memory of every hostile file (refused) and of the big legitimate files (loaded), each read as
the import page reads an upload (read_table, the proposed mapping, load_table) in a fresh subprocess.

Example: python bench/hostile.py                 # makes the files in bench/out/hostile/ once, then runs
         python bench/hostile.py --only csv_20000_columns --only orders_1m.csv

Goals (issue #10): every refused file answers within 5 s and under 500 MB; every file that loads does so
within 30 s and 2 GiB. Peak memory is the child's own maximum resident set (os.wait4), the interpreter and
its imports (~150 MB) included. Speed is measured here, never asserted in tests.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
OUT = os.path.join(HERE, "out", "hostile")
sys.path.insert(0, ROOT)

MB = 1024 * 1024
REFUSED_GOAL = (5.0, 500 * MB)
LOADED_GOAL = (30.0, 2048 * MB)


def _files() -> dict[str, tuple]:
    """name -> (maker, expected: 'refused' | 'loaded'); each maker returns the file's bytes."""
    from tests import hostile_files as h

    wide = ",".join(["客户", "日期", "金额"] + [f"c{i}" for i in range(3, 20_000)])
    row = ",".join(["甲", "2024-01-05", "100"] + ["x"] * 19_997)

    def lines_then_wide() -> bytes:
        body = "\n".join(f"甲{i % 997},2024-01-{1 + i % 28:02d},{i % 1000}.50" for i in range(1_000_000))
        return ("客户,日期,金额\n" + body + "\n乙,2024-01-06,50," + ",".join(["x"] * 19_997) + "\n").encode()

    return {
        "xlsx_stray_cell_at_xfd1048576.xlsx": (lambda: h.stray_cell_xlsx("XFD1048576"), "refused"),
        "xlsx_stray_cell_behind_a_lying_dimension.xlsx": (
            lambda: h.stray_cell_xlsx("XFD1048576", dimension="A1:C3"),
            "refused",
        ),
        "xlsx_stray_reference_not_first.xlsx": (
            lambda: h.odd_cells_xlsx('<row r="1048576"><c t="n" r="XFD1048576"><v>1</v></c></row>'),
            "refused",
        ),
        "xlsx_2000_cells_without_references.xlsx": (
            lambda: h.odd_cells_xlsx("<row>" + "<c><v>1</v></c>" * 2000 + "</row>"),
            "refused",
        ),
        "xlsx_prefixed_stray_cell.xlsx": (lambda: h.prefixed_xlsx("XFD1048576"), "refused"),
        "xlsx_zip_bomb_2gb_of_zeros_declared.xlsx": (lambda: h.zeros_member_xlsx(2048 * MB), "refused"),
        "xlsx_zip_bomb_1.9gb_sheet_declared_1kb.xlsx": (lambda: h.lying_sheet_xlsx(2_000_000_000), "refused"),
        "xlsx_part_declaring_4gb.xlsx": (
            lambda: h.declare_size(
                h.xlsx({"订单": h.sheet_xml(h.table_rows())}), "xl/worksheets/sheet1.xml", 2**32 - 16
            ),
            "refused",
        ),
        "xlsx_billion_laughs.xlsx": (h.billion_laughs_xlsx, "refused"),
        "xlsx_10006_parts.xlsx": (lambda: h.many_parts_xlsx(10_001), "refused"),
        "ods_value_repeated_1m_columns.ods": (
            lambda: h.ods(
                h.ods_table(extra_rows="<table:table-row>" + h.ods_cell(1, 1_000_000) + "</table:table-row>")
            ),
            "refused",
        ),
        "ods_row_repeated_3m_times.ods": (
            lambda: h.ods(
                h.ods_table(
                    extra_rows='<table:table-row table:number-rows-repeated="3000000">'
                    + h.ods_cell("甲")
                    + "</table:table-row>"
                )
            ),
            "refused",
        ),
        "xlsb_cell_at_column_4e9.xlsb": (lambda: h.xlsb(h.xlsb_rows([(5, 4_000_000_000, 1)])), "refused"),
        "xls_cell_at_column_65536.xls": (lambda: h.xls_far_column(row=65535, column=0xFFFF), "refused"),
        "xls_12_sheets_each_with_a_cell_at_iv65536.xls": (
            lambda: h.xls([(0, 0, "客户"), (65535, 255, 1)], sheets=12),
            "refused",
        ),
        "csv_20000_columns_1000_rows.csv": (lambda: ("\n".join([wide] + [row] * 1000) + "\n").encode(), "refused"),
        "csv_1m_lines_then_a_20000_column_line.csv": (lines_then_wide, "refused"),
        "csv_3m_lines.csv": (lambda: b"a,b,c\n" + b"1,2,3\n" * 3_000_000, "refused"),
        "xlsx_stray_cell_at_gr100000_inside_limits.xlsx": (lambda: h.stray_cell_xlsx("GR100000"), "loaded"),
    }


def _make(only: list[str]) -> list[tuple[str, str]]:
    """The files to run, made once into bench/out/hostile/; the bench's big files from make_orders.py."""
    os.makedirs(OUT, exist_ok=True)
    runs = []
    for name, (make, expected) in _files().items():
        if only and name not in only:
            continue
        path = os.path.join(OUT, name)
        if not os.path.exists(path):
            with open(path, "wb") as fh:
                fh.write(make())
        runs.append((path, expected))
    for name in ("orders_1m.csv", "orders_100k.xlsx"):
        if only and name not in only:
            continue
        path = os.path.join(HERE, "out", name)
        if not os.path.exists(path):
            subprocess.run([sys.executable, os.path.join(HERE, "make_orders.py")], check=True)
        runs.append((path, "loaded"))
    return runs


def _one(path: str) -> None:
    """In the child: read the file as ui/upload.py does, print what happened."""
    from core import ingest, store
    from core.errors import InputError

    with open(path, "rb") as fh:
        data = fh.read()
    name = os.path.basename(path)
    try:
        ingest.sheet_names(data, name)
        raw = ingest.read_table(data, name)
        report = ingest.load_table(store.connect(), raw, ingest.propose_mapping("orders", raw.headers, raw.data))
        print(f"loaded {report.rows_loaded:,} rows, rejected {report.rows_rejected:,}")
    except InputError as error:
        print("refused: " + error.en)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", action="append", default=[], help="a file name (repeatable)")
    parser.add_argument("--one", help=argparse.SUPPRESS)  # the child's mode
    args = parser.parse_args()
    if args.one:
        _one(args.one)
        return 0
    failed = False
    print(f"{'file':<52} {'size':>10} {'wall s':>7} {'peak MB':>8}  goal  outcome")
    for path, expected in _make(args.only):
        started = time.perf_counter()
        child = subprocess.Popen(
            [sys.executable, os.path.abspath(__file__), "--one", path], cwd=ROOT, stdout=subprocess.PIPE, text=True
        )
        out = child.stdout.read()
        _, status, usage = os.wait4(child.pid, 0)
        wall = time.perf_counter() - started
        peak = usage.ru_maxrss * 1024  # Linux reports kilobytes
        outcome = out.strip() or f"exit status {status}"
        seconds, memory = REFUSED_GOAL if expected == "refused" else LOADED_GOAL
        ok = outcome.startswith(expected) and wall <= seconds and peak <= memory
        failed |= not ok
        size = os.path.getsize(path)
        print(
            f"{os.path.basename(path):<52} {size / MB:>8.2f}MB {wall:>7.2f} {peak / MB:>8.0f}  "
            f"{'met ' if ok else 'MISS'}  {outcome[:110]}"
        )
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
