"""What the pages compute: which figure to show, what it compares with, and the change.

Pure pandas, no Streamlit. Everything starts from `enrich(dataset)`: the valid national
observations (no partner, no product) with their indicator's unit/kind/group and their source's kind,
title and publication date beside them, plus:

    end     the date the figure's period ends (a part-year figure ends with its last month)
    span    "full" (12 months), "partial" (fewer months from January) or "date" (a level or count at a date)
    series  which line a figure may be drawn on: a dataset's own id, or "articles" for every figure
            reported in the press (one figure per period, chosen by `sort_by_preference`)
    x       position on a year axis (2024.0 for year 2024; 2025.65 for 26 Aug 2025)

Domain rules kept here, once:
- like with like only: a part-year figure compares with the same months a year earlier, never with a full year;
  a level or count at a date compares with the latest earlier date;
- rates (kind `rate`, unit percent/pp) change in percentage points; ranks in places; counts at dates by
  how many; flows and stocks by relative change (%), beside the absolute change;
- a forecast or target is never the base of a change, and an outturn beats a forecast for the same period;
- two sources are never spliced into one line: a dataset is its own series;
- Trends draws an indicator's preferred source, unless the reader picks another or all of them (`shown_series`).
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from vnintegration.core.dates import partial_dates
from vnintegration.core.periods import source_differences

PERIOD = ["indicator", "year", "months", "as_of"]
ARTICLES = "articles"
STATUS_ORDER = {"actual": 0, "estimate": 1, "forecast": 2, "target": 3}
OBSERVED = ("actual", "estimate")
SPARK_MAX = 30  # points in an Overview sparkline

ENRICHED_COLUMNS = [
    "indicator", "partner", "product", "year", "months", "as_of", "value", "qualifier", "status", "source_id", "quote",
    "note", "_line",
    "unit", "kind", "group", "headline", "preferred_source", "name_vi", "name_en",
    "source_kind", "source_title", "publisher", "published", "published_ts", "url",
    "end", "span", "series", "x", "segment", "pref",
]


def break_years(text) -> tuple[int, ...]:
    """The years of an indicator's `breaks` cell ("2016", "2008;2016"): from each, the definition changes."""
    if not isinstance(text, str):
        return ()
    return tuple(sorted(int(p) for p in text.replace(",", ";").split(";") if p.strip().isdigit()))


# ---------------------------------------------------------------------------------------------- preparing


def enrich(dataset, national_only: bool = True) -> pd.DataFrame:
    """The valid observations with what every page needs beside them (see the module docstring). Only the national
    figures unless `national_only` is False (the Sources page lists every figure): a figure with a partner or a
    product (exports to the US, phone exports) is the Trade page's (core/trade.py), never a point of the
    indicator's national series."""
    obs = dataset.observations
    for column in ("partner", "product"):
        if national_only and column in obs:
            obs = obs[obs[column].fillna("") == ""]
    obs = obs.copy()
    for column in ("partner", "product"):  # always there (all blank): the Sources page writes observations.csv
        if column not in obs:
            obs[column] = ""
    ind, src = dataset.indicators, dataset.sources
    for column in ("unit", "kind", "group", "headline", "name_vi", "name_en"):
        obs[column] = obs["indicator"].map(ind[column]) if len(ind) else pd.Series(dtype=object)
    preferred = ind["preferred_source"] if "preferred_source" in ind else pd.Series("", index=ind.index)
    obs["preferred_source"] = obs["indicator"].map(preferred.fillna("").astype(str).str.strip()).fillna("")
    obs["headline"] = obs["headline"].fillna(False).astype(bool)
    for column, target in (("kind", "source_kind"), ("title", "source_title"), ("publisher", "publisher"),
                           ("published", "published"), ("url", "url")):
        values = src[column] if column in src else pd.Series("", index=src.index)
        obs[target] = obs["source_id"].map(values).fillna("").astype(str) if len(src) else ""
    obs["published_ts"] = partial_dates(obs["published"])
    months = obs["months"]
    month_end = pd.to_datetime(
        pd.DataFrame({"year": obs["year"], "month": months.fillna(12).astype("int64"), "day": 1})
    ) + pd.offsets.MonthEnd(0) if len(obs) else pd.Series(dtype="datetime64[ns]")
    obs["end"] = pd.Series(np.where(months.isna(), obs["as_of"], month_end), index=obs.index).astype("datetime64[ns]")
    obs["span"] = np.where(months.isna(), "date", np.where(months.fillna(0) == 12, "full", "partial"))
    obs["series"] = np.where(obs["source_kind"] == "dataset", obs["source_id"], ARTICLES)
    as_of = obs["as_of"]
    fraction = (as_of.dt.day_of_year - 1) / np.where(as_of.dt.is_leap_year, 366, 365)
    obs["x"] = np.where(months.isna(), obs["year"] + fraction.fillna(0), obs["year"]).astype(float)
    breaks = (ind["breaks"] if "breaks" in ind else pd.Series("", index=ind.index)).map(break_years)
    obs["segment"] = [sum(1 for b in breaks.get(i, ()) if y >= b) for i, y in zip(obs["indicator"], obs["year"])]
    obs["pref"] = preference_rank(obs)
    if obs.empty:
        return pd.DataFrame(columns=ENRICHED_COLUMNS)
    obs = obs[ENRICHED_COLUMNS].copy()
    # Plain Python strings: every page filters this frame again and again, and a NumPy object take is
    # several times cheaper than an Arrow string take (pandas 3's default string storage).
    for column in obs.columns:
        if pd.api.types.is_string_dtype(obs[column]) and not pd.api.types.is_object_dtype(obs[column]):
            obs[column] = obs[column].astype(object)
    return obs


