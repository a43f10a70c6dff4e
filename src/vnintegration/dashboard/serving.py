"""The server's responses, compressed: app.py's st.App runs these ASGI middlewares (Starlette's, documented by
st.App). No Streamlit here.

Streamlit's server sends its JavaScript uncompressed (plotly's bundle alone is 4.7 MB). Compressed, a phone on a
10 Mbit/s link loads about a third of the bytes; but gzip at level 9 takes about 170 ms of a core for plotly's
bundle, and Starlette's GZipMiddleware pays that on every request. A response the server marks immutable
(`Cache-Control: immutable`: Streamlit's hashed static files) cannot change, so it is compressed once per process
and the same bytes are sent to every later reader. Everything else is compressed per request, as before.
"""

from __future__ import annotations

import gzip
from functools import partial

import anyio.to_thread
from starlette.datastructures import Headers, MutableHeaders
from starlette.middleware import Middleware
from starlette.middleware.gzip import GZipMiddleware
from starlette.types import ASGIApp, Message, Receive, Scope, Send

MINIMUM_SIZE = 1000  # bytes: smaller responses are sent as they are
# All of Streamlit's static files compress to about 7 MB; past this the rest is compressed per request, unkept.
KEPT_BYTES = 32 * 1024 * 1024


class CompressImmutableOnce:
    """Gzip each immutable 200 response once, keyed by its path, and send the kept bytes after that. The first
    reader of each file waits for its compression; others get it at once. The key leaves the query out (a hashed
    file is the same whatever is appended to its address), and what is kept stops at KEPT_BYTES: no request can make
    the server keep more than its own files."""

    def __init__(self, app: ASGIApp, minimum_size: int = MINIMUM_SIZE, limit: int = KEPT_BYTES) -> None:
        self.app = app
        self.minimum_size = minimum_size
        self.limit = limit
        self.kept: dict[str, tuple[Message, bytes]] = {}
        self.kept_bytes = 0

    def keep(self, key: str, start: Message, body: bytes) -> None:
        if key not in self.kept and self.kept_bytes + len(body) <= self.limit:
            self.kept[key] = (start, body)
            self.kept_bytes += len(body)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        request = Headers(scope=scope) if scope["type"] == "http" else None
        if (request is None or scope["method"] != "GET" or "range" in request or "if-none-match" in request
                or "gzip" not in request.get("accept-encoding", "")):
            await self.app(scope, receive, send)
            return
        key = scope["path"]
        if key in self.kept:
            start, body = self.kept[key]
            await send(start)
            await send({"type": "http.response.body", "body": body})
            return
        await _Recorder(self, key, send).run(self.app, scope, receive)


class _Recorder:
    """One response on its way out: passed through untouched unless it is an immutable 200 worth compressing,
    which is held whole, compressed, kept and sent."""

    def __init__(self, owner: CompressImmutableOnce, key: str, send: Send) -> None:
        self.owner, self.key, self.send = owner, key, send
        self.start: Message | None = None
        self.chunks: list[bytes] = []

    async def run(self, app: ASGIApp, scope: Scope, receive: Receive) -> None:
        await app(scope, receive, self.on_message)

    async def on_message(self, message: Message) -> None:
        if message["type"] == "http.response.start":
            headers = Headers(raw=message.get("headers", []))
            if (message["status"] == 200 and "immutable" in headers.get("cache-control", "")
                    and "content-encoding" not in headers):
                self.start = message
                return
        elif message["type"] == "http.response.body" and self.start is not None:
            self.chunks.append(message.get("body", b""))
            if not message.get("more_body", False):
                await self.finish()
            return
        await self.send(message)

    async def finish(self) -> None:
        assert self.start is not None
        body = b"".join(self.chunks)
        start = dict(self.start)
        headers = MutableHeaders(raw=list(start.get("headers", [])))
        if len(body) >= self.owner.minimum_size:
            # in a worker thread (zlib lets go of the GIL): the server's other sessions go on meanwhile
            body = await anyio.to_thread.run_sync(partial(gzip.compress, body, compresslevel=9, mtime=0))
            headers["Content-Encoding"] = "gzip"
            headers.add_vary_header("Accept-Encoding")
            headers["Content-Length"] = str(len(body))
        start["headers"] = headers.raw
        self.owner.keep(self.key, start, body)
        await self.send(start)
        await self.send({"type": "http.response.body", "body": body})


def middleware() -> list[Middleware]:
    """For st.App(middleware=...): per-request gzip outside (it leaves an encoded response alone), the kept
    compression of immutable files inside."""
    return [Middleware(GZipMiddleware, minimum_size=MINIMUM_SIZE), Middleware(CompressImmutableOnce)]
