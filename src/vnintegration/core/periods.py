"""Which figures are like-for-like, and how a period reads in each language.

A figure covers either the first `months` months of a year (12 = full year) or is a
level/count `as_of` a date. Two figures compare only when they cover the same span:
7 months of 2025 against 7 months of 2024, never against full-year 2024.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

_MONTH_EN = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


@dataclass(frozen=True)
class Period:
    year: int
    months: int | None = None  # 1–12 from January; None for a level at a date
    as_of: pd.Timestamp | None = None

    @classmethod
    def of(cls, row) -> Period:
        """From an observation row (a Series, namedtuple or dict with year/months/as_of)."""
        get = row.get if hasattr(row, "get") else lambda k: getattr(row, k, None)
        months, as_of = get("months"), get("as_of")
        months = None if months is None or pd.isna(months) else int(months)
        as_of = None if as_of is None or pd.isna(as_of) else pd.Timestamp(as_of)
        return cls(int(get("year")), months, as_of)

    @property
    def full_year(self) -> bool:
        return self.months == 12

    @property
    def partial(self) -> bool:
        return self.months is not None and self.months < 12

    def span_label(self, lang: str = "vi") -> str:
        """The span without the year: "7 tháng" / "Jan–Jul", "cả năm" / "full year"."""
        if self.months is None:
            return ("đến " + self.as_of.strftime("%d/%m")) if lang == "vi" else ("as of " + self.as_of.strftime("%-d %b"))
        if self.months == 12:
            return "cả năm" if lang == "vi" else "full year"
        if lang == "vi":  # one pattern for every part year, as GSO's own titles write it ("quý II và 6 tháng 2026")
            return f"{self.months} tháng"
        return _MONTH_EN[0] if self.months == 1 else f"{_MONTH_EN[0]}–{_MONTH_EN[self.months - 1]}"

    def label(self, lang: str = "vi") -> str:
        """ "năm 2024", "7 tháng 2025", "đến 26/08/2025" / "2024", "Jan–Jul 2025", "as of 26 Aug 2025"."""
        if self.months is None:
            if lang == "vi":
                return "đến " + self.as_of.strftime("%d/%m/%Y")
            return "as of " + self.as_of.strftime("%-d %b %Y")
        if self.months == 12:
            return f"năm {self.year}" if lang == "vi" else str(self.year)
        return f"{self.span_label(lang)} {self.year}"

    def same_span(self, other: Period) -> bool:
        """Like-for-like: the same months from January, or both levels at a date."""
        return self.months == other.months


def comparability(a: Period, b: Period, lang: str = "vi") -> str | None:
    """None when `a` and `b` compare; otherwise why not, in words ("7 tháng vs cả năm")."""
    if a.same_span(b):
        return None
    return f"{a.span_label(lang)} vs {b.span_label(lang)}"


# A source difference: figures of one indicator, period and status (a forecast and an outturn for
# the same period are not in conflict) whose sources give different values; and of one partner and product,
# where the frame has those columns (exports to the US never differ from exports to all partners).
DIFFERENCE_KEY = ("indicator", "year", "months", "as_of", "status")
DIMENSIONS = ("partner", "product")


def source_differences(frame: pd.DataFrame) -> np.ndarray:
    """For each row of typed observations: the number of the source difference it belongs to
    (0, 1, ... in order of first appearance), or -1 when its sources agree or it stands alone.

    The validator's `source-conflict` warnings and the Sources page's list both read this."""
    if frame.empty:
        return np.full(len(frame), -1, dtype=np.int64)
    keyed = frame.assign(months=frame["months"].fillna(0), as_of=frame["as_of"].fillna(pd.Timestamp(0)))
    key = list(DIFFERENCE_KEY) + [column for column in DIMENSIONS if column in frame.columns]
    groups = keyed.groupby(key, sort=False, dropna=False)
    differ = ((groups["value"].transform("nunique") > 1) & (groups["source_id"].transform("nunique") > 1)).to_numpy()
    number = np.full(len(frame), -1, dtype=np.int64)
    if differ.any():
        number[differ] = pd.factorize(groups.ngroup().to_numpy()[differ])[0]
    return number
