"""dashboard/serving.py: an immutable file is gzipped once per process, whatever address it is asked by and however
many readers ask at once; everything else is compressed per request; a client that refuses gzip (by q-values)
or asks a byte range gets the bytes as they are.

Most tests drive serving.middleware() with Starlette's TestClient around a small app shaped like Streamlit's server
(static files marked immutable, a page, API routes); the last one runs the real `streamlit run app.py`. A
compression is counted by serving.py's log: one INFO record each."""

from __future__ import annotations

import gzip
import logging
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import anyio
import pytest
from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.middleware.gzip import GZipMiddleware
from starlette.responses import HTMLResponse, PlainTextResponse, RedirectResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles
from starlette.testclient import TestClient
from tests.conftest import load_script

from vnintegration.dashboard import serving

SCRIPT = b"function f(){return 1}\n" * 2000  # 46 KB of JavaScript
OTHER = b"function g(){return 2}\n" * 2000
PAGE = b"<html>" + b"<p>hello</p>" * 200 + b"</html>"
TABLE = "year,value\n" + "".join(f"{y},{y * 7}\n" for y in range(1986, 2026)) * 20

bench = load_script("benchmarks/compression_cpu.py")


class StreamlitLikeStatic:
    """Starlette's StaticFiles answering as Streamlit's static handler does: a 200 marked immutable, a trailing
    slash redirected. GATE requests are held until that many have arrived (readers arriving together)."""

    def __init__(self, directory: Path, gate: int = 0) -> None:
        self.files = StaticFiles(directory=directory)
        self.calls = 0
        self.gate = gate
        self.arrived: anyio.Event | None = None

    async def __call__(self, scope, receive, send):
        self.calls += 1
        if self.gate:
            self.arrived = self.arrived or anyio.Event()
            if self.calls >= self.gate:
                self.arrived.set()
            await self.arrived.wait()
        if scope["path"].endswith("/"):
            await RedirectResponse(scope["path"].rstrip("/"), status_code=301)(scope, receive, send)
            return

        async def immutable(message):
            if message["type"] == "http.response.start" and message["status"] == 200:
                message["headers"] = [*message["headers"], (b"cache-control", b"public, immutable, max-age=31536000")]
            await send(message)

        await self.files(scope, receive, immutable)


def already_gzipped(request):
    return Response(gzip.compress(TABLE.encode()), media_type="text/csv", headers={"Content-Encoding": "gzip"})


@pytest.fixture
def server(tmp_path):
    """(TestClient, the static files) of a fresh app with serving.middleware(): nothing kept yet."""
    return make_server(tmp_path)


def make_server(tmp_path: Path, gate: int = 0, inner_gzip: bool = False, **options):
    (tmp_path / "js").mkdir(exist_ok=True)
    (tmp_path / "js" / "app.js").write_bytes(SCRIPT)
    (tmp_path / "js" / "other.js").write_bytes(OTHER)
    (tmp_path / "js" / "copy.js").write_bytes(SCRIPT)  # the same bytes at another path
    static = StreamlitLikeStatic(tmp_path, gate=gate)
    middleware = serving.middleware()
    if options:  # CompressImmutableOnce's options (a small limit)
        middleware[-1].kwargs.update(options)
    if inner_gzip:  # the app's own per-request gzip, as Streamlit adds after st.App's middleware
        middleware.append(Middleware(GZipMiddleware, minimum_size=500))
    app = Starlette(routes=[
        Route("/", lambda request: HTMLResponse(PAGE, headers={"Cache-Control": "no-cache"})),
        Route("/api/v1/table.csv", lambda request: PlainTextResponse(TABLE, media_type="text/csv")),
        Route("/api/v1/packed.csv", already_gzipped),
        Mount("/static", app=static),
    ], middleware=middleware)
    return TestClient(app), static


def get(client: TestClient, path: str, encoding: str | None = "gzip", **headers):
    """The raw answer to GET PATH with Accept-Encoding ENCODING (None: httpx's own, gzip among them): status,
    headers, body as sent (not decoded), redirects not followed."""
    headers = {name.replace("_", "-"): value for name, value in headers.items()}
    if encoding is not None:
        headers["accept-encoding"] = encoding
    with client.stream("GET", path, headers=headers, follow_redirects=False) as response:
        return response.status_code, response.headers, b"".join(response.iter_raw())


@pytest.fixture
def compressions(caplog):
    """The compressions made so far: serving.py's INFO records."""
    caplog.set_level(logging.INFO, logger=serving.__name__)
    return lambda: [r.getMessage() for r in caplog.records if r.name == serving.__name__]


