"""Trade by market and by product (core/trade.py): the partner and product columns of observations.csv, the DOTS
and GSO extracts read and checked, the checks against totals, and what the Trade page computes."""

from __future__ import annotations

import shutil
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st
from tests.conftest import MINI, csv_text, set_cell, write_mini

from vnintegration.core import analysis, model, trade
from vnintegration.core.datasets import read_dataset
from vnintegration.core.load import DataFiles
from vnintegration.core.validate import validate_dir

DATA = Path(__file__).resolve().parents[1] / "data"

OBS_HEADER = ["indicator", "partner", "product", "year", "months", "as_of", "value", "qualifier", "status",
              "source_id", "quote", "note"]
# A press source cited by its address only (no text kept), giving a national total and its parts.
TRADE_OBS = [
    ["exports", "", "", "2024", "12", "", "400", "exact", "actual", "web", "xuất khẩu đạt 400 tỷ USD", ""],
    ["exports", "USA", "", "2024", "12", "", "120", "exact", "actual", "web", "sang Hoa Kỳ đạt 120 tỷ USD", ""],
    ["exports", "CHN", "", "2024", "12", "", "60", "exact", "actual", "web", "sang Trung Quốc đạt 60 tỷ USD", ""],
    ["exports", "EU", "", "2024", "12", "", "50", "exact", "actual", "web", "sang EU đạt 50 tỷ USD", ""],
    ["exports", "", "phones", "2024", "12", "", "55", "exact", "actual", "web", "điện thoại đạt 55 tỷ USD", ""],
    ["imports", "CHN", "", "2024", "9", "", "105", "exact", "estimate", "web", "từ Trung Quốc 105 tỷ USD", ""],
]
FIRST_TRADE_LINE = len(MINI["observations.csv"]) + 1  # the line of TRADE_OBS[0] (header on line 1)


def trade_tables() -> dict:
    """MINI with the partner and product columns, three trade indicators, a source cited by url only, and small
    partner and product catalogues."""
    tables = {name: [list(row) for row in rows] for name, rows in MINI.items()}
    obs = tables["observations.csv"]
    obs[0] = OBS_HEADER
    for n in range(1, len(obs)):
        obs[n] = obs[n][:1] + ["", ""] + obs[n][1:]
    obs += [list(row) for row in TRADE_OBS]
    for ind in ("exports", "imports"):
        tables["indicators.csv"].append([ind, ind, ind, "usd_bn", "flow", "trade", "no", "0", "2000", "", ""])
    tables["sources.csv"].append(["web", "article", "Thương mại 2024", "Báo Thử", "", "2025-01",
                                  "https://example.org/trade-2024", "", "vi", "", ""])
    tables["products.csv"] = [list(model.PRODUCTS.columns),
                              ["phones", "Điện thoại các loại và linh kiện", "Telephones", "customs_item", ""]]
    return tables


@pytest.fixture
def trade_dir(tmp_path: Path) -> Path:
    """trade_tables(), with the bundled partner files (the catalogue comes with its five companions)."""
    root = write_mini(tmp_path / "data", trade_tables())
    for table in model.PARTNER_TABLES:
        shutil.copyfile(DATA / table.name, root / table.name)
    return root


def set_trade_cell(root: Path, row: int, column: str, value: str) -> None:
    """Set one cell of TRADE_OBS[row] in the directory's observations.csv."""
    set_cell(root / "observations.csv", len(MINI["observations.csv"]) - 1 + row, column, value)


def found(report, severity="error"):
    return [(p.file, p.line, p.column, p.code) for p in report.problems if p.severity == severity]


@pytest.fixture(scope="module")
def bundled():
    return validate_dir(DATA)


@pytest.fixture(scope="module")
def data(bundled) -> trade.TradeData:
    return trade.load(DataFiles.from_dir(DATA), bundled.observations)


# ---------------------------------------------------------------------------------------------- the columns


def test_an_old_observations_file_without_partner_and_product_validates(mini):
    dataset = validate_dir(mini)
    assert dataset.report.problems == []
    assert dataset.observations["partner"].tolist() == [""] * 5
    assert dataset.observations["product"].tolist() == [""] * 5


def test_trade_rows_with_a_source_cited_by_url_only_validate(trade_dir):
    dataset = validate_dir(trade_dir)
    assert dataset.report.problems == [], [str(p) for p in dataset.report.problems]
    usa = dataset.observations[dataset.observations["partner"] == "USA"]
    assert usa["value"].tolist() == [120.0]
    # national figures only on the national pages
    enriched = analysis.enrich(dataset)
    assert set(zip(enriched["indicator"], enriched["value"])) >= {("exports", 400.0)}
    assert not (enriched["value"] == 120.0).any()


