"""The sidebar's "own data" control through AppTest, with cases of the bad-input corpus (tests/corpus.py).

AppTest cannot drive a file uploader, so each test puts what the control would keep,
`own_data.session_entry(payload, bundled)`, into the session state before the first run.
"""

from __future__ import annotations

import functools

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest
from tests import corpus
from tests.conftest import DATA, MINI, ROOT, csv_text
from tests.test_injection import as_read, markup_in
from tests.test_round_trip import zip_dir

from vnintegration.core.load import DataFiles
from vnintegration.dashboard import own_data
from vnintegration.present.i18n import t

APP = str(ROOT / "app.py")
ACCEPTED = ("decimal-comma", "quote-not-in-source", "unknown-indicator", "duplicate-key")
REFUSED = ("zip-slip", "zip-bomb-ratio")


@pytest.fixture(autouse=True)
def bundled(monkeypatch):
    monkeypatch.delenv("VNI_DATA_DIR", raising=False)


@functools.cache
def case(name: str):
    return next(c for c in (*corpus.CASES, *corpus.UPLOAD_CASES) if c.name == name)


@functools.cache
def entry(name: str) -> dict:
    return own_data.session_entry(corpus.payload(case(name)), DataFiles.from_dir(DATA))


def open_page(page: str, own: dict | None) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=60)
    if own is not None:
        at.session_state["own_data"] = own
    if page == "overview":
        return at.run()
    at.run()
    return at.switch_page(f"src/vnintegration/dashboard/pages/{page}.py").run()


def assert_ok(at: AppTest) -> None:
    assert not at.exception, [e.value for e in at.exception]
    assert at.title


def frame(at: AppTest, column_key: str):
    """The first dataframe with the column named t(column_key) (AppTest does not keep a dataframe's key)."""
    column = t(column_key, "vi")
    return next(d.value for d in at.dataframe if column in d.value.columns)


@functools.cache
def bundled_count() -> str:
    at = open_page("sources", None)
    assert_ok(at)
    return next(c.value for c in at.caption if "số liệu" in c.value)


@pytest.mark.parametrize("name", ACCEPTED)
def test_accepted_upload_lists_its_problems_and_shows_its_valid_rows(name):
    c = case(name)
    own = entry(name)
    assert own["dataset"] is not None
    at = open_page("sources", own)
    assert_ok(at)
    # the sidebar says the upload is used
    assert any(own["label"] in as_read(s.value) for s in at.sidebar.success)
    # valid rows: the caption "n / total số liệu" and the figures table
    assert f"{c.valid} / {c.valid} số liệu" in [cap.value for cap in at.caption]
    assert len(frame(at, "col_quote")) == c.valid
    # every expected error is a row of the problems table, with its file and line
    problems = frame(at, "col_severity")
    rows = {(str(r.iloc[1]), None if r.iloc[2] is None or r.iloc[2] != r.iloc[2] else int(r.iloc[2]))
            for _, r in problems.iterrows()}
    for file, line, _column, _code in c.errors:
        assert (file, line) in rows, (file, line, rows)
    assert c.message in "\n".join(problems.astype(str).agg(" ".join, axis=1)), c.message
    assert any(str(len(c.errors)) in e.value for e in at.error)  # "n errors" in the checks tab
    # the Overview runs on the upload too
    assert_ok(open_page("overview", own))


@pytest.mark.parametrize("name", REFUSED)
def test_refused_upload_is_named_in_the_sidebar_and_the_bundled_data_stays(name):
    c = case(name)
    own = entry(name)
    assert own["dataset"] is None
    at = open_page("sources", own)
    assert_ok(at)
    assert any("Không nhận tệp tải lên" in e.value for e in at.sidebar.error)
    sidebar_text = "\n".join(t.value for t in at.sidebar.text)
    assert c.error[0] in sidebar_text and c.message in sidebar_text, sidebar_text
    assert bundled_count() in [cap.value for cap in at.caption]  # the bundled figures, unchanged
    assert_ok(open_page("overview", own))


