"""The HTTP side of the data API: Starlette routes for app.py's st.App(routes=...), and the conventions every
answer follows.

- `GET /api/v1/` is the index (every endpoint, its parameters, the values allowed, an example address);
  `GET /api/v1/<table>.csv` and `.json` are the tables of endpoints.ENDPOINTS. HEAD answers the same headers.
- CSV: UTF-8 with BOM, formula-like cells neutralised (export.to_safe_csv, the pages' downloads). JSON:
  `{"columns", "rows", "source", "licence", "data_version", ...}`, rows as lists in the columns' order.
- `ETag` from the data version (bundle.Bundle.etag), `304` when `If-None-Match` names it. `Cache-Control:
  public, max-age=300`: the data changes only when the server is redeployed, so a browser or proxy may reuse an
  answer for five minutes and then revalidate (a 304 costs no table). Never `immutable` (the same address gives
  new data after a deploy), so serving.py's middleware compresses these answers per request.
- Each table's bytes are built once per query and kept (Answers: a bounded LRU); a repeated request is a lookup.
- CORS: `Access-Control-Allow-Origin: *` on every GET and HEAD answer (a page elsewhere may fetch the data);
  OPTIONS (a browser's preflight) allows GET and HEAD only; other methods get 405.
- Errors are JSON `{"error": {...}}` and never a traceback: an unknown or malformed parameter or an unknown id 400
  (naming the parameter and the values allowed), an unknown address under /api/ 404, a query string over 4 KB
  414, and anything unexpected 500 (logged on the server with its traceback).
"""

from __future__ import annotations

import json
import logging
import math
import threading
from collections import OrderedDict
from collections.abc import Callable
from pathlib import Path
from urllib.parse import parse_qsl

import anyio.to_thread
import numpy as np
import pandas as pd
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import BaseRoute, Route

from vnintegration.api.bundle import Bundle, Loader
from vnintegration.api.endpoints import BY_NAME, ENDPOINTS, BadParameter, Endpoint, Table, checked
from vnintegration.core.load import data_dir as default_data_dir
from vnintegration.present.export import to_safe_csv

PREFIX = "/api/v1"
MAX_QUERY_BYTES = 4096
CACHE_CONTROL = "public, max-age=300"
READ_METHODS = ("GET", "HEAD")
ALL_METHODS = ("GET", "HEAD", "OPTIONS", "POST", "PUT", "PATCH", "DELETE")
FORMATS = {"csv": "text/csv; charset=utf-8", "json": "application/json"}
CORS = {"Access-Control-Allow-Origin": "*"}

log = logging.getLogger(__name__)


def routes(data_dir: str | Path | None = None, base_path: str = "") -> list[BaseRoute]:
    """The API's routes, serving DATA_DIR (default: the dashboard's, core.load.data_dir), loaded on the
    first request and kept for the process. BASE_PATH is the server's `server.baseUrlPath` (app.py passes it): the
    API then lives under it (/<base>/api/v1/), beside the app, as a proxy that routes that path expects."""
    loader = Loader(Path(data_dir) if data_dir is not None else default_data_dir())

    base = "/" + base_path.strip("/") if base_path.strip("/") else ""

    def answer(build: Callable[[Request, Bundle], Response]):
        async def endpoint(request: Request) -> Response:
            request.state.api_prefix = base + PREFIX
            return await respond(request, loader, build)
        return endpoint

    # Each route under the base path, not a Mount: a Mount would answer every address under the base path (the
    # app's own pages and /_stcore/ among them) with its 404.
    return [
        Route(base + PREFIX, answer(index), methods=ALL_METHODS),
        Route(base + PREFIX + "/", answer(index), methods=ALL_METHODS),
        Route(base + PREFIX + "/{name}.{fmt}", answer(table), methods=ALL_METHODS),
        Route(base + "/api", answer(not_found), methods=ALL_METHODS),
        Route(base + "/api/{rest:path}", answer(not_found), methods=ALL_METHODS),
    ]


def prefix(request: Request) -> str:
    """The API's address on this server: PREFIX under the server's base path."""
    return getattr(request.state, "api_prefix", PREFIX)


