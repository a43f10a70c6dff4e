"""Plotly figure builders: tables from `analysis` in, `go.Figure` out. No Streamlit.

One colour-blind-safe palette (Okabe & Ito 2008) throughout; colour follows the
indicator, line dash the source series. Part-year figures are hollow points
labelled with their months ("7 tháng") and never joined to a full-year line;
forecasts are dashed and say so in the hover; a gap year breaks a line. Every
axis says its unit, every hover the value as the source wrote it ("trên 514 tỷ
USD"), its period and its source. Titles and the source line are drawn inside
the figure so that an exported PNG carries them.
"""

from __future__ import annotations

import re

import pandas as pd
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from vnintegration.i18n import (
    EVENT_KINDS, format_change, format_date, format_partial_date, format_value, pick, short_span, status_word, t,
    unit_label,
)
from vnintegration.periods import Period

# Okabe–Ito, ordered for lines on white: blue, orange, green, vermillion, purple, sky blue, black, yellow.
PALETTE = ["#0072B2", "#E69F00", "#009E73", "#D55E00", "#CC79A7", "#56B4E9", "#000000", "#F0E442"]
NEUTRAL = "#6B6B6B"
DASHES = ["solid", "dash", "dot", "dashdot", "longdash"]
EVENT_SYMBOLS = {"resolution": "diamond", "directive": "square", "decision": "triangle-up",
                 "agreement": "star", "congress": "circle", "conference": "cross"}
# Plotly's own default stack: plotly measures legend and title text with it, so nothing is clipped.
FONT = '"Open Sans", verdana, arial, sans-serif'
PANEL_PX, STRIP_PX, HEAD_PX = 280, 60, 130


def separators(lang: str) -> str:
    """Plotly's decimal and thousands marks: 7,09 and 11.511,9 in Vietnamese; 7.09 and 11,511.9 in English."""
    return ",." if lang == "vi" else ".,"


def base_layout(lang: str, height: int, title: str = "", subtitle: str = "") -> dict:
    """The house style. A title (bold) and subtitle lines are drawn in the figure, above the plot, so that
    a PNG export says what it shows; the top margin grows with their lines."""
    title_lines = title.count("<br>") + 1 if title else 0
    subtitle_lines = subtitle.count("<br>") + 1 if subtitle else 0
    top = 24 + 24 * title_lines + 19 * subtitle_lines + (16 if title else 0)
    layout = dict(
        template="plotly_white", height=height, separators=separators(lang),
        font=dict(family=FONT, size=13, color="#262730"),
        margin=dict(l=70, r=30, t=top if title else 30, b=40),
        legend=dict(orientation="h", yanchor="top", y=-0.08, x=0, xanchor="left", font=dict(size=12),
                    tracegroupgap=4),
        hoverlabel=dict(bgcolor="white", font=dict(family=FONT, size=13), align="left"),
        hovermode="closest",
    )
    if title:
        text = f"<b>{title}</b>" + (f"<br><span style='font-size:12.5px;color:#555'>{subtitle}</span>" if subtitle else "")
        layout["title"] = dict(text=text, x=0, xref="paper", xanchor="left", y=1, yref="container", yanchor="top",
                               pad=dict(t=12), font=dict(size=16))
    return layout


def name_of(row, lang: str) -> str:
    return str(row["name_vi"] if lang == "vi" else row["name_en"])


def period_label(row, lang: str) -> str:
    return Period.of(row).label(lang)


def source_label(row, lang: str) -> str:
    """Publisher and date: "Pháp Luật VN, 08/2025", "World Bank, 07/2026"; the title when no publisher."""
    title = str(row.get("publisher") or row.get("source_title") or row.get("source_id"))
    short = re.search(r"\(([^()]{2,20})\)\s*$", title)
    if len(title) > 28 and short:  # "General Statistics Office of Viet Nam (GSO/NSO)" -> "GSO/NSO"
        title = short.group(1)
    elif len(title) > 40:  # an article with no publisher: its title, cut
        title = title[:38].rstrip(" ,:;") + "…"
    published = format_partial_date(str(row.get("published") or ""), lang)
    return f"{title}, {published}" if published else str(title)


def series_label(series: str, rows: pd.DataFrame, lang: str) -> str:
    if series == "articles":
        return t("series_articles", lang)
    first = rows.iloc[0]
    return str(first.get("publisher") or first.get("source_title") or series)


