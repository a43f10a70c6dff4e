"""Dataset extracts: read and checked, exact unit scaling, the check of each dataset-sourced value, one
definition per series.

A `dataset` source is a tidy CSV under `sources/` (series_code, year, value, unit). An observation
from it names the series code in `quote`; its value must equal the file's value for that series
and year once scaled to the indicator's unit. Scaling is a power of ten (`units.dataset_shift`),
applied to the decimal text with `Decimal`, never with float arithmetic. The observation must then
be within ULPS units in the last place of the nearest double to that exact value, so a changed
digit is caught and float noise in the 17th digit is not.
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from dataclasses import dataclass, replace
from decimal import Decimal, InvalidOperation

import numpy as np
import pandas as pd

from vnintegration.core import model
from vnintegration.core.checks import Checker
from vnintegration.core.load import LINE, DataFiles, decode, read_table
from vnintegration.core.problems import Problem
from vnintegration.core.quotes import value_in_quote

# How far, in units in the last place of the exact expected value, a dataset-sourced value may be.
ULPS = 4
# Metadata a dataset source must carry (an article may lack it: many articles print no address).
DATASET_METADATA = ("publisher", "url", "licence", "citation")


def shifted(text: str, shift: int) -> str:
    """Decimal text times 10**shift, written plainly: ("1744152761.16778", -9) -> "1.74415276116778"."""
    return format(Decimal(text.strip()).scaleb(shift).normalize(), "f")


def agrees(written: str, expected: Decimal) -> bool:
    """Is the value `written` (decimal text) the exactly scaled dataset value `expected` (`Decimal(text)
    .scaleb(units.dataset_shift(...))`), up to float noise?"""
    try:
        value = Decimal(written.strip())
    except InvalidOperation:
        return False
    return abs(value - expected) <= ULPS * Decimal(math.ulp(float(expected)))


def split_series(rows: pd.DataFrame, group: list[str], member: str, said_main, said_tie) -> pd.Series:
    """The rows whose `group` holds more than one `member` (an indicator taking two series codes
    from one source; a series code filed under two indicators), each with the text saying so, on
    `rows`' index (only those rows). The group's main member (most rows) is not flagged; with a
    tie, every row is. `said_main(row, main, n)` and `said_tie(row, others)` word it; `row` is a
    namedtuple of `rows`."""
    keys = list(zip(*(rows[column].tolist() for column in group)))
    members_of = rows[member].tolist()
    counts: dict[tuple, Counter] = defaultdict(Counter)
    for key, mine in zip(keys, members_of):
        counts[key][mine] += 1
    said = {}  # position -> (main, n) or the others of a tie
    for n, (key, mine) in enumerate(zip(keys, members_of)):
        members = counts[key]
        if len(members) < 2:
            continue
        most = max(members.values())
        top = [m for m, k in members.items() if k == most]
        if len(top) == 1 and mine != top[0]:
            said[n] = (top[0], most)
        elif len(top) > 1:
            said[n] = ", ".join(sorted(m for m in members if m != mine))
    flagged = rows.iloc[list(said)]
    return pd.Series([said_main(r, *said[n]) if isinstance(said[n], tuple) else said_tie(r, said[n])
                      for n, r in zip(said, flagged.itertuples(index=False))], index=flagged.index, dtype=object)


# ---------------------------------------------------------------------------------------------- report extracts

# The units of a report extract's figures, as a dataset file's `unit` cell (units.dataset_shift scales them).
REPORT_USD, REPORT_PERCENT = "billion US$", "percent"
TRADE_TOTAL = "trade"  # the direction of the figures derived from both directions: turnover and balance


@dataclass(frozen=True)
class ReportFigure:
    """One figure of a report extract (model.YTD_TRADE_FILE, model.REPORT_HEADLINES_FILE): an observation
    names its `code` in `quote`, and its `note` must carry `url` (the report: the figure's citation) and,
    for a derived figure, start with "derived:"."""

    code: str  # "<direction or indicator>:<column>": export:total_ytd_usd_bn, trade:balance_ytd_usd_bn
    year: str
    months: str  # the year to date: 3, 6, 9 or 12
    value: str  # decimal text, as the file writes it or computed exactly from what it writes
    unit: str  # REPORT_USD or REPORT_PERCENT
    lines: tuple[int, ...]  # the file's lines it is read from
    url: str
    source_name: str
    derived: str = ""  # how the value is computed from the file, when the file does not print it


def report_figures(records, lines, headlines: bool) -> list[ReportFigure]:
    """Every figure of a report extract's valid rows (mappings of text cells, each at its file line).

    Year-to-date trade (`headlines` False), per year, months and direction: the total and the FDI sector's
    value, and the FDI sector's share, as printed, else the extract's derived share (100 × FDI / total, one
    decimal); per year and months, with both totals, the turnover (exports + imports) and the balance
    (exports − imports), derived. Headlines (`headlines` True): each indicator's value and share of the total,
    at the quarter's end."""
    figures: list[ReportFigure] = []
    if headlines:
        for record, line in zip(records, lines):
            year, quarter = record["quarter_end"].strip().split("Q")
            common = dict(year=year, months=str(3 * int(quarter)), lines=(line,), url=record["source_url"].strip(),
                          source_name=record["source_name"].strip())
            indicator = record["indicator"].strip()
            for column, unit in (("value_usd_bn", REPORT_USD), ("share_of_total_pct", REPORT_PERCENT)):
                if record[column].strip():
                    figures.append(ReportFigure(f"{indicator}:{column}", value=record[column].strip(), unit=unit,
                                                **common))
        return figures
    totals: dict[tuple[str, str], dict[str, tuple[str, int, str, str]]] = defaultdict(dict)
    for record, line in zip(records, lines):
        year, months, direction = (record[c].strip() for c in ("year", "ytd_months", "direction"))
        url, name = record["source_url"].strip(), record["source_name"].strip()
        common = dict(year=year, months=months, lines=(line,), url=url, source_name=name)
        total = record["total_ytd_usd_bn"].strip()
        if total:
            figures.append(ReportFigure(f"{direction}:total_ytd_usd_bn", value=total, unit=REPORT_USD, **common))
            totals[year, months][direction] = (total, line, url, name)
        figures.append(ReportFigure(f"{direction}:fdi_sector_ytd_usd_bn", value=record["fdi_sector_ytd_usd_bn"].strip(),
                                    unit=REPORT_USD, **common))
        printed, derived = record["fdi_share_printed_pct"].strip(), record["fdi_share_derived_pct"].strip()
        if printed or derived:
            figures.append(ReportFigure(
                f"{direction}:fdi_share_pct", value=printed or derived, unit=REPORT_PERCENT, **common,
                derived="" if printed else "100 × fdi_sector_ytd_usd_bn / total_ytd_usd_bn, one decimal "
                                            "(the extract's fdi_share_derived_pct)"))
    for (year, months), pair in totals.items():
        if set(pair) != {"export", "import"}:
            continue
        (exports, line_x, url, name), (imports, line_m, _, _) = pair["export"], pair["import"]
        x, m = Decimal(exports), Decimal(imports)
        common = dict(year=year, months=months, lines=(line_x, line_m), url=url, source_name=name, unit=REPORT_USD)
        figures.append(ReportFigure(f"{TRADE_TOTAL}:turnover_ytd_usd_bn", value=format(x + m, "f"),
                                    derived="exports + imports (total_ytd_usd_bn)", **common))
        figures.append(ReportFigure(f"{TRADE_TOTAL}:balance_ytd_usd_bn", value=format(x - m, "f"),
                                    derived="exports − imports (total_ytd_usd_bn)", **common))
    return figures


# ---------------------------------------------------------------------------------------------- reading


def dataset_rows(files: DataFiles, path: str) -> tuple[dict, list[Problem]]:
    """A dataset extract's valid rows, (series_code, year as written) -> (value as decimal text, unit,
    "file:line"), and the file's problems. A multi-economy extract gives its home economy's rows: the
    observations are Viet Nam's figures."""
    frame, problems = read_dataset(files, path)
    if any(column in frame.columns for column, _ in model.PARTNER_EXTRACT_COLUMNS + model.TRADE_EXTRACT_COLUMNS):
        return {}, problems  # a partner or trade extract holds no series: core/partners.py, core/trade.py read it
    if "ytd_months" in frame.columns or "quarter_end" in frame.columns:  # a report extract: figures by year to date
        figures = report_figures(frame.to_dict("records"), frame[LINE].tolist(), "quarter_end" in frame.columns)
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
    read = read_table(files, replace(spec, name=path))
    problems = [p for p in read.problems if p.code != "unknown-column"]
    if not read.readable or any(p.code == "missing-column" for p in problems):
        return read.frame.iloc[:0], problems
    c = Checker(read.frame, path)
    c.required(spec.required)
    if spec in (model.YTD_TRADE_FILE, model.REPORT_HEADLINES_FILE):
        _check_report_extract(c, spec)
    elif spec in model.TRADE_EXTRACTS:
        _check_trade_extract(c, spec)
    elif spec in (partner_spec for _, partner_spec in model.PARTNER_EXTRACT_COLUMNS):
        _check_partner_extract(c, spec)
    else:
        _check_series_extract(c, model.is_multi_economy(spec.columns))
    return c.ok(), problems + c.problems


def _check_series_extract(c: Checker, multi: bool) -> None:
    """A tidy extract's rows (series_code, year, value, unit): one value per series and year (and economy, in
    a multi-economy extract, whose economies, years and units are closed lists)."""
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
        c.year("year")
        c.unique(["series_code", "year"], "dataset-duplicate", "the same series and year appear twice")


def _check_report_extract(c: Checker, spec: model.Table) -> None:
    """A report extract's rows (model.YTD_TRADE_FILE, model.REPORT_HEADLINES_FILE): numbers, periods, one row
    per period and direction (or indicator), each naming its report by a web address; a headline's value and
    share written in its quote; the year-to-date file's derived columns equal to what they derive from."""
    frame = c.frame
    c.url("source_url")
    if spec is model.REPORT_HEADLINES_FILE:
        c.pattern("quarter_end", r"[0-9]{4}Q[1-4]", "bad-date", "not a quarter YYYYQn")
        for column in ("value_usd_bn", "share_of_total_pct"):
            value = c.number(column).to_numpy()
            said = np.zeros(len(frame), dtype=bool)
            at = np.flatnonzero(~np.isnan(value))
            said[at] = [not value_in_quote(q, v) for q, v in zip(frame["quote_vi"].to_numpy()[at], value[at])]
            c.flag(said, "value-not-in-quote", column, "the value is not a number quote_vi writes")
        c.unique(["indicator", "quarter_end"], "dataset-duplicate", "the same indicator and quarter appear twice",
                 column="quarter_end")
        return
    c.year("year")
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


def _check_partner_extract(c: Checker, spec: model.Table) -> None:
    """A partner extract's own cells (model.PARTNER_EXTRACT_COLUMNS): ids, dates, years, numbers, vocabularies; a
    yearbook partner row names its partner; an IMF position not confidential has a value."""
    frame = c.frame
    if spec in (model.FTA_PAIRS, model.FTA_LIST):
        c.rta_id("wto_rta_id")
        c.dates("in_force_date" if spec is model.FTA_PAIRS else "earliest_pair_in_force_date", partial=True)
        c.choice("vn_party", model.FTA_VN_PARTY)
        return
    c.year("year")
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


def _check_trade_extract(c: Checker, spec: model.Table) -> None:
    """A trade extract's own cells (model.TRADE_EXTRACT_COLUMNS): years, flows, numbers, vocabularies, one row per
    year, flow and partner (or item and measure). Its partner and product codes are checked against the catalogues
    by core/trade.py."""
    frame = c.frame
    c.year("year")
    c.choice("flow", model.TRADE_DIRECTIONS)
    if spec is model.DOTS_FILE:
        c.number("value_usd_m")
        c.choice("partner_row_type", model.DOTS_ROW_TYPES)
        c.flag(~frame["imf_flag"].isin(model.DOTS_FLAGS).to_numpy(), "bad-choice", "imf_flag",
               "not blank or e (an IMF estimate)")
        c.choice("unit", model.DOTS_UNITS)
        c.flag((frame["partner_row_type"] == "economy").to_numpy() & c.blank("partner_iso3"), "blank-cell",
               "partner_iso3", "an economy row names its partner's ISO 3166 alpha-3 code")
        c.pattern("partner_iso3", r"[A-Z]{3}", "bad-id", "an ISO 3166 alpha-3 code (three capital letters)")
        c.unique(["year", "flow", "partner_name_imf"], "dataset-duplicate",
                 "the same year, flow and partner appear twice", column="partner_name_imf")
        return
    c.number("value")
    c.choice("preliminary", model.YES_NO)
    c.choice("breakdown", model.COMMODITY_BREAKDOWNS)
    c.choice("measure", model.COMMODITY_MEASURES)
    measure_unit = frame["measure"].map(model.COMMODITY_MEASURES)
    c.flag(measure_unit.notna().to_numpy() & (frame["unit"] != measure_unit).to_numpy() & ~c.blank("unit"),
           "bad-choice", "unit", "not the unit of its measure (value: US$ million; share: percent of total exports)")
    c.unique(["year", "flow", "breakdown", "item_vi", "measure"], "dataset-duplicate",
             "the same year, flow, item and measure appear twice", column="item_vi")


def _header(data: bytes) -> list[str]:
    """The names on a CSV file's first line (none when it is not UTF-8): which spec reads the file. Only the first
    line is decoded: the files are large."""
    text, _ = decode(data[:data.find(b"\n")] if b"\n" in data[:65536] else data, "")
    return header_of(text)


def header_of_file(data: bytes) -> list[str]:
    """The names on a CSV file's first line (none when it is not UTF-8)."""
    return _header(data)


def header_of(text: str | None) -> list[str]:
    """The names on a decoded CSV text's first line."""
    return [name.strip().strip('"') for name in (text or "").partition("\n")[0].split(",")]
