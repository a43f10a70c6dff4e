"""History from cited datasets: the extracts, their rows in observations.csv, and the rules
that keep them honest. Everything is checked against the copies in data/sources, never elsewhere."""

from __future__ import annotations

import csv
import hashlib
import os
import stat
from decimal import Decimal
from pathlib import Path

import pandas as pd
import pytest
from tests.conftest import DATA, csv_text, load_script

from vnintegration.core.analysis import break_years
from vnintegration.core.datasets import read_dataset, shifted
from vnintegration.core.load import DataFiles
from vnintegration.core.model import is_multi_economy
from vnintegration.core.units import dataset_shift
from vnintegration.core.validate import validate_dir

# The extracts as copied from shared/reference: facts with a cited origin, never edited here.
EXTRACTS = {
    "PROVENANCE.md": "f28c1b389827f31eeefd569de2212ede629d0337a7d8337545ee100af2539946",
    "vnm_derived_trade_balance.csv": "395a007cd71f866454ff788649352493e47fe9791469b7cc4c8ad0af34032c0c",
    "vnm_fta_in_force_count.csv": "2ce21e6ebaa419392b5533fcfaa39aaec0e78cb56e8baa5e11f395d7f29799f5",
    "vnm_gso_fdi_disbursed.csv": "ab45071950a80ae2569e97355e4e8ea3172fa663c91b1b4b734e8171155a1093",
    "vnm_gso_fdi_registered_yearbook.csv": "f92ea7fa2fb425ecafadcce61a51bf77a615383a35be814481fa66aaf8faf117",
    "vnm_wdi_core.csv": "b82f93febf08382dfaf46141a94f5b95dc5bb9ec50ff877f190f39c9a316889f",
    "vnm_wdi_goods_services_trade.csv": "6c4c637baefd3ba3109bc633084f978d36e3b28db653b6033e332ea242c3340b",
    "vnm_trade_fdi_sector_quarterly_gso.csv": "4ef04b2bc9aa5beaa3a9449ff974770ebaa90bc4d2db20a599b186368b589721",
    "vnm_trade_headlines_gso_2024_2026.csv": "952828ba22ab922065adbcdb480ae5d258594b1d167a0a7709609104405aa71e",
}
# The GSO quarterly report extracts: figures year to date, one row per quarter and direction (or headline).
REPORTS = {"gso-trade-quarterly": "sources/vnm_trade_fdi_sector_quarterly_gso.csv",
           "gso-trade-headlines": "sources/vnm_trade_headlines_gso_2024_2026.csv"}
# The Partners page's extracts (tests/test_partners.py): cited datasets that give no observations.
PARTNER_EXTRACTS = ("wto-fta-pairs", "wto-fta-list", "gso-fdi-by-partner", "imf-dip-vnm")
# The Trade page's extracts (tests/test_trade.py): cited datasets that give no observations, copied byte for byte
# from shared/reference/trade.
TRADE_EXTRACTS = {
    "imf-dots": ("sources/vnm_trade_by_partner_imf_dots.csv",
                 "c17522bdb48237340e7bb90ad8fbd6a0e2b96ccda5eeb46ccd0e9497bf1c24ac"),
    "gso-exports-commodity-2017-2019": ("sources/vnm_exports_by_commodity_group_gso_2017_2019.csv",
                                        "54a1b1bba81092d405edec4e5176ad6a79dcd3f1d2e136af0aa544a4cd05ec5f"),
}


def _load_script():
    return load_script("scripts/import_reference.py")


importer = _load_script()


@pytest.fixture(scope="module")
def bundled():
    return validate_dir(DATA)


def read_rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def dataset_ids(data: Path = DATA) -> dict[str, str]:
    """Dataset source id -> its file, from sources.csv: the extracts that give observations (not the Peers
    page's multi-economy extract, whose header has country_code)."""
    return {r["id"]: r["file"] for r in read_rows(data / "sources.csv")
            if r["kind"] == "dataset" and not is_multi_economy(read_rows(data / r["file"])[0])
            and r["id"] not in REPORTS and r["id"] not in PARTNER_EXTRACTS and r["id"] not in TRADE_EXTRACTS}


