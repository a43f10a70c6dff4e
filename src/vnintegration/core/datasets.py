"""Dataset extracts: exact unit scaling, the check of each dataset-sourced value, one definition per series.

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
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

import pandas as pd

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

