"""Every process-wide cache of the dashboard: the bundled files read, and what pages derive from them.

Every `st.cache_data` / `st.cache_resource` of the app is declared here, never in a page, wrapped in `bundled_only`
with the data key (`common.key()`: the data directory, or this session's upload) as first argument. The key names
every file a page draws: the validated dataset (`dataset`) and the partner, trade and peer files (`data_files`), an
upload's own where it has them and the bundled ones it lacked, as the upload reader filled them. Only the map
outlines (maps/, not data) are always the bundled directory's (`outlines_dir`). Each file is read by one function
here and everything else derives from its result, so a file is read once per process. A session's upload goes
through the same functions, but what they give is kept in that session, never in the process; pages pass plain
values (ids, years, language) and only read what they get back: `cache_resource` where a copy would cost (datasets,
frames, figures), `cache_data` for small tables.
"""

from __future__ import annotations

import functools
import json
from datetime import date
from pathlib import Path

import pandas as pd
import streamlit as st

from vnintegration.core import analysis, load, peers
from vnintegration.core import brief as core_brief
from vnintegration.core import partners as P
from vnintegration.core import trade as TR
from vnintegration.core.load import DataFiles
from vnintegration.core.validate import Dataset, validate_dir
from vnintegration.dashboard import own_data, views
from vnintegration.dashboard.peers_state import PeersView
from vnintegration.dashboard.share import link_url
from vnintegration.dashboard.trade_state import TradeChoices
from vnintegration.present import about, charts, formatting, i18n, maps, tables
from vnintegration.present.brief import render as brief_render
from vnintegration.present.brief import text as brief_text
from vnintegration.present.i18n import t
from vnintegration.present.partners import charts as partner_charts
from vnintegration.present.partners import tables as partner_tables
from vnintegration.present.peers import charts as peer_charts
from vnintegration.present.peers import strings as ps
from vnintegration.present.peers import tables as peer_tables
from vnintegration.present.trade import parts as trade_parts
from vnintegration.present.trade import tables as trade_tables


def bundled_only(cache):
    """A process-wide cache (`st.cache_data(...)` or `st.cache_resource(...)`) for the bundled data only.

    The decorated function's first argument is the data key (`key()`). Under the bundled directory's key the
    call goes through CACHE, shared by every session. Under an upload's key it is computed for this session and
    kept in the session's upload entry (own_data.memo): nothing derived from an upload outlives its session or is
    kept by the process, so a closed tab frees what it uploaded."""

    def decorate(func):
        cached = cache(func)

        @functools.wraps(func)
        def call(path: str, *args):
            if not path.startswith(own_data.PREFIX):
                return cached(path, *args)
            memo = own_data.memo(path)
            name = (func.__name__, args)
            if name not in memo:
                memo[name] = own_data.kept(func(path, *args))  # compact: freed whole with the session
                while len(memo) > own_data.MEMO_ENTRIES:  # the oldest view goes first
                    memo.pop(next(iter(memo)))
            return memo[name]

        call.clear = cached.clear
        return call

    return decorate


# cache_resource, not cache_data: one shared Dataset, never copied. cache_data would unpickle the whole Dataset
# on every call, and pages ask for it many times a run (once per option label). Pages and the core only read it;
# nothing mutates it.
@bundled_only(st.cache_resource(show_spinner=False, max_entries=8))
def dataset(path: str) -> Dataset:
    """The validated dataset of PATH (a data directory, or this session's upload key)."""
    if path.startswith(own_data.PREFIX):  # this session's upload, keyed by its content's digest
        return own_data.uploaded_dataset(path)
    return validate_dir(path)


def data_files(path: str) -> DataFiles:
    """The files PATH's pages draw beyond its dataset (partners, trade, peers): the data directory's, or this
    session's upload's (own_data.DRAWN_FILES: its own, and the bundled ones it lacked)."""
    if path.startswith(own_data.PREFIX):
        return own_data.uploaded_files(path)
    return DataFiles.from_dir(path)


