"""URL query parameters <-> typed views (dashboard/urls.py's kit, and every page's parser: views.py,
partners_state.py, peers_state.py; pure): parsing never raises, bad values are named and ignored, a parser reads
the parameters registry.py gives its page and no others, and a view's parameters parse back to the same view. The
pages' side (the widgets and the URL in step) is tested through AppTest in test_pages.py and
test_url_tampering.py."""

from __future__ import annotations

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from vnintegration.dashboard import urls, views
from vnintegration.dashboard.partners_state import PartnersChoices, PartnersView, parse_partners
from vnintegration.dashboard.peers_state import PeersChoices, PeersView, parse_peers
from vnintegration.dashboard.registry import PAGES
from vnintegration.dashboard.trade_state import TradeChoices, parse_trade
from vnintegration.dashboard.urls import Notice
from vnintegration.dashboard.views import (
    CompareView,
    SourcesView,
    TrendsView,
    parse_compare,
    parse_lang,
    parse_page,
    parse_sources,
    parse_trends,
)

IDS = ["gdp_growth", "trade_turnover", "exports", "comprehensive_partners"]
YEARS = (1960, 2025)
DEFAULT = ["trade_turnover", "exports"]
SERIES = ["articles", "wdi-2026-07"]
SOURCES = ["a", "b"]
LINES = [2, 7]
PARTNERS = PartnersChoices(["SGP", "HKG"], (2006, 2025), 2025)
PEERS = PeersChoices(economies=["VNM", "THA"], series=["S.ONE", "S.TWO"], years=lambda s: (2000, 2020),
                     default_years=lambda s: (2010, 2020), transforms=lambda s: ("level", "index"),
                     default_countries=["VNM"], default_series="S.ONE")


def trends(params, default_years=None):
    return parse_trends(params, IDS, YEARS, DEFAULT, default_years, SERIES)


def reasons(notices):
    return [(n.param, n.value, n.reason) for n in notices]


def test_absent_parameters_give_the_default_view():
    view, notices = trends({}, default_years=(1996, 2025))
    assert view == TrendsView(("trade_turnover", "exports"), 1996, 2025, "level", "chart", True)
    assert notices == []


def test_every_trends_parameter_is_applied():
    view, notices = trends({"ind": "exports,gdp_growth", "from": "2000", "to": "2010", "tf": "yoy", "view": "table",
                            "ev": "0", "src": "wdi-2026-07", "lang": "en"})
    assert view == TrendsView(("exports", "gdp_growth"), 2000, 2010, "yoy", "table", False, "wdi-2026-07")
    assert notices == []


def test_trends_draws_every_source_unless_the_preferred_one_or_a_known_series_is_named():
    assert trends({})[0].source == views.ALL_SOURCES
    assert trends({"src": "preferred"})[0].source == views.PREFERRED
    view, notices = trends({"src": "nope"})
    assert view.source == views.ALL_SOURCES and reasons(notices) == [("src", "nope", "unknown_source")]


def test_repeated_ind_parameters_are_joined_and_deduplicated():
    view, _ = trends({"ind": ["exports", "gdp_growth,exports"]})
    assert view.indicators == ("exports", "gdp_growth")


def test_bad_values_are_named_and_ignored():
    view, notices = trends({"ind": "exports,nope", "from": "abc", "to": "3000", "tf": "log", "view": "pie", "zz": "1"})
    assert view == TrendsView(("exports",), 1960, 2025, "level", "chart", True)
    assert reasons(notices) == [("zz", "1", "unknown_param"), ("ind", "nope", "unknown_indicator"),
                                ("from", "abc", "bad_year"), ("to", "3000", "bad_year"), ("tf", "log", "bad_choice"),
                                ("view", "pie", "bad_choice")]


def test_only_unknown_indicators_falls_back_to_the_default_and_an_empty_ind_means_none():
    view, notices = trends({"ind": "nope"})
    assert view.indicators == tuple(DEFAULT) and reasons(notices) == [("ind", "nope", "unknown_indicator")]
    empty, notices = trends({"ind": ""})
    assert empty.indicators == () and notices == []


def test_reversed_years_are_swapped_with_a_notice():
    view, notices = trends({"from": "2020", "to": "2000"})
    assert (view.year_from, view.year_to) == (2000, 2020)
    assert reasons(notices) == [("from", "2020>2000", "swapped")]


