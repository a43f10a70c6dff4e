"""Uploads at the cap in sessions that close: does the server give the memory back, and do other readers wait?

    flock /tmp/bench.lock .venv/bin/python benchmarks/upload_memory.py [--uploads 10] [--ttl 5]

Starts `streamlit run app.py` (tests/browser/browser_harness.py) with `server.disconnectedSessionTTL` set to
TTL seconds (Streamlit keeps a closed tab's session 120 s by default, in case it reconnects; a shorter wait
measures the same release sooner). In Chromium, each upload is made in a fresh browser context: open the
landing page, open "Use my own data", upload a distinct zip at the row cap (validate_speed.synthetic_upload,
200,000 rows, another seed each time), wait for "Using your uploaded data", close the context.

Reported:
- RSS of the server process and of its process tree (the validation worker is a child) before the uploads
  (after one small warm-up upload, so that the worker's forkserver is already running), after them with the
  sessions closed and expired, and the difference. Target: within 100 MB.
- The landing page's time to first content (navigation -> the first headline figure drawn, the run finished)
  in a fresh context: idle (median of 3), and while another session's cap upload is being validated (median
  of 3). Target: at most 1.5 times idle.
Nothing here is a test and nothing fails on time.
"""

from __future__ import annotations

import argparse
import io
import statistics
import sys
import tempfile
import time
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "benchmarks"))
sys.path.insert(0, str(ROOT / "tests" / "browser"))

from browser_harness import launch_chromium, streamlit_server  # noqa: E402
from load_test import metrics, rss_mb  # noqa: E402
from upload_speed import build_zip  # noqa: E402

from vnintegration.core.uploads import DEFAULT_LIMITS  # noqa: E402
from vnintegration.dashboard.own_data import RELEASE_EVERY  # noqa: E402

FIRST = '[data-testid="stMetric"]'
DONE = '[data-testid="stApp"][data-test-script-state="notRunning"]'


def landing(browser, base: str) -> float:
    """Seconds from navigation to the landing page's first headline figure, in a fresh context."""
    ctx = browser.new_context(viewport={"width": 1280, "height": 900})
    try:
        page = ctx.new_page()
        start = time.perf_counter()
        page.goto(f"{base}/?lang=en", wait_until="commit")
        page.locator(FIRST).first.wait_for(timeout=120_000)
        page.locator(DONE).wait_for(timeout=120_000)
        return time.perf_counter() - start
    finally:
        ctx.close()


def start_upload(browser, base: str, path: Path):
    """A fresh context on the landing page with PATH chosen in the sidebar's uploader; returns (context, page)."""
    ctx = browser.new_context(viewport={"width": 1280, "height": 900})
    page = ctx.new_page()
    page.goto(f"{base}/?lang=en", wait_until="commit")
    page.locator(FIRST).first.wait_for(timeout=120_000)
    page.locator(DONE).wait_for(timeout=120_000)
    sidebar = page.locator('[data-testid="stSidebar"]')
    expander = sidebar.locator("details", has_text="Use my own data")
    if expander.get_attribute("open") is None:
        expander.locator("summary").click()
    chooser = sidebar.locator('[data-testid="stFileUploader"] input[type="file"]')
    chooser.wait_for(state="attached", timeout=60_000)
    chooser.set_input_files(str(path))
    return ctx, page


def finish_upload(ctx, page) -> None:
    page.get_by_text("Using your uploaded data", exact=False).wait_for(timeout=300_000)
    ctx.close()


def small_zip() -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name in ("indicators.csv", "observations.csv", "sources.csv", "events.csv"):
            archive.write(ROOT / "data" / name, name)
    return out.getvalue()


def settle(browser, base: str, pid: int, wait: float) -> tuple[float, float]:
    """Wait for closed sessions to expire; open and close one page (Streamlit drops expired sessions when its
    session store is next used); after own_data.RELEASE_EVERY, another page (its run lets the app collect and
    trim); then RSS (server, tree), the lowest of six readings 2 s apart."""
    time.sleep(wait)
    landing(browser, base)
    time.sleep(RELEASE_EVERY + 1)
    landing(browser, base)
    readings = []
    for _ in range(6):
        time.sleep(2)
        readings.append((_own_rss(pid), rss_mb([pid])))
    return min(r[0] for r in readings), min(r[1] for r in readings)


def _own_rss(pid: int) -> float:
    with open(f"/proc/{pid}/status", encoding="utf-8") as f:
        return next(int(line.split()[1]) for line in f if line.startswith("VmRSS:")) / 1024


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--uploads", type=int, default=10)
    ap.add_argument("--ttl", type=int, default=5, help="server.disconnectedSessionTTL, seconds (default 5)")
    ap.add_argument("--rows", type=int, default=DEFAULT_LIMITS.max_rows)
    args = ap.parse_args()
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        start = time.perf_counter()
        zips = []
        for n in range(args.uploads):
            path = tmp / f"cap-{n}.zip"
            path.write_bytes(build_zip(args.rows, seed=n + 2))
            zips.append(path)
        warm = tmp / "small.zip"
        warm.write_bytes(small_zip())
        print(f"{args.uploads} distinct zips of {args.rows:,} rows ({zips[0].stat().st_size / 1e6:.1f} MB each) "
              f"built in {time.perf_counter() - start:.0f} s")
        pids: list[int] = []
        flags = ("--server.disconnectedSessionTTL", str(args.ttl))
        with streamlit_server("app.py", cwd=ROOT, log_path=tmp / "server.log", flags=flags, pids=pids) as base, \
                sync_playwright() as p:
            browser = launch_chromium(p)
            pid = pids[0]
            idle = [landing(browser, base) for _ in range(4)][1:]  # the first also warms the server
            finish_upload(*start_upload(browser, base, warm))
            before = settle(browser, base, pid, args.ttl + 2)
            print(f"before: server {before[0]:.0f} MB, process tree {before[1]:.0f} MB")
            print(f"  Streamlit's metrics: {metrics(base)}")
            busy, took = [], []
            for n, path in enumerate(zips):
                t0 = time.perf_counter()
                ctx, page = start_upload(browser, base, path)
                if n < 3:  # another reader opens the landing page while this upload is validated
                    time.sleep(0.5)
                    busy.append(landing(browser, base))
                finish_upload(ctx, page)
                took.append(time.perf_counter() - t0)
                print(f"  upload {n + 1}: {took[-1]:.1f} s to 'Using your uploaded data' (context closed); "
                      f"server {_own_rss(pid):.0f} MB, tree {rss_mb([pid]):.0f} MB")
            after = settle(browser, base, pid, args.ttl + 2)
            print(f"after {args.uploads} uploads, sessions closed and expired: server {after[0]:.0f} MB "
                  f"({after[0] - before[0]:+.0f} MB), process tree {after[1]:.0f} MB ({after[1] - before[1]:+.0f} MB); "
                  "target within 100 MB")
            print(f"  Streamlit's metrics: {metrics(base)}")
            print(f"landing page, first content: idle median {statistics.median(idle):.2f} s {[round(x, 2) for x in idle]}; "
                  f"while a cap upload is validated median {statistics.median(busy):.2f} s {[round(x, 2) for x in busy]} "
                  f"= {statistics.median(busy) / statistics.median(idle):.2f}x idle (target at most 1.5x)")
            browser.close()


if __name__ == "__main__":
    main()
