"""Tables as a reader sees them: typed frames from `analysis` in, labelled and formatted frames out.

Numbers are written for the reader's language with their qualifier and unit
("trên 514 tỷ USD" / "over USD 514 bn"); column headers come from i18n. The CSV
frames (`*_csv`) keep machine-readable columns and plain numbers instead.
No Streamlit.
"""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd

from vnintegration.core import analysis, peers
from vnintegration.core.model import OBSERVATIONS
from vnintegration.core.periods import Period, comparability
from vnintegration.present import about
from vnintegration.present.export import to_safe_csv
from vnintegration.present.formatting import unit_label
from vnintegration.present.i18n import (
    EVENT_KINDS,
    SOURCE_KINDS,
    auto_decimals,
    format_change,
    format_date,
    format_partial_date,
    format_value,
    period_label,
    pick,
    qualifier_word,
    source_label,
    status_word,
    t,
)
from vnintegration.present.peers import strings as peer_strings
from vnintegration.present.peers import tables as peer_tables


def _name(row, lang: str) -> str:
    return str(row["name_vi"] if lang == "vi" else row["name_en"])


def _names(frame: pd.DataFrame, lang: str, dimensions: Mapping[str, tuple[str, str]] | None = None) -> list[str]:
    """Each figure's indicator, with its market and product when it has them ("Exports · United States")."""
    names = frame["name_vi" if lang == "vi" else "name_en"].astype(str).tolist()
    if dimensions is None or "partner" not in frame:
        return names
    side = 0 if lang == "vi" else 1
    out = []
    for name, partner, product in zip(names, frame["partner"], frame["product"]):
        parts = [dimensions.get(code, (code, code))[side] for code in (partner, product) if code]
        out.append(" · ".join([name, *parts]))
    return out


def _periods(frame: pd.DataFrame, lang: str) -> list[str]:
    return [period_label({"year": y, "months": m, "as_of": a}, lang)
            for y, m, a in zip(frame["year"], frame["months"], frame["as_of"])]


def _values(frame: pd.DataFrame, lang: str, value: str = "value", qualifier: str = "qualifier") -> list[str]:
    return [format_value(v, u, q, lang) for v, u, q in zip(frame[value], frame["unit"], frame[qualifier])]


def _sources(frame: pd.DataFrame, lang: str) -> list[str]:
    return [source_label(r, lang) for r in frame[["publisher", "source_title", "source_id", "published"]].to_dict("records")]


def chronological(points: pd.DataFrame) -> pd.DataFrame:
    """Points by indicator (in the order picked), then period end, then source series."""
    order = {i: n for n, i in enumerate(dict.fromkeys(points["indicator"]))}
    keyed = points.assign(_order=points["indicator"].map(order))
    return keyed.sort_values(["_order", "end", "series"], kind="mergesort").drop(columns="_order")


def trends_table(points: pd.DataFrame, lang: str, transform: str) -> pd.DataFrame:
    """The Trends table view: one row per point shown, in time order within each indicator."""
    records = []
    for r in chronological(points).to_dict("records"):
        record = {
            t("col_indicator", lang): _name(r, lang),
            t("col_period", lang): period_label(r, lang),
            t("col_value", lang): format_value(r["level"], r["unit"], r["qualifier"], lang),
        }
        if transform == "yoy":
            base_row = {"year": r["prev_year"], "months": r["prev_months"], "as_of": r["prev_as_of"]}
            record[t("col_change", lang)] = format_change(r["change"], r["change_unit"], r["unit"], lang,
                                                           1 if r["change_unit"] == "rel" else None, bool(r["approximate"]))
            record[t("col_base", lang)] = (f"{period_label(base_row, lang)}: "
                                           f"{format_value(r['prev_value'], r['unit'], r['prev_qualifier'], lang)}")
        record[t("col_status", lang)] = status_word(r["status"], lang)
        record[t("col_source", lang)] = about.citation(r, lang)
        records.append(record)
    return pd.DataFrame(records)


TRENDS_CSV = ["indicator", "name_en", "name_vi", "unit", "year", "months", "as_of", "value", "qualifier", "status",
              "source_id", "source_title", "series"]


def trends_csv(points: pd.DataFrame, transform: str) -> bytes:
    """The data shown on Trends as CSV: the figures (and, for the change view, the change and its base)."""
    return _csv_bytes(trends_download(points, transform))


def trends_download(points: pd.DataFrame, transform: str) -> pd.DataFrame:
    """The rows of Trends' CSV (`trends_csv`; the data API's trends table): machine-readable columns."""
    points = chronological(points)
    out = points.assign(value=points["level"])[TRENDS_CSV].copy()
    if transform == "yoy":
        out["change"] = points["change"].round(6)
        out["change_unit"] = points["change_unit"].map({"rel": "percent", "pp": "pp", "abs": "", "rank": "places"})
        out.loc[out["change_unit"] == "", "change_unit"] = points["unit"]
        for column in ("year", "months", "as_of", "value", "qualifier", "source_id"):
            out["base_" + column] = points["prev_" + column]
    out["as_of"] = pd.to_datetime(out["as_of"]).dt.strftime("%Y-%m-%d")
    return out


