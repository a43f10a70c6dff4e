"""A reader's own data: an uploaded `.zip` of a data directory, or CSV files, read into memory.

    dataset, problems = validate_uploads([("my-data.zip", data)], bundled=DataFiles.from_dir("data"))

Everything is read into memory and nothing is written to disk: the result is a
`DataFiles` (validated: a `Dataset`) the page keeps in that browser session's state, so no
other session sees it. Bad input never raises. It returns problems (file = the upload or the
zip member, line when known): an error refuses the whole upload (None), a warning is a
notice about an upload that was accepted.

An upload is a data directory: the files it holds are those `load.is_data_file` keeps, the
same rule as for a directory on disk, so `vnintegration validate DIR` and an upload of a zip
of DIR read the same files with the same reader and report the same problems.

Caps (`Limits`) are checked before anything is parsed, on what arrives: the upload's size,
the number of members the zip lists (folders and an archiver's junk included), each member's
declared size, the declared total and the compression ratio of every member. Then each member
read is decompressed in chunks and reading stops at the cap even if its declared size lies.
Rows are counted as lines, before any CSV parsing. An upload whose tables lose rows to read
errors (`load.rows_not_read`) is refused with their count (`validate_uploads`).

Files not uploaded come from the bundled data directory, with a notice: a table the
upload lacks, a partner extract core/partners.py reads by name, and a source file that
sources.csv names but the upload does not hold.
"""

from __future__ import annotations

import csv
import hashlib
import io
import re
import stat
import unicodedata
import zipfile
import zlib
from dataclasses import dataclass, field, replace
from pathlib import PurePosixPath

import pandas as pd

from vnintegration.core.load import (
    NAMED_EXTRACTS,
    TABLE_NAMES,
    DataFiles,
    decode,
    is_data_file,
    is_junk,
    is_safe_relative,
    read_data,
    rows_not_read,
)
from vnintegration.core.problems import Problem
from vnintegration.core.validate import Dataset, validate

MB = 1024 * 1024


@dataclass(frozen=True)
class Limits:
    """What one upload may hold. The defaults and why:

    - `max_upload_bytes` 10 MB: the Streamlit server's own `maxUploadSize` (.streamlit/config.toml);
      a zip of `max_rows` observations with their sources compresses to well under it.
    - `max_files` 500 members: the bundled data directory zips to about 40 members; 500 leaves room for
      a few hundred article texts while keeping the zip's directory small to list. Counted as the
      zip lists them: folders, an archiver's junk and files that are not data count too.
    - `max_member_bytes` 50 MB: `max_rows` rows of about 250 bytes (long Vietnamese quotes) fit.
    - `max_total_bytes` 100 MB decompressed: the observations at their cap and as much again in
      source texts. This, not the upload size, bounds the memory one session can hold. Like every
      declared size and ratio, counted over every member, read or not.
    - `max_ratio` 100:1: CSV and text compress 3-15:1; a zip bomb compresses about 1000:1. It holds
      for every member, whatever its size (a member may expand to `max_ratio` times its compressed
      bytes plus `ratio_slack`, 64 KB: a tiny file compresses oddly), and for the zip as a whole
      (its members together at most `max_ratio` times the upload plus `ratio_slack`): many members
      just under any floor cannot add up to a bomb.
    - `max_rows` 200,000 lines per CSV file (header excluded): far more rows than a country's
      figures take, and few enough that reading and validating an upload at every cap stays
      within about 5 s of CPU (benchmarks/upload_speed.py), once per upload, so one reader's
      upload does not hold up the others. Lines are counted, not records: a quoted line break counts.
    """

    max_upload_bytes: int = 10 * MB
    max_files: int = 500
    max_member_bytes: int = 50 * MB
    max_total_bytes: int = 100 * MB
    max_ratio: int = 100
    ratio_slack: int = 64 * 1024
    max_rows: int = 200_000


