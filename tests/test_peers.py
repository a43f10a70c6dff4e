"""The Peers page's rules without a browser: reading and checking the extract, the transforms, ranks, the URL
view, the names and numbers, and the figures (asserted on the plotly Figure)."""

from __future__ import annotations

import csv
import hashlib
import io
import math
import re
import tempfile
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as hs
from tests.conftest import ROOT

from vnintegration.core import model, peers, units
from vnintegration.core.datasets import read_dataset
from vnintegration.core.load import DataFiles
from vnintegration.dashboard.peers_state import PeersChoices, PeersView, parse_peers, trends_link
from vnintegration.present import formatting, i18n, maps
from vnintegration.present.peers import charts as peer_charts
from vnintegration.present.peers import strings as ps
from vnintegration.present.peers import tables as peer_tables

DATA = ROOT / "data"
HEADER = "country_code,country_name,series_code,series_name,year,value,unit\n"


@pytest.fixture(scope="module")
def bundled() -> peers.PeerData:
    return peers.load(DATA)


def read_bytes(data: bytes) -> peers.PeerData:
    """A peers file holding DATA, read by the page's loader from a data directory of its own."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / peers.FILE
        path.parent.mkdir()
        path.write_bytes(data)
        return peers.load(folder)


def read(body: str) -> peers.PeerData:
    return read_bytes((HEADER + body).encode("utf-8"))


def disagreements(data: peers.PeerData, country: str, core_csv: str) -> list[str]:
    """Where COUNTRY's rows differ from a one-country tidy extract (series_code, year, value): each of the
    extract's (series, year) missing here or whose value text is not identical."""
    mine = data.rows[data.rows["country"] == country]
    here = dict(zip(zip(mine["series"], mine["year"]), mine["text"]))
    out = []
    for row in csv.DictReader(io.StringIO(core_csv.lstrip("\ufeff"))):
        key = (row["series_code"], int(row["year"]))
        if key not in here:
            out.append(f"{key[0]} {key[1]}: missing")
        elif here[key] != row["value"]:
            out.append(f"{key[0]} {key[1]}: {here[key]} vs {row['value']}")
    return out


def where(data: peers.PeerData) -> list[tuple]:
    return [(p.line, p.column, p.code) for p in data.problems]


# ---------------------------------------------------------------------------------------------- the bundled file


def test_the_bundled_extract_has_no_problems(bundled):
    assert bundled.problems == ()
    assert set(bundled.rows["country"]) == set(peers.ECONOMIES)
    assert len(bundled.series) == 35


def test_viet_nam_rows_are_string_identical_to_the_viet_nam_extract(bundled):
    assert disagreements(bundled, "VNM", (DATA / "sources" / "vnm_wdi_core.csv").read_text(encoding="utf-8")) == []


def test_a_changed_digit_in_viet_nam_is_caught(bundled):
    core = (DATA / "sources" / "vnm_wdi_core.csv").read_text(encoding="utf-8")
    first = core.splitlines()[1]
    value = first.rsplit(",", 2)[-2]
    changed = core.replace(first, first.replace("," + value + ",", "," + value + "1,"), 1)
    assert len(disagreements(bundled, "VNM", changed)) == 1


# SHA-256 of the extract as copied from the reference folder (PROVENANCE.md): a changed byte is a new extract.
PEERS_SHA256 = "38db3b027acbb66836b4ebbb79b3bcb891a44065750d068d605111635885d764"


def test_the_bundled_file_is_the_copied_extract_byte_for_byte():
    assert hashlib.sha256((DATA / "sources" / "peers_wdi.csv").read_bytes()).hexdigest() == PEERS_SHA256


# ---------------------------------------------------------------------------------------------- validation

