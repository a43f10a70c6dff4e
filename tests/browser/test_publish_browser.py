"""Ready to publish: what a reader sees under each chart and what a chart carries, in a real browser.

"About this data" under Trends' chart says the definition and links to the original publisher (an <a href>); the
charts carry their title and source line inside the figure, unclipped at 1280 and 390 px (screenshots saved under
artifacts/screenshots/publish-*.png, to be looked at); the Compare CSV is a table of labelled columns.
"""

from __future__ import annotations

import io
from pathlib import Path

import pandas as pd
import pytest
from stpage import PHONE, exceptions, goto, keyed, screenshot, wait_drawn

pytestmark = pytest.mark.browser

PLOT = '[data-testid="stPlotlyChart"]'
EXPORTS_DEFINITION = "Goods (merchandise) exports, USD billion"


def open_about(page, key: str) -> None:
    keyed(page, f"{key}_about").locator("summary, [data-testid='stExpanderHeader'], details > *").first.click()
    page.wait_for_timeout(300)


def test_trends_says_what_the_data_is_and_links_to_the_publisher(page, app_url):
    goto(page, app_url, "/trends?ind=exports&lang=en")
    about = keyed(page, "trends_about")
    assert about.count() == 1
    open_about(page, "trends")
    text = about.inner_text()
    assert EXPORTS_DEFINITION in text and "Unit" in text and "TX.VAL.MRCH.CD.WT" in text
    assert "github" not in text.lower() and "export:total_ytd_usd_bn" not in text
    hrefs = about.locator("a[href]").evaluate_all("els => els.map(e => e.href)")
    assert any(h.startswith("https://www.nso.gov.vn/") for h in hrefs), hrefs  # GSO's own report
    assert any(h.startswith("https://databank.worldbank.org/") for h in hrefs), hrefs
    assert exceptions(page) == []


def chart_texts(page) -> list[str]:
    return page.locator(f"{PLOT} .main-svg text").evaluate_all("els => els.map(e => e.textContent || '')")


def source_line_box(page, n: int = 0) -> dict:
    """Where the chart N's source line is drawn, against its figure's box (both in page pixels)."""
    return page.evaluate("""(n) => {
        const chart = [...document.querySelectorAll('[data-testid="stPlotlyChart"]')][n];
        const svg = chart.querySelector('.main-svg').getBoundingClientRect();
        const notes = [...chart.querySelectorAll('.annotation')].filter(a => /Ngu\u1ed3n|Source/.test(a.textContent));
        const box = notes.length ? notes[notes.length - 1].getBoundingClientRect() : null;
        return {svg: [svg.left, svg.top, svg.right, svg.bottom],
                note: box && [box.left, box.top, box.right, box.bottom]};
    }""", n)


@pytest.mark.parametrize("size", ["desktop", "phone"])
@pytest.mark.parametrize(("name", "path_"), [
    ("trends", "/trends?ind=exports,imports,gdp_growth&from=2000&to=2026&lang=en"),
    ("trends-vi", "/trends?ind=exports&from=2000&to=2026"),
    ("compare", "/compare?a=2024&b=2025&lang=en"),
])
def test_charts_carry_title_and_source_unclipped(browser, app_url, name, path_, size):
    viewport = PHONE | {"height": 2400} if size == "phone" else {"width": 1280, "height": 2400}
    ctx = browser.new_context(viewport=viewport, device_scale_factor=1, accept_downloads=True)
    try:
        page = ctx.new_page()
        page.set_default_timeout(30_000)
        from stpage import watch_runs

        watch_runs(page)
        goto(page, app_url, path_)
        wait_drawn(page)
        page.wait_for_timeout(500)
        screenshot(page, f"publish-{name}-{size}")
        for n in range(page.locator(PLOT).count()):
            box = source_line_box(page, n)
            assert box["note"] is not None, f"chart {n} has no source line"
            left, top, right, bottom = box["note"]
            s_left, s_top, s_right, s_bottom = box["svg"]
            assert s_left - 1 <= left and right <= s_right + 1 and bottom <= s_bottom + 1, (n, box)
        texts = " ".join(chart_texts(page))
        assert "Viet Nam" in texts or "Việt Nam" in texts  # a full title: what, where, when
        assert exceptions(page) == []
    finally:
        ctx.close()


def test_compare_csv_is_a_table_of_labelled_columns(page, app_url):
    goto(page, app_url, "/compare?a=2024&b=2025&lang=en")
    with page.expect_download() as info:
        keyed(page, "download_csv").locator("button").click()
    assert info.value.suggested_filename == "compare-2024-2025.csv"
    data = pd.read_csv(io.BytesIO(Path(info.value.path()).read_bytes()), encoding="utf-8-sig", dtype=str)
    assert list(data.columns)[:7] == ["Indicator", "Unit", "Period 2024", "Value 2024", "Qualifier 2024",
                                      "Status 2024", "Source 2024"]
    flat = data.to_csv()
    for internal in ("a__line", "7.03955197123018", "True", "False", "github"):
        assert internal not in flat
    gdp = data.set_index("Indicator").loc["GDP growth"]
    assert gdp["Value 2024"] == "7.09"  # GSO's, official first
