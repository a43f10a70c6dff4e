"""Quotes and their sources: is the quote in the article, is the value among the numbers it writes.

Both checks run over whole columns. A quote is first looked up, by hash, among its article's
sentences (nearly every quote is the sentence that states its figure); only the others are
searched for in the normalised text, once per distinct (source, quote) pair. Numbers are read
from all quotes at once (`numbers_in_texts`).
"""

from __future__ import annotations

import codecs
from collections.abc import Mapping

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from vnintegration.columns import numpy
from vnintegration.load import normalize_text
from vnintegration.numbers import numbers_in_texts

_EMPTY = pa.scalar(b"", pa.large_binary())
_STOP = pa.scalar(b".", pa.large_binary())
_BLOCK = 1 << 20  # bytes of text looked at in one pass
# Ranges of stable characters (combining class 0, NFC quick check Yes; tests/test_quotes.py
# checks them against unicodedata): Latin-1 and Latin Extended letters, spacing modifiers,
# Vietnamese precomposed letters (Latin Extended Additional), general punctuation.
_BOUNDARY = ((0x00A0, 0x02FF), (0x1E00, 0x1EFF), (0x2010, 0x205E))
_SENTENCE_END = np.zeros(256, dtype=bool)
_SENTENCE_END[list(b".?!")] = True


def _quote_in(quote: str, text: str) -> bool:
    return (quote in text and quote.strip() != "") or normalize_text(quote) in text


class SourceTexts(Mapping):
    """Article id -> its text, normalised (NFC, single spaces) on first use.

    Texts are kept as read, in one Arrow array of UTF-8 bytes (BOM gone). Most quotes are
    found among a text's sentences without decoding it (see `sentences`), so a text is decoded
    and normalised only when a quote needs the exact search, or when a reader asks for it.
    """

    def __init__(self, raw: Mapping[str, bytes | str] | None = None, *, ids: list[str] | None = None,
                 array: pa.Array | None = None):
        """From a mapping id -> text (bytes or str), or from `ids` and the `array` of their bytes."""
        if array is None:
            raw = dict(raw or {})
            ids = list(raw)
            array = pa.array([t.encode("utf-8") if isinstance(t, str) else t for t in raw.values()], type=pa.large_binary())
        self.ids = list(ids)
        self.position = {sid: n for n, sid in enumerate(self.ids)}
        bom = pc.starts_with(array, pattern=codecs.BOM_UTF8)
        if pc.any(bom).as_py():  # rare (Excel's .txt): strip them in Python (Arrow's binary_slice fails on b"")
            texts = array.to_pylist()
            for n in np.flatnonzero(numpy(bom)):
                texts[n] = texts[n][len(codecs.BOM_UTF8):]
            array = pa.array(texts, type=pa.large_binary())
        self.array = array
        self._normal: dict[str, str] = {}

    def __getitem__(self, sid: str) -> str:
        if sid not in self._normal:
            self._normal[sid] = normalize_text(self.read(sid).decode("utf-8"))
        return self._normal[sid]

    def read(self, sid: str) -> bytes:
        """The text as read (UTF-8, BOM gone); b"" for an id that is not here."""
        return self.array[self.position[sid]].as_py() if sid in self.position else b""

    def __iter__(self):
        return iter(self.ids)

    def __len__(self) -> int:
        return len(self.ids)

    def __eq__(self, other) -> bool:
        return isinstance(other, Mapping) and dict(self.items()) == dict(other.items())

    def sentences(self, ids) -> tuple[pa.Array, np.ndarray]:
        """The sentences of the texts as UTF-8 bytes, and for each the position in `ids` of its
        text (-1 for a text not in `ids`).

        A sentence ends at a line end, or after ". ", "? ", "! ". Each is a piece of its text
        bounded by white space or the text's ends; normalising (NFC, white space) works within
        such bounds, so a quote equal to one is in the normalised text too: a hash lookup
        settles it. All texts are cut at once, with NumPy on the array's one buffer.
        """
        asked = {sid: at for at, sid in enumerate(ids)}
        caller = np.array([asked.get(sid, -1) for sid in self.ids], dtype=np.int64)
        array = self.array
        n = len(array)
        if n == 0:
            return pa.array([], type=pa.large_binary()), np.zeros(0, dtype=np.int64)
        offsets = np.frombuffer(array.buffers()[1], dtype=np.int64)[array.offset: array.offset + n + 1]
        buffer = array.buffers()[2] or pa.py_buffer(b"")
        data = np.frombuffer(buffer, dtype=np.uint8)
        low, high = int(offsets[0]), int(offsets[-1])
        cuts = np.concatenate([_cuts(data, start, min(start + _BLOCK, high))
                               for start in range(low, high, _BLOCK)] or [np.zeros(0, dtype=np.int64)])
        # Texts lie end to end in the buffer: each text's start and end bound sentences too.
        starts = np.sort(np.concatenate((offsets[:-1], cuts + 1)))
        ends = np.sort(np.concatenate((cuts, offsets[1:])))
        # Over the buffer, elements alternate (sentence, the gap after it, ...); the sentences
        # alone are then taken into an array of their own, so that the hash table holds no
        # separators (they doubled its cost).
        bounds = np.empty(2 * len(starts), dtype=np.int64)
        bounds[0::2], bounds[1::2] = starts, ends
        spans = pa.LargeBinaryArray.from_buffers(pa.large_binary(), len(bounds) - 1,
                                                 [None, pa.py_buffer(bounds), buffer])
        pieces = pc.take(spans, pa.array(np.arange(0, len(bounds) - 1, 2)))
        text = np.minimum(np.searchsorted(offsets, starts, "right") - 1, n - 1)
        return pieces, caller[text]


