"""Read a data directory (or the same files held in memory) into text tables.

Everything is read as text: `validate` decides what each cell means. Reading never
raises on bad input; it returns the problems it met (encoding, ragged rows,
unknown columns) beside whatever rows it could read, with the line number a person
sees in the file (header on line 1, quoted newlines and blank lines counted).
"""

from __future__ import annotations

import codecs
import csv
import io
import os
import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pacsv

from vnintegration.core.model import TABLES, Table
from vnintegration.core.problems import ERROR, Problem

LINE = "_line"  # column holding each row's line number in its file


@dataclass
class TextTable:
    """A CSV file read as text: `frame` has the file's columns plus `_line`."""

    table: Table
    frame: pd.DataFrame
    problems: list[Problem] = field(default_factory=list)
    readable: bool = True  # False when the file could not be read at all


class DataFiles(Mapping):
    """Relative path ("observations.csv", "sources/x.txt") -> bytes, from a directory or memory."""

    def __init__(self, root: Path | None = None, files: Mapping[str, bytes] | None = None, label: str = ""):
        self.root = root
        self.files = dict(files or {})
        self.label = label or (str(root) if root else "upload")
        self._on_disk: frozenset[str] | None = None  # listed once: 50,000 stat calls cost a second

    def _disk_listing(self) -> frozenset[str]:
        if self._on_disk is None:
            if self.root is None or not self.root.is_dir():
                self._on_disk = frozenset()
            else:
                # One relpath per folder, not per file: 50,000 relpath calls cost most of a second.
                root, names = str(self.root), []
                for folder, _, files in os.walk(root):
                    prefix = os.path.relpath(folder, root).replace(os.sep, "/")
                    prefix = "" if prefix == "." else prefix + "/"
                    names += [prefix + name for name in files]
                self._on_disk = frozenset(names)
        return self._on_disk

    @classmethod
    def from_dir(cls, path: str | Path) -> DataFiles:
        return cls(root=Path(path))

    def __getitem__(self, name: str) -> bytes:
        if name not in self.files and not is_safe_relative(name):
            raise KeyError(name)
        return self.read_many([name])[0]

    def read_many(self, names: list[str]) -> list[bytes]:
        """The bytes of many files, for names already checked safe (the validator flags an
        unsafe path before it reads): the listing and the root looked up once, not per file."""
        listing, root, held = self._disk_listing(), f"{self.root}{os.sep}", self.files
        out = []
        for name in names:
            data = held.get(name)
            if data is None:
                if name not in listing:
                    raise KeyError(name)
                data = _read_file(root + name)
            out.append(data)
        return out

    def __contains__(self, name: object) -> bool:
        if not isinstance(name, str):
            return False
        return name in self.files or (is_safe_relative(name) and name in self._disk_listing())

    def __iter__(self):
        yield from self.files
        yield from sorted(self._disk_listing() - self.files.keys())

    def names(self) -> list[str]:
        """Every file's name, in no order (iterating sorts them: 50,000 names cost 30 ms)."""
        return [*self.files, *(self._disk_listing() - self.files.keys())]

    def __len__(self) -> int:
        return sum(1 for _ in self)

    def exists(self) -> bool:
        return bool(self.files) or (self.root is not None and self.root.is_dir())


_FIRST_READ = 1 << 16  # a source text is read in one call when it is smaller than this


def _read_file(path: str) -> bytes:
    """A file's bytes in three system calls (open, read, close) when it is under 64 KiB: for
    50,000 source texts, `open().read()` costs half again as much, and asking the size first
    (fstat) a fifth again (threads cost more still: the reads are too small to overlap)."""
    fd = os.open(path, os.O_RDONLY)
    try:
        data = os.read(fd, _FIRST_READ)
        if len(data) < _FIRST_READ:  # a read of a regular file comes back short only at its end
            return data
        chunks = [data]
        while chunk := os.read(fd, 1 << 20):
            chunks.append(chunk)
        return b"".join(chunks)
    finally:
        os.close(fd)


UNSAFE_PATH = re.compile(r"^(?:/|[A-Za-z]:)|(?:^|/)\.\.(?:/|$)|[\\\x00]")


def is_safe_relative(name: str) -> bool:
    """True for a relative path that stays inside its directory (no `..`, no root, no drive)."""
    return bool(name) and not UNSAFE_PATH.search(name)


