"""The domain rules of the pages: like with like, the source preference, changes by kind, never splicing."""

from __future__ import annotations

from types import SimpleNamespace

import pandas as pd
import pytest
from tests.conftest import DATA

from vnintegration.core import analysis as A
from vnintegration.core.validate import validate_dir

IND_COLUMNS = ["id", "name_vi", "name_en", "unit", "kind", "group", "headline", "preferred_source", "breaks"]
INDICATORS = [
    ["gdp_growth", "Tăng trưởng GDP", "GDP growth", "percent", "rate", "macro", True, "", ""],
    ["trade", "Kim ngạch XNK", "Trade turnover", "usd_bn", "flow", "trade", True, "", ""],
    ["fdi", "FDI đăng ký", "FDI registered", "usd_bn", "flow", "investment", True, "", "2016"],
    ["partners", "Số đối tác", "Partners", "count", "count", "diplomacy", True, "", ""],
    ["rank_trade", "Xếp hạng thương mại", "Trade rank", "rank", "rank", "rankings", False, "", ""],
    ["balance", "Cán cân", "Balance", "usd_bn", "flow", "trade", False, "", ""],
]
SOURCES = {  # id: (kind, publisher, published)
    "a1": ("article", "Báo A", "2025-08"),
    "a2": ("article", "Báo B", "2026-01"),
    "a3": ("article", "", ""),
    "wb": ("dataset", "World Bank", "2026-07"),
    "gso": ("dataset", "GSO", "2026-01"),
}


def make(rows, preferred: dict | None = None, indicators=INDICATORS):
    """A dataset-like object from rows (indicator, year, months, as_of, value[, qualifier, status, source])."""
    ind = pd.DataFrame(indicators, columns=IND_COLUMNS).set_index("id", drop=False)
    for indicator, source in (preferred or {}).items():
        ind.loc[indicator, "preferred_source"] = source
    src = pd.DataFrame([[i, k, f"Title {i}", p, d, f"https://example.org/{i}"] for i, (k, p, d) in SOURCES.items()],
                       columns=["id", "kind", "title", "publisher", "published", "url"]).set_index("id", drop=False)
    records = []
    for n, row in enumerate(rows):
        indicator, year, months, as_of, value, *rest = row
        qualifier, status, source = (rest + ["exact", "actual", "a1"][len(rest):])[:3]
        records.append({"indicator": indicator, "year": year, "months": months, "as_of": as_of, "value": float(value),
                        "qualifier": qualifier, "status": status, "source_id": source, "quote": "q", "note": "",
                        "_line": n + 2})
    obs = pd.DataFrame(records)
    obs["months"] = obs["months"].astype("Int64")
    obs["as_of"] = pd.to_datetime(obs["as_of"])
    return SimpleNamespace(observations=obs, indicators=ind, sources=src)


def frame(rows, **kw):
    return A.enrich(make(rows, **kw))


# ---------------------------------------------------------------------------------------------- enrich, preference


def test_enrich_places_periods_on_a_year_axis():
    f = frame([("trade", 2025, 7, None, 514), ("partners", 2025, None, "2025-08-26", 38)])
    assert f["span"].tolist() == ["partial", "date"]
    assert f["end"].tolist() == [pd.Timestamp("2025-07-31"), pd.Timestamp("2025-08-26")]
    assert f["x"].iloc[0] == 2025.0 and 2025.6 < f["x"].iloc[1] < 2025.7


def test_datasets_are_their_own_series_articles_share_one():
    f = frame([("trade", 2024, 12, None, 786, "exact", "actual", "a1"),
               ("trade", 2023, 12, None, 683, "exact", "actual", "a2"),
               ("trade", 2024, 12, None, 785.3, "exact", "actual", "wb")])
    assert f["series"].tolist() == ["articles", "articles", "wb"]