GOOD = "VNM,Viet Nam,SP.POP.TOTL,\"Population, total\",2020,97000000,persons\n"
CASES = [
    ("non-numeric value", "VNM,Viet Nam,SP.POP.TOTL,P,2020,7,09,persons\n", [(2, "", "ragged-row")]),
    ("decimal comma, quoted", "VNM,Viet Nam,SP.POP.TOTL,P,2020,\"7,09\",persons\n", [(2, "value", "bad-number")]),
    ("words for a value", "VNM,Viet Nam,SP.POP.TOTL,P,2020,n/a,persons\n", [(2, "value", "not-finite")]),
    ("NaN", "VNM,Viet Nam,SP.POP.TOTL,P,2020,NaN,persons\n", [(2, "value", "not-finite")]),
    ("a number in words", "VNM,Viet Nam,SP.POP.TOTL,P,2020,seven,persons\n", [(2, "value", "bad-number")]),
    ("overflow", "VNM,Viet Nam,SP.POP.TOTL,P,2020,1e999,persons\n", [(2, "value", "not-finite")]),
    ("unknown country", "XXX,Nowhere,SP.POP.TOTL,P,2020,1,persons\n", [(2, "country_code", "bad-choice")]),
    ("lower-case code", "vnm,Viet Nam,SP.POP.TOTL,P,2020,1,persons\n", [(2, "country_code", "bad-choice")]),
    ("year before WDI", "VNM,Viet Nam,SP.POP.TOTL,P,1959,1,persons\n", [(2, "year", "bad-year")]),
    ("year in the future", "VNM,Viet Nam,SP.POP.TOTL,P,2030,1,persons\n", [(2, "year", "bad-year")]),
    ("not a year", "VNM,Viet Nam,SP.POP.TOTL,P,19x0,1,persons\n", [(2, "year", "bad-year")]),
    ("blank value", "VNM,Viet Nam,SP.POP.TOTL,P,2020,,persons\n", [(2, "value", "blank-cell")]),
    ("unknown unit", "VNM,Viet Nam,SP.POP.TOTL,P,2020,1,people\n", [(2, "unit", "bad-choice")]),
    ("duplicate key", GOOD + GOOD, [(3, "year", "dataset-duplicate")]),
    ("a quoted line break moves the lines", "VNM,Viet Nam,SP.POP.TOTL,\"Population,\ntotal\",2019,1,persons\n"
     "VNM,Viet Nam,SP.POP.TOTL,P,2020,x,persons\n", [(4, "value", "bad-number")]),
    ("a blank line is counted", "\n" + "VNM,Viet Nam,SP.POP.TOTL,P,2020,x,persons\n", [(3, "value", "bad-number")]),
]


@pytest.mark.parametrize(("why", "body", "expected"), CASES, ids=[c[0] for c in CASES])
def test_a_broken_cell_is_reported_at_its_line_and_column(why, body, expected):
    data = read(body)
    assert where(data) == expected
    assert all(p.file == peers.FILE for p in data.problems)
    # The validator, picking the spec from the header, reports the file as the page reads it.
    assert read_dataset(DataFiles(files={peers.FILE: (HEADER + body).encode()}), peers.FILE)[1] == list(data.problems)


def test_a_broken_row_is_left_out_and_the_others_kept():
    data = read(GOOD + "VNM,Viet Nam,SP.POP.TOTL,P,2021,x,persons\n" + GOOD.replace("2020", "2022"))
    assert data.rows["year"].tolist() == [2020, 2022]
    assert data.rows["line"].tolist() == [2, 4]
    assert data.rows["text"].tolist() == ["97000000", "97000000"]


def test_a_missing_column_and_an_unreadable_file_are_problems_not_exceptions():
    assert [p.code for p in read_bytes(b"country_code,year,value\nVNM,2020,1\n").problems] == ["missing-column"] * 4
    assert [p.code for p in read_bytes(b"\xff\xfe\x00b").problems] == ["encoding"]
    assert [p.code for p in read_bytes(b"").problems] == ["empty-file"]
    assert [p.code for p in peers.load("/nonexistent").problems] == ["missing-file"]


