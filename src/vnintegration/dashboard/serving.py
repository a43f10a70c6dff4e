"""The server's responses, compressed: app.py's st.App runs these ASGI middlewares (Starlette's, documented by
st.App). No Streamlit here.

Streamlit's server sends its JavaScript uncompressed (plotly's bundle alone is 4.7 MB). Compressed, a phone on a
10 Mbit/s link loads about a third of the bytes; but gzip at level 9 takes about 170 ms of a core for plotly's
bundle, and Starlette's GZipMiddleware pays that on every request. So the layers, outermost first:

1. NegotiateEncoding reads the client's Accept-Encoding by its q-values (`gzip;q=0` refuses gzip) and hands every
   layer inside a header that a substring test reads right: `gzip` or `identity`.
2. Starlette's GZipMiddleware compresses, per request, what is not compressed already (pages, API responses).
3. CompressImmutableOnce compresses each immutable file once per process and sends the kept bytes after that.
"""

from __future__ import annotations

import gzip
import hashlib
import logging
import re

import anyio
import anyio.to_thread
from starlette.datastructures import Headers, MutableHeaders
from starlette.middleware import Middleware
from starlette.middleware.gzip import GZipMiddleware
from starlette.types import ASGIApp, Message, Receive, Scope, Send

MINIMUM_SIZE = 1000  # bytes: smaller responses are sent as they are
# All of Streamlit's static files gzip to about 9 MB (1.67). The keys are files on the server's disk, so no request can
# add one; past this a deployment's further files are gzipped per request at PAST_LIMIT_LEVEL.
KEPT_BYTES = 32 * 1024 * 1024
# Level 1 takes about a quarter of level 9's CPU (44 against 171 ms for plotly's bundle) for 17 % more bytes.
PAST_LIMIT_LEVEL = 1
# Addresses answered from memory without asking the file server: a browser asks for each file by one address,
# so this holds every file many times over; longer or further spellings are still one compression, only each
# request of them reads and hashes the file again.
ADDRESSES = 1024
ADDRESS_LENGTH = 256

log = logging.getLogger(__name__)

# RFC 9110 section 12.4.2: a qvalue is 0 to 1 with at most three decimals.
_QVALUE = re.compile(r"0(\.\d{0,3})?|1(\.0{0,3})?")


def accepts_gzip(accept_encoding: str | None) -> bool:
    """Whether a client whose Accept-Encoding is ACCEPT_ENCODING takes gzip (RFC 9110 section 12.5.3): `gzip` (or
    `x-gzip`) listed with a qvalue above 0, or not listed and `*` above 0. No header or an empty one asks for the
    bytes as they are; a malformed qvalue counts as 0."""
    named: float | None = None
    anything: float | None = None
    for element in (accept_encoding or "").split(","):
        coding, *parameters = (part.strip() for part in element.split(";"))
        weight = 1.0
        for parameter in parameters:
            name, _, value = parameter.partition("=")
            if name.strip().lower() == "q":
                value = value.strip()
                weight = float(value) if _QVALUE.fullmatch(value) else 0.0
        coding = coding.lower()
        if coding in ("gzip", "x-gzip"):
            named = weight if named is None else max(named, weight)
        elif coding == "*":
            anything = weight
    chosen = named if named is not None else anything
    return chosen is not None and chosen > 0


def _with_accept_encoding(scope: Scope, value: str) -> Scope:
    """SCOPE with its Accept-Encoding header(s) replaced by one saying VALUE."""
    headers = [(name, v) for name, v in scope["headers"] if name.lower() != b"accept-encoding"]
    return {**scope, "headers": [*headers, (b"accept-encoding", value.encode("latin-1"))]}


