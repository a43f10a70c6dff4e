"""Every rule of the data model, checked by machine: text tables in, typed tables and a Report out.

Checks are vectorised over whole columns (a million rows validate in about a
second); a problem object is made only for a row that has one. Valid rows go on to
the typed tables; a row with an error is set aside in `rejected`, listed with its
problems: nothing is dropped silently.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from vnintegration import model
from vnintegration.load import LINE, DataFiles, RawData, decode, is_safe_relative, normalize_text, read_data
from vnintegration.model import EVENTS, INDICATORS, OBSERVATION_KEY, OBSERVATIONS, SOURCES
from vnintegration.numbers import numbers_in_text
from vnintegration.problems import WARNING, Problem, Report

# A dataset file's unit (as its `unit` column writes it) -> indicator unit -> factor.
DATASET_SCALE: dict[tuple[str, str], float] = {
    ("current US$", "usd_bn"): 1e-9,
    ("current US$", "usd_mn"): 1e-6,
    ("million US$", "usd_bn"): 1e-3,
    ("million US$", "usd_mn"): 1.0,
    ("billion US$", "usd_bn"): 1.0,
    ("percent", "percent"): 1.0,
    ("percent of GDP", "percent"): 1.0,
    ("agreements", "count"): 1.0,
    ("projects", "count"): 1.0,
}
DATASET_COLUMNS = ("series_code", "year", "value", "unit")

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
            self.flag(self.frame[column].str.strip() == "", "blank-cell", column, "the cell is blank")

    def choice(self, column: str, allowed, blank_ok: bool = False) -> None:
        cells = self.frame[column].str.strip()
        mask = ~cells.isin(allowed) & (cells != "")
        self.flag(mask, "bad-choice", column, f"not one of {', '.join(allowed)}")

    def number(self, column: str, blank_ok: bool = False) -> pd.Series:
        """Parse a numeric column strictly, flagging each kind of bad cell with its own hint."""
        cells = self.frame[column].str.strip()
        ok = cells.str.fullmatch(_STRICT_NUMBER)
        blank = cells == ""
        lowered = cells.str.lower()
        nonfinite = lowered.isin(["nan", "inf", "-inf", "+inf", "infinity", "-infinity", "na", "n/a", "null"])
        comma_decimal = cells.str.fullmatch(r"-?\d+,\d+")
        grouped = cells.str.fullmatch(r"-?\d{1,3}(?:[.,\s]\d{3})+(?:[.,]\d+)?") & ~ok
        other = ~ok & ~blank & ~nonfinite & ~comma_decimal & ~grouped
        self.flag(nonfinite, "not-finite", column, "not a finite number")
        self.flag(comma_decimal, "bad-number", column, "use . as the decimal mark, not ,")
        self.flag(grouped, "bad-number", column, "write the number without thousands grouping, with . as the decimal mark")
        self.flag(other, "bad-number", column, "not a number")
        values = pd.to_numeric(cells.where(ok, None), errors="coerce").astype("float64")
        overflow = ok & ~np.isfinite(values.fillna(0.0))
        self.flag(overflow, "not-finite", column, "not a finite number")
        return values.where(ok & ~overflow)

    def unique(self, columns, code: str, message: str) -> None:
        keys = self.frame[list(columns)].apply(lambda s: s.str.strip())
        dup = keys.duplicated(keep="first").to_numpy()
        if dup.any():
            first = keys.drop_duplicates(keep="first")
            first_line = dict(zip(map(tuple, first.to_numpy()), self.frame.loc[first.index, LINE]))
            shown = [" / ".join(k) + f"; first on line {first_line[tuple(k)]}" for k in keys.loc[dup].to_numpy()]
            self.flag(dup, code, columns[0], message, values=shown)

    def dates(self, column: str, partial: bool, blank_ok: bool) -> pd.Series:
        """Parse ISO dates (partial ones padded to their first day); flag malformed ones."""
        cells = self.frame[column].str.strip()
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
    ids = frame["id"].str.strip()
    c.flag(~ids.str.fullmatch(_SNAKE.pattern) & (ids != ""), "bad-id", "id", "not a snake_case id")
    c.unique(["id"], "duplicate-id", "the id appears twice")
    c.choice("unit", model.UNITS)
    c.choice("kind", model.INDICATOR_KINDS)
    c.choice("group", model.GROUPS)
    c.choice("headline", model.YES_NO)
    low, high = c.number("min"), c.number("max")
    c.flag(low > high, "bad-range", "min", "min is greater than max", values=frame["min"] + " > " + frame["max"])
    typed = frame.loc[~c.bad].copy()
    typed["id"] = typed["id"].str.strip()
    typed["min"], typed["max"] = low[~c.bad], high[~c.bad]
    typed["headline"] = typed["headline"].str.strip() == "yes"
    return typed.set_index("id", drop=False), c.problems


def _check_sources(frame: pd.DataFrame, files: DataFiles):
    c = _Checker(frame, SOURCES.name)
    c.required(SOURCES.required)
    c.flag(~frame["id"].str.fullmatch(_KEBAB_OR_SNAKE.pattern) & (frame["id"] != ""), "bad-id", "id",
           "use lower-case letters, digits, - _ .")
    c.unique(["id"], "duplicate-id", "the id appears twice")
    c.choice("kind", model.SOURCE_KINDS)
    c.dates("published", partial=True, blank_ok=True)
    paths = frame["file"].str.strip()
    unsafe = (paths != "") & ~paths.map(is_safe_relative)
    c.flag(unsafe, "unsafe-path", "file", "the path leaves the data directory")
    missing = (paths != "") & ~unsafe & ~paths.map(lambda p: p in files)
    c.flag(missing, "missing-file", "file", "the source file is missing")
    texts: dict[str, str] = {}
    datasets: dict[str, pd.DataFrame] = {}
    ok = frame.loc[~c.bad]
    for index, sid, kind, path, line in zip(ok.index, ok["id"].str.strip(), ok["kind"].str.strip(),
                                            ok["file"].str.strip(), ok[LINE]):
        text, problem = decode(files[path], path)
        if problem:
            c.problems.append(Problem("encoding", SOURCES.name, int(line), "file", problem.message, path))
            c.bad[frame.index.get_loc(index)] = True
        elif kind == "article":
            texts[sid] = normalize_text(text)
        else:
            table, dataset_problems = _read_dataset(text, path)
            c.problems += dataset_problems
            datasets[sid] = table
    typed = frame.loc[~c.bad].copy()
    typed["id"] = typed["id"].str.strip()
    return typed.set_index("id", drop=False), c.problems, texts, datasets


def _read_dataset(text: str, path: str) -> tuple[pd.DataFrame, list[Problem]]:
    """A tidy dataset extract: series_code, year, value, unit (series_name may come too)."""
    import io

    try:
        table = pd.read_csv(io.StringIO(text), dtype=str, keep_default_na=False)
    except (pd.errors.ParserError, ValueError) as exc:
        return pd.DataFrame(columns=DATASET_COLUMNS), [Problem("bad-csv", path, None, "", f"the dataset cannot be read: {exc}")]
    missing = [col for col in DATASET_COLUMNS if col not in table.columns]
    if missing:
        return pd.DataFrame(columns=DATASET_COLUMNS), [
            Problem("missing-column", path, 1, col, "the dataset file lacks the column") for col in missing
        ]
    table["year"] = pd.to_numeric(table["year"], errors="coerce")
    table["value"] = pd.to_numeric(table["value"], errors="coerce")
    return table[list(DATASET_COLUMNS)], []


def _check_observations(frame, indicators, sources, texts, datasets):
    c = _Checker(frame, OBSERVATIONS.name)
    c.required(OBSERVATIONS.required)
    ind = frame["indicator"].str.strip()
    src = frame["source_id"].str.strip()
    c.flag(~ind.isin(indicators.index) & (ind != ""), "unknown-indicator", "indicator",
           "unknown indicator (not in indicators.csv, or its row there has errors)")
    c.flag(~src.isin(sources.index) & (src != ""), "unknown-source", "source_id",
           "unknown source (not in sources.csv, or its row there has errors)")

    years = frame["year"].str.strip()
    year_ok = years.str.fullmatch(r"\d{4}")
    year = pd.to_numeric(years.where(year_ok, None), errors="coerce")
    year_ok &= year.between(model.YEAR_MIN, model.YEAR_MAX)
    c.flag(~year_ok & (years != ""), "bad-year", "year", f"not a year between {model.YEAR_MIN} and {model.YEAR_MAX}")

    months_text = frame["months"].str.strip()
    months = pd.to_numeric(months_text.where(months_text.str.fullmatch(r"\d{1,2}"), None), errors="coerce")
    months_bad = (months_text != "") & ~months.between(1, 12)
    c.flag(months_bad, "bad-months", "months", "months must be a whole number from 1 to 12")

    as_of = c.dates("as_of", partial=False, blank_ok=True)
    as_of_text = frame["as_of"].str.strip()
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

    key = frame[list(OBSERVATION_KEY)].apply(lambda s: s.str.strip())
    _checker_unique(c, key)

    quote = frame["quote"]
    note = frame["note"].str.strip()
    kind = src.map(sources["kind"]) if len(sources) else pd.Series("", index=frame.index)
    article = (kind == "article") & (quote.str.strip() != "")
    _check_quotes(c, frame, src, quote, article, texts, OBSERVATIONS.name)
    derived = note.str.lower().str.startswith("derived:")
    _check_value_in_quote(c, quote, value, article & ~derived & value.notna())
    dataset = (kind == "dataset") & value.notna() & year_ok
    _check_dataset_values(c, frame, src, ind, year, value, dataset, indicators, datasets)

    typed = frame.loc[~c.bad].copy()
    for col in ("indicator", "source_id", "qualifier", "status", "as_of"):
        typed[col] = typed[col].str.strip()
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


def _checker_unique(c: _Checker, key: pd.DataFrame) -> None:
    dup = key.duplicated(keep="first").to_numpy()
    if not dup.any():
        return
    first = key.drop_duplicates(keep="first")
    first_line = dict(zip(map(tuple, first.to_numpy()), c.frame.loc[first.index, LINE]))
    shown = ["/".join(k) + f"; first on line {first_line[tuple(k)]}" for k in key.loc[dup].to_numpy()]
    c.flag(dup, "duplicate-key", "indicator", "the same indicator, year, months, as_of and source appear twice",
           values=shown)


def _check_quotes(c: _Checker, frame, src, quote, mask, texts, file) -> None:
    """Is each quote in its article? Checked once per distinct (source, quote) pair."""
    if not mask.any():
        return
    pairs = pd.DataFrame({"src": src[mask], "quote": quote[mask]}).drop_duplicates()
    found = {
        (s, q): normalize_text(q) in texts.get(s, "")
        for s, q in zip(pairs["src"], pairs["quote"])
    }
    missing = mask & pd.Series([not found.get((s, q), True) for s, q in zip(src, quote)], index=frame.index)
    c.flag(missing, "quote-not-in-source", "quote", "the quote is not in the source text")


def _check_value_in_quote(c: _Checker, quote, value, mask) -> None:
    """Is the value among the numbers the quote writes (Vietnamese notation)?"""
    if not mask.any():
        return
    numbers = {q: numbers_in_text(q) for q in quote[mask].unique()}
    ok = [
        any(math.isclose(v, n, rel_tol=1e-9, abs_tol=1e-9) for n in numbers.get(q, ()))
        for q, v in zip(quote[mask], value[mask])
    ]
    missing = mask.copy()
    missing[mask] = ~np.array(ok, dtype=bool)
    c.flag(missing, "value-not-in-quote", "value",
           "the value is not a number the quote writes, and the note does not start with 'derived:'")


def _check_dataset_values(c: _Checker, frame, src, ind, year, value, mask, indicators, datasets) -> None:
    """A dataset-sourced value must equal the dataset's value for its series and year, scaled."""
    if not mask.any():
        return
    rows = pd.DataFrame({
        "src": src[mask], "series_code": frame["quote"][mask].str.strip(), "year": year[mask],
        "value": value[mask], "unit": ind[mask].map(indicators["unit"]),
    })
    tables = [t.assign(src=sid) for sid, t in datasets.items()]
    if not tables:
        return
    lookup = pd.concat(tables, ignore_index=True).rename(columns={"value": "dataset_value", "unit": "dataset_unit"})
    lookup = lookup.drop_duplicates(["src", "series_code", "year"])
    merged = rows.reset_index().merge(lookup, on=["src", "series_code", "year"], how="left").set_index("index")
    known_series = set(zip(lookup["src"], lookup["series_code"]))
    no_series = pd.Series([(s, q) not in known_series for s, q in zip(merged["src"], merged["series_code"])],
                          index=merged.index)
    no_year = merged["dataset_value"].isna() & ~no_series
    factor = pd.Series([DATASET_SCALE.get((du, iu), np.nan) for du, iu in zip(merged["dataset_unit"], merged["unit"])],
                       index=merged.index)
    expected = merged["dataset_value"] * factor
    tolerance = 1e-9 * np.maximum(1.0, expected.abs())
    mismatch = expected.notna() & ((merged["value"] - expected).abs() > tolerance)
    unscalable = merged["dataset_value"].notna() & factor.isna()

    def full(series):
        out = pd.Series(False, index=frame.index)
        out[series.index] = series.to_numpy(dtype=bool)
        return out

    c.flag(full(no_series), "unknown-series", "quote", "the dataset file has no such series code")
    c.flag(full(no_year), "dataset-mismatch", "year", "the dataset has no value for this series and year")
    c.flag(full(unscalable), "dataset-mismatch", "value", "the dataset's unit cannot be scaled to the indicator's unit",
           values=(merged["dataset_unit"] + " -> " + merged["unit"]).reindex(frame.index).fillna(""))
    shown = (frame["value"] + " vs dataset " + expected.reindex(frame.index).map(lambda v: f"{v:.12g}")).fillna("")
    c.flag(full(mismatch), "dataset-mismatch", "value", "differs from the dataset's value once scaled", values=shown)


