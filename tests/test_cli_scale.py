"""The report's figures do not depend on how fast a file is read (issue #13): a CSV read in small chunks, with
year-first slash dates instead of dashes, gives the same customers and the hand-summed revenue."""

import datetime as dt
import json
import random
import threading

from core import cli
from core.ingest import plain_shape

CUSTOMERS = ["甲公司", "乙公司", "丙公司", "丁公司", "戊公司"]


def _lines(rng: random.Random) -> list[tuple[str, dt.date, str, int]]:
    """2,000 lines of (order id, date in March-December 2024, customer, cents): every date inside the 365-day
    window ending at the latest one."""
    start = dt.date(2024, 3, 1)
    return [
        (f"SO{i // 3}", start + dt.timedelta(days=rng.randrange(300)), rng.choice(CUSTOMERS), rng.randint(-5000, 90000))
        for i in range(2000)
    ]


def _write(path, lines, slash: bool) -> str:
    def day(d: dt.date) -> str:
        return f"{d.year}/{d.month}/{d.day}" if slash else d.isoformat()

    def money(cents: int) -> str:  # -1234 -> -12.34
        return f"{'-' if cents < 0 else ''}{abs(cents) // 100}.{abs(cents) % 100:02d}"

    rows = [f"{oid},{day(d)},{c},{money(cents)}" for oid, d, c, cents in lines]
    path.write_text("订单编号,订单日期,客户名称,金额\n" + "\n".join(rows) + "\n", encoding="utf-8")
    return str(path)


def _report(tmp_path, name: str, orders: str) -> dict:
    out = tmp_path / f"{name}.json"
    assert cli.main(["report", orders, "--json", str(out)]) == 0
    return json.loads(out.read_text(encoding="utf-8"))


def test_slash_dates_read_in_small_chunks_give_the_report_of_dash_dates_and_the_hand_sums(tmp_path, monkeypatch):
    lines = _lines(random.Random(42))
    dashes = _report(tmp_path, "dashes", _write(tmp_path / "dashes.csv", lines, slash=False))
    monkeypatch.setattr(plain_shape, "READ_BYTES", 1000)  # the byte checks in ~70 chunks
    slashes = _report(tmp_path, "slashes", _write(tmp_path / "slashes.csv", lines, slash=True))

    assert slashes["customers"] == dashes["customers"]
    assert slashes["funnel"] == dashes["funnel"] and slashes["cohorts"] == dashes["cohorts"]
    assert slashes["ingest"]["rows_loaded"] == dashes["ingest"]["rows_loaded"] == 2000
    # net revenue in the window: every line's cents, returns (negative) included, summed per customer
    net = {}
    for _, _, customer, cents in lines:
        net[customer] = net.get(customer, 0) + cents
    assert {c["customer"]: round(c["revenue"] * 100) for c in slashes["customers"]} == net
    assert slashes["as_of"] == max(d for _, d, _, _ in lines).isoformat()


def test_the_reports_active_customers_are_its_customers_with_a_positive_line_in_the_window(tmp_path):
    """The report counts active customers from its own customer table (no scan of its own): the same count as
    core.analytics.active, here 2 by hand."""
    from core import ingest, store
    from core.analytics.active import active_customers
    from core.filters import Filters

    rows = [
        "SO1,2024-12-01,甲公司,100.00",  # active
        "SO2,2024-11-01,乙公司,50.00",  # active, a return too
        "SO3,2024-11-02,乙公司,-20.00",
        "SO4,2024-10-01,丙公司,-30.00",  # only a return in the window: not active
        "SO5,2023-06-01,丁公司,70.00",  # its order before the 365-day window: not active
        "SO6,2024-12-31,戊公司,0.00",  # a zero line is no order: not active
    ]
    path = tmp_path / "orders.csv"
    path.write_text("订单编号,订单日期,客户名称,金额\n" + "\n".join(rows) + "\n", encoding="utf-8")
    report = _report(tmp_path, "active", str(path))
    assert report["active_customers"] == 2
    assert len(report["customers"]) == 5
    con = store.connect()
    ingest.load_path(con, str(path))
    assert active_customers(con, Filters(as_of=dt.date(2024, 12, 31))) == 2


def test_a_large_file_imports_the_forecast_beside_the_load_and_a_small_one_does_not(tmp_path, monkeypatch):
    import importlib

    from core import cli_report

    started = []
    monkeypatch.setattr(importlib, "import_module", lambda name: started.append(name))
    monkeypatch.setattr(cli_report, "_PREFETCH_BYTES", 100)  # a 100-byte file counts as large here
    small, large = tmp_path / "small.csv", tmp_path / "large.csv"
    small.write_bytes(b"x" * 99)
    large.write_bytes(b"x" * 100)
    cli_report._prefetch_forecast(str(small))
    cli_report._prefetch_forecast(str(tmp_path / "missing.csv"))  # load_path says it cannot be opened
    assert started == []
    cli_report._prefetch_forecast(str(large))
    for thread in [t for t in threading.enumerate() if t.name == "prefetch"]:
        thread.join()
    assert started == ["core.analytics.forecast_models"]
