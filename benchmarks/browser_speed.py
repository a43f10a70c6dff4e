"""Browser speed benchmark: this dashboard against reference Streamlit apps, in a real Chromium.

Run:  .venv/bin/python benchmarks/browser_speed.py [--runs 7]
      .venv/bin/python benchmarks/browser_speed.py --throttle --runs 5   # a phone on 4G (issue 15)

It writes the reference apps into a temporary directory, starts one `streamlit run` server per app (and one
for this repository's app.py) on free ports, launches Debian's Chromium once, and measures, with a *fresh
browser context for every load* (no HTTP cache, no session shared between loads), N loads of each, interleaved
(run 1 of every app, then run 2, ...) after one unmeasured warm-up load per app (the first run of a script pays
Python imports and cold caches on the server). Medians are reported.

  (a) landing page, navigation start -> first content:
      this app's `/` (Overview) -> the first headline figure (`stMetricValue` with text; the first text of any
          kind, the page title, is reported too);
      blank app (`st.write("hi")`) -> the "hi" text;
      gdp-like app (a Vega-Lite line chart, a range slider, a multiselect and 6 metrics: an approximation of
          Streamlit's gdp-dashboard-template, written here, not fetched) -> the Vega chart drawn.
      Goals: this app <= 1.3x blank, and sooner than the gdp-like app's chart.
  (b) navigation start -> first plotly chart drawn (a trace inside `stPlotlyChart .main-svg`):
      this app's `/trends` (or --trends-path, e.g. /partners for issue 12) against a minimal app drawing one plotly
      line. Goal: <= 1.1x. Informational: the same line on the second page of a two-page app (/chart), which pays
      what Streamlit's frontend does on any page but the first: it asks <page>/_stcore/health first, and after that
      fails waits 100 ms before asking the root. (c) runs only on Trends.
  (c) widget change -> chart redrawn: on a loaded page, the input event that changes a widget (pointerdown or
      keydown) -> the last change of the plotly chart's drawn content (trace paths, tick labels, legend and
      title texts) before the rerun it caused has finished and the page is quiet. This app's Trends against
      the minimal app's rerun (the same kind of widget). Goal: <= 1.2x.
      The app's caches are shared by all sessions, so after the warm-up both views of (c) are cached; the
      informational "(c) new view" row times the same click on a view no session asked for before (each run
      starts from another year range), which pays for computing and drawing it.

Timing method: an init script (added to each context before the page loads) runs a MutationObserver over the
whole document and stamps `performance.now()` (milliseconds since the navigation started: the document's
time origin) the first time each watched selector matches, every change of the script state
(`[data-testid="stApp"][data-test-script-state]`), and, once armed, every change of the chart's content;
the widget's input event is stamped with its own `event.timeStamp` (the same clock). So times are taken inside
the page, at DOM insertion (just before paint), and do not include Playwright's polling. Wall-clock time
around `page.goto` until the mark is seen is printed too, as a check.

The reference apps run as Streamlit serves them, with its default settings. This app runs as `streamlit run
app.py` serves it, with its .streamlit/config.toml (which turns off the forced garbage collection after every
run, runner.postScriptGC).

--throttle: every load at 390x844 on a link throttled through the DevTools protocol (10 Mbit/s down, 2.5 up,
60 ms round trip), loads only: (a) and (b) with issue 15's goals (landing no slower than the blank app and at most
0.6x the gdp-like app; Trends' first chart at most 0.8x the one-line app), and the bytes each load received for
every page of the registry.

The "script finished" figures (the first run's `notRunning`; for (c) the rerun's) are informational. This is a
benchmark, not a test: nothing asserts on time; the last column says PASS or MISS against the issue's goals.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import tempfile
import time
from contextlib import ExitStack
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests" / "browser"))
sys.path.insert(0, str(ROOT / "src"))

from browser_harness import ARTIFACTS, find_chromium, launch_chromium, streamlit_server  # noqa: E402

VIEWPORT = {"width": 1280, "height": 1800}

# ---------------------------------------------------------------------------------------------- reference apps

BLANK_APP = """\
import streamlit as st

