"""The tables behind the Trade page's charts, pure (no Streamlit).

Each builder returns one frame with stable, English column names (indicator, partner, partner_name, year, months,
value, unit, source, ...): downloaded as it is (`csv_bytes`, through export.to_safe_csv) and shown with headers and
numbers in the reader's language (`for_reading`). A value is given in its source's unit: IMF DOTS in US$ million,
the official statements in US$ billion (core/trade.py holds every figure in million; they are converted back here).
"""

from __future__ import annotations

import io
import unicodedata
from collections.abc import Mapping

import numpy as np
import pandas as pd

from vnintegration.core import trade as TR
from vnintegration.present import i18n
from vnintegration.present.export import to_safe_csv
from vnintegration.present.formatting import MINUS, digits, number
from vnintegration.present.trade.strings import ALIASES

UNIT_MN, UNIT_BN, UNIT_PCT = "US$ million", "US$ billion", "%"
UNIT_KEYS = {UNIT_MN: "tr_unit_mn", UNIT_BN: "tr_unit_bn", UNIT_PCT: "tr_unit_pct"}
Names = Mapping[str, tuple[str, str]]  # code -> (vi, en)

# column -> its header's key in strings.py
HEADERS = {
    "rank": "trcol_rank", "indicator": "trcol_flow", "partner": "trcol_code", "partner_name": "trcol_partner",
    "year": "trcol_year", "months": "trcol_months", "period": "trcol_period", "value": "trcol_value", "unit": "trcol_unit",
    "share_pct": "trcol_share", "change_pct": "trcol_change", "source": "trcol_source", "source_id": "trcol_source",
    "kind": "trcol_kind", "note": "trcol_note", "top5_share_pct": "trcol_top", "hhi": "trcol_hhi",
    "listed": "trcol_listed", "fta_share_pct": "trcol_fta_share", "fta_partners": "trcol_fta_partners",
    "group": "trcol_group", "index": "trcol_index", "fta": "trcol_fta", "product": "trcol_product",
    "product_name": "trcol_product", "class": "trcol_class", "exports": "trcol_exports", "imports": "trcol_imports",
    "balance": "trcol_balance", "export_share_pct": "trcol_share_x", "export_rank": "trcol_rank_x",
    "qualifier": "col_qualifier",
}
HIDDEN_IN_READING = ("source_id", "product")  # in the CSV, not in the table shown (its label is beside it)


# ---------------------------------------------------------------------------------------------- reading inputs


def dots_names(raw: bytes) -> dict[str, str]:
    """ISO3 -> the IMF's English name, from the DOTS extract's bytes (for partners the catalogue lacks)."""
    rows = pd.read_csv(io.BytesIO(raw), dtype=str, keep_default_na=False, usecols=["partner_iso3", "partner_name_imf"])
    rows = rows[rows["partner_iso3"] != ""].drop_duplicates("partner_iso3", keep="last")
    return dict(zip(rows["partner_iso3"], rows["partner_name_imf"]))


def partner_names(catalogue: pd.DataFrame, imf: Mapping[str, str]) -> dict[str, tuple[str, str]]:
    """code -> (vi, en): the partner catalogue's names (partners.csv), else the IMF's name in both languages."""
    names = {code: (name, name) for code, name in imf.items()}
    for code in catalogue.index:
        names[code] = (str(catalogue.at[code, "name_vi"]), str(catalogue.at[code, "name_en"]))
    return names


def name(names: Names, code: str, lang: str) -> str:
    pair = names.get(code)
    return code if pair is None else pair[0 if lang == "vi" else 1]


def commodity_groups(data: TR.TradeData, products: pd.DataFrame) -> pd.DataFrame:
    """The GSO yearbook's exports by commodity group (core.trade's PRODUCTS_SOURCE figures): year, preliminary,
    product, group_vi, group_en, subitem (True for an "of which" item, never added to the groups), value (US$
    million), share (% of the year's total)."""
    rows = data.of(TR.PRODUCTS_SOURCE)
    rows = rows[rows["flow"] == "export"]
    totals = rows[rows["product"] == ""].drop_duplicates("year").set_index("year")["value"]
    groups = rows[rows["product"] != ""]
    classification = products["classification"] if "classification" in products else pd.Series(dtype=object)
    return pd.DataFrame({
        "year": groups["year"].astype(int).to_numpy(), "preliminary": groups["estimate"].astype(bool).to_numpy(),
        "product": groups["product"].to_numpy(),
        "group_vi": [product_name(products, c, "vi") for c in groups["product"]],
        "group_en": [product_name(products, c, "en") for c in groups["product"]],
        "subitem": [classification.get(c, "") == "gso_subitem" for c in groups["product"]],
        "value": groups["value"].to_numpy(),
        "share": (groups["value"].to_numpy() / totals.reindex(groups["year"]).to_numpy() * 100).round(2),
    }, columns=["year", "preliminary", "product", "group_vi", "group_en", "subitem", "value", "share"]
    ).sort_values(["subitem", "year", "value"], ascending=[True, True, False]).reset_index(drop=True)


