"""The Import page's "unknown language None" traceback, in a real Chromium: a reader pastes an article, clicks a
download button and at once toggles "show hidden figures"; about three tries in ten showed a full traceback.
Here the same, ten times in a row, in both languages: no run may end in an exception box.
"""

from __future__ import annotations

import pytest
from stpage import EXCEPTION, exceptions, goto, keyed, runs, wait_drawn, wait_settled
from test_pages_browser import paste_article

pytestmark = pytest.mark.browser

TRIES = 10


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_download_then_toggle_never_shows_a_traceback(new_page, app_url, lang):
    page = new_page()
    goto(page, app_url, "/import" + ("?lang=en" if lang == "en" else ""))
    paste_article(page)
    wait_drawn(page)
    assert exceptions(page) == []
    toggle = keyed(page, "import_show_all").locator("label").first
    seen: list[str] = []
    for n in range(TRIES):
        key = ("dl_zip", "dl_text", "dl_source")[n % 3]
        before = runs(page)
        with page.expect_download():
            keyed(page, key).locator("button").click()
            toggle.click()  # at once, while the download is on its way
        wait_settled(page, before)
        if page.locator(EXCEPTION).count():
            seen.append(f"try {n + 1}: " + "\n".join(exceptions(page)))
    assert seen == [], "\n\n".join(seen)
