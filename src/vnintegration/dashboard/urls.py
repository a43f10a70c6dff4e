"""The URL kit every page's parser uses: a query string (a dict of lists of strings) read value by value, each bad
value named in a `Notice` instead of raised. Pure (no Streamlit).

A parser starts with `page_params(params, page)`: the parameters registry.PAGES gives that page (and `lang`), and a
notice for each name no page reads. It then reads them with `last`, `choice`, `year`, `code` and `ids`, which append a
notice to the list they are given when a value cannot be used and return the default instead. Nothing here raises on
what a URL holds.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass

from vnintegration.dashboard.registry import PAGES
from vnintegration.present.export import strip_format_chars

GLOBAL_PARAMS = ("lang",)
PAGE_PARAMS = {page.name: page.params for page in PAGES}
ALL_PARAMS = frozenset(GLOBAL_PARAMS) | {p for params in PAGE_PARAMS.values() for p in params}
RESERVED = ("embed", "embed_options")  # Streamlit's own
MAX_VALUE_CHARS = 2000
MAX_NOTICES = 4
YEAR = re.compile(r"[0-9]{4}")
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]")

Params = Mapping[str, "str | Sequence[str]"]
Query = dict[str, list[str]]


@dataclass(frozen=True)
class Notice:
    """A URL parameter that was ignored, and why (an i18n reason key and its values)."""

    param: str
    value: str
    reason: str
    values: tuple = ()

    def text(self, lang: str) -> str:
        """The notice in `lang`: "Ignored URL parameter from=abc: not a year with data."."""
        from vnintegration.present.i18n import t

        return t("notice_ignored", lang, param=_cut(self.param, 20), value=_cut(self.value, 40),
                 reason=t("reason_" + self.reason, lang, **dict(self.values)))


def _cut(text: str, limit: int) -> str:
    """Text from a URL as one short line: any run of whitespace or control characters made one space, format
    characters (bidi controls, zero-width ...) removed, cut."""
    text = " ".join(strip_format_chars(_CONTROL.sub(" ", text)).split())
    return text if len(text) <= limit else text[:limit - 1] + "…"


def notice_lines(notices: Sequence[Notice], lang: str) -> list[str]:
    """At most MAX_NOTICES lines of plain text however many parameters were ignored (then one line counting
    the rest). Plain text: the caller shows it as text (export.safe_text), never as Markdown."""
    from vnintegration.present.i18n import t

    lines = [n.text(lang) for n in notices[:MAX_NOTICES]]
    if len(notices) > MAX_NOTICES:
        lines.append(t("notices_more", lang, n=len(notices) - MAX_NOTICES))
    return lines


def normalize(params: Params) -> Query:
    """Any mapping of names to a string or strings -> {name: [strings]} (repeated parameters kept)."""
    out: Query = {}
    for key, value in dict(params).items():
        values = [value] if isinstance(value, str) else list(value or [])
        out[str(key)] = [str(v) for v in values]
    return out


def page_params(params: Params, page: str) -> tuple[Query, list[Notice]]:
    """The parameters PAGE reads (its row of registry.PAGES, and lang), and a notice for each name that no page
    reads. Another page's parameter is dropped silently: a browser drops them on a page change anyway."""
    params = normalize(params)
    own = set(PAGE_PARAMS.get(page, ())) | set(GLOBAL_PARAMS)
    notices = [Notice(k, ",".join(v), "unknown_param") for k, v in params.items()
               if k not in ALL_PARAMS and k.lower() not in RESERVED]
    return {k: v for k, v in params.items() if k in own}, notices


def last(params: Query, key: str) -> str | None:
    """The parameter's last value (a repeated parameter: the last one wins), None when absent."""
    values = params.get(key)
    return values[-1] if values else None


def too_long(value: str | None) -> bool:
    return value is not None and len(value) > MAX_VALUE_CHARS


def choice(params: Query, key: str, choices: Sequence[str], default: str, notices: list[Notice],
           reason: str = "bad_choice") -> str:
    """One of CHOICES, in any case and with spaces around; the default when absent or not one of them."""
    raw = last(params, key)
    if raw is None:
        return default
    value = raw.strip().lower()
    if value in choices:
        return value
    notices.append(Notice(key, raw, reason, (("choices", " | ".join(choices)),)))
    return default


def year(params: Query, key: str, allowed: tuple[int, int] | Collection[int], default: int | None,
         notices: list[Notice]) -> int | None:
    """A four-digit year that ALLOWED accepts (a (first, last) range or a collection of years); the default when
    absent or not allowed."""
    raw = last(params, key)
    if raw is None:
        return default
    value = raw.strip()
    if YEAR.fullmatch(value):
        found = int(value)
        if (allowed[0] <= found <= allowed[1]) if isinstance(allowed, tuple) else found in allowed:
            return found
    notices.append(Notice(key, raw, "bad_year"))
    return default


def code(params: Query, key: str, known: Sequence[str], reason: str, notices: list[Notice]) -> str | None:
    """One of KNOWN named in any case (sgp -> SGP), as KNOWN spells it; None when absent or unknown."""
    raw = last(params, key)
    if raw is None:
        return None
    if too_long(raw):
        notices.append(Notice(key, raw, "too_long"))
        return None
    found = {c.upper(): c for c in known}.get(raw.strip().upper())
    if found is None:
        notices.append(Notice(key, raw, reason))
    return found


def ids(params: Query, key: str, known: Sequence[str], reason: str, notices: list[Notice],
        default: Sequence[str] = (), any_case: bool = False) -> tuple[str, ...]:
    """Comma-separated ids (repeated parameters joined, duplicates dropped), each unknown one named. The default
    when the parameter is absent, too long, or names ids but none known; an empty value (ind=) is none."""
    values = params.get(key)
    if values is None:
        return tuple(default)
    if any(too_long(v) for v in values):
        notices.append(Notice(key, values[0], "too_long"))
        return tuple(default)
    spelled = {(c.upper() if any_case else c): c for c in known}
    picked: list[str] = []
    for part in ",".join(values).split(","):
        item = part.strip()
        if not item:
            continue
        found = spelled.get(item.upper() if any_case else item)
        if found is None:
            notices.append(Notice(key, item, reason))
        elif found not in picked:
            picked.append(found)
    if not picked and any(v.strip(", ") for v in values):
        return tuple(default)
    return tuple(picked)