def test_a_bom_and_crlf_read_the_same():
    data = read_bytes(("\ufeff" + HEADER + GOOD).replace("\n", "\r\n").encode("utf-8"))
    assert data.problems == () and len(data.rows) == 1


@settings(max_examples=200, deadline=None)
@given(value=hs.text(max_size=12))
def test_any_value_cell_is_kept_exactly_when_it_is_a_finite_number(value):
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n").writerow(["VNM", "Viet Nam", "SP.POP.TOTL", "P", "2020", value, "persons"])
    data = read(buffer.getvalue())
    # The data files' number rule: plain decimal text, . as the decimal mark, an exponent allowed, as written.
    finite = bool(re.fullmatch(r"-?[0-9]+(?:\.[0-9]+)?(?:[eE][-+]?[0-9]+)?", value)) and math.isfinite(float(value))
    assert (len(data.rows) == 1) == finite
    if finite:
        assert data.rows["text"].iloc[0] == value
    else:
        assert len(data.problems) >= 1


@settings(max_examples=100, deadline=None)
@given(blob=hs.binary(max_size=300))
def test_any_bytes_read_without_an_exception(blob):
    data = read_bytes(blob)
    assert all(p.file == peers.FILE for p in data.problems)
    assert data.rows["year"].between(*peers.YEARS).all() and data.rows["value"].map(math.isfinite).all()


# ---------------------------------------------------------------------------------------------- transforms


def tiny() -> peers.PeerData:
    """Two countries and a group, hand-sized numbers."""
    rows = []
    for country, gdp, pop, fdi, share in (("VNM", (100e9, 110e9, 121e9), (100e6, 101e6, 102e6), (10e9, 11e9, 12.1e9),
                                           (50, 55, 52)),
                                          ("THA", (400e9, 420e9, 430e9), (70e6, 70e6, 70e6), (8e9, -2e9, 4e9),
                                           (120, 118, 119)),
                                          ("EAS", (2000e9, 2100e9, 2200e9), (2000e6, 2010e6, 2020e6), (100e9, 90e9, 95e9),
                                           (60, 61, 62))):
        for n, year in enumerate((2020, 2021, 2022)):
            rows += [(country, peers.GDP, "current US$", year, gdp[n]), (country, peers.POPULATION, "persons", year, pop[n]),
                     (country, "BX.KLT.DINV.CD.WD", "current US$", year, fdi[n]),
                     (country, "TX.VAL.MRCH.CD.WT", "current US$", year, fdi[n] * 3 if fdi[n] > 0 else 1e9),
                     (country, "TG.VAL.TOTL.GD.ZS", "percent of GDP", year, share[n]),
                     (country, peers.GDP_GROWTH, "percent", year, 10.0)]
    body = "".join(f"{c},{c},{s},{s},{y},{v!r},{u}\n" for c, s, u, y, v in rows)
    data = read(body)
    assert data.problems == ()
    return data


def values(shown: peers.Shown, country: str) -> dict[int, float]:
    frame = shown.frame[shown.frame["country"] == country]
    return dict(zip(frame["year"], frame["value"]))


def test_the_level_is_scaled_for_reading():
    shown = peers.transform(tiny(), peers.GDP, ["VNM"], "level")
    assert shown.unit == "usd_bn"
    assert values(shown, "VNM") == {2020: 100.0, 2021: 110.0, 2022: 121.0}


def test_the_index_is_100_in_the_base_year():
    shown = peers.transform(tiny(), peers.GDP, ["VNM", "THA"], "index", base_year=2021)
    assert shown.unit == "index_base" and shown.base_year == 2021
    assert values(shown, "VNM")[2021] == 100.0 and values(shown, "THA")[2021] == 100.0
    assert values(shown, "VNM")[2022] == pytest.approx(110.0)
    assert values(shown, "THA")[2020] == pytest.approx(400 / 420 * 100)


