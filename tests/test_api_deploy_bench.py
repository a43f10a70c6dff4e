"""benchmarks/api_speed.py runs: a few requests of each server, no browser (issue 22). Nothing here is timed.

The benchmark needs the `bench` extra (datasette, sqlite-utils): skipped without it."""

from __future__ import annotations

import pytest
from tests.conftest import load_script

pytest.importorskip("datasette", reason="the bench extra is not installed: pip install -e '.[bench]'")
pytest.importorskip("sqlite_utils", reason="the bench extra is not installed: pip install -e '.[bench]'")

api_speed = load_script("benchmarks/api_speed.py")


def test_the_api_benchmark_asks_both_servers_for_the_same_rows_and_reports_both(capsys):
    code = api_speed.main(["--requests", "5", "--warmup", "1", "--no-browser"])
    out = capsys.readouterr().out

    assert code == 0, out
    assert "Same rows: yes" in out
    assert "p50 ours / Datasette" in out and "p95 ours / Datasette" in out


def test_rows_that_differ_are_told_apart():
    rows = [{"indicator": "exports", "year": "2024", "value": "405.5"}]
    theirs = [{"rowid": "1", **rows[0]}]
    assert api_speed.same_rows(rows, theirs)
    assert not api_speed.same_rows(rows, [{**theirs[0], "value": "405.6"}])
    assert not api_speed.same_rows(rows, theirs * 2)