def errors(report):
    return [(p.file, p.line, p.column, p.code) for p in report.errors]


def edit_observation(path: Path, match: dict[str, str], column: str, value: str) -> int:
    """Set `column` of the one observation matching `match`; return the line it is on."""
    rows = list(csv.reader(path.open(encoding="utf-8", newline="")))
    header = rows[0]
    hits = [i for i, row in enumerate(rows[1:], start=1) if all(row[header.index(k)] == v for k, v in match.items())]
    assert len(hits) == 1, (match, hits)
    rows[hits[0]][header.index(column)] = value
    path.write_text(csv_text(rows), encoding="utf-8")
    return hits[0] + 1  # no quoted newlines in observations.csv: record i is on line i + 1


def writable(path: Path) -> Path:
    os.chmod(path, os.stat(path).st_mode | stat.S_IWUSR)
    return path


# --- the extracts -----------------------------------------------------------------------------

@pytest.mark.parametrize("sid", TRADE_EXTRACTS)
def test_the_trade_extracts_are_cited_and_unchanged(sid):
    path, digest = TRADE_EXTRACTS[sid]
    assert {r["id"]: r["file"] for r in read_rows(DATA / "sources.csv")}[sid] == path
    assert hashlib.sha256((DATA / path).read_bytes()).hexdigest() == digest


@pytest.mark.parametrize("name", EXTRACTS)
def test_extracts_are_present_and_unchanged(name):
    assert hashlib.sha256((DATA / "sources" / name).read_bytes()).hexdigest() == EXTRACTS[name]


def test_every_extract_is_a_dataset_source_and_every_dataset_file_exists():
    files = dataset_ids()
    assert sorted(Path(f).name for f in [*files.values(), *REPORTS.values()]) == sorted(
        n for n in EXTRACTS if n.endswith(".csv"))
    assert {r["id"]: r["file"] for r in read_rows(DATA / "sources.csv") if r["id"] in REPORTS} == REPORTS
    for path in files.values():
        assert (DATA / path).is_file(), path


def test_dataset_sources_carry_publisher_address_licence_and_citation():
    for row in read_rows(DATA / "sources.csv"):
        if row["kind"] != "dataset":
            continue
        for column in ("title", "publisher", "url", "licence", "citation", "language"):
            assert row[column].strip(), (row["id"], column)
        assert row["url"].startswith("https://"), row["id"]
        if row["publisher"] == "World Bank":
            assert row["citation"].startswith("World Bank, World Development Indicators")
            assert row["licence"].startswith("CC BY 4.0")


def test_blank_dataset_citation_is_a_warning(bundled_copy):
    path = writable(bundled_copy / "sources.csv")
    rows = list(csv.reader(path.open(encoding="utf-8", newline="")))
    line = next(i for i, r in enumerate(rows) if r[0] == "wdi-2026-07") + 1
    rows[line - 1][rows[0].index("citation")] = ""
    path.write_text(csv_text(rows), encoding="utf-8")
    report = validate_dir(bundled_copy).report
    assert report.valid
    assert ("sources.csv", line, "citation", "missing-metadata") in [(p.file, p.line, p.column, p.code) for p in report.warnings]


# --- every dataset row matches its file ------------------------------------------------------------

def test_every_dataset_row_equals_its_file_value_exactly():
    """Independent of the validator: Decimal arithmetic on the texts of both files."""
    units = {r["id"]: r["unit"] for r in read_rows(DATA / "indicators.csv")}
    files = dataset_ids()
    tables = {sid: {(r["series_code"], r["year"]): r for r in read_rows(DATA / path)} for sid, path in files.items()}
    checked = 0
    for row in read_rows(DATA / "observations.csv"):
        if row["source_id"] not in files:
            continue
        source = tables[row["source_id"]][(row["quote"], row["year"])]
        shift = dataset_shift(source["unit"], units[row["indicator"]])
        assert Decimal(row["value"]) == Decimal(source["value"]).scaleb(shift), row
        checked += 1
    assert checked == sum(len(t) for t in tables.values())  # every row of every extract has its observation


