"""Figures checked on their data and layout: no browser needed."""

from __future__ import annotations

import re

import pandas as pd
from hypothesis import given
from hypothesis import strategies as st
from tests.test_analysis import frame, make

from vnintegration.core import analysis as A
from vnintegration.present import charts, plot

ROWS = [
    ("trade", 2022, 12, None, 732, "exact", "actual", "wb"), ("trade", 2023, 12, None, 683, "exact", "actual", "wb"),
    ("trade", 2024, 12, None, 786, "exact", "actual", "a1"), ("trade", 2025, 7, None, 514, "over", "actual", "a2"),
    ("gdp_growth", 2024, 12, None, 7.09), ("gdp_growth", 2025, 6, None, 7.52),
    ("partners", 2025, None, "2025-08-26", 38), ("partners", 2025, None, "2025-12-31", 42),
]
EVENTS = pd.DataFrame({
    "date": pd.to_datetime(["2025-01-24", "2021-01-01"]), "date_text": ["2025-01-24", "2021-01"],
    "kind": ["resolution", "congress"], "code": ["59-NQ/TW", ""],
    "title_vi": ["Nghị quyết 59", "Đại hội XIII"], "title_en": ["Resolution 59", "13th Congress"],
    "source_id": ["a1", "a1"], "quote": ["", ""],
})


def trends(indicators, lang="vi", transform="level", events=None, years=(2020, 2025)):
    points = A.trend_points(frame(ROWS), indicators, *years, transform)
    return charts.trends_figure(points, lang, transform, events, years, title="T", subtitle="S")


def axis_titles(fig):
    """Y axis titles, top panel first (yaxis, yaxis2, ...)."""
    names = sorted((n for n in fig.layout if n.startswith("yaxis")), key=lambda n: int(n[5:] or 1))
    return [fig.layout[n].title.text for n in names if fig.layout[n].title.text and fig.layout[n].visible is not False
            and fig.layout[n].showticklabels is not False]


def test_one_panel_per_unit_with_the_unit_as_axis_title():
    fig = trends(["trade", "gdp_growth", "partners"])
    assert axis_titles(fig) == ["tỷ USD", "%", "số lượng"]
    # never two units on one axis: every trace of an axis has the same unit
    units_by_axis = {}
    unit_of = {"Kim ngạch XNK": "usd_bn", "Tăng trưởng GDP": "percent", "Số đối tác": "count"}
    for trace in fig.data:
        group_title = trace.legendgrouptitle.text
        name = next(n for n in unit_of if n in group_title)
        units_by_axis.setdefault(trace.yaxis, set()).add(unit_of[name])
    assert all(len(units) == 1 for units in units_by_axis.values()) and len(units_by_axis) == 3
    english = trends(["trade", "gdp_growth"], lang="en")
    assert axis_titles(english) == ["USD bn", "%"]
    assert english.layout.separators == ".," and fig.layout.separators == ",."


def test_part_year_points_are_drawn_apart_and_labelled():
    fig = trends(["trade"])
    partial = [tr for tr in fig.data if tr.marker.symbol == "circle-open"]
    assert len(partial) == 1
    assert list(partial[0].x) == [2025.0] and list(partial[0].y) == [514.0]
    assert list(partial[0].text) == ["7 tháng"] and "text" in partial[0].mode
    full = [tr for tr in fig.data if tr.marker.symbol != "circle-open"]
    # no full-year trace holds the part-year point, so it is never joined to a full-year line
    assert all(514.0 not in [y for y in tr.y if y is not None] for tr in full)
    english = charts.trends_figure(A.trend_points(frame(ROWS), ["trade"], 2020, 2025, "level"), "en")
    assert [tr.text for tr in english.data if tr.marker.symbol == "circle-open"] == [("Jan–Jul",)]


def test_sources_are_separate_series_labelled_by_source():
    fig = trends(["trade"])
    names = sorted(tr.name for tr in fig.data)
    assert names == ["Ngân hàng Thế giới", "báo chí", "báo chí · 7 tháng"]  # the publisher in the reader's language
    world_bank = next(tr for tr in fig.data if tr.name == "Ngân hàng Thế giới")
    assert list(world_bank.x) == [2022.0, 2023.0]


def test_hover_gives_value_qualifier_period_and_source():
    fig = trends(["trade"])
    partial = next(tr for tr in fig.data if tr.marker.symbol == "circle-open")
    hover = partial.hovertext[0]
    assert "trên 514 tỷ USD" in hover and "7 tháng 2025" in hover and "Báo B" in hover
    assert partial.hoverinfo == "text"  # the hover box is that text alone


