"""The data API on the real server (`streamlit run app.py`, and `uvicorn app:app`, the same st.App as Streamlit
documents it for an ASGI server: with its routes and the compression middleware): the issue's address answers the
validated rows, a repeated request with its ETag 304, gzip when asked, and the app's own pages still answer beside
it."""

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

PORTS = {"streamlit": 8850, "uvicorn": 8851}
BASE = {"url": ""}  # the server of the module's current parameter
SETTINGS = {"STREAMLIT_SERVER_HEADLESS": "true", "STREAMLIT_BROWSER_GATHER_USAGE_STATS": "false",
            "STREAMLIT_SERVER_FILE_WATCHER_TYPE": "none"}


def command(how: str, port: int) -> list[str]:
    if how == "uvicorn":
        return [sys.executable, "-m", "uvicorn", "app:app", "--host", "127.0.0.1", "--port", str(port),
                "--no-access-log"]
    return [sys.executable, "-m", "streamlit", "run", "app.py", "--server.address", "127.0.0.1",
            "--server.port", str(port)]


@pytest.fixture(scope="module", params=sorted(PORTS))
def server(request):
    port = PORTS[request.param]
    process = subprocess.Popen(
        command(request.param, port), cwd=ROOT, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE, start_new_session=True, env={**os.environ, **SETTINGS, "VNI_DATA_DIR": str(DATA)})
    BASE["url"] = f"http://127.0.0.1:{port}"
    try:
        for _ in range(120):
            try:
                if fetch("/_stcore/health")[1] == b"ok":
                    break
            except OSError:
                time.sleep(0.25)
        else:
            pytest.fail(f"the server ({request.param}) did not start")
        yield BASE["url"]
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=20)


def fetch(path: str, headers: dict | None = None) -> tuple[int, bytes, Message]:
    request = urllib.request.Request(BASE["url"] + path, headers=headers or {})
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
