"""Words and figures in Vietnamese and English: every string in both, every figure as its source wrote it."""

from __future__ import annotations

import math
import re

import pytest
from hypothesis import given
from hypothesis import strategies as st
from tests.test_numbers import read_back

from vnintegration.core.analysis import fold
from vnintegration.core.model import QUALIFIERS, STATUSES, UNITS
from vnintegration.extract import i18n as extract_i18n
from vnintegration.present import formatting, i18n
from vnintegration.present.i18n import format_change, format_partial_date, format_value, t

# (value, unit, qualifier, Vietnamese, English)
FIGURES = [
    (514, "usd_bn", "over", "trên 514 tỷ USD", "over USD 514 bn"),
    (476, "usd_bn", "about", "khoảng 476 tỷ USD", "about USD 476 bn"),
    (25, "usd_bn", "nearly", "gần 25 tỷ USD", "nearly USD 25 bn"),
    (381, "usd_bn", "under", "dưới 381 tỷ USD", "under USD 381 bn"),
    (7.09, "percent", "exact", "7,09%", "7.09%"),
    (3.2, "percent", "over", "trên 3,2%", "over 3.2%"),
    (8.5, "pp", "exact", "8,5 điểm %", "8.5 pp"),
    (11511.9, "vnd_trillion", "exact", "11.511,9 nghìn tỷ đồng", "VND 11,511.9 trn"),
    (1250, "usd_mn", "exact", "1.250 triệu USD", "USD 1,250 mn"),
    (40, "rank", "within", "top 40", "top 40"),
    (17, "rank", "exact", "thứ 17", "17th"),
    (1, "rank", "exact", "thứ 1", "1st"),
    (12, "rank", "exact", "thứ 12", "12th"),
    (42, "count", "exact", "42", "42"),
    (60, "count", "over", "trên 60", "over 60"),
    (9, "years", "exact", "9 năm", "9 years"),
    (1, "years", "exact", "1 năm", "1 year"),
    (-5.2, "usd_bn", "exact", "−5,2 tỷ USD", "−USD 5.2 bn"),
    # A dataset's full-precision value is rounded to the unit's precision; an article's digits are kept.
    (8.01882998978245, "percent", "exact", "8,02%", "8.02%"),
    (926.70713, "usd_bn", "exact", "926,7 tỷ USD", "USD 926.7 bn"),
]


@pytest.mark.parametrize(("value", "unit", "qualifier", "vi", "en"), FIGURES)
def test_a_figure_reads_as_its_source_wrote_it(value, unit, qualifier, vi, en):
    assert format_value(value, unit, qualifier, "vi") == vi
    assert format_value(value, unit, qualifier, "en") == en


def test_a_missing_value_is_a_dash():
    assert format_value(float("nan"), "usd_bn", "exact", "vi") == "–"
    assert format_value(None, "percent", "over", "en") == "–"


@pytest.mark.parametrize(("change", "how", "unit", "vi", "en"), [
    (7.24, "rel", "usd_bn", "+7,2%", "+7.2%"),
    (-21.2, "rel", "usd_bn", "−21,2%", "−21.2%"),
    (0.43, "pp", "percent", "+0,43 điểm %", "+0.43 pp"),
    (4, "abs", "count", "+4", "+4"),
    (68.1, "abs", "usd_bn", "+68,1 tỷ USD", "+USD 68.1 bn"),
    (-5.15, "abs", "usd_bn", "−5,15 tỷ USD", "−USD 5.15 bn"),
    (0.0, "rel", "usd_bn", "0,0%", "0.0%"),
    (-2, "rank", "rank", "tăng 2 bậc", "up 2"),
    (3, "rank", "rank", "giảm 3 bậc", "down 3"),
])
def test_a_change_says_its_unit(change, how, unit, vi, en):
    assert format_change(change, how, unit, "vi") == vi
    assert format_change(change, how, unit, "en") == en


def test_an_approximate_change_says_so():
    assert format_change(7.2, "rel", "usd_bn", "vi", approximate=True) == "≈ +7,2%"


def test_units_have_labels_in_both_languages():
    assert formatting.unit_label("usd_bn", "vi") == "tỷ USD"
    assert formatting.unit_label("usd_bn", "en") == "USD bn"
    assert formatting.unit_label("vnd_trillion", "en") == "VND trn"
    assert formatting.unit_label("pp", "vi") == "điểm %"
    assert formatting.unit_label("index_base", "en", 2000) == "index, 2000 = 100"
    assert formatting.unit_label("no_such_unit", "en") == "no_such_unit"
    for unit in UNITS:
        assert formatting.unit_label(unit, "vi") and formatting.unit_label(unit, "en"), unit


def test_every_vocabulary_has_both_languages():
    for table, codes in ((i18n.QUALIFIERS, QUALIFIERS), (i18n.STATUSES, STATUSES)):
        assert set(codes) <= set(table)
    assert i18n.status_word("forecast", "vi") == "dự kiến"
    assert i18n.qualifier_word("over", "vi") == "trên"
    assert i18n.qualifier_word("about", "en") == "about"


PLACEHOLDER = re.compile(r"\{(\w+)\}")


TABLES = {"present": i18n.STRINGS, "import": extract_i18n.STRINGS, "notices": extract_i18n.NOTICES}


@pytest.mark.parametrize(("table", "key"), [(name, key) for name, table in TABLES.items() for key in sorted(table)])
def test_every_string_exists_in_both_languages_with_the_same_placeholders(table, key):
    vi, en = TABLES[table][key]
    assert vi.strip() and en.strip()
    assert set(PLACEHOLDER.findall(vi)) == set(PLACEHOLDER.findall(en))


