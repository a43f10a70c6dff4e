"""The dashboard in a real Chromium: what only a browser shows.

Every page draws its charts or tables without an exception, in Vietnamese by default and in English with
?lang=en (a screenshot of each goes to artifacts/screenshots/<page>-<lang>.png); changing a widget changes the
URL, and that URL opened in a fresh browser context shows the same selections; the CSV downloads hold exactly
the rows the page shows; a 1986–2025 chart draws its points.

How the tests wait (see stpage.py): `goto` opens a URL (wait_until="commit"), waits for the server's
`script_finished` message on the app's websocket, the app's `data-test-script-state="notRunning"` and a quiet
period, then for every visible plotly chart to draw a trace and every visible dataframe to lay out its grid.
A widget change goes through `rerun_after`, which waits for the *next* finished run in the same way.
Assertions on what is drawn use Playwright's retrying `expect`. Nothing asserts on time.
"""

from __future__ import annotations

import io
import re
import socket
from pathlib import Path
from urllib.parse import urlsplit

import pandas as pd
import pytest
from playwright.sync_api import expect
from stpage import (
    DATAFRAME,
    METRIC,
    PHONE,
    chart_texts,
    click_segment,
    exceptions,
    goto,
    grid_header,
    grid_row_count,
    grid_rows,
    keyed,
    multiselect_values,
    path,
    query,
    rerun_after,
    screenshot,
    segmented_value,
    selectbox_value,
    slider_values,
    text_value,
    wait_drawn,
)

from vnintegration.core.words import lookup
from vnintegration.dashboard.registry import PAGES as REGISTRY
from vnintegration.extract.i18n import STRINGS as IMPORT_STRINGS
from vnintegration.present import i18n

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[2]
INDICATORS = pd.read_csv(ROOT / "data" / "indicators.csv", dtype=str, keep_default_na=False).set_index("id")
INDICATOR_IDS = set(INDICATORS.index)
UNITS = INDICATORS["unit"].to_dict()
OTHER = {"vi": "en", "en": "vi"}
MAIN = '[data-testid="stMain"]'
PLOT = '[data-testid="stPlotlyChart"]'

ARTICLE = (
    "Kinh tế năm 2024\n"
    "Năm 2024, GDP tăng 7,09%, quy mô đạt 11.511,9 nghìn tỷ đồng.\n"
    "Tổng kim ngạch xuất nhập khẩu 7 tháng năm 2025 đạt trên 514 tỷ USD; cả năm 2024 đạt khoảng 786 tỷ USD.\n"
    "Vốn FDI đăng ký năm 2024 đạt 38,23 tỷ USD.\n"
)


def url(path_: str, lang: str = "vi", **params: str) -> str:
    """PATH with PARAMS (and lang=en when English), in the app's own parameter names."""
    if lang != "vi":
        params = {"lang": lang, **params}
    return path_ + ("?" + "&".join(f"{k}={v}" for k, v in params.items()) if params else "")


def heading(page) -> str:
    return page.locator(f"{MAIN} h1").first.inner_text().strip()


def visible_labels(page) -> str:
    """Words the app itself writes (headings, widget labels, captions, metrics, chart texts), not table cells."""
    return page.evaluate("""() => [...document.querySelectorAll(
        '[data-testid="stMain"] :is(h1, h2, h3, [data-testid="stWidgetLabel"], [data-testid="stCaptionContainer"],'
        + ' [data-testid="stMetric"], [data-testid="stAlert"], [data-testid="stPlotlyChart"] .main-svg text,'
        + ' [data-testid="stMarkdownContainer"]), [data-testid="stSidebar"]')]
        .map(e => e.textContent).join('\\n')""")


def raw_ids(text: str) -> set[str]:
    return {w for w in re.findall(r"\b[a-z][a-z0-9]*(?:_[a-z0-9]+)+\b", text) if w in INDICATOR_IDS}


def download(page, key: str, header: bool = True) -> pd.DataFrame:
    """Click the download button KEY and read the file it serves as CSV (HEADER: whether it has a header row)."""
    with page.expect_download() as info:
        keyed(page, key).locator("button").click()
    data = Path(info.value.path()).read_bytes()
    return pd.read_csv(io.BytesIO(data), header=0 if header else None, keep_default_na=False, na_values=[""])