@pytest.mark.parametrize(("rows", "preferred", "winner"), [
    # an outturn beats a forecast, whatever the source
    ([("trade", 2024, 12, None, 700, "over", "forecast", "a2"), ("trade", 2024, 12, None, 786, "exact", "actual", "a1")],
     {}, "a1"),
    # the indicator's preferred source beats an article
    ([("trade", 2024, 12, None, 786, "exact", "actual", "a1"), ("trade", 2024, 12, None, 785.3, "exact", "actual", "wb")],
     {"trade": "wb"}, "wb"),
    # else an article beats a dataset
    ([("trade", 2024, 12, None, 785.3, "exact", "actual", "wb"), ("trade", 2024, 12, None, 786, "exact", "actual", "a3")],
     {}, "a3"),
    # else the latest published (a source with no date last)
    ([("trade", 2024, 12, None, 786, "exact", "actual", "a3"), ("trade", 2024, 12, None, 786.1, "exact", "actual", "a2"),
      ("trade", 2024, 12, None, 786.2, "exact", "actual", "a1")], {}, "a2"),
    ([("trade", 2024, 12, None, 785.3, "exact", "actual", "gso"), ("trade", 2024, 12, None, 785, "exact", "actual", "wb")],
     {}, "wb"),
])
def test_one_figure_per_period_by_the_source_rule(rows, preferred, winner):
    chosen = A.pick_preferred(frame(rows, preferred=preferred))
    assert chosen["source_id"].tolist() == [winner]


def test_the_bundled_preferred_sources_win_where_they_have_a_figure():
    ds = validate_dir(DATA)
    f = A.enrich(ds)
    if "preferred_source" not in ds.indicators or not (ds.indicators["preferred_source"].fillna("") != "").any():
        pytest.skip("the bundled catalogue sets no preferred_source")
    chosen = A.pick_preferred(f[f["status"] == "actual"])
    has_preferred = f[(f["status"] == "actual") & (f["source_id"] == f["preferred_source"])]
    def key(f):
        return zip(f["indicator"], f["year"], f["months"].fillna(0), f["as_of"].fillna(pd.Timestamp(0)))

    keys = set(key(has_preferred))
    picked = chosen[[k in keys for k in key(chosen)]]
    assert len(picked) > 0
    assert (picked["source_id"] == picked["preferred_source"]).all()


# ---------------------------------------------------------------------------------------------- previous and change


def test_a_part_year_compares_with_the_same_months_never_the_full_year():
    f = frame([("trade", 2025, 7, None, 514, "over"), ("trade", 2024, 12, None, 786),
               ("trade", 2024, 7, None, 456.5)])
    rows = A.with_previous(f[f["year"] == 2025], f)
    assert rows["prev_months"].tolist() == [7]
    assert rows["prev_value"].tolist() == [456.5]
    changed = A.add_changes(rows)
    assert changed["change_unit"].tolist() == ["rel"]
    assert changed["change_rel"].iloc[0] == pytest.approx((514 / 456.5 - 1) * 100)
    assert changed["approximate"].tolist() == [True]  # "trên 514"


def test_no_comparable_period_when_only_a_full_year_precedes():
    f = frame([("trade", 2025, 7, None, 514), ("trade", 2024, 12, None, 786)])
    rows = A.with_previous(f[f["year"] == 2025], f)
    assert rows["prev_value"].isna().all()


def test_a_count_at_a_date_compares_with_the_previous_date():
    f = frame([("partners", 2025, None, "2025-12-31", 42), ("partners", 2025, None, "2025-08-26", 38),
               ("partners", 2024, None, "2024-12-31", 30)])
    rows = A.add_changes(A.with_previous(f[f["value"] == 42], f))
    assert rows["prev_value"].tolist() == [38.0]
    assert rows["change_unit"].tolist() == ["abs"] and rows["change"].tolist() == [4.0]


def test_rates_change_in_percentage_points_and_ranks_in_places():
    assert A.compute_change(7.52, 7.09, "rate", "percent") .unit == "pp"
    change = A.compute_change(7.52, 7.09, "rate", "percent")
    assert change.absolute == pytest.approx(0.43) and change.relative is None and change.headline == pytest.approx(0.43)
    rank = A.compute_change(15, 17, "rank", "rank")
    assert rank.unit == "rank" and rank.absolute == -2 and rank.relative is None
    flow = A.compute_change(110, 100, "flow", "usd_bn")
    assert flow.unit == "rel" and flow.headline == pytest.approx(10.0) and flow.absolute == pytest.approx(10)


