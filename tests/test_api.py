"""The data API (src/vnintegration/api/): its tables against the loaded data and the pages' downloads, its HTTP
conventions (ETag and 304, HEAD, CORS, caching), and its errors, which are JSON and never a traceback."""

from __future__ import annotations

import dataclasses
import io
import json

import pandas as pd
import pytest
from starlette.applications import Starlette
from starlette.testclient import TestClient

from conftest import DATA, open_page
from vnintegration.api import endpoints, http, routes
from vnintegration.api.http import MAX_QUERY_BYTES
from vnintegration.core import analysis
from vnintegration.core.validate import validate_dir
from vnintegration.present import tables


@pytest.fixture(scope="module")
def client():
    return TestClient(Starlette(routes=routes(DATA)))


@pytest.fixture(scope="module")
def dataset():
    return validate_dir(DATA)


def read_csv(body: bytes) -> pd.DataFrame:
    return pd.read_csv(io.BytesIO(body), dtype=str, keep_default_na=False, encoding="utf-8-sig")


def error_of(response) -> dict:
    assert response.headers["content-type"] == "application/json"
    assert "Traceback" not in response.text
    return response.json()["error"]


# ---------------------------------------------------------------------------------------------- the tables


def test_observations_for_a_filter_are_exactly_the_validated_rows_of_that_filter(client, dataset):
    response = client.get("/api/v1/observations.csv?ind=exports&from=2020")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/csv")
    got = read_csv(response.content)
    obs = dataset.observations
    expected = obs[(obs["indicator"] == "exports") & (obs["year"] >= 2020)].sort_values("_line")
    assert len(expected) > 0
    assert got["line"].astype(int).tolist() == expected["_line"].tolist()
    assert got["year"].astype(int).tolist() == expected["year"].tolist()
    assert got["value"].astype(float).tolist() == expected["value"].tolist()
    assert got["quote"].tolist() == expected["quote"].tolist()
    assert got["source_title"].tolist() == expected["source_id"].map(dataset.sources["title"]).tolist()
    assert set(got["indicator"]) == {"exports"}


def test_observations_json_holds_the_same_rows_as_the_csv(client):
    csv = read_csv(client.get("/api/v1/observations.csv?ind=exports&from=2020").content)
    body = client.get("/api/v1/observations.json?ind=exports&from=2020").json()
    assert body["columns"] == list(csv.columns)
    assert len(body["rows"]) == len(csv)
    rows = pd.DataFrame(body["rows"], columns=body["columns"])
    assert rows["line"].tolist() == csv["line"].astype(int).tolist()
    assert rows["value"].tolist() == csv["value"].astype(float).tolist()  # numbers in JSON, not text
    assert {"source", "licence", "data_version"} <= set(body)


def test_every_observation_reads_as_json_a_blank_period_as_null(client, dataset):
    body = client.get("/api/v1/observations.json").json()
    rows = pd.DataFrame(body["rows"], columns=body["columns"])
    assert len(rows) == len(dataset.observations)
    assert rows["months"].isna().sum() == dataset.observations["months"].isna().sum() > 0


@pytest.mark.parametrize(("query", "column", "keep"), [
    ("status=estimate,forecast", "status", lambda v: v in ("estimate", "forecast")),
    ("partner=usa", "partner", lambda v: v == "USA"),
    ("from=2010&to=2012", "year", lambda v: 2010 <= int(v) <= 2012),
    ("src=moit-party-2025", "source_id", lambda v: v == "moit-party-2025"),
])
def test_each_observations_filter_keeps_only_its_rows(client, dataset, query, column, keep):
    got = read_csv(client.get(f"/api/v1/observations.csv?{query}").content)
    assert len(got) > 0 and all(keep(v) for v in got[column])
    obs = dataset.observations.astype({column: str}) if column == "year" else dataset.observations
    assert len(got) == sum(keep(v) for v in obs[column].fillna(""))


def test_the_tables_without_parameters_hold_every_row(client, dataset):
    for name, frame in (("indicators", dataset.indicators), ("sources", dataset.sources), ("events", dataset.events)):
        got = read_csv(client.get(f"/api/v1/{name}.csv").content)
        assert len(got) == len(frame), name
        assert "_line" not in got.columns
    assert read_csv(client.get("/api/v1/indicators.csv").content)["id"].tolist() == list(dataset.indicators.index)


def test_the_index_lists_every_endpoint_with_its_parameters_and_a_working_example(client):
    body = client.get("/api/v1/").json()
    assert [e["name"] for e in body["endpoints"]] == [e.name for e in endpoints.ENDPOINTS]
    for endpoint in body["endpoints"]:
        assert set(endpoint["parameters"]) == set(endpoints.BY_NAME[endpoint["name"]].parameters)
        example = endpoint["example"].split("testserver", 1)[1]
        assert client.get(example).status_code == 200, example
    trends = next(e for e in body["endpoints"] if e["name"] == "trends")
    assert trends["parameters"]["tf"]["allowed"] == ["level", "yoy", "ytd"]