def test_every_value_of_every_extract_is_imported_once():
    files = dataset_ids()
    imported = [(r["source_id"], r["quote"], r["year"]) for r in read_rows(DATA / "observations.csv")
                if r["source_id"] in files]
    in_files = [(sid, r["series_code"], r["year"]) for sid, path in files.items() for r in read_rows(DATA / path)]
    assert sorted(imported) == sorted(in_files)


# (indicator, year, source) of rows to break, across units and sources.
ROWS = [
    ("exports_gnfs", "1986", "wdi-gnfs-2026-07"),
    ("gdp_growth", "2024", "wdi-2026-07"),
    ("fdi_net_inflows_bop", "1972", "wdi-2026-07"),
    ("fdi_registered", "2016", "gso-fdi-registered"),
    ("fdi_disbursed", "2025", "gso-fdi-disbursed"),
    ("ftas_in_force_wto", "2024", "wto-fta-count"),
    ("trade_turnover", "2025", "wdi-derived-2026-07"),
]


def _bump_last_digit(text: str) -> str:
    last = text[-1]
    return text[:-1] + ("1" if last == "0" else str(int(last) - 1))


@pytest.mark.parametrize(("indicator", "year", "source"), ROWS)
def test_a_changed_observation_value_is_caught_at_its_line(bundled_copy, indicator, year, source):
    path = bundled_copy / "observations.csv"
    match = {"indicator": indicator, "year": year, "source_id": source}
    value = next(r["value"] for r in read_rows(path) if all(r[k] == v for k, v in match.items()))
    line = edit_observation(path, match, "value", _bump_last_digit(value))
    report = validate_dir(bundled_copy).report
    assert errors(report) == [("observations.csv", line, "value", "dataset-mismatch")]


def test_a_changed_dataset_file_value_is_caught_at_the_observation(bundled_copy):
    extract = writable(bundled_copy / "sources" / "vnm_wdi_goods_services_trade.csv")
    text = extract.read_text(encoding="utf-8")
    assert ",1986,1744152761.16778," in text
    extract.write_text(text.replace(",1986,1744152761.16778,", ",1986,1744152761.16779,"), encoding="utf-8")
    line = next(i for i, r in enumerate(read_rows(bundled_copy / "observations.csv"), start=2)
                if (r["indicator"], r["year"], r["source_id"]) == ("exports_gnfs", "1986", "wdi-gnfs-2026-07"))
    (problem,) = validate_dir(bundled_copy).report.errors
    assert (problem.file, problem.line, problem.column, problem.code) == ("observations.csv", line, "value", "dataset-mismatch")
    assert problem.value == ("1.74415276116778 vs dataset 1.74415276116779 "
                             "(sources/vnm_wdi_goods_services_trade.csv:2)")


def test_a_wrong_series_code_or_year_is_caught(bundled_copy):
    path = bundled_copy / "observations.csv"
    line = edit_observation(path, {"indicator": "gdp_usd", "year": "2000", "source_id": "wdi-2026-07"},
                            "quote", "NY.GDP.MKTP.XX")
    line2 = edit_observation(path, {"indicator": "fdi_net_inflows_bop", "year": "2024", "source_id": "wdi-2026-07"},
                             "year", "2025")
    assert sorted(errors(validate_dir(bundled_copy).report)) == sorted([
        ("observations.csv", line, "quote", "unknown-series"),
        ("observations.csv", line2, "year", "dataset-mismatch"),
    ])


# --- unit scaling is exact -------------------------------------------------------------------

@pytest.mark.parametrize(("text", "shift", "scaled"), [
    ("1744152761.16778", -9, "1.74415276116778"),
    ("476324572783.807", -9, "476.324572783807"),
    ("-890000", -9, "-0.00089"),
    ("70000", -9, "0.00007"),
    ("404824000000", -9, "404.824"),
    ("38226.2", -3, "38.2262"),
    ("64011.0", -3, "64.011"),
    ("20.0", 0, "20"),
    ("7.03955197123018", 0, "7.03955197123018"),
    ("0", 0, "0"),
])
def test_unit_scaling_shifts_the_decimal_point(text, shift, scaled):
    assert shifted(text, shift) == scaled


