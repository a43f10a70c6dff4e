"""Brief: a cited summary of the newest period, generated from the data (core/brief.py), worded in vi/en
(present/brief/text.py), to read, copy as text or Markdown, print, or download as a Word document.

Every number is a link to its row on the Sources page (or, for a dataset extract's figure, to the Sources page
filtered by that source). The lists are HTML whose every text is escaped (present/brief/render.html_line: names and
labels come from the data) and whose addresses the app builds itself; headings are shown as text (safe_text).
URL parameters: lang only.
"""

from __future__ import annotations

import streamlit as st

from vnintegration.core import analysis
from vnintegration.dashboard import caches, common, share, state, views
from vnintegration.dashboard.common import t
from vnintegration.present.brief import render, text
from vnintegration.present.export import safe_text

lang = common.lang()
notices = views.parse_page(state.query(), "brief")

common.header("page_brief", "brief_intro")
common.show_notices(notices)
state.commit("brief", {})

path, span = common.key(), analysis.NEWEST
brief = caches.brief(path, span)
base = share.app_base("brief")
doc = text.worded(brief, lang, share.link_url(base, lang))

if not doc.blocks:
    st.info(t("brief_empty"))
else:
    with st.container(key="brief_body"):
        st.caption(safe_text(doc.intro))
        for block in doc.blocks:
            st.subheader(safe_text(block.heading), anchor=False)
            st.html(render.html_list([render.html_line(line) for line in block.lines]))
            if block.note:
                st.caption(safe_text(block.note))
    with st.container(key="brief_sources"):
        st.subheader(safe_text(t("brief_sources")), anchor=False)
        st.html(render.html_list([render.html_link(url, label) for label, url in doc.sources]))

    st.divider()
    export = st.container(key="noprint_brief_export")  # the buttons and copies are not printed
    export.download_button(t("brief_docx"), caches.brief_docx(path, span, lang, base),
                           file_name=f"brief-{lang}.docx", key="brief_docx", on_click="ignore", icon="📄",
                           mime="application/vnd.openxmlformats-officedocument.wordprocessingml.document")
    export.caption(t("brief_print"))
    with export.expander(t("brief_copy_text"), key="brief_text_open"):
        st.caption(t("brief_copy_help"))
        st.code(render.to_text(doc), language=None, wrap_lines=True)
    with export.expander(t("brief_copy_markdown"), key="brief_md_open"):
        st.caption(t("brief_copy_help"))
        st.code(render.to_markdown(doc), language="markdown", wrap_lines=True)

common.footer()