def product_catalogue(raw: bytes | None) -> pd.DataFrame:
    """A products.csv's bytes -> its rows by code (the page reads the file with core.trade.read_products; this is
    for a catalogue in hand, as in tests); empty when there are none."""
    if not raw:
        return pd.DataFrame(columns=["name_vi", "name_en"], index=pd.Index([], name="code"))
    rows = pd.read_csv(io.BytesIO(raw), dtype=str, keep_default_na=False)
    if "code" not in rows:
        return pd.DataFrame(columns=["name_vi", "name_en"], index=pd.Index([], name="code"))
    return rows.drop_duplicates("code").set_index("code")


def product_name(products: pd.DataFrame, code: str, lang: str) -> str:
    if code in products.index:
        return str(products.at[code, "name_vi" if lang == "vi" else "name_en"]) or code
    return code


# ---------------------------------------------------------------------------------------------- small words


def period(year: int, months: int, lang: str) -> str:
    """"2020", or a part year: "11 tháng 2021" / "Jan–Nov 2021"."""
    if int(months) >= 12:
        return str(int(year))
    return i18n.t("tr_part_year", lang, span=i18n.short_span(int(months), lang), year=int(year))


def source_label(source_id: str, kind: str, sources: Mapping[str, str], lang: str) -> str:
    """A source's short name: "IMF DOTS" for the DOTS extract, else the publisher (or title) and its id."""
    if source_id == TR.DOTS_SOURCE or kind == "dataset":
        return i18n.t("tr_kind_dataset", lang) if source_id == TR.DOTS_SOURCE else sources.get(source_id, source_id)
    label = sources.get(source_id, "")
    return f"{label} ({source_id})" if label and label != source_id else source_id


def in_source_unit(value: float, kind: str) -> tuple[float, str]:
    """A figure (US$ million in core.trade) in its source's unit: DOTS in million, statements in billion."""
    if kind == "dataset":
        return float(value), UNIT_MN
    return round(float(value) / TR.MILLION_PER_BILLION, 6), UNIT_BN


def kind_label(kind: str, months: int, lang: str) -> str:
    if kind == "statement" and months < 12:
        return i18n.t("tr_kind_statement_part", lang)
    return i18n.t("tr_kind_" + kind, lang)


# ---------------------------------------------------------------------------------------------- the tables


def market_rows(table: pd.DataFrame, year: int, flow: str, names: Names, lang: str) -> pd.DataFrame:
    """core.trade.markets' frame -> rank, partner, partner_name, indicator, year, value (US$ million), unit, share,
    change, source."""
    return pd.DataFrame({
        "rank": table["rank"].astype(int).to_numpy(),
        "partner": table["partner"].to_numpy(),
        "partner_name": [name(names, c, lang) for c in table["partner"]],
        "indicator": TR.FLOW_INDICATOR[flow], "year": int(year),
        "value": table["value"].round(3).to_numpy(), "unit": UNIT_MN,
        "share_pct": table["share"].round(2).to_numpy(), "change_pct": table["change"].round(2).to_numpy(),
        "source": i18n.t("tr_kind_dataset", lang),
    })


