"""The fast paths of the quote checks agree with the plain definitions they stand in for.

`quotes_found` looks each quote up in the article as read, from where the article's previous
quote ended; `numbers_in_texts` reads numbers from bytes with NumPy, on threads for a large
column. Each is compared here with the one-row-at-a-time rule of data/README.md on open-ended
input.
"""

from __future__ import annotations

import re
import unicodedata

import numpy as np
import pandas as pd
import pyarrow as pa
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from vnintegration.core.load import normalize_text
from vnintegration.core.numbers import numbers_in_text, numbers_in_texts, values_in_texts
from vnintegration.core.quotes import _BOUNDARY, SourceTexts, _find_in_reading_order, quotes_found, values_in_quotes

# Letters, Vietnamese letters (composed and decomposed), marks that join the letter before them,
# a singleton NFC replaces (Ohm sign), sentence ends, odd white space.
ALPHABET = "ab tđệĐ\u0065\u0302\u0323\u0301\u2126.?!,\n\r\t\u00a0\u2009 0123456789"


def plain_rule(quote: str, text: str) -> bool:
    """data/README.md: the quote is in the source text, compared after NFC and white space collapsed."""
    normal = normalize_text(text)
    return (quote in normal and quote.strip() != "") or normalize_text(quote) in normal


@st.composite
def texts_and_quotes(draw):
    texts = draw(st.lists(st.text(alphabet=ALPHABET, max_size=60), min_size=1, max_size=4))
    rows = []
    for _ in range(draw(st.integers(1, 8))):
        at = draw(st.integers(0, len(texts) - 1))
        text = texts[at]
        how = draw(st.sampled_from(["sentence", "piece", "other"]))
        if text and how == "sentence":  # a whole sentence, as a person quotes one
            sentences = re.split(r"(?<=[.?!]) |\n", text)
            quote = draw(st.sampled_from(sentences)) or text
        elif text and how == "piece":
            start = draw(st.integers(0, len(text) - 1))
            quote = text[start: draw(st.integers(start + 1, len(text)))]
        else:
            quote = draw(st.text(alphabet=ALPHABET, min_size=1, max_size=20))
        rows.append((at, quote))
    return texts, rows


@settings(max_examples=300, deadline=None)
@given(texts_and_quotes())
def test_quotes_found_agrees_with_the_plain_rule(case):
    texts, rows = case
    ids = [f"art-{n}" for n in range(len(texts))]
    # Sources are kept as the bytes read (as the validator keeps them) or as text: both work.
    # (as Excel saves it, with a BOM, every third one).
    store = SourceTexts({sid: (b"\xef\xbb\xbf" * (n % 3 == 0) + text.encode("utf-8")) if n % 2 else text
                         for n, (sid, text) in enumerate(zip(ids, texts))})
    quotes = pa.array([quote for _, quote in rows], type=pa.large_string())
    src_at = np.array([at for at, _ in rows])
    found = quotes_found(quotes, np.arange(len(rows)), src_at, ids, store)
    assert found.tolist() == [plain_rule(quote, texts[at]) for at, quote in rows]


def test_a_sentence_of_another_article_is_not_found():
    store = SourceTexts({"a": "GDP tăng 7,09%. Xuất khẩu tăng.", "b": "Nhập khẩu giảm."})
    quotes = pa.array(["Nhập khẩu giảm.", "GDP tăng 7,09%.", "Xuất khẩu tăng"], type=pa.large_string())
    found = quotes_found(quotes, np.arange(3), np.array([0, 0, 0]), ["a", "b"], store)
    assert found.tolist() == [False, True, True]


@pytest.mark.parametrize(("text", "quotes"), [
    ("abcdef", ["abcd", "def"]),  # the second starts one byte before the first ends: the wrapped search reaches it
    ("abcdef", ["cdef", "abc", "bcd", "abcdef"]),  # out of reading order
    ("một hai. một hai.", ["một hai.", "một hai.", "một hai.", "hai. một"]),  # the same quote three times
    ("abc", ["abc", "bc", "d", "a"]),  # one not there, between two that are
])
def test_quotes_of_one_article_are_found_in_any_order(text, quotes):
    haystacks = [text.encode("utf-8"), b"abc", b""]
    written = [quote.encode("utf-8") for quote in quotes]
    at = _find_in_reading_order(pa.array(written, type=pa.large_binary()), np.array([len(q) for q in written]),
                                np.zeros(len(quotes), dtype=np.int64), haystacks)
    assert [n >= 0 and haystacks[0][n:n + len(q)] == q for n, q in zip(at.tolist(), written)] == \
        [quote in text for quote in quotes]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.text(alphabet="abc ", max_size=12), min_size=1, max_size=3),
       st.lists(st.tuples(st.integers(-1, 2), st.text(alphabet="abc ", min_size=1, max_size=4)), max_size=12))
def test_the_reading_order_search_finds_every_quote_that_is_there(texts, rows):
    haystacks = [text.encode() for text in texts] + [b""]
    text_at = np.array([min(at, len(texts) - 1) for at, _ in rows], dtype=np.int64)
    written = [quote.encode() for _, quote in rows]
    at = _find_in_reading_order(pa.array(written, type=pa.large_binary()), np.array([len(q) for q in written], dtype=np.int64),
                                text_at, haystacks)
    for n, quote, position in zip(text_at.tolist(), written, at.tolist()):
        hay = haystacks[n]
        assert (position >= 0) == (quote in hay)
        assert position < 0 or hay[position:position + len(quote)] == quote


