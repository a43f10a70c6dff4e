"""Figures of the Peers page: lines over time, then and now (a dumbbell), and a map of Asia.

Each builder takes the tidy frame the core computed (country, year, value in one unit) and returns a plotly
Figure; the page only draws it. One unit per figure, its label on the axis. Aggregates are dashed lines and
hollow markers. The language sets the names (CLDR through Babel), the decimal mark and the thousands mark.

The map is drawn on plain x/y axes (longitude, latitude), each country a filled shape converted once from the
bundled TopoJSON (data/maps/world_110m.json, present/maps.py) for WINDOW, with a dot at each country's centre that carries the colour scale
and the hover text. It needs no network: a plotly `geo` subplot asks plotly.js for its base map from a CDN
whenever a trace names locations, even with every base layer hidden. Singapore has no shape at this scale: its
dot shows it.
"""

from __future__ import annotations

import math

import pandas as pd
import plotly.graph_objects as go
from plotly.colors import sample_colorscale

from vnintegration.core import peers
from vnintegration.present import maps
from vnintegration.present.formatting import decimals, number, unit_label
from vnintegration.present.i18n import t
from vnintegration.present.peers import strings as ps
from vnintegration.present.plot import NO_DATA, escape, page_layout, wrap

COLOURS = {
    "VNM": "#D55E00", "THA": "#0072B2", "MYS": "#009E73", "IDN": "#E69F00", "PHL": "#CC79A7", "SGP": "#56B4E9",
    "CHN": "#000000", "KHM": "#A6761D", "LAO": "#66A61E", "MMR": "#E7298A", "BRN": "#7570B3", "IND": "#8C510A",
    "KOR": "#01665E", "JPN": "#B2182B", "BGD": "#6A3D9A",
    "EAS": "#555555", "EAP": "#777777", "LMC": "#999999", "WLD": "#333333",
}
DASHES = {"EAS": "dash", "EAP": "dot", "LMC": "dashdot", "WLD": "longdash"}
COLOUR_SCALE = "Cividis_r"  # colour-blind safe, light for low values
WINDOW = {"lon": (60.0, 152.0), "lat": (-12.0, 54.0)}  # South, South-East and East Asia
MAP_PLOT_HEIGHT = 470
DOT, DOT_SMALL, TAP_RADIUS = 8, 20, 24  # px: dots; a tap within 24 px of a dot's edge reaches it (hoverdistance)
# Where a dot goes when the map file has no shape (or a poor centre) for a country.
CENTRES = {"SGP": (103.82, 1.35), "BRN": (114.73, 4.54), "MYS": (102.0, 4.2), "IDN": (113.9, -1.0),
           "PHL": (122.5, 12.5), "JPN": (138.5, 36.5), "VNM": (105.8, 16.0)}


def _name(code: str, lang: str) -> str:
    return ps.country_name(code, lang) + (t("group_suffix", lang) if code in peers.AGGREGATES else "")


def lines_figure(frame: pd.DataFrame, countries, unit: str, lang: str, title: str, subtitle: str,
                 base: int | None = None) -> go.Figure:
    """One line per economy (in the order chosen), aggregates dashed; years on x, UNIT on y; legend below."""
    label = unit_label(unit, lang, base)
    places = decimals(unit)
    fig = go.Figure()
    for code in countries:
        rows = frame[frame["country"] == code].sort_values("year")
        if rows.empty:
            continue
        years, values = _with_gaps(rows)
        aggregate = code in peers.AGGREGATES
        fig.add_trace(go.Scatter(
            x=years, y=values, mode="lines+markers" if len(rows) < 3 else "lines", name=escape(_name(code, lang)),
            line=dict(color=COLOURS.get(code, "#444"), width=3.2 if code == peers.HOME else 2,
                      dash=DASHES.get(code, "dash") if aggregate else "solid"),
            marker=dict(size=6), connectgaps=False,
            hovertemplate=f"%{{fullData.name}}, %{{x}}: %{{y:,.{places}f}} {escape(label)}<extra></extra>",
        ))
    layout = page_layout(lang, 380, title, subtitle)
    layout.update(
        xaxis=dict(title=None, showgrid=False, ticks="outside", tickformat="d", fixedrange=True,
                   showline=True, linecolor="#888"),
        # The unit is written above the axis, not beside it: a turned title costs a phone 30 px of width.
        yaxis=dict(title=None, gridcolor="#E6E6E6", zeroline=True, zerolinecolor="#AAA", fixedrange=True,
                   separatethousands=True, exponentformat="none", automargin=True),
        legend=dict(orientation="h", x=0, xanchor="left", y=-0.12, yanchor="top", font=dict(size=12),
                    traceorder="normal"),
        hovermode="closest",
        annotations=[_unit_note(label)],
    )
    layout["margin"]["t"] += 18
    layout["height"] += 18
    layout["margin"]["b"] = 10 + 22 * math.ceil(max(len(fig.data), 1) / 3)
    layout["height"] += layout["margin"]["b"]
    fig.update_layout(**layout)
    return fig


