"""Many readers at once: a bounded load test of the dashboard on loopback.

Run:  .venv/bin/python benchmarks/load_test.py [--sessions 25] [--url-path /trends] [--timeout 300]
      .venv/bin/python benchmarks/load_test.py --client browser --sessions 8      # real Chromium contexts
      .venv/bin/python benchmarks/load_test.py --base-url http://127.0.0.1:8600 --server-pid PID,PID   # a proxy

Not part of the default test run. It starts one `streamlit run app.py` on a free loopback port (the flags of
tests/browser/browser_harness.py, file watcher off) and drives SESSIONS readers at once, each a separate
Streamlit session, with one of two kinds of client:

  --client ws (default): Streamlit websocket clients. Each GETs the page (its HTML, and a proxy's routing
      cookie), opens /_stcore/stream and sends the same BackMsgs a browser sends (rerun with the URL's path and
      query, the widget states of the segmented controls, the page hash on a page change); it reads the
      ForwardMsgs and does no rendering. This measures the server. On this 2-core machine a Chromium context
      spends about 13 s of CPU on one reader's visit (the Streamlit and plotly bundles, drawing) against about
      2 s for the server, so 25 browsers on the same two cores measure the browsers, not the server.
  --client browser: ONE headless Chromium with SESSIONS contexts driven concurrently (Playwright async API),
      each a fresh cookie jar. Time to chart is measured inside the page (navigation start -> the first plotly
      trace inserted, stamped by a MutationObserver), and so is the arrival of the figure's websocket message.

Every session
  1. opens URL_PATH (?lang=en) and waits for the first chart (a plotly trace drawn, or for ws clients the
     plotly_chart element received; on the landing page, which draws no plotly, the first headline figure)
     -> "time to chart";
  2. changes a widget and waits for the rerun it caused to finish (Trends: transform "Change on a year
     earlier", which must reach the URL as tf=yoy; any other page: the sidebar's language switch);
  3. switches page in the same session (browser: a click on the sidebar link; ws: a rerun with that page's
     hash, as the sidebar link sends) to Compare years (from /compare: Trends) and waits for its heading, its
     charts and tables, and the end of the run;
  4. fails on a timeout, an exception element, or (browser) an uncaught JavaScript error.
Sessions stay connected until all are done.

Memory: the server's RSS (VmRSS of its process tree, from /proc) is read after one warm-up session that stays
connected ("before": imports done, data loaded and cached, one session), and again while all SESSIONS sessions
are still connected ("after"). (after - before) / SESSIONS is the cost of one more connected session, an upper
bound: "after" also holds what many concurrent reruns allocated and Python has not given back. Streamlit's
own /_stcore/metrics is read at both points too (active sessions, bytes held by each st.cache_data function).
Through a proxy (--base-url with --server-pid of every replica) there is one warm-up session per server process
(the proxy sends new readers round robin, so each replica warms up); the report gives RSS per process too.

Shared loading: the server is started with a `sitecustomize` (on PYTHONPATH, in a temporary directory) that
counts calls of vnintegration.validate.validate_dir and vnintegration.analysis.enrich (the load and the
derivation behind caches.dataset / caches.frame) into a file: both must run once for the whole test, whatever
the number of sessions. With --base-url (a server this script did not start) the count is not available and
only RSS speaks for it.

Bounded: every wait has a timeout, the sessions are cut at --timeout less 30 s (a session cut is a failure
with the step it was in), the run is cancelled at --timeout, a watchdog kills the server's process group and
exits 30 s after that, and every process started here is stopped at the end. All traffic goes to 127.0.0.1.
Exit code 0 when every session succeeded (and, when counted, each load ran once).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import re
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from contextlib import AsyncExitStack
from dataclasses import asdict, dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests" / "browser"))
sys.path.insert(0, str(ROOT / "src"))

from browser_harness import CHROMIUM_ARGS, SERVER_FLAGS, find_chromium, free_port, health, kill_group  # noqa: E402

from vnintegration.present import i18n  # noqa: E402

LANG = "en"
VIEWPORT = {"width": 1280, "height": 900}
PLOT_TRACE = '[data-testid="stPlotlyChart"] .main-svg .trace'
EXCEPTION = '[data-testid="stException"]'
HEADING = '[data-testid="stMain"] h1'

# URL path -> the i18n key of its sidebar title (app.py's PAGES).
PAGE_TITLES = {"/": "page_overview", "/trends": "page_trends", "/compare": "page_compare",
               "/partners": "page_partners", "/sources": "page_sources", "/import": "page_import"}

METRIC_VALUE = '[data-testid="stMain"] [data-testid="stMetricValue"]'
# What "the chart" is on each page: a plotly trace where the page draws plotly; the landing page draws none
# (st.metric cards), so there it is the first headline figure; elsewhere the page heading.
FIRST_CONTENT = {"/": METRIC_VALUE, "/trends": PLOT_TRACE, "/compare": PLOT_TRACE, "/partners": PLOT_TRACE,
                 "/sources": HEADING, "/import": HEADING}

# Installed on every page before it loads (window.__lt):
#  - marks: performance.now() (ms since the navigation started) when the first content of each FIRST_CONTENT
#    selector was inserted (the session reads the one of its page);
#  - figure: when the page's script got the first websocket message holding a plotly figure (its JSON has a
#    "layout" object): the server's share of the time to chart ends there, the browser's begins;
#  - state / changed / message: the app's script state, when it last changed, when the last websocket message
#    came; SETTLED_JS waits on them. (No run counting: on a busy renderer React can batch "running" and
#    "notRunning" into one render, so a rerun may never show in the DOM; waits look for what a run leaves.)
PAGE_WATCH_JS = """
(() => {
  if (window.__lt) return;
  const lt = window.__lt = {marks: {}, state: null, changed: 0, message: 0};
  const sels = __SELECTORS__;
  const obs = new MutationObserver(() => {
    const app = document.querySelector('[data-testid="stApp"]');
    const st = app ? app.getAttribute('data-test-script-state') : null;
    if (st !== lt.state) { lt.state = st; lt.changed = performance.now(); }
    for (const s of sels) {
      if (s in lt.marks) continue;
      const el = document.querySelector(s);
      if (el && (el.textContent.trim() !== '' || s.includes('.trace'))) lt.marks[s] = performance.now();
    }
  });
  obs.observe(document, {subtree: true, childList: true, characterData: true, attributes: true,
                         attributeFilter: ['data-test-script-state']});
  const Orig = window.WebSocket;
  const dec = new TextDecoder('utf-8', {fatal: false});
  const Patched = function (...args) {
    const ws = new Orig(...args);
    ws.addEventListener('message', (ev) => {
      lt.message = performance.now();
      if (lt.figure !== undefined || !(ev.data instanceof ArrayBuffer)) return;
      if (dec.decode(ev.data).includes('"layout":{')) lt.figure = performance.now();
    });
    return ws;
  };
  Patched.prototype = Orig.prototype;
  for (const k of ['CONNECTING', 'OPEN', 'CLOSING', 'CLOSED']) Patched[k] = Orig[k];
  window.WebSocket = Patched;
})();
""".replace("__SELECTORS__", json.dumps(sorted(set(FIRST_CONTENT.values()))))

# The app is idle and nothing (script state, websocket message) changed for QUIET ms.
SETTLED_JS = """
(quiet) => {
  const lt = window.__lt;
  const app = document.querySelector('[data-testid="stApp"]');
  return !!lt && !!app && app.getAttribute('data-test-script-state') === 'notRunning'
         && performance.now() - Math.max(lt.changed, lt.message) >= quiet;
}
"""

# Every visible plotly chart has drawn a trace, every visible dataframe its grid, and no skeleton (an element
# still loading) is left in the main area.
DRAWN_JS = """
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