def test_back_to_the_bundled_data_drops_the_upload():
    at = open_page("sources", entry("decimal-comma"))
    assert_ok(at)
    assert "own_data" in at.session_state
    at.button(key="own_data_back").click().run()
    assert_ok(at)
    assert "own_data" not in at.session_state
    assert bundled_count() in [cap.value for cap in at.caption]


def test_a_refused_upload_leaves_the_upload_in_use_in_place():
    label = "![](http://attacker.example/p.png) [x](http://attacker.example).zip"  # a file name is data too
    c, own = case("decimal-comma"), entry("decimal-comma") | {"refused": entry("zip-slip"), "label": label}
    at = open_page("sources", own)
    assert_ok(at)
    assert any("Không nhận tệp tải lên" in e.value for e in at.sidebar.error)
    assert any(label in as_read(s.value) for s in at.sidebar.success)
    assert not [markup_in(s.value) for s in at.sidebar.success if markup_in(s.value)]  # shown as text
    assert f"{c.valid} / {c.valid} số liệu" in [cap.value for cap in at.caption]  # still the upload's figures


def test_an_upload_is_validated_in_a_worker_process_as_in_this_one():
    """checked_entry (a worker process) gives what session_entry (this process) gives; an empty table is refused."""
    payload = corpus.payload(case("decimal-comma"))
    here, there = own_data.session_entry(payload, DataFiles.from_dir(DATA)), own_data.checked_entry(payload, DATA)
    assert there["digest"] == here["digest"] and there["notices"] == here["notices"]
    assert there["dataset"].report.problems == here["dataset"].report.problems
    # the session keeps text as Arrow strings (uploads.compact), on the pages as in the worker
    for own in (here, there):
        assert isinstance(own["dataset"].observations["quote"].dtype, pd.StringDtype)
    empty = own_data.checked_entry([("observations.csv", b"")], DATA)
    assert empty["dataset"] is None and [p.code for p in empty["notices"]] == ["empty-file"]


def test_tables_derived_from_an_upload_are_kept_compact():
    """caches.bundled_only keeps an upload's derived tables through own_data.kept: text as Arrow strings."""
    derived = pd.DataFrame({"name": ["a", "b"], "year": [2020, 2021], "mixed": ["a", None]}, dtype=object)
    kept = own_data.kept(derived)
    assert isinstance(kept["name"].dtype, pd.StringDtype) and kept["mixed"].dtype == object
    assert kept["name"].tolist() == ["a", "b"] and kept["year"].tolist() == [2020, 2021]
    cards = [("card", 1)]
    assert own_data.kept(cards) is cards


def test_a_zip_of_the_bundled_data_shows_the_same_figures_as_the_bundled_data():
    """Download, edit, upload: the project's own data directory, zipped, is taken with no error, and the pages
    show what they show for the bundled data."""
    own = own_data.session_entry([("data.zip", zip_dir(DATA, "data/"))], DataFiles.from_dir(DATA))
    assert own["dataset"] is not None and own["dataset"].report.errors == []
    at = open_page("sources", own)
    assert_ok(at)
    assert any("data.zip" in as_read(s.value) for s in at.sidebar.success)
    assert bundled_count() in [cap.value for cap in at.caption]
    cards = [(m.label, m.value) for m in open_page("overview", own).metric]
    assert cards and cards == [(m.label, m.value) for m in open_page("overview", None).metric]


def test_an_upload_that_loses_a_row_is_refused_with_the_count_and_the_data_in_use_stays():
    rows = [list(r) for r in MINI[corpus.OBS]]
    rows[3][-1] = "x" * 200_000
    own = own_data.session_entry([(corpus.OBS, csv_text(rows).encode())], DataFiles.from_dir(DATA))
    assert own["dataset"] is None and [p.code for p in own["notices"]] == ["rows-not-read", "cell-too-long"]
    at = open_page("sources", own)
    assert_ok(at)
    sidebar_text = "\n".join(t.value for t in at.sidebar.text)
    assert "1 row(s) cannot be read" in sidebar_text and "observations.csv:4: note:" in sidebar_text
    assert bundled_count() in [cap.value for cap in at.caption]