DEFAULT_LIMITS = Limits()

_CHUNK = 1 * MB
_SHOWN = 5  # a refusal or a notice names at most this many files or rows
_DRIVE = re.compile(r"^[A-Za-z]:")
_DUPLICATE_SUFFIX = re.compile(r"\s*\([0-9]+\)$")  # "observations (1).csv": a browser's second download
_EXCEL = (".xlsx", ".xls", ".xlsm", ".ods", ".numbers")
_TEXT_SOURCES = (".csv", ".txt", ".md")


class _Refused(Exception):
    """Internal: stops reading at the first problem that refuses the upload."""

    def __init__(self, problem: Problem):
        super().__init__(problem.message)
        self.problem = problem


def read_upload(name: str, data: bytes, *, bundled: DataFiles | None = None,
                limits: Limits = DEFAULT_LIMITS) -> tuple[DataFiles | None, list[Problem]]:
    """One uploaded file (a `.zip` of a data directory, or one CSV) -> in-memory data files and notices."""
    return read_uploads([(name, data)], bundled=bundled, limits=limits)


def read_uploads(files: list[tuple[str, bytes]], *, bundled: DataFiles | None = None,
                 limits: Limits = DEFAULT_LIMITS) -> tuple[DataFiles | None, list[Problem]]:
    """Several uploaded files (Streamlit's multi-file uploader): one `.zip`, or CSV files and source texts.

    Returns `(files, problems)`: `files` is None when an error refused the upload; otherwise the
    problems are warnings (what came from the bundled data, what was ignored).
    """
    try:
        upload = _read_members(files, limits)
        _check_rows(upload.members, limits)
        _check_tables(upload.members)
    except _Refused as refused:
        return None, [refused.problem]
    members = dict(upload.members)
    notices = _fill_from_bundled(members, bundled)
    notices += _ignored_notice(upload.ignored + _unnamed_sources(members, upload.loose))
    return DataFiles(files=members, label=upload.label), notices


def validate_uploads(files: list[tuple[str, bytes]], *, bundled: DataFiles | None = None,
                     limits: Limits = DEFAULT_LIMITS) -> tuple[Dataset | None, list[Problem]]:
    """`read_uploads`, then the same validation as the bundled data: `(dataset, upload notices)`.

    `dataset` is None when the upload was refused (the problems say why); otherwise its
    `report` lists the data's problems exactly as for the bundled data. Rows that reading left
    out (a ragged row, a cell over the cap, broken quoting) refuse the upload: taking the rest
    would drop them silently. The refusal gives their count, then the first of them.
    """
    data, problems = read_uploads(files, bundled=bundled, limits=limits)
    if data is None:
        return None, problems
    dataset = validate(read_data(data))
    lost = rows_not_read(dataset.report.problems)
    if lost:
        where = sorted({p.file for p in lost})
        refusal = Problem("rows-not-read", where[0] if len(where) == 1 else "upload", None, "",
                          f"{len(lost):,} row(s){'' if len(where) == 1 else ' of ' + ', '.join(where)} cannot be "
                          "read, so the upload was refused and the data in use stays",
                          _listed([f"{p.file}:{p.line}" for p in lost]))
        return None, [refusal, *lost[:_SHOWN]]
    return dataset, problems


def validate_uploads_from_dir(files: list[tuple[str, bytes]], bundled_dir: str) -> tuple[Dataset | None, list[Problem]]:
    """`validate_uploads` with the bundled data read from `bundled_dir` (what a worker process is given), its
    tables made compact (`compact`) for the session that keeps them."""
    dataset, problems = validate_uploads(files, bundled=DataFiles.from_dir(bundled_dir))
    return (compact(dataset) if dataset is not None else None), problems


