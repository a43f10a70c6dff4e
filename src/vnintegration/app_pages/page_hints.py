"""Hints written into the HTML of the app's pages as it is served, so the browser starts sooner on them.

Streamlit serves one `index.html` for every page; its frontend then works out where the server is and which
code a page needs, one round trip at a time. `streamlit run app.py` serves app.py's `st.App` (see app.py), and
this ASGI middleware adds at the end of the page's `<head>` (after Streamlit's own script and preloads, so
those are fetched first), on the page URLs it is given:

- on a page other than the landing page (`/trends`, ...): where the server is. The frontend otherwise asks
  `/trends/_stcore/health` first (it tries the page's URL as the server's base), gets a 404, waits 100 ms and
  asks again at `/`. The script sets `window.__streamlit.BACKEND_BASE_URL` (the frontend's setting for the
  server's base URL) to the page's URL without the page's own path, computed in the browser, so it holds
  behind a proxy that serves the app under a prefix (`server.baseUrlPath`, Streamlit Community Cloud). The
  page name is still read from the URL, so URLs, query parameters and navigation are unchanged.
- on a page that draws a plotly chart first: `<link rel="modulepreload">` for the frontend's plotly chunk
  (4.7 MB) and its imports, so the browser fetches it while its entry script runs and the websocket connects,
  instead of after the chart's message has arrived (it still runs the chunk then). The file names are read from the installed frontend's entry script; if
  they cannot be found (another Streamlit build), no link is written.

Nothing else in the response changes. Only GET requests for the given page paths that answer `text/html`
are touched; their conditional and compression headers are dropped so the page is always answered whole.
"""

from __future__ import annotations

import importlib.util
import json
import re
from collections.abc import Iterable
from pathlib import Path

__all__ = ["PageHints", "chunk_files", "head_hints"]

# `window.__streamlit` is frozen by the frontend when it loads, so it is set before the entry script runs.
_BASE_SCRIPT = (
    "<script>(()=>{{const m=location.pathname.replace(/\\/+$/,'').match(/^(.*)\\/(?:{pages})$/);"
    "if(m&&!window.__streamlit)window.__streamlit={{BACKEND_BASE_URL:location.origin+m[1]+'/'}};}})();</script>"
)


def static_dir() -> Path | None:
    """The installed Streamlit frontend's directory (`streamlit/static`), found without importing Streamlit."""
    spec = importlib.util.find_spec("streamlit")
    if spec is None or spec.origin is None:
        return None
    return Path(spec.origin).parent / "static"


def chunk_files(element: str, static: Path | None = None) -> tuple[str, ...]:
    """The script files (under static/js/) the frontend loads for ELEMENT ("PlotlyChart"), the element's own
    chunk first; () when the entry script does not say (another build)."""
    static = static or static_dir()
    if static is None:
        return ()
    try:  # the entry script is the module index.html loads
        page = (static / "index.html").read_text(encoding="utf-8")
        entry = re.search(r'<script type="module"[^>]* src="\./(static/js/[\w.-]+\.js)"', page)
        text = (static / entry.group(1)).read_text(encoding="utf-8") if entry else ""
    except OSError:
        return ()
    files = re.search(r"m\.f=\[([^\]]*)\]", text)
    lazy = re.search(r"import\(`\./(" + re.escape(element) + r"\.[\w-]+\.js)`\),__vite__mapDeps\(\[([\d,]+)\]\)", text)
    if files is None or lazy is None:
        return ()
    try:
        names = json.loads("[" + files.group(1) + "]")
        chunks = [names[int(i)] for i in lazy.group(2).split(",")]
    except (ValueError, IndexError):
        return ()
    out = [c.removeprefix("./") for c in chunks]
    if not out or out[0] != lazy.group(1) or not all(re.fullmatch(r"[\w.-]+\.js", c) for c in out):
        return ()
    return tuple(out)


