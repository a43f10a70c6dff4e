"""A reader's own data: read into memory only, within the caps, with what came from the bundled data said.

The hostile uploads (zip slip, bombs, corrupt zips, files over the caps) are the corpus's
UPLOAD_CASES (test_corpus.py); here: what an honest upload gives, the caps' edges, and
properties over arbitrary input.
"""

from __future__ import annotations

import builtins
import copy
import dataclasses
import io
import os
import random
import unicodedata
import zipfile
import zlib

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from tests.conftest import MINI, csv_text
from tests.corpus import CASES, OBS, RawMember, deflated, mini_files, payload, raw_zip, zip_of

from vnintegration.core.load import MAX_CELL_CHARS, ROW_NOT_READ, DataFiles, is_safe_relative, read_data
from vnintegration.core.uploads import (
    DEFAULT_LIMITS,
    MB,
    Limits,
    _read_capped,
    _Refused,
    compact,
    read_upload,
    read_uploads,
    upload_digest,
    validate_uploads,
)
from vnintegration.core.validate import validate


def codes(problems):
    return [(p.file, p.code, p.severity) for p in problems]


def bundled() -> DataFiles:
    """A stand-in for the bundled data directory: the valid mini directory, in memory."""
    return DataFiles(files=mini_files(), label="bundled")


def observations_with(value: str) -> bytes:
    tables = copy.deepcopy(MINI)
    tables[OBS][1][4] = value
    return csv_text(tables[OBS]).encode()


# --- what an honest upload gives -----------------------------------------------------------


def test_zip_of_a_data_directory_is_read_exactly_into_memory():
    files, problems = read_upload("my-data.zip", zip_of(mini_files()))
    assert problems == []
    assert files.root is None  # nothing on disk
    assert dict(files.files) == mini_files()
    assert files.label == "my-data.zip"
    assert validate(read_data(files)).report.problems == []


@pytest.mark.parametrize("prefix", ["data/", "./", "Dữ liệu của tôi/"])
def test_zip_with_the_directory_one_folder_down(prefix):
    files, problems = read_upload("data.zip", zip_of(mini_files(), prefix=prefix))
    assert problems == []
    assert sorted(files.files) == sorted(mini_files())


def test_archivers_junk_is_skipped_silently():
    junk = {"__MACOSX/._observations.csv": b"\x00\x05\x16\x07", "__MACOSX/data/._x": b"\x00",
            ".DS_Store": b"\x00\x00\x00\x01Bud1", "sources/.DS_Store": b"Bud1", "sources/._art.txt": b"\x00",
            "Thumbs.db": b"\xd0\xcf"}
    files, problems = read_upload("mac.zip", zip_of(mini_files() | junk))
    assert problems == []
    assert sorted(files.files) == sorted(mini_files())


def test_other_files_are_listed_as_ignored_but_readme_is_not():
    extra = {"README.md": b"# my data", "notes.docx": b"PK", "old/observations.csv": b"x"}
    files, problems = read_upload("data.zip", zip_of(mini_files() | extra))
    assert codes(problems) == [("upload", "ignored-file", "warning")]
    assert problems[0].value == "notes.docx, old/observations.csv"
    assert "notes.docx" not in files and "README.md" not in files


def test_macos_decomposed_member_names_match_sources_csv():
    tables = copy.deepcopy(MINI)
    tables["sources.csv"][1][7] = "sources/bài.txt"
    files = mini_files(tables)
    files["sources/bài.txt"] = files.pop("sources/art.txt")
    nfd = {unicodedata.normalize("NFD", name): data for name, data in files.items()}
    assert "sources/bài.txt" not in nfd  # the zip really holds the decomposed name
    data, problems = read_upload("mac.zip", zip_of(nfd))
    assert problems == []
    assert validate(read_data(data)).report.problems == []


