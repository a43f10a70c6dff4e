"""The data API on the real server (`streamlit run app.py`: st.App with its routes and the compression
middleware): the issue's address answers the validated rows, a repeated request with its ETag 304, gzip when
asked, and the app's own pages still answer beside it."""

from __future__ import annotations

import gzip
import os
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
from email.message import Message

import pytest
from starlette.applications import Starlette
from starlette.testclient import TestClient

from conftest import DATA, ROOT
from vnintegration.api import routes

PORT = 8850
BASE = f"http://127.0.0.1:{PORT}"


@pytest.fixture(scope="module")
def server():
    process = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", "app.py", "--server.headless", "true", "--server.address",
         "127.0.0.1", "--server.port", str(PORT), "--browser.gatherUsageStats", "false",
         "--server.fileWatcherType", "none"],
        cwd=ROOT, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
        start_new_session=True, env={**os.environ, "VNI_DATA_DIR": str(DATA)})
    try:
        for _ in range(120):
            try:
                if fetch("/_stcore/health")[1] == b"ok":
                    break
            except OSError:
                time.sleep(0.25)
        else:
            pytest.fail("the server did not start")
        yield BASE
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=20)


def fetch(path: str, headers: dict | None = None) -> tuple[int, bytes, Message]:
    request = urllib.request.Request(BASE + path, headers=headers or {})
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, response.read(), response.headers  # case-insensitive
    except urllib.error.HTTPError as error:
        return error.code, error.read(), error.headers


def test_the_issue_address_answers_the_validated_rows_and_then_304(server):
    status, body, headers = fetch("/api/v1/observations.csv?ind=exports&from=2020")
    assert status == 200
    expected = TestClient(Starlette(routes=routes(DATA))).get("/api/v1/observations.csv?ind=exports&from=2020")
    assert body == expected.content  # the rows test_api.py checks against the loaded data
    status, body, _ = fetch("/api/v1/observations.csv?ind=exports&from=2020", {"If-None-Match": headers["ETag"]})
    assert (status, body) == (304, b"")


def test_answers_are_gzipped_when_asked_and_errors_are_json(server):
    status, body, headers = fetch("/api/v1/observations.json?ind=exports", {"Accept-Encoding": "gzip"})
    assert status == 200 and headers.get("Content-Encoding") == "gzip"
    assert gzip.decompress(body).startswith(b'{"table": "observations"')
    status, body, headers = fetch("/api/v1/observations.csv?ind=nope")
    assert status == 400 and headers["Content-Type"] == "application/json" and b'"parameter": "ind"' in body


def test_the_pages_still_answer_beside_the_api(server):
    assert fetch("/trends")[0] == 200
    assert fetch("/")[0] == 200