def decode(data: bytes, file: str) -> tuple[str | None, Problem | None]:
    """UTF-8 text with BOM stripped and line ends made LF, or the problem that stops it."""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)) or b"\x00" in data[:4096]:
        return None, Problem("encoding", file, None, "", "the file is UTF-16, not UTF-8; re-save it as UTF-8")
    if data.startswith(codecs.BOM_UTF8):
        data = data[len(codecs.BOM_UTF8):]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        bad = data[exc.start:exc.start + 4].hex(" ")
        return None, Problem(
            "encoding", file, line, "",
            "the file is not UTF-8 (it looks like cp1258 or Latin-1); re-save it as UTF-8", f"bytes {bad}",
        )
    return text.replace("\r\n", "\n").replace("\r", "\n"), None


def normalize_text(text: str) -> str:
    """NFC and single spaces: how quotes are compared with their sources."""
    return " ".join(unicodedata.normalize("NFC", text).split())


def read_table(files: DataFiles, table: Table) -> TextTable:
    """Read one CSV of the data directory as text, with line numbers and read problems."""
    name = table.name
    empty = pd.DataFrame({c: pd.Series(dtype=object) for c in (*table.columns, LINE)})
    if name not in files:
        return TextTable(table, empty, [Problem("missing-file", name, None, "", "the file is missing")], False)
    data = files[name]
    # Well-formed UTF-8 goes straight from bytes to Arrow, which checks the encoding as it parses:
    # decoding a large file to a Python string first costs more than parsing it. Anything else
    # (a bad byte, a ragged row) takes the exact path below, which names the line.
    fast = _prepare_bytes(data)
    if fast is not None:
        if not fast or fast.isspace():
            return TextTable(table, empty, [Problem("empty-file", name, None, "", "the file is empty")], False)
        end = fast.find(b"\n")
        header = next(csv.reader([fast[: end if end >= 0 else len(fast)].decode("utf-8", "replace")]))
        problems = list(_header_problems(table, header))
        if any(p.code == "duplicate-column" for p in problems):
            return TextTable(table, empty, problems, False)
        frame = _parse_fast(fast, header)
        if frame is not None:
            return _finish(table, frame, problems)
    text, problem = decode(data, name)
    if problem:
        return TextTable(table, empty, [problem], False)
    if not text.strip():
        return TextTable(table, empty, [Problem("empty-file", name, None, "", "the file is empty")], False)
    header = next(csv.reader([text.split("\n", 1)[0]]))
    problems = list(_header_problems(table, header))
    if any(p.code == "duplicate-column" for p in problems):
        return TextTable(table, empty, problems, False)
    frame, row_problems = _parse_exact(text, header, name)
    return _finish(table, frame, problems + row_problems)


def _prepare_bytes(data: bytes) -> bytes | None:
    """The bytes as `decode` would leave them (no BOM, LF line ends), or None for UTF-16, which
    only `decode` names. Whether the rest is UTF-8 is for Arrow's parser to check."""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)) or b"\x00" in data[:4096]:
        return None
    if data.startswith(codecs.BOM_UTF8):
        data = data[len(codecs.BOM_UTF8):]
    if b"\r" in data:
        data = data.replace(b"\r\n", b"\n").replace(b"\r", b"\n")
    return data


def _finish(table: Table, frame: pd.DataFrame, problems: list[Problem]) -> TextTable:
    for column in table.columns:
        if column not in frame.columns:
            frame[column] = ""
    if frame.empty and not any(p.code in ("ragged-row", "bad-csv") for p in problems):
        problems.append(Problem("header-only", table.name, 1, "", "the file has a header but no rows"))
    return TextTable(table, frame, problems)


def _header_problems(table: Table, header: list[str]):
    seen: set[str] = set()
    for column in header:
        if column in seen:
            yield Problem("duplicate-column", table.name, 1, column, "the column appears twice in the header")
        seen.add(column)
        if column not in table.columns:
            yield Problem("unknown-column", table.name, 1, column, "unknown column", column)
    for column in table.columns:
        if column not in seen and column not in table.optional:
            yield Problem("missing-column", table.name, 1, column, "the column is missing from the header")


