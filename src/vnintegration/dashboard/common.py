"""What every page shares: the data, the language, the banner, the notices, the run order, page parts.

Stable names for pages to import: `lang()`, `t(key, **values)`, `dataset()`, `frame()`, `key()`, `data_dir()`,
`banner()`, `show_notices()`.

The data directory is the repository's data/ (found from this file), or $VNI_DATA_DIR. `dataset()` and `frame()`
come from caches.py (where every process-wide cache is, and its convention), under `key()`: the data directory,
or this session's upload.
"""

from __future__ import annotations

import logging
import threading
from pathlib import Path
from urllib.parse import urlsplit

import pandas as pd
import streamlit as st

from vnintegration.core import load
from vnintegration.core.validate import Dataset
from vnintegration.core.words import LANGS
from vnintegration.dashboard import caches, own_data, state, urls
from vnintegration.present import i18n
from vnintegration.present.export import format_free_frame, safe_text

_LOG = logging.getLogger("vnintegration")


def data_dir() -> Path:
    """The data directory (core.load.data_dir: $VNI_DATA_DIR, else the repository's data/)."""
    return load.data_dir()


def dataset() -> Dataset:
    """The validated dataset (cached: validation runs once per data directory)."""
    return caches.dataset(key())


def figures() -> pd.DataFrame:
    """Every valid figure, those with a partner or a product too (the Sources page), enriched like frame()."""
    return caches.figures(key())


def frame() -> pd.DataFrame:
    """analysis.enrich(dataset()): valid observations with indicator and source metadata (cached)."""
    return caches.frame(key())


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


def script_error(error: Exception) -> bool:
    """st.App's `on_script_error` (app.py): an uncaught exception of a run or a widget callback, such as a widget
    value of the wrong type sent by a hostile client. The reader gets one line in their language, never a type,
    message, path or source line; the server's log gets the whole error. True: Streamlit shows nothing of its own.

    (Streamlit's rerun and stop signals are not errors and never reach this; `client.showErrorDetails = "none"` in
    .streamlit/config.toml stays as the fallback where the app is run without st.App. app.py imports this module
    only when a run fails: imported with the server, the caches would be made before Streamlit's runtime.)"""
    _LOG.error("script error on %s", _page_path(), exc_info=error)
    st.error(i18n.t("script_error", _reader_lang()), icon="⚠️")
    return True


def _reader_lang() -> str:
    """lang(), or the URL's alone when the session state is what failed (a widget value that cannot be read)."""
    try:
        return lang()
    except Exception:  # noqa: BLE001
        value = st.query_params.get("lang")
        return value if value in LANGS else i18n.DEFAULT_LANG


def _page_path() -> str:
    try:
        return urlsplit(st.context.url or "").path or "/"
    except Exception:  # noqa: BLE001 - only for the log line
        return "?"


# ---------------------------------------------------------------------------------------------- page parts


def show_table(frame: pd.DataFrame, **options):
    """st.dataframe(FRAME, **OPTIONS) for a table of URL or data text: format characters (bidi controls, zero-width
    characters) removed from its cells and names first (export.format_free_frame)."""
    return st.dataframe(format_free_frame(frame), **options)


def banner(ds: Dataset | None = None) -> None:
    """Say how many rows were set aside when the data has errors (they are listed on the Sources page)."""
    ds = ds or dataset()
    if len(ds.rejected):
        st.warning(t("rows_set_aside", n=len(ds.rejected)), icon="⚠️")


def show_notices(notices) -> None:
    """One short line per ignored URL parameter (at most a handful), shown as text: names and values come from
    the URL, and a link is no place for Markdown, HTML or LaTeX."""
    if notices:
        st.caption("  \n".join("⚠️ " + safe_text(line) for line in urls.notice_lines(notices, lang())))


# ---------------------------------------------------------------------------------------------- print and share

