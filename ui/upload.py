"""The upload flow: sidebar uploader on every page, the mapping screen, the validation report."""

from __future__ import annotations

import threading
from dataclasses import dataclass, replace
from pathlib import PurePath

import pandas as pd
import streamlit as st
from streamlit.runtime.scriptrunner import get_script_run_ctx

from core import limits, schema
from core.analytics import fields
from core.errors import InputError
from core.ingest import (
    IngestReport,
    LoadProgress,
    Mapping,
    RawTable,
    load_file,
    load_table,
    propose_mapping,
    read_table,
    sheet_names,
)
from core.ingest.kind import file_kind
from core.ingest.plain_csv import plain_preview
from core.ingest.read import CSV_EXTENSIONS, EXCEL_EXTENSIONS
from core.labels import FIELD_LABELS
from ui import cached, downloads, state
from ui import file_kind as kind_words
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
    upload = where.file_uploader(label, help=t("sidebar_upload_help"), key=_widget_key(key))
    if upload is None:
        return
    # per widget, the drop it last read: the file stays in its widget across reruns and page switches (and
    # may briefly be missing while the page changes), and only a new drop opens the mapping again
    seen = st.session_state.setdefault("upload_seen", {})
    if seen.get(key) == upload.file_id:
        return
    seen[key] = upload.file_id
    # the uploader names each drop with a file_id: no hash of the whole upload (issue #13)
    st.session_state.pending = {
        "name": upload.name,
        "data": upload.getvalue(),
        "sheet": None,
        "signature": upload.file_id,
    }
    st.session_state.pop("last_report", None)
    st.session_state.pop("upload_error", None)
    # switch_page clears the address; the language goes along, or an English user lands on a Chinese page
    st.switch_page(UPLOAD_PAGE, query_params={"lang": lang()})


def _widget_key(key: str) -> str:
    """The uploader's key in this session: a new one after each confirmed load, so the widget is drawn empty
    and holds no file (release_uploads); the first keeps the plain name."""
    generation = st.session_state.get("upload_generation", 0)
    return key if not generation else f"{key}_{generation}"


def release_uploads() -> None:
    """After a confirmed load (issue #13): Streamlit's copy of the session's uploaded bytes goes from its upload
    store (the file is in our store now; kept, a 100 MB upload held the server above its memory goal), and
    the uploaders are drawn anew, empty, on the next run. The sidebar names the loaded file in words."""
    ctx = get_script_run_ctx()
    if ctx is not None and ctx.uploaded_file_mgr is not None:
        ctx.uploaded_file_mgr.remove_session_files(ctx.session_id)  # only our two uploaders hold files
    st.session_state.upload_generation = st.session_state.get("upload_generation", 0) + 1


@dataclass
class Source:
    """An upload as the mapping screen has read it: the whole table, or for a plain CSV its header and first
    records (load_file then reads the file once, on the plain-CSV road the CLI takes); rows: its records."""

    name: str
    data: bytes
    sheet: str | None
    raw: RawTable
    rows: int
    is_plain: bool

    def release(self) -> None:
        """Let go of the file's bytes and of a whole table read from them once they are loaded: the save
        that follows would otherwise run with both still in memory (the server's peak, issue #13)."""
        self.data = b""
        self.raw = replace(self.raw, data=self.raw.data.slice(0, 0))


def read_upload(data: bytes, name: str, sheet: str | None) -> Source:
    """Read an upload for the mapping screen: a plain CSV only as far as its first records."""
    preview = plain_preview(data, name) if sheet is None else None
    if preview is not None:
        return Source(name, data, None, preview[0], preview[1], is_plain=True)
    raw = read_table(data, name, sheet)
    return Source(name, data, raw.sheet, raw, raw.rows_read, is_plain=False)


def _read_pending(pending: dict, sheet: str | None) -> Source:
    """The pending upload read once per sheet, kept with it: a rerun of the mapping screen reads nothing."""
    found = pending.setdefault("read", {})
    if sheet not in found:
        try:
            with st.spinner(t("reading")):
                found[sheet] = read_upload(pending["data"], pending["name"], sheet)
            if sheet is None and found[None].sheet is not None:  # the default sheet, picked in the box next
                found.setdefault(found[None].sheet, found[None])
        except InputError as error:
            found[sheet] = error
    if isinstance(found[sheet], InputError):
        raise found[sheet]
    return found[sheet]


def _pending_sheets(pending: dict) -> list[str]:
    if "sheets" not in pending:
        pending["sheets"] = sheet_names(pending["data"], pending["name"])
    return pending["sheets"]


def _field_label(name: str) -> str:
    zh, en = FIELD_LABELS[name]
    return zh if lang() == "zh" else en


