"""Vietnamese and English notation: read what we write, in both directions."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from vnintegration.core.numbers import format_number, format_signed, numbers_in_text, parse_number

finite = st.floats(min_value=-1e12, max_value=1e12, allow_nan=False, allow_infinity=False)


@given(finite, st.integers(min_value=0, max_value=4), st.sampled_from(["vi", "en"]))
def test_format_then_parse_round_trips(value, decimals, lang):
    text = format_number(value, lang, decimals)
    assert parse_number(text, lang) == pytest.approx(round(value, decimals), abs=10 ** -decimals)


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


@pytest.mark.parametrize(("text", "lang"), [("7.09", "vi"), ("7,09", "en"), ("1.2.3", "vi"), ("", "vi"), ("abc", "en")])
def test_parse_rejects_the_other_notation(text, lang):
    with pytest.raises(ValueError):
        parse_number(text, lang)


def test_signed_changes():
    assert format_signed(1.5, "vi") == "+1,5"
    assert format_signed(-0.25, "en") == "\u22120.25"
    assert format_signed(0.0, "en") == "0"


@given(st.lists(st.text(alphabet="0123456789.,% ađ-\n", max_size=30), max_size=8))
def test_column_reading_agrees_with_text_reading(texts):
    import pandas as pd

    from vnintegration.core.numbers import numbers_in_texts

    found = numbers_in_texts(pd.Series(texts, dtype="str"))
    by_row = [found.loc[found["row"] == i, "number"].tolist() for i in range(len(texts))]
    assert by_row == [numbers_in_text(t) for t in texts]


@settings(max_examples=500, deadline=None)
@given(st.lists(st.text(alphabet="0123456789.,", max_size=24).map(lambda t: f"đạt {t} tỷ"), max_size=12))
def test_dotted_and_comma_tokens_read_in_columns_as_in_text(texts):
    # Grouping dots and decimal commas in every arrangement: valid and not, short and over 15 digits.
    import pandas as pd

    from vnintegration.core.numbers import numbers_in_texts

    found = numbers_in_texts(pd.Series(texts, dtype="str"))
    by_row = [found.loc[found["row"] == i, "number"].tolist() for i in range(len(texts))]
    assert by_row == [numbers_in_text(t) for t in texts]


@pytest.mark.parametrize(("text", "numbers"), [
    ("1.234.567,89", [1234567.89]), ("12.34", [12.34]), ("12.3456", [12.3456]), ("1.234", [1234]),
    ("1,234.5", []), ("1,234.567", []), ("1.23.456", []), ("1234.567", []), ("1.2345", [1.2345]), ("0,1", [0.1]),
    ("1.234,5,6", []), ("123.456.789.012.345,678", [123456789012345.678]),
])
def test_punctuated_tokens(text, numbers):
    import pandas as pd

    from vnintegration.core.numbers import numbers_in_texts

    assert numbers_in_texts(pd.Series([text], dtype="str"))["number"].tolist() == numbers == numbers_in_text(text)
