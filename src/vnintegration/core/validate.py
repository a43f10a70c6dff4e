"""Every rule of the data model, checked by machine: text tables in, typed tables and a Report out.

Checks are vectorised over whole columns, on the loader's Arrow strings (see
benchmarks/validate_speed.py for a million rows); a problem object is made only for a
row that has one. Valid rows go on to
the typed tables; a row with an error is set aside in `rejected`, listed with its
problems: nothing is dropped silently.
"""

from __future__ import annotations

import codecs
import math
import re
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from vnintegration.core import datasets as ds
from vnintegration.core import model
from vnintegration.core.columns import arrow, by_position, codes_where_known, group_codes, index_in, numpy
from vnintegration.core.load import (
    LINE,
    UNSAFE_PATH,
    DataFiles,
    RawData,
    decode,
    read_data,
    read_table,
)
from vnintegration.core.model import EVENTS, INDICATORS, OBSERVATION_KEY, OBSERVATIONS, SOURCES
from vnintegration.core.problems import WARNING, Problem, Report
from vnintegration.core.quotes import SourceTexts, quotes_found, values_in_quotes

# Re-exported: the dataset rules live in datasets.py.
DATASET_SHIFT, DATASET_SCALE, DATASET_COLUMNS = ds.DATASET_SHIFT, ds.DATASET_SCALE, ds.DATASET_COLUMNS

_SNAKE = re.compile(r"[a-z][a-z0-9_]*")
_KEBAB_OR_SNAKE = re.compile(r"[a-z0-9][a-z0-9_.-]*")
_STRICT_NUMBER = r"-?\d+(?:\.\d+)?(?:[eE][-+]?\d+)?"
_PARTIAL_DATE = re.compile(r"\d{4}(?:-\d{2}(?:-\d{2})?)?")


@dataclass
class Dataset:
    """Typed, valid rows of the four tables, what was set aside, and the report."""

    indicators: pd.DataFrame
    observations: pd.DataFrame
    sources: pd.DataFrame
    events: pd.DataFrame
    rejected: pd.DataFrame  # observation rows with errors, as text, with `problems`
    report: Report
    source_texts: Mapping[str, str] = field(default_factory=dict)  # article id -> normalised text

    @property
    def valid(self) -> bool:
        return self.report.valid