def test_scaled_values_are_written_string_exact():
    rows = {(r["indicator"], r["year"], r["source_id"]): r for r in read_rows(DATA / "observations.csv")}
    assert rows[("exports_gnfs", "1986", "wdi-gnfs-2026-07")]["value"] == "1.74415276116778"
    assert rows[("gdp_growth", "2024", "wdi-2026-07")]["value"] == "7.03955197123018"
    assert rows[("fdi_registered", "2024", "gso-fdi-registered")]["value"] == "38.2262"
    assert rows[("fdi_net_inflows_bop", "1972", "wdi-2026-07")]["value"] == "-0.00089"


def test_float_noise_passes_but_a_changed_digit_does_not(bundled_copy):
    """A value computed as float * 1e-9 carries noise in its 17th digit: that is the same number.
    A typo in its 15th significant digit is not."""
    path = bundled_copy / "observations.csv"
    match = {"indicator": "exports_gnfs", "year": "1986", "source_id": "wdi-gnfs-2026-07"}
    edit_observation(path, match, "value", "1.7441527611677800001")
    assert validate_dir(bundled_copy).report.valid
    match = {"indicator": "gdp_usd", "year": "2024", "source_id": "wdi-2026-07"}
    noisy = repr(476324572783.807 * 1e-9)
    edit_observation(path, match, "value", noisy)
    assert validate_dir(bundled_copy).report.valid
    line = edit_observation(path, match, "value", "476.324572783806")
    assert errors(validate_dir(bundled_copy).report) == [("observations.csv", line, "value", "dataset-mismatch")]


# --- one definition per series ------------------------------------------------------------------

def test_each_indicator_takes_one_series_per_source_and_each_series_one_indicator(bundled):
    obs = bundled.observations
    from_datasets = obs[obs["source_id"].isin(bundled.sources.index[bundled.sources["kind"] == "dataset"])]
    assert (from_datasets.groupby(["indicator", "source_id"])["quote"].nunique() == 1).all()
    assert (from_datasets.groupby(["source_id", "quote"])["indicator"].nunique() == 1).all()


def test_filing_a_series_under_another_indicator_is_caught(bundled_copy):
    """Imports filed as exports: the value matches its file, but exports would mix two definitions."""
    path = bundled_copy / "observations.csv"
    tm = next(r["value"] for r in read_rows(path)
              if (r["indicator"], r["year"], r["source_id"]) == ("imports", "2000", "wdi-2026-07"))
    match = {"indicator": "exports", "year": "2000", "source_id": "wdi-2026-07"}
    edit_observation(path, match, "value", tm)
    line = edit_observation(path, match, "quote", "TM.VAL.MRCH.CD.WT")
    report = validate_dir(bundled_copy).report
    assert sorted(errors(report)) == [("observations.csv", line, "indicator", "series-reused"),
                                      ("observations.csv", line, "quote", "mixed-series")]
    (mixed,) = [p for p in report.errors if p.code == "mixed-series"]
    assert mixed.value == "TM.VAL.MRCH.CD.WT; exports from wdi-2026-07 otherwise uses TX.VAL.MRCH.CD.WT (65 rows)"


def test_dataset_file_problems_are_reported_at_the_file_line(bundled_copy):
    extract = writable(bundled_copy / "sources" / "vnm_gso_fdi_disbursed.csv")
    lines = extract.read_text(encoding="utf-8").splitlines(keepends=True)
    lines.append(lines[1])  # 2012 twice
    lines[2] = lines[2].replace(",11.5,", ",11,5,")  # 2013 with a decimal comma: one field too many
    extract.write_text("".join(lines), encoding="utf-8")
    found = errors(validate_dir(bundled_copy).report)
    assert ("sources/vnm_gso_fdi_disbursed.csv", 16, "series_code", "dataset-duplicate") in found
    assert ("sources/vnm_gso_fdi_disbursed.csv", 3, "", "ragged-row") in found


