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
    found = pc.index_in(cells, value_set=pa.array([str(v) for v in values], type=pa.large_string()))
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
    codes; a blank or missing value is a value too): grouping by integers, not by strings."""
    key = None
    for column in columns:
        codes, uniques = pd.factorize(column, use_na_sentinel=False)
        codes = np.asarray(codes, dtype=np.int64)
        if key is None:
            key, size = codes, max(len(uniques), 1)
            continue
        if size * max(len(uniques), 1) >= 2**62:  # keep the mixed radix in range: renumber first
            key, uniques_so_far = pd.factorize(key)
            size = len(uniques_so_far)
        key = key * max(len(uniques), 1) + codes
        size *= max(len(uniques), 1)
    return key if key is not None else np.zeros(0, dtype=np.int64)