# ---------------------------------------------------------------------------------------------- the source rule


def preference_rank(frame: pd.DataFrame) -> np.ndarray:
    """THE rule for several figures of one indicator and period: a lower rank wins.

    1. a figure of what happened (an outturn or an estimate) before a forecast, then a target (a forecast
       overtaken by the outturn is not the figure of that period);
    2. the indicator's `preferred_source`, when indicators.csv sets one: official first, so GSO's first estimate
       of a year is the figure shown even where the World Bank's later series gives the same year as an outturn
       (the data says which source is official, data/README.md; the other stays beside it, labelled);
    3. an outturn before an estimate;
    4. an article before a dataset (articles quote the latest official release; datasets lag and revise);
    5. the latest-published source first (a source with no publication date last);
    6. the source id, so that the choice is stable.

    The rank orders all rows at once (it does not depend on the grouping), so `enrich` computes it
    once, as the column `pref`, and every later choice is a sort on it.
    """
    if frame.empty:
        return np.zeros(0, dtype=np.int64)
    status = frame["status"].map(STATUS_ORDER).fillna(9)
    keys = pd.DataFrame({
        "ahead": status.map(lambda s: 0 if s <= STATUS_ORDER["estimate"] else s).to_numpy(),
        "preferred": ~is_preferred(frame).to_numpy(),
        "status": status.to_numpy(),
        "dataset": (frame["source_kind"] != "article").to_numpy(),
        "published": frame["published_ts"].to_numpy(),
        "source": frame["source_id"].to_numpy(),
    })
    order = keys.sort_values(["ahead", "preferred", "status", "dataset", "published", "source"],
                             ascending=[True, True, True, True, False, True], na_position="last", kind="mergesort").index
    rank = np.empty(len(frame), dtype=np.int64)
    rank[order.to_numpy()] = np.arange(len(frame))
    return rank


def is_preferred(frame: pd.DataFrame) -> pd.Series:
    """Which rows come from their indicator's `preferred_source` (the official figure where indicators.csv names one)."""
    return (frame["preferred_source"] != "") & (frame["source_id"] == frame["preferred_source"])


def sort_by_preference(frame: pd.DataFrame) -> pd.DataFrame:
    """`frame` with the preferred figure first (see preference_rank)."""
    if frame.empty:
        return frame
    rank = frame["pref"] if "pref" in frame else pd.Series(preference_rank(frame), index=frame.index)
    return frame.iloc[np.argsort(rank.to_numpy(), kind="stable")]


def pick_preferred(frame: pd.DataFrame, by=tuple(PERIOD)) -> pd.DataFrame:
    """One figure per group `by` (default: indicator and period), chosen by `sort_by_preference`."""
    if frame.empty:
        return frame
    return sort_by_preference(frame).drop_duplicates(subset=list(by), keep="first").sort_values(
        ["indicator", "end", "series"], kind="mergesort")


