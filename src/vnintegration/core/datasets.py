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

from vnintegration.core.columns import arrow, group_codes, numpy

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
# Beyond how many ulps of the value computed in floats a written value is certainly more than ULPS
# ulps from the exactly scaled one (3 ulps of rounding, ulps up to twice as wide: 2 * (4 + 3) = 14).
FAR = 16
# Metadata a dataset source must carry (an article may lack it: many articles print no address).
DATASET_METADATA = ("publisher", "url", "licence", "citation")


def scaled_float(text, shift) -> np.ndarray:
    """The double nearest to decimal `text` (Arrow strings, or a pandas column) times
    10**`shift`, scaled exactly.

    The shift is applied to the decimal exponent in the text ("1744152761.16778", -9 ->
    "1744152761.16778e-9"), never by multiplying floats, and Arrow parses the result to the
    nearest double. Text that is not a plain decimal (optionally with an exponent) gives NaN.
    Arrow compute kernels throughout: no Python loop over rows; the pattern that takes an
    exponent apart runs only when some text writes one.
    """
    arr = text if isinstance(text, (pa.Array, pa.ChunkedArray)) else pa.array(text, type=pa.large_string(), from_pandas=True)
    arr = pc.utf8_trim_whitespace(pc.cast(arr, pa.large_string()))
    shifts = np.broadcast_to(np.nan_to_num(np.asarray(shift, dtype=float)), (len(arr),)).astype(np.int64)
    exponents = pc.cast(pa.array(shifts), pa.large_string())
    e = pa.scalar("e", pa.large_string())
    if not pc.any(pc.match_substring(arr, "e", ignore_case=True)).as_py():
        plain = pc.fill_null(pc.match_substring_regex(arr, r"^-?\d+(?:\.\d+)?$"), False)
        value = pc.cast(pc.binary_join_element_wise(pc.if_else(plain, arr, "0"), exponents, e), pa.float64())
        return np.where(plain.to_numpy(zero_copy_only=False), value.to_numpy(zero_copy_only=False), np.nan)
    parts = pc.extract_regex(arr, r"^(?P<m>-?\d+(?:\.\d+)?)(?:[eE](?P<e>[-+]?\d+))?$")
    mantissa, exponent = pc.struct_field(parts, "m"), pc.struct_field(parts, "e")
    exponent = pc.cast(pc.if_else(pc.equal(exponent, ""), "0", exponent), pa.int64())
    exponent = pc.cast(pc.add(exponent, pa.array(shifts)), pa.large_string())
    value = pc.cast(pc.binary_join_element_wise(pc.cast(mantissa, pa.large_string()), exponent, e), pa.float64())
    return pc.fill_null(value, np.nan).to_numpy(zero_copy_only=False)


def shifted(text: str, shift: int) -> str:
    """Decimal text times 10**shift, written plainly: ("1744152761.16778", -9) -> "1.74415276116778"."""
    return format(Decimal(text.strip()).scaleb(shift).normalize(), "f")