def partner_rows(series: pd.DataFrame, partner: str, names: Names, sources: Mapping[str, str],
                 lang: str) -> pd.DataFrame:
    """core.trade.partner_series' frame -> one row per figure, each in its source's unit with its source named:
    indicator, partner, partner_name, year, months, period, value, unit, share, source, source_id, kind, note."""
    rows = series.sort_values(["year", "months", "kind", "flow"], kind="stable")
    converted = [in_source_unit(v, k) for v, k in zip(rows["value"], rows["kind"])]
    notes = []
    for estimate, derived in zip(rows["estimate"], rows["derived"]):
        parts = ([i18n.t("tr_estimate", lang)] if bool(estimate) else []) + \
                ([i18n.t("tr_derived", lang)] if bool(derived) else [])
        notes.append("; ".join(parts))
    return pd.DataFrame({
        "indicator": [TR.FLOW_INDICATOR[f] for f in rows["flow"]],
        "partner": partner, "partner_name": name(names, partner, lang),
        "year": rows["year"].astype(int).to_numpy(), "months": rows["months"].astype(int).to_numpy(),
        "period": [period(y, m, lang) for y, m in zip(rows["year"], rows["months"])],
        "value": [v for v, _ in converted], "qualifier": qualifiers(rows), "unit": [u for _, u in converted],
        "share_pct": pd.to_numeric(rows["share"], errors="coerce").round(2).to_numpy(),
        "source": [source_label(s, k, sources, lang) for s, k in zip(rows["source_id"], rows["kind"])],
        "source_id": rows["source_id"].to_numpy(),
        "kind": [kind_label(k, m, lang) for k, m in zip(rows["kind"], rows["months"])],
        "note": notes,
    })


def concentration_rows(frame: pd.DataFrame, flow: str) -> pd.DataFrame:
    return pd.DataFrame({
        "indicator": TR.FLOW_INDICATOR[flow], "year": frame["year"].astype(int).to_numpy(),
        "top5_share_pct": frame["top_share"].round(2).to_numpy(), "hhi": frame["hhi"].round(1).to_numpy(),
        "listed": frame["listed"].astype(int).to_numpy(), "source": "IMF DOTS",
    })


def fta_share_rows(shares: pd.DataFrame) -> pd.DataFrame:
    return pd.DataFrame({
        "indicator": [TR.FLOW_INDICATOR[f] for f in shares["flow"]], "year": shares["year"].astype(int).to_numpy(),
        "fta_share_pct": shares["share"].round(2).to_numpy(), "fta_partners": shares["partners"].astype(int).to_numpy(),
        "unit": UNIT_PCT, "source": "IMF DOTS",
    })


def fta_index_rows(index: pd.DataFrame, lang: str) -> pd.DataFrame:
    return pd.DataFrame({
        "indicator": "exports", "group": [i18n.t("tr_fta_group_" + g, lang) for g in index["group"]],
        "year": index["year"].astype(int).to_numpy(), "value": index["value"].round(3).to_numpy(), "unit": UNIT_MN,
        "index": index["index"].round(2).to_numpy(), "source": "IMF DOTS",
    })


def growth_rows(table: pd.DataFrame, members: set[str], year: int, names: Names, lang: str,
                floor: float = 100.0) -> pd.DataFrame:
    """The export markets of YEAR above FLOOR (US$ million) with their change on a year earlier and whether an
    FTA was in force: the claim's check, market by market."""
    rows = table[(table["value"] >= floor) & table["change"].notna()]
    return pd.DataFrame({
        "partner": rows["partner"].to_numpy(), "partner_name": [name(names, c, lang) for c in rows["partner"]],
        "indicator": "exports", "year": int(year), "value": rows["value"].round(3).to_numpy(), "unit": UNIT_MN,
        "change_pct": rows["change"].round(2).to_numpy(),
        "fta": [i18n.t("tr_yes" if c in members else "tr_no", lang) for c in rows["partner"]],
        "source": "IMF DOTS",
    })


def commodity_rows(groups: pd.DataFrame, lang: str) -> pd.DataFrame:
    return pd.DataFrame({
        "indicator": "exports", "product_name": groups["group_vi" if lang == "vi" else "group_en"].to_numpy(),
        "year": groups["year"].astype(int).to_numpy(), "value": groups["value"].to_numpy(), "unit": UNIT_MN,
        "share_pct": groups["share"].to_numpy(),
        "note": [i18n.t("tr_estimate", lang) if p else "" for p in groups["preliminary"]],
        "source": i18n.t("tr_gso_citation", lang),
    })


