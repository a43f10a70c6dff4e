"""Partners & agreements: who Viet Nam is integrated with. Five views, one at a time: a world map (partnership
level, FTAs in force or registered FDI at a year's end; a click opens the country's profile), a partner's profile,
the top investors, the FTAs by date beside the articles' counts, and the counts at dates with their reconciliation.

URL parameters: tab, partner, year, from, color, as dashboard/registry.py describes them (parsed in
dashboard/partners_state.py). The rules live in core/partners.py, the figures and tables in present/; this page
reads the URL and the widgets, calls them and draws. Its caches of the bundled data are in dashboard/caches.py.
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from vnintegration.core import partners as P
from vnintegration.dashboard import caches, common, registry, state
from vnintegration.dashboard.common import t
from vnintegration.dashboard.partners_state import COLORS, PAGE, TABS, PartnersChoices, PartnersView, parse_partners
from vnintegration.present import about
from vnintegration.present import tables as base_tables
from vnintegration.present.export import safe_text
from vnintegration.present.partners import charts, tables
from vnintegration.present.trade import tables as trade_tables

PLOTLY_CONFIG = common.plotly_config("vn-integration-partners")
ARTICLE_FTA_INDICATORS = ("ftas_signed", "ftas_network")
_RERAN = "_vni_partners_reran"  # session state: the last run was restarted because the controls disagreed


def choices(data: P.PartnerData) -> PartnersChoices:
    years = P.fdi_years(data) or (2025, 2025)
    return PartnersChoices(list(data.partners.index), years, years[1])


# ---------------------------------------------------------------------------------------------- page parts


def download(frame: pd.DataFrame, name: str, key: str) -> None:
    """The CSV of FRAME (the table's rows), built when clicked, through the safe export."""
    st.download_button(t("pdownload"), lambda: tables.csv_bytes(frame), file_name=f"vn-partners-{name}.csv",
                       mime="text/csv", key=key, on_click="ignore")


def table_and_csv(frame: pd.DataFrame, lang: str, name: str, key: str, expanded: bool = False) -> None:
    common.table_and_csv(t("ptable"), key, lambda: tables.for_reading(frame, lang), lambda: tables.csv_bytes(frame),
                         f"vn-partners-{name}.csv", t("pdownload"), expanded)


def chart(fig, key: str, **kwargs):
    return st.plotly_chart(fig, config=PLOTLY_CONFIG, theme=None, key=key, **kwargs)


def open_clicked() -> None:
    """on_select of the map (runs before the rerun, so the widgets are set before they are drawn): a click on a
    country's dot opens its profile."""
    selection = st.session_state.get("partners_map") or {}
    points = (selection.get("selection") or {}).get("points") or []
    for point in points:
        data = point.get("customdata")
        code = data[0] if isinstance(data, (list, tuple)) and data else None
        if isinstance(code, str) and code in caches.partner_data(common.key()).partners.index:
            st.session_state["partners_partner"] = code
            st.session_state["partners_tab"] = "profile"
            return


# ---------------------------------------------------------------------------------------------- views


def map_view(path: str, data: P.PartnerData, view: PartnersView, lang: str) -> None:
    year_from = view.year_from if view.color == "fdi" else None
    fig, rows = caches.partners_map(path, view.color, view.year, lang, year_from)
    chart(fig, "partners_map", on_select=open_clicked, selection_mode="points")
    if year_from is not None and P.fdi_sum(data, year_from, view.year)[1]:
        st.caption(t("pmap_fdi_break"))
    st.caption(t("pmap_note"))
    source = {"level": "levels", "fta": "fta", "fdi": "fdi"}[view.color]
    st.caption(safe_text(t("psource", citation=about.partner_citation(source, lang))))
    span = f"{year_from}-{view.year}" if year_from is not None else view.year
    table_and_csv(rows, lang, f"map-{view.color}-{span}", "partners_map")


def profile_view(data: P.PartnerData, view: PartnersView, lang: str) -> None:
    if not view.partner:
        st.info(t("ppartner_pick"), icon="👆")
        return
    code, name = view.partner, data.name(view.partner, lang)
    st.subheader(name)

    st.markdown("**" + safe_text(t("pprofile_level")) + "**")
    history = P.level_history(data.partnerships, code)
    if history.empty:
        st.text(t("pprofile_no_level"))
    else:
        rows = tables.level_rows(history, lang)
        common.show_table(rows, hide_index=True, width="stretch", key="partners_levels_table",
                     column_config={t("ptcol_quote"): st.column_config.TextColumn(width="large")})
        st.caption(t("pprofile_quote_note"))
        download(rows, f"{code}-levels", "partners_levels_csv")

    st.markdown("**" + safe_text(t("pprofile_ftas")) + "**")
    ftas = P.ftas_covering(data, code)
    if ftas.empty:
        st.text(t("pprofile_no_fta"))
    else:
        rows = tables.fta_rows(ftas, data, lang)
        common.show_table(rows, hide_index=True, width="stretch", key="partners_ftas_table")
        download(rows, f"{code}-ftas", "partners_ftas_csv")

    trade_block(code, name, lang)

    fdi = P.partner_fdi(data, code)
    if fdi.empty:
        st.text(t("pprofile_no_fdi"))
    else:
        chart(charts.fdi_figure(fdi, t("pprofile_fdi", name=name), lang), "partners_fdi")
        last = fdi.iloc[-1]
        st.text(t("pprofile_rank", year=int(last["year"]), capital=tables.for_reading(
            pd.DataFrame({"v": [float(last["capital"])]}), lang)["v"].iloc[0], rank=int(last["rank"])))
        if P.crosses_break(int(fdi["year"].min()), int(fdi["year"].max())):
            st.caption(t("pinv_break"))
        st.caption(safe_text(t("psource", citation=about.partner_citation("fdi", lang))))
        table_and_csv(tables.fdi_rows(fdi, lang), lang, f"{code}-fdi", "partners_fdi")

    positions = P.partner_positions(data, code)
    if positions.empty:
        st.text(t("pprofile_no_imf"))
    else:
        chart(charts.imf_figure(positions, t("pprofile_imf", name=name), lang), "partners_imf")
        st.caption(t("pprofile_imf_note"))
        st.caption(safe_text(t("psource", citation=about.partner_citation("imf", lang))))
        table_and_csv(tables.imf_rows(positions, lang), lang, f"{code}-imf", "partners_imf")


def trade_block(code: str, name: str, lang: str) -> None:
    """Exports, imports, balance, export share and rank for the latest period of each source (IMF DOTS, the
    statements), and a link to the partner on the Trade page."""
    st.markdown("**" + safe_text(t("tr_profile_heading")) + "**")
    rows = caches.trade_profile(common.key(), code, lang)
    if rows.empty:
        st.text(t("tr_profile_none"))
        return
    common.show_table(trade_tables.for_reading(rows, lang), hide_index=True, width="stretch", key="partners_trade_table")
    st.page_link(registry.BY_NAME["trade"].file, query_params={"view": "partner", "partner": code},
                 label=safe_text(t("tr_profile_link", name=name)))


def investors_view(data: P.PartnerData, view: PartnersView, lang: str) -> None:
    n = 10
    top = P.top_investors(data, view.year, view.year, n)
    title = t("pinv_heading", n=len(top), period=view.year)
    chart(charts.investors_figure(top, data, title, lang), "partners_investors")
    st.caption(t("pinv_share_note"))
    if view.year == P.BREAK_YEAR:
        st.caption(t("pinv_break"))
    st.caption(safe_text(t("psource", citation=about.partner_citation("fdi", lang))))
    table_and_csv(tables.investor_rows(top, data, lang), lang, f"investors-{view.year}", "partners_investors",
                  expanded=True)
    lo, hi = P.fdi_years(data)
    matrix = P.investor_matrix(data, lo, hi, n)
    chart(charts.matrix_figure(matrix, data, t("pinv_matrix"), lang), "partners_matrix")
    st.caption(t("pinv_break"))
    table_and_csv(tables.matrix_rows(matrix, data, lang), lang, f"investors-{lo}-{hi}", "partners_matrix")


def agreements_view(data: P.PartnerData, lang: str) -> None:
    shown = data.agreements[data.agreements["counted_line"] == "yes"]
    chart(charts.agreements_figure(shown, lang), "partners_agreements")
    st.caption(safe_text(t("psource", citation=about.partner_citation("fta", lang))))
    table_and_csv(tables.agreement_rows(data.agreements, data, lang), lang, "agreements", "partners_agreements")
    wto = P.lines_in_force(data.agreements, range(1995, 2026))
    rcep_day = data.agreements.loc["rcep", "in_force"] if "rcep" in data.agreements.index else None
    rcep = wto + [int(rcep_day is not None and y >= rcep_day.year) for y in wto.index]
    articles = caches.article_figures(common.key(), ARTICLE_FTA_INDICATORS, lang)
    chart(charts.fta_count_figure(wto, rcep, articles, lang), "partners_fta_count")
    st.caption(t("pagr_explain", wto=int(wto.iloc[-1]), rcep=int(rcep.iloc[-1])))
    table_and_csv(tables.count_rows(wto, rcep, articles, lang), lang, "fta-count", "partners_fta_count")


def counts_view(data: P.PartnerData, lang: str) -> None:
    """The articles' counts at dates, drawn against the partnership table they reconcile with, then all the
    counts as a table, and the timeline of milestones."""
    st.subheader(t("prec_heading"))
    st.caption(t("prec_intro"))
    articles = caches.article_figures(common.key(), (P.COUNT_INDICATOR,), lang)
    if data.present:
        chart(caches.partners_levels_figure(common.key(), lang), "partners_levels_count")
        st.caption(safe_text(t("psource", citation=about.partner_citation("levels", lang))))
        rows = tables.reconciliation_rows(data.partnerships, articles, lang)
        common.show_table(tables.for_reading(rows, lang), hide_index=True, width="stretch", key="partners_rec_table")
        download(rows, "reconciliation", "partners_rec_csv")
        upgraded = P.upgrades_in(data.partnerships, 2025)
        st.caption(safe_text(t("prec_upgrades", n=len(upgraded),
                               names=", ".join(data.name(c, lang) for c in upgraded))))

    points, timeline = caches.partners_figures(common.key(), lang)
    st.subheader(t("counts_heading"))
    if points is None or not len(points):
        st.info(t("no_counts"))
    else:
        counts = base_tables.counts_table(points, lang)
        common.show_table(counts, hide_index=True, width="stretch", key="partners_table")
        download(counts, "counts", "partners_counts_csv")
    st.subheader(t("timeline_heading"))
    if timeline is None:
        st.info(t("no_events"))
    else:
        chart(timeline, "timeline_chart")
        events = base_tables.events_table(common.dataset().events, lang)
        common.show_table(events, hide_index=True, width="stretch", key="events_table",
                     column_config={t("col_title"): st.column_config.TextColumn(width="large")})
        download(events, "timeline", "partners_events_csv")


# ---------------------------------------------------------------------------------------------- the page


def planned_view(url_view: PartnersView, lo: int) -> PartnersView:
    """The view the controls will return, read from their state before they are drawn (see draw_controls)."""
    ss = st.session_state
    tab = ss.get("partners_tab") or "map"
    year = int(ss.get("partners_year", url_view.year))
    color = ss.get("partners_color") or "level"
    year_from = url_view.year_from
    if tab == "map" and color == "fdi":
        start = min(int(ss.get("partners_from", lo)), year)
        year_from = start if start < year else None
    partner = url_view.partner if ss.get("partners_partner") is None else ss["partners_partner"]
    return PartnersView(tab, partner, year, color, year_from)


def draw_controls(data: P.PartnerData, url_view: PartnersView, lo: int, hi: int, lang: str) -> PartnersView:
    """The view picker and the controls of the chosen view; returns the view they show."""
    tab = st.segmented_control(t("ptab_label"), list(TABS), key="partners_tab", required=True,
                               format_func=lambda x: t("ptab_" + x), width="stretch") or "map"
    year, color, partner = url_view.year, url_view.color, url_view.partner
    if st.session_state.get("partners_partner") is not None:
        partner = st.session_state["partners_partner"]
    if tab in ("map", "investors"):
        year = int(st.slider(t("pyear_label"), min_value=lo, max_value=hi, step=1, key="partners_year"))
    if tab == "map":
        color = st.segmented_control(t("pcolor_label"), list(COLORS), key="partners_color", required=True,
                                     format_func=lambda x: t("pcolor_" + x)) or "level"
    year_from = url_view.year_from
    if tab == "map" and color == "fdi":  # the FDI sum's first year, up to the year above (equal: one year)
        if st.session_state.get("partners_from", lo) > year:
            st.session_state["partners_from"] = year
        start = int(st.slider(t("pfrom_label"), min_value=lo, max_value=hi, step=1, key="partners_from"))
        year_from = start if start < year else None
    if tab == "profile":
        economies = sorted((c for c in data.partners.index if data.partners.at[c, "kind"] == "economy"),
                           key=lambda c: data.name(c, lang))
        partner = st.selectbox(t("ppartner_label"), economies, key="partners_partner", index=None,
                               format_func=lambda c: data.name(c, lang), placeholder=t("ppartner_pick"))
    return PartnersView(tab, partner, year, color, year_from)


def rerun_once() -> None:
    """The controls returned another view than their state said (not expected): draw theirs on a new run."""
    if not st.session_state.get(_RERAN):
        st.session_state[_RERAN] = True
        st.rerun()


def main() -> None:
    lang = common.lang()
    path = common.key()
    data = caches.partner_data(path)
    common.header("page_partners", "partners_intro")
    if not data.present:
        st.info(t("pno_data"))
        counts_view(data, lang)
        return
    params = state.restore(PAGE, state.query())
    url_view, notices = parse_partners(params, choices(data))
    state.seed(PAGE, params, {"partners_tab": url_view.tab, "partners_partner": url_view.partner,
                              "partners_year": url_view.year, "partners_color": url_view.color,
                              "partners_from": url_view.year_from or url_view.year})
    common.show_notices(notices)

    lo, hi = choices(data).years
    # The map is sent before the controls above it: the view is known from the widgets' state (seeded from the
    # URL) before they are drawn, so the browser starts on the chart while the controls are on their way.
    controls = st.container(key="partners_controls")
    planned = planned_view(url_view, lo)
    if planned.tab == "map":
        map_view(path, data, planned, lang)
    with controls:
        view = draw_controls(data, url_view, lo, hi, lang)
    if view != planned and planned.tab == "map":
        rerun_once()
    st.session_state[_RERAN] = False
    state.commit(PAGE, view.to_params())

    tab = view.tab
    if tab == "map":
        if planned.tab != "map":  # not expected: the map was not drawn above
            map_view(path, data, view, lang)
    elif tab == "profile":
        profile_view(data, view, lang)
    elif tab == "investors":
        investors_view(data, view, lang)
    elif tab == "agreements":
        agreements_view(data, lang)
    else:
        counts_view(data, lang)
    common.footer()


main()
