"""The URL <-> typed view of Overview, Trends, Compare and Sources, and the language; pure (no Streamlit).
Partners' and Peers' are in partners_state.py and peers_state.py.

The page is the URL path. Which parameters a page reads is its row of registry.PAGES (a parser reads only
those, through urls.page_params); what each means and takes is README's "Sharing a view" table. Every
parameter is optional. Parsing (`parse_*`: a dict of lists of strings in, a typed view and the notices out)
never raises: an unknown parameter, or a value that is not allowed, is ignored and named in a `urls.Notice`,
and the page then rewrites the URL without it. `View.to_params()` is the way back: parsing it gives the same
view. state.py keeps the widgets and the URL in step.

`catalog` and `peers_catalogue` say what a dataset's parameters may name; the pages (through caches.py) and the
data API (api/) parse against them, so an address of either reads the same view.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

import pandas as pd

from vnintegration.core import analysis, peers
from vnintegration.core.analysis import ALL_SOURCES, CARD_SPANS, NEWEST, PREFERRED
from vnintegration.core.model import STATUSES
from vnintegration.core.words import LANGS
from vnintegration.dashboard import urls
from vnintegration.dashboard.peers_state import PeersChoices
from vnintegration.dashboard.urls import Notice, Params

TRANSFORMS = ("level", "yoy", "ytd")
VIEWS = ("chart", "table")


# ---------------------------------------------------------------------------------------------- views


def catalog(dataset, frame: pd.DataFrame, figures: pd.DataFrame) -> dict:
    """What URL parsing needs to know of a dataset: ids, years, defaults. FRAME: its national figures enriched
    (analysis.enrich); FIGURES: every figure (a figure's line: any figure, national or not). The pages and the data
    API (api/) parse their parameters against the same catalogue."""
    return {
        "indicators": list(dataset.indicators.index),
        "sources": list(dataset.sources.index),
        "years": analysis.years_with_data(frame),
        "lines": [int(x) for x in figures["_line"]],
        "default_indicators": analysis.default_trend_indicators(frame, dataset.indicators),
        "series": list(dict.fromkeys(frame["series"])),
    }


def peers_catalogue(data: peers.PeerData) -> dict:
    """What the Peers URL and widgets may name: series, and per series its years and transforms; economies."""
    series = peers.offered_series(data)
    return {
        "series": series,
        "years": {s: peers.year_range(data, s) for s in series},
        "default_years": {s: peers.default_years(data, s) for s in series},
        "transforms": {s: peers.transforms_for(data, s) for s in series},
        "economies": [c for c in peers.ECONOMIES if c in set(data.rows["country"])],
    }


def peers_choices(cat: dict) -> PeersChoices:
    """`peers_catalogue` as peers_state.parse_peers reads it (the Peers page and the data API)."""
    return PeersChoices(
        economies=cat["economies"], series=cat["series"], years=cat["years"].__getitem__,
        default_years=cat["default_years"].__getitem__, transforms=cat["transforms"].__getitem__,
        default_countries=peers.DEFAULT_COUNTRIES,
        default_series=peers.DEFAULT_SERIES if peers.DEFAULT_SERIES in cat["series"] else cat["series"][0])


def parse_lang(params: Params) -> tuple[str, list[Notice]]:
    notices: list[Notice] = []
    return urls.choice(urls.normalize(params), "lang", LANGS, "vi", notices), notices


@dataclass(frozen=True)
class TrendsView:
    indicators: tuple[str, ...]
    year_from: int
    year_to: int
    transform: str = "level"
    view: str = "chart"
    events: bool = True
    source: str = ALL_SOURCES  # ALL_SOURCES, PREFERRED, or a series (analysis.ARTICLES or a dataset's id)

    def to_params(self) -> dict[str, str]:
        params = {"ind": ",".join(self.indicators), "from": str(self.year_from), "to": str(self.year_to)}
        if self.transform != "level":
            params["tf"] = self.transform
        if self.view != "chart":
            params["view"] = self.view
        if not self.events:
            params["ev"] = "0"
        if self.source != ALL_SOURCES:
            params["src"] = self.source
        return params


def parse_trends(params: Params, indicators: Sequence[str], years: tuple[int, int],
                 default_indicators: Sequence[str], default_years: tuple[int, int] | None = None,
                 series: Sequence[str] = ()) -> tuple[TrendsView, list[Notice]]:
    """`indicators`: known ids; `years`: (first, last) year with data; `series`: the source series with
    data (src may name one of them, or be `all`); the defaults apply where a parameter is absent or ignored
    (`default_years`: the whole range unless given)."""
    params, notices = urls.page_params(params, "trends")
    chosen = urls.ids(params, "ind", indicators, "unknown_indicator", notices, default_indicators)
    lo, hi = years
    default_lo, default_hi = default_years or years
    year_from = urls.year(params, "from", (lo, hi), max(lo, min(default_lo, hi)), notices)
    year_to = urls.year(params, "to", (lo, hi), min(hi, max(default_hi, lo)), notices)
    if year_from > year_to:
        notices.append(Notice("from", f"{year_from}>{year_to}", "swapped"))
        year_from, year_to = year_to, year_from
    transform = urls.choice(params, "tf", TRANSFORMS, "level", notices)
    view = urls.choice(params, "view", VIEWS, "chart", notices)
    events = urls.choice(params, "ev", ("1", "0"), "1", notices) == "1"
    source = _source(params, series, notices)
    return TrendsView(chosen, year_from, year_to, transform, view, events, source), notices


def _source(params, series: Sequence[str], notices: list[Notice]) -> str:
    raw = urls.last(params, "src")
    if raw is None:
        return ALL_SOURCES
    value = raw.strip()
    if value in (PREFERRED, ALL_SOURCES) or value in series:
        return value
    notices.append(Notice("src", raw, "unknown_source"))
    return ALL_SOURCES


@dataclass(frozen=True)
class CompareView:
    year_a: int | None
    year_b: int | None

    def to_params(self) -> dict[str, str]:
        return {k: str(v) for k, v in (("a", self.year_a), ("b", self.year_b)) if v is not None}


def default_trend_years(years: tuple[int, int], span: int = 30) -> tuple[int, int]:
    """The default range on Trends: the last `span` years with data (all of them when fewer)."""
    lo, hi = years
    return max(lo, hi - span + 1), hi


def default_compare_years(years: Sequence[int]) -> tuple[int | None, int | None]:
    """The latest two years with data (A the earlier); one year twice when there is only one."""
    ordered = sorted(years)
    if not ordered:
        return None, None
    return (ordered[-2] if len(ordered) > 1 else ordered[-1]), ordered[-1]


def parse_compare(params: Params, years: Sequence[int]) -> tuple[CompareView, list[Notice]]:
    params, notices = urls.page_params(params, "compare")
    default_a, default_b = default_compare_years(years)
    allowed = set(years)
    year_a = urls.year(params, "a", allowed, default_a, notices)
    year_b = urls.year(params, "b", allowed, default_b, notices)
    return CompareView(year_a, year_b), notices


@dataclass(frozen=True)
class SourcesView:
    query: str = ""
    indicators: tuple[str, ...] = ()
    sources: tuple[str, ...] = ()
    statuses: tuple[str, ...] = ()
    year: int | None = None
    figure: int | None = None  # a line of observations.csv

    def to_params(self) -> dict[str, str]:
        params = {"q": self.query, "ind": ",".join(self.indicators), "src": ",".join(self.sources),
                  "st": ",".join(self.statuses), "y": "" if self.year is None else str(self.year),
                  "fig": "" if self.figure is None else str(self.figure)}
        return {k: v for k, v in params.items() if v}


def parse_sources(params: Params, indicators: Sequence[str], sources: Sequence[str], years: Sequence[int],
                  lines: Sequence[int] = ()) -> tuple[SourcesView, list[Notice]]:
    params, notices = urls.page_params(params, "sources")
    query = urls.last(params, "q") or ""
    if urls.too_long(query):
        notices.append(Notice("q", query, "too_long"))
        query = ""
    chosen = urls.ids(params, "ind", indicators, "unknown_indicator", notices)
    picked_sources = urls.ids(params, "src", sources, "unknown_source", notices)
    statuses = urls.ids(params, "st", STATUSES, "bad_choice", notices)
    notices = [n if not (n.param == "st" and n.reason == "bad_choice") else
               Notice(n.param, n.value, n.reason, (("choices", ", ".join(STATUSES)),)) for n in notices]
    year = urls.year(params, "y", set(years), None, notices)
    figure = None
    raw = urls.last(params, "fig")
    if raw is not None:
        if re.fullmatch(r"[0-9]{1,9}", raw.strip()) and int(raw.strip()) in set(lines):
            figure = int(raw.strip())
        else:
            notices.append(Notice("fig", raw, "bad_choice", (("choices", "observations.csv line"),)))
    return SourcesView(query.strip(), chosen, picked_sources, statuses, year, figure), notices


@dataclass(frozen=True)
class OverviewView:
    span: str = NEWEST  # analysis.CARD_SPANS: the newest period, or the latest full year

    def to_params(self) -> dict[str, str]:
        return {} if self.span == NEWEST else {"span": self.span}


def parse_overview(params: Params) -> tuple[OverviewView, list[Notice]]:
    params, notices = urls.page_params(params, "overview")
    return OverviewView(urls.choice(params, "span", CARD_SPANS, NEWEST, notices)), notices


def parse_page(params: Params, page: str) -> list[Notice]:
    """The unknown-parameter notices of PAGE (all the Import page reads from its URL besides lang)."""
    return urls.page_params(params, page)[1]