def test_a_gap_year_breaks_the_line():
    rows = [("trade", 2018, 12, None, 400, "exact", "actual", "wb"), ("trade", 2019, 12, None, 410, "exact", "actual", "wb"),
            ("trade", 2021, 12, None, 420, "exact", "actual", "wb")]
    points = A.trend_points(frame(rows), ["trade"], 2018, 2021, "level")
    (trace,) = charts.trends_figure(points, "vi").data
    assert list(trace.y) == [400.0, 410.0, None, 420.0]
    assert trace.connectgaps is False


def test_events_are_vertical_lines_with_hover_titles():
    fig = trends(["trade"], events=EVENTS)
    lines = [shape for shape in fig.layout.shapes if shape.type == "line"]
    assert len(lines) == 2
    (markers,) = [tr for tr in fig.data if tr.legendgroup == "events"]  # one trace, a symbol per kind
    assert list(markers.marker.symbol) == [charts.EVENT_SYMBOLS["congress"], charts.EVENT_SYMBOLS["resolution"]]
    hovers = list(markers.hovertext)  # in date order; each names its kind
    assert "01/2021" in hovers[0] and "Đại hội Đảng" in hovers[0]
    assert "59-NQ/TW" in hovers[1] and "Nghị quyết 59" in hovers[1] and "Nghị quyết" in hovers[1]
    assert [round(x, 2) for x in markers.x] == [2021.0, 2025.06]
    without = trends(["trade"])
    assert not [s for s in without.layout.shapes if s.type == "line"]


def test_yoy_panels_say_their_change_unit():
    rows = ROWS + [("gdp_growth", 2023, 12, None, 5.05), ("trade", 2024, 7, None, 456.5, "exact", "actual", "a1")]
    points = A.trend_points(frame(rows), ["trade", "gdp_growth"], 2020, 2025, "yoy")
    fig = charts.trends_figure(points, "en", "yoy")
    assert axis_titles(fig) == ["change, %", "change, pp"]
    gdp = [tr for tr in fig.data if "GDP growth" in tr.legendgrouptitle.text]
    assert [round(y, 2) for tr in gdp for y in tr.y] == [2.04]


def test_one_palette_throughout():
    fig = trends(["trade", "gdp_growth", "partners"], events=EVENTS)
    colours = {tr.line.color for tr in fig.data if tr.line.color} | {tr.marker.color for tr in fig.data
                                                                     if isinstance(tr.marker.color, str)}
    assert colours <= set(plot.PALETTE) | {plot.NEUTRAL}


def test_compare_bars_show_only_comparable_changes_sorted():
    ds = make([("trade", 2025, 12, None, 900), ("trade", 2024, 12, None, 786), ("balance", 2025, 12, None, 19.2),
               ("balance", 2024, 12, None, 24.3), ("fdi", 2025, 7, None, 24.1), ("fdi", 2024, 12, None, 38.2),
               ("gdp_growth", 2025, 12, None, 8.02), ("gdp_growth", 2024, 12, None, 7.09)])
    table = A.compare_years(A.enrich(ds), ds.indicators, 2024, 2025)
    table = table.merge(ds.indicators[["name_vi", "name_en"]], left_on="indicator", right_index=True, suffixes=("_x", ""))
    rel = charts.compare_figure(table, "vi", 2024, 2025, "rel")
    (bars,) = rel.data
    # FDI (7 months vs full year) and the rate left out; each name written above its bar (a phone keeps the width)
    assert [a.text for a in rel.layout.annotations] == ["Cán cân", "Kim ngạch XNK"] and list(bars.y) == [0, 1]
    assert list(bars.text) == ["−21,0%", "+14,5%"]
    pp = charts.compare_figure(table, "en", 2024, 2025, "pp")
    assert [a.text for a in pp.layout.annotations] == ["GDP growth"] and list(pp.data[0].text) == ["+0.93 pp"]


def test_timeline_has_a_lane_per_kind():
    fig = charts.timeline_figure(EVENTS, "en")
    assert sorted(tr.name for tr in fig.data) == ["Party Congress", "Resolution"]
    resolution = next(tr for tr in fig.data if tr.name == "Resolution")
    assert list(resolution.text) == ["59-NQ/TW"]


