"""Plotly figure builders: tables from `analysis` in, `go.Figure` out. No Streamlit.

One colour-blind-safe palette (Okabe & Ito 2008) throughout; colour follows the
indicator, line dash the source series. Part-year figures are hollow points
labelled with their months ("7 tháng") and never joined to a full-year line;
forecasts are dashed and say so in the hover; a gap year or a change of
definition breaks a line. Every axis says its unit, every hover the value as the
source wrote it ("trên 514 tỷ USD"), its period and its source. Titles and the
source line are drawn inside the figure so that an exported PNG carries them.

Figures are assembled as plain dicts (traces, axes with computed domains, shapes)
and validated once by `go.Figure` at the end: plotly's incremental helpers
(make_subplots, add_vline, update_*axes, named templates) cost far more than the
drawing needs on every rerun.
"""

from __future__ import annotations

import re

import pandas as pd
import plotly.graph_objects as go

from vnintegration.present import plot
from vnintegration.present.about import publisher_name
from vnintegration.present.formatting import unit_label
from vnintegration.present.i18n import (
    EVENT_KINDS,
    format_change,
    format_partial_date,
    format_value,
    period_label,
    pick,
    short_span,
    source_label,
    status_word,
    t,
)
from vnintegration.present.plot import AXIS_LINE, GRID, NEUTRAL, PALETTE, wrap

__all__ = ["trends_figure", "ytd_figure", "compare_figure", "timeline_figure", "series_label", "chart_key",
           "KEY_CHARS"]

DASHES = ["solid", "dash", "dot", "dashdot", "longdash"]
EVENT_SYMBOLS = {"resolution": "diamond", "directive": "square", "decision": "triangle-up",
                 "agreement": "star", "congress": "circle", "conference": "cross"}
PANEL_PX, STRIP_PX, GAP_PX = 280, 60, 40
MARKERS_UP_TO = 20  # a full-year line of more points is drawn without markers (hover still finds each point)
# Phone width (390 px): text lines drawn in a figure (which plotly never wraps) hold at most KEY_CHARS characters,
# about 330 px at 12.5 px.
KEY_CHARS = 56
TRENDS_LEFT_PX = 84  # room for the y tick labels and axis title: Trends' axes do not measure it (automargin)


def _axis(**extra) -> dict:
    return dict(gridcolor=GRID, linecolor=AXIS_LINE, showline=True, zeroline=False, ticks="", automargin=True) | extra


def _hover_text(hovers) -> dict:
    """Hover boxes as plain hover text: cheaper for plotly.js to set up than customdata with a hovertemplate."""
    return dict(hovertext=list(hovers), hoverinfo="text")


def name_of(row, lang: str) -> str:
    """The indicator's name, escaped for plotly (names are data: never markup)."""
    return plot.escape(row["name_vi"] if lang == "vi" else row["name_en"])


def series_label(series: str, rows: pd.DataFrame, lang: str) -> str:
    """A series in the legend: the dataset's publisher, or "báo chí" / "press" for figures from articles."""
    if series == "articles":
        return t("series_articles", lang)
    first = rows.iloc[0]
    return plot.escape(publisher_name(str(first.get("publisher") or ""), lang) or first.get("source_title") or series)


# ---------------------------------------------------------------------------------------------- trends


def panel_key(change_unit: str, unit: str, transform: str) -> str:
    """Which panel (y axis) a point goes on: its unit, or the unit of its change."""
    if transform == "yoy":
        return {"rel": "rel", "pp": "pp", "rank": "rank"}.get(change_unit, unit)
    return unit


def panel_title(key: str, lang: str, transform: str) -> str:
    if transform == "yoy":
        if key == "rel":
            return t("change_rel", lang)
        if key == "pp":
            return t("change_pp", lang)
        return t("change_abs", lang, unit=unit_label(key, lang))
    return unit_label(key, lang)


def _hover(row: dict, lang: str, transform: str) -> str:
    period = period_label(row, lang)
    level = format_value(row["level"], row["unit"], row["qualifier"], lang)
    status = "" if row["status"] == "actual" else f" ({status_word(row['status'], lang)})"
    lines = [f"<b>{name_of(row, lang)}</b>"]
    if transform == "yoy":
        base = {"year": row["prev_year"], "months": row["prev_months"], "as_of": row["prev_as_of"]}
        change = format_change(row["value"], row["change_unit"], row["unit"], lang, None, bool(row["approximate"]))
        was = format_value(row["prev_value"], row["unit"], row["prev_qualifier"], lang)
        lines.append(f"{period}: <b>{change}</b>{status}")
        lines.append(f"{level} {t('vs_period', lang, period=period_label(base, lang))}: {was}")
    else:
        lines.append(f"{period}: <b>{level}</b>{status}")
    lines.append(t("source_link", lang, source=plot.escape(source_label(row, lang))))
    return "<br>".join(lines)


