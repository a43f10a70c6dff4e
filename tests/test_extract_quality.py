"""Extraction quality on the seed articles and on the two fixture sets, and the fixtures' own validity."""

from __future__ import annotations

import pytest
from tests.conftest import load_script

quality = load_script("benchmarks/extract_quality.py")


@pytest.fixture(scope="module")
def results():
    return quality.measure(scratch=None)  # the real pages in /work/scratch are not committed


def test_fixture_expected_rows_pass_the_datasets_own_validation():
    dataset = quality.fixture_dataset()
    errors = [p for p in dataset.report.errors if not (p.file == "events.csv" and p.code == "header-only")]
    assert errors == [], [str(p) for p in errors]
    assert len(dataset.observations) >= 40
    assert set(dataset.sources.index) == {a.id for a in quality.fixture_articles()}


def test_at_least_five_fixture_articles_each_with_rows():
    articles = quality.fixture_articles()
    assert len(articles) >= 5 and all(a.expected for a in articles)


# Floors a little under today's figures (see benchmarks/extract_quality.py): a change that
# loses figures, or floods the table with wrong ones, fails here.
def test_seed_quality_finds_nearly_every_figure_with_the_reference_rows(results):
    s = results["seeds, reference = other sources' rows"]
    assert s.recall >= 0.95 and s.precision >= 0.6, (s.misses, s.false_positives)


def test_seed_quality_without_reference_data(results):
    s = results["seeds, no reference"]
    assert s.recall >= 0.85 and s.precision >= 0.8, (s.misses, s.false_positives)


def test_fixture_quality(results):
    for name in ("fixtures, no reference", "fixtures, reference = bundled rows"):
        s = results[name]
        assert s.recall >= 0.9 and s.precision >= 0.8, (name, s.misses, s.false_positives)


def test_heldout_2026_quality(results):
    # Written before the rules changed for them: first run 0.88 / 0.82 (their README); the goal was
    # 0.85 / 0.8. In-sample since the rules were fixed from their misses.
    for name in ("held-out 2026, no reference", "held-out 2026, reference = bundled rows"):
        s = results[name]
        assert s.recall >= 0.95 and s.precision >= 0.95, (name, s.misses, s.false_positives)


def test_trade_training_quality(results):
    # tests/fixtures/articles_trade: written alongside the partner and product rules (in-sample, 1.00 / 1.00).
    for name in ("trade training, no reference", "trade training, reference = bundled rows"):
        s = results[name]
        assert s.recall >= 0.95 and s.precision >= 0.95, (name, s.misses, s.false_positives)


def test_trade_heldout_quality(results):
    # tests/fixtures/articles_trade_heldout: written blind; first run 0.86 (132/154) / 0.85 (132/156), see its
    # README. No rule has been fixed from its misses: the floor sits a little under the first run.
    for name in ("trade held-out, no reference", "trade held-out, reference = bundled rows"):
        s = results[name]
        assert s.recall >= 0.83 and s.precision >= 0.82, (name, s.misses, s.false_positives)


def test_trade_fixture_rows_have_partner_and_product_columns():
    for folder in (quality.TRADE, quality.TRADE_HELDOUT):
        for article in quality.fixture_articles(folder):
            assert article.expected and {"partner", "product"} <= set(article.expected[0]), article.id


def test_heldout_expected_rows_pass_the_datasets_own_validation():
    dataset = quality.fixture_dataset(quality.HELDOUT)
    errors = [p for p in dataset.report.errors if not (p.file == "events.csv" and p.code == "header-only")]
    assert errors == [], [str(p) for p in errors]
    assert len(dataset.observations) == 95


def test_score_counts_a_wrong_period_as_a_miss_and_an_extra():
    article = quality.Article("a", "", "", [{"indicator": "gdp_growth", "year": "2024", "months": "12", "as_of": "",
                                             "value": "7.09", "note": "", "quote": "7,09%"}])
    good = quality.score(article, [{"indicator": "gdp_growth", "year": "2024", "months": "12", "as_of": "",
                                    "value": "7.09", "quote": ""}])
    bad = quality.score(article, [{"indicator": "gdp_growth", "year": "2024", "months": "6", "as_of": "",
                                   "value": "7.09", "quote": ""}])
    assert (good.recall, good.precision) == (1.0, 1.0)
    assert (bad.recall, bad.precision) == (0.0, 0.0)