def paste_article(page, text: str = ARTICLE) -> None:
    box = keyed(page, "import_text").locator("textarea")
    box.fill(text)
    rerun_after(page, lambda: box.press("Control+Enter"))


# ---------------------------------------------------------------------------------------------- every page

# What each page must draw (MAIN for a page not listed); its heading is its title, the app's on the landing page.
# Compare: its grid, or on a phone the same rows stacked (the grid is hidden under 640 px).
CONTENT = {"overview": METRIC, "trends": f"{PLOT} .main-svg", "compare": f"{DATAFRAME}:visible, .st-key-compare_stacked:visible", "partners": f"{PLOT} .main-svg",
           "sources": DATAFRAME, "import": DATAFRAME}
HEADINGS = {"import": lambda lang: lookup(IMPORT_STRINGS, "title", lang)}


def _heading(n: int, entry):
    key = "app_title" if n == 0 else entry.title_key
    return HEADINGS.get(entry.name, lambda lang: i18n.t(key, lang))


# name, URL path, heading (by language), what the page must draw: every page of the registry
PAGES = [(entry.name, "/" if n == 0 else f"/{entry.url_path}", _heading(n, entry), CONTENT.get(entry.name, MAIN))
         for n, entry in enumerate(REGISTRY)]


@pytest.mark.parametrize("lang", ["vi", "en"])
@pytest.mark.parametrize(("name", "path_", "title", "content"), PAGES, ids=[p[0] for p in PAGES])
def test_page_draws_in_its_language(page, app_url, name, path_, title, content, lang):
    goto(page, app_url, url(path_, lang))
    assert exceptions(page) == []
    if name == "import":  # the import page draws its table once an article is pasted
        paste_article(page)
        wait_drawn(page)
    expect(page.locator(content).first).to_be_visible()
    if name == "compare":
        expect(page.locator(f"{PLOT} .main-svg").first).to_be_visible()
    screenshot(page, f"{name}-{lang}")

    assert heading(page) == title(lang)
    nav = page.locator('[data-testid="stSidebarNav"]').inner_text()
    for key in ("page_overview", "page_trends", "page_sources"):
        assert i18n.t(key, lang) in nav
        assert i18n.t(key, OTHER[lang]) not in nav, f"{key} is not translated to {lang} in the sidebar"
    labels = visible_labels(page)
    assert not raw_ids(labels), f"raw indicator ids shown: {sorted(raw_ids(labels))}"
    if lang == "en":  # the app's own words are English (data such as source titles may stay Vietnamese)
        assert i18n.t("app_tagline", "vi") not in labels


# ---------------------------------------------------------------------------------------------- overview


def test_overview_cards_link_to_their_source(page, app_url):
    goto(page, app_url, url("/", "en"))
    values = page.locator(f"{MAIN} [data-testid='stMetricValue']").all_inner_texts()
    assert len(values) >= 5
    assert all(v.strip() and v.strip() not in ("nan", "None", "–") for v in values), values
    link = page.locator(f"{MAIN} [data-testid='stPageLink'] a").first
    rerun_after(page, link.click)
    assert path(page) == "/sources"
    assert query(page).get("fig"), page.url
    expect(keyed(page, "focus")).to_be_visible()
    expect(keyed(page, "focus")).to_contain_text(i18n.t("focus_heading", "en"))
    assert exceptions(page) == []


# ---------------------------------------------------------------------------------------------- trends