def _cuts(data: np.ndarray, start: int, stop: int) -> np.ndarray:
    """Where sentences end in data[start:stop]: each line end (LF or CR), and each space after
    . ? !

    Done a block at a time so that the comparisons' temporary arrays stay small (in cache, and
    reused rather than fresh memory for every pass); spaces are found first and only their
    left neighbours looked up, a table lookup over every byte costing more than comparisons.
    """
    block = data[start:stop]
    cut = (block == 10) | (block == 13)
    spaces = np.flatnonzero(block == 32)
    spaces = spaces[spaces + start > 0]
    cut[spaces[_SENTENCE_END[data[spaces + start - 1]]]] = True
    return np.flatnonzero(cut) + start


def quotes_found(quote, rows: np.ndarray, src_at: np.ndarray, source_ids, texts: SourceTexts) -> np.ndarray:
    """For each of `rows`: is its quote in the text of its source?

    `quote`: the quote column (Arrow strings); `src_at`: each row's source as a position in
    `source_ids`. First a hash lookup: a quote that is one of its article's sentences, with or
    without its final stop. The rest (clauses, the usual quote) are searched for as written in
    the normalised text, and what is still not found is normalised too.
    """
    if len(rows) == 0:
        return np.zeros(0, dtype=bool)
    sentences, owner = texts.sentences(list(source_ids))
    quotes = pc.take(quote, pa.array(rows)) if len(rows) < len(quote) else quote
    quotes = quotes.cast(pa.large_binary())
    found = np.zeros(len(rows), dtype=bool)
    if len(owner):
        at = numpy(pc.fill_null(pc.index_in(quotes, value_set=sentences), -1)).astype(np.int64)
        found = (at >= 0) & (owner[np.maximum(at, 0)] == src_at[rows])
        if not found.all():  # the quote without its final stop
            left = np.flatnonzero(~found)
            stopped = pc.binary_join_element_wise(pc.take(quotes, pa.array(left)), _STOP, _EMPTY)
            at = numpy(pc.fill_null(pc.index_in(stopped, value_set=sentences), -1)).astype(np.int64)
            found[left] = (at >= 0) & (owner[np.maximum(at, 0)] == src_at[rows[left]])
    # The rest (clauses, the usual quote): as written, in the text as read, where normalising
    # could not change the match (see `_found_as_read`). Bytes in bytes: no decoding.
    rest = np.flatnonzero(~found)
    if len(rest):
        written = pc.take(quotes, pa.array(rest)).to_pylist()
        owners = np.asarray(source_ids, dtype=object)[src_at[rows[rest]]].tolist()
        read = {sid: texts.read(sid) for sid in set(owners)}
        found[rest] = [_found_as_read(quote, read[sid]) for quote, sid in zip(written, owners)]
    # The last few (odd white space, decomposed letters in the quote): normalised too, once per
    # distinct (source, quote) pair.
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


def _found_as_read(quote: bytes, text: bytes) -> bool:
    """Is `quote` in `text` (both UTF-8 as written), in a way that normalising both cannot undo?

    White space is collapsed within a match as within the text, so only NFC can part them: by
    joining the quote's first character to the one before it, or the character after the
    match to the quote's last. Neither happens when both are stable characters (Unicode
    calls them boundaries: combining class 0, NFC quick check Yes), which `_BOUNDARY` lists
    ranges of. A match not proven so is left to the search in the normalised text.
    """
    at = text.find(quote)
    if at < 0:
        return False
    end = at + len(quote)
    return _starts_boundary(quote, 0) and (end == len(text) or _starts_boundary(text, end))


def _starts_boundary(data: bytes, at: int) -> bool:
    lead = data[at]
    if lead < 0x80:  # ASCII
        return True
    width = 2 if lead < 0xE0 else 3 if lead < 0xF0 else 4
    point = ord(data[at:at + width].decode("utf-8", "replace")[0])
    return any(low <= point <= high for low, high in _BOUNDARY)


def values_in_quotes(quote: pd.Series, value: pd.Series, rows: np.ndarray,
                     numbers: pd.DataFrame | None = None) -> np.ndarray:
    """For each of `rows`: is |value| among the numbers its quote writes (Vietnamese notation)?

    `numbers`: `numbers_in_texts` of the whole quote column, when it was read beforehand.
    """
    if numbers is None:
        texts = quote if len(rows) == len(quote) else quote.iloc[rows].reset_index(drop=True)
        numbers = numbers_in_texts(texts)
        at = rows[numbers["row"].to_numpy()]
        found = numbers["number"].to_numpy()
    else:
        asked = np.zeros(len(quote), dtype=bool)
        asked[rows] = True
        keep = asked[numbers["row"].to_numpy()]
        at = numbers["row"].to_numpy()[keep]
        found = numbers["number"].to_numpy()[keep]
    hit = np.isclose(found, np.abs(value.to_numpy(dtype=float))[at], rtol=1e-9, atol=1e-9)
    ok = np.zeros(len(quote), dtype=bool)
    ok[at[hit]] = True
    return ok[rows]