def test_no_relative_change_from_a_base_that_is_not_positive():
    assert A.compute_change(5, -3, "flow", "usd_bn").relative is None
    assert A.compute_change(-2, 4, "flow", "usd_bn").relative is None


def test_a_forecast_is_never_the_base():
    f = frame([("trade", 2025, 12, None, 900), ("trade", 2024, 12, None, 700, "over", "forecast", "a2")])
    rows = A.with_previous(f[f["year"] == 2025], f)
    assert rows["prev_value"].isna().all()


def test_never_across_a_change_of_definition():
    f = frame([("fdi", 2016, 12, None, 26.9), ("fdi", 2015, 12, None, 24.1), ("fdi", 2017, 12, None, 37.1)])
    rows = A.with_previous(f, f).set_index("year")
    assert pd.isna(rows.loc[2016, "prev_value"])  # 2016 starts a new definition
    assert rows.loc[2017, "prev_value"] == 26.9


def test_own_series_first_then_the_preferred_source():
    f = frame([("trade", 2025, 12, None, 900, "exact", "actual", "wb"),
               ("trade", 2024, 12, None, 786, "exact", "actual", "a1"),
               ("trade", 2024, 12, None, 785.3, "exact", "actual", "wb")])
    rows = A.with_previous(f[f["year"] == 2025], f)
    assert rows["prev_source_id"].tolist() == ["wb"]


# ---------------------------------------------------------------------------------------------- overview


def test_latest_figure_with_its_change_and_sparkline():
    rows = [("trade", y, 12, None, 500 + 10 * (y - 2020), "exact", "actual", "wb") for y in range(2020, 2025)]
    rows += [("trade", 2025, 7, None, 514, "over", "actual", "a1"), ("trade", 2024, 7, None, 450, "exact", "actual", "a2")]
    (card,) = A.latest_figures(frame(rows), ["trade"])
    assert (card.row["year"], card.row["months"], card.row["value"]) == (2025, 7, 514.0)
    assert card.previous["value"] == 450.0 and card.previous["months"] == 7
    assert card.change.unit == "rel" and card.change.approximate
    # the 7-month series has two points (2024, 2025): a same-span sparkline
    assert card.spark == [450.0, 514.0] and card.spark_kind == "same"


def test_sparkline_falls_back_to_full_years_and_stays_in_one_series():
    rows = [("trade", y, 12, None, 500 + y - 2020, "exact", "actual", "wb") for y in range(2020, 2025)]
    rows += [("trade", 2022, 12, None, 999, "exact", "actual", "gso"), ("trade", 2025, 7, None, 514, "over", "actual", "a1")]
    (card,) = A.latest_figures(frame(rows, preferred={"trade": "wb"}), ["trade"])
    assert card.change is None
    assert card.spark_kind == "full" and card.spark == [500.0, 501.0, 502.0, 503.0, 504.0]
    assert (card.spark_start, card.spark_end) == (2020, 2024)


def test_the_latest_outturn_before_a_later_forecast():
    rows = [("trade", 2024, 12, None, 786), ("trade", 2025, 12, None, 900, "over", "forecast", "a2")]
    (card,) = A.latest_figures(frame(rows), ["trade"])
    assert card.row["year"] == 2024 and card.row["status"] == "actual"
    (only_forecast,) = A.latest_figures(frame(rows[1:]), ["trade"])
    assert only_forecast.row["status"] == "forecast"


# ---------------------------------------------------------------------------------------------- compare years


def compare(rows, a=2024, b=2025, **kw):
    ds = make(rows, **kw)
    return A.compare_years(A.enrich(ds), ds.indicators, a, b).set_index("indicator")


def why(table, indicator, lang="vi"):
    """The reason a row is not compared, as the Compare page words it."""
    from vnintegration.present import tables

    return tables.compare_reason(table.loc[indicator].to_dict(), lang)


