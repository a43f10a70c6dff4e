"""The sidebar's "own data" control through AppTest, with cases of the bad-input corpus (tests/corpus.py).

AppTest cannot drive a file uploader, so each test puts what the control would keep,
`own_data.session_entry(payload, bundled)`, into the session state before the first run.
"""

from __future__ import annotations

import functools
import json
import shutil

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest
from tests import corpus
from tests.conftest import DATA, MINI, ROOT, csv_text, plotly_spec
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


def open_page(page: str, own: dict | None, params: dict | None = None) -> AppTest:
    """A new session (own: its upload, as the sidebar keeps it) opened at PAGE with PARAMS in the URL."""
    at = AppTest.from_file(APP, default_timeout=60)
    if own is not None:
        at.session_state["own_data"] = own
    if page == "overview":
        return at.run()
    at.run()
    at.query_params.update(params or {})
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
    assert dict(there["files"]) == dict(here["files"]) and "partners.csv" in here["files"]  # the files drawn
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


# ---------------------------------------------------------------------------------------------- drawn from the upload
# The partner, trade and peer files an upload holds are drawn (caches.data_files), not only validated; what the
# pages derive from them stays in the uploading session.

RENAMED = ("Hợp chủng quốc Hoa Kỳ (tải lên)", "United States of America (uploaded)")


@functools.cache
def renamed_usa() -> dict:
    """An upload of partners.csv alone, the United States renamed in both languages (the rest: bundled)."""
    lines = (DATA / "partners.csv").read_text("utf-8").splitlines(keepends=True)
    (row,) = [n for n, line in enumerate(lines) if line.startswith("USA,")]
    assert lines[row] == "USA,US,economy,Hoa Kỳ,United States,\n"
    lines[row] = f"USA,US,economy,{RENAMED[0]},{RENAMED[1]},\n"
    own = own_data.session_entry([("partners.csv", "".join(lines).encode())], DataFiles.from_dir(DATA))
    assert own["dataset"] is not None and own["dataset"].report.errors == []
    return own


def chart_titles(at: AppTest) -> list[str]:
    """Each chart's title as read (plotly's line breaks as spaces)."""
    return [json.loads(c.proto.spec)["layout"]["title"]["text"].replace("<br>", " ") for c in at.get("plotly_chart")]


def test_an_upload_s_partners_csv_names_the_partner_on_partners_and_trade_and_only_in_its_session():
    own = renamed_usa()
    profile = {"tab": "profile", "partner": "USA", "lang": "en"}
    at = open_page("partners", own, profile)
    assert_ok(at)
    assert RENAMED[1] in [h.value for h in at.subheader]
    at = open_page("trade", own, {"view": "partner", "partner": "USA", "lang": "en"})
    assert_ok(at)
    assert any(RENAMED[1] in title for title in chart_titles(at)), chart_titles(at)
    at = open_page("trade", own, {"view": "markets", "year": "2020", "lang": "vi"})  # the markets' bars, in Vietnamese
    assert_ok(at)
    bars = json.loads(at.get("plotly_chart")[0].proto.spec)["data"][0]["y"]
    assert bars[0].replace("<br>", " ") == RENAMED[0], bars[:3]
    # Another session, with no upload, in the same process: the bundled names, in pages and in the caches.
    at = open_page("partners", None, profile)
    assert_ok(at)
    assert "United States" in [h.value for h in at.subheader] and RENAMED[1] not in str(at.subheader)
    at = open_page("trade", None, {"view": "partner", "partner": "USA", "lang": "en"})
    assert_ok(at)
    assert all(RENAMED[1] not in title for title in chart_titles(at)) and any(
        "United States" in title for title in chart_titles(at))


def brief_html(at: AppTest) -> str:
    return " ".join(str(h.proto) for h in at.get("html"))


def test_an_upload_s_partner_names_reach_the_brief_the_sources_page_and_the_trends_search():
    own = renamed_usa()
    at = open_page("brief", own)
    assert_ok(at)
    assert RENAMED[0] in brief_html(at)  # the top markets, in Vietnamese
    at = open_page("brief", None)
    assert RENAMED[0] not in brief_html(at) and "Hoa Kỳ" in brief_html(at)
    at = open_page("trends", own)
    assert_ok(at)
    at.text_input(key="trade_search").input("tải lên").run()
    assert_ok(at)
    labels = [p.proto.label for p in at.get("page_link")]
    assert any(RENAMED[0] in as_read(label) for label in labels), labels
    at = open_page("sources", own, {"q": "Census"})
    assert_ok(at)
    named = frame(at, "col_quote")[t("col_indicator", "vi")]  # "Kim ngạch xuất khẩu hàng hóa · <partner>"
    assert len(named) and all(str(cell).endswith(" · " + RENAMED[0]) for cell in named), list(named)