def _hover(row, lang: str, transform: str) -> str:
    name = name_of(row, lang)
    period = period_label(row, lang)
    level = format_value(row["level"], row["unit"], row["qualifier"], lang)
    status = "" if row["status"] == "actual" else f" ({status_word(row['status'], lang)})"
    lines = [f"<b>{name}</b>"]
    if transform == "yoy":
        base = {"year": row["prev_year"], "months": row["prev_months"], "as_of": row["prev_as_of"]}
        change = format_change(row["value"], row["change_unit"], row["unit"], lang, 1 if row["change_unit"] == "rel" else None,
                               bool(row["approximate"]))
        was = format_value(row["prev_value"], row["unit"], row["prev_qualifier"], lang)
        lines.append(f"{period}: <b>{change}</b>{status}")
        lines.append(f"{level} {t('vs_period', lang, period=Period.of(base).label(lang))}: {was}")
    else:
        lines.append(f"{period}: <b>{level}</b>{status}")
    lines.append(t("source_link", lang, source=source_label(row, lang)))
    return "<br>".join(lines)


def _with_gaps(rows: pd.DataFrame) -> pd.DataFrame:
    """Insert an empty row where a full-year series skips a year or changes definition, so the line breaks."""
    if len(rows) < 2:
        return rows
    years, segments = rows["year"].to_numpy(), rows["segment"].to_numpy()
    breaks = [i for i in range(1, len(rows)) if years[i] - years[i - 1] > 1 or segments[i] != segments[i - 1]]
    if not breaks:
        return rows
    parts, start = [], 0
    for i in breaks:
        parts.append(rows.iloc[start:i])
        parts.append(pd.DataFrame({"x": [None], "value": [None], "hover": [None], "text": [None]}))
        start = i
    parts.append(rows.iloc[start:])
    return pd.concat(parts, ignore_index=True)


def panel_key(row, transform: str) -> str:
    """Which panel (y axis) a point goes on: its unit, or the unit of its change."""
    if transform == "yoy":
        return {"rel": "rel", "pp": "pp", "rank": "rank"}.get(row["change_unit"], row["unit"])
    return row["unit"]


def panel_title(key: str, lang: str, transform: str) -> str:
    if transform == "yoy":
        if key == "rel":
            return t("change_rel", lang)
        if key == "pp":
            return t("change_pp", lang)
        return t("change_abs", lang, unit=unit_label(key, lang))
    return unit_label(key, lang)


def trends_figure(points: pd.DataFrame, lang: str = "vi", transform: str = "level", events: pd.DataFrame | None = None,
                  year_range: tuple[int, int] | None = None, title: str = "", subtitle: str = "") -> go.Figure:
    """Lines over years, one panel per unit (small multiples: never two units on one axis).

    `points` comes from analysis.trend_points; `events` (events.csv rows) adds dotted vertical
    lines and a strip of markers whose hover gives each milestone's title.
    """
    points = points.copy()
    points["panel"] = [panel_key(r, transform) for _, r in points.iterrows()]
    panels = list(dict.fromkeys(points["panel"]))
    show_events = events is not None and len(events) > 0
    rows_n = len(panels) + (1 if show_events else 0)
    heights = [PANEL_PX] * len(panels) + ([STRIP_PX] if show_events else [])
    fig = make_subplots(rows=max(rows_n, 1), cols=1, shared_xaxes=True, vertical_spacing=0.06 if rows_n > 1 else 0,
                        row_heights=heights or None)
    indicators = list(dict.fromkeys(points["indicator"]))
    colour = {ind: PALETTE[i % len(PALETTE)] for i, ind in enumerate(indicators)}
    points["hover"] = [_hover(r, lang, transform) for _, r in points.iterrows()]
    points["text"] = ""
    for indicator in indicators:
        rows = points[points["indicator"] == indicator]
        richest_first = rows["series"].value_counts().index  # the longest series gets the solid line
        group_title = dict(text=f"<b>{_wrap(name_of(rows.iloc[0], lang), 70)}</b>", font=dict(size=12))
        for s_index, series in enumerate(richest_first):
            srows = rows[rows["series"] == series]
            label = series_label(series, srows, lang)  # legend: indicator as the group title, source per entry
            row_no = panels.index(srows.iloc[0]["panel"]) + 1
            dash = DASHES[s_index % len(DASHES)]
            for trace in _series_traces(srows, label, colour[indicator], dash, lang):
                trace.legendgroup = indicator
                trace.legendgrouptitle = group_title
                fig.add_trace(trace, row=row_no, col=1)
    for i, key in enumerate(panels, start=1):
        fig.update_yaxes(title_text=panel_title(key, lang, transform), row=i, col=1, zeroline=transform == "yoy",
                         zerolinecolor="#999", gridcolor="#E8E8E8")
    lo, hi = year_range or (int(points["year"].min()), int(points["year"].max()))
    fig.update_xaxes(range=[lo - 0.6, hi + 1.1], tickformat="d", gridcolor="#F0F0F0", showline=True, linecolor="#BBB")
    if show_events:
        _add_events(fig, events, rows_n, lang)
    layout = base_layout(lang, 0, title, subtitle)
    layout["legend"].update(orientation="v")
    legend_rows = sum(1 for tr in fig.data if tr.showlegend is not False) + 1.4 * (len(indicators) + bool(show_events))
    height = int(layout["margin"]["t"] + sum(heights) + 40 * (rows_n - 1) + 70 + 18 * legend_rows)
    layout["height"] = height
    layout["legend"]["y"] = -46 / max(sum(heights) + 40 * (rows_n - 1), 1)
    fig.update_layout(**layout)
    return fig


