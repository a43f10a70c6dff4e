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

import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
from babel.numbers import format_decimal

LANGS = ("vi", "en")

# A number token in running text: digits with "." and "," inside. What it means is
# decided on the whole token, so "1.2.3" or "2,5,7" read as nothing rather than as pieces.
_TOKEN_SPLIT = r"[^0-9.,]+"
_VI_TOKEN = r"(?:\d{1,3}(?:\.\d{3})+|\d+)(?:,\d+)?"
# "7.09" is not Vietnamese grouping (three digits must follow the dot): articles slip into
# English notation now and then, so such a token reads as the decimal it is.
_EN_SLIP_TOKEN = r"\d+\.(?:\d{1,2}|\d{4,})"
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


def _read_token(token: str) -> float | None:
    token = token.strip(".,")
    if re.fullmatch(_VI_TOKEN, token):
        return float(token.replace(".", "").replace(",", "."))
    if re.fullmatch(_EN_SLIP_TOKEN, token):
        return float(token)
    return None


def numbers_in_text(text: str) -> list[float]:
    """Every number a Vietnamese text writes, unsigned, read in Vietnamese notation
    ("11.511,9" -> 11511.9, "7,09" -> 7.09, "1.234" -> 1234; "7.09" -> 7.09)."""
    values = (_read_token(token) for token in re.split(_TOKEN_SPLIT, text) if token)
    return [v for v in values if v is not None]


def numbers_in_texts(texts: pd.Series) -> pd.DataFrame:
    """`numbers_in_text` over a whole column at once (Arrow kernels, no Python loop per row).

    Returns one row per number found: `row` (position in `texts`) and `number`.
    """
    array = pa.array(texts.astype(str).tolist() if texts.dtype == object else texts, type=pa.large_string())
    tokens = pc.split_pattern_regex(array, _TOKEN_SPLIT)
    flat = pc.list_flatten(tokens)
    parents = pc.list_parent_indices(tokens)
    flat = pc.utf8_trim(flat, ".,")
    vi = pc.match_substring_regex(flat, f"^{_VI_TOKEN}$")
    en = pc.match_substring_regex(flat, f"^{_EN_SLIP_TOKEN}$")
    vi_text = pc.replace_substring(pc.replace_substring(flat, ".", ""), ",", ".")
    number_text = pc.if_else(vi, vi_text, pc.if_else(en, flat, pa.scalar(None, pa.large_string())))
    keep = pc.is_valid(number_text)
    return pd.DataFrame({
        "row": pc.filter(parents, keep).to_numpy(zero_copy_only=False),
        "number": pc.cast(pc.filter(number_text, keep), pa.float64()).to_numpy(zero_copy_only=False),
    })


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
