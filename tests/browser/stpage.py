"""Waiting on a Streamlit page in a real browser.

A run is known to be over when the server says so: `watch_runs(page)` (installed by the fixtures on every page
before it loads) reads the app's websocket and counts the `script_finished` messages (a run interrupted by a
rerun is not counted). So a test waits for *the next* run after it changes a widget, never racing the previous
run's end, and a fast rerun cannot slip by (the DOM's `data-test-script-state` may not change at all when a
rerun takes a few milliseconds). A run counts as settled once it finished, the app shows
`data-test-script-state="notRunning"` and no message has come for a quiet period.
"""

from __future__ import annotations

import time
from pathlib import Path
from urllib.parse import urlsplit

from browser_harness import ARTIFACTS

SCREENSHOTS = ARTIFACTS / "screenshots"

APP = '[data-testid="stApp"]'
IDLE = '[data-testid="stApp"][data-test-script-state="notRunning"]'
PLOT_DRAWN = '[data-testid="stPlotlyChart"] .main-svg'
DATAFRAME = '[data-testid="stDataFrame"]'
METRIC = '[data-testid="stMetric"]'
EXCEPTION = '[data-testid="stException"]'


class RunWatch:
    """Script runs the server reported finished on one page, and when its last message came."""

    def __init__(self) -> None:
        self.finished = 0
        self.last_message = time.monotonic()

    def on_frame(self, payload) -> None:
        from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

        self.last_message = time.monotonic()
        if not isinstance(payload, (bytes, bytearray)):
            return
        try:
            msg = ForwardMsg.FromString(bytes(payload))
        except Exception:  # noqa: BLE001 - not a ForwardMsg: not ours to count
            return
        if msg.WhichOneof("type") == "script_finished" and \
                msg.script_finished != ForwardMsg.ScriptFinishedStatus.FINISHED_EARLY_FOR_RERUN:
            self.finished += 1


def watch_runs(page) -> RunWatch:
    """Count the runs the server finishes for PAGE (call before the page loads)."""
    watch = RunWatch()
    page.on("websocket", lambda ws: ws.on("framereceived", watch.on_frame))
    page._vni_runs = watch
    return watch


def runs(page) -> int:
    """Script runs finished so far on this page."""
    return page._vni_runs.finished


def wait_settled(page, after: int = 0, quiet_ms: int = 300, timeout_ms: int = 30_000) -> None:
    """Wait until a run later than `after` finished, the app is idle, and no message came for `quiet_ms`."""
    watch: RunWatch = page._vni_runs
    deadline = time.monotonic() + timeout_ms / 1000
    while True:
        quiet = (time.monotonic() - watch.last_message) * 1000 >= quiet_ms
        if watch.finished > after and quiet and page.locator(IDLE).count():
            return
        if time.monotonic() > deadline:
            raise TimeoutError(f"no script run finished after run {after} within {timeout_ms} ms "
                               f"(finished: {watch.finished}, url: {page.url})")
        page.wait_for_timeout(25)  # lets Playwright deliver the websocket events


def open_app(page, base: str, path: str = "/", timeout_ms: int = 30_000) -> None:
    """Navigate to BASE+PATH (or PATH when it is a full URL); wait until the first run finished and all is quiet."""
    url = path if path.startswith("http") else base.rstrip("/") + path
    before = runs(page)
    page.goto(url, wait_until="commit", timeout=timeout_ms)
    wait_settled(page, before, timeout_ms=timeout_ms)


def rerun_after(page, action, quiet_ms: int = 300, timeout_ms: int = 30_000) -> None:
    """Do ACTION (a callable changing a widget) and wait for the rerun it causes to finish."""
    before = runs(page)
    action()
    wait_settled(page, before, quiet_ms=quiet_ms, timeout_ms=timeout_ms)


def screenshot(page, name: str) -> Path:
    """Save the viewport (the tall test viewport holds the page) to artifacts/screenshots/NAME.png."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / f"{name}.png"
    page.screenshot(path=str(path))
    return path


def exceptions(page) -> list[str]:
    """Texts of the st.exception boxes on the page."""
    return [e.inner_text() for e in page.locator(EXCEPTION).all()]


def query(page) -> dict[str, list[str]]:
    """The current URL's query parameters."""
    from urllib.parse import parse_qs, urlsplit

    return parse_qs(urlsplit(page.url).query, keep_blank_values=True)


def path(page) -> str:
    from urllib.parse import urlsplit

    return urlsplit(page.url).path


