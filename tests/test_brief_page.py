"""The Brief page through AppTest (bundled data), in Vietnamese and English: renders without an exception, every number
a link in an escaped list, the copies and the Word download offered; and the share control every page has."""

from __future__ import annotations

import io
import re

import pytest
from streamlit.testing.v1 import AppTest
from tests.conftest import ROOT, open_page

from vnintegration.dashboard.registry import BY_NAME, PAGES
from vnintegration.present import i18n

APP = str(ROOT / "app.py")


@pytest.fixture(autouse=True)
def bundled(monkeypatch):
    monkeypatch.delenv("VNI_DATA_DIR", raising=False)


def html_bodies(at: AppTest) -> list[str]:
    return [e.proto.body for e in at.get("html")]


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_the_brief_renders_every_number_as_a_link(lang):
    at = open_page("brief", {"lang": lang})
    assert not at.exception, [e.value for e in at.exception]
    assert at.title[0].value == i18n.t("page_brief", lang)
    lists = [b for b in html_bodies(at) if 'class="vni-brief"' in b]
    assert len(lists) >= 5  # headline, partners, investors, markets, suppliers (and the sources)
    links = re.findall(r'<a href="([^"]+)">([^<]+)</a>', "".join(lists))
    assert len(links) >= 40
    assert all(re.match(r"/(sources|partners)\?", href) for href, _ in links)
    assert all(("lang=en" in href) == (lang == "en") for href, _ in links)
    headings = [s.value for s in at.subheader]
    assert i18n.t("brief_headline", lang) in headings
    codes = [c.value for c in at.code]
    assert any(c.startswith(i18n.t("brief_title", lang)) for c in codes)  # the copy as text
    assert any(c.startswith("# ") and "](<" in c for c in codes)  # the copy as Markdown
    assert at.query_params.get("lang") in ((["en"], "en") if lang == "en" else (None, [], ""))


def test_the_word_download_is_a_document():
    import docx

    from vnintegration.dashboard import caches

    at = open_page("brief", {"lang": "en"})
    assert not at.exception
    data = caches.brief_docx(str(ROOT / "data"), "latest", "en", "https://example.org")
    document = docx.Document(io.BytesIO(data))
    links = [h.address for p in document.paragraphs for h in p.hyperlinks]
    assert links and all(a.startswith("https://example.org/") for a in links)


def test_an_unknown_parameter_is_named_and_ignored():
    at = open_page("brief", {"lang": "en", "span": "year", "zz": "<b>x</b>"})
    assert not at.exception
    notices = " ".join(c.value for c in at.caption if "⚠️" in c.value)
    assert "zz" in notices


@pytest.mark.parametrize("page", [p.name for p in PAGES if p.name in ("overview", "compare", "brief")])
def test_every_page_has_the_share_control_with_its_view(page):
    params = {"lang": "en"} | ({"a": "2015", "b": "2024"} if page == "compare" else {})
    at = open_page(page, params) if page != PAGES[0].name else AppTest.from_file(APP, default_timeout=60)
    if page == PAGES[0].name:
        at.query_params.update(params)
        at.run()
    assert not at.exception
    codes = [c.value for c in at.code]
    link = next(c for c in codes if re.match(r"^(https?://[^/]+)?/" + BY_NAME[page].url_path + r"(\?|$)", c))
    assert "lang=en" in link
    if page == "compare":
        assert "a=2015" in link and "b=2024" in link
    snippet = next(c for c in codes if c.startswith("<iframe"))
    assert "embed=true" in snippet and 'height="520"' in snippet
