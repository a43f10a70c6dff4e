"""Every validation rule, fed a broken copy of a tiny valid data directory."""

from __future__ import annotations

import csv
import unicodedata

import pytest
from tests.conftest import MINI, csv_text, set_cell, write_mini

from vnintegration.core.load import DataFiles, RawData, read_data
from vnintegration.core.validate import validate, validate_dir


def codes(report):
    return [(p.file, p.line, p.column, p.code) for p in report.errors]


def test_mini_is_valid(mini):
    dataset = validate_dir(mini)
    assert dataset.report.problems == []
    assert len(dataset.observations) == 5
    assert dataset.observations["value"].tolist() == [7.09, 11511.9, 514.0, 786.0, 17.0]
    assert dataset.observations["_line"].tolist() == [2, 3, 4, 5, 6]


# (file, data row, column, bad value, expected code); line = row + 2
BROKEN_CELLS = [
    ("observations.csv", 0, "value", "7,09", "bad-number"),
    ("observations.csv", 1, "value", "11.511,9", "bad-number"),
    ("observations.csv", 0, "value", "NaN", "not-finite"),
    ("observations.csv", 0, "value", "inf", "not-finite"),
    ("observations.csv", 0, "value", "", "blank-cell"),
    ("observations.csv", 0, "value", "abc", "bad-number"),
    ("observations.csv", 0, "value", "99", "out-of-range"),
    ("observations.csv", 0, "year", "20x4", "bad-year"),
    ("observations.csv", 0, "year", "0", "bad-year"),
    ("observations.csv", 0, "year", "3000", "bad-year"),
    ("observations.csv", 0, "months", "13", "bad-months"),
    ("observations.csv", 0, "months", "0", "bad-months"),
    ("observations.csv", 4, "as_of", "26/08/2025", "bad-date"),
    ("observations.csv", 4, "as_of", "2025-02-30", "bad-date"),
    ("observations.csv", 4, "as_of", "2024-08-26", "year-mismatch"),
    ("observations.csv", 0, "months", "", "no-period"),
    ("observations.csv", 0, "indicator", "gdp", "unknown-indicator"),
    ("observations.csv", 0, "source_id", "nope", "unknown-source"),
    ("observations.csv", 0, "qualifier", "roughly", "bad-choice"),
    ("observations.csv", 0, "status", "guess", "bad-choice"),
    ("observations.csv", 0, "quote", "GDP tăng 7,9%", "quote-not-in-source"),
    ("observations.csv", 0, "value", "7.1", "value-not-in-quote"),
    ("indicators.csv", 0, "unit", "dollars", "bad-choice"),
    ("indicators.csv", 0, "kind", "ratio", "bad-choice"),
    ("indicators.csv", 0, "min", "50", "bad-range"),
    ("indicators.csv", 0, "id", "GDP-Growth", "bad-id"),
    ("indicators.csv", 1, "id", "gdp_growth", "duplicate-id"),
    ("sources.csv", 0, "kind", "blog", "bad-choice"),
    ("sources.csv", 0, "published", "2025-13", "bad-date"),
    ("events.csv", 0, "date", "24/1/2025", "bad-date"),
    # Digits are ASCII digits in every cell: Arabic-Indic ones, which int() would read, are not.
    ("observations.csv", 0, "year", "٢٠٢٤", "bad-year"),
    ("observations.csv", 4, "as_of", "٢٠٢٥-08-26", "bad-date"),
    ("sources.csv", 0, "published", "٢٠٢٥", "bad-date"),
    ("observations.csv", 0, "value", "٧.٠٩", "bad-number"),
    ("events.csv", 0, "kind", "meeting", "bad-choice"),
    ("events.csv", 0, "quote", "Nghị quyết 99", "quote-not-in-source"),
]


@pytest.mark.parametrize(("file", "row", "column", "value", "code"), BROKEN_CELLS)
def test_broken_cell_is_reported_with_file_line_column(mini, file, row, column, value, code):
    set_cell(mini / file, row, column, value)
    report = validate_dir(mini).report
    assert not report.valid
    assert (file, row + 2, column, code) in codes(report), [str(p) for p in report.problems]


