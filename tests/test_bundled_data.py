"""The bundled dataset: validates clean, covers every indicator family, and the core stays pure."""

from __future__ import annotations

import pytest
from tests.conftest import DATA, ROOT

from vnintegration.core.validate import validate_dir


@pytest.fixture(scope="module")
def bundled():
    return validate_dir(DATA)


def test_bundled_data_has_no_errors(bundled):
    assert bundled.report.errors == []
    assert len(bundled.rejected) == 0


# Each family of figures the dashboard covers, and the indicators that carry it.
FAMILIES = {
    "GDP growth": ["gdp_growth"], "GDP size VND": ["gdp_vnd"], "GDP size USD": ["gdp_usd"],
    "trade turnover": ["trade_turnover"], "trade growth": ["trade_turnover_growth"],
    "exports": ["exports"], "imports": ["imports"], "trade balance": ["trade_balance"],
    "years of surplus": ["trade_surplus_years"], "FDI registered": ["fdi_registered"],
    "FDI disbursed": ["fdi_disbursed"], "industrial production": ["industrial_production_growth"],
    "agricultural exports": ["agri_exports"], "comprehensive partners": ["comprehensive_partners"],
    "upgraded relations": ["upgraded_relations"], "diplomatic relations": ["diplomatic_relations"],
    "FTAs": ["ftas_signed", "ftas_network"], "FTA partners": ["fta_partners"],
    "high-level activities": ["high_level_activities"], "agreements signed": ["agreements_signed"],
    "rankings": ["rank_economy_size", "rank_trade", "rank_fdi"],
}


@pytest.mark.parametrize("family", FAMILIES)
def test_each_indicator_family_has_a_row(bundled, family):
    ids = FAMILIES[family]
    assert set(ids) <= set(bundled.indicators.index), f"{family}: not in the catalog"
    articles = bundled.sources.index[bundled.sources["kind"] == "article"]
    have = bundled.observations[bundled.observations["source_id"].isin(articles)]["indicator"]
    assert set(ids) & set(have), f"{family}: no figure from an article"


def test_partial_year_figures_are_marked_as_such(bundled):
    obs = bundled.observations
    seven = obs[(obs["indicator"] == "trade_turnover") & (obs["year"] == 2025) & (obs["months"] == 7)]
    assert seven[["value", "qualifier"]].values.tolist() == [[514.0, "over"]]


def test_every_source_file_is_in_the_repo(bundled):
    for path in bundled.sources["file"]:
        assert path == "" or (DATA / path).is_file(), path


def test_a_source_without_a_stored_text_is_an_article_cited_by_its_url(bundled):
    cited = bundled.sources[bundled.sources["file"] == ""]
    assert len(cited) > 0
    assert set(cited["id"]) <= set(bundled.observations["source_id"])  # each one quoted by a row
    assert set(cited["kind"]) == {"article"}
    assert cited["url"].str.startswith("https://").all()
    assert not cited["id"].str.contains("tracuuquyhoach|devdiscourse").any()


def test_the_problem_docs_are_generated_from_the_catalogue():
    from vnintegration.core.problems import problems_markdown

    doc = (ROOT / "docs" / "problems.md").read_text(encoding="utf-8")
    assert doc == problems_markdown(), "regenerate: python -m vnintegration docs-problems > docs/problems.md"
