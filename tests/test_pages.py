"""Every page through Streamlit's AppTest: renders, has its widgets, reads its URL and writes it back.

Values are checked on the tiny data directory of conftest (MINI, pointed to by VNI_DATA_DIR); every page
runs on the bundled data in test_url_tampering.py.
"""

from __future__ import annotations

import re
from pathlib import Path

import plotly.graph_objects as go
import pytest
from streamlit.testing.v1 import AppTest
from tests.conftest import ROOT, open_page, plotly_spec, write_mini
from tests.test_injection import as_read

from vnintegration.dashboard.registry import BY_NAME, PAGES
from vnintegration.present import i18n

APP = str(ROOT / "app.py")
LANDING = PAGES[0]


def page_path(page: str) -> str:
    return str(BY_NAME[page].file.relative_to(ROOT))


@pytest.fixture
def mini_data(tmp_path, monkeypatch):
    path = write_mini(tmp_path / "data")
    monkeypatch.setenv("VNI_DATA_DIR", str(path))
    return path


def url_param(at: AppTest, key: str) -> str | None:
    """A URL parameter the app wrote (AppTest gives a list before Streamlit 1.62, a string after)."""
    value = at.query_params.get(key)
    return value[-1] if isinstance(value, list) else value


def assert_ok(at: AppTest) -> None:
    assert not at.exception, [e.value for e in at.exception]


def texts(at: AppTest) -> str:
    parts = [m.value for m in at.markdown] + [c.value for c in at.caption] + [i.value for i in at.info]
    parts += [w.value for w in at.warning] + [t.value for t in at.title] + [s.value for s in at.subheader]
    return as_read("\n".join(parts))  # data and URL text is escaped: compare what a reader sees


def plotly_specs(at: AppTest) -> list[go.Figure]:
    """The page's plotly charts as figures, their typed arrays ({"dtype", "bdata"}) decoded."""
    return [go.Figure(plotly_spec(chart)) for chart in at.get("plotly_chart")]


def table(at: AppTest, column: str):
    """The first st.dataframe on the page holding `column`."""
    for frame in at.dataframe:
        if column in frame.value.columns:
            return frame.value
    raise AssertionError(f"no table with a column {column!r}")


NAMES = [page.name for page in PAGES]


@pytest.mark.parametrize("page", NAMES)
def test_every_page_renders_in_english(page, mini_data):
    at = open_page(page, {"lang": "en"})
    assert_ok(at)
    title = "app_title" if page == LANDING.name else BY_NAME[page].title_key  # the landing page: the app's title
    assert at.title[0].value == i18n.t(title, "en")
    assert url_param(at, "lang") == "en"
    assert at.button_group(key="lang").value == "en"


# ---------------------------------------------------------------------------------------------- overview


def test_overview_cards(mini_data):
    at = open_page("overview")
    assert_ok(at)
    cards = {as_read(m.proto.label): m for m in at.metric}
    assert set(cards) == {"Tăng trưởng GDP, năm 2024", "Kim ngạch XNK, 7 tháng 2025", "Số FTA đã ký, đến 26/08/2025"}
    trade = cards["Kim ngạch XNK, 7 tháng 2025"]
    assert trade.value == "trên 514 tỷ USD"
    assert trade.proto.delta_description == "không có kỳ so sánh"  # 7 months of 2024 are not in the data
    # The verbatim quote is the tooltip of the card's visible heading (the metric's own label is hidden, and
    # its help icon with it).
    assert not any(m.proto.help for m in at.metric)
    headings = [m for m in at.markdown if m.proto.help]
    assert len(headings) == 3
    assert any("7 tháng năm 2025 đạt trên 514 tỷ USD" in as_read(m.proto.help) for m in headings)
    links = [link.proto for link in at.page_link]
    assert {link.query_string for link in links} == {"fig=2", "fig=4", "fig=6"}
    assert all(as_read(link.label).startswith("Nguồn: Báo Thử") for link in links)


