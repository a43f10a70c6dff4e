"""Every endpoint of the data API in one table: its parameters, what they may name, and the table it gives.

The chart pages' endpoints (trends, compare, peers) read their parameters with the page's own parser
(dashboard/views.py, peers_state.py) and build their table with the function that builds the page's CSV download
(present/tables.py, present/peers/tables.py), so an address gives the same rows as the page's download for that
view. Where a page ignores a value with a notice, the API refuses it: `BadParameter` (a 400) names the parameter,
the value and the values allowed. A page's display settings (`view`, `ev` on Trends; `lang` where no column is
written in words) are accepted and change nothing, so that a page's query string can be pasted as it is.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

import pandas as pd

from vnintegration.api.bundle import Bundle
from vnintegration.core import analysis
from vnintegration.core import peers as core_peers
from vnintegration.core.model import STATUSES
from vnintegration.core.words import LANGS
from vnintegration.dashboard import urls, views
from vnintegration.dashboard.peers_state import parse_peers
from vnintegration.dashboard.urls import Notice, Query
from vnintegration.present import tables
from vnintegration.present.i18n import t

SOURCE = ("Vietnam's international economic integration dashboard: figures read by hand in official sources and "
          "checked by machine; every row names its source (see /api/v1/sources.json)")
LICENCE = ("Each figure keeps its source's terms (the licence column of /api/v1/sources.json; World Bank WDI: "
           "CC BY 4.0); the project's code and compilation: MIT")


class BadParameter(Exception):
    """A parameter the endpoint cannot use: the API answers 400 with these fields."""

    def __init__(self, parameter: str, value: str, message: str, allowed) -> None:
        super().__init__(f"{parameter}={value}: {message}")
        self.parameter, self.value, self.message, self.allowed = parameter, value, message, allowed


@dataclass(frozen=True)
class Table:
    frame: pd.DataFrame
    source: str = SOURCE
    licence: str = LICENCE
    numbers: tuple[str, ...] = ()  # text columns holding numbers as a data file writes them: numbers in JSON


@dataclass(frozen=True)
class Endpoint:
    name: str              # /api/v1/<name>.csv and .json
    description: str
    parameters: dict[str, str]                        # name -> what it takes
    allowed: Callable[[Bundle], dict]                 # name -> the values allowed (a list, or a range of years)
    build: Callable[[Bundle, Query], Table]
    example: str = ""                                 # a query string that works on the bundled data
    display: tuple[str, ...] = field(default=())      # the page's display settings: accepted, no effect


# ---------------------------------------------------------------------------------------------- parameters


def checked(query: Query, endpoint: Endpoint, bundle: Bundle) -> Query:
    """QUERY if every parameter is the endpoint's and has a value; else BadParameter."""
    known = (*endpoint.parameters, *endpoint.display)
    for name, values in query.items():
        if name not in known:
            raise BadParameter(name, ",".join(values), "unknown parameter", list(known))
        if not any(v.strip(" ,") for v in values):
            raise BadParameter(name, "", "empty value", endpoint.allowed(bundle).get(name, []))
    return query


def refuse_notices(notices: Sequence[Notice], allowed: dict) -> None:
    """The first value the page's parser would have ignored, as a BadParameter."""
    for notice in notices:
        if notice.reason == "swapped":
            message = "the start year is after the end year"
        else:
            message = t("reason_" + notice.reason, "en", **dict(notice.values))
        raise BadParameter(notice.param, notice.value, message, allowed.get(notice.param, []))


def _years(years: Sequence[int]) -> dict:
    return {"from": min(years), "to": max(years)} if len(years) else {}


# ---------------------------------------------------------------------------------------------- the tables


def indicators(bundle: Bundle, query: Query) -> Table:
    return Table(bundle.dataset.indicators.drop(columns="_line").reset_index(drop=True))


def sources(bundle: Bundle, query: Query) -> Table:
    return Table(bundle.dataset.sources.drop(columns="_line").reset_index(drop=True))


def events(bundle: Bundle, query: Query) -> Table:
    ev = bundle.dataset.events.sort_values("date", kind="mergesort")
    return Table(ev.assign(date=ev["date_text"]).drop(columns=["_line", "date_text"]).reset_index(drop=True))


