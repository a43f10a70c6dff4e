"""Every rule of the data model, checked by machine: text tables in, typed tables and a Report out.

Each check computes a mask over a table's column (pandas on text cells) and makes a problem
object only for a row that has one. Valid rows go on to the typed tables; a row with an error
is set aside in `rejected`, listed with its problems: nothing is dropped silently.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from decimal import Decimal
from pathlib import Path

import numpy as np
import pandas as pd

from vnintegration.core import datasets as ds
from vnintegration.core import model
from vnintegration.core.dates import parse_partial_date
from vnintegration.core.load import (
    LINE,
    DataFiles,
    RawData,
    decode,
    is_safe_relative,
    normalize_text,
    read_data,
    read_table,
)
from vnintegration.core.model import EVENTS, INDICATORS, OBSERVATION_KEY, OBSERVATIONS, SOURCES
from vnintegration.core.periods import source_differences
from vnintegration.core.problems import ERROR, Problem, Report, severity_of
from vnintegration.core.quotes import quote_in, value_in_quote
from vnintegration.core.units import dataset_shift

_SNAKE = r"[a-z][a-z0-9_]*"
_KEBAB_OR_SNAKE = r"[a-z0-9][a-z0-9_.-]*"
_STRICT_NUMBER = r"-?[0-9]+(?:\.[0-9]+)?(?:[eE][-+]?[0-9]+)?"
_NOT_FINITE = ("nan", "inf", "-inf", "+inf", "infinity", "-infinity", "na", "n/a", "null")


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
    """Collects problems for one table and remembers which rows have errors."""

    def __init__(self, frame: pd.DataFrame, file: str):
        self.frame = frame
        self.file = file
        self.problems: list[Problem] = []
        self.bad = np.zeros(len(frame), dtype=bool)
        self._blank: dict[str, np.ndarray] = {}

    def blank(self, column: str) -> np.ndarray:
        if column not in self._blank:
            self._blank[column] = (self.frame[column] == "").to_numpy(dtype=bool)
        return self._blank[column]

    def matches(self, column: str, pattern: str) -> np.ndarray:
        full = re.compile(pattern).fullmatch
        return self.each(column, lambda cell: full(cell) is not None, bool)

    def each(self, column: str, read, dtype) -> np.ndarray:
        """`read(cell)` for every cell of the column, called once per distinct cell (years, units
        and codes repeat)."""
        codes, uniques = pd.factorize(self.frame[column], use_na_sentinel=False)
        return np.array([read(cell) for cell in uniques], dtype=dtype)[codes] if len(codes) else np.zeros(0, dtype)

    def flag(self, mask, code: str, column: str, message: str, values=None) -> None:
        """Report the rows of `mask` (an error code also sets them aside). `values` (what each row shows) may
        be a column, a list for the flagged rows, or a function of the mask: only flagged rows are ever formatted."""
        mask = np.asarray(mask, dtype=bool)
        if not mask.any():
            return
        if severity_of(code) == ERROR:
            self.bad |= mask
        rows = self.frame.loc[mask]
        if callable(values):
            values = values(mask)
        if values is None:
            shown = rows[column].tolist() if column in rows else [""] * len(rows)
        elif len(values) == len(self.frame) and len(values) != len(rows):
            shown = list(np.asarray(values, dtype=object)[mask])
        else:
            shown = list(values)
        for line, value in zip(rows[LINE].tolist(), shown):
            self.problems.append(Problem(code, self.file, int(line), column, message, _show(value)))

    def required(self, columns) -> None:
        for column in columns:
            self.flag(self.blank(column), "blank-cell", column, "the cell is blank")

    def choice(self, column: str, allowed) -> None:
        mask = ~self.frame[column].isin(list(allowed)).to_numpy() & ~self.blank(column)
        self.flag(mask, "bad-choice", column, f"not one of {', '.join(allowed)}")

    def number(self, column: str) -> pd.Series:
        """Parse a numeric column strictly (NaN where it is not a number), flagging each kind of
        bad cell with its own hint."""
        cells = self.frame[column]
        strict = re.compile(_STRICT_NUMBER).fullmatch
        values = pd.Series(self.each(column, lambda cell: float(cell) if strict(cell) else math.nan, float),
                           index=cells.index)
        ok = ~np.isnan(values.to_numpy())  # a strict number never reads as NaN
        overflow = ok & ~np.isfinite(values.to_numpy())
        self.flag(overflow, "not-finite", column, "not a finite number")
        bad = ~ok & ~self.blank(column)
        if bad.any():  # say what is wrong, only for the cells that are
            said = np.full(len(cells), "", dtype=object)
            said[bad] = [_number_hint(text) for text in cells[bad]]
            for message in dict.fromkeys(said[bad]):
                code = "not-finite" if message == "not a finite number" else "bad-number"
                self.flag(said == message, code, column, message)
        return values.where(ok & ~overflow)

    def unique(self, columns, code: str, message: str, column: str | None = None) -> None:
        """Flag rows whose `columns` repeat an earlier row's, as written, in `column` (the first of them
        unless given)."""
        keys = self.frame[list(columns)]
        dup = keys.duplicated(keep="first").to_numpy()
        if dup.any():
            first = keys.drop_duplicates(keep="first")
            first_line = dict(zip(map(tuple, first.to_numpy()), self.frame.loc[first.index, LINE]))
            shown = [" / ".join(k) + f"; first on line {first_line[tuple(k)]}" for k in keys.loc[dup].to_numpy()]
            self.flag(dup, code, column or columns[0], message, values=shown)

    def dates(self, column: str, partial: bool) -> pd.Series:
        """ISO dates (a partial one, where allowed, stands for its first day); flag malformed ones."""
        parsed: dict[str, tuple | None] = {}
        stamps, bad = [], np.zeros(len(self.frame), dtype=bool)
        for n, cell in enumerate(self.frame[column].tolist()):
            if cell == "":
                stamps.append(pd.NaT)
                continue
            if cell not in parsed:
                parsed[cell] = parse_partial_date(cell)
            found = parsed[cell]
            if found is None or (not partial and found[1] != "day"):
                bad[n] = True
                stamps.append(pd.NaT)
            else:
                stamps.append(pd.Timestamp(found[0]))
        what = "a date YYYY-MM-DD, YYYY-MM or YYYY" if partial else "a date YYYY-MM-DD"
        self.flag(bad, "bad-date", column, f"not {what}")
        return pd.Series(stamps, index=self.frame.index, dtype="datetime64[ns]")

    def whole_numbers(self, column: str, digits: str) -> pd.Series:
        """Cells of ASCII digits (`digits`: a repeat such as "{4}") as numbers, NaN elsewhere."""
        full = re.compile(f"[0-9]{digits}").fullmatch
        return pd.Series(self.each(column, lambda cell: int(cell) if full(cell) else math.nan, float),
                         index=self.frame.index)


def _number_hint(text: str) -> str:
    """Why a cell is not a number, when it is one in another notation."""
    if text.lower() in _NOT_FINITE:
        return "not a finite number"
    if re.fullmatch(r"-?\d+,\d+", text) and not re.fullmatch(r"-?\d{1,3},\d{3}", text):
        return "use . as the decimal mark, not ,"
    if re.fullmatch(r"-?\d{1,3}(?:[.,\s]\d{3})+(?:[.,]\d+)?", text):
        return "write the number without thousands grouping, with . as the decimal mark"
    return "not a number"


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
    from vnintegration.core.partners import check_partners  # the partner tables' rules live in core/partners.py
    seen = set(problems)  # a cited partner extract's own problems came with its source above
    problems += [p for p in check_partners(raw.files) if p not in seen]
    stats = {"indicators": len(indicators), "observations": len(observations), "sources": len(sources), "events": len(events)}
    if len(rejected):
        stats["observations set aside"] = len(rejected)
    report = Report(problems, stats)
    return Dataset(indicators, observations, sources, events, rejected, report, texts)


def _check_indicators(frame: pd.DataFrame):
    c = _Checker(frame, INDICATORS.name)
    c.required(INDICATORS.required)
    c.flag(~c.matches("id", _SNAKE) & ~c.blank("id"), "bad-id", "id", "not a snake_case id")
    c.unique(["id"], "duplicate-id", "the id appears twice")
    c.choice("unit", model.UNITS)
    c.choice("kind", model.INDICATOR_KINDS)
    c.choice("group", model.GROUPS)
    c.choice("headline", model.YES_NO)
    low, high = c.number("min"), c.number("max")
    c.flag((low > high).to_numpy(), "bad-range", "min", "min is greater than max", values=frame["min"] + " > " + frame["max"])
    c.flag(~c.blank("breaks") & ~c.matches("breaks", r"\d{4}(?:;\d{4})*"), "bad-year", "breaks",
           "not a list of four-digit years separated by ; (the years a new definition starts)")
    typed = frame.loc[~c.bad].copy()
    typed["min"], typed["max"] = low[~c.bad], high[~c.bad]
    typed["headline"] = typed["headline"] == "yes"
    return typed.set_index("id", drop=False), c.problems


def _check_sources(frame: pd.DataFrame, files: DataFiles):
    """The sources table, and each source's file read: an article's text (normalised once, for
    the quote check) or a dataset's rows."""
    c = _Checker(frame, SOURCES.name)
    c.required(SOURCES.required)
    c.flag(~c.matches("id", _KEBAB_OR_SNAKE) & ~c.blank("id"), "bad-id", "id", "use lower-case letters, digits, - _ .")
    c.unique(["id"], "duplicate-id", "the id appears twice")
    c.choice("kind", model.SOURCE_KINDS)
    c.dates("published", partial=True)
    given = ~c.blank("file")
    unsafe = given & ~frame["file"].map(is_safe_relative).to_numpy(dtype=bool)
    c.flag(unsafe, "unsafe-path", "file", "the path leaves the data directory")
    # The url becomes a link on the Sources page: only a web address (never javascript:, data: or a file).
    c.flag(~c.blank("url") & ~c.matches("url", r"https?://[^\s<>\"'`]+"), "bad-url", "url",
           "the url must be a web address starting with http:// or https://")
    missing = given & ~unsafe & ~frame["file"].map(lambda path: path in files).to_numpy(dtype=bool)
    c.flag(missing, "missing-file", "file", "the source file is missing")
    # A dataset carries its metadata: who publishes it, where, under which licence, how to cite it.
    is_dataset = (frame["kind"] == "dataset").to_numpy()
    for column in ds.DATASET_METADATA:
        c.flag(is_dataset & c.blank(column), "missing-metadata", column,
               "a dataset source should name its publisher, url, licence and citation")
    texts: dict[str, str] = {}
    datasets: dict[str, dict] = {}
    read: dict[tuple[str, str], tuple] = {}  # (path, kind) -> what it holds, read once however many sources name it
    ok = frame.loc[~c.bad]
    for at, sid, kind, path, line in zip(np.flatnonzero(~c.bad), ok["id"], ok["kind"], ok["file"], ok[LINE]):
        if (path, kind) not in read:
            text, problem = decode(files[path], path)
            if problem or kind == "article":
                read[path, kind] = (problem, normalize_text(text) if text is not None else "")
            else:
                rows, dataset_problems = _read_dataset(files, path)
                c.problems += dataset_problems
                read[path, kind] = (None, rows)
        problem, held = read[path, kind]
        if problem:
            c.problems.append(Problem("encoding", SOURCES.name, int(line), "file", problem.message, path))
            c.bad[at] = True
        elif kind == "article":
            texts[sid] = held
        else:
            datasets[sid] = held
    typed = frame.loc[~c.bad].copy()
    return typed.set_index("id", drop=False), c.problems, texts, datasets


