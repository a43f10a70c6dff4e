"""Entry point: `streamlit run app.py`. Navigation and language only; pages live in src/vnintegration/app_pages."""

import sys
from pathlib import Path

# Streamlit Community Cloud runs this file without installing the package: make src/ importable.
sys.path.insert(0, str(Path(__file__).resolve().parent / "src"))

import streamlit as st  # noqa: E402

from vnintegration import i18n  # noqa: E402
from vnintegration.app_pages import PAGES_DIR, common, own_data  # noqa: E402

lang, notices = common.init_language()  # from the URL (?lang=en) or this session's choice
st.set_page_config(page_title=i18n.t("app_title", lang), page_icon="🇻🇳", layout="wide")

# (file, title key, URL path); the first is the landing page.
PAGES = [
    ("overview.py", "page_overview", "overview"),
    ("trends.py", "page_trends", "trends"),
    ("compare.py", "page_compare", "compare"),
    ("partners.py", "page_partners", "partners"),
    ("sources.py", "page_sources", "sources"),
    ("import_article.py", "page_import", "import"),
]
pages = [st.Page(PAGES_DIR / file, title=i18n.t(title, lang), url_path=path, default=(n == 0))
         for n, (file, title, path) in enumerate(PAGES)]
current = st.navigation(pages)


def sidebar() -> None:
    with st.sidebar:
        common.language_toggle()
        st.caption(i18n.t("app_tagline", common.lang()))
    own_data.sidebar(common.data_dir(), common.lang())


common.show_notices(notices)
common.after_page(sidebar)  # the page is sent first: the browser starts on its content, the sidebar follows
try:
    current.run()
except common.PageDone:  # the page ended early (common.stop)
    pass
common.finish()