def test_compare_says_why_unlike_periods_are_not_compared():
    table = compare([("trade", 2025, 7, None, 514, "over"), ("trade", 2024, 12, None, 786),
                     ("gdp_growth", 2025, 6, None, 7.52), ("gdp_growth", 2024, 12, None, 7.09)])
    assert not table.loc["trade", "comparable"]
    assert table.loc["trade", "reason"] == A.OTHER_SPAN
    assert why(table, "trade") == "cả năm vs 7 tháng"
    assert why(table, "gdp_growth") == "cả năm vs 6 tháng"
    assert table["change_abs"].isna().all()
    english = compare([("trade", 2025, 7, None, 514), ("trade", 2024, 12, None, 786)])
    assert why(english, "trade", "en") == "full year vs Jan–Jul"


def test_compare_uses_the_longest_span_both_years_have():
    table = compare([("trade", 2025, 7, None, 514), ("trade", 2024, 12, None, 786), ("trade", 2024, 7, None, 456.5)])
    row = table.loc["trade"]
    assert row["comparable"] and row["a_months"] == 7 and row["b_months"] == 7
    assert row["change_abs"] == pytest.approx(57.5)
    assert row["change_rel"] == pytest.approx((514 / 456.5 - 1) * 100)


def test_compare_rates_in_pp_counts_at_dates_and_missing_years():
    table = compare([("gdp_growth", 2025, 12, None, 8.0), ("gdp_growth", 2024, 12, None, 7.0),
                     ("partners", 2025, None, "2025-12-31", 42), ("partners", 2024, None, "2024-12-31", 30),
                     ("balance", 2024, 12, None, 25)])
    assert table.loc["gdp_growth", "change_unit"] == "pp" and table.loc["gdp_growth", "change_abs"] == pytest.approx(1.0)
    assert pd.isna(table.loc["gdp_growth", "change_rel"])
    assert table.loc["partners", "comparable"] and table.loc["partners", "change_abs"] == 12
    assert not table.loc["balance", "comparable"] and why(table, "balance") == "thiếu số liệu 2025"
    assert (table.loc["balance", "reason"], table.loc["balance", "reason_year"]) == (A.NO_FIGURE, 2025)
    assert "fdi" not in table.index  # no figure in either year: not listed


def test_compare_across_a_definition_break():
    table = compare([("fdi", 2016, 12, None, 26.9), ("fdi", 2015, 12, None, 24.1)], a=2015, b=2016)
    assert not table.loc["fdi", "comparable"]
    assert why(table, "fdi", "en") == "definition changed in 2016"


# ---------------------------------------------------------------------------------------------- trends


def test_trend_points_keep_sources_apart_and_spans_marked():
    rows = [("trade", 2023, 12, None, 683, "exact", "actual", "wb"), ("trade", 2024, 12, None, 785.3, "exact", "actual", "wb"),
            ("trade", 2024, 12, None, 786, "exact", "actual", "a1"), ("trade", 2025, 7, None, 514, "over", "actual", "a2"),
            ("trade", 2024, 12, None, 700, "over", "forecast", "a3"), ("trade", 2010, 12, None, 157, "exact", "actual", "wb")]
    points = A.trend_points(frame(rows), ["trade"], 2020, 2025, "level")
    assert sorted(zip(points["series"], points["year"], points["span"])) == [
        ("articles", 2024, "full"), ("articles", 2025, "partial"), ("wb", 2023, "full"), ("wb", 2024, "full")]
    assert 700.0 not in points["value"].tolist()  # the forecast overtaken by the outturn
    yoy = A.trend_points(frame(rows), ["trade"], 2020, 2025, "yoy")
    # only wb 2024 has a comparable year (wb 2023); the articles' 2024 compares with wb 2023 too
    assert sorted(zip(yoy["series"], yoy["year"])) == [("articles", 2024), ("wb", 2024)]
    assert yoy.set_index("series").loc["wb", "value"] == pytest.approx((785.3 / 683 - 1) * 100)
    assert (yoy["level"] != yoy["value"]).all()


