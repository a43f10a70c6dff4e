"""The Partners page's URL <-> view, pure (no Streamlit here). Its parameters (tab, partner, year, from, color)
and what they mean: registry.py.

`parse_partners` never raises: a value it cannot use is ignored and named in a `urls.Notice`, the default taking
its place. `PartnersView.to_params` is the inverse: parse(to_params(view)) == view for every view parse can return.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from vnintegration.dashboard import urls
from vnintegration.dashboard.urls import Notice

PAGE = "partners"
TABS = ("map", "profile", "investors", "agreements", "counts")
COLORS = ("level", "fta", "fdi")


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


def parse_partners(params: Mapping, choices: PartnersChoices) -> tuple[PartnersView, list[Notice]]:
    params, notices = urls.page_params(params, PAGE)
    partner = None
    if (urls.last(params, "partner") or "").strip():  # partner= names no one: no notice
        partner = urls.code(params, "partner", choices.partners, "unknown_partner", notices)
    tab = urls.choice(params, "tab", TABS, "profile" if partner else "map", notices)
    year = urls.year(params, "year", choices.years, choices.default_year, notices)
    year_from = urls.year(params, "from", choices.years, None, notices)
    if year_from is not None and year_from > year:
        notices.append(Notice("from", f"{year_from}>{year}", "swapped"))
        year_from, year = year, year_from
    if year_from == year:
        year_from = None
    color = urls.choice(params, "color", COLORS, "level", notices)
    return PartnersView(tab, partner, year, color, year_from), notices
