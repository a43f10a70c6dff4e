"""Shared fixtures: a tiny valid data directory that tests break one cell at a time."""

from __future__ import annotations

import base64
import csv
import importlib.util
import io
import json
import os
import shutil
import sys
from pathlib import Path

import numpy as np
import pytest

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "data"


@pytest.fixture(autouse=True, scope="session")
def _app_errors_in_full():
    """AppTest runs in this process with .streamlit/config.toml, whose client.showErrorDetails hides an error's
    message from readers: the tests read it in full, so that a failure names its cause."""
    from streamlit import config

    before = config.get_option("client.showErrorDetails")
    config.set_option("client.showErrorDetails", "full")
    yield
    config.set_option("client.showErrorDetails", before)


def open_page(page: str, params: dict | None = None):
    """AppTest of the app opened at registry page `page` with `params` in the URL, as a copied link opens it:
    the app runs once, then switches to the page (the landing page is the app's first run)."""
    from streamlit.testing.v1 import AppTest

    from vnintegration.dashboard.registry import BY_NAME, PAGES

    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    if page == PAGES[0].name:
        at.query_params.update(params or {})
        return at.run()
    at.run()
    at.query_params.clear()
    at.query_params.update(params or {})
    return at.switch_page(str(BY_NAME[page].file.relative_to(ROOT))).run()


def plotly_spec(chart) -> dict:
    """An AppTest plotly_chart element's figure as plain JSON: plotly's typed arrays ({"dtype", "bdata"}) as lists."""
    return _decoded(json.loads(chart.proto.spec))


def _decoded(value):
    if isinstance(value, dict):
        if set(value) >= {"dtype", "bdata"}:
            return np.frombuffer(base64.b64decode(value["bdata"]), dtype=value["dtype"]).tolist()
        return {k: _decoded(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_decoded(v) for v in value]
    return value


def load_script(path: str):
    """A script of the repository (scripts/, benchmarks/) as a module, loaded once: tests call its functions."""
    name = "vni_" + Path(path).stem
    if name not in sys.modules:
        spec = importlib.util.spec_from_file_location(name, ROOT / path)
        module = importlib.util.module_from_spec(spec)
        sys.modules[name] = module  # dataclasses look their module up while the file runs
        spec.loader.exec_module(module)
    return sys.modules[name]


@pytest.fixture(scope="module")
def nginx_cluster():
    """One replica of the app behind a real nginx (scripts/replicas.py, deploy/'s recipe), for a module's tests;
    where no nginx is installed, skipped, or failed when VNI_REQUIRE_BROWSER=1 (CI installs it)."""
    replicas = load_script("scripts/replicas.py")
    if replicas.find_nginx() is None:
        if os.environ.get("VNI_REQUIRE_BROWSER") == "1":
            pytest.fail("nginx is required here (VNI_REQUIRE_BROWSER=1): apt-get install nginx")
        pytest.skip("no nginx found; apt-get install nginx")
    with replicas.cluster(replicas=1) as running:
        yield running

ARTICLE = """Kinh tế năm 2024
Năm 2024, GDP tăng 7,09%, quy mô đạt 11.511,9 nghìn tỷ đồng.
Tổng kim ngạch xuất nhập khẩu 7 tháng năm 2025 đạt trên 514 tỷ USD; cả năm 2024 đạt khoảng 786 tỷ USD.
Việt Nam đã ký 17 FTA. Nghị quyết 59-NQ/TW ngày 24/1/2025 về hội nhập quốc tế.
"""

MINI = {
    "indicators.csv": [
        ["id", "name_vi", "name_en", "unit", "kind", "group", "headline", "min", "max", "description_vi", "description_en"],
        ["gdp_growth", "Tăng trưởng GDP", "GDP growth", "percent", "rate", "macro", "yes", "-20", "30", "", ""],
        ["gdp_vnd", "Quy mô GDP", "GDP (VND)", "vnd_trillion", "flow", "macro", "no", "0", "100000", "", ""],
        ["trade_turnover", "Kim ngạch XNK", "Trade turnover", "usd_bn", "flow", "trade", "yes", "0", "3000", "", ""],
        ["ftas_signed", "Số FTA đã ký", "FTAs signed", "count", "count", "agreements", "yes", "0", "100", "", ""],
    ],
    "observations.csv": [
        ["indicator", "year", "months", "as_of", "value", "qualifier", "status", "source_id", "quote", "note"],
        ["gdp_growth", "2024", "12", "", "7.09", "exact", "actual", "art", "GDP tăng 7,09%", ""],
        ["gdp_vnd", "2024", "12", "", "11511.9", "exact", "actual", "art", "quy mô đạt 11.511,9 nghìn tỷ đồng", ""],
        ["trade_turnover", "2025", "7", "", "514", "over", "actual", "art", "7 tháng năm 2025 đạt trên 514 tỷ USD", ""],
        ["trade_turnover", "2024", "12", "", "786", "about", "actual", "art", "cả năm 2024 đạt khoảng 786 tỷ USD", ""],
        ["ftas_signed", "2025", "", "2025-08-26", "17", "exact", "actual", "art", "Việt Nam đã ký 17 FTA", ""],
    ],
    "sources.csv": [
        ["id", "kind", "title", "publisher", "author", "published", "url", "file", "language", "licence", "citation"],
        ["art", "article", "Kinh tế năm 2024", "Báo Thử", "", "2025-08", "", "sources/art.txt", "vi", "", ""],
    ],
    "events.csv": [
        ["date", "kind", "code", "title_vi", "title_en", "source_id", "quote"],
        ["2025-01-24", "resolution", "59-NQ/TW", "Nghị quyết 59", "Resolution 59", "art", "Nghị quyết 59-NQ/TW ngày 24/1/2025"],
    ],
}


def csv_text(rows: list[list[str]]) -> str:
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows(rows)
    return out.getvalue()


def write_mini(root: Path, tables: dict | None = None) -> Path:
    (root / "sources").mkdir(parents=True, exist_ok=True)
    (root / "sources" / "art.txt").write_text(ARTICLE, encoding="utf-8")
    for name, rows in (tables or MINI).items():
        (root / name).write_text(csv_text(rows), encoding="utf-8")
    return root


@pytest.fixture
def mini(tmp_path: Path) -> Path:
    """A valid data directory of four indicators and five figures."""
    return write_mini(tmp_path / "data")


@pytest.fixture
def bundled_copy(tmp_path: Path) -> Path:
    """A writable copy of the bundled data directory."""
    return Path(shutil.copytree(DATA, tmp_path / "data"))


def set_cell(path: Path, row: int, column: str, value: str) -> None:
    """Rewrite one cell of a CSV (row 0 = first data row) keeping everything else."""
    rows = list(csv.reader(path.open(encoding="utf-8", newline="")))
    rows[row + 1][rows[0].index(column)] = value
    path.write_text(csv_text(rows), encoding="utf-8")


# Hypothesis: no per-example deadline (the first Arrow call warms up; timing is for benchmarks).
from hypothesis import settings as _settings  # noqa: E402

_settings.register_profile("project", deadline=None)
_settings.load_profile("project")
