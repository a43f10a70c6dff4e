"""dashboard/serving.py: immutable responses are gzipped once and the kept bytes sent after that; everything else
is compressed per request as before, and what a client cannot take (no gzip, a byte range) passes untouched.

Driven as plain ASGI (no server, no HTTP client): a stub app answers like Streamlit's static files."""

from __future__ import annotations

import asyncio
import gzip
from concurrent.futures import ThreadPoolExecutor

from vnintegration.dashboard import serving

SCRIPT = b"function f(){return 1}\n" * 2000  # 46 KB of JavaScript
PAGE = b"<html>" + b"<p>hello</p>" * 200 + b"</html>"


class Static:
    """Answers /static/* as Streamlit's static files do (immutable, in two body chunks; a byte range as 206) and / as
    its HTML page."""

    def __init__(self):
        self.calls = 0

    async def __call__(self, scope, receive, send):
        self.calls += 1
        static = scope["path"].startswith("/static/")
        body = SCRIPT if static else PAGE
        status = 200
        if any(k == b"range" for k, _ in scope["headers"]):
            status, body = 206, body[:100]
        headers = [(b"content-type", b"application/javascript" if static else b"text/html; charset=utf-8"),
                   (b"content-length", str(len(body)).encode()),
                   (b"cache-control", b"public, immutable, max-age=31536000" if static else b"no-cache")]
        await send({"type": "http.response.start", "status": status, "headers": headers})
        half = len(body) // 2
        await send({"type": "http.response.body", "body": body[:half], "more_body": True})
        await send({"type": "http.response.body", "body": body[half:]})


def stack(inner, **options):
    """The middlewares of serving.middleware() around INNER, outermost first (as Starlette builds them); OPTIONS go
    to CompressImmutableOnce."""
    app = inner
    for entry in reversed(serving.middleware()):
        kwargs = {**entry.kwargs, **options} if entry.cls is serving.CompressImmutableOnce else entry.kwargs
        app = entry.cls(app, *entry.args, **kwargs)
    return app


def get(app, path: str, query: bytes = b"", **headers) -> tuple[int, dict[str, str], bytes]:
    messages = []

    async def receive():
        return {"type": "http.request", "body": b"", "more_body": False}

    async def send(message):
        messages.append(message)

    scope = {"type": "http", "method": "GET", "path": path, "query_string": query, "root_path": "",
             "headers": [(k.replace("_", "-").lower().encode(), v.encode()) for k, v in headers.items()]}
    # A loop of its own in another thread: the browser tests' Playwright may hold this thread's loop.
    with ThreadPoolExecutor(1) as pool:
        pool.submit(asyncio.run, app(scope, receive, send)).result()
    start = messages[0]
    body = b"".join(m.get("body", b"") for m in messages[1:])
    return start["status"], {k.decode().lower(): v.decode() for k, v in start["headers"]}, body


def test_an_immutable_file_is_compressed_once_and_the_same_bytes_are_sent_to_every_reader():
    inner = Static()
    app = stack(inner)
    first = get(app, "/static/js/app.js", accept_encoding="gzip, deflate, br")
    second = get(app, "/static/js/app.js", accept_encoding="gzip")
    assert inner.calls == 1  # the second reader never reached the file server, nor the compressor
    status, headers, body = second
    assert first == second and status == 200
    assert headers["content-encoding"] == "gzip" and "accept-encoding" in headers["vary"].lower()
    assert int(headers["content-length"]) == len(body) < len(SCRIPT) / 10
    assert gzip.decompress(body) == SCRIPT


def test_what_is_kept_is_bounded_whatever_the_requests_ask():
    inner = Static()
    app = stack(inner, limit=3 * len(gzip.compress(SCRIPT, 9, mtime=0)))
    for n in range(5):  # one file under five queries: kept once
        assert get(app, "/static/js/app.js", query=f"v={n}".encode(), accept_encoding="gzip")[0] == 200
    assert inner.calls == 1
    for name in "abcdef":  # more files than the limit holds: still compressed, the rest never kept
        status, headers, body = get(app, f"/static/js/{name}.js", accept_encoding="gzip")
        assert status == 200 and gzip.decompress(body) == SCRIPT
    get(app, "/static/js/f.js", accept_encoding="gzip")
    assert inner.calls == 1 + 6 + 1  # f.js was not kept: the file server answered it again


def test_a_client_without_gzip_or_asking_a_range_gets_the_file_as_it_is():
    inner = Static()
    app = stack(inner)
    get(app, "/static/js/app.js", accept_encoding="gzip")  # kept compressed from now on
    for headers in ({}, {"accept_encoding": "identity"}):
        status, sent, body = get(app, "/static/js/app.js", **headers)
        assert (status, body) == (200, SCRIPT) and "content-encoding" not in sent, headers
    status, sent, body = get(app, "/static/js/app.js", accept_encoding="gzip", range="bytes=0-99")
    assert (status, body) == (206, SCRIPT[:100]) and "content-encoding" not in sent
    assert inner.calls == 4


def test_other_responses_are_still_compressed_on_each_request():
    inner = Static()
    app = stack(inner)
    for _ in range(2):
        status, headers, body = get(app, "/", accept_encoding="gzip")
        assert status == 200 and headers["content-encoding"] == "gzip" and gzip.decompress(body) == PAGE
    assert inner.calls == 2  # never kept: the page is not immutable