def _with_gaps(part: pd.DataFrame) -> tuple[list, list, list]:
    """x, y, hover of a full-year line with a None wherever a year is skipped or the definition changes."""
    xs, ys, hs = [], [], []
    last_year = last_segment = None
    for x, y, h, year, segment in zip(part["x"], part["value"], part["hover"], part["year"], part["segment"]):
        if last_year is not None and (year - last_year > 1 or segment != last_segment):
            xs.append(None), ys.append(None), hs.append(None)
        xs.append(x), ys.append(y), hs.append(h)
        last_year, last_segment = year, segment
    return xs, ys, hs


def _series_traces(rows: pd.DataFrame, label: str, colour: str, dash: str, lang: str) -> list[dict]:
    """One series (indicator × source series) as traces: full years, each part-year span, dates, forecasts."""
    traces = []
    ahead = rows["status"].isin(["forecast", "target"])
    full = rows[(rows["span"] == "full") & ~ahead].sort_values("x")
    if len(full):
        xs, ys, hs = _with_gaps(full)
        traces.append(dict(x=xs, y=ys, name=label, mode="lines" if len(full) > MARKERS_UP_TO else "lines+markers",
                           line=dict(color=colour, width=2.2, dash=dash), marker=dict(color=colour, size=7),
                           connectgaps=False, **_hover_text(hs)))
    dates = rows[(rows["span"] == "date") & ~ahead].sort_values("x")
    if len(dates):
        traces.append(dict(x=list(dates["x"]), y=list(dates["value"]), name=label, mode="lines+markers",
                           line=dict(color=colour, width=2.2, dash=dash, shape="hv"), marker=dict(color=colour, size=7),
                           **_hover_text(dates["hover"])))
    partial = rows[(rows["span"] == "partial") & ~ahead]
    for months, part in partial.groupby("months", sort=True):
        part = part.sort_values("x")
        span = short_span(int(months), lang)
        traces.append(dict(
            x=list(part["x"]), y=list(part["value"]), name=f"{label} · {span}",
            mode="markers+text" + ("+lines" if len(part) > 1 else ""), text=[span] * len(part),
            textposition="top center", textfont=dict(color=colour, size=11), cliponaxis=False,
            line=dict(color=colour, width=1.2, dash="dot"),
            marker=dict(color=colour, size=10, symbol="circle-open", line=dict(color=colour, width=2.2)),
            **_hover_text(part["hover"]),
        ))
    for status, part in rows[ahead].groupby("status", sort=True):
        part = part.sort_values("x")
        traces.append(dict(
            x=list(part["x"]), y=list(part["value"]), name=f"{label} · {status_word(status, lang)}",
            mode="markers" + ("+lines" if len(part) > 1 else ""), line=dict(color=colour, width=1.5, dash="dash"),
            marker=dict(color=colour, size=10, symbol="diamond-open", line=dict(color=colour, width=2)),
            **_hover_text(part["hover"]),
        ))
    return traces


