"""What every page shares: the cached data, the language, the banner, the notices.

Stable names for other pages to import: `lang()`, `t(key, **values)`, `dataset()`, `frame()`,
`data_dir()`, `banner()`, `show_notices()`.

The data directory is the repository's data/ (found from this file), or $VNI_DATA_DIR. Loading and
validation run once per process and directory (`st.cache_data`); so do the tables derived from them,
keyed on the same directory: a rerun reads no file and recomputes nothing it has seen. A session's own
upload is never in those caches: its tables are kept in the session (`bundled_only`).
"""

from __future__ import annotations

import functools
import os
import threading
from pathlib import Path

import pandas as pd
import streamlit as st

from vnintegration.core import analysis
from vnintegration.core.validate import Dataset, validate_dir
from vnintegration.core.words import LANGS
from vnintegration.dashboard import own_data, state, views
from vnintegration.present import i18n
from vnintegration.present.export import safe_text

ROOT = Path(__file__).resolve().parents[3]


def data_dir() -> Path:
    """$VNI_DATA_DIR when set, else data/ at the repository root (or the working directory's data/)."""
    return _data_dir(os.environ.get("VNI_DATA_DIR", "").strip(), str(Path.cwd()))


@functools.lru_cache(maxsize=16)
def _data_dir(override: str, cwd: str) -> Path:
    # Resolved once per setting: pages ask for the key many times a run, and a stat() each time adds up.
    if override:
        return Path(override).expanduser().resolve()
    bundled = ROOT / "data"
    return bundled if bundled.is_dir() else Path(cwd) / "data"


def bundled_only(cache):
    """A process-wide cache (`st.cache_data(...)` or `st.cache_resource(...)`) for the bundled data only.

    The decorated function's first argument is the data key (`key()`). Under the bundled directory's key the
    call goes through CACHE, shared by every session. Under an upload's key it is computed for this session and
    kept in the session's upload entry (own_data.memo): nothing derived from an upload outlives its session or is
    kept by the process, so a closed tab frees what it uploaded."""

    def decorate(func):
        cached = cache(func)

        @functools.wraps(func)
        def call(path: str, *args):
            if not path.startswith(own_data.PREFIX):
                return cached(path, *args)
            memo = own_data.memo(path)
            name = (func.__name__, args)
            if name not in memo:
                memo[name] = own_data.kept(func(path, *args))  # compact: freed whole with the session
                while len(memo) > own_data.MEMO_ENTRIES:  # the oldest view goes first
                    memo.pop(next(iter(memo)))
            return memo[name]

        call.clear = cached.clear
        return call

    return decorate


# cache_resource, not cache_data: one shared Dataset, never copied. cache_data unpickled the
# whole Dataset on every call, and pages call dataset() once per option label (the load test
# found 60 % of the Trends run there). Pages and the core only read it; nothing mutates it.
@bundled_only(st.cache_resource(show_spinner=False, max_entries=8))
def _load(path: str) -> Dataset:
    if path.startswith(own_data.PREFIX):  # this session's upload, keyed by its content's digest
        return own_data.uploaded_dataset(path)
    return validate_dir(path)


@bundled_only(st.cache_data(show_spinner=False, max_entries=8))
def _frame(path: str) -> pd.DataFrame:
    return analysis.enrich(_load(path))


def dataset() -> Dataset:
    """The validated dataset (cached: validation runs once per data directory)."""
    return _load(key())


def frame() -> pd.DataFrame:
    """analysis.enrich(dataset()): valid observations with indicator and source metadata (cached)."""
    return _frame(key())


def key() -> str:
    """The cache key of derived tables: the data directory, or this session's upload."""
    return own_data.active_key() or str(data_dir())


# ---------------------------------------------------------------------------------------------- language


def lang() -> str:
    """The current language: "vi" (default) or "en"."""
    value = st.session_state.get("lang")
    if value in LANGS:
        return value
    value = st.query_params.get("lang", "vi")
    return value if value in LANGS else "vi"


def t(key: str, **values) -> str:
    """The string `key` of i18n.STRINGS in the current language."""
    return i18n.t(key, lang(), **values)


def init_language() -> tuple[str, list]:
    """Read `lang` from the URL into the session (see state.seed_lang); returns it and any notice."""
    return state.seed_lang()


def language_toggle() -> str:
    """The vi/en switch in the sidebar (URL parameter `lang`). Called by app.py before the page runs."""
    current = lang()
    st.sidebar.segmented_control(
        i18n.t("language", current), list(LANGS), key="lang", required=True,
        format_func=lambda code: i18n.t("lang_" + code, current), width="stretch",
    )
    state.commit_lang(lang())
    return lang()


# ---------------------------------------------------------------------------------------------- run order

_RUN = threading.local()  # per script thread: what app.py left to draw once the page has been sent


