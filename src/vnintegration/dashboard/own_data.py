"""The sidebar control "use my own data": an upload validated in memory, for this session only.

The upload (a .zip of a data directory, or the CSV files alone) is read by
`vnintegration.uploads` with its caps, validated with the same rules as the bundled
data, and kept in `st.session_state` — never written to disk, never seen by another
session: its validated dataset, and the files beyond it that the pages draw (DRAWN_FILES:
the partner, trade and peer files and indicators.csv, as the upload reader filled them from the bundled
data).
The tables derived from it are kept in the same session entry (caches.bundled_only),
never in a process-wide cache: they go when the session ends or the upload is dropped.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import gc
import multiprocessing
import os
import threading
import time
import weakref
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool

import pandas as pd
import pyarrow as pa
import streamlit as st

from vnintegration.core import model, peers, trade
from vnintegration.core.load import DataFiles
from vnintegration.core.uploads import (
    DEFAULT_LIMITS,
    MB,
    compact,
    compact_frame,
    read_uploads,
    upload_digest,
    validate_uploads,
    validate_uploads_from_dir,
)
from vnintegration.core.validate import Dataset
from vnintegration.present.export import safe_text, strip_format_chars

STATE = "own_data"
PREFIX = "upload:"
# The files of a data directory that the pages read beyond its validated dataset (caches.data_files): the partner
# tables and extracts (core/partners.py), the trade extracts and products.csv (core/trade.py), the peers' WDI
# extract (core/peers.py). The map outlines (maps/) are not data (load.is_data_file): an upload is told they are
# not used, and its pages draw the bundled ones.
DRAWN_FILES = (*(table.name for table in model.PARTNER_TABLES), trade.DOTS_FILE, trade.PRODUCTS_FILE,
               model.PRODUCTS.name, peers.FILE, model.INDICATORS.name)  # indicators: the Import page's check

TEXT = {
    "title": ("Dữ liệu của bạn", "Use my own data"),
    "help": ("Tải lên một tệp .zip của thư mục dữ liệu (các tệp CSV và sources/), hoặc chỉ các tệp CSV. "
             "Dữ liệu chỉ nằm trong phiên này, không lưu trên máy chủ.",
             "Upload a .zip of a data directory (its CSV files and sources/), or the CSVs alone. "
             "It stays in this browser session and is never stored on the server."),
    "upload": ("Tệp .zip hoặc .csv", ".zip or .csv files"),
    "using": ("Đang dùng dữ liệu tải lên: {label}", "Using your uploaded data: {label}"),
    "refused": ("Không nhận tệp tải lên:", "The upload was refused:"),
    "kept": ("Vẫn dùng dữ liệu đang có.", "The data in use stays as it was."),
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


def _accepted(key: str) -> dict:
    """The session's entry of its accepted upload `key`; LookupError for a key that is not this session's."""
    own = st.session_state.get(STATE) or {}
    if own.get("dataset") is None or PREFIX + own.get("digest", "") != key:
        raise LookupError("no uploaded data in this session")  # a stale key: the caller falls back
    return own


def uploaded_dataset(key: str) -> Dataset:
    """The session's validated upload for `key` (the page calls this only with active_key())."""
    return _accepted(key)["dataset"]


def uploaded_files(key: str) -> DataFiles:
    """The DRAWN_FILES of the session's upload `key`: its own, and the bundled ones it lacked (as the upload reader
    filled them)."""
    return _accepted(key)["files"]


MEMO_ENTRIES = 48  # tables derived from the upload kept for this session (caches.bundled_only)


def memo(key: str) -> dict:
    """The session's store of tables derived from its upload `key` (dropped with the upload or the session)."""
    return _accepted(key).setdefault("memo", {})


def kept(value):
    """A table derived from an upload as the session keeps it (caches.bundled_only): text columns as Arrow strings
    (uploads.compact_frame). Derived tables repeat the upload's text (analysis.enrich holds it as Python objects,
    fast to filter): kept that way, one session at the row cap held some 3 million small objects, whose memory the
    server did not give back after the session ended."""
    return compact_frame(value) if isinstance(value, pd.DataFrame) else value


def drawn_files(payload: list[tuple[str, bytes]], bundled: DataFiles) -> DataFiles:
    """The DRAWN_FILES of an accepted upload, read by the upload reader: the upload's own, the bundled ones where
    it lacked them (the same files validation read). Bytes, each one buffer: freed whole with the session."""
    files, _ = read_uploads(payload, bundled=bundled)
    assert files is not None, "read_uploads refused a payload that validate_uploads accepted"
    return DataFiles(files={name: files[name] for name in DRAWN_FILES if name in files}, label=files.label)


def session_entry(payload: list[tuple[str, bytes]], bundled: DataFiles) -> dict:
    """What the session keeps of an upload: digest, label, notices, the validated dataset (None if refused) and
    its drawn files, in this process; `checked_entry` validates in a worker."""
    dataset, problems = validate_uploads(payload, bundled=bundled)
    return {
        "digest": upload_digest(payload),
        "label": ", ".join(name for name, _ in payload)[:80],
        "notices": problems,
        "dataset": compact(dataset) if dataset is not None else None,
        "files": drawn_files(payload, bundled) if dataset is not None else None,
    }


