from __future__ import annotations

import pandas as pd
import pytest

from vnintegration.core.periods import Period, comparability, source_differences


@pytest.mark.parametrize(("period", "vi", "en"), [
    (Period(2024, 12), "năm 2024", "2024"),
    (Period(2025, 7), "7 tháng 2025", "Jan–Jul 2025"),
    (Period(2025, 6), "6 tháng 2025", "Jan–Jun 2025"),
    (Period(2025, None, pd.Timestamp("2025-08-26")), "đến 26/08/2025", "as of 26 Aug 2025"),
])
def test_labels(period, vi, en):
    assert (period.label("vi"), period.label("en")) == (vi, en)


def test_only_like_spans_compare():
    assert comparability(Period(2025, 7), Period(2024, 7)) is None
    assert comparability(Period(2025, 7), Period(2024, 12)) == "7 tháng vs cả năm"
    assert comparability(Period(2025, 7), Period(2024, 12), "en") == "Jan–Jul vs full year"


def test_a_source_difference_is_one_indicator_period_and_status_with_two_values_from_two_sources():
    obs = pd.DataFrame({
        "indicator": ["x", "x", "x", "x", "y", "y"], "year": [2024] * 6,
        "months": pd.array([12, 12, 7, 12, 12, 12], dtype="Int64"), "as_of": pd.to_datetime([None] * 6),
        "status": ["actual", "actual", "actual", "forecast", "actual", "actual"],
        "value": [1.0, 2.0, 3.0, 4.0, 5.0, 5.0], "source_id": ["a", "b", "c", "d", "a", "b"],
    })
    assert source_differences(obs).tolist() == [0, 0, -1, -1, -1, -1]
