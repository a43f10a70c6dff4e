"""The tables behind the Peers page's charts: one frame per chart, shown as a table (numbers written for the
reader's language) and downloaded as CSV (the same rows, numbers as numbers, through export.to_safe_csv)."""

from __future__ import annotations

import pandas as pd

from vnintegration.core import peers
from vnintegration.present.export import to_safe_csv
from vnintegration.present.formatting import NO_VALUE, decimals, number, signed_integer, unit_label
from vnintegration.present.i18n import t
from vnintegration.present.peers import strings as ps


def _order(frame: pd.DataFrame, countries) -> pd.DataFrame:
    position = {c: n for n, c in enumerate(countries)}
    return frame.assign(_pos=frame["country"].map(position)).sort_values(["_pos", "year"] if "year" in frame else ["_pos"]).drop(columns="_pos")


def series_rows(frame: pd.DataFrame, countries, unit: str, lang: str, base: int | None = None) -> pd.DataFrame:
    """The lines chart's points: code, economy, year, value, unit; in the order chosen, then by year."""
    rows = _order(frame[frame["country"].isin(list(countries))], countries)
    return pd.DataFrame({
        t("pcol_code", lang): rows["country"].to_numpy(),
        t("pcol_country", lang): [ps.country_name(c, lang) for c in rows["country"]],
        t("pcol_year", lang): rows["year"].to_numpy(),
        t("pcol_value", lang): rows["value"].to_numpy(),
        t("pcol_unit", lang): unit_label(unit, lang, base),
    })


def rank_rows(table: pd.DataFrame, year: int, unit: str, lang: str, base: int | None = None) -> pd.DataFrame:
    """core.peers.rank_table for reading: rank, economy, value, the ranks 5 and 10 years earlier and the gain."""
    out = pd.DataFrame({
        t("pcol_rank", lang): table["rank"].to_numpy(),
        t("pcol_code", lang): table["country"].to_numpy(),
        t("pcol_country", lang): [ps.country_name(c, lang) for c in table["country"]],
        t("pcol_value", lang): table["value"].to_numpy(),
        t("pcol_unit", lang): unit_label(unit, lang, base),
    })
    for span in (5, 10):
        if f"rank_{span}" in table:
            out[t("pcol_rank_then", lang, year=year - span)] = table[f"rank_{span}"].to_numpy()
            out[t("pcol_gain", lang, year=year - span)] = table[f"gain_{span}"].to_numpy()
    return out


def then_now_rows(table: pd.DataFrame, year_a: int, year_b: int, unit: str, lang: str,
                  base: int | None = None) -> pd.DataFrame:
    return pd.DataFrame({
        t("pcol_code", lang): table["country"].to_numpy(),
        t("pcol_country", lang): [ps.country_name(c, lang) for c in table["country"]],
        str(year_a): table["then"].to_numpy(),
        str(year_b): table["now"].to_numpy(),
        t("pcol_change", lang): table["change"].to_numpy(),
        t("pcol_unit", lang): unit_label(unit, lang, base),
    })


def map_rows(values: pd.DataFrame, year: int, unit: str, lang: str, base: int | None = None) -> pd.DataFrame:
    rows = _order(values, list(peers.COUNTRIES))
    return pd.DataFrame({
        t("pcol_code", lang): rows["country"].to_numpy(),
        t("pcol_country", lang): [ps.country_name(c, lang) for c in rows["country"]],
        t("pcol_year", lang): year,
        t("pcol_value", lang): rows["value"].to_numpy(),
        t("pcol_unit", lang): unit_label(unit, lang, base),
    })


def for_reading(rows: pd.DataFrame, unit: str, lang: str) -> pd.DataFrame:
    """ROWS with every float column written as LANG writes numbers (7,09 / 7.09); places gained signed (+2)."""
    out = rows.copy()
    places = decimals(unit)
    gain = t("pcol_gain", lang, year="")
    for column in out.columns:
        if pd.api.types.is_float_dtype(out[column].dtype):
            out[column] = [number(v, lang, places) for v in out[column]]
        elif isinstance(out[column].dtype, pd.Int64Dtype):
            whole = signed_integer if str(column).startswith(gain) else (lambda v: str(int(v)))
            out[column] = [NO_VALUE if pd.isna(v) else whole(v) for v in out[column]]
    return out


def for_download(rows: pd.DataFrame, indicator: str, transform: str, source: str, lang: str) -> pd.DataFrame:
    """ROWS as a file that reads on its own: the indicator first, then the rows (economy, year, value, unit), then
    how the values were computed (the transform) and the source; labelled columns only, nothing internal."""
    out = rows.copy()
    out.insert(0, t("pcol_indicator", lang), indicator)
    out[t("pcol_transform", lang)] = transform
    out[t("pcol_source", lang)] = source
    return out


def csv_bytes(rows: pd.DataFrame, indicator: str = "", transform: str = "", source: str = "",
              lang: str = "vi") -> bytes:
    """The rows as the safe CSV download (UTF-8 with BOM, formula-like text neutralised), labelled with the
    indicator, transform and source when given."""
    return to_safe_csv(for_download(rows, indicator, transform, source, lang) if indicator else rows)