def test_one_csv_replaces_its_bundled_table_and_the_rest_comes_from_the_bundled_data():
    base = bundled()
    before = dict(base.files)
    files, problems = read_upload("observations.csv", observations_with("7,09"), bundled=base)
    assert codes(problems) == [("indicators.csv", "bundled-fallback", "warning"),
                               ("sources.csv", "bundled-fallback", "warning"),
                               ("events.csv", "bundled-fallback", "warning"),
                               ("sources/", "bundled-fallback", "warning")]
    assert problems[-1].value == "sources/art.txt"
    dataset = validate(read_data(files))
    assert [(p.line, p.code) for p in dataset.report.errors] == [(2, "bad-number")]
    assert len(dataset.observations) == 4
    assert base.files == before  # the bundled data is never changed


def test_a_zip_without_sources_takes_the_bundled_texts_and_says_so():
    no_sources = {k: v for k, v in mini_files().items() if not k.startswith("sources/")}
    files, problems = read_upload("data.zip", zip_of(no_sources), bundled=bundled())
    assert codes(problems) == [("sources/", "bundled-fallback", "warning")]
    assert "1 source file(s)" in problems[0].message
    assert validate(read_data(files)).valid


def test_without_bundled_data_what_is_missing_is_reported_by_validation():
    files, problems = read_upload("observations.csv", observations_with("7.09"))
    assert problems == []
    errors = {(p.file, p.code) for p in validate(read_data(files)).report.errors}
    assert ("sources.csv", "missing-file") in errors and ("indicators.csv", "missing-file") in errors


def test_csv_files_and_article_texts_side_by_side():
    uploads = [(name.removeprefix("sources/"), data) for name, data in mini_files().items()]
    files, problems = read_uploads(uploads)
    assert problems == []
    assert sorted(files.files) == sorted(mini_files())
    assert validate(read_data(files)).valid


@pytest.mark.parametrize("name", ["observations (1).csv", "Observations.CSV", "observations(2).csv"])
def test_a_browsers_renamed_download_is_still_the_table(name):
    files, _ = read_upload(name, observations_with("7.09"))
    assert list(files.files) == [OBS]


def test_a_misnamed_table_is_not_lost_silently():
    uploads = [(name, data) for name, data in mini_files().items() if name != OBS and "/" not in name]
    uploads += [("my observations.csv", observations_with("7.09")), ("art.txt", mini_files()["sources/art.txt"])]
    files, problems = read_uploads(uploads, bundled=bundled())
    assert codes(problems) == [(OBS, "bundled-fallback", "warning"), ("my observations.csv", "ignored-file", "warning")]


@pytest.mark.parametrize(("uploads", "file", "message"), [
    ([], "upload", "nothing was uploaded"),
    ([("run.exe", b"MZ")], "run.exe", "not a .zip, .csv"),
    ([(".hidden.csv", b"a")], ".hidden.csv", "not a .zip, .csv"),
    ([("observations.csv", b"a"), ("observations (1).csv", b"b")], "observations (1).csv", "both observations.csv"),
    ([("a.zip", b""), ("b.zip", b"")], "a.zip", "not both"),
])
def test_uploads_that_are_not_data_are_refused(uploads, file, message):
    files, problems = read_uploads(uploads)
    assert files is None
    assert [(p.file, p.code) for p in problems] == [(file, "unsupported-file")]
    assert message in problems[0].message


def test_validate_uploads_gives_the_dataset_or_the_refusal():
    dataset, problems = validate_uploads([("data.zip", zip_of(mini_files()))])
    assert problems == [] and len(dataset.observations) == 5
    dataset, problems = validate_uploads([("data.zip", b"not a zip")])
    assert dataset is None and problems[0].code == "bad-zip"


def test_compact_keeps_every_value_in_less_memory():
    """What a session keeps of an upload: the same tables, the same values (a column holding anything but text,
    such as a missing cell, as it was) and the same report, in less memory than a Python object per cell."""
    dataset = validate(read_data(DataFiles(files=mini_files())))
    dataset.rejected = pd.DataFrame({"value": ["1,5", None], "note": ["a", "b"]}, dtype=object)
    small = compact(dataset)
    for name in ("indicators", "observations", "sources", "events", "rejected"):
        before, after = getattr(dataset, name), getattr(small, name)
        pd.testing.assert_frame_equal(after, before, check_dtype=False)
        assert after.memory_usage(deep=True).sum() < before.memory_usage(deep=True).sum(), name
    assert small.rejected["value"].tolist() == ["1,5", None]
    assert small.report == dataset.report and small.source_texts == dataset.source_texts


