"""Partners & agreements: partners, diplomatic relations and FTAs at each date (step charts), and the
timeline of agreements, resolutions and congresses.

URL: lang only.
"""

from __future__ import annotations

import streamlit as st

from vnintegration.dashboard import common, state, views
from vnintegration.dashboard.common import t
from vnintegration.present import tables

PLOTLY_CONFIG = {
    "displaylogo": False,
    "modeBarButtonsToRemove": ["lasso2d", "select2d"],
    "toImageButtonOptions": {"format": "png", "filename": "vn-integration-partners", "scale": 2},
}

lang = common.lang()
ds = common.dataset()
notices = views.parse_page(state.query(), "partners")

common.header("page_partners", "partners_intro")
common.show_notices(notices)
state.commit("partners", {})

counts, points, timeline = common.partners_figures(common.key(), lang)
st.subheader(t("counts_heading"))
if counts is None:
    st.info(t("no_counts"))
else:
    st.plotly_chart(counts, config=PLOTLY_CONFIG, theme=None, key="partners_chart")
    with st.expander(t("view_table")):
        st.dataframe(tables.counts_table(points, lang), hide_index=True, width="stretch", key="partners_table")

st.subheader(t("timeline_heading"))
events = ds.events
if timeline is None:
    st.info(t("no_events"))
else:
    st.plotly_chart(timeline, config=PLOTLY_CONFIG | {
        "toImageButtonOptions": {"format": "png", "filename": "vn-integration-timeline", "scale": 2}},
        theme=None, key="timeline_chart")
    st.dataframe(tables.events_table(events, lang), hide_index=True, width="stretch", key="events_table",
                 column_config={t("col_title"): st.column_config.TextColumn(width="large")})

common.footer(ds)
