"""The data API: the bundled, validated data at stable addresses (/api/v1/...), plain HTTP routes that app.py's
st.App serves beside the dashboard. No Streamlit: Starlette, the core and the present layer, and the dashboard's
pure URL parsers (views.py, peers_state.py, urls.py), so that an address reads the same view as its page.

- bundle.py: the data directory read and validated once per process, and its version;
- endpoints.py: every endpoint, its parameters and the table it builds (with the pages' own builders);
- http.py: the routes and the conventions (CSV and JSON, ETag and 304, CORS, errors as JSON).
"""

from vnintegration.api.http import routes

__all__ = ["routes"]