# True once every visible plotly chart has drawn a trace, every visible dataframe has its grid, and no
# skeleton (a lazily loaded element still coming) is left in the main area.
_DRAWN_JS = """
() => {
  const main = document.querySelector('[data-testid="stMain"]');
  if (!main || main.querySelector('[data-testid="stSkeleton"]')) return false;
  const visible = (el) => el.checkVisibility ? el.checkVisibility() : el.offsetParent !== null;
  const charts = [...main.querySelectorAll('[data-testid="stPlotlyChart"]')].filter(visible);
  const frames = [...main.querySelectorAll('[data-testid="stDataFrame"]')].filter(visible);
  return charts.every(c => c.querySelector('.main-svg .trace'))
         && frames.every(f => f.querySelector('table[aria-rowcount]'));
}
"""


def wait_drawn(page, timeout_ms: int = 30_000) -> None:
    """Wait until the visible charts and tables of the main area are drawn."""
    page.wait_for_function(_DRAWN_JS, timeout=timeout_ms)


def goto(page, base: str, path: str = "/", timeout_ms: int = 30_000) -> None:
    """open_app, then wait_drawn: the page's first run finished and its charts and tables are drawn."""
    open_app(page, base, path, timeout_ms)
    wait_drawn(page, timeout_ms)


# ---------------------------------------------------------------------------------------------- widgets by key


def keyed(page, key: str):
    """The element container of the widget (or element) created with key=KEY."""
    return page.locator(f".st-key-{key}")


def segmented_value(page, key: str) -> str:
    """Label of the selected button of a segmented control / pills."""
    return keyed(page, key).locator('button[aria-checked="true"]').inner_text().strip()


def click_segment(page, key: str, label: str) -> None:
    keyed(page, key).get_by_role("radio", name=label, exact=True).click()


def selectbox_value(page, key: str) -> str:
    return keyed(page, key).locator('input[role="combobox"]').input_value()


def choose(page, key: str, option: str) -> None:
    """Open a selectbox and click OPTION."""
    keyed(page, key).locator('input[role="combobox"]').click()
    page.get_by_role("option", name=option, exact=True).click()


def multiselect_values(page, key: str) -> list[str]:
    return [s.strip() for s in keyed(page, key).locator("[data-tag] span[title]").all_inner_texts()]


def slider_values(page, key: str) -> list[str]:
    return [i.get_attribute("aria-valuetext") or i.input_value()
            for i in keyed(page, key).locator('input[type="range"]').all()]


def text_value(page, key: str) -> str:
    return keyed(page, key).locator("input, textarea").first.input_value()


# ---------------------------------------------------------------------------------------------- tables and charts


def grid_row_count(frame_locator) -> int:
    """Rows of an st.dataframe as its grid announces them (aria-rowcount counts the header row too)."""
    table = frame_locator.locator("table[aria-rowcount]")
    return int(table.get_attribute("aria-rowcount")) - 1


def grid_rows(frame_locator) -> dict[int, list[str]]:
    """The rows the grid has rendered (it renders those in view), by 0-based data row index."""
    rows = frame_locator.locator("table[aria-rowcount]").evaluate("""t => [...t.querySelectorAll('tr')]
        .map(r => [r.getAttribute('aria-rowindex'), [...r.children].map(c => c.textContent)])""")
    out = {}
    for index, cells in rows:
        if index is not None and int(index) >= 2:  # aria-rowindex 1 is the header
            out[int(index) - 2] = cells
    return out


def grid_header(frame_locator) -> list[str]:
    return frame_locator.locator("table[aria-rowcount]").evaluate(
        "t => [...(t.querySelector('thead tr') || t.querySelector('tr')).children].map(c => c.textContent)")


def chart_texts(page, selector: str = '[data-testid="stPlotlyChart"]') -> dict[str, list[str]]:
    """Texts drawn in the plotly charts: titles, axis titles, tick labels, legend entries."""
    return page.evaluate("""sel => {
        const pick = (q) => [...document.querySelectorAll(sel + ' ' + q)].map(n => n.textContent.trim()).filter(Boolean);
        return {title: pick('.main-svg .gtitle'), ytitle: pick('.main-svg .g-ytitle'),
                xticks: pick('.main-svg .xtick text'), legend: pick('.main-svg .legendtext')};
    }""", selector)


def offline(page) -> list[str]:
    """Refuse every request to another host; the list fills with what was refused."""
    refused: list[str] = []

    def route(r):
        host = urlsplit(r.request.url).hostname or ""
        if host in ("127.0.0.1", "localhost"):
            r.continue_()
        else:
            refused.append(r.request.url)
            r.abort()

    page.context.route("**/*", route)
    return refused


PHONE = {"width": 390, "height": 844}


def chart_edges_and_overflow(page) -> tuple[list[float], float]:
    """Where each plotly chart ends on the right, and how far the main area scrolls sideways (0 when it fits)."""
    edges = page.evaluate("""() => [...document.querySelectorAll('[data-testid="stPlotlyChart"]')]
        .map(c => c.getBoundingClientRect().right)""")
    overflow = page.evaluate("""() => { const m = document.querySelector('[data-testid="stMain"]');
        return m.scrollWidth - m.clientWidth; }""")
    return edges, overflow
