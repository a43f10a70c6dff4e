"""Everything the Trade page draws for a view, built in one call per view and language (pure: dashboard/caches.py
caches each call). A `TradeBundle` is what the page reads from the data: core.trade's TradeData, the partners'
names, the sources' labels, the GSO commodity groups, the product catalogue and the FTA pairs."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from vnintegration.core import trade as TR
from vnintegration.present import i18n
from vnintegration.present.formatting import number
from vnintegration.present.trade import charts as C
from vnintegration.present.trade import tables as T

FTA_BASE, CHART_START = 2010, 1986
GROWTH_FLOOR = 100.0  # US$ million: the claim's check counts markets above this


@dataclass(frozen=True)
class TradeBundle:
    data: TR.TradeData
    names: dict            # code -> (vi, en)
    groups: dict           # partners.csv's groups (EU, ASEAN...) -> their member economies
    sources: dict          # source id -> a short label (publisher or title)
    commodities: pd.DataFrame
    products: pd.DataFrame
    pairs: pd.DataFrame    # partner, agreement, in_force: the counted agreements' pairs

    @property
    def dots_years(self) -> list[int]:
        return sorted({int(y) for y in self.data.of(TR.DOTS_SOURCE)["year"]})

    @property
    def partners(self) -> list[str]:
        """Every partner with a figure (economies first, then groups)."""
        codes = set(self.data.figures["partner"]) - {""}
        return sorted(codes, key=lambda c: (len(c) != 3, c))

    @property
    def product_codes(self) -> list[str]:
        stated = set(self.data.figures["product"]) - {""}
        return sorted(stated | set(self.products.index))

    def years(self) -> tuple[int, int]:
        return self.data.years() or (CHART_START, CHART_START)


def markets(b: TradeBundle, year: int, flow: str, lang: str) -> dict:
    table = TR.markets(b.data, TR.DOTS_SOURCE, year, flow)
    out = {"empty": table.empty, "rows": T.market_rows(table, year, flow, b.names, lang)}
    if table.empty:
        return out
    out["figure"] = C.markets_figure(table, flow, year, b.names, lang)
    balance = TR.markets(b.data, TR.DOTS_SOURCE, year, "balance")
    if len(balance) and balance["value"].iloc[0] > 0 and balance["value"].iloc[-1] < 0:
        first, last = balance.iloc[0], balance.iloc[-1]
        out["balances"] = i18n.t("tr_balances", lang, year=year, surplus=T.name(b.names, first["partner"], lang),
                                 surplus_value=number(first["value"], lang, 1),
                                 deficit=T.name(b.names, last["partner"], lang),
                                 deficit_value=number(abs(last["value"]), lang, 1))
    return out


def concentration(b: TradeBundle, lang: str, start: int = CHART_START) -> dict:
    frames = {flow: TR.concentration(b.data, TR.DOTS_SOURCE, flow) for flow in ("export", "import")}
    rows = pd.concat([T.concentration_rows(f, flow) for flow, f in frames.items()], ignore_index=True)
    return {"top": C.concentration_figure(frames, "top_share", lang, start),
            "hhi": C.concentration_figure(frames, "hhi", lang, start), "rows": rows}


def partner(b: TradeBundle, code: str, year_from: int, year_to: int, lang: str) -> dict:
    series = TR.partner_series(b.data, code)
    shown = series[series["year"].between(year_from, year_to)]
    label = T.name(b.names, code, lang)
    out = {"name": label, "empty": shown.empty, "group": code in b.groups,
           "rows": T.partner_rows(shown, code, b.names, b.sources, lang),
           "kinds": sorted(set(shown["kind"])),
           "estimates": bool((shown["estimate"].astype(bool) & (shown["kind"] == "dataset")).any()),
           "gap": bool(len(shown)) and year_from < 1981 and year_to > 1973}
    if shown.empty:
        return out
    out["figure"] = C.partner_figure(series, label, lang, year_from, year_to)
    if shown["share"].notna().any():
        out["share"] = C.share_figure(series, label, lang, year_from, year_to)
    return out


def fta(b: TradeBundle, lang: str, start: int = CHART_START) -> dict:
    years = b.dots_years
    if not years or b.pairs.empty:
        return {"empty": True}
    end = years[-1]
    base = FTA_BASE if FTA_BASE in years else years[0]
    shares = TR.fta_shares(b.data, TR.DOTS_SOURCE, b.pairs)
    index = TR.fta_index(b.data, TR.DOTS_SOURCE, b.pairs, base, end)
    out = {"empty": False, "base": base, "end": end,
           "shares": C.fta_share_figure(shares, lang, start), "share_rows": T.fta_share_rows(shares),
           "index": C.fta_index_figure(index, lang, base, end), "index_rows": T.fta_index_rows(index, lang)}
    last = index[index["year"] == end].set_index("group")["index"]
    if {"fta", "rest"} <= set(last.index):
        out["claim_index"] = i18n.t("tr_fta_claim_index", lang, base=base, end=end,
                                    fta=number(last["fta"] / 100, lang, 1), rest=number(last["rest"] / 100, lang, 1))
    # Market by market, the latest year on the one before: did exports grow, with an FTA in force or not?
    table = TR.markets(b.data, TR.DOTS_SOURCE, end, "export")
    members = TR.fta_partners_by_year(b.pairs, [end])[end]
    growth = T.growth_rows(table, members, end, b.names, lang, GROWTH_FLOOR)
    yes = i18n.t("tr_yes", lang)
    fta_rows, rest_rows = growth[growth["fta"] == yes], growth[growth["fta"] != yes]
    out["growth_rows"] = growth
    out["claim_growth"] = i18n.t("tr_fta_claim_growth", lang, year=end, prev=end - 1, n=len(growth),
                                 fta_up=int((fta_rows["change_pct"] > 0).sum()), fta_n=len(fta_rows),
                                 rest_up=int((rest_rows["change_pct"] > 0).sum()), rest_n=len(rest_rows))
    # The statements' later years, partner by partner (same source and months only).
    stated = _statement_growth(b, lang)
    if stated is not None:
        out["statement_rows"], out["statement_years"] = stated
    return out


def _statement_growth(b: TradeBundle, lang: str):
    """Exports by partner in the statements' two latest full years, with the change where both come from the same
    source, and whether an FTA was in force (the partner, or for a group, any of its economies)."""
    rows = b.data.of(kind="statement")
    rows = rows[(rows["flow"] == "export") & (rows["product"] == "") & (rows["partner"] != "")
                & (rows["months"] == 12)]
    years = sorted(set(rows["year"]))
    if len(years) < 2:
        return None
    year, prev = int(years[-1]), int(years[-2])
    members = TR.fta_partners_by_year(b.pairs, [year])[year]
    now = rows[rows["year"] == year].drop_duplicates("partner", keep="last").set_index("partner")
    before = rows[rows["year"] == prev].drop_duplicates("partner", keep="last").set_index("partner")
    out = []
    for code in now.index:
        value = float(now.at[code, "value"])
        change = np.nan
        if code in before.index and before.at[code, "source_id"] == now.at[code, "source_id"]:
            change = (value / float(before.at[code, "value"]) - 1) * 100
        fta_in_force = code in members or bool(members & set(b.groups.get(code, ())))
        out.append({"partner": code, "partner_name": T.name(b.names, code, lang), "indicator": "exports",
                    "year": year, "value": T.in_source_unit(value, "statement")[0], "unit": T.UNIT_BN,
                    "change_pct": round(change, 2) if pd.notna(change) else np.nan,
                    "fta": i18n.t("tr_yes" if fta_in_force else "tr_no", lang),
                    "source": T.source_label(str(now.at[code, "source_id"]), "statement", b.sources, lang)})
    return pd.DataFrame(out), (year, prev)


def products(b: TradeBundle, product: str | None, lang: str) -> dict:
    out: dict = {}
    if len(b.commodities):
        out["groups"] = C.commodity_figure(b.commodities, lang)
        out["group_rows"] = T.commodity_rows(b.commodities, lang)
    stated = b.data.figures[(b.data.figures["product"] != "") & (b.data.figures["kind"] != "dataset")]
    rows = T.product_rows(stated, b.products, b.names, b.sources, lang)
    out["rows"] = rows
    if len(rows) and (rows["partner"] == "").any():
        out["figure"] = C.product_figure(rows, lang)
    if product:
        out["product_name"] = T.product_name(b.products, product, lang)
        markets = rows[(rows["product"] == product) & (rows["partner"] != "")]
        out["markets"] = markets.sort_values(["year", "value"], ascending=[False, False]).reset_index(drop=True)
    return out


def world_map(b: TradeBundle, shapes, year: int, flow: str, lang: str) -> dict:
    table = TR.markets(b.data, TR.DOTS_SOURCE, year, "export" if flow == "share" else flow)
    classes, _ = C.map_classes(table, flow, lang)
    out = {"rows": T.map_rows(table, classes, flow, year, b.names, lang), "empty": table.empty}
    if shapes and not table.empty:
        out["figure"] = C.map_figure(table, shapes, flow, year, b.names, lang)
    return out
