"""The one way a page shows "About this data" (present/about.py's About): an expander (or a popover on an Overview
card) of labelled plain-text lines and a link button to each publisher's page. Nothing from the data is rendered
as Markdown or HTML: labels and lines go through safe_text, addresses are followed only when http(s)."""

from __future__ import annotations

import streamlit as st

from vnintegration.dashboard.common import t
from vnintegration.present.about import About, is_http
from vnintegration.present.export import safe_text


def body(abouts: list[About], key: str) -> None:
    """The lines and links of ABOUTS (one per indicator), in the container in use."""
    for n, about in enumerate(abouts):
        if len(abouts) > 1:
            st.markdown(f"**{safe_text(about.name)}**")
        for label, text in about.lines:
            st.caption(f"**{safe_text(label)}:** {safe_text(text)}")
        for i, link in enumerate(about.links):
            if is_http(link.url):
                st.link_button(safe_text(link.label), link.url, key=f"{key}_link_{n}_{i}", width="content")


def about_box(abouts: list[About] | About, key: str, expanded: bool = False) -> None:
    """"About this data" under a chart: an expander holding each indicator's About."""
    abouts = [abouts] if isinstance(abouts, About) else [a for a in abouts if a is not None]
    if not abouts:
        return
    with st.expander(t("about_heading"), expanded=expanded, key=f"{key}_about"):
        body(abouts, key)


def about_popover(about: About, key: str) -> None:
    """"About this data" on an Overview card: a small popover (a card stays short on a phone)."""
    with st.popover(t("about_heading"), key=f"{key}_about", width="content"):
        body([about], key)
