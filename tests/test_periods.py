from __future__ import annotations

import pandas as pd
import pytest

from vnintegration.core.periods import Period, comparability, previous_comparable


@pytest.mark.parametrize(("period", "vi", "en"), [
    (Period(2024, 12), "năm 2024", "2024"),
    (Period(2025, 7), "7 tháng 2025", "Jan–Jul 2025"),
    (Period(2025, 6), "6 tháng đầu năm 2025", "Jan–Jun 2025"),
    (Period(2025, None, pd.Timestamp("2025-08-26")), "đến 26/08/2025", "as of 26 Aug 2025"),
])
def test_labels(period, vi, en):
    assert (period.label("vi"), period.label("en")) == (vi, en)


def test_only_like_spans_compare():
    assert comparability(Period(2025, 7), Period(2024, 7)) is None
    assert comparability(Period(2025, 7), Period(2024, 12)) == "7 tháng vs cả năm"
    assert comparability(Period(2025, 7), Period(2024, 12), "en") == "Jan–Jul vs full year"


def test_previous_comparable_needs_the_same_span_a_year_earlier():
    obs = pd.DataFrame({
        "indicator": ["x", "x", "x", "c", "c"], "year": [2024, 2024, 2025, 2024, 2025],
        "months": pd.array([12, 7, 7, None, None], dtype="Int64"),
        "as_of": pd.to_datetime([None, None, None, "2024-12-31", "2025-08-26"]),
        "value": [1.0, 2.0, 3.0, 30.0, 38.0], "source_id": ["a"] * 5,
    })
    assert previous_comparable(obs, obs.iloc[2])["value"] == 2.0
    assert previous_comparable(obs, obs.iloc[0]) is None
    assert previous_comparable(obs, obs.iloc[4])["value"] == 30.0
