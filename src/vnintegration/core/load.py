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

import pandas as pd

from vnintegration.core.model import TABLES, Table
from vnintegration.core.problems import Problem

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
        self._on_disk: frozenset[str] | None = None  # the directory's files, listed on first use

    def _disk_listing(self) -> frozenset[str]:
        if self._on_disk is None:
            names: list[str] = []
            if self.root is not None and self.root.is_dir():
                for folder, _, files in os.walk(self.root):
                    prefix = os.path.relpath(folder, self.root).replace(os.sep, "/")
                    prefix = "" if prefix == "." else prefix + "/"
                    names += [prefix + name for name in files]
            self._on_disk = frozenset(names)
        return self._on_disk

    @classmethod
    def from_dir(cls, path: str | Path) -> DataFiles:
        return cls(root=Path(path))

    def __getitem__(self, name: str) -> bytes:
        if name in self.files:
            return self.files[name]
        if not is_safe_relative(name) or name not in self._disk_listing():
            raise KeyError(name)
        return (self.root / name).read_bytes()

    def __contains__(self, name: object) -> bool:
        if not isinstance(name, str):
            return False
        return name in self.files or (is_safe_relative(name) and name in self._disk_listing())

    def __iter__(self):
        yield from self.files
        yield from sorted(self._disk_listing() - self.files.keys())

    def __len__(self) -> int:
        return sum(1 for _ in self)

    def exists(self) -> bool:
        return bool(self.files) or (self.root is not None and self.root.is_dir())


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
    text, problem = decode(files[name], name)
    if problem:
        return TextTable(table, empty, [problem], False)
    if not text.strip():
        return TextTable(table, empty, [Problem("empty-file", name, None, "", "the file is empty")], False)
    header, rows, lines, problems = _read_csv(text, name)
    problems = list(_header_problems(table, header)) + problems
    if any(p.code == "duplicate-column" for p in problems):
        return TextTable(table, empty, problems, False)
    frame = pd.DataFrame(rows, columns=header, dtype=object) if rows else pd.DataFrame(columns=header, dtype=object)
    for column in table.columns:
        if column not in frame.columns:
            frame[column] = ""
    frame[LINE] = pd.Series(lines, dtype="int64")
    if frame.empty and not any(p.code in ("ragged-row", "bad-csv", "blank-row") for p in problems):
        problems.append(Problem("header-only", name, 1, "", "the file has a header but no rows"))
    return TextTable(table, frame, problems)


def _read_csv(text: str, name: str) -> tuple[list[str], list[list[str]], list[int], list[Problem]]:
    """The header, the rows with the line each starts on, and the problems of rows that are not rows.

    A line with nothing in it (empty, or bare commas) is not a row and is skipped; it keeps its
    line. A row of nothing but spaces is reported once, as a blank row, and skipped. A row with
    another number of fields than the header is reported and skipped.
    """
    reader = csv.reader(io.StringIO(text))
    header: list[str] = []
    rows: list[list[str]] = []
    lines: list[int] = []
    problems: list[Problem] = []
    start = 1
    width = 0
    try:
        for row in reader:
            line, start = start, reader.line_num + 1
            if line == 1:
                header = row
                width = len(header)
                continue
            if len(row) == width and row[0] and not row[0].isspace():  # the common case: a row with a first cell
                rows.append(row)
                lines.append(line)
                continue
            joined = "".join(row)
            if not joined:
                continue
            if joined.isspace():
                problems.append(Problem("blank-row", name, line, "", "the row holds only spaces; it is skipped"))
                continue
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
    return header, rows, lines, problems


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
