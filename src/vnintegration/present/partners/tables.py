"""The tables behind the Partners page's charts: one frame per chart with headers in the reader's language, shown
as a table (numbers written for the language: `for_reading`) and downloaded as CSV (the same rows, numbers as
numbers, through export.to_safe_csv)."""

from __future__ import annotations

import pandas as pd

from vnintegration.core import partners as P
from vnintegration.present import i18n
from vnintegration.present.export import to_safe_csv
from vnintegration.present.formatting import number


def _yes(flag: bool, lang: str) -> str:
    return i18n.t("pyes" if flag else "pno", lang)


def _h(key: str, lang: str) -> str:
    return i18n.t("ptcol_" + key, lang)


def map_rows(frame: pd.DataFrame, data: P.PartnerData, lang: str) -> pd.DataFrame:
    """The map's partners: code, name, class, value."""
    rows = frame.sort_values(["class", "partner"])
    return pd.DataFrame({
        _h("code", lang): rows["partner"].to_numpy(),
        _h("partner", lang): [data.name(c, lang) for c in rows["partner"]],
        i18n.t("pcolor_label", lang): rows["class"].to_numpy(),
        _h("value", lang): rows["value"].to_numpy(),
    })


def level_rows(history: pd.DataFrame, lang: str) -> pd.DataFrame:
    """A partner's level history, oldest first, with the source address and the verbatim quote (plain text)."""
    return pd.DataFrame({
        _h("date", lang): history["date"].to_numpy(),
        _h("level", lang): [i18n.t("level_" + lv, lang) for lv in history["level"]],
        _h("quote", lang): history["quote"].to_numpy(),
        _h("source", lang): history["source"].to_numpy(),
        _h("stored", lang): [_yes(s == "yes", lang) for s in history["stored"]],
    })


def fta_rows(pairs: pd.DataFrame, data: P.PartnerData, lang: str) -> pd.DataFrame:
    """The FTAs covering a partner, with the pair's in-force date and Viet Nam's part."""
    agreements = data.agreements
    name = "name_vi" if lang == "vi" else "name_en"
    party = {"direct": "pagr_direct", "via ASEAN": "pagr_via", "ASEAN member": "pagr_member"}
    return pd.DataFrame({
        _h("agreement", lang): [f"{agreements.at[a, 'short_name']} – {agreements.at[a, name]}" for a in pairs["agreement"]],
        _h("in_force", lang): [f"{d:%Y-%m-%d}" for d in pairs["in_force"]],
        _h("party", lang): [i18n.t(party.get(p, "pagr_direct"), lang) for p in pairs["vn_party"]],
        _h("note", lang): [agreements.at[a, "note"] for a in pairs["agreement"]],
    })


def fdi_rows(rows: pd.DataFrame, lang: str) -> pd.DataFrame:
    return pd.DataFrame({
        _h("year", lang): rows["year"].to_numpy(),
        _h("capital", lang): rows["capital"].to_numpy(),
        _h("projects", lang): rows["projects"].to_numpy(),
        _h("rank", lang): rows["rank"].to_numpy(),
    })


def imf_rows(rows: pd.DataFrame, lang: str) -> pd.DataFrame:
    return pd.DataFrame({
        _h("year", lang): rows["year"].to_numpy(),
        _h("position", lang): rows["position"].to_numpy(),
        _h("confidential", lang): [_yes(c, lang) for c in rows["confidential"]],
    })


def investor_rows(top: pd.DataFrame, data: P.PartnerData, lang: str) -> pd.DataFrame:
    out = pd.DataFrame({
        _h("rank", lang): top["rank"].to_numpy(),
        _h("code", lang): top["partner"].to_numpy(),
        _h("partner", lang): [data.name(c, lang) for c in top["partner"]],
        _h("capital", lang): top["capital"].to_numpy(),
        _h("share", lang): top["share"].to_numpy(),
        _h("projects", lang): top["projects"].to_numpy(),
    })
    if "change" in top:
        out[_h("change", lang)] = top["change"].to_numpy()
        out[_h("change_pct", lang)] = top["change_pct"].to_numpy()
        out[_h("break", lang)] = [_yes(b, lang) for b in top["break"]]
    return out


