"""The Partners page: its figures, tables and words."""