# Where a page is, for a failed session's report.
STATE_JS = """
() => {
  const app = document.querySelector('[data-testid="stApp"]');
  const lt = window.__lt || {};
  return `ready=${document.readyState} app=${!!app} script=${app ? app.getAttribute('data-test-script-state') : '-'}`
    + ` figure=${lt.figure ? Math.round(lt.figure) : '-'} charts=`
    + document.querySelectorAll('[data-testid="stPlotlyChart"]').length
    + ` traces=${document.querySelectorAll('[data-testid="stPlotlyChart"] .main-svg .trace').length}`
    + ` skeletons=${document.querySelectorAll('[data-testid="stSkeleton"]').length}`
    + ` frames=${document.querySelectorAll('[data-testid="stDataFrame"]').length}`
    + ` grids=${document.querySelectorAll('[data-testid="stDataFrame"] table[aria-rowcount]').length}`
    + ` h1=${[...document.querySelectorAll('[data-testid="stMain"] h1')].map(e => e.textContent.trim()).join('|')}`
    + ` path=${location.pathname}`;
}
"""

# Counts the loads behind caches.dataset / caches.frame in the server (see the module docstring).
SITECUSTOMIZE = '''\
"""Load test only: count vnintegration.validate.validate_dir and analysis.enrich calls into a file."""
import os
import sys

_out = os.environ.get("VNI_LOADTEST_COUNT_FILE")
if _out:
    try:
        import functools
        import time

        try:
            from vnintegration.core import analysis
            from vnintegration.core import validate
        except ImportError:
            sys.path.append(os.environ["VNI_LOADTEST_SRC"])
            from vnintegration.core import analysis
            from vnintegration.core import validate

        def _counted(module, name):
            original = getattr(module, name)

            @functools.wraps(original)
            def counted(*args, **kwargs):
                t0 = time.time()
                try:
                    return original(*args, **kwargs)
                finally:
                    with open(_out, "a", encoding="utf-8") as f:
                        f.write(f"{name} {t0:.3f} {time.time() - t0:.3f}\\n")

            setattr(module, name, counted)

        _counted(validate, "validate_dir")
        _counted(analysis, "enrich")
    except Exception as exc:  # never stop the server over the counter
        sys.stderr.write(f"load counter not installed: {exc!r}\\n")
'''


# ---------------------------------------------------------------------------------------------- server side


