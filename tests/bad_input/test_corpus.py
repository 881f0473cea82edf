"""The bad-input corpus: every generated hostile or messy file is refused with a clear sentence naming the
file, or loads with every row accounted for; a refused file leaves the data loaded before intact."""

from __future__ import annotations

import importlib
import pkgutil
from pathlib import Path

import pytest

from core import ingest, store
from core.errors import InputError
from tests.bad_input.case import Case

GOOD = "客户,日期,金额\n甲,2024-01-05,100.00\n乙,2024-01-06,50.00\n".encode()


def _cases() -> list[Case]:
    here = Path(__file__).parent
    found: list[Case] = []
    for info in pkgutil.iter_modules([str(here)]):
        if info.name.startswith("cases_"):
            found += importlib.import_module(f"tests.bad_input.{info.name}").CASES
    names = [c.name for c in found]
    assert len(names) == len(set(names)), "corpus case names must be unique"
    return found


CASES = _cases()


def test_the_corpus_holds_at_least_forty_cases():
    assert len(CASES) >= 40


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_bad_input(case: Case):
    con = store.connect()
    before = ingest.load_file(con, GOOD, "earlier.csv", plain=False) if case.table == "orders" else None
    data = case.make()
    if case.refused is not None:
        with pytest.raises(InputError) as raised:
            ingest.load_file(con, data, case.file_name, table=case.table)
        zh, en = case.refused
        assert zh in raised.value.message("zh")
        assert en in raised.value.message("en")
        assert case.file_name in raised.value.message("en")
        if before is not None:  # the data loaded before is intact
            assert con.execute("select count(*), sum(amount) from orders").fetchall() == [(2, 150)]
        return
    report = ingest.load_file(con, data, case.file_name, table=case.table)
    assert report.rows_read == report.rows_loaded + report.rows_rejected
    assert report.rows_loaded == case.loaded
    if case.rejected is not None:
        assert report.rows_rejected == case.rejected
    said = " ".join(
        [f"{column} {value} {en}" for _, column, value, _, en, _ in report.rejected_rows]
        + [en for _, en in report.notes]
    )
    for words in case.says:
        assert words in said, f"{words!r} not in {said!r}"
    if case.check is not None:
        case.check(con, report)