def test_overview_in_english_and_with_a_comparable_period(mini_data, tmp_path):
    from tests.conftest import MINI

    tables = {k: [list(r) for r in v] for k, v in MINI.items()}
    tables["observations.csv"].append(["trade_turnover", "2024", "7", "", "480", "about", "actual", "art",
                                       "7 tháng năm 2025 đạt trên 514 tỷ USD", "derived: test row"])
    write_mini(mini_data, tables)
    at = open_page("overview", {"lang": "en"})
    assert_ok(at)
    trade = next(m for m in at.metric if m.proto.label.startswith("Trade turnover"))
    assert as_read(trade.proto.label) == "Trade turnover, Jan–Jul 2025"
    assert trade.value == "over USD 514 bn"
    assert trade.proto.delta == "≈ +7.1%" and trade.proto.delta_description == "vs Jan–Jul 2024"


def test_overview_drops_unknown_parameters_with_a_notice(mini_data):
    at = open_page("overview", {"zz": "1"})
    assert_ok(at)
    assert "Đã bỏ qua tham số URL zz=1" in texts(at)
    assert "zz" not in at.query_params


# ---------------------------------------------------------------------------------------------- trends


def test_trends_widgets_exist_and_defaults_are_written_to_the_url(mini_data):
    at = open_page("trends")
    assert_ok(at)
    # headline indicators with the longest history first, at most two units
    assert at.multiselect(key="indicators").value == ["trade_turnover", "gdp_growth"]
    assert at.slider(key="years").value == (2024, 2025)
    assert at.button_group(key="transform").value == "level"
    assert at.button_group(key="view").value == "chart"
    assert at.toggle(key="events").value is True
    assert at.query_params == {"ind": "trade_turnover,gdp_growth", "from": "2024", "to": "2025"}
    (spec,) = plotly_specs(at)
    partial = [tr for tr in spec.data if tr.text == ("7 tháng",)]
    assert [list(tr.y) for tr in partial] == [[514.0]]
    assert len(spec.data) == 3 + 1  # two indicators' full-year series, the part-year point, one milestone kind


def test_trends_url_parameters_are_applied_and_written_back(mini_data):
    params = {"ind": "trade_turnover,gdp_growth", "from": "2024", "to": "2025", "view": "table", "ev": "0"}
    at = open_page("trends", params)
    assert_ok(at)
    assert at.multiselect(key="indicators").value == ["trade_turnover", "gdp_growth"]
    assert at.slider(key="years").value == (2024, 2025)
    assert at.button_group(key="view").value == "table"
    assert at.toggle(key="events").value is False
    assert at.query_params == params
    assert not at.get("plotly_chart")
    shown = table(at, "Giá trị")
    assert shown["Giá trị"].tolist() == ["khoảng 786 tỷ USD", "trên 514 tỷ USD", "7,09%"]
    assert shown["Kỳ"].tolist() == ["năm 2024", "7 tháng 2025", "năm 2024"]


def test_trends_malformed_parameters_are_ignored_with_a_notice(mini_data):
    at = open_page("trends", {"ind": "nope,gdp_growth", "from": "19x0", "tf": "log", "zz": "1"})
    assert_ok(at)
    shown = texts(at)
    for fragment in ("zz=1", "ind=nope", "from=19x0", "tf=log"):
        assert f"Đã bỏ qua tham số URL {fragment}" in shown
    assert at.multiselect(key="indicators").value == ["gdp_growth"]
    assert at.query_params == {"ind": "gdp_growth", "from": "2024", "to": "2025"}


def test_trends_a_widget_change_is_written_to_the_url(mini_data):
    at = open_page("trends", {"ind": "gdp_growth"})
    at.button_group(key="transform").set_value("yoy").run()
    assert_ok(at)
    assert at.query_params["tf"] == "yoy"
    assert "Không có số liệu nào có kỳ so sánh" in texts(at)  # 2024 has no 2023 to compare with
    at.multiselect(key="indicators").set_value([]).run()
    assert at.query_params["ind"] == ""
    assert "Chọn ít nhất một chỉ tiêu" in texts(at)
    assert not at.get("plotly_chart")