class _Checker:
    """Collects problems for one table and remembers which rows have errors.

    Masks are computed with Arrow kernels on the columns as the loader made them (Arrow
    strings): no conversion per cell, and a problem object only for a row that has one.
    """

    def __init__(self, frame: pd.DataFrame, file: str):
        self.frame = frame
        self.file = file
        self.problems: list[Problem] = []
        self.bad = np.zeros(len(frame), dtype=bool)
        self._arrow: dict[str, object] = {}

    def arrow(self, column: str):
        if column not in self._arrow:
            self._arrow[column] = arrow(self.frame[column])
        return self._arrow[column]

    def blank(self, column: str) -> np.ndarray:
        return numpy(pc.equal(self.arrow(column), ""))

    def digits(self, column: str, low: int, high: int) -> np.ndarray:
        """Cells of `low` to `high` ASCII digits (what fullmatch r"\\d{low,high}" says, at a third of its cost)."""
        cells = self.arrow(column)
        length = pc.binary_length(cells)
        return numpy(pc.and_(pc.ascii_is_decimal(cells), pc.and_(pc.greater_equal(length, low), pc.less_equal(length, high))))

    def fullmatch(self, column: str, pattern: str) -> np.ndarray:
        return numpy(pc.match_substring_regex(self.arrow(column), f"^(?:{pattern})$"))

    def flag(self, mask, code: str, column: str, message: str, severity: str = "error", values=None) -> None:
        """Report the rows of `mask`. `values` (what each row shows) may be a column, a list for
        the flagged rows, or a function of the mask: only flagged rows are ever formatted."""
        mask = np.asarray(mask, dtype=bool)
        if not mask.any():
            return
        if severity == "error":
            self.bad |= mask
        rows = self.frame.loc[mask]
        if callable(values):
            values = values(mask)
        shown = rows[column] if values is None and column in rows else values
        shown = [""] * len(rows) if shown is None else list(np.asarray(shown)[mask] if len(shown) == len(self.frame) else shown)
        for line, value in zip(rows[LINE].tolist(), shown):
            self.problems.append(Problem(code, self.file, int(line), column, message, _show(value), severity))

    def required(self, columns) -> None:
        for column in columns:
            self.flag(self.blank(column), "blank-cell", column, "the cell is blank")

    def choice(self, column: str, allowed, blank_ok: bool = False) -> None:
        cells = self.arrow(column)
        mask = ~numpy(pc.is_in(cells, value_set=pa.array(list(allowed), type=pa.large_string()))) & ~self.blank(column)
        self.flag(mask, "bad-choice", column, f"not one of {', '.join(allowed)}")

    def number(self, column: str, blank_ok: bool = False) -> pd.Series:
        """Parse a numeric column strictly, flagging each kind of bad cell with its own hint."""
        cells = self.frame[column]
        ok = self.fullmatch(column, _STRICT_NUMBER)
        blank = self.blank(column)
        parsed = numpy(pc.cast(pc.if_else(pa.array(ok), self.arrow(column), "nan"), pa.float64()))
        values = pd.Series(np.where(ok, parsed, np.nan), index=cells.index, dtype="float64")
        overflow = ok & ~np.isfinite(values.to_numpy())
        self.flag(overflow, "not-finite", column, "not a finite number")
        bad = ~ok & ~blank
        if bad.any():  # say what is wrong, only for the cells that are
            wrong = cells[bad].astype(object)
            hint = pd.Series("not a number", index=wrong.index)
            hint[wrong.str.fullmatch(r"-?\d{1,3}(?:[.,\s]\d{3})+(?:[.,]\d+)?").fillna(False).astype(bool)] = \
                "write the number without thousands grouping, with . as the decimal mark"
            comma = wrong.str.fullmatch(r"-?\d+,\d+").fillna(False).astype(bool)
            grouped = wrong.str.fullmatch(r"-?\d{1,3},\d{3}").fillna(False).astype(bool)
            hint[comma & ~grouped] = "use . as the decimal mark, not ,"
            nonfinite = wrong.str.lower().isin(["nan", "inf", "-inf", "+inf", "infinity", "-infinity", "na", "n/a", "null"])
            for message in hint.unique():
                mask = np.zeros(len(cells), dtype=bool)
                mask[np.flatnonzero(bad)[((hint == message) & ~nonfinite).to_numpy()]] = True
                self.flag(mask, "bad-number", column, message)
            mask = np.zeros(len(cells), dtype=bool)
            mask[np.flatnonzero(bad)[nonfinite.to_numpy()]] = True
            self.flag(mask, "not-finite", column, "not a finite number")
        return values.where(ok & ~overflow)

    def unique(self, columns, code: str, message: str, known: dict | None = None) -> None:
        """Flag rows whose `columns` repeat an earlier row's. `known`: codes already at hand for
        some columns (pairs for `group_codes`), so those are not hashed again."""
        known = known or {}
        codes = group_codes([known.get(column, self.frame[column]) for column in columns])
        dup = pd.Series(codes).duplicated(keep="first").to_numpy() if len(codes) else np.zeros(0, dtype=bool)
        if dup.any():
            frame = self.frame[list(columns)].astype(object)
            first = frame.drop_duplicates(keep="first")
            first_line = dict(zip(map(tuple, first.to_numpy()), self.frame.loc[first.index, LINE]))
            shown = [" / ".join(k) + f"; first on line {first_line[tuple(k)]}" for k in frame.loc[dup].to_numpy()]
            self.flag(dup, code, columns[0], message, values=shown)

    def dates(self, column: str, partial: bool, blank_ok: bool) -> pd.Series:
        """Parse ISO dates (partial ones padded to their first day); flag malformed ones.
        Only the cells that hold something are parsed."""
        blank = self.blank(column)
        parsed = pd.Series(pd.NaT, index=self.frame.index, dtype="datetime64[ns]")
        if blank.all():
            return parsed
        cells = self.frame[column][~blank].astype(object)
        if partial:
            shape = cells.str.fullmatch(_PARTIAL_DATE.pattern)
            padded = cells.where(cells.str.len() != 4, cells + "-01-01")
            padded = padded.where(padded.str.len() != 7, padded + "-01")
        else:
            shape = cells.str.fullmatch(r"\d{4}-\d{2}-\d{2}")
            padded = cells
        filled = pd.to_datetime(padded.where(shape, None), format="%Y-%m-%d", errors="coerce")
        parsed[~blank] = filled.to_numpy(dtype="datetime64[ns]")
        bad = ~blank & parsed.isna().to_numpy()
        what = "a date YYYY-MM-DD, YYYY-MM or YYYY" if partial else "a date YYYY-MM-DD"
        self.flag(bad, "bad-date", column, f"not {what}")
        return parsed