# Every page's print stylesheet (A4 portrait, no sidebar, no header, no share control; the main block the page's
# width, charts and tables within it and never cut across a page; a container keyed `noprint_...` is left out),
# and the share control's place: a small button
# in the header's band, top right, so that it costs no room on the page. Injected once a run by `page_style()`.
PRINT_CSS = """
@media print {
  @page { size: A4 portrait; margin: 12mm; }
  [data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"], [data-testid="stExpandSidebarButton"],
  [data-testid="stHeader"], header, [data-testid="stToolbar"], [data-testid="stDecoration"],
  [data-testid="stStatusWidget"], .st-key-vni_share, [data-testid="stBottom"],
  [class*="st-key-noprint_"] { display: none !important; }
  html, body, [data-testid="stApp"], [data-testid="stAppViewContainer"], [data-testid="stMain"] {
    position: static !important; overflow: visible !important; height: auto !important; width: 100% !important;
    max-width: 100% !important; margin: 0 !important; }
  [data-testid="stMainBlockContainer"], .block-container {
    max-width: 100% !important; width: 100% !important; padding: 0 !important; min-width: 0 !important; }
  [data-testid="stMain"] * { max-width: 100% !important; box-sizing: border-box; }
  [data-testid="stHorizontalBlock"], [data-testid="stLayoutWrapper"] { flex-wrap: wrap !important; }
  [data-testid="stColumn"] { min-width: 0 !important; }
  [data-testid="stPlotlyChart"], [data-testid="stDataFrame"], [data-testid="stTable"], [data-testid="stMetric"],
  [data-testid="stImage"], [data-testid="stVerticalBlockBorderWrapper"] {
    width: 100% !important; page-break-inside: avoid; break-inside: avoid; }
  [data-testid="stPlotlyChart"] .js-plotly-plot, [data-testid="stPlotlyChart"] .plot-container,
  [data-testid="stPlotlyChart"] .svg-container { width: 100% !important; overflow: hidden !important; }
  .modebar-container, [data-testid="stElementToolbar"] { display: none !important; }
  [data-testid="stSlider"] { padding: 0 1rem !important; }  /* a thumb's value at the end stays on the page */
  h1, h2, h3 { page-break-after: avoid; break-after: avoid; }
}
.st-key-vni_share { position: fixed; top: 0.55rem; right: 3.25rem; left: auto; z-index: 999991;
  width: max-content !important; max-width: calc(100vw - 6rem); }
.st-key-vni_share button { padding: 0.1rem 0.6rem; min-height: 2rem; }
ul.vni-brief li { margin: 0.25rem 0; }
"""


def page_style() -> None:
    """The print stylesheet and the share control's place, for every page (app.py calls it once a run)."""
    st.html(f"<style>{PRINT_CSS}</style>")


def header(title_key: str, intro_key: str | None = None) -> None:
    st.title(t(title_key))
    if intro_key:
        st.caption(t(intro_key))
    banner()


# Plotly's mode bar on every chart: no logo, the PNG at twice the size and named after the view, the selection
# tools gone; on charts whose axes are fixed (every page but Trends and Compare) the zoom and pan tools too.
NO_SELECT = ("lasso2d", "select2d")
NO_ZOOM = (*NO_SELECT, "zoom2d", "pan2d", "zoomIn2d", "zoomOut2d", "autoScale2d")


def plotly_config(filename: str, removed: tuple[str, ...] = NO_ZOOM) -> dict:
    return {"displaylogo": False, "modeBarButtonsToRemove": list(removed),
            "toImageButtonOptions": {"format": "png", "filename": filename, "scale": 2}}


def table_and_csv(label: str, key: str, table, csv, file_name: str, button: str, expanded: bool = False) -> None:
    """A chart's table and its CSV download (the same rows) in an expander that draws them only while it is open:
    Streamlit's lazy expander (`on_change="rerun"`). TABLE() gives the frame shown and CSV() the file's bytes; a
    closed table is neither built nor sent, so a page's first load does not fetch the data grid's scripts while the
    chart's are on their way. Opening it is one rerun from the caches. Keys: KEY_open, KEY_table, KEY_csv."""
    box = st.expander(label, expanded=expanded, key=f"{key}_open", on_change="rerun")
    with box:
        if box.open:
            show_table(table(), hide_index=True, width="stretch", key=f"{key}_table")
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
