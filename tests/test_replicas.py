"""Two replicas behind nginx with sticky sessions: browsers through the proxy, both replicas serve (issue #6).

scripts/replicas.py starts two `streamlit run app.py` replicas and nginx (deploy/nginx/) on free loopback
ports. Fresh browser contexts (fresh cookie jars: new readers) each open Trends through the proxy, wait for
the chart, change the transform, wait for the rerun, and download the CSV: the download is served from the
memory of the replica that ran the script (/media/...), so it only works when the browser's requests stick
to the replica that holds its websocket. Then nginx's access log must show
  (a) websocket sessions (/_stcore/stream, status 101) on both replicas, and
  (b) every routing id (the `vnroute` cookie) on exactly one replica.
Routing ids are random, so a wave of 4 readers lands on one replica with a chance of 1 in 8; another wave is
opened only then, up to 3 (all 12 readers on one replica: 1 in 2048).

Skipped without nginx, Chromium or Playwright, unless VNI_REQUIRE_BROWSER=1 (CI), where it fails instead.
"""

from __future__ import annotations

import importlib.util
import os
import shutil
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests" / "browser"))

from browser_harness import ARTIFACTS, find_chromium, launch_chromium  # noqa: E402
from stpage import _DRAWN_JS, RUN_WATCH_JS, runs, wait_settled  # noqa: E402

from vnintegration import i18n  # noqa: E402


def _load_replicas():
    spec = importlib.util.spec_from_file_location("vni_replicas", ROOT / "scripts" / "replicas.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


replicas = _load_replicas()

REQUIRED = os.environ.get("VNI_REQUIRE_BROWSER") == "1"
WAVE = 4
WAVES = 3
WAIT_MS = 90_000  # one wait; generous for a runner busy with other work
PLOT_TRACE = '[data-testid="stPlotlyChart"] .main-svg .trace'
EXCEPTION = '[data-testid="stException"]'


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


def _wave(browser, base: str, n: int, errors: list[str]) -> None:
    """N fresh contexts through the proxy, driven side by side (each step is started on all pages, then awaited)."""
    contexts, pages = [], []
    try:
        _drive(browser, base, n, errors, contexts, pages)
    finally:
        for ctx in contexts:
            ctx.close()


def _drive(browser, base: str, n: int, errors: list[str], contexts: list, pages: list) -> None:
    for k in range(n):
        ctx = browser.new_context(viewport={"width": 1280, "height": 900}, accept_downloads=True)
        ctx.add_init_script(RUN_WATCH_JS)
        contexts.append(ctx)
        page = ctx.new_page()
        page.set_default_timeout(WAIT_MS)
        page.on("pageerror", lambda err, k=k: errors.append(f"page {k}: {err}"))
        pages.append(page)
    for page in pages:
        page.goto(f"{base}/trends?lang=en", wait_until="commit")
    for page in pages:
        page.wait_for_selector(PLOT_TRACE)
        wait_settled(page, 0, timeout_ms=WAIT_MS)

    before = [runs(page) for page in pages]
    for page in pages:
        page.locator(".st-key-transform").get_by_role("radio", name=i18n.t("tf_yoy", "en"), exact=True).click()
    for page, after in zip(pages, before):
        wait_settled(page, after, timeout_ms=WAIT_MS)
        page.wait_for_function(_DRAWN_JS, timeout=WAIT_MS)
        assert "tf=yoy" in page.url

    for page in pages:  # the CSV comes from the memory of the replica that ran this session's script
        with page.expect_download() as info:
            page.locator(".st-key-download_csv").locator("button").click()
        data = Path(info.value.path()).read_text(encoding="utf-8")
        assert data.splitlines()[0].startswith("indicator"), data[:200]
        assert len(data.splitlines()) > 1
        assert page.locator(EXCEPTION).count() == 0, page.locator(EXCEPTION).first.inner_text()


def _websockets_logged(access_log: Path, expected: int, timeout: float = 15.0) -> dict:
    """nginx logs a websocket (status 101) when it closes: wait until EXPECTED are in the log, then summarize."""
    deadline = time.monotonic() + timeout
    while True:
        summary = replicas.summarize(replicas.parse_access_log(access_log))
        if sum(summary["websockets"].values()) >= expected or time.monotonic() > deadline:
            return summary
        time.sleep(0.2)


def test_sessions_through_nginx_stick_to_one_replica_and_both_replicas_serve(proxied):
    from playwright.sync_api import sync_playwright

    errors: list[str] = []
    opened = 0
    with sync_playwright() as p:
        browser = launch_chromium(p)
        try:
            for _wave_no in range(WAVES):
                _wave(browser, proxied.url, WAVE, errors)
                opened += WAVE
                summary = _websockets_logged(proxied.access_log, opened)
                if len(summary["websockets"]) >= 2:
                    break
        finally:
            browser.close()

    assert not errors, "JavaScript errors:\n" + "\n".join(errors)
    entries = replicas.parse_access_log(proxied.access_log)
    upstreams = {r.upstream for r in proxied.replicas}

    # (a) both replicas held websocket sessions, one per browser context, and nothing else did
    assert set(summary["websockets"]) == upstreams, summary
    assert sum(summary["websockets"].values()) == opened, summary

    # (b) every routing id stayed on one replica: page, assets, websocket, downloads
    assert summary["routes_on_more_than_one_upstream"] == {}, summary
    media = [e for e in entries if e.path.startswith("/media/")]
    assert len({e.route for e in media}) == opened, "a session fetched no CSV"
    assert all(e.status == 200 for e in media), [(e.path, e.status) for e in media]
    ws_route = {e.route: e.upstream for e in entries if e.path.endswith("/_stcore/stream") and e.status == 101}
    assert all(ws_route.get(e.route) == e.upstream for e in media), "a download left its session's replica"
    assert all(e.status < 500 for e in entries), [(e.path, e.status) for e in entries if e.status >= 500]
    assert proxied.alive() == []
