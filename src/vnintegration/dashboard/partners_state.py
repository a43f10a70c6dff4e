"""The Partners page's URL <-> view, pure (no Streamlit here):

    /partners  tab      map | profile | investors | agreements | counts   (profile when only partner is given,
                                                                          else map)
               partner  a code of data/partners.csv (SGP, HKG, VGB); any case
               year     YYYY: the map's state at the end of that year, the investors' year
               from     YYYY: the map's registered FDI (color=fdi) is summed over from..year (absent: one year;
                        after year: the two are swapped, with a notice)
               color    level | fta | fdi   what the map is coloured by
               lang     vi | en (read by the app)

`parse_partners` never raises: a value it cannot use is ignored and named in a `Notice`, the default taking its
place. `PartnersView.to_params` is the inverse: parse(to_params(view)) == view for every view parse can return.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from vnintegration.dashboard.views import ALL_PARAMS, GLOBAL_PARAMS, MAX_VALUE_CHARS, RESERVED, Notice, normalize

PAGE = "partners"
OWN = ("tab", "partner", "year", "from", "color")
TABS = ("map", "profile", "investors", "agreements", "counts")
COLORS = ("level", "fta", "fdi")
_YEAR = re.compile(r"[0-9]{4}")


@dataclass(frozen=True)
class PartnersView:
    tab: str
    partner: str | None
    year: int
    color: str = "level"
    year_from: int | None = None  # the first year of the map's FDI sum (None: the one year); before `year`

    def to_params(self) -> dict[str, str]:
        params = {"tab": self.tab}
        if self.partner:
            params["partner"] = self.partner
        params["year"] = str(self.year)
        if self.year_from is not None:
            params["from"] = str(self.year_from)
        if self.color != "level":
            params["color"] = self.color
        return params


@dataclass(frozen=True)
class PartnersChoices:
    partners: Sequence[str]   # the catalogue's codes
    years: tuple[int, int]    # first and last year a view can show
    default_year: int


def _last(params: dict[str, list[str]], key: str) -> str | None:
    values = params.get(key)
    return values[-1] if values else None


def parse_partners(params: Mapping, choices: PartnersChoices) -> tuple[PartnersView, list[Notice]]:
    params = normalize(params)
    notices = [Notice(k, ",".join(v), "unknown_param") for k, v in params.items()
               if k not in OWN and k not in GLOBAL_PARAMS and k not in ALL_PARAMS and k.lower() not in RESERVED]
    partner = None
    raw = _last(params, "partner")
    if raw is not None and raw.strip():
        known = {c.upper(): c for c in choices.partners}
        partner = known.get(raw.strip().upper()) if len(raw) <= MAX_VALUE_CHARS else None
        if partner is None:
            notices.append(Notice("partner", raw, "unknown_partner" if len(raw) <= MAX_VALUE_CHARS else "too_long"))
    tab = "profile" if partner else "map"
    raw = _last(params, "tab")
    if raw is not None:
        if raw.strip().lower() in TABS:
            tab = raw.strip().lower()
        else:
            notices.append(Notice("tab", raw, "bad_choice", (("choices", " | ".join(TABS)),)))
    year = choices.default_year
    raw = _last(params, "year")
    if raw is not None:
        lo, hi = choices.years
        if _YEAR.fullmatch(raw.strip()) and lo <= int(raw.strip()) <= hi:
            year = int(raw.strip())
        else:
            notices.append(Notice("year", raw, "bad_year"))
    year_from = None
    raw = _last(params, "from")
    if raw is not None:
        lo, hi = choices.years
        if _YEAR.fullmatch(raw.strip()) and lo <= int(raw.strip()) <= hi:
            year_from = int(raw.strip())
            if year_from > year:
                notices.append(Notice("from", f"{year_from}>{year}", "swapped"))
                year_from, year = year, year_from
            if year_from == year:
                year_from = None
        else:
            notices.append(Notice("from", raw, "bad_year"))
    color = "level"
    raw = _last(params, "color")
    if raw is not None:
        if raw.strip().lower() in COLORS:
            color = raw.strip().lower()
        else:
            notices.append(Notice("color", raw, "bad_choice", (("choices", " | ".join(COLORS)),)))
    return PartnersView(tab, partner, year, color, year_from), notices