st.write("hi")
"""

PLOTLY_APP = """\
import math

import plotly.graph_objects as go
import streamlit as st

shape = st.segmented_control("Series", ["sine", "cosine"], key="series", default="sine", required=True)
years = list(range(1986, 2026))
f = math.sin if shape == "sine" else math.cos
fig = go.Figure(go.Scatter(x=years, y=[f(i / 4) for i in range(len(years))], mode="lines", name=shape))
st.plotly_chart(fig)
"""

# The same line on the second page of a two-page app (st.navigation), at /chart: what Streamlit's frontend does for
# any page other than the first (it probes <page path>/_stcore/health before the app's root, then waits 100 ms to
# retry) is paid by this reference too. Informational: it separates that cost from this app's own.
PLOTLY_PAGE_APP = """\
import math

import plotly.graph_objects as go
import streamlit as st


def chart():
    shape = st.segmented_control("Series", ["sine", "cosine"], key="series", default="sine", required=True)
    years = list(range(1986, 2026))
    f = math.sin if shape == "sine" else math.cos
    fig = go.Figure(go.Scatter(x=years, y=[f(i / 4) for i in range(len(years))], mode="lines", name=shape))
    st.plotly_chart(fig)


st.navigation([st.Page(lambda: st.write("home"), title="Home", url_path="home", default=True),
               st.Page(chart, title="Chart", url_path="chart")]).run()
"""

# An approximation of streamlit/gdp-dashboard-template (title, a range slider, a multiselect, a Vega-Lite line
# chart of GDP by country and year, then 6 metrics in columns), on synthetic data written as a CSV beside it.
GDP_APP = """\
from pathlib import Path

import pandas as pd
import streamlit as st

st.set_page_config(page_title="GDP dashboard", page_icon=":earth_americas:")


@st.cache_data
def get_gdp_data():
    raw = pd.read_csv(Path(__file__).parent / "gdp_data.csv")
    years = [str(y) for y in range(1960, 2023)]
    gdp = raw.melt(["Country Code"], years, "Year", "GDP")
    gdp["Year"] = pd.to_numeric(gdp["Year"])
    return gdp


gdp_df = get_gdp_data()
st.title(":earth_americas: GDP dashboard")
st.markdown("Browse GDP data from the World Bank Open Data website.")
min_value, max_value = int(gdp_df["Year"].min()), int(gdp_df["Year"].max())
from_year, to_year = st.slider("Which years are you interested in?", min_value=min_value, max_value=max_value,
                               value=[min_value, max_value])
countries = gdp_df["Country Code"].unique()
selected = st.multiselect("Which countries would you like to view?", countries,
                          ["DEU", "FRA", "GBR", "BRA", "MEX", "JPN"])
filtered = gdp_df[(gdp_df["Country Code"].isin(selected)) & (gdp_df["Year"] <= to_year) & (from_year <= gdp_df["Year"])]
st.header("GDP over time", divider="gray")
st.line_chart(filtered, x="Year", y="GDP", color="Country Code")
first = gdp_df[gdp_df["Year"] == from_year]
last = gdp_df[gdp_df["Year"] == to_year]
st.header(f"GDP in {to_year}", divider="gray")
cols = st.columns(4)
for i, country in enumerate(selected):
    with cols[i % len(cols)]:
        a = first[first["Country Code"] == country]["GDP"].iat[0] / 1e9
        b = last[last["Country Code"] == country]["GDP"].iat[0] / 1e9
        st.metric(label=f"{country} GDP", value=f"{b:,.0f}B", delta=f"{b / a:,.2f}x")
