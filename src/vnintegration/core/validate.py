"""Every rule of the data model, checked by machine: text tables in, typed tables and a Report out.

Each table is checked with the one row checker (`checks.Checker`); the dataset extracts a source names are
read and checked by `datasets.read_dataset`, the partner files by `partners.check_partners`. Valid rows go on
to the typed tables; a row with an error is set aside in `rejected`, listed with its problems: nothing is
dropped silently.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

import numpy as np
import pandas as pd

from vnintegration.core import datasets as ds
from vnintegration.core import model, trade
from vnintegration.core.checks import KEBAB_OR_SNAKE, SNAKE, Checker
from vnintegration.core.load import (
    LINE,
    SOURCES_FOLDER,
    DataFiles,
    RawData,
    decode,
    is_safe_relative,
    normalize_text,
    read_data,
    rows_not_read,
)
from vnintegration.core.model import EVENTS, INDICATORS, OBSERVATION_KEY, OBSERVATIONS, SOURCES
from vnintegration.core.partners import read_partners
from vnintegration.core.periods import source_differences
from vnintegration.core.problems import ERROR, Problem, Report
from vnintegration.core.quotes import quote_in, value_in_quote
from vnintegration.core.units import dataset_shift

ROWS_NOT_READ = "row(s) not read"  # the report's count of rows that reading left out (load.rows_not_read)

# Extracts read once by datasets.read_dataset and handed on (partners.read_partners, trade.check_extracts).
TRADE_AND_PARTNER_EXTRACTS = model.TRADE_EXTRACTS + tuple(spec for _, spec in model.PARTNER_EXTRACT_COLUMNS)


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


def validate_dir(path: str | Path) -> Dataset:
    return validate(read_data(DataFiles.from_dir(path)))


def validate(raw: RawData) -> Dataset:
    """All rules of data/README.md; see the module docstring."""
    problems = list(raw.problems)
    indicators, p = _check_indicators(raw[INDICATORS.key].copy())
    problems += p
    sources, p, texts, datasets, (extracts, read_extracts) = _check_sources(raw[SOURCES.key].copy(), raw.files)
    problems += p
    # The catalogues a partner or product code is checked against (none when the directory has no such file).
    partner_data = read_partners(raw.files, read_extracts)
    partner_codes = set(partner_data.partners.index) if model.PARTNERS.name in raw.files else None
    products, p = trade.read_products(raw.files)
    problems += p
    product_codes = set(products.index) if model.PRODUCTS.name in raw.files else None
    observations, rejected, p = _check_observations(raw[OBSERVATIONS.key].copy(), indicators, sources, texts, datasets,
                                                    partner_codes, product_codes)
    problems += p
    problems += trade.check_extracts(extracts, partner_codes, product_codes, datasets)
    indicators, p = _check_preferred_sources(indicators, sources, observations)
    problems += p
    events, p = _check_events(raw[EVENTS.key].copy(), sources, texts)
    problems += p
    seen = set(problems)  # a cited partner extract's own problems came with its source above
    problems += [p for p in partner_data.problems if p not in seen]
    stats = {"indicators": len(indicators), "observations": len(observations), "sources": len(sources), "events": len(events)}
    if len(rejected):
        stats["observations set aside"] = len(rejected)
    not_read = len(rows_not_read(problems))
    if not_read:  # rows of any file read (tables, extracts) that reading left out: never dropped silently
        stats[ROWS_NOT_READ] = not_read
    report = Report(problems, stats)
    return Dataset(indicators, observations, sources, events, rejected, report, texts)


def _check_indicators(frame: pd.DataFrame):
    c = Checker(frame, INDICATORS.name)
    c.required(INDICATORS.required)
    c.pattern("id", SNAKE, "bad-id", "not a snake_case id")
    c.unique(["id"], "duplicate-id", "the id appears twice")
    c.choice("unit", model.UNITS)
    c.choice("kind", model.INDICATOR_KINDS)
    c.choice("group", model.GROUPS)
    c.choice("headline", model.YES_NO)
    low, high = c.number("min"), c.number("max")
    c.flag((low > high).to_numpy(), "bad-range", "min", "min is greater than max", values=frame["min"] + " > " + frame["max"])
    c.pattern("breaks", r"[0-9]{4}(?:;[0-9]{4})*", "bad-year",
              "not a list of four-digit years separated by ; (the years a new definition starts)")
    typed = frame.loc[~c.bad].copy()
    typed["min"], typed["max"] = low[~c.bad], high[~c.bad]
    typed["headline"] = typed["headline"] == "yes"
    return typed.set_index("id", drop=False), c.problems


def _check_sources(frame: pd.DataFrame, files: DataFiles):
    """The sources table, and each source's file read: an article's text (normalised once, for
    the quote check), a dataset's rows, or a trade extract's valid rows (for core/trade.py's checks). An article
    with no file is cited by its url: its text is not kept, so its quotes are checked against none."""
    c = Checker(frame, SOURCES.name)
    c.required(SOURCES.required)
    is_dataset = (frame["kind"] == "dataset").to_numpy()
    c.flag(is_dataset & c.blank("file"), "blank-cell", "file", "a dataset names its file under sources/")
    c.flag(~is_dataset & c.blank("file") & c.blank("url"), "blank-cell", "file",
           "an article names its text file under sources/, or its url when the text is not kept")
    c.pattern("id", KEBAB_OR_SNAKE, "bad-id", "use lower-case letters, digits, - _ .")
    c.unique(["id"], "duplicate-id", "the id appears twice")
    c.choice("kind", model.SOURCE_KINDS)
    c.dates("published", partial=True)
    given = ~c.blank("file")
    unsafe = given & ~frame["file"].map(is_safe_relative).to_numpy(dtype=bool)
    c.flag(unsafe, "unsafe-path", "file", "the path leaves the data directory")
    c.url("url")  # a link on the Sources page
    missing = given & ~unsafe & ~frame["file"].map(lambda path: path in files).to_numpy(dtype=bool)
    in_sources = frame["file"].str.startswith(SOURCES_FOLDER).to_numpy(dtype=bool)
    c.flag(missing & in_sources, "missing-file", "file", "the source file is missing")
    c.flag(missing & ~in_sources, "missing-file", "file", "the source file is missing: a data directory keeps its source "
           f"files under {SOURCES_FOLDER}")
    # A dataset carries its metadata: who publishes it, where, under which licence, how to cite it.
    for column in ds.DATASET_METADATA:
        c.flag(is_dataset & c.blank(column), "missing-metadata", column,
               "a dataset source should name its publisher, url, licence and citation")
    texts: dict[str, str] = {}
    datasets: dict[str, dict] = {}
    trade_extracts: dict[str, tuple[str, pd.DataFrame]] = {}  # source id -> (file, valid rows)
    extracts: dict[str, tuple[pd.DataFrame, list]] = {}  # partner and trade extracts: file -> (valid rows, problems)
    read: dict[tuple[str, str], tuple] = {}  # (path, kind) -> what it holds, read once however many sources name it
    ok = frame.loc[~c.bad]
    for at, sid, kind, path, line in zip(np.flatnonzero(~c.bad), ok["id"], ok["kind"], ok["file"], ok[LINE]):
        if not path:
            continue  # an article cited by its url only
        if (path, kind) not in read:
            spec = model.dataset_spec(ds.header_of_file(files[path])) if kind == "dataset" else None
            text, problem = decode(files[path], path)
            if problem or kind == "article":
                read[path, kind] = (problem, normalize_text(text) if text is not None else "")
            elif spec in TRADE_AND_PARTNER_EXTRACTS:
                rows, dataset_problems = ds.read_dataset(files, path)
                c.problems += dataset_problems
                read[path, kind] = (None, rows)
                extracts[path] = (rows, dataset_problems)
            else:
                rows, dataset_problems = ds.dataset_rows(files, path)
                c.problems += dataset_problems
                read[path, kind] = (None, rows)
        problem, held = read[path, kind]
        if problem:
            c.problems.append(Problem("encoding", SOURCES.name, int(line), "file", problem.message, path))
            c.bad[at] = True
        elif kind == "article":
            texts[sid] = held
        elif isinstance(held, pd.DataFrame):
            if "partner_row_type" in held.columns or "breakdown" in held.columns:
                trade_extracts[sid] = (path, held)
            datasets[sid] = {}
        else:
            datasets[sid] = held
    typed = frame.loc[~c.bad].copy()
    return typed.set_index("id", drop=False), c.problems, texts, datasets, (trade_extracts, extracts)


def _check_observations(frame, indicators, sources, texts, datasets, partners=None, products=None):
    c = Checker(frame, OBSERVATIONS.name)
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
    c.unique(OBSERVATION_KEY, "duplicate-key", "the same indicator, year, months, as_of and source appear twice",
             shown_if_set=("partner", "product"))
    trade.check_observations(c, values, partners, products)

    article = (kind == "article") & quoted
    # An article cited by its url only (no text kept): its quote is kept, and checked against no text.
    _check_quotes(c, article & src.isin(list(texts)).to_numpy(), texts)
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
    c.problems += trade.warn_observations(typed)
    if len(rejected):
        by_line: dict[int, list[str]] = {}
        for p in c.problems:
            if p.severity == ERROR:
                by_line.setdefault(p.line, []).append(f"{p.column}: {p.message}")
        rejected["problems"] = rejected[LINE].map(lambda line: "; ".join(by_line.get(int(line), [])))
    return typed, rejected.reset_index(drop=True), c.problems


def _check_quotes(c: Checker, mask: np.ndarray, texts: Mapping[str, str]) -> None:
    """Flag the rows of `mask` whose quote is not in their article's text (normalised)."""
    rows = np.flatnonzero(mask)
    missing = np.zeros(len(mask), dtype=bool)
    quotes, sids = c.frame["quote"].to_numpy()[rows], c.frame["source_id"].to_numpy()[rows]
    missing[rows] = [not quote_in(q, texts.get(s, "")) for q, s in zip(quotes, sids)]
    c.flag(missing, "quote-not-in-source", "quote", "the quote is not in the source text")


def _check_dataset_values(c: Checker, mask: np.ndarray, unit: np.ndarray, datasets) -> None:
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


def _check_series_definitions(c: Checker, mask: np.ndarray) -> None:
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


def _warn_source_differences(c: Checker, typed: pd.DataFrame) -> None:
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


def _warn_partial_and_full_year(c: Checker, typed: pd.DataFrame, kind: np.ndarray) -> None:
    """A warning on a part-year figure of an indicator and year that also has a full-year figure, unless it is a
    dataset's that gives that full year too (a year-to-date series by quarter holds both by design). `kind`: each
    typed row's source kind."""
    flows = typed[typed["months"].notna()]
    if not (flows["months"] != 12).any():
        return
    # An indicator of one partner and product (blank: all): exports to the US are not exports to all partners.
    what = flows["indicator"] + "|" + flows["partner"] + "|" + flows["product"]
    whole = flows[(flows["months"] == 12).to_numpy()]
    full = set(zip(what[whole.index], whole["year"]))
    dataset = whole[kind[typed.index.get_indexer(whole.index)] == "dataset"]
    own_full = set(zip(what[dataset.index], dataset["year"], dataset["source_id"]))
    partial = flows[(flows["months"] != 12).to_numpy()]
    for line, indicator, key, year, months, source in zip(partial[LINE], partial["indicator"], what[partial.index],
                                                          partial["year"], partial["months"], partial["source_id"]):
        if (key, year) in full and (key, year, source) not in own_full:
            of = "/".join(part for part in key.split("|")[1:] if part)
            c.problems.append(Problem("partial-and-full-year", c.file, int(line), "months",
                                      f"{indicator}{f' ({of})' if of else ''} {year} has both a {months}-month and "
                                      "a full-year figure",
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
    c = Checker(frame, EVENTS.name)
    c.required(EVENTS.required)
    date = c.dates("date", partial=True)
    c.choice("kind", model.EVENT_KINDS)
    c.flag(~frame["source_id"].isin(sources.index).to_numpy() & ~c.blank("source_id"), "unknown-source", "source_id",
           "unknown source (not in sources.csv, or its row there has errors)")
    article = frame["source_id"].isin(list(texts)).to_numpy() & ~c.blank("quote")
    _check_quotes(c, article, texts)
    typed = frame.loc[~c.bad].copy()
    typed["date_text"] = typed["date"]  # as printed: "2021-01" keeps its precision
    typed["date"] = date[~c.bad]
    return typed.sort_values("date").reset_index(drop=True), c.problems
