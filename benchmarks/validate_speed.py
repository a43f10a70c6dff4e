"""How fast the data layer reads and validates: the bundled data, and an upload at the row cap.

    .venv/bin/python benchmarks/validate_speed.py [--rows 200000] [--runs 3]

Targets (issue 11): the bundled data (with the IMF DOTS extract, about 7,900 rows, and the GSO commodity groups:
core/trade.py's checks) loads and validates in 0.5 s or less; an upload at the row
cap (`uploads.Limits.max_rows` observation rows) validates in 5 s or less.

The upload is held in memory, as the app holds one, with the mix a history-backed dataset has:
90 % of the rows from one tidy dataset extract (each looked up and scaled exactly), 10 % quoting
one of 400 article texts (each quote looked up in its text, each value read from its quote).
Prints wall-clock medians and fastest runs; nothing here is a test and nothing fails on time.
"""

from __future__ import annotations

import argparse
import csv
import io
import random
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from vnintegration.core.load import DataFiles, read_data  # noqa: E402
from vnintegration.core.model import TRADE_EXTRACTS as _TRADE_SPECS  # noqa: E402
from vnintegration.core.numbers import format_number  # noqa: E402
from vnintegration.core.uploads import DEFAULT_LIMITS  # noqa: E402
from vnintegration.core.validate import validate, validate_dir  # noqa: E402

TRADE_EXTRACTS = tuple(spec.name for spec in _TRADE_SPECS)  # the DOTS and GSO commodity-group files
OBS_HEADER = ["indicator", "year", "months", "as_of", "value", "qualifier", "status", "source_id", "quote", "note"]
ARTICLES, SERIES, DATASET_SHARE = 400, 1_000, 0.9


def _rows(path: Path) -> int:
    return max(path.read_bytes().count(b"\n") - 1, 0)


def timed(fn, runs: int) -> tuple[float, float, float, object]:
    """Median and fastest wall-clock seconds of `runs` calls, the median CPU seconds, and the last
    result. On a shared machine the CPU time says what the code costs, the wall time who else ran."""
    times, cpu, result = [], [], None
    for _ in range(runs):
        start, start_cpu = time.perf_counter(), time.process_time()
        result = fn()
        times.append(time.perf_counter() - start)
        cpu.append(time.process_time() - start_cpu)
    return statistics.median(times), min(times), statistics.median(cpu), result


def _csv(rows) -> bytes:
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows(rows)
    return out.getvalue().encode("utf-8")


def synthetic_upload(rows: int, seed: int = 1) -> dict[str, bytes]:
    """The files of a valid data directory of `rows` observations (see the module docstring)."""
    rng = random.Random(seed)
    n_dataset = int(rows * DATASET_SHARE)
    n_article = rows - n_dataset
    per_article = -(-n_article // ARTICLES)
    years_per_series = -(-n_dataset // SERIES)
    assert per_article <= 200 and years_per_series <= 200, "at most 200 years per indicator"
    indicators = [["id", "name_vi", "name_en", "unit", "kind", "group", "headline", "min", "max",
                   "description_vi", "description_en"]]
    indicators += [[f"synth_{a}", f"Chỉ số {a}", f"Index {a}", "usd_bn", "flow", "trade", "no", "0", "1000000", "", ""]
                   for a in range(ARTICLES)]
    indicators += [[f"synth_ds_{s}", f"Chuỗi {s}", f"Series {s}", "usd_bn", "flow", "trade", "no", "0", "1000000", "", ""]
                   for s in range(SERIES)]
    sources = [["id", "kind", "title", "publisher", "author", "published", "url", "file", "language", "licence", "citation"]]
    sources += [[f"art-{a}", "article", f"Bài {a}", "", "", "", "", f"sources/art-{a}.txt", "vi", "", ""]
                for a in range(ARTICLES)]
    sources.append(["synth-ds", "dataset", "Synthetic dataset", "Bench", "", "2026", "https://example.org",
                    "sources/synth.csv", "en", "CC-BY-4.0", "Bench, Synthetic dataset"])
    observations, files, texts = [OBS_HEADER], {}, {}
    for i in range(n_article):
        a, k = divmod(i, per_article)
        value = round(rng.uniform(1, 99999), 1)
        clause = f"chỉ số thứ {k} của bài {a} đạt {format_number(value, 'vi')} tỷ USD"
        sentence = f"Theo báo cáo, {clause}, tăng mạnh so với cùng kỳ."
        texts.setdefault(a, []).append(sentence)
        quote = sentence if k % 2 == 0 else clause  # a whole sentence, or the clause stating the figure
        observations.append([f"synth_{a}", 1900 + k, 12, "", value, "exact", "actual", f"art-{a}", quote, ""])
    for a in range(ARTICLES):
        padding = ["Đoạn văn không có số liệu về hội nhập kinh tế quốc tế."] * 20
        files[f"sources/art-{a}.txt"] = "\n".join(texts.get(a, []) + padding).encode("utf-8")
    dataset = [["series_code", "series_name", "year", "value", "unit"]]
    for i in range(n_dataset):
        s, k = divmod(i, years_per_series)
        value = round(rng.uniform(1e6, 9e11), 2)
        dataset.append([f"S.{s}", "synthetic", 1900 + k, value, "current US$"])
        observations.append([f"synth_ds_{s}", 1900 + k, 12, "", repr(value * 1e-9), "exact", "actual", "synth-ds",
                             f"S.{s}", ""])
    files |= {"indicators.csv": _csv(indicators), "sources.csv": _csv(sources), "observations.csv": _csv(observations),
              "sources/synth.csv": _csv(dataset),
              "events.csv": _csv([["date", "kind", "code", "title_vi", "title_en", "source_id", "quote"],
                                  ["2025-01-24", "resolution", "59-NQ/TW", "Nghị quyết", "Resolution", "art-0", ""]])}
    return files


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rows", type=int, default=DEFAULT_LIMITS.max_rows)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()

    median, fastest, cpu, dataset = timed(lambda: validate_dir(ROOT / "data"), max(args.runs, 5))
    extracts = ", ".join(f"{_rows(ROOT / 'data' / name):,} rows of {name}" for name in TRADE_EXTRACTS
                         if (ROOT / "data" / name).exists()) or "no trade extract"
    print(f"bundled data: load + validate {len(dataset.observations)} rows (and {extracts}): median {median:.2f} s, "
          f"fastest {fastest:.2f} s, CPU {cpu:.2f} s (target 0.5 s) -> {dataset.report.summary()}")

    files = DataFiles(files=synthetic_upload(args.rows), label="upload")
    size = len(files.files["observations.csv"])
    median, fastest, cpu, result = timed(lambda: validate(read_data(files)), args.runs)
    print(f"upload at the row cap: read + validate {args.rows:,} rows ({size / 1e6:.0f} MB, {ARTICLES} articles, "
          f"{DATASET_SHARE:.0%} from a dataset): median {median:.2f} s, fastest {fastest:.2f} s, CPU {cpu:.2f} s "
          f"(target 5 s) -> {result.report.summary()}")


if __name__ == "__main__":
    main()