def _show(value) -> str:
    text = "" if value is None or (isinstance(value, float) and math.isnan(value)) else str(value)
    return text if len(text) <= 120 else text[:119] + "…"


def validate_dir(path: str | Path) -> Dataset:
    return validate(read_data(DataFiles.from_dir(path)))


def validate(raw: RawData) -> Dataset:
    """All rules of data/README.md; see the module docstring."""
    problems = list(raw.problems)
    indicators, p = _check_indicators(raw[INDICATORS.key].copy())
    problems += p
    sources, p, texts, datasets = _check_sources(raw[SOURCES.key].copy(), raw.files)
    problems += p
    observations, rejected, p = _check_observations(raw[OBSERVATIONS.key].copy(), indicators, sources, texts, datasets)
    problems += p
    indicators, p = _check_preferred_sources(indicators, sources, observations)
    problems += p
    events, p = _check_events(raw[EVENTS.key].copy(), sources, texts)
    problems += p
    stats = {"indicators": len(indicators), "observations": len(observations), "sources": len(sources), "events": len(events)}
    if len(rejected):
        stats["observations set aside"] = len(rejected)
    report = Report(problems, stats)
    return Dataset(indicators, observations, sources, events, rejected, report, texts)


def _check_indicators(frame: pd.DataFrame):
    c = _Checker(frame, INDICATORS.name)
    c.required(INDICATORS.required)
    ids = frame["id"]
    c.flag(~ids.str.fullmatch(_SNAKE.pattern) & (ids != ""), "bad-id", "id", "not a snake_case id")
    c.unique(["id"], "duplicate-id", "the id appears twice")
    c.choice("unit", model.UNITS)
    c.choice("kind", model.INDICATOR_KINDS)
    c.choice("group", model.GROUPS)
    c.choice("headline", model.YES_NO)
    low, high = c.number("min"), c.number("max")
    c.flag(low > high, "bad-range", "min", "min is greater than max", values=frame["min"] + " > " + frame["max"])
    breaks = frame["breaks"]
    c.flag((breaks != "") & ~breaks.str.fullmatch(r"\d{4}(?:;\d{4})*"), "bad-year", "breaks",
           "not a list of four-digit years separated by ; (the years a new definition starts)")
    typed = frame.loc[~c.bad].copy()
    typed["id"] = typed["id"]
    typed["preferred_source"] = typed["preferred_source"]
    typed["breaks"] = breaks[~c.bad]
    typed["min"], typed["max"] = low[~c.bad], high[~c.bad]
    typed["headline"] = typed["headline"] == "yes"
    return typed.set_index("id", drop=False), c.problems


