"""Trade by market and by product: one long table of figures with a partner and/or a product, from every source
that gives them, and what the Trade page computes from it.

A trade figure is a flow (export, import, balance) with a partner and a product (blank = all partners, all
products), a year and the months it covers, in US$ million, from one source. Two kinds of source give them and
are never joined into one line:

- the IMF's Direction of Trade Statistics (DOTS), a dataset extract cited byte for byte: exports FOB and
  imports CIF by partner economy, 1960–1973 and 1981–2020; its World row is the total;
- official statements (GSO/NSO reports, Customs, the trade ministry) in observations.csv, each row quoted
  (indicator exports / imports / trade_balance with a partner or a product code), full or part year;
- a partner's own statistics (US Census imports from Viet Nam) are a third kind: labelled, never mixed.

Rules the page keeps (data/README.md states them for readers):
1. An unlisted partner is not a zero: a year's ranking and shares are over the economies listed that year.
2. A change on a year earlier compares the same source, the same months, and a partner listed in both years.
3. A partner has an FTA with Viet Nam in a year when an agreement covering it was in force on 1 January of
   that year (agreements entering into force during a year count from the next one).
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

import numpy as np
import pandas as pd

from vnintegration.core import model
from vnintegration.core.checks import SNAKE, Checker
from vnintegration.core.datasets import read_dataset
from vnintegration.core.load import LINE, DataFiles, read_table
from vnintegration.core.problems import Problem
from vnintegration.core.units import dataset_shift

DOTS_FILE = model.DOTS_FILE.name
DOTS_SOURCE = "imf-dots"  # its row in data/sources.csv
PRODUCTS_FILE = model.COMMODITY_GROUPS_FILE.name
PRODUCTS_SOURCE = "gso-exports-commodity-2017-2019"  # its row in data/sources.csv
FLOWS = ("export", "import", "balance")
MILLION_PER_BILLION = 1000
# DOTS's World row against the WDI merchandise totals (TX/TM.VAL.MRCH.CD.WT): a year further apart than this is
# flagged. 5 % keeps the 2010–2014 and 2018–2020 gaps (1.5–4 % below: small partners unlisted) quiet and names
# the 2015–2017 imports (5.7 % above).
DOTS_WDI_TOLERANCE = 0.05
# ... from this year on: before 1986 WDI's values are of limited comparability (scripts/import_reference.py says so
# on each of those rows) and DOTS's are a different series (1960–1973) or IMF estimates (1981–1984).
RECONCILE_FROM = 1986
WDI_TOTALS = {"TX.VAL.MRCH.CD.WT": "export", "TM.VAL.MRCH.CD.WT": "import"}  # the reference series -> flow
# The IMF's memo row that is a group of partners.csv (its membership is the IMF's for each year).
DOTS_GROUPS = {"European Union": "EU"}
# The GSO extract's commodity groups (item_vi as printed) -> products.csv codes. "Khoáng sản" is an "of which" item
# of the heavy-industry group: never add it to the groups.
GSO_ITEMS = {
    "Hàng công nghiệp nặng và khoáng sản": "heavy_industry_minerals",
    "Khoáng sản": "minerals",
    "Hàng CN nhẹ và TTCN": "light_industry_handicrafts",
    "Hàng nông sản": "agricultural",
    "Hàng lâm sản": "forestry",
    "Hàng thủy sản": "fishery",
    "Vàng phi tiền tệ(**)": "nonmonetary_gold",
}
# A partner's own statistics (its imports from Viet Nam are Viet Nam's exports to it, as the partner counts them)
# are cited by sources whose id starts with the publisher's prefix and a hyphen: `uscensus-nationthailand-2026-03`.
# Prefix -> (the publisher, the partner whose statistics they are).
PARTNER_PUBLISHERS = {
    "uscensus": ("US Census Bureau", "USA"),
    "motie": ("Ministry of Trade, Industry and Energy of Korea (MOTIE)", "KOR"),
    "kita": ("Korea International Trade Association (KITA)", "KOR"),
}
# observations.csv indicator -> flow
INDICATOR_FLOW = {"exports": "export", "imports": "import", "trade_balance": "balance"}
FLOW_INDICATOR = {flow: indicator for indicator, flow in INDICATOR_FLOW.items()}
TOP = 5  # the concentration's top-n share
_ABOVE = 1 + 1e-9  # a part "above" its total: by more than float noise


def partner_statistics(source_ids) -> set[str]:
    """The source ids that are a partner's own statistics, by the naming rule (PARTNER_PUBLISHERS)."""
    return {sid for sid in source_ids if sid.split("-", 1)[0] in PARTNER_PUBLISHERS and "-" in sid}