def test_the_index_leaves_out_an_economy_without_a_base_value():
    data = tiny()
    shown = peers.transform(data, "TX.VAL.MRCH.CD.WT", ["VNM", "THA"], "index", base_year=2021)
    assert "THA" not in shown.left_out  # THA's 2021 value is 1e9, positive
    shown = peers.transform(data, peers.GDP, ["VNM", "JPN"], "index", base_year=2021)
    assert shown.left_out == ("JPN",)


@settings(max_examples=60, deadline=None)
@given(series=hs.lists(hs.floats(min_value=1e-3, max_value=1e15, allow_nan=False), min_size=2, max_size=8),
       base_at=hs.integers(min_value=0, max_value=7))
def test_the_index_is_100_in_the_base_year_for_any_positive_series(series, base_at):
    base_at = base_at % len(series)
    body = "".join(f"VNM,V,{peers.GDP},G,{2000 + n},{v!r},current US$\n" for n, v in enumerate(series))
    shown = peers.transform(read(body), peers.GDP, ["VNM"], "index", base_year=2000 + base_at)
    assert values(shown, "VNM")[2000 + base_at] == pytest.approx(100.0, rel=1e-12)


def test_per_capita_is_the_amount_over_population():
    shown = peers.transform(tiny(), peers.GDP, ["VNM", "EAS"], "percap")
    assert shown.unit == "usd_per_person"
    assert values(shown, "VNM")[2021] == pytest.approx(110e9 / 101e6)  # 1089.1089...
    assert values(shown, "EAS")[2020] == pytest.approx(1000.0)  # groups: WDI's totals divide exactly


def test_percent_of_gdp_is_the_amount_over_gdp_and_leaves_groups_out():
    shown = peers.transform(tiny(), "BX.KLT.DINV.CD.WD", ["VNM", "THA", "EAS"], "pctgdp")
    assert shown.unit == "pct_gdp" and shown.left_out == ("EAS",)
    assert values(shown, "VNM") == pytest.approx({2020: 10.0, 2021: 10.0, 2022: 10.0})
    assert values(shown, "THA")[2021] == pytest.approx(-2 / 420 * 100)
    assert "EAS" not in set(shown.frame["country"])


def test_change_on_a_year_earlier_is_a_percent_for_amounts_and_a_difference_for_shares_and_signed_flows():
    data = tiny()
    gdp = peers.transform(data, peers.GDP, ["VNM"], "yoy")
    assert gdp.unit == "pct_change" and values(gdp, "VNM") == pytest.approx({2021: 10.0, 2022: 10.0})
    share = peers.transform(data, "TG.VAL.TOTL.GD.ZS", ["VNM"], "yoy")
    assert share.unit == "pp" and values(share, "VNM") == pytest.approx({2021: 5.0, 2022: -3.0})
    fdi = peers.transform(data, "BX.KLT.DINV.CD.WD", ["THA"], "yoy")  # signed: 8 -> -2 -> 4 (USD bn)
    assert fdi.unit == "usd_bn" and values(fdi, "THA") == pytest.approx({2021: -10.0, 2022: 6.0})


def test_per_capita_growth_is_derived_from_gdp_growth_and_population():
    data = tiny()
    shown = peers.transform(data, peers.PCAP_GROWTH, ["VNM", "THA"], "level")
    assert shown.unit == "percent"
    assert values(shown, "VNM")[2021] == pytest.approx((1.10 * 100 / 101 - 1) * 100)  # 8.9109 %
    assert values(shown, "THA")[2021] == pytest.approx(10.0)  # population flat
    assert 2020 not in values(shown, "VNM")  # no population a year earlier


def test_the_stale_per_capita_growth_series_is_not_offered_and_the_derived_one_is(bundled):
    offered = peers.offered_series(bundled)
    assert "NY.GDP.PCAP.KD.ZG" not in offered
    assert offered.index(peers.PCAP_GROWTH) == offered.index(peers.GDP_GROWTH) + 1
    assert set(offered) == set(bundled.series.index) - peers.STALE | {peers.PCAP_GROWTH}