def test_trends_in_english(mini_data):
    at = open_page("trends", {"lang": "en", "ind": "trade_turnover"})
    assert_ok(at)
    assert at.multiselect(key="indicators").label == "Indicators"
    assert "Change on a year earlier" in at.button_group(key="transform").options
    (spec,) = plotly_specs(at)
    assert spec.layout.yaxis.title.text == "USD bn"
    assert spec.layout.separators == ".,"


# ---------------------------------------------------------------------------------------------- compare


def test_compare_applies_years_and_says_why_not(mini_data):
    at = open_page("compare", {"a": "2024", "b": "2025"})
    assert_ok(at)
    assert at.selectbox(key="year_a").value == 2024 and at.selectbox(key="year_b").value == 2025
    assert at.query_params == {"a": "2024", "b": "2025"}
    shown = table(at, "Thay đổi").set_index("Chỉ tiêu")
    assert list(shown.columns) == ["2024", "2025", "Thay đổi"]  # few columns: a phone reads a row
    assert shown.loc["Kim ngạch XNK", "Thay đổi"] == "✗ cả năm vs 7 tháng"
    assert shown.loc["Kim ngạch XNK", "2025"] == "trên 514 tỷ USD (7 tháng)"
    assert shown.loc["Tăng trưởng GDP", "Thay đổi"] == "✗ thiếu số liệu 2025"
    assert "Không có thay đổi tương đối nào so sánh được" in texts(at)


def test_compare_defaults_and_bad_years(mini_data):
    at = open_page("compare", {"b": "1999"})
    assert_ok(at)
    assert "Đã bỏ qua tham số URL b=1999" in texts(at)
    assert at.query_params == {"a": "2024", "b": "2025"}
    at.selectbox(key="year_a").set_value(2025).run()
    assert at.query_params == {"a": "2025", "b": "2025"}
    assert "Hai năm giống nhau" in texts(at)


# ---------------------------------------------------------------------------------------------- partners


def test_partners_draws_counts_at_dates_and_the_timeline(mini_data):
    at = open_page("partners", {"lang": "en"})
    assert_ok(at)
    (timeline,) = plotly_specs(at)  # data with no partner files: the counts at dates as a table, the timeline
    assert table(at, "Value")["Value"].tolist() == ["17"]
    assert [tr.name for tr in timeline.data] == ["Resolution"]
    assert table(at, "Number")["Number"].tolist() == ["59-NQ/TW"]


# ---------------------------------------------------------------------------------------------- sources


def test_sources_search_and_filters_from_the_url(mini_data):
    at = open_page("sources", {"q": "kim ngach", "st": "actual"})
    assert_ok(at)
    assert at.text_input(key="search").value == "kim ngach"
    assert at.multiselect(key="filter_status").value == ["actual"]
    assert at.query_params == {"q": "kim ngach", "st": "actual"}
    shown = table(at, "Trích dẫn nguyên văn")
    assert shown["Giá trị"].tolist() == ["trên 514 tỷ USD", "khoảng 786 tỷ USD"]
    assert shown["Trích dẫn nguyên văn"].tolist()[0] == "7 tháng năm 2025 đạt trên 514 tỷ USD"
    at.text_input(key="search").set_value("FDI").run()
    assert at.query_params["q"] == "FDI"
    assert "Không có số liệu nào khớp" in texts(at)


