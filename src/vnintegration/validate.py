"""Every rule of the data model, checked by machine: text tables in, typed tables and a Report out.

Checks are vectorised over whole columns (a million rows validate in about a
second); a problem object is made only for a row that has one. Valid rows go on to
the typed tables; a row with an error is set aside in `rejected`, listed with its
problems: nothing is dropped silently.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field, replace
from pathlib import Path

import numpy as np
import pandas as pd

from vnintegration import datasets as ds
from vnintegration import model
from vnintegration.load import (
    LINE,
    DataFiles,
    RawData,
    decode,
    is_safe_relative,
    normalize_text,
    read_data,
    read_table,
)
from vnintegration.model import EVENTS, INDICATORS, OBSERVATION_KEY, OBSERVATIONS, SOURCES
from vnintegration.numbers import numbers_in_texts
from vnintegration.problems import WARNING, Problem, Report

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
    source_texts: dict[str, str] = field(default_factory=dict)  # article id -> normalised text

    @property
    def valid(self) -> bool:
        return self.report.valid


class _Checker:
    """Collects problems for one table and remembers which rows have errors."""

    def __init__(self, frame: pd.DataFrame, file: str):
        # Cells are compared without surrounding spaces: strip every text column once, in place
        # (callers pass a copy), rather than in each check.
        for column in frame.columns:
            if column != LINE:
                frame[column] = frame[column]
        self.frame = frame
        self.file = file
        self.problems: list[Problem] = []
        self.bad = np.zeros(len(frame), dtype=bool)

    def flag(self, mask, code: str, column: str, message: str, severity: str = "error", values=None) -> None:
        mask = np.asarray(mask, dtype=bool)
        if not mask.any():
            return
        if severity == "error":
            self.bad |= mask
        rows = self.frame.loc[mask]
        shown = rows[column] if values is None and column in rows else values
        shown = [""] * len(rows) if shown is None else list(np.asarray(shown)[mask] if len(shown) == len(self.frame) else shown)
        for line, value in zip(rows[LINE].tolist(), shown):
            self.problems.append(Problem(code, self.file, int(line), column, message, _show(value), severity))

    def required(self, columns) -> None:
        for column in columns:
            self.flag(self.frame[column] == "", "blank-cell", column, "the cell is blank")

    def choice(self, column: str, allowed, blank_ok: bool = False) -> None:
        cells = self.frame[column]
        mask = ~cells.isin(allowed) & (cells != "")
        self.flag(mask, "bad-choice", column, f"not one of {', '.join(allowed)}")

    def number(self, column: str, blank_ok: bool = False) -> pd.Series:
        """Parse a numeric column strictly, flagging each kind of bad cell with its own hint."""
        cells = self.frame[column]
        ok = cells.str.fullmatch(_STRICT_NUMBER).to_numpy(dtype=bool)
        blank = (cells == "").to_numpy(dtype=bool)
        values = pd.Series(np.nan, index=cells.index, dtype="float64")
        values[ok] = cells[ok].astype("float64").to_numpy()
        overflow = ok & ~np.isfinite(values.to_numpy())
        self.flag(overflow, "not-finite", column, "not a finite number")
        bad = ~ok & ~blank
        if bad.any():  # say what is wrong, only for the cells that are
            wrong = cells[bad]
            hint = pd.Series("not a number", index=wrong.index)
            hint[wrong.str.fullmatch(r"-?\d{1,3}(?:[.,\s]\d{3})+(?:[.,]\d+)?")] = \
                "write the number without thousands grouping, with . as the decimal mark"
            hint[wrong.str.fullmatch(r"-?\d+,\d+") & ~wrong.str.fullmatch(r"-?\d{1,3},\d{3}")] = \
                "use . as the decimal mark, not ,"
            nonfinite = wrong.str.lower().isin(["nan", "inf", "-inf", "+inf", "infinity", "-infinity", "na", "n/a", "null"])
            for message in hint.unique():
                mask = np.zeros(len(cells), dtype=bool)
                mask[np.flatnonzero(bad)[((hint == message) & ~nonfinite).to_numpy()]] = True
                self.flag(mask, "bad-number", column, message)
            mask = np.zeros(len(cells), dtype=bool)
            mask[np.flatnonzero(bad)[nonfinite.to_numpy()]] = True
            self.flag(mask, "not-finite", column, "not a finite number")
        return values.where(ok & ~overflow)

    def unique(self, columns, code: str, message: str) -> None:
        keys = self.frame[list(columns)]
        dup = keys.duplicated(keep="first").to_numpy()
        if dup.any():
            first = keys.drop_duplicates(keep="first")
            first_line = dict(zip(map(tuple, first.to_numpy()), self.frame.loc[first.index, LINE]))
            shown = [" / ".join(k) + f"; first on line {first_line[tuple(k)]}" for k in keys.loc[dup].to_numpy()]
            self.flag(dup, code, columns[0], message, values=shown)

    def dates(self, column: str, partial: bool, blank_ok: bool) -> pd.Series:
        """Parse ISO dates (partial ones padded to their first day); flag malformed ones."""
        cells = self.frame[column]
        blank = cells == ""
        if partial:
            shape = cells.str.fullmatch(_PARTIAL_DATE.pattern)
            padded = cells.where(cells.str.len() != 4, cells + "-01-01")
            padded = padded.where(padded.str.len() != 7, padded + "-01")
        else:
            shape = cells.str.fullmatch(r"\d{4}-\d{2}-\d{2}")
            padded = cells
        parsed = pd.to_datetime(padded.where(shape & ~blank, None), format="%Y-%m-%d", errors="coerce")
        bad = ~blank & parsed.isna()
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
    paths = frame["file"]
    unsafe = (paths != "") & ~paths.map(is_safe_relative)
    c.flag(unsafe, "unsafe-path", "file", "the path leaves the data directory")
    missing = (paths != "") & ~unsafe & ~paths.map(lambda p: p in files)
    c.flag(missing, "missing-file", "file", "the source file is missing")
    # A dataset carries its metadata: who publishes it, where, under which licence, how to cite it.
    is_dataset = frame["kind"] == "dataset"
    for column in ds.DATASET_METADATA:
        c.flag(is_dataset & (frame[column] == ""), "missing-metadata", column,
               "a dataset source should name its publisher, url, licence and citation", WARNING)
    texts: dict[str, str] = {}
    datasets: dict[str, pd.DataFrame] = {}
    ok = frame.loc[~c.bad]
    for index, sid, kind, path, line in zip(ok.index, ok["id"], ok["kind"],
                                            ok["file"], ok[LINE]):
        text, problem = decode(files[path], path)
        if problem:
            c.problems.append(Problem("encoding", SOURCES.name, int(line), "file", problem.message, path))
            c.bad[frame.index.get_loc(index)] = True
        elif kind == "article":
            texts[sid] = normalize_text(text)
        else:
            table, dataset_problems = _read_dataset(files, path)
            c.problems += dataset_problems
            datasets[sid] = table
    typed = frame.loc[~c.bad].copy()
    typed["id"] = typed["id"]
    return typed.set_index("id", drop=False), c.problems, texts, datasets


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
    years = frame["year"]
    c.flag(~years.str.fullmatch(r"\d{4}") & (years != ""), "bad-year", "year", "not a four-digit year")
    c.number("value")
    c.unique(["series_code", "year"], "dataset-duplicate", "the same series and year appear twice")
    ok = frame.loc[~c.bad]
    table = pd.DataFrame({
        "series_code": ok["series_code"],
        "year": years[~c.bad].astype("int64"),
        "value": ok["value"],
        "unit": ok["unit"],
        "file": path,
        LINE: ok[LINE],
    })
    return table.reset_index(drop=True), problems + c.problems


def _whole_numbers(cells: pd.Series, ok: np.ndarray) -> pd.Series:
    """The cells where `ok` (all digits) as numbers, NaN elsewhere: one Arrow cast, no parsing per cell."""
    out = np.full(len(cells), np.nan)
    out[ok] = cells[ok].astype("int64").to_numpy()
    return pd.Series(out, index=cells.index)


def _check_observations(frame, indicators, sources, texts, datasets):
    c = _Checker(frame, OBSERVATIONS.name)
    c.required(OBSERVATIONS.required)
    ind = frame["indicator"]
    src = frame["source_id"]
    c.flag(~ind.isin(indicators.index) & (ind != ""), "unknown-indicator", "indicator",
           "unknown indicator (not in indicators.csv, or its row there has errors)")
    c.flag(~src.isin(sources.index) & (src != ""), "unknown-source", "source_id",
           "unknown source (not in sources.csv, or its row there has errors)")

    years = frame["year"]
    year_ok = years.str.fullmatch(r"\d{4}").to_numpy(dtype=bool).copy()
    year = _whole_numbers(years, year_ok)
    year_ok &= year.between(model.YEAR_MIN, model.YEAR_MAX).to_numpy()
    c.flag(~year_ok & (years != ""), "bad-year", "year", f"not a year between {model.YEAR_MIN} and {model.YEAR_MAX}")

    months_text = frame["months"]
    months = _whole_numbers(months_text, months_text.str.fullmatch(r"\d{1,2}").to_numpy(dtype=bool))
    months_bad = (months_text != "") & ~months.between(1, 12)
    c.flag(months_bad, "bad-months", "months", "months must be a whole number from 1 to 12")

    as_of = c.dates("as_of", partial=False, blank_ok=True)
    as_of_text = frame["as_of"]
    c.flag((months_text == "") & (as_of_text == ""), "no-period", "months", "neither months nor as_of is set")
    c.flag(as_of.notna() & year_ok & (as_of.dt.year != year), "year-mismatch", "as_of",
           "as_of is not in the row's year", values=as_of_text + " vs " + years)

    value = c.number("value")
    c.choice("qualifier", model.QUALIFIERS)
    c.choice("status", model.STATUSES)

    low = ind.map(indicators["min"]) if len(indicators) else pd.Series(np.nan, index=frame.index)
    high = ind.map(indicators["max"]) if len(indicators) else pd.Series(np.nan, index=frame.index)
    outside = value.notna() & ((value < low) | (value > high))
    c.flag(outside, "out-of-range", "value", "outside the indicator's plausible range",
           values=frame["value"] + " not in " + low.astype(str) + "–" + high.astype(str))

    c.unique(OBSERVATION_KEY, "duplicate-key", "the same indicator, year, months, as_of and source appear twice")

    quote = frame["quote"]
    note = frame["note"]
    kind = src.map(sources["kind"]) if len(sources) else pd.Series("", index=frame.index)
    article = (kind == "article") & (quote != "")
    _check_quotes(c, frame, src, quote, article, texts, OBSERVATIONS.name)
    derived = note.str.lower().str.startswith("derived:")
    _check_value_in_quote(c, quote, value, article & ~derived & value.notna())
    dataset = (kind == "dataset") & value.notna() & year_ok
    _check_dataset_values(c, frame, src, ind, year, dataset, indicators, datasets)
    series = (kind == "dataset") & ind.isin(indicators.index) & (quote != "") & ~c.bad
    _check_series_definitions(c, src, ind, quote, series)

    typed = frame.loc[~c.bad].copy()
    for col in ("indicator", "source_id", "qualifier", "status", "as_of"):
        typed[col] = typed[col]
    typed["year"] = year[~c.bad].astype("int64")
    typed["months"] = months[~c.bad].astype("Int64")
    typed["as_of"] = as_of[~c.bad]
    typed["value"] = value[~c.bad]
    rejected = frame.loc[c.bad].copy()
    _warn_conflicts(c, typed)
    if len(rejected):
        by_line: dict[int, list[str]] = {}
        for p in c.problems:
            if p.severity == "error":
                by_line.setdefault(p.line, []).append(f"{p.column}: {p.message}")
        rejected["problems"] = rejected[LINE].map(lambda line: "; ".join(by_line.get(int(line), [])))
    return typed.reset_index(drop=True), rejected.reset_index(drop=True), c.problems


def _quote_in(quote: str, text: str) -> bool:
    return (quote in text and quote.strip() != "") or normalize_text(quote) in text


def _check_quotes(c: _Checker, frame, src, quote, mask, texts, file) -> None:
    """Is each quote in its article? Looked up once per distinct (source, quote) pair."""
    if not mask.any():
        return
    rows = np.flatnonzero(np.asarray(mask))
    src_rows, quote_rows = src.iloc[rows], quote.iloc[rows]
    codes, uniques = pd.factorize(src_rows.str.cat(quote_rows, sep="\x1f"))
    _, first = np.unique(codes, return_index=True)
    # Most quotes are copied clean: look them up as written, and normalise only those not found.
    found = np.fromiter((_quote_in(q, texts.get(s, "")) for s, q in
                         zip(src_rows.iloc[first].tolist(), quote_rows.iloc[first].tolist())),
                        dtype=bool, count=len(first))
    missing = np.zeros(len(frame), dtype=bool)
    missing[rows] = ~found[codes]
    c.flag(missing, "quote-not-in-source", "quote", "the quote is not in the source text")


def _check_value_in_quote(c: _Checker, quote, value, mask) -> None:
    """Is the value among the numbers the quote writes (Vietnamese notation, unsigned)?"""
    if not mask.any():
        return
    rows = np.flatnonzero(np.asarray(mask))
    numbers = numbers_in_texts(quote.iloc[rows].reset_index(drop=True))
    wanted = np.abs(value.to_numpy(dtype=float)[rows])[numbers["row"].to_numpy()]
    hit = np.isclose(numbers["number"].to_numpy(), wanted, rtol=1e-9, atol=1e-9)
    ok = np.zeros(len(rows), dtype=bool)
    ok[numbers["row"].to_numpy()[hit]] = True
    missing = np.zeros(len(quote), dtype=bool)
    missing[rows[~ok]] = True
    c.flag(missing, "value-not-in-quote", "value",
           "the value is not a number the quote writes, and the note does not start with 'derived:'")


def _check_dataset_values(c: _Checker, frame, src, ind, year, mask, indicators, datasets) -> None:
    """A dataset-sourced value must equal the dataset's value for its series and year, scaled exactly."""
    if not mask.any():
        return
    rows = pd.DataFrame({
        "src": src[mask], "series_code": frame["quote"][mask], "year": year[mask],
        "text": frame["value"][mask], "unit": ind[mask].map(indicators["unit"]),
    })
    found = ds.match(rows, datasets).reindex(frame.index)
    flags = found.drop(columns="shown").fillna(False).astype(bool)
    shown = found["shown"].fillna("")
    c.flag(flags["no_series"], "unknown-series", "quote", "the dataset file has no such series code")
    c.flag(flags["no_year"], "dataset-mismatch", "year", "the dataset has no value for this series and year")
    c.flag(flags["unscalable"], "dataset-mismatch", "value", "the dataset's unit cannot be scaled to the indicator's unit",
           values=shown)
    c.flag(flags["mismatch"], "dataset-mismatch", "value", "differs from the dataset's value once scaled", values=shown)