# ---------------------------------------------------------------------------------------------- the pages' tables


def test_trends_csv_is_the_pages_download_for_the_same_view():
    """The Trends page at this query reads the view the API reads, and its download (caches.trend_points, then
    tables.trends_csv) is byte for byte the API's answer."""
    from vnintegration.dashboard import caches

    client = TestClient(Starlette(routes=routes(DATA)))
    at = open_page("trends", {"ind": "exports,imports", "tf": "yoy"})
    assert not at.exception
    view = dict(at.query_params)
    assert view["ind"] == "exports,imports" and view["tf"] == "yoy"
    assert [b.label for b in at.get("download_button")]
    points = caches.trend_points(str(DATA), tuple(view["ind"].split(",")), int(view["from"]), int(view["to"]),
                                 view["tf"], analysis.ALL_SOURCES)
    page_bytes = tables.trends_csv(points, view["tf"])
    assert client.get("/api/v1/trends.csv?ind=exports,imports&tf=yoy").content == page_bytes
    # The page's own address, pasted: the same bytes.
    query = "&".join(f"{k}={v}" for k, v in view.items())
    assert client.get(f"/api/v1/trends.csv?{query}").content == page_bytes


def test_compare_csv_is_the_pages_download_for_the_same_years(client):
    from vnintegration.dashboard import caches

    at = open_page("compare", {"a": "2024", "b": "2025", "lang": "en"})
    assert not at.exception and dict(at.query_params) == {"a": "2024", "b": "2025", "lang": "en"}
    assert len(at.get("download_button")) == 1
    page_bytes = tables.compare_csv(caches.compare_table(str(DATA), 2024, 2025), "en", 2024, 2025,
                                    caches.frame(str(DATA)))
    assert client.get("/api/v1/compare.csv?a=2024&b=2025&lang=en").content == page_bytes


def test_peers_csv_is_the_pages_series_download_for_the_same_view(client):
    from vnintegration.dashboard import caches
    from vnintegration.present.peers import tables as peer_tables

    params = {"countries": "VNM,THA", "ind": "TX.VAL.MRCH.CD.WT", "tf": "index"}
    at = open_page("peers", params)
    assert not at.exception
    view = dict(at.query_params)
    path = str(DATA)
    got = caches.peers_parts(path, tuple(view["countries"].split(",")), view["ind"], int(view["from"]),
                             int(view["to"]), view["tf"], "vi")
    page_bytes = peer_tables.csv_bytes(got["lines_rows"], tables.peers_series_name(caches.peer_data(path), view["ind"],
                                       "vi"), "Chỉ số", tables.peers_citation(caches.dataset(path).sources), "vi")
    assert client.get("/api/v1/peers.csv?countries=VNM,THA&ind=TX.VAL.MRCH.CD.WT&tf=index").content == page_bytes


# ---------------------------------------------------------------------------------------------- HTTP


def test_a_repeated_request_with_its_etag_gets_304_and_no_body(client):
    first = client.get("/api/v1/observations.csv?ind=exports&from=2020")
    etag = first.headers["etag"]
    again = client.get("/api/v1/observations.csv?ind=exports&from=2020", headers={"If-None-Match": etag})
    assert again.status_code == 304 and again.content == b""
    assert again.headers["etag"] == etag
    other = client.get("/api/v1/observations.csv?ind=exports", headers={"If-None-Match": 'W/"0.0.0-stale"'})
    assert other.status_code == 200


def test_answers_are_cacheable_but_not_immutable_and_open_to_any_origin(client):
    response = client.get("/api/v1/indicators.json")
    assert response.headers["cache-control"] == "public, max-age=300"
    assert "immutable" not in response.headers["cache-control"]
    assert response.headers["access-control-allow-origin"] == "*"
    preflight = client.options("/api/v1/indicators.json")
    assert preflight.status_code == 204
    assert preflight.headers["access-control-allow-methods"] == "GET, HEAD"


def test_head_gives_the_headers_of_get_without_a_body(client):
    get = client.get("/api/v1/sources.csv")
    head = client.head("/api/v1/sources.csv")
    assert head.status_code == 200 and head.content == b""
    assert head.headers["content-length"] == str(len(get.content))
    assert head.headers["etag"] == get.headers["etag"]


def test_other_methods_are_refused_in_json(client):
    response = client.post("/api/v1/sources.csv")
    assert response.status_code == 405 and error_of(response)["allowed"] == ["GET", "HEAD"]


# ---------------------------------------------------------------------------------------------- errors


