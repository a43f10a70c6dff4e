"""The Streamlit side: URL state, the page registry, what pages share, and the pages. The only layer that
imports Streamlit."""
