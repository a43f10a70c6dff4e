"""Fixtures for the real-browser tests: one `streamlit run app.py` and one Chromium per session, a fresh
browser context per test.

Where no Chromium is installed the browser tests are skipped with the reason, unless VNI_REQUIRE_BROWSER=1
(CI sets it), where they fail instead. Console messages and page errors of every page a test opens go to
artifacts/console/<test>.log; a page error (an uncaught JavaScript exception) fails the test.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest
from browser_harness import ARTIFACTS, ROOT, find_chromium, launch_chromium, streamlit_server
from stpage import PHONE, watch_runs

HERE = Path(__file__).resolve().parent
REQUIRED = os.environ.get("VNI_REQUIRE_BROWSER") == "1"
VIEWPORT = {"width": 1280, "height": 1800}


def _missing() -> str | None:
    """Why the browser tests cannot run here, or None."""
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "Playwright for Python is not installed (pip install -e '.[test]')"
    if find_chromium() is None:
        return "no Chromium found (/usr/bin/chromium or `chromium` on PATH); apt-get install chromium"
    return None


def pytest_collection_modifyitems(config, items):
    missing = _missing()
    for item in items:
        if HERE not in Path(str(item.path)).resolve().parents:
            continue
        item.add_marker(pytest.mark.browser)
        if missing and not REQUIRED:
            item.add_marker(pytest.mark.skip(reason=f"browser test skipped: {missing}"))


def _worker_suffix() -> str:
    worker = os.environ.get("PYTEST_XDIST_WORKER")
    return f"-{worker}" if worker else ""


@pytest.fixture(scope="session")
def app_url() -> str:
    """Base URL of `streamlit run app.py` started from the repository root for the whole session."""
    log = ARTIFACTS / f"server{_worker_suffix()}.log"
    with streamlit_server("app.py", cwd=ROOT, log_path=log) as base:
        yield base


@pytest.fixture(scope="session")
def browser():
    missing = _missing()
    if missing:
        pytest.fail(f"VNI_REQUIRE_BROWSER=1 but {missing}", pytrace=False)
    from playwright.sync_api import expect, sync_playwright

    expect.set_options(timeout=20_000)  # a lazily loaded chart bundle can take seconds on a busy runner

    with sync_playwright() as p:
        b = launch_chromium(p)
        try:
            yield b
        finally:
            b.close()


class PageLog:
    """Console messages and page errors of the pages a test opened."""

    def __init__(self) -> None:
        self.lines: list[str] = []
        self.page_errors: list[str] = []

    def watch(self, page, label: str) -> None:
        def on_console(msg):
            if msg.type in ("error", "warning"):
                loc = msg.location or {}
                self.lines.append(f"[{label}] console.{msg.type}: {msg.text} ({loc.get('url', '')})")

        def on_pageerror(err):
            text = f"[{label}] pageerror: {err}"
            self.lines.append(text)
            self.page_errors.append(text)

        def on_failed(req):
            self.lines.append(f"[{label}] requestfailed: {req.url} ({req.failure})")

        page.on("console", on_console)
        page.on("pageerror", on_pageerror)
        page.on("requestfailed", on_failed)


@pytest.fixture
def new_page(browser, request):
    """Factory: a page in a *fresh* browser context (1280x1800, downloads accepted), watched for errors.

    Call it twice in a test to open the same URL in two independent contexts (no shared state).
    """
    log = PageLog()
    contexts = []

    def make():
        ctx = browser.new_context(viewport=VIEWPORT, accept_downloads=True)
        contexts.append(ctx)
        page = ctx.new_page()
        page.set_default_timeout(30_000)
        watch_runs(page)
        log.watch(page, f"context{len(contexts)}")
        return page

    yield make

    for ctx in contexts:
        ctx.close()
    name = re.sub(r"[^\w.-]+", "_", request.node.nodeid.split("::", 1)[-1])
    out = ARTIFACTS / "console"
    out.mkdir(parents=True, exist_ok=True)
    (out / f"{name}.log").write_text("\n".join(log.lines) + ("\n" if log.lines else ""), encoding="utf-8")
    if log.page_errors:
        pytest.fail("JavaScript errors on the page:\n" + "\n".join(log.page_errors), pytrace=False)


@pytest.fixture
def page(new_page):
    """A page in a fresh browser context."""
    return new_page()


@pytest.fixture
def phone(browser):
    """A page in a fresh context the size of a phone (390x844, touch)."""
    ctx = browser.new_context(viewport=PHONE, device_scale_factor=2, is_mobile=True, has_touch=True)
    page = ctx.new_page()
    page.set_default_timeout(30_000)
    watch_runs(page)
    yield page
    ctx.close()
