"""Reading and writing numbers the way Vietnamese and English readers write them.

Vietnamese notation groups thousands with "." and marks decimals with ","
(11.511,9 = 11511.9; 7,09% = 7.09%). English is the other way round. Formatting
goes through Babel so grouping and signs follow CLDR; reading is ours because
Babel's parser accepts too much (it reads "7.09" as 709 in Vietnamese).
"""

from __future__ import annotations

import math
import os
import re
from concurrent.futures import ThreadPoolExecutor
from decimal import Decimal

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
from babel.numbers import format_decimal

from vnintegration.core.columns import numpy, offsets_and_bytes

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


# Number tokens are runs of the bytes of digits, "." and ",". In UTF-8 every byte of a non-ASCII
# character is >= 0x80, so runs of these bytes are exactly the runs of these characters.
_PUNCT_BYTE = np.zeros(256, dtype=bool)
_PUNCT_BYTE[list(b".,")] = True


def numbers_in_texts(texts: pd.Series) -> pd.DataFrame:
    """`numbers_in_text` over a whole column at once: no Python loop per row.

    The tokens (runs of digits, "." and ",", never across two rows) are found with NumPy on
    the column's UTF-8 bytes, their edge punctuation trimmed there too, and read there
    (`_read_tokens_at`). A large column is done in blocks (the blocks Arrow's CSV reader
    made), on as many threads as there are cores: NumPy releases the GIL, and a block fits in
    the processor's cache where the whole column does not.
    Returns one row per number found: `row` (position in `texts`) and `number`.
    """
    parts = _by_block(texts, _numbers_in_block)
    if not parts:
        return pd.DataFrame({"row": np.zeros(0, dtype=np.int64), "number": np.zeros(0)})
    return pd.DataFrame({"row": np.concatenate([rows for rows, _ in parts]),
                         "number": np.concatenate([numbers for _, numbers in parts])})


def values_in_texts(texts: pd.Series, values: np.ndarray) -> np.ndarray:
    """For each row: is `values[row]` (>= 0) among the numbers its text writes (as
    `numbers_in_texts` reads them, equal within 1e-9 as np.isclose has it)? Compared block by
    block, where the block's numbers are still in cache."""
    values = np.asarray(values, dtype=float)

    def found_in_block(array: pa.LargeStringArray, base: int) -> np.ndarray:
        rows, numbers = _numbers_in_block(array, base)
        target = values[rows]
        numbers = np.abs(numbers - target, out=numbers)
        target *= 1e-9
        target += 1e-9
        found = np.zeros(len(array), dtype=bool)
        found[rows[numbers <= target] - base] = True
        return found

    parts = _by_block(texts, found_in_block)
    return np.concatenate(parts) if parts else np.zeros(len(texts), dtype=bool)


def _by_block(texts: pd.Series, work) -> list:
    """`work(block, first_row)` for each block of the column, in order; on threads when large."""
    array = pa.array(texts.astype(str).tolist() if texts.dtype == object else texts, type=pa.large_string())
    chunks = array.chunks if isinstance(array, pa.ChunkedArray) else [array]
    bases = np.cumsum([0] + [len(chunk) for chunk in chunks])[:-1]
    jobs = [(chunk, int(base)) for chunk, base in zip(chunks, bases) if len(chunk)]
    if len(array) < 50_000 or len(jobs) < 2:
        return [work(chunk, base) for chunk, base in jobs]
    with ThreadPoolExecutor(max_workers=os.cpu_count() or 1) as pool:
        return list(pool.map(lambda job: work(*job), jobs))


def _numbers_in_block(array: pa.LargeStringArray, row_base: int) -> tuple[np.ndarray, np.ndarray]:
    """The numbers of one block of rows: (row positions + row_base, numbers)."""
    nothing = (np.zeros(0, dtype=np.int64), np.zeros(0))
    array = pc.fill_null(array, "")
    offsets, data, buffer = offsets_and_bytes(array)
    # Positions of number bytes; a run of them breaks where positions jump or a row starts.
    low = int(offsets[0])
    block = data[low: int(offsets[-1])]
    # Comparisons, not a table lookup: over every byte they cost a third as much.
    pos = np.flatnonzero(((block >= 48) & (block <= 57)) | (block == 46) | (block == 44)) + low
    if len(pos) == 0:
        return nothing
    opens_row = np.zeros(len(data) + 1, dtype=bool)
    opens_row[offsets] = True
    breaks = np.empty(len(pos), dtype=bool)
    breaks[0] = True
    breaks[1:] = (np.diff(pos) != 1) | opens_row[pos[1:]]
    run = np.flatnonzero(breaks)
    first = pos[run]
    stop = pos[np.append(run[1:] - 1, len(pos) - 1)] + 1
    # Trim "." and "," off both ends (what `strip(".,")` does): a few passes over the runs alone.
    while True:
        move = (first < stop) & _PUNCT_BYTE[data[np.minimum(first, stop - 1)]]
        if not move.any():
            break
        first = first + move
    while True:
        move = (first < stop) & _PUNCT_BYTE[data[stop - 1]]
        if not move.any():
            break
        stop = stop - move
    keep = first < stop
    first, stop = first[keep], stop[keep]
    if len(first) == 0:
        return nothing
    rows = np.searchsorted(offsets, first, side="right") - 1 + row_base
    numbers, long = _read_tokens_at(data, first, stop)
    if long.any():  # more digits than a float holds exactly (rare): Arrow reads those
        numbers[long] = _read_tokens(_strings_at(buffer, first[long], stop[long]))
    keep = ~np.isnan(numbers)
    return rows[keep].astype(np.int64), numbers[keep]