def trends_figure(points: pd.DataFrame, lang: str = "vi", transform: str = "level", events: pd.DataFrame | None = None,
                  year_range: tuple[int, int] | None = None, title: str = "", subtitle: str = "",
                  source: str = "") -> go.Figure:
    """Lines over years, one panel per unit (small multiples: never two units on one axis).

    `points` comes from analysis.trend_points; `events` (events.csv rows) adds dotted vertical
    lines and a strip of markers whose hover gives each milestone's title. TITLE (what, where, when), SUBTITLE
    (markup) and SOURCE (plain: the line under the plot) are drawn in the figure, so a PNG export carries them; TITLE
    is plain text, escaped and wrapped to a phone's width here.
    """
    if transform == "ytd":
        return ytd_figure(points, lang, title, subtitle, source)
    records = points.to_dict("records")
    slim = ["indicator", "series", "span", "status", "months", "x", "value", "year", "segment",
            "name_vi", "name_en", "publisher", "source_title"]
    for r in records:
        r["panel"] = panel_key(r.get("change_unit"), r["unit"], transform)
        r["hover"] = _hover(r, lang, transform)
    # a slim frame of plain objects: it is filtered once per trace
    points = pd.DataFrame([{k: r[k] for k in slim + ["panel", "hover"]} for r in records],
                          columns=slim + ["panel", "hover"], dtype=object)
    panels = list(dict.fromkeys(points["panel"]))
    show_events = events is not None and len(events) > 0
    heights = [PANEL_PX] * len(panels) + ([STRIP_PX] if show_events else [])
    n = len(heights)
    total = sum(heights) + GAP_PX * (n - 1)
    domains, top = [], total
    for h in heights:  # top panel first
        domains.append((max(0.0, (top - h) / total), top / total))
        top -= h + GAP_PX
    lo, hi = year_range or (int(points["year"].min()), int(points["year"].max()))
    data = []
    indicators = list(dict.fromkeys(points["indicator"]))
    for i, indicator in enumerate(indicators):
        rows = points[points["indicator"] == indicator]
        colour = PALETTE[i % len(PALETTE)]
        group_title = dict(text=f"<b>{wrap(name_of(rows.iloc[0], lang), 70)}</b>", font=dict(size=12))
        for s_index, series in enumerate(rows["series"].value_counts().index):  # the longest series: solid
            srows = rows[rows["series"] == series]
            panel = panels.index(srows.iloc[0]["panel"]) + 1
            for trace in _series_traces(srows, series_label(series, srows, lang), colour, DASHES[s_index % len(DASHES)], lang):
                trace.update(type="scatter", legendgroup=indicator, legendgrouptitle=group_title,
                             xaxis="x" + ("" if panel == 1 else str(panel)), yaxis="y" + ("" if panel == 1 else str(panel)))
                data.append(trace)
    _one_label_per_place(data)
    names = {ind: name_of(points[points["indicator"] == ind].iloc[0], lang) for ind in indicators}
    key = chart_key(data, names, lang, show_events)
    layout = plot.layout(lang, 0, plot.title_text(title)[0], key + ("<br>" + subtitle if subtitle else ""))
    # No plotly legend: the key above (in the figure, so a PNG keeps it) says what each colour and line is. A
    # legend was the largest part of plotly.js' work on each draw of this figure.
    layout["showlegend"] = False
    # Margins are fixed rather than measured (automargin makes plotly.js lay the figure out twice on each draw).
    layout["margin"]["l"] = TRENDS_LEFT_PX
    for i, (d0, d1) in enumerate(domains, start=1):
        suffix = "" if i == 1 else str(i)
        layout["xaxis" + suffix] = _axis(domain=[0, 1], anchor="y" + suffix, range=[lo - 0.6, hi + 1.1], tickformat="d",
                                         showticklabels=(i == n), automargin=False,
                                         **({} if i == 1 else {"matches": "x"}))
        layout["yaxis" + suffix] = _axis(domain=[d0, d1], anchor="x" + suffix, automargin=False)
    for i, key in enumerate(panels, start=1):
        axis = layout["yaxis" + ("" if i == 1 else str(i))]
        axis.update(title=dict(text=panel_title(key, lang, transform)), zeroline=transform == "yoy", zerolinecolor="#999")

    if show_events:
        strip = "" if n == 1 else str(n)
        data += _event_traces(events, lang, "x" + strip, "y" + strip)
        layout["yaxis" + strip].update(range=[-1, 1], fixedrange=True, showticklabels=False, showgrid=False,
                                       showline=False, title=dict(text=t("events_strip", lang)))
        layout["shapes"] = [dict(type="line", xref="x", yref="paper", x0=x, x1=x, y0=0, y1=1, layer="below",
                                 line=dict(color="#9A9A9A", width=1, dash="dot")) for x in map(event_x, events["date"])]
    layout["margin"]["b"] = 50
    layout["height"] = int(layout["margin"]["t"] + total + 50)
    plot.with_source(layout, source, below_px=34)
    return FrozenFigure(data=data, layout=layout)


def _one_label_per_place(traces: list[dict]) -> None:
    """A part-year label ("6 tháng") once per panel and year: two indicators' (or sources') part-year points of the
    same year sit close on a panel and their labels would overlap; the hover still names each point's months."""
    seen: set = set()
    for trace in traces:
        if not trace.get("text"):
            continue
        text = list(trace["text"])
        for i, x in enumerate(trace["x"]):
            place = (trace.get("yaxis"), round(float(x), 2))
            if place in seen:
                text[i] = ""
            seen.add(place)
        trace["text"] = text


