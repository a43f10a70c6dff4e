"""The one plot kit every figure is drawn with: the house layout, the palette, text wrapped and escaped for plotly,
and the language's number marks.

    layout(lang, height, title, subtitle)  the house style: a dict for go.Figure(layout=...)
    wrap(text, width)                      lines of at most WIDTH characters, joined with <br>
    escape(text)                           data shown as text, never as plotly's HTML (present/export.py)

Pure: no Streamlit.
"""

from __future__ import annotations

from vnintegration.present.export import plot_text as escape
from vnintegration.present.formatting import separators

__all__ = ["PALETTE", "NEUTRAL", "NO_DATA", "FONT", "GRID", "AXIS_LINE", "MODEBAR_PX", "TITLE_CHARS",
           "SUBTITLE_CHARS", "escape", "wrap", "title_text", "layout", "page_layout", "separators", "with_source",
           "source_annotation"]

# Okabe–Ito (2008), colour-blind safe, ordered for lines on white: blue, orange, green, vermillion, purple, sky blue,
# black, yellow.
PALETTE = ["#0072B2", "#E69F00", "#009E73", "#D55E00", "#CC79A7", "#56B4E9", "#000000", "#F0E442"]
NEUTRAL = "#6B6B6B"
NO_DATA = "#E4E7EB"  # a map's country with no value
GRID, AXIS_LINE = "#E8E8E8", "#BBBBBB"
# Plotly's own default stack: plotly measures legend and title text with it, so nothing is clipped.
FONT = '"Open Sans", verdana, arial, sans-serif'
# The title starts below plotly's mode bar (top right, shown on hover or tap), so it never hides a title.
MODEBAR_PX = 34
# What a 390 px phone holds on one line: a title at 16 px, a subtitle at 12.5 px.
TITLE_CHARS, SUBTITLE_CHARS = 36, 56


def wrap(text: str, width: int = 60, max_lines: int | None = None) -> str:
    """Break TEXT at spaces into lines of at most WIDTH characters (a longer word keeps its own line), joined with
    plotly's <br>: plotly never wraps text itself. With MAX_LINES, the lines are widened as little as needed to be
    at most that many (a category label taller than its row would run into its neighbours' on a phone)."""
    words = str(text).split()
    while True:
        lines: list[str] = []
        for word in words:
            if lines and len(lines[-1]) + 1 + len(word) <= width:
                lines[-1] += " " + word
            else:
                lines.append(word)
        if max_lines is None or len(lines) <= max_lines:
            return "<br>".join(lines)
        width += 1


def title_text(title: str, subtitle: str = "") -> tuple[str, str]:
    """Plain title and subtitle (data, escaped here) as the house layout's markup, wrapped to a phone's width."""
    sub = wrap(escape(subtitle), SUBTITLE_CHARS) if subtitle else ""
    return wrap(escape(title), TITLE_CHARS), sub


SOURCE_LINE_PX = 16  # one line of the source line under a plot (11.5 px text)


def source_annotation(source: str, below_px: int, left_px: int) -> tuple[dict, int]:
    """The source line under a plot, as a figure annotation (so a PNG export carries it): plain SOURCE (escaped and
    wrapped here to a phone's width) from the figure's left edge, BELOW_PX under the plot area (room for the tick
    labels and the x axis title), and the bottom margin that holds it unclipped at any width."""
    text = wrap(escape(source), SUBTITLE_CHARS)
    lines = text.count("<br>") + 1
    note = dict(text=f"<span style='color:#555'>{text}</span>", x=0, xref="paper", xanchor="left",
                xshift=8 - left_px, y=0, yref="paper", yanchor="top", yshift=-below_px, showarrow=False, align="left",
                font=dict(size=11.5), name="source")
    return note, below_px + SOURCE_LINE_PX * lines + 14


def with_source(out: dict, source: str, below_px: int = 34) -> dict:
    """LAYOUT with SOURCE drawn under its plot (see source_annotation), the bottom margin and height grown to hold it."""
    if not source:
        return out
    note, bottom = source_annotation(source, below_px, out["margin"]["l"])
    grow = max(0, bottom - out["margin"]["b"])
    out["margin"]["b"] += grow
    if out.get("height"):
        out["height"] += grow
    out["annotations"] = [*out.get("annotations", []), note]
    return out


def layout(lang: str, height: int, title: str = "", subtitle: str = "") -> dict:
    """The house style. TITLE (bold) and SUBTITLE lines (markup: wrap and escape them first, or use title_text) are
    drawn in the figure, from its left edge, so that a PNG export says what it shows; the top margin grows with
    their lines and HEIGHT is the whole figure's. A source line goes under the plot with `with_source`, once the
    margins are final."""
    title_lines = title.count("<br>") + 1 if title else 0
    subtitle_lines = subtitle.count("<br>") + 1 if subtitle else 0
    top = 24 + 24 * title_lines + 19 * subtitle_lines + (16 + MODEBAR_PX if title else 0)
    out = dict(
        template={}, paper_bgcolor="white", plot_bgcolor="white", height=height, separators=separators(lang),
        font=dict(family=FONT, size=13, color="#262730"),
        margin=dict(l=70, r=30, t=top if title else 30, b=40),
        legend=dict(orientation="v", yanchor="top", y=-0.08, x=0, xanchor="left", font=dict(size=12),
                    tracegroupgap=4),
        hoverlabel=dict(bgcolor="white", font=dict(family=FONT, size=13), align="left"),
        hovermode="closest",
    )
    if title:
        text = f"<b>{title}</b>" + (f"<br><span style='font-size:12.5px;color:#555'>{subtitle}</span>" if subtitle else "")
        # From the figure's left edge (not the plot's, which a wide axis margin moves right): a phone's width.
        out["title"] = dict(text=text, x=0, xref="container", xanchor="left", y=1, yref="container", yanchor="top",
                            pad=dict(t=12 + MODEBAR_PX, l=8), font=dict(size=16))
    return out


def page_layout(lang: str, plot_height: int, title: str, subtitle: str = "") -> dict:
    """The house layout for a page's small figure (Peers, Partners): plain TITLE and SUBTITLE escaped and wrapped
    for a phone, narrow side margins (the axes make their own room), and PLOT_HEIGHT px for the plot under them."""
    out = layout(lang, 0, *title_text(title, subtitle))
    out["margin"].update(l=8, r=12)
    out["height"] = plot_height + out["margin"]["t"]
    return out
