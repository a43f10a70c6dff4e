"""The sidebar control "use my own data": an upload validated in memory, for this session only.

The upload (a .zip of a data directory, or the CSV files alone) is read by
`vnintegration.uploads` with its caps, validated with the same rules as the bundled
data, and kept in `st.session_state` — never written to disk, never seen by another
session. Derived tables are cached under the key "upload:<sha256 of the files>", so a
cached entry can only be reached by a session holding the very same bytes.
"""

from __future__ import annotations

import streamlit as st

from vnintegration.core.load import DataFiles, read_data
from vnintegration.core.uploads import DEFAULT_LIMITS, MB, read_uploads, upload_digest
from vnintegration.core.validate import Dataset, validate
from vnintegration.present.export import safe_text

STATE = "own_data"
PREFIX = "upload:"

TEXT = {
    "title": ("Dữ liệu của bạn", "Use my own data"),
    "help": ("Tải lên một tệp .zip của thư mục dữ liệu (bốn tệp CSV và sources/), hoặc chỉ các tệp CSV. "
             "Dữ liệu chỉ nằm trong phiên này, không lưu trên máy chủ.",
             "Upload a .zip of a data directory (the four CSVs and sources/), or the CSVs alone. "
             "It stays in this browser session and is never stored on the server."),
    "upload": ("Tệp .zip hoặc .csv", ".zip or .csv files"),
    "using": ("Đang dùng dữ liệu tải lên: {label}", "Using your uploaded data: {label}"),
    "refused": ("Không nhận tệp tải lên:", "The upload was refused:"),
    "problems": ("{n} lỗi, {w} cảnh báo — xem trang Nguồn", "{n} errors, {w} warnings — see the Sources page"),
    "back": ("Quay lại dữ liệu gốc", "Back to the bundled data"),
}


def _t(key: str, lang: str, **values) -> str:
    vi, en = TEXT[key]
    return (vi if lang == "vi" else en).format(**values)


def active_key() -> str | None:
    """The cache key of the uploaded data when this session uses it, else None."""
    own = st.session_state.get(STATE)
    return PREFIX + own["digest"] if own and own.get("dataset") is not None else None


def uploaded_dataset(key: str) -> Dataset:
    """The session's validated upload for `key` (the page calls this only with active_key())."""
    own = st.session_state.get(STATE) or {}
    if own.get("dataset") is None or PREFIX + own.get("digest", "") != key:
        raise LookupError("no uploaded data in this session")  # a stale key: the caller falls back
    return own["dataset"]


def session_entry(payload: list[tuple[str, bytes]], bundled: DataFiles) -> dict:
    """What the session keeps of an upload: digest, label, notices and the validated dataset (None if refused)."""
    files, problems = read_uploads(payload, bundled=bundled)
    return {
        "digest": upload_digest(payload),
        "label": ", ".join(name for name, _ in payload)[:80],
        "notices": problems,
        "dataset": validate(read_data(files)) if files is not None else None,
    }


def _accept(payload: list[tuple[str, bytes]], bundled: DataFiles) -> None:
    own = st.session_state.get(STATE)
    if own and own.get("digest") == upload_digest(payload):
        return  # validated once per upload, not on every rerun
    st.session_state[STATE] = session_entry(payload, bundled)
    # The sidebar is drawn after the page (app.py): run again so that the page shows the new data.
    st.rerun()


def sidebar(bundled_dir, lang: str) -> None:
    """Draw the control; accept, refuse or drop an upload."""
    generation = st.session_state.get("own_data_generation", 0)
    # The expander reports its state (on_change="rerun"), and its content is sent only while it is open or an
    # upload is in use: a closed control costs the page no uploader (its script chunks and elements).
    holder = st.sidebar.expander(_t("title", lang), expanded=STATE in st.session_state, key="own_data_open",
                                 on_change="rerun")
    if not (holder.open or STATE in st.session_state):
        return
    with holder:
        st.caption(_t("help", lang))
        files = st.file_uploader(
            _t("upload", lang), type=["zip", "csv", "txt"], accept_multiple_files=True,
            key=f"own_data_upload_{generation}", max_upload_size=DEFAULT_LIMITS.max_upload_bytes // MB,
        )
        if files:
            _accept([(f.name, f.getvalue()) for f in files], DataFiles.from_dir(bundled_dir))
        own = st.session_state.get(STATE)
        if not own:
            return
        if own["dataset"] is None:
            st.error(_t("refused", lang))
            for problem in own["notices"]:
                st.text(f"{problem}\n→ {problem.advice}")  # text, never markdown: names come from the upload
        else:
            report = own["dataset"].report
            st.success(_t("using", lang, label=safe_text(own["label"])))  # file names: text, never Markdown
            st.caption(_t("problems", lang, n=len(report.errors), w=len(report.warnings)))
            for problem in own["notices"]:
                st.text(str(problem))
        if st.button(_t("back", lang), key="own_data_back"):
            st.session_state.pop(STATE, None)
            st.session_state["own_data_generation"] = generation + 1  # a new uploader, emptied
            st.rerun()