def _check_series_definitions(c: _Checker, src, ind, code, mask) -> None:
    """An indicator never mixes two definitions in one series: per source, one indicator takes one
    series code, and one series code feeds one indicator."""
    if not mask.any():
        return
    rows = pd.DataFrame({"ind": ind[mask], "src": src[mask], "code": code[mask]})
    shown = ds.split_series(rows, ["ind", "src"], "code",
                            lambda r, main, n: f"{r.code}; {r.ind} from {r.src} otherwise uses {main} ({n} rows)",
                            lambda r, others: f"{r.code}; {r.ind} from {r.src} also uses {others}")
    shown = shown.reindex(c.frame.index).fillna("")
    c.flag(shown != "", "mixed-series", "quote",
           "this indicator takes another series code from the same source: two definitions in one series",
           values=shown)
    shown = ds.split_series(rows, ["src", "code"], "ind",
                            lambda r, main, n: f"{r.code} under {r.ind}; otherwise under {main} ({n} rows)",
                            lambda r, others: f"{r.code} under {r.ind}; also under {others}")
    shown = shown.reindex(c.frame.index).fillna("")
    c.flag(shown != "", "series-reused", "indicator", "this series of the source is also filed under another indicator",
           values=shown)


_QUALIFIER_WORD = {"about": "about ", "nearly": "nearly ", "over": "over ", "under": "under ", "within": "within "}
_OTHERS_SHOWN = 3  # a source difference names at most this many other values