def _check_sources(frame: pd.DataFrame, files: DataFiles):
    c = _Checker(frame, SOURCES.name)
    c.required(SOURCES.required)
    c.flag(~frame["id"].str.fullmatch(_KEBAB_OR_SNAKE.pattern) & (frame["id"] != ""), "bad-id", "id",
           "use lower-case letters, digits, - _ .")
    c.unique(["id"], "duplicate-id", "the id appears twice")
    c.choice("kind", model.SOURCE_KINDS)
    c.dates("published", partial=True, blank_ok=True)
    paths = c.arrow("file")
    given = ~c.blank("file")
    unsafe = given & numpy(pc.match_substring_regex(paths, UNSAFE_PATH.pattern))
    c.flag(unsafe, "unsafe-path", "file", "the path leaves the data directory")
    missing = given & ~unsafe & ~numpy(pc.is_in(paths, value_set=pa.array(files.names(), type=pa.large_string())))
    c.flag(missing, "missing-file", "file", "the source file is missing")
    # A dataset carries its metadata: who publishes it, where, under which licence, how to cite it.
    is_dataset = frame["kind"] == "dataset"
    for column in ds.DATASET_METADATA:
        c.flag(is_dataset & (frame[column] == ""), "missing-metadata", column,
               "a dataset source should name its publisher, url, licence and citation", WARNING)
    datasets: dict[str, pd.DataFrame] = {}
    ok = frame.loc[~c.bad]
    positions = np.flatnonzero(~c.bad)
    ids, kinds, paths, lines = (ok[column].tolist() for column in ("id", "kind", "file", LINE))
    contents = files.read_many(paths)  # paths checked above: none unsafe, none missing
    articles = np.array([kind == "article" for kind in kinds], dtype=bool)
    article_contents = [contents[n] for n in np.flatnonzero(articles)]
    article_bytes = _binary_array(article_contents)
    refused = np.zeros(len(ids), dtype=bool)
    refused[np.flatnonzero(articles)] = _not_text(article_bytes)
    for n, (sid, kind, path, line) in enumerate(zip(ids, kinds, paths, lines)):
        # An article is decoded here only when the Arrow check refused it (to say why); a
        # dataset file is decoded before it is read.
        problem = decode(contents[n], path)[1] if refused[n] or kind != "article" else None
        refused[n] = problem is not None
        if problem:
            c.problems.append(Problem("encoding", SOURCES.name, int(line), "file", problem.message, path))
            c.bad[positions[n]] = True
        elif kind != "article":
            table, dataset_problems = _read_dataset(files, path)
            c.problems += dataset_problems
            datasets[sid] = table
    readable = ~refused[articles]
    texts = SourceTexts(ids=[sid for sid, keep in zip(np.asarray(ids, dtype=object)[articles], readable) if keep],
                        array=article_bytes if readable.all() else article_bytes.filter(pa.array(readable)),
                        listed=[data for data, keep in zip(article_contents, readable) if keep])
    typed = frame.loc[~c.bad].copy()
    return typed.set_index("id", drop=False), c.problems, texts, datasets


def _binary_array(contents: list[bytes]) -> pa.Array:
    """The files' bytes as one Arrow array over one joined buffer (building it from the list
    item by item cost ten times the copy)."""
    offsets = np.zeros(len(contents) + 1, dtype=np.int64)
    np.cumsum([len(data) for data in contents], out=offsets[1:])
    return pa.LargeBinaryArray.from_buffers(pa.large_binary(), len(contents),
                                            [None, pa.py_buffer(offsets), pa.py_buffer(b"".join(contents))])


def _not_text(texts: pa.Array) -> np.ndarray:
    """Which of these files' bytes `decode` would refuse (UTF-16, or not UTF-8): checked for all
    at once with Arrow, and one by one only where that check is not enough."""
    if len(texts) == 0:
        return np.zeros(0, dtype=bool)
    utf16 = numpy(pc.or_(pc.starts_with(texts, pattern=codecs.BOM_UTF16_LE),
                         pc.starts_with(texts, pattern=codecs.BOM_UTF16_BE)))
    buffer = texts.buffers()[2]
    if buffer is not None and not np.frombuffer(buffer, dtype=np.uint8).all():  # a NUL byte (rare): which text, where?
        nul = numpy(pc.match_substring(texts, pattern=b"\x00"))
        for n in np.flatnonzero(nul & ~utf16).tolist():
            utf16[n] = b"\x00" in texts[n].as_py()[:4096]
    try:
        (texts if not utf16.any() else texts.filter(pa.array(~utf16))).cast(pa.large_string())
        return utf16
    except pa.ArrowInvalid:
        return np.array([decode(data, "")[1] is not None for data in texts.to_pylist()], dtype=bool)


