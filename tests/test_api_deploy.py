"""The data API through the nginx recipe in deploy/ (issue 22): a real nginx in front of one replica.

What a replica's /api/v1/ answers must reach a client through the proxy unchanged: the status, the body, the
caching headers (ETag, Cache-Control), CORS and the content type; compressed when asked for; a 304 to a
revalidation; HEAD as HEAD; and no routing cookie (the API is stateless). The websocket still upgrades.

Skipped without nginx, unless VNI_REQUIRE_BROWSER=1 (CI installs nginx with Chromium), where it fails instead.
A missing API route is a failure, not a skip.
"""

from __future__ import annotations

import base64
import gzip
import http.client
import os
from urllib.parse import urlsplit

import pytest
from tests.conftest import load_script

# One CSV and one JSON endpoint of the API: both are larger than nginx's and the replica's gzip_min_length.
ENDPOINTS = [("/api/v1/indicators.csv", "text/csv"), ("/api/v1/indicators.json", "application/json")]
PASSED_HEADERS = ["content-type", "etag", "cache-control", "access-control-allow-origin"]


def request(base: str, path: str, method: str = "GET", headers: dict | None = None):
    """One request, the response as it came on the wire (nothing decompressed): (status, headers, body)."""
    url = urlsplit(base)
    conn = http.client.HTTPConnection(url.hostname, url.port, timeout=30)
    try:
        conn.request(method, url.path + path, headers=headers or {})
        response = conn.getresponse()
        body = response.read()
        return response.status, {k.lower(): v for k, v in response.getheaders()}, body
    finally:
        conn.close()


def get_ok(base: str, path: str, **kw):
    """A 200 with the API's data, or a failure that says the route is missing. Streamlit answers any path it does
    not route with its page (200, text/html), so the status alone does not tell."""
    status, headers, body = request(base, path, **kw)
    media_type = headers.get("content-type", "").split(";")[0].strip()
    if status != 200 or media_type == "text/html":
        pytest.fail(f"{kw.get('method', 'GET')} {base}{path} answered {status} {media_type}: the API route is not "
                    f"served (src/vnintegration/api, mounted by app.py's st.App(routes=...)). Body: {body[:120]!r}",
                    pytrace=False)
    return headers, body


@pytest.fixture(scope="module")
def running(nginx_cluster):
    return nginx_cluster


@pytest.mark.parametrize(("path", "media_type"), ENDPOINTS)
def test_the_api_answers_through_nginx_as_the_replica_does(running, path, media_type):
    direct_headers, direct_body = get_ok(running.replicas[0].url, path, headers={"Accept-Encoding": "identity"})
    headers, body = get_ok(running.url, path, headers={"Accept-Encoding": "identity"})

    assert headers["content-type"].split(";")[0].strip() == media_type
    assert headers.get("etag"), headers
    assert headers.get("access-control-allow-origin") == "*", headers
    assert {h: headers.get(h) for h in PASSED_HEADERS} == {h: direct_headers.get(h) for h in PASSED_HEADERS}
    assert body == direct_body
    assert "set-cookie" not in headers, "the API sets no routing cookie: it keeps shared caches usable"


@pytest.mark.parametrize(("path", "media_type"), ENDPOINTS)
def test_the_api_comes_compressed_through_nginx_when_asked(running, path, media_type):
    _, plain = get_ok(running.url, path, headers={"Accept-Encoding": "identity"})
    headers, packed = get_ok(running.url, path, headers={"Accept-Encoding": "gzip"})

    assert headers.get("content-encoding") == "gzip", headers
    assert "accept-encoding" in headers.get("vary", "").lower()
    assert headers.get("etag"), "the compressed response keeps an ETag (weak if nginx compressed it)"
    assert gzip.decompress(packed) == plain
    assert len(packed) < len(plain), (len(packed), len(plain))


@pytest.mark.parametrize("encoding", ["identity", "gzip"])
def test_a_revalidation_through_nginx_gets_304(running, encoding):
    path = ENDPOINTS[0][0]
    headers, _ = get_ok(running.url, path, headers={"Accept-Encoding": encoding})
    status, again, body = request(running.url, path,
                                  headers={"Accept-Encoding": encoding, "If-None-Match": headers["etag"]})
    assert status == 304, (status, headers["etag"], again)
    assert body == b""


def test_head_through_nginx_gives_the_headers_and_no_body(running):
    path = ENDPOINTS[0][0]
    get_headers, _ = get_ok(running.url, path, headers={"Accept-Encoding": "identity"})
    headers, body = get_ok(running.url, path, method="HEAD", headers={"Accept-Encoding": "identity"})
    assert body == b""
    assert headers.get("etag") == get_headers["etag"]
    assert headers["content-type"] == get_headers["content-type"]


def test_the_websocket_still_upgrades_through_nginx(running):
    status, headers, _ = request(running.url, "/_stcore/stream", headers={
        "Connection": "Upgrade", "Upgrade": "websocket", "Sec-WebSocket-Version": "13",
        "Sec-WebSocket-Key": base64.b64encode(os.urandom(16)).decode(),
        "Origin": running.url,
    })
    assert status == 101, (status, headers)
    assert headers.get("upgrade", "").lower() == "websocket"


def test_under_a_base_path_the_api_answers_through_nginx(nginx_cluster):
    """A deployment under a path (server.baseUrlPath, the recipe's LOCATION): the API is under it too."""
    replicas = load_script("scripts/replicas.py")
    with replicas.cluster(replicas=1, base_path="vni") as running:
        assert running.url.endswith("/vni")
        headers, body = get_ok(running.url, "/api/v1/indicators.csv", headers={"Accept-Encoding": "identity"})
        assert headers["content-type"].startswith("text/csv") and headers.get("etag")
        assert body.lstrip(b"\xef\xbb\xbf").startswith(b"id,")