def test_transforms_offered_follow_the_unit(bundled):
    assert peers.transforms_for(bundled, "TG.VAL.TOTL.GD.ZS") == ("level", "yoy")
    assert peers.transforms_for(bundled, "TX.VAL.MRCH.CD.WT") == ("level", "index", "percap", "pctgdp", "yoy")
    assert peers.transforms_for(bundled, peers.GDP) == ("level", "index", "percap", "yoy")
    assert peers.transforms_for(bundled, "BX.KLT.DINV.CD.WD") == ("level", "percap", "pctgdp", "yoy")


def test_viet_nam_fdi_over_gdp_in_2024_from_the_bundled_file(bundled):
    shown = peers.transform(bundled, "BX.KLT.DINV.CD.WD", ["VNM"], "pctgdp")
    rows = bundled.rows.set_index(["country", "series", "year"])["value"]
    expected = rows[("VNM", "BX.KLT.DINV.CD.WD", 2024)] / rows[("VNM", peers.GDP, 2024)] * 100
    assert values(shown, "VNM")[2024] == pytest.approx(expected)
    assert 3 < expected < 6  # about USD 20 bn over about USD 476 bn


# ---------------------------------------------------------------------------------------------- ranks, then and now


def ranked() -> peers.Shown:
    frame = pd.DataFrame([(c, y, v) for y, row in ((2010, {"VNM": 1, "THA": 3, "MYS": 2, "EAS": 9}),
                                                   (2015, {"VNM": 2, "THA": 3, "MYS": 1, "EAS": 9}),
                                                   (2020, {"VNM": 5, "THA": 4, "MYS": 4, "EAS": 9}))
                          for c, v in row.items()], columns=["country", "year", "value"])
    return peers.Shown(frame, "percent")


def test_ranks_are_among_the_chosen_countries_highest_first_and_groups_never_ranked():
    table = peers.rank_table(ranked(), 2020, ["VNM", "THA", "MYS", "EAS"])
    assert table["country"].tolist() == ["VNM", "MYS", "THA"]
    assert table["rank"].tolist() == [1, 2, 2]  # a tie shares the better rank
    assert table["of"].tolist() == [3, 3, 3]
    vnm = table.iloc[0]
    assert (vnm["rank_5"], vnm["gain_5"], vnm["rank_10"], vnm["gain_10"]) == (2, 1, 3, 2)


def test_a_rank_with_no_figure_then_is_missing_not_zero():
    table = peers.rank_table(ranked(), 2020, ["VNM"], spans=(5, 20))
    assert table.loc[0, "rank_5"] == 1 and pd.isna(table.loc[0, "rank_20"])


def test_then_and_now_pairs_two_years_sorted_by_the_later_value():
    table = peers.then_and_now(ranked(), 2010, 2020, ["VNM", "THA", "EAS", "JPN"])
    assert table["country"].tolist() == ["EAS", "VNM", "THA"]
    assert table["change"].tolist() == [0, 4, 1]


# ---------------------------------------------------------------------------------------------- the link from Trends


def test_indicator_series_agree_with_the_dataset_rows_of_observations(bundled):
    observations = pd.read_csv(DATA / "observations.csv", dtype=str, keep_default_na=False)
    sources = pd.read_csv(DATA / "sources.csv", dtype=str, keep_default_na=False).set_index("id")
    dataset = observations[observations["source_id"].map(sources["kind"]) == "dataset"]
    found = {(i, q) for i, q in zip(dataset["indicator"], dataset["quote"]) if q in bundled.series.index}
    assert found == set(peers.INDICATOR_SERIES.items())
    assert peers.indicator_series("trade_turnover_pct_gdp") == "TG.VAL.TOTL.GD.ZS"
    assert peers.indicator_series("fdi_registered") is None