def outlines_dir(path: str) -> str:
    """The directory whose maps/ draws PATH's maps: PATH itself, or for an upload the bundled data directory (the
    outlines are not data, so an upload neither holds nor replaces them)."""
    return str(load.data_dir()) if path.startswith(own_data.PREFIX) else path


@bundled_only(st.cache_data(show_spinner=False, max_entries=8))
def frame(path: str) -> pd.DataFrame:
    """analysis.enrich(dataset(path)): valid observations with indicator and source metadata."""
    return analysis.enrich(dataset(path))


# ---------------------------------------------------------------------------------------------- cached tables


@bundled_only(st.cache_data(show_spinner=False, max_entries=8))
def latest_cards(path: str, span: str = analysis.NEWEST) -> list[analysis.Latest]:
    ds = dataset(path)
    heads = [i for i in ds.indicators.index if bool(ds.indicators.loc[i, "headline"])]
    return analysis.latest_figures(frame(path), heads, span)


@bundled_only(st.cache_data(show_spinner=False, max_entries=64))
def compare_table(path: str, year_a: int, year_b: int) -> pd.DataFrame:
    return analysis.compare_years(frame(path), dataset(path).indicators, year_a, year_b)


# cache_resource: one shared frame per view, never copied (cache_data would unpickle it on every rerun). Readers
# (the figure, the table, the CSV) only select from it or copy it.
@bundled_only(st.cache_resource(show_spinner=False, max_entries=64))
def trend_points(path: str, indicators: tuple[str, ...], year_from: int, year_to: int, transform: str,
                 source: str) -> pd.DataFrame:
    return analysis.trend_points(frame(path), list(indicators), year_from, year_to, transform, source)


@bundled_only(st.cache_resource(show_spinner=False, max_entries=16))
def trends_options(path: str, lang_code: str) -> tuple[list[str], dict[str, str]]:
    """The Trends indicator picker: ids in group order and their labels ("name (unit)"), built once per
    data and language: looking each label up in a format_func on every rerun would cost more than the page."""
    ind = dataset(path).indicators
    order = list(i18n.GROUPS)
    options = sorted(ind.index, key=lambda i: order.index(ind.loc[i, "group"]) if ind.loc[i, "group"] in order else 99)
    labels = {}
    for i in options:
        name = str(ind.loc[i, "name_vi" if lang_code == "vi" else "name_en"])
        unit = formatting.unit_label(ind.loc[i, "unit"], lang_code)
        labels[i] = name if unit in name else f"{name} ({unit})"
    return options, labels


@bundled_only(st.cache_resource(show_spinner=False, max_entries=64))
def trends_texts(path: str, indicators: tuple[str, ...], year_from: int, year_to: int, transform: str, source: str,
                 lang_code: str) -> dict:
    """What Trends writes around a view (title, description, sources line, notes), built once per view."""
    ind = dataset(path).indicators
    points = trend_points(path, indicators, year_from, year_to, transform, source)
    describe = i18n.t("describe" if len(indicators) > 1 else "describe_one", lang_code, start=year_from,
                      end=year_to, n=len(indicators), transform=i18n.t("describe_" + transform, lang_code))
    if transform == analysis.YTD and len(points):  # the years drawn (the last few of the range), not the range
        describe = i18n.t("ytd_subtitle", lang_code, years=", ".join(map(str, sorted({int(y) for y in points["year"]}))))
    # What, where, when: "Xuất khẩu hàng hóa của Việt Nam, 2000–2025"; the key names each indicator in its colour.
    names = [str(ind.loc[i, "name_vi" if lang_code == "vi" else "name_en"]) for i in indicators
             if i in ind.index and len(points) and (points["indicator"] == i).any()]
    start, end = (int(points["year"].min()), int(points["year"].max())) if len(points) else (year_from, year_to)
    if len(names) <= 2:
        joined = (" và " if lang_code == "vi" else " and ").join(names)
        title = i18n.t("trends_title", lang_code, names=joined, start=start, end=end)
    else:
        title = i18n.t("trends_title_many", lang_code, n=len(names), start=start, end=end)
    if transform in ("yoy", analysis.YTD):
        title = i18n.t("trends_title_" + transform, lang_code, title=title)
    breaks = sorted({y for i in indicators if i in ind.index for y in analysis.break_years(ind.loc[i].get("breaks", ""))
                     if year_from < y <= year_to})
    dropped = 0
    if transform == "yoy":
        dropped = len(trend_points(path, indicators, year_from, year_to, "level", source)) - len(points)
    return {
        "empty": points.empty, "describe": describe, "title": title,
        "note": about.source_line(points, lang_code),
        "partial": bool((points["span"] == "partial").any()) if len(points) else False,
        "breaks": breaks, "dropped": max(dropped, 0),
    }