# --- the catalog ---------------------------------------------------------------------------------

def test_every_indicator_given_by_several_sources_names_a_preferred_one(bundled):
    sources_per_indicator = bundled.observations.groupby("indicator")["source_id"].nunique()
    for indicator in sources_per_indicator[sources_per_indicator > 1].index:
        preferred = bundled.indicators.loc[indicator, "preferred_source"]
        assert preferred, indicator
        assert ((bundled.observations["indicator"] == indicator)
                & (bundled.observations["source_id"] == preferred)).any(), indicator


def test_a_preferred_source_that_gives_no_figure_is_an_error(bundled_copy):
    path = bundled_copy / "indicators.csv"
    rows = list(csv.reader(path.open(encoding="utf-8", newline="")))
    line = next(i for i, r in enumerate(rows) if r[0] == "gdp_growth") + 1
    rows[line - 1][rows[0].index("preferred_source")] = "gso-fdi-disbursed"
    path.write_text(csv_text(rows), encoding="utf-8")
    dataset = validate_dir(bundled_copy)
    assert errors(dataset.report) == [("indicators.csv", line, "preferred_source", "bad-preferred-source")]
    assert "gdp_growth" in dataset.indicators.index  # its figures are kept


def test_registered_fdi_carries_its_2016_break(bundled):
    row = bundled.indicators.loc["fdi_registered"]
    assert break_years(row["breaks"]) == (2016,)
    assert "2016" in row["description_en"] and "2016" in row["description_vi"]
    assert "share purchases" in row["description_en"] and "mua cổ phần" in row["description_vi"]
    assert set(bundled.indicators["breaks"].fillna("")) == {"", "2016"}


def test_a_malformed_break_is_an_error(bundled_copy):
    path = bundled_copy / "indicators.csv"
    rows = list(csv.reader(path.open(encoding="utf-8", newline="")))
    line = next(i for i, r in enumerate(rows) if r[0] == "fdi_registered") + 1
    rows[line - 1][rows[0].index("breaks")] = "from 2016"
    path.write_text(csv_text(rows), encoding="utf-8")
    assert ("indicators.csv", line, "breaks", "bad-year") in errors(validate_dir(bundled_copy).report)


def test_different_definitions_are_different_indicators(bundled):
    """Merchandise is not goods and services; BoP, registered and disbursed FDI are three indicators."""
    code = bundled.observations.groupby("indicator")["quote"].agg(lambda q: set(q))
    assert "NE.EXP.GNFS.CD" in code["exports_gnfs"] and "TX.VAL.MRCH.CD.WT" in code["exports"]
    assert "NE.EXP.GNFS.CD" not in code["exports"]
    fdi = {"fdi_net_inflows_bop": "BX.KLT.DINV.CD.WD", "fdi_registered": "GSO.FDI.REG.CAP",
           "fdi_disbursed": "GSO.FDI.DISB.FIRST"}
    for indicator, series in fdi.items():
        others = set(fdi.values()) - {series}
        assert series in code[indicator] and not (others & code[indicator]), indicator


@pytest.mark.parametrize("indicator", [
    "gdp_growth", "gdp_usd", "exports", "imports", "trade_turnover", "trade_balance", "exports_gnfs", "imports_gnfs",
    "trade_balance_gnfs", "exports_gnfs_pct_gdp", "imports_gnfs_pct_gdp", "trade_turnover_pct_gdp",
])
def test_history_spans_1986_to_2025(bundled, indicator):
    obs = bundled.observations
    years = set(obs.loc[(obs["indicator"] == indicator) & (obs["months"] == 12), "year"])
    assert set(range(1986, 2026)) <= years


def test_counts_at_year_end_and_flows_over_the_year(bundled):
    obs = bundled.observations
    stock = obs[obs["indicator"] == "ftas_in_force_wto"]
    assert stock["months"].isna().all()
    assert (stock["as_of"] == pd.to_datetime(stock["year"].astype(str) + "-12-31")).all()
    assert (obs.loc[obs["indicator"] == "ftas_new_wto", "months"] == 12).all()
    disbursed = obs[obs["source_id"] == "gso-fdi-disbursed"]
    assert set(disbursed["status"]) == {"estimate"}
    assert disbursed.set_index("year").loc[[2020, 2022], "qualifier"].tolist() == ["nearly", "nearly"]