def economies(codes: pd.Series) -> pd.Series:
    """True for an economy's code: DOTS's partners and the statements' are ISO 3166 alpha-3 codes (three
    letters); partners.csv's groups (EU, ASEAN, CPTPP, EAEU) have other codes and overlap the economies, so they
    are never ranked or summed with them."""
    return codes.str.len() == 3

COLUMNS = ("source_id", "kind", "flow", "partner", "product", "year", "months", "value", "estimate",
           "qualifier", "status", "line")
KINDS = ("dataset", "statement", "partner_statistics")


@dataclass(frozen=True)
class TradeData:
    """Every trade figure with a partner or a product (and the totals they are shares of), one row each."""

    figures: pd.DataFrame  # COLUMNS; value in US$ million; partner "" = all partners (DOTS's World row)

    @property
    def present(self) -> bool:
        return len(self.figures) > 0

    def of(self, source_id: str | None = None, kind: str | None = None) -> pd.DataFrame:
        rows = self.figures
        if source_id is not None:
            rows = rows[rows["source_id"] == source_id]
        if kind is not None:
            rows = rows[rows["kind"] == kind]
        return rows

    def years(self, source_id: str | None = None) -> tuple[int, int] | None:
        years = self.of(source_id)["year"]
        return (int(years.min()), int(years.max())) if len(years) else None

    def dots_partners(self) -> set[str]:
        return set(self.figures.loc[self.figures["kind"] == "dataset", "partner"]) - {""}


def empty() -> TradeData:
    return TradeData(pd.DataFrame({c: pd.Series(dtype=object) for c in COLUMNS}))


def dots_figures(rows: pd.DataFrame, source_id: str) -> pd.DataFrame:
    """The DOTS extract's rows (text cells, as read) -> trade figures: each economy with its ISO3 code, the
    World row as the total (partner ""), the IMF's EU memo row as EU; regional aggregates, historical economies
    and "not specified" rows are left out (they are not partners of partners.csv)."""
    kind = rows["partner_row_type"].to_numpy(dtype=object)
    name = rows["partner_name_imf"].to_numpy(dtype=object)
    group = (kind == "memo_aggregate") & np.isin(name, list(DOTS_GROUPS))
    keep = (kind == "economy") | (kind == "world") | group
    partner = np.where(kind == "economy", rows["partner_iso3"].to_numpy(dtype=object), "").astype(object)
    partner[group] = [DOTS_GROUPS[n] for n in name[group]]
    flag = rows["imf_flag"].to_numpy(dtype=object)[keep] == "e"
    return pd.DataFrame({
        "source_id": source_id, "kind": "dataset", "flow": rows["flow"].to_numpy(dtype=object)[keep],
        "partner": partner[keep], "product": "",
        "year": rows["year"].to_numpy(dtype=object)[keep].astype(int), "months": 12,
        "value": rows["value_usd_m"].to_numpy(dtype=object)[keep].astype(float),
        "estimate": flag, "qualifier": "exact", "status": np.where(flag, "estimate", "actual").astype(object),
        "line": rows[LINE].to_numpy()[keep] if LINE in rows else 0,
    }, columns=list(COLUMNS))


