"""Trade by market: Viet Nam's exports, imports and balance with each partner (IMF DOTS 1960-2020, the official
statements after it), by product, with the FTAs in force, and on a world map. Five views, one at a time.

URL parameters: view, year, flow, partner, from, to, product, as dashboard/registry.py describes them (parsed in
dashboard/trade_state.py). The rules live in core/trade.py, the figures and tables in present/trade/; this page reads
the URL and the widgets, calls the caches (dashboard/caches.py) and draws. Nothing from the URL or the data is shown
as Markdown or HTML: captions go through export.safe_text, tables through common.show_table (format characters removed).
"""

from __future__ import annotations

from collections.abc import Callable

import streamlit as st

from vnintegration.dashboard import caches, common, state
from vnintegration.dashboard.common import t
from vnintegration.dashboard.trade_state import FLOWS, MAP_FLOWS, PAGE, VIEWS, TradeChoices, TradeView, parse_trade
from vnintegration.present.export import safe_text
from vnintegration.present.trade import tables as T

PLOTLY_CONFIG = common.plotly_config("vn-integration-trade")


def chart(fig, key: str) -> None:
    st.plotly_chart(fig, config=PLOTLY_CONFIG, theme=None, key=key)


def note(text: str) -> None:
    """A caption that may hold names or values from the data: shown as text."""
    st.caption(safe_text(text))


def table_and_csv(rows, lang: str, name: str, key: str, expanded: bool = False) -> None:
    common.table_and_csv(t("tr_table"), key, lambda: T.for_reading(rows, lang), lambda: T.csv_bytes(rows),
                         f"vn-trade-{name}.csv", t("tr_download"), expanded)


def dots_source() -> None:
    note(t("tr_source_line", citation=t("tr_dots_citation")))


# ---------------------------------------------------------------------------------------------- views


def markets_view(path: str, view: TradeView, lang: str, controls: Callable[[], TradeView]) -> TradeView:
    """The markets of VIEW's year and flow, with CONTROLS (the year and flow) drawn under the chart; returns the view
    the controls show."""
    parts = caches.trade_markets(path, view.year, view.flow, lang)
    if parts["empty"]:
        st.info(t("tr_no_data"))
        return controls()
    chart(parts["figure"], "trade_fig_markets")
    shown = controls()
    if "balances" in parts:
        note(parts["balances"])
    note(t("tr_listed_note"))
    if view.year == max(caches.trade_choices(path).market_years):
        note(t("tr_statement_later"))
    if 1981 <= view.year <= 1984:
        note(t("tr_estimate_years"))
    dots_source()
    table_and_csv(parts["rows"], lang, f"markets-{view.flow}-{view.year}", "trade_tab_markets")
    return shown


def concentration_view(path: str, lang: str) -> None:
    """The top-5 share and the HHI over time: a view of their own (not under a year's markets, whose controls they
    do not read), so that a link can show them, and the markets view draws one chart, not three, on first load."""
    conc = caches.trade_concentration(path, lang)
    chart(conc["top"], "trade_fig_top5")
    chart(conc["hhi"], "trade_fig_hhi")
    note(t("tr_gap_note") + " " + t("tr_estimate_years"))
    dots_source()
    table_and_csv(conc["rows"], lang, "concentration", "trade_tab_concentration")


def partner_view(path: str, view: TradeView, lang: str) -> None:
    parts = caches.trade_partner(path, view.partner, view.year_from, view.year_to, lang)
    if parts["empty"]:
        note(t("tr_partner_none", name=parts["name"], start=view.year_from, end=view.year_to))
        return
    chart(parts["figure"], "trade_fig_partner")
    note(t("tr_partner_note"))
    if "partner_statistics" in parts["kinds"]:
        note(t("tr_partner_stats_note"))
    if parts["group"]:
        note(t("tr_group_note", name=parts["name"]))
    if parts["gap"]:
        note(t("tr_gap_note"))
    if parts["estimates"]:
        note(t("tr_estimate_years"))
    if "share" in parts:
        chart(parts["share"], "trade_fig_partner_share")
    table_and_csv(parts["rows"].sort_values(["year", "months"], ascending=False, kind="stable"), lang,
                  f"partner-{view.partner}-{view.year_from}-{view.year_to}", "trade_tab_partner", expanded=True)


