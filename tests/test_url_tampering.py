"""Hostile and random query strings thrown at every page through AppTest (on the bundled data).

Property: whatever the URL holds (unknown keys, other pages' keys, unknown ids, absurd years, 10 kB
values, repeated parameters, empty values, odd Unicode), the page runs without an exception, draws its
title, and a notice ("⚠️" caption) names what it ignored when a key is unknown.
"""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as hs
from streamlit.testing.v1 import AppTest
from tests.conftest import ROOT

from vnintegration.dashboard import state

APP = str(ROOT / "app.py")
PAGES = ("overview", "trends", "compare", "partners", "sources", "import_article")
PARSED = {"overview", "trends", "compare", "partners", "sources"}  # pages that parse their URL (state.PAGE_PARAMS)

HOSTILE_VALUES = [
    "", "0", "-5", "99999", "1900", "2100", "19x0", "zzz", "nope", "gdp_growth,nope", ",,,", " ", "level,yoy",
    "x" * 10_000, "2024," * 2000,
    "\u200f2024\u200e", "\u202eraey", "\u0007\u001b[31m\u007f", "🇻🇳💥", "e\u0301\u0301\u0301",
    unicodedata.normalize("NFD", "Tăng trưởng kinh tế Việt Nam"), "<script>alert(1)</script>", "**b** :red[x] $x$",
    "'; DROP TABLE x;--", "%00", "%2e%2e/", "1e999", "NaN", "inf", "١٢٣٤",
]
ODD_TEXT = hs.text(hs.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"), max_size=30)
KEYS = hs.one_of(hs.sampled_from(sorted(state.ALL_PARAMS)), hs.sampled_from(["zz", "page", "ind[]", "Ind", "FROM",
                                                                                "\u200fq", "🙂", "a b", "x=y&z"]),
                 ODD_TEXT.filter(lambda k: k.lower() not in state.RESERVED))
VALUES = hs.one_of(hs.sampled_from(HOSTILE_VALUES), ODD_TEXT)
PARAMS = hs.dictionaries(KEYS, hs.one_of(VALUES, hs.lists(VALUES, min_size=2, max_size=3)), max_size=5)


@pytest.fixture(autouse=True)
def bundled(monkeypatch):
    monkeypatch.delenv("VNI_DATA_DIR", raising=False)


def open_page(page: str, params: dict) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=60)
    if page == "overview":
        at.query_params.update(params)
        return at.run()
    at.run()
    at.query_params.clear()
    at.query_params.update(params)
    return at.switch_page(f"src/vnintegration/dashboard/pages/{page}.py").run()


def notices(at: AppTest) -> str:
    return "\n".join(c.value for c in at.caption if "⚠️" in c.value)


def assert_rendered(at: AppTest, params: dict) -> None:
    assert not at.exception, (params, [e.value for e in at.exception])
    assert at.title and at.title[0].value.strip(), f"no title for {params!r}"
    assert len(at.main.children) > 1


def _unknown(params: dict) -> list[str]:
    return [k for k in params if k not in state.ALL_PARAMS and k.lower() not in state.RESERVED]


@pytest.mark.parametrize("page", PAGES)
@settings(max_examples=12, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow,
                                                                   HealthCheck.function_scoped_fixture])
@given(params=PARAMS)
def test_any_query_string_renders(page, params):
    at = open_page(page, params)
    assert_rendered(at, params)
    if page in PARSED and _unknown(params):
        assert notices(at), f"no notice for unknown keys {_unknown(params)!r}"


INVALID = [
    ("trends", {"tf": "zzz"}, "tf=zzz"),
    ("trends", {"from": "0"}, "from=0"),
    ("trends", {"to": "-5"}, "to=-5"),
    ("trends", {"from": "99999"}, "from=99999"),
    ("trends", {"view": "pie"}, "view=pie"),
    ("trends", {"ind": "khong_co"}, "ind=khong_co"),
    ("trends", {"ev": "maybe"}, "ev=maybe"),
    ("compare", {"a": "0", "b": "99999"}, "a=0"),
    ("compare", {"b": "-5"}, "b=-5"),
    ("sources", {"y": "0"}, "y=0"),
    ("sources", {"st": "rumour"}, "st=rumour"),
    ("sources", {"src": "\u202enguon"}, "src="),
    ("sources", {"fig": "99999"}, "fig=99999"),
    ("overview", {"lang": "fr"}, "lang=fr"),
    ("partners", {"zz": "🇻🇳"}, "zz=🇻🇳"),
    ("trends", {"from": "x" * 10_000}, "from="),
    ("sources", {"q": "x" * 10_000}, "q="),
]


@pytest.mark.parametrize(("page", "params", "fragment"), INVALID, ids=[f"{p}-{f[:12]}" for p, _, f in INVALID])
def test_invalid_known_parameters_give_a_notice(page, params, fragment):
    at = open_page(page, params)
    assert_rendered(at, params)
    assert fragment in notices(at), (params, notices(at))


EXPLICIT = [
    ("trends", {"ind": ["gdp_growth", "gdp_growth", "nope"], "from": ["2010", "0"], "tf": ["yoy", "level"]}),
    ("trends", {"ind": "", "from": "", "to": "", "tf": "", "view": "", "ev": ""}),
    ("trends", {"from": "2030", "to": "1990"}),
    ("compare", {"a": "2024", "b": "2024"}),
    ("compare", {"a": ["2020", "2021"], "b": "\u200f2024"}),
    ("sources", {"q": unicodedata.normalize("NFD", "xuất khẩu"), "y": "", "fig": "-1"}),
    ("sources", {"q": "\u0301\u0301", "ind": ",,,", "src": "", "st": "actual,actual"}),
    ("sources", {"fig": "1"}),
    ("partners", {"a": "2024", "ind": "x", "q": "y"}),
    ("overview", {"lang": ["en", "vi", "xx"], "embed_options": "x"}),
    ("import_article", {"q": "x" * 10_000, "lang": "en"}),
]


@pytest.mark.parametrize(("page", "params"), EXPLICIT)
def test_explicit_hostile_cases(page, params):
    assert_rendered(open_page(page, params), params)