def _series_traces(rows: pd.DataFrame, label: str, colour: str, dash: str, lang: str) -> list[go.Scatter]:
    """One series (indicator × source series) as traces: full years, each part-year span, dates, forecasts."""
    traces = []
    forecast = rows["status"].isin(["forecast", "target"])
    for span_kind, part in (("full", rows[(rows["span"] == "full") & ~forecast]),
                            ("date", rows[(rows["span"] == "date") & ~forecast])):
        if part.empty:
            continue
        part = _with_gaps(part.sort_values("x")) if span_kind == "full" else part.sort_values("x")
        dense = len(part) > 40
        traces.append(go.Scatter(
            x=part["x"], y=part["value"], name=label, mode="lines" if dense else "lines+markers",
            line=dict(color=colour, width=2.2, dash=dash, shape="hv" if span_kind == "date" else "linear"),
            marker=dict(color=colour, size=7), customdata=part[["hover"]].to_numpy(),
            hovertemplate="%{customdata[0]}<extra></extra>", connectgaps=False,
        ))
    partial = rows[(rows["span"] == "partial") & ~forecast]
    for months, part in partial.groupby("months", sort=True):
        part = part.sort_values("x")
        span = short_span(int(months), lang)
        traces.append(go.Scatter(
            x=part["x"], y=part["value"], name=f"{label} · {span}", mode="markers+text" + ("+lines" if len(part) > 1 else ""),
            text=[span] * len(part), textposition="top center", textfont=dict(color=colour, size=11), cliponaxis=False,
            line=dict(color=colour, width=1.2, dash="dot"),
            marker=dict(color=colour, size=10, symbol="circle-open", line=dict(color=colour, width=2.2)),
            customdata=part[["hover"]].to_numpy(), hovertemplate="%{customdata[0]}<extra></extra>",
        ))
    ahead = rows[forecast]
    for status, part in ahead.groupby("status", sort=True):
        part = part.sort_values("x")
        traces.append(go.Scatter(
            x=part["x"], y=part["value"], name=f"{label} · {status_word(status, lang)}",
            mode="markers" + ("+lines" if len(part) > 1 else ""), line=dict(color=colour, width=1.5, dash="dash"),
            marker=dict(color=colour, size=10, symbol="diamond-open", line=dict(color=colour, width=2)),
            customdata=part[["hover"]].to_numpy(), hovertemplate="%{customdata[0]}<extra></extra>",
        ))
    return traces


def event_x(date) -> float:
    ts = pd.Timestamp(date)
    return ts.year + (ts.day_of_year - 1) / (366 if ts.is_leap_year else 365)


def event_hover(row, lang: str) -> str:
    kind = pick(EVENT_KINDS, row["kind"], lang)
    code = f" {row['code']}" if row.get("code") else ""
    title = row["title_vi"] if lang == "vi" else row["title_en"]
    return f"<b>{format_partial_date(row['date_text'], lang)} · {kind}{code}</b><br>{_wrap(title)}"


def _wrap(text: str, width: int = 60) -> str:
    words, lines, line = str(text).split(), [], ""
    for word in words:
        if line and len(line) + len(word) + 1 > width:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}".strip()
    lines.append(line)
    return "<br>".join(lines)