def compact(dataset: Dataset) -> Dataset:
    """The same dataset with every text column held as pandas' Arrow-backed `str` dtype.

    An upload at the row cap holds about a million text cells. As Python `str` objects (dtype object)
    they fill the small-object allocator's arenas, which go back to the system only when wholly empty:
    after the session ends, a few long-lived objects of the server scattered among them keep most of that
    memory. As Arrow strings, a column is a few large buffers, freed whole when the session drops the
    upload, and sent from the worker as buffers rather than a million pickled strings. Values are
    unchanged: a column is converted only when every cell is a `str`.
    """
    tables = {name: compact_frame(getattr(dataset, name))
              for name in ("indicators", "observations", "sources", "events", "rejected")}
    return replace(dataset, **tables)


def compact_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """`frame` with each column whose every cell is a `str` held as pandas' Arrow-backed `str` dtype."""
    text = [column for column in frame.columns
            if frame[column].dtype == object and pd.api.types.infer_dtype(frame[column], skipna=False) == "string"]
    return frame.astype(dict.fromkeys(text, "str")) if text else frame


def upload_digest(files: list[tuple[str, bytes]]) -> str:
    """A short fingerprint of what was uploaded: the page revalidates only when it changes."""
    digest = hashlib.sha256()
    for name, data in sorted(files):
        digest.update(name.encode("utf-8", "replace") + b"\0" + str(len(data)).encode() + b"\0" + data)
    return digest.hexdigest()[:16]


@dataclass
class _Upload:
    members: dict[str, bytes]  # path inside the data directory -> bytes
    label: str  # what the reader uploaded, for messages and DataFiles.label
    ignored: list[str] = field(default_factory=list)  # zip members that are not read
    loose: list[str] = field(default_factory=list)  # side-by-side uploads filed under sources/


def _read_members(files: list[tuple[str, bytes]], limits: Limits) -> _Upload:
    """Relative path -> bytes of everything uploaded, caps checked; raises `_Refused`."""
    if not files:
        raise _Refused(Problem("unsupported-file", "upload", None, "", "nothing was uploaded"))
    size = sum(len(data) for _, data in files)
    if size > limits.max_upload_bytes:
        raise _Refused(Problem("too-large", _base(files[0][0]) if len(files) == 1 else "upload", None, "",
                               f"the upload is {_mb(size)}, over the cap of {_mb(limits.max_upload_bytes)}; "
                               "nothing was read"))
    zips = [(name, data) for name, data in files if _suffix(name) == ".zip"]
    if zips and len(files) > 1:
        raise _Refused(Problem("unsupported-file", _base(zips[0][0]), None, "",
                               "upload one .zip of the data directory, or CSV files, not both"))
    if zips:
        return _read_zip(*zips[0], limits)
    return _read_flat(files, limits)


def _read_flat(files: list[tuple[str, bytes]], limits: Limits) -> _Upload:
    """CSV files (and source texts) uploaded side by side: tables by name, the rest under sources/."""
    if len(files) > limits.max_files:
        raise _Refused(Problem("too-large", "upload", None, "",
                               f"{len(files)} files, over the cap of {limits.max_files}"))
    upload = _Upload({}, ", ".join(_base(name) for name, _ in files))
    for name, data in files:
        base = _nfc(_base(name))
        suffix = _suffix(base)
        if suffix in _EXCEL:
            raise _Refused(Problem("unsupported-file", base, None, "",
                                   "a spreadsheet file: save it as 'CSV UTF-8 (Comma delimited)' and upload the .csv"))
        if suffix not in _TEXT_SOURCES or base.startswith(".") or not is_safe_relative(base):
            raise _Refused(Problem("unsupported-file", base, None, "",
                                   "not a .zip, .csv or source text (.txt, .md)"))
        if len(data) > limits.max_member_bytes:
            raise _Refused(_member_too_large(base, len(data), limits))
        path = _table_name(base) or f"sources/{base}"
        if path in upload.members:
            raise _Refused(Problem("unsupported-file", base, None, "",
                                   f"two uploaded files are both {path}; upload one"))
        upload.members[path] = data
        if path.startswith("sources/"):
            upload.loose.append(path)
    return upload


