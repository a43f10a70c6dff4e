"""Column helpers: integer group codes stand for whole rows, positions for lookups."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pyarrow as pa
from hypothesis import given, settings
from hypothesis import strategies as st

from vnintegration.core.columns import codes_where_known, group_codes, index_in

cells = st.sampled_from(["", "a", "b", "7,09", "Việt Nam", "x\x1fy"])


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(cells, cells, st.one_of(st.none(), st.integers(0, 3))), max_size=30))
def test_equal_rows_get_equal_codes_and_only_they(rows):
    frame = pd.DataFrame(rows, columns=["a", "b", "n"]).astype({"a": "str", "b": "str", "n": "Int64"})
    codes = group_codes([frame["a"], frame["b"], frame["n"]])
    for i in range(len(rows)):
        for j in range(len(rows)):
            assert (codes[i] == codes[j]) == (rows[i] == rows[j])  # None (missing) equals None


def test_codes_stay_in_range_for_many_wide_columns():
    # Ten columns of 1,000 distinct values each: 10**30 combinations, renumbered on the way.
    rng = np.random.default_rng(1)
    columns = [pd.Series(rng.integers(0, 1000, 5000)) for _ in range(10)]
    codes = group_codes(columns)
    rows = list(zip(*[c.tolist() for c in columns]))
    assert len(set(codes.tolist())) == len(set(rows))
    assert codes.min() >= 0


def test_index_in_gives_positions_and_minus_one():
    cells = pa.chunked_array([["b", "z"], ["a", ""]], type=pa.large_string())
    assert index_in(cells, ["a", "b"]).tolist() == [1, -1, 0, -1]


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(cells, cells), max_size=30))
def test_codes_known_from_a_table_group_like_the_cells_themselves(rows):
    # The first column is known by its position in a table of some of its values (-1 where it is
    # not there, as for an unknown indicator); such cells are grouped by their own text.
    table = ["a", "Việt Nam", "7,09"]
    frame = pd.DataFrame(rows, columns=["a", "b"]).astype("str")
    known = np.array([table.index(v) if v in table else -1 for v in frame["a"]], dtype=np.int64)
    codes = group_codes([codes_where_known(known, len(table), frame["a"]), frame["b"]])
    for i in range(len(rows)):
        for j in range(len(rows)):
            assert (codes[i] == codes[j]) == (rows[i] == rows[j])