def product_figures(rows: pd.DataFrame, source_id: str) -> pd.DataFrame:
    """The GSO commodity-group extract's rows (text cells, as read) -> trade figures: the total (product "") and
    each commodity group and "of which" item with its products.csv code (GSO_ITEMS), in US$ million; the shares and
    the economic sectors are left out. A preliminary year ("Sơ bộ") is an estimate."""
    product = rows["item_vi"].map(GSO_ITEMS).where(rows["breakdown"] != "total", "")
    keep = (rows["measure"] == "value").to_numpy() & product.notna().to_numpy()
    rows, product = rows[keep], product[keep]
    preliminary = (rows["preliminary"] == "yes").to_numpy()
    return pd.DataFrame({
        "source_id": source_id, "kind": "dataset", "flow": rows["flow"].to_numpy(), "partner": "",
        "product": product.to_numpy(dtype=object), "year": rows["year"].astype(int).to_numpy(), "months": 12,
        "value": rows["value"].astype(float).to_numpy(), "estimate": preliminary, "qualifier": "exact",
        "status": np.where(preliminary, "estimate", "actual"), "line": rows[LINE].to_numpy(),
    }, columns=list(COLUMNS))


def statement_figures(observations: pd.DataFrame, partner_statistics: set[str]) -> pd.DataFrame:
    """observations.csv's typed rows with a partner or a product and a trade indicator -> trade figures
    (US$ billion -> million); the national totals of the same sources come along, as the shares' base.
    `partner_statistics`: the source ids that are a partner's own statistics."""
    obs = observations[observations["indicator"].isin(INDICATOR_FLOW)]
    has_dimension = (obs["partner"] != "") | (obs["product"] != "")
    sources = set(obs.loc[has_dimension, "source_id"])
    obs = obs[has_dimension | obs["source_id"].isin(sources)]
    obs = obs[obs["months"].notna()]
    kind = np.where(obs["source_id"].isin(partner_statistics), "partner_statistics", "statement")
    return pd.DataFrame({
        "source_id": obs["source_id"].to_numpy(), "kind": kind,
        "flow": obs["indicator"].map(INDICATOR_FLOW).to_numpy(),
        "partner": obs["partner"].to_numpy(), "product": obs["product"].to_numpy(),
        "year": obs["year"].astype(int).to_numpy(), "months": obs["months"].astype(int).to_numpy(),
        "value": (obs["value"].astype(float) * MILLION_PER_BILLION).to_numpy(),
        "estimate": (obs["status"] == "estimate").to_numpy(), "qualifier": obs["qualifier"].to_numpy(),
        "status": obs["status"].to_numpy(), "line": obs["_line"].to_numpy(),
    }, columns=list(COLUMNS))


def combine(*frames: pd.DataFrame) -> TradeData:
    frames = [f for f in frames if len(f)]
    if not frames:
        return empty()
    figures = pd.concat(frames, ignore_index=True)
    figures["year"] = figures["year"].astype(int)
    figures["months"] = figures["months"].astype(int)
    figures["value"] = figures["value"].astype(float)
    return TradeData(figures)


# ---------------------------------------------------------------------------------------------- by market


def _flow_table(rows: pd.DataFrame, flow: str) -> pd.DataFrame:
    """Rows of one flow, with balance derived from exports and imports where a partner has both."""
    if flow != "balance":
        return rows[(rows["flow"] == flow) & (rows["product"] == "")]
    stated = rows[(rows["flow"] == "balance") & (rows["product"] == "")]
    key = ["source_id", "kind", "partner", "year", "months"]
    x = rows[(rows["flow"] == "export") & (rows["product"] == "")].set_index(key)["value"]
    m = rows[(rows["flow"] == "import") & (rows["product"] == "")].set_index(key)["value"]
    both = x.index.intersection(m.index)
    derived = (x.loc[both] - m.loc[both]).rename("value").reset_index()
    derived = derived.assign(flow="balance", product="", estimate=False, qualifier="exact", status="actual",
                             line=0, derived=True)
    if len(stated):
        # a stated balance wins over the derived one for the same key
        derived = derived[~derived.set_index(key).index.isin(stated.set_index(key).index)]
    return pd.concat([stated.assign(derived=False), derived], ignore_index=True)


