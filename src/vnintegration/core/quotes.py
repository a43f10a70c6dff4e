"""Quotes and their sources: is the quote in the article, is the value among the numbers it writes.

Both checks run over whole columns. A quote is first looked for as written in its article as
read, bytes in bytes, and the match kept where normalising (NFC, white space) provably cannot
undo it; only the few others are looked for in the normalised text, once per distinct
(source, quote) pair. Numbers are read from all quotes at once (`values_in_texts`).
"""

from __future__ import annotations

import codecs
from collections.abc import Mapping
from operator import itemgetter

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from vnintegration.core.columns import index_in, numpy, offsets_and_bytes
from vnintegration.core.load import normalize_text
from vnintegration.core.numbers import values_in_texts

# Ranges of stable characters (combining class 0, NFC quick check Yes; tests/test_quotes.py
# checks them against unicodedata): Latin-1 and Latin Extended letters, spacing modifiers,
# Vietnamese precomposed letters (Latin Extended Additional), general punctuation.
_BOUNDARY = ((0x00A0, 0x02FF), (0x1E00, 0x1EFF), (0x2010, 0x205E))


def _quote_in(quote: str, text: str) -> bool:
    return (quote in text and quote.strip() != "") or normalize_text(quote) in text


class SourceTexts(Mapping):
    """Article id -> its text, normalised (NFC, single spaces) on first use.

    Texts are kept as read, in one Arrow array of UTF-8 bytes (BOM gone). Most quotes are
    found in a text without decoding it (see `quotes_found`), so a text is decoded and
    normalised only when a quote needs the search in the normalised text, or a reader asks.
    """

    def __init__(self, raw: Mapping[str, bytes | str] | None = None, *, ids: list[str] | None = None,
                 array: pa.Array | None = None, listed: list[bytes] | None = None):
        """From a mapping id -> text (bytes or str), or from `ids` and the `array` of their bytes
        (and, if at hand, the same bytes `listed` as Python objects: the search uses those)."""
        if array is None:
            raw = dict(raw or {})
            ids = list(raw)
            listed = [t.encode("utf-8") if isinstance(t, str) else t for t in raw.values()]
            array = pa.array(listed, type=pa.large_binary())
        self.ids = list(ids)
        self.position = {sid: n for n, sid in enumerate(self.ids)}
        bom = pc.starts_with(array, pattern=codecs.BOM_UTF8)
        if pc.any(bom).as_py():  # rare (Excel's .txt): strip them in Python (Arrow's binary_slice fails on b"")
            listed = array.to_pylist()
            for n in np.flatnonzero(numpy(bom)):
                listed[n] = listed[n][len(codecs.BOM_UTF8):]
            array = pa.array(listed, type=pa.large_binary())
        self.array = array
        self._listed = listed
        self._normal: dict[str, str] = {}

    def listed(self) -> list[bytes]:
        """The texts as read, as Python bytes, in the order of `ids`."""
        if self._listed is None:
            self._listed = self.array.to_pylist()
        return self._listed

    def __getitem__(self, sid: str) -> str:
        if sid not in self.position:
            raise KeyError(sid)
        if sid not in self._normal:
            self._normal[sid] = normalize_text(self.read(sid).decode("utf-8"))
        return self._normal[sid]

    def read(self, sid: str) -> bytes:
        """The text as read (UTF-8, BOM gone); b"" for an id that is not here."""
        return self.array[self.position[sid]].as_py() if sid in self.position else b""

    def __contains__(self, sid: object) -> bool:
        return sid in self.position

    def __iter__(self):
        return iter(self.ids)

    def __len__(self) -> int:
        return len(self.ids)

    def __eq__(self, other) -> bool:
        return isinstance(other, Mapping) and dict(self.items()) == dict(other.items())