"""


def gdp_csv() -> str:
    codes = ["DEU", "FRA", "GBR", "BRA", "MEX", "JPN", "USA", "CHN", "IND", "VNM", "ITA", "ESP"]
    lines = ["Country Code," + ",".join(str(y) for y in range(1960, 2023))]
    for k, code in enumerate(codes):
        base = 5e10 * (k + 1)
        lines.append(code + "," + ",".join(f"{base * 1.05 ** i:.0f}" for i in range(2023 - 1960)))
    return "\n".join(lines) + "\n"


# ---------------------------------------------------------------------------------------------- in-page probe

PLOT_TRACE = '[data-testid="stPlotlyChart"] .main-svg .trace'
VEGA_DRAWN = '[data-testid="stVegaLiteChart"] canvas, [data-testid="stVegaLiteChart"] svg.marks'
METRIC_VALUE = '[data-testid="stMain"] [data-testid="stMetricValue"]'
ANY_CONTENT = (
    '[data-testid="stMain"] [data-testid="stMetricValue"], [data-testid="stMain"] [data-testid="stMarkdownContainer"], '
    '[data-testid="stMain"] [data-testid="stDataFrame"], [data-testid="stMain"] [data-testid="stHeading"], '
    f'{PLOT_TRACE}, {VEGA_DRAWN}'
)
# This app's landing page: "content" is the first headline figure (measured), "any" the first text of any kind.
LANDING_SPECS = {"content": (METRIC_VALUE, True), "any": (ANY_CONTENT, False)}

PROBE_JS = """
(() => {
  const specs = %(specs)s;       // name -> [css selector, needs text]
  const chartSel = %(chart)s;    // the chart whose redraw (c) times
  const b = window.__bench = {marks: {}, states: [], runs: 0, state: null,
                              armed: false, t0: null, sig0: null, sig: null, sigT: null};
  const signature = () => {
    const el = document.querySelector(chartSel);
    if (!el) return '';
    const parts = [];
    el.querySelectorAll('.main-svg .trace path, .main-svg .xtick text, .main-svg .ytick text, '
                        + '.main-svg .legendtext, .main-svg .gtitle').forEach(
      n => parts.push(n.getAttribute('d') || n.textContent));
    return parts.join('|');
  };
  b.signature = signature;
  const visit = (s, t) => {
    if (s === b.state) return;
    b.state = s; b.states.push([t, s]); if (s === 'notRunning') b.runs += 1;
  };
  const check = (records) => {
    const t = performance.now();
    const app = document.querySelector('[data-testid="stApp"]');
    // A fast rerun can go running -> notRunning within one batch of mutations: replay the values in between.
    const attr = (records || []).filter(r => r.type === 'attributes' && r.attributeName === 'data-test-script-state'
                                             && r.target === app);
    attr.forEach((r, i) => { if (i > 0) visit(r.oldValue, t); });
    visit(app ? app.getAttribute('data-test-script-state') : null, t);
    for (const name in specs) {
      if (name in b.marks) continue;
      const [sel, needText] = specs[name];
      const el = document.querySelector(sel);
      if (el && (!needText || el.textContent.trim())) b.marks[name] = t;
    }
    if (b.t0 !== null) { const g = signature(); if (g !== b.sig) { b.sig = g; b.sigT = t; } }
  };
  const onInput = (e) => {
    if (b.armed && b.t0 === null) { b.t0 = e.timeStamp; b.sig0 = b.sig = signature(); b.runsAt0 = b.runs; }
  };
  addEventListener('pointerdown', onInput, true);
  addEventListener('keydown', onInput, true);
  new MutationObserver(check).observe(document, {subtree: true, childList: true, attributes: true,
                                                 attributeOldValue: true, characterData: true});
  check();
})();
"""

# The load is over once the mark is seen, the script finished and nothing changed state for QUIET ms.
LOADED_JS = """
([mark, quiet]) => {
  const b = window.__bench;
  return !!b && (mark in b.marks) && b.state === 'notRunning'
         && performance.now() - b.states[b.states.length - 1][0] >= quiet;
}
"""

# The redraw is over once the input was seen, a later run finished, the chart differs and all is quiet.
REDRAWN_JS = """
(quiet) => {
  const b = window.__bench;
  if (!b || b.t0 === null || b.sigT === null) return false;
  const last = Math.max(b.states[b.states.length - 1][0], b.sigT);
  // No run count here: a rerun of a few milliseconds may never show in data-test-script-state.
  return b.state === 'notRunning' && b.sig !== b.sig0 && b.sig !== '' && performance.now() - last >= quiet;
}
"""


def probe_script(specs: dict[str, tuple[str, bool]], chart: str = '[data-testid="stPlotlyChart"]') -> str:
    return PROBE_JS % {"specs": json.dumps(specs), "chart": json.dumps(chart)}


def first_finish_after(states: list, t: float) -> float | None:
    for ts, s in states:
        if s == "notRunning" and ts >= t:
            return ts
    return None


# ---------------------------------------------------------------------------------------------- measurements


@dataclass
class Series:
    label: str
    values: list[float] = field(default_factory=list)
    finished: list[float] = field(default_factory=list)
    wall: list[float] = field(default_factory=list)

    def add(self, r: dict) -> None:
        self.values.append(r["ms"])
        self.wall.append(r["wall"])
        if r["finished"] is not None:
            self.finished.append(r["finished"])

    def median(self, which: str = "values") -> float | None:
        xs = getattr(self, which)
        return statistics.median(xs) if xs else None


# --throttle: a phone on 4G (TESTING.md): 390x844, 10 Mbit/s down, 2.5 Mbit/s up, 60 ms round trip.
PHONE = {"width": 390, "height": 844}
THROTTLE = {"offline": False, "latency": 60, "downloadThroughput": 10e6 / 8, "uploadThroughput": 2.5e6 / 8}
SETTINGS = {"throttle": False}


def new_page(browser, specs, chart='[data-testid="stPlotlyChart"]'):
    """A page in a fresh context with the probe; under --throttle, at phone size on a throttled link, counting the
    bytes it receives (`page.bytes_in()`: encoded bytes of finished HTTP responses, from the DevTools protocol)."""
    throttle = SETTINGS["throttle"]
    ctx = browser.new_context(viewport=PHONE if throttle else VIEWPORT)
    ctx.add_init_script(probe_script(specs, chart))
    page = ctx.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    received = [0]
    cdp = ctx.new_cdp_session(page)
    cdp.send("Network.enable")
    cdp.on("Network.loadingFinished", lambda e: received.__setitem__(0, received[0] + e.get("encodedDataLength", 0)))
    if throttle:
        cdp.send("Network.emulateNetworkConditions", THROTTLE)
    page.bytes_in = lambda: received[0]
    return ctx, page, errors


def measure_load(browser, url: str, specs: dict[str, tuple[str, bool]], mark: str, timeout_ms: int) -> dict:
    """One load in a fresh context: ms from navigation start to MARK, to the run's end, and wall ms."""
    ctx, page, errors = new_page(browser, specs)
    try:
        start = time.perf_counter()
        page.goto(url, wait_until="commit", timeout=timeout_ms)
        page.wait_for_function(f"() => window.__bench && ({json.dumps(mark)} in window.__bench.marks)",
                               timeout=timeout_ms, polling=10)
        wall = (time.perf_counter() - start) * 1000
        page.wait_for_function(LOADED_JS, arg=[mark, 300], timeout=timeout_ms)
        b = page.evaluate("() => ({marks: window.__bench.marks, states: window.__bench.states})")
        t = b["marks"][mark]
        if page.locator('[data-testid="stException"]').count():
            raise RuntimeError(f"{url}: the page shows an exception")
        if errors:
            raise RuntimeError(f"{url}: JavaScript errors: {errors}")
        return {"ms": t, "finished": first_finish_after(b["states"], 0), "wall": wall, "marks": b["marks"],
                "bytes": page.bytes_in()}
    finally:
        ctx.close()