def after_page(draw) -> None:
    """Draw DRAW once the page has run (app.py's sidebar): the page's own elements reach the browser first,
    so it starts on the page's content (and the script chunks that content needs) before the sidebar's."""
    _RUN.after = draw


def finish() -> None:
    """Draw what `after_page` left (once). app.py calls it after the page."""
    draw, _RUN.after = getattr(_RUN, "after", None), None
    if draw is not None:
        draw()


class PageDone(Exception):  # noqa: N818 - a signal, not an error
    """Raised by `stop()`; app.py catches it after the page, then draws the sidebar."""


def stop():
    """st.stop() for pages: ends the page, not the app run, so that app.py still draws the sidebar (from
    app.py itself: a widget drawn while the page runs would belong to the page and lose its state)."""
    raise PageDone


# ---------------------------------------------------------------------------------------------- page parts


def banner(ds: Dataset | None = None) -> None:
    """Say how many rows were set aside when the data has errors (they are listed on the Sources page)."""
    ds = ds or dataset()
    if len(ds.rejected):
        st.warning(t("rows_set_aside", n=len(ds.rejected)), icon="⚠️")


def show_notices(notices) -> None:
    """One short line per ignored URL parameter (at most a handful), shown as text: names and values come from
    the URL, and a link is no place for Markdown, HTML or LaTeX."""
    if notices:
        st.caption("  \n".join("⚠️ " + safe_text(line) for line in views.notice_lines(notices, lang())))


def header(title_key: str, intro_key: str | None = None) -> None:
    st.title(t(title_key))
    if intro_key:
        st.caption(t(intro_key))
    banner()


def table_and_csv(label: str, key: str, table, csv, file_name: str, button: str, expanded: bool = False) -> None:
    """A chart's table and its CSV download (the same rows) in an expander that draws them only while it is open:
    Streamlit's lazy expander (`on_change="rerun"`). TABLE() gives the frame shown and CSV() the file's bytes; a
    closed table is neither built nor sent, so a page's first load does not fetch the data grid's scripts while the
    chart's are on their way. Opening it is one rerun from the caches. Keys: KEY_open, KEY_table, KEY_csv."""
    box = st.expander(label, expanded=expanded, key=f"{key}_open", on_change="rerun")
    with box:
        if box.open:
            st.dataframe(table(), hide_index=True, width="stretch", key=f"{key}_table")
            st.download_button(button, csv, file_name=file_name, mime="text/csv", key=f"{key}_csv", on_click="ignore")


def footer(ds: Dataset | None = None) -> None:
    ds = ds or dataset()
    st.divider()
    st.caption(t("data_footer", obs=len(ds.observations), ind=len(ds.indicators), src=len(ds.sources)))


def indicator_name(indicator: str) -> str:
    ind = dataset().indicators
    if indicator not in ind.index:
        return indicator
    return str(ind.loc[indicator, "name_vi" if lang() == "vi" else "name_en"])


# ---------------------------------------------------------------------------------------------- cached tables


@bundled_only(st.cache_data(show_spinner=False, max_entries=8))
def latest_cards(path: str, span: str = analysis.NEWEST) -> list[analysis.Latest]:
    ds = _load(path)
    heads = [i for i in ds.indicators.index if bool(ds.indicators.loc[i, "headline"])]
    return analysis.latest_figures(_frame(path), heads, span)


@bundled_only(st.cache_data(show_spinner=False, max_entries=64))
def compare_table(path: str, year_a: int, year_b: int) -> pd.DataFrame:
    return analysis.compare_years(_frame(path), _load(path).indicators, year_a, year_b)


# cache_resource: one shared frame per view, never copied (cache_data unpickled it on every rerun). Readers
# (the figure, the table, the CSV) only select from it or copy it.
@bundled_only(st.cache_resource(show_spinner=False, max_entries=64))
def trend_points(path: str, indicators: tuple[str, ...], year_from: int, year_to: int, transform: str,
                 source: str) -> pd.DataFrame:
    return analysis.trend_points(_frame(path), list(indicators), year_from, year_to, transform, source)


@bundled_only(st.cache_resource(show_spinner=False, max_entries=16))
def trends_options(path: str, lang_code: str) -> tuple[list[str], dict[str, str]]:
    """The Trends indicator picker: ids in group order and their labels ("name (unit)"), built once per
    data and language (a format_func that looks each label up on every rerun cost more than the page)."""
    ind = _load(path).indicators
    order = list(i18n.GROUPS)
    options = sorted(ind.index, key=lambda i: order.index(ind.loc[i, "group"]) if ind.loc[i, "group"] in order else 99)
    labels = {}
    for i in options:
        name = str(ind.loc[i, "name_vi" if lang_code == "vi" else "name_en"])
        unit = i18n.unit_label(ind.loc[i, "unit"], lang_code)
        labels[i] = name if unit in name else f"{name} ({unit})"
    return options, labels


