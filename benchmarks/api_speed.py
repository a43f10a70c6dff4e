"""The data API's speed (issue 22): against Datasette on the same rows, and its cost to the dashboard's readers.

Run (on a quiet machine: the figures of a shared one measure the neighbours):
      flock /tmp/bench.lock .venv/bin/python benchmarks/api_speed.py
      .venv/bin/python benchmarks/api_speed.py --requests 50 --runs 2      # a short run that shows it works
      .venv/bin/python benchmarks/api_speed.py --no-browser                # part 1 only
Needs the `bench` extra (`pip install -e ".[bench]"`: datasette, sqlite-utils); part 2 needs Chromium and Playwright.

It starts `streamlit run app.py` (or, with --serve uvicorn, `uvicorn app:app`: the same st.App; Streamlit's own
server leaves Nagle's algorithm on for its connections, so every answer after the first on a keep-alive
connection waits about 40 ms for the client's delayed ACK; uvicorn's sockets have TCP_NODELAY) (the dashboard,
serving /api/v1/ beside its pages), fetches the API's whole
observations table as CSV, writes those rows into an SQLite file in a temporary directory with sqlite-utils
(every column as text as the CSV has it, `year` as an integer so that Datasette can compare it), and serves that
file with `datasette serve -i` (immutable: how Datasette serves published data) on a port of 8900-8949.

(1) The same filtered query, "exports from 2020 on", asked of both:
      ours       /api/v1/observations.csv?ind=exports&from=2020
      Datasette  /vni/observations.csv?indicator=exports&year__gte=2020&_size=max
    once to check that both return the same rows (both counts are printed; Datasette's added `rowid` column aside,
    the rows must be equal as multisets, else the run stops with exit code 1), then WARMUP unmeasured requests
    each, then REQUESTS measured requests each, sequential, one keep-alive connection per server, alternating
    (request k of one server, then request k of the other; the order flips every request), so both see the same
    machine. Each request sends `Accept-Encoding: gzip` as a browser does; a time runs from sending the request to
    the last byte of the body (not decompressed). Printed: p50 and p95 of both, the ratios, against the issue's
    goal (ours <= 1.0x Datasette's, both).
(2) The landing page while the API is busy: the dashboard's `/` in Chromium, navigation start -> the first
    headline figure, measured inside the page by benchmarks/browser_speed.py's `measure_load` (a fresh browser
    context per load), RUNS loads idle and RUNS loads while background threads send RATE requests/s of the query
    above to the API (alternating: idle, busy, idle, ...; one unmeasured warm-up load first). Printed: the medians,
    the ratio against the goal (busy <= 1.3x idle) and the request rate the threads reached during the busy loads.

A benchmark, not a test: nothing asserts on time; PASS or MISS says where a goal stands. Every process started here
is stopped at the end.
"""

from __future__ import annotations

import argparse
import csv
import gzip
import http.client
import io
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from contextlib import ExitStack, contextmanager
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benchmarks"))
sys.path.insert(0, str(ROOT / "tests" / "browser"))

from browser_harness import ARTIFACTS, find_chromium, kill_group, launch_chromium, streamlit_server  # noqa: E402
from browser_speed import LANDING_SPECS, fmt, goal_row, measure_load  # noqa: E402

DATASETTE_PORTS = range(8900, 8950)
DB_NAME = "vni"  # Datasette names a database after its file
OURS = "/api/v1/observations.csv?ind=exports&from=2020"
THEIRS = f"/{DB_NAME}/observations.csv?indicator=exports&year__gte=2020&_size=max"
ALL_ROWS = "/api/v1/observations.csv"


# ---------------------------------------------------------------------------------------------- HTTP