def _add_events(fig: go.Figure, events: pd.DataFrame, strip_row: int, lang: str) -> None:
    """Dotted lines across every panel and, in the bottom strip, one hoverable marker per milestone."""
    xs = [event_x(d) for d in events["date"]]
    for x in xs:
        fig.add_vline(x=x, line=dict(color="#9A9A9A", width=1, dash="dot"), layer="below")
    for kind, rows in events.groupby("kind", sort=False):
        fig.add_trace(go.Scatter(
            x=[event_x(d) for d in rows["date"]], y=[0] * len(rows), mode="markers",
            name=pick(EVENT_KINDS, kind, lang), legendgroup="events",
            legendgrouptitle=dict(text=f"<b>{t('events_toggle', lang)}</b>", font=dict(size=12)),
            marker=dict(symbol=EVENT_SYMBOLS.get(kind, "circle"), size=12, color=NEUTRAL, line=dict(color="white", width=1)),
            customdata=[[event_hover(r, lang)] for _, r in rows.iterrows()],
            hovertemplate="%{customdata[0]}<extra></extra>",
        ), row=strip_row, col=1)
    fig.update_yaxes(visible=False, range=[-1, 1], fixedrange=True, row=strip_row, col=1)
    fig.update_yaxes(title_text=t("events_strip", lang), visible=True, showticklabels=False, showgrid=False,
                     zeroline=False, row=strip_row, col=1)


def compare_figure(table: pd.DataFrame, lang: str, year_a: int, year_b: int, which: str = "rel") -> go.Figure:
    """Horizontal bars of the comparable changes: relative (%) for flows, stocks and counts (`which`="rel"),
    or percentage points for rates (`which`="pp"). Sorted, labelled, hover with both figures."""
    if which == "rel":
        rows = table[table["comparable"] & table["change_rel"].notna() & (table["change_unit"] != "pp")].copy()
        rows["bar"] = rows["change_rel"]
    else:
        rows = table[table["comparable"] & (table["change_unit"] == "pp") & table["change_abs"].notna()].copy()
        rows["bar"] = rows["change_abs"]
    rows = rows.sort_values("bar", kind="mergesort")
    names = [_wrap(str(r["name_vi"] if lang == "vi" else r["name_en"]), 42) for _, r in rows.iterrows()]
    labels = [format_change(v, "rel" if which == "rel" else "pp", u, lang, 1 if which == "rel" else 2, bool(a))
              for v, u, a in zip(rows["bar"], rows["unit"], rows["approximate"])]
    hover = []
    for name, (_, r), label in zip(names, rows.iterrows(), labels):
        a = format_value(r["a_value"], r["unit"], r["a_qualifier"], lang)
        b = format_value(r["b_value"], r["unit"], r["b_qualifier"], lang)
        pa = Period.of({"year": r["a_year"], "months": r["a_months"], "as_of": r["a_as_of"]}).label(lang)
        pb = Period.of({"year": r["b_year"], "months": r["b_months"], "as_of": r["b_as_of"]}).label(lang)
        hover.append(f"<b>{name}</b><br>{pa}: {a}<br>{pb}: {b}<br>{t('col_change', lang)}: <b>{label}</b>")
    colours = [PALETTE[0] if v >= 0 else PALETTE[3] for v in rows["bar"]]
    fig = go.Figure(go.Bar(
        x=rows["bar"], y=names, orientation="h", marker_color=colours, text=labels, textposition="outside",
        cliponaxis=False, customdata=[[h] for h in hover], hovertemplate="%{customdata[0]}<extra></extra>",
    ))
    key = "bars_rel" if which == "rel" else "bars_pp"
    lines = sum(n.count("<br>") + 1 for n in names)
    height = 120 + 22 * lines + 12 * max(len(rows), 1)
    layout = base_layout(lang, height, t(key, lang, a=year_a, b=year_b))
    longest = max((len(part) for n in names for part in n.split("<br>")), default=10)
    layout["margin"].update(l=min(380, 20 + int(6.8 * longest)), r=20, b=50)
    fig.update_layout(**layout, showlegend=False, bargap=0.35)
    values = list(rows["bar"]) or [0.0]
    lo, hi = min(0.0, min(values)), max(0.0, max(values))
    pad = 0.28 * ((hi - lo) or 1.0)
    fig.update_xaxes(title_text="%" if which == "rel" else unit_label("pp", lang), zeroline=True, zerolinecolor="#777",
                     gridcolor="#EEE", ticksuffix="%" if which == "rel" else "",
                     range=[lo - pad if lo < 0 else -0.02 * pad, hi + pad if hi > 0 else 0.02 * pad])
    fig.update_yaxes(automargin=False)
    return fig