class NegotiateEncoding:
    """Decide once, outermost, whether this response may be gzipped, and say it to the layers inside as
    `Accept-Encoding: gzip` or `identity`: Starlette's and Streamlit's gzip layers only look for the word "gzip" in
    the header, so `gzip;q=0` would get gzip from them. A byte range is never compressed: its Content-Range counts
    the file's bytes (Starlette before 1.5 would gzip a 206)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http":
            headers = Headers(scope=scope)
            wanted = "range" not in headers and accepts_gzip(", ".join(headers.getlist("accept-encoding")))
            scope = _with_accept_encoding(scope, "gzip" if wanted else "identity")
        await self.app(scope, receive, send)


class CompressImmutableOnce:
    """Gzip each immutable file once per process and send the kept bytes to every later reader.

    A response the server marks immutable (`Cache-Control: immutable`: Streamlit's hashed static files) cannot
    change, so its gzip can be kept. It is kept under the file's identity, the SHA-256 of the bytes the server sent,
    never under the address asked: `/static//js/X.js`, `/static/js/./X.js` and `/static/js%2FX.js` are one file to
    Streamlit's static handler, so they are one compression here. Only a 200 the server sent makes an entry: an
    address it answers with a redirect (`X.js/`), a 400 (`//static/...`, `..`) or its index page (an unknown path,
    `/STATIC/...`) is sent as the server sent it. Readers who ask for a file while it is being compressed wait for
    that compression; an address that led to a kept file is answered from memory after that (ADDRESSES of them).

    The layers inside are asked for bytes as they are (`Accept-Encoding: identity`), so that Streamlit's own gzip
    (which compresses per request whatever is outside `/static/`, `/./static/...` included) never runs: what is not
    kept here goes out as it came, and GZipMiddleware outside compresses it per request.
    """

    def __init__(self, app: ASGIApp, minimum_size: int = MINIMUM_SIZE, limit: int = KEPT_BYTES) -> None:
        self.app = app
        self.minimum_size = minimum_size
        self.limit = limit
        self.gzipped: dict[bytes, bytes] = {}  # SHA-256 of a file's bytes -> their gzip
        self.kept_bytes = 0
        self.full = False  # a file did not fit: the rest are gzipped per request at PAST_LIMIT_LEVEL
        self.in_progress: dict[bytes, anyio.Event] = {}  # files being compressed, set when done
        self.addresses: dict[str, tuple[Message, bytes]] = {}  # path asked -> (response start as sent, SHA-256)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        request = Headers(scope=scope)
        inner = _with_accept_encoding(scope, "identity")
        if scope["method"] != "GET" or not accepts_gzip(request.get("accept-encoding")):
            await self.app(inner, receive, send)
            return
        # A conditional request goes to the server, which answers 304 when the reader's copy is current.
        conditional = "if-none-match" in request or "if-modified-since" in request
        known = None if conditional else self.addresses.get(scope["path"])  # a hashed file ignores the query
        if known is not None:
            start, digest = known
            await send(dict(start))
            await send({"type": "http.response.body", "body": self.gzipped[digest]})
            return
        await _Response(self, scope["path"], send).run(self.app, inner, receive)

    async def compress(self, body: bytes, label: str) -> tuple[bytes, bytes]:
        """(SHA-256 of BODY, its gzip): the kept gzip when there is one, else one compression that concurrent
        readers of the same bytes wait for. LABEL (the address asked) names the file in the log."""
        # zlib and hashlib let go of the GIL: in a worker thread the server's other sessions go on meanwhile.
        digest = await anyio.to_thread.run_sync(_sha256, body)
        while digest not in self.gzipped and digest in self.in_progress:
            await self.in_progress[digest].wait()
        if digest in self.gzipped:
            return digest, self.gzipped[digest]
        if self.full:
            return digest, await self._gzip(body, PAST_LIMIT_LEVEL, label)
        done = self.in_progress[digest] = anyio.Event()
        try:
            packed = await self._gzip(body, 9, label)
            self._keep(digest, packed)
        finally:
            del self.in_progress[digest]
            done.set()
        return digest, packed

    async def _gzip(self, body: bytes, level: int, label: str) -> bytes:
        packed = await anyio.to_thread.run_sync(lambda: gzip.compress(body, compresslevel=level, mtime=0))
        log.info("gzip level %d of %s: %d -> %d bytes", level, label, len(body), len(packed))
        return packed

    def _keep(self, digest: bytes, packed: bytes) -> None:
        if self.kept_bytes + len(packed) > self.limit:
            self.full = True
            return
        self.gzipped[digest] = packed
        self.kept_bytes += len(packed)

    def remember(self, path: str, start: Message, digest: bytes) -> None:
        if digest in self.gzipped and len(path) <= ADDRESS_LENGTH and len(self.addresses) < ADDRESSES:
            self.addresses.setdefault(path, (start, digest))


def _sha256(body: bytes) -> bytes:
    return hashlib.sha256(body).digest()


class _Response:
    """One response on its way out: passed through untouched unless it is an immutable 200 without an encoding,
    which is held whole, compressed (or its kept gzip found) and sent."""

    def __init__(self, owner: CompressImmutableOnce, path: str, send: Send) -> None:
        self.owner, self.path, self.send = owner, path, send
        self.start: Message | None = None
        self.chunks: list[bytes] = []

    async def run(self, app: ASGIApp, scope: Scope, receive: Receive) -> None:
        await app(scope, receive, self.on_message)

    async def on_message(self, message: Message) -> None:
        if message["type"] == "http.response.start":
            headers = Headers(raw=message.get("headers", []))
            if (message["status"] == 200 and "immutable" in headers.get("cache-control", "")
                    and "content-encoding" not in headers and not message.get("trailers", False)):
                self.start = message
                return
        elif self.start is not None and message["type"] == "http.response.body":
            self.chunks.append(message.get("body", b""))
            if not message.get("more_body", False):
                await self.finish()
            return
        elif self.start is not None:  # not a body after all (a server's pathsend, trailers): sent as it came
            await self.release()
        await self.send(message)

    async def release(self) -> None:
        """Send what is held as the server sent it."""
        assert self.start is not None
        start, self.start = self.start, None
        await self.send(start)
        if self.chunks:
            await self.send({"type": "http.response.body", "body": b"".join(self.chunks), "more_body": True})

    async def finish(self) -> None:
        assert self.start is not None
        start, self.start = dict(self.start), None
        body = b"".join(self.chunks)
        if len(body) < self.owner.minimum_size:
            await self.send(start)
            await self.send({"type": "http.response.body", "body": body})
            return
        digest, packed = await self.owner.compress(body, self.path)
        headers = MutableHeaders(raw=list(start.get("headers", [])))
        headers["Content-Encoding"] = "gzip"
        headers.add_vary_header("Accept-Encoding")
        headers["Content-Length"] = str(len(packed))
        start["headers"] = headers.raw
        self.owner.remember(self.path, start, digest)
        await self.send(start)
        await self.send({"type": "http.response.body", "body": packed})


def middleware() -> list[Middleware]:
    """For st.App(middleware=...), outermost first: the client's encodings read once, per-request gzip (it leaves
    an encoded response alone), the kept compression of immutable files."""
    return [Middleware(NegotiateEncoding), Middleware(GZipMiddleware, minimum_size=MINIMUM_SIZE),
            Middleware(CompressImmutableOnce)]
