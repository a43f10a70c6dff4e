"""The data API on the real server (`streamlit run app.py`, and `uvicorn app:app`, the same st.App as Streamlit
documents it for an ASGI server: with its routes and the compression middleware): the issue's address answers the
validated rows, a repeated request with its ETag 304, gzip when asked, and the app's own pages still answer beside
it."""

from __future__ import annotations

import gzip
import urllib.error
import urllib.request
from email.message import Message

import pytest
from starlette.applications import Starlette
from starlette.testclient import TestClient
from tests.browser.browser_harness import ARTIFACTS, streamlit_server

from conftest import DATA
from vnintegration.api import routes

BASE = {"url": ""}  # the server of the module's current parameter


@pytest.fixture(scope="module", params=["streamlit", "uvicorn"])
def server(request):
    with streamlit_server("app.py", log_path=ARTIFACTS / f"api_live_{request.param}.log", serve=request.param) as url:
        BASE["url"] = url
        yield url


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