def _read_dataset(files: DataFiles, path: str) -> tuple[dict, list[Problem]]:
    """A dataset extract's valid rows, (series_code, year as written) -> (value as decimal text, unit,
    "file:line"), and the file's problems. A multi-economy extract gives its home economy's rows: the
    observations are Viet Nam's figures."""
    frame, problems = read_dataset(files, path)
    if any(column in frame.columns for column, _ in model.PARTNER_EXTRACT_COLUMNS):
        return {}, problems  # a partner extract holds no series: core/partners.py reads it
    if "ytd_months" in frame.columns or "quarter_end" in frame.columns:  # a report extract: figures by year to date
        figures = ds.report_figures(frame.to_dict("records"), frame[LINE].tolist(), "quarter_end" in frame.columns)
        return {(f.code, f.year, f.months): (f.value, f.unit, f"{path}:{'+'.join(map(str, f.lines))}", f)
                for f in figures}, problems
    if model.ECONOMY_COLUMN in frame.columns:
        frame = frame[frame[model.ECONOMY_COLUMN] == model.HOME_ECONOMY]
    rows = {(code, year): (value, unit, f"{path}:{line}", None) for code, year, value, unit, line in
            zip(frame["series_code"], frame["year"], frame["value"], frame["unit"], frame[LINE])}
    return rows, problems