def head_hints(pages: Iterable[str], preload: Iterable[str], html_text: str) -> str:
    """What to write at the end of `<head>` on one of PAGES (url_paths, not the landing page): the base URL
    script, and a modulepreload link for each file of PRELOAD (names under static/js/) that HTML_TEXT does not
    link already."""
    names = "|".join(re.escape(p) for p in sorted(set(pages)) if p)
    parts = [_BASE_SCRIPT.format(pages=names)]
    for name in preload:
        href = f"./static/js/{name}"
        if f'href="{href}"' not in html_text:
            parts.append(f'<link rel="modulepreload" crossorigin href="{href}">')
    return "".join(parts)


class PageHints:
    """ASGI middleware: `PageHints(app, pages={"trends": ("PlotlyChart",), "sources": (), ...})` maps the url_path
    of each page but the landing page to the lazily loaded elements it draws first."""

    def __init__(self, app, pages: dict[str, Iterable[str]], skip_preload: dict[str, dict[str, str]] | None = None):
        self.app = app
        self.pages = {p: tuple(e) for p, e in pages.items()}
        # Query parameters that mean the page does not draw those elements first, e.g. {"trends": {"view": "table"}}.
        self.skip_preload = skip_preload or {}
        self._found: dict[str, tuple[str, ...]] = {}

    def page_of(self, scope) -> str | None:
        """The page a request is for (the last segment of its path, under server.baseUrlPath), or None."""
        path = scope.get("path", "")
        root = scope.get("root_path", "")
        if root and path.startswith(root):
            path = path[len(root):]
        *under, last = [s for s in path.split("/") if s] or [""]
        if last not in self.pages:
            return None
        from streamlit import config  # the server's settings; imported only once a page is asked for

        return last if under == [s for s in (config.get_option("server.baseUrlPath") or "").split("/") if s] else None

    def preload_for(self, page: str, query: str) -> list[str]:
        from urllib.parse import parse_qsl

        params = dict(parse_qsl(query))
        if any(params.get(k) == v for k, v in self.skip_preload.get(page, {}).items()):
            return []
        return [f for element in self.pages[page] for f in self._chunks(element)]

    def _chunks(self, element: str) -> tuple[str, ...]:
        if element not in self._found:  # read once per server
            self._found[element] = chunk_files(element)
        return self._found[element]

    async def __call__(self, scope, receive, send):
        page = self.page_of(scope) if scope["type"] == "http" and scope.get("method") == "GET" else None
        if page is None:
            await self.app(scope, receive, send)
            return
        drop = {b"accept-encoding", b"if-none-match", b"if-modified-since", b"range", b"if-range"}
        scope = dict(scope, headers=[(k, v) for k, v in scope.get("headers", []) if k.lower() not in drop])
        preload = self.preload_for(page, scope.get("query_string", b"").decode("latin-1"))
        start: dict | None = None
        body = bytearray()

        async def send_hinted(message):
            nonlocal start
            if message["type"] == "http.response.start":
                headers = dict((k.lower(), v) for k, v in message.get("headers", []))
                if message.get("status") == 200 and headers.get(b"content-type", b"").startswith(b"text/html"):
                    start = message
                    return
                await send(message)
                return
            if start is None or message["type"] != "http.response.body":
                await send(message)
                return
            body.extend(message.get("body", b""))
            if message.get("more_body", False):
                return
            text = body.decode("utf-8")
            hinted = text.replace("</head>", head_hints(self.pages, preload, text) + "</head>", 1).encode("utf-8")
            headers = [(k, v) for k, v in start.get("headers", [])
                       if k.lower() not in (b"content-length", b"etag", b"last-modified")]
            headers.append((b"content-length", str(len(hinted)).encode()))
            await send(dict(start, headers=headers))
            await send({"type": "http.response.body", "body": hinted, "more_body": False})

        await self.app(scope, receive, send_hinted)
