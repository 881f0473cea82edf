"""Every label of the UI: key -> (中文, English), looked up by t() and t_raw() in the UI language.

The catalogue lives in one part per subject (ui/text_<subject>.py); TEXT merges them and refuses a key
that two parts define, so no label is ever silently replaced by another part's.
"""

from __future__ import annotations

import datetime as dt
from numbers import Number

import streamlit as st

from ui.markdown import Markdown, plain
from ui.text_abc import ABC_TEXT
from ui.text_access import ACCESS_TEXT
from ui.text_app import APP_TEXT
from ui.text_churn import CHURN_TEXT
from ui.text_cohorts import COHORTS_TEXT
from ui.text_duplicates import DUPLICATES_TEXT
from ui.text_funnel import FUNNEL_TEXT
from ui.text_long_tail import LONG_TAIL_TEXT
from ui.text_outlook import OUTLOOK_TEXT
from ui.text_profile import PROFILE_TEXT
from ui.text_rfm import RFM_TEXT
from ui.text_tables import TABLES_TEXT
from ui.text_upload import UPLOAD_TEXT
from ui.text_weekly import WEEKLY_TEXT
from ui.text_workspace import WORKSPACE_TEXT

LANGS = ("zh", "en")


def merged(parts: dict[str, dict[str, tuple[str, str]]]) -> dict[str, tuple[str, str]]:
    """The parts' labels in one dict. A key defined in two parts raises, naming the key and both parts:
    dict.update would let the later part's label win without anyone noticing."""
    text: dict[str, tuple[str, str]] = {}
    defined_in: dict[str, str] = {}
    for part, labels in parts.items():
        for key, value in labels.items():
            if key in defined_in:
                raise ValueError(f"text key {key!r} is defined in both {defined_in[key]} and {part}")
            defined_in[key] = part
            text[key] = value
    return text


TEXT: dict[str, tuple[str, str]] = merged(
    {
        "ui/text_app.py": APP_TEXT,
        "ui/text_tables.py": TABLES_TEXT,
        "ui/text_upload.py": UPLOAD_TEXT,
        "ui/text_weekly.py": WEEKLY_TEXT,
        "ui/text_abc.py": ABC_TEXT,
        "ui/text_rfm.py": RFM_TEXT,
        "ui/text_long_tail.py": LONG_TAIL_TEXT,
        "ui/text_churn.py": CHURN_TEXT,
        "ui/text_funnel.py": FUNNEL_TEXT,
        "ui/text_profile.py": PROFILE_TEXT,
        "ui/text_workspace.py": WORKSPACE_TEXT,
        "ui/text_outlook.py": OUTLOOK_TEXT,
        "ui/text_duplicates.py": DUPLICATES_TEXT,
        "ui/text_cohorts.py": COHORTS_TEXT,
        "ui/text_access.py": ACCESS_TEXT,
    }
)


def lang() -> str:
    value = st.session_state.get("lang", "zh")
    return value if value in LANGS else "zh"


def t(key: str, **fmt) -> Markdown:
    """The sentence in the UI language, for a markdown element: every interpolated value is escaped
    (ui.markdown.plain), so a customer, stage, file or dataset label shows as itself."""
    text = _sentence(key)
    return Markdown(text.format(**{name: _escaped(value) for name, value in fmt.items()}) if fmt else text)


def t_raw(key: str, **fmt) -> str:
    """The same sentence with its values as they are, for a place that never reads markdown: a chart
    title (escaped there for Plotly), a file name, a table header, a select option."""
    text = _sentence(key)
    return text.format(**fmt) if fmt else text


def _sentence(key: str) -> str:
    zh, en = TEXT[key]
    return zh if lang() == "zh" else en


def _escaped(value):
    # numbers and dates keep their type so a format spec ({n:,}) still applies; they make no markdown
    if isinstance(value, (Number, dt.date, dt.time)) and not isinstance(value, bool):
        return value
    return plain(value)