TWO_SOURCES = [("trade", 2023, 12, None, 683, "exact", "actual", "wb"), ("trade", 2024, 12, None, 785.3, "exact", "actual", "wb"),
               ("trade", 2024, 12, None, 786, "exact", "actual", "a1"), ("trade", 2025, 7, None, 514, "over", "actual", "a2"),
               ("gdp_growth", 2024, 12, None, 7.09, "exact", "actual", "a1")]


@pytest.mark.parametrize(("source", "series"), [
    (A.PREFERRED, {"trade": {"wb"}, "gdp_growth": {"articles"}}),  # trade's preferred source; gdp_growth has one
    ("articles", {"trade": {"articles"}, "gdp_growth": {"articles"}}),
    ("wb", {"trade": {"wb"}, "gdp_growth": {"articles"}}),  # wb gives no gdp_growth: its own source stays
    ("gso", {"trade": {"wb"}, "gdp_growth": {"articles"}}),  # a source with no figure of these: the preferred
    (A.ALL_SOURCES, {"trade": {"wb", "articles"}, "gdp_growth": {"articles"}}),
])
def test_trends_draws_the_preferred_source_or_the_one_chosen(source, series):
    points = A.trend_points(frame(TWO_SOURCES, preferred={"trade": "wb"}), ["trade", "gdp_growth"], 2020, 2025,
                            "level", source)
    assert {i: set(g) for i, g in points.groupby("indicator")["series"]} == series


def test_without_a_preferred_source_every_source_is_drawn():
    points = A.trend_points(frame(TWO_SOURCES), ["trade"], 2020, 2025, "level")
    assert set(points["series"]) == {"wb", "articles"}


def test_yoy_of_a_rate_is_in_points():
    rows = [("gdp_growth", 2024, 12, None, 7.09), ("gdp_growth", 2025, 12, None, 8.02)]
    yoy = A.trend_points(frame(rows), ["gdp_growth"], 2024, 2025, "yoy")
    assert yoy["change_unit"].tolist() == ["pp"] and yoy["value"].iloc[0] == pytest.approx(0.93)


def test_years_and_default_indicators():
    rows = [("trade", y, 12, None, 100 + y - 2000, "exact", "actual", "wb") for y in range(2000, 2011)]
    rows += [("gdp_growth", 2010, 12, None, 6.4), ("partners", 2025, None, "2025-08-26", 38),
             ("balance", 2030, 12, None, 1, "exact", "target")]
    ds = make(rows)
    f = A.enrich(ds)
    assert A.years_with_data(f) == list(range(2000, 2011)) + [2025]  # a target year is not a year with data
    assert A.default_trend_indicators(f, ds.indicators)[0] == "trade"


# ---------------------------------------------------------------------------------------------- partners, sources


def test_conflicts_list_each_source_with_the_preferred_first():
    f = frame([("trade", 2024, 12, None, 786, "exact", "actual", "a1"), ("trade", 2024, 12, None, 780, "exact", "actual", "a2"),
               ("trade", 2024, 12, None, 700, "over", "forecast", "a3")])
    rows = A.conflicts(f)
    assert rows["source_id"].tolist() == ["a2", "a1"]  # a2 published later; the forecast is no conflict
    assert rows["preferred"].tolist() == [True, False]


def test_counts_at_dates_are_levels_of_diplomacy_and_agreements_only():
    f = frame([("partners", 2025, None, "2025-08-26", 38), ("partners", 2025, None, "2025-12-31", 42),
               ("trade", 2025, 7, None, 514)])
    points = A.counts_at_dates(f)
    assert points["value"].tolist() == [38.0, 42.0]


def test_search_ignores_diacritics_and_needs_every_word():
    f = frame([("trade", 2024, 12, None, 786), ("fdi", 2024, 12, None, 38)])
    hay = A.search_text(f)
    assert A.search_mask(hay, "kim ngach").tolist() == [True, False]
    assert A.search_mask(hay, "FDI 2024").tolist() == [False, True]
    assert A.search_mask(hay, "").tolist() == [True, True]
    assert A.search_mask(hay, "ngạch fdi").tolist() == [False, False]