def _side(r: dict, side: str) -> Period:
    return Period.of({"year": r[f"{side}_year"], "months": r[f"{side}_months"], "as_of": r[f"{side}_as_of"]})


def compare_reason(r: dict, lang: str) -> str:
    """Why a row of analysis.compare_years is not compared, in words: "thiếu số liệu 2025", "cả năm vs 7 tháng"."""
    year = "" if r["reason_year"] is None or pd.isna(r["reason_year"]) else int(r["reason_year"])
    if r["reason"] == analysis.NO_FIGURE:
        return t("no_figure", lang, year=year)
    if r["reason"] == analysis.DEFINITION_BREAK:
        return t("definition_break", lang, year=year)
    if r["reason"] == analysis.OTHER_SPAN:
        return comparability(_side(r, "a"), _side(r, "b"), lang) or ""
    return ""


def compare_table(table: pd.DataFrame, lang: str, year_a: int, year_b: int) -> pd.DataFrame:
    """The Compare years table: both figures with their periods, the changes, and why not where not."""
    records = []
    rank = table["comparable"].map({True: 0, False: 1}) + table["a_value"].isna() * 2 + table["b_value"].isna() * 2
    for r in table.assign(_rank=rank).sort_values("_rank", kind="mergesort").to_dict("records"):
        cells = {}
        for side in ("a", "b"):
            if pd.isna(r[f"{side}_value"]):
                cells[side] = "–"
                continue
            period = _side(r, side)
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
            span = _side(r, "b")
            why = f"✓ {span.span_label(lang)}" if span.months else f"✓ {t('comparable_dates', lang)}"
        else:
            absolute = relative = "–"
            why = f"✗ {compare_reason(r, lang)}"
        # Four columns, so that a 390 px phone reads a row: the change says both forms, or why there is none.
        if r["comparable"]:
            plain = r["change_unit"] in ("pp", "rank") or relative == "–"
            change = absolute if plain else f"{relative} ({absolute.removeprefix('≈ ')})"
        else:
            change = why
        records.append({
            t("col_indicator", lang): _name(r, lang),
            str(year_a): cells["a"], str(year_b): cells["b"],
            t("col_change", lang): change,
        })
    return pd.DataFrame(records, columns=[t("col_indicator", lang), str(year_a), str(year_b), t("col_change", lang)])


def _plain(value, unit: str):
    """A figure as a CSV number: as the source wrote it, a dataset's full precision rounded as a reader reads it."""
    if value is None or pd.isna(value):
        return None
    places = auto_decimals(float(value), unit)
    return float(value) if places is None else round(float(value), places)


def compare_csv(table: pd.DataFrame, lang: str, year_a: int, year_b: int, figures: pd.DataFrame | None = None) -> bytes:
    """The Compare years table as CSV a reader opens as a table (`compare_download`'s rows)."""
    return _csv_bytes(compare_download(table, lang, year_a, year_b, figures))


def compare_download(table: pd.DataFrame, lang: str, year_a: int, year_b: int,
                     figures: pd.DataFrame | None = None) -> pd.DataFrame:
    """The rows of Compare's CSV (the data API's compare table): labelled columns in `lang` (indicator, unit, then
    for each year its period, value in the unit, qualifier, status and source, then the change and why not), plain
    numbers, no internal columns. FIGURES (enriched observations, by `_line`) give each figure's source."""
    by_line = {} if figures is None else {int(r["_line"]): r for r in figures.to_dict("records")}
    rows = []
    for r in table.to_dict("records"):
        row = {t("col_indicator", lang): _name(r, lang), t("col_unit", lang): unit_label(r["unit"], lang)}
        for side, year in (("a", year_a), ("b", year_b)):
            label = int(year)
            if pd.isna(r[f"{side}_value"]):
                cells = [None] * 5
            else:
                figure = by_line.get(int(r[f"{side}__line"])) if pd.notna(r[f"{side}__line"]) else None
                cells = [_side(r, side).label(lang),
                         _plain(r[f"{side}_value"], r["unit"]),
                         qualifier_word(r[f"{side}_qualifier"], lang) or t("exact", lang),
                         status_word(r[f"{side}_status"], lang),
                         about.citation(figure, lang) if figure is not None else str(r[f"{side}_source_id"])]
            for key, cell in zip(("csv_period", "csv_value", "csv_qualifier", "csv_status", "csv_source"), cells):
                row[t(key, lang, year=label)] = cell
        comparable = bool(r["comparable"])
        row[t("col_abs_change", lang)] = (round(float(r["change_abs"]), 2)
                                          if comparable and pd.notna(r["change_abs"]) else None)
        row[t("col_rel_change", lang)] = (round(float(r["change_rel"]), 1)
                                          if comparable and pd.notna(r["change_rel"]) else None)
        row[t("col_why", lang)] = ("✓ " if comparable else "✗ ") + (
            compare_reason(r, lang) if not comparable else
            (_side(r, "b").span_label(lang) if _side(r, "b").months else t("comparable_dates", lang)))
        rows.append(row)
    return pd.DataFrame(rows)