def read_dataset(files: DataFiles, path: str, spec: model.Table | None = None) -> tuple[pd.DataFrame, list[Problem]]:
    """A dataset extract under sources/, read with its Table spec and checked: its valid rows (text cells and
    `_line`) and its problems, at the file's own lines. The spec is `model.dataset_spec` of the file's header
    unless given: a tidy one-economy extract (series_code, year, value, unit), or a multi-economy one
    (country_code too: known economies, years in model.PEER_YEARS, units in model.PEER_UNIT_KINDS, one value
    per economy, series and year). Columns the spec does not name may come too and are ignored."""
    if spec is None:
        spec = model.dataset_spec(_header(files[path]) if path in files else [])
    multi = model.is_multi_economy(spec.columns)
    read = read_table(files, replace(spec, name=path))
    problems = [p for p in read.problems if p.code != "unknown-column"]
    if not read.readable or any(p.code == "missing-column" for p in problems):
        return read.frame.iloc[:0], problems
    frame = read.frame
    c = _Checker(frame, path)
    c.required(spec.required)
    if spec in (model.YTD_TRADE_FILE, model.REPORT_HEADLINES_FILE):
        _check_report_extract(c, spec)
        return frame.loc[~c.bad], problems + c.problems
    if spec in (spec for _, spec in model.PARTNER_EXTRACT_COLUMNS):
        _check_partner_extract(c, spec)
        return frame.loc[~c.bad], problems + c.problems
    c.number("value")
    if multi:
        c.choice(model.ECONOMY_COLUMN, (*model.PEER_COUNTRIES, *model.PEER_AGGREGATES))
        low, high = model.PEER_YEARS
        year = c.whole_numbers("year", "{4}")
        c.flag(~year.between(low, high).to_numpy() & ~c.blank("year"), "bad-year", "year",
               f"not a year in {low}–{high}")
        c.choice("unit", model.PEER_UNIT_KINDS)
        c.unique([model.ECONOMY_COLUMN, "series_code", "year"], "dataset-duplicate",
                 "the same economy, series and year appear twice", column="year")
    else:
        c.flag(~c.matches("year", r"[0-9]{4}") & ~c.blank("year"), "bad-year", "year", "not a four-digit year")
        c.unique(["series_code", "year"], "dataset-duplicate", "the same series and year appear twice")
    return frame.loc[~c.bad], problems + c.problems


