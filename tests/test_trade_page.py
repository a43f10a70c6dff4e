"""The Trade page: its URL parser (pure, fuzzed), its tables and figures (pure), and AppTests: every view in both
languages, bad values ignored with a notice and the default view, the URL written back and read again, the Partners
profile's trade block and Trends' partner search."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as hs
from streamlit.testing.v1 import AppTest
from tests.conftest import ROOT, open_page

from vnintegration.core import partners as P
from vnintegration.core import trade as TR
from vnintegration.core.load import DataFiles
from vnintegration.core.validate import validate_dir
from vnintegration.dashboard.registry import BY_NAME
from vnintegration.dashboard.trade_state import FLOWS, MAP_FLOWS, VIEWS, TradeChoices, TradeView, parse_trade
from vnintegration.present.trade import charts as C
from vnintegration.present.trade import tables as T

APP = str(ROOT / "app.py")
PAGE = str(BY_NAME["trade"].file.relative_to(ROOT))
DATA = Path(__file__).resolve().parents[1] / "data"
DOTS_YEARS = [*range(1960, 1974), *range(1981, 2021)]
CHOICES = TradeChoices(["USA", "CHN", "JPN", "EU", "ASEAN"], DOTS_YEARS, (1960, 2026), ("rice", "phones"))


@pytest.fixture(scope="module")
def data() -> TR.TradeData:
    return TR.load(DataFiles.from_dir(DATA), validate_dir(DATA).observations)


# ---------------------------------------------------------------------------------------------- the URL (pure)


def test_the_default_is_the_latest_dots_year_s_export_markets():
    view, notices = parse_trade({}, CHOICES)
    assert view == TradeView("markets", 2020, "export") and notices == []


def test_a_partner_alone_opens_its_view_from_1986_and_values_are_read_in_any_case():
    view, notices = parse_trade({"partner": "usa"}, CHOICES)
    assert view == TradeView("partner", partner="USA", year_from=1986, year_to=2026) and notices == []
    view, _ = parse_trade({"view": "MAP", "year": "2019", "flow": "Share"}, CHOICES)
    assert view == TradeView("map", 2019, "share")


@pytest.mark.parametrize(("params", "bad"), [
    ({"view": "nope"}, ["view"]),
    ({"flow": "share"}, ["flow"]),                       # the map's, not the markets'
    ({"year": "1977"}, ["year"]),                        # DOTS has no 1974-1980
    ({"year": "2024", "view": "map"}, ["year"]),          # DOTS ends in 2020
    ({"partner": "ZZZ"}, ["partner"]),
    ({"partner": "<script>", "view": "partner"}, ["partner"]),
    ({"view": "partner", "from": "abc", "to": "3000"}, ["from", "to"]),
    ({"view": "products", "product": "gold"}, ["product"]),
    ({"foo": "1"}, ["foo"]),
])
def test_bad_values_are_ignored_each_with_a_notice(params, bad):
    view, notices = parse_trade(params, CHOICES)
    assert sorted(n.param for n in notices) == sorted(bad)
    assert view.view in VIEWS
    if params.get("view") in (None, "nope") and "partner" not in params:
        assert view == TradeView("markets", 2020, "export")
    if view.view == "partner":
        assert view.partner == "USA" and (view.year_from, view.year_to) == (1986, 2026)


def test_a_reversed_range_is_swapped_with_a_notice():
    view, notices = parse_trade({"view": "partner", "partner": "CHN", "from": "2020", "to": "1990"}, CHOICES)
    assert (view.year_from, view.year_to, [n.reason for n in notices]) == (1990, 2020, ["swapped"])


_values = hs.one_of(hs.text(max_size=12), hs.sampled_from(
    ["USA", "chn", "eu", "2020", "1977", "1960", "2026", "markets", "partner", "fta", "map", "products", "share",
     "balance", "import", "rice", ""]))


@settings(max_examples=120, deadline=None)
@given(hs.dictionaries(hs.sampled_from(["view", "year", "flow", "partner", "from", "to", "product", "lang", "x"]),
                       hs.one_of(_values, hs.lists(_values, max_size=3)), max_size=6))
def test_any_query_parses_to_a_valid_view_that_round_trips(params):
    view, _ = parse_trade(params, CHOICES)
    assert view.view in VIEWS
    if view.view in ("markets", "map"):
        assert view.year in DOTS_YEARS and view.flow in (FLOWS if view.view == "markets" else MAP_FLOWS)
    if view.view == "partner":
        assert view.partner in CHOICES.partners and 1960 <= view.year_from <= view.year_to <= 2026
    again, notices = parse_trade(view.to_params(), CHOICES)
    assert again == view and notices == []


# ---------------------------------------------------------------------------------------------- tables (pure)


def test_the_markets_of_2020_rank_the_us_then_china_with_shares_of_the_world_row(data):
    table = TR.markets(data, TR.DOTS_SOURCE, 2020, "export")
    rows = T.market_rows(table, 2020, "export", {"USA": ("Hoa Kỳ", "United States")}, "en")
    assert list(rows["partner"][:2]) == ["USA", "CHN"]
    assert rows["value"].iloc[0] == pytest.approx(77151.2, abs=0.05)
    shown = T.for_reading(rows, "en")
    assert shown["Value"].iloc[0] == "77,151.2" and shown["Partner"].iloc[0] == "United States"
    assert T.for_reading(rows, "vi")["Giá trị"].iloc[0] == "77.151,2"
    csv = T.csv_bytes(rows).decode("utf-8-sig").splitlines()
    assert csv[0].startswith("rank,partner,partner_name,indicator,year,value,unit,share_pct")
    assert len(csv) == 1 + len(rows)


def test_a_partner_s_rows_keep_each_source_s_unit_and_name_it(data):
    series = TR.partner_series(data, "USA")
    rows = T.partner_rows(series, "USA", {}, {}, "en")
    hit = rows[(rows["indicator"] == "exports") & (rows["year"] == 2020) & (rows["source_id"] == TR.DOTS_SOURCE)]
    assert len(hit) == 1 and hit["value"].iloc[0] == pytest.approx(77151.2, abs=0.05)
    assert hit["unit"].iloc[0] == T.UNIT_MN and hit["source"].iloc[0] == "IMF DOTS"
    early = rows[rows["year"].between(1981, 1984) & (rows["source_id"] == TR.DOTS_SOURCE)]
    assert len(early) and any("estimate" in n for n in early["note"])
    statements = rows[rows["source_id"] != TR.DOTS_SOURCE]
    assert statements.empty or set(statements["unit"]) == {T.UNIT_BN}


def test_statement_figures_are_shown_in_billion_and_part_years_are_labelled():
    obs = pd.DataFrame({"indicator": ["exports", "exports", "imports"], "year": [2021, 2025, 2021],
                        "months": [11, 12, 11], "value": [86.7, 153.2, 15.2], "qualifier": "exact",
                        "status": "actual", "source_id": ["gso-2021", "gso-2025", "gso-2021"],
                        "partner": ["USA", "USA", "USA"], "product": "", "_line": [2, 3, 4]})
    data = TR.load({}, obs)
    rows = T.partner_rows(TR.partner_series(data, "USA"), "USA", {}, {}, "vi")
    assert set(rows["unit"]) == {T.UNIT_BN}
    assert "11 tháng 2021" in set(rows["period"]) and "2025" in set(rows["period"])
    assert rows.loc[rows["year"] == 2025, "value"].iloc[0] == pytest.approx(153.2)
    fig = C.partner_figure(TR.partner_series(data, "USA"), "Hoa Kỳ", "vi", 2020, 2026)
    part = [t for t in fig.data if t.mode == "markers+text"]
    assert part and all(t.marker.symbol == "diamond-open" for t in part)
    assert any("11 tháng 2021" in str(t.text) for t in part)
    full = [t for t in fig.data if t.mode and "lines" in t.mode]
    assert all(t.line.dash == "dash" for t in full)  # statements: dashed, never DOTS's solid line


def test_the_dots_line_breaks_across_1974_1980(data):
    fig = C.partner_figure(TR.partner_series(data, "JPN"), "Japan", "en", 1960, 2020)
    dots = [t for t in fig.data if t.line.dash == "solid" and t.name.startswith("Exports")][0]
    xs = list(dots.x)
    assert None in list(dots.y) and not [x for x in xs if 1974 < x < 1981]


def test_the_balance_map_diverges_and_the_unlisted_stay_grey(data):
    table = TR.markets(data, TR.DOTS_SOURCE, 2020, "balance")
    classes, legend = C.map_classes(table, "balance", "en")
    colours = dict(legend)
    assert colours[classes["USA"]] == C.BALANCE[-1] and colours[classes["CHN"]] == C.BALANCE[0]
    fig = C.map_figure(table, {}, "balance", 2020, {}, "en")
    assert "geo" not in fig.to_plotly_json()["layout"]


def test_search_finds_partners_by_either_language_s_names():
    names = {"USA": ("Hoa Kỳ", "United States"), "CHN": ("Trung Quốc", "China"), "MMR": ("Myanmar", "Myanmar")}
    products = T.product_catalogue(b"code,name_vi,name_en\nrice,G\xe1\xba\xa1o,Rice\n")
    for query, code in [("Mỹ", "USA"), ("Hoa Kỳ", "USA"), ("hoa ky", "USA"), ("Trung Quốc", "CHN"), ("China", "CHN")]:
        assert ("partner", code) in T.search(query, names, products), query
    assert T.search("Mỹ", names, products) == [("partner", "USA")]  # accents as typed: not Myanmar
    assert T.search("gạo", names, products) == [("product", "rice")]
    assert T.search("x", names, products) == []


def test_fta_shares_use_the_counted_agreements(data):
    partners = P.read_partners(DataFiles.from_dir(DATA))
    pairs = partners.pairs[partners.pairs["agreement"].isin(P.counted_agreements(partners.agreements).index)]
    shares = TR.fta_shares(data, TR.DOTS_SOURCE, pairs)
    latest = shares[(shares["year"] == 2020) & (shares["flow"] == "export")]["share"].iloc[0]
    assert 0 < latest < 100


# ---------------------------------------------------------------------------------------------- AppTests


@pytest.fixture(autouse=True)
def bundled(monkeypatch):
    monkeypatch.delenv("VNI_DATA_DIR", raising=False)


def open_trade(params: dict) -> AppTest:
    at = open_page("trade", params)
    assert not at.exception, [e.value for e in at.exception]
    return at


def titles(at) -> list[str]:
    return [json.loads(c.proto.spec)["layout"]["title"]["text"] for c in at.get("plotly_chart")]


def notices(at) -> str:
    return "\n".join(c.value for c in at.caption if "⚠️" in c.value)


@pytest.mark.parametrize("lang", ["vi", "en"])
@pytest.mark.parametrize("params", [
    {}, {"view": "partner", "partner": "USA"}, {"view": "partner", "partner": "EU", "from": "1960"},
    {"view": "products"}, {"view": "fta"}, {"view": "map", "year": "2019", "flow": "balance"},
    {"view": "map", "flow": "share"}, {"view": "markets", "flow": "import", "year": "1990"}, {"view": "concentration"},
], ids=lambda p: "-".join(f"{k}={v}" for k, v in p.items()) or "default")
def test_every_view_renders_in_both_languages(params, lang):
    at = open_trade({**params, "lang": lang})
    assert at.get("plotly_chart"), "no chart"
    assert notices(at) == ""
    for key, value in params.items():
        assert at.query_params[key] == value


def test_the_markets_view_ranks_the_us_first_and_china_second_and_names_the_balances():
    at = open_trade({"view": "markets", "year": "2020", "flow": "export", "lang": "en"})
    spec = json.loads(at.get("plotly_chart")[0].proto.spec)
    assert [y.replace("<br>", " ") for y in spec["data"][0]["y"][:2]] == ["United States", "China"]  # names wrap
    assert "Top 15 export markets, 2020" in spec["layout"]["title"]["text"]
    assert any("surplus with United States" in c.value.replace("\\", "") for c in at.caption)
    assert len(at.get("plotly_chart")) == 1  # the concentration over time is a view of its own


def test_the_concentration_view_draws_the_top_five_share_and_the_hhi_over_time():
    at = open_trade({"view": "concentration", "lang": "en"})
    assert [t.removeprefix("<b>").split("<")[0] for t in titles(at)] == ["How concentrated trade is",
                                                                          "Herfindahl–Hirschman index"]
    assert dict(at.query_params) == {"view": "concentration", "lang": "en"}
    assert notices(at) == ""


@pytest.mark.parametrize("params", [
    {"view": "bogus"}, {"flow": "sideways"}, {"year": "1977"}, {"partner": "ZZZ"}, {"view": "map", "year": "abc"},
])
def test_bad_values_give_a_notice_and_the_default_view(params):
    at = open_trade(params)
    assert params and notices(at)
    assert at.query_params["view"] in ("markets", "map")
    assert at.query_params["year"] == "2020" and at.query_params["flow"] == "export"


def test_the_url_round_trips_through_the_page():
    at = open_trade({"view": "partner", "partner": "chn", "from": "1995", "to": "2010"})
    assert dict(at.query_params) == {"view": "partner", "partner": "CHN", "from": "1995", "to": "2010"}
    written = dict(at.query_params)
    again = open_trade(written)
    assert dict(again.query_params) == written
    assert any("Trung Quốc" in t for t in titles(again))


def test_the_partner_view_shows_its_table_with_each_source_s_unit():
    at = open_trade({"view": "partner", "partner": "USA", "lang": "en"})
    (expander,) = [e for e in at.expander if e.key == "trade_tab_partner_open"]
    (table,) = list(expander.dataframe)  # open from the start: each value in its source's unit
    frame = table.value
    hit = frame[(frame["Year"] == "2020") & (frame["Flow"] == "Exports") & (frame["Source"] == "IMF DOTS")]
    assert list(hit["Value"]) == ["77,151.2"] and list(hit["Unit"]) == ["US$ million"]


def test_changing_the_view_writes_the_url():
    at = open_trade({})
    at.segmented_control(key="trade_view").set_value("fta").run()
    assert not at.exception and dict(at.query_params) == {"view": "fta"}
    assert any("FTA" in t for t in titles(at))


def test_the_partners_profile_has_a_trade_block_and_a_link():
    at = AppTest.from_file(APP, default_timeout=60)
    at.run()
    at.query_params.update({"partner": "USA", "lang": "en"})
    at.switch_page(str(BY_NAME["partners"].file.relative_to(ROOT))).run()
    assert not at.exception
    tables = [d.value for d in at.dataframe if "Source" in d.value and "Exports" in d.value]
    assert tables and "IMF DOTS" in set(tables[0]["Source"])
    dots = tables[0][tables[0]["Source"] == "IMF DOTS"].iloc[0]
    assert dots["Period"] == "2020" and dots["Exports"] == "77,151.2" and dots["Export rank"] == "1"
    links = [str(p.proto) for p in at.get("page_link")]
    assert any("trade" in link and "USA" in link for link in links), links


def test_trends_search_offers_the_trade_page_for_a_partner():
    at = AppTest.from_file(APP, default_timeout=60)
    at.run()
    at.switch_page(str(BY_NAME["trends"].file.relative_to(ROOT))).run()
    at.text_input(key="trade_search").input("Mỹ").run()
    assert not at.exception
    labels = [p.proto.label for p in at.get("page_link")]
    assert any("Hoa Kỳ" in label for label in labels), labels


def test_a_qualified_statement_keeps_its_word_in_the_table_and_the_hover():
    """"More than 182.5" is not 182.5: the partner table has the qualifier column, the chart's hover the word."""
    at = open_trade({"view": "partner", "partner": "CHN", "from": "2019", "lang": "en"})
    table = at.dataframe[0].value
    row = table[(table["Year"] == "2025") & (table["Flow"] == "Imports") & table["Source"].str.contains("Saigon")]
    assert row["Value"].tolist() == ["182.5"] and row["Qualifier"].tolist() == ["over"]
    assert table.loc[table["Source"].str.contains("IMF DOTS"), "Qualifier"].eq("").all()  # exact: no word
    hovers = [c[0] for tr in json.loads(at.get("plotly_chart")[0].proto.spec)["data"]
              for c in (tr.get("customdata") or []) if c and c[0]]
    assert any("2025: under −113.0" in h for h in hovers), hovers