def rss_mb(pids: list[int]) -> float | None:
    """Sum of VmRSS (MB) of PIDS and all their descendants, from /proc; None when none is readable."""
    children: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat", encoding="utf-8") as f:
                stat = f.read()
            ppid = int(stat[stat.rindex(")") + 2:].split()[1])
        except (OSError, ValueError, IndexError):
            continue
        children.setdefault(ppid, []).append(int(entry))
    seen: set[int] = set()
    todo = list(pids)
    while todo:
        pid = todo.pop()
        if pid not in seen:
            seen.add(pid)
            todo.extend(children.get(pid, []))
    total_kb, found = 0, False
    for pid in seen:
        try:
            with open(f"/proc/{pid}/status", encoding="utf-8") as f:
                for line in f:
                    if line.startswith("VmRSS:"):
                        total_kb += int(line.split()[1])
                        found = True
                        break
        except OSError:
            continue
    return total_kb / 1024 if found else None


def metrics(base: str) -> dict[str, float]:
    """A few numbers from Streamlit's /_stcore/metrics (OpenMetrics text): sessions and cache bytes."""
    try:
        with urllib.request.urlopen(f"{base}/_stcore/metrics", timeout=10) as r:
            text = r.read().decode()
    except (urllib.error.URLError, OSError, ValueError):
        return {}
    out: dict[str, float] = {}
    for line in text.splitlines():
        if line.startswith("#") or not line.strip():
            continue
        m = re.match(r'^(\w+)(\{[^}]*\})?\s+([-0-9.eE+]+)', line)
        if not m:
            continue
        name, labels, value = m.group(1), m.group(2) or "", float(m.group(3))
        if name == "active_sessions":
            out["active_sessions"] = value
        elif name == "cache_memory_bytes":
            cache = re.search(r'cache="([^"]*)"', labels)
            ctype = re.search(r'cache_type="([^"]*)"', labels)
            if ctype and ctype.group(1) == "st_cache_data" and cache:
                label = cache.group(1).rsplit(".", 1)[-1]
                out[f"cache:{label}"] = out.get(f"cache:{label}", 0.0) + value
    return out


def start_server(tmp: Path, log_path: Path, count_file: Path | None) -> tuple[subprocess.Popen, str]:
    """`python -m streamlit run app.py` on a free loopback port, in its own process group; returns (proc, base)."""
    env = dict(os.environ, PYTHONUNBUFFERED="1")
    if count_file is not None:
        (tmp / "sitecustomize.py").write_text(SITECUSTOMIZE, encoding="utf-8")
        env["PYTHONPATH"] = os.pathsep.join(p for p in (str(tmp), env.get("PYTHONPATH", "")) if p)
        env["VNI_LOADTEST_COUNT_FILE"] = str(count_file)
        env["VNI_LOADTEST_SRC"] = str(ROOT / "src")
    for _attempt in range(3):
        port = free_port()
        base = f"http://127.0.0.1:{port}"
        cmd = [sys.executable, "-m", "streamlit", "run", "app.py", "--server.port", str(port), *SERVER_FLAGS]
        with open(log_path, "w", encoding="utf-8") as log:
            proc = subprocess.Popen(cmd, cwd=ROOT, stdin=subprocess.DEVNULL, stdout=log, stderr=subprocess.STDOUT,
                                    start_new_session=True, env=env)
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and proc.poll() is None:
            if health(base):
                return proc, base
            time.sleep(0.2)
        kill_group(proc)
        if "already in use" not in log_path.read_text(encoding="utf-8", errors="replace"):
            break
    raise RuntimeError(f"streamlit did not start; see {log_path}:\n" + log_path.read_text(errors="replace")[-3000:])


def count_loads(count_file: Path | None) -> dict[str, int] | None:
    if count_file is None:
        return None
    counts = {"validate_dir": 0, "enrich": 0}
    if count_file.exists():
        for line in count_file.read_text(encoding="utf-8").splitlines():
            name = line.split(" ", 1)[0]
            counts[name] = counts.get(name, 0) + 1
    return counts


# ---------------------------------------------------------------------------------------------- one session


@dataclass
class Result:
    n: int
    ok: bool = False
    error: str = ""
    step: str = ""
    chart_ms: float | None = None        # navigation start -> first trace drawn (in-page clock)
    figure_ms: float | None = None       # navigation start -> the figure's websocket message handled (in-page)
    chart_wall_s: float | None = None    # goto called -> trace seen by Playwright (wall clock)
    widget_s: float | None = None        # click -> the rerun finished and the chart drawn again
    switch_s: float | None = None        # sidebar click -> the other page drawn and its run finished
    total_s: float | None = None
    page_errors: list[str] = field(default_factory=list)
    state: str = ""                      # on failure: where the page was (script state, runs, marks)


def page_plan(url_path: str) -> tuple[str, str]:
    """(start path, path to switch to by the sidebar)."""
    path = "/" + url_path.strip("/") if url_path.strip("/") else "/"
    if path not in PAGE_TITLES:
        raise SystemExit(f"--url-path must be one of {', '.join(PAGE_TITLES)}")
    return path, ("/trends" if path == "/compare" else "/compare")