def _read_dataset(files: DataFiles, path: str) -> tuple[pd.DataFrame, list[Problem]]:
    """A tidy dataset extract: series_code, year, value, unit (series_name and other columns may come too).

    Returns its valid rows (value kept as decimal text, for exact comparison, with the line
    it is on) and the problems of the file, reported at the file's own lines.
    """
    read = read_table(files, replace(model.DATASET_FILE, name=path))
    problems = [p for p in read.problems if p.code != "unknown-column"]  # extra columns are allowed
    empty = pd.DataFrame({col: pd.Series(dtype=object) for col in (*DATASET_COLUMNS, "file", LINE)})
    if not read.readable or any(p.code == "missing-column" for p in problems):
        return empty, problems
    frame = read.frame
    c = _Checker(frame, path)
    c.required(model.DATASET_FILE.required)
    c.flag(~c.fullmatch("year", r"\d{4}") & ~c.blank("year"), "bad-year", "year", "not a four-digit year")
    c.number("value")
    c.unique(["series_code", "year"], "dataset-duplicate", "the same series and year appear twice")
    ok = frame.loc[~c.bad]
    table = pd.DataFrame({
        "series_code": ok["series_code"],
        "year": _whole_numbers(c, "year", ~c.bad & ~c.blank("year"))[~c.bad].astype("int64"),
        "value": ok["value"],
        "unit": ok["unit"],
        "file": path,
        LINE: ok[LINE],
    })
    return table.reset_index(drop=True), problems + c.problems


def _whole_numbers(c: _Checker, column: str, ok: np.ndarray) -> pd.Series:
    """The cells where `ok` (all digits) as numbers, NaN elsewhere: one Arrow cast, no parsing per cell."""
    parsed = numpy(pc.cast(pc.if_else(pa.array(ok), c.arrow(column), "0"), pa.int64()))
    return pd.Series(np.where(ok, parsed, np.nan), index=c.frame.index)