# ---------------------------------------------------------------------------------------------- changes


def change_unit(kind: str, unit: str) -> str:
    """How a change of this indicator is told: "pp" for rates, "rank" in places, "abs" for counts, else "rel"."""
    if kind == "rate" or unit in ("percent", "pp"):
        return "pp"
    if kind == "rank" or unit == "rank":
        return "rank"
    if kind == "count":
        return "abs"
    return "rel"


@dataclass(frozen=True)
class Change:
    absolute: float
    relative: float | None  # percent; None for rates and ranks, or when the base is not positive
    unit: str  # "rel" | "pp" | "abs" | "rank": see change_unit
    approximate: bool  # either figure is qualified (about, over, under, nearly, top)

    @property
    def headline(self) -> float | None:
        """The number a reader sees first: relative change for flows and stocks, else the absolute change."""
        return self.relative if self.unit == "rel" else self.absolute


def compute_change(value: float, base: float, kind: str, unit: str, qualifiers=("exact", "exact")) -> Change:
    absolute = float(value) - float(base)
    how = change_unit(kind, unit)
    relative = None
    if how in ("rel", "abs") and base > 0 and value >= 0:
        relative = (float(value) / float(base) - 1.0) * 100.0
    approximate = any((q or "exact") != "exact" for q in qualifiers)
    return Change(absolute, relative, how, approximate)


def add_changes(frame: pd.DataFrame) -> pd.DataFrame:
    """Columns change_abs, change_rel, change_unit, change (the headline number), approximate,
    from value and prev_value (vectorised compute_change)."""
    out = frame.copy()
    how = [change_unit(k, u) for k, u in zip(out["kind"], out["unit"])]
    out["change_unit"] = how
    out["change_abs"] = out["value"] - out["prev_value"]
    ok = out["change_unit"].isin(["rel", "abs"]) & (out["prev_value"] > 0) & (out["value"] >= 0)
    out["change_rel"] = np.where(ok, (out["value"] / out["prev_value"].where(ok, 1.0) - 1.0) * 100.0, np.nan)
    out["change"] = np.where(out["change_unit"] == "rel", out["change_rel"], out["change_abs"])
    out["approximate"] = (out["qualifier"].fillna("exact") != "exact") | (out["prev_qualifier"].fillna("exact") != "exact")
    return out


PREV_COLUMNS = ["year", "months", "as_of", "value", "qualifier", "status", "source_id", "series", "end", "_line"]
_BASE_COLUMNS = ["indicator", "segment", "pref"] + PREV_COLUMNS


def with_previous(rows: pd.DataFrame, pool: pd.DataFrame, shown_first: bool = False) -> pd.DataFrame:
    """`rows` with prev_* columns: the figure each row is compared with, taken from `pool`.

    A row over months compares with the same indicator and months a year earlier; a level or count
    at a date with the same indicator's latest earlier date; never across a break in the indicator's
    definition (`breaks`). Only outturns and estimates are bases.
    Among candidates: the row's own series first (a line's change stays on its line: Trends), then the source
    preference. With `shown_first` (the Overview's cards, as Compare years): the figure shown for that period (the
    source preference, so the official one) first, then the row's own series. No candidate: NaN.
    """
    out = rows.reset_index(drop=True).assign(_rid=lambda f: np.arange(len(f)))
    base = pool.loc[pool["status"].isin(OBSERVED), _BASE_COLUMNS]
    base = base[base["indicator"].isin(set(out["indicator"]))]
    found = []
    flows = out[out["months"].notna()]
    if len(flows) and len(base):
        cand = base[base["months"].notna()].assign(_next=lambda b: b["year"] + 1)
        merged = flows[["_rid", "indicator", "months", "year", "series", "segment"]].merge(
            cand, left_on=["indicator", "months", "year", "segment"], right_on=["indicator", "months", "_next", "segment"],
            suffixes=("_row", ""))
        found.append(merged.drop(columns=["year_row"]))
    levels = out[out["months"].isna()]
    if len(levels) and len(base):
        cand = base[base["months"].isna()]
        merged = levels[["_rid", "indicator", "as_of", "series", "segment"]].merge(
            cand, on=["indicator", "segment"], suffixes=("_row", ""))
        merged = merged[merged["as_of"] < merged["as_of_row"]]
        merged = merged[merged["as_of"] == merged.groupby("_rid")["as_of"].transform("max")]
        found.append(merged.drop(columns=["as_of_row"]))
    prev = pd.DataFrame(columns=["_rid"] + ["prev_" + c for c in PREV_COLUMNS])
    matches = [m for m in found if len(m)]
    if matches:
        match = pd.concat(matches, ignore_index=True)
        match["_own"] = match["series_row"] != match["series"]  # the row's own series first
        order = ["_rid", "pref", "_own"] if shown_first else ["_rid", "_own", "pref"]
        match = match.sort_values(order, kind="mergesort").drop_duplicates("_rid")
        prev = match[["_rid"] + PREV_COLUMNS].rename(columns={c: "prev_" + c for c in PREV_COLUMNS})
    out = out.drop(columns=[c for c in prev.columns if c != "_rid" and c in out]).merge(prev, on="_rid", how="left")
    return _typed_prev(out.drop(columns=["_rid"]))


