"""Compare years: every indicator in year A and year B side by side, with the change only where the
periods match, and why not where they do not ("7 tháng vs cả năm").

URL parameters: a, b (the years), as dashboard/registry.py describes them.
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from vnintegration.dashboard import caches, common, state, views
from vnintegration.dashboard.about_box import about_box
from vnintegration.dashboard.common import t
from vnintegration.present import about, charts, tables
from vnintegration.present.export import format_free_frame, safe_text

MODEBAR_REMOVED = (*common.NO_SELECT, "zoom2d", "pan2d")  # the zoom buttons stay: the bars can be many

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

# Four columns, the indicator pinned; a phone gets the same rows stacked (below).
grid = st.container(key="compare_grid")
grid.dataframe(format_free_frame(shown), hide_index=True, width="stretch", key="compare_table", height=min(36 * (len(shown) + 1) + 4, 760),
             column_config={
                 t("col_indicator"): st.column_config.TextColumn(width=280, pinned=True),
                 str(year_a): st.column_config.TextColumn(width=210),
                 str(year_b): st.column_config.TextColumn(width=210),
                 t("col_change"): st.column_config.TextColumn(width=200),
             })
# On a phone (CSS width under 640 px) the same rows stacked, one short block each, instead of the grid.
st.html("<style>.st-key-compare_stacked {display: none;} @media (max-width: 640px) {"
        ".st-key-compare_stacked {display: flex;} .st-key-compare_grid {display: none;}}</style>")
with st.container(key="compare_stacked", gap="small"):
    columns = list(shown.columns)
    for record in shown.to_dict("records"):
        name, a_cell, b_cell, change = (record[c] for c in columns)
        st.markdown(f"**{safe_text(name)}**  \n{safe_text(f'{columns[1]}: {a_cell}')}  \n"
                    f"{safe_text(f'{columns[2]}: {b_cell}')}  \n{safe_text(f'{columns[3]}: {change}')}")
if not_comparable:
    st.caption(t("not_comparable_n", n=not_comparable))

rel = table["comparable"] & table["change_rel"].notna() & (table["change_unit"] != "pp")
pp = table["comparable"] & (table["change_unit"] == "pp") & table["change_abs"].notna()
fr = common.frame()


def draw_chart(mask, which: str) -> None:
    """One chart of changes, its source line inside it (a PNG keeps it), and "About this data" under it."""
    shown_rows = table[mask]
    lines = set(pd.to_numeric(pd.concat([shown_rows["a__line"], shown_rows["b__line"]]), errors="coerce").dropna())
    source = about.source_line(fr[fr["_line"].isin(lines)], lang)
    name = f"compare-{year_a}-{year_b}-{which}"
    config = common.plotly_config(name, MODEBAR_REMOVED)
    st.plotly_chart(charts.compare_figure(table, lang, year_a, year_b, which, source), config=config, theme=None,
                    key=f"compare_{which}_chart")
    about_box(caches.compare_about(common.key(), int(year_a), int(year_b), lang, tuple(shown_rows["indicator"])),
              f"compare_{which}")


if rel.any() or pp.any():
    if rel.any():
        draw_chart(rel, "rel")
    if pp.any():
        draw_chart(pp, "pp")
else:
    st.info(t("no_bars"))

st.download_button(t("download_csv"), tables.compare_csv(table, lang, int(year_a), int(year_b), fr),
                   file_name=f"compare-{year_a}-{year_b}.csv", mime="text/csv", key="download_csv", on_click="ignore")
common.footer(ds)