def test_other_pages_parameters_are_dropped_silently():
    _, notices = parse_compare({"a": "2024", "ind": "exports", "q": "fdi"}, [2024, 2025])
    assert notices == []


def test_to_params_round_trips():
    for view in (TrendsView(("exports",), 2000, 2010), TrendsView((), 1960, 2025, "yoy", "table", False)):
        parsed, notices = trends(view.to_params())
        assert parsed == view and notices == []
    assert TrendsView(("a", "b"), 2000, 2010).to_params() == {"ind": "a,b", "from": "2000", "to": "2010"}


def test_compare_defaults_to_the_latest_two_years():
    view, notices = parse_compare({}, [2019, 2024, 2025])
    assert view == CompareView(2024, 2025) and notices == []
    view, notices = parse_compare({"a": "2019", "b": "1999"}, [2019, 2024, 2025])
    assert view == CompareView(2019, 2025) and reasons(notices) == [("b", "1999", "bad_year")]
    assert parse_compare({}, [2025])[0] == CompareView(2025, 2025)
    assert parse_compare({}, [])[0] == CompareView(None, None)


def test_sources_filters():
    view, notices = parse_sources({"q": " kim ngạch ", "ind": "exports", "src": "a,zz", "st": "forecast,maybe",
                                   "y": "2024", "fig": "7"}, IDS, ["a", "b"], [2024, 2025], [2, 7])
    assert view == SourcesView("kim ngạch", ("exports",), ("a",), ("forecast",), 2024, 7)
    assert reasons(notices) == [("src", "zz", "unknown_source"), ("st", "maybe", "bad_choice")]
    assert view.to_params() == {"q": "kim ngạch", "ind": "exports", "src": "a", "st": "forecast", "y": "2024", "fig": "7"}
    _, notices = parse_sources({"fig": "99"}, IDS, [], [], [2, 7])
    assert reasons(notices) == [("fig", "99", "bad_choice")]


def test_language():
    assert parse_lang({"lang": "en"}) == ("en", [])
    assert parse_lang({}) == ("vi", [])
    lang, notices = parse_lang({"lang": "fr"})
    assert lang == "vi" and reasons(notices) == [("lang", "fr", "bad_choice")]


def test_notices_read_in_both_languages():
    notice = Notice("from", "abc", "bad_year")
    assert notice.text("en") == "Ignored URL parameter from=abc: not a year with data."
    assert notice.text("vi") == "Đã bỏ qua tham số URL from=abc: không phải năm có số liệu."
    assert Notice("tf", "x", "bad_choice", (("choices", "level | yoy"),)).text("en").endswith("expected one of level | yoy.")


# ---------------------------------------------------------------------------------------------- properties

text = st.text(max_size=30)
values = st.one_of(text, st.lists(text, max_size=3))
names = st.sampled_from(sorted(urls.ALL_PARAMS) + ["x", "embed", ""]) | text
query = st.dictionaries(names, values, max_size=8)


@settings(max_examples=300)
@given(query)
@example({"fig": "²", "from": "２０２０", "a": "٢٠٢٤", "ind": ",,,"})  # Unicode digits int() rejects or reads
@example({"ind": "x" * 10_000, "q": "2024," * 2000, "src": "\u202eall"})
def test_parsing_any_query_string_never_raises_and_gives_a_valid_view(params):
    view, notices = trends(params)
    assert set(view.indicators) <= set(IDS)
    assert YEARS[0] <= view.year_from <= view.year_to <= YEARS[1]
    assert view.transform in views.TRANSFORMS and view.view in views.VIEWS
    assert view.source in [views.PREFERRED, views.ALL_SOURCES, *SERIES]
    assert all(isinstance(n.text("vi"), str) and isinstance(n.text("en"), str) for n in notices)
    compare, _ = parse_compare(params, [2024, 2025])
    assert compare.year_a in (2024, 2025) and compare.year_b in (2024, 2025)
    sources, _ = parse_sources(params, IDS, SOURCES, [2024], LINES)
    assert set(sources.statuses) <= set(views.STATUSES) and set(sources.sources) <= set(SOURCES)
    assert sources.figure in [None, *LINES]
    assert parse_lang(params)[0] in ("vi", "en")
    partners, _ = parse_partners(params, PARTNERS)
    assert isinstance(partners, PartnersView) and partners.partner in (None, *PARTNERS.partners)
    peers, _ = parse_peers(params, PEERS)
    assert isinstance(peers, PeersView) and set(peers.countries) <= set(PEERS.economies)
    assert 2000 <= peers.year_from <= peers.year_to <= 2020