def _read_zip(name: str, data: bytes, limits: Limits) -> _Upload:
    """The data files of a zip (`load.is_data_file`), read into memory in chunks, the caps checked first on
    every member the zip lists."""
    label = _base(name)
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        infos = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, EOFError, ValueError, NotImplementedError) as exc:
        raise _Refused(Problem("bad-zip", label, None, "", f"the file is not a readable .zip ({exc})")) from None
    if len(infos) > limits.max_files:
        raise _Refused(Problem("too-large", label, None, "",
                               f"the zip lists {len(infos):,} members, over the cap of {limits.max_files}; "
                               "nothing was read"))
    for info in infos:
        _check_member_name(info)
    _check_declared_sizes(infos, limits)
    entries = [info for info in infos if not info.is_dir() and not is_junk(_member_path(info.filename))]
    names = [_member_path(info.filename) for info in entries]
    if len(set(names)) < len(names):
        twice = next(n for n in names if names.count(n) > 1)
        raise _Refused(Problem("bad-zip", twice, None, "", "the zip holds two files of this name"))
    prefix = _root_prefix(names)
    if prefix is None:
        raise _Refused(Problem("missing-file", label, None, "",
                               "the zip holds none of " + ", ".join(TABLE_NAMES)
                               + " at its top level or one folder down"))
    upload = _Upload({}, label)
    wanted = []
    for info, full in zip(entries, names, strict=True):
        path = full[len(prefix):] if full.startswith(prefix) else None
        if path is not None and is_data_file(path):
            wanted.append((info, path))
        elif not full.lower().endswith(".md"):  # README.md travels with a data directory
            upload.ignored.append(full)
    budget = limits.max_total_bytes
    for info, path in wanted:
        upload.members[path] = _read_member(archive, info, limits, budget)
        budget -= len(upload.members[path])
    return upload


def _check_member_name(info: zipfile.ZipInfo) -> None:
    """Refuse names that would leave a directory if extracted: absolute, `..`, `\\`, drive, symlink."""
    name = info.filename
    reason = None
    if "\\" in name:
        reason = "the name holds a backslash (\\), which some tools read as a folder separator"
    elif name.startswith("/"):
        reason = "the name is an absolute path"
    elif _DRIVE.match(name):
        reason = "the name starts with a drive letter"
    elif ".." in PurePosixPath(name).parts:
        reason = "the name climbs out of the folder (..)"
    elif stat.S_ISLNK(info.external_attr >> 16):
        reason = "the member is a symbolic link"
    elif info.flag_bits & 0x1:
        raise _Refused(Problem("bad-zip", name, None, "", "the member is encrypted: upload a zip without a password"))
    if reason:
        raise _Refused(Problem("unsafe-path", name, None, "", f"refused: {reason}; nothing was read"))


def _root_prefix(names: list[str]) -> str | None:
    """"" when the tables are at the top level, "folder/" when one folder down, None when not found."""
    if any(name in TABLE_NAMES for name in names):
        return ""
    folders = {name.split("/", 1)[0] + "/" for name in names if "/" in name}
    for folder in sorted(folders):
        if any(name[len(folder):] in TABLE_NAMES for name in names if name.startswith(folder)):
            return folder
    return None


