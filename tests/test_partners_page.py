"""The Partners page: its URL parser (pure, fuzzed), its figures and tables (pure), and AppTests: a partner's
profile from its URL, the map's default view, hostile values ignored with a notice."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as hs
from streamlit.testing.v1 import AppTest
from tests.conftest import ROOT, open_page

from vnintegration.core import partners as P
from vnintegration.core.load import DataFiles
from vnintegration.dashboard.partners_state import COLORS, TABS, PartnersChoices, PartnersView, parse_partners
from vnintegration.dashboard.registry import BY_NAME
from vnintegration.present.export import to_safe_csv
from vnintegration.present.partners import charts as C
from vnintegration.present.partners import tables as T

APP = str(ROOT / "app.py")
PAGE = str(BY_NAME["partners"].file.relative_to(ROOT))
DATA = Path(__file__).resolve().parents[1] / "data"
CHOICES = PartnersChoices(["SGP", "HKG", "VGB", "VNM", "XBWI"], (2006, 2025), 2025)


@pytest.fixture(scope="module")
def data() -> P.PartnerData:
    return P.read_partners(DataFiles.from_dir(DATA))


# ---------------------------------------------------------------------------------------------- the URL (pure)


def test_a_partner_alone_opens_its_profile_and_values_are_read_in_any_case():
    view, notices = parse_partners({"partner": "sgp"}, CHOICES)
    assert view == PartnersView("profile", "SGP", 2025, "level") and notices == []
    view, _ = parse_partners({"tab": "MAP", "year": "2016", "color": "fdi"}, CHOICES)
    assert view == PartnersView("map", None, 2016, "fdi")


def test_bad_values_are_ignored_each_with_a_notice():
    view, notices = parse_partners({"partner": "ZZZ", "tab": "x", "year": "1999", "color": "red", "foo": "1"},
                                   CHOICES)
    assert view == PartnersView("map", None, 2025, "level")
    assert sorted(n.param for n in notices) == ["color", "foo", "partner", "tab", "year"]


def test_a_range_of_years_for_the_fdi_map_is_read_swapped_when_reversed_and_one_year_when_equal():
    view, notices = parse_partners({"color": "fdi", "from": "2014", "year": "2020"}, CHOICES)
    assert view == PartnersView("map", None, 2020, "fdi", 2014) and notices == []
    assert view.to_params()["from"] == "2014"
    view, notices = parse_partners({"color": "fdi", "from": "2020", "year": "2014"}, CHOICES)
    assert (view.year_from, view.year, [n.reason for n in notices]) == (2014, 2020, ["swapped"])
    assert parse_partners({"from": "2020", "year": "2020"}, CHOICES)[0].year_from is None
    view, notices = parse_partners({"from": "1990"}, CHOICES)
    assert view.year_from is None and [n.param for n in notices] == ["from"]


_values = hs.one_of(hs.text(max_size=12), hs.sampled_from(["SGP", "vgb", "2016", "2030", "profile", "fdi", ""]))


@settings(max_examples=60, deadline=None)
@given(hs.dictionaries(hs.sampled_from(["tab", "partner", "year", "from", "color", "lang", "x"]),
                       hs.one_of(_values, hs.lists(_values, max_size=3)), max_size=5))
def test_any_url_parses_to_a_valid_view_that_round_trips(params):
    view, _ = parse_partners(params, CHOICES)
    assert view.tab in TABS and view.color in COLORS and 2006 <= view.year <= 2025
    assert view.partner is None or view.partner in CHOICES.partners
    again, notices = parse_partners(view.to_params(), CHOICES)
    assert again == view and notices == []


# ---------------------------------------------------------------------------------------------- figures (pure)


def test_the_fdi_sum_over_a_range_adds_each_year_and_says_when_it_crosses_the_2016_break(data):
    one = {y: P.fdi_sum(data, y, y)[0] for y in range(2014, 2018)}
    total, crosses = P.fdi_sum(data, 2014, 2017)
    assert crosses and not P.fdi_sum(data, 2016, 2020)[1] and not P.fdi_sum(data, 2010, 2015)[1]
    assert total["JPN"] == pytest.approx(sum(s.get("JPN", 0) for s in one.values()))
    frame, _ = C.map_classes(data, "fdi", 2017, "en", 2014)
    assert frame.set_index("partner").at["JPN", "value"].startswith(f"{total['JPN']:,.1f}")
    title = C.map_figure(data, {}, "fdi", 2017, "en", 2014).layout.title.text
    assert "2014–2017" in title and "summed" in title


def test_the_map_keeps_small_economies_as_clickable_dots_and_needs_no_geo_subplot(data):
    shapes = C.world_shapes(json.loads((DATA / "maps" / "world_110m.json").read_bytes()))
    assert "SGP" not in shapes and "HKG" not in shapes and "VGB" not in shapes  # no outline at 1:110m
    fig = C.map_figure(data, shapes, "fdi", 2024, "en")
    dots = fig.data[-1]
    codes = [c[0] for c in dots.customdata]
    assert {"SGP", "HKG", "VGB"} <= set(codes)
    assert all(trace.type == "scatter" for trace in fig.data) and "geo" not in fig.to_plotly_json()["layout"]
    assert len(fig.to_json()) < 200_000
    level = C.map_figure(data, shapes, "level", 2025, "vi")
    assert len(level.data[-1].customdata) == 42
    for trace in level.data[:-1]:  # no ring jumps across the map at the 180th meridian (no band across it)
        xs = list(trace.x or [])
        assert all(abs(b - a) < 180 for a, b in zip(xs, xs[1:]) if a is not None and b is not None)


def test_tables_and_csv_carry_the_same_rows(data):
    top = P.top_investors(data, 2016, 2016, 5)
    rows = T.investor_rows(top, data, "en")
    assert rows["Across the 2016 break"].eq("yes").all()
    csv = to_safe_csv(rows).decode("utf-8-sig").splitlines()
    assert len(csv) == 1 + len(rows) and csv[0].startswith("Rank,Code,Partner")
    history = T.level_rows(P.level_history(data.partnerships, "SGP"), "vi")
    assert list(history["Cấp độ"]) == ["Đối tác chiến lược", "Đối tác chiến lược toàn diện"]


# ---------------------------------------------------------------------------------------------- AppTests (three)


@pytest.fixture(autouse=True)
def bundled(monkeypatch):
    monkeypatch.delenv("VNI_DATA_DIR", raising=False)


def open_partners(params: dict) -> AppTest:
    at = open_page("partners", params)
    assert not at.exception, [e.value for e in at.exception]
    return at


def test_a_partner_in_the_url_opens_its_profile_with_its_fdi_chart():
    at = open_partners({"partner": "SGP", "lang": "en"})
    assert any(s.value == "Singapore" for s in at.subheader)
    titles = [json.loads(c.proto.spec)["layout"]["title"]["text"] for c in at.get("plotly_chart")]
    assert any("Registered FDI from Singapore" in title for title in titles)
    assert at.query_params["partner"] == "SGP" and at.query_params["tab"] == "profile"


def test_the_default_view_is_the_map_of_levels_at_the_end_of_the_last_year():
    at = open_partners({})
    (figure,) = at.get("plotly_chart")
    spec = json.loads(figure.proto.spec)
    assert "2025" in spec["layout"]["title"]["text"]
    assert at.query_params["tab"] == "map" and at.query_params["year"] == "2025"
    # The map's table runs only while its expander is open (the first load sends no data grid).
    def tables() -> list:
        (expander,) = [e for e in at.expander if e.key == "partners_map_open"]
        return list(expander.dataframe)

    assert not tables()
    at.session_state["partners_map_open"] = True
    at.run()
    (table,) = tables()
    assert len(table.value) == len(spec["data"][-1]["customdata"])  # a row per coloured partner, as the dots


def test_the_fdi_map_over_a_range_across_2016_says_so_and_keeps_the_range_in_the_url():
    at = open_partners({"color": "fdi", "from": "2014", "year": "2020", "lang": "en"})
    assert any("crosses 2016" in c.value for c in at.caption)
    assert at.query_params["from"] == "2014" and at.query_params["year"] == "2020"


def test_hostile_values_are_ignored_with_a_notice_and_written_back_clean():
    at = open_partners({"partner": "<script>", "tab": "investors", "year": "9999", "color": "fdi"})
    notes = "\n".join(c.value for c in at.caption if "⚠️" in c.value)
    assert "partner" in notes and "year" in notes
    assert at.query_params["tab"] == "investors" and "partner" not in at.query_params


def test_the_profile_s_trade_block_writes_a_qualified_figure_as_its_source_did():
    at = open_partners({"tab": "profile", "partner": "CHN", "lang": "en"})
    (block,) = [d.value for d in at.dataframe if "Balance" in d.value.columns]
    assert "over 182.5" in block["Imports"].tolist() and "under −113" in block["Balance"].tolist()
    assert "49,094.9" in block["Exports"].tolist()  # an exact figure has no word