def sources_table(frame: pd.DataFrame, lang: str, dimensions: Mapping[str, tuple[str, str]] | None = None
                  ) -> pd.DataFrame:
    """Every figure with its source, verbatim quote, status, qualifier and note (the Sources page); `dimensions`:
    partner and product codes -> (vi, en) names, for the figures of one market or product."""
    return pd.DataFrame({
        t("col_indicator", lang): _names(frame, lang, dimensions),
        t("col_period", lang): _periods(frame, lang),
        t("col_value", lang): _values(frame, lang),
        t("col_source", lang): _sources(frame, lang),
        t("col_quote", lang): [about.quote_text(r, lang) for r in frame.to_dict("records")],
        t("col_status", lang): [status_word(s, lang) for s in frame["status"]],
        t("col_qualifier", lang): [qualifier_word(q, lang) or t("exact", lang) for q in frame["qualifier"]],
        t("col_title", lang): frame["source_title"].to_numpy(),
        t("col_published", lang): [format_partial_date(p, lang) for p in frame["published"]],
        t("col_link", lang): [u or None for u in frame["url"]],
        t("col_note", lang): frame["note"].to_numpy(),
        t("col_line", lang): frame["_line"].to_numpy(),
        t("col_number", lang): frame["value"].to_numpy(),
    })


def conflicts_table(rows: pd.DataFrame, lang: str) -> pd.DataFrame:
    return pd.DataFrame({
        "#": rows["conflict"].to_numpy() + 1,
        t("col_indicator", lang): _names(rows, lang),
        t("col_period", lang): _periods(rows, lang),
        t("col_value", lang): _values(rows, lang),
        t("col_preferred", lang): ["★" if p else "" for p in rows["preferred"]],
        t("col_source", lang): _sources(rows, lang),
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
        t("col_indicator", lang): _names(ordered, lang),
        t("col_date", lang): _periods(ordered, lang),
        t("col_value", lang): _values(ordered, lang),
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
    return _csv_bytes(validated_rows(observations))


def validated_rows(observations: pd.DataFrame) -> pd.DataFrame:
    """Observations in observations.csv's columns and notation, as text (`validated_csv`; the data API's
    observations table, which adds each figure's provenance)."""
    out = observations[list(OBSERVATIONS.columns)].copy()
    out["months"] = out["months"].astype("Int64").astype(str).replace({"<NA>": ""})
    out["as_of"] = pd.to_datetime(out["as_of"]).dt.strftime("%Y-%m-%d").fillna("")
    out["value"] = [repr(float(v)).removesuffix(".0") if float(v).is_integer() else repr(float(v)) for v in out["value"]]
    return out


def peers_citation(sources: pd.DataFrame) -> str:
    """The peers extract's citation from its row of sources.csv; "" without one."""
    if peers.SOURCE_ID not in sources.index:
        return ""
    row = sources.loc[peers.SOURCE_ID]
    return str(row.get("citation") or row.get("title") or peers.SOURCE_ID)


def peers_series_name(data: peers.PeerData, series: str, lang: str) -> str:
    """A WDI series' name in LANG (the file's English name where no translation is written)."""
    return peer_strings.series_name(series, lang, str(data.series["name"].get(series, ""))
                                    if series in data.series.index else "")


def peers_series_download(data: peers.PeerData, sources: pd.DataFrame, countries, series: str, year_from: int,
                          year_to: int, tf: str, lang: str) -> pd.DataFrame:
    """The rows of Peers' series CSV (the lines chart's points under the transform, labelled with the series, the
    transform and the source; the data API's peers table)."""
    base = year_from if tf == "index" else None
    shown = peers.transform(data, series, countries, tf, base)
    rows = peer_tables.series_rows(peers.between(shown, year_from, year_to), countries, shown.unit, lang, base)
    return peer_tables.for_download(rows, peers_series_name(data, series, lang), t("ptf_" + tf, lang),
                                    peers_citation(sources), lang)


def _csv_bytes(frame: pd.DataFrame) -> bytes:
    """Every download: UTF-8 with BOM for Excel, formula-like text cells neutralised (export.py)."""
    return to_safe_csv(frame)