def _check_declared_sizes(infos: list[zipfile.ZipInfo], limits: Limits) -> None:
    """Refuse from the zip's directory alone, before decompressing anything: every member counts, whether it
    would be read or not."""
    for info in infos:
        if info.file_size > limits.max_member_bytes:
            raise _Refused(_member_too_large(info.filename, info.file_size, limits))
        if info.file_size > limits.max_ratio * info.compress_size + limits.ratio_slack:
            ratio = info.file_size / max(info.compress_size, 1)
            raise _Refused(Problem("too-large", info.filename, None, "",
                                   f"refused as a zip bomb: it would expand {ratio:,.0f} times "
                                   f"(the cap is {limits.max_ratio}:1); nothing was read", f"{_mb(info.file_size)} declared"))
    total = sum(info.file_size for info in infos)
    packed = sum(info.compress_size for info in infos)
    if total > limits.max_ratio * packed + limits.ratio_slack:
        raise _Refused(Problem("too-large", "upload", None, "",
                               f"refused as a zip bomb: its files would expand {total / max(packed, 1):,.0f} times "
                               f"(the cap is {limits.max_ratio}:1); nothing was read", f"{_mb(total)} declared"))
    if total > limits.max_total_bytes:
        raise _Refused(Problem("too-large", infos[0].filename if len(infos) == 1 else "upload", None, "",
                               f"the zip would expand to {_mb(total)}, over the cap of "
                               f"{_mb(limits.max_total_bytes)}; nothing was read"))


def _read_member(archive: zipfile.ZipFile, info: zipfile.ZipInfo, limits: Limits, budget: int) -> bytes:
    """Decompress one member in chunks, stopping at the caps whatever its declared size says."""
    try:
        with archive.open(info) as stream:
            return _read_capped(stream, info.filename, limits, budget, info.compress_size)
    except _Refused:
        raise
    except (zipfile.BadZipFile, zlib.error, OSError, EOFError, ValueError, RuntimeError, NotImplementedError) as exc:
        raise _Refused(Problem("bad-zip", info.filename, None, "", f"the member cannot be read: {exc}")) from None


def _read_capped(stream, name: str, limits: Limits, budget: int, compressed: int) -> bytes:
    """Read a stream in chunks; refuse (raise `_Refused`) as soon as a cap is passed."""
    cap = min(limits.max_member_bytes, budget)
    chunks: list[bytes] = []
    size = 0
    while True:
        chunk = stream.read(_CHUNK)
        if not chunk:
            return b"".join(chunks)
        size += len(chunk)
        if size > cap:
            what = "the member" if cap == limits.max_member_bytes else "the zip"
            raise _Refused(Problem("too-large", name, None, "",
                                   f"refused while decompressing: {what} expands past the cap of {_mb(cap)} "
                                   "(its declared size was wrong)"))
        if size > limits.max_ratio * compressed + limits.ratio_slack:
            raise _Refused(Problem("too-large", name, None, "",
                                   f"refused as a zip bomb while decompressing: it expands more than "
                                   f"{limits.max_ratio} times"))
        chunks.append(chunk)


def _check_rows(members: dict[str, bytes], limits: Limits) -> None:
    """Count each CSV's lines (bytes.count, no parsing); over the cap refuses the upload."""
    for path, data in members.items():
        if not path.endswith(".csv"):
            continue
        breaks = max(data.count(b"\n"), data.count(b"\r"))
        lines = breaks + (1 if data and not data.endswith((b"\n", b"\r")) else 0)
        if lines - 1 > limits.max_rows:
            raise _Refused(Problem("too-large", path, None, "",
                                   f"{lines - 1:,} rows, over the cap of {limits.max_rows:,}; nothing was read"))


def _check_tables(members: dict[str, bytes]) -> None:
    """An uploaded table that is empty or not UTF-8 text (binary, UTF-16, a spreadsheet saved as .csv) refuses
    the upload: nothing in it could be read, and the data in use stays as it was."""
    for path in TABLE_NAMES:
        if path not in members:
            continue
        text, problem = decode(members[path], path)
        if problem is not None:
            raise _Refused(Problem("encoding", path, problem.line, "", problem.message + "; nothing was read",
                                   problem.value))
        if not text.strip():
            raise _Refused(Problem("empty-file", path, None, "",
                                   "the table is empty: it needs its header row and rows; nothing was read"))


