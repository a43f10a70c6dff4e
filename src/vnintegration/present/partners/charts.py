"""Figures of the Partners page: the world map, a partner's FDI and IMF position, the top investors, the FTAs by
date and the count of FTAs in force beside the articles' figures.

Each builder takes frames the core computed and returns a plotly Figure. The map is drawn like the Peers page's
(present/maps.py: plain x/y axes, the countries' outlines from the bundled TopoJSON, nothing fetched from a CDN),
for the whole world, one filled trace per colour class and a dot per coloured country: the dots carry the hover,
the click (customdata = the partner's code) and keep small economies with no outline at 1:110m visible.
"""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from vnintegration.core import partners as P
from vnintegration.present import i18n, maps
from vnintegration.present.formatting import number
from vnintegration.present.plot import NO_DATA, escape, page_layout, wrap

LEVEL_COLOURS = {"csp": "#B2182B", "sp": "#EF8A62", "cp": "#67A9CF"}
SEQUENTIAL = ("#C6DBEF", "#6BAED6", "#2171B5", "#08306B")  # 1, 2, 3, 4+ FTAs; light to dark
FDI_BINS = (0, 100, 500, 1000, 5000)  # million US$: lower edges of the classes
FDI_COLOURS = ("#FDD49E", "#FDBB84", "#FC8D59", "#E34A33", "#B30000")
PARTY_COLOURS = {"direct": "#D55E00", "via ASEAN": "#0072B2", "ASEAN member": "#009E73"}
WORLD = {"lon": (-180.0, 180.0), "lat": (-56.0, 84.0)}
# Where a dot goes for an economy with no outline at 1:110m, or a poor centre (lon, lat).
CENTRES = {
    "SGP": (103.82, 1.35), "HKG": (114.17, 22.32), "MAC": (113.55, 22.19), "VGB": (-64.62, 18.42),
    "CYM": (-81.25, 19.31), "BHR": (50.56, 26.07), "MUS": (57.55, -20.25), "SYC": (55.45, -4.62),
    "WSM": (-172.1, -13.76), "BRB": (-59.55, 13.17), "KNA": (-62.75, 17.3), "VCT": (-61.2, 13.25),
    "MLT": (14.45, 35.9), "AIA": (-63.05, 18.22), "BMU": (-64.75, 32.3), "COK": (-159.78, -21.24),
    "MHL": (171.2, 7.1), "VIR": (-64.9, 18.34), "XBWI": (-61.0, 16.0), "XCHI": (-2.35, 49.35), "LUX": (6.13, 49.8),
    "USA": (-98.5, 39.5), "FRA": (2.4, 46.6), "NOR": (9.0, 61.0), "RUS": (95.0, 61.0), "CAN": (-100.0, 57.0),
    "MYS": (102.0, 4.2), "IDN": (113.9, -1.0), "PHL": (122.5, 12.5), "JPN": (138.5, 36.5), "NZL": (172.5, -41.5),
    "KOS": (20.9, 42.6), "GBR": (-1.8, 52.6), "CHL": (-71.0, -33.0), "KOR": (127.8, 36.4), "TWN": (121.0, 23.7),
}
MAP_PLOT_HEIGHT = 340
# Dots: a small economy's dot is 20 px across (a finger's tap lands within 24 px of any dot's edge: hoverdistance,
# which plotly measures from the marker's edge, so every dot is a target of at least 20 + 2 × 24 px on a phone).
DOT, DOT_SMALL, TAP_RADIUS = 9, 20, 24
SMALL = {"SGP", "HKG", "MAC", "VGB", "CYM", "BHR", "MUS", "SYC", "WSM", "BRB", "KNA", "VCT", "MLT", "AIA", "BMU",
         "COK", "MHL", "VIR", "XBWI", "XCHI", "LUX", "BRN"}


# ---------------------------------------------------------------------------------------------- the map


def world_shapes(topo: dict) -> dict[str, list[list[tuple]]]:
    """ISO3 -> outer rings of the world's countries at one decimal of a degree (what a phone-sized map shows),
    consecutive repeated points dropped: the figure sent to the browser stays small."""
    shapes = maps.shapes_from_topojson(topo, WORLD)
    out: dict[str, list[list[tuple]]] = {}
    for code, rings in shapes.items():
        kept = []
        for ring in rings:
            points: list[tuple] = []
            # A ring crossing the 180th meridian (Russia's east, Alaska's Aleutians, Fiji) is kept on the side
            # most of it lies on: its points on the other side move by 360 degrees, beyond the map's edge,
            # instead of drawing a band across the whole map.
            east = sum(x for x, _ in ring) / len(ring) > 0
            crosses = any(x > 150 for x, _ in ring) and any(x < -150 for x, _ in ring)
            if crosses:
                ring = [(x + 360 if east and x < 0 else x - 360 if not east and x > 0 else x, y) for x, y in ring]
            for x, y in ring:
                point = (round(x, 1), round(y, 1))
                if not points or points[-1] != point:
                    points.append(point)
            if len(points) >= 4:
                kept.append(points)
        if kept:
            out[code] = kept
    return out


