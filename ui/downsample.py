"""Fewer points to draw for the charts with one point per customer (Pareto, Lorenz, RFM map), issue #13.

A browser draws 20,000 points of a curve no better than 2,000: a screen is ~1,000 pixels wide. These
functions choose which rows a chart draws; the figures, the labels and every point a chart annotates come
from the whole data, as before, and the points kept are real rows (a hover still names a real customer).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

MAX_POINTS = 2000  # per chart; at or below it every row is drawn
_GRID = 200  # cells per axis of the scatter's first grid: finer than a dot at the map's size


def curve_rows(y: pd.Series | np.ndarray, keep=(), limit: int | None = None) -> np.ndarray:
    """Positions (0-based, ascending) of the points of a line to draw, its rows in drawing order: all of them
    up to `limit` (MAX_POINTS); above it, in each run of equal length the first, last, lowest and highest,
    plus the first and last point of the line and every position in `keep` (the points a chart annotates
    or where a fill changes colour). The line's shape is kept to within one run (n / (limit / 4) rows)."""
    limit = MAX_POINTS if limit is None else limit
    values = np.asarray(y, dtype=float)
    n = len(values)
    if n <= limit:
        return np.arange(n)
    runs = max(limit // 4, 1)
    size = -(-n // runs)  # ceil: every run but the last has `size` rows
    padded = np.full(runs * size, np.nan)
    padded[:n] = values
    grid = padded.reshape(runs, size)
    starts = np.arange(runs) * size
    valid = starts < n
    filled = np.where(np.isnan(grid), np.inf, grid)
    lowest = starts + filled.argmin(axis=1)
    highest = starts + np.where(np.isnan(grid), -np.inf, grid).argmax(axis=1)
    ends = np.minimum(starts + size - 1, n - 1)
    chosen = np.concatenate(
        [starts[valid], ends[valid], lowest[valid], highest[valid], [0, n - 1], np.asarray(keep, int)]
    )
    return np.unique(chosen[(chosen >= 0) & (chosen < n)])


def scatter_rows(frame: pd.DataFrame, x: str, y: str, weight: str, group: str, limit: int | None = None) -> np.ndarray:
    """Positions (0-based, ascending) of the dots of a scatter to draw: all of them up to `limit`; above it,
    in each cell of a grid over the plot (200 × 200, coarser until at most `limit` remain) and each `group`
    (a colour), the dot of the largest `weight` (the biggest, drawn over the others there), plus the rows
    holding the smallest and largest x, y and weight."""
    limit = MAX_POINTS if limit is None else limit
    n = len(frame)
    if n <= limit:
        return np.arange(n)
    xs, ys = frame[x].to_numpy(dtype=float), frame[y].to_numpy(dtype=float)
    extremes = [int(np.nanargmin(v)) for v in (xs, ys)] + [int(np.nanargmax(v)) for v in (xs, ys)]
    extremes.append(int(np.nanargmax(frame[weight].to_numpy(dtype=float))))
    cells = _GRID
    while True:
        cx = _cell(xs, cells)
        cy = _cell(ys, cells)
        ranked = pd.DataFrame({"g": frame[group].to_numpy(), "cx": cx, "cy": cy, "w": frame[weight].to_numpy()})
        ranked["pos"] = np.arange(n)
        biggest = ranked.sort_values("w", ascending=False, kind="stable").drop_duplicates(["g", "cx", "cy"])["pos"]
        chosen = np.unique(np.concatenate([biggest.to_numpy(), extremes]))
        if len(chosen) <= limit or cells <= 4:
            return chosen
        cells //= 2


def _cell(values: np.ndarray, cells: int) -> np.ndarray:
    low, high = np.nanmin(values), np.nanmax(values)
    span = high - low
    if not span:
        return np.zeros(len(values), dtype=int)
    return np.minimum(((values - low) / span * cells).astype(int), cells - 1)