def _parse_fast(data: bytes, header: list[str]) -> pd.DataFrame | None:
    """Arrow's parser for well-formed UTF-8 files; None when any row is ragged or blank or a byte
    is not UTF-8.

    A file with a bad row goes to `_parse_exact`, which is slower but can say which line is
    wrong. Well-formed files, however large, never take that path. Columns come out as pandas'
    Arrow-backed strings (large_string: no copy on the way to pandas).
    """
    bad_rows: list[int] = []

    def on_invalid(row):
        bad_rows.append(1)
        return "skip"

    names = [f"c{i}" for i in range(len(header))]
    try:
        arrow = pacsv.read_csv(
            io.BytesIO(data),
            # Threads pay off only on large files; on small ones their start-up is the cost.
            read_options=pacsv.ReadOptions(column_names=names, skip_rows=1, use_threads=len(data) > 4_000_000),
            parse_options=pacsv.ParseOptions(newlines_in_values=True, ignore_empty_lines=False, invalid_row_handler=on_invalid),
            convert_options=pacsv.ConvertOptions(column_types={n: pa.large_string() for n in names},
                                                 strings_can_be_null=False, quoted_strings_can_be_null=False),
        )
    except (pa.ArrowInvalid, ValueError):
        return None
    if bad_rows:
        return None
    keep = [i for i, duplicate in enumerate(pd.Index(header).duplicated()) if not duplicate]
    arrow = arrow.select(keep).rename_columns([header[i] for i in keep])
    if arrow.num_rows == 0:
        # Object columns, as for a missing file: an empty `str` column maps to `str` and then
        # compares with floats by raising (a header-only observations.csv crashed validation).
        frame = arrow.to_pandas().astype(object)
        frame[LINE] = pd.Series(dtype="int64")
        return frame
    # Line of each record: header is line 1; a record spans 1 + its embedded newlines. When the
    # file has exactly one line per record, no field holds a newline and nothing needs counting.
    spans = np.ones(arrow.num_rows, dtype=np.int64)
    lines_in_file = data.count(b"\n") + (0 if data.endswith(b"\n") else 1)
    if lines_in_file != arrow.num_rows + 1:
        for column in arrow.columns:
            spans += pc.count_substring(column, "\n").to_numpy().astype(np.int64)
    # A blank line (or one of bare commas) carries nothing: not a row, but it keeps its line.
    blank = None
    for column in arrow.columns:
        empty = pc.equal(column, "")
        blank = empty if blank is None else pc.and_(blank, empty)
    blank = blank.to_numpy(zero_copy_only=False)
    frame = arrow.to_pandas()
    frame[LINE] = 2 + np.concatenate(([0], np.cumsum(spans)[:-1]))
    return frame.loc[~blank].reset_index(drop=True) if blank.any() else frame


def _parse_exact(text: str, header: list[str], name: str) -> tuple[pd.DataFrame, list[Problem]]:
    """Python's csv reader, row by row: exact line numbers for ragged and blank rows."""
    problems: list[Problem] = []
    rows: list[list[str]] = []
    lines: list[int] = []
    reader = csv.reader(io.StringIO(text))
    start = 1
    try:
        for i, row in enumerate(reader):
            line, start = start, reader.line_num + 1
            if i == 0:
                continue
            if all(not cell.strip() for cell in row):
                continue  # a blank line is not a row
            if len(row) != len(header):
                joined = ",".join(row)
                # A field holding line breaks in a ragged row: most likely a quote never closed,
                # which swallows the lines after it. The value is shown on one line either way.
                hint = "; a field runs over several lines: is a quote left open?" if "\n" in joined else ""
                problems.append(Problem(
                    "ragged-row", name, line, "",
                    f"the row has {len(row)} fields, the header {len(header)}{hint}", _clip(joined.replace("\n", "⏎")),
                ))
                continue
            rows.append(row)
            lines.append(line)
    except csv.Error as exc:
        problems.append(Problem("bad-csv", name, reader.line_num, "", f"the CSV cannot be read past here: {exc}"))
    frame = pd.DataFrame(rows, columns=header, dtype=object) if rows else pd.DataFrame(columns=header, dtype=object)
    frame = frame.loc[:, ~pd.Index(header).duplicated()]
    frame[LINE] = pd.Series(lines, dtype="int64")
    return frame, problems


def _clip(text: str, limit: int = 80) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


@dataclass
class RawData:
    """The four tables as text, the source files' contents, and what reading them found."""

    files: DataFiles
    tables: dict[str, TextTable]
    problems: list[Problem]

    def __getitem__(self, key: str) -> pd.DataFrame:
        return self.tables[key].frame


def read_data(files: DataFiles) -> RawData:
    """Read the four tables. A missing directory is one problem, not an exception."""
    if not files.exists():
        problem = Problem("missing-directory", files.label, None, "", "the data directory does not exist")
        tables = {t.key: read_table(DataFiles(files={}), t) for t in TABLES}
        return RawData(files, tables, [problem])
    tables = {t.key: read_table(files, t) for t in TABLES}
    problems = [p for t in tables.values() for p in t.problems]
    return RawData(files, tables, problems)


def severity_errors(problems: list[Problem]) -> list[Problem]:
    return [p for p in problems if p.severity == ERROR]