@pytest.mark.parametrize(("address", "parameter"), [
    ("/api/v1/observations.csv?foo=1", "foo"),
    ("/api/v1/observations.csv?ind=nope", "ind"),
    ("/api/v1/observations.csv?ind=", "ind"),
    ("/api/v1/observations.json?from=20x0", "from"),
    ("/api/v1/observations.csv?status=final", "status"),
    ("/api/v1/trends.csv?tf=nope", "tf"),
    ("/api/v1/trends.csv?from=2020&to=2010", "from"),
    ("/api/v1/trends.csv?a=2024", "a"),
    ("/api/v1/compare.csv?a=2024&b=2024", "b"),
    ("/api/v1/compare.csv?lang=fr", "lang"),
    ("/api/v1/peers.csv?countries=XXX", "countries"),
    ("/api/v1/peers.csv?ind=NE.EXP.GNFS.ZS&tf=index", "tf"),  # a share of GDP has no index: the page says so
])
def test_a_bad_parameter_is_a_400_naming_it_and_the_values_allowed(client, address, parameter):
    response = client.get(address)
    assert response.status_code == 400
    error = error_of(response)
    assert error["parameter"] == parameter
    assert error["allowed"], error


def test_a_table_without_parameters_refuses_any(client):
    error = error_of(client.get("/api/v1/indicators.csv?lang=en"))
    assert (error["parameter"], error["message"], error["allowed"]) == ("lang", "unknown parameter", [])


def test_the_allowed_values_of_an_unknown_id_are_the_ids(client, dataset):
    error = error_of(client.get("/api/v1/observations.csv?ind=exports,nope"))
    assert error["value"] == "nope" and error["allowed"] == list(dataset.indicators.index)


@pytest.mark.parametrize("address", ["/api/v1/nope.csv", "/api/v1/trends.xlsx", "/api/v2/", "/api", "/api/v1/a/b"])
def test_an_unknown_address_under_api_is_a_404_in_json(client, address):
    response = client.get(address)
    assert response.status_code == 404 and error_of(response)["status"] == 404


def test_a_query_string_over_4_kb_is_a_414(client):
    response = client.get("/api/v1/observations.csv?ind=" + "x" * MAX_QUERY_BYTES)
    assert response.status_code == 414 and error_of(response)["status"] == 414


def test_a_failure_inside_a_table_is_a_500_in_json_without_its_traceback(client, monkeypatch):
    def broken(bundle, query):
        raise RuntimeError("secret detail")

    monkeypatch.setitem(endpoints.BY_NAME, "events", dataclasses.replace(endpoints.BY_NAME["events"], build=broken))
    monkeypatch.setattr(http, "ANSWERS", http.Answers())  # nothing kept from earlier tests
    response = client.get("/api/v1/events.csv")
    assert response.status_code == 500
    assert "secret detail" not in response.text
    assert json.loads(response.text)["error"]["status"] == 500


def test_a_repeated_request_is_answered_from_the_kept_bytes_not_built_again(client, monkeypatch):
    monkeypatch.setattr(http, "ANSWERS", http.Answers())
    built = []
    original = endpoints.BY_NAME["observations"]

    def counting(bundle, query):
        built.append(query)
        return original.build(bundle, query)

    monkeypatch.setitem(endpoints.BY_NAME, "observations", dataclasses.replace(original, build=counting))
    first = client.get("/api/v1/observations.csv?ind=exports&from=2020")
    again = client.get("/api/v1/observations.csv?ind=exports&from=2020")
    revalidated = client.get("/api/v1/observations.csv?ind=exports&from=2020",
                             headers={"If-None-Match": first.headers["etag"]})
    assert (first.status_code, again.status_code, revalidated.status_code) == (200, 200, 304)
    assert again.content == first.content
    assert len(built) == 1
    client.get("/api/v1/observations.json?ind=exports&from=2020")
    assert len(built) == 2  # another format is another answer


def test_the_kept_answers_stay_within_their_caps():
    answers = http.Answers()
    for n in range(http.Answers.MAX_ENTRIES + 10):
        answers.put(("k", n), (b"x" * 10, "text/csv"))
    assert answers.get(("k", 0)) is None and answers.get(("k", http.Answers.MAX_ENTRIES + 9)) is not None
    big = b"x" * (http.Answers.MAX_BYTES // 8 + 1)
    answers.put(("big",), (big, "text/csv"))
    assert answers.get(("big",)) is None


def test_under_a_base_path_the_api_lives_beside_the_app_and_leaves_the_apps_addresses_alone():
    from starlette.responses import PlainTextResponse
    from starlette.routing import Route

    app_page = Route("/vni/_stcore/health", lambda request: PlainTextResponse("ok"))
    client = TestClient(Starlette(routes=[*routes(DATA, base_path="/vni/"), app_page]))
    assert client.get("/vni/api/v1/indicators.csv").status_code == 200
    assert client.get("/api/v1/indicators.csv").status_code == 404
    assert client.get("/vni/_stcore/health").text == "ok"  # the app's own address still reaches the app
    missing = client.get("/vni/api/v1/nope.csv")
    assert missing.status_code == 404
    error = missing.json()["error"]
    assert error["index"] == "/vni/api/v1/" and "/vni/api/v1/indicators.csv" in error["tables"]
    examples = [e["example"] for e in client.get("/vni/api/v1/").json()["endpoints"]]
    assert all("/vni/api/v1/" in example for example in examples), examples
