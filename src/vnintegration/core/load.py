"""Read a data directory (or the same files held in memory) into text tables.

Everything is read as text: `validate` decides what each cell means. Reading never
raises on bad input; it returns the problems it met (encoding, ragged rows,
unknown columns) beside whatever rows it could read, with the line number a person
sees in the file (header on line 1, quoted newlines and blank lines counted).

Which files a data directory has is decided here once (`is_data_file`), for a directory on disk
(`vnintegration validate`, the app) and for a reader's upload (core/uploads.py) alike. A row that
cannot be read (ragged, a cell over MAX_CELL_CHARS, broken quoting) is one problem at its line and
reading goes on with the next row; `rows_not_read` lists those problems.
"""

from __future__ import annotations

import codecs
import csv
import functools
import io
import os
import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from vnintegration.core.model import AGREEMENTS, PARTNER_TABLES, PARTNERS, PARTNERSHIPS, PRODUCTS, TABLES, Table
from vnintegration.core.problems import Problem

LINE = "_line"  # column holding each row's line number in its file

# The files of a data directory. At its top level, its tables: the four of the figures, and the catalogues the
# partner and trade checks read (core/partners.py, core/trade.py). Under sources/, its source files: articles'
# texts and dataset extracts (sources.csv names them), among them the partner extracts core/partners.py reads by
# name (NAMED_EXTRACTS). Nothing else is data: README.md, maps/, an archiver's metadata.
DIRECTORY_TABLES: tuple[Table, ...] = (*TABLES, PARTNERS, AGREEMENTS, PARTNERSHIPS, PRODUCTS)
TABLE_NAMES = tuple(t.name for t in DIRECTORY_TABLES)
SOURCES_FOLDER = "sources/"
NAMED_EXTRACTS = tuple(t.name for t in PARTNER_TABLES if t.name.startswith(SOURCES_FOLDER))
_JUNK_NAMES = {".ds_store", "thumbs.db", "desktop.ini", ".gitkeep", ".keep"}

# A cell holds at most this many characters (Python csv's default field limit): a quote is a sentence, a note a
# few lines. A longer cell is one `cell-too-long` problem at its line and column, and its row is not read.
MAX_CELL_CHARS = 131_072
# The csv module's own limit is raised (process-wide, once) above any file we read, so that a long cell reaches
# the check above as a cell of its row instead of ending the read with csv.Error.
csv.field_size_limit(max(csv.field_size_limit(), 2**31 - 1))
# The read problems of a row that is left out of its table (`rows_not_read`).
ROW_NOT_READ = ("ragged-row", "bad-csv", "cell-too-long")


REPOSITORY_DATA = Path(__file__).resolve().parents[3] / "data"


def data_dir() -> Path:
    """The data directory the dashboard and the data API serve: $VNI_DATA_DIR when set, else data/ at the
    repository root (or the working directory's data/ when the package is installed elsewhere)."""
    return _data_dir(os.environ.get("VNI_DATA_DIR", "").strip(), str(Path.cwd()))


@functools.lru_cache(maxsize=16)
def _data_dir(override: str, cwd: str) -> Path:
    # Resolved once per setting: pages ask for it many times a run, and a stat() each time adds up.
    if override:
        return Path(override).expanduser().resolve()
    return REPOSITORY_DATA if REPOSITORY_DATA.is_dir() else Path(cwd) / "data"


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
        """The directory's data files (`is_data_file`): what an upload of the same directory would hold."""
        if self._on_disk is None:
            names: list[str] = []
            if self.root is not None and self.root.is_dir():
                for folder, _, files in os.walk(self.root):
                    prefix = os.path.relpath(folder, self.root).replace(os.sep, "/")
                    prefix = "" if prefix == "." else prefix + "/"
                    names += [prefix + name for name in files if is_data_file(prefix + name)]
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


def is_junk(path: str) -> bool:
    """Files that archivers and file browsers add on their own: macOS resource forks, Finder and Explorer metadata."""
    parts = path.split("/")
    base = parts[-1].lower()
    return "__MACOSX" in parts or base in _JUNK_NAMES or base.startswith("._")


