"""How fast the data layer reads and validates: the bundled data, and 1,000,000 synthetic rows.

    .venv/bin/python benchmarks/validate_speed.py [--rows 1000000] [--runs 3] [--scenario articles|mixed|all] [--shuffle]

Each synthetic directory has synthetic indicators, article texts of 20 sentences or more
(every article row quotes a sentence, or for half of them the clause of it that states the
figure, so every quote is really looked up in its text and every value really read from its
quote) and one synthetic dataset extract (every dataset row
is looked up in it and scaled). Scenario "articles": every row quotes one of 50,000 articles;
"mixed": 90 % of the rows come from a dataset of 4,500 series, the rest from 5,000 articles.
An article's rows follow one another in reading order, as people enter them; --shuffle writes
all rows in random order instead (the quote search's worst case).
Prints wall-clock medians and fastest runs; nothing here is a test and nothing fails on time.
"""

from __future__ import annotations

import argparse
import csv
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from vnintegration.core.load import DataFiles, read_data  # noqa: E402
from vnintegration.core.numbers import format_number  # noqa: E402
from vnintegration.core.validate import validate, validate_dir  # noqa: E402

OBS_HEADER = ["indicator", "year", "months", "as_of", "value", "qualifier", "status", "source_id", "quote", "note"]


def timed(fn, runs: int) -> tuple[float, object]:
    """Median wall-clock seconds of `runs` calls (and the last result). The fastest run and the
    CPU seconds are kept beside it (`timed.fastest`, `timed.cpu`): on a shared machine the
    median says who else ran, the fastest run what the code costs. CPU exceeds wall time where
    the work runs on both cores."""
    times, cpu, result = [], [], None
    for _ in range(runs):
        start, start_cpu = time.perf_counter(), time.process_time()
        result = fn()
        times.append(time.perf_counter() - start)
        cpu.append(time.process_time() - start_cpu)
    timed.cpu = statistics.median(cpu)
    timed.fastest = min(times)
    return statistics.median(times), result