PROVENANCE = ("source_title", "publisher", "url")


def _codes(frame: pd.DataFrame, column: str) -> list[str]:
    return sorted({str(c) for c in frame[column] if c and not pd.isna(c)}) if column in frame else []


def observations_allowed(bundle: Bundle) -> dict:
    cat, figures = bundle.catalog, bundle.figures
    return {"ind": cat["indicators"], "from": _years(figures["year"].tolist()), "to": _years(figures["year"].tolist()),
            "src": cat["sources"], "status": list(STATUSES), "partner": _codes(figures, "partner"),
            "product": _codes(figures, "product")}


def observations(bundle: Bundle, query: Query) -> Table:
    """The valid rows of observations.csv in its notation (as the Sources page downloads them), with each row's
    source title, publisher, address and line in the file; filtered by the parameters given, in file order."""
    allowed, figures, notices = observations_allowed(bundle), bundle.figures, []
    chosen = urls.ids(query, "ind", allowed["ind"], "unknown_indicator", notices)
    span = (allowed["from"]["from"], allowed["from"]["to"]) if allowed["from"] else (0, 0)
    year_from = urls.year(query, "from", span, None, notices)
    year_to = urls.year(query, "to", span, None, notices)
    if year_from is not None and year_to is not None and year_from > year_to:
        notices.append(Notice("from", f"{year_from}>{year_to}", "swapped"))
    picked_sources = urls.ids(query, "src", allowed["src"], "unknown_source", notices)
    statuses = urls.ids(query, "status", allowed["status"], "bad_choice", notices)
    partners = urls.ids(query, "partner", allowed["partner"], "unknown_partner", notices, any_case=True)
    products = urls.ids(query, "product", allowed["product"], "unknown_product", notices, any_case=True)
    refuse_notices(notices, allowed)
    shown = figures[analysis.figures_mask(figures, indicators=chosen, sources=picked_sources, statuses=statuses,
                                          partners=partners, products=products, year_from=year_from,
                                          year_to=year_to)]
    out = tables.validated_rows(shown)
    for column in PROVENANCE:
        out[column] = shown[column].to_numpy()
    out["line"] = shown["_line"].to_numpy()
    return Table(out.reset_index(drop=True), numbers=("months", "value"))


def trends_allowed(bundle: Bundle) -> dict:
    cat = bundle.catalog
    return {"ind": cat["indicators"], "from": _years(cat["years"]), "to": _years(cat["years"]),
            "tf": list(views.TRANSFORMS), "src": [analysis.ALL_SOURCES, analysis.PREFERRED, *cat["series"]]}


def trends(bundle: Bundle, query: Query) -> Table:
    """Trends' CSV of the view its page shows at this query (views.parse_trends, tables.trends_download)."""
    cat, years = bundle.catalog, bundle.catalog["years"]
    if not years:
        return Table(tables.trends_download(analysis.trend_points(bundle.frame, [], 0, 0), "level"))
    span = (years[0], years[-1])
    view, notices = views.parse_trends(query, cat["indicators"], span, cat["default_indicators"],
                                       views.default_trend_years(span), cat["series"])
    refuse_notices(notices, trends_allowed(bundle))
    points = analysis.trend_points(bundle.frame, list(view.indicators), view.year_from, view.year_to, view.transform,
                                   view.source)
    return Table(tables.trends_download(points, view.transform))


def compare_allowed(bundle: Bundle) -> dict:
    return {"a": bundle.catalog["years"], "b": bundle.catalog["years"], "lang": list(LANGS)}


def compare(bundle: Bundle, query: Query) -> Table:
    """Compare's CSV of the two years its page shows at this query (views.parse_compare, tables.compare_download)."""
    allowed = compare_allowed(bundle)
    lang, notices = views.parse_lang(query)
    view, more = views.parse_compare(query, bundle.catalog["years"])
    refuse_notices([*notices, *more], allowed)
    if view.year_a is None or view.year_b is None:
        raise BadParameter("a", "", "no years with data", [])
    if view.year_a == view.year_b:
        raise BadParameter("b", str(view.year_b), "the same year as a (the page compares two years)", allowed["b"])
    table = analysis.compare_years(bundle.frame, bundle.dataset.indicators, view.year_a, view.year_b)
    return Table(tables.compare_download(table, lang, view.year_a, view.year_b, bundle.frame))


