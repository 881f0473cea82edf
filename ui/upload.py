"""The upload flow: sidebar uploader on every page, the mapping screen, the validation report."""

from __future__ import annotations

import hashlib
from pathlib import PurePath

import pandas as pd
import streamlit as st

from core import limits, schema
from core.analytics import fields
from core.errors import InputError
from core.ingest import IngestReport, Mapping, load_table, propose_mapping, read_table, sheet_names
from core.ingest.read import CSV_EXTENSIONS, EXCEL_EXTENSIONS
from core.labels import FIELD_LABELS
from ui import cached, downloads, state
from ui.format import plain
from ui.text import lang, t, t_raw

UPLOAD_PAGE = "views/upload.py"


def sidebar_uploader() -> None:
    """A file dropped here is read at once and opens the mapping screen on the import page."""
    _uploader(st.sidebar, "sidebar_file", t("sidebar_upload"))


def page_uploader() -> None:
    """The import page's own uploader, at its top: the sidebar's road with its own widget (issue #11)."""
    _uploader(st.container(), "page_file", t("upload_here"))


def accepts_line() -> str:
    """The file types read and the size allowed, in the UI language: the smaller of our own limit
    (core/limits.py) and the browser's (server.maxUploadSize), which refuses a bigger file first."""
    mb = min(limits.current().upload_bytes // limits.MB, int(st.get_option("server.maxUploadSize")))
    return t("upload_accepts", types=" ".join(EXCEL_EXTENSIONS + CSV_EXTENSIONS), mb=mb)


def _css_text(text: str) -> str:
    """A CSS string of our catalogue's words, every character escaped: nothing in it can end the rule."""
    return '"' + "".join(f"\\{ord(c):06x}" for c in text) + '"'


def _uploader(where, key: str, label: str) -> None:
    where.caption(accepts_line())  # our words above the widget: Streamlit's own stay English
    # style only (no room taken): Streamlit's "200MB per file" goes, its button says our word
    st.html(
        "<style>[data-testid=stFileUploaderDropzoneInstructions] { display: none; }"
        " [data-testid=stFileUploaderDropzone] button [data-testid=stMarkdownContainer] p { font-size: 0; }"
        " [data-testid=stFileUploaderDropzone] button [data-testid=stMarkdownContainer] p::after"
        f" {{ content: {_css_text(t_raw('upload_browse'))}; font-size: 1rem; }}</style>"
    )
    upload = where.file_uploader(label, help=t("sidebar_upload_help"), key=key)
    if upload is None:
        return
    # per widget, the drop it last read: the file stays in its widget across reruns and page switches (and
    # may briefly be missing while the page changes), and only a new drop opens the mapping again
    seen = st.session_state.setdefault("upload_seen", {})
    if seen.get(key) == upload.file_id:
        return
    seen[key] = upload.file_id
    data = upload.getvalue()
    signature = hashlib.sha1(data).hexdigest() + upload.name
    st.session_state.pending = {"name": upload.name, "data": data, "sheet": None, "signature": signature[:12]}
    st.session_state.pop("last_report", None)
    st.session_state.pop("upload_error", None)
    # switch_page clears the address; the language goes along, or an English user lands on a Chinese page
    st.switch_page(UPLOAD_PAGE, query_params={"lang": lang()})


def _field_label(name: str) -> str:
    zh, en = FIELD_LABELS[name]
    return zh if lang() == "zh" else en


def _guess_kind(raw) -> str:
    pipe = propose_mapping("pipeline", raw.headers, raw.data)
    orders = propose_mapping("orders", raw.headers, raw.data)
    if "stage" in pipe.columns and not pipe.missing_required() and orders.missing_required():
        return "pipeline"
    if "stage" in pipe.columns and pipe.confidence.get("stage", 0) >= 1 and "order_date" not in orders.columns:
        return "pipeline"
    return "orders"


def mapping_screen() -> None:
    """Read the pending file, let the user confirm or fix the mapping, then load it."""
    pending = st.session_state.get("pending")
    if not pending:
        return
    name, data = pending["name"], pending["data"]
    try:
        sheets = sheet_names(data, name)
        sheet = None
        if len(sheets) > 1:
            with st.spinner(t("reading")):
                default = read_table(data, name).sheet
            sheet = st.selectbox(
                t("sheet"),
                sheets,
                index=sheets.index(default),
                help=t("sheet_help"),
                key=f"sheet_{pending['signature']}",
            )
        with st.spinner(t("reading")):
            raw = read_table(data, name, sheet)
    except InputError as error:
        st.error(plain(error.message(lang())))
        st.caption(t("load_failed"))
        return
    st.success(t("read_done", file=name, row=raw.header_row, rows=raw.rows_read, cols=len(raw.headers)))
    kinds = ["orders", "pipeline"]
    kind = st.radio(
        t("kind"),
        kinds,
        index=kinds.index(_guess_kind(raw)),
        horizontal=True,
        format_func=lambda k: t(f"kind_{k}"),
        key=f"kind_{pending['signature']}",
    )
    proposal = propose_mapping(kind, raw.headers, raw.data)
    st.subheader(t("mapping_title"))
    st.caption(t("mapping_intro"))
    remembered = state.remembered_mapping(raw.headers, kind)
    if remembered:  # same layout as an earlier upload: last time's confirmed mapping, one click to load
        proposal = Mapping.from_json(kind, remembered, raw.headers)
        st.info(t("ds_mapping_remembered"))
    chosen: dict[str, str] = {}
    options = [""] + raw.headers
    fields = schema.FIELDS[kind]
    # required fields and the ones found in the file first; the rest wait in an expander
    shown = [f for f in fields if f.required or f.name in proposal.columns]
    more = [f for f in fields if f not in shown]
    groups = [(shown, st.container())] + ([(more, st.expander(t("more_fields", n=len(more))))] if more else [])
    for group, box in groups:
        grid = box.columns(3)
        for i, f in enumerate(group):
            with grid[i % 3]:
                value = _field_select(f, options, proposal, pending["signature"], kind)
            if value:
                chosen[f.name] = value
    mapping = Mapping(kind, chosen, {k: proposal.confidence.get(k, 1.0) for k in chosen})
    missing = mapping.missing_required()
    if missing:
        st.warning(t("missing_required", fields="、".join(_field_label(m) for m in missing)))
    with st.expander(t("preview")):
        preview = raw.data.slice(0, 10).to_pandas()
        preview.insert(0, t("col_row"), preview.pop("source_row"))
        st.dataframe(preview.fillna(""), hide_index=True)
    drop = st.checkbox(t("drop_duplicates"), key=f"drop_{pending['signature']}")
    if st.button(t("load_button"), type="primary", disabled=bool(missing), key="load_button"):
        _load(raw, mapping, drop)


def _load(raw, mapping: Mapping, drop_duplicates: bool) -> None:
    """Load into this session's store; on success show the report, on failure keep the data there was."""
    with st.status(t("loading"), expanded=False) as status:
        try:
            report = load_table(state.connection(), raw, mapping, drop_duplicates=drop_duplicates)
        except InputError as error:
            status.update(label=t("load_failed"), state="error")
            st.session_state.upload_error = plain(error.message(lang()))
            return
        status.update(label=t("load_done"), state="complete")
    state.record_load(report)
    st.session_state.last_report = report
    st.session_state.last_load = (raw, mapping)  # kept for the one-click duplicate drop
    st.session_state.pending = None
    st.rerun()


def _field_select(f, options: list[str], proposal: Mapping, signature: str, kind: str) -> str:
    conf = proposal.confidence.get(f.name)
    value = st.selectbox(
        _field_label(f.name) + (" *" if f.required else ""),
        options,
        index=options.index(proposal.columns.get(f.name, "")),
        format_func=lambda h: h if h else t("not_mapped"),
        help=t("confidence", pct=f"{conf:.0%}") if conf else None,
        key=f"map_{signature}_{kind}_{f.name}",
    )
    unit = Mapping(kind, {f.name: value}).unit(f.name) if value else None
    if unit:  # 金额(万元): the values are scaled, said beside the field
        st.caption(t("unit_scale", factor=f"{unit.factor:,}", unit=plain(unit.word)))
    return value


def validation_report(report: IngestReport) -> None:
    st.subheader(t("report_title") + " · " + plain(report.file))
    a, b, c, d = st.columns(4)
    a.metric(t("rows_read"), f"{report.rows_read:,}")
    b.metric(t("rows_loaded"), f"{report.rows_loaded:,}")
    c.metric(t("rows_rejected"), f"{report.rows_rejected:,}")
    d.metric(t("duplicate_rows"), f"{len(report.duplicates):,}")
    if report.table == "orders" and (missing := missing_fields_line()):
        st.caption(missing)
    for zh, en in report.notes:
        st.info(plain(zh if lang() == "zh" else en))
    if len(report.duplicates) and not report.duplicates_dropped:
        st.warning(t("duplicates_kept", n=len(report.duplicates)))
        last = st.session_state.get("last_load")
        same_report = last and st.session_state.get("last_report") is report
        if same_report and st.button(t("drop_duplicates_now", n=len(report.duplicates)), key="drop_duplicates_now"):
            _load(*last, drop_duplicates=True)
    if report.rows_rejected:
        st.markdown(f"**{t('rejected_table')}**")
        shown = rejected_frame(report)
        st.dataframe(shown, hide_index=True)
        downloads.export_buttons(shown, f"rejected_{PurePath(report.file).stem}", key=f"dl_rejected_{report.table}")
    if len(report.duplicates):
        with st.expander(t("duplicates_table")):
            st.dataframe(
                report.duplicates.rename(columns={"row": t("col_row"), "duplicate_of": t("col_duplicate_of")}),
                hide_index=True,
            )


def missing_fields_line() -> str | None:
    """One line naming the views the loaded orders cannot answer and the column each needs (issue #11)."""
    missing = fields.missing_needs(cached.get("present_fields", None))
    if not missing:
        return None
    return t("missing_fields_line", items=t("missing_fields_sep").join(t(f"needs_{view}") for view, _ in missing))


def rejected_frame(report: IngestReport) -> pd.DataFrame:
    reason = "reason_zh" if lang() == "zh" else "reason_en"
    return report.rejected[["row", reason, "column", "value", "content"]].rename(
        columns={
            "row": t("col_row"),
            "column": t("col_column"),
            "value": t("col_value"),
            reason: t("col_reason"),
            "content": t("col_content"),
        }
    )
