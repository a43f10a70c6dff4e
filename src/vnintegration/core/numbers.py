"""Reading and writing numbers the way Vietnamese and English readers write them.

Vietnamese notation groups thousands with "." and marks decimals with ","
(11.511,9 = 11511.9; 7,09% = 7.09%). English is the other way round. Formatting
goes through Babel so grouping and signs follow CLDR; reading is ours because
Babel's parser accepts too much (it reads "7.09" as 709 in Vietnamese).

`read_number` is the one reader of a number written in an article: the validator reads the
numbers of a quote with it, the extractor the figures of a sentence.
"""

from __future__ import annotations

import math
import re
from decimal import Decimal

from babel.numbers import format_decimal

LANGS = ("vi", "en")

# Vietnamese: "1.234.567,89", "7,09", "786".
_VI = r"(?:[0-9]{1,3}(?:\.[0-9]{3})+|[0-9]+)(?:,[0-9]+)?"
# Articles slip into English notation now and then: a dot not followed by exactly three digits
# cannot be Vietnamese grouping, so "7.09" reads as the decimal it is.
_EN_SLIP = r"[0-9]+\.(?:[0-9]{1,2}|[0-9]{4,})"
_ARTICLE_NUMBER = re.compile(f"({_VI})|({_EN_SLIP})")
# A number token in running text: digits with "." and "," inside. What it means is decided on
# the whole token, so "1.2.3" or "2,5,7" read as nothing rather than as pieces.
_TOKEN_SPLIT = re.compile(r"[^0-9.,]+")


def read_number(token: str) -> float | None:
    """One number as an article writes it, unsigned: "11.511,9" -> 11511.9, "7,09" -> 7.09,
    "1.234" -> 1234, "7.09" -> 7.09 (English slip); None when the token is no number."""
    found = _ARTICLE_NUMBER.fullmatch(token)
    if not found:
        return None
    if found.group(1):
        return float(token.replace(".", "").replace(",", "."))
    return float(token)


def numbers_in_text(text: str) -> list[float]:
    """Every number a Vietnamese text writes, unsigned, read by `read_number`."""
    values = (read_number(token.strip(".,")) for token in _TOKEN_SPLIT.split(text) if token)
    return [v for v in values if v is not None]


def writes_value(text: str, value: float) -> bool:
    """Is |value| among the numbers `text` writes (equal within 1e-9, relative)?"""
    target = abs(value)
    return any(math.isclose(n, target, rel_tol=1e-9, abs_tol=1e-9) for n in numbers_in_text(text))


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