def test_mini_dataset_end_to_end(mini):
    ds = validate_dir(mini)
    f = A.enrich(ds)
    cards = {c.indicator: c for c in A.latest_figures(f, ["gdp_growth", "trade_turnover", "ftas_signed"])}
    assert cards["trade_turnover"].row["value"] == 514.0 and cards["trade_turnover"].change is None
    assert cards["ftas_signed"].row["as_of"] == pd.Timestamp("2025-08-26")
    table = A.compare_years(f, ds.indicators, 2024, 2025).set_index("indicator")
    assert why(table, "trade_turnover") == "cả năm vs 7 tháng"


# ---------------------------------------------------------------------------------------------- tables


def test_the_validated_csv_download_reads_back_clean(mini):
    from vnintegration.present import tables

    ds = validate_dir(mini)
    (mini / "observations.csv").write_bytes(tables.validated_csv(ds.observations))
    again = validate_dir(mini)
    assert again.report.errors == []
    assert again.observations["value"].tolist() == ds.observations["value"].tolist()
    assert again.observations["months"].tolist() == ds.observations["months"].tolist()


def test_compare_table_reads_like_the_source():
    from vnintegration.present import tables

    ds = make([("trade", 2025, 7, None, 514, "over"), ("trade", 2024, 7, None, 456.5),
               ("partners", 2025, None, "2025-12-31", 42), ("partners", 2024, None, "2024-12-31", 30),
               ("gdp_growth", 2024, 12, None, 7.09)])
    table = A.compare_years(A.enrich(ds), ds.indicators, 2024, 2025)
    shown = tables.compare_table(table, "en", 2024, 2025).set_index("Indicator")
    # four columns (a phone reads a row): the change in both forms, or why there is none
    assert shown.loc["Trade turnover"].tolist() == ["USD 456.5 bn (Jan–Jul)", "over USD 514 bn (Jan–Jul)",
                                                    "≈ +12.6% (+USD 57.5 bn)"]
    assert shown.loc["Partners"].tolist() == ["30 (31 Dec 2024)", "42 (31 Dec 2025)", "+40.0% (+12)"]
    assert shown.loc["GDP growth", "Change"] == "✗ no 2025 figure"
    assert list(shown.index) == ["Trade turnover", "Partners", "GDP growth"]  # comparable rows first


def test_the_compare_csv_is_a_table_of_labelled_columns():
    import io

    from vnintegration.present import tables

    ds = make([("trade", 2025, 7, None, 514, "over"), ("trade", 2024, 7, None, 456.5),
               ("gdp_growth", 2024, 12, None, 7.03955197123018, "exact", "actual", "wb"),
               ("gdp_growth", 2025, 12, None, 8.01882998978245, "exact", "actual", "wb")])
    fr = A.enrich(ds)
    fr.loc[fr["source_id"] == "wb", "quote"] = "NY.GDP.MKTP.KD.ZG"
    table = A.compare_years(fr, ds.indicators, 2024, 2025)
    csv = pd.read_csv(io.BytesIO(tables.compare_csv(table, "en", 2024, 2025, fr)), encoding="utf-8-sig", dtype=str)
    assert list(csv.columns) == [
        "Indicator", "Unit", "Period 2024", "Value 2024", "Qualifier 2024", "Status 2024", "Source 2024",
        "Period 2025", "Value 2025", "Qualifier 2025", "Status 2025", "Source 2025", "Change", "Change %", "Compared"]
    gdp = csv.set_index("Indicator").loc["GDP growth"]
    assert gdp["Value 2024"] == "7.04" and gdp["Value 2025"] == "8.02" and gdp["Unit"] == "%"
    assert gdp["Source 2025"] == "World Bank, Title wb (Jul 2026), NY.GDP.MKTP.KD.ZG"
    trade = csv.set_index("Indicator").loc["Trade turnover"]
    assert trade["Period 2025"] == "Jan–Jul 2025" and trade["Qualifier 2025"] == "over" and trade["Compared"] == "✓ Jan–Jul"
    text = csv.to_csv()
    for internal in ("a__line", "_line", "True", "False", "7.03955197123018", "a_value", "comparable"):
        assert internal not in text