@bundled_only(st.cache_resource(show_spinner=False, max_entries=64))
def trends_figure(path: str, indicators: tuple[str, ...], year_from: int, year_to: int, transform: str, source: str,
                  event_kinds: tuple[str, ...], lang_code: str, title: str, subtitle: str, source_line: str = ""):
    """The Trends figure (built once per view: a figure is not changed once drawn, so it is shared, not copied)."""

    points = trend_points(path, indicators, year_from, year_to, transform, source)
    events = None
    if event_kinds:
        ev = dataset(path).events
        events = ev[ev["kind"].isin(event_kinds) & (ev["date"].dt.year >= year_from) & (ev["date"].dt.year <= year_to)]
    return charts.trends_figure(points, lang_code, transform, events, (year_from, year_to), title=title, subtitle=subtitle,
                                source=source_line)


def _about(path: str, indicator: str, rows: pd.DataFrame, lang_code: str, transform: str, years=None):
    ind = dataset(path).indicators
    meta = ind.loc[indicator]
    breaks = [y for y in analysis.break_years(meta.get("breaks", "")) if years is None or years[0] < y <= years[1]]
    return about.indicator_about(meta.to_dict() | {"id": indicator}, rows, lang_code, transform, tuple(breaks),
                                 str(meta.get("preferred_source") or ""))


@bundled_only(st.cache_resource(show_spinner=False, max_entries=64))
def trends_about(path: str, indicators: tuple[str, ...], year_from: int, year_to: int, transform: str, source: str,
                 lang_code: str) -> list:
    """"About this data" of each indicator a Trends view draws (present/about.py), and the chart's source line."""
    points = trend_points(path, indicators, year_from, year_to, transform, source)
    abouts = [_about(path, i, points[points["indicator"] == i], lang_code, transform, (year_from, year_to))
              for i in indicators if (points["indicator"] == i).any()]
    return abouts


@bundled_only(st.cache_resource(show_spinner=False, max_entries=64))
def compare_about(path: str, year_a: int, year_b: int, lang_code: str, indicators: tuple[str, ...]) -> list:
    """"About this data" of the indicators a Compare chart draws: the two figures compared of each."""
    table, fr = compare_table(path, year_a, year_b), frame(path)
    lines = set(pd.to_numeric(pd.concat([table["a__line"], table["b__line"]]), errors="coerce").dropna().astype(int))
    rows = fr[fr["_line"].isin(lines)]
    return [_about(path, i, rows[rows["indicator"] == i], lang_code, "change", (year_a, year_b)) for i in indicators]