def test_the_trends_link_picks_the_series_and_keeps_the_language(bundled):
    assert trends_link("gdp_growth", "vi") == {"ind": "NY.GDP.MKTP.KD.ZG"}
    assert trends_link("exports", "en") == {"ind": "TX.VAL.MRCH.CD.WT", "lang": "en"}
    assert trends_link("fdi_registered", "en") is None
    view, notices = parse_peers(trends_link("fdi_net_inflows_bop", "en"), choices(bundled))
    assert notices == [] and view.series == "BX.KLT.DINV.CD.WD"


# ---------------------------------------------------------------------------------------------- the URL


def choices(data: peers.PeerData) -> PeersChoices:
    series = peers.offered_series(data)
    return PeersChoices(economies=peers.ECONOMIES, series=series, years=lambda s: peers.year_range(data, s),
                        default_years=lambda s: peers.default_years(data, s),
                        transforms=lambda s: peers.transforms_for(data, s),
                        default_countries=peers.DEFAULT_COUNTRIES, default_series=peers.DEFAULT_SERIES)


def test_no_parameters_give_the_default_view(bundled):
    view, notices = parse_peers({}, choices(bundled))
    assert notices == []
    assert view == PeersView(("VNM", "IDN", "MYS", "PHL", "SGP", "THA", "CHN"), "TG.VAL.TOTL.GD.ZS", 2000, 2025, "level")


def test_codes_are_read_in_any_case_and_repeats_dropped(bundled):
    view, notices = parse_peers({"countries": "vnm, tha,VNM,eas", "ind": "bx.klt.dinv.cd.wd", "tf": "PCTGDP",
                                 "from": "2010", "to": "2020"}, choices(bundled))
    assert notices == []
    assert view == PeersView(("VNM", "THA", "EAS"), "BX.KLT.DINV.CD.WD", 2010, 2020, "pctgdp")


@pytest.mark.parametrize(("params", "param", "reason"), [
    ({"countries": "VNM,XXX"}, "countries", "unknown_country"),
    ({"ind": "NOPE"}, "ind", "unknown_indicator"),
    ({"ind": "NY.GDP.PCAP.KD.ZG"}, "ind", "unknown_indicator"),  # the stale series is not offered
    ({"from": "1900"}, "from", "bad_year"),
    ({"to": "20x5"}, "to", "bad_year"),
    ({"tf": "index"}, "tf", "tf_unavailable"),  # a share has no index
    ({"tf": "log"}, "tf", "tf_unavailable"),
    ({"from": "2020", "to": "2010"}, "from", "swapped"),
    ({"zz": "1"}, "zz", "unknown_param"),
    ({"countries": "x" * 3000}, "countries", "too_long"),
])
def test_a_bad_value_is_ignored_with_a_notice(bundled, params, param, reason):
    view, notices = parse_peers(params, choices(bundled))
    assert [(n.param, n.reason) for n in notices] == [(param, reason)]
    for notice in notices:
        assert notice.text("vi") and notice.text("en")


def test_other_pages_parameters_are_dropped_silently(bundled):
    view, notices = parse_peers({"q": "x", "fig": "3", "view": "table"}, choices(bundled))
    assert notices == []


def test_only_unknown_countries_give_the_default_countries(bundled):
    view, _ = parse_peers({"countries": "XXX"}, choices(bundled))
    assert view.countries == peers.DEFAULT_COUNTRIES
    view, _ = parse_peers({"countries": ""}, choices(bundled))
    assert view.countries == ()


def test_an_end_year_before_the_default_start_starts_there(bundled):
    view, notices = parse_peers({"to": "1990"}, choices(bundled))
    assert (view.year_from, view.year_to, notices) == (1990, 1990, [])