async def respond(request: Request, loader: Loader, build: Callable[[Request, Bundle], Response]) -> Response:
    """The method, size and error rules around one endpoint."""
    method = request.method
    if method == "OPTIONS":
        return Response(status_code=204, headers=CORS | {
            "Access-Control-Allow-Methods": ", ".join(READ_METHODS),
            "Access-Control-Allow-Headers": "If-None-Match", "Access-Control-Max-Age": "86400"})
    if method not in READ_METHODS:
        return error(request, 405, "method not allowed: the API is read-only", {"Allow": ", ".join(READ_METHODS)},
                     allowed=list(READ_METHODS))
    if len(request.scope.get("query_string", b"")) > MAX_QUERY_BYTES:
        return error(request, 414, f"query string over {MAX_QUERY_BYTES} bytes")
    try:
        bundle = await anyio.to_thread.run_sync(loader.get)  # the first request reads and validates the data
        response = await anyio.to_thread.run_sync(build, request, bundle)  # pandas work off the event loop
    except BadParameter as bad:
        response = error(request, 400, bad.message, parameter=bad.parameter, value=bad.value, allowed=bad.allowed)
    except Exception:  # noqa: BLE001 - any failure is a 500 in JSON; the traceback goes to the server's log only
        log.exception("data API: %s failed", request.url.path)
        response = error(request, 500, "internal error: the server could not build this table")
    if method == "HEAD":
        response = headers_only(response)
    return response


def error(request: Request, status: int, message: str, headers: dict | None = None, **fields) -> Response:
    body = {"error": {"status": status, "message": message, **fields, "index": prefix(request) + "/"}}
    return Response(_json_bytes(body), status_code=status, media_type=FORMATS["json"],
                    headers=CORS | {"Cache-Control": "no-store"} | (headers or {}))


def headers_only(response: Response) -> Response:
    """HEAD: the GET answer's status and headers (its Content-Length too), no body."""
    return Response(b"", status_code=response.status_code, headers=dict(response.headers))


def not_found(request: Request, bundle: Bundle) -> Response:
    return error(request, 404, f"no such address: {request.url.path}")


def fresh(request: Request, bundle: Bundle) -> bool:
    """The client holds this version already (If-None-Match names the ETag, weakly compared, or is *)."""
    header = request.headers.get("if-none-match", "")
    tags = {tag.strip().removeprefix("W/") for tag in header.split(",")}
    return "*" in tags or bundle.etag.removeprefix("W/") in tags


def cached(request: Request, bundle: Bundle, make: Callable[[], tuple[bytes, str]]) -> Response:
    """200 with the body and media type MAKE gives, or 304 (MAKE not called) when the client's copy is current;
    with the caching headers."""
    headers = CORS | {"ETag": bundle.etag, "Cache-Control": CACHE_CONTROL}
    if fresh(request, bundle):
        return Response(status_code=304, headers=headers)
    body, media_type = make()
    return Response(body, media_type=media_type, headers=headers)


def query_of(request: Request) -> dict[str, list[str]]:
    """The query string as urls.Query (name -> values, repeated names kept); blank values kept (refused later)."""
    query: dict[str, list[str]] = {}
    for name, value in parse_qsl(request.url.query, keep_blank_values=True):
        query.setdefault(name, []).append(value)
    return query


class Answers:
    """Bodies already built, by data version, table, format and query as sent: a bounded LRU (entries and bytes),
    so a repeated request (a chart embedded on a busy page, a script polling) costs a lookup, not a table build,
    and no run of distinct queries can make the server keep more than MAX_BYTES."""

    MAX_ENTRIES = 512
    MAX_BYTES = 32 * 1024 * 1024

    def __init__(self) -> None:
        self._kept: OrderedDict[tuple, tuple[bytes, str]] = OrderedDict()
        self._bytes = 0
        self._lock = threading.Lock()

    def get(self, key: tuple) -> tuple[bytes, str] | None:
        with self._lock:
            answer = self._kept.get(key)
            if answer is not None:
                self._kept.move_to_end(key)
            return answer

    def put(self, key: tuple, answer: tuple[bytes, str]) -> None:
        if len(answer[0]) > self.MAX_BYTES // 8:
            return  # one large table is built again rather than crowd out every other
        with self._lock:
            if key in self._kept:
                return
            self._kept[key] = answer
            self._bytes += len(answer[0])
            while len(self._kept) > self.MAX_ENTRIES or self._bytes > self.MAX_BYTES:
                _, (body, _) = self._kept.popitem(last=False)
                self._bytes -= len(body)


ANSWERS = Answers()


