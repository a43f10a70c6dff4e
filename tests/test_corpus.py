"""The bad-input corpus: every broken data set gives its problem at its file and line, and keeps
every row it does not break; every hostile upload is refused with a message, never a traceback."""

from __future__ import annotations

import codecs
import csv
import io
import re
import unicodedata
from pathlib import Path

import pytest
from tests.corpus import (
    CASES,
    FILES,
    HOSTILE_BIDI,
    HOSTILE_MARKUP,
    HOSTILE_TEXT,
    UPLOAD_CASES,
    Case,
    payload,
    payloads,
)

from vnintegration.cli import main
from vnintegration.core.load import DataFiles, read_data
from vnintegration.core.uploads import read_uploads
from vnintegration.core.validate import validate
from vnintegration.present.export import (
    FORMULA_START,
    format_free_frame,
    plot_text,
    safe_text,
    strip_format_chars,
    to_safe_csv,
)


def write_case(root: Path, case: Case) -> Path:
    for name, data in case.build().items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_bytes(data)
    return root


def printed_prefix(file: str, line: int | None, column: str) -> str:
    """How the CLI starts the line of a problem: `file:line: column:` (see Problem.__str__)."""
    where = f"{file}:{line}" if line is not None else file
    return f"{where}: {column}:" if column else f"{where}: "


def error_keys(dataset) -> list[tuple]:
    return sorted(((p.file, p.line, p.column, p.code) for p in dataset.report.errors), key=str)


def test_the_corpus_has_a_case_for_each_kind_of_broken_input():
    names = {case.name for case in (*CASES, *UPLOAD_CASES)}
    assert len(names) == len(CASES) + len(UPLOAD_CASES) >= 30
    for wanted in ["utf16-events", "cp1258-events", "latin1-events", "bom-crlf-observations", "empty-observations",
                   "header-only-observations", "missing-column", "extra-column", "duplicated-column",
                   "ragged-row-long", "decimal-comma", "thousands-grouping", "nan-value", "inf-value", "blank-value",
                   "year-0", "year-3000", "months-0", "months-13", "date-impossible", "unknown-indicator",
                   "unknown-source", "duplicate-key", "quote-not-in-source", "missing-source-file",
                   "upload-far-over-cap", "zip-slip", "zip-absolute-path", "zip-bomb-200mb", "formula-in-quote",
                   "formulas-in-text", "script-in-quote", "markup-in-text", "bidi-in-text"]:
        assert wanted in names


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.name)
def test_cli_names_file_and_line_of_each_error(case, tmp_path, capsys):
    """On disk, through the CLI: exit 1 and one `file:line: column:` line per error (exit 0 for valid text)."""
    root = write_case(tmp_path / "data", case)
    assert main(["validate", str(root)]) == int(bool(case.errors))
    out = capsys.readouterr().out
    lines = out.splitlines()
    for file, line, column, _code in case.errors:
        prefix = printed_prefix(file, line, column)
        assert any(printed.startswith(prefix) for printed in lines), (prefix, out)
    assert case.message in out
    errors, warnings = map(int, re.search(r"(\d+) error\(s\), (\d+) warning\(s\)", lines[-1]).groups())
    assert len(lines) == errors + warnings + 1  # one line per problem, whatever its value holds
    verdict = "invalid" if case.errors else "valid"
    assert lines[-1].startswith(f"{verdict}: {len(case.errors)} error(s)")


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.name)
def test_uploaded_case_reports_exactly_and_keeps_every_valid_row(case):
    """As a zip through `read_uploads`: the same errors as on disk, and every row not broken is kept."""
    files, notices = read_uploads(payload(case))
    if any(code in ("encoding", "empty-file") for *_, code in case.errors):  # an unreadable or empty table:
        assert files is None and [(p.file, p.line, p.code) for p in notices] == [  # the upload is refused
            (file, line, code) for file, line, _column, code in case.errors]
        return
    assert files is not None and notices == []
    dataset = validate(read_data(files))
    assert error_keys(dataset) == sorted(case.errors, key=str)
    assert len(dataset.observations) == case.valid
    broken = {line for file, line, *_ in case.errors if file == "observations.csv"}
    assert not broken & set(dataset.observations["_line"])


