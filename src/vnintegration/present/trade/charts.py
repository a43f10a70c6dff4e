"""Figures of the Trade page, pure (no Streamlit): each builder takes frames core/trade.py computed and returns a
plotly Figure drawn with present/plot.py's house layout (titles escaped and wrapped for a phone).

Sources are never joined: IMF DOTS (a solid line), the official statements (dashed, with points), their part-year
figures (hollow points labelled "11 tháng 2021", never on a line), a partner's own statistics (dotted). A gap in a
source's years (DOTS has none for 1974-1980) is a gap in its line. The map is the Partners map's way (present/maps.py:
outlines from the bundled TopoJSON on plain axes, nothing fetched), one filled trace per colour class.
"""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from vnintegration.core import trade as TR
from vnintegration.present import i18n
from vnintegration.present.formatting import number
from vnintegration.present.partners.charts import SMALL, WORLD, centre
from vnintegration.present.plot import GRID, NO_DATA, PALETTE, escape, page_layout, wrap
from vnintegration.present.trade.tables import Names, name, period, qualifiers

FLOW_COLOURS = {"export": PALETTE[0], "import": PALETTE[1], "balance": PALETTE[2]}
SURPLUS, DEFICIT = "#2166AC", "#B2182B"
KIND_DASH = {"dataset": "solid", "statement": "dash", "partner_statistics": "dot"}
PART_TEXT = {"export": "top center", "import": "bottom center", "balance": "middle left"}
TOP_N = 15
BN = TR.MILLION_PER_BILLION

# Map classes: lower edges (US$ million, or % for the share) and colours, light to dark; the balance diverges.
SEQUENTIAL_BINS = (0, 100, 1_000, 5_000, 20_000)
SHARE_BINS = (0, 0.5, 1, 2, 5)
SEQUENTIAL = ("#DEEBF7", "#9ECAE1", "#4292C6", "#2171B5", "#08306B")
BALANCE_BINS = (-10_000, -1_000, 0, 1_000, 10_000)  # edges between classes
BALANCE = ("#B2182B", "#EF8A62", "#FDDBC7", "#D1E5F0", "#67A9CF", "#2166AC")


def _axis(**extra) -> dict:
    # exponentformat "none": ticks write 20.000 / 20,000 in the reader's separators, never plotly's "20k"
    return dict(gridcolor=GRID, fixedrange=True, automargin=True, exponentformat="none", **extra)


def _hover(fig: go.Figure) -> None:
    for trace in fig.data:
        if trace.customdata is not None:
            trace.hovertemplate = "%{customdata[0]}<extra></extra>"


# ---------------------------------------------------------------------------------------------- markets