def markets(data: TradeData, source_id: str, year: int, flow: str, months: int = 12) -> pd.DataFrame:
    """The partner economies of one source in a year, largest first: partner, value, share (% of the total
    partner ""), change (% on the year before, same source and months, listed both years), rank.
    For the balance: largest surplus first, and share is of the turnover with that partner."""
    rows = data.of(source_id)
    rows = rows[rows["months"] == months]
    table = _flow_table(rows, flow)
    listed = table[economies(table["partner"])]
    if flow == "balance":
        this = listed[listed["year"] == year].set_index("partner")["value"]
        both = _flow_table(rows, "export"), _flow_table(rows, "import")
        turnover = sum(t[(t["year"] == year) & economies(t["partner"])].set_index("partner")["value"] for t in both)
        share = (this / turnover.reindex(this.index) * 100)
    else:
        this = listed[listed["year"] == year].set_index("partner")["value"]
        total = table[(table["partner"] == "") & (table["year"] == year)]["value"]
        share = this / float(total.iloc[0]) * 100 if len(total) else pd.Series(np.nan, index=this.index)
    before = listed[listed["year"] == year - 1].set_index("partner")["value"]
    change = (this / before.reindex(this.index) - 1) * 100
    if flow == "balance":
        change[:] = np.nan  # a change in % of a balance that can change sign says nothing
    out = pd.DataFrame({"partner": this.index, "value": this.to_numpy(), "share": share.to_numpy(),
                        "change": change.to_numpy()})
    out = out.sort_values(["value", "partner"], ascending=[False, True], kind="stable").reset_index(drop=True)
    out["rank"] = np.arange(1, len(out) + 1)
    return out


def total(data: TradeData, source_id: str, year: int, flow: str, months: int = 12) -> float | None:
    rows = _flow_table(data.of(source_id), flow)
    rows = rows[(rows["partner"] == "") & (rows["year"] == year) & (rows["months"] == months)]
    return float(rows["value"].iloc[0]) if len(rows) else None


def partner_series(data: TradeData, partner: str) -> pd.DataFrame:
    """One partner's figures over time, one row per source, year, months and flow (export, import, balance —
    derived where both are given): source_id, kind, flow, year, months, value, share (% of the same source's
    total for that period, when it gives one), estimate, qualifier, status, derived, line."""
    figures = data.figures
    out = []
    for flow in FLOWS:
        table = _flow_table(figures, flow)
        if "derived" not in table:
            table = table.assign(derived=False)
        mine = table[table["partner"] == partner]
        totals = table[table["partner"] == ""].set_index(["source_id", "year", "months"])["value"]
        totals = totals[~totals.index.duplicated()]
        key = pd.MultiIndex.from_frame(mine[["source_id", "year", "months"]])
        share = mine["value"].to_numpy() / totals.reindex(key).to_numpy() * 100 if len(mine) else []
        out.append(mine.assign(share=share if flow != "balance" else np.nan))
    series = pd.concat(out, ignore_index=True) if out else pd.DataFrame()
    cols = ["source_id", "kind", "flow", "year", "months", "value", "share", "estimate", "qualifier", "status",
            "derived", "line"]
    return series[cols].sort_values(["kind", "source_id", "flow", "year", "months"]).reset_index(drop=True)


def rank_of(data: TradeData, source_id: str, partner: str, year: int, flow: str) -> int | None:
    table = markets(data, source_id, year, flow)
    hit = table[table["partner"] == partner]
    return int(hit["rank"].iloc[0]) if len(hit) else None


