"""Trends: indicators over years, as small multiples (one panel per unit) or as a table.

URL: ind, from, to, tf (level|yoy), view (chart|table), ev (1|0); see vnintegration.state.
"""

from __future__ import annotations

import streamlit as st

from vnintegration import analysis, charts, i18n, state, tables
from vnintegration.app_pages import common
from vnintegration.app_pages.common import t

EVENT_KINDS_SHOWN = ("resolution", "directive", "agreement", "congress")
PLOTLY_CONFIG = {
    "displaylogo": False,
    "modeBarButtonsToRemove": ["lasso2d", "select2d"],
    "toImageButtonOptions": {"format": "png", "filename": "vn-integration-trends", "scale": 2},
}

lang = common.lang()
ds = common.dataset()
cat = common.catalog(common.key())
years = cat["years"]

common.header("page_trends")
if not years:
    st.info(t("no_data_in_range", start="–", end="–"))
    st.stop()

lo, hi = years[0], years[-1]
params = state.restore("trends", state.query())
url_view, notices = state.parse_trends(params, cat["indicators"], (lo, hi), cat["default_indicators"],
                                       state.default_trend_years((lo, hi)))
state.seed("trends", params, {
    "indicators": list(url_view.indicators), "years": (url_view.year_from, url_view.year_to),
    "transform": url_view.transform, "view": url_view.view, "events": url_view.events,
})
common.show_notices(notices)

indicators = ds.indicators
group_order = list(i18n.GROUPS)
options = sorted(indicators.index, key=lambda i: (group_order.index(indicators.loc[i, "group"])
                                                   if indicators.loc[i, "group"] in group_order else 99))


def option_label(indicator: str) -> str:
    name = common.indicator_name(indicator)
    unit = i18n.unit_label(indicators.loc[indicator, "unit"], lang)
    return name if unit in name else f"{name} ({unit})"


chosen = st.multiselect(t("indicators"), options, key="indicators", format_func=option_label,
                        placeholder=t("indicators_help"))
controls = st.container(horizontal=True, gap="medium", vertical_alignment="bottom", key="trends_controls")
with controls:
    if lo < hi:
        year_from, year_to = st.slider(t("years"), min_value=lo, max_value=hi, step=1, key="years", width=260)
    else:
        year_from, year_to = lo, hi
        st.session_state.pop("years", None)
        st.caption(f"{t('years')}: {lo}")
    transform = st.segmented_control(t("transform"), list(state.TRANSFORMS), key="transform", required=True,
                                     format_func=lambda x: t("tf_" + x))
    view = st.segmented_control(t("view"), list(state.VIEWS), key="view", required=True,
                                format_func=lambda x: t("view_" + x))
    show_events = st.toggle(t("events_toggle"), key="events", disabled=view == "table")

current = state.TrendsView(tuple(chosen), int(year_from), int(year_to), transform, view, bool(show_events))
state.commit("trends", current.to_params())

if not chosen:
    st.info(t("pick_indicator"), icon="👆")
    common.footer(ds)
    st.stop()

points = common.trend_points(common.key(), tuple(chosen), current.year_from, current.year_to, transform)
if points.empty:
    message = (t("no_data_in_range", start=current.year_from, end=current.year_to) if transform == "level"
               else t("no_yoy"))
    st.info(message)
    common.footer(ds)
    st.stop()

describe = t("describe" if len(chosen) > 1 else "describe_one", start=current.year_from, end=current.year_to,
             n=len(chosen), transform=t("describe_" + transform))
names = [common.indicator_name(i) for i in chosen]
title = charts.wrap(", ".join(names[:3]) + (f" (+{len(names) - 3})" if len(names) > 3 else ""), 95)
shown_sources = list(dict.fromkeys(i18n.source_label(r, lang) for r in
                                   points[["publisher", "source_title", "source_id", "published"]].to_dict("records")))
sources_text = "; ".join(shown_sources[:4]) + (f"; +{len(shown_sources) - 4}" if len(shown_sources) > 4 else "")
note = t("sources_under_chart", sources=sources_text)
breaks = sorted({y for i in chosen for y in analysis.break_years(indicators.loc[i].get("breaks", ""))
                 if current.year_from < y <= current.year_to})

if view == "chart":
    fig = common.trends_figure(common.key(), tuple(chosen), current.year_from, current.year_to, transform,
                               EVENT_KINDS_SHOWN if show_events else (), lang, title,
                               describe + "<br>" + charts.wrap(note, 105))
    st.plotly_chart(fig, config=PLOTLY_CONFIG, theme=None, key="trends_chart")
    hints = []
    if (points["span"] == "partial").any():
        hints.append(t("partial_note"))
    if breaks:
        hints.append(t("break_note", years=", ".join(map(str, breaks))))
    hints.append(t("download_png_hint"))
    st.caption(" ".join(hints))
else:
    st.caption(describe)
    st.dataframe(tables.trends_table(points, lang, transform), hide_index=True, width="stretch", key="trends_table")
    st.caption(note)

if transform == "yoy":
    level_n = len(common.trend_points(common.key(), tuple(chosen), current.year_from, current.year_to, "level"))
    if level_n > len(points):
        st.caption(t("yoy_dropped", n=level_n - len(points)))

st.download_button(t("download_csv"), tables.trends_csv(points, transform), file_name="vn-integration-trends.csv",
                   mime="text/csv", key="download_csv", on_click="ignore")
common.footer(ds)