def mapping_screen() -> None:
    """Read the pending file, let the user confirm or fix the mapping, then load it."""
    pending = st.session_state.get("pending")
    if not pending:
        return
    name = pending["name"]
    try:
        sheets = _pending_sheets(pending)
        sheet = None
        if len(sheets) > 1:
            default = _read_pending(pending, None).raw.sheet
            sheet = st.selectbox(
                t("sheet"),
                sheets,
                index=sheets.index(default),
                help=t("sheet_help"),
                key=f"sheet_{pending['signature']}",
            )
        source = _read_pending(pending, sheet)
    except InputError as error:
        st.error(plain(error.message(lang())))
        st.caption(t("load_failed"))
        return
    raw = source.raw
    st.success(t("read_done", file=name, row=raw.header_row, rows=source.rows, cols=len(raw.headers)))
    kinds = ["orders", "pipeline"]
    found = file_kind(raw.headers, raw.data)  # proposed from headers and values, with the reasons (issue #11)
    kind = st.radio(
        t("kind"),
        kinds,
        index=kinds.index(found.kind),
        horizontal=True,
        format_func=lambda k: t(f"kind_{k}"),
        key=f"kind_{pending['signature']}",
    )
    st.caption(kind_words.reason(found))
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
        _load(source, mapping, drop)


def _load(source: Source, mapping: Mapping, drop_duplicates: bool) -> None:
    """Load into this session's store; on success show the report, on failure keep the data there was."""
    con = state.upload_connection(mapping.table)  # this session's own store, never a shared one; taken on the
    # script's thread: the worker never touches st.session_state
    progress = LoadProgress(total_rows=source.rows)
    bar = st.progress(0.0, text=_progress_words(progress))
    with state.load_memory(con, len(source.data)), st.status(t("loading"), expanded=False) as status:
        try:
            report = _with_progress(lambda: load_source(con, source, mapping, drop_duplicates, progress), progress, bar)
        except InputError as error:
            status.update(label=t("load_failed"), state="error")
            st.session_state.upload_error = plain(error.message(lang()))
            bar.empty()
            return
        status.update(label=t("load_done"), state="complete")
        release_uploads()
        # kept for the one-click duplicate drop, and only when there are duplicates to drop: it holds the file;
        # else the file's bytes go before the save starts, not after it
        keep = bool(len(report.duplicates)) and not report.duplicates_dropped
        st.session_state.last_load = (source, mapping) if keep else None
        if not keep:
            source.release()
            # the mapping screen still holds the pending upload's dict (its bytes, each sheet read) in this run
            (st.session_state.get("pending") or {}).clear()
        st.session_state.pending = None
        state.record_load(report, con)  # the save too, inside the load's memory
    st.session_state.last_report = report
    st.rerun()


def load_source(con, source: Source, mapping: Mapping, drop_duplicates: bool, progress: LoadProgress) -> IngestReport:
    """A plain CSV goes to load_file, which reads it once on the plain-CSV road (the CLI's); a table the
    mapping screen read whole is loaded as it is."""
    if source.is_plain:
        return load_file(
            con,
            source.data,
            source.name,
            table=mapping.table,
            mapping=mapping.to_json(),
            drop_duplicates=drop_duplicates,
            progress=progress,
        )
    progress.begin("load", total_rows=source.rows)
    return load_table(con, source.raw, mapping, drop_duplicates=drop_duplicates)


# Where each step of a load sits on the bar: reading the bytes, DuckDB parsing the records, the load after it.
_BAR = {"read": (0.0, 0.1), "parse": (0.1, 0.8), "load": (0.9, 0.1), "done": (1.0, 0.0)}


def _with_progress(work, progress: LoadProgress, bar):
    """work() on a worker thread while this (the script's) thread redraws the bar from `progress`; its
    result, or its exception raised here."""
    outcome: dict = {}

    def run() -> None:
        try:
            outcome["result"] = work()
        except BaseException as error:  # re-raised on the script's thread, where the page handles it
            outcome["error"] = error

    worker = threading.Thread(target=run, name="ka-load", daemon=True)
    worker.start()
    while worker.is_alive():
        worker.join(0.2)
        start, span = _BAR[progress.step]
        bar.progress(min(start + span * progress.fraction(), 1.0), text=_progress_words(progress))
    if "error" in outcome:
        raise outcome["error"]
    return outcome["result"]


def _progress_words(progress: LoadProgress) -> str:
    total = progress.total_rows or 0
    if progress.step == "parse":
        return t("progress_parse", done=int(total * progress.fraction()), total=total)
    if progress.step in ("load", "done"):
        return t("progress_load", total=total)
    return t("progress_read", total=total)


def _field_select(f, options: list[str], proposal: Mapping, signature: str, kind: str) -> str:
    conf = proposal.confidence.get(f.name)
    value = st.selectbox(
        _field_label(f.name) + (" *" if f.required else ""),
        options,
        index=options.index(proposal.columns.get(f.name, "")),
        format_func=lambda h: h if h else _empty_choice(f.name, signature, kind, proposal),
        help=t("confidence", pct=f"{conf:.0%}") if conf else None,
        key=f"map_{signature}_{kind}_{f.name}",
    )
    unit = Mapping(kind, {f.name: value}).unit(f.name) if value else None
    if unit:  # 金额(万元): the values are scaled, said beside the field
        st.caption(t("unit_scale", factor=f"{unit.factor:,}", unit=plain(unit.word)))
    return value


def _empty_choice(name: str, signature: str, kind: str, proposal: Mapping) -> str:
    """'(not used)', or for the amount '(computed as quantity × unit price)' when both are chosen (issue #11)."""
    if kind == "orders" and name == "amount":
        chosen = {n: st.session_state.get(f"map_{signature}_{kind}_{n}", proposal.columns.get(n)) for n in _PRICED}
        if all(chosen.values()):
            return t("amount_computed")
    return t("not_mapped")


_PRICED = ("quantity", "unit_price")


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