def _check_observations(frame, indicators, sources, texts, datasets):
    c = _Checker(frame, OBSERVATIONS.name)
    c.required(OBSERVATIONS.required)
    ind = frame["indicator"]
    src = frame["source_id"]
    # Each row's indicator and source as a position in their tables (-1: unknown): every lookup
    # below is then a NumPy take, not a map over strings.
    ind_at = index_in(c.arrow("indicator"), indicators.index)
    src_at = index_in(c.arrow("source_id"), sources.index)
    c.flag((ind_at < 0) & ~c.blank("indicator"), "unknown-indicator", "indicator",
           "unknown indicator (not in indicators.csv, or its row there has errors)")
    c.flag((src_at < 0) & ~c.blank("source_id"), "unknown-source", "source_id",
           "unknown source (not in sources.csv, or its row there has errors)")

    kind = by_position(sources["kind"].astype(object), src_at, "")
    quoted = ~c.blank("quote")
    article = (kind == "article") & quoted

    years = frame["year"]
    year_ok = c.digits("year", 4, 4)
    year = _whole_numbers(c, "year", year_ok)
    year_ok &= year.between(model.YEAR_MIN, model.YEAR_MAX).to_numpy()
    c.flag(~year_ok & ~c.blank("year"), "bad-year", "year", f"not a year between {model.YEAR_MIN} and {model.YEAR_MAX}")

    months_blank = c.blank("months")
    months = _whole_numbers(c, "months", c.digits("months", 1, 2))
    months_bad = ~months_blank & ~months.between(1, 12).to_numpy()
    c.flag(months_bad, "bad-months", "months", "months must be a whole number from 1 to 12")

    as_of = c.dates("as_of", partial=False, blank_ok=True)
    as_of_text = frame["as_of"]
    c.flag(months_blank & c.blank("as_of"), "no-period", "months", "neither months nor as_of is set")
    c.flag(as_of.notna() & year_ok & (as_of.dt.year != year), "year-mismatch", "as_of",
           "as_of is not in the row's year", values=lambda m: (as_of_text[m].astype(object) + " vs " + years[m].astype(object)).tolist())

    value = c.number("value")
    c.choice("qualifier", model.QUALIFIERS)
    c.choice("status", model.STATUSES)

    low = by_position(indicators["min"].astype(float), ind_at, np.nan)
    high = by_position(indicators["max"].astype(float), ind_at, np.nan)
    values = value.to_numpy()
    outside = ~np.isnan(values) & ((values < low) | (values > high))
    c.flag(outside, "out-of-range", "value", "outside the indicator's plausible range",
           values=lambda m: [f"{v} not in {lo}–{hi}" for v, lo, hi in zip(frame["value"][m], low[m], high[m])])

    # The indicator, source and year are known as integers already: only months and as_of are hashed.
    c.unique(OBSERVATION_KEY, "duplicate-key", "the same indicator, year, months, as_of and source appear twice", known={
        "indicator": codes_where_known(ind_at, len(indicators), ind),
        "source_id": codes_where_known(src_at, len(sources), src),
        "year": codes_where_known(np.where(year_ok, year.fillna(model.YEAR_MIN).to_numpy() - model.YEAR_MIN, -1),
                                  model.YEAR_MAX - model.YEAR_MIN + 1, years)})

    quote = frame["quote"]
    _flag_quotes(c, article, quotes_found(c.arrow("quote"), np.flatnonzero(article), src_at, sources.index.tolist(), texts))
    derived = numpy(pc.starts_with(pc.utf8_lower(c.arrow("note")), "derived:"))
    _check_value_in_quote(c, quote, value, article & ~derived & ~np.isnan(values))
    dataset = (kind == "dataset") & ~np.isnan(values) & year_ok
    if dataset.any():
        unit = pd.Series(by_position(indicators["unit"].astype(object), ind_at, ""), index=frame.index)
        _check_dataset_values(c, frame, src, unit, year, value, pd.Series(dataset, index=frame.index), datasets)
    series = (kind == "dataset") & (ind_at >= 0) & quoted & ~c.bad
    if series.any():
        _check_series_definitions(c, src, ind, quote, pd.Series(series, index=frame.index), src_at, ind_at)

    keep = ~c.bad
    if c.bad.any():
        typed, rejected = frame.loc[keep].copy(), frame.loc[c.bad].copy()
        year, months, as_of, value = year[keep], months[keep], as_of[keep], value[keep]
    else:  # no row to set aside: no selection to copy
        typed, rejected = frame.copy(), frame.iloc[:0].copy()
    typed["year"] = year.astype("int64")
    typed["months"] = months.astype("Int64")
    typed["as_of"] = as_of
    typed["value"] = value
    _warn_conflicts(c, typed, ind_at[keep])
    if len(rejected):
        by_line: dict[int, list[str]] = {}
        for p in c.problems:
            if p.severity == "error":
                by_line.setdefault(p.line, []).append(f"{p.column}: {p.message}")
        rejected["problems"] = rejected[LINE].map(lambda line: "; ".join(by_line.get(int(line), [])))
    return typed.reset_index(drop=True), rejected.reset_index(drop=True), c.problems


def _flag_quotes(c: _Checker, mask: np.ndarray, found: np.ndarray) -> None:
    """Flag the rows of `mask` whose quote is not in their article (`found`: quotes.quotes_found
    for those rows, which says how it is looked up)."""
    missing = np.zeros(len(mask), dtype=bool)
    missing[np.flatnonzero(mask)] = ~found
    c.flag(missing, "quote-not-in-source", "quote", "the quote is not in the source text")


def _check_value_in_quote(c: _Checker, quote, value, mask) -> None:
    """Is the value among the numbers the quote writes (Vietnamese notation, unsigned)?"""
    if not mask.any():
        return
    rows = np.flatnonzero(np.asarray(mask))
    missing = np.zeros(len(quote), dtype=bool)
    missing[rows] = ~values_in_quotes(quote, value, rows)
    c.flag(missing, "value-not-in-quote", "value",
           "the value is not a number the quote writes, and the note does not start with 'derived:'")


