"""Partners: who Viet Nam is integrated with (the Partners page), read and checked in one place.

Rules of this module, in one list:

1. Six files (model.PARTNER_TABLES) are read with `load.read_table`, every cell as text; a broken cell is a
   `Problem` at the line a person sees, and its row is left out of the typed tables; nothing raises on bad input.
   - partners.csv: the catalogue, one row per economy or group. Every partner code used anywhere must be in it.
   - agreements.csv: one row per agreement (WTO RTA record, or RCEP), Viet Nam's in-force date and its parties.
   - partnerships.csv: the level in force on 31 Dec 2025 (csp, sp, cp), its date as precise as stated (a partial
     date or an interval start/end), the level before it, the source address and a verbatim quote;
     `source_stored` says whether the source's text is kept under sources/ (`no`: cited by address only).
   - sources/vnm_ftas.csv (agreement x partner, WTO), sources/vnm_fdi_registered_by_partner.csv (GSO yearbooks)
     and sources/vnm_fdi_position_imf_dip_by_counterpart.csv (IMF, mirror data): extracts kept byte for byte,
     cited in sources.csv; their own cells are checked by `datasets.read_dataset` (the spec their header picks,
     model.PARTNER_EXTRACT_COLUMNS), their partner and agreement codes here against the catalogue.
   Every table is checked with the one row checker, `checks.Checker`.
   A data directory with none of the six files (an upload of the four main tables) has no partner checks.
2. A partner's level on a day: its current level if its date (a partial date stands for its first day, an
   interval for its start: `dates.parse_partial_date`) is on or before the day; else its previous level if a
   previous date is stated and earlier; else none.
3. An FTA covers a partner from the pair's in-force date (the later of Viet Nam's and the partner's). Agreements
   are counted as lines: AFTA and ATIGA are one line, and a row that repeats a pair (CPTPP's UK accession) is no
   new line (`counted_line`).
4. Registered FDI (GSO): capital in million US$ as printed; the printed total row is the total, never the sum of
   the partners listed (the yearbook lists main partners only). The definition widens in 2016 (capital
   contributions and share purchases count from then): a change across 2016 is marked, and a sum over years
   (`fdi_sum`) comes with whether it crosses 2016.
5. IMF positions are each investor's own report of its stock in Viet Nam: shown per investor, labelled so, never
   summed to a total; confidential cells stay blank.
6. Reconciliation (warnings): the partnership table's count on each date that data/observations.csv gives
   `comprehensive_partners` for, and the agreement lines in force at each year end against the WTO-based count
   (sources/vnm_fta_in_force_count.csv, FTA.INFORCE.WTO); the printed FDI total against GSO.FDI.REG.CAP.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

import pandas as pd

from vnintegration.core import model
from vnintegration.core.checks import SNAKE, STRICT_NUMBER, YEAR, Checker, first_day
from vnintegration.core.datasets import read_dataset
from vnintegration.core.dates import parse_partial_date
from vnintegration.core.load import LINE, DataFiles, read_table
from vnintegration.core.model import (
    AGREEMENTS,
    FDI_BY_PARTNER,
    FTA_PAIRS,
    IMF_POSITIONS,
    OBSERVATIONS,
    PARTNER_TABLES,
    PARTNERS,
    PARTNERSHIPS,
)
from vnintegration.core.problems import Problem

LEVELS = ("csp", "sp", "cp")  # comprehensive strategic, strategic, comprehensive: highest first
KINDS = ("economy", "group")
STATUSES = ("in_force", "inactive")
BREAK_YEAR = 2016  # GSO registered FDI: the definition widens from this year
HOME = "VNM"
SAME_LINE = {"atiga": "afta"}  # agreements counted as one line with another
COUNT_INDICATOR = "comprehensive_partners"  # the articles' count of partners at comprehensive level or above
FTA_COUNT_FILE, FTA_COUNT_SERIES = "sources/vnm_fta_in_force_count.csv", "FTA.INFORCE.WTO"
FDI_TOTAL_FILE, FDI_TOTAL_SERIES = "sources/vnm_gso_fdi_registered_yearbook.csv", "GSO.FDI.REG.CAP"

_CODE = r"[A-Z][A-Z0-9]{1,5}"
_SOURCE = r"https?://\S+|github:\S.*"


@dataclass(frozen=True)
class PartnerData:
    """The typed, valid rows of the six files and what was wrong with them."""

    partners: pd.DataFrame      # code (index), iso2, kind, name_vi, name_en, groups (tuple)
    agreements: pd.DataFrame    # id (index), ..., in_force (Timestamp), parties (tuple), line
    partnerships: pd.DataFrame  # partner, level, date (text), start (Timestamp), previous_level, previous_start, ...
    pairs: pd.DataFrame         # partner, agreement, in_force (Timestamp), vn_party
    fdi: pd.DataFrame           # year, partner, projects, capital (partner rows, not the flagged duplicate)
    totals: pd.DataFrame        # year (index), projects, capital: the printed total rows
    imf: pd.DataFrame           # year, partner, position (NaN when confidential), confidential
    problems: tuple[Problem, ...] = field(default=())

    @property
    def present(self) -> bool:
        return len(self.partners) > 0

    def name(self, code: str, lang: str) -> str:
        """A partner's name in LANG (CLDR's, stored in the catalogue); the code when unknown."""
        if code in self.partners.index:
            return str(self.partners.at[code, "name_vi" if lang == "vi" else "name_en"])
        return code


# ---------------------------------------------------------------------------------------------- reading


def read_partners(files: DataFiles, read_extracts=None) -> PartnerData:
    """The six files of FILES, checked (see the module's rules). Never raises. `read_extracts`: file -> (valid
    rows, problems) of the extracts already read by datasets.read_dataset (validate reads each cited one once)."""
    if not any(t.name in files for t in PARTNER_TABLES):
        return _empty(())
    own = (PARTNERS, AGREEMENTS, PARTNERSHIPS)
    read = {t.key: read_table(files, t) for t in own}
    problems = [p for r in read.values() for p in r.problems]
    done = read_extracts or {}
    extracts = {t.key: done[t.name] if t.name in done and model.dataset_spec(done[t.name][0].columns) is t
                else read_dataset(files, t.name, t) for t in PARTNER_TABLES if t not in own}
    problems += [p for _, found in extracts.values() for p in found]

    c = Checker(read[PARTNERS.key].frame, PARTNERS.name)
    c.required(PARTNERS.required)
    c.pattern("code", _CODE, "bad-id", "a code is upper-case letters and digits (ISO3, or a group such as EU)")
    c.unique(["code"], "duplicate-id", "the id appears twice")
    c.choice("kind", KINDS)
    c.pattern("iso2", r"[A-Z]{2}", "bad-id", "an ISO 3166 alpha-2 code, or blank")
    c.known("groups", c.frame.loc[c.frame["kind"] == "group", "code"], split=True)
    problems += c.problems
    partners = c.ok()
    codes = set(partners["code"])
    partners = partners.assign(groups=partners["groups"].map(lambda s: tuple(g for g in s.split(";") if g)))
    partners = partners.set_index("code", drop=False)

    c = Checker(read[AGREEMENTS.key].frame, AGREEMENTS.name)
    c.required(AGREEMENTS.required)
    c.pattern("id", SNAKE, "bad-id", "not a snake_case id")
    c.unique(["id"], "duplicate-id", "the id appears twice")
    c.choice("vn_party", model.FTA_VN_PARTY)
    c.choice("status", STATUSES)
    c.choice("counted_line", model.YES_NO)
    in_force = c.dates("in_force", partial=True)
    c.known("parties", codes, split=True)
    c.rta_id("wto_rta_id")
    problems += c.problems
    agreements = c.ok().assign(in_force=in_force[~c.bad])
    agreements = agreements.assign(
        parties=agreements["parties"].map(lambda s: tuple(p for p in s.split(";") if p)),
        line=agreements["id"].map(lambda a: SAME_LINE.get(a, a)),
    ).set_index("id", drop=False)

    c = Checker(read[PARTNERSHIPS.key].frame, PARTNERSHIPS.name)
    c.required(PARTNERSHIPS.required)
    c.known("partner", codes)
    c.unique(["partner"], "duplicate-id", "the id appears twice")
    c.choice("level", LEVELS)
    c.choice("previous_level", LEVELS)
    start = c.dates("date", partial=True, interval=True)
    previous_start = c.dates("previous_date", partial=True)
    c.choice("source_stored", model.YES_NO)
    c.pattern("source", _SOURCE, "bad-choice", "a source is a web address (https://...) or github:repo @ commit : path")
    problems += c.problems
    levels = c.ok().assign(start=start[~c.bad], previous_start=previous_start[~c.bad])

    rows, found = _known_codes(extracts[FTA_PAIRS.key][0], FTA_PAIRS, partner_iso3=(codes, "unknown-partner"),
                               wto_rta_id=(set(agreements["wto_rta_id"]) - {""}, "unknown-agreement"))
    problems += found
    by_rta = dict(zip(agreements["wto_rta_id"], agreements["id"]))
    pairs = pd.DataFrame({
        "partner": rows["partner_iso3"], "agreement": rows["wto_rta_id"].map(by_rta),
        "in_force": rows["in_force_date"].map(first_day).astype("datetime64[ns]"), "vn_party": rows["vn_party"],
    }).reset_index(drop=True)

    rows, found = _known_codes(extracts[FDI_BY_PARTNER.key][0], FDI_BY_PARTNER, partner_iso3=(codes, "unknown-partner"))
    problems += found
    typed = pd.DataFrame({
        "year": rows["year"].astype(int), "partner": rows["partner_iso3"],
        "projects": pd.to_numeric(rows["projects"], errors="coerce"),
        "capital": pd.to_numeric(rows["registered_capital_usd_m"], errors="coerce"),
        "total": rows["row_type"] == "total", "flagged": rows["repo_flag"] != "",
    })
    totals = typed[typed["total"]].drop_duplicates("year").set_index("year")[["projects", "capital"]]
    fdi = typed[~typed["total"] & ~typed["flagged"]][["year", "partner", "projects", "capital"]].reset_index(drop=True)

    rows, found = _known_codes(extracts[IMF_POSITIONS.key][0], IMF_POSITIONS,
                               counterpart_iso3=(codes, "unknown-partner"))
    problems += found
    imf = pd.DataFrame({
        "year": rows["year"].astype(int), "partner": rows["counterpart_iso3"],
        "position": pd.to_numeric(rows["position_usd_m"], errors="coerce"), "confidential": rows["confidential"] == "1",
    }).reset_index(drop=True)

    data = PartnerData(partners, agreements, levels.reset_index(drop=True), pairs, fdi, totals, imf)
    problems += reconcile(data, files)
    return PartnerData(partners, agreements, data.partnerships, pairs, fdi, totals, imf, tuple(problems))


def _known_codes(frame: pd.DataFrame, table: model.Table, **columns) -> tuple[pd.DataFrame, list[Problem]]:
    """An extract's valid rows (read_dataset's) whose codes are known: `columns` maps a column to (the known
    codes, the problem code of one that is not); and the problems of the others."""
    c = Checker(frame, table.name)
    for column, (codes, code) in columns.items():
        c.known(column, codes, code)
    return c.ok(), c.problems


def check_partners(files: DataFiles) -> list[Problem]:
    """The problems of the partner files (for validation): line-precise, with the reconciliation warnings."""
    return list(read_partners(files).problems)


def _empty(problems) -> PartnerData:
    none = pd.DataFrame()
    return PartnerData(
        pd.DataFrame(columns=["code", "iso2", "kind", "name_vi", "name_en", "groups"]),
        pd.DataFrame(columns=["id", "in_force", "parties", "line", "counted_line", "status", "wto_rta_id"]),
        pd.DataFrame(columns=["partner", "level", "date", "start", "previous_level", "previous_start"]),
        pd.DataFrame(columns=["partner", "agreement", "in_force", "vn_party"]),
        pd.DataFrame(columns=["year", "partner", "projects", "capital"]), none,
        pd.DataFrame(columns=["year", "partner", "position", "confidential"]), tuple(problems))


# ---------------------------------------------------------------------------------------------- reconciliation


def article_counts(files: DataFiles) -> list[tuple[str, float, int]]:
    """(as_of, value, line) of each `comprehensive_partners` figure at a date in observations.csv."""
    frame = read_table(files, OBSERVATIONS).frame
    rows = frame[(frame["indicator"] == COUNT_INDICATOR) & (frame["as_of"] != "")]
    out = []
    for as_of, value, line in zip(rows["as_of"], rows["value"], rows[LINE]):
        if parse_partial_date(as_of) and STRICT_NUMBER.fullmatch(value):
            out.append((as_of, float(value), int(line)))
    return out


def wto_counts(files: DataFiles) -> dict[int, int]:
    """Year -> FTA.INFORCE.WTO, the WTO-based count of agreements in force at the year's end."""
    frame = read_table(files, replace(model.DATASET_FILE, name=FTA_COUNT_FILE)).frame
    rows = frame[frame["series_code"] == FTA_COUNT_SERIES]
    return {int(y): int(float(v)) for y, v in zip(rows["year"], rows["value"])
            if YEAR.fullmatch(y) and STRICT_NUMBER.fullmatch(v)}