def test_the_key_in_the_title_names_each_colour_and_kind_of_line():
    """No plotly legend (the costliest part of each draw): the key drawn under the title says it, so a PNG keeps it."""
    fig = trends(["trade", "gdp_growth"], events=EVENTS)
    assert fig.layout.showlegend is False
    key = re.sub(r"<[^>]+>", " ", fig.layout.title.text)  # what a reader sees, markup aside
    colour = {tr.legendgroup: tr.line.color for tr in fig.data if tr.legendgroup != "events"}
    title = fig.layout.title.text
    for indicator, name in (("trade", "Kim ngạch XNK"), ("gdp_growth", "Tăng trưởng GDP")):
        # the name in its line's colour: the one place a reader learns which colour is which
        assert re.search(f"color:{colour[indicator]}[^>]*>(?:<[^>]+>)*━ {name}", title), indicator
    assert "○ báo chí · 7 tháng" in key and "Ngân hàng Thế giới" in key and "Mốc chính sách" in key
    assert "Mốc chính sách" not in trends(["trade"]).layout.title.text  # no milestones drawn, none in the key


def test_names_from_the_data_are_drawn_as_text_never_as_markup():
    rows = [("trade", 2024, 12, None, 786, "exact", "actual", "wb"), ("trade", 2025, 12, None, 800, "exact", "actual", "wb")]
    data = frame(rows)
    data["name_vi"] = "<b>X</b> & <a href='javascript:x'>y</a>"
    fig = charts.trends_figure(A.trend_points(data, ["trade"], 2024, 2025, "level"), "vi")
    drawn = " ".join([fig.layout.title.text or ""] + [h for tr in fig.data for h in tr.hovertext or ()])
    assert "<a " not in drawn and "&lt;a href" in drawn and "&amp;" in drawn


def test_a_publishable_chart_carries_its_title_and_source_line_inside_the_figure():
    """The PNG export holds what, where, when and whose: the title on top, the source line under the plot, in a
    bottom margin that holds all its lines (never clipped at any width: it is wrapped to a phone's)."""
    points = A.trend_points(frame(ROWS), ["trade", "gdp_growth"], 2020, 2025, "level")
    source = "Nguồn: Tổng cục Thống kê, Báo cáo tình hình KT-XH quý II và 6 tháng 2026; Ngân hàng Thế giới, WDI"
    fig = charts.trends_figure(points, "vi", "level", None, (2020, 2025), title="Xuất khẩu của Việt Nam, 2020–2025",
                               subtitle="S", source=source)
    (note,) = [a for a in fig.layout.annotations if a.name == "source"]
    lines = note.text.count("<br>") + 1
    assert lines > 1 and "Tổng cục Thống kê" in note.text
    assert fig.layout.margin.b >= -note.yshift + 16 * lines
    assert "Việt Nam, 2020–2025" in fig.layout.title.text
    compare = A.compare_years(frame(ROWS + [("trade", 2025, 12, None, 900, "exact", "actual", "wb")]),
                              make(ROWS).indicators, 2024, 2025)
    bars = charts.compare_figure(compare, "en", 2024, 2025, "rel", "Sources: World Bank, WDI")
    assert [a.text for a in bars.layout.annotations if a.name == "source"]
    assert "Viet Nam" in bars.layout.title.text


def test_part_year_labels_are_drawn_once_per_panel_and_year():
    rows = [("trade", 2025, 6, None, 514, "exact", "actual", "a1"), ("trade", 2025, 6, None, 515, "exact", "actual", "wb"),
            ("trade", 2024, 12, None, 786, "exact", "actual", "a1")]
    fig = charts.trends_figure(A.trend_points(frame(rows), ["trade"], 2024, 2025, "level"), "vi", "level", None,
                               (2024, 2025))
    labels = [t for tr in fig.data if tr.text for t in tr.text if t]
    assert labels == ["6 tháng"]


@given(st.lists(st.text(alphabet="abcdeĐặcHồng ,", min_size=1, max_size=12), min_size=1, max_size=8),
       st.integers(1, 30), st.integers(1, 4))
def test_wrap_keeps_every_word_in_order_within_the_lines_asked(words, width, max_lines):
    text = " ".join(words)
    lines = plot.wrap(text, width, max_lines).split("<br>")
    assert " ".join(lines).split() == text.split()
    assert len(lines) <= max(max_lines, 1) or len(text.split()) == 0


def test_a_long_partner_name_takes_two_lines_on_the_markets_chart():
    assert plot.wrap("Đặc khu Hành chính Hồng Kông, Trung Quốc", 12, max_lines=2) == (
        "Đặc khu Hành chính<br>Hồng Kông, Trung Quốc")
    assert plot.wrap("Hoa Kỳ", 12, max_lines=2) == "Hoa Kỳ"
    assert plot.wrap("United Kingdom", 12) == "United<br>Kingdom"
