"""Part years on the pages, through AppTest with the bundled data: the Overview's newest period and its full-year
switch, and Trends' year-to-date view, each bound to the URL."""

from __future__ import annotations

import pytest
from tests.test_injection import as_read
from tests.test_pages import assert_ok, open_page, plotly_specs, table


@pytest.fixture(autouse=True)
def bundled(monkeypatch):
    monkeypatch.delenv("VNI_DATA_DIR", raising=False)


def test_overview_shows_the_first_half_of_2026_and_the_latest_full_year_one_click_away():
    at = open_page("overview", {"lang": "en"})
    assert_ok(at)
    exports = next(m for m in at.metric if as_read(m.proto.label).startswith("Goods exports,"))
    assert as_read(exports.proto.label) == "Goods exports, Jan–Jun 2026"
    assert exports.proto.delta_description == "vs Jan–Jun 2025"
    assert "span" not in at.query_params  # the default: written as nothing
    # (AppTest formats a widget's value outside the run, in Vietnamese: the click is tested in Vietnamese.)
    at.button_group(key="lang").set_value("vi").run()
    at.button_group(key="card_span").set_value("year").run()
    assert at.query_params["span"] == "year"
    exports = next(m for m in at.metric if as_read(m.proto.label).startswith("Kim ngạch xuất khẩu hàng hóa,"))
    assert as_read(exports.proto.label) == "Kim ngạch xuất khẩu hàng hóa, năm 2025"
    assert exports.proto.delta_description == "so với 2024"


def test_trends_year_to_date_draws_one_line_per_year_over_months():
    at = open_page("trends", {"ind": "exports", "tf": "ytd"})
    assert_ok(at)
    assert at.query_params["tf"] == "ytd"
    (fig,) = plotly_specs(at)
    lines = {trace.name.split(" · ")[0]: list(trace.x) for trace in fig.data}
    assert lines == {"2023": [3, 6, 9, 12], "2024": [3, 6, 9, 12], "2025": [3, 6, 9, 12], "2026": [3, 6]}
    at.segmented_control(key="view").set_value("table").run()
    assert at.query_params["view"] == "table"
    assert "6 tháng 2026" in set(table(at, "Kỳ")["Kỳ"])


def test_the_overview_span_parameter_round_trips_and_a_bad_value_is_a_notice():
    from vnintegration.dashboard import views

    view, notices = views.parse_overview({"span": ["year"]})
    assert view.span == "year" and not notices and views.parse_overview(view.to_params())[0] == view
    view, notices = views.parse_overview({"span": ["<b>x</b>"]})
    assert view.span == "latest" and [n.param for n in notices] == ["span"]
    assert views.parse_trends({"tf": ["ytd"]}, ["exports"], (2000, 2026), ["exports"])[0].transform == "ytd"


def test_the_ytd_figure_draws_each_year_as_its_own_line_over_months():
    from tests.test_analysis import _ytd_rows, frame

    from vnintegration.core import analysis
    from vnintegration.present import charts

    points = analysis.trend_points(frame(_ytd_rows()), ["trade"], 2000, 2026, analysis.YTD)
    fig = charts.trends_figure(points, "en", analysis.YTD, title="Trends")
    lines = {trace.name: (list(trace.x), list(trace.y)) for trace in fig.data}
    assert lines["2026 · GSO"] == ([3, 6], [703.0, 706.0])  # a year not yet complete stops at June
    assert all(len(x) == len(set(x)) and x == sorted(x) for x, _ in lines.values())  # never back to January
    assert fig.layout.xaxis.tickvals == (3, 6, 9, 12) and "Trade turnover" in fig.layout.annotations[0].text
