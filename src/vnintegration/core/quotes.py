"""Quotes and their sources: is the quote in the article, is the value among the numbers it writes.

The rule (data/README.md): a quote is in its source when it is there once both are normalised
(NFC, white space collapsed to single spaces: `load.normalize_text`). Each source text is
normalised once, when it is read; each quote when it is checked.
"""

from __future__ import annotations

from vnintegration.core.load import normalize_text
from vnintegration.core.numbers import writes_value

__all__ = ["quote_in", "value_in_quote"]


def quote_in(quote: str, source: str) -> bool:
    """Is `quote` in `source` (a text already normalised)? A quote is compared as written, then normalised."""
    return (quote.strip() != "" and quote in source) or normalize_text(quote) in source


def value_in_quote(quote: str, value: float) -> bool:
    """Is |value| among the numbers the quote writes (Vietnamese notation, `numbers.read_number`)?"""
    return writes_value(quote, value)
