"""Partners (core/partners.py): each rule of the six partner files breaks on one cell at its line; the partnership
table reproduces the articles' 38 and 42; the transforms on the bundled data."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pandas as pd
import pytest
from tests.conftest import load_script, set_cell

from vnintegration.core import partners as P
from vnintegration.core.datasets import read_dataset
from vnintegration.core.load import DataFiles, read_data
from vnintegration.core.validate import validate, validate_dir

DATA = Path(__file__).resolve().parents[1] / "data"


@pytest.fixture(scope="module")
def data() -> P.PartnerData:
    return P.read_partners(DataFiles.from_dir(DATA))


def broken(name: str, line: int, column: str, value: str) -> DataFiles:
    """The bundled data with one cell of NAME (at LINE, header on line 1) set to VALUE."""
    text = (DATA / name).read_text(encoding="utf-8")
    rows = list(csv.reader(io.StringIO(text)))
    rows[line - 1][rows[0].index(column)] = value
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows(rows)
    return DataFiles(root=DATA, files={name: out.getvalue().encode()})


def errors(files: DataFiles) -> set[tuple]:
    return {(p.file, p.line, p.column, p.code) for p in P.check_partners(files) if p.severity == "error"}


def test_the_bundled_partner_files_are_valid_with_no_reconciliation_warning(data):
    assert not data.problems
    assert len(data.partnerships) == 42 and len(data.agreements) == 18 and len(data.pairs) == 75


@pytest.mark.parametrize(("name", "line", "column", "value", "code"), [
    ("partners.csv", 3, "kind", "country", "bad-choice"),
    ("partners.csv", 4, "code", "vnm", "bad-id"),
    ("partners.csv", 5, "name_en", "", "blank-cell"),
    ("partners.csv", 6, "groups", "ASEAN;MERCOSUR", "unknown-partner"),
    ("agreements.csv", 2, "in_force", "1993-13-01", "bad-date"),
    ("agreements.csv", 3, "parties", "CHN;XYZ", "unknown-partner"),
    ("agreements.csv", 4, "vn_party", "indirect", "bad-choice"),
    ("agreements.csv", 5, "id", "acfta", "duplicate-id"),
    ("agreements.csv", 6, "wto_rta_id", "١٢", "bad-id"),  # ASCII digits only, as in the WTO extract
    ("agreements.csv", 6, "in_force", "٢٠١٠", "bad-date"),
    ("partnerships.csv", 2, "level", "strategic", "bad-choice"),
    ("partnerships.csv", 3, "date", "July 2012", "bad-date"),
    ("partnerships.csv", 4, "partner", "ZZZ", "unknown-partner"),
    ("partnerships.csv", 5, "source", "javascript:alert(1)", "bad-choice"),
    ("partnerships.csv", 6, "source_stored", "maybe", "bad-choice"),
    ("partnerships.csv", 7, "quote", "", "blank-cell"),
    ("sources/vnm_ftas.csv", 2, "wto_rta_id", "99999", "unknown-agreement"),
    ("sources/vnm_ftas.csv", 3, "partner_iso3", "QQQ", "unknown-partner"),
    ("sources/vnm_ftas.csv", 4, "in_force_date", "2010-02-30", "bad-date"),
    ("sources/vnm_fdi_registered_by_partner.csv", 3, "registered_capital_usd_m", "25,4", "bad-number"),
    ("sources/vnm_fdi_registered_by_partner.csv", 4, "year", "06", "bad-year"),
    ("sources/vnm_fdi_registered_by_partner.csv", 5, "partner_iso3", "", "blank-cell"),
    ("sources/vnm_fdi_position_imf_dip_by_counterpart.csv", 3, "position_usd_m", "", "blank-cell"),
    ("sources/vnm_fdi_position_imf_dip_by_counterpart.csv", 4, "confidential", "yes", "bad-choice"),
])
def test_a_broken_cell_is_an_error_on_its_line(name, line, column, value, code):
    assert (name, line, column, code) in errors(broken(name, line, column, value))


def test_a_problem_reads_the_same_in_a_partner_file_and_in_the_main_tables(mini):
    """One checker: a duplicate id, a malformed date, a bad WTO RTA id say the same wherever they are."""
    from_partners = {p.code: p.message for p in P.check_partners(broken("agreements.csv", 5, "id", "acfta"))
                     if p.code == "duplicate-id"}
    from_partners |= {p.code: p.message for p in P.check_partners(broken("agreements.csv", 2, "in_force", "1993-13"))
                      if p.code == "bad-date"}
    (rta,) = [p.message for p in P.check_partners(broken("agreements.csv", 6, "wto_rta_id", "x"))
              if p.code == "bad-id"]
    (extract_rta,) = [p.message for p in read_dataset(broken("sources/vnm_ftas.csv", 2, "wto_rta_id", "x"),
                                                       "sources/vnm_ftas.csv")[1] if p.code == "bad-id"]
    assert rta == extract_rta
    set_cell(mini / "indicators.csv", 1, "id", "gdp_growth")
    set_cell(mini / "sources.csv", 0, "published", "2025-13")
    main = {p.code: p.message for p in validate_dir(mini).report.errors}
    assert from_partners == {code: main[code] for code in from_partners} and len(from_partners) == 2


@pytest.mark.parametrize(("name", "line", "column", "value", "code"), [
    ("sources/vnm_ftas.csv", 4, "in_force_date", "2010-02-30", "bad-date"),
    ("sources/vnm_fta_agreements.csv", 3, "wto_rta_id", "42a", "bad-id"),
    ("sources/vnm_fdi_registered_by_partner.csv", 3, "registered_capital_usd_m", "25,4", "bad-number"),
    ("sources/vnm_fdi_position_imf_dip_by_counterpart.csv", 4, "confidential", "yes", "bad-choice"),
])
def test_each_partner_extract_is_a_dataset_read_by_its_header_with_a_broken_cell_on_its_line(name, line, column,
                                                                                              value, code):
    frame, problems = read_dataset(broken(name, line, column, value), name)
    assert [(p.file, p.line, p.column, p.code) for p in problems] == [(name, line, column, code)]
    assert line not in set(frame["_line"]) and read_dataset(DataFiles.from_dir(DATA), name)[1] == []


def test_the_partner_extracts_are_cited_dataset_sources():
    sources = pd.read_csv(DATA / "sources.csv", dtype=str).set_index("file")
    for name in ("vnm_ftas.csv", "vnm_fta_agreements.csv", "vnm_fdi_registered_by_partner.csv",
                 "vnm_fdi_position_imf_dip_by_counterpart.csv"):
        row = sources.loc[f"sources/{name}"]
        assert row["kind"] == "dataset" and row[["publisher", "url", "licence", "citation"]].notna().all()


def test_validate_reports_the_partner_files_and_a_directory_without_them_has_no_partner_checks():
    report = validate(read_data(broken("partnerships.csv", 2, "level", "x"))).report
    assert ("partnerships.csv", 2, "level", "bad-choice") in {(p.file, p.line, p.column, p.code) for p in report.errors}
    assert P.check_partners(DataFiles(files={"observations.csv": b"indicator\n"})) == []


def test_the_partnership_table_gives_38_on_26_august_and_42_at_the_end_of_2025(data):
    assert P.counts_on(data.partnerships, "2025-08-26").to_dict() == {"csp": 13, "sp": 10, "cp": 15}
    assert P.counts_on(data.partnerships, "2025-12-31").to_dict() == {"csp": 14, "sp": 14, "cp": 14}
    assert int(P.counts_on(data.partnerships, "2021-12-31").sum()) == 30


def test_an_article_count_the_list_does_not_reproduce_is_a_warning_on_its_line():
    files = broken("observations.csv", 17, "value", "39")  # comprehensive_partners on 2025-08-26
    found = [p for p in P.check_partners(files) if p.code == "reconciliation"]
    assert [(p.file, p.line, p.severity) for p in found] == [("observations.csv", 17, "warning")]
    assert "38" in found[0].message


def test_agreement_lines_in_force_reproduce_the_wto_count(data):
    lines = P.lines_in_force(data.agreements)
    assert (lines[2000], lines[2010], lines[2019], lines[2024]) == (1, 7, 12, 15)
    files = broken("agreements.csv", 17, "in_force", "2025-11-17")  # Israel a year late
    assert any(p.code == "reconciliation" and p.value == "2024" for p in P.check_partners(files))


def test_level_on_a_date_takes_the_previous_level_before_an_upgrade(data):
    before = P.levels_on(data.partnerships, "2025-03-11")
    after = P.levels_on(data.partnerships, "2025-03-12")
    assert before["SGP"] == "sp" and after["SGP"] == "csp"
    assert "FIN" not in before  # no framework before 2025-10-21


def test_ftas_covering_a_partner_count_afta_and_atiga_as_one_line(data):
    assert list(P.ftas_covering(data, "SGP")["agreement"]) == ["afta", "atiga", "cptpp"]
    counts = P.fta_counts_on(data, "2025-12-31")
    assert counts["SGP"] == 2 and counts["JPN"] == 3 and counts["GBR"] == 3
    assert "ISR" not in P.fta_counts_on(data, "2024-01-01")


def test_top_investors_share_of_the_printed_total_and_the_2016_break(data):
    top = P.top_investors(data, 2025, 2025, 3)
    assert list(top["partner"]) == ["SGP", "CHN", "KOR"]
    assert top.loc[0, "capital"] == pytest.approx(9395.2)
    assert top.loc[0, "share"] == pytest.approx(9395.2 / 38418.1 * 100)
    assert top.loc[0, "change"] == pytest.approx(9395.2 - 10207.3)
    assert not top["break"].any() and P.top_investors(data, 2016, 2016, 1)["break"].all()
    assert P.crosses_break(2010, 2020) and not P.crosses_break(2016, 2020)


def test_partner_fdi_ranks_and_imf_positions_are_never_summed(data):
    sgp = P.partner_fdi(data, "SGP").set_index("year")
    assert sgp.loc[2024, "capital"] == pytest.approx(10207.3) and sgp.loc[2024, "rank"] == 1
    hkg = P.partner_positions(data, "HKG").set_index("year")
    assert hkg.loc[2010, "confidential"] and pd.isna(hkg.loc[2010, "position"])
    assert P.partner_positions(data, "SGP").empty  # Singapore publishes no bilateral position


def test_the_2020_us_virgin_islands_duplicate_is_left_out(data):
    assert data.fdi[(data.fdi["year"] == 2020) & (data.fdi["partner"] == "VIR")].empty


def test_the_partner_tables_are_what_the_build_script_writes_from_the_extracts():
    module = load_script("scripts/build_partners.py")
    assert module.main(["--check"]) == 0
