"""Safe output: downloads open in a spreadsheet as data, never as formulas; text renders as text."""

from __future__ import annotations

import csv
import io
import re

import numpy as np
import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from vnintegration.present.export import (
    FORMULA_START,
    neutralise,
    neutralise_cell,
    safe_text,
    strip_format_chars,
    to_safe_csv,
)

PLAIN_NUMBER = re.compile(r"[-+]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][-+]?\d+)?")


def read_back(data: bytes) -> list[list[str]]:
    assert data.startswith("\ufeff".encode())
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))


def test_round_trip_neutralises_text_and_keeps_numbers():
    frame = pd.DataFrame({
        "quote": ["=1+1", "+SUM(A1:A2)", "-2+3", "@cmd|' /C calc'!A0", "\t=1", "\r=1", "GDP tăng 7,09%", "-2.5", None],
        "value": [-2.5, 7.09, -0.0, 1e-9, -1e300, np.nan, 3.0, -7.0, 11511.9],
        "year": pd.array([2024, None, -1, 2025, 2026, 2027, 2028, 2029, 2030], dtype="Int64"),
        "as_of": pd.to_datetime(["2025-08-26"] * 8 + [None]),
        "headline": [True, False] * 4 + [True],
    })
    original = frame.copy()
    back = pd.read_csv(io.BytesIO(to_safe_csv(frame)), encoding="utf-8-sig", dtype={"quote": str},
                       keep_default_na=False, na_values={"value": [""], "year": [""]})
    assert frame.equals(original)  # the caller's frame is not touched
    assert back["quote"].tolist() == ["'=1+1", "'+SUM(A1:A2)", "'-2+3", "'@cmd|' /C calc'!A0", "'\t=1", "'\r=1",
                                      "GDP tăng 7,09%", "-2.5", ""]
    pd.testing.assert_series_equal(back["value"], frame["value"], check_exact=True)
    assert back["year"].astype("Int64").tolist() == frame["year"].tolist()
    assert back["headline"].tolist() == frame["headline"].tolist()


def test_utf8_with_bom_keeps_vietnamese_for_excel():
    data = to_safe_csv(pd.DataFrame({"tên": ["Tăng trưởng GDP"]}))
    assert data == "\ufefftên\r\nTăng trưởng GDP\r\n".encode()


@pytest.mark.parametrize(("cell", "shown"), [
    ("-2.5", "-2.5"), ("+3", "+3"), ("-1e-3", "-1e-3"), ("-.5", "-.5"),  # plain numbers: a spreadsheet reads a number
    ("-", "'-"), ("-2,5", "'-2,5"), ("-2+3", "'-2+3"), ("- bullet", "'- bullet"), ("+84 24 3823", "'+84 24 3823"),
    ("＝1+1", "'＝1+1"), ("＠x", "'＠x"), ("\n=1", "'\n=1"),
    ("a=1", "a=1"), (" =1", " =1"), ("'=1", "'=1"), ("", ""),
])
def test_which_text_cells_get_the_quote(cell, shown):
    assert neutralise_cell(cell) == shown
    assert neutralise(pd.Series([cell], dtype=object)).tolist() == [shown]


def test_column_names_categoricals_and_mixed_columns():
    frame = pd.DataFrame({"=cmd": pd.Categorical(["=a", "b"]), "mixed": [1.5, "@x"], "n": [-1, -2]})
    rows = read_back(to_safe_csv(frame))
    assert rows == [["'=cmd", "mixed", "n"], ["'=a", "1.5", "-1"], ["b", "'@x", "-2"]]


def test_object_column_without_strings_and_empty_frame():
    assert read_back(to_safe_csv(pd.DataFrame({"t": pd.Series([pd.Timestamp("2025-01-01"), None], dtype=object)}))) \
        == [["t"], ["2025-01-01 00:00:00"], [""]]
    assert read_back(to_safe_csv(pd.DataFrame({"a": pd.Series([], dtype=str)}))) == [["a"]]


@given(cells=st.lists(st.text(max_size=20), min_size=1, max_size=8))
def test_no_exported_text_cell_starts_a_formula(cells):
    frame = pd.DataFrame({"text": cells, "number": np.arange(len(cells)) - 3.5})
    rows = read_back(to_safe_csv(frame))[1:]
    for (written, number), original in zip(rows, cells, strict=True):
        assert not written[:1] or written[0] not in FORMULA_START or PLAIN_NUMBER.fullmatch(written)
        assert written == original or written == "'" + original  # nothing else changes
        assert float(number) == float(frame["number"].iloc[rows.index([written, number])])


ESCAPED = re.compile(r"(?:\\[!-/:-@\[-`{-~]|[^!-/:-@\[-`{-~])*", re.DOTALL)


@given(text=st.text(max_size=60))
def test_safe_text_escapes_every_markup_character(text):
    shown = safe_text(text)
    assert ESCAPED.fullmatch(shown)  # every ASCII punctuation mark is escaped: nothing is markup
    assert re.sub(r"\\(.)", r"\1", shown, flags=re.DOTALL).replace("\u2060", "") == strip_format_chars(text).replace("\u2060", "")  # all there


@pytest.mark.parametrize("text", ["<script>alert(1)</script>", "[x](javascript:alert(1))", "<img src=x onerror=a()>",
                                  "**b** _i_ # h $x$ :red[r]"])
def test_safe_text_leaves_no_tag_link_or_emphasis(text):
    shown = safe_text(text)
    assert not re.search(r"(?<!\\)[<>\[\]()*_#$:]", shown)
