"""Where a sheet's tables go: the column after a table, the row below one for a chart, a frame's rows."""

from __future__ import annotations

import pandas as pd


def frame_rows(frame: pd.DataFrame, columns: list[str]) -> list[tuple]:
    """The frame's values as plain tuples, in the given column order."""
    return list(frame[columns].astype(object).itertuples(index=False, name=None))


def next_column(col: int, columns: list) -> int:
    """The column after a table and one empty gap column."""
    return col + len(columns) + 1


def below(row: int) -> str:
    """The row number, as a cell reference's digits, a chart is anchored at: one empty row below a table."""
    return str(row + 2)