def test_trends_widgets_write_the_url_and_the_url_restores_them(new_page, app_url):
    page = new_page()
    goto(page, app_url, url("/trends", "en", ind="exports", **{"from": "2000", "to": "2024"}))
    assert multiselect_values(page, "indicators") == ["Goods exports (USD bn)"]
    assert slider_values(page, "years") == ["2000", "2024"]
    assert segmented_value(page, "transform") == i18n.t("tf_level", "en")
    ytitles = chart_texts(page)["ytitle"]

    # transform: level -> change on a year earlier; the chart is drawn again with a change axis
    rerun_after(page, lambda: click_segment(page, "transform", i18n.t("tf_yoy", "en")))
    assert query(page)["tf"] == ["yoy"]
    expect(page.locator(f"{PLOT} .g-ytitle").first).to_have_text(i18n.t("change_rel", "en"))
    assert chart_texts(page)["ytitle"] != ytitles

    # years: the start thumb one step right, by keyboard
    start = keyed(page, "years").locator('input[type="range"]').first
    start.focus()
    rerun_after(page, lambda: start.press("ArrowRight"))
    assert query(page)["from"] == ["2001"] and query(page)["to"] == ["2024"]

    # indicators: add imports
    box = keyed(page, "indicators").locator('input[role="combobox"]')
    box.click()
    rerun_after(page, lambda: page.get_by_role("option", name="Goods imports (USD bn)", exact=True).click())
    page.keyboard.press("Escape")
    assert query(page)["ind"] == ["exports,imports"]
    wait_drawn(page)
    expect(page.locator(f"{PLOT} .gtitle", has_text="Goods imports")).not_to_have_count(0)  # the key names it

    # view: table
    rerun_after(page, lambda: click_segment(page, "view", i18n.t("view_table", "en")))
    assert query(page)["view"] == ["table"]
    wait_drawn(page)
    expect(page.locator(DATAFRAME)).to_be_visible()

    shared = page.url
    other = new_page()  # a fresh context: no session, no cookies, only the URL
    goto(other, app_url, shared)
    assert multiselect_values(other, "indicators") == ["Goods exports (USD bn)", "Goods imports (USD bn)"]
    assert slider_values(other, "years") == ["2001", "2024"]
    assert segmented_value(other, "transform") == i18n.t("tf_yoy", "en")
    assert segmented_value(other, "view") == i18n.t("view_table", "en")
    assert heading(other) == "Trends"
    assert query(other) == query(page)
    assert grid_row_count(other.locator(DATAFRAME)) == grid_row_count(page.locator(DATAFRAME))
    assert exceptions(other) == []


def test_trends_keeps_its_view_across_a_page_change(page, app_url):
    """A real browser drops the query string when the sidebar changes page; coming back restores the view."""
    goto(page, app_url, url("/trends", "en", ind="gdp_growth", **{"from": "2005", "to": "2020"}, tf="yoy"))
    nav = page.locator('[data-testid="stSidebarNav"]')
    rerun_after(page, lambda: nav.get_by_text(i18n.t("page_compare", "en"), exact=True).click())
    assert path(page) == "/compare"
    assert heading(page) == i18n.t("page_compare", "en")  # the language survives the page change
    rerun_after(page, lambda: nav.get_by_text(i18n.t("page_trends", "en"), exact=True).click())
    wait_drawn(page)
    assert path(page) == "/trends"
    q = query(page)
    assert (q["ind"], q["from"], q["to"], q["tf"]) == (["gdp_growth"], ["2005"], ["2020"], ["yoy"])
    assert segmented_value(page, "transform") == i18n.t("tf_yoy", "en")
    assert exceptions(page) == []


def test_language_switch_keeps_the_view(page, app_url):
    goto(page, app_url, url("/trends", ind="exports", **{"from": "2010", "to": "2020"}))
    assert heading(page) == i18n.t("page_trends", "vi")
    assert "lang" not in query(page)
    rerun_after(page, lambda: click_segment(page, "lang", i18n.t("lang_en", "en")))
    wait_drawn(page)
    assert query(page)["lang"] == ["en"]
    assert (query(page)["ind"], query(page)["from"]) == (["exports"], ["2010"])
    assert heading(page) == i18n.t("page_trends", "en")
    expect(keyed(page, "indicators").get_by_text(i18n.t("indicators", "en"), exact=True)).to_be_visible()
    rerun_after(page, lambda: click_segment(page, "lang", i18n.t("lang_vi", "vi")))
    assert "lang" not in query(page)
    assert heading(page) == i18n.t("page_trends", "vi")


def test_malformed_url_parameters_are_ignored_with_a_notice(page, app_url):
    goto(page, app_url, "/trends?lang=en&ind=exports,no_such_thing&tf=sideways&from=20x0&zzz=1")
    assert exceptions(page) == []
    notices = page.locator(f"{MAIN} [data-testid='stCaptionContainer']", has_text="Ignored URL parameter")
    text = " ".join(notices.all_inner_texts())
    for param in ("ind=no_such_thing", "tf=sideways", "from=20x0", "zzz=1"):
        assert param in text, f"no notice for {param}: {text!r}"
    expect(page.locator(f"{PLOT} .main-svg").first).to_be_visible()
    q = query(page)
    assert q["ind"] == ["exports"] and "zzz" not in q and "tf" not in q


