"""Own data round-trips: a zip of a data directory, and what the dashboard lets a reader download as the data,
upload back with no error and the same figures as `vnintegration validate` gives for the directory.

Validation and an upload read a directory's files through one rule (`load.is_data_file`) and one reader, so the
two cannot disagree: each test compares the upload's dataset with the directory's, table by table and problem by
problem, and the partner catalogues (which the Partners and Trade pages draw) file by file; then what the Partners
and Trade pages draw for a session with the zip of data/ against a session with the bundled data, chart by chart and
table by table.
"""

from __future__ import annotations

import io
import json
import re
import shutil
import zipfile
from datetime import date
from pathlib import Path

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest
from tests.conftest import DATA, ROOT
from tests.test_injection import as_read

from vnintegration.core.load import DataFiles
from vnintegration.core.partners import read_partners
from vnintegration.core.uploads import read_uploads, validate_uploads
from vnintegration.core.validate import Dataset, validate_dir
from vnintegration.dashboard import own_data
from vnintegration.dashboard.registry import BY_NAME
from vnintegration.extract import importer as ai
from vnintegration.extract.figures import catalog_from_frame, extract
from vnintegration.present.export import to_safe_rows
from vnintegration.present.tables import validated_csv

TABLES = ("indicators", "observations", "sources", "events", "rejected")


def zip_dir(root: Path, prefix: str = "") -> bytes:
    """A zip of ROOT as `zip -r` or a file manager's "Compress" makes it: every file, and a member per folder."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        if prefix:
            archive.writestr(prefix, b"")
        for path in sorted(root.rglob("*")):
            name = prefix + path.relative_to(root).as_posix()
            if path.is_dir():
                archive.writestr(name + "/", b"")
            else:
                archive.write(path, name)
    return buffer.getvalue()


def assert_same_data(upload: Dataset, directory: Dataset) -> None:
    """The same tables, values and problems: every page draws the same figures from either."""
    for name in TABLES:
        pd.testing.assert_frame_equal(getattr(upload, name), getattr(directory, name), check_dtype=False, obj=name)
    assert upload.report.problems == directory.report.problems
    assert upload.report.stats == directory.report.stats
    assert upload.source_texts == directory.source_texts


def assert_same_partners(files: DataFiles, directory: Path) -> None:
    ours, theirs = read_partners(files), read_partners(DataFiles.from_dir(directory))
    for name in ("partners", "agreements", "partnerships", "pairs", "fdi", "totals", "imf"):
        pd.testing.assert_frame_equal(getattr(ours, name), getattr(theirs, name), obj=name)
    assert ours.problems == theirs.problems


@pytest.fixture(scope="module")
def bundled() -> Dataset:
    return validate_dir(DATA)


@pytest.mark.parametrize("prefix", ["", "data/"], ids=["top-level", "one-folder-down"])
def test_a_zip_of_the_bundled_data_directory_uploads_back_with_no_error_and_the_same_figures(prefix, bundled):
    payload = [("data.zip", zip_dir(DATA, prefix))]
    dataset, notices = validate_uploads(payload, bundled=DataFiles.from_dir(DATA))
    assert bundled.report.errors == []
    assert dataset is not None and dataset.report.errors == []
    assert [p.severity for p in notices] == ["warning"]  # maps/ is not data: named once, not read
    assert notices[0].code == "ignored-file" and "maps/world_110m.json" in notices[0].value
    assert_same_data(dataset, bundled)
    files, _ = read_uploads(payload)
    assert_same_partners(files, DATA)


def test_an_upload_holds_exactly_the_files_validate_reads():
    """One rule decides which files a data directory has: the directory on disk and a zip of it list the same."""
    files, _ = read_uploads([("data.zip", zip_dir(DATA, "data/"))])
    on_disk = DataFiles.from_dir(DATA)
    assert sorted(files) == sorted(on_disk)
    assert {"partners.csv", "agreements.csv", "partnerships.csv", "products.csv", "sources/vnm_ftas.csv"} <= set(files)
    assert all(files[name] == on_disk[name] for name in files)


def test_the_bundled_observations_csv_alone_uploads_back_with_the_rest_from_the_bundled_data(bundled):
    payload = [("observations.csv", (DATA / "observations.csv").read_bytes())]
    dataset, notices = validate_uploads(payload, bundled=DataFiles.from_dir(DATA))
    assert dataset is not None and dataset.report.errors == []
    assert {p.code for p in notices} == {"bundled-fallback"}
    assert {"partners.csv", "agreements.csv", "partnerships.csv", "products.csv"} <= {p.file for p in notices}
    assert_same_data(dataset, bundled)


def test_the_sources_pages_download_uploads_back_with_the_same_figures(bundled):
    """The Sources page's "observations.csv" (the validated rows, with Excel's BOM) is a data file again."""
    payload = [("observations.csv", validated_csv(bundled.observations))]
    dataset, _ = validate_uploads(payload, bundled=DataFiles.from_dir(DATA))
    assert dataset is not None and dataset.report.errors == []
    columns = [c for c in bundled.observations.columns if c != "_line"]
    pd.testing.assert_frame_equal(dataset.observations[columns], bundled.observations[columns], check_dtype=False)
    assert len(dataset.report.warnings) == len(bundled.report.warnings)


ARTICLE = ("Kinh tế năm 2024\nNăm 2024, GDP tăng 7,09%, quy mô nền kinh tế đạt 11.511,9 ngàn tỷ đồng. "
           "Đến nay, Việt Nam có quan hệ ngoại giao với 194 nước.\n"
           "Nghị quyết số 59-NQ/TW ngày 24/1/2025 của Bộ Chính trị về hội nhập quốc tế.")
IMPORTED = ai.source_row({"id": "kinh-te-2024-round-trip", "title": "Kinh tế năm 2024", "published": "2025-12-31"})


def import_page_downloads() -> bytes:
    """The Import page's zip for ARTICLE, its candidates kept as the page ticks them (rows written by the page's
    formula-safe writer, present/export.to_safe_rows)."""
    indicators = pd.read_csv(DATA / "indicators.csv", dtype=str, keep_default_na=False)
    extraction = extract(ARTICLE, catalog_from_frame(indicators), article_date=date(2025, 12, 31))
    observations = ai.observation_rows(ai.candidates_table(extraction), IMPORTED["id"])
    events = ai.event_rows(ai.events_table(extraction), IMPORTED["id"])
    assert observations and events
    return ai.bundle(IMPORTED, extraction.text, observations, events, to_safe_rows)


def append_as_its_readme_says(archive: zipfile.ZipFile, data: Path) -> None:
    """Run the zip's README.txt: `cat member >> data/table` appends, `cp member data/path` copies."""
    steps = archive.read("README.txt").decode("utf-8")
    appended = re.findall(r"cat (\S+) >> data/(\S+)", steps)
    copied = re.findall(r"cp (\S+) data/(\S+)", steps)
    assert appended and copied
    for member, table in appended:
        (data / table).write_bytes((data / table).read_bytes() + archive.read(member))
    for member, path in copied:
        (data / path).write_bytes(archive.read(member))


