"""Every page prints to A4 portrait: in print media at an A4 page's width (794 px at 96 dpi) the sidebar, the header
and the share control are hidden, and nothing of the main block crosses the page's right edge (dashboard/common.py's
PRINT_CSS). One server for the file (conftest's app_url), a fresh context per page; a screenshot of each page as
printed goes to artifacts/screenshots/print-<page>.png."""

from __future__ import annotations

import pytest
from stpage import goto, screenshot

from vnintegration.dashboard.registry import PAGES

A4 = {"width": 794, "height": 1123}  # 210 x 297 mm at 96 px per inch

# Elements of the main block whose right (or left) edge lies outside the page, unless an ancestor inside the main
# block clips them (a scrolling grid's inner canvas, a chart's clipped layer) and itself fits.
_OUTSIDE_JS = """
() => {
  const width = document.documentElement.clientWidth;
  const main = document.querySelector('[data-testid="stMain"]');
  const out = [];
  for (const el of main.querySelectorAll('*')) {
    const r = el.getBoundingClientRect();
    if (!r.width || !r.height) continue;
    if (r.right <= width + 1 && r.left >= -1) continue;
    let p = el.parentElement, clipped = false;
    while (p && p !== main) {
      const cs = getComputedStyle(p);
      if (cs.overflowX !== 'visible' || cs.display === 'none') {
        const pr = p.getBoundingClientRect();
        if (pr.right <= width + 1 && pr.left >= -1) { clipped = true; break; }
      }
      p = p.parentElement;
    }
    if (!clipped) out.push(`${el.tagName}.${(el.getAttribute('data-testid') || el.className || '').toString().slice(0, 40)} `
                           + `[${Math.round(r.left)}, ${Math.round(r.right)}] of ${width}`);
  }
  return {width, scroll: document.documentElement.scrollWidth, outside: out.slice(0, 8), n: out.length};
}
"""


def _hidden(page, selector: str) -> bool:
    return all(not el.is_visible() for el in page.locator(selector).all())


@pytest.mark.parametrize("entry", PAGES, ids=lambda p: p.name)
def test_every_page_prints_to_a4_without_the_sidebar(entry, new_page, app_url):
    page = new_page()
    page.set_viewport_size(A4)
    page.emulate_media(media="print")
    goto(page, app_url, f"/{entry.url_path}")
    assert page.locator('[data-testid="stMain"]').is_visible()
    for selector in ('[data-testid="stSidebar"]', '[data-testid="stHeader"]', ".st-key-vni_share"):
        assert _hidden(page, selector), f"{selector} shows in print on /{entry.url_path}"
    found = page.evaluate(_OUTSIDE_JS)
    screenshot(page, f"print-{entry.name}")
    assert found["n"] == 0, f"/{entry.url_path} in print: {found['n']} elements cross the page: {found['outside']}"
    assert found["scroll"] <= found["width"] + 1, f"/{entry.url_path} scrolls sideways in print: {found}"
    main = page.locator('[data-testid="stMainBlockContainer"]').bounding_box()
    assert main["x"] <= 1 and main["width"] >= A4["width"] - 40, f"the main block is not the page's width: {main}"