async def settled(page, timeout_ms: float, quiet_ms: int = 300) -> None:
    await page.wait_for_function(SETTLED_JS, arg=quiet_ms, timeout=timeout_ms, polling=100)


async def one_session(res: Result, browser, base: str, url_path: str, step_timeout_ms: float,
                      contexts: list, start_delay: float = 0.0) -> Result:
    """Drive one session, filling RES as it goes (so a session cut by the overall deadline still tells its step)."""
    res.step = "waiting to start"
    await asyncio.sleep(start_delay)
    t_start = time.monotonic()
    page = None
    try:
        res.step = "context"
        ctx = await browser.new_context(viewport=VIEWPORT)
        contexts.append(ctx)
        await ctx.add_init_script(PAGE_WATCH_JS)
        page = await ctx.new_page()
        page.set_default_timeout(step_timeout_ms)
        page.on("pageerror", lambda err: res.page_errors.append(str(err)))
        start, target = page_plan(url_path)

        # 1. open the page, wait for the first chart drawn and the first run finished
        res.step = "open"
        t0 = time.monotonic()
        await page.goto(f"{base.rstrip('/')}{start}?lang={LANG}", wait_until="commit", timeout=step_timeout_ms)
        first = FIRST_CONTENT[start]
        await page.wait_for_function("s => window.__lt && (s in window.__lt.marks)", arg=first,
                                     timeout=step_timeout_ms, polling=100)
        res.chart_wall_s = time.monotonic() - t0
        res.chart_ms = await page.evaluate("s => window.__lt.marks[s]", first)
        res.figure_ms = await page.evaluate("() => window.__lt.figure === undefined ? null : window.__lt.figure")
        await settled(page, step_timeout_ms)

        # 2. change a widget; wait for the rerun it caused to finish and the charts to be drawn
        # The rerun is recognised by what it leaves: the URL it writes and the text it draws (see PAGE_WATCH_JS).
        res.step = "widget"
        t0 = time.monotonic()
        if start == "/trends":
            await page.locator(".st-key-transform").get_by_role(
                "radio", name=i18n.t("tf_yoy", LANG), exact=True).click()
            await page.wait_for_function(  # the URL says so and the chart's axis is the change axis
                "t => location.search.includes('tf=yoy') && [...document.querySelectorAll("
                "'[data-testid=\"stPlotlyChart\"] .g-ytitle')].some(e => e.textContent.trim() === t)",
                arg=i18n.t("change_rel", LANG), timeout=step_timeout_ms, polling=100)
        else:
            await page.locator(".st-key-lang").get_by_role(
                "radio", name=i18n.t("lang_vi", LANG), exact=True).click()
            await page.wait_for_function(  # the URL drops lang=en (Vietnamese is the default), the sidebar speaks it
                "h => !location.search.includes('lang=en') && [...document.querySelectorAll("
                "'[data-testid=\"stSidebarNav\"] a')].some(e => e.textContent.trim() === h)",
                arg=i18n.t(PAGE_TITLES[start], "vi"), timeout=step_timeout_ms, polling=100)
        await settled(page, step_timeout_ms)
        await page.wait_for_function(DRAWN_JS, timeout=step_timeout_ms, polling=100)
        res.widget_s = time.monotonic() - t0
        lang_now = LANG if start == "/trends" else "vi"

        # 3. switch page through the sidebar (same session: no new websocket, the script reruns)
        res.step = "switch"
        title = i18n.t(PAGE_TITLES[target], lang_now)
        t0 = time.monotonic()
        await page.locator('[data-testid="stSidebarNav"]').get_by_text(title, exact=True).click()
        await page.wait_for_function(  # the new page's heading and its first content (its chart)
            "([p, h, sel, first]) => location.pathname.endsWith(p) && !!document.querySelector(first)"
            " && [...document.querySelectorAll(sel)].some(e => e.textContent.trim() === h)",
            arg=[target, title, HEADING, FIRST_CONTENT[target]], timeout=step_timeout_ms, polling=100)
        await settled(page, step_timeout_ms)
        await page.wait_for_function(DRAWN_JS, timeout=step_timeout_ms, polling=100)
        res.switch_s = time.monotonic() - t0

        res.step = "check"
        boxes = await page.locator(EXCEPTION).count()
        if boxes:
            raise AssertionError(f"{boxes} exception box(es) on {target}: "
                                 + (await page.locator(EXCEPTION).first.inner_text())[:300])
        if res.page_errors:
            raise AssertionError("JavaScript error: " + res.page_errors[0][:300])
        res.ok = True
        res.step = "done"
    except asyncio.CancelledError:
        res.error = "cut by the overall deadline"
        if page is not None:
            try:
                res.state = await asyncio.wait_for(page.evaluate(STATE_JS), 5)
            except BaseException:
                pass
        raise
    except Exception as exc:  # a failed session is a result, not a crash of the test
        res.error = f"{type(exc).__name__}: {str(exc).splitlines()[0][:300] if str(exc) else ''}"
        if page is not None:
            try:
                res.state = await asyncio.wait_for(page.evaluate(STATE_JS), 10)
            except Exception:
                res.state = "page did not answer"
    finally:
        res.total_s = time.monotonic() - t_start
    return res


