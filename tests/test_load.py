"""Bad files: each gets one clear problem naming file and line; Excel's files load like plain ones."""

from __future__ import annotations

import pytest
from tests.conftest import MINI, csv_text

from vnintegration.core.load import MAX_CELL_CHARS, DataFiles, is_data_file
from vnintegration.core.validate import validate_dir


def only_errors(mini):
    return [(p.file, p.line, p.column, p.code) for p in validate_dir(mini).report.errors]


def write(mini, name, data: bytes):
    (mini / name).write_bytes(data)


def test_excel_bom_and_crlf_load_exactly_like_plain(mini):
    plain = validate_dir(mini).observations
    text = csv_text(MINI["observations.csv"]).replace("\n", "\r\n")
    write(mini, "observations.csv", b"\xef\xbb\xbf" + text.encode("utf-8"))
    excel = validate_dir(mini)
    assert excel.report.problems == []
    assert excel.observations.equals(plain)


def test_mixed_line_ends_and_quoted_newline_keep_line_numbers(mini):
    rows = [list(r) for r in MINI["observations.csv"]]
    rows[1][-1] = "a note\nover two lines"
    rows[3][4] = "5,14"  # error on the row after the two-line record
    text = csv_text(rows)
    write(mini, "observations.csv", text.replace("\n", "\r\n", 2).encode("utf-8"))
    assert only_errors(mini) == [("observations.csv", 5, "value", "bad-number")]


@pytest.mark.parametrize(("encoding", "expected"), [("utf-16", None), ("cp1258", 2), ("latin-1", 2)])
def test_wrong_encoding_is_named(mini, encoding, expected):
    text = csv_text(MINI["sources.csv"]).replace("Báo Thử", "Báo Thử é")
    data = text.encode(encoding, errors="replace")
    write(mini, "sources.csv", data)
    (problem,) = [p for p in validate_dir(mini).report.errors if p.file == "sources.csv"]
    assert problem.code == "encoding"
    assert problem.line == expected
    assert "UTF-8" in problem.message


def test_missing_directory(tmp_path):
    assert only_errors(tmp_path / "nope") == [(str(tmp_path / "nope"), None, "", "missing-directory")]


def test_missing_and_empty_and_header_only_files(mini):
    (mini / "events.csv").unlink()
    write(mini, "sources.csv", b"")
    write(mini, "indicators.csv", csv_text(MINI["indicators.csv"][:1]).encode())
    errors = only_errors(mini)
    assert ("events.csv", None, "", "missing-file") in errors
    assert ("sources.csv", None, "", "empty-file") in errors
    assert ("indicators.csv", 1, "", "header-only") in errors


def test_ragged_rows_are_reported_and_the_rest_kept(mini):
    rows = [list(r) for r in MINI["observations.csv"]]
    rows[2] = rows[2] + ["extra"]
    rows[4] = rows[4][:5]
    write(mini, "observations.csv", csv_text(rows).encode())
    dataset = validate_dir(mini)
    assert [(p.line, p.code) for p in dataset.report.errors] == [(3, "ragged-row"), (5, "ragged-row")]
    assert dataset.observations["_line"].tolist() == [2, 4, 6]


def test_blank_lines_are_skipped_without_shifting_lines(mini):
    text = csv_text(MINI["observations.csv"]).replace("\ngdp_vnd", "\n\n\ngdp_vnd")
    text = text.replace("exact,actual,art,GDP tăng", "exact,actual,art,GDP tăng")
    write(mini, "observations.csv", text.encode())
    dataset = validate_dir(mini)
    assert dataset.report.problems == []
    assert dataset.observations["_line"].tolist() == [2, 5, 6, 7, 8]


def test_unknown_missing_and_duplicate_columns(mini):
    rows = [list(r) for r in MINI["indicators.csv"]]
    rows[0][-1] = "descr_en"
    write(mini, "indicators.csv", csv_text(rows).encode())
    errors = only_errors(mini)
    assert ("indicators.csv", 1, "descr_en", "unknown-column") in errors
    assert ("indicators.csv", 1, "description_en", "missing-column") in errors
    rows[0][-1] = "name_en"
    write(mini, "indicators.csv", csv_text(rows).encode())
    assert ("indicators.csv", 1, "name_en", "duplicate-column") in only_errors(mini)


def test_optional_columns_may_be_absent(mini):
    rows = [r[:9] for r in MINI["sources.csv"]]
    write(mini, "sources.csv", csv_text(rows).encode())
    assert only_errors(mini) == []


