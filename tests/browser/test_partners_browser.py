"""The Partners page in a real Chromium, with every request off this machine refused: the world map is drawn
with no network and a click on a country opens its profile; `/partners?partner=SGP&lang=en` shows Singapore's
profile with a chart; each view lays out at 390 px and at 1280 (screenshots in
artifacts/screenshots/partners-*.png, to be looked at). The map figure's size on the wire is printed."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect
from stpage import (
    PLOT_DRAWN,
    chart_edges_and_overflow,
    exceptions,
    goto,
    keyed,
    offline,
    query,
    runs,
    screenshot,
    wait_settled,
    watch_runs,
)

pytestmark = pytest.mark.browser


def test_the_map_is_drawn_offline_and_a_click_opens_the_profile(page, app_url):
    refused = offline(page)
    goto(page, app_url, "/partners?lang=en")
    assert exceptions(page) == []
    world = keyed(page, "partners_map")
    expect(world.locator(PLOT_DRAWN).first).to_be_visible()
    assert world.locator(".scatterlayer .trace").count() >= 5  # grey land, Viet Nam, three levels, the dots
    screenshot(page, "partners-en-1280-map")
    dots = world.locator(".scatterlayer .trace").last.locator(".point")
    assert dots.count() == 42  # the 42 partners, each a dot (Singapore's too)
    before = runs(page)
    dots.first.click(force=True)
    wait_settled(page, before)
    assert query(page).get("tab") == ["profile"], page.url
    first = query(page).get("partner")
    assert first, page.url
    # back to the map, and the same country clicked again opens it again
    before = runs(page)
    keyed(page, "partners_tab").get_by_role("radio", name="Map", exact=True).click()
    wait_settled(page, before)
    dots = keyed(page, "partners_map").locator(".scatterlayer .trace").last.locator(".point")
    expect(dots.first).to_be_attached()
    before = runs(page)
    dots.first.click(force=True)
    wait_settled(page, before)
    assert query(page).get("tab") == ["profile"] and query(page).get("partner") == first, page.url
    assert exceptions(page) == []
    assert refused == [], refused


def test_singapore_s_profile_by_url(page, app_url):
    refused = offline(page)
    goto(page, app_url, "/partners?partner=SGP&lang=en")
    assert exceptions(page) == []
    main = page.locator('[data-testid="stMain"]')
    expect(main.get_by_text("Singapore", exact=True).first).to_be_visible()
    expect(keyed(page, "partners_fdi").locator(PLOT_DRAWN).first).to_be_visible()
    assert main.locator('[data-testid="stDataFrame"]').count() >= 2  # its level history, the FTAs covering it
    assert query(page)["partner"] == ["SGP"] and query(page)["tab"] == ["profile"]
    assert refused == [], refused
    screenshot(page, "partners-en-1280-profile-sgp")


@pytest.mark.parametrize(("tab", "partner"), [("map", "SGP"), ("profile", "SGP"), ("profile", "JPN"),
                                             ("investors", "SGP"), ("agreements", "SGP"), ("counts", "SGP")])
def test_each_view_fits_a_phone(phone, app_url, tab, partner):
    refused = offline(phone)
    goto(phone, app_url, f"/partners?tab={tab}&partner={partner}")
    assert exceptions(phone) == []
    edges, overflow = chart_edges_and_overflow(phone)
    assert edges and max(edges) <= 390, edges
    assert overflow <= 1, overflow
    assert refused == [], refused
    charts = phone.locator('[data-testid="stPlotlyChart"]')
    for n in range(charts.count()):
        charts.nth(n).scroll_into_view_if_needed()
        phone.wait_for_timeout(300)
        screenshot(phone, f"partners-vi-390-{tab}{'-' + partner if tab == 'profile' else ''}-{n + 1}")


@pytest.mark.parametrize("tab", ["investors", "agreements", "counts"])
def test_each_view_at_1280(page, app_url, tab):
    refused = offline(page)
    goto(page, app_url, f"/partners?tab={tab}&lang=en")
    assert exceptions(page) == []
    assert refused == [], refused
    screenshot(page, f"partners-en-1280-{tab}")


@pytest.mark.parametrize("width", [390, 1280])
def test_the_fdi_map_over_a_range_says_it_crosses_2016(browser, app_url, width):
    context = browser.new_context(viewport={"width": width, "height": 844 if width == 390 else 1800})
    try:
        page = context.new_page()
        page.set_default_timeout(30_000)
        watch_runs(page)
        refused = offline(page)
        goto(page, app_url, "/partners?color=fdi&from=2014&year=2020&lang=en")
        assert exceptions(page) == []
        expect(keyed(page, "partners_map").locator(PLOT_DRAWN).first).to_be_visible()
        expect(page.get_by_text("This range crosses 2016", exact=False)).to_be_visible()
        assert query(page)["from"] == ["2014"] and refused == [], refused
        screenshot(page, f"partners-en-{width}-map-fdi-range")
    finally:
        context.close()


def test_the_map_figure_bytes_on_the_wire(page, app_url):
    """The map's figure travels in the app's websocket message: its JSON size is what a reader downloads."""
    goto(page, app_url, "/partners")
    spec = keyed(page, "partners_map").locator(PLOT_DRAWN).first
    expect(spec).to_be_visible()
    import json
    from pathlib import Path

    from vnintegration.core import partners as P
    from vnintegration.core.load import DataFiles
    from vnintegration.present.partners import charts as C

    root = Path(__file__).resolve().parents[2] / "data"
    data = P.read_partners(DataFiles.from_dir(root))
    shapes = C.world_shapes(json.loads((root / "maps" / "world_110m.json").read_bytes()))
    size = len(C.map_figure(data, shapes, "level", 2025, "vi").to_json().encode())
    print(f"map figure JSON: {size:,} bytes")
    assert size < 200_000