def _path(codes, shapes) -> tuple[list, list]:
    return maps.path([ring for code in codes for ring in shapes.get(code, [])])


def centre(code: str, shapes) -> tuple[float, float] | None:
    if code in CENTRES:
        return CENTRES[code]
    rings = shapes.get(code)
    if not rings:
        return None
    biggest = max(rings, key=len)
    return (round(sum(x for x, _ in biggest) / len(biggest), 1), round(sum(y for _, y in biggest) / len(biggest), 1))


def map_classes(data: P.PartnerData, color: str, year: int, lang: str,
                year_from: int | None = None) -> tuple[pd.DataFrame, list[tuple[str, str]]]:
    """(partner, class label, value text) of every partner coloured on the map, and the classes in legend order
    with their colours. Registered FDI is YEAR's, or the sum over year_from..YEAR when year_from is given (whether
    that crosses 2016 is the page's to say: P.fdi_sum)."""
    day = pd.Timestamp(year=year, month=12, day=31)
    rows: list[tuple[str, str, str]] = []
    if color == "level":
        levels = P.levels_on(data.partnerships, day)
        classes = [(i18n.t("level_" + lv, lang), LEVEL_COLOURS[lv]) for lv in P.LEVELS]
        for code, level in levels.items():
            rows.append((code, i18n.t("level_" + level, lang), i18n.t("level_" + level, lang)))
    elif color == "fta":
        counts = P.fta_counts_on(data, day)
        top = len(SEQUENTIAL)
        labels = [i18n.t("pmap_fta_bin", lang, n=n) for n in range(1, top)] + [i18n.t("pmap_fta_more", lang, n=top)]
        classes = list(zip(labels, SEQUENTIAL))
        for code, n in counts.items():
            if n > 0:
                rows.append((code, labels[min(n, top) - 1], str(n)))
    else:
        capital, _ = P.fdi_sum(data, year_from or year, year)
        edges = list(FDI_BINS)
        labels = [i18n.t("pmap_fdi_bin", lang, lo=number(lo, lang, 0), hi=number(hi, lang, 0))
                  for lo, hi in zip(edges, edges[1:])] + [i18n.t("pmap_fdi_top", lang, lo=number(edges[-1], lang, 0))]
        classes = list(zip(labels, FDI_COLOURS))
        for code, value in capital.items():
            if pd.notna(value) and value > 0:
                at = max(i for i, lo in enumerate(edges) if value >= lo)
                rows.append((code, labels[at], f"{number(value, lang, 1)} {i18n.t('punit_usd_mn', lang)}"))
    frame = pd.DataFrame(rows, columns=["partner", "class", "value"])
    return frame, classes