@bundled_only(st.cache_resource(show_spinner=False, max_entries=8))
def partners_figures(path: str, lang_code: str):
    """(the counts at dates, the timeline) for the Partners page."""

    ds = dataset(path)
    points = analysis.counts_at_dates(frame(path), order={i: n for n, i in enumerate(ds.indicators.index)})
    timeline = None
    if len(ds.events):
        ev = ds.events
        src = ds.sources.reindex(ev["source_id"].unique())
        rows = pd.DataFrame({"source_id": src.index, "source_kind": src.get("kind"), "publisher": src.get("publisher"),
                             "source_title": src.get("title"), "published": src.get("published")})
        title = f"{i18n.t('timeline_heading', lang_code)}, {ev['date'].dt.year.min()}–{ev['date'].dt.year.max()}"
        timeline = charts.timeline_figure(ev, lang_code, title, about.source_line(rows, lang_code))
    return points, timeline


@bundled_only(st.cache_data(show_spinner=False, max_entries=8))
def search_text(path: str) -> pd.Series:
    """The Sources page's search over every figure (`figures`)."""
    return analysis.search_text(figures(path))


@bundled_only(st.cache_data(show_spinner=False, max_entries=8))
def figures(path: str) -> pd.DataFrame:
    """Every valid figure, national or with a partner or a product, enriched like `frame` (the Sources page)."""
    return analysis.enrich(dataset(path), national_only=False)


@bundled_only(st.cache_data(show_spinner=False, max_entries=8))
def catalog(path: str) -> dict:
    """What URL parsing needs to know (views.catalog)."""
    return views.catalog(dataset(path), frame(path), figures(path))


@bundled_only(st.cache_resource(show_spinner=False, max_entries=16))
def source_options(path: str, lang_code: str) -> tuple[list[str], dict[str, str]]:
    """The Trends source picker: all sources side by side, each indicator's preferred source, then each source series
    (the press, then each dataset by its publisher and id), with their labels."""
    fr = frame(path)
    series = sorted(set(fr["series"]), key=lambda s: (s != analysis.ARTICLES, s))
    labels = {analysis.PREFERRED: i18n.t("source_preferred", lang_code),
              analysis.ALL_SOURCES: i18n.t("source_all", lang_code),
              analysis.ARTICLES: i18n.t("series_articles", lang_code)}
    firsts = fr.drop_duplicates("series").set_index("series")
    for s in series:
        if s != analysis.ARTICLES:
            labels[s] = f"{i18n.source_label(firsts.loc[s], lang_code)} ({s})"
    return [analysis.ALL_SOURCES, analysis.PREFERRED, *series], labels


# ---------------------------------------------------------------------------------------------- map outlines


@bundled_only(st.cache_resource(show_spinner=False, max_entries=4))
def world_topojson(path: str) -> dict:
    """data/maps/world_110m.json, parsed (empty when the file is missing or unreadable): the Partners and Peers
    maps' outlines both come from this one read."""
    try:
        return json.loads((Path(path) / "maps" / "world_110m.json").read_bytes())
    except (OSError, ValueError):
        return {}


# ---------------------------------------------------------------------------------------------- partners


@bundled_only(st.cache_resource(show_spinner=False, max_entries=4))
def partner_data(path: str) -> P.PartnerData:
    return P.read_partners(data_files(path))


@bundled_only(st.cache_resource(show_spinner=False, max_entries=4))
def partner_shapes(path: str) -> dict:
    """The world's outlines for the Partners map (empty without the map file)."""
    topo = world_topojson(path)
    return partner_charts.world_shapes(topo) if topo else {}


@bundled_only(st.cache_resource(show_spinner=False, max_entries=32))
def partners_map(path: str, color: str, year: int, lang: str, year_from: int | None = None):
    """(the map's figure, its table's rows) for a view of the Partners map."""
    data = partner_data(path)
    frame, _ = partner_charts.map_classes(data, color, year, lang, year_from)
    return (partner_charts.map_figure(data, partner_shapes(outlines_dir(path)), color, year, lang, year_from),
            partner_tables.map_rows(frame, data, lang))


