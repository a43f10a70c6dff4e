"""URL query parameters <-> typed views: what makes a view shareable by its URL. Pure (no Streamlit).

The page is the URL path (/, /trends, /compare, /partners, /sources, /import). The rest is in the
query string; every parameter is optional and short:

    all pages   lang   vi | en                    language (vi when absent)
    /           span   latest | year              the cards' period: the newest, part year or not (when
                                                  absent), or the latest full year
    /trends     ind    indicator ids, comma-separated (ind=exports,imports; ind= for none)
                from   first year, YYYY
                to     last year, YYYY
                tf     level | yoy | ytd          level, change on the same period a year earlier, or
                                                  the year to date by quarter, one line per year
                view   chart | table
                ev     1 | 0                      policy milestones drawn (1 when absent)
                src    preferred | articles | a dataset's source id
                                                  whose figures are drawn: every source's series side
                                                  by side when absent; each indicator's preferred
                                                  source; one source's series for the indicators it
                                                  gives (the others keep their preferred source)
    /compare    a, b   the two years compared, YYYY
    /sources    q      search words
                ind    indicator ids, comma-separated
                src    source ids, comma-separated
                st     statuses, comma-separated (actual, estimate, forecast, target)
                y      year, YYYY
                fig    one figure's line in observations.csv (the Overview's "source" link)

Which page reads which parameter is the page registry's (registry.PAGES). Parsing (`parse_*`: a dict of
lists of strings in, a typed view and the notices out) never raises: an unknown parameter, or a value that
is not allowed, is ignored and named in a `Notice`, and the page then rewrites the URL without it. A
parameter of another page is dropped silently (a real browser drops them on a page change anyway).
`View.to_params()` is the way back: parsing it gives the same view. state.py keeps the widgets and the URL
in step.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from vnintegration.core.analysis import ALL_SOURCES, CARD_SPANS, NEWEST, PREFERRED
from vnintegration.core.model import STATUSES
from vnintegration.core.words import LANGS
from vnintegration.dashboard.registry import PAGES

TRANSFORMS = ("level", "yoy", "ytd")
VIEWS = ("chart", "table")
MAX_VALUE_CHARS = 2000

PAGE_PARAMS = {page.name: page.params for page in PAGES}
GLOBAL_PARAMS = ("lang",)
ALL_PARAMS = frozenset(GLOBAL_PARAMS) | {p for params in PAGE_PARAMS.values() for p in params}
RESERVED = ("embed", "embed_options")  # Streamlit's own
_YEAR = re.compile(r"[0-9]{4}")
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]")
MAX_NOTICES = 4

Params = Mapping[str, "str | Sequence[str]"]


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
    """Text from a URL as one short line: any run of whitespace or control characters made one space, cut."""
    text = " ".join(_CONTROL.sub(" ", text).split())
    return text if len(text) <= limit else text[:limit - 1] + "…"


def notice_lines(notices: Sequence[Notice], lang: str) -> list[str]:
    """At most MAX_NOTICES lines of plain text however many parameters were ignored (then one line counting
    the rest). Plain text: the caller shows it as text (export.safe_text), never as Markdown."""
    from vnintegration.present.i18n import t

    lines = [n.text(lang) for n in notices[:MAX_NOTICES]]
    if len(notices) > MAX_NOTICES:
        lines.append(t("notices_more", lang, n=len(notices) - MAX_NOTICES))
    return lines


def normalize(params: Params) -> dict[str, list[str]]:
    """Any mapping of names to a string or strings -> {name: [strings]} (repeated parameters kept)."""
    out: dict[str, list[str]] = {}
    for key, value in dict(params).items():
        values = [value] if isinstance(value, str) else list(value or [])
        out[str(key)] = [str(v) for v in values]
    return out


def _last(params: dict[str, list[str]], key: str) -> str | None:
    values = params.get(key)
    return values[-1] if values else None


def _unknown(params: dict[str, list[str]], page: str) -> list[Notice]:
    own = set(PAGE_PARAMS.get(page, ())) | set(GLOBAL_PARAMS)
    return [Notice(k, ",".join(v), "unknown_param") for k, v in params.items()
            if k not in own and k not in ALL_PARAMS and k.lower() not in RESERVED]


def _too_long(value: str | None) -> bool:
    return value is not None and len(value) > MAX_VALUE_CHARS


def _choice(params, key: str, choices: Sequence[str], default: str, notices: list[Notice]) -> str:
    raw = _last(params, key)
    if raw is None:
        return default
    value = raw.strip().lower()
    if value in choices:
        return value
    notices.append(Notice(key, raw, "bad_choice", (("choices", " | ".join(choices)),)))
    return default


def _year(params, key: str, allowed, default: int | None, notices: list[Notice]) -> int | None:
    """A four-digit year that `allowed` accepts (a (min, max) range or a collection of years)."""
    raw = _last(params, key)
    if raw is None:
        return default
    value = raw.strip()
    ok = bool(_YEAR.fullmatch(value))
    if ok:
        year = int(value)
        ok = (allowed[0] <= year <= allowed[1]) if isinstance(allowed, tuple) else year in allowed
        if ok:
            return year
    notices.append(Notice(key, raw, "bad_year"))
    return default


def _ids(params, key: str, known: Sequence[str], reason: str, notices: list[Notice]) -> tuple[str, ...] | None:
    """Comma-separated ids (repeated parameters joined); unknown ones named. None when the parameter is absent."""
    values = params.get(key)
    if values is None:
        return None
    if any(_too_long(v) for v in values):
        notices.append(Notice(key, values[0], "too_long"))
        return None
    known_set = set(known)
    picked: list[str] = []
    for part in ",".join(values).split(","):
        item = part.strip()
        if not item:
            continue
        if item in known_set:
            if item not in picked:
                picked.append(item)
        else:
            notices.append(Notice(key, item, reason))
    return tuple(picked)


# ---------------------------------------------------------------------------------------------- views


def parse_lang(params: Params) -> tuple[str, list[Notice]]:
    params = normalize(params)
    notices: list[Notice] = []
    return _choice(params, "lang", LANGS, "vi", notices), notices


@dataclass(frozen=True)
class TrendsView:
    indicators: tuple[str, ...]
    year_from: int
    year_to: int
    transform: str = "level"
    view: str = "chart"
    events: bool = True
    source: str = ALL_SOURCES  # ALL_SOURCES, PREFERRED, or a series (analysis.ARTICLES or a dataset's id)

    def to_params(self) -> dict[str, str]:
        params = {"ind": ",".join(self.indicators), "from": str(self.year_from), "to": str(self.year_to)}
        if self.transform != "level":
            params["tf"] = self.transform
        if self.view != "chart":
            params["view"] = self.view
        if not self.events:
            params["ev"] = "0"
        if self.source != ALL_SOURCES:
            params["src"] = self.source
        return params


def parse_trends(params: Params, indicators: Sequence[str], years: tuple[int, int],
                 default_indicators: Sequence[str], default_years: tuple[int, int] | None = None,
                 series: Sequence[str] = ()) -> tuple[TrendsView, list[Notice]]:
    """`indicators`: known ids; `years`: (first, last) year with data; `series`: the source series with
    data (src may name one of them, or be `all`); the defaults apply where a parameter is absent or ignored
    (`default_years`: the whole range unless given)."""
    params = normalize(params)
    notices = _unknown(params, "trends")
    chosen = _ids(params, "ind", indicators, "unknown_indicator", notices)
    raw = params.get("ind")
    if chosen is None or (not chosen and raw and any(v.strip(", ") for v in raw)):
        chosen = tuple(default_indicators)  # absent, or nothing usable in it: the default view
    lo, hi = years
    default_lo, default_hi = default_years or years
    year_from = _year(params, "from", (lo, hi), max(lo, min(default_lo, hi)), notices)
    year_to = _year(params, "to", (lo, hi), min(hi, max(default_hi, lo)), notices)
    if year_from > year_to:
        notices.append(Notice("from", f"{year_from}>{year_to}", "swapped"))
        year_from, year_to = year_to, year_from
    transform = _choice(params, "tf", TRANSFORMS, "level", notices)
    view = _choice(params, "view", VIEWS, "chart", notices)
    events = _choice(params, "ev", ("1", "0"), "1", notices) == "1"
    source = _source(params, series, notices)
    return TrendsView(chosen, year_from, year_to, transform, view, events, source), notices


def _source(params, series: Sequence[str], notices: list[Notice]) -> str:
    raw = _last(params, "src")
    if raw is None:
        return ALL_SOURCES
    value = raw.strip()
    if value in (PREFERRED, ALL_SOURCES) or value in series:
        return value
    notices.append(Notice("src", raw, "unknown_source"))
    return ALL_SOURCES


@dataclass(frozen=True)
class CompareView:
    year_a: int | None
    year_b: int | None

    def to_params(self) -> dict[str, str]:
        return {k: str(v) for k, v in (("a", self.year_a), ("b", self.year_b)) if v is not None}


def default_trend_years(years: tuple[int, int], span: int = 30) -> tuple[int, int]:
    """The default range on Trends: the last `span` years with data (all of them when fewer)."""
    lo, hi = years
    return max(lo, hi - span + 1), hi


def default_compare_years(years: Sequence[int]) -> tuple[int | None, int | None]:
    """The latest two years with data (A the earlier); one year twice when there is only one."""
    ordered = sorted(years)
    if not ordered:
        return None, None
    return (ordered[-2] if len(ordered) > 1 else ordered[-1]), ordered[-1]


def parse_compare(params: Params, years: Sequence[int]) -> tuple[CompareView, list[Notice]]:
    params = normalize(params)
    notices = _unknown(params, "compare")
    default_a, default_b = default_compare_years(years)
    allowed = set(years)
    year_a = _year(params, "a", allowed, default_a, notices)
    year_b = _year(params, "b", allowed, default_b, notices)
    return CompareView(year_a, year_b), notices


@dataclass(frozen=True)
class SourcesView:
    query: str = ""
    indicators: tuple[str, ...] = ()
    sources: tuple[str, ...] = ()
    statuses: tuple[str, ...] = ()
    year: int | None = None
    figure: int | None = None  # a line of observations.csv

    def to_params(self) -> dict[str, str]:
        params = {"q": self.query, "ind": ",".join(self.indicators), "src": ",".join(self.sources),
                  "st": ",".join(self.statuses), "y": "" if self.year is None else str(self.year),
                  "fig": "" if self.figure is None else str(self.figure)}
        return {k: v for k, v in params.items() if v}


def parse_sources(params: Params, indicators: Sequence[str], sources: Sequence[str], years: Sequence[int],
                  lines: Sequence[int] = ()) -> tuple[SourcesView, list[Notice]]:
    params = normalize(params)
    notices = _unknown(params, "sources")
    query = _last(params, "q") or ""
    if _too_long(query):
        notices.append(Notice("q", query, "too_long"))
        query = ""
    chosen = _ids(params, "ind", indicators, "unknown_indicator", notices) or ()
    picked_sources = _ids(params, "src", sources, "unknown_source", notices) or ()
    statuses = _ids(params, "st", STATUSES, "bad_choice", notices) or ()
    notices = [n if not (n.param == "st" and n.reason == "bad_choice") else
               Notice(n.param, n.value, n.reason, (("choices", ", ".join(STATUSES)),)) for n in notices]
    year = _year(params, "y", set(years), None, notices)
    figure = None
    raw = _last(params, "fig")
    if raw is not None:
        if re.fullmatch(r"[0-9]{1,9}", raw.strip()) and int(raw.strip()) in set(lines):
            figure = int(raw.strip())
        else:
            notices.append(Notice("fig", raw, "bad_choice", (("choices", "observations.csv line"),)))
    return SourcesView(query.strip(), chosen, picked_sources, statuses, year, figure), notices


@dataclass(frozen=True)
class OverviewView:
    span: str = NEWEST  # analysis.CARD_SPANS: the newest period, or the latest full year

    def to_params(self) -> dict[str, str]:
        return {} if self.span == NEWEST else {"span": self.span}


def parse_overview(params: Params) -> tuple[OverviewView, list[Notice]]:
    params = normalize(params)
    notices = _unknown(params, "overview")
    return OverviewView(_choice(params, "span", CARD_SPANS, NEWEST, notices)), notices


def parse_page(params: Params, page: str) -> list[Notice]:
    """Notices for a page whose only parameter is lang (Overview, Partners)."""
    return _unknown(normalize(params), page)
