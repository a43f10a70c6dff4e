""""About this data" and citations: what a reader is told about each figure, in their language, and what never
reaches a reader (a repository, a file path, the locator the validator reads)."""

from __future__ import annotations

import re

import pandas as pd
import pytest
from tests.conftest import DATA

from vnintegration.core import analysis as A
from vnintegration.core.validate import validate_dir
from vnintegration.present import about, tables

# What a reader must never see: a repository, a path into the data directory, a file, a figure locator.
INTERNAL = re.compile(r"github|sources/|\.csv\b|\.md\b|@ ?[0-9a-f]{7}\b|\b[a-z]+:[a-z]+_[a-z_]+\b|\bas_of\b", re.I)


@pytest.fixture(scope="module")
def bundled():
    ds = validate_dir(DATA)
    return ds, A.enrich(ds)


def about_of(ds, fr, indicator, lang, transform="level"):
    meta = ds.indicators.loc[indicator]
    return about.indicator_about(meta.to_dict() | {"id": indicator}, fr[fr["indicator"] == indicator], lang, transform,
                                 (), str(meta.get("preferred_source") or ""))


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_no_reader_facing_string_names_a_repository_a_path_or_a_locator(bundled, lang):
    ds, fr = bundled
    for indicator in ds.indicators.index:
        for transform in ("level", "yoy", "ytd", "change"):
            block = about_of(ds, fr, indicator, lang, transform)
            text = block.text() + " ".join(link.label for link in block.links)
            assert not INTERNAL.search(text), (indicator, INTERNAL.search(text).group(0), text)
        assert not INTERNAL.search(about.source_line(fr[fr["indicator"] == indicator], lang))
    for row in fr.to_dict("records"):
        for text in (about.citation(row, lang), about.source_citation(row, lang)):
            assert not INTERNAL.search(text), (row["indicator"], row["source_id"], text)
        if row["source_kind"] == "dataset":
            assert not INTERNAL.search(about.quote_text(row, lang)), row["quote"]
    for key in about.PARTNER_CITATIONS:
        assert not INTERNAL.search(about.partner_citation(key, lang))
    trends = tables.trends_table(A.trend_points(fr, list(ds.indicators.index), 1960, 2026), lang, "level")
    assert not trends.map(lambda v: bool(INTERNAL.search(str(v)))).any().any()


def test_every_indicator_says_its_definition_unit_source_and_what_is_computed(bundled):
    ds, fr = bundled
    for indicator in ds.indicators.index:
        if not (fr["indicator"] == indicator).any():
            continue
        for lang, labels in (("vi", ("Định nghĩa", "Đơn vị", "Nguồn", "Trang này tính")),
                             ("en", ("Definition", "Unit", "Source", "Computed here"))):
            block = about_of(ds, fr, indicator, lang)
            assert {label for label, _ in block.lines} >= set(labels), indicator
            description = ds.indicators.loc[indicator, "description_vi" if lang == "vi" else "description_en"]
            assert (labels[0], description) in block.lines


def test_a_gso_report_figure_cites_its_own_report_and_links_to_it(bundled):
    ds, fr = bundled
    row = fr[(fr["indicator"] == "exports") & (fr["source_id"] == "gso-trade-quarterly") & (fr["year"] == 2026)
             & (fr["months"] == 6)].iloc[0]
    assert about.citation(row, "vi") == "Tổng cục Thống kê, Báo cáo tình hình KT-XH quý II và 6 tháng 2026"
    assert about.citation(row, "en").startswith("General Statistics Office (GSO), Báo cáo tình hình KT-XH quý II")
    link = about.figure_link(row, "en")
    assert link.url == ("https://www.nso.gov.vn/bai-top/2026/07/"
                        "bao-cao-tinh-hinh-kinh-te-xa-hoi-quy-ii-va-sau-thang-dau-nam-2026/")
    assert about.quote_text(row, "vi") == about.citation(row, "vi")  # not "export:total_ytd_usd_bn"
    block = about_of(ds, fr, "exports", "vi")
    assert block.url == link.url  # the official source first, at its newest report
    assert "TX.VAL.MRCH.CD.WT" in block.text()  # the World Bank's series code, beside it


def test_a_world_bank_figure_cites_publisher_dataset_vintage_and_series():
    row = {"source_kind": "dataset", "publisher": "World Bank", "source_id": "wdi-2026-07", "published": "2026-07",
           "source_title": "World Development Indicators (July 2026 update): Viet Nam, GDP growth",
           "quote": "NY.GDP.MKTP.KD.ZG", "note": "", "url": "https://databank.worldbank.org/source/world-development-indicators"}
    assert about.citation(row, "vi") == "Ngân hàng Thế giới, World Development Indicators (07/2026), NY.GDP.MKTP.KD.ZG"
    assert about.citation(row, "en") == "World Bank, World Development Indicators (Jul 2026), NY.GDP.MKTP.KD.ZG"
    assert about.figure_link(row, "en").url.startswith("https://databank.worldbank.org/")
    # the project's own codes and locators are not series codes a reader can look up
    assert about.series_code(row | {"quote": "DERIVED.MRCH.BAL"}) == ""
    assert about.series_code(row | {"quote": "export:total_ytd_usd_bn"}) == ""


def test_derived_figures_and_transforms_are_said(bundled):
    ds, fr = bundled
    block = dict(about_of(ds, fr, "trade_balance", "en", "yoy").lines)
    assert "balance = exports − imports" in block["Computed here"]
    assert "same period a year earlier" in block["Computed here"]
    assert "2016" in dict(about.indicator_about(ds.indicators.loc["fdi_registered"].to_dict(), fr.head(0), "en",
                                                breaks=(2016,)).lines)["Coverage"]


def test_an_address_that_is_not_http_is_never_a_link():
    row = {"source_kind": "article", "publisher": "X", "source_title": "T", "url": "javascript:alert(1)",
           "note": "", "quote": "q", "published": ""}
    assert about.figure_link(row, "en") is None
    frame = pd.DataFrame([row | {"source_id": "x", "year": 2024, "months": 12, "status": "actual", "span": "full",
                                 "end": pd.Timestamp("2024-12-31")}])
    assert about.indicator_about({"name_en": "N", "unit": "usd_bn"}, frame, "en").links == ()