def map_figure(data: P.PartnerData, shapes, color: str, year: int, lang: str,
               year_from: int | None = None) -> go.Figure:
    """The world with each partner filled by its class (level, FTAs in force, or registered FDI in YEAR or summed
    from year_from), the rest grey, Viet Nam outlined, and a clickable dot per coloured partner."""
    frame, classes = map_classes(data, color, year, lang, year_from)
    fig = go.Figure()
    coloured = set(frame["partner"])
    xs, ys = _path([c for c in shapes if c not in coloured and c != P.HOME], shapes)
    fig.add_trace(go.Scatter(x=xs, y=ys, mode="lines", fill="toself", fillcolor=NO_DATA, hoverinfo="skip",
                             line=dict(color="white", width=0.4), showlegend=False))
    xs, ys = _path([P.HOME], shapes)
    fig.add_trace(go.Scatter(x=xs, y=ys, mode="lines", fill="toself", fillcolor="#FFD54F", hoverinfo="skip",
                             line=dict(color="#333", width=0.8), showlegend=False))
    colour_of = dict(classes)
    for label, colour in classes:
        codes = list(frame.loc[frame["class"] == label, "partner"])
        xs, ys = _path(codes, shapes)
        fig.add_trace(go.Scatter(x=xs or [None], y=ys or [None], mode="lines", fill="toself", fillcolor=colour,
                                 hoverinfo="skip", line=dict(color="white", width=0.4), name=escape(label),
                                 showlegend=True, legendgroup=label))
    dots = [(code, label, value, centre(code, shapes)) for code, label, value in frame.itertuples(index=False)]
    dots = [d for d in dots if d[3] is not None]
    fig.add_trace(go.Scatter(
        x=[d[3][0] for d in dots], y=[d[3][1] for d in dots], mode="markers", showlegend=False,
        customdata=[[d[0]] for d in dots],
        text=[escape(f"{data.name(d[0], lang)}: {d[2]}") for d in dots],
        marker=dict(size=[DOT_SMALL if d[0] in SMALL else DOT for d in dots], color=[colour_of[d[1]] for d in dots],
                    line=dict(color="#333", width=0.8)),
        hovertemplate="%{text}<extra></extra>",
    ))
    if color == "fdi" and year_from is not None:
        title = i18n.t("pmap_title_fdi_range", lang, start=year_from, end=year)
    else:
        title = i18n.t("pmap_title_" + color, lang, year=year)
    # The plot's height sets its width (the map keeps its aspect, 360° by 140°): 340 px makes it about 870 px wide,
    # the main column's width at 1280 px; a narrower screen keeps the map's shape within its width.
    layout = page_layout(lang, MAP_PLOT_HEIGHT, title)
    (lon_lo, lon_hi), (lat_lo, lat_hi) = WORLD["lon"], WORLD["lat"]
    layout.update(
        xaxis=dict(range=[lon_lo, lon_hi], visible=False, fixedrange=True, constrain="domain"),
        yaxis=dict(range=[lat_lo, lat_hi], visible=False, fixedrange=True, scaleanchor="x", scaleratio=1.0,
                   constrain="domain", constraintoward="top"),
        plot_bgcolor="#F4F8FB", hovermode="closest", dragmode=False, clickmode="event+select", showlegend=True,
        hoverdistance=TAP_RADIUS,
        # The legend above the map: on a narrow screen the map (its shape kept) is shorter than the plot, and the
        # room left over falls below it rather than between the map and its key.
        legend=dict(orientation="h", x=0, xanchor="left", y=1.0, yanchor="bottom", font=dict(size=11),
                    itemclick=False, itemdoubleclick=False),
    )
    layout["margin"]["t"] += 44
    layout["margin"]["b"] = 12
    layout["height"] += 44 + 12 - 40
    fig.update_layout(**layout)
    return fig


# ---------------------------------------------------------------------------------------------- bars


def _break_line(layout: dict, lang: str, years) -> None:
    """A dashed line between 2015 and 2016 when the years shown cross the definition break."""
    if years and min(years) < P.BREAK_YEAR <= max(years):
        layout["shapes"] = [dict(type="line", x0=P.BREAK_YEAR - 0.5, x1=P.BREAK_YEAR - 0.5, y0=0, y1=1,
                                 yref="paper", line=dict(color="#555", dash="dash", width=1))]
        layout["annotations"] = [dict(x=P.BREAK_YEAR - 0.5, y=1, yref="paper", text=i18n.t("pbreak_label", lang),
                                      showarrow=False, xanchor="left", yanchor="bottom", font=dict(size=11))]


def fdi_figure(rows: pd.DataFrame, title: str, lang: str) -> go.Figure:
    """Registered capital per year (bars, million US$), the 2016 break marked."""
    hover = [f"{y}: {number(v, lang, 1)} {i18n.t('punit_usd_mn', lang)}" for y, v in zip(rows["year"], rows["capital"])]
    fig = go.Figure(go.Bar(x=rows["year"], y=rows["capital"], marker_color="#2171B5", customdata=[[h] for h in hover],
                           hovertemplate="%{customdata[0]}<extra></extra>"))
    layout = page_layout(lang, 240, title, i18n.t("punit_usd_mn", lang))
    layout.update(xaxis=dict(dtick=2 if len(rows) > 8 else 1, fixedrange=True, showgrid=False, tickformat="d"),
                  yaxis=dict(gridcolor="#E6E6E6", fixedrange=True, separatethousands=True, exponentformat="none", rangemode="tozero",
                              automargin=True))
    _break_line(layout, lang, list(rows["year"]))
    fig.update_layout(**layout)
    return fig


