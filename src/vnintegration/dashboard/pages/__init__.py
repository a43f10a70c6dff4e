"""One thin module per page: read the URL state, call the core, render. Listed in dashboard/registry.py.

Named pages inside dashboard/, not a top-level `pages/`: beside an entry point, a `pages/` folder switches on
Streamlit's legacy multipage mode.
"""