def test_the_extractor_notices_read_through_the_same_lookup():
    assert extract_i18n.notice_text("empty", "en") == "the text is empty: paste an article's text"
    assert extract_i18n.notice_text("missing", "vi") == "missing"  # a code with no words: the code itself


def test_t_fills_placeholders_and_rejects_unknown_languages():
    assert t("vs_period", "vi", period="năm 2024") == "so với năm 2024"
    assert t("vs_period", "en", period="2024") == "vs 2024"
    with pytest.raises(ValueError):
        t("vs_period", "fr", period="2024")


def test_dates_as_printed():
    assert format_partial_date("2021-01", "vi") == "01/2021"
    assert format_partial_date("2021-01", "en") == "Jan 2021"
    assert format_partial_date("2025-08-26", "vi") == "26/08/2025"
    assert format_partial_date("2025-08-26", "en") == "26 Aug 2025"
    assert format_partial_date("2021", "en") == "2021"
    assert format_partial_date("", "en") == ""


def test_short_span_labels_part_year_points():
    assert i18n.short_span(6, "vi") == "6 tháng"
    assert i18n.short_span(7, "en") == "Jan–Jul"


def test_fold_ignores_case_and_diacritics():
    assert fold("Kim ngạch XUẤT khẩu Đầu tư") == "kim ngach xuat khau dau tu"


@given(st.floats(min_value=-1e6, max_value=1e6, allow_nan=False), st.sampled_from(UNITS),
       st.sampled_from(QUALIFIERS), st.sampled_from(["vi", "en"]))
def test_format_value_never_raises_and_keeps_the_qualifier(value, unit, qualifier, lang):
    text = format_value(value, unit, qualifier, lang)
    assert text
    word = i18n.qualifier_word(qualifier, lang)
    assert text.startswith(word)


@given(st.decimals(min_value=0, max_value=100000, places=2, allow_nan=False, allow_infinity=False),
       st.sampled_from(["vi", "en"]))
def test_a_percent_reads_back_to_its_value(value, lang):
    number = float(value)
    text = format_value(number, "percent", "exact", lang).removesuffix("%")
    assert math.isclose(read_back(text, lang), number, abs_tol=1e-9)


# ---------------------------------------------------------------------------------------------- word tables


def test_merged_tables_keep_every_word():
    assert i18n.merged({"a": ("một", "one")}, {"b": ("hai", "two")}) == {"a": ("một", "one"), "b": ("hai", "two")}


def test_a_key_in_two_word_tables_is_refused():
    """A repeated key would let the later table replace the earlier's words without anyone noticing."""
    with pytest.raises(ValueError, match="page_peers"):
        i18n.merged({"page_peers": ("So sánh", "Peers")}, {"x": ("x", "x")}, {"page_peers": ("Khác", "Other")})


def test_the_dashboard_table_holds_every_page_table():
    from vnintegration.present.partners import strings as partner_words
    from vnintegration.present.peers import strings as peer_words

    for table in (peer_words.STRINGS, partner_words.STRINGS):
        assert all(i18n.STRINGS[key] == words for key, words in table.items())


# ---------------------------------------------------------------------------------------------- the number kit


@pytest.mark.parametrize(("value", "lang", "places", "expected"), [
    (1234.567, "vi", 2, "1.234,57"), (1234.567, "en", 2, "1,234.57"), (-2.5, "en", 1, "\u22122.5"),
    (-0.001, "en", 2, "0.00"), (None, "vi", 1, "–"), (float("inf"), "en", 0, "–"), (180000, "vi", 0, "180.000"),
])
def test_a_number_is_written_the_way_each_language_writes_it(value, lang, places, expected):
    assert formatting.number(value, lang, places) == expected


@given(st.floats(min_value=-1e9, max_value=1e9, allow_nan=False), st.integers(0, 3), st.sampled_from(["vi", "en"]))
def test_a_number_reads_back_within_its_rounding_and_signs_only_what_is_not_zero(value, places, lang):
    text = formatting.number(value, lang, places)
    assert "-" not in text  # a true minus sign, never a hyphen
    magnitude = text.removeprefix(formatting.MINUS)
    assert text.startswith(formatting.MINUS) == (value < 0 and not formatting.is_zero(magnitude))
    shown = read_back(magnitude, lang) * (-1 if text.startswith(formatting.MINUS) else 1)
    assert abs(shown - value) <= 0.5 * 10**-places + 1e-9 * abs(value)


@given(st.integers(-10**6, 10**6))
def test_a_signed_integer_always_shows_its_sign(value):
    text = formatting.signed_integer(value)
    assert text == ("0" if value == 0 else ("+" if value > 0 else formatting.MINUS) + str(abs(value)))


@given(st.floats(min_value=-1e6, max_value=1e6, allow_nan=False), st.sampled_from(sorted(UNITS)),
       st.sampled_from(["vi", "en"]))
def test_a_value_with_its_unit_ends_in_the_units_label(value, unit, lang):
    text = formatting.value_text(value, unit, lang, base=2000)
    label = formatting.unit_label(unit, lang, 2000)
    assert text.startswith(formatting.number(value, lang, formatting.decimals(unit)))
    assert text.endswith("%" if unit == "percent" else " " + label)


def test_the_number_marks_match_the_language():
    for lang in ("vi", "en"):
        decimal_mark, thousands = formatting.separators(lang)
        assert formatting.number(1234.5, lang, 1) == f"1{thousands}234{decimal_mark}5"


def test_a_figure_and_a_number_share_the_minus_sign():
    assert format_value(-5.2, "usd_bn", "exact", "en").startswith(formatting.MINUS)
    assert format_change(-21.2, "rel", "usd_bn", "en").startswith(formatting.MINUS)
    assert formatting.number(-5.2, "en", 1).startswith(formatting.MINUS)