def test_sources_follows_a_figure_to_its_quote(mini_data):
    at = open_page("sources", {"fig": "4", "lang": "en"})
    assert_ok(at)
    shown = texts(at)
    assert "> 7 tháng năm 2025 đạt trên 514 tỷ USD" in shown
    assert "over USD 514 bn" in shown
    assert at.multiselect(key="filter_indicators").value == ["trade_turnover"]
    assert at.query_params == {"lang": "en", "fig": "4", "ind": "trade_turnover"}
    at.button(key="close_focus").click().run()
    assert "fig" not in at.query_params


def test_sources_lists_problems_and_set_aside_rows(mini_data):
    from tests.conftest import set_cell

    set_cell(mini_data / "observations.csv", 0, "value", "7,09")
    at = open_page("sources")
    assert_ok(at)
    assert "1 dòng số liệu bị tách riêng" in texts(at)
    assert "use . as the decimal mark" in " ".join(table(at, "Vấn đề")["Vấn đề"])
    assert table(at, "problems")["value"].tolist() == ["7,09"]  # the row set aside, with its error


def test_language_toggle_switches_labels_and_the_url(mini_data):
    at = open_page("compare")
    at.button_group(key="lang").set_value("en").run()
    assert_ok(at)
    assert at.title[0].value == "Compare years"
    assert at.selectbox(key="year_a").label == "Year A"
    assert at.query_params["lang"] == "en"
    at.button_group(key="lang").set_value("vi").run()
    assert "lang" not in at.query_params and at.title[0].value == "So sánh hai năm"


def test_trends_draws_every_source_and_the_reader_can_narrow_it(monkeypatch):
    monkeypatch.delenv("VNI_DATA_DIR", raising=False)  # the bundled data: gdp_growth from the press and from WDI
    at = open_page("trends", {"ind": "gdp_growth", "from": "2020", "to": "2024", "view": "table"})
    assert_ok(at)
    assert at.selectbox(key="source").value == ""  # every source side by side
    assert len({s.split(",")[0] for s in table(at, "Nguồn")["Nguồn"]}) > 1
    at.selectbox(key="source").set_value("preferred").run()
    assert at.query_params["src"] == "preferred"
    # official first: GSO's figure (quoted by the press) is gdp_growth's preferred, the World Bank's is not drawn
    assert "Ngân hàng Thế giới" not in {s.split(",")[0] for s in table(at, "Nguồn")["Nguồn"]}
    at.selectbox(key="source").set_value("wdi-2026-07").run()
    assert at.query_params["src"] == "wdi-2026-07"
    assert {s.split(",")[0] for s in table(at, "Nguồn")["Nguồn"]} == {"Ngân hàng Thế giới"}


def test_every_process_wide_cache_is_declared_in_caches_py():
    """dashboard/caches.py is the one place a newcomer looks for what the process keeps (its docstring says why)."""
    dashboard = Path(__file__).resolve().parents[1] / "src" / "vnintegration" / "dashboard"
    declaring = sorted(str(p.relative_to(dashboard)) for p in dashboard.rglob("*.py")
                       if p.name != "caches.py" and re.search(r"st\.cache_(data|resource)", p.read_text("utf-8")))
    assert declaring == []


def test_the_overview_shows_the_official_figure_first_and_the_world_bank_beside_it(monkeypatch):
    """Official first (indicators.csv preferred_source): GSO's 2024 GDP growth 7,09% is the base the card names, its
    2025 exports 475,04; the World Bank's 472,9 stays beside it, labelled; "About this data" holds no locator."""
    monkeypatch.delenv("VNI_DATA_DIR", raising=False)
    at = open_page("overview", {"span": "year"})
    assert_ok(at)
    shown = texts(at)
    assert "2024: 7,09%" in shown and "2024: 7,04%" not in shown
    values = [m.value for m in at.metric]
    assert "475,04 tỷ USD" in values and not any(v.startswith("472,9") for v in values)
    assert "Ngân hàng Thế giới: 472,9 tỷ USD" in shown
    assert "Định nghĩa" in shown  # "About this data" on each card
    assert "export:total_ytd_usd_bn" not in shown and "github" not in shown.lower()