def _typed_prev(out: pd.DataFrame) -> pd.DataFrame:
    out["prev_value"] = pd.to_numeric(out["prev_value"], errors="coerce").astype(float)
    out["prev_year"] = pd.to_numeric(out["prev_year"], errors="coerce").astype("Int64")
    out["prev_months"] = pd.to_numeric(out["prev_months"], errors="coerce").astype("Int64")
    out["prev_as_of"] = pd.to_datetime(out["prev_as_of"], errors="coerce")
    out["prev_end"] = pd.to_datetime(out["prev_end"], errors="coerce")
    return out


# ---------------------------------------------------------------------------------------------- overview


@dataclass
class Latest:
    """One Overview card: the latest figure, what it compares with, and a sparkline."""

    indicator: str
    row: dict
    previous: dict | None = None
    change: Change | None = None
    spark: list[float] = field(default_factory=list)
    spark_kind: str = ""  # "same" (the card's own span), "full" (full years), "dates" (levels at dates)
    spark_start: object = None
    spark_end: object = None
    beside: list[dict] = field(default_factory=list)  # the same period from the other sources, preferred first


def _beside(newest: pd.DataFrame, latest: pd.DataFrame) -> dict[str, list[dict]]:
    """Of each card's indicator, the figures of the card's own period from the other sources (one per source, the
    preferred first): the official figure is the card's, the World Bank's stays beside it, labelled."""
    out: dict[str, list[dict]] = {}
    chosen = dict(zip(latest["indicator"], latest["source_id"]))
    shown = latest.set_index("indicator")
    for indicator, rows in sort_by_preference(newest).groupby("indicator", sort=False):
        card = shown.loc[indicator]
        same = rows[(rows["source_id"] != chosen[indicator]) & (rows["year"] == card["year"])
                    & (rows["months"].fillna(0) == (0 if pd.isna(card["months"]) else card["months"]))]
        out[indicator] = same.drop_duplicates("source_id").to_dict("records")
    return out


# What the Overview's cards show: the newest period of each indicator (a part year such as January–June, compared
# with the same months a year earlier), or the latest full year (levels and counts at a date either way).
NEWEST, FULL_YEAR = "latest", "year"
CARD_SPANS = (NEWEST, FULL_YEAR)