def concentration(data: TradeData, source_id: str, flow: str) -> pd.DataFrame:
    """Per year: the top-5 partners' share of the total (%) and the Herfindahl–Hirschman index of the listed
    economies' shares (0–10,000; above 2,500 a market this concentrated would be called highly concentrated)."""
    table = _flow_table(data.of(source_id), flow)
    table = table[table["months"] == 12]
    rows = []
    for year, group in table.groupby("year"):
        world = group.loc[group["partner"] == "", "value"]
        listed = group.loc[economies(group["partner"]), "value"]
        if not len(world) or not len(listed) or float(world.iloc[0]) <= 0:
            continue
        shares = listed / float(world.iloc[0]) * 100
        rows.append({"year": int(year), "top_share": float(shares.nlargest(TOP).sum()),
                     "hhi": float((shares ** 2).sum()), "listed": int(len(listed))})
    return pd.DataFrame(rows, columns=["year", "top_share", "hhi", "listed"])


# ---------------------------------------------------------------------------------------------- FTAs


def fta_partners_by_year(pairs: pd.DataFrame, years) -> dict[int, set[str]]:
    """Year -> the partners with an agreement in force on 1 January of that year (rule 3). `pairs`: partner,
    agreement, in_force (Timestamp), as core/partners.py reads them (counted agreements only)."""
    return {int(y): set(pairs.loc[pairs["in_force"] <= pd.Timestamp(year=int(y), month=1, day=1), "partner"])
            for y in years}


def fta_shares(data: TradeData, source_id: str, pairs: pd.DataFrame) -> pd.DataFrame:
    """Per year and flow (export, import): the share (%) of the listed economies' trade that goes to (comes from)
    partners with an FTA in force that year, and how many such partners were listed."""
    rows = []
    for flow in ("export", "import"):
        table = _flow_table(data.of(source_id), flow)
        table = table[(table["months"] == 12) & economies(table["partner"])]
        covered = fta_partners_by_year(pairs, sorted(table["year"].unique()))
        for year, group in table.groupby("year"):
            fta = group["partner"].isin(covered[int(year)])
            whole = float(group["value"].sum())
            if whole > 0:
                rows.append({"year": int(year), "flow": flow, "share": float(group.loc[fta, "value"].sum()) / whole
                             * 100, "partners": int(fta.sum())})
    return pd.DataFrame(rows, columns=["year", "flow", "share", "partners"])


def fta_index(data: TradeData, source_id: str, pairs: pd.DataFrame, base: int, end: int) -> pd.DataFrame:
    """Exports to the partners with an FTA in force in END against exports to the other listed economies,
    each indexed to BASE = 100 (the same two groups every year, so a partner joining does not make a jump).
    Columns: year, group ("fta" | "rest"), value (US$ million), index."""
    table = _flow_table(data.of(source_id), "export")
    table = table[(table["months"] == 12) & economies(table["partner"]) & table["year"].between(base, end)]
    members = fta_partners_by_year(pairs, [end])[end]
    table = table.assign(group=np.where(table["partner"].isin(members), "fta", "rest"))
    sums = table.groupby(["year", "group"])["value"].sum().reset_index()
    base_values = sums[sums["year"] == base].set_index("group")["value"]
    sums["index"] = sums["value"] / sums["group"].map(base_values) * 100
    return sums.sort_values(["group", "year"]).reset_index(drop=True)


# ---------------------------------------------------------------------------------------------- checks

_KEY = ["source_id", "flow", "year", "months"]


