"""The whole loop of issue 14 in a real Chromium: a new quarterly report pasted on the Import page becomes rows of a
copy of data/ that the CLI validates, and the app on that copy shows the new period on the Overview.

The report (tests/fixtures/import_loop/) is a short test text in the style of GSO's quarterly reports, with figures
for January–September 2026, a period the bundled data does not hold (its newest is January–June 2026).
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest
from browser_harness import ARTIFACTS, streamlit_server
from playwright.sync_api import expect
from stpage import DATAFRAME, METRIC, exceptions, goto, grid_row_count, keyed, screenshot, wait_drawn
from test_pages_browser import MAIN, paste_article

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[2]
REPORT = ROOT / "tests" / "fixtures" / "import_loop" / "gso_q3_2026_test_report.txt"


def _download(page, key: str) -> bytes:
    with page.expect_download() as info:
        keyed(page, key).locator("button").click()
    return Path(info.value.path()).read_bytes()


def _append(path: Path, rows: bytes) -> None:
    """Rows (no header, LF line ends) appended to a CSV file that may or may not end with a line end."""
    text = path.read_bytes()
    path.write_bytes(text + (b"" if text.endswith(b"\n") else b"\n") + rows)


def test_a_pasted_quarterly_report_reaches_the_overview(new_page, app_url, tmp_path, monkeypatch):
    page = new_page()
    goto(page, app_url, "/import?lang=en")
    paste_article(page, REPORT.read_text(encoding="utf-8"))
    wait_drawn(page)
    assert exceptions(page) == []
    expect(page.locator(DATAFRAME).first).to_be_visible()
    # The candidates found are ticked ("N figures; N kept"): exports and imports of January–September 2026.
    caption = page.locator(f"{MAIN} [data-testid='stCaptionContainer']", has_text=re.compile(r"\d+ figures?;")).first
    found, kept = map(int, re.search(r"(\d+) figures?; (\d+)", caption.inner_text()).groups())
    assert found == kept == 2 == grid_row_count(page.locator(DATAFRAME).first)

    observations, source, text = (_download(page, key) for key in ("dl_obs", "dl_source", "dl_text"))
    rows = pd.read_csv(pd.io.common.BytesIO(observations), header=None, dtype=str, keep_default_na=False,
                       names=pd.read_csv(ROOT / "data" / "observations.csv", nrows=0).columns)
    assert sorted(zip(rows["indicator"], rows["year"], rows["months"], rows["value"])) == [
        ("exports", "2026", "9", "410.25"), ("imports", "2026", "9", "402.5")]
    source_file = pd.read_csv(pd.io.common.BytesIO(source), header=None, dtype=str, keep_default_na=False).iloc[0, 7]

    # Appended to a copy of data/ with the source row and the text, the copy validates with the CLI.
    data = Path(shutil.copytree(ROOT / "data", tmp_path / "data"))
    for path_ in data.rglob("*"):
        os.chmod(path_, 0o755 if path_.is_dir() else 0o644)
    _append(data / "observations.csv", observations)
    _append(data / "sources.csv", source)
    (data / source_file).write_bytes(text)
    run = subprocess.run([sys.executable, "-m", "vnintegration", "validate", str(data)], capture_output=True, text=True,
                         cwd=ROOT)
    assert run.returncode == 0, run.stdout[-2000:] + run.stderr[-2000:]

    # The app on the copy: the Overview's exports card is January–September 2026 against the same months of 2025.
    monkeypatch.setenv("VNI_DATA_DIR", str(data))
    with streamlit_server("app.py", cwd=ROOT, log_path=ARTIFACTS / "server-import-loop.log") as base:
        overview = new_page()
        goto(overview, base, "/?lang=en")
        expect(overview.locator(METRIC).first).to_be_visible()
        assert exceptions(overview) == []
        card = overview.locator(METRIC, has_text="Goods exports, Jan–Sep 2026")
        expect(card).to_have_count(1)
        expect(card).to_contain_text("USD 410.25 bn")
        expect(card).to_contain_text("vs Jan–Sep 2025")
        screenshot(overview, "overview-import-loop-en")