def test_a_source_read_as_text_is_normalised_on_first_use():
    store = SourceTexts({"a": "Việt\u00a0Nam\n  xuất khẩu"})
    assert store["a"] == "Việt Nam xuất khẩu"
    assert dict(store) == {"a": "Việt Nam xuất khẩu"}


def test_numbers_of_a_large_column_in_blocks_on_threads_agree_with_the_text_reading():
    # Over 50,000 rows in several Arrow chunks: the threaded path, rows kept in order across blocks.
    sentences = ["đạt 1.234,5 tỷ USD (tăng 7,09%).", "", "năm 2024, 12.", "7.09 và 1.2.3", "không có số"]
    rows = [sentences[n % len(sentences)] + f" mục {n}" for n in range(60_000)]
    chunks = pa.chunked_array([rows[start:start + 7_000] for start in range(0, len(rows), 7_000)], type=pa.large_string())
    column = pd.Series(pd.arrays.ArrowStringArray(chunks))
    found = numbers_in_texts(column)
    expected = [(n, x) for n, text in enumerate(rows) for x in numbers_in_text(text)]
    assert list(zip(found["row"].tolist(), found["number"].tolist())) == expected


def test_values_of_a_large_column_are_compared_block_by_block_on_threads():
    # Over 50,000 rows in several Arrow chunks: each row's value against its own quote's numbers.
    sentences = ["đạt 1.234,5 tỷ USD (tăng 7,09%).", "", "năm 2024, 12.", "7.09 và 1.2.3", "không có số"]
    rows = [sentences[n % len(sentences)] + f" mục {n}" for n in range(60_000)]
    values = np.array([[1234.5, 0.0, 12.0, 7.09, 5.0][n % 5] if n % 3 else float(n) for n in range(60_000)])
    chunks = pa.chunked_array([rows[start:start + 7_000] for start in range(0, len(rows), 7_000)], type=pa.large_string())
    found = values_in_texts(pd.Series(pd.arrays.ArrowStringArray(chunks)), values)
    expected = [any(abs(x - v) <= 1e-9 + 1e-9 * v for x in numbers_in_text(text)) for text, v in zip(rows, values)]
    assert found.tolist() == expected
    assert 0 < sum(expected) < len(rows)


def test_values_in_quotes_reads_each_rows_own_quote():
    quotes = pd.Series(["đạt 1.234,5 tỷ USD", "tăng 7,09%", "năm 2024 đạt 12", "không có số", "7.09 và 3"], dtype="str")
    values = pd.Series([1234.5, 7.1, 12.0, 5.0, -3.0])
    assert values_in_quotes(quotes, values, np.array([0, 1, 2, 4])).tolist() == [True, False, True, True]
    assert values_in_quotes(quotes, values, np.array([4, 0])).tolist() == [True, True]


def test_boundary_ranges_hold_only_stable_characters():
    """A match found in the text as read counts only between stable characters (quotes._BOUNDARY):
    none may join the character before it under NFC, nor change under NFC alone."""
    joins_back = set()  # second characters of canonical pairs: NFC may join them to the one before
    for point in range(0x110000):
        parts = unicodedata.decomposition(chr(point)).split()
        if len(parts) == 2 and not parts[0].startswith("<"):
            joins_back.add(int(parts[1], 16))
    for low, high in _BOUNDARY:
        for point in range(low, high + 1):
            char = chr(point)
            assert unicodedata.combining(char) == 0, hex(point)
            assert unicodedata.normalize("NFC", char) == char, hex(point)
            assert point not in joins_back, hex(point)


@pytest.mark.parametrize(("text", "quote"), [
    ("ab e\u0302 c", "ab e"),  # the mark after the match joins the quote's last letter under NFC
    ("ab e\u0302 c", "\u0302 c"),  # the quote starts with a mark that joins the letter before it
    ("giá 5 \u2126 nay", "5 \u2126"),  # NFC replaces the Ohm sign by omega in the text, not in this quote
    ("Việt Nam đạt 7,09%.", "Nam đạt 7,09"),  # an ordinary clause: found as read
])
def test_a_match_as_read_counts_only_where_normalising_keeps_it(text, quote):
    store = SourceTexts({"a": text.encode("utf-8")})
    found = quotes_found(pa.array([quote], type=pa.large_string()), np.array([0]), np.array([0]), ["a"], store)
    assert found.tolist() == [plain_rule(quote, text)]


def test_a_quote_whose_source_has_no_text_is_not_found():
    for store in (SourceTexts({}), SourceTexts({"a": b"GDP t\xc4\x83ng 7,09%."})):
        quotes = pa.array(["GDP tăng", "7,09"], type=pa.large_string())
        found = quotes_found(quotes, np.array([0, 1]), np.array([1, 0]), ["a", "b"], store)
        assert found.tolist() == [False, "a" in store]
    assert "b" not in SourceTexts({"a": "x"}) and "a" in SourceTexts({"a": "x"})
    with pytest.raises(KeyError):
        SourceTexts({})["a"]
