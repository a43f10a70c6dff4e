"""The URL and the widgets kept in step (the Streamlit side of views.py, which parses and writes views).

URL values are put into the widgets' session state before they are drawn (on a page's first run, or when
the URL holds values the app did not write, as when a copied link is opened), and after the widgets are
drawn the page writes its state back with `commit`.
"""

from __future__ import annotations

from collections.abc import Mapping

import streamlit as st

from vnintegration.core.words import LANGS
from vnintegration.dashboard.urls import PAGE_PARAMS, RESERVED, Notice
from vnintegration.dashboard.views import parse_lang

_WRITTEN = "_vni_url_written"  # session state: page -> the query params that page last wrote


def query() -> dict[str, list[str]]:
    """The current URL's query parameters (Streamlit's own embed parameters left out)."""
    return {key: st.query_params.get_all(key) for key in st.query_params.keys() if key.lower() not in RESERVED}


def own_params(page: str, params: dict[str, list[str]]) -> dict[str, list[str]]:
    return {k: v for k, v in params.items() if k in PAGE_PARAMS.get(page, ())}


def restore(page: str, params: dict[str, list[str]]) -> dict[str, list[str]]:
    """The params to read: the URL's, or, when the URL has none of the page's own (the browser drops them on
    a page change), what this page last wrote in this session, so that coming back keeps the view."""
    if own_params(page, params):
        return params
    written = st.session_state.get(_WRITTEN, {}).get(page)
    return {**params, **written} if written else params


def seed(page: str, params: dict[str, list[str]], widgets: Mapping[str, object]) -> None:
    """Put the URL's values into the widgets' state before they are drawn: on the page's first run, or when
    the URL's parameters are not the ones this page last wrote (a copied link, the back button)."""
    written = st.session_state.get(_WRITTEN, {}).get(page)
    changed = written != own_params(page, params)
    for key, value in widgets.items():
        if changed or key not in st.session_state:
            st.session_state[key] = value


def commit(page: str, params: Mapping[str, str]) -> None:
    """Make the URL hold this page's state (and the language): exactly `params`, plus lang when not vi."""
    clean = {k: str(v) for k, v in params.items()}
    st.session_state.setdefault(_WRITTEN, {})[page] = {k: [v] for k, v in clean.items()}
    lang = st.session_state.get("lang", "vi")
    target = ({"lang": lang} if lang in LANGS and lang != "vi" else {}) | clean
    if st.query_params.to_dict() != target or any(len(st.query_params.get_all(k)) > 1 for k in target):
        st.query_params.from_dict(target)


def seed_lang() -> tuple[str, list[Notice]]:
    """The language from the URL (or what this session chose), put into the `lang` widget's state."""
    params = query()
    lang, notices = parse_lang(params)
    written = st.session_state.get(_WRITTEN, {}).get("_lang")
    # The switch's state can hold None: a segmented control with no default gives None whenever its state is
    # missing when it is drawn (Streamlit dropped it, or a run ended before the sidebar drew it). Never pass that
    # on: seed the switch again with the language this session last wrote (or the URL's).
    if st.session_state.get("lang") not in LANGS:
        st.session_state["lang"] = (written or {}).get("lang", [lang])[0] if "lang" not in params else lang
    if "lang" not in params and written:
        return st.session_state["lang"], []
    url = {"lang": params["lang"]} if "lang" in params else {}
    if written != url:
        st.session_state["lang"] = lang
    return st.session_state["lang"], notices


def commit_lang(lang: str) -> None:
    """Write the language into the URL (absent for Vietnamese, the default)."""
    st.session_state.setdefault(_WRITTEN, {})["_lang"] = {"lang": [lang]} if lang != "vi" else {}
    current = st.query_params.get_all("lang")
    if lang == "vi" and current:
        del st.query_params["lang"]
    elif lang != "vi" and current != [lang]:
        st.query_params["lang"] = lang
