"""Tables as a reader sees them: typed frames from `analysis` in, labelled and formatted frames out.

Numbers are written for the reader's language with their qualifier and unit
("trên 514 tỷ USD" / "over USD 514 bn"); column headers come from i18n. The CSV
frames (`*_csv`) keep machine-readable columns and plain numbers instead.
No Streamlit.
"""

from __future__ import annotations

import io

import pandas as pd

from vnintegration.i18n import (
    EVENT_KINDS, SOURCE_KINDS, format_change, format_date, format_partial_date, format_value, pick, qualifier_word,
    status_word, t,
)
from vnintegration.model import OBSERVATIONS
from vnintegration.periods import Period


def _name(row, lang: str) -> str:
    return str(row["name_vi"] if lang == "vi" else row["name_en"])


def _period(row) -> Period:
    return Period.of({"year": row["year"], "months": row["months"], "as_of": row["as_of"]})


def _source(row, lang: str) -> str:
    return str(row.get("source_title") or row.get("source_id") or "")


def _published(row, lang: str) -> str:
    return format_partial_date(str(row.get("published") or ""), lang)


def trends_table(points: pd.DataFrame, lang: str, transform: str) -> pd.DataFrame:
    """The Trends table view: one row per point shown, newest first within each indicator."""
    records = []
    for _, r in points.iterrows():
        record = {
            t("col_indicator", lang): _name(r, lang),
            t("col_period", lang): _period(r).label(lang),
            t("col_value", lang): format_value(r["level"], r["unit"], r["qualifier"], lang),
        }
        if transform == "yoy":
            base = Period.of({"year": r["prev_year"], "months": r["prev_months"], "as_of": r["prev_as_of"]})
            record[t("col_change", lang)] = format_change(r["change"], r["change_unit"], r["unit"], lang,
                                                           1 if r["change_unit"] == "rel" else None, bool(r["approximate"]))
            record[t("col_base", lang)] = (f"{base.label(lang)}: "
                                           f"{format_value(r['prev_value'], r['unit'], r['prev_qualifier'], lang)}")
        record[t("col_status", lang)] = status_word(r["status"], lang)
        record[t("col_source", lang)] = _source(r, lang)
        records.append(record)
    return pd.DataFrame(records)


TRENDS_CSV = ["indicator", "name_en", "name_vi", "unit", "year", "months", "as_of", "value", "qualifier", "status",
              "source_id", "source_title", "series"]


def trends_csv(points: pd.DataFrame, transform: str) -> bytes:
    """The data shown on Trends as CSV: the figures (and, for the change view, the change and its base)."""
    out = points.assign(value=points["level"])[TRENDS_CSV].copy()
    if transform == "yoy":
        out["change"] = points["change"].round(6)
        out["change_unit"] = points["change_unit"].map({"rel": "percent", "pp": "pp", "abs": "", "rank": "places"})
        out.loc[out["change_unit"] == "", "change_unit"] = points["unit"]
        for column in ("year", "months", "as_of", "value", "qualifier", "source_id"):
            out["base_" + column] = points["prev_" + column]
    out["as_of"] = pd.to_datetime(out["as_of"]).dt.strftime("%Y-%m-%d")
    return _csv_bytes(out)