@bundled_only(st.cache_data(show_spinner=False, max_entries=16))
def article_figures(path: str, indicators: tuple[str, ...], lang: str) -> pd.DataFrame:
    """The articles' figures at dates of INDICATORS (the Partners page draws them beside its counts): as_of, value,
    the indicator's name in LANG, source id; article sources only."""
    fr, ind = frame(path), dataset(path).indicators
    rows = fr[fr["indicator"].isin(list(indicators)) & fr["as_of"].notna()]
    if "source_kind" in rows:
        rows = rows[rows["source_kind"] == "article"]
    names = {i: str(ind.loc[i, "name_vi" if lang == "vi" else "name_en"]) if i in ind.index else i for i in indicators}
    return pd.DataFrame({
        "as_of": pd.to_datetime(rows["as_of"]).to_numpy(),
        "value": rows["value"].astype(float).to_numpy(),
        "name": [names[i] for i in rows["indicator"]],
        "source": rows["source_id"].to_numpy(),
    })


@bundled_only(st.cache_resource(show_spinner=False, max_entries=8))
def partners_levels_figure(path: str, lang: str):
    """The partnership table's count of partners at comprehensive level or above, against the articles' counts."""
    articles = article_figures(path, (P.COUNT_INDICATOR,), lang)
    return partner_charts.levels_count_figure(partner_data(path).partnerships, articles, lang)


# ---------------------------------------------------------------------------------------------- peers


@bundled_only(st.cache_resource(show_spinner=False, max_entries=4))
def peer_data(path: str) -> peers.PeerData:
    return peers.load(data_files(path))


@bundled_only(st.cache_resource(show_spinner=False, max_entries=4))
def peer_shapes(path: str) -> dict:
    """The countries of the Peers map's window (empty without the map file)."""
    topo = world_topojson(path)
    return maps.shapes_from_topojson(topo, peer_charts.WINDOW) if topo else {}


@bundled_only(st.cache_resource(show_spinner=False, max_entries=4))
def peers_catalogue(path: str) -> dict:
    """What the Peers URL and widgets may name (views.peers_catalogue)."""
    return views.peers_catalogue(peer_data(path))


@bundled_only(st.cache_resource(show_spinner=False, max_entries=64))
def peers_shown(path: str, series: str, countries: tuple[str, ...], tf: str, base: int) -> peers.Shown:
    return peers.transform(peer_data(path), series, countries, tf, base if tf == "index" else None)