def _check_dataset_values(c: _Checker, frame, src, unit, year, number, mask, datasets) -> None:
    """A dataset-sourced value must equal the dataset's value for its series and year, scaled exactly."""
    if not mask.any():
        return
    rows = pd.DataFrame({
        "src": src[mask], "series_code": frame["quote"][mask], "year": year[mask],
        "text": frame["value"][mask], "unit": unit[mask], "number": number[mask],
    })
    found = ds.match(rows, datasets)
    at = np.flatnonzero(np.asarray(mask))
    flags = {}
    for column in ("no_series", "no_year", "unscalable", "mismatch"):
        flags[column] = np.zeros(len(frame), dtype=bool)
        flags[column][at] = found[column].to_numpy()
    shown = np.full(len(frame), "", dtype=object)
    shown[at] = found["shown"].to_numpy()
    c.flag(flags["no_series"], "unknown-series", "quote", "the dataset file has no such series code")
    c.flag(flags["no_year"], "dataset-mismatch", "year", "the dataset has no value for this series and year")
    c.flag(flags["unscalable"], "dataset-mismatch", "value", "the dataset's unit cannot be scaled to the indicator's unit",
           values=shown)
    c.flag(flags["mismatch"], "dataset-mismatch", "value", "differs from the dataset's value once scaled", values=shown)


def _check_series_definitions(c: _Checker, src, ind, code, mask, src_at, ind_at) -> None:
    """An indicator never mixes two definitions in one series: per source, one indicator takes one
    series code, and one series code feeds one indicator. (`src_at`, `ind_at`: the rows' source and
    indicator as positions, which group them by integers.)"""
    if not mask.any():
        return
    rows = pd.DataFrame({"ind": ind[mask], "src": src[mask], "code": code[mask]})
    at_src, at_ind = pd.Series(src_at[mask]), pd.Series(ind_at[mask])
    checks = [
        (["ind", "src"], "code", [at_ind, at_src], "mixed-series", "quote",
         "this indicator takes another series code from the same source: two definitions in one series",
         lambda r, main, n: f"{r.code}; {r.ind} from {r.src} otherwise uses {main} ({n} rows)",
         lambda r, others: f"{r.code}; {r.ind} from {r.src} also uses {others}"),
        (["src", "code"], "ind", None, "series-reused", "indicator",
         "this series of the source is also filed under another indicator",
         lambda r, main, n: f"{r.code} under {r.ind}; otherwise under {main} ({n} rows)",
         lambda r, others: f"{r.code} under {r.ind}; also under {others}"),
    ]
    for group, member, keys, problem, column, message, said_main, said_tie in checks:
        shown = ds.split_series(rows, group, member, said_main, said_tie, keys)
        if len(shown):
            at = c.frame.index.get_indexer(shown.index)
            flagged = np.zeros(len(c.frame), dtype=bool)
            flagged[at] = True
            c.flag(flagged, problem, column, message, values=shown.iloc[np.argsort(at)].tolist())


_QUALIFIER_WORD = {"about": "about ", "nearly": "nearly ", "over": "over ", "under": "under ", "within": "within "}
_OTHERS_SHOWN = 3  # a source difference names at most this many other values