def test_a_1986_to_2025_chart_draws_every_year(page, app_url):
    goto(page, app_url, url("/trends", "en", ind="gdp_growth", **{"from": "1986", "to": "2025"}, ev="0"))
    assert exceptions(page) == []
    drawn = page.evaluate("""() => {
        const traces = [...document.querySelectorAll('[data-testid="stPlotlyChart"] .scatterlayer .trace')];
        let vertices = 0, markers = 0;
        for (const tr of traces) {
            tr.querySelectorAll('path.js-line').forEach(p => { vertices += ((p.getAttribute('d') || '').match(/[ML]/g) || []).length; });
            markers += tr.querySelectorAll('.points path').length;
        }
        return {vertices, markers};
    }""")
    assert max(drawn["vertices"], drawn["markers"]) >= 38, drawn  # 40 years of GDP growth, allowing for a gap or two
    ticks = [int(t) for t in chart_texts(page)["xticks"] if t.isdigit()]
    assert ticks and min(ticks) <= 1990 and max(ticks) >= 2020, ticks
    screenshot(page, "trends-1986-2025-en")


@pytest.mark.parametrize("tf", ["level", "yoy"])
def test_trends_csv_holds_the_rows_shown(page, app_url, tf):
    goto(page, app_url, url("/trends", "en", ind="gdp_growth,exports,fdi_registered", **{"from": "2010", "to": "2025"},
                            tf=tf, view="table"))
    grid = page.locator(DATAFRAME)
    shown = grid_row_count(grid)
    assert shown > 0
    csv = download(page, "download_csv")
    assert len(csv) == shown
    assert set(csv["indicator"]) <= {"gdp_growth", "exports", "fdi_registered"}
    assert csv["year"].between(2010, 2025).all()
    if tf == "yoy":
        assert {"change", "base_year"} <= set(csv.columns)
    header = grid_header(grid)
    rows = grid_rows(grid)
    assert rows, "the grid rendered no rows"
    name_col, value_col = header.index("Indicator"), header.index("Value")
    for i, cells in rows.items():  # each rendered row is the CSV's row at the same position
        r = csv.iloc[i]
        assert cells[name_col] == r["name_en"], (i, cells, r.to_dict())
        assert cells[value_col] == i18n.format_value(float(r["value"]), r["unit"], r["qualifier"], "en"), (i, cells)


# ---------------------------------------------------------------------------------------------- compare


def type_and_choose(page, key: str, option: str) -> None:
    box = keyed(page, key).locator('input[role="combobox"]')
    box.click()
    box.fill(option)
    page.get_by_role("option", name=option, exact=True).click()


def test_compare_years_in_the_url(new_page, app_url):
    page = new_page()
    goto(page, app_url, url("/compare", "en", a="2024", b="2025"))  # the defaults: computed once per server
    assert (selectbox_value(page, "year_a"), selectbox_value(page, "year_b")) == ("2024", "2025")
    assert {"2024", "2025"} <= set(grid_header(page.locator(DATAFRAME)))
    rerun_after(page, lambda: type_and_choose(page, "year_a", "2015"))  # typed: the list is longer than its window
    assert query(page)["a"] == ["2015"] and query(page)["b"] == ["2025"]
    wait_drawn(page)
    assert "2015" in grid_header(page.locator(DATAFRAME))

    other = new_page()
    goto(other, app_url, page.url)
    assert (selectbox_value(other, "year_a"), selectbox_value(other, "year_b")) == ("2015", "2025")
    assert grid_header(other.locator(DATAFRAME)) == grid_header(page.locator(DATAFRAME))
    assert grid_row_count(other.locator(DATAFRAME)) == grid_row_count(page.locator(DATAFRAME))
    assert exceptions(other) == []


def test_compare_csv_holds_the_rows_shown(page, app_url):
    goto(page, app_url, url("/compare", "en", a="2024", b="2025"))
    shown = grid_row_count(page.locator(DATAFRAME))
    csv = download(page, "download_csv")
    assert len(csv) == shown > 0


# ---------------------------------------------------------------------------------------------- sources