@settings(max_examples=150, deadline=None)
@given(data=hs.data())
def test_the_url_round_trips(bundled, data):
    options = choices(bundled)
    series = data.draw(hs.sampled_from(list(options.series)))
    lo, hi = options.years(series)
    a = data.draw(hs.integers(lo, hi))
    b = data.draw(hs.integers(a, hi))
    countries = tuple(data.draw(hs.lists(hs.sampled_from(peers.ECONOMIES), unique=True, max_size=8)))
    view = PeersView(countries, series, a, b, data.draw(hs.sampled_from(options.transforms(series))))
    again, notices = parse_peers(view.to_params(), options)
    assert notices == [] and again == view


# ---------------------------------------------------------------------------------------------- words and numbers


def test_every_string_has_the_same_placeholders_in_both_languages():
    import string

    for key, (vi, en) in ps.STRINGS.items():
        names = [{f for _, f, _, _ in string.Formatter().parse(s) if f} for s in (vi, en)]
        assert names[0] == names[1], key
        assert i18n.STRINGS[key] == (vi, en)  # merged into the app's table


def test_country_names_come_from_cldr_and_groups_from_our_table():
    assert ps.country_name("VNM", "vi") == "Việt Nam" and ps.country_name("VNM", "en") == "Viet Nam"
    assert ps.country_name("KOR", "vi") == "Hàn Quốc" and ps.country_name("KHM", "en") == "Cambodia"
    assert ps.country_name("WLD", "vi") == "Thế giới"
    for code in peers.ECONOMIES:
        assert ps.country_name(code, "vi") != code and ps.country_name(code, "en") != code


def test_every_offered_series_and_unit_has_words_in_both_languages(bundled):
    for code in peers.offered_series(bundled):
        assert code in ps.SERIES_NAMES, code
    assert set(peers.LEVEL_UNITS) == set(model.PEER_UNIT_KINDS)
    for label, unit in peers.LEVEL_UNITS.items():
        assert units.dataset_shift(label, unit) is not None, label  # scaled by core/units.py
        assert units.UNITS[unit].label[0] and units.UNITS[unit].label[1]


@pytest.mark.parametrize(("value", "lang", "places", "expected"), [
    (1234.567, "vi", 2, "1.234,57"), (1234.567, "en", 2, "1,234.57"), (7.09, "vi", 2, "7,09"),
    (-2.5, "en", 1, "\u22122.5"), (-0.001, "en", 2, "0.00"), (float("nan"), "vi", 2, "–"), (180000, "vi", 0, "180.000"),
])
def test_numbers_are_written_the_way_each_language_writes_them(value, lang, places, expected):
    assert formatting.number(value, lang, places) == expected


def test_the_description_says_what_is_shown():
    assert ps.describe(2000, 2024, 7, "index", "en", base=2000) == "2000–2024, 7 economies, index, 2000 = 100"
    assert ps.describe(2000, 2024, 3, "yoy", "vi") == "2000–2024, 3 nền kinh tế, thay đổi so với năm trước"


# ---------------------------------------------------------------------------------------------- figures and tables


def test_the_lines_figure_draws_one_line_per_economy_groups_dashed(bundled):
    shown = peers.transform(bundled, "TG.VAL.TOTL.GD.ZS", ["VNM", "THA", "EAS"], "level")
    rows = peers.between(shown, 2010, 2020)
    fig = peer_charts.lines_figure(rows, ["VNM", "THA", "EAS"], shown.unit, "vi", "Tiêu đề", "phụ đề")
    assert [tr.name for tr in fig.data] == ["Việt Nam", "Thái Lan", "Đông Á – Thái Bình Dương (nhóm)"]
    assert [tr.line.dash for tr in fig.data] == ["solid", "solid", "dash"]
    assert list(fig.data[0].x) == list(range(2010, 2021))
    assert fig.layout.separators == ",." and fig.layout.annotations[0].text == "% GDP"
    assert fig.layout.legend.orientation == "h"


def test_a_gap_in_the_years_breaks_the_line():
    frame = pd.DataFrame({"country": ["VNM"] * 3, "year": [2010, 2012, 2014], "value": [1.0, 2.0, 3.0]})
    fig = peer_charts.lines_figure(frame, ["VNM"], "score_1_5", "en", "LPI", "")
    assert list(fig.data[0].x) == [2010, None, 2012, None, 2014]


