"""The Trade page in a real Chromium, with every request off this machine refused: a partner's exports, imports
and balance to 2025 with the 2020 exports equal to the IMF DOTS cell; the FTA share drawn; the 2020 export markets
ranked (the United States first, China second); the map at a useful size at 1280 px; each view laid out at 390 and
1280 px (screenshots in artifacts/screenshots/trade-*.png, to be looked at)."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from playwright.sync_api import expect
from stpage import (
    PHONE,
    PLOT_DRAWN,
    chart_edges_and_overflow,
    click_segment,
    exceptions,
    goto,
    grid_rows,
    keyed,
    offline,
    query,
    rerun_after,
    screenshot,
    watch_runs,
)

pytestmark = pytest.mark.browser

DOTS = Path(__file__).resolve().parents[2] / "data" / "sources" / "vnm_trade_by_partner_imf_dots.csv"
VIEWS = ["view=markets&year=2020&flow=export", "view=markets&year=2020&flow=balance",
         "view=partner&partner=USA", "view=products", "view=fta", "view=map&year=2020&flow=balance",
         "view=map&year=2020&flow=export", "view=concentration"]


def dots_cell(year: int, flow: str, partner: str) -> float:
    with DOTS.open(encoding="utf-8") as f:
        for row in csv.DictReader(f):
            if row["year"] == str(year) and row["flow"] == flow and row["partner_iso3"] == partner:
                return float(row["value_usd_m"])
    raise LookupError((year, flow, partner))


def all_grid_rows(page, frame, steps: int = 40) -> list[list[str]]:
    """Every row of a virtualised st.dataframe: scrolled through with the mouse wheel, the rows it rendered."""
    seen: dict[int, list[str]] = {}
    frame.scroll_into_view_if_needed()
    box = frame.bounding_box()
    page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    still = 0  # steps in a row that brought no new row: the grid renders its rows a frame or two after a wheel
    for _ in range(steps):
        before = len(seen)
        seen.update(grid_rows(frame))
        page.mouse.wheel(0, 240)
        page.wait_for_timeout(200)
        still = still + 1 if len(seen) == before and seen else 0
        if still >= 3:
            break
    seen.update(grid_rows(frame))
    return [seen[i] for i in sorted(seen)]


def test_a_partner_s_trade_to_2025_with_the_2020_exports_of_the_dots_cell(page, app_url):
    refused = offline(page)
    goto(page, app_url, "/trade?view=partner&partner=USA&lang=en")
    assert exceptions(page) == []
    figure = keyed(page, "trade_fig_partner")
    expect(figure.locator(PLOT_DRAWN).first).to_be_visible()
    legend = figure.locator(".legendtext").evaluate_all("ts => ts.map(t => t.textContent)")
    for flow in ("Exports", "Imports", "Balance"):
        assert any(text.startswith(flow) for text in legend), legend
    table = keyed(page, "trade_tab_partner_open").locator('[data-testid="stDataFrame"]')
    expect(table.locator("table[aria-rowcount]")).to_be_attached()
    rows = all_grid_rows(page, table)
    header = table.locator("table[aria-rowcount]").evaluate(
        "t => [...(t.querySelector('thead tr') || t.querySelector('tr')).children].map(c => c.textContent)")
    col = {name: n for n, name in enumerate(header)}
    by = [(r[col["Flow"]], r[col["Year"]], r[col["Period"]], r[col["Value"]], r[col["Unit"]], r[col["Source"]])
          for r in rows]
    for flow in ("Exports", "Imports", "Balance"):  # the statements' figures reach 2025
        assert any(f == flow and y == "2025" for f, y, *_ in by), (flow, by[:12])
    dots = [v for f, y, p, v, u, s in by if f == "Exports" and y == "2020" and s == "IMF DOTS"]
    assert dots == [f"{dots_cell(2020, 'export', 'USA'):,.1f}"] == ["77,151.2"], dots
    assert all(u == "US$ million" for f, y, p, v, u, s in by if s == "IMF DOTS")
    assert query(page)["partner"] == ["USA"] and query(page)["view"] == ["partner"]
    assert refused == [], refused
    screenshot(page, "trade-en-1280-partner-usa")


def test_the_fta_share_is_drawn(page, app_url):
    refused = offline(page)
    goto(page, app_url, "/trade?view=fta&lang=en")
    assert exceptions(page) == []
    figure = keyed(page, "trade_fig_fta_shares")
    expect(figure.locator(PLOT_DRAWN).first).to_be_visible()
    assert figure.locator(".scatterlayer .trace").count() == 2  # exports and imports
    assert "FTA in force" in " ".join(figure.locator(".gtitle").evaluate_all("ts => ts.map(t => t.textContent)"))
    expect(keyed(page, "trade_fig_fta_index").locator(PLOT_DRAWN).first).to_be_visible()
    assert refused == [], refused
    screenshot(page, "trade-en-1280-fta")


def test_the_2020_export_markets_rank_the_us_first_and_china_second(page, app_url):
    refused = offline(page)
    goto(page, app_url, "/trade?view=markets&year=2020&flow=export")
    assert exceptions(page) == []
    figure = keyed(page, "trade_fig_markets")
    expect(figure.locator(PLOT_DRAWN).first).to_be_visible()
    ticks = figure.locator(".ytick text").evaluate_all(
        "ts => ts.map(t => [t.getBoundingClientRect().top, t.textContent])")
    names = [name for _, name in sorted(ticks)]
    assert names[:2] == ["Hoa Kỳ", "Trung Quốc"], names
    assert refused == [], refused
    screenshot(page, "trade-vi-1280-markets")


def test_the_year_and_flow_under_the_markets_chart_redraw_it_and_write_the_url(page, app_url):
    """The chart is drawn from the controls' state before the controls (under it): changing one draws the chart
    it names, and the URL follows."""
    refused = offline(page)
    goto(page, app_url, "/trade?view=markets&year=2020&flow=export&lang=en")
    figure = keyed(page, "trade_fig_markets")
    row = keyed(page, "trade_row").bounding_box()
    assert row["y"] > figure.bounding_box()["y"] + figure.bounding_box()["height"] - 1  # the controls are under it
    rerun_after(page, lambda: click_segment(page, "trade_flow", "Imports"))
    expect(figure.locator(".gtitle").first).to_contain_text("Top 15 suppliers, 2020")
    assert query(page)["flow"] == ["import"] and query(page)["year"] == ["2020"]
    thumb = keyed(page, "trade_year").locator('input[type="range"]').first
    thumb.focus()
    rerun_after(page, lambda: thumb.press("ArrowLeft"))
    expect(figure.locator(".gtitle").first).to_contain_text("Top 15 suppliers, 2019")
    assert query(page)["year"] == ["2019"] and query(page)["flow"] == ["import"]
    assert exceptions(page) == []
    assert refused == [], refused


def test_the_map_is_drawn_offline_at_a_useful_size(page, app_url):
    refused = offline(page)
    goto(page, app_url, "/trade?view=map&year=2020&flow=balance&lang=en")
    assert exceptions(page) == []
    figure = keyed(page, "trade_fig_map")
    expect(figure.locator(PLOT_DRAWN).first).to_be_visible()
    plot = figure.locator(".bglayer rect").first.bounding_box()
    content = page.locator('[data-testid="stMainBlockContainer"]').bounding_box()
    assert plot["width"] >= 0.7 * (content["width"] - 2 * 48), (plot, content)  # within its padding
    assert 1.8 <= plot["width"] / plot["height"] <= 3.2, plot
    assert refused == [], refused


@pytest.mark.parametrize("params", VIEWS)
def test_each_view_at_1280(page, app_url, params):
    refused = offline(page)
    goto(page, app_url, f"/trade?{params}&lang=en")
    assert exceptions(page) == []
    assert refused == [], refused
    screenshot(page, "trade-en-1280-" + params.replace("view=", "").replace("&", "-").replace("=", ""))


@pytest.mark.parametrize("params", VIEWS)
def test_each_view_fits_a_phone(browser, app_url, params):
    context = browser.new_context(viewport=PHONE, device_scale_factor=2, is_mobile=True, has_touch=True)
    try:
        phone = context.new_page()
        phone.set_default_timeout(30_000)
        watch_runs(phone)
        refused = offline(phone)
        goto(phone, app_url, f"/trade?{params}")
        assert exceptions(phone) == []
        edges, overflow = chart_edges_and_overflow(phone)
        assert edges and max(edges) <= 390, edges
        assert overflow <= 1, overflow
        assert refused == [], refused
        name = params.replace("view=", "").replace("&", "-").replace("=", "")
        screenshot(phone, f"trade-vi-390-{name}-0")
        charts = phone.locator('[data-testid="stPlotlyChart"]')
        for n in range(charts.count()):
            charts.nth(n).scroll_into_view_if_needed()
            phone.wait_for_timeout(300)
            screenshot(phone, f"trade-vi-390-{name}-{n + 1}")
    finally:
        context.close()
