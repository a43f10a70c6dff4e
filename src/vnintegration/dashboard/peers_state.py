"""The Peers page's URL <-> view, pure (no Streamlit here):

    /peers   countries  ISO3 codes, comma-separated (VNM,THA,MYS; aggregates EAS, EAP, LMC, WLD); any case
             ind        a WDI series code (NE.EXP.GNFS.ZS); any case
             from, to   first and last year, YYYY, within the series' years
             tf         level | index | percap | pctgdp | yoy   (those the series offers)
             lang       vi | en (read by the app)

`parse_peers` never raises: a value it cannot use is ignored and named in a `Notice` (dashboard/state.py's), the
default taking its place, and the page then writes the URL back without it. `PeersView.to_params` is the
inverse: parse(to_params(view)) == view for every view parse can return.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

from vnintegration.core.peers import indicator_series
from vnintegration.dashboard.views import ALL_PARAMS, GLOBAL_PARAMS, MAX_VALUE_CHARS, RESERVED, Notice, normalize

PAGE = "peers"
OWN = ("countries", "ind", "from", "to", "tf")
_YEAR = re.compile(r"[0-9]{4}")


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


def _last(params: dict[str, list[str]], key: str) -> str | None:
    values = params.get(key)
    return values[-1] if values else None


def parse_peers(params: Mapping, choices: PeersChoices) -> tuple[PeersView, list[Notice]]:
    params = normalize(params)
    notices = [Notice(k, ",".join(v), "unknown_param") for k, v in params.items()
               if k not in OWN and k not in GLOBAL_PARAMS and k not in ALL_PARAMS and k.lower() not in RESERVED]
    countries = _countries(params, choices, notices)
    series = _series(params, choices, notices)
    lo, hi = choices.years(series)
    default_from, default_to = choices.default_years(series)
    year_from, from_given = _year(params, "from", lo, hi, default_from, notices)
    year_to, to_given = _year(params, "to", lo, hi, default_to, notices)
    if year_from > year_to:
        if from_given and to_given:
            notices.append(Notice("from", f"{year_from}>{year_to}", "swapped"))
            year_from, year_to = year_to, year_from
        elif to_given:  # only the end given, before the default start: start there
            year_from = year_to
        else:
            year_to = year_from
    offered = tuple(choices.transforms(series))
    transform = "level"
    raw = _last(params, "tf")
    if raw is not None:
        value = raw.strip().lower()
        if value in offered:
            transform = value
        else:
            notices.append(Notice("tf", raw, "tf_unavailable", (("choices", " | ".join(offered)),)))
    return PeersView(countries, series, year_from, year_to, transform), notices


def _countries(params, choices: PeersChoices, notices: list[Notice]) -> tuple[str, ...]:
    values = params.get("countries")
    if values is None:
        return tuple(choices.default_countries)
    if any(len(v) > MAX_VALUE_CHARS for v in values):
        notices.append(Notice("countries", values[0], "too_long"))
        return tuple(choices.default_countries)
    known = {c.upper(): c for c in choices.economies}
    picked: list[str] = []
    for part in ",".join(values).split(","):
        item = part.strip()
        if not item:
            continue
        code = known.get(item.upper())
        if code is None:
            notices.append(Notice("countries", item, "unknown_country"))
        elif code not in picked:
            picked.append(code)
    if not picked and any(v.strip(", ") for v in values):  # nothing usable named: the default view
        return tuple(choices.default_countries)
    return tuple(picked)


def _series(params, choices: PeersChoices, notices: list[Notice]) -> str:
    raw = _last(params, "ind")
    if raw is None:
        return choices.default_series
    known = {s.upper(): s for s in choices.series}
    code = known.get(raw.strip().upper()) if len(raw) <= MAX_VALUE_CHARS else None
    if code is None:
        notices.append(Notice("ind", raw, "unknown_indicator" if len(raw) <= MAX_VALUE_CHARS else "too_long"))
        return choices.default_series
    return code


def _year(params, key: str, lo: int, hi: int, default: int, notices: list[Notice]) -> tuple[int, bool]:
    """The year the URL gives (and True), or the default (and False)."""
    raw = _last(params, key)
    if raw is None:
        return default, False
    value = raw.strip()
    if _YEAR.fullmatch(value) and lo <= int(value) <= hi:
        return int(value), True
    notices.append(Notice(key, raw, "bad_year"))
    return default, False


def trends_link(indicator: str, lang: str) -> dict[str, str] | None:
    """The query of the link from a Trends indicator to /peers with its WDI series picked (the language kept),
    or None when the peers extract has no series for it."""
    code = indicator_series(indicator)
    if code is None:
        return None
    return {"ind": code} | ({"lang": lang} if lang != "vi" else {})
