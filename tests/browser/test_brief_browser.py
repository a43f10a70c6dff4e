"""The Brief page and the share control in a real browser: /brief?lang=vi renders, every number of the brief is a
link to its source row, the .docx download opens with python-docx and holds the same numbers and links, and the
share popover gives the view's link and an embed snippet that opens the same view in embedded mode.
Screenshots at 1280 and 390 px go to artifacts/screenshots/brief-*.png."""

from __future__ import annotations

import io
from collections import Counter
from urllib.parse import parse_qs, urlsplit

import pytest
from browser_harness import ROOT
from stpage import goto, open_app, screenshot

from vnintegration.core import analysis
from vnintegration.core import brief as B
from vnintegration.core import partners as P
from vnintegration.core import trade as TR
from vnintegration.core.load import DataFiles
from vnintegration.core.validate import validate_dir
from vnintegration.dashboard import share
from vnintegration.present.brief import text


@pytest.fixture(scope="module")
def expected():
    """The brief of the bundled data, built as the page builds it (the numbers the page must show)."""
    data = ROOT / "data"
    ds = validate_dir(data)
    files = DataFiles.from_dir(data)
    partner_statistics = {str(s) for s, k in ds.sources["kind"].items() if k == "partner_statistics"}
    trade = TR.load(files, ds.observations, partner_statistics)
    return B.build(analysis.enrich(ds), ds.indicators, ds.sources, P.read_partners(files), trade)


def body_links(page) -> list[tuple[str, str]]:
    return [tuple(pair) for pair in page.evaluate("""() => [...document.querySelectorAll('.st-key-brief_body li a')]
        .map(a => [a.textContent.trim(), a.getAttribute('href')])""")]


def docx_links(data: bytes) -> list[tuple[str, str]]:
    import docx

    document = docx.Document(io.BytesIO(data))
    return [(link.text, link.address) for p in document.paragraphs for link in p.hyperlinks]


def test_brief_in_vietnamese_every_number_a_link_and_the_docx_says_the_same(new_page, app_url, expected):
    page = new_page()
    goto(page, app_url, "/brief?lang=vi")
    assert not page.locator('[data-testid="stException"]').count()
    doc = text.worded(expected, "vi", share.link_url(app_url, "vi"))
    wanted = [(run.text, run.url) for run in doc.links()]
    assert len(wanted) >= 20 and all(url for _, url in wanted)
    shown = body_links(page)
    # Every number of the brief is on the page as a link to its row, and every link in the brief is a number's.
    assert Counter(shown) == Counter(wanted), set(shown) ^ set(wanted)
    for figure in expected.figures():
        assert (text.value_text(figure, "vi"), share.link_url(app_url, "vi")(figure.link)) in shown
    for _, url in shown:
        parts = urlsplit(url)
        query = parse_qs(parts.query)
        assert parts.path in ("/sources", "/partners") and ("fig" in query or "src" in query or "tab" in query)
    screenshot(page, "brief-1280")

    with page.expect_download() as info:
        page.locator(".st-key-brief_docx button").click()
    data = open(info.value.path(), "rb").read()
    sources = set(doc.sources)
    in_docx = docx_links(data)
    assert Counter(link for link in in_docx if link not in sources) == Counter(wanted)
    assert {link for link in in_docx if link in sources} == sources


def test_a_followed_number_opens_its_row_on_the_sources_page(new_page, app_url, expected):
    page = new_page()
    goto(page, app_url, "/brief?lang=en")
    card = expected.section(B.HEADLINE).items[0]
    link = page.locator(".st-key-brief_body li a").first
    assert link.inner_text().strip() == text.value_text(card.figure, "en")
    href = link.get_attribute("href")
    open_app(page, app_url, href)
    assert urlsplit(page.url).path == "/sources"
    assert page.locator(".st-key-focus").count() == 1  # the figure followed, with its quote


def test_share_gives_the_view_and_an_embed_that_opens_it(browser, app_url):
    from stpage import PHONE, watch_runs

    ctx = browser.new_context(viewport=PHONE, device_scale_factor=2, is_mobile=True, has_touch=True)
    try:
        page = ctx.new_page()
        page.set_default_timeout(30_000)
        watch_runs(page)
        goto(page, app_url, "/brief?lang=en")
        screenshot(page, "brief-390")
        goto(page, app_url, "/compare?a=2015&b=2024&lang=en")
        button = page.locator(".st-key-vni_share button").first
        box = button.bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"], box
        title = page.locator("h1").first.bounding_box()
        assert box["y"] + box["height"] <= title["y"], "the share button stands over the page's title"
        button.click()
        codes = page.locator('[data-testid="stPopoverBody"] [data-testid="stCode"]')
        codes.first.wait_for()
        screenshot(page, "share-390")
        link, snippet = [c.inner_text().strip() for c in codes.all()][:2]
        assert link.startswith(app_url + "/compare?")
        assert parse_qs(urlsplit(link).query) == {"a": ["2015"], "b": ["2024"], "lang": ["en"]}
        assert snippet.startswith("<iframe src=") and "embed=true" in snippet and 'height="520"' in snippet
        embed = snippet.split('src="', 1)[1].split('"', 1)[0].replace("&amp;", "&")
        goto(page, app_url, embed)
        assert page.locator(".st-key-vni_share").count() == 0  # embedded: no share control
        assert parse_qs(urlsplit(page.url).query)["a"] == ["2015"]
        assert page.locator("h1").first.inner_text().strip() == "Compare years"
    finally:
        ctx.close()