def test_a_decimal_comma_of_other_digits_is_not_a_number(mini):
    set_cell(mini / "observations.csv", 0, "value", "٧,٠٩")
    (problem,) = [p for p in validate_dir(mini).report.errors if p.code == "bad-number"]
    assert problem.message == "not a number"


def test_decimal_comma_gets_a_hint(mini):
    set_cell(mini / "observations.csv", 0, "value", "7,09")
    (problem,) = [p for p in validate_dir(mini).report.errors if p.code == "bad-number"]
    assert "use . as the decimal mark" in problem.message
    assert str(problem) == "observations.csv:2: value: use . as the decimal mark, not , (7,09)"


def test_derived_note_allows_a_value_not_written_in_the_quote(mini):
    set_cell(mini / "observations.csv", 0, "value", "7.1")
    set_cell(mini / "observations.csv", 0, "note", "derived: 7.09 rounded to one decimal")
    assert validate_dir(mini).report.valid


def test_duplicate_key_names_the_first_line(mini):
    path = mini / "observations.csv"
    rows = [*MINI["observations.csv"], MINI["observations.csv"][1]]
    path.write_text(csv_text(rows), encoding="utf-8")
    (problem,) = validate_dir(mini).report.errors
    assert (problem.code, problem.line) == ("duplicate-key", 7)
    assert "first on line 2" in problem.value


@pytest.mark.parametrize(("column", "first", "second", "flagged"), [
    ("indicator", "gdp", "gdp", True),  # the same unknown indicator twice: still a repeated key
    ("indicator", "gdp", "gnp", False),
    ("year", "20x4", "20x4", True),  # the same malformed year twice
    ("year", "20x4", "20y4", False),
    ("source_id", "nope", "nope", True),
])
def test_duplicate_key_compares_unknown_and_malformed_cells_as_written(mini, column, first, second, flagged):
    path = mini / "observations.csv"
    path.write_text(csv_text([*MINI["observations.csv"], MINI["observations.csv"][1]]), encoding="utf-8")
    set_cell(path, 0, column, first)
    set_cell(path, 5, column, second)
    report = validate_dir(mini).report
    assert (("observations.csv", 7, "indicator", "duplicate-key") in codes(report)) is flagged


def test_missing_source_file(mini):
    (mini / "sources" / "art.txt").unlink()
    assert ("sources.csv", 2, "file", "missing-file") in codes(validate_dir(mini).report)


def test_source_path_may_not_leave_the_directory(mini):
    set_cell(mini / "sources.csv", 0, "file", "../../etc/passwd")
    assert ("sources.csv", 2, "file", "unsafe-path") in codes(validate_dir(mini).report)


def test_conflicting_sources_warn_but_do_not_fail(mini):
    tables = dict(MINI)
    tables["sources.csv"] = [*MINI["sources.csv"], ["art2", "article", "Bài 2", "", "", "", "", "sources/art.txt", "vi", "", ""]]
    tables["observations.csv"] = [*MINI["observations.csv"],
                                  ["gdp_growth", "2024", "12", "", "7", "exact", "actual", "art2", "Kinh tế năm 2024", "derived: test row"]]
    write_mini(mini, tables)
    report = validate_dir(mini).report
    assert report.valid
    assert [(p.line, p.code) for p in report.warnings] == [(2, "source-conflict"), (7, "source-conflict")]


@pytest.mark.parametrize(("changed", "cell", "conflict"), [
    ("months", "7", False),  # 7 months against the full year: another period
    ("year", "2023", False),
    ("status", "estimate", False),  # an estimate against an outturn: compared like with like
    ("qualifier", "about", True),  # the same period, however worded
])
def test_sources_conflict_only_on_the_same_period_and_status(mini, changed, cell, conflict):
    tables = dict(MINI)
    tables["sources.csv"] = [*MINI["sources.csv"], ["art2", "article", "Bài 2", "", "", "", "", "sources/art.txt", "vi", "", ""]]
    row = dict(zip(MINI["observations.csv"][0], ["gdp_growth", "2024", "12", "", "7", "exact", "actual", "art2",
                                                 "Kinh tế năm 2024", "derived: test row"]))
    row[changed] = cell
    tables["observations.csv"] = [*MINI["observations.csv"], list(row.values())]
    write_mini(mini, tables)
    warned = [p.code for p in validate_dir(mini).report.warnings]
    assert ("source-conflict" in warned) is conflict, warned