def test_a_quote_of_a_source_without_text_is_not_checked_but_its_number_is(trade_dir):
    set_trade_cell(trade_dir, 1, "quote", "words nowhere stored, đạt 120 tỷ USD")
    assert validate_dir(trade_dir).report.valid
    set_trade_cell(trade_dir, 1, "value", "121")
    assert (("observations.csv", FIRST_TRADE_LINE + 1, "value", "value-not-in-quote")
            in found(validate_dir(trade_dir).report))


def test_an_article_with_neither_file_nor_url_is_an_error(trade_dir):
    tables = trade_tables()
    tables["sources.csv"][-1][model.SOURCES.columns.index("url")] = ""
    (trade_dir / "sources.csv").write_text(csv_text(tables["sources.csv"]), encoding="utf-8")
    assert ("sources.csv", 3, "file", "blank-cell") in found(validate_dir(trade_dir).report)


@pytest.mark.parametrize(("row", "column", "value", "code"), [
    (1, "partner", "XYZ", "unknown-partner"),
    (1, "partner", "usa", "unknown-partner"),
    (4, "product", "smartphones", "unknown-product"),
])
def test_an_unknown_partner_or_product_is_an_error_at_its_file_line_and_column(trade_dir, row, column, value, code):
    set_trade_cell(trade_dir, row, column, value)
    report = validate_dir(trade_dir).report
    assert ("observations.csv", FIRST_TRADE_LINE + row, column, code) in found(report)
    (problem,) = [p for p in report.errors if p.code == code]
    assert problem.value == value


def test_a_partner_figure_above_the_total_of_its_source_is_an_error(trade_dir):
    set_trade_cell(trade_dir, 2, "value", "460")
    set_trade_cell(trade_dir, 2, "quote", "sang Trung Quốc đạt 460 tỷ USD")
    report = validate_dir(trade_dir).report
    assert found(report) == [("observations.csv", FIRST_TRADE_LINE + 2, "value", "part-above-total")]
    (problem,) = report.errors
    assert problem.value == f"460 > 400 on line {FIRST_TRADE_LINE}"


def test_a_product_figure_above_the_total_is_an_error_and_another_period_is_not_compared(trade_dir):
    set_trade_cell(trade_dir, 4, "value", "401")
    set_trade_cell(trade_dir, 4, "quote", "điện thoại đạt 401 tỷ USD")
    assert found(validate_dir(trade_dir).report) == [
        ("observations.csv", FIRST_TRADE_LINE + 4, "value", "part-above-total")]
    set_trade_cell(trade_dir, 4, "months", "6")  # no 6-month total from this source: nothing to compare with
    assert validate_dir(trade_dir).report.valid


def test_economies_summing_above_the_total_are_a_warning_on_the_total(trade_dir):
    set_trade_cell(trade_dir, 2, "value", "300")  # 120 + 300 > 400; the EU (a group) is not added
    set_trade_cell(trade_dir, 2, "quote", "sang Trung Quốc đạt 300 tỷ USD")
    report = validate_dir(trade_dir).report
    assert report.valid
    assert found(report, "warning") == [("observations.csv", FIRST_TRADE_LINE, "value", "parts-above-total")]
    (warning,) = report.warnings
    assert warning.value == "420.0 > 400.0"
    assert "2 economies" in warning.message


def test_a_group_is_never_summed_with_the_economies(trade_dir):
    set_trade_cell(trade_dir, 3, "value", "390")  # EU 390 + USA 120 > 400, but EU is a group
    set_trade_cell(trade_dir, 3, "quote", "sang EU đạt 390 tỷ USD")
    assert validate_dir(trade_dir).report.problems == []


def test_the_same_indicator_and_period_for_two_partners_is_no_duplicate_but_the_same_partner_twice_is(trade_dir):
    set_trade_cell(trade_dir, 2, "partner", "USA")
    report = validate_dir(trade_dir).report
    assert ("observations.csv", FIRST_TRADE_LINE + 2, "indicator", "duplicate-key") in found(report)
    (problem,) = [p for p in report.errors if p.code == "duplicate-key"]
    assert problem.value.startswith("exports / USA / 2024 / 12")


# ---------------------------------------------------------------------------------------------- the extracts


def test_the_bundled_data_is_valid_with_the_trade_extracts(bundled):
    assert bundled.report.valid, [str(p) for p in bundled.report.errors]
    assert {"imf-dots", "gso-exports-commodity-2017-2019"} <= set(bundled.sources.index)
    assert trade.DOTS_SOURCE in bundled.sources.index