def product_rows(figures: pd.DataFrame, products: pd.DataFrame, names: Names, sources: Mapping[str, str],
                 lang: str) -> pd.DataFrame:
    """The statements' figures with a product (and a partner where stated), each in its source's unit."""
    rows = figures.sort_values(["product", "year", "months", "partner"], kind="stable")
    converted = [in_source_unit(v, k) for v, k in zip(rows["value"], rows["kind"])]
    return pd.DataFrame({
        "product": rows["product"].to_numpy(),
        "product_name": [product_name(products, c, lang) for c in rows["product"]],
        "indicator": [TR.FLOW_INDICATOR[f] for f in rows["flow"]],
        "partner": rows["partner"].to_numpy(),
        "partner_name": [name(names, c, lang) if c else "" for c in rows["partner"]],
        "year": rows["year"].astype(int).to_numpy(), "months": rows["months"].astype(int).to_numpy(),
        "period": [period(y, m, lang) for y, m in zip(rows["year"], rows["months"])],
        "value": [v for v, _ in converted], "qualifier": qualifiers(rows), "unit": [u for _, u in converted],
        "source": [source_label(s, k, sources, lang) for s, k in zip(rows["source_id"], rows["kind"])],
        "source_id": rows["source_id"].to_numpy(),
    })


def qualifiers(rows: pd.DataFrame) -> list[str]:
    """Each figure's qualifier as observations.csv writes it (exact, over, nearly...; a blank is exact): "more than
    182.5" is not 182.5. The tables and charts/_words read it here."""
    if "qualifier" not in rows:
        return ["exact"] * len(rows)
    return [str(q) if isinstance(q, str) and q else "exact" for q in rows["qualifier"]]


def map_rows(table: pd.DataFrame, classes: Mapping[str, str], flow: str, year: int, names: Names,
             lang: str) -> pd.DataFrame:
    value = table["share"] if flow == "share" else table["value"]
    return pd.DataFrame({
        "partner": table["partner"].to_numpy(), "partner_name": [name(names, c, lang) for c in table["partner"]],
        "indicator": TR.FLOW_INDICATOR["export" if flow == "share" else flow], "year": int(year),
        "value": value.round(3).to_numpy(), "unit": UNIT_PCT if flow == "share" else UNIT_MN,
        "class": [classes.get(c, "") for c in table["partner"]], "source": "IMF DOTS",
    })


def profile_rows(data: TR.TradeData, partner: str, sources: Mapping[str, str], lang: str) -> pd.DataFrame:
    """The Partners profile's trade block: for the latest full year of each source with this partner (and a part
    year of the statements when it is the newest), exports, imports, balance in the source's unit, the share of
    exports, and the export rank among the economies that source lists."""
    series = TR.partner_series(data, partner)
    out = []
    for (source_id, kind), rows in series.groupby(["source_id", "kind"], sort=False):
        latest = rows.sort_values(["year", "months"]).iloc[-1]
        year, months = int(latest["year"]), int(latest["months"])
        mine = rows[(rows["year"] == year) & (rows["months"] == months)].set_index("flow")
        value = {f: in_source_unit(mine.at[f, "value"], kind)[0] if f in mine.index else np.nan for f in TR.FLOWS}
        words = dict(zip(mine.index, qualifiers(mine)))
        share = float(mine.at["export", "share"]) if "export" in mine.index else np.nan
        rank = TR.rank_of(data, source_id, partner, year, "export") if kind == "dataset" else None
        out.append({"period": period(year, months, lang), "exports": value["export"], "imports": value["import"],
                    "balance": value["balance"], "unit": in_source_unit(0, kind)[1],
                    **{f"{column}_qualifier": words.get(f, "exact")
                       for column, f in (("exports", "export"), ("imports", "import"), ("balance", "balance"))},
                    "export_share_pct": round(share, 2) if pd.notna(share) else np.nan,
                    "export_rank": rank if rank is not None else np.nan,
                    "source": source_label(str(source_id), str(kind), sources, lang), "year": year})
    frame = pd.DataFrame(out, columns=["period", "exports", "imports", "balance", "unit", "export_share_pct",
                                       "export_rank", "source", "exports_qualifier", "imports_qualifier",
                                       "balance_qualifier", "year"])
    return frame.sort_values("year").drop(columns="year").reset_index(drop=True)


# ---------------------------------------------------------------------------------------------- search


def fold(text: str) -> str:
    """Lower case without accents ("Mỹ" -> "my", "Trung Quốc" -> "trung quoc"); đ -> d."""
    text = unicodedata.normalize("NFD", str(text).casefold().replace("đ", "d"))
    return "".join(c for c in text if unicodedata.category(c) != "Mn").strip()