@pytest.mark.parametrize("size", [0, 1, 65535, 65536, 65537, 300_000])
def test_files_of_any_size_are_read_whole(tmp_path, size):
    data = bytes(range(256)) * (size // 256) + b"x" * (size % 256)
    (tmp_path / "sources").mkdir()
    (tmp_path / "sources" / "a.txt").write_bytes(data)
    assert DataFiles.from_dir(tmp_path)["sources/a.txt"] == data


@pytest.mark.parametrize("ragged", [False, True])
def test_a_row_of_spaces_and_commas_is_one_notice_whether_or_not_another_row_is_ragged(mini, ragged):
    rows = [list(r) for r in MINI["observations.csv"]]
    if ragged:
        rows[4] = rows[4][:5]
    text = csv_text(rows).replace("\ngdp_vnd", "\n  , ,,   ,,,,,,\ngdp_vnd")
    write(mini, "observations.csv", text.encode())
    problems = [(p.line, p.code, p.severity) for p in validate_dir(mini).report.problems]
    assert problems == [(3, "blank-row", "warning")] + ([(6, "ragged-row", "error")] if ragged else [])


@pytest.mark.parametrize(("size", "errors"), [(MAX_CELL_CHARS, []), (MAX_CELL_CHARS + 1, [(3, "note", "cell-too-long")]),
                                              (200_000, [(3, "note", "cell-too-long")])])
def test_a_cell_over_the_cap_is_one_error_at_its_line_and_column_and_the_next_rows_are_read(mini, size, errors):
    """Python's csv stops a whole file at its field limit; here the long cell's row alone is left out, and said."""
    rows = [list(r) for r in MINI["observations.csv"]]
    rows[2][-1] = "derived: " + "x" * (size - len("derived: "))
    write(mini, "observations.csv", csv_text(rows).encode())
    dataset = validate_dir(mini)
    assert [(p.line, p.column, p.code) for p in dataset.report.errors] == errors
    assert dataset.observations["_line"].tolist() == ([2, 4, 5, 6] if errors else [2, 3, 4, 5, 6])
    assert dataset.report.stats.get("row(s) not read", 0) == len(errors)
    if errors:
        (problem,) = dataset.report.errors
        assert f"{size:,} characters" in problem.message and len(problem.value) <= 80


def test_a_quote_left_open_that_swallows_the_file_is_one_error_with_a_hint(mini):
    rows = [list(r) for r in MINI["observations.csv"]]
    text = csv_text(rows[:3]) + 'trade_turnover,2025,7,,514,over,actual,art,"7 tháng,\n' + "một dòng, dài\n" * 20_000
    write(mini, "observations.csv", text.encode())
    dataset = validate_dir(mini)
    assert [(p.line, p.code) for p in dataset.report.errors] == [(4, "cell-too-long")]
    assert "is a quote left open?" in dataset.report.errors[0].message
    assert dataset.observations["_line"].tolist() == [2, 3]


def test_a_header_over_the_cap_makes_the_table_unreadable_with_one_error(mini):
    rows = [list(r) for r in MINI["events.csv"]]
    rows[0][-1] = "q" * (MAX_CELL_CHARS + 1)
    write(mini, "events.csv", csv_text(rows).encode())
    assert only_errors(mini) == [("events.csv", 1, "field 7", "cell-too-long")]


@pytest.mark.parametrize(("path", "data"), [
    ("observations.csv", True), ("partners.csv", True), ("agreements.csv", True), ("partnerships.csv", True),
    ("products.csv", True), ("sources/a.txt", True), ("sources/sub/b.csv", True),
    ("README.md", False), ("maps/world_110m.json", False), ("notes.csv", False), ("sources/", False),
    ("sources/._a.txt", False), ("sources/.DS_Store", False), ("__MACOSX/sources/a.txt", False),
    ("sources/../x.txt", False), ("old/observations.csv", False),
])
def test_which_files_a_data_directory_has(path, data):
    assert is_data_file(path) is data


def test_a_directory_on_disk_lists_only_its_data_files(mini):
    (mini / "README.md").write_text("# notes")
    (mini / "maps").mkdir()
    (mini / "maps" / "world.json").write_text("{}")
    (mini / "sources" / ".DS_Store").write_bytes(b"Bud1")
    files = DataFiles.from_dir(mini)
    assert sorted(files) == sorted(["events.csv", "indicators.csv", "observations.csv", "sources.csv",
                                    "sources/art.txt"])
    assert "README.md" not in files


def test_a_source_file_outside_sources_is_missing_with_the_reason(mini):
    rows = [list(r) for r in MINI["sources.csv"]]
    rows[1][7] = "art.txt"
    write(mini, "sources.csv", csv_text(rows).encode())
    (mini / "art.txt").write_text("x")
    problems = [p for p in validate_dir(mini).report.errors if p.file == "sources.csv"]
    assert [(p.line, p.column, p.code) for p in problems] == [(2, "file", "missing-file")]
    assert "under sources/" in problems[0].message