_POOL: list = []  # the one worker process pool (made on first use)
_POOL_LOCK = threading.Lock()


def _pool() -> ProcessPoolExecutor:
    """One worker at a time, a fresh process per upload: validating an upload at the caps takes seconds of CPU,
    which in the server's process would hold the GIL against every other reader; in its own process it takes one
    core, and what it allocated goes back to the system when that process ends. forkserver: a clean process with
    the validator imported once, forked per upload (never a fork of the server's threads)."""
    with _POOL_LOCK:
        if not _POOL:
            context = multiprocessing.get_context("forkserver")
            context.set_forkserver_preload(["vnintegration.core.uploads"])
            # At the lowest CPU priority: on a busy host the readers' page runs come first.
            _POOL.append(ProcessPoolExecutor(max_workers=1, mp_context=context, max_tasks_per_child=1,
                                             initializer=os.nice, initargs=(19,)))
        return _POOL[0]


def checked_entry(payload: list[tuple[str, bytes]], bundled_dir) -> dict:
    """`session_entry`, read and validated in a worker process (in this one if no worker can be started)."""
    try:
        dataset, problems = _pool().submit(validate_uploads_from_dir, payload, str(bundled_dir)).result()
    except (BrokenProcessPool, OSError):
        with _POOL_LOCK:
            _POOL.clear()
        dataset, problems = validate_uploads_from_dir(payload, str(bundled_dir))
    files = None
    if dataset is not None:
        _LIVE[id(dataset)] = dataset
        # Read again here for the files the pages draw: reading (not validating) is a small part of an upload's
        # cost, and zlib decompresses without holding the GIL.
        files = drawn_files(payload, DataFiles.from_dir(bundled_dir))
    return {"digest": upload_digest(payload), "label": ", ".join(name for name, _ in payload)[:80],
            "notices": problems, "dataset": dataset, "files": files}


# The uploads' datasets alive in this process (weak references: they hold nothing). A closed tab's session is
# dropped by Streamlit some time later, in reference cycles that Python's collector frees only on a full
# collection, and glibc keeps freed memory unless told to give it back: `release_memory` does both.
_LIVE: weakref.WeakValueDictionary = weakref.WeakValueDictionary()
_RELEASE = {"at": 0.0}
RELEASE_EVERY = 30.0  # seconds between two checks, while uploads are held
_LIBC = ctypes.util.find_library("c")
# Arrow's buffers (the uploads' text columns, uploads.compact) from the C library's allocator, which malloc_trim
# empties (release_memory): pyarrow's default pool (mimalloc) keeps the pages that a session's script thread
# allocated after the thread has ended, so closed sessions' uploads would stay in the server's memory.
pa.set_memory_pool(pa.system_memory_pool())


def release_memory() -> None:
    """While this process holds uploads, at most every RELEASE_EVERY seconds: a full collection; when it freed an
    upload, freed memory goes back to the system (malloc_trim). app.py calls it once per run (cheap otherwise)."""
    now = time.monotonic()
    if not len(_LIVE) or now - _RELEASE["at"] < RELEASE_EVERY:
        return
    _RELEASE["at"] = now
    before = len(_LIVE)
    gc.collect()
    if len(_LIVE) < before and _LIBC:
        try:
            ctypes.CDLL(_LIBC).malloc_trim(0)
        except (OSError, AttributeError):  # not glibc
            pass


def _accept(payload: list[tuple[str, bytes]], bundled_dir) -> None:
    own = st.session_state.get(STATE)
    digest = upload_digest(payload)
    if own and digest in (own.get("digest"), (own.get("refused") or {}).get("digest")):
        return  # validated once per upload, not on every rerun
    entry = checked_entry(payload, bundled_dir)
    if entry["dataset"] is None and own and own.get("dataset") is not None:
        # Refused: the upload in use stays, and the sidebar says why this one was not taken.
        st.session_state[STATE] = own | {"refused": entry}
    else:
        st.session_state[STATE] = entry
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
            _accept([(f.name, f.getvalue()) for f in files], bundled_dir)
        own = st.session_state.get(STATE)
        if not own:
            return
        refused = own if own["dataset"] is None else own.get("refused")
        if refused:
            st.error(_t("refused", lang))
            for problem in refused["notices"]:
                st.text(strip_format_chars(f"{problem}\n→ {problem.advice}"))  # text, never markdown: names come from the upload
            if own["dataset"] is not None:
                st.caption(_t("kept", lang))
        if own["dataset"] is not None:
            report = own["dataset"].report
            st.success(_t("using", lang, label=safe_text(own["label"])))  # file names: text, never Markdown
            st.caption(_t("problems", lang, n=len(report.errors), w=len(report.warnings)))
            for problem in own["notices"]:
                st.text(strip_format_chars(str(problem)))
        if st.button(_t("back", lang), key="own_data_back"):
            st.session_state.pop(STATE, None)
            st.session_state["own_data_generation"] = generation + 1  # a new uploader, emptied
            st.rerun()