def quotes_found(quote, rows: np.ndarray, src_at: np.ndarray, source_ids, texts: SourceTexts) -> np.ndarray:
    """For each of `rows`: is its quote in the text of its source?

    `quote`: the quote column (Arrow strings); `src_at`: each row's source as a position in
    `source_ids`. First each quote is looked for as written in the text as read, and the
    match kept where normalising could not undo it (`_found_as_read`); what is not found so
    (odd white space, letters written decomposed) is looked for normalised, once per distinct
    (source, quote) pair.
    """
    if len(rows) == 0:
        return np.zeros(0, dtype=bool)
    quotes = pc.take(quote, pa.array(rows)) if len(rows) < len(quote) else quote
    # One array, not the CSV reader's chunks: a take from 134 chunks cost 60 times one from one array.
    quotes = quotes.cast(pa.large_binary())
    quotes = quotes.combine_chunks() if isinstance(quotes, pa.ChunkedArray) else quotes
    in_texts = np.append(index_in(pa.array(source_ids, type=pa.large_string()), texts.ids), -1)
    found = _found_as_read(quotes, in_texts[src_at[rows]], texts)
    rest = np.flatnonzero(~found)
    if len(rest):
        src_rest = np.asarray(source_ids, dtype=object)[src_at[rows[rest]]]
        quote_rest = numpy(pc.take(quote, pa.array(rows[rest]))).astype(object)
        codes, _ = pd.factorize(pd.Series(src_rest).str.cat(pd.Series(quote_rest), sep="\x1f"))
        _, first = np.unique(codes, return_index=True)
        ok = np.fromiter((_quote_in(q, texts[s] if s in texts else "") for s, q in
                          zip(src_rest[first].tolist(), quote_rest[first].tolist())),
                         dtype=bool, count=len(first))
        found[rest] = ok[codes]
    return found


def _found_as_read(quotes: pa.LargeBinaryArray, text_at: np.ndarray, store: SourceTexts) -> np.ndarray:
    """Is each quote (UTF-8 as written) in its text (`store`'s texts[text_at], UTF-8 as read; -1: none),
    in a way that normalising both cannot undo?

    White space is collapsed within a match as within the text, so only NFC can part them: by
    joining the quote's first character to the one before it, or the character after the
    match to the quote's last. Neither happens when both are stable characters (Unicode
    calls them boundaries: combining class 0, NFC quick check Yes), which `_BOUNDARY` lists
    ranges of. The quotes are looked for with `bytes.find` (`_find_in_reading_order`); the
    boundaries are read with NumPy, and decoded in Python only where they are not ASCII.
    """
    texts = store.array
    haystacks = [*store.listed(), b""]
    q_offsets, q_data, _ = offsets_and_bytes(quotes)
    length = np.diff(q_offsets)
    # An empty quote (the validator asks for none) starts nothing: byte 0 stands in.
    first_byte = np.where(length > 0, q_data[np.minimum(q_offsets[:-1], len(q_data) - 1)] if len(q_data) else 0, 0)
    at = _find_in_reading_order(quotes, length, text_at, haystacks)
    t_offsets, t_data, _ = offsets_and_bytes(texts)
    t_offsets = np.append(t_offsets, t_offsets[-1])  # -1: the empty text at the end, as in `haystacks`
    t_data = t_data if len(t_data) else np.zeros(1, dtype=np.uint8)  # byte 0 stands in where there is none
    text = np.where(text_at < 0, len(texts), text_at)
    start, size = t_offsets[text], t_offsets[text + 1] - t_offsets[text]
    end = at + length
    inside = at >= 0
    at_end = end >= size
    end_byte = t_data[np.where(inside & ~at_end, start + end, 0)]
    unsure = inside & ((first_byte >= 0x80) | (~at_end & (end_byte >= 0x80)))
    found = inside & ~unsure
    for n in np.flatnonzero(unsure).tolist():
        found[n] = _starts_boundary(quotes[n].as_py(), 0) and (bool(at_end[n]) or _starts_boundary(haystacks[text_at[n]], int(end[n])))
    return found


_BATCH_ROWS = 16_384  # quotes searched together (their texts stay in cache across rounds)
_MAX_ROUNDS = 64  # an article's quotes past this many are searched together, in the last round