def test_dots_against_wdi_names_the_2015_to_2017_imports_with_their_ratio(bundled):
    flagged = [p for p in bundled.report.warnings if p.code == "totals-differ"]
    assert all(p.file == trade.DOTS_FILE and p.column == "value_usd_m" for p in flagged)
    recent = [p for p in flagged if "20" in p.message.split(" are ")[0][-4:-2]]
    assert [p.message.split(" are ")[0].split("'s ")[1] for p in recent] == [
        "imports 2015", "imports 2016", "imports 2017"]
    assert "105.65%" in recent[0].message and "TM.VAL.MRCH.CD.WT" in recent[0].message
    # nothing before RECONCILE_FROM, and the exports of 2010–2020 stay within the tolerance
    years = [int(p.message.split(" are ")[0][-4:]) for p in flagged]
    assert min(years) >= trade.RECONCILE_FROM


def test_world_against_keeps_years_within_the_tolerance_quiet():
    figures = pd.DataFrame({"source_id": "d", "flow": "export", "partner": ["", "", "USA"], "product": "",
                            "year": [2019, 2020, 2020], "months": 12, "value": [104.0, 106.0, 50.0],
                            "line": [2, 3, 4]})
    reference = pd.DataFrame({"flow": "export", "year": [2019, 2020], "value": [100.0, 100.0]})
    out = trade.world_against(figures, "d", reference)
    assert out["year"].tolist() == [2020]
    assert out["ratio"].iloc[0] == pytest.approx(1.06)
    assert out["listed"].iloc[0] == pytest.approx(0.5)


def test_every_dots_economy_is_in_partners_csv():
    rows, problems = read_dataset(DataFiles.from_dir(DATA), trade.DOTS_FILE)
    assert problems == []
    partners = pd.read_csv(DATA / "partners.csv", dtype=str, keep_default_na=False)
    economies = set(rows.loc[rows["partner_row_type"] == "economy", "partner_iso3"])
    assert len(economies) == 189
    assert economies <= set(partners["code"])


@pytest.mark.parametrize(("line", "column", "value", "code"), [
    (2, "flow", "exports", "bad-choice"),
    (2, "imf_flag", "E", "bad-choice"),
    (2, "partner_row_type", "country", "bad-choice"),
    (3, "value_usd_m", "63,4", "bad-number"),
    (3, "year", "60", "bad-year"),
])
def test_a_broken_dots_cell_is_reported_on_its_line(line, column, value, code):
    text = (DATA / trade.DOTS_FILE).read_text(encoding="utf-8").split("\n")
    header = text[0].split(",")
    cells = text[line - 1].split(",")
    cells[header.index(column)] = f'"{value}"' if "," in value else value
    text[line - 1] = ",".join(cells)
    files = DataFiles(files={trade.DOTS_FILE: "\n".join(text).encode()})
    _, problems = read_dataset(files, trade.DOTS_FILE)
    assert (trade.DOTS_FILE, line, column, code) in [(p.file, p.line, p.column, p.code) for p in problems]


def test_an_economy_unknown_to_partners_csv_is_an_error_on_its_dots_line(bundled_copy):
    path = bundled_copy / trade.DOTS_FILE
    text = path.read_text(encoding="utf-8").replace("Mainland\",CHN,", "Mainland\",CHX,", 1)
    path.write_text(text, encoding="utf-8")
    line = 1 + text.split("\n").index(next(row for row in text.split("\n") if ",CHX," in row))
    report = validate_dir(bundled_copy).report
    assert (trade.DOTS_FILE, line, "partner_iso3", "unknown-partner") in found(report)


def test_the_gso_commodity_groups_are_products_and_sum_to_the_total(data):
    rows = data.of(trade.PRODUCTS_SOURCE)
    assert set(rows["product"]) - {""} == set(trade.GSO_ITEMS.values())
    groups = rows[rows["product"].isin(["heavy_industry_minerals", "light_industry_handicrafts", "agricultural",
                                        "forestry", "fishery", "nonmonetary_gold"])]
    sums = groups.groupby("year")["value"].sum().round(1)
    totals = rows[rows["product"] == ""].set_index("year")["value"]
    assert sums.to_dict() == totals.to_dict() == {2017: 215118.6, 2018: 243696.8, 2019: 264189.4}
    assert rows.loc[rows["year"] == 2019, "estimate"].all() and not rows.loc[rows["year"] == 2018, "estimate"].any()
    products = pd.read_csv(DATA / "products.csv", dtype=str, keep_default_na=False)
    assert set(trade.GSO_ITEMS.values()) <= set(products["code"])


# ---------------------------------------------------------------------------------------------- what pages compute


def test_the_2020_export_markets_rank_the_united_states_then_china(data):
    table = trade.markets(data, trade.DOTS_SOURCE, 2020, "export")
    assert table["partner"].tolist()[:2] == ["USA", "CHN"]
    assert table["rank"].tolist()[:2] == [1, 2]
    assert round(table["value"].iloc[0], 1) == 77151.2
    assert round(table["share"].iloc[0], 1) == 27.8