def test_bundled_fallback_takes_only_source_files():
    """A user's sources.csv cannot pull other bundled files (or anything outside) into the upload."""
    tables = copy.deepcopy(MINI)
    tables["sources.csv"].append(["x", "article", "X", "", "", "", "", "notes/private.txt", "vi", "", ""])
    tables["sources.csv"].append(["y", "article", "Y", "", "", "", "", "sources/../notes/private.txt", "vi", "", ""])
    base = DataFiles(files=mini_files() | {"notes/private.txt": b"x"})
    files, problems = read_uploads([("sources.csv", csv_text(tables["sources.csv"]).encode())], bundled=base)
    assert problems[-1].value == "sources/art.txt"
    assert "notes/private.txt" not in files.files and "sources/../notes/private.txt" not in files.files


def test_upload_digest_changes_with_any_byte_or_name():
    base = [("data.zip", b"abc")]
    assert upload_digest(base) == upload_digest(list(base))
    assert len({upload_digest(base), upload_digest([("data.zip", b"abd")]), upload_digest([("d.zip", b"abc")]),
                upload_digest([("data.zip", b"ab"), ("c", b"")])}) == 4


# --- the caps, at their edges --------------------------------------------------------------


@pytest.mark.parametrize(("body", "rows"), [(b"x\n" * 3, 3), (b"x\r\n" * 3, 3), (b"x\r" * 3, 3),
                                            (b"x\n" * 2 + b"x", 3), (b"x\n" * 4, 4)])
def test_rows_are_counted_as_lines_without_parsing(body, rows):
    header = csv_text(MINI[OBS][:1]).encode()
    files, problems = read_upload(OBS, header + body, limits=Limits(max_rows=3))
    assert (files is None) == (rows > 3)
    assert [p.code for p in problems] == ([] if rows <= 3 else ["too-large"])


def test_the_row_cap_holds_for_every_csv_in_a_zip():
    files = mini_files() | {"sources/big.csv": b"series_code,year,value,unit\n" + b"S,2000,1,usd\n" * 11}
    data, problems = read_upload("data.zip", zip_of(files), limits=Limits(max_rows=10))
    assert data is None and codes(problems) == [("sources/big.csv", "too-large", "error")]


@pytest.mark.parametrize(("size", "refused"), [(1000, False), (1001, True)])
def test_member_cap_from_the_declared_size(size, refused):
    files = mini_files() | {"sources/pad.txt": b"a" * size}
    limits = Limits(max_member_bytes=1000, ratio_slack=10_000)
    data, problems = read_upload("data.zip", zip_of(files), limits=limits)
    assert (data is None) == refused
    assert [p.code for p in problems] == (["too-large"] if refused else [])


def test_upload_cap_at_its_edge():
    limits = Limits(max_upload_bytes=len(zip_of(mini_files())))
    assert read_upload("data.zip", zip_of(mini_files()), limits=limits)[0] is not None
    assert read_upload("data.zip", zip_of(mini_files()) + b"\0", limits=limits)[0] is None


def test_small_repetitive_files_are_not_taken_for_bombs():
    files = mini_files() | {"sources/zeros.txt": bytes(60_000)}  # 60 KB at about 1000:1, within the slack
    data, problems = read_upload("data.zip", zip_of(files))
    assert problems == [] and len(data["sources/zeros.txt"]) == 60_000


def test_the_ratio_holds_for_every_member_however_small():
    files = mini_files() | {"sources/zeros.txt": bytes(500_000)}  # 500 KB at about 1000:1
    data, problems = read_upload("data.zip", zip_of(files))
    assert data is None and codes(problems) == [("sources/zeros.txt", "too-large", "error")]
    assert "zip bomb" in problems[0].message