# ---------------------------------------------------------------------------------------------- websocket clients


def _http_get(url: str, timeout: float) -> list[str]:
    """GET URL like a browser opening the page; return its cookies as name=value (a proxy's routing cookie)."""
    with urllib.request.urlopen(urllib.request.Request(url, headers={"Accept": "text/html"}), timeout=timeout) as r:
        r.read()
        return [c.split(";", 1)[0].strip() for c in r.headers.get_all("Set-Cookie") or []]


class _Run:
    """What one script run sent: elements, the segmented controls' values, the page, the query string."""

    def __init__(self) -> None:
        self.elements: list[str] = []
        self.exceptions: list[str] = []
        self.headings: list[str] = []
        self.first_content_s: float | None = None
        self.query: str | None = None


async def _script_run(ws, state: dict, t0: float, content: str, timeout: float) -> _Run:
    """Read ForwardMsgs until the run finished (not one cut short for a rerun); keep what the client must know."""
    from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

    run = _Run()
    deadline = time.monotonic() + timeout
    while True:
        data = await asyncio.wait_for(ws.recv(), max(deadline - time.monotonic(), 0.1))
        msg = ForwardMsg()
        msg.ParseFromString(data)
        kind = msg.WhichOneof("type")
        if kind == "delta" and msg.delta.WhichOneof("type") == "new_element":
            el = msg.delta.new_element
            ek = el.WhichOneof("type")
            run.elements.append(ek)
            if ek == content and run.first_content_s is None:
                run.first_content_s = time.monotonic() - t0
            if ek == "exception":
                run.exceptions.append(f"{el.exception.type}: {el.exception.message}"[:300])
            elif ek == "heading":
                run.headings.append(el.heading.body)
            elif ek == "button_group":  # the value a browser would send back on the next rerun
                bg = el.button_group
                if bg.set_value:  # the server set it (from the session state or the URL)
                    state["widgets"][bg.id] = list(bg.raw_values)
                elif bg.id not in state["widgets"]:  # a new widget: its default; else the client keeps its own
                    state["widgets"][bg.id] = [bg.options[i].content for i in bg.default]
        elif kind == "navigation":
            state["pages"] = {p.url_pathname: p.page_script_hash for p in msg.navigation.app_pages}
            state["page"] = msg.navigation.page_script_hash
        elif kind == "page_info_changed":
            run.query = state["query"] = msg.page_info_changed.query_string
        elif kind == "script_finished":
            if msg.script_finished == ForwardMsg.FINISHED_WITH_COMPILE_ERROR:
                raise AssertionError("the script did not compile")
            if msg.script_finished != ForwardMsg.FINISHED_EARLY_FOR_RERUN:
                return run


async def _rerun(ws, state: dict, query: str, page_hash: str, page_name: str, change: tuple[str, str] | None) -> None:
    """Send rerun_script as the browser does: the URL's query, the page, every segmented control's value."""
    from streamlit.proto.BackMsg_pb2 import BackMsg

    if change:
        state["widgets"][change[0]] = [change[1]]
    msg = BackMsg()
    cs = msg.rerun_script
    cs.query_string = query
    cs.page_script_hash = page_hash
    cs.page_name = page_name
    for wid, value in state["widgets"].items():
        w = cs.widget_states.widgets.add()
        w.id = wid
        w.string_array_value.data.extend(value)
    await ws.send(msg.SerializeToString())


def _widget_id(state: dict, key: str) -> str:
    for wid in state["widgets"]:
        if wid.endswith("-" + key):
            return wid
    raise AssertionError(f"no widget with key {key!r} in the run")