def table(request: Request, bundle: Bundle) -> Response:
    name, fmt = request.path_params["name"], request.path_params["fmt"]
    endpoint = BY_NAME.get(name)
    if endpoint is None or fmt not in FORMATS:
        return error(request, 404, f"no such table: {request.url.path}",
                     tables=[f"{prefix(request)}/{e.name}.{f}" for e in ENDPOINTS for f in FORMATS])
    query = checked(query_of(request), endpoint, bundle)
    key = (bundle.directory, bundle.version, name, fmt, tuple(sorted((k, tuple(v)) for k, v in query.items())))

    def make() -> tuple[bytes, str]:
        answer = ANSWERS.get(key)
        if answer is None:  # first asked (or forgotten): build it, which checks every value (BadParameter)
            result = endpoint.build(bundle, query)
            if fmt == "csv":
                answer = to_safe_csv(result.frame), FORMATS["csv"]
            else:
                answer = _json_bytes(as_json(result, endpoint, query, bundle)), FORMATS["json"]
            ANSWERS.put(key, answer)
        return answer

    # A bad value is a 400 even with a current ETag: the values are checked as the table is built (once: a kept
    # answer was built from good values).
    if fresh(request, bundle):
        make()
    return cached(request, bundle, make)


def as_json(result: Table, endpoint: Endpoint, query: dict, bundle: Bundle) -> dict:
    frame = result.frame
    numbers = {n for n, column in enumerate(frame.columns) if column in result.numbers}
    return {
        "table": endpoint.name, "parameters": {k: v[-1] if len(v) == 1 else v for k, v in query.items()},
        "columns": [str(c) for c in frame.columns],
        "rows": [[_number(v) if n in numbers else _cell(v) for n, v in enumerate(row)]
                 for row in frame.itertuples(index=False, name=None)],
        "source": result.source, "licence": result.licence, "data_version": bundle.version,
    }


def _cell(value):
    """A cell as JSON: numbers as numbers, missing as null, everything else as text."""
    if value is None or value is pd.NA or value is pd.NaT:
        return None
    if isinstance(value, (bool, np.bool_)):
        return bool(value)
    if isinstance(value, (int, np.integer)):
        return int(value)
    if isinstance(value, (float, np.floating)):
        return None if math.isnan(value) else float(value)
    if isinstance(value, pd.Timestamp):
        return value.strftime("%Y-%m-%d")
    return str(value)


def _number(text: str):
    """A number written as text in a data file's notation ("405", "7.09", "" for none) as a JSON number."""
    if text is None or pd.isna(text) or not str(text).strip():
        return None
    value = float(text)
    return int(value) if value.is_integer() else value


def _json_bytes(body: dict) -> bytes:
    return json.dumps(body, ensure_ascii=False, allow_nan=False).encode("utf-8")


def index(request: Request, bundle: Bundle) -> Response:
    base = f"{request.url.scheme}://{request.url.netloc}{prefix(request)}"

    def describe(endpoint: Endpoint) -> dict:
        allowed = endpoint.allowed(bundle)
        return {
            "name": endpoint.name, "description": endpoint.description,
            "formats": {f: f"{base}/{endpoint.name}.{f}" for f in FORMATS},
            "parameters": {name: {"description": text, "allowed": allowed.get(name, [])}
                           for name, text in endpoint.parameters.items()},
            "accepted_without_effect": list(endpoint.display),
            "example": f"{base}/{endpoint.name}.csv" + (f"?{endpoint.example}" if endpoint.example else ""),
        }

    body = {
        "api": "Vietnam's international economic integration: data at stable addresses", "version": "v1",
        "data_version": bundle.version, "endpoints": [describe(e) for e in ENDPOINTS],
        "conventions": {
            "csv": "UTF-8 with BOM, CRLF; text cells starting with = + - @ prefixed with ' (as every download)",
            "json": "columns, rows (lists in the columns' order), source, licence, data_version",
            "caching": f"ETag (304 on If-None-Match), Cache-Control: {CACHE_CONTROL}; gzip when accepted",
            "errors": "JSON {\"error\": {status, message, parameter, value, allowed}}: 400 bad parameter, "
                      "404 unknown address, 414 query string over 4 KB",
            "parameters": "repeated list parameters are joined; for a single value the last one counts",
        },
        "source": Table(pd.DataFrame()).source, "licence": Table(pd.DataFrame()).licence,
    }
    return cached(request, bundle, lambda: (_json_bytes(body), FORMATS["json"]))