@pytest.mark.parametrize("case", UPLOAD_CASES, ids=lambda c: c.name)
def test_hostile_upload_is_refused_with_its_problem(case):
    files, problems = read_uploads(case.build(), limits=case.limits)
    assert files is None
    assert [(p.file, p.line, p.column, p.code) for p in problems] == [case.error]
    assert case.message in str(problems[0])
    assert problems[0].advice  # the page shows what to do


def test_every_case_has_an_upload_payload():
    built = payloads()
    assert [name for name, _ in built] == [c.name for c in (*CASES, *UPLOAD_CASES)]
    for _, files in built:
        assert files and all(isinstance(name, str) and isinstance(data, bytes) for name, data in files)


@pytest.mark.parametrize(("cells", "case_name"), [(HOSTILE_TEXT, "formulas-in-text"),
                                                  (HOSTILE_MARKUP, "markup-in-text")])
def test_hostile_text_is_kept_verbatim_and_exported_as_text(cells, case_name):
    case = next(c for c in CASES if c.name == case_name)
    dataset = validate(read_data(DataFiles(files=case.build())))
    tables = {"observations.csv": dataset.observations, "events.csv": dataset.events, "sources.csv": dataset.sources}
    for (table, row, column), text in cells.items():
        frame = tables[table].sort_values("_line")
        assert frame[column].iloc[row] == text  # stored exactly as written, shown as text
        assert safe_text(text).replace("\\", "").replace("\u2060", "") == text.replace("\\", "")
        assert "<" not in safe_text(text).replace("\\<", "")  # no tag left for a renderer
        exported = list(csv.reader(io.StringIO(to_safe_csv(frame).decode("utf-8-sig"))))
        shown = exported[1 + row][list(frame.columns).index(column)]
        assert shown == ("'" + text if text[0] in FORMULA_START else text)


def test_bidi_text_is_kept_verbatim_and_shown_without_format_characters():
    case = next(c for c in CASES if c.name == "bidi-in-text")
    dataset = validate(read_data(DataFiles(files=case.build())))
    tables = {"observations.csv": dataset.observations, "events.csv": dataset.events, "sources.csv": dataset.sources}
    for (table, row, column), text in HOSTILE_BIDI.items():
        frame = tables[table].sort_values("_line")
        assert frame[column].iloc[row] == text  # the record keeps what the file says
        visible = "".join(ch for ch in text if unicodedata.category(ch) != "Cf")
        assert strip_format_chars(text) == visible and visible != text
        for shown in (safe_text(text), plot_text(text), format_free_frame(frame)[column].iloc[row]):
            assert not [ch for ch in shown.replace("\u2060", "") if unicodedata.category(ch) == "Cf"], shown
        assert "gnp.exe" in strip_format_chars(text) or "gnp.exe" not in text  # the order it is stored in


def test_committed_files_keep_their_bytes():
    """Git or an editor must not have re-encoded the byte-exact cases."""
    utf16 = (FILES / "utf16-events" / "events.csv").read_bytes()
    assert utf16.startswith(codecs.BOM_UTF16_LE) and utf16.decode("utf-16").startswith("date,kind")
    for name in ("cp1258-events", "latin1-events"):
        data = (FILES / name / "events.csv").read_bytes()
        with pytest.raises(UnicodeDecodeError):
            data.decode("utf-8")
    assert "Nghị quyết" in unicodedata.normalize(
        "NFC", (FILES / "cp1258-events" / "events.csv").read_bytes().decode("cp1258"))
    assert "Résolution" in (FILES / "latin1-events" / "events.csv").read_bytes().decode("latin-1")
    excel = (FILES / "bom-crlf-observations" / "observations.csv").read_bytes()
    assert excel.startswith(codecs.BOM_UTF8) and excel.count(b"\r\n") == 6 and b"\n" not in excel.replace(b"\r\n", b"")