def test_the_validator_and_the_sources_page_list_the_same_source_differences(mini):
    from vnintegration.core.analysis import conflicts, enrich

    tables = dict(MINI)
    tables["sources.csv"] = [*MINI["sources.csv"], *[[sid, "article", sid, "", "", "", "", "sources/art.txt", "vi", "", ""]
                                                     for sid in ("art2", "art3")]]
    extra = [
        ["gdp_growth", "2024", "12", "", "7", "exact", "actual", "art2", "Kinh tế năm 2024", "derived: test"],
        ["gdp_growth", "2024", "12", "", "7.09", "exact", "actual", "art3", "GDP tăng 7,09%", ""],  # agrees with art
        ["trade_turnover", "2024", "12", "", "780", "exact", "actual", "art2", "Kinh tế năm 2024", "derived: test"],
        ["trade_turnover", "2024", "12", "", "700", "exact", "forecast", "art3", "Kinh tế năm 2024", "derived: test"],
        ["trade_turnover", "2025", "7", "", "514", "exact", "actual", "art2", "Kinh tế năm 2024", "derived: test"],
    ]
    tables["observations.csv"] = [*MINI["observations.csv"], *extra]
    write_mini(mini, tables)
    dataset = validate_dir(mini)
    warned = sorted(p.line for p in dataset.report.warnings if p.code == "source-conflict")
    listed = sorted(conflicts(enrich(dataset))["_line"].tolist())
    assert warned == listed == [2, 5, 7, 8, 9]


def test_partial_and_full_year_of_the_same_year_warn(mini):
    rows = [*MINI["observations.csv"],
            ["trade_turnover", "2024", "7", "", "786", "about", "actual", "art", "cả năm 2024 đạt khoảng 786 tỷ USD", ""]]
    write_mini(mini, {**MINI, "observations.csv": rows})
    report = validate_dir(mini).report
    assert report.valid
    assert [(p.line, p.code) for p in report.warnings] == [(7, "partial-and-full-year")]


def test_invalid_rows_are_set_aside_and_valid_ones_kept(mini):
    set_cell(mini / "observations.csv", 2, "value", "5,14")
    dataset = validate_dir(mini)
    assert len(dataset.observations) == 4
    assert dataset.rejected["_line"].tolist() == [4]
    assert "decimal mark" in dataset.rejected["problems"][0]
    assert dataset.report.stats["observations set aside"] == 1


@pytest.mark.parametrize(("encoded", "says"), [
    (lambda text: text.encode("utf-16"), "UTF-16"),
    (lambda text: unicodedata.normalize("NFD", text).encode("cp1258", "replace"), "not UTF-8"),
    (lambda text: text.encode("utf-8").replace(b"GDP", b"G\x00P", 1), "UTF-16"),  # a NUL byte early on
])
def test_an_article_in_another_encoding_is_named_at_its_sources_line(mini, encoded, says):
    from tests.conftest import ARTICLE

    (mini / "sources" / "art.txt").write_bytes(encoded(ARTICLE))
    report = validate_dir(mini).report
    problems = [p for p in report.errors if p.code == "encoding"]
    assert [(p.file, p.line, p.column) for p in problems] == [("sources.csv", 2, "file")]
    assert says in problems[0].message


def test_an_article_saved_by_excel_with_bom_and_crlf_validates_clean(mini):
    from tests.conftest import ARTICLE

    (mini / "sources" / "art.txt").write_bytes(b"\xef\xbb\xbf" + ARTICLE.replace("\n", "\r\n").encode("utf-8"))
    assert validate_dir(mini).report.problems == []


