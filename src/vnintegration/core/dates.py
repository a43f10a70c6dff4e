"""A partial date: "2025-08-26", "2025-08" or "2025", as sources.csv and events.csv write them.

Parsed in one place: the validator, the pages and the formatter all read it here. A partial
date stands for its first day (2025-08 -> 1 August 2025) and keeps its precision.
"""

from __future__ import annotations

import re
from datetime import date

import pandas as pd

PARTIAL_DATE = re.compile(r"([0-9]{4})(?:-([0-9]{2})(?:-([0-9]{2}))?)?")
PRECISION = {1: "year", 2: "month", 3: "day"}


def parse_partial_date(text: str) -> tuple[date, str] | None:
    """("2025-08" -> (date(2025, 8, 1), "month")); None for anything else, blank included."""
    found = PARTIAL_DATE.fullmatch(text.strip()) if isinstance(text, str) else None
    if not found:
        return None
    parts = [int(p) for p in found.groups() if p is not None]
    try:
        day = date(parts[0], *(parts[1:] + [1, 1])[:2])
    except ValueError:
        return None
    return day, PRECISION[len(parts)]


def partial_dates(cells: pd.Series) -> pd.Series:
    """A column of partial dates -> Timestamps (each its first day), NaT where blank or malformed."""
    cache: dict[str, object] = {}
    out = []
    for cell in cells.tolist():
        if cell not in cache:
            parsed = parse_partial_date(cell) if isinstance(cell, str) else None
            cache[cell] = pd.Timestamp(parsed[0]) if parsed else pd.NaT
        out.append(cache[cell])
    return pd.Series(out, index=cells.index, dtype="datetime64[ns]")