def parse(page: str, params) -> tuple[object, list[Notice]]:
    """Any page's parser, on the choices above: (the view, or None for a page with none; the notices)."""
    if page == "overview":
        return views.parse_overview(params)
    if page == "trends":
        return trends(params)
    if page == "compare":
        return parse_compare(params, [2024, 2025])
    if page == "sources":
        return parse_sources(params, IDS, SOURCES, [2024], LINES)
    if page == "partners":
        return parse_partners(params, PARTNERS)
    if page == "peers":
        return parse_peers(params, PEERS)
    if page == "trade":
        return parse_trade(params, TradeChoices(["USA", "CHN"], [2019, 2020], (1986, 2026), ("rice",)))
    return None, parse_page(params, page)


def parsers(page):
    """page -> its parser, as (params -> notices)."""
    return lambda p: parse(page, p)[1]


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.name)
def test_a_page_reads_the_parameters_its_registry_row_names_and_no_other(page):
    """A value no parameter takes changes what the page parses exactly when registry.PAGES gives the page that
    parameter: a page's parameters are the registry's, read nowhere else."""
    default = parse(page.name, {})
    read = {name for name in urls.ALL_PARAMS if parse(page.name, {name: ["\u2603 x"]}) != default}
    assert read == set(page.params)


@settings(max_examples=100)
@given(st.sampled_from([page.name for page in PAGES]), query)
def test_every_unknown_parameter_is_named_in_a_notice(page, params):
    unknown = {k for k in params if k not in urls.ALL_PARAMS and k.lower() not in urls.RESERVED}
    named = {n.param for n in parsers(page)(params) if n.reason == "unknown_param"}
    assert named == unknown


@settings(max_examples=200)
@given(st.lists(st.sampled_from(IDS), unique=True), st.integers(*YEARS), st.integers(*YEARS),
       st.sampled_from(views.TRANSFORMS), st.sampled_from(views.VIEWS), st.booleans(),
       st.sampled_from([views.PREFERRED, views.ALL_SOURCES, *SERIES]))
def test_any_trends_view_survives_its_url(indicators, a, b, transform, view, events, source):
    original = TrendsView(tuple(indicators), min(a, b), max(a, b), transform, view, events, source)
    assert trends(original.to_params()) == (original, [])


@settings(max_examples=100)
@given(st.sampled_from([2024, 2025]), st.sampled_from([2024, 2025]))
def test_any_compare_view_survives_its_url(a, b):
    assert parse_compare(CompareView(a, b).to_params(), [2024, 2025]) == (CompareView(a, b), [])


@settings(max_examples=200)
@given(st.text(st.characters(blacklist_categories=("Cs", "Cc", "Zs", "Zl", "Zp")), max_size=20).map(str.strip),
       st.lists(st.sampled_from(IDS), unique=True), st.lists(st.sampled_from(SOURCES), unique=True),
       st.lists(st.sampled_from(views.STATUSES), unique=True), st.sampled_from([None, 2024]),
       st.sampled_from([None, *LINES]))
def test_any_sources_view_survives_its_url(query_text, indicators, sources, statuses, year, figure):
    original = SourcesView(query_text, tuple(indicators), tuple(sources), tuple(statuses), year, figure)
    assert parse_sources(original.to_params(), IDS, SOURCES, [2024], LINES) == (original, [])


# ---------------------------------------------------------------------------------------------- the URL kit


def q(**params) -> dict[str, list[str]]:
    return urls.normalize(params)


def test_a_repeated_parameter_counts_by_its_last_value():
    assert urls.last({"a": ["1", "2"]}, "a") == "2"
    assert urls.last({"a": []}, "a") is None and urls.last({}, "a") is None
    assert urls.normalize({"a": "1", "b": ["2", "3"], "c": None}) == {"a": ["1"], "b": ["2", "3"], "c": []}