def exceeding_totals(figures: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(the rows whose partner or product figure is above the total of the same source, flow, year and months,
    with `total` and `total_line`; the groups whose economies sum above that total: source_id, flow, year, months,
    sum, total, total_line, listed). Groups (EU, ASEAN) and products overlap economies, so only single economies
    (three-letter codes) with no product are summed. Balances are left out: a part of a balance may exceed it.
    (Plain loops over the columns: a few thousand rows, checked on every validation.)"""
    columns = [figures[c].tolist() for c in (*_KEY, "partner", "product", "value", "line")]
    rows = [r for r in zip(*columns) if r[1] in ("export", "import")]
    totals: dict[tuple, tuple[float, int]] = {}
    for sid, flow, year, months, partner, product, value, line in rows:
        if partner == "" and product == "":
            totals.setdefault((sid, flow, year, months), (value, line))
    above, sums = [], {}
    for at, (sid, flow, year, months, partner, product, value, _) in enumerate(rows):
        key = (sid, flow, year, months)
        if (partner == "" and product == "") or key not in totals:
            continue
        total, total_line = totals[key]
        if value > total * _ABOVE:
            above.append((at, total, total_line))
        if len(partner) == 3 and product == "":
            found = sums.setdefault(key, [0.0, 0])
            found[0] += value
            found[1] += 1
    positions = np.flatnonzero(figures["flow"].isin(["export", "import"]).to_numpy())
    parts = figures.iloc[positions[[at for at, _, _ in above]]] if above else figures.iloc[:0]
    parts = parts.assign(total=[t for _, t, _ in above], total_line=[n for _, _, n in above])
    over = [(*key, s, totals[key][0], totals[key][1], n) for key, (s, n) in sums.items() if s > totals[key][0] * _ABOVE]
    return parts, pd.DataFrame(over, columns=[*_KEY, "sum", "total", "total_line", "listed"])


def world_against(figures: pd.DataFrame, source_id: str, reference: pd.DataFrame,
                  tolerance: float = DOTS_WDI_TOLERANCE, since: int = RECONCILE_FROM) -> pd.DataFrame:
    """Years (from `since`) where a dataset's World row differs from a reference total by more than `tolerance`.
    `reference`: flow, year, value (US$ million). Columns: flow, year, value, reference, ratio, listed (the
    listed economies' sum over the reference), line (the World row's)."""
    mine = figures[(figures["source_id"] == source_id) & (figures["product"] == "") & (figures["months"] == 12)]
    world = mine[mine["partner"] == ""][["flow", "year", "value", "line"]]
    listed = mine[economies(mine["partner"])].groupby(["flow", "year"])["value"].sum().rename("listed").reset_index()
    both = world.merge(reference.rename(columns={"value": "reference"})[["flow", "year", "reference"]],
                       on=["flow", "year"]).merge(listed, on=["flow", "year"], how="left")
    both = both[both["year"] >= since]
    both["ratio"] = both["value"] / both["reference"]
    both["listed"] = both["listed"] / both["reference"]
    flagged = both[(both["ratio"] - 1).abs() > tolerance]
    return flagged.sort_values(["flow", "year"]).reset_index(drop=True)[
        ["flow", "year", "value", "reference", "ratio", "listed", "line"]]


def wdi_totals(datasets: dict) -> tuple[str, pd.DataFrame]:
    """The WDI merchandise totals (WDI_TOTALS) of the first dataset source that gives them, in US$ million:
    (its source id, a frame flow, year, value); ("", empty) when none does. `datasets`: validate's source id ->
    {(series_code, year): (value text, unit, where, figure)}."""
    for sid, rows in datasets.items():
        found = []
        for key, entry in rows.items():
            if len(key) == 2 and key[0] in WDI_TOTALS:
                shift = dataset_shift(entry[1], "usd_mn")
                if shift is not None and key[1].isdigit():
                    found.append((WDI_TOTALS[key[0]], int(key[1]), float(Decimal(entry[0]).scaleb(shift))))
        if found:
            return sid, pd.DataFrame(found, columns=["flow", "year", "value"])
    return "", pd.DataFrame(columns=["flow", "year", "value"])


def _amount(value: float) -> str:
    return f"{value:.1f}"


def check_observations(c: Checker, values: np.ndarray, partners: set[str] | None, products: set[str] | None) -> None:
    """observations.csv's trade rules, on its checker (text cells, `values` the numbers read; rows already in
    error are left out): each partner code in partners.csv and product code in products.csv (a catalogue that is
    not there checks nothing: an upload of the four tables); a partner or product figure of exports or imports
    not above the total the same source gives for that indicator, year and months (`part-above-total`)."""
    if partners is not None:
        c.known("partner", partners)
    if products is not None:
        c.known("product", products, "unknown-product")
    frame = c.frame
    figures = _text_figures(frame, values, ~c.bad)
    above, _ = exceeding_totals(figures)
    if len(above):
        mask = np.zeros(len(frame), dtype=bool)
        at = above.index.to_numpy()
        mask[at] = True
        shown = {n: f"{frame['value'].iat[n]} > {_written(frame, line)} on line {line}"
                 for n, line in zip(at, above["total_line"].astype(int))}
        c.flag(mask, "part-above-total", "value",
               "above the total (no partner, no product) the same source gives for this indicator, year and months",
               values=[shown[n] for n in np.flatnonzero(mask)])


def warn_observations(typed: pd.DataFrame) -> list[Problem]:
    """A warning on a total of observations.csv whose source lists economies that sum above it
    (`parts-above-total`). `typed`: the valid rows."""
    figures = statement_figures(typed, set())
    _, sums = exceeding_totals(figures)
    return [Problem("parts-above-total", model.OBSERVATIONS.name, int(r.total_line), "value",
                    f"the {r.listed} economies this source lists for {FLOW_INDICATOR[r.flow]} {r.year} "
                    f"({r.months} months) sum above this total",
                    f"{_amount(r.sum / MILLION_PER_BILLION)} > {_amount(r.total / MILLION_PER_BILLION)}")
            for r in sums.itertuples()]


def _text_figures(frame: pd.DataFrame, values: np.ndarray, usable: np.ndarray) -> pd.DataFrame:
    """observations.csv's rows of exports and imports over months (text cells) as figures, on the frame's
    positions (the index), the value in the indicator's unit."""
    rows = usable & frame["indicator"].isin([FLOW_INDICATOR["export"], FLOW_INDICATOR["import"]]).to_numpy()
    at = np.flatnonzero(rows)
    at = at[(frame["months"].to_numpy()[at] != "") & ~np.isnan(values[at])]
    return pd.DataFrame({
        "source_id": frame["source_id"].to_numpy()[at],
        "flow": [INDICATOR_FLOW[i] for i in frame["indicator"].to_numpy()[at]],
        "partner": frame["partner"].to_numpy()[at], "product": frame["product"].to_numpy()[at],
        "year": frame["year"].to_numpy()[at], "months": frame["months"].to_numpy()[at], "value": values[at],
        "line": frame[LINE].to_numpy()[at],
    }, index=at)