def test_an_immutable_file_is_compressed_once_and_the_same_bytes_are_sent_to_every_reader(server, compressions):
    client, static = server
    first = get(client, "/static/js/app.js", "gzip, deflate, br")
    second = get(client, "/static/js/app.js")
    assert static.calls == 1  # the second reader never reached the file server, nor the compressor
    assert len(compressions()) == 1
    status, headers, body = second
    assert first[2] == body and status == 200
    assert headers["content-encoding"] == "gzip" and "accept-encoding" in headers["vary"].lower()
    assert headers["cache-control"] == "public, immutable, max-age=31536000" and "etag" in headers
    assert int(headers["content-length"]) == len(body) < len(SCRIPT) / 10
    assert gzip.decompress(body) == SCRIPT


# httpx removes dot segments (`/./`) before sending: the real server's test below sends those.
@pytest.mark.parametrize("spellings", [
    ["/static/js/app.js", "/static//js/app.js", "/static/js//app.js", "/static///js//app.js"],
    ["/static/js/%61pp.js", "/static/js%2Fapp.js", "/static/js/app.js?v=1", "/static/js/app.js?v=2"],
    ["/static//js/app.js", "/static/js/copy.js"],  # another file with the same bytes: one gzip of them
])
def test_every_spelling_of_one_file_costs_one_compression(server, compressions, spellings):
    client, _ = server
    answers = [get(client, path) for path in spellings * 3]
    assert {(status, headers["content-encoding"]) for status, headers, _ in answers} == {(200, "gzip")}
    assert {body for _, _, body in answers} == {gzip.compress(SCRIPT, 9, mtime=0)}
    assert len(compressions()) == 1, compressions()


def test_an_address_the_server_redirects_or_does_not_know_keeps_nothing(server, compressions):
    client, static = server
    for _ in range(2):
        assert get(client, "/static/js/app.js/")[0] == 301
        assert get(client, "/static/js/APP.js")[0] == 404
    assert compressions() == [] and static.calls == 4  # each asked the file server again: nothing was kept


def test_readers_arriving_together_share_one_compression(tmp_path, compressions):
    client, static = make_server(tmp_path, gate=16)
    spellings = ["/static/js/app.js", "/static//js/app.js", "/static/js%2Fapp.js", "/static/js/app.js?v=3"] * 4
    with client, ThreadPoolExecutor(16) as pool:  # one event loop (the client's portal) serves all sixteen
        answers = list(pool.map(lambda path: get(client, path), spellings))
    assert static.calls == 16  # all sixteen reached the file server before any answer was kept
    assert {body for _, _, body in answers} == {gzip.compress(SCRIPT, 9, mtime=0)}
    assert len(compressions()) == 1, compressions()


def test_the_apps_own_gzip_inside_never_runs_so_files_are_still_compressed_once(tmp_path, compressions):
    client, _ = make_server(tmp_path, inner_gzip=True)
    answers = [get(client, path) for path in ["/static/js/app.js", "/static//js/app.js"] * 3]
    assert {body for _, _, body in answers} == {gzip.compress(SCRIPT, 9, mtime=0)}
    assert len(compressions()) == 1, compressions()
    status, headers, body = get(client, "/api/v1/table.csv", "gzip;q=0")  # nor does it take gzip;q=0 for gzip
    assert (status, body) == (200, TABLE.encode()) and "content-encoding" not in headers


@pytest.mark.parametrize("encoding", [
    "", "identity", "br", "deflate", "gzip;q=0", "GZIP; Q=0", "gzip;q=0.000", "*;q=0", "br, *;q=0",
    "gzip;q=0, *;q=1", "gzip;q=abc", "gzip;q=2", "gzip;q=-1", "x-gzip;q=0",
])
def test_a_client_that_refuses_gzip_gets_every_response_as_it_is(server, compressions, encoding):
    client, _ = server
    get(client, "/static/js/app.js")  # kept compressed from now on
    for path, plain in [("/static/js/app.js", SCRIPT), ("/static/js/other.js", OTHER), ("/", PAGE),
                        ("/api/v1/table.csv", TABLE.encode())]:
        status, headers, body = get(client, path, encoding)
        assert (status, body) == (200, plain) and "content-encoding" not in headers, (path, encoding)
    assert len(compressions()) == 1