def ytd_figure(points: pd.DataFrame, lang: str = "vi", title: str = "", subtitle: str = "",
               source: str = "") -> go.Figure:
    """The year to date as GSO draws it: x the months from January, one line per year (colour: the year, newest
    first in the palette; dash: the source series), one panel per indicator. `points` from analysis.ytd_points: a
    line is one indicator, series and year, so a year not yet complete stops at its last month and never joins
    another year's line."""
    records = points.to_dict("records")
    for r in records:
        r["hover"] = _hover(r, lang, "level")
    points = pd.DataFrame(records, columns=list(points.columns) + ["hover"])
    indicators = list(dict.fromkeys(points["indicator"]))
    years = sorted({int(y) for y in points["year"]}, reverse=True)
    colour_of = {year: PALETTE[n % len(PALETTE)] for n, year in enumerate(years)}
    n = max(len(indicators), 1)
    total = PANEL_PX * n + GAP_PX * (n - 1)
    data, layout_axes, styles, names = [], {}, {}, []  # names: each panel's indicator, above it
    for i, indicator in enumerate(indicators, start=1):
        rows = points[points["indicator"] == indicator]
        suffix = "" if i == 1 else str(i)
        for s_index, series in enumerate(rows["series"].value_counts().index):
            srows = rows[rows["series"] == series]
            dash = DASHES[s_index % len(DASHES)]
            label = series_label(series, srows, lang)
            styles[f"{LINE_GLYPHS.get(dash, '━━')} {label}"] = None
            for year in years:
                line = srows[srows["year"] == year].sort_values("months")
                if line.empty:
                    continue
                colour = colour_of[year]
                data.append(dict(type="scatter", x=[int(m) for m in line["months"]], y=list(line["value"]),
                                 name=f"{year} · {label}", mode="lines+markers",
                                 line=dict(color=colour, width=2.6 if year == years[0] else 1.8, dash=dash),
                                 marker=dict(color=colour, size=7), xaxis="x" + suffix, yaxis="y" + suffix,
                                 **_hover_text(line["hover"])))
        top = total - (i - 1) * (PANEL_PX + GAP_PX)
        unit = unit_label(rows.iloc[0]["unit"], lang)
        layout_axes["xaxis" + suffix] = _axis(domain=[0, 1], anchor="y" + suffix, range=[0.5, 12.5],
                                              tickvals=[3, 6, 9, 12], showticklabels=True, automargin=False,
                                              title=dict(text=t("ytd_axis", lang)) if i == n else None,
                                              **({} if i == 1 else {"matches": "x"}))
        layout_axes["yaxis" + suffix] = _axis(domain=[max(0.0, (top - PANEL_PX) / total), top / total],
                                              anchor="x" + suffix, automargin=False, title=dict(text=unit))
        # From the figure's left edge (as the title), in lines a phone's width holds.
        names.append(dict(text=f"<b>{wrap(name_of(rows.iloc[0], lang), 44)}</b>", x=0, xref="paper",
                          xshift=8 - TRENDS_LEFT_PX, xanchor="left", y=top / total, yref="paper", yanchor="bottom",
                          showarrow=False,
                          align="left", font=dict(size=12)))
    colours = [f"<span style='color:{colour_of[y]}'><b>━ {y}</b></span>" for y in years]
    key = "<br>".join(_pack(colours, KEY_CHARS) + _pack(list(styles), KEY_CHARS))
    layout = plot.layout(lang, 0, plot.title_text(title)[0], key + ("<br>" + subtitle if subtitle else ""))
    layout["showlegend"] = False
    layout["margin"]["l"] = TRENDS_LEFT_PX
    layout.update(layout_axes)
    layout["annotations"] = names
    layout["margin"]["t"] += 20  # the first panel's name
    layout["margin"]["b"] = 60
    layout["height"] = int(layout["margin"]["t"] + total + 60)
    plot.with_source(layout, source, below_px=56)  # under the months axis and its title
    return FrozenFigure(data=data, layout=layout)


class FrozenFigure(go.Figure):
    """A figure whose dict is built once: st.plotly_chart converts a figure with to_dict() on every run, and a
    cached figure is drawn unchanged on every rerun. Do not change the figure once it has been drawn."""

    def to_dict(self):
        frozen = getattr(self, "_frozen_dict", None)
        if frozen is None:
            frozen = self._frozen_dict = super().to_dict()
        return frozen


LINE_GLYPHS = {"solid": "━━", "dash": "╸╸╸", "dot": "┈┈", "dashdot": "━·━", "longdash": "━ ━"}