@bundled_only(st.cache_resource(show_spinner=False, max_entries=64))
def trends_texts(path: str, indicators: tuple[str, ...], year_from: int, year_to: int, transform: str, source: str,
                 lang_code: str) -> dict:
    """What Trends writes around a view (title, description, sources line, notes), built once per view."""
    ind = _load(path).indicators
    points = trend_points(path, indicators, year_from, year_to, transform, source)
    describe = i18n.t("describe" if len(indicators) > 1 else "describe_one", lang_code, start=year_from,
                      end=year_to, n=len(indicators), transform=i18n.t("describe_" + transform, lang_code))
    if transform == analysis.YTD and len(points):  # the years drawn (the last few of the range), not the range
        describe = i18n.t("ytd_subtitle", lang_code, years=", ".join(map(str, sorted({int(y) for y in points["year"]}))))
    # The figure's key names every indicator in its colour, under this title.
    title = i18n.t("page_trends", lang_code)
    shown = list(dict.fromkeys(i18n.source_label(r, lang_code) for r in
                               points[["publisher", "source_title", "source_id", "published"]].to_dict("records")))
    sources_text = "; ".join(shown[:4]) + (f"; +{len(shown) - 4}" if len(shown) > 4 else "")
    breaks = sorted({y for i in indicators if i in ind.index for y in analysis.break_years(ind.loc[i].get("breaks", ""))
                     if year_from < y <= year_to})
    dropped = 0
    if transform == "yoy":
        dropped = len(trend_points(path, indicators, year_from, year_to, "level", source)) - len(points)
    return {
        "empty": points.empty, "describe": describe, "title": title,
        "note": i18n.t("sources_under_chart", lang_code, sources=sources_text),
        "partial": bool((points["span"] == "partial").any()) if len(points) else False,
        "breaks": breaks, "dropped": max(dropped, 0),
    }


@bundled_only(st.cache_resource(show_spinner=False, max_entries=64))
def trends_figure(path: str, indicators: tuple[str, ...], year_from: int, year_to: int, transform: str, source: str,
                  event_kinds: tuple[str, ...], lang_code: str, title: str, subtitle: str):
    """The Trends figure (built once per view: a figure is not changed once drawn, so it is shared, not copied)."""
    from vnintegration.present import charts

    points = trend_points(path, indicators, year_from, year_to, transform, source)
    events = None
    if event_kinds:
        ev = _load(path).events
        events = ev[ev["kind"].isin(event_kinds) & (ev["date"].dt.year >= year_from) & (ev["date"].dt.year <= year_to)]
    return charts.trends_figure(points, lang_code, transform, events, (year_from, year_to), title=title, subtitle=subtitle)


@bundled_only(st.cache_resource(show_spinner=False, max_entries=8))
def partners_figures(path: str, lang_code: str):
    """(the counts at dates, the timeline) for the Partners page."""
    from vnintegration.present import charts

    ds = _load(path)
    points = analysis.counts_at_dates(_frame(path), order={i: n for n, i in enumerate(ds.indicators.index)})
    timeline = charts.timeline_figure(ds.events, lang_code) if len(ds.events) else None
    return points, timeline


@bundled_only(st.cache_data(show_spinner=False, max_entries=8))
def search_text(path: str) -> pd.Series:
    return analysis.search_text(_frame(path))


@bundled_only(st.cache_data(show_spinner=False, max_entries=8))
def catalog(path: str) -> dict:
    """What URL parsing needs to know: ids, years, defaults."""
    ds, fr = _load(path), _frame(path)
    years = analysis.years_with_data(fr)
    return {
        "indicators": list(ds.indicators.index),
        "sources": list(ds.sources.index),
        "years": years,
        "lines": [int(x) for x in fr["_line"]],
        "default_indicators": analysis.default_trend_indicators(fr, ds.indicators),
        "series": list(dict.fromkeys(fr["series"])),
    }


@bundled_only(st.cache_resource(show_spinner=False, max_entries=16))
def source_options(path: str, lang_code: str) -> tuple[list[str], dict[str, str]]:
    """The Trends source picker: all sources side by side, each indicator's preferred source, then each source series
    (the press, then each dataset by its publisher and id), with their labels."""
    fr = _frame(path)
    series = sorted(set(fr["series"]), key=lambda s: (s != analysis.ARTICLES, s))
    labels = {analysis.PREFERRED: i18n.t("source_preferred", lang_code),
              analysis.ALL_SOURCES: i18n.t("source_all", lang_code),
              analysis.ARTICLES: i18n.t("series_articles", lang_code)}
    firsts = fr.drop_duplicates("series").set_index("series")
    for s in series:
        if s != analysis.ARTICLES:
            labels[s] = f"{i18n.source_label(firsts.loc[s], lang_code)} ({s})"
    return [analysis.ALL_SOURCES, analysis.PREFERRED, *series], labels
