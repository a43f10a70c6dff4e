"""Peers: World Development Indicators for Viet Nam beside ASEAN and Asian peers (data/sources/peers_wdi.csv).

Rules of this module, in one list:

1. The file is a dataset source of data/sources.csv, read and checked by the validator's rules for a
   multi-economy extract (`datasets.read_dataset` with `model.PEERS_FILE`): a broken cell is a `Problem` at the
   line a person sees and its row is left out; nothing raises on bad input.
2. A row is (country, series, year) -> value; a repeated key is an error, and so is an economy outside the
   19 extracted (15 countries, 4 World Bank aggregates), a year outside 1960–2026, a value that is not a
   finite number, or a unit with no kind in `model.PEER_UNIT_KINDS` (the kind decides which transforms fit).
3. Transforms never mix units: one series, one transform, one unit on the axis.
   - level: as published, scaled for reading (current US$ -> USD bn, persons -> millions);
   - index: the value over its value in the base year (the first year shown) x 100, for positive amounts;
   - per capita: a current-US$ amount over population (SP.POP.TOTL), in US$ per person;
   - % of GDP: a current-US$ amount over GDP (NY.GDP.MKTP.CD) x 100; aggregates are left out, because WDI
     computes an aggregate's ratio over the members that report both figures, not from aggregate totals;
   - change on a year earlier: % change of an amount (left out where the earlier value is not positive);
     the difference, in points of its unit, of a share, an index, days or a signed flow.
4. GDP per capita growth as published here (NY.GDP.PCAP.KD.ZG) is of an older vintage than GDP growth;
   it is not offered: `derived_per_capita_growth` computes it from GDP growth and population instead.
5. Ranks are among the chosen countries (never the aggregates) with a value that year, highest value first.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from vnintegration.core import model, units
from vnintegration.core.datasets import read_dataset
from vnintegration.core.load import LINE, DataFiles
from vnintegration.core.problems import Problem

FILE = "sources/peers_wdi.csv"
SOURCE_ID = "wdi-peers-2026-07"  # its row in data/sources.csv
YEARS = model.PEER_YEARS

COUNTRIES = model.PEER_COUNTRIES  # alpha-3 -> alpha-2
AGGREGATES = model.PEER_AGGREGATES  # World Bank groups: drawn dashed, never ranked
ECONOMIES = (*COUNTRIES, *AGGREGATES)
ASEAN5 = ("IDN", "MYS", "PHL", "SGP", "THA")
DEFAULT_COUNTRIES = ("VNM", *ASEAN5, "CHN")
HOME = model.HOME_ECONOMY

GDP, POPULATION, GDP_GROWTH = "NY.GDP.MKTP.CD", "SP.POP.TOTL", "NY.GDP.MKTP.KD.ZG"
STALE = {"NY.GDP.PCAP.KD.ZG"}  # caveat 1 of the provenance: derive it instead
PCAP_GROWTH = "DERIVED.GDP.PCAP.GROWTH"  # GDP per capita growth computed from GDP growth and population
DEFAULT_SERIES = "TG.VAL.TOTL.GD.ZS"
DEFAULT_FROM = 2000
# The order of the indicator picker: growth and size, trade, investment and external finance, logistics, other.
SERIES_ORDER = (
    GDP_GROWTH, PCAP_GROWTH, GDP, "NY.GDP.PCAP.CD", POPULATION,
    "TG.VAL.TOTL.GD.ZS", "NE.EXP.GNFS.ZS", "NE.IMP.GNFS.ZS", "TX.VAL.MRCH.CD.WT", "TM.VAL.MRCH.CD.WT",
    "TX.VAL.TECH.MF.ZS", "TX.VAL.TECH.CD", "TX.MNF.TECH.ZS.UN", "TX.VAL.FUEL.ZS.UN", "TX.VAL.MMTL.ZS.UN",
    "TT.PRI.MRCH.XD.WD",
    "BX.KLT.DINV.CD.WD", "BN.CAB.XOKA.CD", "FI.RES.TOTL.CD", "BX.TRF.PWKR.CD.DT", "DT.ODA.ODAT.CD",
    "DT.DOD.DECT.CD", "DT.DOD.DECT.GN.ZS", "DT.TDS.DECT.EX.ZS", "BX.GSR.ROYL.CD", "BM.GSR.ROYL.CD",
    "LP.LPI.OVRL.XQ", "LP.EXP.DURS.MD", "LP.IMP.DURS.MD", "IS.SHP.GOOD.TU",
    "ST.INT.RCPT.XP.ZS", "ST.INT.XPND.MP.ZS", "SM.POP.TOTL", "SM.POP.NETM", "EG.IMP.CONS.ZS",
)

TRANSFORMS = ("level", "index", "percap", "pctgdp", "yoy")

# The file's unit label -> the unit (core/units.py) its level is shown in; the value is scaled to it by
# `units.dataset_shift`. What kind of figure each label is: model.PEER_UNIT_KINDS.
LEVEL_UNITS: dict[str, str] = {
    "current US$": "usd_bn", "current US$ per person": "usd_per_person", "persons": "persons_mn",
    "persons (net)": "persons_th", "TEU (20-foot equivalent units)": "teu_mn", "percent": "percent",
    "percent of GDP": "pct_gdp", "percent of GNI": "pct_gni", "percent of manufactured exports": "pct_manuf_exports",
    "percent of merchandise exports": "pct_merch_exports", "percent of total exports": "pct_total_exports",
    "percent of total imports": "pct_total_imports",
    "percent of exports of goods, services and primary income": "pct_exports_gspi",
    "percent of energy use": "pct_energy_use", "index (2015 = 100)": "index_2015",
    "index (1 = low to 5 = high)": "score_1_5", "days": "days",
}
# Signed current-US$ flows: a % change of a value that can be negative means nothing; take differences.
SIGNED = {"BX.KLT.DINV.CD.WD", "BN.CAB.XOKA.CD"}
# What a difference of a share is measured in.
_DIFFERENCE_UNIT = {"percent": "pp", "pct_gdp": "pp", "pct_gni": "pp", "pct_manuf_exports": "pp",
                    "pct_merch_exports": "pp", "pct_total_exports": "pp", "pct_total_imports": "pp",
                    "pct_exports_gspi": "pp", "pct_energy_use": "pp", "index_2015": "points",
                    "score_1_5": "points", "days": "days"}

# The dashboard's indicators (data/indicators.csv) whose WDI series the peers file holds, as the dataset rows of
# data/observations.csv name them in `quote` (a test checks this table against those rows).
INDICATOR_SERIES: dict[str, str] = {
    "gdp_growth": "NY.GDP.MKTP.KD.ZG",
    "gdp_usd": "NY.GDP.MKTP.CD",
    "exports": "TX.VAL.MRCH.CD.WT",
    "imports": "TM.VAL.MRCH.CD.WT",
    "exports_gnfs_pct_gdp": "NE.EXP.GNFS.ZS",
    "imports_gnfs_pct_gdp": "NE.IMP.GNFS.ZS",
    "trade_turnover_pct_gdp": "TG.VAL.TOTL.GD.ZS",
    "fdi_net_inflows_bop": "BX.KLT.DINV.CD.WD",
}


# ---------------------------------------------------------------------------------------------- reading


@dataclass(frozen=True)
class PeerData:
    """The valid rows (country, series, year, value as float, text as written, line) and what was wrong."""

    rows: pd.DataFrame
    series: pd.DataFrame  # one row per series code: name (English, as in the file), unit (the file's label)
    problems: tuple[Problem, ...] = ()

    def series_years(self, code: str) -> tuple[int, int] | None:
        years = self.rows.loc[self.rows["series"] == code, "year"]
        return (int(years.min()), int(years.max())) if len(years) else None


def load(data: str | Path | DataFiles) -> PeerData:
    """sources/peers_wdi.csv of DATA (a data directory, or its files: a reader's upload), read and checked; a
    missing file is a problem, not an exception."""
    files = data if isinstance(data, DataFiles) else DataFiles.from_dir(data)
    frame, problems = read_dataset(files, FILE, model.PEERS_FILE)
    rows = pd.DataFrame({
        "country": frame[model.ECONOMY_COLUMN].astype(object).to_numpy(),
        "series": frame["series_code"].astype(object).to_numpy(),
        "year": frame["year"].astype("int64").to_numpy(),
        "value": frame["value"].astype("float64").to_numpy(),
        "text": frame["value"].astype(object).to_numpy(),
        "line": frame[LINE].astype("int64").to_numpy(),
    })
    first = frame.drop_duplicates("series_code")
    series = pd.DataFrame({"code": first["series_code"].astype(object).to_numpy(),
                           "name": first["series_name"].astype(object).to_numpy(),
                           "unit": first["unit"].astype(object).to_numpy()}).set_index("code", drop=False)
    return PeerData(rows, series, tuple(problems))


# ---------------------------------------------------------------------------------------------- catalogue


def offered_series(peers: PeerData) -> list[str]:
    """The series a reader can pick, in SERIES_ORDER (then any other of the file by code): those of the file
    less the stale one, and derived per-capita growth."""
    held = set(peers.series.index) - STALE
    if {GDP_GROWTH, POPULATION} <= held:
        held.add(PCAP_GROWTH)
    return [c for c in SERIES_ORDER if c in held] + sorted(held - set(SERIES_ORDER))


def series_unit(peers: PeerData, code: str) -> str:
    return "percent" if code == PCAP_GROWTH else str(peers.series.loc[code, "unit"])


def transforms_for(peers: PeerData, code: str) -> tuple[str, ...]:
    """The transforms that make sense for a series (see rule 3)."""
    kind = model.PEER_UNIT_KINDS[series_unit(peers, code)]
    out = ["level"]
    if kind in ("usd", "amount") and code not in SIGNED:
        out.append("index")
    if kind == "usd" and code != GDP:
        out += ["percap", "pctgdp"]
    elif code == GDP:
        out.append("percap")
    out.append("yoy")
    return tuple(out)


def indicator_series(indicator: str) -> str | None:
    """The peers series of a dashboard indicator (for the Trends page's link to /peers), or None."""
    return INDICATOR_SERIES.get(indicator)


def default_years(peers: PeerData, code: str) -> tuple[int, int]:
    """From 2000 (or the series' first year) to the last year Viet Nam (else anyone) has a figure for it."""
    years = year_range(peers, code)
    if years is None:
        return YEARS
    home = _values(peers, code, [HOME])["year"]
    last = int(home.max()) if len(home) else years[1]
    return min(max(years[0], DEFAULT_FROM), last), last


def year_range(peers: PeerData, code: str) -> tuple[int, int] | None:
    """The first and last year with a figure for the series (derived growth: those of GDP growth)."""
    return peers.series_years(GDP_GROWTH if code == PCAP_GROWTH else code)


# ---------------------------------------------------------------------------------------------- transforms


@dataclass(frozen=True)
class Shown:
    """A series under a transform for some economies, all years: country, year, value (in `unit`)."""

    frame: pd.DataFrame
    unit: str  # a unit key: usd_bn, percent, pp, index_base, usd_per_person, pct_change, ...
    left_out: tuple[str, ...] = ()  # economies dropped by the transform (aggregates for % of GDP, no base value)
    base_year: int | None = None


def _values(peers: PeerData, code: str, countries=None) -> pd.DataFrame:
    """country, year, value of one series (derived per-capita growth computed), optionally some economies."""
    rows = peers.rows
    if code == PCAP_GROWTH:
        return derived_per_capita_growth(peers, countries)
    picked = rows[rows["series"] == code]
    if countries is not None:
        picked = picked[picked["country"].isin(list(countries))]
    return picked[["country", "year", "value"]].reset_index(drop=True)


def derived_per_capita_growth(peers: PeerData, countries=None) -> pd.DataFrame:
    """GDP per capita growth, % = ((1 + g/100) x population(t-1) / population(t) - 1) x 100, from GDP growth g
    (NY.GDP.MKTP.KD.ZG) and SP.POP.TOTL of the same vintage."""
    growth = _values(peers, GDP_GROWTH, countries).rename(columns={"value": "g"})
    pop = _values(peers, POPULATION, countries)
    earlier = pop.assign(year=pop["year"] + 1).rename(columns={"value": "p0"})
    merged = growth.merge(pop.rename(columns={"value": "p1"}), on=["country", "year"]).merge(
        earlier, on=["country", "year"])
    merged["value"] = ((1 + merged["g"] / 100) * merged["p0"] / merged["p1"] - 1) * 100
    return merged[["country", "year", "value"]].sort_values(["country", "year"]).reset_index(drop=True)


def transform(peers: PeerData, code: str, countries, tf: str, base_year: int | None = None) -> Shown:
    """The series CODE for COUNTRIES under transform TF, every year it can be computed (see rule 3).

    `base_year` is the index's base (its value there is 100); economies with no positive value in that year
    are left out of the index. Rows with no value are dropped, never filled."""
    countries = list(countries)
    level_unit = series_unit(peers, code)
    kind, unit = model.PEER_UNIT_KINDS[level_unit], LEVEL_UNITS[level_unit]
    power = units.dataset_shift(level_unit, unit)  # file's value -> the level's unit, a power of ten
    values = _values(peers, code, countries)
    left_out: list[str] = []
    if tf == "level":
        out, shown_unit = values.assign(value=units.scale(values["value"], power)), unit
    elif tf == "index":
        if base_year is None:
            raise ValueError("the index needs a base year")
        base = values[values["year"] == base_year].set_index("country")["value"]
        base = base[base > 0]
        left_out = [c for c in countries if c not in base.index]
        out = values[values["country"].isin(base.index)]
        out = out.assign(value=out["value"] / out["country"].map(base) * 100)
        shown_unit = "index_base"
    elif tf == "percap":
        pop = _values(peers, POPULATION, countries).rename(columns={"value": "pop"})
        out = values.merge(pop, on=["country", "year"])
        out = out.assign(value=out["value"] / out["pop"])
        shown_unit = "usd_per_person"
    elif tf == "pctgdp":
        left_out = [c for c in countries if c in AGGREGATES]
        gdp = _values(peers, GDP, [c for c in countries if c not in AGGREGATES]).rename(columns={"value": "gdp"})
        out = values.merge(gdp, on=["country", "year"])
        out = out.assign(value=out["value"] / out["gdp"] * 100)
        shown_unit = "pct_gdp"
    elif tf == "yoy":
        earlier = values.assign(year=values["year"] + 1).rename(columns={"value": "before"})
        out = values.merge(earlier, on=["country", "year"])
        if kind in ("usd", "amount") and code not in SIGNED:
            out = out[out["before"] > 0]
            out = out.assign(value=(out["value"] / out["before"] - 1) * 100)
            shown_unit = "pct_change"
        else:
            out = out.assign(value=units.scale(out["value"] - out["before"], power))
            shown_unit = "pp" if code == PCAP_GROWTH else _DIFFERENCE_UNIT.get(unit, unit)
    else:
        raise ValueError(f"unknown transform {tf!r}")
    out = out[np.isfinite(out["value"])]
    frame = out[["country", "year", "value"]].sort_values(["country", "year"]).reset_index(drop=True)
    return Shown(frame, shown_unit, tuple(left_out), base_year if tf == "index" else None)


def between(shown: Shown, year_from: int, year_to: int) -> pd.DataFrame:
    """The rows of `shown` in year_from..year_to, in the order the countries were chosen (then by year)."""
    frame = shown.frame
    return frame[(frame["year"] >= year_from) & (frame["year"] <= year_to)].reset_index(drop=True)


# ---------------------------------------------------------------------------------------------- comparisons


def ranks(shown: Shown, year: int, countries) -> pd.Series:
    """Rank (1 = highest value) of each chosen country (aggregates never) with a value in YEAR; ties share
    the better rank."""
    frame = shown.frame
    picked = frame[(frame["year"] == year) & frame["country"].isin([c for c in countries if c not in AGGREGATES])]
    values = picked.set_index("country")["value"]
    return values.rank(ascending=False, method="min").astype("int64")


def rank_table(shown: Shown, year: int, countries, spans=(5, 10)) -> pd.DataFrame:
    """One row per chosen country with a value in YEAR, best rank first: value, rank (of how many), and for
    each span the rank that many years earlier and the places gained (positive = moved up). The ranks then
    are among the same chosen countries that had a value then."""
    now = ranks(shown, year, countries)
    frame = shown.frame
    value = frame[frame["year"] == year].set_index("country")["value"]
    table = pd.DataFrame({"country": now.index, "value": value.reindex(now.index).to_numpy(),
                          "rank": now.to_numpy(), "of": len(now)})
    for span in spans:
        then = ranks(shown, year - span, countries)
        before = table["country"].map(then)
        table[f"rank_{span}"] = before.astype("Int64")
        table[f"gain_{span}"] = (before - table["rank"]).astype("Int64")
    return table.sort_values(["rank", "country"]).reset_index(drop=True)


def then_and_now(shown: Shown, year_a: int, year_b: int, countries) -> pd.DataFrame:
    """country, then (value in year_a), now (value in year_b), change: the chosen economies with both values,
    sorted by the later value, highest first."""
    frame = shown.frame
    a = frame[frame["year"] == year_a].set_index("country")["value"]
    b = frame[frame["year"] == year_b].set_index("country")["value"]
    both = [c for c in countries if c in a.index and c in b.index]
    table = pd.DataFrame({"country": both, "then": a.reindex(both).to_numpy(), "now": b.reindex(both).to_numpy()})
    table["change"] = table["now"] - table["then"]
    return table.sort_values("now", ascending=False, kind="stable").reset_index(drop=True)


def at_year(shown: Shown, year: int) -> pd.DataFrame:
    """country, value in YEAR (the map): countries only, aggregates have no shape."""
    frame = shown.frame
    picked = frame[(frame["year"] == year) & ~frame["country"].isin(AGGREGATES)]
    return picked[["country", "value"]].reset_index(drop=True)