class Client:
    """One keep-alive HTTP/1.1 connection to BASE (reopened if the server closes it)."""

    def __init__(self, base: str, timeout: float = 30.0) -> None:
        url = urlsplit(base)
        self.host, self.port, self.timeout = url.hostname, url.port, timeout
        self.conn = http.client.HTTPConnection(self.host, self.port, timeout=timeout)

    def get(self, path: str) -> tuple[int, dict[str, str], bytes, float]:
        """GET PATH: status, headers (lower-case names), the body as sent, and ms from request to last byte."""
        for attempt in range(2):
            try:
                start = time.perf_counter()
                self.conn.request("GET", path, headers={"Accept-Encoding": "gzip"})
                response = self.conn.getresponse()
                body = response.read()
                ms = (time.perf_counter() - start) * 1000
                if response.will_close:
                    self.reopen()
                return response.status, {k.lower(): v for k, v in response.getheaders()}, body, ms
            except (http.client.HTTPException, ConnectionError):
                if attempt:
                    raise
                self.reopen()
        raise AssertionError("unreachable")

    def reopen(self) -> None:
        self.conn.close()
        self.conn = http.client.HTTPConnection(self.host, self.port, timeout=self.timeout)

    def close(self) -> None:
        self.conn.close()


def csv_rows(base: str, path: str) -> list[dict[str, str]]:
    """The rows of a CSV response, or SystemExit naming the address and what came instead."""
    client = Client(base)
    try:
        status, headers, body, _ = client.get(path)
    finally:
        client.close()
    media_type = headers.get("content-type", "").split(";")[0].strip()
    if status != 200 or media_type == "text/html":  # Streamlit answers an address it does not route with its page
        raise SystemExit(f"{base}{path} answered {status} {media_type or '(no content type)'}, not a CSV: "
                         f"is the API served (src/vnintegration/api)? {body[:120]!r}")
    if headers.get("content-encoding") == "gzip":
        body = gzip.decompress(body)
    return list(csv.DictReader(io.StringIO(body.decode("utf-8-sig"), newline="")))


def percentile(values: list[float], p: int) -> float:
    return statistics.quantiles(values, n=100, method="inclusive")[p - 1]


# ---------------------------------------------------------------------------------------------- Datasette


def port_in_range(ports: range) -> int:
    for port in ports:
        with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
            try:
                s.bind(("127.0.0.1", port))
            except OSError:
                continue
            return port
    raise SystemExit(f"no free port in {ports.start}-{ports.stop - 1}")


def write_sqlite(rows: list[dict[str, str]], path: Path) -> None:
    """ROWS as the table `observations`: text as the CSV has it (so both servers write the same cells), but
    `year` an INTEGER column, which Datasette's year__gte compares as a number."""
    import sqlite_utils

    sqlite_utils.Database(path)["observations"].insert_all(rows, columns={"year": int})


@contextmanager
def datasette(db: Path, log_path: Path, timeout: float = 60.0):
    """`datasette serve -i DB` on 127.0.0.1, a free port of DATASETTE_PORTS; yields its base URL once it answers."""
    port = port_in_range(DATASETTE_PORTS)
    base = f"http://127.0.0.1:{port}"
    cmd = [sys.executable, "-m", "datasette", "serve", "-i", str(db), "--host", "127.0.0.1", "--port", str(port)]
    with open(log_path, "w", encoding="utf-8") as log:
        proc = subprocess.Popen(cmd, stdin=subprocess.DEVNULL, stdout=log, stderr=subprocess.STDOUT,
                                start_new_session=True)
    try:
        deadline = time.monotonic() + timeout
        while not answers(base, "/-/versions.json"):
            if proc.poll() is not None or time.monotonic() > deadline:
                raise SystemExit(f"datasette did not start (see {log_path}):\n{log_path.read_text()[-2000:]}")
            time.sleep(0.1)
        yield base
    finally:
        kill_group(proc)


def answers(base: str, path: str) -> bool:
    client = Client(base, timeout=2)
    try:
        return client.get(path)[0] == 200
    except (OSError, http.client.HTTPException):
        return False
    finally:
        client.close()


# ---------------------------------------------------------------------------------------------- part 1


def same_rows(ours: list[dict[str, str]], theirs: list[dict[str, str]]) -> bool:
    """Equal as multisets of rows, on our columns (Datasette adds `rowid`)."""
    columns = list(ours[0]) if ours else []
    return Counter(tuple(r.get(c, "") for c in columns) for r in ours) == \
        Counter(tuple(r.get(c, "") for c in columns) for r in theirs)