def _written(frame: pd.DataFrame, line: int) -> str:
    return str(frame.loc[frame[LINE] == line, "value"].iat[0])


def check_extracts(extracts: dict[str, tuple[str, pd.DataFrame]], partners: set[str] | None,
                   products: set[str] | None, datasets: dict) -> list[Problem]:
    """The trade extracts' rules beyond their own cells (datasets.read_dataset checks those). `extracts`: source id
    -> (file, valid rows as read). DOTS: each economy's code in partners.csv; no partner above the World row, the
    economies not summing above it; the World row against the WDI merchandise totals (`totals-differ`, from
    RECONCILE_FROM, beyond DOTS_WDI_TOLERANCE). The GSO commodity groups: each group a product of products.csv
    (GSO_ITEMS), none above the total."""
    problems: list[Problem] = []
    for sid, (path, rows) in extracts.items():
        c = Checker(rows, path)
        if "partner_row_type" in rows.columns:
            if partners is not None:
                economy = (rows["partner_row_type"] == "economy").to_numpy()
                unknown = economy & ~rows["partner_iso3"].isin(partners).to_numpy() & ~c.blank("partner_iso3")
                c.flag(unknown, "unknown-partner", "partner_iso3", "not in partners.csv")
            figures = dots_figures(rows, sid)
        else:
            grouped = rows["breakdown"].isin(["by_commodity_group", "by_commodity_group_subitem"]).to_numpy()
            code = rows["item_vi"].map(GSO_ITEMS)
            listed = code.isin(products).to_numpy() if products is not None else code.notna().to_numpy()
            c.flag(grouped & ~listed, "unknown-product", "item_vi",
                   "a commodity group with no products.csv code (core/trade.py GSO_ITEMS)")
            figures = product_figures(rows, sid)
        problems += c.problems
        above, sums = exceeding_totals(figures)
        for r in above.itertuples():
            problems.append(Problem("part-above-total", path, int(r.line), "value",
                                    f"above the total of {r.flow}s {r.year} on line {int(r.total_line)}",
                                    f"{_amount(r.value)} > {_amount(r.total)}"))
        for r in sums.itertuples():
            problems.append(Problem("parts-above-total", path, int(r.total_line), "value",
                                    f"the {r.listed} economies listed for {r.flow}s {r.year} sum above this total",
                                    f"{_amount(r.sum)} > {_amount(r.total)}"))
        if "partner_row_type" in rows.columns:
            reference_id, reference = wdi_totals(datasets)
            column = "value_usd_m"
            for r in world_against(figures, sid, reference).itertuples():
                series = next(code for code, flow in WDI_TOTALS.items() if flow == r.flow)
                problems.append(Problem(
                    "totals-differ", path, int(r.line), column,
                    f"the World row's {r.flow}s {r.year} are {r.ratio:.2%} of {reference_id}'s {series} "
                    f"(tolerance {DOTS_WDI_TOLERANCE:.0%}); the listed economies sum to {r.listed:.2%} of it",
                    f"{_amount(r.value)} vs {_amount(r.reference)} US$ million"))
    return problems