def compare_table(table: pd.DataFrame, lang: str, year_a: int, year_b: int) -> pd.DataFrame:
    """The Compare years table: both figures with their periods, the changes, and why not where not."""
    records = []
    rank = table["comparable"].map({True: 0, False: 1}) + table["a_value"].isna() * 2 + table["b_value"].isna() * 2
    for _, r in table.assign(_rank=rank).sort_values("_rank", kind="mergesort").iterrows():
        cells = {}
        for side, year in (("a", year_a), ("b", year_b)):
            if pd.isna(r[f"{side}_value"]):
                cells[side] = "–"
                continue
            period = Period.of({"year": r[f"{side}_year"], "months": r[f"{side}_months"], "as_of": r[f"{side}_as_of"]})
            value = format_value(r[f"{side}_value"], r["unit"], r[f"{side}_qualifier"], lang)
            notes = [] if period.full_year else [period.span_label(lang) if period.months else format_date(period.as_of, lang)]
            if r[f"{side}_status"] != "actual":
                notes.append(status_word(r[f"{side}_status"], lang))
            cells[side] = f"{value} ({', '.join(notes)})" if notes else value
        if r["comparable"]:
            absolute = format_change(r["change_abs"], "rank" if r["change_unit"] == "rank" else
                                     ("pp" if r["change_unit"] == "pp" else "abs"), r["unit"], lang, None, bool(r["approximate"]))
            relative = (format_change(r["change_rel"], "rel", r["unit"], lang, 1, bool(r["approximate"]))
                        if pd.notna(r["change_rel"]) else "–")
            span = Period.of({"year": r["b_year"], "months": r["b_months"], "as_of": r["b_as_of"]})
            why = f"✓ {span.span_label(lang)}" if span.months else f"✓ {t('comparable_dates', lang)}"
        else:
            absolute = relative = "–"
            why = f"✗ {r['reason']}"
        records.append({
            t("col_indicator", lang): _name(r, lang),
            str(year_a): cells["a"], str(year_b): cells["b"],
            t("col_abs_change", lang): absolute, t("col_rel_change", lang): relative,
            t("col_why", lang): why,
        })
    return pd.DataFrame(records)


def compare_csv(table: pd.DataFrame) -> bytes:
    columns = [c for c in table.columns if c not in ("name_vi", "name_en")]
    out = table[columns].copy()
    for side in "ab":
        out[f"{side}_as_of"] = pd.to_datetime(out[f"{side}_as_of"]).dt.strftime("%Y-%m-%d")
    return _csv_bytes(out)


def sources_table(frame: pd.DataFrame, lang: str) -> pd.DataFrame:
    """Every figure with its source, verbatim quote, status, qualifier and note (the Sources page)."""
    return pd.DataFrame({
        t("col_indicator", lang): [_name(r, lang) for _, r in frame.iterrows()],
        t("col_period", lang): [_period(r).label(lang) for _, r in frame.iterrows()],
        t("col_value", lang): [format_value(v, u, q, lang) for v, u, q in zip(frame["value"], frame["unit"], frame["qualifier"])],
        t("col_source", lang): [source_short(r, lang) for _, r in frame.iterrows()],
        t("col_quote", lang): frame["quote"].to_numpy(),
        t("col_status", lang): [status_word(s, lang) for s in frame["status"]],
        t("col_qualifier", lang): [qualifier_word(q, lang) or t("exact", lang) for q in frame["qualifier"]],
        t("col_title", lang): frame["source_title"].to_numpy(),
        t("col_published", lang): [format_partial_date(p, lang) for p in frame["published"]],
        t("col_link", lang): [u or None for u in frame["url"]],
        t("col_note", lang): frame["note"].to_numpy(),
        t("col_line", lang): frame["_line"].to_numpy(),
        t("col_number", lang): frame["value"].to_numpy(),
    })


def source_short(row, lang: str) -> str:
    """Publisher (or title) and date, as under the charts."""
    from vnintegration.charts import source_label

    return source_label(row, lang)


def conflicts_table(rows: pd.DataFrame, lang: str) -> pd.DataFrame:
    return pd.DataFrame({
        "#": rows["conflict"].to_numpy() + 1,
        t("col_indicator", lang): [_name(r, lang) for _, r in rows.iterrows()],
        t("col_period", lang): [_period(r).label(lang) for _, r in rows.iterrows()],
        t("col_value", lang): [format_value(v, u, q, lang) for v, u, q in zip(rows["value"], rows["unit"], rows["qualifier"])],
        t("col_preferred", lang): ["★" if p else "" for p in rows["preferred"]],
        t("col_source", lang): rows["source_title"].to_numpy(),
        t("col_kind_source", lang): [pick(SOURCE_KINDS, k, lang) for k in rows["source_kind"]],
        t("col_published", lang): [format_partial_date(p, lang) for p in rows["published"]],
        t("col_quote", lang): rows["quote"].to_numpy(),
    })