def _ignored_notice(ignored: list[str]) -> list[Problem]:
    """One notice listing what was uploaded but not read, so that a misnamed table does not vanish silently."""
    if not ignored:
        return []
    return [Problem("ignored-file", ignored[0] if len(ignored) == 1 else "upload", None, "",
                    "not used: not one of the tables (" + ", ".join(TABLE_NAMES) + "), and not a source file "
                    "under sources/ that sources.csv names", _listed(ignored))]


def _unnamed_sources(members: dict[str, bytes], loose: list[str]) -> list[str]:
    """Side-by-side uploads filed under sources/ that sources.csv does not name (a misnamed table?)."""
    named = set(_source_paths(members.get("sources.csv", b"")))
    return [path.removeprefix("sources/") for path in loose if path not in named]


def _fill_from_bundled(members: dict[str, bytes], bundled: DataFiles | None) -> list[Problem]:
    """Add the tables, the partner extracts read by name and the source files sources.csv names that the upload
    lacks, from the bundled data; say so."""
    notices: list[Problem] = []
    if bundled is None:
        return notices
    for table in TABLE_NAMES:
        if table not in members and table in bundled:
            members[table] = bundled[table]
            notices.append(Problem("bundled-fallback", table, None, "",
                                   "not in your upload: the bundled file is used"))
    wanted = dict.fromkeys([*_source_paths(members.get("sources.csv", b"")), *NAMED_EXTRACTS])
    taken = [path for path in wanted
             if path.startswith("sources/") and path not in members and is_safe_relative(path) and path in bundled]
    for path in taken:
        members[path] = bundled[path]
    if taken:
        notices.append(Problem("bundled-fallback", "sources/", None, "",
                               f"{len(taken)} source file(s) that the data names are not in your upload: "
                               "the bundled copies are used", _listed(taken, 3)))
    return notices


def _source_paths(data: bytes) -> list[str]:
    """The `file` column of a sources.csv, or [] when it cannot be read (validation will say why)."""
    text, problem = decode(data, "sources.csv")
    if problem or not text:
        return []
    try:
        return [row["file"].strip() for row in csv.DictReader(io.StringIO(text)) if (row.get("file") or "").strip()]
    except (csv.Error, AttributeError):
        return []


def _table_name(base: str) -> str | None:
    """"Observations (1).CSV" -> "observations.csv"; None when not one of the tables (TABLE_NAMES)."""
    stem, _, suffix = base.rpartition(".")
    name = f"{_DUPLICATE_SUFFIX.sub('', stem).strip().lower()}.{suffix.lower()}"
    return name if name in TABLE_NAMES else None


def _member_too_large(name: str, size: int, limits: Limits) -> Problem:
    return Problem("too-large", name, None, "",
                   f"{_mb(size)}, over the cap of {_mb(limits.max_member_bytes)} per file; nothing was read")


def _base(name: str) -> str:
    return re.split(r"[\\/]", name)[-1] or name


def _suffix(name: str) -> str:
    base = _base(name)
    return "." + base.rsplit(".", 1)[-1].lower() if "." in base else ""


def _nfc(name: str) -> str:
    return unicodedata.normalize("NFC", name)


def _member_path(name: str) -> str:
    """A zip member's name as a data-directory path: NFC (macOS zips write NFD; sources.csv is NFC), no "./"."""
    name = _nfc(name)
    while name.startswith("./"):
        name = name[2:]
    return name


def _listed(names: list[str], shown: int = _SHOWN) -> str:
    """"a, b, c and 4 more": the first names of a list, for a message."""
    return ", ".join(names[:shown]) + (f" and {len(names) - shown:,} more" if len(names) > shown else "")


def _mb(size: int) -> str:
    return f"{size / MB:,.1f} MB" if size >= MB / 10 else f"{size:,} bytes"


__all__ = ["DEFAULT_LIMITS", "Limits", "MB", "compact", "compact_frame", "read_upload", "read_uploads", "upload_digest",
           "validate_uploads", "validate_uploads_from_dir"]