def _unit_note(label: str) -> dict:
    """The axis' unit, written at the top left of the plot."""
    return dict(text=escape(label), x=0, xref="paper", xanchor="left", y=1, yref="paper", yanchor="bottom",
                yshift=4, showarrow=False, font=dict(size=12, color="#555"))


def _with_gaps(rows: pd.DataFrame) -> tuple[list, list]:
    """Years and values with None where a year is missing, so a line is never drawn across a gap."""
    years, values = [], []
    previous = None
    for year, value in zip(rows["year"].tolist(), rows["value"].tolist()):
        if previous is not None and year > previous + 1:
            years.append(None)
            values.append(None)
        years.append(year)
        values.append(value)
        previous = year
    return years, values


def dumbbell_figure(table: pd.DataFrame, unit: str, lang: str, year_a: int, year_b: int, title: str,
                    subtitle: str, base: int | None = None) -> go.Figure:
    """Then and now: per economy (rows of TABLE: country, then, now; highest now on top) a hollow dot for
    YEAR_A, a filled one for YEAR_B and a line between; aggregates' lines dashed."""
    label = unit_label(unit, lang, base)
    places = decimals(unit)
    names = [escape(_name(c, lang)) for c in table["country"]]
    fig = go.Figure()
    for code, name, then, now in zip(table["country"], names, table["then"], table["now"]):
        fig.add_trace(go.Scatter(
            x=[then, now], y=[name, name], mode="lines", showlegend=False, hoverinfo="skip",
            line=dict(color=COLOURS.get(code, "#888"), width=2.5,
                      dash="dot" if code in peers.AGGREGATES else "solid")))
    hover = f"%{{y}}, {{year}}: %{{x:,.{places}f}} {escape(label)}<extra></extra>"
    fig.add_trace(go.Scatter(
        x=table["then"], y=names, mode="markers", name=str(year_a),
        marker=dict(size=11, color="white", line=dict(width=2, color=[COLOURS.get(c, "#888") for c in table["country"]])),
        hovertemplate=hover.replace("{year}", str(year_a))))
    fig.add_trace(go.Scatter(
        x=table["now"], y=names, mode="markers", name=str(year_b),
        marker=dict(size=11, color=[COLOURS.get(c, "#888") for c in table["country"]],
                    symbol=["circle" if c not in peers.AGGREGATES else "diamond" for c in table["country"]]),
        hovertemplate=hover.replace("{year}", str(year_b))))
    layout = page_layout(lang, 60 + 34 * max(len(table), 1), title, subtitle)
    layout.update(
        xaxis=dict(title=None, gridcolor="#E6E6E6", zeroline=True, zerolinecolor="#AAA", fixedrange=True,
                   separatethousands=True, exponentformat="none", automargin=True),  # the unit is in the subtitle
        yaxis=dict(autorange="reversed", fixedrange=True, automargin=True, ticks=""),
        legend=dict(orientation="h", x=0, xanchor="left", y=1.0, yanchor="bottom", font=dict(size=12)),
        showlegend=True,
    )
    layout["margin"]["t"] += 24  # the legend (year A, year B) sits between the title and the plot
    layout["margin"]["b"] = 30
    layout["height"] += 44
    fig.update_layout(**layout)
    return fig


# ---------------------------------------------------------------------------------------------- the map


def _centre(code: str, rings: list[list[tuple]]) -> tuple[float, float] | None:
    if code in CENTRES:
        return CENTRES[code]
    if not rings:
        return None
    biggest = max(rings, key=len)
    return (sum(x for x, _ in biggest) / len(biggest), sum(y for _, y in biggest) / len(biggest))


def quantile_positions(values: list[float]) -> list[float]:
    """Each value's place on the colour scale, 0 to 1, by rank (ties share their mean rank)."""
    if len(values) < 2:
        return [0.5] * len(values)
    ranks = pd.Series(values).rank(method="average")
    return ((ranks - 1) / (len(values) - 1)).tolist()