def _find_in_reading_order(quotes: pa.LargeBinaryArray, length: np.ndarray, text_at: np.ndarray,
                           haystacks: list[bytes]) -> np.ndarray:
    """Where each quote (UTF-8, of `length` bytes) is in its text (`haystacks[text_at]`; -1:
    the empty text at the end): a position of a match, or -1 where there is none.

    The quotes of one text are taken in row order, and each is looked for from where the one
    before it ended, wrapping round to the start (a second search that stops where the first
    began). People enter an article's figures as they read it, so most quotes follow the one
    before and the text is scanned about once for all of them, not once per quote; in any
    order, a wrapped search scans no more than a search from the start, on average.

    Texts are taken in batches of whole texts (`_BATCH_ROWS` quotes): in a batch, all the
    texts' first quotes are searched in one `map(bytes.find)` (a C loop), then all their
    second ones, and so on, so that a batch's texts stay in the processor's cache from one
    round to the next (round by round over all 50,000 texts of the benchmark at once, the
    same finds took 0.75 s against 0.46 s). A batch's quotes are made Python bytes in that order, so a round is a slice.
    An article's quotes past `_MAX_ROUNDS` share the last round.
    """
    count = len(quotes)
    at = np.full(count, -1, dtype=np.int64)
    if count == 0:
        return at
    order = np.argsort(text_at, kind="stable")  # rows grouped by text, in row order within each
    grouped = text_at[order]
    opens = np.flatnonzero(np.r_[True, grouped[1:] != grouped[:-1]])
    rank = np.minimum(np.arange(count) - np.repeat(opens, np.diff(np.r_[opens, count])), _MAX_ROUNDS)
    first_open = np.minimum(np.searchsorted(opens, np.arange(0, count, _BATCH_ROWS)), len(opens) - 1)
    cuts = np.r_[np.unique(np.r_[0, opens[first_open]]), count].tolist()
    resume = np.zeros(len(haystacks), dtype=np.int64)  # per text: where its last match ended
    for low, high in zip(cuts[:-1], cuts[1:]):
        by_rank = np.argsort(rank[low:high], kind="stable")
        batch, ranks = order[low:high][by_rank], rank[low:high][by_rank]
        written = quotes.take(pa.array(batch)).to_pylist()
        batch_texts = text_at[batch]
        own = _pick(haystacks, batch_texts)
        bounds = np.searchsorted(ranks, np.arange(ranks[-1] + 2)).tolist()
        for r_low, r_high in zip(bounds[:-1], bounds[1:]):
            rows, texts = batch[r_low:r_high], batch_texts[r_low:r_high]
            at[rows] = _find_from(own[r_low:r_high], written[r_low:r_high], resume[texts], length[rows])
            hit = at[rows] >= 0
            resume[texts[hit]] = at[rows[hit]] + length[rows[hit]]
    return at


def _find_from(texts, quotes, start: np.ndarray, length: np.ndarray) -> np.ndarray:
    """Each quote in its text, looked for from `start`, then before it."""
    found = np.fromiter(map(bytes.find, texts, quotes, start.tolist()), dtype=np.int64, count=len(quotes))
    wrap = np.flatnonzero((found < 0) & (start > 0))
    if len(wrap):  # before the start: such a match ends before start + length - 1
        stop = start[wrap] + length[wrap] - 1
        found[wrap] = np.fromiter(map(bytes.find, _pick(texts, wrap), _pick(quotes, wrap), [0] * len(wrap),
                                      stop.tolist()), dtype=np.int64, count=len(wrap))
    return found


def _pick(items, positions: np.ndarray) -> tuple:
    """items[p] for each p of `positions`, as a tuple (C's itemgetter, no Python loop)."""
    if len(positions) == 0:
        return ()
    picked = itemgetter(*positions.tolist())(items)
    return picked if len(positions) > 1 else (picked,)


def _starts_boundary(data: bytes, at: int) -> bool:
    lead = data[at]
    if lead < 0x80:  # ASCII
        return True
    width = 2 if lead < 0xE0 else 3 if lead < 0xF0 else 4
    point = ord(data[at:at + width].decode("utf-8", "replace")[0])
    return any(low <= point <= high for low, high in _BOUNDARY)


def values_in_quotes(quote: pd.Series, value: pd.Series, rows: np.ndarray) -> np.ndarray:
    """For each of `rows`: is |value| among the numbers its quote writes (Vietnamese notation)?"""
    texts = quote if len(rows) == len(quote) else quote.iloc[rows].reset_index(drop=True)
    return values_in_texts(texts, np.abs(value.to_numpy(dtype=float))[rows])