# --- source differences ---------------------------------------------------------------------------

def test_article_and_dataset_differences_are_warnings_naming_both(bundled):
    differences = [p for p in bundled.report.warnings if p.code == "source-conflict"]
    said = {p.value for p in differences}
    assert "7.09 from moit-party-2025 vs 7.03955197123018 from wdi-2026-07" in said
    assert "786 from moit-party-2025 vs 785.339 from wdi-derived-2026-07" in said
    assert "over 405 from moit-party-2025 vs 404.824 from wdi-2026-07" in said
    assert all(p.message.startswith("source difference") for p in differences)


# --- the import script -------------------------------------------------------------------------------

def test_observations_are_up_to_date_with_the_extracts():
    assert importer.main(["--check", str(DATA)]) == 0


def test_import_keeps_article_rows_in_place_and_is_idempotent(bundled_copy):
    path = bundled_copy / "observations.csv"
    original = path.read_text(encoding="utf-8")
    lines = original.splitlines(keepends=True)
    datasets = set(dataset_ids(bundled_copy))
    source = next(csv.reader([lines[0]])).index("source_id")
    article_lines = [line for line in lines[1:] if next(csv.reader([line]))[source] not in datasets]
    # Move a dataset row between the article rows and drop another: the import puts things right.
    first_dataset = len(article_lines) + 1
    moved = lines[first_dataset]
    shuffled = [lines[0], *lines[1:3], moved, *lines[3:first_dataset], *lines[first_dataset + 2:]]
    path.write_text("".join(shuffled), encoding="utf-8")
    assert importer.main(["--check", str(bundled_copy)]) == 1
    assert importer.main([str(bundled_copy)]) == 0
    assert path.read_text(encoding="utf-8") == original
    assert importer.main([str(bundled_copy)]) == 0
    assert path.read_text(encoding="utf-8") == original


def test_import_refuses_a_series_it_does_not_know(bundled_copy):
    extract = writable(bundled_copy / "sources" / "vnm_gso_fdi_disbursed.csv")
    extract.write_text(extract.read_text(encoding="utf-8") + "GSO.NEW,new series,2025,1,billion US$\n", encoding="utf-8")
    with pytest.raises(SystemExit, match="GSO.NEW"):
        importer.main([str(bundled_copy)])


# --- the GSO quarterly report extracts -------------------------------------------------------------


def test_every_report_row_is_its_file_figure_and_cites_its_report():
    """Independent of the validator: each observation of the quarterly extract is its file's cell (or exports
    ± imports, with a derived: note), and its note carries that row's report address."""
    quarterly = {(r["direction"], r["year"], r["ytd_months"]): r for r in read_rows(DATA / REPORTS["gso-trade-quarterly"])}
    checked = 0
    for row in read_rows(DATA / "observations.csv"):
        if row["source_id"] != "gso-trade-quarterly":
            continue
        where, column = row["quote"].split(":")
        if where == "trade":
            x, m = (quarterly[d, row["year"], row["months"]] for d in ("export", "import"))
            total = Decimal(x["total_ytd_usd_bn"]) + (1 if column.startswith("turnover") else -1) * Decimal(m["total_ytd_usd_bn"])
            assert Decimal(row["value"]) == total and row["note"].startswith("derived:"), row
            assert x["source_url"] in row["note"]
        else:
            source = quarterly[where, row["year"], row["months"]]
            if column == "fdi_share_pct":
                printed = source["fdi_share_printed_pct"]
                assert Decimal(row["value"]) == Decimal(printed or source["fdi_share_derived_pct"])
                assert row["note"].startswith("derived:") == (printed == ""), row
            else:
                assert Decimal(row["value"]) == Decimal(source[column]), row
            assert source["source_url"] in row["note"] and "[" not in row["note"], row
        checked += 1
    assert checked == 443


