"""Quotes against their sources: normalised containment (NFC, white space collapsed), and the
numbers a quote writes."""

from __future__ import annotations

import pytest

from vnintegration.core.load import normalize_text
from vnintegration.core.quotes import quote_in, value_in_quote


@pytest.mark.parametrize(("text", "quote", "found"), [
    ("Việt Nam đạt 7,09%.", "Nam đạt 7,09", True),
    ("Việt\u00a0Nam\n  xuất khẩu", "Việt Nam xuất khẩu", True),  # odd white space in the source
    ("Việt Nam  xuất khẩu", "Nam\nxuất", True),  # and in the quote
    ("Vie\u0323\u0302t Nam", "Việt", True),  # the source's letters decomposed
    ("Việt Nam", "Vie\u0323\u0302t", True),  # the quote's
    ("ab e\u0302 c", "ab e", False),  # NFC joins the mark after the match to the quote's last letter
    ("giá 5 \u2126 nay", "5 \u2126", True),  # NFC replaces the Ohm sign in both
    ("GDP tăng 7,09%. Xuất khẩu tăng.", "Nhập khẩu giảm.", False),
])
def test_a_quote_is_found_once_both_are_normalised(text, quote, found):
    assert quote_in(quote, normalize_text(text)) is found


def test_a_source_with_no_text_holds_no_quote():
    assert not quote_in("GDP tăng", "")


@pytest.mark.parametrize(("quote", "value", "found"), [
    ("đạt 1.234,5 tỷ USD", 1234.5, True),
    ("tăng 7,09%", 7.1, False),
    ("năm 2024 đạt 12", 12.0, True),
    ("không có số", 5.0, False),
    ("7.09 và 3", -3.0, True),  # a value is compared unsigned
])
def test_the_value_is_among_the_numbers_the_quote_writes(quote, value, found):
    assert value_in_quote(quote, value) is found