def imf_figure(rows: pd.DataFrame, title: str, lang: str) -> go.Figure:
    """An investor's own reported position per year (bars; confidential years left empty)."""
    shown = rows.dropna(subset=["position"])
    hover = [f"{y}: {number(v, lang, 1)} {i18n.t('punit_usd_mn', lang)}" for y, v in zip(shown["year"], shown["position"])]
    fig = go.Figure(go.Bar(x=shown["year"], y=shown["position"], marker_color="#6A51A3",
                           customdata=[[h] for h in hover], hovertemplate="%{customdata[0]}<extra></extra>"))
    layout = page_layout(lang, 220, title, i18n.t("punit_usd_mn", lang))
    layout.update(xaxis=dict(dtick=2, fixedrange=True, showgrid=False, range=[2008.5, 2024.5], tickformat="d"),
                  yaxis=dict(gridcolor="#E6E6E6", fixedrange=True, separatethousands=True, exponentformat="none", zeroline=True,
                              automargin=True))
    fig.update_layout(**layout)
    return fig


def investors_figure(top: pd.DataFrame, data: P.PartnerData, title: str, lang: str) -> go.Figure:
    """The top investors as horizontal bars, largest on top, each labelled with its share of the total."""
    names = [wrap(escape(data.name(c, lang)), 18) for c in top["partner"]]
    labels = [f"{number(s, lang, 1)}%" for s in top["share"]]
    hover = [f"{n}: {number(v, lang, 1)} {i18n.t('punit_usd_mn', lang)} ({s})"
             for n, v, s in zip(names, top["capital"], labels)]
    fig = go.Figure(go.Bar(x=top["capital"], y=names, orientation="h", text=labels, textposition="outside",
                           cliponaxis=False, marker_color="#2171B5", customdata=[[h] for h in hover],
                           hovertemplate="%{customdata[0]}<extra></extra>"))
    layout = page_layout(lang, 40 + 36 * max(len(top), 1), title, i18n.t("punit_usd_mn", lang))
    hi = float(top["capital"].max()) if len(top) else 1.0
    layout["margin"]["r"] = 16
    layout.update(xaxis=dict(gridcolor="#E6E6E6", fixedrange=True, separatethousands=True, exponentformat="none", range=[0, hi * 1.3]),
                  yaxis=dict(autorange="reversed", fixedrange=True, automargin=True, ticks=""))
    fig.update_layout(**layout)
    return fig


def matrix_figure(matrix: pd.DataFrame, data: P.PartnerData, title: str, lang: str) -> go.Figure:
    """Partner x year registered capital of the top investors: a grid of squares shaded by value (blank where
    the yearbook does not list the partner that year)."""
    long = matrix.stack().reset_index()
    long.columns = ["partner", "year", "capital"]
    names = [wrap(escape(data.name(c, lang)), 22) for c in long["partner"]]
    hover = [f"{n}, {int(y)}: {number(v, lang, 1)} {i18n.t('punit_usd_mn', lang)}"
             for n, y, v in zip(names, long["year"], long["capital"])]
    fig = go.Figure(go.Scatter(
        x=long["year"].astype(int), y=names, mode="markers", customdata=[[h] for h in hover],
        marker=dict(symbol="square", size=13, color=long["capital"], colorscale="Blues", cmin=0, showscale=False,
                    line=dict(color="#BBB", width=0.5)),
        hovertemplate="%{customdata[0]}<extra></extra>"))
    years = [int(y) for y in matrix.columns]
    layout = page_layout(lang, 40 + 34 * max(len(matrix), 1), title)
    layout.update(xaxis=dict(fixedrange=True, dtick=5 if len(years) > 8 else 1, showgrid=False, tickangle=0, tickformat="d",
                             range=[min(years, default=0) - 0.7, max(years, default=0) + 0.7]),
                  yaxis=dict(categoryorder="array",
                             categoryarray=[wrap(escape(data.name(c, lang)), 22) for c in matrix.index][::-1],
                             fixedrange=True, automargin=True, showgrid=False))
    _break_line(layout, lang, years)
    fig.update_layout(**layout)
    return fig


# ---------------------------------------------------------------------------------------------- agreements


def agreements_figure(agreements: pd.DataFrame, lang: str) -> go.Figure:
    """One dot per agreement at its in-force date, coloured by Viet Nam's part (directly, via ASEAN, intra-ASEAN)."""
    rows = agreements.sort_values("in_force")
    fig = go.Figure()
    for party, key in (("direct", "pagr_direct"), ("via ASEAN", "pagr_via"), ("ASEAN member", "pagr_member")):
        part = rows[rows["vn_party"] == party]
        hover = [escape(f"{r.short_name} ({r.in_force:%Y-%m-%d}): " + ", ".join(r.parties[:8])
                         + ("…" if len(r.parties) > 8 else "")) for r in part.itertuples()]
        fig.add_trace(go.Scatter(
            x=part["in_force"], y=[escape(s) for s in part["short_name"]], mode="markers",
            name=escape(i18n.t(key, lang)), marker=dict(size=11, color=PARTY_COLOURS[party]),
            customdata=[[h] for h in hover], hovertemplate="%{customdata[0]}<extra></extra>"))
    layout = page_layout(lang, 40 + 22 * max(len(rows), 1), i18n.t("pagr_heading", lang))
    layout.update(showlegend=True,
                  xaxis=dict(type="date", tickformat="%Y", fixedrange=True, gridcolor="#EEE"),
                  yaxis=dict(categoryorder="array", categoryarray=[escape(s) for s in rows["short_name"]][::-1],
                             fixedrange=True, automargin=True, showgrid=False),
                  legend=dict(orientation="h", x=0, xanchor="left", y=-0.08, yanchor="top"))
    layout["margin"]["b"] = 70
    fig.update_layout(**layout)
    return fig


