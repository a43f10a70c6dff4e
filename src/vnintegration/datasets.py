"""Dataset extracts: exact unit scaling, the lookup of each dataset-sourced value, one definition per series.

A `dataset` source is a tidy CSV under `sources/` (series_code, year, value, unit). An observation
from it names the series code in `quote`; its value must equal the file's value for that series
and year once scaled to the indicator's unit. Every scaling is a power of ten, done exactly on
the decimal text (the point shifted, no float arithmetic); the observation must then be the
nearest double to that exact value within ULPS units in the last place, so a changed digit is
caught and float noise in the 17th digit is not. Everything here is vectorised over rows and
returns data; `validate` turns it into problems.
"""

from __future__ import annotations

from decimal import Decimal

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

# (a dataset file's unit as its `unit` column writes it, indicator unit) -> power of ten to scale by.
DATASET_SHIFT: dict[tuple[str, str], int] = {
    ("current US$", "usd_bn"): -9,
    ("current US$", "usd_mn"): -6,
    ("million US$", "usd_bn"): -3,
    ("million US$", "usd_mn"): 0,
    ("billion US$", "usd_bn"): 0,
    ("percent", "percent"): 0,
    ("percent of GDP", "percent"): 0,
    ("agreements", "count"): 0,
    ("projects", "count"): 0,
}
# The same as factors (1e-9, ...), for readers that multiply.
DATASET_SCALE: dict[tuple[str, str], float] = {k: float(Decimal(1).scaleb(v)) for k, v in DATASET_SHIFT.items()}
DATASET_COLUMNS = ("series_code", "year", "value", "unit")
# How far, in units in the last place of the exact expected value, a dataset-sourced value may be.
ULPS = 4
# Metadata a dataset source must carry (an article may lack it: many articles print no address).
DATASET_METADATA = ("publisher", "url", "licence", "citation")


def scaled_float(text: pd.Series, shift) -> pd.Series:
    """The double nearest to decimal `text` times 10**`shift`, scaled exactly.

    The shift is applied to the decimal exponent in the text ("1744152761.16778", -9 ->
    "1744152761.16778e-9"), never by multiplying floats, and Arrow parses the result to the
    nearest double. Text that is not a plain decimal (optionally with an exponent) gives NaN.
    Arrow compute kernels throughout: no Python loop over rows.
    """
    arr = pa.array(text, type=pa.string(), from_pandas=True)
    parts = pc.extract_regex(pc.utf8_trim_whitespace(arr), r"^(?P<m>-?\d+(?:\.\d+)?)(?:[eE](?P<e>[-+]?\d+))?$")
    mantissa, exponent = pc.struct_field(parts, "m"), pc.struct_field(parts, "e")
    exponent = pc.cast(pc.if_else(pc.equal(exponent, ""), "0", exponent), pa.int64())
    shifts = pa.array(pd.Series(shift, index=text.index).fillna(0).astype("int64").to_numpy())
    exponent = pc.cast(pc.add(exponent, shifts), pa.string())
    value = pc.cast(pc.binary_join_element_wise(mantissa, exponent, "e"), pa.float64())
    return pd.Series(value.to_numpy(zero_copy_only=False), index=text.index, dtype="float64")


def shifted(text: str, shift: int) -> str:
    """Decimal text times 10**shift, written plainly: ("1744152761.16778", -9) -> "1.74415276116778"."""
    return format(Decimal(text.strip()).scaleb(shift).normalize(), "f")


