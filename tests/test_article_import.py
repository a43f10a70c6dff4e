"""The Import page's core: editor tables, kept rows, the in-memory check, downloads that append cleanly."""

from __future__ import annotations

import csv
import io
import shutil
import zipfile
from datetime import date

import pandas as pd
import pytest
from tests.conftest import DATA

from vnintegration.core.model import OBSERVATIONS
from vnintegration.core.validate import validate_dir
from vnintegration.extract import importer as ai
from vnintegration.extract.figures import catalog_from_frame, extract

TEXT = ("Tin kinh tế\nNăm 2024, GDP tăng 7,09%, quy mô nền kinh tế đạt 11.511,9 ngàn tỷ đồng. "
        "Đến nay, Việt Nam có quan hệ ngoại giao với 194 nước. Kim ngạch xuất khẩu sang các thị trường tăng 3%.\n"
        "Nghị quyết số 59-NQ/TW ngày 24/1/2025 của Bộ Chính trị về hội nhập quốc tế.")


@pytest.fixture(scope="module")
def extraction():
    indicators = pd.read_csv(DATA / "indicators.csv", dtype=str, keep_default_na=False)
    return extract(TEXT, catalog_from_frame(indicators), article_date=date(2025, 12, 31))


@pytest.fixture(scope="module")
def indicators_csv():
    return (DATA / "indicators.csv").read_bytes()


SOURCE = ai.source_row({"id": "tin-kinh-te-2025", "title": "Tin kinh tế", "published": "2025-12-31"})


def test_candidates_table_numbers_rows_from_one_and_ticks_confident_ones(extraction):
    table = ai.candidates_table(extraction)
    assert list(table.index) == [1, 2, 3]
    assert list(table["indicator"]) == ["gdp_growth", "gdp_vnd", "diplomatic_relations"]
    assert table["keep"].all()
    assert str(table["year"].dtype) == "Int64" and pd.isna(table.loc[3, "months"])


def test_kept_rows_are_text_cells_in_observation_columns(extraction):
    table = ai.candidates_table(extraction)
    table.loc[2, "keep"] = False
    rows = ai.observation_rows(table, "tin-kinh-te-2025")
    assert [r["_row"] for r in rows] == [1, 3]
    assert rows[0] | {"_row": 0} == {
        "indicator": "gdp_growth", "partner": "", "product": "", "year": "2024", "months": "12", "as_of": "",
        "value": "7.09",
        "qualifier": "exact", "status": "actual", "source_id": "tin-kinh-te-2025",
        "quote": "Năm 2024, GDP tăng 7,09%, quy mô nền kinh tế đạt 11.511,9 ngàn tỷ đồng.", "note": "", "_row": 0}
    assert (rows[1]["months"], rows[1]["as_of"], rows[1]["value"]) == ("", "2025-12-31", "194")


def test_check_passes_clean_rows_and_points_at_the_editor_row(extraction, indicators_csv):
    table = ai.candidates_table(extraction)
    rows = ai.observation_rows(table, SOURCE["id"])
    assert ai.check(indicators_csv, SOURCE, extraction.text, rows, []).empty
    table.loc[2, "value"] = 11512.0  # not what the quote says
    table.loc[3, "quote"] = "quan hệ ngoại giao với 195 nước"  # not in the text
    problems = ai.check(indicators_csv, SOURCE, extraction.text, ai.observation_rows(table, SOURCE["id"]), [])
    assert set(zip(problems["row"], problems["column"])) >= {(2, "value"), (3, "quote")}
    assert ai.errors_in(problems) >= 2


def test_check_reports_a_bad_source_id_and_events(extraction, indicators_csv):
    rows = ai.observation_rows(ai.candidates_table(extraction), "Bad Id")
    events = ai.event_rows(ai.events_table(extraction), "Bad Id")
    assert events and events[0]["code"] == "59-NQ/TW" and events[0]["date"] == "2025-01-24"
    bad = ai.source_row({"id": "Bad Id", "title": "x"})
    problems = ai.check(indicators_csv, bad, extraction.text, rows, events)
    assert ("sources.csv", "id") in set(zip(problems["table"], problems["column"]))