def fta_count_figure(wto: pd.Series, rcep: pd.Series, articles: pd.DataFrame, lang: str) -> go.Figure:
    """Agreement lines in force at each year end (WTO list; plus RCEP) as steps, the articles' figures as dots."""
    fig = go.Figure()
    for series, key, colour in ((wto, "pagr_line_wto", "#0072B2"), (rcep, "pagr_line_rcep", "#009E73")):
        fig.add_trace(go.Scatter(x=[pd.Timestamp(year=int(y), month=12, day=31) for y in series.index],
                                 y=series.to_numpy(), mode="lines", line=dict(shape="hv", color=colour, width=2),
                                 name=escape(i18n.t(key, lang))))
    if len(articles):
        hover = [escape(f"{n}: {number(v, lang, 0)} ({d:%Y-%m-%d})")
                 for n, v, d in zip(articles["name"], articles["value"], articles["as_of"])]
        fig.add_trace(go.Scatter(x=articles["as_of"], y=articles["value"], mode="markers+text",
                                 text=[number(v, lang, 0) for v in articles["value"]], textposition="middle left",
                                 marker=dict(size=10, color="#D55E00", symbol="diamond"),
                                 name=escape(i18n.t("ptcol_article", lang)), customdata=[[h] for h in hover],
                                 hovertemplate="%{customdata[0]}<extra></extra>"))
    layout = page_layout(lang, 260, i18n.t("pagr_count_heading", lang))
    layout.update(showlegend=True, xaxis=dict(type="date", tickformat="%Y", fixedrange=True, gridcolor="#EEE"),
                  yaxis=dict(fixedrange=True, gridcolor="#E6E6E6", rangemode="tozero", automargin=True, exponentformat="none"),
                  legend=dict(orientation="h", x=0, xanchor="left", y=-0.12, yanchor="top"))
    layout["margin"]["b"] = 80
    fig.update_layout(**layout)
    return fig


def levels_count_figure(partnerships: pd.DataFrame, articles: pd.DataFrame, lang: str) -> go.Figure:
    """Partners at each level from the partnership table, stacked, month by month (the level on each month's last
    day), with the articles' counts of partners at comprehensive level or above as dots."""
    months = pd.date_range("2004-01-31", "2025-12-31", freq="ME")
    counts = pd.DataFrame({day: P.counts_on(partnerships, day) for day in months}).T
    fig = go.Figure()
    for level in reversed(P.LEVELS):
        fig.add_trace(go.Scatter(x=months, y=counts[level], mode="lines", stackgroup="levels", line=dict(width=0.5, shape="hv"),
                                 fillcolor=LEVEL_COLOURS[level], line_color=LEVEL_COLOURS[level],
                                 name=escape(i18n.t("level_" + level, lang)),
                                 hovertemplate="%{x|%Y-%m}: %{y}<extra>" + escape(i18n.t("level_" + level, lang))
                                 + "</extra>"))
    if len(articles):
        fig.add_trace(go.Scatter(x=articles["as_of"], y=articles["value"], mode="markers+text",
                                 text=[number(v, lang, 0) for v in articles["value"]], textposition="middle left",
                                 marker=dict(size=10, color="#222", symbol="diamond"),
                                 name=escape(i18n.t("ptcol_article", lang)),
                                 hovertemplate="%{x|%Y-%m-%d}: %{y}<extra></extra>"))
    layout = page_layout(lang, 260, i18n.t("prec_chart", lang))
    layout.update(showlegend=True, xaxis=dict(type="date", tickformat="%Y", fixedrange=True, gridcolor="#EEE"),
                  yaxis=dict(fixedrange=True, gridcolor="#E6E6E6", rangemode="tozero", automargin=True, exponentformat="none"),
                  legend=dict(orientation="h", x=0, xanchor="left", y=-0.12, yanchor="top", traceorder="normal"))
    layout["margin"]["b"] = 90
    fig.update_layout(**layout)
    return fig
