"""Peers: Viet Nam beside ASEAN and Asian economies, one WDI indicator at a time, as lines over the years, a
ranking, then and now, and a map; every chart with its table and CSV.

URL parameters: countries, ind, from, to, tf, as dashboard/registry.py describes them (parsed in
dashboard/peers_state.py). The rules (transforms, ranks) live in core/peers.py, the figures and tables in
present/peers/; this page reads the URL and the widgets, calls them, and draws. Its caches of the bundled data are
in dashboard/caches.py.
"""

from __future__ import annotations

import streamlit as st

from vnintegration.core import peers
from vnintegration.dashboard import caches, common, state, views
from vnintegration.dashboard.peers_state import PAGE, PeersChoices, PeersView, parse_peers
from vnintegration.present import tables
from vnintegration.present.export import safe_text, strip_format_chars
from vnintegration.present.i18n import t
from vnintegration.present.peers import strings as ps
from vnintegration.present.peers import tables as peer_tables

PLOTLY_CONFIG = common.plotly_config("vn-integration-peers")


# ---------------------------------------------------------------------------------------------- the page


def choices(path: str) -> PeersChoices:
    return views.peers_choices(caches.peers_catalogue(path))


def fit_to_series(series: str, cat: dict) -> None:
    """Keep the year and transform widgets' state within what SERIES offers (before they are drawn)."""
    lo, hi = cat["years"][series]
    years = st.session_state.get("peers_years")
    if isinstance(years, (tuple, list)) and len(years) == 2:
        a, b = max(lo, min(int(years[0]), hi)), max(lo, min(int(years[1]), hi))
        fitted = (a, b) if a < b or lo <= years[0] == years[1] <= hi else cat["default_years"][series]
    else:
        fitted = cat["default_years"][series]
    # Written back on every run, even when unchanged: the slider's identity includes its bounds, so a series
    # with other years makes a new slider, which would start at its first year unless its value is set here.
    st.session_state["peers_years"] = tuple(fitted)
    if st.session_state.get("peers_tf") not in cat["transforms"][series]:
        st.session_state["peers_tf"] = "level"


def controls(path: str, lang: str) -> PeersView:
    cat = caches.peers_catalogue(path)
    data = caches.peer_data(path)
    labels = {s: tables.peers_series_name(data, s, lang) for s in cat["series"]}
    series = st.selectbox(t("peers_indicator", lang), cat["series"], key="peers_ind",
                          format_func=labels.__getitem__)
    fit_to_series(series, cat)
    countries = st.multiselect(t("peers_countries", lang), cat["economies"], key="peers_countries",
                               format_func=lambda c: ps.country_name(c, lang) + (
                                   t("group_suffix", lang) if c in peers.AGGREGATES else ""),
                               placeholder=t("peers_countries_help", lang))
    lo, hi = cat["years"][series]
    if lo < hi:
        year_from, year_to = st.slider(t("peers_years", lang), min_value=lo, max_value=hi, step=1,
                                       key="peers_years")
    else:
        year_from = year_to = lo
    offered = list(cat["transforms"][series])
    tf = st.segmented_control(t("peers_transform", lang), offered, key="peers_tf", required=True,
                              format_func=lambda x: t("ptf_" + x, lang))
    return PeersView(tuple(countries), series, int(year_from), int(year_to), tf or "level")


class Csv:
    """What every CSV of the view carries besides its rows: the indicator, the transform and the source (one file
    reads on its own), and the file name's stem (indicator, transform, years)."""

    def __init__(self, indicator: str, transform: str, source: str, stem: str, lang: str) -> None:
        self.indicator, self.transform, self.source, self.stem, self.lang = indicator, transform, source, stem, lang

    def bytes_of(self, rows):
        return peer_tables.csv_bytes(rows, self.indicator, self.transform, self.source, self.lang)


def download(rows, csv: Csv, label: str, name: str, key: str) -> None:
    """The CSV of ROWS, built when clicked (not on every rerun), under a label that says which table it is."""
    st.download_button(label, lambda: csv.bytes_of(rows), file_name=f"vn-peers-{csv.stem}-{name}.csv",
                       mime="text/csv", key=key, on_click="ignore", icon="⬇️")


