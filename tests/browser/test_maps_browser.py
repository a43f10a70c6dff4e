"""The Partners and Peers maps in a real Chromium: at 1280 px each map's plot is at least 70 % of the main column's
width, and its dots are tap targets on a phone. Screenshots at 1280 and 390 px go to artifacts/screenshots/.
"""

from __future__ import annotations

import pytest
from stpage import PLOT_DRAWN, exceptions, goto, keyed, screenshot

pytestmark = pytest.mark.browser

MAPS = [("partners", "/partners?tab=map", "partners_map"), ("peers", "/peers", "peers_map")]

# The plot area (plotly's background rect) of the keyed chart, and the main column's width.
_SIZES = """
(key) => {
  const main = document.querySelector('[data-testid="stMainBlockContainer"]');
  const chart = document.querySelector('.st-key-' + key + ' [data-testid="stPlotlyChart"]')
             || document.querySelector('.st-key-' + key);
  const bg = chart.querySelector('.bglayer rect.bg');
  const box = bg.getBoundingClientRect();
  const style = getComputedStyle(main);
  const inner = main.getBoundingClientRect().width - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
  return {main: inner, plot: box.width, height: box.height};
}
"""


def _plot(page, key: str) -> dict:
    keyed(page, key).locator(PLOT_DRAWN).first.wait_for()
    keyed(page, key).scroll_into_view_if_needed()
    return page.evaluate(_SIZES, key)


@pytest.mark.parametrize(("name", "path_", "key"), MAPS, ids=[m[0] for m in MAPS])
def test_the_map_fills_the_column_at_1280(page, app_url, name, path_, key):
    goto(page, app_url, path_)
    assert exceptions(page) == []
    sizes = _plot(page, key)
    screenshot(page, f"map-{name}-1280")
    assert sizes["plot"] >= 0.7 * sizes["main"], sizes
    assert 1.2 <= sizes["plot"] / sizes["height"] <= 3.0, sizes  # a map's shape, neither a strip nor a tower


@pytest.mark.parametrize(("name", "path_", "key"), MAPS, ids=[m[0] for m in MAPS])
def test_the_map_on_a_phone(phone, app_url, name, path_, key):
    goto(phone, app_url, path_)
    assert exceptions(phone) == []
    sizes = _plot(phone, key)
    screenshot(phone, f"map-{name}-390")
    assert sizes["plot"] >= 0.9 * sizes["main"], sizes
    # The small economies' dots: drawn at least 20 px across, and plotly takes a tap within 24 px of a dot's edge.
    dots = phone.evaluate("""(key) => [...document.querySelectorAll('.st-key-' + key + ' .scatterlayer .point')]
        .map(p => p.getBoundingClientRect().width)""", key)
    assert dots and max(dots) >= 19, dots
    spec = phone.evaluate("""(key) => document.querySelector('.st-key-' + key + ' .js-plotly-plot').layout.hoverdistance""",
                          key)
    assert spec >= 24
