"""Entry point: `streamlit run app.py`. Navigation, language and the sidebar; the pages are listed in
src/vnintegration/dashboard/registry.py and live in src/vnintegration/dashboard/pages/."""

import sys
from pathlib import Path

# Streamlit Community Cloud runs this file without installing the package: make src/ importable.
sys.path.insert(0, str(Path(__file__).resolve().parent / "src"))

import streamlit as st  # noqa: E402


def main() -> None:
    # Imported here, not when the server imports this file to find `app`: the pages' caches are made inside
    # Streamlit's runtime.
    from vnintegration.dashboard import common, own_data, share
    from vnintegration.dashboard.registry import PAGES
    from vnintegration.present import i18n

    lang, notices = common.init_language()  # from the URL (?lang=en) or this session's choice
    st.set_page_config(page_title=i18n.t("app_title", lang), page_icon="🇻🇳", layout="wide")
    pages = [st.Page(page.file, title=i18n.t(page.title_key, lang), url_path=page.url_path, default=(n == 0))
             for n, page in enumerate(PAGES)]
    current = st.navigation(pages)
    shown = next((page for page, entry in zip(PAGES, pages) if entry is current), PAGES[0])
    common.page_style()  # every page prints to A4 without the sidebar; the share control's place

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
    share.control(shown.url_path, common.lang())  # after the page: the link holds the view the page wrote
    own_data.release_memory()  # after sessions that held uploads have gone (at most every 30 s, while any is held)


if __name__ == "__main__":  # a session's run (streamlit run, AppTest)
    main()
else:  # `streamlit run app.py` (or `uvicorn app:app`) imports the file to find its ASGI app: the server, with
    # compressed responses, the data API under the server's base path, and the project's own answer to a script error
    from vnintegration import api
    from vnintegration.dashboard import serving

    def script_error(error: BaseException) -> bool:
        # common is imported at the first error, not when the server imports this file: it makes the pages'
        # caches, which need Streamlit's runtime.
        from vnintegration.dashboard import common

        return common.script_error(error)

    app = st.App(__file__, middleware=serving.middleware(),
                 routes=api.routes(base_path=st.get_option("server.baseUrlPath")), on_script_error=script_error)