@bundled_only(st.cache_resource(show_spinner=False, max_entries=32))
def peers_parts(path: str, countries: tuple[str, ...], series: str, year_from: int, year_to: int, tf: str,
          lang: str) -> dict:
    """Everything the Peers page draws for a view in LANG: figures, their rows, the notes (built once per view and
    language)."""

    view = PeersView(countries, series, year_from, year_to, tf)
    data = peer_data(path)
    base = view.year_from if view.transform == "index" else None
    result = peers_shown(path, view.series, view.countries, view.transform, view.year_from)
    rows = peers.between(result, view.year_from, view.year_to)
    name = tables.peers_series_name(data, view.series, lang)
    unit = result.unit
    describe = ps.describe(view.year_from, view.year_to, rows["country"].nunique(), view.transform, lang, base)
    out: dict = {"name": name, "unit": unit, "base": base, "describe": describe, "empty": rows.empty}
    notes = []
    if result.left_out:
        why = t("why_pctgdp", lang) if view.transform == "pctgdp" else t("why_index", lang, base=base)
        notes.append(t("peers_left_out", lang, names=", ".join(ps.country_name(c, lang) for c in result.left_out),
                          why=why))
    missing = [c for c in view.countries if c not in set(rows["country"]) and c not in result.left_out]
    if missing:
        notes.append(t("peers_no_values", lang, names=", ".join(ps.country_name(c, lang) for c in missing)))
    out["notes"] = notes
    if rows.empty:
        return out
    out["lines"] = peer_charts.lines_figure(rows, view.countries, unit, lang, name, describe, base)
    out["lines_rows"] = peer_tables.series_rows(rows, view.countries, unit, lang, base)
    # Ranking in the last year shown, against 5 and 10 years earlier.
    ranking = peers.rank_table(result, view.year_to, view.countries)
    out["rank_rows"] = peer_tables.rank_rows(ranking, view.year_to, unit, lang, base)
    home = ranking[ranking["country"] == peers.HOME]
    if len(home):
        r = home.iloc[0]
        none = t("peers_rank_none", lang)
        out["rank_home"] = t("peers_rank_home", lang, rank=int(r["rank"]), of=int(r["of"]), year=view.year_to,
                                value=formatting.value_text(float(r["value"]), unit, lang, base),
                                rank5=none if r.isna()["rank_5"] else int(r["rank_5"]),
                                rank10=none if r.isna()["rank_10"] else int(r["rank_10"]))
    else:
        out["rank_home"] = t("peers_rank_no_home", lang, year=view.year_to)
    # Then and now: the first and the last year shown.
    if view.year_from < view.year_to:
        table = peers.then_and_now(result, view.year_from, view.year_to, view.countries)
        if len(table):
            title = t("peers_slope_heading", lang, a=view.year_from, b=view.year_to)
            out["slope"] = peer_charts.dumbbell_figure(table, unit, lang, view.year_from, view.year_to, name,
                                                       f"{title}, {formatting.unit_label(unit, lang, base)}", base)
            out["slope_rows"] = peer_tables.then_now_rows(table, view.year_from, view.year_to, unit, lang, base)
    # The map: every country of the extract, in the last year shown.
    everyone = peers_shown(path, view.series, tuple(peers.COUNTRIES), view.transform, view.year_from)
    values = peers.at_year(everyone, view.year_to)
    if len(values):
        out["map"] = peer_charts.map_figure(values, peer_shapes(outlines_dir(path)), everyone.unit, lang, name,
                                            f"{view.year_to}, {formatting.unit_label(everyone.unit, lang, base)}", base)
        out["map_rows"] = peer_tables.map_rows(values, view.year_to, everyone.unit, lang, base)
    return out


# ---------------------------------------------------------------------------------------------- trade
# Keyed by the data key alone: an upload brings its observations and its trade, product and partner files.

TRADE_FILES = (TR.DOTS_FILE, TR.PRODUCTS_FILE, "products.csv")


@bundled_only(st.cache_resource(show_spinner=False, max_entries=4))
def dimension_names(path: str) -> dict[str, tuple[str, str]]:
    """Partner and product codes -> (vi, en) names: how the Sources page names a figure's market and product."""
    bundle = trade_bundle(path)
    products = bundle.products
    return dict(bundle.names) | {str(c): (str(products.at[c, "name_vi"]), str(products.at[c, "name_en"]))
                                 for c in products.index}


@bundled_only(st.cache_resource(show_spinner=False, max_entries=4))
def trade_bundle(path: str) -> trade_parts.TradeBundle:
    """What the Trade page reads: each trade file read once (its bytes shared by every table made from it)."""
    every = data_files(path)
    files = DataFiles(files={name: every[name] for name in TRADE_FILES if name in every}, label=every.label)
    ds = dataset(path)
    kinds = ds.sources["kind"] if "kind" in ds.sources else pd.Series(dtype=object)
    partner_statistics = {str(s) for s, k in kinds.items() if k == "partner_statistics"}
    data = TR.load(files, ds.observations, partner_statistics)
    products, _ = TR.read_products(files)
    partners = partner_data(path)
    imf = trade_tables.dots_names(files[TR.DOTS_FILE]) if TR.DOTS_FILE in files else {}
    catalogue = partners.partners
    groups = {}
    if "kind" in catalogue:
        for code in catalogue.index[catalogue["kind"] == "group"]:
            groups[code] = tuple(c for c in catalogue.index if code in tuple(catalogue.at[c, "groups"] or ()))
    counted = P.counted_agreements(partners.agreements).index if len(partners.agreements) else []
    pairs = partners.pairs[partners.pairs["agreement"].isin(counted)] if len(partners.pairs) else partners.pairs
    labels = {}
    for source_id in ds.sources.index:
        row = ds.sources.loc[source_id]
        labels[str(source_id)] = str(row.get("publisher") or row.get("title") or source_id)
    return trade_parts.TradeBundle(data, trade_tables.partner_names(catalogue, imf), groups, labels,
                                   trade_tables.commodity_groups(data, products), products, pairs)