def problems_table(report_rows: list[dict], lang: str) -> pd.DataFrame:
    frame = pd.DataFrame(report_rows, columns=["severity", "file", "line", "column", "message", "value", "advice", "code"])
    return pd.DataFrame({
        t("col_severity", lang): frame["severity"].to_numpy(),
        t("col_file", lang): frame["file"].to_numpy(),
        t("col_line", lang): frame["line"].to_numpy(),
        t("col_column", lang): frame["column"].to_numpy(),
        t("col_message", lang): (frame["message"] + frame["value"].map(lambda v: f" ({v})" if v else "")).to_numpy(),
        t("col_advice", lang): frame["advice"].to_numpy(),
    })


def events_table(events: pd.DataFrame, lang: str) -> pd.DataFrame:
    ordered = events.sort_values("date", ascending=False, kind="mergesort")
    return pd.DataFrame({
        t("col_date", lang): [format_partial_date(d, lang) for d in ordered["date_text"]],
        t("col_kind", lang): [pick(EVENT_KINDS, k, lang) for k in ordered["kind"]],
        t("col_code", lang): ordered["code"].to_numpy(),
        t("col_title", lang): (ordered["title_vi"] if lang == "vi" else ordered["title_en"]).to_numpy(),
    })


def counts_table(points: pd.DataFrame, lang: str) -> pd.DataFrame:
    ordered = points.sort_values(["indicator", "as_of"], ascending=[True, False], kind="mergesort")
    return pd.DataFrame({
        t("col_indicator", lang): [_name(r, lang) for _, r in ordered.iterrows()],
        t("col_date", lang): [_period(r).label(lang) for _, r in ordered.iterrows()],
        t("col_value", lang): [format_value(v, u, q, lang) for v, u, q in zip(ordered["value"], ordered["unit"], ordered["qualifier"])],
        t("col_source", lang): ordered["source_title"].to_numpy(),
    })


def source_list(sources: pd.DataFrame, frame: pd.DataFrame, lang: str) -> pd.DataFrame:
    counts = frame.groupby("source_id").size()
    get = lambda c: sources[c] if c in sources else pd.Series("", index=sources.index)  # noqa: E731
    return pd.DataFrame({
        t("col_source", lang): get("title").to_numpy(),
        t("col_kind_source", lang): [pick(SOURCE_KINDS, k, lang) for k in get("kind")],
        t("col_publisher", lang): get("publisher").to_numpy(),
        t("col_author", lang): get("author").to_numpy(),
        t("col_published", lang): [format_partial_date(p, lang) for p in get("published")],
        t("col_licence", lang): get("licence").to_numpy(),
        t("col_n_figures", lang): [int(counts.get(i, 0)) for i in sources.index],
        t("col_link", lang): [u or None for u in get("url")],
    })


def validated_csv(observations: pd.DataFrame) -> bytes:
    """The valid rows of observations.csv, in its own columns and notation (ready to read back)."""
    out = observations[list(OBSERVATIONS.columns)].copy()
    out["months"] = out["months"].astype("Int64").astype(str).replace({"<NA>": ""})
    out["as_of"] = pd.to_datetime(out["as_of"]).dt.strftime("%Y-%m-%d").fillna("")
    out["value"] = [repr(float(v)).removesuffix(".0") if float(v).is_integer() else repr(float(v)) for v in out["value"]]
    return _csv_bytes(out)


def _csv_bytes(frame: pd.DataFrame) -> bytes:
    buffer = io.StringIO()
    frame.to_csv(buffer, index=False, lineterminator="\n")
    return buffer.getvalue().encode("utf-8")