def latest_figures(frame: pd.DataFrame, indicator_ids, span: str = NEWEST) -> list[Latest]:
    """For each indicator, the latest outturn (or, lacking one, the latest forecast), its comparable
    previous figure and change, and a sparkline of the same span from the same series. `span` NEWEST: the
    newest period, part year or not; FULL_YEAR: the newest full year (or level at a date), part years left out."""
    pool = frame[frame["status"] != "target"]
    pool = pool[pool["indicator"].isin(list(indicator_ids))]
    if span == FULL_YEAR:
        pool = pool[pool["span"] != "partial"]
    if pool.empty:
        return []
    observed = pool["status"].isin(OBSERVED)
    has_observed = observed.groupby(pool["indicator"]).transform("any")
    candidates = pool[observed | ~has_observed]  # outturns, or forecasts where there is no outturn
    newest = candidates[candidates["end"] == candidates.groupby("indicator")["end"].transform("max")]
    latest = sort_by_preference(newest).drop_duplicates("indicator")
    compared = with_previous(latest, pool, shown_first=True).set_index("indicator", drop=False)
    beside = _beside(newest, latest)
    groups = dict(list(pool.groupby("indicator", sort=False)))
    cards = []
    for indicator in [i for i in indicator_ids if i in compared.index]:
        row = compared.loc[indicator]
        card = Latest(indicator, row.drop([c for c in row.index if c.startswith("prev_")]).to_dict())
        if pd.notna(row["prev_value"]):
            card.previous = {c: row["prev_" + c] for c in PREV_COLUMNS}
            card.change = compute_change(row["value"], row["prev_value"], row["kind"], row["unit"],
                                         (row["qualifier"], row["prev_qualifier"]))
        card.beside = beside.get(indicator, [])
        rows = groups[indicator]
        observed_rows = rows[rows["status"].isin(OBSERVED)]
        _sparkline(card, row, observed_rows if len(observed_rows) else rows)
        cards.append(card)
    return cards


def _sparkline(card: Latest, row, rows: pd.DataFrame) -> None:
    rows = rows[rows["segment"] == row["segment"]]  # never across a change of definition
    own = pick_preferred(rows[rows["series"] == row["series"]], by=PERIOD)
    if row["span"] == "date":
        line, kind = own[own["span"] == "date"], "dates"
    else:
        line, kind = own[own["months"] == row["months"]], "same"
        if len(line) < 2:
            full = pick_preferred(rows[rows["span"] == "full"], by=PERIOD)
            if len(full):
                best_series = full.iloc[-1]["series"]
                line, kind = full[full["series"] == best_series], "full"
    line = line.sort_values("end").tail(SPARK_MAX)
    if len(line) < 2:
        return
    card.spark = [float(v) for v in line["value"]]
    card.spark_kind = kind
    if kind == "dates":
        card.spark_start, card.spark_end = line["as_of"].iloc[0], line["as_of"].iloc[-1]
    else:
        card.spark_start, card.spark_end = int(line["year"].iloc[0]), int(line["year"].iloc[-1])


# ---------------------------------------------------------------------------------------------- compare years


def years_with_data(frame: pd.DataFrame) -> list[int]:
    """Years holding at least one outturn, estimate or forecast, ascending."""
    return sorted(int(y) for y in frame.loc[frame["status"] != "target", "year"].unique())


def _best(rows: pd.DataFrame):
    """The most complete figure of a year: full year, else the most months, else the latest date."""
    flows = rows[rows["months"].notna()]
    if len(flows):
        return flows.sort_values("months", kind="mergesort").iloc[-1]
    return rows.sort_values("as_of", kind="mergesort").iloc[-1]


def match_years(rows_a: pd.DataFrame, rows_b: pd.DataFrame):
    """(figure A, figure B, comparable) for one indicator: the longest span both years have, or two
    levels at dates; otherwise the most complete figure of each, not comparable."""
    if rows_a.empty or rows_b.empty:
        return (None if rows_a.empty else _best(rows_a)), (None if rows_b.empty else _best(rows_b)), False
    common = set(rows_a["months"].dropna()) & set(rows_b["months"].dropna())
    if common:
        span = max(common)
        return (rows_a[rows_a["months"] == span].iloc[0], rows_b[rows_b["months"] == span].iloc[0], True)
    dates_a, dates_b = rows_a[rows_a["months"].isna()], rows_b[rows_b["months"].isna()]
    if len(dates_a) and len(dates_b):
        return _best(dates_a), _best(dates_b), True
    return _best(rows_a), _best(rows_b), False


COMPARE_SIDE = ["year", "months", "as_of", "value", "qualifier", "status", "source_id", "series", "_line", "segment"]
# Why two figures are not compared (`reason`; present.tables words it): one year has no figure (`reason_year`),
# the definition changes in between (`reason_year`: the year it changes), or they cover different spans.
NO_FIGURE, DEFINITION_BREAK, OTHER_SPAN = "no_figure", "definition_break", "other_span"


