"""Quotes and their sources: is the quote in the article, is the value among the numbers it writes.

Both checks run over whole columns. A quote is first looked up, by hash, among its article's
sentences (nearly every quote is the sentence that states its figure); only the others are
searched for in the normalised text, once per distinct (source, quote) pair. Numbers are read
from all quotes at once (`numbers_in_texts`).
"""

from __future__ import annotations

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
_SENTENCE_END = np.zeros(256, dtype=bool)
_SENTENCE_END[list(b".?!")] = True


def _quote_in(quote: str, text: str) -> bool:
    return (quote in text and quote.strip() != "") or normalize_text(quote) in text


class SourceTexts(Mapping):
    """Article id -> its text, normalised (NFC, single spaces) on first use.

    Texts are kept as the UTF-8 bytes read (BOM gone, LF line ends). Most quotes are found
    among a text's sentences without decoding it (see `sentences`), so a text is decoded and
    normalised only when a quote needs the exact search, or when a reader asks for it.
    """

    def __init__(self, raw: Mapping[str, bytes | str] | None = None):
        self.raw = dict(raw or {})
        self._normal: dict[str, str] = {}

    def __getitem__(self, sid: str) -> str:
        if sid not in self._normal:
            text = self.raw[sid]
            self._normal[sid] = normalize_text(text if isinstance(text, str) else text.decode("utf-8"))
        return self._normal[sid]

    def __iter__(self):
        return iter(self.raw)

    def __len__(self) -> int:
        return len(self.raw)

    def __eq__(self, other) -> bool:
        return isinstance(other, Mapping) and dict(self.items()) == dict(other.items())

    def sentences(self, ids) -> tuple[pa.Array, np.ndarray]:
        """The sentences of the texts of `ids` as UTF-8 bytes, and for each the position in `ids`
        of its text.

        A sentence ends at a line end, or after ". ", "? ", "! ". Each is a piece of its text
        bounded by white space or the text's ends; normalising (NFC, white space) works within
        such bounds, so a quote equal to one is in the normalised text too: a hash lookup
        settles it. All texts are cut at once, with NumPy on one buffer.
        """
        texts = [(at, self.raw.get(sid)) for at, sid in enumerate(ids)]
        texts = [(at, text.encode("utf-8") if isinstance(text, str) else text) for at, text in texts if text]
        if not texts:
            return pa.array([], type=pa.large_binary()), np.zeros(0, dtype=np.int64)
        joined = b"\n".join(text for _, text in texts)
        data = np.frombuffer(joined, dtype=np.uint8)
        cuts = np.concatenate([_cuts(data, start, min(start + _BLOCK, len(data)))
                               for start in range(0, len(data), _BLOCK)] or [np.zeros(0, dtype=np.int64)])
        starts = np.concatenate(([0], cuts + 1))
        ends = np.concatenate((cuts, [len(data)]))
        # Over the buffer, elements alternate (sentence, the separator byte after it, ...); the
        # sentences alone are then taken into an array of their own, so that the hash table
        # holds no separators (they doubled its cost).
        bounds = np.empty(2 * len(starts), dtype=np.int64)
        bounds[0::2], bounds[1::2] = starts, ends
        spans = pa.LargeBinaryArray.from_buffers(pa.large_binary(), len(bounds) - 1,
                                                 [None, pa.py_buffer(bounds), pa.py_buffer(joined)])
        pieces = pc.take(spans, pa.array(np.arange(0, len(bounds) - 1, 2)))
        text_starts = np.cumsum([0] + [len(text) + 1 for _, text in texts])[:-1]
        owner = np.array([at for at, _ in texts], dtype=np.int64)[np.searchsorted(text_starts, starts, "right") - 1]
        return pieces, owner


def _cuts(data: np.ndarray, start: int, stop: int) -> np.ndarray:
    """Where sentences end in data[start:stop]: each line end, and each space after . ? !

    Done a block at a time so that the comparisons' temporary arrays stay small (in cache, and
    reused rather than fresh memory for every pass); spaces are found first and only their
    left neighbours looked up, a table lookup over every byte costing more than comparisons.
    """
    block = data[start:stop]
    cut = block == 10
    spaces = np.flatnonzero(block == 32)
    spaces = spaces[spaces + start > 0]
    cut[spaces[_SENTENCE_END[data[spaces + start - 1]]]] = True
    return np.flatnonzero(cut) + start


def quotes_found(quote, rows: np.ndarray, src_at: np.ndarray, source_ids, texts: SourceTexts) -> np.ndarray:
    """For each of `rows`: is its quote in the text of its source?

    `quote`: the quote column (Arrow strings); `src_at`: each row's source as a position in
    `source_ids`. First a hash lookup: a quote that is one of its article's sentences, with or
    without its final stop. The rest are searched for in the normalised text, once per
    distinct (source, quote) pair, as written and then normalised.
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
    rest = rows[~found]
    if len(rest):
        src_rest = np.asarray(source_ids, dtype=object)[src_at[rest]]
        quote_rest = numpy(pc.take(quote, pa.array(rest))).astype(object)
        codes, _ = pd.factorize(pd.Series(src_rest).str.cat(pd.Series(quote_rest), sep="\x1f"))
        _, first = np.unique(codes, return_index=True)
        ok = np.fromiter((_quote_in(q, texts[s] if s in texts else "") for s, q in
                          zip(src_rest[first].tolist(), quote_rest[first].tolist())),
                         dtype=bool, count=len(first))
        found[~found] = ok[codes]
    return found


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