def write_synthetic(root: Path, rows: int, articles: int, series: int, dataset_share: float, seed: int = 1) -> None:
    """A data directory of `rows` valid observations over synthetic sources."""
    rng = random.Random(seed)
    (root / "sources").mkdir(parents=True)
    n_dataset = int(rows * dataset_share)
    n_article = rows - n_dataset
    # No two sources give the same indicator and year (no conflicts): the articles that share an
    # indicator cover 200 years between them; each dataset series is its own indicator.
    per_article = -(-n_article // articles) if n_article else 0
    assert per_article <= 200, "use more --articles: at most 200 figures per article"
    share = max(1, 200 // max(per_article, 1))  # articles per indicator
    years_per_series = -(-n_dataset // series) if n_dataset else 0
    assert years_per_series <= 200, "use more --series: at most 200 years per series"
    with open(root / "indicators.csv", "w", encoding="utf-8") as out:
        out.write("id,name_vi,name_en,unit,kind,group,headline,min,max,description_vi,description_en\n")
        for i in range(-(-articles // share)):
            out.write(f"synth_{i},Chỉ số {i},Index {i},usd_bn,flow,trade,no,0,1000000,,\n")
        for s in range(series if n_dataset else 0):
            out.write(f"synth_ds_{s},Chuỗi {s},Series {s},usd_bn,flow,trade,no,0,1000000,,\n")
    sentences_per_article = max(20, per_article)
    with open(root / "observations.csv", "w", encoding="utf-8", newline="") as out, \
         open(root / "sources.csv", "w", encoding="utf-8", newline="") as src:
        obs = csv.writer(out, lineterminator="\n")
        obs.writerow(OBS_HEADER)
        sources = csv.writer(src, lineterminator="\n")
        sources.writerow(["id", "kind", "title", "publisher", "author", "published", "url", "file", "language",
                          "licence", "citation"])
        # Article rows: one sentence each; an article's rows cover distinct (year, months) keys.
        for a in range(articles):
            sid = f"art-{a}"
            sources.writerow([sid, "article", f"Bài {a}", "", "", "", "", f"sources/{sid}.txt", "vi", "", ""])
        texts: dict[int, list[str]] = {}
        for i in range(n_article):
            a, k = divmod(i, per_article)
            value = round(rng.uniform(1, 99999), 1)
            year, months = 1900 + (a % share) * per_article + k, 12
            clause = f"chỉ số thứ {k} của bài {a} đạt {format_number(value, 'vi')} tỷ USD"
            sentence = f"Theo báo cáo, {clause}, tăng mạnh so với cùng kỳ."
            texts.setdefault(a, []).append(sentence)
            # Half the rows quote the whole sentence, half the clause that states the figure (as
            # most real quotes do: "tương đương khoảng 476 tỷ USD").
            quote = sentence if k % 2 == 0 else clause
            obs.writerow([f"synth_{a // share}", year, months, "", value, "exact", "actual", f"art-{a}", quote, ""])
        for a in range(articles):
            body = texts.get(a, [])
            padding = ["Đoạn văn không có số liệu về hội nhập kinh tế quốc tế."] * max(0, sentences_per_article - len(body))
            (root / "sources" / f"art-{a}.txt").write_text("\n".join(body + padding), encoding="utf-8")
        # Dataset rows: series x year, looked up in one tidy extract.
        if n_dataset:
            sources.writerow(["synth-ds", "dataset", "Synthetic dataset", "Bench", "", "2026", "https://example.org",
                              "sources/synth.csv", "en", "CC-BY-4.0", "Bench, Synthetic dataset"])
        (root / "events.csv").write_text("date,kind,code,title_vi,title_en,source_id,quote\n"
                                         "2025-01-24,resolution,59-NQ/TW,Nghị quyết,Resolution,art-0,\n", encoding="utf-8")
        if not n_dataset:
            return
        with open(root / "sources" / "synth.csv", "w", encoding="utf-8", newline="") as ds:
            tidy = csv.writer(ds, lineterminator="\n")
            tidy.writerow(["series_code", "series_name", "year", "value", "unit"])
            for i in range(n_dataset):
                s, k = divmod(i, years_per_series)
                value = round(rng.uniform(1e6, 9e11), 2)
                tidy.writerow([f"S.{s}", "synthetic", 1900 + k, value, "current US$"])
                obs.writerow([f"synth_ds_{s}", 1900 + k, 12, "", repr(value * 1e-9), "exact", "actual", "synth-ds",
                              f"S.{s}", ""])


def shuffle_rows(path: Path, seed: int = 2) -> None:
    """Rows in random order: the quote search can no longer go through an article as it is read
    (rows are written an article at a time, its figures in reading order, as people enter them)."""
    header, *rows = path.read_bytes().splitlines(keepends=True)
    random.Random(seed).shuffle(rows)
    path.write_bytes(header + b"".join(rows))


# Two synthetic directories: every row quoting an article (the harder case: each quote looked
# up in its text, each value read from its quote), and the mix a history-backed dataset has
# (most rows from one statistical extract, looked up and scaled exactly).
SCENARIOS = {
    "articles": {"articles": 50_000, "series": 10_000, "dataset_share": 0.0},
    "mixed": {"articles": 5_000, "series": 4_500, "dataset_share": 0.9},
}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--scenario", choices=[*SCENARIOS, "all"], default="all")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--shuffle", action="store_true",
                        help="write the observations in random order (not an article's figures in reading order)")
    args = parser.parse_args()

    seconds, dataset = timed(lambda: validate_dir(ROOT / "data"), max(args.runs, 5))
    print(f"bundled data: load + validate {len(dataset.observations)} rows: median {seconds * 1000:.0f} ms, "
          f"fastest {timed.fastest * 1000:.0f} ms ({dataset.report.summary()})")

    for name, scenario in SCENARIOS.items():
        if args.scenario not in (name, "all"):
            continue
        with tempfile.TemporaryDirectory() as tmp:
            root = Path(tmp) / "data"
            start = time.perf_counter()
            write_synthetic(root, args.rows, scenario["articles"], scenario["series"], scenario["dataset_share"])
            if args.shuffle:
                shuffle_rows(root / "observations.csv")
            size = (root / "observations.csv").stat().st_size
            print(f"{name}: {args.rows:,} rows ({size / 1e6:.0f} MB), {scenario['articles']:,} article files, "
                  f"dataset share {scenario['dataset_share']:.0%}; written in {time.perf_counter() - start:.1f} s")
            files = DataFiles.from_dir(root)
            read_s, raw = timed(lambda root=root: read_data(DataFiles.from_dir(root)), args.runs)
            print(f"  read (parse CSV, line numbers): median {read_s:.2f} s, fastest {timed.fastest:.2f} s "
                  f"(CPU {timed.cpu:.2f} s)")
            check_s, result = timed(lambda raw=raw: validate(raw), args.runs)
            print(f"  validate (every rule):          median {check_s:.2f} s, fastest {timed.fastest:.2f} s "
                  f"(CPU {timed.cpu:.2f} s)")
            total_s, result = timed(lambda files=files: validate(read_data(files)), args.runs)
            print(f"  read + validate:                median {total_s:.2f} s, fastest {timed.fastest:.2f} s "
                  f"(CPU {timed.cpu:.2f} s)  -> {result.report.summary()}")


if __name__ == "__main__":
    main()
