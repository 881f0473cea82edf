"""One entry of the bad-input corpus: a generated file and what the product must do with it.

Each `tests/bad_input/cases_<topic>.py` module defines `CASES: list[Case]`; test_corpus.py runs them all.
A case is either refused (one clear sentence, in both languages, naming the file) or loaded, possibly in
part, with every row accounted for and the reasons said.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class Case:
    name: str  # the test id: what the file is, e.g. "xlsx_stray_cell_at_xfd1048576"
    file_name: str  # as uploaded; its extension picks the reader
    make: Callable[[], bytes]  # the file's bytes, generated (never read from ../shared)
    table: str = "orders"
    # Refused: words the message must contain, (zh, en); the message must also name the file.
    refused: tuple[str, str] | None = None
    # Loaded: the rows loaded and rejected (rows_read = rows_loaded + rows_rejected is checked for all).
    loaded: int | None = None
    rejected: int | None = None
    # English words that must appear in some rejection reason, rejected column/value, or ingest note.
    says: tuple[str, ...] = ()
    # Optional deeper check on the loaded connection and report: check(con, report) -> None (asserts).
    check: Callable | None = None

    def __post_init__(self) -> None:
        if (self.refused is None) == (self.loaded is None):
            raise ValueError(f"{self.name}: a case is either refused or loaded, and says which")