def quartile_ticks(values: list[float]) -> list[tuple[float, float]]:
    """(position, value) of the minimum, the quartiles and the maximum: the colour bar's ticks."""
    if not values:
        return []
    series = pd.Series(sorted(values))
    if len(series) < 2:
        return [(0.5, float(series.iloc[0]))]
    return [(q, float(series.quantile(q, interpolation="nearest"))) for q in (0.0, 0.25, 0.5, 0.75, 1.0)]


def map_figure(values: pd.DataFrame, shapes: dict[str, list[list[tuple]]], unit: str, lang: str, title: str,
               subtitle: str, base: int | None = None) -> go.Figure:
    """Asia with each country of VALUES (country, value) filled by its value on one colour scale, the other
    countries of the window grey, and a dot per country with a value (hover: name and value)."""
    label = unit_label(unit, lang, base)
    values = values[values["country"].isin(list(peers.COUNTRIES))].dropna(subset=["value"])
    fig = go.Figure()
    grey = [code for code in shapes if code not in set(values["country"])]
    xs: list = []
    ys: list = []
    for code in grey:
        x, y = maps.path(shapes[code])
        xs += x
        ys += y
    fig.add_trace(go.Scatter(x=xs, y=ys, mode="lines", fill="toself", fillcolor=NO_DATA, hoverinfo="skip",
                             line=dict(color="white", width=0.6), showlegend=False))
    if len(values):
        # Colours by rank (quantile classes), not by value: one outlier (Singapore's trade at 300 % of GDP) would
        # otherwise leave every other country the same pale shade. The colour bar's ticks are the values at the
        # quartiles, so the scale still reads in the unit.
        positions = quantile_positions(values["value"].tolist())
        colours = sample_colorscale(COLOUR_SCALE, positions)
        for code, colour in zip(values["country"], colours):
            if code not in shapes:
                continue
            x, y = maps.path(shapes[code])
            fig.add_trace(go.Scatter(x=x, y=y, mode="lines", fill="toself", fillcolor=colour, hoverinfo="skip",
                                     line=dict(color="white", width=0.8), showlegend=False))
        centres = [_centre(code, shapes.get(code, [])) for code in values["country"]]
        kept = [(code, v, c) for code, v, c in zip(values["country"], values["value"], centres) if c is not None]
        places = decimals(unit)
        position_of = dict(zip(values["country"], positions))
        ticks = quartile_ticks(values["value"].tolist())
        fig.add_trace(go.Scatter(
            x=[c[0] for _, _, c in kept], y=[c[1] for _, _, c in kept], mode="markers", showlegend=False,
            text=[escape(ps.country_name(code, lang)) for code, _, _ in kept],
            customdata=[[v] for _, v, _ in kept],
            marker=dict(size=[DOT_SMALL if code in ("SGP", "BRN") else DOT for code, _, _ in kept],
                        color=[position_of[code] for code, _, _ in kept], colorscale=COLOUR_SCALE, cmin=0, cmax=1,
                        line=dict(color="white", width=1.2), showscale=True,
                        colorbar=dict(title=dict(text=wrap(escape(label), 30), side="top"), orientation="h",
                                      x=0, xanchor="left", y=1.0, yanchor="bottom", ypad=14, len=1.0, thickness=12,
                                      tickmode="array", tickvals=[q for q, _ in ticks],
                                      ticktext=[number(v, lang, places) for _, v in ticks])),
            hovertemplate=f"%{{text}}: %{{customdata[0]:,.{places}f}} {escape(label)}<extra></extra>",
        ))
    # The plot's height sets its width (the map keeps its aspect): 470 px makes the window about 600 px wide.
    layout = page_layout(lang, MAP_PLOT_HEIGHT, title, subtitle)
    (lon_lo, lon_hi), (lat_lo, lat_hi) = WINDOW["lon"], WINDOW["lat"]
    layout.update(
        xaxis=dict(range=[lon_lo, lon_hi], visible=False, fixedrange=True, constrain="domain"),
        yaxis=dict(range=[lat_lo, lat_hi], visible=False, fixedrange=True, scaleanchor="x",
                   scaleratio=1.0, constrain="domain", constraintoward="top"),
        plot_bgcolor="#F4F8FB", hovermode="closest", dragmode=False, hoverdistance=TAP_RADIUS,
    )
    # The colour bar above the map: on a narrow screen the map (its shape kept) is shorter than the plot, and the
    # room left over falls below it rather than between the map and its scale.
    layout["margin"]["t"] += 60
    layout["margin"]["b"] = 12
    layout["height"] += 60 + 12 - 40
    fig.update_layout(**layout)
    return fig