def test_many_members_under_a_megabyte_do_not_add_up_to_a_bomb():
    """The reported attack: a 125 KB zip of members just under 1 MB each, 99 MB in all."""
    files = mini_files() | {f"sources/pad{n}.txt": bytes(990_000) for n in range(100)}
    blob = zip_of(files)
    assert len(blob) < 200_000
    data, problems = read_upload("data.zip", blob)
    assert data is None and [p.code for p in problems] == ["too-large"] and "zip bomb" in problems[0].message


@pytest.mark.parametrize(("body", "code"), [
    (b"", "empty-file"), (b"  \r\n\n", "empty-file"), (bytes(range(256)) * 40, "encoding"),
    ("indicator,year\n".encode("utf-16"), "encoding"), ("giá trị\n".encode("latin-1", "replace") + b"\xe0\xe2\n", "encoding"),
])
@pytest.mark.parametrize("packed", [True, False], ids=["zip", "csv"])
def test_an_empty_or_unreadable_table_refuses_the_upload(body, code, packed):
    files = mini_files() | {OBS: body}
    upload = [("data.zip", zip_of(files))] if packed else [(OBS, body)]
    data, problems = read_uploads(upload, bundled=bundled())
    assert data is None and [(p.file, p.code) for p in problems] == [(OBS, code)], problems
    assert "nothing was read" in problems[0].message


@pytest.mark.parametrize("junk", ["__MACOSX/._{n}", "sources/._{n}.txt", "folder{n}/"])
def test_the_member_cap_counts_every_member_the_zip_lists_junk_and_folders_included(junk):
    """The reported upload: 60,000 `__MACOSX/._*` members beside the four tables were accepted; the cap counts
    what arrives, before anything is dropped as junk."""
    files = mini_files() | {junk.format(n=n): b"" for n in range(DEFAULT_LIMITS.max_files)}
    data, problems = read_upload("mac.zip", zip_of(files))
    assert data is None and codes(problems) == [("mac.zip", "too-large", "error")]
    assert f"{len(files):,} members, over the cap of {DEFAULT_LIMITS.max_files}" in problems[0].message


def test_members_that_are_not_read_count_toward_the_size_and_ratio_caps():
    bomb = mini_files() | {"notes/zeros.bin": bytes(500_000)}  # not data: never read, still a bomb
    data, problems = read_upload("data.zip", zip_of(bomb))
    assert data is None and codes(problems) == [("notes/zeros.bin", "too-large", "error")]
    big = mini_files() | {"maps/big.json": bytes(range(256)) * 8}
    data, problems = read_upload("data.zip", zip_of(big), limits=Limits(max_total_bytes=len(b"".join(big.values())) - 1))
    assert data is None and codes(problems) == [("upload", "too-large", "error")]


# A note over the cell cap that does not compress like a zip bomb.
LONG_NOTE = "".join(random.Random(1).choices("abcdefghijklmnopqrstuvwxyz ,.", k=MAX_CELL_CHARS + 1))


@pytest.mark.parametrize(("change", "lost"), [
    (lambda rows: rows[2].__setitem__(9, LONG_NOTE), ["observations.csv:3"]),
    (lambda rows: (rows[2].append("extra"), rows[4].pop()), ["observations.csv:3", "observations.csv:5"]),
], ids=["long-cell", "ragged-rows"])
@pytest.mark.parametrize("packed", [True, False], ids=["zip", "csv"])
def test_an_upload_whose_tables_lose_rows_is_refused_with_the_count(change, lost, packed):
    tables = copy.deepcopy(MINI)
    change(tables[OBS])
    body = csv_text(tables[OBS]).encode()
    upload = [("data.zip", zip_of(mini_files() | {OBS: body}))] if packed else [(OBS, body)]
    dataset, problems = validate_uploads(upload, bundled=bundled())
    assert dataset is None
    refusal, *rows = problems
    assert (refusal.file, refusal.code, refusal.severity) == (OBS, "rows-not-read", "error")
    assert refusal.message.startswith(f"{len(lost)} row(s) cannot be read, so the upload was refused")
    assert refusal.value == ", ".join(lost)
    assert [f"{p.file}:{p.line}" for p in rows] == lost


