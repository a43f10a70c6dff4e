"""Reading and writing numbers the way Vietnamese and English readers write them.

Vietnamese notation groups thousands with "." and marks decimals with ","
(11.511,9 = 11511.9; 7,09% = 7.09%). English is the other way round. Formatting
goes through Babel so grouping and signs follow CLDR; reading is ours because
Babel's parser accepts too much (it reads "7.09" as 709 in Vietnamese).
"""

from __future__ import annotations

import math
import re
from decimal import Decimal

from babel.numbers import format_decimal

LANGS = ("vi", "en")

# "11.511,9", "1.234", "7,09", "786", "-2,5": Vietnamese notation, where "."
# groups exactly three digits and "," marks decimals.
_VI_NUMBER = re.compile(r"(?<![\d.,])-?(?:\d{1,3}(?:\.\d{3})+|\d+)(?:,\d+)?(?!\d|[.,]\d)")
_EN_NUMBER = re.compile(r"(?<![\d.,])-?\d{1,3}(?:,\d{3})+(?:\.\d+)?(?![\d])|(?<![\d.,])-?\d+(?:\.\d+)?(?![\d])")
_VI_FULL = re.compile(r"-?(?:\d{1,3}(?:\.\d{3})+|\d+)(?:,\d+)?")
_EN_FULL = re.compile(r"-?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?")


def parse_number(text: str, lang: str = "vi") -> float:
    """Read one number written in `lang` notation; raise ValueError otherwise."""
    if lang not in LANGS:
        raise ValueError(f"unknown language {lang!r}")
    token = text.strip().replace("\u00a0", "").replace("\u202f", "").replace("\u2212", "-")
    pattern = _VI_FULL if lang == "vi" else _EN_FULL
    if not pattern.fullmatch(token):
        raise ValueError(f"not a number in {lang} notation: {text!r}")
    group, decimal = (".", ",") if lang == "vi" else (",", ".")
    return float(token.replace(group, "").replace(decimal, "."))


def numbers_in_text(text: str) -> list[float]:
    """Every number a Vietnamese text writes, read in Vietnamese notation.

    A token like "7.09" is not valid Vietnamese grouping (three digits must follow
    the dot), so it is also read as the decimal 7.09: articles sometimes slip
    into English notation, and the reader should not have to fight that.
    """
    values = [parse_number(m.group(), "vi") for m in _VI_NUMBER.finditer(text)]
    for m in re.finditer(r"(?<![\d.,])-?\d+\.(?:\d{1,2}|\d{4,})(?!\d|[.,]\d)", text):
        values.append(float(m.group()))
    return values


def format_number(value: float, lang: str = "vi", decimals: int | None = None, grouping: bool = True) -> str:
    """Write `value` for a reader of `lang`: 11511.9 -> "11.511,9" (vi) / "11,511.9" (en).

    `decimals=None` keeps the digits the value has (up to 6), as a source wrote it.
    """
    if lang not in LANGS:
        raise ValueError(f"unknown language {lang!r}")
    if value is None or (isinstance(value, float) and not math.isfinite(value)):
        return "–"
    if decimals is None:
        digits = -Decimal(repr(round(float(value), 6))).normalize().as_tuple().exponent
        decimals = min(max(int(digits), 0), 6)
    pattern = ("#,##0" if grouping else "0") + ("." + "0" * decimals if decimals > 0 else "")
    return format_decimal(round(float(value), decimals), format=pattern, locale=lang)


def format_signed(value: float, lang: str = "vi", decimals: int | None = None) -> str:
    """Like format_number but always signed ("+1,2" / "−0.5"): for changes."""
    text = format_number(abs(value), lang, decimals)
    if round(value, 6 if decimals is None else decimals) == 0:
        return text
    return ("+" if value > 0 else "\u2212") + text