def match(rows: pd.DataFrame, tables: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """Look each dataset-sourced row up in its dataset and say what is wrong with it.

    `rows`: src, series_code, year, text (the value as written), unit (the indicator's).
    `tables`: source id -> the dataset's valid rows (series_code, year, value as text, unit, file, _line).
    Returns, on `rows`' index, boolean columns no_series, no_year, unscalable, mismatch and the
    text `shown` for each problem ("1.7 vs dataset 1.74415276116778 (sources/x.csv:5)").
    """
    frames = [t.assign(src=sid) for sid, t in tables.items()]
    columns = ["src", "series_code", "year", "value", "unit", "file", "_line"]
    lookup = pd.concat(frames, ignore_index=True)[columns] if frames else pd.DataFrame(columns=columns)
    lookup = lookup.rename(columns={"value": "dataset_value", "unit": "dataset_unit", "file": "dataset_file",
                                    "_line": "dataset_line"})
    lookup = lookup.astype({"year": "int64"})  # one row per src, series, year: the reader flags repeats
    known = pd.DataFrame([(sid, code) for sid, t in tables.items() for code in pd.unique(t["series_code"])],
                         columns=["src", "series_code"]).assign(known=True)
    merged = (rows.reset_index(names="_row").astype({"year": "int64"})
              .merge(lookup, on=["src", "series_code", "year"], how="left")
              .merge(known, on=["src", "series_code"], how="left")
              .set_index("_row"))
    merged.index.name = rows.index.name
    out = pd.DataFrame(index=merged.index)
    out["no_series"] = merged["known"].isna()
    has_value = merged["dataset_value"].notna()
    out["no_year"] = ~has_value & ~out["no_series"]
    shifts = pd.DataFrame([(du, iu, sh) for (du, iu), sh in DATASET_SHIFT.items()],
                          columns=["dataset_unit", "unit", "shift"])
    shift = (merged[["dataset_unit", "unit"]].reset_index(drop=True).astype(object)
             .merge(shifts, on=["dataset_unit", "unit"], how="left")["shift"].to_numpy())
    shift = pd.Series(shift, index=merged.index, dtype="float64").where(has_value)
    out["unscalable"] = has_value & shift.isna()
    scalable = has_value & shift.notna()
    # Exact up to ULPS units in the last place of the exactly scaled value: any changed digit of a
    # 15-digit value exceeds that, float noise of a value computed as `float * 1e-9` does not.
    expected = scaled_float(merged["dataset_value"].where(scalable, "0"), shift)
    written = scaled_float(merged["text"], 0)
    off = (written - expected).abs().to_numpy() > ULPS * np.spacing(expected.abs().to_numpy())
    out["mismatch"] = scalable & (pd.Series(off, index=merged.index) | written.isna() | expected.isna())
    shown = pd.Series("", index=merged.index, dtype=object)
    unscalable = out["unscalable"]
    shown[unscalable] = merged.loc[unscalable, "dataset_unit"] + " -> " + merged.loc[unscalable, "unit"]
    bad = merged[out["mismatch"]]
    shown[out["mismatch"]] = [
        f"{text} vs dataset {shifted(value, int(sh))} ({path}:{int(line)})"
        for text, value, sh, path, line in zip(bad["text"], bad["dataset_value"], shift[out["mismatch"]],
                                               bad["dataset_file"], bad["dataset_line"], strict=True)
    ]
    out["shown"] = shown
    return out


def split_series(rows: pd.DataFrame, group: list[str], member: str, said_main, said_tie) -> pd.Series:
    """Rows whose `group` holds more than one `member` (an indicator taking two series codes from
    one source; a series code filed under two indicators), each with the text saying so; other
    rows get "". The group's main member (most rows) is not flagged; with a tie, every row is.
    `said_main(row, main, n)` and `said_tie(row, others)` word it; `row` is a namedtuple of `rows`."""
    shown = pd.Series("", index=rows.index, dtype=object)
    n_members = rows.groupby(group)[member].transform("nunique")
    split = rows[n_members > 1]
    if split.empty:
        return shown
    counts = split.groupby([*group, member]).size().rename("n").reset_index()
    keys = split[list(group)].apply(tuple, axis=1)
    for key, members in counts.groupby(group):  # per distinct split group: few
        in_group = keys == (key if isinstance(key, tuple) else (key,))
        top = members[members["n"] == members["n"].max()]
        if len(top) == 1:
            main, n = top[member].iloc[0], int(top["n"].iloc[0])
            hit = split[in_group & (split[member] != main)]
            shown[hit.index] = [said_main(r, main, n) for r in hit.itertuples(index=False)]
        else:
            hit = split[in_group]
            shown[hit.index] = [said_tie(r, ", ".join(o for o in members[member] if o != getattr(r, member)))
                                for r in hit.itertuples(index=False)]
    return shown