def test_a_directory_with_the_import_pages_downloads_appended_round_trips(tmp_path, bundled):
    data = shutil.copytree(DATA, tmp_path / "data")
    append_as_its_readme_says(zipfile.ZipFile(io.BytesIO(import_page_downloads())), data)
    directory = validate_dir(data)
    assert directory.report.errors == []
    assert len(directory.observations) > len(bundled.observations)
    assert IMPORTED["id"] in set(directory.observations["source_id"])
    payload = [("my-data.zip", zip_dir(data, "data/"))]
    dataset, notices = validate_uploads(payload, bundled=DataFiles.from_dir(DATA))
    assert dataset is not None and [p.code for p in notices] == ["ignored-file"]
    assert_same_data(dataset, directory)
    files, _ = read_uploads(payload)
    assert_same_partners(files, data)


# ---------------------------------------------------------------------------------------------- what the pages draw


@pytest.fixture(scope="module")
def zipped_data() -> dict:
    """A session's entry for a zip of data/ (what the sidebar keeps once it is accepted)."""
    own = own_data.session_entry([("data.zip", zip_dir(DATA, "data/"))], DataFiles.from_dir(DATA))
    assert own["dataset"] is not None and own["files"] is not None
    return own


def drawn(page: str, params: dict, own: dict | None) -> dict:
    """Every chart (its figure's JSON) and table (its cells) PAGE draws at PARAMS in a new session, with OWN as
    its upload."""
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    if own is not None:
        at.session_state["own_data"] = own
    at.run()
    at.query_params.update(params)
    at.switch_page(str(BY_NAME[page].file.relative_to(ROOT))).run()
    assert not at.exception, [e.value for e in at.exception]
    assert any("data.zip" in as_read(s.value) for s in at.sidebar.success) == (own is not None)  # the upload is used
    return {"charts": [json.loads(c.proto.spec) for c in at.get("plotly_chart")],
            "tables": [d.value.to_dict("split") for d in at.dataframe]}


@pytest.mark.parametrize(("page", "params"), [
    ("partners", {"tab": "profile", "partner": "USA", "lang": "en"}),
    ("partners", {"tab": "agreements"}),
    ("trade", {"view": "markets", "year": "2020"}),
    ("trade", {"view": "partner", "partner": "CHN", "lang": "en"}),
    ("trade", {"view": "fta"}),
], ids=lambda v: v if isinstance(v, str) else "-".join(f"{k}={x}" for k, x in v.items()))
def test_partners_and_trade_draw_the_same_for_a_zip_of_data_as_for_the_bundled_data(page, params, zipped_data,
                                                                                      monkeypatch):
    monkeypatch.delenv("VNI_DATA_DIR", raising=False)
    upload, bundled = drawn(page, params, zipped_data), drawn(page, params, None)
    assert bundled["charts"]
    assert upload["charts"] == bundled["charts"]
    assert upload["tables"] == bundled["tables"]
