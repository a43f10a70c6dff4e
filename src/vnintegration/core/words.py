"""Translation tables: the one format of every table of words the package shows, and the one lookup.

A table maps a key to its words in each language of LANGS, in that order (Vietnamese, English):

    {"title": ("Nhập một bài báo", "Import an article"), "no_figure": ("thiếu số liệu {year}", "no {year} figure")}

{placeholders} are filled from keyword values, so both languages use the same ones. present/i18n.py holds the
dashboard's tables, extract/i18n.py the import page's and the extractor's notices.
"""

from __future__ import annotations

from collections.abc import Mapping

from vnintegration.core.numbers import LANGS

Words = Mapping[str, tuple[str, str]]


def language_index(lang: str) -> int:
    """The position of `lang`'s words in a table's entries (ValueError for a language not in LANGS)."""
    if lang not in LANGS:
        raise ValueError(f"unknown language {lang!r}")
    return LANGS.index(lang)


def lookup(table: Words, key: str, lang: str, **values) -> str:
    """The words of `key` in `lang`, with {placeholders} filled from `values` (KeyError for an unknown key)."""
    text = table[key][language_index(lang)]
    return text.format(**values) if values else text
