"""The Peers page in a real Chromium, with every request off this machine refused: it draws its lines (one
per economy asked for), the map with no network, the CSV holds exactly the rows of its table, and it lays out
at 390 px (screenshots in artifacts/screenshots/peers-*.png, to be looked at)."""

from __future__ import annotations

import pandas as pd
import pytest
from playwright.sync_api import expect
from stpage import (
    DATAFRAME,
    PLOT_DRAWN,
    chart_edges_and_overflow,
    exceptions,
    goto,
    grid_header,
    grid_row_count,
    grid_rows,
    keyed,
    offline,
    query,
    screenshot,
)

from vnintegration.present import formatting

pytestmark = pytest.mark.browser

ISSUE_URL = "/peers?lang=en&countries=VNM,THA,IDN"
PLOT = '[data-testid="stPlotlyChart"]'


def test_the_issue_url_draws_three_lines_and_a_map_offline(page, app_url):
    refused = offline(page)
    goto(page, app_url, ISSUE_URL)
    assert exceptions(page) == []
    lines = keyed(page, "peers_lines")
    expect(lines.locator(".scatterlayer .trace")).to_have_count(3)
    expect(lines.locator(".legendtext")).to_have_text(["Viet Nam", "Thailand", "Indonesia"])
    world = keyed(page, "peers_map")
    expect(world.locator(PLOT_DRAWN).first).to_be_visible()
    assert world.locator(".scatterlayer .trace").count() >= 3  # grey land, coloured countries, dots
    assert query(page)["countries"] == ["VNM,THA,IDN"]
    assert refused == [], refused
    screenshot(page, "peers-en-1280")


def test_the_csv_holds_exactly_the_rows_of_the_table(page, app_url):
    goto(page, app_url, ISSUE_URL)
    expander = page.locator('[data-testid="stMain"] [data-testid="stExpander"]').first
    expander.locator("summary").click()
    grid = expander.locator(DATAFRAME)
    expect(grid).to_be_visible()
    grid.locator("table[aria-rowcount]").wait_for(state="attached")
    shown = grid_row_count(grid)
    with page.expect_download() as info:
        keyed(page, "peers_lines_csv").get_by_role("button").click()
    frame = pd.read_csv(info.value.path(), encoding="utf-8-sig")
    assert len(frame) == shown
    # The file reads on its own: the table's columns between the indicator and how it was computed, with the source.
    assert list(frame.columns) == ["Indicator", "Code", "Economy", "Year", "Value", "Unit", "Transform", "Source"]
    assert list(frame.columns[1:6]) == grid_header(grid)
    assert frame["Indicator"].unique().tolist() == ["Merchandise trade (% of GDP)"]
    assert frame["Source"].str.startswith("World Bank").all()
    frame = frame.drop(columns="Indicator")
    assert frame["Code"].drop_duplicates().tolist() == ["VNM", "THA", "IDN"]
    assert frame["Year"].min() == 2000 and frame["Year"].max() == 2025
    rows = grid_rows(grid)
    assert rows, "the grid rendered no rows"
    for i, cells in rows.items():  # each rendered row is the CSV's row at the same position
        r = frame.iloc[i]
        assert cells[:3] == [r["Code"], r["Economy"], str(r["Year"])], (i, cells)
        assert cells[3] == formatting.number(float(r["Value"]), "en", 2), (i, cells)


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_the_page_fits_a_phone(phone, app_url, lang):
    refused = offline(phone)
    goto(phone, app_url, "/peers" + ("?lang=en" if lang == "en" else ""))
    assert exceptions(phone) == []
    screenshot(phone, f"peers-{lang}-390-top")
    edges, overflow = chart_edges_and_overflow(phone)
    assert edges and max(edges) <= 390, edges
    assert overflow <= 1, overflow
    assert refused == [], refused
    for n, key in enumerate(("peers_lines", "peers_slope", "peers_map")):
        keyed(phone, key).scroll_into_view_if_needed()
        phone.wait_for_timeout(300)
        screenshot(phone, f"peers-{lang}-390-{n + 1}-{key.removeprefix('peers_')}")