def matrix_rows(matrix: pd.DataFrame, data: P.PartnerData, lang: str) -> pd.DataFrame:
    """The partner x year matrix, long: code, partner, year, capital."""
    long = matrix.stack().reset_index()
    long.columns = ["partner", "year", "capital"]
    return pd.DataFrame({
        _h("code", lang): long["partner"].to_numpy(),
        _h("partner", lang): [data.name(c, lang) for c in long["partner"]],
        _h("year", lang): long["year"].astype(int).to_numpy(),
        _h("capital", lang): long["capital"].to_numpy(),
    })


def agreement_rows(agreements: pd.DataFrame, data: P.PartnerData, lang: str) -> pd.DataFrame:
    rows = agreements.sort_values("in_force")
    name = "name_vi" if lang == "vi" else "name_en"
    party = {"direct": "pagr_direct", "via ASEAN": "pagr_via", "ASEAN member": "pagr_member"}
    return pd.DataFrame({
        _h("in_force", lang): [f"{d:%Y-%m-%d}" for d in rows["in_force"]],
        _h("agreement", lang): [f"{s} – {n}" for s, n in zip(rows["short_name"], rows[name])],
        _h("party", lang): [i18n.t(party[p], lang) for p in rows["vn_party"]],
        _h("partners", lang): [", ".join(data.name(c, lang) for c in ps_) for ps_ in rows["parties"]],
        _h("note", lang): rows["note"].to_numpy(),
    })


def count_rows(wto: pd.Series, rcep: pd.Series, articles: pd.DataFrame, lang: str) -> pd.DataFrame:
    """Year-end counts of FTA lines in force (WTO list, plus RCEP), then the articles' figures."""
    lines = [(f"{y}-12-31", i18n.t("pagr_line_wto", lang), int(v)) for y, v in wto.items()]
    lines += [(f"{y}-12-31", i18n.t("pagr_line_rcep", lang), int(v)) for y, v in rcep.items()]
    lines += [(f"{d:%Y-%m-%d}", str(n), float(v)) for d, n, v in zip(articles["as_of"], articles["name"], articles["value"])]
    return pd.DataFrame(lines, columns=[_h("date", lang), _h("what", lang), _h("count", lang)])


def reconciliation_rows(partnerships: pd.DataFrame, articles: pd.DataFrame, lang: str) -> pd.DataFrame:
    """Each article's count of partners at a date beside the table's count, split by level."""
    out = []
    for as_of, value, source in zip(articles["as_of"], articles["value"], articles["source"]):
        counts = P.counts_on(partnerships, as_of)
        out.append({_h("date", lang): f"{as_of:%Y-%m-%d}", _h("article", lang): float(value),
                    _h("list", lang): int(counts.sum()),
                    **{i18n.t("level_" + lv, lang): int(counts[lv]) for lv in P.LEVELS},
                    _h("source", lang): source})
    return pd.DataFrame(out)


def for_reading(frame: pd.DataFrame, lang: str) -> pd.DataFrame:
    """Numbers written for LANG (1.234,5 / 1,234.5; whole numbers without decimals), text as it is."""
    out = frame.copy()
    for column in out.columns:
        values = out[column]
        if pd.api.types.is_float_dtype(values.dtype) or pd.api.types.is_integer_dtype(values.dtype):
            whole = values.dropna().eq(values.dropna().round()).all()
            if "year" in str(column).lower() or column in (_h("year", "vi"), _h("year", "en")):
                continue
            out[column] = [number(v, lang, 0 if whole else 1) if pd.notna(v) else "" for v in values]
    return out


def csv_bytes(frame: pd.DataFrame) -> bytes:
    return to_safe_csv(frame)