def _strings_at(buffer: pa.Buffer, first: np.ndarray, stop: np.ndarray) -> pa.Array:
    """The strings buffer[first:stop] as an Arrow array. Built as one array over the original
    bytes, alternating span and the gap after it (offsets must rise); taking the even elements
    copies the spans' bytes only."""
    bounds = np.empty(2 * len(first), dtype=np.int64)
    bounds[0::2], bounds[1::2] = first, stop
    spans = pa.LargeStringArray.from_buffers(len(bounds) - 1, pa.py_buffer(bounds), buffer)
    return pc.take(spans, pa.array(np.arange(0, len(bounds) - 1, 2)))


_POW10 = 10.0 ** np.arange(16)  # exact in binary floating point
_EXACT_DIGITS = 15  # a whole number of up to 15 digits is exact in a float, so is its sum of d * 10**k


def _read_tokens_at(data: np.ndarray, first: np.ndarray, stop: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """What `_read_token` reads from the tokens data[first:stop] (runs of digits, "." and ",",
    edges trimmed so they start and end with a digit): NaN where a token is no number. Also
    says which tokens have too many digits to be read so (`long`): those are left to Arrow.

    Vietnamese: dots group thousands ("1.234.567": one to three digits, then threes) and one
    comma, last, marks the decimals. English slip: one dot, not followed by three digits.
    The digits are summed as d * 10**k and divided by a power of ten: exact operations on
    exact values, so the result is the float closest to the decimal, as float() gives. All in
    NumPy over the tokens' bytes: a third of the cost of Arrow's regular expressions.
    """
    count = len(first)
    length = stop - first
    token = np.repeat(np.arange(count), length)
    opens = np.cumsum(length) - length  # each token's first byte, in the flat array of all their bytes
    byte = data[np.arange(len(token)) + np.repeat(first - opens, length)]
    is_sep = byte < 48  # "," (44) and "." (46); the rest are digits
    sep = np.flatnonzero(is_sep)
    sep_token, comma = token[sep], byte[sep] == 44
    n_sep = np.bincount(sep_token, minlength=count)
    n_comma = np.bincount(sep_token[comma], minlength=count)
    has_sep = n_sep > 0
    if len(sep):
        first_sep = np.minimum(np.cumsum(n_sep) - n_sep, len(sep) - 1)  # positions in `sep`
        last_sep = np.clip(first_sep + n_sep - 1, 0, len(sep) - 1)
        lead = np.where(has_sep, sep[first_sep] - opens, length)  # digits before the first separator
        trail = np.where(has_sep, opens + length - 1 - sep[last_sep], 0)  # digits after the last
        last_is_comma = has_sep & comma[last_sep]
    else:
        lead, trail, last_is_comma = length, np.zeros(count, dtype=np.int64), np.zeros(count, dtype=bool)
    # Two separators in a row must be a dot, three digits, then the next one.
    same = sep_token[1:] == sep_token[:-1]
    bad_pair = same & (comma[:-1] | (np.diff(sep) != 4))
    bad = np.bincount(sep_token[1:][bad_pair], minlength=count) > 0
    n_dot = n_sep - n_comma
    vi = (n_comma <= 1) & ~bad & ((n_dot == 0) | ((lead <= 3) & (last_is_comma | (trail == 3))))
    en = ~vi & (n_sep == 1) & (n_dot == 1) & (trail != 3)
    digits = np.flatnonzero(~is_sep)
    n_digits = length - n_sep
    long = n_digits > _EXACT_DIGITS
    rank = np.arange(len(digits)) - np.repeat(np.cumsum(n_digits) - n_digits, n_digits)
    after = np.minimum(n_digits[token[digits]] - rank - 1, len(_POW10) - 1)
    whole = np.bincount(token[digits], weights=(byte[digits] - 48) * _POW10[after], minlength=count)
    scale = np.where((vi & last_is_comma) | en, np.minimum(trail, len(_POW10) - 1), 0)
    return np.where((vi | en) & ~long, whole / _POW10[scale], np.nan), long


def _read_tokens(tokens: pa.Array) -> np.ndarray:
    """`_read_token` over an Arrow array of tokens (edges trimmed): NaN where a token is no number."""
    vi = pc.match_substring_regex(tokens, f"^{_VI_TOKEN}$")
    en = pc.match_substring_regex(tokens, f"^{_EN_SLIP_TOKEN}$")
    vi_text = pc.replace_substring(pc.replace_substring(tokens, ".", ""), ",", ".")
    number_text = pc.if_else(vi, vi_text, pc.if_else(en, tokens, pa.scalar(None, pa.large_string())))
    return numpy(pc.fill_null(pc.cast(number_text, pa.float64()), np.nan))


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