def with_a_2025_export_to_new_zealand(tmp_path) -> bytes:
    """A zip of the bundled data/ with one article and the 2025 export figure it states for New Zealand."""
    data = shutil.copytree(DATA, tmp_path / "data")
    text = "Năm 2025, kim ngạch xuất khẩu của Việt Nam sang New Zealand đạt 2,345 tỷ USD."
    (data / "sources" / "test_nzl_2025.txt").write_text(text + "\n", "utf-8")
    with (data / "sources.csv").open("a", encoding="utf-8") as out:
        out.write("test-nzl-2025,article,Xuất khẩu sang New Zealand năm 2025,Báo Thử,,2026-01,,"
                  "sources/test_nzl_2025.txt,vi,,\n")
    with (data / "observations.csv").open("a", encoding="utf-8") as out:
        out.write(f"exports,NZL,,2025,12,,2.345,exact,actual,test-nzl-2025,\"{text[:-1]}\",\n")
    return zip_dir(data, "data/")


def test_an_upload_s_2025_export_figure_for_a_partner_is_on_its_trade_view(tmp_path):
    own = own_data.session_entry([("data.zip", with_a_2025_export_to_new_zealand(tmp_path))], DataFiles.from_dir(DATA))
    assert own["dataset"] is not None and own["dataset"].report.errors == []
    params = {"view": "partner", "partner": "NZL", "from": "2015", "to": "2026", "lang": "en"}
    at = open_page("trade", own, params)
    assert_ok(at)
    (table,) = [d.value for d in at.dataframe if "Year" in d.value and "Flow" in d.value]
    row = table[(table["Year"] == "2025") & (table["Flow"] == "Exports")]
    assert list(row["Value"]) == ["2.345"] and list(row["Source"]) == ["Báo Thử (test-nzl-2025)"], row.to_dict("records")
    drawn = [(x, y) for trace in plotly_spec(at.get("plotly_chart")[0])["data"]
             for x, y in zip(trace.get("x") or [], trace.get("y") or [], strict=False)]
    assert (2025, 2.345) in drawn, drawn[-5:]
    # the bundled data has no such figure, in this process, for a session with no upload
    at = open_page("trade", None, params)
    assert_ok(at)
    (table,) = [d.value for d in at.dataframe if "Year" in d.value and "Flow" in d.value]
    assert table[table["Year"] == "2025"].empty


def test_an_upload_s_peers_extract_is_drawn_on_peers_with_the_bundled_map_outlines():
    """The peers' WDI extract is a source file the upload reader reads (sources.csv names it): Peers draws the
    upload's; the map's outlines (maps/, not data) stay the bundled ones."""
    old = "VNM,Viet Nam,TG.VAL.TOTL.GD.ZS,Merchandise trade (% of GDP),2023,156.650555479616,percent of GDP\n"
    text = (DATA / "sources" / "peers_wdi.csv").read_text("utf-8")
    assert text.count(old) == 1
    own = own_data.session_entry([("peers_wdi.csv", text.replace(old, old.replace("156.650555479616", "199.5"))
                                   .encode())], DataFiles.from_dir(DATA))
    assert own["dataset"] is not None and own["dataset"].report.errors == []
    params = {"countries": "VNM,THA", "ind": "TG.VAL.TOTL.GD.ZS", "from": "2020", "to": "2023", "lang": "en"}

    def drawn(at: AppTest):
        lines, *_, world = [plotly_spec(c) for c in at.get("plotly_chart")]
        (vnm,) = [trace for trace in lines["data"] if trace["name"] == "Viet Nam"]
        return dict(zip(vnm["x"], vnm["y"], strict=True))[2023], world

    at = open_page("peers", own, params)
    assert_ok(at)
    value, world = drawn(at)
    at = open_page("peers", None, params)
    assert_ok(at)
    bundled_value, bundled_world = drawn(at)
    assert value == 199.5 and bundled_value == pytest.approx(156.650555479616)
    # a filled outline per country: the same countries outlined for the upload as for the bundled data
    assert len(world["data"]) == len(bundled_world["data"]) > 10


def test_an_uploads_indicators_are_among_the_files_its_pages_read():
    """The Import page checks candidate rows against the indicators in use: an upload's own indicators.csv (the
    bundled one where the upload has none)."""
    text = (DATA / "indicators.csv").read_bytes()
    edited = text.replace(b"GDP growth", b"GDP growth (edited)", 1)
    own = own_data.session_entry([("indicators.csv", edited)], DataFiles.from_dir(DATA))
    assert own["files"]["indicators.csv"] == edited
    without = own_data.session_entry([(corpus.OBS, (DATA / corpus.OBS).read_bytes())], DataFiles.from_dir(DATA))
    assert without["files"]["indicators.csv"] == text