def test_differences_with_the_dataset():
    existing = pd.DataFrame({"indicator": ["gdp_growth", "gdp_growth"], "year": [2024, 2024], "months": [12, 6],
                             "as_of": [pd.NaT, pd.NaT], "value": [7.1, 6.4], "source_id": ["wdi", "gso"]})
    kept = [{"indicator": "gdp_growth", "year": "2024", "months": "12", "as_of": "", "value": "7.09", "_row": 1}]
    diffs = ai.differences(kept, existing)
    assert diffs[["row", "existing", "source_id"]].values.tolist() == [[1, "7.1", "wdi"]]


def test_suggested_source_id_is_a_valid_id():
    assert ai.suggest_source_id("Hội nhập quốc tế với tư duy mới, cách tiếp cận mới", "2025-08") == \
        "hoi-nhap-quoc-te-voi-2025-08"
    assert ai.suggest_source_id("Đối ngoại", "") == "doi-ngoai"
    assert ai.suggest_source_id("", "") == "article"


def test_downloaded_rows_append_to_the_bundled_data_and_validate(extraction, tmp_path):
    """The zip's files, appended as its README says, keep the dataset valid."""
    data = shutil.copytree(DATA, tmp_path / "data")
    before = validate_dir(data)
    obs = ai.observation_rows(ai.candidates_table(extraction), SOURCE["id"])
    events = ai.event_rows(ai.events_table(extraction), SOURCE["id"])
    archive = zipfile.ZipFile(io.BytesIO(ai.bundle(SOURCE, extraction.text, obs, events)))
    names = set(archive.namelist())
    assert names == {"observations-tin-kinh-te-2025.csv", "sources-tin-kinh-te-2025.csv",
                     "events-tin-kinh-te-2025.csv", "sources/tin-kinh-te-2025.txt", "README.txt"}
    for table, member in (("observations.csv", "observations-tin-kinh-te-2025.csv"),
                          ("sources.csv", "sources-tin-kinh-te-2025.csv"), ("events.csv", "events-tin-kinh-te-2025.csv")):
        existing = (data / table).read_bytes()
        assert existing.endswith(b"\n")
        (data / table).write_bytes(existing + archive.read(member))
    (data / "sources" / "tin-kinh-te-2025.txt").write_bytes(archive.read("sources/tin-kinh-te-2025.txt"))
    after = validate_dir(data)
    new_errors = {str(p) for p in after.report.errors} - {str(p) for p in before.report.errors}
    assert new_errors == set()
    assert len(after.observations) == len(before.observations) + 3
    assert len(after.events) == len(before.events) + 1


def test_rows_csv_has_no_header_and_quotes_commas():
    text = ai.rows_csv([{"indicator": "gdp_growth", "quote": "a, b", "value": "1"}], OBSERVATIONS.columns)
    assert text == 'gdp_growth,,,,,,1,,,,"a, b",\n'
    assert next(csv.reader(io.StringIO(text)))[10] == "a, b"


def test_partner_and_product_travel_to_the_downloaded_rows(indicators_csv):
    indicators = pd.read_csv(DATA / "indicators.csv", dtype=str, keep_default_na=False)
    text = "Năm 2024, xuất khẩu sang Hoa Kỳ đạt 119,5 tỷ USD. Điện thoại và linh kiện đạt 53,9 tỷ USD."
    result = extract(text, catalog_from_frame(indicators))
    table = ai.candidates_table(result)
    assert list(table["partner"]) == ["USA", ""] and list(table["product"]) == ["", "phones"]
    table["keep"] = True
    rows = ai.observation_rows(table, "x")
    assert [(r["partner"], r["product"]) for r in rows] == [("USA", ""), ("", "phones")]
    header = ai.rows_csv(rows, ai.ROW_COLUMNS).splitlines()[0].split(",")
    assert header[1:3] == ["USA", ""]