def search(query: str, names: Names, products: pd.DataFrame, limit: int = 8) -> list[tuple[str, str]]:
    """("partner" | "product", code) whose names (both languages, aliases, the code) match QUERY: with accents
    as typed ("Mỹ" finds the United States, not Myanmar) or, for a query typed without any, without them."""
    query = " ".join(str(query).split())[:60]
    if len(query) < 2:
        return []
    exact_accents = fold(query) != query.casefold()
    key = query.casefold() if exact_accents else fold(query)

    def matches(words) -> int | None:  # 0: a whole name, 1: a name's start, 2: inside a name
        best = None
        for word in words:
            text = str(word).casefold() if exact_accents else fold(word)
            rank = 0 if text == key else 1 if text.startswith(key) else 2 if key in text else None
            if rank is not None and (best is None or rank < best):
                best = rank
        return best

    found: list[tuple[int, str, str]] = []
    for code, pair in names.items():
        rank = matches([*pair, code, *ALIASES.get(code, ())])
        if rank is not None:
            found.append((rank, "partner", code))
    for code in products.index:
        rank = matches([products.at[code, "name_vi"], products.at[code, "name_en"], code])
        if rank is not None:
            found.append((rank, "product", code))
    found.sort(key=lambda f: (f[0], f[1] != "partner", f[2]))
    return [(kind, code) for _, kind, code in found[:limit]]


# ---------------------------------------------------------------------------------------------- for reading


def _places(values: pd.Series, most: int) -> int:
    clean = values.dropna().abs()
    for places in range(most + 1):
        if (clean.round(places) - clean).abs().max() < 1e-9 if len(clean) else True:
            return places
    return most


def for_reading(frame: pd.DataFrame, lang: str) -> pd.DataFrame:
    """Headers in LANG; flows by name; numbers written for LANG (a value at its unit's decimals), text as it is."""
    out = frame.drop(columns=[c for c in HIDDEN_IN_READING if c in frame], errors="ignore").copy()
    if "indicator" in out:
        out["indicator"] = [i18n.t("tr_flow_" + TR.INDICATOR_FLOW.get(i, "export"), lang) for i in out["indicator"]]
    if "unit" in out:
        units = out["unit"].copy()
        out["unit"] = [i18n.t(UNIT_KEYS[u], lang) if u in UNIT_KEYS else u for u in units]
    else:
        units = None
    # A wide table's figures (the profile's exports, imports, balance) carry their qualifier in a column of its own,
    # written before the figure ("trên 182,5"), not shown apart.
    wide = {c: out.pop(f"{c}_qualifier").tolist() for c in ("exports", "imports", "balance") if f"{c}_qualifier" in out}
    for column in out.columns:
        values = out[column]
        if column == "qualifier":  # the word as the source wrote it ("trên", "gần"); blank for an exact figure
            out[column] = [i18n.qualifier_word(q, lang) for q in values]
            continue
        if column in ("year", "months", "rank", "listed", "fta_partners"):
            out[column] = [str(int(v)) if pd.notna(v) else "" for v in values]
            continue
        if not (pd.api.types.is_float_dtype(values.dtype) or pd.api.types.is_integer_dtype(values.dtype)):
            continue
        if column in ("value", "exports", "imports", "balance") and units is not None:
            out[column] = [_value(v, u, lang) for v, u in zip(values, units)]
            if column in wide:
                out[column] = [f"{i18n.qualifier_word(q, lang)} {v}".strip() if v else v
                               for q, v in zip(wide[column], out[column])]
        elif column == "export_rank":
            out[column] = [str(int(v)) if pd.notna(v) else "" for v in values]
        else:
            out[column] = [number(v, lang, 1) if pd.notna(v) else "" for v in values]
    return out.rename(columns={c: i18n.t(HEADERS[c], lang) for c in out.columns if c in HEADERS})


def _value(value, unit: str, lang: str) -> str:
    if pd.isna(value):
        return ""
    if unit == UNIT_BN:  # as the statement wrote it (up to 3 decimals)
        text = digits(abs(float(value)), lang, None)
        return (MINUS + text) if value < 0 else text
    return number(float(value), lang, 1)


def csv_bytes(frame: pd.DataFrame) -> bytes:
    return to_safe_csv(frame)
