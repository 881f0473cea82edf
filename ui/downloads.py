"""CSV and Excel downloads of a table on screen, built by core.export only when a button is pressed."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from core.export import XLSX_MIME, csv_bytes, xlsx_bytes
from ui.text import t


def export_buttons(frame: pd.DataFrame, stem: str, key: str, number_formats: dict[str, str] | None = None) -> None:
    """Two buttons side by side: the table as CSV (UTF-8 with BOM, for Excel) and as .xlsx.

    Each file is built when its button is pressed (a callable `data`, on_click="ignore": no rerun), so a
    page draw never pays for, nor fails on, an export nobody asked for."""
    row = st.container(horizontal=True)
    row.download_button(
        t("download_csv"),
        data=lambda: csv_bytes(frame),
        file_name=f"{stem}.csv",
        mime="text/csv",
        key=f"{key}_csv",
        icon=":material/download:",
        on_click="ignore",
    )
    row.download_button(
        t("download_xlsx"),
        data=lambda: xlsx_bytes(frame, stem, number_formats),
        file_name=f"{stem}.xlsx",
        mime=XLSX_MIME,
        key=f"{key}_xlsx",
        icon=":material/table_view:",
        on_click="ignore",
    )
