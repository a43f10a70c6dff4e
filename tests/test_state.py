"""URL query parameters <-> typed views (dashboard/views.py, pure): parsing never raises, bad values are named
and ignored, and a view's parameters parse back to the same view. The pages' side (the widgets and the URL in
step) is tested through AppTest in test_pages.py and test_url_tampering.py."""

from __future__ import annotations

from hypothesis import example, given, settings
from hypothesis import strategies as st

from vnintegration.dashboard import views as state
from vnintegration.dashboard.registry import PAGES
from vnintegration.dashboard.views import (
    CompareView,
    Notice,
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
    assert trends({})[0].source == state.ALL_SOURCES
    assert trends({"src": "preferred"})[0].source == state.PREFERRED
    view, notices = trends({"src": "nope"})
    assert view.source == state.ALL_SOURCES and reasons(notices) == [("src", "nope", "unknown_source")]


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


def test_the_pages_parameters_come_from_the_registry():
    assert state.PAGE_PARAMS == {page.name: page.params for page in PAGES}


# ---------------------------------------------------------------------------------------------- properties

text = st.text(max_size=30)
values = st.one_of(text, st.lists(text, max_size=3))
names = st.sampled_from(sorted(state.ALL_PARAMS) + ["x", "embed", ""]) | text
query = st.dictionaries(names, values, max_size=8)


@settings(max_examples=300)
@given(query)
@example({"fig": "²", "from": "２０２０", "a": "٢٠٢٤", "ind": ",,,"})  # Unicode digits int() rejects or reads
@example({"ind": "x" * 10_000, "q": "2024," * 2000, "src": "\u202eall"})
def test_parsing_any_query_string_never_raises_and_gives_a_valid_view(params):
    view, notices = trends(params)
    assert set(view.indicators) <= set(IDS)
    assert YEARS[0] <= view.year_from <= view.year_to <= YEARS[1]
    assert view.transform in state.TRANSFORMS and view.view in state.VIEWS
    assert view.source in [state.PREFERRED, state.ALL_SOURCES, *SERIES]
    assert all(isinstance(n.text("vi"), str) and isinstance(n.text("en"), str) for n in notices)
    compare, _ = parse_compare(params, [2024, 2025])
    assert compare.year_a in (2024, 2025) and compare.year_b in (2024, 2025)
    sources, _ = parse_sources(params, IDS, SOURCES, [2024], LINES)
    assert set(sources.statuses) <= set(state.STATUSES) and set(sources.sources) <= set(SOURCES)
    assert sources.figure in [None, *LINES]
    assert parse_lang(params)[0] in ("vi", "en")


def parsers(page):
    """page -> its parser, as (params -> notices)."""
    return {
        "trends": lambda p: trends(p)[1],
        "compare": lambda p: parse_compare(p, [2024, 2025])[1],
        "sources": lambda p: parse_sources(p, IDS, SOURCES, [2024], LINES)[1],
    }.get(page, lambda p: parse_page(p, page))


@settings(max_examples=100)
@given(st.sampled_from([page.name for page in PAGES]), query)
def test_every_unknown_parameter_is_named_in_a_notice(page, params):
    unknown = {k for k in params if k not in state.ALL_PARAMS and k.lower() not in state.RESERVED}
    named = {n.param for n in parsers(page)(params) if n.reason == "unknown_param"}
    assert named == unknown


@settings(max_examples=200)
@given(st.lists(st.sampled_from(IDS), unique=True), st.integers(*YEARS), st.integers(*YEARS),
       st.sampled_from(state.TRANSFORMS), st.sampled_from(state.VIEWS), st.booleans(),
       st.sampled_from([state.PREFERRED, state.ALL_SOURCES, *SERIES]))
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
       st.lists(st.sampled_from(state.STATUSES), unique=True), st.sampled_from([None, 2024]),
       st.sampled_from([None, *LINES]))
def test_any_sources_view_survives_its_url(query_text, indicators, sources, statuses, year, figure):
    original = SourcesView(query_text, tuple(indicators), tuple(sources), tuple(statuses), year, figure)
    assert parse_sources(original.to_params(), IDS, SOURCES, [2024], LINES) == (original, [])