def compare_years(frame: pd.DataFrame, indicators: pd.DataFrame, year_a: int, year_b: int) -> pd.DataFrame:
    """Every indicator with a figure in year A or B, side by side (a_*, b_* columns), with the change
    where the periods match and, where they do not, why (`reason`, `reason_year`)."""
    chosen = pick_preferred(frame[(frame["status"] != "target") & frame["year"].isin([year_a, year_b])], by=PERIOD)
    groups = dict(list(chosen.groupby("indicator", sort=False)))
    records = []
    for indicator in [i for i in indicators.index if i in groups]:
        rows = groups[indicator]
        a, b, ok = match_years(rows[rows["year"] == year_a], rows[rows["year"] == year_b])
        meta = indicators.loc[indicator]
        record = {"indicator": indicator, "name_vi": meta["name_vi"], "name_en": meta["name_en"], "group": meta["group"],
                  "unit": meta["unit"], "kind": meta["kind"], "comparable": ok, "reason": "", "reason_year": None}
        for side, fig in (("a", a), ("b", b)):
            for column in COMPARE_SIDE:
                record[f"{side}_{column}"] = None if fig is None else fig[column]
        if a is None or b is None:
            record["reason"], record["reason_year"] = NO_FIGURE, year_a if a is None else year_b
        elif a["segment"] != b["segment"]:
            record["comparable"] = False
            crossed = [y for y in break_years(meta.get("breaks", "")) if min(year_a, year_b) < y <= max(year_a, year_b)]
            record["reason"], record["reason_year"] = DEFINITION_BREAK, crossed[0] if crossed else None
        elif not ok:
            record["reason"] = OTHER_SPAN
        records.append(record)
    columns = ["indicator", "name_vi", "name_en", "group", "unit", "kind", "comparable", "reason", "reason_year"] + [
        f"{s}_{c}" for s in "ab" for c in COMPARE_SIDE]
    table = pd.DataFrame(records, columns=columns)
    if table.empty:
        return table.assign(change_abs=pd.Series(dtype=float), change_rel=pd.Series(dtype=float),
                            change_unit=pd.Series(dtype=object), change=pd.Series(dtype=float),
                            approximate=pd.Series(dtype=bool))
    table["a_value"] = pd.to_numeric(table["a_value"], errors="coerce").astype(float)
    table["b_value"] = pd.to_numeric(table["b_value"], errors="coerce").astype(float)
    changed = add_changes(table.assign(value=table["b_value"], prev_value=table["a_value"],
                                       qualifier=table["b_qualifier"], prev_qualifier=table["a_qualifier"]))
    for column in ("change_abs", "change_rel", "change"):
        table[column] = changed[column].where(table["comparable"])
    table["change_unit"] = changed["change_unit"]
    table["approximate"] = changed["approximate"] & table["comparable"]
    return table


# ---------------------------------------------------------------------------------------------- trends


ALL_SOURCES, PREFERRED = "", "preferred"  # which source series Trends draws (all when absent): see shown_series


def shown_series(pool: pd.DataFrame, source: str = ALL_SOURCES) -> pd.Series:
    """Which rows of `pool` Trends draws, as a mask: of each indicator, the series of its `preferred_source`
    (every series when it has none, or when that source gives it no figure); with `source` a series (ARTICLES or
    a dataset's id), that series for the indicators it gives; with ALL_SOURCES, every series side by side."""
    if source == ALL_SOURCES or pool.empty:
        return pd.Series(True, index=pool.index)
    preferred = pool.loc[pool["source_id"] == pool["preferred_source"]].groupby("indicator")["series"].first()
    wanted = preferred.to_dict()
    if source != PREFERRED:
        wanted.update(dict.fromkeys(pool.loc[pool["series"] == source, "indicator"].unique(), source))
    series = pool["indicator"].map(wanted)
    return series.isna() | (pool["series"] == series)