def partners_figure(points: pd.DataFrame, lang: str) -> go.Figure:
    """Small multiples, one per indicator: a step line of the count at each date (it holds until the next)."""
    indicators = list(dict.fromkeys(points["indicator"]))
    cols = 2 if len(indicators) > 1 else 1
    rows_n = -(-len(indicators) // cols)
    titles = [_wrap(name_of(points[points["indicator"] == i].iloc[0], lang), 48) for i in indicators]
    fig = make_subplots(rows=rows_n, cols=cols, subplot_titles=titles, vertical_spacing=min(0.3, 0.5 / max(rows_n, 1)),
                        horizontal_spacing=0.1)
    for n, indicator in enumerate(indicators):
        rows = points[points["indicator"] == indicator]
        r, c = n // cols + 1, n % cols + 1
        several = rows["series"].nunique() > 1
        for s_index, (series, srows) in enumerate(rows.groupby("series", sort=False)):
            srows = srows.sort_values("as_of")
            hover = [f"<b>{name_of(row, lang)}</b><br>{period_label(row, lang)}: <b>"
                     f"{format_value(row['value'], row['unit'], row['qualifier'], lang)}</b><br>"
                     f"{t('source_link', lang, source=source_label(row, lang))}" for _, row in srows.iterrows()]
            label = name_of(srows.iloc[0], lang) + (f" · {series_label(series, srows, lang)}" if several else "")
            fig.add_trace(go.Scatter(
                x=srows["as_of"], y=srows["value"], mode="lines+markers+text" if len(srows) <= 12 else "lines+markers",
                name=label, showlegend=several, line=dict(shape="hv", color=PALETTE[s_index % len(PALETTE)], width=2.2,
                                                             dash=DASHES[s_index % len(DASHES)]),
                marker=dict(size=8, color=PALETTE[s_index % len(PALETTE)]),
                text=[format_value(v, u, q, lang) for v, u, q in zip(srows["value"], srows["unit"], srows["qualifier"])],
                textposition="top left", textfont=dict(size=11), cliponaxis=False,
                customdata=[[h] for h in hover], hovertemplate="%{customdata[0]}<extra></extra>",
            ), row=r, col=c)
        top = float(rows["value"].max())
        fig.update_yaxes(range=[0, top * 1.25 + 1], title_text=unit_label(rows.iloc[0]["unit"], lang), row=r, col=c,
                         gridcolor="#EEE")
        lo, hi = rows["as_of"].min(), rows["as_of"].max()
        pad = max(pd.Timedelta(days=60), (hi - lo) * 0.12)
        fig.update_xaxes(range=[lo - pad, hi + pad], row=r, col=c, tickformat="%m/%Y" if lang == "vi" else "%b %Y",
                         nticks=5, gridcolor="#F3F3F3")
    fig.update_annotations(font=dict(size=13), xanchor="center")
    height = 40 + 270 * rows_n
    fig.update_layout(**base_layout(lang, height))
    fig.update_layout(margin=dict(l=60, r=30, t=60, b=40), legend=dict(y=-0.08 if rows_n else 0, yanchor="top"))
    return fig


def timeline_figure(events: pd.DataFrame, lang: str) -> go.Figure:
    """Milestones on a date axis, one lane per kind; hover gives the number and title."""
    kinds = [k for k in EVENT_KINDS if k in set(events["kind"])]
    fig = go.Figure()
    for i, kind in enumerate(kinds):
        rows = events[events["kind"] == kind]
        label = pick(EVENT_KINDS, kind, lang)
        codes = [str(c) if c else "" for c in rows["code"]]
        fig.add_trace(go.Scatter(
            x=rows["date"], y=[label] * len(rows), mode="markers+text", name=label,
            text=codes, textposition=["top center" if j % 2 == 0 else "bottom center" for j in range(len(rows))],
            textfont=dict(size=10, color="#444"),
            marker=dict(symbol=EVENT_SYMBOLS.get(kind, "circle"), size=13, color=PALETTE[i % len(PALETTE)],
                        line=dict(color="white", width=1)),
            customdata=[[event_hover(r, lang)] for _, r in rows.iterrows()],
            hovertemplate="%{customdata[0]}<extra></extra>",
        ))
    fig.update_layout(**base_layout(lang, 120 + 62 * max(len(kinds), 1)), showlegend=False)
    fig.update_layout(margin=dict(l=10, r=20, t=20, b=40))
    fig.update_yaxes(automargin=True, categoryorder="array", categoryarray=[pick(EVENT_KINDS, k, lang) for k in kinds][::-1])
    fig.update_xaxes(type="date", gridcolor="#EEE", tickformat="%Y")
    return fig


def date_label(value, lang: str) -> str:
    return format_date(value, lang)
