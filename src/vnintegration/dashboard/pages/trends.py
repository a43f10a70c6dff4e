"""Trends: indicators over years, as small multiples (one panel per unit) or as a table.

URL parameters: ind, from, to, tf, view, ev, src, as dashboard/registry.py describes them.

The chart is sent before the controls above it are drawn: the view is known from the widgets' state (seeded
from the URL by `state.seed`, or as the reader left them) before the widgets are drawn, so the browser starts
fetching plotly's bundle and drawing the chart while the controls are still on their way. The controls'
containers are created first, so they still appear above the chart. The view controls (level/change,
chart/table, milestones, source) and the chart are one fragment: changing one reruns and redraws only that; the
indicators and years rerun the page.
"""

from __future__ import annotations

import streamlit as st

from vnintegration.dashboard import caches, common, registry, state, views
from vnintegration.dashboard.about_box import about_box
from vnintegration.dashboard.common import t
from vnintegration.dashboard.peers_state import trends_link
from vnintegration.present import tables
from vnintegration.present.export import plot_text, safe_text

EVENT_KINDS_SHOWN = ("resolution", "directive", "agreement", "congress")
_RERAN = "_vni_trends_reran"  # session state: the last run was restarted because the widgets disagreed

lang = common.lang()
path = common.key()
ds = common.dataset()
cat = caches.catalog(path)
years = cat["years"]


def planned_view(lo: int, hi: int) -> views.TrendsView:
    """The view the widgets will return, read from their state before they are drawn."""
    ss = st.session_state
    year_from, year_to = ss.get("years", (lo, hi)) if lo < hi else (lo, hi)
    return views.TrendsView(tuple(ss.get("indicators") or ()), int(year_from), int(year_to),
                            ss.get("transform") or "level", ss.get("view") or "chart", bool(ss.get("events", True)),
                            ss.get("source") or views.ALL_SOURCES)


def draw_selection(lo: int, hi: int) -> tuple[tuple[str, ...], int, int]:
    """What is shown: the indicators and the year range (a change reruns the page)."""
    options, labels = caches.trends_options(path, lang)
    chosen = st.multiselect(t("indicators"), options, key="indicators", format_func=labels.__getitem__,
                            placeholder=t("indicators_help"), width="stretch")
    if lo < hi:
        year_from, year_to = st.slider(t("years"), min_value=lo, max_value=hi, step=1, key="years", width=260)
    else:
        year_from, year_to = lo, hi
        st.session_state.pop("years", None)
        st.caption(f"{t('years')}: {lo}")
    draw_trade_search()
    return tuple(chosen), int(year_from), int(year_to)


def draw_trade_search() -> None:
    """Partners and products found by a name in either language ("Mỹ", "Hoa Kỳ", "China"), each a link to the Trade
    page (their figures by partner are there, not among the indicators). The query is a search, not a view: it is
    not written into the URL."""
    query = st.text_input(t("tr_search_label"), key="trade_search", placeholder=t("tr_search_help"), width=320,
                          max_chars=60)
    if not query or len(query.strip()) < 2:
        return
    from vnintegration.present.trade import tables as trade_tables

    bundle = caches.trade_bundle(path)
    found = trade_tables.search(query, bundle.names, bundle.products)
    if not found:
        st.caption(t("tr_search_none"))
    page = registry.BY_NAME["trade"].file
    for kind, code in found:
        if kind == "partner":
            st.page_link(page, query_params={"view": "partner", "partner": code},
                         label=safe_text(t("tr_search_partner", name=trade_tables.name(bundle.names, code, lang))))
        else:
            st.page_link(page, query_params={"view": "products", "product": code},
                         label=safe_text(t("tr_search_product",
                                           name=trade_tables.product_name(bundle.products, code, lang))))


def draw_view_controls() -> tuple[str, str, bool, str]:
    """How it is shown: level or change, chart or table, milestones, whose figures (a change reruns the
    fragment alone)."""
    transform = st.segmented_control(t("transform"), list(views.TRANSFORMS), key="transform", required=True,
                                     format_func=lambda x: t("tf_" + x))
    view = st.segmented_control(t("view"), list(views.VIEWS), key="view", required=True,
                                format_func=lambda x: t("view_" + x))
    show_events = st.toggle(t("events_toggle"), key="events", disabled=view == "table" or transform == "ytd")
    options, labels = caches.source_options(path, lang)
    source = st.selectbox(t("source_pick"), options, key="source", format_func=labels.__getitem__,
                          help=t("source_pick_help"), width=260)
    return transform, view, bool(show_events), source


