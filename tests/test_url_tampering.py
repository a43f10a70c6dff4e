"""Hostile query strings through AppTest (on the bundled data): one per page of the registry, and one per page
of known parameters with bad values. These are the only AppTests on the bundled data besides test_pages' Trends
source picker; the browser tests open every page on it too.

Property: whatever the URL holds (unknown keys, other pages' keys, unknown ids, absurd years, 10 kB values,
repeated parameters, empty values, odd Unicode), the page runs without an exception, draws its title, and a
notice ("⚠️" caption) names what it ignored. The parsers themselves are fuzzed in test_state.py (pure, fast).
"""

from __future__ import annotations

import unicodedata

import pytest
from streamlit.testing.v1 import AppTest
from tests.conftest import ROOT
from tests.test_injection import BIDI_CONTROLS, PAYLOADS, as_read, markdown_texts, markup_in

from vnintegration.dashboard.registry import PAGES
from vnintegration.dashboard.urls import ALL_PARAMS, MAX_NOTICES
from vnintegration.present.export import strip_format_chars

APP = str(ROOT / "app.py")
LANDING = PAGES[0]

HOSTILE_VALUES = [
    "", "x" * 10_000, "\u200f2024\u200e", "nope,,,", "99999", "<script>alert(1)</script>", "2024," * 2000,
    "\u202eraey", "\u0007\u001b[31m\u007f", "🇻🇳💥", "e\u0301\u0301\u0301", "**b** :red[x] $x$", "%00", "NaN", "١٢٣٤",
    unicodedata.normalize("NFD", "Tăng trưởng kinh tế Việt Nam"), "-5", "'; DROP TABLE x;--", "1e999", " ",
    *PAYLOADS,
]


@pytest.fixture(autouse=True)
def bundled(monkeypatch):
    monkeypatch.delenv("VNI_DATA_DIR", raising=False)


def open_page(page, params: dict) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=60)
    if page == LANDING:
        at.query_params.update(params)
        return at.run()
    at.run()
    at.query_params.clear()
    at.query_params.update(params)
    return at.switch_page(str(page.file.relative_to(ROOT))).run()


def notices(at: AppTest) -> str:
    """The notices as a reader sees them (shown as text: Markdown's escapes taken out)."""
    return as_read("\n".join(c.value for c in at.caption if "⚠️" in c.value))


def assert_rendered(at: AppTest, params: dict) -> None:
    assert not at.exception, (params, [e.value for e in at.exception])
    assert at.title and at.title[0].value.strip(), f"no title for {params!r}"
    assert len(at.main.children) > 1
    found = {text: markup_in(text) for text in markdown_texts(at) if markup_in(text)}
    assert not found, found  # nothing from the URL rendered as Markdown, HTML or LaTeX


def hostile(page) -> dict:
    """Each of the page's own parameters twice with hostile values, another page's parameter, an unknown one."""
    params = {p: [HOSTILE_VALUES[n % len(HOSTILE_VALUES)], HOSTILE_VALUES[(n * 7 + 3) % len(HOSTILE_VALUES)]]
              for n, p in enumerate(page.params)}
    other = sorted(ALL_PARAMS - set(page.params) - {"lang"})[0]
    return {"zz\u200f": "🇻🇳"} | params | {other: "x" * 10_000, PAYLOADS[0]: PAYLOADS[1], "lang": ["xx", "en"]}


@pytest.mark.parametrize("page", PAGES, ids=[page.name for page in PAGES])
def test_a_hostile_query_string_renders_with_a_notice(page):
    params = hostile(page)
    at = open_page(page, params)
    assert_rendered(at, params)
    assert "zz=🇻🇳" in notices(at), notices(at)  # the name's right-to-left mark gone: nothing reorders the line
    assert not BIDI_CONTROLS.search(notices(at)), ascii(notices(at))


BY_NAME = {page.name: page for page in PAGES}
# page -> known parameters with values that are not allowed; each is named in a notice
INVALID = {
    "trends": {"tf": "zzz", "from": "99999", "to": "-5", "view": "pie", "ind": "khong_co", "ev": "maybe",
               "src": "khong_co"},
    "compare": {"a": "0", "b": "19x0"},
    "sources": {"y": "0", "st": "rumour", "fig": "99999", "src": "\u202enguon"},
    "overview": {"lang": "fr"},
}


@pytest.mark.parametrize("page", sorted(INVALID))
def test_invalid_known_parameters_give_a_notice_each(page):
    params = INVALID[page]
    at = open_page(BY_NAME[page], params)
    assert_rendered(at, params)
    shown = notices(at)
    named = [key for key, value in params.items() if f"{key}={strip_format_chars(value)}" in shown]
    assert len(named) == min(len(params), MAX_NOTICES), shown  # at most a handful of lines, then a count
    assert (len(params) > MAX_NOTICES) == ("…" in shown.splitlines()[-1]), shown