# ---------------------------------------------------------------------------------------------- reading


def read_products(files: DataFiles) -> tuple[pd.DataFrame, list[Problem]]:
    """products.csv: its valid rows (code as the index) and its problems; an empty catalogue and no problem when
    the directory has none."""
    if model.PRODUCTS.name not in files:
        return pd.DataFrame(columns=list(model.PRODUCTS.columns)).set_index("code", drop=False), []
    read = read_table(files, model.PRODUCTS)
    c = Checker(read.frame, model.PRODUCTS.name)
    c.required(model.PRODUCTS.required)
    c.pattern("code", SNAKE, "bad-id", "not a snake_case code")
    c.unique(["code"], "duplicate-id", "the id appears twice")
    c.choice("classification", model.PRODUCT_CLASSIFICATIONS)
    return c.ok().set_index("code", drop=False), read.problems + c.problems


def load(files, observations: pd.DataFrame, partner_statistics: set[str] = frozenset()) -> TradeData:
    """Every trade figure of a data directory: the DOTS extract and the GSO commodity groups (when sources/ holds
    them; their valid rows, read by datasets.read_dataset) and the statements of observations.csv (its typed rows,
    with `partner` and `product`). `files`: core.load.DataFiles. `partner_statistics`: source ids that are a
    partner's own statistics, besides those the naming rule (PARTNER_PUBLISHERS) finds."""
    frames = []
    for path, spec, source_id, figures in ((DOTS_FILE, model.DOTS_FILE, DOTS_SOURCE, dots_figures),
                                           (PRODUCTS_FILE, model.COMMODITY_GROUPS_FILE, PRODUCTS_SOURCE,
                                            product_figures)):
        if path in files:
            rows, _ = read_dataset(files, path, spec)
            frames.append(figures(rows, source_id))
    if {"partner", "product"} <= set(observations.columns):
        labelled = set(partner_statistics) | partner_statistics_of(observations)
        frames.append(statement_figures(observations, labelled))
    return combine(*frames)


def partner_statistics_of(observations: pd.DataFrame) -> set[str]:
    return partner_statistics(set(observations["source_id"])) if "source_id" in observations else set()
