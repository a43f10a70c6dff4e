"""Every parameter of every data API endpoint, fuzzed: any value gives a table (200) or a JSON error naming that
parameter (400), never a 500 or a traceback."""

from __future__ import annotations

from urllib.parse import quote, urlencode

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from starlette.applications import Starlette
from starlette.testclient import TestClient

from conftest import DATA
from vnintegration.api import endpoints, routes

CLIENT = TestClient(Starlette(routes=routes(DATA)))
CASES = [(e.name, p) for e in endpoints.ENDPOINTS for p in (*e.parameters, *e.display)]

# Values near the valid ones (ids, years, lists, case, spaces) and anything at all.
NEAR = st.sampled_from(["exports", "exports,imports", "EXPORTS", " exports ", "2020", "1899", "20200", "-1", "yoy",
                        "VNM,THA", "vnm", "NE.EXP.GNFS.ZS", "en", "vi", "USA", ",", ",,exports", "actual,estimate"])
VALUES = st.one_of(NEAR, st.text(max_size=40), st.lists(NEAR, min_size=2, max_size=3).map(",".join))


def check(address: str, parameter: str | None) -> None:
    response = CLIENT.get(address)
    assert response.status_code in (200, 400), (address, response.status_code, response.text[:300])
    assert "Traceback" not in response.text
    if response.status_code == 400:
        error = response.json()["error"]
        assert set(error) >= {"parameter", "value", "message", "allowed"}
        if parameter is not None:
            assert error["parameter"] == parameter, (address, error)


@pytest.mark.parametrize(("name", "parameter"), CASES)
@settings(max_examples=40, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(value=VALUES, fmt=st.sampled_from(["csv", "json"]))
def test_any_value_of_a_parameter_is_a_table_or_a_400_naming_it(name, parameter, value, fmt):
    check(f"/api/v1/{name}.{fmt}?{urlencode({parameter: value})}", parameter)


@pytest.mark.parametrize("name", list(endpoints.BY_NAME))
@settings(max_examples=30)
@given(query=st.dictionaries(st.sampled_from(["ind", "from", "to", "tf", "src", "a", "b", "lang", "countries",
                                             "status", "partner", "product", "view", "zz"]), VALUES, max_size=4))
def test_any_combination_of_parameters_is_a_table_or_a_400(name, query):
    check(f"/api/v1/{name}.csv?{urlencode(query)}", None)


@settings(max_examples=60)
@given(raw=st.text(max_size=200))
def test_any_raw_query_string_is_a_table_or_a_400(raw):
    check("/api/v1/observations.json?" + quote(raw, safe="=&,"), None)