def table_and_csv(rows, unit: str, csv: Csv, label: str, name: str, key: str) -> None:
    common.table_and_csv(t("peers_table", csv.lang), key, lambda: peer_tables.for_reading(rows, unit, csv.lang),
                         lambda: csv.bytes_of(rows), f"vn-peers-{csv.stem}-{name}.csv", label)


def citation() -> str:
    """The extract's citation from its row of sources.csv (the validated Dataset's sources table); "" without one."""
    return tables.peers_citation(common.dataset().sources)


def source_line(lang: str) -> str:
    """"Source: <citation>." ("" without one)."""
    cited = citation()
    return t("peers_source", lang, citation=cited) if cited else ""


def main() -> None:
    lang = common.lang()
    path = common.key()
    data = caches.peer_data(path)
    st.title(t("page_peers", lang))
    st.caption(t("peers_intro", lang))
    if data.rows.empty:
        st.error(t("peers_no_data", lang, start="–", end="–"))
        for problem in data.problems[:5]:
            st.text(strip_format_chars(str(problem)))
        return
    cat = caches.peers_catalogue(path)
    params = state.restore(PAGE, state.query())
    url_view, notices = parse_peers(params, choices(path))
    state.seed(PAGE, params, {"peers_ind": url_view.series, "peers_countries": list(url_view.countries),
                              "peers_years": (url_view.year_from, url_view.year_to), "peers_tf": url_view.transform})
    common.show_notices(notices)
    with st.container(key="peers_controls"):
        view = controls(path, lang)
    if cat["years"][view.series][0] == cat["years"][view.series][1]:
        view = PeersView(view.countries, view.series, *cat["years"][view.series][:2], view.transform)
    state.commit(PAGE, view.to_params())
    source = source_line(lang)
    if not view.countries:
        st.info(t("peers_pick_country", lang), icon="👆")
        return
    got = caches.peers_parts(path, view.countries, view.series, view.year_from, view.year_to, view.transform, lang)
    for note in got["notes"]:
        st.caption(safe_text(note))
    if got["empty"]:
        st.info(t("peers_no_data", lang, start=view.year_from, end=view.year_to))
        return
    unit, slug = got["unit"], view.series.lower().replace(".", "-")
    indicator = tables.peers_series_name(caches.peer_data(path), view.series, lang)
    # File names say the view: the series, the transform (a share of GDP is not the level) and the years.
    csv = Csv(indicator, t("ptf_" + view.transform, lang), citation(),
              f"{slug}-{view.transform}-{view.year_from}-{view.year_to}", lang)

    st.plotly_chart(got["lines"], config=PLOTLY_CONFIG, theme=None, key="peers_lines")
    st.caption(safe_text(source))
    series_label = t("peers_download_series", lang)
    download(got["lines_rows"], csv, series_label, "series", "peers_series_csv")
    table_and_csv(got["lines_rows"], unit, csv, series_label, "series", "peers_lines")

    st.subheader(t("peers_rank_heading", lang, year=view.year_to))
    st.caption(safe_text(t("peers_rank_intro", lang)))
    st.text(got["rank_home"])
    common.show_table(peer_tables.for_reading(got["rank_rows"], unit, lang), hide_index=True, width="stretch",
                 key="peers_rank_table")
    download(got["rank_rows"], csv, t("peers_download_rank", lang, year=view.year_to), f"rank-{view.year_to}",
             "peers_rank_csv")

    if "slope" in got:
        st.subheader(t("peers_slope_heading", lang, a=view.year_from, b=view.year_to))
        st.plotly_chart(got["slope"], config=PLOTLY_CONFIG, theme=None, key="peers_slope")
        st.caption(safe_text(source))
        table_and_csv(got["slope_rows"], unit, csv, t("peers_download_slope", lang, a=view.year_from, b=view.year_to),
                      f"then-now-{view.year_from}-{view.year_to}", "peers_slope")
    elif view.year_from == view.year_to:
        st.caption(t("peers_slope_same", lang))

    if "map" in got:
        st.subheader(t("peers_map_heading", lang, year=view.year_to))
        st.plotly_chart(got["map"], config=PLOTLY_CONFIG | {"displayModeBar": False}, theme=None, key="peers_map")
        st.caption(safe_text(t("peers_map_note", lang, year=view.year_to) + " " + t("peers_map_scale", lang) + " "
                             + source))
        table_and_csv(got["map_rows"], unit, csv, t("peers_download_map", lang, year=view.year_to),
                      f"map-{view.year_to}", "peers_map")


main()