async def ws_session(res: Result, base: str, url_path: str, step_timeout_ms: float, holders: list,
                     start_delay: float = 0.0) -> Result:
    """One reader as a Streamlit websocket client: the same messages a browser sends, no rendering.

    GET the page (its HTML, and a proxy's cookie), open /_stcore/stream, ask for the first run (URL path and
    query ?lang=en), change a widget, switch page; each run must finish without an exception element. The
    "chart" is the first plotly_chart element received (on the landing page: the first metric).
    """
    import websockets

    res.step = "waiting to start"
    await asyncio.sleep(start_delay)
    t_start = time.monotonic()
    step_s = step_timeout_ms / 1000
    start, target = page_plan(url_path)
    content = "metric" if start == "/" else "plotly_chart" if FIRST_CONTENT[start] == PLOT_TRACE else "heading"
    state: dict = {"widgets": {}, "pages": {}, "page": "", "query": ""}
    try:
        res.step = "open"
        t0 = time.monotonic()
        page_url = f"{base.rstrip('/')}{start}?lang={LANG}"
        cookies = await asyncio.to_thread(_http_get, page_url, step_s)
        ws_url = "ws" + base.rstrip("/")[4:] + "/_stcore/stream"
        headers = {"Cookie": "; ".join(cookies)} if cookies else {}
        ws = await asyncio.wait_for(websockets.connect(
            ws_url, subprotocols=["streamlit"], additional_headers=headers, max_size=None,
            origin=base.split("/", 3)[0] + "//" + base.split("/", 3)[2], open_timeout=step_s), step_s)
        holders.append(ws)
        await _rerun(ws, state, f"lang={LANG}", "", start.strip("/"), None)
        run = await _script_run(ws, state, t0, content, step_s)
        if run.first_content_s is None:
            raise AssertionError(f"no {content} element on {start}: {run.elements}")
        res.chart_ms = res.figure_ms = run.first_content_s * 1000
        res.chart_wall_s = time.monotonic() - t0
        if run.exceptions:
            raise AssertionError(f"exception on {start}: {run.exceptions[0]}")

        res.step = "widget"
        t0 = time.monotonic()
        if start == "/trends":
            change = (_widget_id(state, "transform"), i18n.t("tf_yoy", LANG))
        else:
            change = (_widget_id(state, "lang"), i18n.t("lang_vi", LANG))
        await _rerun(ws, state, state["query"], state["page"], "", change)
        run = await _script_run(ws, state, t0, content, step_s)
        res.widget_s = time.monotonic() - t0
        if run.exceptions:
            raise AssertionError(f"exception after the widget change: {run.exceptions[0]}")
        if start == "/trends" and "tf=yoy" not in (state["query"] or ""):
            raise AssertionError(f"the transform did not reach the URL: ?{state['query']}")
        lang_now = LANG if start == "/trends" else "vi"

        res.step = "switch"
        t0 = time.monotonic()
        name = target.strip("/")
        if name not in state["pages"]:
            raise AssertionError(f"no page {target} in the navigation: {sorted(state['pages'])}")
        await _rerun(ws, state, "", state["pages"][name], name, None)  # a page change drops the query string
        run = await _script_run(ws, state, t0, content, step_s)
        res.switch_s = time.monotonic() - t0
        title = i18n.t(PAGE_TITLES[target], lang_now)
        if title not in run.headings:
            raise AssertionError(f"expected the heading {title!r} on {target}, got {run.headings}")
        if run.exceptions:
            raise AssertionError(f"exception on {target}: {run.exceptions[0]}")
        res.ok = True
        res.step = "done"
    except asyncio.CancelledError:
        res.error = "cut by the overall deadline"
        raise
    except Exception as exc:
        res.error = f"{type(exc).__name__}: {str(exc).splitlines()[0][:300] if str(exc) else ''}"
    finally:
        res.total_s = time.monotonic() - t_start
    return res


# ---------------------------------------------------------------------------------------------- the run


def fmt(x: float | None, digits: int = 2) -> str:
    return "-" if x is None else f"{x:.{digits}f}"


def stats(values: list[float]) -> tuple[float | None, float | None]:
    return (statistics.median(values), max(values)) if values else (None, None)


async def drive(args, base: str, server_pids: list[int], count_file: Path | None, deadline: float) -> dict:
    """Warm-up, RSS, SESSIONS concurrent sessions until DEADLINE (time.monotonic()), RSS again; the report."""
    report: dict = {"base": base, "sessions": args.sessions, "url_path": args.url_path, "client": args.client}
    step_ms = args.step_timeout * 1000
    holders: list = []  # browser contexts or websockets: kept open until the end
    async with AsyncExitStack() as stack:
        if args.client == "browser":
            from playwright.async_api import async_playwright

            p = await stack.enter_async_context(async_playwright())
            browser = await p.chromium.launch(executable_path=find_chromium(), args=CHROMIUM_ARGS, headless=True)
            stack.push_async_callback(browser.close)

            def session(res: Result, delay: float = 0.0):
                return one_session(res, browser, base, args.url_path, step_ms, holders, delay)
        else:
            def session(res: Result, delay: float = 0.0):
                return ws_session(res, base, args.url_path, step_ms, holders, delay)

        async def close_all() -> None:
            for h in holders:
                try:
                    await asyncio.wait_for(h.close(), 10)
                except Exception:
                    pass

        stack.push_async_callback(close_all)

        # warm-up: imports, the data loaded and cached, static files; it stays connected. Behind a proxy, one
        # per server process: new readers go round robin, so each replica gets one and is warm before "before".
        warmups = max(1, len(server_pids)) if args.base_url else 1
        report["warmups"] = warmups
        print(f"{warmups} warm-up session(s) ({args.client}) on {base}{args.url_path} ...", flush=True)
        for _ in range(warmups):
            warm = Result(0)
            try:
                await asyncio.wait_for(session(warm), max(deadline - time.monotonic(), 1))
            except TimeoutError:
                pass
            report.setdefault("warmup", asdict(warm))
            if not warm.ok:
                print(f"warm-up failed at {warm.step}: {warm.error}", flush=True)
        await asyncio.sleep(2)
        report["rss_before_mb"] = rss_mb(server_pids) if server_pids else None
        report["rss_before_by_pid"] = {pid: rss_mb([pid]) for pid in server_pids}
        report["metrics_before"] = metrics(base)
        report["loads_after_warmup"] = count_loads(count_file)
        print(f"RSS before: {fmt(report['rss_before_mb'], 1)} MB; "
              f"metrics: {report['metrics_before']}", flush=True)

        print(f"{args.sessions} concurrent sessions ({args.client}) ...", flush=True)
        t0 = time.monotonic()
        results = [Result(n) for n in range(1, args.sessions + 1)]
        tasks = [asyncio.create_task(session(r, (r.n - 1) * args.ramp / args.sessions)) for r in results]
        _done, pending = await asyncio.wait(tasks, timeout=max(deadline - time.monotonic(), 1))
        report["wall_s"] = time.monotonic() - t0
        for task in pending:  # over the deadline: the session failed at the step it was in
            task.cancel()
        if pending:
            await asyncio.wait(pending, timeout=10)
            print(f"{len(pending)} session(s) cut by the deadline of {args.timeout:.0f} s", flush=True)
        await asyncio.sleep(2)  # let the last reruns' garbage go; every session is still connected
        report["rss_after_mb"] = rss_mb(server_pids) if server_pids else None
        report["rss_after_by_pid"] = {pid: rss_mb([pid]) for pid in server_pids}
        report["metrics_after"] = metrics(base)
        report["loads_after"] = count_loads(count_file)
        report["results"] = [asdict(r) for r in results]
    return report


