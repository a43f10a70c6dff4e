"""Streamlit pages: thin, they read the URL state, call the core, and render.

Named app_pages, not pages: beside an entry point, a `pages/` folder switches on
Streamlit's legacy multipage mode.
"""

from pathlib import Path

PAGES_DIR = Path(__file__).resolve().parent