@pytest.mark.parametrize("case", [c for c in CASES if not {"encoding", "empty-file"} & {e[-1] for e in c.errors}],
                         ids=lambda c: c.name)
def test_each_corpus_case_is_taken_or_refused_for_its_lost_rows(case):
    """Through validate_uploads (what the page runs): a case whose rows reading leaves out is refused with their
    count; every other case is taken, its errors reported as on disk."""
    lost = [e for e in case.errors if e[-1] in ROW_NOT_READ]
    dataset, problems = validate_uploads(payload(case))
    if lost:
        assert dataset is None and problems[0].code == "rows-not-read"
        assert problems[0].message.startswith(f"{len(lost)} row(s)")
        assert [(p.file, p.line, p.code) for p in problems[1:]] == [(f, n, code) for f, n, _, code in lost]
    else:
        assert dataset is not None and len(dataset.observations) == case.valid


def test_every_table_of_the_data_model_is_read_from_an_upload():
    catalogues = {"partners.csv": b"code,iso2,kind,name_vi,name_en,groups\nUSA,US,economy,Hoa K\xe1\xbb\xb3,United States,\n",
                  "products.csv": b"code,name_vi,name_en,classification,note\nphones,\xc4\x90i\xe1\xbb\x87n tho\xe1\xba\xa1i,Phones,gso_group,\n"}
    files, problems = read_upload("data.zip", zip_of(mini_files() | catalogues))
    assert problems == [] and set(catalogues) <= set(files.files)
    flat, problems = read_uploads([("Partners (1).csv", catalogues["partners.csv"])])
    assert problems == [] and list(flat.files) == ["partners.csv"]


def test_a_missing_partner_catalogue_comes_from_the_bundled_data_with_the_extracts_it_reads():
    base = DataFiles(files=mini_files() | {"partners.csv": b"code\n", "sources/vnm_ftas.csv": b"x\n"})
    files, problems = read_upload("data.zip", zip_of(mini_files()), bundled=base)
    assert codes(problems) == [("partners.csv", "bundled-fallback", "warning"), ("sources/", "bundled-fallback", "warning")]
    assert problems[-1].value == "sources/vnm_ftas.csv"
    assert files["partners.csv"] == b"code\n"


class Endless:
    """A stream that never ends: what a member whose declared size lies could become."""

    def __init__(self, byte: bytes = b"a"):
        self.byte = byte
        self.served = 0

    def read(self, n: int) -> bytes:
        self.served += n
        return self.byte * n


def test_reading_stops_at_the_member_cap_whatever_the_declared_size():
    stream = Endless()
    with pytest.raises(_Refused) as refused:
        _read_capped(stream, OBS, Limits(max_member_bytes=3 * MB, max_ratio=10**9), budget=10**9, compressed=10**9)
    assert refused.value.problem.code == "too-large" and "declared size was wrong" in refused.value.problem.message
    assert stream.served <= 4 * MB  # stopped within a chunk of the cap


def test_reading_stops_at_the_zip_total_and_at_the_ratio():
    with pytest.raises(_Refused) as refused:
        _read_capped(Endless(), OBS, DEFAULT_LIMITS, budget=2 * MB, compressed=10**9)
    assert "the zip expands past" in refused.value.problem.message
    with pytest.raises(_Refused) as refused:
        _read_capped(Endless(), OBS, DEFAULT_LIMITS, budget=10**9, compressed=10_000)
    assert "zip bomb" in refused.value.problem.message


def test_limits_are_frozen():
    with pytest.raises(dataclasses.FrozenInstanceError):
        DEFAULT_LIMITS.max_rows = 10**9  # type: ignore[misc]


# --- memory only, one session's data -------------------------------------------------------


