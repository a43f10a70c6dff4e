"""What readers see, built from the core without Streamlit: strings and formats in two languages (i18n), tables,
plotly figures, the safe CSV export."""