# ---------------------------------------------------------------------------------------------- the peers extract

PEERS = "sources/peers_wdi.csv"


def with_peers_file(text: str, path: str = PEERS) -> RawData:
    """The bundled data, its peers extract replaced by TEXT (in memory), filed in sources.csv under PATH."""
    from tests.conftest import ROOT

    root = ROOT / "data"
    sources = (root / "sources.csv").read_text(encoding="utf-8").replace(PEERS, path)
    return read_data(DataFiles(root=root, files={path: text.encode("utf-8"), "sources.csv": sources.encode("utf-8")}))


def test_the_bundled_data_with_the_peers_extract_validates_clean():
    from tests.conftest import ROOT

    dataset = validate_dir(ROOT / "data")
    assert dataset.valid and "wdi-peers-2026-07" in dataset.sources.index
    assert not [p for p in dataset.report.problems if p.file == PEERS]


def test_a_broken_cell_of_the_peers_extract_is_reported_at_its_line():
    from tests.conftest import ROOT

    rows = list(csv.reader((ROOT / "data" / PEERS).open(encoding="utf-8", newline="")))
    rows[299][rows[0].index("value")] = "7,09"  # line 300
    report = validate(with_peers_file(csv_text(rows))).report
    assert codes(report) == [(PEERS, 300, "value", "bad-number")]


def test_a_multi_economy_extract_is_known_by_its_header_not_its_name(mini):
    """Each rule of the extract is tested in tests/test_peers.py; here, that the validator applies them to any
    dataset file whose header has country_code."""
    sources = MINI["sources.csv"] + [["asia", "dataset", "Asia", "World Bank", "", "2026-07", "https://x.org", "sources/asia.csv",
                                      "en", "CC BY 4.0", "WB"]]
    write_mini(mini, {"sources.csv": sources})
    (mini / "sources" / "asia.csv").write_text(
        "country_code,country_name,series_code,series_name,year,value,unit\n"
        "VNM,Viet Nam,SP.POP.TOTL,Population,2020,97000000,persons\n"
        "ZZZ,Nowhere,SP.POP.TOTL,Population,2020,1,persons\n"
        "VNM,Viet Nam,SP.POP.TOTL,Population,2020,97000000,persons\n", encoding="utf-8")
    assert codes(validate_dir(mini).report) == [("sources/asia.csv", 3, "country_code", "bad-choice"),
                                                ("sources/asia.csv", 4, "year", "dataset-duplicate")]


def test_an_article_cited_by_its_url_only_keeps_its_quote_unchecked(mini):
    """A source whose text is not kept (blank file, a url): its quotes are not checked against a text, its numbers
    are still read from its quotes; a dataset still needs its file, an article a file or a url."""
    sources = mini / "sources.csv"
    rows = list(csv.reader(sources.open(encoding="utf-8", newline="")))
    rows.append(["web", "article", "Web only", "Báo Thử", "", "2025", "https://example.org/a", "", "vi", "", ""])
    rows.append(["ds", "dataset", "No file", "Pub", "", "2025", "https://example.org", "", "en", "x", "y"])
    rows.append(["bare", "article", "Nowhere", "", "", "", "", "", "vi", "", ""])
    sources.write_text(csv_text(rows), encoding="utf-8")
    set_cell(mini / "observations.csv", 0, "source_id", "web")
    set_cell(mini / "observations.csv", 0, "quote", "a sentence stored nowhere: GDP tăng 7,09%")
    report = validate_dir(mini).report
    assert codes(report) == [("sources.csv", 4, "file", "blank-cell"), ("sources.csv", 5, "file", "blank-cell")]
    set_cell(mini / "observations.csv", 0, "value", "7.1")
    assert ("observations.csv", 2, "value", "value-not-in-quote") in codes(validate_dir(mini).report)


def test_partner_and_product_columns_are_optional_and_typed_as_text(mini):
    dataset = validate_dir(mini)
    assert dataset.report.valid
    assert {"partner", "product"} <= set(dataset.observations.columns)
    assert (dataset.observations[["partner", "product"]] == "").all().all()
