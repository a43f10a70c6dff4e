"""Entry point: `streamlit run app.py`. Navigation only; pages live in src/vnintegration/app_pages."""

import sys
from pathlib import Path

# Streamlit Community Cloud runs this file without installing the package: make src/ importable.
sys.path.insert(0, str(Path(__file__).resolve().parent / "src"))

import streamlit as st  # noqa: E402

from vnintegration.validate import validate_dir  # noqa: E402

st.set_page_config(page_title="Vietnam integration dashboard", layout="wide")
dataset = validate_dir(Path(__file__).resolve().parent / "data")
st.title("Hội nhập kinh tế quốc tế của Việt Nam")
st.dataframe(dataset.observations.drop(columns=["_line"]), hide_index=True)