def draw_view(view: views.TrendsView) -> None:
    """The chart (or table) of VIEW, its notes and its CSV download."""
    if not view.indicators:
        st.info(t("pick_indicator"), icon="👆")
        return
    args = (path, view.indicators, view.year_from, view.year_to, view.transform, view.source)
    texts = caches.trends_texts(*args, lang)
    if texts["empty"]:
        st.info(t("no_data_in_range", start=view.year_from, end=view.year_to) if view.transform == "level"
                else t("no_ytd", start=view.year_from, end=view.year_to) if view.transform == "ytd" else t("no_yoy"))
        return
    if view.view == "chart":
        from vnintegration.present import charts, plot

        fig = caches.trends_figure(*args, EVENT_KINDS_SHOWN if view.events else (), lang, texts["title"],
                                   plot.wrap(plot_text(texts["describe"]), charts.KEY_CHARS), texts["note"])
        st.plotly_chart(fig, config=plotly_config(view), theme=None, key="trends_chart")
        hints = []
        if texts["partial"] and view.transform != "ytd":  # the year-to-date view draws part years as its lines
            hints.append(t("partial_note"))
        if texts["breaks"]:
            hints.append(t("break_note", years=", ".join(map(str, texts["breaks"]))))
        hints.append(t("download_png_hint"))
        st.caption(" ".join(hints))
    else:
        points = caches.trend_points(*args)
        st.caption(texts["describe"])
        common.show_table(tables.trends_table(points, lang, view.transform), hide_index=True, width="stretch",
                     key="trends_table")
        st.caption(safe_text(texts["note"]))
        draw_events_table(view)
    if texts["dropped"]:
        st.caption(t("yoy_dropped", n=texts["dropped"]))
    about_box(caches.trends_about(*args, lang), "trends")
    transform, shown = view.transform, caches.trend_points(*args)
    # Built when clicked (on a thread of its own), not on every rerun: the frame is the cached one of this view.
    st.download_button(t("download_csv"), lambda: tables.trends_csv(shown, transform),
                       file_name=f"{view_name(view)}.csv", mime="text/csv", key="download_csv", on_click="ignore")
    draw_peers_links(view.indicators)


def view_name(view: views.TrendsView) -> str:
    """The view as a file name: "trends-exports-2000-2025" (a PNG or CSV says what it holds)."""
    names = "-".join(view.indicators[:3]) + ("-more" if len(view.indicators) > 3 else "")
    suffix = "" if view.transform == "level" else f"-{view.transform}"
    return f"trends-{names}-{view.year_from}-{view.year_to}{suffix}".replace("_", "-")


def plotly_config(view: views.TrendsView) -> dict:
    return common.plotly_config(view_name(view), common.NO_SELECT)


def draw_events_table(view: views.TrendsView) -> None:
    """The policy milestones of the years shown, named, under the table (the chart names them in its hover)."""
    if not view.events or view.transform == "ytd":
        return
    ev = ds.events
    ev = ev[ev["kind"].isin(EVENT_KINDS_SHOWN) & (ev["date"].dt.year >= view.year_from)
            & (ev["date"].dt.year <= view.year_to)]
    if len(ev):  # a list, not a second grid: each milestone's date, kind, number and title, as text
        named = tables.events_table(ev, lang)
        st.caption(safe_text(t("events_heading")) + "  \n" + "  \n".join(
            safe_text(" · ".join(str(c) for c in row if str(c).strip())) for row in named.itertuples(index=False)))


def draw_peers_links(indicators: tuple[str, ...]) -> None:
    """A link to /peers, its WDI series picked, for each indicator shown that the peers extract holds."""
    for indicator in indicators:
        query = trends_link(indicator, lang)
        if query is not None:
            st.page_link(registry.BY_NAME["peers"].file, query_params=query,
                         label=safe_text(t("peers_from_trends", name=common.indicator_name(indicator))))


@st.fragment
def view_part(lo: int, hi: int) -> None:
    """The view controls and the chart (or table): changing one of these controls reruns only this fragment,
    not the app's navigation, sidebar, the indicator picker and the footer. The chart is sent before the
    controls (their container is created first, so they are shown above it)."""
    controls = st.container(horizontal=True, gap="medium", vertical_alignment="bottom", key="trends_controls")
    planned = planned_view(lo, hi)
    with st.container(key="trends_body"):
        draw_view(planned)
    with controls:
        transform, view, events, source = draw_view_controls()
    current = views.TrendsView(planned.indicators, planned.year_from, planned.year_to, transform, view, events, source)
    if current != planned:
        rerun_once()
    st.session_state[_RERAN] = False
    state.commit("trends", current.to_params())


def rerun_once() -> None:
    """The widgets returned another view than their state said (not expected): draw theirs on a new run."""
    if not st.session_state.get(_RERAN):
        st.session_state[_RERAN] = True
        st.rerun()


def main() -> None:
    common.header("page_trends")
    if not years:
        st.info(t("no_data_in_range", start="–", end="–"))
        return
    lo, hi = years[0], years[-1]
    params = state.restore("trends", state.query())
    url_view, notices = views.parse_trends(params, cat["indicators"], (lo, hi), cat["default_indicators"],
                                           views.default_trend_years((lo, hi)), cat["series"])
    state.seed("trends", params, {
        "indicators": list(url_view.indicators), "years": (url_view.year_from, url_view.year_to),
        "transform": url_view.transform, "view": url_view.view, "events": url_view.events, "source": url_view.source,
    })
    common.show_notices(notices)
    # The picker's container comes first on the page, but is filled after the fragment has sent the chart.
    pick = st.container(gap="small", key="trends_pick")
    planned = planned_view(lo, hi)
    view_part(lo, hi)
    with pick:
        selection = draw_selection(lo, hi)
    if selection != (planned.indicators, planned.year_from, planned.year_to):
        rerun_once()
    st.session_state[_RERAN] = False
    common.footer(ds)


main()
