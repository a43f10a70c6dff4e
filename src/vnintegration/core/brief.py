"""The Brief: a cited summary of the latest period, built from the data alone (the Brief page, its text, Markdown and
Word renderings). Pure: no Streamlit, no words (present/brief/ words it in vi/en).

A Brief is sections of items; an item is a subject (an indicator, a partner, a level) with one `Figure`, and
where the data allow, the figure it is compared with (`previous`), the change, a share of a total and a rank.
Every figure carries a `Link`: its row on the Sources page (`fig=<line of observations.csv>`), or, for a figure
read from a dataset extract that is not a row of observations.csv, the Sources page filtered by that source
(`src=<source id>`); partnership levels (data/partnerships.csv, cited row by row, not a source of sources.csv)
link to the Partners page's counts.

Rules kept here:
- the headline figures are the Overview's cards (analysis.latest_figures), compared like for like: a part year
  with the same months a year earlier, a full year with the year before, a level at a date with the latest earlier
  date; a card whose base is not of the same span has no comparison (never a part year against a full year);
- partnership levels and FTA lines are counted on one day (`partners_day`: the end of the latest year the
  partnership table reaches), against the same day a year earlier;
- top investors: GSO registered capital by partner in the latest year against the year before, no change across
  the 2016 change of definition (partners.top_investors);
- top export markets and import suppliers: IMF DOTS, the latest year it gives a total for (trade.markets), against
  the year before (same source, same months, a partner listed both years).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

import pandas as pd

from vnintegration.core import analysis
from vnintegration.core import partners as P
from vnintegration.core import trade as TR
from vnintegration.core.periods import Period

TOP = 5
FDI_SOURCE = "gso-fdi-by-partner"  # data/sources.csv: the yearbook extract top_investors reads
FTA_LIST_SOURCE = "wto-fta-list"  # the agreements (lines in force)
FTA_PAIRS_SOURCE = "wto-fta-pairs"  # agreement x partner (partners covered)
TRADE_SOURCE = TR.DOTS_SOURCE

# Section keys, in the order a brief gives them.
HEADLINE, PARTNERS, INVESTORS, EXPORTS, IMPORTS = "headline", "partners", "investors", "exports", "imports"
FTA_LINES, FTA_PARTNERS = "fta_lines", "fta_partners"  # the partners section's FTA subjects (besides P.LEVELS)


@dataclass(frozen=True)
class Link:
    """A page of the dashboard and its query: `Link("sources", (("fig", "761"),))` is /sources?fig=761."""

    page: str
    params: tuple[tuple[str, str], ...] = ()

    @property
    def query(self) -> dict[str, str]:
        return dict(self.params)

    @classmethod
    def figure(cls, line: int) -> Link:
        return cls("sources", (("fig", str(int(line))),))

    @classmethod
    def source(cls, source_id: str) -> Link:
        return cls("sources", (("src", str(source_id)),))


@dataclass(frozen=True)
class Figure:
    """One number of the brief, as the data give it, and where it is cited."""

    value: float
    unit: str  # core/units.py code
    period: Period
    source_id: str
    link: Link
    qualifier: str = "exact"
    status: str = "actual"
    line: int | None = None  # its line in observations.csv, when it is one of its rows


@dataclass(frozen=True)
class Item:
    subject: str  # an indicator id, a partner code, a level (P.LEVELS), FTA_LINES or FTA_PARTNERS
    name: tuple[str, str]  # (vi, en) name of the subject from the data; ("", "") when present/ words it
    figure: Figure
    previous: Figure | None = None  # the like-for-like figure it is compared with
    change: analysis.Change | None = None
    share: float | None = None  # % of the total (of the source's total for that period)
    rank: int | None = None

    def figures(self) -> tuple[Figure, ...]:
        return (self.figure,) if self.previous is None else (self.figure, self.previous)


@dataclass(frozen=True)
class Section:
    key: str  # HEADLINE, PARTNERS, INVESTORS, EXPORTS, IMPORTS
    items: tuple[Item, ...]
    period: Period | None = None  # the period every item is of, where they share one
    source_id: str = ""  # the source every item is from, where they share one


@dataclass(frozen=True)
class Brief:
    span: str  # analysis.CARD_SPANS: the newest period, or the latest full year
    sections: tuple[Section, ...]
    sources: dict[str, dict] = field(default_factory=dict)  # source id -> publisher, source_title, published, url

    def section(self, key: str) -> Section | None:
        return next((s for s in self.sections if s.key == key), None)

    def figures(self) -> Iterator[Figure]:
        for section in self.sections:
            for item in section.items:
                yield from item.figures()


# ---------------------------------------------------------------------------------------------- building


def build(frame: pd.DataFrame, indicators: pd.DataFrame, sources: pd.DataFrame,
          partners: P.PartnerData | None = None, trade: TR.TradeData | None = None,
          span: str = analysis.NEWEST, cards: list[analysis.Latest] | None = None, top: int = TOP) -> Brief:
    """The brief of the data: FRAME is analysis.enrich(dataset), INDICATORS and SOURCES the dataset's tables;
    PARTNERS (core/partners.py) and TRADE (core/trade.py) add their sections when they hold data. CARDS: the
    Overview's cards for SPAN when the caller has them (else they are computed)."""
    if cards is None:
        heads = [i for i in indicators.index if bool(indicators.loc[i, "headline"])] if len(indicators) else []
        cards = analysis.latest_figures(frame, heads, span)
    sections = [headline_section(cards, frame, indicators)]
    if partners is not None and partners.present:
        sections.append(partners_section(partners))
        investors = investors_section(partners, top)
        if investors.items:
            sections.append(investors)
    if trade is not None and trade.present:
        for key, flow in ((EXPORTS, "export"), (IMPORTS, "import")):
            markets = markets_section(trade, key, flow, partners, top)
            if markets.items:
                sections.append(markets)
    sections = tuple(s for s in sections if s.items)
    used = {f.source_id for s in sections for i in s.items for f in i.figures() if f.source_id}
    return Brief(span, sections, source_table(sources, used))