def measure_rerun(browser, url: str, prepare, trigger, timeout_ms: int) -> dict:
    """Load URL, then time TRIGGER's input event -> last change of the plotly chart of the rerun it caused."""
    ctx, page, errors = new_page(browser, {"plot": (PLOT_TRACE, False)})
    try:
        page.goto(url, wait_until="commit", timeout=timeout_ms)
        page.wait_for_function(LOADED_JS, arg=["plot", 500], timeout=timeout_ms)
        prepare(page)  # e.g. open a dropdown: not timed
        page.evaluate("() => { window.__bench.armed = true; }")
        start = time.perf_counter()
        trigger(page)
        try:
            page.wait_for_function(REDRAWN_JS, arg=500, timeout=timeout_ms)
        except Exception as e:  # noqa: BLE001
            state = page.evaluate("""() => { const b = window.__bench; return {t0: b.t0, runs: b.runs, runsAt0: b.runsAt0,
                state: b.state, changed: b.sig !== b.sig0, empty: b.sig === '', states: b.states.slice(-4)}; }""")
            raise RuntimeError(f"no redraw seen: {state}") from e
        wall = (time.perf_counter() - start) * 1000 - 500
        b = page.evaluate("() => ({t0: window.__bench.t0, sigT: window.__bench.sigT, states: window.__bench.states})")
        if errors:
            raise RuntimeError(f"{url}: JavaScript errors: {errors}")
        done = first_finish_after(b["states"], b["t0"])
        return {"ms": b["sigT"] - b["t0"], "finished": (done - b["t0"]) if done else None, "wall": wall}
    finally:
        ctx.close()


