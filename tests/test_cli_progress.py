"""python -m core import shows a progress line on a terminal and nothing more elsewhere (issue #13)."""

import io
import sys

from core import cli

HEADER = "订单编号,订单日期,客户名称,金额"
# three records; the second has no customer, so it is rejected: 2 of 3 rows load
LINES = ["SO1,2024-01-05,甲公司,100.00", "SO2,2024-01-06,,50.00", "SO3,2024-02-01,乙公司,80.50"]


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def _orders(tmp_path):
    path = tmp_path / "orders.csv"
    path.write_text("\n".join([HEADER, *LINES]) + "\n", encoding="utf-8")
    return str(path)


def test_import_on_a_terminal_shows_lines_read_rows_parsed_and_rows_loaded(tmp_path, monkeypatch):
    terminal = Terminal()
    monkeypatch.setattr(sys, "stderr", terminal)
    assert cli.main(["import", _orders(tmp_path), "--workspace", str(tmp_path / "ws")]) == 0
    shown = terminal.getvalue()
    # four lines in the file (the header and three records), three records parsed, two rows loaded
    assert "\rorders.csv: read 4 of 4 lines (100%)\x1b[K" in shown
    assert "\rorders.csv: parsed 3 of 3 rows (100%)\x1b[K" in shown
    assert shown.endswith("\rorders.csv: loaded 2 of 3 rows (66%)\x1b[K\n")


def test_import_progress_speaks_the_chosen_language(tmp_path, monkeypatch):
    terminal = Terminal()
    monkeypatch.setattr(sys, "stderr", terminal)
    assert cli.main(["--lang", "zh", "import", _orders(tmp_path), "--workspace", str(tmp_path / "ws")]) == 0
    assert terminal.getvalue().endswith("\rorders.csv：已载入 2 / 3 行 (66%)\x1b[K\n")


def test_import_off_a_terminal_writes_no_progress(tmp_path, capsys):
    assert cli.main(["import", _orders(tmp_path), "--workspace", str(tmp_path / "ws")]) == 0
    out, err = capsys.readouterr()
    assert err == ""
    assert out.splitlines()[1] == "orders: file=orders.csv rows_read=3 rows_loaded=2 rows_rejected=1"
