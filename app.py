"""Entry point: `streamlit run app.py`. Navigation and language only; pages live in src/vnintegration/app_pages.

Streamlit reads this file twice over. `streamlit run` imports it once to serve it (`__name__` is "app" then):
it finds the `st.App` at the end and serves that, which is the usual Streamlit server plus hints in each page's
HTML that let the browser start sooner (app_pages/page_hints.py). Then every page view and rerun runs it as the
app's script (`__name__` is "__main__"): `main()`.
"""

import sys
from pathlib import Path

# Streamlit Community Cloud runs this file without installing the package: make src/ importable.
sys.path.insert(0, str(Path(__file__).resolve().parent / "src"))

import streamlit as st  # noqa: E402

# (file, title key, URL path, the lazily loaded element the page draws first); the first is the landing page.
PAGES = [
    ("overview.py", "page_overview", "overview", None),
    ("trends.py", "page_trends", "trends", "PlotlyChart"),
    ("compare.py", "page_compare", "compare", None),
    ("partners.py", "page_partners", "partners", "PlotlyChart"),
    ("sources.py", "page_sources", "sources", None),
    ("import_article.py", "page_import", "import", None),
]


def main() -> None:
    from vnintegration import i18n
    from vnintegration.app_pages import PAGES_DIR, common, own_data

    lang, notices = common.init_language()  # from the URL (?lang=en) or this session's choice
    st.set_page_config(page_title=i18n.t("app_title", lang), page_icon="🇻🇳", layout="wide")
    pages = [st.Page(PAGES_DIR / file, title=i18n.t(title, lang), url_path=path, default=(n == 0))
             for n, (file, title, path, _) in enumerate(PAGES)]
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


if __name__ == "__main__":
    main()
else:
    from starlette.middleware import Middleware

    from vnintegration.app_pages.page_hints import PageHints

    # Trends in its table view draws no chart first.
    hints = Middleware(PageHints, pages={path: (first,) if first else () for _, _, path, first in PAGES},
                       skip_preload={"trends": {"view": "table"}})
    app = st.App(__file__, middleware=[hints])