# ---------------------------------------------------------------------------------------------- interactions


def click_other_segment(key: str):
    """A segmented control (the same kind of widget on both apps): the timed click on its unselected option."""

    def trigger(page):
        page.locator(f'.st-key-{key} [role="radio"][aria-checked="false"]').first.click()

    return nothing, trigger


def nothing(page):
    return None


# ---------------------------------------------------------------------------------------------- report


def fmt(ms: float | None) -> str:
    return "-" if ms is None else f"{ms / 1000:.2f} s" if ms >= 1000 else f"{ms:.0f} ms"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--runs", type=int, default=7, help="measured loads per app and measure (default 7)")
    ap.add_argument("--timeout", type=float, default=60, help="seconds to wait for one load (default 60)")
    ap.add_argument("--trends-path", default="/trends", help="URL path (and query) of the Trends page measured")
    ap.add_argument("--throttle", action="store_true",
                    help="a phone on 4G: 390x844, 10 Mbit/s down, 60 ms RTT (loads only, with the bytes of every page)")
    ap.add_argument("--serve", choices=("streamlit", "uvicorn"), default="streamlit",
                    help="how this app is served: `streamlit run app.py` (default) or `uvicorn app:app` (the reference "
                         "apps are always served by `streamlit run`)")
    args = ap.parse_args(argv)
    SETTINGS["throttle"] = args.throttle
    timeout_ms = int(args.timeout * 1000)

    load_before = os.getloadavg()[0]
    chromium = find_chromium()
    if chromium is None:
        print("no Chromium found (/usr/bin/chromium or `chromium` on PATH)", file=sys.stderr)
        return 2
    from playwright.sync_api import sync_playwright

    logs = ARTIFACTS / "bench"
    logs.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as p, tempfile.TemporaryDirectory(prefix="vni-bench-") as tmp, ExitStack() as stack:
        tmpd = Path(tmp)
        (tmpd / "blank.py").write_text(BLANK_APP, encoding="utf-8")
        (tmpd / "plotly_min.py").write_text(PLOTLY_APP, encoding="utf-8")
        (tmpd / "plotly_page.py").write_text(PLOTLY_PAGE_APP, encoding="utf-8")
        (tmpd / "gdp_like.py").write_text(GDP_APP, encoding="utf-8")
        (tmpd / "gdp_data.csv").write_text(gdp_csv(), encoding="utf-8")

        def serve(app: str, cwd: Path, how: str = "streamlit") -> str:
            return stack.enter_context(streamlit_server(app, cwd=cwd, log_path=logs / f"{Path(app).stem}.log",
                                                        serve=how))

        app = serve("app.py", ROOT, args.serve)
        print(f"this app served by {'uvicorn app:app' if args.serve == 'uvicorn' else 'streamlit run app.py'}")
        blank = serve("blank.py", tmpd)
        plotly_min = serve("plotly_min.py", tmpd)
        plotly_page = serve("plotly_page.py", tmpd)
        gdp = serve("gdp_like.py", tmpd)
        browser = launch_chromium(p, chromium)
        stack.callback(browser.close)

        loads = {
            "a_app": (f"{app}/", LANDING_SPECS, "content"),
            "a_blank": (f"{blank}/", {"content": ('[data-testid="stMain"] [data-testid="stMarkdownContainer"]', True)},
                        "content"),
            "a_gdp": (f"{gdp}/", {"content": (VEGA_DRAWN, False)}, "content"),
            "b_app": (f"{app}{args.trends_path}", {"plot": (PLOT_TRACE, False)}, "plot"),
            "b_min": (f"{plotly_min}/", {"plot": (PLOT_TRACE, False)}, "plot"),
            "b_page": (f"{plotly_page}/chart", {"plot": (PLOT_TRACE, False)}, "plot"),
        }
        # (c) Trends' transform (level <-> change on a year earlier) against the minimal app's series switch.
        reruns = {
            "c_app": (f"{app}{args.trends_path}", *click_other_segment("transform")),
            "c_min": (f"{plotly_min}/", *click_other_segment("series")),
            "c_app_new": (None, *click_other_segment("transform")),  # URL set per run: a view not seen before
        }
        if not args.trends_path.startswith("/trends"):  # (c) clicks Trends' transform control
            reruns = {}
        if args.throttle:  # loads only (the link's speed is what is measured), and every page's bytes
            reruns = {}
            from vnintegration.dashboard.registry import PAGES

            for page in PAGES[1:]:
                if page.name != "trends":
                    loads[f"p_{page.name}"] = (f"{app}/{page.url_path}", {"any": (ANY_CONTENT, False)}, "any")
        series = {k: Series(k) for k in [*loads, *reruns]}
        sizes: dict[str, list[int]] = {}
        landing_any = Series("a_app_any")
        failed: dict[str, str] = {}  # a measure failing twice in a row is dropped, with its error printed
        misses: dict[str, int] = {}

        def attempt(key, fn, *a):
            """FN(*A), retried once; None (and the error kept) when it fails twice."""
            for _ in range(2):
                try:
                    result = fn(*a)
                    misses[key] = 0
                    return result
                except Exception as e:  # noqa: BLE001
                    misses[key] = misses.get(key, 0) + 1
                    print(f"  {key}: {type(e).__name__}: {str(e).splitlines()[0] if str(e) else ''}", flush=True)
                    if misses[key] >= 2:
                        failed[key] = f"{type(e).__name__}: {str(e).splitlines()[0] if str(e) else ''}"
                        return None
            return None

        for run in range(args.runs + 1):  # run 0 is the warm-up
            for key, (url, specs, mark) in loads.items():
                if key in failed:
                    continue
                r = attempt(key, measure_load, browser, url, specs, mark, timeout_ms)
                if r and run:
                    series[key].add(r)
                    sizes.setdefault(key, []).append(r["bytes"])
                    if key == "a_app" and "any" in r["marks"]:
                        landing_any.values.append(r["marks"]["any"])
            for key, (url, prepare, trigger) in reruns.items():
                if key in failed:
                    continue
                if key == "c_app_new":
                    url = f"{app}/trends?from={1970 + run % 50}&to=2025"
                r = attempt(key, measure_rerun, browser, url, prepare, trigger, timeout_ms)
                if r and run:
                    series[key].add(r)
            print(f"{'warm-up' if run == 0 else f'run {run}/{args.runs}'} done", flush=True)

    load_after = os.getloadavg()[0]
    m = {k: s.median() for k, s in series.items()}
    if args.throttle:
        return throttled_report(args, m, series, sizes, failed, load_before, load_after)
    chart_page = args.trends_path.split("?")[0]
    rows = [
        ("(a) landing: first content", "a_app", "a_blank", "blank st.write", 1.3),
        (f"(b) {chart_page}: first plotly chart", "b_app", "b_min", "one plotly line", 1.1),
        ("(c) widget change -> redrawn", "c_app", "c_min", "its rerun", 1.2),
    ]
    print()
    print(f"Medians of {args.runs} loads, fresh browser context per load (in-page performance.now()); "
          f"{os.cpu_count()} CPUs, load average {load_before:.1f} before, {load_after:.1f} after.")
    head = f"{'measure':34} {'this app':>9} {'reference':>10} {'ref. app':>16} {'ratio':>6} {'goal':>6}  result"
    print(head)
    print("-" * len(head))
    verdicts = [goal_row(title, m[mine], m[ref], ref_name, goal) for title, mine, ref, ref_name, goal in rows
                if mine in m]
    ratio = m["a_app"] / m["a_gdp"] if m["a_app"] and m["a_gdp"] else None
    ok = ratio is not None and ratio < 1
    verdicts.append(ok)
    print(f"{'(a) landing vs gdp-like chart':34} {fmt(m['a_app']):>9} {fmt(m['a_gdp']):>10} {'gdp-like (Vega)':>16} "
          f"{'-' if ratio is None else f'{ratio:.2f}x':>6} {'<1x':>6}  {'PASS' if ok else 'MISS'}")
    if m.get("b_app") and m.get("b_page"):
        print(f"{'(b) against a page path, info':34} {fmt(m['b_app']):>9} {fmt(m['b_page']):>10} {'line on /chart':>16} "
              f"{m['b_app'] / m['b_page']:.2f}x")
    if "c_app_new" in m:
        print(f"{'(c) new view (not cached), info':34} {fmt(m['c_app_new']):>9} {fmt(m['c_min']):>10} {'its rerun':>16}")
    print()
    print("Informational medians:")
    print(f"  landing page, first text of any kind ........ {fmt(landing_any.median())}")
    for key, s in series.items():
        print(f"  {key:8} script finished (where seen) {fmt(s.median('finished')):>9}   wall clock around goto/click {fmt(s.median('wall')):>9}"
              f"   all: {', '.join(fmt(v) for v in s.values)}")
    return report_end(failed, verdicts)


