"""How long the largest upload the caps allow takes to read and validate.

    .venv/bin/python benchmarks/upload_speed.py [--runs 3]

Builds, in memory, a `.zip` of a data directory at the row cap of `uploads.DEFAULT_LIMITS`
(validate_speed.synthetic_upload: 90 % of the rows from a dataset extract, 10 % quoting one of
400 article texts). Then the same rows with their notes padded until observations.csv nears the
per-file cap (long text is what parsing pays for). Prints the median time of `validate_uploads`, what
the page runs on an upload (caps, unzip into memory, read every table, every rule, the check that no
row was lost), and its CPU time (which a busy machine inflates less than the wall clock). Nothing here
is a test and nothing fails on time.
"""

from __future__ import annotations

import argparse
import csv
import io
import statistics
import sys
import time
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "benchmarks"))

from validate_speed import synthetic_upload  # noqa: E402

from vnintegration.core.uploads import DEFAULT_LIMITS, MB, read_upload, validate_uploads  # noqa: E402

NOTE = "ghi chú: số liệu lấy nguyên văn từ bài báo, đối chiếu với niên giám thống kê và báo cáo của bộ ngành; "


def build_zip(rows: int, seed: int = 1, note_bytes: int = 0) -> bytes:
    """A zip of a valid data directory of `rows` observations (validate_speed.synthetic_upload; another
    `seed`, other values: a distinct upload); each note padded to `note_bytes`."""
    files = synthetic_upload(rows, seed)
    if note_bytes:
        files["observations.csv"] = _pad_notes(files["observations.csv"], note_bytes)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name in sorted(files):
            archive.writestr("data/" + name, files[name])
    return out.getvalue()


def _pad_notes(data: bytes, note_bytes: int) -> bytes:
    table = list(csv.reader(io.StringIO(data.decode("utf-8"))))
    note = table[0].index("note")
    for i, row in enumerate(table[1:]):
        text = f"{NOTE}dòng {i}. "
        row[note] = (text * (note_bytes // len(text.encode()) + 1)).encode()[:note_bytes].decode("utf-8", "ignore")
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows(table)
    return out.getvalue().encode("utf-8")


def measure(label: str, data: bytes, runs: int) -> None:
    files, problems = read_upload("upload.zip", data)
    assert files is not None, [str(p) for p in problems]
    sizes = {name: len(files[name]) for name in files.files}
    print(f"{label}: zip {len(data) / MB:.1f} MB (cap {DEFAULT_LIMITS.max_upload_bytes / MB:.0f}), "
          f"{len(sizes)} files (cap {DEFAULT_LIMITS.max_files}), "
          f"{sum(sizes.values()) / MB:.1f} MB decompressed (cap {DEFAULT_LIMITS.max_total_bytes / MB:.0f}), "
          f"observations.csv {sizes['observations.csv'] / MB:.1f} MB (cap {DEFAULT_LIMITS.max_member_bytes / MB:.0f})")
    del files
    times, dataset = [], None
    for _ in range(runs):
        wall, cpu = time.perf_counter(), time.process_time()
        dataset, problems = validate_uploads([("upload.zip", data)])
        times.append((time.perf_counter() - wall, time.process_time() - cpu))
        assert dataset is not None, [str(p) for p in problems]
    wall, cpu = (statistics.median(t[i] for t in times) for i in range(2))
    print(f"  wall-clock median of {runs}: validate_uploads {wall:.2f} s (CPU time {cpu:.2f} s: on a busy machine "
          f"the wall clock also counts other processes) -> {dataset.report.summary()}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    rows = DEFAULT_LIMITS.max_rows
    start = time.perf_counter()
    plain = build_zip(rows)
    print(f"built in {time.perf_counter() - start:.1f} s")
    measure(f"{rows:,} rows", plain, args.runs)
    # Notes padded so that observations.csv nears the per-file cap.
    note_bytes = int(0.9 * DEFAULT_LIMITS.max_member_bytes / rows) - 100
    padded = build_zip(rows, note_bytes=note_bytes)
    measure(f"{rows:,} rows with {note_bytes}-byte notes", padded, args.runs)

if __name__ == "__main__":
    main()