def compare_queries(app: str, ds: str, requests: int, warmup: int) -> tuple[dict[str, list[float]], dict[str, int]]:
    """REQUESTS timed GETs of each server's query, alternating on one keep-alive connection each, after WARMUP."""
    clients = {"ours": (Client(app), OURS), "Datasette": (Client(ds), THEIRS)}
    times: dict[str, list[float]] = {name: [] for name in clients}
    sizes: dict[str, int] = {}
    try:
        for k in range(warmup + requests):
            for name in (list(clients) if k % 2 == 0 else list(clients)[::-1]):
                client, path = clients[name]
                status, headers, body, ms = client.get(path)
                if status != 200:
                    raise SystemExit(f"{name}: {path} answered {status}")
                sizes[name] = len(body)
                if k >= warmup:
                    times[name].append(ms)
    finally:
        for client, _ in clients.values():
            client.close()
    return times, sizes


def report_queries(times: dict[str, list[float]], sizes: dict[str, int]) -> list[bool]:
    print(f"(1) {len(times['ours'])} requests each, alternating, keep-alive, Accept-Encoding: gzip")
    head = f"{'':10} {'p50':>9} {'p95':>9} {'mean':>9} {'bytes':>7}"
    print(head)
    print("-" * len(head))
    for name, xs in times.items():
        print(f"{name:10} {percentile(xs, 50):7.2f}ms {percentile(xs, 95):7.2f}ms {statistics.fmean(xs):7.2f}ms "
              f"{sizes[name]:>7}")
    verdicts = []
    for p in (50, 95):
        ratio = percentile(times["ours"], p) / percentile(times["Datasette"], p)
        ok = ratio <= 1.0
        verdicts.append(ok)
        print(f"p{p} ours / Datasette: {ratio:.2f}x (goal <=1.0x)  {'PASS' if ok else 'MISS'}")
    return verdicts


# ---------------------------------------------------------------------------------------------- part 2


class BackgroundLoad:
    """THREADS threads, each on its own keep-alive connection, together sending RATE requests/s of PATH to BASE
    while `busy` is set (each thread keeps its own schedule, staggered; a late thread sends at once, it does not
    skip). `rate_seen()` is the rate reached since the last `start()`."""

    def __init__(self, base: str, path: str, rate: float, threads: int = 8) -> None:
        self.base, self.path, self.rate, self.threads = base, path, rate, threads
        self.busy, self.done = threading.Event(), threading.Event()
        self.count, self.errors, self.lock = 0, 0, threading.Lock()
        self.started_at = 0.0
        self.workers = [threading.Thread(target=self._run, args=(n,), daemon=True) for n in range(threads)]
        for w in self.workers:
            w.start()

    def _run(self, n: int) -> None:
        client = Client(self.base)
        interval = self.threads / self.rate
        try:
            while not self.done.is_set():
                if not self.busy.wait(0.1):
                    continue
                due = time.monotonic() + n * interval / self.threads
                while self.busy.is_set() and not self.done.is_set():
                    pause = due - time.monotonic()
                    if pause > 0:
                        time.sleep(pause)
                    try:
                        ok = client.get(self.path)[0] == 200
                    except (OSError, http.client.HTTPException):
                        ok = False
                    with self.lock:
                        self.count += ok
                        self.errors += not ok
                    due += interval
        finally:
            client.close()

    def start(self) -> None:
        with self.lock:
            self.count, self.errors = 0, 0
        self.started_at = time.monotonic()
        self.busy.set()

    def stop(self) -> tuple[float, int]:
        """Stop sending; the rate reached (requests/s) and the failed requests since start()."""
        self.busy.clear()
        elapsed = time.monotonic() - self.started_at
        with self.lock:
            return self.count / elapsed, self.errors

    def close(self) -> None:
        self.done.set()
        self.busy.clear()
        for w in self.workers:
            w.join(timeout=35)