def goal_row(title: str, mine, ref, ref_name: str, goal: float) -> bool:
    """Print one measure against its reference app and goal (a ratio); return whether the goal is met."""
    ratio = mine / ref if mine and ref else None
    ok = ratio is not None and ratio <= goal
    print(f"{title:34} {fmt(mine):>9} {fmt(ref):>10} {ref_name:>16} "
          f"{'-' if ratio is None else f'{ratio:.2f}x':>6} {f'<={goal}x':>7}  {'PASS' if ok else 'MISS'}")
    return ok


def report_end(failed: dict[str, str], verdicts: list[bool]) -> int:
    """The measures dropped after failing twice, and the count of goals met."""
    for key, err in failed.items():
        print(f"  {key}: FAILED twice in a row, no further runs: {err}")
    print(f"Goals met: {sum(verdicts)}/{len(verdicts)}")
    return 0


def throttled_report(args, m, series, sizes, failed, load_before, load_after) -> int:
    """Issue 15's goals on the throttled phone profile, and the bytes each page moves."""
    print()
    print(f"Throttled (390x844, 10 Mbit/s down, 60 ms RTT), medians of {args.runs} loads, fresh context per load; "
          f"{os.cpu_count()} CPUs, load average {load_before:.1f} before, {load_after:.1f} after.")
    rows = [("(a) landing: first content", "a_app", "a_blank", "blank st.write", 1.0),
            ("(a) landing vs gdp-like", "a_app", "a_gdp", "gdp-like (Vega)", 0.6),
            (f"(b) {args.trends_path.split('?')[0]}: first plotly chart", "b_app", "b_min", "one plotly line", 0.8)]
    verdicts = [goal_row(title, m[mine], m[ref], ref_name, goal) for title, mine, ref, ref_name, goal in rows]
    print("Bytes received per load (median; HTTP responses as encoded on the wire), first content:")
    for key, values in sizes.items():
        print(f"  {key:18} {statistics.median(values) / 1e6:6.2f} MB   {fmt(m[key]):>9}   all: "
              f"{', '.join(fmt(v) for v in series[key].values)}")
    return report_end(failed, verdicts)


if __name__ == "__main__":
    sys.exit(main())