def _warn_conflicts(c: _Checker, typed: pd.DataFrame) -> None:
    """Warnings on valid rows: sources that disagree; a year with both partial and full figures."""
    if typed.empty:
        return
    # A forecast and an outturn for the same period are not in conflict: compare like with like.
    period = ["indicator", "year", "months", "as_of", "status"]
    keyed = typed.assign(months=typed["months"].fillna(0), as_of=typed["as_of"].fillna(pd.Timestamp(0)))
    spread = keyed.groupby(period, dropna=False)["value"].transform("nunique")
    sources_n = keyed.groupby(period, dropna=False)["source_id"].transform("nunique")
    conflict = (spread > 1) & (sources_n > 1)
    for line, ind, yr, val, sid in typed.loc[conflict, [LINE, "indicator", "year", "value", "source_id"]].itertuples(index=False):
        others = typed.loc[conflict & (typed["indicator"] == ind) & (typed["year"] == yr) & (typed["source_id"] != sid)]
        others = others[others["value"] != val]
        shown = f"{val:g} from {sid} vs " + ", ".join(f"{v:g} from {s}" for v, s in zip(others["value"], others["source_id"]))
        c.problems.append(Problem("source-conflict", c.file, int(line), "value",
                                  "another source gives a different value for the same indicator and period",
                                  shown, WARNING))
    flows = typed[typed["months"].notna()]
    if flows.empty:
        return
    by_year = flows.groupby(["indicator", "year"])["months"].agg(lambda m: (12 in set(m)) and len(set(m)) > 1)
    for (ind, yr) in by_year[by_year].index:
        rows = flows[(flows["indicator"] == ind) & (flows["year"] == yr) & (flows["months"] != 12)]
        for line, m in zip(rows[LINE], rows["months"]):
            c.problems.append(Problem("partial-and-full-year", c.file, int(line), "months",
                                      f"{ind} {yr} has both a {m}-month and a full-year figure", str(m), WARNING))


def _check_events(frame: pd.DataFrame, sources, texts):
    c = _Checker(frame, EVENTS.name)
    c.required(EVENTS.required)
    date = c.dates("date", partial=True, blank_ok=False)
    c.choice("kind", model.EVENT_KINDS)
    src = frame["source_id"].str.strip()
    c.flag(~src.isin(sources.index) & (src != ""), "unknown-source", "source_id",
           "unknown source (not in sources.csv, or its row there has errors)")
    kind = src.map(sources["kind"]) if len(sources) else pd.Series("", index=frame.index)
    article = (kind == "article") & (frame["quote"].str.strip() != "")
    _check_quotes(c, frame, src, frame["quote"], article, texts, EVENTS.name)
    typed = frame.loc[~c.bad].copy()
    typed["date_text"] = typed["date"].str.strip()  # as printed: "2021-01" keeps its precision
    typed["date"] = date[~c.bad]
    for col in ("kind", "code", "source_id"):
        typed[col] = typed[col].str.strip()
    return typed.sort_values("date").reset_index(drop=True), c.problems
