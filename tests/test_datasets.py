"""Dataset values: the float shortcut decides exactly as the exact decimal scaling would."""

from __future__ import annotations

from decimal import Decimal

import numpy as np
import pandas as pd
from hypothesis import given, settings
from hypothesis import strategies as st

from vnintegration.core.datasets import ULPS, match, shifted


def exact_rule(text: str, shift: int, written: float) -> bool:
    """data/README.md: within ULPS units in the last place of the exactly scaled value."""
    expected = float(Decimal(shifted(text, shift)))
    return abs(written - expected) <= ULPS * float(np.spacing(abs(expected)))


@settings(max_examples=400, deadline=None)
@given(st.lists(st.tuples(
    st.decimals(min_value=Decimal("0.001"), max_value=Decimal("9e14"), places=3, allow_nan=False),
    st.sampled_from([("current US$", "usd_bn", -9), ("million US$", "usd_bn", -3), ("percent", "percent", 0)]),
    st.integers(-24, 24),
), min_size=1, max_size=12))
def test_the_float_shortcut_decides_as_the_exact_scaling(cases):
    rows, table, expected = [], [], []
    for n, (value, (dataset_unit, unit, shift), ulps_off) in enumerate(cases):
        text = format(value.normalize(), "f")
        exact = float(Decimal(shifted(text, shift)))
        written = exact
        for _ in range(abs(ulps_off)):  # step ulps_off doubles away from the exact value
            written = float(np.nextafter(written, np.inf if ulps_off > 0 else -np.inf))
        rows.append({"src": "ds", "series_code": f"S{n}", "year": 2000, "text": repr(written), "unit": unit,
                     "number": written})
        table.append({"series_code": f"S{n}", "year": 2000, "value": text, "unit": dataset_unit,
                      "file": "sources/ds.csv", "_line": n + 2})
        expected.append(not exact_rule(text, shift, written))
    found = match(pd.DataFrame(rows), {"ds": pd.DataFrame(table)})
    assert found["mismatch"].tolist() == expected
    assert not found["no_series"].any() and not found["no_year"].any() and not found["unscalable"].any()