def chart_key(traces: list[dict], names: dict[str, str], lang: str, events: bool, width: int = KEY_CHARS) -> str:
    """The figure's key, as text lines for its subtitle: each indicator's name in its colour, then each kind of
    line or mark (the source series, part-year points, forecasts, milestones)."""
    colours = [f"<span style='color:{PALETTE[i % len(PALETTE)]}'><b>━ {line}</b></span>"
               for i, name in enumerate(names.values()) for line in wrap(name, width - 2).split("<br>")]
    styles: dict[str, None] = {}
    for tr in traces:
        if tr.get("legendgroup") == "events":
            continue
        symbol = (tr.get("marker") or {}).get("symbol")
        if symbol == "circle-open":
            glyph = "○"
        elif symbol == "diamond-open":
            glyph = "◇"
        else:
            glyph = LINE_GLYPHS.get((tr.get("line") or {}).get("dash", "solid"), "━━")
        styles[f"{glyph} {tr['name']}"] = None
    if events:
        styles[f"◆ ■ ● {t('events_toggle', lang)}"] = None
    lines = _pack(colours, width) + _pack(list(styles), width)
    return "<br>".join(lines)


def _pack(items: list[str], width: int) -> list[str]:
    """Items joined three spaces apart, in lines of about WIDTH visible characters (tags not counted)."""
    lines, line, used = [], [], 0
    for item in items:
        size = len(re.sub(r"<[^>]+>", "", item))
        if line and used + 3 + size > width:
            lines.append("   ".join(line))
            line, used = [], 0
        line.append(item)
        used += size + (3 if used else 0)
    if line:
        lines.append("   ".join(line))
    return lines


def event_x(date) -> float:
    """A date on the year axis: 2025-01-24 -> 2025.06."""
    ts = pd.Timestamp(date)
    return ts.year + (ts.day_of_year - 1) / (366 if ts.is_leap_year else 365)


def event_hover(row, lang: str) -> str:
    kind = pick(EVENT_KINDS, row["kind"], lang)
    code = f" {plot.escape(row['code'])}" if row.get("code") else ""
    title = plot.escape(row["title_vi"] if lang == "vi" else row["title_en"])
    return f"<b>{format_partial_date(row['date_text'], lang)} · {kind}{code}</b><br>{wrap(title)}"


def _event_traces(events: pd.DataFrame, lang: str, xaxis: str, yaxis: str) -> list[dict]:
    """One hoverable marker per milestone in the strip under the panels, its symbol by kind (the hover names
    the kind). One trace and one legend entry for all kinds: each trace and legend entry costs plotly.js time
    on every draw."""
    records = events.sort_values("date", kind="mergesort").to_dict("records")
    return [dict(
        type="scatter", x=[event_x(r["date"]) for r in records], y=[0] * len(records), mode="markers",
        name=t("events_toggle", lang), legendgroup="events", xaxis=xaxis, yaxis=yaxis,
        marker=dict(symbol=[EVENT_SYMBOLS.get(r["kind"], "circle") for r in records], size=12, color=NEUTRAL,
                    line=dict(color="white", width=1)),
        **_hover_text(event_hover(r, lang) for r in records),
    )]


# ---------------------------------------------------------------------------------------------- compare