@bundled_only(st.cache_resource(show_spinner=False, max_entries=4))
def trade_choices(path: str) -> TradeChoices:
    b = trade_bundle(path)
    return TradeChoices(b.partners, b.dots_years, b.years(), b.product_codes)


@bundled_only(st.cache_resource(show_spinner=False, max_entries=64))
def trade_markets(path: str, year: int, flow: str, lang: str) -> dict:
    return trade_parts.markets(trade_bundle(path), year, flow, lang)


@bundled_only(st.cache_resource(show_spinner=False, max_entries=8))
def trade_concentration(path: str, lang: str) -> dict:
    return trade_parts.concentration(trade_bundle(path), lang)


@bundled_only(st.cache_resource(show_spinner=False, max_entries=64))
def trade_partner(path: str, partner: str, year_from: int, year_to: int, lang: str) -> dict:
    return trade_parts.partner(trade_bundle(path), partner, year_from, year_to, lang)


@bundled_only(st.cache_resource(show_spinner=False, max_entries=8))
def trade_fta(path: str, lang: str) -> dict:
    return trade_parts.fta(trade_bundle(path), lang)


@bundled_only(st.cache_resource(show_spinner=False, max_entries=16))
def trade_products(path: str, product: str | None, lang: str) -> dict:
    return trade_parts.products(trade_bundle(path), product, lang)


@bundled_only(st.cache_resource(show_spinner=False, max_entries=32))
def trade_map(path: str, year: int, flow: str, lang: str) -> dict:
    return trade_parts.world_map(trade_bundle(path), partner_shapes(outlines_dir(path)), year, flow, lang)


@bundled_only(st.cache_resource(show_spinner=False, max_entries=64))
def trade_profile(path: str, partner: str, lang: str) -> pd.DataFrame:
    """The Partners profile's trade block (one row per source, its latest period)."""
    b = trade_bundle(path)
    return trade_tables.profile_rows(b.data, partner, b.sources, lang)


# ---------------------------------------------------------------------------------------------- import


@bundled_only(st.cache_data(show_spinner=False, max_entries=16))
def article_candidates(path: str, text: str, article_date: date | None, published: str, year: int | None,
                       include_all: bool):
    """The Import page's candidate figures in an article's TEXT, against the catalogue and the figures of PATH's
    dataset (raises extract.text.ArticleError for a text it cannot read)."""
    from vnintegration.extract.figures import catalog_from_frame, extract

    ds = dataset(path)
    return extract(text, catalog_from_frame(ds.indicators), year=year, article_date=article_date,
                   published=published, reference=ds.observations, include_all=include_all)


# ---------------------------------------------------------------------------------------------- brief
# The Brief page: the brief of the data (its key: the dataset, the partner and trade files), and its Word document
# in a language, its links on the reader's address (BASE: share.app_base()).


@bundled_only(st.cache_resource(show_spinner=False, max_entries=8))
def brief(path: str, span: str) -> core_brief.Brief:
    ds = dataset(path)
    trade = trade_bundle(path).data
    return core_brief.build(frame(path), ds.indicators, ds.sources, partner_data(path), trade, span,
                            latest_cards(path, span))


@bundled_only(st.cache_data(show_spinner=False, max_entries=32))
def brief_docx(path: str, span: str, lang: str, base: str) -> bytes:
    return brief_render.to_docx(brief_text.worded(brief(path, span), lang, link_url(base, lang)))