def test_the_2026_half_year_is_in_the_data():
    rows = {(r["indicator"], r["year"], r["months"]): r["value"] for r in read_rows(DATA / "observations.csv")
            if r["source_id"] == "gso-trade-quarterly"}
    assert rows["exports", "2026", "6"] == "266.52" and rows["imports", "2026", "6"] == "283.17"
    assert rows["trade_balance", "2026", "6"] == "-16.65" and rows["fdi_sector_export_share", "2026", "6"] == "79.9"
    assert rows["fdi_sector_import_share", "2026", "6"] == "72.3"  # derived: the report prints no import share


def _report_problems(file: str, row: int, column: str, cell: str) -> list[tuple]:
    """The validator's reading of a report extract with one cell changed (row 0 = the first data row)."""
    rows = list(csv.reader((DATA / "sources" / file).open(encoding="utf-8", newline="")))
    rows[row + 1][rows[0].index(column)] = cell
    path = f"sources/{file}"
    _, problems = read_dataset(DataFiles(files={path: csv_text(rows).encode()}), path)
    return [(p.file, p.line, p.column, p.code) for p in problems]


@pytest.mark.parametrize(("file", "row", "column", "cell", "code"), [
    ("vnm_trade_fdi_sector_quarterly_gso.csv", 115, "total_ytd_usd_bn", "266,52", "bad-number"),
    ("vnm_trade_fdi_sector_quarterly_gso.csv", 115, "ytd_months", "7", "bad-months"),
    ("vnm_trade_fdi_sector_quarterly_gso.csv", 115, "quarter", "2026Q3", "bad-date"),
    ("vnm_trade_fdi_sector_quarterly_gso.csv", 115, "direction", "exports", "bad-choice"),
    ("vnm_trade_fdi_sector_quarterly_gso.csv", 115, "source_url", "javascript:alert(1)", "bad-url"),
    ("vnm_trade_fdi_sector_quarterly_gso.csv", 115, "fdi_share_derived_pct", "72.5", "reconciliation"),
    ("vnm_trade_fdi_sector_quarterly_gso.csv", 3, "domestic_sector_ytd_usd_bn_derived", "20.6", "reconciliation"),
    ("vnm_trade_headlines_gso_2024_2026.csv", 0, "value_usd_bn", "166.97", "value-not-in-quote"),
    ("vnm_trade_headlines_gso_2024_2026.csv", 0, "quarter_end", "2024H1", "bad-date"),
    ("vnm_trade_headlines_gso_2024_2026.csv", 6, "indicator", "exports_processed_industrial_goods", "dataset-duplicate"),
])
def test_a_broken_report_extract_cell_is_a_problem_at_its_line(file, row, column, cell, code):
    found = _report_problems(file, row, column, cell)
    line = row + 2
    where = "quarter_end" if code == "dataset-duplicate" else column
    assert found == [(f"sources/{file}", line, where, code)]


def test_the_report_extracts_read_clean():
    for file in REPORTS.values():
        assert read_dataset(DataFiles.from_dir(DATA), file)[1] == []


def test_a_report_figure_differing_from_its_file_or_uncited_is_an_error(bundled_copy):
    path = bundled_copy / "observations.csv"
    line = edit_observation(path, {"indicator": "exports", "year": "2026", "months": "6",
                                   "source_id": "gso-trade-quarterly"}, "value", "266.53")
    line2 = edit_observation(path, {"indicator": "imports", "year": "2026", "months": "3",
                                    "source_id": "gso-trade-quarterly"}, "note", "GSO")
    line3 = edit_observation(path, {"indicator": "exports", "year": "2026", "months": "3",
                                    "source_id": "gso-trade-quarterly"}, "months", "9")  # no 2026Q3 in the file
    report = validate_dir(bundled_copy).report
    assert ("observations.csv", line, "value", "dataset-mismatch") in errors(report)
    assert ("observations.csv", line2, "note", "dataset-mismatch") in errors(report)
    assert ("observations.csv", line3, "year", "dataset-mismatch") in errors(report)