def compare_figure(table: pd.DataFrame, lang: str, year_a: int, year_b: int, which: str = "rel",
                   source: str = "") -> go.Figure:
    """Horizontal bars of the comparable changes: relative (%) for flows, stocks and counts (`which`="rel"),
    or percentage points for rates (`which`="pp"). Sorted, labelled, hover with both figures."""
    if which == "rel":
        rows = table[table["comparable"] & table["change_rel"].notna() & (table["change_unit"] != "pp")].copy()
        rows["bar"] = rows["change_rel"]
    else:
        rows = table[table["comparable"] & (table["change_unit"] == "pp") & table["change_abs"].notna()].copy()
        rows["bar"] = rows["change_abs"]
    records = rows.sort_values("bar", kind="mergesort").to_dict("records")
    names = [wrap(name_of(r, lang), 50) for r in records]
    labels = [format_change(r["bar"], "rel" if which == "rel" else "pp", r["unit"], lang, 1 if which == "rel" else 2,
                            bool(r["approximate"])) for r in records]
    hover = []
    for name, r, label in zip(names, records, labels):
        a = format_value(r["a_value"], r["unit"], r["a_qualifier"], lang)
        b = format_value(r["b_value"], r["unit"], r["b_qualifier"], lang)
        pa = period_label({"year": r["a_year"], "months": r["a_months"], "as_of": r["a_as_of"]}, lang)
        pb = period_label({"year": r["b_year"], "months": r["b_months"], "as_of": r["b_as_of"]}, lang)
        hover.append(f"<b>{name}</b><br>{pa}: {a}<br>{pb}: {b}<br>{t('col_change', lang)}: <b>{label}</b>")
    values = [r["bar"] for r in records] or [0.0]
    key = "bars_rel" if which == "rel" else "bars_pp"
    # Each name is written above its bar, not beside it: on a 390 px phone the bars keep the figure's width.
    lines = [n.count("<br>") + 1 for n in names]
    slot = 34 + 16 * max(lines, default=1)  # px per bar: its name's lines and the bar
    title, subtitle = plot.title_text(t("compare_title_rel" if which == "rel" else "compare_title_pp", lang,
                                        a=year_a, b=year_b), t(key, lang, a=year_a, b=year_b))
    layout = plot.layout(lang, 0, title, subtitle)
    layout["height"] = layout["margin"]["t"] + slot * max(len(records), 1) + 50
    layout["margin"].update(l=12, r=12, b=50)
    lo, hi = min(0.0, min(values)), max(0.0, max(values))
    pad = 0.3 * ((hi - lo) or 1.0)
    n = len(records)
    layout.update(
        showlegend=False, bargap=0.0,
        xaxis=_axis(title=dict(text="%" if which == "rel" else unit_label("pp", lang)), zeroline=True,
                    zerolinecolor="#777", ticksuffix="%" if which == "rel" else "",
                    range=[lo - pad if lo < 0 else -0.02 * pad, hi + pad if hi > 0 else 0.02 * pad]),
        yaxis=_axis(automargin=False, showgrid=False, showticklabels=False, showline=False, fixedrange=True,
                    range=[-0.5, max(n, 1) - 0.5]),
        annotations=[dict(text=name, x=0, xref="paper", xanchor="left", y=i, yref="y", yanchor="bottom", yshift=10,
                          showarrow=False, align="left", font=dict(size=12), bgcolor="rgba(255,255,255,0.85)")
                     for i, name in enumerate(names)],
    )
    plot.with_source(layout, source, below_px=58)  # under the tick labels and the axis title
    bar = dict(type="bar", x=[r["bar"] for r in records], y=list(range(n)), width=18 / slot, orientation="h",
               text=labels, marker=dict(color=[PALETTE[0] if r["bar"] >= 0 else PALETTE[3] for r in records]),
               textposition="outside", cliponaxis=False, customdata=[[h] for h in hover],
               hovertemplate="%{customdata[0]}<extra></extra>")
    return go.Figure(data=[bar], layout=layout)


def timeline_figure(events: pd.DataFrame, lang: str, title: str = "", source: str = "") -> go.Figure:
    """Milestones on a date axis, one lane per kind; hover gives the number and title. TITLE and SOURCE (plain)
    are drawn in the figure when given, so that a PNG export says what and whose it is."""
    kinds = [k for k in EVENT_KINDS if k in set(events["kind"])]
    data = []
    for i, kind in enumerate(kinds):
        records = events[events["kind"] == kind].to_dict("records")
        label = pick(EVENT_KINDS, kind, lang)
        data.append(dict(
            type="scatter", x=[r["date"] for r in records], y=[label] * len(records), mode="markers+text", name=label,
            text=[plot.escape(r["code"]) if r["code"] else "" for r in records],
            textposition=["top center" if j % 2 == 0 else "bottom center" for j in range(len(records))],
            textfont=dict(size=10, color="#444"),
            marker=dict(symbol=EVENT_SYMBOLS.get(kind, "circle"), size=13, color=PALETTE[i % len(PALETTE)],
                        line=dict(color="white", width=1)),
            customdata=[[event_hover(r, lang)] for r in records], hovertemplate="%{customdata[0]}<extra></extra>",
        ))
    layout = plot.layout(lang, 120 + 62 * max(len(kinds), 1), *plot.title_text(title))
    top = layout["margin"]["t"] if title else 20
    layout.update(showlegend=False, margin=dict(l=10, r=20, t=top, b=40),
                  xaxis=_axis(type="date", tickformat="%Y"),
                  yaxis=_axis(categoryorder="array", categoryarray=[pick(EVENT_KINDS, k, lang) for k in kinds][::-1],
                              showgrid=False))
    layout["height"] += top - 20
    plot.with_source(layout, source, below_px=30)
    return go.Figure(data=data, layout=layout)
