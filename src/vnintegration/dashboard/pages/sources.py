"""Sources: every figure with its verbatim quote, searchable and filterable; validation problems and
conflicts between sources; the validated CSV to download.

URL parameters: q, ind, src, st, y, fig, as dashboard/registry.py describes them.
"""

from __future__ import annotations

import streamlit as st

from vnintegration.core import analysis
from vnintegration.core.periods import Period
from vnintegration.dashboard import caches, common, state, views
from vnintegration.dashboard.about_box import about_box
from vnintegration.dashboard.common import t
from vnintegration.present import about, i18n, tables
from vnintegration.present.export import safe_text

lang = common.lang()
ds = common.dataset()
fr = common.figures()  # every figure is listed with its quote, those of one market or product too
cat = caches.catalog(common.key())

common.header("page_sources", "sources_intro")

params = state.restore("sources", state.query())
url_view, notices = views.parse_sources(params, cat["indicators"], cat["sources"], cat["years"], cat["lines"])
focus_indicator = ()
if url_view.figure is not None and not url_view.indicators:  # a followed figure: show its indicator's rows
    focus_indicator = tuple(fr.loc[fr["_line"] == url_view.figure, "indicator"].head(1))
state.seed("sources", params, {
    "search": url_view.query, "filter_indicators": list(url_view.indicators or focus_indicator),
    "filter_sources": list(url_view.sources), "filter_status": list(url_view.statuses), "filter_year": url_view.year,
})
common.show_notices(notices)

# The figure followed from an Overview card: shown first, with its quote.
focus = url_view.figure
if focus is not None:
    rows = fr[fr["_line"] == focus]
    if len(rows):
        row = rows.iloc[0]
        with st.container(border=True, key="focus"):
            head, close = st.columns([12, 1])
            name = row["name_vi"] if lang == "vi" else row["name_en"]
            head.markdown(f"**{safe_text(t('focus_heading'))}** · "
                          + safe_text(f"{name}, {Period.of(row).label(lang)}: ")
                          + f"**{safe_text(i18n.format_value(row['value'], row['unit'], row['qualifier'], lang))}**"
                          + ("" if row["status"] == "actual" else safe_text(f" ({i18n.status_word(row['status'], lang)})")))
            if close.button("✕", key="close_focus", help=t("close")):
                focus = None
            # The quote, the source and the note are data: shown as text, never as Markdown (safe_text). A dataset
            # figure's "quote" is its series or report, as a reader cites it (the locator stays in the CSV).
            st.markdown("> " + safe_text(about.quote_text(row, lang).replace("\n", " ")))
            st.caption(safe_text(about.citation(row, lang)))
            if row["note"]:
                st.caption(safe_text(f"{t('col_note')}: {row['note']}"))
            meta = ds.indicators.loc[row["indicator"]]
            about_box(about.indicator_about(meta.to_dict() | {"id": row["indicator"]}, rows.head(1), lang, "level"),
                      "focus")

tab_figures, tab_checks, tab_list = st.tabs([t("tab_figures"), t("tab_checks"), t("tab_sources")])

with tab_figures:
    query = st.text_input(t("search"), key="search", placeholder=t("search_placeholder"))
    c1, c2, c3, c4 = st.columns([3, 3, 2, 1.3])
    chosen = c1.multiselect(t("filter_indicators"), cat["indicators"], key="filter_indicators",
                            format_func=common.indicator_name, placeholder=t("all"))
    sources = c2.multiselect(t("filter_sources"), cat["sources"], key="filter_sources",
                             format_func=lambda s: str(ds.sources.loc[s, "title"]), placeholder=t("all"))
    statuses = c3.multiselect(t("filter_status"), list(views.STATUSES), key="filter_status",
                              format_func=lambda s: i18n.status_word(s, lang), placeholder=t("all"))
    year = c4.selectbox(t("filter_year"), sorted(cat["years"], reverse=True), key="filter_year",
                        placeholder=t("all"), index=None)
    current = views.SourcesView(query.strip(), tuple(chosen), tuple(sources), tuple(statuses), year, focus)
    state.commit("sources", current.to_params())

    mask = analysis.search_mask(caches.search_text(common.key()), current.query) & analysis.figures_mask(
        fr, indicators=chosen, sources=sources, statuses=statuses, year_from=year, year_to=year)
    order = {i: n for n, i in enumerate(ds.indicators.index)}
    shown = fr[mask]
    shown = shown.assign(_order=shown["indicator"].map(order)).sort_values(
        ["_order", "end", "source_id"], ascending=[True, False, True], kind="mergesort").drop(columns="_order")
    st.caption(t("shown_n", n=len(shown), total=len(fr)))
    if shown.empty:
        st.info(t("no_match"))
    else:
        dimensions = caches.dimension_names(common.key())
        table = tables.sources_table(shown, lang, dimensions).drop(columns=[t("col_number")])
        common.show_table(table, hide_index=True, width="stretch", key="sources_table", height=min(36 * (len(table) + 1) + 4, 600),
                     column_config={
            t("col_indicator"): st.column_config.TextColumn(width="medium"),
            t("col_value"): st.column_config.TextColumn(help=t("col_qualifier")),
            t("col_quote"): st.column_config.TextColumn(width="large"),
            t("col_note"): st.column_config.TextColumn(width="large"),
            t("col_link"): st.column_config.LinkColumn(display_text=r"https?://(?:www\.)?([^/]+)"),
            t("col_line"): st.column_config.NumberColumn(format="%d", help="observations.csv"),
        })
    downloads = st.container(horizontal=True, gap="small")
    downloads.download_button(t("download_valid"), tables.validated_csv(ds.observations), file_name="observations.csv",
                       mime="text/csv", key="download_valid", on_click="ignore")
    downloads.download_button(t("download_shown"), tables.validated_csv(shown), file_name="observations-shown.csv",
                       mime="text/csv", key="download_shown", on_click="ignore", disabled=shown.empty)

with tab_checks:
    report = ds.report
    if not report.problems:
        st.success(t("no_problems"))
    else:
        if report.errors:
            st.error(t("errors_n", n=len(report.errors)))
        if report.warnings:
            st.warning(t("warnings_n", n=len(report.warnings)))
    st.subheader(t("conflicts_heading"))
    conflict_rows = analysis.conflicts(fr)
    if conflict_rows.empty:
        st.caption(t("no_conflicts"))
    else:
        st.caption(t("conflicts_intro"))
        common.show_table(tables.conflicts_table(conflict_rows, lang), hide_index=True, width="stretch", key="conflicts_table")
    if len(ds.rejected):
        st.subheader(t("rejected_heading"))
        common.show_table(ds.rejected, hide_index=True, width="stretch", key="rejected_table")
    if report.problems:
        st.subheader(t("problems_heading"))
        common.show_table(tables.problems_table(report.to_rows(), lang), hide_index=True, width="stretch", key="problems_table")

with tab_list:
    listed = tables.source_list(ds.sources, fr, lang)
    common.show_table(listed, hide_index=True, width="stretch", key="source_list", height=min(36 * (len(listed) + 1) + 4, 600),
                 column_config={
        t("col_source"): st.column_config.TextColumn(width="large"),
        t("col_link"): st.column_config.LinkColumn(display_text=r"https?://(?:www\.)?([^/]+)"),
    })

common.footer(ds)
