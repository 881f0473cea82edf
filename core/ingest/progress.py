"""How far a long load has got, for a screen on another thread to show (the app's st.progress, issue #13).

The load (core.ingest.load_file) runs on a worker thread and says which step it is in; the screen's thread
reads `fraction()` of the step, which for a DuckDB statement is DuckDB's own progress of that statement.
Nothing here touches the data: a load without a LoadProgress does exactly the same work.
"""

from __future__ import annotations

from dataclasses import dataclass, field

STEPS = ("read", "parse", "load", "done")


@dataclass
class LoadProgress:
    """The step a load is in (one of STEPS), the records of the file once known, and the cursor whose
    statement is running (its query_progress is the step's share done)."""

    step: str = "read"
    total_rows: int | None = None
    _cursor: object = field(default=None, repr=False)

    def begin(self, step: str, cursor=None, total_rows: int | None = None) -> None:
        if step not in STEPS:
            raise ValueError(f"unknown load step {step!r}")
        if cursor is not None:
            # DuckDB tracks a statement's progress only with its progress bar on; printing it stays off
            cursor.execute("set enable_progress_bar = true")
            cursor.execute("set enable_progress_bar_print = false")
        if total_rows is not None:
            self.total_rows = total_rows
        self.step, self._cursor = step, cursor

    def fraction(self) -> float:
        """Share of the current step done, 0-1 (0 when the step has no statement to ask)."""
        cursor = self._cursor
        if cursor is None:
            return 0.0
        try:
            done = cursor.query_progress()
        except Exception:  # the statement ended (or the cursor closed) between two looks: nothing to say
            return 0.0
        return min(max(done, 0.0), 100.0) / 100
