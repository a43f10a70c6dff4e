"""Share and embed: the link of the view a reader sees, and an iframe snippet of it, on every page (app.py draws the
control once, after the page has written its state to the URL). Also the addresses the Brief's links point to.

The link is the app's address (st.context.url, the browser's, with the page's path taken off), the page's path and
the query string the page wrote (st.query_params, which never holds Streamlit's own `embed` parameters). The embed
snippet adds `embed=true`, Streamlit's documented embedded mode (no toolbar, no padding, no app menu).

Both are shown in st.code blocks (a copy button each, text never rendered as Markdown), in a popover that costs one
small button in the top right corner. In print (common.PRINT_CSS) and in embedded mode the control is hidden.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable, Mapping
from urllib.parse import quote, urlencode, urlsplit, urlunsplit

import streamlit as st

from vnintegration.core.brief import Link
from vnintegration.dashboard import state
from vnintegration.dashboard.registry import BY_NAME, PAGES
from vnintegration.present import i18n

KEY = "vni_share"  # the control's container: .st-key-vni_share (hidden in print)
EMBED_HEIGHT = 520
_PATH_SAFE = "/-._~"


def clean_base(url: str | None, page_path: str = "") -> str:
    """The app's root address from the browser's URL of a page (scheme, host and path; no query, no fragment), the
    page's own path (PAGE_PATH, a registry url_path) taken off; "" when it is not an http(s) address."""
    if not url:
        return ""
    try:
        parts = urlsplit(str(url).strip())
    except ValueError:
        return ""
    if parts.scheme not in ("http", "https") or not parts.netloc or re.search(r"[\s<>\"'`\\]", parts.netloc):
        return ""
    path = parts.path.rstrip("/")
    if page_path and (path == "/" + page_path or path.endswith("/" + page_path)):
        path = path[: len(path) - len(page_path) - 1]
    path = quote(path, safe=_PATH_SAFE + "%")
    return urlunsplit((parts.scheme, parts.netloc, path, "", ""))


def page_url(base: str, url_path: str, params: Mapping[str, str] | None = None) -> str:
    """BASE/URL_PATH?PARAMS (a relative /URL_PATH?... without a base); values percent-encoded."""
    query = urlencode([(str(k), str(v)) for k, v in (params or {}).items()], quote_via=quote)
    return f"{base.rstrip('/')}/{quote(url_path, safe=_PATH_SAFE)}" + (f"?{query}" if query else "")


def link_url(base: str, lang: str) -> Callable[[Link], str]:
    """Link -> its address on this app, in LANG (lang= added unless Vietnamese, the default)."""

    def url_of(link: Link) -> str:
        page = BY_NAME.get(link.page)
        path = page.url_path if page is not None else link.page
        params = dict(link.params) | ({"lang": lang} if lang != "vi" else {})
        return page_url(base, path, params)

    return url_of


def embed_url(url: str) -> str:
    return url + ("&" if "?" in url else "?") + "embed=true"


def iframe(url: str, title: str) -> str:
    """The embed snippet: an iframe of URL in embedded mode (attributes escaped)."""
    src = html.escape(embed_url(url), quote=True)
    return (f'<iframe src="{src}" width="100%" height="{EMBED_HEIGHT}" style="border:0" '
            f'title="{html.escape(title, quote=False).replace(chr(34), "&quot;")}" loading="lazy"></iframe>')


# ---------------------------------------------------------------------------------------------- Streamlit side


def app_base(page_path: str = "") -> str:
    """This app's root address as the reader's browser sees it ("" when Streamlit does not say)."""
    try:
        url = getattr(st.context, "url", None)
    except Exception:  # noqa: BLE001 - no browser context (a bare script run): relative links
        url = None
    known = {p.url_path for p in PAGES}
    return clean_base(url, page_path if page_path in known else "")


def embedded() -> bool:
    """Is the app shown in embedded mode (?embed=true)?"""
    try:
        return bool(getattr(st.context, "is_embedded", False))
    except Exception:  # noqa: BLE001
        return False


def control(page_path: str, lang: str) -> None:
    """The share popover (called once a run, by app.py after the page): the view's link and the embed snippet."""
    if embedded():
        return
    # the URL as the page left it, a parameter's last value (state.query leaves Streamlit's own out)
    url = page_url(app_base(page_path), page_path, {k: v[-1] for k, v in state.query().items() if v})
    title = i18n.t("app_title", lang)
    box = st.container(key=KEY, width="content")
    with box.popover("🔗 " + i18n.t("share_button", lang), width="content"):
        st.caption(i18n.t("share_link", lang))
        st.code(url, language=None, wrap_lines=True)
        st.caption(i18n.t("share_embed", lang))
        st.code(iframe(url, title), language="html", wrap_lines=True)
        st.caption(i18n.t("share_help", lang))
