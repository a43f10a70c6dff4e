"""The nginx recipe in deploy/ compresses what a browser downloads: a real nginx in front of one replica.

Skipped without nginx, unless VNI_REQUIRE_BROWSER=1 (CI installs nginx with Chromium), where it fails instead."""

from __future__ import annotations

import gzip
import re
import urllib.request

import pytest


def fetch(url: str, encoding: str) -> tuple[bytes, dict[str, str]]:
    request = urllib.request.Request(url, headers={"Accept-Encoding": encoding})
    with urllib.request.urlopen(request, timeout=30) as response:
        return response.read(), {k.lower(): v for k, v in response.headers.items()}


@pytest.fixture(scope="module")
def proxy_url(nginx_cluster):
    return nginx_cluster.url


def test_nginx_sends_the_app_javascript_compressed(proxy_url):
    html, _ = fetch(proxy_url + "/", "identity")
    scripts = re.findall(rb'src="\.?/?(static/js/[^"]+\.js)"', html)
    assert scripts, "the app's HTML names no script"
    url = f"{proxy_url}/{scripts[0].decode()}"

    plain, plain_headers = fetch(url, "identity")
    packed, headers = fetch(url, "gzip")

    assert "content-encoding" not in plain_headers
    assert headers.get("content-encoding") == "gzip"
    assert "accept-encoding" in headers.get("vary", "").lower()
    assert gzip.decompress(packed) == plain
    assert len(packed) < len(plain) / 2, (len(packed), len(plain))


def test_nginx_compresses_the_page_itself(proxy_url):
    packed, headers = fetch(proxy_url + "/", "gzip")
    assert headers.get("content-encoding") == "gzip"
    assert b"<html" in gzip.decompress(packed).lower()