def test_names_are_never_read_as_html():
    frame = pd.DataFrame({"country": ["VNM"], "year": [2010], "value": [1.0]})
    fig = peer_charts.lines_figure(frame, ["VNM"], "percent", "en", "<b>x</b> & <script>", "<i>")
    assert "<script>" not in fig.layout.title.text and "&lt;script&gt;" in fig.layout.title.text


def test_the_dumbbell_has_a_dot_for_each_year():
    table = peers.then_and_now(ranked(), 2010, 2020, ["VNM", "THA", "EAS"])
    fig = peer_charts.dumbbell_figure(table, "percent", "en", 2010, 2020, "t", "s")
    assert [tr.name for tr in fig.data if tr.mode == "markers"] == ["2010", "2020"]
    assert list(fig.data[-1].x) == [9, 5, 4]


def test_topojson_arcs_are_decoded_and_reversed():
    topo = {"type": "Topology", "transform": {"scale": [1, 1], "translate": [100, 10]},
            "arcs": [[[0, 0], [2, 0], [0, 2]], [[2, 2], [-2, 0], [0, -2]]],
            "objects": {"countries": {"type": "GeometryCollection", "geometries": [
                {"type": "Polygon", "id": "VNM", "arcs": [[0, 1]]},
                {"type": "Polygon", "id": "ZZZ", "arcs": [[~1, ~0]]},
                {"type": "Polygon", "id": "FAR", "arcs": [[0]]}]}}}
    shapes = maps.shapes_from_topojson(topo, window={"lon": (99, 103), "lat": (9, 13)})
    assert shapes["VNM"] == [[(100, 10), (102, 10), (102, 12), (100, 12), (100, 10)]]
    assert shapes["ZZZ"] == [[(100, 10), (100, 12), (102, 12), (102, 10), (100, 10)]]
    assert "FAR" in shapes
    assert maps.shapes_from_topojson(topo, window={"lon": (0, 1), "lat": (0, 1)}) == {}


def test_the_map_draws_offline_with_a_dot_for_singapore(bundled):
    import json

    topo = json.loads((DATA / "maps" / "world_110m.json").read_bytes())
    shapes = maps.shapes_from_topojson(topo, peer_charts.WINDOW)
    assert {"VNM", "CHN", "IDN", "JPN"} <= set(shapes) and "SGP" not in shapes and "USA" not in shapes
    values = peers.at_year(peers.transform(bundled, "TG.VAL.TOTL.GD.ZS", list(peers.COUNTRIES), "level"), 2024)
    fig = peer_charts.map_figure(values, shapes, "pct_gdp", "en", "Trade", "2024")
    assert "geo" not in fig.to_plotly_json()["layout"]  # no plotly geo subplot: nothing fetched from a CDN
    dots = fig.data[-1]
    assert "Singapore" in dots.text and dots.marker.showscale
    assert len(dots.text) == len(values)


def test_the_csv_holds_exactly_the_rows_of_the_table(bundled):
    shown = peers.transform(bundled, "TG.VAL.TOTL.GD.ZS", ["VNM", "THA"], "level")
    rows = peer_tables.series_rows(peers.between(shown, 2020, 2024), ["VNM", "THA"], shown.unit, "vi")
    table = peer_tables.for_reading(rows, shown.unit, "vi")
    back = pd.read_csv(io.BytesIO(peer_tables.csv_bytes(rows)), encoding="utf-8-sig")
    assert len(back) == len(table) == 10
    assert back["Mã"].tolist() == table["Mã"].tolist() == ["VNM"] * 5 + ["THA"] * 5
    assert back["Giá trị"].round(2).map(lambda v: formatting.number(v, "vi", 2)).tolist() == table["Giá trị"].tolist()