def trend_points(frame: pd.DataFrame, indicator_ids, year_from: int, year_to: int,
                 transform: str = "level", source: str = ALL_SOURCES) -> pd.DataFrame:
    """The points of the Trends chart and table: one per indicator, period and series, in the years, of the
    series `shown_series` picks.

    transform "level": value is the figure. "yoy": value is the change on the comparable period a
    year earlier (pp for rates, % for flows and stocks, count or places otherwise); figures without a
    comparable period are dropped. "ytd": the year to date (`ytd_points`). `level` always holds the figure itself.
    """
    if transform == YTD:
        return ytd_points(frame, indicator_ids, year_from, year_to, source)
    pool = frame[frame["indicator"].isin(list(indicator_ids)) & (frame["status"] != "target")]
    chosen = pick_preferred(pool[shown_series(pool, source)], by=PERIOD + ["series"])
    chosen = chosen[~year_to_date_steps(chosen)]
    shown = chosen[(chosen["year"] >= year_from) & (chosen["year"] <= year_to)]
    shown = with_previous(shown, pool)
    shown = add_changes(shown)
    shown["level"] = shown["value"]
    if transform == "yoy":
        shown = shown[shown["change"].notna()].copy()
        shown["value"] = shown["change"]
    order = {i: n for n, i in enumerate(indicator_ids)}
    shown["_order"] = shown["indicator"].map(order)
    return shown.sort_values(["_order", "series", "span", "end"], kind="mergesort").drop(columns="_order").reset_index(drop=True)


def year_to_date_steps(frame: pd.DataFrame) -> np.ndarray:
    """A mask of the steps of a dataset's year to date: its part-year figures but the latest of the series' newest
    year when that year is not complete (a past year is drawn by its full-year figure, or not at all where the
    source gives none). The year-to-date view draws them; a years axis does not. An article's part-year figure is
    never a step."""
    if frame.empty:
        return np.zeros(0, dtype=bool)
    months = frame["months"].astype("Float64").fillna(-1).to_numpy(dtype=float)
    end = frame["year"].to_numpy(dtype=float) * 100 + months  # 202606: June 2026
    newest = pd.Series(end, index=frame.index).groupby([frame["indicator"], frame["series"]]).transform("max")
    return ((frame["span"] == "partial") & (frame["source_kind"] == "dataset")).to_numpy() & (end < newest.to_numpy())


YTD = "ytd"
YTD_YEARS = 4  # the year-to-date view draws the last years of the range, one line each (as GSO draws them)


def ytd_years(frame: pd.DataFrame, indicator_ids, year_from: int, year_to: int, source: str = ALL_SOURCES) -> list[int]:
    """The years the year-to-date view draws: the last YTD_YEARS of the range that hold a year-to-date figure."""
    points = _ytd_pool(frame, indicator_ids, source)
    years = sorted({int(y) for y in points["year"] if year_from <= y <= year_to})
    return years[-YTD_YEARS:]


def _ytd_pool(frame: pd.DataFrame, indicator_ids, source: str) -> pd.DataFrame:
    """The figures of the series that run through the year (a series with part-year figures of the indicator),
    over months (no levels at dates), outturns and estimates."""
    pool = frame[frame["indicator"].isin(list(indicator_ids)) & frame["status"].isin(OBSERVED)
                 & frame["months"].notna()]
    pool = pool[shown_series(pool, source)]
    through = pool.loc[pool["span"] == "partial", ["indicator", "series"]].drop_duplicates()
    return pool.merge(through, on=["indicator", "series"])


def ytd_points(frame: pd.DataFrame, indicator_ids, year_from: int, year_to: int,
               source: str = ALL_SOURCES) -> pd.DataFrame:
    """The year-to-date view's points: of each indicator, the series that give part-year figures (a series of
    full years only has no path through the year), one figure per year, months and series, for the years
    `ytd_years` picks. Each line is one indicator, series and year, drawn over months 1–12: a year not yet complete
    stops at its last month, and no line runs from one year into another. `level` holds the figure."""
    pool = _ytd_pool(frame, indicator_ids, source)
    years = ytd_years(frame, indicator_ids, year_from, year_to, source)
    chosen = pick_preferred(pool[pool["year"].isin(years)], by=PERIOD + ["series"]).copy()
    chosen["level"] = chosen["value"]
    order = {i: n for n, i in enumerate(indicator_ids)}
    chosen["_order"] = chosen["indicator"].map(order)
    return chosen.sort_values(["_order", "series", "year", "months"], kind="mergesort").drop(
        columns="_order").reset_index(drop=True)


