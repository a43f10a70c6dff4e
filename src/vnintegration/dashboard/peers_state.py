"""The Peers page's URL <-> view, pure (no Streamlit here). Its parameters (countries, ind, from, to, tf) and
what they mean: registry.py.

`parse_peers` never raises: a value it cannot use is ignored and named in a `urls.Notice`, the default taking its
place, and the page then writes the URL back without it. `PeersView.to_params` is the inverse:
parse(to_params(view)) == view for every view parse can return.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

from vnintegration.core.peers import indicator_series
from vnintegration.dashboard import urls
from vnintegration.dashboard.urls import Notice

PAGE = "peers"


@dataclass(frozen=True)
class PeersView:
    countries: tuple[str, ...]
    series: str
    year_from: int
    year_to: int
    transform: str = "level"

    def to_params(self) -> dict[str, str]:
        params = {"countries": ",".join(self.countries), "ind": self.series, "from": str(self.year_from),
                  "to": str(self.year_to)}
        if self.transform != "level":
            params["tf"] = self.transform
        return params


@dataclass(frozen=True)
class PeersChoices:
    """What the URL may name: economies, series, and per series its years and transforms."""

    economies: Sequence[str]
    series: Sequence[str]
    years: Callable[[str], tuple[int, int]]          # series -> (first, last) year with data
    default_years: Callable[[str], tuple[int, int]]  # series -> the range shown when the URL gives none
    transforms: Callable[[str], Sequence[str]]       # series -> transforms offered
    default_countries: Sequence[str]
    default_series: str


def parse_peers(params: Mapping, choices: PeersChoices) -> tuple[PeersView, list[Notice]]:
    params, notices = urls.page_params(params, PAGE)
    countries = urls.ids(params, "countries", choices.economies, "unknown_country", notices,
                         choices.default_countries, any_case=True)
    series = urls.code(params, "ind", choices.series, "unknown_indicator", notices) or choices.default_series
    lo, hi = choices.years(series)
    default_from, default_to = choices.default_years(series)
    given_from = urls.year(params, "from", (lo, hi), None, notices)
    given_to = urls.year(params, "to", (lo, hi), None, notices)
    year_from = default_from if given_from is None else given_from
    year_to = default_to if given_to is None else given_to
    if year_from > year_to:
        if given_from is not None and given_to is not None:
            notices.append(Notice("from", f"{year_from}>{year_to}", "swapped"))
            year_from, year_to = year_to, year_from
        elif given_to is not None:  # only the end given, before the default start: start there
            year_from = year_to
        else:
            year_to = year_from
    offered = tuple(choices.transforms(series))
    transform = urls.choice(params, "tf", offered, "level", notices, "tf_unavailable")
    return PeersView(countries, series, year_from, year_to, transform), notices


def trends_link(indicator: str, lang: str) -> dict[str, str] | None:
    """The query of the link from a Trends indicator to /peers with its WDI series picked (the language kept),
    or None when the peers extract has no series for it."""
    code = indicator_series(indicator)
    if code is None:
        return None
    return {"ind": code} | ({"lang": lang} if lang != "vi" else {})