def shown_count(page) -> tuple[int, int]:
    """The (n, total) of the Sources page's "n of total figures" caption."""
    pattern = re.escape(i18n.t("shown_n", "en", n="@N", total="@T")).replace("@N", r"(\d+)").replace("@T", r"(\d+)")
    caption = page.locator(f"{MAIN} [data-testid='stCaptionContainer']", has_text=re.compile(pattern)).first
    m = re.search(pattern, caption.inner_text())
    return int(m.group(1)), int(m.group(2))


def test_sources_search_in_the_url(new_page, app_url):
    page = new_page()
    goto(page, app_url, url("/sources", "en"))
    n_all, total = shown_count(page)
    assert n_all == total > 0
    box = keyed(page, "search").locator("input")
    box.fill("FDI")
    rerun_after(page, lambda: box.press("Enter"))
    wait_drawn(page)
    assert query(page)["q"] == ["FDI"]
    n, total_after = shown_count(page)
    assert 0 < n < total and total_after == total
    assert grid_row_count(page.locator(DATAFRAME)) == n

    other = new_page()
    goto(other, app_url, page.url)
    assert text_value(other, "search") == "FDI"
    assert shown_count(other) == (n, total)
    assert exceptions(other) == []


def test_sources_csv_holds_the_rows_shown(page, app_url):
    goto(page, app_url, url("/sources", "en", q="xuất khẩu", y="2024"))
    n, total = shown_count(page)
    assert 0 < n < total
    grid = page.locator(DATAFRAME).first
    assert grid_row_count(grid) == n
    shown = download(page, "download_shown")
    assert len(shown) == n
    assert (shown["year"] == 2024).all()
    valid = download(page, "download_valid")
    assert len(valid) == total
    header = grid_header(grid)
    period_col, value_col = header.index(i18n.t("col_period", "en")), header.index(i18n.t("col_value", "en"))
    rows = grid_rows(grid)
    assert rows, "the grid rendered no rows"
    for i, cells in rows.items():  # each rendered row is the downloaded row at the same position
        r = shown.iloc[i]
        assert str(r["year"]) in cells[period_col], (i, cells, r.to_dict())
        expected = i18n.format_value(float(r["value"]), UNITS[r["indicator"]], r["qualifier"], "en")
        assert cells[value_col] == expected, (i, cells, r.to_dict())


# ---------------------------------------------------------------------------------------------- import


def test_import_finds_figures_and_downloads_the_kept_rows(page, app_url):
    goto(page, app_url, url("/import", "en"))
    assert exceptions(page) == []
    paste_article(page)
    wait_drawn(page)
    expect(page.locator(DATAFRAME).first).to_be_visible()
    caption = page.locator(f"{MAIN} [data-testid='stCaptionContainer']", has_text=re.compile(r"\d+ figures?;")).first
    m = re.search(r"(\d+) figures?; (\d+)", caption.inner_text())
    assert m, caption.inner_text()
    found, kept = int(m.group(1)), int(m.group(2))
    assert found >= 3
    assert grid_row_count(page.locator(DATAFRAME).first) == found
    if kept:  # rows ready to append to observations.csv: no header, the file's columns
        rows = download(page, "dl_obs", header=False)
        assert len(rows) == kept
        assert rows.shape[1] == len(pd.read_csv(ROOT / "data" / "observations.csv", nrows=0).columns)
    assert exceptions(page) == []


# ---------------------------------------------------------------------------------------------- own data upload


def footer_figures(page) -> int:
    """The N of the footer "N figures · ..." (the valid observations the session's data holds)."""
    pattern = re.escape(i18n.t("data_footer", "en", obs="@N", ind="@I", src="@S")).replace("@N", r"(\d+)")
    pattern = pattern.replace("@I", r"\d+").replace("@S", r"\d+")
    caption = page.locator(f"{MAIN} [data-testid='stCaptionContainer']", has_text=re.compile(pattern)).first
    return int(re.search(pattern, caption.inner_text()).group(1))


