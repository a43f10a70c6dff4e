"""Vietnamese and English notation: read what we write, in both directions."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from vnintegration.core.numbers import format_number, numbers_in_text, read_number


def read_back(text: str, lang: str) -> float | None:
    """What `format_number` wrote, read with the one number reader: English notation has its marks swapped
    into Vietnamese ones first, and the sign (read_number is unsigned) is taken off and put back."""
    sign = -1 if text.startswith(("-", "\u2212")) else 1
    token = text.lstrip("-\u2212")
    if lang == "en":
        token = token.translate(str.maketrans(",.", ".,"))
    value = read_number(token)
    return None if value is None else sign * value


finite = st.floats(min_value=-1e12, max_value=1e12, allow_nan=False, allow_infinity=False)


@given(finite, st.integers(min_value=0, max_value=4), st.sampled_from(["vi", "en"]))
def test_format_then_parse_round_trips(value, decimals, lang):
    text = format_number(value, lang, decimals)
    assert read_back(text, lang) == pytest.approx(round(value, decimals), abs=10 ** -decimals)


@given(finite.map(lambda v: round(v, 3)))
def test_numbers_in_text_reads_what_vietnamese_formatting_writes(value):
    text = f"kim ngạch đạt {format_number(value, 'vi')} tỷ USD."
    assert value in numbers_in_text(text) or -value in numbers_in_text(text)


@pytest.mark.parametrize(("value", "lang", "text"), [
    (11511.9, "vi", "11.511,9"), (11511.9, "en", "11,511.9"),
    (7.09, "vi", "7,09"), (7.09, "en", "7.09"), (786, "vi", "786"), (1_000_000, "vi", "1.000.000"),
])
def test_format_examples(value, lang, text):
    assert format_number(value, lang) == text


@pytest.mark.parametrize(("text", "numbers"), [
    ("đạt 11.511,9 nghìn tỷ đồng", [11511.9]),
    ("tăng 7,09%", [7.09]),
    ("trên 514 tỷ USD trong 7 tháng", [514, 7]),
    ("Nghị quyết 59 ngày 24/1/2025", [59, 24, 1, 2025]),
    ("1.234 dự án", [1234]),
    ("slip into English: 7.09%", [7.09]),
])
def test_numbers_in_text_examples(text, numbers):
    assert sorted(numbers_in_text(text)) == sorted(numbers)


@pytest.mark.parametrize("text", ["1.2.3", "2,5,7", "", "abc", "7,", "-7"])
def test_read_number_reads_nothing_that_is_no_number(text):
    assert read_number(text) is None


@pytest.mark.parametrize(("text", "numbers"), [
    ("1.234.567,89", [1234567.89]), ("12.34", [12.34]), ("12.3456", [12.3456]), ("1.234", [1234]),
    ("1,234.5", []), ("1,234.567", []), ("1.23.456", []), ("1234.567", []), ("1.2345", [1.2345]), ("0,1", [0.1]),
    ("1.234,5,6", []), ("123.456.789.012.345,678", [123456789012345.678]),
])
def test_punctuated_tokens(text, numbers):
    assert numbers_in_text(text) == numbers


@pytest.mark.parametrize(("token", "number"), [
    ("11.511,9", 11511.9), ("7,09", 7.09), ("1.234", 1234), ("7.09", 7.09), ("786", 786),
    ("1.2.3", None), ("2,5,7", None), ("1,234.5", None), ("", None),
])
def test_one_reader_for_articles(token, number):
    assert read_number(token) == number


def test_the_extractor_reads_figures_with_the_same_reader():
    from vnintegration.extract.mentions import find_mentions
    from vnintegration.extract.text import split_sentences

    (sentence,) = split_sentences("Kim ngạch đạt 11.511,9 tỷ USD, tăng 7.09% và 1.234 nước.")
    assert [m.number for m in find_mentions(sentence)] == [read_number("11.511,9"), 7.09, 1234]