def source_table(sources: pd.DataFrame, ids) -> dict[str, dict]:
    """Source id -> what a label and a reference need (publisher, title, published, url), for IDS."""
    out = {}
    for source_id in sorted(ids):
        row = sources.loc[source_id] if source_id in sources.index else pd.Series(dtype=object)
        out[source_id] = {"source_id": source_id,
                          **{k: _text(row.get(c, "")) for k, c in (("publisher", "publisher"), ("source_title", "title"),
                                                                  ("published", "published"), ("url", "url"))}}
    return out


def _text(value) -> str:
    return "" if value is None or (not isinstance(value, str) and pd.isna(value)) else str(value)


def _figure_of(row, link: Link | None = None) -> Figure:
    """A Figure from an enriched observation row (a dict or Series with value, unit, year, months, as_of, ...)."""
    line = row.get("_line")
    line = None if line is None or pd.isna(line) else int(line)
    return Figure(float(row["value"]), str(row["unit"]), Period.of(row), str(row["source_id"]),
                  link or (Link.figure(line) if line is not None else Link.source(str(row["source_id"]))),
                  str(row.get("qualifier") or "exact"), str(row.get("status") or "actual"), line)


def headline_section(cards: list[analysis.Latest], frame: pd.DataFrame, indicators: pd.DataFrame) -> Section:
    """The Overview's cards, in catalogue order: each figure, and its base when it covers the same span."""
    order = {i: n for n, i in enumerate(indicators.index)}
    by_line = frame.set_index("_line", drop=False) if len(frame) else frame
    items = []
    for card in sorted(cards, key=lambda c: order.get(c.indicator, len(order))):
        row = card.row
        figure = _figure_of(row)
        previous, change = None, None
        if card.previous is not None:
            base = dict(card.previous)
            line = base.get("_line")
            if line is not None and not pd.isna(line) and int(line) in by_line.index:
                base = {**by_line.loc[int(line)].to_dict(), **base}
            base["unit"] = row["unit"]
            candidate = _figure_of(base)
            if candidate.period.same_span(figure.period) and candidate.period != figure.period:
                previous, change = candidate, card.change
        items.append(Item(card.indicator, (str(row["name_vi"]), str(row["name_en"])), figure, previous, change))
    return Section(HEADLINE, tuple(items))


def partners_day(data: P.PartnerData) -> pd.Timestamp:
    """The day partnership levels and FTAs are counted on: the end of the latest year a partnership (or an
    agreement) starts in; partnerships.csv gives the levels in force at that year's end."""
    dates = [d for d in (data.partnerships["start"].max() if len(data.partnerships) else None,
                         data.pairs["in_force"].max() if len(data.pairs) else None) if d is not None and pd.notna(d)]
    year = max(d.year for d in dates) if dates else pd.Timestamp.today().year
    return pd.Timestamp(year=int(year), month=12, day=31)


def fta_lines_on(data: P.PartnerData, day) -> int:
    """Agreement lines in force on DAY (AFTA and ATIGA one line; RCEP counted)."""
    counted = P.counted_agreements(data.agreements)
    return int(counted.loc[counted["in_force"] <= pd.Timestamp(day), "line"].nunique())


