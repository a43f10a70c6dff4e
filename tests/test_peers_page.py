"""The Peers page through Streamlit's AppTest, on the bundled data: it reads its URL, draws its charts and
tables, writes the URL back, ignores bad values with a notice, and keeps the widgets within what the chosen
indicator offers; the Trends page links to it. Hostile URLs fuzz the pure parser (hypothesis), not AppTest."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as hs
from streamlit.testing.v1 import AppTest
from tests.conftest import ROOT, open_page, plotly_spec, write_mini
from tests.test_injection import as_read

from vnintegration.core import peers
from vnintegration.dashboard.peers_state import PeersChoices, parse_peers
from vnintegration.dashboard.registry import BY_NAME

APP = str(ROOT / "app.py")
PAGE = str(BY_NAME["peers"].file.relative_to(ROOT))


@pytest.fixture(autouse=True)
def bundled(monkeypatch):
    monkeypatch.delenv("VNI_DATA_DIR", raising=False)


def open_peers(params: dict | None = None) -> AppTest:
    return open_page("peers", params)


def ok(at: AppTest) -> AppTest:
    assert not at.exception, [e.value for e in at.exception]
    return at


def charts(at: AppTest) -> list[dict]:
    return [plotly_spec(chart) for chart in at.get("plotly_chart")]


def notices(at: AppTest) -> str:
    """The notices as a reader sees them (Markdown's escapes taken out)."""
    return as_read("\n".join(c.value for c in at.caption if "⚠️" in c.value))


def test_the_default_view_is_viet_nam_the_asean5_and_china():
    at = ok(open_peers())
    assert at.title[0].value == "So sánh khu vực"
    assert at.multiselect(key="peers_countries").value == ["VNM", "IDN", "MYS", "PHL", "SGP", "THA", "CHN"]
    assert at.selectbox(key="peers_ind").value == "TG.VAL.TOTL.GD.ZS"
    assert at.slider(key="peers_years").value == (2000, 2025)
    assert at.button_group(key="peers_tf").value == "level"
    assert dict(at.query_params) == {"countries": "VNM,IDN,MYS,PHL,SGP,THA,CHN", "ind": "TG.VAL.TOTL.GD.ZS",
                                     "from": "2000", "to": "2025"}
    lines, slope, world = charts(at)
    assert [tr["name"] for tr in lines["data"]][:2] == ["Việt Nam", "Indonesia"]
    assert len(lines["data"]) == 7
    assert lines["layout"]["separators"] == ",."
    assert "geo" not in world["layout"]
    # The chart's series has its own download beside the chart, the ranking its own (labels say which); each chart's
    # table and CSV are drawn once its expander is opened.
    assert [b.label for b in at.get("download_button")] == ["Tải chuỗi số liệu của biểu đồ (CSV)",
                                                             "Tải bảng xếp hạng 2025 (CSV)"]
    for key in ("peers_lines_open", "peers_slope_open", "peers_map_open"):
        at.session_state[key] = True
    assert len(ok(at.run()).get("download_button")) == 5


def test_three_countries_in_english_draw_three_lines_ranked_one_to_three():
    at = ok(open_peers({"lang": "en", "countries": "VNM,THA,IDN"}))
    lines = charts(at)[0]
    assert [tr["name"] for tr in lines["data"]] == ["Viet Nam", "Thailand", "Indonesia"]
    assert lines["layout"]["annotations"][0]["text"] == "% of GDP"
    assert dict(at.query_params)["countries"] == "VNM,THA,IDN"
    rank = next(d.value for d in at.dataframe if "Rank" in d.value.columns)
    assert sorted(rank["Code"]) == ["IDN", "THA", "VNM"] and rank["Rank"].tolist() == [1, 2, 3]
    assert any("Vietnam ranks" in t.value or "Viet Nam ranks" in t.value for t in at.text)


def test_url_values_are_applied_and_written_back():
    params = {"countries": "VNM,THA,EAS", "ind": "BX.KLT.DINV.CD.WD", "from": "2010", "to": "2020", "tf": "pctgdp"}
    at = ok(open_peers(params))
    assert at.selectbox(key="peers_ind").value == "BX.KLT.DINV.CD.WD"
    assert at.slider(key="peers_years").value == (2010, 2020)
    assert at.button_group(key="peers_tf").value == "pctgdp"
    assert dict(at.query_params) == params
    lines = charts(at)[0]
    assert [tr["name"] for tr in lines["data"]] == ["Việt Nam", "Thái Lan"]  # a group's % of GDP is WDI's alone
    assert "2010–2020, 2 nền kinh tế, % GDP" in lines["layout"]["title"]["text"]  # what is drawn, not what was asked
    assert any("Đông Á" in c.value and "Không hiển thị" in c.value for c in at.caption)


def test_bad_values_are_ignored_with_a_notice_and_dropped_from_the_url():
    at = ok(open_peers({"countries": "VNM,XXX", "ind": "NOPE", "from": "19x0", "tf": "index"}))
    shown = notices(at)
    for fragment in ("countries=XXX", "ind=NOPE", "from=19x0", "tf=index"):
        assert f"Đã bỏ qua tham số URL {fragment}" in shown, shown
    assert dict(at.query_params) == {"countries": "VNM", "ind": "TG.VAL.TOTL.GD.ZS", "from": "2000", "to": "2025"}


def test_an_index_is_100_in_the_first_year_shown():
    at = ok(open_peers({"countries": "VNM,THA", "ind": "TX.VAL.MRCH.CD.WT", "from": "2005", "to": "2024",
                        "tf": "index"}))
    lines = charts(at)[0]
    for trace in lines["data"]:
        assert trace["x"][0] == 2005 and trace["y"][0] == pytest.approx(100.0)
    assert "2005 = 100" in lines["layout"]["annotations"][0]["text"]


def test_a_new_indicator_keeps_the_years_and_the_transform_within_what_it_offers():
    at = ok(open_peers({"ind": "TX.VAL.MRCH.CD.WT", "tf": "pctgdp", "from": "1990", "to": "2025"}))
    at.selectbox(key="peers_ind").set_value("LP.LPI.OVRL.XQ").run()
    ok(at)
    assert at.button_group(key="peers_tf").value == "level"  # LPI has no % of GDP
    assert at.slider(key="peers_years").value == (2007, 2022)
    assert at.query_params["ind"] == "LP.LPI.OVRL.XQ" and "tf" not in at.query_params
    at.button_group(key="peers_tf").set_value("yoy").run()
    assert ok(at).query_params["tf"] == "yoy"


@pytest.mark.parametrize("other", ["NY.GDP.MKTP.KD.ZG", "NY.GDP.PCAP.CD"])
def test_switching_to_a_series_with_other_years_keeps_the_chosen_range(other):
    """A series with other first/last years makes a new slider: the reader's range must survive it both ways."""
    at = ok(open_peers({"ind": "TX.VAL.MRCH.CD.WT", "from": "2000", "to": "2020"}))
    at.selectbox(key="peers_ind").set_value(other).run()
    assert ok(at).slider(key="peers_years").value == (2000, 2020)
    assert (at.query_params["from"], at.query_params["to"]) == ("2000", "2020")
    at.selectbox(key="peers_ind").set_value("TX.VAL.MRCH.CD.WT").run()
    assert ok(at).slider(key="peers_years").value == (2000, 2020)


def test_no_country_asks_for_one_and_draws_nothing():
    at = ok(open_peers({"countries": ""}))
    assert not at.get("plotly_chart")
    assert "Chọn ít nhất một nền kinh tế" in at.info[0].value
    at.multiselect(key="peers_countries").set_value(["VNM"]).run()
    assert ok(at).query_params["countries"] == "VNM" and at.get("plotly_chart")


def test_derived_per_capita_growth_is_offered_and_drawn():
    at = ok(open_peers({"countries": "VNM", "ind": "DERIVED.GDP.PCAP.GROWTH", "from": "2015", "to": "2025"}))
    (vnm,) = charts(at)[0]["data"]
    assert vnm["x"][-1] == 2025 and 4 < vnm["y"][-1] < 10


def test_without_the_extract_the_page_says_so(tmp_path, monkeypatch):
    monkeypatch.setenv("VNI_DATA_DIR", str(write_mini(tmp_path / "data")))
    at = ok(open_peers({"lang": "en"}))
    assert at.title[0].value == "Peers" and at.error


def test_one_year_draws_the_ranking_and_the_map_and_asks_for_two_years_for_then_and_now():
    at = ok(open_peers({"from": "2020", "to": "2020"}))
    assert at.slider(key="peers_years").value == (2020, 2020)
    assert len(charts(at)) == 2  # lines (points) and the map
    assert any("Hãy chọn khoảng năm dài hơn" in c.value for c in at.caption)


def test_trends_links_an_indicator_with_peers_to_the_peers_page_and_no_other():
    at = AppTest.from_file(APP, default_timeout=60)
    at.run()
    at.query_params.clear()
    at.query_params.update({"ind": "gdp_growth,trade_turnover", "lang": "en"})
    ok(at.switch_page(str(BY_NAME["trends"].file.relative_to(ROOT))).run())
    links = [link.proto for link in at.get("page_link")]
    assert [(as_read(link.label), link.query_string) for link in links] == [
        ("GDP growth: beside peers", "ind=NY.GDP.MKTP.KD.ZG&lang=en")]  # trade turnover: no WDI peers series
    assert links[0].page.endswith("peers")


# The page's hostile-URL AppTest is tests/test_url_tampering.py's (one per registry page). Here, the same kind of
# values fuzz the pure parser: whatever the URL holds, the view is one the page can draw and its URL is clean.
HOSTILE = ["", ",,,", "VNM,VNM,vnm", "x" * 5000, "<script>alert(1)</script>", "**b** :red[x] $x$", "\u202eMNV",
           "1e999", "-5", "2100", "NaN", "🇻🇳", "level,yoy", "NY.GDP.MKTP.CD\u0000", "١٩٩٠", " 2010 "]


@pytest.fixture(scope="module")
def options() -> PeersChoices:
    data = peers.load(ROOT / "data")
    return PeersChoices(economies=peers.ECONOMIES, series=peers.offered_series(data),
                        years=lambda s: peers.year_range(data, s), default_years=lambda s: peers.default_years(data, s),
                        transforms=lambda s: peers.transforms_for(data, s),
                        default_countries=peers.DEFAULT_COUNTRIES, default_series=peers.DEFAULT_SERIES)


@settings(max_examples=200, deadline=None)
@given(params=hs.dictionaries(hs.sampled_from(["countries", "ind", "from", "to", "tf", "lang", "q", "<b>"]),
                              hs.one_of(hs.sampled_from(HOSTILE), hs.text(max_size=30),
                                        hs.lists(hs.one_of(hs.sampled_from(HOSTILE), hs.text(max_size=10)),
                                                 min_size=2, max_size=3)), max_size=6))
def test_any_hostile_url_parses_to_a_drawable_view_with_a_clean_url(options, params):
    view, notices = parse_peers(params, options)
    lo, hi = options.years(view.series)
    assert view.series in options.series and lo <= view.year_from <= view.year_to <= hi
    assert view.transform in options.transforms(view.series)
    assert set(view.countries) <= set(peers.ECONOMIES) and len(set(view.countries)) == len(view.countries)
    written = view.to_params()
    assert set(written) <= {"countries", "ind", "from", "to", "tf"}
    assert all(re.fullmatch(r"[A-Z0-9.,a-z]*", v) for v in written.values()), written
    assert parse_peers(written, options) == (view, [])
    for notice in notices:
        assert notice.text("vi") and notice.text("en")
