"""How a number reads in Vietnamese and English: the one kit every page, table and chart writes numbers with.

    number(-1234.567, "vi", 2)          -> "−1.234,57"   (a true minus sign; "–" for no value)
    digits(7.09, "en")                  -> "7.09"        (the digits as a source wrote them)
    value_text(12.5, "usd_bn", "en")    -> "12.50 USD bn"
    unit_label("index_base", "en", 2000) -> "index, 2000 = 100"
    separators("vi")                    -> ",."          (plotly's decimal mark, then thousands mark)

Two roundings, on purpose, so that what readers see stays as it was: `digits` (figures as their source wrote
them, i18n.format_value) rounds the float (core.numbers.format_number); `number` (the Peers and Partners pages'
tables and hovers) rounds the number's shortest decimal form half to even, as Babel does. They differ only at a
written tie: the IMF's 4.65 reads 4,6 through `number`, 4,7 through `digits`.

Pure: no Streamlit.
"""

from __future__ import annotations

import math
from functools import lru_cache

from babel.numbers import format_decimal

from vnintegration.core.numbers import format_number
from vnintegration.core.units import UNITS
from vnintegration.core.words import language_index

MINUS = "\u2212"  # a true minus sign: a hyphen is shorter than a plus and breaks a line after it
NO_VALUE = "–"
DEFAULT_DECIMALS = 2  # a unit with no metadata of its own shows two decimals

# Babel's formatter re-reads its pattern on every call; tables repeat the same few thousand numbers.
digits = lru_cache(maxsize=65536)(format_number)


def is_zero(text: str) -> bool:
    """Does a formatted magnitude read as zero ("0", "0,00", "0.0")? A zero takes no sign."""
    return not text.strip("0,.")


def signed(magnitude: str, value: float, plus: str = "") -> str:
    """A formatted |value| with its sign: MINUS for a negative, `plus` for a positive, nothing for what reads as 0."""
    if is_zero(magnitude):
        return magnitude
    return (MINUS if value < 0 else plus if value > 0 else "") + magnitude


def signed_digits(value: float, lang: str, decimals: int | None) -> str:
    """`digits` with a true minus sign: "−5,2"."""
    return signed(digits(abs(value), lang, decimals), value)


def number(value: float | None, lang: str, places: int) -> str:
    """A number with PLACES decimals as a reader of LANG writes it: 1.234,57 (vi) / 1,234.57 (en); a true minus
    sign; "–" for no value."""
    if value is None or not math.isfinite(value):
        return NO_VALUE
    pattern = "#,##0" + ("." + "0" * places if places > 0 else "")
    return signed(format_decimal(abs(value), format=pattern, locale=lang), value)


def signed_integer(value: int) -> str:
    """A whole number with its sign always shown: "+2", "−3", "0"."""
    return signed(str(abs(int(value))), value, plus="+")


def decimals(unit: str) -> int:
    """The decimals a full-precision value in UNIT shows (core/units.py)."""
    return UNITS[unit].decimals if unit in UNITS else DEFAULT_DECIMALS


def unit_label(unit: str, lang: str, base: int | None = None) -> str:
    """The unit's label for axes and column headers (core/units.py), an index's base year filled in; the code
    itself for a unit with none."""
    if unit not in UNITS:
        return str(unit)
    label = UNITS[unit].label[language_index(lang)]
    return label.format(base=base if base is not None else "") if "{" in label else label


def value_text(value: float, unit: str, lang: str, base: int | None = None) -> str:
    """A value at its unit's decimals with its unit's label: "7,09%", "12,50 tỷ USD" / "12.50 USD bn"."""
    shown = number(value, lang, decimals(unit))
    if shown == NO_VALUE:
        return shown
    if unit == "percent":
        return shown + "%"
    return f"{shown} {unit_label(unit, lang, base)}"


def separators(lang: str) -> str:
    """Plotly's layout.separators, decimal mark then thousands mark: 7,09 and 11.511,9 (vi); 7.09 and 11,511.9 (en)."""
    return ",." if lang == "vi" else ".,"
