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