def _warn_conflicts(c: _Checker, typed: pd.DataFrame) -> None:
    """Warnings on valid rows: sources that disagree; a year with both partial and full figures."""
    if typed.empty:
        return
    # A forecast and an outturn for the same period are not in conflict: compare like with like.
    period = ["indicator", "year", "months", "as_of", "status"]
    keyed = typed.assign(months=typed["months"].fillna(0), as_of=typed["as_of"].fillna(pd.Timestamp(0)))
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
    flows = typed[typed["months"].notna()]
    if flows.empty:
        return
    has_full = (flows["months"] == 12).groupby([flows["indicator"], flows["year"]]).transform("any")
    partial = flows[has_full & (flows["months"] != 12)]
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
    given = set(observations[["indicator", "source_id"]].drop_duplicates().itertuples(index=False, name=None))
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
    src = frame["source_id"]
    c.flag(~src.isin(sources.index) & (src != ""), "unknown-source", "source_id",
           "unknown source (not in sources.csv, or its row there has errors)")
    kind = src.map(sources["kind"]) if len(sources) else pd.Series("", index=frame.index)
    article = (kind == "article") & (frame["quote"] != "")
    _check_quotes(c, frame, src, frame["quote"], article, texts, EVENTS.name)
    typed = frame.loc[~c.bad].copy()
    typed["date_text"] = typed["date"]  # as printed: "2021-01" keeps its precision
    typed["date"] = date[~c.bad]
    for col in ("kind", "code", "source_id"):
        typed[col] = typed[col]
    return typed.sort_values("date").reset_index(drop=True), c.problems