def match(rows: pd.DataFrame, tables: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """Look each dataset-sourced row up in its dataset and say what is wrong with it.

    `rows`: src, series_code, year, text (the value as written), unit (the indicator's), and
    optionally number (the value already read from text).
    `tables`: source id -> the dataset's valid rows (series_code, year, value as text, unit, file, _line).
    Returns, on `rows`' index, boolean columns no_series, no_year, unscalable, mismatch and the
    text `shown` for each problem ("1.7 vs dataset 1.74415276116778 (sources/x.csv:5)").
    Rows and dataset rows are matched by integer codes of their keys, and the columns stay
    Arrow strings: only a row with a problem is ever turned into Python text.
    """
    frames = [t.assign(src=sid) for sid, t in tables.items()]
    columns = ["src", "series_code", "year", "value", "unit", "file", "_line"]
    lookup = pd.concat(frames, ignore_index=True)[columns] if frames else pd.DataFrame(
        {c: pd.Series(dtype="int64" if c in ("year", "_line") else "str") for c in columns})
    n = len(rows)

    def both(column: str, dtype: str) -> pd.Series:
        return pd.concat([rows[column].astype(dtype), lookup[column].astype(dtype)], ignore_index=True)

    series = group_codes([both("src", "str"), both("series_code", "str")])
    # One row per src, series, year (the reader flags repeats); a year has four digits.
    key = series * 10_000 + both("year", "int64").to_numpy()
    at = pd.Index(key[n:]).get_indexer(key[:n])
    out = pd.DataFrame(index=rows.index)
    out["no_series"] = ~np.isin(series[:n], series[n:])
    has_value = at >= 0
    out["no_year"] = ~has_value & ~out["no_series"].to_numpy()
    taken = pa.array(np.where(has_value, at, 0)) if len(lookup) else None
    dataset_value = pc.take(arrow(lookup["value"]), taken) if taken is not None else pa.array(["0"] * n)
    dataset_unit = pc.take(arrow(lookup["unit"]), taken) if taken is not None else pa.array([""] * n)
    shift = np.where(has_value, _shifts(dataset_unit, arrow(rows["unit"])), np.nan)
    out["unscalable"] = has_value & np.isnan(shift)
    scalable = has_value & ~np.isnan(shift)
    # Exact up to ULPS units in the last place of the exactly scaled value: any changed digit of a
    # 15-digit value exceeds that, float noise of a value computed as `float * 1e-9` does not.
    written = rows["number"].to_numpy(dtype=float) if "number" in rows else scaled_float(arrow(rows["text"]), 0)
    # First in floats: the dataset's value read, times 10**shift (each rounded once), is within
    # 3 ulps of the exactly scaled value (three roundings of half an ulp). So a written value
    # equal to it is within ULPS for certain, and one FAR ulps from it (room for the binade
    # halving ulps) is out for certain; only the rows in between are scaled exactly, on the text.
    read = numpy(pc.cast(pc.if_else(pa.array(scalable), dataset_value, "0"), pa.float64(), safe=False)) \
        if n else np.zeros(0)
    which, shifts = pd.factorize(np.nan_to_num(shift))
    approx = read * np.array([float(f"1e{int(sh)}") for sh in shifts])[which] if n else read
    off = np.abs(written - approx)
    near, far = off == 0, off > FAR * np.spacing(np.abs(approx))
    unsure = scalable & ~near & ~far  # NaN on either side lands here too
    mismatch = scalable & far & ~unsure
    if unsure.any():
        picked = np.flatnonzero(unsure)
        expected = scaled_float(pc.take(dataset_value, pa.array(picked)), shift[picked])
        exact_off = np.abs(written[picked] - expected) > ULPS * np.spacing(np.abs(expected))
        mismatch[picked] = exact_off | np.isnan(written[picked]) | np.isnan(expected)
    out["mismatch"] = mismatch
    shown = np.full(n, "", dtype=object)
    unscalable = out["unscalable"].to_numpy()
    if unscalable.any():
        picked = pa.array(np.flatnonzero(unscalable))
        shown[unscalable] = [f"{du} -> {iu}" for du, iu in zip(pc.take(dataset_unit, picked).to_pylist(),
                                                                  pc.take(arrow(rows["unit"]), picked).to_pylist())]
    bad = out["mismatch"].to_numpy()
    if bad.any():
        picked = pa.array(np.flatnonzero(bad))
        files, lines = lookup["file"].to_numpy(dtype=object), lookup["_line"].to_numpy()
        shown[bad] = [f"{text} vs dataset {shifted(value, int(sh))} ({files[i]}:{int(lines[i])})"
                      for text, value, sh, i in zip(pc.take(arrow(rows["text"]), picked).to_pylist(),
                                                    pc.take(dataset_value, picked).to_pylist(), shift[bad], at[bad],
                                                    strict=True)]
    out["shown"] = shown
    return out


def _shifts(dataset_unit, indicator_unit) -> np.ndarray:
    """DATASET_SHIFT for each (dataset unit, indicator unit) pair, NaN where it cannot be scaled:
    looked up once per distinct pair of a few units, not per row."""
    def encoded(units):
        units = units.combine_chunks() if isinstance(units, pa.ChunkedArray) else units
        codes = pc.dictionary_encode(pc.cast(units, pa.large_string()))
        return codes.indices.to_numpy(zero_copy_only=False), codes.dictionary.to_pylist()

    (left, left_units), (right, right_units) = encoded(dataset_unit), encoded(indicator_unit)
    table = np.array([[DATASET_SHIFT.get((du, iu), np.nan) for iu in right_units] for du in left_units], dtype=float)
    return table[left, right] if len(left) else np.zeros(0)


def split_series(rows: pd.DataFrame, group: list[str], member: str, said_main, said_tie,
                 group_keys: list | None = None) -> pd.Series:
    """The rows whose `group` holds more than one `member` (an indicator taking two series codes
    from one source; a series code filed under two indicators), each with the text saying so, on
    `rows`' index (only those rows). The group's main member (most rows) is not flagged; with a
    tie, every row is. `said_main(row, main, n)` and `said_tie(row, others)` word it; `row` is a
    namedtuple of `rows`. `group_keys`: integer columns standing for `group`, when known."""
    # Members per group, counted on integer codes: the few split groups then take the slow path.
    groups = group_codes(group_keys if group_keys is not None else [rows[column] for column in group])
    pairs = group_codes([pd.Series(groups), rows[member].reset_index(drop=True)])
    _, first = np.unique(pairs, return_index=True)
    n_members = np.bincount(groups[first], minlength=int(groups.max()) + 1 if len(groups) else 0)
    split = rows[n_members[groups] > 1] if len(groups) else rows.iloc[:0]
    if split.empty:
        return pd.Series(dtype=object)
    shown = pd.Series("", index=split.index, dtype=object)
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
    return shown[shown != ""]