def test_a_choice_is_read_in_any_case_and_a_bad_one_names_the_choices():
    notices: list[Notice] = []
    assert urls.choice(q(tf=" YoY "), "tf", ("level", "yoy"), "level", notices) == "yoy" and notices == []
    assert urls.choice(q(tf="log"), "tf", ("level", "yoy"), "level", notices) == "level"
    assert urls.choice(q(tf="pie"), "tf", ("level",), "level", notices, "tf_unavailable") == "level"
    assert notices == [Notice("tf", "log", "bad_choice", (("choices", "level | yoy"),)),
                       Notice("tf", "pie", "tf_unavailable", (("choices", "level"),))]
    assert urls.choice({}, "tf", ("level",), "level", notices) == "level" and len(notices) == 2


def test_a_year_is_four_ascii_digits_within_a_range_or_a_set():
    notices: list[Notice] = []
    assert urls.year(q(y=" 2020 "), "y", (2000, 2025), None, notices) == 2020
    assert urls.year(q(y="2024"), "y", {2024}, None, notices) == 2024 and notices == []
    for bad in ("1999", "20200", "２０２０", "abc", "", "2023"):
        assert urls.year(q(y=bad), "y", (2000, 2022), 2001, notices) == 2001
    assert [(n.value, n.reason) for n in notices] == [(bad, "bad_year") for bad in
                                                       ("1999", "20200", "２０２０", "abc", "", "2023")]
    assert urls.year({}, "y", (2000, 2025), None, notices) is None and len(notices) == 6


def test_a_code_is_read_in_any_case_and_spelled_as_known():
    notices: list[Notice] = []
    assert urls.code(q(p=" sgp"), "p", ["SGP", "HKG"], "unknown_partner", notices) == "SGP"
    assert urls.code(q(p="xx"), "p", ["SGP"], "unknown_partner", notices) is None
    assert urls.code(q(p="x" * 2001), "p", ["SGP"], "unknown_partner", notices) is None
    assert [(n.param, n.reason) for n in notices] == [("p", "unknown_partner"), ("p", "too_long")]


def test_ids_are_joined_deduplicated_and_fall_back_to_the_default_when_none_is_known():
    notices: list[Notice] = []
    assert urls.ids(q(ind=["b,a", "b"]), "ind", ["a", "b"], "unknown_indicator", notices) == ("b", "a")
    assert urls.ids({}, "ind", ["a"], "unknown_indicator", notices, ("a",)) == ("a",)
    assert urls.ids(q(ind=""), "ind", ["a"], "unknown_indicator", notices, ("a",)) == ()  # ind= : none
    assert notices == []
    assert urls.ids(q(ind="zz"), "ind", ["a"], "unknown_indicator", notices, ("a",)) == ("a",)
    assert urls.ids(q(ind="a," * 1001), "ind", ["a"], "unknown_indicator", notices, ("a",)) == ("a",)
    assert urls.ids(q(c="vnm, THA"), "c", ["VNM", "THA"], "unknown_country", notices, any_case=True) == ("VNM", "THA")
    assert urls.ids(q(c="vnm"), "c", ["VNM"], "unknown_country", notices) == ()
    assert [(n.value, n.reason) for n in notices] == [("zz", "unknown_indicator"), ("a," * 1001, "too_long"),
                                                     ("vnm", "unknown_country")]


def test_page_params_keeps_the_page_s_own_and_names_only_what_no_page_reads():
    params, notices = urls.page_params({"a": "2024", "ind": "x", "lang": "en", "zz": "1", "Embed": "true"}, "compare")
    assert params == {"a": ["2024"], "lang": ["en"]}
    assert [(n.param, n.reason) for n in notices] == [("zz", "unknown_param")]


@settings(max_examples=300)
@given(st.dictionaries(names, st.lists(text, max_size=3), max_size=8), st.sampled_from(sorted(urls.ALL_PARAMS) + ["x"]))
def test_the_url_kit_never_raises_on_any_query(params, key):
    notices: list[Notice] = []
    urls.last(params, key)
    urls.choice(params, key, ("a", "b"), "a", notices)
    urls.year(params, key, (2000, 2025), None, notices)
    urls.year(params, key, {2024}, None, notices)
    urls.code(params, key, ["SGP"], "unknown_partner", notices)
    urls.ids(params, key, ["a", "B"], "unknown_indicator", notices, ("a",), any_case=True)
    for page in PAGES:
        notices += urls.page_params(params, page.name)[1]
    assert all(isinstance(n.text(lang), str) for n in notices for lang in ("vi", "en"))
    assert all(len(line) < 400 for line in urls.notice_lines(notices, "en"))
