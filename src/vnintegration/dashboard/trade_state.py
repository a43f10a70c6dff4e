"""The Trade page's URL <-> view, pure (no Streamlit here). Its parameters (view, year, flow, partner, from, to,
product) and what they mean: registry.py and README's "Sharing a view".

`parse_trade` never raises: a value it cannot use is ignored and named in a `urls.Notice`, the default taking its
place. A view keeps only the parameters it reads (the others take their defaults), so `TradeView.to_params` is the
inverse: parse(to_params(view)) == view for every view parse can return.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass

from vnintegration.dashboard import urls
from vnintegration.dashboard.urls import Notice

PAGE = "trade"
VIEWS = ("markets", "partner", "products", "fta", "map", "concentration")
FLOWS = ("export", "import", "balance")
MAP_FLOWS = (*FLOWS, "share")
DEFAULT_PARTNER = "USA"
DEFAULT_FROM = 1986  # DOTS has nothing for 1974-1980: charts start with Doi Moi


@dataclass(frozen=True)
class TradeChoices:
    partners: Sequence[str]          # codes with trade figures (economies and groups)
    market_years: Collection[int]    # the years of the markets and the map (DOTS's)
    years: tuple[int, int]           # first and last year of any trade figure
    products: Sequence[str] = ()     # product codes of the statements (products.csv)
    default_partner: str = DEFAULT_PARTNER

    @property
    def latest(self) -> int:
        return max(self.market_years) if self.market_years else self.years[1]

    @property
    def default_from(self) -> int:
        return min(max(DEFAULT_FROM, self.years[0]), self.years[1])


@dataclass(frozen=True)
class TradeView:
    view: str
    year: int | None = None          # markets, map
    flow: str = "export"             # markets (FLOWS), map (MAP_FLOWS)
    partner: str | None = None       # partner
    year_from: int | None = None     # partner
    year_to: int | None = None       # partner
    product: str | None = None       # products (optional)

    def to_params(self) -> dict[str, str]:
        params = {"view": self.view}
        if self.view in ("markets", "map"):
            params |= {"year": str(self.year), "flow": self.flow}
        elif self.view == "partner":
            params |= {"partner": str(self.partner), "from": str(self.year_from), "to": str(self.year_to)}
        elif self.view == "products" and self.product:
            params["product"] = self.product
        return params


def default_view(choices: TradeChoices) -> TradeView:
    return TradeView("markets", choices.latest, "export")


def parse_trade(params: Mapping, choices: TradeChoices) -> tuple[TradeView, list[Notice]]:
    """Every parameter is read (a bad one is named whichever view it is for); the view keeps those it uses."""
    params, notices = urls.page_params(params, PAGE)
    partner = None
    if (urls.last(params, "partner") or "").strip():  # partner= names no one: no notice
        partner = urls.code(params, "partner", choices.partners, "unknown_partner", notices)
    view = urls.choice(params, "view", VIEWS, "partner" if partner is not None else "markets", notices)
    years = set(choices.market_years) or set(range(choices.years[0], choices.years[1] + 1))
    year = urls.year(params, "year", years, choices.latest, notices)
    flow = urls.choice(params, "flow", MAP_FLOWS if view == "map" else FLOWS, "export", notices)
    year_from = urls.year(params, "from", choices.years, choices.default_from, notices)
    year_to = urls.year(params, "to", choices.years, choices.years[1], notices)
    if year_from > year_to:
        notices.append(Notice("from", f"{year_from}>{year_to}", "swapped"))
        year_from, year_to = year_to, year_from
    product = None
    if (urls.last(params, "product") or "").strip():
        product = urls.code(params, "product", choices.products, "unknown_product", notices)
    if view in ("markets", "map"):
        return TradeView(view, year, flow), notices
    if view == "partner":
        if partner is None:
            partner = choices.default_partner if choices.default_partner in choices.partners else (
                choices.partners[0] if choices.partners else choices.default_partner)
        return TradeView(view, partner=partner, year_from=year_from, year_to=year_to), notices
    if view == "products":
        return TradeView(view, product=product), notices
    return TradeView(view), notices