def test_uploaded_data_is_used_by_this_session_only(new_page, app_url, tmp_path):
    """A .zip of the data directory minus one figure, uploaded in the sidebar: this session shows one figure
    fewer on every page; another browser context still sees the bundled data."""
    import zipfile

    data = ROOT / "data"
    lines = (data / "observations.csv").read_text(encoding="utf-8").splitlines(keepends=True)
    upload = tmp_path / "my-data.zip"
    with zipfile.ZipFile(upload, "w") as z:
        for path_ in sorted(data.rglob("*")):
            if path_.is_file() and path_.name not in ("README.md", "observations.csv"):
                z.write(path_, path_.relative_to(data).as_posix())
        z.writestr("observations.csv", "".join(lines[:-1]))  # the last figure left out
    page = new_page()
    goto(page, app_url, url("/", "en"))
    bundled = footer_figures(page)

    sidebar = page.locator('[data-testid="stSidebar"]')
    chooser = sidebar.locator('[data-testid="stFileUploader"] input[type="file"]')
    assert chooser.count() == 0  # the uploader is sent only once the control is opened
    expander = sidebar.locator("details", has_text="Use my own data")
    if expander.get_attribute("open") is None:
        rerun_after(page, lambda: expander.locator("summary").click())
    rerun_after(page, lambda: chooser.set_input_files(str(upload)), quiet_ms=800)
    expect(sidebar.get_by_text("Using your uploaded data", exact=False)).to_be_visible()
    wait_drawn(page)
    assert exceptions(page) == []
    assert footer_figures(page) == bundled - 1

    rerun_after(page, lambda: page.locator('[data-testid="stSidebarNav"]').get_by_text("Sources", exact=True).click())
    wait_drawn(page)
    assert shown_count(page)[1] == bundled - 1
    screenshot(page, "sources-uploaded-en")

    other = new_page()  # another session: the bundled data
    goto(other, app_url, url("/sources", "en"))
    assert shown_count(other)[1] == bundled


def test_the_apps_own_server_sends_javascript_compressed(page, app_url):
    """app.py's st.App runs dashboard/serving.py's middlewares: the scripts a page loads come gzip-encoded."""
    encodings: dict[str, tuple[str, int]] = {}

    def on_response(response):
        if response.url.startswith(app_url) and response.url.endswith(".js"):
            headers = response.headers
            encodings[response.url] = (headers.get("content-encoding", ""), int(headers.get("content-length") or 0))

    page.on("response", on_response)
    goto(page, app_url, "/")
    assert any(enc == "gzip" and "/index." in u for u, (enc, _) in encodings.items()), encodings
    plain = {u: size for u, (enc, size) in encodings.items() if enc != "gzip" and size >= 1000}
    assert not plain, plain  # only scripts under the middleware's 1000-byte minimum go uncompressed


def test_the_apps_websocket_messages_are_compressed(app_url):
    """.streamlit/config.toml turns on server.enableWebsocketCompression: the server takes up the browser's offer of
    permessage-deflate on the websocket that carries every run's elements (charts' JSON, tables)."""
    url = urlsplit(app_url)
    offer = (f"GET /_stcore/stream HTTP/1.1\r\nHost: {url.netloc}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
             "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n"
             "Sec-WebSocket-Protocol: streamlit\r\n"
             "Sec-WebSocket-Extensions: permessage-deflate; client_max_window_bits\r\n\r\n")
    with socket.create_connection((url.hostname, url.port), timeout=10) as connection:
        connection.sendall(offer.encode("ascii"))
        answer = connection.recv(4096).decode("latin-1").lower()
    assert answer.startswith("http/1.1 101"), answer
    assert "sec-websocket-extensions: permessage-deflate" in answer, answer


# ---------------------------------------------------------------------------------------------- phone width

def boxes(page, selector: str) -> list[dict]:
    return [b for b in (e.bounding_box() for e in page.locator(selector).all()) if b]


def overlaps(a: dict, b: dict) -> bool:
    return not (a["x"] + a["width"] <= b["x"] or b["x"] + b["width"] <= a["x"] or
                a["y"] + a["height"] <= b["y"] or b["y"] + b["height"] <= a["y"])