def reconcile(data: PartnerData, files: DataFiles) -> list[Problem]:
    """Warnings where the lists and the published figures disagree (rule 6)."""
    out: list[Problem] = []
    if files is None or OBSERVATIONS.name not in files:
        return out
    for as_of, value, line in article_counts(files):
        n = int(counts_on(data.partnerships, pd.Timestamp(as_of)).sum())
        if n != value:
            out.append(Problem("reconciliation", OBSERVATIONS.name, line, "value",
                               f"partnerships.csv gives {n} partners at comprehensive level or above on {as_of}",
                               f"{value:g}"))
    if FTA_COUNT_FILE in files:
        lines = lines_in_force(data.agreements)
        for year, stated in sorted(wto_counts(files).items()):
            n = int(lines.get(year, 0))
            if n != stated:
                out.append(Problem("reconciliation", AGREEMENTS.name, None, "in_force",
                                   f"{n} agreement lines in force at the end of {year}; {FTA_COUNT_SERIES} says {stated}",
                                   str(year)))
    if FDI_TOTAL_FILE in files:
        frame = read_table(files, replace(model.DATASET_FILE, name=FDI_TOTAL_FILE)).frame
        stated = {int(y): float(v) for c, y, v in zip(frame["series_code"], frame["year"], frame["value"])
                  if c == FDI_TOTAL_SERIES and YEAR.fullmatch(y) and STRICT_NUMBER.fullmatch(v)}
        for year, capital in data.totals["capital"].items():
            if year in stated and abs(stated[year] - capital) > 1e-9:
                out.append(Problem("reconciliation", FDI_BY_PARTNER.name, None, "registered_capital_usd_m",
                                   f"the printed total of {year} differs from {FDI_TOTAL_SERIES} ({stated[year]:g})",
                                   f"{capital:g}"))
    return out


