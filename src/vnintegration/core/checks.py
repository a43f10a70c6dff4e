"""The one row checker: every table and dataset extract is checked with it (validate.py, datasets.py,
partners.py).

Each check computes a mask over a table's column (pandas on text cells) and makes a problem object only for
a row that has one; a row with an error is remembered in `bad`, so the caller sets it aside. A cell is blank
when it is empty; digits are ASCII digits ([0-9]) everywhere; each kind of problem has one message, here.
"""

from __future__ import annotations

import math
import re

import numpy as np
import pandas as pd

from vnintegration.core.dates import parse_partial_date
from vnintegration.core.load import LINE
from vnintegration.core.problems import ERROR, Problem, severity_of

SNAKE = r"[a-z][a-z0-9_]*"
KEBAB_OR_SNAKE = r"[a-z0-9][a-z0-9_.-]*"
STRICT_NUMBER = re.compile(r"-?[0-9]+(?:\.[0-9]+)?(?:[eE][-+]?[0-9]+)?")
YEAR = re.compile(r"[0-9]{4}")
# A link a page shows: only a web address (never javascript:, data: or a file).
WEB_ADDRESS = r"https?://[^\s<>\"'`]+"
WTO_RTA_ID = r"[0-9]+"  # the WTO RTA database's record number: agreements.csv and the FTA extracts
_NOT_FINITE = ("nan", "inf", "-inf", "+inf", "infinity", "-infinity", "na", "n/a", "null")
_NOT_LISTED = {"unknown-partner": "not in partners.csv", "unknown-agreement": "not in agreements.csv",
               "unknown-product": "not in products.csv"}


class Checker:
    """Collects problems for one table and remembers which rows have errors."""

    def __init__(self, frame: pd.DataFrame, file: str):
        self.frame = frame
        self.file = file
        self.problems: list[Problem] = []
        self.bad = np.zeros(len(frame), dtype=bool)
        self._blank: dict[str, np.ndarray] = {}

    def ok(self) -> pd.DataFrame:
        """The rows with no error."""
        return self.frame.loc[~self.bad]

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

    def pattern(self, column: str, pattern: str, code: str, message: str) -> None:
        """Flag each written cell of the column that is not `pattern` in full."""
        self.flag(~self.matches(column, pattern) & ~self.blank(column), code, column, message)

    def year(self, column: str) -> None:
        self.pattern(column, YEAR.pattern, "bad-year", "not a four-digit year")

    def url(self, column: str) -> None:
        self.pattern(column, WEB_ADDRESS, "bad-url", "the url must be a web address starting with http:// or https://")

    def rta_id(self, column: str) -> None:
        self.pattern(column, WTO_RTA_ID, "bad-id", "a WTO RTA id is a whole number")

    def choice(self, column: str, allowed) -> None:
        mask = ~self.frame[column].isin(list(allowed)).to_numpy() & ~self.blank(column)
        self.flag(mask, "bad-choice", column, f"not one of {', '.join(allowed)}")

    def known(self, column: str, codes, code: str = "unknown-partner", split: bool = False) -> None:
        """Flag each code of the column (each of a ;-separated list when `split`) that is not in `codes`; a row
        with two unknown codes has two problems."""
        codes = set(codes)
        unknown = self.each(column, lambda cell: [part for part in (cell.split(";") if split else [cell])
                                                  if part and part not in codes], object)
        for n in range(max(map(len, unknown), default=0)):
            mask = np.array([len(parts) > n for parts in unknown], dtype=bool)
            self.flag(mask, code, column, _NOT_LISTED[code], values=[parts[n] for parts in unknown[mask]])

    def number(self, column: str) -> pd.Series:
        """Parse a numeric column strictly (NaN where it is not a number), flagging each kind of
        bad cell with its own hint."""
        cells = self.frame[column]
        strict = STRICT_NUMBER.fullmatch
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

    def unique(self, columns, code: str, message: str, column: str | None = None, shown_if_set=()) -> None:
        """Flag rows whose `columns` repeat an earlier row's, as written, in `column` (the first of them
        unless given). The value shown is the key, without the columns of `shown_if_set` where they are blank."""
        keys = self.frame[list(columns)]
        dup = keys.duplicated(keep="first").to_numpy()
        if dup.any():
            first = keys.drop_duplicates(keep="first")
            first_line = dict(zip(map(tuple, first.to_numpy()), self.frame.loc[first.index, LINE]))
            hide = [n for n, name in enumerate(columns) if name in shown_if_set]
            shown = [" / ".join(part for n, part in enumerate(k) if part or n not in hide)
                     + f"; first on line {first_line[tuple(k)]}" for k in keys.loc[dup].to_numpy()]
            self.flag(dup, code, column or columns[0], message, values=shown)

    def dates(self, column: str, partial: bool, interval: bool = False) -> pd.Series:
        """ISO dates, flagging malformed ones; each as the first day it stands for (a partial date, where
        allowed, its first day; an interval start/end, where allowed, its start's)."""
        parsed: dict[str, pd.Timestamp | None] = {}
        stamps, bad = [], np.zeros(len(self.frame), dtype=bool)
        for n, cell in enumerate(self.frame[column].tolist()):
            if cell == "":
                stamps.append(pd.NaT)
                continue
            if cell not in parsed:
                parsed[cell] = first_day(cell, partial, interval)
            found = parsed[cell]
            bad[n] = found is None
            stamps.append(pd.NaT if found is None else found)
        what = "a date YYYY-MM-DD, YYYY-MM or YYYY" if partial else "a date YYYY-MM-DD"
        self.flag(bad, "bad-date", column, f"not {what}" + (", or an interval start/end" if interval else ""))
        return pd.Series(stamps, index=self.frame.index, dtype="datetime64[ns]")

    def whole_numbers(self, column: str, digits: str) -> pd.Series:
        """Cells of ASCII digits (`digits`: a repeat such as "{4}") as numbers, NaN elsewhere."""
        full = re.compile(f"[0-9]{digits}").fullmatch
        return pd.Series(self.each(column, lambda cell: int(cell) if full(cell) else math.nan, float),
                         index=self.frame.index)


def first_day(text: str, partial: bool = True, interval: bool = False) -> pd.Timestamp | None:
    """The first day a date stands for (a partial date, when `partial`; an interval start/end, when `interval`:
    its start's), None when it is none of these."""
    parts = text.split("/") if interval and "/" in text else [text]
    if len(parts) > 2:
        return None
    days = [parse_partial_date(part) for part in parts]
    if any(day is None or (not partial and day[1] != "day") for day in days):
        return None
    return pd.Timestamp(days[0][0])


def _number_hint(text: str) -> str:
    """Why a cell is not a number, when it is one in another notation."""
    if text.lower() in _NOT_FINITE:
        return "not a finite number"
    if re.fullmatch(r"-?[0-9]+,[0-9]+", text) and not re.fullmatch(r"-?[0-9]{1,3},[0-9]{3}", text):
        return "use . as the decimal mark, not ,"
    if re.fullmatch(r"-?[0-9]{1,3}(?:[.,\s][0-9]{3})+(?:[.,][0-9]+)?", text):
        return "write the number without thousands grouping, with . as the decimal mark"
    return "not a number"


def _show(value) -> str:
    text = "" if value is None or (isinstance(value, float) and math.isnan(value)) else str(value)
    return text if len(text) <= 120 else text[:119] + "…"