def _check_report_extract(c: _Checker, spec: model.Table) -> None:
    """A report extract's rows (model.YTD_TRADE_FILE, model.REPORT_HEADLINES_FILE): numbers, periods, one row
    per period and direction (or indicator), each naming its report by a web address; a headline's value and
    share written in its quote; the year-to-date file's derived columns equal to what they derive from."""
    frame = c.frame
    c.flag(~c.blank("source_url") & ~c.matches("source_url", r"https?://[^\s<>\"'`]+"), "bad-url", "source_url",
           "the url must be a web address starting with http:// or https://")
    if spec is model.REPORT_HEADLINES_FILE:
        c.flag(~c.matches("quarter_end", r"[0-9]{4}Q[1-4]") & ~c.blank("quarter_end"), "bad-date", "quarter_end",
               "not a quarter YYYYQn")
        for column in ("value_usd_bn", "share_of_total_pct"):
            value = c.number(column).to_numpy()
            said = np.zeros(len(frame), dtype=bool)
            at = np.flatnonzero(~np.isnan(value))
            said[at] = [not value_in_quote(q, v) for q, v in zip(frame["quote_vi"].to_numpy()[at], value[at])]
            c.flag(said, "value-not-in-quote", column, "the value is not a number quote_vi writes")
        c.unique(["indicator", "quarter_end"], "dataset-duplicate", "the same indicator and quarter appear twice",
                 column="quarter_end")
        return
    c.flag(~c.matches("year", r"[0-9]{4}") & ~c.blank("year"), "bad-year", "year", "not a four-digit year")
    months_ok = frame["ytd_months"].isin(model.QUARTER_MONTHS).to_numpy()
    c.flag(~months_ok & ~c.blank("ytd_months"), "bad-months", "ytd_months",
           f"not the months of a quarter's year to date ({', '.join(model.QUARTER_MONTHS)})")
    quarter = frame["year"] + "Q" + frame["ytd_months"].map(lambda m: str(int(m) // 3) if m.isdigit() else "")
    c.flag(months_ok & (frame["quarter"] != quarter).to_numpy() & ~c.blank("quarter"), "bad-date", "quarter",
           "not the quarter its year and ytd_months give", values=lambda m: (frame["quarter"][m] + " vs " + quarter[m]).tolist())
    c.choice("direction", model.TRADE_DIRECTIONS)
    numbers = {column: c.number(column) for column in (
        "fdi_sector_ytd_usd_bn", "total_ytd_usd_bn", "domestic_sector_ytd_usd_bn_derived", "fdi_share_printed_pct",
        "fdi_share_derived_pct", "fdi_yoy_printed_pct")}
    c.unique(["year", "ytd_months", "direction"], "dataset-duplicate", "the same year, months and direction appear twice",
             column="direction")
    # The derived columns are arithmetic on the printed ones: exact for the domestic sector, one decimal for the share.
    fdi_ok, total_ok = (numbers[col].notna().to_numpy() for col in ("fdi_sector_ytd_usd_bn", "total_ytd_usd_bn"))
    # (A tie such as 56.25 may round either way: the share is right within half its last place.)
    for column, derive, within in (
            ("domestic_sector_ytd_usd_bn_derived", lambda f, t: Decimal(t) - Decimal(f), Decimal(0)),
            ("fdi_share_derived_pct", lambda f, t: 100 * Decimal(f) / Decimal(t), Decimal("0.05"))):
        wrong, shown = np.zeros(len(frame), dtype=bool), []
        cells = zip(frame["fdi_sector_ytd_usd_bn"], frame["total_ytd_usd_bn"], frame[column], numbers[column])
        for n, (fdi, total, given, read) in enumerate(cells):
            if not fdi_ok[n] or (given and math.isnan(read)) or (total and not total_ok[n]):  # flagged already
                continue
            expected = derive(fdi, total) if total_ok[n] else None
            if (expected is None) != (given == "") or (expected is not None and abs(Decimal(given) - expected) > within):
                wrong[n] = True
                shown.append(f"{given or '(blank)'} vs {'(no total)' if expected is None else round(expected, 3)}")
        c.flag(wrong, "reconciliation", column, "the derived column is not what it derives from the file's values",
               values=shown)


def _check_partner_extract(c: _Checker, spec: model.Table) -> None:
    """A partner extract's own cells (model.PARTNER_EXTRACT_COLUMNS): ids, dates, years, numbers, vocabularies; a
    yearbook partner row names its partner; an IMF position not confidential has a value."""
    frame = c.frame
    if spec in (model.FTA_PAIRS, model.FTA_LIST):
        c.flag(~c.matches("wto_rta_id", r"[0-9]+") & ~c.blank("wto_rta_id"), "bad-id", "wto_rta_id",
               "a WTO RTA id is a whole number")
        c.dates("in_force_date" if spec is model.FTA_PAIRS else "earliest_pair_in_force_date", partial=True)
        c.choice("vn_party", model.FTA_VN_PARTY)
        return
    c.flag(~c.matches("year", r"[0-9]{4}") & ~c.blank("year"), "bad-year", "year", "not a four-digit year")
    if spec is model.FDI_BY_PARTNER:
        c.choice("row_type", model.FDI_ROW_TYPES)
        c.number("projects")
        c.number("registered_capital_usd_m")
        c.flag((frame["row_type"] != "total").to_numpy() & c.blank("partner_iso3"), "blank-cell", "partner_iso3",
               "a partner row names its partner")
    else:
        c.number("position_usd_m")
        c.choice("confidential", ("0", "1"))
        c.flag((frame["confidential"] == "0").to_numpy() & c.blank("position_usd_m"), "blank-cell", "position_usd_m",
               "a position that is not confidential has a value")


def _header(data: bytes) -> list[str]:
    """The names on a CSV file's first line (none when it is not UTF-8): which spec reads the file."""
    text, _ = decode(data, "")
    return [name.strip().strip('"') for name in (text or "").partition("\n")[0].split(",")]


def _check_observations(frame, indicators, sources, texts, datasets):
    c = _Checker(frame, OBSERVATIONS.name)
    c.required(OBSERVATIONS.required)
    ind, src = frame["indicator"], frame["source_id"]
    known_ind, known_src = ind.isin(indicators.index).to_numpy(), src.isin(sources.index).to_numpy()
    c.flag(~known_ind & ~c.blank("indicator"), "unknown-indicator", "indicator",
           "unknown indicator (not in indicators.csv, or its row there has errors)")
    c.flag(~known_src & ~c.blank("source_id"), "unknown-source", "source_id",
           "unknown source (not in sources.csv, or its row there has errors)")
    kind = src.map(sources["kind"]).astype(object).fillna("").to_numpy(dtype=object)
    quoted = ~c.blank("quote")

    years = frame["year"]
    year = c.whole_numbers("year", "{4}")
    year_ok = year.between(model.YEAR_MIN, model.YEAR_MAX).to_numpy()
    c.flag(~year_ok & ~c.blank("year"), "bad-year", "year", f"not a year between {model.YEAR_MIN} and {model.YEAR_MAX}")

    months_blank = c.blank("months")
    months = c.whole_numbers("months", "{1,2}")
    c.flag(~months_blank & ~months.between(1, 12).to_numpy(), "bad-months", "months",
           "months must be a whole number from 1 to 12")

    as_of = c.dates("as_of", partial=False)
    c.flag(months_blank & c.blank("as_of"), "no-period", "months", "neither months nor as_of is set")
    c.flag((as_of.notna() & (as_of.dt.year != year)).to_numpy() & year_ok, "year-mismatch", "as_of",
           "as_of is not in the row's year",
           values=lambda m: (frame["as_of"][m] + " vs " + years[m]).tolist())

    value = c.number("value")
    c.choice("qualifier", model.QUALIFIERS)
    c.choice("status", model.STATUSES)

    low = ind.map(indicators["min"]).astype(float).to_numpy()
    high = ind.map(indicators["max"]).astype(float).to_numpy()
    values = value.to_numpy()
    with np.errstate(invalid="ignore"):
        outside = ~np.isnan(values) & ((values < low) | (values > high))
    c.flag(outside, "out-of-range", "value", "outside the indicator's plausible range",
           values=lambda m: [f"{v} not in {lo}–{hi}" for v, lo, hi in zip(frame["value"][m], low[m], high[m])])
    c.unique(OBSERVATION_KEY, "duplicate-key", "the same indicator, year, months, as_of and source appear twice")

    article = (kind == "article") & quoted
    _check_quotes(c, article, texts)
    derived = frame["note"].str.lower().str.startswith("derived:").to_numpy(dtype=bool)
    check = np.flatnonzero(article & ~derived & ~np.isnan(values))
    missing = np.zeros(len(frame), dtype=bool)
    missing[check] = [not value_in_quote(q, v) for q, v in zip(frame["quote"].to_numpy()[check], values[check])]
    c.flag(missing, "value-not-in-quote", "value",
           "the value is not a number the quote writes, and the note does not start with 'derived:'")
    dataset = (kind == "dataset") & ~np.isnan(values) & year_ok
    unit = ind.map(indicators["unit"]).astype(object).fillna("").to_numpy(dtype=object)
    _check_dataset_values(c, dataset, unit, datasets)
    series = (kind == "dataset") & known_ind & quoted & ~c.bad
    _check_series_definitions(c, series)

    keep = ~c.bad
    typed, rejected = frame.loc[keep].copy(), frame.loc[c.bad].copy()
    typed["year"] = year[keep].astype("int64")
    typed["months"] = months[keep].astype("Int64")
    typed["as_of"] = as_of[keep]
    typed["value"] = value[keep]
    typed = typed.reset_index(drop=True)
    _warn_source_differences(c, typed)
    _warn_partial_and_full_year(c, typed, kind[keep])
    if len(rejected):
        by_line: dict[int, list[str]] = {}
        for p in c.problems:
            if p.severity == ERROR:
                by_line.setdefault(p.line, []).append(f"{p.column}: {p.message}")
        rejected["problems"] = rejected[LINE].map(lambda line: "; ".join(by_line.get(int(line), [])))
    return typed, rejected.reset_index(drop=True), c.problems


def _check_quotes(c: _Checker, mask: np.ndarray, texts: Mapping[str, str]) -> None:
    """Flag the rows of `mask` whose quote is not in their article's text (normalised)."""
    rows = np.flatnonzero(mask)
    missing = np.zeros(len(mask), dtype=bool)
    quotes, sids = c.frame["quote"].to_numpy()[rows], c.frame["source_id"].to_numpy()[rows]
    missing[rows] = [not quote_in(q, texts.get(s, "")) for q, s in zip(quotes, sids)]
    c.flag(missing, "quote-not-in-source", "quote", "the quote is not in the source text")


def _check_dataset_values(c: _Checker, mask: np.ndarray, unit: np.ndarray, datasets) -> None:
    """A dataset-sourced value must equal the dataset's value for its series and year, scaled exactly."""
    frame = c.frame
    no_series, no_year, unscalable, mismatch = (np.zeros(len(frame), dtype=bool) for _ in range(4))
    shown = np.full(len(frame), "", dtype=object)
    sids, codes, written = frame["source_id"].to_numpy(), frame["quote"].to_numpy(), frame["value"].to_numpy()
    years, months, notes = frame["year"].to_numpy(), frame["months"].to_numpy(), frame["note"].to_numpy()
    uncited = np.zeros(len(frame), dtype=bool)
    shown_note = np.full(len(frame), "", dtype=object)
    series_of = {sid: {key[0] for key in rows} for sid, rows in datasets.items()}
    powers: dict[tuple[str, str], int | None] = {}  # (dataset unit, indicator unit) -> units.dataset_shift
    for n in np.flatnonzero(mask):
        rows = datasets.get(sids[n], {})
        entry = rows.get((codes[n], years[n])) or rows.get((codes[n], years[n], months[n]))
        if entry is None:
            (no_year if codes[n] in series_of.get(sids[n], ()) else no_series)[n] = True
            continue
        dataset_value, dataset_unit, where, figure = entry
        if figure is not None and (figure.url not in notes[n] or
                                   bool(figure.derived) != notes[n].lower().startswith("derived:")):
            uncited[n], shown_note[n] = True, (f"derived: {figure.derived}; " if figure.derived else "") + figure.url
        if (dataset_unit, unit[n]) not in powers:
            powers[dataset_unit, unit[n]] = dataset_shift(dataset_unit, unit[n])
        power = powers[dataset_unit, unit[n]]
        if power is None:
            unscalable[n], shown[n] = True, f"{dataset_unit} -> {unit[n]}"
        elif not ds.agrees(written[n], Decimal(dataset_value).scaleb(power)):
            mismatch[n], shown[n] = True, f"{written[n]} vs dataset {ds.shifted(dataset_value, power)} ({where})"
    c.flag(no_series, "unknown-series", "quote", "the dataset file has no such series code")
    c.flag(no_year, "dataset-mismatch", "year", "the dataset has no value for this series and year (or months)")
    c.flag(unscalable, "dataset-mismatch", "value", "the dataset's unit cannot be scaled to the indicator's unit",
           values=shown)
    c.flag(mismatch, "dataset-mismatch", "value", "differs from the dataset's value once scaled", values=shown)
    c.flag(uncited, "dataset-mismatch", "note", "a report extract's figure cites its report's address in the note, "
           "after 'derived: ...' when the extract derives it", values=shown_note)


def _check_series_definitions(c: _Checker, mask: np.ndarray) -> None:
    """An indicator never mixes two definitions in one series: per source, one indicator takes one
    series code, and one series code feeds one indicator."""
    if not mask.any():
        return
    rows = pd.DataFrame({"ind": c.frame["indicator"][mask], "src": c.frame["source_id"][mask],
                         "code": c.frame["quote"][mask]})
    checks = [
        (["ind", "src"], "code", "mixed-series", "quote",
         "this indicator takes another series code from the same source: two definitions in one series",
         lambda r, main, n: f"{r.code}; {r.ind} from {r.src} otherwise uses {main} ({n} rows)",
         lambda r, others: f"{r.code}; {r.ind} from {r.src} also uses {others}"),
        (["src", "code"], "ind", "series-reused", "indicator",
         "this series of the source is also filed under another indicator",
         lambda r, main, n: f"{r.code} under {r.ind}; otherwise under {main} ({n} rows)",
         lambda r, others: f"{r.code} under {r.ind}; also under {others}"),
    ]
    for group, member, problem, column, message, said_main, said_tie in checks:
        shown = ds.split_series(rows, group, member, said_main, said_tie)
        if len(shown):
            at = c.frame.index.get_indexer(shown.index)
            flagged = np.zeros(len(c.frame), dtype=bool)
            flagged[at] = True
            c.flag(flagged, problem, column, message, values=shown.iloc[np.argsort(at)].tolist())


_QUALIFIER_WORD = {"about": "about ", "nearly": "nearly ", "over": "over ", "under": "under ", "within": "within "}
_OTHERS_SHOWN = 3  # a source difference names at most this many other values


def _warn_source_differences(c: _Checker, typed: pd.DataFrame) -> None:
    """A warning on each valid row of a source difference (`periods.source_differences`), naming
    the other values and who gives them."""
    number = source_differences(typed)
    rows = typed[number >= 0]
    if rows.empty:
        return
    # Each value as its source writes it, with its qualifier: "over 405 from moit-party-2025".
    written = c.frame.set_index(LINE).loc[rows[LINE], "value"].to_numpy()
    said = rows["qualifier"].map(_QUALIFIER_WORD).fillna("").to_numpy() + written + " from " + rows["source_id"].to_numpy()
    groups: dict[int, list[tuple[float, str]]] = {}
    for g, value, who in zip(number[number >= 0], rows["value"], said):
        if all(v != value for v, _ in groups.setdefault(g, [])):
            groups[g].append((value, who))
    for line, mine, value, g in zip(rows[LINE], said, rows["value"], number[number >= 0]):
        others = [who for v, who in groups[g] if v != value]
        shown, more = others[:_OTHERS_SHOWN], len(others) - _OTHERS_SHOWN
        c.problems.append(Problem("source-conflict", c.file, int(line), "value",
                                  "source difference: another source gives a different value for the same "
                                  "indicator and period",
                                  f"{mine} vs " + ", ".join(shown) + (f" and {more} more" if more > 0 else "")))


def _warn_partial_and_full_year(c: _Checker, typed: pd.DataFrame, kind: np.ndarray) -> None:
    """A warning on a part-year figure of an indicator and year that also has a full-year figure, unless it is a
    dataset's that gives that full year too (a year-to-date series by quarter holds both by design). `kind`: each
    typed row's source kind."""
    flows = typed[typed["months"].notna()]
    if not (flows["months"] != 12).any():
        return
    whole = flows[(flows["months"] == 12).to_numpy()]
    full = set(zip(whole["indicator"], whole["year"]))
    dataset = whole[kind[typed.index.get_indexer(whole.index)] == "dataset"]
    own_full = set(zip(dataset["indicator"], dataset["year"], dataset["source_id"]))
    partial = flows[(flows["months"] != 12).to_numpy()]
    for line, indicator, year, months, source in zip(partial[LINE], partial["indicator"], partial["year"],
                                                     partial["months"], partial["source_id"]):
        if (indicator, year) in full and (indicator, year, source) not in own_full:
            c.problems.append(Problem("partial-and-full-year", c.file, int(line), "months",
                                      f"{indicator} {year} has both a {months}-month and a full-year figure",
                                      str(months)))


def _check_preferred_sources(indicators: pd.DataFrame, sources: pd.DataFrame, observations: pd.DataFrame):
    """An indicator's preferred_source must be a source that gives figures for it (or blank)."""
    problems: list[Problem] = []
    preferred = indicators["preferred_source"].fillna("").astype(object)
    given = set(zip(observations["indicator"], observations["source_id"]))
    for ind, sid, line in zip(indicators.index, preferred, indicators[LINE]):
        if sid and (sid not in sources.index or (ind, sid) not in given):
            problems.append(Problem("bad-preferred-source", INDICATORS.name, int(line), "preferred_source",
                                    "the preferred source gives no figure for this indicator", sid))
    return indicators.assign(preferred_source=preferred), problems


def _check_events(frame: pd.DataFrame, sources, texts):
    c = _Checker(frame, EVENTS.name)
    c.required(EVENTS.required)
    date = c.dates("date", partial=True)
    c.choice("kind", model.EVENT_KINDS)
    c.flag(~frame["source_id"].isin(sources.index).to_numpy() & ~c.blank("source_id"), "unknown-source", "source_id",
           "unknown source (not in sources.csv, or its row there has errors)")
    article = (frame["source_id"].map(sources["kind"]) == "article").to_numpy() & ~c.blank("quote")
    _check_quotes(c, article, texts)
    typed = frame.loc[~c.bad].copy()
    typed["date_text"] = typed["date"]  # as printed: "2021-01" keeps its precision
    typed["date"] = date[~c.bad]
    return typed.sort_values("date").reset_index(drop=True), c.problems