def test_nothing_is_written_to_disk(monkeypatch):
    """Any attempt to open a file for writing fails the test: uploads live in memory only."""
    real_open, real_os_open = builtins.open, os.open

    def guarded_open(file, mode="r", *args, **kwargs):
        assert not set(str(mode)) & set("wax+"), f"wrote {file}"
        return real_open(file, mode, *args, **kwargs)

    def guarded_os_open(path, flags, *args, **kwargs):
        assert not flags & (os.O_WRONLY | os.O_RDWR | os.O_CREAT), f"wrote {path}"
        return real_os_open(path, flags, *args, **kwargs)

    monkeypatch.setattr(builtins, "open", guarded_open)
    monkeypatch.setattr(io, "open", guarded_open)
    monkeypatch.setattr(os, "open", guarded_os_open)
    monkeypatch.setattr(zipfile.ZipFile, "extract", lambda *a, **k: pytest.fail("extracted"))
    monkeypatch.setattr(zipfile.ZipFile, "extractall", lambda *a, **k: pytest.fail("extracted"))
    dataset, problems = validate_uploads([("data.zip", zip_of(mini_files(), prefix="data/"))], bundled=bundled())
    assert problems == [] and dataset.valid


def test_each_upload_is_its_own_copy():
    first, _ = read_upload("a.zip", zip_of(mini_files()))
    second, _ = read_upload("b.zip", zip_of(mini_files() | {OBS: observations_with("7,09")}))
    first.files[OBS] = b"changed"
    assert second[OBS] == observations_with("7,09")


# --- properties over arbitrary input -------------------------------------------------------

SMALL = Limits(max_upload_bytes=64_000, max_files=20, max_member_bytes=8_000, max_total_bytes=20_000, max_rows=50)


def check_result(files, problems) -> None:
    """The contract: refused with errors, or accepted with warnings only and safe relative paths."""
    errors = [p for p in problems if p.severity == "error"]
    if files is None:
        assert len(errors) == 1 and str(errors[0])
    else:
        assert errors == []
        assert all(is_safe_relative(name) for name in files.files)
        validate(read_data(files))  # and the validator takes whatever was accepted


@settings(max_examples=40)  # each accepted upload is validated: keep the run short
@given(name=st.sampled_from(["x.zip", "observations.csv", "a.txt", "b.xlsx", "c", "../d.csv"]),
       data=st.binary(max_size=2_000))
def test_arbitrary_bytes_never_raise(name, data):
    check_result(*read_upload(name, data, limits=SMALL))


@given(data=st.binary(max_size=300))
def test_arbitrary_bytes_after_a_zip_signature_never_raise(data):
    check_result(*read_upload("data.zip", b"PK\x03\x04" + data, limits=SMALL))


NAME_PARTS = st.sampled_from(["observations.csv", "sources", "data", "..", ".", "", "/", "\\", "C:", "art.txt",
                              "__MACOSX", "._x", "bài", "events.csv", "a" * 40])
MEMBER_NAMES = st.lists(NAME_PARTS, min_size=1, max_size=4).map("/".join).filter(bool)


@given(members=st.lists(st.tuples(MEMBER_NAMES, st.binary(max_size=200), st.sampled_from([0o100644, 0o120777,
                                                                                          0o040755])),
                        max_size=6),
       lie=st.integers(min_value=-50, max_value=50))
def test_arbitrary_zips_never_raise_and_keep_paths_inside(members, lie):
    entries = [RawMember(name, deflated(data), max(0, len(data) + lie), zlib.crc32(data), mode=mode) for name, data, mode in members]
    check_result(*read_upload("data.zip", raw_zip(entries), limits=SMALL))


@settings(max_examples=20)  # validation's own properties are test_validate's; here the upload path
@given(column=st.integers(min_value=0, max_value=9), cell=st.text(max_size=30))
def test_arbitrary_cells_in_an_uploaded_csv_never_raise(column, cell):
    tables = copy.deepcopy(MINI)
    tables[OBS][1][column] = cell
    files, problems = read_upload("data.zip", zip_of(mini_files(tables)))
    check_result(files, problems)
