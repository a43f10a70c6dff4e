"""Two replicas behind nginx with sticky sessions: browsers through the proxy, both replicas serve (issue #6).

scripts/replicas.py starts two `streamlit run app.py` replicas and nginx (deploy/nginx/) on free loopback
ports. Fresh browser contexts (fresh cookie jars: new readers) each open Trends through the proxy, wait for
the chart, change the transform, wait for the rerun, and download the CSV: the download is served from the
memory of the replica that ran the script (/media/...), so it only works when the browser's requests stick
to the replica that holds its websocket. Each reader has its own user agent, which nginx's access log records
with the replica that answered every request; the log must show
  (a) websocket sessions (/_stcore/stream, status 101) on both replicas, one per reader;
  (b) every request of one reader (page, assets, websocket, CSV downloads) answered by one replica, the one
      its `vnroute` cookie names, and no request answered by another replica than its cookie named.
New readers are spread round robin, so 4 readers land 2 and 2.

Skipped without nginx, Chromium or Playwright, unless VNI_REQUIRE_BROWSER=1 (CI), where it fails instead.
"""

from __future__ import annotations

import os
import shutil
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "tests" / "browser"))

from browser_harness import ARTIFACTS, find_chromium  # noqa: E402
from tests.conftest import load_script  # noqa: E402

from vnintegration.present import i18n  # noqa: E402

replicas = load_script("scripts/replicas.py")

REQUIRED = os.environ.get("VNI_REQUIRE_BROWSER") == "1"
READERS = 4
UA = "Mozilla/5.0 (X11; Linux x86_64) vni-replicas-test/reader-{}"
WAIT_MS = 90_000  # one wait; generous for a runner busy with other work
PLOT_TRACE = '[data-testid="stPlotlyChart"] .main-svg .trace'
EXCEPTION = '[data-testid="stException"]'

# Before a page loads: remember when the app's script state last changed and when the last websocket message
# came, so a wait can ask for the app idle and quiet (see SETTLED_JS). Runs are not counted: on a busy
# renderer React can batch "running" and "notRunning" into one render; waits look for what a run leaves.
WATCH_JS = """
(() => {
  if (window.__vni) return;
  const w = window.__vni = {state: null, changed: 0, message: 0};
  new MutationObserver(() => {
    const app = document.querySelector('[data-testid="stApp"]');
    const s = app ? app.getAttribute('data-test-script-state') : null;
    if (s !== w.state) { w.state = s; w.changed = performance.now(); }
  }).observe(document, {subtree: true, childList: true, attributes: true,
                        attributeFilter: ['data-test-script-state']});
  const Orig = window.WebSocket;
  const Patched = function (...args) {
    const ws = new Orig(...args);
    ws.addEventListener('message', () => { w.message = performance.now(); });
    return ws;
  };
  Patched.prototype = Orig.prototype;
  for (const k of ['CONNECTING', 'OPEN', 'CLOSING', 'CLOSED']) Patched[k] = Orig[k];
  window.WebSocket = Patched;
})();
"""
SETTLED_JS = """
() => {
  const w = window.__vni;
  const app = document.querySelector('[data-testid="stApp"]');
  return !!w && !!app && app.getAttribute('data-test-script-state') === 'notRunning'
         && performance.now() - Math.max(w.changed, w.message) >= 300;
}
"""
DRAWN_JS = """
() => {
  const main = document.querySelector('[data-testid="stMain"]');
  if (!main || main.querySelector('[data-testid="stSkeleton"]')) return false;
  return [...main.querySelectorAll('[data-testid="stPlotlyChart"]')].every(c => c.querySelector('.main-svg .trace'));
}
"""
YOY_DRAWN_JS = """
t => location.search.includes('tf=yoy')
     && [...document.querySelectorAll('[data-testid="stPlotlyChart"] .g-ytitle')].some(e => e.textContent.trim() === t)
"""


def _missing() -> str | None:
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "Playwright for Python is not installed (pip install -e '.[test]')"
    if find_chromium() is None:
        return "no Chromium found (/usr/bin/chromium or `chromium` on PATH); apt-get install chromium"
    if replicas.find_nginx() is None:
        return "no nginx found; apt-get install nginx"
    return None


pytestmark = [pytest.mark.browser]


@pytest.fixture(scope="module")
def proxied():
    missing = _missing()
    if missing:
        if REQUIRED:
            pytest.fail(f"VNI_REQUIRE_BROWSER=1 but {missing}", pytrace=False)
        pytest.skip(f"replicas test skipped: {missing}")
    out = ARTIFACTS / "replicas"
    with replicas.cluster(replicas=2) as c:
        try:
            yield c
        finally:  # keep the evidence: the access log and the replicas' logs
            out.mkdir(parents=True, exist_ok=True)
            for path in [c.access_log, c.error_log, *(r.log for r in c.replicas)]:
                if path.exists():
                    shutil.copy(path, out / path.name)