def _warn_conflicts(c: _Checker, typed: pd.DataFrame, indicator_at: np.ndarray) -> None:
    """Warnings on valid rows: sources that disagree; a year with both partial and full figures.
    (`indicator_at`: each row's indicator as its position in the indicators table.)"""
    if typed.empty:
        return
    # A forecast and an outturn for the same period are not in conflict: compare like with like.
    period = ["indicator", "year", "months", "as_of", "status"]
    # Only periods given more than once can disagree: find them by integer codes, then group those.
    # The indicator, year and months are integers already (a blank months is 0).
    shared = pd.Series(group_codes([
        (indicator_at, int(indicator_at.max()) + 1),
        (typed["year"].to_numpy() - model.YEAR_MIN, model.YEAR_MAX - model.YEAR_MIN + 1),
        (typed["months"].fillna(0).to_numpy(dtype=np.int64), 13),
        typed["as_of"], (index_in(arrow(typed["status"]), model.STATUSES), len(model.STATUSES)),
    ])).duplicated(keep=False).to_numpy()
    keyed = typed.loc[shared]
    keyed = keyed.assign(months=keyed["months"].fillna(0), as_of=keyed["as_of"].fillna(pd.Timestamp(0)))
    groups = keyed.groupby(period, dropna=False, sort=False)
    conflict = (groups["value"].transform("nunique") > 1) & (groups["source_id"].transform("nunique") > 1)
    if conflict.any():
        rows = keyed.loc[conflict]
        # Each value as its source writes it, with its qualifier: "over 405 from moit-party-2025".
        written = c.frame.loc[rows.index, "value"]
        said = rows["qualifier"].map(_QUALIFIER_WORD).fillna("") + written + " from " + rows["source_id"]
        group = groups.ngroup()[conflict]
        # Linear in rows: per group, the first few distinct values (with who says them) and how many there are.
        firsts = pd.DataFrame({"group": group, "value": rows["value"], "said": said}).drop_duplicates(["group", "value"])
        n_values = firsts.groupby("group").size()
        firsts = firsts[firsts.groupby("group").cumcount() <= _OTHERS_SHOWN]
        shown_of: dict[int, list] = {}
        for g, v, who in zip(firsts["group"], firsts["value"], firsts["said"], strict=True):
            shown_of.setdefault(g, []).append((v, who))
        for line, mine, value, g in zip(rows[LINE], said, rows["value"], group, strict=True):
            others = [who for v, who in shown_of[g] if v != value][:_OTHERS_SHOWN]
            more = int(n_values[g]) - 1 - len(others)
            c.problems.append(Problem("source-conflict", c.file, int(line), "value",
                                      "source difference: another source gives a different value for the same "
                                      "indicator and period",
                                      f"{mine} vs " + ", ".join(others) + (f" and {more} more" if more else ""),
                                      WARNING))
    months = typed["months"]
    if not (months.notna() & (months != 12)).any():  # no partial-year figure: nothing to select
        return
    flows = typed[months.notna()]
    part = (flows["months"] != 12).to_numpy()
    indicator_year = group_codes([flows["indicator"], flows["year"]])
    has_full = np.isin(indicator_year, indicator_year[~part])
    partial = flows[has_full & part]
    for line, indicator, year, months in zip(partial[LINE], partial["indicator"], partial["year"], partial["months"]):
        c.problems.append(Problem("partial-and-full-year", c.file, int(line), "months",
                                  f"{indicator} {year} has both a {months}-month and a full-year figure",
                                  str(months), WARNING))


def _check_preferred_sources(indicators: pd.DataFrame, sources: pd.DataFrame, observations: pd.DataFrame):
    """An indicator's preferred_source must be a source that gives figures for it (or blank).

    (Restored by the lead after an edit collision: the history work had a version of this.)
    """
    problems: list[Problem] = []
    if "preferred_source" not in indicators.columns or indicators.empty:
        return indicators, problems
    preferred = indicators["preferred_source"].fillna("").astype(str)
    if not (preferred != "").any():
        return indicators.assign(preferred_source=preferred), problems
    pairs = observations[["indicator", "source_id"]]
    first = pd.Series(group_codes([pairs["indicator"], pairs["source_id"]])).drop_duplicates().index
    given = set(pairs.iloc[first].astype(object).itertuples(index=False, name=None))
    for ind, sid, line in zip(indicators.index, preferred, indicators[LINE]):
        if sid and (sid not in sources.index or (ind, sid) not in given):
            problems.append(Problem("bad-preferred-source", INDICATORS.name, int(line), "preferred_source",
                                    "the preferred source gives no figure for this indicator", sid))
    indicators = indicators.assign(preferred_source=preferred)
    return indicators, problems


def _check_events(frame: pd.DataFrame, sources, texts):
    c = _Checker(frame, EVENTS.name)
    c.required(EVENTS.required)
    date = c.dates("date", partial=True, blank_ok=False)
    c.choice("kind", model.EVENT_KINDS)
    src_at = index_in(c.arrow("source_id"), sources.index)
    c.flag((src_at < 0) & ~c.blank("source_id"), "unknown-source", "source_id",
           "unknown source (not in sources.csv, or its row there has errors)")
    article = (by_position(sources["kind"].astype(object), src_at, "") == "article") & ~c.blank("quote")
    _flag_quotes(c, article, quotes_found(c.arrow("quote"), np.flatnonzero(article), src_at, sources.index.tolist(), texts))
    typed = frame.loc[~c.bad].copy()
    typed["date_text"] = typed["date"]  # as printed: "2021-01" keeps its precision
    typed["date"] = date[~c.bad]
    for col in ("kind", "code", "source_id"):
        typed[col] = typed[col]
    return typed.sort_values("date").reset_index(drop=True), c.problems