def test_the_2020_import_sources_rank_china_then_korea(data):
    table = trade.markets(data, trade.DOTS_SOURCE, 2020, "import")
    assert table["partner"].tolist()[:2] == ["CHN", "KOR"]
    assert round(table["value"].iloc[0], 1) == 84374.3


def test_dots_estimates_are_flagged_only_in_1981_to_1984(data):
    dots = data.of(trade.DOTS_SOURCE)
    assert sorted(dots.loc[dots["estimate"], "year"].unique()) == [1981, 1982, 1983, 1984]
    assert not ((dots["year"] >= 1974) & (dots["year"] <= 1980)).any()


def test_partner_statistics_are_labelled_by_the_naming_rule(data, bundled):
    labelled = data.of(kind="partner_statistics")
    assert set(labelled["source_id"]) == trade.partner_statistics(bundled.sources.index)
    assert {sid.split("-")[0] for sid in labelled["source_id"]} == set(trade.PARTNER_PUBLISHERS)
    for sid, partner in zip(labelled["source_id"], labelled["partner"]):
        assert partner == trade.PARTNER_PUBLISHERS[sid.split("-")[0]][1]
    assert trade.partner_statistics(["uscensus-x", "usa-x", "kita", "motie-y"]) == {"uscensus-x", "motie-y"}


def _figures(values: dict[int, dict[str, float]], world: dict[int, float] | None = None) -> trade.TradeData:
    rows = []
    for year, partners in values.items():
        total = world[year] if world else sum(partners.values())
        rows.append(("d", "dataset", "export", "", "", year, 12, total, False, "exact", "actual", 0))
        rows += [("d", "dataset", "export", code, "", year, 12, value, False, "exact", "actual", 0)
                 for code, value in partners.items()]
    return trade.combine(pd.DataFrame(rows, columns=list(trade.COLUMNS)))


CODES = ["USA", "CHN", "JPN", "KOR", "DEU", "SGP", "THA"]
partner_values = st.dictionaries(st.sampled_from(CODES), st.floats(0.5, 1e5, allow_nan=False), min_size=1)


@given(st.dictionaries(st.integers(2000, 2005), partner_values, min_size=1))
def test_concentration_is_a_share_and_an_hhi_within_bounds(values):
    table = trade.concentration(_figures(values), "d", "export")
    assert table["year"].tolist() == sorted(values)
    for row in table.itertuples():
        n = len(values[row.year])
        assert row.top_share == pytest.approx(100.0 if n <= trade.TOP else row.top_share)
        assert 0 < row.top_share <= 100 + 1e-6
        assert 10_000 / n - 1e-6 <= row.hhi <= 10_000 + 1e-6  # equal shares give the least
        assert row.listed == n


def _pairs(members: dict[str, str]) -> pd.DataFrame:
    return pd.DataFrame({"partner": list(members), "agreement": "x",
                         "in_force": pd.to_datetime(list(members.values()))})


@given(st.dictionaries(st.integers(2010, 2014), partner_values, min_size=1))
def test_fta_shares_are_shares_and_grow_only_with_partners(values):
    pairs = _pairs({"USA": "2012-01-01", "CHN": "2012-06-01", "JPN": "2009-03-01"})
    table = trade.fta_shares(_figures(values), "d", pairs)
    assert ((table["share"] >= -1e-9) & (table["share"] <= 100 + 1e-9)).all()
    for row in table.itertuples():
        covered = {"JPN"} | ({"USA"} if row.year >= 2012 else set()) | ({"CHN"} if row.year >= 2013 else set())
        assert row.partners == len(covered & set(values[row.year]))  # an agreement counts from 1 January after


def test_fta_index_is_100_in_the_base_year_for_both_groups():
    values = {2015: {"USA": 10.0, "JPN": 20.0}, 2016: {"USA": 15.0, "JPN": 30.0}}
    table = trade.fta_index(_figures(values), "d", _pairs({"JPN": "2009-01-01"}), 2015, 2016)
    assert table.loc[table["year"] == 2015, "index"].tolist() == [100.0, 100.0]
    assert table.loc[table["year"] == 2016, "index"].tolist() == [150.0, 150.0]
    assert set(table["group"]) == {"fta", "rest"}


@given(partner_values)
def test_exceeding_totals_flags_exactly_the_parts_above_the_total(partners):
    total = 1000.0
    figures = _figures({2020: partners}, {2020: total}).figures
    above, sums = trade.exceeding_totals(figures)
    assert set(above["partner"]) == {code for code, value in partners.items() if value > total * (1 + 1e-9)}
    assert len(sums) == int(sum(partners.values()) > total * (1 + 1e-9))


def test_load_reads_an_old_observations_frame_and_no_extract(mini):
    dataset = validate_dir(mini)
    data = trade.load(DataFiles.from_dir(mini), dataset.observations)
    assert not data.present
    assert np.array_equal(data.figures.columns, list(trade.COLUMNS))