@pytest.mark.parametrize("encoding", ["gzip", "gzip;q=0.5", "*", "br;q=1, *;q=0.1", "x-gzip", "GZip;Q=1.0",
                                      "deflate, gzip;q=0.001", "br, gzip;q=0, gzip"])
def test_a_client_that_takes_gzip_by_any_spelling_gets_it(server, encoding):
    client, _ = server
    for path, plain in [("/static/js/app.js", SCRIPT), ("/", PAGE), ("/api/v1/table.csv", TABLE.encode())]:
        status, headers, body = get(client, path, encoding)
        assert headers.get("content-encoding") == "gzip" and gzip.decompress(body) == plain, (path, encoding)


def test_a_byte_range_or_a_current_copy_is_answered_by_the_file_server(server, compressions):
    client, static = server
    _, headers, _ = get(client, "/static/js/app.js")
    status, sent, body = get(client, "/static/js/app.js", range="bytes=0-99")
    assert (status, body) == (206, SCRIPT[:100]) and "content-encoding" not in sent
    status, _, body = get(client, "/static/js/app.js", if_none_match=headers["etag"])
    assert (status, body) == (304, b"")
    assert static.calls == 3 and len(compressions()) == 1


def test_pages_and_api_responses_are_compressed_on_each_request_and_an_encoded_one_is_left_alone(server,
                                                                                                compressions):
    client, _ = server
    for _ in range(2):
        for path, plain in [("/", PAGE), ("/api/v1/table.csv", TABLE.encode())]:
            status, headers, body = get(client, path)
            assert status == 200 and headers["content-encoding"] == "gzip" and gzip.decompress(body) == plain
    status, headers, body = get(client, "/api/v1/packed.csv")
    assert headers["content-encoding"] == "gzip" and gzip.decompress(body) == TABLE.encode()  # not gzipped twice
    assert compressions() == []  # per request, nothing kept


def test_files_past_the_limit_are_gzipped_at_a_low_level_and_never_kept(tmp_path, compressions):
    client, static = make_server(tmp_path, limit=len(gzip.compress(SCRIPT, 9, mtime=0)))
    for _ in range(3):
        for path, plain in [("/static/js/app.js", SCRIPT), ("/static/js/other.js", OTHER)]:
            status, headers, body = get(client, path)
            assert headers["content-encoding"] == "gzip" and gzip.decompress(body) == plain
    levels = [message.split()[2] for message in compressions()]
    # app.js fits and is kept; other.js, compressed once at level 9, did not fit: from then on level 1 each time
    assert levels == ["9", "9", "1", "1"], compressions()


@pytest.mark.parametrize(("header", "accepted"), [
    ("gzip", True), ("gzip, deflate, br, zstd", True), ("*", True), ("x-gzip", True), ("gzip;q=1.000", True),
    ("gzip ; q=0.2", True), ("br;q=0.9, *;q=0.1", True),
    (None, False), ("", False), ("identity", False), ("br, deflate", False), ("gzip;q=0", False),
    ("gzip;q=0.0, *", False), ("*;q=0", False), ("gzip;q=1.5", False), ("gzip;q=", False), ("notgzip", False),
])
def test_accept_encoding_is_read_by_its_q_values(header, accepted):
    assert serving.accepts_gzip(header) is accepted


def test_the_real_server_compresses_100_spellings_of_plotly_bundle_once(tmp_path):
    """`streamlit run app.py`: its largest file (plotly's bundle) asked by 100 addresses, one compression; the
    addresses Streamlit refuses, redirects or answers with its page keep nothing."""
    largest = bench.static_files()[0]
    plain = largest.read_bytes()
    with bench.serve(tmp_path / "server.log") as (base, _pid, serving_log):
        for path in bench.spellings(largest.name, 100):
            status, headers, body = bench.fetch(base + path)
            assert (status, headers.get("content-encoding")) == (200, "gzip"), path
            assert gzip.decompress(body) == plain, path
        assert bench.compressions(serving_log) == 1, serving_log.read_text()

        other = bench.static_files()[1].name
        refused = {f"/static/js/{other}/": 301, f"//static/js/{other}": 400, f"/static/js/../js/{other}": 400}
        for path, expected in refused.items():
            assert bench.fetch(base + path)[0] == expected, path
        status, headers, body = bench.fetch(f"{base}/STATIC/js/{other}")  # unknown: Streamlit's page
        assert status == 200 and headers["cache-control"] == "no-cache" and b"<html" in gzip.decompress(body)
        assert bench.compressions(serving_log) == 1, serving_log.read_text()