def is_data_file(path: str) -> bool:
    """Is PATH (relative to a data directory, `/`-separated) one of the directory's data files: a table of
    DIRECTORY_TABLES at the top level, or a file under sources/? The one rule of which files a data directory has,
    for a directory on disk and for an upload."""
    if path in TABLE_NAMES:
        return True
    return (path.startswith(SOURCES_FOLDER) and not path.endswith("/") and is_safe_relative(path)
            and not is_junk(path))


def rows_not_read(problems) -> list[Problem]:
    """The problems of rows that reading left out of their table (ROW_NOT_READ), in the order given."""
    return [p for p in problems if p.code in ROW_NOT_READ]


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
    if not header:  # the header row could not be read
        return TextTable(table, empty, problems, False)
    problems = list(_header_problems(table, header)) + problems
    if any(p.code == "duplicate-column" for p in problems):
        return TextTable(table, empty, problems, False)
    frame = pd.DataFrame(rows, columns=header, dtype=object) if rows else pd.DataFrame(columns=header, dtype=object)
    for column in table.columns:
        if column not in frame.columns:
            frame[column] = ""
    frame[LINE] = pd.Series(lines, dtype="int64")
    if frame.empty and not any(p.code in (*ROW_NOT_READ, "blank-row") for p in problems):
        problems.append(Problem("header-only", name, 1, "", "the file has a header but no rows"))
    return TextTable(table, frame, problems)


def _read_csv(text: str, name: str) -> tuple[list[str], list[list[str]], list[int], list[Problem]]:
    """The header, the rows with the line each starts on, and the problems of rows that are not rows.

    A line with nothing in it (empty, or bare commas) is not a row and is skipped; it keeps its
    line. A row of nothing but spaces is reported once, as a blank row, and skipped. A row with
    another number of fields than the header, a cell over MAX_CELL_CHARS or quoting the csv module
    cannot read is reported at its line and skipped, and reading goes on with the next row.
    A header that cannot be read ends the read: no row can be placed under its columns.
    """
    reader = csv.reader(io.StringIO(text))
    header: list[str] = []
    rows: list[list[str]] = []
    lines: list[int] = []
    problems: list[Problem] = []
    start = 1
    width = 0
    while True:
        try:
            row = next(reader)
        except StopIteration:
            break
        except csv.Error as exc:  # the reader goes on with the next physical line
            problems.append(Problem("bad-csv", name, start, "", f"the row cannot be read: {exc}; it is skipped"))
            if start == 1:
                break
            start = reader.line_num + 1
            continue
        line, start = start, reader.line_num + 1
        long = _long_cell(row, header if line > 1 else row, name, line)
        if long is not None:
            problems.append(long)
            if line == 1:
                break
            continue
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
            problems.append(Problem(
                "ragged-row", name, line, "",
                f"the row has {len(row)} fields, the header {len(header)}{_open_quote_hint(joined)}",
                _clip(joined.replace("\n", "⏎")),
            ))
            continue
        rows.append(row)
        lines.append(line)
    return header, rows, lines, problems


def _long_cell(row: list[str], header: list[str], name: str, line: int) -> Problem | None:
    """The problem of the row's first cell over MAX_CELL_CHARS, at its column (its header's name when it has one);
    None when every cell fits."""
    for n, cell in enumerate(row):
        if len(cell) > MAX_CELL_CHARS:
            column = header[n] if n < len(header) and line > 1 else f"field {n + 1}"
            return Problem("cell-too-long", name, line, column,
                           f"the cell holds {len(cell):,} characters, over the cap of {MAX_CELL_CHARS:,}; "
                           f"the row is skipped{_open_quote_hint(cell)}", _clip(cell.replace("\n", "⏎")))
    return None


def _open_quote_hint(text: str) -> str:
    """A field holding line breaks in a row that is not one: most likely a quote never closed, which swallows
    the lines after it."""
    return "; a field runs over several lines: is a quote left open?" if "\n" in text else ""


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