# ---------------------------------------------------------------------------------------------- transforms


def levels_on(partnerships: pd.DataFrame, day) -> pd.Series:
    """Partner -> its level on DAY (rule 2); partners with no framework that day are left out."""
    day = pd.Timestamp(day)
    current = partnerships["start"] <= day
    before = ~current & partnerships["previous_start"].notna() & (partnerships["previous_start"] <= day) \
        & (partnerships["previous_level"] != "")
    # A previous level with no stated date: held before the current one, but since when is unknown.
    levels = pd.Series(pd.NA, index=partnerships.index, dtype=object)
    levels[current] = partnerships.loc[current, "level"]
    levels[before] = partnerships.loc[before, "previous_level"]
    out = pd.Series(levels.to_numpy(), index=partnerships["partner"].to_numpy(), dtype=object)
    return out.dropna()


def counts_on(partnerships: pd.DataFrame, day) -> pd.Series:
    """Level -> number of partners at it on DAY, in LEVELS order."""
    return levels_on(partnerships, day).value_counts().reindex(list(LEVELS), fill_value=0)


def level_history(partnerships: pd.DataFrame, partner: str) -> pd.DataFrame:
    """A partner's levels, oldest first: level, date as stated, source, quote (the previous level has the row's
    source unless the row's notes say otherwise; here it is shown with the date the row states for it)."""
    rows = partnerships[partnerships["partner"] == partner]
    out = []
    for r in rows.itertuples(index=False):
        if r.previous_level:
            out.append({"level": r.previous_level, "date": r.previous_date, "source": r.source, "quote": "",
                        "stored": r.source_stored})
        out.append({"level": r.level, "date": r.date, "source": r.source, "quote": r.quote,
                    "stored": r.source_stored})
    return pd.DataFrame(out, columns=["level", "date", "source", "quote", "stored"])