def default_trend_indicators(frame: pd.DataFrame, indicators: pd.DataFrame, n: int = 3) -> list[str]:
    """Headline indicators with the longest full-year history (catalogue order breaks ties)."""
    if indicators.empty:
        return []
    heads = [i for i in indicators.index if bool(indicators.loc[i, "headline"])] or list(indicators.index)
    full = frame[frame["span"] == "full"].groupby("indicator")["year"].nunique()
    years = frame.groupby("indicator")["year"].nunique()
    ranked = sorted(heads, key=lambda i: (-full.get(i, 0), -years.get(i, 0), heads.index(i)))
    # Keep units few: a first pick sets the unit, others join if they share it or while panels stay <= 2.
    picked, units = [], []
    for i in ranked:
        unit = indicators.loc[i, "unit"]
        if unit in units or len(units) < 2:
            picked.append(i)
            if unit not in units:
                units.append(unit)
        if len(picked) == n:
            break
    return [i for i in picked if i in set(frame["indicator"])] or picked


# ---------------------------------------------------------------------------------------------- partners, sources


def counts_at_dates(frame: pd.DataFrame, groups=("diplomacy", "agreements"), order: dict | None = None) -> pd.DataFrame:
    """Levels and counts at dates in `groups`: one per indicator, date and series (a step chart each),
    indicators in `order` (id -> position; default: first appearance)."""
    rows = frame[frame["group"].isin(groups) & (frame["span"] == "date") & (frame["status"] != "target")]
    picked = pick_preferred(rows, by=PERIOD + ["series"])
    order = {i: n for n, i in enumerate(dict.fromkeys(frame["indicator"]))} if order is None else order
    picked = picked.assign(_order=picked["indicator"].map(order).fillna(len(order)))
    return picked.sort_values(["_order", "series", "end"], kind="mergesort").drop(columns="_order")


def conflicts(frame: pd.DataFrame) -> pd.DataFrame:
    """Figures of one indicator, period and status on which sources disagree, preferred one first
    (column `preferred`), grouped by `conflict` (a number per disagreement). What a disagreement is
    is `periods.source_differences`, the rule the validator's `source-conflict` warnings follow."""
    number = source_differences(frame)
    rows = frame[number >= 0].assign(_d=number[number >= 0])
    if rows.empty:
        return rows.drop(columns="_d").assign(conflict=pd.Series(dtype=int), preferred=pd.Series(dtype=bool))
    rows = sort_by_preference(rows)
    rows["conflict"] = pd.factorize(rows["_d"])[0]
    rows["preferred"] = ~rows.duplicated("_d", keep="first")
    return rows.sort_values(["conflict", "preferred"], ascending=[True, False]).drop(columns="_d")


def fold(text: str) -> str:
    """Lower case without diacritics, for search: "Kim ngạch Đầu tư" -> "kim ngach dau tu"."""
    text = unicodedata.normalize("NFD", str(text).lower()).replace("đ", "d")
    return "".join(ch for ch in text if not unicodedata.combining(ch))


def search_text(frame: pd.DataFrame) -> pd.Series:
    """What the Sources search looks in, folded (lower case, no diacritics), one string per figure."""
    parts = [frame[c].fillna("").astype(str) for c in
             ("indicator", "name_vi", "name_en", "quote", "note", "source_title", "publisher", "source_id", "year")]
    joined = parts[0]
    for part in parts[1:]:
        joined = joined + " | " + part
    return joined.map(fold)


def figures_mask(figures: pd.DataFrame, *, indicators: Sequence[str] = (), sources: Sequence[str] = (),
                 statuses: Sequence[str] = (), partners: Sequence[str] = (), products: Sequence[str] = (),
                 year_from: int | None = None, year_to: int | None = None) -> pd.Series:
    """The figures (enriched rows) whose indicator, source, status, partner and product are among those given
    (none given: any) and whose year is within year_from..year_to (None: open): the Sources page's filters and the
    data API's."""
    mask = pd.Series(True, index=figures.index)
    for column, values in (("indicator", indicators), ("source_id", sources), ("status", statuses),
                           ("partner", partners), ("product", products)):
        if values:
            mask &= figures[column].isin(values)
    if year_from is not None:
        mask &= figures["year"] >= year_from
    if year_to is not None:
        mask &= figures["year"] <= year_to
    return mask


def search_mask(haystack: pd.Series, query: str) -> pd.Series:
    """Every word of `query` appears (diacritics and case ignored)."""
    words = fold(query or "").split()
    mask = pd.Series(True, index=haystack.index)
    for word in words:
        mask &= haystack.str.contains(word, regex=False)
    return mask