def _readers(browser, base: str, n: int, errors: list[str]) -> dict[str, str]:
    """N fresh contexts through the proxy, driven side by side (each step started on all pages, then awaited).

    Returns each reader's user agent -> the vnroute cookie it ended with. The contexts are closed at the end.
    """
    contexts, pages = [], []
    try:
        for k in range(n):
            ctx = browser.new_context(viewport={"width": 1280, "height": 900}, accept_downloads=True,
                                      user_agent=UA.format(k))
            ctx.add_init_script(WATCH_JS)
            contexts.append(ctx)
            page = ctx.new_page()
            page.set_default_timeout(WAIT_MS)
            page.on("pageerror", lambda err, k=k: errors.append(f"reader {k}: {err}"))
            pages.append(page)
        for page in pages:
            page.goto(f"{base}/trends?lang=en", wait_until="commit")
        for page in pages:
            page.wait_for_selector(PLOT_TRACE)
            page.wait_for_function(SETTLED_JS, timeout=WAIT_MS, polling=100)

        for page in pages:
            page.locator(".st-key-transform").get_by_role("radio", name=i18n.t("tf_yoy", "en"), exact=True).click()
        for page in pages:  # the rerun's marks: the URL and the chart's change axis
            page.wait_for_function(YOY_DRAWN_JS, arg=i18n.t("change_rel", "en"), timeout=WAIT_MS, polling=100)
            page.wait_for_function(SETTLED_JS, timeout=WAIT_MS, polling=100)
            page.wait_for_function(DRAWN_JS, timeout=WAIT_MS, polling=100)

        for page in pages:  # the CSV comes from the memory of the replica that ran this session's script
            with page.expect_download() as info:
                page.locator(".st-key-download_csv").locator("button").click()
            data = Path(info.value.path()).read_text(encoding="utf-8-sig")  # with or without a BOM
            assert data.splitlines()[0].startswith("indicator"), data[:200]
            assert len(data.splitlines()) > 1
            assert page.locator(EXCEPTION).count() == 0, page.locator(EXCEPTION).first.inner_text()
        return {UA.format(k): next((c["value"] for c in ctx.cookies() if c["name"] == "vnroute"), "")
                for k, ctx in enumerate(contexts)}
    finally:
        for ctx in contexts:
            ctx.close()


def _websockets_logged(access_log: Path, expected: int, timeout: float = 15.0) -> dict:
    """nginx logs a websocket (status 101) when it closes: wait until EXPECTED are in the log, then summarize."""
    deadline = time.monotonic() + timeout
    while True:
        summary = replicas.summarize(replicas.parse_access_log(access_log))
        if sum(summary["websockets"].values()) >= expected or time.monotonic() > deadline:
            return summary
        time.sleep(0.2)


def test_sessions_through_nginx_stick_to_one_replica_and_both_replicas_serve(proxied, browser):
    # The session's browser (tests/browser/conftest.py): a second sync Playwright in one process fails.
    errors: list[str] = []
    cookies = _readers(browser, proxied.url, READERS, errors)

    assert not errors, "JavaScript errors:\n" + "\n".join(errors)
    summary = _websockets_logged(proxied.access_log, READERS)
    entries = [e for e in replicas.parse_access_log(proxied.access_log) if "vni-replicas-test" in e.user_agent]
    by_reader = replicas.summarize(entries, client=lambda e: e.user_agent)
    names = {f"r{n}" for n in range(1, len(proxied.replicas) + 1)}

    # (a) both replicas held websocket sessions, one per reader
    assert set(summary["websockets"]) == names, summary
    assert sum(summary["websockets"].values()) == READERS, summary

    # (b) each reader stayed on one replica, the one its cookie names; no request left its cookie's replica
    assert by_reader["clients"] == READERS, by_reader
    assert by_reader["clients_on_more_than_one_replica"] == {}, by_reader
    assert by_reader["off_cookie"] == [], by_reader
    ws_of = {e.user_agent: e.served for e in entries if e.path.endswith("/_stcore/stream") and e.status == 101}
    assert ws_of == cookies, (ws_of, cookies)
    media = [e for e in entries if e.path.startswith("/media/")]
    assert {e.user_agent for e in media} == set(cookies), "a reader fetched no CSV"
    assert all(e.status == 200 and e.served == ws_of[e.user_agent] for e in media), \
        [(e.path, e.status, e.served) for e in media]
    assert all(e.status < 500 for e in entries), [(e.path, e.status) for e in entries if e.status >= 500]
    assert proxied.alive() == []
