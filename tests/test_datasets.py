"""Dataset values: the unit scaling of a dataset file's value, exact with Decimal."""

from __future__ import annotations

from decimal import Decimal

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from vnintegration.core.datasets import ULPS, agrees, shifted
from vnintegration.core.units import dataset_shift, shift


def test_dataset_units_scale_by_powers_of_ten():
    for (dataset_unit, unit), power in {
        ("current US$", "usd_bn"): -9, ("current US$", "usd_mn"): -6, ("million US$", "usd_bn"): -3,
        ("million US$", "usd_mn"): 0, ("billion US$", "usd_bn"): 0, ("percent", "percent"): 0,
        ("percent of GDP", "percent"): 0, ("agreements", "count"): 0, ("projects", "count"): 0,
        ("persons", "persons_mn"): -6, ("TEU (20-foot equivalent units)", "teu_mn"): -6,
    }.items():
        assert dataset_shift(dataset_unit, unit) == power
    assert dataset_shift("current US$", "percent") is None
    assert shift("usd_mn", "usd_bn") == -3 and shift("vnd_trillion", "usd_bn") is None


@settings(max_examples=300, deadline=None)
@given(st.decimals(min_value=Decimal("0.001"), max_value=Decimal("9e14"), places=3, allow_nan=False),
       st.sampled_from([("current US$", "usd_bn", -9), ("million US$", "usd_bn", -3), ("percent", "percent", 0)]),
       st.integers(-12, 12))
def test_a_value_agrees_within_a_few_ulps_of_the_exact_scaling(value, units, ulps_off):
    dataset_unit, unit, power = units
    text = format(value.normalize(), "f")
    written = float(Decimal(shifted(text, power)))
    for _ in range(abs(ulps_off)):  # step ulps_off doubles away from the nearest double
        written = float(np.nextafter(written, np.inf if ulps_off > 0 else -np.inf))
    expected = Decimal(text).scaleb(power)
    within = abs(Decimal(repr(written)) - expected) <= ULPS * Decimal(float(np.spacing(float(expected))))
    assert dataset_shift(dataset_unit, unit) == power
    assert agrees(repr(written), expected) is within


def test_a_changed_digit_does_not_agree():
    expected = Decimal("1744152761.16778").scaleb(-9)
    assert agrees("1.74415276116778", expected) and agrees("1.7441527611677800001", expected)
    assert not agrees("1.74415276116779", expected)


@pytest.mark.parametrize("text", ["abc", "", "1,5"])
def test_text_that_is_no_decimal_never_agrees(text):
    assert not agrees(text, Decimal("1.5"))
