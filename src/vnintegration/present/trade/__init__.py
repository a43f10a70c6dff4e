"""The Trade page: its figures (charts.py), tables (tables.py) and words (strings.py)."""
