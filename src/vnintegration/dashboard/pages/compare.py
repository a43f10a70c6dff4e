"""Compare years: every indicator in year A and year B side by side, with the change only where the
periods match, and why not where they do not ("7 tháng vs cả năm").

URL parameters: a, b (the years), as dashboard/registry.py describes them.
"""

from __future__ import annotations

import streamlit as st

from vnintegration.dashboard import caches, common, state, views
from vnintegration.dashboard.common import t
from vnintegration.present import charts, tables

PLOTLY_CONFIG = {
    "displaylogo": False,
    "modeBarButtonsToRemove": ["lasso2d", "select2d", "zoom2d", "pan2d"],
    "toImageButtonOptions": {"format": "png", "filename": "vn-integration-compare", "scale": 2},
}

lang = common.lang()
ds = common.dataset()
cat = caches.catalog(common.key())
years = cat["years"]

common.header("page_compare", "compare_intro")
if not years:
    st.info(t("no_years"))
    common.stop()

params = state.restore("compare", state.query())
url_view, notices = views.parse_compare(params, years)
state.seed("compare", params, {"year_a": url_view.year_a, "year_b": url_view.year_b})
common.show_notices(notices)

newest_first = sorted(years, reverse=True)
c_a, c_b, _ = st.columns([1, 1, 3])
year_a = c_a.selectbox(t("year_a"), newest_first, key="year_a")
year_b = c_b.selectbox(t("year_b"), newest_first, key="year_b")
state.commit("compare", views.CompareView(year_a, year_b).to_params())

if year_a == year_b:
    st.info(t("same_year"))
    common.footer(ds)
    common.stop()

table = caches.compare_table(common.key(), int(year_a), int(year_b))
shown = tables.compare_table(table, lang, int(year_a), int(year_b))
not_comparable = int((~table["comparable"]).sum())

st.dataframe(shown, hide_index=True, width="stretch", key="compare_table", height=min(36 * (len(shown) + 1) + 4, 760),
             column_config={
                 t("col_indicator"): st.column_config.TextColumn(width=230),
                 str(year_a): st.column_config.TextColumn(width=140),
                 str(year_b): st.column_config.TextColumn(width=140),
                 t("col_abs_change"): st.column_config.TextColumn(width=110),
                 t("col_rel_change"): st.column_config.TextColumn(width=75),
                 t("col_why"): st.column_config.TextColumn(width=160),
             })
if not_comparable:
    st.caption(t("not_comparable_n", n=not_comparable))

rel = table["comparable"] & table["change_rel"].notna() & (table["change_unit"] != "pp")
pp = table["comparable"] & (table["change_unit"] == "pp") & table["change_abs"].notna()
if rel.any() or pp.any():
    if rel.any():
        st.plotly_chart(charts.compare_figure(table, lang, year_a, year_b, "rel"), config=PLOTLY_CONFIG, theme=None,
                        key="compare_rel_chart")
    if pp.any():
        st.plotly_chart(charts.compare_figure(table, lang, year_a, year_b, "pp"), config=PLOTLY_CONFIG, theme=None,
                        key="compare_pp_chart")
else:
    st.info(t("no_bars"))

st.download_button(t("download_csv"), tables.compare_csv(table, lang), file_name=f"vn-integration-compare-{year_a}-{year_b}.csv",
                   mime="text/csv", key="download_csv", on_click="ignore")
common.footer(ds)