@pytest.mark.parametrize(("name", "path_", "title", "content"), PAGES, ids=[p[0] for p in PAGES])
def test_every_page_fits_a_390_px_phone(phone, app_url, name, path_, title, content):
    """Each registry page at 390x844 (screenshots artifacts/screenshots/<page>-phone.png and -phone-tall.png, to be
    looked at): nothing wider than the screen, plots at least 250 px wide, the mode bar clear of every title."""
    goto(phone, app_url, url(path_, "en"))
    if name == "import":
        paste_article(phone)
        wait_drawn(phone)
    expect(phone.locator(content).first).to_be_visible()
    assert exceptions(phone) == []
    screenshot(phone, f"{name}-phone")
    main = phone.locator(MAIN)
    wide = main.evaluate("e => e.scrollWidth <= e.clientWidth + 1")
    svgs, drags = boxes(phone, f"{PLOT} .main-svg"), boxes(phone, f"{PLOT} .nsewdrag")
    covered = []
    for chart in phone.locator(PLOT).all():
        bars, titles = boxes(chart, ".modebar-group"), boxes(chart, ".gtitle")
        covered += [(b, t) for b in bars for t in titles if overlaps(b, t)]
    cards = boxes(phone, f"{MAIN} .st-key-cards > [data-testid='stLayoutWrapper']")
    phone.set_viewport_size({"width": 390, "height": 2600})
    wait_drawn(phone)
    screenshot(phone, f"{name}-phone-tall")
    assert wide, f"{name}: the page scrolls sideways"
    for svg in svgs:
        assert svg["x"] >= -1 and svg["x"] + svg["width"] <= PHONE["width"] + 1, (name, svg)
    for drag in drags:  # each plot area: most of the 358 px the page leaves a chart
        assert drag["width"] >= 240, (name, drag)
    assert not covered, f"{name}: the mode bar covers a title {covered}"
    if name == "overview":
        assert cards and all(card["width"] >= PHONE["width"] - 40 for card in cards), cards  # one card a row, full width


# ---------------------------------------------------------------------------------------------- injection

PAYLOAD_URL = "/?x=![](http://attacker.example/p.png)&[link](http://attacker.example)=<img src=http://attacker.example/q.png>"


def assert_no_payload_markup(page) -> None:
    for selector in ("img[src*='attacker']", "a[href*='//attacker']", "a[href^='javascript']", ".katex"):
        found = page.locator(f"{MAIN} {selector}, [data-testid='stSidebar'] {selector}")
        assert found.count() == 0, (selector, [e.evaluate("e => e.outerHTML.slice(0, 300)") for e in found.all()])


def test_payloads_in_a_link_and_in_uploaded_data_are_shown_as_text(new_page, app_url, tmp_path):
    """No <img>, link or LaTeX from a payload: in the URL's notices, and in an upload's names, quotes and notes."""
    import zipfile

    from tests.test_injection import PAYLOADS, write

    page = new_page()
    goto(page, app_url, PAYLOAD_URL)
    expect(page.locator(MAIN).get_by_text("attacker.example", exact=False).first).to_be_visible()
    assert_no_payload_markup(page)

    root = write(tmp_path, url="https://example.org", payload=" ".join(PAYLOADS))
    upload = tmp_path / "payload.zip"
    with zipfile.ZipFile(upload, "w") as z:
        for file in sorted(root.rglob("*")):
            if file.is_file():
                z.write(file, file.relative_to(root).as_posix())
    goto(page, app_url, url("/", "en"))
    sidebar = page.locator('[data-testid="stSidebar"]')
    expander = sidebar.locator("details", has_text="Use my own data")
    if expander.get_attribute("open") is None:
        rerun_after(page, lambda: expander.locator("summary").click())
    chooser = sidebar.locator('[data-testid="stFileUploader"] input[type="file"]')
    rerun_after(page, lambda: chooser.set_input_files(str(upload)), quiet_ms=800)
    expect(sidebar.get_by_text("Using your uploaded data", exact=False)).to_be_visible()
    wait_drawn(page)
    expect(page.locator(MAIN).get_by_text("attacker.example", exact=False).first).to_be_visible()
    assert_no_payload_markup(page)
    screenshot(page, "overview-payload-en")
    # The card's source link (same session): the quote, the source's title and the note on the Sources page.
    link = page.locator(f"{MAIN} [data-testid='stPageLink'] a").first
    rerun_after(page, lambda: link.click())
    wait_drawn(page)
    assert path(page).endswith("/sources") and "fig" in query(page)
    assert exceptions(page) == []
    expect(page.locator(MAIN).get_by_text("note ", exact=False).first).to_be_visible()
    assert_no_payload_markup(page)
    screenshot(page, "sources-payload-en")