def partners_section(data: P.PartnerData, day=None) -> Section:
    """Partners at each level (comprehensive strategic, strategic, comprehensive), FTA lines in force and the
    partners they cover, on DAY (default `partners_day`) against the same day a year earlier."""
    day = pd.Timestamp(day) if day is not None else partners_day(data)
    before = day - pd.DateOffset(years=1)
    now_p, then_p = Period(day.year, None, day), Period(before.year, None, before)
    items = []
    levels = Link("partners", (("tab", "counts"),))
    now, then = P.counts_on(data.partnerships, day), P.counts_on(data.partnerships, before)
    for level in P.LEVELS:
        items.append(_count_item(level, int(now[level]), int(then[level]), now_p, then_p, "", levels))
    lines_link = Link.source(FTA_LIST_SOURCE)
    items.append(_count_item(FTA_LINES, fta_lines_on(data, day), fta_lines_on(data, before), now_p, then_p,
                             FTA_LIST_SOURCE, lines_link))
    covered_link = Link.source(FTA_PAIRS_SOURCE)
    items.append(_count_item(FTA_PARTNERS, len(P.fta_counts_on(data, day)), len(P.fta_counts_on(data, before)),
                             now_p, then_p, FTA_PAIRS_SOURCE, covered_link))
    return Section(PARTNERS, tuple(items), now_p)


def _count_item(subject: str, now: int, then: int, now_p: Period, then_p: Period, source_id: str, link: Link) -> Item:
    figure = Figure(float(now), "count", now_p, source_id, link)
    previous = Figure(float(then), "count", then_p, source_id, link)
    return Item(subject, ("", ""), figure, previous, analysis.compute_change(now, then, "count", "count"))


def investors_section(data: P.PartnerData, top: int = TOP) -> Section:
    """The TOP investors by registered capital (US$ million) in the latest year of GSO's table, with their share of
    the printed total and the change on the year before (none across 2016, the change of definition)."""
    years = P.fdi_years(data)
    if years is None:
        return Section(INVESTORS, ())
    year = years[1]
    period, link = Period(year, 12), Link.source(FDI_SOURCE)
    table = P.top_investors(data, year, year, top)
    items = []
    for r in table.to_dict("records"):
        figure = Figure(float(r["capital"]), "usd_mn", period, FDI_SOURCE, link)
        previous, change = None, None
        prev_value = r.get("previous", float("nan"))
        if pd.notna(prev_value) and not bool(r.get("break", False)):
            previous = Figure(float(prev_value), "usd_mn", Period(year - 1, 12), FDI_SOURCE, link)
            change = analysis.compute_change(float(r["capital"]), float(prev_value), "flow", "usd_mn")
        share = r.get("share", float("nan"))
        items.append(Item(str(r["partner"]), _names(data, str(r["partner"])), figure, previous, change,
                          None if pd.isna(share) else float(share), int(r["rank"])))
    return Section(INVESTORS, tuple(items), period, FDI_SOURCE)


def _names(data: P.PartnerData | None, code: str) -> tuple[str, str]:
    if data is None:
        return code, code
    return data.name(code, "vi"), data.name(code, "en")


def markets_year(trade: TR.TradeData, flow: str, source_id: str = TRADE_SOURCE) -> int | None:
    """The latest full year SOURCE gives a total (all partners) and partners for, in FLOW."""
    rows = trade.of(source_id)
    rows = rows[(rows["flow"] == flow) & (rows["months"] == 12) & (rows["product"] == "")]
    with_total = set(rows.loc[rows["partner"] == "", "year"]) & set(rows.loc[rows["partner"] != "", "year"])
    return int(max(with_total)) if with_total else None


def markets_section(trade: TR.TradeData, key: str, flow: str, partners: P.PartnerData | None = None,
                    top: int = TOP, source_id: str = TRADE_SOURCE) -> Section:
    """The TOP partners of FLOW (exports: markets; imports: suppliers) in the latest year of SOURCE, US$ million,
    with their share of the total and the value a year earlier (the same source and months)."""
    year = markets_year(trade, flow, source_id)
    if year is None:
        return Section(key, ())
    period, link = Period(year, 12), Link.source(source_id)
    table = TR.markets(trade, source_id, year, flow).head(top)
    before = TR.markets(trade, source_id, year - 1, flow).set_index("partner")["value"]
    items = []
    for r in table.itertuples(index=False):
        figure = Figure(float(r.value), "usd_mn", period, source_id, link)
        previous, change = None, None
        if r.partner in before.index and pd.notna(before[r.partner]):
            previous = Figure(float(before[r.partner]), "usd_mn", Period(year - 1, 12), source_id, link)
            change = analysis.compute_change(float(r.value), float(before[r.partner]), "flow", "usd_mn")
        items.append(Item(str(r.partner), _names(partners, str(r.partner)), figure, previous, change,
                          None if pd.isna(r.share) else float(r.share), int(r.rank)))
    return Section(key, tuple(items), period, source_id)