def counted_agreements(agreements: pd.DataFrame) -> pd.DataFrame:
    """The agreements that count as lines (rule 3), in force (or inactive but succeeded: AFTA's line)."""
    return agreements[agreements["counted_line"] == "yes"]


def lines_in_force(agreements: pd.DataFrame, years=None) -> pd.Series:
    """Year -> number of agreement lines in force at the year's end, counted from each line's earliest date
    (RCEP, not in the WTO list, is left out: the WTO-based count is what this reproduces)."""
    counted = counted_agreements(agreements)
    counted = counted[counted["wto_rta_id"] != ""]
    first = counted.groupby("line")["in_force"].min().dt.year
    years = years or range(int(first.min()) if len(first) else 2000, 2026)
    return pd.Series({y: int((first <= y).sum()) for y in years}, dtype=int)


def ftas_covering(data: PartnerData, partner: str, day=None) -> pd.DataFrame:
    """The agreements covering PARTNER (in force on DAY when given): agreement id, in_force (the pair's date),
    vn_party, earliest first; a row repeating a pair (`counted_line` no) is kept out."""
    pairs = data.pairs[data.pairs["partner"] == partner]
    if day is not None:
        pairs = pairs[pairs["in_force"] <= pd.Timestamp(day)]
    counted = set(counted_agreements(data.agreements).index)
    pairs = pairs[pairs["agreement"].isin(counted)]
    return pairs.sort_values(["in_force", "agreement"]).reset_index(drop=True)