def peers_allowed(bundle: Bundle) -> dict:
    cat = bundle.peers_catalogue
    return {"countries": cat["economies"], "ind": cat["series"],
            "from": {s: {"from": lo, "to": hi} for s, (lo, hi) in cat["years"].items()},
            "to": {s: {"from": lo, "to": hi} for s, (lo, hi) in cat["years"].items()},
            "tf": {s: list(tf) for s, tf in cat["transforms"].items()}, "lang": list(LANGS)}


def peers(bundle: Bundle, query: Query) -> Table:
    """Peers' series CSV (the lines chart's rows) of the view its page shows at this query (parse_peers,
    tables.peers_series_download)."""
    allowed = peers_allowed(bundle)
    lang, notices = views.parse_lang(query)
    cat = bundle.peers_catalogue
    if not cat["series"]:
        raise BadParameter("ind", "", "the peers extract holds no series", [])
    view, more = parse_peers(query, views.peers_choices(cat))
    refuse_notices([*notices, *more], allowed)
    sources_table = bundle.dataset.sources
    frame = tables.peers_series_download(bundle.peer_data, sources_table, view.countries, view.series,
                                         view.year_from, view.year_to, view.transform, lang)
    licence = sources_table["licence"].get(core_peers.SOURCE_ID) if "licence" in sources_table else None
    return Table(frame, source=tables.peers_citation(sources_table) or SOURCE, licence=str(licence or LICENCE))


# ---------------------------------------------------------------------------------------------- the table of them


def _none(bundle: Bundle) -> dict:
    return {}


ENDPOINTS: tuple[Endpoint, ...] = (
    Endpoint("indicators", "The indicators: id, names, unit, kind, group, range, definitions.", {}, _none,
             indicators),
    Endpoint("sources", "The sources: id, kind, title, publisher, author, date, address, file, licence.", {}, _none,
             sources),
    Endpoint("events", "Policy and agreement milestones: date (as written), kind, document number, titles, source.",
             {}, _none, events),
    Endpoint("observations", "The validated figures in observations.csv's columns and notation, each with its "
             "source's title, publisher and address and its line in the file (quote: the sentence that states it, "
             "or a dataset's series code).", {
                 "ind": "indicator ids, comma-separated",
                 "from": "first year (inclusive)", "to": "last year (inclusive)",
                 "src": "source ids, comma-separated",
                 "status": "statuses, comma-separated",
                 "partner": "partner codes, comma-separated (any case); absent: every row",
                 "product": "product codes, comma-separated (any case); absent: every row",
             }, observations_allowed, observations, "ind=exports&from=2020"),
    Endpoint("trends", "The Trends page's CSV for the same view: its figures (tf=yoy: with the change and its base).",
             {"ind": "indicator ids, comma-separated (absent: the page's default)", "from": "first year",
              "to": "last year", "tf": "level, yoy or ytd",
              "src": "whose figures: all (side by side), preferred, articles or a dataset's source id"},
             trends_allowed, trends, "ind=exports,imports&tf=yoy", display=("view", "ev", "lang")),
    Endpoint("compare", "The Compare years page's CSV: every indicator in years a and b, the change where the "
             "periods match and why not where they do not; labelled in `lang`.",
             {"a": "a year with data (absent: the page's default)", "b": "another year with data",
              "lang": "vi (default) or en: the column labels and words"},
             compare_allowed, compare, "a=2024&b=2025"),
    Endpoint("peers", "The Peers page's series CSV: the lines chart's economies and years under the transform; "
             "labelled in `lang`.",
             {"countries": "ISO3 codes or aggregates, comma-separated (any case)", "ind": "a WDI series code",
              "from": "first year within the series'", "to": "last year within the series'",
              "tf": "level, index, percap, pctgdp or yoy (those the series offers)",
              "lang": "vi (default) or en"},
             peers_allowed, peers, "countries=VNM,THA&ind=NE.EXP.GNFS.ZS"),
)

BY_NAME = {endpoint.name: endpoint for endpoint in ENDPOINTS}

