"""Helpers for checking whole columns: Arrow strings in, NumPy masks and integer codes out.

The loader's columns are pandas' Arrow-backed strings; these take them to Arrow kernels
without a copy, and back as NumPy arrays, so that a check costs a pass of native code over the
column and never a Python call per cell.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc


def arrow(cells: pd.Series):
    """A text column as Arrow strings: no copy for the loader's Arrow-backed columns."""
    if cells.dtype == object:
        return pa.array(["" if v is None else str(v) for v in cells.tolist()], type=pa.large_string())
    return pa.array(cells, type=pa.large_string())


def numpy(array) -> np.ndarray:
    """An Arrow array or chunked array (of booleans, numbers) as one NumPy array."""
    return array.to_numpy(zero_copy_only=False) if isinstance(array, pa.Array) else array.to_numpy()


def index_in(cells, values) -> np.ndarray:
    """Position of each cell in `values`, -1 where it is not there (one hash lookup per cell)."""
    # tolist(), not iteration: an Arrow-backed index yields its strings one Python call at a time.
    listed = values.tolist() if hasattr(values, "tolist") else list(values)
    found = pc.index_in(cells, value_set=pa.array([str(v) for v in listed], type=pa.large_string()))
    return numpy(pc.fill_null(found, -1)).astype(np.int64)


def by_position(column: pd.Series, at: np.ndarray, fill) -> np.ndarray:
    """A lookup table's column taken for each row by its position `at` (`fill` where -1)."""
    table = np.append(column.to_numpy(), [fill])
    return table[np.where(at < 0, len(table) - 1, at)]


def offsets_and_bytes(array) -> tuple[np.ndarray, np.ndarray, pa.Buffer]:
    """A (large) string or binary array's offsets and data as NumPy views, and the data buffer:
    element i is bytes[offsets[i]:offsets[i + 1]]. No copy."""
    offsets = np.frombuffer(array.buffers()[1], dtype=np.int64)[array.offset: array.offset + len(array) + 1]
    buffer = array.buffers()[2] or pa.py_buffer(b"")
    return offsets, np.frombuffer(buffer, dtype=np.uint8), buffer


def group_codes(columns) -> np.ndarray:
    """One int64 per row naming the combination of its values in `columns` (equal rows, equal
    codes; a blank or missing value is a value too): grouping by integers, not by strings.
    A column may also be given as its codes already: a pair (codes, size), codes in 0..size-1."""
    key = None
    for column in columns:
        if isinstance(column, tuple):
            codes, count = column
        else:
            codes, uniques = pd.factorize(column, use_na_sentinel=False)
            count = len(uniques)
        codes, count = np.asarray(codes, dtype=np.int64), max(count, 1)
        if key is None:
            key, size = codes.copy(), count  # a copy: the key is built in place (fresh memory is dear)
            continue
        if size * count >= 2**62:  # keep the mixed radix in range: renumber first
            key, uniques_so_far = pd.factorize(key)
            size = len(uniques_so_far)
        key *= count
        key += codes
        size *= count
    return key if key is not None else np.zeros(0, dtype=np.int64)


def codes_where_known(known: np.ndarray, size: int, column: pd.Series) -> tuple[np.ndarray, int]:
    """A column's codes for `group_codes`, from what is known of it: `known` is each cell's
    position in a table of `size` distinct values (-1: not there). Cells not there are numbered
    after the table by their own text, so equal cells still get equal codes."""
    codes = np.asarray(known, dtype=np.int64).copy()
    unknown = codes < 0
    if unknown.any():
        extra, uniques = pd.factorize(column[unknown], use_na_sentinel=False)
        codes[unknown] = size + extra
        size += len(uniques)
    return codes, size