def fta_counts_on(data: PartnerData, day) -> pd.Series:
    """Partner -> number of agreement lines in force on DAY covering it (AFTA and ATIGA one line)."""
    pairs = data.pairs[data.pairs["in_force"] <= pd.Timestamp(day)]
    counted = counted_agreements(data.agreements)
    pairs = pairs[pairs["agreement"].isin(set(counted.index))]
    lines = pairs.assign(line=pairs["agreement"].map(counted["line"]))
    return lines.groupby("partner")["line"].nunique().astype(int)


def fdi_years(data: PartnerData) -> tuple[int, int] | None:
    years = data.totals.index
    return (int(years.min()), int(years.max())) if len(years) else None


def fdi_in(data: PartnerData, year_from: int, year_to: int) -> pd.Series:
    """Partner -> registered capital (million US$) summed over the years, largest first."""
    rows = data.fdi[(data.fdi["year"] >= year_from) & (data.fdi["year"] <= year_to)]
    return rows.groupby("partner")["capital"].sum().sort_values(ascending=False)


def crosses_break(year_from: int, year_to: int) -> bool:
    """Does a range (or a change from year_from to year_to) mix the two definitions?"""
    return year_from < BREAK_YEAR <= year_to


def fdi_sum(data: PartnerData, year_from: int, year_to: int) -> tuple[pd.Series, bool]:
    """Partner -> registered capital (million US$) summed over year_from..year_to (the map's colour), largest
    first, and whether the range mixes the two definitions (rule 4): a caller is handed the break with the sum."""
    return fdi_in(data, year_from, year_to), crosses_break(year_from, year_to)