# ---------------------------------------------------------------------------------------------- year to date


def _ytd_rows():
    """GSO-like year to date by quarter (gso) for 2024–2026 H1, and full years from a dataset (wb)."""
    rows = [("trade", y, m, None, 100 * (y - 2020) + m, "exact", "estimate", "gso")
            for y in (2024, 2025) for m in (3, 6, 9, 12)]
    rows += [("trade", 2026, m, None, 700 + m, "exact", "estimate", "gso") for m in (3, 6)]
    rows += [("trade", y, 12, None, 380 + y - 2020, "exact", "actual", "wb") for y in range(2020, 2026)]
    return rows


def test_the_newest_period_card_is_a_part_year_against_the_same_months_and_the_full_year_is_one_switch_away():
    f = frame(_ytd_rows())
    (newest,) = A.latest_figures(f, ["trade"])
    assert (newest.row["year"], newest.row["months"], newest.row["value"]) == (2026, 6, 706.0)
    assert (newest.previous["year"], newest.previous["months"], newest.previous["value"]) == (2025, 6, 506.0)
    assert newest.spark_kind == "same" and newest.spark == [406.0, 506.0, 706.0]
    (full,) = A.latest_figures(f, ["trade"], A.FULL_YEAR)
    assert (full.row["year"], full.row["months"]) == (2025, 12)
    assert full.previous["months"] == 12 and full.previous["year"] == 2024


def test_a_part_year_card_is_never_compared_with_a_full_year():
    rows = [("trade", 2025, 12, None, 900, "exact", "actual", "wb"), ("trade", 2026, 6, None, 500, "exact", "estimate", "gso")]
    (card,) = A.latest_figures(frame(rows), ["trade"])
    assert card.row["months"] == 6 and card.previous is None and card.change is None


def test_ytd_points_draw_one_line_per_year_from_series_that_run_through_the_year():
    points = A.trend_points(frame(_ytd_rows()), ["trade"], 2000, 2026, A.YTD)
    assert set(points["series"]) == {"gso"}  # full years alone have no path through the year
    assert points.groupby("year")["months"].apply(list).to_dict() == {
        2024: [3, 6, 9, 12], 2025: [3, 6, 9, 12], 2026: [3, 6]}  # 2026 stops at June
    assert (points["level"] == points["value"]).all()
    assert A.trend_points(frame(_ytd_rows()), ["trade"], 2024, 2025, A.YTD)["year"].unique().tolist() == [2024, 2025]


def test_ytd_years_are_the_last_of_the_range():
    rows = [("trade", y, m, None, y + m, "exact", "estimate", "gso") for y in range(2015, 2027) for m in (3, 12)]
    assert A.ytd_years(frame(rows), ["trade"], 2000, 2026) == [2023, 2024, 2025, 2026]
    assert len(A.ytd_years(frame(rows), ["trade"], 2000, 2026)) == A.YTD_YEARS


def test_the_bundled_data_has_the_first_half_of_2026_against_the_first_half_of_2025():
    f = A.enrich(validate_dir(DATA))
    cards = {c.indicator: c for c in A.latest_figures(f, ["exports", "fdi_sector_export_share"])}
    assert (cards["exports"].row["year"], cards["exports"].row["months"]) == (2026, 6)
    assert (cards["exports"].previous["year"], cards["exports"].previous["months"]) == (2025, 6)
    assert cards["fdi_sector_export_share"].change.unit == "pp"


def test_the_years_axis_leaves_a_datasets_quarterly_steps_to_the_year_to_date_view():
    rows = _ytd_rows() + [("trade", 2025, 7, None, 514, "over", "actual", "a1")]
    points = A.trend_points(frame(rows), ["trade"], 2000, 2026)
    partial = points[points["span"] == "partial"]
    # the dataset's part years of a year it gives in full are gone; 2026 keeps its latest part; the article's stays
    assert sorted(zip(partial["series"], partial["year"], partial["months"])) == [("articles", 2025, 7), ("gso", 2026, 6)]
    assert sorted(points.loc[points["span"] == "full", "year"].unique()) == list(range(2020, 2026))


