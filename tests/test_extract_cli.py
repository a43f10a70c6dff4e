"""`vnintegration extract`: CSV out, clear one-line errors, never a traceback."""

from __future__ import annotations

import csv
import io
import subprocess
import sys

import pytest
from tests.conftest import DATA

from vnintegration.cli import main
from vnintegration.core.model import EVENTS
from vnintegration.extract.figures import CANDIDATE_COLUMNS
from vnintegration.extract.text import MAX_BYTES

SEED = DATA / "sources" / "002_33789e7f253b3a9b.txt"


def read_csv(text: str) -> list[dict]:
    return list(csv.DictReader(io.StringIO(text)))


def test_prints_candidates_in_observation_columns_plus_confidence(capsys):
    assert main(["extract", str(SEED), "--data", str(DATA), "--published", "2025-08", "--source-id", "bpl"]) == 0
    out = capsys.readouterr()
    assert out.out.splitlines()[0] == ",".join(CANDIDATE_COLUMNS)
    rows = read_csv(out.out)
    found = {(r["indicator"], r["year"], r["months"], r["as_of"], r["value"]) for r in rows}
    assert ("gdp_growth", "2025", "6", "", "7.52") in found
    assert ("upgraded_relations", "2025", "", "2025-08-26", "9") in found
    assert {r["source_id"] for r in rows} == {"bpl"}
    assert 'article date 2025-08-26, read from "chiều 26/8"' in out.err


def test_date_option_sets_as_of(capsys):
    assert main(["extract", str(SEED), "--data", str(DATA), "--date", "2025-08-27"]) == 0
    rows = read_csv(capsys.readouterr().out)
    assert {r["as_of"] for r in rows if r["indicator"] == "upgraded_relations"} == {"2025-08-27"}


def test_events_option_prints_events_rows(capsys):
    assert main(["extract", str(SEED), "--data", str(DATA), "--events", "--published", "2025-08"]) == 0
    out = capsys.readouterr().out
    assert out.splitlines()[0] == ",".join(EVENTS.columns)
    codes = {(r["date"], r["code"]) for r in read_csv(out)}
    assert ("2025-08-25", "1812/QĐ-TTg") in codes and ("2025-05-31", "153/NQ-CP") in codes


def test_stdin_and_no_header(capsys, monkeypatch):
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO("Năm 2024, GDP tăng 7,09%.".encode())))
    assert main(["extract", "-", "--data", str(DATA), "--no-header"]) == 0
    assert capsys.readouterr().out.startswith("gdp_growth,,,2024,12,,7.09,exact,actual,,")


def test_prints_partner_and_product_codes(capsys, monkeypatch):
    text = "Năm 2024, xuất khẩu sang Hoa Kỳ đạt 119,5 tỷ USD. Điện thoại và linh kiện đạt 53,9 tỷ USD."
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(text.encode())))
    assert main(["extract", "-", "--data", str(DATA)]) == 0
    rows = read_csv(capsys.readouterr().out)
    assert list(rows[0])[:3] == ["indicator", "partner", "product"]
    assert [(r["indicator"], r["partner"], r["product"], r["value"]) for r in rows] == [
        ("exports", "USA", "", "119.5"), ("exports", "", "phones", "53.9")]


def test_text_option_prints_the_cleaned_text(tmp_path, capsys):
    page = tmp_path / "a.html"
    page.write_text("<p>Năm 2024, GDP tăng <b>7,09%</b>.</p><script>x()</script>", encoding="utf-8")
    assert main(["extract", str(page), "--data", str(DATA), "--text"]) == 0
    out = capsys.readouterr()
    assert out.out == "Năm 2024, GDP tăng 7,09%.\n"
    assert "HTML tags were stripped" in out.err


@pytest.mark.parametrize(("content", "message"), [
    (b"", "the text is empty"),
    (b"  \r\n \t ", "the text is empty"),
    (b"The economy grew 7.09% in 2024 and trade reached a record, officials of the customs office said today.",
     "does not look Vietnamese"),
    (b"Xu\xe1t kh\xe1u 405 t\xfd USD", "not UTF-8"),
    (b"\x00\x01\x02\x03", "not text"),
    (b"x" * (MAX_BYTES + 1), "cap"),
])
def test_bad_input_is_one_clear_line_and_exit_1(tmp_path, capsys, content, message):
    path = tmp_path / "article.txt"
    path.write_bytes(content)
    assert main(["extract", str(path), "--data", str(DATA)]) == 1
    out = capsys.readouterr()
    assert out.out == ""
    assert message in out.err and len(out.err.strip().splitlines()) == 1
    assert "Traceback" not in out.err


def test_missing_file_and_missing_catalog(tmp_path, capsys):
    assert main(["extract", str(tmp_path / "nope.txt"), "--data", str(DATA)]) == 1
    assert "no such file" in capsys.readouterr().err
    article = tmp_path / "a.txt"
    article.write_text("Năm 2024, GDP tăng 7,09%.", encoding="utf-8")
    assert main(["extract", str(article), "--data", str(tmp_path / "nodata")]) == 1
    assert "no data directory" in capsys.readouterr().err


def test_text_without_figures_is_a_header_and_a_note(tmp_path, capsys):
    article = tmp_path / "a.txt"
    article.write_text("Hội nhập quốc tế là động lực quan trọng để phát triển đất nước trong giai đoạn mới.",
                       encoding="utf-8")
    assert main(["extract", str(article), "--data", str(DATA)]) == 0
    out = capsys.readouterr()
    assert out.out.strip() == ",".join(CANDIDATE_COLUMNS)
    assert "no figure with a unit" in out.err


def test_a_ten_megabyte_paste_on_stdin_is_refused_without_traceback():
    run = subprocess.run([sys.executable, "-m", "vnintegration", "extract", "-", "--data", str(DATA)],
                         input=b"a" * 10_000_000, capture_output=True)
    assert run.returncode == 1
    assert b"cap" in run.stderr and b"Traceback" not in run.stderr + run.stdout


def test_bad_date_option_is_an_argparse_error(capsys):
    with pytest.raises(SystemExit) as caught:
        main(["extract", str(SEED), "--date", "26/8/2025"])
    assert caught.value.code == 2
    assert "not a date YYYY-MM-DD" in capsys.readouterr().err