def top_investors(data: PartnerData, year_from: int, year_to: int, n: int = 10) -> pd.DataFrame:
    """The N largest investors over the years: rank, partner, capital, share of the printed total (%), projects,
    and for one year the change on the year before (million US$, %; `break` when it crosses 2016)."""
    capital = fdi_in(data, year_from, year_to)
    rows = data.fdi[(data.fdi["year"] >= year_from) & (data.fdi["year"] <= year_to)]
    projects = rows.groupby("partner")["projects"].sum(min_count=1)
    total = data.totals.loc[(data.totals.index >= year_from) & (data.totals.index <= year_to), "capital"].sum()
    top = capital.head(n)
    out = pd.DataFrame({"rank": range(1, len(top) + 1), "partner": top.index, "capital": top.to_numpy()})
    out["share"] = out["capital"] / total * 100 if total else float("nan")
    out["projects"] = out["partner"].map(projects)
    if year_from == year_to:
        before = fdi_in(data, year_from - 1, year_from - 1)
        out["previous"] = out["partner"].map(before)
        out["change"] = out["capital"] - out["previous"]
        out["change_pct"] = out["change"] / out["previous"] * 100
        out["break"] = crosses_break(year_from - 1, year_from)
    return out.reset_index(drop=True)


def investor_matrix(data: PartnerData, year_from: int, year_to: int, n: int = 10) -> pd.DataFrame:
    """Partner x year registered capital for the N largest investors over the years (rows largest first)."""
    top = list(fdi_in(data, year_from, year_to).head(n).index)
    rows = data.fdi[data.fdi["partner"].isin(top) & (data.fdi["year"] >= year_from) & (data.fdi["year"] <= year_to)]
    table = rows.pivot_table(index="partner", columns="year", values="capital", aggfunc="sum")
    return table.reindex(top)


def partner_fdi(data: PartnerData, partner: str) -> pd.DataFrame:
    """Registered FDI from PARTNER per year: year, capital, projects, rank among the investors listed that year."""
    ranks = data.fdi.assign(rank=data.fdi.groupby("year")["capital"].rank(ascending=False, method="min"))
    rows = ranks[ranks["partner"] == partner].sort_values("year")
    return rows[["year", "capital", "projects", "rank"]].reset_index(drop=True)


def partner_positions(data: PartnerData, partner: str) -> pd.DataFrame:
    """The IMF position the investor PARTNER reports for its FDI in Viet Nam, per year (NaN when confidential)."""
    rows = data.imf[data.imf["partner"] == partner].sort_values("year")
    return rows[["year", "position", "confidential"]].reset_index(drop=True)


def upgrades_in(partnerships: pd.DataFrame, year: int, until=None) -> list[str]:
    """Partners whose current level dates from YEAR (up to UNTIL when given)."""
    rows = partnerships[partnerships["start"].dt.year == year]
    if until is not None:
        rows = rows[rows["start"] <= pd.Timestamp(until)]
    return list(rows["partner"])