def markets_figure(table: pd.DataFrame, flow: str, year: int, names: Names, lang: str, n: int = TOP_N) -> go.Figure:
    """The top N partners of a year as horizontal bars, largest on top, each labelled with its share; for the
    balance the largest surpluses and deficits (blue above zero, red below)."""
    if flow == "balance":
        top = pd.concat([table[table["value"] > 0].head(n - n // 2),
                         table[table["value"] < 0].tail(n // 2)]).sort_values("value", ascending=False)
        colours = [SURPLUS if v >= 0 else DEFICIT for v in top["value"]]
        labels = [number(v, lang, 0) for v in top["value"]]
        subtitle = i18n.t("tr_markets_sub_balance", lang)
    else:
        top = table.head(n)
        colours = FLOW_COLOURS[flow]
        labels = [f"{number(s, lang, 1)}%" for s in top["share"]]
        subtitle = i18n.t("tr_markets_sub", lang)
    partners = [name(names, c, lang) for c in top["partner"]]
    # Two short lines, not one long: the bars keep a phone's width; a long name ("Đặc khu Hành chính Hồng Kông,
    # Trung Quốc") gets two longer lines, never four that overlap the next bar's.
    shown = [wrap(escape(p), 12, max_lines=2) for p in partners]
    # A long deficit's label goes inside its bar: outside, it would run into the partner's name on a phone.
    longest = float(top["value"].abs().max()) if len(top) else 1.0
    positions = ["inside" if v < 0 and abs(v) >= 0.25 * longest else "outside" for v in top["value"]]
    hover = [escape(f"{p}, {year}: {number(v, lang, 1)} {i18n.t('tr_unit_mn', lang)}")
             + ("" if flow == "balance" or pd.isna(s) else f" ({number(s, lang, 1)}%)")
             for p, v, s in zip(partners, top["value"], top["share"])]
    fig = go.Figure(go.Bar(x=top["value"], y=shown, orientation="h", marker_color=colours, text=labels,
                           textposition=positions, cliponaxis=False,
                           insidetextanchor="middle", customdata=[[h] for h in hover]))
    _hover(fig)
    title = i18n.t(f"tr_markets_title_{flow}", lang, n=len(top), year=year)
    layout = page_layout(lang, 40 + 30 * max(len(top), 1), title, subtitle)
    lo, hi = float(min(top["value"].min(), 0)) if len(top) else 0, float(max(top["value"].max(), 0)) if len(top) else 1
    span = (hi - lo) or 1.0
    layout["margin"]["r"] = 16
    layout.update(xaxis=_axis(separatethousands=True, range=[lo - (0.3 * span if lo < 0 else 0), hi + 0.25 * span],
                              zeroline=True, zerolinecolor="#888"),
                  yaxis=dict(autorange="reversed", fixedrange=True, automargin=True, ticks=""), showlegend=False,
                  bargap=0.25)
    fig.update_layout(**layout)
    return fig


def concentration_figure(frames: dict[str, pd.DataFrame], metric: str, lang: str, start: int) -> go.Figure:
    """The top-5 share (metric "top_share", %) or the HHI ("hhi") per year, exports and imports, from START; a
    gap where DOTS has no year."""
    fig = go.Figure()
    for flow, frame in frames.items():
        rows = frame[frame["year"] >= start]
        xs, ys = _gapped(rows["year"], rows[metric])
        label = i18n.t("tr_flow_" + flow, lang)
        hover = [None if v is None else escape(f"{label}, {x}: {number(v, lang, 1)}") for x, v in zip(xs, ys)]
        fig.add_trace(go.Scatter(x=xs, y=ys, mode="lines", name=escape(label), line=dict(color=FLOW_COLOURS[flow]),
                                 customdata=[[h] for h in hover], connectgaps=False))
    _hover(fig)
    key = "tr_conc" if metric == "top_share" else "tr_hhi"
    layout = page_layout(lang, 220, i18n.t(key + "_title", lang), i18n.t(key + "_sub", lang))
    layout.update(xaxis=_axis(showgrid=False), yaxis=_axis(rangemode="tozero", separatethousands=True),
                  legend=dict(orientation="h", x=0, y=-0.15, yanchor="top"))
    layout["margin"]["b"] = 50
    layout["height"] += 30
    fig.update_layout(**layout)
    return fig


def _gapped(years, values) -> tuple[list, list]:
    """Years and values with a None where a year is missing, so that a line breaks across the gap."""
    xs: list = []
    ys: list = []
    last = None
    for year, value in zip(years, values):
        year = int(year)
        if last is not None and year > last + 1:
            xs.append(last + 1)
            ys.append(None)
        xs.append(year)
        ys.append(None if pd.isna(value) else float(value))
        last = year
    return xs, ys


# ---------------------------------------------------------------------------------------------- one partner


def _source_traces(fig: go.Figure, series: pd.DataFrame, column: str, lang: str, scale: float, unit_key: str,
                   flows=TR.FLOWS, places: int = 1, last_year: int = 9999) -> None:
    """One trace per flow and source: full years as a line (DOTS solid, statements dashed, a partner's own
    statistics dotted), part years as hollow labelled points."""
    for flow in flows:
        mine = series[(series["flow"] == flow) & series[column].notna()]
        for kind, rows in mine.groupby("kind", sort=False):  # the statements of several reports: one series
            kind = str(kind)
            rows = rows.sort_values("year")
            full, part = rows[rows["months"] >= 12], rows[rows["months"] < 12]
            full = full.drop_duplicates("year", keep="last")  # two reports of one year: the table has both
            flow_label = i18n.t("tr_flow_" + flow, lang)
            kind_label = i18n.t("tr_kind_" + kind, lang)
            label = f"{flow_label} · {kind_label}"
            if len(full):
                xs, ys = _gapped(full["year"], full[column] / scale)
                estimates = dict(zip(full["year"].astype(int), full["estimate"]))
                words = dict(zip(full["year"].astype(int), _words(full, lang)))
                hover = [None if y is None else escape(
                    f"{label}, {x}: {words.get(x, '')}"
                    f"{number(y * scale / (BN if kind != 'dataset' and column == 'value' else 1), lang, places)} "
                    f"{i18n.t(unit_key if column != 'value' else ('tr_unit_mn' if kind == 'dataset' else 'tr_unit_bn'), lang)}"
                    + (f" ({i18n.t('tr_estimate', lang)})" if estimates.get(x) else "")) for x, y in zip(xs, ys)]
                symbols = ["circle-open" if estimates.get(x) else "circle" for x in xs]
                fig.add_trace(go.Scatter(
                    x=xs, y=ys, mode="lines+markers" if kind != "dataset" or len(full) < 3 else "lines",
                    name=escape(label), legendgroup=f"{flow}-{kind}", showlegend=False,
                    line=dict(color=FLOW_COLOURS[flow], dash=KIND_DASH.get(kind, "dash"), width=2),
                    marker=dict(size=6, symbol=symbols, color=FLOW_COLOURS[flow]),
                    customdata=[[h] for h in hover], connectgaps=False))
                flagged = full[full["estimate"].astype(bool)]
                if kind == "dataset" and len(flagged):
                    fig.add_trace(go.Scatter(
                        x=flagged["year"], y=flagged[column] / scale, mode="markers", showlegend=False,
                        legendgroup=f"{flow}-{kind}", hoverinfo="skip",
                        marker=dict(size=7, symbol="circle-open", color=FLOW_COLOURS[flow])))
            if len(part):
                labels = [period(y, m, lang) for y, m in zip(part["year"], part["months"])]
                values = part[column] / scale
                hover = [escape(f"{flow_label} · {kind_label}, {lab}: {word}"
                                f"{number(v * scale / (BN if column == 'value' else 1), lang, places)} "
                                f"{i18n.t('tr_unit_bn' if column == 'value' else unit_key, lang)}")
                         for lab, v, word in zip(labels, values, _words(part, lang))]
                named = flow == "export"  # one flow's points labelled: three labels a year would overlap on a phone
                fig.add_trace(go.Scatter(
                    x=part["year"], y=values, mode="markers+text" if named else "markers",
                    text=[escape(x) for x in labels] if named else None,
                    textposition=[PART_TEXT[flow] if y < last_year - 1 else "top left" for y in part["year"]],
                    textfont=dict(size=10, color=FLOW_COLOURS[flow]),
                    name=escape(f"{flow_label} · {kind_label}, {i18n.t('tr_part_year_short', lang)}"),
                    showlegend=False,
                    legendgroup=f"{flow}-part", marker=dict(size=9, symbol="diamond-open", color=FLOW_COLOURS[flow],
                                                            line=dict(width=2)),
                    customdata=[[h] for h in hover]))


def _words(rows: pd.DataFrame, lang: str) -> list[str]:
    """The qualifier word before each row's value in a hover ("trên ", "nearly "; nothing for an exact figure); a
    share computed from a qualified figure keeps it too."""
    return [f"{word} " if (word := i18n.qualifier_word(q, lang)) else "" for q in qualifiers(rows)]


def _key(fig: go.Figure, series: pd.DataFrame, flows, lang: str) -> None:
    """The legend as a key: one entry per flow (its colour) and one per kind of source (its line style; part years
    a hollow diamond), instead of an entry per flow and source."""
    for flow in flows:
        if (series["flow"] == flow).any():
            fig.add_trace(go.Scatter(x=[None], y=[None], mode="markers", name=escape(i18n.t("tr_flow_" + flow, lang)),
                                     marker=dict(symbol="square", size=10, color=FLOW_COLOURS[flow]), hoverinfo="skip"))
    for kind, dash in KIND_DASH.items():
        if (series["kind"] == kind).any():
            fig.add_trace(go.Scatter(x=[None], y=[None], mode="lines", name=escape(i18n.t("tr_kind_" + kind, lang)),
                                     line=dict(color="#555", dash=dash, width=2), hoverinfo="skip"))
    if (series["months"] < 12).any():
        fig.add_trace(go.Scatter(x=[None], y=[None], mode="markers", name=escape(i18n.t("tr_part_year_key", lang)),
                                 marker=dict(symbol="diamond-open", size=9, color="#555", line=dict(width=2)),
                                 hoverinfo="skip"))


def partner_figure(series: pd.DataFrame, partner_name: str, lang: str, year_from: int, year_to: int) -> go.Figure:
    """A partner's exports, imports and balance over time, US$ billion on the axis, one line style per source."""
    rows = series[series["year"].between(year_from, year_to)]
    fig = go.Figure()
    _source_traces(fig, rows, "value", lang, BN, "tr_unit_bn", last_year=year_to)
    _hover(fig)
    _key(fig, rows, TR.FLOWS, lang)
    layout = page_layout(lang, 300, i18n.t("tr_partner_title", lang, name=partner_name), i18n.t("tr_partner_sub", lang))
    layout.update(xaxis=_axis(showgrid=False, range=[year_from - 0.5, year_to + 1.5]),
                  yaxis=_axis(zeroline=True, zerolinecolor="#888", separatethousands=True, title=dict(
                      text=escape(i18n.t("tr_unit_bn", lang)), font=dict(size=12))),
                  legend=dict(orientation="h", x=0, y=-0.1, yanchor="top", font=dict(size=11)))
    layout["margin"]["b"] = 90
    layout["height"] += 60
    fig.update_layout(**layout)
    return fig


def share_figure(series: pd.DataFrame, partner_name: str, lang: str, year_from: int, year_to: int) -> go.Figure:
    rows = series[series["year"].between(year_from, year_to) & series["flow"].isin(["export", "import"])]
    fig = go.Figure()
    _source_traces(fig, rows, "share", lang, 1, "tr_unit_pct", flows=("export", "import"), last_year=year_to)
    _hover(fig)
    _key(fig, rows[rows["share"].notna()], ("export", "import"), lang)
    layout = page_layout(lang, 220, i18n.t("tr_share_title", lang, name=partner_name), i18n.t("tr_share_sub", lang))
    layout.update(xaxis=_axis(showgrid=False, range=[year_from - 0.5, year_to + 0.8]),
                  yaxis=_axis(rangemode="tozero", ticksuffix="%"),
                  legend=dict(orientation="h", x=0, y=-0.12, yanchor="top", font=dict(size=11)))
    layout["margin"]["b"] = 70
    layout["height"] += 50
    fig.update_layout(**layout)
    return fig


# ---------------------------------------------------------------------------------------------- products


def commodity_figure(groups: pd.DataFrame, lang: str) -> go.Figure:
    """Exports by GSO commodity group, one stacked bar per year (share of the total, %); "of which" rows left
    out (they are part of a group)."""
    rows = groups[~groups["subitem"]]
    column = "group_vi" if lang == "vi" else "group_en"
    fig = go.Figure()
    order = rows.groupby(column)["share"].sum().sort_values(ascending=False).index
    for n, group in enumerate(order):
        mine = rows[rows[column] == group].sort_values("year")
        years = [f"{y}*" if p else str(y) for y, p in zip(mine["year"], mine["preliminary"])]
        hover = [escape(f"{group}, {y}: {number(s, lang, 1)}% ({number(v, lang, 1)} {i18n.t('tr_unit_mn', lang)})")
                 for y, s, v in zip(years, mine["share"], mine["value"])]
        fig.add_trace(go.Bar(x=years, y=mine["share"], name=wrap(escape(group), 40),
                             marker_color=PALETTE[n % len(PALETTE)], customdata=[[h] for h in hover]))
    _hover(fig)
    layout = page_layout(lang, 240, i18n.t("tr_products_title", lang), i18n.t("tr_products_sub", lang))
    layout.update(barmode="stack", xaxis=_axis(showgrid=False, type="category"),
                  yaxis=_axis(range=[0, 100], ticksuffix="%"),
                  legend=dict(orientation="h", x=0, y=-0.12, yanchor="top", font=dict(size=11)))
    layout["margin"]["b"] = 110
    layout["height"] += 90
    fig.update_layout(**layout)
    return fig


def product_figure(rows: pd.DataFrame, lang: str) -> go.Figure:
    """The statements' product totals (no partner) per year, US$ billion; part years as hollow points."""
    fig = go.Figure()
    totals = rows[rows["partner"] == ""]
    for n, ((_code, product_label), mine) in enumerate(totals.groupby(["product", "product_name"], sort=False)):
        mine = mine.sort_values(["year", "months"])
        colour = PALETTE[n % len(PALETTE)]
        full, part = mine[mine["months"] >= 12], mine[mine["months"] < 12]
        for subset, symbol, suffix in ((full, "circle", ""), (part, "diamond-open", " · " + i18n.t("tr_kind_statement_part", lang))):
            if not len(subset):
                continue
            hover = [escape(f"{product_label}, {p}: {digits_text(v, lang)} {i18n.t('tr_unit_bn', lang)} ({s})")
                     for p, v, s in zip(subset["period"], subset["value"], subset["source"])]
            fig.add_trace(go.Scatter(x=subset["year"], y=subset["value"], mode="markers" if symbol != "circle" else "lines+markers",
                                     name=wrap(escape(f"{product_label}{suffix}"), 40), line=dict(color=colour, dash="dash"),
                                     marker=dict(symbol=symbol, size=8, color=colour), customdata=[[h] for h in hover]))
    _hover(fig)
    layout = page_layout(lang, 240, i18n.t("tr_products_statements", lang), i18n.t("tr_products_statements_sub", lang))
    layout.update(xaxis=_axis(showgrid=False, dtick=1), yaxis=_axis(rangemode="tozero"),
                  legend=dict(orientation="h", x=0, y=-0.12, yanchor="top", font=dict(size=11)))
    layout["margin"]["b"] = 80
    layout["height"] += 60
    fig.update_layout(**layout)
    return fig


def digits_text(value: float, lang: str) -> str:
    from vnintegration.present.formatting import digits

    return digits(float(value), lang, None)


# ---------------------------------------------------------------------------------------------- FTAs


def fta_share_figure(shares: pd.DataFrame, lang: str, start: int) -> go.Figure:
    fig = go.Figure()
    for flow in ("export", "import"):
        rows = shares[(shares["flow"] == flow) & (shares["year"] >= start)]
        xs, ys = _gapped(rows["year"], rows["share"])
        label = i18n.t("tr_flow_" + flow, lang)
        partners = dict(zip(rows["year"].astype(int), rows["partners"]))
        hover = [None if y is None else escape(f"{label}, {x}: {number(y, lang, 1)}% ({partners.get(x, 0)} FTA)")
                 for x, y in zip(xs, ys)]
        fig.add_trace(go.Scatter(x=xs, y=ys, mode="lines", name=escape(label), line=dict(color=FLOW_COLOURS[flow]),
                                 customdata=[[h] for h in hover], connectgaps=False))
    _hover(fig)
    layout = page_layout(lang, 240, i18n.t("tr_fta_title", lang), i18n.t("tr_fta_sub", lang))
    layout.update(xaxis=_axis(showgrid=False), yaxis=_axis(range=[0, 100], ticksuffix="%"),
                  legend=dict(orientation="h", x=0, y=-0.15, yanchor="top"))
    layout["margin"]["b"] = 50
    layout["height"] += 30
    fig.update_layout(**layout)
    return fig


def fta_index_figure(index: pd.DataFrame, lang: str, base: int, end: int) -> go.Figure:
    fig = go.Figure()
    for group, colour in (("fta", PALETTE[0]), ("rest", PALETTE[3])):
        rows = index[index["group"] == group]
        label = i18n.t("tr_fta_group_" + group, lang)
        hover = [escape(f"{label}, {y}: {number(i, lang, 1)} ({number(v, lang, 1)} {i18n.t('tr_unit_mn', lang)})")
                 for y, i, v in zip(rows["year"], rows["index"], rows["value"])]
        fig.add_trace(go.Scatter(x=rows["year"], y=rows["index"], mode="lines+markers", name=escape(label),
                                 line=dict(color=colour), marker=dict(size=5), customdata=[[h] for h in hover]))
    _hover(fig)
    layout = page_layout(lang, 240, i18n.t("tr_fta_index_title", lang, base=base),
                         i18n.t("tr_fta_index_sub", lang, end=end))
    layout.update(xaxis=_axis(showgrid=False, dtick=2), yaxis=_axis(rangemode="tozero"),
                  legend=dict(orientation="h", x=0, y=-0.15, yanchor="top"))
    layout["margin"]["b"] = 50
    layout["height"] += 30
    fig.update_layout(**layout)
    return fig


# ---------------------------------------------------------------------------------------------- the map


def map_classes(table: pd.DataFrame, flow: str, lang: str) -> tuple[dict[str, str], list[tuple[str, str]]]:
    """partner -> its class label, and the classes in legend order with their colours."""
    unit = i18n.t("tr_unit_mn", lang)
    if flow == "balance":
        edges = BALANCE_BINS
        labels = [f"< {number(edges[0], lang, 0)}"] + \
                 [f"{number(a, lang, 0)} – {number(b, lang, 0)}" for a, b in zip(edges, edges[1:])] + \
                 [f"≥ {number(edges[-1], lang, 0)}"]
        labels[0] += f" {unit}"
        colours = BALANCE
        values = table.set_index("partner")["value"]

        def at(v):
            return sum(v >= e for e in edges)
    else:
        edges = SHARE_BINS if flow == "share" else SEQUENTIAL_BINS
        places = 1 if flow == "share" else 0
        suffix = "%" if flow == "share" else ""
        labels = [f"{number(a, lang, places)}{suffix} – {number(b, lang, places)}{suffix}" for a, b in zip(edges, edges[1:])]
        labels.append(f"≥ {number(edges[-1], lang, places)}{suffix}")
        if flow != "share":
            labels[0] += f" {unit}"
        colours = SEQUENTIAL
        values = table.set_index("partner")["share" if flow == "share" else "value"]

        def at(v):
            return max(sum(v >= e for e in edges) - 1, 0)
    classes = {code: labels[at(float(v))] for code, v in values.items() if pd.notna(v)}
    return classes, list(zip(labels, colours))


def map_figure(table: pd.DataFrame, shapes, flow: str, year: int, names: Names, lang: str,
               plot_height: int = 300) -> go.Figure:
    """The world with each listed partner filled by its class of FLOW in YEAR (export, import, balance: US$
    million; share: % of exports), the unlisted grey, Viet Nam outlined, and a dot per partner (the hover)."""
    from vnintegration.present.maps import path

    classes, legend = map_classes(table, flow, lang)
    fig = go.Figure()
    xs, ys = path([r for c, rings in shapes.items() if c not in classes and c != "VNM" for r in rings])
    fig.add_trace(go.Scatter(x=xs, y=ys, mode="lines", fill="toself", fillcolor=NO_DATA, hoverinfo="skip",
                             line=dict(color="white", width=0.4), showlegend=False))
    xs, ys = path(shapes.get("VNM", []))
    fig.add_trace(go.Scatter(x=xs or [None], y=ys or [None], mode="lines", fill="toself", fillcolor="#FFD54F",
                             hoverinfo="skip", line=dict(color="#333", width=0.8), showlegend=False))
    colour_of = dict(legend)
    for label, colour in legend:
        xs, ys = path([r for c, lab in classes.items() if lab == label for r in shapes.get(c, [])])
        fig.add_trace(go.Scatter(x=xs or [None], y=ys or [None], mode="lines", fill="toself", fillcolor=colour,
                                 hoverinfo="skip", line=dict(color="white", width=0.4), name=escape(label)))
    values = table.set_index("partner")
    dots = []
    for code, label in classes.items():
        where = centre(code, shapes)
        if where is None:
            continue
        value = values.at[code, "share" if flow == "share" else "value"]
        text = f"{number(value, lang, 1)}%" if flow == "share" else f"{number(value, lang, 1)} {i18n.t('tr_unit_mn', lang)}"
        dots.append((code, label, where, escape(f"{name(names, code, lang)}, {year}: {text}")))
    fig.add_trace(go.Scatter(
        x=[d[2][0] for d in dots], y=[d[2][1] for d in dots], mode="markers", showlegend=False,
        customdata=[[d[3]] for d in dots], hovertemplate="%{customdata[0]}<extra></extra>",
        marker=dict(size=[9 if d[0] in SMALL else 5 for d in dots], color=[colour_of[d[1]] for d in dots],
                    line=dict(color="#333", width=0.6))))
    layout = page_layout(lang, plot_height, i18n.t("tr_map_title_" + flow, lang, year=year), i18n.t("tr_map_sub", lang))
    (lon_lo, lon_hi), (lat_lo, lat_hi) = WORLD["lon"], WORLD["lat"]
    layout.update(
        xaxis=dict(range=[lon_lo, lon_hi], visible=False, fixedrange=True, constrain="domain"),
        yaxis=dict(range=[lat_lo, lat_hi], visible=False, fixedrange=True, scaleanchor="x", scaleratio=1.0,
                   constrain="domain", constraintoward="top"),
        plot_bgcolor="#F4F8FB", hovermode="closest", dragmode=False, showlegend=True,
        # The key above the map: on a phone the map is shorter than its box, and a key below would float apart.
        legend=dict(orientation="h", x=0, xanchor="left", y=1.0, yanchor="bottom", font=dict(size=11),
                    itemclick=False, itemdoubleclick=False),
    )
    layout["margin"]["t"] += 56
    layout["margin"]["b"] = 10
    layout["height"] += 56
    fig.update_layout(**layout)
    return fig
