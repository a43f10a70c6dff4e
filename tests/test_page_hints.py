"""The hints written into each page's HTML as it is served (app_pages/page_hints.py), and app.py serving them."""

from __future__ import annotations

import asyncio
import re
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from streamlit import config
from streamlit.web.server.app_discovery import discover_asgi_app
from tests.conftest import ROOT

from vnintegration.app_pages import page_hints
from vnintegration.app_pages.page_hints import PageHints, chunk_files, head_hints, static_dir

HTML = (b'<!DOCTYPE html><html><head><meta charset="UTF-8" /><title>Streamlit</title>'
        b'<script type="module" crossorigin src="./static/js/index.X1.js"></script>'
        b'<link rel="modulepreload" crossorigin href="./static/js/shared.A1.js"></head><body></body></html>')
PAGES = {"overview": (), "trends": ("PlotlyChart",), "sources": ()}


def serve(path: str, *, method: str = "GET", query: bytes = b"", body: bytes = HTML,
          content_type: bytes = b"text/html; charset=utf-8", status: int = 200, chunks: int = 1):
    """One request through PageHints over an app that answers BODY (in CHUNKS parts): (headers the app was
    asked with, response start message, response body)."""
    seen = {}

    async def inner(scope, receive, send):
        seen["headers"] = dict(scope["headers"])
        await send({"type": "http.response.start", "status": status, "headers": [
            (b"content-type", content_type), (b"content-length", str(len(body)).encode()), (b"etag", b'"abc"'),
            (b"cache-control", b"no-cache")]})
        step = -(-len(body) // chunks)
        for i in range(chunks):
            await send({"type": "http.response.body", "body": body[i * step:(i + 1) * step], "more_body": i < chunks - 1})

    sent = []

    async def send(message):
        sent.append(message)

    async def receive():
        return {"type": "http.request", "body": b"", "more_body": False}

    scope = {"type": "http", "method": method, "path": path, "root_path": "", "query_string": query,
             "headers": [(b"accept-encoding", b"gzip"), (b"if-none-match", b'"abc"'), (b"accept", b"text/html")]}
    middleware = PageHints(inner, pages=PAGES, skip_preload={"trends": {"view": "table"}})
    # On a thread of its own: after the browser tests, Playwright's event loop is running in this one.
    with ThreadPoolExecutor(max_workers=1) as thread:
        thread.submit(asyncio.run, middleware(scope, receive, send)).result()
    start = sent[0]
    return seen["headers"], start, b"".join(m.get("body", b"") for m in sent[1:])


@pytest.fixture
def plotly_chunks(monkeypatch):
    monkeypatch.setattr(page_hints, "chunk_files", lambda element: ("PlotlyChart.P1.js", "shared.A1.js", "wrap.W1.js"))


def test_a_page_gets_the_base_script_and_its_chunks_at_the_end_of_head(plotly_chunks):
    asked, start, body = serve("/trends", chunks=3)
    text = body.decode()
    head = text[text.index("<head>"):text.index("</head>")]
    assert "window.__streamlit" in head and "BACKEND_BASE_URL" in head
    assert head.index("index.X1.js") < head.index("window.__streamlit")  # Streamlit's own script comes first
    assert head.count('<link rel="modulepreload" crossorigin href="./static/js/PlotlyChart.P1.js">') == 1
    assert head.count('href="./static/js/wrap.W1.js"') == 1
    assert head.count('href="./static/js/shared.A1.js"') == 1  # already linked: not twice
    assert text.replace(head, "") == HTML.decode().replace(HTML.decode()[HTML.index(b"<head>"):HTML.index(b"</head>")], "")
    headers = dict(start["headers"])
    assert int(headers[b"content-length"]) == len(body)
    assert b"etag" not in headers and headers[b"cache-control"] == b"no-cache"
    # Asked whole and uncompressed, so it can be rewritten.
    assert b"accept-encoding" not in asked and b"if-none-match" not in asked and asked[b"accept"] == b"text/html"


def test_a_table_view_and_a_page_without_chart_get_no_preload(plotly_chunks):
    for path, query in (("/trends", b"view=table&lang=en"), ("/sources", b""), ("/overview/", b"")):
        text = serve(path, query=query)[2].decode()
        assert "window.__streamlit" in text, path
        assert "PlotlyChart" not in text, path


@pytest.mark.parametrize(("path", "method"), [("/", "GET"), ("/static/js/index.X1.js", "GET"), ("/nope", "GET"),
                                              ("/trends", "POST"), ("/_stcore/health", "GET")])
def test_other_requests_pass_untouched(plotly_chunks, path, method):
    asked, start, body = serve(path, method=method)
    assert body == HTML and dict(start["headers"])[b"etag"] == b'"abc"'
    assert asked[b"accept-encoding"] == b"gzip"


def test_only_html_answers_are_rewritten(plotly_chunks):
    for status, ctype in ((200, b"application/json"), (404, b"text/html"), (304, b"text/html")):
        body = serve("/trends", status=status, content_type=ctype)[2]
        assert body == HTML, (status, ctype)


def test_pages_are_found_under_the_base_url_path(plotly_chunks, monkeypatch):
    real = config.get_option
    monkeypatch.setattr(config, "get_option", lambda key: "vn/app" if key == "server.baseUrlPath" else real(key))
    assert b"__streamlit" in serve("/vn/app/trends")[2]
    assert serve("/trends")[2] == HTML  # not a page of this server
    assert serve("/other/trends")[2] == HTML


@pytest.mark.parametrize(("path", "base"), [("/trends", "/"), ("/trends/", "/"), ("/vn/app/import", "/vn/app/"),
                                            ("/~/+/overview", "/~/+/"), ("/", None), ("/trendsx", None),
                                            ("/trends/more", None)])
def test_the_base_script_strips_the_page_from_the_url(path, base):
    script = head_hints(["trends", "import", "overview"], [], "")
    pattern = re.search(r"match\(/(.*?)/\)", script).group(1).replace("\\/", "/")
    found = re.match(pattern, path.rstrip("/"))  # the script's regex, as Python reads it
    assert (found.group(1) + "/" if found else None) == base
    assert "!window.__streamlit" in script  # a host that set the frontend's settings keeps them


def test_the_plotly_chunk_and_its_imports_are_found_in_the_installed_frontend():
    files = chunk_files("PlotlyChart")
    assert files and files[0].startswith("PlotlyChart.") and len(files) == len(set(files))
    js = static_dir() / "static" / "js"
    assert all((js / f).is_file() for f in files)


def test_another_build_gives_no_chunks(tmp_path: Path):
    (tmp_path / "static" / "js").mkdir(parents=True)
    (tmp_path / "index.html").write_text('<script type="module" crossorigin src="./static/js/index.Z.js"></script>')
    (tmp_path / "static" / "js" / "index.Z.js").write_text("const x = import(`./PlotlyChart.Q.js`);")
    assert chunk_files("PlotlyChart", tmp_path) == ()
    (tmp_path / "static" / "js" / "index.Z.js").write_text(
        'const m={};m.f=["./PlotlyChart.Q.js","./a.B.js"]);import(`./PlotlyChart.Q.js`),__vite__mapDeps([0,1])')
    assert chunk_files("PlotlyChart", tmp_path) == ("PlotlyChart.Q.js", "a.B.js")
    (tmp_path / "index.html").unlink()
    assert chunk_files("Metric", tmp_path) == ()


def test_streamlit_run_serves_the_app_with_its_hints():
    found = discover_asgi_app(ROOT / "app.py")
    assert found.is_asgi_app and found.app_name == "app"