def landing_under_load(app: str, runs: int, rate: float, timeout_ms: int) -> list[bool]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p, ExitStack() as stack:
        browser = launch_chromium(p, find_chromium())
        stack.callback(browser.close)
        load = BackgroundLoad(app, OURS, rate)
        stack.callback(load.close)
        url = f"{app}/"
        measure_load(browser, url, LANDING_SPECS, "content", timeout_ms)  # warm-up
        idle, busy, rates, errors = [], [], [], 0
        for run in range(runs):
            idle.append(measure_load(browser, url, LANDING_SPECS, "content", timeout_ms)["ms"])
            load.start()
            try:
                time.sleep(0.5)  # the load is steady before the page is asked for
                busy.append(measure_load(browser, url, LANDING_SPECS, "content", timeout_ms)["ms"])
            finally:
                reached, failed = load.stop()
            rates.append(reached)
            errors += failed
            print(f"  landing run {run + 1}/{runs}: idle {fmt(idle[-1])}, busy {fmt(busy[-1])} "
                  f"({reached:.0f} requests/s)", flush=True)
    print(f"(2) landing page, navigation -> first headline figure, medians of {runs} loads each; the API got "
          f"{statistics.median(rates):.0f} requests/s (median of the busy loads; asked {rate:.0f}), {errors} failed")
    return [goal_row("(2) landing while API busy", statistics.median(busy), statistics.median(idle), "idle", 1.3)]


# ---------------------------------------------------------------------------------------------- main


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--requests", type=int, default=500, help="measured requests per server (default 500)")
    ap.add_argument("--warmup", type=int, default=20, help="unmeasured requests per server first (default 20)")
    ap.add_argument("--runs", type=int, default=7, help="landing loads idle and busy, each (default 7)")
    ap.add_argument("--rate", type=float, default=50, help="API requests/s during the busy loads (default 50)")
    ap.add_argument("--timeout", type=float, default=60, help="seconds to wait for one page load (default 60)")
    ap.add_argument("--no-browser", action="store_true", help="part 1 only (no Chromium)")
    ap.add_argument("--serve", choices=("streamlit", "uvicorn"), default="streamlit",
                    help="how the dashboard is served: `streamlit run app.py` (default) or `uvicorn app:app`")
    args = ap.parse_args(argv)
    if args.requests < 2:
        ap.error("--requests must be at least 2 (percentiles)")
    if not args.no_browser and find_chromium() is None:
        print("no Chromium found (/usr/bin/chromium or `chromium` on PATH); --no-browser runs part 1 only",
              file=sys.stderr)
        return 2

    load_before = os.getloadavg()[0]
    logs = ARTIFACTS / "bench"
    logs.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="vni-api-bench-") as tmp, ExitStack() as stack:
        app = stack.enter_context(streamlit_server("app.py", cwd=ROOT, log_path=logs / "api_speed_app.log",
                                                   serve=args.serve))
        print(f"the dashboard served by {'uvicorn app:app' if args.serve == 'uvicorn' else 'streamlit run app.py'}")
        db = Path(tmp) / f"{DB_NAME}.db"
        write_sqlite(csv_rows(app, ALL_ROWS), db)
        ds = stack.enter_context(datasette(db, logs / "api_speed_datasette.log"))

        ours, theirs = csv_rows(app, OURS), csv_rows(ds, THEIRS)
        print(f"ours       {app}{OURS}: {len(ours)} rows")
        print(f"Datasette  {ds}{THEIRS}: {len(theirs)} rows")
        if not ours or not same_rows(ours, theirs):
            print("The two queries do not return the same rows: the comparison would mean nothing.", file=sys.stderr)
            return 1
        print("Same rows: yes")
        print()
        verdicts = report_queries(*compare_queries(app, ds, args.requests, args.warmup))
        if not args.no_browser:
            print()
            verdicts += landing_under_load(app, args.runs, args.rate, int(args.timeout * 1000))

    print()
    print(f"{os.cpu_count()} CPUs, load average {load_before:.1f} before, {os.getloadavg()[0]:.1f} after. "
          f"Goals met: {sum(verdicts)}/{len(verdicts)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