# ---------------------------------------------------------------------------------------------- official first


def test_the_preferred_source_beats_an_outturn_of_another_source_but_never_a_forecast_beats_an_outturn():
    rows = [("trade", 2025, 12, None, 472.9, "exact", "actual", "wb"),
            ("trade", 2025, 12, None, 475.04, "exact", "estimate", "gso")]
    assert A.pick_preferred(frame(rows, preferred={"trade": "gso"}))["source_id"].tolist() == ["gso"]
    assert A.pick_preferred(frame(rows))["source_id"].tolist() == ["wb"]  # no preferred source: the outturn
    ahead = [("trade", 2025, 12, None, 472.9, "exact", "actual", "wb"),
             ("trade", 2025, 12, None, 480, "exact", "forecast", "gso")]
    assert A.pick_preferred(frame(ahead, preferred={"trade": "gso"}))["source_id"].tolist() == ["wb"]


def test_a_card_compares_with_the_official_figure_and_keeps_the_others_beside_it():
    rows = [("gdp_growth", 2025, 12, None, 8.02, "exact", "actual", "wb"),
            ("gdp_growth", 2024, 12, None, 7.04, "exact", "actual", "wb"),
            ("gdp_growth", 2024, 12, None, 7.09, "exact", "actual", "a1")]
    (card,) = A.latest_figures(frame(rows, preferred={"gdp_growth": "a1"}), ["gdp_growth"])
    assert card.previous["value"] == 7.09 and card.previous["source_id"] == "a1"
    # Trends' lines keep their own series' base
    f = frame(rows, preferred={"gdp_growth": "a1"})
    assert A.with_previous(f[f["year"] == 2025], f)["prev_value"].tolist() == [7.04]
    both = [("trade", 2025, 12, None, 472.9, "exact", "actual", "wb"),
            ("trade", 2025, 12, None, 475.04, "exact", "estimate", "gso")]
    (card,) = A.latest_figures(frame(both, preferred={"trade": "gso"}), ["trade"])
    assert card.row["value"] == 475.04 and [(b["source_id"], b["value"]) for b in card.beside] == [("wb", 472.9)]


def test_the_bundled_overview_and_compare_show_gso_first():
    ds = validate_dir(DATA)
    f = A.enrich(ds)
    cards = {c.indicator: c for c in A.latest_figures(f, ["gdp_growth", "exports"], A.FULL_YEAR)}
    assert cards["gdp_growth"].previous["year"] == 2024 and cards["gdp_growth"].previous["value"] == 7.09
    assert cards["exports"].row["year"] == 2025 and cards["exports"].row["value"] == 475.04
    assert cards["exports"].row["source_id"] == "gso-trade-quarterly"
    assert [b["value"] for b in cards["exports"].beside] == [472.929]  # the World Bank's, labelled beside it
    table = A.compare_years(f, ds.indicators, 2024, 2025).set_index("indicator")
    assert table.loc["gdp_growth", "a_value"] == 7.09
    assert table.loc["exports", "b_value"] == 475.04


def test_figures_mask_keeps_rows_matching_every_filter_given_and_any_when_none_is():
    figures = pd.DataFrame({"indicator": ["a", "a", "b"], "source_id": ["s", "t", "s"], "status": ["final"] * 3,
                            "partner": ["", "USA", ""], "product": [""] * 3, "year": [2019, 2020, 2021]})
    assert A.figures_mask(figures).tolist() == [True, True, True]
    assert A.figures_mask(figures, indicators=["a"], year_from=2020).tolist() == [False, True, False]
    assert A.figures_mask(figures, sources=["s"], year_to=2020).tolist() == [True, False, False]
    assert A.figures_mask(figures, partners=["USA"]).tolist() == [False, True, False]