def print_report(report: dict) -> bool:
    results = [Result(**r) for r in report.get("results", [])]
    n = report["sessions"]
    print()
    print(f"{'#':>3} {'ok':>3} {'figure ms':>9} {'chart ms':>9} {'chart wall s':>12} {'widget s':>9} {'switch s':>9} "
          f"{'total s':>8}  error")
    for r in results:
        print(f"{r.n:>3} {'yes' if r.ok else 'NO':>3} {fmt(r.figure_ms, 0):>9} {fmt(r.chart_ms, 0):>9} {fmt(r.chart_wall_s):>12} "
              f"{fmt(r.widget_s):>9} {fmt(r.switch_s):>9} {fmt(r.total_s):>8}  {r.error if not r.ok else ''}"
              + (f" [at {r.step}; {r.state}]" if not r.ok else ""))
    ok = sum(r.ok for r in results)
    chart_med, chart_max = stats([r.chart_ms / 1000 for r in results if r.chart_ms is not None])
    wall_med, wall_max = stats([r.chart_wall_s for r in results if r.chart_wall_s is not None])
    fig_med, fig_max = stats([r.figure_ms / 1000 for r in results if r.figure_ms is not None])
    widget_med, widget_max = stats([r.widget_s for r in results if r.widget_s is not None])
    switch_med, switch_max = stats([r.switch_s for r in results if r.switch_s is not None])
    before, after = report.get("rss_before_mb"), report.get("rss_after_mb")
    per = (after - before) / n if before is not None and after is not None and n else None
    loads_warm, loads = report.get("loads_after_warmup"), report.get("loads_after")
    mb_after = report.get("metrics_after", {})
    warm = report.get("warmup", {})

    rows = [
        ("server", report["base"] + report["url_path"]),
        ("sessions succeeded", f"{ok}/{n}" + ("" if ok == n else "  <-- FAIL")),
        ("wall time of the concurrent phase", f"{fmt(report.get('wall_s'), 1)} s"),
        ("client", "Chromium contexts (one browser)" if report.get("client") == "browser"
                   else "Streamlit websocket clients (the browser's messages, no rendering)"),
        ("warm-up (1 session alone): time to chart", f"{fmt((warm.get('chart_ms') or 0) / 1000 or None)} s"),
    ]
    if report.get("client") == "browser":
        rows += [
            ("time to chart, median / worst", f"{fmt(chart_med)} s / {fmt(chart_max)} s  (navigation start -> first trace drawn; on / the first headline figure)"),
            ("  same, wall clock around goto", f"{fmt(wall_med)} s / {fmt(wall_max)} s"),
            ("  of which: figure received over the websocket", f"{fmt(fig_med)} s / {fmt(fig_max)} s  "
                                                              "(the rest is the browser: plotly bundle, drawing)"),
        ]
    else:
        rows += [("time to chart, median / worst", f"{fmt(chart_med)} s / {fmt(chart_max)} s  "
                                                   "(page GET -> the chart's element received over the websocket)")]
    rows += [
        ("widget change -> rerun done, median / worst", f"{fmt(widget_med)} s / {fmt(widget_max)} s"),
        ("page switch -> page drawn, median / worst", f"{fmt(switch_med)} s / {fmt(switch_max)} s"),
        (f"server RSS before (warm, {report.get('warmups', 1)} warm-up session(s))", f"{fmt(before, 1)} MB"),
        (f"server RSS after ({n}+{report.get('warmups', 1)} sessions connected)", f"{fmt(after, 1)} MB"),
        ("RSS per extra session", f"{fmt(per, 1)} MB  ((after - before) / {n}; goal < 30 MB)"
         + ("" if per is None or per < 30 else "  <-- OVER")),
        *([("  by server process", ", ".join(
            f"pid {pid}: {fmt(report['rss_before_by_pid'][pid], 1)} -> {fmt(after_mb, 1)} MB"
            for pid, after_mb in report["rss_after_by_pid"].items()))] if len(report.get("rss_after_by_pid", {})) > 1 else []),
        ("active sessions (Streamlit metrics)", f"{report.get('metrics_before', {}).get('active_sessions', '-')} -> "
                                                f"{mb_after.get('active_sessions', '-')}"),
    ]
    caches = {k[6:]: v for k, v in mb_after.items() if k.startswith("cache:")}
    if caches:
        rows.append(("st.cache_data bytes after", ", ".join(f"{k} {v / 1e6:.2f} MB" for k, v in sorted(caches.items()))))
    if loads is not None:
        once = loads.get("validate_dir") == 1 and loads.get("enrich") == 1
        rows.append(("data loads (validate_dir / enrich)",
                     f"{loads.get('validate_dir')} / {loads.get('enrich')} for {n + 1} sessions "
                     f"(after warm-up: {loads_warm.get('validate_dir')} / {loads_warm.get('enrich')}) -> "
                     + ("shared: loaded once" if once else "NOT shared")))
    else:
        rows.append(("data loads", "not counted (server not started here): judge by RSS per session"))
    width = max(len(k) for k, _ in rows)
    print()
    for k, v in rows:
        print(f"{k:<{width}}  {v}")
    good = ok == n and (loads is None or (loads.get("validate_dir") == 1 and loads.get("enrich") == 1))
    return good


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--sessions", type=int, default=25, help="concurrent sessions (default 25)")
    ap.add_argument("--url-path", default="/trends", help="page each session opens first (default /trends)")
    ap.add_argument("--base-url", help="drive this running server or proxy (loopback only) instead of starting one")
    ap.add_argument("--server-pid", default="", help="with --base-url: comma-separated server pids for RSS")
    ap.add_argument("--timeout", type=float, default=300, help="overall limit in seconds (default 300)")
    ap.add_argument("--step-timeout", type=float, default=120, help="limit of one wait in a session, s (default 120)")
    ap.add_argument("--client", choices=["ws", "browser"], default="ws",
                    help="ws: Streamlit websocket clients (default); browser: Chromium contexts (drawn charts)")
    ap.add_argument("--ramp", type=float, default=0.0, help="spread the session starts over this many seconds")
    ap.add_argument("--json", type=Path, help="also write the full report here")
    args = ap.parse_args()
    if args.sessions < 1 or args.sessions > 60:
        raise SystemExit("--sessions must be between 1 and 60")
    if args.timeout < 60:
        raise SystemExit("--timeout must be at least 60 s")
    if args.client == "browser" and find_chromium() is None:
        raise SystemExit("no Chromium found (/usr/bin/chromium or `chromium` on PATH); apt-get install chromium")
    if args.base_url and urlsplit(args.base_url).hostname not in ("127.0.0.1", "localhost", "::1"):
        raise SystemExit("--base-url must be on loopback (127.0.0.1)")

    t_start = time.monotonic()
    proc: subprocess.Popen | None = None

    def watchdog() -> None:  # the asyncio timeout failed to end the run: stop everything, hard
        print(f"watchdog: still running {args.timeout + 30:.0f} s after the start; killing", file=sys.stderr)
        if proc is not None:
            try:
                os.killpg(proc.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
        os._exit(3)

    timer = threading.Timer(args.timeout + 30, watchdog)
    timer.daemon = True
    timer.start()
    signal.signal(signal.SIGTERM, lambda *_: (_ for _ in ()).throw(KeyboardInterrupt()))
    try:
        with tempfile.TemporaryDirectory(prefix="vni-load-") as tmpdir:
            tmp = Path(tmpdir)
            if args.base_url:
                base = args.base_url.rstrip("/")
                pids = [int(x) for x in args.server_pid.split(",") if x.strip()]
                count_file = None
            else:
                count_file = tmp / "loads.txt"
                log = ROOT / "artifacts" / "load_test_server.log"
                log.parent.mkdir(parents=True, exist_ok=True)
                proc, base = start_server(tmp, log, count_file)
                pids = [proc.pid]
                print(f"server pid {proc.pid} at {base} (log: {log.relative_to(ROOT)})", flush=True)
            # the sessions get the overall limit less a margin for the measures and closing; the hard
            # asyncio limit and then the watchdog thread stand behind it
            deadline = t_start + args.timeout - 30
            try:
                report = asyncio.run(asyncio.wait_for(drive(args, base, pids, count_file, deadline),
                                                      max(t_start + args.timeout - time.monotonic(), 1)))
            except TimeoutError:
                print(f"FAIL: the run did not finish within {args.timeout:.0f} s", file=sys.stderr)
                return 2
            finally:
                if proc is not None:
                    kill_group(proc)
    except KeyboardInterrupt:
        if proc is not None:
            kill_group(proc)
        return 130
    finally:
        timer.cancel()

    good = print_report(report)
    if args.json:
        args.json.write_text(json.dumps(report, indent=2), encoding="utf-8")
    return 0 if good else 1


if __name__ == "__main__":
    sys.exit(main())