def products_view(path: str, view: TradeView, choices: TradeChoices, lang: str) -> TradeView:
    parts = caches.trade_products(path, view.product, lang)
    if "groups" in parts:
        chart(parts["groups"], "trade_fig_groups")
        note(t("tr_products_note"))
        note(t("tr_source_line", citation=t("tr_gso_citation")))
        table_and_csv(parts["group_rows"], lang, "commodity-groups", "trade_tab_groups")
    else:
        st.text(t("tr_products_file_none"))
    st.subheader(t("tr_products_statements"))
    if "figure" in parts:
        chart(parts["figure"], "trade_fig_products")
    if len(parts["rows"]):
        table_and_csv(parts["rows"], lang, "products", "trade_tab_products")
    else:
        st.text(t("tr_products_none"))
    if view.product:
        st.subheader(t("tr_product_markets", name=parts.get("product_name", view.product)))
        markets = parts.get("markets")
        if markets is None or markets.empty:
            st.text(t("tr_product_markets_none"))
        else:
            common.show_table(T.for_reading(markets, lang), hide_index=True, width="stretch", key="trade_tab_product_markets")
    return view


def fta_view(path: str, lang: str) -> None:
    parts = caches.trade_fta(path, lang)
    if parts["empty"]:
        st.info(t("tr_fta_none"))
        return
    chart(parts["shares"], "trade_fig_fta_shares")
    dots_source()
    table_and_csv(parts["share_rows"], lang, "fta-shares", "trade_tab_fta_shares")
    chart(parts["index"], "trade_fig_fta_index")
    table_and_csv(parts["index_rows"], lang, f"fta-index-{parts['base']}-{parts['end']}", "trade_tab_fta_index")
    st.subheader(t("tr_fta_claim_heading"))
    st.text(t("tr_fta_claim"))
    if "claim_index" in parts:
        note(parts["claim_index"])
    note(parts["claim_growth"])
    table_and_csv(parts["growth_rows"], lang, f"fta-growth-{parts['end']}", "trade_tab_fta_growth")
    if "statement_rows" in parts:
        year, prev = parts["statement_years"]
        note(t("tr_fta_claim_statements", year=year, prev=prev))
        table_and_csv(parts["statement_rows"], lang, f"fta-statements-{year}", "trade_tab_fta_statements")
    note(t("tr_fta_method"))


def map_view(path: str, view: TradeView, lang: str, controls: Callable[[], TradeView]) -> TradeView:
    """The world map of VIEW's year and flow, with CONTROLS under it (as markets_view)."""
    parts = caches.trade_map(path, view.year, view.flow, lang)
    if "figure" in parts:
        chart(parts["figure"], "trade_fig_map")
        shown = controls()
        note(t("tr_map_note"))
    else:
        shown = controls()
        st.text(t("tr_map_none") if not parts["empty"] else t("tr_no_data"))
    note(t("tr_listed_note"))
    dots_source()
    table_and_csv(parts["rows"], lang, f"map-{view.flow}-{view.year}", "trade_tab_map")
    return shown


# ---------------------------------------------------------------------------------------------- the page


def widget_values(view: TradeView, choices: TradeChoices) -> dict:
    """The widgets' state for a view read from the URL (the controls of the other views at their defaults)."""
    partner = view.partner or (choices.default_partner if choices.default_partner in choices.partners
                               else (choices.partners[0] if choices.partners else None))
    return {
        "trade_view": view.view,
        "trade_year": view.year if view.year is not None else choices.latest,
        "trade_flow": view.flow if view.view == "markets" else "export",
        "trade_map_flow": view.flow if view.view == "map" else "export",
        "trade_partner": partner,
        "trade_years": (view.year_from or choices.default_from, view.year_to or choices.years[1]),
        "trade_product": view.product,
    }


