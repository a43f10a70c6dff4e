"""The data and its rules: model, loading, validation, numbers, periods, datasets, analysis. Plain Python: imports
neither Streamlit, plotly nor the extractor (tests/test_layers.py keeps it so)."""