def view_picker() -> str:
    return st.segmented_control(t("tr_view_label"), list(VIEWS), key="trade_view", required=True,
                                format_func=lambda v: t("tr_view_" + v), width="stretch") or "markets"


def year_and_flow(choices: TradeChoices, view: str) -> TradeView:
    """The markets' and the map's controls: the year and the flow, in a row."""
    with st.container(horizontal=True, gap="medium", vertical_alignment="bottom", key="trade_row"):
        year = int(st.select_slider(t("tr_year_label"), options=sorted(choices.market_years), key="trade_year",
                                    width=320))
        flows, key = (FLOWS, "trade_flow") if view == "markets" else (MAP_FLOWS, "trade_map_flow")
        flow = st.segmented_control(t("tr_flow_label"), list(flows), key=key, required=True,
                                    format_func=lambda f: t("tr_flow_" + f)) or "export"
    return TradeView(view, year, flow)


def year_and_flow_state(choices: TradeChoices, view: str) -> TradeView:
    """What year_and_flow will return, read from the widgets' state (seeded from the URL) before they are drawn."""
    ss = st.session_state
    year = ss.get("trade_year", choices.latest)
    flow = ss.get("trade_flow" if view == "markets" else "trade_map_flow") or "export"
    return TradeView(view, int(year) if year is not None else choices.latest, flow)


def other_controls(view: str, choices: TradeChoices, names, products, lang: str) -> TradeView:
    """The controls of the partner and products views (drawn above their content); the FTA and concentration views
    have none."""
    if view == "partner":
        options = sorted(choices.partners, key=lambda c: (len(c) != 3, T.name(names, c, lang)))
        partner = st.selectbox(t("tr_partner_label"), options, key="trade_partner",
                               format_func=lambda c: T.name(names, c, lang), width=320)
        lo, hi = choices.years
        year_from, year_to = st.slider(t("tr_years_label"), min_value=lo, max_value=hi, step=1, key="trade_years",
                                       width=320)
        return TradeView(view, partner=partner, year_from=int(year_from), year_to=int(year_to))
    if view == "products":
        product = None
        if choices.products:
            product = st.selectbox(t("tr_product_label"), list(choices.products), key="trade_product", index=None,
                                   format_func=lambda c: T.product_name(products, c, lang),
                                   placeholder=t("tr_product_pick"), width=320)
        return TradeView(view, product=product)
    return TradeView(view)


_RERAN = "_vni_trade_reran"  # session state: the last run was restarted because the controls disagreed


def main() -> None:
    lang = common.lang()
    path = common.key()
    common.header("page_trade", "trade_intro")
    bundle = caches.trade_bundle(path)
    if not bundle.data.present:
        st.info(t("tr_no_data"))
        common.footer()
        return
    choices = caches.trade_choices(path)
    params = state.restore(PAGE, state.query())
    url_view, notices = parse_trade(params, choices)
    state.seed(PAGE, params, widget_values(url_view, choices))
    common.show_notices(notices)
    name = view_picker()
    if name in ("markets", "map"):
        # The year and flow sit under the chart, which is drawn from their state before they are: the browser asks
        # for plotly's script before the slider's (Slider, moment, numbro...), and over HTTP/1.1 it asks six at a time.
        planned = year_and_flow_state(choices, name)
        draw = markets_view if name == "markets" else map_view
        view = draw(path, planned, lang, lambda: year_and_flow(choices, name))
        if view != planned and not st.session_state.get(_RERAN):
            st.session_state[_RERAN] = True  # not expected: the controls disagree with their state; draw theirs
            st.rerun()
        st.session_state[_RERAN] = False
        state.commit(PAGE, view.to_params())
        common.footer()
        return
    view = other_controls(name, choices, bundle.names, bundle.products, lang)
    state.commit(PAGE, view.to_params())
    if view.view == "partner":
        partner_view(path, view, lang)
    elif view.view == "products":
        products_view(path, view, choices, lang)
    elif view.view == "fta":
        fta_view(path, lang)
    else:
        concentration_view(path, lang)
    common.footer()


main()
